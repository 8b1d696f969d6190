//! SQL of store promotions. Products and categories are read directly to
//! check a promotion's scope (their features own them).

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{PromotionFields, PromotionRow};

const COLUMNS: &str = "id, store_id, name_ar, name_en, kind, value, product_ids, category_ids, \
    starts_at, ends_at, active, created_at, updated_at";

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, store: Uuid, active: Option<bool>) {
    qb.push(" WHERE deleted_at IS NULL AND store_id = ")
        .push_bind(store);
    if let Some(a) = active {
        qb.push(" AND active = ").push_bind(a);
    }
}

pub async fn list(
    db: &PgPool,
    store: Uuid,
    active: Option<bool>,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<PromotionRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM store_promotions");
    filters(&mut count, store, active);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM store_promotions"));
    filters(&mut qb, store, active);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}

/// A live promotion of the store (another store's is `None`).
pub async fn get(
    db: impl PgExecutor<'_>,
    store: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<PromotionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM store_promotions WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL"
    ))
    .bind(id)
    .bind(store)
    .fetch_optional(db)
    .await
}

/// [`get`], locked against a concurrent edit.
pub async fn lock(
    tx: &mut PgConnection,
    store: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<PromotionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM store_promotions WHERE id = $1 AND store_id = $2 \
         AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .bind(store)
    .fetch_optional(tx)
    .await
}

/// The store's live promotions, counted under the store row's lock so two
/// concurrent creates cannot both pass the limit.
pub async fn count_locked(tx: &mut PgConnection, store: Uuid) -> sqlx::Result<i64> {
    sqlx::query("SELECT 1 FROM stores WHERE id = $1 FOR NO KEY UPDATE")
        .bind(store)
        .execute(&mut *tx)
        .await?;
    sqlx::query_scalar(
        "SELECT count(*) FROM store_promotions WHERE store_id = $1 AND deleted_at IS NULL",
    )
    .bind(store)
    .fetch_one(tx)
    .await
}

pub async fn insert(
    tx: &mut PgConnection,
    store: Uuid,
    f: &PromotionFields,
    actor: Uuid,
) -> sqlx::Result<PromotionRow> {
    sqlx::query_as(&format!(
        "INSERT INTO store_promotions (id, store_id, name_ar, name_en, kind, value, product_ids, \
           category_ids, starts_at, ends_at, active, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(store)
    .bind(&f.name_ar)
    .bind(&f.name_en)
    .bind(f.kind.as_str())
    .bind(f.value)
    .bind(&f.product_ids)
    .bind(&f.category_ids)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.active)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn update(
    tx: &mut PgConnection,
    id: Uuid,
    f: &PromotionFields,
    actor: Uuid,
) -> sqlx::Result<PromotionRow> {
    sqlx::query_as(&format!(
        "UPDATE store_promotions SET name_ar = $2, name_en = $3, kind = $4, value = $5, \
           product_ids = $6, category_ids = $7, starts_at = $8, ends_at = $9, active = $10, \
           updated_at = now(), updated_by = $11 \
         WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(&f.name_ar)
    .bind(&f.name_en)
    .bind(f.kind.as_str())
    .bind(f.value)
    .bind(&f.product_ids)
    .bind(&f.category_ids)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.active)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn soft_delete(tx: &mut PgConnection, id: Uuid, actor: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE store_promotions SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(actor)
    .execute(tx)
    .await?;
    Ok(())
}

/// Of `ids`, the live products of `store` (any status: a draft may be
/// promoted ahead of its approval).
pub async fn products_of_store(
    db: impl PgExecutor<'_>,
    store: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM products WHERE id = ANY($1) AND store_id = $2 AND deleted_at IS NULL",
    )
    .bind(ids)
    .bind(store)
    .fetch_all(db)
    .await
}

/// Of `ids`, the live categories.
pub async fn live_categories(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT id FROM categories WHERE id = ANY($1) AND deleted_at IS NULL")
        .bind(ids)
        .fetch_all(db)
        .await
}

/// The promotions of these stores pricing carts now: live, active, inside
/// their window by the database's clock (a checkout's transaction prices
/// with its own `now()`).
pub async fn running(db: impl PgExecutor<'_>, stores: &[Uuid]) -> sqlx::Result<Vec<PromotionRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM store_promotions WHERE store_id = ANY($1) AND deleted_at IS NULL \
         AND active AND starts_at <= now() AND ends_at > now()"
    ))
    .bind(stores)
    .fetch_all(db)
    .await
}
