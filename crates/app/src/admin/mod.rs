//! The admin platform's people side: permissions and the one guard of every
//! admin route, the user list, suspension and approval, admins, deletions.

pub mod activity;
pub mod model;
pub mod permissions;
mod repo;
pub mod routes;
pub mod service;
