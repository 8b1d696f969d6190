//! Saved cards: a customer's card as the card gateway tokenised it ("Pay by
//! Token"), kept only when the customer asked (`saveCard` on a card payment)
//! and the payment was captured, so that a later payment (`savedCardId`) is
//! charged through the gateway with no hosted page. No card data is kept:
//! the gateway's token (never answered, cleared on delete) and what the
//! customer recognises the card by (scheme, last four digits, expiry, name).
//!
//! The payment engine calls [`service::remember`] in the capture's
//! transaction; checkout and "pay again" call [`service::choose`] when they
//! open a card session and [`service::charge`] after it committed, so a
//! saved-card capture is the hosted page's capture (`payments::gateway::
//! sync_session`): same ledger postings, same settlement.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{MAX_CARDS, SavedCard, SavedCardResult};
pub use service::{charge, choose, remember};
