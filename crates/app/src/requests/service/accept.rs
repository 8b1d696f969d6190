//! Acceptance: the customer takes one offer. In one transaction, under the
//! request's row lock: the request closes as accepted, the offer is
//! accepted, every other live offer is lost, the stores' outcomes are
//! settled, and the offer becomes an order of its store through the
//! direct-order pipeline (paid by wallet at once, by card through the
//! hosted page, or cash on delivery). A concurrent accept of another offer
//! waits on the lock, then finds the request accepted: 409. Anything that
//! fails (an empty wallet, say) rolls all of it back.

use http::StatusCode;
use uuid::Uuid;

use kernel::{ApiError, ApiResult, Locale};

use super::live;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::orders::checkout::{OfferSale, announced, place_offer};
use crate::requests::model::{AcceptOffer, Accepted, OfferStatus};
use crate::requests::repo;

pub async fn accept(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    id: Uuid,
    offer_id: Uuid,
    req: &AcceptOffer,
) -> ApiResult<Replay> {
    let mut tx = state.db.begin().await?;
    let scope = format!("accept:{id}");
    let hash = idempotency::fingerprint(&scope, &(offer_id, req));
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(replay);
    }
    let r = repo::lock(&mut tx, id)
        .await?
        .filter(|r| r.customer_id == caller.user_id)
        .ok_or(ApiError::NotFound)?;
    let o = repo::get_offer(&mut *tx, offer_id)
        .await?
        .filter(|o| o.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    let r = live(r)?;
    if o.status() != OfferStatus::Active {
        return Err(ApiError::conflict(
            "OFFER_NOT_ACTIVE",
            "requests-offer-not-active",
        ));
    }
    if !o.is_live() {
        return Err(ApiError::conflict(
            "OFFER_EXPIRED",
            "requests-offer-expired",
        ));
    }

    repo::set_offer_status(&mut tx, o.id, "accepted", Some(caller.user_id)).await?;
    let mut losers = repo::settle_others(&mut tx, r.id, Some(o.id), "lost").await?;
    repo::set_outcome(&mut tx, r.id, o.store_id, "won").await?;
    let undecided = repo::settle_outcomes(&mut tx, r.id, "lost").await?;
    losers.extend(undecided);
    losers.sort();
    losers.dedup();
    losers.retain(|s| *s != o.store_id);

    let mut address = r.address.clone();
    if let Some(note) = req.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        address["note"] = serde_json::json!(note);
    }
    let describe = |l: Locale| {
        format!(
            "{} — {}",
            r.description.chars().take(200).collect::<String>(),
            r.car_title(l)
        )
    };
    let placed = place_offer(
        state,
        &mut tx,
        caller,
        &OfferSale {
            request: r.id,
            offer: o.id,
            store: o.store_id,
            category: r.category_id,
            name_ar: &describe(Locale::Ar),
            name_en: &describe(Locale::En),
            unit_price: o.unit_price,
            quantity: o.quantity,
            delivery_fee: o.delivery_fee,
            commission_bp: o.commission_bp,
            method: req.payment_method,
            address: &address,
        },
    )
    .await?;
    repo::close(
        &mut tx,
        r.id,
        &repo::Close {
            status: "accepted",
            by: Some(caller.user_id),
            reason: None,
            offer: Some(o.id),
            order: Some(placed.order.id),
        },
    )
    .await?;
    repo::history(
        &mut tx,
        r.id,
        Some("open"),
        "accepted",
        Some(caller.user_id),
        "customer",
        &placed.order.number,
    )
    .await?;
    tell_stores(&mut tx, &r, o.store_id, &placed.order.number, &losers).await?;

    let answer = Accepted {
        request_id: r.id,
        offer_id: o.id,
        order: placed.order.clone(),
        payment_url: placed.payment_url.clone(),
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::OK, &answer).await?;
    tx.commit().await?;
    if !replay.replayed {
        announced(state, &placed).await;
        super::emit_to_stores(
            state,
            &[o.store_id],
            "request:won",
            &serde_json::json!({"requestId": r.id, "orderId": placed.order.id}),
        )
        .await;
        super::emit_to_stores(
            state,
            &losers,
            "request:lost",
            &serde_json::json!({"requestId": r.id}),
        )
        .await;
    }
    Ok(replay)
}

/// The winning store and every store that lost hear of it, by notification.
async fn tell_stores(
    conn: &mut sqlx::PgConnection,
    r: &crate::requests::model::RequestRow,
    winner: Uuid,
    order: &str,
    losers: &[Uuid],
) -> ApiResult<()> {
    use crate::stores::access::{StorePermission, members_with};
    let mut told = vec![(winner, "request.won")];
    told.extend(losers.iter().map(|s| (*s, "request.lost")));
    for (store, event) in told {
        let (name_ar, name_en) = crate::stores::service::public::names(&mut *conn, store).await?;
        for user in members_with(&mut *conn, store, StorePermission::RequestsView).await? {
            crate::notifications::service::notify(
                conn,
                user,
                event,
                "orders",
                serde_json::json!({
                    "requestId": r.id,
                    "requestNumber": r.number,
                    "orderNumber": order,
                    "storeName": {"ar": name_ar, "en": name_en},
                }),
            )
            .await?;
        }
    }
    Ok(())
}
