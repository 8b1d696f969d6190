//! Server-rendered surfaces (askama + htmx): the landing site, the admin
//! dashboard, the partner dashboard and the customer web app (`/app`).
//! Later surfaces (store, rider) are modules here.

mod admin;
mod assets;
mod chrome;
mod content_view;
mod customer;
mod dashboard;
mod design;
mod forms;
mod geo_picker;
mod landing;
mod partner;
mod rider;
mod shared;
mod shipping;
mod signin;
pub mod status_page;
mod support_chat;

use axum::Router;
use axum::routing::get;

use app::AppState;

pub use chrome::MountedAtHost;

/// The answer to a path nothing serves: the API's JSON 404 under `/api`
/// (and the other machine paths), else the landing site's 404 page in the
/// visitor's language.
pub async fn not_found(state: AppState, req: axum::extract::Request) -> axum::response::Response {
    use axum::extract::FromRequestParts;
    use axum::response::IntoResponse;
    let path = req.uri().path();
    let machine = [
        "/api",
        "/docs",
        "/health",
        "/ready",
        "/metrics",
        "/socket.io",
        "/sandbox",
    ]
    .iter()
    .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    if machine {
        return kernel::ApiError::NotFound.into_response();
    }
    let (mut parts, _) = req.into_parts();
    match chrome::WebCtx::from_request_parts(&mut parts, &state).await {
        Ok(ctx) => shared::error_page(&ctx, kernel::ApiError::NotFound, "/".into()),
        Err(_) => kernel::ApiError::NotFound.into_response(),
    }
}

pub fn router(state: AppState) -> Router {
    chrome::set_map_tiles(&state.config.map_tiles);
    Router::new()
        .route("/", get(status_page::home))
        .route("/privacy", get(landing::privacy))
        .route("/terms", get(landing::terms))
        .route(
            "/support",
            get(landing::support::support).post(landing::support::contact),
        )
        .route("/design-system", get(design::page))
        .merge(landing::register::router())
        .nest("/admin", admin::router())
        .nest("/partner", partner::router())
        .nest("/app", customer::router())
        .nest("/rider", rider::router())
        .route("/static/{*path}", get(assets::serve))
        .layer(axum::middleware::from_fn(chrome::language_switch))
        .with_state(state)
}
