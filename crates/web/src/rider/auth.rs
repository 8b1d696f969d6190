//! Rider sign-in by phone OTP; only representatives are let in. A customer,
//! a supplier or an admin who signs in here is told that this app is for
//! representatives (the surface's `refused_key`), and no session opens.

use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::StatusCode;

use app::AppState;

use super::{SURFACE, rider_base};
use crate::chrome::WebCtx;
use crate::signin::{self, CodeForm, CsrfForm, PhoneForm};

pub async fn sign_in_page(ctx: WebCtx) -> Response {
    signin::sign_in_form(&ctx, &SURFACE, rider_base(&ctx), None, None, StatusCode::OK)
}

pub async fn send_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<PhoneForm>,
) -> Response {
    signin::send_code(&state, &ctx, &SURFACE, rider_base(&ctx), form).await
}

pub async fn verify_code(
    State(state): State<AppState>,
    ctx: WebCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    let base = rider_base(&ctx);
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
    signin::sign_out(&state, &ctx, &SURFACE, rider_base(&ctx), form).await
}
