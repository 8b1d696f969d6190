//! Shared vocabulary of every feature: locale and translated messages, the API
//! error and success envelopes, request extractors, phone numbers, pagination,
//! the ZATCA invoice QR code.

pub mod body;
pub mod envelope;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod ids;
pub mod locale;
pub mod money;
pub mod net;
pub mod pagination;
pub mod phone;
pub mod text;
pub mod validation;
pub mod vin;
pub mod zatca;

pub use envelope::{ApiOk, Meta};
pub use error::{ApiError, ApiResult};
pub use i18n::Message;
pub use locale::Locale;
pub use validation::FieldErrors;
