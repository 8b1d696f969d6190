//! The partner dashboard for suppliers and store employees: OTP sign-in
//! with a cookie session, the company registration, stores, teams and
//! products. Every page calls the services, which decide access.

mod auth;
mod bookings;
mod bookings_menu;
mod bookings_schedule;
mod chats;
pub(crate) mod company;
mod home;
mod legal;
mod nav;
pub(crate) mod orders;
mod product_draft;
mod product_form;
mod product_shipping;
mod products;
mod promotion_draft;
mod promotion_form;
mod promotions;
mod request_offer;
mod requests;
mod store_balance;
mod store_reviews;
mod store_settings;
mod stores;
mod support;
mod team;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use app::stores::access::StoreRole;
use app::stores::model::{PartnerStore, StorePermission, StoreRoleName};
use app::stores::service::branches;
use kernel::ApiError;
use kernel::ids::parse_id;

use crate::chrome::{Chrome, WebCtx};
use crate::shared;
use crate::signin::{self, Surface};

/// Suppliers, and customers who work at a store (employees keep their
/// customer account).
fn partner_role(role: Role) -> bool {
    matches!(role, Role::Supplier | Role::Customer)
}

pub const SURFACE: Surface = Surface {
    cookie: "qitaa_partner_session",
    title_key: "web-partner-title",
    refused_key: "web-partner-no-access",
    allowed: partner_role,
    nav: nav::build,
};

/// This surface, for [`Session`].
pub enum Partner {}

impl signin::SignedSurface for Partner {
    const SURFACE: &'static Surface = &SURFACE;
    fn base(ctx: &WebCtx) -> &'static str {
        ctx.partner_base()
    }
    fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
        error_page(ctx, e)
    }
}

/// The signed-in user of this surface (or a redirect to its sign-in).
pub type Session = signin::Signed<Partner>;

