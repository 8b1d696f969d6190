//! Chat rules. Sending stores the message first, commits, and only then
//! emits it live to the thread's parties (their user rooms and the thread
//! room), so a rolled-back message is never seen.

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use super::access::{role_in, thread_for};
use super::model::{ChatMessage, MessagesQuery, NewMessage, ThreadKind, ThreadRow, ThreadSummary};
use super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::realtime::rooms;
use crate::stores::access::{self as store_access, StorePermission};

/// The store permission that opens a store's chats (see `access.rs`).
pub(super) const CHAT: StorePermission = StorePermission::OrdersView;

/// The store permission a thread of this kind needs: a request's
/// negotiation is for those who see requests.
pub(super) fn store_permission(kind: ThreadKind) -> StorePermission {
    match kind {
        ThreadKind::Negotiation => StorePermission::RequestsView,
        _ => CHAT,
    }
}

/// The caller's threads, with the inbox of every store whose chats the
/// caller reads (a customer's first message puts a thread there at once).
pub async fn threads(state: &AppState, caller: &Caller) -> ApiResult<Vec<ThreadSummary>> {
    let stores = store_access::stores_where(&state.db, caller.user_id, CHAT).await?;
    Ok(repo::summaries(
        &state.db,
        caller.user_id,
        &stores,
        caller.client.locale == Locale::Ar,
    )
    .await?)
}

/// Who hears of a thread's messages: its participants and, for a store's
/// threads, the store's people holding the chat permission (who may not
/// have written yet).
async fn parties(state: &AppState, t: &ThreadRow) -> ApiResult<Vec<Uuid>> {
    let mut to = repo::participants(&state.db, t.id).await?;
    if let Some(store) = t.store_id {
        to.extend(store_access::members_with(&state.db, store, store_permission(t.kind())).await?);
    }
    to.sort();
    to.dedup();
    Ok(to)
}

/// The caller's support thread, opened on first use.
pub async fn open_support(state: &AppState, caller: &Caller) -> ApiResult<ThreadRow> {
    let mut tx = state.db.begin().await?;
    let t = repo::open(&mut tx, "support", caller.user_id, None).await?;
    tx.commit().await?;
    Ok(t)
}

/// The negotiation thread of a request between its customer and a store it
/// was sent to; the requests feature decides who may open it.
pub async fn open_negotiation(
    state: &AppState,
    customer: Uuid,
    store: Uuid,
    request: Uuid,
) -> ApiResult<ThreadRow> {
    let mut tx = state.db.begin().await?;
    let t = repo::open_negotiation(&mut tx, customer, store, request).await?;
    tx.commit().await?;
    Ok(t)
}

/// A request's negotiation threads, as (thread, store).
/// Opens the customer↔rep thread of a repair job, inside the caller's transaction.
pub async fn open_rep_thread(
    conn: &mut sqlx::PgConnection,
    customer: Uuid,
    rep: Uuid,
    job: Uuid,
) -> ApiResult<ThreadRow> {
    Ok(repo::open_rep(conn, customer, rep, job).await?)
}

pub async fn negotiations(state: &AppState, request: Uuid) -> ApiResult<Vec<(Uuid, Uuid)>> {
    Ok(repo::negotiations(&state.db, request).await?)
}

/// A thread's messages, newest first, for a reader the caller's feature
/// already allowed (admins reading a request's negotiations).
pub async fn messages_unchecked(
    state: &AppState,
    thread: Uuid,
    limit: i64,
) -> ApiResult<Vec<ChatMessage>> {
    Ok(repo::messages(&state.db, thread, None, limit).await?)
}

