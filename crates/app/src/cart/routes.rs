use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{AddItem, Cart, CartQuery, SetQuantity};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_cart, clear_cart))
        .routes(routes!(add_item))
        .routes(routes!(set_quantity, remove_item))
}

/// The caller's cart grouped by store, priced now (net prices, 15 % VAT on
/// goods and delivery, one delivery fee per store). Each store's delivery is
/// the carrier's quote for `addressId` (default: the default address) as
/// checkout will fix it for a paid order, or the flat estimate
/// (`deliveryQuoted: false`) without an address or an answer in time.
#[utoipa::path(get, path = "/cart", tag = "cart", security(("bearer" = [])),
    params(CartQuery),
    responses(
        (status = 200, body = Envelope<Cart>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, description = "addressId is not the caller's", body = ErrorEnvelope),
    ))]
async fn get_cart(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<CartQuery>,
) -> ApiResult<ApiOk<Cart>> {
    Ok(ApiOk::new(
        super::quote::quoted(&state, &caller, q.address_id).await?,
    ))
}

/// Empties the cart.
#[utoipa::path(delete, path = "/cart", tag = "cart", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Cart>), (status = 401, body = ErrorEnvelope)))]
async fn clear_cart(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Cart>> {
    Ok(ApiOk::new(service::clear(&state, &caller).await?))
}

/// Adds a product; adding one already in the cart adds to its quantity.
#[utoipa::path(post, path = "/cart/items", tag = "cart", security(("bearer" = [])),
    request_body = AddItem,
    responses(
        (status = 200, body = Envelope<Cart>),
        (status = 401, body = ErrorEnvelope),
        (status = 409, description = "CART_FULL", body = ErrorEnvelope),
        (status = 422, description = "unavailable product, or OUT_OF_STOCK", body = ErrorEnvelope),
    ))]
async fn add_item(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(req): ValidJson<AddItem>,
) -> ApiResult<ApiOk<Cart>> {
    Ok(ApiOk::new(service::add(&state, &caller, &req).await?))
}

/// Sets a line's quantity (checked against the stock now).
#[utoipa::path(patch, path = "/cart/items/{id}", tag = "cart", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = SetQuantity,
    responses(
        (status = 200, body = Envelope<Cart>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn set_quantity(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<SetQuantity>,
) -> ApiResult<ApiOk<Cart>> {
    // A malformed id is an unknown line (404), as everywhere else.
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_quantity(&state, &caller, id, &req).await?,
    ))
}

/// Removes a line.
#[utoipa::path(delete, path = "/cart/items/{id}", tag = "cart", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = Envelope<Cart>), (status = 404, body = ErrorEnvelope)))]
async fn remove_item(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Cart>> {
    Ok(ApiOk::new(
        service::remove(&state, &caller, parse_id(&id)?).await?,
    ))
}
