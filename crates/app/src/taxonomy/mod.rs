//! Car taxonomy (make → model → year range → body type) and part categories.

pub mod routes;
pub mod seed;
