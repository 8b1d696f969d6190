//! The engine: start, capture, fail, settle and refund payments of any
//! target, booking every movement in the ledger per `MONEY.md`.
//!
//! Each function works inside the caller's database transaction and locks the
//! payment row first, so concurrent webhooks, refunds and deliveries of one
//! payment run one after the other; each ledger posting carries a key derived
//! from the payment or refund, so a repeat books nothing.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{Method, PaymentRow, PaymentState, Refund, TargetKind};
use super::repo;
use super::target::{Due, Payee, implementation};
use crate::AppState;
use crate::ledger::{self, Account, Posting};
use kernel::money::share;

fn escrow(p: &PaymentRow) -> Account {
    Account::Escrow {
        target_kind: p.target_kind.clone(),
        target_id: p.target_id,
    }
}

fn payee_account(payee: Payee) -> Account {
    match payee {
        Payee::Store(id) => Account::StorePayable(id),
        Payee::Rep(id) => Account::RepPayable(id),
        Payee::Merchant(id) => Account::MerchantPayable(id),
        Payee::Wallet(id) => Account::CustomerWallet(id),
    }
}

/// Opens a hosted-page session of the card gateway for `amount` (one
/// gateway order, paying one or more payments).
pub async fn open_session(
    conn: &mut PgConnection,
    payer: Uuid,
    gateway: &str,
    amount: i64,
    language: &str,
) -> ApiResult<super::model::SessionRow> {
    Ok(repo::insert_session(conn, payer, gateway, amount, language).await?)
}

/// The session of a target's newest card payment, if it has one.
pub async fn latest_session(
    db: impl sqlx::PgExecutor<'_>,
    kind: TargetKind,
    target_id: Uuid,
) -> ApiResult<Option<Uuid>> {
    Ok(repo::latest_session_of_target(db, kind.as_str(), target_id).await?)
}

/// The target's live payment (not failed nor cancelled), locked.
pub async fn lock_live(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
) -> ApiResult<Option<PaymentRow>> {
    Ok(repo::lock_live_for_target(conn, kind.as_str(), target_id).await?)
}

/// The link that forwards to a session's hosted page (stable: it opens the
/// gateway order on first use).
pub fn session_link(state: &AppState, session: Uuid) -> String {
    format!(
        "{}/api/v1/payments/sessions/{session}/pay",
        state.config.public_url
    )
}

/// A target's payments and refunds, oldest first, for its detail page.
pub async fn history_of(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
) -> ApiResult<(Vec<super::model::Payment>, Vec<Refund>)> {
    let payments = repo::for_target(&mut *conn, kind.as_str(), target_id).await?;
    let refunds = repo::refunds_for_target(&mut *conn, kind.as_str(), target_id).await?;
    Ok((payments, refunds))
}

/// Records what the payer asked of a session's card: keep it once paid
/// (`save_card`), or pay with the saved card `saved_card` (see
/// `saved_cards::service::charge`).
pub async fn choose_card(
    conn: &mut PgConnection,
    session: Uuid,
    save_card: bool,
    saved_card: Option<Uuid>,
) -> ApiResult<()> {
    Ok(repo::set_session_card(conn, session, save_card, saved_card).await?)
}

/// A session as stored, if it exists.
pub async fn session(
    db: impl sqlx::PgExecutor<'_>,
    id: Uuid,
) -> ApiResult<Option<super::model::SessionRow>> {
    Ok(repo::session(db, id).await?)
}

/// Marks a session expired: its window closed; money paid into it later is
/// returned at the gateway.
pub async fn expire_session(conn: &mut PgConnection, session: Uuid) -> ApiResult<()> {
    Ok(repo::set_session_state(conn, session, "expired").await?)
}

/// Opens a payment for a target; nothing moves yet.
pub async fn open(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
    payer: Uuid,
    method: Method,
    amount: i64,
    session: Option<Uuid>,
) -> ApiResult<PaymentRow> {
    let p = repo::insert(
        conn,
        kind.as_str(),
        target_id,
        payer,
        method.as_str(),
        amount,
        session,
    )
    .await?;
    repo::event(conn, p.id, None, "pending", Some(amount), Some(payer), "").await?;
    Ok(p)
}

/// Pays from the payer's wallet at once: one conditional debit, so no race
/// can overdraw it (422 `INSUFFICIENT_FUNDS` and nothing written otherwise).
pub async fn pay_from_wallet(conn: &mut PgConnection, p: &PaymentRow) -> ApiResult<()> {
    ledger::post(
        conn,
        Posting::new("payment_captured", format!("capture:{}", p.id))
            .target(&p.target_kind, p.target_id)
            .payment(p.id)
            .actor(Some(p.payer_id))
            .debit(Account::CustomerWallet(p.payer_id), p.amount)
            .credit(escrow(p), p.amount),
    )
    .await?;
    captured(conn, p, Some(p.payer_id), "wallet").await
}

