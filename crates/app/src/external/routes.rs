//! HTTP handlers of external parts: the public search, the customer's
//! orders, and the admin's merchants, imports, pipeline and payouts.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{ExternalPart, ImportReport, ListQuery, Merchant, MerchantInput, PartSearch};
use super::orders::{self, ExternalOrder, PlaceExternal, Placed, StepRequest};
use super::service::{self, MerchantPayout};
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(part))
        .routes(routes!(place, mine))
        .routes(routes!(order))
        .routes(routes!(merchants, create_merchant))
        .routes(routes!(merchant, update_merchant))
        .routes(routes!(import, imports))
        .routes(routes!(import_report))
        .routes(routes!(template))
        .routes(routes!(admin_orders))
        .routes(routes!(step))
        .routes(routes!(payout))
}

/// External parts (sold by outside merchants), by the products' Arabic-aware
/// words or an OEM number, cheapest first; each marked `external` with its
/// merchant's lead time.
#[utoipa::path(get, path = "/external-parts", tag = "external", params(PartSearch),
    responses((status = 200, body = Paged<ExternalPart>), (status = 422, body = ErrorEnvelope)))]
async fn search(
    State(state): State<AppState>,
    ValidQuery(q): ValidQuery<PartSearch>,
) -> ApiResult<ApiOk<Vec<ExternalPart>>> {
    let (rows, meta) = service::search(&state, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/external-parts/{id}", tag = "external", params(("id" = String, Path)),
    responses((status = 200, body = Envelope<ExternalPart>), (status = 404, body = ErrorEnvelope)))]
async fn part(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<ExternalPart>> {
    Ok(ApiOk::new(service::part(&state, parse_id(&id)?).await?))
}

/// Orders an external part (card: `paymentUrl`; wallet: paid at once;
/// cash: on delivery). Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/external-orders", tag = "external", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = PlaceExternal,
    responses(
        (status = 201, body = Envelope<Placed>),
        (status = 409, description = "OUT_OF_STOCK", body = ErrorEnvelope),
        (status = 422, description = "PART_UNAVAILABLE, ADDRESS_NOT_FOUND, NOT_DELIVERED_THERE, CARD_UNAVAILABLE, INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_*", body = ErrorEnvelope),
    ))]
async fn place(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    ValidJson(body): ValidJson<PlaceExternal>,
) -> ApiResult<Replay> {
    orders::place(&state, &caller, &key, &body).await
}

