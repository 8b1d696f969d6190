//! Sign-in by phone OTP, token rotation, and the user's own profile.

use std::time::Duration;

use providers::sms::{SmsKind, SmsMessage};
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::{ApiError, ApiResult, FieldErrors, Locale};

use super::model::{
    OtpSent, OtpVerify, ProfilePatch, Role, SessionUser, TokenPair, User, UserRow, UserStatus,
};
use super::repo::{self, NewSession};
use super::tokens::{random_code, random_token};
use crate::AppState;
use crate::auth::{Caller, ClientInfo};
use crate::config::DEMO_CODE;
use crate::ratelimit;

const HOUR: i64 = 3600;

fn after(d: Duration) -> OffsetDateTime {
    OffsetDateTime::now_utc() + d
}

fn otp_hash(state: &AppState, phone: &Phone, code: &str) -> Vec<u8> {
    state
        .keys
        .hash(&[b"otp", phone.as_str().as_bytes(), code.as_bytes()])
}

fn refresh_hash(state: &AppState, token: &str) -> Vec<u8> {
    state.keys.hash(&[b"refresh", token.as_bytes()])
}

pub fn cookie_hash(state: &AppState, token: &str) -> Vec<u8> {
    state.keys.hash(&[b"web-session", token.as_bytes()])
}

