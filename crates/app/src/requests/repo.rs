//! SQL of requests, their photos, matches and history. Offers are in
//! `repo/offers.rs`, coverage in `repo/coverage.rs`.

mod coverage;
mod offers;

pub use coverage::*;
pub use offers::*;

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{RequestRow, RequestStep, WinRate};

const REQUEST_ROW: &str = "r.id, r.number, r.customer_id, r.car_id, r.make_id, mk.name_ar AS make_ar, \
    mk.name_en AS make_en, r.model_id, md.name_ar AS model_ar, md.name_en AS model_en, r.year, r.vin, \
    r.category_id, c.name_ar AS category_ar, c.name_en AS category_en, r.description, r.quantity, \
    r.condition, r.notes, r.address_id, r.address, r.city, r.district, r.lat, r.lng, r.radius_km, \
    r.status, r.expires_at, r.accepted_offer_id, r.order_id, r.closed_reason, r.closed_at, r.created_at, \
    ARRAY(SELECT p.media_id FROM part_request_photos p WHERE p.request_id = r.id ORDER BY p.position) AS photos, \
    (SELECT count(*) FROM part_request_matches m WHERE m.request_id = r.id) AS stores_count, \
    (SELECT count(*) FROM request_offers o WHERE o.request_id = r.id AND o.deleted_at IS NULL \
       AND o.status <> 'withdrawn') AS offers_count";

const REQUEST_FROM: &str = "FROM part_requests r JOIN car_makes mk ON mk.id = r.make_id \
    JOIN car_models md ON md.id = r.model_id JOIN categories c ON c.id = r.category_id";

pub struct NewRequestRow<'a> {
    pub id: Uuid,
    pub customer: Uuid,
    pub car: Option<Uuid>,
    pub make: Uuid,
    pub model: Uuid,
    pub year: i32,
    pub vin: Option<&'a str>,
    pub category: Uuid,
    pub description: &'a str,
    pub quantity: i32,
    pub condition: &'a str,
    pub notes: Option<&'a str>,
    pub address_id: Option<Uuid>,
    pub address: &'a serde_json::Value,
    pub city: &'a str,
    pub district: Option<&'a str>,
    pub lat: f64,
    pub lng: f64,
    pub radius_km: i32,
    pub expires_at: OffsetDateTime,
}

pub async fn insert(conn: &mut PgConnection, r: &NewRequestRow<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO part_requests (id, number, customer_id, car_id, make_id, model_id, year, vin, \
           category_id, description, quantity, condition, notes, address_id, address, city, district, \
           lat, lng, radius_km, expires_at, created_by, updated_by) \
         VALUES ($1, 'R' || nextval('part_request_numbers'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
           $12, $13, $14, $15, $16, $17, $18, $19, $20, $2, $2)",
    )
    .bind(r.id)
    .bind(r.customer)
    .bind(r.car)
    .bind(r.make)
    .bind(r.model)
    .bind(r.year)
    .bind(r.vin)
    .bind(r.category)
    .bind(r.description)
    .bind(r.quantity)
    .bind(r.condition)
    .bind(r.notes)
    .bind(r.address_id)
    .bind(r.address)
    .bind(r.city)
    .bind(r.district)
    .bind(r.lat)
    .bind(r.lng)
    .bind(r.radius_km)
    .bind(r.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn replace_photos(
    conn: &mut PgConnection,
    request: Uuid,
    photos: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM part_request_photos WHERE request_id = $1")
        .bind(request)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO part_request_photos (request_id, media_id, position) \
         SELECT $1, m, i::int FROM unnest($2::uuid[]) WITH ORDINALITY AS t(m, i)",
    )
    .bind(request)
    .bind(photos)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many of `ids` are live uploads of `owner` for requests (photos of a
/// request or an offer).
pub async fn own_photos(db: impl PgExecutor<'_>, owner: Uuid, ids: &[Uuid]) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM media_files WHERE id = ANY($1) AND owner_id = $2 \
         AND purpose = 'REQUEST_PHOTO' AND deleted_at IS NULL",
    )
    .bind(ids)
    .bind(owner)
    .fetch_one(db)
    .await
}

/// Sends the request to the stores that serve it: active, of a type that
/// sells parts, covering its make or its category (or an ancestor of it),
/// and within the radius of its location (the GiST index on the stores'
/// earth points answers the box; the exact distance trims its corners).
pub async fn match_stores(
    conn: &mut PgConnection,
    request: Uuid,
    lat: f64,
    lng: f64,
    radius_m: f64,
    make: Uuid,
    category: Uuid,
) -> sqlx::Result<Vec<(Uuid, f64)>> {
    sqlx::query_as(
        "WITH RECURSIVE up AS ( \
             SELECT id, parent_id FROM categories WHERE id = $6 \
             UNION SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id) \
         INSERT INTO part_request_matches (request_id, store_id, distance_m) \
         SELECT $1, s.id, earth_distance(ll_to_earth($2, $3), ll_to_earth(s.lat, s.lng)) \
         FROM stores s JOIN store_types t ON t.id = s.store_type_id AND t.sells_parts \
         WHERE s.status = 'active' AND s.deleted_at IS NULL \
           AND earth_box(ll_to_earth($2, $3), $4) @> ll_to_earth(s.lat, s.lng) \
           AND earth_distance(ll_to_earth($2, $3), ll_to_earth(s.lat, s.lng)) <= $4 \
           AND EXISTS (SELECT 1 FROM store_coverage v WHERE v.store_id = s.id AND v.deleted_at IS NULL \
                 AND (v.make_id = $5 OR v.category_id IN (SELECT id FROM up))) \
         RETURNING store_id, distance_m",
    )
    .bind(request)
    .bind(lat)
    .bind(lng)
    .bind(radius_m)
    .bind(make)
    .bind(category)
    .fetch_all(conn)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_ROW} {REQUEST_FROM} WHERE r.id = $1 AND r.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Several requests in one query (an inbox page), in no particular order.
pub async fn get_many(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_ROW} {REQUEST_FROM} WHERE r.id = ANY($1) AND r.deleted_at IS NULL"
    ))
    .bind(ids)
    .fetch_all(db)
    .await
}

