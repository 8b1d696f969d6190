use sqlx::PgPool;

/// One wallet movement for the export.
#[derive(Debug, sqlx::FromRow)]
pub struct ExportRow {
    pub entry_id: i64,
    pub created_at: time::OffsetDateTime,
    pub user_id: uuid::Uuid,
    pub phone: String,
    pub kind: String,
    pub amount: i64,
    pub target_kind: Option<String>,
    pub target_id: Option<uuid::Uuid>,
    pub memo: String,
}

/// The next `limit` wallet entries after `after`, oldest first (keyset pages,
/// so the export streams without holding a cursor or the whole table).
pub async fn export_page(db: &PgPool, after: i64, limit: i64) -> sqlx::Result<Vec<ExportRow>> {
    sqlx::query_as(
        "SELECT e.id AS entry_id, e.created_at, a.owner_id AS user_id, u.phone, t.kind, \
                -e.amount AS amount, t.target_kind, t.target_id, t.memo \
         FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id JOIN users u ON u.id = a.owner_id \
         WHERE a.kind = 'customer_wallet' AND e.id > $1 ORDER BY e.id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

const TOPUP_COLUMNS: &str = "id, amount, status, paid_at, created_at";

pub async fn insert_topup(
    conn: &mut sqlx::PgConnection,
    id: uuid::Uuid,
    user: uuid::Uuid,
    amount: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO wallet_topups (id, user_id, amount, created_by, updated_by) \
         VALUES ($1, $2, $3, $2, $2)",
    )
    .bind(id)
    .bind(user)
    .bind(amount)
    .execute(conn)
    .await?;
    Ok(())
}

/// What the user topped up, or may still pay, since `since`: paid ones and
/// pending ones younger than `pending_since`.
pub async fn topped_since(
    conn: &mut sqlx::PgConnection,
    user: uuid::Uuid,
    since: time::OffsetDateTime,
    pending_since: time::OffsetDateTime,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(amount), 0)::bigint FROM wallet_topups \
         WHERE user_id = $1 AND deleted_at IS NULL AND \
           ((status = 'paid' AND paid_at >= $2) OR (status = 'pending' AND created_at >= $3))",
    )
    .bind(user)
    .bind(since)
    .bind(pending_since)
    .fetch_one(conn)
    .await
}

pub async fn topup(
    db: impl sqlx::PgExecutor<'_>,
    id: uuid::Uuid,
) -> sqlx::Result<Option<(uuid::Uuid, super::model::TopUp)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        user_id: uuid::Uuid,
        #[sqlx(flatten)]
        t: super::model::TopUp,
    }
    let r: Option<Row> = sqlx::query_as(&format!(
        "SELECT user_id, {TOPUP_COLUMNS} FROM wallet_topups WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| (r.user_id, r.t)))
}

/// Marks a pending top-up paid; false when it was not pending.
pub async fn mark_paid(conn: &mut sqlx::PgConnection, id: uuid::Uuid) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE wallet_topups SET status = 'paid', paid_at = now(), updated_at = now() \
         WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}
