//! Store promotions' rows and API shapes; the write body and its rules are
//! in `model/input.rs`.

mod input;

pub use input::{NewPromotion, PromotionFields, PromotionInput};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::ApiError;
use kernel::FieldErrors;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;

/// Most percent a promotion takes off (basis points): a store sale, not a giveaway.
pub const MAX_PERCENT_BP: i64 = 9_000;
/// Most halalas a fixed promotion takes off a unit (the products' price cap).
pub const MAX_FIXED: i64 = 10_000_000_000;
/// Longest window of one promotion.
pub const MAX_DAYS: i64 = 366;
pub const MAX_NAME: usize = 120;
pub const MAX_PRODUCTS: usize = 200;
pub const MAX_CATEGORIES: usize = 50;
/// Live (not deleted) promotions one store may hold: pricing reads a store's
/// running ones for every cart, so their number is bounded.
pub const MAX_PER_STORE: i64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PromotionKind {
    /// `value` is basis points off each unit (2000 = 20 %), 1..=9000.
    Percent,
    /// `value` is halalas off each unit.
    Fixed,
}

impl PromotionKind {
    pub const ALLOWED: &'static str = "percent, fixed";

    pub fn as_str(self) -> &'static str {
        match self {
            PromotionKind::Percent => "percent",
            PromotionKind::Fixed => "fixed",
        }
    }

    pub fn parse(s: &str) -> Option<PromotionKind> {
        match s {
            "percent" => Some(PromotionKind::Percent),
            "fixed" => Some(PromotionKind::Fixed),
            _ => None,
        }
    }
}

/// Where a promotion stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PromotionState {
    /// Switched off by the store.
    Inactive,
    /// Active, its window not begun.
    Scheduled,
    /// Active and inside its window: it prices carts now.
    Running,
    /// Its window is over.
    Ended,
}

impl PromotionState {
    pub fn as_str(self) -> &'static str {
        match self {
            PromotionState::Inactive => "inactive",
            PromotionState::Scheduled => "scheduled",
            PromotionState::Running => "running",
            PromotionState::Ended => "ended",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PromotionRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub kind: String,
    pub value: i64,
    pub product_ids: Vec<Uuid>,
    pub category_ids: Vec<Uuid>,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub active: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl PromotionRow {
    pub fn kind(&self) -> PromotionKind {
        PromotionKind::parse(&self.kind).unwrap_or(PromotionKind::Fixed)
    }

    /// The editable fields, as a patch starts from them.
    pub fn fields(&self) -> PromotionFields {
        PromotionFields {
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
            kind: self.kind(),
            value: self.value,
            product_ids: self.product_ids.clone(),
            category_ids: self.category_ids.clone(),
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            active: self.active,
        }
    }

    pub fn terms(&self) -> super::calc::Terms {
        super::calc::Terms {
            id: self.id,
            store_id: self.store_id,
            kind: self.kind(),
            value: self.value,
            product_ids: self.product_ids.clone(),
            category_ids: self.category_ids.clone(),
            ends_at: self.ends_at,
        }
    }
}

/// A promotion as its store sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Promotion {
    pub id: Uuid,
    pub store_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub kind: PromotionKind,
    /// Basis points (percent) or halalas (fixed) off each unit.
    pub value: i64,
    /// Products of the store it applies to.
    pub product_ids: Vec<Uuid>,
    /// Categories whose products of the store it applies to.
    pub category_ids: Vec<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub active: bool,
    pub state: PromotionState,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Promotion {
    pub fn of(r: PromotionRow, now: OffsetDateTime) -> Promotion {
        let state = if !r.active {
            PromotionState::Inactive
        } else if now < r.starts_at {
            PromotionState::Scheduled
        } else if now >= r.ends_at {
            PromotionState::Ended
        } else {
            PromotionState::Running
        };
        Promotion {
            kind: r.kind(),
            state,
            id: r.id,
            store_id: r.store_id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            value: r.value,
            product_ids: r.product_ids,
            category_ids: r.category_ids,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            active: r.active,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The store promotion pricing a unit: what it is and what it takes off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AppliedPromotion {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub kind: PromotionKind,
    /// Basis points or halalas, as on the promotion (variants are priced by the same terms).
    pub value: i64,
    /// Halalas off one unit of the priced item.
    pub unit_discount: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub ends_at: OffsetDateTime,
}

// ---------------------------------------------------------------- list query

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PromotionQuery {
    pub active: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt`, `startsAt`, `endsAt`; `-` for descending.
    #[param(pattern = "^[-+]?(createdAt|startsAt|endsAt)(,[-+]?(createdAt|startsAt|endsAt))*$")]
    pub sort: Option<String>,
}

pub const PROMOTION_SORTS: &[(&str, &str)] = &[
    ("createdAt", "created_at"),
    ("startsAt", "starts_at"),
    ("endsAt", "ends_at"),
];
pub const PROMOTION_DEFAULT_ORDER: &str = "created_at DESC, id DESC";

impl PromotionQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

impl Validate for PromotionQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(PROMOTION_SORTS, PROMOTION_DEFAULT_ORDER, &mut e);
        e.into_result()
    }
}
