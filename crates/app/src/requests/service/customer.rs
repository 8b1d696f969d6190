//! The customer's side: create a request (matched to stores at once), list
//! and read their requests with the offers compared, edit while no offer
//! exists, cancel, and open the chat with a store it was sent to.

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use kernel::Meta;
use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::{live, not_open, reread};
use crate::AppState;
use crate::auth::Caller;
use crate::requests::model::{
    DEFAULT_EXPIRY_HOURS, NewRequest, Offer, OffersQuery, PartRequest, RequestListQuery,
    RequestPatch, RequestReason, RequestRow, RequestStatus, RequestStep, WantedCondition,
    sort_offers,
};
use crate::requests::repo::{self, NewRequestRow};

/// The vehicle a request is for: a garage car, or make, model and year
/// checked against the taxonomy; with the VIN checked as in the garage.
struct Vehicle {
    car: Option<Uuid>,
    make: Uuid,
    model: Uuid,
    year: i32,
    vin: Option<String>,
}

async fn vehicle(
    state: &AppState,
    caller: &Caller,
    req: &NewRequest,
    e: &mut FieldErrors,
) -> ApiResult<Option<Vehicle>> {
    let vin = req.vin.as_deref().and_then(|v| kernel::vin::parse(v).ok());
    if let Some(car_id) = req.car_id {
        let Some((fit, row)) = crate::garage::car_of(&state.db, caller.user_id, car_id).await?
        else {
            e.add("carId", Message::new("garage-car-unknown"));
            return Ok(None);
        };
        return Ok(Some(Vehicle {
            car: Some(car_id),
            make: fit.make_id,
            model: fit.model_id,
            year: fit.year,
            vin: vin.map(|v| v.vin).or(row.vin),
        }));
    }
    let (Some(make), Some(model), Some(year)) = (req.make_id, req.model_id, req.year) else {
        return Ok(None);
    };
    match crate::taxonomy::service::model_years(&state.db, model).await? {
        Some((model_make, from, to)) if model_make == make => {
            let last = to.unwrap_or(OffsetDateTime::now_utc().year() + 1);
            if year < from || year > last {
                e.add(
                    "year",
                    Message::new("garage-year-out-of-model")
                        .arg("from", from.to_string())
                        .arg("to", last.to_string()),
                );
            }
        }
        Some(_) => {
            e.add("modelId", Message::new("garage-model-not-of-make"));
        }
        None => {
            e.add("modelId", Message::new("garage-model-unknown"));
        }
    }
    Ok(Some(Vehicle {
        car: None,
        make,
        model,
        year,
        vin: vin.map(|v| v.vin),
    }))
}

/// Where the part goes: the saved address as orders keep it, or the pin.
async fn place(
    conn: &mut sqlx::PgConnection,
    caller: &Caller,
    req: &NewRequest,
    e: &mut FieldErrors,
) -> ApiResult<Option<(serde_json::Value, String, Option<String>, f64, f64)>> {
    if let Some(id) = req.address_id {
        let Some(a) = crate::customer::service::delivery_address(conn, caller.user_id, id).await?
        else {
            e.add("addressId", Message::new("checkout-address-unknown"));
            return Ok(None);
        };
        let text = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        let num = |k: &str| a.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0);
        let city = text("city").unwrap_or_default();
        let district = text("district");
        let (lat, lng) = (num("lat"), num("lng"));
        return Ok(Some((a, city, district, lat, lng)));
    }
    let Some(p) = &req.location else {
        return Ok(None);
    };
    let district = p
        .district
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    let address = serde_json::json!({
        "city": p.city.trim(), "district": district, "lat": p.lat, "lng": p.lng,
    });
    Ok(Some((
        address,
        p.city.trim().to_owned(),
        district,
        p.lat,
        p.lng,
    )))
}

