use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Largest single admin adjustment: 100,000.00 SAR.
pub const MAX_ADJUSTMENT: i64 = 10_000_000;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Wallet {
    /// Halalas the customer holds.
    pub balance: i64,
    pub currency: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Adjustment {
    /// Halalas, positive, at most 10,000,000 (100,000.00 SAR).
    #[schema(minimum = 1, maximum = 10_000_000)]
    pub amount: i64,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for Adjustment {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !(1..=MAX_ADJUSTMENT).contains(&self.amount) {
            e.add(
                "amount",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", MAX_ADJUSTMENT),
            );
        }
        if e.required("reason", &self.reason) {
            e.max_chars("reason", &self.reason, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl HistoryQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for HistoryQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// `POST /wallet/top-ups`: an amount to add by card.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopUpInput {
    /// Halalas, at least 1.00 SAR and at most the per-top-up limit.
    #[schema(minimum = 100)]
    pub amount: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TopUp {
    pub id: Uuid,
    pub amount: i64,
    /// pending (until the card is paid) or paid.
    pub status: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub paid_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
}

/// A top-up made: pay it on the gateway's hosted page.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TopUpStarted {
    pub top_up: TopUp,
    pub payment_url: String,
}

/// The least top-up: 1.00 SAR.
pub const MIN_TOPUP: i64 = 100;

impl Validate for TopUpInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.amount < MIN_TOPUP {
            e.add(
                "amount",
                Message::new("validation-min").arg("min", MIN_TOPUP),
            );
        }
        e.into_result()
    }
}
