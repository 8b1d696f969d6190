//! SQL of service menus, schedules and bookings.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{
    AddonInput, AddonRow, BlockInput, BlockRow, BookingRow, BookingStats, CatalogRow, HistoryEntry,
    HoursRow, ItemInput, ItemRow, Line, PriceRow, Schedule, ScheduleRow,
};
use super::slots::Busy;

// ---------------------------------------------------------------- menu

const ITEM_COLUMNS: &str = "i.id, i.store_id, i.service_id, sv.name_ar AS service_ar, \
    sv.name_en AS service_en, i.name_ar, i.name_en, i.description_ar, i.description_en, \
    i.duration_minutes, i.active, i.position";

pub async fn items(
    db: impl PgExecutor<'_>,
    store: Uuid,
    only_active: bool,
) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM service_items i JOIN services sv ON sv.id = i.service_id \
         WHERE i.store_id = $1 AND i.deleted_at IS NULL AND (i.active OR NOT $2) \
         ORDER BY i.position, i.created_at"
    ))
    .bind(store)
    .bind(only_active)
    .fetch_all(db)
    .await
}

pub async fn item(db: impl PgExecutor<'_>, store: Uuid, id: Uuid) -> sqlx::Result<Option<ItemRow>> {
    sqlx::query_as(&format!(
        "SELECT {ITEM_COLUMNS} FROM service_items i JOIN services sv ON sv.id = i.service_id \
         WHERE i.store_id = $1 AND i.id = $2 AND i.deleted_at IS NULL"
    ))
    .bind(store)
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn prices(db: impl PgExecutor<'_>, items: &[Uuid]) -> sqlx::Result<Vec<PriceRow>> {
    sqlx::query_as(
        "SELECT p.item_id, p.body_type_id, b.name_ar, b.name_en, p.price \
         FROM service_item_prices p JOIN body_types b ON b.id = p.body_type_id \
         WHERE p.item_id = ANY($1) ORDER BY b.name_en",
    )
    .bind(items)
    .fetch_all(db)
    .await
}

pub async fn addons(db: impl PgExecutor<'_>, items: &[Uuid]) -> sqlx::Result<Vec<AddonRow>> {
    sqlx::query_as(
        "SELECT id, item_id, name_ar, name_en, price, duration_minutes, active \
         FROM service_addons WHERE item_id = ANY($1) AND deleted_at IS NULL ORDER BY created_at",
    )
    .bind(items)
    .fetch_all(db)
    .await
}

pub async fn count_items(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM service_items WHERE store_id = $1 AND deleted_at IS NULL",
    )
    .bind(store)
    .fetch_one(db)
    .await
}

/// Whether the store's type binds the service.
pub async fn type_binds(db: impl PgExecutor<'_>, store: Uuid, service: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM stores s JOIN store_type_services ts \
           ON ts.store_type_id = s.store_type_id WHERE s.id = $1 AND ts.service_id = $2)",
    )
    .bind(store)
    .bind(service)
    .fetch_one(db)
    .await
}

/// The services a store's type binds: (id, Arabic, English).
pub async fn bindable(
    db: impl PgExecutor<'_>,
    store: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    sqlx::query_as(
        "SELECT sv.id, sv.name_ar, sv.name_en FROM stores s \
         JOIN store_type_services ts ON ts.store_type_id = s.store_type_id \
         JOIN services sv ON sv.id = ts.service_id AND sv.deleted_at IS NULL \
         WHERE s.id = $1 ORDER BY sv.name_en",
    )
    .bind(store)
    .fetch_all(db)
    .await
}

/// Body types among `ids` that exist.
pub async fn known_body_types(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT id FROM body_types WHERE id = ANY($1) AND deleted_at IS NULL")
        .bind(ids)
        .fetch_all(db)
        .await
}

