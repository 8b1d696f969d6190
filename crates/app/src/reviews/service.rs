//! Reviews of delivered orders (their store and products), of completed
//! bookings (their store) and of completed repair jobs (their rep): once per
//! source and target, replies by the store, moderation by admins. The stores' and products' rating aggregates
//! count visible reviews only and move in the transaction of the change that
//! moves them, by relative updates (never recomputed from a read).

use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors, Meta};

use super::model::{
    AdminReview, HideRequest, ModerationQuery, NewReviews, PublicReview, RatingInput, ReplyRequest,
    Review, ReviewListQuery, ReviewRow, ReviewStatus, Source, TargetType, optional, rating_average,
};
use super::repo::{self, NewReview, QueueFilter};
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::audit;
use crate::auth::Caller;
use crate::stores::access::{self, StorePermission};

const DELIVERED: &str = "delivered";

fn already_reviewed() -> ApiError {
    ApiError::conflict("ALREADY_REVIEWED", "reviews-already-reviewed")
}

/// The store review and/or product reviews of the caller's delivered order,
/// all or none, with the aggregates they move.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    order_id: Uuid,
    req: &NewReviews,
) -> ApiResult<Vec<Review>> {
    let mut tx = state.db.begin().await?;
    let order = repo::order_for_review(&mut tx, order_id, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if order.status != DELIVERED {
        return Err(ApiError::conflict(
            "ORDER_NOT_DELIVERED",
            "reviews-order-not-delivered",
        ));
    }
    let items = repo::order_product_ids(&mut tx, order_id).await?;
    let mut e = FieldErrors::new();
    for (i, p) in req.products.iter().enumerate() {
        if !items.contains(&p.product_id) {
            e.add(
                format!("products[{i}].productId"),
                Message::new("reviews-product-not-in-order"),
            );
        }
    }
    e.into_result()?;

    // Stars were validated to 1..=5.
    let stars = |s: i64| s as i16;
    let mut ids = Vec::new();
    let mut moves = Vec::new();
    if let Some(s) = &req.store_rating {
        let body = optional(s.text.as_deref());
        let new = NewReview {
            source: Source::Order(order_id),
            customer_id: caller.user_id,
            store_id: Some(order.store_id),
            product_id: None,
            rep_id: None,
            stars: stars(s.stars),
            body: body.as_deref(),
        };
        ids.push(
            repo::insert(&mut tx, &new)
                .await?
                .ok_or_else(already_reviewed)?,
        );
        moves.push((TargetType::Store, order.store_id, new.stars));
    }
    // A fixed order of row locks keeps concurrent reviews of shared
    // products from deadlocking.
    let mut products: Vec<_> = req.products.iter().collect();
    products.sort_by_key(|p| p.product_id);
    for p in products {
        let body = optional(p.text.as_deref());
        let new = NewReview {
            source: Source::Order(order_id),
            customer_id: caller.user_id,
            store_id: Some(order.store_id),
            product_id: Some(p.product_id),
            rep_id: None,
            stars: stars(p.stars),
            body: body.as_deref(),
        };
        ids.push(
            repo::insert(&mut tx, &new)
                .await?
                .ok_or_else(already_reviewed)?,
        );
        moves.push((TargetType::Product, p.product_id, new.stars));
    }
    for (target, id, stars) in moves {
        repo::adjust_rating(&mut tx, target, id, stars, 1).await?;
    }
    let rows = repo::by_ids(&mut *tx, &ids).await?;
    tx.commit().await?;
    Ok(rows.iter().map(Review::from).collect())
}

/// The caller's review of their completed booking: of the store that ran it,
/// counted in that store's rating like an order's.
pub async fn create_for_booking(
    state: &AppState,
    caller: &Caller,
    booking_id: Uuid,
    req: &RatingInput,
) -> ApiResult<Review> {
    let mut tx = state.db.begin().await?;
    let booking = repo::booking_for_review(&mut tx, booking_id, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if booking.status != "completed" {
        return Err(ApiError::conflict(
            "BOOKING_NOT_COMPLETED",
            "reviews-booking-not-completed",
        ));
    }
    let body = optional(req.text.as_deref());
    let new = NewReview {
        source: Source::Booking(booking_id),
        customer_id: caller.user_id,
        store_id: Some(booking.store_id),
        product_id: None,
        rep_id: None,
        stars: req.stars as i16,
        body: body.as_deref(),
    };
    let review = insert_one(&mut tx, &new, TargetType::Store, booking.store_id).await?;
    tx.commit().await?;
    Ok(review)
}

/// The caller's review of the rep who did their repair job, once the work
/// is completed (paid or not): counted in the rep's rating.
pub async fn create_for_job(
    state: &AppState,
    caller: &Caller,
    job_id: Uuid,
    req: &RatingInput,
) -> ApiResult<Review> {
    let mut tx = state.db.begin().await?;
    let job = repo::job_for_review(&mut tx, job_id, caller.user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !matches!(job.status.as_str(), "completed" | "paid") {
        return Err(ApiError::conflict(
            "JOB_NOT_COMPLETED",
            "reviews-job-not-completed",
        ));
    }
    let body = optional(req.text.as_deref());
    let new = NewReview {
        source: Source::Job(job_id),
        customer_id: caller.user_id,
        store_id: None,
        product_id: None,
        rep_id: Some(job.rep_id),
        stars: req.stars as i16,
        body: body.as_deref(),
    };
    let review = insert_one(&mut tx, &new, TargetType::Rep, job.rep_id).await?;
    tx.commit().await?;
    Ok(review)
}

/// Inserts one review (stars validated to 1..=5) and moves its target's
/// aggregate in the same transaction.
async fn insert_one(
    tx: &mut sqlx::PgConnection,
    new: &NewReview<'_>,
    target: TargetType,
    target_id: Uuid,
) -> ApiResult<Review> {
    let id = repo::insert(tx, new).await?.ok_or_else(already_reviewed)?;
    repo::adjust_rating(tx, target, target_id, new.stars, 1).await?;
    let row = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    Ok(Review::from(&row))
}

/// The caller's reviews of their order, booking or repair job (hidden ones
/// too, marked so); 404 for anyone else's.
pub async fn for_source(
    state: &AppState,
    caller: &Caller,
    source: Source,
) -> ApiResult<Vec<Review>> {
    if !repo::owns(&state.db, source, caller.user_id).await? {
        return Err(ApiError::NotFound);
    }
    let rows = repo::for_source(&state.db, source, caller.user_id).await?;
    Ok(rows.iter().map(Review::from).collect())
}

/// The caller's reviews of their order (hidden ones too, marked so).
pub async fn for_order(
    state: &AppState,
    caller: &Caller,
    order_id: Uuid,
) -> ApiResult<Vec<Review>> {
    for_source(state, caller, Source::Order(order_id)).await
}

/// A visible store's or product's visible reviews, newest first; the meta
/// carries the target's `ratingAverage` and `ratingCount`.
pub async fn public_list(
    state: &AppState,
    target: TargetType,
    id: Uuid,
    q: &ReviewListQuery,
) -> ApiResult<(Vec<PublicReview>, Meta)> {
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let (sum, count) = repo::target_rating(&state.db, target, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (rows, total) = repo::public_list(&state.db, target, id, page).await?;
    let meta = Meta::new(page.page, page.per_page, total)
        .with("ratingAverage", rating_average(sum, count))
        .with("ratingCount", count);
    Ok((rows.iter().map(PublicReview::from).collect(), meta))
}

/// The store's reply (owner or `orders.manage`); replying again replaces it.
/// Another store's review is 404.
pub async fn reply(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    review_id: Uuid,
    req: &ReplyRequest,
) -> ApiResult<Review> {
    access::require(state, caller, store_id, StorePermission::OrdersManage).await?;
    let mut tx = state.db.begin().await?;
    let row = repo::lock(&mut tx, review_id)
        .await?
        .filter(|r| r.store_id == Some(store_id))
        .ok_or(ApiError::NotFound)?;
    repo::set_reply(&mut tx, row.id, req.text.trim(), caller.user_id).await?;
    let after = repo::get(&mut *tx, row.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(Review::from(&after))
}

/// The store's own reviews, of the store and of its products, visible and
/// hidden, newest first: its owner and staff with `orders.view` (404 for
/// outsiders, 403 for an employee without it).
pub async fn for_store(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    q: &ReviewListQuery,
) -> ApiResult<(Vec<Review>, Meta)> {
    access::require(state, caller, store_id, StorePermission::OrdersView).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let f = QueueFilter {
        status: None,
        target_type: None,
        store: Some(store_id),
        product: None,
        customer: None,
        rep: None,
    };
    let (rows, total) = repo::queue(&state.db, &f, page).await?;
    Ok((
        rows.iter().map(Review::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// The moderation queue (`reviews.moderate`), newest first.
pub async fn queue(
    state: &AppState,
    caller: &Caller,
    q: &ModerationQuery,
) -> ApiResult<(Vec<AdminReview>, Meta)> {
    permissions::require(state, caller, Permission::ReviewsModerate).await?;
    let mut e = FieldErrors::new();
    let page = q.paging().check(&mut e);
    e.into_result()?;
    let f = QueueFilter {
        status: q.status.map(ReviewStatus::as_str),
        target_type: q.target_type.map(TargetType::as_str),
        store: q.store_id,
        product: q.product_id,
        customer: q.customer_id,
        rep: q.rep_id,
    };
    let (rows, total) = repo::queue(&state.db, &f, page).await?;
    Ok((
        rows.iter().map(AdminReview::from).collect(),
        Meta::new(page.page, page.per_page, total),
    ))
}

/// A rep's latest reviews, hidden ones too, and how many there are: for
/// the admins who manage reps (`reps.manage`), on the rep's page.
pub async fn of_rep(
    state: &AppState,
    caller: &Caller,
    rep: Uuid,
    limit: u32,
) -> ApiResult<(Vec<AdminReview>, i64)> {
    permissions::require(state, caller, Permission::RepsManage).await?;
    let f = QueueFilter {
        rep: Some(rep),
        ..QueueFilter::default()
    };
    let page = kernel::pagination::Page {
        page: 1,
        per_page: limit,
    };
    let (rows, total) = repo::queue(&state.db, &f, page).await?;
    Ok((rows.iter().map(AdminReview::from).collect(), total))
}

/// Takes a review down (`reviews.moderate`): out of the public lists and the
/// aggregate. Hiding a hidden review changes nothing.
pub async fn hide(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    req: &HideRequest,
) -> ApiResult<AdminReview> {
    moderate(
        state,
        caller,
        id,
        ReviewStatus::Hidden,
        Some(req.reason.trim()),
    )
    .await
}

/// Puts a hidden review back (`reviews.moderate`). Restoring a visible
/// review changes nothing.
pub async fn restore(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<AdminReview> {
    moderate(state, caller, id, ReviewStatus::Visible, None).await
}

async fn moderate(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    to: ReviewStatus,
    reason: Option<&str>,
) -> ApiResult<AdminReview> {
    permissions::require(state, caller, Permission::ReviewsModerate).await?;
    let mut tx = state.db.begin().await?;
    // The lock makes the status check and the aggregate move one step:
    // a concurrent twin waits here and then finds nothing to do.
    let before = repo::lock(&mut tx, id).await?.ok_or(ApiError::NotFound)?;
    if before.review_status() == to {
        tx.commit().await?;
        return Ok(AdminReview::from(&before));
    }
    repo::set_status(&mut tx, id, to.as_str(), reason, caller.user_id).await?;
    let (target, target_id) = target_of(&before)?;
    let sign = match to {
        ReviewStatus::Hidden => -1,
        ReviewStatus::Visible => 1,
    };
    repo::adjust_rating(&mut tx, target, target_id, before.stars, sign).await?;
    let after = repo::get(&mut *tx, id).await?.ok_or(ApiError::NotFound)?;
    let (before, after) = (AdminReview::from(&before), AdminReview::from(&after));
    let action = match to {
        ReviewStatus::Hidden => "review.hide",
        ReviewStatus::Visible => "review.restore",
    };
    audit::record(
        &mut *tx,
        caller,
        action,
        "review",
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

fn target_of(r: &ReviewRow) -> ApiResult<(TargetType, Uuid)> {
    // The table's review_target constraint guarantees the matching id.
    let id = match r.target() {
        TargetType::Product => r.product_id,
        TargetType::Rep => r.rep_id,
        TargetType::Store => r.store_id,
    };
    Ok((r.target(), id.ok_or(ApiError::NotFound)?))
}
