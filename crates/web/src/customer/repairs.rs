//! Roadside help (Tashlih, `/app/repairs`): the customer asks the
//! representatives around for a repair (battery, tyre, towing …) at a map
//! pin, now or at a time; the offers arrive live (`repair:offer` on the
//! customer's socket reloads the offers fragment through htmx, see
//! `static/ds/track.js`), cheapest first, with VAT shown; accepting one
//! (with an `Idempotency-Key`) starts the job, followed on its own page
//! (`repairs_job.rs`). `/app/repairs` lists the requests and the jobs.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::idempotency::IdempotencyKey;
use app::repairs::model::{
    MAX_PHOTOS, PROBLEMS, RepairInput, RepairJob, RepairOffer, RepairRequest,
};
use app::repairs::service::{jobs, requests};
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::{Ui, acting, app_base, error_page, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_decimal, read_multipart, request_photos, validated};
use crate::shared::{self, redirect_with_toast};
use crate::signin;

/// The app's section of these pages (no bottom tab of its own).
pub const SECTION: &str = "repairs";

/// The icon of a problem (names of the vendored Tabler sprite).
pub fn problem_icon(slug: &str) -> &'static str {
    match slug {
        "battery" => "battery-automotive",
        "tyre" => "steering-wheel",
        "towing" => "truck",
        "mechanic" => "engine",
        "electrical" => "sparkles",
        "fuel" => "droplet",
        "lockout" => "key",
        _ => "tool",
    }
}

/// A problem in the page's language.
pub fn problem_label(locale: Locale, slug: &str) -> String {
    let slug = if PROBLEMS.contains(&slug) {
        slug
    } else {
        "other"
    };
    t(locale, &format!("rp-problem-{slug}"))
}

/// The badge class of a request's status (the design system's families).
pub fn request_badge(status: &str) -> &'static str {
    match status {
        "open" => "open",
        "accepted" => "accepted",
        "cancelled" => "cancelled",
        _ => "expired",
    }
}

/// The badge class of a job's status.
pub fn job_badge(status: &str) -> &'static str {
    match status {
        "accepted" => "accepted",
        "on_the_way" | "working" => "running",
        "arrived" => "info",
        "completed" => "pending",
        "paid" => "paid",
        "cancelled" => "cancelled",
        "disputed" => "bad",
        _ => "plain",
    }
}

/// A request's status in words; an open request past its time is expired.
fn request_state(r: &RepairRequest) -> &'static str {
    match r.status.as_str() {
        "open" if r.expires_at <= OffsetDateTime::now_utc() => "expired",
        "open" => "open",
        "accepted" => "accepted",
        "cancelled" => "cancelled",
        _ => "expired",
    }
}

/// A message about one number, split around it so that the page isolates
/// the number (`<bdi>`) and writes it in the page's digits: "about ",
/// "15", " minutes away".
pub struct Counted {
    pub before: String,
    pub num: String,
    pub after: String,
}

pub fn counted(locale: Locale, key: &'static str, n: i64) -> Counted {
    let text = Message::new(key).arg("count", n).render(locale);
    let ascii = n.to_string();
    match text.find(&ascii) {
        Some(at) => Counted {
            before: text[..at].to_owned(),
            num: kernel::money::with_digits(&ascii, kernel::money::digits_of(locale)),
            after: text[at + ascii.len()..].to_owned(),
        },
        // Arabic says "one minute" and "two minutes" in words.
        None => Counted {
            before: text,
            num: String::new(),
            after: String::new(),
        },
    }
}

/// A moment in Riyadh time, in the page's digits.
fn when(locale: Locale, at: &OffsetDateTime) -> String {
    shared::when(locale, *at)
}

// ---------------------------------------------------------------- list