/// The customer's thread with a store customers can see.
pub async fn open_store(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<ThreadRow> {
    let visible = crate::customer::service::store_visible(&state.db, store).await?;
    if !visible {
        return Err(ApiError::Validation(FieldErrors::single(
            "storeId",
            Message::new("chat-store-unknown"),
        )));
    }
    let mut tx = state.db.begin().await?;
    let t = repo::open(&mut tx, "customer_store", caller.user_id, Some(store)).await?;
    tx.commit().await?;
    Ok(t)
}

pub async fn messages(
    state: &AppState,
    caller: &Caller,
    thread: Uuid,
    q: &MessagesQuery,
) -> ApiResult<Vec<ChatMessage>> {
    let (t, _) = thread_for(state, caller, thread).await?;
    Ok(repo::messages(&state.db, t.id, q.before, i64::from(q.limit.unwrap_or(30))).await?)
}

/// Rooms a thread's news goes to: the thread room and each party's user room
/// (a socket in several of them gets it once).
async fn audience(state: &AppState, t: &ThreadRow) -> ApiResult<Vec<String>> {
    let mut to = vec![rooms::thread(t.id)];
    for p in parties(state, t).await? {
        to.push(rooms::user(p));
    }
    if let Some(store) = t.store_id {
        to.push(rooms::store(store));
    }
    if t.kind() == ThreadKind::Support {
        to.push(rooms::SUPPORT_STAFF.to_owned());
    }
    Ok(to)
}

pub async fn send(
    state: &AppState,
    caller: &Caller,
    thread: Uuid,
    req: &NewMessage,
) -> ApiResult<ChatMessage> {
    let (t, role) = thread_for(state, caller, thread).await?;
    let body = req.body.as_deref().map(str::trim).unwrap_or("");
    if let Some(media) = req.attachment_id
        && !repo::own_attachment(&state.db, media, caller.user_id).await?
    {
        return Err(ApiError::Validation(FieldErrors::single(
            "attachmentId",
            Message::new("chat-attachment-unknown"),
        )));
    }
    let kind = match (req.kind.as_deref(), req.attachment_id) {
        (Some("invoice"), Some(_)) if t.kind() == ThreadKind::Negotiation && role == "store" => {
            "invoice"
        }
        (Some("invoice"), _) => {
            return Err(ApiError::Validation(FieldErrors::single(
                "kind",
                Message::new("chat-invoice-only-store"),
            )));
        }
        (_, Some(_)) => "attachment",
        _ => "text",
    };
    // Parties with no socket open hear of it as a notification (push, and
    // their in-app inbox), written with the message. Who is online is asked
    // before the transaction, which then holds no lock while the adapter answers.
    let mut offline = Vec::new();
    for party in parties(state, &t).await? {
        if party != caller.user_id && !state.realtime.online(party).await {
            offline.push(party);
        }
    }
    let mut tx = state.db.begin().await?;
    repo::join(&mut *tx, t.id, caller.user_id, role).await?;
    let message =
        repo::insert_message(&mut tx, t.id, caller.user_id, kind, body, req.attachment_id).await?;
    repo::mark_read(&mut *tx, t.id, caller.user_id, Some(message.id)).await?;
    let preview: String = if body.is_empty() {
        "📎".into()
    } else {
        body.chars().take(120).collect()
    };
    for party in offline {
        crate::notifications::service::notify(
            &mut tx,
            party,
            "chat.message",
            "chat",
            serde_json::json!({
                "threadId": t.id,
                "senderName": message.sender_name.clone().unwrap_or_default(),
                "preview": preview,
            }),
        )
        .await?;
    }
    tx.commit().await?;
    let to = audience(state, &t).await?;
    state.realtime.emit(&to, "chat:message", &message).await;
    Ok(message)
}

pub async fn mark_read(
    state: &AppState,
    caller: &Caller,
    thread: Uuid,
    upto: Option<Uuid>,
) -> ApiResult<Option<Uuid>> {
    let (t, role) = thread_for(state, caller, thread).await?;
    repo::join(&state.db, t.id, caller.user_id, role).await?;
    let read = repo::mark_read(&state.db, t.id, caller.user_id, upto).await?;
    let to = audience(state, &t).await?;
    state
        .realtime
        .emit(
            &to,
            "chat:read",
            &serde_json::json!({"threadId": t.id, "userId": caller.user_id, "messageId": read}),
        )
        .await;
    Ok(read)
}

/// A thread the caller is a party of (a customer's own, a store's for its
/// staff who read its chats); 404 otherwise.
pub async fn thread_of(state: &AppState, caller: &Caller, thread: Uuid) -> ApiResult<ThreadRow> {
    let t = repo::thread(&state.db, thread)
        .await?
        .ok_or(ApiError::NotFound)?;
    role_in(state, caller, &t).await?;
    Ok(t)
}

/// Whether the caller may follow the thread live (socket `chat:join`).
pub async fn may_follow(state: &AppState, caller: &Caller, thread: Uuid) -> ApiResult<()> {
    let t = repo::thread(&state.db, thread)
        .await?
        .ok_or(ApiError::NotFound)?;
    role_in(state, caller, &t).await.map(|_| ())
}

/// Threads in which `media` was sent (whose parties may read it).
pub async fn threads_with_media(state: &AppState, media: Uuid) -> ApiResult<Vec<Uuid>> {
    Ok(repo::threads_with_media(&state.db, media).await?)
}

pub async fn support_inbox(
    state: &AppState,
    caller: &Caller,
    page: kernel::pagination::Page,
) -> ApiResult<Vec<ThreadSummary>> {
    crate::admin::permissions::require(
        state,
        caller,
        crate::admin::permissions::Permission::SupportManage,
    )
    .await?;
    Ok(repo::support_inbox(&state.db, caller.user_id, page.limit(), page.offset()).await?)
}
