//! Broadcasts and their planning: the segment read page by page, the
//! cursor of planned batches, the progress of each.

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use kernel::pagination::Page;

use crate::notifications::model::{BroadcastRow, NewBroadcast, Segment};

const BROADCAST_COLUMNS: &str = "id, title, body, segment, channels, cursor_id, batches, \
    planned_at, created_at, created_by";

pub async fn insert_broadcast(
    tx: &mut PgConnection,
    id: Uuid,
    b: &NewBroadcast,
    actor: Uuid,
) -> sqlx::Result<BroadcastRow> {
    let channels: Vec<&str> = b.channels.iter().map(|c| c.as_str()).collect();
    sqlx::query_as(&format!(
        "INSERT INTO broadcasts (id, title, body, segment, channels, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {BROADCAST_COLUMNS}"
    ))
    .bind(id)
    .bind(serde_json::to_value(&b.title).unwrap_or_default())
    .bind(serde_json::to_value(&b.body).unwrap_or_default())
    .bind(serde_json::to_value(&b.segment).unwrap_or_default())
    .bind(&channels)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn get_broadcast(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> sqlx::Result<Option<BroadcastRow>> {
    sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_broadcast(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<BroadcastRow>> {
    sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// The next page of the segment's active users after `after`, by id.
pub async fn segment_page(
    db: impl PgExecutor<'_>,
    s: &Segment,
    after: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT u.id FROM users u \
         WHERE u.deleted_at IS NULL AND u.status = 'active' \
           AND ($1::uuid IS NULL OR u.id > $1) \
           AND ($2::text IS NULL OR u.role = $2) \
           AND ($3::text IS NULL OR EXISTS ( \
             SELECT 1 FROM addresses a WHERE a.user_id = u.id AND a.is_default \
               AND a.deleted_at IS NULL AND lower(btrim(a.city)) = lower(btrim($3)))) \
         ORDER BY u.id LIMIT $4",
    )
    .bind(after)
    .bind(s.role.as_deref())
    .bind(s.city.as_deref())
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records a planned batch: the cursor moves to its last recipient; `last`
/// marks the planning finished.
pub async fn advance(
    tx: &mut PgConnection,
    id: Uuid,
    cursor: Option<Uuid>,
    batch: bool,
    last: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE broadcasts SET cursor_id = coalesce($2, cursor_id), \
           batches = batches + CASE WHEN $3 THEN 1 ELSE 0 END, \
           planned_at = CASE WHEN $4 THEN now() ELSE planned_at END, updated_at = now() \
         WHERE id = $1",
    )
    .bind(id)
    .bind(cursor)
    .bind(batch)
    .bind(last)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn list_broadcasts(db: &PgPool, page: Page) -> sqlx::Result<(Vec<BroadcastRow>, i64)> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcasts")
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts ORDER BY created_at DESC, id DESC \
         LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

/// Per broadcast: recipients so far, and deliveries by status.
pub async fn progress(
    db: &PgPool,
    ids: &[Uuid],
) -> sqlx::Result<(Vec<(Uuid, i64)>, Vec<(Uuid, String, i64)>)> {
    let recipients = sqlx::query_as(
        "SELECT broadcast_id, count(DISTINCT user_id) FROM notification_deliveries \
         WHERE broadcast_id = ANY($1) GROUP BY broadcast_id",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    let counts = sqlx::query_as(
        "SELECT broadcast_id, status, count(*) FROM notification_deliveries \
         WHERE broadcast_id = ANY($1) GROUP BY broadcast_id, status",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    Ok((recipients, counts))
}
