use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvoiceRow {
    pub id: Uuid,
    pub order_id: Uuid,
    pub number: String,
    pub issued_at: time::OffsetDateTime,
    pub seller_name: String,
    pub vat_number: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    pub customer_id: Uuid,
    pub store_id: Uuid,
    pub order_number: String,
    pub delivery_fee: i64,
    pub discount: i64,
    pub store_discount: i64,
    pub amount_due: i64,
    pub seller_address: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceLine {
    pub name_ar: String,
    pub name_en: String,
    pub quantity: i32,
    /// The price the item was sold at, the store's discount taken off.
    pub unit_price: i64,
    pub line_total: i64,
    /// The price before the store's discount.
    pub original_unit_price: i64,
    /// The store's discount on this line (a discount of the seller's supply).
    pub store_discount: i64,
}

/// A simplified tax invoice. Amounts are halalas; `subtotal` includes the
/// delivery fee (both are taxable supplies of the seller).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: Uuid,
    pub number: String,
    pub order_id: Uuid,
    pub order_number: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: time::OffsetDateTime,
    pub seller_name: String,
    pub seller_address: String,
    pub vat_number: String,
    pub lines: Vec<InvoiceLine>,
    /// The seller's own discount (its promotions) on the lines, already out
    /// of `subtotal`: VAT is on the discounted supply.
    pub store_discount: i64,
    pub delivery_fee: i64,
    /// Net of VAT: goods plus delivery.
    pub subtotal: i64,
    pub vat_rate_percent: i64,
    pub vat: i64,
    /// With VAT.
    pub total: i64,
    /// Paid by the platform's coupon, not a discount of the seller's supply.
    pub platform_discount: i64,
    pub amount_paid_by_customer: i64,
    pub currency: String,
    /// Base64 of the ZATCA phase-1 TLV fields (seller, VAT number, time, total, VAT).
    pub zatca_qr: String,
}
