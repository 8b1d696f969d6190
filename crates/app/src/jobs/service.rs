//! Dead letters and the rest of the queue as admins see it (`jobs.manage`).

use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{Job, JobQuery, JobState};
use super::repo;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::{AppState, audit};

fn job(state: &AppState, row: super::model::JobRow) -> Job {
    Job::from_row(row, state.config.jobs.max_attempts)
}

pub async fn list(state: &AppState, caller: &Caller, q: &JobQuery) -> ApiResult<(Vec<Job>, Meta)> {
    require(state, caller, Permission::JobsManage).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    let filter = q.state(&mut e);
    e.into_result()?;
    let kind = q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let (rows, total) = repo::list(&state.db, filter, kind, page).await?;
    Ok((
        rows.into_iter().map(|r| job(state, r)).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Job> {
    require(state, caller, Permission::JobsManage).await?;
    let row = repo::get(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    Ok(job(state, row))
}

/// Sends a dead letter back to the queue, due now with its attempts reset;
/// audited. 409 `JOB_NOT_DEAD` for a job that is not a dead letter.
pub async fn retry(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Job> {
    require(state, caller, Permission::JobsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if before.state != JobState::Dead.as_str() {
        return Err(ApiError::conflict("JOB_NOT_DEAD", "jobs-not-dead"));
    }
    let after = job(state, repo::requeue(&mut tx, id).await?);
    let before = job(state, before);
    audit::record(
        &mut *tx,
        caller,
        "job.retry",
        "job",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
