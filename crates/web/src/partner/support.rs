//! The partner's support chat (`/partner/support`): the signed-in
//! supplier's (or store employee's) own thread with the platform, opened on
//! the first visit, live through `static/chat.js`. The conversation's view
//! and endpoints are shared with the other surfaces (`admin::support`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::auth::Caller;
use app::chat::service as chat;
use app::identity::model::Role;
use kernel::ApiError;

use super::{acting, chrome, error_page, has_access, no_access, session};
use crate::admin::support::{
    ChatUrls, ChatView, mark_read, realtime_token, recent, recent_json, send_text,
};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;

#[derive(Template, WebTemplate)]
#[template(path = "partner/support.html")]
struct SupportPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    supplier: bool,
    chat: ChatView,
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    refused: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let thread = chat::open_support(state, caller).await?;
        let messages = recent(state, caller, thread.id).await?;
        Ok::<_, ApiError>((thread, messages))
    }
    .await;
    let (thread, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = ctx.partner_base();
    let urls = ChatUrls {
        base,
        thread: format!("{base}/support"),
        token: format!("{base}/realtime-token"),
    };
    let mut chat = ChatView::new(
        ctx.locale,
        caller.user_id,
        &thread,
        false,
        urls,
        csrf,
        &messages,
    );
    let mut status = StatusCode::OK;
    if let Some((e, draft)) = refused {
        status = e.status();
        chat = chat.refused(&e, draft);
    }
    let page = SupportPage {
        c: chrome(ctx, csrf),
        base,
        section: "support",
        supplier: caller.role == Role::Supplier,
        chat,
    };
    (status, page).into_response()
}

/// `GET /partner/support`.
pub async fn page(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let (caller, csrf) = match session(&state, &ctx).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match has_access(&state, &caller).await {
        Ok(true) => render(&state, &ctx, &caller, &csrf, None).await,
        Ok(false) => no_access(&ctx, &csrf),
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /partner/support/messages`: a message sent without JavaScript.
pub async fn send(
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
    let body = f.get("body");
    let sent = async {
        let thread = chat::open_support(&state, &caller).await?;
        send_text(&state, &caller, thread.id, &body).await
    }
    .await;
    match sent {
        Ok(_) => Redirect::to(&format!("{}/support#chat-form", ctx.partner_base())).into_response(),
        Err(e @ ApiError::Validation(_)) => {
            render(&state, &ctx, &caller, &csrf, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// `GET /partner/support/messages`: the latest messages as JSON.
pub async fn history(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let (caller, _) = match session(&state, &ctx).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match chat::open_support(&state, &caller).await {
        Ok(thread) => recent_json(&state, &caller, thread.id).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST /partner/support/read`: the partner has read the replies.
pub async fn read(State(state): State<AppState>, ctx: WebCtx, headers: HeaderMap) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match chat::open_support(&state, &caller).await {
        Ok(thread) => mark_read(&state, &caller, thread.id).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST /partner/realtime-token`: the socket's token for this session.
pub async fn token(State(state): State<AppState>, ctx: WebCtx, headers: HeaderMap) -> Response {
    match acting(&state, &ctx, &headers, None).await {
        Ok((caller, _)) => realtime_token(&state, &caller),
        Err(r) => r,
    }
}
