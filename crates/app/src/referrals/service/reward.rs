//! The reward, booked inside the transaction that delivers the referee's
//! first order (`orders::service::step`), so a rolled-back delivery books
//! nothing and a committed one is never without its reward.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::ApiResult;

use super::super::repo;
use crate::config::ReferralConfig;
use crate::ledger::{self, Account, Posting};
use crate::notifications;

/// Reasons the platform writes on referrals it refuses at delivery.
pub const LATE: &str = "late: an earlier order was delivered";
pub const PHONE_REWARDED: &str = "phone already rewarded";
pub const DEVICE_REWARDED: &str = "device already rewarded";

/// An order of `customer` was delivered: if they wait on a referral reward,
/// book it now, once. The referral row is locked first, so of several
/// orders delivered at once the first to hold it rewards and marks it
/// rewarded, and the others find nothing pending when they get the row.
/// The ledger keys (`referral:{id}:referrer|referee`) are the backstop.
pub async fn on_order_delivered(
    conn: &mut PgConnection,
    cfg: &ReferralConfig,
    customer: Uuid,
    order: Uuid,
    actor: Option<Uuid>,
) -> ApiResult<()> {
    if !cfg.enabled {
        // Pending referrals wait; the next delivery after re-enabling
        // finds an earlier delivered order and refuses them as late.
        return Ok(());
    }
    let Some(r) = repo::lock_pending_of(conn, customer).await? else {
        return Ok(());
    };
    // Only the first delivered order rewards. An earlier one can exist when
    // it was delivered while the code was being applied.
    if repo::delivered_before(&mut *conn, customer, Some(order)).await? {
        repo::mark_revoked(conn, r.id, LATE, None).await?;
        return Ok(());
    }
    // Two referees of one phone (an account deleted and made again) or one
    // device could be delivered at once: one at a time past here, so the
    // check below sees the other's reward.
    let mut keys = vec![lock_key(&r.referee_phone_hash)];
    if let Some(d) = &r.device_hash {
        keys.push(lock_key(d));
    }
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        repo::advisory_lock(conn, k).await?;
    }
    let (phone_used, device_used) = repo::already_rewarded(
        &mut *conn,
        &r.referee_phone_hash,
        r.device_hash.as_deref(),
        Some(r.id),
    )
    .await?;
    if phone_used || device_used {
        let reason = if phone_used {
            PHONE_REWARDED
        } else {
            DEVICE_REWARDED
        };
        repo::mark_revoked(conn, r.id, reason, None).await?;
        return Ok(());
    }
    // The cap counts this month's referrer rewards; holding the referrer's
    // code row makes two referees of one referrer count one after the other.
    repo::lock_code(conn, r.referrer_id).await?;
    let capped = repo::referrer_rewards_this_month(conn, r.referrer_id).await? >= cfg.monthly_cap;
    let referrer_reward = if capped { 0 } else { cfg.referrer_reward };
    let referee_reward = cfg.referee_reward;
    book(
        conn,
        r.id,
        "referrer",
        r.referrer_id,
        referrer_reward,
        &r.code,
        actor,
    )
    .await?;
    book(
        conn,
        r.id,
        "referee",
        r.referee_id,
        referee_reward,
        &r.code,
        actor,
    )
    .await?;
    repo::mark_rewarded(
        conn,
        r.id,
        order,
        referrer_reward,
        referee_reward,
        capped,
        actor,
    )
    .await?;
    // Both sides hear what landed in their wallets, sent with the delivery's
    // commit (the inbox and push jobs are written in this transaction).
    for (who, event, amount) in [
        (r.referrer_id, "referral.rewarded", referrer_reward),
        (r.referee_id, "referral.welcome", referee_reward),
    ] {
        if amount > 0 {
            notifications::notify(
                &mut *conn,
                who,
                event,
                "orders",
                serde_json::json!({ "amount": kernel::money::decimal(amount) }),
            )
            .await?;
        }
    }
    Ok(())
}

/// Dr promotions expense · Cr the customer's wallet, as cashback does; a
/// platform-funded expense, never the store's.
async fn book(
    conn: &mut PgConnection,
    referral: Uuid,
    side: &str,
    wallet: Uuid,
    amount: i64,
    code: &str,
    actor: Option<Uuid>,
) -> ApiResult<()> {
    if amount <= 0 {
        return Ok(());
    }
    ledger::post(
        conn,
        Posting::new("referral_reward", format!("referral:{referral}:{side}"))
            .target("referral", referral)
            .actor(actor)
            .memo(code)
            .debit(Account::PromotionsExpense, amount)
            .credit(Account::CustomerWallet(wallet), amount),
    )
    .await?;
    Ok(())
}

/// An advisory lock key from a hash (its first eight bytes).
fn lock_key(hash: &[u8]) -> i64 {
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(hash) {
        *d = *s;
    }
    i64::from_be_bytes(b)
}
