//! SQL of the job queue. Every outcome is fenced by the claim it ends (the
//! node and the attempt number), so a node whose lease was taken over cannot
//! overwrite the new owner's work.

use std::time::Duration;

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{Claimed, JobRow, JobState};

/// The channel a commit that enqueued jobs notifies; idle workers listen on it.
pub const CHANNEL: &str = "qitaa_jobs";

const COLUMNS: &str = "id, kind, payload, state, attempts, max_attempts, run_at, locked_until, \
    locked_by, last_error, created_at, updated_at, finished_at";

/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 2000;

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn clip(error: &str) -> String {
    error.chars().take(MAX_ERROR_CHARS).collect()
}

/// Adds a job due now, in the caller's transaction: it exists iff that
/// transaction commits (and its commit wakes the idle workers).
pub async fn enqueue(
    conn: &mut PgConnection,
    kind: &str,
    payload: &serde_json::Value,
) -> sqlx::Result<Uuid> {
    enqueue_with(conn, kind, payload, None, None).await
}

/// [`enqueue`] a job due at `run_at`.
pub async fn enqueue_at(
    conn: &mut PgConnection,
    kind: &str,
    payload: &serde_json::Value,
    run_at: OffsetDateTime,
) -> sqlx::Result<Uuid> {
    enqueue_with(conn, kind, payload, Some(run_at), None).await
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
    let id = Uuid::now_v7();
    // pg_notify is transactional: the workers hear of the job at commit.
    sqlx::query(
        "WITH wake AS (SELECT pg_notify($6, '')) \
         INSERT INTO jobs (id, kind, payload, run_at, max_attempts) \
         SELECT $1, $2, $3, coalesce($4, now()), $5 FROM wake",
    )
    .bind(id)
    .bind(kind)
    .bind(payload)
    .bind(run_at)
    .bind(max_attempts)
    .bind(CHANNEL)
    .execute(conn)
    .await?;
    Ok(id)
}

/// Leases up to `limit` jobs to `node` for `visibility`: due queued jobs, and
/// running jobs whose lease expired (their node died) and that have attempts
/// left. One statement; `SKIP LOCKED` lets concurrent nodes claim disjoint
/// jobs without waiting on each other.
pub async fn claim(
    db: impl PgExecutor<'_>,
    node: &str,
    limit: i64,
    visibility: Duration,
    default_max_attempts: i32,
) -> sqlx::Result<Vec<Claimed>> {
    sqlx::query_as(
        "WITH next AS ( \
           SELECT id FROM jobs \
           WHERE (state = 'queued' AND run_at <= now()) \
              OR (state = 'running' AND locked_until < now() \
                  AND attempts < coalesce(max_attempts, $4)) \
           ORDER BY run_at \
           FOR UPDATE SKIP LOCKED \
           LIMIT $1) \
         UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, \
           locked_until = now() + make_interval(secs => $3), locked_by = $2, updated_at = now() \
         FROM next WHERE j.id = next.id \
         RETURNING j.id, j.kind, j.payload, j.attempts, \
           coalesce(j.max_attempts, $4) AS max_attempts",
    )
    .bind(limit)
    .bind(node)
    .bind(secs(visibility))
    .bind(default_max_attempts)
    .fetch_all(db)
    .await
}

/// Running jobs whose lease expired after their last attempt (their node
/// died each time): dead letters rather than another try.
pub async fn bury_expired(db: &PgPool, default_max_attempts: i32) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE jobs SET state = 'dead', locked_until = NULL, updated_at = now(), \
           finished_at = now(), \
           last_error = coalesce(last_error || E'\\n', '') || 'the lease expired on the last attempt' \
         WHERE state = 'running' AND locked_until < now() \
           AND attempts >= coalesce(max_attempts, $1)",
    )
    .bind(default_max_attempts)
    .execute(db)
    .await?
    .rows_affected())
}

/// Renews the lease of a job this claim still holds; false when it was lost.
pub async fn extend(
    db: &PgPool,
    id: Uuid,
    attempt: i32,
    node: &str,
    visibility: Duration,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE jobs SET locked_until = now() + make_interval(secs => $4) \
         WHERE id = $1 AND state = 'running' AND attempts = $2 AND locked_by = $3",
    )
    .bind(id)
    .bind(attempt)
    .bind(node)
    .bind(secs(visibility))
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Marks the claimed job done; false when the claim was lost meanwhile.
pub async fn complete(db: &PgPool, id: Uuid, attempt: i32, node: &str) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = now(), \
           updated_at = now() \
         WHERE id = $1 AND state = 'running' AND attempts = $2 AND locked_by = $3",
    )
    .bind(id)
    .bind(attempt)
    .bind(node)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Queues the claimed job again after `delay`, keeping the error.
pub async fn reschedule(
    db: &PgPool,
    id: Uuid,
    attempt: i32,
    node: &str,
    delay: Duration,
    error: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE jobs SET state = 'queued', run_at = now() + make_interval(secs => $4), \
           locked_until = NULL, last_error = $5, updated_at = now() \
         WHERE id = $1 AND state = 'running' AND attempts = $2 AND locked_by = $3",
    )
    .bind(id)
    .bind(attempt)
    .bind(node)
    .bind(secs(delay))
    .bind(clip(error))
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Makes the claimed job a dead letter, keeping the error.
pub async fn bury(
    db: &PgPool,
    id: Uuid,
    attempt: i32,
    node: &str,
    error: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE jobs SET state = 'dead', locked_until = NULL, last_error = $4, \
           finished_at = now(), updated_at = now() \
         WHERE id = $1 AND state = 'running' AND attempts = $2 AND locked_by = $3",
    )
    .bind(id)
    .bind(attempt)
    .bind(node)
    .bind(clip(error))
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

/// Forgets jobs done longer than `keep` ago.
pub async fn delete_done(db: &PgPool, keep: Duration) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM jobs WHERE state = 'done' AND finished_at < now() - make_interval(secs => $1)",
    )
    .bind(secs(keep))
    .execute(db)
    .await?
    .rows_affected())
}

// ---------------------------------------------------------------- admin

fn filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    state: Option<JobState>,
    kind: Option<&'a str>,
) {
    qb.push(" WHERE true");
    if let Some(s) = state {
        qb.push(" AND state = ").push_bind(s.as_str());
    }
    if let Some(k) = kind {
        qb.push(" AND kind = ").push_bind(k);
    }
}

pub async fn list(
    db: &PgPool,
    state: Option<JobState>,
    kind: Option<&str>,
    page: Page,
) -> sqlx::Result<(Vec<JobRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM jobs");
    filters(&mut count, state, kind);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM jobs"));
    filters(&mut qb, state, kind);
    qb.push(" ORDER BY created_at DESC, id DESC");
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM jobs WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn lock(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<JobRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM jobs WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// A dead letter back to the queue, due now, with its attempts reset (the
/// last error stays until the next outcome); wakes the workers at commit.
pub async fn requeue(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<JobRow> {
    sqlx::query_as(&format!(
        "WITH wake AS (SELECT pg_notify($2, '')) \
         UPDATE jobs SET state = 'queued', attempts = 0, run_at = now(), locked_until = NULL, \
           locked_by = NULL, finished_at = NULL, updated_at = now() \
         FROM wake WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(CHANNEL)
    .fetch_one(tx)
    .await
}
