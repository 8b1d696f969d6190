//! The admins' side of the local courier's fee table (`settings.manage`).

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::super::model::rates::{CourierRate, CourierRateGroup, CourierRatePatch, NewCourierRate};
use super::super::service::rates;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update, delete))
}

/// The local courier's bands by destination: "anywhere else" first, then
/// each city of the geography (names in Arabic and English), then legacy
/// bands whose text names no city; lightest first. The table holds at most
/// 1,000 live bands, so the list is whole.
#[utoipa::path(get, path = "/admin/courier-rates", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Vec<CourierRateGroup>>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
    ))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<CourierRateGroup>>> {
    Ok(ApiOk::new(rates::list(&state, &caller).await?))
}

/// Adds a band to a city (or to "anywhere else" with `cityId` null); the
/// next checkout quotes with it.
#[utoipa::path(post, path = "/admin/courier-rates", tag = "admin", security(("bearer" = [])),
    request_body = NewCourierRate,
    responses(
        (status = 201, body = Envelope<CourierRate>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "RATE_TABLE_FULL", body = ErrorEnvelope),
        (status = 422, description = "invalid fields; unknown or inactive `cityId`; \
            RATE_BAND_TAKEN on `upToGrams` (the destination has that band)", body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCourierRate>,
) -> ApiResult<ApiOk<CourierRate>> {
    Ok(ApiOk::created(rates::create(&state, &caller, &body).await?))
}

/// Changes a band's weight and fee.
#[utoipa::path(put, path = "/admin/courier-rates/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CourierRatePatch,
    responses(
        (status = 200, body = Envelope<CourierRate>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "invalid fields; RATE_BAND_TAKEN on `upToGrams`", body = ErrorEnvelope),
    ))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CourierRatePatch>,
) -> ApiResult<ApiOk<CourierRate>> {
    Ok(ApiOk::new(
        rates::update(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Soft-deletes a band.
#[utoipa::path(delete, path = "/admin/courier-rates/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    rates::delete(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
