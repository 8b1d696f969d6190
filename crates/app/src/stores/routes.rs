//! HTTP handlers of the supply side with their OpenAPI descriptions: the
//! partner (supplier and employee) side, the admin side and the public side.

mod admin;
mod partner;
mod public;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(partner::router())
        .merge(admin::router())
        .merge(public::router())
}