pub fn router() -> Router<AppState> {
    // Forms with files lift the JSON cap; each file is held to `max_upload_bytes`.
    let uploads = || DefaultBodyLimit::disable();
    Router::new()
        .route("/", get(home::page))
        .route("/sign-in", get(auth::sign_in_page).post(auth::send_code))
        .route("/sign-in/verify", post(auth::verify_code))
        .route("/sign-out", post(auth::sign_out))
        .route("/terms", get(legal::terms))
        .route("/privacy", get(legal::privacy))
        .route(
            "/company",
            get(company::page).post(company::save).layer(uploads()),
        )
        .route("/stores", get(stores::page).post(stores::create))
        .route("/stores/{store}/team", get(team::page).post(team::add))
        .route(
            "/stores/{store}/settings",
            get(store_settings::page).post(store_settings::save),
        )
        .route("/stores/{store}/delete", post(store_settings::delete))
        .route("/stores/{store}/reviews", get(store_reviews::page))
        .route(
            "/stores/{store}/reviews/{id}/reply",
            post(store_reviews::reply),
        )
        .route("/stores/{store}/balance", get(store_balance::page))
        .route("/stores/{store}/team/{id}", post(team::update))
        .route("/stores/{store}/team/{id}/remove", post(team::remove))
        .route(
            "/stores/{store}/products",
            get(products::list)
                .post(product_form::create)
                .layer(uploads()),
        )
        .route("/stores/{store}/products/new", get(product_form::new_page))
        .route(
            "/stores/{store}/products/{id}",
            post(product_form::update).layer(uploads()),
        )
        .route(
            "/stores/{store}/products/{id}/edit",
            get(product_form::edit_page),
        )
        .route(
            "/stores/{store}/products/{id}/shipping",
            post(product_shipping::save),
        )
        .route(
            "/stores/{store}/products/{id}/submit",
            post(products::submit),
        )
        .route(
            "/stores/{store}/products/{id}/delete",
            post(products::delete),
        )
        .route(
            "/stores/{store}/promotions",
            get(promotions::list).post(promotion_form::create),
        )
        .route(
            "/stores/{store}/promotions/new",
            get(promotion_form::new_page),
        )
        .route(
            "/stores/{store}/promotions/{id}",
            post(promotion_form::update),
        )
        .route(
            "/stores/{store}/promotions/{id}/edit",
            get(promotion_form::edit_page),
        )
        .route("/stores/{store}/promotions/{id}/end", post(promotions::end))
        .route(
            "/stores/{store}/promotions/{id}/delete",
            post(promotions::delete),
        )
        .route("/stores/{store}/orders", get(orders::list))
        .route("/stores/{store}/orders/{id}", get(orders::detail))
        .route("/stores/{store}/orders/{id}/status", post(orders::step))
        .route("/stores/{store}/bookings", get(bookings::calendar))
        .route("/stores/{store}/bookings/{id}/status", post(bookings::step))
        .route(
            "/stores/{store}/bookings/{id}/reject",
            get(bookings::reject_dialog),
        )
        .route(
            "/stores/{store}/services",
            get(bookings_menu::page).post(bookings_menu::create),
        )
        .route("/stores/{store}/services/{id}", post(bookings_menu::update))
        .route(
            "/stores/{store}/services/{id}/edit",
            get(bookings_menu::edit_page),
        )
        .route(
            "/stores/{store}/services/{id}/delete",
            post(bookings_menu::delete),
        )
        .route(
            "/stores/{store}/schedule",
            get(bookings_schedule::page).post(bookings_schedule::save),
        )
        .route(
            "/stores/{store}/schedule/blocks",
            post(bookings_schedule::add_block),
        )
        .route(
            "/stores/{store}/schedule/blocks/{id}/delete",
            post(bookings_schedule::delete_block),
        )
        .route("/stores/{store}/requests", get(requests::inbox))
        .route("/stores/{store}/requests/{id}", get(requests::detail))
        .route(
            "/stores/{store}/requests/{id}/offers",
            post(request_offer::send).layer(uploads()),
        )
        .route(
            "/stores/{store}/requests/{id}/offers/{offer}",
            post(request_offer::revise).layer(uploads()),
        )
        .route(
            "/stores/{store}/requests/{id}/offers/{offer}/withdraw",
            post(request_offer::withdraw),
        )
        .route("/stores/{store}/requests/{id}/chat", post(requests::chat))
        .route(
            "/stores/{store}/coverage",
            get(requests::coverage).post(requests::save_coverage),
        )
        .route("/chats", get(chats::list))
        .route("/chats/{id}", get(chats::thread))
        .route(
            "/chats/{id}/messages",
            get(crate::support_chat::thread_history::<Partner>).post(chats::send),
        )
        .route(
            "/chats/{id}/read",
            post(crate::support_chat::thread_read::<Partner>),
        )
        .route("/support", get(support::page))
        .route(
            "/support/messages",
            get(crate::support_chat::history::<Partner>).post(support::send),
        )
        .route("/support/read", post(crate::support_chat::read::<Partner>))
        .route(
            "/realtime-token",
            post(crate::support_chat::token::<Partner>),
        )
        .route("/fitment/models", get(products::models))
        .route("/fitment/row", get(products::fitment_row))
        .route("/media/{id}", get(media))
        .route("/media/{id}/thumb", get(thumb))
        .fallback(not_found)
}

pub fn chrome(ctx: &WebCtx, csrf: &str) -> Chrome {
    shared::chrome(ctx, csrf)
}

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "partner/error.html")]
struct ErrorPage {
    c: Chrome,
    section: &'static str,
    status: u16,
    message: String,
    back: String,
}

/// The error page inside the partner layout (its navigation kept), in the
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
        back: shared::home_url(ctx.partner_base()),
    };
    (status, page).into_response()
}

/// Any other path under the partner dashboard: its 404 page.
async fn not_found(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let csrf = signin::current(&state, &ctx, &SURFACE, ctx.partner_base())
        .await
        .map(|(_, csrf)| csrf)
        .unwrap_or_default();
    error_page_for(&ctx, ApiError::NotFound, &csrf)
}

