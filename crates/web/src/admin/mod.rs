//! The admin dashboard: OTP sign-in with a cookie session, users, the
//! company and product review queues, the car and part taxonomy, orders
//! and their shipments.

mod admins;
mod audit;
mod auth;
mod bookings;
mod broadcasts;
mod cashback;
pub(crate) mod common;
mod companies;
mod content;
mod content_banners;
mod coupons;
mod courier_rates;
mod deletions;
mod external_orders;
mod geography;
mod geography_state;
mod home;
mod hx;
mod inbox;
mod jobs;
mod merchant_import;
mod merchants;
mod nav;
mod notification_templates;
mod orders;
mod pickup_locations;
mod product;
mod products;
mod referrals;
mod registration;
mod registrations;
mod repair_jobs;
mod reps;
mod requests;
mod requests_detail;
mod reviews;
mod service_catalog;
mod settings;
mod shipments;
mod shipping_webhooks;
mod stats;
mod stores;
pub(crate) mod support;
mod taxonomy;
mod user;
mod users;
mod wallets;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::HeaderMap;

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use kernel::ApiError;

use crate::chrome::{Chrome, WebCtx};
use crate::shared;
use crate::signin::{self, Surface};

pub const SURFACE: Surface = Surface {
    cookie: "qitaa_admin_session",
    title_key: "web-admin-title",
    refused_key: "web-admin-not-admin",
    allowed: Role::is_admin,
    nav: nav::build,
};

/// This surface, for [`Session`].
pub enum Admin {}

impl signin::SignedSurface for Admin {
    const SURFACE: &'static Surface = &SURFACE;
    fn base(ctx: &WebCtx) -> &'static str {
        ctx.admin_base()
    }
    fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
        error_page(ctx, e)
    }
}

