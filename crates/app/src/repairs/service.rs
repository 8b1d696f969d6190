//! Tashlih rules in two parts: presence, requests and offers up to
//! acceptance (`service/requests.rs`), and the job after it: steps,
//! payment, positions, earnings and admin views (`service/jobs.rs`); the rep's
//! profile (`service/profile.rs`).

pub mod jobs;
pub mod profile;
pub mod requests;
