//! Coupons: admin management, the checkout's quote / redeem / release, and
//! the customer's check of a code against their cart. `calc.rs` holds the
//! pure arithmetic (eligible lines, discount, allocation to lines).

pub mod calc;
pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{CouponQuote, QuoteLine};
pub use service::{quote, redeem, release};
