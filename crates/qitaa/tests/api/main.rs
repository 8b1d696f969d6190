//! Integration tests: the real router over HTTP against a real PostgreSQL.

mod harness;

mod admin;
mod auth;
mod browser;
mod browser_catalog;
mod chromium;
mod conventions;
mod customer;
mod matrix;
mod media;
mod ops;
mod products;
mod sms;
mod stores;
mod taxonomy;
mod web;
mod web_catalog;
