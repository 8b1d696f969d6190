//! Store promotions: a store lowers the price of chosen products (by product
//! and/or category) for a window of time, at its own cost. The cart and
//! checkout price each line with [`price`] (the best running promotion of its
//! store, never stacked); `calc.rs` holds the pure arithmetic.

pub mod calc;
pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use calc::Unit;
pub use model::AppliedPromotion;
pub use service::price;
