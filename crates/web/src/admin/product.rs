//! One product's page for reviewers (`products.approve`): images, both
//! names and descriptions, store, category, condition, price, stock,
//! variants, fitment and OEM numbers, and its review card, whose approve
//! and reject buttons go through the review queue's own actions.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use app::AppState;
use app::products::model::Product;
use app::products::service as products;
use kernel::ids::parse_id;

use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::signin;

/// The id of the review card, which approve and reject swap (their `HX-Target`).
pub const REVIEW_CARD: &str = "product-review";

/// The review card: status, why it was rejected, and the decision buttons.
pub struct Review {
    id: String,
    status: &'static str,
    reason: Option<String>,
    updated: String,
}

impl Review {
    fn of(ctx: &WebCtx, p: &Product) -> Review {
        Review {
            id: p.id.to_string(),
            status: p.status.as_str(),
            reason: p.rejection_reason.clone().filter(|r| !r.trim().is_empty()),
            updated: crate::shared::when(ctx.locale, p.updated_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/product_review.html")]
struct ReviewCard {
    c: Chrome,
    base: &'static str,
    review: Review,
    /// With the page's status badge, swapped out of band.
    oob: bool,
}

/// The review card as the page shows it (also the answer of its actions).
pub fn review_card(ctx: &WebCtx, csrf: &str, p: &Product) -> Response {
    ReviewCard {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        review: Review::of(ctx, p),
        oob: true,
    }
    .into_response()
}

pub struct VariantView {
    name_ar: String,
    name_en: String,
    sku: String,
    price: i64,
    stock: i64,
}

pub struct FitView {
    make_ar: String,
    make_en: String,
    /// Empty: every model of the make.
    model_ar: String,
    model_en: String,
    /// Empty: every year.
    years: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/product.html")]
struct ProductPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    name_ar: String,
    name_en: String,
    description_ar: String,
    description_en: String,
    store_id: String,
    store_ar: String,
    store_en: String,
    store_city: String,
    /// Empty: no category.
    category_ar: String,
    category_en: String,
    condition: &'static str,
    brand: String,
    sku: String,
    oem: Vec<String>,
    price: i64,
    stock: i64,
    status: &'static str,
    created: String,
    /// Media ids of the images, in order.
    images: Vec<String>,
    variants: Vec<VariantView>,
    fitment: Vec<FitView>,
    review: Review,
    oob: bool,
}

/// A year range as people write it: `2012–2024`, `2012–` (still made), or
/// empty for every year; in the page's digits.
fn years(ctx: &WebCtx, from: Option<i32>, to: Option<i32>) -> String {
    let text = match (from, to) {
        (None, None) => String::new(),
        (Some(f), Some(t)) if f == t => f.to_string(),
        (f, t) => format!(
            "{}–{}",
            f.map(|y| y.to_string()).unwrap_or_default(),
            t.map(|y| y.to_string()).unwrap_or_default()
        ),
    };
    kernel::money::with_digits(&text, kernel::money::digits_of(ctx.locale))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let found = match parse_id(&id) {
        Ok(id) => products::admin_get(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    let p = match found {
        Ok(p) => p,
        Err(e) => return error_page(&ctx, e),
    };
    ProductPage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "products",
        review: Review::of(&ctx, &p),
        oob: false,
        name_ar: p.name_ar,
        name_en: p.name_en,
        description_ar: p.description_ar,
        description_en: p.description_en,
        store_id: p.store.id.to_string(),
        store_ar: p.store.name_ar,
        store_en: p.store.name_en,
        store_city: p.store.city,
        category_ar: p
            .category
            .as_ref()
            .map(|c| c.name_ar.clone())
            .unwrap_or_default(),
        category_en: p.category.map(|c| c.name_en).unwrap_or_default(),
        condition: p.condition.as_str(),
        brand: p.brand.unwrap_or_default(),
        sku: p.sku.unwrap_or_default(),
        oem: p.oem_numbers,
        price: p.price,
        stock: i64::from(p.stock),
        status: p.status.as_str(),
        created: crate::shared::when(ctx.locale, p.created_at),
        images: p.images.iter().map(|i| i.media_id.to_string()).collect(),
        variants: p
            .variants
            .into_iter()
            .map(|v| VariantView {
                name_ar: v.name_ar,
                name_en: v.name_en,
                sku: v.sku.unwrap_or_default(),
                price: v.price,
                stock: i64::from(v.stock),
            })
            .collect(),
        fitment: p
            .fitment
            .into_iter()
            .map(|f| FitView {
                years: years(&ctx, f.year_from, f.year_to),
                make_ar: f.make.name_ar,
                make_en: f.make.name_en,
                model_ar: f
                    .model
                    .as_ref()
                    .map(|m| m.name_ar.clone())
                    .unwrap_or_default(),
                model_en: f.model.map(|m| m.name_en).unwrap_or_default(),
            })
            .collect(),
    }
    .into_response()
}
