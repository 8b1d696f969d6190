//! An in-process fake of the N-Genius Online API for tests (cargo feature `fake`).
//!
//! ```
//! # use providers::payments::fake::FakeNGenius;
//! # use providers::payments::{CardGateway, CreateOrder, NGenius, NGeniusConfig};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeNGenius::start("test-key", "outlet-1").await;
//! let gateway = NGenius::new(NGeniusConfig::new(fake.base_url(), "test-key", "outlet-1"))?;
//! let order = gateway
//!     .create_order(&CreateOrder {
//!         merchant_reference: "ORD-1".into(),
//!         amount_minor: 11500,
//!         currency: "SAR".into(),
//!         email: "a@b.sa".into(),
//!         language: "ar".into(),
//!         redirect_url: "https://shop.example/pay/return".into(),
//!         cancel_url: "https://shop.example/cart".into(),
//!         first_name: "Ali".into(),
//!         last_name: "Saleh".into(),
//!     })
//!     .await?;
//! fake.pay(&order.reference); // the customer pays on the pay page
//! assert!(gateway.get_order(&order.reference).await?.state.is_paid());
//! # Ok(())
//! # }
//! ```
//!
//! What it enforces (what the reference confirms, plus strict typing of the documented fields;
//! unknown request fields are ignored like the real API is documented to):
//! - `POST /identity/auth/access-token` needs `Authorization: Basic {api_key}` exactly (else 401)
//!   and `Content-Type: application/vnd.ni-identity.v1+json` (else 415); the body is empty or a
//!   JSON object (`grant_type`, `realm`). It issues a new token each time:
//!   `{"access_token","expires_in":300,"refresh_expires_in","refresh_token","token_type":"bearer"}`.
//! - Transaction calls need `Authorization: Bearer {a token it issued and has not expired}` (else
//!   401), an `Accept` that allows `application/vnd.ni-payment.v2+json` when one is sent (else
//!   406), that media type as `Content-Type` on POSTs (else 415), and the outlet given to
//!   [`FakeNGenius::start`] in the path (else 404).
//! - `POST /transactions/outlets/{o}/orders` needs `action` `AUTH`/`SALE`/`PURCHASE`,
//!   `amount.currencyCode` (three capital letters), `amount.value` (a JSON integer > 0),
//!   `emailAddress`, `billingAddress.firstName`/`lastName` (non-empty), and when present
//!   `language` `en`/`ar`/`fr`, `merchantOrderReference` of letters, digits and `-`,
//!   `merchantAttributes` with string URLs and boolean flags, `paymentAttempts` 1–5.
//!   Answers 201 with the order object; its `_links.payment.href` is this server's pay page.
//! - `GET /transactions/outlets/{o}/orders/{ref}`: the order object, or 404.
//! - Refunds: `POST …/payments/{p}/refund` (PURCHASE; the payment's `cnp:refund` link) and
//!   `POST …/payments/{p}/captures/{c}/refund` (SALE and AUTH; the capture's `cnp:refund`
//!   link) need `{"amount":{"currencyCode":<the order's>,"value":n}}` with 0 < n ≤ what is
//!   left to refund. Answers 200 with the payment object; its state becomes
//!   `PARTIALLY_REFUNDED` or `REFUNDED`.
//! - Saved cards (`fake/saved_card.rs`): a payment paid on the pay page (or by
//!   [`FakeNGenius::pay`]) carries `savedCard` with the fake's one test card
//!   ([`FakeNGenius::saved_card`]); a `STARTED` payment links `payment:saved-card`, and
//!   `PUT …/payments/{p}/saved-card` with `{cardToken, expiry, cardholderName[, maskedPan]}` of
//!   that card pays it (`PURCHASED`/`CAPTURED`/`AUTHORISED` by action), or leaves it `AWAIT_3DS`
//!   after [`FakeNGenius::require_3ds_for_saved_cards`]. An unknown token, another expiry or
//!   masked number, or a payment not `STARTED` is a 400.
//! - Errors answer `{"message","code","errors":[{"message","localizedMessage","errorCode","domain"}]}`.
//!
//! The pay page (`GET /paypage?code=…`) links to `/paypage/pay`, `/paypage/decline` and
//! `/paypage/cancel`, which settle the order and redirect (303) to `redirectUrl?ref={reference}`
//! (`cancelUrl` for cancel), so browser-level tests can click through. Tests usually call
//! [`FakeNGenius::pay`] or [`FakeNGenius::decline`] instead.
//!
//! Every request is recorded (method, path, query, headers, JSON body), refused ones included.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Json;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::ngenius::{IDENTITY_MEDIA_TYPE, PAYMENT_MEDIA_TYPE};
use super::{PaymentState, SavedCard};

