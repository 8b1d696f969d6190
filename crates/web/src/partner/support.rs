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
use kernel::ApiError;

use super::{acting, chrome, error_page, has_access, no_access};
use crate::admin::support::{ChatUrls, ChatView, recent, send_text};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Fields;
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "partner/support.html")]
struct SupportPage {
    c: Chrome,
    section: &'static str,
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
        section: "support",
        chat,
    };
    (status, page).into_response()
}

/// `GET /partner/support`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
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
