//! The customer's own things: favorite products and stores, saved addresses.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