mod saved_card;

/// Path of the token call.
pub const TOKEN_PATH: &str = "/identity/auth/access-token";

const DEFAULT_EXPIRES_IN: u64 = 300;
const MAX_BODY_BYTES: usize = 1 << 20;

/// One request the fake received.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path without the query, e.g. `/transactions/outlets/o/orders`.
    pub path: String,
    pub query: Option<String>,
    /// Every header as `(lower-case name, value)`, in order.
    pub headers: Vec<(String, String)>,
    /// The parsed JSON body; `Null` when empty, a `Value::String` with the raw text if not JSON.
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
}

struct Entry {
    id: String,
    amount: i64,
    state: &'static str,
}

struct FakeOrder {
    reference: String,
    payment_id: String,
    code: String,
    action: String,
    currency: String,
    amount: i64,
    /// The create body, echoed back (language, emailAddress, merchantAttributes, ...).
    request: Map<String, Value>,
    state: PaymentState,
    captures: Vec<Entry>,
    refunds: Vec<Entry>,
    /// The tokenised card it was paid with (`savedCard`).
    saved_card: Option<Value>,
}

impl FakeOrder {
    fn captured(&self) -> i64 {
        if !self.captures.is_empty() {
            return self.captures.iter().map(|c| c.amount).sum();
        }
        let purchased = matches!(
            self.state,
            PaymentState::Purchased | PaymentState::PartiallyRefunded | PaymentState::Refunded
        );
        if self.action == "PURCHASE" && purchased {
            self.amount
        } else {
            0
        }
    }

    fn refunded(&self) -> i64 {
        self.refunds.iter().map(|r| r.amount).sum()
    }

    fn refundable(&self) -> i64 {
        let state_ok = matches!(
            self.state,
            PaymentState::Purchased | PaymentState::Captured | PaymentState::PartiallyRefunded
        );
        if state_ok {
            self.captured() - self.refunded()
        } else {
            0
        }
    }
}

struct Inner {
    requests: Vec<ReceivedRequest>,
    tokens: HashSet<String>,
    issued: u64,
    expires_in: u64,
    fail_next: Option<(StatusCode, String)>,
    orders: HashMap<String, FakeOrder>,
    codes: HashMap<String, String>,
    /// Saved-card payments stop at 3-D Secure.
    saved_card_3ds: bool,
}

struct Shared {
    api_key: String,
    outlet: String,
    base_url: String,
    /// The one test card the pay page tokenises, as `savedCard` JSON.
    card: Value,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn order_url(&self, reference: &str) -> String {
        format!(
            "{}/transactions/outlets/{}/orders/{reference}",
            self.base_url, self.outlet
        )
    }