async fn captured(
    conn: &mut PgConnection,
    p: &PaymentRow,
    actor: Option<Uuid>,
    note: &str,
) -> ApiResult<()> {
    repo::set_state(conn, p, "captured", 0, actor, Some(p.amount), note).await?;
    let accepted = implementation(&p.target_kind)?
        .on_paid(conn, p.target_id, p, actor)
        .await?;
    if !accepted {
        tracing::warn!(payment = %p.id, "target no longer wants its payment");
    }
    Ok(())
}

/// Books a card payment the gateway reports paid. Returns whether this call
/// captured it (`false`: it was captured or closed before).
pub async fn capture_card(
    conn: &mut PgConnection,
    payment_id: Uuid,
    gateway: &str,
) -> ApiResult<bool> {
    let Some(p) = repo::lock(conn, payment_id).await? else {
        return Ok(false);
    };
    if !matches!(p.state(), PaymentState::Pending | PaymentState::Authorised) {
        return Ok(false);
    }
    ledger::post(
        conn,
        Posting::new("payment_captured", format!("capture:{}", p.id))
            .target(&p.target_kind, p.target_id)
            .payment(p.id)
            .debit(Account::GatewayClearing(gateway.to_owned()), p.amount)
            .credit(escrow(&p), p.amount),
    )
    .await?;
    captured(conn, &p, None, gateway).await?;
    Ok(true)
}

/// Marks a pending payment failed (declined) or cancelled (abandoned).
pub async fn close_unpaid(
    conn: &mut PgConnection,
    payment_id: Uuid,
    to: PaymentState,
    note: &str,
) -> ApiResult<()> {
    if let Some(p) = repo::lock(conn, payment_id).await?
        && p.state() == PaymentState::Pending
    {
        repo::set_state(conn, &p, to.as_str(), 0, None, None, note).await?;
    }
    Ok(())
}

/// Cash on delivery: the courier or store took the money; the payment is
/// recorded now (the cash is in transit until set against the store's payable
/// at settlement).
pub async fn record_cash(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
    actor: Option<Uuid>,
) -> ApiResult<()> {
    let Some(p) = repo::lock_live_for_target(conn, kind.as_str(), target_id).await? else {
        return Ok(());
    };
    if p.method() != Method::Cash || p.state() != PaymentState::Pending {
        return Ok(());
    }
    ledger::post(
        conn,
        Posting::new("cash_collected", format!("capture:{}", p.id))
            .target(&p.target_kind, p.target_id)
            .payment(p.id)
            .actor(actor)
            .debit(Account::CashInTransit, p.amount)
            .credit(escrow(&p), p.amount),
    )
    .await?;
    repo::set_state(conn, &p, "captured", 0, actor, Some(p.amount), "cash").await?;
    Ok(())
}

/// Settles a delivered / completed target: escrow to the payee less the
/// commission and its VAT, plus the platform-funded discount. Amounts are the
/// ones fixed on the target, less the share already refunded.
pub async fn settle(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
    actor: Option<Uuid>,
) -> ApiResult<()> {
    let Some(p) = repo::lock_live_for_target(conn, kind.as_str(), target_id).await? else {
        return Ok(());
    };
    if !p.state().holds_money() {
        return Ok(());
    }
    let due = implementation(&p.target_kind)?.due(conn, target_id).await?;
    let r = p.refunded_amount;
    let held = p.amount - r;
    let left = |x: i64| x - share(x, r, p.amount.max(1));
    let (c, v, d) = if p.amount == 0 {
        (due.commission, due.commission_vat, due.discount)
    } else {
        (
            left(due.commission),
            left(due.commission_vat),
            left(due.discount),
        )
    };
    let to_payee = held + d - c - v;
    ledger::post(
        conn,
        Posting::new("target_settled", settle_key(&p))
            .target(&p.target_kind, p.target_id)
            .payment(p.id)
            .actor(actor)
            .debit(escrow(&p), held)
            .debit(Account::PromotionsExpense, d)
            .credit(payee_account(due.payee), to_payee)
            .credit(Account::PlatformRevenue, c)
            .credit(Account::VatPayable, v),
    )
    .await?;
    if p.method() == Method::Cash {
        // The store kept the cash: it is set against what the platform owes it.
        ledger::post(
            conn,
            Posting::new("cash_retained", format!("cash_retained:{}", p.id))
                .target(&p.target_kind, p.target_id)
                .payment(p.id)
                .actor(actor)
                .debit(payee_account(due.payee), p.amount)
                .credit(Account::CashInTransit, p.amount),
        )
        .await?;
    }
    Ok(())
}

fn settle_key(p: &PaymentRow) -> String {
    format!("settle:{}:{}", p.target_kind, p.target_id)
}

fn refund_error(code: &'static str, key: &'static str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single("amount", Message::new(key)),
    }
}

