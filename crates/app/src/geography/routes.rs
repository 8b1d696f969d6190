use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    Area, City, CityQuery, Country, CountryPatch, NewArea, NewCity, NewCountry, PlacePatch, Region,
    RegionQuery,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

mod activation;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_countries))
        .routes(routes!(list_regions))
        .routes(routes!(list_cities))
        .routes(routes!(list_areas))
        .routes(routes!(create_country))
        .routes(routes!(update_country, delete_country))
        .routes(routes!(create_city))
        .routes(routes!(update_city, delete_city))
        .routes(routes!(create_area))
        .routes(routes!(update_area, delete_area))
        .merge(activation::router())
}

type Done = ApiResult<ApiOk<Option<()>>>;

// ---- Public ----------------------------------------------------------------------

/// Active countries, by `sortOrder`.
#[utoipa::path(get, path = "/geo/countries", tag = "geography",
    responses((status = 200, body = Envelope<Vec<Country>>)))]
async fn list_countries(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<Country>>> {
    Ok(ApiOk::new(service::countries(&state).await?))
}

/// Regions (the 13 Saudi regions), of one country when `countryId` is sent.
#[utoipa::path(get, path = "/geo/regions", tag = "geography", params(RegionQuery),
    responses((status = 200, body = Envelope<Vec<Region>>)))]
async fn list_regions(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<RegionQuery>,
) -> ApiResult<ApiOk<Vec<Region>>> {
    Ok(ApiOk::new(service::regions(&state, q.country_id).await?))
}

/// Active cities with their region, by `sortOrder`; `q` matches the Arabic
/// and English names (spelling variants such as ة/ه and أ/ا meet).
#[utoipa::path(get, path = "/geo/cities", tag = "geography", params(CityQuery),
    responses((status = 200, body = Envelope<Vec<City>>)))]
async fn list_cities(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<CityQuery>,
) -> ApiResult<ApiOk<Vec<City>>> {
    Ok(ApiOk::new(service::cities(&state, &q).await?))
}

/// The active areas (districts) of a city.
#[utoipa::path(get, path = "/geo/cities/{id}/areas", tag = "geography",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<Area>>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn list_areas(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<Area>>> {
    Ok(ApiOk::new(service::areas(&state, parse_id(&id)?).await?))
}

// ---- Admin: countries ------------------------------------------------------------

/// Adds a country; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/countries", tag = "admin", security(("bearer" = [])),
    request_body = NewCountry,
    responses(
        (status = 201, body = Envelope<Country>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` (the code)", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_country(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCountry>,
) -> ApiResult<ApiOk<Country>> {
    Ok(ApiOk::created(
        service::create_country(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent; needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/geo/countries/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CountryPatch,
    responses(
        (status = 200, body = Envelope<Country>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` (the code)", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_country(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CountryPatch>,
) -> ApiResult<ApiOk<Country>> {
    Ok(ApiOk::new(
        service::update_country(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a country without live cities; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/geo/countries/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`COUNTRY_HAS_CITIES`", body = ErrorEnvelope),
    ))]
async fn delete_country(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_country(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

// ---- Admin: cities ---------------------------------------------------------------

/// Adds a city to a country (in one of its regions); needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/cities", tag = "admin", security(("bearer" = [])),
    request_body = NewCity,
    responses(
        (status = 201, body = Envelope<City>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the country", body = ErrorEnvelope),
        (status = 422, description = "invalid fields, unknown `countryId` or `regionId`", body = ErrorEnvelope),
    ))]
async fn create_city(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCity>,
) -> ApiResult<ApiOk<City>> {
    Ok(ApiOk::created(
        service::create_city(&state, &caller, &body).await?,
    ))
}

/// Changes the fields sent; needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/geo/cities/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = PlacePatch,
    responses(
        (status = 200, body = Envelope<City>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the country", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_city(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PlacePatch>,
) -> ApiResult<ApiOk<City>> {
    Ok(ApiOk::new(
        service::update_city(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a city (and its areas) that no live address or store names;
/// needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/geo/cities/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`CITY_IN_USE`", body = ErrorEnvelope),
    ))]
async fn delete_city(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_city(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

// ---- Admin: areas ----------------------------------------------------------------

/// Adds an area to a city; needs `catalog.manage`.
#[utoipa::path(post, path = "/admin/geo/cities/{id}/areas", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = NewArea,
    responses(
        (status = 201, body = Envelope<Area>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, description = "no such city", body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the city", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_area(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<NewArea>,
) -> ApiResult<ApiOk<Area>> {
    Ok(ApiOk::created(
        service::create_area(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Changes the fields sent (`regionId` is refused); needs `catalog.manage`.
#[utoipa::path(patch, path = "/admin/geo/areas/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = PlacePatch,
    responses(
        (status = 200, body = Envelope<Area>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "`SLUG_TAKEN` within the city", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_area(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PlacePatch>,
) -> ApiResult<ApiOk<Area>> {
    Ok(ApiOk::new(
        service::update_area(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes an area; needs `catalog.manage`.
#[utoipa::path(delete, path = "/admin/geo/areas/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete_area(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Done {
    service::delete_area(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
