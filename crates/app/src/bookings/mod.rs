//! Service bookings (car wash, oil change, workshop jobs): stores of a type
//! that binds services publish a menu priced per body type, a weekly
//! schedule with bays and blocked periods; customers see the free slots for
//! the services they chose (`slots.rs`: pure arithmetic in Asia/Riyadh),
//! book one and pay through the `service_booking` payment target
//! (`payable.rs`); the store confirms, starts, completes or marks a no-show.
//! A bay is held by an exclusion constraint on its time range, so double
//! booking cannot happen whatever the concurrency.

pub mod model;
pub mod payable;
mod repo;
mod rollup;
pub mod routes;
pub mod seed;
pub mod service;
pub mod slots;

pub use payable::BookingTarget;
pub use service::steps::{expire_unpaid, remind};
