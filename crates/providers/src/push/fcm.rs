//! Firebase Cloud Messaging HTTP v1.
//!
//! - An OAuth2 access token comes from the service-account JWT bearer flow: an RS256 JWT signed
//!   with the service account's private key (`iss` = its email, `scope` = firebase.messaging,
//!   `aud` = the token URI, one hour of life) is posted as
//!   `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion={JWT}` to the token URI.
//!   The token is cached until shortly before it expires, and fetched again once when a send
//!   answers 401 without an FCM error code.
//! - `POST {api_base}/v1/projects/{project_id}/messages:send` with `Authorization: Bearer {token}`
//!   sends one message to one device token.
//! - Errors are classified by `error.details[].errorCode` (as the Firebase Admin SDKs do), then by
//!   HTTP status: see [`classify`].
//!
//! See `shared/reference/providers.md` §4.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use reqwest::{Response, StatusCode, Url};
use serde::Serialize;
use serde_json::{Map, Value, json};
use tokio::sync::Mutex;

use super::{PushError, PushMessage, PushOutcome, PushSender, mask_token};

/// The OAuth2 scope that allows sending FCM messages.
pub const FCM_SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";
/// `grant_type` of the service-account JWT bearer flow.
pub const JWT_BEARER_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// Life of the JWT assertion (the most Google accepts).
const ASSERTION_SECS: u64 = 3600;
/// Token lifetime assumed when the answer has no `expires_in`.
const DEFAULT_TOKEN_SECS: u64 = 3600;
/// A cached token is replaced this long before it expires (at most a fifth of its life).
const TOKEN_MARGIN_SECS: u64 = 300;
/// Longest provider error text kept in [`PushError::Refused::message`] (in chars).
const MAX_ERROR_MESSAGE_CHARS: usize = 200;

#[derive(Clone)]
pub struct FcmConfig {
    /// The Firebase project id (`project_id` of the service-account JSON).
    pub project_id: String,
    /// The service account (`client_email`), the JWT's `iss`.
    pub client_email: String,
    /// The service account's RSA private key, PEM (`private_key`). Never logged; `Debug`
    /// redacts it.
    pub private_key_pem: String,
    /// Where access tokens come from, default [`FcmConfig::DEFAULT_TOKEN_URI`]; also the JWT's
    /// `aud`.
    pub token_uri: String,
    /// FCM API root, default [`FcmConfig::DEFAULT_API_BASE`].
    pub api_base: String,
}

impl FcmConfig {
    pub const DEFAULT_TOKEN_URI: &'static str = "https://oauth2.googleapis.com/token";
    pub const DEFAULT_API_BASE: &'static str = "https://fcm.googleapis.com";
    /// Timeout of each HTTP call.
    pub const TIMEOUT: Duration = Duration::from_secs(30);

    /// A config for the production endpoints.
    pub fn new(
        project_id: impl Into<String>,
        client_email: impl Into<String>,
        private_key_pem: impl Into<String>,
    ) -> Self {
        Self {
            project_id: project_id.into(),
            client_email: client_email.into(),
            private_key_pem: private_key_pem.into(),
            token_uri: Self::DEFAULT_TOKEN_URI.to_owned(),
            api_base: Self::DEFAULT_API_BASE.to_owned(),
        }
    }

    /// Reads the service-account key file Firebase gives (`"type": "service_account"`,
    /// `project_id`, `client_email`, `private_key`, optional `token_uri`). `api_base` is the
    /// production one. Errors never quote the key.
    pub fn from_service_account_json(json: &str) -> Result<Self, PushError> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            // serde_json's message holds a position, never the text.
            PushError::Config(format!("service-account JSON does not parse: {e}"))
        })?;
        let obj = value
            .as_object()
            .ok_or_else(|| PushError::Config("service-account JSON is not an object".to_owned()))?;
        let field = |name: &str| -> Result<String, PushError> {
            match obj.get(name) {
                Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_owned()),
                Some(Value::String(_)) => Err(PushError::Config(format!(
                    "service-account JSON: `{name}` is empty"
                ))),
                Some(_) => Err(PushError::Config(format!(
                    "service-account JSON: `{name}` is not a string"
                ))),
                None => Err(PushError::Config(format!(
                    "service-account JSON: `{name}` is missing"
                ))),
            }
        };
        if obj
            .get("type")
            .is_some_and(|kind| kind.as_str() != Some("service_account"))
        {
            return Err(PushError::Config(
                "service-account JSON: `type` is not \"service_account\"".to_owned(),
            ));
        }
        let mut config = Self::new(
            field("project_id")?,
            field("client_email")?,
            field("private_key")?,
        );
        if obj.contains_key("token_uri") {
            config.token_uri = field("token_uri")?;
        }
        Ok(config)
    }
}

