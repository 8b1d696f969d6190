//! The customer web app (mobile first; the PWA later): OTP sign-in with its
//! own cookie session, browsing and search, the product page, the cart,
//! checkout (card through the gateway's hosted page, wallet, cash), orders
//! with their history, and the printable tax invoice. Browsing is open to
//! everyone; the rest needs a signed-in customer. Every page calls the
//! services, which decide access (another customer's order is 404).

mod account;
mod account_addresses;
mod account_invite;
mod account_lists;
mod account_reviews;
mod address_form;
mod auth;
mod bookings;
mod bookings_book;
mod browse;
mod cards;
mod cart;
mod checkout;
mod external;
mod garage;
mod invoice;
mod legal;
mod order_tracking;
mod orders;
mod rate;
mod repairs;
mod repairs_job;
mod request_chat;
mod requests;
mod support;

use std::borrow::Borrow;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use http::{HeaderMap, StatusCode, header};
use time::OffsetDateTime;

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use app::identity::service as identity;
use app::media::service as media;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use crate::chrome::{Chrome, MountedAtHost, WebCtx};
use crate::shared;
use crate::signin::{self, Surface};

fn customer_role(role: Role) -> bool {
    role == Role::Customer
}

pub const SURFACE: Surface = Surface {
    cookie: "qitaa_app_session",
    title_key: "app-signin-title",
    refused_key: "app-signin-refused",
    allowed: customer_role,
    nav: no_sidebar,
};

/// The app has bottom tabs, not a sidebar.
fn no_sidebar<'a>(
    _: &'a AppState,
    _: &'a Caller,
    _: &'static str,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = crate::chrome::Nav> + Send + 'a>> {
    Box::pin(async { crate::chrome::Nav::default() })
}

/// This surface, for [`Session`].
pub enum App {}

impl signin::SignedSurface for App {
    const SURFACE: &'static Surface = &SURFACE;
    fn base(ctx: &WebCtx) -> &'static str {
        app_base(ctx)
    }
    fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
        error_page(ctx, e)
    }
}

