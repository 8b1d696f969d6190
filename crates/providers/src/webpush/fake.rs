//! An in-process fake browser push service for tests (cargo feature `fake`).
//!
//! It plays both the push service and the browser: it holds the subscription's key pair and
//! auth secret, so it can check the VAPID signature like a push service and decrypt the payload
//! like the browser.
//!
//! ```
//! # use providers::webpush::fake::FakePushService;
//! # use providers::webpush::{EndpointPolicy, VapidConfig, WebPush, WebPushMessage, WebPushOutcome};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakePushService::start().await;
//! let cfg = VapidConfig { subject: "mailto:ops@qitaa.sa".into(), ..VapidConfig::generate() };
//! // The fake is on 127.0.0.1, which the adapter calls only when named explicitly.
//! let endpoints = EndpointPolicy::new(["fcm.googleapis.com"], ["127.0.0.1"]);
//! let push = WebPush::new(cfg, endpoints, std::time::Duration::from_secs(5))?;
//! let outcome = push
//!     .send(&WebPushMessage {
//!         subscription: fake.subscription(),
//!         payload: br#"{"title":"Qitaa","body":"hi","data":{}}"#.to_vec(),
//!         ttl_secs: 3600,
//!         urgency: None,
//!     })
//!     .await?;
//! assert_eq!(outcome, WebPushOutcome::Sent);
//! assert_eq!(fake.payloads(), vec![br#"{"title":"Qitaa","body":"hi","data":{}}"#.to_vec()]);
//! # Ok(())
//! # }
//! ```
//!
//! What it enforces on `POST /push/{id}` (the subscription's endpoint), in this order:
//! - An answer queued with [`FakePushService::answer_next`] is given first, without checks.
//! - Another `{id}` than its subscription's → 404 (an unknown subscription).
//! - `Content-Encoding: aes128gcm` (else 415); `TTL` a non-negative integer (else 400);
//!   `Urgency`, when sent, one of `very-low`, `low`, `normal`, `high` (else 400).
//! - `Authorization: vapid t={JWT}, k={key}` with `k` a base64url uncompressed P-256 point and
//!   `t` an ES256 JWT whose signature verifies with `k`, with `aud` = its origin
//!   (`http://127.0.0.1:{port}`), `exp` in the future and at most 24 h ahead, and `sub` a
//!   `mailto:` or `https:` URI (else 401). When set with
//!   [`FakePushService::expect_application_server_key`], `k` must be that key (else 403, like
//!   a subscription made with another `applicationServerKey`).
//! - A body of at most 4096 bytes (else 413) that decrypts (RFC 8291 / RFC 8188 `aes128gcm`)
//!   with the subscription's private key and auth secret (else 400).
//! - Success: 201 Created with a `Location`.
//!
//! Every request is recorded, refused ones included, with the verified claims and the
//! decrypted payload when it got that far.

use std::collections::{HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tokio::task::JoinHandle;
use uuid::Uuid;
use web_push_native::jwt_simple::algorithms::{ECDSAP256PublicKeyLike, ES256PublicKey};
use web_push_native::jwt_simple::claims::{Audiences, NoCustomClaims};
use web_push_native::jwt_simple::common::VerificationOptions;
use web_push_native::jwt_simple::reexports::coarsetime;
use web_push_native::jwt_simple::reexports::rand::RngCore;
use web_push_native::jwt_simple::reexports::rand::rngs::OsRng;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;
use web_push_native::{Auth, p256};

use super::{URGENCIES, WebPushSubscription, b64url_decode, b64url_encode};

/// Largest body a push service must accept (RFC 8030 §7.2).
const MAX_BODY_BYTES: usize = 4096;
/// Longest `exp` ahead a push service accepts (RFC 8292 §2).
const MAX_JWT_LIFETIME_SECS: u64 = 24 * 60 * 60;
/// Clock skew allowed on `iat`/`nbf` (not on `exp`).
const CLOCK_SKEW_SECS: u64 = 60;

/// An answer to give to the next request instead of checking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FakeAnswer {
    /// 410 Gone: the subscription expired or was revoked.
    Gone,
    /// 429 Too Many Requests, with this `Retry-After` value (seconds or an HTTP date) if any.
    TooManyRequests { retry_after: Option<String> },
    /// Any status, with a short text body.
    Status(u16),
}

/// The VAPID JWT of a request, after its signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VapidClaims {
    /// The `k=` of the `Authorization` header, base64url.
    pub public_key: String,
    /// `aud`.
    pub audience: String,
    /// `sub`.
    pub subject: Option<String>,
    /// `exp`, Unix seconds.
    pub expires_at: u64,
}

/// One request received on `POST /push/{id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPush {
    /// The `{id}` of the path.
    pub subscription_id: String,
    /// The raw headers of interest.
    pub authorization: Option<String>,
    pub content_encoding: Option<String>,
    pub content_type: Option<String>,
    pub ttl: Option<String>,
    pub urgency: Option<String>,
    /// The encrypted body's length.
    pub body_len: usize,
    /// The claims, when the JWT verified.
    pub vapid: Option<VapidClaims>,
    /// The decrypted payload, when it decrypted.
    pub payload: Option<Vec<u8>>,
    /// The status answered.
    pub status: u16,
    /// Why it was refused, if it was.
    pub error: Option<String>,
}

