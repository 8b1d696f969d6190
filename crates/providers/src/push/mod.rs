//! Push notifications to phones: the [`PushSender`] port and its adapters.
//!
//! - [`Fcm`]: Firebase Cloud Messaging HTTP v1 (service-account OAuth2 token), used in production.
//! - [`LogPush`]: the local dev/demo default; logs the message and reports it sent.
//! - `fake_fcm` (cargo feature `fake`): an in-process fake FCM server (token endpoint and
//!   `messages:send`) for tests.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use uuid::Uuid;

pub mod fcm;

#[cfg(feature = "fake")]
pub mod fake_fcm;

pub use fcm::{Fcm, FcmConfig};

/// One notification to one device.
///
/// `Debug` masks the device token.
#[derive(Clone, PartialEq, Eq)]
pub struct PushMessage {
    /// The FCM registration token of the device.
    pub token: String,
    /// Already in the recipient's language.
    pub title: String,
    pub body: String,
    /// Key/value pairs for the app (e.g. `orderId`, `type`). FCM wants string values only.
    pub data: BTreeMap<String, String>,
    /// `"ar"` or `"en"`: the language `title` and `body` are in (for logs; FCM does not use it).
    pub locale: String,
}

impl fmt::Debug for PushMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushMessage")
            .field("token", &mask_token(&self.token))
            .field("title", &self.title)
            .field("body", &self.body)
            .field("data", &self.data)
            .field("locale", &self.locale)
            .finish()
    }
}

/// What became of a message the provider answered about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// Accepted. `message_id` is the provider's id (FCM: the `name`,
    /// `projects/{project}/messages/{id}`).
    Sent { message_id: String },
    /// The device token is dead (FCM `UNREGISTERED`, or `INVALID_ARGUMENT` about the token):
    /// prune it and do not retry.
    InvalidToken,
    /// Try again later: after `after` when the provider said (`Retry-After`), else with backoff
    /// (HTTP 429 and 5xx, FCM `QUOTA_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`).
    Retry { after: Option<Duration> },
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The adapter cannot be set up: bad service-account JSON or key, bad URL.
    #[error("push configuration error: {0}")]
    Config(String),
    /// Connecting, sending or reading failed (DNS, TLS, timeout, reset, ...).
    #[error("push provider unreachable: {0}")]
    Unreachable(String),
    /// The provider refused the request for a reason retrying will not fix (credentials,
    /// `SENDER_ID_MISMATCH`, `THIRD_PARTY_AUTH_ERROR`, a malformed message, ...). `message` is
    /// the provider's error code or text.
    #[error("push provider refused: {status} {message}")]
    Refused { status: u16, message: String },
}

#[async_trait::async_trait]
pub trait PushSender: Send + Sync {
    /// Short adapter name for logs and metrics, e.g. `"fcm"`, `"log"`.
    fn name(&self) -> &'static str;
    async fn send(&self, m: &PushMessage) -> Result<PushOutcome, PushError>;
}

/// The local dev/demo push sender: nothing leaves the machine. Each message is written to the
/// log (masked token, title, body, data) and reported [`PushOutcome::Sent`] with a new id.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogPush;

impl LogPush {
    pub fn new() -> Self {
        Self
    }
}

#[async_trait::async_trait]
impl PushSender for LogPush {
    fn name(&self) -> &'static str {
        "log"
    }

    async fn send(&self, m: &PushMessage) -> Result<PushOutcome, PushError> {
        let message_id = format!("log-{}", Uuid::now_v7());
        // Showing the text here is the point of this sender (dev/demo only).
        tracing::info!(
            provider = "log",
            %message_id,
            token = %mask_token(&m.token),
            locale = %m.locale,
            title = %m.title,
            body = %m.body,
            data = ?m.data,
            "push (log, not sent)"
        );
        Ok(PushOutcome::Sent { message_id })
    }
}

/// Masks a device token for logs: its first 6 characters and its length, e.g.
/// `fGc9Xk…(163 chars)`. Tokens of 12 characters or fewer are masked entirely.
pub fn mask_token(token: &str) -> String {
    let len = token.chars().count();
    if len <= 12 {
        return format!("…({len} chars)");
    }
    let head: String = token.chars().take(6).collect();
    format!("{head}…({len} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> PushMessage {
        PushMessage {
            token: "fGc9Xk2Qz0yVbN3mL8pRtW5sE1aH7jD4uI6oK".to_owned(),
            title: "طلبك في الطريق".to_owned(),
            body: "الطلب 1001".to_owned(),
            data: BTreeMap::from([("orderId".to_owned(), "1001".to_owned())]),
            locale: "ar".to_owned(),
        }
    }

    #[test]
    fn masks_tokens() {
        assert_eq!(mask_token("fGc9Xk2Qz0yVbN3mL8p"), "fGc9Xk…(19 chars)");
        assert_eq!(mask_token("short"), "…(5 chars)");
        assert_eq!(mask_token(""), "…(0 chars)");
    }

    #[test]
    fn debug_hides_the_token() {
        let dbg = format!("{:?}", message());
        assert!(
            !dbg.contains("fGc9Xk2Qz0yVbN3mL8pRtW5sE1aH7jD4uI6oK"),
            "{dbg}"
        );
        assert!(dbg.contains("fGc9Xk…(37 chars)"), "{dbg}");
    }

    #[tokio::test]
    async fn log_push_reports_sent() {
        let outcome = LogPush::new().send(&message()).await.unwrap();
        assert!(
            matches!(&outcome, PushOutcome::Sent { message_id } if message_id.starts_with("log-")),
            "{outcome:?}"
        );
        assert_eq!(LogPush.name(), "log");
    }
}
