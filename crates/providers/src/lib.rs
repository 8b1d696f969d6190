//! Adapters to the outside world: SMS, card payments, storage, push, email, shipping.

pub mod email;
pub mod outbound;
pub mod payments;
pub mod push;
pub mod shipping;
pub mod sms;
pub mod storage;
pub mod webpush;
