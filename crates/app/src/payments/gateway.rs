//! Talking to the card gateway: opening its hosted page for a session, and
//! learning a session's outcome — always by reading the order back from the
//! gateway, never from a webhook body or a browser redirect alone.

use providers::payments::CreateOrder;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::PaymentState;
use super::{repo, service};
use crate::AppState;

/// The gateway's page for a session, creating the gateway order on first use
/// (under the session's row lock, so two clicks never open two orders).
pub async fn ensure_gateway_order(state: &AppState, session_id: Uuid) -> ApiResult<String> {
    let mut tx = state.db.begin().await?;
    let s = repo::lock_session(&mut tx, session_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(url) = s.pay_url {
        return Ok(url);
    }
    if s.state != "open" {
        return Err(ApiError::conflict(
            "PAYMENT_CLOSED",
            "payment-session-closed",
        ));
    }
    let (email, name): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT email, name FROM users WHERE id = $1")
            .bind(s.payer_id)
            .fetch_one(&mut *tx)
            .await?;
    let name = name.unwrap_or_default();
    let mut parts = name.split_whitespace();
    let first = parts.next().unwrap_or("Qitaa").to_owned();
    let last = parts.collect::<Vec<_>>().join(" ");
    let base = &state.config.public_url;
    let order = state
        .gateway
        .create_order(&CreateOrder {
            merchant_reference: format!("QS-{}", s.id.simple()),
            amount_minor: s.amount,
            currency: s.currency.clone(),
            email: email
                .unwrap_or_else(|| format!("{}@customers.qitaa.invalid", s.payer_id.simple())),
            language: s.language.clone(),
            redirect_url: format!("{base}/api/v1/payments/sessions/{}/return", s.id),
            cancel_url: format!("{base}/app/cart"),
            first_name: first,
            last_name: if last.is_empty() { "-".into() } else { last },
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the card gateway refused to open an order");
            ApiError::Unavailable
        })?;
    let url = order.pay_url.ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!("gateway order without a payment link"))
    })?;
    repo::attach_gateway_order(&mut tx, s.id, &order.reference, &url).await?;
    tx.commit().await?;
    Ok(url)
}

/// Brings a session in line with the gateway: captures its payments when the
/// gateway says paid, fails them when declined. Repeats change nothing.
pub async fn sync_session(state: &AppState, provider_ref: &str) -> ApiResult<()> {
    // An event for a reference we never opened (another outlet, a replay of
    // old data) is acknowledged and logged: a 5xx would have the gateway
    // retry it for days, and asking the gateway about it changes nothing.
    if !repo::session_ref_exists(&state.db, state.gateway.name(), provider_ref).await? {
        tracing::warn!(
            reference = provider_ref,
            "gateway event for an unknown session: acknowledged, nothing to do"
        );
        return Ok(());
    }
    let g = state.gateway.get_order(provider_ref).await.map_err(|e| {
        tracing::warn!(error = %e, "could not read the order back from the gateway");
        ApiError::Unavailable
    })?;
    let mut tx = state.db.begin().await?;
    let Some(s) = repo::lock_session_by_ref(&mut tx, state.gateway.name(), provider_ref).await?
    else {
        tracing::warn!(
            reference = provider_ref,
            "gateway event for an unknown session"
        );
        return Ok(());
    };
    let mut unwanted = None;
    let mut confirmed = Vec::new();
    if g.state.is_paid() && s.state != "paid" {
        // Whatever of this session's payments still waits is captured; the
        // rest of the money (payments closed meanwhile: declined and paid
        // again another way, switched to the wallet, or past their window)
        // goes back at the gateway, once: the session is then paid.
        for id in repo::of_session(&mut tx, s.id).await? {
            if service::capture_card(&mut tx, id, state.gateway.name()).await? {
                confirmed.extend(repo::target_of(&mut *tx, id).await?);
            }
        }
        // The card is kept only when the payer asked and it paid for something.
        if s.save_card
            && !confirmed.is_empty()
            && let Some(card) = &g.saved_card
        {
            crate::saved_cards::service::remember(&mut tx, s.payer_id, &s.provider, card).await?;
        }
        let kept = repo::captured_of_session(&mut tx, s.id).await?;
        let back = g.amount_minor - kept - g.refunded_minor;
        if back > 0 {
            unwanted = Some(back);
        }
        repo::set_session_state(&mut tx, s.id, "paid").await?;
    } else if g.state.is_declined() && s.state == "open" {
        for id in repo::of_session(&mut tx, s.id).await? {
            service::close_unpaid(&mut tx, id, PaymentState::Failed, g.state.as_str()).await?;
        }
        repo::set_session_state(&mut tx, s.id, "declined").await?;
    }
    tx.commit().await?;
    for (kind, id) in confirmed {
        if let Ok(t) = super::target::implementation(&kind) {
            t.announce_paid(state, id).await;
        }
    }
    if let Some(amount) = unwanted
        && let Err(e) = state.gateway.refund(provider_ref, amount).await
    {
        tracing::error!(error = %e, reference = provider_ref, amount, "money paid for nothing could not be returned");
    }
    Ok(())
}

/// The gateway's reference of a session's order, opening it on first use.
pub async fn ensure_gateway_ref(state: &AppState, session_id: Uuid) -> ApiResult<String> {
    ensure_gateway_order(state, session_id).await?;
    repo::session(&state.db, session_id)
        .await?
        .and_then(|s| s.provider_ref)
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("gateway order without reference")))
}

pub async fn sync_session_by_id(state: &AppState, session_id: Uuid) -> ApiResult<()> {
    let s = repo::session(&state.db, session_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    match s.provider_ref {
        Some(r) if s.state == "open" => sync_session(state, &r).await,
        _ => Ok(()),
    }
}

/// Where the browser lands after the hosted page: the session is synced, then
/// the payer sees what was paid for (its target's page).
pub async fn return_target(state: &AppState, session_id: Uuid) -> ApiResult<String> {
    sync_session_by_id(state, session_id).await?;
    let first = repo::first_target_of_session(&state.db, session_id).await?;
    Ok(match first {
        Some((kind, id)) => super::target::implementation(&kind)?.return_path(id),
        None => "/app".into(),
    })
}

/// Constant-time comparison of the webhook header with the configured value.
pub fn webhook_authentic(expected: &str, given: Option<&str>) -> bool {
    let Some(given) = given else {
        return false;
    };
    if expected.is_empty() || given.len() != expected.len() {
        return false;
    }
    given
        .bytes()
        .zip(expected.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}