/// The signed-in user of this surface (or a redirect to its sign-in).
pub type Session = signin::Signed<Admin>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/sign-in", get(auth::sign_in_page).post(auth::send_code))
        .route("/sign-in/verify", post(auth::verify_code))
        .route("/sign-out", post(auth::sign_out))
        .route("/audit", get(audit::page))
        .route("/users", get(users::page))
        .route("/users/{id}", get(user::page))
        .route("/users/{id}/suspend", post(users::suspend))
        .route("/users/{id}/reactivate", post(users::reactivate))
        .route("/settings", get(settings::page).post(settings::save))
        .route("/settings/clear-data", post(settings::clear))
        .route("/settings/clear-data/step-up", post(settings::step_up))
        .route("/registrations", get(registrations::list))
        .route("/registrations/{id}", get(registration::detail))
        .route("/registrations/{id}/approve", post(registration::approve))
        .route("/registrations/{id}/reject", post(registration::reject))
        .route("/companies", get(companies::list))
        .route("/companies/{id}", get(companies::detail))
        .route("/companies/{id}/approve", post(companies::approve))
        .route("/companies/{id}/reject", post(companies::reject))
        .route("/stores", get(stores::list))
        .route("/stores/bulk/{action}", post(stores::bulk))
        .route("/stores/{id}", get(stores::detail))
        .route("/stores/{id}/activate", post(stores::activate))
        .route("/stores/{id}/suspend", post(stores::suspend))
        .route("/stores/{id}/commission", post(stores::commission))
        .route("/coupons", get(coupons::list).post(coupons::create))
        .route("/coupons/new", get(coupons::new_form))
        .route("/coupons/{id}", get(coupons::detail).post(coupons::update))
        .route("/coupons/{id}/edit", get(coupons::edit_form))
        .route("/coupons/{id}/delete", post(coupons::delete))
        .route("/content", get(content::page))
        .route("/content/faqs", post(content::create_faq))
        .route("/content/faqs/{id}/delete", post(content::delete_faq))
        .route(
            "/content/banners",
            post(content_banners::create).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/content/banners/{id}",
            post(content_banners::update).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/content/banners/{id}/active",
            post(content_banners::set_active),
        )
        .route("/content/banners/{id}/delete", post(content::delete_banner))
        .route("/content/pages/{id}/publish", post(content::publish))
        .route("/content/messages/{id}/status", post(content::set_status))
        .route("/content/links", post(content::save_links))
        .route("/cashback", get(cashback::list).post(cashback::create))
        .route("/cashback/{id}/delete", post(cashback::delete))
        .route("/referrals", get(referrals::list))
        .route("/referrals/{id}/revoke", post(referrals::revoke))
        .route("/reviews", get(reviews::list))
        .route("/reviews/bulk-hide", post(reviews::bulk_hide))
        .route("/reviews/{id}/hide", post(reviews::hide))
        .route("/reviews/{id}/restore", post(reviews::restore))
        .route("/admins", get(admins::list).post(admins::create))
        .route("/admins/new", get(admins::new_form))
        .route("/admins/{id}", get(admins::detail))
        .route("/admins/{id}/permissions", post(admins::set_permissions))
        .route("/deletions", get(deletions::list))
        .route("/deletions/finalise-due", post(deletions::finalise_due))
        .route("/deletions/{id}/finalise", post(deletions::finalise))
        .route("/products", get(products::queue))
        .route("/products/bulk", post(products::bulk))
        .route("/products/{id}", get(product::page))
        .route("/products/{id}/approve", post(products::approve))
        .route("/products/{id}/reject", post(products::reject))
        .route("/geography", get(geography::page))
        .route("/geography/cities", post(geography::add_city))
        .route(
            "/geography/cities/{id}",
            get(geography::city).post(geography::update_city),
        )
        .route("/geography/cities/{id}/areas", post(geography::add_area))
        .route(
            "/geography/cities/{id}/deactivate",
            post(geography_state::deactivate_city),
        )
        .route(
            "/geography/cities/{id}/restore",
            post(geography_state::restore_city),
        )
        .route(
            "/geography/areas/{id}/deactivate",
            post(geography_state::deactivate_area),
        )
        .route(
            "/geography/areas/{id}/restore",
            post(geography_state::restore_area),
        )
        .route("/taxonomy", get(taxonomy::page))
        .route("/taxonomy/makes", post(taxonomy::add_make))
        .route("/taxonomy/makes/{id}", get(taxonomy::make_page))
        .route("/taxonomy/makes/{id}/models", post(taxonomy::add_model))
        .route("/taxonomy/categories", post(taxonomy::add_category))
        .route(
            "/taxonomy/makes/{id}/edit",
            get(taxonomy::edit_make).post(taxonomy::update_make),
        )
        .route("/taxonomy/makes/{id}/delete", post(taxonomy::delete_make))
        .route(
            "/taxonomy/makes/{make}/models/{id}/edit",
            get(taxonomy::edit_model).post(taxonomy::update_model),
        )
        .route(
            "/taxonomy/makes/{make}/models/{id}/delete",
            post(taxonomy::delete_model),
        )
        .route(
            "/taxonomy/categories/{id}/edit",
            get(taxonomy::edit_category).post(taxonomy::update_category),
        )
        .route(
            "/taxonomy/categories/{id}/delete",
            post(taxonomy::delete_category),
        )
        .route(
            "/notification-templates",
            get(notification_templates::index),
        )
        .route(
            "/notification-templates/{event}/{channel}/{locale}",
            get(notification_templates::edit).post(notification_templates::save),
        )
        .route(
            "/notification-templates/{event}/{channel}/{locale}/preview",
            post(notification_templates::preview),
        )
        .route("/inbox", get(inbox::page))
        .route("/inbox/read-all", post(inbox::mark_all_read))
        .route("/inbox/{id}/read", post(inbox::mark_read))
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::detail))
        .route("/orders/{id}/status", post(orders::force))
        .route("/orders/{id}/refunds", post(orders::refund))
        .route("/shipments", get(shipments::list))
        .route("/shipments/{id}/retry", post(shipments::retry))
        .route("/shipments/{id}/cancel", post(shipments::cancel))
        .route("/shipping-webhooks", get(shipping_webhooks::list))
        .route("/pickup-locations", get(pickup_locations::list))
        .route(
            "/pickup-locations/{id}/resync",
            post(pickup_locations::resync),
        )
        .route(
            "/courier-rates",
            get(courier_rates::page).post(courier_rates::create),
        )
        .route("/courier-rates/{id}", post(courier_rates::update))
        .route("/courier-rates/{id}/delete", post(courier_rates::delete))
        .route("/reps", get(reps::list))
        .route("/reps/{id}", get(reps::detail))
        .route("/reps/{id}/payouts", post(reps::payout))
        .route("/repair-jobs", get(repair_jobs::list))
        .route("/repair-jobs/{id}", get(repair_jobs::detail))
        .route("/requests", get(requests::list))
        .route("/requests/{id}", get(requests_detail::page))
        .route("/requests/{id}/close", post(requests_detail::close))
        .route("/bookings", get(bookings::list))
        .route("/bookings/{id}", get(bookings::detail))
        .route("/bookings/{id}/force/{status}", get(bookings::ask))
        .route("/bookings/{id}/status", post(bookings::force))
        .route("/service-catalog", get(service_catalog::list))
        .route("/merchants", get(merchants::list).post(merchants::create))
        .route("/merchants/new", get(merchants::new_form))
        .route(
            "/merchants/import-template.csv",
            get(merchant_import::template),
        )
        .route(
            "/merchants/{id}",
            get(merchants::detail).post(merchants::update),
        )
        .route("/merchants/{id}/edit", get(merchants::edit_form))
        .route("/merchants/{id}/payouts", post(merchants::payout))
        .route(
            "/merchants/{id}/imports",
            post(merchant_import::upload).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/merchants/{id}/imports/{import}",
            get(merchant_import::report),
        )
        .route("/external-orders", get(external_orders::list))
        .route("/external-orders/{id}/status", post(external_orders::step))
        .route("/wallets/export.csv", get(wallets::export))
        .route("/wallets/{id}", get(wallets::page))
        .route("/wallets/{id}/credit", post(wallets::credit))
        .route("/wallets/{id}/debit", post(wallets::debit))
        .route("/finance", get(wallets::finance))
        .route("/stats", get(stats::page))
        .route("/stats/flows.csv", get(stats::export))
        .route(
            "/broadcasts",
            get(broadcasts::list).post(broadcasts::create),
        )
        .route("/broadcasts/{id}", get(broadcasts::detail))
        .route("/jobs", get(jobs::list))
        .route("/jobs/{id}/retry", post(jobs::retry))
        .route("/support", get(support::inbox))
        .route("/support/{id}", get(support::thread))
        .route(
            "/support/{id}/messages",
            get(support::history).post(support::send),
        )
        .route("/support/{id}/read", post(support::read))
        .route("/realtime-token", post(support::token))
        .route("/media/{id}", get(media))
        .route("/media/{id}/thumb", get(thumb))
        .fallback(not_found)
}

