//! A shipment's start: the store's "ready" makes it (at OTO through the
//! `shipment.create` job; the local courier's at once), and the store's own
//! later steps are the local courier's timeline.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::ApiResult;

use super::super::model::{OTO, TrackingEvent};
use super::super::repo::{self, Created};
use super::track;
use crate::AppState;
use crate::jobs::{Claimed, JobError, Kind};
use crate::orders::status::{Actor, OrderStatus};

/// Called by the order machine inside its step's transaction.
pub async fn on_order_step(
    conn: &mut PgConnection,
    order: Uuid,
    to: OrderStatus,
    actor: Actor,
) -> ApiResult<()> {
    // The carrier's own events move orders as the system: they are recorded
    // by `track::apply` already.
    let shipping_step = matches!(
        to,
        OrderStatus::ReadyForPickup | OrderStatus::Shipped | OrderStatus::Delivered
    );
    if actor == Actor::System || !shipping_step {
        return Ok(());
    }
    let Some(o) = repo::order_to_ship(&mut *conn, order).await? else {
        return Ok(());
    };
    let (status, source) = match to {
        OrderStatus::ReadyForPickup if o.carrier == OTO => {
            if repo::insert_shipment(conn, order, OTO, "pending")
                .await?
                .is_some()
            {
                crate::jobs::enqueue(
                    conn,
                    Kind::ShipmentCreate.as_str(),
                    &serde_json::json!({"orderId": order}),
                )
                .await?;
            }
            return Ok(());
        }
        OrderStatus::ReadyForPickup => ("created", actor),
        OrderStatus::Shipped => ("in_transit", actor),
        OrderStatus::Delivered => ("delivered", actor),
        _ => return Ok(()),
    };
    // The local courier (or an admin's step on any): the store's word is the timeline.
    repo::insert_shipment(conn, order, &o.carrier, status).await?;
    let Some(s) = repo::lock_shipment(conn, order).await? else {
        return Ok(());
    };
    let event = TrackingEvent {
        status: status.to_owned(),
        raw_status: status.to_owned(),
        note: String::new(),
        source: if source == Actor::Admin {
            "admin"
        } else {
            "store"
        }
        .to_owned(),
        occurred_at: OffsetDateTime::now_utc(),
    };
    repo::insert_event(conn, s.id, &event).await?;
    repo::set_status(conn, s.id, status, status, None, None).await?;
    Ok(())
}

/// The `shipment.create` job: the pickup location (once per store), then the
/// order at OTO with its delivery option and, for cash, the amount due.
/// Failures are tried again with backoff; the last one is a dead letter.
pub async fn create_job(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let order: Uuid = job
        .payload
        .get("orderId")
        .and_then(|v| v.as_str())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| JobError::fatal("no orderId"))?;
    let Some(carrier) = state.carrier.clone() else {
        return Err(JobError::fatal("no carrier is configured"));
    };
    let Some(shipment) = repo::shipment_of(&state.db, order).await? else {
        return Err(JobError::fatal("the order has no shipment"));
    };
    if shipment.provider_id.is_some() || shipment.status == "cancelled" {
        return Ok(());
    }
    let o = repo::order_to_ship(&state.db, order)
        .await?
        .ok_or_else(|| JobError::fatal("no such order"))?;
    let request = match request_of(state, carrier.as_ref(), &o).await {
        Ok(r) => r,
        Err(e) => {
            repo::set_error(&state.db, shipment.id, &e.message).await?;
            return Err(e);
        }
    };
    match carrier.create_shipment(&request).await {
        Ok(created) => {
            let mut tx = state.db.begin().await?;
            repo::set_created(
                &mut tx,
                shipment.id,
                &Created {
                    provider_id: &created.provider_id,
                    tracking_number: created.tracking_number.as_deref(),
                    tracking_url: created.tracking_url.as_deref(),
                    awb_url: created.awb_url.as_deref(),
                    status: "created",
                    raw_status: &created.raw_status,
                },
            )
            .await?;
            let event = TrackingEvent {
                status: "created".into(),
                raw_status: created.raw_status.clone(),
                note: String::new(),
                source: "system".into(),
                occurred_at: OffsetDateTime::now_utc(),
            };
            repo::insert_event(&mut tx, shipment.id, &event).await?;
            tx.commit().await?;
            track::tell(state, &o, &event).await;
            Ok(())
        }
        Err(e) => {
            repo::set_error(&state.db, shipment.id, &e.to_string()).await?;
            Err(JobError::retry(format!(
                "creating the shipment at OTO: {e}"
            )))
        }
    }
}

/// OTO's pickup location of the store (made once, from the store's
/// address) and the shipment request of the order.
async fn request_of(
    state: &AppState,
    carrier: &dyn providers::shipping::Carrier,
    o: &repo::OrderToShip,
) -> Result<providers::shipping::ShipmentRequest, JobError> {
    let store = repo::store_address(&state.db, o.store_id)
        .await?
        .ok_or_else(|| JobError::fatal("no such store"))?;
    let code = match repo::pickup_code(&state.db, o.store_id).await? {
        Some(c) => c,
        None => {
            let code = super::pickups::code_of(o.store_id, 1);
            let location =
                super::pickups::location_of(state, &store, code.clone()).map_err(|_| {
                    JobError::fatal(
                        "the store's owner has no e-mail and SHIPPING_CONTACT_EMAIL is not set",
                    )
                })?;
            carrier
                .ensure_pickup_location(&location)
                .await
                .map_err(|e| JobError::retry(format!("the pickup location at OTO: {e}")))?;
            repo::insert_pickup(
                &state.db,
                o.store_id,
                OTO,
                &code,
                &location.city,
                &location.address,
            )
            .await?;
            code
        }
    };
    let a = &o.address;
    let text = |k: &str| a.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
    // OTO needs an address line: the street, else what the address has.
    let street = [
        text("street"),
        text("details"),
        text("district"),
        text("city"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let items = repo::order_items(&state.db, o.id)
        .await?
        .into_iter()
        .map(
            |(sku, name, price, qty)| providers::shipping::ShipmentItem {
                sku,
                name,
                price_halalas: price,
                quantity: i64::from(qty),
            },
        )
        .collect();
    Ok(providers::shipping::ShipmentRequest {
        order_id: o.number.clone(),
        pickup_code: code,
        delivery_option_id: o
            .delivery_option
            .as_ref()
            .and_then(|v| v.get("id"))
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        cod_halalas: (o.payment_method == "cash").then_some(o.amount_due),
        amount_halalas: o.total,
        currency: "SAR".into(),
        weight_grams: i64::from(o.weight_grams.max(1)),
        dims_cm: None,
        order_date: o.created_at,
        sender_name: store.name_en.clone(),
        customer: providers::shipping::Customer {
            name: Some(text("recipientName"))
                .filter(|n| !n.is_empty())
                .or_else(|| o.customer_name.clone())
                .unwrap_or_default(),
            mobile: Some(text("phone"))
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| o.customer_phone.clone()),
            email: o.customer_email.clone(),
            address: street,
            district: Some(text("district")).filter(|d| !d.is_empty()),
            city: text("city"),
            country: "SA".into(),
            postcode: None,
            lat: a.get("lat").and_then(serde_json::Value::as_f64),
            lon: a.get("lng").and_then(serde_json::Value::as_f64),
        },
        items,
    })
}
