use axum::extract::{Path, State};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::{ApiOk, ApiResult, FieldErrors, Meta};

use super::model::{
    ChatMessage, MessagesQuery, NewMessage, ReadRequest, StoreThreadRequest, ThreadSummary,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(threads))
        .routes(routes!(open_support))
        .routes(routes!(open_store))
        .routes(routes!(messages, send))
        .routes(routes!(read))
        .routes(routes!(support_inbox))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ThreadRef {
    pub id: Uuid,
    pub kind: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReadReceipt {
    pub thread_id: Uuid,
    pub message_id: Option<Uuid>,
}

/// The caller's threads with their last message and unread count.
#[utoipa::path(get, path = "/chats", tag = "chat", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<ThreadSummary>>), (status = 401, body = ErrorEnvelope)))]
async fn threads(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Vec<ThreadSummary>>> {
    Ok(ApiOk::new(service::threads(&state, &caller).await?))
}

/// Opens (or returns) the caller's support thread.
#[utoipa::path(post, path = "/chats/support", tag = "chat", security(("bearer" = [])),
    responses((status = 200, body = Envelope<ThreadRef>), (status = 401, body = ErrorEnvelope)))]
async fn open_support(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<ThreadRef>> {
    let t = service::open_support(&state, &caller).await?;
    Ok(ApiOk::new(ThreadRef {
        id: t.id,
        kind: t.kind,
    }))
}

/// Opens (or returns) the caller's thread with a store.
#[utoipa::path(post, path = "/chats/stores", tag = "chat", security(("bearer" = [])),
    request_body = StoreThreadRequest,
    responses((status = 200, body = Envelope<ThreadRef>), (status = 422, body = ErrorEnvelope)))]
async fn open_store(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(req): ValidJson<StoreThreadRequest>,
) -> ApiResult<ApiOk<ThreadRef>> {
    let t = service::open_store(&state, &caller, req.store_id).await?;
    Ok(ApiOk::new(ThreadRef {
        id: t.id,
        kind: t.kind,
    }))
}

/// A thread's messages, newest first; pass the last id as `before` for older ones.
#[utoipa::path(get, path = "/chats/{id}/messages", tag = "chat", security(("bearer" = [])),
    params(("id" = String, Path), MessagesQuery),
    responses((status = 200, body = Envelope<Vec<ChatMessage>>), (status = 404, body = ErrorEnvelope)))]
async fn messages(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<MessagesQuery>,
) -> ApiResult<ApiOk<Vec<ChatMessage>>> {
    let rows = service::messages(&state, &caller, parse_id(&id)?, &q).await?;
    let limit = q.limit.unwrap_or(30) as usize;
    let next = (rows.len() == limit)
        .then(|| rows.last().map(|m| m.id))
        .flatten();
    let meta = Meta::new(1, limit as u32, rows.len() as i64).with("nextBefore", next);
    Ok(ApiOk::page(rows, meta))
}

/// Sends a message (text and/or an uploaded attachment); it reaches the
/// thread's parties live once stored.
#[utoipa::path(post, path = "/chats/{id}/messages", tag = "chat", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = NewMessage,
    responses((status = 201, body = Envelope<ChatMessage>), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn send(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<NewMessage>,
) -> ApiResult<ApiOk<ChatMessage>> {
    Ok(ApiOk::created(
        service::send(&state, &caller, parse_id(&id)?, &req).await?,
    ))
}

/// Marks the thread read (up to `messageId`, or all of it).
#[utoipa::path(post, path = "/chats/{id}/read", tag = "chat", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = ReadRequest,
    responses((status = 200, body = Envelope<ReadReceipt>), (status = 404, body = ErrorEnvelope)))]
async fn read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(req): ValidJson<ReadRequest>,
) -> ApiResult<ApiOk<ReadReceipt>> {
    let thread = parse_id(&id)?;
    let message_id = service::mark_read(&state, &caller, thread, req.message_id).await?;
    Ok(ApiOk::new(ReadReceipt {
        thread_id: thread,
        message_id,
    }))
}

/// Support threads for staff (`support.manage`), newest activity first.
#[utoipa::path(get, path = "/admin/support/threads", tag = "admin", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Envelope<Vec<ThreadSummary>>), (status = 403, body = ErrorEnvelope)))]
async fn support_inbox(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PageQuery>,
) -> ApiResult<ApiOk<Vec<ThreadSummary>>> {
    let mut e = FieldErrors::new();
    let page = q.check(&mut e);
    e.into_result()?;
    Ok(ApiOk::new(
        service::support_inbox(&state, &caller, page).await?,
    ))
}
