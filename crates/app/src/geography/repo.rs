//! SQL of `countries`, `regions`, `cities` and `areas`.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Area, City, Country, Region};

const COUNTRY: &str = "SELECT id, code, name_ar, name_en, is_active, sort_order FROM countries";
const CITY: &str = "SELECT c.id, c.country_id, c.region_id, r.name_ar AS region_name_ar, \
    r.name_en AS region_name_en, c.slug, c.name_ar, c.name_en, c.is_active, c.sort_order \
    FROM cities c LEFT JOIN regions r ON r.id = c.region_id";
/// A city offered to pickers: active, in an active live country.
const OFFERED: &str = "c.is_active AND EXISTS (SELECT 1 FROM countries co \
    WHERE co.id = c.country_id AND co.is_active AND co.deleted_at IS NULL)";
const AREA: &str = "SELECT id, city_id, slug, name_ar, name_en, is_active, sort_order FROM areas";

pub async fn countries(db: impl PgExecutor<'_>, active_only: bool) -> sqlx::Result<Vec<Country>> {
    sqlx::query_as(&format!(
        "{COUNTRY} WHERE deleted_at IS NULL AND (is_active OR NOT $1) ORDER BY sort_order, name_en"
    ))
    .bind(active_only)
    .fetch_all(db)
    .await
}

pub async fn regions(db: impl PgExecutor<'_>, country: Option<Uuid>) -> sqlx::Result<Vec<Region>> {
    sqlx::query_as(
        "SELECT id, country_id, code, name_ar, name_en, sort_order FROM regions \
         WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR country_id = $1) \
         ORDER BY sort_order, code",
    )
    .bind(country)
    .fetch_all(db)
    .await
}

/// A live region of the country, locked against deletion while a city is
/// pointed at it.
pub async fn region_of(tx: &mut PgConnection, id: Uuid, country: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM regions WHERE id = $1 AND country_id = $2 \
         AND deleted_at IS NULL)",
    )
    .bind(id)
    .bind(country)
    .fetch_one(tx)
    .await
}

pub async fn cities(
    db: impl PgExecutor<'_>,
    country: Option<Uuid>,
    active_only: bool,
) -> sqlx::Result<Vec<City>> {
    sqlx::query_as(&format!(
        "{CITY} WHERE c.deleted_at IS NULL AND ($1::uuid IS NULL OR c.country_id = $1) \
         AND (NOT $2 OR ({OFFERED})) ORDER BY c.sort_order, c.name_en"
    ))
    .bind(country)
    .bind(active_only)
    .fetch_all(db)
    .await
}

