//! SMTP submission with lettre: one `multipart/alternative` message (text and HTML, UTF-8) per
//! [`EmailMessage`], over STARTTLS (port 587), implicit TLS (port 465) or, for local relays and
//! tests only, plain TCP. Connections are pooled and reused.
//!
//! Replies are mapped as RFC 5321 defines them: 5xx is permanent ([`EmailError::Rejected`]),
//! 4xx transient and transport failures are worth retrying ([`EmailError::Unreachable`]).

use std::fmt;
use std::time::Duration;

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls as LettreTls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

use super::{EmailError, EmailMessage, EmailSender, mask_email};

/// How the connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// Plain TCP. Only for a relay on the same host or network, and for tests: credentials and
    /// mail travel in clear.
    None,
    /// Plain TCP upgraded with `STARTTLS` before anything else is sent; fails if the server does
    /// not offer it (port 587).
    StartTls,
    /// TLS from the first byte (SMTPS, port 465).
    Implicit,
}

#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// With `password`, sent by `AUTH PLAIN` (or `LOGIN` when that is all the server offers).
    pub username: Option<String>,
    /// Never logged; `Debug` redacts it.
    pub password: Option<String>,
    pub tls: Tls,
    /// The `From` mailbox, e.g. `Qitaa <no-reply@qitaa.example>`; also the envelope sender.
    pub from: String,
}

impl SmtpConfig {
    /// SMTP submission with STARTTLS.
    pub const SUBMISSION_PORT: u16 = 587;
    /// SMTP submission over implicit TLS.
    pub const SUBMISSIONS_PORT: u16 = 465;
    /// Timeout of each SMTP command (and of connecting).
    pub const TIMEOUT: Duration = Duration::from_secs(30);

    /// A config for STARTTLS on port 587 without credentials.
    pub fn new(host: impl Into<String>, from: impl Into<String>) -> Self {
        Self {
            host: host.into(),
            port: Self::SUBMISSION_PORT,
            username: None,
            password: None,
            tls: Tls::StartTls,
            from: from.into(),
        }
    }
}

impl fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("tls", &self.tls)
            .field("from", &self.from)
            .finish()
    }
}

/// The SMTP adapter. Cheap to clone: clones share the connection pool.
#[derive(Clone)]
pub struct SmtpEmail {
    config: SmtpConfig,
    from: Mailbox,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl fmt::Debug for SmtpEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpEmail")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// `Content-Language` (RFC 3282).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

impl SmtpEmail {
    /// Checks the sender and the credentials and sets up the connection pool (no connection is
    /// made). Must be called, and the value dropped, inside a Tokio runtime: the pool runs a
    /// background task.
    pub fn new(config: SmtpConfig) -> Result<Self, EmailError> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| EmailError::Invalid(format!("sender {:?}: {e}", config.from)))?;
        let host = config.host.trim();
        if host.is_empty() {
            return Err(EmailError::Invalid("SMTP host is empty".to_owned()));
        }
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(EmailError::Invalid(
                "SmtpEmail::new must run inside a Tokio runtime".to_owned(),
            ));
        }
        let tls = match config.tls {
            Tls::None => LettreTls::None,
            Tls::StartTls => LettreTls::Required(tls_parameters(host)?),
            Tls::Implicit => LettreTls::Wrapper(tls_parameters(host)?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(config.port)
            .tls(tls)
            .timeout(Some(SmtpConfig::TIMEOUT));
        match (&config.username, &config.password) {
            (Some(user), Some(password)) => {
                if config.tls == Tls::None && !is_loopback(host) {
                    tracing::warn!(
                        provider = "smtp",
                        %host,
                        "SMTP credentials sent without TLS"
                    );
                }
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (None, None) => {}
            _ => {
                return Err(EmailError::Invalid(
                    "SMTP username and password go together".to_owned(),
                ));
            }
        }
        Ok(Self {
            config,
            from,
            transport: builder.build(),
        })
    }

    pub fn config(&self) -> &SmtpConfig {
        &self.config
    }

    /// The MIME message: `From`, `To`, UTF-8 `Subject`, `Content-Language`, a `Message-ID` on the
    /// sender's domain, and a `multipart/alternative` body (text, then HTML).
    pub(crate) fn build(&self, m: &EmailMessage) -> Result<Message, EmailError> {
        let address: Address =
            m.to.trim().parse().map_err(|e| {
                EmailError::Invalid(format!("recipient {}: {e}", mask_email(&m.to)))
            })?;
        let to = Mailbox::new(
            m.to_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            address,
        );
        let locale = m.locale.trim();
        let valid_locale = !locale.is_empty()
            && locale.len() <= 35
            && locale
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !valid_locale {
            return Err(EmailError::Invalid(format!(
                "locale {:?} is not a language tag",
                m.locale
            )));
        }
        let message_id = format!("<{}@{}>", Uuid::now_v7(), self.from.email.domain());
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(message_id))
            .header(ContentLanguage(locale.to_owned()))
            .multipart(MultiPart::alternative_plain_html(
                m.text.clone(),
                m.html.clone(),
            ))
            .map_err(|e| EmailError::Invalid(e.to_string()))
    }
}

