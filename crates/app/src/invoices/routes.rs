use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::Invoice;
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(order_invoice))
}

/// The order's simplified tax invoice with its ZATCA QR (`zatcaQr`); 404
/// until the order is confirmed (paid, or accepted for cash on delivery).
#[utoipa::path(get, path = "/orders/{id}/invoice", tag = "orders", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Invoice>),
        (status = 403, description = "an employee of the store without `orders.view`", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn order_invoice(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Invoice>> {
    Ok(ApiOk::new(
        service::for_order(&state, &caller, parse_id(&id)?).await?,
    ))
}
