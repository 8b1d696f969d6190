//! Support chat on the web. Staff holding `support.manage` see the support
//! inbox (every customer's and supplier's support thread, newest activity
//! first, with unread counts) and answer a thread on its own page.
//!
//! The conversation itself is shared by the three surfaces (the customer
//! app's and the partner dashboard's support pages use it too): the view
//! of a thread and its messages, sending without JavaScript, read receipts,
//! the recent messages as JSON (to catch up after a reconnect) and the
//! short-lived access token `static/chat.js` opens the socket with. Pages
//! have a cookie session, not an API token, so each surface issues a
//! 60-second token for its own session (CSRF-protected, same origin); the
//! socket checks it once, at the handshake.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::chat::access::thread_for;
use app::chat::model::{ChatMessage, MessagesQuery, NewMessage, ThreadKind, ThreadRow};
use app::chat::service as chat;
use app::identity::model::User;
use kernel::i18n::t;
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::signin;

/// Messages a conversation page shows (and sends after a reconnect).
const RECENT: u32 = 50;
/// Threads per page of the inbox.
const PER_PAGE: u32 = 30;
/// Characters of the last message the inbox shows.
const PREVIEW: usize = 90;
/// How long the socket's token lives: long enough for the handshake.
const TOKEN_TTL_SECS: i64 = 60;

fn when(at: &OffsetDateTime) -> String {
    crate::shared::local_time(at)
}

fn preview(text: &str) -> String {
    let mut out: String = text.chars().take(PREVIEW).collect();
    if text.chars().count() > PREVIEW {
        out.push('…');
    }
    out
}

/// One message as the conversation shows it; the body is text, escaped
/// by the template like every value.
pub struct MessageView {
    pub id: String,
    pub mine: bool,
    pub sender: String,
    pub body: String,
    pub at: String,
    pub iso: String,
    pub attachment: Option<String>,
}

/// Where a surface serves a conversation and its token.
pub struct ChatUrls {
    /// Where the surface serves uploaded files (`{base}/media/{id}`).
    pub base: &'static str,
    /// The conversation's page; `/messages` and `/read` are under it.
    pub thread: String,
    /// The surface's `POST …/realtime-token`.
    pub token: String,
}

/// A conversation: the data of `admin/support_chat.html` (included by the
/// support pages of every surface) and of `static/chat.js`.
pub struct ChatView {
    pub locale: Locale,
    pub thread_id: String,
    pub customer_id: String,
    pub me: String,
    /// Staff see who wrote; customers and suppliers see "support".
    pub staff: bool,
    pub urls: ChatUrls,
    pub csrf: String,
    pub messages: Vec<MessageView>,
    /// Why the last message sent without JavaScript was refused.
    pub error: Option<String>,
    /// That message, to send again.
    pub draft: String,
}

impl ChatView {
    pub fn new(
        locale: Locale,
        me: Uuid,
        thread: &ThreadRow,
        staff: bool,
        urls: ChatUrls,
        csrf: &str,
        messages: &[ChatMessage],
    ) -> ChatView {
        let mut view = ChatView {
            locale,
            thread_id: thread.id.to_string(),
            customer_id: thread.customer_id.to_string(),
            me: me.to_string(),
            staff,
            urls,
            csrf: csrf.to_owned(),
            messages: Vec::new(),
            error: None,
            draft: String::new(),
        };
        view.messages = messages
            .iter()
            .map(|m| view.message(m, me, thread.customer_id))
            .collect();
        view
    }

    pub fn t(&self, key: &str) -> String {
        t(self.locale, key)
    }

    /// Shown again with the reason it was refused.
    pub fn refused(mut self, e: &ApiError, draft: String) -> ChatView {
        let errors = Errors::from_api(e, self.locale);
        let field = errors.of("body");
        self.error = Some(if field.is_empty() {
            errors.form.unwrap_or_default()
        } else {
            field
        });
        self.draft = draft;
        self
    }

