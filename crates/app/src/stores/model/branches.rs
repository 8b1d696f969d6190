//! Stores: their rows, the bodies that open and edit them, and the shapes
//! their people, admins and customers see.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{
    ServiceView, StorePermission, WorkingHours, check_hours, check_lat_lng, opt_text, text,
};

fn check_store_phone(e: &mut FieldErrors, phone: Option<&str>) {
    if let Some(p) = phone.map(str::trim).filter(|p| !p.is_empty())
        && Phone::parse(p).is_none()
    {
        e.add("phone", Message::new("validation-phone"));
    }
}

/// The phone as stored: E.164, or none for an empty value.
pub fn store_phone(raw: Option<&str>) -> Option<String> {
    raw.and_then(Phone::parse).map(|p| p.as_str().to_owned())
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewStore {
    /// The caller's company when left out.
    pub company_id: Option<Uuid>,
    #[schema(required = true, value_type = Uuid)]
    pub store_type_id: Option<Uuid>,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 150, pattern = "\\S")]
    pub name_ar: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 150, pattern = "\\S")]
    pub name_en: String,
    /// Any common form; empty for none.
    #[schema(pattern = "^(|\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$")]
    pub phone: Option<String>,
    /// Free text, kept for older clients; required unless `cityId` is sent,
    /// and replaced by the city's Arabic name when it is.
    #[serde(default)]
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: String,
    /// A city of `/geo/cities`; its Arabic name becomes `city`.
    pub city_id: Option<Uuid>,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = "\\S")]
    pub address: String,
    #[schema(required = true, value_type = f64, minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(required = true, value_type = f64, minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
    #[serde(default)]
    #[schema(value_type = super::WorkingHoursSchema, example = json!({"sat": [["09:00", "13:00"], ["16:30", "23:00"]]}))]
    pub working_hours: WorkingHours,
}

impl Validate for NewStore {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.store_type_id.is_none() {
            e.add("storeTypeId", Message::new("validation-required"));
        }
        text(&mut e, "nameAr", &self.name_ar, 150);
        text(&mut e, "nameEn", &self.name_en, 150);
        check_store_phone(&mut e, self.phone.as_deref());
        if self.city_id.is_none() || !self.city.is_empty() {
            text(&mut e, "city", &self.city, 100);
        }
        text(&mut e, "address", &self.address, 500);
        check_lat_lng(&mut e, self.lat, self.lng, true);
        check_hours(&mut e, &self.working_hours);
        e.into_result()
    }
}

/// What the store's managers may change; commission and status are the admins'.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StorePatch {
    pub store_type_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 150, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 150, pattern = "\\S")]
    pub name_en: Option<String>,
    /// An empty string removes the phone.
    #[schema(pattern = "^(|\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$")]
    pub phone: Option<String>,
    /// Free text (older clients); clears `cityId` unless that is sent too.
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    /// A city of `/geo/cities`; its Arabic name becomes `city`.
    pub city_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub address: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
    #[schema(value_type = Option<super::WorkingHoursSchema>)]
    pub working_hours: Option<WorkingHours>,
}

