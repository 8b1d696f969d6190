//! Expiry, run by jobs on the durable queue at each request's and offer's
//! expiry. A job that runs early (its time moved, or a clock ahead) queues
//! itself again for the right moment; one that finds nothing left to expire
//! does nothing, so a retried job is harmless.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::AppState;
use crate::jobs::{Claimed, JobError, Kind};
use crate::requests::model::{OfferStatus, RequestStatus};
use crate::requests::repo;

fn id_of(job: &Claimed, field: &str) -> Result<Uuid, JobError> {
    job.payload
        .get(field)
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| JobError::fatal(format!("job payload has no {field}")))
}

/// `request.expire`: an open request past its expiry expires with its live
/// offers; its undecided stores are told, and so is its customer.
pub async fn expire_request(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let id = id_of(job, "requestId")?;
    let mut tx = state.db.begin().await?;
    let Some(r) = repo::lock(&mut tx, id).await? else {
        return Ok(());
    };
    if r.status() != RequestStatus::Open {
        return Ok(());
    }
    if r.expires_at > OffsetDateTime::now_utc() {
        crate::jobs::enqueue_at(
            &mut tx,
            Kind::RequestExpire.as_str(),
            &job.payload,
            r.expires_at,
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    repo::close(
        &mut tx,
        r.id,
        &repo::Close {
            status: "expired",
            by: None,
            reason: None,
            offer: None,
            order: None,
        },
    )
    .await?;
    repo::settle_others(&mut tx, r.id, None, "expired").await?;
    let stores = repo::settle_outcomes(&mut tx, r.id, "expired").await?;
    repo::history(&mut tx, r.id, Some("open"), "expired", None, "system", "").await?;
    crate::notifications::service::notify(
        &mut tx,
        r.customer_id,
        "request.expired",
        "orders",
        serde_json::json!({"requestId": r.id, "requestNumber": r.number}),
    )
    .await?;
    tx.commit().await?;
    super::emit_to_stores(
        state,
        &stores,
        "request:closed",
        &serde_json::json!({"requestId": r.id, "status": "expired"}),
    )
    .await;
    let to = vec![crate::realtime::rooms::user(r.customer_id)];
    state
        .realtime
        .emit(
            &to,
            "request:expired",
            &serde_json::json!({"requestId": r.id}),
        )
        .await;
    Ok(())
}

/// `offer.expire`: a live offer past its expiry expires; its store may
/// offer again while the request is open.
pub async fn expire_offer(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let id = id_of(job, "offerId")?;
    let Some(o) = repo::get_offer(&state.db, id).await? else {
        return Ok(());
    };
    let mut tx = state.db.begin().await?;
    let Some(r) = repo::lock(&mut tx, o.request_id).await? else {
        return Ok(());
    };
    let Some(o) = repo::get_offer(&mut *tx, id).await? else {
        return Ok(());
    };
    if o.status() != OfferStatus::Active {
        return Ok(());
    }
    if o.expires_at > OffsetDateTime::now_utc() {
        crate::jobs::enqueue_at(
            &mut tx,
            Kind::OfferExpire.as_str(),
            &job.payload,
            o.expires_at,
        )
        .await?;
        tx.commit().await?;
        return Ok(());
    }
    repo::set_offer_status(&mut tx, o.id, "expired", None).await?;
    if r.status() == RequestStatus::Open {
        repo::set_outcome(&mut tx, r.id, o.store_id, "new").await?;
    }
    tx.commit().await?;
    let to = vec![crate::realtime::rooms::user(r.customer_id)];
    state
        .realtime
        .emit(
            &to,
            "request:offer-expired",
            &serde_json::json!({"requestId": r.id, "offerId": o.id}),
        )
        .await;
    Ok(())
}
