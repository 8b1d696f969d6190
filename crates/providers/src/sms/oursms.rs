//! OurSMS (oursms.com, Saudi Arabia): `POST {base}/msgs/sms` and `GET {base}/billing/credits`,
//! both with `Authorization: Bearer {token}`.
//!
//! See `shared/reference/providers.md` §2. The API has no public reference; the request and
//! response shapes come from production integrations.

use std::fmt;

use reqwest::header::ACCEPT;
use reqwest::{Response, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{SmsError, SmsKind, SmsMessage, SmsSender, e164_digits, mask_phone};

/// Longest provider error text kept in [`SmsError::Provider::message`] (in chars).
const MAX_ERROR_MESSAGE_CHARS: usize = 200;

/// OurSMS error code for invalid credentials.
const CODE_INVALID_CREDENTIALS: i64 = 1001;

#[derive(Clone)]
pub struct OurSmsConfig {
    /// API root without a trailing path, default [`OurSmsConfig::DEFAULT_BASE_URL`].
    pub base_url: String,
    /// API token (dashboard: Developer → API Keys). Never logged; `Debug` redacts it.
    pub token: String,
    /// Approved sender name (`src`).
    pub sender: String,
}

impl OurSmsConfig {
    pub const DEFAULT_BASE_URL: &'static str = "https://api.oursms.com";

    /// A config for the production API.
    pub fn new(token: impl Into<String>, sender: impl Into<String>) -> Self {
        Self {
            base_url: Self::DEFAULT_BASE_URL.to_owned(),
            token: token.into(),
            sender: sender.into(),
        }
    }
}

impl fmt::Debug for OurSmsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OurSmsConfig")
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("sender", &self.sender)
            .finish()
    }
}

/// The OurSMS adapter. Cheap to clone (the `reqwest::Client` is shared).
///
/// Timeouts are those of the `reqwest::Client` passed to [`OurSms::new`]; give it one.
#[derive(Clone, Debug)]
pub struct OurSms {
    config: OurSmsConfig,
    client: reqwest::Client,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SendRequest<'a> {
    src: &'a str,
    dests: [&'a str; 1],
    body: &'a str,
    /// 1 (highest) to 4; omitted = provider default.
    #[serde(skip_serializing_if = "Option::is_none")]
    priority: Option<u8>,
    /// Minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    validity: Option<u32>,
    msg_class: &'static str,
}

#[derive(Deserialize)]
struct SendResponse {
    accepted: u64,
    #[serde(default)]
    rejected: u64,
}

impl OurSms {
    pub fn new(config: OurSmsConfig, client: reqwest::Client) -> Self {
        Self { config, client }
    }

