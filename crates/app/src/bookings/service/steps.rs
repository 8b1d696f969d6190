//! A booking's life after it is made: the store confirms or rejects it,
//! starts, completes or marks a no-show; an admin may force any of those
//! (or a cancellation) with a reason; unpaid card bookings expire after the
//! payment window; confirmed ones get a reminder. Each step is recorded in
//! the history and carries its money: completion settles to the store, a
//! rejection or cancellation refunds in full, a no-show is not refunded (the
//! store is settled as if it had served).

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Locale, Meta};

use super::super::model::{Booking, BookingRow, BookingStats, BookingsQuery, Status, StepInput};
use super::super::repo;
use super::book::parse_date;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::jobs::{Claimed, JobError};
use crate::payments;
use crate::payments::model::{Method, PaymentState, TargetKind};
use crate::realtime::rooms;
use crate::stores::access::{self as store_access, StorePermission};

/// How long before the start the customer is reminded.
pub const REMINDER_BEFORE: time::Duration = time::Duration::hours(2);

pub async fn shaped(conn: &mut PgConnection, id: Uuid, l: Locale) -> ApiResult<Booking> {
    let row = repo::booking(&mut *conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let history = repo::history(&mut *conn, id).await?;
    Ok(Booking::shape(row, history, l))
}

/// Tells the customer and the store's staff that the booking changed.
pub async fn announce(state: &AppState, b: &Booking) {
    let data = serde_json::json!({"id": b.id, "number": b.number, "status": b.status,
        "storeId": b.store_id, "startsAt": b.starts_at});
    state
        .realtime
        .emit(
            &[rooms::user(b.customer_id), rooms::store(b.store_id)],
            "booking:status",
            &data,
        )
        .await;
}

fn vars(b: &BookingRow, reason: &str) -> serde_json::Value {
    let tz = super::super::slots::zone();
    let (d, m) = super::super::slots::unix_to_local(&tz, b.starts_at.unix_timestamp());
    serde_json::json!({
        "bookingNumber": b.number,
        "storeName": {"ar": b.store_name_ar, "en": b.store_name_en},
        "date": d.to_string(),
        "time": super::super::model::hhmm(m),
        "reason": reason,
    })
}

/// Moves the locked booking `b` to `to` with the step's effects, inside the
/// caller's transaction.
pub async fn apply(
    state: &AppState,
    tx: &mut PgConnection,
    b: &BookingRow,
    to: Status,
    actor: Option<Uuid>,
    role: &str,
    note: &str,
) -> ApiResult<()> {
    let reason =
        matches!(to, Status::Rejected | Status::Cancelled | Status::Expired).then_some(note);
    repo::set_status(&mut *tx, b.id, to.as_str(), reason, actor).await?;
    repo::record(
        &mut *tx,
        b.id,
        Some(&b.status),
        to.as_str(),
        actor,
        role,
        note,
    )
    .await?;
    let kind = TargetKind::ServiceBooking;
    let cash = b.payment_method == Method::Cash.as_str();
    match to {
        Status::Confirmed => {
            let at = (b.starts_at - REMINDER_BEFORE).max(OffsetDateTime::now_utc());
            crate::jobs::enqueue_at(
                &mut *tx,
                crate::jobs::Kind::BookingRemind.as_str(),
                &serde_json::json!({"bookingId": b.id}),
                at,
            )
            .await?;
            crate::notifications::notify(
                &mut *tx,
                b.customer_id,
                "booking.confirmed",
                "orders",
                vars(b, note),
            )
            .await?;
        }
        Status::Rejected | Status::Cancelled | Status::Expired => {
            if b.paid_at.is_some() {
                payments::service::refund(state, &mut *tx, kind, b.id, b.total, note, actor)
                    .await?;
            } else if let Some(p) = payments::service::lock_live(&mut *tx, kind, b.id).await? {
                payments::service::close_unpaid(&mut *tx, p.id, PaymentState::Cancelled, note)
                    .await?;
                if let Some(s) = p.session_id {
                    payments::service::expire_session(&mut *tx, s).await?;
                }
            }
            if to == Status::Rejected || (to == Status::Cancelled && role == "admin") {
                crate::notifications::notify(
                    &mut *tx,
                    b.customer_id,
                    "booking.rejected",
                    "orders",
                    vars(b, note),
                )
                .await?;
            }
        }
        Status::Completed => {
            payments::service::record_cash(&mut *tx, kind, b.id, actor).await?;
            payments::service::settle(&mut *tx, kind, b.id, actor).await?;
        }
        Status::NoShow => {
            if !cash && b.paid_at.is_some() {
                payments::service::settle(&mut *tx, kind, b.id, actor).await?;
            } else if let Some(p) = payments::service::lock_live(&mut *tx, kind, b.id).await? {
                payments::service::close_unpaid(&mut *tx, p.id, PaymentState::Cancelled, "no-show")
                    .await?;
            }
        }
        Status::Pending | Status::InProgress => {}
    }
    // The statistics learn of the step (added to the roll-ups at commit).
    super::super::rollup::stepped(&mut *tx, b, to).await?;
    Ok(())
}

fn illegal() -> ApiError {
    ApiError::conflict("ILLEGAL_TRANSITION", "order-illegal-transition")
}

/// Checks a store step (also forced by admins) against the booking's state.
fn check_step(b: &BookingRow, to: Status, reason: &str, forced: bool) -> ApiResult<()> {
    let from = Status::parse(&b.status).ok_or(ApiError::NotFound)?;
    let allowed =
        from.store_next().contains(&to) || (forced && to == Status::Cancelled && from.is_open());
    if !allowed {
        return Err(illegal());
    }
    if (to == Status::Rejected || forced) && reason.is_empty() {
        return Err(ApiError::Validation(FieldErrors::single(
            "reason",
            Message::new("validation-required"),
        )));
    }
    let cash = b.payment_method == Method::Cash.as_str();
    if to == Status::Confirmed && !cash && b.paid_at.is_none() {
        return Err(ApiError::conflict("BOOKING_NOT_PAID", "booking-not-paid"));
    }
    if to == Status::NoShow && OffsetDateTime::now_utc() < b.starts_at {
        return Err(ApiError::conflict(
            "BOOKING_NOT_STARTED",
            "booking-no-show-early",
        ));
    }
    Ok(())
}

async fn step(
    state: &AppState,
    caller: &Caller,
    store: Option<Uuid>,
    id: Uuid,
    req: &StepInput,
) -> ApiResult<Booking> {
    let to = Status::parse(&req.status).ok_or_else(|| {
        ApiError::Validation(FieldErrors::single(
            "status",
            Message::new("validation-one-of").arg("allowed", Status::LIST),
        ))
    })?;
    let reason = req.reason.as_deref().unwrap_or("").trim();
    let forced = store.is_none();
    let mut tx = state.db.begin().await?;
    let b = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if store.is_some_and(|s| s != b.store_id) {
        return Err(ApiError::NotFound);
    }
    check_step(&b, to, reason, forced)?;
    let role = if forced { "admin" } else { "store" };
    apply(state, &mut tx, &b, to, Some(caller.user_id), role, reason).await?;
    crate::audit::record(
        &mut *tx,
        caller,
        if forced {
            "booking.force_step"
        } else {
            "booking.step"
        },
        "booking",
        id,
        Some(&serde_json::json!({"status": b.status})),
        Some(&serde_json::json!({"status": to.as_str(), "reason": reason})),
    )
    .await?;
    let out = shaped(&mut tx, id, caller.client.locale).await?;
    tx.commit().await?;
    announce(state, &out).await;
    Ok(out)
}

/// `POST /partner/stores/{store}/bookings/{id}/status` (`bookings.manage`).
pub async fn store_step(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
    req: &StepInput,
) -> ApiResult<Booking> {
    store_access::require(state, caller, store, StorePermission::BookingsManage).await?;
    step(state, caller, Some(store), id, req).await
}

/// `POST /admin/bookings/{id}/status`: any store step, or a cancellation,
/// with a reason (audited).
pub async fn admin_step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &StepInput,
) -> ApiResult<Booking> {
    require(state, caller, Permission::BookingsManage).await?;
    step(state, caller, None, id, req).await
}

