//! Referrals: every customer has a short code; a new customer applies
//! someone's code once, before their first delivered order. When that
//! first order is delivered, both wallets are credited in the delivery's
//! transaction (Dr promotions expense · Cr customer wallet), exactly once,
//! the referrer only while under the monthly cap; one reward per phone and
//! per device. Admins holding `coupons.manage` list and revoke referrals.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use service::on_order_delivered;
