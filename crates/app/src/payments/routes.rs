use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Redirect;
use http::HeaderMap;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{ErrorEnvelope, NullEnvelope};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, ApiOk, ApiResult};

use super::gateway;
use crate::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ngenius_webhook))
        .routes(routes!(pay_session))
        .routes(routes!(return_from_gateway))
}

/// The card gateway's event. Authenticated by the configured header; the
/// event only says "look again": the order is read back from the gateway
/// before any money moves, and the same event twice has one effect.
#[utoipa::path(post, path = "/payments/webhooks/ngenius", tag = "payments",
    request_body(content = Object, description = "`{eventName, order: {reference, ...}}`"),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 401, description = "missing or wrong webhook header", body = ErrorEnvelope),
        (status = 400, body = ErrorEnvelope),
    ))]
async fn ngenius_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<ApiOk<Option<()>>> {
    let cfg = &state.config.payments;
    let given = headers
        .get(cfg.webhook_header.as_str())
        .and_then(|v| v.to_str().ok());
    if !gateway::webhook_authentic(&cfg.webhook_secret, given) {
        return Err(ApiError::Unauthenticated(Message::new(
            "payment-webhook-unauthenticated",
        )));
    }
    let event = providers::payments::parse_webhook(&body)
        .map_err(|_| ApiError::BadRequest(Message::new("error-malformed-json")))?;
    tracing::info!(event = %event.event_name, reference = %event.order_reference, "gateway event");
    gateway::sync_session(&state, &event.order_reference).await?;
    Ok(ApiOk::new(None))
}

/// The stable payment link checkout returns: forwards to the gateway's
/// hosted page (opening it if it was not opened yet).
#[utoipa::path(get, path = "/payments/sessions/{id}/pay", tag = "payments",
    params(("id" = String, Path)),
    responses(
        (status = 303, description = "to the gateway's hosted payment page"),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "PAYMENT_CLOSED", body = ErrorEnvelope),
        (status = 503, body = ErrorEnvelope),
    ))]
async fn pay_session(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Redirect> {
    let url = gateway::ensure_gateway_order(&state, parse_id(&id)?).await?;
    Ok(Redirect::to(&url))
}

/// Where the gateway sends the browser back: the payment is read back from
/// the gateway, then the customer lands on the order.
#[utoipa::path(get, path = "/payments/sessions/{id}/return", tag = "payments",
    params(("id" = String, Path)),
    responses((status = 303, description = "to the order page"), (status = 404, body = ErrorEnvelope)))]
async fn return_from_gateway(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Redirect> {
    let to = gateway::return_target(&state, parse_id(&id)?).await?;
    Ok(Redirect::to(&to))
}
