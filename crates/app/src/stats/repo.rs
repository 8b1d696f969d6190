//! The dashboards' SQL: what the homes read now (approvals, support,
//! stock, ratings) and the new accounts by day; the orders' figures come
//! from the roll-ups (`rollup`).

pub(super) mod rollup;
pub(super) mod tops;

use sqlx::PgPool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::model::{LOW_STOCK, PLATFORM_TZ};

/// One day's orders, value and commission (the homes' view of orders).
#[derive(Debug, sqlx::FromRow)]
pub struct DayRow {
    pub day: Date,
    pub orders: i64,
    pub value: i64,
    pub commission: i64,
}

#[derive(Debug, sqlx::FromRow)]
pub struct GroupRow {
    pub key: String,
    pub orders: i64,
    pub value: i64,
}

/// New customers or new stores, by platform day.
pub async fn created_by_day(
    db: &PgPool,
    what: Created,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> sqlx::Result<Vec<(Date, i64)>> {
    let sql = match what {
        Created::Customers => {
            "SELECT (created_at AT TIME ZONE $3)::date, count(*) FROM users \
             WHERE role = 'CUSTOMER' AND created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1"
        }
        Created::Stores => {
            "SELECT (created_at AT TIME ZONE $3)::date, count(*) FROM stores \
             WHERE deleted_at IS NULL AND created_at >= $1 AND created_at < $2 GROUP BY 1 ORDER BY 1"
        }
    };
    sqlx::query_as(sql)
        .bind(from)
        .bind(to)
        .bind(PLATFORM_TZ)
        .fetch_all(db)
        .await
}

#[derive(Debug, Clone, Copy)]
pub enum Created {
    Customers,
    Stores,
}

/// What waits for an admin: companies, stores, products, accounts.
pub async fn pending_approvals(db: &PgPool) -> sqlx::Result<(i64, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM companies WHERE status = 'pending' AND deleted_at IS NULL), \
                (SELECT count(*) FROM stores WHERE status = 'pending' AND deleted_at IS NULL), \
                (SELECT count(*) FROM products WHERE status = 'pending_approval' AND deleted_at IS NULL), \
                (SELECT count(*) FROM users WHERE status = 'pending_approval')",
    )
    .fetch_one(db)
    .await
}

/// Support threads whose newest message is from the customer (waiting for staff).
pub async fn open_support_threads(db: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM chat_threads t \
         WHERE t.kind = 'support' AND t.deleted_at IS NULL AND t.last_message_at IS NOT NULL \
           AND (SELECT m.sender_id FROM chat_messages m \
                WHERE m.thread_id = t.id AND m.deleted_at IS NULL ORDER BY m.id DESC LIMIT 1) = t.customer_id",
    )
    .fetch_one(db)
    .await
}

/// A set of stores now: orders waiting to be accepted, active products,
/// products low on stock, and the rating's sum and count.
pub async fn store_now(db: &PgPool, stores: &[Uuid]) -> sqlx::Result<(i64, i64, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT (SELECT count(*) FROM orders WHERE store_id = ANY($1) AND status = 'confirmed' AND deleted_at IS NULL), \
                (SELECT count(*) FROM products WHERE store_id = ANY($1) AND status = 'active' AND deleted_at IS NULL), \
                (SELECT count(*) FROM products p WHERE p.store_id = ANY($1) AND p.status = 'active' AND p.deleted_at IS NULL \
                   AND CASE WHEN EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.deleted_at IS NULL) \
                            THEN EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.deleted_at IS NULL AND v.stock <= $2) \
                            ELSE p.stock <= $2 END), \
                (SELECT coalesce(sum(rating_sum), 0)::bigint FROM stores WHERE id = ANY($1)), \
                (SELECT coalesce(sum(rating_count), 0)::bigint FROM stores WHERE id = ANY($1))",
    )
    .bind(stores)
    .bind(LOW_STOCK)
    .fetch_one(db)
    .await
}
