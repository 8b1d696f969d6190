use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{CashbackRule, NewCashbackRule};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(delete))
}

/// Cashback rules (`coupons.manage`); the highest-rate active rule applies at delivery.
#[utoipa::path(get, path = "/admin/cashback-rules", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<CashbackRule>>), (status = 403, body = ErrorEnvelope)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<CashbackRule>>> {
    Ok(ApiOk::new(service::list(&state, &caller).await?))
}

#[utoipa::path(post, path = "/admin/cashback-rules", tag = "admin", security(("bearer" = [])),
    request_body = NewCashbackRule,
    responses((status = 201, body = Envelope<CashbackRule>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(req): ValidJson<NewCashbackRule>,
) -> ApiResult<ApiOk<CashbackRule>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, &req).await?,
    ))
}

#[utoipa::path(delete, path = "/admin/cashback-rules/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
