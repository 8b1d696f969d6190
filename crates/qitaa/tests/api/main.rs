//! Integration tests: the real router over HTTP against a real PostgreSQL.

mod harness;
#[path = "../js/js_client.rs"]
mod js_client;

mod admin;
mod auth;
mod browser;
mod browser_account;
mod browser_admin_more;
mod browser_admin_pages;
mod browser_bidi;
mod browser_broadcasts;
mod browser_catalog;
mod browser_chat;
mod browser_commerce;
mod browser_orders;
mod browser_partner_pages;
mod browser_phone;
mod browser_site;
mod checkout;
mod chromium;
mod conventions;
mod coupons;
mod customer;
mod dashboards;
mod garage;
mod jobs;
mod ledger_props;
mod matrix;
mod media;
mod ngenius_flow;
mod notifications;
mod ops;
mod payments;
mod products;
mod races;
mod requests;
mod reviews;
mod rfq;
mod shop;
mod sms;
mod sockets;
mod stores;
mod taxonomy;
mod web;
mod web_catalog;
