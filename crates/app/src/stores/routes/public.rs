use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::ValidQuery;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::stores::model::{NearbyStore, NearestQuery, PublicStore, StoreTypeView};
use crate::stores::service::{public, types};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(store_types))
        .routes(routes!(nearest))
        .routes(routes!(store))
}

/// Store types with the services each offers.
#[utoipa::path(get, path = "/store-types", tag = "stores",
    responses((status = 200, body = Envelope<Vec<StoreTypeView>>)))]
async fn store_types(State(state): State<AppState>) -> ApiResult<ApiOk<Vec<StoreTypeView>>> {
    Ok(ApiOk::new(types::store_types(&state).await?))
}

/// Active stores around a point, nearest first, each with `distanceKm`.
#[utoipa::path(get, path = "/stores/nearest", tag = "stores",
    params(NearestQuery),
    responses(
        (status = 200, body = Paged<NearbyStore>),
        (status = 422, description = "lat, lng or radiusKm missing or out of range", body = ErrorEnvelope),
    ))]
async fn nearest(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<NearestQuery>,
) -> ApiResult<ApiOk<Vec<NearbyStore>>> {
    let (stores, meta) = public::nearest(&state, &q).await?;
    Ok(ApiOk::page(stores, meta))
}

/// An active store of an approved company, with its rating and services.
#[utoipa::path(get, path = "/stores/{id}", tag = "stores",
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<PublicStore>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn store(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<PublicStore>> {
    Ok(ApiOk::new(public::store(&state, parse_id(&id)?).await?))
}
