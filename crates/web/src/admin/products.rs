//! The product review queue: products by status (waiting for approval by
//! default), approve or reject with a reason (htmx, row by row).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::products::model::{Product, ProductStatus, ProductSummary, Rejection};
use app::products::service as products;
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, prompt};
use crate::shared::{self, Pager};
use crate::signin;

pub struct Row {
    id: String,
    name_ar: String,
    name_en: String,
    store_ar: String,
    store_en: String,
    price: i64,
    status: &'static str,
    reason: Option<String>,
    /// The media id of the first image.
    image: Option<String>,
    date: String,
}

impl From<ProductSummary> for Row {
    fn from(p: ProductSummary) -> Row {
        Row {
            id: p.id.to_string(),
            name_ar: p.name_ar,
            name_en: p.name_en,
            store_ar: p.store.name_ar,
            store_en: p.store.name_en,
            price: p.price,
            status: p.status.as_str(),
            reason: p.rejection_reason,
            image: p.image.map(|i| i.media_id.to_string()),
            date: p.submitted_at.unwrap_or(p.updated_at).date().to_string(),
        }
    }
}

impl From<Product> for Row {
    fn from(p: Product) -> Row {
        Row {
            id: p.id.to_string(),
            name_ar: p.name_ar,
            name_en: p.name_en,
            store_ar: p.store.name_ar,
            store_en: p.store.name_en,
            price: p.price,
            status: p.status.as_str(),
            reason: p.rejection_reason,
            image: p.images.first().map(|i| i.media_id.to_string()),
            date: p.updated_at.date().to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/products.html")]
struct QueuePage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    statuses: Vec<(&'static str, bool)>,
    /// The waiting tab: rows can be chosen and decided together.
    pending: bool,
    total: i64,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
    status: Option<String>,
    page: Option<u32>,
}

pub async fn queue(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let status = ProductStatus::ALL
        .into_iter()
        .find(|s| Some(s.as_str()) == f.status.as_deref())
        .unwrap_or(ProductStatus::PendingApproval);
    let page = PageQuery {
        page: f.page,
        per_page: Some(20),
        sort: None,
    }
    .check(&mut FieldErrors::new());
    let (items, meta) = match products::review_queue(&state, &caller, status, page).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let pager = Pager::new(&ctx, &meta, |p| {
        format!("{base}/products?status={}&page={p}", status.as_str())
    });
    QueuePage {
        c: chrome(&ctx, &csrf),
        base,
        section: "products",
        statuses: ProductStatus::ALL
            .iter()
            .map(|s| (s.as_str(), *s == status))
            .collect(),
        pending: status == ProductStatus::PendingApproval,
        total: meta.total,
        rows: items.into_iter().map(Row::from).collect(),
        pager,
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/product_row.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    row: Row,
}

async fn review(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    approve: bool,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(id) {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let result = if approve {
        products::review(state, &caller, id, true, None).await
    } else {
        let body = Rejection {
            reason: prompt(headers),
        };
        match body.validate() {
            Ok(()) => products::review(state, &caller, id, false, Some(body.reason.trim())).await,
            Err(e) => Err(e),
        }
    };
    match result {
        Ok(p) => crate::shared::with_toast(
            // The product's page swaps its review card; the queue, the row.
            if super::hx::target(headers) == super::product::REVIEW_CARD {
                super::product::review_card(ctx, &csrf, &p)
            } else {
                RowFragment {
                    c: chrome(ctx, &csrf),
                    base: ctx.admin_base(),
                    row: Row::from(p),
                }
                .into_response()
            },
            &kernel::i18n::t(
                ctx.locale,
                if approve {
                    "ds-toast-product-approved"
                } else {
                    "ds-toast-product-rejected"
                },
            ),
            "success",
        ),
        // The row stays as it is; its message cell says why nothing changed.
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let message = Some(errors.of("reason"))
                .filter(|m| !m.is_empty())
                .or(errors.form)
                .unwrap_or_default();
            shared::inline_error(&format!("#product-{id} .row-error"), &message)
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn approve(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    review(&state, &ctx, &headers, &id, true).await
}

pub async fn reject(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    review(&state, &ctx, &headers, &id, false).await
}

/// Approves, or rejects with one reason, the chosen waiting products; the
/// page comes back with a toast saying how many moved (a product another
/// admin decided meanwhile is left as it is).
pub async fn bulk(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    axum::extract::Form(fields): axum::extract::Form<Vec<(String, String)>>,
) -> Response {
    let f = crate::forms::Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let approve = f.get("action") == "approve";
    let reason = prompt(&headers);
    if !approve
        && let Err(e) = (Rejection {
            reason: reason.clone(),
        })
        .validate()
    {
        return error_page(&ctx, e);
    }
    let ids: Vec<uuid::Uuid> = f
        .all("ids")
        .iter()
        .filter_map(|s| parse_id(s).ok())
        .take(100)
        .collect();
    let mut moved = 0_i64;
    for id in ids {
        let r = products::review(
            &state,
            &caller,
            id,
            approve,
            (!approve).then_some(reason.trim()),
        )
        .await;
        match r {
            Ok(_) => moved += 1,
            Err(ApiError::Conflict { .. }) | Err(ApiError::NotFound) => {}
            Err(e) => return error_page(&ctx, e),
        }
    }
    let key = if approve {
        "ds-bulk-approved"
    } else {
        "ds-bulk-rejected"
    };
    let message = kernel::i18n::Message::new(key)
        .arg("count", moved)
        .render(ctx.locale);
    shared::htmx_redirect_with_toast(&format!("{}/products", ctx.admin_base()), &message)
}
