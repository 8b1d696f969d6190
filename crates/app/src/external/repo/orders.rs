//! SQL of external-part orders and their history.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::external::model::{ExternalOrder, ExternalPart, Merchant};
use crate::external::orders::PlaceExternal;
use crate::orders::pricing::OrderAmounts;

const ORDER: &str = "id, number, customer_id, merchant_id, part_id, sku, name_ar, name_en, unit_price, quantity, \
    subtotal, delivery_fee, vat, total, commission_bp, commission, commission_vat, status, payment_method, address, \
    paid_at, created_at";

pub async fn order_row(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ExternalOrder>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER} FROM external_orders WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_order(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ExternalOrder>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER} FROM external_orders WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn mark_paid(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE external_orders SET paid_at = coalesce(paid_at, now()), updated_at = now() WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_step(
    conn: &mut PgConnection,
    o: &ExternalOrder,
    to: &str,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE external_orders SET status = $2, updated_at = now(), updated_by = $3 WHERE id = $1",
    )
    .bind(o.id)
    .bind(to)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO external_order_history (order_id, from_status, to_status, actor_id, actor_role, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(o.id)
    .bind(&o.status)
    .bind(to)
    .bind(actor)
    .bind(role)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_order(
    conn: &mut PgConnection,
    id: Uuid,
    customer: Uuid,
    merchant: &Merchant,
    part: &ExternalPart,
    req: &PlaceExternal,
    amounts: &OrderAmounts,
    address: &serde_json::Value,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO external_orders (id, number, customer_id, merchant_id, part_id, sku, name_ar, name_en, unit_price, \
           quantity, subtotal, delivery_fee, vat, total, commission_bp, commission, commission_vat, status, \
           payment_method, address, created_by, updated_by) \
         VALUES ($1, 'X' || nextval('external_order_numbers'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
           $14, $15, $16, 'placed', $17, $18, $2, $2)",
    )
    .bind(id)
    .bind(customer)
    .bind(merchant.id)
    .bind(part.id)
    .bind(&part.sku)
    .bind(&part.name_ar)
    .bind(&part.name_en)
    .bind(part.price)
    .bind(req.quantity)
    .bind(amounts.subtotal)
    .bind(amounts.delivery_fee)
    .bind(amounts.vat)
    .bind(amounts.total)
    .bind(merchant.commission_bp)
    .bind(amounts.commission)
    .bind(amounts.commission_vat)
    .bind(req.payment_method.as_str())
    .bind(address)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO external_order_history (order_id, to_status, actor_id, actor_role) VALUES ($1, 'placed', $2, 'customer')")
        .bind(id)
        .bind(customer)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn orders_of(
    db: impl PgExecutor<'_>,
    customer: Uuid,
) -> sqlx::Result<Vec<ExternalOrder>> {
    sqlx::query_as(&format!(
        "SELECT {ORDER} FROM external_orders WHERE customer_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 100"
    ))
    .bind(customer)
    .fetch_all(db)
    .await
}

pub async fn all_orders(
    db: impl PgExecutor<'_> + Copy,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ExternalOrder>, i64)> {
    let rows = sqlx::query_as(&format!(
        "SELECT {ORDER} FROM external_orders WHERE deleted_at IS NULL AND ($1::text IS NULL OR status = $1) \
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(
        "SELECT count(*) FROM external_orders WHERE deleted_at IS NULL AND ($1::text IS NULL OR status = $1)",
    )
    .bind(status)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

/// Placed card orders created before `before` and still unpaid, locked for
/// this node.
pub async fn unpaid_card_orders(
    db: impl PgExecutor<'_>,
    before: time::OffsetDateTime,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM external_orders WHERE status = 'placed' AND payment_method = 'card' \
         AND paid_at IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}
