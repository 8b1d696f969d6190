//! The system settings document: typed, bounded, and edited as a whole.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Message};

use crate::config::AppConfig;

pub const MAX_MESSAGE: usize = 300;
pub const MAX_VERSION: usize = 20;

/// Every setting the admin platform controls. Unknown fields are refused;
/// a missing field keeps its default, so older stored documents still load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SystemSettings {
    pub maintenance: Maintenance,
    /// The landing site shows a "coming soon" page instead of itself.
    pub coming_soon: bool,
    /// The commission new stores start with, in basis points.
    #[schema(minimum = 0, maximum = 5000)]
    pub default_commission_bp: i32,
    pub marketplaces: Marketplaces,
    pub distances: Distances,
    pub otp: OtpSettings,
    /// The oldest app version each app may call the API with (empty: any).
    pub min_app_versions: AppVersions,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Maintenance {
    pub enabled: bool,
    #[schema(max_length = 300)]
    pub message_ar: String,
    #[schema(max_length = 300)]
    pub message_en: String,
    /// What `Retry-After` says, in minutes.
    #[schema(minimum = 1, maximum = 1440)]
    pub retry_after_minutes: i32,
}

/// One switch per marketplace: off hides it from every surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Marketplaces {
    pub direct_orders: bool,
    pub requests: bool,
    pub bookings: bool,
    pub repairs: bool,
    pub external_parts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Distances {
    /// How far a parts request reaches when the customer does not say.
    #[schema(minimum = 1, maximum = 500)]
    pub request_radius_km: i32,
    /// How far a roadside request reaches online reps.
    #[schema(minimum = 1, maximum = 200)]
    pub rep_radius_km: i32,
}

/// Sign-in codes, inside bounds that keep them safe whatever an admin types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OtpSettings {
    #[schema(minimum = 60, maximum = 900)]
    pub ttl_seconds: i32,
    #[schema(minimum = 30, maximum = 300)]
    pub resend_seconds: i32,
    #[schema(minimum = 3, maximum = 10)]
    pub max_attempts: i32,
    #[schema(minimum = 3, maximum = 20)]
    pub per_phone_per_hour: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AppVersions {
    #[schema(max_length = 20, pattern = "^$|^[0-9]{1,4}(\\.[0-9]{1,4}){0,2}$")]
    pub customer: String,
    #[schema(max_length = 20, pattern = "^$|^[0-9]{1,4}(\\.[0-9]{1,4}){0,2}$")]
    pub store: String,
    #[schema(max_length = 20, pattern = "^$|^[0-9]{1,4}(\\.[0-9]{1,4}){0,2}$")]
    pub rider: String,
}

impl AppVersions {
    pub fn minimum(&self, app: &str) -> Option<&str> {
        let v = match app {
            "customer" => &self.customer,
            "store" => &self.store,
            "rider" => &self.rider,
            _ => return None,
        };
        (!v.is_empty()).then_some(v.as_str())
    }
}

/// `1.2` → `[1, 2, 0]`; anything else is not a version.
pub fn parse_version(v: &str) -> Option<[u32; 3]> {
    let v = v.trim();
    if v.is_empty() || v.len() > MAX_VERSION {
        return None;
    }
    let mut out = [0u32; 3];
    for (n, part) in v.split('.').enumerate() {
        if n == 3 || part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        out[n] = part.parse().ok()?;
    }
    Some(out)
}

impl Default for Maintenance {
    fn default() -> Self {
        Maintenance {
            enabled: false,
            message_ar: String::new(),
            message_en: String::new(),
            retry_after_minutes: 30,
        }
    }
}

impl Default for Marketplaces {
    fn default() -> Self {
        Marketplaces {
            direct_orders: true,
            requests: true,
            bookings: true,
            repairs: true,
            external_parts: true,
        }
    }
}

impl Default for Distances {
    fn default() -> Self {
        Distances {
            request_radius_km: 50,
            rep_radius_km: 15,
        }
    }
}

impl Default for OtpSettings {
    fn default() -> Self {
        OtpSettings {
            ttl_seconds: 300,
            resend_seconds: 60,
            max_attempts: 5,
            per_phone_per_hour: 5,
        }
    }
}

impl Default for SystemSettings {
    fn default() -> Self {
        SystemSettings {
            maintenance: Maintenance::default(),
            coming_soon: false,
            default_commission_bp: 1000,
            marketplaces: Marketplaces::default(),
            distances: Distances::default(),
            otp: OtpSettings::default(),
            min_app_versions: AppVersions::default(),
        }
    }
}

