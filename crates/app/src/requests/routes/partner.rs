use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::chat::routes::ThreadRef;
use crate::requests::model::{
    Coverage, CoverageInput, InboxQuery, Offer, OfferInput, OfferRevision, StoreRequest, WinRate,
};
use crate::requests::service::store as service;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(inbox))
        .routes(routes!(win_rate))
        .routes(routes!(get))
        .routes(routes!(offer))
        .routes(routes!(revise))
        .routes(routes!(withdraw))
        .routes(routes!(revisions))
        .routes(routes!(chat))
        .routes(routes!(coverage, set_coverage))
}

/// A received request as the store sees it, with the store's own offers.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreRequestDetail {
    pub request: StoreRequest,
    /// This store's offers, newest first.
    pub offers: Vec<Offer>,
}

/// The store's requests inbox, newest first, by outcome; needs `requests.view`.
#[utoipa::path(get, path = "/partner/stores/{storeId}/requests", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), InboxQuery),
    responses((status = 200, body = Paged<StoreRequest>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidQuery(q): ValidQuery<InboxQuery>,
) -> ApiResult<ApiOk<Vec<StoreRequest>>> {
    let (rows, meta) = service::inbox(&state, &caller, parse_id(&store)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// How many requests the store received, answered, won and lost.
#[utoipa::path(get, path = "/partner/stores/{storeId}/requests/stats", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<WinRate>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn win_rate(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<WinRate>> {
    Ok(ApiOk::new(
        service::win_rate(&state, &caller, parse_id(&store)?).await?,
    ))
}

/// A request the store received: the district and the distance, never the
/// customer's phone or street. 404 for a request not sent to this store.
#[utoipa::path(get, path = "/partner/stores/{storeId}/requests/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Envelope<StoreRequestDetail>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<StoreRequestDetail>> {
    let (request, offers) =
        service::get(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(StoreRequestDetail { request, offers }))
}

/// Sends the store's offer (one live offer per store); needs `requests.manage`.
/// The store's commission rate is fixed on it.
#[utoipa::path(post, path = "/partner/stores/{storeId}/requests/{id}/offers", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    request_body = OfferInput,
    responses(
        (status = 201, body = Envelope<Offer>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN, REQUEST_EXPIRED, OFFER_EXISTS, STORE_NOT_ACTIVE", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn offer(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<OfferInput>,
) -> ApiResult<ApiOk<Offer>> {
    Ok(ApiOk::created(
        service::offer(&state, &caller, parse_id(&store)?, parse_id(&id)?, &body).await?,
    ))
}

/// Revises the store's live offer (every field); the replaced version is kept.
#[utoipa::path(put, path = "/partner/stores/{storeId}/requests/{id}/offers/{offerId}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path), ("offerId" = String, Path)),
    request_body = OfferInput,
    responses(
        (status = 200, body = Envelope<Offer>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN, REQUEST_EXPIRED, OFFER_NOT_ACTIVE", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn revise(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id, offer)): Path<(String, String, String)>,
    ValidJson(body): ValidJson<OfferInput>,
) -> ApiResult<ApiOk<Offer>> {
    Ok(ApiOk::new(
        service::revise(
            &state,
            &caller,
            parse_id(&store)?,
            parse_id(&id)?,
            parse_id(&offer)?,
            &body,
        )
        .await?,
    ))
}

/// Withdraws the store's live offer while the request is open.
#[utoipa::path(post, path = "/partner/stores/{storeId}/requests/{id}/offers/{offerId}/withdraw", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path), ("offerId" = String, Path)),
    responses(
        (status = 200, body = Envelope<Offer>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN, REQUEST_EXPIRED, OFFER_NOT_ACTIVE", body = ErrorEnvelope),
    ))]
async fn withdraw(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id, offer)): Path<(String, String, String)>,
) -> ApiResult<ApiOk<Offer>> {
    Ok(ApiOk::new(
        service::withdraw(
            &state,
            &caller,
            parse_id(&store)?,
            parse_id(&id)?,
            parse_id(&offer)?,
        )
        .await?,
    ))
}

/// The offer's earlier versions, oldest first.
#[utoipa::path(get, path = "/partner/stores/{storeId}/requests/{id}/offers/{offerId}/revisions", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path), ("offerId" = String, Path)),
    responses((status = 200, body = Envelope<Vec<OfferRevision>>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn revisions(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id, offer)): Path<(String, String, String)>,
) -> ApiResult<ApiOk<Vec<OfferRevision>>> {
    Ok(ApiOk::new(
        service::revisions(
            &state,
            &caller,
            parse_id(&store)?,
            parse_id(&id)?,
            parse_id(&offer)?,
        )
        .await?,
    ))
}

/// The negotiation thread with the request's customer (opened on first use).
#[utoipa::path(post, path = "/partner/stores/{storeId}/requests/{id}/chat", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Envelope<ThreadRef>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn chat(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<ThreadRef>> {
    let t = service::chat(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(ThreadRef {
        id: t.id,
        kind: t.kind,
    }))
}

/// The makes and categories the store is asked about.
#[utoipa::path(get, path = "/partner/stores/{storeId}/coverage", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<Coverage>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn coverage(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<Coverage>> {
    Ok(ApiOk::new(
        service::coverage(&state, &caller, parse_id(&store)?).await?,
    ))
}

/// Replaces the store's coverage; needs `store.settings.manage`.
#[utoipa::path(put, path = "/partner/stores/{storeId}/coverage", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    request_body = CoverageInput,
    responses(
        (status = 200, body = Envelope<Coverage>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn set_coverage(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidJson(body): ValidJson<CoverageInput>,
) -> ApiResult<ApiOk<Coverage>> {
    Ok(ApiOk::new(
        service::set_coverage(&state, &caller, parse_id(&store)?, &body).await?,
    ))
}
