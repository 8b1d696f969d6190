use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::header;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidQuery;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::figures::{FlowStats, TopList};
use super::model::rollup::{FlowsQuery, TopQuery};
use super::model::{AdminOverview, PeriodQuery, StoreOverview};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(admin_overview))
        .routes(routes!(store_overview))
        .routes(routes!(stats_flows))
        .routes(routes!(stats_flows_csv))
        .routes(routes!(stats_top))
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

/// Every flow (direct orders, store requests, bookings, repair jobs,
/// external orders) per period of platform days: placed, completed,
/// cancelled and refunded counts, GMV and commission (gross, voided, net),
/// refunds; from the daily roll-ups. Needs `finance.manage`.
#[utoipa::path(get, path = "/admin/stats/flows", tag = "admin", security(("bearer" = [])),
    params(FlowsQuery),
    responses(
        (status = 200, body = Envelope<FlowStats>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "a bad `from`, `to`, `grain` or `flow`, or over 731 days", body = ErrorEnvelope),
    ))]
async fn stats_flows(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<FlowsQuery>,
) -> ApiResult<ApiOk<FlowStats>> {
    Ok(ApiOk::new(
        service::flows::flows(&state, &caller, &q).await?,
    ))
}

/// The same figures as a CSV file (UTF-8 with a byte-order mark, one line
/// per period and flow, the flows' names in the caller's language).
#[utoipa::path(get, path = "/admin/stats/flows.csv", tag = "admin", security(("bearer" = [])),
    params(FlowsQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "a bad `from`, `to`, `grain` or `flow`, or over 731 days", body = ErrorEnvelope),
    ))]
async fn stats_flows_csv(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<FlowsQuery>,
) -> ApiResult<Response> {
    let csv = service::flows::flows_csv(&state, &caller, &q).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", csv.file_name),
            ),
        ],
        csv.body,
    )
        .into_response())
}

/// The stores, reps or products with the largest net GMV over a range of
/// platform days, from the roll-ups. Needs `finance.manage`.
#[utoipa::path(get, path = "/admin/stats/top", tag = "admin", security(("bearer" = [])),
    params(TopQuery),
    responses(
        (status = 200, body = Envelope<TopList>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "a bad `from`, `to`, `kind`, `flow` or `limit`", body = ErrorEnvelope),
    ))]
async fn stats_top(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<TopQuery>,
) -> ApiResult<ApiOk<TopList>> {
    Ok(ApiOk::new(service::flows::top(&state, &caller, &q).await?))
}
