//! The fake OTO's endpoints, and the middleware that records every request and checks tokens.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use super::validate::{object, order_ref, validate_fee, validate_order, validate_pickup};
use super::{
    API_PREFIX, DEFAULT_EXPIRES_IN, ERROR_DUPLICATE_ORDER, ERROR_UNKNOWN_ORDER,
    ERROR_UNKNOWN_PICKUP, ERROR_VALIDATION, EXPRESS_OPTION_ID, Failure, FakeOrder, MAX_BODY_BYTES,
    REFRESH_PATH, ReceivedRequest, SAVER_OPTION_ID, Shared,
};

/// Records the request; then, for API calls, checks the Bearer token and answers a pending
/// failure, else passes it on.
pub(super) async fn record(
    State(shared): State<Arc<Shared>>,
    req: Request,
    next: Next,
) -> Response {
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
    let full = parts.uri.path();
    let path = full.strip_prefix(API_PREFIX).unwrap_or(full).to_owned();
    let failure = {
        let mut inner = shared.lock();
        inner.requests.push(ReceivedRequest {
            path: path.clone(),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
                    (n.as_str().to_owned(), v)
                })
                .collect(),
            body: json,
        });
        if path != REFRESH_PATH {
            let token = parts
                .headers
                .get(AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|a| a.strip_prefix("Bearer "));
            let now = Instant::now();
            let live = token.is_some_and(|t| inner.tokens.get(t).is_some_and(|exp| now < *exp));
            if !live {
                return oto_error(StatusCode::UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized");
            }
            inner.fail_next.take()
        } else {
            None
        }
    };
    match failure {
        Some(Failure::Error {
            status,
            code,
            message,
        }) => return oto_error(status, code, &message),
        Some(Failure::Status(status)) => {
            let reason = status.canonical_reason().unwrap_or("error");
            return (status, reason.to_owned()).into_response();
        }
        None => {}
    }
    let is_json = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| ct.split(';').next())
        .is_some_and(|ct| ct.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return oto_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ERROR_VALIDATION,
            "Content-Type must be application/json",
        );
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn oto_error(status: StatusCode, code: impl Into<Value>, message: &str) -> Response {
    let body = json!({
        "success": false,
        "errorCode": code.into(),
        "errorMsg": message,
        "traceId": Uuid::new_v4().to_string(),
    });
    (status, Json(body)).into_response()
}

fn invalid(message: impl AsRef<str>) -> Response {
    oto_error(StatusCode::BAD_REQUEST, ERROR_VALIDATION, message.as_ref())
}

fn ok(mut body: Value) -> Response {
    body["success"] = json!(true);
    body["traceId"] = json!(Uuid::new_v4().to_string());
    Json(body).into_response()
}

