//! SQL of a request's documents (`registration_documents`, with their
//! files' facts from `media_files`) and history (`registration_events`).

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::registrations::model::{DocumentRow, EventRow};

/// The live documents of requests with their files' facts.
pub async fn documents(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<DocumentRow>> {
    sqlx::query_as(
        "SELECT d.id, d.registration_id, d.kind, d.media_id, m.content_type, m.size_bytes, m.original_name \
         FROM registration_documents d JOIN media_files m ON m.id = d.media_id \
         WHERE d.registration_id = ANY($1) AND d.deleted_at IS NULL ORDER BY d.created_at, d.id",
    )
    .bind(ids)
    .fetch_all(db)
    .await
}

/// Makes `media` the request's document of `kind`, replacing an older one.
pub async fn put_document(
    conn: &mut PgConnection,
    id: Uuid,
    kind: &str,
    media: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query(
        "UPDATE registration_documents SET deleted_at = now(), updated_at = now() \
         WHERE registration_id = $1 AND kind = $2 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(kind)
    .execute(&mut *conn)
    .await?;
    let doc = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO registration_documents (id, registration_id, kind, media_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(doc)
    .bind(id)
    .bind(kind)
    .bind(media)
    .execute(conn)
    .await?;
    Ok(doc)
}

/// Drops the documents of kinds the request's kind does not take.
pub async fn drop_documents_except(
    conn: &mut PgConnection,
    id: Uuid,
    kinds: &[&str],
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_documents SET deleted_at = now(), updated_at = now() \
         WHERE registration_id = $1 AND deleted_at IS NULL AND NOT (kind = ANY($2))",
    )
    .bind(id)
    .bind(kinds)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn add_event(
    conn: &mut PgConnection,
    id: Uuid,
    event: &str,
    reason: Option<&str>,
    actor: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO registration_events (id, registration_id, event, reason, actor_id, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $5, $5)",
    )
    .bind(Uuid::now_v7())
    .bind(id)
    .bind(event)
    .bind(reason)
    .bind(actor)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn events(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT registration_id, event, reason, created_at FROM registration_events \
         WHERE registration_id = ANY($1) AND deleted_at IS NULL ORDER BY created_at, id",
    )
    .bind(ids)
    .fetch_all(db)
    .await
}
