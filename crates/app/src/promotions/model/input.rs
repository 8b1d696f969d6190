//! The write body of a promotion and its rules. A create needs every field
//! but `productIds`/`categoryIds` (one of them) and `active`; a patch
//! changes the present fields and the result is checked as a whole.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{
    MAX_CATEGORIES, MAX_DAYS, MAX_FIXED, MAX_NAME, MAX_PERCENT_BP, MAX_PRODUCTS, PromotionKind,
};

/// The fields of a promotion. `kind` is read as text so that a wrong value
/// is reported together with every other failing field.
#[derive(Debug, Default, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PromotionInput {
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name_en: Option<String>,
    #[schema(value_type = Option<PromotionKind>)]
    pub kind: Option<String>,
    /// Off each unit: basis points 1..=9000 for `percent` (2000 = 20 %),
    /// halalas for `fixed`. A unit never costs less than 1 halala.
    #[schema(minimum = 1, maximum = 10_000_000_000i64)]
    pub value: Option<i64>,
    /// Products of this store (another store's product is refused).
    #[schema(max_items = 200)]
    pub product_ids: Option<Vec<Uuid>>,
    /// Categories whose products of this store it covers (exact category).
    #[schema(max_items = 50)]
    pub category_ids: Option<Vec<Uuid>>,
    /// RFC 3339.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<String>,
    /// RFC 3339, after `startsAt`, at most 366 days after it, in the future.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<String>,
    /// Default true; false switches it off without deleting it.
    pub active: Option<bool>,
}

/// A new promotion.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(transparent)]
pub struct NewPromotion(pub PromotionInput);

crate::doc::requiring!(
    NewPromotion,
    PromotionInput,
    "A new promotion: names, `kind`, `value`, `startsAt`, `endsAt` and at least one of `productIds` / `categoryIds`.",
    ["nameAr": String, "nameEn": String, "kind": String, "value": Integer, "startsAt": String, "endsAt": String]
);

impl Validate for NewPromotion {
    fn validate(&self) -> Result<(), ApiError> {
        self.0.resolve(None).map(|_| ())
    }
}

impl Validate for PromotionInput {
    /// Each present field on its own; the whole is checked against the
    /// stored promotion by the service.
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.parse(&mut e, false);
        e.into_result()
    }
}

/// Every field of a promotion, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PromotionFields {
    pub name_ar: String,
    pub name_en: String,
    pub kind: PromotionKind,
    pub value: i64,
    pub product_ids: Vec<Uuid>,
    pub category_ids: Vec<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub active: bool,
}

/// The present fields, each parsed (`None` when absent or failing).
#[derive(Default)]
struct Parsed {
    name_ar: Option<String>,
    name_en: Option<String>,
    kind: Option<PromotionKind>,
    value: Option<i64>,
    product_ids: Option<Vec<Uuid>>,
    category_ids: Option<Vec<Uuid>>,
    starts_at: Option<OffsetDateTime>,
    ends_at: Option<OffsetDateTime>,
}

fn name(e: &mut FieldErrors, field: &str, v: Option<&str>, creating: bool) -> Option<String> {
    match v.map(str::trim) {
        None if creating => {
            e.add(field, Message::new("validation-required"));
            None
        }
        None => None,
        Some(s) => {
            if e.required(field, s) {
                e.max_chars(field, s, MAX_NAME);
            }
            Some(s.to_owned())
        }
    }
}

fn instant(
    e: &mut FieldErrors,
    field: &str,
    v: Option<&str>,
    creating: bool,
) -> Option<OffsetDateTime> {
    match v.map(str::trim) {
        None if creating => {
            e.add(field, Message::new("validation-required"));
            None
        }
        None => None,
        Some(s) => match OffsetDateTime::parse(s, &Rfc3339) {
            Ok(t) => Some(t),
            Err(_) => {
                e.add(field, Message::new("promotions-validation-date"));
                None
            }
        },
    }
}

