//! SQL of coupons, their per-user counters and their uses. Stores,
//! categories and users are read directly (their features own them).

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{CouponFields, CouponQuery, CouponRow, CouponUsage};

const COLUMNS: &str = "id, code, kind, value, min_order, max_discount, starts_at, ends_at, scope, \
    scope_ids, usage_limit, per_user_limit, used_count, active, created_at, updated_at, deleted_at";

/// The name of the unique index on `upper(code)` of live coupons.
pub const CODE_INDEX: &str = "coupons_code";

/// The constraint a unique violation hit, if that is what `e` is.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    let db = e.as_database_error()?;
    if db.is_unique_violation() {
        db.constraint().map(str::to_owned)
    } else {
        None
    }
}

fn like(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

// ---------------------------------------------------------------- admin

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a CouponQuery) {
    qb.push(" WHERE deleted_at IS NULL");
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        qb.push(" AND code ILIKE ").push_bind(like(text));
    }
    if let Some(a) = q.active {
        qb.push(" AND active = ").push_bind(a);
    }
}

pub async fn list(
    db: &PgPool,
    q: &CouponQuery,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<CouponRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM coupons");
    filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM coupons"));
    filters(&mut qb, q);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}

/// A live (not deleted) coupon.
pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<CouponRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A live coupon, locked against concurrent edits and uses.
pub async fn lock(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<CouponRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Whether a coupon with this id was ever created (deleted ones included).
pub async fn exists(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM coupons WHERE id = $1)")
        .bind(id)
        .fetch_one(db)
        .await
}

