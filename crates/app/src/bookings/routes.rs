//! HTTP handlers of bookings: the public menu and availability, the
//! customer's bookings, the store's menu, schedule, blocks, calendar and
//! steps, and the admin's list with forced steps.

use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    Availability, AvailabilityQuery, BlockInput, BlockRow, Booked, Booking, BookingInput,
    BookingStats, BookingsQuery, CancelInput, ItemInput, Schedule, ServiceItem, StepInput,
};
use super::service::{book, menu, steps};
use crate::AppState;
use crate::auth::{Caller, ClientInfo};
use crate::idempotency::{IdempotencyKey, Replay};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public_menu))
        .routes(routes!(availability))
        .routes(routes!(create, mine))
        .routes(routes!(get))
        .routes(routes!(cancel))
        .routes(routes!(items, create_item))
        .routes(routes!(update_item, delete_item))
        .routes(routes!(schedule, save_schedule))
        .routes(routes!(blocks, add_block))
        .routes(routes!(delete_block))
        .routes(routes!(store_bookings))
        .routes(routes!(store_booking))
        .routes(routes!(store_step))
        .routes(routes!(store_stats))
        .routes(routes!(admin_bookings))
        .routes(routes!(admin_booking))
        .routes(routes!(admin_step))
}

/// An active store's bookable services with their prices per body type.
#[utoipa::path(get, path = "/stores/{id}/services", tag = "bookings", params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Vec<ServiceItem>>), (status = 404, body = ErrorEnvelope)))]
async fn public_menu(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Vec<ServiceItem>>> {
    Ok(ApiOk::new(
        menu::public_menu(&state, client.locale, parse_id(&id)?).await?,
    ))
}

/// The free starts (Asia/Riyadh) for the chosen services, day by day: the
/// schedule minus blocked periods, minus bays held, within the lead time
/// and the horizon.
#[utoipa::path(get, path = "/stores/{id}/availability", tag = "bookings",
    params(("id" = String, Path), AvailabilityQuery),
    responses((status = 200, body = Envelope<Availability>), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn availability(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<AvailabilityQuery>,
) -> ApiResult<ApiOk<Availability>> {
    Ok(ApiOk::new(
        book::availability(&state, parse_id(&id)?, &q).await?,
    ))
}

/// Books a start for a garage car or a body type (card: `paymentUrl`;
/// wallet: paid at once; cash: at the store). Requires `Idempotency-Key`.
#[utoipa::path(post, path = "/bookings", tag = "bookings", security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = BookingInput,
    responses(
        (status = 201, body = Envelope<Booked>),
        (status = 409, description = "SLOT_UNAVAILABLE, SLOT_FULL", body = ErrorEnvelope),
        (status = 422, description = "STORE_UNAVAILABLE, CAR_NOT_FOUND, BODY_TYPE_UNKNOWN, CARD_UNAVAILABLE, INSUFFICIENT_FUNDS, IDEMPOTENCY_KEY_*", body = ErrorEnvelope),
    ))]
async fn create(
    State(state): State<AppState>,
    caller: Caller,
    key: IdempotencyKey,
    ValidJson(body): ValidJson<BookingInput>,
) -> ApiResult<Replay> {
    book::book(&state, &caller, &key, &body).await
}

/// The caller's bookings, latest start first.
#[utoipa::path(get, path = "/bookings", tag = "bookings", security(("bearer" = [])), params(BookingsQuery),
    responses((status = 200, body = Paged<Booking>), (status = 401, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn mine(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<BookingsQuery>,
) -> ApiResult<ApiOk<Vec<Booking>>> {
    let (rows, meta) = book::mine(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/bookings/{id}", tag = "bookings", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Booking>), (status = 404, body = ErrorEnvelope)))]
async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        book::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Cancels until the store's window before the start, with a full refund.
#[utoipa::path(post, path = "/bookings/{id}/cancel", tag = "bookings", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = CancelInput,
    responses((status = 200, body = Envelope<Booking>), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "BOOKING_NOT_OPEN, CANCEL_WINDOW_CLOSED", body = ErrorEnvelope)))]
async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<CancelInput>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        book::cancel(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}

/// The store's whole menu, inactive items too (`bookings.manage`).
#[utoipa::path(get, path = "/partner/stores/{storeId}/service-items", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<Vec<ServiceItem>>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn items(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<Vec<ServiceItem>>> {
    Ok(ApiOk::new(
        menu::menu(&state, &caller, parse_id(&store)?).await?,
    ))
}

