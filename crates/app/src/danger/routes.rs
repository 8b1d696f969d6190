use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidJson;
use kernel::{ApiOk, ApiResult};

use super::model::{ClearReport, ClearRequest, StepUpSent};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(step_up))
        .routes(routes!(clear))
}

/// Sends a step-up code by SMS to the super admin's own phone; valid 5
/// minutes, for one clear.
#[utoipa::path(post, path = "/admin/clear-data/step-up", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<StepUpSent>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a super admin", body = ErrorEnvelope),
        (status = 429, body = ErrorEnvelope),
    ))]
async fn step_up(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<StepUpSent>> {
    Ok(ApiOk::new(service::step_up(&state, &caller).await?))
}

/// Removes every business record (SUPER_ADMIN only): orders, bookings,
/// requests, jobs, money, stores, products, customers and every other
/// non-admin account. Admins, settings, the taxonomy, geography, templates
/// and content stay; the audit row of the clear is the one that survives.
#[utoipa::path(post, path = "/admin/clear-data", tag = "admin", security(("bearer" = [])),
    request_body = ClearRequest,
    responses(
        (status = 200, body = Envelope<ClearReport>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a super admin, or STEP_UP_REQUIRED", body = ErrorEnvelope),
        (status = 422, description = "phrase not typed exactly, or a wrong code", body = ErrorEnvelope),
    ))]
async fn clear(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<ClearRequest>,
) -> ApiResult<ApiOk<ClearReport>> {
    Ok(ApiOk::new(service::clear(&state, &caller, &body).await?))
}