/// Gives back `amount` of a target's payment the way it came: card through
/// the gateway, wallet (and cash) to the wallet. After settlement, the
/// settlement is first reversed in proportion, cumulatively, so that a full
/// refund returns every share exactly.
///
/// The gateway is called last, inside the transaction: if it refuses, nothing
/// is written. (If the commit fails after the gateway refunded, the
/// reconciliation against the gateway shows it.)
pub async fn refund(
    state: &AppState,
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
    amount: i64,
    reason: &str,
    actor: Option<Uuid>,
) -> ApiResult<Option<Refund>> {
    let Some(p) = repo::lock_live_for_target(conn, kind.as_str(), target_id).await? else {
        return Ok(None);
    };
    if !p.state().holds_money() || p.refundable() == 0 {
        if amount > 0 && p.method() != Method::Cash {
            return Err(refund_error("REFUND_NOT_ALLOWED", "payment-refund-nothing"));
        }
        return Ok(None);
    }
    if amount <= 0 || amount > p.refundable() {
        return Err(refund_error(
            "REFUND_EXCEEDS_PAID",
            "payment-refund-exceeds",
        ));
    }
    let destination = if p.method() == Method::Card {
        "card"
    } else {
        "wallet"
    };
    let refund = repo::insert_refund(conn, p.id, amount, destination, reason, actor).await?;
    if repo::was_booked(&mut *conn, &settle_key(&p)).await? {
        let due: Due = implementation(&p.target_kind)?.due(conn, target_id).await?;
        let (before, after) = (p.refunded_amount, p.refunded_amount + amount);
        let part = |x: i64| share(x, after, p.amount) - share(x, before, p.amount);
        let (c, v, d) = (
            part(due.commission),
            part(due.commission_vat),
            part(due.discount),
        );
        ledger::post(
            conn,
            Posting::new("settlement_reversed", format!("unsettle:{}", refund.id))
                .target(&p.target_kind, p.target_id)
                .payment(p.id)
                .actor(actor)
                .debit(payee_account(due.payee), amount + d - c - v)
                .debit(Account::PlatformRevenue, c)
                .debit(Account::VatPayable, v)
                .credit(Account::PromotionsExpense, d)
                .credit(escrow(&p), amount),
        )
        .await?;
    }
    let back_to = if destination == "card" {
        Account::GatewayClearing(state.gateway.name().to_owned())
    } else {
        Account::CustomerWallet(p.payer_id)
    };
    ledger::post(
        conn,
        Posting::new("refund", format!("refund:{}", refund.id))
            .target(&p.target_kind, p.target_id)
            .payment(p.id)
            .actor(actor)
            .memo(reason)
            .debit(escrow(&p), amount)
            .credit(back_to, amount),
    )
    .await?;
    let refunded = p.refunded_amount + amount;
    let fully = refunded == p.amount;
    let to = if fully {
        "refunded"
    } else {
        "partially_refunded"
    };
    repo::set_state(conn, &p, to, refunded, actor, Some(amount), reason).await?;
    implementation(&p.target_kind)?
        .on_refunded(conn, target_id, amount, fully, actor)
        .await?;
    if destination == "card" {
        let session = match p.session_id {
            Some(id) => repo::session(&mut *conn, id).await?,
            None => None,
        };
        let reference = session.and_then(|s| s.provider_ref).ok_or_else(|| {
            ApiError::Internal(anyhow::anyhow!("card payment without gateway order"))
        })?;
        state
            .gateway
            .refund(&reference, amount)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, payment = %p.id, "gateway refused the refund");
                ApiError::Unavailable
            })?;
    }
    Ok(Some(refund))
}

/// Cashback on what the customer paid and kept paid for a delivered target
/// (refunded money earns none), by the active rule (percent, capped); once
/// per target.
pub async fn cashback(
    conn: &mut PgConnection,
    kind: TargetKind,
    target_id: Uuid,
    customer: Uuid,
) -> ApiResult<i64> {
    let Some(p) = repo::lock_live_for_target(conn, kind.as_str(), target_id).await? else {
        return Ok(0);
    };
    if !p.state().holds_money() {
        return Ok(0);
    }
    let paid = p.amount - p.refunded_amount;
    if paid <= 0 {
        return Ok(0);
    }
    let rule: Option<(i32, i64)> = sqlx::query_as(
        "SELECT percent_bp, max_amount FROM cashback_rules \
         WHERE active AND deleted_at IS NULL AND min_order <= $1 \
           AND (starts_at IS NULL OR starts_at <= now()) AND (ends_at IS NULL OR ends_at > now()) \
         ORDER BY percent_bp DESC, id LIMIT 1",
    )
    .bind(paid)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((bp, cap)) = rule else {
        return Ok(0);
    };
    let amount = (i128::from(paid) * i128::from(bp) / 10_000) as i64;
    let amount = amount.min(cap);
    if amount <= 0 {
        return Ok(0);
    }
    let booked = ledger::post(
        conn,
        Posting::new(
            "cashback",
            format!("cashback:{}:{target_id}", kind.as_str()),
        )
        .target(kind.as_str(), target_id)
        .debit(Account::CashbackExpense, amount)
        .credit(Account::CustomerWallet(customer), amount),
    )
    .await?;
    Ok(if booked.is_some() { amount } else { 0 })
}
