//! An accepted store-request offer becomes an order of its store through the
//! same steps as a checkout (checkout row, order, history, payment, invoice,
//! the store told), in the acceptance's transaction. Its one item names the
//! requested part and no product, so there is no stock to take.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::ApiResult;

use super::place::{self, Placing};
use crate::AppState;
use crate::auth::Caller;
use crate::orders::model::Order;
use crate::orders::pricing;
use crate::orders::repo::{self, NewItem, NewOrder};
use crate::orders::status::Actor;
use crate::payments;
use crate::payments::model::Method;

/// What the accepted offer sells.
pub struct OfferSale<'a> {
    pub request: Uuid,
    pub offer: Uuid,
    pub store: Uuid,
    pub category: Uuid,
    pub name_ar: &'a str,
    pub name_en: &'a str,
    pub unit_price: i64,
    pub quantity: i32,
    pub delivery_fee: i64,
    /// Fixed when the offer was made.
    pub commission_bp: i32,
    pub method: Method,
    pub address: &'a serde_json::Value,
}

/// The placed order, and for a card where to pay.
pub struct Placed {
    pub order: Order,
    pub payment_url: Option<String>,
}

/// Places the order in the caller's transaction; the caller commits, then
/// calls [`announced`].
pub async fn place_offer(
    state: &AppState,
    conn: &mut PgConnection,
    caller: &Caller,
    sale: &OfferSale<'_>,
) -> ApiResult<Placed> {
    if sale.method == Method::Card && !state.gateway.is_configured() {
        return Err(super::card_unavailable());
    }
    let subtotal = sale.unit_price * i64::from(sale.quantity);
    let amounts = pricing::amounts(subtotal, sale.delivery_fee, 0, sale.commission_bp);
    let method = if amounts.amount_due == 0 {
        Method::Wallet
    } else {
        sale.method
    };
    let session = place::open_session(state, conn, caller, method, amounts.amount_due).await?;
    let placing = Placing {
        id: Uuid::now_v7(),
        customer: caller.user_id,
        method,
        quote: None,
        session: session.as_ref().map(|s| s.id),
    };
    repo::insert_checkout(
        conn,
        &repo::NewCheckout {
            id: placing.id,
            user: placing.customer,
            method: method.as_str(),
            coupon: None,
            discount: 0,
            amount_due: amounts.amount_due,
            session: placing.session,
        },
    )
    .await?;
    let order_id = Uuid::now_v7();
    let initial = place::initial_status(method);
    repo::insert_order(
        conn,
        &NewOrder {
            id: order_id,
            checkout_id: placing.id,
            customer_id: placing.customer,
            store_id: sale.store,
            status: initial.as_str(),
            payment_method: method.as_str(),
            address: sale.address,
            amounts,
            store_discount: 0,
            coupon_id: None,
            commission_bp: sale.commission_bp,
            payment_expires_at: place::payment_deadline(state, method),
            source: Some((sale.request, sale.offer)),
        },
    )
    .await?;
    repo::insert_item(
        conn,
        order_id,
        &NewItem {
            product_id: None,
            variant_id: None,
            category_id: Some(sale.category),
            name_ar: sale.name_ar,
            name_en: sale.name_en,
            unit_price: sale.unit_price,
            quantity: sale.quantity,
            promotion_id: None,
            unit_discount: 0,
        },
    )
    .await?;
    repo::history(
        conn,
        order_id,
        None,
        initial.as_str(),
        Some(placing.customer),
        Actor::Customer.as_str(),
        "",
    )
    .await?;
    place::open_payment(conn, &placing, order_id, amounts.amount_due).await?;
    let rows = repo::of_checkout(&mut *conn, placing.id).await?;
    super::answer::notify_stores(conn, &rows).await?;
    let mut orders = crate::orders::service::with_items(conn, rows, caller.client.locale).await?;
    let order = orders.pop().expect("the order just placed");
    Ok(Placed {
        order,
        payment_url: session.map(|s| payments::service::session_link(state, s.id)),
    })
}

/// After the acceptance committed: the store hears of its new order live,
/// and a card's gateway page is opened so the link answers at once.
pub async fn announced(state: &AppState, placed: &Placed) {
    crate::orders::service::announce_new(state, std::slice::from_ref(&placed.order)).await;
    let session = repo::session_of(&state.db, placed.order.id)
        .await
        .ok()
        .flatten();
    if let Some(s) = session
        && let Err(e) = payments::gateway::ensure_gateway_order(state, s).await
    {
        tracing::warn!(error = ?e, session = %s, "could not open the gateway order yet");
    }
}
