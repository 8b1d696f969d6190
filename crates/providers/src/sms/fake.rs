//! An in-process fake of the OurSMS API for tests (cargo feature `fake`).
//!
//! ```
//! # use providers::sms::fake::FakeOurSms;
//! # use providers::sms::{OurSms, OurSmsConfig, SmsMessage, SmsSender};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeOurSms::start("test-token").await;
//! let sms = OurSms::new(
//!     OurSmsConfig { base_url: fake.base_url(), token: "test-token".into(), sender: "Qitaa".into() },
//!     reqwest::Client::new(),
//! );
//! sms.send(&SmsMessage::transactional("+966501234567", "code 1234")).await?;
//! assert_eq!(fake.received()[0].body["dests"], serde_json::json!(["966501234567"]));
//! # Ok(())
//! # }
//! ```
//!
//! What it enforces (only what is known of the real API, plus strict typing of the documented
//! fields so client typos fail loudly):
//! - `POST /msgs/sms` and `GET /billing/credits` need `Authorization: Bearer {expected_token}`,
//!   else 401 `{"message":"Unauthenticated","code":1001}`.
//! - `POST /msgs/sms` needs `Content-Type: application/json` (else 415) and a JSON object with
//!   `src` (non-empty string), `dests` (1 to 500 strings of ASCII digits only, no `+`) and `body`
//!   (non-empty string). The optional documented fields must have their documented types:
//!   `priority` 0–4, `delay`/`validity`/`maxParts` integers ≥ 0, `dlr`/`prevDups` 0 or 1,
//!   `msgClass` `"transactional"`/`"promotional"`. Any other key is refused. Violations: 400
//!   `{"message":"…"}`.
//! - Sender `"BLOCKED"` → 400 `{"code":6307,"message":"Source address not allowed"}`.
//! - Fewer credits than destinations (see [`FakeOurSms::set_credits`]) → 400
//!   `{"code":1008,"message":"Insufficient balance"}`. Sending does not consume credits.
//! - Success: 200 `{"accepted":n,"rejected":0,"messageIds":[…]}`.
//! - `GET /billing/credits` → `{"credits":1000}` (or the value set).
//!
//! Every request to `POST /msgs/sms` is recorded, including refused ones.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Map, Value, json};
use tokio::task::JoinHandle;
use uuid::Uuid;

/// Sender name the fake refuses with error 6307.
pub const BLOCKED_SENDER: &str = "BLOCKED";

const DEFAULT_CREDITS: i64 = 1000;
const MAX_DESTS: usize = 500;

/// One request received on `POST /msgs/sms`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedSms {
    /// The raw `Authorization` header, e.g. `Some("Bearer tok")`.
    pub authorization: Option<String>,
    /// The raw `Content-Type` header.
    pub content_type: Option<String>,
    /// The parsed JSON body; a `Value::String` with the raw text if it was not JSON.
    pub body: Value,
}

struct Shared {
    token: String,
    credits: AtomicI64,
    received: Mutex<Vec<ReceivedSms>>,
}

/// A running fake OurSMS server on `127.0.0.1`. Stops when dropped.
pub struct FakeOurSms {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeOurSms {
    /// Binds `127.0.0.1:0` and serves in a background task of the current Tokio runtime.
    ///
    /// # Panics
    /// If the port cannot be bound (a test helper: failing loudly is the point).
    pub async fn start(expected_token: &str) -> FakeOurSms {
        let shared = Arc::new(Shared {
            token: expected_token.to_owned(),
            credits: AtomicI64::new(DEFAULT_CREDITS),
            received: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/msgs/sms", post(send_sms))
            .route("/billing/credits", get(credits))
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake OurSMS: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake OurSMS: local address");
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake OurSMS server stopped");
            }
        });
        FakeOurSms { addr, shared, task }
    }

    /// `http://127.0.0.1:{port}`, to use as [`super::OurSmsConfig::base_url`].
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every `POST /msgs/sms` so far, oldest first.
    pub fn received(&self) -> Vec<ReceivedSms> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Forgets the recorded requests.
    pub fn clear(&self) {
        self.shared
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Sets the balance reported by `/billing/credits` and checked by sends (default 1000).
    pub fn set_credits(&self, credits: i64) {
        self.shared.credits.store(credits, Ordering::SeqCst);
    }
}

impl Drop for FakeOurSms {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn error(status: StatusCode, code: Option<i64>, message: &str) -> Response {
    let body = match code {
        Some(code) => json!({ "code": code, "message": message }),
        None => json!({ "message": message }),
    };
    (status, Json(body)).into_response()
}

fn header(headers: &HeaderMap, name: axum::http::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

fn authorized(shared: &Shared, authorization: Option<&str>) -> bool {
    authorization
        .and_then(|a| a.strip_prefix("Bearer "))
        .is_some_and(|t| t == shared.token)
}

fn unauthenticated() -> Response {
    error(StatusCode::UNAUTHORIZED, Some(1001), "Unauthenticated")
}

async fn credits(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    if !authorized(&shared, header(&headers, AUTHORIZATION).as_deref()) {
        return unauthenticated();
    }
    Json(json!({ "credits": shared.credits.load(Ordering::SeqCst) })).into_response()
}

async fn send_sms(State(shared): State<Arc<Shared>>, headers: HeaderMap, raw: Bytes) -> Response {
    let authorization = header(&headers, AUTHORIZATION);
    let content_type = header(&headers, CONTENT_TYPE);
    let body = serde_json::from_slice::<Value>(&raw)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&raw).into_owned()));
    shared
        .received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(ReceivedSms {
            authorization: authorization.clone(),
            content_type: content_type.clone(),
            body: body.clone(),
        });

