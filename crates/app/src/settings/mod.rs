//! System settings: one typed, validated document (maintenance, coming soon,
//! default commission, marketplace switches, distances, OTP bounds, minimum
//! app versions), audited on save and cached on every node with
//! invalidation through `LISTEN/NOTIFY`. `gate` is what each request meets.

pub mod cache;
pub mod gate;
pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use cache::{SettingsCache, spawn_listener};
pub use gate::{Verdict, verdict};
pub use model::{Marketplaces, SystemSettings};
