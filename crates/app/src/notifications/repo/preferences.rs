//! Per-user opt-ins per category and channel.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::notifications::model::{Category, Channel};

/// The user's explicit choices: (category, channel, enabled).
pub async fn preferences(
    db: impl PgExecutor<'_>,
    user: Uuid,
) -> sqlx::Result<Vec<(String, String, bool)>> {
    sqlx::query_as(
        "SELECT category, channel, enabled FROM notification_preferences WHERE user_id = $1",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn set_preference(
    tx: &mut PgConnection,
    user: Uuid,
    category: Category,
    channel: Channel,
    enabled: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, category, channel, enabled) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, category, channel) DO UPDATE SET enabled = EXCLUDED.enabled, \
           updated_at = now()",
    )
    .bind(user)
    .bind(category.as_str())
    .bind(channel.as_str())
    .bind(enabled)
    .execute(tx)
    .await?;
    Ok(())
}

/// Of `users`, those opted in to `channel` for `category` (`default_on`
/// for users without a choice).
pub async fn opted_in(
    db: impl PgExecutor<'_>,
    users: &[Uuid],
    category: Category,
    channel: Channel,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT u.id FROM unnest($1::uuid[]) AS u(id) \
         LEFT JOIN notification_preferences p \
           ON p.user_id = u.id AND p.category = $2 AND p.channel = $3 \
         WHERE coalesce(p.enabled, $4)",
    )
    .bind(users)
    .bind(category.as_str())
    .bind(channel.as_str())
    .bind(category.default_on(channel))
    .fetch_all(db)
    .await
}
