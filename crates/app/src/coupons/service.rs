//! Coupons: admins manage them (`coupons.manage`, every write audited in its
//! transaction); checkout quotes, redeems and releases them inside its own
//! transaction; customers check a code against their cart.
//!
//! A use is counted twice, both race-safe by conditional SQL: globally on
//! `coupons.used_count` (below `usage_limit`) and per user on
//! `coupon_user_counts.used` (below `per_user_limit`); `coupon_usages` keeps
//! the history and is what [`release`] gives back.

use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::calc::{self, Refusal, Terms};
use super::model::{
    CHECKS_PER_HOUR, COUPON_DEFAULT_ORDER, COUPON_SORTS, CheckRequest, CheckResult, Coupon,
    CouponFields, CouponInput, CouponQuery, CouponRow, CouponScope, CouponUsage, NewCoupon,
    UsageQuery, valid_code,
};
pub use super::model::{CouponQuote, QuoteLine};
use super::repo;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;
use crate::{AppState, audit, ratelimit};

/// The field quote errors name: the checkout body's coupon field.
const CHECKOUT_FIELD: &str = "couponCode";

// ---------------------------------------------------------------- checkout

fn refused(field: &str, code: &'static str, message: Message) -> ApiError {
    ApiError::Unprocessable {
        code,
        fields: FieldErrors::single(field, message.clone()),
        message,
    }
}

/// Validates `code` for `user` against these lines and computes the
/// discount, without using it up. Errors are 422s naming `couponCode`:
/// `COUPON_NOT_FOUND` (unknown, deleted or inactive), `COUPON_NOT_STARTED`,
/// `COUPON_EXPIRED`, `COUPON_EXHAUSTED` (global limit reached),
/// `COUPON_USER_LIMIT`, `COUPON_NOT_APPLICABLE` (no eligible line for its
/// scope, or a discount of nothing), `COUPON_MIN_ORDER` (the message names
/// the minimum in SAR).
pub async fn quote(
    conn: &mut PgConnection,
    code: &str,
    user: Uuid,
    lines: &[QuoteLine],
) -> ApiResult<CouponQuote> {
    Ok(evaluate(conn, code, user, lines, CHECKOUT_FIELD).await?.0)
}

/// [`quote`] with the eligible subtotal, its errors naming `field`.
async fn evaluate(
    conn: &mut PgConnection,
    code: &str,
    user: Uuid,
    lines: &[QuoteLine],
    field: &str,
) -> ApiResult<(CouponQuote, i64)> {
    let code = code.trim();
    let coupon = if valid_code(code) {
        repo::by_code(&mut *conn, code).await?
    } else {
        None
    };
    let Some(c) = coupon.filter(|c| c.active) else {
        return Err(refused(
            field,
            "COUPON_NOT_FOUND",
            Message::new("coupons-not-found"),
        ));
    };
    let now = OffsetDateTime::now_utc();
    if c.starts_at.is_some_and(|s| now < s) {
        return Err(refused(
            field,
            "COUPON_NOT_STARTED",
            Message::new("coupons-not-started"),
        ));
    }
    if c.ends_at.is_some_and(|e| now >= e) {
        return Err(refused(
            field,
            "COUPON_EXPIRED",
            Message::new("coupons-expired"),
        ));
    }
    if c.usage_limit.is_some_and(|l| c.used_count >= l) {
        return Err(exhausted(field));
    }
    if let Some(limit) = c.per_user_limit
        && repo::used_by(&mut *conn, c.id, user).await? >= i64::from(limit)
    {
        return Err(user_limit(field));
    }
    let kind = c.kind();
    let terms = Terms {
        kind,
        value: c.value,
        min_order: c.min_order,
        max_discount: c.max_discount,
        scope: c.scope(),
        scope_ids: &c.scope_ids,
    };
    match calc::compute(&terms, lines) {
        Ok(done) => Ok((
            CouponQuote {
                coupon_id: c.id,
                code: c.code.clone(),
                discount: done.discount,
                per_line: done.per_line,
            },
            done.eligible_subtotal,
        )),
        Err(Refusal::NotApplicable) => Err(refused(
            field,
            "COUPON_NOT_APPLICABLE",
            Message::new("coupons-not-applicable"),
        )),
        Err(Refusal::MinOrder { min }) => Err(refused(
            field,
            "COUPON_MIN_ORDER",
            Message::new("coupons-min-order").arg("min", kernel::money::Money(min)),
        )),
    }
}

