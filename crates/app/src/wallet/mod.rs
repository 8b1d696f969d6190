//! The customer wallet: its balance and history come from the ledger; admins
//! credit or debit it with a reason (audited) and export every movement;
//! customers top it up by card (`topup`).

pub mod model;
mod repo;
pub mod routes;
pub mod service;
pub mod topup;

pub use topup::WalletTopupTarget;
