use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidQuery;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{AdminOverview, PeriodQuery, StoreOverview};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(admin_overview))
        .routes(routes!(store_overview))
}

/// The admin home's KPIs over a period against the one before it; needs
/// `finance.manage`.
#[utoipa::path(get, path = "/admin/stats/overview", tag = "admin", security(("bearer" = [])),
    params(PeriodQuery),
    responses(
        (status = 200, body = Envelope<AdminOverview>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "a bad range or date, or a period over 366 days", body = ErrorEnvelope),
    ))]
async fn admin_overview(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PeriodQuery>,
) -> ApiResult<ApiOk<AdminOverview>> {
    Ok(ApiOk::new(
        service::admin_overview(&state, &caller, &q).await?,
    ))
}

/// A store's home figures over a period against the one before it; needs
/// `orders.view` in the store.
#[utoipa::path(get, path = "/partner/stores/{storeId}/stats", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), PeriodQuery),
    responses(
        (status = 200, body = Envelope<StoreOverview>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, description = "no such store for the caller", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn store_overview(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<PeriodQuery>,
) -> ApiResult<ApiOk<StoreOverview>> {
    Ok(ApiOk::new(
        service::store_overview(&state, &caller, parse_id(&id)?, &q).await?,
    ))
}
