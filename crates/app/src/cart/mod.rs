//! The customer's server-side cart, across stores. Every change is checked
//! against the product's status, stock and price; the prices shown are always
//! the server's, recomputed on every read, and each store's delivery is
//! quoted by the carrier as checkout will quote it (`quote`).

pub mod model;
pub mod quote;
mod repo;
pub mod routes;
pub mod service;
