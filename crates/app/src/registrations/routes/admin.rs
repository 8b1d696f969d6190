//! The admins' queue of registration requests.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::registrations::model::{AdminRegistration, RegistrationQuery, RejectRegistration};
use crate::registrations::service::review;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_registrations))
        .routes(routes!(get_registration_admin))
        .routes(routes!(approve_registration))
        .routes(routes!(reject_registration))
}

/// Registration requests past their draft, oldest submission first: by
/// status (`confirmed` is the queue to review), kind and a search; needs
/// `users.view`.
#[utoipa::path(get, path = "/admin/registrations", tag = "admin", security(("bearer" = [])),
    params(RegistrationQuery),
    responses(
        (status = 200, body = Paged<AdminRegistration>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_registrations(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<RegistrationQuery>,
) -> ApiResult<ApiOk<Vec<AdminRegistration>>> {
    let (rows, meta) = review::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A request with its documents and history; needs `users.view`.
#[utoipa::path(get, path = "/admin/registrations/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<AdminRegistration>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_registration_admin(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminRegistration>> {
    Ok(ApiOk::new(
        review::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Approves a confirmed request: the account is opened (active, with the
/// kind's role) with a supplier's company (approved, with the documents) or
/// a representative's profile, in one transaction; audited. Needs
/// `users.manage`.
#[utoipa::path(post, path = "/admin/registrations/{id}/approve", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<AdminRegistration>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REGISTRATION_NOT_IN_QUEUE, PHONE_TAKEN, COMPANY_EXISTS, CR_NUMBER_TAKEN, PROFILE_EXISTS", body = ErrorEnvelope),
    ))]
async fn approve_registration(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminRegistration>> {
    Ok(ApiOk::new(
        review::approve(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Rejects a confirmed request with a reason; the applicant gets it by
/// e-mail and SMS with a link to resume the request. Audited; needs
/// `users.manage`.
#[utoipa::path(post, path = "/admin/registrations/{id}/reject", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RejectRegistration,
    responses(
        (status = 200, body = Envelope<AdminRegistration>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REGISTRATION_NOT_IN_QUEUE", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn reject_registration(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RejectRegistration>,
) -> ApiResult<ApiOk<AdminRegistration>> {
    Ok(ApiOk::new(
        review::reject(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}
