//! One repair job, live (`/app/repair-jobs/{id}`): a map with the
//! customer's pin and the rep's marker, resumed at the last known position
//! and moved on every `rep:location` of the customer's socket, with the ETA
//! (`static/ds/track.js`); the status and its history (a `repair:status`
//! reloads the page); the chat with the rep (`/repair-jobs/{id}/chat`, the
//! same conversation view as the other chats); cancelling before arrival
//! and disputing once served, each with a reason (`data-ask`); paying a
//! completed job by wallet, card (the gateway's hosted page) or cash to the
//! rep, with an `Idempotency-Key`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::idempotency::IdempotencyKey;
use app::payments::model::Method;
use app::repairs::model::{JobStatus, JobStep, PayInput, RepairJob};
use app::repairs::service::jobs;
use app::reviews::model::Source;
use app::reviews::service as reviews;
use kernel::i18n::{Message, t, try_t};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

use super::rate::{RateBox, rate_box};
use super::repairs::{Counted, SECTION, counted, job_badge, problem_icon, problem_label};
use super::{Ui, acting, app_base, error_page, is_htmx, see_other, ui};
use crate::admin::support::{ChatUrls, ChatView, mark_read, recent, recent_json, send_text};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, prompt};
use crate::shared::{self, htmx_redirect_with_toast, inline_error, redirect_with_toast};
use crate::signin;

/// Numbers that pick each plural form of a language (CLDR categories):
/// the ETA's text is rewritten in the browser with `Intl.PluralRules`.
const PLURAL_SAMPLES: [(&str, i64); 6] = [
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("few", 3),
    ("many", 11),
    ("other", 100),
];

/// One plural form of a message, its number written `{n}`.
pub struct PluralForm {
    pub category: &'static str,
    pub text: String,
}

fn plural_forms(locale: Locale, key: &'static str) -> Vec<PluralForm> {
    PLURAL_SAMPLES
        .iter()
        .map(|&(category, n)| PluralForm {
            category,
            text: Message::new(key).arg("count", n).render(locale).replacen(
                &n.to_string(),
                "{n}",
                1,
            ),
        })
        .collect()
}

fn rep_name(locale: Locale, j: &RepairJob) -> String {
    j.rep_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| t(locale, "rp-rep-unnamed"))
}

fn job_status_label(locale: Locale, status: &str) -> String {
    t(locale, &format!("rp-job-status-{status}"))
}

/// The job as its page shows it.
pub struct JobView {
    pub id: String,
    pub number: String,
    pub request_id: String,
    pub problem: String,
    pub icon: &'static str,
    pub status: String,
    pub status_label: String,
    pub badge: &'static str,
    pub rep: String,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    /// wallet, card, cash; empty before a choice.
    pub method: String,
    pub paid_at: String,
    /// Why it was cancelled or disputed.
    pub reason: String,
    pub created: String,
    pub has_thread: bool,
}

/// The map's data: the customer's pin and the rep's last position (empty
/// before the first), as the browser reads them (`.`-decimals).
pub struct MapData {
    pub lat: String,
    pub lng: String,
    pub rep_lat: String,
    pub rep_lng: String,
}