#[utoipa::path(post, path = "/partner/stores/{storeId}/service-items", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)), request_body = ItemInput,
    responses((status = 201, body = Envelope<ServiceItem>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "TOO_MANY_ITEMS", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn create_item(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidJson(body): ValidJson<ItemInput>,
) -> ApiResult<ApiOk<ServiceItem>> {
    Ok(ApiOk::created(
        menu::save_item(&state, &caller, parse_id(&store)?, None, &body).await?,
    ))
}

#[utoipa::path(put, path = "/partner/stores/{storeId}/service-items/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)), request_body = ItemInput,
    responses((status = 200, body = Envelope<ServiceItem>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn update_item(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<ItemInput>,
) -> ApiResult<ApiOk<ServiceItem>> {
    Ok(ApiOk::new(
        menu::save_item(
            &state,
            &caller,
            parse_id(&store)?,
            Some(parse_id(&id)?),
            &body,
        )
        .await?,
    ))
}

#[utoipa::path(delete, path = "/partner/stores/{storeId}/service-items/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn delete_item(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    menu::delete_item(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// The weekly hours (local time), slot length, bays, lead time, horizon and
/// cancellation window; a store that never set one gets the starting values.
#[utoipa::path(get, path = "/partner/stores/{storeId}/booking-schedule", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<Schedule>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn schedule(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<Schedule>> {
    Ok(ApiOk::new(
        menu::schedule(&state, &caller, parse_id(&store)?).await?,
    ))
}

#[utoipa::path(put, path = "/partner/stores/{storeId}/booking-schedule", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)), request_body = Schedule,
    responses((status = 200, body = Envelope<Schedule>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn save_schedule(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidJson(body): ValidJson<Schedule>,
) -> ApiResult<ApiOk<Schedule>> {
    Ok(ApiOk::new(
        menu::save_schedule(&state, &caller, parse_id(&store)?, &body).await?,
    ))
}

#[utoipa::path(get, path = "/partner/stores/{storeId}/booking-blocks", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<Vec<BlockRow>>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn blocks(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<Vec<BlockRow>>> {
    Ok(ApiOk::new(
        menu::blocks(&state, &caller, parse_id(&store)?).await?,
    ))
}

/// Blocks a period: once, weekly, or a whole day every year.
#[utoipa::path(post, path = "/partner/stores/{storeId}/booking-blocks", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)), request_body = BlockInput,
    responses((status = 201, body = Envelope<BlockRow>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "TOO_MANY_BLOCKS", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn add_block(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidJson(body): ValidJson<BlockInput>,
) -> ApiResult<ApiOk<BlockRow>> {
    Ok(ApiOk::created(
        menu::add_block(&state, &caller, parse_id(&store)?, &body).await?,
    ))
}

#[utoipa::path(delete, path = "/partner/stores/{storeId}/booking-blocks/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = NullEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn delete_block(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Option<()>>> {
    menu::delete_block(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?;
    Ok(ApiOk::new(None))
}

/// The store's bookings, soonest first, by local date range and status.
#[utoipa::path(get, path = "/partner/stores/{storeId}/bookings", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), BookingsQuery),
    responses((status = 200, body = Paged<Booking>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn store_bookings(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
    ValidQuery(q): ValidQuery<BookingsQuery>,
) -> ApiResult<ApiOk<Vec<Booking>>> {
    let (rows, meta) = steps::store_list(&state, &caller, parse_id(&store)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/partner/stores/{storeId}/bookings/{id}", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)),
    responses((status = 200, body = Envelope<Booking>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn store_booking(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        steps::store_booking(&state, &caller, parse_id(&store)?, parse_id(&id)?).await?,
    ))
}

/// Confirms, rejects (with a reason), starts, completes or marks a no-show.
#[utoipa::path(post, path = "/partner/stores/{storeId}/bookings/{id}/status", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path), ("id" = String, Path)), request_body = StepInput,
    responses((status = 200, body = Envelope<Booking>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "ILLEGAL_TRANSITION, BOOKING_NOT_PAID, BOOKING_NOT_STARTED", body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn store_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((store, id)): Path<(String, String)>,
    ValidJson(body): ValidJson<StepInput>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        steps::store_step(&state, &caller, parse_id(&store)?, parse_id(&id)?, &body).await?,
    ))
}

/// The last 30 days' bookings and what is booked ahead.
#[utoipa::path(get, path = "/partner/stores/{storeId}/bookings-stats", tag = "partner", security(("bearer" = [])),
    params(("storeId" = String, Path)),
    responses((status = 200, body = Envelope<BookingStats>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn store_stats(
    State(state): State<AppState>,
    caller: Caller,
    Path(store): Path<String>,
) -> ApiResult<ApiOk<BookingStats>> {
    Ok(ApiOk::new(
        steps::store_stats(&state, &caller, parse_id(&store)?, 30).await?,
    ))
}

/// Every booking, newest start first, by store, status and dates (`bookings.manage`).
#[utoipa::path(get, path = "/admin/bookings", tag = "admin", security(("bearer" = [])), params(BookingsQuery),
    responses((status = 200, body = Paged<Booking>), (status = 403, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn admin_bookings(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<BookingsQuery>,
) -> ApiResult<ApiOk<Vec<Booking>>> {
    let (rows, meta) = steps::admin_list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/admin/bookings/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = Envelope<Booking>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn admin_booking(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        steps::admin_get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Forces a store step, or a cancellation, with a reason (audited).
#[utoipa::path(post, path = "/admin/bookings/{id}/status", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)), request_body = StepInput,
    responses((status = 200, body = Envelope<Booking>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn admin_step(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<StepInput>,
) -> ApiResult<ApiOk<Booking>> {
    Ok(ApiOk::new(
        steps::admin_step(&state, &caller, parse_id(&id)?, &body).await?,
    ))
}