pub(super) async fn check_photos(
    state: &AppState,
    owner: Uuid,
    ids: &[Uuid],
    e: &mut FieldErrors,
) -> ApiResult<()> {
    if !ids.is_empty() && repo::own_photos(&state.db, owner, ids).await? != ids.len() as i64 {
        e.add("photoIds", Message::new("requests-photo-unknown"));
    }
    Ok(())
}

pub async fn create(state: &AppState, caller: &Caller, req: &NewRequest) -> ApiResult<PartRequest> {
    let mut e = FieldErrors::new();
    let v = vehicle(state, caller, req, &mut e).await?;
    if !crate::taxonomy::service::category_exists(&state.db, req.category_id).await? {
        e.add("categoryId", Message::new("requests-category-unknown"));
    }
    let photos = req.photo_ids.clone().unwrap_or_default();
    check_photos(state, caller.user_id, &photos, &mut e).await?;
    let mut tx = state.db.begin().await?;
    let where_to = place(&mut tx, caller, req, &mut e).await?;
    e.into_result()?;
    let (Some(v), Some((address, city, district, lat, lng))) = (v, where_to) else {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "request checked without a vehicle or place"
        )));
    };
    let id = Uuid::now_v7();
    let hours = req.expires_in_hours.unwrap_or(DEFAULT_EXPIRY_HOURS);
    let expires_at = OffsetDateTime::now_utc() + Duration::hours(i64::from(hours));
    let radius = req
        .radius_km
        .unwrap_or(state.settings.current().distances.request_radius_km);
    repo::insert(
        &mut tx,
        &NewRequestRow {
            id,
            customer: caller.user_id,
            car: v.car,
            make: v.make,
            model: v.model,
            year: v.year,
            vin: v.vin.as_deref(),
            category: req.category_id,
            description: req.description.trim(),
            quantity: req.quantity.unwrap_or(1),
            condition: req.condition.unwrap_or(WantedCondition::Any).as_str(),
            notes: req
                .notes
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty()),
            address_id: req.address_id,
            address: &address,
            city: &city,
            district: district.as_deref(),
            lat,
            lng,
            radius_km: radius,
            expires_at,
        },
    )
    .await?;
    repo::replace_photos(&mut tx, id, &photos).await?;
    repo::history(
        &mut tx,
        id,
        None,
        "open",
        Some(caller.user_id),
        "customer",
        "",
    )
    .await?;
    let matched = repo::match_stores(
        &mut tx,
        id,
        lat,
        lng,
        f64::from(radius) * 1000.0,
        v.make,
        req.category_id,
    )
    .await?;
    crate::jobs::enqueue_at(
        &mut tx,
        crate::jobs::Kind::RequestExpire.as_str(),
        &serde_json::json!({"requestId": id}),
        expires_at,
    )
    .await?;
    let row = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    super::store::notify_new(&mut tx, &row, &matched).await?;
    tx.commit().await?;
    super::store::announce_new(state, &row, &matched).await;
    Ok(row.for_customer(caller.client.locale))
}

/// The caller's request, or 404 (another customer's too).
pub(super) async fn own(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<RequestRow> {
    repo::get(&state.db, id)
        .await?
        .filter(|r| r.customer_id == caller.user_id)
        .ok_or(ApiError::NotFound)
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &RequestListQuery,
) -> ApiResult<(Vec<PartRequest>, Meta)> {
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) = repo::list(
        &state.db,
        &repo::ListFilter {
            customer: Some(caller.user_id),
            status: q.status.map(RequestStatus::as_str),
            q: q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()),
        },
        page.limit(),
        page.offset(),
    )
    .await?;
    let out = rows
        .iter()
        .map(|r| r.for_customer(caller.client.locale))
        .collect();
    Ok((out, Meta::new(page.page, page.per_page, total)))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<PartRequest> {
    Ok(own(state, caller, id)
        .await?
        .for_customer(caller.client.locale))
}

