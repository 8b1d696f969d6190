use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::header;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{Adjustment, HistoryQuery, TopUp, TopUpInput, TopUpStarted, Wallet};
use super::service::{self, Whose};
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{IdempotencyKey, Replay};
use crate::ledger::model::EntryLine;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_wallet))
        .routes(routes!(my_history))
        .routes(routes!(user_wallet))
        .routes(routes!(user_history))
        .routes(routes!(credit))
        .routes(routes!(debit))
        .routes(routes!(export))
        .routes(routes!(top_up))
        .routes(routes!(get_top_up))
}

/// The caller's wallet balance, derived from the ledger.
#[utoipa::path(get, path = "/wallet", tag = "wallet", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Wallet>), (status = 401, body = ErrorEnvelope)))]
async fn my_wallet(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Wallet>> {
    Ok(ApiOk::new(
        service::wallet(&state, &caller, Whose::Own).await?,
    ))
}

/// The caller's wallet movements, newest first, each with the balance after it.
#[utoipa::path(get, path = "/wallet/transactions", tag = "wallet", security(("bearer" = [])),
    params(HistoryQuery),
    responses((status = 200, body = Paged<EntryLine>), (status = 401, body = ErrorEnvelope)))]
async fn my_history(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<HistoryQuery>,
) -> ApiResult<ApiOk<Vec<EntryLine>>> {
    let (rows, meta) = service::history(&state, &caller, Whose::Own, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A user's wallet balance (`finance.manage`).
#[utoipa::path(get, path = "/admin/users/{id}/wallet", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Wallet>), (status = 403, body = ErrorEnvelope)))]
async fn user_wallet(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Wallet>> {
    let whose = Whose::User(parse_id(&id)?);
    Ok(ApiOk::new(service::wallet(&state, &caller, whose).await?))
}

/// A user's wallet movements (`finance.manage`).
#[utoipa::path(get, path = "/admin/users/{id}/wallet/transactions", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), HistoryQuery),
    responses((status = 200, body = Paged<EntryLine>), (status = 403, body = ErrorEnvelope)))]
async fn user_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<HistoryQuery>,
) -> ApiResult<ApiOk<Vec<EntryLine>>> {
    let whose = Whose::User(parse_id(&id)?);
    let (rows, meta) = service::history(&state, &caller, whose, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Credits a user's wallet with a reason (`finance.manage`, audited,
/// `Idempotency-Key` required).
#[utoipa::path(post, path = "/admin/users/{id}/wallet/credit", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = Adjustment,
    responses((status = 201, body = Envelope<Wallet>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn credit(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<Adjustment>,
) -> ApiResult<Replay> {
    service::adjust(&state, &caller, &key, parse_id(&id)?, true, &req).await
}

/// Debits a user's wallet with a reason; never below zero (422 `INSUFFICIENT_FUNDS`).
#[utoipa::path(post, path = "/admin/users/{id}/wallet/debit", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = Adjustment,
    responses((status = 201, body = Envelope<Wallet>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn debit(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<Adjustment>,
) -> ApiResult<Replay> {
    service::adjust(&state, &caller, &key, parse_id(&id)?, false, &req).await
}

/// Every wallet movement as CSV, streamed row by row (`finance.manage`).
#[utoipa::path(get, path = "/admin/wallets/export.csv", tag = "admin", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorEnvelope)))]
async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    let body = Body::from_stream(service::export(&state, &caller).await?);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"wallet-movements.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Starts a wallet top-up by card (`Idempotency-Key` required): pay it at
/// `paymentUrl`; the wallet is credited when the gateway captures it.
#[utoipa::path(post, path = "/wallet/top-ups", tag = "wallet", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)), request_body = TopUpInput,
    responses(
        (status = 201, body = Envelope<TopUpStarted>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, description = "TOPUP_LIMIT, CARD_UNAVAILABLE", body = ErrorEnvelope),
    ))]
async fn top_up(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    ValidJson(req): ValidJson<TopUpInput>,
) -> ApiResult<Replay> {
    super::topup::create(&state, &caller, &key, &req).await
}

/// One of the caller's top-ups.
#[utoipa::path(get, path = "/wallet/top-ups/{id}", tag = "wallet", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<TopUp>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_top_up(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<TopUp>> {
    Ok(ApiOk::new(
        super::topup::get(&state, &caller, parse_id(&id)?).await?,
    ))
}