/// Locks the request row (every change of a request and its offers starts
/// here, so concurrent accepts, offers and expiries run one at a time), then
/// reads it.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RequestRow>> {
    let found: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM part_requests WHERE id = $1 AND deleted_at IS NULL FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    match found {
        Some(id) => get(&mut *conn, id).await,
        None => Ok(None),
    }
}

pub struct ListFilter<'a> {
    pub customer: Option<Uuid>,
    pub status: Option<&'a str>,
    pub q: Option<&'a str>,
}

pub async fn list(
    db: impl PgExecutor<'_> + Copy,
    f: &ListFilter<'_>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<RequestRow>, i64)> {
    let cond = "r.deleted_at IS NULL AND ($1::uuid IS NULL OR r.customer_id = $1) \
        AND ($2::text IS NULL OR r.status = $2) \
        AND ($3::text IS NULL OR r.number ILIKE $3 OR r.description ILIKE '%' || $3 || '%')";
    let rows = sqlx::query_as(&format!(
        "SELECT {REQUEST_ROW} {REQUEST_FROM} WHERE {cond} ORDER BY r.created_at DESC, r.id DESC \
         LIMIT $4 OFFSET $5"
    ))
    .bind(f.customer)
    .bind(f.status)
    .bind(f.q)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM part_requests r WHERE {cond}"
    ))
    .bind(f.customer)
    .bind(f.status)
    .bind(f.q)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

/// A store's standing on a request: its outcome and distance; none when the
/// request was never sent to it.
pub async fn match_of(
    db: impl PgExecutor<'_>,
    request: Uuid,
    store: Uuid,
) -> sqlx::Result<Option<(String, f64)>> {
    sqlx::query_as(
        "SELECT outcome, distance_m FROM part_request_matches WHERE request_id = $1 AND store_id = $2",
    )
    .bind(request)
    .bind(store)
    .fetch_optional(db)
    .await
}

/// The stores a request was sent to.
pub async fn matched_stores(db: impl PgExecutor<'_>, request: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT store_id FROM part_request_matches WHERE request_id = $1 ORDER BY store_id",
    )
    .bind(request)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
pub struct InboxRow {
    pub request_id: Uuid,
    pub outcome: String,
    pub distance_m: f64,
}

