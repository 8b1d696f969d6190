//! Device tokens: registration, removal, pruning of invalid ones.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::notifications::model::{DeviceRow, NewDevice};

const DEVICE_COLUMNS: &str = "id, user_id, platform, token, app, locale, created_at, updated_at";

/// Registers the token for `user`; a token known for anyone (the same
/// device signed in again, maybe as someone else) is taken over.
pub async fn upsert_device(
    conn: &mut PgConnection,
    user: Uuid,
    d: &NewDevice,
    locale: &str,
) -> sqlx::Result<DeviceRow> {
    sqlx::query_as(&format!(
        "INSERT INTO devices (id, user_id, platform, token, app, locale) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, \
           platform = EXCLUDED.platform, app = EXCLUDED.app, locale = EXCLUDED.locale, \
           updated_at = now() \
         RETURNING {DEVICE_COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(d.platform.as_str())
    .bind(&d.token)
    .bind(d.app.as_str())
    .bind(locale)
    .fetch_one(conn)
    .await
}

/// Removes the user's device with this token; false when they have none.
pub async fn delete_device(db: impl PgExecutor<'_>, user: Uuid, token: &str) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM devices WHERE user_id = $1 AND token = $2")
            .bind(user)
            .bind(token)
            .execute(db)
            .await?
            .rows_affected()
            > 0,
    )
}

/// Prunes a token the provider called invalid.
pub async fn prune_device(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM devices WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn devices_of(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<DeviceRow>> {
    sqlx::query_as(&format!(
        "SELECT {DEVICE_COLUMNS} FROM devices WHERE user_id = $1 ORDER BY created_at, id"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}
