//! The customers' terms and privacy inside the app (`/app/terms`,
//! `/app/privacy`): the version an admin published last, in the page's
//! language, with its version and date. Open to visitors too.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use app::AppState;
use app::content::{Audience, PageSlug};

use super::{Ui, ui, visitor};
use crate::chrome::WebCtx;
use crate::content_view::{DocView, doc};

#[derive(Template, WebTemplate)]
#[template(path = "customer/legal.html")]
struct LegalPage {
    u: Ui,
    doc: DocView,
}

async fn page(state: &AppState, ctx: &WebCtx, slug: PageSlug) -> Response {
    let who = match visitor(state, ctx).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let u = ui(state, ctx, who.caller.as_ref(), &who.csrf, "account").await;
    let doc = doc(state, &u.c, u.base, slug, Audience::Customer).await;
    LegalPage { u, doc }.into_response()
}

pub async fn terms(State(state): State<AppState>, ctx: WebCtx) -> Response {
    page(&state, &ctx, PageSlug::Terms).await
}

pub async fn privacy(State(state): State<AppState>, ctx: WebCtx) -> Response {
    page(&state, &ctx, PageSlug::Privacy).await
}
