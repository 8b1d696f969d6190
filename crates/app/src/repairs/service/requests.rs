//! Presence, repair requests and offers: a rep goes online with a position;
//! a customer's request reaches the online reps within reach (live
//! `repair:new` and a push); each rep offers a price and an ETA; the
//! customer accepts one under the request's row lock, so ten concurrent
//! accepts make one job, and the other reps are told.

use http::StatusCode;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::super::model::{
    Presence, PresenceInput, RepairInput, RepairOffer, RepairOfferInput, RepairRequest,
};
use super::super::repo;
use super::jobs;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::identity::model::{Role, UserStatus};
use crate::realtime::rooms;

/// Only active representatives use the rider side.
pub fn require_rep(caller: &Caller) -> ApiResult<()> {
    if caller.role == Role::Representative && caller.status == UserStatus::Active {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

pub async fn set_presence(
    state: &AppState,
    caller: &Caller,
    req: &PresenceInput,
) -> ApiResult<Presence> {
    require_rep(caller)?;
    let at = req.lat.zip(req.lng);
    if req.online
        && let Some((lat, lng)) = at
        && !super::super::model::in_country(lat, lng)
    {
        return Err(ApiError::Validation(FieldErrors::single(
            "lat",
            Message::new("repair-outside-country"),
        )));
    }
    Ok(repo::set_presence(&state.db, caller.user_id, req.online, at).await?)
}

pub async fn presence(state: &AppState, caller: &Caller) -> ApiResult<Presence> {
    require_rep(caller)?;
    Ok(repo::presence(&state.db, caller.user_id)
        .await?
        .unwrap_or(Presence {
            online: false,
            lat: None,
            lng: None,
            seen_at: None,
        }))
}

/// `POST /repairs`: the request, and the reps it reached.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: &RepairInput,
) -> ApiResult<RepairRequest> {
    let mut tx = state.db.begin().await?;
    let car_label = match req.car_id {
        Some(car) => {
            let Some((_, row)) =
                crate::garage::service::car_of(&mut *tx, caller.user_id, car).await?
            else {
                return Err(ApiError::Validation(FieldErrors::single(
                    "carId",
                    Message::new("booking-car-unknown"),
                )));
            };
            row.title(caller.client.locale)
        }
        None => req.car_label.clone().unwrap_or_default().trim().to_owned(),
    };
    let id = Uuid::now_v7();
    let radius = state.settings.current().distances.rep_radius_km;
    let ttl =
        time::Duration::try_from(state.config.reps.request_ttl).unwrap_or(time::Duration::hours(2));
    let expires = req
        .wanted_at
        .unwrap_or_else(OffsetDateTime::now_utc)
        .max(OffsetDateTime::now_utc())
        + ttl;
    repo::insert_request(
        &mut tx,
        id,
        caller.user_id,
        req,
        &car_label,
        radius,
        expires,
    )
    .await?;
    let photos = req.photo_ids.as_deref().unwrap_or_default();
    if !photos.is_empty() {
        let own = repo::own_photos(&mut *tx, caller.user_id, photos).await?;
        if own != photos.len() as i64 {
            return Err(ApiError::Validation(FieldErrors::single(
                "photoIds",
                Message::new("requests-photo-unknown"),
            )));
        }
        repo::insert_photos(&mut tx, id, photos).await?;
    }
    let reps = repo::match_reps(&mut tx, id, req.lat, req.lng, radius).await?;
    let r = repo::request(&mut *tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    for rep in &reps {
        crate::notifications::notify(
            &mut tx,
            *rep,
            "repair.new",
            "orders",
            serde_json::json!({"requestNumber": r.number, "problem": {
                "ar": super::super::model::problem_names(&r.problem).0,
                "en": super::super::model::problem_names(&r.problem).1,
            }}),
        )
        .await?;
    }
    tx.commit().await?;
    let rooms: Vec<String> = reps.iter().map(|r| rooms::user(*r)).collect();
    let data = serde_json::json!({"id": r.id, "number": r.number, "problem": r.problem,
        "lat": r.lat, "lng": r.lng, "wantedAt": r.wanted_at});
    state.realtime.emit(&rooms, "repair:new", &data).await;
    Ok(r)
}

/// Whether the caller may see a repair request's photo: the customer who
/// made it and the reps it reached.
pub async fn may_see_photo(state: &AppState, caller: &Caller, media: Uuid) -> ApiResult<bool> {
    Ok(repo::may_see_photo(&state.db, media, caller.user_id).await?)
}

/// The customer's request with its offers, cheapest first.
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<RepairRequest> {
    let mut r = repo::request(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    r.offers = repo::offers(&state.db, id).await?;
    Ok(r)
}

pub async fn mine(state: &AppState, caller: &Caller) -> ApiResult<Vec<RepairRequest>> {
    Ok(repo::requests_of(&state.db, caller.user_id).await?)
}

pub async fn cancel(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<RepairRequest> {
    let mut tx = state.db.begin().await?;
    let r = repo::lock_request(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    if r.status != "open" {
        return Err(ApiError::conflict(
            "REQUEST_CLOSED",
            "repair-request-closed",
        ));
    }
    repo::set_request_status(&mut tx, id, "cancelled").await?;
    let reps = repo::reps_of(&mut *tx, id).await?;
    tx.commit().await?;
    let rooms: Vec<String> = reps.iter().map(|r| rooms::user(*r)).collect();
    state
        .realtime
        .emit(&rooms, "repair:closed", &serde_json::json!({"id": id}))
        .await;
    get(state, caller, id).await
}

/// The open requests that reached the rep, nearest first; open requests
/// within reach of where the rep is now reach the rep as well.
pub async fn nearby(state: &AppState, caller: &Caller) -> ApiResult<Vec<RepairRequest>> {
    require_rep(caller)?;
    let mut conn = state.db.acquire().await?;
    repo::reach_open(&mut conn, caller.user_id).await?;
    Ok(repo::nearby(&mut *conn, caller.user_id).await?)
}

/// A rep's offer (or its revision) on a request that reached them.
pub async fn offer(
    state: &AppState,
    caller: &Caller,
    request: Uuid,
    req: &RepairOfferInput,
) -> ApiResult<RepairOffer> {
    require_rep(caller)?;
    let mut tx = state.db.begin().await?;
    if repo::reached(&mut *tx, request, caller.user_id)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound);
    }
    let r = repo::lock_request(&mut tx, request)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.status != "open" || r.expires_at < OffsetDateTime::now_utc() {
        return Err(ApiError::conflict(
            "REQUEST_CLOSED",
            "repair-request-closed",
        ));
    }
    let id = repo::upsert_offer(
        &mut tx,
        request,
        caller.user_id,
        req.price,
        req.eta_minutes,
        req.note.as_deref().unwrap_or("").trim(),
    )
    .await?;
    let o = repo::offer(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    state
        .realtime
        .emit(&[rooms::user(r.customer_id)], "repair:offer", &o)
        .await;
    Ok(o)
}

/// The customer accepts one offer: one job, whatever the concurrency.
pub async fn accept(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    request: Uuid,
    offer: Uuid,
) -> ApiResult<Replay> {
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("repair-accept", &(request, offer));
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "repair-accept", &hash).await?
    {
        return Ok(replay);
    }
    let r = repo::lock_request(&mut tx, request)
        .await?
        .ok_or(ApiError::NotFound)?;
    if r.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    if r.status != "open" {
        return Err(ApiError::conflict(
            "REQUEST_CLOSED",
            "repair-request-closed",
        ));
    }
    let o = repo::offer(&mut *tx, offer)
        .await?
        .filter(|o| o.request_id == request)
        .ok_or(ApiError::NotFound)?;
    if o.status != "active" {
        return Err(ApiError::conflict(
            "OFFER_NOT_ACTIVE",
            "repair-offer-not-active",
        ));
    }
    repo::set_request_status(&mut tx, request, "accepted").await?;
    let losers = repo::settle_offers(&mut tx, request, offer).await?;
    let job = jobs::start(state, &mut tx, &r, &o, caller.user_id).await?;
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &job).await?;
    tx.commit().await?;
    let data = serde_json::json!({"requestId": request, "jobId": job.id, "number": job.number});
    state
        .realtime
        .emit(&[rooms::user(o.rep_id)], "repair:accepted", &data)
        .await;
    let others: Vec<String> = repo::reps_of(&state.db, request)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| *r != o.rep_id)
        .map(rooms::user)
        .collect();
    let _ = losers;
    state
        .realtime
        .emit(
            &others,
            "repair:lost",
            &serde_json::json!({"requestId": request}),
        )
        .await;
    Ok(replay)
}
