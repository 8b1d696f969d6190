use std::sync::Arc;

use providers::payments::CardGateway;
use providers::sms::SmsSender;
use providers::storage::Storage;
use sqlx::PgPool;

use crate::config::AppConfig;
use crate::identity::tokens::Keys;
use crate::products::search::ProductSearch;

/// What every handler and service can reach; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<AppConfig>,
    pub keys: Arc<Keys>,
    pub sms: Arc<dyn SmsSender>,
    /// Where uploaded files are kept.
    pub storage: Storage,
    /// The product search engine (PostgreSQL by default).
    pub search: Arc<dyn ProductSearch>,
    /// The card gateway: N-Genius, or the built-in sandbox by default.
    pub gateway: Arc<dyn CardGateway>,
    /// The shipping carrier (OTO) when configured; none: the local courier
    /// with its rate table and the store's own steps.
    pub carrier: Option<Arc<dyn providers::shipping::Carrier>>,
    /// Emits live events to Socket.IO rooms (after commits).
    pub realtime: crate::realtime::Realtime,
    /// Push to phones: FCM, or the log by default.
    pub push: Arc<dyn providers::push::PushSender>,
    /// Email: SMTP, or the log by default.
    pub email: Arc<dyn providers::email::EmailSender>,
    /// Web Push to the PWAs, when VAPID keys are configured.
    pub webpush: Option<Arc<dyn providers::webpush::WebPushSender>>,
    /// How many uploaded images this node decodes at once (`media.decode_concurrency`).
    pub image_decoding: crate::media::decoding::DecodeGate,
    /// The system settings as this node last loaded them.
    pub settings: crate::settings::SettingsCache,
}
