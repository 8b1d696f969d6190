//! SQL of offers, their revisions and photos.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::requests::model::{OfferInput, OfferRevision, OfferRow};

const OFFER_ROW: &str = "o.id, o.request_id, o.store_id, s.name_ar AS store_ar, s.name_en AS store_en, \
    s.rating_sum AS store_rating_sum, s.rating_count AS store_rating_count, \
    COALESCE(m.distance_m, 0) AS distance_m, o.status, o.unit_price, o.quantity, o.condition, o.origin, \
    o.brand, o.warranty_days, o.in_stock, o.days_to_obtain, o.fulfilment, o.delivery_fee, o.notes, \
    o.expires_at, o.commission_bp, o.revision, o.created_at, o.updated_at, \
    ARRAY(SELECT p.media_id FROM request_offer_photos p WHERE p.offer_id = o.id ORDER BY p.position) AS photos \
    FROM request_offers o JOIN stores s ON s.id = o.store_id \
    LEFT JOIN part_request_matches m ON m.request_id = o.request_id AND m.store_id = o.store_id";

/// A request's offers (withdrawn ones left out unless `all`), oldest first.
pub async fn offers_of(
    db: impl PgExecutor<'_>,
    request: Uuid,
    all: bool,
) -> sqlx::Result<Vec<OfferRow>> {
    sqlx::query_as(&format!(
        "SELECT {OFFER_ROW} WHERE o.request_id = $1 AND o.deleted_at IS NULL \
           AND ($2 OR o.status <> 'withdrawn') ORDER BY o.created_at, o.id"
    ))
    .bind(request)
    .bind(all)
    .fetch_all(db)
    .await
}

/// The store's offers on a request, newest first (the live one, if any, among them).
pub async fn store_offers(
    db: impl PgExecutor<'_>,
    request: Uuid,
    store: Uuid,
) -> sqlx::Result<Vec<OfferRow>> {
    sqlx::query_as(&format!(
        "SELECT {OFFER_ROW} WHERE o.request_id = $1 AND o.store_id = $2 AND o.deleted_at IS NULL \
         ORDER BY o.created_at DESC, o.id DESC"
    ))
    .bind(request)
    .bind(store)
    .fetch_all(db)
    .await
}

pub async fn get_offer(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<OfferRow>> {
    sqlx::query_as(&format!(
        "SELECT {OFFER_ROW} WHERE o.id = $1 AND o.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub struct NewOfferRow<'a> {
    pub id: Uuid,
    pub request: Uuid,
    pub store: Uuid,
    pub quantity: i32,
    pub input: &'a OfferInput,
    pub expires_at: OffsetDateTime,
    pub commission_bp: i32,
    pub by: Uuid,
}

pub async fn insert_offer(conn: &mut PgConnection, o: &NewOfferRow<'_>) -> sqlx::Result<()> {
    let i = o.input;
    sqlx::query(
        "INSERT INTO request_offers (id, request_id, store_id, unit_price, quantity, condition, origin, \
           brand, warranty_days, in_stock, days_to_obtain, fulfilment, delivery_fee, notes, expires_at, \
           commission_bp, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)",
    )
    .bind(o.id)
    .bind(o.request)
    .bind(o.store)
    .bind(i.unit_price)
    .bind(o.quantity)
    .bind(&i.condition)
    .bind(&i.origin)
    .bind(i.brand.as_deref().map(str::trim).filter(|b| !b.is_empty()))
    .bind(i.warranty_days.unwrap_or(0))
    .bind(i.in_stock)
    .bind(i.days_to_obtain())
    .bind(&i.fulfilment)
    .bind(i.delivery_fee())
    .bind(i.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()))
    .bind(o.expires_at)
    .bind(o.commission_bp)
    .bind(o.by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps the offer as it is now in its history, then replaces its terms
/// and counts the revision. The commission rate stays the one fixed when
/// the offer was first made.
pub async fn revise(
    conn: &mut PgConnection,
    id: Uuid,
    input: &OfferInput,
    expires_at: OffsetDateTime,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO request_offer_revisions (offer_id, revision, snapshot, created_by) \
         SELECT o.id, o.revision, to_jsonb(o) - 'created_by' - 'updated_by' - 'deleted_at' \
           || jsonb_build_object('photos', ARRAY(SELECT media_id FROM request_offer_photos WHERE offer_id = o.id ORDER BY position)), $2 \
         FROM request_offers o WHERE o.id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE request_offers SET unit_price = $2, condition = $3, origin = $4, brand = $5, \
           warranty_days = $6, in_stock = $7, days_to_obtain = $8, fulfilment = $9, delivery_fee = $10, \
           notes = $11, expires_at = $12, revision = revision + 1, updated_at = now(), updated_by = $13 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(input.unit_price)
    .bind(&input.condition)
    .bind(&input.origin)
    .bind(input.brand.as_deref().map(str::trim).filter(|b| !b.is_empty()))
    .bind(input.warranty_days.unwrap_or(0))
    .bind(input.in_stock)
    .bind(input.days_to_obtain())
    .bind(&input.fulfilment)
    .bind(input.delivery_fee())
    .bind(input.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()))
    .bind(expires_at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revisions(db: impl PgExecutor<'_>, offer: Uuid) -> sqlx::Result<Vec<OfferRevision>> {
    sqlx::query_as(
        "SELECT revision, snapshot, created_at FROM request_offer_revisions WHERE offer_id = $1 ORDER BY revision",
    )
    .bind(offer)
    .fetch_all(db)
    .await
}

pub async fn replace_offer_photos(
    conn: &mut PgConnection,
    offer: Uuid,
    photos: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM request_offer_photos WHERE offer_id = $1")
        .bind(offer)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO request_offer_photos (offer_id, media_id, position) \
         SELECT $1, m, i::int FROM unnest($2::uuid[]) WITH ORDINALITY AS t(m, i)",
    )
    .bind(offer)
    .bind(photos)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_offer_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    by: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE request_offers SET status = $2, updated_at = now(), updated_by = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every live offer of the request but `except` moves to `status`; returns
/// their stores.
pub async fn settle_others(
    conn: &mut PgConnection,
    request: Uuid,
    except: Option<Uuid>,
    status: &str,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "UPDATE request_offers SET status = $3, updated_at = now() \
         WHERE request_id = $1 AND status = 'active' AND ($2::uuid IS NULL OR id <> $2) RETURNING store_id",
    )
    .bind(request)
    .bind(except)
    .bind(status)
    .fetch_all(conn)
    .await
}
