//! The in-app inbox.

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use kernel::pagination::Page;

use crate::notifications::model::{Category, NotificationRow};

const NOTIFICATION_COLUMNS: &str = "id, event, category, title, body, data, read_at, created_at";

/// One inbox row per user of `users` (for a broadcast at most once per user).
#[allow(clippy::too_many_arguments)]
pub async fn insert_notifications(
    conn: &mut PgConnection,
    users: &[Uuid],
    event: &str,
    category: Category,
    title: &serde_json::Value,
    body: &serde_json::Value,
    data: &serde_json::Value,
    broadcast: Option<Uuid>,
) -> sqlx::Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = users.iter().map(|_| Uuid::now_v7()).collect();
    sqlx::query_scalar(
        "INSERT INTO notifications (id, user_id, event, category, title, body, data, broadcast_id) \
         SELECT n.id, n.user_id, $3, $4, $5, $6, $7, $8 \
         FROM unnest($1::uuid[], $2::uuid[]) AS n(id, user_id) \
         ON CONFLICT (broadcast_id, user_id) WHERE broadcast_id IS NOT NULL DO NOTHING \
         RETURNING user_id",
    )
    .bind(&ids)
    .bind(users)
    .bind(event)
    .bind(category.as_str())
    .bind(title)
    .bind(body)
    .bind(data)
    .bind(broadcast)
    .fetch_all(conn)
    .await
}

pub async fn inbox(
    db: &PgPool,
    user: Uuid,
    unread_only: bool,
    page: Page,
) -> sqlx::Result<(Vec<NotificationRow>, i64)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)",
    )
    .bind(user)
    .bind(unread_only)
    .fetch_one(db)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM notifications \
         WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) \
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(user)
    .bind(unread_only)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

pub async fn unread_count(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await
}

/// Marks the user's notification read (once: the first time stays).
pub async fn mark_read(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<NotificationRow>> {
    sqlx::query_as(&format!(
        "UPDATE notifications SET read_at = coalesce(read_at, now()) \
         WHERE id = $1 AND user_id = $2 RETURNING {NOTIFICATION_COLUMNS}"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

pub async fn mark_all_read(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .execute(db)
    .await?
    .rows_affected())
}
