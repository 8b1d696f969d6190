use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::{ApiOk, ApiResult};

use super::model::{AdminView, NewAdmin, PermissionSet, StatusChange, UserQuery};
use super::permissions::Permission;
use super::service;
use crate::AppState;
use crate::auth::Caller;
use crate::identity::model::User;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(activity))
        .routes(routes!(suspend))
        .routes(routes!(reactivate))
        .routes(routes!(approve))
        .routes(routes!(list_admins, create_admin))
        .routes(routes!(set_permissions))
        .routes(routes!(permissions))
        .routes(routes!(deletion_queue))
        .routes(routes!(finalise_deletion))
}

/// A user's activity (`users.view`): sign-ins with their address and
/// browser, devices, and (for holders of `audit.view`) their audited actions.
#[utoipa::path(get, path = "/admin/users/{id}/activity", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<super::activity::UserActivity>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn activity(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<super::activity::UserActivity>> {
    Ok(ApiOk::new(
        super::activity::activity(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Users with search, filters and paging; needs `users.view`.
#[utoipa::path(get, path = "/admin/users", tag = "admin", security(("bearer" = [])),
    params(UserQuery),
    responses(
        (status = 200, body = Paged<User>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<UserQuery>,
) -> ApiResult<ApiOk<Vec<User>>> {
    let (users, meta) = service::list_users(&state, &caller, &q).await?;
    Ok(ApiOk::page(users, meta))
}

/// Suspends a user (their sessions end at once); needs `users.manage`.
#[utoipa::path(post, path = "/admin/users/{id}/suspend", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = StatusChange,
    responses(
        (status = 200, body = Envelope<User>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
        (status = 422, description = "reason missing", body = ErrorEnvelope),
    ))]
async fn suspend(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<StatusChange>,
) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(
        service::suspend(&state, &caller, parse_id(&id)?, body.reason.as_deref()).await?,
    ))
}

/// Lifts a suspension; needs `users.manage`.
#[utoipa::path(post, path = "/admin/users/{id}/reactivate", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<User>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
    ))]
async fn reactivate(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(
        service::reactivate(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Approves a pending supplier or representative; needs `users.manage`.
#[utoipa::path(post, path = "/admin/users/{id}/approve", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<User>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope),
    ))]
async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<User>> {
    Ok(ApiOk::new(
        service::approve(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Admins and their permissions; needs `admins.manage`.
#[utoipa::path(get, path = "/admin/admins", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<AdminView>>), (status = 403, body = ErrorEnvelope)))]
async fn list_admins(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<AdminView>>> {
    Ok(ApiOk::new(service::list_admins(&state, &caller).await?))
}

/// Makes a phone an admin with permissions; needs `admins.manage`.
#[utoipa::path(post, path = "/admin/admins", tag = "admin", security(("bearer" = [])),
    request_body = NewAdmin,
    responses(
        (status = 201, body = Envelope<AdminView>),
        (status = 403, body = ErrorEnvelope),
        (status = 409, description = "phone of a non-admin user", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_admin(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<NewAdmin>,
) -> ApiResult<ApiOk<AdminView>> {
    Ok(ApiOk::created(
        service::create_admin(&state, &caller, &body).await?,
    ))
}

/// Replaces an admin's permissions; needs `admins.manage`.
#[utoipa::path(put, path = "/admin/admins/{id}/permissions", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = PermissionSet,
    responses(
        (status = 200, body = Envelope<AdminView>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "CANNOT_ACT_ON_SELF: one's own permissions", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn set_permissions(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<PermissionSet>,
) -> ApiResult<ApiOk<AdminView>> {
    Ok(ApiOk::new(
        service::set_admin_permissions(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The fixed catalog of admin permissions.
#[utoipa::path(get, path = "/admin/permissions", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<Permission>>), (status = 403, body = ErrorEnvelope)))]
async fn permissions(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<Permission>>> {
    Ok(ApiOk::new(
        super::permissions::catalog(&state, &caller).await?,
    ))
}

/// Accounts waiting out their deletion grace period; needs `users.view`.
#[utoipa::path(get, path = "/admin/deletion-requests", tag = "admin", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Paged<User>), (status = 403, body = ErrorEnvelope)))]
async fn deletion_queue(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PageQuery>,
) -> ApiResult<ApiOk<Vec<User>>> {
    let (users, meta) = service::deletion_queue(&state, &caller, &q).await?;
    Ok(ApiOk::page(users, meta))
}

/// Anonymises an account whose grace period is over; needs `users.manage`.
#[utoipa::path(post, path = "/admin/deletion-requests/{id}/finalise", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "no request, or grace period not over", body = ErrorEnvelope),
    ))]
async fn finalise_deletion(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::finalise_deletion(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
