//! The admins' side (`orders.manage`): shipments with their last error,
//! retrying a shipment OTO has not accepted yet, cancelling one at the
//! carrier, and the webhook log.

use time::OffsetDateTime;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::super::model::{AdminShipment, OTO, TrackingEvent, WebhookCall};
use super::super::repo;
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;
use crate::jobs::Kind;

const PAGE: i64 = 50;

pub async fn shipments(
    state: &AppState,
    caller: &Caller,
    status: Option<&str>,
    page: i64,
) -> ApiResult<Vec<AdminShipment>> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    Ok(repo::admin_shipments(&state.db, status, PAGE, (page.max(1) - 1) * PAGE).await?)
}

pub async fn webhooks(state: &AppState, caller: &Caller, page: i64) -> ApiResult<Vec<WebhookCall>> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    Ok(repo::webhook_calls(&state.db, PAGE, (page.max(1) - 1) * PAGE).await?)
}

/// Asks the job again for a shipment OTO has not accepted (409 once it has).
pub async fn retry(state: &AppState, caller: &Caller, order: Uuid) -> ApiResult<()> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    let mut tx = state.db.begin().await?;
    let s = repo::lock_shipment(&mut tx, order)
        .await?
        .ok_or(ApiError::NotFound)?;
    if s.carrier != OTO || s.provider_id.is_some() || s.status == "cancelled" {
        return Err(ApiError::conflict(
            "SHIPMENT_NOT_RETRYABLE",
            "shipping-not-retryable",
        ));
    }
    crate::jobs::enqueue(
        &mut tx,
        Kind::ShipmentCreate.as_str(),
        &serde_json::json!({"orderId": order}),
    )
    .await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "shipment.retry",
        "order",
        order,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Cancels the shipment at the carrier (the order itself is the order
/// machine's: an admin cancels or refunds it there).
pub async fn cancel(state: &AppState, caller: &Caller, order: Uuid) -> ApiResult<()> {
    permissions::require(state, caller, Permission::OrdersManage).await?;
    let s = repo::shipment_of(&state.db, order)
        .await?
        .ok_or(ApiError::NotFound)?;
    if matches!(s.status.as_str(), "delivered" | "returned" | "cancelled") {
        return Err(ApiError::conflict("SHIPMENT_FINISHED", "shipping-finished"));
    }
    if s.provider_id.is_some()
        && let Some(carrier) = &state.carrier
    {
        let o = repo::order_to_ship(&state.db, order)
            .await?
            .ok_or(ApiError::NotFound)?;
        carrier.cancel(&o.number).await.map_err(|e| {
            tracing::warn!(error = %e, "the carrier refused to cancel a shipment");
            ApiError::Unavailable
        })?;
    }
    let mut tx = state.db.begin().await?;
    repo::set_status(&mut tx, s.id, "cancelled", "cancelled", None, None).await?;
    let event = TrackingEvent {
        status: "cancelled".into(),
        raw_status: "cancelled".into(),
        note: String::new(),
        source: "admin".into(),
        occurred_at: OffsetDateTime::now_utc(),
    };
    repo::insert_event(&mut tx, s.id, &event).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "shipment.cancel",
        "order",
        order,
        None::<&()>,
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
