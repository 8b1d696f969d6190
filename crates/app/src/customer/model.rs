use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Most addresses a user keeps.
pub const MAX_ADDRESSES: i64 = 20;

/// A store customers may see: active, live, of an approved live company. A
/// predicate on `stores s`, shared by every query that shows customers stores
/// or their products, so they all agree on what is visible.
pub const VISIBLE_STORE: &str = "s.status = 'active' AND s.deleted_at IS NULL AND EXISTS \
    (SELECT 1 FROM companies c WHERE c.id = s.company_id AND c.status = 'approved' AND c.deleted_at IS NULL)";

// ---------------------------------------------------------------- favorites

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FavoriteType {
    Product,
    Store,
}

impl FavoriteType {
    pub fn as_str(self) -> &'static str {
        match self {
            FavoriteType::Product => "product",
            FavoriteType::Store => "store",
        }
    }

    /// The `{type}` path segment; anything else is a route that does not exist.
    pub fn from_path(s: &str) -> Result<FavoriteType, ApiError> {
        match s {
            "product" => Ok(FavoriteType::Product),
            "store" => Ok(FavoriteType::Store),
            _ => Err(ApiError::NotFound),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FavoriteQuery {
    /// `product` or `store`; both when left out.
    #[serde(rename = "type")]
    pub kind: Option<FavoriteType>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl FavoriteQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for FavoriteQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// A favorite with what a list needs to show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Favorite {
    #[serde(rename = "type")]
    pub kind: FavoriteType,
    /// The product's or the store's id.
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// The product's price in halalas (products only).
    pub price: Option<i64>,
    /// The product's store, or the store itself.
    pub store_id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, sqlx::FromRow)]
pub struct FavoriteRow {
    pub target_type: String,
    pub target_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub price: Option<i64>,
    pub store_id: Uuid,
    pub created_at: OffsetDateTime,
}

impl From<FavoriteRow> for Favorite {
    fn from(r: FavoriteRow) -> Self {
        Favorite {
            kind: if r.target_type == "product" {
                FavoriteType::Product
            } else {
                FavoriteType::Store
            },
            id: r.target_id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            price: r.price,
            store_id: r.store_id,
            created_at: r.created_at,
        }
    }
}

// ---------------------------------------------------------------- addresses

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub id: Uuid,
    /// e.g. "Home", "المنزل".
    pub label: String,
    pub recipient_name: String,
    pub phone: String,
    /// The city's name; the Arabic name of `cityId` when the address names one.
    pub city: String,
    /// The geography city (`/geo/cities`), when known: sent by the client or
    /// matched from the text.
    pub city_id: Option<Uuid>,
    pub district: Option<String>,
    pub street: Option<String>,
    pub details: Option<String>,
    pub lat: f64,
    pub lng: f64,
    /// Exactly one address of a user with any is the default.
    pub is_default: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAddress {
    #[schema(required = true, value_type = String, min_length = 1, max_length = 50, pattern = "\\S")]
    pub label: Option<String>,
    #[schema(required = true, value_type = String, min_length = 1, max_length = 100, pattern = "\\S")]
    pub recipient_name: Option<String>,
    /// Any common form; stored as E.164.
    #[schema(required = true, value_type = String, pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$")]
    pub phone: Option<String>,
    /// Free text, kept for older clients; required unless `cityId` is sent,
    /// and replaced by the city's Arabic name when it is.
    #[schema(value_type = String, min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    /// A city of `/geo/cities`; its Arabic name becomes `city`.
    pub city_id: Option<Uuid>,
    #[schema(max_length = 100)]
    pub district: Option<String>,
    #[schema(max_length = 200)]
    pub street: Option<String>,
    #[schema(max_length = 500)]
    pub details: Option<String>,
    #[schema(required = true, value_type = f64, minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(required = true, value_type = f64, minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
    /// Make this the default (the first address always is).
    #[serde(default)]
    pub is_default: bool,
}

/// Any of an address's fields; empty text clears the optional ones.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddressPatch {
    #[schema(min_length = 1, max_length = 50, pattern = "\\S")]
    pub label: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub recipient_name: Option<String>,
    #[schema(pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$")]
    pub phone: Option<String>,
    /// Free text (older clients); clears `cityId` unless that is sent too.
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    /// A city of `/geo/cities`; its Arabic name becomes `city`.
    pub city_id: Option<Uuid>,
    #[schema(max_length = 100)]
    pub district: Option<String>,
    #[schema(max_length = 200)]
    pub street: Option<String>,
    #[schema(max_length = 500)]
    pub details: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
}

impl NewAddress {
    pub fn fields(&self) -> AddressPatch {
        AddressPatch {
            label: self.label.clone(),
            recipient_name: self.recipient_name.clone(),
            phone: self.phone.clone(),
            city: self.city.clone(),
            city_id: self.city_id,
            district: self.district.clone(),
            street: self.street.clone(),
            details: self.details.clone(),
            lat: self.lat,
            lng: self.lng,
        }
    }
}

impl Validate for NewAddress {
    fn validate(&self) -> Result<(), ApiError> {
        self.fields().check(true)
    }
}

impl Validate for AddressPatch {
    fn validate(&self) -> Result<(), ApiError> {
        self.check(false)
    }
}

impl AddressPatch {
    /// Creating needs every required field; a patch only checks what it sends.
    pub fn check(&self, creating: bool) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        for (field, value, max) in [
            ("label", &self.label, 50),
            ("recipientName", &self.recipient_name, 100),
            ("city", &self.city, 100),
        ] {
            match value {
                Some(v) if e.required(field, v) => e.max_chars(field, v, max),
                None if field == "city" && self.city_id.is_some() => {}
                None if creating => {
                    e.add(field, Message::new("validation-required"));
                }
                _ => {}
            }
        }
        for (field, value, max) in [
            ("district", &self.district, 100),
            ("street", &self.street, 200),
            ("details", &self.details, 500),
        ] {
            if let Some(v) = value {
                e.max_chars(field, v, max);
            }
        }
        match &self.phone {
            Some(p) if Phone::parse(p).is_none() && e.required("phone", p) => {
                e.add("phone", Message::new("validation-phone"));
            }
            None if creating => {
                e.add("phone", Message::new("validation-required"));
            }
            _ => {}
        }
        for (field, v, max) in [("lat", self.lat, 90i64), ("lng", self.lng, 180i64)] {
            match v {
                Some(v) if !(v.is_finite() && v.abs() <= max as f64) => {
                    e.add(
                        field,
                        Message::new("validation-range")
                            .arg("min", -max)
                            .arg("max", max),
                    );
                }
                None if creating => {
                    e.add(field, Message::new("validation-required"));
                }
                _ => {}
            }
        }
        e.into_result()
    }

    pub fn phone(&self) -> Option<String> {
        self.phone
            .as_deref()
            .and_then(Phone::parse)
            .map(|p| p.as_str().to_owned())
    }
}

/// Optional text as stored: trimmed, none when empty.
pub fn optional(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}
