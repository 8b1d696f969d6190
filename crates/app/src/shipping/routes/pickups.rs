//! The admins' pickup locations (`orders.manage`).

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::ValidQuery;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::super::model::{AdminPickupLocation, PickupQuery};
use super::super::service::pickups;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(resync))
}

/// Stores' pickup locations at the carrier, latest change first, with what
/// the carrier was told beside the store's address now.
#[utoipa::path(get, path = "/admin/shipping/pickup-locations", tag = "admin",
    security(("bearer" = [])),
    params(PickupQuery),
    responses(
        (status = 200, body = Paged<AdminPickupLocation>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PickupQuery>,
) -> ApiResult<ApiOk<Vec<AdminPickupLocation>>> {
    let (rows, meta) = pickups::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Registers the store's current address at the carrier under a new code,
/// which later shipments name (`{id}` is the store's id).
#[utoipa::path(post, path = "/admin/shipping/pickup-locations/{id}/resync", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "the store's id")),
    responses(
        (status = 200, body = Envelope<AdminPickupLocation>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "PICKUP_NO_CARRIER, PICKUP_NO_CONTACT", body = ErrorEnvelope),
        (status = 503, body = ErrorEnvelope),
    ))]
async fn resync(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminPickupLocation>> {
    Ok(ApiOk::new(
        pickups::resync(&state, &caller, parse_id(&id)?).await?,
    ))
}
