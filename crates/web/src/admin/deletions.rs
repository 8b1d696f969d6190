//! The account-deletion queue (listed with `users.view`, finalised with
//! `users.manage`, as the admin service asks): pending requests with the end
//! of their grace period, and finalising the due ones, one or all on the
//! page, behind a confirmation.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use app::admin::service as admins;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;

use super::common::refused;
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

pub struct Row {
    id: String,
    name: String,
    phone: String,
    role: &'static str,
    requested: String,
    grace_end: String,
    due: bool,
    /// Days until the grace period ends, for the waiting ones.
    left: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/deletions.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    total: String,
    grace: String,
    rows: Vec<Row>,
    due: Vec<String>,
    due_count: String,
    due_n: String,
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
    Query(f): Query<Filter>,
) -> Response {
    let paging = PageQuery {
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
        sort: None,
    };
    let (users, meta) = match admins::deletion_queue(&state, &caller, &paging).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let grace = state.config.deletion_grace;
    let now = OffsetDateTime::now_utc();
    let rows: Vec<Row> = users
        .iter()
        .filter_map(|u| {
            let requested = u.deletion_requested_at?;
            let end = requested + grace;
            let due = end <= now;
            let days = ((end - now).whole_hours() + 23).div_euclid(24).max(0);
            Some(Row {
                id: u.id.to_string(),
                name: u.name.clone().unwrap_or_default(),
                phone: shared::phone(&u.phone),
                role: u.role.as_str(),
                requested: shared::when(ctx.locale, requested),
                grace_end: shared::when(ctx.locale, end),
                due,
                left: if due {
                    String::new()
                } else {
                    c.t_count("adm-days-left", &days)
                },
            })
        })
        .collect();
    let due: Vec<String> = rows
        .iter()
        .filter(|r| r.due)
        .map(|r| r.id.clone())
        .collect();
    let base = ctx.admin_base();
    ListPage {
        base,
        section: "deletions",
        total: c.t_count("adm-deletions-count", &meta.total),
        grace: c.t_count(
            "adm-grace-days",
            &i64::try_from(grace.as_secs() / 86_400).unwrap_or(0),
        ),
        due_count: c.t_count("adm-due-count", &(due.len() as i64)),
        due_n: c.num(&(due.len() as i64)),
        due,
        rows,
        pager: Pager::new(&ctx, &meta, |p| format!("{base}/deletions?page={p}")),
        c,
    }
    .into_response()
}

/// Finalises one due request (htmx, after a confirmation): the row goes.
pub async fn finalise(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    match admins::finalise_deletion(&state, &caller, id).await {
        Ok(()) => shared::with_toast(
            axum::response::Html("").into_response(),
            &kernel::i18n::t(ctx.locale, "adm-toast-deletion-finalised"),
            "success",
        ),
        Err(e) => refused(&ctx, e),
    }
}

/// Finalises every due request of the page (`id`), then lists the queue again.
pub async fn finalise_due(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut done = 0i64;
    for id in f.all("id").iter().filter_map(|s| Uuid::parse_str(s).ok()) {
        match admins::finalise_deletion(&state, &caller, id).await {
            Ok(()) => done += 1,
            Err(kernel::ApiError::Conflict { .. } | kernel::ApiError::NotFound) => {}
            Err(e) => return error_page(&ctx, e),
        }
    }
    shared::redirect_with_toast(
        &format!("{}/deletions", ctx.admin_base()),
        &Message::new("adm-toast-deletions-finalised")
            .arg("count", done)
            .render(ctx.locale),
    )
}
