//! Product routes: public search and pages, the partner's store-scoped
//! writes, the admin's review queue.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult, Meta};

use super::model::{
    NewProduct, Product, ProductCard, ProductPatch, ProductStatus, ProductSummary, Rejection,
};
use super::params::{Fits, FitsQuery, ListParams, SearchParams};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(public_get))
        .routes(routes!(fits))
        .routes(routes!(partner_list, create))
        .routes(routes!(partner_get, update, delete))
        .routes(routes!(submit))
        .routes(routes!(review_queue))
        .routes(routes!(approve))
        .routes(routes!(reject))
}

/// Search active products: Arabic-aware text, OEM numbers, filters, facets in `meta.facets`.
#[utoipa::path(get, path = "/products", tag = "catalog", params(SearchParams),
    responses((status = 200, body = Paged<ProductCard>), (status = 422, body = ErrorEnvelope)))]
async fn search(
    State(state): State<AppState>,
    caller: Result<Caller, kernel::ApiError>,
    ValidQuery(p): ValidQuery<SearchParams>,
) -> ApiResult<ApiOk<Vec<ProductCard>>> {
    let req = service::resolve_search(&state, &p, caller.ok().as_ref()).await?;
    let page = p.paging().check(&mut kernel::FieldErrors::new());
    let (cards, result) = service::search(&state, &req).await?;
    let meta = Meta::new(page.page, page.per_page, result.total)
        .with("facets", &result.facets)
        .with("fuzzy", result.fuzzy)
        .with("totalExact", result.exact_total);
    Ok(ApiOk::page(cards, meta))
}

/// A product page: bilingual fields, price in halalas, images, fitment, store.
#[utoipa::path(get, path = "/products/{id}", tag = "catalog", params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Product>), (status = 404, body = ErrorEnvelope)))]
async fn public_get(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::public_get(&state, parse_id(&id)?).await?,
    ))
}

/// Whether the product fits a car of the caller's garage.
#[utoipa::path(get, path = "/products/{id}/fits", tag = "catalog", security(("bearer" = [])),
    params(("id" = String, Path), FitsQuery),
    responses(
        (status = 200, body = Envelope<Fits>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "the car is not in the caller's garage", body = ErrorEnvelope),
    ))]
async fn fits(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<FitsQuery>,
) -> ApiResult<ApiOk<Fits>> {
    let fits = service::fits(&state, &caller, parse_id(&id)?, q.car_id).await?;
    Ok(ApiOk::new(Fits {
        car_id: q.car_id,
        fits,
    }))
}

/// The store's products in any status; needs `products.view`.
#[utoipa::path(get, path = "/partner/stores/{storeId}/products", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ListParams),
    responses((status = 200, body = Paged<ProductSummary>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn partner_list(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ValidQuery(p): ValidQuery<ListParams>,
) -> ApiResult<ApiOk<Vec<ProductSummary>>> {
    let (rows, meta) =
        service::partner_list(&state, &caller, parse_id(&store_id)?, p.status, p.page()?).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Adds a product (sent for approval unless `submit: false`); needs `products.manage`.
#[utoipa::path(post, path = "/partner/stores/{storeId}/products", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)), request_body = NewProduct,
    responses(
        (status = 201, body = Envelope<Product>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(store_id): Path<String>,
    ValidJson(body): ValidJson<NewProduct>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, parse_id(&store_id)?, &body).await?,
    ))
}

/// One of the store's products; needs `products.view`.
#[utoipa::path(get, path = "/partner/stores/{storeId}/products/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Envelope<Product>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn partner_get(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::partner_get(&state, &caller, parse_id(&store_id)?, parse_id(&id)?).await?,
    ))
}

/// Edits a product; content changes of an active product send it back for approval.
#[utoipa::path(patch, path = "/partner/stores/{storeId}/products/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)), request_body = ProductPatch,
    responses(
        (status = 200, body = Envelope<Product>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<ProductPatch>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::update(&state, &caller, parse_id(&store_id)?, parse_id(&id)?, &body).await?,
    ))
}

/// Removes a product (soft delete); needs `products.manage`.
#[utoipa::path(delete, path = "/partner/stores/{storeId}/products/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&store_id)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Sends a draft or rejected product for approval; needs `products.manage`.
#[utoipa::path(post, path = "/partner/stores/{storeId}/products/{id}/submit", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Product>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
    ))]
async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    Path((store_id, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::submit(&state, &caller, parse_id(&store_id)?, parse_id(&id)?).await?,
    ))
}

/// Products by status, oldest submission first (default: waiting for approval); needs `products.approve`.
#[utoipa::path(get, path = "/admin/products", tag = "admin", security(("bearer" = [])), params(ListParams),
    responses((status = 200, body = Paged<ProductSummary>), (status = 403, body = ErrorEnvelope)))]
async fn review_queue(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(p): ValidQuery<ListParams>,
) -> ApiResult<ApiOk<Vec<ProductSummary>>> {
    let status = p.status.unwrap_or(ProductStatus::PendingApproval);
    let (rows, meta) = service::review_queue(&state, &caller, status, p.page()?).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Publishes a product waiting for approval; needs `products.approve`.
#[utoipa::path(post, path = "/admin/products/{id}/approve", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Product>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
    ))]
async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::review(&state, &caller, parse_id(&id)?, true, None).await?,
    ))
}

/// Rejects a product with a reason the supplier sees; needs `products.approve`.
#[utoipa::path(post, path = "/admin/products/{id}/reject", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = Rejection,
    responses(
        (status = 200, body = Envelope<Product>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<Rejection>,
) -> ApiResult<ApiOk<Product>> {
    Ok(ApiOk::new(
        service::review(
            &state,
            &caller,
            parse_id(&id)?,
            false,
            Some(body.reason.trim()),
        )
        .await?,
    ))
}
