//! SQL of accounts, transactions and entries.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Account, EntryLine, ReconciliationRow};

/// The account's id, creating its row on first use. Two statements, so a row
/// another transaction just committed is seen by the second one.
pub async fn account_id(conn: &mut PgConnection, account: &Account) -> sqlx::Result<Uuid> {
    let (kind, owner, key) = account.key();
    let inserted: Option<Uuid> = sqlx::query_scalar(
        "INSERT INTO ledger_accounts (id, kind, owner_id, owner_key) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(kind)
    .bind(owner)
    .bind(&key)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = inserted {
        return Ok(id);
    }
    find_account(&mut *conn, account)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// The row of an account: its kind, its owner (or none) and its key.
const ACCOUNT_IS: &str = "kind = $1 \
    AND coalesce(owner_id, '00000000-0000-0000-0000-000000000000') = coalesce($2, '00000000-0000-0000-0000-000000000000') \
    AND owner_key = $3";

pub async fn find_account(
    db: impl PgExecutor<'_>,
    account: &Account,
) -> sqlx::Result<Option<Uuid>> {
    let (kind, owner, key) = account.key();
    sqlx::query_scalar(&format!(
        "SELECT id FROM ledger_accounts WHERE {ACCOUNT_IS}"
    ))
    .bind(kind)
    .bind(owner)
    .bind(key)
    .fetch_optional(db)
    .await
}

/// The cached balance (debit positive), zero for an account never used.
pub async fn balance(db: impl PgExecutor<'_>, account: &Account) -> sqlx::Result<i64> {
    let (kind, owner, key) = account.key();
    let b: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT balance FROM ledger_accounts WHERE {ACCOUNT_IS}"
    ))
    .bind(kind)
    .bind(owner)
    .bind(key)
    .fetch_optional(db)
    .await?;
    Ok(b.unwrap_or(0))
}

/// Inserts the transaction header; `None` when its key was already booked
/// (a concurrent twin waits here for the first to commit, then gets `None`).
pub async fn insert_transaction(
    conn: &mut PgConnection,
    p: &super::Posting,
) -> sqlx::Result<Option<Uuid>> {
    let (target_kind, target_id) = match &p.target {
        Some((k, id)) => (Some(k.as_str()), Some(*id)),
        None => (None, None),
    };
    sqlx::query_scalar(
        "INSERT INTO ledger_transactions \
           (id, kind, target_kind, target_id, payment_id, actor_id, memo, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(p.kind)
    .bind(target_kind)
    .bind(target_id)
    .bind(p.payment_id)
    .bind(p.actor_id)
    .bind(&p.memo)
    .bind(&p.idempotency_key)
    .fetch_optional(&mut *conn)
    .await
}

/// Moves the cached balance by `delta`; a wallet that would go below zero
/// is left untouched and `false` returned. The row lock this takes is what
/// serialises concurrent debits of one wallet.
pub async fn apply(conn: &mut PgConnection, account_id: Uuid, delta: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE ledger_accounts SET balance = balance + $2, updated_at = now() \
         WHERE id = $1 AND (kind <> 'customer_wallet' OR balance + $2 <= 0)",
    )
    .bind(account_id)
    .bind(delta)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_entries(
    conn: &mut PgConnection,
    transaction_id: Uuid,
    legs: &[(Uuid, i64)],
) -> sqlx::Result<()> {
    let accounts: Vec<Uuid> = legs.iter().map(|l| l.0).collect();
    let amounts: Vec<i64> = legs.iter().map(|l| l.1).collect();
    sqlx::query(
        "INSERT INTO ledger_entries (transaction_id, account_id, amount) \
         SELECT $1, a, m FROM unnest($2::uuid[], $3::bigint[]) AS t(a, m)",
    )
    .bind(transaction_id)
    .bind(&accounts)
    .bind(&amounts)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A credit-normal account's history, newest first, amounts from the holder's side.
pub async fn history(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<EntryLine>> {
    sqlx::query_as(
        "SELECT e.id AS entry_id, e.transaction_id, t.kind, -e.amount AS amount, \
                -(sum(e.amount) OVER (ORDER BY e.id))::bigint AS balance_after, \
                t.target_kind, t.target_id, t.memo, e.created_at \
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE e.account_id = $1 ORDER BY e.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(account_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn entry_count(db: impl PgExecutor<'_>, account_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM ledger_entries WHERE account_id = $1")
        .bind(account_id)
        .fetch_one(db)
        .await
}

pub async fn reconciliation(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ReconciliationRow>> {
    sqlx::query_as(
        "WITH sums AS ( \
           SELECT a.id, a.kind, a.balance, coalesce(sum(e.amount), 0)::bigint AS entries \
           FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id \
           GROUP BY a.id) \
         SELECT kind, count(*) AS accounts, coalesce(sum(balance), 0)::bigint AS cached_total, \
                coalesce(sum(entries), 0)::bigint AS entries_total, \
                count(*) FILTER (WHERE balance <> entries) AS mismatched_accounts \
         FROM sums GROUP BY kind ORDER BY kind",
    )
    .fetch_all(db)
    .await
}

pub async fn unbalanced_transactions(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries \
         GROUP BY transaction_id HAVING sum(amount) <> 0) u",
    )
    .fetch_one(db)
    .await
}

/// An account's balance, its row locked until the transaction ends (so two
/// withdrawals cannot both pass a check of it).
pub async fn lock_balance(conn: &mut PgConnection, account: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT balance FROM ledger_accounts WHERE id = $1 FOR UPDATE")
        .bind(account)
        .fetch_one(conn)
        .await
}