    pub fn config(&self) -> &OurSmsConfig {
        &self.config
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// Remaining balance (`GET /billing/credits` → `{"credits":n}`, falling back to `balance`).
    pub async fn credits(&self) -> Result<i64, SmsError> {
        let resp = self
            .client
            .get(self.url("/billing/credits"))
            .bearer_auth(&self.config.token)
            .header(ACCEPT, "application/json")
            .send()
            .await
            .map_err(transport)?;
        let resp = check_status(resp).await?;
        let json: Value = resp
            .json()
            .await
            .map_err(|e| SmsError::InvalidResponse(format!("credits: {e}")))?;
        ["credits", "balance"]
            .iter()
            .find_map(|key| json.get(key).and_then(as_i64))
            .ok_or_else(|| {
                SmsError::InvalidResponse(format!(
                    "credits: no numeric `credits` or `balance` in {}",
                    truncate(&json.to_string(), MAX_ERROR_MESSAGE_CHARS)
                ))
            })
    }

    async fn send_inner(&self, msg: &SmsMessage) -> Result<(), SmsError> {
        let dest = e164_digits(&msg.to)?;
        let transactional = msg.kind == SmsKind::Transactional;
        let request = SendRequest {
            src: &self.config.sender,
            dests: [dest],
            body: &msg.body,
            priority: transactional.then_some(1),
            validity: transactional.then_some(10),
            msg_class: msg.kind.as_str(),
        };
        let resp = self
            .client
            .post(self.url("/msgs/sms"))
            .bearer_auth(&self.config.token)
            .header(ACCEPT, "application/json")
            .json(&request)
            .send()
            .await
            .map_err(transport)?;
        let resp = check_status(resp).await?;
        let text = resp.text().await.map_err(transport)?;
        let counts: SendResponse = serde_json::from_str(&text).map_err(|e| {
            SmsError::InvalidResponse(format!(
                "send: {e}: {}",
                truncate(&text, MAX_ERROR_MESSAGE_CHARS)
            ))
        })?;
        if counts.accepted == 0 || counts.rejected > 0 {
            return Err(SmsError::Rejected {
                accepted: counts.accepted,
                rejected: counts.rejected,
            });
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl SmsSender for OurSms {
    async fn send(&self, msg: &SmsMessage) -> Result<(), SmsError> {
        let to = mask_phone(&msg.to);
        let result = self.send_inner(msg).await;
        match &result {
            Ok(()) => tracing::info!(provider = "oursms", %to, kind = %msg.kind, "sms sent"),
            Err(error) => {
                tracing::warn!(provider = "oursms", %to, kind = %msg.kind, %error, "sms failed")
            }
        }
        result
    }

    fn name(&self) -> &'static str {
        "oursms"
    }
}

fn transport(e: reqwest::Error) -> SmsError {
    SmsError::Transport(e.to_string())
}

/// Passes 2xx through; maps 401 (or error code 1001) to `Unauthorized`, anything else to `Provider`.
async fn check_status(resp: Response) -> Result<Response, SmsError> {
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    if status == StatusCode::UNAUTHORIZED {
        return Err(SmsError::Unauthorized);
    }
    // Reading the body is best effort: the status alone is already an error.
    let text = resp.text().await.unwrap_or_default();
    let (code, message) = parse_error_body(&text);
    if code == Some(CODE_INVALID_CREDENTIALS) {
        return Err(SmsError::Unauthorized);
    }
    let message = match message {
        Some(m) => truncate(&m, MAX_ERROR_MESSAGE_CHARS),
        None if text.trim().is_empty() => status
            .canonical_reason()
            .unwrap_or("no response body")
            .to_owned(),
        None => truncate(text.trim(), MAX_ERROR_MESSAGE_CHARS),
    };
    Err(SmsError::Provider {
        status: status.as_u16(),
        code,
        message,
    })
}

/// The error JSON is not documented: take `code` (number or numeric string) and
/// `message` (falling back to `error`) if the body is a JSON object.
fn parse_error_body(text: &str) -> (Option<i64>, Option<String>) {
    let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(text) else {
        return (None, None);
    };
    let code = obj.get("code").and_then(as_i64);
    let message = ["message", "error"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(Value::as_str))
        .filter(|m| !m.trim().is_empty())
        .map(|m| m.trim().to_owned());
    (code, message)
}

/// A JSON integer, a float (truncated) or a numeric string.
fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().map(|f| f as i64))
        }
        _ => None,
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
    use super::*;

    #[test]
    fn serializes_transactional_request() {
        let req = SendRequest {
            src: "Qitaa",
            dests: ["966501234567"],
            body: "مرحبا",
            priority: Some(1),
            validity: Some(10),
            msg_class: "transactional",
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({
                "src": "Qitaa",
                "dests": ["966501234567"],
                "body": "مرحبا",
                "priority": 1,
                "validity": 10,
                "msgClass": "transactional",
            })
        );
    }

    #[test]
    fn parses_error_bodies() {
        assert_eq!(
            parse_error_body(r#"{"code":6307,"message":"Source address not allowed"}"#),
            (Some(6307), Some("Source address not allowed".to_owned()))
        );
        assert_eq!(
            parse_error_body(r#"{"code":"1008","error":"Insufficient balance"}"#),
            (Some(1008), Some("Insufficient balance".to_owned()))
        );
        assert_eq!(parse_error_body("<html>oops</html>"), (None, None));
        assert_eq!(parse_error_body("[1,2]"), (None, None));
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("abcdef", 3), "abc…");
        assert_eq!(truncate("مرحبا بك", 3), "مرح…");
    }

    #[test]
    fn numbers_from_json() {
        assert_eq!(as_i64(&serde_json::json!(12)), Some(12));
        assert_eq!(as_i64(&serde_json::json!(12.7)), Some(12));
        assert_eq!(as_i64(&serde_json::json!(" 34 ")), Some(34));
        assert_eq!(as_i64(&serde_json::json!("x")), None);
        assert_eq!(as_i64(&serde_json::json!(null)), None);
    }

    #[test]
    fn config_debug_redacts_token() {
        let cfg = OurSmsConfig::new("s3cr3t-token", "Qitaa");
        assert_eq!(cfg.base_url, "https://api.oursms.com");
        assert!(!format!("{cfg:?}").contains("s3cr3t"));
    }
}
