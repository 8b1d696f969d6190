//! SQL of checkouts, orders, their items and status history.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{ItemRow, OrderRow, StatusChange};
use super::pricing::OrderAmounts;

const ORDER_ROW: &str = "o.id, o.number, o.checkout_id, o.customer_id, o.store_id, \
    s.name_ar AS store_name_ar, s.name_en AS store_name_en, o.status, o.payment_method, o.address, \
    o.subtotal, o.delivery_fee, o.vat, o.total, o.discount, o.store_discount, o.amount_due, \
    o.currency, o.commission, o.commission_vat, o.paid_at, o.payment_expires_at, o.request_id, o.created_at";

pub struct NewCheckout<'a> {
    pub id: Uuid,
    pub user: Uuid,
    pub method: &'a str,
    pub coupon: Option<Uuid>,
    pub discount: i64,
    pub amount_due: i64,
    pub session: Option<Uuid>,
}

pub async fn insert_checkout(conn: &mut PgConnection, c: &NewCheckout<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO checkouts (id, user_id, payment_method, coupon_id, discount, amount_due, session_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(c.id)
    .bind(c.user)
    .bind(c.method)
    .bind(c.coupon)
    .bind(c.discount)
    .bind(c.amount_due)
    .bind(c.session)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewOrder<'a> {
    pub id: Uuid,
    pub checkout_id: Uuid,
    pub customer_id: Uuid,
    pub store_id: Uuid,
    pub status: &'a str,
    pub payment_method: &'a str,
    pub address: &'a serde_json::Value,
    pub amounts: OrderAmounts,
    /// What the store's promotions took off its items (already out of the subtotal).
    pub store_discount: i64,
    pub coupon_id: Option<Uuid>,
    pub commission_bp: i32,
    pub payment_expires_at: Option<time::OffsetDateTime>,
    /// The request and offer an order of an accepted offer comes from.
    pub source: Option<(Uuid, Uuid)>,
}

pub async fn insert_order(conn: &mut PgConnection, o: &NewOrder<'_>) -> sqlx::Result<()> {
    let a = &o.amounts;
    sqlx::query(
        "INSERT INTO orders (id, number, checkout_id, customer_id, store_id, status, payment_method, \
           address, subtotal, delivery_fee, vat, total, discount, amount_due, coupon_id, \
           commission_bp, commission, commission_vat, payment_expires_at, created_by, source, \
           request_id, offer_id, store_discount) \
         VALUES ($1, 'Q' || nextval('order_number_seq'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
           $12, $13, $14, $15, $16, $17, $18, $3, $19, $20, $21, $22)",
    )
    .bind(o.id)
    .bind(o.checkout_id)
    .bind(o.customer_id)
    .bind(o.store_id)
    .bind(o.status)
    .bind(o.payment_method)
    .bind(o.address)
    .bind(a.subtotal)
    .bind(a.delivery_fee)
    .bind(a.vat)
    .bind(a.total)
    .bind(a.discount)
    .bind(a.amount_due)
    .bind(o.coupon_id)
    .bind(o.commission_bp)
    .bind(a.commission)
    .bind(a.commission_vat)
    .bind(o.payment_expires_at)
    .bind(if o.source.is_some() { "request" } else { "cart" })
    .bind(o.source.map(|s| s.0))
    .bind(o.source.map(|s| s.1))
    .bind(o.store_discount)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewItem<'a> {
    /// None for the part of an accepted offer.
    pub product_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub name_ar: &'a str,
    pub name_en: &'a str,
    /// What the customer pays per unit (after the store's promotion).
    pub unit_price: i64,
    pub quantity: i32,
    /// The store promotion that priced it, and what it took off one unit.
    pub promotion_id: Option<Uuid>,
    pub unit_discount: i64,
}

pub async fn insert_item(
    conn: &mut PgConnection,
    order: Uuid,
    i: &NewItem<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO order_items (id, order_id, product_id, variant_id, category_id, name_ar, name_en, \
           unit_price, quantity, line_total, promotion_id, unit_discount) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8 * $9, $10, $11)",
    )
    .bind(Uuid::now_v7())
    .bind(order)
    .bind(i.product_id)
    .bind(i.variant_id)
    .bind(i.category_id)
    .bind(i.name_ar)
    .bind(i.name_en)
    .bind(i.unit_price)
    .bind(i.quantity)
    .bind(i.promotion_id)
    .bind(i.unit_discount)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes `quantity` from the stock if that much is there; `false` otherwise.
/// One conditional update: never oversold, whatever the concurrency.
pub async fn take_stock(
    conn: &mut PgConnection,
    product: Uuid,
    variant: Option<Uuid>,
    quantity: i32,
) -> sqlx::Result<bool> {
    let r = match variant {
        Some(v) => {
            sqlx::query(
                "UPDATE product_variants SET stock = stock - $3, updated_at = now() \
                 WHERE id = $1 AND product_id = $2 AND stock >= $3 AND deleted_at IS NULL",
            )
            .bind(v)
            .bind(product)
            .bind(quantity)
            .execute(conn)
            .await?
        }
        None => {
            sqlx::query(
                "UPDATE products SET stock = stock - $2, updated_at = now() \
                 WHERE id = $1 AND stock >= $2 AND status = 'active' AND deleted_at IS NULL",
            )
            .bind(product)
            .bind(quantity)
            .execute(conn)
            .await?
        }
    };
    Ok(r.rows_affected() == 1)
}

/// Puts an order's items back in stock, once (the flag is set in the same statement).
pub async fn open_count_for_store(conn: &mut PgConnection, store: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM orders WHERE store_id = $1 \
         AND status NOT IN ('delivered', 'cancelled', 'rejected', 'refunded')",
    )
    .bind(store)
    .fetch_one(conn)
    .await
}

