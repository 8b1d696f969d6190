//! The job after acceptance: the rep's steps (on the way → arrived →
//! working → completed, cash received → paid), cancellation by either side
//! before arrival, disputes; payment after completion through the
//! `rep_order` target (settled into the rep payable at once); the rep's
//! positions, checked, rate-limited and streamed to the job's customer
//! only; the rep's earnings from the ledger; admins' views and payouts.

use http::StatusCode;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::super::model::{
    Earnings, EarningsQuery, JobStatus, JobStep, MAX_SPEED_KMH, PayInput, Paying, PositionAck,
    PositionInput, RepPayout, RepStats, RepairJob, RepairOffer, RepairRequest, distance_km,
    eta_minutes, in_country,
};
use super::super::repo;
use super::super::rollup;
use super::requests::require_rep;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::ledger::{Account, Posting};
use crate::payments;
use crate::payments::model::{Method, TargetKind};
use crate::realtime::rooms;
use crate::stats::Happened;

pub async fn shaped(conn: &mut PgConnection, id: Uuid) -> ApiResult<RepairJob> {
    let mut j = repo::job(&mut *conn, id).await?.ok_or(ApiError::NotFound)?;
    j.history = repo::history(&mut *conn, id).await?;
    j.last_position = repo::last_position(&mut *conn, id).await?;
    Ok(j)
}

/// Creates the job of an accepted offer, with its chat thread, inside the
/// acceptance's transaction.
pub async fn start(
    state: &AppState,
    tx: &mut PgConnection,
    r: &RepairRequest,
    o: &RepairOffer,
    actor: Uuid,
) -> ApiResult<RepairJob> {
    let bp = state.config.reps.commission_bp;
    let amounts = crate::orders::pricing::amounts(o.price, 0, 0, bp);
    let id = Uuid::now_v7();
    repo::insert_job(
        &mut *tx,
        &repo::NewJob {
            id,
            request: r,
            offer: o,
            amounts: &amounts,
            commission_bp: bp,
        },
    )
    .await?;
    repo::set_status(
        &mut *tx,
        id,
        None,
        JobStatus::Accepted.as_str(),
        Some(actor),
        "customer",
        "",
    )
    .await?;
    let thread =
        crate::chat::service::open_rep_thread(&mut *tx, r.customer_id, o.rep_id, id).await?;
    repo::set_thread(&mut *tx, id, thread.id).await?;
    let job = shaped(tx, id).await?;
    rollup::count(tx, &job, Happened::Placed).await?;
    Ok(job)
}

async fn announce(state: &AppState, j: &RepairJob) {
    let data = serde_json::json!({"id": j.id, "number": j.number, "status": j.status});
    state
        .realtime
        .emit(
            &[rooms::user(j.customer_id), rooms::user(j.rep_id)],
            "repair:status",
            &data,
        )
        .await;
}

/// A job as its customer, its rep, or an admin with `reps.manage` sees it.
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<RepairJob> {
    let j = shaped(&mut *state.db.acquire().await?, id).await?;
    if j.customer_id != caller.user_id
        && j.rep_id != caller.user_id
        && !crate::admin::permissions::holds(state, caller, Permission::RepsManage).await?
    {
        return Err(ApiError::NotFound);
    }
    Ok(j)
}

pub async fn customer_jobs(state: &AppState, caller: &Caller) -> ApiResult<Vec<RepairJob>> {
    Ok(repo::jobs(&state.db, Some(caller.user_id), None, None, 100, 0).await?)
}

pub async fn rep_jobs(state: &AppState, caller: &Caller) -> ApiResult<Vec<RepairJob>> {
    require_rep(caller)?;
    Ok(repo::jobs(&state.db, None, Some(caller.user_id), None, 100, 0).await?)
}

