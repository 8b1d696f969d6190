use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    CancelRequest, CheckoutRequest, CheckoutResult, ForceRequest, Order, OrderDetail, OrderQuery,
    PayAgainRequest, PayAgainResult, RefundRequest, TransitionRequest,
};
use super::service::{self, Viewer};
use super::status::OrderStatus;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(checkout))
        .routes(routes!(my_orders))
        .routes(routes!(my_order))
        .routes(routes!(cancel))
        .routes(routes!(pay_again))
        .routes(routes!(store_orders))
        .routes(routes!(store_order))
        .routes(routes!(store_step))
        .routes(routes!(admin_orders))
        .routes(routes!(admin_order))
        .routes(routes!(admin_force))
        .routes(routes!(admin_refund))
}

/// Turns the cart (or `items`, "buy now") into one order per store, in one
/// transaction. Requires `Idempotency-Key`: the same key and body replays the
/// first answer; the same key with another body is 422 `IDEMPOTENCY_KEY_REUSED`.
///
/// Prices: each item is first priced by its store's best running promotion
/// (store-funded; `storeDiscount` on the order and its items, `unitPrice`
/// already lowered, `originalUnitPrice` kept); the coupon (`couponCode`,
/// platform-funded) then applies to that already-discounted subtotal and is
/// the order's `discount`.
///
/// A card checkout may keep the card (`saveCard`) or be paid with a saved one
/// (`savedCardId`, answered as `POST /orders/{id}/pay` describes).
#[utoipa::path(post, path = "/checkout", tag = "orders", security(("bearer" = [])),
    request_body = CheckoutRequest,
    params(("Idempotency-Key" = String, Header)),
    responses(
        (status = 201, body = Envelope<CheckoutResult>),
        (status = 409, description = "OUT_OF_STOCK", body = ErrorEnvelope),
        (status = 422, description = "CART_EMPTY, CART_INVALID, INSUFFICIENT_FUNDS, COUPON_*, SAVED_CARD_NOT_FOUND, SAVED_CARD_EXPIRED, IDEMPOTENCY_KEY_*", body = ErrorEnvelope),
    ))]
async fn checkout(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    ValidJson(req): ValidJson<CheckoutRequest>,
) -> ApiResult<Replay> {
    super::checkout::checkout(&state, &caller, &key, &req).await
}

/// Pays an order awaiting payment again, within its payment window: a new
/// card attempt (after a decline, say; an attempt still open is handed back)
/// or from the wallet. Requires `Idempotency-Key`. With `savedCardId` the
/// saved card is charged through the gateway with no page: `captured` answers
/// the confirmed order; when the gateway wants the customer (3-D Secure, the
/// security code again, a refused token) `paymentUrl` is the hosted page to
/// finish on (`action_required`); `declined` leaves the order to pay again.
/// Paying one order of a multi-store card checkout pays its whole card
/// session, as the hosted page would.
#[utoipa::path(post, path = "/orders/{id}/pay", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = PayAgainRequest,
    responses(
        (status = 200, body = Envelope<PayAgainResult>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ORDER_NOT_AWAITING_PAYMENT, PAYMENT_WINDOW_CLOSED", body = ErrorEnvelope),
        (status = 422, description = "INSUFFICIENT_FUNDS, CARD_UNAVAILABLE, SAVED_CARD_NOT_FOUND, SAVED_CARD_EXPIRED, IDEMPOTENCY_KEY_REUSED", body = ErrorEnvelope),
    ))]
async fn pay_again(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<PayAgainRequest>,
) -> ApiResult<Replay> {
    super::pay::pay_again(&state, &caller, &key, parse_id(&id)?, &req).await
}