pub async fn release_stock(conn: &mut PgConnection, order: Uuid) -> sqlx::Result<bool> {
    let released =
        sqlx::query("UPDATE orders SET stock_released = true WHERE id = $1 AND NOT stock_released")
            .bind(order)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            == 1;
    if !released {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE product_variants v SET stock = v.stock + i.quantity, updated_at = now() \
         FROM order_items i WHERE i.order_id = $1 AND i.variant_id = v.id",
    )
    .bind(order)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE products p SET stock = p.stock + i.quantity, updated_at = now() \
         FROM order_items i WHERE i.order_id = $1 AND i.variant_id IS NULL AND i.product_id = p.id",
    )
    .bind(order)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

pub async fn history(
    conn: &mut PgConnection,
    order: Uuid,
    from: Option<&str>,
    to: &str,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO order_status_history (order_id, from_status, to_status, actor_id, actor_role, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order)
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
    order: Uuid,
    to: &str,
    actor: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE orders SET status = $2, updated_at = now(), updated_by = $3, \
           paid_at = CASE WHEN $2 = 'confirmed' AND payment_method <> 'cash' THEN coalesce(paid_at, now()) ELSE paid_at END, \
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END \
         WHERE id = $1",
    )
    .bind(order)
    .bind(to)
    .bind(actor)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_payment_method(
    conn: &mut PgConnection,
    id: Uuid,
    method: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE orders SET payment_method = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(method)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<OrderRow>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_ROW} FROM orders o JOIN stores s ON s.id = o.store_id \
         WHERE o.id = $1 AND o.deleted_at IS NULL FOR UPDATE OF o"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn find(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<OrderRow>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_ROW} FROM orders o JOIN stores s ON s.id = o.store_id \
         WHERE o.id = $1 AND o.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn of_checkout(db: impl PgExecutor<'_>, checkout: Uuid) -> sqlx::Result<Vec<OrderRow>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER_ROW} FROM orders o JOIN stores s ON s.id = o.store_id \
         WHERE o.checkout_id = $1 ORDER BY o.number"
    ))
    .bind(checkout)
    .fetch_all(db)
    .await
}

pub struct ListFilter {
    pub customer: Option<Uuid>,
    pub store: Option<Uuid>,
    pub status: Option<String>,
    pub number: Option<String>,
}

pub async fn list(
    db: &sqlx::PgPool,
    f: &ListFilter,
    order_by: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<OrderRow>, i64)> {
    let cond = "o.deleted_at IS NULL AND ($1::uuid IS NULL OR o.customer_id = $1) \
        AND ($2::uuid IS NULL OR o.store_id = $2) AND ($3::text IS NULL OR o.status = $3) \
        AND ($4::text IS NULL OR o.number = $4)";
    let rows = sqlx::query_as(&format!(
        "SELECT {ORDER_ROW} FROM orders o JOIN stores s ON s.id = o.store_id WHERE {cond} \
         ORDER BY {order_by} LIMIT $5 OFFSET $6"
    ))
    .bind(f.customer)
    .bind(f.store)
    .bind(&f.status)
    .bind(&f.number)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!("SELECT count(*) FROM orders o WHERE {cond}"))
        .bind(f.customer)
        .bind(f.store)
        .bind(&f.status)
        .bind(&f.number)
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

pub async fn items(db: impl PgExecutor<'_>, orders: &[Uuid]) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(
        "SELECT id, order_id, product_id, variant_id, name_ar, name_en, unit_price, quantity, line_total, \
           promotion_id, unit_discount \
         FROM order_items WHERE order_id = ANY($1) ORDER BY order_id, id",
    )
    .bind(orders)
    .fetch_all(db)
    .await
}

pub async fn status_history(
    db: impl PgExecutor<'_>,
    order: Uuid,
) -> sqlx::Result<Vec<StatusChange>> {
    sqlx::query_as(
        "SELECT from_status, to_status, actor_id, actor_role, note, created_at \
         FROM order_status_history WHERE order_id = $1 ORDER BY id",
    )
    .bind(order)
    .fetch_all(db)
    .await
}

/// Unpaid card orders past their payment window, locked and skipped by
/// other nodes sweeping at the same time.
pub async fn lock_expired(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'pending_payment' AND NOT stock_released \
         AND payment_expires_at < now() ORDER BY payment_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Whether every order of the checkout ended before anything was paid.
pub async fn checkout_abandoned(conn: &mut PgConnection, checkout: Uuid) -> sqlx::Result<bool> {
    let all: Option<bool> = sqlx::query_scalar(
        "SELECT bool_and(status IN ('cancelled', 'rejected') AND paid_at IS NULL) FROM orders WHERE checkout_id = $1",
    )
    .bind(checkout)
    .fetch_one(conn)
    .await?;
    Ok(all.unwrap_or(false))
}

/// (store, owner of its company) for these stores.
pub async fn store_owners(
    conn: &mut PgConnection,
    stores: &[Uuid],
) -> sqlx::Result<Vec<(Uuid, Uuid)>> {
    sqlx::query_as(
        "SELECT s.id, c.owner_id FROM stores s JOIN companies c ON c.id = s.company_id \
         WHERE s.id = ANY($1)",
    )
    .bind(stores)
    .fetch_all(conn)
    .await
}

/// The card session an order is paid through, if any.
pub async fn session_of(db: impl PgExecutor<'_>, order: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT c.session_id FROM orders o JOIN checkouts c ON c.id = o.checkout_id WHERE o.id = $1",
    )
    .bind(order)
    .fetch_optional(db)
    .await
    .map(Option::flatten)
}
