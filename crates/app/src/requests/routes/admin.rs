use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::requests::model::{PartRequest, RequestListQuery, RequestReason};
use crate::requests::service::admin::{self as service, AdminRequest};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(close))
}

/// Every request, newest first, by status or number/words; needs `requests.manage`.
#[utoipa::path(get, path = "/admin/requests", tag = "admin", security(("bearer" = [])),
    params(RequestListQuery),
    responses((status = 200, body = Paged<PartRequest>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<RequestListQuery>,
) -> ApiResult<ApiOk<Vec<PartRequest>>> {
    let (rows, meta) = service::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A request with every offer, its history and its negotiation threads (read-only).
#[utoipa::path(get, path = "/admin/requests/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<AdminRequest>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminRequest>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Closes an open request with a reason (audited); its offers are lost.
#[utoipa::path(post, path = "/admin/requests/{id}/close", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RequestReason,
    responses(
        (status = 200, body = Envelope<PartRequest>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn close(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RequestReason>,
) -> ApiResult<ApiOk<PartRequest>> {
    Ok(ApiOk::new(
        service::close(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}
