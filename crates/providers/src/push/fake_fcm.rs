//! An in-process fake of Firebase Cloud Messaging HTTP v1 and of Google's OAuth2 token endpoint,
//! for tests (cargo feature `fake`).
//!
//! ```
//! # use std::collections::BTreeMap;
//! # use providers::push::fake_fcm::FakeFcm;
//! # use providers::push::{Fcm, PushMessage, PushOutcome, PushSender};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A throwaway, test-only RSA key pair (see tests/fixtures/README.md).
//! let private_pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fcm-test-only-private-key.pem"));
//! let public_pem = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fcm-test-only-public-key.pem"));
//! let fake = FakeFcm::start("qitaa-test", "fcm@qitaa-test.iam.gserviceaccount.com", public_pem).await;
//! let fcm = Fcm::new(fake.config(private_pem))?;
//! let message = PushMessage {
//!     token: "device-token-1".into(),
//!     title: "طلبك في الطريق".into(),
//!     body: "الطلب 1001".into(),
//!     data: BTreeMap::from([("orderId".into(), "1001".into())]),
//!     locale: "ar".into(),
//! };
//! assert!(matches!(fcm.send(&message).await?, PushOutcome::Sent { .. }));
//! assert_eq!(fake.sent()[0]["message"]["token"], "device-token-1");
//! # Ok(())
//! # }
//! ```
//!
//! What it enforces (what the reference confirms; unknown fields are ignored):
//! - `POST /token` needs `Content-Type: application/x-www-form-urlencoded`,
//!   `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and an `assertion` that is an RS256
//!   JWT verifying with the public key given to [`FakeFcm::start`], with `iss` = the client email,
//!   `aud` = [`FakeFcm::token_uri`], `scope` holding the firebase.messaging scope, and
//!   `iat`/`exp` current with at most an hour between them (60 s of leeway). Refusals are 400
//!   `{"error":"invalid_grant"|"invalid_request"|"unsupported_grant_type","error_description"}`.
//!   It issues a new token each time: `{"access_token","expires_in":3599,"token_type":"Bearer"}`.
//! - `POST /v1/projects/{project}/messages:send` needs `Authorization: Bearer {a token it issued}`
//!   (else 401 `UNAUTHENTICATED`, no error code), the project given to [`FakeFcm::start`] (else
//!   404 `NOT_FOUND`, no error code), `Content-Type: application/json`, and a body
//!   `{"message":{…}, "validate_only"?: bool}` whose message has exactly one non-empty string
//!   target (`token`, `topic` or `condition`), string `notification.title`/`body` when given,
//!   `data` values that are all strings, `android.priority` `normal`/`high` (any case) and an
//!   object `apns.payload` when given. Violations: 400 `INVALID_ARGUMENT` with an `FcmError`
//!   detail and a `BadRequest` field violation.
//! - Success: 200 `{"name":"projects/{project}/messages/{n}"}`; with `validate_only` the name is
//!   `…/messages/fake_message_id` as FCM does. A device token can be told to fail instead, see
//!   [`FcmAnswer`] and [`FakeFcm::answer`].
//!
//! Every request is recorded (method, path, headers, body), refused ones included.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Json;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::FcmConfig;
use super::fcm::{FCM_SCOPE, JWT_BEARER_GRANT};

/// Path of the token endpoint.
pub const TOKEN_PATH: &str = "/token";

const DEFAULT_EXPIRES_IN: u64 = 3599;
const MAX_BODY_BYTES: usize = 1 << 20;
/// Clock skew allowed on `iat` and `exp`.
const LEEWAY_SECS: u64 = 60;
const FCM_ERROR_TYPE: &str = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
const BAD_REQUEST_TYPE: &str = "type.googleapis.com/google.rpc.BadRequest";

/// How the fake answers `messages:send` for one device token (see [`FakeFcm::answer`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FcmAnswer {
    /// 404 `NOT_FOUND`, error code `UNREGISTERED` (the app was uninstalled).
    Unregistered,
    /// 400 `INVALID_ARGUMENT`, error code `INVALID_ARGUMENT`, a field violation on
    /// `message.token` (a malformed token).
    InvalidToken,
    /// 403 `PERMISSION_DENIED`, error code `SENDER_ID_MISMATCH`.
    SenderIdMismatch,
    /// 429 `RESOURCE_EXHAUSTED`, error code `QUOTA_EXCEEDED`, with `Retry-After: {seconds}` when
    /// given.
    QuotaExceeded { retry_after: Option<u64> },
    /// 503 `UNAVAILABLE`, error code `UNAVAILABLE`, with `Retry-After` when given.
    Unavailable { retry_after: Option<u64> },
    /// 500 `INTERNAL`, error code `INTERNAL`.
    Internal,
}

