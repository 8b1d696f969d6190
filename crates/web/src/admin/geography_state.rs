//! Deactivating and restoring a city or an area from the geography pages
//! (each behind the page's confirmation): reversible, and allowed while
//! addresses and stores name the place, which keep it.

use axum::extract::{Form, Path, State};
use axum::response::Response;
use http::HeaderMap;
use uuid::Uuid;

use app::AppState;
use app::geography::service as geo;
use kernel::i18n::Message;
use kernel::ids::parse_id;

use super::{acting, error_page};
use crate::chrome::WebCtx;
use crate::forms::Fields;
use crate::shared;

/// Where the change came from: the list (`back=list`) or the city's page.
fn back(ctx: &WebCtx, f: &Fields, city: Uuid) -> String {
    match f.get("back").as_str() {
        "list" => format!("{}/geography", ctx.admin_base()),
        _ => format!("{}/geography/cities/{city}", ctx.admin_base()),
    }
}

async fn city(
    state: AppState,
    ctx: WebCtx,
    headers: HeaderMap,
    id: String,
    f: Fields,
    on: bool,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match geo::set_city_active(&state, &caller, id, on).await {
        Ok(c) => {
            let key = if on {
                "web-geo-city-restored"
            } else {
                "web-geo-city-deactivated"
            };
            let name = if ctx.locale.code() == "ar" {
                c.name_ar
            } else {
                c.name_en
            };
            let message = Message::new(key).arg("name", name).render(ctx.locale);
            shared::redirect_with_toast(&back(&ctx, &f, id), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

async fn area(
    state: AppState,
    ctx: WebCtx,
    headers: HeaderMap,
    id: String,
    f: Fields,
    on: bool,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match geo::set_area_active(&state, &caller, id, on).await {
        Ok(a) => {
            let key = if on {
                "web-geo-area-restored"
            } else {
                "web-geo-area-deactivated"
            };
            let name = if ctx.locale.code() == "ar" {
                a.name_ar
            } else {
                a.name_en
            };
            let message = Message::new(key).arg("name", name).render(ctx.locale);
            shared::redirect_with_toast(&back(&ctx, &f, a.city_id), &message)
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /admin/geography/cities/{id}/deactivate`.
pub async fn deactivate_city(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    city(state, ctx, headers, id, Fields(fields), false).await
}

/// `POST /admin/geography/cities/{id}/restore`.
pub async fn restore_city(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    city(state, ctx, headers, id, Fields(fields), true).await
}

/// `POST /admin/geography/areas/{id}/deactivate`.
pub async fn deactivate_area(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    area(state, ctx, headers, id, Fields(fields), false).await
}

/// `POST /admin/geography/areas/{id}/restore`.
pub async fn restore_area(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    area(state, ctx, headers, id, Fields(fields), true).await
}
