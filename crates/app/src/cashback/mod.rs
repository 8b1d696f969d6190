//! Cashback rules: a percent of what the customer paid, capped, credited to
//! the wallet when an order is delivered (booked by the payment engine). Admins
//! holding `coupons.manage` (promotions) manage them.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
