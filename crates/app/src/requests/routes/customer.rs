use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::chat::routes::ThreadRef;
use crate::idempotency::{IdempotencyKey, Replay};
use crate::requests::model::{
    AcceptOffer, Accepted, NewRequest, Offer, OffersQuery, PartRequest, RequestListQuery,
    RequestPatch, RequestReason, RequestStep,
};
use crate::requests::service::{accept, customer as service};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(offers))
        .routes(routes!(history))
        .routes(routes!(cancel))
        .routes(routes!(accept_offer))
        .routes(routes!(chat))
}

/// Asks the stores around for a part: the active parts stores covering the
/// make or the category within the radius receive it at once.
#[utoipa::path(post, path = "/requests", tag = "requests", security(("bearer" = [])),
    request_body = NewRequest,
    responses(
        (status = 201, body = Envelope<PartRequest>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewRequest>,
) -> ApiResult<ApiOk<PartRequest>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, &body).await?,
    ))
}

/// The caller's requests, newest first.
#[utoipa::path(get, path = "/requests", tag = "requests", security(("bearer" = [])),
    params(RequestListQuery),
    responses((status = 200, body = Paged<PartRequest>), (status = 401, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn list(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<RequestListQuery>,
) -> ApiResult<ApiOk<Vec<PartRequest>>> {
    let (rows, meta) = service::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/requests/{id}", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<PartRequest>), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<PartRequest>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Edits the request while it is open and no store has offered.
#[utoipa::path(patch, path = "/requests/{id}", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RequestPatch,
    responses(
        (status = 200, body = Envelope<PartRequest>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN, REQUEST_EXPIRED, REQUEST_HAS_OFFERS", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RequestPatch>,
) -> ApiResult<ApiOk<PartRequest>> {
    Ok(ApiOk::new(
        service::update(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The offers to compare, sorted (withdrawn ones left out).
#[utoipa::path(get, path = "/requests/{id}/offers", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path), OffersQuery),
    responses((status = 200, body = Envelope<Vec<Offer>>), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn offers(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<OffersQuery>,
) -> ApiResult<ApiOk<Vec<Offer>>> {
    Ok(ApiOk::new(
        service::offers(&state, &caller, parse_id(&id)?, &q).await?,
    ))
}

/// Every status change of the request.
#[utoipa::path(get, path = "/requests/{id}/history", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Vec<RequestStep>>), (status = 404, body = ErrorEnvelope)))]
async fn history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<RequestStep>>> {
    Ok(ApiOk::new(
        service::steps(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Cancels an open request; its offers and stores close with it.
#[utoipa::path(post, path = "/requests/{id}/cancel", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RequestReason,
    responses(
        (status = 200, body = Envelope<PartRequest>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN", body = ErrorEnvelope),
    ))]
async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RequestReason>,
) -> ApiResult<ApiOk<PartRequest>> {
    Ok(ApiOk::new(
        service::cancel(&state, &caller, parse_id(&id)?, Some(&body)).await?,
    ))
}

/// Accepts an offer: the request and every other offer close, and the offer
/// becomes an order of its store, paid by card (`paymentUrl`), wallet or
/// cash. Requires `Idempotency-Key`. Of concurrent accepts on one request,
/// one wins; the others are 409.
#[utoipa::path(post, path = "/requests/{id}/offers/{offerId}/accept", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path), ("offerId" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = AcceptOffer,
    responses(
        (status = 200, body = Envelope<Accepted>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_NOT_OPEN, REQUEST_EXPIRED, OFFER_NOT_ACTIVE, OFFER_EXPIRED", body = ErrorEnvelope),
        (status = 422, description = "INSUFFICIENT_FUNDS, CARD_UNAVAILABLE, IDEMPOTENCY_KEY_*", body = ErrorEnvelope),
    ))]
async fn accept_offer(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path((id, offer)): Path<(String, String)>,
    ValidJson(body): ValidJson<AcceptOffer>,
) -> ApiResult<Replay> {
    accept::accept(
        &state,
        &caller,
        &key,
        parse_id(&id)?,
        parse_id(&offer)?,
        &body,
    )
    .await
}

/// The body of `POST /requests/{id}/chats`.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChatWith {
    pub store_id: uuid::Uuid,
}

impl kernel::validation::Validate for ChatWith {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        Ok(())
    }
}

/// The negotiation thread with a store the request was sent to (opened on
/// first use); messages go through `/chats/{id}/messages`.
#[utoipa::path(post, path = "/requests/{id}/chats", tag = "requests", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = ChatWith,
    responses((status = 200, body = Envelope<ThreadRef>), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn chat(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<ChatWith>,
) -> ApiResult<ApiOk<ThreadRef>> {
    let t = service::chat(&state, &caller, parse_id(&id)?, body.store_id).await?;
    Ok(ApiOk::new(ThreadRef {
        id: t.id,
        kind: t.kind,
    }))
}
