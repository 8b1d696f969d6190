use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{Address, AddressPatch, Favorite, FavoriteQuery, FavoriteType, NewAddress};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_favorites))
        .routes(routes!(add_favorite, remove_favorite))
        .routes(routes!(list_addresses, create_address))
        .routes(routes!(update_address, delete_address))
        .routes(routes!(make_default))
}

/// The caller's favorite products and stores (still visible ones), newest first.
#[utoipa::path(get, path = "/favorites", tag = "customer", security(("bearer" = [])),
    params(FavoriteQuery),
    responses(
        (status = 200, body = Paged<Favorite>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_favorites(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<FavoriteQuery>,
) -> ApiResult<ApiOk<Vec<Favorite>>> {
    let (rows, meta) = service::favorites(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Marks an active product or store as a favorite; repeating it is harmless.
#[utoipa::path(put, path = "/favorites/{type}/{id}", tag = "customer", security(("bearer" = [])),
    params(("type" = FavoriteType, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 404, description = "no such visible product or store", body = ErrorEnvelope),
    ))]
async fn add_favorite(
    State(state): State<AppState>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    let kind = FavoriteType::from_path(&kind)?;
    service::add_favorite(&state, &caller, kind, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Removes a favorite; removing one that is not there is harmless.
#[utoipa::path(delete, path = "/favorites/{type}/{id}", tag = "customer", security(("bearer" = [])),
    params(("type" = FavoriteType, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn remove_favorite(
    State(state): State<AppState>,
    caller: Caller,
    Path((kind, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    let kind = FavoriteType::from_path(&kind)?;
    service::remove_favorite(&state, &caller, kind, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// The caller's addresses, the default first.
#[utoipa::path(get, path = "/addresses", tag = "customer", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Vec<Address>>),
        (status = 401, body = ErrorEnvelope),
    ))]
async fn list_addresses(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<Address>>> {
    Ok(ApiOk::new(service::addresses(&state, &caller).await?))
}

/// Saves an address; the first one becomes the default.
#[utoipa::path(post, path = "/addresses", tag = "customer", security(("bearer" = [])),
    request_body = NewAddress,
    responses(
        (status = 201, body = Envelope<Address>),
        (status = 401, body = ErrorEnvelope),
        (status = 409, description = "ADDRESS_LIMIT", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_address(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewAddress>,
) -> ApiResult<ApiOk<Address>> {
    Ok(ApiOk::created(
        service::create_address(&state, &caller, &body).await?,
    ))
}

/// Changes an address of the caller's.
#[utoipa::path(patch, path = "/addresses/{id}", tag = "customer", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = AddressPatch,
    responses(
        (status = 200, body = Envelope<Address>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_address(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<AddressPatch>,
) -> ApiResult<ApiOk<Address>> {
    Ok(ApiOk::new(
        service::update_address(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Deletes an address; if it was the default, the newest remaining one becomes it.
#[utoipa::path(delete, path = "/addresses/{id}", tag = "customer", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete_address(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete_address(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Makes the address the caller's one default.
#[utoipa::path(post, path = "/addresses/{id}/default", tag = "customer", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Address>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn make_default(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Address>> {
    Ok(ApiOk::new(
        service::make_default(&state, &caller, parse_id(&id)?).await?,
    ))
}
