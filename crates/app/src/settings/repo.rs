use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub struct SettingsRow {
    pub value: serde_json::Value,
    pub version: i64,
    pub updated_at: time::OffsetDateTime,
}

pub async fn load(db: impl PgExecutor<'_>) -> sqlx::Result<Option<SettingsRow>> {
    sqlx::query_as("SELECT value, version, updated_at FROM system_settings WHERE id = 1")
        .fetch_optional(db)
        .await
}

/// Locks the document (creating it from `defaults` the first time) so
/// concurrent saves queue and each bumps the version once.
pub async fn lock(
    tx: &mut PgConnection,
    defaults: &serde_json::Value,
) -> sqlx::Result<SettingsRow> {
    sqlx::query(
        "INSERT INTO system_settings (id, value, version) VALUES (1, $1, 0) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(defaults)
    .execute(&mut *tx)
    .await?;
    sqlx::query_as("SELECT value, version, updated_at FROM system_settings WHERE id = 1 FOR UPDATE")
        .fetch_one(&mut *tx)
        .await
}

pub async fn save(
    tx: &mut PgConnection,
    value: &serde_json::Value,
    by: Uuid,
) -> sqlx::Result<SettingsRow> {
    let row = sqlx::query_as(
        "UPDATE system_settings SET value = $1, version = version + 1, updated_at = now(), \
         updated_by = $2 WHERE id = 1 RETURNING value, version, updated_at",
    )
    .bind(value)
    .bind(by)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("SELECT pg_notify($1, '')")
        .bind(super::cache::CHANNEL)
        .execute(&mut *tx)
        .await?;
    Ok(row)
}
