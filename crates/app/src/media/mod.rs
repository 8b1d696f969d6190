//! Uploaded files: real type from the bytes, EXIF stripped, thumbnails,
//! stored in the object store and served through the API.

pub mod decoding;
pub mod model;
mod repo;
pub mod routes;
pub mod service;
