//! SQL of the stores' pickup locations as the admins see and re-sync them.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::AdminPickupLocation;

const COLUMNS: &str = "p.store_id, s.name_ar AS store_name_ar, s.name_en AS store_name_en, \
    p.carrier, p.code, p.revision, p.city, p.address, s.city AS store_city, \
    s.address AS store_address, \
    (p.city IS DISTINCT FROM s.city OR p.address IS DISTINCT FROM s.address) AS address_changed, \
    p.created_at, p.updated_at";

/// A page of locations, latest change first, `q` matching either store
/// name; and how many match.
pub async fn list(
    db: &sqlx::PgPool,
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<AdminPickupLocation>, i64)> {
    // `\` is LIKE's own escape: the search's wildcards match themselves.
    let pattern = q.map(|q| {
        let q = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{q}%")
    });
    let filter = "p.deleted_at IS NULL AND ($1::text IS NULL \
        OR s.name_en ILIKE $1 OR s.name_ar ILIKE $1)";
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM pickup_locations p JOIN stores s ON s.id = p.store_id \
         WHERE {filter} ORDER BY p.updated_at DESC, p.store_id LIMIT $2 OFFSET $3"
    ))
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM pickup_locations p JOIN stores s ON s.id = p.store_id WHERE {filter}"
    ))
    .bind(&pattern)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

pub async fn get(
    db: impl PgExecutor<'_>,
    store: Uuid,
) -> sqlx::Result<Option<AdminPickupLocation>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM pickup_locations p JOIN stores s ON s.id = p.store_id \
         WHERE p.store_id = $1 AND p.deleted_at IS NULL"
    ))
    .bind(store)
    .fetch_optional(db)
    .await
}

/// The row, locked for the re-sync that replaces its code.
pub async fn lock(
    conn: &mut PgConnection,
    store: Uuid,
) -> sqlx::Result<Option<AdminPickupLocation>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM pickup_locations p JOIN stores s ON s.id = p.store_id \
         WHERE p.store_id = $1 AND p.deleted_at IS NULL FOR UPDATE OF p"
    ))
    .bind(store)
    .fetch_optional(conn)
    .await
}

/// Records what the carrier now holds for the store.
pub async fn set_synced(
    conn: &mut PgConnection,
    store: Uuid,
    code: &str,
    revision: i32,
    city: &str,
    address: &str,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE pickup_locations SET code = $2, revision = $3, city = $4, address = $5, \
           updated_at = now(), updated_by = $6 WHERE store_id = $1",
    )
    .bind(store)
    .bind(code)
    .bind(revision)
    .bind(city)
    .bind(address)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}