fn ids(e: &mut FieldErrors, field: &str, v: Option<&Vec<Uuid>>, max: usize) -> Option<Vec<Uuid>> {
    let v = v?;
    if v.len() > max {
        e.add(
            field,
            Message::new("promotions-validation-too-many").arg("max", max),
        );
        return None;
    }
    let mut v = v.clone();
    v.sort();
    v.dedup();
    Some(v)
}

impl PromotionInput {
    fn parse(&self, e: &mut FieldErrors, creating: bool) -> Parsed {
        let mut p = Parsed {
            name_ar: name(e, "nameAr", self.name_ar.as_deref(), creating),
            name_en: name(e, "nameEn", self.name_en.as_deref(), creating),
            ..Parsed::default()
        };
        match self.kind.as_deref() {
            Some(k) => match PromotionKind::parse(k.trim()) {
                Some(k) => p.kind = Some(k),
                None => {
                    e.add(
                        "kind",
                        Message::new("validation-one-of").arg("allowed", PromotionKind::ALLOWED),
                    );
                }
            },
            None if creating => {
                e.add("kind", Message::new("validation-required"));
            }
            None => {}
        }
        match self.value {
            Some(v) if (1..=MAX_FIXED).contains(&v) => p.value = Some(v),
            Some(_) => {
                e.add(
                    "value",
                    Message::new("validation-range")
                        .arg("min", 1i64)
                        .arg("max", MAX_FIXED),
                );
            }
            None if creating => {
                e.add("value", Message::new("validation-required"));
            }
            None => {}
        }
        p.product_ids = ids(e, "productIds", self.product_ids.as_ref(), MAX_PRODUCTS);
        p.category_ids = ids(e, "categoryIds", self.category_ids.as_ref(), MAX_CATEGORIES);
        p.starts_at = instant(e, "startsAt", self.starts_at.as_deref(), creating);
        p.ends_at = instant(e, "endsAt", self.ends_at.as_deref(), creating);
        p
    }