    fn payment_json(&self, order: &FakeOrder) -> Value {
        let payment_url = format!(
            "{}/payments/{}",
            self.order_url(&order.reference),
            order.payment_id
        );
        let amount = json!({ "currencyCode": order.currency, "value": order.amount });
        let refundable = order.refundable() > 0;

        let mut links = json!({ "self": { "href": payment_url } });
        if order.state == PaymentState::Started {
            links["payment:saved-card"] = json!({ "href": format!("{payment_url}/saved-card") });
        }
        if refundable && order.captures.is_empty() {
            links["cnp:refund"] = json!({ "href": format!("{payment_url}/refund") });
        }
        let captures: Vec<Value> = order
            .captures
            .iter()
            .map(|c| {
                let url = format!("{payment_url}/captures/{}", c.id);
                let mut links = json!({ "self": { "href": url } });
                if refundable {
                    links["cnp:refund"] = json!({ "href": format!("{url}/refund") });
                }
                json!({
                    "_id": format!("urn:capture:{}", c.id),
                    "state": c.state,
                    "amount": { "currencyCode": order.currency, "value": c.amount },
                    "_links": links,
                })
            })
            .collect();
        let refunds: Vec<Value> = order
            .refunds
            .iter()
            .map(|r| {
                json!({
                    "_id": format!("urn:refund:{}", r.id),
                    "state": r.state,
                    "amount": { "currencyCode": order.currency, "value": r.amount },
                    "_links": { "self": { "href": format!("{payment_url}/refunds/{}", r.id) } },
                })
            })
            .collect();
        let mut embedded = Map::new();
        if !captures.is_empty() {
            embedded.insert("cnp:capture".into(), Value::Array(captures));
        }
        if !refunds.is_empty() {
            embedded.insert("cnp:refund".into(), Value::Array(refunds));
        }

        let mut payment = json!({
            "_id": format!("urn:payment:{}", order.payment_id),
            "reference": order.payment_id,
            "state": order.state.as_str(),
            "orderReference": order.reference,
            "outletId": self.outlet,
            "amount": amount,
            "_links": links,
        });
        if !embedded.is_empty() {
            payment["_embedded"] = Value::Object(embedded);
        }
        if let Some(card) = &order.saved_card {
            payment["savedCard"] = card.clone();
        }
        payment
    }

    fn order_json(&self, order: &FakeOrder) -> Value {
        let url = self.order_url(&order.reference);
        let mut json = Value::Object(order.request.clone());
        for (key, value) in [
            ("_id", json!(format!("urn:order:{}", order.reference))),
            ("reference", json!(order.reference)),
            ("type", json!("SINGLE")),
            ("action", json!(order.action)),
            ("outletId", json!(self.outlet)),
            (
                "amount",
                json!({ "currencyCode": order.currency, "value": order.amount }),
            ),
            (
                "paymentMethods",
                json!({ "card": ["VISA", "MASTERCARD", "MADA"] }),
            ),
            (
                "_links",
                json!({
                    "self": { "href": url },
                    "cancel": { "href": format!("{url}/cancel") },
                    "payment": { "href": format!("{}/paypage?code={}", self.base_url, order.code) },
                }),
            ),
            (
                "_embedded",
                json!({ "payment": [self.payment_json(order)] }),
            ),
        ] {
            json[key] = value;
        }
        json
    }
}