fn exhausted(field: &str) -> ApiError {
    refused(field, "COUPON_EXHAUSTED", Message::new("coupons-exhausted"))
}

fn user_limit(field: &str) -> ApiError {
    refused(
        field,
        "COUPON_USER_LIMIT",
        Message::new("coupons-user-limit"),
    )
}

/// Uses the coupon once for this checkout (whose `checkouts` row must exist):
/// takes a global use with one conditional `UPDATE` (below `usage_limit`, of
/// a live active coupon), a per-user use with an upsert that only increments
/// below `per_user_limit`, and records the `coupon_usages` row. Fails with
/// `COUPON_EXHAUSTED` / `COUPON_USER_LIMIT` when a concurrent checkout took
/// the last use (`COUPON_NOT_FOUND` if the coupon was deleted or deactivated
/// meanwhile); on an error the caller rolls its transaction back.
pub async fn redeem(
    conn: &mut PgConnection,
    quote: &CouponQuote,
    user: Uuid,
    checkout_id: Uuid,
) -> ApiResult<()> {
    let Some(per_user) = repo::take_use(&mut *conn, quote.coupon_id).await? else {
        let live = repo::get(&mut *conn, quote.coupon_id)
            .await?
            .is_some_and(|c| c.active);
        return Err(if live {
            exhausted(CHECKOUT_FIELD)
        } else {
            refused(
                CHECKOUT_FIELD,
                "COUPON_NOT_FOUND",
                Message::new("coupons-not-found"),
            )
        });
    };
    if !repo::take_user_use(&mut *conn, quote.coupon_id, user, per_user).await? {
        // Leave the counters as they were even if the caller went on.
        repo::give_back(&mut *conn, quote.coupon_id).await?;
        return Err(user_limit(CHECKOUT_FIELD));
    }
    repo::insert_usage(
        &mut *conn,
        quote.coupon_id,
        user,
        checkout_id,
        quote.discount,
    )
    .await?;
    Ok(())
}

/// Gives the checkout's use back (every order of it was cancelled before
/// payment): marks its `coupon_usages` released and decrements both counters.
/// Idempotent: a released use is never given back twice.
pub async fn release(conn: &mut PgConnection, checkout_id: Uuid) -> ApiResult<()> {
    for (coupon, user) in repo::release_usages(&mut *conn, checkout_id).await? {
        repo::give_back(&mut *conn, coupon).await?;
        repo::give_back_user(&mut *conn, coupon, user).await?;
    }
    Ok(())
}

