//! The suppliers' terms and privacy inside the dashboard (`/partner/terms`,
//! `/partner/privacy`), linked from the sidebar: the version an admin
//! published last for suppliers, in the page's language.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use app::AppState;
use app::content::{Audience, PageSlug};

use super::{Session, chrome};
use crate::chrome::{Chrome, WebCtx};
use crate::content_view::{DocView, doc};
use crate::signin::Signed;

#[derive(Template, WebTemplate)]
#[template(path = "partner/legal.html")]
struct LegalPage {
    c: Chrome,
    section: &'static str,
    doc: DocView,
}

async fn page(state: &AppState, ctx: &WebCtx, csrf: &str, slug: PageSlug) -> Response {
    let c = chrome(ctx, csrf);
    let doc = doc(state, &c, ctx.partner_base(), slug, Audience::Supplier).await;
    LegalPage {
        c,
        section: slug.as_str(),
        doc,
    }
    .into_response()
}

pub async fn terms(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { csrf, .. }: Session,
) -> Response {
    page(&state, &ctx, &csrf, PageSlug::Terms).await
}

pub async fn privacy(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { csrf, .. }: Session,
) -> Response {
    page(&state, &ctx, &csrf, PageSlug::Privacy).await
}