/// The caller's orders, newest first.
#[utoipa::path(get, path = "/orders", tag = "orders", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = Paged<Order>), (status = 422, body = ErrorEnvelope)))]
async fn my_orders(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<OrderQuery>,
) -> ApiResult<ApiOk<Vec<Order>>> {
    let (rows, meta) = service::list(&state, &caller, Viewer::Customer(caller.user_id), &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// One of the caller's orders with its status history and payments.
#[utoipa::path(get, path = "/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<OrderDetail>), (status = 404, body = ErrorEnvelope)))]
async fn my_order(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<OrderDetail>> {
    let viewer = Viewer::Customer(caller.user_id);
    Ok(ApiOk::new(
        service::detail(&state, &caller, viewer, parse_id(&id)?).await?,
    ))
}

/// Cancels the caller's order while the store has not accepted it; paid
/// money goes back the way it came and the stock returns.
#[utoipa::path(post, path = "/orders/{id}/cancel", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = CancelRequest,
    responses(
        (status = 200, body = Envelope<OrderDetail>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION", body = ErrorEnvelope),
    ))]
async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<CancelRequest>,
) -> ApiResult<ApiOk<OrderDetail>> {
    let viewer = Viewer::Customer(caller.user_id);
    let note = req.reason.unwrap_or_default();
    Ok(ApiOk::new(
        service::transition(
            &state,
            &caller,
            viewer,
            parse_id(&id)?,
            OrderStatus::Cancelled,
            &note,
        )
        .await?,
    ))
}

/// A store's orders (`orders.view`), filterable by status.
#[utoipa::path(get, path = "/partner/stores/{storeId}/orders", tag = "orders", security(("bearer" = [])),
    params(("storeId" = String, Path), OrderQuery),
    responses((status = 200, body = Paged<Order>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn store_orders(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidQuery(q): ValidQuery<OrderQuery>,
) -> ApiResult<ApiOk<Vec<Order>>> {
    let store = parse_id(&store)?;
    let (rows, meta) = service::list(&state, &caller, Viewer::Store(store), &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// One order of the store (`orders.view`); another store's order is 404.
#[utoipa::path(get, path = "/partner/stores/{storeId}/orders/{id}", tag = "orders", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Envelope<OrderDetail>), (status = 404, body = ErrorEnvelope)))]
async fn store_order(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<OrderDetail>> {
    let store = parse_id(&store)?;
    Ok(ApiOk::new(
        service::detail(&state, &caller, Viewer::Store(store), parse_id(&id)?).await?,
    ))
}

/// The store's step (`orders.manage`): accept, reject, prepare, ship or
/// ready for the courier, deliver. An illegal step is 409 and changes nothing.
#[utoipa::path(post, path = "/partner/stores/{storeId}/orders/{id}/status", tag = "orders", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)), request_body = TransitionRequest,
    responses(
        (status = 200, body = Envelope<OrderDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION", body = ErrorEnvelope),
    ))]
async fn store_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(req): ValidJson<TransitionRequest>,
) -> ApiResult<ApiOk<OrderDetail>> {
    let store = parse_id(&store)?;
    let note = req.note.unwrap_or_default();
    Ok(ApiOk::new(
        service::transition(
            &state,
            &caller,
            Viewer::Store(store),
            parse_id(&id)?,
            req.status,
            &note,
        )
        .await?,
    ))
}

/// Every order (`orders.manage`), filtered by status, store, customer or number.
#[utoipa::path(get, path = "/admin/orders", tag = "admin", security(("bearer" = [])),
    params(OrderQuery),
    responses((status = 200, body = Paged<Order>), (status = 403, body = ErrorEnvelope)))]
async fn admin_orders(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<OrderQuery>,
) -> ApiResult<ApiOk<Vec<Order>>> {
    let (rows, meta) = service::list(&state, &caller, Viewer::Admin, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/admin/orders/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<OrderDetail>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn admin_order(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<OrderDetail>> {
    Ok(ApiOk::new(
        service::detail(&state, &caller, Viewer::Admin, parse_id(&id)?).await?,
    ))
}

/// Forces a step the machine has (`orders.manage`), with a reason; audited.
#[utoipa::path(post, path = "/admin/orders/{id}/status", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = ForceRequest,
    responses(
        (status = 200, body = Envelope<OrderDetail>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn admin_force(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<ForceRequest>,
) -> ApiResult<ApiOk<OrderDetail>> {
    Ok(ApiOk::new(
        service::transition(
            &state,
            &caller,
            Viewer::Admin,
            parse_id(&id)?,
            req.status,
            req.reason.trim(),
        )
        .await?,
    ))
}

/// Refunds part or all of an order's payment (`finance.manage`), the way
/// the money came; requires `Idempotency-Key`.
#[utoipa::path(post, path = "/admin/orders/{id}/refunds", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = RefundRequest,
    responses(
        (status = 201, body = Envelope<crate::payments::model::Refund>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "REFUND_EXCEEDS_PAID, REFUND_NOT_ALLOWED", body = ErrorEnvelope),
    ))]
async fn admin_refund(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<RefundRequest>,
) -> ApiResult<Replay> {
    service::admin_refund(&state, &caller, &key, parse_id(&id)?, &req).await
}
