//! Paying again: an order still awaiting its card payment (declined, or the
//! page left) can be paid by a new card attempt or from the wallet, within
//! its payment window. Never twice: an attempt still open is asked of the
//! gateway first, a card attempt already open is handed back rather than
//! doubled, and money that reaches a closed attempt goes back at the gateway
//! (see `payments::gateway::sync_session`). With `savedCardId` the attempt
//! (new, or the open one) is charged with the saved card after it committed,
//! and captured like a hosted-page payment; `saveCard` keeps a new card.

use http::StatusCode;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::{PayAgainRequest, PayAgainResult};
use super::repo;
use super::status::OrderStatus;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments::{self, model::Method, model::PaymentState, model::TargetKind};
use crate::saved_cards::{self, SavedCardResult};

pub async fn pay_again(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    id: Uuid,
    req: &PayAgainRequest,
) -> ApiResult<Replay> {
    // The gateway may have been paid since the customer last looked: learn
    // that before opening anything new (outside the transaction, which then
    // holds no lock while the gateway answers).
    if let Some(session) =
        payments::service::latest_session(&state.db, TargetKind::Order, id).await?
    {
        payments::gateway::sync_session_by_id(state, session).await?;
    }
    let mut tx = state.db.begin().await?;
    let scope = format!("pay:{id}");
    let hash = idempotency::fingerprint(&scope, req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(replay);
    }
    let o = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if o.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    if o.status != OrderStatus::PendingPayment.as_str() {
        return Err(ApiError::conflict(
            "ORDER_NOT_AWAITING_PAYMENT",
            "order-not-awaiting-payment",
        ));
    }
    if o.payment_expires_at
        .is_none_or(|at| at <= OffsetDateTime::now_utc())
    {
        return Err(ApiError::conflict(
            "PAYMENT_WINDOW_CLOSED",
            "order-payment-window-closed",
        ));
    }
    let live = payments::service::lock_live(&mut tx, TargetKind::Order, id).await?;
    let mut session = None;
    let method = Method::from(req.payment_method);
    match (method, live) {
        (Method::Card, Some(p)) if p.method() == Method::Card => {
            // An attempt is open: the same page again, not a second order at
            // the gateway that could be paid as well.
            session = p.session_id;
        }
        (_, Some(p)) if p.state() == PaymentState::Pending => {
            payments::service::close_unpaid(
                &mut tx,
                p.id,
                PaymentState::Cancelled,
                "paid another way",
            )
            .await?;
        }
        (_, Some(_)) => {
            return Err(ApiError::conflict(
                "ORDER_NOT_AWAITING_PAYMENT",
                "order-not-awaiting-payment",
            ));
        }
        (_, None) => {}
    }
    match method {
        Method::Card if session.is_none() => {
            if !state.gateway.is_configured() {
                return Err(super::checkout::card_unavailable());
            }
            let s = payments::service::open_session(
                &mut tx,
                caller.user_id,
                state.gateway.name(),
                o.amount_due,
                caller.client.locale.code(),
            )
            .await?;
            payments::service::open(
                &mut tx,
                TargetKind::Order,
                id,
                caller.user_id,
                Method::Card,
                o.amount_due,
                Some(s.id),
            )
            .await?;
            session = Some(s.id);
        }
        Method::Card | Method::Cash => {}
        Method::Wallet => {
            let p = payments::service::open(
                &mut tx,
                TargetKind::Order,
                id,
                caller.user_id,
                Method::Wallet,
                o.amount_due,
                None,
            )
            .await?;
            payments::service::pay_from_wallet(&mut tx, &p).await?;
        }
    }
    if let Some(s) = session {
        saved_cards::choose(
            state,
            &mut tx,
            caller.user_id,
            s,
            req.save_card,
            req.saved_card_id,
        )
        .await?;
    }
    repo::set_payment_method(&mut tx, id, method.as_str()).await?;
    let after = repo::find(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    let result = PayAgainResult {
        order_id: id,
        status: after.status.clone(),
        payment_method: method,
        payment_url: session.map(|s| payments::service::session_link(state, s)),
        saved_card_result: None,
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::OK, &result).await?;
    tx.commit().await?;
    if !replay.replayed && after.status != o.status {
        super::service::announce(state, &[id], Some(&o.status)).await;
    }
    if let Some(s) = session
        && req.saved_card_id.is_some()
    {
        return pay_saved(state, caller, key, s, result).await;
    }
    if let Some(s) = session
        && let Err(e) = payments::gateway::ensure_gateway_order(state, s).await
    {
        tracing::warn!(error = ?e, session = %s, "could not open the gateway order yet");
    }
    Ok(replay)
}

/// Charges the committed attempt with its saved card, then keeps the answer
/// as the order now is under the key (a replay before this finished gave the
/// first answer, whose link leads to the hosted page).
async fn pay_saved(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    session: Uuid,
    mut result: PayAgainResult,
) -> ApiResult<Replay> {
    let outcome = saved_cards::charge(state, session).await?;
    let mut tx = state.db.begin().await?;
    let after = repo::find(&mut *tx, result.order_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    result.status = after.status;
    if outcome != SavedCardResult::ActionRequired {
        result.payment_url = None;
    }
    result.saved_card_result = Some(outcome);
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::OK, &result).await?;
    tx.commit().await?;
    Ok(replay)
}
