//! A request: its row, what its customer, its stores and admins see of it,
//! and the bodies that create and edit it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{Outcome, RequestStatus, WantedCondition};

pub const MAX_PHOTOS: usize = 5;
pub const MAX_DESCRIPTION: usize = 1000;
pub const MAX_NOTES: usize = 500;
pub const MAX_QUANTITY: i32 = 100;
pub const MAX_RADIUS_KM: i32 = 1000;
pub const DEFAULT_RADIUS_KM: i32 = 50;
pub const DEFAULT_EXPIRY_HOURS: i32 = 48;
pub const MAX_EXPIRY_HOURS: i32 = 168;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: Uuid,
    pub number: String,
    pub customer_id: Uuid,
    pub car_id: Option<Uuid>,
    pub make_id: Uuid,
    pub make_ar: String,
    pub make_en: String,
    pub model_id: Uuid,
    pub model_ar: String,
    pub model_en: String,
    pub year: i32,
    pub vin: Option<String>,
    pub category_id: Uuid,
    pub category_ar: String,
    pub category_en: String,
    pub description: String,
    pub quantity: i32,
    pub condition: String,
    pub notes: Option<String>,
    pub address_id: Option<Uuid>,
    pub address: serde_json::Value,
    pub city: String,
    pub district: Option<String>,
    pub lat: f64,
    pub lng: f64,
    pub radius_km: i32,
    pub status: String,
    pub expires_at: OffsetDateTime,
    pub accepted_offer_id: Option<Uuid>,
    pub order_id: Option<Uuid>,
    pub closed_reason: Option<String>,
    pub closed_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub photos: Vec<Uuid>,
    pub stores_count: i64,
    pub offers_count: i64,
}

impl RequestRow {
    pub fn status(&self) -> RequestStatus {
        RequestStatus::from_db(&self.status)
    }

    /// Open and not past its expiry (the job may not have run yet).
    pub fn is_live(&self) -> bool {
        self.status() == RequestStatus::Open && self.expires_at > OffsetDateTime::now_utc()
    }

    fn vehicle(&self, locale: Locale) -> Vehicle {
        let ar = locale == Locale::Ar;
        Vehicle {
            car_id: self.car_id,
            make_id: self.make_id,
            make_name: if ar { &self.make_ar } else { &self.make_en }.clone(),
            model_id: self.model_id,
            model_name: if ar { &self.model_ar } else { &self.model_en }.clone(),
            year: self.year,
            vin: self.vin.clone(),
        }
    }

    fn category(&self, locale: Locale) -> Named {
        Named {
            id: self.category_id,
            name: if locale == Locale::Ar {
                &self.category_ar
            } else {
                &self.category_en
            }
            .clone(),
        }
    }

    /// "Hyundai Sonata 2016" in the reader's language.
    pub fn car_title(&self, locale: Locale) -> String {
        let v = self.vehicle(locale);
        format!("{} {} {}", v.make_name, v.model_name, v.year)
    }

    /// The request as its customer sees it.
    pub fn for_customer(&self, locale: Locale) -> PartRequest {
        PartRequest {
            id: self.id,
            number: self.number.clone(),
            status: self.status(),
            vehicle: self.vehicle(locale),
            category: self.category(locale),
            description: self.description.clone(),
            quantity: self.quantity,
            condition: WantedCondition::from_db(&self.condition),
            notes: self.notes.clone(),
            photos: self.photos.clone(),
            location: Location {
                address_id: self.address_id,
                city: self.city.clone(),
                district: self.district.clone(),
                lat: self.lat,
                lng: self.lng,
            },
            radius_km: self.radius_km,
            expires_at: self.expires_at,
            stores_count: self.stores_count,
            offers_count: self.offers_count,
            accepted_offer_id: self.accepted_offer_id,
            order_id: self.order_id,
            closed_reason: self.closed_reason.clone(),
            created_at: self.created_at,
        }
    }

