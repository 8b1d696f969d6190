//! Review moderation (`reviews.moderate`): the queue with visible/hidden
//! tabs and store and target filters, hide with a reason and restore per
//! row, and hiding the chosen reviews at once.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::reviews::model::{AdminReview, HideRequest, ModerationQuery, ReviewStatus, TargetType};
use app::reviews::service as reviews;
use kernel::ApiError;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::common::{self, refused, store_names};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Fields, prompt};
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    store: String,
    #[serde(default)]
    target: String,
    page: Option<u32>,
}

impl Filter {
    fn of(f: &Fields) -> Filter {
        Filter {
            status: f.get("status"),
            store: f.get("store"),
            target: f.get("target"),
            page: f.get("page").parse().ok(),
        }
    }

    fn status(&self) -> Option<ReviewStatus> {
        [ReviewStatus::Visible, ReviewStatus::Hidden]
            .into_iter()
            .find(|s| s.as_str() == self.status)
    }

    fn target(&self) -> Option<TargetType> {
        [TargetType::Store, TargetType::Product, TargetType::Rep]
            .into_iter()
            .find(|t| t.as_str() == self.target)
    }

    fn store(&self) -> Option<Uuid> {
        Uuid::parse_str(self.store.trim()).ok()
    }

    fn link(&self, base: &str, page: Option<u32>, status: Option<&str>) -> String {
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        format!(
            "{base}/reviews{}",
            common::query(&[
                ("status", status.unwrap_or(&self.status)),
                ("store", &self.store),
                ("target", &self.target),
                ("page", &page),
            ])
        )
    }
}

pub struct Row {
    id: String,
    stars: Vec<bool>,
    stars_text: String,
    text: String,
    reviewer: String,
    store: String,
    target: &'static str,
    when: String,
    status: &'static str,
    reason: String,
    reply: String,
}

fn row(c: &Chrome, r: &AdminReview, stores: &HashMap<Uuid, String>) -> Row {
    let v = &r.review;
    Row {
        id: v.id.to_string(),
        stars: (1..=5).map(|i| i <= v.stars).collect(),
        stars_text: c.t_count("adm-stars", &i64::from(v.stars)),
        text: v.text.clone().unwrap_or_default(),
        reviewer: r.reviewer_name.clone().unwrap_or_default(),
        store: v
            .store_id
            .and_then(|s| stores.get(&s).cloned())
            .unwrap_or_default(),
        target: v.target_type.as_str(),
        when: shared::when(c.locale, v.created_at),
        status: v.status.as_str(),
        reason: r.moderation_reason.clone().unwrap_or_default(),
        reply: v.reply.as_ref().map(|r| r.text.clone()).unwrap_or_default(),
    }
}

async fn store_map(
    state: &AppState,
    caller: &Caller,
    c: &Chrome,
) -> (HashMap<Uuid, String>, Vec<(Uuid, String)>) {
    let list: Vec<(Uuid, String)> = store_names(state, caller)
        .await
        .into_iter()
        .map(|s| (s.id, c.pick(&s.name_ar, &s.name_en).to_owned()))
        .collect();
    (list.iter().cloned().collect(), list)
}

/// The queue card (what the bulk action swaps).
pub struct List {
    status: String,
    page: String,
    tabs: Vec<(String, String, bool)>,
    stores: Vec<(String, String, bool)>,
    targets: Vec<(&'static str, bool)>,
    filtered: bool,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/reviews.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    l: List,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/reviews_card.html")]
struct ListCard {
    c: Chrome,
    base: &'static str,
    l: List,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/review_row.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    r: Row,
}

async fn load(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    c: &Chrome,
    f: &Filter,
) -> Result<List, ApiError> {
    let q = ModerationQuery {
        status: f.status(),
        target_type: f.target(),
        store_id: f.store(),
        product_id: None,
        customer_id: None,
        rep_id: None,
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = reviews::queue(state, caller, &q).await?;
    let (names, list) = store_map(state, caller, c).await;
    let base = ctx.admin_base();
    let status = f.status().map_or("", ReviewStatus::as_str);
    let target = f.target().map_or("", TargetType::as_str);
    let tabs = [
        ("", c.t("web-admin-all")),
        ("visible", c.t("adm-review-status-visible")),
        ("hidden", c.t("adm-review-status-hidden")),
    ]
    .into_iter()
    .map(|(s, label)| (f.link(base, None, Some(s)), label, s == status))
    .collect();
    Ok(List {
        status: status.to_owned(),
        page: meta.page.to_string(),
        tabs,
        stores: list
            .into_iter()
            .map(|(id, name)| (id.to_string(), name, Some(id) == f.store()))
            .collect(),
        targets: ["store", "product", "rep"]
            .into_iter()
            .map(|t| (t, t == target))
            .collect(),
        filtered: f.store().is_some() || !target.is_empty(),
        total: c.t_count("adm-reviews-count", &meta.total),
        rows: items.iter().map(|r| row(c, r, &names)).collect(),
        pager: Pager::new(ctx, &meta, |p| f.link(base, Some(p), None)),
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let c = chrome(&ctx, &csrf);
    match load(&state, &ctx, &caller, &c, &f).await {
        Ok(l) => ListPage {
            c,
            base: ctx.admin_base(),
            section: "reviews",
            l,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

async fn moderate(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: &str,
    hide: bool,
) -> Response {
    let (caller, csrf) = match acting(state, ctx, headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(id) {
        Ok(id) => id,
        Err(e) => return refused(ctx, e),
    };
    let result = if hide {
        let req = HideRequest {
            reason: prompt(headers),
        };
        match req.validate() {
            Ok(()) => reviews::hide(state, &caller, id, &req).await,
            Err(e) => Err(e),
        }
    } else {
        reviews::restore(state, &caller, id).await
    };
    match result {
        Ok(r) => {
            let c = chrome(ctx, &csrf);
            let (names, _) = store_map(state, &caller, &c).await;
            let r = row(&c, &r, &names);
            shared::with_toast(
                RowFragment {
                    c,
                    base: ctx.admin_base(),
                    r,
                }
                .into_response(),
                &kernel::i18n::t(
                    ctx.locale,
                    if hide {
                        "adm-toast-review-hidden"
                    } else {
                        "adm-toast-review-restored"
                    },
                ),
                "success",
            )
        }
        Err(e) => refused(ctx, e),
    }
}

pub async fn hide(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    moderate(&state, &ctx, &headers, &id, true).await
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    moderate(&state, &ctx, &headers, &id, false).await
}

/// Hides the chosen reviews (`id`) with one reason, then shows the queue
/// card again under the same filters.
pub async fn bulk_hide(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let fields = Fields(fields);
    let req = HideRequest {
        reason: prompt(&headers),
    };
    if let Err(e) = req.validate() {
        return refused(&ctx, e);
    }
    let mut hidden = 0i64;
    for id in fields
        .all("id")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
    {
        match reviews::hide(&state, &caller, id, &req).await {
            Ok(_) => hidden += 1,
            Err(ApiError::NotFound) => {}
            Err(e) => return refused(&ctx, e),
        }
    }
    let c = chrome(&ctx, &csrf);
    match load(&state, &ctx, &caller, &c, &Filter::of(&fields)).await {
        Ok(l) => shared::with_toast(
            ListCard {
                c,
                base: ctx.admin_base(),
                l,
            }
            .into_response(),
            &Message::new("adm-toast-reviews-hidden")
                .arg("count", hidden)
                .render(ctx.locale),
            if hidden == 0 { "error" } else { "success" },
        ),
        Err(e) => refused(&ctx, e),
    }
}
