//! Shipping: each store order is quoted a delivery fee at checkout by the
//! carrier (OTO when configured, else the local courier's rate table), fixed
//! on the order with the platform's shipping commission. When the store marks
//! the order ready, a shipment follows it: created at OTO by a job (retried
//! with backoff, a dead letter for admins if it keeps failing), then moved by
//! OTO's tracking events (a signed webhook, idempotent; the sweeper asks OTO
//! about shipments without news for half an hour) or, for the local
//! courier, by the store's own steps. Events move the order through its
//! state machine (shipped, delivered: settlement) and reach the customer
//! live (`shipment:status`) and by push.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use service::ship::{create_job, on_order_step};
pub use service::track::poll;