/// One request the fake received.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRequest {
    /// `POST`, ...
    pub method: String,
    /// The path without the query, e.g. `/v1/projects/p/messages:send`.
    pub path: String,
    /// Every header as `(lower-case name, value)`, in order.
    pub headers: Vec<(String, String)>,
    /// The parsed JSON body; `Null` when empty, a `Value::String` with the raw text if not JSON
    /// (the token call's form).
    pub body: Value,
}

impl ReceivedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is the token call.
    pub fn is_token_request(&self) -> bool {
        self.method == "POST" && self.path == TOKEN_PATH
    }

    /// Whether this is a `messages:send` call.
    pub fn is_send_request(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/messages:send")
    }

    /// The body read as `application/x-www-form-urlencoded` (empty if it is JSON).
    pub fn form(&self) -> Vec<(String, String)> {
        match &self.body {
            Value::String(raw) => parse_form(raw),
            _ => Vec::new(),
        }
    }

    /// The first value of form field `name`.
    pub fn form_field(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

struct Inner {
    requests: Vec<ReceivedRequest>,
    tokens: HashSet<String>,
    issued: u64,
    expires_in: u64,
    answers: HashMap<String, FcmAnswer>,
    sent: Vec<Value>,
}

struct Shared {
    project_id: String,
    client_email: String,
    key: DecodingKey,
    base_url: String,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn token_uri(&self) -> String {
        format!("{}{TOKEN_PATH}", self.base_url)
    }
}

/// A running fake FCM server on `127.0.0.1`. Stops when dropped.
pub struct FakeFcm {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeFcm {
    /// Binds `127.0.0.1:0` and serves in a background task of the current Tokio runtime.
    /// `project_id` is the project of the send path, `client_email` the JWT issuer it expects,
    /// `public_key_pem` the RSA public key (SPKI or PKCS#1 PEM) that verifies the assertions.
    ///
    /// # Panics
    /// If the key does not parse or the port cannot be bound (a test helper: failing loudly is
    /// the point).
    pub async fn start(project_id: &str, client_email: &str, public_key_pem: &str) -> FakeFcm {
        let key = DecodingKey::from_rsa_pem(public_key_pem.as_bytes())
            .expect("fake FCM: the public key must be an RSA PEM");
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake FCM: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake FCM: local address");
        let shared = Arc::new(Shared {
            project_id: project_id.to_owned(),
            client_email: client_email.to_owned(),
            key,
            base_url: format!("http://{addr}"),
            inner: Mutex::new(Inner {
                requests: Vec::new(),
                tokens: HashSet::new(),
                issued: 0,
                expires_in: DEFAULT_EXPIRES_IN,
                answers: HashMap::new(),
                sent: Vec::new(),
            }),
        });
        let app = Router::new()
            .route(TOKEN_PATH, post(access_token))
            .route("/v1/projects/{project}/messages:send", post(send))
            .layer(middleware::from_fn_with_state(Arc::clone(&shared), record))
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake FCM server stopped");
            }
        });
        FakeFcm { addr, shared, task }
    }

    /// `http://127.0.0.1:{port}`, to use as [`FcmConfig::api_base`].
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:{port}/token`, to use as [`FcmConfig::token_uri`].
    pub fn token_uri(&self) -> String {
        self.shared.token_uri()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A config for this fake: its project, client email, endpoints, and `private_key_pem`.
    pub fn config(&self, private_key_pem: &str) -> FcmConfig {
        FcmConfig {
            project_id: self.shared.project_id.clone(),
            client_email: self.shared.client_email.clone(),
            private_key_pem: private_key_pem.to_owned(),
            token_uri: self.token_uri(),
            api_base: self.base_url(),
        }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Every `messages:send` request so far (accepted or not), oldest first.
    pub fn send_requests(&self) -> Vec<ReceivedRequest> {
        self.requests()
            .into_iter()
            .filter(ReceivedRequest::is_send_request)
            .collect()
    }

    /// The bodies of the messages accepted so far (`{"message":{…}}`), oldest first.
    pub fn sent(&self) -> Vec<Value> {
        self.shared.lock().sent.clone()
    }

    /// How many token calls were received.
    pub fn token_requests(&self) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.is_token_request())
            .count()
    }

    /// Forgets the recorded requests and accepted messages.
    pub fn clear_requests(&self) {
        let mut inner = self.shared.lock();
        inner.requests.clear();
        inner.sent.clear();
    }

    /// From now on, sends to device `token` fail as `answer` says (until
    /// [`FakeFcm::clear_answer`]).
    pub fn answer(&self, token: &str, answer: FcmAnswer) {
        self.shared.lock().answers.insert(token.to_owned(), answer);
    }

    /// Sends to device `token` succeed again.
    pub fn clear_answer(&self, token: &str) {
        self.shared.lock().answers.remove(token);
    }

    /// Invalidates every access token issued so far: the next send answers 401 until a new
    /// token is fetched.
    pub fn expire_tokens(&self) {
        self.shared.lock().tokens.clear();
    }

    /// The `expires_in` of the tokens issued from now on (default 3599 seconds; the fake itself
    /// never expires them, see [`FakeFcm::expire_tokens`]).
    pub fn set_token_expires_in(&self, seconds: u64) {
        self.shared.lock().expires_in = seconds;
    }
}

impl Drop for FakeFcm {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeFcm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeFcm")
            .field("base_url", &self.shared.base_url)
            .field("project_id", &self.shared.project_id)
            .finish_non_exhaustive()
    }
}

/// Records the request, then passes it on.
async fn record(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .unwrap_or_default();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    };
    shared.lock().requests.push(ReceivedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: json,
    });
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn media_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .map(str::trim)
}

fn oauth_error(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct AssertionClaims {
    scope: String,
    iat: u64,
    exp: u64,
}

async fn access_token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    if !media_type(&headers)
        .is_some_and(|m| m.eq_ignore_ascii_case("application/x-www-form-urlencoded"))
    {
        return oauth_error(
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded",
        );
    }
    let form = parse_form(&String::from_utf8_lossy(&raw));
    let field = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if field("grant_type") != Some(JWT_BEARER_GRANT) {
        return oauth_error("unsupported_grant_type", "Invalid grant_type");
    }
    let Some(assertion) = field("assertion") else {
        return oauth_error("invalid_request", "Missing required parameter: assertion");
    };
    if let Err(description) = verify_assertion(&shared, assertion) {
        return oauth_error("invalid_grant", &description);
    }
    let mut inner = shared.lock();
    inner.issued += 1;
    let token = format!("ya29.fake-fcm-{}-{}", inner.issued, Uuid::new_v4().simple());
    inner.tokens.insert(token.clone());
    Json(json!({
        "access_token": token,
        "expires_in": inner.expires_in,
        "token_type": "Bearer",
    }))
    .into_response()
}

/// Checks the signature, issuer, audience, scope and times of a JWT assertion.
fn verify_assertion(shared: &Shared, assertion: &str) -> Result<(), String> {
    let header = jsonwebtoken::decode_header(assertion).map_err(|e| format!("Invalid JWT: {e}"))?;
    if header.alg != Algorithm::RS256 {
        return Err(format!(
            "Invalid JWT algorithm {:?}: RS256 expected",
            header.alg
        ));
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = LEEWAY_SECS;
    validation.set_audience(&[shared.token_uri()]);
    validation.set_issuer(&[&shared.client_email]);
    validation.set_required_spec_claims(&["exp", "iss", "aud"]);
    let claims = jsonwebtoken::decode::<AssertionClaims>(assertion, &shared.key, &validation)
        .map_err(|e| format!("Invalid JWT Signature or claims: {e}"))?
        .claims;
    if !claims.scope.split_whitespace().any(|s| s == FCM_SCOPE) {
        return Err(format!("Invalid OAuth scope: {FCM_SCOPE} expected"));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    if claims.iat > now + LEEWAY_SECS {
        return Err("Invalid JWT: iat is in the future".to_owned());
    }
    if claims.exp <= claims.iat || claims.exp - claims.iat > 3600 {
        return Err("Invalid JWT: exp must be at most an hour after iat".to_owned());
    }
    Ok(())
}

/// `{"error":{"code","message","status","details"}}` with an `FcmError` detail when `error_code`
/// is given and a `BadRequest` detail when `field` is.
fn fcm_error(
    status: StatusCode,
    rpc_status: &str,
    error_code: Option<&str>,
    field: Option<&str>,
    message: &str,
) -> Response {
    let mut details = Vec::new();
    if let Some(code) = error_code {
        details.push(json!({ "@type": FCM_ERROR_TYPE, "errorCode": code }));
    }
    if let Some(field) = field {
        details.push(json!({
            "@type": BAD_REQUEST_TYPE,
            "fieldViolations": [{ "field": field, "description": message }],
        }));
    }
    let mut error = json!({ "code": status.as_u16(), "message": message, "status": rpc_status });
    if !details.is_empty() {
        error["details"] = Value::Array(details);
    }
    (status, Json(json!({ "error": error }))).into_response()
}

fn invalid_argument(field: &str, message: &str) -> Response {
    fcm_error(
        StatusCode::BAD_REQUEST,
        "INVALID_ARGUMENT",
        Some("INVALID_ARGUMENT"),
        Some(field),
        message,
    )
}

fn answer_response(answer: &FcmAnswer) -> Response {
    let with_retry_after = |mut resp: Response, retry_after: &Option<u64>| {
        if let Some(secs) = retry_after {
            resp.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(*secs));
        }
        resp
    };
    match answer {
        FcmAnswer::Unregistered => fcm_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            Some("UNREGISTERED"),
            None,
            "Requested entity was not found.",
        ),
        FcmAnswer::InvalidToken => invalid_argument(
            "message.token",
            "The registration token is not a valid FCM registration token",
        ),
        FcmAnswer::SenderIdMismatch => fcm_error(
            StatusCode::FORBIDDEN,
            "PERMISSION_DENIED",
            Some("SENDER_ID_MISMATCH"),
            None,
            "SenderId mismatch",
        ),
        FcmAnswer::QuotaExceeded { retry_after } => with_retry_after(
            fcm_error(
                StatusCode::TOO_MANY_REQUESTS,
                "RESOURCE_EXHAUSTED",
                Some("QUOTA_EXCEEDED"),
                None,
                "Quota exceeded for quota metric 'Send requests'.",
            ),
            retry_after,
        ),
        FcmAnswer::Unavailable { retry_after } => with_retry_after(
            fcm_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "UNAVAILABLE",
                Some("UNAVAILABLE"),
                None,
                "The service is currently unavailable.",
            ),
            retry_after,
        ),
        FcmAnswer::Internal => fcm_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "INTERNAL",
            Some("INTERNAL"),
            None,
            "Internal error encountered.",
        ),
    }
}

async fn send(
    State(shared): State<Arc<Shared>>,
    Path(project): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.strip_prefix("Bearer "));
    if !token.is_some_and(|t| shared.lock().tokens.contains(t)) {
        return fcm_error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            None,
            None,
            "Request had invalid authentication credentials. Expected OAuth 2 access token.",
        );
    }
    if project != shared.project_id {
        return fcm_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            None,
            None,
            "Requested entity was not found.",
        );
    }
    if !media_type(&headers).is_some_and(|m| m.eq_ignore_ascii_case("application/json")) {
        return fcm_error(
            StatusCode::BAD_REQUEST,
            "INVALID_ARGUMENT",
            None,
            None,
            "Content-Type must be application/json",
        );
    }
    let body: Value = match serde_json::from_slice(&raw) {
        Ok(body) => body,
        Err(e) => {
            return fcm_error(
                StatusCode::BAD_REQUEST,
                "INVALID_ARGUMENT",
                None,
                None,
                &format!("Invalid JSON payload received. {e}"),
            );
        }
    };
    let (device_token, validate_only) = match validate_send(&body) {
        Ok(v) => v,
        Err((field, message)) => return invalid_argument(&field, &message),
    };
    let mut inner = shared.lock();
    if let Some(answer) = device_token.and_then(|t| inner.answers.get(t)) {
        return answer_response(answer);
    }
    let id = if validate_only {
        "fake_message_id".to_owned()
    } else {
        inner.sent.push(body.clone());
        format!("0:{}%{}", inner.sent.len(), Uuid::new_v4().simple())
    };
    Json(json!({ "name": format!("projects/{}/messages/{id}", shared.project_id) })).into_response()
}

/// Checks a send body; returns the device token (when the target is one) and `validate_only`, or
/// the violated field and a message.
fn validate_send(body: &Value) -> Result<(Option<&str>, bool), (String, String)> {
    let bad = |field: &str, message: &str| (field.to_owned(), message.to_owned());
    let obj = body
        .as_object()
        .ok_or_else(|| bad("", "The body must be a JSON object"))?;
    if let Some(unknown) = obj
        .keys()
        .find(|k| !["message", "validate_only", "validateOnly"].contains(&k.as_str()))
    {
        return Err(bad(
            unknown,
            &format!("Unknown name \"{unknown}\": Cannot find field."),
        ));
    }
    let validate_only = match obj.get("validate_only").or_else(|| obj.get("validateOnly")) {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("validate_only", "validate_only must be a boolean")),
    };
    let message: &Map<String, Value> =
        obj.get("message")
            .and_then(Value::as_object)
            .ok_or_else(|| {
                bad(
                    "message",
                    "The message field is required and must be an object",
                )
            })?;

    let targets: Vec<&str> = ["token", "topic", "condition"]
        .into_iter()
        .filter(|t| message.contains_key(*t))
        .collect();
    if targets.len() != 1 {
        return Err(bad(
            "message",
            "Exactly one of token, topic or condition must be given",
        ));
    }
    let target = targets[0];
    let value = message[target]
        .as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            bad(
                &format!("message.{target}"),
                &format!("message.{target} must be a non-empty string"),
            )
        })?;
    let device_token = (target == "token").then_some(value);

    if let Some(notification) = message.get("notification") {
        let notification = notification.as_object().ok_or_else(|| {
            bad(
                "message.notification",
                "message.notification must be an object",
            )
        })?;
        for key in ["title", "body", "image"] {
            if notification.get(key).is_some_and(|v| !v.is_string()) {
                return Err(bad(
                    &format!("message.notification.{key}"),
                    &format!("message.notification.{key} must be a string"),
                ));
            }
        }
    }
    if let Some(data) = message.get("data") {
        let data = data
            .as_object()
            .ok_or_else(|| bad("message.data", "message.data must be an object"))?;
        if let Some((key, _)) = data.iter().find(|(_, v)| !v.is_string()) {
            return Err(bad(
                &format!("message.data[{key}]"),
                "Invalid value at 'message.data': data values must be strings",
            ));
        }
    }
    if let Some(android) = message.get("android") {
        let android = android
            .as_object()
            .ok_or_else(|| bad("message.android", "message.android must be an object"))?;
        if let Some(priority) = android.get("priority") {
            let ok = priority.as_str().is_some_and(|p| {
                p.eq_ignore_ascii_case("high") || p.eq_ignore_ascii_case("normal")
            });
            if !ok {
                return Err(bad(
                    "message.android.priority",
                    "message.android.priority must be \"normal\" or \"high\"",
                ));
            }
        }
    }
    if let Some(apns) = message.get("apns") {
        let payload_ok = apns
            .as_object()
            .is_some_and(|a| a.get("payload").is_none_or(Value::is_object));
        if !payload_ok {
            return Err(bad(
                "message.apns.payload",
                "message.apns must be an object and its payload an object",
            ));
        }
    }
    Ok((device_token, validate_only))
}

/// Decodes `application/x-www-form-urlencoded` (`+` is a space, `%XX` a byte).
fn parse_form(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms() {
        assert_eq!(
            parse_form("grant_type=urn%3Aietf%3Aparams&assertion=a.b-c_d&x=a+b%2"),
            vec![
                ("grant_type".to_owned(), "urn:ietf:params".to_owned()),
                ("assertion".to_owned(), "a.b-c_d".to_owned()),
                ("x".to_owned(), "a b%2".to_owned()),
            ]
        );
        assert_eq!(parse_form(""), vec![]);
        assert_eq!(percent_decode("%D8%B7"), "ط");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn validates_send_bodies() {
        let ok = json!({"message":{"token":"t","notification":{"title":"a","body":"b"},"data":{"k":"v"},
            "android":{"priority":"high"},"apns":{"payload":{"aps":{"sound":"default"}}}}});
        assert_eq!(validate_send(&ok), Ok((Some("t"), false)));
        assert_eq!(
            validate_send(&json!({"validate_only":true,"message":{"topic":"promo"}})),
            Ok((None, true))
        );
        for (bad, field) in [
            (json!([]), ""),
            (json!({"message":{}}), "message"),
            (json!({"message":{"token":"t","topic":"x"}}), "message"),
            (json!({"message":{"token":""}}), "message.token"),
            (
                json!({"message":{"token":"t","data":{"n":1}}}),
                "message.data[n]",
            ),
            (
                json!({"message":{"token":"t","notification":{"title":1}}}),
                "message.notification.title",
            ),
            (
                json!({"message":{"token":"t","android":{"priority":"urgent"}}}),
                "message.android.priority",
            ),
            (
                json!({"message":{"token":"t","apns":{"payload":"x"}}}),
                "message.apns.payload",
            ),
            (
                json!({"message":{"token":"t"},"registration_ids":["a"]}),
                "registration_ids",
            ),
        ] {
            assert_eq!(
                validate_send(&bad).map_err(|(f, _)| f),
                Err(field.to_owned()),
                "{bad}"
            );
        }
    }
}
