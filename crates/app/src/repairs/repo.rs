//! SQL of presence, repair requests, offers, jobs and tracks.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::reviews::model::rating_average;

use super::model::{
    EarningLine, JobHistory, Position, Presence, RepStats, RepairInput, RepairJob, RepairOffer,
    RepairRequest,
};

pub async fn set_presence(
    db: impl PgExecutor<'_>,
    rep: Uuid,
    online: bool,
    at: Option<(f64, f64)>,
) -> sqlx::Result<Presence> {
    sqlx::query_as(
        "INSERT INTO rep_presence (user_id, online, lat, lng, seen_at) VALUES ($1, $2, $3, $4, now()) \
         ON CONFLICT (user_id) DO UPDATE SET online = $2, lat = coalesce($3, rep_presence.lat), \
           lng = coalesce($4, rep_presence.lng), seen_at = now(), updated_at = now() \
         RETURNING online, lat, lng, seen_at",
    )
    .bind(rep)
    .bind(online)
    .bind(at.map(|p| p.0))
    .bind(at.map(|p| p.1))
    .fetch_one(db)
    .await
}

pub async fn presence(db: impl PgExecutor<'_>, rep: Uuid) -> sqlx::Result<Option<Presence>> {
    sqlx::query_as("SELECT online, lat, lng, seen_at FROM rep_presence WHERE user_id = $1")
        .bind(rep)
        .fetch_optional(db)
        .await
}

pub async fn insert_request(
    conn: &mut PgConnection,
    id: Uuid,
    customer: Uuid,
    r: &RepairInput,
    car_label: &str,
    radius_km: i32,
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO repair_requests (id, number, customer_id, problem, description, car_id, car_label, \
           lat, lng, address, wanted_at, radius_km, status, expires_at, created_by, updated_by) \
         VALUES ($1, 'T' || nextval('repair_numbers'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $2, $2)",
    )
    .bind(id)
    .bind(customer)
    .bind(&r.problem)
    .bind(r.description.as_deref().unwrap_or("").trim())
    .bind(r.car_id)
    .bind(car_label)
    .bind(r.lat)
    .bind(r.lng)
    .bind(r.address.as_deref().unwrap_or("").trim())
    .bind(r.wanted_at)
    .bind(radius_km)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Matches the online, active reps within the radius; their ids.
/// How many of `ids` are live uploads of `owner` made for requests.
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

pub async fn insert_photos(
    conn: &mut PgConnection,
    request: Uuid,
    photos: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO repair_request_photos (request_id, media_id, position) \
         SELECT $1, m, i::int FROM unnest($2::uuid[]) WITH ORDINALITY AS t(m, i)",
    )
    .bind(request)
    .bind(photos)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `media` is a photo of a repair request that `caller` made or
/// that reached them as a rep.
pub async fn may_see_photo(
    db: impl PgExecutor<'_>,
    media: Uuid,
    caller: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM repair_request_photos p \
           JOIN repair_requests r ON r.id = p.request_id \
           WHERE p.media_id = $1 AND (r.customer_id = $2 OR EXISTS ( \
             SELECT 1 FROM repair_request_reps x WHERE x.request_id = r.id AND x.rep_id = $2)))",
    )
    .bind(media)
    .bind(caller)
    .fetch_one(db)
    .await
}

pub async fn match_reps(
    conn: &mut PgConnection,
    request: Uuid,
    lat: f64,
    lng: f64,
    radius_km: i32,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "INSERT INTO repair_request_reps (request_id, rep_id, distance_m) \
         SELECT $1, p.user_id, earth_distance(ll_to_earth($2, $3), ll_to_earth(p.lat, p.lng)) \
         FROM rep_presence p JOIN users u ON u.id = p.user_id \
         WHERE p.online AND u.role = 'REPRESENTATIVE' AND u.status = 'active' AND u.deleted_at IS NULL \
           AND earth_box(ll_to_earth($2, $3), $4) @> ll_to_earth(p.lat, p.lng) \
           AND earth_distance(ll_to_earth($2, $3), ll_to_earth(p.lat, p.lng)) <= $4 \
         RETURNING rep_id",
    )
    .bind(request)
    .bind(lat)
    .bind(lng)
    .bind(f64::from(radius_km) * 1000.0)
    .fetch_all(conn)
    .await
}

