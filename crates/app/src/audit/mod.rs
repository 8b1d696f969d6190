//! The audit trail: who changed what, from where, with before/after.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use service::record;
