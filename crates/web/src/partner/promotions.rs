//! A store's promotions (`products.view` to see, `products.manage` to
//! change): the index with each promotion's state, ending one now and
//! deleting one (asked first). The form is `promotion_form.rs`; the
//! promotions service decides access and the rules.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::promotions::model::{Promotion, PromotionInput, PromotionKind, PromotionQuery};
use app::promotions::service as promotions;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;

use super::{StoreNav, acting, chrome, error_page, store_of};
use crate::admin::common::percent;
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// A promotion as the index shows it.
pub struct Row {
    id: String,
    name: String,
    discount: String,
    products: i64,
    categories: i64,
    starts: String,
    ends: String,
    state: &'static str,
    badge: &'static str,
    /// Active and not over: "End now" is offered.
    endable: bool,
}

impl Row {
    fn of(c: &Chrome, p: &Promotion) -> Row {
        let state = p.state.as_str();
        Row {
            id: p.id.to_string(),
            name: c.pick(&p.name_ar, &p.name_en).to_owned(),
            discount: match p.kind {
                PromotionKind::Percent => percent(c.locale, p.value),
                PromotionKind::Fixed => crate::dashboard::sar_grouped(c, p.value),
            },
            products: p.product_ids.len() as i64,
            categories: p.category_ids.len() as i64,
            starts: shared::when(c.locale, p.starts_at),
            ends: shared::when(c.locale, p.ends_at),
            state,
            badge: match state {
                "running" => "active",
                "scheduled" => "scheduled",
                "ended" => "bad",
                _ => "plain",
            },
            endable: matches!(state, "running" | "scheduled"),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/promotions.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    total: i64,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct Filter {
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
    let q = PromotionQuery {
        active: None,
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (items, meta) = match promotions::list(&state, &caller, store_id, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.partner_base();
    ListPage {
        base,
        section: "stores",
        store: nav,
        total: meta.total,
        rows: items.iter().map(|p| Row::of(&c, p)).collect(),
        pager: Pager::new(&ctx, &meta, |p| {
            format!("{base}/stores/{store_id}/promotions?page={p}")
        }),
        c,
    }
    .into_response()
}

/// Ends a promotion now (it is switched off, kept in the list).
pub async fn end(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(&state, &ctx, &headers, &store, &id, fields, true).await
}

/// Deletes a promotion (asked first on the page).
pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    act(&state, &ctx, &headers, &store, &id, fields, false).await
}

async fn act(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    store: &str,
    id: &str,
    fields: Vec<(String, String)>,
    ending: bool,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, id) = match (parse_id(store), parse_id(id)) {
        (Ok(s), Ok(i)) => (s, i),
        (Err(e), _) | (_, Err(e)) => return error_page(ctx, e),
    };
    let done = if ending {
        let off = PromotionInput {
            active: Some(false),
            ..PromotionInput::default()
        };
        promotions::update(state, &caller, store_id, id, &off)
            .await
            .map(|p| {
                Message::new("web-promo-toast-ended")
                    .arg("name", ctx_pick(ctx, &p.name_ar, &p.name_en))
                    .render(ctx.locale)
            })
    } else {
        promotions::delete(state, &caller, store_id, id)
            .await
            .map(|()| t(ctx.locale, "web-promo-toast-deleted"))
    };
    match done {
        Ok(message) => shared::redirect_with_toast(
            &format!("{}/stores/{store_id}/promotions", ctx.partner_base()),
            &message,
        ),
        Err(e) => error_page(ctx, e),
    }
}

/// The name in the page's language.
pub fn ctx_pick(ctx: &WebCtx, ar: &str, en: &str) -> String {
    if ctx.locale == kernel::Locale::Ar {
        ar.to_owned()
    } else {
        en.to_owned()
    }
}