/// A running fake N-Genius server on `127.0.0.1`. Stops when dropped.
pub struct FakeNGenius {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeNGenius {
    /// Binds `127.0.0.1:0` and serves in a background task of the current Tokio runtime.
    /// `api_key` is the key the token call must present; `outlet` the outlet of the paths.
    ///
    /// # Panics
    /// If the port cannot be bound (a test helper: failing loudly is the point).
    pub async fn start(api_key: &str, outlet: &str) -> FakeNGenius {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake N-Genius: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake N-Genius: local address");
        let shared = Arc::new(Shared {
            api_key: api_key.to_owned(),
            outlet: outlet.to_owned(),
            base_url: format!("http://{addr}"),
            card: saved_card::test_card(),
            inner: Mutex::new(Inner {
                requests: Vec::new(),
                tokens: HashSet::new(),
                issued: 0,
                expires_in: DEFAULT_EXPIRES_IN,
                fail_next: None,
                orders: HashMap::new(),
                codes: HashMap::new(),
                saved_card_3ds: false,
            }),
        });
        let order = "/transactions/outlets/{outlet}/orders/{order}";
        let app = Router::new()
            .route(TOKEN_PATH, post(access_token))
            .route("/transactions/outlets/{outlet}/orders", post(create_order))
            .route(order, get(get_order))
            .route(
                &format!("{order}/payments/{{payment}}/refund"),
                post(refund_purchase),
            )
            .route(
                &format!("{order}/payments/{{payment}}/captures/{{capture}}/refund"),
                post(refund_capture),
            )
            .route(
                &format!("{order}/payments/{{payment}}/saved-card"),
                axum::routing::put(saved_card::pay),
            )
            .route("/paypage", get(pay_page))
            .route("/paypage/{choice}", get(pay_page_choice))
            .layer(middleware::from_fn_with_state(Arc::clone(&shared), record))
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake N-Genius server stopped");
            }
        });
        FakeNGenius { addr, shared, task }
    }

    /// `http://127.0.0.1:{port}`, to use as [`super::NGeniusConfig::base_url`].
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The outlet reference the fake serves.
    pub fn outlet(&self) -> &str {
        &self.shared.outlet
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared.lock().requests.clone()
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

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// Makes the next request (whatever it is) fail with `status` and a generic message.
    pub fn fail_next(&self, status: u16) {
        let status = StatusCode::from_u16(status).expect("fake N-Genius: a valid HTTP status");
        let message = status
            .canonical_reason()
            .unwrap_or("Simulated failure")
            .to_owned();
        self.shared.lock().fail_next = Some((status, message));
    }

    /// Makes the next request fail with `status` and `errors[0].message` = `message`.
    pub fn fail_next_with(&self, status: u16, message: &str) {
        let status = StatusCode::from_u16(status).expect("fake N-Genius: a valid HTTP status");
        self.shared.lock().fail_next = Some((status, message.to_owned()));
    }

    /// Invalidates every token issued so far, as if they had expired: the next transaction call
    /// answers 401 until a new token is fetched.
    pub fn expire_tokens(&self) {
        self.shared.lock().tokens.clear();
    }

    /// The `expires_in` of the tokens issued from now on (default 300 seconds; the fake itself
    /// never expires them, see [`FakeNGenius::expire_tokens`]).
    pub fn set_token_expires_in(&self, seconds: u64) {
        self.shared.lock().expires_in = seconds;
    }

    /// Sets the payment state of an order, as if the gateway had moved it. `CAPTURED` on an
    /// order without captures adds a successful capture of the whole amount.
    ///
    /// # Panics
    /// If the fake holds no order `reference`.
    pub fn set_outcome(&self, reference: &str, state: PaymentState) {
        let mut inner = self.shared.lock();
        let order = inner
            .orders
            .get_mut(reference)
            .unwrap_or_else(|| panic!("fake N-Genius: no order {reference}"));
        settle(order, state);
    }

    /// The customer pays on the pay page: `PURCHASED` for a `PURCHASE` order, `CAPTURED` (with a
    /// capture of the whole amount) for `SALE`, `AUTHORISED` for `AUTH`.
    ///
    /// # Panics
    /// If the fake holds no order `reference`.
    pub fn pay(&self, reference: &str) {
        let mut inner = self.shared.lock();
        let order = inner
            .orders
            .get_mut(reference)
            .unwrap_or_else(|| panic!("fake N-Genius: no order {reference}"));
        let state = paid_state(&order.action);
        settle(order, state);
        order.saved_card = Some(self.shared.card.clone());
    }

    /// The card the pay page tokenises for every payment (`savedCard` of a paid payment), the one
    /// a saved-card payment must present.
    pub fn saved_card(&self) -> SavedCard {
        saved_card::parse_test_card(&self.shared.card)
    }

    /// From now on, saved-card payments stop at 3-D Secure (`AWAIT_3DS`) instead of being paid.
    pub fn require_3ds_for_saved_cards(&self, on: bool) {
        self.shared.lock().saved_card_3ds = on;
    }

    /// The card is declined on the pay page: `FAILED`.
    ///
    /// # Panics
    /// If the fake holds no order `reference`.
    pub fn decline(&self, reference: &str) {
        self.set_outcome(reference, PaymentState::Failed);
    }

    /// The customer cancels on the pay page: `CANCELLED`.
    ///
    /// # Panics
    /// If the fake holds no order `reference`.
    pub fn cancel(&self, reference: &str) {
        self.set_outcome(reference, PaymentState::Cancelled);
    }

    /// The state of an order's payment, if the fake holds it.
    pub fn state(&self, reference: &str) -> Option<PaymentState> {
        self.shared
            .lock()
            .orders
            .get(reference)
            .map(|o| o.state.clone())
    }

    /// The order object a GET would answer, if the fake holds it.
    pub fn order_json(&self, reference: &str) -> Option<Value> {
        let inner = self.shared.lock();
        inner
            .orders
            .get(reference)
            .map(|o| self.shared.order_json(o))
    }

    /// A webhook body as N-Genius posts it: `{"eventName": event, "order": {…}}`.
    ///
    /// # Panics
    /// If the fake holds no order `reference`.
    pub fn webhook_body(&self, reference: &str, event_name: &str) -> Vec<u8> {
        let order = self
            .order_json(reference)
            .unwrap_or_else(|| panic!("fake N-Genius: no order {reference}"));
        serde_json::to_vec(&json!({ "eventName": event_name, "order": order }))
            .expect("JSON values serialize")
    }
}

