//! Suppliers and tenancy: companies, stores (branches), employees, store
//! types and services, and the one store-access check.

pub mod access;
pub mod model;
mod repo;
pub mod routes;
pub mod seed;
pub mod service;
