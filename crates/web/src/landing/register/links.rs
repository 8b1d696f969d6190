//! After the form: "check your e-mail" (`/register/sent`) and the pages the
//! e-mailed links open (`/register/confirm`, `/register/resume`), with a
//! clear page in the visitor's language for a link that has expired, was
//! used or is not ours.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

use app::AppState;
use app::registrations::applicant;
use app::registrations::model::Status;
use kernel::ApiError;

use super::{csrf_ok, current, draft_cookie, frame, respond, to_start};
use crate::chrome::{Chrome, WebCtx};
use crate::shared::{self, error_page};

/// The pages after the form: sent, the confirm button, confirmed, and a
/// link that no longer works.
#[derive(Template, WebTemplate)]
#[template(path = "landing/register_done.html")]
pub struct DonePage {
    c: Chrome,
    foot: crate::landing::content::Footer,
    page: &'static str,
    csrf: String,
    /// `sent`, `queued`, `confirm`, `confirmed` or `link-error`.
    state: &'static str,
    icon: &'static str,
    tone: &'static str,
    title: String,
    text: String,
    email: String,
    token: String,
}

fn done(
    ctx: &WebCtx,
    state: &'static str,
    (title, text): (String, String),
    email: &str,
    token: &str,
    status: StatusCode,
) -> Response {
    let f = frame(ctx);
    let cookie = f.cookie.clone();
    let (icon, tone) = match state {
        "link-error" => ("alert-triangle", "amber"),
        "confirm" | "sent" => ("mail", "teal"),
        _ => ("circle-check", "teal"),
    };
    let page = DonePage {
        c: f.c,
        foot: f.foot,
        page: "register",
        csrf: f.csrf,
        state,
        icon,
        tone,
        title,
        text,
        email: email.to_owned(),
        token: token.to_owned(),
    };
    respond((status, page), [cookie])
}

fn texts(c: &Chrome, key: &str) -> (String, String) {
    (c.t(&format!("{key}-title")), c.t(&format!("{key}-text")))
}

/// After submitting: check your e-mail (or, sent again to an address
/// already confirmed, back in review).
pub async fn sent(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let Some((_, reg)) = current(&state, &ctx).await else {
        return to_start();
    };
    let c = frame(&ctx).c;
    match reg.status {
        Status::Submitted => done(
            &ctx,
            "sent",
            texts(&c, "reg-sent"),
            &reg.email,
            "",
            StatusCode::OK,
        ),
        Status::Confirmed => done(
            &ctx,
            "queued",
            texts(&c, "reg-queued"),
            "",
            "",
            StatusCode::OK,
        ),
        _ => Redirect::to("/register/review").into_response(),
    }
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    token: String,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// A link that does not work: expired (410), used (409) or not ours (404).
fn link_error(ctx: &WebCtx, e: ApiError) -> Response {
    let c = frame(ctx).c;
    let key = match e.code() {
        "CONFIRM_LINK_EXPIRED" | "RESUME_LINK_EXPIRED" => "reg-link-expired",
        "CONFIRM_LINK_USED" | "RESUME_LINK_USED" => "reg-link-used",
        "NOT_FOUND" => "reg-link-unknown",
        _ => return error_page(ctx, e, "/register".into()),
    };
    let (title, _) = texts(&c, key);
    let text = e.message().render(ctx.locale);
    done(ctx, "link-error", (title, text), "", "", e.status())
}

/// The confirmation link: checked, not used, so that a mail scanner opening
/// it changes nothing; the button uses it.
pub async fn confirm_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<TokenQuery>,
) -> Response {
    match applicant::confirm(&state, &q.token, false).await {
        Ok(reg) => {
            let c = frame(&ctx).c;
            done(
                &ctx,
                "confirm",
                texts(&c, "reg-confirm"),
                &reg.email,
                &q.token,
                StatusCode::OK,
            )
        }
        Err(e) => link_error(&ctx, e),
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &form.csrf) {
        return error_page(&ctx, shared::csrf_error(), "/register".into());
    }
    match applicant::confirm(&state, &form.token, true).await {
        Ok(_) => {
            let c = frame(&ctx).c;
            done(
                &ctx,
                "confirmed",
                texts(&c, "reg-confirmed"),
                "",
                "",
                StatusCode::OK,
            )
        }
        Err(e) => link_error(&ctx, e),
    }
}

/// The resume link of a rejected request: this browser gets the draft and
/// lands on the review with the reason.
pub async fn resume(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<TokenQuery>,
) -> Response {
    match applicant::resume(&state, &q.token).await {
        Ok(d) => respond(
            Redirect::to("/register/review"),
            [Some(draft_cookie(&ctx, d.draft_token))],
        ),
        Err(e) => link_error(&ctx, e),
    }
}