    fn message(&self, m: &ChatMessage, me: Uuid, customer: Uuid) -> MessageView {
        let name = m.sender_name.clone().filter(|n| !n.trim().is_empty());
        let sender = if m.sender_id == me {
            self.t("web-chat-me")
        } else if !self.staff {
            self.t("web-chat-support-team")
        } else if m.sender_id == customer {
            name.unwrap_or_else(|| self.t("web-chat-unnamed"))
        } else {
            name.unwrap_or_else(|| self.t("web-chat-support-team"))
        };
        MessageView {
            id: m.id.to_string(),
            mine: m.sender_id == me,
            sender,
            body: m.body.clone(),
            at: when(&m.created_at),
            iso: m.created_at.format(&Rfc3339).unwrap_or_default(),
            attachment: m
                .attachment_url
                .as_deref()
                .map(|u| media_link(self.urls.base, u)),
        }
    }
}

/// An API media link (`/api/v1/media/{id}`) as the surface serves it.
fn media_link(base: &str, api_url: &str) -> String {
    match api_url.strip_prefix("/api/v1/media/") {
        Some(rest) => format!("{base}/media/{rest}"),
        None => api_url.to_owned(),
    }
}

/// The thread's latest messages, oldest first.
pub async fn recent(
    state: &AppState,
    caller: &Caller,
    thread: Uuid,
) -> Result<Vec<ChatMessage>, ApiError> {
    let q = MessagesQuery {
        before: None,
        limit: Some(RECENT),
    };
    let mut rows = chat::messages(state, caller, thread, &q).await?;
    rows.reverse();
    Ok(rows)
}

/// `{data: [message, …]}`, oldest first, in the shape of the socket's `chat:message`.
pub async fn recent_json(state: &AppState, caller: &Caller, thread: Uuid) -> Response {
    match recent(state, caller, thread).await {
        Ok(rows) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({ "data": rows })),
        )
            .into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// Marks the thread read for the caller (204).
