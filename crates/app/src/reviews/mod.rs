//! Reviews of delivered orders: a store review and product reviews, once per
//! order and target; the store's reply; moderation. Stores' and products'
//! rating aggregates count visible reviews only.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
