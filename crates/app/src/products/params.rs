//! Query parameters of product lists.

use serde::Deserialize;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::model::{Condition, ProductStatus};
use super::search::SearchOrder;

/// `GET /products`: full-text query and filters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words in Arabic or English, or an OEM number with or without dashes.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Make id or slug, e.g. `toyota`.
    pub make: Option<String>,
    /// Model id or slug, e.g. `toyota-camry`.
    pub model: Option<String>,
    #[param(minimum = 1950, maximum = 2100)]
    pub year: Option<i32>,
    /// A car of the signed-in customer's garage: only parts that fit it
    /// (its make, model and year; `make`, `model` and `year` are then ignored).
    pub car_id: Option<Uuid>,
    /// Category id or slug; its subcategories are included.
    pub category: Option<String>,
    pub condition: Option<Condition>,
    /// Halalas.
    #[param(minimum = 0)]
    pub min_price: Option<i64>,
    /// Halalas, not below `minPrice`.
    #[param(minimum = 0)]
    pub max_price: Option<i64>,
    pub store_id: Option<Uuid>,
    /// With `lng`: the origin of `distance`.
    #[param(minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[param(minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
    /// `relevance` (default with `q`), `newest` (default without), `price`, `-price`, `-rating`, `distance` (needs `lat` and `lng`).
    #[param(pattern = "^(relevance|newest|-createdAt|price|-price|-rating|distance)$")]
    pub sort: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

const SORTS: [(&str, SearchOrder); 7] = [
    ("relevance", SearchOrder::Relevance),
    ("newest", SearchOrder::Newest),
    ("-createdAt", SearchOrder::Newest),
    ("price", SearchOrder::PriceAsc),
    ("-price", SearchOrder::PriceDesc),
    ("-rating", SearchOrder::Rating),
    ("distance", SearchOrder::Distance),
];

impl SearchParams {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }

    pub fn order(&self) -> SearchOrder {
        match self.sort.as_deref() {
            Some(s) => SORTS
                .iter()
                .find(|(k, _)| *k == s)
                .map(|(_, o)| *o)
                .unwrap_or_default(),
            None if self.q.as_deref().is_some_and(|q| !q.trim().is_empty()) => {
                SearchOrder::Relevance
            }
            None => SearchOrder::Newest,
        }
    }

    pub fn origin(&self) -> Option<(f64, f64)> {
        self.lat.zip(self.lng)
    }
}

/// The shape is checked together with the references (makes, models,
/// categories) in `service::resolve_search`, so one answer names every
/// failing field.
impl Validate for SearchParams {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

impl SearchParams {
    pub fn shape_errors(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 200);
        }
        if let Some(y) = self.year
            && !(1950..=2100).contains(&y)
        {
            e.add(
                "year",
                Message::new("validation-range")
                    .arg("min", 1950i64)
                    .arg("max", 2100i64),
            );
        }
        for (name, v) in [("minPrice", self.min_price), ("maxPrice", self.max_price)] {
            if v.is_some_and(|v| v < 0) {
                e.add(name, Message::new("validation-min").arg("min", 0i64));
            }
        }
        if let (Some(a), Some(b)) = (self.min_price, self.max_price)
            && a > b
        {
            e.add("maxPrice", Message::new("products-price-order"));
        }
        match (self.lat, self.lng) {
            (Some(_), None) => {
                e.add("lng", Message::new("validation-required"));
            }
            (None, Some(_)) => {
                e.add("lat", Message::new("validation-required"));
            }
            _ => {}
        }
        if self.lat.is_some_and(|v| !(-90.0..=90.0).contains(&v)) {
            e.add(
                "lat",
                Message::new("validation-range")
                    .arg("min", -90i64)
                    .arg("max", 90i64),
            );
        }
        if self.lng.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
            e.add(
                "lng",
                Message::new("validation-range")
                    .arg("min", -180i64)
                    .arg("max", 180i64),
            );
        }
        if let Some(s) = &self.sort {
            if !SORTS.iter().any(|(k, _)| k == s) {
                let names: Vec<&str> = SORTS.iter().map(|(k, _)| *k).collect();
                e.add(
                    "sort",
                    Message::new("validation-one-of").arg("allowed", names.join(", ")),
                );
            } else if s == "distance" && self.origin().is_none() {
                e.add("sort", Message::new("products-distance-needs-origin"));
            }
        }
        e
    }
}

/// Partner and admin lists: a status filter and paging.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    pub status: Option<ProductStatus>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl ListParams {
    pub fn page(&self) -> Result<kernel::pagination::Page, ApiError> {
        let mut e = FieldErrors::new();
        let page = PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
        .check(&mut e);
        e.into_result().map(|_| page)
    }
}

impl Validate for ListParams {
    fn validate(&self) -> Result<(), ApiError> {
        self.page().map(|_| ())
    }
}

/// `GET /products/{id}/fits`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FitsQuery {
    pub car_id: Uuid,
}

impl Validate for FitsQuery {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

/// Whether a product fits a saved car.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fits {
    pub car_id: Uuid,
    pub fits: bool,
}