pub async fn city(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<City>> {
    sqlx::query_as(&format!("{CITY} WHERE c.id = $1 AND c.deleted_at IS NULL"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn areas(
    db: impl PgExecutor<'_>,
    city: Uuid,
    active_only: bool,
) -> sqlx::Result<Vec<Area>> {
    sqlx::query_as(&format!(
        "{AREA} WHERE city_id = $1 AND deleted_at IS NULL AND (is_active OR NOT $2) \
         ORDER BY sort_order, name_en"
    ))
    .bind(city)
    .bind(active_only)
    .fetch_all(db)
    .await
}

/// The three tables an admin changes.
#[derive(Clone, Copy)]
pub enum Table {
    Countries,
    Cities,
    Areas,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Countries => "countries",
            Table::Cities => "cities",
            Table::Areas => "areas",
        }
    }

    /// The audit entity (`city.update`).
    pub fn entity(self) -> &'static str {
        match self {
            Table::Countries => "country",
            Table::Cities => "city",
            Table::Areas => "area",
        }
    }
}

/// Locks the live row `FOR UPDATE` (or `FOR KEY SHARE` when a new row will
/// point at it), so a delete and a new reference cannot both succeed.
pub async fn lock(tx: &mut PgConnection, t: Table, id: Uuid, share: bool) -> sqlx::Result<bool> {
    let mode = if share { "FOR KEY SHARE" } else { "FOR UPDATE" };
    let found: Option<Uuid> = sqlx::query_scalar(&format!(
        "SELECT id FROM {} WHERE id = $1 AND deleted_at IS NULL {mode}",
        t.name()
    ))
    .bind(id)
    .fetch_optional(tx)
    .await?;
    Ok(found.is_some())
}

pub async fn country(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Country>> {
    sqlx::query_as(&format!("{COUNTRY} WHERE id = $1 AND deleted_at IS NULL"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn area(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Area>> {
    sqlx::query_as(&format!("{AREA} WHERE id = $1 AND deleted_at IS NULL"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn save_country(tx: &mut PgConnection, c: &Country, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO countries (id, code, name_ar, name_en, is_active, sort_order, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (id) DO UPDATE SET code = $2, name_ar = $3, name_en = $4, is_active = $5, \
           sort_order = $6, updated_at = now(), updated_by = $7",
    )
    .bind(c.id)
    .bind(&c.code)
    .bind(&c.name_ar)
    .bind(&c.name_en)
    .bind(c.is_active)
    .bind(c.sort_order)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn save_city(tx: &mut PgConnection, c: &City, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO cities (id, country_id, region_id, slug, name_ar, name_en, is_active, sort_order, \
           created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (id) DO UPDATE SET region_id = $3, slug = $4, name_ar = $5, name_en = $6, \
           is_active = $7, sort_order = $8, updated_at = now(), updated_by = $9",
    )
    .bind(c.id)
    .bind(c.country_id)
    .bind(c.region_id)
    .bind(&c.slug)
    .bind(&c.name_ar)
    .bind(&c.name_en)
    .bind(c.is_active)
    .bind(c.sort_order)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn save_area(tx: &mut PgConnection, a: &Area, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO areas (id, city_id, slug, name_ar, name_en, is_active, sort_order, \
           created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         ON CONFLICT (id) DO UPDATE SET slug = $3, name_ar = $4, name_en = $5, \
           is_active = $6, sort_order = $7, updated_at = now(), updated_by = $8",
    )
    .bind(a.id)
    .bind(a.city_id)
    .bind(&a.slug)
    .bind(&a.name_ar)
    .bind(&a.name_en)
    .bind(a.is_active)
    .bind(a.sort_order)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn soft_delete(tx: &mut PgConnection, t: Table, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "UPDATE {} SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE id = $1 AND deleted_at IS NULL",
        t.name()
    ))
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

/// A deleted city takes its areas with it.
pub async fn delete_areas_of(tx: &mut PgConnection, city: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE areas SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE city_id = $1 AND deleted_at IS NULL",
    )
    .bind(city)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn live_cities_of(tx: &mut PgConnection, country: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM cities WHERE country_id = $1 AND deleted_at IS NULL")
        .bind(country)
        .fetch_one(tx)
        .await
}

/// Live addresses and stores that name the city.
pub async fn city_uses(tx: &mut PgConnection, city: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM addresses WHERE city_id = $1 AND deleted_at IS NULL) \
              + (SELECT count(*) FROM stores WHERE city_id = $1 AND deleted_at IS NULL)",
    )
    .bind(city)
    .fetch_one(tx)
    .await
}

/// The Arabic name of a live city offered to pickers, locked against
/// deletion while the caller's row points at it.
pub async fn city_name(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(&format!(
        "SELECT c.name_ar FROM cities c WHERE c.id = $1 AND c.deleted_at IS NULL AND {OFFERED} \
         FOR KEY SHARE OF c"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Turns a live row on or off (deactivate/restore); the row stays, so what
/// already names it keeps its name.
pub async fn set_active(
    tx: &mut PgConnection,
    t: Table,
    id: Uuid,
    active: bool,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "UPDATE {} SET is_active = $2, updated_at = now(), updated_by = $3 \
         WHERE id = $1 AND deleted_at IS NULL",
        t.name()
    ))
    .bind(id)
    .bind(active)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}