impl fmt::Debug for FcmConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FcmConfig")
            .field("project_id", &self.project_id)
            .field("client_email", &self.client_email)
            .field("private_key_pem", &"<redacted>")
            .field("token_uri", &self.token_uri)
            .field("api_base", &self.api_base)
            .finish()
    }
}

/// The FCM adapter. Cheap to clone: clones share the HTTP client and the token cache.
#[derive(Clone)]
pub struct Fcm {
    config: FcmConfig,
    key: EncodingKey,
    token_uri: Url,
    send_url: Url,
    client: reqwest::Client,
    token: Arc<Mutex<Option<CachedToken>>>,
}

struct CachedToken {
    value: String,
    refresh_at: Instant,
}

impl fmt::Debug for Fcm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fcm")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    scope: &'a str,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

/// The documented error shape, `{"error":{"code","message","status","details":[…]}}`.
#[derive(Debug, Default, PartialEq, Eq)]
struct FcmErrorBody {
    /// `error.status`, e.g. `NOT_FOUND`.
    status: Option<String>,
    /// `error.message`.
    message: Option<String>,
    /// `details[].errorCode` of the `google.firebase.fcm.v1.FcmError` entry.
    error_code: Option<String>,
    /// `details[].fieldViolations[].field` of the `google.rpc.BadRequest` entries.
    fields: Vec<String>,
}

/// What a `messages:send` answer means.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Outcome(PushOutcome),
    /// 401 without an FCM error code: the access token was refused.
    TokenRefused,
    Refused {
        status: u16,
        message: String,
    },
}

impl Fcm {
    /// Checks the key and the URLs and builds the HTTP client (no request is made).
    pub fn new(config: FcmConfig) -> Result<Self, PushError> {
        let key = EncodingKey::from_rsa_pem(config.private_key_pem.as_bytes()).map_err(|_| {
            PushError::Config("private_key is not a PEM RSA private key".to_owned())
        })?;
        if config.project_id.trim().is_empty() || config.client_email.trim().is_empty() {
            return Err(PushError::Config(
                "project_id and client_email are required".to_owned(),
            ));
        }
        let token_uri = http_url("token_uri", &config.token_uri)?;
        let mut send_url = http_url("api_base", &config.api_base)?;
        send_url
            .path_segments_mut()
            .map_err(|()| PushError::Config("api_base cannot be a base URL".to_owned()))?
            .pop_if_empty()
            .extend(["v1", "projects", config.project_id.trim(), "messages:send"]);
        let client = reqwest::Client::builder()
            .timeout(FcmConfig::TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PushError::Config(format!("HTTP client: {e}")))?;
        Ok(Self {
            config,
            key,
            token_uri,
            send_url,
            client,
            token: Arc::new(Mutex::new(None)),
        })
    }

    pub fn config(&self) -> &FcmConfig {
        &self.config
    }

    /// The signed assertion for the token call.
    fn assertion(&self) -> Result<String, PushError> {
        let iat = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let claims = Claims {
            iss: self.config.client_email.trim(),
            scope: FCM_SCOPE,
            aud: self.token_uri.as_str(),
            iat,
            exp: iat + ASSERTION_SECS,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &self.key)
            .map_err(|e| PushError::Config(format!("signing the JWT assertion: {e}")))
    }

