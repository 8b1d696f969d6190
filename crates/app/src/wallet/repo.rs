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
