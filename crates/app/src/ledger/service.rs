//! Booking postings, reading balances, and the reconciliation report.

use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Account, LedgerError, Posting, Reconciliation};
use super::repo;

/// Books a posting inside the caller's transaction. Returns the transaction
/// id, or `None` when its idempotency key was booked before (nothing moves).
///
/// Accounts are updated in id order so two postings touching the same
/// accounts never deadlock; a wallet that cannot pay fails the whole posting
/// (and the caller's transaction should roll back).
pub async fn post(conn: &mut PgConnection, p: Posting) -> Result<Option<Uuid>, LedgerError> {
    let sum: i64 = p.legs.iter().map(|l| l.1).sum();
    if sum != 0 {
        return Err(LedgerError::Unbalanced(sum));
    }
    let mut by_account: Vec<(Account, i64)> = Vec::new();
    for (account, amount) in &p.legs {
        match by_account.iter_mut().find(|(a, _)| a == account) {
            Some(leg) => leg.1 += amount,
            None => by_account.push((account.clone(), *amount)),
        }
    }
    by_account.retain(|(_, v)| *v != 0);
    if by_account.is_empty() {
        // Nothing moves (e.g. a fully discounted order): no transaction at all.
        return Ok(None);
    }
    if by_account.len() < 2 {
        return Err(LedgerError::TooFewLegs);
    }
    let Some(tx_id) = repo::insert_transaction(&mut *conn, &p).await? else {
        return Ok(None);
    };
    let mut legs: Vec<(Uuid, i64)> = Vec::with_capacity(by_account.len());
    for (account, amount) in &by_account {
        legs.push((repo::account_id(&mut *conn, account).await?, *amount));
    }
    legs.sort_by_key(|l| l.0);
    for (id, delta) in &legs {
        if !repo::apply(&mut *conn, *id, *delta).await? {
            return Err(LedgerError::InsufficientFunds);
        }
    }
    repo::insert_entries(&mut *conn, tx_id, &legs).await?;
    Ok(Some(tx_id))
}

/// What a customer holds in the wallet (the credit balance, as a positive number).
pub async fn wallet_balance(db: impl sqlx::PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<i64> {
    Ok(-repo::balance(db, &Account::CustomerWallet(user_id)).await?)
}

/// What the platform owes a store (negative: the store owes the platform).
pub async fn store_balance(db: impl sqlx::PgExecutor<'_>, store_id: Uuid) -> sqlx::Result<i64> {
    Ok(-repo::balance(db, &Account::StorePayable(store_id)).await?)
}

/// Cached balances against their entries, per account kind.
pub async fn reconcile(db: &sqlx::PgPool) -> sqlx::Result<Reconciliation> {
    let rows = repo::reconciliation(db).await?;
    let unbalanced = repo::unbalanced_transactions(db).await?;
    let ok = unbalanced == 0 && rows.iter().all(|r| r.mismatched_accounts == 0);
    Ok(Reconciliation {
        rows,
        unbalanced_transactions: unbalanced,
        ok,
    })
}
