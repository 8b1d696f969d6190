use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    New,
    LikeNew,
    Used,
    Refurbished,
}

impl Condition {
    pub const ALL: [Condition; 4] = [
        Condition::New,
        Condition::LikeNew,
        Condition::Used,
        Condition::Refurbished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::New => "new",
            Condition::LikeNew => "like_new",
            Condition::Used => "used",
            Condition::Refurbished => "refurbished",
        }
    }

    pub fn from_db(s: &str) -> Condition {
        Condition::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .unwrap_or(Condition::Used)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductStatus {
    Draft,
    PendingApproval,
    Active,
    Rejected,
}

impl ProductStatus {
    pub const ALL: [ProductStatus; 4] = [
        ProductStatus::Draft,
        ProductStatus::PendingApproval,
        ProductStatus::Active,
        ProductStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProductStatus::Draft => "draft",
            ProductStatus::PendingApproval => "pending_approval",
            ProductStatus::Active => "active",
            ProductStatus::Rejected => "rejected",
        }
    }

    pub fn from_db(s: &str) -> ProductStatus {
        ProductStatus::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .unwrap_or(ProductStatus::Draft)
    }
}

/// The columns of `products` a write sets.
pub struct ProductFields<'a> {
    pub category_id: Option<Uuid>,
    pub name_ar: &'a str,
    pub name_en: &'a str,
    pub description_ar: &'a str,
    pub description_en: &'a str,
    pub condition: Condition,
    pub brand: Option<&'a str>,
    pub oem_numbers: &'a [String],
    pub price: i64,
    pub stock: i32,
    pub sku: Option<&'a str>,
}

/// Bilingual reference to another object.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NamedRef {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreRef {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub city: String,
    /// Average of 1–5 star reviews; null until the first review.
    pub rating: Option<f64>,
    pub rating_count: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageRef {
    pub id: Uuid,
    pub media_id: Uuid,
    pub url: String,
    pub thumb_url: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Variant {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub sku: Option<String>,
    /// Halalas.
    pub price: i64,
    pub stock: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fitment {
    pub make: NamedRef,
    pub model: Option<NamedRef>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
}

/// A product in search results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductCard {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// Halalas.
    pub price: i64,
    pub currency: &'static str,
    pub condition: Condition,
    pub brand: Option<String>,
    pub in_stock: bool,
    pub image: Option<ImageRef>,
    pub store: StoreRef,
    pub rating: Option<f64>,
    /// Present when the query gave `lat`/`lng`.
    pub distance_km: Option<f64>,
}

/// A product with everything a product page shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: Uuid,
    pub store_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub description_ar: String,
    pub description_en: String,
    pub category: Option<NamedRef>,
    pub condition: Condition,
    pub brand: Option<String>,
    pub oem_numbers: Vec<String>,
    /// Halalas.
    pub price: i64,
    pub currency: &'static str,
    pub stock: i32,
    pub sku: Option<String>,
    pub status: ProductStatus,
    pub rejection_reason: Option<String>,
    pub variants: Vec<Variant>,
    pub images: Vec<ImageRef>,
    pub fitment: Vec<Fitment>,
    pub store: StoreRef,
    pub rating: Option<f64>,
    pub rating_count: i32,
    /// On the public product: the store's promotion running now. One unit
    /// costs `price − promotion.unitDiscount`; a variant is priced by the
    /// same `kind`/`value` (never below 1 halala).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promotion: Option<crate::promotions::AppliedPromotion>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

pub const CURRENCY: &str = "SAR";

/// A product in the partner's and the admin's lists.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ProductSummary {
    pub id: Uuid,
    pub store: NamedRef,
    pub name_ar: String,
    pub name_en: String,
    /// Halalas.
    pub price: i64,
    pub currency: &'static str,
    pub stock: i32,
    pub condition: Condition,
    pub status: ProductStatus,
    pub rejection_reason: Option<String>,
    pub image: Option<ImageRef>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VariantInput {
    #[serde(default)]
    #[schema(required = true, min_length = 1, pattern = "\\S")]
    pub name_ar: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, pattern = "\\S")]
    pub name_en: String,
    pub sku: Option<String>,
    /// Halalas, at most 10,000,000,000 (100 million SAR).
    #[schema(minimum = 0, maximum = 10_000_000_000i64)]
    pub price: i64,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub stock: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FitmentInput {
    pub make_id: Uuid,
    pub model_id: Option<Uuid>,
    #[schema(minimum = 1950, maximum = 2100)]
    pub year_from: Option<i32>,
    /// Not before `yearFrom`.
    #[schema(minimum = 1950, maximum = 2100)]
    pub year_to: Option<i32>,
}

