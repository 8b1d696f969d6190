//! HTTP handlers of site content: the public reads and the contact form
//! (`routes/public.rs`) and the admins' management (`routes/admin.rs`).

mod admin;
mod public;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(public::router())
        .merge(admin::router())
}
