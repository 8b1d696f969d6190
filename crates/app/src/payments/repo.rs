//! SQL of payments, their events, refunds and gateway sessions.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Payment, PaymentRow, Refund, SessionRow};

const PAYMENT_ROW: &str =
    "id, target_kind, target_id, payer_id, method, amount, refunded_amount, state, session_id";

pub async fn insert(
    conn: &mut PgConnection,
    target_kind: &str,
    target_id: Uuid,
    payer: Uuid,
    method: &str,
    amount: i64,
    session: Option<Uuid>,
) -> sqlx::Result<PaymentRow> {
    sqlx::query_as(&format!(
        "INSERT INTO payments (id, target_kind, target_id, payer_id, method, amount, state, session_id, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $4) RETURNING {PAYMENT_ROW}"
    ))
    .bind(Uuid::now_v7())
    .bind(target_kind)
    .bind(target_id)
    .bind(payer)
    .bind(method)
    .bind(amount)
    .bind(session)
    .fetch_one(conn)
    .await
}

pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_ROW} FROM payments WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The live (not failed or cancelled) payment of a target, locked.
pub async fn lock_live_for_target(
    conn: &mut PgConnection,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_ROW} FROM payments WHERE target_kind = $1 AND target_id = $2 \
         AND state NOT IN ('failed', 'cancelled') FOR UPDATE"
    ))
    .bind(kind)
    .bind(target)
    .fetch_optional(conn)
    .await
}

pub async fn of_session(conn: &mut PgConnection, session: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT id FROM payments WHERE session_id = $1 ORDER BY id")
        .bind(session)
        .fetch_all(conn)
        .await
}

pub async fn set_state(
    conn: &mut PgConnection,
    p: &PaymentRow,
    to: &str,
    refunded: i64,
    actor: Option<Uuid>,
    amount: Option<i64>,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payments SET state = $2, refunded_amount = $3, updated_at = now(), updated_by = $4, \
         captured_at = CASE WHEN $2 = 'captured' AND captured_at IS NULL THEN now() ELSE captured_at END \
         WHERE id = $1",
    )
    .bind(p.id)
    .bind(to)
    .bind(refunded)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    event(conn, p.id, Some(&p.state), to, amount, actor, note).await
}

pub async fn event(
    conn: &mut PgConnection,
    payment: Uuid,
    from: Option<&str>,
    to: &str,
    amount: Option<i64>,
    actor: Option<Uuid>,
    note: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO payment_events (payment_id, from_state, to_state, amount, actor_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(payment)
    .bind(from)
    .bind(to)
    .bind(amount)
    .bind(actor)
    .bind(note)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_refund(
    conn: &mut PgConnection,
    payment: Uuid,
    amount: i64,
    destination: &str,
    reason: &str,
    actor: Option<Uuid>,
) -> sqlx::Result<Refund> {
    sqlx::query_as(
        "INSERT INTO refunds (id, payment_id, amount, destination, reason, state, created_by) \
         VALUES ($1, $2, $3, $4, $5, 'succeeded', $6) \
         RETURNING id, payment_id, amount, destination, reason, state, created_at",
    )
    .bind(Uuid::now_v7())
    .bind(payment)
    .bind(amount)
    .bind(destination)
    .bind(reason)
    .bind(actor)
    .fetch_one(conn)
    .await
}

pub async fn for_target(
    db: impl PgExecutor<'_>,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<Vec<Payment>> {
    sqlx::query_as(
        "SELECT id, target_kind, target_id, method, amount, refunded_amount, currency, state, captured_at \
         FROM payments WHERE target_kind = $1 AND target_id = $2 ORDER BY created_at",
    )
    .bind(kind)
    .bind(target)
    .fetch_all(db)
    .await
}

pub async fn refunds_for_target(
    db: impl PgExecutor<'_>,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<Vec<Refund>> {
    sqlx::query_as(
        "SELECT r.id, r.payment_id, r.amount, r.destination, r.reason, r.state, r.created_at \
         FROM refunds r JOIN payments p ON p.id = r.payment_id \
         WHERE p.target_kind = $1 AND p.target_id = $2 ORDER BY r.created_at",
    )
    .bind(kind)
    .bind(target)
    .fetch_all(db)
    .await
}

pub async fn was_booked(db: impl PgExecutor<'_>, key: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM ledger_transactions WHERE idempotency_key = $1)",
    )
    .bind(key)
    .fetch_one(db)
    .await
}

const SESSION_ROW: &str = "id, payer_id, provider, provider_ref, pay_url, amount, currency, state, \
     language, save_card, saved_card_id";

pub async fn insert_session(
    conn: &mut PgConnection,
    payer: Uuid,
    provider: &str,
    amount: i64,
    language: &str,
) -> sqlx::Result<SessionRow> {
    sqlx::query_as(&format!(
        "INSERT INTO payment_sessions (id, payer_id, provider, amount, language) \
         VALUES ($1, $2, $3, $4, $5) RETURNING {SESSION_ROW}"
    ))
    .bind(Uuid::new_v4())
    .bind(payer)
    .bind(provider)
    .bind(amount)
    .bind(language)
    .fetch_one(conn)
    .await
}

pub async fn session(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_ROW} FROM payment_sessions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn session_ref_exists(
    db: impl PgExecutor<'_>,
    provider: &str,
    reference: &str,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM payment_sessions WHERE provider = $1 AND provider_ref = $2)",
    )
    .bind(provider)
    .bind(reference)
    .fetch_one(db)
    .await
}

