//! The stores' customer chats: the threads customers opened with the stores
//! whose chats the user reads (owner, or staff with `orders.view`), newest
//! first with their unread counts, and one conversation, live through
//! `static/chat.js` like the support chat.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::chat::service as chat;
use kernel::ApiError;
use kernel::ids::parse_id;

use super::{Session, acting, chrome, error_page};
use crate::admin::support::{ChatUrls, ChatView, recent, send_text};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::shared::when;
use crate::signin::Signed;

pub struct Row {
    pub id: String,
    pub title: String,
    pub last: String,
    pub at: String,
    pub unread: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/chats.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    rows: Vec<Row>,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/chat.html")]
struct ThreadPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    title: String,
    chat: ChatView,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
) -> Response {
    match chat::threads(&state, &caller).await {
        Ok(threads) => ListPage {
            c: chrome(&ctx, &csrf),
            base: ctx.partner_base(),
            section: "chats",
            rows: threads
                .into_iter()
                .filter(|t| {
                    matches!(t.kind.as_str(), "customer_store" | "negotiation")
                        && t.customer_id != caller.user_id
                })
                .map(|t| Row {
                    id: t.id.to_string(),
                    title: if t.kind == "negotiation" {
                        kernel::i18n::t(ctx.locale, "pr-negotiation")
                    } else {
                        t.title.unwrap_or_default()
                    },
                    last: t.last_message.unwrap_or_default(),
                    at: t
                        .last_message_at
                        .map(|at| when(ctx.locale, at))
                        .unwrap_or_default(),
                    unread: t.unread,
                })
                .collect(),
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    refused: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let thread = chat::thread_of(state, caller, id).await?;
        // A request's negotiation names no customer: stores never learn who
        // asked before the offer is accepted.
        let title = match thread.kind.as_str() {
            "customer_store" => app::identity::service::user_by_id(&state.db, thread.customer_id)
                .await?
                .and_then(|u| u.name)
                .unwrap_or_default(),
            "negotiation" => kernel::i18n::t(ctx.locale, "pr-negotiation"),
            _ => return Err(ApiError::NotFound),
        };
        let messages = recent(state, caller, id).await?;
        Ok::<_, ApiError>((thread, title, messages))
    }
    .await;
    let (thread, title, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.partner_base();
    let urls = ChatUrls {
        base,
        thread: format!("{base}/chats/{id}"),
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
        section: "chats",
        title,
        chat,
    };
    (status, page).into_response()
}

pub async fn thread(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => render(&state, &ctx, &caller, &csrf, id, None).await,
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /partner/chats/{id}/messages`: a reply sent without JavaScript.
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
    match send_text(&state, &caller, id, &body).await {
        Ok(_) => {
            Redirect::to(&format!("{}/chats/{id}#chat-form", ctx.partner_base())).into_response()
        }
        Err(e @ ApiError::Validation(_)) => {
            render(&state, &ctx, &caller, &csrf, id, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
