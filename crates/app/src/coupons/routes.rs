use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    CheckRequest, CheckResult, Coupon, CouponInput, CouponQuery, CouponUsage, NewCoupon, UsageQuery,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_coupons, create_coupon))
        .routes(routes!(get_coupon, update_coupon, delete_coupon))
        .routes(routes!(list_usages))
        .routes(routes!(check_coupon))
}

/// Live coupons, newest first, with filters and paging; needs `coupons.manage`.
#[utoipa::path(get, path = "/admin/coupons", tag = "admin", security(("bearer" = [])),
    params(CouponQuery),
    responses(
        (status = 200, body = Paged<Coupon>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_coupons(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<CouponQuery>,
) -> ApiResult<ApiOk<Vec<Coupon>>> {
    let (rows, meta) = service::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Creates a coupon; needs `coupons.manage`.
#[utoipa::path(post, path = "/admin/coupons", tag = "admin", security(("bearer" = [])),
    request_body = NewCoupon,
    responses(
        (status = 201, body = Envelope<Coupon>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "COUPON_CODE_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_coupon(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewCoupon>,
) -> ApiResult<ApiOk<Coupon>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, &body).await?,
    ))
}

/// A live coupon; needs `coupons.manage`.
#[utoipa::path(get, path = "/admin/coupons/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Coupon>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_coupon(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Coupon>> {
    Ok(ApiOk::new(
        service::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Changes a coupon's present fields (`null` clears the nullable ones); needs `coupons.manage`.
#[utoipa::path(patch, path = "/admin/coupons/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CouponInput,
    responses(
        (status = 200, body = Envelope<Coupon>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "COUPON_CODE_TAKEN", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn update_coupon(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CouponInput>,
) -> ApiResult<ApiOk<Coupon>> {
    Ok(ApiOk::new(
        service::update(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Deletes a coupon (soft: its history stays, its code is free again); needs `coupons.manage`.
#[utoipa::path(delete, path = "/admin/coupons/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn delete_coupon(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Who used a coupon and when, newest first; needs `coupons.manage`.
#[utoipa::path(get, path = "/admin/coupons/{id}/usages", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path), UsageQuery),
    responses(
        (status = 200, body = Paged<CouponUsage>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_usages(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<UsageQuery>,
) -> ApiResult<ApiOk<Vec<CouponUsage>>> {
    let (rows, meta) = service::usages(&state, &caller, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// What a coupon code would take off the caller's cart now, without using
/// it. 422 codes: `COUPON_NOT_FOUND`, `COUPON_NOT_STARTED`, `COUPON_EXPIRED`,
/// `COUPON_EXHAUSTED`, `COUPON_USER_LIMIT`, `COUPON_NOT_APPLICABLE`,
/// `COUPON_MIN_ORDER`, each naming the `code` field.
#[utoipa::path(post, path = "/coupons/check", tag = "customer", security(("bearer" = [])),
    request_body = CheckRequest,
    responses(
        (status = 200, body = Envelope<CheckResult>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
        (status = 429, body = ErrorEnvelope),
    ))]
async fn check_coupon(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<CheckRequest>,
) -> ApiResult<ApiOk<CheckResult>> {
    Ok(ApiOk::new(service::check(&state, &caller, &body).await?))
}
