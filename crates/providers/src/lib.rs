//! Adapters to the outside world (SMS now; push, email, payments, shipping, storage later).

pub mod sms;
pub mod storage;
