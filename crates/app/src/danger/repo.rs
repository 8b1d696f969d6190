use std::collections::BTreeMap;

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

pub struct CodeRow {
    pub code_hash: Vec<u8>,
    pub attempts: i32,
    pub expires_at: OffsetDateTime,
}

pub async fn put_code(
    tx: &mut PgConnection,
    user: Uuid,
    hash: &[u8],
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO step_up_codes (user_id, purpose, code_hash, expires_at) \
         VALUES ($1, 'clear_data', $2, $3) \
         ON CONFLICT (user_id, purpose) DO UPDATE \
         SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, \
             created_at = now()",
    )
    .bind(user)
    .bind(hash)
    .bind(expires_at)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn lock_code(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<Option<CodeRow>> {
    let row: Option<(Vec<u8>, i32, OffsetDateTime)> = sqlx::query_as(
        "SELECT code_hash, attempts, expires_at FROM step_up_codes \
         WHERE user_id = $1 AND purpose = 'clear_data' FOR UPDATE",
    )
    .bind(user)
    .fetch_optional(tx)
    .await?;
    Ok(row.map(|(code_hash, attempts, expires_at)| CodeRow {
        code_hash,
        attempts,
        expires_at,
    }))
}

pub async fn fail_code(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE step_up_codes SET attempts = attempts + 1 \
         WHERE user_id = $1 AND purpose = 'clear_data'",
    )
    .bind(user)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn drop_code(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM step_up_codes WHERE user_id = $1 AND purpose = 'clear_data'")
        .bind(user)
        .execute(tx)
        .await?;
    Ok(())
}

/// Every table of the schema, by name.
pub async fn tables(tx: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
    )
    .fetch_all(tx)
    .await
}

/// Names come from the catalog, quoted as identifiers all the same.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub async fn counts(
    tx: &mut PgConnection,
    tables: &[String],
) -> sqlx::Result<BTreeMap<String, i64>> {
    let mut out = BTreeMap::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {}", ident(t)))
            .fetch_one(&mut *tx)
            .await?;
        out.insert(t.clone(), n);
    }
    Ok(out)
}

/// One statement, so references among the emptied tables never block it;
/// no CASCADE, so a kept table that still pointed at one would stop it.
pub async fn truncate(tx: &mut PgConnection, tables: &[String]) -> sqlx::Result<()> {
    if tables.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = tables.iter().map(|t| ident(t)).collect();
    sqlx::query(&format!("TRUNCATE {} RESTART IDENTITY", list.join(", ")))
        .execute(tx)
        .await?;
    Ok(())
}

const ADMINS: &str = "SELECT id FROM users WHERE role IN ('ADMIN', 'SUPER_ADMIN')";

/// Removes the rows of `table` that do not belong to an admin.
pub async fn keep_admins(tx: &mut PgConnection, table: &str, column: &str) -> sqlx::Result<i64> {
    let done = sqlx::query(&format!(
        "DELETE FROM {} WHERE {} NOT IN ({ADMINS})",
        ident(table),
        ident(column)
    ))
    .execute(tx)
    .await?;
    Ok(done.rows_affected() as i64)
}

/// Empties `media_files` but for the images live banners show (banners are
/// kept whole, so they would point at nothing); the stored objects of those
/// rows stay with them. Kept rows owned by someone about to go lose their
/// owner, so the users' removal is not blocked by them.
pub async fn keep_banner_media(tx: &mut PgConnection) -> sqlx::Result<i64> {
    let done = sqlx::query(
        "DELETE FROM media_files WHERE id NOT IN \
         (SELECT media_id FROM banners WHERE deleted_at IS NULL)",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "UPDATE media_files SET owner_id = NULL WHERE owner_id NOT IN ({ADMINS})"
    ))
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() as i64)
}

/// Refresh tokens of sessions about to go.
pub async fn drop_foreign_refresh_tokens(tx: &mut PgConnection) -> sqlx::Result<i64> {
    let done = sqlx::query(&format!(
        "DELETE FROM refresh_tokens WHERE session_id IN \
         (SELECT id FROM auth_sessions WHERE user_id NOT IN ({ADMINS}))"
    ))
    .execute(tx)
    .await?;
    Ok(done.rows_affected() as i64)
}
