//! Room names. A client never names a room: the server joins it to its own
//! rooms on connect and to a thread's or an order's room only when it is a party.

use uuid::Uuid;

pub fn user(id: Uuid) -> String {
    format!("user:{id}")
}

pub fn store(id: Uuid) -> String {
    format!("store:{id}")
}

pub fn thread(id: Uuid) -> String {
    format!("thread:{id}")
}

pub fn order(id: Uuid) -> String {
    format!("order:{id}")
}

/// Staff holding `support.manage`: new support messages reach them all.
pub const SUPPORT_STAFF: &str = "support:staff";
