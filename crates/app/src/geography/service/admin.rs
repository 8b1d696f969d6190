//! Admin changes of countries, cities and areas.

use serde::Serialize;
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::super::model::{
    Area, City, Country, CountryPatch, NewArea, NewCity, NewCountry, PlacePatch,
};
use super::super::repo::{self, Table};
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::audit;
use crate::auth::Caller;

// ---- Shared rules ---------------------------------------------------------------

fn unique<T>(written: sqlx::Result<T>, key: &'static str) -> ApiResult<T> {
    written.map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            ApiError::conflict("SLUG_TAKEN", key)
        }
        _ => e.into(),
    })
}

fn refuse_in_use(count: i64, code: &'static str, key: &'static str) -> ApiResult<()> {
    if count == 0 {
        return Ok(());
    }
    Err(ApiError::Conflict {
        code,
        message: Message::new(key).arg("count", count),
    })
}

fn apply(target: &mut String, new: &Option<String>) {
    if let Some(v) = new {
        *target = v.trim().to_owned();
    }
}

/// One admin change: `catalog.manage`, one transaction, one audit row
/// (`city.update`).
pub(super) struct Change<'a> {
    pub(super) tx: sqlx::Transaction<'static, sqlx::Postgres>,
    caller: &'a Caller,
    table: Table,
}

impl<'a> Change<'a> {
    pub(super) async fn begin(
        state: &AppState,
        caller: &'a Caller,
        table: Table,
    ) -> ApiResult<Self> {
        require(state, caller, Permission::CatalogManage).await?;
        let tx = state.db.begin().await?;
        Ok(Change { tx, caller, table })
    }

    pub(super) async fn locked(&mut self, id: Uuid) -> ApiResult<()> {
        if !repo::lock(&mut self.tx, self.table, id, false).await? {
            return Err(ApiError::NotFound);
        }
        Ok(())
    }

    pub(super) async fn commit<T: Serialize>(
        mut self,
        verb: &str,
        id: Uuid,
        before: Option<&T>,
        after: Option<&T>,
    ) -> ApiResult<()> {
        let entity = self.table.entity();
        let action = format!("{entity}.{verb}");
        audit::record(
            &mut *self.tx,
            self.caller,
            &action,
            entity,
            id,
            before,
            after,
        )
        .await?;
        self.tx.commit().await?;
        Ok(())
    }

    async fn delete<T: Serialize>(mut self, id: Uuid, before: &T) -> ApiResult<()> {
        repo::soft_delete(&mut self.tx, self.table, id, self.caller.user_id).await?;
        self.commit("delete", id, Some(before), None).await
    }
}

// ---- Countries -------------------------------------------------------------------

pub async fn create_country(
    state: &AppState,
    caller: &Caller,
    req: &NewCountry,
) -> ApiResult<Country> {
    let mut c = Change::begin(state, caller, Table::Countries).await?;
    let row = Country {
        id: Uuid::now_v7(),
        code: req.code.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        is_active: req.is_active.unwrap_or(true),
        sort_order: req.sort_order,
    };
    unique(
        repo::save_country(&mut c.tx, &row, caller.user_id).await,
        "geography-code-taken",
    )?;
    c.commit("create", row.id, None, Some(&row)).await?;
    Ok(row)
}

