//! Saved-card rules: the owner alone sees, uses and deletes a card (another
//! customer's is not found); a card pays only at the gateway that tokenised
//! it and only until its expiry month ends; at most [`MAX_CARDS`] are kept,
//! and keeping one never stands in the way of the capture that brought it.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{MAX_CARDS, SavedCard, SavedCardResult, is_expired};
use super::repo::{self, NewCard};
use crate::AppState;
use crate::auth::Caller;
use crate::payments;

fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

fn refused(code: &'static str, key: &'static str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single("savedCardId", Message::new(key)),
    }
}

/// The caller's cards, newest first.
pub async fn list(state: &AppState, caller: &Caller) -> ApiResult<Vec<SavedCard>> {
    let today = today();
    Ok(repo::list(&state.db, caller.user_id)
        .await?
        .iter()
        .map(|r| SavedCard::of(r, today))
        .collect())
}

/// Deletes one of the caller's cards (its token is forgotten at once).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    if !repo::delete(&mut tx, caller.user_id, id).await? {
        return Err(ApiError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Records on a card session what the payer asked: keep the card once paid,
/// or pay with their saved card `saved_card_id` — which must be theirs, live,
/// of this gateway and not expired (422 naming `savedCardId` otherwise).
pub async fn choose(
    state: &AppState,
    conn: &mut PgConnection,
    payer: Uuid,
    session: Uuid,
    save_card: Option<bool>,
    saved_card_id: Option<Uuid>,
) -> ApiResult<()> {
    if let Some(id) = saved_card_id {
        let card = if state.gateway.supports_saved_cards() {
            repo::token_of(&mut *conn, payer, id, state.gateway.name()).await?
        } else {
            None
        };
        let Some(card) = card else {
            return Err(refused("SAVED_CARD_NOT_FOUND", "saved-cards-not-found"));
        };
        if is_expired(card.expiry_year, card.expiry_month, today()) {
            return Err(refused("SAVED_CARD_EXPIRED", "saved-cards-expired"));
        }
    }
    let save = save_card == Some(true) && saved_card_id.is_none();
    if save || saved_card_id.is_some() {
        payments::service::choose_card(conn, session, save, saved_card_id).await?;
    }
    Ok(())
}

/// Keeps the card a captured payment was made with, in the capture's
/// transaction. A card the gateway described oddly, or one past the cap, is
/// not kept (and logged): the capture goes on either way.
pub async fn remember(
    conn: &mut PgConnection,
    user: Uuid,
    gateway: &str,
    card: &providers::payments::SavedCard,
) -> ApiResult<()> {
    let last4 = card.last4();
    // A masked number shows at most the first six and last four digits.
    let longest_run = card
        .masked_pan
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fits = |s: &str, max: usize| s.chars().count() <= max && !s.contains('\0');
    let expiry = card.expiry_year_month();
    let sound = !card.token.is_empty()
        && fits(&card.token, 4096)
        && fits(&card.masked_pan, 32)
        && fits(&card.scheme, 40)
        && fits(&card.cardholder_name, 200)
        && longest_run <= 6
        && !last4.is_empty();
    let (Some((year, month)), true) = (expiry, sound) else {
        tracing::warn!(
            gateway,
            "the gateway's saved card does not read as one: not kept"
        );
        return Ok(());
    };
    let new = NewCard {
        user,
        gateway,
        token: &card.token,
        masked_pan: &card.masked_pan,
        last4: &last4,
        scheme: card.scheme.trim(),
        expiry_year: year,
        expiry_month: i32::from(month),
        holder_name: card.cardholder_name.trim(),
        recapture_csc: card.recapture_csc,
    };
    repo::lock_user(conn, user).await?;
    if repo::find(conn, &new).await?.is_none() && repo::count(conn, user).await? >= MAX_CARDS {
        tracing::info!(%user, "saved cards at their cap: the new card is not kept");
        return Ok(());
    }
    repo::upsert(conn, &new).await?;
    Ok(())
}

/// Pays a committed card session with the saved card chosen on it: the
/// gateway order is opened, charged with the token, then read back and
/// booked by `payments::gateway::sync_session`, exactly as after the hosted
/// page. A card the gateway cannot charge without the customer (3-D Secure,
/// the security code asked again, a refused token) leaves the session open:
/// the customer finishes on its hosted page.
pub async fn charge(state: &AppState, session: Uuid) -> ApiResult<SavedCardResult> {
    let s = payments::service::session(&state.db, session)
        .await?
        .ok_or(ApiError::NotFound)?;
    let Some(card_id) = s.saved_card_id else {
        return Ok(SavedCardResult::ActionRequired);
    };
    let usable = state.gateway.supports_saved_cards() && state.gateway.name() == s.provider;
    let card = repo::token_of(&state.db, s.payer_id, card_id, &s.provider).await?;
    let Some(card) = card.filter(|c| usable && !c.recapture_csc) else {
        return Ok(SavedCardResult::ActionRequired);
    };
    let reference = payments::gateway::ensure_gateway_ref(state, session).await?;
    match state
        .gateway
        .pay_with_saved_card(&reference, &card.card())
        .await
    {
        Ok(g) => tracing::info!(%session, state = %g.state, "saved card charged"),
        Err(e) => tracing::warn!(%session, error = %e, "the gateway did not take the saved card"),
    }
    // Read back and booked like any hosted-page payment (a timeout above may
    // still have been paid).
    payments::gateway::sync_session(state, &reference).await?;
    let after = payments::service::session(&state.db, session)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(match after.state.as_str() {
        "paid" => {
            repo::touch(&state.db, card_id).await?;
            SavedCardResult::Captured
        }
        "declined" => SavedCardResult::Declined,
        _ => SavedCardResult::ActionRequired,
    })
}
