//! What is told: each store's owner of its new order, and the customer the
//! checkout's answer.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::ApiResult;

use super::place::Placing;
use super::plan::Plan;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::orders::model::{CheckoutResult, OrderRow};
use crate::orders::repo;
use crate::payments;
use crate::saved_cards::SavedCardResult;
use http::StatusCode;

/// Each store's owner hears of its order with the checkout, never without it.
pub(super) async fn notify_stores(conn: &mut PgConnection, rows: &[OrderRow]) -> ApiResult<()> {
    let stores: Vec<Uuid> = rows.iter().map(|o| o.store_id).collect();
    let owners = repo::store_owners(conn, &stores).await?;
    for o in rows {
        let Some(&(_, owner)) = owners.iter().find(|(store, _)| *store == o.store_id) else {
            continue;
        };
        crate::notifications::service::notify(
            conn,
            owner,
            "order.new",
            "orders",
            serde_json::json!({
                "orderId": o.id,
                "orderNumber": o.number,
                "storeName": {"ar": o.store_name_ar, "en": o.store_name_en},
                "amount": kernel::money::decimal(o.amount_due),
            }),
        )
        .await?;
    }
    Ok(())
}

/// The answer stored under the `Idempotency-Key`: the orders as placed and,
/// for a card checkout, where to pay.
pub(super) async fn build(
    state: &AppState,
    conn: &mut PgConnection,
    caller: &Caller,
    c: &Placing<'_>,
    plan: &Plan<'_>,
    rows: Vec<OrderRow>,
) -> ApiResult<CheckoutResult> {
    let orders = crate::orders::service::with_items(conn, rows, caller.client.locale).await?;
    Ok(CheckoutResult {
        checkout_id: c.id,
        payment_method: c.method,
        amount_due: plan.due,
        discount: plan.discount,
        currency: "SAR".into(),
        payment_url: c.session.map(|s| payments::service::session_link(state, s)),
        saved_card_result: None,
        orders,
    })
}

/// A checkout paid with a saved card, after the checkout committed: the card
/// is charged, and the answer kept under the key becomes the orders as they
/// are now (a replay from before the charge finished gave the first one,
/// whose link still leads to the hosted page).
pub(super) async fn pay_saved(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    session: Uuid,
    mut result: CheckoutResult,
) -> ApiResult<Replay> {
    let outcome = crate::saved_cards::charge(state, session).await?;
    let mut tx = state.db.begin().await?;
    let rows = repo::of_checkout(&mut *tx, result.checkout_id).await?;
    result.orders = crate::orders::service::with_items(&mut tx, rows, caller.client.locale).await?;
    if outcome != SavedCardResult::ActionRequired {
        result.payment_url = None;
    }
    result.saved_card_result = Some(outcome);
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &result).await?;
    tx.commit().await?;
    Ok(replay)
}
