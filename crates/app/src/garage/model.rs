//! Saved cars: rows, API shapes and their rules.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::vin::{self, VinError};
use kernel::{ApiError, FieldErrors, Locale};

pub const MAX_CARS: i64 = 20;
pub const MAX_NICKNAME: usize = 50;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CarRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub make_id: Uuid,
    pub make_ar: String,
    pub make_en: String,
    pub model_id: Uuid,
    pub model_ar: String,
    pub model_en: String,
    pub year: i32,
    pub vin: Option<String>,
    pub nickname: Option<String>,
    pub is_default: bool,
    pub created_at: OffsetDateTime,
}

/// What a saved car fits: the taxonomy keys search and fitment use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarFit {
    pub make_id: Uuid,
    pub model_id: Uuid,
    pub year: i32,
}

impl CarRow {
    pub fn fit(&self) -> CarFit {
        CarFit {
            make_id: self.make_id,
            model_id: self.model_id,
            year: self.year,
        }
    }

    /// "Hyundai Sonata 2016" in the reader's language.
    pub fn title(&self, locale: Locale) -> String {
        let (make, model) = match locale {
            Locale::Ar => (&self.make_ar, &self.model_ar),
            _ => (&self.make_en, &self.model_en),
        };
        format!("{make} {model} {}", self.year)
    }
}

/// What a VIN says about itself.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VinFacts {
    pub vin: String,
    /// The maker named by the WMI (first three characters), when known.
    pub maker: Option<String>,
    /// The taxonomy make of that maker, when the catalog has it.
    pub make_id: Option<Uuid>,
    /// From the 10th character (the most recent year it can mean).
    pub model_year: Option<i32>,
    /// Whether the 9th character is a correct check digit (required for
    /// North-American VINs only).
    pub check_digit_verified: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Car {
    pub id: Uuid,
    pub make_id: Uuid,
    pub make_name: String,
    pub model_id: Uuid,
    pub model_name: String,
    pub year: i32,
    /// "Hyundai Sonata 2016", or the nickname when there is one.
    pub title: String,
    pub nickname: Option<String>,
    pub vin: Option<VinFacts>,
    pub is_default: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl Car {
    pub fn from_row(r: CarRow, locale: Locale, vin_make: Option<Uuid>) -> Car {
        let ar = locale == Locale::Ar;
        let vin = r
            .vin
            .as_deref()
            .and_then(|v| vin::parse(v).ok())
            .map(|v| VinFacts {
                vin: v.vin,
                maker: v.maker.map(str::to_owned),
                make_id: vin_make,
                model_year: v.model_year,
                check_digit_verified: v.check_digit_verified,
            });
        Car {
            id: r.id,
            title: r.nickname.clone().unwrap_or_else(|| r.title(locale)),
            make_id: r.make_id,
            make_name: if ar { r.make_ar } else { r.make_en },
            model_id: r.model_id,
            model_name: if ar { r.model_ar } else { r.model_en },
            year: r.year,
            nickname: r.nickname,
            vin,
            is_default: r.is_default,
            created_at: r.created_at,
        }
    }
}

/// `POST /garage/cars`. With a VIN, the make and the year may be left out:
/// they are read from it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCar {
    /// Needed unless the VIN names a maker the catalog has.
    pub make_id: Option<Uuid>,
    pub model_id: Uuid,
    /// Needed unless the VIN gives the model year.
    #[schema(minimum = 1950, maximum = 2100)]
    pub year: Option<i32>,
    /// 17 characters, no I, O or Q; North-American VINs (first character
    /// 1–5) must carry a correct check digit.
    #[schema(min_length = 17, max_length = 17)]
    pub vin: Option<String>,
    #[schema(max_length = 50)]
    pub nickname: Option<String>,
    /// Make this the default car (the first car always is).
    pub is_default: Option<bool>,
}

/// `PATCH /garage/cars/{id}`: what is sent changes; `vin: ""` removes it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CarPatch {
    #[schema(minimum = 1950, maximum = 2100)]
    pub year: Option<i32>,
    #[schema(max_length = 17)]
    pub vin: Option<String>,
    #[schema(max_length = 50)]
    pub nickname: Option<String>,
}

/// `POST /garage/vin`: read a VIN without saving it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VinQuery {
    #[schema(min_length = 17, max_length = 17)]
    pub vin: String,
}

/// The VIN's rule, as a field message (`garage-vin-…`).
pub fn check_vin(e: &mut FieldErrors, field: &str, raw: &str) -> Option<vin::Vin> {
    match vin::parse(raw) {
        Ok(v) => Some(v),
        Err(err) => {
            let key = match err {
                VinError::Length => "garage-vin-length",
                VinError::Characters => "garage-vin-characters",
                VinError::CheckDigit => "garage-vin-check-digit",
            };
            e.add(field, Message::new(key));
            None
        }
    }
}

fn check_year(e: &mut FieldErrors, year: Option<i32>) {
    if let Some(y) = year
        && !(1950..=2100).contains(&y)
    {
        e.add(
            "year",
            Message::new("validation-range")
                .arg("min", 1950i64)
                .arg("max", 2100i64),
        );
    }
}

fn check_nickname(e: &mut FieldErrors, nickname: Option<&str>) {
    if let Some(n) = nickname {
        e.max_chars("nickname", n.trim(), MAX_NICKNAME);
    }
}

impl Validate for NewCar {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_year(&mut e, self.year);
        check_nickname(&mut e, self.nickname.as_deref());
        let decoded = self
            .vin
            .as_deref()
            .and_then(|v| check_vin(&mut e, "vin", v));
        if self.vin.is_none() {
            if self.make_id.is_none() {
                e.add("makeId", Message::new("validation-required"));
            }
            if self.year.is_none() {
                e.add("year", Message::new("validation-required"));
            }
        } else if decoded.as_ref().is_some_and(|v| v.model_year.is_none()) && self.year.is_none() {
            e.add("year", Message::new("validation-required"));
        }
        e.into_result()
    }
}

impl Validate for CarPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_year(&mut e, self.year);
        check_nickname(&mut e, self.nickname.as_deref());
        if let Some(v) = self.vin.as_deref().filter(|v| !v.trim().is_empty()) {
            check_vin(&mut e, "vin", v);
        }
        e.into_result()
    }
}

impl Validate for VinQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_vin(&mut e, "vin", &self.vin);
        e.into_result()
    }
}

/// A model year a VIN allows: its year code repeats every 30 years, so a
/// 1990 car and a 2020 car share one.
pub fn vin_allows_year(decoded: Option<i32>, year: i32) -> bool {
    decoded.is_none_or(|d| d == year || d - 30 == year)
}
