//! Car taxonomy (make → model → year range → body type) and part categories:
//! public reads, admin changes under `catalog.manage`, and the reference data
//! seeded at every start.

pub mod data;
pub mod model;
mod repo;
pub mod routes;
pub mod seed;
pub mod service;
