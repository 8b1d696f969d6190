use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::MediaFile;

const COLUMNS: &str = "id, owner_id, purpose, storage_key, content_type, size_bytes, width, height, \
    thumb_key, original_name, sha256, created_at";

/// A row to insert: everything but the timestamps.
pub struct NewMediaRow<'a> {
    pub id: Uuid,
    /// `None`: a file nobody owns yet (a registration's documents).
    pub owner_id: Option<Uuid>,
    pub purpose: &'a str,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub thumb_key: Option<&'a str>,
    pub original_name: Option<&'a str>,
    pub sha256: &'a str,
}

pub async fn insert(db: impl PgExecutor<'_>, row: &NewMediaRow<'_>) -> sqlx::Result<MediaFile> {
    sqlx::query_as(&format!(
        "INSERT INTO media_files (id, owner_id, purpose, storage_key, content_type, size_bytes, \
           width, height, thumb_key, original_name, sha256, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $2, $2) RETURNING {COLUMNS}"
    ))
    .bind(row.id)
    .bind(row.owner_id)
    .bind(row.purpose)
    .bind(row.storage_key)
    .bind(row.content_type)
    .bind(row.size_bytes)
    .bind(row.width)
    .bind(row.height)
    .bind(row.thumb_key)
    .bind(row.original_name)
    .bind(row.sha256)
    .fetch_one(db)
    .await
}

/// A file that is not soft-deleted.
pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<MediaFile>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM media_files WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Hands files uploaded before their owner existed to that owner.
pub async fn adopt(db: impl PgExecutor<'_>, ids: &[Uuid], owner: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE media_files SET owner_id = $2, updated_at = now(), updated_by = $2 \
         WHERE id = ANY($1) AND owner_id IS NULL AND deleted_at IS NULL",
    )
    .bind(ids)
    .bind(owner)
    .execute(db)
    .await?;
    Ok(())
}
