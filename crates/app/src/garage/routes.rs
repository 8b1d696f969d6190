use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{Car, CarPatch, NewCar, VinFacts, VinQuery};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update, delete))
        .routes(routes!(make_default))
        .routes(routes!(read_vin))
}

/// The caller's saved cars, the default first.
#[utoipa::path(get, path = "/garage/cars", tag = "garage", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<Car>>), (status = 401, body = ErrorEnvelope)))]
async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Vec<Car>>> {
    Ok(ApiOk::new(service::list(&state, &caller).await?))
}

/// Saves a car. With a VIN, the make and year may be left out (they are read
/// from it); given, they must agree with it. The first car is the default.
#[utoipa::path(post, path = "/garage/cars", tag = "garage", security(("bearer" = [])),
    request_body = NewCar,
    responses(
        (status = 201, body = Envelope<Car>),
        (status = 401, body = ErrorEnvelope),
        (status = 409, description = "GARAGE_FULL", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCar>,
) -> ApiResult<ApiOk<Car>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, &body).await?,
    ))
}

#[utoipa::path(get, path = "/garage/cars/{id}", tag = "garage", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Car>), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Car>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Changes a car's year, VIN (`""` removes it) or nickname.
#[utoipa::path(patch, path = "/garage/cars/{id}", tag = "garage", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CarPatch,
    responses(
        (status = 200, body = Envelope<Car>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CarPatch>,
) -> ApiResult<ApiOk<Car>> {
    Ok(ApiOk::new(
        service::update(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Removes a car; if it was the default, the newest remaining one becomes it.
#[utoipa::path(delete, path = "/garage/cars/{id}", tag = "garage", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Makes the car the caller's one default.
#[utoipa::path(post, path = "/garage/cars/{id}/default", tag = "garage", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Car>), (status = 404, body = ErrorEnvelope)))]
async fn make_default(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Car>> {
    Ok(ApiOk::new(
        service::make_default(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Reads a VIN without saving it: its maker (and the catalog's make), model
/// year and check digit.
#[utoipa::path(post, path = "/garage/vin", tag = "garage", security(("bearer" = [])),
    request_body = VinQuery,
    responses((status = 200, body = Envelope<VinFacts>), (status = 422, body = ErrorEnvelope)))]
async fn read_vin(
    State(state): State<AppState>,
    _caller: Caller,
    ValidJson(body): ValidJson<VinQuery>,
) -> ApiResult<ApiOk<VinFacts>> {
    Ok(ApiOk::new(service::read_vin(&state, &body).await?))
}
