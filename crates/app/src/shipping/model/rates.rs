//! The local courier's fee table as admins see and change it: bands of
//! weight per city of the geography, and the "anywhere else" bands for every
//! city without its own.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// The heaviest band, as `products.weight_grams` allows (1,000 kg).
pub const MAX_GRAMS: i32 = 1_000_000;
/// The dearest fee, as the table's CHECK allows (1,000,000 SAR).
pub const MAX_FEE: i64 = 100_000_000;
/// Live bands the table holds at most, so that the admins' list is whole.
pub const MAX_RATES: i64 = 1_000;

/// One band: up to `upToGrams`, the courier charges `fee`.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourierRate {
    pub id: Uuid,
    /// None: "anywhere else" (or a legacy band whose text names no city).
    pub city_id: Option<Uuid>,
    pub up_to_grams: i32,
    /// Halalas, before VAT.
    pub fee: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A band with the names of its city, as the repo reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RateRow {
    pub id: Uuid,
    pub city_id: Option<Uuid>,
    pub city: Option<String>,
    pub city_name_ar: Option<String>,
    pub city_name_en: Option<String>,
    pub up_to_grams: i32,
    pub fee: i64,
    pub updated_at: OffsetDateTime,
}

impl From<&RateRow> for CourierRate {
    fn from(r: &RateRow) -> Self {
        CourierRate {
            id: r.id,
            city_id: r.city_id,
            up_to_grams: r.up_to_grams,
            fee: r.fee,
            updated_at: r.updated_at,
        }
    }
}

/// The bands of one destination, lightest first.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CourierRateGroup {
    /// None for "anywhere else" and for a legacy text (`cityText`).
    pub city_id: Option<Uuid>,
    pub city_name_ar: Option<String>,
    pub city_name_en: Option<String>,
    /// A legacy band's city as typed, when no city of the geography matches
    /// it (it still prices addresses typed the same way).
    pub city_text: Option<String>,
    pub rates: Vec<CourierRate>,
}

impl CourierRateGroup {
    /// The "anywhere else" group: every city without bands of its own.
    pub fn is_anywhere(&self) -> bool {
        self.city_id.is_none() && self.city_text.is_none()
    }
}

/// `POST /admin/courier-rates`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCourierRate {
    /// An active city of the geography; null for "anywhere else".
    pub city_id: Option<Uuid>,
    /// The band holds parcels up to this weight: 1 g to 1,000 kg.
    #[schema(required = true, minimum = 1, maximum = 1000000)]
    pub up_to_grams: Option<i32>,
    /// Halalas before VAT: 0 to 100,000,000.
    #[schema(required = true, minimum = 0, maximum = 100000000)]
    pub fee: Option<i64>,
}

/// `PUT /admin/courier-rates/{id}`: the band's weight and fee (its city
/// stays; a band moves to another city by deleting it and adding one there).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CourierRatePatch {
    #[schema(required = true, minimum = 1, maximum = 1000000)]
    pub up_to_grams: Option<i32>,
    #[schema(required = true, minimum = 0, maximum = 100000000)]
    pub fee: Option<i64>,
}

fn check_band(e: &mut FieldErrors, grams: Option<i32>, fee: Option<i64>) {
    match grams {
        None => {
            e.add("upToGrams", Message::new("validation-required"));
        }
        Some(g) if !(1..=MAX_GRAMS).contains(&g) => {
            e.add(
                "upToGrams",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", i64::from(MAX_GRAMS)),
            );
        }
        Some(_) => {}
    }
    match fee {
        None => {
            e.add("fee", Message::new("validation-required"));
        }
        Some(f) if !(0..=MAX_FEE).contains(&f) => {
            e.add(
                "fee",
                Message::new("validation-range")
                    .arg("min", 0i64)
                    .arg("max", MAX_FEE),
            );
        }
        Some(_) => {}
    }
}

impl Validate for NewCourierRate {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_band(&mut e, self.up_to_grams, self.fee);
        e.into_result()
    }
}

impl Validate for CourierRatePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_band(&mut e, self.up_to_grams, self.fee);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failing_field_is_named() {
        let bad = NewCourierRate {
            city_id: None,
            up_to_grams: Some(0),
            fee: None,
        };
        let Err(ApiError::Validation(f)) = bad.validate() else {
            panic!("refused");
        };
        assert!(f.contains("upToGrams") && f.contains("fee"));
        let ok = CourierRatePatch {
            up_to_grams: Some(MAX_GRAMS),
            fee: Some(0),
        };
        assert!(ok.validate().is_ok());
    }
}
