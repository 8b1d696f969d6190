//! Offers: their row, the shape both sides see, and the body a store sends.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::money::vat_of;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::OfferStatus;

pub const MAX_BRAND: usize = 100;
pub const MAX_OFFER_NOTES: usize = 1000;
pub const MAX_UNIT_PRICE: i64 = 100_000_000;
pub const MAX_DELIVERY_FEE: i64 = 1_000_000;
pub const MAX_WARRANTY_DAYS: i32 = 3650;
pub const MAX_DAYS_TO_OBTAIN: i32 = 90;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub id: Uuid,
    pub request_id: Uuid,
    pub store_id: Uuid,
    pub store_ar: String,
    pub store_en: String,
    pub store_rating_sum: i64,
    pub store_rating_count: i32,
    pub distance_m: f64,
    pub status: String,
    pub unit_price: i64,
    pub quantity: i32,
    pub condition: String,
    pub origin: String,
    pub brand: Option<String>,
    pub warranty_days: i32,
    pub in_stock: bool,
    pub days_to_obtain: i32,
    pub fulfilment: String,
    pub delivery_fee: i64,
    pub notes: Option<String>,
    pub expires_at: OffsetDateTime,
    pub commission_bp: i32,
    pub revision: i32,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub photos: Vec<Uuid>,
}

impl OfferRow {
    pub fn status(&self) -> OfferStatus {
        OfferStatus::from_db(&self.status)
    }

    /// Active and not past its expiry (the job may not have run yet).
    pub fn is_live(&self) -> bool {
        self.status() == OfferStatus::Active && self.expires_at > OffsetDateTime::now_utc()
    }

    pub fn subtotal(&self) -> i64 {
        self.unit_price * i64::from(self.quantity)
    }

