//! What the customer's delivery card and the admins' shipping pages share:
//! a shipment's status, carrier, an event's source and a webhook call's
//! verdict as the suffix of their Fluent labels (`shp-status-…`,
//! `shp-carrier-…`, `shp-source-…`, `shp-verdict-…`) and their badge's tone.
//! An unknown slug falls back to a known one, so a raw slug never reaches
//! a page.

/// A shipment's statuses, in the order a parcel goes through them.
pub const STATUSES: [&str; 9] = [
    "pending",
    "created",
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "returned",
    "cancelled",
    "in_progress",
];

/// A shipment's status as its label's suffix; an unknown one is "in progress".
pub fn status(slug: &str) -> &'static str {
    STATUSES
        .iter()
        .copied()
        .find(|s| *s == slug)
        .unwrap_or("in_progress")
}

/// The badge's tone of a shipment's status: waiting, on its way (violet,
/// like a shipped order), delivered, or stopped.
pub fn status_badge(slug: &str) -> &'static str {
    match slug {
        "pending" => "warn",
        "created" | "in_progress" => "info",
        "picked_up" | "in_transit" | "out_for_delivery" => "shipped",
        "delivered" => "ok",
        "returned" | "cancelled" => "bad",
        _ => "info",
    }
}

/// Whether a shipment in this status is over (nothing moves it any more).
pub fn finished(slug: &str) -> bool {
    matches!(slug, "delivered" | "returned" | "cancelled")
}

/// The carrier as its label's suffix: OTO, or the local courier.
pub fn carrier(slug: &str) -> &'static str {
    if slug == app::shipping::model::OTO {
        "oto"
    } else {
        "local"
    }
}

/// Where an event came from, as its label's suffix.
pub fn source(slug: &str) -> &'static str {
    match slug {
        "webhook" => "webhook",
        "poll" => "poll",
        "store" => "store",
        "admin" => "admin",
        _ => "system",
    }
}

/// A webhook call's verdicts.
pub const VERDICTS: [&str; 6] = [
    "applied",
    "duplicate",
    "unauthorized",
    "bad_signature",
    "malformed",
    "unknown_order",
];

/// A verdict as its label's suffix; an unknown one reads as malformed.
pub fn verdict(slug: &str) -> &'static str {
    VERDICTS
        .iter()
        .copied()
        .find(|v| *v == slug)
        .unwrap_or("malformed")
}

/// The badge's tone of a verdict: applied is good news, a duplicate is
/// neutral, a refused call is bad, an unreadable or unknown one a warning.
pub fn verdict_badge(slug: &str) -> &'static str {
    match slug {
        "applied" => "ok",
        "duplicate" => "neutral",
        "unauthorized" | "bad_signature" => "bad",
        _ => "warn",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_has_a_label_in_both_languages() {
        for locale in [kernel::Locale::Ar, kernel::Locale::En] {
            let labels = STATUSES
                .iter()
                .map(|s| format!("shp-status-{s}"))
                .chain(VERDICTS.iter().map(|v| format!("shp-verdict-{v}")))
                .chain(
                    ["webhook", "poll", "store", "admin", "system"]
                        .iter()
                        .map(|s| format!("shp-source-{s}")),
                )
                .chain(["local", "oto"].iter().map(|c| format!("shp-carrier-{c}")));
            for key in labels {
                assert!(
                    kernel::i18n::try_t(locale, &key).is_some(),
                    "{key} in {locale:?}"
                );
            }
        }
    }

    #[test]
    fn unknown_slugs_fall_back() {
        assert_eq!(status("lost_in_space"), "in_progress");
        assert_eq!(status("out_for_delivery"), "out_for_delivery");
        assert_eq!(carrier("aramex"), "local");
        assert_eq!(carrier("oto"), "oto");
        assert_eq!(source("robot"), "system");
        assert_eq!(verdict("weird"), "malformed");
        assert_eq!(verdict_badge("duplicate"), "neutral");
        assert_eq!(status_badge("delivered"), "ok");
    }
}
