//! My garage: a customer's saved cars (make, model and year from the
//! taxonomy, an optional VIN checked and read by `kernel::vin`, a nickname),
//! one of them the default. Search's "fits my car" filter, product pages and
//! store requests read a car through [`service::car_of`].

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{Car, CarFit};
pub use service::car_of;