pub async fn update_country(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &CountryPatch,
) -> ApiResult<Country> {
    let mut c = Change::begin(state, caller, Table::Countries).await?;
    c.locked(id).await?;
    let before = repo::country(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut after = before.clone();
    apply(&mut after.code, &req.code);
    apply(&mut after.name_ar, &req.name_ar);
    apply(&mut after.name_en, &req.name_en);
    after.is_active = req.is_active.unwrap_or(after.is_active);
    after.sort_order = req.sort_order.unwrap_or(after.sort_order);
    unique(
        repo::save_country(&mut c.tx, &after, caller.user_id).await,
        "geography-code-taken",
    )?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Refused while the country has live cities.
pub async fn delete_country(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Countries).await?;
    c.locked(id).await?;
    let before = repo::country(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let cities = repo::live_cities_of(&mut c.tx, id).await?;
    refuse_in_use(cities, "COUNTRY_HAS_CITIES", "geography-country-has-cities")?;
    c.delete(id, &before).await
}

// ---- Cities ----------------------------------------------------------------------

async fn check_region(
    tx: &mut PgConnection,
    region: Option<Uuid>,
    country: Uuid,
    e: &mut FieldErrors,
) -> ApiResult<()> {
    if let Some(r) = region
        && !repo::region_of(tx, r, country).await?
    {
        e.add("regionId", Message::new("geography-region-unknown"));
    }
    Ok(())
}

pub async fn create_city(state: &AppState, caller: &Caller, req: &NewCity) -> ApiResult<City> {
    let mut c = Change::begin(state, caller, Table::Cities).await?;
    let country = req.country_id.ok_or(ApiError::NotFound)?;
    let mut e = FieldErrors::new();
    if !repo::lock(&mut c.tx, Table::Countries, country, true).await? {
        e.add("countryId", Message::new("geography-country-unknown"));
    }
    check_region(&mut c.tx, req.region_id, country, &mut e).await?;
    e.into_result()?;
    let id = Uuid::now_v7();
    let row = City {
        id,
        country_id: country,
        region_id: req.region_id,
        region_name_ar: None,
        region_name_en: None,
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        is_active: req.is_active.unwrap_or(true),
        sort_order: req.sort_order,
    };
    unique(
        repo::save_city(&mut c.tx, &row, caller.user_id).await,
        "geography-slug-taken",
    )?;
    let after = repo::city(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    c.commit("create", id, None, Some(&after)).await?;
    Ok(after)
}

pub async fn update_city(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &PlacePatch,
) -> ApiResult<City> {
    let mut c = Change::begin(state, caller, Table::Cities).await?;
    c.locked(id).await?;
    let before = repo::city(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut e = FieldErrors::new();
    check_region(&mut c.tx, req.region_id, before.country_id, &mut e).await?;
    e.into_result()?;
    let mut row = before.clone();
    row.region_id = req.region_id.or(row.region_id);
    apply(&mut row.slug, &req.slug);
    apply(&mut row.name_ar, &req.name_ar);
    apply(&mut row.name_en, &req.name_en);
    row.is_active = req.is_active.unwrap_or(row.is_active);
    row.sort_order = req.sort_order.unwrap_or(row.sort_order);
    unique(
        repo::save_city(&mut c.tx, &row, caller.user_id).await,
        "geography-slug-taken",
    )?;
    let after = repo::city(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

/// Refused while live addresses or stores name the city; its areas go with it.
pub async fn delete_city(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Cities).await?;
    c.locked(id).await?;
    let before = repo::city(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let uses = repo::city_uses(&mut c.tx, id).await?;
    refuse_in_use(uses, "CITY_IN_USE", "geography-city-in-use")?;
    repo::delete_areas_of(&mut c.tx, id, caller.user_id).await?;
    c.delete(id, &before).await
}

// ---- Areas -----------------------------------------------------------------------

pub async fn create_area(
    state: &AppState,
    caller: &Caller,
    city: Uuid,
    req: &NewArea,
) -> ApiResult<Area> {
    let mut c = Change::begin(state, caller, Table::Areas).await?;
    if !repo::lock(&mut c.tx, Table::Cities, city, true).await? {
        return Err(ApiError::NotFound);
    }
    let row = Area {
        id: Uuid::now_v7(),
        city_id: city,
        slug: req.slug.clone(),
        name_ar: req.name_ar.trim().to_owned(),
        name_en: req.name_en.trim().to_owned(),
        is_active: req.is_active.unwrap_or(true),
        sort_order: req.sort_order,
    };
    unique(
        repo::save_area(&mut c.tx, &row, caller.user_id).await,
        "geography-slug-taken",
    )?;
    c.commit("create", row.id, None, Some(&row)).await?;
    Ok(row)
}

/// `regionId` means nothing for an area and is refused.
pub async fn update_area(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &PlacePatch,
) -> ApiResult<Area> {
    let mut c = Change::begin(state, caller, Table::Areas).await?;
    if req.region_id.is_some() {
        return Err(ApiError::field(
            "regionId",
            Message::new("geography-region-not-for-area"),
        ));
    }
    c.locked(id).await?;
    let before = repo::area(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut after = before.clone();
    apply(&mut after.slug, &req.slug);
    apply(&mut after.name_ar, &req.name_ar);
    apply(&mut after.name_en, &req.name_en);
    after.is_active = req.is_active.unwrap_or(after.is_active);
    after.sort_order = req.sort_order.unwrap_or(after.sort_order);
    unique(
        repo::save_area(&mut c.tx, &after, caller.user_id).await,
        "geography-slug-taken",
    )?;
    c.commit("update", id, Some(&before), Some(&after)).await?;
    Ok(after)
}

pub async fn delete_area(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut c = Change::begin(state, caller, Table::Areas).await?;
    c.locked(id).await?;
    let before = repo::area(&mut *c.tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    c.delete(id, &before).await
}
