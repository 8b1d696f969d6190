//! SQL of shipping. The orders' shipping columns (carrier, weight, fees,
//! option) are this feature's and written only here; orders, stores and
//! their items are read to build a shipment.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{AdminShipment, Quote, ShipmentRow, TrackingEvent, WebhookCall};

pub mod rates;

const SHIPMENT_COLUMNS: &str = "id, order_id, carrier, status, raw_status, provider_id, \
    tracking_number, tracking_url, attempts, last_error, created_at, updated_at";

/// The local courier's fee for `grams` to `city`: the lightest band that
/// holds it among the city's own (matched through the geography, so any
/// language or spelling it folds; a band whose text names no city by that
/// text), else among "anywhere else".
pub async fn local_rate(
    db: impl PgExecutor<'_>,
    city: &str,
    grams: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "WITH dest AS (SELECT geo_city_of($1) AS id, geo_fold($1) AS folded) \
         SELECT r.fee FROM courier_rates r, dest \
         WHERE r.deleted_at IS NULL AND r.up_to_grams >= $2 \
           AND (r.city_id = dest.id \
                OR (r.city_id IS NULL AND r.city IS NOT NULL AND dest.folded <> '' \
                    AND geo_fold(r.city) = dest.folded) \
                OR (r.city_id IS NULL AND r.city IS NULL)) \
         ORDER BY r.city_id IS NULL AND r.city IS NULL, r.up_to_grams LIMIT 1",
    )
    .bind(city.trim())
    .bind(grams)
    .fetch_optional(db)
    .await
}

pub async fn store_city(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT city FROM stores WHERE id = $1")
        .bind(store)
        .fetch_optional(db)
        .await
}

/// Fixes the quote on the order.
pub async fn record_quote(conn: &mut PgConnection, order: Uuid, q: &Quote) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE orders SET carrier = $2, weight_grams = $3, carrier_fee = $4, \
           shipping_commission = $5, delivery_option = $6 WHERE id = $1",
    )
    .bind(order)
    .bind(q.carrier)
    .bind(i32::try_from(q.weight_grams).unwrap_or(i32::MAX))
    .bind(q.carrier_fee)
    .bind(q.commission)
    .bind(&q.option)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct OrderToShip {
    pub id: Uuid,
    pub number: String,
    pub store_id: Uuid,
    pub customer_id: Uuid,
    pub status: String,
    pub carrier: String,
    pub payment_method: String,
    pub amount_due: i64,
    pub total: i64,
    pub weight_grams: i32,
    pub delivery_option: Option<serde_json::Value>,
    pub address: serde_json::Value,
    pub created_at: OffsetDateTime,
    pub customer_name: Option<String>,
    pub customer_phone: String,
    pub customer_email: Option<String>,
}

pub async fn order_to_ship(
    db: impl PgExecutor<'_>,
    order: Uuid,
) -> sqlx::Result<Option<OrderToShip>> {
    sqlx::query_as(
        "SELECT o.id, o.number, o.store_id, o.customer_id, o.status, o.carrier, o.payment_method, \
           o.amount_due, o.total, o.weight_grams, o.delivery_option, o.address, o.created_at, \
           u.name AS customer_name, u.phone AS customer_phone, u.email AS customer_email \
         FROM orders o JOIN users u ON u.id = o.customer_id WHERE o.id = $1",
    )
    .bind(order)
    .fetch_optional(db)
    .await
}

/// (sku or id, name, unit price, quantity) of the order's items.
pub async fn order_items(
    db: impl PgExecutor<'_>,
    order: Uuid,
) -> sqlx::Result<Vec<(String, String, i64, i32)>> {
    sqlx::query_as(
        "SELECT coalesce(i.product_id::text, i.id::text), i.name_en, i.unit_price, i.quantity \
         FROM order_items i WHERE i.order_id = $1 ORDER BY i.id",
    )
    .bind(order)
    .fetch_all(db)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct StoreAddress {
    pub name_en: String,
    pub phone: Option<String>,
    pub city: String,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub owner_name: Option<String>,
    pub owner_phone: String,
    pub owner_email: Option<String>,
}

pub async fn store_address(
    db: impl PgExecutor<'_>,
    store: Uuid,
) -> sqlx::Result<Option<StoreAddress>> {
    sqlx::query_as(
        "SELECT s.name_en, s.phone, s.city, s.address, s.lat, s.lng, u.name AS owner_name, \
           u.phone AS owner_phone, u.email AS owner_email \
         FROM stores s JOIN companies c ON c.id = s.company_id JOIN users u ON u.id = c.owner_id \
         WHERE s.id = $1",
    )
    .bind(store)
    .fetch_optional(db)
    .await
}

pub async fn pickup_code(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT code FROM pickup_locations WHERE store_id = $1 AND deleted_at IS NULL",
    )
    .bind(store)
    .fetch_optional(db)
    .await
}