    /// The cached access token, or a new one. `stale` is a token FCM just refused: it is replaced
    /// unless another call already did so. `Err(Ok(outcome))` is a token endpoint asking to retry.
    async fn access_token(
        &self,
        stale: Option<&str>,
    ) -> Result<Result<String, PushOutcome>, PushError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref() {
            let refused = stale.is_some_and(|s| s == token.value);
            if !refused && Instant::now() < token.refresh_at {
                return Ok(Ok(token.value.clone()));
            }
        }
        *cached = None;
        let fresh = match self.fetch_token().await? {
            Ok(fresh) => fresh,
            Err(retry) => return Ok(Err(retry)),
        };
        let value = fresh.value.clone();
        *cached = Some(fresh);
        Ok(Ok(value))
    }

    async fn fetch_token(&self) -> Result<Result<CachedToken, PushOutcome>, PushError> {
        let started = Instant::now();
        // The form by hand: the grant type is constant and a JWT is base64url and dots only, so
        // nothing but the grant type's `:` needs escaping.
        let body = format!(
            "grant_type={}&assertion={}",
            JWT_BEARER_GRANT.replace(':', "%3A"),
            self.assertion()?
        );
        let resp = self
            .client
            .post(self.token_uri.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(unreachable)?;
        let status = resp.status();
        let retry_after = retry_after(resp.headers());
        let text = resp.text().await.map_err(unreachable)?;
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            tracing::warn!(
                provider = "fcm",
                status = status.as_u16(),
                "token endpoint busy"
            );
            return Ok(Err(PushOutcome::Retry { after: retry_after }));
        }
        let json = serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
        if !status.is_success() {
            // Standard OAuth: {"error":"invalid_grant","error_description":"…"}.
            let message = ["error_description", "error"]
                .iter()
                .find_map(|k| json.get(*k).and_then(Value::as_str))
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map_or_else(
                    || fallback_message(status, &text),
                    |m| truncate(m, MAX_ERROR_MESSAGE_CHARS),
                );
            return Err(PushError::Refused {
                status: status.as_u16(),
                message: format!("token endpoint: {message}"),
            });
        }
        let value = json
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| PushError::Refused {
                status: status.as_u16(),
                message: "token endpoint answered without access_token".to_owned(),
            })?
            .to_owned();
        let life = json
            .get("expires_in")
            .and_then(Value::as_u64)
            .unwrap_or(DEFAULT_TOKEN_SECS);
        let margin = (life / 5).min(TOKEN_MARGIN_SECS);
        tracing::debug!(provider = "fcm", expires_in = life, "access token fetched");
        Ok(Ok(CachedToken {
            value,
            refresh_at: started + Duration::from_secs(life - margin),
        }))
    }

    async fn post_message(&self, body: &Value, token: &str) -> Result<Verdict, PushError> {
        let resp = self
            .client
            .post(self.send_url.clone())
            .bearer_auth(token)
            .header(ACCEPT, "application/json")
            .json(body)
            .send()
            .await
            .map_err(unreachable)?;
        read_verdict(resp).await
    }

    async fn send_inner(&self, m: &PushMessage) -> Result<PushOutcome, PushError> {
        let body = request_body(m);
        let token = match self.access_token(None).await? {
            Ok(token) => token,
            Err(retry) => return Ok(retry),
        };
        let mut verdict = self.post_message(&body, &token).await?;
        if verdict == Verdict::TokenRefused {
            tracing::info!(provider = "fcm", "access token refused; fetching a new one");
            let token = match self.access_token(Some(&token)).await? {
                Ok(token) => token,
                Err(retry) => return Ok(retry),
            };
            verdict = self.post_message(&body, &token).await?;
        }
        match verdict {
            Verdict::Outcome(outcome) => Ok(outcome),
            Verdict::TokenRefused => Err(PushError::Refused {
                status: 401,
                message: "the access token was refused twice".to_owned(),
            }),
            Verdict::Refused { status, message } => Err(PushError::Refused { status, message }),
        }
    }
}

#[async_trait::async_trait]
impl PushSender for Fcm {
    fn name(&self) -> &'static str {
        "fcm"
    }

    async fn send(&self, m: &PushMessage) -> Result<PushOutcome, PushError> {
        let token = mask_token(&m.token);
        let result = self.send_inner(m).await;
        match &result {
            Ok(PushOutcome::Sent { message_id }) => {
                tracing::info!(provider = "fcm", %token, %message_id, "push sent")
            }
            Ok(PushOutcome::InvalidToken) => {
                tracing::info!(provider = "fcm", %token, "push token invalid")
            }
            Ok(PushOutcome::Retry { after }) => {
                tracing::warn!(provider = "fcm", %token, ?after, "push to retry")
            }
            Err(error) => tracing::warn!(provider = "fcm", %token, %error, "push failed"),
        }
        result
    }
}