pub struct HistoryRow {
    pub to: String,
    pub to_label: String,
    pub badge: &'static str,
    pub from_label: String,
    pub actor: String,
    pub at: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/repair_job.html")]
struct JobPage {
    u: Ui,
    j: JobView,
    map: MapData,
    /// The ETA as shown now, and its forms for the live updates.
    eta: Counted,
    eta_forms: Vec<PluralForm>,
    /// `arabic` or `latin`: how the browser writes the live numbers.
    digits: &'static str,
    travelling: bool,
    can_cancel: bool,
    can_dispute: bool,
    can_pay: bool,
    /// The method checked in the pay form.
    pay_pick: String,
    /// The page's Idempotency-Key stem (the method is added).
    pay_key: String,
    error: Option<String>,
    history: Vec<HistoryRow>,
    /// Completed or paid: the review of the rep, or its form.
    rate: Option<RateBox>,
}

pub(super) async fn job_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: &str,
    error: Option<ApiError>,
) -> Response {
    let loaded = async { jobs::get(state, caller, parse_id(id)?).await }.await;
    let j = match loaded {
        Ok(j) => j,
        Err(e) => return error_page(ctx, e),
    };
    let locale = ctx.locale;
    let status = JobStatus::parse(&j.status);
    let next: &[JobStatus] = match status {
        Some(s) => s.customer_next(),
        None => &[],
    };
    let history = j
        .history
        .iter()
        .rev()
        .map(|h| HistoryRow {
            to: h.to_status.clone(),
            to_label: job_status_label(locale, &h.to_status),
            badge: job_badge(&h.to_status),
            from_label: h
                .from_status
                .as_deref()
                .map(|f| job_status_label(locale, f))
                .unwrap_or_default(),
            actor: try_t(locale, &format!("rp-actor-{}", h.actor_role))
                .unwrap_or_else(|| t(locale, "rp-actor-system")),
            at: shared::when(locale, h.created_at),
            note: h.note.clone(),
        })
        .collect();
    let map = MapData {
        lat: j.lat.to_string(),
        lng: j.lng.to_string(),
        rep_lat: j
            .last_position
            .as_ref()
            .map(|p| p.lat.to_string())
            .unwrap_or_default(),
        rep_lng: j
            .last_position
            .as_ref()
            .map(|p| p.lng.to_string())
            .unwrap_or_default(),
    };
    let digits = match kernel::money::digits_of(locale) {
        kernel::money::Digits::ArabicIndic => "arabic",
        kernel::money::Digits::Latin => "latin",
    };
    let code = error.as_ref().map_or(StatusCode::OK, ApiError::status);
    let rate = if matches!(status, Some(JobStatus::Completed | JobStatus::Paid)) {
        let sent = reviews::for_source(state, caller, Source::Job(j.id))
            .await
            .unwrap_or_default();
        Some(rate_box(
            locale,
            format!("{}/repair-jobs/{}/review", app_base(ctx), j.id),
            Message::new("web-rate-job")
                .arg("rep", rep_name(locale, &j))
                .render(locale),
            &sent,
        ))
    } else {
        None
    };
    let page = JobPage {
        rate,
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        eta: counted(locale, "rp-eta", i64::from(j.eta_minutes)),
        eta_forms: plural_forms(locale, "rp-eta"),
        digits,
        travelling: status.is_some_and(JobStatus::travelling),
        can_cancel: next.contains(&JobStatus::Cancelled),
        can_dispute: next.contains(&JobStatus::Disputed),
        can_pay: status == Some(JobStatus::Completed),
        pay_pick: j
            .payment_method
            .clone()
            .filter(|m| ["wallet", "card", "cash"].contains(&m.as_str()))
            .unwrap_or_else(|| "wallet".to_owned()),
        pay_key: Uuid::new_v4().to_string(),
        error: error.map(|e| e.message().render(locale)),
        history,
        map,
        j: JobView {
            id: j.id.to_string(),
            number: j.number.clone(),
            request_id: j.request_id.to_string(),
            problem: problem_label(locale, &j.problem),
            icon: problem_icon(&j.problem),
            status: j.status.clone(),
            status_label: job_status_label(locale, &j.status),
            badge: job_badge(&j.status),
            rep: rep_name(locale, &j),
            subtotal: j.subtotal,
            vat: j.vat,
            total: j.total,
            method: j.payment_method.clone().unwrap_or_default(),
            paid_at: j
                .paid_at
                .map(|at| shared::when(locale, at))
                .unwrap_or_default(),
            reason: j.reason.clone(),
            created: shared::when(locale, j.created_at),
            has_thread: j.thread_id.is_some(),
        },
    };
    (code, page).into_response()
}

