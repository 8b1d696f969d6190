//! What every page shares: language (cookie, then Accept-Language), the
//! layout's direction, the CSRF token, and where the surface is mounted.

use axum::extract::{FromRequestParts, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use http::request::Parts;
use std::sync::{Arc, OnceLock};

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
    /// The signed-in surface's sidebar, as the user's permissions allow.
    pub nav: Option<Arc<Nav>>,
}

/// A signed-in surface's frame: the sidebar's groups (only what the user may
/// open) and the top bar's account facts.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    pub home: String,
    pub title_key: &'static str,
    pub groups: Vec<NavGroup>,
    /// Who is signed in, as the top bar shows it (a role or a store's name).
    pub who: String,
    pub sign_out: String,
}

#[derive(Debug, Clone)]
pub struct NavGroup {
    /// Empty for the group without a heading (the home).
    pub title_key: &'static str,
    pub items: Vec<NavItem>,
}

#[derive(Debug, Clone)]
pub struct NavItem {
    /// Matched against the page's `section` to mark the active item; also the
    /// link's id (`nav-<key>`).
    pub key: &'static str,
    pub href: String,
    pub label_key: &'static str,
    pub icon: &'static str,
}

impl Nav {
    /// The first page the user may open (where a home they may not see sends them).
    pub fn first(&self) -> Option<&NavItem> {
        self.groups.iter().flat_map(|g| g.items.iter()).next()
    }
    pub fn has(&self, key: &str) -> bool {
        self.groups
            .iter()
            .flat_map(|g| g.items.iter())
            .any(|i| i.key == key)
    }
}

/// Filled once a request's session is known ([`crate::signin::session`]),
/// read when the page's [`Chrome`] is made: the extractors of one request
/// share it through the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct NavSlot(Arc<OnceLock<Arc<Nav>>>);

impl NavSlot {
    pub fn get(&self) -> Option<Arc<Nav>> {
        self.0.get().cloned()
    }
    pub fn fill(&self, nav: Nav) {
        let _ = self.0.set(Arc::new(nav));
    }
    pub fn is_filled(&self) -> bool {
        self.0.get().is_some()
    }
}

/// An icon of the vendored sprite; `dir` icons (arrows, chevrons) mirror in
/// right-to-left pages.
pub fn icon_svg(name: &str, dir: bool) -> String {
    format!(
        "<svg class=\"icon{}\" aria-hidden=\"true\" focusable=\"false\"><use href=\"/static/vendor/icons/sprite.svg#{}\"></use></svg>",
        if dir { " icon-dir" } else { "" },
        name
    )
}

/// The configured tile server of the maps (empty: the offline grid), set
/// once when the router is built.
static MAP_TILES: std::sync::OnceLock<String> = std::sync::OnceLock::new();

pub fn set_map_tiles(url: &str) {
    let _ = MAP_TILES.set(url.to_owned());
}

impl Chrome {
    /// The tile URL template the map scripts read from `data-tiles`.
    pub fn map_tiles(&self) -> &'static str {
        MAP_TILES.get().map(String::as_str).unwrap_or("")
    }

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
    /// An icon from the sprite (render with `|safe`).
    pub fn icon(&self, name: &str) -> String {
        icon_svg(name, false)
    }
    /// An icon with a direction (arrow, chevron), mirrored right to left.
    pub fn icon_dir(&self, name: &str) -> String {
        icon_svg(name, true)
    }
    /// The forward chevron of breadcrumbs and "next" links.
    pub fn chevron(&self) -> String {
        icon_svg("chevron-right", true)
    }
    pub fn nav_groups(&self) -> &[NavGroup] {
        self.nav
            .as_deref()
            .map(|n| n.groups.as_slice())
            .unwrap_or(&[])
    }
    pub fn nav_has(&self, key: &str) -> bool {
        self.nav.as_deref().is_some_and(|n| n.has(key))
    }
    pub fn nav_who(&self) -> &str {
        self.nav.as_deref().map(|n| n.who.as_str()).unwrap_or("")
    }
    pub fn nav_home(&self) -> &str {
        self.nav.as_deref().map(|n| n.home.as_str()).unwrap_or("/")
    }
    pub fn nav_sign_out(&self) -> &str {
        self.nav
            .as_deref()
            .map(|n| n.sign_out.as_str())
            .unwrap_or("")
    }
    pub fn nav_title(&self) -> String {
        self.nav
            .as_deref()
            .map(|n| t(self.locale, n.title_key))
            .unwrap_or_else(|| t(self.locale, "web-title"))
    }
    /// The first letter of who is signed in, for the avatar.
    pub fn initial(&self) -> String {
        self.nav_who()
            .chars()
            .next()
            .map(String::from)
            .unwrap_or_default()
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
    /// An order step's note in words: the code the machine writes for a
    /// parcel returned to the store, or the note as a person wrote it.
    pub fn history_note(&self, note: &str) -> String {
        if note == app::orders::status::RETURNED_NOTE {
            t(self.locale, "shp-note-returned_to_store")
        } else {
            note.to_owned()
        }
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
    /// A count in the page's digits with thousands grouped (`12,345`).
    pub fn num(&self, n: &i64) -> String {
        kernel::money::with_digits(&group_thousands(*n), kernel::money::digits_of(self.locale))
    }
    /// A change in basis points as a signed percentage (`+12.5%`, `−3%`).
    pub fn pct(&self, bp: &i64) -> String {
        let sign = if *bp > 0 {
            "+"
        } else if *bp < 0 {
            "\u{2212}"
        } else {
            ""
        };
        let abs = bp.unsigned_abs();
        let whole = abs / 100;
        let tenth = (abs % 100 + 5) / 10;
        let (whole, tenth) = if tenth == 10 {
            (whole + 1, 0)
        } else {
            (whole, tenth)
        };
        let body = if tenth == 0 {
            format!("{whole}")
        } else {
            format!("{whole}.{tenth}")
        };
        let d = kernel::money::digits_of(self.locale);
        let pct = if d == kernel::money::Digits::ArabicIndic {
            "\u{066A}"
        } else {
            "%"
        };
        format!("{sign}{}{pct}", kernel::money::with_digits(&body, d))
    }
    /// An amount in halalas as SAR with its currency, e.g. `45.50 SAR`.
    pub fn sar(&self, halalas: &i64) -> String {
        kernel::money::format(self.locale, *halalas)
    }
}

/// `1234567` → `1,234,567` (ASCII; the caller picks the digits).
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Request facts every web handler needs.
pub struct WebCtx {
    pub locale: Locale,
    /// The signed-in surface's navigation, once the session is known.
    pub nav: NavSlot,
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
        let nav = match parts.extensions.get::<NavSlot>() {
            Some(slot) => slot.clone(),
            None => {
                let slot = NavSlot::default();
                parts.extensions.insert(slot.clone());
                slot
            }
        };
        Ok(WebCtx {
            locale,
            nav,
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
