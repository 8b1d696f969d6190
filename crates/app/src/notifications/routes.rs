use axum::extract::{Path, State};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope, NullEnvelope, Paged};
use kernel::extract::{ValidJson, ValidQuery};
use kernel::ids::parse_id;
use kernel::{ApiOk, ApiResult};

use super::model::{
    Broadcast, BroadcastInput, BroadcastQuery, Delivery, DeliveryQuery, Device, DeviceInput,
    InboxItem, InboxQuery, MarkedRead, Preferences, PreferencesInput, Template, TemplateInput,
    TemplateQuery, UnreadCount, WebPushKey,
};
use super::{broadcast, service};
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register_device))
        .routes(routes!(remove_device))
        .routes(routes!(webpush_key))
        .routes(routes!(inbox))
        .routes(routes!(unread_count))
        .routes(routes!(mark_read))
        .routes(routes!(mark_all_read))
        .routes(routes!(get_preferences, put_preferences))
        .routes(routes!(list_templates))
        .routes(routes!(put_template))
        .routes(routes!(list_broadcasts, create_broadcast))
        .routes(routes!(get_broadcast))
        .routes(routes!(list_deliveries))
}

// ---------------------------------------------------------------- devices

/// Registers the caller's device for push (again: the same token is
/// updated, or moved from whoever had it). For `web` the token is the
/// PushSubscription JSON as a string.
#[utoipa::path(post, path = "/devices", tag = "notifications", security(("bearer" = [])),
    request_body = DeviceInput,
    responses(
        (status = 200, body = Envelope<Device>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn register_device(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<DeviceInput>,
) -> ApiResult<ApiOk<Device>> {
    Ok(ApiOk::new(
        service::register_device(&state, &caller, &body).await?,
    ))
}

/// Forgets one of the caller's device tokens (URL-encoded), e.g. on sign-out.
#[utoipa::path(delete, path = "/devices/{token}", tag = "notifications", security(("bearer" = [])),
    params(("token" = String, Path)),
    responses(
        (status = 200, body = NullEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn remove_device(
    State(state): State<AppState>,
    caller: Caller,
    Path(token): Path<String>,
) -> ApiResult<ApiOk<Option<()>>> {
    service::remove_device(&state, &caller, &token).await?;
    Ok(ApiOk::new(None))
}

/// The VAPID public key the PWAs subscribe with; 404 when web push is not configured.
#[utoipa::path(get, path = "/notifications/webpush-key", tag = "notifications",
    responses(
        (status = 200, body = Envelope<WebPushKey>),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn webpush_key(State(state): State<AppState>) -> ApiResult<ApiOk<WebPushKey>> {
    Ok(ApiOk::new(service::webpush_key(&state)?))
}

// ---------------------------------------------------------------- inbox

/// The caller's in-app notifications, newest first, in the request's
/// language; `meta.unread` counts the unread ones.
#[utoipa::path(get, path = "/notifications", tag = "notifications", security(("bearer" = [])),
    params(InboxQuery),
    responses(
        (status = 200, body = Paged<InboxItem>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<InboxQuery>,
) -> ApiResult<ApiOk<Vec<InboxItem>>> {
    let (rows, meta) = service::inbox(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

#[utoipa::path(get, path = "/notifications/unread-count", tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<UnreadCount>),
        (status = 401, body = ErrorEnvelope),
    ))]
async fn unread_count(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<UnreadCount>> {
    Ok(ApiOk::new(service::unread_count(&state, &caller).await?))
}

/// Marks one of the caller's notifications read.
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<InboxItem>),
        (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn mark_read(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<InboxItem>> {
    Ok(ApiOk::new(
        service::mark_read(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// Marks every notification of the caller read.
#[utoipa::path(post, path = "/notifications/read-all", tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<MarkedRead>),
        (status = 401, body = ErrorEnvelope),
    ))]
async fn mark_all_read(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<MarkedRead>> {
    Ok(ApiOk::new(service::mark_all_read(&state, &caller).await?))
}

// ---------------------------------------------------------------- preferences

/// The caller's opt-ins per category and channel (on unless turned off,
/// except marketing by SMS and email, off unless turned on).
#[utoipa::path(get, path = "/notifications/preferences", tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<Preferences>),
        (status = 401, body = ErrorEnvelope),
    ))]
async fn get_preferences(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<Preferences>> {
    Ok(ApiOk::new(service::preferences(&state, &caller).await?))
}

/// Changes the opt-ins present in the body; answers all of them.
#[utoipa::path(put, path = "/notifications/preferences", tag = "notifications",
    security(("bearer" = [])),
    request_body = PreferencesInput,
    responses(
        (status = 200, body = Envelope<Preferences>),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn put_preferences(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<PreferencesInput>,
) -> ApiResult<ApiOk<Preferences>> {
    Ok(ApiOk::new(
        service::set_preferences(&state, &caller, &body).await?,
    ))
}

// ---------------------------------------------------------------- templates

/// Every notification template (event × channel × language); needs `notifications.manage`.
#[utoipa::path(get, path = "/admin/notification-templates", tag = "admin",
    security(("bearer" = [])),
    params(TemplateQuery),
    responses(
        (status = 200, body = Envelope<Vec<Template>>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_templates(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<TemplateQuery>,
) -> ApiResult<ApiOk<Vec<Template>>> {
    Ok(ApiOk::new(service::templates(&state, &caller, &q).await?))
}

/// Writes a template of a known event (`order.status`, `order.new`,
/// `chat.message`, `broadcast`), channel (`push`, `sms`, `email`, `in_app`)
/// and language (`ar`, `en`); only the event's `{placeholders}` are allowed.
/// Audited; needs `notifications.manage`.
#[utoipa::path(put, path = "/admin/notification-templates/{event}/{channel}/{locale}",
    tag = "admin", security(("bearer" = [])),
    params(("event" = String, Path), ("channel" = String, Path), ("locale" = String, Path)),
    request_body = TemplateInput,
    responses(
        (status = 200, body = Envelope<Template>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn put_template(
    State(state): State<AppState>,
    caller: Caller,
    Path((event, channel, locale)): Path<(String, String, String)>,
    ValidJson(body): ValidJson<TemplateInput>,
) -> ApiResult<ApiOk<Template>> {
    Ok(ApiOk::new(
        service::put_template(&state, &caller, (&event, &channel, &locale), &body).await?,
    ))
}

// ---------------------------------------------------------------- broadcasts

/// Broadcasts, newest first, with recipients and deliveries by status; needs
/// `notifications.manage`.
#[utoipa::path(get, path = "/admin/broadcasts", tag = "admin", security(("bearer" = [])),
    params(BroadcastQuery),
    responses(
        (status = 200, body = Paged<Broadcast>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_broadcasts(
    State(state): State<AppState>,
    caller: Caller,
    ValidQuery(q): ValidQuery<BroadcastQuery>,
) -> ApiResult<ApiOk<Vec<Broadcast>>> {
    let (rows, meta) = broadcast::list(&state, &caller, &q).await?;
    Ok(ApiOk::page(rows, meta))
}

/// Sends a message in both languages to a segment (`role`, `city` of the
/// default address, or `all: true`) on the chosen channels, through the
/// queue in batches; audited, needs `notifications.manage`. Marketing
/// opt-ins apply.
#[utoipa::path(post, path = "/admin/broadcasts", tag = "admin", security(("bearer" = [])),
    request_body = BroadcastInput,
    responses(
        (status = 201, body = Envelope<Broadcast>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn create_broadcast(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<BroadcastInput>,
) -> ApiResult<ApiOk<Broadcast>> {
    Ok(ApiOk::created(
        broadcast::create(&state, &caller, &body).await?,
    ))
}

/// One broadcast with its progress; needs `notifications.manage`.
#[utoipa::path(get, path = "/admin/broadcasts/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = Envelope<Broadcast>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn get_broadcast(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Broadcast>> {
    Ok(ApiOk::new(
        broadcast::get(&state, &caller, parse_id(&id)?).await?,
    ))
}

/// A broadcast's delivery per recipient and channel; needs `notifications.manage`.
#[utoipa::path(get, path = "/admin/broadcasts/{id}/deliveries", tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path), DeliveryQuery),
    responses(
        (status = 200, body = Paged<Delivery>),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn list_deliveries(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ValidQuery(q): ValidQuery<DeliveryQuery>,
) -> ApiResult<ApiOk<Vec<Delivery>>> {
    let (rows, meta) = broadcast::deliveries(&state, &caller, parse_id(&id)?, &q).await?;
    Ok(ApiOk::page(rows, meta))
}