/// A request (before a job) or a job, in the list.
pub struct RepairRow {
    pub id: String,
    pub href: String,
    pub number: String,
    pub problem: String,
    pub icon: &'static str,
    pub status: String,
    pub status_label: String,
    pub badge: &'static str,
    pub car: String,
    pub at: String,
    /// Jobs: the price with VAT (requests have none yet).
    pub has_total: bool,
    pub total: i64,
    pub rep: String,
    sort: OffsetDateTime,
}

impl RepairRow {
    fn of_request(base: &str, locale: Locale, r: &RepairRequest) -> RepairRow {
        let state = request_state(r);
        RepairRow {
            id: format!("repair-{}", r.id),
            href: format!("{base}/repairs/{}", r.id),
            number: r.number.clone(),
            problem: problem_label(locale, &r.problem),
            icon: problem_icon(&r.problem),
            status: state.to_owned(),
            status_label: t(locale, &format!("rp-request-status-{state}")),
            badge: request_badge(state),
            car: r.car_label.clone(),
            at: when(locale, &r.created_at),
            has_total: false,
            total: 0,
            rep: String::new(),
            sort: r.created_at,
        }
    }

    fn of_job(base: &str, locale: Locale, j: &RepairJob) -> RepairRow {
        RepairRow {
            id: format!("job-{}", j.id),
            href: format!("{base}/repair-jobs/{}", j.id),
            number: j.number.clone(),
            problem: problem_label(locale, &j.problem),
            icon: problem_icon(&j.problem),
            status: j.status.clone(),
            status_label: t(locale, &format!("rp-job-status-{}", j.status)),
            badge: job_badge(&j.status),
            car: String::new(),
            at: when(locale, &j.created_at),
            has_total: true,
            total: j.total,
            rep: j.rep_name.clone().unwrap_or_default(),
            sort: j.created_at,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/repairs.html")]
struct ListPage {
    u: Ui,
    rows: Vec<RepairRow>,
}

/// `GET /repairs`: the jobs and the requests that did not become one,
/// newest first.
pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let loaded = async {
        let reqs = requests::mine(&state, &caller).await?;
        let js = jobs::customer_jobs(&state, &caller).await?;
        Ok::<_, ApiError>((reqs, js))
    }
    .await;
    let (reqs, js) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let base = app_base(&ctx);
    let mut rows: Vec<RepairRow> = js
        .iter()
        .map(|j| RepairRow::of_job(base, ctx.locale, j))
        .collect();
    rows.extend(
        reqs.iter()
            .filter(|r| r.job_id.is_none())
            .map(|r| RepairRow::of_request(base, ctx.locale, r)),
    );
    rows.sort_by_key(|r| std::cmp::Reverse(r.sort));
    ListPage {
        u: ui(&state, &ctx, Some(&caller), &csrf, SECTION).await,
        rows,
    }
    .into_response()
}

// ---------------------------------------------------------------- new

/// A problem as a large choice.
pub struct ProblemChoice {
    pub slug: &'static str,
    pub icon: &'static str,
    pub label: String,
    pub hint: String,
    pub checked: bool,
}

/// A garage car in the select.
pub struct CarChoice {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

/// The form's values as typed.
#[derive(Default)]
pub struct Draft {
    pub problem: String,
    pub description: String,
    pub car: String,
    pub car_label: String,
    pub lat: String,
    pub lng: String,
    pub address: String,
    /// `now` or `later`.
    pub when: String,
    /// `2026-03-01T14:05`, Riyadh time.
    pub wanted_at: String,
}

impl Draft {
    fn read(f: &Fields) -> Draft {
        Draft {
            problem: f.get("problem"),
            description: f.get("description"),
            car: f.get("car"),
            car_label: f.get("car_label"),
            lat: f.get("lat"),
            lng: f.get("lng"),
            address: f.get("address"),
            when: f.get("when"),
            wanted_at: f.get("wanted_at"),
        }
    }

    fn later(&self) -> bool {
        self.when == "later"
    }

    /// The service's input, or every field that could not be read.
    fn body(&self) -> Result<RepairInput, ApiError> {
        let mut e = FieldErrors::new();
        if self.problem.is_empty() {
            e.add("problem", Message::new("validation-required"));
        }
        let car_id = if self.car.is_empty() {
            None
        } else {
            match self.car.parse::<Uuid>() {
                Ok(id) => Some(id),
                Err(_) => {
                    e.add("carId", Message::new("validation-type"));
                    None
                }
            }
        };
        let mut coord = |field: &'static str, raw: &str| -> f64 {
            if raw.is_empty() {
                e.add(field, Message::new("rp-pin-required"));
                return 0.0;
            }
            match parse_decimal(raw) {
                Some(v) => v,
                None => {
                    e.add(field, Message::new("validation-type"));
                    0.0
                }
            }
        };
        let lat = coord("lat", &self.lat);
        let lng = coord("lng", &self.lng);
        let wanted_at = if self.later() {
            match riyadh_time(&self.wanted_at) {
                Some(at) => Some(at),
                None if self.wanted_at.is_empty() => {
                    e.add("wantedAt", Message::new("validation-required"));
                    None
                }
                None => {
                    e.add("wantedAt", Message::new("validation-type"));
                    None
                }
            }
        } else {
            None
        };
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let body = RepairInput {
            problem: self.problem.clone(),
            description: text(&self.description),
            car_id,
            car_label: if car_id.is_none() {
                text(&self.car_label)
            } else {
                None
            },
            lat,
            lng,
            address: text(&self.address),
            wanted_at,
            photo_ids: None,
        };
        validated(&body, e)?;
        Ok(body)
    }
}

/// A `datetime-local` value (`2026-03-01T14:05`, seconds optional) read
/// as Riyadh time (UTC+3, no daylight saving).
fn riyadh_time(raw: &str) -> Option<OffsetDateTime> {
    let raw = raw.trim();
    let full = match raw.len() {
        16 => format!("{raw}:00+03:00"),
        19 => format!("{raw}+03:00"),
        _ => return None,
    };
    OffsetDateTime::parse(&full, &Rfc3339).ok()
}

/// A moment as a `datetime-local` value in Riyadh time.
fn local_input(at: OffsetDateTime) -> String {
    at.to_offset(time::macros::offset!(+3))
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]"
        ))
        .unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/repair_new.html")]
