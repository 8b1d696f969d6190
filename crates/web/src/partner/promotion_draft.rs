//! The promotion form's fields as typed: read from the posted form, shown
//! again next to their errors, and turned into the service's body.
//! Percentages are typed as percents (`20`, `12.5`), fixed amounts in SAR,
//! dates in Saudi time.

use uuid::Uuid;

use app::promotions::model::{MAX_PERCENT_BP, Promotion, PromotionInput, PromotionKind};
use kernel::FieldErrors;
use kernel::i18n::Message;

use crate::admin::common::{local_input, local_rfc3339, parse_percent, percent_input, sar_input};
use crate::forms::{Errors, Fields, parse_sar};

/// The form as typed (or as the promotion is), shown again with its errors.
pub struct Draft {
    pub name_ar: String,
    pub name_en: String,
    pub kind: String,
    pub value: String,
    pub product_ids: Vec<String>,
    pub category_ids: Vec<String>,
    pub starts_at: String,
    pub ends_at: String,
    pub active: bool,
    pub errors: Errors,
}

impl Draft {
    pub fn fresh() -> Draft {
        Draft {
            name_ar: String::new(),
            name_en: String::new(),
            kind: "percent".into(),
            value: String::new(),
            product_ids: Vec::new(),
            category_ids: Vec::new(),
            starts_at: String::new(),
            ends_at: String::new(),
            active: true,
            errors: Errors::none(),
        }
    }

    pub fn of_promotion(p: &Promotion) -> Draft {
        Draft {
            name_ar: p.name_ar.clone(),
            name_en: p.name_en.clone(),
            kind: p.kind.as_str().into(),
            value: match p.kind {
                PromotionKind::Percent => percent_input(p.value),
                PromotionKind::Fixed => sar_input(Some(p.value)),
            },
            product_ids: p.product_ids.iter().map(Uuid::to_string).collect(),
            category_ids: p.category_ids.iter().map(Uuid::to_string).collect(),
            starts_at: local_input(Some(p.starts_at)),
            ends_at: local_input(Some(p.ends_at)),
            active: p.active,
            errors: Errors::none(),
        }
    }

    pub fn of(f: &Fields) -> Draft {
        Draft {
            name_ar: f.get("name_ar"),
            name_en: f.get("name_en"),
            kind: f.get("kind"),
            value: f.get("value"),
            product_ids: f.all("product_ids"),
            category_ids: f.all("category_ids"),
            starts_at: f.get("starts_at"),
            ends_at: f.get("ends_at"),
            active: f.get("active") == "on",
            errors: Errors::none(),
        }
    }

    /// What the service is asked, and the fields that could not be read.
    /// A date left as the promotion had it (to the minute) is not sent, so
    /// an ended promotion can still be renamed.
    pub fn input(&self, before: Option<&Promotion>) -> (PromotionInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let value = if self.value.trim().is_empty() {
            e.add("value", Message::new("validation-required"));
            None
        } else if self.kind == "percent" {
            match parse_percent(&self.value) {
                Some(bp) if (1..=MAX_PERCENT_BP).contains(&bp) => Some(bp),
                _ => {
                    e.add("value", Message::new("web-promo-percent-invalid"));
                    None
                }
            }
        } else {
            match parse_sar(&self.value) {
                Some(h) if h > 0 => Some(h),
                _ => {
                    e.add("value", Message::new("web-price-invalid"));
                    None
                }
            }
        };
        let mut date = |field: &str, raw: &str, was: Option<time::OffsetDateTime>| {
            if was.is_some_and(|w| local_input(Some(w)) == raw.trim()) {
                return None;
            }
            match local_rfc3339(raw) {
                Ok(v) => v,
                Err(()) => {
                    e.add(field, Message::new("web-promo-date-invalid"));
                    None
                }
            }
        };
        let starts_at = date("startsAt", &self.starts_at, before.map(|b| b.starts_at));
        let ends_at = date("endsAt", &self.ends_at, before.map(|b| b.ends_at));
        let uuids = |v: &[String]| v.iter().filter_map(|s| Uuid::parse_str(s).ok()).collect();
        let input = PromotionInput {
            name_ar: Some(self.name_ar.clone()),
            name_en: Some(self.name_en.clone()),
            kind: Some(self.kind.clone()),
            value,
            product_ids: Some(uuids(&self.product_ids)),
            category_ids: Some(uuids(&self.category_ids)),
            starts_at,
            ends_at,
            active: Some(self.active),
        };
        (input, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: &str, value: &str) -> Draft {
        Draft {
            name_ar: "تخفيض".into(),
            name_en: "Sale".into(),
            kind: kind.into(),
            value: value.into(),
            starts_at: "2026-03-01T09:00".into(),
            ends_at: "2026-03-08T09:00".into(),
            ..Draft::fresh()
        }
    }

    #[test]
    fn percents_and_amounts_are_read_as_the_api_takes_them() {
        let (input, e) = draft("percent", "12.5").input(None);
        assert!(e.is_empty());
        assert_eq!(input.value, Some(1250));
        assert_eq!(
            input.starts_at.as_deref(),
            Some("2026-03-01T09:00:00+03:00")
        );
        let (input, e) = draft("fixed", "25").input(None);
        assert!(e.is_empty());
        assert_eq!(input.value, Some(2500));
        let (_, e) = draft("percent", "95").input(None);
        assert!(e.contains("value"));
        let (_, e) = draft("fixed", "0").input(None);
        assert!(e.contains("value"));
    }
}
