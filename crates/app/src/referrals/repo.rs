use kernel::pagination::Page;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::ReferralRow;

const COLUMNS: &str = "r.id, r.referrer_id, r.referee_id, r.code, r.referee_phone_hash, \
    r.device_hash, r.status, r.referrer_reward, r.referee_reward, r.referrer_capped, \
    r.rewarded_at, r.rewarded_order_id, r.revoked_at, r.revoked_by, r.revoke_reason, \
    r.created_at, fr.name AS referrer_name, fr.phone AS referrer_phone, \
    fe.name AS referee_name, fe.phone AS referee_phone";

const FROM: &str = "FROM referrals r JOIN users fr ON fr.id = r.referrer_id \
    JOIN users fe ON fe.id = r.referee_id";

// ---------------------------------------------------------------- codes

pub async fn code_of(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT code FROM referral_codes WHERE user_id = $1 AND deleted_at IS NULL")
        .bind(user)
        .fetch_optional(db)
        .await
}

/// Gives `user` this code unless they have one or the code is taken:
/// whether it was written.
pub async fn insert_code(db: impl PgExecutor<'_>, user: Uuid, code: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO referral_codes (user_id, code, created_by, updated_by) \
         VALUES ($1, $2, $1, $1) ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(code)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The live, active customer whose code this is.
pub async fn owner_of(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT c.user_id FROM referral_codes c JOIN users u ON u.id = c.user_id \
         WHERE c.code = $1 AND c.deleted_at IS NULL AND u.deleted_at IS NULL \
           AND u.role = 'CUSTOMER' AND u.status = 'active'",
    )
    .bind(code)
    .fetch_optional(db)
    .await
}

/// Holds the referrer's code row for the rest of the transaction, so that
/// the monthly cap is counted and used by one reward at a time.
pub async fn lock_code(tx: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("SELECT 1 FROM referral_codes WHERE user_id = $1 FOR UPDATE")
        .bind(user)
        .execute(tx)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- reads

/// (referred, rewarded for the referrer, halalas earned as referrer).
pub async fn referrer_totals(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE referrer_reward > 0), \
                coalesce(sum(referrer_reward), 0)::bigint \
         FROM referrals WHERE referrer_id = $1 AND deleted_at IS NULL",
    )
    .bind(user)
    .fetch_one(db)
    .await
}

pub async fn of_referee(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Option<ReferralRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.referee_id = $1 AND r.deleted_at IS NULL"
    ))
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Whether `referee` was referred by `referrer`.
pub async fn referred_by(
    db: impl PgExecutor<'_>,
    referee: Uuid,
    referrer: Uuid,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM referrals WHERE referee_id = $1 AND referrer_id = $2 \
         AND deleted_at IS NULL)",
    )
    .bind(referee)
    .bind(referrer)
    .fetch_one(db)
    .await
}

/// Whether an order of `customer` other than `except` was ever delivered.
pub async fn delivered_before(
    db: impl PgExecutor<'_>,
    customer: Uuid,
    except: Option<Uuid>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE customer_id = $1 \
         AND delivered_at IS NOT NULL AND ($2::uuid IS NULL OR id <> $2))",
    )
    .bind(customer)
    .bind(except)
    .fetch_one(db)
    .await
}

/// Whether another referral of this phone (or device) was rewarded.
pub async fn already_rewarded(
    db: impl PgExecutor<'_>,
    phone_hash: &[u8],
    device_hash: Option<&[u8]>,
    except: Option<Uuid>,
) -> sqlx::Result<(bool, bool)> {
    sqlx::query_as(
        "SELECT \
           EXISTS (SELECT 1 FROM referrals WHERE referee_phone_hash = $1 \
                   AND rewarded_at IS NOT NULL AND ($3::uuid IS NULL OR id <> $3)), \
           $2::bytea IS NOT NULL AND EXISTS (SELECT 1 FROM referrals WHERE device_hash = $2 \
                   AND rewarded_at IS NOT NULL AND ($3::uuid IS NULL OR id <> $3))",
    )
    .bind(phone_hash)
    .bind(device_hash)
    .bind(except)
    .fetch_one(db)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ReferralRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.id = $1 AND r.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Filters of the admin list; `phone` is matched inside either party's phone.
#[derive(Debug, Default)]
pub struct ListFilter<'a> {
    pub status: Option<&'a str>,
    pub code: Option<&'a str>,
    pub phone: Option<&'a str>,
}

