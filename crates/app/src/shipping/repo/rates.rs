//! SQL of `courier_rates` for the admins: the table with its cities' names,
//! and the writes of one band.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::rates::RateRow;

const RATE: &str = "SELECT r.id, r.city_id, r.city, c.name_ar AS city_name_ar, \
    c.name_en AS city_name_en, r.up_to_grams, r.fee, r.updated_at \
    FROM courier_rates r LEFT JOIN cities c ON c.id = r.city_id";

/// Every live band: "anywhere else" first, then the cities in the
/// geography's order, then legacy texts; lightest first within each.
pub async fn list(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<RateRow>> {
    sqlx::query_as(&format!(
        "{RATE} WHERE r.deleted_at IS NULL \
         ORDER BY (r.city_id IS NULL AND r.city IS NULL) DESC, r.city_id IS NULL, \
           c.sort_order, c.name_en, geo_fold(r.city), r.up_to_grams LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RateRow>> {
    sqlx::query_as(&format!("{RATE} WHERE r.id = $1 AND r.deleted_at IS NULL"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The live band, locked for its change.
pub async fn lock(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RateRow>> {
    sqlx::query_as(&format!(
        "{RATE} WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Serialises the admins' additions (the count below and the insert are one
/// step); the checkout's reads are not blocked by this mode.
pub async fn lock_for_insert(tx: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("LOCK TABLE courier_rates IN SHARE ROW EXCLUSIVE MODE")
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn live_count(tx: &mut PgConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM courier_rates WHERE deleted_at IS NULL")
        .fetch_one(tx)
        .await
}

/// A new band; `city` is the city's Arabic name (none for "anywhere else").
pub async fn insert(
    tx: &mut PgConnection,
    city_id: Option<Uuid>,
    city: Option<&str>,
    grams: i32,
    fee: i64,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "INSERT INTO courier_rates (id, city_id, city, up_to_grams, fee, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(city_id)
    .bind(city)
    .bind(grams)
    .bind(fee)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn update(
    tx: &mut PgConnection,
    id: Uuid,
    grams: i32,
    fee: i64,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE courier_rates SET up_to_grams = $2, fee = $3, updated_at = now(), updated_by = $4 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(grams)
    .bind(fee)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn soft_delete(tx: &mut PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE courier_rates SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}
