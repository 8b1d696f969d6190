//! The rep's home (`/rider`): the online switch (going online sends the
//! phone's position, asked by rider.js) and the open requests that reached
//! the rep, nearest first; a request's page (`/rider/repairs/{id}`) with the
//! offer form (price in SAR before VAT, arrival in minutes, a note).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::content::BannerApp;
use app::repairs::model::{PresenceInput, RepairOfferInput, RepairRequest};
use app::repairs::service::requests;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::{
    SURFACE, Session, Ui, acting, decimal, done, error_page, problem, problem_icon, rider_base, ui,
};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_decimal, parse_int, parse_sar, validated};
use crate::shared;
use crate::signin;

/// An open request as the rep's list and its page show it.
pub struct RequestView {
    pub id: String,
    pub number: String,
    pub problem: String,
    pub icon: &'static str,
    /// How far, in km and the page's digits; empty when unknown.
    pub distance: String,
    pub address: String,
    pub car: String,
    pub description: String,
    /// Wanted later (a time) rather than now.
    pub scheduled: bool,
    /// When it is wanted, or when it was asked for.
    pub when: String,
    /// Until when offers are taken.
    pub expires: String,
    /// A maps link to the pin.
    pub map_url: String,
    /// The customer's photos.
    pub photos: Vec<String>,
}

impl RequestView {
    pub fn new(locale: Locale, r: &RepairRequest) -> RequestView {
        RequestView {
            id: r.id.to_string(),
            number: r.number.clone(),
            problem: problem(locale, &r.problem),
            icon: problem_icon(&r.problem),
            distance: r
                .distance_km
                .map(|d| decimal(locale, d, 1))
                .unwrap_or_default(),
            address: r.address.trim().to_owned(),
            car: r.car_label.trim().to_owned(),
            description: r.description.trim().to_owned(),
            scheduled: r.wanted_at.is_some(),
            when: shared::when(locale, r.wanted_at.unwrap_or(r.created_at)),
            expires: shared::when(locale, r.expires_at),
            map_url: map_url(r.lat, r.lng),
            photos: r.photos.iter().map(ToString::to_string).collect(),
        }
    }
}

/// A link that opens the point in the phone's maps (directions to it).
pub fn map_url(lat: f64, lng: f64) -> String {
    format!("https://www.google.com/maps/dir/?api=1&destination={lat:.6},{lng:.6}")
}

// ---------------------------------------------------------------- home

#[derive(Template, WebTemplate)]
#[template(path = "rider/home.html")]
struct HomePage {
    u: Ui,
    online: bool,
    /// When the position was last sent.
    seen: String,
    requests: Vec<RequestView>,
    /// Why going online failed (no position, outside the country…).
    error: Option<String>,
    /// The live rider banners, under the online switch.
    strip: crate::content_view::BannerStrip,
}

/// The list alone, for the list's own refresh while online.
#[derive(Template, WebTemplate)]
#[template(path = "rider/nearby.html")]
struct NearbyFragment {
    u: Ui,
    online: bool,
    requests: Vec<RequestView>,
}

async fn load(
    state: &AppState,
    caller: &Caller,
    locale: Locale,
) -> Result<(bool, String, Vec<RequestView>), ApiError> {
    let p = requests::presence(state, caller).await?;
    let list = if p.online {
        requests::nearby(state, caller).await?
    } else {
        Vec::new()
    };
    let seen = p
        .seen_at
        .map(|at| shared::when(locale, at))
        .unwrap_or_default();
    Ok((
        p.online,
        seen,
        list.iter().map(|r| RequestView::new(locale, r)).collect(),
    ))
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let (online, seen, requests) = match load(state, caller, ctx.locale).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let u = ui(ctx, csrf, "home");
    let strip = crate::content_view::banners(state, BannerApp::Rider, &u.c, u.base, "strip").await;
    let page = HomePage {
        u,
        strip,
        online,
        seen,
        requests,
        error,
    };
    (status, page).into_response()
}

/// `GET /rider`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
) -> Response {
    render(&state, &ctx, &caller, &csrf, None, StatusCode::OK).await
}

