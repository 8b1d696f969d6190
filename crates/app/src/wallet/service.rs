use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{Adjustment, HistoryQuery, Wallet};
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::ledger::model::EntryLine;
use crate::ledger::{self, Account, Posting};

pub async fn wallet(state: &AppState, user: Uuid) -> ApiResult<Wallet> {
    Ok(Wallet {
        balance: ledger::service::wallet_balance(&state.db, user).await?,
        currency: "SAR".into(),
    })
}

pub async fn history(
    state: &AppState,
    user: Uuid,
    q: &HistoryQuery,
) -> ApiResult<(Vec<EntryLine>, Meta)> {
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let account = ledger::repo::find_account(&state.db, &Account::CustomerWallet(user)).await?;
    let Some(account) = account else {
        return Ok((Vec::new(), Meta::new(page.page, page.per_page, 0)));
    };
    let rows = ledger::repo::history(&state.db, account, page.limit(), page.offset()).await?;
    let total = ledger::repo::entry_count(&state.db, account).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

/// An admin's credit (`credit = true`) or debit of a customer's wallet, with
/// its reason in the audit log; a debit never overdraws.
pub async fn adjust(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    user: Uuid,
    credit: bool,
    req: &Adjustment,
) -> ApiResult<Replay> {
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND deleted_at IS NULL)",
    )
    .bind(user)
    .fetch_one(&state.db)
    .await?;
    if !exists {
        return Err(ApiError::NotFound);
    }
    let mut tx = state.db.begin().await?;
    let scope = format!("wallet:{user}:{}", if credit { "credit" } else { "debit" });
    let hash = idempotency::fingerprint(&scope, req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(replay);
    }
    let before = ledger::service::wallet_balance(&mut *tx, user).await?;
    let (kind, posting) = if credit {
        (
            "wallet_credit",
            Posting::new(
                "wallet_credit",
                format!("adjust:{}:{}", caller.user_id, key.0),
            )
            .debit(Account::Adjustments, req.amount)
            .credit(Account::CustomerWallet(user), req.amount),
        )
    } else {
        (
            "wallet_debit",
            Posting::new(
                "wallet_debit",
                format!("adjust:{}:{}", caller.user_id, key.0),
            )
            .debit(Account::CustomerWallet(user), req.amount)
            .credit(Account::Adjustments, req.amount),
        )
    };
    ledger::post(
        &mut tx,
        posting.actor(Some(caller.user_id)).memo(req.reason.trim()),
    )
    .await?;
    let after = ledger::service::wallet_balance(&mut *tx, user).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        &format!("wallet.{kind}"),
        "user",
        user,
        Some(&serde_json::json!({"balance": before})),
        Some(&serde_json::json!({"balance": after, "amount": req.amount, "reason": req.reason.trim()})),
    )
    .await?;
    let wallet = Wallet {
        balance: after,
        currency: "SAR".into(),
    };
    let replay = idempotency::complete(
        &mut tx,
        caller.user_id,
        key,
        http::StatusCode::CREATED,
        &wallet,
    )
    .await?;
    tx.commit().await?;
    Ok(replay)
}