/// `{"message":{"token","notification":{"title","body"},"data"?,"android","apns"}}`; `data` is
/// left out when empty.
fn request_body(m: &PushMessage) -> Value {
    let mut message = json!({
        "token": m.token,
        "notification": { "title": m.title, "body": m.body },
        "android": { "priority": "high" },
        "apns": { "payload": { "aps": { "sound": "default" } } },
    });
    if !m.data.is_empty() {
        let data: Map<String, Value> = m
            .data
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        message["data"] = Value::Object(data);
    }
    json!({ "message": message })
}

fn http_url(what: &str, raw: &str) -> Result<Url, PushError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| PushError::Config(format!("invalid {what} {raw:?}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(PushError::Config(format!(
            "{what} {raw:?} is not an http(s) URL"
        )));
    }
    Ok(url)
}

fn unreachable(e: reqwest::Error) -> PushError {
    PushError::Unreachable(e.to_string())
}

/// `Retry-After` as seconds or as an HTTP date (a date in the past gives zero).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

async fn read_verdict(resp: Response) -> Result<Verdict, PushError> {
    let status = resp.status();
    let after = retry_after(resp.headers());
    let text = resp.text().await.map_err(unreachable)?;
    if status.is_success() {
        let json = serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
        let name = json
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| PushError::Refused {
                status: status.as_u16(),
                message: format!(
                    "answer without a message name: {}",
                    truncate(&text, MAX_ERROR_MESSAGE_CHARS)
                ),
            })?;
        return Ok(Verdict::Outcome(PushOutcome::Sent {
            message_id: name.to_owned(),
        }));
    }
    Ok(classify(status.as_u16(), after, &parse_error(&text), &text))
}

/// Reads the documented error body; anything else gives an empty one.
fn parse_error(text: &str) -> FcmErrorBody {
    let Some(error) = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|j| j.get("error").cloned())
    else {
        return FcmErrorBody::default();
    };
    let string = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let details = error
        .get("details")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let error_code = details.iter().find_map(|d| string(d.get("errorCode")));
    let fields = details
        .iter()
        .filter_map(|d| d.get("fieldViolations").and_then(Value::as_array))
        .flatten()
        .filter_map(|v| string(v.get("field")))
        .collect();
    FcmErrorBody {
        status: string(error.get("status")),
        message: string(error.get("message")),
        error_code,
        fields,
    }
}

/// The adapter action for a non-2xx `messages:send` answer, per the reference's table:
///
/// - `UNREGISTERED` → [`PushOutcome::InvalidToken`];
/// - `INVALID_ARGUMENT` with a field violation on `message.token` (or, without details, a
///   message about the registration token) → [`PushOutcome::InvalidToken`]; other invalid
///   arguments are refused;
/// - `QUOTA_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`, any HTTP 429 or 5xx → [`PushOutcome::Retry`]
///   with `Retry-After` when given;
/// - 401 without an error code → fetch a new token and try once more;
/// - anything else (`SENDER_ID_MISMATCH`, `THIRD_PARTY_AUTH_ERROR`, 403, ...) → refused.
fn classify(status: u16, after: Option<Duration>, body: &FcmErrorBody, text: &str) -> Verdict {
    let code = body.error_code.as_deref();
    let invalid_argument = code == Some("INVALID_ARGUMENT")
        || (code.is_none() && body.status.as_deref() == Some("INVALID_ARGUMENT"));
    let about_token = body.fields.iter().any(|f| f == "message.token")
        || (body.fields.is_empty()
            && body
                .message
                .as_deref()
                .is_some_and(|m| m.to_ascii_lowercase().contains("registration token")));
    match code {
        Some("UNREGISTERED") => return Verdict::Outcome(PushOutcome::InvalidToken),
        _ if invalid_argument && about_token => return Verdict::Outcome(PushOutcome::InvalidToken),
        Some("QUOTA_EXCEEDED" | "UNAVAILABLE" | "INTERNAL") => {
            return Verdict::Outcome(PushOutcome::Retry { after });
        }
        Some(_) => {}
        None if status == 401 => return Verdict::TokenRefused,
        None => {}
    }
    if status == 429 || (500..600).contains(&status) {
        return Verdict::Outcome(PushOutcome::Retry { after });
    }
    let message = match (code, body.message.as_deref()) {
        (Some(code), Some(m)) => format!("{code}: {}", truncate(m, MAX_ERROR_MESSAGE_CHARS)),
        (Some(code), None) => code.to_owned(),
        (None, Some(m)) => truncate(m, MAX_ERROR_MESSAGE_CHARS),
        (None, None) => fallback_message(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            text,
        ),
    };
    Verdict::Refused { status, message }
}

