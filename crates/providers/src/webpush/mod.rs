//! Web Push (RFC 8030) to the PWAs: the [`WebPushSender`] port and its adapter.
//!
//! - [`WebPush`]: posts to the browser's push service (FCM for Chrome, Mozilla autopush, Apple,
//!   ...) the subscription's `endpoint` names, with a VAPID signature (RFC 8292) and the payload
//!   encrypted for the browser (RFC 8291, `aes128gcm` of RFC 8188).
//! - `fake` (cargo feature `fake`): an in-process fake push service for tests that verifies the
//!   VAPID JWT and decrypts the payload.
//!
//! The request:
//!
//! ```text
//! POST {endpoint}
//! Content-Encoding: aes128gcm
//! Content-Type: application/octet-stream
//! TTL: {ttl_secs}
//! Urgency: {urgency}                      (optional)
//! Authorization: vapid t={JWT}, k={VAPID public key, base64url}
//!
//! {salt(16) rs(4) idlen(1) keyid(65) ciphertext}
//! ```
//!
//! The JWT is ES256, signed with the VAPID private key, with `aud` = the endpoint's origin
//! (`scheme://host[:port]`, the port only when not the default one), `exp` = now + 12 h (push
//! services refuse more than 24 h) and `sub` = [`VapidConfig::subject`].
//!
//! web-push-native does the encryption. The JWT is built here (with its `jwt_simple` re-export)
//! rather than with `web_push_native::vapid`, whose `aud` drops a non-default port and whose
//! `exp` is tied to the `TTL` header.
//!
//! Endpoints come from browsers, i.e. from users: the adapter posts only where its
//! [`EndpointPolicy`] allows (https to a known push service, resolving to public addresses, checked
//! again at connect time by its own HTTP client; see [`crate::outbound`]). Callers that store
//! subscriptions check them with the same policy first.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, HeaderName, HeaderValue, RETRY_AFTER,
};
use reqwest::{StatusCode, Url};
use web_push_native::jwt_simple::algorithms::{
    ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair,
};
use web_push_native::jwt_simple::claims::Claims;
use web_push_native::jwt_simple::reexports::coarsetime;
use web_push_native::jwt_simple::reexports::ct_codecs::{
    Base64UrlSafeNoPadding, Decoder as _, Encoder as _,
};
use web_push_native::{Auth, p256};

pub use crate::outbound::EndpointPolicy;

#[cfg(feature = "fake")]
pub mod fake;

/// Validity of the VAPID JWT (`exp` = now + this). Push services refuse more than 24 h.
pub const VAPID_JWT_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
/// Largest payload that fits one 4096-byte aes128gcm record (RFC 8291 §4: 4096 − 86 bytes of
/// header − 16 bytes of tag − 1 padding delimiter).
pub const MAX_PAYLOAD_BYTES: usize = 3993;
/// The `Urgency` values of RFC 8030 §5.3.
pub const URGENCIES: [&str; 4] = ["very-low", "low", "normal", "high"];

/// Longest push-service error text kept in [`WebPushError::Refused`] (in chars).
const MAX_ERROR_MESSAGE_CHARS: usize = 200;
/// Length of a raw P-256 private key (the scalar).
const PRIVATE_KEY_LEN: usize = 32;
/// Length of the RFC 8291 authentication secret.
const AUTH_SECRET_LEN: usize = 16;

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it
/// (`{endpoint, keys: {p256dh, auth}}`).
///
/// `Debug` shows only the endpoint's origin: the endpoint path is a capability and the keys
/// belong to the browser.
#[derive(Clone, PartialEq, Eq)]
pub struct WebPushSubscription {
    /// The push service URL to post to.
    pub endpoint: String,
    /// The browser's P-256 public key (uncompressed point), base64url.
    pub p256dh: String,
    /// The browser's 16-byte authentication secret, base64url.
    pub auth: String,
}

