//! HTTP handlers of registration requests: the applicant's public routes
//! (`routes/public.rs`) and the admins' queue (`routes/admin.rs`).

mod admin;
mod public;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(public::router())
        .merge(admin::router())
}
