//! Store requests (RFQ): a customer asks the stores around them for a part
//! ("a left headlight for a 2016 Sonata"); the active parts stores whose
//! declared coverage includes the make or the category, within the radius,
//! receive it (inbox, live `request:new`, notification) without the
//! customer's phone or street; their staff send offers, revise or withdraw
//! them, and negotiate in the request's chat thread; the customer accepts
//! one. Acceptance closes the request and every other offer in one
//! transaction and places an order of the winning store through the
//! direct-order pipeline (`orders::checkout::offer`), whose source is the
//! request: payment, fulfilment, invoice, review and settlement are the
//! direct order's. Requests and offers expire by jobs on the durable queue.

pub mod model;
mod repo;
pub mod routes;
pub mod seed;
pub mod service;

pub use service::expiry::{expire_offer, expire_request};
pub use service::photos::may_see_photo;
