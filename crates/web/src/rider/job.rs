//! The rep's jobs (`/rider/jobs`) and one job's screen: its status, the
//! customer, the problem, where to go (a maps link), the next steps the rep
//! may take (cancelling asks a reason; "cash received" asks to confirm the
//! amount), the chat with the customer, and, while the rep travels, the
//! position shared with the customer: rider.js watches the phone's
//! position and posts it to `POST /rider/jobs/{id}/position` at most every
//! three seconds (the cookie session and the CSRF header, as htmx sends
//! them), which answers JSON.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::chat::model::ThreadKind;
use app::chat::service as chat;
use app::repairs::model::{JobStatus, JobStep, PositionInput, RepairJob};
use app::repairs::service::jobs;
use kernel::i18n::{Message, t, try_t};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::home::map_url;
use super::{
    SURFACE, Session, Ui, acting, done, error_page, job_status, problem, problem_icon, refused,
    rider_base, ui,
};
use crate::admin::support::{ChatUrls, ChatView, recent, send_text};
use crate::chrome::WebCtx;
use crate::forms::{Fields, parse_decimal, prompt, validated};
use crate::shared;
use crate::signin;

/// Jobs that are over (nothing left for the rep to do).
fn finished(status: &str) -> bool {
    matches!(status, "paid" | "cancelled" | "disputed")
}

fn job_url(ctx: &WebCtx, id: Uuid) -> String {
    format!("{}/jobs/{id}", rider_base(ctx))
}

// ---------------------------------------------------------------- the list

pub struct JobRow {
    pub id: String,
    pub number: String,
    pub status: String,
    pub problem: String,
    pub icon: &'static str,
    pub customer: String,
    pub total: i64,
    pub when: String,
}

