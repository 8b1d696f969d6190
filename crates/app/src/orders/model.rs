use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{FieldErrors, Locale};

use crate::payments::model::{Method, Payment, Refund};

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckoutRequest {
    pub address_id: Uuid,
    pub payment_method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^[A-Za-z0-9_-]{1,40}$")]
    pub coupon_code: Option<String>,
    /// Customer's note to the stores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 500)]
    pub note: Option<String>,
    /// "Buy now": check these out instead of the cart, which is left as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(min_items = 1, max_items = 50)]
    pub items: Option<Vec<crate::cart::model::AddItem>>,
    /// Card only: keep the card once paid, to pay later with no payment page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<bool>,
    /// Card only: pay with this saved card (`GET /payments/saved-cards`)
    /// through the gateway, with no payment page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_card_id: Option<Uuid>,
}

/// `saveCard` and `savedCardId` go with a card payment, and not together.
fn check_card_choice(
    e: &mut FieldErrors,
    card: bool,
    save_card: Option<bool>,
    saved_card_id: Option<Uuid>,
) {
    if !card {
        if save_card == Some(true) {
            e.add("saveCard", Message::new("saved-cards-card-only"));
        }
        if saved_card_id.is_some() {
            e.add("savedCardId", Message::new("saved-cards-card-only"));
        }
    } else if save_card == Some(true) && saved_card_id.is_some() {
        e.add("saveCard", Message::new("saved-cards-save-or-use"));
    }
}

impl Validate for CheckoutRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        if let Some(code) = &self.coupon_code
            && (code.trim().is_empty() || code.len() > 40)
        {
            e.add("couponCode", Message::new("checkout-coupon-code-invalid"));
        }
        if let Some(note) = &self.note {
            e.max_chars("note", note, 500);
        }
        check_card_choice(
            &mut e,
            self.payment_method == Method::Card,
            self.save_card,
            self.saved_card_id,
        );
        if let Some(items) = &self.items {
            if items.is_empty() || items.len() as i64 > crate::cart::model::MAX_LINES {
                e.add(
                    "items",
                    Message::new("validation-range")
                        .arg("min", 1i64)
                        .arg("max", crate::cart::model::MAX_LINES),
                );
            }
            for (i, item) in items.iter().enumerate() {
                if !(1..=crate::cart::model::MAX_QUANTITY).contains(&item.quantity) {
                    e.add(
                        format!("items[{i}].quantity"),
                        Message::new("validation-range")
                            .arg("min", 1i64)
                            .arg("max", i64::from(crate::cart::model::MAX_QUANTITY)),
                    );
                }
            }
        }
        e.into_result()
    }
}

/// What checkout answers (and replays for the same `Idempotency-Key`).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutResult {
    pub checkout_id: Uuid,
    pub payment_method: Method,
    /// Sum of the orders' `amountDue`.
    pub amount_due: i64,
    pub discount: i64,
    pub currency: String,
    /// Card only: where to send the customer to pay (our stable link that
    /// forwards to the gateway's hosted page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_url: Option<String>,
    /// With `savedCardId`: how paying with it went (`paymentUrl` only when
    /// `action_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_card_result: Option<crate::saved_cards::SavedCardResult>,
    pub orders: Vec<Order>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub id: Uuid,
    /// None for the part of an accepted store-request offer.
    pub product_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    pub name: String,
    /// What the customer paid per unit, the store's promotion taken off.
    pub unit_price: i64,
    pub quantity: i32,
    pub line_total: i64,
    /// The price per unit before the store's promotion.
    #[serde(default)]
    pub original_unit_price: i64,
    /// What the store's promotion took off this line (funded by the store).
    #[serde(default)]
    pub store_discount: i64,
    /// The store promotion that priced this item.
    #[serde(default)]
    pub promotion_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub id: Uuid,
    pub number: String,
    pub checkout_id: Uuid,
    pub customer_id: Uuid,
    pub store_id: Uuid,
    pub store_name: String,
    pub status: String,
    pub payment_method: String,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    /// The store's invoice total: subtotal + delivery fee + VAT.
    pub total: i64,
    /// Platform-funded (a coupon), taken off what the customer pays.
    pub discount: i64,
    /// Store-funded (its promotions), already out of `subtotal`: the store
    /// sold at the lower price, and is settled on it.
    #[serde(default)]
    pub store_discount: i64,
    /// What the customer pays: total − discount.
    pub amount_due: i64,
    pub currency: String,
    #[schema(value_type = Object)]
    pub address: serde_json::Value,
    pub items: Vec<OrderItem>,
    /// The store request this order's accepted offer answered.
    #[serde(default)]
    pub request_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub paid_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub payment_expires_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = OrderStatusChange)]
pub struct StatusChange {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: time::OffsetDateTime,
}

/// `POST /orders/{id}/pay`: pay an order awaiting payment again.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayAgainRequest {
    pub payment_method: PayAgainMethod,
    /// Card only: keep the card once paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_card: Option<bool>,
    /// Card only: pay with this saved card, with no payment page (3-D Secure
    /// or a refused token fall back to `paymentUrl`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved_card_id: Option<Uuid>,
}