    pub fn shape(&self, locale: Locale) -> Offer {
        let subtotal = self.subtotal();
        let vat = vat_of(subtotal + self.delivery_fee);
        let status = match self.status() {
            OfferStatus::Active if !self.is_live() => OfferStatus::Expired,
            s => s,
        };
        Offer {
            id: self.id,
            request_id: self.request_id,
            store_id: self.store_id,
            store_name: if locale == Locale::Ar {
                &self.store_ar
            } else {
                &self.store_en
            }
            .clone(),
            store_rating: (self.store_rating_count > 0).then(|| {
                (self.store_rating_sum as f64 / f64::from(self.store_rating_count) * 10.0).round()
                    / 10.0
            }),
            store_rating_count: self.store_rating_count,
            distance_km: (self.distance_m / 100.0).round() / 10.0,
            status,
            unit_price: self.unit_price,
            quantity: self.quantity,
            subtotal,
            delivery_fee: self.delivery_fee,
            vat,
            total: subtotal + self.delivery_fee + vat,
            condition: self.condition.clone(),
            origin: self.origin.clone(),
            brand: self.brand.clone(),
            warranty_days: self.warranty_days,
            in_stock: self.in_stock,
            days_to_obtain: self.days_to_obtain,
            fulfilment: self.fulfilment.clone(),
            notes: self.notes.clone(),
            photos: self.photos.clone(),
            expires_at: self.expires_at,
            commission_bp: self.commission_bp,
            revision: self.revision,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// An offer as the customer and the store see it; amounts in halalas.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: Uuid,
    pub request_id: Uuid,
    pub store_id: Uuid,
    pub store_name: String,
    /// Average stars, one decimal; none before the first review.
    pub store_rating: Option<f64>,
    pub store_rating_count: i32,
    /// From the request's location, rounded to 100 m.
    pub distance_km: f64,
    pub status: OfferStatus,
    /// Before VAT, per unit.
    pub unit_price: i64,
    pub quantity: i32,
    pub subtotal: i64,
    pub delivery_fee: i64,
    /// 15 % of subtotal + delivery fee.
    pub vat: i64,
    /// What the customer pays: subtotal + delivery fee + VAT.
    pub total: i64,
    /// new or used.
    pub condition: String,
    /// oem, aftermarket or used.
    pub origin: String,
    pub brand: Option<String>,
    pub warranty_days: i32,
    pub in_stock: bool,
    /// Days to obtain the part when not in stock.
    pub days_to_obtain: i32,
    /// delivery or pickup.
    pub fulfilment: String,
    pub notes: Option<String>,
    pub photos: Vec<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// The commission rate fixed when the offer was made (basis points).
    pub commission_bp: i32,
    /// 1 for the first version; each revision adds one.
    pub revision: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// An earlier version of an offer.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfferRevision {
    pub revision: i32,
    #[schema(value_type = Object)]
    pub snapshot: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// `POST …/offers` and `PUT …/offers/{offerId}` (a revision replaces every field).
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OfferInput {
    /// Halalas before VAT, per unit.
    #[schema(minimum = 1, maximum = 100000000)]
    pub unit_price: i64,
    /// `new` or `used`.
    #[schema(pattern = "^(new|used)$")]
    pub condition: String,
    /// `oem`, `aftermarket` or `used`.
    #[schema(pattern = "^(oem|aftermarket|used)$")]
    pub origin: String,
    #[schema(max_length = 100)]
    pub brand: Option<String>,
    #[schema(minimum = 0, maximum = 3650)]
    pub warranty_days: Option<i32>,
    pub in_stock: bool,
    /// Needed when not in stock: 1 to 90.
    #[schema(minimum = 0, maximum = 90)]
    pub days_to_obtain: Option<i32>,
    /// `delivery` or `pickup`.
    #[schema(pattern = "^(delivery|pickup)$")]
    pub fulfilment: String,
    /// Halalas before VAT; 0 for pickup.
    #[schema(minimum = 0, maximum = 1000000)]
    pub delivery_fee: Option<i64>,
    /// Hours the offer stands (at most until the request expires; default: until then).
    #[schema(minimum = 1, maximum = 168)]
    pub expires_in_hours: Option<i32>,
    #[schema(max_length = 1000)]
    pub notes: Option<String>,
    /// Uploads of the store's people with purpose `REQUEST_PHOTO`.
    #[schema(max_items = 5)]
    pub photo_ids: Option<Vec<Uuid>>,
}

fn one_of(e: &mut FieldErrors, field: &str, v: &str, allowed: &[&str]) {
    if !allowed.contains(&v) {
        e.add(
            field,
            Message::new("validation-one-of").arg("allowed", allowed.join(", ")),
        );
    }
}

impl Validate for OfferInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !(1..=MAX_UNIT_PRICE).contains(&self.unit_price) {
            e.add(
                "unitPrice",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", MAX_UNIT_PRICE),
            );
        }
        one_of(&mut e, "condition", &self.condition, &["new", "used"]);
        one_of(
            &mut e,
            "origin",
            &self.origin,
            &["oem", "aftermarket", "used"],
        );
        if self.condition == "new" && self.origin == "used" {
            e.add("origin", Message::new("requests-offer-origin-used-new"));
        }
        if let Some(b) = &self.brand {
            e.max_chars("brand", b.trim(), MAX_BRAND);
        }
        if let Some(w) = self.warranty_days
            && !(0..=MAX_WARRANTY_DAYS).contains(&w)
        {
            e.add(
                "warrantyDays",
                Message::new("validation-range")
                    .arg("min", 0i64)
                    .arg("max", i64::from(MAX_WARRANTY_DAYS)),
            );
        }
        match (self.in_stock, self.days_to_obtain) {
            (false, None) => {
                e.add("daysToObtain", Message::new("requests-offer-days-required"));
            }
            (false, Some(d)) if !(1..=MAX_DAYS_TO_OBTAIN).contains(&d) => {
                e.add(
                    "daysToObtain",
                    Message::new("validation-range")
                        .arg("min", 1i64)
                        .arg("max", i64::from(MAX_DAYS_TO_OBTAIN)),
                );
            }
            _ => {}
        }
        one_of(
            &mut e,
            "fulfilment",
            &self.fulfilment,
            &["delivery", "pickup"],
        );
        if let Some(f) = self.delivery_fee {
            if !(0..=MAX_DELIVERY_FEE).contains(&f) {
                e.add(
                    "deliveryFee",
                    Message::new("validation-range")
                        .arg("min", 0i64)
                        .arg("max", MAX_DELIVERY_FEE),
                );
            } else if f > 0 && self.fulfilment == "pickup" {
                e.add("deliveryFee", Message::new("requests-offer-pickup-fee"));
            }
        }
        if let Some(h) = self.expires_in_hours
            && !(1..=super::MAX_EXPIRY_HOURS).contains(&h)
        {
            e.add(
                "expiresInHours",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", i64::from(super::MAX_EXPIRY_HOURS)),
            );
        }
        if let Some(n) = &self.notes {
            e.max_chars("notes", n.trim(), MAX_OFFER_NOTES);
        }
        if let Some(ids) = &self.photo_ids
            && ids.len() > super::MAX_PHOTOS
        {
            e.add(
                "photoIds",
                Message::new("requests-too-many-photos").arg("max", super::MAX_PHOTOS),
            );
        }
        e.into_result()
    }
}

impl OfferInput {
    pub fn days_to_obtain(&self) -> i32 {
        if self.in_stock {
            0
        } else {
            self.days_to_obtain.unwrap_or(1)
        }
    }

