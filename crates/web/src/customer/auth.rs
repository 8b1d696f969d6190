//! Customer sign-in by phone OTP; only customers are let in (partners and
//! admins have their own surfaces).

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

use app::AppState;

use super::{SURFACE, app_base};
use crate::chrome::WebCtx;
use crate::signin::{self, CodeForm, CsrfForm, PhoneForm};

pub async fn sign_in_page(ctx: WebCtx) -> Response {
    signin::sign_in_form(&ctx, &SURFACE, app_base(&ctx), None, None, StatusCode::OK)
}

pub async fn send_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<PhoneForm>,
) -> Response {
    signin::send_code(&state, &ctx, &SURFACE, app_base(&ctx), form).await
}

pub async fn verify_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    let base = app_base(&ctx);
    match signin::verify_code(&state, &ctx, &SURFACE, base, form).await {
        Ok((cookie, _caller)) => {
            let jar = ctx.jar.clone().add(cookie);
            let (jar, to) = crate::signin::after_sign_in(&ctx, jar, base);
            (jar, Redirect::to(&to)).into_response()
        }
        Err(r) => r,
    }
}

pub async fn sign_out(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CsrfForm>,
) -> Response {
    signin::sign_out(&state, &ctx, &SURFACE, app_base(&ctx), form).await
}
