//! Deactivate and restore: reversible, allowed while the place is in use.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::super::model::{Area, City, Country};
use super::super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(deactivate_country))
        .routes(routes!(restore_country))
        .routes(routes!(deactivate_city))
        .routes(routes!(restore_city))
        .routes(routes!(deactivate_area))
        .routes(routes!(restore_area))
}

/// Takes a country (and with it its cities) out of the pickers; addresses
/// and stores that name them keep their city. Needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/countries/{id}/deactivate", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Country>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn deactivate_country(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Country>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_country_active(&state, &caller, id, false).await?,
    ))
}

/// Offers a deactivated country's cities again; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/countries/{id}/restore", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Country>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn restore_country(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Country>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_country_active(&state, &caller, id, true).await?,
    ))
}

/// Takes a city out of the pickers: new addresses and stores may no longer
/// name it (422 on `cityId`), existing ones keep it. Needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/cities/{id}/deactivate", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<City>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn deactivate_city(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<City>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_city_active(&state, &caller, id, false).await?,
    ))
}

/// Offers a deactivated city again; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/cities/{id}/restore", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<City>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn restore_city(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<City>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_city_active(&state, &caller, id, true).await?,
    ))
}

/// Takes an area out of its city's list; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/areas/{id}/deactivate", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Area>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn deactivate_area(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Area>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_area_active(&state, &caller, id, false).await?,
    ))
}

/// Lists a deactivated area again; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/areas/{id}/restore", tag = "admin",
    security(("bearer" = [])), params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Area>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn restore_area(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Area>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        service::set_area_active(&state, &caller, id, true).await?,
    ))
}
