//! System settings (`settings.manage`): one form over the whole settings
//! document, each section a card, errors beside their fields; and, for super
//! admins, the danger zone's clear behind a dialog (phrase + SMS step-up).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::auth::Caller;
use app::danger::model::ClearRequest;
use app::identity::model::Role;
use app::settings::SystemSettings;
use kernel::i18n::Message;
use kernel::{ApiError, FieldErrors};

use super::common::{parse_percent, percent_input};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared;
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    s: SystemSettings,
    /// The commission as typed (percent).
    commission: String,
    version: i64,
    errors: Errors,
    super_admin: bool,
    phrase: &'static str,
    /// The danger zone's dialog, reopened with its errors.
    clear_errors: Errors,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    draft: Option<(SystemSettings, String)>,
    errors: Errors,
    clear_errors: Errors,
    status: StatusCode,
) -> Response {
    let view = match app::settings::service::get(state, caller).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (s, commission) = draft.unwrap_or_else(|| {
        let pct = percent_input(i64::from(view.settings.default_commission_bp));
        (view.settings, pct)
    });
    let page = SettingsPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "settings",
        s,
        commission,
        version: view.version,
        errors,
        super_admin: caller.role == Role::SuperAdmin,
        phrase: app::danger::CONFIRM_PHRASE,
        clear_errors,
    };
    (status, page).into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        None,
        Errors::none(),
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

/// The document as the form sent it, and the fields that could not be read.
fn read(f: &Fields) -> (SystemSettings, String, FieldErrors) {
    let mut e = FieldErrors::new();
    let mut int = |field: &str, name: &str| -> i32 {
        let raw = f.get(name);
        match parse_int::<i32>(&raw) {
            Some(v) => v,
            None => {
                let key = if raw.trim().is_empty() {
                    "validation-required"
                } else {
                    "adm-number-invalid"
                };
                e.add(field, Message::new(key));
                0
            }
        }
    };
    let on = |name: &str| !f.get(name).is_empty();
    let mut s = SystemSettings::default();
    s.maintenance.enabled = on("maintenance_enabled");
    s.maintenance.message_ar = f.get("message_ar").trim().to_owned();
    s.maintenance.message_en = f.get("message_en").trim().to_owned();
    s.maintenance.retry_after_minutes = int("maintenance.retryAfterMinutes", "retry_after");
    s.coming_soon = on("coming_soon");
    s.marketplaces.direct_orders = on("m_direct_orders");
    s.marketplaces.requests = on("m_requests");
    s.marketplaces.bookings = on("m_bookings");
    s.marketplaces.repairs = on("m_repairs");
    s.marketplaces.external_parts = on("m_external_parts");
    s.distances.request_radius_km = int("distances.requestRadiusKm", "request_radius");
    s.distances.rep_radius_km = int("distances.repRadiusKm", "rep_radius");
    s.otp.ttl_seconds = int("otp.ttlSeconds", "otp_ttl");
    s.otp.resend_seconds = int("otp.resendSeconds", "otp_resend");
    s.otp.max_attempts = int("otp.maxAttempts", "otp_attempts");
    s.otp.per_phone_per_hour = int("otp.perPhonePerHour", "otp_per_hour");
    s.min_app_versions.customer = f.get("v_customer").trim().to_owned();
    s.min_app_versions.store = f.get("v_store").trim().to_owned();
    s.min_app_versions.rider = f.get("v_rider").trim().to_owned();
    let commission = f.get("commission");
    match parse_percent(&commission) {
        Some(bp) if (0..=10_000).contains(&bp) => s.default_commission_bp = bp as i32,
        _ => {
            e.add("defaultCommissionBp", Message::new("adm-percent-invalid"));
        }
    }
    (s, commission, e)
}

/// Saves the whole document; a refused form comes back with its errors.
pub async fn save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (body, commission, shape) = read(&f);
    let result = match validated(&body, shape) {
        Ok(()) => app::settings::service::update(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => shared::redirect_with_toast(
            &format!("{}/settings", ctx.admin_base()),
            &kernel::i18n::t(ctx.locale, "adm-settings-saved"),
        ),
        Err(e @ ApiError::Validation(_)) => {
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                Some((body, commission)),
                errors,
                Errors::none(),
                status,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

#[derive(Template, WebTemplate)]
#[template(
    source = "<p class=\"notice\" id=\"step-up-sent\" role=\"status\">{{ text }}</p>",
    ext = "html"
)]
struct CodeSent {
    text: String,
}

/// Sends the step-up code (htmx): the dialog says where it went.
pub async fn step_up(State(state): State<AppState>, ctx: WebCtx, headers: HeaderMap) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match app::danger::service::step_up(&state, &caller).await {
        Ok(sent) => shared::with_toast(
            CodeSent {
                text: Message::new("adm-danger-code-sent")
                    .arg("phone", sent.sent_to)
                    .render(ctx.locale),
            }
            .into_response(),
            &kernel::i18n::t(ctx.locale, "adm-danger-code-sent-toast"),
            "success",
        ),
        Err(e) => super::common::refused(&ctx, e),
    }
}

/// The clear itself; refused, the dialog opens again with its errors.
pub async fn clear(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let code: String = f
        .get("code")
        .trim()
        .chars()
        .filter_map(kernel::phone::ascii_digit)
        .collect();
    let body = ClearRequest {
        phrase: f.get("phrase"),
        code,
    };
    let result = match validated(&body, FieldErrors::new()) {
        Ok(()) => app::danger::service::clear(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(report) => shared::redirect_with_toast(
            &format!("{}/settings", ctx.admin_base()),
            &Message::new("adm-danger-cleared")
                .arg("tables", report.removed.len())
                .render(ctx.locale),
        ),
        Err(
            e
            @ (ApiError::Validation(_) | ApiError::Unprocessable { .. } | ApiError::Denied { .. }),
        ) => {
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                None,
                Errors::none(),
                errors,
                status,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}
