//! The one double-entry ledger every marketplace settles through.
//!
//! A posting is two or more legs on accounts that sum to zero, booked once per
//! idempotency key. Balances are cached on the account row and changed in the
//! same statement order as the entries; wallets refuse to go below zero with
//! one conditional update, so no race can overdraw them. The database itself
//! refuses unbalanced transactions and any update or delete of entries.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{Account, LedgerError, Posting};
pub use service::post;
