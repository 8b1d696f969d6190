//! Products: bilingual listings with variants, images and fitment, their
//! approval lifecycle, and Arabic-aware search.

pub mod model;
pub mod params;
mod repo;
pub mod routes;
pub mod search;
pub mod seed;
pub mod service;
