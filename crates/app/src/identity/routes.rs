//! `/auth/*` and `/users/me*`: thin handlers over the identity service.

use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::ValidJson;
use kernel::{ApiOk, ApiResult};

use super::model::{OtpRequest, OtpSent, OtpVerify, ProfilePatch, RefreshRequest, TokenPair, User};
use super::service;
use crate::AppState;
use crate::auth::{Caller, ClientInfo};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_otp))
        .routes(routes!(verify_otp))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(auth_me))
        .routes(routes!(get_me, patch_me))
        .routes(routes!(request_deletion, cancel_deletion))
}

/// Sends a 6-digit sign-in code by SMS.
#[utoipa::path(post, path = "/auth/otp/request", tag = "auth",
    request_body = OtpRequest,
    responses(
        (status = 200, body = Envelope<OtpSent>),
        (status = 400, description = "Malformed JSON", body = ErrorEnvelope),
        (status = 422, description = "Invalid phone or unknown field", body = ErrorEnvelope),
        (status = 429, description = "Resend window or hourly cap; see Retry-After", body = ErrorEnvelope),
        (status = 503, description = "The SMS provider failed", body = ErrorEnvelope),
    ))]
async fn request_otp(
    State(state): State<AppState>,
    client: ClientInfo,
    ValidJson(body): ValidJson<OtpRequest>,
) -> ApiResult<ApiOk<OtpSent>> {
    Ok(ApiOk::new(
        service::request_otp(&state, &body.phone(), &client).await?,
    ))
}

/// Verifies the code; creates the user on first sign-in.
#[utoipa::path(post, path = "/auth/otp/verify", tag = "auth",
    request_body = OtpVerify,
    responses(
        (status = 200, body = Envelope<TokenPair>),
        (status = 400, body = ErrorEnvelope),
        (status = 403, description = "Account suspended (ACCOUNT_SUSPENDED)", body = ErrorEnvelope),
        (status = 422, description = "Invalid input, wrong code (OTP_INVALID) or burned code (OTP_ATTEMPTS_EXCEEDED)", body = ErrorEnvelope),
    ))]
async fn verify_otp(
    State(state): State<AppState>,
    client: ClientInfo,
    ValidJson(body): ValidJson<OtpVerify>,
) -> ApiResult<ApiOk<TokenPair>> {
    Ok(ApiOk::new(
        service::verify_otp(&state, &body, &client).await?,
    ))
}

/// Rotates a refresh token into a new pair; reuse revokes the family.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = Envelope<TokenPair>),
        (status = 401, description = "Unknown, expired, revoked or reused token", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn refresh(
    State(state): State<AppState>,
    ValidJson(body): ValidJson<RefreshRequest>,
) -> ApiResult<ApiOk<TokenPair>> {
    Ok(ApiOk::new(
        service::refresh(&state, &body.refresh_token).await?,
    ))
}

/// Ends the session of the refresh token.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 200, body = NullEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn logout(
    State(state): State<AppState>,
    ValidJson(body): ValidJson<RefreshRequest>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::logout(&state, &body.refresh_token).await?;
    Ok(ApiOk::new(None))
}

/// The signed-in user.
#[utoipa::path(get, path = "/auth/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Envelope<User>), (status = 401, body = ErrorEnvelope)))]
async fn auth_me(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(service::me(&state, &caller).await?))
}

/// The signed-in user's profile.
#[utoipa::path(get, path = "/users/me", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Envelope<User>), (status = 401, body = ErrorEnvelope)))]
async fn get_me(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(service::me(&state, &caller).await?))
}

/// Changes name, email or language.
#[utoipa::path(patch, path = "/users/me", tag = "users", security(("bearer" = [])),
    request_body = ProfilePatch,
    responses(
        (status = 200, body = Envelope<User>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn patch_me(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<ProfilePatch>,
) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(
        service::update_me(&state, &caller, &body).await?,
    ))
}

/// Asks for the account to be deleted after a 30-day grace period.
#[utoipa::path(post, path = "/users/me/deletion", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Envelope<User>), (status = 401, body = ErrorEnvelope)))]
async fn request_deletion(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(
        service::request_deletion(&state, &caller).await?,
    ))
}

/// Withdraws a pending deletion request.
#[utoipa::path(delete, path = "/users/me/deletion", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = Envelope<User>), (status = 401, body = ErrorEnvelope)))]
async fn cancel_deletion(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(service::cancel_deletion(&state, &caller).await?))
}
