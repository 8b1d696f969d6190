//! Checkout: the cart (or a "buy now" list) becomes one order per store in
//! one transaction — stock taken with conditional updates, the coupon used
//! within its limits, the wallet debited without overdraft, the cart emptied,
//! and the answer stored under the request's `Idempotency-Key`.
//!
//! [`checkout`] is the order of the steps; each step is a function of the
//! files here, all in the caller's transaction.

mod answer;
mod lines;
pub mod offer;
mod place;
mod plan;

pub use offer::{OfferSale, Placed, announced, place_offer};

use http::StatusCode;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::CheckoutRequest;
use super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments;
use crate::payments::model::Method;
use place::Placing;

fn refused(code: &'static str, key: &'static str, field: &str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single(field, Message::new(key)),
    }
}

/// Card payment asked for on a node with no card gateway configured.
pub(super) fn card_unavailable() -> ApiError {
    refused(
        "CARD_UNAVAILABLE",
        "checkout-card-unavailable",
        "paymentMethod",
    )
}

pub async fn checkout(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &CheckoutRequest,
) -> ApiResult<Replay> {
    if req.payment_method == Method::Card && !state.gateway.is_configured() {
        return Err(card_unavailable());
    }
    let mut tx = state.db.begin().await?;
    // Claimed first and completed last, in this one transaction: a concurrent
    // twin waits on the claim, then replays the answer.
    let hash = idempotency::fingerprint("checkout", req);
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "checkout", &hash).await?
    {
        return Ok(replay);
    }
    let address = delivery_address(&mut tx, caller, req).await?;
    let lines = lines::read(&mut tx, caller, req.items.as_deref()).await?;
    lines::check_available(&lines)?;
    lines::take_stock(&mut tx, caller, &lines).await?;

    let quote = plan::quote(&mut tx, caller, req.coupon_code.as_deref(), &lines).await?;
    let city = address.get("city").and_then(|c| c.as_str()).unwrap_or("");
    let shipping = plan::shipping(state, &mut tx, &lines, city, req.payment_method).await?;
    let plan = plan::per_store(&lines, quote.as_ref(), &shipping);
    let method = plan.method(req.payment_method);

    let checkout_id = Uuid::now_v7();
    let session = place::open_session(state, &mut tx, caller, method, plan.due).await?;
    if let Some(s) = &session {
        crate::saved_cards::choose(
            state,
            &mut tx,
            caller.user_id,
            s.id,
            req.save_card,
            req.saved_card_id,
        )
        .await?;
    }
    let placing = Placing {
        id: checkout_id,
        customer: caller.user_id,
        method,
        quote: quote.as_ref(),
        session: session.as_ref().map(|s| s.id),
    };
    place::record(&mut tx, &placing, &plan).await?;
    let expires = place::payment_deadline(state, method);
    place::insert_orders(&mut tx, &placing, &plan, &address, expires).await?;
    if req.items.is_none() {
        crate::cart::service::empty(&mut tx, caller.user_id).await?;
    }

    let rows = repo::of_checkout(&mut *tx, checkout_id).await?;
    answer::notify_stores(&mut tx, &rows).await?;
    let result = answer::build(state, &mut tx, caller, &placing, &plan, rows).await?;
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &result).await?;
    tx.commit().await?;
    if !replay.replayed {
        super::service::announce_new(state, &result.orders).await;
    }

    if let Some(s) = session {
        if req.saved_card_id.is_some() {
            // Charged only once the orders and their session are committed,
            // so money the gateway takes always finds its session.
            return answer::pay_saved(state, caller, key, s.id, result).await;
        }
        // Open the gateway's page now so the link answers at once; if the
        // gateway is slow or down, the link retries when followed.
        if let Err(e) = payments::gateway::ensure_gateway_order(state, s.id).await {
            tracing::warn!(error = ?e, session = %s.id, "could not open the gateway order yet");
        }
    }
    Ok(replay)
}

/// The delivery address, copied into each order with the customer's note.
async fn delivery_address(
    conn: &mut sqlx::PgConnection,
    caller: &Caller,
    req: &CheckoutRequest,
) -> ApiResult<serde_json::Value> {
    let address =
        crate::customer::service::delivery_address(conn, caller.user_id, req.address_id).await?;
    let Some(mut address) = address else {
        return Err(refused(
            "ADDRESS_NOT_FOUND",
            "checkout-address-unknown",
            "addressId",
        ));
    };
    if let Some(note) = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        address["note"] = serde_json::json!(note);
    }
    Ok(address)
}
