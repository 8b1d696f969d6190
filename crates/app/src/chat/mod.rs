//! Chat threads of four domains — customer↔store, customer↔representative,
//! store-request negotiation and support — with participants, messages,
//! attachments and read receipts. A message is stored first; once its
//! transaction commits it goes live to the thread's parties over Socket.IO.

pub mod access;
pub mod model;
mod repo;
pub mod routes;
pub mod service;
