//! Repair jobs (Tashlih, `reps.manage`): every job by status, with a tab
//! for disputes and an optional filter by representative, and one job's
//! page with its facts and amounts, the status history, the reason a job
//! was cancelled or disputed, and the rep's track drawn on a map
//! (`static/ds/track_admin.js`, Leaflet; no inline script).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::repairs::model::{JobHistory, JobStatus, PROBLEMS, Position, RepairJob, distance_km};
use app::repairs::service::jobs;
use kernel::Locale;
use kernel::i18n::Message;
use kernel::ids::parse_id;

use super::common;
use super::{chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared;
use crate::signin;

/// The badge's colour of a job's status: the design system's tone for the
/// stage (travelling is violet like shipping, completed but unpaid waits).
pub(super) fn badge(status: &str) -> &'static str {
    match status {
        "accepted" => "accepted",
        "on_the_way" => "shipped",
        "arrived" => "ready_for_pickup",
        "working" => "preparing",
        "completed" => "pending",
        "paid" => "paid",
        "cancelled" => "cancelled",
        "disputed" => "bad",
        _ => "plain",
    }
}

/// A problem's slug as its label's suffix (`arp-problem-…`), an unknown
/// one as "other".
pub(super) fn problem(slug: &str) -> &'static str {
    PROBLEMS
        .iter()
        .copied()
        .find(|p| *p == slug)
        .unwrap_or("other")
}

/// A status's slug as its label's suffix (`arp-status-…`).
fn status_of(slug: &str) -> &'static str {
    JobStatus::parse(slug).map_or("accepted", JobStatus::as_str)
}

/// A name people typed, or empty.
fn named(name: Option<&str>) -> String {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .unwrap_or_default()
}

/// One job in a table (the jobs index and a rep's page).
pub struct JobRow {
    pub id: String,
    pub number: String,
    pub problem: &'static str,
    /// Empty when the customer has no name.
    pub customer: String,
    pub rep_id: String,
    /// Empty when the rep has no name.
    pub rep: String,
    pub total: i64,
    /// Empty until the customer chooses how to pay.
    pub method: String,
    pub status: &'static str,
    pub badge: &'static str,
    pub created: String,
}

impl JobRow {
    pub fn of(locale: Locale, j: &RepairJob) -> JobRow {
        JobRow {
            id: j.id.to_string(),
            number: j.number.clone(),
            problem: problem(&j.problem),
            customer: named(j.customer_name.as_deref()),
            rep_id: j.rep_id.to_string(),
            rep: named(j.rep_name.as_deref()),
            total: j.total,
            method: j.payment_method.clone().unwrap_or_default(),
            status: status_of(&j.status),
            badge: badge(&j.status),
            created: shared::when(locale, j.created_at),
        }
    }
}

// ---------------------------------------------------------------- index

/// The index's tab and representative, from the query string.
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    rep: String,
}

impl Filter {
    fn status(&self) -> Option<JobStatus> {
        JobStatus::parse(self.status.trim())
    }

    fn rep(&self) -> Option<Uuid> {
        Uuid::parse_str(self.rep.trim()).ok()
    }

    /// This view's link with another tab (`None`: the same tab).
    fn link(&self, base: &str, status: Option<&str>) -> String {
        let current = self.status().map_or("", JobStatus::as_str);
        let rep = self.rep().map(|r| r.to_string()).unwrap_or_default();
        format!(
            "{base}/repair-jobs{}",
            common::query(&[("status", status.unwrap_or(current)), ("rep", rep.as_str())])
        )
    }
}

/// A status tab: link, label, current, and the status (empty: all).
pub struct Tab {
    href: String,
    label: String,
    on: bool,
    key: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/repair_jobs.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The tab shown (empty: every job).
    status: &'static str,
    tabs: Vec<Tab>,
    /// The representative the list is narrowed to (empty: every rep), their
    /// name (may be empty), and the link that drops the filter.
    rep_id: String,
    rep_name: String,
    clear_rep: String,
    total: String,
    /// The service answers the newest jobs only, up to this many.
    capped: bool,
    rows: Vec<JobRow>,
}

/// How many jobs the service answers at most.
const LIMIT: usize = 100;

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let status = f.status();
    let current = status.map_or("", JobStatus::as_str);
    let rep_id = f.rep();
    let loaded = async {
        let items =
            jobs::admin_jobs(&state, &caller, rep_id, status.map(JobStatus::as_str)).await?;
        let rep = match rep_id {
            Some(id) => Some(jobs::admin_rep(&state, &caller, id).await?),
            None => None,
        };
        Ok::<_, kernel::ApiError>((items, rep))
    }
    .await;
    let (items, rep) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let mut tabs = vec![Tab {
        href: f.link(base, Some("")),
        label: c.t("web-admin-all"),
        on: current.is_empty(),
        key: "all",
    }];
    tabs.extend(JobStatus::ALL.iter().map(|s| Tab {
        href: f.link(base, Some(s.as_str())),
        label: c.label("arp-tab-", s.as_str()),
        on: current == s.as_str(),
        key: s.as_str(),
    }));
    let clear_rep = format!(
        "{base}/repair-jobs{}",
        common::query(&[("status", current)])
    );
    ListPage {
        base,
        section: "repair-jobs",
        status: current,
        tabs,
        rep_id: rep
            .as_ref()
            .map(|r| r.rep_id.to_string())
            .unwrap_or_default(),
        rep_name: rep
            .as_ref()
            .map(|r| named(r.name.as_deref()))
            .unwrap_or_default(),
        clear_rep,
        total: c.t_count("arp-jobs-count", &(items.len() as i64)),
        capped: items.len() >= LIMIT,
        rows: items.iter().map(|j| JobRow::of(ctx.locale, j)).collect(),
        c,
    }
    .into_response()
}

