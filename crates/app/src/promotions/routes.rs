use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{NewPromotion, Promotion, PromotionInput, PromotionQuery};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_promotions, create_promotion))
        .routes(routes!(get_promotion, update_promotion, delete_promotion))
}

/// The store's promotions (`products.view`), newest first, with their
/// state now (`inactive`, `scheduled`, `running`, `ended`).
#[utoipa::path(get, path = "/partner/stores/{storeId}/promotions", tag = "promotions", security(("bearer" = [])),
    params(("storeId" = String, Path), PromotionQuery),
    responses(
        (status = 200, body = Paged<Promotion>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_promotions(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidQuery(q): ValidQuery<PromotionQuery>,
) -> ApiResult<ApiOk<Vec<Promotion>>> {
    let (rows, meta) = service::list(&state, &caller, parse_id(&store)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Creates a store promotion (`products.manage`, audited), funded by the
/// store: each covered unit is sold at its price less the promotion (percent
/// rounded half up, never below 1 halala); of several running promotions
/// covering one item, the one taking the most off applies alone.
///
/// Stacking with platform coupons: the store promotion applies first, per
/// item; a coupon then applies to the already-discounted subtotal. The
/// order, its invoice (VAT), the commission and the store's settlement are
/// all on the discounted price; the platform books no promotions expense
/// for a store promotion (that account is for platform-funded coupons only).
#[utoipa::path(post, path = "/partner/stores/{storeId}/promotions", tag = "promotions", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    request_body = NewPromotion,
    responses(
        (status = 201, body = Envelope<Promotion>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "TOO_MANY_PROMOTIONS", body = ErrorEnvelope),
        (status = 422, description = "e.g. `productIds` naming a product of another store, `endsAt` in the past", body = ErrorEnvelope),
    ))]
async fn create_promotion(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidJson(body): ValidJson<NewPromotion>,
) -> ApiResult<ApiOk<Promotion>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, parse_id(&store)?, &body).await?,
    ))
}

/// One promotion of the store (`products.view`); another store's is 404.
#[utoipa::path(get, path = "/partner/stores/{storeId}/promotions/{id}", tag = "promotions", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Promotion>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_promotion(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Promotion>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?,
    ))
}

/// Changes a promotion's present fields (`products.manage`, audited);
/// `active: false` ends it at once. Orders already placed keep their prices.
#[utoipa::path(patch, path = "/partner/stores/{storeId}/promotions/{id}", tag = "promotions", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    request_body = PromotionInput,
    responses(
        (status = 200, body = Envelope<Promotion>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_promotion(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<PromotionInput>,
) -> ApiResult<ApiOk<Promotion>> {
    Ok(ApiOk::new(
        service::update(&state, &caller, parse_id(&store)?, parse_id(&id)?, &body).await?,
    ))
}

/// Deletes a promotion (soft; `products.manage`, audited).
#[utoipa::path(delete, path = "/partner/stores/{storeId}/promotions/{id}", tag = "promotions", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete_promotion(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
