use axum::extract::State;
use http::HeaderMap;
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidJson;
use kernel::{ApiOk, ApiResult, Locale};

use super::model::{PublicSettings, SettingsView, SystemSettings};
use super::service;
use crate::AppState;
use crate::auth::Caller;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_settings, put_settings))
        .routes(routes!(public_settings))
}

/// The whole settings document with its version.
#[utoipa::path(get, path = "/admin/settings", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Envelope<SettingsView>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
    ))]
async fn get_settings(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<ApiOk<SettingsView>> {
    Ok(ApiOk::new(service::get(&state, &caller).await?))
}

/// Replaces the settings document (`settings.manage`, audited). Every node
/// applies it within moments: maintenance mode, marketplace switches, OTP
/// bounds, minimum app versions.
#[utoipa::path(put, path = "/admin/settings", tag = "admin", security(("bearer" = [])),
    request_body = SystemSettings,
    responses(
        (status = 200, body = Envelope<SettingsView>),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, description = "every field out of its bounds, e.g. otp.maxAttempts", body = ErrorEnvelope),
    ))]
async fn put_settings(
    State(state): State<AppState>,
    caller: Caller,
    ValidJson(body): ValidJson<SystemSettings>,
) -> ApiResult<ApiOk<SettingsView>> {
    Ok(ApiOk::new(service::update(&state, &caller, &body).await?))
}

/// What an app reads at start: maintenance, coming soon, which marketplaces
/// are on, and the oldest app version allowed (older apps get 426 once they
/// send `X-App-Name` and `X-App-Version`).
#[utoipa::path(get, path = "/settings/public", tag = "operations",
    responses((status = 200, body = Envelope<PublicSettings>)))]
async fn public_settings(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<ApiOk<PublicSettings>> {
    Ok(ApiOk::new(service::public(
        &state,
        Locale::from_headers(&headers),
    )))
}
