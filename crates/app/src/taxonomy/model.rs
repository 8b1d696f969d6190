use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

pub const SLUG_MAX: usize = 60;
pub const NAME_MAX: usize = 100;
pub const YEAR_MIN: i32 = 1950;
pub const SORT_MAX: i32 = 100_000;

/// The last model year an admin may enter: next year's models are on sale
/// from the autumn.
pub fn year_max() -> i32 {
    time::OffsetDateTime::now_utc().year() + 1
}

// ---- Read shapes -----------------------------------------------------------

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CarMake {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub sort_order: i32,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BodyType {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

/// A model as sold over a range of years; `yearTo` null: still sold.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CarModel {
    pub id: Uuid,
    pub make_id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub year_from: i32,
    pub year_to: Option<i32>,
    pub body_type: Option<BodyType>,
}

/// A `car_models` row joined with its (live) body type.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CarModelRow {
    pub id: Uuid,
    pub make_id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub year_from: i32,
    pub year_to: Option<i32>,
    pub body_type_id: Option<Uuid>,
    pub bt_slug: Option<String>,
    pub bt_name_ar: Option<String>,
    pub bt_name_en: Option<String>,
}

impl From<CarModelRow> for CarModel {
    fn from(r: CarModelRow) -> Self {
        let body_type = match (r.body_type_id, r.bt_slug, r.bt_name_ar, r.bt_name_en) {
            (Some(id), Some(slug), Some(name_ar), Some(name_en)) => Some(BodyType {
                id,
                slug,
                name_ar,
                name_en,
            }),
            _ => None,
        };
        CarModel {
            id: r.id,
            make_id: r.make_id,
            slug: r.slug,
            name_ar: r.name_ar,
            name_en: r.name_en,
            year_from: r.year_from,
            year_to: r.year_to,
            body_type,
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub sort_order: i32,
}

/// A category with its subcategories, in display order.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CategoryNode {
    #[serde(flatten)]
    pub category: Category,
    #[schema(no_recursion)]
    pub children: Vec<CategoryNode>,
}

/// Nests `rows` (already in display order) under their parents, starting at
/// `root` (`None`: the top-level categories). Rows whose parent is not among
/// `rows` are left out.
pub fn build_tree(rows: Vec<Category>, root: Option<Uuid>) -> Vec<CategoryNode> {
    type Levels = HashMap<Option<Uuid>, Vec<Category>>;
    fn take(levels: &mut Levels, parent: Option<Uuid>) -> Vec<CategoryNode> {
        let level = levels.remove(&parent).unwrap_or_default();
        let node = |category: Category| CategoryNode {
            children: take(levels, Some(category.id)),
            category,
        };
        level.into_iter().map(node).collect()
    }
    let mut levels = Levels::new();
    for r in rows {
        levels.entry(r.parent_id).or_default().push(r);
    }
    take(&mut levels, root)
}

// ---- Write bodies ----------------------------------------------------------

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn check_slug(e: &mut FieldErrors, value: &str) {
    let ok = !value.is_empty()
        && value.len() <= SLUG_MAX
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if e.required("slug", value) && !ok {
        e.add(
            "slug",
            Message::new("taxonomy-slug-format").arg("max", SLUG_MAX),
        );
    }
}

fn check_name(e: &mut FieldErrors, field: &str, value: &str) {
    if e.required(field, value) {
        e.max_chars(field, value, NAME_MAX);
    }
}

fn check_range(e: &mut FieldErrors, field: &str, value: i32, min: i32, max: i32) {
    if !(min..=max).contains(&value) {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", i64::from(min))
                .arg("max", i64::from(max)),
        );
    }
}

/// Slug and names of a new row: all required.
fn check_new(e: &mut FieldErrors, slug: &str, name_ar: &str, name_en: &str) {
    check_slug(e, slug);
    check_name(e, "nameAr", name_ar);
    check_name(e, "nameEn", name_en);
}

/// Slug and names of a patch: each checked when sent.
fn check_patch(
    e: &mut FieldErrors,
    slug: &Option<String>,
    ar: &Option<String>,
    en: &Option<String>,
) {
    if let Some(s) = slug {
        check_slug(e, s);
    }
    if let Some(n) = ar {
        check_name(e, "nameAr", n);
    }
    if let Some(n) = en {
        check_name(e, "nameEn", n);
    }
}

/// `yearFrom` within range and `yearTo` not before it; used for new models
/// and, after merging, for changed ones.
pub fn check_years(e: &mut FieldErrors, from: Option<i32>, to: Option<i32>) {
    let max = year_max();
    if let Some(f) = from {
        check_range(e, "yearFrom", f, YEAR_MIN, max);
    }
    if let Some(t) = to {
        check_range(e, "yearTo", t, YEAR_MIN, max);
        if let Some(f) = from.filter(|f| t < *f) {
            e.add(
                "yearTo",
                Message::new("taxonomy-year-to-before-from").arg("year", f.to_string()),
            );
        }
    }
}