/// The caller's external-part orders, newest first.
#[utoipa::path(get, path = "/external-orders", tag = "external", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<ExternalOrder>>), (status = 401, body = ErrorEnvelope)))]
async fn mine(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<ExternalOrder>>> {
    Ok(ApiOk::new(orders::mine(&state, &caller).await?))
}

#[utoipa::path(get, path = "/external-orders/{id}", tag = "external", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<ExternalOrder>), (status = 404, body = ErrorEnvelope)))]
async fn order(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<ExternalOrder>> {
    Ok(ApiOk::new(
        orders::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[utoipa::path(get, path = "/admin/merchants", tag = "admin", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Paged<Merchant>), (status = 403, body = ErrorEnvelope)))]
async fn merchants(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<ListQuery>,
) -> ApiResult<ApiOk<Vec<Merchant>>> {
    let (rows, meta) = service::merchants(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(post, path = "/admin/merchants", tag = "admin", security(("bearer" = [])), request_body = MerchantInput,
    responses((status = 201, body = Envelope<Merchant>), (status = 403, body = ErrorEnvelope), (status = 409, description = "CR_NUMBER_TAKEN", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn create_merchant(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<MerchantInput>,
) -> ApiResult<ApiOk<Merchant>> {
    Ok(ApiOk::created(
        service::save_merchant(&state, &caller, None, &body).await?,
    ))
}

#[utoipa::path(get, path = "/admin/merchants/{id}", tag = "admin", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Merchant>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn merchant(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Merchant>> {
    Ok(ApiOk::new(
        service::merchant(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[utoipa::path(put, path = "/admin/merchants/{id}", tag = "admin", security(("bearer" = [])), params(("id" = String, Path)), request_body = MerchantInput,
    responses((status = 200, body = Envelope<Merchant>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 409, description = "CR_NUMBER_TAKEN", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn update_merchant(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<MerchantInput>,
) -> ApiResult<ApiOk<Merchant>> {
    Ok(ApiOk::new(
        service::save_merchant(&state, &caller, Some(parse_id(&id)?), &body).await?,
    ))
}

/// The file name an import is recorded under.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    #[param(max_length = 200)]
    pub file_name: Option<String>,
}

/// Imports the merchant's catalog: the request body is the CSV itself
/// (`text/csv`, columns as `/admin/merchants/import-template.csv`), streamed
/// into the database as it arrives. Rows are upserted by SKU; each refused
/// row is reported with its reasons; parts the file no longer lists become
/// unavailable. A malformed file changes nothing (422 `IMPORT_MALFORMED`).
#[utoipa::path(post, path = "/admin/merchants/{id}/imports", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ImportParams),
    request_body(content = String, content_type = "text/csv"),
    responses(
        (status = 201, body = Envelope<ImportReport>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 413, body = ErrorEnvelope),
        (status = 422, description = "IMPORT_MALFORMED", body = ErrorEnvelope),
    ))]
async fn import(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(p): Query<ImportParams>,
    body: Body,
) -> ApiResult<ApiOk<ImportReport>> {
    let id = parse_id(&id)?;
    let name = p.file_name.unwrap_or_else(|| "catalog.csv".into());
    Ok(ApiOk::created(
        super::import::run(&state, &caller, id, &name, body.into_data_stream()).await?,
    ))
}

#[utoipa::path(get, path = "/admin/merchants/{id}/imports", tag = "admin", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Vec<ImportReport>>), (status = 403, body = ErrorEnvelope)))]
async fn imports(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<ImportReport>>> {
    Ok(ApiOk::new(
        service::imports(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// An import's report with its refused rows, in the caller's language.
#[utoipa::path(get, path = "/admin/merchants/{id}/imports/{importId}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("importId" = String, Path)),
    responses((status = 200, body = Envelope<ImportReport>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn import_report(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, import)): Path<(String, String)>,
) -> ApiResult<ApiOk<ImportReport>> {
    Ok(ApiOk::new(
        service::import_report(&state, &caller, parse_id(&id)?, parse_id(&import)?).await?,
    ))
}

/// The catalog CSV's template: its header and two example rows.
#[utoipa::path(get, path = "/admin/merchants/import-template.csv", tag = "admin", security(("bearer" = [])),
    responses((status = 200, description = "the template", content_type = "text/csv"), (status = 403, body = ErrorEnvelope)))]
async fn template(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    service::may_import(&state, &caller).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"catalog-template.csv\"",
            ),
        ],
        super::import::TEMPLATE,
    )
        .into_response())
}

#[utoipa::path(get, path = "/admin/external-orders", tag = "admin", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Paged<ExternalOrder>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn admin_orders(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<ListQuery>,
) -> ApiResult<ApiOk<Vec<ExternalOrder>>> {
    let (rows, meta) = orders::admin_list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Moves an external-part order one step: confirmed (paid, or cash),
/// ordered (the merchant is e-mailed), shipped, delivered (settled),
/// cancelled (stock and money back) or refunded; audited.
#[utoipa::path(post, path = "/admin/external-orders/{id}/status", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = StepRequest,
    responses(
        (status = 200, body = Envelope<ExternalOrder>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION, ORDER_NOT_PAID", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn step(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<StepRequest>,
) -> ApiResult<ApiOk<ExternalOrder>> {
    Ok(ApiOk::new(
        orders::step(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Records a bank transfer to the merchant (`finance.manage`); never more
/// than it is owed. Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/admin/merchants/{id}/payouts", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = MerchantPayout,
    responses(
        (status = 201, body = Object),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "PAYOUT_EXCEEDS_BALANCE, IDEMPOTENCY_KEY_*", body = ErrorEnvelope),
    ))]
async fn payout(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<MerchantPayout>,
) -> ApiResult<Replay> {
    service::payout(&state, &caller, &key, parse_id(&id)?, &body).await
}
