//! Order reads for customers, stores and admins, and every status step with
//! the stock and money effects that belong to it.

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Locale, Meta};

use super::model::{Order, OrderDetail, OrderQuery, OrderRow};
use super::repo::{self, ListFilter};
use super::status::{Actor, OrderStatus};
use crate::AppState;
use crate::admin::permissions::{self as admin_permissions, Permission};
use crate::auth::Caller;
use crate::payments;
use crate::payments::model::{PaymentState, TargetKind};
use crate::stores::access::{self as store_access, StorePermission};

const SORTS: &[(&str, &str)] = &[
    ("createdAt", "o.created_at"),
    ("total", "o.total"),
    ("number", "o.number"),
];

/// Orders with their items, in the given order.
pub async fn with_items(
    conn: &mut PgConnection,
    rows: Vec<OrderRow>,
    locale: Locale,
) -> ApiResult<Vec<Order>> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut items: HashMap<Uuid, Vec<_>> = HashMap::new();
    for i in repo::items(&mut *conn, &ids).await? {
        items.entry(i.order_id).or_default().push(i);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let its = items.remove(&r.id).unwrap_or_default();
            r.into_order(its, locale)
        })
        .collect())
}

/// As whom a caller asks for orders: the customer themself, a store's staff,
/// or an admin. Every service below checks the caller may (the guards live
/// here, not in the handlers): a customer only as themself (404 otherwise),
/// a store with `orders.view` / `orders.manage`, an admin with
/// `orders.manage`.
#[derive(Debug, Clone, Copy)]
pub enum Viewer {
    Customer(Uuid),
    Store(Uuid),
    Admin,
}

async fn authorize(
    state: &AppState,
    caller: &Caller,
    viewer: Viewer,
    manage: bool,
) -> ApiResult<()> {
    match viewer {
        Viewer::Customer(id) if id == caller.user_id => Ok(()),
        Viewer::Customer(_) => Err(ApiError::NotFound),
        Viewer::Store(store) => {
            let needed = if manage {
                StorePermission::OrdersManage
            } else {
                StorePermission::OrdersView
            };
            store_access::require(state, caller, store, needed).await?;
            Ok(())
        }
        Viewer::Admin => {
            admin_permissions::require(state, caller, Permission::OrdersManage).await?;
            Ok(())
        }
    }
}

pub async fn list(
    state: &AppState,
    caller: &Caller,
    viewer: Viewer,
    q: &OrderQuery,
) -> ApiResult<(Vec<Order>, Meta)> {
    authorize(state, caller, viewer, false).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order_by = paging.order_by(SORTS, "o.created_at DESC", &mut e);
    e.into_result()?;
    let order_by = order_by.replace("id ASC", "o.id ASC");
    let mut f = ListFilter {
        customer: q.customer_id,
        store: q.store_id,
        status: q.status.map(|s| s.as_str().to_owned()),
        number: q.number.clone(),
    };
    match viewer {
        Viewer::Customer(id) => {
            f.customer = Some(id);
            f.store = q.store_id;
        }
        Viewer::Store(id) => f.store = Some(id),
        Viewer::Admin => {}
    }
    let (rows, total) = repo::list(&state.db, &f, &order_by, page.limit(), page.offset()).await?;
    let mut conn = state.db.acquire().await?;
    let orders = with_items(&mut conn, rows, caller.client.locale).await?;
    Ok((orders, Meta::new(page.page, page.per_page, total)))
}