pub async fn save_item(
    conn: &mut PgConnection,
    store: Uuid,
    id: Uuid,
    input: &ItemInput,
    actor: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO service_items (id, store_id, service_id, name_ar, name_en, description_ar, \
           description_en, duration_minutes, active, position, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) \
         ON CONFLICT (id) DO UPDATE SET service_id = $3, name_ar = $4, name_en = $5, \
           description_ar = $6, description_en = $7, duration_minutes = $8, active = $9, \
           position = $10, updated_by = $11, updated_at = now()",
    )
    .bind(id)
    .bind(store)
    .bind(input.service_id)
    .bind(input.name_ar.trim())
    .bind(input.name_en.trim())
    .bind(input.description_ar.as_deref().unwrap_or("").trim())
    .bind(input.description_en.as_deref().unwrap_or("").trim())
    .bind(input.duration_minutes)
    .bind(input.active.unwrap_or(true))
    .bind(input.position.unwrap_or(0))
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM service_item_prices WHERE item_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for p in &input.prices {
        sqlx::query(
            "INSERT INTO service_item_prices (item_id, body_type_id, price, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .bind(id)
        .bind(p.body_type_id)
        .bind(p.price)
        .bind(actor)
        .execute(&mut *conn)
        .await?;
    }
    let keep: Vec<Uuid> = input
        .addons
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|a| a.id)
        .collect();
    sqlx::query(
        "UPDATE service_addons SET deleted_at = now(), updated_by = $3 \
         WHERE item_id = $1 AND deleted_at IS NULL AND NOT (id = ANY($2))",
    )
    .bind(id)
    .bind(&keep)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    for a in input.addons.as_deref().unwrap_or_default() {
        save_addon(conn, id, a, actor).await?;
    }
    Ok(())
}

