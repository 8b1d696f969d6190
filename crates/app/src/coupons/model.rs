use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

/// Longest list of stores or categories one coupon is limited to.
pub const MAX_SCOPE_IDS: usize = 200;
/// `POST /coupons/check` calls a user may make per hour (codes are not to be guessed).
pub const CHECKS_PER_HOUR: i64 = 60;

// ---------------------------------------------------------------- kinds

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CouponKind {
    /// `value` is basis points of the eligible subtotal (1000 = 10 %).
    Percent,
    /// `value` is halalas off.
    Fixed,
}

impl CouponKind {
    pub const ALLOWED: &'static str = "percent, fixed";

    pub fn as_str(self) -> &'static str {
        match self {
            CouponKind::Percent => "percent",
            CouponKind::Fixed => "fixed",
        }
    }

    pub fn parse(s: &str) -> Option<CouponKind> {
        match s {
            "percent" => Some(CouponKind::Percent),
            "fixed" => Some(CouponKind::Fixed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CouponScope {
    /// Every cart line.
    All,
    /// Lines of the stores in `scopeIds`.
    Stores,
    /// Lines of the categories in `scopeIds`.
    Categories,
}

impl CouponScope {
    pub const ALLOWED: &'static str = "all, stores, categories";

    pub fn as_str(self) -> &'static str {
        match self {
            CouponScope::All => "all",
            CouponScope::Stores => "stores",
            CouponScope::Categories => "categories",
        }
    }

    pub fn parse(s: &str) -> Option<CouponScope> {
        match s {
            "all" => Some(CouponScope::All),
            "stores" => Some(CouponScope::Stores),
            "categories" => Some(CouponScope::Categories),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------- checkout shapes

/// One cart line as the coupon sees it (net price × quantity, before VAT).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLine {
    pub store_id: Uuid,
    pub category_id: Option<Uuid>,
    pub amount: i64,
}

/// A coupon validated against a cart, not yet used up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouponQuote {
    pub coupon_id: Uuid,
    /// The code as stored (upper case).
    pub code: String,
    pub discount: i64,
    /// Discount allocated per line, same order and length as the lines given;
    /// sums to `discount`.
    pub per_line: Vec<i64>,
}

// ---------------------------------------------------------------- stored coupon

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CouponRow {
    pub id: Uuid,
    pub code: String,
    pub kind: String,
    pub value: i64,
    pub min_order: i64,
    pub max_discount: Option<i64>,
    pub starts_at: Option<OffsetDateTime>,
    pub ends_at: Option<OffsetDateTime>,
    pub scope: String,
    pub scope_ids: Vec<Uuid>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    pub used_count: i32,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub deleted_at: Option<OffsetDateTime>,
}

impl CouponRow {
    pub fn kind(&self) -> CouponKind {
        CouponKind::parse(&self.kind).unwrap_or(CouponKind::Fixed)
    }

    pub fn scope(&self) -> CouponScope {
        CouponScope::parse(&self.scope).unwrap_or(CouponScope::All)
    }

    /// The editable fields, as a patch starts from them.
    pub fn fields(&self) -> CouponFields {
        CouponFields {
            code: self.code.clone(),
            kind: self.kind(),
            value: self.value,
            min_order: self.min_order,
            max_discount: self.max_discount,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            scope: self.scope(),
            scope_ids: self.scope_ids.clone(),
            usage_limit: self.usage_limit,
            per_user_limit: self.per_user_limit,
            active: self.active,
        }
    }
}

/// A coupon as admins see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Coupon {
    pub id: Uuid,
    /// Stored in upper case; customers may type it in any case.
    pub code: String,
    pub kind: CouponKind,
    /// Basis points (percent) or halalas (fixed).
    pub value: i64,
    /// Least eligible subtotal, halalas.
    pub min_order: i64,
    /// Cap of the discount, halalas.
    pub max_discount: Option<i64>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub scope: CouponScope,
    /// Stores or categories of the scope; empty for `all`.
    pub scope_ids: Vec<Uuid>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    /// Uses so far (released uses given back).
    pub used_count: i32,
    pub active: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<CouponRow> for Coupon {
    fn from(r: CouponRow) -> Self {
        Coupon {
            kind: r.kind(),
            scope: r.scope(),
            id: r.id,
            code: r.code,
            value: r.value,
            min_order: r.min_order,
            max_discount: r.max_discount,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            scope_ids: r.scope_ids,
            usage_limit: r.usage_limit,
            per_user_limit: r.per_user_limit,
            used_count: r.used_count,
            active: r.active,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One use of a coupon, with who used it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CouponUsage {
    pub id: Uuid,
    pub user_id: Uuid,
    pub user_name: Option<String>,
    pub user_phone: String,
    pub checkout_id: Uuid,
    /// Halalas.
    pub discount: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the use was given back (every order of the checkout cancelled unpaid).
    #[serde(with = "time::serde::rfc3339::option")]
    pub released_at: Option<OffsetDateTime>,
}

// ---------------------------------------------------------------- queries

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CouponQuery {
    /// Part of the code, any case.
    #[param(max_length = 40)]
    pub q: Option<String>,
    pub active: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt`, `code`, `usedCount`, `endsAt`; `-` for descending.
    #[param(
        pattern = "^[-+]?(createdAt|code|usedCount|endsAt)(,[-+]?(createdAt|code|usedCount|endsAt))*$"
    )]
    pub sort: Option<String>,
}

pub const COUPON_SORTS: &[(&str, &str)] = &[
    ("createdAt", "created_at"),
    ("code", "code"),
    ("usedCount", "used_count"),
    ("endsAt", "ends_at"),
];
pub const COUPON_DEFAULT_ORDER: &str = "created_at DESC, id DESC";

impl CouponQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

impl Validate for CouponQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(COUPON_SORTS, COUPON_DEFAULT_ORDER, &mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 40);
        }
        e.into_result()
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UsageQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl UsageQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for UsageQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        e.into_result()
    }
}

// ---------------------------------------------------------------- write bodies

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// The fields of a coupon. On create `code`, `kind` and `value` are required;
/// on patch absent fields stay as they are and `null` clears the nullable ones.
/// `kind` and `scope` are read as text so that a wrong value is reported
/// together with every other failing field.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CouponInput {
    /// 3–40 Latin letters, digits, `-` or `_`; stored in upper case, unique in any case.
    #[schema(pattern = "^[A-Za-z0-9_-]{3,40}$")]
    pub code: Option<String>,
    #[schema(value_type = Option<CouponKind>)]
    pub kind: Option<String>,
    /// Basis points 1..=10000 for `percent`, halalas for `fixed`.
    #[schema(minimum = 1)]
    pub value: Option<i64>,
    /// Least eligible subtotal in halalas (default 0).
    #[schema(minimum = 0)]
    pub min_order: Option<i64>,
    /// Cap of the discount in halalas; `null` for none.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub max_discount: Option<Option<i64>>,
    /// RFC 3339; `null` for no start.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<Option<String>>,
    /// RFC 3339, after `startsAt`; `null` for no end.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<Option<String>>,
    /// Default `all`.
    #[schema(value_type = Option<CouponScope>)]
    pub scope: Option<String>,
    /// Live stores (`stores`) or categories (`categories`); required unless the scope is `all`.
    #[schema(max_items = 200)]
    pub scope_ids: Option<Vec<Uuid>>,
    /// Uses across all customers; `null` for no limit.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 2_147_483_647)]
    pub usage_limit: Option<Option<i64>>,
    /// Uses per customer; `null` for no limit.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 2_147_483_647)]
    pub per_user_limit: Option<Option<i64>>,
    /// Default true.
    pub active: Option<bool>,
}

/// A new coupon: `code`, `kind` and `value` required.
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct NewCoupon(pub CouponInput);

crate::doc::requiring!(
    NewCoupon,
    CouponInput,
    "A new coupon: `code`, `kind` and `value` required.",
    ["code": String, "kind": String, "value": Integer]
);

impl Validate for NewCoupon {
    fn validate(&self) -> Result<(), ApiError> {
        self.0.resolve(None).map(|_| ())
    }
}

impl Validate for CouponInput {
    /// Each present field on its own; the rules between fields are checked
    /// against the stored coupon by the service.
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.parse(&mut e, false);
        e.into_result()
    }
}

/// Every field of a coupon, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CouponFields {
    pub code: String,
    pub kind: CouponKind,
    pub value: i64,
    pub min_order: i64,
    pub max_discount: Option<i64>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub scope: CouponScope,
    pub scope_ids: Vec<Uuid>,
    pub usage_limit: Option<i32>,
    pub per_user_limit: Option<i32>,
    pub active: bool,
}

/// The present fields of an input, each parsed (`None` when absent or failing).
#[derive(Default)]
struct Parsed {
    code: Option<String>,
    kind: Option<CouponKind>,
    value: Option<i64>,
    min_order: Option<i64>,
    max_discount: Option<Option<i64>>,
    starts_at: Option<Option<OffsetDateTime>>,
    ends_at: Option<Option<OffsetDateTime>>,
    scope: Option<CouponScope>,
    scope_ids: Option<Vec<Uuid>>,
    usage_limit: Option<Option<i32>>,
    per_user_limit: Option<Option<i32>>,
}

/// Whether `code` is 3–40 Latin letters, digits, `-` or `_`.
pub fn valid_code(code: &str) -> bool {
    (3..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn limit(e: &mut FieldErrors, field: &str, v: Option<i64>) -> Option<Option<i32>> {
    match v {
        None => Some(None),
        Some(n) if (1..=i64::from(i32::MAX)).contains(&n) => Some(Some(n as i32)),
        Some(_) => {
            e.add(
                field,
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", i64::from(i32::MAX)),
            );
            None
        }
    }
}

fn instant(e: &mut FieldErrors, field: &str, v: Option<&str>) -> Option<Option<OffsetDateTime>> {
    match v.map(str::trim) {
        None => Some(None),
        Some(s) => match OffsetDateTime::parse(s, &Rfc3339) {
            Ok(t) => Some(Some(t)),
            Err(_) => {
                e.add(field, Message::new("coupons-validation-date"));
                None
            }
        },
    }
}

impl CouponInput {
    /// Checks each present field on its own (and, when creating, that the
    /// required ones are there).
    fn parse(&self, e: &mut FieldErrors, creating: bool) -> Parsed {
        let mut p = Parsed::default();
        let required = |e: &mut FieldErrors, field: &str| {
            if creating {
                e.add(field, Message::new("validation-required"));
            }
        };
        match self.code.as_deref().map(str::trim) {
            Some(c) if valid_code(c) => p.code = Some(c.to_ascii_uppercase()),
            Some("") => {
                e.add("code", Message::new("validation-required"));
            }
            Some(_) => {
                e.add("code", Message::new("coupons-validation-code"));
            }
            None => required(e, "code"),
        }
        match self.kind.as_deref() {
            Some(k) => match CouponKind::parse(k.trim()) {
                Some(k) => p.kind = Some(k),
                None => {
                    e.add(
                        "kind",
                        Message::new("validation-one-of").arg("allowed", CouponKind::ALLOWED),
                    );
                }
            },
            None => required(e, "kind"),
        }
        match self.value {
            Some(v) if v >= 1 => p.value = Some(v),
            Some(_) => {
                e.add("value", Message::new("validation-min").arg("min", 1i64));
            }
            None => required(e, "value"),
        }
        match self.min_order {
            Some(v) if v >= 0 => p.min_order = Some(v),
            Some(_) => {
                e.add("minOrder", Message::new("validation-min").arg("min", 0i64));
            }
            None => {}
        }
        match self.max_discount {
            Some(Some(v)) if v < 1 => {
                e.add(
                    "maxDiscount",
                    Message::new("validation-min").arg("min", 1i64),
                );
            }
            other => p.max_discount = other,
        }
        if let Some(v) = &self.starts_at {
            p.starts_at = instant(e, "startsAt", v.as_deref());
        }
        if let Some(v) = &self.ends_at {
            p.ends_at = instant(e, "endsAt", v.as_deref());
        }
        if let Some(s) = self.scope.as_deref() {
            match CouponScope::parse(s.trim()) {
                Some(s) => p.scope = Some(s),
                None => {
                    e.add(
                        "scope",
                        Message::new("validation-one-of").arg("allowed", CouponScope::ALLOWED),
                    );
                }
            }
        }
        if let Some(ids) = &self.scope_ids {
            if ids.len() > MAX_SCOPE_IDS {
                e.add(
                    "scopeIds",
                    Message::new("coupons-validation-too-many").arg("max", MAX_SCOPE_IDS),
                );
            } else {
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                p.scope_ids = Some(ids);
            }
        }
        if let Some(v) = self.usage_limit {
            p.usage_limit = limit(e, "usageLimit", v);
        }
        if let Some(v) = self.per_user_limit {
            p.per_user_limit = limit(e, "perUserLimit", v);
        }
        p
    }

    /// The coupon this input makes of `base` (a new coupon when `None`),
    /// checked field by field and as a whole; every failing field is named.
    /// Whether the scope's stores or categories exist is the service's check.
    pub fn resolve(&self, base: Option<&CouponFields>) -> Result<CouponFields, ApiError> {
        let mut e = FieldErrors::new();
        let p = self.parse(&mut e, base.is_none());
        let kind = p.kind.or(base.map(|b| b.kind));
        let value = p.value.or(base.map(|b| b.value));
        let starts_at = p.starts_at.unwrap_or(base.and_then(|b| b.starts_at));
        let ends_at = p.ends_at.unwrap_or(base.and_then(|b| b.ends_at));
        let scope = p
            .scope
            .or(base.map(|b| b.scope))
            .unwrap_or(CouponScope::All);
        if kind == Some(CouponKind::Percent)
            && let Some(v) = value
            && v > 10_000
        {
            e.add(
                "value",
                Message::new("coupons-validation-percent").arg("max", 10_000i64),
            );
        }
        if let (Some(s), Some(end)) = (starts_at, ends_at)
            && end <= s
            && !e.contains("startsAt")
            && !e.contains("endsAt")
        {
            e.add(
                "endsAt",
                Message::new("coupons-validation-ends-after-starts"),
            );
        }
        let scope_ids = match (scope, &p.scope_ids) {
            (CouponScope::All, Some(ids)) if !ids.is_empty() => {
                e.add(
                    "scopeIds",
                    Message::new("coupons-validation-scope-ids-unused"),
                );
                Vec::new()
            }
            (CouponScope::All, _) => Vec::new(),
            (_, Some(ids)) => ids.clone(),
            // A changed scope needs its own ids; the same scope keeps its ids.
            (s, None) => match base {
                Some(b) if b.scope == s => b.scope_ids.clone(),
                _ => Vec::new(),
            },
        };
        if scope != CouponScope::All && scope_ids.is_empty() && !e.contains("scopeIds") {
            e.add(
                "scopeIds",
                Message::new("coupons-validation-scope-ids-required"),
            );
        }
        e.into_result()?;
        let (Some(kind), Some(value)) = (kind, value) else {
            // Only reachable when a required field failed, which returned above.
            return Err(ApiError::field("kind", Message::new("validation-required")));
        };
        Ok(CouponFields {
            code: p.code.or(base.map(|b| b.code.clone())).unwrap_or_default(),
            kind,
            value,
            min_order: p.min_order.or(base.map(|b| b.min_order)).unwrap_or(0),
            max_discount: p.max_discount.unwrap_or(base.and_then(|b| b.max_discount)),
            starts_at,
            ends_at,
            scope,
            scope_ids,
            usage_limit: p.usage_limit.unwrap_or(base.and_then(|b| b.usage_limit)),
            per_user_limit: p
                .per_user_limit
                .unwrap_or(base.and_then(|b| b.per_user_limit)),
            active: self.active.or(base.map(|b| b.active)).unwrap_or(true),
        })
    }
}

/// `POST /coupons/check`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckRequest {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    pub code: String,
}

impl Validate for CheckRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("code", &self.code) {
            e.max_chars("code", &self.code, 100);
        }
        e.into_result()
    }
}

/// What a coupon would take off the caller's cart now.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    /// The code as stored.
    pub code: String,
    /// Halalas off, before VAT.
    pub discount: i64,
    /// Net subtotal of the cart lines the coupon applies to, halalas.
    pub eligible_subtotal: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<CouponFields, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_new_coupon_names_every_failing_field() {
        let input = CouponInput {
            code: Some("a b".into()),
            kind: Some("percent".into()),
            value: Some(20_000),
            min_order: Some(-1),
            starts_at: Some(Some("2026-02-01T00:00:00Z".into())),
            ends_at: Some(Some("2026-01-01T00:00:00Z".into())),
            scope: Some("stores".into()),
            usage_limit: Some(Some(0)),
            ..Default::default()
        };
        assert_eq!(
            fields(input.resolve(None)),
            [
                "code",
                "endsAt",
                "minOrder",
                "scopeIds",
                "usageLimit",
                "value"
            ]
        );
        assert_eq!(
            fields(CouponInput::default().resolve(None)),
            ["code", "kind", "value"]
        );
    }

    #[test]
    fn a_patch_is_checked_against_the_stored_coupon() {
        let base = CouponInput {
            code: Some("save-10".into()),
            kind: Some("fixed".into()),
            value: Some(50_000),
            scope: Some("stores".into()),
            scope_ids: Some(vec![Uuid::nil()]),
            ..Default::default()
        }
        .resolve(None)
        .unwrap();
        assert_eq!(base.code, "SAVE-10");
        assert!(base.active);
        let to_percent = CouponInput {
            kind: Some("percent".into()),
            ..Default::default()
        };
        assert_eq!(fields(to_percent.resolve(Some(&base))), ["value"]);
        let to_categories = CouponInput {
            scope: Some("categories".into()),
            ..Default::default()
        };
        assert_eq!(fields(to_categories.resolve(Some(&base))), ["scopeIds"]);
        let to_all = CouponInput {
            scope: Some("all".into()),
            max_discount: Some(Some(100)),
            ..Default::default()
        }
        .resolve(Some(&base))
        .unwrap();
        assert!(to_all.scope_ids.is_empty());
        assert_eq!(to_all.max_discount, Some(100));
        let cleared = CouponInput {
            max_discount: Some(None),
            ..Default::default()
        }
        .resolve(Some(&to_all))
        .unwrap();
        assert_eq!(cleared.max_discount, None);
    }

    #[test]
    fn codes_and_amounts() {
        assert!(valid_code("RAMADAN_25"));
        assert!(valid_code("ab-1"));
        assert!(!valid_code("ab"));
        assert!(!valid_code("خصم10"));
        assert!(!valid_code(&"x".repeat(41)));
    }
}
