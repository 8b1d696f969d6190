//! Integration tests: the real router over HTTP against a real PostgreSQL.

mod harness;

mod admin;
mod auth;
mod browser;
mod conventions;
mod media;
mod ops;
mod sms;
mod taxonomy;
mod web;
