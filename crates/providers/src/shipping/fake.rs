//! An in-process fake of the OTO API v2 for tests (cargo feature `fake`).
//!
//! ```
//! # use providers::shipping::fake::FakeOto;
//! # use providers::shipping::{Carrier, FeeQuery, Oto, OtoConfig};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeOto::start("AMf-test").await;
//! let oto = Oto::new(
//!     OtoConfig { base_url: fake.base_url(), refresh_token: "AMf-test".into() },
//!     reqwest::Client::new(),
//! );
//! let query = FeeQuery {
//!     origin_city: "Riyadh".into(),
//!     destination_city: "Riyadh".into(),
//!     weight_grams: 800,
//!     dims_cm: None,
//!     cod_halalas: None,
//! };
//! assert_eq!(oto.fee(&query).await?[0].price_halalas, 2350);
//! assert_eq!(fake.calls("/checkOTODeliveryFee")[0].body["weight"], serde_json::json!(0.8));
//! # Ok(())
//! # }
//! ```
//!
//! What it enforces (the documented fields, strictly typed so client mistakes fail loudly):
//! - `POST /refreshToken` issues an access token for `{"refresh_token": <the one given to
//!   start>}` only, else 401. Answers `{"access_token","token_type","expires_in":3600}`
//!   (see [`FakeOto::set_token_expires_in`]); the fake enforces that lifetime.
//! - Every other call needs `Authorization: Bearer {a live token it issued}` (else 401) and a
//!   JSON object body (else 415 or 400).
//! - `/checkOTODeliveryFee` needs `originCity`, `destinationCity`, `weight` > 0 and refuses
//!   unknown keys. It answers two options, priced per started kg (at least 1) plus 10 SAR when
//!   the cities differ: [`EXPRESS_OPTION_ID`] 23.50 + 5.00/extra kg, COD charge 10;
//!   [`SAVER_OPTION_ID`] 19.99 + 2.50/extra kg, COD charge 10.005.
//! - `/createPickupLocation` needs `name`, `code`, `mobile`, `address`, `city`, `country`
//!   (ISO2), `contactName`, `contactEmail`, refuses unknown keys, and creates or replaces the
//!   location with that code.
//! - `/createOrder` needs `orderId` (new, else [`ERROR_DUPLICATE_ORDER`]), a known
//!   `pickupLocationCode` (else [`ERROR_UNKNOWN_PICKUP`]), `payment_method` `paid` (with
//!   `amount_due` 0) or `cod` (with `amount_due` > 0), `amount`, `currency`, `customer` with
//!   `name`/`mobile`/`address`/`city`/`country`, `items` with `name`/`price`/`quantity`; when
//!   present `orderDate` must read `dd/MM/yyyy HH:mm`. `createShipment: true` needs one of the
//!   two `deliveryOptionId`s and gives the order status `shipmentCreated` and a tracking
//!   number; otherwise it is `new`. Answers `{"success":true,"otoId":n}`.
//! - `/orderStatus` and `/cancelOrder` need a known `orderId` (else [`ERROR_UNKNOWN_ORDER`]);
//!   delivered and returned orders cannot be cancelled.
//! - Refusals are 400 (401 for tokens) `{"success":false,"errorCode","errorMsg","traceId"}`.
//!
//! Every request is recorded (path, headers, JSON body), refused ones included.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::post;
use serde_json::{Value, json};
use tokio::task::JoinHandle;

use super::{WebhookKeys, sign};
use routes::{
    cancel_order, create_order, create_pickup, delivery_fee, order_status, record,
    refresh_token_handler,
};

mod routes;
mod validate;

/// The path the fake serves the API under, as the live API does; [`FakeOto::base_url`] ends
/// with it.
pub const API_PREFIX: &str = "/rest/v2";
pub const REFRESH_PATH: &str = "/refreshToken";
/// The express option (`Kwick Box`).
pub const EXPRESS_OPTION_ID: i64 = 564;
/// The cheaper option, whose COD charge has a sub-halala part.
pub const SAVER_OPTION_ID: i64 = 777;
/// `errorCode` of a second `/createOrder` with the same `orderId` (a number, as OTO sometimes
/// sends).
pub const ERROR_DUPLICATE_ORDER: i64 = 112;
/// `errorCode` for an `orderId` the fake does not hold (a string, as OTO sometimes sends).
pub const ERROR_UNKNOWN_ORDER: &str = "ORDER_NOT_FOUND";
pub const ERROR_UNKNOWN_PICKUP: &str = "PICKUP_LOCATION_NOT_FOUND";
pub const ERROR_VALIDATION: &str = "VALIDATION_ERROR";
pub const DEFAULT_AUTHORIZATION_KEY: &str = "fake-oto-webhook-authorization";
pub const DEFAULT_SECRET_KEY: &str = "fake-oto-webhook-secret";