pub async fn list(
    db: &sqlx::PgPool,
    f: &ListFilter<'_>,
    page: Page,
) -> sqlx::Result<(Vec<ReferralRow>, i64)> {
    // Code and phone come from one search box: either may match. Both are
    // reduced to letters, digits and `+` by the service, so no LIKE
    // wildcard reaches the pattern.
    let filter = "r.deleted_at IS NULL AND ($1::text IS NULL OR r.status = $1) \
        AND (($2::text IS NULL AND $3::text IS NULL) \
             OR ($2::text IS NOT NULL AND r.code LIKE $2 || '%') \
             OR ($3::text IS NOT NULL AND (fr.phone LIKE '%' || $3 || '%' \
                                           OR fe.phone LIKE '%' || $3 || '%')))";
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) {FROM} WHERE {filter}"))
        .bind(f.status)
        .bind(f.code)
        .bind(f.phone)
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE {filter} \
         ORDER BY r.created_at DESC, r.id DESC LIMIT $4 OFFSET $5"
    ))
    .bind(f.status)
    .bind(f.code)
    .bind(f.phone)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

// ---------------------------------------------------------------- writes

pub struct NewReferral<'a> {
    pub id: Uuid,
    pub referrer: Uuid,
    pub referee: Uuid,
    pub code: &'a str,
    pub phone_hash: &'a [u8],
    pub device_hash: Option<&'a [u8]>,
}

pub async fn insert(tx: &mut PgConnection, n: &NewReferral<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO referrals (id, referrer_id, referee_id, code, referee_phone_hash, \
         device_hash, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $3, $3)",
    )
    .bind(n.id)
    .bind(n.referrer)
    .bind(n.referee)
    .bind(n.code)
    .bind(n.phone_hash)
    .bind(n.device_hash)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn lock(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ReferralRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.id = $1 AND r.deleted_at IS NULL FOR UPDATE OF r"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// The referee's referral while it still waits for its reward, locked.
pub async fn lock_pending_of(
    tx: &mut PgConnection,
    referee: Uuid,
) -> sqlx::Result<Option<ReferralRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} {FROM} WHERE r.referee_id = $1 AND r.status = 'pending' \
         AND r.deleted_at IS NULL FOR UPDATE OF r"
    ))
    .bind(referee)
    .fetch_optional(tx)
    .await
}

/// A transaction-long advisory lock on `key`, released at commit.
pub async fn advisory_lock(tx: &mut PgConnection, key: i64) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(key)
        .execute(tx)
        .await?;
    Ok(())
}

/// Referrer rewards booked for `referrer` since the start of this calendar
/// month in Saudi time.
pub async fn referrer_rewards_this_month(
    tx: &mut PgConnection,
    referrer: Uuid,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM referrals WHERE referrer_id = $1 AND referrer_reward > 0 \
         AND rewarded_at >= (date_trunc('month', now() AT TIME ZONE 'Asia/Riyadh') \
                             AT TIME ZONE 'Asia/Riyadh')",
    )
    .bind(referrer)
    .fetch_one(tx)
    .await
}

pub async fn mark_rewarded(
    tx: &mut PgConnection,
    id: Uuid,
    order: Uuid,
    referrer_reward: i64,
    referee_reward: i64,
    capped: bool,
    actor: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE referrals SET status = 'rewarded', rewarded_at = now(), rewarded_order_id = $2, \
         referrer_reward = $3, referee_reward = $4, referrer_capped = $5, \
         updated_at = now(), updated_by = $6 WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(order)
    .bind(referrer_reward)
    .bind(referee_reward)
    .bind(capped)
    .bind(actor)
    .execute(tx)
    .await?;
    Ok(())
}

/// Revokes; `by` is None when the platform refused it.
pub async fn mark_revoked(
    tx: &mut PgConnection,
    id: Uuid,
    reason: &str,
    by: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE referrals SET status = 'revoked', revoked_at = now(), revoked_by = $3, \
         revoke_reason = $2, updated_at = now(), updated_by = $3 \
         WHERE id = $1 AND status <> 'revoked'",
    )
    .bind(id)
    .bind(reason)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}
