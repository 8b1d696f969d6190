use uuid::Uuid;

use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{Adjustment, HistoryQuery, Wallet};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::ledger::model::EntryLine;
use crate::ledger::{self, Account, Posting};

/// Whose wallet a caller asks about: their own, or a user's (an admin with
/// `finance.manage`; checked here).
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    Own,
    User(Uuid),
}

async fn owner(state: &AppState, caller: &Caller, whose: Whose) -> ApiResult<Uuid> {
    match whose {
        Whose::Own => Ok(caller.user_id),
        Whose::User(user) => {
            require(state, caller, Permission::FinanceManage).await?;
            Ok(user)
        }
    }
}

pub async fn wallet(state: &AppState, caller: &Caller, whose: Whose) -> ApiResult<Wallet> {
    let user = owner(state, caller, whose).await?;
    Ok(Wallet {
        balance: ledger::service::wallet_balance(&state.db, user).await?,
        currency: "SAR".into(),
    })
}

pub async fn history(
    state: &AppState,
    caller: &Caller,
    whose: Whose,
    q: &HistoryQuery,
) -> ApiResult<(Vec<EntryLine>, Meta)> {
    let user = owner(state, caller, whose).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let account = Account::CustomerWallet(user);
    let history =
        ledger::service::history(&state.db, &account, page.limit(), page.offset()).await?;
    let Some((rows, total)) = history else {
        return Ok((Vec::new(), Meta::new(page.page, page.per_page, 0)));
    };
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
    require(state, caller, Permission::FinanceManage).await?;
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

/// Every wallet movement as CSV lines, in pages of 1000 rows each sent as
/// soon as it is read (`finance.manage`).
pub async fn export(
    state: &AppState,
    caller: &Caller,
) -> ApiResult<impl futures_util::Stream<Item = Result<String, sqlx::Error>> + Send + use<>> {
    require(state, caller, Permission::FinanceManage).await?;
    let header_line = futures_util::stream::once(async {
        Ok::<_, sqlx::Error>(
            "entry_id,created_at,user_id,phone,kind,amount_halalas,target_kind,target_id,memo\n"
                .to_owned(),
        )
    });
    Ok(futures_util::StreamExt::chain(
        header_line,
        export_rows(state.db.clone()),
    ))
}

fn csv_field(s: &str) -> String {
    // Quote always; a leading formula character is neutralised for spreadsheets.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn csv_line(r: &super::repo::ExportRow) -> String {
    format!(
        "{},{},{},{},{},{},{},{},{}\n",
        r.entry_id,
        r.created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        r.user_id,
        csv_field(&r.phone),
        csv_field(&r.kind),
        r.amount,
        r.target_kind.as_deref().unwrap_or(""),
        r.target_id.map(|t| t.to_string()).unwrap_or_default(),
        csv_field(&r.memo),
    )
}

fn export_rows(
    db: sqlx::PgPool,
) -> impl futures_util::Stream<Item = Result<String, sqlx::Error>> + Send {
    futures_util::StreamExt::fuse(futures_util::stream::unfold(Some(0i64), move |after| {
        let db = db.clone();
        async move {
            let after = after?;
            match super::repo::export_page(&db, after, 1000).await {
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let last = rows.last().map(|r| r.entry_id);
                    let chunk: String = rows.iter().map(csv_line).collect();
                    Some((Ok(chunk), last))
                }
                Err(e) => Some((Err(e), None)),
            }
        }
    }))
    // Compression polls once more after the end; a fused stream answers None again.
}
