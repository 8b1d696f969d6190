//! A store's products with their status, sending drafts and rejected ones
//! for approval (htmx), and the two small parts of the fitment picker.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::products::model::{Product, ProductStatus, ProductSummary};
use app::products::service as products;
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::{ApiError, FieldErrors};

use super::product_draft::FitRow;
use super::product_form::{MakeOption, make_options};
use super::{StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Errors;
use crate::shared::{self, Pager};
use crate::signin;

pub struct Row {
    id: String,
    name_ar: String,
    name_en: String,
    price: i64,
    stock: i64,
    status: &'static str,
    reason: Option<String>,
    image: Option<String>,
}

impl Row {
    /// Drafts and rejected products wait for their store to send them.
    fn can_submit(&self) -> bool {
        self.status == ProductStatus::Draft.as_str()
            || self.status == ProductStatus::Rejected.as_str()
    }
}

impl From<ProductSummary> for Row {
    fn from(p: ProductSummary) -> Row {
        Row {
            id: p.id.to_string(),
            name_ar: p.name_ar,
            name_en: p.name_en,
            price: p.price,
            stock: i64::from(p.stock),
            status: p.status.as_str(),
            reason: p.rejection_reason,
            image: p.image.map(|i| i.media_id.to_string()),
        }
    }
}

impl From<Product> for Row {
    fn from(p: Product) -> Row {
        Row {
            id: p.id.to_string(),
            name_ar: p.name_ar,
            name_en: p.name_en,
            price: p.price,
            stock: i64::from(p.stock),
            status: p.status.as_str(),
            reason: p.rejection_reason,
            image: p.images.first().map(|i| i.media_id.to_string()),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/products.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    statuses: Vec<(&'static str, bool)>,
    all_selected: bool,
    total: i64,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
    #[serde(default)]
    status: String,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
    Query(f): Query<Filter>,
) -> Response {
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let status = ProductStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == f.status);
    let page = PageQuery {
        page: f.page,
        per_page: Some(20),
        sort: None,
    }
    .check(&mut FieldErrors::new());
    let (items, meta) = match products::partner_list(&state, &caller, store_id, status, page).await
    {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.partner_base();
    let status_param = status.map_or("", ProductStatus::as_str);
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/stores/{store_id}/products?status={status_param}&page={p}")
    });
    ListPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "stores",
        store: nav,
        statuses: ProductStatus::ALL
            .iter()
            .map(|s| (s.as_str(), Some(*s) == status))
            .collect(),
        all_selected: status.is_none(),
        total: meta.total,
        rows: items.into_iter().map(Row::from).collect(),
        pager,
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/product_row.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    row: Row,
}

/// Sends a draft or rejected product for approval; answers its new row.
pub async fn submit(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match products::submit(&state, &caller, store_id, id).await {
        Ok(p) => shared::with_toast(
            RowFragment {
                c: chrome(&ctx, &csrf),
                base: ctx.partner_base(),
                store: nav,
                row: Row::from(p),
            }
            .into_response(),
            &kernel::i18n::t(ctx.locale, "ds-toast-product-submitted"),
            "success",
        ),
        Err(e @ (ApiError::Conflict { .. } | ApiError::Forbidden)) => {
            let message = Errors::from_api(&e, ctx.locale).form.unwrap_or_default();
            shared::inline_error(&format!("#product-{id} .row-error"), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Deletes a product of the store (`products.manage`): it leaves the
/// catalog; orders that sold it keep their lines. The row goes, with a toast.
pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, _) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match products::delete(&state, &caller, store_id, id).await {
        Ok(()) => shared::with_toast(
            axum::response::Html(String::new()).into_response(),
            &kernel::i18n::t(ctx.locale, "ds-toast-product-deleted"),
            "success",
        ),
        Err(e @ (ApiError::Conflict { .. } | ApiError::Forbidden)) => {
            let message = Errors::from_api(&e, ctx.locale).form.unwrap_or_default();
            shared::inline_error(&format!("#product-{id} .row-error"), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/model_options.html")]
struct ModelOptions {
    c: Chrome,
    row: FitRow,
}

#[derive(Deserialize)]
pub struct MakeChoice {
    #[serde(default)]
    fit_make: String,
}

/// The `<option>`s of the models of the make a fitment row chose (htmx).
pub async fn models(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed {
        caller: _, csrf, ..
    }: super::Session,
    Query(q): Query<MakeChoice>,
) -> Response {
    let mut row = FitRow {
        make: q.fit_make,
        ..FitRow::default()
    };
    if let Err(e) = row.load_models(&state).await {
        return error_page(&ctx, e);
    }
    ModelOptions {
        c: chrome(&ctx, &csrf),
        row,
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/fitment_row.html")]
struct FitmentRow {
    c: Chrome,
    base: &'static str,
    makes: Vec<MakeOption>,
    row: FitRow,
}

/// One more, empty fitment row (htmx).
pub async fn fitment_row(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed {
        caller: _, csrf, ..
    }: super::Session,
) -> Response {
    match make_options(&state).await {
        Ok(makes) => FitmentRow {
            c: chrome(&ctx, &csrf),
            base: ctx.partner_base(),
            makes,
            row: FitRow::default(),
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}
