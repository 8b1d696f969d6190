//! The signed-in admin's own in-app notifications: newest first, unread
//! marked, all or only the unread ones; one or all marked read (htmx, the
//! list and the top bar's bell swapped in place, with a toast).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::auth::Caller;
use app::notifications::model::{Category, InboxItem, InboxQuery};
use app::notifications::service as notifications;
use kernel::i18n::Message;
use kernel::ids::parse_id;

use super::{acting, chrome, error_page, hx};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

pub struct Notice {
    id: String,
    title: String,
    body: String,
    event: String,
    category: &'static str,
    icon: &'static str,
    read: bool,
    at: String,
    /// The admin page of what it is about (an order), when there is one.
    link: Option<String>,
}

impl Notice {
    fn of(ctx: &WebCtx, n: InboxItem) -> Notice {
        let base = ctx.admin_base();
        Notice {
            id: n.id.to_string(),
            link: n
                .data
                .get("orderId")
                .and_then(|v| v.as_str())
                .and_then(|s| uuid::Uuid::parse_str(s).ok())
                .map(|id| format!("{base}/orders/{id}")),
            title: n.title,
            body: n.body,
            event: n.event,
            category: n.category.as_str(),
            icon: match n.category {
                Category::Orders => "receipt",
                Category::Chat => "message",
                Category::Marketing => "speakerphone",
            },
            read: n.read,
            at: shared::when(ctx.locale, n.created_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/inbox.html")]
struct InboxPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    unread_only: bool,
    unread: i64,
    page: u32,
    notices: Vec<Notice>,
    pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    unread: String,
    page: Option<u32>,
}

/// The inbox page as it now is (also the answer of the mark-read actions).
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    unread_only: bool,
    page: Option<u32>,
) -> Response {
    let q = InboxQuery {
        unread: Some(unread_only),
        page: Some(page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match notifications::inbox(state, caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.admin_base();
    let flag = if unread_only { "1" } else { "" };
    let pager = Pager::new(ctx, &meta, |p| {
        format!("{base}/inbox?unread={flag}&page={p}")
    });
    let unread = meta
        .extra
        .get("unread")
        .and_then(|v| v.as_i64())
        .unwrap_or_default();
    InboxPage {
        c: chrome(ctx, csrf),
        base,
        section: "inbox",
        unread_only,
        unread,
        page: meta.page,
        notices: items.into_iter().map(|n| Notice::of(ctx, n)).collect(),
        pager,
    }
    .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    render(&state, &ctx, &caller, &csrf, f.unread == "1", f.page).await
}

/// The list as the form that asked showed it: its filter and page.
fn shown(f: &Fields) -> (bool, Option<u32>) {
    (f.get("unread") == "1", f.get("page").parse().ok())
}

/// After an action: the page again for htmx (with the toast), or back to
/// it with the toast for a plain form.
async fn answered(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    (caller, csrf): (&Caller, &str),
    (unread_only, page): (bool, Option<u32>),
    message: &str,
) -> Response {
    if hx::is_htmx(headers) {
        let res = render(state, ctx, caller, csrf, unread_only, page).await;
        shared::with_toast(res, message, "success")
    } else {
        let flag = if unread_only { "1" } else { "" };
        let to = format!(
            "{}/inbox?unread={flag}&page={}",
            ctx.admin_base(),
            page.unwrap_or(1)
        );
        shared::redirect_with_toast(&to, message)
    }
}

pub async fn mark_read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let marked = match parse_id(&id) {
        Ok(id) => notifications::mark_read(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match marked {
        Ok(_) => {
            let message = kernel::i18n::t(ctx.locale, "am-inbox-marked");
            answered(
                &state,
                &ctx,
                &headers,
                (&caller, &csrf),
                shown(&f),
                &message,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn mark_all_read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match notifications::mark_all_read(&state, &caller).await {
        Ok(m) => {
            let message = Message::new("am-inbox-marked-all")
                .arg("count", m.marked)
                .render(ctx.locale);
            // Every notice is read now: the unread filter would be empty.
            let (_, page) = shown(&f);
            answered(
                &state,
                &ctx,
                &headers,
                (&caller, &csrf),
                (false, page),
                &message,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}