struct Shared {
    origin: String,
    subscription_id: String,
    secret: p256::SecretKey,
    auth: Auth,
    expected_server_key: Mutex<Option<String>>,
    answers: Mutex<VecDeque<FakeAnswer>>,
    received: Mutex<Vec<ReceivedPush>>,
}

/// A running fake push service on `127.0.0.1`, with one subscription. Stops when dropped.
pub struct FakePushService {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakePushService {
    /// Generates the subscription's P-256 key pair and 16-byte auth secret, binds
    /// `127.0.0.1:0` and serves in a background task of the current Tokio runtime.
    ///
    /// # Panics
    /// If the port cannot be bound (a test helper: failing loudly is the point).
    pub async fn start() -> FakePushService {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake push service: bind 127.0.0.1:0");
        let addr = listener
            .local_addr()
            .expect("fake push service: local address");
        let mut auth = [0u8; 16];
        OsRng.fill_bytes(&mut auth);
        let shared = Arc::new(Shared {
            origin: format!("http://{addr}"),
            subscription_id: Uuid::new_v4().simple().to_string(),
            secret: p256::SecretKey::random(&mut OsRng),
            auth: Auth::clone_from_slice(&auth),
            expected_server_key: Mutex::new(None),
            answers: Mutex::new(VecDeque::new()),
            received: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/push/{id}", post(push))
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake push service stopped");
            }
        });
        FakePushService { addr, shared, task }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:{port}`: the `aud` it requires.
    pub fn origin(&self) -> String {
        self.shared.origin.clone()
    }

    /// The subscription a browser would hand over: endpoint `{origin}/push/{id}`, its public key
    /// and auth secret.
    pub fn subscription(&self) -> WebPushSubscription {
        WebPushSubscription {
            endpoint: format!(
                "{}/push/{}",
                self.shared.origin, self.shared.subscription_id
            ),
            p256dh: b64url_encode(
                self.shared
                    .secret
                    .public_key()
                    .to_encoded_point(false)
                    .as_bytes(),
            ),
            auth: b64url_encode(&self.shared.auth),
        }
    }

    /// Requires `k=` to be this key (base64url), like a subscription made with it as
    /// `applicationServerKey`; others are answered 403.
    pub fn expect_application_server_key(&self, public_key_b64url: &str) {
        *lock(&self.shared.expected_server_key) = Some(public_key_b64url.to_owned());
    }

    /// Queues an answer for the next request (answers queue up, one per request).
    pub fn answer_next(&self, answer: FakeAnswer) {
        lock(&self.shared.answers).push_back(answer);
    }

    /// Every request so far, oldest first.
    pub fn received(&self) -> Vec<ReceivedPush> {
        lock(&self.shared.received).clone()
    }

    /// The decrypted payloads of the accepted requests, oldest first.
    pub fn payloads(&self) -> Vec<Vec<u8>> {
        lock(&self.shared.received)
            .iter()
            .filter(|r| r.status == 201)
            .filter_map(|r| r.payload.clone())
            .collect()
    }

    /// Forgets the recorded requests.
    pub fn clear(&self) {
        lock(&self.shared.received).clear();
    }
}

impl Drop for FakePushService {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn header(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

async fn push(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut rec = ReceivedPush {
        subscription_id: id,
        authorization: header(&headers, &AUTHORIZATION),
        content_encoding: header(&headers, &CONTENT_ENCODING),
        content_type: header(&headers, &CONTENT_TYPE),
        ttl: header(&headers, &HeaderName::from_static("ttl")),
        urgency: header(&headers, &HeaderName::from_static("urgency")),
        body_len: body.len(),
        vapid: None,
        payload: None,
        status: 0,
        error: None,
    };
    let forced = lock(&shared.answers).pop_front();
    let response = match forced {
        Some(answer) => forced_response(answer),
        None => match check(&shared, &mut rec, &body) {
            Ok(()) => (
                StatusCode::CREATED,
                [(
                    LOCATION,
                    format!("{}/message/{}", shared.origin, Uuid::new_v4().simple()),
                )],
            )
                .into_response(),
            Err((status, message)) => {
                rec.error = Some(message.clone());
                (status, message).into_response()
            }
        },
    };
    rec.status = response.status().as_u16();
    lock(&shared.received).push(rec);
    response
}

fn forced_response(answer: FakeAnswer) -> Response {
    match answer {
        FakeAnswer::Gone => (
            StatusCode::GONE,
            "push subscription has unsubscribed or expired",
        )
            .into_response(),
        FakeAnswer::TooManyRequests { retry_after } => {
            let mut response = (StatusCode::TOO_MANY_REQUESTS, "too many requests").into_response();
            if let Some(value) = retry_after.and_then(|v| v.parse().ok()) {
                response.headers_mut().insert(RETRY_AFTER, value);
            }
            response
        }
        FakeAnswer::Status(status) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("fake push service answers {status}")).into_response()
        }
    }
}

type Refusal = (StatusCode, String);

fn refuse(status: StatusCode, message: impl Into<String>) -> Refusal {
    (status, message.into())
}

fn check(shared: &Shared, rec: &mut ReceivedPush, body: &[u8]) -> Result<(), Refusal> {
    if rec.subscription_id != shared.subscription_id {
        return Err(refuse(StatusCode::NOT_FOUND, "no such subscription"));
    }
    if !rec
        .content_encoding
        .as_deref()
        .is_some_and(|ce| ce.trim().eq_ignore_ascii_case("aes128gcm"))
    {
        return Err(refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Encoding must be aes128gcm",
        ));
    }
    if rec
        .ttl
        .as_deref()
        .is_none_or(|ttl| ttl.trim().parse::<u32>().is_err())
    {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "TTL must be a non-negative integer",
        ));
    }
    if let Some(urgency) = rec.urgency.as_deref()
        && !URGENCIES.contains(&urgency.trim())
    {
        return Err(refuse(StatusCode::BAD_REQUEST, "unknown Urgency"));
    }

    let claims = verify_vapid(shared, rec.authorization.as_deref())?;
    let expected = lock(&shared.expected_server_key).clone();
    if expected.is_some_and(|k| k != claims.public_key) {
        rec.vapid = Some(claims);
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "the VAPID key is not the one of the subscription",
        ));
    }
    rec.vapid = Some(claims);

    if body.len() > MAX_BODY_BYTES {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body of {} bytes exceeds {MAX_BODY_BYTES}", body.len()),
        ));
    }
    let payload = web_push_native::decrypt(body.to_vec(), &shared.secret, &shared.auth)
        .map_err(|e| refuse(StatusCode::BAD_REQUEST, format!("cannot decrypt: {e}")))?;
    rec.payload = Some(payload);
    Ok(())
}

/// Checks `Authorization: vapid t={JWT}, k={key}` and returns the verified claims.
fn verify_vapid(shared: &Shared, authorization: Option<&str>) -> Result<VapidClaims, Refusal> {
    let unauthorized = |message: String| refuse(StatusCode::UNAUTHORIZED, message);
    let authorization =
        authorization.ok_or_else(|| unauthorized("missing Authorization".to_owned()))?;
    let (scheme, params) = authorization
        .trim()
        .split_once(' ')
        .ok_or_else(|| unauthorized("malformed Authorization".to_owned()))?;
    if !scheme.eq_ignore_ascii_case("vapid") {
        return Err(unauthorized(format!(
            "Authorization scheme {scheme:?} is not vapid"
        )));
    }
    let (mut token, mut key) = (None, None);
    for param in params.split(',') {
        match param.trim().split_once('=') {
            Some(("t", value)) => token = Some(value.trim()),
            Some(("k", value)) => key = Some(value.trim()),
            _ => return Err(unauthorized(format!("unknown vapid parameter {param:?}"))),
        }
    }
    let (Some(token), Some(key)) = (token, key) else {
        return Err(unauthorized("vapid needs t= and k=".to_owned()));
    };
    let raw_key = b64url_decode(key).map_err(|()| unauthorized("k is not base64url".to_owned()))?;
    if raw_key.len() != 65 || raw_key[0] != 0x04 {
        return Err(unauthorized(
            "k must be an uncompressed P-256 point".to_owned(),
        ));
    }
    let public_key = ES256PublicKey::from_bytes(&raw_key)
        .map_err(|_| unauthorized("k is not a P-256 public key".to_owned()))?;
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from([shared.origin.clone()])),
        time_tolerance: Some(coarsetime::Duration::from_secs(CLOCK_SKEW_SECS)),
        ..VerificationOptions::default()
    };
    let claims = public_key
        .verify_token::<NoCustomClaims>(token, Some(options))
        .map_err(|e| unauthorized(format!("VAPID JWT refused: {e}")))?;

    let now = now_secs();
    let expires_at = claims
        .expires_at
        .map(|exp| exp.as_secs())
        .ok_or_else(|| unauthorized("VAPID JWT without exp".to_owned()))?;
    if expires_at <= now {
        return Err(unauthorized("VAPID JWT expired".to_owned()));
    }
    if expires_at > now + MAX_JWT_LIFETIME_SECS {
        return Err(unauthorized(
            "VAPID JWT exp is more than 24 h ahead".to_owned(),
        ));
    }
    let audience = match claims.audiences {
        Some(Audiences::AsString(aud)) => aud,
        _ => return Err(unauthorized("VAPID JWT aud must be one string".to_owned())),
    };
    if !claims
        .subject
        .as_deref()
        .is_some_and(|s| s.starts_with("mailto:") || s.starts_with("https:"))
    {
        return Err(unauthorized(
            "VAPID JWT sub must be a mailto: or https: URI".to_owned(),
        ));
    }
    Ok(VapidClaims {
        public_key: key.to_owned(),
        audience,
        subject: claims.subject,
        expires_at,
    })
}
