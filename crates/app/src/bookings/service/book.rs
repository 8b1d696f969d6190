//! The customer's side: free slots for the chosen services, booking one
//! (the bay is claimed by the exclusion constraint inside the booking's
//! transaction: never read-then-write), paying for it, and the bookings
//! themselves with cancellation inside the store's window.

use http::StatusCode;
use jiff::civil::Date;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::super::model::{
    Availability, AvailabilityQuery, Booking, BookingInput, BookingsQuery, CancelInput, DayOut,
    Line, LineAddon, MAX_ADDONS, MAX_RANGE_DAYS, ScheduleRow, SlotOut, Status, hhmm, id_list,
};
use super::super::repo::{self, NewBooking};
use super::super::slots::{self, Rules};
use super::steps;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments;
use crate::payments::model::{Method, TargetKind};

fn to_time(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A local `YYYY-MM-DD`.
pub fn parse_date(e: &mut FieldErrors, field: &str, s: Option<&str>) -> Option<Date> {
    let s = s?;
    match s.parse::<Date>() {
        Ok(d) if s.len() == 10 => Some(d),
        _ => {
            e.add(field, Message::new("validation-date"));
            None
        }
    }
}

pub fn today() -> Date {
    slots::unix_to_local(&slots::zone(), OffsetDateTime::now_utc().unix_timestamp()).0
}

pub(super) async fn rules_of(
    conn: &mut sqlx::PgConnection,
    store: Uuid,
) -> ApiResult<Option<(ScheduleRow, Rules)>> {
    let Some(s) = repo::schedule(&mut *conn, store).await? else {
        return Ok(None);
    };
    let hours = repo::hours(&mut *conn, store)
        .await?
        .into_iter()
        .map(|h| slots::Hours {
            weekday: h.weekday as i8,
            start: h.start_minute,
            end: h.end_minute,
        })
        .collect();
    let rules = Rules {
        slot_minutes: s.slot_minutes,
        capacity: s.capacity,
        lead_minutes: s.lead_minutes,
        horizon_days: s.horizon_days,
        hours,
    };
    Ok(Some((s, rules)))
}

/// What the chosen services cost for a body type and how long they take;
/// every unknown item, add-on or missing price is named.
struct Priced {
    lines: Vec<Line>,
    subtotal: i64,
    minutes: i32,
}

async fn price(
    conn: &mut sqlx::PgConnection,
    store: Uuid,
    items: &[Uuid],
    addons: &[Uuid],
    body: Option<Uuid>,
) -> ApiResult<Priced> {
    let rows: Vec<_> = repo::items(&mut *conn, store, true)
        .await?
        .into_iter()
        .filter(|r| items.contains(&r.id))
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let prices = repo::prices(&mut *conn, &ids).await?;
    let all_addons: Vec<_> = repo::addons(&mut *conn, &ids)
        .await?
        .into_iter()
        .filter(|a| a.active)
        .collect();
    let mut e = FieldErrors::new();
    for (i, id) in items.iter().enumerate() {
        if !ids.contains(id) {
            e.add(format!("items[{i}]"), Message::new("booking-item-unknown"));
        }
    }
    for (i, id) in addons.iter().enumerate() {
        if !all_addons.iter().any(|a| a.id == *id) {
            e.add(
                format!("addons[{i}]"),
                Message::new("booking-addon-unknown"),
            );
        }
    }
    let mut lines = Vec::new();
    let (mut subtotal, mut minutes) = (0i64, 0i32);
    for r in rows {
        let unit = match body {
            Some(b) => prices
                .iter()
                .find(|p| p.item_id == r.id && p.body_type_id == b)
                .map(|p| p.price),
            None => Some(0),
        };
        let Some(unit) = unit else {
            e.add("bodyTypeId", Message::new("booking-no-price-for-body"));
            continue;
        };
        let chosen: Vec<LineAddon> = all_addons
            .iter()
            .filter(|a| a.item_id == r.id && addons.contains(&a.id))
            .map(|a| LineAddon {
                id: a.id,
                name_ar: a.name_ar.clone(),
                name_en: a.name_en.clone(),
                price: a.price,
                minutes: a.duration_minutes,
            })
            .collect();
        subtotal += unit + chosen.iter().map(|a| a.price).sum::<i64>();
        minutes += r.duration_minutes + chosen.iter().map(|a| a.minutes).sum::<i32>();
        lines.push(Line {
            item_id: r.id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            price: unit,
            minutes: r.duration_minutes,
            addons: chosen,
        });
    }
    e.into_result()?;
    Ok(Priced {
        lines,
        subtotal,
        minutes,
    })
}

async fn active_store(db: impl sqlx::PgExecutor<'_>, store: Uuid) -> ApiResult<i32> {
    match repo::store_for_booking(db, store).await? {
        Some((bp, status)) if status == "active" => Ok(bp),
        _ => Err(ApiError::NotFound),
    }
}

/// `GET /stores/{id}/availability`: the free starts for the chosen services.
pub async fn availability(
    state: &AppState,
    store: Uuid,
    q: &AvailabilityQuery,
) -> ApiResult<Availability> {
    let mut e = FieldErrors::new();
    let items = id_list(&mut e, "items", Some(&q.items), 5);
    if items.is_empty() && !e.contains("items") {
        e.add("items", Message::new("validation-required"));
    }
    let addons = id_list(&mut e, "addons", q.addons.as_deref(), MAX_ADDONS);
    let from = parse_date(&mut e, "from", q.from.as_deref()).unwrap_or_else(today);
    let to = parse_date(&mut e, "to", q.to.as_deref())
        .unwrap_or_else(|| from.checked_add(jiff::Span::new().days(6)).unwrap_or(from));
    let days = (to - from).get_days();
    if to < from {
        e.add("to", Message::new("validation-date-order"));
    } else if i64::from(days) > MAX_RANGE_DAYS {
        e.add(
            "to",
            Message::new("validation-range")
                .arg("min", 0i64)
                .arg("max", MAX_RANGE_DAYS),
        );
    }
    e.into_result()?;
    active_store(&state.db, store).await?;
    let mut conn = state.db.acquire().await?;
    let priced = price(&mut conn, store, &items, &addons, None).await?;
    let Some((s, rules)) = rules_of(&mut conn, store).await? else {
        return Ok(Availability {
            zone: slots::ZONE.into(),
            slot_minutes: 0,
            span_minutes: 0,
            days: Vec::new(),
        });
    };
    let tz = slots::zone();
    let len = slots::span(s.slot_minutes, priced.minutes);
    let window_from = slots::local_to_unix(&tz, from, 0) - i64::from(len) * 60;
    let window_to = slots::local_to_unix(&tz, to, 1440) + i64::from(len) * 60;
    let busy = repo::busy(&mut *conn, store, to_time(window_from), to_time(window_to)).await?;
    let blocks: Vec<_> = repo::blocks(&mut *conn, store)
        .await?
        .iter()
        .filter_map(|b| b.rule())
        .collect();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let free = slots::free_slots(&tz, &rules, &blocks, &busy, priced.minutes, now, from, to);
    let mut out: Vec<DayOut> = Vec::new();
    let mut d = from;
    while d <= to {
        out.push(DayOut {
            date: d.to_string(),
            weekday: d.weekday().to_monday_one_offset(),
            slots: free
                .iter()
                .filter(|f| f.date == d)
                .map(|f| SlotOut {
                    starts_at: to_time(f.from),
                    ends_at: to_time(f.to),
                    time: hhmm(f.minute),
                    free: f.bays.len() as i32,
                })
                .collect(),
        });
        d = match d.tomorrow() {
            Ok(n) => n,
            Err(_) => break,
        };
    }
    Ok(Availability {
        zone: slots::ZONE.into(),
        slot_minutes: s.slot_minutes,
        span_minutes: len,
        days: out,
    })
}

fn refused(code: &'static str, key: &'static str, field: &str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single(field, Message::new(key)),
    }
}

