//! Booking postings, reading balances, and the reconciliation report.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{
    Account, EntryLine, LedgerError, PayoutRequest, Posting, Reconciliation, StoreBalance,
};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};

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

/// A page of the account's entries, newest first, each with the balance it
/// left, and how many entries the account has; `None` for an account never
/// opened (nothing was ever posted to it).
pub async fn history(
    db: &sqlx::PgPool,
    account: &Account,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Option<(Vec<EntryLine>, i64)>> {
    let Some(id) = repo::find_account(db, account).await? else {
        return Ok(None);
    };
    let rows = repo::history(db, id, limit, offset).await?;
    let total = repo::entry_count(db, id).await?;
    Ok(Some((rows, total)))
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

/// Records a payout sent to a store's bank (`finance.manage`, audited, once
/// per `Idempotency-Key`); never more than the platform owes the store.
pub async fn payout(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    store: Uuid,
    req: &PayoutRequest,
) -> ApiResult<Replay> {
    require(state, caller, Permission::FinanceManage).await?;
    let mut tx = state.db.begin().await?;
    let scope = format!("payout:{store}");
    let hash = idempotency::fingerprint(&scope, req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(replay);
    }
    // The payable row is locked so two payouts cannot both pass the check.
    let account = repo::account_id(&mut tx, &Account::StorePayable(store)).await?;
    let owed = -repo::lock_balance(&mut tx, account).await?;
    if req.amount > owed {
        return Err(ApiError::Unprocessable {
            code: "PAYOUT_EXCEEDS_BALANCE",
            message: Message::new("payout-exceeds-balance"),
            fields: FieldErrors::single("amount", Message::new("payout-exceeds-balance")),
        });
    }
    post(
        &mut tx,
        Posting::new("payout", format!("payout:{}:{}", caller.user_id, key.0))
            .target("store", store)
            .actor(Some(caller.user_id))
            .memo(req.reference.trim())
            .debit(Account::StorePayable(store), req.amount)
            .credit(Account::Bank, req.amount),
    )
    .await?;
    let after = StoreBalance {
        balance: owed - req.amount,
        currency: "SAR".into(),
    };
    crate::audit::record(
        &mut *tx,
        caller,
        "store.payout",
        "store",
        store,
        Some(&serde_json::json!({"balance": owed})),
        Some(&serde_json::json!({"balance": after.balance, "amount": req.amount, "reference": req.reference.trim()})),
    )
    .await?;
    let replay = idempotency::complete(
        &mut tx,
        caller.user_id,
        key,
        http::StatusCode::CREATED,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(replay)
}

/// The reconciliation report (`finance.manage`).
pub async fn reconciliation(state: &AppState, caller: &Caller) -> ApiResult<Reconciliation> {
    require(state, caller, Permission::FinanceManage).await?;
    Ok(reconcile(&state.db).await?)
}

/// A store's balance, for its owner.
pub async fn owner_balance(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
) -> ApiResult<StoreBalance> {
    crate::stores::access::require_owner(state, caller, store).await?;
    Ok(StoreBalance {
        balance: store_balance(&state.db, store).await?,
        currency: "SAR".into(),
    })
}

/// A store's balance and a page of its account's entries (sales settled to
/// it, commission, payouts), newest first, for its owner.
pub async fn owner_statement(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    page: u32,
    per_page: u32,
) -> ApiResult<(StoreBalance, Vec<EntryLine>, kernel::Meta)> {
    crate::stores::access::require_owner(state, caller, store).await?;
    let page = page.max(1);
    let limit = i64::from(per_page.clamp(1, 100));
    let (entries, total) = history(
        &state.db,
        &Account::StorePayable(store),
        limit,
        i64::from(page - 1) * limit,
    )
    .await?
    .unwrap_or_default();
    Ok((
        StoreBalance {
            balance: store_balance(&state.db, store).await?,
            currency: "SAR".into(),
        },
        entries,
        kernel::Meta::new(page, limit as u32, total),
    ))
}

/// A store's balance, for finance (`finance.manage`).
pub async fn admin_balance(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
) -> ApiResult<StoreBalance> {
    require(state, caller, Permission::FinanceManage).await?;
    Ok(StoreBalance {
        balance: store_balance(&state.db, store).await?,
        currency: "SAR".into(),
    })
}

/// Any account's balance (debit positive); 0 for one never used.
pub async fn balance_of(db: impl sqlx::PgExecutor<'_>, account: &Account) -> sqlx::Result<i64> {
    repo::balance(db, account).await
}

/// An account's balance with its row locked until the transaction ends (so
/// two withdrawals cannot both pass a check of it).
pub async fn lock_balance(conn: &mut PgConnection, account: &Account) -> sqlx::Result<i64> {
    let id = repo::account_id(&mut *conn, account).await?;
    repo::lock_balance(conn, id).await
}
