//! What is written: the payment session, the checkout row with its coupon
//! use, and per store the order, its items, its first history row and its
//! payment.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::ApiResult;

use super::plan::{Plan, StoreOrder};
use crate::AppState;
use crate::auth::Caller;
use crate::coupons::model::CouponQuote;
use crate::coupons::service as coupons;
use crate::orders::repo::{self, NewCheckout, NewItem, NewOrder};
use crate::orders::status::{Actor, OrderStatus};
use crate::payments;
use crate::payments::model::{Method, SessionRow, TargetKind};

/// What every order of one checkout shares.
pub(super) struct Placing<'a> {
    pub(super) id: Uuid,
    pub(super) customer: Uuid,
    pub(super) method: Method,
    pub(super) quote: Option<&'a CouponQuote>,
    /// The card session all the orders' payments are paid through.
    pub(super) session: Option<Uuid>,
}

/// A card checkout's gateway session, for the whole amount due.
pub(super) async fn open_session(
    state: &AppState,
    conn: &mut PgConnection,
    caller: &Caller,
    method: Method,
    due: i64,
) -> ApiResult<Option<SessionRow>> {
    if method != Method::Card {
        return Ok(None);
    }
    Ok(Some(
        payments::service::open_session(
            conn,
            caller.user_id,
            state.gateway.name(),
            due,
            caller.client.locale.code(),
        )
        .await?,
    ))
}

/// The checkout row, and the coupon's use counted against it.
pub(super) async fn record(
    conn: &mut PgConnection,
    c: &Placing<'_>,
    plan: &Plan<'_>,
) -> ApiResult<()> {
    repo::insert_checkout(
        conn,
        &NewCheckout {
            id: c.id,
            user: c.customer,
            method: c.method.as_str(),
            coupon: c.quote.map(|q| q.coupon_id),
            discount: plan.discount,
            amount_due: plan.due,
            session: c.session,
        },
    )
    .await?;
    if let Some(q) = c.quote {
        coupons::redeem(conn, q, c.customer, c.id).await?;
    }
    Ok(())
}

/// Until when a card checkout may be paid; other methods settle at once.
pub(super) fn payment_deadline(state: &AppState, method: Method) -> Option<OffsetDateTime> {
    (method == Method::Card).then(|| {
        OffsetDateTime::now_utc()
            + time::Duration::try_from(state.config.payments.card_timeout)
                .unwrap_or(time::Duration::minutes(30))
    })
}

/// The orders of the plan, in its (store) order.
pub(super) async fn insert_orders(
    conn: &mut PgConnection,
    c: &Placing<'_>,
    plan: &Plan<'_>,
    address: &serde_json::Value,
    expires: Option<OffsetDateTime>,
) -> ApiResult<()> {
    for order in &plan.orders {
        insert_order(conn, c, order, address, expires).await?;
    }
    Ok(())
}

async fn insert_order(
    conn: &mut PgConnection,
    c: &Placing<'_>,
    order: &StoreOrder<'_>,
    address: &serde_json::Value,
    expires: Option<OffsetDateTime>,
) -> ApiResult<()> {
    let order_id = Uuid::now_v7();
    let initial = initial_status(c.method);
    repo::insert_order(
        conn,
        &NewOrder {
            id: order_id,
            checkout_id: c.id,
            customer_id: c.customer,
            store_id: order.store,
            status: initial.as_str(),
            payment_method: c.method.as_str(),
            address,
            amounts: order.amounts,
            store_discount: order.lines.iter().map(|l| l.store_discount()).sum(),
            coupon_id: c
                .quote
                .filter(|_| order.amounts.discount > 0)
                .map(|q| q.coupon_id),
            commission_bp: order.commission_bp,
            payment_expires_at: expires,
            source: None,
        },
    )
    .await?;
    crate::shipping::service::quote::record(conn, order_id, &order.shipping).await?;
    for l in &order.lines {
        repo::insert_item(
            conn,
            order_id,
            &NewItem {
                product_id: Some(l.product_id),
                variant_id: l.variant_id,
                category_id: l.category_id,
                name_ar: &item_name(&l.name_ar, l.variant_name_ar.as_deref()),
                name_en: &item_name(&l.name_en, l.variant_name_en.as_deref()),
                unit_price: l.unit_price,
                quantity: l.quantity,
                promotion_id: l.promotion.as_ref().map(|p| p.id),
                unit_discount: l.unit_discount(),
            },
        )
        .await?;
    }
    repo::history(
        conn,
        order_id,
        None,
        initial.as_str(),
        Some(c.customer),
        Actor::Customer.as_str(),
        "",
    )
    .await?;
    open_payment(conn, c, order_id, order.amounts.amount_due).await
}

/// Cash orders are confirmed at once; the others wait for their payment.
pub(super) fn initial_status(method: Method) -> OrderStatus {
    if method == Method::Cash {
        OrderStatus::Confirmed
    } else {
        OrderStatus::PendingPayment
    }
}

/// The order's payment: the wallet pays it at once, cash confirms it with
/// its invoice, a card leaves it to the gateway session.
pub(super) async fn open_payment(
    conn: &mut PgConnection,
    c: &Placing<'_>,
    order_id: Uuid,
    amount_due: i64,
) -> ApiResult<()> {
    let payment = payments::service::open(
        conn,
        TargetKind::Order,
        order_id,
        c.customer,
        c.method,
        amount_due,
        c.session,
    )
    .await?;
    match c.method {
        Method::Wallet => payments::service::pay_from_wallet(conn, &payment).await?,
        Method::Cash => {
            crate::invoices::service::issue(conn, order_id).await?;
            // Placed now: counted in the statistics (a paid one is, at its capture).
            let o = repo::find(&mut *conn, order_id)
                .await?
                .ok_or(kernel::ApiError::NotFound)?;
            crate::orders::rollup::stepped(conn, &o, None, OrderStatus::Confirmed, None).await?;
        }
        Method::Card => {}
    }
    Ok(())
}

fn item_name(name: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{name} — {v}"),
        None => name.to_owned(),
    }
}