impl Drop for FakeNGenius {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeNGenius {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeNGenius")
            .field("base_url", &self.shared.base_url)
            .field("outlet", &self.shared.outlet)
            .finish_non_exhaustive()
    }
}

fn paid_state(action: &str) -> PaymentState {
    match action {
        "AUTH" => PaymentState::Authorised,
        "SALE" => PaymentState::Captured,
        _ => PaymentState::Purchased,
    }
}

fn settle(order: &mut FakeOrder, state: PaymentState) {
    if state == PaymentState::Captured && order.captures.is_empty() {
        order.captures.push(Entry {
            id: Uuid::new_v4().to_string(),
            amount: order.amount,
            state: "SUCCESS",
        });
    }
    order.state = state;
}

/// Records the request, then answers a pending [`FakeNGenius::fail_next`] or passes it on.
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
    let received = ReceivedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
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
    };
    let failure = {
        let mut inner = shared.lock();
        inner.requests.push(received);
        inner.fail_next.take()
    };
    if let Some((status, message)) = failure {
        return error(status, &message);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn error(status: StatusCode, message: &str) -> Response {
    let code = status
        .canonical_reason()
        .unwrap_or("error")
        .to_ascii_uppercase()
        .replace(' ', "_");
    let body = json!({
        "message": message,
        "code": status.as_u16(),
        "errors": [{
            "message": message,
            "localizedMessage": message,
            "errorCode": code,
            "domain": "fake",
        }],
    });
    (status, Json(body)).into_response()
}

/// A refused request: the status and `errors[0].message` of the answer (see [`error`]).
type Refusal = (StatusCode, String);

fn refusal(status: StatusCode, message: impl Into<String>) -> Refusal {
    (status, message.into())
}

/// A JSON request body, or a 400.
fn parse_body(raw: &[u8]) -> Result<Value, Refusal> {
    serde_json::from_slice(raw).map_err(|e| {
        refusal(
            StatusCode::BAD_REQUEST,
            format!("The body is not JSON: {e}"),
        )
    })
}

fn header(headers: &HeaderMap, name: axum::http::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The media type of a `Content-Type`, without parameters.
fn media_type(headers: &HeaderMap) -> Option<&str> {
    header(headers, CONTENT_TYPE).and_then(|ct| ct.split(';').next().map(str::trim))
}

/// Bearer token, `Accept` and outlet checks of every transaction call.
fn check_transaction(
    shared: &Shared,
    headers: &HeaderMap,
    outlet: &str,
    has_body: bool,
) -> Result<(), Refusal> {
    let token = header(headers, AUTHORIZATION).and_then(|a| a.strip_prefix("Bearer "));
    let valid = token.is_some_and(|t| shared.lock().tokens.contains(t));
    if !valid {
        return Err(refusal(StatusCode::UNAUTHORIZED, "Not authorized"));
    }
    if let Some(accept) = header(headers, ACCEPT) {
        let allows = accept.split(',').any(|a| {
            let a = a.split(';').next().unwrap_or("").trim();
            a.eq_ignore_ascii_case(PAYMENT_MEDIA_TYPE) || a == "*/*"
        });
        if !allows {
            return Err(refusal(
                StatusCode::NOT_ACCEPTABLE,
                format!("Accept must allow {PAYMENT_MEDIA_TYPE}"),
            ));
        }
    }
    if has_body && !media_type(headers).is_some_and(|m| m.eq_ignore_ascii_case(PAYMENT_MEDIA_TYPE))
    {
        return Err(refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content-Type must be {PAYMENT_MEDIA_TYPE}"),
        ));
    }
    if outlet != shared.outlet {
        return Err(refusal(StatusCode::NOT_FOUND, "Outlet not found"));
    }
    Ok(())
}

async fn access_token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let expected = format!("Basic {}", shared.api_key);
    if header(&headers, AUTHORIZATION) != Some(expected.as_str()) {
        return error(StatusCode::UNAUTHORIZED, "Invalid API key");
    }
    if !media_type(&headers).is_some_and(|m| m.eq_ignore_ascii_case(IDENTITY_MEDIA_TYPE)) {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("Content-Type must be {IDENTITY_MEDIA_TYPE}"),
        );
    }
    let body_ok = raw.iter().all(u8::is_ascii_whitespace)
        || serde_json::from_slice::<Value>(&raw).is_ok_and(|v| v.is_object());
    if !body_ok {
        return error(
            StatusCode::BAD_REQUEST,
            "The body must be empty or a JSON object",
        );
    }
    let mut inner = shared.lock();
    inner.issued += 1;
    let token = format!("fake-access-{}-{}", inner.issued, Uuid::new_v4().simple());
    inner.tokens.insert(token.clone());
    Json(json!({
        "access_token": token,
        "expires_in": inner.expires_in,
        "refresh_expires_in": 1800,
        "refresh_token": format!("fake-refresh-{}", Uuid::new_v4().simple()),
        "token_type": "bearer",
    }))
    .into_response()
}