impl JobRow {
    fn new(locale: Locale, j: &RepairJob) -> JobRow {
        JobRow {
            id: j.id.to_string(),
            number: j.number.clone(),
            status: j.status.clone(),
            problem: problem(locale, &j.problem),
            icon: problem_icon(&j.problem),
            customer: j
                .customer_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_default(),
            total: j.total,
            when: shared::when(locale, j.created_at),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rider/jobs.html")]
struct JobsPage {
    u: Ui,
    active: Vec<JobRow>,
    past: Vec<JobRow>,
}

/// `GET /rider/jobs`: jobs in progress first, then the finished ones.
pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
) -> Response {
    let rows = match jobs::rep_jobs(&state, &caller).await {
        Ok(rows) => rows,
        Err(e) => return error_page(&ctx, e),
    };
    let (past, active): (Vec<&RepairJob>, Vec<&RepairJob>) =
        rows.iter().partition(|j| finished(&j.status));
    JobsPage {
        u: ui(&ctx, &csrf, "jobs"),
        active: active
            .into_iter()
            .map(|j| JobRow::new(ctx.locale, j))
            .collect(),
        past: past
            .into_iter()
            .map(|j| JobRow::new(ctx.locale, j))
            .collect(),
    }
    .into_response()
}

// ---------------------------------------------------------------- one job

/// A step button: the status it moves to, in words; cancelling asks a
/// reason, "cash received" asks to confirm the amount.
pub struct StepView {
    pub status: &'static str,
    pub label: String,
    pub icon: &'static str,
    pub ask: Option<String>,
    pub confirm: Option<String>,
    pub danger: bool,
}

pub struct HistoryView {
    pub status: String,
    pub label: String,
    pub who: String,
    pub at: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "rider/job.html")]
struct JobPage {
    u: Ui,
    id: String,
    number: String,
    status: String,
    customer: String,
    problem: String,
    icon: &'static str,
    subtotal: i64,
    vat: i64,
    total: i64,
    /// How the customer pays, in words; empty until chosen.
    method: String,
    /// The destination, `24.713600, 46.675300`.
    coords: String,
    nav_url: String,
    geo_url: String,
    eta_minutes: i64,
    reason: String,
    created: String,
    steps: Vec<StepView>,
    /// Completed, the customer has not paid yet (card or wallet comes from them).
    awaiting_payment: bool,
    /// Accepted or on the way: the position is shared.
    travelling: bool,
    track_url: String,
    chat_url: Option<String>,
    history: Vec<HistoryView>,
}

fn steps(locale: Locale, j: &RepairJob) -> Vec<StepView> {
    let Some(from) = JobStatus::parse(&j.status) else {
        return Vec::new();
    };
    let cash = j.payment_method.as_deref() == Some("cash");
    from.rep_next()
        .iter()
        // Cash in hand is the rep's to confirm; card and wallet come from the customer.
        .filter(|s| **s != JobStatus::Paid || cash)
        .map(|s| {
            let status = s.as_str();
            let label = t(locale, &format!("rd-step-{status}"));
            match s {
                JobStatus::Cancelled => StepView {
                    status,
                    label,
                    icon: "x",
                    ask: Some(t(locale, "rd-cancel-reason")),
                    confirm: None,
                    danger: true,
                },
                JobStatus::Paid => StepView {
                    status,
                    label,
                    icon: "cash",
                    ask: None,
                    confirm: Some(
                        Message::new("rd-cash-confirm")
                            .arg("amount", kernel::money::format(locale, j.total))
                            .render(locale),
                    ),
                    danger: false,
                },
                _ => StepView {
                    status,
                    label,
                    icon: match s {
                        JobStatus::OnTheWay => "route",
                        JobStatus::Arrived => "map-pin",
                        JobStatus::Working => "tool",
                        _ => "check",
                    },
                    ask: None,
                    confirm: None,
                    danger: false,
                },
            }
        })
        .collect()
}

fn method_label(locale: Locale, method: Option<&str>) -> String {
    match method {
        Some(m) => try_t(locale, &format!("rd-method-{m}")).unwrap_or_else(|| m.to_owned()),
        None => String::new(),
    }
}

fn actor_label(locale: Locale, role: &str) -> String {
    try_t(locale, &format!("rd-actor-{role}")).unwrap_or_else(|| t(locale, "rd-actor-system"))
}

/// `GET /rider/jobs/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    let loaded = async {
        let id = parse_id(&id)?;
        let j = jobs::get(&state, &caller, id).await?;
        // Admins may read any job through the service; this app shows the rep's own.
        if j.rep_id != caller.user_id {
            return Err(ApiError::NotFound);
        }
        Ok::<_, ApiError>(j)
    }
    .await;
    let j = match loaded {
        Ok(j) => j,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    let travelling = JobStatus::parse(&j.status).is_some_and(JobStatus::travelling);
    let base = rider_base(&ctx);
    JobPage {
        u: ui(&ctx, &csrf, "jobs"),
        id: j.id.to_string(),
        number: j.number.clone(),
        status: j.status.clone(),
        customer: j
            .customer_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_default(),
        problem: problem(locale, &j.problem),
        icon: problem_icon(&j.problem),
        subtotal: j.subtotal,
        vat: j.vat,
        total: j.total,
        method: method_label(locale, j.payment_method.as_deref()),
        coords: format!("{:.6}, {:.6}", j.lat, j.lng),
        nav_url: map_url(j.lat, j.lng),
        geo_url: format!("geo:{:.6},{:.6}?q={:.6},{:.6}", j.lat, j.lng, j.lat, j.lng),
        eta_minutes: i64::from(j.eta_minutes),
        reason: j.reason.trim().to_owned(),
        created: shared::when(locale, j.created_at),
        steps: steps(locale, &j),
        awaiting_payment: j.status == JobStatus::Completed.as_str()
            && j.payment_method.as_deref() != Some("cash"),
        travelling,
        track_url: format!("{base}/jobs/{}/position", j.id),
        chat_url: j.thread_id.map(|t| format!("{base}/chats/{t}")),
        history: j
            .history
            .iter()
            .map(|h| HistoryView {
                status: h.to_status.clone(),
                label: job_status(locale, &h.to_status),
                who: actor_label(locale, &h.actor_role),
                at: shared::when(locale, h.created_at),
                note: h.note.trim().to_owned(),
            })
            .collect(),
    }
    .into_response()
}

/// `POST /rider/jobs/{id}/step`: `status`, and for cancelling a reason
/// (the dialog's answer in `HX-Prompt`, or a `reason` field).
pub async fn step(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, &headers, e),
    };
    let asked = prompt(&headers);
    let reason = if asked.trim().is_empty() {
        f.get("reason")
    } else {
        asked.trim().to_owned()
    };
    let req = JobStep {
        status: f.get("status"),
        reason: (!reason.is_empty()).then_some(reason),
    };
    let result = async {
        validated(&req, FieldErrors::new())?;
        jobs::step(&state, &caller, id, &req).await
    }
    .await;
    match result {
        Ok(j) => {
            let message = try_t(ctx.locale, &format!("rd-done-{}", j.status))
                .unwrap_or_else(|| t(ctx.locale, "rd-done-other"));
            done(&headers, &job_url(&ctx, id), &message)
        }
        Err(e) => refused(&ctx, &headers, e),
    }
}

#[derive(Deserialize)]
struct LatLng {
    lat: f64,
    lng: f64,
}