struct NewPage {
    u: Ui,
    form: Draft,
    errors: Errors,
    problems: Vec<ProblemChoice>,
    cars: Vec<CarChoice>,
    /// The `datetime-local` bounds: now to seven days ahead.
    min_time: String,
    max_time: String,
}

async fn new_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let cars = match app::garage::service::list(state, caller).await {
        Ok(c) => c,
        Err(e) => return error_page(ctx, e),
    };
    let fresh = form.problem.is_empty() && errors.is_empty();
    let car_pick = if fresh {
        cars.iter()
            .find(|c| c.is_default)
            .map(|c| c.id.to_string())
            .unwrap_or_default()
    } else {
        form.car.clone()
    };
    let now = OffsetDateTime::now_utc();
    let page = NewPage {
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        problems: PROBLEMS
            .iter()
            .map(|&slug| ProblemChoice {
                slug,
                icon: problem_icon(slug),
                label: problem_label(ctx.locale, slug),
                hint: t(ctx.locale, &format!("rp-problem-hint-{slug}")),
                checked: form.problem == slug,
            })
            .collect(),
        cars: cars
            .iter()
            .map(|c| CarChoice {
                id: c.id.to_string(),
                label: c.title.clone(),
                selected: c.id.to_string() == car_pick,
            })
            .collect(),
        min_time: local_input(now),
        max_time: local_input(now + time::Duration::days(7)),
        form,
        errors,
    };
    (status, page).into_response()
}

