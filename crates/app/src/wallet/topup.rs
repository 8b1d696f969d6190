//! Wallet top-ups by card (`wallet_topup` payment target): the customer
//! asks for an amount within the per-top-up and 24-hour limits, pays it on
//! the gateway's hosted page, and the capture's settlement credits the
//! wallet (Dr gateway clearing · Cr customer wallet, through the top-up's
//! escrow). Nothing is credited before the gateway says the money is there.

use http::StatusCode;
use sqlx::PgConnection;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{TopUp, TopUpInput, TopUpStarted};
use super::repo;
use crate::AppState;
use crate::auth::Caller;
use crate::idempotency::{self, IdempotencyKey, Replay};
use crate::payments;
use crate::payments::model::{Method, PaymentRow, TargetKind};
use crate::payments::target::{Due, Payee, PaymentTarget};

fn over(key: &'static str, max: i64) -> ApiError {
    ApiError::Unprocessable {
        code: "TOPUP_LIMIT",
        message: Message::new(key).arg("max", kernel::money::decimal(max)),
        fields: FieldErrors::single(
            "amount",
            Message::new(key).arg("max", kernel::money::decimal(max)),
        ),
    }
}

pub async fn create(
    state: &AppState,
    caller: &Caller,
    key: &IdempotencyKey,
    req: &TopUpInput,
) -> ApiResult<Replay> {
    if !state.gateway.is_configured() {
        return Err(ApiError::Unprocessable {
            code: "CARD_UNAVAILABLE",
            message: Message::new("checkout-card-unavailable"),
            fields: FieldErrors::new(),
        });
    }
    let cfg = &state.config.payments;
    if req.amount > cfg.topup_max {
        return Err(over("wallet-topup-over-max", cfg.topup_max));
    }
    let mut tx = state.db.begin().await?;
    let hash = idempotency::fingerprint("topup", req);
    if let Some(replay) = idempotency::claim(&mut tx, caller.user_id, key, "topup", &hash).await? {
        return Ok(replay);
    }
    // One top-up of a customer at a time: the 24-hour sum cannot be read
    // by two of them before either is written.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('wallet_topup:' || $1::text))")
        .bind(caller.user_id)
        .execute(&mut *tx)
        .await?;
    let now = OffsetDateTime::now_utc();
    let window = Duration::try_from(cfg.card_timeout).unwrap_or(Duration::minutes(30));
    let used = repo::topped_since(
        &mut tx,
        caller.user_id,
        now - Duration::days(1),
        now - window,
    )
    .await?;
    if used + req.amount > cfg.topup_daily_max {
        return Err(over("wallet-topup-over-daily", cfg.topup_daily_max));
    }
    let id = Uuid::now_v7();
    repo::insert_topup(&mut tx, id, caller.user_id, req.amount).await?;
    let session = payments::service::open_session(
        &mut tx,
        caller.user_id,
        state.gateway.name(),
        req.amount,
        caller.client.locale.code(),
    )
    .await?;
    payments::service::open(
        &mut tx,
        TargetKind::WalletTopup,
        id,
        caller.user_id,
        Method::Card,
        req.amount,
        Some(session.id),
    )
    .await?;
    let (_, top_up) = repo::topup(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    let answer = TopUpStarted {
        top_up,
        payment_url: payments::service::session_link(state, session.id),
    };
    let replay =
        idempotency::complete(&mut tx, caller.user_id, key, StatusCode::CREATED, &answer).await?;
    tx.commit().await?;
    if let Err(e) = payments::gateway::ensure_gateway_order(state, session.id).await {
        tracing::warn!(error = ?e, session = %session.id, "could not open the gateway order yet");
    }
    Ok(replay)
}

/// The caller's top-up (404 for anyone else's).
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<TopUp> {
    match repo::topup(&state.db, id).await? {
        Some((user, t)) if user == caller.user_id => Ok(t),
        _ => Err(ApiError::NotFound),
    }
}

pub struct WalletTopupTarget;

#[async_trait::async_trait]
impl PaymentTarget for WalletTopupTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::WalletTopup
    }

    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due> {
        let (user, t) = repo::topup(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Due {
            amount: t.amount,
            discount: 0,
            commission: 0,
            commission_vat: 0,
            payee: Payee::Wallet(user),
        })
    }

    /// Captured: the top-up is paid and its escrow moves to the wallet in
    /// the capture's transaction.
    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        _p: &PaymentRow,
        actor: Option<Uuid>,
    ) -> ApiResult<bool> {
        if !repo::mark_paid(conn, id).await? {
            return Ok(false);
        }
        payments::service::settle(conn, TargetKind::WalletTopup, id, actor).await?;
        Ok(true)
    }

    async fn on_refunded(
        &self,
        _conn: &mut PgConnection,
        _id: Uuid,
        _amount: i64,
        _fully: bool,
        _actor: Option<Uuid>,
    ) -> ApiResult<()> {
        Ok(())
    }

    async fn announce_paid(&self, _state: &AppState, _id: Uuid) {}

    fn return_path(&self, _id: Uuid) -> String {
        "/app/account/wallet".into()
    }
}