impl Validate for StorePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        opt_text(&mut e, "nameAr", self.name_ar.as_deref(), 150);
        opt_text(&mut e, "nameEn", self.name_en.as_deref(), 150);
        check_store_phone(&mut e, self.phone.as_deref());
        opt_text(&mut e, "city", self.city.as_deref(), 100);
        opt_text(&mut e, "address", self.address.as_deref(), 500);
        check_lat_lng(&mut e, self.lat, self.lng, false);
        if let Some(h) = &self.working_hours {
            check_hours(&mut e, h);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StoreStatus {
    Pending,
    Active,
    Suspended,
}

impl StoreStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreStatus::Pending => "pending",
            StoreStatus::Active => "active",
            StoreStatus::Suspended => "suspended",
        }
    }

    pub fn from_db(s: &str) -> StoreStatus {
        match s {
            "active" => StoreStatus::Active,
            "suspended" => StoreStatus::Suspended,
            _ => StoreStatus::Pending,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoreRow {
    pub id: Uuid,
    pub company_id: Uuid,
    pub store_type_id: Uuid,
    pub type_slug: String,
    pub type_name_ar: String,
    pub type_name_en: String,
    pub name_ar: String,
    pub name_en: String,
    pub phone: Option<String>,
    pub city: String,
    pub city_id: Option<Uuid>,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    pub working_hours: serde_json::Value,
    pub status: String,
    pub status_reason: Option<String>,
    pub commission_bp: i32,
    pub rating_sum: i64,
    pub rating_count: i32,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl StoreRow {
    pub fn rating_average(&self) -> Option<f64> {
        (self.rating_count > 0).then(|| {
            let avg = self.rating_sum as f64 / f64::from(self.rating_count);
            (avg * 100.0).round() / 100.0
        })
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreTypeRef {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

/// A store with everything its managers and admins see.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreDetail {
    pub id: Uuid,
    pub company_id: Uuid,
    pub store_type: StoreTypeRef,
    pub name_ar: String,
    pub name_en: String,
    pub phone: Option<String>,
    pub city: String,
    /// The geography city, when the text is one (`/geo/cities`).
    pub city_id: Option<Uuid>,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    #[schema(value_type = Object)]
    pub working_hours: serde_json::Value,
    pub status: StoreStatus,
    /// Why the store is suspended, while it is.
    pub status_reason: Option<String>,
    /// Platform commission in basis points (1000 = 10 %).
    pub commission_bp: i32,
    /// Average rating, none before the first rating.
    pub rating_average: Option<f64>,
    pub rating_count: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

fn type_ref(r: &StoreRow) -> StoreTypeRef {
    StoreTypeRef {
        id: r.store_type_id,
        slug: r.type_slug.clone(),
        name_ar: r.type_name_ar.clone(),
        name_en: r.type_name_en.clone(),
    }
}

impl From<StoreRow> for StoreDetail {
    fn from(r: StoreRow) -> Self {
        StoreDetail {
            rating_average: r.rating_average(),
            store_type: type_ref(&r),
            id: r.id,
            company_id: r.company_id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            phone: r.phone,
            city: r.city,
            city_id: r.city_id,
            address: r.address,
            lat: r.lat,
            lng: r.lng,
            working_hours: r.working_hours,
            status: StoreStatus::from_db(&r.status),
            status_reason: r.status_reason,
            commission_bp: r.commission_bp,
            rating_count: r.rating_count,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StoreRoleName {
    Owner,
    Employee,
}

/// A store as one of its people sees it: with their role and permissions.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartnerStore {
    #[serde(flatten)]
    pub store: StoreDetail,
    pub role: StoreRoleName,
    /// Every permission for the owner.
    pub permissions: Vec<StorePermission>,
}

/// A store as customers see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicStore {
    pub id: Uuid,
    pub store_type: StoreTypeRef,
    pub name_ar: String,
    pub name_en: String,
    pub phone: Option<String>,
    pub city: String,
    /// The geography city, when the text is one (`/geo/cities`).
    pub city_id: Option<Uuid>,
    pub address: String,
    pub lat: f64,
    pub lng: f64,
    #[schema(value_type = Object)]
    pub working_hours: serde_json::Value,
    pub rating_average: Option<f64>,
    pub rating_count: i32,
    /// The services of the store's type.
    pub services: Vec<ServiceView>,
}

impl PublicStore {
    pub fn new(r: StoreRow, services: Vec<ServiceView>) -> PublicStore {
        PublicStore {
            rating_average: r.rating_average(),
            store_type: type_ref(&r),
            id: r.id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            phone: r.phone,
            city: r.city,
            city_id: r.city_id,
            address: r.address,
            lat: r.lat,
            lng: r.lng,
            working_hours: r.working_hours,
            rating_count: r.rating_count,
            services,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NearbyStore {
    #[serde(flatten)]
    pub store: PublicStore,
    /// Great-circle distance from the asked point, in km (two decimals).
    pub distance_km: f64,
}
