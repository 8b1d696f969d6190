use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::ValidQuery;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{Job, JobQuery};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_jobs))
        .routes(routes!(get_job))
        .routes(routes!(retry_job))
}

/// The job queue, newest first; `state=dead` lists the dead letters. Needs `jobs.manage`.
#[utoipa::path(get, path = "/admin/jobs", tag = "admin", security(("bearer" = [])),
    params(JobQuery),
    responses(
        (status = 200, body = Paged<Job>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_jobs(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<JobQuery>,
) -> ApiResult<ApiOk<Vec<Job>>> {
    let (rows, meta) = service::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// One job; needs `jobs.manage`.
#[utoipa::path(get, path = "/admin/jobs/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Job>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_job(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Job>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Sends a dead letter back to the queue, due now with its attempts reset
/// (audited); needs `jobs.manage`. 409 `JOB_NOT_DEAD` for any other job.
#[utoipa::path(post, path = "/admin/jobs/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Job>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "JOB_NOT_DEAD", body = ErrorEnvelope),
    ))]
async fn retry_job(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Job>> {
    Ok(ApiOk::new(
        service::retry(&state, &caller, parse_id(&id)?).await?,
    ))
}