async fn create_order(
    State(shared): State<Arc<Shared>>,
    Path(outlet): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let body =
        match check_transaction(&shared, &headers, &outlet, true).and_then(|()| parse_body(&raw)) {
            Ok(body) => body,
            Err((status, message)) => return error(status, &message),
        };
    let (action, currency, amount) = match validate_order(&body) {
        Ok(v) => v,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    let reference = Uuid::new_v4().to_string();
    let order = FakeOrder {
        reference: reference.clone(),
        payment_id: Uuid::new_v4().to_string(),
        code: Uuid::new_v4().simple().to_string(),
        action,
        currency,
        amount,
        request: body.as_object().cloned().unwrap_or_default(),
        state: PaymentState::Started,
        captures: Vec::new(),
        refunds: Vec::new(),
        saved_card: None,
    };
    let json = shared.order_json(&order);
    let mut inner = shared.lock();
    inner.codes.insert(order.code.clone(), reference.clone());
    inner.orders.insert(reference, order);
    (StatusCode::CREATED, Json(json)).into_response()
}

/// Checks a create-order body; returns `(action, currency, amount)` or the error message.
fn validate_order(body: &Value) -> Result<(String, String, i64), String> {
    let obj = body
        .as_object()
        .ok_or("The request body must be a JSON object")?;
    let action = obj
        .get("action")
        .and_then(Value::as_str)
        .filter(|a| ["AUTH", "SALE", "PURCHASE"].contains(a))
        .ok_or("action must be AUTH, SALE or PURCHASE")?;
    let (currency, amount) = validate_amount(obj.get("amount"))?;
    obj.get("emailAddress")
        .and_then(Value::as_str)
        .filter(|e| e.contains('@'))
        .ok_or("emailAddress is required")?;
    if let Some(language) = obj.get("language")
        && !language
            .as_str()
            .is_some_and(|l| ["en", "ar", "fr"].contains(&l))
    {
        return Err(format!("language must be en, ar or fr, got {language}"));
    }
    if let Some(reference) = obj.get("merchantOrderReference") {
        let ok = reference.as_str().is_some_and(|r| {
            !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
        if !ok {
            return Err(format!(
                "merchantOrderReference may hold letters, digits and '-' only, got {reference}"
            ));
        }
    }
    if let Some(attributes) = obj.get("merchantAttributes") {
        let attributes = attributes
            .as_object()
            .ok_or("merchantAttributes must be an object")?;
        for key in ["redirectUrl", "cancelUrl", "cancelText"] {
            if attributes.get(key).is_some_and(|v| !v.is_string()) {
                return Err(format!("merchantAttributes.{key} must be a string"));
            }
        }
        for key in ["skipConfirmationPage", "skip3DS"] {
            if attributes.get(key).is_some_and(|v| !v.is_boolean()) {
                return Err(format!("merchantAttributes.{key} must be a boolean"));
            }
        }
    }
    if let Some(attempts) = obj.get("paymentAttempts")
        && !attempts.as_u64().is_some_and(|n| (1..=5).contains(&n))
    {
        return Err("paymentAttempts must be an integer from 1 to 5".to_owned());
    }
    let billing = obj
        .get("billingAddress")
        .and_then(Value::as_object)
        .ok_or("billingAddress with firstName and lastName is required")?;
    for key in ["firstName", "lastName"] {
        billing
            .get(key)
            .and_then(Value::as_str)
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| format!("billingAddress.{key} is required"))?;
    }
    Ok((action.to_owned(), currency, amount))
}

/// `{"currencyCode": "SAR", "value": <integer > 0>}`.
fn validate_amount(amount: Option<&Value>) -> Result<(String, i64), String> {
    let amount = amount
        .and_then(Value::as_object)
        .ok_or("amount with currencyCode and value is required")?;
    let currency = amount
        .get("currencyCode")
        .and_then(Value::as_str)
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        .ok_or("amount.currencyCode must be an ISO 4217 code")?;
    let value = amount
        .get("value")
        .and_then(Value::as_i64)
        .filter(|v| *v > 0)
        .ok_or("amount.value must be a positive integer in minor units")?;
    Ok((currency.to_owned(), value))
}

async fn get_order(
    State(shared): State<Arc<Shared>>,
    Path((outlet, reference)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err((status, message)) = check_transaction(&shared, &headers, &outlet, false) {
        return error(status, &message);
    }
    let inner = shared.lock();
    match inner.orders.get(&reference) {
        Some(order) => Json(shared.order_json(order)).into_response(),
        None => error(StatusCode::NOT_FOUND, "Order not found"),
    }
}

async fn refund_purchase(
    State(shared): State<Arc<Shared>>,
    Path((outlet, reference, payment)): Path<(String, String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    refund(&shared, &headers, &outlet, &reference, &payment, None, &raw)
}

async fn refund_capture(
    State(shared): State<Arc<Shared>>,
    Path((outlet, reference, payment, capture)): Path<(String, String, String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    refund(
        &shared,
        &headers,
        &outlet,
        &reference,
        &payment,
        Some(&capture),
        &raw,
    )
}

fn refund(
    shared: &Shared,
    headers: &HeaderMap,
    outlet: &str,
    reference: &str,
    payment: &str,
    capture: Option<&str>,
    raw: &[u8],
) -> Response {
    let body = match check_transaction(shared, headers, outlet, true).and_then(|()| parse_body(raw))
    {
        Ok(body) => body,
        Err((status, message)) => return error(status, &message),
    };
    let mut inner = shared.lock();
    let Some(order) = inner
        .orders
        .get_mut(reference)
        .filter(|o| o.payment_id == payment)
    else {
        return error(StatusCode::NOT_FOUND, "Payment not found");
    };
    // A PURCHASE is refunded on the payment, a capture on the capture.
    let right_link = match capture {
        None => order.captures.is_empty(),
        Some(id) => order
            .captures
            .iter()
            .any(|c| c.id == id && c.state == "SUCCESS"),
    };
    if !right_link {
        return error(StatusCode::NOT_FOUND, "Capture not found");
    }
    let (currency, amount) = match validate_amount(body.get("amount")) {
        Ok(v) => v,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    if currency != order.currency {
        return error(
            StatusCode::BAD_REQUEST,
            "amount.currencyCode must be the order's currency",
        );
    }
    let refundable = order.refundable();
    if refundable <= 0 {
        return error(StatusCode::BAD_REQUEST, "The payment cannot be refunded");
    }
    if amount > refundable {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("The refund amount exceeds the refundable amount {refundable}"),
        );
    }
    order.refunds.push(Entry {
        id: Uuid::new_v4().to_string(),
        amount,
        state: "SUCCESS",
    });
    order.state = if order.refunded() == order.captured() {
        PaymentState::Refunded
    } else {
        PaymentState::PartiallyRefunded
    };
    Json(shared.payment_json(order)).into_response()
}

#[derive(Deserialize)]
struct PayPageQuery {
    code: String,
}

async fn pay_page(State(shared): State<Arc<Shared>>, Query(q): Query<PayPageQuery>) -> Response {
    let inner = shared.lock();
    let Some(order) = inner
        .codes
        .get(&q.code)
        .and_then(|reference| inner.orders.get(reference))
    else {
        return (StatusCode::NOT_FOUND, Html("<p>Unknown payment link</p>")).into_response();
    };
    // Every interpolated value is generated by the fake or validated on create (no markup).
    Html(format!(
        "<!doctype html><title>Fake N-Genius</title>\
         <p>Order {reference}: {amount} {currency} ({state})</p>\
         <p><a id=\"pay\" href=\"/paypage/pay?code={code}\">Pay</a> \
         <a id=\"decline\" href=\"/paypage/decline?code={code}\">Decline</a> \
         <a id=\"cancel\" href=\"/paypage/cancel?code={code}\">Cancel</a></p>",
        reference = order.reference,
        amount = order.amount,
        currency = order.currency,
        state = order.state,
        code = order.code,
    ))
    .into_response()
}

async fn pay_page_choice(
    State(shared): State<Arc<Shared>>,
    Path(choice): Path<String>,
    Query(q): Query<PayPageQuery>,
) -> Response {
    let mut inner = shared.lock();
    let Some(reference) = inner.codes.get(&q.code).cloned() else {
        return (StatusCode::NOT_FOUND, Html("<p>Unknown payment link</p>")).into_response();
    };
    let order = inner
        .orders
        .get_mut(&reference)
        .expect("codes point at orders");
    let (state, target) = match choice.as_str() {
        "pay" => (paid_state(&order.action), "redirectUrl"),
        "decline" => (PaymentState::Failed, "redirectUrl"),
        "cancel" => (PaymentState::Cancelled, "cancelUrl"),
        _ => return (StatusCode::NOT_FOUND, Html("<p>Unknown choice</p>")).into_response(),
    };
    if order.state == PaymentState::Started {
        if state.is_paid() {
            order.saved_card = Some(shared.card.clone());
        }
        settle(order, state);
    }
    let attributes = order.request.get("merchantAttributes");
    let url = attributes
        .and_then(|a| a.get(target))
        .or_else(|| attributes.and_then(|a| a.get("redirectUrl")))
        .and_then(Value::as_str);
    match url {
        Some(url) => {
            let sep = if url.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{url}{sep}ref={reference}")).into_response()
        }
        None => Html(format!("<p>Order {reference}: {}</p>", order.state)).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order_body() -> Value {
        json!({"action":"PURCHASE","amount":{"currencyCode":"SAR","value":11500},"emailAddress":"a@b.sa","language":"ar",
         "merchantAttributes":{"redirectUrl":"https://shop/pay/return","cancelUrl":"https://shop/cart","skipConfirmationPage":true},
         "merchantOrderReference":"ORD-1001","billingAddress":{"firstName":"Ali","lastName":"Saleh"}, "unknownKey": 1})
    }

    #[test]
    fn validates_order_bodies() {
        assert_eq!(
            validate_order(&order_body()),
            Ok(("PURCHASE".to_owned(), "SAR".to_owned(), 11500))
        );
        let breakers: [(&str, Value); 13] = [
            ("/action", json!("CAPTURE")),
            ("/amount/value", json!(115.0)),
            ("/amount/value", json!("11500")),
            ("/amount/value", json!(0)),
            ("/amount/currencyCode", json!("sar")),
            ("/emailAddress", json!("")),
            ("/language", json!("de")),
            ("/merchantOrderReference", json!("ORD_1001")),
            ("/merchantOrderReference", json!("طلب-1")),
            ("/merchantAttributes/skipConfirmationPage", json!("true")),
            ("/billingAddress/firstName", json!(" ")),
            ("/billingAddress", json!(null)),
            ("/amount", json!(11500)),
        ];
        for (pointer, value) in breakers {
            let mut body = order_body();
            *body.pointer_mut(pointer).unwrap() = value.clone();
            assert!(
                validate_order(&body).is_err(),
                "{pointer} = {value} should be refused"
            );
        }
    }
}