/// `POST /bookings`: holds a bay for the chosen start, or 409 when none is
/// left; card bookings answer with the hosted payment page.
pub async fn book(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &BookingInput,
) -> ApiResult<Replay> {
    if req.payment_method == Method::Card && !state.gateway.is_configured() {
        return Err(refused(
            "CARD_UNAVAILABLE",
            "checkout-card-unavailable",
            "paymentMethod",
        ));
    }
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("booking", req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, "booking", &hash).await?
    {
        return Ok(replay);
    }
    let commission_bp = active_store(&mut *tx, req.store_id)
        .await
        .map_err(|_| refused("STORE_UNAVAILABLE", "booking-store-unavailable", "storeId"))?;
    let body = match req.car_id {
        Some(car) => repo::body_type_of_car(&mut *tx, caller.user_id, car)
            .await?
            .ok_or_else(|| refused("CAR_NOT_FOUND", "booking-car-unknown", "carId"))?,
        None => {
            let b = req.body_type_id.unwrap_or_default();
            if repo::known_body_types(&mut *tx, &[b]).await?.is_empty() {
                return Err(refused(
                    "BODY_TYPE_UNKNOWN",
                    "booking-body-type-unknown",
                    "bodyTypeId",
                ));
            }
            b
        }
    };
    let addons = req.addons.clone().unwrap_or_default();
    let priced = price(&mut tx, req.store_id, &req.items, &addons, Some(body)).await?;
    // Everything on the booking's own connection: a second one per request
    // would starve the pool under a rush on one slot.
    let Some((s, rules)) = rules_of(&mut tx, req.store_id).await? else {
        return Err(ApiError::conflict(
            "SLOT_UNAVAILABLE",
            "booking-slot-unavailable",
        ));
    };
    let tz = slots::zone();
    let start = req.starts_at.unix_timestamp();
    let (day, _) = slots::unix_to_local(&tz, start);
    let len = slots::span(s.slot_minutes, priced.minutes);
    let busy = repo::busy(
        &mut *tx,
        req.store_id,
        to_time(start - 86_400),
        to_time(start + i64::from(len) * 60 + 86_400),
    )
    .await?;
    let blocks: Vec<_> = repo::blocks(&mut *tx, req.store_id)
        .await?
        .iter()
        .filter_map(|b| b.rule())
        .collect();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let free = slots::free_slots(&tz, &rules, &blocks, &busy, priced.minutes, now, day, day);
    let Some(slot) = free.into_iter().find(|f| f.from == start) else {
        return Err(ApiError::conflict(
            "SLOT_UNAVAILABLE",
            "booking-slot-unavailable",
        ));
    };
    let amounts = crate::orders::pricing::amounts(priced.subtotal, 0, 0, commission_bp);
    let id = Uuid::now_v7();
    let new = NewBooking {
        id,
        store: req.store_id,
        customer: caller.user_id,
        body_type: body,
        car: req.car_id,
        lines: &priced.lines,
        starts_at: to_time(slot.from),
        ends_at: to_time(slot.to),
        method: req.payment_method.as_str(),
        amounts: &amounts,
        commission_bp,
        notes: req.notes.as_deref().unwrap_or("").trim(),
    };
    // The bays free in this snapshot, in turn: a concurrent booking that took
    // one first makes the constraint refuse it, and the next is tried.
    let mut held = false;
    for bay in &slot.bays {
        if repo::insert_on_bay(&mut tx, &new, *bay).await? {
            held = true;
            break;
        }
    }
    if !held {
        return Err(ApiError::conflict("SLOT_FULL", "booking-slot-full"));
    }
    repo::record(
        &mut tx,
        id,
        None,
        Status::Pending.as_str(),
        Some(caller.user_id),
        "customer",
        "",
    )
    .await?;
    let session = if req.payment_method == Method::Card {
        Some(
            payments::service::open_session(
                &mut tx,
                caller.user_id,
                state.gateway.name(),
                amounts.total,
                caller.client.locale.code(),
            )
            .await?,
        )
    } else {
        None
    };
    let payment = payments::service::open(
        &mut tx,
        TargetKind::ServiceBooking,
        id,
        caller.user_id,
        req.payment_method,
        amounts.total,
        session.as_ref().map(|s| s.id),
    )
    .await?;
    if req.payment_method == Method::Wallet {
        payments::service::pay_from_wallet(&mut tx, &payment).await?;
    } else if req.payment_method == Method::Cash {
        let b = repo::booking(&mut *tx, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        super::super::rollup::placed(&mut tx, &b).await?;
    }
    let booking = steps::shaped(&mut tx, id, caller.client.locale).await?;
    let answer = super::super::model::Booked {
        payment_url: session
            .as_ref()
            .map(|s| payments::service::session_link(state, s.id)),
        booking,
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &answer).await?;
    tx.commit().await?;
    if let Some(s) = session
        && let Err(e) = payments::gateway::ensure_gateway_order(state, s.id).await
    {
        tracing::warn!(error = ?e, session = %s.id, "could not open the gateway order yet");
    }
    steps::announce(state, &answer.booking).await;
    Ok(replay)
}

pub async fn mine(
    state: &AppState,
    caller: &Caller,
    q: &BookingsQuery,
) -> ApiResult<(Vec<Booking>, Meta)> {
    steps::list(
        state,
        caller.client.locale,
        q,
        Some(caller.user_id),
        None,
        false,
    )
    .await
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Booking> {
    let b = steps::shaped(&mut *state.db.acquire().await?, id, caller.client.locale).await?;
    if b.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    Ok(b)
}

/// The customer cancels until the store's window before the start: the
/// money comes back in full, the bay is free again.
pub async fn cancel(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &CancelInput,
) -> ApiResult<Booking> {
    let mut tx = state.db.begin().await?;
    let b = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if b.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    let status = Status::parse(&b.status).ok_or(ApiError::NotFound)?;
    if !status.is_open() {
        return Err(ApiError::conflict("BOOKING_NOT_OPEN", "booking-not-open"));
    }
    let until = b.starts_at - time::Duration::minutes(i64::from(b.cancel_window_minutes));
    if OffsetDateTime::now_utc() > until {
        return Err(ApiError::conflict(
            "CANCEL_WINDOW_CLOSED",
            "booking-cancel-window-closed",
        ));
    }
    let reason = req.reason.as_deref().unwrap_or("").trim();
    steps::apply(
        state,
        &mut tx,
        &b,
        Status::Cancelled,
        Some(caller.user_id),
        "customer",
        reason,
    )
    .await?;
    let out = steps::shaped(&mut tx, id, caller.client.locale).await?;
    tx.commit().await?;
    steps::announce(state, &out).await;
    Ok(out)
}
