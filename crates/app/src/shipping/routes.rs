use axum::body::Bytes;
use axum::extract::{Path, State};
use http::HeaderMap;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, ApiOk, ApiResult, FieldErrors};

use super::model::{AdminShipment, ProductShipping, Tracking, WebhookCall};
use super::service::{admin, product, track, webhook};
use crate::AppState;
use crate::auth::Caller;

mod pickups;
mod rates;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(pickups::router())
        .routes(routes!(oto_webhook))
        .routes(routes!(tracking))
        .routes(routes!(admin_shipments))
        .routes(routes!(admin_retry))
        .routes(routes!(admin_cancel))
        .routes(routes!(admin_webhooks))
        .routes(routes!(product_shipping, set_product_shipping))
        .merge(rates::router())
}

/// A product's shipping weight and size (owner or `products.view`).
#[utoipa::path(get, path = "/partner/stores/{storeId}/products/{id}/shipping", tag = "partner",
    security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<ProductShipping>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn product_shipping(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<ProductShipping>> {
    Ok(ApiOk::new(
        product::get(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?,
    ))
}

/// Sets what the carrier weighs and measures; quotes use it at once (it is
/// not content: an active product stays live).
#[utoipa::path(put, path = "/partner/stores/{storeId}/products/{id}/shipping", tag = "partner",
    security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    request_body = ProductShipping,
    responses(
        (status = 200, body = Envelope<ProductShipping>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn set_product_shipping(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<ProductShipping>,
) -> ApiResult<ApiOk<ProductShipping>> {
    Ok(ApiOk::new(
        product::set(&state, &caller, parse_id(&store)?, parse_id(&id)?, &body).await?,
    ))
}

/// OTO's `orderStatus` webhook: `Authorization` is the registered key and
/// `signature` the HMAC of `orderId:status:timestamp`. The same event twice
/// has one effect; an event for an unknown order is logged and answered 200.
#[utoipa::path(post, path = "/shipping/webhooks/oto", tag = "shipping",
    request_body(content = Object, description = "OTO's orderStatus payload"),
    responses(
        (status = 200, body = Envelope<String>, description = "applied, duplicate or unknown_order"),
        (status = 401, description = "wrong key or signature", body = ErrorEnvelope),
        (status = 400, body = ErrorEnvelope),
    ))]
async fn oto_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<ApiOk<String>> {
    let authorization = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    Ok(ApiOk::new(
        webhook::oto(&state, authorization, &body).await?,
    ))
}

/// The order's shipment and its timeline (its customer, its store's staff, admins).
#[utoipa::path(get, path = "/orders/{id}/tracking", tag = "shipping", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Tracking>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn tracking(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Tracking>> {
    Ok(ApiOk::new(
        track::tracking(&state, &caller, parse_id(&id)?).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ShipmentsQuery {
    /// pending, created, picked_up, in_transit, out_for_delivery, delivered,
    /// returned, cancelled, in_progress.
    status: Option<String>,
    page: Option<u32>,
}

const STATUSES: [&str; 9] = [
    "pending",
    "created",
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "returned",
    "cancelled",
    "in_progress",
];

fn check_page(e: &mut FieldErrors, page: Option<u32>) {
    if page.is_some_and(|p| !(1..=10_000).contains(&p)) {
        e.add(
            "page",
            Message::new("validation-range")
                .arg("min", 1i64)
                .arg("max", 10_000i64),
        );
    }
}

impl Validate for ShipmentsQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(s) = &self.status
            && !STATUSES.contains(&s.as_str())
        {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", STATUSES.join(", ")),
            );
        }
        check_page(&mut e, self.page);
        e.into_result()
    }
}

impl Validate for PageOnlyQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_page(&mut e, self.page);
        e.into_result()
    }
}

/// Shipments, latest change first (`orders.manage`).
#[utoipa::path(get, path = "/admin/shipments", tag = "admin", security(("bearer" = [])),
    params(ShipmentsQuery),
    responses(
        (status = 200, body = Envelope<Vec<AdminShipment>>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn admin_shipments(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<ShipmentsQuery>,
) -> ApiResult<ApiOk<Vec<AdminShipment>>> {
    let page = i64::from(q.page.unwrap_or(1).clamp(1, 10_000));
    Ok(ApiOk::new(
        admin::shipments(&state, &caller, q.status.as_deref(), page).await?,
    ))
}

/// Creates the shipment at OTO again (one not accepted yet).
#[utoipa::path(post, path = "/admin/shipments/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "SHIPMENT_NOT_RETRYABLE", body = ErrorEnvelope),
    ))]
async fn admin_retry(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    admin::retry(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// Cancels the shipment at the carrier.
#[utoipa::path(post, path = "/admin/shipments/{id}/cancel", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "SHIPMENT_FINISHED", body = ErrorEnvelope),
        (status = 503, body = ErrorEnvelope),
    ))]
async fn admin_cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    admin::cancel(&state, &caller, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct PageOnlyQuery {
    page: Option<u32>,
}

/// Every webhook call received, newest first, with its verdict and effect.
#[utoipa::path(get, path = "/admin/shipping-webhooks", tag = "admin", security(("bearer" = [])),
    params(PageOnlyQuery),
    responses(
        (status = 200, body = Envelope<Vec<WebhookCall>>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn admin_webhooks(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<PageOnlyQuery>,
) -> ApiResult<ApiOk<Vec<WebhookCall>>> {
    let page = i64::from(q.page.unwrap_or(1).clamp(1, 10_000));
    Ok(ApiOk::new(admin::webhooks(&state, &caller, page).await?))
}
