//! Sending SMS: the [`SmsSender`] port and its adapters.
//!
//! - [`OurSms`]: the OurSMS HTTP API (`POST /msgs/sms`), used in production.
//! - [`OutboxSms`]: the local dev/demo default; logs the message and stores it in `sms_outbox`.
//! - `fake` (cargo feature `fake`): an in-process fake OurSMS server for tests.

use std::fmt;

pub mod oursms;
pub mod outbox;

#[cfg(feature = "fake")]
pub mod fake;

pub use oursms::{OurSms, OurSmsConfig};
pub use outbox::OutboxSms;

/// One SMS to one recipient.
///
/// `Debug` masks the number and hides the body: bodies may hold OTP codes.
#[derive(Clone, PartialEq, Eq)]
pub struct SmsMessage {
    /// Recipient in E.164 form, e.g. `+966501234567`.
    pub to: String,
    /// The text. Arabic is fine (the provider sends it as UCS-2).
    pub body: String,
    pub kind: SmsKind,
}

impl SmsMessage {
    pub fn new(to: impl Into<String>, body: impl Into<String>, kind: SmsKind) -> Self {
        Self {
            to: to.into(),
            body: body.into(),
            kind,
        }
    }

    /// An OTP or notification.
    pub fn transactional(to: impl Into<String>, body: impl Into<String>) -> Self {
        Self::new(to, body, SmsKind::Transactional)
    }

    /// Marketing.
    pub fn promotional(to: impl Into<String>, body: impl Into<String>) -> Self {
        Self::new(to, body, SmsKind::Promotional)
    }
}

impl fmt::Debug for SmsMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmsMessage")
            .field("to", &mask_phone(&self.to))
            .field(
                "body",
                &format_args!("<{} chars>", self.body.chars().count()),
            )
            .field("kind", &self.kind)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmsKind {
    /// OTP codes and notifications.
    Transactional,
    /// Marketing.
    Promotional,
}

impl SmsKind {
    /// `"transactional"` or `"promotional"`: OurSMS's `msgClass` and the `sms_outbox.kind` value.
    pub fn as_str(self) -> &'static str {
        match self {
            SmsKind::Transactional => "transactional",
            SmsKind::Promotional => "promotional",
        }
    }
}

impl fmt::Display for SmsKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    /// `to` is not an E.164 number (`+` and 8 to 15 digits). Holds the masked number.
    #[error("invalid recipient {0}: expected E.164 like +9665XXXXXXXX")]
    InvalidRecipient(String),
    /// The provider answered 2xx but did not accept the message
    /// (OurSMS: `accepted == 0` or `rejected > 0`).
    #[error("SMS rejected by provider (accepted {accepted}, rejected {rejected})")]
    Rejected { accepted: u64, rejected: u64 },
    /// Bad or missing API token (HTTP 401, or error code 1001).
    #[error("SMS provider refused the credentials")]
    Unauthorized,
    /// Any other non-2xx answer. `code` is the provider's numeric error code when the body
    /// has one (OurSMS: 6307 sender not allowed, 1008 insufficient balance, ...).
    #[error("SMS provider error (HTTP {status}{}): {message}", code.map(|c| format!(", code {c}")).unwrap_or_default())]
    Provider {
        status: u16,
        code: Option<i64>,
        message: String,
    },
    /// The provider answered 2xx with a body we could not understand.
    #[error("unexpected SMS provider response: {0}")]
    InvalidResponse(String),
    /// Connecting, sending or reading failed (DNS, TLS, timeout, reset, ...).
    #[error("SMS transport error: {0}")]
    Transport(String),
    /// The local outbox could not store the message.
    #[error("SMS outbox storage error: {0}")]
    Storage(String),
}

#[async_trait::async_trait]
pub trait SmsSender: Send + Sync {
    async fn send(&self, msg: &SmsMessage) -> Result<(), SmsError>;
    /// Short adapter name for logs and metrics, e.g. `"oursms"`, `"outbox"`.
    fn name(&self) -> &'static str;
}

/// Masks a phone number for logs: keeps a leading `+`, the first 4 and the last 2 digits,
/// e.g. `+966501234567` → `+9665******67`. Short or odd inputs are masked entirely.
pub fn mask_phone(phone: &str) -> String {
    let (plus, rest) = match phone.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", phone),
    };
    let chars: Vec<char> = rest.chars().collect();
    if chars.len() < 8 {
        return format!("{plus}{}", "*".repeat(chars.len()));
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{plus}{head}{}{tail}", "*".repeat(chars.len() - 6))
}

/// `+9665XXXXXXXX` → `9665XXXXXXXX`, if `to` is E.164 (`+`, then 8 to 15 digits, not starting with 0).
pub(crate) fn e164_digits(to: &str) -> Result<&str, SmsError> {
    let digits = to
        .strip_prefix('+')
        .filter(|d| {
            (8..=15).contains(&d.len())
                && d.bytes().all(|b| b.is_ascii_digit())
                && !d.starts_with('0')
        })
        .ok_or_else(|| SmsError::InvalidRecipient(mask_phone(to)))?;
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_phone_numbers() {
        assert_eq!(mask_phone("+966501234567"), "+9665******67");
        assert_eq!(mask_phone("966501234567"), "9665******67");
        assert_eq!(mask_phone("+12345"), "+*****");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn parses_e164() {
        assert_eq!(e164_digits("+966501234567").unwrap(), "966501234567");
        for bad in [
            "966501234567",
            "0501234567",
            "+0501234567",
            "+9665 0123456",
            "+1234567",
            "+1234567890123456",
            "+٩٦٦٥٠١٢٣٤٥٦٧",
        ] {
            assert!(
                matches!(e164_digits(bad), Err(SmsError::InvalidRecipient(_))),
                "{bad} should be rejected"
            );
        }
    }

    #[test]
    fn debug_hides_body_and_number() {
        let msg = SmsMessage::transactional("+966501234567", "رمز التحقق 123456");
        let dbg = format!("{msg:?}");
        assert!(!dbg.contains("123456"), "{dbg}");
        assert!(dbg.contains("+9665******67"), "{dbg}");
    }
}
