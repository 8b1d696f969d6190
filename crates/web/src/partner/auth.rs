//! Partner sign-in by phone OTP: suppliers, and customers who work at a
//! store. Anyone else is signed straight out again and told why.

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

use app::AppState;
use app::identity::service as identity;

use super::{SURFACE, error_page, has_access, no_access};
use crate::chrome::WebCtx;
use crate::signin::{self, CodeForm, CsrfForm, PhoneForm};

pub async fn sign_in_page(ctx: WebCtx) -> Response {
    signin::sign_in_form(
        &ctx,
        &SURFACE,
        ctx.partner_base(),
        None,
        None,
        StatusCode::OK,
    )
}

pub async fn send_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<PhoneForm>,
) -> Response {
    signin::send_code(&state, &ctx, &SURFACE, ctx.partner_base(), form).await
}

pub async fn verify_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    let base = ctx.partner_base();
    let (cookie, caller) = match signin::verify_code(&state, &ctx, &SURFACE, base, form).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    match has_access(&state, &caller).await {
        Ok(true) => {
            let jar = ctx.jar.clone().add(cookie);
            let (jar, to) = crate::signin::after_sign_in(&ctx, jar, base);
            (jar, Redirect::to(&to)).into_response()
        }
        // A customer who works nowhere: no session is kept.
        Ok(false) => match identity::web_sign_out(&state, &caller).await {
            Ok(()) => no_access(&ctx, ""),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CsrfForm>,
) -> Response {
    signin::sign_out(&state, &ctx, &SURFACE, ctx.partner_base(), form).await
}
