//! The OTP sign-in of the signed-in surfaces (admin, partner) and their
//! cookie sessions: a double-submit CSRF cookie before sign-in, the
//! session's own token after.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::Cookie;
use http::StatusCode;
use serde::Deserialize;

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use app::identity::service as identity;
use kernel::ApiError;
use kernel::i18n::Message;
use kernel::phone::Phone;

use crate::chrome::{Chrome, Nav, WebCtx};
use crate::shared::{CSRF_COOKIE, chrome, csrf_error, error_page, home_url, same_token};

/// Before sign-in there is no session to bind a CSRF token to, so the form
/// carries a copy of a random cookie (double submit).
pub(crate) fn anonymous_csrf(ctx: &WebCtx) -> (String, Option<Cookie<'static>>) {
    match ctx.jar.get(CSRF_COOKIE) {
        Some(c) if c.value().len() >= 32 => (c.value().to_owned(), None),
        _ => {
            let token = app::identity::tokens::random_token();
            let cookie = ctx.cookie(CSRF_COOKIE, token.clone(), 3600);
            (token, Some(cookie))
        }
    }
}

pub(crate) fn form_csrf_ok(ctx: &WebCtx, sent: &str) -> bool {
    ctx.jar
        .get(CSRF_COOKIE)
        .is_some_and(|c| same_token(c.value(), sent))
}

/// One signed-in surface: its session cookie, who may sign in, its texts.
pub struct Surface {
    pub cookie: &'static str,
    pub title_key: &'static str,
    /// Shown when the phone's user is not of an allowed role.
    pub refused_key: &'static str,
    pub allowed: fn(Role) -> bool,
    /// The sidebar of a signed-in user (what their permissions open), given
    /// where the surface is mounted.
    pub nav: NavFn,
}

pub type NavFn =
    for<'a> fn(
        &'a AppState,
        &'a Caller,
        &'static str,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Nav> + Send + 'a>>;

/// Fills the request's navigation once its session is known, so that every
/// page of the request, error pages included, shows the same sidebar.
async fn fill_nav(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
    caller: &Caller,
) {
    if !ctx.nav.is_filled() {
        ctx.nav.fill((surface.nav)(state, caller, base).await);
    }
}

/// A surface whose pages need a signed-in user of its kind.
pub trait SignedSurface: Send + Sync + 'static {
    const SURFACE: &'static Surface;
    /// Where the surface is mounted for this request (`/admin`, or `` on its own host).
    fn base(ctx: &WebCtx) -> &'static str;
    /// The surface's error page (inside its layout).
    fn error_page(ctx: &WebCtx, e: ApiError) -> Response;
}

/// The signed-in user of surface `S` of an htmx or form action whose CSRF
/// token (header or `form_token`) matches the session's.
pub async fn acting_on<S: SignedSurface>(
    state: &AppState,
    ctx: &WebCtx,
    headers: &http::HeaderMap,
    form_token: Option<&str>,
) -> Result<(Caller, String), Response> {
    let (caller, csrf) = session(state, ctx, S::SURFACE, S::base(ctx)).await?;
    if !crate::shared::session_csrf_ok(&csrf, headers, form_token) {
        return Err(S::error_page(ctx, csrf_error()));
    }
    Ok((caller, csrf))
}

/// The signed-in user of surface `S` and the session's CSRF token; a
/// visitor who is not signed in is sent to the surface's sign-in page.
/// Handlers take it as an argument instead of asking for the session.
pub struct Signed<S> {
    pub caller: Caller,
    pub csrf: String,
    surface: std::marker::PhantomData<S>,
}

impl<S: SignedSurface> axum::extract::FromRequestParts<AppState> for Signed<S> {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Response> {
        let Ok(ctx) = WebCtx::from_request_parts(parts, state).await;
        let base = S::base(&ctx);
        let (caller, csrf) = match session(state, &ctx, S::SURFACE, base).await {
            Ok(v) => v,
            Err(mut r) => {
                // A page opened before sign-in (a shared link, a deep link
                // from a notification) is where the sign-in ends.
                if r.status().is_redirection()
                    && parts.method == http::Method::GET
                    && !parts.headers.contains_key("hx-request")
                    && let Some(next) = parts
                        .extensions
                        .get::<axum::extract::OriginalUri>()
                        .map_or(&parts.uri, |o| &o.0)
                        .path_and_query()
                        .map(|p| p.as_str())
                    && let Some(next) = next_target(base, next)
                    && let Ok(v) = ctx
                        .cookie(NEXT_COOKIE, next.to_owned(), NEXT_TTL_SECS)
                        .encoded()
                        .to_string()
                        .parse()
                {
                    r.headers_mut().append(http::header::SET_COOKIE, v);
                }
                return Err(r);
            }
        };
        Ok(Signed {
            caller,
            csrf,
            surface: std::marker::PhantomData,
        })
    }
}