/// What the code would take off the caller's cart now (`POST /coupons/check`);
/// errors as [`quote`]'s, naming `code`. Limited per user and hour.
pub async fn check(
    state: &AppState,
    caller: &Caller,
    req: &CheckRequest,
) -> ApiResult<CheckResult> {
    let mut tx = state.db.begin().await?;
    let bucket = format!("coupon-check:{}", caller.user_id);
    if let Err(wait) = ratelimit::hit(&mut tx, &bucket, CHECKS_PER_HOUR, 3600).await? {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    tx.commit().await?;
    // Priced as checkout prices them: a store promotion comes off first, so
    // the coupon is quoted on the already-discounted lines.
    let lines: Vec<QuoteLine> = crate::cart::service::lines(&state.db, caller.user_id)
        .await?
        .into_iter()
        .filter(|l| l.available)
        .map(|l| QuoteLine {
            store_id: l.store_id,
            category_id: l.category_id,
            amount: l.line_total(),
        })
        .collect();
    let mut conn = state.db.acquire().await?;
    let (quote, eligible_subtotal) =
        evaluate(&mut conn, &req.code, caller.user_id, &lines, "code").await?;
    Ok(CheckResult {
        code: quote.code,
        discount: quote.discount,
        eligible_subtotal,
    })
}

// ---------------------------------------------------------------- admin

pub async fn list(
    state: &AppState,
    caller: &Caller,
    q: &CouponQuery,
) -> ApiResult<(Vec<Coupon>, Meta)> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut e = FieldErrors::new();
    let paging = q.paging();
    let page = paging.check(&mut e);
    let order = paging.order_by(COUPON_SORTS, COUPON_DEFAULT_ORDER, &mut e);
    e.into_result()?;
    let (rows, total) = repo::list(&state.db, q, page, &order).await?;
    Ok((
        rows.into_iter().map(Coupon::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Coupon> {
    require(state, caller, Permission::CouponsManage).await?;
    let row = repo::get(&state.db, id).await?.ok_or(ApiError::NotFound)?;
    Ok(row.into())
}

/// The rules that need the database: the scope's stores or categories
/// exist (only ids not already on the coupon are checked, so a later
/// deleted store does not block unrelated edits), and the usage limit is
/// not below the uses already made.
async fn check_stored(
    tx: &mut PgConnection,
    fields: &CouponFields,
    before: Option<&CouponRow>,
) -> ApiResult<()> {
    let mut e = FieldErrors::new();
    let known: &[Uuid] = match before {
        Some(b) if b.scope() == fields.scope => &b.scope_ids,
        _ => &[],
    };
    let new: Vec<Uuid> = fields
        .scope_ids
        .iter()
        .filter(|id| !known.contains(id))
        .copied()
        .collect();
    if !new.is_empty() {
        let (live, key) = match fields.scope {
            CouponScope::Stores => (
                repo::live_stores(&mut *tx, &new).await?,
                "coupons-validation-store-unknown",
            ),
            CouponScope::Categories => (
                repo::live_categories(&mut *tx, &new).await?,
                "coupons-validation-category-unknown",
            ),
            CouponScope::All => (new.clone(), ""),
        };
        for id in new.iter().filter(|id| !live.contains(id)) {
            e.add("scopeIds", Message::new(key).arg("id", id.to_string()));
        }
    }
    if let (Some(b), Some(limit)) = (before, fields.usage_limit)
        && limit < b.used_count
    {
        e.add(
            "usageLimit",
            Message::new("coupons-validation-usage-limit-below-used")
                .arg("used", i64::from(b.used_count)),
        );
    }
    e.into_result()
}

/// 409 `COUPON_CODE_TAKEN` when a live coupon has the code in any case.
fn code_taken(e: sqlx::Error) -> ApiError {
    if repo::unique_violation(&e).as_deref() == Some(repo::CODE_INDEX) {
        return ApiError::conflict("COUPON_CODE_TAKEN", "coupons-code-taken");
    }
    e.into()
}

pub async fn create(state: &AppState, caller: &Caller, req: &NewCoupon) -> ApiResult<Coupon> {
    require(state, caller, Permission::CouponsManage).await?;
    let fields = req.0.resolve(None)?;
    let mut tx = state.db.begin().await?;
    check_stored(&mut tx, &fields, None).await?;
    let coupon = Coupon::from(
        repo::insert(&mut tx, &fields, caller.user_id)
            .await
            .map_err(code_taken)?,
    );
    audit::record(
        &mut *tx,
        caller,
        "coupon.create",
        "coupon",
        coupon.id,
        None::<&()>,
        Some(&coupon),
    )
    .await?;
    tx.commit().await?;
    Ok(coupon)
}

/// Changes the present fields; the result is checked as a whole (a percent
/// coupon's value, the dates' order, the scope's ids, the usage limit).
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &CouponInput,
) -> ApiResult<Coupon> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    let fields = req.resolve(Some(&before.fields()))?;
    check_stored(&mut tx, &fields, Some(&before)).await?;
    let after = Coupon::from(
        repo::update(&mut tx, id, &fields, caller.user_id)
            .await
            .map_err(code_taken)?,
    );
    audit::record(
        &mut *tx,
        caller,
        "coupon.update",
        "coupon",
        id,
        Some(&Coupon::from(before)),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Soft-deletes the coupon: it stops applying at once, its code is free for
/// a new coupon, and its usage history stays.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<()> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut tx = state.db.begin().await?;
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    repo::soft_delete(&mut tx, id, caller.user_id).await?;
    audit::record(
        &mut *tx,
        caller,
        "coupon.delete",
        "coupon",
        id,
        Some(&Coupon::from(before)),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The uses of a coupon (deleted coupons included), newest first.
pub async fn usages(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    q: &UsageQuery,
) -> ApiResult<(Vec<CouponUsage>, Meta)> {
    require(state, caller, Permission::CouponsManage).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    if !repo::exists(&state.db, id).await? {
        return Err(ApiError::NotFound);
    }
    let (rows, total) = repo::usages(&state.db, id, page).await?;
    Ok((rows, Meta::new(page.page, page.per_page, total)))
}
