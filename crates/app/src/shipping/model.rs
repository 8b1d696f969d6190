use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

pub mod rates;

/// Where a shipment's carrier runs it.
pub const LOCAL: &str = "local";
pub const OTO: &str = "oto";

/// A store order's delivery, as quoted at checkout.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub carrier: &'static str,
    /// What the carrier charges, halalas before VAT.
    pub carrier_fee: i64,
    /// The platform's share on top, halalas before VAT.
    pub commission: i64,
    pub weight_grams: i64,
    /// The carrier's option chosen: `{id, carrier, name, price}`.
    pub option: Option<serde_json::Value>,
}

impl Quote {
    /// The order's delivery fee (before VAT).
    pub fn fee(&self) -> i64 {
        self.carrier_fee + self.commission
    }
}

/// One step of a shipment's timeline.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TrackingEvent {
    /// created, picked_up, in_transit, out_for_delivery, delivered, returned,
    /// cancelled, in_progress.
    pub status: String,
    /// The carrier's own word for it.
    pub raw_status: String,
    pub note: String,
    /// webhook, poll, store, admin or system.
    pub source: String,
    #[serde(with = "time::serde::rfc3339")]
    pub occurred_at: OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ShipmentRow {
    pub id: Uuid,
    pub order_id: Uuid,
    pub carrier: String,
    pub status: String,
    pub raw_status: String,
    pub provider_id: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// `GET /orders/{id}/tracking`: the order's shipment and its timeline,
/// newest last.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tracking {
    pub order_id: Uuid,
    /// local or oto.
    pub carrier: String,
    /// none before the store marks the order ready.
    pub status: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub events: Vec<TrackingEvent>,
}

/// A shipment in the admins' list.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminShipment {
    pub order_id: Uuid,
    pub order_number: String,
    pub store_id: Uuid,
    pub carrier: String,
    pub status: String,
    pub raw_status: String,
    pub tracking_number: Option<String>,
    /// The carrier has the shipment (it answered our create).
    pub at_carrier: bool,
    pub attempts: i32,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One webhook call as received, with its verification and effect.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookCall {
    pub id: Uuid,
    pub carrier: String,
    pub order_ref: Option<String>,
    pub raw_status: Option<String>,
    /// applied, duplicate, unauthorized, bad_signature, malformed, unknown_order.
    pub verdict: String,
    pub effect: String,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
}

/// `PUT /partner/stores/{storeId}/products/{id}/shipping`: what the
/// carrier weighs and measures (no approval needed: it is not content).
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductShipping {
    /// One unit, packed: 1 g to 1,000 kg.
    #[schema(minimum = 1, maximum = 1000000)]
    pub weight_grams: i32,
    #[schema(minimum = 1, maximum = 500)]
    pub length_cm: Option<i32>,
    #[schema(minimum = 1, maximum = 500)]
    pub width_cm: Option<i32>,
    #[schema(minimum = 1, maximum = 500)]
    pub height_cm: Option<i32>,
}

impl kernel::validation::Validate for ProductShipping {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        use kernel::i18n::Message;
        let mut e = kernel::FieldErrors::new();
        if !(1..=1_000_000).contains(&self.weight_grams) {
            e.add(
                "weightGrams",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 1_000_000i64),
            );
        }
        for (field, v) in [
            ("lengthCm", self.length_cm),
            ("widthCm", self.width_cm),
            ("heightCm", self.height_cm),
        ] {
            if v.is_some_and(|v| !(1..=500).contains(&v)) {
                e.add(
                    field,
                    Message::new("validation-range")
                        .arg("min", 1i64)
                        .arg("max", 500i64),
                );
            }
        }
        e.into_result()
    }
}

/// A store's pickup location at the carrier, as the admins' list shows it:
/// what the carrier was told (city, address) beside the store's address now.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminPickupLocation {
    pub store_id: Uuid,
    pub store_name_ar: String,
    pub store_name_en: String,
    pub carrier: String,
    /// The code shipments name the place by.
    pub code: String,
    /// 1 when made by the first shipment, one more per re-sync.
    pub revision: i32,
    /// What the carrier was told; none for a location made before it was recorded.
    pub city: Option<String>,
    pub address: Option<String>,
    /// The store's address now.
    pub store_city: String,
    pub store_address: String,
    /// The store's address differs from what the carrier was told (or that is unknown).
    pub address_changed: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// `GET /admin/shipping/pickup-locations`: `q` matches the store's names.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PickupQuery {
    #[param(max_length = 100)]
    pub q: Option<String>,
    #[param(minimum = 1)]
    pub page: Option<u32>,
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// Longest store-name search.
pub const MAX_PICKUP_SEARCH: usize = 100;

impl PickupQuery {
    /// The page asked for, with every failing field named.
    pub fn checked(&self) -> Result<kernel::pagination::Page, kernel::ApiError> {
        let mut e = kernel::FieldErrors::new();
        let page = kernel::pagination::PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
        .check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q.trim(), MAX_PICKUP_SEARCH);
        }
        e.into_result()?;
        Ok(page)
    }

    /// The search, trimmed; none when blank.
    pub fn search(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

impl kernel::validation::Validate for PickupQuery {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        self.checked().map(|_| ())
    }
}
