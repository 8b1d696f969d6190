use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Longest name, in characters.
pub const NAME_MAX: usize = 100;
/// Longest slug, in bytes (`a-z`, `0-9`, `-`).
pub const SLUG_MAX: usize = 60;
pub const SORT_MAX: i32 = 100_000;
/// Longest city search, in characters.
pub const Q_MAX: usize = 100;

mod bodies;
pub use bodies::*;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Country {
    pub id: Uuid,
    /// ISO 3166-1 alpha-2, e.g. `SA`.
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub is_active: bool,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub id: Uuid,
    pub country_id: Uuid,
    /// ISO 3166-2, e.g. `SA-01`.
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct City {
    pub id: Uuid,
    pub country_id: Uuid,
    pub region_id: Option<Uuid>,
    pub region_name_ar: Option<String>,
    pub region_name_en: Option<String>,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub is_active: bool,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Area {
    pub id: Uuid,
    pub city_id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub is_active: bool,
    pub sort_order: i32,
}

/// Which cities: a country's, and those whose names match `q` (Arabic
/// spelling variants and articles folded, English case-insensitive).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CityQuery {
    pub country_id: Option<Uuid>,
    #[param(max_length = 100)]
    pub q: Option<String>,
}

impl Validate for CityQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(q) = &self.q {
            e.max_chars("q", q, Q_MAX);
        }
        e.into_result()
    }
}

/// A country's regions.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RegionQuery {
    pub country_id: Option<Uuid>,
}

impl Validate for RegionQuery {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

/// Whether every word of the query occurs in the city's names, both sides
/// through `kernel::text::normalize`, so "جده" finds "جدة" and "الرياض" or
/// "riyadh" find Riyadh.
pub fn matches(city: &City, query: &str) -> bool {
    let hay = kernel::text::normalize(&format!("{} {} {}", city.name_ar, city.name_en, city.slug));
    let words = kernel::text::search_tokens(query);
    words.iter().all(|w| hay.contains(w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(ar: &str, en: &str) -> City {
        City {
            id: Uuid::nil(),
            country_id: Uuid::nil(),
            region_id: None,
            region_name_ar: None,
            region_name_en: None,
            slug: en.to_lowercase(),
            name_ar: ar.into(),
            name_en: en.into(),
            is_active: true,
            sort_order: 0,
        }
    }

    #[test]
    fn spelling_variants_meet() {
        let jeddah = city("جدة", "Jeddah");
        assert!(matches(&jeddah, "جده"));
        assert!(matches(&jeddah, "JEDDAH"));
        assert!(!matches(&jeddah, "الرياض"));
        assert!(matches(&city("الرياض", "Riyadh"), "الرياض"));
        assert!(matches(&city("أبها", "Abha"), "ابها"));
    }

    #[test]
    fn every_failing_field_is_named() {
        let err = NewCity::default().validate().unwrap_err();
        let ApiError::Validation(e) = err else {
            panic!("not a validation error")
        };
        for f in ["countryId", "slug", "nameAr", "nameEn"] {
            assert!(e.contains(f), "{f}");
        }
    }
}
