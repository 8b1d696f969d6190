//! The customer's side: their code (made on first read), what it earned,
//! and applying someone's code once, before the first delivered order.
//! The reward at delivery is `reward.rs`; the admins' list and revocation
//! are `admin.rs`.

pub mod admin;
mod reward;

pub use reward::on_order_delivered;

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{
    ApplyReferral, CODE_ALPHABET, CODE_LEN, MyReferral, ReferralSummary, normalize_code,
    well_formed,
};
use super::repo::{self, NewReferral};
use crate::AppState;
use crate::auth::Caller;
use crate::identity::model::Role;

/// Tries at a fresh code before giving up; with 31^8 codes a collision is
/// already rare, five in a row means something else is wrong.
const CODE_TRIES: usize = 5;

/// Referrals are between customers.
fn customer_only(caller: &Caller) -> ApiResult<()> {
    if caller.role == Role::Customer {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn random_code() -> String {
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rand::random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// The customer's code, made now if they have none.
pub async fn code_for(state: &AppState, user: Uuid) -> ApiResult<String> {
    for _ in 0..CODE_TRIES {
        if let Some(code) = repo::code_of(&state.db, user).await? {
            return Ok(code);
        }
        // Nothing written: a concurrent first read made theirs, or the code
        // is someone else's; the next turn tells which.
        repo::insert_code(&state.db, user, &random_code()).await?;
    }
    repo::code_of(&state.db, user)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no free referral code after retries")))
}

/// The link a customer shares: the app's account page with the code.
pub fn share_link(state: &AppState, code: &str) -> String {
    format!(
        "{}/app/account?ref={code}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Keyed hashes (the installation's secret), so that the stored values do
/// not give the phone numbers back by trying every number.
pub(super) fn phone_hash(state: &AppState, phone: &str) -> Vec<u8> {
    state.keys.hash(&[b"referral-phone", phone.as_bytes()])
}

pub(super) fn device_hash(state: &AppState, device: &str) -> Vec<u8> {
    state
        .keys
        .hash(&[b"referral-device", device.trim().as_bytes()])
}

/// `GET /referrals/me`.
pub async fn me(state: &AppState, caller: &Caller) -> ApiResult<ReferralSummary> {
    customer_only(caller)?;
    let cfg = &state.config.referral;
    let code = code_for(state, caller.user_id).await?;
    let (referred, rewarded, earned) = repo::referrer_totals(&state.db, caller.user_id).await?;
    let mine = repo::of_referee(&state.db, caller.user_id).await?;
    let can_apply = cfg.enabled
        && mine.is_none()
        && !repo::delivered_before(&state.db, caller.user_id, None).await?;
    Ok(ReferralSummary {
        enabled: cfg.enabled,
        share_link: share_link(state, &code),
        code,
        referred_count: referred,
        rewarded_count: rewarded,
        rewards_earned: earned,
        referrer_reward: cfg.referrer_reward,
        referee_reward: cfg.referee_reward,
        currency: "SAR",
        can_apply,
        referred_by: mine.as_ref().map(MyReferral::from),
    })
}

fn on_code(code: &'static str, key: &'static str) -> ApiError {
    ApiError::Unprocessable {
        code,
        message: Message::new(key),
        fields: FieldErrors::single("code", Message::new(key)),
    }
}

/// `POST /referrals/apply`: the caller becomes the referee of the code's
/// owner. Refused: not a customer (403), referrals off, already referred,
/// an order already delivered, a phone or device already rewarded (409),
/// an unknown or own code (422 on `code`).
pub async fn apply(
    state: &AppState,
    caller: &Caller,
    req: &ApplyReferral,
) -> ApiResult<MyReferral> {
    customer_only(caller)?;
    if !state.config.referral.enabled {
        return Err(ApiError::conflict(
            "REFERRALS_DISABLED",
            "referrals-disabled",
        ));
    }
    let me = caller.user_id;
    if repo::of_referee(&state.db, me).await?.is_some() {
        return Err(already_referred());
    }
    let code = normalize_code(&req.code);
    let referrer = if well_formed(&code) {
        repo::owner_of(&state.db, &code).await?
    } else {
        None
    };
    let Some(referrer) = referrer else {
        return Err(on_code("REFERRAL_CODE_UNKNOWN", "referrals-code-unknown"));
    };
    if referrer == me {
        return Err(on_code("SELF_REFERRAL", "referrals-self"));
    }
    if repo::referred_by(&state.db, referrer, me).await? {
        return Err(on_code("SELF_REFERRAL", "referrals-circular"));
    }
    if repo::delivered_before(&state.db, me, None).await? {
        return Err(ApiError::conflict(
            "REFERRAL_TOO_LATE",
            "referrals-too-late",
        ));
    }
    let phone = crate::identity::service::me(state, caller).await?.phone;
    let phone_hash = phone_hash(state, &phone);
    let device_hash = req.device_id.as_deref().map(|d| device_hash(state, d));
    let (phone_used, device_used) =
        repo::already_rewarded(&state.db, &phone_hash, device_hash.as_deref(), None).await?;
    if phone_used {
        return Err(ApiError::conflict(
            "REFERRAL_PHONE_REWARDED",
            "referrals-phone-rewarded",
        ));
    }
    if device_used {
        return Err(ApiError::conflict(
            "REFERRAL_DEVICE_REWARDED",
            "referrals-device-rewarded",
        ));
    }
    let id = Uuid::now_v7();
    let mut tx = state.db.begin().await?;
    let inserted = repo::insert(
        &mut tx,
        &NewReferral {
            id,
            referrer,
            referee: me,
            code: &code,
            phone_hash: &phone_hash,
            device_hash: device_hash.as_deref(),
        },
    )
    .await;
    match inserted {
        Ok(()) => {}
        // A concurrent apply of the same customer got there first.
        Err(sqlx::Error::Database(d)) if d.constraint() == Some("referrals_once_per_referee") => {
            return Err(already_referred());
        }
        Err(e) => return Err(e.into()),
    }
    let row = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(MyReferral::from(&row))
}

fn already_referred() -> ApiError {
    ApiError::conflict("ALREADY_REFERRED", "referrals-already-referred")
}