/// Issues a code for `phone`: one live code per phone, a resend window, and
/// hourly caps per phone and per client address.
pub async fn request_otp(
    state: &AppState,
    phone: &Phone,
    client: &ClientInfo,
) -> ApiResult<OtpSent> {
    let cfg = &state.config.otp;
    // The admin's settings bound the codes; the per-address cap stays the operator's.
    let otp = state.settings.current().otp;
    let now = OffsetDateTime::now_utc();
    // A demo phone's code is fixed and never sent, so the per-phone limits
    // (there to stop SMS floods) would only lock people out of the demo; the
    // per-address cap still holds for them.
    let demo = state.config.is_demo_phone(phone);
    let mut tx = state.db.begin().await?;
    if let Some(existing) = repo::lock_otp(&mut tx, phone.as_str()).await?
        && !demo
        && existing.consumed_at.is_none()
        && existing.resend_at > now
    {
        let wait = (existing.resend_at - now).whole_seconds().max(1) as u64;
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    let phone_bucket = format!("otp:phone:{phone}");
    if !demo
        && let Err(wait) = ratelimit::hit(
            &mut tx,
            &phone_bucket,
            i64::from(otp.per_phone_per_hour),
            HOUR,
        )
        .await?
    {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    let ip_bucket = format!("otp:ip:{}", client.ip);
    if let Err(wait) = ratelimit::hit(&mut tx, &ip_bucket, cfg.per_ip_per_hour, HOUR).await? {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    let code = if demo {
        DEMO_CODE.to_owned()
    } else {
        random_code()
    };
    repo::put_otp(
        &mut tx,
        phone.as_str(),
        &otp_hash(state, phone, &code),
        after(secs(otp.ttl_seconds)),
        after(secs(otp.resend_seconds)),
    )
    .await?;
    tx.commit().await?;

    if demo {
        tracing::info!(phone = %phone, "demo phone: sign in with the fixed demo code");
    } else {
        // Whole minutes, rounded up: the text never promises less time than
        // the code has.
        let minutes = secs(otp.ttl_seconds).as_secs().div_ceil(60);
        let body = Message::new("otp-sms")
            .arg("code", code.as_str())
            .arg("minutes", minutes)
            .render(client.locale);
        let msg = SmsMessage {
            to: phone.to_string(),
            body,
            kind: SmsKind::Transactional,
        };
        if let Err(e) = state.sms.send(&msg).await {
            tracing::error!(phone = %phone.masked(), error = %e, sender = state.sms.name(), "OTP SMS failed");
            // Undelivered: forget it so the user may ask again at once.
            repo::delete_otp(&state.db, phone.as_str()).await?;
            return Err(ApiError::Unavailable);
        }
    }
    Ok(OtpSent {
        expires_in_seconds: secs(otp.ttl_seconds).as_secs(),
        resend_after_seconds: secs(otp.resend_seconds).as_secs(),
    })
}

/// Checks and consumes the phone's live code. A wrong code counts against the
/// code's attempts, committed even though the request fails.
async fn consume_code(
    state: &AppState,
    tx: &mut PgConnection,
    phone: &Phone,
    code: &str,
) -> ApiResult<Result<(), ApiError>> {
    let invalid = || ApiError::Unprocessable {
        code: "OTP_INVALID",
        message: Message::new("otp-invalid"),
        fields: FieldErrors::single("code", Message::new("otp-invalid")),
    };
    let now = OffsetDateTime::now_utc();
    let Some(row) = repo::lock_otp(tx, phone.as_str()).await? else {
        return Ok(Err(invalid()));
    };
    if row.consumed_at.is_some() || row.expires_at <= now {
        return Ok(Err(invalid()));
    }
    if otp_hash(state, phone, code) != row.code_hash {
        let max = state.settings.current().otp.max_attempts;
        let attempts = repo::fail_otp(tx, phone.as_str(), max).await?;
        let left = i64::from((max - attempts).max(0));
        let err = if left == 0 {
            ApiError::Unprocessable {
                code: "OTP_ATTEMPTS_EXCEEDED",
                message: Message::new("otp-burned"),
                fields: FieldErrors::single("code", Message::new("otp-burned")),
            }
        } else {
            let m = Message::new("otp-attempts-left").arg("left", left);
            ApiError::Unprocessable {
                code: "OTP_INVALID",
                message: m.clone(),
                fields: FieldErrors::single("code", m),
            }
        };
        return Ok(Err(err));
    }
    repo::consume_otp(tx, phone.as_str()).await?;
    Ok(Ok(()))
}

/// The user behind a verified phone, created on first sign-in.
async fn sign_in_user(
    tx: &mut PgConnection,
    phone: &Phone,
    role: Role,
) -> ApiResult<(UserRow, bool)> {
    let (user, is_new) = match repo::user_by_phone(&mut *tx, phone.as_str()).await? {
        Some(u) => (u, false),
        None => {
            let status = if role.needs_approval() {
                UserStatus::PendingApproval
            } else {
                UserStatus::Active
            };
            match repo::insert_user(
                &mut *tx,
                phone.as_str(),
                role.as_str(),
                status.as_str(),
                None,
            )
            .await?
            {
                Some(u) => (u, true),
                // A concurrent first sign-in of the same phone won the insert.
                None => (
                    repo::user_by_phone(&mut *tx, phone.as_str())
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("user vanished after conflicting insert"))?,
                    false,
                ),
            }
        }
    };
    if UserStatus::from_db(&user.status) == UserStatus::Suspended {
        return Err(ApiError::Denied {
            code: "ACCOUNT_SUSPENDED",
            message: Message::new("error-account-suspended"),
        });
    }
    let user = repo::record_login(&mut *tx, user.id).await?;
    Ok((user, is_new))
}

/// Verifies the code and opens a session; the phone's first sign-in creates
/// the user (`role` only counts then).
pub async fn verify_otp(
    state: &AppState,
    req: &OtpVerify,
    client: &ClientInfo,
) -> ApiResult<TokenPair> {
    let phone = req.phone();
    let mut tx = state.db.begin().await?;
    if let Err(e) = consume_code(state, &mut tx, &phone, &req.code()).await? {
        tx.commit().await?;
        return Err(e);
    }
    let (user, is_new) = sign_in_user(&mut tx, &phone, req.role.unwrap_or(Role::Customer)).await?;
    let session_id = repo::insert_session(
        &mut *tx,
        NewSession {
            user_id: user.id,
            kind: "api",
            cookie_hash: None,
            csrf_token: None,
            user_agent: client.user_agent.as_deref(),
            ip: &client.ip,
            expires_at: None,
        },
    )
    .await?;
    let pair = issue_pair(state, &mut tx, session_id, user, is_new).await?;
    tx.commit().await?;
    Ok(pair)
}

async fn issue_pair(
    state: &AppState,
    tx: &mut PgConnection,
    session_id: Uuid,
    user: UserRow,
    is_new_user: bool,
) -> ApiResult<TokenPair> {
    let ttl = &state.config.tokens;
    let refresh = random_token();
    repo::insert_refresh(
        &mut *tx,
        session_id,
        &refresh_hash(state, &refresh),
        after(ttl.refresh_ttl),
    )
    .await?;
    let user = User::from(user);
    let access_ttl = ttl.access_ttl.as_secs() as i64;
    Ok(TokenPair {
        access_token: state
            .keys
            .issue_access(user.id, session_id, user.role, access_ttl),
        refresh_token: refresh,
        expires_in: access_ttl,
        is_new_user,
        user,
    })
}

/// Rotates a refresh token. A token used twice means it leaked: the whole
/// family (session) is revoked, including the token it was rotated into.
pub async fn refresh(state: &AppState, token: &str) -> ApiResult<TokenPair> {
    let invalid = || ApiError::Unauthenticated(Message::new("error-refresh-invalid"));
    let hash = refresh_hash(state, token);
    let mut tx = state.db.begin().await?;
    let row = repo::lock_refresh(&mut tx, &hash)
        .await?
        .ok_or_else(invalid)?;
    if row.revoked_at.is_some() {
        return Err(invalid());
    }
    if row.used_at.is_some() {
        repo::revoke_session(&mut *tx, row.session_id, "refresh_token_reused").await?;
        tx.commit().await?;
        tracing::warn!(session = %row.session_id, user = %row.user_id, "refresh token reused; session revoked");
        return Err(ApiError::Unauthenticated(Message::new(
            "error-refresh-reused",
        )));
    }
    if row.expires_at <= OffsetDateTime::now_utc() {
        return Err(invalid());
    }
    repo::mark_refresh_used(&mut tx, &hash).await?;
    let user = repo::user_by_id(&mut *tx, row.user_id)
        .await?
        .ok_or_else(invalid)?;
    if UserStatus::from_db(&user.status) == UserStatus::Suspended {
        return Err(ApiError::Unauthenticated(Message::new(
            "error-account-suspended",
        )));
    }
    repo::touch_session(&mut *tx, row.session_id).await?;
    let pair = issue_pair(state, &mut tx, row.session_id, user, false).await?;
    tx.commit().await?;
    Ok(pair)
}

/// Ends the session the refresh token belongs to; its access tokens stop
/// working at once. Unknown tokens are accepted silently (logout is idempotent).
pub async fn logout(state: &AppState, token: &str) -> ApiResult<()> {
    let hash = refresh_hash(state, token);
    let mut tx = state.db.begin().await?;
    if let Some(row) = repo::lock_refresh(&mut tx, &hash).await? {
        repo::revoke_session(&mut *tx, row.session_id, "logout").await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn me(state: &AppState, caller: &Caller) -> ApiResult<User> {
    repo::user_by_id(&state.db, caller.user_id)
        .await?
        .map(User::from)
        .ok_or(ApiError::NotFound)
}

pub async fn update_me(state: &AppState, caller: &Caller, patch: &ProfilePatch) -> ApiResult<User> {
    let trimmed = |v: &Option<Option<String>>| -> Option<Option<String>> {
        v.as_ref().map(|inner| {
            inner
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        })
    };
    let name = trimmed(&patch.name);
    let email = trimmed(&patch.email).map(|e| e.map(|s| s.to_lowercase()));
    let row = repo::update_profile(
        &state.db,
        caller.user_id,
        name.as_ref().map(|o| o.as_deref()),
        email.as_ref().map(|o| o.as_deref()),
        patch.locale.map(Locale::code),
    )
    .await?;
    Ok(row.into())
}

/// Starts the grace period; signing in again before it ends cancels it.
pub async fn request_deletion(state: &AppState, caller: &Caller) -> ApiResult<User> {
    let current = me(state, caller).await?;
    let at = current
        .deletion_requested_at
        .unwrap_or_else(OffsetDateTime::now_utc);
    Ok(
        repo::set_deletion_request(&state.db, caller.user_id, Some(at))
            .await?
            .into(),
    )
}

pub async fn cancel_deletion(state: &AppState, caller: &Caller) -> ApiResult<User> {
    Ok(repo::set_deletion_request(&state.db, caller.user_id, None)
        .await?
        .into())
}

/// A web (cookie) sign-in: the same code check as the API, then a cookie
/// session instead of a token pair. Returns the cookie value and the user.
pub async fn verify_otp_web(
    state: &AppState,
    phone: &Phone,
    code: &str,
    client: &ClientInfo,
    allowed: impl Fn(Role) -> bool,
) -> ApiResult<(String, User)> {
    let mut tx = state.db.begin().await?;
    if let Err(e) = consume_code(state, &mut tx, phone, code).await? {
        tx.commit().await?;
        return Err(e);
    }
    // The web surfaces never sign anyone up: only existing users of the surface's roles.
    let Some(existing) = repo::user_by_phone(&mut *tx, phone.as_str()).await? else {
        return Err(ApiError::Forbidden);
    };
    if !allowed(Role::from_db(&existing.role)) {
        return Err(ApiError::Forbidden);
    }
    let (user, _) = sign_in_user(&mut tx, phone, Role::Customer).await?;
    let cookie = random_token();
    let csrf = random_token();
    repo::insert_session(
        &mut *tx,
        NewSession {
            user_id: user.id,
            kind: "web",
            cookie_hash: Some(&cookie_hash(state, &cookie)),
            csrf_token: Some(&csrf),
            user_agent: client.user_agent.as_deref(),
            ip: &client.ip,
            expires_at: Some(after(state.config.tokens.web_session_ttl)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((cookie, user.into()))
}

/// The caller behind a web session cookie, with the session's CSRF token.
pub async fn web_session(
    state: &AppState,
    cookie: &str,
    client: ClientInfo,
) -> ApiResult<Option<(Caller, String)>> {
    let Some(s) = repo::session_by_cookie(&state.db, &cookie_hash(state, cookie)).await? else {
        return Ok(None);
    };
    let csrf = s.csrf_token.clone().unwrap_or_default();
    match Caller::from_session(s, client) {
        Ok(c) => Ok(Some((c, csrf))),
        Err(_) => Ok(None),
    }
}

pub async fn web_sign_out(state: &AppState, caller: &Caller) -> ApiResult<()> {
    repo::revoke_session(&state.db, caller.session_id, "logout").await?;
    Ok(())
}

// Other features reach users and sessions only through what follows; the
// tables stay identity's.

/// The live user holding `phone`.
pub async fn user_by_phone(
    db: impl sqlx::PgExecutor<'_>,
    phone: &str,
) -> sqlx::Result<Option<UserRow>> {
    repo::user_by_phone(db, phone).await
}

/// The live user `id`.
pub async fn user_by_id(db: impl sqlx::PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<UserRow>> {
    repo::user_by_id(db, id).await
}

/// Creates the user of `phone`; `None` when a live user holds it already
/// (a concurrent first sign-in won).
pub async fn insert_user(
    db: impl sqlx::PgExecutor<'_>,
    phone: &str,
    role: &str,
    status: &str,
    created_by: Option<Uuid>,
) -> sqlx::Result<Option<UserRow>> {
    repo::insert_user(db, phone, role, status, created_by).await
}

/// Ends every open session of the user, so their tokens stop working at once.
pub async fn revoke_user_sessions(
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    reason: &str,
) -> sqlx::Result<()> {
    repo::revoke_user_sessions(db, user_id, reason).await
}

/// The session and user an access token names, unless revoked or deleted.
pub async fn session_user(
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    session_id: Uuid,
) -> sqlx::Result<Option<SessionUser>> {
    repo::session_user(db, user_id, session_id).await
}

fn secs(n: i32) -> std::time::Duration {
    std::time::Duration::from_secs(u64::try_from(n).unwrap_or(0))
}

/// The applicant of an approved registration, as their account is opened.
pub struct RegisteredAccount<'a> {
    pub phone: &'a str,
    pub role: Role,
    pub name: &'a str,
    pub email: &'a str,
    pub locale: Locale,
}

/// Opens the account of an approved registration in the caller's
/// transaction: the phone's user waiting for approval in the same role since
/// a first sign-in, or a new user, made active with the applicant's name,
/// e-mail and language. Returns the user after and, when it existed, before.
/// `None` when the phone belongs to any other account (one phone, one role).
pub async fn open_registered_account(
    tx: &mut PgConnection,
    a: &RegisteredAccount<'_>,
    by: Uuid,
) -> sqlx::Result<Option<(UserRow, Option<UserRow>)>> {
    let before = match repo::user_by_phone(&mut *tx, a.phone).await? {
        Some(u) => Some(u),
        None => {
            // Created waiting, then opened by the same conditional update as
            // an existing one; a concurrent first sign-in that wins the phone
            // leaves nothing inserted and is treated as that user.
            match repo::insert_user(
                &mut *tx,
                a.phone,
                a.role.as_str(),
                UserStatus::PendingApproval.as_str(),
                Some(by),
            )
            .await?
            {
                Some(_) => None,
                None => repo::user_by_phone(&mut *tx, a.phone).await?,
            }
        }
    };
    let id = match &before {
        Some(u) => u.id,
        None => repo::user_by_phone(&mut *tx, a.phone)
            .await?
            .map(|u| u.id)
            .ok_or(sqlx::Error::RowNotFound)?,
    };
    let after = repo::activate_registered(
        &mut *tx,
        id,
        a.role.as_str(),
        a.name,
        a.email,
        a.locale.code(),
        by,
    )
    .await?;
    Ok(after.map(|after| (after, before)))
}

/// The user's latest sign-ins (the caller decides who may see them).
pub async fn sign_ins(
    state: &AppState,
    user_id: Uuid,
    limit: i64,
) -> ApiResult<Vec<super::model::SignIn>> {
    Ok(repo::sign_ins(&state.db, user_id, limit).await?)
}