/// The layout chrome of a signed-in admin page.
pub fn chrome(ctx: &WebCtx, csrf: &str) -> Chrome {
    shared::chrome(ctx, csrf)
}

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "admin/error.html")]
struct ErrorPage {
    c: Chrome,
    section: &'static str,
    status: u16,
    message: String,
    back: String,
}

/// The error page inside the admin's layout (its navigation kept), in the
/// page's language, with the error's status.
pub fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
    error_page_for(ctx, e, "")
}

fn error_page_for(ctx: &WebCtx, e: ApiError, csrf: &str) -> Response {
    let (status, message) = shared::error_parts(ctx, &e);
    let page = ErrorPage {
        c: chrome(ctx, csrf),
        section: "",
        status: status.as_u16(),
        message,
        back: ctx
            .nav
            .get()
            .and_then(|n| n.first().map(|i| i.href.clone()))
            .unwrap_or_else(|| format!("{}/sign-in", ctx.admin_base())),
    };
    (status, page).into_response()
}

/// Any other path under the admin: its 404 page, signed in or not.
async fn not_found(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let csrf = signin::current(&state, &ctx, &SURFACE, ctx.admin_base())
        .await
        .map(|(_, csrf)| csrf)
        .unwrap_or_default();
    error_page_for(&ctx, ApiError::NotFound, &csrf)
}

/// The signed-in admin and the session's CSRF token, or a redirect to sign-in.
pub async fn session(state: &AppState, ctx: &WebCtx) -> Result<(Caller, String), Response> {
    signin::session(state, ctx, &SURFACE, ctx.admin_base()).await
}

/// The signed-in admin of an htmx or form action whose CSRF token matches.
pub async fn acting(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    form_token: Option<&str>,
) -> Result<(Caller, String), Response> {
    let (caller, csrf) = session(state, ctx).await?;
    if !shared::session_csrf_ok(&csrf, headers, form_token) {
        return Err(error_page(ctx, shared::csrf_error()));
    }
    Ok((caller, csrf))
}

async fn media(State(state): State<AppState>, ctx: WebCtx, Path(id): Path<String>) -> Response {
    match session(&state, &ctx).await {
        Ok((caller, _)) => shared::serve_media(&state, &caller, &id, false).await,
        Err(r) => r,
    }
}

async fn thumb(State(state): State<AppState>, ctx: WebCtx, Path(id): Path<String>) -> Response {
    match session(&state, &ctx).await {
        Ok((caller, _)) => shared::serve_media(&state, &caller, &id, true).await,
        Err(r) => r,
    }
}