impl fmt::Debug for WebPushSubscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = Url::parse(&self.endpoint)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_else(|_| "<invalid>".to_owned());
        f.debug_struct("WebPushSubscription")
            .field("endpoint", &format_args!("{origin}/…"))
            .finish_non_exhaustive()
    }
}

/// One notification to one subscription.
///
/// `Debug` shows the payload's length only.
#[derive(Clone, PartialEq, Eq)]
pub struct WebPushMessage {
    pub subscription: WebPushSubscription,
    /// What the service worker's `push` event gets, JSON `{title, body, data}` for the PWAs.
    /// At most [`MAX_PAYLOAD_BYTES`].
    pub payload: Vec<u8>,
    /// How long the push service keeps the message for an offline browser (`TTL` header);
    /// 0 means deliver now or never.
    pub ttl_secs: u32,
    /// One of [`URGENCIES`] (`Urgency` header), or none.
    pub urgency: Option<String>,
}

impl fmt::Debug for WebPushMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebPushMessage")
            .field("subscription", &self.subscription)
            .field("payload", &format_args!("<{} bytes>", self.payload.len()))
            .field("ttl_secs", &self.ttl_secs)
            .field("urgency", &self.urgency)
            .finish()
    }
}

/// What the push service did with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebPushOutcome {
    /// Accepted (2xx, usually 201 Created).
    Sent,
    /// 404 or 410: the subscription expired or was revoked. Delete it.
    Gone,
    /// 429 or 5xx: try again later, not before `after` (the `Retry-After` header) when given.
    Retry { after: Option<Duration> },
}

#[derive(Debug, thiserror::Error)]
pub enum WebPushError {
    /// The VAPID configuration is unusable (bad private key, bad subject).
    #[error("web push configuration: {0}")]
    Config(String),
    /// The message cannot be sent as it is: malformed subscription (endpoint, `p256dh`, `auth`),
    /// payload too large, unknown urgency.
    #[error("invalid web push message: {0}")]
    Invalid(String),
    /// Connecting, sending or reading failed (DNS, TLS, timeout, reset, ...).
    #[error("push service unreachable: {0}")]
    Unreachable(String),
    /// The push service refused the request for good (400, 401, 403, 413, ...). `message` is the
    /// start of its answer's body.
    #[error("push service refused: {status} {message}")]
    Refused { status: u16, message: String },
    /// The endpoint is not one the server may call (see [`EndpointPolicy`]): not https, not an
    /// allowed push service, an IP address, or a name without a public address. No request was
    /// sent.
    #[error("push endpoint not allowed: {0}")]
    Blocked(String),
}

/// The application server's VAPID identity.
///
/// `Debug` redacts the private key.
#[derive(Clone, PartialEq, Eq)]
pub struct VapidConfig {
    /// The raw P-256 private key (32 bytes), base64url. Keep it stable: browsers' subscriptions
    /// are bound to its public key.
    pub private_key_b64url: String,
    /// Contact for the push service operators: `mailto:ops@example.com` or an `https:` URL.
    pub subject: String,
}

impl fmt::Debug for VapidConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VapidConfig")
            .field("private_key_b64url", &"<redacted>")
            .field("subject", &self.subject)
            .finish()
    }
}

impl VapidConfig {
    /// The public key (uncompressed P-256 point), base64url: the PWA's `applicationServerKey`
    /// for `pushManager.subscribe` and the `k=` of the `Authorization` header.
    pub fn public_key_b64url(&self) -> Result<String, WebPushError> {
        Ok(public_key_b64url(&self.key_pair()?))
    }

    /// A new random key pair, for the first start. `subject` is left empty: set it before
    /// [`WebPush::new`], which refuses an empty one.
    pub fn generate() -> Self {
        VapidConfig {
            private_key_b64url: b64url_encode(&ES256KeyPair::generate().to_bytes()),
            subject: String::new(),
        }
    }

