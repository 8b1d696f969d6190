//! The customer's negotiation with a store about a request
//! (`/app/requests/{id}/chat/{store}`): the request's thread with that store,
//! opened on first use, live over the socket (`static/chat.js`), with the
//! same conversation view and endpoints shape as the other surfaces' chats.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::chat::service as chat;
use app::requests::service::customer as requests;
use kernel::ApiError;
use kernel::ids::parse_id;

use super::{Ui, acting, app_base, error_page, ui};
use crate::admin::support::{ChatUrls, ChatView, recent, send_text};
use crate::chrome::WebCtx;
use crate::forms::Fields;
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "customer/request_chat.html")]
struct ChatPage {
    u: Ui,
    request: String,
    number: String,
    store: String,
    chat: ChatView,
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    thread: Uuid,
    refused: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let t = chat::thread_of(state, caller, thread).await?;
        let store = t.store_id.ok_or(ApiError::NotFound)?;
        let (ar, en) = app::stores::service::public::names(&state.db, store).await?;
        let messages = recent(state, caller, thread).await?;
        Ok::<_, ApiError>((
            t,
            if ctx.locale == kernel::Locale::Ar {
                ar
            } else {
                en
            },
            messages,
        ))
    }
    .await;
    let (t, store, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (request, number) = match t.subject_id {
        Some(r) => match requests::get(state, caller, r).await {
            Ok(p) => (r.to_string(), p.number),
            Err(e) => return error_page(ctx, e),
        },
        None => return error_page(ctx, ApiError::NotFound),
    };
    let base = app_base(ctx);
    let urls = ChatUrls {
        base,
        thread: format!("{base}/chats/{thread}"),
        token: format!("{base}/realtime-token"),
    };
    let mut view = ChatView::new(ctx.locale, caller.user_id, &t, false, urls, csrf, &messages);
    let mut status = StatusCode::OK;
    if let Some((e, draft)) = refused {
        status = e.status();
        view = view.refused(&e, draft);
    }
    let page = ChatPage {
        u: ui(state, ctx, Some(caller), csrf, "requests").await,
        request,
        number,
        store,
        chat: view,
    };
    (status, page).into_response()
}

/// Opens the request's thread with the store, then shows it.
pub async fn open(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, .. }: super::Session,
    Path((id, store)): Path<(String, String)>,
) -> Response {
    let opened =
        async { requests::chat(&state, &caller, parse_id(&id)?, parse_id(&store)?).await }.await;
    match opened {
        Ok(t) => Redirect::to(&format!("{}/chats/{}", app_base(&ctx), t.id)).into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn thread(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => render(&state, &ctx, &caller, &csrf, id, None).await,
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /app/chats/{id}/messages`: a message sent without JavaScript.
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
        Ok(_) => Redirect::to(&format!("{}/chats/{id}#chat-form", app_base(&ctx))).into_response(),
        Err(e @ ApiError::Validation(_)) => {
            render(&state, &ctx, &caller, &csrf, id, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