/// The signed-in user of this surface (or a redirect to its sign-in).
pub type Session = signin::Signed<App>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(browse::home))
        .route("/sign-in", get(auth::sign_in_page).post(auth::send_code))
        .route("/sign-in/verify", post(auth::verify_code))
        .route("/sign-out", post(auth::sign_out))
        .route("/products/{id}", get(browse::product))
        .route("/cart", get(cart::page))
        .route("/cart/items", post(cart::add))
        .route("/cart/items/{id}", post(cart::set_quantity))
        .route("/cart/items/{id}/remove", post(cart::remove))
        .route("/checkout", get(checkout::page).post(checkout::submit))
        .route("/orders", get(orders::list))
        .route("/orders/{id}", get(orders::detail))
        .route("/orders/{id}/tracking", get(order_tracking::fragment))
        .route("/orders/{id}/cancel", post(orders::cancel))
        .route("/orders/{id}/pay", post(orders::pay))
        .route("/orders/{id}/invoice", get(invoice::page))
        .route(
            "/orders/{id}/review",
            get(account_reviews::page).post(account_reviews::submit),
        )
        .route("/orders/{id}/review-status", get(account_reviews::status))
        .route(
            "/requests",
            get(requests::list)
                .post(requests::create)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/requests/new", get(requests::new))
        .route("/external-parts/{id}", get(external::part))
        .route("/external-parts/{id}/order", post(external::order))
        .route("/external-orders/{id}", get(external::order_page))
        .route("/requests/{id}", get(requests::detail))
        .route("/requests/{id}/cancel", post(requests::cancel))
        .route("/requests/{id}/chat/{store}", get(request_chat::open))
        .route("/chats/{id}", get(request_chat::thread))
        .route(
            "/chats/{id}/messages",
            get(crate::support_chat::thread_history::<App>).post(request_chat::send),
        )
        .route(
            "/chats/{id}/read",
            post(crate::support_chat::thread_read::<App>),
        )
        .route(
            "/requests/{id}/offers/{offer}/accept",
            post(requests::accept_offer),
        )
        .route("/washes", get(bookings_book::washes))
        .route(
            "/washes/{store}",
            get(bookings_book::wash).post(bookings_book::submit),
        )
        .route("/washes/{store}/slots", get(bookings_book::slots))
        .route("/bookings", get(bookings::list))
        .route("/bookings/{id}", get(bookings::detail))
        .route("/bookings/{id}/cancel", post(bookings::cancel))
        .route("/bookings/{id}/review", post(rate::booking))
        // Roadside help (Tashlih): requests, their live offers, the live job.
        .route("/repairs", get(repairs::list).post(repairs::create))
        .route("/repairs/new", get(repairs::new))
        .route("/repairs/{id}", get(repairs::detail))
        .route("/repairs/{id}/offers", get(repairs::offers))
        .route("/repairs/{id}/cancel", post(repairs::cancel))
        .route("/repairs/{id}/offers/{offer}/accept", post(repairs::accept))
        .route("/repair-jobs/{id}", get(repairs_job::page))
        .route("/repair-jobs/{id}/pay", post(repairs_job::pay))
        .route("/repair-jobs/{id}/cancel", post(repairs_job::cancel))
        .route("/repair-jobs/{id}/dispute", post(repairs_job::dispute))
        .route("/repair-jobs/{id}/review", post(rate::job))
        .route("/repair-jobs/{id}/chat", get(repairs_job::chat))
        .route(
            "/repair-jobs/{id}/chat/messages",
            get(repairs_job::chat_history).post(repairs_job::chat_send),
        )
        .route("/repair-jobs/{id}/chat/read", post(repairs_job::chat_read))
        .route("/account", get(account::hub))
        .route("/account/invite", post(account_invite::apply))
        .route(
            "/account/profile",
            get(account::profile).post(account::save_profile),
        )
        .route(
            "/account/addresses",
            get(account_addresses::list).post(account_addresses::create),
        )
        .route("/account/addresses/new", get(account_addresses::new_page))
        .route("/geo/areas", get(crate::geo_picker::areas))
        .route(
            "/account/addresses/{id}",
            get(account_addresses::edit_page).post(account_addresses::update),
        )
        .route(
            "/account/addresses/{id}/default",
            post(account_addresses::make_default),
        )
        .route(
            "/account/addresses/{id}/delete",
            post(account_addresses::delete),
        )
        .route("/account/cards", get(cards::page))
        .route("/account/cards/{id}/delete", post(cards::delete))
        .route("/account/garage", get(garage::page).post(garage::create))
        .route("/account/garage/{id}/default", post(garage::make_default))
        .route("/account/garage/{id}/delete", post(garage::delete))
        .route("/account/favorites", get(account_lists::favorites))
        .route(
            "/account/favorites/{kind}/{id}/remove",
            post(account_lists::remove_favorite),
        )
        .route("/account/wallet", get(account_lists::wallet_page))
        .route("/account/wallet/top-up", post(account_lists::top_up))
        .route("/account/notifications", get(account_lists::inbox))
        .route(
            "/account/notifications/read-all",
            post(account_lists::mark_all_read),
        )
        .route(
            "/account/notifications/{id}/read",
            post(account_lists::mark_read),
        )
        .route(
            "/account/delete",
            get(account::deletion).post(account::request_deletion),
        )
        .route("/account/delete/cancel", post(account::cancel_deletion))
        .route("/terms", get(legal::terms))
        .route("/privacy", get(legal::privacy))
        .route("/support", get(support::page))
        .route(
            "/support/messages",
            get(crate::support_chat::history::<App>).post(support::send),
        )
        .route("/support/read", post(crate::support_chat::read::<App>))
        .route("/realtime-token", post(crate::support_chat::token::<App>))
        .route("/app.css", get(stylesheet))
        .route("/media/{id}", get(media_original))
        .route("/media/{id}/thumb", get(media_thumb))
        .fallback(not_found)
}