#[async_trait::async_trait]
impl EmailSender for SmtpEmail {
    fn name(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, m: &EmailMessage) -> Result<(), EmailError> {
        let to = mask_email(&m.to);
        let result = match self.build(m) {
            Ok(message) => self
                .transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(map_error),
            Err(e) => Err(e),
        };
        match &result {
            Ok(()) => tracing::info!(provider = "smtp", %to, locale = %m.locale, "email sent"),
            Err(error) => tracing::warn!(provider = "smtp", %to, %error, "email failed"),
        }
        result
    }
}

fn tls_parameters(host: &str) -> Result<TlsParameters, EmailError> {
    TlsParameters::new(host.to_owned())
        .map_err(|e| EmailError::Invalid(format!("TLS setup for {host:?}: {e}")))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(|c| c == '[' || c == ']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// 5xx → `Rejected`; the client refusing to go on (no common AUTH mechanism, 8BITMIME or
/// SMTPUTF8 missing) → `Rejected`; 4xx and transport failures → `Unreachable`.
fn map_error(e: lettre::transport::smtp::Error) -> EmailError {
    if e.is_permanent() || e.is_client() {
        EmailError::Rejected(e.to_string())
    } else {
        EmailError::Unreachable(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> EmailMessage {
        EmailMessage {
            to: "ali@example.sa".into(),
            to_name: Some("علي صالح".into()),
            subject: "تم شحن طلبك".into(),
            text: "طلبك في الطريق".into(),
            html: "<p dir=\"rtl\">طلبك في الطريق</p>".into(),
            locale: "ar".into(),
        }
    }

    fn config() -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: 2525,
            username: None,
            password: None,
            tls: Tls::None,
            from: "Qitaa <no-reply@qitaa.example>".into(),
        }
    }

    #[tokio::test]
    async fn builds_a_multipart_message() {
        let smtp = SmtpEmail::new(config()).unwrap();
        let raw = String::from_utf8(smtp.build(&message()).unwrap().formatted()).unwrap();
        assert!(raw.contains("Content-Language: ar\r\n"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(raw.contains("@qitaa.example>\r\n"), "{raw}");
        assert!(
            raw.contains("From: Qitaa <no-reply@qitaa.example>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("Subject: =?utf-8?"), "{raw}");
    }

    #[tokio::test]
    async fn refuses_bad_messages_and_config() {
        let smtp = SmtpEmail::new(config()).unwrap();
        for bad in [
            EmailMessage {
                to: "not an address".into(),
                ..message()
            },
            EmailMessage {
                locale: "ar\r\nBcc: x@y.z".into(),
                ..message()
            },
            EmailMessage {
                locale: String::new(),
                ..message()
            },
        ] {
            assert!(
                matches!(smtp.build(&bad), Err(EmailError::Invalid(_))),
                "{bad:?}"
            );
        }
        for cfg in [
            SmtpConfig {
                from: "no address".into(),
                ..config()
            },
            SmtpConfig {
                host: " ".into(),
                ..config()
            },
            SmtpConfig {
                username: Some("u".into()),
                ..config()
            },
        ] {
            assert!(
                matches!(SmtpEmail::new(cfg.clone()), Err(EmailError::Invalid(_))),
                "{cfg:?}"
            );
        }
    }

    #[test]
    fn needs_a_runtime_and_hides_the_password() {
        assert!(matches!(
            SmtpEmail::new(config()),
            Err(EmailError::Invalid(_))
        ));
        let cfg = SmtpConfig {
            username: Some("mailer".into()),
            password: Some("hunter2-secret".into()),
            ..config()
        };
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(dbg.contains("mailer"), "{dbg}");
    }

    #[test]
    fn knows_loopback_hosts() {
        assert!(is_loopback("localhost"));
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("[::1]"));
        assert!(!is_loopback("smtp.example.com"));
    }
}
