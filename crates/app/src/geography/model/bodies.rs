//! Bodies of the admin changes and their rules.

use serde::Deserialize;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{NAME_MAX, SLUG_MAX, SORT_MAX};

/// A new country.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCountry {
    #[schema(required = true, pattern = "^[A-Z]{2}$")]
    #[serde(default)]
    pub code: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    /// Default true.
    pub is_active: Option<bool>,
    #[schema(minimum = 0, maximum = 100_000)]
    #[serde(default)]
    pub sort_order: i32,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CountryPatch {
    #[schema(pattern = "^[A-Z]{2}$")]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: Option<i32>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCity {
    #[schema(required = true)]
    pub country_id: Option<Uuid>,
    /// One of the country's regions.
    pub region_id: Option<Uuid>,
    /// Lowercase `a-z`, `0-9` and `-`; unique among the country's live cities.
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    pub is_active: Option<bool>,
    #[schema(minimum = 0, maximum = 100_000)]
    #[serde(default)]
    pub sort_order: i32,
}

/// Changes to a city (or an area: `regionId` is refused there); absent fields
/// stay as they are.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlacePatch {
    pub region_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 60, pattern = "^[a-z0-9-]+$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    pub is_active: Option<bool>,
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: Option<i32>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewArea {
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    pub is_active: Option<bool>,
    #[schema(minimum = 0, maximum = 100_000)]
    #[serde(default)]
    pub sort_order: i32,
}

fn check_slug(e: &mut FieldErrors, value: &str) {
    let ok = value.len() <= SLUG_MAX
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if e.required("slug", value) && !ok {
        e.add(
            "slug",
            Message::new("geography-slug-format").arg("max", SLUG_MAX),
        );
    }
}

fn check_code(e: &mut FieldErrors, value: &str) {
    let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase());
    if e.required("code", value) && !ok {
        e.add("code", Message::new("geography-code-format"));
    }
}

fn check_name(e: &mut FieldErrors, field: &str, value: &str) {
    if e.required(field, value) {
        e.max_chars(field, value.trim(), NAME_MAX);
    }
}

fn check_sort(e: &mut FieldErrors, value: i32) {
    if !(0..=SORT_MAX).contains(&value) {
        e.add(
            "sortOrder",
            Message::new("validation-range")
                .arg("min", 0i64)
                .arg("max", i64::from(SORT_MAX)),
        );
    }
}

fn check_patch(e: &mut FieldErrors, ar: &Option<String>, en: &Option<String>, sort: Option<i32>) {
    if let Some(n) = ar {
        check_name(e, "nameAr", n);
    }
    if let Some(n) = en {
        check_name(e, "nameEn", n);
    }
    if let Some(s) = sort {
        check_sort(e, s);
    }
}

impl Validate for NewCountry {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_code(&mut e, &self.code);
        check_name(&mut e, "nameAr", &self.name_ar);
        check_name(&mut e, "nameEn", &self.name_en);
        check_sort(&mut e, self.sort_order);
        e.into_result()
    }
}

impl Validate for CountryPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(c) = &self.code {
            check_code(&mut e, c);
        }
        check_patch(&mut e, &self.name_ar, &self.name_en, self.sort_order);
        e.into_result()
    }
}

impl Validate for NewCity {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.country_id.is_none() {
            e.add("countryId", Message::new("validation-required"));
        }
        check_slug(&mut e, &self.slug);
        check_name(&mut e, "nameAr", &self.name_ar);
        check_name(&mut e, "nameEn", &self.name_en);
        check_sort(&mut e, self.sort_order);
        e.into_result()
    }
}

impl Validate for PlacePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(s) = &self.slug {
            check_slug(&mut e, s);
        }
        check_patch(&mut e, &self.name_ar, &self.name_en, self.sort_order);
        e.into_result()
    }
}

impl Validate for NewArea {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_slug(&mut e, &self.slug);
        check_name(&mut e, "nameAr", &self.name_ar);
        check_name(&mut e, "nameEn", &self.name_en);
        check_sort(&mut e, self.sort_order);
        e.into_result()
    }
}
