//! SQL of cart lines; products, variants and stores are read as they are now.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::LineRow;
use crate::customer::model::VISIBLE_STORE;

/// A live product of a store customers may see (`VISIBLE_STORE`, the
/// customer feature's rule).
fn product_available() -> String {
    format!("(p.status = 'active' AND p.deleted_at IS NULL AND {VISIBLE_STORE})")
}

/// A line joined to its product, variant and store, as of now.
fn line_columns() -> String {
    format!(
        "SELECT ci.id, ci.product_id, ci.variant_id, ci.quantity, p.store_id, \
         s.name_ar AS store_name_ar, s.name_en AS store_name_en, s.commission_bp, p.category_id, \
         p.name_ar, p.name_en, v.name_ar AS variant_name_ar, v.name_en AS variant_name_en, \
         coalesce(v.price, p.price) AS unit_price, coalesce(v.price, p.price) AS list_price, \
         coalesce(v.stock, p.stock) AS stock, p.weight_grams, \
         ({} AND (ci.variant_id IS NULL OR (v.deleted_at IS NULL AND v.product_id = p.id))) AS available, \
         (SELECT pi.media_id FROM product_images pi WHERE pi.product_id = p.id AND pi.deleted_at IS NULL \
          ORDER BY pi.sort_order, pi.id LIMIT 1) AS image_id",
        product_available()
    )
}

const LINE_JOINS: &str = "JOIN products p ON p.id = ci.product_id JOIN stores s ON s.id = p.store_id \
    LEFT JOIN product_variants v ON v.id = ci.variant_id";

/// The caller's cart lines.
fn cart_lines() -> String {
    format!(
        "{} FROM cart_items ci {LINE_JOINS} WHERE ci.user_id = $1",
        line_columns()
    )
}

/// "Buy now" lines: the same view of products given as (product, variant,
/// quantity) lists, without touching the cart.
pub async fn lines_for(
    conn: &mut PgConnection,
    products: &[Uuid],
    variants: &[Option<Uuid>],
    quantities: &[i32],
) -> sqlx::Result<Vec<LineRow>> {
    sqlx::query_as(&format!(
        "{} FROM (SELECT product_id AS id, product_id, variant_id, quantity, n \
           FROM unnest($1::uuid[], $2::uuid[], $3::int[]) WITH ORDINALITY AS t(product_id, variant_id, quantity, n)) ci \
         {LINE_JOINS} ORDER BY p.store_id, ci.n",
        line_columns()
    ))
    .bind(products)
    .bind(variants)
    .bind(quantities)
    .fetch_all(conn)
    .await
}

pub async fn lines(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<LineRow>> {
    sqlx::query_as(&format!(
        "{} ORDER BY p.store_id, ci.created_at, ci.id",
        cart_lines()
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// The lines, with the cart rows locked so two checkouts of one cart serialise.
pub async fn lock_lines(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<Vec<LineRow>> {
    sqlx::query_as(&format!(
        "{} ORDER BY p.store_id, ci.created_at, ci.id FOR UPDATE OF ci",
        cart_lines()
    ))
    .bind(user)
    .fetch_all(conn)
    .await
}

pub async fn line(db: impl PgExecutor<'_>, user: Uuid, id: Uuid) -> sqlx::Result<Option<LineRow>> {
    sqlx::query_as(&format!("{} AND ci.id = $2", cart_lines()))
        .bind(user)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// What a product (or its variant) offers now: (available, stock). `None` when
/// there is no such product, or the variant is not one of its variants.
pub async fn offer(
    db: impl PgExecutor<'_>,
    product: Uuid,
    variant: Option<Uuid>,
) -> sqlx::Result<Option<(bool, i32)>> {
    sqlx::query_as(&format!(
        "SELECT ({} AND ($2::uuid IS NULL OR v.deleted_at IS NULL)), coalesce(v.stock, p.stock) \
         FROM products p JOIN stores s ON s.id = p.store_id \
         LEFT JOIN product_variants v ON v.id = $2 AND v.product_id = p.id \
         WHERE p.id = $1 AND ($2::uuid IS NULL OR v.id IS NOT NULL)",
        product_available()
    ))
    .bind(product)
    .bind(variant)
    .fetch_optional(db)
    .await
}

pub async fn count_lines(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM cart_items WHERE user_id = $1")
        .bind(user)
        .fetch_one(db)
        .await
}

/// How many of this product (and variant) the cart holds, locking the line.
pub async fn held_quantity(
    conn: &mut PgConnection,
    user: Uuid,
    product: Uuid,
    variant: Option<Uuid>,
) -> sqlx::Result<i32> {
    let q: Option<i32> = sqlx::query_scalar(
        "SELECT quantity FROM cart_items WHERE user_id = $1 AND product_id = $2 \
         AND variant_id IS NOT DISTINCT FROM $3 FOR UPDATE",
    )
    .bind(user)
    .bind(product)
    .bind(variant)
    .fetch_optional(conn)
    .await?;
    Ok(q.unwrap_or(0))
}

/// Adds to the line of this product and variant, creating it; returns the new quantity.
pub async fn add(
    conn: &mut PgConnection,
    user: Uuid,
    product: Uuid,
    variant: Option<Uuid>,
    quantity: i32,
) -> sqlx::Result<(Uuid, i32)> {
    sqlx::query_as(
        "INSERT INTO cart_items (id, user_id, product_id, variant_id, quantity) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, product_id, coalesce(variant_id, '00000000-0000-0000-0000-000000000000')) \
         DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity, updated_at = now() \
         RETURNING id, quantity",
    )
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(product)
    .bind(variant)
    .bind(quantity)
    .fetch_one(conn)
    .await
}

pub async fn set_quantity(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
    quantity: i32,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE cart_items SET quantity = $3, updated_at = now() WHERE user_id = $1 AND id = $2",
    )
    .bind(user)
    .bind(id)
    .bind(quantity)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn remove(db: impl PgExecutor<'_>, user: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND id = $2")
        .bind(user)
        .bind(id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn clear(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1")
        .bind(user)
        .execute(db)
        .await?;
    Ok(())
}