impl Validate for PayAgainRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        check_card_choice(
            &mut e,
            self.payment_method == PayAgainMethod::Card,
            self.save_card,
            self.saved_card_id,
        );
        e.into_result()
    }
}

/// How an order awaiting payment may be paid again (cash is agreed at
/// checkout only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PayAgainMethod {
    Card,
    Wallet,
}

impl From<PayAgainMethod> for Method {
    fn from(m: PayAgainMethod) -> Method {
        match m {
            PayAgainMethod::Card => Method::Card,
            PayAgainMethod::Wallet => Method::Wallet,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayAgainResult {
    pub order_id: Uuid,
    /// `confirmed` when paid from the wallet; `pending_payment` for a card attempt.
    pub status: String,
    pub payment_method: Method,
    /// Card: the hosted page to pay on (with `savedCardId`, only when
    /// `savedCardResult` is `action_required`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_url: Option<String>,
    /// With `savedCardId`: `captured` (confirmed, no page), `action_required`
    /// or `declined`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved_card_result: Option<crate::saved_cards::SavedCardResult>,
}

/// One order with everything the customer, the store or an admin sees on its page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail {
    #[serde(flatten)]
    pub order: Order,
    pub history: Vec<StatusChange>,
    pub payments: Vec<Payment>,
    pub refunds: Vec<Refund>,
    /// Whether the customer may still cancel it.
    pub cancellable: bool,
    /// Whether it awaits payment within its window, so the customer may pay
    /// again (`POST /orders/{id}/pay`).
    pub payable: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrderRow {
    pub id: Uuid,
    pub number: String,
    pub checkout_id: Uuid,
    pub customer_id: Uuid,
    pub store_id: Uuid,
    pub store_name_ar: String,
    pub store_name_en: String,
    pub status: String,
    pub payment_method: String,
    pub address: serde_json::Value,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    pub total: i64,
    pub discount: i64,
    pub store_discount: i64,
    pub amount_due: i64,
    pub currency: String,
    pub commission: i64,
    pub commission_vat: i64,
    pub paid_at: Option<time::OffsetDateTime>,
    pub payment_expires_at: Option<time::OffsetDateTime>,
    pub request_id: Option<Uuid>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: Uuid,
    pub order_id: Uuid,
    pub product_id: Option<Uuid>,
    pub variant_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
    pub unit_price: i64,
    pub quantity: i32,
    pub line_total: i64,
    pub promotion_id: Option<Uuid>,
    pub unit_discount: i64,
}

impl OrderRow {
    pub fn into_order(self, items: Vec<ItemRow>, locale: Locale) -> Order {
        let ar = locale == Locale::Ar;
        Order {
            id: self.id,
            number: self.number,
            checkout_id: self.checkout_id,
            customer_id: self.customer_id,
            store_id: self.store_id,
            store_name: if ar {
                self.store_name_ar
            } else {
                self.store_name_en
            },
            status: self.status,
            payment_method: self.payment_method,
            subtotal: self.subtotal,
            delivery_fee: self.delivery_fee,
            vat: self.vat,
            total: self.total,
            discount: self.discount,
            store_discount: self.store_discount,
            amount_due: self.amount_due,
            currency: self.currency,
            address: self.address,
            request_id: self.request_id,
            items: items
                .into_iter()
                .map(|i| OrderItem {
                    id: i.id,
                    product_id: i.product_id,
                    variant_id: i.variant_id,
                    name: if ar { i.name_ar } else { i.name_en },
                    unit_price: i.unit_price,
                    quantity: i.quantity,
                    line_total: i.line_total,
                    original_unit_price: i.unit_price + i.unit_discount,
                    store_discount: i.unit_discount * i64::from(i.quantity),
                    promotion_id: i.promotion_id,
                })
                .collect(),
            paid_at: self.paid_at,
            payment_expires_at: self.payment_expires_at,
            created_at: self.created_at,
        }
    }
}

/// A step asked for by a store or an admin.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TransitionRequest {
    pub status: super::status::OrderStatus,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl Validate for TransitionRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        if let Some(n) = &self.note {
            e.max_chars("note", n, 500);
        }
        e.into_result()
    }
}

/// An admin forcing a step: the reason is required and audited.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ForceRequest {
    pub status: super::status::OrderStatus,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for ForceRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        if e.required("reason", &self.reason) {
            e.max_chars("reason", &self.reason, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CancelRequest {
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

impl Validate for CancelRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        if let Some(n) = &self.reason {
            e.max_chars("reason", n, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RefundRequest {
    /// Halalas; at most what is still refundable.
    #[schema(minimum = 1)]
    pub amount: i64,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for RefundRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        if self.amount <= 0 {
            e.add("amount", Message::new("payment-amount-positive"));
        }
        if e.required("reason", &self.reason) {
            e.max_chars("reason", &self.reason, 500);
        }
        e.into_result()
    }
}

/// Filters of order lists.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    pub status: Option<super::status::OrderStatus>,
    pub store_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    /// Order number, exact.
    pub number: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt`, `total`, `number`; `-` for descending.
    #[param(pattern = "^[-+]?(createdAt|total|number)(,[-+]?(createdAt|total|number))*$")]
    pub sort: Option<String>,
}

impl Validate for OrderQuery {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

impl OrderQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}