/// The body text, else the status reason.
fn fallback_message(status: StatusCode, text: &str) -> String {
    if text.trim().is_empty() {
        status
            .canonical_reason()
            .unwrap_or("no response body")
            .to_owned()
    } else {
        truncate(text.trim(), MAX_ERROR_MESSAGE_CHARS)
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((idx, _)) => format!("{}…", &s[..idx]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn error_body(status: &str, code: Option<&str>, fields: &[&str], message: &str) -> String {
        let mut details = Vec::new();
        if let Some(code) = code {
            details.push(json!({"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":code}));
        }
        if !fields.is_empty() {
            let violations: Vec<Value> = fields
                .iter()
                .map(|f| json!({"field": f, "description": "bad"}))
                .collect();
            details.push(json!({"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":violations}));
        }
        json!({"error":{"code":400,"message":message,"status":status,"details":details}})
            .to_string()
    }

    fn verdict(status: u16, after: Option<u64>, text: &str) -> Verdict {
        classify(
            status,
            after.map(Duration::from_secs),
            &parse_error(text),
            text,
        )
    }

    #[test]
    fn serializes_the_message() {
        let m = PushMessage {
            token: "tok-1".into(),
            title: "طلبك في الطريق".into(),
            body: "الطلب 1001".into(),
            data: BTreeMap::from([
                ("orderId".to_owned(), "1001".to_owned()),
                ("type".to_owned(), "order_status".to_owned()),
            ]),
            locale: "ar".into(),
        };
        assert_eq!(
            request_body(&m),
            json!({"message":{
                "token":"tok-1",
                "notification":{"title":"طلبك في الطريق","body":"الطلب 1001"},
                "data":{"orderId":"1001","type":"order_status"},
                "android":{"priority":"high"},
                "apns":{"payload":{"aps":{"sound":"default"}}}
            }})
        );
        let bare = PushMessage {
            data: BTreeMap::new(),
            ..m
        };
        assert!(request_body(&bare)["message"].get("data").is_none());
    }

    #[test]
    fn parses_the_documented_error() {
        let text = r#"{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}"#;
        assert_eq!(
            parse_error(text),
            FcmErrorBody {
                status: Some("NOT_FOUND".into()),
                message: Some("Requested entity was not found.".into()),
                error_code: Some("UNREGISTERED".into()),
                fields: vec![],
            }
        );
        assert_eq!(parse_error("<html>"), FcmErrorBody::default());
        assert_eq!(parse_error(r#"{"error":"x"}"#), FcmErrorBody::default());
    }

    #[test]
    fn classifies_errors() {
        use PushOutcome::*;
        let out = |o| Verdict::Outcome(o);
        assert_eq!(
            verdict(
                404,
                None,
                &error_body("NOT_FOUND", Some("UNREGISTERED"), &[], "gone")
            ),
            out(InvalidToken)
        );
        assert_eq!(
            verdict(
                400,
                None,
                &error_body(
                    "INVALID_ARGUMENT",
                    Some("INVALID_ARGUMENT"),
                    &["message.token"],
                    "bad"
                )
            ),
            out(InvalidToken)
        );
        assert_eq!(
            verdict(
                400,
                None,
                &error_body(
                    "INVALID_ARGUMENT",
                    None,
                    &[],
                    "The registration token is not a valid FCM registration token"
                )
            ),
            out(InvalidToken)
        );
        assert!(matches!(
            verdict(
                400,
                None,
                &error_body("INVALID_ARGUMENT", Some("INVALID_ARGUMENT"), &["message.data"], "bad data")
            ),
            Verdict::Refused { status: 400, message } if message.starts_with("INVALID_ARGUMENT")
        ));
        assert_eq!(
            verdict(
                429,
                Some(30),
                &error_body("RESOURCE_EXHAUSTED", Some("QUOTA_EXCEEDED"), &[], "q")
            ),
            out(Retry {
                after: Some(Duration::from_secs(30))
            })
        );
        assert_eq!(
            verdict(
                503,
                None,
                &error_body("UNAVAILABLE", Some("UNAVAILABLE"), &[], "u")
            ),
            out(Retry { after: None })
        );
        assert_eq!(
            verdict(
                500,
                None,
                &error_body("INTERNAL", Some("INTERNAL"), &[], "i")
            ),
            out(Retry { after: None })
        );
        assert_eq!(
            verdict(502, Some(5), "<html>bad gateway</html>"),
            out(Retry {
                after: Some(Duration::from_secs(5))
            })
        );
        assert_eq!(verdict(429, None, ""), out(Retry { after: None }));
        assert_eq!(
            verdict(
                401,
                None,
                &error_body("UNAUTHENTICATED", None, &[], "expired")
            ),
            Verdict::TokenRefused
        );
        assert!(matches!(
            verdict(401, None, &error_body("UNAUTHENTICATED", Some("THIRD_PARTY_AUTH_ERROR"), &[], "apns")),
            Verdict::Refused { status: 401, message } if message.starts_with("THIRD_PARTY_AUTH_ERROR")
        ));
        assert!(matches!(
            verdict(403, None, &error_body("PERMISSION_DENIED", Some("SENDER_ID_MISMATCH"), &[], "other project")),
            Verdict::Refused { status: 403, message } if message.starts_with("SENDER_ID_MISMATCH")
        ));
        assert!(matches!(
            verdict(404, None, ""),
            Verdict::Refused { status: 404, message } if message == "Not Found"
        ));
    }

    #[test]
    fn reads_retry_after() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, " 17 ".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(17)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
        headers.insert(RETRY_AFTER, soon.parse().unwrap());
        let after = retry_after(&headers).unwrap();
        assert!(
            after > Duration::from_secs(100) && after <= Duration::from_secs(120),
            "{after:?}"
        );
        headers.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn reads_service_account_json() {
        let json = json!({
            "type": "service_account",
            "project_id": "qitaa-test",
            "private_key_id": "abc",
            "private_key": "-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----\n",
            "client_email": "fcm@qitaa-test.iam.gserviceaccount.com",
            "token_uri": "https://oauth2.googleapis.com/token"
        });
        let cfg = FcmConfig::from_service_account_json(&json.to_string()).unwrap();
        assert_eq!(cfg.project_id, "qitaa-test");
        assert_eq!(cfg.client_email, "fcm@qitaa-test.iam.gserviceaccount.com");
        assert_eq!(cfg.token_uri, FcmConfig::DEFAULT_TOKEN_URI);
        assert_eq!(cfg.api_base, FcmConfig::DEFAULT_API_BASE);
        assert!(!format!("{cfg:?}").contains("MIIsecret"));
        // The key is checked when the adapter is built, and never quoted.
        let err = Fcm::new(cfg).unwrap_err();
        assert!(matches!(&err, PushError::Config(_)), "{err:?}");
        assert!(!err.to_string().contains("MIIsecret"), "{err}");
    }

    #[test]
    fn checks_urls() {
        assert!(matches!(
            http_url("u", "not a url"),
            Err(PushError::Config(_))
        ));
        assert!(matches!(
            http_url("u", "mailto:a@b.sa"),
            Err(PushError::Config(_))
        ));
        assert!(matches!(
            http_url("u", "ftp://x"),
            Err(PushError::Config(_))
        ));
        assert!(http_url("u", "http://127.0.0.1:1/").is_ok());
    }
}