async fn save_addon(
    conn: &mut PgConnection,
    item: Uuid,
    a: &AddonInput,
    actor: Uuid,
) -> sqlx::Result<()> {
    let id = a.id.unwrap_or_else(Uuid::now_v7);
    // An id that is not this item's add-on inserts nothing and updates nothing.
    sqlx::query(
        "INSERT INTO service_addons (id, item_id, name_ar, name_en, price, duration_minutes, \
           active, created_by, updated_by) \
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8 \
         WHERE $9 OR EXISTS (SELECT 1 FROM service_addons WHERE id = $1 AND item_id = $2) \
         ON CONFLICT (id) DO UPDATE SET name_ar = $3, name_en = $4, price = $5, \
           duration_minutes = $6, active = $7, updated_by = $8, updated_at = now() \
         WHERE service_addons.item_id = $2",
    )
    .bind(id)
    .bind(item)
    .bind(a.name_ar.trim())
    .bind(a.name_en.trim())
    .bind(a.price)
    .bind(a.duration_minutes.unwrap_or(0))
    .bind(a.active.unwrap_or(true))
    .bind(actor)
    .bind(a.id.is_none())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_item(
    db: impl PgExecutor<'_>,
    store: Uuid,
    id: Uuid,
    actor: Uuid,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE service_items SET deleted_at = now(), updated_by = $3 \
         WHERE store_id = $1 AND id = $2 AND deleted_at IS NULL",
    )
    .bind(store)
    .bind(id)
    .bind(actor)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

// ---------------------------------------------------------------- admin catalog

/// `text` as an `ILIKE` pattern matching it anywhere, its wildcards escaped.
fn like(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

pub struct CatalogFilter<'a> {
    /// Part of an item's or a store's name (blank: every item).
    pub q: Option<&'a str>,
    pub active: Option<bool>,
    /// Stores ordered by their Arabic name (else the English one).
    pub arabic: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Every store's live service items, by store then the store's order, with
/// the price range over the body types and the count of active add-ons; and
/// how many match.
pub async fn catalog(
    db: &sqlx::PgPool,
    f: &CatalogFilter<'_>,
) -> sqlx::Result<(Vec<CatalogRow>, i64)> {
    let pattern = f.q.map(str::trim).filter(|t| !t.is_empty()).map(like);
    let filter = "WHERE i.deleted_at IS NULL AND s.deleted_at IS NULL \
        AND ($1::text IS NULL OR i.name_ar ILIKE $1 OR i.name_en ILIKE $1 \
          OR s.name_ar ILIKE $1 OR s.name_en ILIKE $1) \
        AND ($2::boolean IS NULL OR i.active = $2)";
    let store_order = if f.arabic { "s.name_ar" } else { "s.name_en" };
    let rows = sqlx::query_as(&format!(
        "SELECT i.id, i.store_id, s.name_ar AS store_name_ar, s.name_en AS store_name_en, \
           s.status AS store_status, sv.name_ar AS service_ar, sv.name_en AS service_en, \
           i.name_ar, i.name_en, i.duration_minutes, i.active, \
           coalesce(p.min_price, 0)::bigint AS min_price, \
           coalesce(p.max_price, 0)::bigint AS max_price, \
           (SELECT count(*) FROM service_addons a \
             WHERE a.item_id = i.id AND a.deleted_at IS NULL AND a.active)::bigint AS addons \
         FROM service_items i \
         JOIN stores s ON s.id = i.store_id \
         JOIN services sv ON sv.id = i.service_id \
         LEFT JOIN LATERAL (SELECT min(pr.price) AS min_price, max(pr.price) AS max_price \
           FROM service_item_prices pr WHERE pr.item_id = i.id) p ON true \
         {filter} \
         ORDER BY {store_order}, i.store_id, i.position, i.created_at, i.id \
         LIMIT $3 OFFSET $4"
    ))
    .bind(pattern.as_deref())
    .bind(f.active)
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM service_items i JOIN stores s ON s.id = i.store_id {filter}"
    ))
    .bind(pattern.as_deref())
    .bind(f.active)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

// ---------------------------------------------------------------- schedule

pub async fn schedule(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Option<ScheduleRow>> {
    sqlx::query_as(
        "SELECT slot_minutes, capacity, lead_minutes, horizon_days, cancel_window_minutes \
         FROM booking_schedules WHERE store_id = $1 AND deleted_at IS NULL",
    )
    .bind(store)
    .fetch_optional(db)
    .await
}

pub async fn hours(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Vec<HoursRow>> {
    sqlx::query_as(
        "SELECT weekday, start_minute, end_minute FROM booking_hours \
         WHERE store_id = $1 ORDER BY weekday, start_minute",
    )
    .bind(store)
    .fetch_all(db)
    .await
}

pub async fn save_schedule(
    conn: &mut PgConnection,
    store: Uuid,
    s: &Schedule,
    actor: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO booking_schedules (store_id, slot_minutes, capacity, lead_minutes, \
           horizon_days, cancel_window_minutes, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         ON CONFLICT (store_id) DO UPDATE SET slot_minutes = $2, capacity = $3, \
           lead_minutes = $4, horizon_days = $5, cancel_window_minutes = $6, \
           updated_by = $7, updated_at = now(), deleted_at = NULL",
    )
    .bind(store)
    .bind(s.slot_minutes)
    .bind(s.capacity)
    .bind(s.lead_minutes)
    .bind(s.horizon_days)
    .bind(s.cancel_window_minutes)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM booking_hours WHERE store_id = $1")
        .bind(store)
        .execute(&mut *conn)
        .await?;
    for h in s.intervals() {
        sqlx::query(
            "INSERT INTO booking_hours (id, store_id, weekday, start_minute, end_minute, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(store)
        .bind(i16::from(h.weekday))
        .bind(h.start)
        .bind(h.end)
        .bind(actor)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn blocks(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Vec<BlockRow>> {
    sqlx::query_as(
        "SELECT id, kind, starts_at, ends_at, weekday, start_minute, end_minute, month, day, reason \
         FROM booking_blocks WHERE store_id = $1 AND deleted_at IS NULL \
         ORDER BY kind, starts_at, weekday, month, day",
    )
    .bind(store)
    .fetch_all(db)
    .await
}

pub async fn count_blocks(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM booking_blocks WHERE store_id = $1 AND deleted_at IS NULL",
    )
    .bind(store)
    .fetch_one(db)
    .await
}

pub async fn add_block(
    db: impl PgExecutor<'_>,
    store: Uuid,
    b: &BlockInput,
    actor: Uuid,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let min = |s: &Option<String>| s.as_deref().and_then(super::model::parse_hhmm);
    let (once, weekly, yearly) = (b.kind == "once", b.kind == "weekly", b.kind == "yearly");
    sqlx::query(
        "INSERT INTO booking_blocks (id, store_id, kind, starts_at, ends_at, weekday, start_minute, \
           end_minute, month, day, reason, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
    )
    .bind(id)
    .bind(store)
    .bind(&b.kind)
    .bind(b.starts_at.filter(|_| once))
    .bind(b.ends_at.filter(|_| once))
    .bind(b.weekday.filter(|_| weekly).map(i16::from))
    .bind(min(&b.start).filter(|_| weekly))
    .bind(min(&b.end).filter(|_| weekly))
    .bind(b.month.filter(|_| yearly).map(i16::from))
    .bind(b.day.filter(|_| yearly).map(i16::from))
    .bind(b.reason.as_deref().unwrap_or("").trim())
    .bind(actor)
    .execute(db)
    .await?;
    Ok(id)
}

pub async fn delete_block(
    db: impl PgExecutor<'_>,
    store: Uuid,
    id: Uuid,
    actor: Uuid,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE booking_blocks SET deleted_at = now(), updated_by = $3 \
         WHERE store_id = $1 AND id = $2 AND deleted_at IS NULL",
    )
    .bind(store)
    .bind(id)
    .bind(actor)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

// ---------------------------------------------------------------- bookings

pub const HOLDING: &str = "('pending', 'confirmed', 'in_progress', 'completed', 'no_show')";

/// The bays held over `[from, to)`; served by the `booking_bay_free` GiST index.
pub async fn busy(
    db: impl PgExecutor<'_>,
    store: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> sqlx::Result<Vec<Busy>> {
    let rows: Vec<(i32, OffsetDateTime, OffsetDateTime)> = sqlx::query_as(&format!(
        "SELECT bay, starts_at, ends_at FROM bookings \
         WHERE store_id = $1 AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) \
           AND status IN {HOLDING} AND deleted_at IS NULL"
    ))
    .bind(store)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(bay, f, t)| Busy {
            bay,
            from: f.unix_timestamp(),
            to: t.unix_timestamp(),
        })
        .collect())
}

pub struct NewBooking<'a> {
    pub id: Uuid,
    pub store: Uuid,
    pub customer: Uuid,
    pub body_type: Uuid,
    pub car: Option<Uuid>,
    pub lines: &'a [Line],
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub method: &'a str,
    pub amounts: &'a crate::orders::pricing::OrderAmounts,
    pub commission_bp: i32,
    pub notes: &'a str,
}

/// Inserts the booking on `bay`; `false` when the bay is taken over that
/// time (the exclusion constraint said so, possibly after waiting for a
/// concurrent booking to commit). Runs in a savepoint so the caller's
/// transaction survives a refusal and can try the next bay.
pub async fn insert_on_bay(
    conn: &mut PgConnection,
    b: &NewBooking<'_>,
    bay: i32,
) -> sqlx::Result<bool> {
    sqlx::query("SAVEPOINT bay_try").execute(&mut *conn).await?;
    let r = sqlx::query(
        "INSERT INTO bookings (id, number, store_id, customer_id, body_type_id, car_id, lines, \
           starts_at, ends_at, bay, status, payment_method, subtotal, vat, total, commission_bp, \
           commission, commission_vat, notes, created_by, updated_by) \
         VALUES ($1, 'B' || nextval('booking_numbers'), $2, $3, $4, $5, $6, $7, $8, $9, 'pending', \
           $10, $11, $12, $13, $14, $15, $16, $17, $3, $3)",
    )
    .bind(b.id)
    .bind(b.store)
    .bind(b.customer)
    .bind(b.body_type)
    .bind(b.car)
    .bind(sqlx::types::Json(b.lines))
    .bind(b.starts_at)
    .bind(b.ends_at)
    .bind(bay)
    .bind(b.method)
    .bind(b.amounts.subtotal)
    .bind(b.amounts.vat)
    .bind(b.amounts.total)
    .bind(b.commission_bp)
    .bind(b.amounts.commission)
    .bind(b.amounts.commission_vat)
    .bind(b.notes)
    .execute(&mut *conn)
    .await;
    match r {
        Ok(_) => {
            sqlx::query("RELEASE SAVEPOINT bay_try")
                .execute(&mut *conn)
                .await?;
            Ok(true)
        }
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23P01") => {
            sqlx::query("ROLLBACK TO SAVEPOINT bay_try")
                .execute(&mut *conn)
                .await?;
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

const BOOKING_SELECT: &str = "SELECT b.id, b.number, b.store_id, s.name_ar AS store_name_ar, \
    s.name_en AS store_name_en, b.customer_id, u.name AS customer_name, b.body_type_id, \
    bt.name_ar AS body_ar, bt.name_en AS body_en, b.car_id, b.lines, b.starts_at, b.ends_at, b.bay, \
    b.status, b.payment_method, b.subtotal, b.vat, b.total, b.commission_bp, b.commission, \
    b.commission_vat, b.notes, b.reason, b.paid_at, \
    coalesce(sc.cancel_window_minutes, 0) AS cancel_window_minutes, b.created_at \
    FROM bookings b JOIN stores s ON s.id = b.store_id \
    JOIN users u ON u.id = b.customer_id \
    JOIN body_types bt ON bt.id = b.body_type_id \
    LEFT JOIN booking_schedules sc ON sc.store_id = b.store_id";

pub async fn booking(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as(&format!(
        "{BOOKING_SELECT} WHERE b.id = $1 AND b.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Locks the booking row for a step.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query("SELECT 1 FROM bookings WHERE id = $1 FOR UPDATE")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    booking(&mut *conn, id).await
}

pub async fn history(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Vec<HistoryEntry>> {
    sqlx::query_as(
        "SELECT from_status, to_status, actor_role, note, created_at FROM booking_history \
         WHERE booking_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// The histories of a page of bookings in one query, each in its order.
pub async fn histories(
    db: impl PgExecutor<'_>,
    ids: &[Uuid],
) -> sqlx::Result<std::collections::HashMap<Uuid, Vec<HistoryEntry>>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        booking_id: Uuid,
        #[sqlx(flatten)]
        entry: HistoryEntry,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT booking_id, from_status, to_status, actor_role, note, created_at \
         FROM booking_history WHERE booking_id = ANY($1) ORDER BY booking_id, id",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    let mut out: std::collections::HashMap<Uuid, Vec<HistoryEntry>> = Default::default();
    for r in rows {
        out.entry(r.booking_id).or_default().push(r.entry);
    }
    Ok(out)
}

pub async fn record(
    conn: &mut PgConnection,
    id: Uuid,
    from: Option<&str>,
    to: &str,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO booking_history (booking_id, from_status, to_status, actor_id, actor_role, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(actor)
    .bind(role)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    to: &str,
    reason: Option<&str>,
    actor: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE bookings SET status = $2, reason = coalesce($3, reason), updated_by = $4, \
           updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(to)
    .bind(reason)
    .bind(actor)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_paid(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE bookings SET paid_at = coalesce(paid_at, now()), updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_reminded(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE bookings SET reminded_at = now() WHERE id = $1 AND reminded_at IS NULL \
           AND status = 'confirmed'",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub struct ListFilter<'a> {
    pub customer: Option<Uuid>,
    pub store: Option<Uuid>,
    pub status: Option<&'a str>,
    pub from: Option<OffsetDateTime>,
    pub to: Option<OffsetDateTime>,
    pub limit: i64,
    pub offset: i64,
    /// Soonest first (calendars) or newest first (lists).
    pub ascending: bool,
}

pub async fn list(db: &sqlx::PgPool, f: &ListFilter<'_>) -> sqlx::Result<(Vec<BookingRow>, i64)> {
    let filter = "WHERE b.deleted_at IS NULL AND ($1::uuid IS NULL OR b.customer_id = $1) \
        AND ($2::uuid IS NULL OR b.store_id = $2) AND ($3::text IS NULL OR b.status = $3) \
        AND ($4::timestamptz IS NULL OR b.starts_at >= $4) AND ($5::timestamptz IS NULL OR b.starts_at < $5)";
    let order = if f.ascending {
        "b.starts_at, b.bay"
    } else {
        "b.starts_at DESC, b.bay"
    };
    let rows = sqlx::query_as(&format!(
        "{BOOKING_SELECT} {filter} ORDER BY {order} LIMIT $6 OFFSET $7"
    ))
    .bind(f.customer)
    .bind(f.store)
    .bind(f.status)
    .bind(f.from)
    .bind(f.to)
    .bind(f.limit)
    .bind(f.offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!("SELECT count(*) FROM bookings b {filter}"))
        .bind(f.customer)
        .bind(f.store)
        .bind(f.status)
        .bind(f.from)
        .bind(f.to)
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

pub async fn stats(
    db: impl PgExecutor<'_>,
    store: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> sqlx::Result<BookingStats> {
    let (total, completed, cancelled, no_show, upcoming, revenue): (i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "SELECT count(*), \
               count(*) FILTER (WHERE status = 'completed'), \
               count(*) FILTER (WHERE status IN ('cancelled', 'rejected', 'expired')), \
               count(*) FILTER (WHERE status = 'no_show'), \
               count(*) FILTER (WHERE status IN ('pending', 'confirmed') AND starts_at > now()), \
               coalesce(sum(total) FILTER (WHERE status = 'completed'), 0)::bigint \
             FROM bookings WHERE store_id = $1 AND starts_at >= $2 AND starts_at < $3 \
               AND deleted_at IS NULL",
        )
        .bind(store)
        .bind(from)
        .bind(to)
        .fetch_one(db)
        .await?;
    let ended = completed + no_show;
    Ok(BookingStats {
        total,
        completed,
        cancelled,
        no_show,
        upcoming,
        revenue,
        show_rate: if ended == 0 {
            0
        } else {
            completed * 100 / ended
        },
    })
}

/// Card bookings still unpaid, created before `before`.
pub async fn unpaid_card(
    db: impl PgExecutor<'_>,
    before: OffsetDateTime,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM bookings WHERE status = 'pending' AND payment_method = 'card' \
           AND paid_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Whether the store sells services at all (its type binds some).
pub async fn store_for_booking(
    db: impl PgExecutor<'_>,
    store: Uuid,
) -> sqlx::Result<Option<(i32, String)>> {
    sqlx::query_as("SELECT commission_bp, status FROM stores WHERE id = $1 AND deleted_at IS NULL")
        .bind(store)
        .fetch_optional(db)
        .await
}

/// The body type of one of the customer's garage cars (from its model).
pub async fn body_type_of_car(
    db: impl PgExecutor<'_>,
    user: Uuid,
    car: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT m.body_type_id FROM customer_cars c JOIN car_models m ON m.id = c.model_id \
         WHERE c.id = $1 AND c.user_id = $2 AND c.deleted_at IS NULL AND m.body_type_id IS NOT NULL",
    )
    .bind(car)
    .bind(user)
    .fetch_optional(db)
    .await
}
