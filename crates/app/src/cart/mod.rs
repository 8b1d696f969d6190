//! The customer's server-side cart, across stores. Every change is checked
//! against the product's status, stock and price; the prices shown are always
//! the server's, recomputed on every read.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
