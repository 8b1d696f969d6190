//! What the stores, coupons, cashback, reviews, admins and deletions pages
//! share: percentages from basis points, dates for forms, the answer to a
//! refused htmx action, and the stores and companies as names for filters.

use std::collections::HashMap;

use axum::response::Response;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use kernel::{ApiError, Locale};

use crate::chrome::WebCtx;

/// Saudi time, as the pages show and read dates.
const RIYADH: time::UtcOffset = time::macros::offset!(+3);

/// Basis points as a percentage in the page's digits: 1000 → `10%`,
/// 1250 → `12.5%`, 125 → `1.25%` (no sign; `c.pct` is for changes).
pub fn percent(locale: Locale, bp: i64) -> String {
    let digits = kernel::money::digits_of(locale);
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    let body = match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    };
    let sign = if digits == kernel::money::Digits::ArabicIndic {
        "\u{066A}"
    } else {
        "%"
    };
    format!("{}{sign}", kernel::money::with_digits(&body, digits))
}

/// Basis points as a form shows them (`12.5`), ASCII, for an `<input>`.
pub fn percent_input(bp: i64) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// A percentage typed in any digits (`12.5`, `١٢٫٥`) in basis points.
pub fn parse_percent(raw: &str) -> Option<i64> {
    crate::forms::parse_sar(raw)
}

/// Halalas as a form shows them (`45.50`); empty for none.
pub fn sar_input(halalas: Option<i64>) -> String {
    halalas.map(kernel::money::decimal).unwrap_or_default()
}

/// A moment as `datetime-local` wants it, in Saudi time.
pub fn local_input(at: Option<OffsetDateTime>) -> String {
    at.map(|t| {
        t.to_offset(RIYADH)
            .format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]"
            ))
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// A `datetime-local` value (Saudi time) as RFC 3339; `None` when empty,
/// `Err` when it is not a date and time.
pub fn local_rfc3339(raw: &str) -> Result<Option<String>, ()> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let with_seconds = if raw.len() == 16 {
        format!("{raw}:00")
    } else {
        raw.to_owned()
    };
    let at = time::PrimitiveDateTime::parse(
        &with_seconds,
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    )
    .map_err(|_| ())?;
    at.assume_offset(RIYADH)
        .format(&time::format_description::well_known::Rfc3339)
        .map(Some)
        .map_err(|_| ())
}

/// [`local_rfc3339`] as a moment.
pub fn local_moment(raw: &str) -> Result<Option<OffsetDateTime>, ()> {
    match local_rfc3339(raw)? {
        None => Ok(None),
        Some(s) => OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339)
            .map(Some)
            .map_err(|_| ()),
    }
}

/// A refused htmx action: the error page (for a plain request) that also
/// shows the service's message as an error toast.
pub fn refused(ctx: &WebCtx, e: ApiError) -> Response {
    let message = e.message().render(ctx.locale);
    crate::shared::with_toast(super::error_page(ctx, e), &message, "error")
}

/// A store as filters and other pages name it.
pub struct StoreName {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub city: String,
}

/// The stores by name (newest 100), for filters and for naming a review's
/// store; empty when the caller may not list stores (the page still works).
pub async fn store_names(state: &AppState, caller: &Caller) -> Vec<StoreName> {
    let q = app::stores::model::AdminStoreQuery {
        status: None,
        company_id: None,
        q: None,
        page: Some(1),
        per_page: Some(100),
        sort: Some("nameEn".into()),
    };
    app::stores::service::branches::admin_list(state, caller, &q)
        .await
        .map(|(list, _)| {
            list.into_iter()
                .map(|s| StoreName {
                    id: s.id,
                    name_ar: s.name_ar,
                    name_en: s.name_en,
                    city: s.city,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The companies' legal names by id (Arabic, English); empty when the
/// caller may not list companies.
pub async fn company_names(state: &AppState, caller: &Caller) -> HashMap<Uuid, (String, String)> {
    let q = app::stores::model::CompanyQuery {
        status: None,
        q: None,
        page: Some(1),
        per_page: Some(100),
        sort: None,
    };
    app::stores::service::companies::list(state, caller, &q)
        .await
        .map(|(list, _)| {
            list.into_iter()
                .map(|a| {
                    (
                        a.company.id,
                        (a.company.legal_name_ar, a.company.legal_name_en),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `?a=1&b=2` of the non-empty pairs, URL-encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::forms::urlencode(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basis_points_read_as_percentages() {
        assert_eq!(percent_input(1000), "10");
        assert_eq!(percent_input(1250), "12.5");
        assert_eq!(percent_input(125), "1.25");
        assert_eq!(percent_input(5), "0.05");
        assert_eq!(parse_percent("12.5"), Some(1250));
        assert_eq!(parse_percent("١٠"), Some(1000));
        assert_eq!(parse_percent("abc"), None);
    }

    #[test]
    fn local_dates_are_saudi_time() {
        assert_eq!(
            local_rfc3339("2026-05-01T10:00"),
            Ok(Some("2026-05-01T10:00:00+03:00".into()))
        );
        assert_eq!(local_rfc3339(""), Ok(None));
        assert!(local_rfc3339("tomorrow").is_err());
        let at = local_moment("2026-05-01T10:00").unwrap();
        assert_eq!(local_input(at), "2026-05-01T10:00");
    }
}
