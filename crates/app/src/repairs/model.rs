//! Repair requests, offers, jobs and positions: rows, API shapes, checks.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use crate::payments::model::Method;

pub const PROBLEMS: [&str; 8] = [
    "battery",
    "tyre",
    "towing",
    "mechanic",
    "electrical",
    "fuel",
    "lockout",
    "other",
];
pub const PROBLEM_LIST: &str = "battery, tyre, towing, mechanic, electrical, fuel, lockout, other";

/// A problem's name in Arabic and English, for notifications.
pub fn problem_names(slug: &str) -> (&'static str, &'static str) {
    match slug {
        "battery" => ("بطارية", "battery"),
        "tyre" => ("إطار", "tyre"),
        "towing" => ("سحب السيارة", "towing"),
        "mechanic" => ("عطل ميكانيكي", "mechanical fault"),
        "electrical" => ("عطل كهربائي", "electrical fault"),
        "fuel" => ("نفاد الوقود", "out of fuel"),
        "lockout" => ("مفاتيح داخل السيارة", "locked out"),
        _ => ("مشكلة أخرى", "another problem"),
    }
}

/// Where positions may come from: the kingdom's bounding box.
pub const COUNTRY_LAT: (f64, f64) = (16.0, 32.2);
pub const COUNTRY_LNG: (f64, f64) = (34.4, 55.7);
/// Faster than this between two positions is a bad fix, not a drive.
pub const MAX_SPEED_KMH: f64 = 250.0;
/// Most photos on one repair request.
pub const MAX_PHOTOS: usize = 5;
/// The speed the ETA assumes in town.
pub const ETA_SPEED_KMH: f64 = 40.0;

pub fn in_country(lat: f64, lng: f64) -> bool {
    (COUNTRY_LAT.0..=COUNTRY_LAT.1).contains(&lat) && (COUNTRY_LNG.0..=COUNTRY_LNG.1).contains(&lng)
}

/// Great-circle distance in km.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0088_f64;
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dla = (b.0 - a.0).to_radians();
    let dlo = (b.1 - a.1).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

/// Minutes to cover `km` in town, at least one.
pub fn eta_minutes(km: f64) -> i32 {
    ((km / ETA_SPEED_KMH * 60.0).ceil() as i32).max(1)
}

fn coords(e: &mut FieldErrors, lat: f64, lng: f64) {
    if !(-90.0..=90.0).contains(&lat) || !lat.is_finite() {
        e.add(
            "lat",
            Message::new("validation-range")
                .arg("min", -90i64)
                .arg("max", 90i64),
        );
    }
    if !(-180.0..=180.0).contains(&lng) || !lng.is_finite() {
        e.add(
            "lng",
            Message::new("validation-range")
                .arg("min", -180i64)
                .arg("max", 180i64),
        );
    }
}

/// `PUT /rider/presence`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PresenceInput {
    pub online: bool,
    /// Required to go online.
    #[schema(minimum = -90, maximum = 90)]
    pub lat: Option<f64>,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: Option<f64>,
}

impl Validate for PresenceInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        match (self.lat, self.lng) {
            (Some(lat), Some(lng)) => coords(&mut e, lat, lng),
            _ if self.online => {
                e.add("lat", Message::new("validation-required"));
            }
            _ => {}
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Presence {
    pub online: bool,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub seen_at: Option<OffsetDateTime>,
}

/// `POST /repairs`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepairInput {
    /// battery, tyre, towing, mechanic, electrical, fuel, lockout, other.
    #[schema(pattern = "^(battery|tyre|towing|mechanic|electrical|fuel|lockout|other)$")]
    pub problem: String,
    #[schema(max_length = 1000)]
    pub description: Option<String>,
    /// A car of the caller's garage …
    pub car_id: Option<Uuid>,
    /// … or the car in words.
    #[schema(max_length = 120)]
    pub car_label: Option<String>,
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: f64,
    #[schema(max_length = 300)]
    pub address: Option<String>,
    /// Later than now; none: now.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub wanted_at: Option<OffsetDateTime>,
    /// Uploads of the caller's with purpose `REQUEST_PHOTO`: what is wrong,
    /// for the reps to see before they offer.
    #[schema(max_items = 5)]
    pub photo_ids: Option<Vec<Uuid>>,
}

