//! Live events over Socket.IO (protocol v5, what socket.io v4 clients
//! speak) on the namespace `/ws`, on the API's port.
//!
//! [`Realtime`] is the one place that emits domain events to rooms. Services
//! call it after their transaction commits, never before. With `REDIS_URL` the
//! Redis adapter makes rooms span nodes; without it, one node works alone.

pub mod gateway;
pub mod rooms;

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use socketioxide::SocketIo;
use socketioxide::adapter::Emitter;
use socketioxide_redis::RedisAdapter;

/// The socket server of this node, once built.
enum Io {
    Local(SocketIo),
    Redis(SocketIo<RedisAdapter<Emitter>>),
}

/// A cheap handle to emit to rooms; a no-op until the gateway is built (and
/// in processes without one, like `qitaa worker`).
#[derive(Clone, Default)]
pub struct Realtime {
    io: Arc<OnceLock<Io>>,
}

impl Realtime {
    pub fn set_local(&self, io: SocketIo) {
        let _ = self.io.set(Io::Local(io));
    }

    pub fn set_redis(&self, io: SocketIo<RedisAdapter<Emitter>>) {
        let _ = self.io.set(Io::Redis(io));
    }

    /// Sends `event` to every socket in any of `rooms`, once each. Delivery is
    /// best effort: a failure is logged, never returned to the caller whose
    /// change has already committed.
    pub async fn emit<T: Serialize + ?Sized>(&self, rooms: &[String], event: &str, data: &T) {
        if rooms.is_empty() {
            return;
        }
        let to: Vec<String> = rooms.to_vec();
        let sent = match self.io.get() {
            None => return,
            Some(Io::Local(io)) => match io.of(gateway::NAMESPACE) {
                Some(ns) => ns.to(to).emit(event, data).await,
                None => return,
            },
            Some(Io::Redis(io)) => match io.of(gateway::NAMESPACE) {
                Some(ns) => ns.to(to).emit(event, data).await,
                None => return,
            },
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, event, "realtime emit failed");
        }
    }

    /// Whether the user has a socket connected, on any node.
    pub async fn online(&self, user: uuid::Uuid) -> bool {
        let room = rooms::user(user);
        match self.io.get() {
            None => false,
            Some(Io::Local(io)) => io
                .of(gateway::NAMESPACE)
                .is_some_and(|ns| !ns.to(room).sockets().is_empty()),
            Some(Io::Redis(io)) => match io.of(gateway::NAMESPACE) {
                Some(ns) => ns
                    .to(room)
                    .fetch_sockets()
                    .await
                    .map(|s| !s.is_empty())
                    .unwrap_or(false),
                None => false,
            },
        }
    }
}