    pub fn delivery_fee(&self) -> i64 {
        if self.fulfilment == "pickup" {
            0
        } else {
            self.delivery_fee.unwrap_or(0)
        }
    }
}

/// `POST /requests/{id}/offers/{offerId}/accept`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AcceptOffer {
    pub payment_method: crate::payments::model::Method,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl Validate for AcceptOffer {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(n) = &self.note {
            e.max_chars("note", n.trim(), 500);
        }
        e.into_result()
    }
}

/// What accepting answers: the order placed and, for a card, where to pay.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    pub request_id: Uuid,
    pub offer_id: Uuid,
    pub order: crate::orders::model::Order,
    pub payment_url: Option<String>,
}

/// `GET /requests/{id}/offers?sort=`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OffersQuery {
    /// `price` (default, by total), `-price`, `distance`, `-rating`, `-warranty`, `delivery` (in stock first, then days to obtain).
    #[param(pattern = "^(price|-price|distance|-rating|-warranty|delivery)$")]
    pub sort: Option<String>,
}

pub const OFFER_SORTS: [&str; 6] = [
    "price",
    "-price",
    "distance",
    "-rating",
    "-warranty",
    "delivery",
];

impl Validate for OffersQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(s) = &self.sort
            && !OFFER_SORTS.contains(&s.as_str())
        {
            e.add(
                "sort",
                Message::new("validation-one-of").arg("allowed", OFFER_SORTS.join(", ")),
            );
        }
        e.into_result()
    }
}

/// Orders offers for comparison; ties by total, then by age.
pub fn sort_offers(offers: &mut [Offer], sort: &str) {
    let key_total = |o: &Offer| (o.total, o.created_at);
    match sort {
        "-price" => offers.sort_by_key(|o| std::cmp::Reverse(key_total(o))),
        "distance" => offers.sort_by(|a, b| {
            a.distance_km
                .total_cmp(&b.distance_km)
                .then(key_total(a).cmp(&key_total(b)))
        }),
        "-rating" => offers.sort_by(|a, b| {
            b.store_rating
                .unwrap_or(0.0)
                .total_cmp(&a.store_rating.unwrap_or(0.0))
                .then(key_total(a).cmp(&key_total(b)))
        }),
        "-warranty" => offers.sort_by_key(|o| (std::cmp::Reverse(o.warranty_days), key_total(o))),
        "delivery" => offers.sort_by_key(|o| (o.days_to_obtain, key_total(o))),
        _ => offers.sort_by_key(key_total),
    }
}
