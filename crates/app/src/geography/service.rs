//! Rules of geography: public reads of live, active rows; admin changes under
//! `catalog.manage`, each in one transaction with its audit row. A city being
//! deleted is locked `FOR UPDATE` and one being pointed at `FOR KEY SHARE`,
//! so a delete and a new address or store in that city cannot both succeed.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::{Area, City, CityQuery, Country, Region, matches};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;

mod activation;
mod admin;
pub use activation::*;
pub use admin::*;

// ---- Public reads -------------------------------------------------------------

pub async fn countries(state: &AppState) -> ApiResult<Vec<Country>> {
    Ok(repo::countries(&state.db, true).await?)
}

pub async fn regions(state: &AppState, country: Option<Uuid>) -> ApiResult<Vec<Region>> {
    Ok(repo::regions(&state.db, country).await?)
}

/// Active cities; the search runs over the (few hundred) cities in memory
/// because the Arabic folding lives in `kernel::text`, not in SQL.
pub async fn cities(state: &AppState, q: &CityQuery) -> ApiResult<Vec<City>> {
    filtered(repo::cities(&state.db, q.country_id, true).await?, q)
}

/// Every live city, inactive ones too, for the admin page.
pub async fn cities_for_admin(
    state: &AppState,
    caller: &Caller,
    q: &CityQuery,
) -> ApiResult<Vec<City>> {
    require(state, caller, Permission::CatalogManage).await?;
    filtered(repo::cities(&state.db, q.country_id, false).await?, q)
}

fn filtered(rows: Vec<City>, q: &CityQuery) -> ApiResult<Vec<City>> {
    Ok(
        match q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(words) => rows.into_iter().filter(|c| matches(c, words)).collect(),
            None => rows,
        },
    )
}

pub async fn city(state: &AppState, id: Uuid) -> ApiResult<City> {
    repo::city(&state.db, id).await?.ok_or(ApiError::NotFound)
}

/// The active areas of a live city.
pub async fn areas(state: &AppState, city: Uuid) -> ApiResult<Vec<Area>> {
    repo::city(&state.db, city)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(repo::areas(&state.db, city, true).await?)
}

/// Every live area of the city, inactive ones too, for the admin page.
pub async fn areas_for_admin(
    state: &AppState,
    caller: &Caller,
    city: Uuid,
) -> ApiResult<Vec<Area>> {
    require(state, caller, Permission::CatalogManage).await?;
    Ok(repo::areas(&state.db, city, false).await?)
}

/// The Arabic name of the live, active city `id`, for the text column of an
/// address or store that names it; `None` when there is no such city. The
/// city stays locked against deletion until the caller's transaction ends.
pub async fn city_name(conn: &mut PgConnection, id: Uuid) -> ApiResult<Option<String>> {
    Ok(repo::city_name(conn, id).await?)
}
