//! The Qitaa node: configuration, wiring, the HTTP stack and the embedded
//! PostgreSQL default. `main.rs` is only the command line.

pub mod api_doc;
pub mod boot;
pub mod gate;
pub mod listen;
pub mod ops;
pub mod scale;
pub mod server;
pub mod settings;
pub mod telemetry;

pub use server::{HttpSettings, route_by_host, router};

/// The schema, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");
