//! Geography: countries, their regions, cities and areas (districts), in
//! Arabic and English. Public reads for pickers, admin changes under
//! `catalog.manage`. Addresses and stores point at a city through
//! [`service::city_name`].

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use service::city_name;
