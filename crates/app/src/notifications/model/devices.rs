//! Device tokens: the platforms and apps, registration bodies, web push
//! subscriptions in their canonical form.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{locale_from_db, locale_of, one_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Android,
    Ios,
    /// A PWA: the token is the browser's PushSubscription JSON.
    Web,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Android, Platform::Ios, Platform::Web];
    pub const ALLOWED: &'static str = "android, ios, web";

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Ios => "ios",
            Platform::Web => "web",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Which of the product's apps a device runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum AppKind {
    Customer,
    Store,
    Rider,
    Partner,
    Admin,
}

impl AppKind {
    pub const ALL: [AppKind; 5] = [
        AppKind::Customer,
        AppKind::Store,
        AppKind::Rider,
        AppKind::Partner,
        AppKind::Admin,
    ];
    pub const ALLOWED: &'static str = "customer, store, rider, partner, admin";

    pub fn as_str(self) -> &'static str {
        match self {
            AppKind::Customer => "customer",
            AppKind::Store => "store",
            AppKind::Rider => "rider",
            AppKind::Partner => "partner",
            AppKind::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<AppKind> {
        AppKind::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Longest device token (a PushSubscription JSON is a few hundred bytes).
pub const MAX_TOKEN_BYTES: usize = 2048;

/// `POST /devices`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeviceInput {
    #[serde(default)]
    #[schema(required = true, value_type = Platform)]
    pub platform: String,
    /// The FCM registration token; for `web`, the PushSubscription JSON
    /// `{endpoint, keys: {p256dh, auth}}` as a string. At most 2048 bytes.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 2048, pattern = "\\S")]
    pub token: String,
    #[serde(default)]
    #[schema(required = true, value_type = AppKind)]
    pub app: String,
    /// `ar` or `en` (default: the request's language).
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

/// A checked device registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub platform: Platform,
    /// Web subscriptions in one canonical form, so one browser is one row.
    pub token: String,
    pub app: AppKind,
    pub locale: Option<Locale>,
}

/// A browser's PushSubscription as stored in `devices.token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub endpoint: String,
    pub keys: SubscriptionKeys,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionKeys {
    pub p256dh: String,
    pub auth: String,
}

impl Subscription {
    /// Reads `{endpoint, keys: {p256dh, auth}}` (other members, such as
    /// `expirationTime`, are ignored); `None` unless the endpoint is an
    /// http(s) URL and both keys are there.
    pub fn parse(token: &str) -> Option<Subscription> {
        let s: Subscription = serde_json::from_str(token).ok()?;
        let endpoint_ok = (s.endpoint.starts_with("https://") || s.endpoint.starts_with("http://"))
            && reqwest::Url::parse(&s.endpoint).is_ok_and(|u| u.host_str().is_some());
        let keys_ok = !s.keys.p256dh.trim().is_empty() && !s.keys.auth.trim().is_empty();
        (endpoint_ok && keys_ok).then_some(s)
    }

    /// The canonical JSON text stored as the token.
    pub fn canonical(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A device token in its stored form: web subscriptions canonical, others trimmed.
pub fn canonical_token(token: &str) -> String {
    match Subscription::parse(token.trim()) {
        Some(s) => s.canonical(),
        None => token.trim().to_owned(),
    }
}

impl DeviceInput {
    pub fn resolve(&self) -> Result<NewDevice, ApiError> {
        let mut e = FieldErrors::new();
        let platform = one_of(
            &mut e,
            "platform",
            &self.platform,
            Platform::parse,
            Platform::ALLOWED,
        );
        let app = one_of(&mut e, "app", &self.app, AppKind::parse, AppKind::ALLOWED);
        let locale = self
            .locale
            .as_deref()
            .and_then(|l| locale_of(&mut e, "locale", l));
        let token = self.token.trim();
        let mut stored = token.to_owned();
        if e.required("token", token) {
            // Bytes, not characters: the token is indexed (tokens are ASCII anyway).
            if token.len() > MAX_TOKEN_BYTES {
                e.add(
                    "token",
                    Message::new("validation-too-long").arg("max", MAX_TOKEN_BYTES),
                );
            }
            if platform == Some(Platform::Web) {
                match Subscription::parse(token) {
                    Some(s) => stored = s.canonical(),
                    None => {
                        e.add(
                            "token",
                            Message::new("notifications-validation-web-subscription"),
                        );
                    }
                }
            }
        }
        e.into_result()?;
        match (platform, app) {
            (Some(platform), Some(app)) => Ok(NewDevice {
                platform,
                token: stored,
                app,
                locale,
            }),
            _ => Err(ApiError::field(
                "platform",
                Message::new("validation-required"),
            )),
        }
    }
}

impl Validate for DeviceInput {
    fn validate(&self) -> Result<(), ApiError> {
        self.resolve().map(|_| ())
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub platform: String,
    pub token: String,
    pub app: String,
    pub locale: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A registered device.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub id: Uuid,
    pub platform: Platform,
    pub app: AppKind,
    pub locale: Locale,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<DeviceRow> for Device {
    fn from(r: DeviceRow) -> Self {
        Device {
            id: r.id,
            platform: Platform::parse(&r.platform).unwrap_or(Platform::Android),
            app: AppKind::parse(&r.app).unwrap_or(AppKind::Customer),
            locale: locale_from_db(&r.locale),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// What the PWAs subscribe with.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebPushKey {
    /// The VAPID public key, base64url: `applicationServerKey` of `pushManager.subscribe`.
    pub public_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::model::fields;

    #[test]
    fn a_device_names_every_failing_field_and_web_tokens_are_canonical() {
        let bad = DeviceInput {
            platform: "nokia".into(),
            token: String::new(),
            app: "x".into(),
            locale: Some("fr".into()),
        };
        assert_eq!(
            fields(bad.resolve()),
            ["app", "locale", "platform", "token"]
        );
        let web = DeviceInput {
            platform: "web".into(),
            token: r#"{"keys":{"auth":"a","p256dh":"b"},"endpoint":"https://push.example/x","expirationTime":null}"#.into(),
            app: "customer".into(),
            locale: None,
        };
        let d = web.resolve().unwrap();
        assert_eq!(
            d.token,
            r#"{"endpoint":"https://push.example/x","keys":{"p256dh":"b","auth":"a"}}"#
        );
        let not_json = DeviceInput {
            token: "abc".into(),
            ..web
        };
        assert_eq!(fields(not_json.resolve()), ["token"]);
    }
}