/// The path under which the app is reachable for this request.
pub fn app_base(ctx: &WebCtx) -> &'static str {
    match ctx.mounted {
        Some(MountedAtHost("/app")) => "",
        _ => "/app",
    }
}

/// What the app's layout shows around every page, and the helpers its
/// templates use: texts, money, dates and statuses in the page's language.
pub struct Ui {
    pub c: Chrome,
    pub base: &'static str,
    pub signed_in: bool,
    /// Items in the cart, for the navigation badge.
    pub cart_count: i64,
    /// Which navigation entry is the current page.
    pub section: &'static str,
}

impl Ui {
    pub fn lang(&self) -> &'static str {
        self.c.lang()
    }
    pub fn dir(&self) -> &'static str {
        self.c.dir()
    }
    pub fn other_lang(&self) -> &'static str {
        self.c.other_lang()
    }
    pub fn csrf(&self) -> &str {
        &self.c.csrf
    }
    pub fn home(&self) -> String {
        shared::home_url(self.base)
    }
    pub fn t(&self, key: &str) -> String {
        t(self.c.locale, key)
    }
    /// The VAT rate in the page's digits (`15%`, or `١٥٪`).
    pub fn vat_rate(&self) -> String {
        self.c
            .pct(&kernel::money::VAT_BP)
            .trim_start_matches('+')
            .to_owned()
    }
    pub fn vat_label(&self) -> String {
        self.t_arg("app-vat", "rate", self.vat_rate())
    }
    pub fn t_arg(&self, key: &'static str, name: &'static str, value: impl AsRef<str>) -> String {
        Message::new(key)
            .arg(name, value.as_ref())
            .render(self.c.locale)
    }
    /// A message with one number, so that the plural rules of the language apply.
    pub fn t_count(&self, key: &'static str, count: impl Borrow<i64>) -> String {
        Message::new(key)
            .arg("count", *count.borrow())
            .render(self.c.locale)
    }
    pub fn pick<'a>(&self, ar: &'a str, en: &'a str) -> &'a str {
        self.c.pick(ar, en)
    }
    /// Halalas as `115.00 ر.س` / `SAR 115.00`.
    pub fn money(&self, halalas: impl Borrow<i64>) -> String {
        money(self.c.locale, *halalas.borrow())
    }
    /// An order's status in words.
    pub fn order_status(&self, status: &str) -> String {
        t(self.c.locale, &format!("app-order-status-{status}"))
    }
    pub fn method(&self, method: &str) -> String {
        t(self.c.locale, &format!("app-method-{method}"))
    }
    pub fn payment_state(&self, state: &str) -> String {
        t(self.c.locale, &format!("app-payment-state-{state}"))
    }
    pub fn actor(&self, role: &str) -> String {
        t(self.c.locale, &format!("app-actor-{role}"))
    }
    pub fn condition(&self, condition: &str) -> String {
        t(self.c.locale, &format!("app-condition-{condition}"))
    }
    pub fn when(&self, at: &OffsetDateTime) -> String {
        when(at)
    }
}

/// Money in the language's order: `115.00 ر.س`, `SAR 115.00`.
pub fn money(locale: Locale, halalas: i64) -> String {
    kernel::money::format(locale, halalas)
}

/// A time in Saudi Arabia (UTC+3), `2025-03-01 14:05`.
pub fn when(at: &OffsetDateTime) -> String {
    crate::shared::local_time(at)
}

/// The signed-in customer behind the app's cookie, if any.
pub struct Visitor {
    pub caller: Option<Caller>,
    pub csrf: String,
}

/// Who is looking: pages open to everyone show more to a signed-in customer.
pub async fn visitor(state: &AppState, ctx: &WebCtx) -> Result<Visitor, Response> {
    let anonymous = Visitor {
        caller: None,
        csrf: String::new(),
    };
    let Some(cookie) = ctx.jar.get(SURFACE.cookie) else {
        return Ok(anonymous);
    };
    match identity::web_session(state, cookie.value(), ctx.client.clone()).await {
        Ok(Some((caller, csrf))) if customer_role(caller.role) => Ok(Visitor {
            caller: Some(caller),
            csrf,
        }),
        Ok(_) => Ok(anonymous),
        Err(e) => Err(error_page(ctx, e)),
    }
}