impl SystemSettings {
    /// The defaults before any admin edit: what the environment configured
    /// (the operator's own values, not held to the admin's bounds).
    pub fn from_config(config: &AppConfig) -> Self {
        let mut s = SystemSettings::default();
        s.distances.rep_radius_km = config.reps.radius_km;
        let otp = &config.otp;
        let secs = |d: std::time::Duration| i32::try_from(d.as_secs()).unwrap_or(i32::MAX);
        s.otp.ttl_seconds = secs(otp.ttl);
        s.otp.resend_seconds = secs(otp.resend_after);
        s.otp.max_attempts = otp.max_attempts;
        s.otp.per_phone_per_hour = i32::try_from(otp.per_phone_per_hour).unwrap_or(i32::MAX);
        s
    }

    /// `Retry-After` of the maintenance answer, in seconds.
    pub fn retry_after_secs(&self) -> u64 {
        self.maintenance.retry_after_minutes.max(1) as u64 * 60
    }
}

fn range(e: &mut FieldErrors, field: &str, v: i32, min: i32, max: i32) {
    if !(min..=max).contains(&v) {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", min as i64)
                .arg("max", max as i64),
        );
    }
}

impl Validate for SystemSettings {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let m = &self.maintenance;
        e.max_chars("maintenance.messageAr", m.message_ar.trim(), MAX_MESSAGE);
        e.max_chars("maintenance.messageEn", m.message_en.trim(), MAX_MESSAGE);
        range(
            &mut e,
            "maintenance.retryAfterMinutes",
            m.retry_after_minutes,
            1,
            1440,
        );
        range(
            &mut e,
            "defaultCommissionBp",
            self.default_commission_bp,
            0,
            5000,
        );
        let d = &self.distances;
        range(
            &mut e,
            "distances.requestRadiusKm",
            d.request_radius_km,
            1,
            500,
        );
        range(&mut e, "distances.repRadiusKm", d.rep_radius_km, 1, 200);
        let o = &self.otp;
        range(&mut e, "otp.ttlSeconds", o.ttl_seconds, 60, 900);
        range(&mut e, "otp.resendSeconds", o.resend_seconds, 30, 300);
        range(&mut e, "otp.maxAttempts", o.max_attempts, 3, 10);
        range(&mut e, "otp.perPhonePerHour", o.per_phone_per_hour, 3, 20);
        if o.resend_seconds >= o.ttl_seconds && !e.contains("otp.ttlSeconds") {
            e.add(
                "otp.resendSeconds",
                Message::new("settings-resend-within-ttl"),
            );
        }
        let v = &self.min_app_versions;
        for (field, value) in [
            ("minAppVersions.customer", &v.customer),
            ("minAppVersions.store", &v.store),
            ("minAppVersions.rider", &v.rider),
        ] {
            if !value.is_empty() && parse_version(value).is_none() {
                e.add(field, Message::new("settings-version-format"));
            }
        }
        e.into_result()
    }
}

/// What any app may read before signing in: whether to show the
/// maintenance screen, which marketplaces exist, and the oldest version
/// allowed.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PublicSettings {
    pub maintenance: bool,
    pub maintenance_message: String,
    pub coming_soon: bool,
    pub marketplaces: Marketplaces,
    pub min_app_versions: AppVersions,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    pub settings: SystemSettings,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub updated_at: Option<time::OffsetDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number() {
        assert_eq!(parse_version("1.10"), Some([1, 10, 0]));
        assert!(parse_version("1.10.0").unwrap() > parse_version("1.9.9").unwrap());
        assert_eq!(parse_version("1.2.3.4"), None);
        assert_eq!(parse_version("1..2"), None);
        assert_eq!(parse_version("v1"), None);
        assert_eq!(parse_version(""), None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut s = SystemSettings::default();
        s.otp.max_attempts = 50;
        s.distances.rep_radius_km = 0;
        s.min_app_versions.rider = "latest".into();
        let Err(ApiError::Validation(e)) = s.validate() else {
            panic!("refused")
        };
        for f in [
            "otp.maxAttempts",
            "distances.repRadiusKm",
            "minAppVersions.rider",
        ] {
            assert!(e.contains(f), "{f}");
        }
    }
}