/// The page a visitor was sent to sign in from, for ten minutes.
const NEXT_COOKIE: &str = "qitaa_next";
const NEXT_TTL_SECS: i64 = 600;

/// `next` if it is a page of the surface mounted at `base` (never another
/// site, never the sign-in itself), bounded.
fn next_target<'a>(base: &str, next: &'a str) -> Option<&'a str> {
    let inside = match next.strip_prefix(base) {
        Some(rest) => base.is_empty() || rest.is_empty() || rest.starts_with(['/', '?']),
        None => false,
    };
    let rest = &next[base.len().min(next.len())..];
    let safe = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 1000
        && !next.contains(['\\', '\r', '\n'])
        && !rest.starts_with("/sign-in")
        && !rest.starts_with("/sign-out");
    (inside && safe).then_some(next)
}

/// Where a fresh sign-in goes: the page the visitor was sent from, else the
/// surface's home; the jar forgets the page.
pub fn after_sign_in(
    ctx: &WebCtx,
    jar: axum_extra::extract::CookieJar,
    base: &str,
) -> (axum_extra::extract::CookieJar, String) {
    let to = ctx
        .jar
        .get(NEXT_COOKIE)
        .and_then(|c| next_target(base, c.value()).map(str::to_owned))
        .unwrap_or_else(|| home_url(base));
    let jar = if ctx.jar.get(NEXT_COOKIE).is_some() {
        jar.remove(Cookie::build(NEXT_COOKIE).path("/"))
    } else {
        jar
    };
    (jar, to)
}

#[cfg(test)]
mod next_tests {
    use super::next_target;

