//! External-part orders: placed by the customer (stock taken, payment by
//! card, wallet or cash), then run by the platform: confirmed → ordered from
//! the merchant (who is e-mailed the order in its language) → shipped →
//! delivered (cash recorded, the merchant settled), with cancellation
//! (stock back, money back) before shipping and a refund after delivery.
//! Every step is in the order's history.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

pub use super::model::ExternalOrder;
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments;
use crate::payments::model::{Method, TargetKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Placed,
    Confirmed,
    Ordered,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Placed,
        Step::Confirmed,
        Step::Ordered,
        Step::Shipped,
        Step::Delivered,
        Step::Cancelled,
        Step::Refunded,
    ];
    pub const LIST: &'static str =
        "placed, confirmed, ordered, shipped, delivered, cancelled, refunded";

    pub fn as_str(self) -> &'static str {
        match self {
            Step::Placed => "placed",
            Step::Confirmed => "confirmed",
            Step::Ordered => "ordered",
            Step::Shipped => "shipped",
            Step::Delivered => "delivered",
            Step::Cancelled => "cancelled",
            Step::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The steps an admin may take from here.
    pub fn next(self) -> &'static [Step] {
        match self {
            Step::Placed => &[Step::Confirmed, Step::Cancelled],
            Step::Confirmed => &[Step::Ordered, Step::Cancelled],
            Step::Ordered => &[Step::Shipped, Step::Cancelled],
            Step::Shipped => &[Step::Delivered],
            Step::Delivered => &[Step::Refunded],
            Step::Cancelled | Step::Refunded => &[],
        }
    }
}

/// `POST /external-orders`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceExternal {
    pub part_id: Uuid,
    #[schema(minimum = 1, maximum = 100)]
    pub quantity: i32,
    pub address_id: Uuid,
    pub payment_method: Method,
}

impl Validate for PlaceExternal {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if !(1..=100).contains(&self.quantity) {
            e.add(
                "quantity",
                Message::new("validation-range")
                    .arg("min", 1i64)
                    .arg("max", 100i64),
            );
        }
        e.into_result()
    }
}

/// What placing answers: the order and, for a card, where to pay.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Placed {
    pub order: ExternalOrder,
    pub payment_url: Option<String>,
}

fn refused(code: &'static str, key: &'static str, field: &str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single(field, Message::new(key)),
    }
}

pub async fn place(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &PlaceExternal,
) -> ApiResult<Replay> {
    if req.payment_method == Method::Card && !state.gateway.is_configured() {
        return Err(refused(
            "CARD_UNAVAILABLE",
            "checkout-card-unavailable",
            "paymentMethod",
        ));
    }
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("external-order", req);
    if let Some(replay) =
        idempotency::claim(&mut tx, caller.user_id, key, "external-order", &hash).await?
    {
        return Ok(replay);
    }
    let part = repo::part(&mut *tx, req.part_id)
        .await?
        .filter(|p| p.available)
        .ok_or_else(|| refused("PART_UNAVAILABLE", "external-part-unavailable", "partId"))?;
    let merchant = repo::merchant(&mut *tx, part.merchant_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let Some(address) =
        crate::customer::service::delivery_address(&mut tx, caller.user_id, req.address_id).await?
    else {
        return Err(refused(
            "ADDRESS_NOT_FOUND",
            "checkout-address-unknown",
            "addressId",
        ));
    };
    let city = address
        .get("city")
        .and_then(|c| c.as_str())
        .unwrap_or_default()
        .trim()
        .to_owned();
    if !merchant.cities.is_empty() && !merchant.cities.iter().any(|c| c.trim() == city) {
        return Err(refused(
            "NOT_DELIVERED_THERE",
            "external-not-delivered-there",
            "addressId",
        ));
    }
    if !repo::take_stock(&mut tx, part.id, req.quantity).await? {
        return Err(ApiError::conflict("OUT_OF_STOCK", "checkout-out-of-stock"));
    }
    let amounts = crate::orders::pricing::amounts(
        part.price * i64::from(req.quantity),
        state.config.payments.delivery_fee,
        0,
        merchant.commission_bp,
    );
    let id = Uuid::now_v7();
    repo::insert_order(
        &mut tx,
        id,
        caller.user_id,
        &merchant,
        &part,
        req,
        &amounts,
        &address,
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
        TargetKind::ExternalPartOrder,
        id,
        caller.user_id,
        req.payment_method,
        amounts.total,
        session.as_ref().map(|s| s.id),
    )
    .await?;
    if req.payment_method == Method::Wallet {
        payments::service::pay_from_wallet(&mut tx, &payment).await?;
    }
    let order = repo::order_row(&mut *tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if req.payment_method == Method::Cash {
        super::rollup::count(&mut tx, &order, crate::stats::Happened::Placed).await?;
    }
    let answer = Placed {
        order,
        payment_url: session
            .as_ref()
            .map(|s| payments::service::session_link(state, s.id)),
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &answer).await?;
    tx.commit().await?;
    if let Some(s) = session
        && let Err(e) = payments::gateway::ensure_gateway_order(state, s.id).await
    {
        tracing::warn!(error = ?e, session = %s.id, "could not open the gateway order yet");
    }
    Ok(replay)
}

/// `POST /admin/external-orders/{id}/status`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepRequest {
    /// confirmed, ordered, shipped, delivered, cancelled or refunded.
    pub status: String,
    #[schema(max_length = 500)]
    pub note: Option<String>,
}

impl Validate for StepRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if Step::parse(&self.status).is_none() {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", Step::LIST),
            );
        }
        if let Some(n) = &self.note {
            e.max_chars("note", n, 500);
        }
        e.into_result()
    }
}