    fn key_pair(&self) -> Result<ES256KeyPair, WebPushError> {
        let raw = b64url_decode(&self.private_key_b64url).map_err(|_| {
            WebPushError::Config("the VAPID private key is not base64url".to_owned())
        })?;
        if raw.len() != PRIVATE_KEY_LEN {
            return Err(WebPushError::Config(format!(
                "the VAPID private key must be {PRIVATE_KEY_LEN} bytes, not {}",
                raw.len()
            )));
        }
        ES256KeyPair::from_bytes(&raw).map_err(|_| {
            WebPushError::Config("the VAPID private key is not a P-256 private key".to_owned())
        })
    }
}

/// Sends Web Push messages.
#[async_trait::async_trait]
pub trait WebPushSender: Send + Sync {
    /// Short adapter name for logs and metrics: `"webpush"`.
    fn name(&self) -> &'static str;
    async fn send(&self, message: &WebPushMessage) -> Result<WebPushOutcome, WebPushError>;
}

/// The Web Push adapter. Cheap to clone: clones share the HTTP client.
#[derive(Clone)]
pub struct WebPush {
    key_pair: std::sync::Arc<ES256KeyPair>,
    /// The `k=` of the `Authorization` header.
    public_key: String,
    subject: String,
    endpoints: EndpointPolicy,
    /// Built from `endpoints`: it cannot reach a non-public address.
    http: reqwest::Client,
}

impl fmt::Debug for WebPush {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebPush")
            .field("public_key", &self.public_key)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

impl WebPush {
    /// Checks the key and the subject (no request is made). The adapter posts only to endpoints
    /// `endpoints` allows, with its own HTTP client ([`EndpointPolicy::client`]: public
    /// addresses only, no redirects, no proxy) and `timeout` per request.
    pub fn new(
        cfg: VapidConfig,
        endpoints: EndpointPolicy,
        timeout: Duration,
    ) -> Result<Self, WebPushError> {
        let key_pair = cfg.key_pair()?;
        let subject = cfg.subject.trim();
        let valid_subject = match (
            subject.strip_prefix("mailto:"),
            subject.strip_prefix("https://"),
        ) {
            (Some(address), _) => address.contains('@'),
            (_, Some(_)) => Url::parse(subject).is_ok_and(|u| u.host_str().is_some()),
            _ => false,
        };
        if !valid_subject {
            return Err(WebPushError::Config(format!(
                "the VAPID subject must be a mailto: address or an https: URL, not {subject:?}"
            )));
        }
        let http = endpoints
            .client(timeout)
            .map_err(|e| WebPushError::Config(format!("building the HTTP client: {e}")))?;
        Ok(Self {
            public_key: public_key_b64url(&key_pair),
            key_pair: std::sync::Arc::new(key_pair),
            subject: subject.to_owned(),
            endpoints,
            http,
        })
    }

    /// The VAPID public key, base64url (the PWA's `applicationServerKey`).
    pub fn public_key_b64url(&self) -> &str {
        &self.public_key
    }

