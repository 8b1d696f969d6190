//! Shipping: the [`Carrier`] port, its adapters and the carrier's status webhooks.
//!
//! - [`Oto`]: the OTO aggregator (tryoto.com, API v2), used in production.
//! - [`verify_webhook`]: authenticates OTO's `orderStatus` webhooks ([`sign`] makes them).
//! - `fake` (cargo feature `fake`): an in-process fake OTO server for tests.
//!
//! The types here are ours, not OTO's JSON, so a local carrier can implement the same port.
//! Amounts are integer halalas and weights integer grams everywhere.

use std::fmt;

use serde_json::Value;
use time::OffsetDateTime;

pub mod oto;
mod webhook;

#[cfg(feature = "fake")]
pub mod fake;

pub use oto::{Oto, OtoConfig};
pub use webhook::{MAX_WEBHOOK_BYTES, WebhookError, WebhookKeys, sign, verify_webhook};

/// A price request for one parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeQuery {
    pub origin_city: String,
    pub destination_city: String,
    pub weight_grams: i64,
    /// Length, width, height.
    pub dims_cm: Option<(i64, i64, i64)>,
    /// The amount to collect on delivery; `None` for a paid order.
    pub cod_halalas: Option<i64>,
}

/// One way to ship a parcel, as priced by the carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryOption {
    /// Pass back as [`ShipmentRequest::delivery_option_id`].
    pub id: String,
    /// The delivery company, e.g. `"SMSA"`.
    pub carrier: String,
    /// The option's name, e.g. `"Kwick Box"`.
    pub name: String,
    /// E.g. `"express"`.
    pub service_type: String,
    pub price_halalas: i64,
    /// Added when the order is cash on delivery.
    pub cod_charge_halalas: i64,
    /// The carrier's own wording, e.g. `"1-2 days"`.
    pub eta_text: String,
}

/// A place parcels are picked up from (a store's warehouse or branch).
#[derive(Debug, Clone, PartialEq)]
pub struct PickupLocation {
    /// Our stable code for the place; shipments name it in [`ShipmentRequest::pickup_code`].
    pub code: String,
    pub name: String,
    pub mobile: String,
    pub address: String,
    pub city: String,
    /// ISO 3166-1 alpha-2, `"SA"`.
    pub country: String,
    pub district: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub contact_name: String,
    pub contact_email: String,
}

/// An order to hand to the carrier.
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentRequest {
    /// Our order id; the carrier's calls and webhooks name the order by it.
    pub order_id: String,
    pub pickup_code: String,
    /// A [`DeliveryOption::id`]: the shipment is created at once with that option.
    /// `None` leaves the choice of company to the carrier's dashboard or rules.
    pub delivery_option_id: Option<String>,
    /// The amount to collect on delivery; `None` means the order is paid.
    pub cod_halalas: Option<i64>,
    /// The order's value.
    pub amount_halalas: i64,
    /// ISO 4217, `"SAR"`.
    pub currency: String,
    pub weight_grams: i64,
    /// Length, width, height of the box.
    pub dims_cm: Option<(i64, i64, i64)>,
    /// When the order was placed; sent in Saudi time (UTC+3).
    pub order_date: OffsetDateTime,
    /// The store's name as the courier shows it.
    pub sender_name: String,
    pub customer: Customer,
    pub items: Vec<ShipmentItem>,
}

/// Who receives the parcel.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub name: String,
    /// Passed as given; OTO's own examples use the local form (`546607389`).
    pub mobile: String,
    pub email: Option<String>,
    pub address: String,
    pub district: Option<String>,
    pub city: String,
    /// ISO 3166-1 alpha-2, `"SA"`.
    pub country: String,
    pub postcode: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentItem {
    pub sku: String,
    pub name: String,
    /// Unit price.
    pub price_halalas: i64,
    pub quantity: i64,
}

/// A shipment as the carrier reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shipment {
    /// The carrier's id of the order (OTO's `otoId`). OTO's status call does not return it;
    /// there it is our order id.
    pub provider_id: String,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    /// The air waybill (label) to print.
    pub awb_url: Option<String>,
    pub status: TrackingStatus,
    /// The carrier's status as received.
    pub raw_status: String,
}

/// A status change pushed by the carrier, after [`verify_webhook`] authenticated it.
///
/// Webhooks can be replayed and arrive out of order: dedupe on `(order_id, raw_status,
/// timestamp)` and let only a newer timestamp move an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEvent {
    pub order_id: String,
    pub status: TrackingStatus,
    pub raw_status: String,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub note: Option<String>,
    /// As signed: epoch milliseconds for the default `timestampFormat`.
    pub timestamp: String,
}

