//! The store's side: the inbox of received requests, a request as the store
//! sees it (district and distance, never the customer's phone or street),
//! offers (send, revise keeping history, withdraw), the negotiation chat, the
//! win rate, and the coverage the store declares.

use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use kernel::Meta;
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use super::live;
use crate::AppState;
use crate::auth::Caller;
use crate::requests::model::{
    Coverage, CoverageInput, InboxQuery, Offer, OfferInput, OfferRevision, OfferRow, OfferStatus,
    Outcome, RequestRow, StoreRequest, WinRate,
};
use crate::requests::repo::{self, NewOfferRow};
use crate::stores::access::{self as store_access, StorePermission};

/// Tells each matched store's request people of the request, in the
/// creating transaction (notification rows and delivery jobs).
pub(super) async fn notify_new(
    conn: &mut PgConnection,
    r: &RequestRow,
    matched: &[(Uuid, f64)],
) -> ApiResult<()> {
    for &(store, distance) in matched {
        let (name_ar, name_en) = crate::stores::service::public::names(&mut *conn, store).await?;
        for user in
            store_access::members_with(&mut *conn, store, StorePermission::RequestsView).await?
        {
            crate::notifications::service::notify(
                conn,
                user,
                "request.new",
                "orders",
                serde_json::json!({
                    "requestId": r.id,
                    "requestNumber": r.number,
                    "storeName": {"ar": name_ar, "en": name_en},
                    "part": {"ar": r.category_ar, "en": r.category_en},
                    "car": {"ar": r.car_title(Locale::Ar), "en": r.car_title(Locale::En)},
                    "distance": format!("{:.1}", distance / 1000.0),
                }),
            )
            .await?;
        }
    }
    Ok(())
}

/// After the request committed: `request:new` to each matched store's
/// request people, with the store's own view of it.
pub(super) async fn announce_new(state: &AppState, r: &RequestRow, matched: &[(Uuid, f64)]) {
    for &(store, distance) in matched {
        let view = r.for_store(Locale::Ar, Outcome::New, distance);
        let payload = serde_json::json!({"storeId": store, "request": view});
        super::emit_to_stores(state, &[store], "request:new", &payload).await;
    }
}

/// The request as the store sees it, or 404 when it was never sent to it.
async fn received(
    state: &AppState,
    store: Uuid,
    id: Uuid,
) -> ApiResult<(RequestRow, Outcome, f64)> {
    let Some((outcome, distance)) = repo::match_of(&state.db, id, store).await? else {
        return Err(ApiError::NotFound);
    };
    let r = repo::get(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    Ok((r, Outcome::from_db(&outcome), distance))
}

pub async fn inbox(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    q: &InboxQuery,
) -> ApiResult<(Vec<StoreRequest>, Meta)> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) = repo::inbox(
        &state.db,
        store,
        q.outcome.map(Outcome::as_str),
        page.limit(),
        page.offset(),
    )
    .await?;
    // One query for the page's requests, then in the inbox's order.
    let ids: Vec<Uuid> = rows.iter().map(|m| m.request_id).collect();
    let found = repo::get_many(&state.db, &ids).await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        if let Some(r) = found.iter().find(|r| r.id == m.request_id) {
            out.push(r.for_store(
                caller.client.locale,
                Outcome::from_db(&m.outcome),
                m.distance_m,
            ));
        }
    }
    Ok((out, Meta::new(page.page, page.per_page, total)))
}

/// A received request with the store's own offers (the live one first).
pub async fn get(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
) -> ApiResult<(StoreRequest, Vec<Offer>)> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    let (r, outcome, distance) = received(state, store, id).await?;
    let offers = repo::store_offers(&state.db, id, store).await?;
    Ok((
        r.for_store(caller.client.locale, outcome, distance),
        offers
            .iter()
            .map(|o| o.shape(caller.client.locale))
            .collect(),
    ))
}

/// Whether the store's type sells parts, so that requests for parts can
/// reach it (a car wash never receives one): its dashboard shows the
/// requests tab only then.
pub async fn receives_requests(state: &AppState, store: Uuid) -> ApiResult<bool> {
    Ok(repo::sells_parts(&state.db, store).await?)
}

pub async fn win_rate(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<WinRate> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    Ok(repo::win_rate(&state.db, store).await?)
}

