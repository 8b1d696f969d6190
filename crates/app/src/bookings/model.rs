//! Service menus, schedules and bookings: rows, API shapes and their checks.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use crate::payments::model::Method;

pub const MAX_ITEMS_PER_STORE: i64 = 100;
pub const MAX_ADDONS: usize = 20;
pub const MAX_HOURS: usize = 42;
pub const MAX_BLOCKS: i64 = 200;
pub const MAX_RANGE_DAYS: i64 = 31;

fn range(e: &mut FieldErrors, field: &str, v: i64, min: i64, max: i64) {
    if !(min..=max).contains(&v) {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", min)
                .arg("max", max),
        );
    }
}

fn name(e: &mut FieldErrors, field: &str, v: &str, max: usize) {
    if e.required(field, v) {
        e.max_chars(field, v, max);
    }
}

/// "HH:MM" (00:00–24:00) as minutes from midnight.
pub fn parse_hhmm(s: &str) -> Option<i32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let v = h * 60 + m;
    ((0..24).contains(&h) && (0..60).contains(&m) || v == 1440).then_some(v)
}

pub fn hhmm(minute: i32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

// ---------------------------------------------------------------- menu

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ItemPrice {
    pub body_type_id: Uuid,
    /// The body type's name in the caller's language.
    pub body_type: String,
    /// Halalas before VAT.
    pub price: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Addon {
    pub id: Uuid,
    pub name: String,
    pub name_ar: String,
    pub name_en: String,
    pub price: i64,
    pub duration_minutes: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServiceItem {
    pub id: Uuid,
    pub store_id: Uuid,
    pub service_id: Uuid,
    pub service: String,
    pub name: String,
    pub name_ar: String,
    pub name_en: String,
    pub description: String,
    pub description_ar: String,
    pub description_en: String,
    pub duration_minutes: i32,
    pub active: bool,
    pub position: i32,
    pub prices: Vec<ItemPrice>,
    pub addons: Vec<Addon>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub service_id: Uuid,
    pub service_ar: String,
    pub service_en: String,
    pub name_ar: String,
    pub name_en: String,
    pub description_ar: String,
    pub description_en: String,
    pub duration_minutes: i32,
    pub active: bool,
    pub position: i32,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PriceRow {
    pub item_id: Uuid,
    pub body_type_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub price: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AddonRow {
    pub id: Uuid,
    pub item_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub price: i64,
    pub duration_minutes: i32,
    pub active: bool,
}

pub fn pick(locale: Locale, ar: &str, en: &str) -> String {
    match locale {
        Locale::Ar => ar.to_owned(),
        Locale::En => en.to_owned(),
    }
}

impl ServiceItem {
    pub fn shape(r: ItemRow, prices: &[PriceRow], addons: &[AddonRow], l: Locale) -> ServiceItem {
        ServiceItem {
            id: r.id,
            store_id: r.store_id,
            service_id: r.service_id,
            service: pick(l, &r.service_ar, &r.service_en),
            name: pick(l, &r.name_ar, &r.name_en),
            description: pick(l, &r.description_ar, &r.description_en),
            prices: prices
                .iter()
                .filter(|p| p.item_id == r.id)
                .map(|p| ItemPrice {
                    body_type_id: p.body_type_id,
                    body_type: pick(l, &p.name_ar, &p.name_en),
                    price: p.price,
                })
                .collect(),
            addons: addons
                .iter()
                .filter(|a| a.item_id == r.id)
                .map(|a| Addon {
                    id: a.id,
                    name: pick(l, &a.name_ar, &a.name_en),
                    name_ar: a.name_ar.clone(),
                    name_en: a.name_en.clone(),
                    price: a.price,
                    duration_minutes: a.duration_minutes,
                    active: a.active,
                })
                .collect(),
            name_ar: r.name_ar,
            name_en: r.name_en,
            description_ar: r.description_ar,
            description_en: r.description_en,
            duration_minutes: r.duration_minutes,
            active: r.active,
            position: r.position,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceInput {
    pub body_type_id: Uuid,
    /// Halalas before VAT.
    #[schema(minimum = 1, maximum = 100000000)]
    pub price: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddonInput {
    /// An existing add-on to keep (and update); a new one without.
    pub id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_ar: String,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_en: String,
    #[schema(minimum = 0, maximum = 100000000)]
    pub price: i64,
    #[schema(minimum = 0, maximum = 240)]
    pub duration_minutes: Option<i32>,
    pub active: Option<bool>,
}

/// `POST /partner/stores/{id}/service-items` and `PUT …/{itemId}`: the whole
/// item; prices and add-ons replace the previous ones (add-ons left out are
/// retired, never deleted, so past bookings keep their names).
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ItemInput {
    /// One of the services the store's type binds.
    pub service_id: Uuid,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_ar: String,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_en: String,
    #[schema(max_length = 1000)]
    pub description_ar: Option<String>,
    #[schema(max_length = 1000)]
    pub description_en: Option<String>,
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: i32,
    pub active: Option<bool>,
    #[schema(minimum = 0, maximum = 1000)]
    pub position: Option<i32>,
    /// At least one body type.
    #[schema(min_items = 1, max_items = 20)]
    pub prices: Vec<PriceInput>,
    #[schema(max_items = 20)]
    pub addons: Option<Vec<AddonInput>>,
}

impl Validate for ItemInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        name(&mut e, "nameAr", &self.name_ar, 120);
        name(&mut e, "nameEn", &self.name_en, 120);
        if let Some(d) = &self.description_ar {
            e.max_chars("descriptionAr", d, 1000);
        }
        if let Some(d) = &self.description_en {
            e.max_chars("descriptionEn", d, 1000);
        }
        range(
            &mut e,
            "durationMinutes",
            i64::from(self.duration_minutes),
            5,
            720,
        );
        if let Some(p) = self.position {
            range(&mut e, "position", i64::from(p), 0, 1000);
        }
        if self.prices.is_empty() || self.prices.len() > 20 {
            e.add(
                "prices",
                Message::new("validation-count")
                    .arg("min", 1i64)
                    .arg("max", 20i64),
            );
        }
        for (i, p) in self.prices.iter().enumerate() {
            range(
                &mut e,
                &format!("prices[{i}].price"),
                p.price,
                1,
                100_000_000,
            );
            if self.prices[..i]
                .iter()
                .any(|q| q.body_type_id == p.body_type_id)
            {
                e.add(
                    format!("prices[{i}].bodyTypeId"),
                    Message::new("validation-duplicate"),
                );
            }
        }
        let addons = self.addons.as_deref().unwrap_or_default();
        if addons.len() > MAX_ADDONS {
            e.add(
                "addons",
                Message::new("validation-count")
                    .arg("min", 0i64)
                    .arg("max", MAX_ADDONS as i64),
            );
        }
        for (i, a) in addons.iter().enumerate() {
            name(&mut e, &format!("addons[{i}].nameAr"), &a.name_ar, 120);
            name(&mut e, &format!("addons[{i}].nameEn"), &a.name_en, 120);
            range(
                &mut e,
                &format!("addons[{i}].price"),
                a.price,
                0,
                100_000_000,
            );
            range(
                &mut e,
                &format!("addons[{i}].durationMinutes"),
                i64::from(a.duration_minutes.unwrap_or(0)),
                0,
                240,
            );
        }
        e.into_result()
    }
}

// ---------------------------------------------------------------- schedule

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HoursInput {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: i8,
    /// Local "HH:MM".
    #[schema(pattern = "^[0-9]{2}:[0-9]{2}$")]
    pub start: String,
    /// Local "HH:MM", after `start`; "24:00" is midnight.
    #[schema(pattern = "^[0-9]{2}:[0-9]{2}$")]
    pub end: String,
}

/// `GET/PUT /partner/stores/{id}/booking-schedule`; times in Asia/Riyadh.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schedule {
    #[schema(minimum = 5, maximum = 240)]
    pub slot_minutes: i32,
    /// Bays: bookings served at the same time.
    #[schema(minimum = 1, maximum = 50)]
    pub capacity: i32,
    /// How long before a slot it can still be booked.
    #[schema(minimum = 0, maximum = 10080)]
    pub lead_minutes: i32,
    /// How far ahead slots can be booked.
    #[schema(minimum = 1, maximum = 90)]
    pub horizon_days: i32,
    /// Customers may cancel until this long before the start.
    #[schema(minimum = 0, maximum = 10080)]
    pub cancel_window_minutes: i32,
    #[schema(max_items = 42)]
    pub hours: Vec<HoursInput>,
}

impl Schedule {
    /// What a store without a schedule of its own starts from.
    pub fn default_for_new_store() -> Schedule {
        Schedule {
            slot_minutes: 30,
            capacity: 1,
            lead_minutes: 120,
            horizon_days: 14,
            cancel_window_minutes: 120,
            hours: Vec::new(),
        }
    }

    /// The intervals as minutes, once checked.
    pub fn intervals(&self) -> Vec<super::slots::Hours> {
        self.hours
            .iter()
            .filter_map(|h| {
                Some(super::slots::Hours {
                    weekday: h.weekday,
                    start: parse_hhmm(&h.start)?,
                    end: parse_hhmm(&h.end)?,
                })
            })
            .collect()
    }
}

impl Validate for Schedule {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        range(&mut e, "slotMinutes", i64::from(self.slot_minutes), 5, 240);
        range(&mut e, "capacity", i64::from(self.capacity), 1, 50);
        range(
            &mut e,
            "leadMinutes",
            i64::from(self.lead_minutes),
            0,
            10_080,
        );
        range(&mut e, "horizonDays", i64::from(self.horizon_days), 1, 90);
        range(
            &mut e,
            "cancelWindowMinutes",
            i64::from(self.cancel_window_minutes),
            0,
            10_080,
        );
        if self.hours.len() > MAX_HOURS {
            e.add(
                "hours",
                Message::new("validation-count")
                    .arg("min", 0i64)
                    .arg("max", MAX_HOURS as i64),
            );
        }
        let mut seen: Vec<(i8, i32, i32)> = Vec::new();
        for (i, h) in self.hours.iter().enumerate() {
            range(
                &mut e,
                &format!("hours[{i}].weekday"),
                i64::from(h.weekday),
                1,
                7,
            );
            let s = parse_hhmm(&h.start).filter(|m| *m < 1440);
            let t = parse_hhmm(&h.end);
            if s.is_none() {
                e.add(
                    format!("hours[{i}].start"),
                    Message::new("booking-time-invalid"),
                );
            }
            if t.is_none() {
                e.add(
                    format!("hours[{i}].end"),
                    Message::new("booking-time-invalid"),
                );
            }
            if let (Some(s), Some(t)) = (s, t) {
                if t <= s {
                    e.add(
                        format!("hours[{i}].end"),
                        Message::new("booking-end-after-start"),
                    );
                } else if seen
                    .iter()
                    .any(|&(w, a, b)| w == h.weekday && a < t && s < b)
                {
                    e.add(
                        format!("hours[{i}].start"),
                        Message::new("booking-hours-overlap"),
                    );
                } else {
                    seen.push((h.weekday, s, t));
                }
            }
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScheduleRow {
    pub slot_minutes: i32,
    pub capacity: i32,
    pub lead_minutes: i32,
    pub horizon_days: i32,
    pub cancel_window_minutes: i32,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HoursRow {
    pub weekday: i16,
    pub start_minute: i32,
    pub end_minute: i32,
}

/// A blocked period.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BlockRow {
    pub id: Uuid,
    /// `once`, `weekly` or `yearly`.
    pub kind: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub weekday: Option<i16>,
    pub start_minute: Option<i32>,
    pub end_minute: Option<i32>,
    pub month: Option<i16>,
    pub day: Option<i16>,
    pub reason: String,
}

impl BlockRow {
    pub fn rule(&self) -> Option<super::slots::Block> {
        use super::slots::Block;
        match self.kind.as_str() {
            "once" => Some(Block::Once {
                from: self.starts_at?.unix_timestamp(),
                to: self.ends_at?.unix_timestamp(),
            }),
            "weekly" => Some(Block::Weekly {
                weekday: i8::try_from(self.weekday?).ok()?,
                start: self.start_minute?,
                end: self.end_minute?,
            }),
            "yearly" => Some(Block::Yearly {
                month: i8::try_from(self.month?).ok()?,
                day: i8::try_from(self.day?).ok()?,
            }),
            _ => None,
        }
    }
}

/// `POST /partner/stores/{id}/booking-blocks`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlockInput {
    /// `once` (startsAt, endsAt), `weekly` (weekday, start, end) or `yearly` (month, day).
    #[schema(pattern = "^(once|weekly|yearly)$")]
    pub kind: String,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    #[schema(minimum = 1, maximum = 7)]
    pub weekday: Option<i8>,
    #[schema(pattern = "^[0-9]{2}:[0-9]{2}$")]
    pub start: Option<String>,
    #[schema(pattern = "^[0-9]{2}:[0-9]{2}$")]
    pub end: Option<String>,
    #[schema(minimum = 1, maximum = 12)]
    pub month: Option<i8>,
    #[schema(minimum = 1, maximum = 31)]
    pub day: Option<i8>,
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

impl Validate for BlockInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(r) = &self.reason {
            e.max_chars("reason", r, 200);
        }
        let need = |e: &mut FieldErrors, f: &str, present: bool| {
            if !present {
                e.add(f, Message::new("validation-required"));
            }
        };
        match self.kind.as_str() {
            "once" => {
                need(&mut e, "startsAt", self.starts_at.is_some());
                need(&mut e, "endsAt", self.ends_at.is_some());
                if let (Some(s), Some(t)) = (self.starts_at, self.ends_at)
                    && t <= s
                {
                    e.add("endsAt", Message::new("booking-end-after-start"));
                }
            }
            "weekly" => {
                match self.weekday {
                    Some(w) => range(&mut e, "weekday", i64::from(w), 1, 7),
                    None => need(&mut e, "weekday", false),
                }
                let s = self
                    .start
                    .as_deref()
                    .and_then(parse_hhmm)
                    .filter(|m| *m < 1440);
                let t = self.end.as_deref().and_then(parse_hhmm);
                if s.is_none() {
                    e.add("start", Message::new("booking-time-invalid"));
                }
                if t.is_none() {
                    e.add("end", Message::new("booking-time-invalid"));
                }
                if let (Some(s), Some(t)) = (s, t)
                    && t <= s
                {
                    e.add("end", Message::new("booking-end-after-start"));
                }
            }
            "yearly" => {
                let m = self.month.unwrap_or(0);
                let d = self.day.unwrap_or(0);
                range(&mut e, "month", i64::from(m), 1, 12);
                let days = match m {
                    2 => 29,
                    4 | 6 | 9 | 11 => 30,
                    _ => 31,
                };
                range(&mut e, "day", i64::from(d), 1, days);
            }
            _ => {
                e.add(
                    "kind",
                    Message::new("validation-one-of").arg("allowed", "once, weekly, yearly"),
                );
            }
        }
        e.into_result()
    }
}

// ---------------------------------------------------------------- availability

/// `GET /stores/{id}/availability`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AvailabilityQuery {
    /// First local date, `YYYY-MM-DD`; today by default.
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub from: Option<String>,
    /// Last local date; at most 31 days after `from`, capped at the horizon.
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub to: Option<String>,
    /// The chosen service items, comma-separated ids.
    #[param(max_length = 400)]
    pub items: String,
    /// Chosen add-ons, comma-separated ids.
    #[param(max_length = 800)]
    pub addons: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlotOut {
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    /// Local "HH:MM".
    pub time: String,
    /// Bays free for the whole span.
    pub free: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayOut {
    /// Local `YYYY-MM-DD`.
    pub date: String,
    /// ISO weekday.
    pub weekday: i8,
    pub slots: Vec<SlotOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Availability {
    pub zone: String,
    pub slot_minutes: i32,
    /// Minutes the chosen services hold: whole slots.
    pub span_minutes: i32,
    pub days: Vec<DayOut>,
}

/// The comma-separated ids of a query field.
pub fn id_list(e: &mut FieldErrors, field: &str, s: Option<&str>, max: usize) -> Vec<Uuid> {
    let mut out = Vec::new();
    for part in s
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match Uuid::parse_str(part) {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => {
                e.add(field, Message::new("validation-uuid"));
                return out;
            }
        }
    }
    if out.len() > max {
        e.add(
            field,
            Message::new("validation-count")
                .arg("min", 0i64)
                .arg("max", max as i64),
        );
    }
    out
}

// ---------------------------------------------------------------- bookings

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Confirmed,
    InProgress,
    Completed,
    Rejected,
    Cancelled,
    NoShow,
    Expired,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Pending,
        Status::Confirmed,
        Status::InProgress,
        Status::Completed,
        Status::Rejected,
        Status::Cancelled,
        Status::NoShow,
        Status::Expired,
    ];
    pub const LIST: &'static str =
        "pending, confirmed, in_progress, completed, rejected, cancelled, no_show, expired";

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Rejected => "rejected",
            Status::Cancelled => "cancelled",
            Status::NoShow => "no_show",
            Status::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The steps the store (and an admin forcing one) may take from here.
    pub fn store_next(self) -> &'static [Status] {
        match self {
            Status::Pending => &[Status::Confirmed, Status::Rejected],
            Status::Confirmed => &[Status::InProgress, Status::NoShow, Status::Rejected],
            Status::InProgress => &[Status::Completed],
            _ => &[],
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Status::Pending | Status::Confirmed)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineAddon {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub price: i64,
    pub minutes: i32,
}

/// One booked service as it was priced.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub item_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub price: i64,
    pub minutes: i32,
    pub addons: Vec<LineAddon>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: Uuid,
    pub number: String,
    pub store_id: Uuid,
    pub store_name_ar: String,
    pub store_name_en: String,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub body_type_id: Uuid,
    pub body_ar: String,
    pub body_en: String,
    pub car_id: Option<Uuid>,
    pub lines: sqlx::types::Json<Vec<Line>>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub bay: i32,
    pub status: String,
    pub payment_method: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    pub commission_bp: i32,
    pub commission: i64,
    pub commission_vat: i64,
    pub notes: String,
    pub reason: String,
    pub paid_at: Option<OffsetDateTime>,
    pub cancel_window_minutes: i32,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_role: String,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Booking {
    pub id: Uuid,
    pub number: String,
    pub store_id: Uuid,
    pub store_name: String,
    pub customer_id: Uuid,
    pub customer_name: Option<String>,
    pub body_type_id: Uuid,
    pub body_type: String,
    pub car_id: Option<Uuid>,
    pub lines: Vec<Line>,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    /// Local `YYYY-MM-DD` and "HH:MM" (Asia/Riyadh).
    pub local_date: String,
    pub local_time: String,
    pub bay: i32,
    /// pending, confirmed, in_progress, completed, rejected, cancelled, no_show, expired.
    pub status: String,
    pub payment_method: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    pub paid: bool,
    pub notes: String,
    pub reason: String,
    /// Until when the customer may cancel (with a full refund).
    #[serde(with = "time::serde::rfc3339")]
    pub cancel_until: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub history: Vec<HistoryEntry>,
}

impl Booking {
    pub fn shape(r: BookingRow, history: Vec<HistoryEntry>, l: Locale) -> Booking {
        let tz = super::slots::zone();
        let (d, m) = super::slots::unix_to_local(&tz, r.starts_at.unix_timestamp());
        Booking {
            id: r.id,
            number: r.number,
            store_id: r.store_id,
            store_name: pick(l, &r.store_name_ar, &r.store_name_en),
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            body_type_id: r.body_type_id,
            body_type: pick(l, &r.body_ar, &r.body_en),
            car_id: r.car_id,
            lines: r.lines.0,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            local_date: d.to_string(),
            local_time: hhmm(m),
            bay: r.bay,
            status: r.status,
            payment_method: r.payment_method,
            subtotal: r.subtotal,
            vat: r.vat,
            total: r.total,
            paid: r.paid_at.is_some(),
            notes: r.notes,
            reason: r.reason,
            cancel_until: r.starts_at - time::Duration::minutes(i64::from(r.cancel_window_minutes)),
            created_at: r.created_at,
            history,
        }
    }
}

/// `POST /bookings`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BookingInput {
    pub store_id: Uuid,
    #[schema(min_items = 1, max_items = 5)]
    pub items: Vec<Uuid>,
    #[schema(max_items = 20)]
    pub addons: Option<Vec<Uuid>>,
    /// A start the availability offered.
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    /// A car of the caller's garage (its body type prices the services) …
    pub car_id: Option<Uuid>,
    /// … or a body type.
    pub body_type_id: Option<Uuid>,
    #[schema(max_length = 500)]
    pub notes: Option<String>,
    pub payment_method: Method,
}

impl Validate for BookingInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.items.is_empty() || self.items.len() > 5 {
            e.add(
                "items",
                Message::new("validation-count")
                    .arg("min", 1i64)
                    .arg("max", 5i64),
            );
        }
        if self.addons.as_ref().is_some_and(|a| a.len() > MAX_ADDONS) {
            e.add(
                "addons",
                Message::new("validation-count")
                    .arg("min", 0i64)
                    .arg("max", MAX_ADDONS as i64),
            );
        }
        if self.car_id.is_none() && self.body_type_id.is_none() {
            e.add("bodyTypeId", Message::new("booking-car-or-body"));
        }
        if let Some(n) = &self.notes {
            e.max_chars("notes", n, 500);
        }
        e.into_result()
    }
}

/// What booking answers: the booking and, for a card, where to pay.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Booked {
    pub booking: Booking,
    pub payment_url: Option<String>,
}

/// `POST …/bookings/{id}/status` (store, admin) and `POST /bookings/{id}/cancel`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepInput {
    /// confirmed, in_progress, completed, no_show, rejected (store); an
    /// admin may also force `cancelled`.
    pub status: String,
    /// Required to reject, and for every step an admin forces.
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

impl Validate for StepInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if Status::parse(&self.status).is_none() {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", Status::LIST),
            );
        }
        if let Some(r) = &self.reason {
            e.max_chars("reason", r, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CancelInput {
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

impl Validate for CancelInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(r) = &self.reason {
            e.max_chars("reason", r, 500);
        }
        e.into_result()
    }
}

/// Store and admin lists.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BookingsQuery {
    /// Local `YYYY-MM-DD`, inclusive.
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub from: Option<String>,
    #[param(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub to: Option<String>,
    #[param(
        pattern = "^(pending|confirmed|in_progress|completed|rejected|cancelled|no_show|expired)$"
    )]
    pub status: Option<String>,
    /// Admins: one store.
    pub store: Option<Uuid>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl BookingsQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for BookingsQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

