//! The `/ws` namespace: the handshake carries the access token
//! (`auth: {token}`); a connected client is in its user room, its stores'
//! rooms (staff with `orders.view`) and, for support staff, the support
//! room. It asks to follow a thread or an order and is admitted only if it is
//! a party (ack `{ok: true}` or `{ok: false, error: {code, message}}`).

use serde::Deserialize;
use serde_json::{Value, json};
use socketioxide::SocketIo;
use socketioxide::adapter::Adapter;
use socketioxide::extract::{AckSender, Extension, SocketRef, State, TryData};
use socketioxide::handler::ConnectHandler;
use uuid::Uuid;

use kernel::{ApiError, Locale};

use super::rooms;
use crate::AppState;
use crate::admin::permissions::{Permission, holds};
use crate::auth::{Caller, ClientInfo};
use crate::chat::model::NewMessage;
use crate::stores::access::StorePermission;

pub const NAMESPACE: &str = "/ws";

/// Registers the namespace on this node's socket server.
pub fn register_local(io: &SocketIo) {
    io.ns(NAMESPACE, on_connect.with(authenticate));
}

/// Registers the namespace on a socket server whose rooms span nodes.
pub async fn register_redis(
    io: &SocketIo<socketioxide_redis::RedisAdapter<socketioxide::adapter::Emitter>>,
) -> Result<(), String> {
    io.ns(NAMESPACE, on_connect.with(authenticate))
        .await
        .map_err(|e| e.to_string())
}

#[derive(Debug, Deserialize)]
struct Handshake {
    token: Option<String>,
}

/// Why a handshake was refused; the client's `connect_error` carries it.
#[derive(Debug)]
struct Refused(&'static str);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

async fn authenticate<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    TryData(auth): TryData<Handshake>,
) -> Result<(), Refused> {
    let token = auth
        .ok()
        .and_then(|h| h.token)
        .filter(|t| !t.trim().is_empty())
        .ok_or(Refused("UNAUTHENTICATED: send auth {token}"))?;
    let parts = s.req_parts();
    let client = ClientInfo {
        ip: "socket".into(),
        request_id: String::new(),
        user_agent: None,
        locale: Locale::from_headers(&parts.headers),
    };
    match Caller::from_token(&state, token.trim(), client).await {
        Ok(caller) => {
            // Everything the connection needs is read here, before it counts as
            // connected, so that events sent right after `connect` find their
            // handlers and rooms in place.
            let stores = staff_stores(&state, &caller)
                .await
                .map_err(|_| Refused("UNAVAILABLE: try again"))?;
            let support = holds(&state, &caller, Permission::SupportManage)
                .await
                .unwrap_or(false);
            s.extensions.insert(caller);
            s.extensions.insert(Standing { stores, support });
            Ok(())
        }
        Err(ApiError::Unauthenticated(_)) => {
            Err(Refused("UNAUTHENTICATED: invalid or expired token"))
        }
        Err(_) => Err(Refused("UNAVAILABLE: try again")),
    }
}

/// The rooms a connection belongs to by who it is.
#[derive(Debug, Clone)]
struct Standing {
    stores: Vec<Uuid>,
    support: bool,
}

async fn on_connect<A: Adapter>(
    s: SocketRef<A>,
    Extension(caller): Extension<Caller>,
    Extension(standing): Extension<Standing>,
) {
    s.on("chat:join", chat_join::<A>);
    s.on("chat:leave", chat_leave::<A>);
    s.on("chat:message", chat_message::<A>);
    s.on("order:follow", order_follow::<A>);
    metrics::gauge!("socket_connections").increment(1.0);
    s.on_disconnect(async || {
        metrics::gauge!("socket_connections").decrement(1.0);
    });
    s.join(rooms::user(caller.user_id));
    for store in standing.stores {
        s.join(rooms::store(store));
    }
    if standing.support {
        s.join(rooms::SUPPORT_STAFF);
    }
}

/// Stores whose orders and chats the caller follows (owner, or employee
/// with orders.view or orders.manage).
async fn staff_stores(state: &AppState, caller: &Caller) -> kernel::ApiResult<Vec<Uuid>> {
    crate::stores::access::stores_where(&state.db, caller.user_id, StorePermission::OrdersView)
        .await
}

fn refused(e: &ApiError, locale: Locale) -> Value {
    if let ApiError::Internal(err) = e {
        tracing::error!(error = ?err, "socket event failed");
    }
    let (code, key) = match e {
        ApiError::NotFound => ("NOT_FOUND", "error-not-found"),
        ApiError::Validation(_) => ("VALIDATION_FAILED", "error-validation"),
        ApiError::Forbidden => ("FORBIDDEN", "error-forbidden"),
        _ => ("INTERNAL_ERROR", "error-internal"),
    };
    json!({"ok": false, "error": {"code": code, "message": kernel::i18n::t(locale, key)}})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThreadRef {
    thread_id: Uuid,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrderRef {
    order_id: Uuid,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SocketMessage {
    thread_id: Uuid,
    message: NewMessage,
}

fn bad_request(ack: AckSender<impl Adapter>, locale: Locale) {
    let _ = ack.send(&refused(
        &ApiError::Validation(kernel::FieldErrors::new()),
        locale,
    ));
}

async fn chat_join<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    TryData(data): TryData<ThreadRef>,
    ack: AckSender<A>,
) {
    let Ok(r) = data else {
        return bad_request(ack, caller.client.locale);
    };
    match crate::chat::service::may_follow(&state, &caller, r.thread_id).await {
        Ok(()) => {
            s.join(rooms::thread(r.thread_id));
            let _ = ack.send(&json!({"ok": true}));
        }
        Err(e) => {
            let _ = ack.send(&refused(&e, caller.client.locale));
        }
    }
}

async fn chat_leave<A: Adapter>(
    s: SocketRef<A>,
    TryData(data): TryData<ThreadRef>,
    ack: AckSender<A>,
) {
    if let Ok(r) = data {
        s.leave(rooms::thread(r.thread_id));
    }
    let _ = ack.send(&json!({"ok": true}));
}

async fn chat_message<A: Adapter>(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    TryData(data): TryData<SocketMessage>,
    ack: AckSender<A>,
) {
    let Ok(m) = data else {
        return bad_request(ack, caller.client.locale);
    };
    if kernel::validation::Validate::validate(&m.message).is_err() {
        return bad_request(ack, caller.client.locale);
    }
    match crate::chat::service::send(&state, &caller, m.thread_id, &m.message).await {
        Ok(message) => {
            let _ = ack.send(&json!({"ok": true, "data": message}));
        }
        Err(e) => {
            let _ = ack.send(&refused(&e, caller.client.locale));
        }
    }
}

async fn order_follow<A: Adapter>(
    s: SocketRef<A>,
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    TryData(data): TryData<OrderRef>,
    ack: AckSender<A>,
) {
    let Ok(r) = data else {
        return bad_request(ack, caller.client.locale);
    };
    match crate::orders::service::may_follow(&state, &caller, r.order_id).await {
        Ok(()) => {
            s.join(rooms::order(r.order_id));
            let _ = ack.send(&json!({"ok": true}));
        }
        Err(e) => {
            let _ = ack.send(&refused(&e, caller.client.locale));
        }
    }
}
