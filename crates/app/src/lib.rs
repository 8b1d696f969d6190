//! The product's features. Each folder is one feature with the same files:
//! `model.rs` (types and API shapes), `service.rs` (rules and transactions),
//! `repo.rs` (SQL), `routes.rs` (thin HTTP handlers).

pub mod admin;
pub mod audit;
pub mod auth;
pub mod bookings;
pub mod cart;
pub mod cashback;
pub mod chat;
pub mod config;
pub mod content;
pub mod coupons;
pub mod customer;
pub mod danger;
pub mod doc;
pub mod external;
pub mod garage;
pub mod geography;
pub mod idempotency;
pub mod identity;
pub mod invoices;
pub mod jobs;
pub mod ledger;
pub mod media;
pub mod notifications;
pub mod orders;
pub mod payments;
pub mod products;
pub mod promotions;
pub mod ratelimit;
pub mod realtime;
pub mod referrals;
pub mod registrations;
pub mod repairs;
pub mod requests;
pub mod reviews;
pub mod saved_cards;
pub mod seed;
pub mod settings;
pub mod shipping;
pub mod state;
pub mod stats;
pub mod stores;
pub mod taxonomy;
pub mod wallet;

pub use state::AppState;

use utoipa_axum::router::OpenApiRouter;

/// What can be paid for, one [`payments::target::PaymentTarget`] per flow; a
/// new flow adds its own here and touches no payments file.
pub fn payment_targets() -> Vec<&'static dyn payments::target::PaymentTarget> {
    vec![
        &orders::payable::OrderTarget,
        &external::ExternalOrderTarget,
        &bookings::BookingTarget,
        &repairs::RepOrderTarget,
        &wallet::WalletTopupTarget,
    ]
}

/// Every `/api/v1` route with its OpenAPI description.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(identity::routes::router())
        .merge(admin::routes::router())
        .merge(audit::routes::router())
        .merge(taxonomy::routes::router())
        .merge(geography::routes::router())
        .merge(media::routes::router())
        .merge(stores::routes::router())
        .merge(customer::routes::router())
        .merge(garage::routes::router())
        .merge(requests::routes::router())
        .merge(external::routes::router())
        .merge(bookings::routes::router())
        .merge(repairs::routes::router())
        .merge(registrations::routes::router())
        .merge(content::routes::router())
        .merge(shipping::routes::router())
        .merge(settings::routes::router())
        .merge(danger::routes::router())
        .merge(products::routes::router())
        .merge(promotions::routes::router())
        .merge(cart::routes::router())
        .merge(coupons::routes::router())
        .merge(orders::routes::router())
        .merge(invoices::routes::router())
        .merge(payments::routes::router())
        .merge(saved_cards::routes::router())
        .merge(wallet::routes::router())
        .merge(ledger::routes::router())
        .merge(cashback::routes::router())
        .merge(referrals::routes::router())
        .merge(chat::routes::router())
        .merge(reviews::routes::router())
        .merge(jobs::routes::router())
        .merge(notifications::routes::router())
        .merge(stats::routes::router())
}
