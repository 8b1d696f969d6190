//! Stores (branches) of an approved company: opened by the company's owner,
//! managed by whoever holds `store.settings.manage`, activated, suspended and
//! priced by admins, found by customers nearest first.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;
use crate::identity::model::Role;
use crate::stores::access::{self, StoreAccess, StorePermission, StoreRole};
use crate::stores::model::{
    AdminStoreQuery, CompanyStatus, NewStore, PartnerStore, STORE_DEFAULT_ORDER, STORE_SORTS,
    StoreDetail, StorePatch, StoreRoleName, StoreRow, StoreStatus, clean, hours_json, store_phone,
};
use crate::stores::repo::{self, StoreFields};

fn role_of(access: &StoreAccess) -> (StoreRoleName, Vec<StorePermission>) {
    match &access.role {
        StoreRole::Owner => (StoreRoleName::Owner, StorePermission::ALL.to_vec()),
        StoreRole::Employee(p) => {
            let mut p = p.clone();
            p.sort_by_key(|p| p.slug());
            p.dedup();
            (StoreRoleName::Employee, p)
        }
    }
}

fn partner_view(row: StoreRow, access: &StoreAccess) -> PartnerStore {
    let (role, permissions) = role_of(access);
    PartnerStore {
        store: StoreDetail::from(row),
        role,
        permissions,
    }
}

async fn detail(db: &mut PgConnection, id: Uuid) -> ApiResult<StoreRow> {
    repo::store(&mut *db, id).await?.ok_or(ApiError::NotFound)
}

/// The store type must exist; it is share-locked so that it cannot be
/// deleted while the store is being saved.
async fn check_type(db: &mut PgConnection, id: Uuid) -> ApiResult<()> {
    if repo::share_store_type(db, id).await?.is_none() {
        return Err(ApiError::field(
            "storeTypeId",
            Message::new("stores-validation-store-type-unknown"),
        ));
    }
    Ok(())
}

/// The Arabic name of the city a store names by id (the text column follows
/// it); an unknown or inactive city is a 422 on `cityId`.
async fn city_name(tx: &mut PgConnection, id: Uuid) -> ApiResult<String> {
    crate::geography::city_name(tx, id)
        .await?
        .ok_or_else(|| ApiError::field("cityId", Message::new("geography-city-unknown")))
}

/// Opens a store of the caller's approved company, waiting for an admin.
pub async fn create(state: &AppState, caller: &Caller, req: &NewStore) -> ApiResult<PartnerStore> {
    if caller.role != Role::Supplier {
        return Err(ApiError::Denied {
            code: "SUPPLIER_ONLY",
            message: Message::new("stores-supplier-only"),
        });
    }
    let mut tx = state.db.begin().await?;
    let company = repo::company_of_owner(&mut *tx, caller.user_id).await?;
    let company = match (company, req.company_id) {
        (Some(c), Some(asked)) if c.id != asked => return Err(ApiError::NotFound),
        (None, Some(_)) => return Err(ApiError::NotFound),
        (None, None) => {
            return Err(ApiError::conflict(
                "COMPANY_REQUIRED",
                "stores-company-required",
            ));
        }
        (Some(c), _) => c,
    };
    if CompanyStatus::from_db(&company.status) != CompanyStatus::Approved {
        return Err(ApiError::conflict(
            "COMPANY_NOT_APPROVED",
            "stores-company-not-approved",
        ));
    }
    let store_type_id = req.store_type_id.expect("validated");
    check_type(&mut tx, store_type_id).await?;
    let (name_ar, name_en) = (clean(&req.name_ar), clean(&req.name_en));
    let (mut city, address) = (clean(&req.city), clean(&req.address));
    if let Some(named) = req.city_id {
        city = city_name(&mut tx, named).await?;
    }
    let phone = store_phone(req.phone.as_deref());
    let hours = hours_json(&req.working_hours);
    let fields = StoreFields {
        store_type_id,
        name_ar: &name_ar,
        name_en: &name_en,
        phone: phone.as_deref(),
        city: &city,
        city_id: req.city_id,
        address: &address,
        lat: req.lat.expect("validated"),
        lng: req.lng.expect("validated"),
        working_hours: &hours,
    };
    // New stores start at the platform's default rate; admins tune each later.
    let commission = state.settings.current().default_commission_bp;
    let id = repo::insert_store(&mut tx, company.id, &fields, commission, caller.user_id).await?;
    let row = detail(&mut tx, id).await?;
    let view = StoreDetail::from(row.clone());
    audit::record(
        &mut *tx,
        caller,
        "store.create",
        "store",
        id,
        None::<&()>,
        Some(&view),
    )
    .await?;
    tx.commit().await?;
    let access = StoreAccess::known(id, company.id, StoreRole::Owner);
    Ok(partner_view(row, &access))
}

