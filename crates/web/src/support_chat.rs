//! The chat endpoints every signed-in surface serves the same way (the
//! customer app and the partner dashboard): the latest messages as JSON,
//! "read" (of the support thread, or of a thread by id), and the socket token. Each surface mounts them with its
//! own session.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;

use app::AppState;
use app::chat::service as chat;
use kernel::ids::parse_id;

use crate::admin::support::{mark_read, realtime_token, recent_json};
use crate::chrome::WebCtx;
use crate::signin::{self, Signed, SignedSurface};

/// `GET …/support/messages`: the latest messages of the caller's support thread.
pub async fn history<S: SignedSurface>(
    State(state): State<AppState>,
    Signed { caller, .. }: Signed<S>,
) -> Response {
    match chat::open_support(&state, &caller).await {
        Ok(thread) => recent_json(&state, &caller, thread.id).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST …/support/read`: the caller has read the replies.
pub async fn read<S: SignedSurface>(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
) -> Response {
    let (caller, _) = match signin::acting_on::<S>(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match chat::open_support(&state, &caller).await {
        Ok(thread) => mark_read(&state, &caller, thread.id).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST …/realtime-token`: the socket's token for this session.
pub async fn token<S: SignedSurface>(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
) -> Response {
    match signin::acting_on::<S>(&state, &ctx, &headers, None).await {
        Ok((caller, _)) => realtime_token(&state, &caller),
        Err(r) => r,
    }
}

/// `GET …/chats/{id}/messages`: the latest messages of a thread the caller
/// is a party to (404 otherwise), as JSON for chat.js.
pub async fn thread_history<S: SignedSurface>(
    State(state): State<AppState>,
    Signed { caller, .. }: Signed<S>,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return e.status().into_response(),
    };
    match chat::thread_of(&state, &caller, id).await {
        Ok(_) => recent_json(&state, &caller, id).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST …/chats/{id}/read`: the caller has read the thread.
pub async fn thread_read<S: SignedSurface>(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match signin::acting_on::<S>(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match parse_id(&id) {
        Ok(id) => mark_read(&state, &caller, id).await,
        Err(e) => e.status().into_response(),
    }
}
