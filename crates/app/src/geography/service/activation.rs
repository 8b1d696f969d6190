//! Deactivating and restoring countries, cities and areas. Unlike a delete,
//! this is allowed while addresses and stores name the place: they keep
//! their city, only pickers stop offering it (and new rows may not name it).

use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::super::model::{Area, City, Country};
use super::super::repo::{self, Table};
use super::admin::Change;
use crate::AppState;
use crate::auth::Caller;

fn verb(active: bool) -> &'static str {
    if active { "restore" } else { "deactivate" }
}

/// `country.deactivate` / `country.restore`; its cities leave the pickers
/// with it. Asking for the state it is already in changes nothing and
/// writes no audit row.
pub async fn set_country_active(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    active: bool,
) -> ApiResult<Country> {
    let mut c = Change::begin(state, caller, Table::Countries).await?;
    c.locked(id).await?;
    let before = repo::country(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if before.is_active == active {
        return Ok(before);
    }
    repo::set_active(&mut c.tx, Table::Countries, id, active, caller.user_id).await?;
    let after = Country {
        is_active: active,
        ..before.clone()
    };
    c.commit(verb(active), id, Some(&before), Some(&after))
        .await?;
    Ok(after)
}

/// `city.deactivate` / `city.restore`.
pub async fn set_city_active(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    active: bool,
) -> ApiResult<City> {
    let mut c = Change::begin(state, caller, Table::Cities).await?;
    c.locked(id).await?;
    let before = repo::city(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if before.is_active == active {
        return Ok(before);
    }
    repo::set_active(&mut c.tx, Table::Cities, id, active, caller.user_id).await?;
    let after = City {
        is_active: active,
        ..before.clone()
    };
    c.commit(verb(active), id, Some(&before), Some(&after))
        .await?;
    Ok(after)
}

/// `area.deactivate` / `area.restore`.
pub async fn set_area_active(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    active: bool,
) -> ApiResult<Area> {
    let mut c = Change::begin(state, caller, Table::Areas).await?;
    c.locked(id).await?;
    let before = repo::area(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if before.is_active == active {
        return Ok(before);
    }
    repo::set_active(&mut c.tx, Table::Areas, id, active, caller.user_id).await?;
    let after = Area {
        is_active: active,
        ..before.clone()
    };
    c.commit(verb(active), id, Some(&before), Some(&after))
        .await?;
    Ok(after)
}