pub async fn mark_read(state: &AppState, caller: &Caller, thread: Uuid) -> Response {
    match chat::mark_read(state, caller, thread, None).await {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// A 60-second access token of the caller's web session, for the socket's
/// handshake: `{token}`, never cached.
pub fn realtime_token(state: &AppState, caller: &Caller) -> Response {
    let token = state.keys.issue_access(
        caller.user_id,
        caller.session_id,
        caller.role,
        TOKEN_TTL_SECS,
    );
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(serde_json::json!({ "token": token, "expiresIn": TOKEN_TTL_SECS })),
    )
        .into_response()
}

/// Sends a text message, as the API and the socket do (same rules, same
/// live delivery); for the form when JavaScript is off.
pub async fn send_text(
    state: &AppState,
    caller: &Caller,
    thread: Uuid,
    body: &str,
) -> Result<ChatMessage, ApiError> {
    let req = NewMessage {
        body: Some(body.to_owned()),
        attachment_id: None,
        kind: None,
    };
    req.validate()?;
    chat::send(state, caller, thread, &req).await
}

/// A support thread the caller answers as staff; any other thread is 404.
async fn support_thread(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<ThreadRow, ApiError> {
    let (t, role) = thread_for(state, caller, id).await?;
    if t.kind() != ThreadKind::Support || role != "staff" {
        return Err(ApiError::NotFound);
    }
    Ok(t)
}

// ---------------------------------------------------------------------------
// The admin's pages.

pub struct InboxRow {
    id: String,
    customer_id: String,
    name: String,
    last_message: String,
    last_at: String,
    unread: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/support.html")]
struct InboxPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    me: String,
    rows: Vec<InboxRow>,
    newer: Option<String>,
    older: Option<String>,
}

#[derive(Deserialize)]
pub struct InboxQuery {
    page: Option<u32>,
}

/// `GET /admin/support`: support threads, newest activity first.
pub async fn inbox(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<InboxQuery>,
) -> Response {
    let page_no = q.page.unwrap_or(1).max(1);
    let mut shape = FieldErrors::new();
    let page = PageQuery {
        page: Some(page_no),
        per_page: Some(PER_PAGE),
        sort: None,
    }
    .check(&mut shape);
    let threads = match chat::support_inbox(&state, &caller, page).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.admin_base();
    let link = |p: u32| format!("{base}/support?page={p}");
    let full = threads.len() == PER_PAGE as usize;
    InboxPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "support",
        me: caller.user_id.to_string(),
        rows: threads
            .into_iter()
            .map(|s| InboxRow {
                id: s.id.to_string(),
                customer_id: s.customer_id.to_string(),
                name: s
                    .title
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| t(ctx.locale, "web-chat-unnamed")),
                last_message: s.last_message.as_deref().map(preview).unwrap_or_default(),
                last_at: s.last_message_at.as_ref().map(when).unwrap_or_default(),
                unread: s.unread,
            })
            .collect(),
        newer: (page_no > 1).then(|| link(page_no - 1)),
        older: full.then(|| link(page_no + 1)),
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/support_thread.html")]
struct ThreadPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    name: String,
    phone: String,
    role: &'static str,
    chat: ChatView,
}

async fn render_thread(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    refused: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let t = support_thread(state, caller, id).await?;
        let customer = app::identity::service::user_by_id(&state.db, t.customer_id)
            .await?
            .map(User::from)
            .ok_or(ApiError::NotFound)?;
        let messages = recent(state, caller, id).await?;
        Ok::<_, ApiError>((t, customer, messages))
    }
    .await;
    let (thread, customer, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.admin_base();
    let urls = ChatUrls {
        base,
        thread: format!("{base}/support/{id}"),
        token: format!("{base}/realtime-token"),
    };
    let mut chat = ChatView::new(
        ctx.locale,
        caller.user_id,
        &thread,
        true,
        urls,
        csrf,
        &messages,
    );
    let mut status = StatusCode::OK;
    if let Some((e, draft)) = refused {
        status = e.status();
        chat = chat.refused(&e, draft);
    }
    let page = ThreadPage {
        c: chrome(ctx, csrf),
        base,
        section: "support",
        name: customer
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| t(ctx.locale, "web-chat-unnamed")),
        phone: customer.phone.clone(),
        role: customer.role.as_str(),
        chat,
    };
    (status, page).into_response()
}

/// `GET /admin/support/{id}`: one support conversation with its reply box.
pub async fn thread(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    render_thread(&state, &ctx, &caller, &csrf, id, None).await
}

/// `POST /admin/support/{id}/messages`: a reply sent without JavaScript.
pub async fn send(
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
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let body = f.get("body");
    let sent = async {
        support_thread(&state, &caller, id).await?;
        send_text(&state, &caller, id, &body).await
    }
    .await;
    match sent {
        Ok(_) => {
            Redirect::to(&format!("{}/support/{id}#chat-form", ctx.admin_base())).into_response()
        }
        Err(e @ ApiError::Validation(_)) => {
            render_thread(&state, &ctx, &caller, &csrf, id, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// `GET /admin/support/{id}/messages`: the latest messages as JSON.
pub async fn history(
    State(state): State<AppState>,
    signin::Signed {
        caller, csrf: _, ..
    }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = parse_id(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Err(e) = support_thread(&state, &caller, id).await {
        return e.status().into_response();
    }
    recent_json(&state, &caller, id).await
}

/// `POST /admin/support/{id}/read`: the staff member has read the thread.
pub async fn read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Ok(id) = parse_id(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if let Err(e) = support_thread(&state, &caller, id).await {
        return e.status().into_response();
    }
    mark_read(&state, &caller, id).await
}

/// `POST /admin/realtime-token`: the socket's token for this admin session.
pub async fn token(State(state): State<AppState>, ctx: WebCtx, headers: HeaderMap) -> Response {
    match acting(&state, &ctx, &headers, None).await {
        Ok((caller, _)) => realtime_token(&state, &caller),
        Err(r) => r,
    }
}
