//! External parts: third-party merchants (importers, wholesalers) with no
//! store on the platform sell their catalogs through it. Admins
//! (`external.manage`) keep the merchants and import their CSV catalogs
//! (`import.rs`: streamed into PostgreSQL with `COPY`, checked row by row in
//! SQL, upserted by SKU in one transaction; parts a file no longer lists
//! become unavailable). Customers find the parts with the same Arabic-aware
//! normalisation as products, and order them through their own pipeline
//! (`orders.rs`), paid through the `external_part_order` payment target
//! (`payable.rs`) and settled into the merchant's payable account.

pub mod import;
pub mod model;
pub mod orders;
pub mod payable;
mod repo;
mod rollup;
pub mod routes;
pub mod service;

pub use payable::ExternalOrderTarget;
