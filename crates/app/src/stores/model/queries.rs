//! Store lists: the nearest-first search, the admins' list, the commission.

use serde::Deserialize;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{StoreStatus, check_lat_lng};

/// Wide enough by default to reach across the kingdom (Riyadh–Jeddah is ~850 km);
/// clients narrow it for "near me" lists.
pub const DEFAULT_RADIUS_KM: f64 = 1000.0;
pub const MAX_RADIUS_KM: i64 = 3000;

/// `?lat=&lng=&radiusKm=&type=`: numbers are parsed here so that every
/// failing field is named in one answer.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NearestQuery {
    #[param(value_type = f64, required = true, minimum = -90, maximum = 90)]
    pub lat: Option<String>,
    #[param(value_type = f64, required = true, minimum = -180, maximum = 180)]
    pub lng: Option<String>,
    /// Kilometres, default 1000, at most 3000.
    #[param(value_type = Option<f64>, exclusive_minimum = 0, maximum = 3000)]
    pub radius_km: Option<String>,
    /// A store type slug, e.g. `car-wash`.
    #[serde(rename = "type")]
    #[param(max_length = 50)]
    pub store_type: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub lat: f64,
    pub lng: f64,
    pub radius_km: f64,
}

/// Where a nearest-first search starts and how far it reaches.
#[derive(Debug, Clone, Copy)]
pub struct Around<'a> {
    pub lat: f64,
    pub lng: f64,
    pub radius_m: f64,
    pub type_slug: Option<&'a str>,
}

fn number(e: &mut FieldErrors, field: &str, raw: Option<&str>) -> Option<f64> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let v = raw.parse::<f64>().ok().filter(|v| v.is_finite());
    if v.is_none() {
        e.add(field, Message::new("stores-validation-number"));
    }
    v
}

impl NearestQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }

    /// The point and radius, collecting every failing field.
    pub fn point(&self, e: &mut FieldErrors) -> Option<Point> {
        let mut any_missing = false;
        let mut read = |e: &mut FieldErrors, field: &str, raw: Option<&str>| {
            if raw.is_none_or(|r| r.trim().is_empty()) {
                e.add(field, Message::new("validation-required"));
                any_missing = true;
                None
            } else {
                number(e, field, raw)
            }
        };
        let lat = read(e, "lat", self.lat.as_deref());
        let lng = read(e, "lng", self.lng.as_deref());
        let before = e.iter().count();
        check_lat_lng(e, lat, lng, false);
        let radius = match number(e, "radiusKm", self.radius_km.as_deref()) {
            Some(r) if r > 0.0 && r <= MAX_RADIUS_KM as f64 => Some(r),
            Some(_) => {
                e.add(
                    "radiusKm",
                    Message::new("stores-validation-radius").arg("max", MAX_RADIUS_KM),
                );
                None
            }
            None => self
                .radius_km
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
                .then_some(DEFAULT_RADIUS_KM),
        };
        if let Some(t) = &self.store_type {
            e.max_chars("type", t, 50);
        }
        let ok = !any_missing && e.iter().count() == before;
        match (lat, lng, radius) {
            (Some(lat), Some(lng), Some(radius_km)) if ok => Some(Point {
                lat,
                lng,
                radius_km,
            }),
            _ => None,
        }
    }
}

impl Validate for NearestQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        self.point(&mut e);
        e.into_result()
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AdminStoreQuery {
    pub status: Option<StoreStatus>,
    pub company_id: Option<Uuid>,
    /// Matches the store names.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt` (default, newest first), `nameEn`, `nameAr`; `-` for descending.
    #[param(pattern = "^[-+]?(createdAt|nameEn|nameAr)(,[-+]?(createdAt|nameEn|nameAr))*$")]
    pub sort: Option<String>,
}

pub const STORE_SORTS: &[(&str, &str)] = &[
    ("createdAt", "s.created_at"),
    ("nameEn", "s.name_en"),
    ("nameAr", "s.name_ar"),
];
pub const STORE_DEFAULT_ORDER: &str = "s.created_at DESC, s.id DESC";

impl AdminStoreQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

impl Validate for AdminStoreQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(STORE_SORTS, STORE_DEFAULT_ORDER, &mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        e.into_result()
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Commission {
    /// Basis points, 0 to 10000 (1000 = 10 %).
    #[schema(required = true, value_type = i64, minimum = 0, maximum = 10_000)]
    pub commission_bp: Option<i64>,
}

impl Validate for Commission {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        match self.commission_bp {
            None => {
                e.add("commissionBp", Message::new("validation-required"));
            }
            Some(v) if !(0..=10_000).contains(&v) => {
                e.add(
                    "commissionBp",
                    Message::new("validation-range")
                        .arg("min", 0i64)
                        .arg("max", 10_000i64),
                );
            }
            _ => {}
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_names_every_bad_field() {
        let q = NearestQuery {
            lat: Some("north".into()),
            lng: None,
            radius_km: Some("3500".into()),
            ..Default::default()
        };
        let mut e = FieldErrors::new();
        assert!(q.point(&mut e).is_none());
        assert!(e.contains("lat") && e.contains("lng") && e.contains("radiusKm"));
        let q = NearestQuery {
            lat: Some("24.7".into()),
            lng: Some("46.6".into()),
            ..Default::default()
        };
        let mut e = FieldErrors::new();
        let p = q.point(&mut e).unwrap();
        assert_eq!(p.radius_km, DEFAULT_RADIUS_KM);
        assert!(e.is_empty());
    }
}