/// `{lat, lng}` as JSON, or `lat=…&lng=…` as a form.
fn lat_lng(body: &[u8]) -> Option<(f64, f64)> {
    if let Ok(p) = serde_json::from_slice::<LatLng>(body) {
        return Some((p.lat, p.lng));
    }
    let text = std::str::from_utf8(body).ok()?;
    let mut lat = None;
    let mut lng = None;
    for pair in text.split('&') {
        let (k, v) = pair.split_once('=')?;
        let v = crate::forms::percent_decode(v);
        match k {
            "lat" => lat = parse_decimal(&v),
            "lng" => lng = parse_decimal(&v),
            _ => {}
        }
    }
    lat.zip(lng)
}

/// An error as rider.js reads it: `{error: {code, message}}` with its status.
fn json_error(ctx: &WebCtx, e: ApiError) -> Response {
    if let ApiError::Internal(err) = &e {
        tracing::error!(error = ?err, "internal error on a rider position");
    }
    let body = serde_json::json!({
        "error": {"code": e.code(), "message": e.message().render(ctx.locale)}
    });
    (
        e.status(),
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}

/// `POST /rider/jobs/{id}/position`: one position of the travelling rep,
/// answered `{accepted, etaMinutes, dropped}` (a position sooner than the
/// interval is dropped, not refused).
pub async fn position(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let Some((caller, csrf)) = signin::current(&state, &ctx, &SURFACE, rider_base(&ctx)).await
    else {
        return json_error(&ctx, ApiError::unauthenticated());
    };
    if !shared::session_csrf_ok(&csrf, &headers, None) {
        return json_error(&ctx, shared::csrf_error());
    }
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return json_error(&ctx, e),
    };
    let Some((lat, lng)) = lat_lng(&body) else {
        let mut e = FieldErrors::new();
        e.add("lat", Message::new("validation-required"));
        e.add("lng", Message::new("validation-required"));
        return json_error(&ctx, ApiError::Validation(e));
    };
    let req = PositionInput { lat, lng };
    if let Err(e) = req.validate() {
        return json_error(&ctx, e);
    }
    match jobs::position(&state, &caller, id, &req).await {
        Ok(ack) => (
            [(header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({
                "accepted": ack.accepted,
                "etaMinutes": ack.eta_minutes,
                "dropped": ack.dropped,
            })),
        )
            .into_response(),
        Err(e) => json_error(&ctx, e),
    }
}

// ---------------------------------------------------------------- the chat

#[derive(Template, WebTemplate)]
#[template(path = "rider/chat.html")]
struct ChatPage {
    u: Ui,
    job_id: String,
    number: String,
    customer: String,
    chat: ChatView,
}

async fn render_chat(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    thread: Uuid,
    refused_with: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let t = chat::thread_of(state, caller, thread).await?;
        if t.kind() != ThreadKind::CustomerRep || t.rep_id != Some(caller.user_id) {
            return Err(ApiError::NotFound);
        }
        let job = t.subject_id.ok_or(ApiError::NotFound)?;
        let j = jobs::get(state, caller, job).await?;
        let messages = recent(state, caller, thread).await?;
        Ok::<_, ApiError>((t, j, messages))
    }
    .await;
    let (t, j, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = rider_base(ctx);
    let urls = ChatUrls {
        base,
        thread: format!("{base}/chats/{thread}"),
        token: format!("{base}/realtime-token"),
    };
    // "Staff" here means: name the other side (the customer) rather than "support".
    let mut view = ChatView::new(ctx.locale, caller.user_id, &t, true, urls, csrf, &messages);
    let mut status = StatusCode::OK;
    if let Some((e, draft)) = refused_with {
        status = e.status();
        view = view.refused(&e, draft);
    }
    let page = ChatPage {
        u: ui(ctx, csrf, "jobs"),
        job_id: j.id.to_string(),
        number: j.number.clone(),
        customer: j
            .customer_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_default(),
        chat: view,
    };
    (status, page).into_response()
}

/// `GET /rider/chats/{id}`: the job's conversation with its customer.
pub async fn chat(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => render_chat(&state, &ctx, &caller, &csrf, id, None).await,
        Err(e) => error_page(&ctx, e),
    }
}

/// `POST /rider/chats/{id}/messages`: a message sent without the socket.
pub async fn send_message(
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
    let body = f.get("body");
    match send_text(&state, &caller, id, &body).await {
        Ok(_) => {
            Redirect::to(&format!("{}/chats/{id}#chat-form", rider_base(&ctx))).into_response()
        }
        Err(e @ ApiError::Validation(_)) => {
            render_chat(&state, &ctx, &caller, &csrf, id, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
