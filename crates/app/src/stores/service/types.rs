//! Reference data of stores: the services they offer and the store types
//! grouping them; admins hold `stores.manage` to change them.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::conflict_on;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;
use crate::stores::model::{ServiceInput, ServiceView, StoreTypeInput, StoreTypeView, clean};
use crate::stores::repo::{self, TypeRow};

const SERVICE_SLUG: [(&str, &str, &str); 1] =
    [("services_slug", "SLUG_TAKEN", "stores-slug-taken")];
const TYPE_SLUG: [(&str, &str, &str); 1] =
    [("store_types_slug", "SLUG_TAKEN", "stores-slug-taken")];

pub async fn services(state: &AppState, caller: &Caller) -> ApiResult<Vec<ServiceView>> {
    require(state, caller, Permission::StoresManage).await?;
    Ok(repo::list_services(&state.db).await?)
}

pub async fn create_service(
    state: &AppState,
    caller: &Caller,
    req: &ServiceInput,
) -> ApiResult<ServiceView> {
    require(state, caller, Permission::StoresManage).await?;
    req.check(true)?;
    let field = |v: &Option<String>| clean(v.as_deref().unwrap_or_default());
    let mut tx = state.db.begin().await?;
    let s = repo::insert_service(
        &mut tx,
        &field(&req.slug),
        &field(&req.name_ar),
        &field(&req.name_en),
        caller.user_id,
    )
    .await
    .map_err(|e| conflict_on(e, &SERVICE_SLUG))?;
    audit::record(
        &mut *tx,
        caller,
        "service.create",
        "service",
        s.id,
        None::<&()>,
        Some(&s),
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

pub async fn update_service(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &ServiceInput,
) -> ApiResult<ServiceView> {
    require(state, caller, Permission::StoresManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_service(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let pick =
        |new: &Option<String>, old: &str| new.as_deref().map_or_else(|| old.to_owned(), clean);
    let changed = ServiceView {
        id,
        slug: pick(&req.slug, &before.slug),
        name_ar: pick(&req.name_ar, &before.name_ar),
        name_en: pick(&req.name_en, &before.name_en),
    };
    let after = repo::update_service(&mut tx, &changed, caller.user_id)
        .await
        .map_err(|e| conflict_on(e, &SERVICE_SLUG))?;
    audit::record(
        &mut *tx,
        caller,
        "service.update",
        "service",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-deletes the service; store types stop offering it.
pub async fn delete_service(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::StoresManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_service(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    repo::delete_service(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "service.delete",
        "service",
        id,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every live store type with its services (public).
pub async fn store_types(state: &AppState) -> ApiResult<Vec<StoreTypeView>> {
    let mut conn = state.db.acquire().await?;
    let types = repo::list_types(&mut *conn).await?;
    views(&mut conn, types).await
}

/// Every store type with its services, for admins (`stores.manage`).
pub async fn store_types_for_admin(
    state: &AppState,
    caller: &Caller,
) -> ApiResult<Vec<StoreTypeView>> {
    require(state, caller, Permission::StoresManage).await?;
    store_types(state).await
}

async fn views(db: &mut PgConnection, types: Vec<TypeRow>) -> ApiResult<Vec<StoreTypeView>> {
    let ids: Vec<Uuid> = types.iter().map(|t| t.id).collect();
    let mut links = repo::type_services(&mut *db, &ids).await?;
    Ok(types
        .into_iter()
        .map(|t| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                links.drain(..).partition(|l| l.store_type_id == t.id);
            links = rest;
            StoreTypeView {
                id: t.id,
                slug: t.slug,
                name_ar: t.name_ar,
                name_en: t.name_en,
                services: mine.into_iter().map(|l| l.view()).collect(),
            }
        })
        .collect())
}

async fn one(db: &mut PgConnection, t: TypeRow) -> ApiResult<StoreTypeView> {
    Ok(views(db, vec![t]).await?.remove(0))
}

/// The service ids, each a live service (422 on `serviceIds` otherwise).
async fn check_services(db: &mut PgConnection, ids: &[Uuid]) -> ApiResult<Vec<Uuid>> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    let live = repo::live_services(&mut *db, &ids).await?;
    let mut e = FieldErrors::new();
    for id in ids.iter().filter(|id| !live.contains(id)) {
        e.add(
            "serviceIds",
            Message::new("stores-validation-service-unknown").arg("id", id.to_string()),
        );
    }
    e.into_result()?;
    Ok(ids)
}

pub async fn create_store_type(
    state: &AppState,
    caller: &Caller,
    req: &StoreTypeInput,
) -> ApiResult<StoreTypeView> {
    require(state, caller, Permission::StoresManage).await?;
    req.check(true)?;
    let field = |v: &Option<String>| clean(v.as_deref().unwrap_or_default());
    let mut tx = state.db.begin().await?;
    let services = check_services(&mut tx, req.service_ids.as_deref().unwrap_or_default()).await?;
    let t = repo::insert_store_type(
        &mut tx,
        &field(&req.slug),
        &field(&req.name_ar),
        &field(&req.name_en),
        caller.user_id,
    )
    .await
    .map_err(|e| conflict_on(e, &TYPE_SLUG))?;
    repo::set_type_services(&mut tx, t.id, &services, caller.user_id).await?;
    let view = one(&mut tx, t).await?;
    audit::record(
        &mut *tx,
        caller,
        "store_type.create",
        "store_type",
        view.id,
        None::<&()>,
        Some(&view),
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

pub async fn update_store_type(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &StoreTypeInput,
) -> ApiResult<StoreTypeView> {
    require(state, caller, Permission::StoresManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store_type(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let services = match &req.service_ids {
        Some(ids) => Some(check_services(&mut tx, ids).await?),
        None => None,
    };
    let pick =
        |new: &Option<String>, old: &str| new.as_deref().map_or_else(|| old.to_owned(), clean);
    let changed = TypeRow {
        id,
        slug: pick(&req.slug, &before.slug),
        name_ar: pick(&req.name_ar, &before.name_ar),
        name_en: pick(&req.name_en, &before.name_en),
    };
    let before = one(&mut tx, before).await?;
    let t = repo::update_store_type(&mut tx, &changed, caller.user_id)
        .await
        .map_err(|e| conflict_on(e, &TYPE_SLUG))?;
    if let Some(services) = &services {
        repo::set_type_services(&mut tx, id, services, caller.user_id).await?;
    }
    let after = one(&mut tx, t).await?;
    audit::record(
        &mut *tx,
        caller,
        "store_type.update",
        "store_type",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-deletes a store type no live store uses (409 otherwise).
pub async fn delete_store_type(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::StoresManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock_store_type(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let in_use = repo::stores_of_type(&mut *tx, id).await?;
    if in_use > 0 {
        return Err(ApiError::Conflict {
            code: "STORE_TYPE_IN_USE",
            message: Message::new("stores-store-type-in-use").arg("count", in_use),
        });
    }
    let before = one(&mut tx, before).await?;
    repo::delete_store_type(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "store_type.delete",
        "store_type",
        id,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