/// A step by the job's rep or its customer.
pub async fn step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &JobStep,
) -> ApiResult<RepairJob> {
    let to = JobStatus::parse(&req.status).ok_or_else(|| {
        ApiError::Validation(FieldErrors::single(
            "status",
            Message::new("validation-one-of").arg("allowed", JobStatus::LIST),
        ))
    })?;
    let reason = req.reason.as_deref().unwrap_or("").trim();
    let mut tx = state.db.begin().await?;
    let j = repo::lock_job(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let role = if j.rep_id == caller.user_id {
        "rep"
    } else if j.customer_id == caller.user_id {
        "customer"
    } else {
        return Err(ApiError::NotFound);
    };
    let from = JobStatus::parse(&j.status).ok_or(ApiError::NotFound)?;
    let allowed = if role == "rep" {
        from.rep_next()
    } else {
        from.customer_next()
    };
    if !allowed.contains(&to) {
        return Err(ApiError::conflict(
            "ILLEGAL_TRANSITION",
            "order-illegal-transition",
        ));
    }
    if matches!(to, JobStatus::Cancelled | JobStatus::Disputed) && reason.is_empty() {
        return Err(ApiError::Validation(FieldErrors::single(
            "reason",
            Message::new("validation-required"),
        )));
    }
    if to == JobStatus::Paid {
        // The rep confirms cash in hand; card and wallet pay through the customer.
        let p = payments::service::lock_live(&mut tx, TargetKind::RepOrder, id).await?;
        if j.payment_method.as_deref() != Some(Method::Cash.as_str()) || p.is_none() {
            return Err(ApiError::conflict("JOB_NOT_CASH", "repair-job-not-cash"));
        }
        payments::service::record_cash(&mut tx, TargetKind::RepOrder, id, Some(caller.user_id))
            .await?;
        repo::mark_paid(&mut tx, id).await?;
        payments::service::settle(&mut tx, TargetKind::RepOrder, id, Some(caller.user_id)).await?;
    }
    repo::set_status(
        &mut tx,
        id,
        Some(&j.status),
        to.as_str(),
        Some(caller.user_id),
        role,
        reason,
    )
    .await?;
    match to {
        JobStatus::Completed => rollup::count(&mut tx, &j, Happened::Completed).await?,
        JobStatus::Cancelled => rollup::count(&mut tx, &j, Happened::Cancelled).await?,
        _ => {}
    }
    let out = shaped(&mut tx, id).await?;
    tx.commit().await?;
    announce(state, &out).await;
    Ok(out)
}

/// The customer pays a completed job: wallet at once (settled to the rep in
/// the same transaction), card through the hosted page, cash to the rep.
pub async fn pay(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    id: Uuid,
    req: &PayInput,
) -> ApiResult<Replay> {
    if req.payment_method == Method::Card && !state.gateway.is_configured() {
        return Err(ApiError::Unprocessable {
            code: "CARD_UNAVAILABLE",
            message: Message::new("checkout-card-unavailable"),
            fields: FieldErrors::single("paymentMethod", Message::new("checkout-card-unavailable")),
        });
    }
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("repair-pay", req);
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "repair-pay", &hash).await?
    {
        return Ok(replay);
    }
    let j = repo::lock_job(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if j.customer_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    if j.status != JobStatus::Completed.as_str() {
        return Err(ApiError::conflict(
            "JOB_NOT_COMPLETED",
            "repair-job-not-completed",
        ));
    }
    if let Some(p) = payments::service::lock_live(&mut tx, TargetKind::RepOrder, id).await? {
        // A card attempt abandoned or a change of mind: the unpaid one closes.
        payments::service::close_unpaid(
            &mut tx,
            p.id,
            payments::model::PaymentState::Cancelled,
            "replaced",
        )
        .await?;
    }
    repo::set_method(&mut tx, id, req.payment_method.as_str()).await?;
    let session = if req.payment_method == Method::Card {
        Some(
            payments::service::open_session(
                &mut tx,
                caller.user_id,
                state.gateway.name(),
                j.total,
                caller.client.locale.code(),
            )
            .await?,
        )
    } else {
        None
    };
    let p = payments::service::open(
        &mut tx,
        TargetKind::RepOrder,
        id,
        caller.user_id,
        req.payment_method,
        j.total,
        session.as_ref().map(|s| s.id),
    )
    .await?;
    if req.payment_method == Method::Wallet {
        payments::service::pay_from_wallet(&mut tx, &p).await?;
    }
    let job = shaped(&mut tx, id).await?;
    let answer = Paying {
        payment_url: session
            .as_ref()
            .map(|s| payments::service::session_link(state, s.id)),
        job,
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::OK, &answer).await?;
    tx.commit().await?;
    if let Some(s) = session
        && let Err(e) = payments::gateway::ensure_gateway_order(state, s.id).await
    {
        tracing::warn!(error = ?e, session = %s.id, "could not open the gateway order yet");
    }
    announce(state, &answer.job).await;
    Ok(replay)
}

/// Paid (wallet or card): the job is paid and the rep settled, in the
/// capture's transaction. Called by the payment target.
pub async fn on_paid(conn: &mut PgConnection, id: Uuid) -> ApiResult<bool> {
    let j = repo::lock_job(&mut *conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if j.status != JobStatus::Completed.as_str() {
        return Ok(false);
    }
    repo::mark_paid(&mut *conn, id).await?;
    repo::set_status(
        &mut *conn,
        id,
        Some(&j.status),
        JobStatus::Paid.as_str(),
        Some(j.customer_id),
        "customer",
        "",
    )
    .await?;
    payments::service::settle(&mut *conn, TargetKind::RepOrder, id, Some(j.customer_id)).await?;
    Ok(true)
}

/// A position from the job's rep: checked (the rep's own travelling job,
/// inside the country, no jump faster than 250 km/h), dropped and counted
/// when sooner than the configured interval after the last, else kept and
/// streamed to the job's customer with the ETA recomputed.
pub async fn position(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &PositionInput,
) -> ApiResult<PositionAck> {
    require_rep(caller)?;
    let mut tx = state.db.begin().await?;
    let j = repo::lock_job(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if j.rep_id != caller.user_id {
        return Err(ApiError::NotFound);
    }
    let status = JobStatus::parse(&j.status).ok_or(ApiError::NotFound)?;
    if !status.travelling() {
        return Err(ApiError::conflict(
            "JOB_NOT_TRAVELLING",
            "repair-job-not-travelling",
        ));
    }
    if !in_country(req.lat, req.lng) {
        return Err(ApiError::Validation(FieldErrors::single(
            "lat",
            Message::new("repair-outside-country"),
        )));
    }
    if let Some((lat, lng, at, now)) = repo::rep_last(&mut *tx, caller.user_id).await? {
        let gap = now - at;
        let interval = time::Duration::try_from(state.config.reps.position_interval)
            .unwrap_or(time::Duration::seconds(3));
        if gap < interval {
            let dropped = repo::count_dropped(&mut tx, id).await?;
            tx.commit().await?;
            metrics::counter!("rep_positions_dropped_total").increment(1);
            return Ok(PositionAck {
                accepted: false,
                eta_minutes: None,
                dropped,
            });
        }
        let hours = gap.as_seconds_f64().max(0.001) / 3600.0;
        if distance_km((lat, lng), (req.lat, req.lng)) / hours > MAX_SPEED_KMH {
            return Err(ApiError::Validation(FieldErrors::single(
                "lat",
                Message::new("repair-position-too-fast"),
            )));
        }
    }
    let eta = eta_minutes(distance_km((req.lat, req.lng), (j.lat, j.lng)));
    repo::insert_position(&mut tx, id, caller.user_id, req.lat, req.lng, eta).await?;
    tx.commit().await?;
    metrics::counter!("rep_positions_total").increment(1);
    let data = serde_json::json!({"jobId": id, "lat": req.lat, "lng": req.lng, "etaMinutes": eta,
        "at": OffsetDateTime::now_utc().unix_timestamp()});
    state
        .realtime
        .emit(&[rooms::user(j.customer_id)], "rep:location", &data)
        .await;
    Ok(PositionAck {
        accepted: true,
        eta_minutes: Some(eta),
        dropped: j.positions_dropped,
    })
}

/// The job's track, for its customer, its rep or admins.
pub async fn track(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<Vec<super::super::model::Position>> {
    get(state, caller, id).await?;
    Ok(repo::track(&state.db, id).await?)
}

/// Tracks older than the retention go (the orders' sweeper calls this).
pub async fn prune(state: &AppState) -> ApiResult<u64> {
    let keep = time::Duration::try_from(state.config.reps.track_retention)
        .unwrap_or(time::Duration::days(30));
    Ok(repo::prune_tracks(&state.db, OffsetDateTime::now_utc() - keep).await?)
}

fn day_bounds(e: &mut FieldErrors, q: &EarningsQuery) -> (jiff::civil::Date, jiff::civil::Date) {
    let today = crate::bookings::service::book::today();
    let to = crate::bookings::service::book::parse_date(e, "to", q.to.as_deref()).unwrap_or(today);
    let from = crate::bookings::service::book::parse_date(e, "from", q.from.as_deref())
        .unwrap_or_else(|| to.checked_sub(jiff::Span::new().days(29)).unwrap_or(to));
    if to < from {
        e.add("to", Message::new("validation-date-order"));
    }
    (from, to)
}

/// The rep's earnings between two local dates, line by line from the
/// ledger (what was earned, cash kept, payouts), with the balance owed now.
pub async fn earnings(state: &AppState, caller: &Caller, q: &EarningsQuery) -> ApiResult<Earnings> {
    require_rep(caller)?;
    earnings_of(state, caller.user_id, q).await
}

pub async fn earnings_of(state: &AppState, rep: Uuid, q: &EarningsQuery) -> ApiResult<Earnings> {
    let mut e = FieldErrors::new();
    let (from, to) = day_bounds(&mut e, q);
    e.into_result()?;
    let tz = crate::bookings::slots::zone();
    let at = |d, m| {
        OffsetDateTime::from_unix_timestamp(crate::bookings::slots::local_to_unix(&tz, d, m))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    };
    let (start, end) = (at(from, 0), at(to, 1440));
    let lines = repo::earning_lines(&state.db, rep, start, end).await?;
    let (jobs, gross) = repo::paid_jobs(&state.db, rep, start, end).await?;
    let balance = -crate::ledger::service::balance_of(&state.db, &Account::RepPayable(rep)).await?;
    Ok(Earnings {
        from: from.to_string(),
        to: to.to_string(),
        jobs,
        gross,
        net: lines.iter().map(|l| l.amount).sum(),
        balance,
        lines,
    })
}

pub async fn my_stats(state: &AppState, caller: &Caller) -> ApiResult<RepStats> {
    require_rep(caller)?;
    repo::rep_stats(&state.db, Some(caller.user_id), 1, 0)
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)
}

// ---------------------------------------------------------------- admin

pub async fn admin_reps(state: &AppState, caller: &Caller, page: i64) -> ApiResult<Vec<RepStats>> {
    require(state, caller, Permission::RepsManage).await?;
    Ok(repo::rep_stats(&state.db, None, 50, (page.max(1) - 1) * 50).await?)
}

pub async fn admin_rep(state: &AppState, caller: &Caller, rep: Uuid) -> ApiResult<RepStats> {
    require(state, caller, Permission::RepsManage).await?;
    repo::rep_stats(&state.db, Some(rep), 1, 0)
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError::NotFound)
}

pub async fn admin_jobs(
    state: &AppState,
    caller: &Caller,
    rep: Option<Uuid>,
    status: Option<&str>,
) -> ApiResult<Vec<RepairJob>> {
    require(state, caller, Permission::RepsManage).await?;
    Ok(repo::jobs(&state.db, None, rep, status, 100, 0).await?)
}

/// Pays a rep what the platform owes, never more (`finance.manage`).
pub async fn payout(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    rep: Uuid,
    req: &RepPayout,
) -> ApiResult<Replay> {
    require(state, caller, Permission::FinanceManage).await?;
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("rep-payout", &(rep, req));
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "rep-payout", &hash).await?
    {
        return Ok(replay);
    }
    let owed = -crate::ledger::service::lock_balance(&mut tx, &Account::RepPayable(rep)).await?;
    if req.amount > owed {
        return Err(ApiError::Unprocessable {
            code: "PAYOUT_EXCEEDS_BALANCE",
            message: Message::new("payout-exceeds-balance"),
            fields: FieldErrors::single("amount", Message::new("payout-exceeds-balance")),
        });
    }
    crate::ledger::post(
        &mut tx,
        Posting::new(
            "rep_payout",
            format!("rep-payout:{}:{}", rep, Uuid::now_v7()),
        )
        .target("rep", rep)
        .actor(Some(caller.user_id))
        .memo(req.reference.trim())
        .debit(Account::RepPayable(rep), req.amount)
        .credit(Account::Bank, req.amount),
    )
    .await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "rep.payout",
        "user",
        rep,
        None::<&()>,
        Some(req),
    )
    .await?;
    let out = serde_json::json!({"repId": rep, "amount": req.amount, "balance": owed - req.amount});
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &out).await?;
    tx.commit().await?;
    Ok(replay)
}
