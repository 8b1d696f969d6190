use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a payment pays for. The string form names the escrow account too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Order,
    StoreRequestOffer,
    ServiceBooking,
    RepOrder,
    ExternalPartOrder,
    WalletTopup,
}

impl TargetKind {
    pub const ALL: [TargetKind; 6] = [
        TargetKind::Order,
        TargetKind::StoreRequestOffer,
        TargetKind::ServiceBooking,
        TargetKind::RepOrder,
        TargetKind::ExternalPartOrder,
        TargetKind::WalletTopup,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Order => "order",
            TargetKind::StoreRequestOffer => "store_request_offer",
            TargetKind::ServiceBooking => "service_booking",
            TargetKind::RepOrder => "rep_order",
            TargetKind::ExternalPartOrder => "external_part_order",
            TargetKind::WalletTopup => "wallet_topup",
        }
    }

    pub fn from_db(s: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Card,
    Wallet,
    Cash,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Card => "card",
            Method::Wallet => "wallet",
            Method::Cash => "cash",
        }
    }

    pub fn from_db(s: &str) -> Method {
        match s {
            "wallet" => Method::Wallet,
            "cash" => Method::Cash,
            _ => Method::Card,
        }
    }
}

/// pending → authorised / captured → partially_refunded / refunded; failed; cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    Pending,
    Authorised,
    Captured,
    PartiallyRefunded,
    Refunded,
    Failed,
    Cancelled,
}

impl PaymentState {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentState::Pending => "pending",
            PaymentState::Authorised => "authorised",
            PaymentState::Captured => "captured",
            PaymentState::PartiallyRefunded => "partially_refunded",
            PaymentState::Refunded => "refunded",
            PaymentState::Failed => "failed",
            PaymentState::Cancelled => "cancelled",
        }
    }

    pub fn from_db(s: &str) -> PaymentState {
        match s {
            "authorised" => PaymentState::Authorised,
            "captured" => PaymentState::Captured,
            "partially_refunded" => PaymentState::PartiallyRefunded,
            "refunded" => PaymentState::Refunded,
            "failed" => PaymentState::Failed,
            "cancelled" => PaymentState::Cancelled,
            _ => PaymentState::Pending,
        }
    }

    /// Money was taken and (some of it) is still held for the target.
    pub fn holds_money(self) -> bool {
        matches!(
            self,
            PaymentState::Captured | PaymentState::PartiallyRefunded
        )
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: Uuid,
    pub target_kind: String,
    pub target_id: Uuid,
    pub payer_id: Uuid,
    pub method: String,
    pub amount: i64,
    pub refunded_amount: i64,
    pub state: String,
    pub session_id: Option<Uuid>,
}

impl PaymentRow {
    pub fn state(&self) -> PaymentState {
        PaymentState::from_db(&self.state)
    }

    pub fn method(&self) -> Method {
        Method::from_db(&self.method)
    }

    pub fn refundable(&self) -> i64 {
        if self.state().holds_money() {
            self.amount - self.refunded_amount
        } else {
            0
        }
    }
}

/// A payment as the API shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub id: Uuid,
    pub target_kind: String,
    pub target_id: Uuid,
    pub method: String,
    pub amount: i64,
    pub refunded_amount: i64,
    pub currency: String,
    pub state: String,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub captured_at: Option<time::OffsetDateTime>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    pub id: Uuid,
    pub payment_id: Uuid,
    pub amount: i64,
    pub destination: String,
    pub reason: String,
    pub state: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: time::OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: Uuid,
    pub payer_id: Uuid,
    pub provider: String,
    pub provider_ref: Option<String>,
    pub pay_url: Option<String>,
    pub amount: i64,
    pub currency: String,
    pub state: String,
    pub language: String,
    /// The payer asked to keep the card once paid.
    pub save_card: bool,
    /// Paid with this saved card (no hosted page unless it must fall back).
    pub saved_card_id: Option<Uuid>,
}
