//! The store's side of its service menu and schedule: items from the
//! services its type binds, priced per body type, with add-ons; the weekly
//! hours, slot length, bays, lead time, horizon and cancellation window; and
//! blocked periods. Everything needs `bookings.manage` on the store.

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use super::super::model::{
    BlockInput, BlockRow, CatalogRow, HoursInput, ItemInput, MAX_BLOCKS, MAX_ITEMS_PER_STORE,
    Schedule, ServiceItem, hhmm,
};
use super::super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::stores::access::{self as store_access, StorePermission};

async fn may_manage(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<()> {
    store_access::require(state, caller, store, StorePermission::BookingsManage).await?;
    Ok(())
}

/// The items of a store with their prices and add-ons.
pub async fn items_of(
    db: &sqlx::PgPool,
    store: Uuid,
    only_active: bool,
    locale: Locale,
) -> ApiResult<Vec<ServiceItem>> {
    let rows = repo::items(db, store, only_active).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let prices = repo::prices(db, &ids).await?;
    let mut addons = repo::addons(db, &ids).await?;
    if only_active {
        addons.retain(|a| a.active);
    }
    Ok(rows
        .into_iter()
        .map(|r| ServiceItem::shape(r, &prices, &addons, locale))
        .collect())
}

/// `GET /stores/{id}/services`: an active store's active menu.
pub async fn public_menu(
    state: &AppState,
    locale: Locale,
    store: Uuid,
) -> ApiResult<Vec<ServiceItem>> {
    match repo::store_for_booking(&state.db, store).await? {
        Some((_, status)) if status == "active" => items_of(&state.db, store, true, locale).await,
        _ => Err(ApiError::NotFound),
    }
}

pub async fn menu(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<Vec<ServiceItem>> {
    may_manage(state, caller, store).await?;
    items_of(&state.db, store, false, caller.client.locale).await
}

/// The services the store's type binds, for the menu editor: (id, name).
pub async fn bindable(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
) -> ApiResult<Vec<(Uuid, String)>> {
    may_manage(state, caller, store).await?;
    Ok(repo::bindable(&state.db, store)
        .await?
        .into_iter()
        .map(|(id, ar, en)| {
            (
                id,
                super::super::model::pick(caller.client.locale, &ar, &en),
            )
        })
        .collect())
}

/// Creates (`id` None) or replaces an item.
pub async fn save_item(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Option<Uuid>,
    input: &ItemInput,
) -> ApiResult<ServiceItem> {
    may_manage(state, caller, store).await?;
    let mut tx = state.db.begin().await?;
    let before = match id {
        Some(id) => Some(
            repo::item(&mut *tx, store, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let mut e = FieldErrors::new();
    if !repo::type_binds(&mut *tx, store, input.service_id).await? {
        e.add("serviceId", Message::new("booking-service-not-offered"));
    }
    let wanted: Vec<Uuid> = input.prices.iter().map(|p| p.body_type_id).collect();
    let known = repo::known_body_types(&mut *tx, &wanted).await?;
    for (i, p) in input.prices.iter().enumerate() {
        if !known.contains(&p.body_type_id) {
            e.add(
                format!("prices[{i}].bodyTypeId"),
                Message::new("booking-body-type-unknown"),
            );
        }
    }
    e.into_result()?;
    if before.is_none() && repo::count_items(&mut *tx, store).await? >= MAX_ITEMS_PER_STORE {
        return Err(ApiError::conflict(
            "TOO_MANY_ITEMS",
            "booking-too-many-items",
        ));
    }
    let item_id = id.unwrap_or_else(Uuid::now_v7);
    repo::save_item(&mut tx, store, item_id, input, caller.user_id).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        if before.is_some() { "service_item.update" } else { "service_item.create" },
        "service_item",
        item_id,
        before
            .as_ref()
            .map(|b| serde_json::json!({"nameEn": b.name_en, "durationMinutes": b.duration_minutes, "active": b.active}))
            .as_ref(),
        Some(&serde_json::to_value(input).unwrap_or_default()),
    )
    .await?;
    tx.commit().await?;
    items_of(&state.db, store, false, caller.client.locale)
        .await?
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or(ApiError::NotFound)
}

pub async fn delete_item(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
) -> ApiResult<()> {
    may_manage(state, caller, store).await?;
    let mut tx = state.db.begin().await?;
    if !repo::delete_item(&mut *tx, store, id, caller.user_id).await? {
        return Err(ApiError::NotFound);
    }
    crate::audit::record(
        &mut *tx,
        caller,
        "service_item.delete",
        "service_item",
        id,
        None::<&serde_json::Value>,
        None::<&serde_json::Value>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every store's service items (admins with `bookings.manage`), by store then order.
pub async fn admin_catalog(
    state: &AppState,
    caller: &Caller,
    q: &super::super::model::CatalogQuery,
) -> ApiResult<(Vec<CatalogRow>, kernel::Meta)> {
    require(state, caller, Permission::BookingsManage).await?;
    q.validate()?;
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) = repo::catalog(
        &state.db,
        &repo::CatalogFilter {
            q: q.q.as_deref(),
            active: q.active,
            arabic: caller.client.locale == Locale::Ar,
            limit: page.limit(),
            offset: page.offset(),
        },
    )
    .await?;
    Ok((rows, kernel::Meta::new(page.page, page.per_page, total)))
}

/// The schedule as stored, or the starting one.
pub async fn schedule_of(db: impl sqlx::PgExecutor<'_> + Copy, store: Uuid) -> ApiResult<Schedule> {
    let Some(s) = repo::schedule(db, store).await? else {
        return Ok(Schedule::default_for_new_store());
    };
    let hours = repo::hours(db, store).await?;
    Ok(Schedule {
        slot_minutes: s.slot_minutes,
        capacity: s.capacity,
        lead_minutes: s.lead_minutes,
        horizon_days: s.horizon_days,
        cancel_window_minutes: s.cancel_window_minutes,
        hours: hours
            .into_iter()
            .map(|h| HoursInput {
                weekday: h.weekday as i8,
                start: hhmm(h.start_minute),
                end: hhmm(h.end_minute),
            })
            .collect(),
    })
}

pub async fn schedule(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<Schedule> {
    may_manage(state, caller, store).await?;
    schedule_of(&state.db, store).await
}

pub async fn save_schedule(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    s: &Schedule,
) -> ApiResult<Schedule> {
    may_manage(state, caller, store).await?;
    let before = schedule_of(&state.db, store).await?;
    let mut tx = state.db.begin().await?;
    repo::save_schedule(&mut tx, store, s, caller.user_id).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "booking_schedule.update",
        "store",
        store,
        Some(&serde_json::to_value(&before).unwrap_or_default()),
        Some(&serde_json::to_value(s).unwrap_or_default()),
    )
    .await?;
    tx.commit().await?;
    schedule_of(&state.db, store).await
}

pub async fn blocks(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<Vec<BlockRow>> {
    may_manage(state, caller, store).await?;
    Ok(repo::blocks(&state.db, store).await?)
}

pub async fn add_block(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    b: &BlockInput,
) -> ApiResult<BlockRow> {
    may_manage(state, caller, store).await?;
    let mut tx = state.db.begin().await?;
    if repo::count_blocks(&mut *tx, store).await? >= MAX_BLOCKS {
        return Err(ApiError::conflict(
            "TOO_MANY_BLOCKS",
            "booking-too-many-blocks",
        ));
    }
    let id = repo::add_block(&mut *tx, store, b, caller.user_id).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "booking_block.create",
        "booking_block",
        id,
        None::<&serde_json::Value>,
        Some(&serde_json::to_value(b).unwrap_or_default()),
    )
    .await?;
    tx.commit().await?;
    repo::blocks(&state.db, store)
        .await?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or(ApiError::NotFound)
}

pub async fn delete_block(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
) -> ApiResult<()> {
    may_manage(state, caller, store).await?;
    let mut tx = state.db.begin().await?;
    if !repo::delete_block(&mut *tx, store, id, caller.user_id).await? {
        return Err(ApiError::NotFound);
    }
    crate::audit::record(
        &mut *tx,
        caller,
        "booking_block.delete",
        "booking_block",
        id,
        None::<&serde_json::Value>,
        None::<&serde_json::Value>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