impl Validate for RepairInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !PROBLEMS.contains(&self.problem.as_str()) {
            e.add(
                "problem",
                Message::new("validation-one-of").arg("allowed", PROBLEM_LIST),
            );
        }
        if let Some(d) = &self.description {
            e.max_chars("description", d, 1000);
        }
        if let Some(c) = &self.car_label {
            e.max_chars("carLabel", c, 120);
        }
        if let Some(a) = &self.address {
            e.max_chars("address", a, 300);
        }
        coords(&mut e, self.lat, self.lng);
        if e.is_empty() && !in_country(self.lat, self.lng) {
            e.add("lat", Message::new("repair-outside-country"));
        }
        if let Some(w) = self.wanted_at
            && (w < OffsetDateTime::now_utc() - time::Duration::minutes(5)
                || w > OffsetDateTime::now_utc() + time::Duration::days(7))
        {
            e.add("wantedAt", Message::new("repair-wanted-at-range"));
        }
        let photos = self.photo_ids.as_deref().unwrap_or_default();
        if photos.len() > MAX_PHOTOS {
            e.add(
                "photoIds",
                Message::new("requests-too-many-photos").arg("max", MAX_PHOTOS),
            );
        } else if photos
            .iter()
            .collect::<std::collections::HashSet<_>>()
            .len()
            < photos.len()
        {
            e.add("photoIds", Message::new("requests-photo-repeated"));
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepairOffer {
    pub id: Uuid,
    pub request_id: Uuid,
    pub rep_id: Uuid,
    pub rep_name: Option<String>,
    /// The rep's average stars, one decimal; none before a first review.
    pub rep_rating: Option<f64>,
    pub rep_rating_count: i32,
    /// Halalas before VAT.
    pub price: i64,
    pub eta_minutes: i32,
    pub note: String,
    /// active, accepted, lost, withdrawn.
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepairRequest {
    pub id: Uuid,
    pub number: String,
    pub customer_id: Uuid,
    pub problem: String,
    pub description: String,
    pub car_label: String,
    pub lat: f64,
    pub lng: f64,
    pub address: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub wanted_at: Option<OffsetDateTime>,
    pub radius_km: i32,
    /// open, accepted, cancelled, expired.
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// For a rep: how far the request is.
    #[sqlx(default)]
    pub distance_km: Option<f64>,
    /// The customer's photos, in their order.
    pub photos: Vec<Uuid>,
    /// For the customer: the offers, cheapest first.
    #[sqlx(skip)]
    pub offers: Vec<RepairOffer>,
    /// Once accepted.
    #[sqlx(default)]
    pub job_id: Option<Uuid>,
}

/// `POST /rider/repairs/{id}/offers`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepairOfferInput {
    /// Halalas before VAT.
    #[schema(minimum = 1, maximum = 100000000)]
    pub price: i64,
    #[schema(minimum = 1, maximum = 600)]
    pub eta_minutes: i32,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl Validate for RepairOfferInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !(1..=100_000_000).contains(&self.price) {
            e.add(
                "price",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 100_000_000i64),
            );
        }
        if !(1..=600).contains(&self.eta_minutes) {
            e.add(
                "etaMinutes",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 600i64),
            );
        }
        if let Some(n) = &self.note {
            e.max_chars("note", n, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Accepted,
    OnTheWay,
    Arrived,
    Working,
    Completed,
    Paid,
    Cancelled,
    Disputed,
}

impl JobStatus {
    pub const ALL: [JobStatus; 8] = [
        JobStatus::Accepted,
        JobStatus::OnTheWay,
        JobStatus::Arrived,
        JobStatus::Working,
        JobStatus::Completed,
        JobStatus::Paid,
        JobStatus::Cancelled,
        JobStatus::Disputed,
    ];
    pub const LIST: &'static str =
        "accepted, on_the_way, arrived, working, completed, paid, cancelled, disputed";

    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Accepted => "accepted",
            JobStatus::OnTheWay => "on_the_way",
            JobStatus::Arrived => "arrived",
            JobStatus::Working => "working",
            JobStatus::Completed => "completed",
            JobStatus::Paid => "paid",
            JobStatus::Cancelled => "cancelled",
            JobStatus::Disputed => "disputed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        JobStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The rep's steps from here (`paid` only for a cash job, when the
    /// cash is in hand; cancelling only before arrival).
    pub fn rep_next(self) -> &'static [JobStatus] {
        match self {
            JobStatus::Accepted => &[JobStatus::OnTheWay, JobStatus::Cancelled],
            JobStatus::OnTheWay => &[JobStatus::Arrived, JobStatus::Cancelled],
            JobStatus::Arrived => &[JobStatus::Working],
            JobStatus::Working => &[JobStatus::Completed],
            JobStatus::Completed => &[JobStatus::Paid],
            _ => &[],
        }
    }

    /// The customer's: cancel before arrival, dispute once served.
    pub fn customer_next(self) -> &'static [JobStatus] {
        match self {
            JobStatus::Accepted | JobStatus::OnTheWay => &[JobStatus::Cancelled],
            JobStatus::Completed | JobStatus::Paid => &[JobStatus::Disputed],
            _ => &[],
        }
    }

    /// Positions are streamed to the customer until arrival.
    pub fn travelling(self) -> bool {
        matches!(self, JobStatus::Accepted | JobStatus::OnTheWay)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobHistory {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_role: String,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    pub lat: f64,
    pub lng: f64,
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepairJob {
    pub id: Uuid,
    pub number: String,
    pub request_id: Uuid,
    pub offer_id: Uuid,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub rep_id: Uuid,
    pub rep_name: Option<String>,
    pub thread_id: Option<Uuid>,
    pub problem: String,
    /// accepted, on_the_way, arrived, working, completed, paid, cancelled, disputed.
    pub status: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    #[serde(skip)]
    pub commission: i64,
    #[serde(skip)]
    pub commission_vat: i64,
    pub payment_method: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub paid_at: Option<OffsetDateTime>,
    pub lat: f64,
    pub lng: f64,
    pub eta_minutes: i32,
    pub positions_dropped: i32,
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[sqlx(skip)]
    pub history: Vec<JobHistory>,
    /// The rep's last known position (resuming a live map).
    #[sqlx(skip)]
    pub last_position: Option<Position>,
}

/// `POST …/jobs/{id}/status`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobStep {
    pub status: String,
    /// Required to cancel or dispute.
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

impl Validate for JobStep {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if JobStatus::parse(&self.status).is_none() {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", JobStatus::LIST),
            );
        }
        if let Some(r) = &self.reason {
            e.max_chars("reason", r, 500);
        }
        e.into_result()
    }
}

