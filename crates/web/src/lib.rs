//! Server-rendered surfaces (askama + htmx): the landing site and the admin
//! dashboard. Later surfaces (partner, customer, store, rider) are modules here.

mod admin;
mod assets;
mod chrome;
mod landing;

use axum::Router;
use axum::routing::get;

use app::AppState;

pub use chrome::MountedAtHost;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(landing::page))
        .nest("/admin", admin::router())
        .route("/static/{*path}", get(assets::serve))
        .layer(axum::middleware::from_fn(chrome::language_switch))
        .with_state(state)
}