const REQUEST_COLUMNS: &str = "r.id, r.number, r.customer_id, r.problem, r.description, r.car_label, \
    r.lat, r.lng, r.address, r.wanted_at, r.radius_km, r.status, r.expires_at, r.created_at, \
    (SELECT j.id FROM repair_jobs j WHERE j.request_id = r.id) AS job_id, \
    ARRAY(SELECT p.media_id FROM repair_request_photos p WHERE p.request_id = r.id ORDER BY p.position) \
      AS photos";

pub async fn request(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RepairRequest>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM repair_requests r WHERE r.id = $1 AND r.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_request(
    conn: &mut PgConnection,
    id: Uuid,
) -> sqlx::Result<Option<RepairRequest>> {
    sqlx::query("SELECT 1 FROM repair_requests WHERE id = $1 FOR UPDATE")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    request(&mut *conn, id).await
}

pub async fn requests_of(
    db: impl PgExecutor<'_>,
    customer: Uuid,
) -> sqlx::Result<Vec<RepairRequest>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM repair_requests r WHERE r.customer_id = $1 AND r.deleted_at IS NULL \
         ORDER BY r.created_at DESC LIMIT 100"
    ))
    .bind(customer)
    .fetch_all(db)
    .await
}

/// Open requests made before the rep came online (or moved) within reach
/// of the rep's position now reach the rep too.
pub async fn reach_open(conn: &mut PgConnection, rep: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO repair_request_reps (request_id, rep_id, distance_m) \
         SELECT r.id, p.user_id, earth_distance(ll_to_earth(r.lat, r.lng), ll_to_earth(p.lat, p.lng)) \
         FROM rep_presence p JOIN repair_requests r ON r.status = 'open' AND r.expires_at > now() \
           AND r.deleted_at IS NULL \
           AND earth_box(ll_to_earth(p.lat, p.lng), r.radius_km * 1000.0) @> ll_to_earth(r.lat, r.lng) \
           AND earth_distance(ll_to_earth(r.lat, r.lng), ll_to_earth(p.lat, p.lng)) <= r.radius_km * 1000.0 \
         WHERE p.user_id = $1 AND p.online AND p.lat IS NOT NULL \
         ON CONFLICT (request_id, rep_id) DO NOTHING",
    )
    .bind(rep)
    .execute(conn)
    .await?;
    Ok(())
}

/// The open requests that reached the rep, nearest first, with the
/// distance; the exact pin only (no customer name or phone).
pub async fn nearby(db: impl PgExecutor<'_>, rep: Uuid) -> sqlx::Result<Vec<RepairRequest>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS}, m.distance_m / 1000.0 AS distance_km FROM repair_requests r \
         JOIN repair_request_reps m ON m.request_id = r.id AND m.rep_id = $1 \
         WHERE r.status = 'open' AND r.expires_at > now() AND r.deleted_at IS NULL \
         ORDER BY m.distance_m LIMIT 100"
    ))
    .bind(rep)
    .fetch_all(db)
    .await
}

pub async fn reached(
    db: impl PgExecutor<'_>,
    request: Uuid,
    rep: Uuid,
) -> sqlx::Result<Option<f64>> {
    sqlx::query_scalar(
        "SELECT distance_m / 1000.0 FROM repair_request_reps WHERE request_id = $1 AND rep_id = $2",
    )
    .bind(request)
    .bind(rep)
    .fetch_optional(db)
    .await
}

pub async fn reps_of(db: impl PgExecutor<'_>, request: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT rep_id FROM repair_request_reps WHERE request_id = $1")
        .bind(request)
        .fetch_all(db)
        .await
}

pub async fn set_request_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE repair_requests SET status = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(status)
        .execute(conn)
        .await?;
    Ok(())
}

const OFFER_COLUMNS: &str = "o.id, o.request_id, o.rep_id, u.name AS rep_name, \
    CASE WHEN rp.rating_count > 0 THEN round(rp.rating_sum::numeric / rp.rating_count, 1)::float8 END \
      AS rep_rating, \
    coalesce(rp.rating_count, 0) AS rep_rating_count, \
    o.price, o.eta_minutes, o.note, o.status, o.created_at";