    /// The request as a store that received it sees it: the district, the
    /// city and the distance, never the customer's phone, street or point.
    pub fn for_store(&self, locale: Locale, outcome: Outcome, distance_m: f64) -> StoreRequest {
        StoreRequest {
            id: self.id,
            number: self.number.clone(),
            status: self.status(),
            outcome,
            vehicle: self.vehicle(locale),
            category: self.category(locale),
            description: self.description.clone(),
            quantity: self.quantity,
            condition: WantedCondition::from_db(&self.condition),
            notes: self.notes.clone(),
            photos: self.photos.clone(),
            city: self.city.clone(),
            district: self.district.clone(),
            distance_km: (distance_m / 100.0).round() / 10.0,
            expires_at: self.expires_at,
            offers_count: self.offers_count,
            order_id: (outcome == Outcome::Won).then_some(self.order_id).flatten(),
            created_at: self.created_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Named {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Vehicle {
    /// The garage car it was made from, if any.
    pub car_id: Option<Uuid>,
    pub make_id: Uuid,
    pub make_name: String,
    pub model_id: Uuid,
    pub model_name: String,
    pub year: i32,
    pub vin: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub address_id: Option<Uuid>,
    pub city: String,
    pub district: Option<String>,
    pub lat: f64,
    pub lng: f64,
}

/// A request as its customer (and admins) see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartRequest {
    pub id: Uuid,
    pub number: String,
    pub status: RequestStatus,
    pub vehicle: Vehicle,
    pub category: Named,
    pub description: String,
    pub quantity: i32,
    pub condition: WantedCondition,
    pub notes: Option<String>,
    /// Media ids (`/media/{id}`).
    pub photos: Vec<Uuid>,
    pub location: Location,
    pub radius_km: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// How many stores received it.
    pub stores_count: i64,
    /// Live and past offers.
    pub offers_count: i64,
    pub accepted_offer_id: Option<Uuid>,
    /// The order the accepted offer became.
    pub order_id: Option<Uuid>,
    pub closed_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A request as a store that received it sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreRequest {
    pub id: Uuid,
    pub number: String,
    pub status: RequestStatus,
    /// This store's side: new, offered, won, lost, expired or closed.
    pub outcome: Outcome,
    pub vehicle: Vehicle,
    pub category: Named,
    pub description: String,
    pub quantity: i32,
    pub condition: WantedCondition,
    pub notes: Option<String>,
    pub photos: Vec<Uuid>,
    pub city: String,
    pub district: Option<String>,
    /// From the store, rounded to 100 m.
    pub distance_km: f64,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub offers_count: i64,
    /// The order, once this store won.
    pub order_id: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// Where the part is wanted: a saved address, or a pin with its city.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PinInput {
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: f64,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: String,
    #[schema(max_length = 100)]
    pub district: Option<String>,
}

/// `POST /requests`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRequest {
    /// A car of the caller's garage; or give `makeId`, `modelId` and `year`.
    pub car_id: Option<Uuid>,
    pub make_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    #[schema(minimum = 1950, maximum = 2100)]
    pub year: Option<i32>,
    /// Checked as in the garage (17 characters, no I/O/Q, the North-American check digit).
    #[schema(min_length = 17, max_length = 17)]
    pub vin: Option<String>,
    pub category_id: Uuid,
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub description: String,
    /// Uploads of the caller's with purpose `REQUEST_PHOTO`.
    #[schema(max_items = 5)]
    pub photo_ids: Option<Vec<Uuid>>,
    #[schema(minimum = 1, maximum = 100)]
    pub quantity: Option<i32>,
    pub condition: Option<WantedCondition>,
    #[schema(max_length = 500)]
    pub notes: Option<String>,
    /// A saved address of the caller's; or give `location`.
    pub address_id: Option<Uuid>,
    pub location: Option<PinInput>,
    /// 1 to 1000 km (default 50).
    #[schema(minimum = 1, maximum = 1000)]
    pub radius_km: Option<i32>,
    /// 1 to 168 hours (default 48).
    #[schema(minimum = 1, maximum = 168)]
    pub expires_in_hours: Option<i32>,
}

fn range(e: &mut FieldErrors, field: &str, v: Option<i32>, min: i32, max: i32) {
    if let Some(v) = v
        && !(min..=max).contains(&v)
    {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", i64::from(min))
                .arg("max", i64::from(max)),
        );
    }
}

fn photos(e: &mut FieldErrors, ids: Option<&Vec<Uuid>>) {
    if let Some(ids) = ids {
        if ids.len() > MAX_PHOTOS {
            e.add(
                "photoIds",
                Message::new("requests-too-many-photos").arg("max", MAX_PHOTOS),
            );
        }
        let mut seen = std::collections::HashSet::new();
        if !ids.iter().all(|id| seen.insert(*id)) {
            e.add("photoIds", Message::new("requests-photo-repeated"));
        }
    }
}

impl Validate for NewRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.car_id.is_none() {
            for (field, missing) in [
                ("makeId", self.make_id.is_none()),
                ("modelId", self.model_id.is_none()),
                ("year", self.year.is_none()),
            ] {
                if missing {
                    e.add(field, Message::new("requests-vehicle-required"));
                }
            }
        }
        range(&mut e, "year", self.year, 1950, 2100);
        if let Some(v) = self.vin.as_deref() {
            crate::garage::model::check_vin(&mut e, "vin", v);
        }
        if e.required("description", &self.description) {
            e.max_chars("description", self.description.trim(), MAX_DESCRIPTION);
        }
        photos(&mut e, self.photo_ids.as_ref());
        range(&mut e, "quantity", self.quantity, 1, MAX_QUANTITY);
        if let Some(n) = &self.notes {
            e.max_chars("notes", n.trim(), MAX_NOTES);
        }
        match (&self.address_id, &self.location) {
            (None, None) => {
                e.add("addressId", Message::new("requests-location-required"));
            }
            (Some(_), Some(_)) => {
                e.add("location", Message::new("requests-location-one"));
            }
            (None, Some(p)) => {
                if !(-90.0..=90.0).contains(&p.lat) {
                    e.add(
                        "location.lat",
                        Message::new("validation-range")
                            .arg("min", -90i64)
                            .arg("max", 90i64),
                    );
                }
                if !(-180.0..=180.0).contains(&p.lng) {
                    e.add(
                        "location.lng",
                        Message::new("validation-range")
                            .arg("min", -180i64)
                            .arg("max", 180i64),
                    );
                }
                if e.required("location.city", &p.city) {
                    e.max_chars("location.city", p.city.trim(), 100);
                }
                if let Some(d) = &p.district {
                    e.max_chars("location.district", d.trim(), 100);
                }
            }
            (Some(_), None) => {}
        }
        range(&mut e, "radiusKm", self.radius_km, 1, MAX_RADIUS_KM);
        range(
            &mut e,
            "expiresInHours",
            self.expires_in_hours,
            1,
            MAX_EXPIRY_HOURS,
        );
        e.into_result()
    }
}

