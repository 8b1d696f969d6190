//! Site content admins manage (`content.manage`): banners per app with a
//! schedule, FAQs per audience, versioned static pages (terms, privacy),
//! social links; and the public contact inbox behind a honeypot and a
//! per-address rate limit.

pub mod model;
mod repo;
pub mod routes;
pub mod service;

pub use model::{Audience, ContactInput, PageSlug, PageVersion, SocialLink};
pub use service::{contact, published_page, social_links};
