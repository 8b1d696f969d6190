use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::SavedCard;
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(delete))
}

/// The caller's saved cards, newest first: scheme, last four digits, expiry
/// and holder; never the gateway's token nor the card number. A card is saved
/// by paying with `saveCard: true` (checkout, `POST /orders/{id}/pay`) and
/// used with `savedCardId` there.
#[utoipa::path(get, path = "/payments/saved-cards", tag = "payments", security(("bearer" = [])),
    responses((status = 200, body = Envelope<Vec<SavedCard>>), (status = 401, body = ErrorEnvelope)))]
async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<ApiOk<Vec<SavedCard>>> {
    Ok(ApiOk::new(service::list(&state, &caller).await?))
}

/// Deletes one of the caller's saved cards; it can pay no more.
#[utoipa::path(delete, path = "/payments/saved-cards/{id}", tag = "payments", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 404, description = "not one of the caller's cards", body = ErrorEnvelope),
    ))]
async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::delete(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}