/// The request's offers for comparison (withdrawn ones left out).
pub async fn offers(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    q: &OffersQuery,
) -> ApiResult<Vec<Offer>> {
    let r = own(state, caller, id).await?;
    let mut out: Vec<Offer> = repo::offers_of(&state.db, r.id, false)
        .await?
        .iter()
        .map(|o| o.shape(caller.client.locale))
        .collect();
    sort_offers(&mut out, q.sort.as_deref().unwrap_or("price"));
    Ok(out)
}

pub async fn steps(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Vec<RequestStep>> {
    let r = own(state, caller, id).await?;
    Ok(repo::steps(&state.db, r.id).await?)
}

/// Edits the request while it is open and no store has offered.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    p: &RequestPatch,
) -> ApiResult<PartRequest> {
    let mut e = FieldErrors::new();
    if let Some(ids) = &p.photo_ids {
        check_photos(state, caller.user_id, ids, &mut e).await?;
    }
    e.into_result()?;
    let mut tx = state.db.begin().await?;
    let r = repo::lock(&mut tx, id)
        .await?
        .filter(|r| r.customer_id == caller.user_id)
        .ok_or(ApiError::NotFound)?;
    let r = live(r)?;
    if r.offers_count > 0 {
        return Err(ApiError::conflict(
            "REQUEST_HAS_OFFERS",
            "requests-has-offers",
        ));
    }
    repo::update_fields(
        &mut tx,
        r.id,
        caller.user_id,
        p.description
            .as_deref()
            .map(str::trim)
            .unwrap_or(&r.description),
        p.quantity.unwrap_or(r.quantity),
        p.condition
            .unwrap_or(WantedCondition::from_db(&r.condition))
            .as_str(),
        match &p.notes {
            Some(n) => Some(n.trim()).filter(|n| !n.is_empty()),
            None => r.notes.as_deref(),
        },
    )
    .await?;
    if let Some(ids) = &p.photo_ids {
        repo::replace_photos(&mut tx, r.id, ids).await?;
    }
    tx.commit().await?;
    Ok(reread(state, id).await?.for_customer(caller.client.locale))
}

/// Cancels an open request: its live offers and its stores close with it.
pub async fn cancel(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    why: Option<&RequestReason>,
) -> ApiResult<PartRequest> {
    let mut tx = state.db.begin().await?;
    let r = repo::lock(&mut tx, id)
        .await?
        .filter(|r| r.customer_id == caller.user_id)
        .ok_or(ApiError::NotFound)?;
    if r.status() != RequestStatus::Open {
        return Err(not_open());
    }
    let reason = why.map(|w| w.reason.trim());
    repo::close(
        &mut tx,
        r.id,
        &repo::Close {
            status: "cancelled",
            by: Some(caller.user_id),
            reason,
            offer: None,
            order: None,
        },
    )
    .await?;
    repo::settle_others(&mut tx, r.id, None, "lost").await?;
    let stores = repo::settle_outcomes(&mut tx, r.id, "closed").await?;
    repo::history(
        &mut tx,
        r.id,
        Some("open"),
        "cancelled",
        Some(caller.user_id),
        "customer",
        reason.unwrap_or(""),
    )
    .await?;
    tx.commit().await?;
    super::emit_to_stores(
        state,
        &stores,
        "request:closed",
        &serde_json::json!({"requestId": r.id, "status": "cancelled"}),
    )
    .await;
    Ok(reread(state, id).await?.for_customer(caller.client.locale))
}

/// The negotiation thread with a store the request was sent to.
pub async fn chat(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    store: Uuid,
) -> ApiResult<crate::chat::model::ThreadRow> {
    let r = own(state, caller, id).await?;
    if repo::match_of(&state.db, r.id, store).await?.is_none() {
        return Err(ApiError::Validation(FieldErrors::single(
            "storeId",
            Message::new("requests-store-not-asked"),
        )));
    }
    crate::chat::service::open_negotiation(state, r.customer_id, store, r.id).await
}
