//! HTTP handlers of store requests: the customer's, the partner's and the
//! admin's, one file each.

mod admin;
mod customer;
mod partner;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(customer::router())
        .merge(partner::router())
        .merge(admin::router())
}
