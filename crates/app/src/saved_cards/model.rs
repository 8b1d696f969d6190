//! Saved cards: rows, the API shape and the outcome of paying with one.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// Live cards a customer may keep; past it, a new card is simply not kept.
pub const MAX_CARDS: i64 = 10;

/// A saved card without its token (lists and pages).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRow {
    pub id: Uuid,
    pub gateway: String,
    pub last4: String,
    pub scheme: String,
    pub expiry_year: i32,
    pub expiry_month: i32,
    pub holder_name: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
}

/// What the gateway needs to charge a saved card (the token is a secret:
/// read only to pay, never answered).
#[derive(Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub token: String,
    pub masked_pan: String,
    pub scheme: String,
    pub expiry_year: i32,
    pub expiry_month: i32,
    pub holder_name: String,
    pub recapture_csc: bool,
}

impl TokenRow {
    /// The card as the gateway tokenised it (`expiry` as `YYYY-MM` again).
    pub fn card(&self) -> providers::payments::SavedCard {
        providers::payments::SavedCard {
            token: self.token.clone(),
            masked_pan: self.masked_pan.clone(),
            expiry: format!("{:04}-{:02}", self.expiry_year, self.expiry_month),
            cardholder_name: self.holder_name.clone(),
            scheme: self.scheme.clone(),
            recapture_csc: self.recapture_csc,
        }
    }
}

/// A card is good through the last day of its expiry month.
pub fn is_expired(year: i32, month: i32, today: time::Date) -> bool {
    (year, month) < (today.year(), i32::from(u8::from(today.month())))
}

/// A saved card as its owner sees it: never its token nor its number.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SavedCard {
    pub id: Uuid,
    /// The gateway that holds the card (`ngenius`, `sandbox`).
    pub gateway: String,
    /// `VISA`, `MASTERCARD`, `MADA`, … as the gateway names it.
    pub scheme: String,
    /// The last four digits.
    #[schema(pattern = "^[0-9]{0,4}$")]
    pub last4: String,
    #[schema(minimum = 1, maximum = 12)]
    pub expiry_month: i32,
    pub expiry_year: i32,
    pub holder_name: String,
    /// Past its expiry month: it cannot pay any more.
    pub expired: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub last_used_at: Option<OffsetDateTime>,
}

impl SavedCard {
    pub fn of(r: &CardRow, today: time::Date) -> SavedCard {
        SavedCard {
            id: r.id,
            gateway: r.gateway.clone(),
            scheme: r.scheme.clone(),
            last4: r.last4.clone(),
            expiry_month: r.expiry_month,
            expiry_year: r.expiry_year,
            holder_name: r.holder_name.clone(),
            expired: is_expired(r.expiry_year, r.expiry_month, today),
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

/// How paying with a saved card went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SavedCardResult {
    /// Paid and captured, no page.
    Captured,
    /// The gateway wants the customer (3-D Secure, the security code, or it
    /// refused the token): finish on `paymentUrl`, the hosted page.
    ActionRequired,
    /// Declined: nothing was taken; pay again another way.
    Declined,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_card_is_good_through_its_expiry_month() {
        let today = date!(2026 - 12 - 31);
        assert!(!is_expired(2026, 12, today));
        assert!(!is_expired(2027, 1, today));
        assert!(is_expired(2026, 11, today));
        assert!(is_expired(2025, 12, today));
    }
}
