//! The clear: who may, what they must give, and what it removes.

use providers::sms::{SmsKind, SmsMessage};
use time::OffsetDateTime;

use kernel::phone::Phone;
use kernel::{ApiError, ApiResult, FieldErrors, Message};

use super::model::{ADMIN_ROWS, ClearReport, ClearRequest, KEPT_TABLES, StepUpSent};
use super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::identity::model::Role;
use crate::identity::tokens::random_code;
use crate::ratelimit;

const CODE_LIFE: time::Duration = time::Duration::minutes(5);
const MAX_ATTEMPTS: i32 = 5;
const CODES_PER_HOUR: i64 = 5;

fn super_admin(caller: &Caller) -> ApiResult<()> {
    if caller.role == Role::SuperAdmin {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn code_hash(state: &AppState, caller: &Caller, code: &str) -> Vec<u8> {
    state.keys.hash(&[
        b"step-up:clear-data",
        caller.user_id.as_bytes(),
        code.as_bytes(),
    ])
}

/// Sends a fresh code to the super admin's own phone (never the fixed demo
/// code: the step-up proves the phone, even in demo mode).
pub async fn step_up(state: &AppState, caller: &Caller) -> ApiResult<StepUpSent> {
    super_admin(caller)?;
    let me = crate::identity::service::me(state, caller).await?;
    let phone = Phone::parse(&me.phone).ok_or(ApiError::Forbidden)?;
    let code = random_code();
    let mut tx = state.db.begin().await?;
    let bucket = format!("step-up:{}", caller.user_id);
    if let Err(wait) = ratelimit::hit(&mut tx, &bucket, CODES_PER_HOUR, 3600).await? {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    repo::put_code(
        &mut tx,
        caller.user_id,
        &code_hash(state, caller, &code),
        OffsetDateTime::now_utc() + CODE_LIFE,
    )
    .await?;
    tx.commit().await?;
    let body = Message::new("danger-step-up-sms")
        .arg("code", code.as_str())
        .render(caller.client.locale);
    let msg = SmsMessage {
        to: phone.to_string(),
        body,
        kind: SmsKind::Transactional,
    };
    state.sms.send(&msg).await.map_err(|e| {
        tracing::error!(error = %e, "step-up SMS failed");
        ApiError::Unavailable
    })?;
    Ok(StepUpSent {
        expires_in_seconds: CODE_LIFE.whole_seconds() as u64,
        sent_to: phone.masked(),
    })
}

fn step_up_required() -> ApiError {
    ApiError::Denied {
        code: "STEP_UP_REQUIRED",
        message: Message::new("danger-step-up-required"),
    }
}

/// Empties every business table in one transaction, once the phrase and a
/// live step-up code are right. A wrong code counts (committed) and five
/// burn it.
pub async fn clear(
    state: &AppState,
    caller: &Caller,
    req: &ClearRequest,
) -> ApiResult<ClearReport> {
    super_admin(caller)?;
    let mut tx = state.db.begin().await?;
    let Some(code) = repo::lock_code(&mut tx, caller.user_id).await? else {
        return Err(step_up_required());
    };
    if code.expires_at <= OffsetDateTime::now_utc() || code.attempts >= MAX_ATTEMPTS {
        return Err(step_up_required());
    }
    if code.code_hash != code_hash(state, caller, &req.code) {
        repo::fail_code(&mut tx, caller.user_id).await?;
        tx.commit().await?;
        return Err(ApiError::Unprocessable {
            code: "OTP_INVALID",
            message: Message::new("otp-invalid"),
            fields: FieldErrors::single("code", Message::new("otp-invalid")),
        });
    }
    repo::drop_code(&mut tx, caller.user_id).await?;

    let all = repo::tables(&mut tx).await?;
    let before = repo::counts(&mut tx, &all).await?;
    let partial: Vec<&str> = ADMIN_ROWS
        .iter()
        .map(|(t, _)| *t)
        .chain(["refresh_tokens", "media_files"])
        .collect();
    let emptied: Vec<String> = all
        .iter()
        .filter(|t| !KEPT_TABLES.contains(&t.as_str()) && !partial.contains(&t.as_str()))
        .cloned()
        .collect();
    repo::truncate(&mut tx, &emptied).await?;
    let mut removed: std::collections::BTreeMap<String, i64> = emptied
        .iter()
        .map(|t| (t.clone(), before.get(t).copied().unwrap_or(0)))
        .collect();
    removed.insert(
        "refresh_tokens".into(),
        repo::drop_foreign_refresh_tokens(&mut tx).await?,
    );
    removed.insert(
        "media_files".into(),
        repo::keep_banner_media(&mut tx).await?,
    );
    for (table, column) in ADMIN_ROWS {
        if all.iter().any(|t| t == table) {
            removed.insert(
                (*table).into(),
                repo::keep_admins(&mut tx, table, column).await?,
            );
        }
    }
    removed.retain(|_, n| *n > 0);
    let kept: Vec<String> = all
        .iter()
        .filter(|t| KEPT_TABLES.contains(&t.as_str()))
        .cloned()
        .collect();
    // Written after the audit table was emptied: this row is the one that stays.
    let audit_id = crate::audit::service::record_returning(
        &mut *tx,
        caller,
        "data.clear",
        "platform",
        "all",
        Some(&before),
        Some(&serde_json::json!({"removed": &removed, "kept": &kept})),
    )
    .await?;
    tx.commit().await?;
    tracing::warn!(admin = %caller.user_id, tables = removed.len(), "business data cleared");
    Ok(ClearReport {
        removed,
        kept,
        audit_id,
    })
}