    #[test]
    fn only_the_surfaces_own_pages_are_returned_to() {
        assert_eq!(
            next_target("/app", "/app/account?ref=AB12"),
            Some("/app/account?ref=AB12")
        );
        assert_eq!(next_target("/app", "/app"), Some("/app"));
        assert_eq!(next_target("", "/orders/1"), Some("/orders/1"));
        for bad in [
            "/appx/account",
            "/admin/users",
            "//evil.example/app",
            "/app/sign-in",
            "/app/sign-out",
            "/app/\\evil",
        ] {
            assert_eq!(next_target("/app", bad), None, "{bad}");
        }
        assert_eq!(next_target("", "//evil.example"), None);
        assert_eq!(
            next_target("/app", &format!("/app/{}", "a".repeat(1000))),
            None
        );
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
struct SignIn {
    c: Chrome,
    base: &'static str,
    title: String,
    form_csrf: String,
    phone: Option<String>,
    error: Option<String>,
}

pub fn sign_in_form(
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
    phone: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let (csrf, cookie) = anonymous_csrf(ctx);
    let page = SignIn {
        c: chrome(ctx, ""),
        base,
        title: kernel::i18n::t(ctx.locale, surface.title_key),
        form_csrf: csrf,
        phone,
        error,
    };
    let jar = match cookie {
        Some(c) => ctx.jar.clone().add(c),
        None => ctx.jar.clone(),
    };
    (status, jar, page).into_response()
}

#[derive(Deserialize)]
pub struct PhoneForm {
    #[serde(default)]
    phone: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

/// Step one: send a code to the phone.
pub async fn send_code(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
    form: PhoneForm,
) -> Response {
    if !form_csrf_ok(ctx, &form.csrf) {
        return error_page(ctx, csrf_error(), format!("{base}/sign-in"));
    }
    let Some(phone) = Phone::parse(&form.phone) else {
        let msg = Message::new("validation-phone").render(ctx.locale);
        return sign_in_form(
            ctx,
            surface,
            base,
            None,
            Some(msg),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    match identity::request_otp(state, &phone, &ctx.client).await {
        Ok(_) => sign_in_form(
            ctx,
            surface,
            base,
            Some(phone.to_string()),
            None,
            StatusCode::OK,
        ),
        Err(e) => {
            let status = e.status();
            let msg = e.message().render(ctx.locale);
            sign_in_form(ctx, surface, base, None, Some(msg), status)
        }
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

/// Step two: check the code and open a web session. Answers the session
/// cookie (not yet set) and its caller, or the page to show instead.
pub async fn verify_code(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
    form: CodeForm,
) -> Result<(Cookie<'static>, Caller), Response> {
    if !form_csrf_ok(ctx, &form.csrf) {
        return Err(error_page(ctx, csrf_error(), format!("{base}/sign-in")));
    }
    let Some(phone) = Phone::parse(&form.phone) else {
        let msg = Message::new("validation-phone").render(ctx.locale);
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return Err(sign_in_form(ctx, surface, base, None, Some(msg), status));
    };
    let code: String = form
        .code
        .trim()
        .chars()
        .filter_map(kernel::phone::ascii_digit)
        .collect();
    match identity::verify_otp_web(state, &phone, &code, &ctx.client, surface.allowed).await {
        Ok((cookie, _user)) => {
            let caller = match identity::web_session(state, &cookie, ctx.client.clone()).await {
                Ok(Some((caller, _))) => caller,
                Ok(None) => {
                    return Err(error_page(ctx, ApiError::unauthenticated(), home_url(base)));
                }
                Err(e) => return Err(error_page(ctx, e, home_url(base))),
            };
            let ttl = state.config.tokens.web_session_ttl.as_secs() as i64;
            Ok((ctx.cookie(surface.cookie, cookie, ttl), caller))
        }
        Err(ApiError::Forbidden) => {
            let msg = Message::new(surface.refused_key).render(ctx.locale);
            Err(sign_in_form(
                ctx,
                surface,
                base,
                None,
                Some(msg),
                StatusCode::FORBIDDEN,
            ))
        }
        Err(e) => {
            let status = e.status();
            let msg = e.message().render(ctx.locale);
            Err(sign_in_form(
                ctx,
                surface,
                base,
                Some(phone.to_string()),
                Some(msg),
                status,
            ))
        }
    }
}

/// The caller behind the surface's session cookie when the surface admits
/// their role; `None` sends them to the sign-in page.
pub async fn session(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
) -> Result<(Caller, String), Response> {
    let to_sign_in = || Redirect::to(&format!("{base}/sign-in")).into_response();
    let Some(cookie) = ctx.jar.get(surface.cookie) else {
        return Err(to_sign_in());
    };
    match identity::web_session(state, cookie.value(), ctx.client.clone()).await {
        Ok(Some((caller, csrf))) if (surface.allowed)(caller.role) => {
            fill_nav(state, ctx, surface, base, &caller).await;
            Ok((caller, csrf))
        }
        Ok(_) => Err(to_sign_in()),
        Err(e) => Err(error_page(ctx, e, format!("{base}/sign-in"))),
    }
}

/// The signed-in user of `surface` and the session's CSRF token, if any
/// (pages that show either way, such as a 404, ask this).
pub async fn current(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
) -> Option<(Caller, String)> {
    let cookie = ctx.jar.get(surface.cookie)?;
    match identity::web_session(state, cookie.value(), ctx.client.clone()).await {
        Ok(Some((caller, csrf))) if (surface.allowed)(caller.role) => {
            fill_nav(state, ctx, surface, base, &caller).await;
            Some((caller, csrf))
        }
        _ => None,
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default, rename = "_csrf")]
    pub csrf: String,
}

/// Ends the session and forgets its cookie.
pub async fn sign_out(
    state: &AppState,
    ctx: &WebCtx,
    surface: &Surface,
    base: &'static str,
    form: CsrfForm,
) -> Response {
    let (caller, csrf) = match session(state, ctx, surface, base).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !same_token(&csrf, &form.csrf) {
        return error_page(ctx, csrf_error(), home_url(base));
    }
    if let Err(e) = identity::web_sign_out(state, &caller).await {
        return error_page(ctx, e, home_url(base));
    }
    let jar = ctx
        .jar
        .clone()
        .remove(Cookie::build(surface.cookie).path("/"));
    (jar, Redirect::to(&format!("{base}/sign-in"))).into_response()
}
