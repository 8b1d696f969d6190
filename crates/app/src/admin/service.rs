//! Admin actions on users and admins. Every mutation is guarded by
//! [`require`] and writes an audit row in the same transaction.

use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::phone::Phone;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{
    AdminView, NewAdmin, PermissionSet, USER_DEFAULT_ORDER, USER_SORTS, UserQuery,
    parse_permissions,
};
use super::permissions::{Permission, holds, require};
use super::repo;
use crate::AppState;
use crate::audit;
use crate::auth::Caller;
use crate::identity::model::{Role, User, UserRow, UserStatus};
use crate::identity::service as identity;

pub async fn list_users(
    state: &AppState,
    caller: &Caller,
    q: &UserQuery,
) -> ApiResult<(Vec<User>, Meta)> {
    require(state, caller, Permission::UsersView).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(USER_SORTS, USER_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::list_users(&state.db, q, page, &order).await?;
    Ok((
        rows.into_iter().map(User::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// One user's account, as the users list shows it (`users.view`).
pub async fn user(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<User> {
    require(state, caller, Permission::UsersView).await?;
    identity::user_by_id(&state.db, id)
        .await?
        .map(User::from)
        .ok_or(ApiError::NotFound)
}

/// Loads the target under lock; admins are managed only by holders of
/// `admins.manage`, super admins only by super admins, and nobody acts on
/// their own account here.
async fn lock_target(
    state: &AppState,
    tx: &mut sqlx::PgConnection,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<UserRow> {
    let user = repo::lock_user(tx, id).await?.ok_or(ApiError::NotFound)?;
    let role = Role::from_db(&user.role);
    if user.id == caller.user_id {
        return Err(ApiError::conflict(
            "CANNOT_ACT_ON_SELF",
            "admin-cannot-suspend-self",
        ));
    }
    if role == Role::SuperAdmin && caller.role != Role::SuperAdmin {
        return Err(ApiError::Forbidden);
    }
    if role == Role::Admin && !holds(state, caller, Permission::AdminsManage).await? {
        return Err(ApiError::Forbidden);
    }
    Ok(user)
}

async fn change_status(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    from: &[UserStatus],
    to: UserStatus,
    reason: Option<&str>,
    action: &str,
) -> ApiResult<User> {
    require(state, caller, Permission::UsersManage).await?;
    let mut tx = state.db.begin().await?;
    let before = lock_target(state, &mut tx, caller, id).await?;
    let current = UserStatus::from_db(&before.status);
    if current == to {
        return Err(ApiError::conflict(
            "ALREADY_IN_STATE",
            "user-already-in-state",
        ));
    }
    if !from.contains(&current) {
        return Err(ApiError::conflict("ILLEGAL_TRANSITION", "error-conflict"));
    }
    let after = repo::set_status(&mut *tx, id, to.as_str(), reason, caller.user_id).await?;
    if to == UserStatus::Suspended {
        identity::revoke_user_sessions(&mut *tx, id, "suspended").await?;
    }
    let (before, after) = (User::from(before), User::from(after));
    audit::record(
        &mut *tx,
        caller,
        action,
        "user",
        id,
        Some(&status_of(&before)),
        Some(&status_of(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

fn status_of(u: &User) -> serde_json::Value {
    serde_json::json!({"status": u.status, "statusReason": u.status_reason})
}

pub async fn suspend(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: Option<&str>,
) -> ApiResult<User> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_none() {
        return Err(ApiError::field(
            "reason",
            Message::new("validation-required"),
        ));
    }
    change_status(
        state,
        caller,
        id,
        &[UserStatus::Active, UserStatus::PendingApproval],
        UserStatus::Suspended,
        reason,
        "user.suspend",
    )
    .await
}

pub async fn reactivate(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<User> {
    change_status(
        state,
        caller,
        id,
        &[UserStatus::Suspended],
        UserStatus::Active,
        None,
        "user.reactivate",
    )
    .await
}

/// Approves a supplier or representative waiting since sign-up.
pub async fn approve(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<User> {
    change_status(
        state,
        caller,
        id,
        &[UserStatus::PendingApproval],
        UserStatus::Active,
        None,
        "user.approve",
    )
    .await
}

async fn admin_view(state: &AppState, row: UserRow) -> ApiResult<AdminView> {
    let user = User::from(row);
    let permissions = if user.role == Role::SuperAdmin {
        Permission::ALL.to_vec()
    } else {
        parse_permissions(&repo::permissions_of(&state.db, user.id).await?)
    };
    Ok(AdminView { user, permissions })
}

pub async fn list_admins(state: &AppState, caller: &Caller) -> ApiResult<Vec<AdminView>> {
    require(state, caller, Permission::AdminsManage).await?;
    let mut out = Vec::new();
    for row in repo::list_admins(&state.db).await? {
        out.push(admin_view(state, row).await?);
    }
    Ok(out)
}

/// Only super admins may hand out `admins.manage`.
async fn check_grantable(state: &AppState, caller: &Caller, perms: &[Permission]) -> ApiResult<()> {
    require(state, caller, Permission::AdminsManage).await?;
    if perms.contains(&Permission::AdminsManage) && caller.role != Role::SuperAdmin {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

/// Makes the phone's user an ADMIN with `permissions` (creating the user if
/// the phone is new). A phone of a customer, supplier or rep is refused: one
/// phone is one account with one role.
pub async fn create_admin(
    state: &AppState,
    caller: &Caller,
    req: &NewAdmin,
) -> ApiResult<AdminView> {
    let perms = parse_permissions(&req.permissions);
    check_grantable(state, caller, &perms).await?;
    let phone = req.phone();
    let mut tx = state.db.begin().await?;
    let existing = identity::user_by_phone(&mut *tx, phone.as_str()).await?;
    let user = match existing {
        Some(u) if Role::from_db(&u.role) == Role::Admin => u,
        Some(_) => return Err(ApiError::conflict("PHONE_TAKEN", "admin-phone-taken")),
        None => identity::insert_user(
            &mut *tx,
            phone.as_str(),
            "ADMIN",
            "active",
            Some(caller.user_id),
        )
        .await?
        .ok_or_else(|| ApiError::conflict("PHONE_TAKEN", "admin-phone-taken"))?,
    };
    let user = repo::set_role_and_name(
        &mut *tx,
        user.id,
        "ADMIN",
        req.name.as_deref(),
        caller.user_id,
    )
    .await?;
    let slugs: Vec<&str> = perms.iter().map(|p| p.slug()).collect();
    repo::set_permissions(&mut tx, user.id, &slugs, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "admin.create",
        "user",
        user.id,
        None::<&()>,
        Some(&serde_json::json!({"phone": user.phone, "permissions": slugs})),
    )
    .await?;
    tx.commit().await?;
    admin_view(state, user).await
}

pub async fn set_admin_permissions(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &PermissionSet,
) -> ApiResult<AdminView> {
    let perms = parse_permissions(&req.permissions);
    check_grantable(state, caller, &perms).await?;
    let mut tx = state.db.begin().await?;
    let target = lock_target(state, &mut tx, caller, id).await?;
    if Role::from_db(&target.role) != Role::Admin {
        return Err(ApiError::conflict("NOT_AN_ADMIN", "admin-not-admin"));
    }
    let before = repo::permissions_of(&mut *tx, id).await?;
    // An admin without `admins.manage` rights over it cannot take it away either.
    if before.iter().any(|p| p == Permission::AdminsManage.slug())
        != perms.contains(&Permission::AdminsManage)
        && caller.role != Role::SuperAdmin
    {
        return Err(ApiError::Forbidden);
    }
    let slugs: Vec<&str> = perms.iter().map(|p| p.slug()).collect();
    repo::set_permissions(&mut tx, id, &slugs, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "admin.permissions",
        "user",
        id,
        Some(&before),
        Some(&slugs),
    )
    .await?;
    tx.commit().await?;
    admin_view(state, target).await
}

pub async fn deletion_queue(
    state: &AppState,
    caller: &Caller,
    paging: &PageQuery,
) -> ApiResult<(Vec<User>, Meta)> {
    require(state, caller, Permission::UsersView).await?;
    let mut e = FieldErrors::new();
    let page = paging.check(&mut e);
    e.into_result()?;
    let (rows, total) = repo::deletion_queue(&state.db, page).await?;
    Ok((
        rows.into_iter().map(User::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// Anonymises an account whose grace period is over.
pub async fn finalise_deletion(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::UsersManage).await?;
    let mut tx = state.db.begin().await?;
    let target = lock_target(state, &mut tx, caller, id).await?;
    let Some(requested) = target.deletion_requested_at else {
        return Err(ApiError::conflict(
            "NO_DELETION_REQUEST",
            "user-no-deletion-request",
        ));
    };
    if requested + state.config.deletion_grace > OffsetDateTime::now_utc() {
        return Err(ApiError::conflict(
            "DELETION_NOT_DUE",
            "user-deletion-not-due",
        ));
    }
    repo::anonymise(&mut tx, id, caller.user_id).await?;
    identity::revoke_user_sessions(&mut *tx, id, "account_deleted").await?;
    audit::record(
        &mut *tx,
        caller,
        "user.delete",
        "user",
        id,
        Some(&serde_json::json!({"role": target.role, "requestedAt": requested})),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `phone` a super admin (the CLI's bootstrap; no caller to audit).
pub async fn ensure_super_admin(
    db: &sqlx::PgPool,
    phone: &Phone,
    name: Option<&str>,
) -> anyhow::Result<Uuid> {
    let mut tx = db.begin().await?;
    let id = match identity::user_by_phone(&mut *tx, phone.as_str()).await? {
        Some(u) => u.id,
        None => identity::insert_user(&mut *tx, phone.as_str(), "SUPER_ADMIN", "active", None)
            .await?
            .map(|u| u.id)
            .ok_or_else(|| anyhow::anyhow!("the phone was taken concurrently"))?,
    };
    repo::set_role_and_name(&mut *tx, id, "SUPER_ADMIN", name, id).await?;
    tx.commit().await?;
    Ok(id)
}
