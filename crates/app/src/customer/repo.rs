//! SQL of favorites and addresses. Products and stores are read directly
//! (their features own them) only to decide what customers may see.

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{Address, FavoriteRow, VISIBLE_STORE};

pub async fn store_visible(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM stores s WHERE s.id = $1 AND {VISIBLE_STORE})"
    ))
    .bind(id)
    .fetch_one(db)
    .await
}

pub async fn product_visible(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM products p JOIN stores s ON s.id = p.store_id \
         WHERE p.id = $1 AND p.status = 'active' AND p.deleted_at IS NULL AND {VISIBLE_STORE})"
    ))
    .bind(id)
    .fetch_one(db)
    .await
}

pub async fn add_favorite(
    db: impl PgExecutor<'_>,
    user: Uuid,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO favorites (user_id, target_type, target_id) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(kind)
    .bind(target)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn remove_favorite(
    db: impl PgExecutor<'_>,
    user: Uuid,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND target_type = $2 AND target_id = $3")
        .bind(user)
        .bind(kind)
        .bind(target)
        .execute(db)
        .await?;
    Ok(())
}

/// The user's favorites that are still visible, newest first.
const FAVORITES: &str = "\
    SELECT f.target_type, f.target_id, s.name_ar, s.name_en, NULL::bigint AS price, s.id AS store_id, f.created_at \
    FROM favorites f JOIN stores s ON s.id = f.target_id \
    WHERE f.user_id = $1 AND f.target_type = 'store' AND ($2::text IS NULL OR $2 = 'store') AND {VISIBLE} \
    UNION ALL \
    SELECT f.target_type, f.target_id, p.name_ar, p.name_en, p.price, s.id AS store_id, f.created_at \
    FROM favorites f JOIN products p ON p.id = f.target_id JOIN stores s ON s.id = p.store_id \
    WHERE f.user_id = $1 AND f.target_type = 'product' AND ($2::text IS NULL OR $2 = 'product') \
      AND p.status = 'active' AND p.deleted_at IS NULL AND {VISIBLE}";

pub async fn favorites(
    db: &PgPool,
    user: Uuid,
    kind: Option<&str>,
    page: Page,
) -> sqlx::Result<(Vec<FavoriteRow>, i64)> {
    let union = FAVORITES.replace("{VISIBLE}", VISIBLE_STORE);
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM ({union}) f"))
        .bind(user)
        .bind(kind)
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "{union} ORDER BY created_at DESC, target_id LIMIT $3 OFFSET $4"
    ))
    .bind(user)
    .bind(kind)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

// ---------------------------------------------------------------- addresses

const ADDRESS_COLUMNS: &str = "id, label, recipient_name, phone, city, city_id, district, street, details, \
    lat, lng, is_default, created_at, updated_at";

pub struct AddressFields {
    pub label: String,
    pub recipient_name: String,
    pub phone: String,
    pub city: String,
    /// `None` lets the table's trigger match the text to a city.
    pub city_id: Option<Uuid>,
    pub district: Option<String>,
    pub street: Option<String>,
    pub details: Option<String>,
    pub lat: f64,
    pub lng: f64,
}

/// Serialises the address changes of one user (the single default, the
/// first address), so concurrent requests queue instead of colliding on
/// the unique index.
pub async fn lock_user_addresses(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('addresses:' || $1::text, 0))")
        .bind(user)
        .execute(tx)
        .await?;
    Ok(())
}

pub async fn addresses(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<Address>> {
    sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = $1 AND deleted_at IS NULL \
         ORDER BY is_default DESC, created_at DESC, id"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn count(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM addresses WHERE user_id = $1 AND deleted_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await
}

/// The user's address `id` (no one else's).
pub async fn address(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<Address>> {
    sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// The user's address `id` as an order keeps it: a JSON copy, so later edits
/// or deletion of the address leave placed orders as they were.
pub async fn delivery_address(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<serde_json::Value>> {
    sqlx::query_scalar(
        "SELECT jsonb_build_object('id', id, 'label', label, 'recipientName', recipient_name, \
           'phone', phone, 'city', city, 'district', district, 'street', street, \
           'details', details, 'lat', lat, 'lng', lng) \
         FROM addresses WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

pub async fn insert(
    tx: &mut PgConnection,
    user: Uuid,
    f: &AddressFields,
    is_default: bool,
) -> sqlx::Result<Address> {
    sqlx::query_as(&format!(
        "INSERT INTO addresses (id, user_id, label, recipient_name, phone, city, district, street, \
           details, lat, lng, is_default, city_id, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $2, $2) RETURNING {ADDRESS_COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(&f.label)
    .bind(&f.recipient_name)
    .bind(&f.phone)
    .bind(&f.city)
    .bind(&f.district)
    .bind(&f.street)
    .bind(&f.details)
    .bind(f.lat)
    .bind(f.lng)
    .bind(is_default)
    .bind(f.city_id)
    .fetch_one(tx)
    .await
}

pub async fn update(
    tx: &mut PgConnection,
    user: Uuid,
    id: Uuid,
    f: &AddressFields,
) -> sqlx::Result<Address> {
    sqlx::query_as(&format!(
        "UPDATE addresses SET label = $3, recipient_name = $4, phone = $5, city = $6, district = $7, \
           street = $8, details = $9, lat = $10, lng = $11, city_id = $12, updated_at = now(), \
           updated_by = $2 \
         WHERE id = $1 AND user_id = $2 RETURNING {ADDRESS_COLUMNS}"
    ))
    .bind(id)
    .bind(user)
    .bind(&f.label)
    .bind(&f.recipient_name)
    .bind(&f.phone)
    .bind(&f.city)
    .bind(&f.district)
    .bind(&f.street)
    .bind(&f.details)
    .bind(f.lat)
    .bind(f.lng)
    .bind(f.city_id)
    .fetch_one(tx)
    .await
}

/// Unsets the user's default, then makes `id` the default.
pub async fn make_default(tx: &mut PgConnection, user: Uuid, id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE addresses SET is_default = false, updated_at = now(), updated_by = $1 \
         WHERE user_id = $1 AND is_default AND deleted_at IS NULL AND id <> $2",
    )
    .bind(user)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE addresses SET is_default = true, updated_at = now(), updated_by = $1 \
         WHERE id = $2 AND user_id = $1 AND NOT is_default",
    )
    .bind(user)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn delete(tx: &mut PgConnection, user: Uuid, id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE addresses SET deleted_at = now(), is_default = false, updated_at = now(), updated_by = $1 \
         WHERE id = $2 AND user_id = $1",
    )
    .bind(user)
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// The address to promote when the default goes: the newest remaining.
pub async fn newest(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM addresses WHERE user_id = $1 AND deleted_at IS NULL \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(user)
    .fetch_optional(tx)
    .await
}
