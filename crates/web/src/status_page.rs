//! The pages a visitor meets when the platform is closed: maintenance (503
//! with `Retry-After`, on every surface but the admin's) and the landing
//! site's coming-soon page. Both languages show at once: a visitor stopped
//! here may not have chosen one yet.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

use app::AppState;
use kernel::{Locale, Message};

use crate::chrome::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "status_page.html")]
pub struct StatusPage {
    pub c: Chrome,
    pub kind: &'static str,
    pub icon: &'static str,
    pub title_ar: String,
    pub title_en: String,
    pub message_ar: String,
    pub message_en: String,
}

fn page(
    locale: Locale,
    kind: &'static str,
    icon: &'static str,
    title: &'static str,
    ar: String,
    en: String,
) -> StatusPage {
    StatusPage {
        c: Chrome {
            locale,
            csrf: String::new(),
            nav: None,
        },
        kind,
        icon,
        title_ar: Message::new(title).render(Locale::Ar),
        title_en: Message::new(title).render(Locale::En),
        message_ar: ar,
        message_en: en,
    }
}

pub fn maintenance(state: &AppState, locale: Locale, retry_after: u64) -> Response {
    let s = state.settings.current();
    let msg = |l| app::settings::service::maintenance_message(&s, l);
    let mut res = (
        StatusCode::SERVICE_UNAVAILABLE,
        page(
            locale,
            "maintenance",
            "tools",
            "web-maintenance-title",
            msg(Locale::Ar),
            msg(Locale::En),
        ),
    )
        .into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub fn coming_soon(locale: Locale) -> Response {
    let text = |l| Message::new("web-coming-soon-text").render(l);
    page(
        locale,
        "coming-soon",
        "sparkles",
        "web-coming-soon-title",
        text(Locale::Ar),
        text(Locale::En),
    )
    .into_response()
}

/// The landing home, unless the admin switched the site to coming soon.
pub async fn home(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: crate::chrome::WebCtx,
) -> Response {
    if state.settings.current().coming_soon {
        return coming_soon(ctx.locale);
    }
    crate::landing::page(&state, ctx).await.into_response()
}
