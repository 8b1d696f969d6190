//! Phone-OTP sign-in, access and refresh tokens, sessions, the user's profile.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
pub mod tokens;
