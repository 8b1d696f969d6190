//! Stores' pickup locations at the carrier. The shipment job registers a
//! store's location with its first OTO shipment; admins (`orders.manage`)
//! list them beside the stores' addresses now and re-sync one whose store
//! has moved: the carrier gets the current address under a new code (a
//! create that cannot collide with the old place, whatever the carrier
//! does with a known code), which later shipments name; those booked
//! already keep the place they were booked from.

use uuid::Uuid;

use kernel::{ApiError, ApiResult, Meta};
use providers::shipping::PickupLocation;

use super::super::model::{AdminPickupLocation, PickupQuery};
use super::super::repo::{self, StoreAddress, pickups};
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;

/// The code of a store's location at `revision` (the first keeps the code
/// shipments were booked with before revisions existed).
pub fn code_of(store: Uuid, revision: i32) -> String {
    if revision <= 1 {
        format!("qitaa-{}", store.simple())
    } else {
        format!("qitaa-{}-r{revision}", store.simple())
    }
}

/// What the carrier is told of the store: its address now, the owner (or
/// the platform's shipping contact) to reach. 409 `PICKUP_NO_CONTACT` when
/// there is no e-mail to give: OTO requires one.
pub(super) fn location_of(
    state: &AppState,
    store: &StoreAddress,
    code: String,
) -> ApiResult<PickupLocation> {
    let contact_email = store
        .owner_email
        .clone()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| state.config.shipping.contact_email.clone());
    if contact_email.trim().is_empty() {
        return Err(ApiError::conflict(
            "PICKUP_NO_CONTACT",
            "shipping-pickup-no-contact",
        ));
    }
    Ok(PickupLocation {
        code,
        name: store.name_en.clone(),
        mobile: store
            .phone
            .clone()
            .unwrap_or_else(|| store.owner_phone.clone()),
        address: store.address.clone(),
        city: store.city.clone(),
        country: "SA".into(),
        district: None,
        lat: Some(store.lat),
        lon: Some(store.lng),
        contact_name: store.owner_name.clone().unwrap_or_default(),
        contact_email,
    })
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &PickupQuery,
) -> ApiResult<(Vec<AdminPickupLocation>, Meta)> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    let page = q.checked()?;
    let (rows, total) = pickups::list(&state.db, q.search(), page.limit(), page.offset()).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

/// Registers the store's current address at the carrier under the next
/// revision's code and records it (audited). 404 for a store without a
/// location, 409 `PICKUP_NO_CARRIER` without a carrier, 503 when the
/// carrier refuses or cannot be reached (nothing is recorded then).
pub async fn resync(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
) -> ApiResult<AdminPickupLocation> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    let before = pickups::get(&state.db, store)
        .await?
        .ok_or(ApiError::NotFound)?;
    let Some(carrier) = state.carrier.clone() else {
        return Err(ApiError::conflict(
            "PICKUP_NO_CARRIER",
            "shipping-pickup-no-carrier",
        ));
    };
    let address = repo::store_address(&state.db, store)
        .await?
        .ok_or(ApiError::NotFound)?;
    let revision = before.revision + 1;
    let location = location_of(state, &address, code_of(store, revision))?;
    // Not under the row's lock: the carrier may be slow, and a twin re-sync
    // only registers the same place again.
    carrier
        .ensure_pickup_location(&location)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, store = %store, "the carrier refused a pickup location");
            ApiError::Unavailable
        })?;
    let mut tx = state.db.begin().await?;
    let locked = pickups::lock(&mut tx, store)
        .await?
        .ok_or(ApiError::NotFound)?;
    // A twin got here first with this very revision: its record stands.
    if locked.revision < revision {
        pickups::set_synced(
            &mut tx,
            store,
            &location.code,
            revision,
            &location.city,
            &location.address,
            caller.user_id,
        )
        .await?;
    }
    let after = pickups::get(&mut *tx, store)
        .await?
        .ok_or(ApiError::NotFound)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "pickup_location.resync",
        "store",
        store,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
