use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CashbackRule {
    pub id: Uuid,
    pub name: String,
    /// Basis points of the amount paid (500 = 5 %).
    pub percent_bp: i32,
    /// Most one order earns, in halalas.
    pub max_amount: i64,
    /// Smallest amount paid that earns anything, in halalas.
    pub min_order: i64,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<time::OffsetDateTime>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewCashbackRule {
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name: String,
    /// Basis points of the amount paid, 1 to 10,000 (500 = 5 %).
    #[schema(minimum = 1, maximum = 10_000)]
    pub percent_bp: i32,
    /// Most one order earns, in halalas.
    #[schema(minimum = 1)]
    pub max_amount: i64,
    /// Smallest amount paid that earns anything, in halalas.
    #[serde(default)]
    #[schema(minimum = 0)]
    pub min_order: i64,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<time::OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<time::OffsetDateTime>,
}

impl Validate for NewCashbackRule {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("name", &self.name) {
            e.max_chars("name", &self.name, 100);
        }
        if !(1..=10_000).contains(&self.percent_bp) {
            e.add(
                "percentBp",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 10_000i64),
            );
        }
        if self.max_amount <= 0 {
            e.add("maxAmount", Message::new("payment-amount-positive"));
        }
        if self.min_order < 0 {
            e.add("minOrder", Message::new("validation-min").arg("min", 0i64));
        }
        if let (Some(s), Some(end)) = (self.starts_at, self.ends_at)
            && end <= s
        {
            e.add("endsAt", Message::new("cashback-ends-before-start"));
        }
        e.into_result()
    }
}
