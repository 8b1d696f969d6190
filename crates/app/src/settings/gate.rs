//! What every request meets before its route: maintenance mode, the minimum
//! app version and the marketplace switches. It reads this node's cached
//! settings and decodes the bearer token without the database, so it costs
//! nothing while everything is on.

use http::HeaderMap;

use super::model::{Marketplaces, SystemSettings, parse_version};
use crate::AppState;
use crate::identity::model::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// 503 with `Retry-After` (seconds).
    Maintenance {
        retry_after: u64,
    },
    /// 426: the app names a version older than its minimum.
    UpgradeRequired {
        minimum: String,
    },
    /// The marketplace the path belongs to is switched off: hidden as 404.
    Disabled,
}

/// Paths maintenance never closes: operations, the admin surface and its
/// sign-in, the settings apps read, and the providers' calls that money and
/// parcels depend on.
const OPEN_DURING_MAINTENANCE: &[&str] = &[
    "/health",
    "/ready",
    "/metrics",
    "/static",
    "/docs",
    "/admin",
    "/api/v1/admin",
    "/api/v1/auth",
    "/api/v1/settings/public",
    "/api/v1/payments/webhooks",
    "/api/v1/shipping/webhooks",
];

fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/'))
}

pub fn verdict(state: &AppState, path: &str, headers: &HeaderMap) -> Verdict {
    let s = state.settings.current();
    let api = under(path, "/api");
    if api && let Some(minimum) = too_old(&s, headers) {
        return Verdict::UpgradeRequired { minimum };
    }
    // Decoding the bearer token is paid only while maintenance is on.
    let open = || {
        OPEN_DURING_MAINTENANCE.iter().any(|p| under(path, p))
            || path.starts_with("/api/v1/payments/sessions/")
            || (api && bearer_is_admin(state, headers))
    };
    if s.maintenance.enabled && !open() {
        return Verdict::Maintenance {
            retry_after: s.retry_after_secs(),
        };
    }
    if switched_off(&s.marketplaces, path) {
        return Verdict::Disabled;
    }
    Verdict::Pass
}

/// The minimum when the caller names its app and a version below it; a
/// client that sends nothing (a browser, a script) is not judged.
fn too_old(s: &SystemSettings, headers: &HeaderMap) -> Option<String> {
    let app = headers.get("x-app-name")?.to_str().ok()?.trim();
    let minimum = s.min_app_versions.minimum(&app.to_ascii_lowercase())?;
    let given = headers.get("x-app-version")?.to_str().ok()?;
    let (given, min) = (parse_version(given)?, parse_version(minimum)?);
    (given < min).then(|| minimum.to_owned())
}

fn bearer_is_admin(state: &AppState, headers: &HeaderMap) -> bool {
    headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| state.keys.verify_access(t.trim()).ok())
        .is_some_and(|c| matches!(c.role, Role::Admin | Role::SuperAdmin))
}

/// Which marketplace a path belongs to, by its API, app and partner paths.
/// Admin paths stay open so admins can still see and settle what exists.
pub fn switched_off(m: &Marketplaces, path: &str) -> bool {
    let store_scoped = |segments: &[&str]| {
        ["/api/v1/partner/stores/", "/partner/stores/"]
            .iter()
            .filter_map(|p| path.strip_prefix(p))
            .filter_map(|rest| rest.split('/').nth(1))
            .any(|seg| segments.contains(&seg))
    };
    let any = |prefixes: &[&str]| prefixes.iter().any(|p| under(path, p));
    let public_store = |segment: &str| {
        path.strip_prefix("/api/v1/stores/")
            .and_then(|rest| rest.split('/').nth(1))
            == Some(segment)
    };
    (!m.direct_orders
        && any(&[
            "/api/v1/cart",
            "/api/v1/checkout",
            "/app/cart",
            "/app/checkout",
        ]))
        || (!m.requests
            && (any(&["/api/v1/requests", "/app/requests"])
                || store_scoped(&["requests", "coverage"])))
        || (!m.bookings
            && (any(&["/api/v1/bookings", "/app/bookings", "/app/washes"])
                || public_store("services")
                || public_store("availability")
                || store_scoped(&[
                    "bookings",
                    "bookings-stats",
                    "booking-blocks",
                    "booking-schedule",
                    "service-items",
                    "services",
                    "schedule",
                ])))
        || (!m.repairs
            && any(&[
                "/api/v1/repairs",
                "/api/v1/repair-jobs",
                "/api/v1/rider",
                "/app/repairs",
                "/app/repair-jobs",
                "/rider",
            ]))
        || (!m.external_parts
            && any(&[
                "/api/v1/external-parts",
                "/api/v1/external-orders",
                "/app/external-parts",
                "/app/external-orders",
            ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_hide_their_marketplace_only() {
        let off = Marketplaces {
            bookings: false,
            ..Marketplaces::default()
        };
        for p in [
            "/api/v1/bookings",
            "/api/v1/bookings/x/status",
            "/api/v1/stores/abc/availability",
            "/api/v1/partner/stores/abc/bookings",
            "/app/washes",
            "/partner/stores/abc/schedule",
        ] {
            assert!(switched_off(&off, p), "{p}");
        }
        for p in [
            "/api/v1/admin/bookings",
            "/api/v1/stores/abc",
            "/api/v1/partner/stores/abc/orders",
            "/app/orders",
            "/api/v1/bookingsx",
        ] {
            assert!(!switched_off(&off, p), "{p}");
        }
    }
}
