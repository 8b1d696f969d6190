//! The audit trail: who changed what, from where, with before/after.

pub mod model;
pub mod repo;
pub mod routes;
pub mod service;

pub use service::record;
