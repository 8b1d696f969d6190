use sqlx::PgConnection;
use uuid::Uuid;

use kernel::money::decimal;
use kernel::zatca::{QrFields, qr_base64};
use kernel::{ApiError, ApiResult};

use super::model::Invoice;
use super::repo;
use crate::AppState;
use crate::auth::Caller;

/// Issues the order's invoice once, in the confirming transaction.
pub async fn issue(conn: &mut PgConnection, order: Uuid) -> ApiResult<()> {
    if repo::exists(conn, order).await? {
        return Ok(());
    }
    let seller = repo::seller_of(conn, order).await?;
    let seq = repo::next_number(conn, seller.company_id).await?;
    let number = format!("INV-{}-{seq:06}", seller.cr_number);
    repo::insert(conn, order, &seller, seq, &number).await?;
    Ok(())
}

/// The QR payload of an invoice; the time is UTC with `Z`.
pub fn qr(
    seller: &str,
    vat_number: &str,
    issued_at: time::OffsetDateTime,
    total: i64,
    vat: i64,
) -> ApiResult<String> {
    let stamp = issued_at
        .to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(issued_at)
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| ApiError::Internal(e.into()))?;
    qr_base64(&QrFields {
        seller_name: seller,
        vat_number,
        timestamp: stamp,
        total_with_vat: &decimal(total),
        vat_total: &decimal(vat),
    })
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e:?}")))
}

/// The invoice of an order, for its customer, its store's staff (orders.view)
/// or an admin holding orders.manage; 404 for anyone else.
pub async fn for_order(state: &AppState, caller: &Caller, order: Uuid) -> ApiResult<Invoice> {
    let row = repo::of_order(&state.db, order)
        .await?
        .ok_or(ApiError::NotFound)?;
    if row.customer_id != caller.user_id {
        let admin = crate::admin::permissions::holds(
            state,
            caller,
            crate::admin::permissions::Permission::OrdersManage,
        )
        .await?;
        if !admin {
            crate::stores::access::require(
                state,
                caller,
                row.store_id,
                crate::stores::access::StorePermission::OrdersView,
            )
            .await?;
        }
    }
    let lines = repo::lines(&state.db, order).await?;
    Ok(Invoice {
        zatca_qr: qr(
            &row.seller_name,
            &row.vat_number,
            row.issued_at,
            row.total,
            row.vat,
        )?,
        id: row.id,
        number: row.number,
        order_id: row.order_id,
        order_number: row.order_number,
        issued_at: row.issued_at,
        seller_name: row.seller_name,
        seller_address: row.seller_address,
        vat_number: row.vat_number,
        lines,
        store_discount: row.store_discount,
        delivery_fee: row.delivery_fee,
        subtotal: row.subtotal,
        vat_rate_percent: 15,
        vat: row.vat,
        total: row.total,
        platform_discount: row.discount,
        amount_paid_by_customer: row.amount_due,
        currency: "SAR".into(),
    })
}
