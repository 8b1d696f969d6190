//! What the signed-in surfaces (admin, partner) share: the error page, CSRF
//! checks, paging, categories as options, and serving the uploaded files a
//! page links to.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::media::service as media;
use kernel::ApiError;
use kernel::i18n::Message;

use crate::chrome::{Chrome, WebCtx};
use crate::forms::urlencode;

pub const CSRF_COOKIE: &str = "qitaa_csrf";

/// The root of a surface mounted at `base` (`/partner`, or `/` on its own host).
pub fn home_url(base: &str) -> String {
    if base.is_empty() {
        "/".into()
    } else {
        base.into()
    }
}

pub fn chrome(ctx: &WebCtx, csrf: &str) -> Chrome {
    Chrome {
        locale: ctx.locale,
        csrf: csrf.to_owned(),
        nav: ctx.nav.get(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub status: u16,
    pub message: String,
    pub back: String,
}

/// The status and the message, in the page's language, of an error page
/// (an internal error is logged, never shown).
pub fn error_parts(ctx: &WebCtx, e: &ApiError) -> (http::StatusCode, String) {
    if let ApiError::Internal(err) = e {
        tracing::error!(error = ?err, "internal error on a web page");
    }
    (e.status(), e.message().render(ctx.locale))
}

/// The error page for `e`, in the page's language, with its HTTP status.
pub fn error_page(ctx: &WebCtx, e: ApiError, back: String) -> Response {
    if let ApiError::Internal(err) = &e {
        tracing::error!(error = ?err, "internal error on a web page");
    }
    let status = e.status();
    let page = ErrorPage {
        c: chrome(ctx, ""),
        status: status.as_u16(),
        message: e.message().render(ctx.locale),
        back,
    };
    (status, page).into_response()
}

pub fn csrf_error() -> ApiError {
    ApiError::Denied {
        code: "CSRF_FAILED",
        message: Message::new("web-csrf-failed"),
    }
}

/// Constant-time enough for tokens of equal length: compares every byte.
pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty()
        && a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The session's token as sent by htmx (`X-CSRF-Token`) or by a form (`_csrf`).
pub fn session_csrf_ok(session_token: &str, headers: &HeaderMap, form_token: Option<&str>) -> bool {
    let header = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    same_token(session_token, header) || form_token.is_some_and(|f| same_token(session_token, f))
}

/// The bytes of an uploaded file the caller may read (the media service
/// decides), served under the surface's own path so that links work on the
/// surface's host too.
pub async fn serve_media(state: &AppState, caller: &Caller, id: &str, thumb: bool) -> Response {
    let result = async {
        let id = Uuid::parse_str(id).map_err(|_| ApiError::NotFound)?;
        let file = media::readable(state, Ok(Some(caller)), id).await?;
        let variant = if thumb {
            media::Variant::Thumb
        } else {
            media::Variant::Original
        };
        let (bytes, content_type) = media::content(state, &file, variant).await?;
        Ok::<_, ApiError>((bytes, content_type))
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

/// Previous/next links of a paged list, with "page 2 of 5".
pub struct Pager {
    pub label: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new(ctx: &WebCtx, meta: &kernel::Meta, link: impl Fn(u32) -> String) -> Pager {
        let pages = meta.total_pages.max(1);
        Pager {
            label: Message::new("web-admin-page")
                .arg("page", i64::from(meta.page))
                .arg("pages", pages)
                .render(ctx.locale),
            prev: (meta.page > 1).then(|| link(meta.page - 1)),
            next: (i64::from(meta.page) < pages).then(|| link(meta.page + 1)),
        }
    }
}

/// An htmx answer that leaves the target alone and shows `message` in
/// the element `selector` instead (`HX-Retarget`), e.g. a row's error cell.
pub fn inline_error(selector: &str, message: &str) -> Response {
    let escaped = message
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    (
        [
            ("hx-retarget", selector.to_owned()),
            ("hx-reswap", "innerHTML".to_owned()),
        ],
        axum::response::Html(format!(r#"<span class="error">{escaped}</span>"#)),
    )
        .into_response()
}

/// A category as an `<option>`: the tree flattened, children indented.
pub struct CategoryOption {
    pub id: String,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
    pub indent: String,
    pub selected: bool,
}

pub fn flat_categories(
    tree: &[app::taxonomy::model::CategoryNode],
    selected: Option<&str>,
) -> Vec<CategoryOption> {
    fn walk(
        nodes: &[app::taxonomy::model::CategoryNode],
        depth: usize,
        selected: Option<&str>,
        out: &mut Vec<CategoryOption>,
    ) {
        for n in nodes {
            let id = n.category.id.to_string();
            out.push(CategoryOption {
                selected: selected == Some(id.as_str()),
                id,
                slug: n.category.slug.clone(),
                name_ar: n.category.name_ar.clone(),
                name_en: n.category.name_en.clone(),
                indent: "— ".repeat(depth),
            });
            walk(&n.children, depth + 1, selected, out);
        }
    }
    let mut out = Vec::new();
    walk(tree, 0, selected, &mut out);
    out
}

/// A moment as Saudi local time (UTC+3, no daylight saving): `2026-01-05 14:03`,
/// as `chat.js` writes it too.
pub fn local_time(at: &time::OffsetDateTime) -> String {
    at.to_offset(time::macros::offset!(+3))
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute]"
        ))
        .unwrap_or_default()
}

/// [`local_time`] in the page's digits.
pub fn when(locale: kernel::Locale, at: time::OffsetDateTime) -> String {
    kernel::money::with_digits(&local_time(&at), kernel::money::digits_of(locale))
}

/// A stored E.164 phone as people read it: `+966 50 000 0001` for Saudi
/// mobiles, `+966 11 000 0000` for Riyadh landlines; others as stored.
pub fn phone(e164: &str) -> String {
    let digits = e164
        .strip_prefix("+966")
        .filter(|d| d.len() == 9 && d.bytes().all(|b| b.is_ascii_digit()));
    match digits {
        Some(d) => format!("+966 {} {} {}", &d[..2], &d[2..5], &d[5..]),
        None => e164.to_owned(),
    }
}

/// JSON with every non-ASCII character escaped (`\uXXXX`), so that it
/// travels in a header and JavaScript reads it back intact.
fn ascii_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for ch in value.to_string().chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            let mut buf = [0u16; 2];
            for unit in ch.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// An htmx answer that also shows `message` as a toast (`HX-Trigger`).
pub fn with_toast(mut res: Response, message: &str, kind: &str) -> Response {
    let trigger = ascii_json(&serde_json::json!({"toast": {"message": message, "kind": kind}}));
    if let Ok(v) = http::HeaderValue::from_str(&trigger) {
        res.headers_mut().insert("hx-trigger", v);
    }
    res
}

/// A redirect (303) whose next page shows `message` as a toast: the
/// `qitaa_toast` cookie, read and cleared by `ui.js`.
pub fn redirect_with_toast(to: &str, message: &str) -> Response {
    let value = urlencode(&serde_json::json!({"message": message, "kind": "success"}).to_string());
    (
        [(
            header::SET_COOKIE,
            format!("qitaa_toast={value}; Path=/; Max-Age=60; SameSite=Lax"),
        )],
        axum::response::Redirect::to(to),
    )
        .into_response()
}

/// An htmx answer that sends the browser to `to` (`HX-Redirect`), where
/// `message` shows as a toast.
pub fn htmx_redirect_with_toast(to: &str, message: &str) -> Response {
    let value = urlencode(&serde_json::json!({"message": message, "kind": "success"}).to_string());
    (
        [
            (
                header::SET_COOKIE,
                format!("qitaa_toast={value}; Path=/; Max-Age=60; SameSite=Lax"),
            ),
            (http::HeaderName::from_static("hx-redirect"), to.to_owned()),
        ],
        StatusCode::OK,
    )
        .into_response()
}

/// A sortable column's header: its link sorts by the column, ascending,
/// then descending on the next click (`aria-sort` says which is shown).
pub struct SortHeader {
    pub key: &'static str,
    pub label: String,
    pub href: String,
    /// `ascending`, `descending`, or empty when the list is not sorted by it.
    pub state: &'static str,
    pub numeric: bool,
}

/// The headers of `columns` (`(key, label, numeric)`) for a list at `base`
/// (its other query parameters already in it) sorted by `current`
/// (`key` or `-key`).
pub fn sort_headers(
    base: &str,
    current: &str,
    columns: &[(&'static str, String, bool)],
) -> Vec<SortHeader> {
    let sep = if base.contains('?') { '&' } else { '?' };
    columns
        .iter()
        .map(|(key, label, numeric)| {
            let state = if current == *key {
                "ascending"
            } else if current.strip_prefix('-') == Some(*key) {
                "descending"
            } else {
                ""
            };
            let next = if state == "ascending" {
                format!("-{key}")
            } else {
                (*key).to_owned()
            };
            SortHeader {
                key,
                label: label.clone(),
                href: format!("{base}{sep}sort={next}"),
                state,
                numeric: *numeric,
            }
        })
        .collect()
}

/// An average rating to one decimal in the page's digits; empty while unrated.
pub fn rating(locale: kernel::Locale, average: Option<f64>) -> String {
    match average {
        Some(avg) => {
            let x10 = (avg * 10.0).round() as i64;
            kernel::money::with_digits(
                &format!("{}.{}", x10 / 10, x10 % 10),
                kernel::money::digits_of(locale),
            )
        }
        None => String::new(),
    }
}
