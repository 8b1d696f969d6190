use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    AdminReview, HideRequest, ModerationQuery, NewReviews, PublicReview, RatingInput, ReplyRequest,
    Review, ReviewListQuery, Source, TargetType,
};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(order_reviews, create))
        .routes(routes!(store_reviews))
        .routes(routes!(product_reviews))
        .routes(routes!(booking_reviews, create_for_booking))
        .routes(routes!(job_reviews, create_for_job))
        .routes(routes!(rep_reviews))
        .routes(routes!(reply))
        .routes(routes!(partner_reviews))
        .routes(routes!(queue))
        .routes(routes!(hide))
        .routes(routes!(restore))
}

/// Reviews the caller's delivered order: the store and/or its products, in
/// one transaction, once per target.
#[utoipa::path(post, path = "/orders/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = NewReviews,
    responses(
        (status = 201, body = Envelope<Vec<Review>>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, description = "not the caller's order", body = ErrorEnvelope),
        (status = 409, description = "ORDER_NOT_DELIVERED, ALREADY_REVIEWED", body = ErrorEnvelope),
        (status = 422, description = "e.g. products[0].productId not an item of the order", body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<NewReviews>,
) -> ApiResult<ApiOk<Vec<Review>>> {
    Ok(ApiOk::created(
        service::create(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The caller's reviews of their order, hidden ones marked so.
#[utoipa::path(get, path = "/orders/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<Review>>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn order_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<Review>>> {
    Ok(ApiOk::new(
        service::for_order(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Reviews the store that ran the caller's completed booking, once.
#[utoipa::path(post, path = "/bookings/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RatingInput,
    responses(
        (status = 201, body = Envelope<Review>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, description = "not the caller's booking", body = ErrorEnvelope),
        (status = 409, description = "BOOKING_NOT_COMPLETED, ALREADY_REVIEWED", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_for_booking(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RatingInput>,
) -> ApiResult<ApiOk<Review>> {
    Ok(ApiOk::created(
        service::create_for_booking(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The caller's review of their booking (none yet: an empty list).
#[utoipa::path(get, path = "/bookings/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<Review>>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn booking_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<Review>>> {
    let source = Source::Booking(parse_id(&id)?);
    Ok(ApiOk::new(
        service::for_source(&state, &caller, source).await?,
    ))
}

/// Reviews the rep of the caller's completed repair job, once.
#[utoipa::path(post, path = "/repair-jobs/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = RatingInput,
    responses(
        (status = 201, body = Envelope<Review>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, description = "not the caller's job", body = ErrorEnvelope),
        (status = 409, description = "JOB_NOT_COMPLETED, ALREADY_REVIEWED", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_for_job(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RatingInput>,
) -> ApiResult<ApiOk<Review>> {
    Ok(ApiOk::created(
        service::create_for_job(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The caller's review of their repair job (none yet: an empty list).
#[utoipa::path(get, path = "/repair-jobs/{id}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Vec<Review>>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn job_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<Review>>> {
    let source = Source::Job(parse_id(&id)?);
    Ok(ApiOk::new(
        service::for_source(&state, &caller, source).await?,
    ))
}

/// An active rep's visible reviews, newest first; `meta.ratingAverage` and
/// `meta.ratingCount` are the rep's rating (customers compare offers by it).
#[utoipa::path(get, path = "/reps/{id}/reviews", tag = "reviews",
    params(("id" = String, Path), ReviewListQuery),
    responses(
        (status = 200, body = Paged<PublicReview>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn rep_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<ReviewListQuery>,
) -> ApiResult<ApiOk<Vec<PublicReview>>> {
    let (rows, meta) = service::public_list(&state, TargetType::Rep, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A store's visible reviews, newest first; `meta.ratingAverage` (one
/// decimal) and `meta.ratingCount` are the store's rating.
#[utoipa::path(get, path = "/stores/{id}/reviews", tag = "reviews",
    params(("id" = String, Path), ReviewListQuery),
    responses(
        (status = 200, body = Paged<PublicReview>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn store_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<ReviewListQuery>,
) -> ApiResult<ApiOk<Vec<PublicReview>>> {
    let (rows, meta) = service::public_list(&state, TargetType::Store, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// A product's visible reviews, newest first; `meta.ratingAverage` (one
/// decimal) and `meta.ratingCount` are the product's rating.
#[utoipa::path(get, path = "/products/{id}/reviews", tag = "reviews",
    params(("id" = String, Path), ReviewListQuery),
    responses(
        (status = 200, body = Paged<PublicReview>),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn product_reviews(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<ReviewListQuery>,
) -> ApiResult<ApiOk<Vec<PublicReview>>> {
    let (rows, meta) =
        service::public_list(&state, TargetType::Product, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// The store's reviews (of the store and its products, visible and hidden),
/// newest first; owner or `orders.view`.
#[utoipa::path(get, path = "/partner/stores/{storeId}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("storeId" = String, Path), ReviewListQuery),
    responses(
        (status = 200, body = Paged<Review>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, description = "no such store for the caller", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn partner_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<ReviewListQuery>,
) -> ApiResult<ApiOk<Vec<Review>>> {
    let (rows, meta) = service::for_store(&state, &caller, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// The store's reply to a review of it (owner or `orders.manage`); replying
/// again replaces the reply.
#[utoipa::path(post, path = "/partner/stores/{storeId}/reviews/{reviewId}/reply", tag = "reviews", security(("bearer" = [])),
    params(("storeId" = String, Path), ("reviewId" = String, Path)),
    request_body = ReplyRequest,
    responses(
        (status = 200, body = Envelope<Review>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, description = "no such store for the caller, or a review of another store", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn reply(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, review)): Path<(String, String)>,
    ValidJson(body): ValidJson<ReplyRequest>,
) -> ApiResult<ApiOk<Review>> {
    Ok(ApiOk::new(
        service::reply(
            &state,
            &caller,
            parse_id(&store)?,
            parse_id(&review)?,
            &body,
        )
        .await?,
    ))
}

/// The moderation queue (`reviews.moderate`), newest first.
#[utoipa::path(get, path = "/admin/reviews", tag = "reviews", security(("bearer" = [])),
    params(ModerationQuery),
    responses(
        (status = 200, body = Paged<AdminReview>),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn queue(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<ModerationQuery>,
) -> ApiResult<ApiOk<Vec<AdminReview>>> {
    let (rows, meta) = service::queue(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Hides a review (`reviews.moderate`, audited): it leaves the public lists
/// and its target's rating. Hiding a hidden review changes nothing.
#[utoipa::path(post, path = "/admin/reviews/{id}/hide", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = HideRequest,
    responses(
        (status = 200, body = Envelope<AdminReview>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn hide(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<HideRequest>,
) -> ApiResult<ApiOk<AdminReview>> {
    Ok(ApiOk::new(
        service::hide(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// Shows a hidden review again (`reviews.moderate`, audited). Restoring a
/// visible review changes nothing.
#[utoipa::path(post, path = "/admin/reviews/{id}/restore", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<AdminReview>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn restore(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<AdminReview>> {
    Ok(ApiOk::new(
        service::restore(&state, &caller, parse_id(&id)?).await?,
    ))
}