impl StatusEvent {
    /// [`StatusEvent::timestamp`] as epoch milliseconds, if it is a plain integer.
    pub fn timestamp_ms(&self) -> Option<i64> {
        self.timestamp.trim().parse().ok()
    }
}

/// Where a parcel is, in our terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrackingStatus {
    /// Known to the carrier, not picked up yet (a courier may be on the way).
    Created,
    PickedUp,
    InTransit,
    OutForDelivery,
    Delivered,
    Returned,
    Cancelled,
    /// A status we do not know; the raw value travels alongside.
    InProgress,
}

impl TrackingStatus {
    /// Maps an OTO status (case-insensitive). Unknown values are [`TrackingStatus::InProgress`]
    /// rather than an error: OTO adds statuses, and refusing a webhook would only make it retry.
    pub fn from_oto(status: &str) -> Self {
        match status.trim().to_ascii_lowercase().as_str() {
            "new"
            | "branchassigned"
            | "assignedtowarehouse"
            | "searchingdriver"
            | "shipmentcreated"
            | "shipmentprocessing"
            | "shipmentconfirmed"
            | "goingtopickup" => Self::Created,
            "pickedup" => Self::PickedUp,
            "arrivedterminal" | "intransit" => Self::InTransit,
            "outfordelivery" => Self::OutForDelivery,
            "delivered" => Self::Delivered,
            "returned" => Self::Returned,
            "cancelled" | "canceled" => Self::Cancelled,
            _ => Self::InProgress,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::PickedUp => "picked_up",
            Self::InTransit => "in_transit",
            Self::OutForDelivery => "out_for_delivery",
            Self::Delivered => "delivered",
            Self::Returned => "returned",
            Self::Cancelled => "cancelled",
            Self::InProgress => "in_progress",
        }
    }

    /// The parcel will not move again.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Delivered | Self::Returned | Self::Cancelled)
    }
}

impl fmt::Display for TrackingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ShippingError {
    /// The refresh token was refused, or a call still answered 401 after a fresh access token.
    #[error("shipping provider refused the credentials")]
    Auth,
    /// The provider said `success: false`. `code` is its `errorCode` (a number or a string),
    /// `message` its `errorMsg`, bounded.
    #[error("shipping provider error{}: {message}", code.as_ref().map(|c| format!(" {c}")).unwrap_or_default())]
    Provider {
        code: Option<String>,
        message: String,
        trace_id: Option<String>,
    },
    /// Any other non-2xx answer.
    #[error("shipping provider answered HTTP {status}")]
    Http { status: u16 },
    /// Connecting, sending or reading failed (DNS, TLS, timeout, reset, ...).
    #[error("shipping transport error: {0}")]
    Transport(String),
    /// An answer we could not read, or one lacking what the call needs.
    #[error("unexpected shipping provider response: {0}")]
    Malformed(String),
}

#[async_trait::async_trait]
pub trait Carrier: Send + Sync {
    /// Short adapter name for logs and metrics, e.g. `"oto"`.
    fn name(&self) -> &'static str;
    /// The ways to ship a parcel and their prices.
    async fn fee(&self, q: &FeeQuery) -> Result<Vec<DeliveryOption>, ShippingError>;
    /// Creates the pickup location, or updates the one with the same code.
    async fn ensure_pickup_location(&self, p: &PickupLocation) -> Result<(), ShippingError>;
    async fn create_shipment(&self, r: &ShipmentRequest) -> Result<Shipment, ShippingError>;
    /// The shipment of our order `order_id`.
    async fn status(&self, order_id: &str) -> Result<Shipment, ShippingError>;
    async fn cancel(&self, order_id: &str) -> Result<(), ShippingError>;
}

/// A JSON string (trimmed), or a number's text (OTO sends ids and timestamps either way).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_documented_status() {
        use TrackingStatus::*;
        for (raw, status) in [
            ("new", Created),
            ("branchAssigned", Created),
            ("assignedToWarehouse", Created),
            ("searchingDriver", Created),
            ("shipmentCreated", Created),
            ("shipmentProcessing", Created),
            ("shipmentConfirmed", Created),
            ("goingToPickup", Created),
            ("pickedUp", PickedUp),
            ("arrivedTerminal", InTransit),
            ("inTransit", InTransit),
            ("outForDelivery", OutForDelivery),
            ("delivered", Delivered),
            ("returned", Returned),
            ("cancelled", Cancelled),
            ("DELIVERED", Delivered),
            ("lostInSpace", InProgress),
            ("", InProgress),
        ] {
            assert_eq!(TrackingStatus::from_oto(raw), status, "{raw}");
        }
        assert!(Delivered.is_final() && Cancelled.is_final() && Returned.is_final());
        assert!(!InTransit.is_final() && !InProgress.is_final());
    }
}
