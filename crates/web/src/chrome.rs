//! What every page shares: language (cookie, then Accept-Language), the
//! layout's direction, the CSRF token, and where the surface is mounted.

use axum::extract::{FromRequestParts, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use http::request::Parts;

use app::AppState;
use app::auth::ClientInfo;
use kernel::Locale;
use kernel::i18n::{Message, t};

pub const LANG_COOKIE: &str = "qitaa_lang";

/// Set by host routing when a surface is served at its own host's root
/// (`admin.example.com/users`), so links are written without the path prefix.
#[derive(Debug, Clone, Copy)]
pub struct MountedAtHost(pub &'static str);

/// Layout data and translation helpers for templates.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub locale: Locale,
    /// The session's CSRF token, sent by htmx as `X-CSRF-Token`; empty when signed out.
    pub csrf: String,
}

impl Chrome {
    pub fn lang(&self) -> &'static str {
        self.locale.code()
    }
    pub fn dir(&self) -> &'static str {
        self.locale.dir()
    }
    pub fn other_lang(&self) -> &'static str {
        match self.locale {
            Locale::Ar => "en",
            Locale::En => "ar",
        }
    }
    pub fn t(&self, key: &str) -> String {
        t(self.locale, key)
    }
    pub fn t_arg(&self, key: &'static str, name: &'static str, value: &str) -> String {
        Message::new(key).arg(name, value).render(self.locale)
    }
    pub fn role(&self, role: &str) -> String {
        t(self.locale, &format!("role-{role}"))
    }
    pub fn status(&self, status: &str) -> String {
        t(self.locale, &format!("status-{status}"))
    }
    /// The label of a value from a fixed list: `label("web-condition-", "new")`;
    /// dots become dashes (`products.view` is `web-perm-products-view`).
    pub fn label(&self, prefix: &str, value: &str) -> String {
        t(self.locale, &format!("{prefix}{}", value.replace('.', "-")))
    }
    /// A message with one number, so that the plural rules of the language apply.
    pub fn t_count(&self, key: &'static str, count: &i64) -> String {
        Message::new(key).arg("count", *count).render(self.locale)
    }
    /// The Arabic or the English of a bilingual name, as the page's language asks.
    pub fn pick<'a>(&self, ar: &'a str, en: &'a str) -> &'a str {
        match self.locale {
            Locale::Ar => ar,
            Locale::En => en,
        }
    }
    /// An amount in halalas as SAR with its currency, e.g. `45.50 SAR`.
    pub fn sar(&self, halalas: &i64) -> String {
        kernel::money::format(self.locale, *halalas)
    }
}

/// Request facts every web handler needs.
pub struct WebCtx {
    pub locale: Locale,
    pub jar: CookieJar,
    pub client: ClientInfo,
    pub mounted: Option<MountedAtHost>,
    pub secure_cookies: bool,
}

impl WebCtx {
    /// The path under which the admin surface is reachable for this request.
    pub fn admin_base(&self) -> &'static str {
        match self.mounted {
            Some(MountedAtHost("/admin")) => "",
            _ => "/admin",
        }
    }

    /// The path under which the partner surface is reachable for this request.
    pub fn partner_base(&self) -> &'static str {
        match self.mounted {
            Some(MountedAtHost("/partner")) => "",
            _ => "/partner",
        }
    }

    pub fn cookie(&self, name: &'static str, value: String, max_age_secs: i64) -> Cookie<'static> {
        Cookie::build((name, value))
            .path("/")
            .http_only(true)
            .secure(self.secure_cookies)
            .same_site(SameSite::Lax)
            .max_age(time::Duration::seconds(max_age_secs))
            .build()
    }
}

impl FromRequestParts<AppState> for WebCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let locale = jar
            .get(LANG_COOKIE)
            .and_then(|c| Locale::parse(c.value()))
            .unwrap_or_else(|| Locale::from_headers(&parts.headers));
        let mut client = ClientInfo::from_parts(parts, &state.config.trusted_proxies);
        client.locale = locale;
        Ok(WebCtx {
            locale,
            jar,
            client,
            mounted: parts.extensions.get::<MountedAtHost>().copied(),
            secure_cookies: state.config.secure_cookies,
        })
    }
}

/// `?lang=en` on any page stores the choice in a cookie and comes back to
/// the same page without the parameter.
pub async fn language_switch(req: Request, next: Next) -> Response {
    let chosen = req
        .uri()
        .query()
        .and_then(|q| form_lang(q).map(|l| (l, strip_lang(req.uri().path(), q))));
    match chosen {
        Some((locale, back)) => {
            let cookie = Cookie::build((LANG_COOKIE, locale.code()))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(time::Duration::days(365))
                .build();
            (CookieJar::new().add(cookie), Redirect::to(&back)).into_response()
        }
        None => next.run(req).await,
    }
}

fn form_lang(query: &str) -> Option<Locale> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
        .and_then(Locale::parse)
}

fn strip_lang(path: &str, query: &str) -> String {
    let rest: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.starts_with("lang="))
        .collect();
    if rest.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}
