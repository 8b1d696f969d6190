//! Registration requests of suppliers and representatives from the landing
//! site: a draft kept server-side between the form's steps (opened by an
//! unguessable draft token), documents uploaded through `media`, submission
//! confirmed by a signed one-time link e-mailed to the applicant, and the
//! admins' queue, where approval opens the account (with `identity`), a
//! supplier's company (with `stores`) or a representative's profile (with
//! `repairs`) in one transaction, and rejection sends the reason with a link
//! to resume, edit and submit again.

pub mod model;
mod repo;
pub mod routes;
pub mod service;
pub mod tokens;

pub use service::applicant;
pub use service::message::send_message;
pub use service::review;