pub(super) async fn refresh_token_handler(
    State(shared): State<Arc<Shared>>,
    raw: Bytes,
) -> Response {
    let presented = object(&raw).ok().and_then(|o| {
        o.get("refresh_token")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    if presented.as_deref() != Some(shared.refresh_token.as_str()) {
        return oto_error(
            StatusCode::UNAUTHORIZED,
            "INVALID_REFRESH_TOKEN",
            "Invalid refresh token",
        );
    }
    let mut inner = shared.lock();
    inner.issued += 1;
    let token = format!(
        "fake-oto-access-{}-{}",
        inner.issued,
        Uuid::new_v4().simple()
    );
    let life = inner.expires_in.unwrap_or(DEFAULT_EXPIRES_IN);
    inner
        .tokens
        .insert(token.clone(), Instant::now() + Duration::from_secs(life));
    let mut body = json!({ "access_token": token, "token_type": "Bearer" });
    if let Some(expires_in) = inner.expires_in {
        body["expires_in"] = json!(expires_in);
    }
    Json(body).into_response()
}

pub(super) async fn delivery_fee(raw: Bytes) -> Response {
    let checked = object(&raw).and_then(|obj| validate_fee(&obj));
    let (origin, destination, weight) = match checked {
        Ok(v) => v,
        Err(message) => return invalid(message),
    };
    let extra_kg = (weight.ceil() as i64 - 1).max(0);
    let surcharge = if origin.eq_ignore_ascii_case(&destination) {
        0
    } else {
        1000
    };
    let sar = |halalas: i64| halalas as f64 / 100.0;
    ok(json!({ "deliveryCompany": [
        {
            "deliveryOptionId": EXPRESS_OPTION_ID,
            "deliveryCompanyName": "Fake Express",
            "deliveryOptionName": "Kwick Box",
            "serviceType": "express",
            "price": sar(2350 + 500 * extra_kg + surcharge),
            "avgDeliveryTime": "1-2 days",
            "trackingType": "excellent",
            "codCharge": 10,
            "pickupCutOffTime": "17:00",
            "maxOrderValue": 3750,
        },
        {
            "deliveryOptionId": SAVER_OPTION_ID,
            "deliveryCompanyName": "Fake Post",
            "deliveryOptionName": "Saver",
            "serviceType": "standard",
            "price": sar(1999 + 250 * extra_kg + surcharge),
            "avgDeliveryTime": "3-5 days",
            "trackingType": "good",
            "codCharge": 10.005,
            "pickupCutOffTime": "14:00",
            "maxOrderValue": 5000,
        },
    ]}))
}

pub(super) async fn create_pickup(State(shared): State<Arc<Shared>>, raw: Bytes) -> Response {
    let checked = object(&raw).and_then(|obj| Ok((validate_pickup(&obj)?, obj)));
    let (code, obj) = match checked {
        Ok(v) => v,
        Err(message) => return invalid(message),
    };
    shared.lock().pickups.insert(code, Value::Object(obj));
    ok(json!({}))
}

pub(super) async fn create_order(State(shared): State<Arc<Shared>>, raw: Bytes) -> Response {
    let checked = object(&raw).and_then(|obj| Ok((validate_order(&obj)?, obj)));
    let ((order_id, option), obj) = match checked {
        Ok(v) => v,
        Err(message) => return invalid(message),
    };
    let mut inner = shared.lock();
    if inner.orders.contains_key(&order_id) {
        return oto_error(
            StatusCode::BAD_REQUEST,
            ERROR_DUPLICATE_ORDER,
            &format!("Order {order_id} already exists"),
        );
    }
    let pickup = obj
        .get("pickupLocationCode")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !inner.pickups.contains_key(pickup) {
        return oto_error(
            StatusCode::BAD_REQUEST,
            ERROR_UNKNOWN_PICKUP,
            &format!("Pickup location {pickup} not found"),
        );
    }
    let oto_id = inner.next_oto_id;
    inner.next_oto_id += 1;
    let shipment = option.map(|id| {
        let company = if id == EXPRESS_OPTION_ID {
            "Fake Express"
        } else {
            "Fake Post"
        };
        (
            format!("SHP{oto_id}"),
            format!("OTO{oto_id}"),
            company.to_owned(),
        )
    });
    let status = if shipment.is_some() {
        "shipmentCreated"
    } else {
        "new"
    };
    inner.orders.insert(
        order_id,
        FakeOrder {
            oto_id,
            request: Value::Object(obj),
            status: status.to_owned(),
            shipment,
        },
    );
    ok(json!({ "otoId": oto_id }))
}

fn unknown_order(order_id: &str) -> Response {
    oto_error(
        StatusCode::BAD_REQUEST,
        ERROR_UNKNOWN_ORDER,
        &format!("Order {order_id} not found"),
    )
}

pub(super) async fn order_status(State(shared): State<Arc<Shared>>, raw: Bytes) -> Response {
    let order_id = match order_ref(&raw) {
        Ok(id) => id,
        Err(message) => return invalid(message),
    };
    let inner = shared.lock();
    let Some(order) = inner.orders.get(&order_id) else {
        return unknown_order(&order_id);
    };
    let mut body = json!({ "orderId": order_id, "status": order.status });
    if let Some((shipment_id, tracking, company)) = &order.shipment {
        body["shipmentId"] = json!(shipment_id);
        body["trackingNumber"] = json!(tracking);
        body["trackingUrl"] = json!(shared.tracking_url(tracking));
        body["printAWBURL"] = json!(format!("{}/awb/{}.pdf", shared.base_url, order.oto_id));
        body["deliveryCompany"] = json!(company);
    }
    ok(body)
}

pub(super) async fn cancel_order(State(shared): State<Arc<Shared>>, raw: Bytes) -> Response {
    let order_id = match order_ref(&raw) {
        Ok(id) => id,
        Err(message) => return invalid(message),
    };
    let mut inner = shared.lock();
    let Some(order) = inner.orders.get_mut(&order_id) else {
        return unknown_order(&order_id);
    };
    if matches!(order.status.as_str(), "delivered" | "returned") {
        return oto_error(
            StatusCode::BAD_REQUEST,
            "ORDER_NOT_CANCELLABLE",
            &format!("Order {order_id} is {}", order.status),
        );
    }
    order.status = "cancelled".to_owned();
    ok(json!({ "message": "Order cancelled" }))
}