pub async fn list(
    state: &AppState,
    l: Locale,
    q: &BookingsQuery,
    customer: Option<Uuid>,
    store: Option<Uuid>,
    ascending: bool,
) -> ApiResult<(Vec<Booking>, Meta)> {
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    let tz = super::super::slots::zone();
    let from = parse_date(&mut e, "from", q.from.as_deref()).map(|d| {
        OffsetDateTime::from_unix_timestamp(super::super::slots::local_to_unix(&tz, d, 0))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    });
    let to = parse_date(&mut e, "to", q.to.as_deref()).map(|d| {
        OffsetDateTime::from_unix_timestamp(super::super::slots::local_to_unix(&tz, d, 1440))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    });
    if let Some(s) = &q.status
        && Status::parse(s).is_none()
    {
        e.add(
            "status",
            Message::new("validation-one-of").arg("allowed", Status::LIST),
        );
    }
    e.into_result()?;
    let (rows, total) = repo::list(
        &state.db,
        &repo::ListFilter {
            customer,
            store: store.or(q.store),
            status: q.status.as_deref(),
            from,
            to,
            limit: page.limit(),
            offset: page.offset(),
            ascending,
        },
    )
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut histories = repo::histories(&state.db, &ids).await?;
    let out = rows
        .into_iter()
        .map(|r| {
            let h = histories.remove(&r.id).unwrap_or_default();
            Booking::shape(r, h, l)
        })
        .collect();
    Ok((out, Meta::new(page.page, page.per_page, total)))
}