/// The signed-in customer and the session's CSRF token, or a redirect to sign-in.
pub async fn session(state: &AppState, ctx: &WebCtx) -> Result<(Caller, String), Response> {
    signin::session(state, ctx, &SURFACE, app_base(ctx)).await
}

/// The signed-in customer of a form or htmx action whose CSRF token matches.
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

/// The layout's data for a page; the cart badge is read for signed-in customers.
pub async fn ui(
    state: &AppState,
    ctx: &WebCtx,
    caller: Option<&Caller>,
    csrf: &str,
    section: &'static str,
) -> Ui {
    let cart_count = match caller {
        Some(c) => app::cart::service::view(state, c)
            .await
            .map(|cart| cart.item_count)
            .unwrap_or(0),
        None => 0,
    };
    Ui {
        c: shared::chrome(ctx, csrf),
        base: app_base(ctx),
        signed_in: caller.is_some(),
        cart_count,
        section,
    }
}

#[derive(askama::Template, askama_web::WebTemplate)]
#[template(path = "customer/error.html")]
struct ErrorPage {
    u: Ui,
    status: u16,
    message: String,
    back: String,
}

/// The error page inside the app's layout (its navigation kept).
pub fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
    let u = Ui {
        c: shared::chrome(ctx, ""),
        base: app_base(ctx),
        signed_in: false,
        cart_count: 0,
        section: "",
    };
    error_page_with(ctx, e, u)
}

fn error_page_with(ctx: &WebCtx, e: ApiError, u: Ui) -> Response {
    let (status, message) = shared::error_parts(ctx, &e);
    let back = shared::home_url(app_base(ctx));
    let page = ErrorPage {
        u,
        status: status.as_u16(),
        message,
        back,
    };
    (status, page).into_response()
}

/// Any other path under the app: its 404 page, with the visitor's navigation.
async fn not_found(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let current = signin::current(&state, &ctx, &SURFACE, "").await;
    let (caller, csrf) = match &current {
        Some((c, csrf)) => (Some(c), csrf.as_str()),
        None => (None, ""),
    };
    let u = ui(&state, &ctx, caller, csrf, "").await;
    error_page_with(&ctx, ApiError::NotFound, u)
}

/// Whether htmx sent the request (it swaps a part of the page).
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// After a form without JavaScript: see the result at `to`.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A media link of the API (`/api/v1/media/{id}/thumb`) as the app serves
/// it, so that it works on the app's own host too.
pub fn media_link(base: &str, api_url: &str) -> String {
    match api_url.strip_prefix("/api/v1/media/") {
        Some(rest) => format!("{base}/media/{rest}"),
        None => api_url.to_owned(),
    }
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("app.css"),
    )
        .into_response()
}

/// Product images are public; anything else only for the customer who may read it.
async fn serve_media(state: &AppState, ctx: &WebCtx, id: &str, thumb: bool) -> Response {
    let who = match visitor(state, ctx).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let result = async {
        let id = parse_id(id)?;
        let file = media::readable(state, Ok(who.caller.as_ref()), id).await?;
        let variant = if thumb {
            media::Variant::Thumb
        } else {
            media::Variant::Original
        };
        media::content(state, &file, variant).await
    }
    .await;
    match result {
        Ok((bytes, content_type)) => Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CACHE_CONTROL, "private, max-age=300")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .body(Body::from(bytes))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        Err(e) => e.status().into_response(),
    }
}

async fn media_original(
    State(state): State<AppState>,
    ctx: WebCtx,
    Path(id): Path<String>,
) -> Response {
    serve_media(&state, &ctx, &id, false).await
}

async fn media_thumb(
    State(state): State<AppState>,
    ctx: WebCtx,
    Path(id): Path<String>,
) -> Response {
    serve_media(&state, &ctx, &id, true).await
}
