//! The queue as other features use it (enqueue inside their transaction),
//! and dead letters and the rest of the queue as admins see it
//! (`jobs.manage`).

use std::time::Duration;

use sqlx::{PgConnection, PgExecutor, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{Claimed, Job, JobQuery, JobState};
use super::repo;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::{AppState, audit};

/// Adds a job due now, in the caller's transaction: it exists iff that
/// transaction commits (and its commit wakes the idle workers).
pub async fn enqueue(
    conn: &mut PgConnection,
    kind: &str,
    payload: &serde_json::Value,
) -> sqlx::Result<Uuid> {
    repo::enqueue(conn, kind, payload).await
}

/// [`enqueue`] a job due at `run_at`.
pub async fn enqueue_at(
    conn: &mut PgConnection,
    kind: &str,
    payload: &serde_json::Value,
    run_at: OffsetDateTime,
) -> sqlx::Result<Uuid> {
    repo::enqueue_at(conn, kind, payload, run_at).await
}

/// [`enqueue`] with a due time (now when `None`) and a limit of attempts of
/// its own (the workers' configured one when `None`).
pub async fn enqueue_with(
    conn: &mut PgConnection,
    kind: &str,
    payload: &serde_json::Value,
    run_at: Option<OffsetDateTime>,
    max_attempts: Option<i32>,
) -> sqlx::Result<Uuid> {
    repo::enqueue_with(conn, kind, payload, run_at, max_attempts).await
}

/// Leases up to `limit` due jobs (or jobs whose lease ran out) to `node` for
/// `visibility`; what a worker runs, and what the lease tests play a dying
/// node with.
pub async fn claim(
    db: impl PgExecutor<'_>,
    node: &str,
    limit: i64,
    visibility: Duration,
    default_max_attempts: i32,
) -> sqlx::Result<Vec<Claimed>> {
    repo::claim(db, node, limit, visibility, default_max_attempts).await
}

/// Marks the claimed job done; false when the claim was lost meanwhile.
pub async fn complete(db: &PgPool, id: Uuid, attempt: i32, node: &str) -> sqlx::Result<bool> {
    repo::complete(db, id, attempt, node).await
}

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