/// The store's bookings, soonest first (the calendar reads a date range).
pub async fn store_list(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    q: &BookingsQuery,
) -> ApiResult<(Vec<Booking>, Meta)> {
    store_access::require(state, caller, store, StorePermission::BookingsManage).await?;
    list(state, caller.client.locale, q, None, Some(store), true).await
}

pub async fn store_booking(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    id: Uuid,
) -> ApiResult<Booking> {
    store_access::require(state, caller, store, StorePermission::BookingsManage).await?;
    let b = shaped(&mut *state.db.acquire().await?, id, caller.client.locale).await?;
    if b.store_id != store {
        return Err(ApiError::NotFound);
    }
    Ok(b)
}

/// The store's figures over the last `days` days and what is booked ahead.
pub async fn store_stats(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    days: i64,
) -> ApiResult<BookingStats> {
    store_access::require(state, caller, store, StorePermission::BookingsManage).await?;
    let now = OffsetDateTime::now_utc();
    Ok(repo::stats(
        &state.db,
        store,
        now - time::Duration::days(days.clamp(1, 366)),
        now + time::Duration::days(90),
    )
    .await?)
}

pub async fn admin_list(
    state: &AppState,
    caller: &Caller,
    q: &BookingsQuery,
) -> ApiResult<(Vec<Booking>, Meta)> {
    require(state, caller, Permission::BookingsManage).await?;
    list(state, caller.client.locale, q, None, None, false).await
}

pub async fn admin_get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Booking> {
    require(state, caller, Permission::BookingsManage).await?;
    shaped(&mut *state.db.acquire().await?, id, caller.client.locale).await
}

/// Card bookings still unpaid after the payment window release their bay
/// (the gateway is asked once more first). Run by the orders' sweeper.
pub async fn expire_unpaid(state: &AppState) -> ApiResult<usize> {
    let window = time::Duration::try_from(state.config.payments.card_timeout)
        .unwrap_or(time::Duration::minutes(30));
    let ids = repo::unpaid_card(&state.db, OffsetDateTime::now_utc() - window, 50).await?;
    let mut done = 0;
    for id in ids {
        if let Some(s) =
            payments::service::latest_session(&state.db, TargetKind::ServiceBooking, id).await?
        {
            payments::gateway::sync_session_by_id(state, s).await.ok();
        }
        let mut tx = state.db.begin().await?;
        let Some(b) = repo::lock(&mut tx, id).await? else {
            continue;
        };
        if b.status != Status::Pending.as_str() || b.paid_at.is_some() {
            continue;
        }
        apply(
            state,
            &mut tx,
            &b,
            Status::Expired,
            None,
            "system",
            "payment window closed",
        )
        .await?;
        let out = shaped(&mut tx, id, Locale::Ar).await?;
        tx.commit().await?;
        announce(state, &out).await;
        done += 1;
    }
    Ok(done)
}

/// The `booking.remind` job: a confirmed booking's customer is reminded
/// once, in their language; a booking that moved on is left alone.
pub async fn remind(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    let id = job
        .payload
        .get("bookingId")
        .and_then(|v| v.as_str())
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| JobError::fatal("bookingId missing"))?;
    let run = async {
        let mut tx = state.db.begin().await?;
        let Some(b) = repo::lock(&mut tx, id).await? else {
            return Ok::<_, ApiError>(());
        };
        if repo::mark_reminded(&mut tx, id).await? {
            crate::notifications::notify(
                &mut tx,
                b.customer_id,
                "booking.reminder",
                "orders",
                vars(&b, ""),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    };
    run.await.map_err(|e| JobError::retry(format!("{e:?}")))
}