/// An OEM number in the document: at most 40 characters, at least one of
/// them a letter or digit.
pub struct OemNumber;

impl utoipa::PartialSchema for OemNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "At most 40 characters, at least one of them a letter or digit.",
            ))
            .max_length(Some(40))
            .pattern(Some("[A-Za-z0-9]"))
            .into()
    }
}

impl utoipa::ToSchema for OemNumber {}

/// `POST /partner/stores/{storeId}/products`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewProduct {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_ar: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_en: String,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description_ar: String,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description_en: String,
    pub category_id: Option<Uuid>,
    pub condition: Condition,
    pub brand: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<OemNumber>, max_items = 20)]
    pub oem_numbers: Vec<String>,
    /// Halalas, at most 10,000,000,000 (100 million SAR).
    #[schema(minimum = 0, maximum = 10_000_000_000i64)]
    pub price: i64,
    #[serde(default)]
    #[schema(minimum = 0)]
    pub stock: i32,
    pub sku: Option<String>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub variants: Vec<VariantInput>,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub fitment: Vec<FitmentInput>,
    /// Media ids of images uploaded with purpose `product_image`, in order.
    #[serde(default)]
    #[schema(max_items = 10)]
    pub image_ids: Vec<Uuid>,
    /// Send for approval at once (default) or keep as a draft.
    #[serde(default = "yes")]
    pub submit: bool,
}

fn yes() -> bool {
    true
}

/// `PATCH`: absent fields stay. Price and stock changes keep an active
/// product live; any other change sends it back for approval.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductPatch {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_en: Option<String>,
    #[schema(max_length = 5000)]
    pub description_ar: Option<String>,
    #[schema(max_length = 5000)]
    pub description_en: Option<String>,
    pub category_id: Option<Uuid>,
    pub condition: Option<Condition>,
    pub brand: Option<String>,
    #[schema(value_type = Option<Vec<OemNumber>>, max_items = 20)]
    pub oem_numbers: Option<Vec<String>>,
    /// Halalas, at most 10,000,000,000 (100 million SAR).
    #[schema(minimum = 0, maximum = 10_000_000_000i64)]
    pub price: Option<i64>,
    #[schema(minimum = 0)]
    pub stock: Option<i32>,
    pub sku: Option<String>,
    #[schema(max_items = 50)]
    pub variants: Option<Vec<VariantInput>>,
    #[schema(max_items = 100)]
    pub fitment: Option<Vec<FitmentInput>>,
    #[schema(max_items = 10)]
    pub image_ids: Option<Vec<Uuid>>,
}

impl ProductPatch {
    pub fn touches_content(&self) -> bool {
        self.name_ar.is_some()
            || self.name_en.is_some()
            || self.description_ar.is_some()
            || self.description_en.is_some()
            || self.category_id.is_some()
            || self.condition.is_some()
            || self.brand.is_some()
            || self.oem_numbers.is_some()
            || self.sku.is_some()
            || self.variants.is_some()
            || self.fitment.is_some()
            || self.image_ids.is_some()
    }
}

/// 100 million SAR in halalas.
const MAX_PRICE: i64 = 10_000_000_000;

fn check_names(e: &mut FieldErrors, ar: Option<&str>, en: Option<&str>) {
    if let Some(ar) = ar
        && e.required("nameAr", ar)
    {
        e.max_chars("nameAr", ar, 200);
    }
    if let Some(en) = en
        && e.required("nameEn", en)
    {
        e.max_chars("nameEn", en, 200);
    }
}

fn check_money(e: &mut FieldErrors, field: &str, price: i64) {
    if !(0..=MAX_PRICE).contains(&price) {
        e.add(
            field,
            Message::new("validation-range")
                .arg("min", 0i64)
                .arg("max", MAX_PRICE),
        );
    }
}

fn check_stock(e: &mut FieldErrors, field: &str, stock: i32) {
    if stock < 0 {
        e.add(field, Message::new("validation-min").arg("min", 0i64));
    }
}