    /// The promotion this input makes of `base` (a new one when `None`),
    /// checked field by field and as a whole; every failing field is named.
    /// Whether the products are the store's, the categories exist and the
    /// end is still to come is the service's check.
    pub fn resolve(&self, base: Option<&PromotionFields>) -> Result<PromotionFields, ApiError> {
        let mut e = FieldErrors::new();
        let p = self.parse(&mut e, base.is_none());
        let kind = p.kind.or(base.map(|b| b.kind));
        let value = p.value.or(base.map(|b| b.value));
        if kind == Some(PromotionKind::Percent)
            && let Some(v) = value
            && v > MAX_PERCENT_BP
            && !e.contains("value")
        {
            e.add(
                "value",
                Message::new("promotions-validation-percent").arg("max", MAX_PERCENT_BP),
            );
        }
        let product_ids = p
            .product_ids
            .or(base.map(|b| b.product_ids.clone()))
            .unwrap_or_default();
        let category_ids = p
            .category_ids
            .or(base.map(|b| b.category_ids.clone()))
            .unwrap_or_default();
        if product_ids.is_empty()
            && category_ids.is_empty()
            && !e.contains("productIds")
            && !e.contains("categoryIds")
        {
            e.add(
                "productIds",
                Message::new("promotions-validation-scope-required"),
            );
        }
        let starts_at = p.starts_at.or(base.map(|b| b.starts_at));
        let ends_at = p.ends_at.or(base.map(|b| b.ends_at));
        if let (Some(s), Some(end)) = (starts_at, ends_at)
            && !e.contains("startsAt")
            && !e.contains("endsAt")
        {
            if end <= s {
                e.add(
                    "endsAt",
                    Message::new("promotions-validation-ends-after-starts"),
                );
            } else if end - s > time::Duration::days(MAX_DAYS) {
                e.add(
                    "endsAt",
                    Message::new("promotions-validation-too-long").arg("max", MAX_DAYS),
                );
            }
        }
        e.into_result()?;
        let (Some(kind), Some(value), Some(starts_at), Some(ends_at)) =
            (kind, value, starts_at, ends_at)
        else {
            // Only reachable when a required field failed, which returned above.
            return Err(ApiError::field("kind", Message::new("validation-required")));
        };
        let text =
            |new: Option<String>, old: Option<&String>| new.or(old.cloned()).unwrap_or_default();
        Ok(PromotionFields {
            name_ar: text(p.name_ar, base.map(|b| &b.name_ar)),
            name_en: text(p.name_en, base.map(|b| &b.name_en)),
            kind,
            value,
            product_ids,
            category_ids,
            starts_at,
            ends_at,
            active: self.active.or(base.map(|b| b.active)).unwrap_or(true),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<PromotionFields, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    fn valid() -> PromotionInput {
        PromotionInput {
            name_ar: Some("تخفيض".into()),
            name_en: Some("Sale".into()),
            kind: Some("percent".into()),
            value: Some(2000),
            product_ids: Some(vec![Uuid::nil(), Uuid::nil()]),
            category_ids: None,
            starts_at: Some("2026-03-01T00:00:00+03:00".into()),
            ends_at: Some("2026-03-10T00:00:00+03:00".into()),
            active: None,
        }
    }

    #[test]
    fn a_new_promotion_names_every_failing_field() {
        let bad = PromotionInput {
            name_ar: Some("  ".into()),
            kind: Some("bogo".into()),
            value: Some(0),
            product_ids: Some(Vec::new()),
            starts_at: Some("2026-03-10T00:00:00Z".into()),
            ends_at: Some("2026-03-01T00:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(
            fields(bad.resolve(None)),
            ["endsAt", "kind", "nameAr", "nameEn", "productIds", "value"]
        );
        assert_eq!(
            fields(PromotionInput::default().resolve(None)),
            [
                "endsAt",
                "kind",
                "nameAr",
                "nameEn",
                "productIds",
                "startsAt",
                "value"
            ]
        );
    }

    #[test]
    fn percent_is_capped_and_the_window_bounded() {
        let p = valid().resolve(None).unwrap();
        assert_eq!(p.product_ids, [Uuid::nil()], "ids are deduplicated");
        assert!(p.active);
        let too_much = PromotionInput {
            value: Some(9_001),
            ..valid()
        };
        assert_eq!(fields(too_much.resolve(None)), ["value"]);
        let fixed = PromotionInput {
            kind: Some("fixed".into()),
            value: Some(9_001),
            ..valid()
        };
        assert!(fixed.resolve(None).is_ok());
        let long = PromotionInput {
            ends_at: Some("2027-03-03T00:00:00+03:00".into()),
            ..valid()
        };
        assert_eq!(fields(long.resolve(None)), ["endsAt"]);
    }

    #[test]
    fn a_patch_is_checked_against_the_stored_promotion() {
        let base = PromotionInput {
            kind: Some("fixed".into()),
            value: Some(50_000),
            ..valid()
        }
        .resolve(None)
        .unwrap();
        let to_percent = PromotionInput {
            kind: Some("percent".into()),
            ..Default::default()
        };
        assert_eq!(fields(to_percent.resolve(Some(&base))), ["value"]);
        let earlier_end = PromotionInput {
            ends_at: Some("2026-02-01T00:00:00Z".into()),
            ..Default::default()
        };
        assert_eq!(fields(earlier_end.resolve(Some(&base))), ["endsAt"]);
        let off = PromotionInput {
            active: Some(false),
            name_en: Some(" Eid ".into()),
            ..Default::default()
        }
        .resolve(Some(&base))
        .unwrap();
        assert!(!off.active);
        assert_eq!(off.name_en, "Eid");
        assert_eq!(off.value, 50_000);
    }
}
