use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::header;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::{ApiOk, ApiResult};

use super::model::{Adjustment, HistoryQuery, Wallet};
use super::{repo, service};
use crate::AppState;
use crate::admin::model::parse_id;
use crate::admin::permissions::{Permission, require};
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
}

/// The caller's wallet balance, derived from the ledger.
#[utoipa::path(get, path = "/wallet", tag = "wallet", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Wallet>), (status = 401, body = ErrorEnvelope)))]
async fn my_wallet(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Wallet>> {
    Ok(ApiOk::new(service::wallet(&state, caller.user_id).await?))
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
    let (rows, meta) = service::history(&state, caller.user_id, &q).await?;
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
    require(&state, &caller, Permission::FinanceManage).await?;
    Ok(ApiOk::new(service::wallet(&state, parse_id(&id)?).await?))
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
    require(&state, &caller, Permission::FinanceManage).await?;
    let (rows, meta) = service::history(&state, parse_id(&id)?, &q).await?;
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
    require(&state, &caller, Permission::FinanceManage).await?;
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
    require(&state, &caller, Permission::FinanceManage).await?;
    service::adjust(&state, &caller, &key, parse_id(&id)?, false, &req).await
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

/// Every wallet movement as CSV, streamed row by row (`finance.manage`).
#[utoipa::path(get, path = "/admin/wallets/export.csv", tag = "admin", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorEnvelope)))]
async fn export(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    require(&state, &caller, Permission::FinanceManage).await?;
    let header_line = futures_util::stream::once(async {
        Ok::<_, sqlx::Error>(
            "entry_id,created_at,user_id,phone,kind,amount_halalas,target_kind,target_id,memo\n"
                .to_owned(),
        )
    });
    let db = state.db.clone();
    let rows = export_rows(db);
    let body = Body::from_stream(header_line.chain(rows));
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

fn csv_line(r: &repo::ExportRow) -> String {
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

/// Pages of 1000 rows, each sent as soon as it is read.
fn export_rows(
    db: sqlx::PgPool,
) -> impl futures_util::Stream<Item = Result<String, sqlx::Error>> + Send {
    futures_util::stream::unfold(Some(0i64), move |after| {
        let db = db.clone();
        async move {
            let after = after?;
            match repo::export_page(&db, after, 1000).await {
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let last = rows.last().map(|r| r.entry_id);
                    let chunk: String = rows.iter().map(csv_line).collect();
                    Some((Ok(chunk), last))
                }
                Err(e) => Some((Err(e), None)),
            }
        }
    })
    // Compression polls once more after the end; a fused stream answers None again.
    .fuse()
}