/// The store's location as first registered, with the city and address the
/// carrier was given.
pub async fn insert_pickup(
    db: impl PgExecutor<'_>,
    store: Uuid,
    carrier: &str,
    code: &str,
    city: &str,
    address: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO pickup_locations (store_id, carrier, code, city, address) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (store_id) DO NOTHING",
    )
    .bind(store)
    .bind(carrier)
    .bind(code)
    .bind(city)
    .bind(address)
    .execute(db)
    .await?;
    Ok(())
}

/// The order's shipment, made once (a second "ready" finds the first).
pub async fn insert_shipment(
    conn: &mut PgConnection,
    order: Uuid,
    carrier: &str,
    status: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "INSERT INTO shipments (id, order_id, carrier, status) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (order_id) DO NOTHING RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(order)
    .bind(carrier)
    .bind(status)
    .fetch_optional(conn)
    .await
}

pub async fn shipment_of(
    db: impl PgExecutor<'_>,
    order: Uuid,
) -> sqlx::Result<Option<ShipmentRow>> {
    sqlx::query_as(&format!(
        "SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE order_id = $1 AND deleted_at IS NULL"
    ))
    .bind(order)
    .fetch_optional(db)
    .await
}

pub async fn lock_shipment_by_number(
    conn: &mut PgConnection,
    number: &str,
) -> sqlx::Result<Option<ShipmentRow>> {
    sqlx::query_as(&format!(
        "SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE order_id = \
           (SELECT id FROM orders WHERE number = $1) AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(number)
    .fetch_optional(conn)
    .await
}

pub async fn lock_shipment(
    conn: &mut PgConnection,
    order: Uuid,
) -> sqlx::Result<Option<ShipmentRow>> {
    sqlx::query_as(&format!(
        "SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE order_id = $1 AND deleted_at IS NULL \
         FOR UPDATE"
    ))
    .bind(order)
    .fetch_optional(conn)
    .await
}

pub struct Created<'a> {
    pub provider_id: &'a str,
    pub tracking_number: Option<&'a str>,
    pub tracking_url: Option<&'a str>,
    pub awb_url: Option<&'a str>,
    pub status: &'a str,
    pub raw_status: &'a str,
}

pub async fn set_created(conn: &mut PgConnection, id: Uuid, c: &Created<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE shipments SET provider_id = $2, tracking_number = $3, tracking_url = $4, \
           awb_url = $5, status = $6, raw_status = $7, last_error = NULL, \
           attempts = attempts + 1, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(c.provider_id)
    .bind(c.tracking_number)
    .bind(c.tracking_url)
    .bind(c.awb_url)
    .bind(c.status)
    .bind(c.raw_status)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_error(db: impl PgExecutor<'_>, id: Uuid, error: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE shipments SET last_error = left($2, 500), attempts = attempts + 1, \
           updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    raw: &str,
    tracking_number: Option<&str>,
    tracking_url: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE shipments SET status = $2, raw_status = $3, \
           tracking_number = coalesce($4, tracking_number), \
           tracking_url = coalesce($5, tracking_url), updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(raw)
    .bind(tracking_number)
    .bind(tracking_url)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a timeline step; none when this very event was recorded before.
pub async fn insert_event(
    conn: &mut PgConnection,
    shipment: Uuid,
    e: &TrackingEvent,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "INSERT INTO shipment_events (id, shipment_id, status, raw_status, note, source, occurred_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (shipment_id, raw_status, occurred_at) DO NOTHING RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(shipment)
    .bind(&e.status)
    .bind(&e.raw_status)
    .bind(&e.note)
    .bind(&e.source)
    .bind(e.occurred_at)
    .fetch_optional(conn)
    .await
}

pub async fn events(db: impl PgExecutor<'_>, shipment: Uuid) -> sqlx::Result<Vec<TrackingEvent>> {
    sqlx::query_as(
        "SELECT status, raw_status, note, source, occurred_at FROM shipment_events \
         WHERE shipment_id = $1 ORDER BY occurred_at, created_at",
    )
    .bind(shipment)
    .fetch_all(db)
    .await
}

pub struct WebhookLog<'a> {
    pub carrier: &'a str,
    pub order_ref: Option<&'a str>,
    pub raw_status: Option<&'a str>,
    pub verdict: &'a str,
    pub effect: &'a str,
    pub body: &'a str,
}

pub async fn log_webhook(db: impl PgExecutor<'_>, w: &WebhookLog<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO shipping_webhooks (id, carrier, order_ref, raw_status, verdict, effect, body) \
         VALUES ($1, $2, left($3, 100), left($4, 100), $5, $6, left($7, 8000))",
    )
    .bind(Uuid::now_v7())
    .bind(w.carrier)
    .bind(w.order_ref)
    .bind(w.raw_status)
    .bind(w.verdict)
    .bind(w.effect)
    .bind(w.body)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn admin_shipments(
    db: impl PgExecutor<'_>,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<AdminShipment>> {
    sqlx::query_as(
        "SELECT s.order_id, o.number AS order_number, o.store_id, s.carrier, s.status, s.raw_status, \
           s.tracking_number, s.provider_id IS NOT NULL AS at_carrier, s.attempts, s.last_error, \
           s.updated_at \
         FROM shipments s JOIN orders o ON o.id = s.order_id \
         WHERE s.deleted_at IS NULL AND ($1::text IS NULL OR s.status = $1) \
         ORDER BY s.updated_at DESC LIMIT $2 OFFSET $3",
    )
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn webhook_calls(
    db: impl PgExecutor<'_>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<WebhookCall>> {
    sqlx::query_as(
        "SELECT id, carrier, order_ref, raw_status, verdict, effect, received_at \
         FROM shipping_webhooks ORDER BY received_at DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

pub async fn product_shipping(
    db: impl PgExecutor<'_>,
    store: Uuid,
    product: Uuid,
) -> sqlx::Result<Option<super::model::ProductShipping>> {
    sqlx::query_as(
        "SELECT weight_grams, length_cm, width_cm, height_cm FROM products \
         WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL",
    )
    .bind(product)
    .bind(store)
    .fetch_optional(db)
    .await
}

/// The product's weight and size; none when it is not this store's.
pub async fn set_product_shipping(
    db: impl PgExecutor<'_>,
    store: Uuid,
    product: Uuid,
    s: &super::model::ProductShipping,
    by: Uuid,
) -> sqlx::Result<Option<super::model::ProductShipping>> {
    sqlx::query_as(
        "UPDATE products SET weight_grams = $3, length_cm = $4, width_cm = $5, height_cm = $6, \
           updated_at = now(), updated_by = $7 \
         WHERE id = $1 AND store_id = $2 AND deleted_at IS NULL \
         RETURNING weight_grams, length_cm, width_cm, height_cm",
    )
    .bind(product)
    .bind(store)
    .bind(s.weight_grams)
    .bind(s.length_cm)
    .bind(s.width_cm)
    .bind(s.height_cm)
    .bind(by)
    .fetch_optional(db)
    .await
}

/// Claims up to `limit` carrier shipments still under way whose last word is
/// older than `stale`: their clock is reset here, so that another node's
/// sweeper skips them. (order number, shipment's raw status, its status)
pub async fn claim_stale(
    db: impl PgExecutor<'_>,
    carrier: &str,
    stale: OffsetDateTime,
    limit: i64,
) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "WITH due AS ( \
           SELECT id FROM shipments \
           WHERE carrier = $1 AND provider_id IS NOT NULL AND deleted_at IS NULL \
             AND status NOT IN ('delivered', 'returned', 'cancelled') AND updated_at < $2 \
           ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED) \
         UPDATE shipments s SET updated_at = now() FROM due, orders o \
         WHERE s.id = due.id AND o.id = s.order_id RETURNING o.number, s.raw_status, s.status",
    )
    .bind(carrier)
    .bind(stale)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub mod pickups;