/// `POST /repair-jobs/{id}/pay`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayInput {
    pub payment_method: Method,
}

impl Validate for PayInput {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Paying {
    pub job: RepairJob,
    pub payment_url: Option<String>,
}

/// `POST /rider/jobs/{id}/positions`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PositionInput {
    #[schema(minimum = -90, maximum = 90)]
    pub lat: f64,
    #[schema(minimum = -180, maximum = 180)]
    pub lng: f64,
}

impl Validate for PositionInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        coords(&mut e, self.lat, self.lng);
        e.into_result()
    }
}

/// What a position came to: kept and streamed, or dropped (too soon).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PositionAck {
    pub accepted: bool,
    pub eta_minutes: Option<i32>,
    /// Positions of this job dropped so far for coming too soon.
    pub dropped: i32,
}

/// Earnings query: local dates.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EarningsQuery {
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub from: Option<String>,
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub to: Option<String>,
}

impl Validate for EarningsQuery {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EarningLine {
    /// target_settled (earned), cash_retained (cash kept), payout, refund …
    pub kind: String,
    /// What the platform owes the rep changed by this (positive: more owed).
    pub amount: i64,
    pub job_number: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Earnings {
    pub from: String,
    pub to: String,
    /// Jobs paid in the range.
    pub jobs: i64,
    /// What customers paid for them, with VAT.
    pub gross: i64,
    /// Earned in the range: the sum of the lines.
    pub net: i64,
    /// What the platform owes the rep now (the rep payable's balance).
    pub balance: i64,
    pub lines: Vec<EarningLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepStats {
    pub rep_id: Uuid,
    pub name: Option<String>,
    pub phone: String,
    pub status: String,
    pub online: bool,
    pub jobs: i64,
    pub completed: i64,
    pub offers: i64,
    pub accepted: i64,
    /// Per cent of offers accepted.
    pub acceptance_rate: i64,
    pub earned: i64,
    /// Average stars of visible reviews, one decimal; none before the first.
    pub rating: Option<f64>,
    pub rating_count: i32,
}

/// `POST /admin/reps/{id}/payouts`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepPayout {
    #[schema(minimum = 1)]
    pub amount: i64,
    #[schema(min_length = 1, max_length = 100)]
    pub reference: String,
}

impl Validate for RepPayout {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.amount < 1 {
            e.add("amount", Message::new("validation-min").arg("min", 1i64));
        }
        if e.required("reference", &self.reference) {
            e.max_chars("reference", &self.reference, 100);
        }
        e.into_result()
    }
}

/// `GET /admin/reps`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageOnly {
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<i64>,
}

impl Validate for PageOnly {
    fn validate(&self) -> Result<(), ApiError> {
        match self.page {
            Some(p) if !(1..=10_000).contains(&p) => {
                Err(ApiError::Validation(FieldErrors::single(
                    "page",
                    Message::new("validation-range")
                        .arg("min", 1i64)
                        .arg("max", 10_000i64),
                )))
            }
            _ => Ok(()),
        }
    }
}

/// `GET /admin/repair-jobs`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JobsFilter {
    pub rep: Option<Uuid>,
    #[param(pattern = "^(accepted|on_the_way|arrived|working|completed|paid|cancelled|disputed)$")]
    pub status: Option<String>,
}

impl Validate for JobsFilter {
    fn validate(&self) -> Result<(), ApiError> {
        match &self.status {
            Some(s) if JobStatus::parse(s).is_none() => {
                Err(ApiError::Validation(FieldErrors::single(
                    "status",
                    Message::new("validation-one-of").arg("allowed", JobStatus::LIST),
                )))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_etas() {
        // Riyadh to Jeddah is about 850 km as the crow flies.
        let d = distance_km((24.7136, 46.6753), (21.5433, 39.1728));
        assert!((840.0..870.0).contains(&d), "{d}");
        assert_eq!(eta_minutes(10.0), 15);
        assert_eq!(eta_minutes(0.0), 1);
        assert!(
            in_country(24.7, 46.7) && !in_country(30.0, 31.2),
            "Cairo is outside"
        );
    }
}
