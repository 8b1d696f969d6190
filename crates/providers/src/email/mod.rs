//! Sending email: the [`EmailSender`] port and its adapters.
//!
//! - [`SmtpEmail`]: SMTP submission with lettre (STARTTLS, implicit TLS or plain), used in
//!   production.
//! - [`LogEmail`]: the local dev/demo default; logs the message, sends nothing.
//! - `fake_smtp` (cargo feature `fake`): an in-process fake SMTP server for tests.

use std::fmt;

pub mod smtp;

#[cfg(feature = "fake")]
pub mod fake_smtp;

pub use smtp::{SmtpConfig, SmtpEmail, Tls};

/// One email to one recipient, as `multipart/alternative` (text and HTML).
///
/// `Debug` masks the address and hides the bodies: they may hold sign-in or reset links.
#[derive(Clone, PartialEq, Eq)]
pub struct EmailMessage {
    /// The recipient's address, e.g. `ali@example.sa`.
    pub to: String,
    /// The recipient's display name, any script.
    pub to_name: Option<String>,
    /// Any script: non-ASCII subjects are sent as RFC 2047 encoded words.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// BCP 47 language of the message (`"ar"`, `"en"`), sent as `Content-Language`.
    pub locale: String,
}

impl fmt::Debug for EmailMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmailMessage")
            .field("to", &mask_email(&self.to))
            .field("to_name", &self.to_name.as_ref().map(|_| "<set>"))
            .field("subject", &self.subject)
            .field(
                "text",
                &format_args!("<{} chars>", self.text.chars().count()),
            )
            .field(
                "html",
                &format_args!("<{} chars>", self.html.chars().count()),
            )
            .field("locale", &self.locale)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// The message or the configuration cannot be used: a bad address, sender or locale, a bad
    /// TLS setup. Retrying will not help.
    #[error("invalid email: {0}")]
    Invalid(String),
    /// The server could not be reached or talked to (DNS, refused connection, TLS, timeout, an
    /// unreadable answer), or it answered a transient 4xx: try again later.
    #[error("mail server unreachable: {0}")]
    Unreachable(String),
    /// The server refused permanently (a 5xx reply: unknown recipient, bad credentials, policy),
    /// or it lacks an extension the message needs. Retrying will not help.
    #[error("mail server rejected the message: {0}")]
    Rejected(String),
}

#[async_trait::async_trait]
pub trait EmailSender: Send + Sync {
    /// Short adapter name for logs and metrics, e.g. `"smtp"`, `"log"`.
    fn name(&self) -> &'static str;
    async fn send(&self, m: &EmailMessage) -> Result<(), EmailError>;
}

/// The local dev/demo email sender: nothing leaves the machine. Each message is written to the
/// log in full (recipient, subject, text), so a developer can follow a link from it.
///
/// Never use it in production: the log then holds sign-in and reset links.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogEmail;

impl LogEmail {
    pub fn new() -> Self {
        Self
    }
}

#[async_trait::async_trait]
impl EmailSender for LogEmail {
    fn name(&self) -> &'static str {
        "log"
    }

    async fn send(&self, m: &EmailMessage) -> Result<(), EmailError> {
        // Showing the text here is the point of this sender (dev/demo only).
        tracing::info!(
            provider = "log",
            to = %m.to,
            locale = %m.locale,
            subject = %m.subject,
            text = %m.text,
            html_chars = m.html.chars().count(),
            "email (log, not sent)"
        );
        Ok(())
    }
}

/// Masks an address for logs: the first character of the local part and the domain, e.g.
/// `ali@example.sa` → `a***@example.sa`. Without an `@` it is masked entirely.
pub fn mask_email(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_addresses() {
        assert_eq!(mask_email("ali@example.sa"), "a***@example.sa");
        assert_eq!(mask_email("@example.sa"), "***@example.sa");
        assert_eq!(mask_email("nobody"), "***");
    }

    #[test]
    fn debug_hides_bodies_and_address() {
        let m = EmailMessage {
            to: "ali@example.sa".into(),
            to_name: Some("علي".into()),
            subject: "رابط الدخول".into(),
            text: "https://qitaa.example/login?t=SECRET".into(),
            html: "<a href=\"https://qitaa.example/login?t=SECRET\">ادخل</a>".into(),
            locale: "ar".into(),
        };
        let dbg = format!("{m:?}");
        assert!(!dbg.contains("SECRET"), "{dbg}");
        assert!(!dbg.contains("ali@"), "{dbg}");
        assert!(dbg.contains("a***@example.sa"), "{dbg}");
    }

    #[tokio::test]
    async fn log_email_sends_nothing_and_succeeds() {
        let m = EmailMessage {
            to: "ali@example.sa".into(),
            to_name: None,
            subject: "Hi".into(),
            text: "Hi".into(),
            html: "<p>Hi</p>".into(),
            locale: "en".into(),
        };
        LogEmail::new().send(&m).await.unwrap();
        assert_eq!(LogEmail.name(), "log");
    }
}
