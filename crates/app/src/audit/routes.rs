use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{ErrorEnvelope, Paged};
use kernel::extract::ValidQuery;
use kernel::{ApiOk, ApiResult};

use super::model::{AuditEntry, AuditQuery};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// The audit trail, newest first; needs `audit.view`.
#[utoipa::path(get, path = "/admin/audit-logs", tag = "admin", security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, body = Paged<AuditEntry>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<AuditQuery>,
) -> ApiResult<ApiOk<Vec<AuditEntry>>> {
    let (rows, meta) = service::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}
