//! Tashlih: on-demand repair by a travelling representative. Reps go
//! online with their position; a customer's request (battery, tyre,
//! towing …, at a map pin, now or later) reaches the online reps within the
//! configured distance, live and by push; each may offer a price and an
//! ETA; the customer accepts one atomically and a job starts with its chat
//! thread. The rep streams positions, checked and rate-limited, to that
//! customer only (`rep:location`), steps the job to completion, and is paid
//! through the `rep_order` payment target into the rep payable account.

pub mod model;
pub mod payable;
mod repo;
mod rollup;
pub mod routes;
pub mod service;

pub use payable::RepOrderTarget;
pub use service::jobs::prune;
pub use service::profile::{RepProfile, open_profile};
pub use service::requests::may_see_photo;