/// `PATCH /requests/{id}`: while no offer exists. What is sent changes.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestPatch {
    #[schema(min_length = 1, max_length = 1000, pattern = "\\S")]
    pub description: Option<String>,
    #[schema(max_items = 5)]
    pub photo_ids: Option<Vec<Uuid>>,
    #[schema(minimum = 1, maximum = 100)]
    pub quantity: Option<i32>,
    pub condition: Option<WantedCondition>,
    #[schema(max_length = 500)]
    pub notes: Option<String>,
}

impl Validate for RequestPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(d) = &self.description
            && e.required("description", d)
        {
            e.max_chars("description", d.trim(), MAX_DESCRIPTION);
        }
        photos(&mut e, self.photo_ids.as_ref());
        range(&mut e, "quantity", self.quantity, 1, MAX_QUANTITY);
        if let Some(n) = &self.notes {
            e.max_chars("notes", n.trim(), MAX_NOTES);
        }
        e.into_result()
    }
}

/// A reason (cancel, admin close).
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestReason {
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for RequestReason {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("reason", &self.reason) {
            e.max_chars("reason", self.reason.trim(), 500);
        }
        e.into_result()
    }
}

/// `GET /requests`, `GET /admin/requests`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestListQuery {
    pub status: Option<RequestStatus>,
    /// The request number, or words of the description.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl RequestListQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for RequestListQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        e.into_result()
    }
}

/// `GET /partner/stores/{storeId}/requests`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// new, offered, won, lost, expired or closed; all when absent.
    pub outcome: Option<Outcome>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl InboxQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for InboxQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// A store's record with requests: how many it received, answered and won.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WinRate {
    pub received: i64,
    pub new: i64,
    pub offered: i64,
    pub won: i64,
    pub lost: i64,
    pub expired: i64,
    /// Won ÷ (won + lost), in basis points (10000 = every decided request won).
    pub win_rate_bp: i64,
}

/// One step of a request's history.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestStep {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_role: String,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}
