//! Merchants (`external.manage`), their imports, the public search of their
//! parts, merchant payouts from the ledger, and the e-mail that orders a
//! part from its merchant.

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Locale, Meta};

use super::model::{ExternalPart, ImportReport, Merchant, MerchantInput, PartSearch};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::jobs::{Claimed, JobError};
use crate::ledger::{Account, Posting};

fn cr_taken(e: sqlx::Error) -> ApiError {
    if e.as_database_error().and_then(|d| d.constraint()) == Some("merchants_cr") {
        return ApiError::conflict("CR_NUMBER_TAKEN", "stores-cr-number-taken");
    }
    e.into()
}

pub async fn merchants(
    state: &AppState,
    caller: &Caller,
    q: &super::model::ListQuery,
) -> ApiResult<(Vec<Merchant>, Meta)> {
    require(state, caller, Permission::ExternalManage).await?;
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) = repo::merchants(&state.db, page.limit(), page.offset()).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

pub async fn merchant(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Merchant> {
    require(state, caller, Permission::ExternalManage).await?;
    repo::merchant(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// Creates (`id` None) or replaces a merchant; audited.
pub async fn save_merchant(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    m: &MerchantInput,
) -> ApiResult<Merchant> {
    require(state, caller, Permission::ExternalManage).await?;
    let mut tx = state.db.begin().await?;
    let before = match id {
        Some(id) => Some(
            repo::merchant(&mut *tx, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let target = id.unwrap_or_else(Uuid::now_v7);
    repo::save_merchant(&mut tx, target, m, caller.user_id, id.is_none())
        .await
        .map_err(cr_taken)?;
    let after = repo::merchant(&mut *tx, target)
        .await?
        .ok_or(ApiError::NotFound)?;
    let action = if id.is_some() {
        "merchant.update"
    } else {
        "merchant.create"
    };
    crate::audit::record(
        &mut *tx,
        caller,
        action,
        "merchant",
        target,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Whether the caller may import catalogs (the template is theirs to read).
pub async fn may_import(state: &AppState, caller: &Caller) -> ApiResult<()> {
    require(state, caller, Permission::ExternalManage)
        .await
        .map(|_| ())
}

pub async fn imports(
    state: &AppState,
    caller: &Caller,
    merchant: Uuid,
) -> ApiResult<Vec<ImportReport>> {
    require(state, caller, Permission::ExternalManage).await?;
    Ok(repo::imports(&state.db, merchant, 50)
        .await?
        .into_iter()
        .map(|r| r.report(Vec::new()))
        .collect())
}

pub async fn import_report(
    state: &AppState,
    caller: &Caller,
    merchant: Uuid,
    id: Uuid,
) -> ApiResult<ImportReport> {
    require(state, caller, Permission::ExternalManage).await?;
    let r = super::import::report(state, caller.client.locale, id).await?;
    if r.merchant_id != merchant {
        return Err(ApiError::NotFound);
    }
    Ok(r)
}

/// Available parts of active merchants, by the products' own normalised
/// words (Arabic spelling variants meet), or by an OEM number.
pub async fn search(state: &AppState, q: &PartSearch) -> ApiResult<(Vec<ExternalPart>, Meta)> {
    let page = q.paging().check(&mut FieldErrors::new());
    let text = q.q.as_deref().unwrap_or("").trim();
    let words = kernel::text::search_tokens(text);
    let code = Some(kernel::text::compact_code(text).to_lowercase()).filter(|c| c.len() >= 4);
    let (rows, total) = repo::search(
        &state.db,
        &words,
        code.as_deref(),
        (q.make_id, q.model_id, q.year),
        page.limit(),
        page.offset(),
    )
    .await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

pub async fn part(state: &AppState, id: Uuid) -> ApiResult<ExternalPart> {
    repo::part(&state.db, id).await?.ok_or(ApiError::NotFound)
}

/// `POST /admin/merchants/{id}/payouts`.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MerchantPayout {
    /// Halalas, at most what the merchant is owed.
    #[schema(minimum = 1)]
    pub amount: i64,
    /// The bank transfer's reference.
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub reference: String,
}

impl kernel::validation::Validate for MerchantPayout {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.amount < 1 {
            e.add("amount", Message::new("validation-min").arg("min", 1i64));
        }
        if e.required("reference", &self.reference) {
            e.max_chars("reference", self.reference.trim(), 100);
        }
        e.into_result()
    }
}

/// What the platform owes the merchant (halalas).
pub async fn owed(state: &AppState, caller: &Caller, merchant: Uuid) -> ApiResult<i64> {
    require(state, caller, Permission::ExternalManage).await?;
    Ok(-crate::ledger::service::balance_of(&state.db, &Account::MerchantPayable(merchant)).await?)
}

/// Records a bank transfer to the merchant: its payable down, the bank
/// down; never more than owed. Requires `Idempotency-Key`.
pub async fn payout(
    state: &AppState,
    caller: &Caller,
    key: &crate::idempotency::IdempotencyKey,
    merchant: Uuid,
    req: &MerchantPayout,
) -> ApiResult<crate::idempotency::Replay> {
    require(state, caller, Permission::FinanceManage).await?;
    let mut tx = state.db.begin().await?;
    let scope = format!("merchant-payout:{merchant}");
    let hash = crate::idempotency::fingerprint(&scope, req);
    if let Some(r) = crate::idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(r);
    }
    repo::merchant(&mut *tx, merchant)
        .await?
        .ok_or(ApiError::NotFound)?;
    let owed =
        -crate::ledger::service::lock_balance(&mut tx, &Account::MerchantPayable(merchant)).await?;
    if req.amount > owed {
        return Err(ApiError::Unprocessable {
            code: "PAYOUT_EXCEEDS_BALANCE",
            message: Message::new("payout-exceeds-balance"),
            fields: FieldErrors::single("amount", Message::new("payout-exceeds-balance")),
        });
    }
    crate::ledger::post(
        &mut tx,
        Posting::new(
            "merchant_payout",
            format!("merchant-payout:{}:{}", merchant, Uuid::now_v7()),
        )
        .target("merchant", merchant)
        .actor(Some(caller.user_id))
        .memo(req.reference.trim())
        .debit(Account::MerchantPayable(merchant), req.amount)
        .credit(Account::Bank, req.amount),
    )
    .await?;
    let answer = serde_json::json!({"merchantId": merchant, "amount": req.amount, "owed": owed - req.amount});
    crate::audit::record(
        &mut *tx,
        caller,
        "merchant.payout",
        "merchant",
        merchant,
        None::<&()>,
        Some(&answer),
    )
    .await?;
    let replay = crate::idempotency::complete(
        &mut tx,
        caller.user_id,
        key,
        http::StatusCode::CREATED,
        &answer,
    )
    .await?;
    tx.commit().await?;
    Ok(replay)
}

/// `merchant.email`: the order, e-mailed to its merchant in the merchant's
/// language. A failed send is tried again by the queue.
pub async fn email_merchant(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let id: Uuid = job.payload["orderId"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| JobError::fatal("no orderId"))?;
    let o = repo::order_row(&state.db, id)
        .await?
        .ok_or_else(|| JobError::fatal("no such order"))?;
    let m = repo::merchant(&state.db, o.merchant_id)
        .await?
        .ok_or_else(|| JobError::fatal("no such merchant"))?;
    let locale = if m.locale == "en" {
        Locale::En
    } else {
        Locale::Ar
    };
    let name = if locale == Locale::Ar {
        &o.name_ar
    } else {
        &o.name_en
    };
    let city = o
        .address
        .get("city")
        .and_then(|c| c.as_str())
        .unwrap_or_default();
    let msg = |key: &'static str| {
        Message::new(key)
            .arg("number", o.number.clone())
            .arg("sku", o.sku.clone())
            .arg("part", name.clone())
            .arg("quantity", i64::from(o.quantity))
            .arg("city", city.to_owned())
            .arg(
                "merchant",
                if locale == Locale::Ar {
                    m.name_ar.clone()
                } else {
                    m.name_en.clone()
                },
            )
            .render(locale)
    };
    let text = msg("external-mail-body");
    let mail = providers::email::EmailMessage {
        to: m.email.clone(),
        to_name: Some(if locale == Locale::Ar {
            m.name_ar.clone()
        } else {
            m.name_en.clone()
        }),
        subject: msg("external-mail-subject"),
        html: format!(
            "<div dir=\"{}\"><p>{}</p></div>",
            if locale == Locale::Ar { "rtl" } else { "ltr" },
            html_escape(&text).replace('\n', "<br>")
        ),
        text,
        locale: locale.code().to_owned(),
    };
    state
        .email
        .send(&mail)
        .await
        .map_err(|e| JobError::retry(format!("email: {e}")))
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
