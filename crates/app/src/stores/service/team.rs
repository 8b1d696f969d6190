//! A store's employees and their permission slugs. Managed by holders of
//! `store.team.manage`; that permission itself, and the employees holding
//! it, are the owner's alone.

use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::conflict_on;
use crate::AppState;
use crate::audit;
use crate::auth::Caller;
use crate::identity::model::{Role, UserRow};
use crate::identity::service as identity;
use crate::stores::access::{self, StoreAccess, StorePermission};
use crate::stores::model::{
    Employee, EmployeePatch, EmployeeRow, NewEmployee, parse_store_permissions, slugs,
};
use crate::stores::repo;

const MEMBER: [(&str, &str, &str); 1] = [(
    "store_employees_member",
    "EMPLOYEE_EXISTS",
    "stores-employee-exists",
)];

fn grants_team(perms: &[StorePermission]) -> bool {
    perms.contains(&StorePermission::StoreTeamManage)
}

/// A non-owner manager may neither hand out nor take away team management,
/// nor act on a fellow manager or on themself.
fn check_reach(
    access: &StoreAccess,
    caller: &Caller,
    target: Option<&EmployeeRow>,
    new: Option<&[StorePermission]>,
) -> ApiResult<()> {
    if access.is_owner() {
        return Ok(());
    }
    let target_manages = target.is_some_and(|t| {
        t.user_id == caller.user_id || grants_team(&parse_store_permissions(&t.permissions))
    });
    if target_manages || new.is_some_and(grants_team) {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

pub async fn list(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<Vec<Employee>> {
    access::require(state, caller, store, StorePermission::StoreTeamManage).await?;
    Ok(repo::employees(&state.db, store)
        .await?
        .into_iter()
        .map(Employee::from)
        .collect())
}

async fn user_for_phone(
    tx: &mut sqlx::PgConnection,
    caller: &Caller,
    phone: &str,
) -> ApiResult<UserRow> {
    if let Some(u) = identity::user_by_phone(&mut *tx, phone).await? {
        return Ok(u);
    }
    match identity::insert_user(
        &mut *tx,
        phone,
        Role::Customer.as_str(),
        "active",
        Some(caller.user_id),
    )
    .await?
    {
        Some(u) => Ok(u),
        // Signed up at the same moment: take the account that won.
        None => identity::user_by_phone(&mut *tx, phone)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the phone's user vanished").into()),
    }
}

/// Adds the phone's user (a new customer account when the phone is new).
pub async fn add(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    req: &NewEmployee,
) -> ApiResult<Employee> {
    let access = access::require(state, caller, store, StorePermission::StoreTeamManage).await?;
    let perms = parse_store_permissions(&req.permissions);
    check_reach(&access, caller, None, Some(&perms))?;
    let phone = req.phone();
    let mut tx = state.db.begin().await?;
    let user = user_for_phone(&mut tx, caller, phone.as_str()).await?;
    if Role::from_db(&user.role).is_admin() {
        return Err(ApiError::conflict(
            "EMPLOYEE_IS_ADMIN",
            "stores-employee-is-admin",
        ));
    }
    let owner = repo::company(&mut *tx, access.company_id)
        .await?
        .map(|c| c.owner_id);
    if owner == Some(user.id) {
        return Err(ApiError::conflict(
            "EMPLOYEE_IS_OWNER",
            "stores-employee-is-owner",
        ));
    }
    let slugs = slugs(&perms);
    let id = repo::insert_employee(&mut tx, store, user.id, &slugs, caller.user_id)
        .await
        .map_err(|e| conflict_on(e, &MEMBER))?;
    let employee = Employee::from(repo::employee(&mut tx, id).await?);
    audit::record(
        &mut *tx,
        caller,
        "store_employee.create",
        "store_employee",
        id,
        None::<&()>,
        Some(&serde_json::json!({"store": store, "user": user.id, "permissions": slugs})),
    )
    .await?;
    tx.commit().await?;
    Ok(employee)
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    req: &EmployeePatch,
) -> ApiResult<Employee> {
    let access = access::require(state, caller, store, StorePermission::StoreTeamManage).await?;
    let perms = parse_store_permissions(req.permissions.as_deref().unwrap_or_default());
    let mut tx = state.db.begin().await?;
    let before = repo::lock_employee(&mut tx, store, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    check_reach(&access, caller, Some(&before), Some(&perms))?;
    let slugs = slugs(&perms);
    repo::set_employee_permissions(&mut tx, id, &slugs, caller.user_id).await?;
    let after = Employee::from(repo::employee(&mut tx, id).await?);
    audit::record(
        &mut *tx,
        caller,
        "store_employee.update",
        "store_employee",
        id,
        Some(&serde_json::json!({"store": store, "user": before.user_id, "permissions": before.permissions})),
        Some(&serde_json::json!({"store": store, "user": before.user_id, "permissions": slugs})),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-removes the employee: their access ends at once.
pub async fn remove(state: &AppState, caller: &Caller, store: Uuid, id: Uuid) -> ApiResult<()> {
    let access = access::require(state, caller, store, StorePermission::StoreTeamManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_employee(&mut tx, store, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    check_reach(&access, caller, Some(&before), None)?;
    repo::delete_employee(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store_employee.delete",
        "store_employee",
        id,
        Some(&serde_json::json!({"store": store, "user": before.user_id, "permissions": before.permissions})),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