impl Validate for AvailabilityQuery {
    fn validate(&self) -> Result<(), ApiError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BookingStats {
    pub total: i64,
    pub completed: i64,
    pub cancelled: i64,
    pub no_show: i64,
    pub upcoming: i64,
    /// Completed bookings' value with VAT, halalas.
    pub revenue: i64,
    /// Per cent of the bookings that ended (completed or no-show) that were completed.
    pub show_rate: i64,
}

// ---------------------------------------------------------------- admin catalog

/// The admins' service catalog: every store's service items, by store then
/// the store's order.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogQuery {
    /// Part of an item's or a store's name, in either language.
    pub q: Option<String>,
    /// Only active (`true`) or only inactive (`false`) items; both when absent.
    pub active: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl CatalogQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for CatalogQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        self.paging().check(&mut e);
        e.into_result()
    }
}

/// One service item of the catalog, with its store, its service, its price
/// range over the body types and its active add-ons.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CatalogRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub store_name_ar: String,
    pub store_name_en: String,
    /// pending, active or suspended.
    pub store_status: String,
    pub service_ar: String,
    pub service_en: String,
    pub name_ar: String,
    pub name_en: String,
    pub duration_minutes: i32,
    pub active: bool,
    /// The cheapest and dearest body type's price, halalas before VAT; 0
    /// when the item has no price.
    pub min_price: i64,
    pub max_price: i64,
    /// Active add-ons.
    pub addons: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_parse_strictly() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        assert_eq!(parse_hhmm("24:01"), None);
        assert_eq!(parse_hhmm("9:30"), None);
        assert_eq!(parse_hhmm("09:60"), None);
        assert_eq!(hhmm(570), "09:30");
    }

    #[test]
    fn overlapping_hours_are_named() {
        let mut s = Schedule::default_for_new_store();
        s.hours = vec![
            HoursInput {
                weekday: 1,
                start: "09:00".into(),
                end: "13:00".into(),
            },
            HoursInput {
                weekday: 1,
                start: "12:00".into(),
                end: "18:00".into(),
            },
        ];
        let Err(ApiError::Validation(e)) = s.validate() else {
            panic!("overlap accepted")
        };
        assert!(e.contains("hours[1].start"));
    }
}