/// The stores the caller owns or works at, with their role in each.
pub async fn mine(state: &AppState, caller: &Caller) -> ApiResult<Vec<PartnerStore>> {
    let rows = repo::partner_stores(&state.db, caller.user_id).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let role = if r.is_owner {
                StoreRole::Owner
            } else {
                StoreRole::Employee(
                    r.employee_permissions
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|s| StorePermission::from_slug(s))
                        .collect(),
                )
            };
            let access = StoreAccess::known(r.store.id, r.store.company_id, role);
            partner_view(r.store, &access)
        })
        .collect())
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<PartnerStore> {
    let access = access::standing(state, caller, id).await?;
    let mut conn = state.db.acquire().await?;
    Ok(partner_view(detail(&mut conn, id).await?, &access))
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &StorePatch,
) -> ApiResult<PartnerStore> {
    let access = access::require(state, caller, id, StorePermission::StoreSettingsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let store_type_id = req.store_type_id.unwrap_or(before.store_type_id);
    if store_type_id != before.store_type_id {
        check_type(&mut tx, store_type_id).await?;
    }
    let pick =
        |new: &Option<String>, old: &str| new.as_deref().map_or_else(|| old.to_owned(), clean);
    let (name_ar, name_en) = (
        pick(&req.name_ar, &before.name_ar),
        pick(&req.name_en, &before.name_en),
    );
    let (mut city, address) = (
        pick(&req.city, &before.city),
        pick(&req.address, &before.address),
    );
    // New text without an id: the trigger matches the text again.
    let city_id = req.city_id.or(if req.city.is_some() {
        None
    } else {
        before.city_id
    });
    // The city the store already names stays even when deactivated since.
    match req.city_id {
        Some(named) if before.city_id == Some(named) => {
            city = crate::geography::city_name(&mut tx, named)
                .await?
                .unwrap_or_else(|| before.city.clone());
        }
        Some(named) => city = city_name(&mut tx, named).await?,
        None => {}
    }
    let phone = match &req.phone {
        Some(p) => store_phone(Some(p)),
        None => before.phone.clone(),
    };
    let hours = match &req.working_hours {
        Some(h) => hours_json(h),
        None => before.working_hours.clone(),
    };
    let fields = StoreFields {
        store_type_id,
        name_ar: &name_ar,
        name_en: &name_en,
        phone: phone.as_deref(),
        city: &city,
        city_id,
        address: &address,
        lat: req.lat.unwrap_or(before.lat),
        lng: req.lng.unwrap_or(before.lng),
        working_hours: &hours,
    };
    repo::update_store(&mut tx, id, &fields, caller.user_id).await?;
    let after = detail(&mut tx, id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store.update",
        "store",
        id,
        Some(&StoreDetail::from(before)),
        Some(&StoreDetail::from(after.clone())),
    )
    .await?;
    tx.commit().await?;
    Ok(partner_view(after, &access))
}

/// Soft-deletes the store; only its owner may, and only once nothing is
/// owed either way: no open order, and a payable balance of zero. (A store
/// that must stop selling now can be suspended.)
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    access::require_owner(state, caller, id).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if crate::orders::service::open_orders_of_store(&mut tx, id).await? > 0 {
        return Err(ApiError::conflict(
            "STORE_HAS_OPEN_ORDERS",
            "stores-store-has-open-orders",
        ));
    }
    if crate::ledger::service::store_balance(&mut *tx, id).await? != 0 {
        return Err(ApiError::conflict(
            "STORE_HAS_BALANCE",
            "stores-store-has-balance",
        ));
    }
    repo::delete_store(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store.delete",
        "store",
        id,
        Some(&StoreDetail::from(before)),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ------------------------------------------------------------------ admins

pub async fn admin_list(
    state: &AppState,
    caller: &Caller,
    q: &AdminStoreQuery,
) -> ApiResult<(Vec<StoreDetail>, Meta)> {
    require(state, caller, Permission::StoresManage).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(STORE_SORTS, STORE_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::admin_stores(&state.db, q, page, &order).await?;
    Ok((
        rows.into_iter().map(StoreDetail::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn admin_get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<StoreDetail> {
    require(state, caller, Permission::StoresManage).await?;
    let mut conn = state.db.acquire().await?;
    Ok(StoreDetail::from(detail(&mut conn, id).await?))
}

async fn change_status(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: StoreStatus,
    reason: Option<&str>,
) -> ApiResult<StoreDetail> {
    require(state, caller, Permission::StoresManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if StoreStatus::from_db(&before.status) == to {
        return Err(match to {
            StoreStatus::Suspended => {
                ApiError::conflict("ALREADY_SUSPENDED", "stores-store-already-suspended")
            }
            _ => ApiError::conflict("ALREADY_ACTIVE", "stores-store-already-active"),
        });
    }
    if to == StoreStatus::Active {
        let company = repo::company(&mut *tx, before.company_id).await?;
        if company.is_none_or(|c| CompanyStatus::from_db(&c.status) != CompanyStatus::Approved) {
            return Err(ApiError::conflict(
                "COMPANY_NOT_APPROVED",
                "stores-company-not-approved",
            ));
        }
    }
    repo::set_store_status(&mut tx, id, to.as_str(), reason, caller.user_id).await?;
    let action = match to {
        StoreStatus::Active => "store.activate",
        _ => "store.suspend",
    };
    audit::record(
        &mut *tx,
        caller,
        action,
        "store",
        id,
        Some(&json!({"status": before.status, "statusReason": before.status_reason})),
        Some(&json!({"status": to, "statusReason": reason})),
    )
    .await?;
    let after = detail(&mut tx, id).await?;
    tx.commit().await?;
    Ok(StoreDetail::from(after))
}

pub async fn activate(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<StoreDetail> {
    change_status(state, caller, id, StoreStatus::Active, None).await
}

pub async fn suspend(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: &str,
) -> ApiResult<StoreDetail> {
    change_status(
        state,
        caller,
        id,
        StoreStatus::Suspended,
        Some(reason.trim()),
    )
    .await
}

pub async fn set_commission(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    commission_bp: i64,
) -> ApiResult<StoreDetail> {
    require(state, caller, Permission::StoresManage).await?;
    let bp = i32::try_from(commission_bp).map_err(|_| {
        ApiError::field(
            "commissionBp",
            Message::new("validation-range")
                .arg("min", 0i64)
                .arg("max", 10_000i64),
        )
    })?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::set_commission(&mut tx, id, bp, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store.commission",
        "store",
        id,
        Some(&json!({"commissionBp": before.commission_bp})),
        Some(&json!({"commissionBp": bp})),
    )
    .await?;
    let after = detail(&mut tx, id).await?;
    tx.commit().await?;
    Ok(StoreDetail::from(after))
}

/// The commission rate (basis points) of an active store, read in the
/// caller's transaction so a sale can fix it; `None` when the store is not
/// active.
pub async fn active_commission(
    conn: &mut sqlx::PgConnection,
    store: uuid::Uuid,
) -> kernel::ApiResult<Option<i32>> {
    Ok(repo::store(&mut *conn, store)
        .await?
        .filter(|s| s.status == "active")
        .map(|s| s.commission_bp))
}