/// `GET /repair-jobs/{id}`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    job_page(&state, &ctx, &caller, &csrf, &id, None).await
}

/// `POST /repair-jobs/{id}/pay`: wallet and cash land back on the job, a
/// card goes on to the gateway's hosted page (which returns here).
pub async fn pay(
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
    let method = match f.get("method").as_str() {
        "wallet" => Method::Wallet,
        "card" => Method::Card,
        "cash" => Method::Cash,
        _ => {
            let e = ApiError::Unprocessable {
                code: "PAYMENT_METHOD_REQUIRED",
                message: Message::new("app-checkout-method-required"),
                fields: FieldErrors::single(
                    "paymentMethod",
                    Message::new("app-checkout-method-required"),
                ),
            };
            return job_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await;
        }
    };
    // One key per method: another method after a refusal is another payment.
    let stem = Some(f.get("key"))
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| Uuid::new_v4().to_string());
    let key = IdempotencyKey(format!("{stem}-{}", method.as_str()));
    let done = async {
        jobs::pay(
            &state,
            &caller,
            &key,
            parse_id(&id)?,
            &PayInput {
                payment_method: method,
            },
        )
        .await
    }
    .await;
    match done {
        Ok(replay) => {
            if let Some(url) = replay.body["data"]["paymentUrl"].as_str() {
                return see_other(url);
            }
            let said = if method == Method::Cash {
                "rp-pay-cash-chosen"
            } else {
                "rp-paid"
            };
            redirect_with_toast(
                &format!("{}/repair-jobs/{id}", app_base(&ctx)),
                &t(ctx.locale, said),
            )
        }
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => job_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await,
    }
}

/// A refusal in one sentence: the reason's own message when that is the
/// field refused.
fn refusal(locale: Locale, e: &ApiError) -> String {
    let errors = Errors::from_api(e, locale);
    let reason = errors.of("reason");
    if reason.is_empty() {
        errors.form.unwrap_or_default()
    } else {
        format!("{}: {reason}", t(locale, "rp-reason"))
    }
}

/// A step of the customer's, with its reason (htmx sends the `data-ask`
/// answer as `HX-Prompt`; a form may send `reason`).
async fn step(
    state: AppState,
    ctx: WebCtx,
    headers: HeaderMap,
    id: String,
    fields: Vec<(String, String)>,
    to: JobStatus,
    done_key: &'static str,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let asked = prompt(&headers);
    let reason = if asked.trim().is_empty() {
        f.get("reason")
    } else {
        asked.trim().to_owned()
    };
    let body = JobStep {
        status: to.as_str().to_owned(),
        reason: Some(reason).filter(|r| !r.is_empty()),
    };
    let done = async {
        body.validate()?;
        jobs::step(&state, &caller, parse_id(&id)?, &body).await
    }
    .await;
    let here = format!("{}/repair-jobs/{id}", app_base(&ctx));
    let htmx = is_htmx(&headers);
    match done {
        Ok(_) if htmx => htmx_redirect_with_toast(&here, &t(ctx.locale, done_key)),
        Ok(_) => redirect_with_toast(&here, &t(ctx.locale, done_key)),
        Err(e) if htmx => inline_error("#job-error", &refusal(ctx.locale, &e)),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => job_page(&state, &ctx, &caller, &csrf, &id, Some(e)).await,
    }
}

/// `POST /repair-jobs/{id}/cancel`: before the rep arrives, with a reason.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    step(
        state,
        ctx,
        headers,
        id,
        fields,
        JobStatus::Cancelled,
        "rp-job-cancelled",
    )
    .await
}

/// `POST /repair-jobs/{id}/dispute`: once served, with a reason.
pub async fn dispute(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    step(
        state,
        ctx,
        headers,
        id,
        fields,
        JobStatus::Disputed,
        "rp-job-disputed",
    )
    .await
}

// ---------------------------------------------------------------- chat

