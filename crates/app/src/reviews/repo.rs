//! SQL of reviews. Orders, stores and products belong to their features; they
//! are read here only to decide who may review what, and the stores' and
//! products' rating columns are moved only by relative updates in the
//! transaction of the review that moves them.

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{ReviewRow, Source, TargetType};
use crate::customer::model::VISIBLE_STORE;

const REVIEW_COLUMNS: &str = "r.id, r.order_id, r.booking_id, r.repair_job_id, r.customer_id, \
    r.store_id, r.target_type, r.product_id, r.rep_id, r.stars, r.body, r.reply, r.replied_at, r.replied_by, r.status, \
    r.moderation_reason, r.moderated_by, r.moderated_at, r.created_at, r.updated_at, \
    u.name AS reviewer_name";

const FROM_REVIEWS: &str = "FROM reviews r JOIN users u ON u.id = r.customer_id";

#[derive(Debug, sqlx::FromRow)]
pub struct OrderForReview {
    pub store_id: Uuid,
    pub status: String,
}

/// The customer's order, share-locked so that its status cannot change
/// before the reviews commit; none for anyone else's.
pub async fn order_for_review(
    tx: &mut PgConnection,
    order: Uuid,
    customer: Uuid,
) -> sqlx::Result<Option<OrderForReview>> {
    sqlx::query_as(
        "SELECT store_id, status FROM orders \
         WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL FOR SHARE",
    )
    .bind(order)
    .bind(customer)
    .fetch_optional(tx)
    .await
}

/// The customer's booking (its store and status), share-locked like an
/// order; none for anyone else's.
pub async fn booking_for_review(
    tx: &mut PgConnection,
    booking: Uuid,
    customer: Uuid,
) -> sqlx::Result<Option<OrderForReview>> {
    sqlx::query_as(
        "SELECT store_id, status FROM bookings \
         WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL FOR SHARE",
    )
    .bind(booking)
    .bind(customer)
    .fetch_optional(tx)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct JobForReview {
    pub rep_id: Uuid,
    pub status: String,
}

/// The customer's repair job (its rep and status), share-locked; none for
/// anyone else's.
pub async fn job_for_review(
    tx: &mut PgConnection,
    job: Uuid,
    customer: Uuid,
) -> sqlx::Result<Option<JobForReview>> {
    sqlx::query_as(
        "SELECT rep_id, status FROM repair_jobs \
         WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL FOR SHARE",
    )
    .bind(job)
    .bind(customer)
    .fetch_optional(tx)
    .await
}

/// The source's table, the reviews' column that points at it, and its id.
fn columns(source: Source) -> (&'static str, &'static str, Uuid) {
    match source {
        Source::Order(id) => ("orders", "order_id", id),
        Source::Booking(id) => ("bookings", "booking_id", id),
        Source::Job(id) => ("repair_jobs", "repair_job_id", id),
    }
}

/// Whether the customer has this order, booking or job (any status).
pub async fn owns(db: impl PgExecutor<'_>, source: Source, customer: Uuid) -> sqlx::Result<bool> {
    let (table, _, id) = columns(source);
    sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = $1 AND customer_id = $2 AND deleted_at IS NULL)"
    ))
    .bind(id)
    .bind(customer)
    .fetch_one(db)
    .await
}

pub async fn order_product_ids(tx: &mut PgConnection, order: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT DISTINCT product_id FROM order_items WHERE order_id = $1")
        .bind(order)
        .fetch_all(tx)
        .await
}

pub struct NewReview<'a> {
    pub source: Source,
    pub customer_id: Uuid,
    pub store_id: Option<Uuid>,
    pub product_id: Option<Uuid>,
    pub rep_id: Option<Uuid>,
    pub stars: i16,
    pub body: Option<&'a str>,
}

/// Inserts a review; none when this order already has one of this target
/// (a concurrent twin waits for the first to commit and then gets none).
pub async fn insert(tx: &mut PgConnection, r: &NewReview<'_>) -> sqlx::Result<Option<Uuid>> {
    let target = match (r.product_id, r.rep_id) {
        (Some(_), _) => TargetType::Product,
        (None, Some(_)) => TargetType::Rep,
        (None, None) => TargetType::Store,
    };
    let (order, booking, job) = match r.source {
        Source::Order(id) => (Some(id), None, None),
        Source::Booking(id) => (None, Some(id), None),
        Source::Job(id) => (None, None, Some(id)),
    };
    sqlx::query_scalar(
        "INSERT INTO reviews (id, order_id, booking_id, repair_job_id, customer_id, store_id, \
           target_type, product_id, rep_id, stars, body, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $5, $5) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(order)
    .bind(booking)
    .bind(job)
    .bind(r.customer_id)
    .bind(r.store_id)
    .bind(target.as_str())
    .bind(r.product_id)
    .bind(r.rep_id)
    .bind(r.stars)
    .bind(r.body)
    .fetch_optional(tx)
    .await
}

/// Adds (`sign` 1) or takes away (`sign` -1) one review's stars to its
/// target's aggregate, relative to whatever the row holds now.
pub async fn adjust_rating(
    tx: &mut PgConnection,
    target: TargetType,
    target_id: Uuid,
    stars: i16,
    sign: i32,
) -> sqlx::Result<()> {
    let table = match target {
        TargetType::Store => "stores",
        TargetType::Product => "products",
        // A rep may have no presence row yet (never online since it was
        // added): the first review makes it.
        TargetType::Rep => {
            sqlx::query(
                "INSERT INTO rep_presence (user_id, rating_sum, rating_count) VALUES ($1, $2, $3) \
                 ON CONFLICT (user_id) DO UPDATE SET \
                   rating_sum = rep_presence.rating_sum + EXCLUDED.rating_sum, \
                   rating_count = rep_presence.rating_count + EXCLUDED.rating_count",
            )
            .bind(target_id)
            .bind(i64::from(stars) * i64::from(sign))
            .bind(sign)
            .execute(tx)
            .await?;
            return Ok(());
        }
    };
    sqlx::query(&format!(
        "UPDATE {table} SET rating_sum = rating_sum + $2, rating_count = rating_count + $3 \
         WHERE id = $1"
    ))
    .bind(target_id)
    .bind(i64::from(stars) * i64::from(sign))
    .bind(sign)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn by_ids(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} WHERE r.id = ANY($1) \
         ORDER BY r.target_type DESC, r.product_id NULLS FIRST, r.id"
    ))
    .bind(ids)
    .fetch_all(db)
    .await
}

