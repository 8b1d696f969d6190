//! Simplified tax invoices: one per order, issued by the store's company (the
//! seller of record) when the order is confirmed, numbered without gaps per
//! seller, carrying the ZATCA phase-1 QR code.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
