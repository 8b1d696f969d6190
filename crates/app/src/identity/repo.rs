//! SQL of the identity tables.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{SessionUser, USER_COLUMNS, UserRow};

pub async fn user_by_phone(db: impl PgExecutor<'_>, phone: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE phone = $1 AND deleted_at IS NULL"
    ))
    .bind(phone)
    .fetch_optional(db)
    .await
}

pub async fn user_by_id(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Inserts unless a live user holds the phone already; `None` tells the caller
/// it lost a race with a concurrent first sign-in of the same phone.
pub async fn insert_user(
    db: impl PgExecutor<'_>,
    phone: &str,
    role: &str,
    status: &str,
    created_by: Option<Uuid>,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "INSERT INTO users (id, phone, role, status, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $5) \
         ON CONFLICT (phone) WHERE deleted_at IS NULL DO NOTHING \
         RETURNING {USER_COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(phone)
    .bind(role)
    .bind(status)
    .bind(created_by)
    .fetch_optional(db)
    .await
}

/// A sign-in also cancels a pending deletion request, as the product promises.
pub async fn record_login(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<UserRow> {
    sqlx::query_as(&format!(
        "UPDATE users SET last_login_at = now(), deletion_requested_at = NULL, updated_at = now() \
         WHERE id = $1 RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .fetch_one(db)
    .await
}

pub async fn update_profile(
    db: impl PgExecutor<'_>,
    id: Uuid,
    name: Option<Option<&str>>,
    email: Option<Option<&str>>,
    locale: Option<&str>,
) -> sqlx::Result<UserRow> {
    sqlx::query_as(&format!(
        "UPDATE users SET \
           name = CASE WHEN $2 THEN $3 ELSE name END, \
           email = CASE WHEN $4 THEN $5 ELSE email END, \
           locale = COALESCE($6, locale), \
           updated_at = now(), updated_by = $1 \
         WHERE id = $1 AND deleted_at IS NULL RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .bind(name.is_some())
    .bind(name.flatten())
    .bind(email.is_some())
    .bind(email.flatten())
    .bind(locale)
    .fetch_one(db)
    .await
}

pub async fn set_deletion_request(
    db: impl PgExecutor<'_>,
    id: Uuid,
    at: Option<OffsetDateTime>,
) -> sqlx::Result<UserRow> {
    sqlx::query_as(&format!(
        "UPDATE users SET deletion_requested_at = $2, updated_at = now(), updated_by = $1 \
         WHERE id = $1 AND deleted_at IS NULL RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .bind(at)
    .fetch_one(db)
    .await
}

// ---- OTP codes -------------------------------------------------------------

#[derive(Debug, sqlx::FromRow)]
pub struct OtpRow {
    pub code_hash: Vec<u8>,
    pub expires_at: OffsetDateTime,
    pub resend_at: OffsetDateTime,
    pub consumed_at: Option<OffsetDateTime>,
}

pub async fn lock_otp(tx: &mut PgConnection, phone: &str) -> sqlx::Result<Option<OtpRow>> {
    sqlx::query_as(
        "SELECT code_hash, expires_at, resend_at, consumed_at \
         FROM otp_codes WHERE phone = $1 FOR UPDATE",
    )
    .bind(phone)
    .fetch_optional(tx)
    .await
}

/// Replaces whatever code the phone had: only the newest one is live.
pub async fn put_otp(
    tx: &mut PgConnection,
    phone: &str,
    code_hash: &[u8],
    expires_at: OffsetDateTime,
    resend_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO otp_codes (phone, code_hash, attempts, expires_at, resend_at) \
         VALUES ($1, $2, 0, $3, $4) \
         ON CONFLICT (phone) DO UPDATE SET code_hash = EXCLUDED.code_hash, attempts = 0, \
           expires_at = EXCLUDED.expires_at, resend_at = EXCLUDED.resend_at, \
           consumed_at = NULL, updated_at = now()",
    )
    .bind(phone)
    .bind(code_hash)
    .bind(expires_at)
    .bind(resend_at)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Counts a wrong attempt; the code is burned (consumed) at the limit.
pub async fn fail_otp(tx: &mut PgConnection, phone: &str, max_attempts: i32) -> sqlx::Result<i32> {
    sqlx::query_scalar(
        "UPDATE otp_codes SET attempts = attempts + 1, updated_at = now(), \
           consumed_at = CASE WHEN attempts + 1 >= $2 THEN now() ELSE consumed_at END \
         WHERE phone = $1 RETURNING attempts",
    )
    .bind(phone)
    .bind(max_attempts)
    .fetch_one(tx)
    .await
}

pub async fn consume_otp(tx: &mut PgConnection, phone: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE otp_codes SET consumed_at = now(), updated_at = now() WHERE phone = $1")
        .bind(phone)
        .execute(tx)
        .await
        .map(|_| ())
}

/// Forgets a code that could not be delivered, so the resend window does not
/// hold the user back.
pub async fn delete_otp(db: impl PgExecutor<'_>, phone: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM otp_codes WHERE phone = $1")
        .bind(phone)
        .execute(db)
        .await
        .map(|_| ())
}

// ---- sessions and refresh tokens -----------------------------------------

pub struct NewSession<'a> {
    pub user_id: Uuid,
    pub kind: &'a str,
    pub cookie_hash: Option<&'a [u8]>,
    pub csrf_token: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub ip: &'a str,
    pub expires_at: Option<OffsetDateTime>,
}

pub async fn insert_session(db: impl PgExecutor<'_>, s: NewSession<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO auth_sessions (id, user_id, kind, cookie_hash, csrf_token, user_agent, ip, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(s.user_id)
    .bind(s.kind)
    .bind(s.cookie_hash)
    .bind(s.csrf_token)
    .bind(s.user_agent)
    .bind(s.ip)
    .bind(s.expires_at)
    .execute(db)
    .await?;
    Ok(id)
}

pub async fn insert_refresh(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    token_hash: &[u8],
    expires_at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO refresh_tokens (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(Uuid::now_v7())
    .bind(session_id)
    .bind(token_hash)
    .bind(expires_at)
    .execute(db)
    .await
    .map(|_| ())
}

#[derive(Debug, sqlx::FromRow)]
pub struct RefreshRow {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub expires_at: OffsetDateTime,
    pub used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Locks the token row so two concurrent uses of one token are ordered: the
/// second sees it used and is treated as reuse.
pub async fn lock_refresh(
    tx: &mut PgConnection,
    token_hash: &[u8],
) -> sqlx::Result<Option<RefreshRow>> {
    sqlx::query_as(
        "SELECT r.session_id, s.user_id, r.expires_at, r.used_at, s.revoked_at \
         FROM refresh_tokens r JOIN auth_sessions s ON s.id = r.session_id \
         WHERE r.token_hash = $1 FOR UPDATE OF r",
    )
    .bind(token_hash)
    .fetch_optional(tx)
    .await
}

pub async fn mark_refresh_used(tx: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn touch_session(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE auth_sessions SET last_used_at = now() WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn revoke_session(db: impl PgExecutor<'_>, id: Uuid, reason: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now() \
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(reason)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn revoke_user_sessions(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2, updated_at = now() \
         WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(reason)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn session_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    session_id: Uuid,
) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, s.id AS session_id, u.role, u.status, u.locale, s.csrf_token \
         FROM auth_sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $2 AND u.id = $1 AND s.revoked_at IS NULL AND u.deleted_at IS NULL",
    )
    .bind(user_id)
    .bind(session_id)
    .fetch_optional(db)
    .await
}

pub async fn session_by_cookie(
    db: impl PgExecutor<'_>,
    cookie_hash: &[u8],
) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as(
        "SELECT u.id AS user_id, s.id AS session_id, u.role, u.status, u.locale, s.csrf_token \
         FROM auth_sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.cookie_hash = $1 AND s.kind = 'web' AND s.revoked_at IS NULL \
           AND (s.expires_at IS NULL OR s.expires_at > now()) AND u.deleted_at IS NULL",
    )
    .bind(cookie_hash)
    .fetch_optional(db)
    .await
}

/// Makes a user waiting for approval in `role` active, with the profile an
/// approved registration gave; `None` when the user is not such a user.
pub async fn activate_registered(
    db: impl PgExecutor<'_>,
    id: Uuid,
    role: &str,
    name: &str,
    email: &str,
    locale: &str,
    by: Uuid,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "UPDATE users SET status = 'active', status_reason = NULL, name = $3, email = $4, \
           locale = $5, updated_at = now(), updated_by = $6 \
         WHERE id = $1 AND role = $2 AND status = 'pending_approval' AND deleted_at IS NULL \
         RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .bind(role)
    .bind(name)
    .bind(email)
    .bind(locale)
    .bind(by)
    .fetch_optional(db)
    .await
}

/// A user's sign-ins, newest first: every session, open or ended.
pub async fn sign_ins(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<super::model::SignIn>> {
    sqlx::query_as(
        "SELECT id, kind, ip, user_agent, created_at, last_used_at, revoked_at, revoked_reason \
         FROM auth_sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
