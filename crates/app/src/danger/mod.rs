//! The danger zone: clearing every business record (`POST
//! /admin/clear-data`), for super admins only, behind the typed confirm
//! phrase and a fresh SMS step-up code. What survives is a fixed list
//! (admins, settings, taxonomy, geography, templates, content); every other
//! table, including those added later, is emptied unless listed here.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{CONFIRM_PHRASE, KEPT_TABLES};