/// Until when an offer stands: what the store asked, never past the request.
fn offer_expiry(r: &RequestRow, input: &OfferInput) -> OffsetDateTime {
    match input.expires_in_hours {
        Some(h) => (OffsetDateTime::now_utc() + Duration::hours(i64::from(h))).min(r.expires_at),
        None => r.expires_at,
    }
}

/// Sends the store's offer. The store's commission rate is fixed on it now.
pub async fn offer(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    input: &OfferInput,
) -> ApiResult<Offer> {
    store_access::require(state, caller, store, StorePermission::RequestsManage).await?;
    let photos = input.photo_ids.clone().unwrap_or_default();
    let mut e = FieldErrors::new();
    super::customer::check_photos(state, caller.user_id, &photos, &mut e).await?;
    e.into_result()?;
    let mut tx = state.db.begin().await?;
    if repo::match_of(&mut *tx, id, store).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    let r = live(repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?)?;
    let Some(bp) = crate::stores::service::branches::active_commission(&mut tx, store).await?
    else {
        return Err(ApiError::conflict(
            "STORE_NOT_ACTIVE",
            "requests-store-not-active",
        ));
    };
    let offer_id = Uuid::now_v7();
    let expires_at = offer_expiry(&r, input);
    let inserted = repo::insert_offer(
        &mut tx,
        &NewOfferRow {
            id: offer_id,
            request: r.id,
            store,
            quantity: r.quantity,
            input,
            expires_at,
            commission_bp: bp,
            by: caller.user_id,
        },
    )
    .await;
    if let Err(e) = inserted {
        let twin =
            e.as_database_error().and_then(|d| d.constraint()) == Some("request_offers_one_live");
        return Err(if twin {
            ApiError::conflict("OFFER_EXISTS", "requests-offer-exists")
        } else {
            e.into()
        });
    }
    repo::replace_offer_photos(&mut tx, offer_id, &photos).await?;
    repo::set_outcome(&mut tx, r.id, store, "offered").await?;
    crate::jobs::enqueue_at(
        &mut tx,
        crate::jobs::Kind::OfferExpire.as_str(),
        &serde_json::json!({"offerId": offer_id}),
        expires_at,
    )
    .await?;
    let row = repo::get_offer(&mut *tx, offer_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tell_customer(&mut tx, &r, &row).await?;
    tx.commit().await?;
    announce_offer(state, &r, &row, "request:offer").await;
    Ok(row.shape(caller.client.locale))
}

/// The customer hears of a new or revised offer.
async fn tell_customer(conn: &mut PgConnection, r: &RequestRow, o: &OfferRow) -> ApiResult<()> {
    let total = o.shape(Locale::En).total;
    crate::notifications::service::notify(
        conn,
        r.customer_id,
        "request.offer",
        "orders",
        serde_json::json!({
            "requestId": r.id,
            "requestNumber": r.number,
            "storeName": {"ar": o.store_ar, "en": o.store_en},
            "amount": kernel::money::decimal(total),
        }),
    )
    .await
}

async fn announce_offer(state: &AppState, r: &RequestRow, o: &OfferRow, event: &str) {
    let to = vec![crate::realtime::rooms::user(r.customer_id)];
    state
        .realtime
        .emit(
            &to,
            event,
            &serde_json::json!({"requestId": r.id, "offer": o.shape(Locale::Ar)}),
        )
        .await;
}

/// The store's live offer `offer_id` on the request, locked with the request.
async fn own_live_offer(
    conn: &mut PgConnection,
    store: Uuid,
    id: Uuid,
    offer_id: Uuid,
) -> ApiResult<(RequestRow, OfferRow)> {
    if repo::match_of(&mut *conn, id, store).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    let r = repo::lock(conn, id).await?.ok_or(ApiError::NotFound)?;
    let o = repo::get_offer(&mut *conn, offer_id)
        .await?
        .filter(|o| o.store_id == store && o.request_id == id)
        .ok_or(ApiError::NotFound)?;
    let r = live(r)?;
    if o.status() != OfferStatus::Active {
        return Err(ApiError::conflict(
            "OFFER_NOT_ACTIVE",
            "requests-offer-not-active",
        ));
    }
    Ok((r, o))
}

/// Replaces the offer's terms; the version it replaces is kept.
pub async fn revise(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    offer_id: Uuid,
    input: &OfferInput,
) -> ApiResult<Offer> {
    store_access::require(state, caller, store, StorePermission::RequestsManage).await?;
    let photos = input.photo_ids.clone().unwrap_or_default();
    let mut e = FieldErrors::new();
    super::customer::check_photos(state, caller.user_id, &photos, &mut e).await?;
    e.into_result()?;
    let mut tx = state.db.begin().await?;
    let (r, o) = own_live_offer(&mut tx, store, id, offer_id).await?;
    let expires_at = offer_expiry(&r, input);
    repo::revise(&mut tx, o.id, input, expires_at, caller.user_id).await?;
    if input.photo_ids.is_some() {
        repo::replace_offer_photos(&mut tx, o.id, &photos).await?;
    }
    // A later expiry is found by the pending job, which queues itself again.
    if expires_at < o.expires_at {
        crate::jobs::enqueue_at(
            &mut tx,
            crate::jobs::Kind::OfferExpire.as_str(),
            &serde_json::json!({"offerId": o.id}),
            expires_at,
        )
        .await?;
    }
    let row = repo::get_offer(&mut *tx, o.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tell_customer(&mut tx, &r, &row).await?;
    tx.commit().await?;
    announce_offer(state, &r, &row, "request:offer").await;
    Ok(row.shape(caller.client.locale))
}

pub async fn withdraw(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    offer_id: Uuid,
) -> ApiResult<Offer> {
    store_access::require(state, caller, store, StorePermission::RequestsManage).await?;
    let mut tx = state.db.begin().await?;
    let (r, o) = own_live_offer(&mut tx, store, id, offer_id).await?;
    repo::set_offer_status(&mut tx, o.id, "withdrawn", Some(caller.user_id)).await?;
    repo::set_outcome(&mut tx, r.id, store, "new").await?;
    let row = repo::get_offer(&mut *tx, o.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    announce_offer(state, &r, &row, "request:offer-withdrawn").await;
    Ok(row.shape(caller.client.locale))
}

/// An offer's earlier versions.
pub async fn revisions(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    offer_id: Uuid,
) -> ApiResult<Vec<OfferRevision>> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    repo::get_offer(&state.db, offer_id)
        .await?
        .filter(|o| o.store_id == store && o.request_id == id)
        .ok_or(ApiError::NotFound)?;
    Ok(repo::revisions(&state.db, offer_id).await?)
}

/// The negotiation thread with the request's customer.
pub async fn chat(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
) -> ApiResult<crate::chat::model::ThreadRow> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    let (r, _, _) = received(state, store, id).await?;
    crate::chat::service::open_negotiation(state, r.customer_id, store, r.id).await
}

pub async fn coverage(state: &AppState, caller: &Caller, store: Uuid) -> ApiResult<Coverage> {
    store_access::require(state, caller, store, StorePermission::RequestsView).await?;
    let (makes, categories) =
        repo::coverage(&state.db, store, caller.client.locale == Locale::Ar).await?;
    Ok(Coverage { makes, categories })
}

/// Replaces what the store is asked about (`store.settings.manage`).
pub async fn set_coverage(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    input: &CoverageInput,
) -> ApiResult<Coverage> {
    store_access::require(state, caller, store, StorePermission::StoreSettingsManage).await?;
    let mut makes = input.make_ids.clone();
    let mut cats = input.category_ids.clone();
    makes.sort();
    makes.dedup();
    cats.sort();
    cats.dedup();
    let (known_makes, known_cats) = repo::known(&state.db, &makes, &cats).await?;
    let mut e = FieldErrors::new();
    if known_makes.len() != makes.len() {
        e.add(
            "makeIds",
            kernel::i18n::Message::new("requests-coverage-unknown"),
        );
    }
    if known_cats.len() != cats.len() {
        e.add(
            "categoryIds",
            kernel::i18n::Message::new("requests-coverage-unknown"),
        );
    }
    e.into_result()?;
    let mut tx = state.db.begin().await?;
    repo::replace_coverage(&mut tx, store, &makes, &cats, caller.user_id).await?;
    tx.commit().await?;
    let (makes, categories) =
        repo::coverage(&state.db, store, caller.client.locale == Locale::Ar).await?;
    Ok(Coverage { makes, categories })
}
