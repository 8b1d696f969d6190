//! The landing site's registration form for suppliers and representatives:
//! account (`/register`), business or vehicle details (`/register/details`),
//! documents (`/register/documents`, each file uploaded by htmx as it is
//! chosen), review and submit (`/register/review`), then "check your e-mail"
//! (`/register/sent`). The draft lives server-side; the browser holds only
//! its token in an HttpOnly cookie. The e-mailed links land on
//! `/register/confirm` (a button, so that a mail scanner opening the link
//! does not use it) and `/register/resume`. Forms carry the double-submit
//! CSRF token of the signed-out pages.

mod documents;
mod finish;
mod links;
mod steps;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use http::HeaderMap;

use app::AppState;
use app::registrations::applicant;
use app::registrations::model::{Kind, Registration};

use crate::chrome::{Chrome, WebCtx};
use crate::signin::{anonymous_csrf, form_csrf_ok};

/// The cookie holding the draft's token.
pub const DRAFT_COOKIE: &str = "qitaa_registration";
const DRAFT_MAX_AGE_SECS: i64 = 30 * 24 * 3600;

pub fn router() -> Router<AppState> {
    // Documents lift the default body cap; `read_multipart` holds each file
    // to `MAX_UPLOAD_BYTES` and the server's request limit bounds the rest.
    Router::new()
        .route(
            "/register",
            get(steps::account_page).post(steps::account_save),
        )
        .route(
            "/register/details",
            get(steps::details_page).post(steps::details_save),
        )
        .route(
            "/register/documents",
            get(documents::page)
                .post(documents::save)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/register/documents/{kind}",
            post(documents::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/register/review", get(finish::review))
        .route("/register/submit", post(finish::submit))
        .route("/register/sent", get(links::sent))
        .route(
            "/register/confirm",
            get(links::confirm_page).post(links::confirm),
        )
        .route("/register/resume", get(links::resume))
}

/// The page's chrome and the form's CSRF token (with the cookie to set when
/// the visitor has none yet).
pub(super) struct Frame {
    pub c: Chrome,
    pub csrf: String,
    pub cookie: Option<Cookie<'static>>,
    pub foot: crate::landing::content::Footer,
}

pub(super) fn frame(ctx: &WebCtx) -> Frame {
    let (csrf, cookie) = anonymous_csrf(ctx);
    let c = Chrome {
        locale: ctx.locale,
        csrf: csrf.clone(),
        nav: None,
    };
    Frame {
        foot: crate::landing::content::Footer::plain(&c),
        c,
        csrf,
        cookie,
    }
}

/// `page` answered with the cookies it needs.
pub(super) fn respond(
    page: impl IntoResponse,
    cookies: impl IntoIterator<Item = Option<Cookie<'static>>>,
) -> Response {
    let mut jar = CookieJar::new();
    for c in cookies.into_iter().flatten() {
        jar = jar.add(c);
    }
    (jar, page).into_response()
}

pub(super) fn draft_cookie(ctx: &WebCtx, token: String) -> Cookie<'static> {
    ctx.cookie(DRAFT_COOKIE, token, DRAFT_MAX_AGE_SECS)
}

/// The form's token, sent as `_csrf` or by htmx as `X-CSRF-Token`.
pub(super) fn csrf_ok(ctx: &WebCtx, headers: &HeaderMap, form: &str) -> bool {
    let header = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    form_csrf_ok(ctx, form) || form_csrf_ok(ctx, header)
}

fn token(ctx: &WebCtx) -> Option<String> {
    ctx.jar
        .get(DRAFT_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|t| !t.is_empty() && t.len() <= 128)
}

/// The visitor's draft (its token and the request), if the cookie opens one.
pub(super) async fn current(state: &AppState, ctx: &WebCtx) -> Option<(String, Registration)> {
    let t = token(ctx)?;
    applicant::get(state, None, &t).await.ok().map(|r| (t, r))
}

/// The visitor's draft while it may still be edited.
pub(super) async fn editable(state: &AppState, ctx: &WebCtx) -> Option<(String, Registration)> {
    current(state, ctx)
        .await
        .filter(|(_, r)| r.status.editable())
}

pub(super) fn to_start() -> Response {
    Redirect::to("/register").into_response()
}

/// A step of the progress bar.
pub struct StepLink {
    pub n: i64,
    pub key: &'static str,
    pub label: String,
    pub href: &'static str,
    pub current: bool,
    pub done: bool,
    pub open: bool,
}

/// The fields of the details step, by kind.
pub(super) fn detail_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Supplier => &[
            "companyNameAr",
            "companyNameEn",
            "crNumber",
            "vatNumber",
            "city",
            "address",
        ],
        Kind::Representative => &["vehicleType", "plateNumber", "nationalId", "city"],
    }
}

/// The progress bar: where the visitor is, what is done, what opens.
pub(super) fn steps(c: &Chrome, current: &str, reg: Option<&Registration>) -> Vec<StepLink> {
    let details_done = reg.is_some_and(|r| {
        !r.missing
            .iter()
            .any(|m| detail_fields(r.kind).contains(&m.as_str()))
    });
    let documents_done =
        reg.is_some_and(|r| !r.missing.iter().any(|m| m.starts_with("documents.")));
    [
        ("account", "/register", reg.is_some()),
        ("details", "/register/details", details_done),
        ("documents", "/register/documents", documents_done),
        ("review", "/register/review", false),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (key, href, done))| StepLink {
        n: i as i64 + 1,
        key,
        label: c.t(&format!("reg-step-{key}")),
        href,
        current: key == current,
        done,
        open: key == "account" || reg.is_some(),
    })
    .collect()
}