pub async fn insert(
    tx: &mut PgConnection,
    f: &CouponFields,
    actor: Uuid,
) -> sqlx::Result<CouponRow> {
    sqlx::query_as(&format!(
        "INSERT INTO coupons (id, code, kind, value, min_order, max_discount, starts_at, ends_at, \
           scope, scope_ids, usage_limit, per_user_limit, active, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
         RETURNING {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(&f.code)
    .bind(f.kind.as_str())
    .bind(f.value)
    .bind(f.min_order)
    .bind(f.max_discount)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.scope.as_str())
    .bind(&f.scope_ids)
    .bind(f.usage_limit)
    .bind(f.per_user_limit)
    .bind(f.active)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn update(
    tx: &mut PgConnection,
    id: Uuid,
    f: &CouponFields,
    actor: Uuid,
) -> sqlx::Result<CouponRow> {
    sqlx::query_as(&format!(
        "UPDATE coupons SET code = $2, kind = $3, value = $4, min_order = $5, max_discount = $6, \
           starts_at = $7, ends_at = $8, scope = $9, scope_ids = $10, usage_limit = $11, \
           per_user_limit = $12, active = $13, updated_at = now(), updated_by = $14 \
         WHERE id = $1 RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(&f.code)
    .bind(f.kind.as_str())
    .bind(f.value)
    .bind(f.min_order)
    .bind(f.max_discount)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(f.scope.as_str())
    .bind(&f.scope_ids)
    .bind(f.usage_limit)
    .bind(f.per_user_limit)
    .bind(f.active)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn soft_delete(tx: &mut PgConnection, id: Uuid, actor: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE coupons SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(actor)
    .execute(tx)
    .await?;
    Ok(())
}

/// Of `ids`, the live stores.
pub async fn live_stores(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT id FROM stores WHERE id = ANY($1) AND deleted_at IS NULL")
        .bind(ids)
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

/// Uses of a coupon, newest first, with the user's name and phone.
pub async fn usages(
    db: &PgPool,
    coupon: Uuid,
    page: Page,
) -> sqlx::Result<(Vec<CouponUsage>, i64)> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM coupon_usages WHERE coupon_id = $1")
        .bind(coupon)
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(
        "SELECT cu.id, cu.user_id, u.name AS user_name, u.phone AS user_phone, cu.checkout_id, \
           cu.discount, cu.created_at, cu.released_at \
         FROM coupon_usages cu JOIN users u ON u.id = cu.user_id \
         WHERE cu.coupon_id = $1 ORDER BY cu.created_at DESC, cu.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(coupon)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

// ---------------------------------------------------------------- checkout

/// The live coupon with this code, in any case.
pub async fn by_code(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<CouponRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM coupons WHERE upper(code) = upper($1) AND deleted_at IS NULL"
    ))
    .bind(code)
    .fetch_optional(db)
    .await
}

/// How many times the user has used the coupon (uses given back excluded).
pub async fn used_by(db: impl PgExecutor<'_>, coupon: Uuid, user: Uuid) -> sqlx::Result<i64> {
    let used: Option<i32> = sqlx::query_scalar(
        "SELECT used FROM coupon_user_counts WHERE coupon_id = $1 AND user_id = $2",
    )
    .bind(coupon)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(used.map_or(0, i64::from))
}

/// Takes one use of a live, active coupon unless its global limit is
/// reached; answers its per-user limit (`Some`) when it did, `None` when not.
pub async fn take_use(tx: &mut PgConnection, coupon: Uuid) -> sqlx::Result<Option<Option<i32>>> {
    let row: Option<(Option<i32>,)> = sqlx::query_as(
        "UPDATE coupons SET used_count = used_count + 1 \
         WHERE id = $1 AND deleted_at IS NULL AND active \
           AND (usage_limit IS NULL OR used_count < usage_limit) \
         RETURNING per_user_limit",
    )
    .bind(coupon)
    .fetch_optional(tx)
    .await?;
    Ok(row.map(|(limit,)| limit))
}

/// Gives one use back to the coupon's global counter.
pub async fn give_back(tx: &mut PgConnection, coupon: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE coupons SET used_count = used_count - 1 WHERE id = $1 AND used_count > 0")
        .bind(coupon)
        .execute(tx)
        .await?;
    Ok(())
}

/// Counts one use for the user unless they reached `limit`; false when they had.
pub async fn take_user_use(
    tx: &mut PgConnection,
    coupon: Uuid,
    user: Uuid,
    limit: Option<i32>,
) -> sqlx::Result<bool> {
    let row: Option<i32> = sqlx::query_scalar(
        "INSERT INTO coupon_user_counts AS c (coupon_id, user_id, used) \
         VALUES ($1, $2, 1) \
         ON CONFLICT (coupon_id, user_id) DO UPDATE SET used = c.used + 1 \
           WHERE $3::int IS NULL OR c.used < $3 \
         RETURNING used",
    )
    .bind(coupon)
    .bind(user)
    .bind(limit)
    .fetch_optional(tx)
    .await?;
    Ok(row.is_some())
}

/// Gives one use back to the user's counter.
pub async fn give_back_user(tx: &mut PgConnection, coupon: Uuid, user: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE coupon_user_counts SET used = used - 1 \
         WHERE coupon_id = $1 AND user_id = $2 AND used > 0",
    )
    .bind(coupon)
    .bind(user)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn insert_usage(
    tx: &mut PgConnection,
    coupon: Uuid,
    user: Uuid,
    checkout: Uuid,
    discount: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO coupon_usages (id, coupon_id, user_id, checkout_id, discount) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(Uuid::now_v7())
    .bind(coupon)
    .bind(user)
    .bind(checkout)
    .bind(discount)
    .execute(tx)
    .await?;
    Ok(())
}

/// Marks the checkout's unreleased uses released; answers (coupon, user) of each.
pub async fn release_usages(
    tx: &mut PgConnection,
    checkout: Uuid,
) -> sqlx::Result<Vec<(Uuid, Uuid)>> {
    sqlx::query_as(
        "UPDATE coupon_usages SET released_at = now() \
         WHERE checkout_id = $1 AND released_at IS NULL RETURNING coupon_id, user_id",
    )
    .bind(checkout)
    .fetch_all(tx)
    .await
}