pub async fn lock_session_by_ref(
    conn: &mut PgConnection,
    provider: &str,
    reference: &str,
) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_ROW} FROM payment_sessions WHERE provider = $1 AND provider_ref = $2 FOR UPDATE"
    ))
    .bind(provider)
    .bind(reference)
    .fetch_optional(conn)
    .await
}

pub async fn lock_session(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(&format!(
        "SELECT {SESSION_ROW} FROM payment_sessions WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn attach_gateway_order(
    conn: &mut PgConnection,
    id: Uuid,
    reference: &str,
    pay_url: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_sessions SET provider_ref = $2, pay_url = $3, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(reference)
    .bind(pay_url)
    .execute(conn)
    .await?;
    Ok(())
}

/// What the payer asked of a session's card: keep it, or pay with a saved one.
pub async fn set_session_card(
    conn: &mut PgConnection,
    id: Uuid,
    save_card: bool,
    saved_card: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payment_sessions SET save_card = $2, saved_card_id = $3, updated_at = now() \
         WHERE id = $1",
    )
    .bind(id)
    .bind(save_card)
    .bind(saved_card)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_session_state(conn: &mut PgConnection, id: Uuid, state: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE payment_sessions SET state = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(state)
        .execute(conn)
        .await?;
    Ok(())
}

/// The order a payment pays for, if it pays for an order.
/// The (kind, id) a payment pays for.
pub async fn target_of(
    db: impl PgExecutor<'_>,
    payment: Uuid,
) -> sqlx::Result<Option<(String, Uuid)>> {
    sqlx::query_as("SELECT target_kind, target_id FROM payments WHERE id = $1")
        .bind(payment)
        .fetch_optional(db)
        .await
}

/// What a session's first payment pays for.
pub async fn first_target_of_session(
    db: impl PgExecutor<'_>,
    session: Uuid,
) -> sqlx::Result<Option<(String, Uuid)>> {
    sqlx::query_as(
        "SELECT target_kind, target_id FROM payments WHERE session_id = $1 ORDER BY id LIMIT 1",
    )
    .bind(session)
    .fetch_optional(db)
    .await
}

/// What a session's payments captured (whatever was refunded since).
pub async fn captured_of_session(conn: &mut PgConnection, session: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT coalesce(sum(amount), 0)::bigint FROM payments WHERE session_id = $1 \
         AND state IN ('captured', 'partially_refunded', 'refunded')",
    )
    .bind(session)
    .fetch_one(conn)
    .await
}

pub async fn latest_session_of_target(
    db: impl PgExecutor<'_>,
    kind: &str,
    target: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT session_id FROM payments WHERE target_kind = $1 AND target_id = $2 \
         AND session_id IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(kind)
    .bind(target)
    .fetch_optional(db)
    .await
}