/// `GET /repairs/new`.
pub async fn new(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let form = Draft {
        when: "now".into(),
        ..Draft::default()
    };
    new_page(
        &state,
        &ctx,
        &caller,
        &csrf,
        form,
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

/// `POST /repairs` (multipart, with up to five photos): the request goes
/// out; its page shows the offers.
pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_multipart(multipart, state.config.max_upload_bytes).await {
        Ok(f) => f,
        Err(e) => return error_page(&ctx, e),
    };
    let f = &form.fields;
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::read(f);
    let made = async {
        let mut body = draft.body()?;
        let photos = request_photos(&state, &caller, &form.files, "photos", MAX_PHOTOS).await?;
        body.photo_ids = Some(photos).filter(|p| !p.is_empty());
        requests::create(&state, &caller, &body).await
    }
    .await;
    match made {
        Ok(r) => redirect_with_toast(
            &format!("{}/repairs/{}", app_base(&ctx), r.id),
            &t(ctx.locale, "rp-sent"),
        ),
        Err(e @ ApiError::Internal(_)) => error_page(&ctx, e),
        Err(e) => {
            let status = e.status();
            new_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                draft,
                Errors::from_api(&e, ctx.locale),
                status,
            )
            .await
        }
    }
}

// ---------------------------------------------------------------- one request

/// A request as its page shows it.
pub struct RequestView {
    pub id: String,
    pub number: String,
    pub problem: String,
    pub icon: &'static str,
    pub description: String,
    pub car: String,
    pub address: String,
    /// A later time, in Riyadh time; empty: now.
    pub wanted: String,
    pub status: &'static str,
    pub status_label: String,
    pub badge: &'static str,
    pub expires: String,
    pub created: String,
    pub job_id: Option<String>,
    pub photos: Vec<String>,
}

impl RequestView {
    fn of(locale: Locale, r: &RepairRequest) -> RequestView {
        let state = request_state(r);
        RequestView {
            id: r.id.to_string(),
            number: r.number.clone(),
            problem: problem_label(locale, &r.problem),
            icon: problem_icon(&r.problem),
            description: r.description.clone(),
            car: r.car_label.clone(),
            address: r.address.clone(),
            wanted: r.wanted_at.map(|w| when(locale, &w)).unwrap_or_default(),
            status: state,
            status_label: t(locale, &format!("rp-request-status-{state}")),
            badge: request_badge(state),
            expires: when(locale, &r.expires_at),
            created: when(locale, &r.created_at),
            job_id: r.job_id.map(|j| j.to_string()),
            photos: r.photos.iter().map(Uuid::to_string).collect(),
        }
    }
}

/// An offer as a card: the price before VAT, its VAT and the total.
pub struct OfferCard {
    pub id: String,
    pub rep: String,
    pub price: i64,
    pub vat: i64,
    pub total: i64,
    pub eta: Counted,
    pub note: String,
    pub status: String,
    pub status_label: String,
    pub live: bool,
    pub cheapest: bool,
    /// The rep's average stars (one decimal, the page's digits), empty
    /// while unrated, and how many reviews make it.
    pub rating: String,
    pub ratings: i64,
}