    if !authorized(&shared, authorization.as_deref()) {
        return unauthenticated();
    }
    let is_json = content_type
        .as_deref()
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|ct| ct.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            None,
            "Content-Type must be application/json",
        );
    }
    let (src, dests) = match validate(&body) {
        Ok(v) => v,
        Err(message) => return error(StatusCode::BAD_REQUEST, None, &message),
    };
    if src == BLOCKED_SENDER {
        return error(
            StatusCode::BAD_REQUEST,
            Some(6307),
            "Source address not allowed",
        );
    }
    if shared.credits.load(Ordering::SeqCst) < dests as i64 {
        return error(StatusCode::BAD_REQUEST, Some(1008), "Insufficient balance");
    }
    let ids: Vec<String> = (0..dests).map(|_| Uuid::new_v4().to_string()).collect();
    Json(json!({ "accepted": dests, "rejected": 0, "messageIds": ids })).into_response()
}

/// Checks a send body; returns `(src, number of dests)` or the error message.
fn validate(body: &Value) -> Result<(&str, usize), String> {
    let obj: &Map<String, Value> = body
        .as_object()
        .ok_or("The request body must be a JSON object")?;
    const KNOWN: [&str; 10] = [
        "src", "dests", "body", "priority", "delay", "validity", "maxParts", "dlr", "prevDups",
        "msgClass",
    ];
    if let Some(unknown) = obj.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(format!("The {unknown} field is not allowed"));
    }

    let src = obj
        .get("src")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or("The src field is required and must be a non-empty string")?;

    let dests = obj
        .get("dests")
        .and_then(Value::as_array)
        .filter(|d| !d.is_empty())
        .ok_or("The dests field is required and must be a non-empty array")?;
    if dests.len() > MAX_DESTS {
        return Err(format!(
            "The dests field may hold at most {MAX_DESTS} numbers"
        ));
    }
    for dest in dests {
        let ok = dest
            .as_str()
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return Err(format!("Invalid destination {dest}: digits only"));
        }
    }

    obj.get("body")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or("The body field is required and must be a non-empty string")?;

    let int_in = |key: &str, max: u64| -> Result<(), String> {
        match obj.get(key) {
            None => Ok(()),
            Some(v) if v.as_u64().is_some_and(|n| n <= max) => Ok(()),
            Some(v) => Err(format!(
                "The {key} field must be an integer 0..={max}, got {v}"
            )),
        }
    };
    int_in("priority", 4)?;
    int_in("delay", u64::MAX)?;
    int_in("validity", u64::MAX)?;
    int_in("maxParts", u64::MAX)?;
    int_in("dlr", 1)?;
    int_in("prevDups", 1)?;

    match obj.get("msgClass") {
        None => {}
        Some(Value::String(c)) if c == "transactional" || c == "promotional" => {}
        Some(v) => {
            return Err(format!(
                "The msgClass field must be \"transactional\" or \"promotional\", got {v}"
            ));
        }
    }
    Ok((src, dests.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_send_bodies() {
        let ok = json!({"src":"Qitaa","dests":["966501234567"],"body":"hi","msgClass":"transactional","priority":1,"validity":10});
        assert_eq!(validate(&ok), Ok(("Qitaa", 1)));

        for bad in [
            json!([]),
            json!({"dests":["9665"],"body":"hi"}),
            json!({"src":"","dests":["9665"],"body":"hi"}),
            json!({"src":"Q","dests":[],"body":"hi"}),
            json!({"src":"Q","dests":"966501234567","body":"hi"}),
            json!({"src":"Q","dests":["+966501234567"],"body":"hi"}),
            json!({"src":"Q","dests":[966501234567u64],"body":"hi"}),
            json!({"src":"Q","dests":["9665"]}),
            json!({"src":"Q","dests":["9665"],"body":""}),
            json!({"src":"Q","dests":["9665"],"body":"hi","priority":5}),
            json!({"src":"Q","dests":["9665"],"body":"hi","priority":"1"}),
            json!({"src":"Q","dests":["9665"],"body":"hi","dlr":2}),
            json!({"src":"Q","dests":["9665"],"body":"hi","validity":-1}),
            json!({"src":"Q","dests":["9665"],"body":"hi","msgClass":"otp"}),
            json!({"src":"Q","dests":["9665"],"body":"hi","msg_class":"transactional"}),
        ] {
            assert!(validate(&bad).is_err(), "{bad} should be refused");
        }
    }
}
