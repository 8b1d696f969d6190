//! SQL of threads, participants and messages.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{ChatMessage, ThreadRow, ThreadSummary};

const THREAD: &str = "id, kind, customer_id, store_id, rep_id, subject_id";

pub async fn thread(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ThreadRow>> {
    sqlx::query_as(&format!(
        "SELECT {THREAD} FROM chat_threads WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The customer's thread of this kind (and store), creating it with its
/// first participant; the unique indexes make concurrent opens meet on one row.
pub async fn open(
    conn: &mut PgConnection,
    kind: &str,
    customer: Uuid,
    store: Option<Uuid>,
) -> sqlx::Result<ThreadRow> {
    sqlx::query(
        "INSERT INTO chat_threads (id, kind, customer_id, store_id, created_by) \
         VALUES ($1, $2, $3, $4, $3) ON CONFLICT DO NOTHING",
    )
    .bind(Uuid::now_v7())
    .bind(kind)
    .bind(customer)
    .bind(store)
    .execute(&mut *conn)
    .await?;
    let t: ThreadRow = sqlx::query_as(&format!(
        "SELECT {THREAD} FROM chat_threads WHERE kind = $1 AND customer_id = $2 \
         AND store_id IS NOT DISTINCT FROM $3 AND deleted_at IS NULL"
    ))
    .bind(kind)
    .bind(customer)
    .bind(store)
    .fetch_one(&mut *conn)
    .await?;
    join(&mut *conn, t.id, customer, "customer").await?;
    Ok(t)
}

/// The negotiation thread of a request with one store, opened on first use.
pub async fn open_negotiation(
    conn: &mut PgConnection,
    customer: Uuid,
    store: Uuid,
    request: Uuid,
) -> sqlx::Result<ThreadRow> {
    sqlx::query(
        "INSERT INTO chat_threads (id, kind, customer_id, store_id, subject_type, subject_id, created_by) \
         VALUES ($1, 'negotiation', $2, $3, 'part_request', $4, $2) ON CONFLICT DO NOTHING",
    )
    .bind(Uuid::now_v7())
    .bind(customer)
    .bind(store)
    .bind(request)
    .execute(&mut *conn)
    .await?;
    let t: ThreadRow = sqlx::query_as(&format!(
        "SELECT {THREAD} FROM chat_threads WHERE kind = 'negotiation' AND subject_id = $1 \
         AND store_id = $2 AND deleted_at IS NULL"
    ))
    .bind(request)
    .bind(store)
    .fetch_one(&mut *conn)
    .await?;
    join(&mut *conn, t.id, customer, "customer").await?;
    Ok(t)
}

/// The customer↔rep thread of one repair job (its subject), with both parties.
pub async fn open_rep(
    conn: &mut PgConnection,
    customer: Uuid,
    rep: Uuid,
    job: Uuid,
) -> sqlx::Result<ThreadRow> {
    let t: ThreadRow = sqlx::query_as(&format!(
        "INSERT INTO chat_threads (id, kind, customer_id, rep_id, subject_type, subject_id, created_by) \
         VALUES ($1, 'customer_rep', $2, $3, 'repair_job', $4, $2) RETURNING {THREAD}"
    ))
    .bind(Uuid::now_v7())
    .bind(customer)
    .bind(rep)
    .bind(job)
    .fetch_one(&mut *conn)
    .await?;
    join(&mut *conn, t.id, customer, "customer").await?;
    join(&mut *conn, t.id, rep, "rep").await?;
    Ok(t)
}

/// A request's negotiation threads: (thread, store).
pub async fn negotiations(
    db: impl PgExecutor<'_>,
    request: Uuid,
) -> sqlx::Result<Vec<(Uuid, Uuid)>> {
    sqlx::query_as(
        "SELECT id, store_id FROM chat_threads WHERE kind = 'negotiation' AND subject_id = $1 \
         AND deleted_at IS NULL ORDER BY id",
    )
    .bind(request)
    .fetch_all(db)
    .await
}

pub async fn join(
    db: impl PgExecutor<'_>,
    thread: Uuid,
    user: Uuid,
    role: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO chat_participants (thread_id, user_id, role) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(thread)
    .bind(user)
    .bind(role)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn participants(db: impl PgExecutor<'_>, thread: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT user_id FROM chat_participants WHERE thread_id = $1")
        .bind(thread)
        .fetch_all(db)
        .await
}

const MESSAGE: &str = "m.id, m.thread_id, m.sender_id, u.name AS sender_name, m.kind, m.body, \
    CASE WHEN m.media_id IS NULL THEN NULL ELSE '/api/v1/media/' || m.media_id END AS attachment_url, \
    m.created_at";

pub async fn insert_message(
    conn: &mut PgConnection,
    thread: Uuid,
    sender: Uuid,
    kind: &str,
    body: &str,
    media: Option<Uuid>,
) -> sqlx::Result<ChatMessage> {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO chat_messages (id, thread_id, sender_id, kind, body, media_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(thread)
    .bind(sender)
    .bind(kind)
    .bind(body)
    .bind(media)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE chat_threads SET last_message_at = now(), updated_at = now() WHERE id = $1",
    )
    .bind(thread)
    .execute(&mut *conn)
    .await?;
    sqlx::query_as(&format!(
        "SELECT {MESSAGE} FROM chat_messages m JOIN users u ON u.id = m.sender_id WHERE m.id = $1"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await
}

/// Newest first, older than `before` when given.
pub async fn messages(
    db: impl PgExecutor<'_>,
    thread: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<ChatMessage>> {
    sqlx::query_as(&format!(
        "SELECT {MESSAGE} FROM chat_messages m JOIN users u ON u.id = m.sender_id \
         WHERE m.thread_id = $1 AND m.deleted_at IS NULL AND ($2::uuid IS NULL OR m.id < $2) \
         ORDER BY m.id DESC LIMIT $3"
    ))
    .bind(thread)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Marks the thread read up to `upto` (its newest message when `None`);
/// never moves a receipt backwards.
pub async fn mark_read(
    db: impl PgExecutor<'_>,
    thread: Uuid,
    user: Uuid,
    upto: Option<Uuid>,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "UPDATE chat_participants p SET last_read_at = now(), \
           last_read_id = GREATEST(coalesce(p.last_read_id, '00000000-0000-0000-0000-000000000000'), \
             coalesce($3, (SELECT m.id FROM chat_messages m WHERE m.thread_id = $1 ORDER BY m.id DESC LIMIT 1))) \
         WHERE p.thread_id = $1 AND p.user_id = $2 RETURNING last_read_id",
    )
    .bind(thread)
    .bind(user)
    .bind(upto)
    .fetch_optional(db)
    .await
    .map(Option::flatten)
}

/// The threads the user takes part in, and those of `stores` (whose inbox
/// the user reads, having written or not), newest activity first.
pub async fn summaries(
    db: impl PgExecutor<'_>,
    user: Uuid,
    stores: &[Uuid],
    ar: bool,
) -> sqlx::Result<Vec<ThreadSummary>> {
    sqlx::query_as(
        "SELECT t.id, t.kind, t.customer_id, t.store_id, t.rep_id, \
           CASE WHEN t.kind = 'support' THEN NULL \
                WHEN t.kind = 'negotiation' AND t.customer_id <> $1 THEN NULL \
                WHEN t.customer_id = $1 THEN coalesce(CASE WHEN $2 THEN s.name_ar ELSE s.name_en END, r.name) \
                ELSE cu.name END AS title, \
           (SELECT m.body FROM chat_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL \
             ORDER BY m.id DESC LIMIT 1) AS last_message, \
           t.last_message_at, \
           (SELECT count(*) FROM chat_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL \
             AND m.sender_id <> $1 AND (p.last_read_id IS NULL OR m.id > p.last_read_id)) AS unread \
         FROM chat_threads t LEFT JOIN chat_participants p ON p.thread_id = t.id AND p.user_id = $1 \
         LEFT JOIN stores s ON s.id = t.store_id LEFT JOIN users r ON r.id = t.rep_id \
         JOIN users cu ON cu.id = t.customer_id \
         WHERE t.deleted_at IS NULL AND (p.user_id IS NOT NULL \
           OR (t.store_id = ANY($3) AND t.kind IN ('customer_store', 'negotiation'))) \
         ORDER BY t.last_message_at DESC NULLS LAST, t.id DESC LIMIT 200",
    )
    .bind(user)
    .bind(ar)
    .bind(stores)
    .fetch_all(db)
    .await
}

/// Support threads for staff, newest activity first.
pub async fn support_inbox(
    db: impl PgExecutor<'_>,
    staff: Uuid,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<ThreadSummary>> {
    sqlx::query_as(
        "SELECT t.id, t.kind, t.customer_id, t.store_id, t.rep_id, cu.name AS title, \
           (SELECT m.body FROM chat_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL \
             ORDER BY m.id DESC LIMIT 1) AS last_message, t.last_message_at, \
           (SELECT count(*) FROM chat_messages m WHERE m.thread_id = t.id AND m.deleted_at IS NULL \
             AND m.sender_id = t.customer_id AND (p.last_read_id IS NULL OR m.id > p.last_read_id)) AS unread \
         FROM chat_threads t JOIN users cu ON cu.id = t.customer_id \
         LEFT JOIN chat_participants p ON p.thread_id = t.id AND p.user_id = $1 \
         WHERE t.kind = 'support' AND t.deleted_at IS NULL \
         ORDER BY t.last_message_at DESC NULLS LAST, t.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(staff)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Whether `media` is the sender's own chat upload.
pub async fn own_attachment(
    db: impl PgExecutor<'_>,
    media: Uuid,
    owner: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM media_files WHERE id = $1 AND owner_id = $2 \
         AND purpose = 'CHAT_ATTACHMENT' AND deleted_at IS NULL)",
    )
    .bind(media)
    .bind(owner)
    .fetch_one(db)
    .await
}

/// Threads in which `media` was sent.
pub async fn threads_with_media(db: impl PgExecutor<'_>, media: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT DISTINCT thread_id FROM chat_messages WHERE media_id = $1 AND deleted_at IS NULL",
    )
    .bind(media)
    .fetch_all(db)
    .await
}
