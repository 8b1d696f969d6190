//! The durable job queue in PostgreSQL. A job is enqueued inside the
//! transaction of the change that causes it ([`enqueue`]), so it exists if and
//! only if that change committed. Every node's worker ([`spawn_worker`])
//! claims due jobs with one `FOR UPDATE SKIP LOCKED` statement under a lease
//! (the visibility timeout, renewed while the job runs); a node killed
//! mid-job stops renewing, its lease runs out and another node takes the job
//! over. A failed job is tried again after an exponential backoff with jitter
//! and becomes a dead letter after its last attempt; admins list dead letters
//! and send them back to the queue (`jobs.manage`).
//!
//! Handlers are registered by kind in one match ([`worker::Kind`]).

pub mod model;
mod repo;
pub mod routes;
pub mod service;
pub mod worker;

pub use model::Claimed;
pub use service::{claim, enqueue, enqueue_at};
pub use worker::{JobError, Kind, run_once, spawn_worker};
