//! Phone-OTP sign-in, access and refresh tokens, sessions, the user's profile.

pub mod model;
pub mod repo;
pub mod routes;
pub mod service;
pub mod tokens;
