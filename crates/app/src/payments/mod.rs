//! The payment engine: one engine for card, wallet and cash, paying any
//! payment target (an order now; store-request offers, bookings, rep orders,
//! external-part orders and wallet top-ups add a [`target::PaymentTarget`]
//! implementation and nothing else).
//!
//! Money moves only through the ledger, each movement under an idempotency
//! key derived from the payment or refund it belongs to, so a duplicate
//! webhook, retry or race books once.

pub mod gateway;
pub mod model;
mod repo;
pub mod routes;
pub mod sandbox;
pub mod service;
pub mod target;