/// One order as `viewer` may see it; 404 for an order that is not theirs.
pub async fn detail(
    state: &AppState,
    caller: &Caller,
    viewer: Viewer,
    id: Uuid,
) -> ApiResult<OrderDetail> {
    authorize(state, caller, viewer, false).await?;
    let row = repo::find(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    let visible = match viewer {
        Viewer::Customer(c) => row.customer_id == c,
        Viewer::Store(s) => row.store_id == s,
        Viewer::Admin => true,
    };
    if !visible {
        return Err(ApiError::NotFound);
    }
    let status = OrderStatus::parse(&row.status);
    let mut conn = state.db.acquire().await?;
    let order = with_items(&mut conn, vec![row], caller.client.locale)
        .await?
        .remove(0);
    let (payments, refunds) =
        payments::service::history_of(&mut conn, TargetKind::Order, id).await?;
    Ok(OrderDetail {
        history: repo::status_history(&mut *conn, id).await?,
        payments,
        refunds,
        cancellable: status.is_some_and(|s| s.allows(OrderStatus::Cancelled, Actor::Customer)),
        payable: status == Some(OrderStatus::PendingPayment)
            && order
                .payment_expires_at
                .is_some_and(|at| at > time::OffsetDateTime::now_utc()),
        order,
    })
}

fn illegal(from: &str, to: OrderStatus) -> ApiError {
    ApiError::Conflict {
        code: "ILLEGAL_TRANSITION",
        message: Message::new("order-illegal-transition")
            .arg("from", from.to_owned())
            .arg("to", to.as_str()),
    }
}

/// Takes one step of an order inside `conn`'s transaction: checks the machine,
/// applies the step's effects, records it. An illegal step is 409 and writes nothing.
pub async fn step(
    state: &AppState,
    conn: &mut PgConnection,
    id: Uuid,
    to: OrderStatus,
    actor: Actor,
    actor_id: Option<Uuid>,
    note: &str,
) -> ApiResult<OrderRow> {
    let o = repo::lock(conn, id).await?.ok_or(ApiError::NotFound)?;
    let from = OrderStatus::parse(&o.status).ok_or_else(|| illegal(&o.status, to))?;
    if !from.allows(to, actor) {
        return Err(illegal(&o.status, to));
    }
    match to {
        OrderStatus::Cancelled | OrderStatus::Rejected => {
            // The status first, so the refund below sees a closed order and
            // does not mark it refunded as a refund of an open order would.
            repo::set_status(conn, id, to.as_str(), actor_id).await?;
            repo::release_stock(conn, id).await?;
            let kind = TargetKind::Order;
            let live = payments::service::lock_live(conn, kind, id).await?;
            if let Some(p) = live {
                match p.state() {
                    PaymentState::Pending => {
                        payments::service::close_unpaid(conn, p.id, PaymentState::Cancelled, note)
                            .await?
                    }
                    s if s.holds_money() => {
                        payments::service::refund(
                            state,
                            conn,
                            kind,
                            id,
                            p.refundable(),
                            note,
                            actor_id,
                        )
                        .await?;
                    }
                    _ => {}
                }
            }
        }
        OrderStatus::Delivered => {
            payments::service::record_cash(conn, TargetKind::Order, id, actor_id).await?;
            payments::service::settle(conn, TargetKind::Order, id, actor_id).await?;
            payments::service::cashback(conn, TargetKind::Order, id, o.customer_id).await?;
            crate::referrals::on_order_delivered(
                conn,
                &state.config.referral,
                o.customer_id,
                id,
                actor_id,
            )
            .await?;
        }
        OrderStatus::Refunded => {
            // The refund marks the order refunded (see the payable target).
            let live = payments::service::lock_live(conn, TargetKind::Order, id).await?;
            let left = live.map(|p| p.refundable()).unwrap_or(0);
            if left > 0 {
                payments::service::refund(state, conn, TargetKind::Order, id, left, note, actor_id)
                    .await?;
            }
            if let Some(row) = repo::lock(conn, id).await?
                && row.status == OrderStatus::Refunded.as_str()
            {
                return Ok(row);
            }
        }
        _ => {}
    }
    repo::set_status(conn, id, to.as_str(), actor_id).await?;
    crate::shipping::on_order_step(conn, id, to, actor).await?;
    repo::history(
        conn,
        id,
        Some(&o.status),
        to.as_str(),
        actor_id,
        actor.as_str(),
        note,
    )
    .await?;
    // In the same transaction: no notification for a step that rolls back.
    // A parcel back at the store is told as such, not as a plain cancel.
    let told = if to == OrderStatus::Cancelled && note == super::status::RETURNED_NOTE {
        "returned"
    } else {
        to.as_str()
    };
    crate::notifications::service::notify(
        conn,
        o.customer_id,
        "order.status",
        "orders",
        serde_json::json!({"orderId": o.id, "orderNumber": o.number, "status": told}),
    )
    .await?;
    if to == OrderStatus::Cancelled && o.status == OrderStatus::PendingPayment.as_str() {
        let checkout: Uuid = o.checkout_id;
        if repo::checkout_abandoned(conn, checkout).await? {
            crate::coupons::service::release(conn, checkout).await?;
        }
    }
    // The statistics learn of the step (added to the roll-ups at commit).
    super::rollup::stepped(conn, &o, Some(&o.status), to, None).await?;
    repo::lock(conn, id).await?.ok_or(ApiError::NotFound)
}

/// A step asked for over the API, in its own transaction.
pub async fn transition(
    state: &AppState,
    caller: &Caller,
    viewer: Viewer,
    id: Uuid,
    to: OrderStatus,
    note: &str,
) -> ApiResult<OrderDetail> {
    authorize(state, caller, viewer, true).await?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    let actor = match viewer {
        Viewer::Customer(c) if row.customer_id == c => Actor::Customer,
        Viewer::Store(s) if row.store_id == s => Actor::Store,
        Viewer::Admin => Actor::Admin,
        _ => return Err(ApiError::NotFound),
    };
    let before = row.status.clone();
    step(state, &mut tx, id, to, actor, Some(caller.user_id), note).await?;
    if actor == Actor::Admin {
        crate::audit::record(
            &mut *tx,
            caller,
            "order.force_status",
            "order",
            id,
            Some(&serde_json::json!({"status": before})),
            Some(&serde_json::json!({"status": to.as_str(), "reason": note})),
        )
        .await?;
    }
    tx.commit().await?;
    announce(state, &[id], Some(&before)).await;
    detail(state, caller, viewer, id).await
}

/// Tells the order's customer, its store's staff and its followers that its
/// status changed: `order:status`. Called after the change committed.
pub async fn announce(state: &AppState, ids: &[Uuid], from: Option<&str>) {
    for id in ids {
        let Ok(Some(o)) = repo::find(&state.db, *id).await else {
            continue;
        };
        let to = [
            crate::realtime::rooms::user(o.customer_id),
            crate::realtime::rooms::store(o.store_id),
            crate::realtime::rooms::order(o.id),
        ];
        let event = serde_json::json!({
            "orderId": o.id, "number": o.number, "status": o.status, "from": from,
            "storeId": o.store_id,
        });
        state.realtime.emit(&to, "order:status", &event).await;
    }
}

/// New orders reach their store's staff: `order:new`. After the checkout committed.
pub async fn announce_new(state: &AppState, orders: &[Order]) {
    for o in orders {
        let to = [crate::realtime::rooms::store(o.store_id)];
        let event = serde_json::json!({
            "orderId": o.id, "number": o.number, "status": o.status, "storeId": o.store_id,
            "amountDue": o.amount_due, "currency": o.currency,
        });
        state.realtime.emit(&to, "order:new", &event).await;
    }
}

/// Whether the caller may follow an order live (socket `order:follow`): its
/// customer, its store's staff with orders.view, or an admin with orders.manage.
pub async fn may_follow(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let o = repo::find(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    if o.customer_id == caller.user_id {
        return Ok(());
    }
    if crate::admin::permissions::holds(
        state,
        caller,
        crate::admin::permissions::Permission::OrdersManage,
    )
    .await?
    {
        return Ok(());
    }
    crate::stores::access::require(
        state,
        caller,
        o.store_id,
        crate::stores::access::StorePermission::OrdersView,
    )
    .await
    .map_err(|_| ApiError::NotFound)?;
    Ok(())
}

/// Cancels unpaid card orders whose payment window closed, returning their
/// stock. Before giving up on one, the gateway is asked once more: a payment
/// that did arrive is captured instead. Safe on several nodes at once.
pub async fn expire_unpaid(state: &AppState) -> ApiResult<usize> {
    let mut tx = state.db.begin().await?;
    let ids = repo::lock_expired(&mut tx, 50).await?;
    tx.commit().await?;
    let mut done = 0;
    for id in ids {
        let session = payments::service::latest_session(&state.db, TargetKind::Order, id).await?;
        if let Some(session) = session {
            payments::gateway::sync_session_by_id(state, session)
                .await
                .ok();
        }
        let mut tx = state.db.begin().await?;
        match step(
            state,
            &mut tx,
            id,
            OrderStatus::Cancelled,
            Actor::System,
            None,
            "payment window closed",
        )
        .await
        {
            Ok(_) => {
                if let Some(session) = session {
                    payments::service::expire_session(&mut tx, session).await?;
                }
                tx.commit().await?;
                announce(state, &[id], Some("pending_payment")).await;
                done += 1;
            }
            // Paid meanwhile, or taken by another node.
            Err(ApiError::Conflict { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// How many of a store's orders are not closed yet (delivered, cancelled,
/// rejected or refunded).
pub async fn open_orders_of_store(conn: &mut PgConnection, store: Uuid) -> ApiResult<i64> {
    Ok(repo::open_count_for_store(conn, store).await?)
}

pub fn refund_refused() -> ApiError {
    ApiError::Unprocessable {
        code: "REFUND_NOT_ALLOWED",
        message: Message::new("payment-refund-nothing"),
        fields: FieldErrors::new(),
    }
}

/// An admin's refund of (part of) an order's payment, once per `Idempotency-Key`.
pub async fn admin_refund(
    state: &AppState,
    caller: &Caller,
    key: &crate::idempotency::IdempotencyKey,
    id: Uuid,
    req: &super::model::RefundRequest,
) -> ApiResult<crate::idempotency::Replay> {
    use crate::idempotency;
    admin_permissions::require(state, caller, Permission::FinanceManage).await?;
    let mut tx = state.db.begin().await?;
    let scope = format!("refund:{id}");
    let hash = idempotency::fingerprint(&scope, req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, &scope, &hash).await? {
        return Ok(replay);
    }
    repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    let refund = payments::service::refund(
        state,
        &mut tx,
        TargetKind::Order,
        id,
        req.amount,
        req.reason.trim(),
        Some(caller.user_id),
    )
    .await?
    .ok_or_else(refund_refused)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "order.refund",
        "order",
        id,
        None::<&()>,
        Some(&refund),
    )
    .await?;
    let replay = idempotency::complete(
        &mut tx,
        caller.user_id,
        key,
        http::StatusCode::CREATED,
        &refund,
    )
    .await?;
    tx.commit().await?;
    Ok(replay)
}

/// Each node sweeps expired card orders on a timer; `SKIP LOCKED` and the
/// state machine make concurrent sweeps harmless.
pub fn spawn_sweeper(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.config.payments.sweep_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match expire_unpaid(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(orders = n, "unpaid card orders cancelled, stock returned"),
                Err(e) => tracing::warn!(error = ?e, "sweeping unpaid orders failed"),
            }
            match crate::external::orders::expire_unpaid(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    orders = n,
                    "unpaid external orders cancelled, stock returned"
                ),
                Err(e) => tracing::warn!(error = ?e, "sweeping unpaid external orders failed"),
            }
            match crate::bookings::expire_unpaid(&state).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(bookings = n, "unpaid card bookings expired, bays released")
                }
                Err(e) => tracing::warn!(error = ?e, "sweeping unpaid bookings failed"),
            }
            if let Err(e) = crate::repairs::prune(&state).await {
                tracing::warn!(error = ?e, "pruning rep tracks failed");
            }
            match crate::shipping::poll(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(shipments = n, "shipments moved by asking the carrier"),
                Err(e) => tracing::warn!(error = ?e, "asking the carrier about shipments failed"),
            }
        }
    })
}