/// A store's received requests, newest first, by outcome.
pub async fn inbox(
    db: impl PgExecutor<'_> + Copy,
    store: Uuid,
    outcome: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<InboxRow>, i64)> {
    let rows = sqlx::query_as(
        "SELECT request_id, outcome, distance_m FROM part_request_matches \
         WHERE store_id = $1 AND ($2::text IS NULL OR outcome = $2) \
         ORDER BY created_at DESC, request_id DESC LIMIT $3 OFFSET $4",
    )
    .bind(store)
    .bind(outcome)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(
        "SELECT count(*) FROM part_request_matches WHERE store_id = $1 AND ($2::text IS NULL OR outcome = $2)",
    )
    .bind(store)
    .bind(outcome)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

pub async fn set_outcome(
    conn: &mut PgConnection,
    request: Uuid,
    store: Uuid,
    outcome: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE part_request_matches SET outcome = $3, updated_at = now() \
         WHERE request_id = $1 AND store_id = $2",
    )
    .bind(request)
    .bind(store)
    .bind(outcome)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every still-undecided store (new or offered) of the request moves to
/// `outcome`; returns those stores.
pub async fn settle_outcomes(
    conn: &mut PgConnection,
    request: Uuid,
    outcome: &str,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "UPDATE part_request_matches SET outcome = $2, updated_at = now() \
         WHERE request_id = $1 AND outcome IN ('new', 'offered') RETURNING store_id",
    )
    .bind(request)
    .bind(outcome)
    .fetch_all(conn)
    .await
}

pub async fn win_rate(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<WinRate> {
    let (received, new, offered, won, lost, expired): (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE outcome = 'new'), count(*) FILTER (WHERE outcome = 'offered'), \
           count(*) FILTER (WHERE outcome = 'won'), count(*) FILTER (WHERE outcome = 'lost'), \
           count(*) FILTER (WHERE outcome IN ('expired', 'closed')) \
         FROM part_request_matches WHERE store_id = $1",
    )
    .bind(store)
    .fetch_one(db)
    .await?;
    let decided = won + lost;
    Ok(WinRate {
        received,
        new,
        offered,
        won,
        lost,
        expired,
        win_rate_bp: if decided == 0 {
            0
        } else {
            won * 10_000 / decided
        },
    })
}

pub async fn update_fields(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    description: &str,
    quantity: i32,
    condition: &str,
    notes: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE part_requests SET description = $3, quantity = $4, condition = $5, notes = $6, \
           updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .bind(description)
    .bind(quantity)
    .bind(condition)
    .bind(notes)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct Close<'a> {
    pub status: &'a str,
    pub by: Option<Uuid>,
    pub reason: Option<&'a str>,
    pub offer: Option<Uuid>,
    pub order: Option<Uuid>,
}

pub async fn close(conn: &mut PgConnection, id: Uuid, c: &Close<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE part_requests SET status = $2, closed_reason = $3, closed_at = now(), \
           accepted_offer_id = $4, order_id = $5, updated_at = now(), updated_by = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(c.status)
    .bind(c.reason)
    .bind(c.offer)
    .bind(c.order)
    .bind(c.by)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn history(
    conn: &mut PgConnection,
    request: Uuid,
    from: Option<&str>,
    to: &str,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO part_request_history (request_id, from_status, to_status, actor_id, actor_role, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(request)
    .bind(from)
    .bind(to)
    .bind(actor)
    .bind(role)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn steps(db: impl PgExecutor<'_>, request: Uuid) -> sqlx::Result<Vec<RequestStep>> {
    sqlx::query_as(
        "SELECT from_status, to_status, actor_role, note, created_at FROM part_request_history \
         WHERE request_id = $1 ORDER BY id",
    )
    .bind(request)
    .fetch_all(db)
    .await
}

/// Whether the photo belongs to a request or an offer, and which requests
/// (for the photo's visibility).
pub async fn photo_requests(
    db: impl PgExecutor<'_>,
    media: Uuid,
) -> sqlx::Result<Vec<(Uuid, Option<Uuid>)>> {
    sqlx::query_as(
        "SELECT request_id, NULL::uuid FROM part_request_photos WHERE media_id = $1 \
         UNION ALL SELECT o.request_id, o.store_id FROM request_offer_photos p \
           JOIN request_offers o ON o.id = p.offer_id WHERE p.media_id = $1",
    )
    .bind(media)
    .fetch_all(db)
    .await
}

/// Whether the store's type sells parts.
pub async fn sells_parts(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM stores s JOIN store_types t ON t.id = s.store_type_id \
         WHERE s.id = $1 AND t.sells_parts)",
    )
    .bind(store)
    .fetch_one(db)
    .await
}