/// A new car make.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewMake {
    /// Lowercase `a-z`, `0-9` and `-`, at most 60; unique among live makes.
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    /// Lower first; default 0.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: i32,
}

impl Validate for NewMake {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_new(&mut e, &self.slug, &self.name_ar, &self.name_en);
        check_range(&mut e, "sortOrder", self.sort_order, 0, SORT_MAX);
        e.into_result()
    }
}

/// Changes to a car make; absent fields stay as they are.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MakePatch {
    #[schema(min_length = 1, max_length = 60, pattern = "^[a-z0-9-]+$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: Option<i32>,
}

impl Validate for MakePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_patch(&mut e, &self.slug, &self.name_ar, &self.name_en);
        if let Some(s) = self.sort_order {
            check_range(&mut e, "sortOrder", s, 0, SORT_MAX);
        }
        e.into_result()
    }
}

/// A new body type.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewBodyType {
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
}

impl Validate for NewBodyType {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_new(&mut e, &self.slug, &self.name_ar, &self.name_en);
        e.into_result()
    }
}

/// Changes to a body type; absent fields stay as they are.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BodyTypePatch {
    #[schema(min_length = 1, max_length = 60, pattern = "^[a-z0-9-]+$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
}

impl Validate for BodyTypePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_patch(&mut e, &self.slug, &self.name_ar, &self.name_en);
        e.into_result()
    }
}

/// A new car model of a make.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewModel {
    #[schema(required = true, value_type = Uuid)]
    pub make_id: Option<Uuid>,
    /// Unique among the make's live models.
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    /// 1950 to next year.
    #[schema(required = true, value_type = i32, minimum = 1950)]
    pub year_from: Option<i32>,
    /// Absent or null: still sold; not before `yearFrom`.
    #[schema(minimum = 1950)]
    pub year_to: Option<i32>,
    pub body_type_id: Option<Uuid>,
}

impl Validate for NewModel {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.make_id.is_none() {
            e.add("makeId", Message::new("validation-required"));
        }
        check_new(&mut e, &self.slug, &self.name_ar, &self.name_en);
        if self.year_from.is_none() {
            e.add("yearFrom", Message::new("validation-required"));
        }
        check_years(&mut e, self.year_from, self.year_to);
        e.into_result()
    }
}

/// Changes to a car model; absent fields stay as they are, `null` clears
/// `yearTo` (still sold) and `bodyTypeId`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelPatch {
    pub make_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 60, pattern = "^[a-z0-9-]+$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    #[schema(minimum = 1950)]
    pub year_from: Option<i32>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i32>, minimum = 1950)]
    pub year_to: Option<Option<i32>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub body_type_id: Option<Option<Uuid>>,
}

impl Validate for ModelPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_patch(&mut e, &self.slug, &self.name_ar, &self.name_en);
        // Ranges only; the order of the two years is checked once merged
        // with the stored ones.
        if let Some(f) = self.year_from {
            check_range(&mut e, "yearFrom", f, YEAR_MIN, year_max());
        }
        if let Some(Some(t)) = self.year_to {
            check_range(&mut e, "yearTo", t, YEAR_MIN, year_max());
        }
        e.into_result()
    }
}

/// A new part category; no `parentId`: a top-level one.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCategory {
    pub parent_id: Option<Uuid>,
    /// Unique among all live categories.
    #[schema(
        required = true,
        min_length = 1,
        max_length = 60,
        pattern = "^[a-z0-9-]+$"
    )]
    #[serde(default)]
    pub slug: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_ar: String,
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: i32,
}

impl Validate for NewCategory {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_new(&mut e, &self.slug, &self.name_ar, &self.name_en);
        check_range(&mut e, "sortOrder", self.sort_order, 0, SORT_MAX);
        e.into_result()
    }
}

/// Changes to a category; absent fields stay as they are, `parentId: null`
/// makes it top-level.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
    #[schema(min_length = 1, max_length = 60, pattern = "^[a-z0-9-]+$")]
    pub slug: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub name_en: Option<String>,
    #[schema(minimum = 0, maximum = 100_000)]
    pub sort_order: Option<i32>,
}

impl Validate for CategoryPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_patch(&mut e, &self.slug, &self.name_ar, &self.name_en);
        if let Some(s) = self.sort_order {
            check_range(&mut e, "sortOrder", s, 0, SORT_MAX);
        }
        e.into_result()
    }
}