    /// Encrypts and posts one message.
    ///
    /// Errors before any request for a malformed message ([`WebPushError::Invalid`]) or an
    /// endpoint the policy refuses ([`WebPushError::Blocked`], also when the name turns out to
    /// have no public address at connect time); the push service's answers 404/410 and 429/5xx
    /// are outcomes, not errors.
    pub async fn send(&self, m: &WebPushMessage) -> Result<WebPushOutcome, WebPushError> {
        let endpoint = self.endpoint(&m.subscription.endpoint)?;
        let ua_public = parse_p256dh(&m.subscription.p256dh)?;
        let ua_auth = parse_auth(&m.subscription.auth)?;
        let urgency = match m.urgency.as_deref().map(str::trim) {
            None => None,
            Some(u) => match URGENCIES.into_iter().find(|known| *known == u) {
                Some(known) => Some(HeaderValue::from_static(known)),
                None => {
                    return Err(WebPushError::Invalid(format!(
                        "urgency {u:?} is not one of {URGENCIES:?}"
                    )));
                }
            },
        };
        if m.payload.len() > MAX_PAYLOAD_BYTES {
            return Err(WebPushError::Invalid(format!(
                "payload of {} bytes exceeds {MAX_PAYLOAD_BYTES}",
                m.payload.len()
            )));
        }

        let body = web_push_native::encrypt(m.payload.clone(), &ua_public, &ua_auth)
            .map_err(|e| WebPushError::Invalid(format!("encrypting the payload: {e}")))?;
        let authorization = self.authorization(&endpoint)?;

        let mut request = self
            .http
            .post(endpoint)
            .header(AUTHORIZATION, authorization)
            .header(CONTENT_ENCODING, "aes128gcm")
            .header(CONTENT_TYPE, "application/octet-stream")
            .header(HeaderName::from_static("ttl"), m.ttl_secs);
        if let Some(urgency) = urgency {
            request = request.header(HeaderName::from_static("urgency"), urgency);
        }
        let response = request.body(body).send().await.map_err(|e| {
            if crate::outbound::is_blocked(&e) {
                WebPushError::Blocked(transport_error(e))
            } else {
                WebPushError::Unreachable(transport_error(e))
            }
        })?;

        let status = response.status();
        if status.is_success() {
            return Ok(WebPushOutcome::Sent);
        }
        if status == StatusCode::NOT_FOUND || status == StatusCode::GONE {
            return Ok(WebPushOutcome::Gone);
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            return Ok(WebPushOutcome::Retry { after });
        }
        let text = response.text().await.unwrap_or_default();
        let message: String = text.trim().chars().take(MAX_ERROR_MESSAGE_CHARS).collect();
        Err(WebPushError::Refused {
            status: status.as_u16(),
            message,
        })
    }

    /// The endpoint, if the policy lets the server call it (the address rule is checked again
    /// by the client's resolver when it connects).
    fn endpoint(&self, endpoint: &str) -> Result<Url, WebPushError> {
        use crate::outbound::Refusal;
        self.endpoints.check_url(endpoint).map_err(|r| match r {
            Refusal::Malformed => {
                WebPushError::Invalid("subscription endpoint is not an http(s) URL".to_owned())
            }
            r => WebPushError::Blocked(r.to_string()),
        })
    }

    /// `vapid t={JWT}, k={public key}` for `endpoint`.
    fn authorization(&self, endpoint: &Url) -> Result<HeaderValue, WebPushError> {
        let mut claims = Claims::create(coarsetime::Duration::from_secs(
            VAPID_JWT_LIFETIME.as_secs(),
        ))
        .with_audience(endpoint.origin().ascii_serialization())
        .with_subject(&self.subject);
        // `nbf` = now would make a push service whose clock runs behind refuse the token.
        claims.invalid_before = None;
        let token = self
            .key_pair
            .sign(claims)
            .map_err(|e| WebPushError::Config(format!("signing the VAPID JWT: {e}")))?;
        let mut value = HeaderValue::try_from(format!("vapid t={token}, k={}", self.public_key))
            .map_err(|_| WebPushError::Config("the VAPID header is not ASCII".to_owned()))?;
        value.set_sensitive(true);
        Ok(value)
    }
}

#[async_trait::async_trait]
impl WebPushSender for WebPush {
    fn name(&self) -> &'static str {
        "webpush"
    }

    async fn send(&self, message: &WebPushMessage) -> Result<WebPushOutcome, WebPushError> {
        WebPush::send(self, message).await
    }
}

fn public_key_b64url(key_pair: &ES256KeyPair) -> String {
    b64url_encode(&key_pair.public_key().public_key().to_bytes_uncompressed())
}

pub(crate) fn b64url_encode(bytes: &[u8]) -> String {
    Base64UrlSafeNoPadding::encode_to_string(bytes).expect("base64 of a short key fits a String")
}

