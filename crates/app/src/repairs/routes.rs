//! HTTP handlers of Tashlih: the customer's requests, offers and jobs, the
//! rider's presence, nearby requests, offers, steps, positions and
//! earnings, and the admins' reps, jobs and payouts.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    Earnings, EarningsQuery, JobStep, JobsFilter, PageOnly, PayInput, Paying, Position,
    PositionAck, PositionInput, Presence, PresenceInput, RepPayout, RepStats, RepairInput,
    RepairJob, RepairOffer, RepairOfferInput, RepairRequest,
};
use super::service::{jobs, requests};
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, mine))
        .routes(routes!(get))
        .routes(routes!(cancel))
        .routes(routes!(accept))
        .routes(routes!(customer_jobs))
        .routes(routes!(job))
        .routes(routes!(job_step))
        .routes(routes!(pay))
        .routes(routes!(track))
        .routes(routes!(presence, set_presence))
        .routes(routes!(nearby))
        .routes(routes!(offer))
        .routes(routes!(rider_jobs))
        .routes(routes!(position))
        .routes(routes!(earnings))
        .routes(routes!(stats))
        .routes(routes!(admin_reps))
        .routes(routes!(admin_rep))
        .routes(routes!(admin_jobs))
        .routes(routes!(payout))
}

/// Asks the online reps nearby for a repair at a map pin.
#[utoipa::path(post, path = "/repairs", tag = "repairs", security(("bearer" = [])), request_body = RepairInput,
    responses((status = 201, body = Envelope<RepairRequest>), (status = 401, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<RepairInput>,
) -> ApiResult<ApiOk<RepairRequest>> {
    Ok(ApiOk::created(
        requests::create(&state, &caller, &body).await?,
    ))
}

#[utoipa::path(get, path = "/repairs", tag = "repairs", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<RepairRequest>>), (status = 401, body = ErrorEnvelope)))]
async fn mine(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<RepairRequest>>> {
    Ok(ApiOk::new(requests::mine(&state, &caller).await?))
}

/// The customer's request with its offers, cheapest first.
#[utoipa::path(get, path = "/repairs/{id}", tag = "repairs", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<RepairRequest>), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<RepairRequest>> {
    Ok(ApiOk::new(
        requests::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[utoipa::path(post, path = "/repairs/{id}/cancel", tag = "repairs", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<RepairRequest>), (status = 404, body = ErrorEnvelope), (status = 409, description = "REQUEST_CLOSED", body = ErrorEnvelope)))]
async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<RepairRequest>> {
    Ok(ApiOk::new(
        requests::cancel(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Accepts one offer: the job starts with its chat thread; the other reps
/// are told. Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/repairs/{id}/offers/{offerId}/accept", tag = "repairs", security(("bearer" = [])),
    params(("id" = String, Path), ("offerId" = String, Path), ("Idempotency-Key" = String, Header)),
    responses((status = 201, body = Envelope<RepairJob>), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_CLOSED, OFFER_NOT_ACTIVE", body = ErrorEnvelope)))]
async fn accept(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path((id, offer)): Path<(String, String)>,
) -> ApiResult<Replay> {
    requests::accept(&state, &caller, &key, parse_id(&id)?, parse_id(&offer)?).await
}

#[utoipa::path(get, path = "/repair-jobs", tag = "repairs", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<RepairJob>>), (status = 401, body = ErrorEnvelope)))]
async fn customer_jobs(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<RepairJob>>> {
    Ok(ApiOk::new(jobs::customer_jobs(&state, &caller).await?))
}

/// A job with its history and the rep's last position (to resume a map).
#[utoipa::path(get, path = "/repair-jobs/{id}", tag = "repairs", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<RepairJob>), (status = 404, body = ErrorEnvelope)))]
async fn job(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<RepairJob>> {
    Ok(ApiOk::new(
        jobs::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// A step by the job's rep (on_the_way, arrived, working, completed, paid
/// for cash, cancelled before arrival) or its customer (cancelled before
/// arrival, disputed once served).
#[utoipa::path(post, path = "/repair-jobs/{id}/status", tag = "repairs", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = JobStep,
    responses((status = 200, body = Envelope<RepairJob>), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION, JOB_NOT_CASH", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn job_step(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<JobStep>,
) -> ApiResult<ApiOk<RepairJob>> {
    Ok(ApiOk::new(
        jobs::step(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Pays a completed job (wallet at once, card through `paymentUrl`, cash
/// to the rep). Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/repair-jobs/{id}/pay", tag = "repairs", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = PayInput,
    responses((status = 200, body = Envelope<Paying>), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "JOB_NOT_COMPLETED", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn pay(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PayInput>,
) -> ApiResult<Replay> {
    jobs::pay(&state, &caller, &key, parse_id(&id)?, &body).await
}

#[utoipa::path(get, path = "/repair-jobs/{id}/track", tag = "repairs", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Vec<Position>>), (status = 404, body = ErrorEnvelope)))]
async fn track(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<Position>>> {
    Ok(ApiOk::new(
        jobs::track(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[utoipa::path(get, path = "/rider/presence", tag = "rider", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Presence>), (status = 403, body = ErrorEnvelope)))]
async fn presence(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Presence>> {
    Ok(ApiOk::new(requests::presence(&state, &caller).await?))
}

/// Online (with a position) or offline.
#[utoipa::path(put, path = "/rider/presence", tag = "rider", security(("bearer" = [])), request_body = PresenceInput,
    responses((status = 200, body = Envelope<Presence>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn set_presence(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<PresenceInput>,
) -> ApiResult<ApiOk<Presence>> {
    Ok(ApiOk::new(
        requests::set_presence(&state, &caller, &body).await?,
    ))
}

/// Open requests that reached the rep, nearest first.
#[utoipa::path(get, path = "/rider/repairs", tag = "rider", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<RepairRequest>>), (status = 403, body = ErrorEnvelope)))]
async fn nearby(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<RepairRequest>>> {
    Ok(ApiOk::new(requests::nearby(&state, &caller).await?))
}

/// Offers a price and an ETA (again: revises the standing offer).
#[utoipa::path(post, path = "/rider/repairs/{id}/offers", tag = "rider", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = RepairOfferInput,
    responses((status = 201, body = Envelope<RepairOffer>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REQUEST_CLOSED", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RepairOfferInput>,
) -> ApiResult<ApiOk<RepairOffer>> {
    Ok(ApiOk::created(
        requests::offer(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

#[utoipa::path(get, path = "/rider/jobs", tag = "rider", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<RepairJob>>), (status = 403, body = ErrorEnvelope)))]
async fn rider_jobs(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<RepairJob>>> {
    Ok(ApiOk::new(jobs::rep_jobs(&state, &caller).await?))
}

/// The rep's position on its travelling job: kept and streamed to the
/// customer, or dropped (`accepted: false`) when sooner than the interval.
#[utoipa::path(post, path = "/rider/jobs/{id}/positions", tag = "rider", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = PositionInput,
    responses((status = 200, body = Envelope<PositionAck>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "JOB_NOT_TRAVELLING", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn position(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PositionInput>,
) -> ApiResult<ApiOk<PositionAck>> {
    Ok(ApiOk::new(
        jobs::position(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Earnings between two local dates, from the ledger.
#[utoipa::path(get, path = "/rider/earnings", tag = "rider", security(("bearer" = [])), params(EarningsQuery),
    responses((status = 200, body = Envelope<Earnings>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn earnings(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<EarningsQuery>,
) -> ApiResult<ApiOk<Earnings>> {
    Ok(ApiOk::new(jobs::earnings(&state, &caller, &q).await?))
}

#[utoipa::path(get, path = "/rider/stats", tag = "rider", security(("bearer" = [])),
    responses((status = 200, body = Envelope<RepStats>), (status = 403, body = ErrorEnvelope)))]
async fn stats(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<RepStats>> {
    Ok(ApiOk::new(jobs::my_stats(&state, &caller).await?))
}

/// Representatives with their figures, busiest first (`reps.manage`).
#[utoipa::path(get, path = "/admin/reps", tag = "admin", security(("bearer" = [])), params(PageOnly),
    responses((status = 200, body = Envelope<Vec<RepStats>>), (status = 403, body = ErrorEnvelope)))]
async fn admin_reps(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PageOnly>,
) -> ApiResult<ApiOk<Vec<RepStats>>> {
    Ok(ApiOk::new(
        jobs::admin_reps(&state, &caller, q.page.unwrap_or(1)).await?,
    ))
}

#[utoipa::path(get, path = "/admin/reps/{id}", tag = "admin", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Envelope<RepStats>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn admin_rep(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<RepStats>> {
    Ok(ApiOk::new(
        jobs::admin_rep(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[utoipa::path(get, path = "/admin/repair-jobs", tag = "admin", security(("bearer" = [])), params(JobsFilter),
    responses((status = 200, body = Envelope<Vec<RepairJob>>), (status = 403, body = ErrorEnvelope)))]
async fn admin_jobs(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<JobsFilter>,
) -> ApiResult<ApiOk<Vec<RepairJob>>> {
    Ok(ApiOk::new(
        jobs::admin_jobs(&state, &caller, q.rep, q.status.as_deref()).await?,
    ))
}

/// Pays a rep, never more than owed (`finance.manage`). Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/admin/reps/{id}/payouts", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)), request_body = RepPayout,
    responses((status = 201, body = Envelope<serde_json::Value>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn payout(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RepPayout>,
) -> ApiResult<Replay> {
    jobs::payout(&state, &caller, &key, parse_id(&id)?, &body).await
}
