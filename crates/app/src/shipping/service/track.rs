//! Tracking: a carrier's status event moves the shipment and, through the
//! order machine, the order (picked up or on its way: shipped; delivered:
//! delivered, which settles; returned to the store: cancelled by the
//! system, which restores the stock and refunds a paid order). The same event twice has one effect (the
//! timeline keeps an event once). Customers read the timeline and hear each
//! step live.

use time::OffsetDateTime;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};
use providers::shipping::{StatusEvent, TrackingStatus};

use super::super::model::{Tracking, TrackingEvent};
use super::super::repo::{self, OrderToShip};
use crate::AppState;
use crate::auth::Caller;
use crate::orders::status::{Actor, OrderStatus, RETURNED_NOTE};

/// What an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Recorded; the words say what moved.
    Applied(String),
    /// This very event was recorded before: nothing changed.
    Duplicate,
    /// No shipment of ours has this order reference.
    UnknownOrder,
}

/// Applies a carrier's status event to the shipment of order `number`.
pub async fn apply(state: &AppState, ev: &StatusEvent, source: &str) -> ApiResult<Applied> {
    let mut tx = state.db.begin().await?;
    let Some(s) = repo::lock_shipment_by_number(&mut tx, &ev.order_id).await? else {
        return Ok(Applied::UnknownOrder);
    };
    let occurred_at = ev
        .timestamp_ms()
        .and_then(|ms| OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok())
        .unwrap_or_else(OffsetDateTime::now_utc);
    let event = TrackingEvent {
        status: ev.status.as_str().to_owned(),
        raw_status: ev.raw_status.clone(),
        note: ev.note.clone().unwrap_or_default(),
        source: source.to_owned(),
        occurred_at,
    };
    if repo::insert_event(&mut tx, s.id, &event).await?.is_none() {
        tx.commit().await?;
        return Ok(Applied::Duplicate);
    }
    // A late event never moves a finished parcel back.
    let finished = matches!(s.status.as_str(), "delivered" | "returned" | "cancelled");
    if !finished {
        repo::set_status(
            &mut tx,
            s.id,
            &event.status,
            &event.raw_status,
            ev.tracking_number.as_deref(),
            ev.tracking_url.as_deref(),
        )
        .await?;
    }
    let o = repo::order_to_ship(&mut *tx, s.order_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let before = o.status.clone();
    let steps: &[OrderStatus] = match (ev.status, before.as_str()) {
        (
            TrackingStatus::PickedUp | TrackingStatus::InTransit | TrackingStatus::OutForDelivery,
            "ready_for_pickup",
        ) => &[OrderStatus::Shipped],
        (TrackingStatus::Delivered, "ready_for_pickup") => {
            &[OrderStatus::Shipped, OrderStatus::Delivered]
        }
        (TrackingStatus::Delivered, "shipped") => &[OrderStatus::Delivered],
        // Back at the store: the order ends as the system's cancel, which
        // gives the stock back and refunds what was paid (nothing was
        // collected on a cash order).
        (TrackingStatus::Returned, "ready_for_pickup" | "shipped") => &[OrderStatus::Cancelled],
        _ => &[],
    };
    let note = if ev.status == TrackingStatus::Returned {
        RETURNED_NOTE.to_owned()
    } else {
        format!("{}: {}", s.carrier, ev.raw_status)
    };
    for to in steps {
        crate::orders::service::step(state, &mut tx, o.id, *to, Actor::System, None, &note).await?;
    }
    tx.commit().await?;
    if !steps.is_empty() {
        crate::orders::service::announce(state, &[o.id], Some(&before)).await;
    }
    tell(state, &o, &event).await;
    let effect = match steps.last() {
        Some(to) => format!("shipment {}, order {}", event.status, to.as_str()),
        None => format!("shipment {}", event.status),
    };
    Ok(Applied::Applied(effect))
}

/// How long a shipment may go without news before the carrier is asked.
const POLL_AFTER: time::Duration = time::Duration::minutes(30);
/// Shipments asked about per sweep, per node.
const POLL_BATCH: i64 = 20;

/// Asks the carrier about shipments it has said nothing of for a while (a
/// webhook lost or never registered) and applies what changed, as events of
/// source `poll`. Runs with the sweeper; returns how many moved.
pub async fn poll(state: &AppState) -> ApiResult<usize> {
    let Some(carrier) = state.carrier.clone() else {
        return Ok(0);
    };
    let stale = OffsetDateTime::now_utc() - POLL_AFTER;
    let due = repo::claim_stale(&state.db, super::super::model::OTO, stale, POLL_BATCH).await?;
    let mut moved = 0;
    for (number, known_raw, known) in due {
        let now = match carrier.status(&number).await {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(error = %e, order = %number, "the carrier could not say where a shipment is");
                continue;
            }
        };
        // Only news moves anything: the same word, or another word for the
        // step the shipment is at, is no event.
        if now.raw_status == known_raw || now.status.as_str() == known {
            continue;
        }
        let event = StatusEvent {
            order_id: number,
            status: now.status,
            raw_status: now.raw_status,
            tracking_number: now.tracking_number,
            tracking_url: now.tracking_url,
            note: None,
            timestamp: (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).to_string(),
        };
        if let Applied::Applied(_) = apply(state, &event, "poll").await? {
            moved += 1;
        }
    }
    Ok(moved)
}

/// `shipment:status` to the order's customer and followers, after the commit.
pub async fn tell(state: &AppState, o: &OrderToShip, e: &TrackingEvent) {
    let to = [
        crate::realtime::rooms::user(o.customer_id),
        crate::realtime::rooms::order(o.id),
    ];
    let data = serde_json::json!({
        "orderId": o.id, "number": o.number, "status": e.status, "rawStatus": e.raw_status,
        "occurredAt": e.occurred_at.unix_timestamp(),
    });
    state.realtime.emit(&to, "shipment:status", &data).await;
}

/// The order's shipment and timeline: its customer, its store's staff, or
/// an admin who may follow it (404 for anyone else).
pub async fn tracking(state: &AppState, caller: &Caller, order: Uuid) -> ApiResult<Tracking> {
    crate::orders::service::may_follow(state, caller, order).await?;
    let o = repo::order_to_ship(&state.db, order)
        .await?
        .ok_or(ApiError::NotFound)?;
    let Some(s) = repo::shipment_of(&state.db, order).await? else {
        return Ok(Tracking {
            order_id: order,
            carrier: o.carrier,
            status: None,
            tracking_number: None,
            tracking_url: None,
            events: Vec::new(),
        });
    };
    let events = repo::events(&state.db, s.id).await?;
    Ok(Tracking {
        order_id: order,
        carrier: s.carrier,
        status: Some(s.status),
        tracking_number: s.tracking_number,
        tracking_url: s.tracking_url,
        events,
    })
}
