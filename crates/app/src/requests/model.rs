//! Requests, offers and coverage: rows, API shapes and their rules. The
//! offer's shapes are in `model/offer.rs`, coverage in `model/coverage.rs`.

mod coverage;
mod offer;
mod request;

pub use coverage::*;
pub use offer::*;
pub use request::*;

use serde::{Deserialize, Serialize};

/// A request's life: open until accepted, cancelled by its customer,
/// expired, or closed by an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Accepted,
    Cancelled,
    Expired,
    Closed,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Open,
        RequestStatus::Accepted,
        RequestStatus::Cancelled,
        RequestStatus::Expired,
        RequestStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Cancelled => "cancelled",
            RequestStatus::Expired => "expired",
            RequestStatus::Closed => "closed",
        }
    }

    pub fn from_db(s: &str) -> RequestStatus {
        RequestStatus::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(RequestStatus::Closed)
    }
}

/// An offer's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Active,
    Withdrawn,
    Accepted,
    Lost,
    Expired,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 5] = [
        OfferStatus::Active,
        OfferStatus::Withdrawn,
        OfferStatus::Accepted,
        OfferStatus::Lost,
        OfferStatus::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Active => "active",
            OfferStatus::Withdrawn => "withdrawn",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Lost => "lost",
            OfferStatus::Expired => "expired",
        }
    }

    pub fn from_db(s: &str) -> OfferStatus {
        OfferStatus::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(OfferStatus::Lost)
    }
}

/// The store's side of a request it received, and the inbox's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Received, no live offer from this store.
    New,
    /// This store's offer is waiting for the customer.
    Offered,
    Won,
    Lost,
    Expired,
    /// Cancelled by the customer or closed by an admin.
    Closed,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::New,
        Outcome::Offered,
        Outcome::Won,
        Outcome::Lost,
        Outcome::Expired,
        Outcome::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::New => "new",
            Outcome::Offered => "offered",
            Outcome::Won => "won",
            Outcome::Lost => "lost",
            Outcome::Expired => "expired",
            Outcome::Closed => "closed",
        }
    }

    pub fn from_db(s: &str) -> Outcome {
        Outcome::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .unwrap_or(Outcome::Closed)
    }
}

/// The part's condition a customer wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WantedCondition {
    New,
    Used,
    Any,
}

impl WantedCondition {
    pub fn as_str(self) -> &'static str {
        match self {
            WantedCondition::New => "new",
            WantedCondition::Used => "used",
            WantedCondition::Any => "any",
        }
    }

    pub fn from_db(s: &str) -> WantedCondition {
        match s {
            "new" => WantedCondition::New,
            "used" => WantedCondition::Used,
            _ => WantedCondition::Any,
        }
    }
}
