//! A store's requests: the inbox of part requests it received, by outcome,
//! with its win rate; a request as the store sees it (no phone, street or
//! point: the district and the distance) with the store's offers and the
//! offer form (`request_offer.rs`); the negotiation chat; and the coverage
//! the store declares (the makes and categories it is asked about).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::requests::model::{
    CoverageInput, InboxQuery, Offer, OfferStatus, Outcome, StoreRequest, WinRate,
};
use app::requests::service::store as requests;
use kernel::ApiError;
use kernel::i18n::t;
use kernel::ids::parse_id;

use super::request_offer::{OfferDraft, OfferView};
use super::{Session, StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared::{Pager, redirect_with_toast, when};
use crate::signin::Signed;

const OUTCOMES: [&str; 5] = ["new", "offered", "won", "lost", "expired"];

/// One received request in the inbox.
pub struct Row {
    pub id: String,
    pub number: String,
    pub vehicle: String,
    pub part: String,
    pub description: String,
    pub place: String,
    pub distance: String,
    pub outcome: &'static str,
    pub expires: String,
}

fn place(r: &StoreRequest) -> String {
    match r.district.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => format!("{d}، {}", r.city),
        None => r.city.clone(),
    }
}

fn excerpt(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

impl Row {
    fn of(r: &StoreRequest, locale: kernel::Locale) -> Row {
        Row {
            id: r.id.to_string(),
            number: r.number.clone(),
            vehicle: format!(
                "{} {} {}",
                r.vehicle.make_name, r.vehicle.model_name, r.vehicle.year
            ),
            part: r.category.name.clone(),
            description: excerpt(&r.description, 80),
            place: place(r),
            distance: format!("{:.1}", r.distance_km),
            outcome: r.outcome.as_str(),
            expires: when(locale, r.expires_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/requests.html")]
struct InboxPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    outcome: String,
    outcomes: [&'static str; 5],
    rows: Vec<Row>,
    rate: WinRate,
    pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct InboxParams {
    outcome: Option<String>,
    page: Option<u32>,
}

pub async fn inbox(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
    Query(q): Query<InboxParams>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let outcome = q
        .outcome
        .as_deref()
        .and_then(|o| Outcome::ALL.into_iter().find(|x| x.as_str() == o));
    let query = InboxQuery {
        outcome,
        page: q.page,
        per_page: Some(20),
    };
    let loaded = async {
        let (rows, meta) = requests::inbox(&state, &caller, id, &query).await?;
        let rate = requests::win_rate(&state, &caller, id).await?;
        Ok::<_, ApiError>((rows, meta, rate))
    }
    .await;
    let (rows, meta, rate) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = ctx.partner_base();
    let filter = outcome
        .map(|o| format!("outcome={}&", o.as_str()))
        .unwrap_or_default();
    InboxPage {
        c: chrome(&ctx, &csrf),
        base,
        section: "stores",
        tab: "requests",
        outcome: outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
        outcomes: OUTCOMES,
        rows: rows.iter().map(|r| Row::of(r, ctx.locale)).collect(),
        rate,
        pager: Pager::new(&ctx, &meta, |p| {
            format!("{base}/stores/{id}/requests?{filter}page={p}")
        }),
        store: nav,
    }
    .into_response()
}

/// A received request, as the detail page shows it.
pub struct RequestView {
    pub id: String,
    pub number: String,
    pub outcome: &'static str,
    pub vehicle: String,
    pub vin: String,
    pub part: String,
    pub description: String,
    pub quantity: i64,
    pub condition: &'static str,
    pub notes: String,
    pub photos: Vec<String>,
    pub place: String,
    pub distance: String,
    pub expires: String,
    pub created: String,
    pub open: bool,
    pub order_id: String,
}

impl RequestView {
    fn of(r: &StoreRequest, locale: kernel::Locale) -> RequestView {
        RequestView {
            id: r.id.to_string(),
            number: r.number.clone(),
            outcome: r.outcome.as_str(),
            vehicle: format!(
                "{} {} {}",
                r.vehicle.make_name, r.vehicle.model_name, r.vehicle.year
            ),
            vin: r.vehicle.vin.clone().unwrap_or_default(),
            part: r.category.name.clone(),
            description: r.description.clone(),
            quantity: i64::from(r.quantity),
            condition: r.condition.as_str(),
            notes: r.notes.clone().unwrap_or_default(),
            photos: r.photos.iter().map(Uuid::to_string).collect(),
            place: place(r),
            distance: format!("{:.1}", r.distance_km),
            expires: when(locale, r.expires_at),
            created: when(locale, r.created_at),
            open: r.status == app::requests::model::RequestStatus::Open
                && r.expires_at > time::OffsetDateTime::now_utc(),
            order_id: r.order_id.map(|o| o.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/request.html")]
pub(super) struct DetailPage {
    pub c: Chrome,
    pub base: &'static str,
    pub section: &'static str,
    pub tab: &'static str,
    pub store: StoreNav,
    pub r: RequestView,
    /// The store's live offer, if any.
    pub live: Option<OfferView>,
    /// Its earlier (withdrawn, lost, expired, accepted) offers.
    pub past: Vec<OfferView>,
    pub form: OfferDraft,
    pub errors: Errors,
}

/// The detail page, with the offer form as given (a refused draft and its
/// errors, or the live offer's terms, or blank).
pub(super) async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    store: &str,
    request: &str,
    refused: Option<(ApiError, OfferDraft)>,
) -> Response {
    let (store_id, nav) = match store_of(state, ctx, caller, store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(request) {
        Ok(i) => i,
        Err(e) => return error_page(ctx, e),
    };
    let (r, offers) = match requests::get(state, caller, store_id, id).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let live: Option<&Offer> = offers.iter().find(|o| o.status == OfferStatus::Active);
    let (status, form, errors) = match refused {
        Some((e, draft)) => (e.status(), draft, Errors::from_api(&e, ctx.locale)),
        None => (
            StatusCode::OK,
            live.map(OfferDraft::of)
                .unwrap_or_else(|| OfferDraft::blank(r.condition)),
            Errors::none(),
        ),
    };
    let page = DetailPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        tab: "requests",
        r: RequestView::of(&r, ctx.locale),
        live: live.map(|o| OfferView::of(o, ctx.locale)),
        past: offers
            .iter()
            .filter(|o| o.status != OfferStatus::Active)
            .map(|o| OfferView::of(o, ctx.locale))
            .collect(),
        form,
        errors,
        store: nav,
    };
    (status, page).into_response()
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    render(&state, &ctx, &caller, &csrf, &store, &id, None).await
}

/// Opens the negotiation thread with the request's customer.
pub async fn chat(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let ids = parse_id(&store).and_then(|s| parse_id(&id).map(|r| (s, r)));
    let opened = match ids {
        Ok((s, r)) => requests::chat(&state, &caller, s, r).await,
        Err(e) => Err(e),
    };
    match opened {
        Ok(t) => Redirect::to(&format!("{}/chats/{}", ctx.partner_base(), t.id)).into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// A make or category with whether the store covers it.
pub struct Choice {
    pub id: String,
    pub name: String,
    pub on: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/coverage.html")]
struct CoveragePage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    makes: Vec<Choice>,
    categories: Vec<Choice>,
    error: Option<String>,
}

async fn coverage_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    store: &str,
    error: Option<ApiError>,
) -> Response {
    let (id, nav) = match store_of(state, ctx, caller, store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let loaded = async {
        let cov = requests::coverage(state, caller, id).await?;
        let makes = app::taxonomy::service::makes(state).await?;
        let tree = app::taxonomy::service::category_tree(state).await?;
        Ok::<_, ApiError>((cov, makes, tree))
    }
    .await;
    let (cov, makes, tree) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let ar = ctx.locale == kernel::Locale::Ar;
    let status = error.as_ref().map_or(StatusCode::OK, ApiError::status);
    (
        status,
        CoveragePage {
            c: chrome(ctx, csrf),
            base: ctx.partner_base(),
            section: "stores",
            tab: "requests",
            makes: makes
                .iter()
                .map(|m| Choice {
                    id: m.id.to_string(),
                    name: if ar {
                        m.name_ar.clone()
                    } else {
                        m.name_en.clone()
                    },
                    on: cov.makes.iter().any(|x| x.id == m.id),
                })
                .collect(),
            categories: tree
                .iter()
                .map(|n| Choice {
                    id: n.category.id.to_string(),
                    name: if ar {
                        n.category.name_ar.clone()
                    } else {
                        n.category.name_en.clone()
                    },
                    on: cov.categories.iter().any(|x| x.id == n.category.id),
                })
                .collect(),
            error: error.map(|e| e.message().render(ctx.locale)),
            store: nav,
        },
    )
        .into_response()
}

pub async fn coverage(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
) -> Response {
    coverage_page(&state, &ctx, &caller, &csrf, &store, None).await
}

pub async fn save_coverage(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(store): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let ids = |name: &str| {
        f.all(name)
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect::<Vec<Uuid>>()
    };
    let input = CoverageInput {
        make_ids: ids("make"),
        category_ids: ids("category"),
    };
    let saved = match parse_id(&store) {
        Ok(s) => match kernel::validation::Validate::validate(&input) {
            Ok(()) => requests::set_coverage(&state, &caller, s, &input)
                .await
                .map(|_| s),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match saved {
        Ok(s) => redirect_with_toast(
            &format!("{}/stores/{s}/requests", ctx.partner_base()),
            &t(ctx.locale, "pr-coverage-saved"),
        ),
        Err(e) => coverage_page(&state, &ctx, &caller, &csrf, &store, Some(e)).await,
    }
}