// ---------------------------------------------------------------- page

pub struct StepView {
    from: Option<&'static str>,
    to: &'static str,
    badge: &'static str,
    /// `rep`, `customer`, `admin` or `system`.
    actor: &'static str,
    note: String,
    at: String,
}

impl StepView {
    fn of(locale: Locale, h: &JobHistory) -> StepView {
        StepView {
            from: h.from_status.as_deref().map(status_of),
            to: status_of(&h.to_status),
            badge: badge(&h.to_status),
            actor: match h.actor_role.as_str() {
                "rep" => "rep",
                "customer" => "customer",
                "admin" => "admin",
                _ => "system",
            },
            note: h.note.clone(),
            at: shared::when(locale, h.created_at),
        }
    }
}

pub struct JobView {
    id: String,
    number: String,
    status: &'static str,
    badge: &'static str,
    problem: &'static str,
    customer_id: String,
    customer: String,
    rep_id: String,
    rep: String,
    subtotal: i64,
    vat: i64,
    total: i64,
    commission: i64,
    commission_vat: i64,
    /// Empty until the customer chooses how to pay.
    method: String,
    /// Empty until paid.
    paid: String,
    eta: String,
    dropped: i64,
    /// Why the job was cancelled or disputed; empty otherwise.
    reason: String,
    created: String,
    /// The customer's pin, as people read coordinates.
    pin: String,
}

/// A coordinate pair in the page's digits, six decimals.
fn coords(locale: Locale, lat: f64, lng: f64) -> String {
    kernel::money::with_digits(
        &format!("{lat:.6}, {lng:.6}"),
        kernel::money::digits_of(locale),
    )
}

impl JobView {
    fn of(locale: Locale, j: &RepairJob) -> JobView {
        JobView {
            id: j.id.to_string(),
            number: j.number.clone(),
            status: status_of(&j.status),
            badge: badge(&j.status),
            problem: problem(&j.problem),
            customer_id: j.customer_id.to_string(),
            customer: named(j.customer_name.as_deref()),
            rep_id: j.rep_id.to_string(),
            rep: named(j.rep_name.as_deref()),
            subtotal: j.subtotal,
            vat: j.vat,
            total: j.total,
            commission: j.commission,
            commission_vat: j.commission_vat,
            method: j.payment_method.clone().unwrap_or_default(),
            paid: j
                .paid_at
                .map(|at| shared::when(locale, at))
                .unwrap_or_default(),
            eta: Message::new("arp-minutes")
                .arg("count", i64::from(j.eta_minutes))
                .render(locale),
            dropped: i64::from(j.positions_dropped),
            reason: j.reason.trim().to_owned(),
            created: shared::when(locale, j.created_at),
            pin: coords(locale, j.lat, j.lng),
        }
    }
}

/// The track as the map reads it, and what the page says of it.
pub struct TrackView {
    /// `[[lat, lng], …]`, oldest first.
    json: String,
    /// The customer's pin, `[lat, lng]`.
    pin: String,
    points: i64,
    /// Empty without positions.
    first: String,
    last: String,
    /// Kilometres along the line, one decimal, in the page's digits.
    distance: String,
}

impl TrackView {
    fn of(locale: Locale, j: &RepairJob, track: &[Position]) -> TrackView {
        let line: Vec<[f64; 2]> = track.iter().map(|p| [p.lat, p.lng]).collect();
        let km: f64 = track
            .windows(2)
            .map(|w| distance_km((w[0].lat, w[0].lng), (w[1].lat, w[1].lng)))
            .sum();
        let digits = kernel::money::digits_of(locale);
        TrackView {
            json: serde_json::to_string(&line).unwrap_or_else(|_| "[]".into()),
            pin: serde_json::to_string(&[j.lat, j.lng]).unwrap_or_else(|_| "null".into()),
            points: line.len() as i64,
            first: track
                .first()
                .map(|p| shared::when(locale, p.recorded_at))
                .unwrap_or_default(),
            last: track
                .last()
                .map(|p| shared::when(locale, p.recorded_at))
                .unwrap_or_default(),
            distance: Message::new("arp-km")
                .arg(
                    "km",
                    kernel::money::with_digits(&format!("{km:.1}"), digits),
                )
                .render(locale),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/repair_job.html")]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    j: JobView,
    history: Vec<StepView>,
    track: TrackView,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let loaded = async {
        let job = jobs::get(&state, &caller, id).await?;
        let track = jobs::track(&state, &caller, id).await?;
        Ok::<_, kernel::ApiError>((job, track))
    }
    .await;
    let (job, track) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    DetailPage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "repair-jobs",
        j: JobView::of(locale, &job),
        history: job
            .history
            .iter()
            .map(|h| StepView::of(locale, h))
            .collect(),
        track: TrackView::of(locale, &job, &track),
    }
    .into_response()
}
