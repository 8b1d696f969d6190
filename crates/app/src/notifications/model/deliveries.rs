//! Deliveries, one per recipient and channel, as admins list them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{Channel, one_of};

/// Where a notification is for one recipient on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryStatus {
    Pending,
    Sent,
    Failed,
    Skipped,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 4] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Sent,
        DeliveryStatus::Failed,
        DeliveryStatus::Skipped,
    ];
    pub const ALLOWED: &'static str = "pending, sent, failed, skipped";

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// `GET /admin/broadcasts/{id}/deliveries`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    #[param(value_type = Option<DeliveryStatus>)]
    pub status: Option<String>,
    #[param(value_type = Option<Channel>)]
    pub channel: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl DeliveryQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }

    pub fn resolve(
        &self,
        e: &mut FieldErrors,
    ) -> (
        kernel::pagination::Page,
        Option<DeliveryStatus>,
        Option<Channel>,
    ) {
        let page = self.paging().check(e);
        let status = self.status.as_deref().and_then(|s| {
            one_of(
                e,
                "status",
                s,
                DeliveryStatus::parse,
                DeliveryStatus::ALLOWED,
            )
        });
        let channel = self
            .channel
            .as_deref()
            .and_then(|c| one_of(e, "channel", c, Channel::parse, Channel::ALLOWED));
        (page, status, channel)
    }
}

impl Validate for DeliveryQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.resolve(&mut e);
        e.into_result()
    }
}

/// One recipient's delivery on one channel.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user_name: Option<String>,
    pub user_phone: String,
    #[schema(value_type = Channel)]
    pub channel: String,
    #[schema(value_type = DeliveryStatus)]
    pub status: String,
    /// The adapter: `fcm`, `webpush`, `oursms`, `smtp`, `log`, `outbox`, `inbox`.
    pub provider: Option<String>,
    /// The provider's message id(s), when it gives one.
    pub provider_id: Option<String>,
    pub error: Option<String>,
    pub attempts: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}