impl OfferCard {
    fn of(locale: Locale, o: &RepairOffer, cheapest: i64) -> OfferCard {
        let vat = kernel::money::vat_of(o.price);
        OfferCard {
            id: o.id.to_string(),
            rep: o
                .rep_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| t(locale, "rp-rep-unnamed")),
            price: o.price,
            vat,
            total: o.price + vat,
            eta: counted(locale, "rp-eta-offer", i64::from(o.eta_minutes)),
            note: o.note.clone(),
            status: o.status.clone(),
            status_label: t(locale, &format!("rp-offer-status-{}", o.status)),
            live: o.status == "active",
            cheapest: o.status == "active" && o.price == cheapest,
            rating: crate::shared::rating(locale, o.rep_rating),
            ratings: i64::from(o.rep_rating_count),
        }
    }

    fn all(locale: Locale, r: &RepairRequest) -> Vec<OfferCard> {
        let cheapest = r
            .offers
            .iter()
            .filter(|o| o.status == "active")
            .map(|o| o.price)
            .min()
            .unwrap_or(-1);
        r.offers
            .iter()
            .map(|o| OfferCard::of(locale, o, cheapest))
            .collect()
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/repair.html")]
struct DetailPage {
    u: Ui,
    r: RequestView,
    /// Still taking offers: the offers can be accepted, the request cancelled.
    open: bool,
    offers: Vec<OfferCard>,
    /// The page's Idempotency-Key stem (one key per offer).
    key: String,
    error: Option<String>,
}

/// The offers alone (`repair_offers.html`), for the live refresh.
#[derive(Template, WebTemplate)]
#[template(path = "customer/repair_offers.html")]
struct OffersFragment {
    u: Ui,
    r: RequestView,
    open: bool,
    offers: Vec<OfferCard>,
    key: String,
}

async fn detail_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: &str,
    error: Option<ApiError>,
) -> Response {
    let loaded = async { requests::get(state, caller, parse_id(id)?).await }.await;
    let r = match loaded {
        Ok(r) => r,
        Err(e) => return error_page(ctx, e),
    };
    let status = error.as_ref().map_or(StatusCode::OK, ApiError::status);
    let view = RequestView::of(ctx.locale, &r);
    let page = DetailPage {
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        open: view.status == "open",
        offers: OfferCard::all(ctx.locale, &r),
        key: Uuid::new_v4().to_string(),
        error: error.map(|e| e.message().render(ctx.locale)),
        r: view,
    };
    (status, page).into_response()
}

/// `GET /repairs/{id}`: waiting for offers, the offers, accepting one.
pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    detail_page(&state, &ctx, &caller, &csrf, &id, None).await
}

/// `GET /repairs/{id}/offers`: the offers fragment (htmx, on `repair:offer`).
pub async fn offers(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let loaded = async { requests::get(&state, &caller, parse_id(&id)?).await }.await;
    let r = match loaded {
        Ok(r) => r,
        Err(e) => return e.status().into_response(),
    };
    let view = RequestView::of(ctx.locale, &r);
    let u = Ui {
        c: shared::chrome(&ctx, &csrf),
        base: app_base(&ctx),
        signed_in: true,
        cart_count: 0,
        section: SECTION,
    };
    let fragment = OffersFragment {
        u,
        open: view.status == "open",
        offers: OfferCard::all(ctx.locale, &r),
        key: Uuid::new_v4().to_string(),
        r: view,
    };
    (
        [(http::header::CACHE_CONTROL, "no-store")],
        fragment.into_response(),
    )
        .into_response()
}

/// `POST /repairs/{id}/offers/{offer}/accept`: one job, whatever the
/// concurrency; the browser lands on it.
pub async fn accept(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((id, offer)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let key = IdempotencyKey(
        Some(f.get("key"))
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| Uuid::new_v4().to_string()),
    );
    let done =
        async { requests::accept(&state, &caller, &key, parse_id(&id)?, parse_id(&offer)?).await }
            .await;
    match done {
        Ok(replay) => {
            let base = app_base(&ctx);
            match replay.body["data"]["id"].as_str() {
                Some(job) => redirect_with_toast(
                    &format!("{base}/repair-jobs/{job}"),
                    &t(ctx.locale, "rp-accepted"),
                ),
                None => super::see_other(&format!("{base}/repairs/{id}")),
            }
        }
        Err(e @ ApiError::Internal(_)) => error_page(&ctx, e),
        Err(e) => detail_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await,
    }
}

/// `POST /repairs/{id}/cancel`: no more offers.
pub async fn cancel(
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
    let done = async { requests::cancel(&state, &caller, parse_id(&id)?).await }.await;
    match done {
        Ok(_) => redirect_with_toast(
            &format!("{}/repairs/{id}", app_base(&ctx)),
            &t(ctx.locale, "rp-request-cancelled"),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => detail_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await,
    }
}
