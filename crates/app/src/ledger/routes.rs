//! Finance views of the ledger: reconciliation, store balances and payouts.

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidJson;
use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, ApiOk, ApiResult, FieldErrors};

use super::model::{Account, Reconciliation};
use super::{Posting, service};
use crate::AppState;
use crate::admin::model::parse_id;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reconciliation))
        .routes(routes!(store_balance))
        .routes(routes!(admin_store_balance))
        .routes(routes!(payout))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreBalance {
    /// What the platform owes the store, in halalas (negative: the store owes,
    /// e.g. commission on cash orders).
    pub balance: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PayoutRequest {
    pub amount: i64,
    /// The bank transfer's reference.
    pub reference: String,
}

impl Validate for PayoutRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.amount <= 0 {
            e.add("amount", Message::new("payment-amount-positive"));
        }
        if e.required("reference", &self.reference) {
            e.max_chars("reference", &self.reference, 200);
        }
        e.into_result()
    }
}

/// Per account kind, the cached balances against the sum of their entries,
/// and any transaction that does not balance (`finance.manage`).
#[utoipa::path(get, path = "/admin/ledger/reconciliation", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Reconciliation>), (status = 403, body = ErrorEnvelope)))]
async fn reconciliation(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Reconciliation>> {
    require(&state, &caller, Permission::FinanceManage).await?;
    Ok(ApiOk::new(service::reconcile(&state.db).await?))
}

/// The store's balance with the platform, for its owner.
#[utoipa::path(get, path = "/partner/stores/{storeId}/balance", tag = "stores", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<StoreBalance>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn store_balance(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<StoreBalance>> {
    let store = parse_id(&store)?;
    crate::stores::access::require_owner(&state, &caller, store).await?;
    Ok(ApiOk::new(StoreBalance {
        balance: service::store_balance(&state.db, store).await?,
        currency: "SAR".into(),
    }))
}

#[utoipa::path(get, path = "/admin/stores/{storeId}/balance", tag = "admin", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<StoreBalance>), (status = 403, body = ErrorEnvelope)))]
async fn admin_store_balance(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<StoreBalance>> {
    require(&state, &caller, Permission::FinanceManage).await?;
    Ok(ApiOk::new(StoreBalance {
        balance: service::store_balance(&state.db, parse_id(&store)?).await?,
        currency: "SAR".into(),
    }))
}

/// Records a payout sent to a store's bank (`finance.manage`, audited,
/// `Idempotency-Key`); never more than the platform owes the store.
#[utoipa::path(post, path = "/admin/stores/{storeId}/payouts", tag = "admin", security(("bearer" = [])),
    params(("storeId" = String, Path), ("Idempotency-Key" = String, Header)), request_body = PayoutRequest,
    responses(
        (status = 201, body = Envelope<StoreBalance>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "PAYOUT_EXCEEDS_BALANCE", body = ErrorEnvelope),
    ))]
async fn payout(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(store): Path<String>,
    ValidJson(req): ValidJson<PayoutRequest>,
) -> ApiResult<Replay> {
    require(&state, &caller, Permission::FinanceManage).await?;
    let store = parse_id(&store)?;
    let mut tx = state.db.begin().await?;
    let scope = format!("payout:{store}");
    let hash = idempotency::fingerprint(&scope, &req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, &key, &scope, &hash).await? {
        return Ok(replay);
    }
    // The payable row is locked so two payouts cannot both pass the check.
    let account = super::repo::account_id(&mut tx, &Account::StorePayable(store)).await?;
    let owed: i64 =
        sqlx::query_scalar("SELECT -balance FROM ledger_accounts WHERE id = $1 FOR UPDATE")
            .bind(account)
            .fetch_one(&mut *tx)
            .await?;
    if req.amount > owed {
        return Err(ApiError::Unprocessable {
            code: "PAYOUT_EXCEEDS_BALANCE",
            message: Message::new("payout-exceeds-balance"),
            fields: FieldErrors::single("amount", Message::new("payout-exceeds-balance")),
        });
    }
    super::post(
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
        &caller,
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
        &key,
        http::StatusCode::CREATED,
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(replay)
}