/// The signed-in partner and the session's CSRF token, or a redirect to sign-in.
pub async fn session(state: &AppState, ctx: &WebCtx) -> Result<(Caller, String), Response> {
    signin::session(state, ctx, &SURFACE, ctx.partner_base()).await
}

/// The signed-in partner of a form or htmx action whose CSRF token matches.
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

/// A store as its pages' header and links show it.
#[derive(Clone)]
pub struct StoreNav {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
    pub products: bool,
    pub manage_products: bool,
    pub team: bool,
    pub orders: bool,
    pub manage_orders: bool,
    pub settings: bool,
    pub owner: bool,
    pub requests: bool,
    pub manage_requests: bool,
    /// The store's type binds services and the caller manages its bookings
    /// (the calendar, service menu and schedule tabs); set by [`store_of`].
    pub bookings: bool,
}

impl StoreNav {
    /// Links are shown by the store-access rules; the services check again.
    pub fn of(s: &PartnerStore) -> StoreNav {
        let access = match s.role {
            StoreRoleName::Owner => StoreRole::Owner,
            StoreRoleName::Employee => StoreRole::Employee(s.permissions.clone()),
        };
        StoreNav {
            id: s.store.id.to_string(),
            name_ar: s.store.name_ar.clone(),
            name_en: s.store.name_en.clone(),
            products: access.allows(StorePermission::ProductsView),
            manage_products: access.allows(StorePermission::ProductsManage),
            team: access.allows(StorePermission::StoreTeamManage),
            orders: access.allows(StorePermission::OrdersView),
            manage_orders: access.allows(StorePermission::OrdersManage),
            settings: access.allows(StorePermission::StoreSettingsManage),
            owner: matches!(access, StoreRole::Owner),
            requests: access.allows(StorePermission::RequestsView),
            manage_requests: access.allows(StorePermission::RequestsManage),
            bookings: false,
        }
    }
}

impl StoreNav {
    /// The tabs the store's type decides on top of the caller's rights.
    pub async fn by_type(&mut self, state: &AppState, caller: &Caller, id: Uuid) {
        let on = state.settings.current().marketplaces;
        // Services of the store's type, as the menu editor offers them;
        // refused (no `bookings.manage`) or none: no booking tabs.
        self.bookings = on.bookings
            && app::bookings::service::menu::bindable(state, caller, id)
                .await
                .is_ok_and(|services| !services.is_empty());
        // Parts requests reach stores that sell parts only.
        self.requests &= on.requests;
        if self.requests {
            self.requests = app::requests::service::store::receives_requests(state, id)
                .await
                .unwrap_or(false);
            self.manage_requests &= self.requests;
        }
    }
}

/// The store of a store page, as the caller stands in it (404 for outsiders).
pub async fn store_of(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    id: &str,
) -> Result<(Uuid, StoreNav), Response> {
    let id = parse_id(id).map_err(|e| error_page(ctx, e))?;
    match branches::get(state, caller, id).await {
        Ok(s) => {
            let mut nav = StoreNav::of(&s);
            nav.by_type(state, caller, id).await;
            Ok((id, nav))
        }
        Err(e) => Err(error_page(ctx, e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/no_access.html")]
struct NoAccess {
    c: Chrome,
    base: &'static str,
}

/// For a signed-in user who neither registers a company (suppliers do)
/// nor works at any store.
pub fn no_access(ctx: &WebCtx, csrf: &str) -> Response {
    let page = NoAccess {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
    };
    (StatusCode::FORBIDDEN, page).into_response()
}

/// Whether the caller has anything to do here.
pub async fn has_access(state: &AppState, caller: &Caller) -> Result<bool, ApiError> {
    if caller.role == Role::Supplier {
        return Ok(true);
    }
    Ok(!branches::mine(state, caller).await?.is_empty())
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