const DEFAULT_EXPIRES_IN: u64 = 3600;
const MAX_BODY_BYTES: usize = 1 << 20;

/// One request the fake received.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedRequest {
    /// Relative to [`API_PREFIX`], e.g. `/createOrder`.
    pub path: String,
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
}

struct FakeOrder {
    oto_id: u64,
    request: Value,
    status: String,
    /// `(shipmentId, trackingNumber, deliveryCompany)` once a shipment exists.
    shipment: Option<(String, String, String)>,
}

enum Failure {
    Error {
        status: StatusCode,
        code: Value,
        message: String,
    },
    Status(StatusCode),
}

struct Inner {
    requests: Vec<ReceivedRequest>,
    tokens: HashMap<String, Instant>,
    issued: u64,
    expires_in: Option<u64>,
    fail_next: Option<Failure>,
    pickups: HashMap<String, Value>,
    orders: HashMap<String, FakeOrder>,
    next_oto_id: u64,
    keys: WebhookKeys,
}

struct Shared {
    refresh_token: String,
    base_url: String,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn tracking_url(&self, tracking_number: &str) -> String {
        format!("{}/track/{tracking_number}", self.base_url)
    }
}

/// A running fake OTO server on `127.0.0.1`. Stops when dropped.
pub struct FakeOto {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeOto {
    /// Binds `127.0.0.1:0` and serves in a background task of the current Tokio runtime.
    /// `refresh_token` is the one `/refreshToken` accepts. The webhook keys are
    /// [`DEFAULT_AUTHORIZATION_KEY`] and [`DEFAULT_SECRET_KEY`].
    ///
    /// # Panics
    /// If the port cannot be bound (a test helper: failing loudly is the point).
    pub async fn start(refresh_token: &str) -> FakeOto {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("fake OTO: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake OTO: local address");
        let shared = Arc::new(Shared {
            refresh_token: refresh_token.to_owned(),
            base_url: format!("http://{addr}{API_PREFIX}"),
            inner: Mutex::new(Inner {
                requests: Vec::new(),
                tokens: HashMap::new(),
                issued: 0,
                expires_in: Some(DEFAULT_EXPIRES_IN),
                fail_next: None,
                pickups: HashMap::new(),
                orders: HashMap::new(),
                next_oto_id: 1_000_001,
                keys: WebhookKeys {
                    authorization_key: DEFAULT_AUTHORIZATION_KEY.to_owned(),
                    secret_key: DEFAULT_SECRET_KEY.to_owned(),
                },
            }),
        });
        let path = |p: &str| format!("{API_PREFIX}{p}");
        let app = Router::new()
            .route(&path(REFRESH_PATH), post(refresh_token_handler))
            .route(&path("/checkOTODeliveryFee"), post(delivery_fee))
            .route(&path("/createPickupLocation"), post(create_pickup))
            .route(&path("/createOrder"), post(create_order))
            .route(&path("/orderStatus"), post(order_status))
            .route(&path("/cancelOrder"), post(cancel_order))
            .layer(middleware::from_fn_with_state(Arc::clone(&shared), record))
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "fake OTO server stopped");
            }
        });
        FakeOto { addr, shared, task }
    }

    /// `http://127.0.0.1:{port}/rest/v2`, to use as [`super::OtoConfig::base_url`].
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        self.shared.lock().requests.clone()
    }

    /// The requests to `path` (e.g. `/createOrder`), oldest first.
    pub fn calls(&self, path: &str) -> Vec<ReceivedRequest> {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    /// How many `/refreshToken` calls were received (refused ones included).
    pub fn refresh_count(&self) -> usize {
        self.calls(REFRESH_PATH).len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }

    /// Invalidates every token issued so far: the next call answers 401 until a new token is
    /// fetched.
    pub fn expire_tokens(&self) {
        self.shared.lock().tokens.clear();
    }

    /// The lifetime of the tokens issued from now on, enforced and sent as `expires_in`
    /// (default 3600 s). `None` leaves `expires_in` out and keeps them for the default.
    pub fn set_token_expires_in(&self, seconds: Option<u64>) {
        self.shared.lock().expires_in = seconds;
    }

    /// Makes the next authorized API call (not `/refreshToken`) answer `status` with
    /// `{"success":false,"errorCode":code,"errorMsg":message,"traceId":…}`.
    pub fn fail_next_with_error(&self, status: u16, code: impl Into<Value>, message: &str) {
        self.shared.lock().fail_next = Some(Failure::Error {
            status: StatusCode::from_u16(status).expect("fake OTO: a valid HTTP status"),
            code: code.into(),
            message: message.to_owned(),
        });
    }

    /// Makes the next authorized API call (not `/refreshToken`) answer `status` with a plain
    /// text body, as a proxy in front of OTO would.
    pub fn fail_next_status(&self, status: u16) {
        self.shared.lock().fail_next = Some(Failure::Status(
            StatusCode::from_u16(status).expect("fake OTO: a valid HTTP status"),
        ));
    }

    /// The last `/createPickupLocation` body received for `code`.
    pub fn pickup_location(&self, code: &str) -> Option<Value> {
        self.shared.lock().pickups.get(code).cloned()
    }

    /// The `/createOrder` body stored for `order_id`.
    pub fn order(&self, order_id: &str) -> Option<Value> {
        self.shared
            .lock()
            .orders
            .get(order_id)
            .map(|o| o.request.clone())
    }

    /// The `otoId` given to `order_id`.
    pub fn oto_id(&self, order_id: &str) -> Option<u64> {
        self.shared.lock().orders.get(order_id).map(|o| o.oto_id)
    }

    pub fn order_status(&self, order_id: &str) -> Option<String> {
        self.shared
            .lock()
            .orders
            .get(order_id)
            .map(|o| o.status.clone())
    }

    /// Moves an order to `status` (any string, known to OTO or not), as the courier would.
    ///
    /// # Panics
    /// If the fake holds no order `order_id`.
    pub fn set_status(&self, order_id: &str, status: &str) {
        let mut inner = self.shared.lock();
        let order = inner
            .orders
            .get_mut(order_id)
            .unwrap_or_else(|| panic!("fake OTO: no order {order_id}"));
        order.status = status.to_owned();
    }

    pub fn webhook_keys(&self) -> WebhookKeys {
        self.shared.lock().keys.clone()
    }

    /// The keys [`FakeOto::webhook`] uses, as if the webhook had been registered with them.
    pub fn set_webhook_keys(&self, keys: WebhookKeys) {
        self.shared.lock().keys = keys;
    }

    /// An `orderStatus` webhook as OTO posts it: the `Authorization` header value and the JSON
    /// body, signed with the webhook keys and stamped now. Tracking fields come from the order
    /// when the fake holds it.
    pub fn webhook(&self, order_id: &str, status: &str) -> (String, Vec<u8>) {
        let inner = self.shared.lock();
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis()
            .to_string();
        let mut body = json!({
            "orderId": order_id,
            "status": status,
            "dcStatus": status,
            "note": "",
            "timestamp": timestamp,
            "signature": sign(&inner.keys.secret_key, order_id, status, &timestamp),
        });
        if let Some(order) = inner.orders.get(order_id) {
            body["pickupLocationCode"] = order.request["pickupLocationCode"].clone();
            if let Some((_, tracking, company)) = &order.shipment {
                body["trackingNumber"] = json!(tracking);
                body["dcTrackingNumber"] = json!(format!("DC-{tracking}"));
                body["trackingUrl"] = json!(self.shared.tracking_url(tracking));
                body["deliveryCompany"] = json!(company);
                body["driverName"] = json!("Fahad");
                body["driverPhone"] = json!("966500000000");
            }
        }
        let bytes = serde_json::to_vec(&body).expect("JSON values serialize");
        (inner.keys.authorization_key.clone(), bytes)
    }
}

impl Drop for FakeOto {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for FakeOto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeOto")
            .field("base_url", &self.shared.base_url)
            .finish_non_exhaustive()
    }
}