/// The job's chat page: the conversation view of the other chats
/// (`admin/support_chat.html`, live through `static/chat.js`), its
/// endpoints under `/repair-jobs/{id}/chat`.
#[derive(Template, WebTemplate)]
#[template(
    ext = "html",
    source = r#"{% extends "customer/layout.html" %}
{% block title %}{{ rep }} · {{ number }}{% endblock %}
{% block content %}
<p class="breadcrumbs"><a href="{{ u.base }}/repairs">{{ u.t("rp-title") }}</a> <span aria-hidden="true">{{ u.c.chevron()|safe }}</span> <a id="chat-job-link" href="{{ u.base }}/repair-jobs/{{ job }}"><bdi dir="ltr">{{ number }}</bdi></a></p>
<h1 id="page-title"><bdi>{{ rep }}</bdi></h1>
<p class="notice">{{ u.t("rp-chat-intro") }}</p>
{% include "admin/support_chat.html" %}
{% endblock %}"#
)]
struct ChatPage {
    u: Ui,
    job: String,
    number: String,
    rep: String,
    chat: ChatView,
}

/// The job and its thread, for a party to it (404 otherwise).
async fn job_thread(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(RepairJob, Uuid), ApiError> {
    let j = jobs::get(state, caller, parse_id(id)?).await?;
    let thread = j.thread_id.ok_or(ApiError::NotFound)?;
    Ok((j, thread))
}

async fn chat_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: &str,
    refused: Option<(ApiError, String)>,
) -> Response {
    let loaded = async {
        let (j, thread) = job_thread(state, caller, id).await?;
        let row = app::chat::service::thread_of(state, caller, thread).await?;
        let messages = recent(state, caller, thread).await?;
        Ok::<_, ApiError>((j, row, messages))
    }
    .await;
    let (j, thread, messages) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let base = app_base(ctx);
    let urls = ChatUrls {
        base,
        thread: format!("{base}/repair-jobs/{}/chat", j.id),
        token: format!("{base}/realtime-token"),
    };
    // As staff see it: the other party's own name (the rep's), not "support".
    let mut view = ChatView::new(
        ctx.locale,
        caller.user_id,
        &thread,
        true,
        urls,
        csrf,
        &messages,
    );
    let mut status = StatusCode::OK;
    if let Some((e, draft)) = refused {
        status = e.status();
        view = view.refused(&e, draft);
    }
    let page = ChatPage {
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        job: j.id.to_string(),
        number: j.number.clone(),
        rep: rep_name(ctx.locale, &j),
        chat: view,
    };
    (status, page).into_response()
}

/// `GET /repair-jobs/{id}/chat`.
pub async fn chat(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    chat_page(&state, &ctx, &caller, &csrf, &id, None).await
}

/// `GET /repair-jobs/{id}/chat/messages`: the latest messages as JSON (chat.js).
pub async fn chat_history(
    State(state): State<AppState>,
    signin::Signed { caller, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    match job_thread(&state, &caller, &id).await {
        Ok((_, thread)) => recent_json(&state, &caller, thread).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST /repair-jobs/{id}/chat/read`: the customer has read the thread.
pub async fn chat_read(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match job_thread(&state, &caller, &id).await {
        Ok((_, thread)) => mark_read(&state, &caller, thread).await,
        Err(e) => e.status().into_response(),
    }
}

/// `POST /repair-jobs/{id}/chat/messages`: a message sent without JavaScript.
pub async fn chat_send(
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
    let thread = match job_thread(&state, &caller, &id).await {
        Ok((_, thread)) => thread,
        Err(e) => return error_page(&ctx, e),
    };
    let body = f.get("body");
    match send_text(&state, &caller, thread, &body).await {
        Ok(_) => see_other(&format!(
            "{}/repair-jobs/{id}/chat#chat-form",
            app_base(&ctx)
        )),
        Err(e @ ApiError::Validation(_)) => {
            chat_page(&state, &ctx, &caller, &csrf, &id, Some((e, body))).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