/// An admin moves the order one step, with the step's effects; 409 for a
/// step the pipeline does not allow from here.
pub async fn step(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &StepRequest,
) -> ApiResult<ExternalOrder> {
    require(state, caller, Permission::ExternalManage).await?;
    let to = Step::parse(&req.status).ok_or_else(|| {
        ApiError::Validation(FieldErrors::single(
            "status",
            Message::new("validation-one-of").arg("allowed", Step::LIST),
        ))
    })?;
    let mut tx = state.db.begin().await?;
    let o = repo::lock_order(&mut tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let from = Step::parse(&o.status).ok_or(ApiError::NotFound)?;
    if !from.next().contains(&to) {
        return Err(ApiError::conflict(
            "ILLEGAL_TRANSITION",
            "order-illegal-transition",
        ));
    }
    let cash = o.payment_method == "cash";
    if to == Step::Confirmed && !cash && o.paid_at.is_none() {
        return Err(ApiError::conflict("ORDER_NOT_PAID", "external-not-paid"));
    }
    let note = req.note.as_deref().unwrap_or("").trim();
    repo::set_step(
        &mut tx,
        &o,
        to.as_str(),
        Some(caller.user_id),
        "admin",
        note,
    )
    .await?;
    match to {
        Step::Ordered => {
            crate::jobs::enqueue(
                &mut tx,
                crate::jobs::Kind::MerchantEmail.as_str(),
                &serde_json::json!({"orderId": id}),
            )
            .await?;
        }
        Step::Delivered => {
            payments::service::record_cash(
                &mut tx,
                TargetKind::ExternalPartOrder,
                id,
                Some(caller.user_id),
            )
            .await?;
            payments::service::settle(
                &mut tx,
                TargetKind::ExternalPartOrder,
                id,
                Some(caller.user_id),
            )
            .await?;
        }
        Step::Cancelled => {
            repo::return_stock(&mut tx, o.part_id, o.quantity).await?;
            if o.paid_at.is_some() {
                payments::service::refund(
                    state,
                    &mut tx,
                    TargetKind::ExternalPartOrder,
                    id,
                    o.total,
                    "cancelled",
                    Some(caller.user_id),
                )
                .await?;
            }
        }
        Step::Refunded => {
            payments::service::refund(
                state,
                &mut tx,
                TargetKind::ExternalPartOrder,
                id,
                o.total,
                note,
                Some(caller.user_id),
            )
            .await?;
        }
        _ => {}
    }
    // The statistics learn of the step (added to the roll-ups at commit).
    super::rollup::stepped(&mut tx, &o, to).await?;
    let after = repo::order_row(&mut *tx, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    crate::audit::record(
        &mut *tx,
        caller,
        "external_order.step",
        "external_order",
        id,
        Some(&serde_json::json!({"status": o.status})),
        Some(&serde_json::json!({"status": after.status, "note": note})),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The caller's external-part orders, newest first.
pub async fn mine(state: &AppState, caller: &Caller) -> ApiResult<Vec<ExternalOrder>> {
    Ok(repo::orders_of(&state.db, caller.user_id).await?)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<ExternalOrder> {
    let o = repo::order_row(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if o.customer_id != caller.user_id
        && !crate::admin::permissions::holds(state, caller, Permission::ExternalManage).await?
    {
        return Err(ApiError::NotFound);
    }
    Ok(o)
}

pub async fn admin_list(
    state: &AppState,
    caller: &Caller,
    q: &super::model::ListQuery,
) -> ApiResult<(Vec<ExternalOrder>, Meta)> {
    require(state, caller, Permission::ExternalManage).await?;
    let page = q.paging().check(&mut FieldErrors::new());
    let (rows, total) =
        repo::all_orders(&state.db, q.status.as_deref(), page.limit(), page.offset()).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}

/// Card orders still unpaid after the payment window are cancelled (stock
/// back, payment and gateway session closed), as direct orders are; the
/// gateway is asked once more first. Run by the orders' sweeper on every
/// node (`SKIP LOCKED`).
pub async fn expire_unpaid(state: &AppState) -> ApiResult<usize> {
    let window = time::Duration::try_from(state.config.payments.card_timeout)
        .unwrap_or(time::Duration::minutes(30));
    let ids =
        repo::unpaid_card_orders(&state.db, time::OffsetDateTime::now_utc() - window, 50).await?;
    let mut done = 0;
    for id in ids {
        let session =
            payments::service::latest_session(&state.db, TargetKind::ExternalPartOrder, id).await?;
        if let Some(s) = session {
            payments::gateway::sync_session_by_id(state, s).await.ok();
        }
        let mut tx = state.db.begin().await?;
        let Some(o) = repo::lock_order(&mut tx, id).await? else {
            continue;
        };
        // Paid meanwhile (the gateway said so just now), or already moved on.
        if o.status != Step::Placed.as_str() || o.paid_at.is_some() {
            continue;
        }
        repo::set_step(
            &mut tx,
            &o,
            Step::Cancelled.as_str(),
            None,
            "system",
            "payment window closed",
        )
        .await?;
        repo::return_stock(&mut tx, o.part_id, o.quantity).await?;
        if let Some(p) =
            payments::service::lock_live(&mut tx, TargetKind::ExternalPartOrder, id).await?
        {
            payments::service::close_unpaid(
                &mut tx,
                p.id,
                payments::model::PaymentState::Cancelled,
                "payment window closed",
            )
            .await?;
        }
        if let Some(s) = session {
            payments::service::expire_session(&mut tx, s).await?;
        }
        tx.commit().await?;
        done += 1;
    }
    Ok(done)
}