/// Base64url without padding, as browsers give it; also accepts `=` padding and the standard
/// alphabet (`+`, `/`), which some stores produce.
pub(crate) fn b64url_decode(text: &str) -> Result<Vec<u8>, ()> {
    let text: String = text
        .trim()
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    if text.is_empty() {
        return Err(());
    }
    Base64UrlSafeNoPadding::decode_to_vec(text, None).map_err(|_| ())
}

fn parse_p256dh(p256dh: &str) -> Result<p256::PublicKey, WebPushError> {
    let bytes = b64url_decode(p256dh)
        .map_err(|_| WebPushError::Invalid("subscription p256dh is not base64url".to_owned()))?;
    p256::PublicKey::from_sec1_bytes(&bytes).map_err(|_| {
        WebPushError::Invalid("subscription p256dh is not a P-256 public key".to_owned())
    })
}

fn parse_auth(auth: &str) -> Result<Auth, WebPushError> {
    let bytes = b64url_decode(auth)
        .map_err(|_| WebPushError::Invalid("subscription auth is not base64url".to_owned()))?;
    if bytes.len() != AUTH_SECRET_LEN {
        return Err(WebPushError::Invalid(format!(
            "subscription auth must be {AUTH_SECRET_LEN} bytes, not {}",
            bytes.len()
        )));
    }
    Ok(Auth::clone_from_slice(&bytes))
}

/// `Retry-After`: delay-seconds or an HTTP date (a date in the past is no delay).
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The error and its sources, without the URL (the endpoint path is a capability).
fn transport_error(e: reqwest::Error) -> String {
    use std::error::Error as _;
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_retry_after() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(90))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn decodes_base64url_variants() {
        assert_eq!(b64url_decode("_-8").unwrap(), vec![0xff, 0xef]);
        assert_eq!(b64url_decode("/+8=").unwrap(), vec![0xff, 0xef]);
        assert!(b64url_decode("").is_err());
        assert!(b64url_decode("not base64!").is_err());
    }

    #[test]
    fn checks_subject_and_key() {
        let new =
            |cfg: VapidConfig| WebPush::new(cfg, EndpointPolicy::default(), Duration::from_secs(5));
        let mut cfg = VapidConfig::generate();
        assert!(matches!(new(cfg.clone()), Err(WebPushError::Config(_))));
        for ok in ["mailto:ops@qitaa.sa", "https://qitaa.sa/contact"] {
            cfg.subject = ok.to_owned();
            new(cfg.clone()).expect(ok);
        }
        for bad in ["ops@qitaa.sa", "mailto:", "http://qitaa.sa"] {
            cfg.subject = bad.to_owned();
            assert!(
                matches!(new(cfg.clone()), Err(WebPushError::Config(_))),
                "{bad}"
            );
        }
        cfg.subject = "mailto:ops@qitaa.sa".to_owned();
        for bad in [
            "",
            "AAAA",
            &b64url_encode(&[0u8; 32]),
            &b64url_encode(&[1u8; 33]),
        ] {
            cfg.private_key_b64url = bad.to_owned();
            assert!(
                matches!(new(cfg.clone()), Err(WebPushError::Config(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_redacts() {
        let cfg = VapidConfig {
            subject: "mailto:ops@qitaa.sa".to_owned(),
            ..VapidConfig::generate()
        };
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains(&cfg.private_key_b64url), "{dbg}");
        let sub = WebPushSubscription {
            endpoint: "https://fcm.googleapis.com/fcm/send/secret-token".to_owned(),
            p256dh: "p256dh-value".to_owned(),
            auth: "auth-value".to_owned(),
        };
        let dbg = format!("{sub:?}");
        assert!(dbg.contains("https://fcm.googleapis.com"), "{dbg}");
        for hidden in ["secret-token", "p256dh-value", "auth-value"] {
            assert!(!dbg.contains(hidden), "{dbg}");
        }
    }
}