/// The customer's reviews of one order, booking or job: the store's first,
/// then the products'.
pub async fn for_source(
    db: impl PgExecutor<'_>,
    source: Source,
    customer: Uuid,
) -> sqlx::Result<Vec<ReviewRow>> {
    let (_, column, id) = columns(source);
    sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} \
         WHERE r.{column} = $1 AND r.customer_id = $2 AND r.deleted_at IS NULL \
         ORDER BY r.target_type DESC, r.created_at, r.id"
    ))
    .bind(id)
    .bind(customer)
    .fetch_all(db)
    .await
}

/// A live review, locked for a change of its reply or status.
pub async fn lock(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} WHERE r.id = $1 AND r.deleted_at IS NULL \
         FOR UPDATE OF r"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ReviewRow>> {
    sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} WHERE r.id = $1 AND r.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn set_reply(tx: &mut PgConnection, id: Uuid, text: &str, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE reviews SET reply = $2, replied_at = now(), replied_by = $3, \
           updated_at = now(), updated_by = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(text)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

/// Sets the moderation status, with the reason (none when restoring).
pub async fn set_status(
    tx: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE reviews SET status = $2, moderation_reason = $3, moderated_by = $4, \
           moderated_at = now(), updated_at = now(), updated_by = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

/// A visible store's or product's rating columns; none when customers may
/// not see it.
pub async fn target_rating(
    db: impl PgExecutor<'_>,
    target: TargetType,
    id: Uuid,
) -> sqlx::Result<Option<(i64, i32)>> {
    let sql = match target {
        TargetType::Store => format!(
            "SELECT s.rating_sum, s.rating_count FROM stores s WHERE s.id = $1 AND {VISIBLE_STORE}"
        ),
        TargetType::Product => format!(
            "SELECT p.rating_sum, p.rating_count FROM products p JOIN stores s ON s.id = p.store_id \
             WHERE p.id = $1 AND p.status = 'active' AND p.deleted_at IS NULL AND {VISIBLE_STORE}"
        ),
        TargetType::Rep => "SELECT coalesce(p.rating_sum, 0)::bigint, coalesce(p.rating_count, 0) \
             FROM users u LEFT JOIN rep_presence p ON p.user_id = u.id \
             WHERE u.id = $1 AND u.role = 'REPRESENTATIVE' AND u.status = 'active' \
               AND u.deleted_at IS NULL"
            .to_owned(),
    };
    sqlx::query_as(&sql).bind(id).fetch_optional(db).await
}

/// Visible reviews of a store (its store reviews) or of a product, newest first.
pub async fn public_list(
    db: &PgPool,
    target: TargetType,
    id: Uuid,
    page: Page,
) -> sqlx::Result<(Vec<ReviewRow>, i64)> {
    let column = match target {
        TargetType::Store => "r.store_id",
        TargetType::Product => "r.product_id",
        TargetType::Rep => "r.rep_id",
    };
    let filter = format!(
        "{column} = $1 AND r.target_type = $2 AND r.status = 'visible' AND r.deleted_at IS NULL"
    );
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM reviews r WHERE {filter}"))
        .bind(id)
        .bind(target.as_str())
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} WHERE {filter} \
         ORDER BY r.created_at DESC, r.id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(id)
    .bind(target.as_str())
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

#[derive(Debug, Default)]
pub struct QueueFilter<'a> {
    pub status: Option<&'a str>,
    pub target_type: Option<&'a str>,
    pub store: Option<Uuid>,
    pub product: Option<Uuid>,
    pub customer: Option<Uuid>,
    pub rep: Option<Uuid>,
}

/// The moderation queue, newest first.
pub async fn queue(
    db: &PgPool,
    f: &QueueFilter<'_>,
    page: Page,
) -> sqlx::Result<(Vec<ReviewRow>, i64)> {
    let filter = "r.deleted_at IS NULL \
        AND ($1::text IS NULL OR r.status = $1) \
        AND ($2::text IS NULL OR r.target_type = $2) \
        AND ($3::uuid IS NULL OR r.store_id = $3) \
        AND ($4::uuid IS NULL OR r.product_id = $4) \
        AND ($5::uuid IS NULL OR r.customer_id = $5) \
        AND ($6::uuid IS NULL OR r.rep_id = $6)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM reviews r WHERE {filter}"))
        .bind(f.status)
        .bind(f.target_type)
        .bind(f.store)
        .bind(f.product)
        .bind(f.customer)
        .bind(f.rep)
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {REVIEW_COLUMNS} {FROM_REVIEWS} WHERE {filter} \
         ORDER BY r.created_at DESC, r.id DESC LIMIT $7 OFFSET $8"
    ))
    .bind(f.status)
    .bind(f.target_type)
    .bind(f.store)
    .bind(f.product)
    .bind(f.customer)
    .bind(f.rep)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}
