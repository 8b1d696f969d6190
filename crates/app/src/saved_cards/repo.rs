//! SQL of `saved_cards`.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{CardRow, TokenRow};

const CARD_ROW: &str = "id, gateway, last4, scheme, expiry_year, expiry_month, holder_name, \
     created_at, last_used_at";

/// The customer's live cards, newest first.
pub async fn list(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<CardRow>> {
    sqlx::query_as(&format!(
        "SELECT {CARD_ROW} FROM saved_cards WHERE user_id = $1 AND deleted_at IS NULL \
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

/// Orders the saves of one customer, so that the cap holds under races.
pub async fn lock_user(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('saved_cards:' || $1::text, 0))")
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM saved_cards WHERE user_id = $1 AND deleted_at IS NULL")
        .bind(user)
        .fetch_one(conn)
        .await
}

pub struct NewCard<'a> {
    pub user: Uuid,
    pub gateway: &'a str,
    pub token: &'a str,
    pub masked_pan: &'a str,
    pub last4: &'a str,
    pub scheme: &'a str,
    pub expiry_year: i32,
    pub expiry_month: i32,
    pub holder_name: &'a str,
    pub recapture_csc: bool,
}

/// The live card with this number and expiry, if the customer has it.
pub async fn find(conn: &mut PgConnection, c: &NewCard<'_>) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM saved_cards WHERE user_id = $1 AND gateway = $2 AND masked_pan = $3 \
         AND expiry_year = $4 AND expiry_month = $5 AND deleted_at IS NULL",
    )
    .bind(c.user)
    .bind(c.gateway)
    .bind(c.masked_pan)
    .bind(c.expiry_year)
    .bind(c.expiry_month)
    .fetch_optional(conn)
    .await
}

/// Keeps the card, or refreshes the one already kept (the gateway may have
/// issued a new token for it).
pub async fn upsert(conn: &mut PgConnection, c: &NewCard<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO saved_cards (id, user_id, gateway, token, masked_pan, last4, scheme, \
           expiry_year, expiry_month, holder_name, recapture_csc, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $2, $2) \
         ON CONFLICT (user_id, gateway, masked_pan, expiry_year, expiry_month) \
           WHERE deleted_at IS NULL \
         DO UPDATE SET token = EXCLUDED.token, scheme = EXCLUDED.scheme, \
           holder_name = EXCLUDED.holder_name, recapture_csc = EXCLUDED.recapture_csc, \
           updated_at = now(), updated_by = EXCLUDED.updated_by",
    )
    .bind(Uuid::now_v7())
    .bind(c.user)
    .bind(c.gateway)
    .bind(c.token)
    .bind(c.masked_pan)
    .bind(c.last4)
    .bind(c.scheme)
    .bind(c.expiry_year)
    .bind(c.expiry_month)
    .bind(c.holder_name)
    .bind(c.recapture_csc)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes the customer's card and forgets its token; `false` when it is
/// not one of their live cards.
pub async fn delete(conn: &mut PgConnection, user: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE saved_cards SET deleted_at = now(), token = NULL, updated_at = now(), \
           updated_by = $2 \
         WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(user)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The customer's live card at `gateway` with what charging it needs.
pub async fn token_of(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
    gateway: &str,
) -> sqlx::Result<Option<TokenRow>> {
    sqlx::query_as(
        "SELECT token, masked_pan, scheme, expiry_year, expiry_month, holder_name, recapture_csc \
         FROM saved_cards WHERE id = $1 AND user_id = $2 AND gateway = $3 \
           AND deleted_at IS NULL AND token IS NOT NULL",
    )
    .bind(id)
    .bind(user)
    .bind(gateway)
    .fetch_optional(db)
    .await
}

pub async fn touch(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE saved_cards SET last_used_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