/// `GET /rider/nearby`: the list again (htmx polls it while the rep is
/// online). A session that ended stops the polling (286) instead of
/// swapping the sign-in page into the list.
pub async fn nearby_fragment(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let Some((caller, csrf)) = signin::current(&state, &ctx, &SURFACE, rider_base(&ctx)).await
    else {
        return StatusCode::from_u16(286)
            .unwrap_or(StatusCode::NO_CONTENT)
            .into_response();
    };
    match load(&state, &caller, ctx.locale).await {
        Ok((online, _, requests)) => NearbyFragment {
            u: ui(&ctx, &csrf, "home"),
            online,
            requests,
        }
        .into_response(),
        Err(e) => e.status().into_response(),
    }
}

/// `POST /rider/presence`: online (with `lat`/`lng`) or offline.
pub async fn presence(
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
    let online = f.get("online") == "1";
    let at = parse_decimal(&f.get("lat")).zip(parse_decimal(&f.get("lng")));
    if online && at.is_none() {
        let message = t(ctx.locale, "rd-location-needed");
        return render(
            &state,
            &ctx,
            &caller,
            &csrf,
            Some(message),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let req = PresenceInput {
        online,
        lat: at.map(|p| p.0),
        lng: at.map(|p| p.1),
    };
    let result = async {
        validated(&req, FieldErrors::new())?;
        requests::set_presence(&state, &caller, &req).await
    }
    .await;
    match result {
        Ok(p) => {
            let key = if p.online {
                "rd-online-done"
            } else {
                "rd-offline-done"
            };
            done(
                &headers,
                &shared::home_url(rider_base(&ctx)),
                &t(ctx.locale, key),
            )
        }
        Err(e @ (ApiError::Validation(_) | ApiError::Unprocessable { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let mut message = [errors.of("lat"), errors.of("lng")]
                .into_iter()
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if message.is_empty() {
                message = errors.form.unwrap_or_default();
            }
            render(&state, &ctx, &caller, &csrf, Some(message), e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

// ---------------------------------------------------------------- a request and the offer

/// What the rep typed, shown again with the errors.
#[derive(Default)]
pub struct OfferForm {
    pub price: String,
    pub eta: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rider/repair.html")]
struct RepairPage {
    u: Ui,
    r: RequestView,
    form: OfferForm,
    errors: Errors,
}

/// The open request that reached the rep, or 404.
async fn reached(state: &AppState, caller: &Caller, id: Uuid) -> Result<RepairRequest, ApiError> {
    requests::nearby(state, caller)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(ApiError::NotFound)
}

#[allow(clippy::too_many_arguments)]
async fn render_repair(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: Uuid,
    form: OfferForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let r = reached(state, caller, id).await?;
    let page = RepairPage {
        u: ui(ctx, csrf, "home"),
        r: RequestView::new(ctx.locale, &r),
        form,
        errors,
    };
    Ok((status, page).into_response())
}

/// `GET /rider/repairs/{id}`.
pub async fn repair(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    let shown = async {
        let id = parse_id(&id)?;
        render_repair(
            &state,
            &ctx,
            &caller,
            &csrf,
            id,
            OfferForm::default(),
            Errors::none(),
            StatusCode::OK,
        )
        .await
    }
    .await;
    shown.unwrap_or_else(|e| error_page(&ctx, e))
}

/// `POST /rider/repairs/{id}/offers`: the offer (or its revision).
pub async fn offer(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let form = OfferForm {
        price: f.get("price"),
        eta: f.get("eta"),
        note: f.get("note"),
    };
    let mut shape = FieldErrors::new();
    let price = match parse_sar(&form.price) {
        Some(p) => p,
        None => {
            shape.add("price", Message::new("rd-price-invalid"));
            0
        }
    };
    let eta_minutes = match parse_int::<i32>(&form.eta) {
        Some(m) => m,
        None => {
            shape.add("etaMinutes", Message::new("rd-eta-invalid"));
            0
        }
    };
    let input = RepairOfferInput {
        price,
        eta_minutes,
        note: (!form.note.is_empty()).then(|| form.note.clone()),
    };
    let result = async {
        validated(&input, shape)?;
        requests::offer(&state, &caller, id, &input).await
    }
    .await;
    match result {
        Ok(_) => done(
            &headers,
            &shared::home_url(rider_base(&ctx)),
            &t(ctx.locale, "rd-offer-sent"),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let status = e.status();
            match render_repair(&state, &ctx, &caller, &csrf, id, form, errors, status).await {
                Ok(page) => page,
                // The request closed meanwhile: say why, not "not found".
                Err(_) => error_page(&ctx, e),
            }
        }
    }
}
