use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Largest quantity of one line.
pub const MAX_QUANTITY: i32 = 999;
/// Most lines in one cart.
pub const MAX_LINES: i64 = 50;

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AddItem {
    pub product_id: Uuid,
    #[serde(default)]
    pub variant_id: Option<Uuid>,
    #[schema(minimum = 1, maximum = 999)]
    pub quantity: i32,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SetQuantity {
    #[schema(minimum = 1, maximum = 999)]
    pub quantity: i32,
}

fn check_quantity(q: i32, e: &mut FieldErrors) {
    if !(1..=MAX_QUANTITY).contains(&q) {
        e.add(
            "quantity",
            Message::new("validation-range")
                .arg("min", 1i64)
                .arg("max", i64::from(MAX_QUANTITY)),
        );
    }
}

impl Validate for AddItem {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_quantity(self.quantity, &mut e);
        e.into_result()
    }
}

impl Validate for SetQuantity {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_quantity(self.quantity, &mut e);
        e.into_result()
    }
}

/// A cart line joined to what it points at, as of now.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: Uuid,
    pub product_id: Uuid,
    pub variant_id: Option<Uuid>,
    pub quantity: i32,
    pub store_id: Uuid,
    pub store_name_ar: String,
    pub store_name_en: String,
    pub commission_bp: i32,
    pub category_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
    pub variant_name_ar: Option<String>,
    pub variant_name_en: Option<String>,
    /// What one unit costs: the list price less the store's promotion, once
    /// `cart::service` has priced the line (the list price before that).
    pub unit_price: i64,
    /// The product's (or variant's) own price.
    pub list_price: i64,
    pub stock: i32,
    /// One unit's shipping weight.
    pub weight_grams: i32,
    pub available: bool,
    pub image_id: Option<Uuid>,
    /// The store promotion pricing the line, set by `cart::service`.
    #[sqlx(skip)]
    pub promotion: Option<crate::promotions::AppliedPromotion>,
}

impl LineRow {
    pub fn line_total(&self) -> i64 {
        self.unit_price * i64::from(self.quantity)
    }

    /// Halalas the store's promotion takes off one unit.
    pub fn unit_discount(&self) -> i64 {
        self.list_price - self.unit_price
    }

    /// What the store's promotion takes off the whole line (the store funds it).
    pub fn store_discount(&self) -> i64 {
        self.unit_discount() * i64::from(self.quantity)
    }

    /// Why the line cannot be bought as it is, if it cannot.
    pub fn problem(&self) -> Option<&'static str> {
        if !self.available {
            Some("unavailable")
        } else if self.quantity > self.stock {
            Some("insufficient_stock")
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartLine {
    pub id: Uuid,
    pub product_id: Uuid,
    pub variant_id: Option<Uuid>,
    pub name: String,
    pub image_url: Option<String>,
    /// What one unit costs now, the store's promotion taken off.
    pub unit_price: i64,
    /// The price before the store's promotion (equal to `unitPrice` without one).
    pub original_unit_price: i64,
    pub quantity: i32,
    pub line_total: i64,
    /// What the store's promotion takes off this line.
    pub store_discount: i64,
    /// The store promotion pricing this line.
    pub promotion: Option<crate::promotions::AppliedPromotion>,
    /// How many are in stock now.
    pub stock: i32,
    /// `unavailable` or `insufficient_stock` when the line cannot be bought as it is.
    pub problem: Option<String>,
}

/// One store's part of the cart: it becomes one order at checkout.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CartStore {
    pub store_id: Uuid,
    pub store_name: String,
    pub items: Vec<CartLine>,
    /// After the store's promotions.
    pub subtotal: i64,
    /// What the store's promotions take off its lines (already out of `subtotal`).
    pub store_discount: i64,
    pub delivery_fee: i64,
    /// The carrier quoted `deliveryFee` for the cart's address, as checkout
    /// will; false: the flat estimate (no address known, or the carrier
    /// did not answer in time).
    pub delivery_quoted: bool,
    pub vat: i64,
    pub total: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    pub stores: Vec<CartStore>,
    pub item_count: i64,
    /// After the stores' promotions; a coupon at checkout applies to this.
    pub subtotal: i64,
    /// What the stores' promotions take off (already out of `subtotal`).
    pub store_discount: i64,
    pub delivery_fee: i64,
    /// Every store's delivery was quoted by the carrier (none is an estimate).
    pub delivery_quoted: bool,
    /// The address the delivery was quoted for: the one asked for, else the
    /// customer's default; none when they have no address.
    pub delivery_address_id: Option<Uuid>,
    pub vat: i64,
    pub total: i64,
    pub currency: String,
    /// False when some line has a problem: checkout would refuse it.
    pub ready: bool,
}

/// `GET /cart?addressId=`: the address to quote delivery for (default: the
/// customer's default address).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CartQuery {
    pub address_id: Option<Uuid>,
}

impl Validate for CartQuery {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}
