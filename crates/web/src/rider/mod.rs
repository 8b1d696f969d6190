//! The rider app (`/rider`, or the `rider.` host at its root): the
//! representatives' mobile surface for on-demand repairs. OTP sign-in with
//! its own cookie session, for representatives only (anyone else sees the
//! "this app is for representatives" screen); going online with the
//! phone's position; the open requests nearby and an offer on one; the
//! jobs with their steps, the customer chat and the live position shared
//! while travelling (`static/ds/rider.js`); earnings from the ledger; the
//! profile with the rep's figures. Every page calls the repair services,
//! which decide access (another rep's job is 404).

mod account;
mod auth;
mod home;
mod job;

use std::borrow::Borrow;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use http::{HeaderMap, header};

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use kernel::i18n::{Message, t};
use kernel::{ApiError, Locale};

use crate::chrome::{Chrome, MountedAtHost, WebCtx};
use crate::shared;
use crate::signin::{self, Surface};

fn rider_role(role: Role) -> bool {
    role == Role::Representative
}

pub const SURFACE: Surface = Surface {
    cookie: "qitaa_rider_session",
    title_key: "rd-signin-title",
    refused_key: "rd-signin-refused",
    allowed: rider_role,
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
pub enum Rider {}

impl signin::SignedSurface for Rider {
    const SURFACE: &'static Surface = &SURFACE;
    fn base(ctx: &WebCtx) -> &'static str {
        rider_base(ctx)
    }
    fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
        error_page(ctx, e)
    }
}

/// The signed-in representative (or a redirect to the sign-in page).
pub type Session = signin::Signed<Rider>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/sign-in", get(auth::sign_in_page).post(auth::send_code))
        .route("/sign-in/verify", post(auth::verify_code))
        .route("/sign-out", post(auth::sign_out))
        .route("/presence", post(home::presence))
        .route("/nearby", get(home::nearby_fragment))
        .route("/repairs/{id}", get(home::repair))
        .route("/repairs/{id}/offers", post(home::offer))
        .route("/jobs", get(job::list))
        .route("/jobs/{id}", get(job::page))
        .route("/jobs/{id}/step", post(job::step))
        .route("/jobs/{id}/position", post(job::position))
        .route("/chats/{id}", get(job::chat))
        .route(
            "/chats/{id}/messages",
            get(crate::support_chat::thread_history::<Rider>).post(job::send_message),
        )
        .route(
            "/chats/{id}/read",
            post(crate::support_chat::thread_read::<Rider>),
        )
        .route("/realtime-token", post(crate::support_chat::token::<Rider>))
        .route("/earnings", get(account::earnings))
        .route("/profile", get(account::profile))
        .route("/terms", get(account::terms))
        .route("/privacy", get(account::privacy))
        .route("/app.css", get(stylesheet))
        .route("/manifest.webmanifest", get(manifest))
        .route("/media/{id}", get(media_original))
        .route("/media/{id}/thumb", get(media_thumb))
        .fallback(not_found)
}

/// The path under which the rider app is reachable for this request.
pub fn rider_base(ctx: &WebCtx) -> &'static str {
    match ctx.mounted {
        Some(MountedAtHost("/rider")) => "",
        _ => "/rider",
    }
}

/// What the layout shows around every page, and the helpers its templates
/// use: texts, money, numbers, dates and statuses in the page's language.
pub struct Ui {
    pub c: Chrome,
    pub base: &'static str,
    pub signed_in: bool,
    /// Which bottom tab is the current page (`home`, `jobs`, `earnings`, `profile`).
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
    /// A message with one number, so that the plural rules of the language apply.
    pub fn t_count(&self, key: &'static str, count: impl Borrow<i64>) -> String {
        Message::new(key)
            .arg("count", *count.borrow())
            .render(self.c.locale)
    }
    /// Halalas as `115.00 ر.س` / `SAR 115.00`.
    pub fn money(&self, halalas: impl Borrow<i64>) -> String {
        kernel::money::format(self.c.locale, *halalas.borrow())
    }
    /// A count in the page's digits.
    pub fn num(&self, n: impl Borrow<i64>) -> String {
        self.c.num(n.borrow())
    }
    /// Zero in the page's digits (a counter before it counts).
    pub fn zero(&self) -> String {
        self.c.num(&0)
    }
    /// A whole percentage (`87%`, or `٨٧٪`), without a sign.
    pub fn percent(&self, n: impl Borrow<i64>) -> String {
        self.c
            .pct(&(*n.borrow() * 100))
            .trim_start_matches('+')
            .to_owned()
    }
    /// `arabic` when the page writes Arabic-Indic digits, else `latin` (read by rider.js).
    pub fn digits(&self) -> &'static str {
        match kernel::money::digits_of(self.c.locale) {
            kernel::money::Digits::ArabicIndic => "arabic",
            kernel::money::Digits::Latin => "latin",
        }
    }
    /// A job's status in words.
    pub fn job_status(&self, status: &str) -> String {
        job_status(self.c.locale, status)
    }
}

