//! The fake's saved cards: one test card, tokenised on every payment of its pay page, and the
//! saved-card payment (`PUT …/orders/{o}/payments/{p}/saved-card`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Shared, check_transaction, error, paid_state, parse_body, settle};
use crate::payments::{PaymentState, SavedCard};

/// The test card: a documented sample number, an expiry four years ahead, and a token of its own
/// per fake (the real gateway's tokens are per merchant).
pub(super) fn test_card() -> Value {
    let year = time::OffsetDateTime::now_utc().year() + 4;
    json!({
        "cardToken": format!("ZmFrZS1jYXJkLXRva2Vu{}", Uuid::new_v4().simple()),
        "cardholderName": "Test Customer",
        "expiry": format!("{year}-04"),
        "maskedPan": "401200******1112",
        "scheme": "VISA",
        "recaptureCsc": false,
    })
}

pub(super) fn parse_test_card(card: &Value) -> SavedCard {
    let text = |k: &str| card[k].as_str().unwrap_or_default().to_owned();
    SavedCard {
        token: text("cardToken"),
        masked_pan: text("maskedPan"),
        expiry: text("expiry"),
        cardholder_name: text("cardholderName"),
        scheme: text("scheme"),
        recapture_csc: card["recaptureCsc"].as_bool().unwrap_or(false),
    }
}

/// What is wrong with a saved-card body, if anything: the token must be the test card's, and so
/// must the expiry (and the masked number when sent); the holder's name is required.
fn refuse_body(card: &Value, body: &Value) -> Option<String> {
    let given = |k: &str| body.get(k).and_then(Value::as_str);
    if given("cardToken").is_none_or(|t| Some(t) != card["cardToken"].as_str()) {
        return Some("cardToken is not a token of this merchant".into());
    }
    if given("expiry") != card["expiry"].as_str() {
        return Some("expiry does not match the card".into());
    }
    if given("cardholderName").is_none_or(|n| n.trim().is_empty()) {
        return Some("cardholderName is required".into());
    }
    if body.get("maskedPan").is_some() && given("maskedPan") != card["maskedPan"].as_str() {
        return Some("maskedPan does not match the card".into());
    }
    None
}

pub(super) async fn pay(
    State(shared): State<Arc<Shared>>,
    Path((outlet, reference, payment)): Path<(String, String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let body =
        match check_transaction(&shared, &headers, &outlet, true).and_then(|()| parse_body(&raw)) {
            Ok(body) => body,
            Err((status, message)) => return error(status, &message),
        };
    if let Some(message) = refuse_body(&shared.card, &body) {
        return error(StatusCode::BAD_REQUEST, &message);
    }
    let mut inner = shared.lock();
    let three_ds = inner.saved_card_3ds;
    let Some(order) = inner
        .orders
        .get_mut(&reference)
        .filter(|o| o.payment_id == payment)
    else {
        return error(StatusCode::NOT_FOUND, "Payment not found");
    };
    if order.state != PaymentState::Started {
        return error(
            StatusCode::BAD_REQUEST,
            &format!("The payment is {}, not STARTED", order.state),
        );
    }
    if three_ds {
        order.state = PaymentState::Await3ds;
    } else {
        let paid = paid_state(&order.action);
        settle(order, paid);
        order.saved_card = Some(shared.card.clone());
    }
    Json(shared.payment_json(order)).into_response()
}
