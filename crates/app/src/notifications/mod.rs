//! Notifications: device tokens, templates per event × channel × language,
//! per-user opt-ins, the in-app inbox, delivery through the job queue (push
//! by FCM and Web Push, SMS, email) with a delivery row per recipient and
//! channel, and admin broadcasts in batches.
//!
//! Other features call [`notify`] inside their transaction.

pub mod broadcast;
pub mod deliver;
pub mod model;
pub mod render;
mod repo;
pub mod routes;
pub mod service;

pub use service::notify;