fn check_lists(
    e: &mut FieldErrors,
    oem: Option<&[String]>,
    variants: Option<&[VariantInput]>,
    fitment: Option<&[FitmentInput]>,
    images: Option<&[Uuid]>,
) {
    if let Some(oem) = oem {
        if oem.len() > 20 {
            e.add(
                "oemNumbers",
                Message::new("products-too-many").arg("max", 20i64),
            );
        }
        for (i, n) in oem.iter().enumerate() {
            if kernel::text::compact_code(n).is_empty() || n.chars().count() > 40 {
                e.add(
                    format!("oemNumbers[{i}]"),
                    Message::new("products-oem-invalid"),
                );
            }
        }
    }
    if let Some(variants) = variants {
        if variants.len() > 50 {
            e.add(
                "variants",
                Message::new("products-too-many").arg("max", 50i64),
            );
        }
        for (i, v) in variants.iter().enumerate() {
            if v.name_ar.trim().is_empty() {
                e.add(
                    format!("variants[{i}].nameAr"),
                    Message::new("validation-required"),
                );
            }
            if v.name_en.trim().is_empty() {
                e.add(
                    format!("variants[{i}].nameEn"),
                    Message::new("validation-required"),
                );
            }
            check_money(e, &format!("variants[{i}].price"), v.price);
            check_stock(e, &format!("variants[{i}].stock"), v.stock);
        }
    }
    if let Some(fitment) = fitment {
        if fitment.len() > 100 {
            e.add(
                "fitment",
                Message::new("products-too-many").arg("max", 100i64),
            );
        }
        for (i, f) in fitment.iter().enumerate() {
            for (name, y) in [("yearFrom", f.year_from), ("yearTo", f.year_to)] {
                if let Some(y) = y
                    && !(1950..=2100).contains(&y)
                {
                    e.add(
                        format!("fitment[{i}].{name}"),
                        Message::new("validation-range")
                            .arg("min", 1950i64)
                            .arg("max", 2100i64),
                    );
                }
            }
            if let (Some(a), Some(b)) = (f.year_from, f.year_to)
                && b < a
            {
                e.add(
                    format!("fitment[{i}].yearTo"),
                    Message::new("products-year-order"),
                );
            }
        }
    }
    if let Some(images) = images
        && images.len() > 10
    {
        e.add(
            "imageIds",
            Message::new("products-too-many").arg("max", 10i64),
        );
    }
}

impl Validate for NewProduct {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_names(&mut e, Some(&self.name_ar), Some(&self.name_en));
        e.max_chars("descriptionAr", &self.description_ar, 5000);
        e.max_chars("descriptionEn", &self.description_en, 5000);
        check_money(&mut e, "price", self.price);
        check_stock(&mut e, "stock", self.stock);
        check_lists(
            &mut e,
            Some(&self.oem_numbers),
            Some(&self.variants),
            Some(&self.fitment),
            Some(&self.image_ids),
        );
        e.into_result()
    }
}

impl Validate for ProductPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_names(&mut e, self.name_ar.as_deref(), self.name_en.as_deref());
        if let Some(d) = &self.description_ar {
            e.max_chars("descriptionAr", d, 5000);
        }
        if let Some(d) = &self.description_en {
            e.max_chars("descriptionEn", d, 5000);
        }
        if let Some(p) = self.price {
            check_money(&mut e, "price", p);
        }
        if let Some(s) = self.stock {
            check_stock(&mut e, "stock", s);
        }
        check_lists(
            &mut e,
            self.oem_numbers.as_deref(),
            self.variants.as_deref(),
            self.fitment.as_deref(),
            self.image_ids.as_deref(),
        );
        e.into_result()
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rejection {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for Rejection {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("reason", &self.reason) {
            e.max_chars("reason", &self.reason, 500);
        }
        e.into_result()
    }
}

/// The first model year a fitment without a start is taken to cover.
pub const FIRST_YEAR: i32 = 1950;

/// Search keys of a product's fitment (see the `fitment_keys` migration):
/// `mk:` any fitment of a make, `md:` a fitment naming a model, `mw:` a
/// make-wide fitment, each bare and per year of its range.
pub fn fitment_keys(fitment: &[FitmentInput], current_year: i32) -> Vec<String> {
    let mut keys = Vec::new();
    for f in fitment {
        let from = f.year_from.unwrap_or(FIRST_YEAR);
        let to = f.year_to.unwrap_or(current_year + 1);
        let own = match f.model_id {
            Some(model) => format!("md:{model}"),
            None => format!("mw:{}", f.make_id),
        };
        keys.push(format!("mk:{}", f.make_id));
        keys.push(own.clone());
        for year in from..=to {
            keys.push(format!("mk:{}:{year}", f.make_id));
            keys.push(format!("{own}:{year}"));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}
