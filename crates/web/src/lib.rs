//! Server-rendered surfaces (askama + htmx): the landing site, the admin
//! dashboard, the partner dashboard and the customer web app (`/app`).
//! Later surfaces (store, rider) are modules here.

mod admin;
mod assets;
mod chrome;
mod customer;
mod forms;
mod landing;
mod partner;
mod shared;
mod signin;

use axum::Router;
use axum::routing::get;

use app::AppState;

pub use chrome::MountedAtHost;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(landing::page))
        .nest("/admin", admin::router())
        .nest("/partner", partner::router())
        .nest("/app", customer::router())
        .route("/static/{*path}", get(assets::serve))
        .layer(axum::middleware::from_fn(chrome::language_switch))
        .with_state(state)
}
