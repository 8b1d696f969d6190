//! Site content admins manage (`content.manage`): banners per app with a
//! schedule, FAQs per audience, versioned static pages (terms, privacy),
//! social links; and the public contact inbox behind a honeypot and a
//! per-address rate limit.

mod banner_image;
pub mod model;
mod repo;
pub mod routes;
pub mod seed;
pub mod service;

pub use banner_image::{Picture, save_with_picture};
pub use model::{
    Audience, Banner, BannerApp, ContactInput, Faq, PageSlug, PageVersion, SocialLink,
};
pub use service::{contact, live_banners, public_faqs, published_page, social_links};
