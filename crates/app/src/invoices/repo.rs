use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{InvoiceLine, InvoiceRow};

/// The next number of a seller's sequence. The counter row stays locked until
/// the issuing transaction ends, and rolls back with it: no gaps.
pub async fn next_number(conn: &mut PgConnection, company: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO invoice_counters (company_id, last_no) VALUES ($1, 1) \
         ON CONFLICT (company_id) DO UPDATE SET last_no = invoice_counters.last_no + 1 \
         RETURNING last_no",
    )
    .bind(company)
    .fetch_one(conn)
    .await
}

pub async fn exists(conn: &mut PgConnection, order: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM invoices WHERE order_id = $1)")
        .bind(order)
        .fetch_one(conn)
        .await
}

#[derive(sqlx::FromRow)]
pub struct Seller {
    pub company_id: Uuid,
    pub cr_number: String,
    pub legal_name_ar: String,
    pub vat_number: String,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    pub total: i64,
}

pub async fn seller_of(conn: &mut PgConnection, order: Uuid) -> sqlx::Result<Seller> {
    sqlx::query_as(
        "SELECT c.id AS company_id, c.cr_number, c.legal_name_ar, c.vat_number, \
                o.subtotal, o.delivery_fee, o.vat, o.total \
         FROM orders o JOIN stores s ON s.id = o.store_id JOIN companies c ON c.id = s.company_id \
         WHERE o.id = $1",
    )
    .bind(order)
    .fetch_one(conn)
    .await
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    order: Uuid,
    s: &Seller,
    seq: i64,
    number: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invoices (id, order_id, company_id, seq_no, number, seller_name, vat_number, \
           subtotal, vat, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(order)
    .bind(s.company_id)
    .bind(seq)
    .bind(number)
    .bind(&s.legal_name_ar)
    .bind(&s.vat_number)
    .bind(s.subtotal + s.delivery_fee)
    .bind(s.vat)
    .bind(s.total)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn of_order(db: impl PgExecutor<'_>, order: Uuid) -> sqlx::Result<Option<InvoiceRow>> {
    sqlx::query_as(
        "SELECT i.id, i.order_id, i.number, i.issued_at, i.seller_name, i.vat_number, i.subtotal, \
                i.vat, i.total, o.customer_id, o.store_id, o.number AS order_number, o.delivery_fee, \
                o.discount, o.store_discount, o.amount_due, c.city || ' — ' || c.address AS seller_address \
         FROM invoices i JOIN orders o ON o.id = i.order_id JOIN companies c ON c.id = i.company_id \
         WHERE i.order_id = $1",
    )
    .bind(order)
    .fetch_optional(db)
    .await
}

pub async fn lines(db: impl PgExecutor<'_>, order: Uuid) -> sqlx::Result<Vec<InvoiceLine>> {
    let rows: Vec<(String, String, i32, i64, i64, i64)> = sqlx::query_as(
        "SELECT name_ar, name_en, quantity, unit_price, line_total, unit_discount FROM order_items \
         WHERE order_id = $1 ORDER BY id",
    )
    .bind(order)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(name_ar, name_en, quantity, unit_price, line_total, unit_discount)| InvoiceLine {
                name_ar,
                name_en,
                quantity,
                unit_price,
                line_total,
                original_unit_price: unit_price + unit_discount,
                store_discount: unit_discount * i64::from(quantity),
            },
        )
        .collect())
}
