//! Direct orders: checkout turns the cart into one order per store in one
//! transaction; each order then walks a checked state machine whose every
//! step is recorded and carries its stock and money effects.

pub mod checkout;
pub mod model;
pub mod pay;
pub mod payable;
pub mod pricing;
mod repo;
mod rollup;
pub mod routes;
pub mod seed;
pub mod service;
pub mod status;
