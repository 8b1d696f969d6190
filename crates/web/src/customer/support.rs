//! The customer's support chat (`/app/support`): their support thread,
//! opened on the first visit, with its latest messages and a composer;
//! `static/chat.js` keeps it live over the socket. The conversation's view
//! and endpoints are shared with the other surfaces (`admin::support`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::auth::Caller;
use app::chat::service as chat;
use kernel::ApiError;

use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::admin::support::{ChatUrls, ChatView, recent, send_text};
use crate::chrome::WebCtx;
use crate::forms::Fields;
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "customer/support.html")]
struct SupportPage {
    u: Ui,
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
    let base = app_base(ctx);
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
    let u = ui(state, ctx, Some(caller), csrf, "support").await;
    (status, SupportPage { u, chat }).into_response()
}

/// `GET /app/support`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(&state, &ctx, &caller, &csrf, None).await
}

/// `POST /app/support/messages`: a message sent without JavaScript.
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
        Ok(_) => see_other(&format!("{}/support#chat-form", app_base(&ctx))),
        Err(e @ ApiError::Validation(_)) => {
            render(&state, &ctx, &caller, &csrf, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
