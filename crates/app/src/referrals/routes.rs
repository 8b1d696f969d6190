use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    AdminReferral, AdminReferralQuery, ApplyReferral, MyReferral, ReferralSummary, RevokeReferral,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_referrals))
        .routes(routes!(apply_code))
        .routes(routes!(admin_referrals))
        .routes(routes!(revoke_referral))
}

/// The caller's referral code (made on first read), its share link, how
/// many customers it brought and what it earned.
#[utoipa::path(get, path = "/referrals/me", tag = "referrals", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<ReferralSummary>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a customer", body = ErrorEnvelope),
    ))]
async fn my_referrals(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<ReferralSummary>> {
    Ok(ApiOk::new(service::me(&state, &caller).await?))
}

/// Applies another customer's code, once, before the caller's first
/// delivered order. Both wallets are credited when that order is delivered.
#[utoipa::path(post, path = "/referrals/apply", tag = "referrals", security(("bearer" = [])),
    request_body = ApplyReferral,
    responses(
        (status = 201, body = Envelope<MyReferral>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "not a customer", body = ErrorEnvelope),
        (status = 409, description = "ALREADY_REFERRED, REFERRAL_TOO_LATE, REFERRAL_PHONE_REWARDED, REFERRAL_DEVICE_REWARDED, REFERRALS_DISABLED", body = ErrorEnvelope),
        (status = 422, description = "REFERRAL_CODE_UNKNOWN, SELF_REFERRAL (on code)", body = ErrorEnvelope),
    ))]
async fn apply_code(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<ApplyReferral>,
) -> ApiResult<ApiOk<MyReferral>> {
    Ok(ApiOk::created(
        service::apply(&state, &caller, &body).await?,
    ))
}

/// Every referral (`coupons.manage`), newest first, by status and by a code
/// or either party's phone.
#[utoipa::path(get, path = "/admin/referrals", tag = "referrals", security(("bearer" = [])),
    params(AdminReferralQuery),
    responses(
        (status = 200, body = Paged<AdminReferral>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn admin_referrals(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<AdminReferralQuery>,
) -> ApiResult<ApiOk<Vec<AdminReferral>>> {
    let (rows, meta) = service::admin::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Revokes a referral (`coupons.manage`, audited): a pending one will not
/// reward; a rewarded one keeps its money and is only marked.
#[utoipa::path(post, path = "/admin/referrals/{id}/revoke", tag = "referrals", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RevokeReferral,
    responses(
        (status = 200, body = Envelope<AdminReferral>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn revoke_referral(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RevokeReferral>,
) -> ApiResult<ApiOk<AdminReferral>> {
    Ok(ApiOk::new(
        service::admin::revoke(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}
