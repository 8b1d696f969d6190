//! Finance views of the ledger: reconciliation, store balances and payouts.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidJson;
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{PayoutRequest, Reconciliation, StoreBalance};
use super::service;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(reconciliation))
        .routes(routes!(store_balance))
        .routes(routes!(admin_store_balance))
        .routes(routes!(payout))
}

/// Per account kind, the cached balances against the sum of their entries,
/// and any transaction that does not balance (`finance.manage`).
#[utoipa::path(get, path = "/admin/ledger/reconciliation", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Reconciliation>), (status = 403, body = ErrorEnvelope)))]
async fn reconciliation(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Reconciliation>> {
    Ok(ApiOk::new(service::reconciliation(&state, &caller).await?))
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
    Ok(ApiOk::new(
        service::owner_balance(&state, &caller, parse_id(&store)?).await?,
    ))
}

#[utoipa::path(get, path = "/admin/stores/{storeId}/balance", tag = "admin", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<StoreBalance>), (status = 403, body = ErrorEnvelope)))]
async fn admin_store_balance(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<StoreBalance>> {
    Ok(ApiOk::new(
        service::admin_balance(&state, &caller, parse_id(&store)?).await?,
    ))
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
    super::service::payout(&state, &caller, &key, parse_id(&store)?, &req).await
}