const FROM_OFFERS: &str = "FROM repair_offers o JOIN users u ON u.id = o.rep_id \
    LEFT JOIN rep_presence rp ON rp.user_id = o.rep_id";

pub async fn offers(db: impl PgExecutor<'_>, request: Uuid) -> sqlx::Result<Vec<RepairOffer>> {
    sqlx::query_as(&format!(
        "SELECT {OFFER_COLUMNS} {FROM_OFFERS} \
         WHERE o.request_id = $1 AND o.status <> 'withdrawn' ORDER BY o.price, o.eta_minutes"
    ))
    .bind(request)
    .fetch_all(db)
    .await
}

pub async fn offer(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RepairOffer>> {
    sqlx::query_as(&format!(
        "SELECT {OFFER_COLUMNS} {FROM_OFFERS} WHERE o.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The rep's standing offer replaced (price, ETA, note) or a new one.
pub async fn upsert_offer(
    conn: &mut PgConnection,
    request: Uuid,
    rep: Uuid,
    price: i64,
    eta: i32,
    note: &str,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "INSERT INTO repair_offers (id, request_id, rep_id, price, eta_minutes, note, status, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $3, $3) \
         ON CONFLICT (request_id, rep_id) WHERE status = 'active' DO UPDATE SET price = $4, \
           eta_minutes = $5, note = $6, updated_at = now() RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(request)
    .bind(rep)
    .bind(price)
    .bind(eta)
    .bind(note)
    .fetch_one(conn)
    .await
}

/// The winning offer accepted, every other standing one lost; the losers' reps.
pub async fn settle_offers(
    conn: &mut PgConnection,
    request: Uuid,
    winner: Uuid,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query("UPDATE repair_offers SET status = 'accepted', updated_at = now() WHERE id = $1")
        .bind(winner)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar(
        "UPDATE repair_offers SET status = 'lost', updated_at = now() \
         WHERE request_id = $1 AND id <> $2 AND status = 'active' RETURNING rep_id",
    )
    .bind(request)
    .bind(winner)
    .fetch_all(conn)
    .await
}

pub struct NewJob<'a> {
    pub id: Uuid,
    pub request: &'a RepairRequest,
    pub offer: &'a RepairOffer,
    pub amounts: &'a crate::orders::pricing::OrderAmounts,
    pub commission_bp: i32,
}

pub async fn insert_job(conn: &mut PgConnection, j: &NewJob<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO repair_jobs (id, number, request_id, offer_id, customer_id, rep_id, status, subtotal, \
           vat, total, commission_bp, commission, commission_vat, lat, lng, eta_minutes, created_by, updated_by) \
         VALUES ($1, 'J' || nextval('repair_job_numbers'), $2, $3, $4, $5, 'accepted', $6, $7, $8, $9, $10, \
           $11, $12, $13, $14, $4, $4)",
    )
    .bind(j.id)
    .bind(j.request.id)
    .bind(j.offer.id)
    .bind(j.request.customer_id)
    .bind(j.offer.rep_id)
    .bind(j.amounts.subtotal)
    .bind(j.amounts.vat)
    .bind(j.amounts.total)
    .bind(j.commission_bp)
    .bind(j.amounts.commission)
    .bind(j.amounts.commission_vat)
    .bind(j.request.lat)
    .bind(j.request.lng)
    .bind(j.offer.eta_minutes)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_thread(conn: &mut PgConnection, job: Uuid, thread: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE repair_jobs SET thread_id = $2 WHERE id = $1")
        .bind(job)
        .bind(thread)
        .execute(conn)
        .await?;
    Ok(())
}

const JOB_SELECT: &str = "SELECT j.id, j.number, j.request_id, j.offer_id, j.customer_id, c.name AS customer_name, \
    j.rep_id, rp.name AS rep_name, j.thread_id, r.problem, j.status, j.subtotal, j.vat, j.total, j.commission, \
    j.commission_vat, j.payment_method, j.paid_at, j.lat, j.lng, j.eta_minutes, j.positions_dropped, j.reason, \
    j.created_at FROM repair_jobs j JOIN repair_requests r ON r.id = j.request_id \
    JOIN users c ON c.id = j.customer_id JOIN users rp ON rp.id = j.rep_id";

pub async fn job(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RepairJob>> {
    sqlx::query_as(&format!(
        "{JOB_SELECT} WHERE j.id = $1 AND j.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_job(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RepairJob>> {
    sqlx::query("SELECT 1 FROM repair_jobs WHERE id = $1 FOR UPDATE")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    job(&mut *conn, id).await
}

/// Jobs of a customer, a rep, or everyone (admins), newest first.
pub async fn jobs(
    db: impl PgExecutor<'_>,
    customer: Option<Uuid>,
    rep: Option<Uuid>,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<RepairJob>> {
    sqlx::query_as(&format!(
        "{JOB_SELECT} WHERE j.deleted_at IS NULL AND ($1::uuid IS NULL OR j.customer_id = $1) \
         AND ($2::uuid IS NULL OR j.rep_id = $2) AND ($3::text IS NULL OR j.status = $3) \
         ORDER BY j.created_at DESC LIMIT $4 OFFSET $5"
    ))
    .bind(customer)
    .bind(rep)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn history(db: impl PgExecutor<'_>, job: Uuid) -> sqlx::Result<Vec<JobHistory>> {
    sqlx::query_as(
        "SELECT from_status, to_status, actor_role, note, created_at FROM repair_job_history \
         WHERE job_id = $1 ORDER BY id",
    )
    .bind(job)
    .fetch_all(db)
    .await
}

#[allow(clippy::too_many_arguments)]
pub async fn set_status(
    conn: &mut PgConnection,
    job: Uuid,
    from: Option<&str>,
    to: &str,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE repair_jobs SET status = $2, reason = CASE WHEN $3 = '' THEN reason ELSE $3 END, \
           updated_by = $4, updated_at = now() WHERE id = $1",
    )
    .bind(job)
    .bind(to)
    .bind(note)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO repair_job_history (job_id, from_status, to_status, actor_id, actor_role, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(job)
    .bind(from)
    .bind(to)
    .bind(actor)
    .bind(role)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_method(conn: &mut PgConnection, job: Uuid, method: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE repair_jobs SET payment_method = $2 WHERE id = $1")
        .bind(job)
        .bind(method)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_paid(conn: &mut PgConnection, job: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE repair_jobs SET paid_at = coalesce(paid_at, now()), updated_at = now() WHERE id = $1")
        .bind(job)
        .execute(conn)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- track

pub async fn last_position(db: impl PgExecutor<'_>, job: Uuid) -> sqlx::Result<Option<Position>> {
    sqlx::query_as("SELECT lat, lng, recorded_at FROM rep_positions WHERE job_id = $1 ORDER BY id DESC LIMIT 1")
        .bind(job)
        .fetch_optional(db)
        .await
}

pub async fn track(db: impl PgExecutor<'_>, job: Uuid) -> sqlx::Result<Vec<Position>> {
    sqlx::query_as(
        "SELECT lat, lng, recorded_at FROM rep_positions WHERE job_id = $1 ORDER BY id LIMIT 5000",
    )
    .bind(job)
    .fetch_all(db)
    .await
}

/// The rep's latest position on any job, with the database's clock now.
pub async fn rep_last(
    db: impl PgExecutor<'_>,
    rep: Uuid,
) -> sqlx::Result<Option<(f64, f64, OffsetDateTime, OffsetDateTime)>> {
    sqlx::query_as(
        "SELECT lat, lng, recorded_at, clock_timestamp() FROM rep_positions WHERE rep_id = $1 \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(rep)
    .fetch_optional(db)
    .await
}

pub async fn insert_position(
    conn: &mut PgConnection,
    job: Uuid,
    rep: Uuid,
    lat: f64,
    lng: f64,
    eta: i32,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO rep_positions (job_id, rep_id, lat, lng, recorded_at) VALUES ($1, $2, $3, $4, clock_timestamp())")
        .bind(job)
        .bind(rep)
        .bind(lat)
        .bind(lng)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE repair_jobs SET eta_minutes = $2 WHERE id = $1")
        .bind(job)
        .bind(eta)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE rep_presence SET lat = $2, lng = $3, seen_at = now() WHERE user_id = $1")
        .bind(rep)
        .bind(lat)
        .bind(lng)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_dropped(conn: &mut PgConnection, job: Uuid) -> sqlx::Result<i32> {
    sqlx::query_scalar(
        "UPDATE repair_jobs SET positions_dropped = positions_dropped + 1 WHERE id = $1 RETURNING positions_dropped",
    )
    .bind(job)
    .fetch_one(conn)
    .await
}

pub async fn prune_tracks(db: impl PgExecutor<'_>, before: OffsetDateTime) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("DELETE FROM rep_positions WHERE recorded_at < $1")
            .bind(before)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

// ---------------------------------------------------------------- finance

/// The rep payable's entries between two instants, as the rep reads them
/// (credits to the payable are money owed to the rep: shown positive).
pub async fn earning_lines(
    db: impl PgExecutor<'_>,
    rep: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> sqlx::Result<Vec<EarningLine>> {
    sqlx::query_as(
        "SELECT t.kind, (-e.amount)::bigint AS amount, j.number AS job_number, t.created_at AS at \
         FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         LEFT JOIN repair_jobs j ON j.id = t.target_id \
         WHERE a.kind = 'rep_payable' AND a.owner_id = $1 AND t.created_at >= $2 AND t.created_at < $3 \
         ORDER BY t.created_at DESC, e.id DESC LIMIT 1000",
    )
    .bind(rep)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

pub async fn paid_jobs(
    db: impl PgExecutor<'_>,
    rep: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> sqlx::Result<(i64, i64)> {
    sqlx::query_as(
        "SELECT count(*), coalesce(sum(total), 0)::bigint FROM repair_jobs \
         WHERE rep_id = $1 AND paid_at >= $2 AND paid_at < $3 AND status IN ('paid', 'disputed')",
    )
    .bind(rep)
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await
}

/// id, name, phone, status, online, jobs, completed, offers, accepted,
/// earned, rating sum and count.
type StatsRow = (
    Uuid,
    Option<String>,
    String,
    String,
    Option<bool>,
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    i32,
);

/// Per-rep figures, busiest first (admins), or one rep's.
pub async fn rep_stats(
    db: impl PgExecutor<'_>,
    rep: Option<Uuid>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<RepStats>> {
    let rows: Vec<StatsRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.phone, u.status, p.online, \
           (SELECT count(*) FROM repair_jobs j WHERE j.rep_id = u.id), \
           (SELECT count(*) FROM repair_jobs j WHERE j.rep_id = u.id AND j.status IN ('completed', 'paid')), \
           (SELECT count(*) FROM repair_offers o WHERE o.rep_id = u.id), \
           (SELECT count(*) FROM repair_offers o WHERE o.rep_id = u.id AND o.status = 'accepted'), \
           coalesce((SELECT -a.balance FROM ledger_accounts a WHERE a.kind = 'rep_payable' AND a.owner_id = u.id), 0)::bigint, \
           coalesce(p.rating_sum, 0)::bigint, coalesce(p.rating_count, 0) \
         FROM users u LEFT JOIN rep_presence p ON p.user_id = u.id \
         WHERE u.role = 'REPRESENTATIVE' AND u.deleted_at IS NULL AND ($1::uuid IS NULL OR u.id = $1) \
         ORDER BY 6 DESC, u.created_at LIMIT $2 OFFSET $3",
    )
    .bind(rep)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                name,
                phone,
                status,
                online,
                jobs,
                completed,
                offers,
                accepted,
                earned,
                rating_sum,
                rating_count,
            )| {
                RepStats {
                    rep_id: id,
                    name,
                    phone,
                    status,
                    online: online.unwrap_or(false),
                    jobs,
                    completed,
                    offers,
                    accepted,
                    acceptance_rate: if offers == 0 {
                        0
                    } else {
                        accepted * 100 / offers
                    },
                    earned,
                    rating: rating_average(rating_sum, rating_count),
                    rating_count,
                }
            },
        )
        .collect())
}

/// A representative's vehicle and identity (`rep_profiles`), opened once.
pub async fn insert_profile(
    conn: &mut PgConnection,
    rep: Uuid,
    p: &super::service::profile::RepProfile<'_>,
    by: Uuid,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO rep_profiles (user_id, vehicle_type, plate_number, national_id, city, \
           registration_id, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(rep)
    .bind(p.vehicle_type)
    .bind(p.plate_number)
    .bind(p.national_id)
    .bind(p.city)
    .bind(p.registration_id)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() > 0)
}