/// A job's status in words (`rd-status-on_the_way`).
pub fn job_status(locale: Locale, status: &str) -> String {
    kernel::i18n::try_t(locale, &format!("rd-status-{status}"))
        .unwrap_or_else(|| t(locale, "rd-status-other"))
}

/// A problem's name in the page's language.
pub fn problem(locale: Locale, slug: &str) -> String {
    let (ar, en) = app::repairs::model::problem_names(slug);
    let name = match locale {
        Locale::Ar => ar,
        Locale::En => en,
    };
    // The English names are written for sentences ("battery"); a label starts upper case.
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The icon of a problem.
pub fn problem_icon(slug: &str) -> &'static str {
    match slug {
        "battery" => "battery-automotive",
        "tyre" => "steering-wheel",
        "towing" => "truck",
        "mechanic" => "engine",
        "electrical" => "tool",
        "fuel" => "droplet",
        "lockout" => "key",
        _ => "tools",
    }
}

/// A decimal (`3.2`) in the page's digits.
pub fn decimal(locale: Locale, value: f64, places: usize) -> String {
    kernel::money::with_digits(
        &format!("{value:.places$}"),
        kernel::money::digits_of(locale),
    )
}

/// The layout's data for a page of a signed-in rep.
pub fn ui(ctx: &WebCtx, csrf: &str, section: &'static str) -> Ui {
    Ui {
        c: shared::chrome(ctx, csrf),
        base: rider_base(ctx),
        signed_in: !csrf.is_empty(),
        section,
    }
}

/// The signed-in rep of a form or htmx action whose CSRF token matches.
pub async fn acting(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    form_token: Option<&str>,
) -> Result<(Caller, String), Response> {
    signin::acting_on::<Rider>(state, ctx, headers, form_token).await
}

#[derive(Template, WebTemplate)]
#[template(path = "rider/error.html")]
struct ErrorPage {
    u: Ui,
    status: u16,
    message: String,
    back: String,
}

/// The error page inside the app's layout.
pub fn error_page(ctx: &WebCtx, e: ApiError) -> Response {
    error_page_with(ctx, e, ui(ctx, "", ""))
}

fn error_page_with(ctx: &WebCtx, e: ApiError, u: Ui) -> Response {
    let (status, message) = shared::error_parts(ctx, &e);
    let page = ErrorPage {
        u,
        status: status.as_u16(),
        message,
        back: shared::home_url(rider_base(ctx)),
    };
    (status, page).into_response()
}

/// Whether htmx sent the request.
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

/// A completed action: to `to`, where `message` shows as a toast (htmx or a plain form).
pub fn done(headers: &HeaderMap, to: &str, message: &str) -> Response {
    if is_htmx(headers) {
        shared::htmx_redirect_with_toast(to, message)
    } else {
        shared::redirect_with_toast(to, message)
    }
}

/// A refused action: for htmx the error's status (nothing is swapped) and
/// its message as an error toast; for a plain form the error page.
pub fn refused(ctx: &WebCtx, headers: &HeaderMap, e: ApiError) -> Response {
    if is_htmx(headers) {
        let message = e.message().render(ctx.locale);
        shared::with_toast(error_page(ctx, e), &message, "error")
    } else {
        error_page(ctx, e)
    }
}

/// Any other path under the app: its 404 page, with the rep's tabs.
async fn not_found(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let csrf = match signin::current(&state, &ctx, &SURFACE, rider_base(&ctx)).await {
        Some((_, csrf)) => csrf,
        None => String::new(),
    };
    let u = ui(&ctx, &csrf, "");
    error_page_with(&ctx, ApiError::NotFound, u)
}

/// The customer app's mobile sheet (top bar, bottom tabs, cards, forms),
/// then the rider's own pieces.
const RIDER_CSS: &str = concat!(
    include_str!("../customer/app.css"),
    include_str!("../../static/ds/rider.css"),
);

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        RIDER_CSS,
    )
        .into_response()
}

/// The web app manifest, so that the rider app installs to the home screen.
async fn manifest(ctx: WebCtx) -> Response {
    let home = shared::home_url(rider_base(&ctx));
    let body = serde_json::json!({
        "name": t(ctx.locale, "rd-app-name"),
        "short_name": t(ctx.locale, "rd-app-short"),
        "lang": ctx.locale.code(),
        "dir": ctx.locale.dir(),
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#ffffff",
        "theme_color": "#0f766e",
        "icons": [
            {"src": "/static/ds/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ]
    });
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body.to_string(),
    )
        .into_response()
}

/// Files sent in a job's chat, for a rep who may read them.
async fn media_original(
    State(state): State<AppState>,
    signin::Signed { caller, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    shared::serve_media(&state, &caller, &id, false).await
}

async fn media_thumb(
    State(state): State<AppState>,
    signin::Signed { caller, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    shared::serve_media(&state, &caller, &id, true).await
}
