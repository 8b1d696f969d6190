//! Service bookings for admins (`bookings.manage`): every store's bookings
//! by status, date range and store, each row opening the booking's page
//! (its services and add-ons as priced, the amounts and payment, the notes
//! and the status history), where an admin may force the store's next step
//! or a cancellation. Each forced step asks for a reason in a dialog served
//! by the page (`/bookings/{id}/force/{status}`); the service applies the
//! step's money and audits it, and the status card comes back with a toast.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::bookings::model::{Booking, BookingsQuery, HistoryEntry, Line, Status, StepInput, pick};
use app::bookings::service::steps as bookings;
use app::identity::model::User;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::common::{self, refused};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared::{self, Pager};
use crate::signin;

const PER_PAGE: u32 = 20;

/// `s` with its digits in the page's style (dates, times: no decimal point).
fn digits(locale: Locale, s: &str) -> String {
    kernel::money::with_digits(s, kernel::money::digits_of(locale))
}

/// A local date as date inputs send it (`YYYY-MM-DD`); anything else is no
/// date, as a filter bar has no field to show an error by.
fn day(raw: &str) -> Option<time::Date> {
    let raw = raw.trim();
    if raw.len() != 10 {
        return None;
    }
    time::Date::parse(
        raw,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// A date as the service and the date inputs read it.
fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The badge's colour of a status: the design system's tone for the stage.
fn badge(status: &str) -> &'static str {
    match status {
        "pending" => "pending",
        "confirmed" => "confirmed",
        "in_progress" => "info",
        "completed" => "done",
        "rejected" => "rejected",
        "cancelled" => "cancelled",
        "no_show" => "bad",
        "expired" => "expired",
        _ => "plain",
    }
}

/// Where the money stands: `paid`, `at_store` (cash, settled when the
/// service is done) or `unpaid`, with its badge.
fn payment(b: &Booking) -> (&'static str, &'static str) {
    if b.paid {
        ("paid", "paid")
    } else if b.payment_method == "cash" {
        ("at_store", "plain")
    } else {
        ("unpaid", "pending")
    }
}

/// The steps an admin may force from where the booking stands: the store's
/// next steps, and cancelling while it is still open (the service's rule).
fn steps_of(status: &str) -> Vec<Status> {
    let Some(s) = Status::parse(status) else {
        return Vec::new();
    };
    let mut out = s.store_next().to_vec();
    if s.is_open() {
        out.push(Status::Cancelled);
    }
    out
}

/// Steps that take money back or end the booking against the customer.
fn is_danger(to: Status) -> bool {
    matches!(to, Status::Rejected | Status::Cancelled | Status::NoShow)
}

fn step_icon(to: Status) -> &'static str {
    match to {
        Status::Confirmed => "circle-check",
        Status::InProgress => "player-play",
        Status::Completed => "checks",
        Status::Rejected => "circle-x",
        Status::Cancelled => "ban",
        Status::NoShow => "alert-triangle",
        Status::Pending | Status::Expired => "history",
    }
}

/// A duration in minutes, in the page's digits; empty for none.
fn minutes(locale: Locale, m: i32) -> String {
    if m <= 0 {
        return String::new();
    }
    digits(
        locale,
        &Message::new("abk-minutes")
            .arg("count", i64::from(m))
            .render(locale),
    )
}

// ---------------------------------------------------------------- index

/// The index's tab, date range, store and page, from the query string.
#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    status: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    store: String,
    page: Option<u32>,
}

impl Filter {
    fn status(&self) -> Option<Status> {
        Status::parse(self.status.trim())
    }

    fn store(&self) -> Option<Uuid> {
        Uuid::parse_str(self.store.trim()).ok()
    }

    /// The date range, earlier day first (a reversed range is read the
    /// right way round).
    fn range(&self) -> (Option<time::Date>, Option<time::Date>) {
        match (day(&self.from), day(&self.to)) {
            (Some(a), Some(b)) if b < a => (Some(b), Some(a)),
            other => other,
        }
    }

    /// The list under these filters, at `page`, with `status` and `store`
    /// when given (empty: every status, every store).
    fn link(
        &self,
        base: &str,
        page: Option<u32>,
        status: Option<&str>,
        store: Option<&str>,
    ) -> String {
        let (from, to) = self.range();
        let from = from.map(iso).unwrap_or_default();
        let to = to.map(iso).unwrap_or_default();
        let page = page.map(|p| p.to_string()).unwrap_or_default();
        let current = self.status().map_or("", Status::as_str);
        let store_now = self.store().map(|s| s.to_string()).unwrap_or_default();
        format!(
            "{base}/bookings{}",
            common::query(&[
                ("status", status.unwrap_or(current)),
                ("from", from.as_str()),
                ("to", to.as_str()),
                ("store", store.unwrap_or(store_now.as_str())),
                ("page", page.as_str()),
            ])
        )
    }
}

pub struct Row {
    id: String,
    number: String,
    store: String,
    /// The list of this store's bookings (the other filters kept).
    store_link: String,
    customer: String,
    date: String,
    time: String,
    services: String,
    addons: i64,
    total: i64,
    method: String,
    payment: &'static str,
    status: String,
    badge: &'static str,
}

impl Row {
    fn of(locale: Locale, f: &Filter, base: &str, b: &Booking) -> Row {
        let sep = match locale {
            Locale::Ar => "، ",
            Locale::En => ", ",
        };
        let services = b
            .lines
            .iter()
            .map(|l| pick(locale, &l.name_ar, &l.name_en))
            .collect::<Vec<_>>()
            .join(sep);
        let addons = b.lines.iter().map(|l| l.addons.len()).sum::<usize>();
        let store_id = b.store_id.to_string();
        Row {
            id: b.id.to_string(),
            number: b.number.clone(),
            store: b.store_name.clone(),
            store_link: f.link(base, None, None, Some(store_id.as_str())),
            customer: b
                .customer_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_default(),
            date: digits(locale, &b.local_date),
            time: digits(locale, &b.local_time),
            services,
            addons: i64::try_from(addons).unwrap_or(i64::MAX),
            total: b.total,
            method: b.payment_method.clone(),
            payment: payment(b).0,
            status: b.status.clone(),
            badge: badge(&b.status),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/bookings.html")]
struct ListPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// The tab shown (empty: every booking).
    status: &'static str,
    /// The range applied, as the date inputs show it.
    from: String,
    to: String,
    /// The store filtered on (its id, empty for every store) and its name.
    store: String,
    store_name: String,
    /// The list without the store, and without any filter but the tab.
    clear_store: String,
    clear: String,
    /// A date range or a store narrows the list.
    filtered: bool,
    /// (link, label, current)
    tabs: Vec<(String, String, bool)>,
    total: String,
    rows: Vec<Row>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<Filter>,
) -> Response {
    let status = f.status();
    let store = f.store();
    let (from, to) = f.range();
    let q = BookingsQuery {
        from: from.map(iso),
        to: to.map(iso),
        status: status.map(|s| s.as_str().to_owned()),
        store,
        page: Some(f.page.unwrap_or(1).max(1)),
        per_page: Some(PER_PAGE),
    };
    let (items, meta) = match bookings::admin_list(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    // The store's name from its bookings, or from the stores' service when
    // none is listed (the id itself when the admin may not read stores).
    let store_name = match store {
        None => String::new(),
        Some(id) => match items.first() {
            Some(b) => b.store_name.clone(),
            None => app::stores::service::branches::admin_get(&state, &caller, id)
                .await
                .map(|s| pick(ctx.locale, &s.name_ar, &s.name_en))
                .unwrap_or_else(|_| id.to_string()),
        },
    };
    let c = chrome(&ctx, &csrf);
    let base = ctx.admin_base();
    let current = status.map_or("", Status::as_str);
    let mut tabs = vec![(
        f.link(base, None, Some(""), None),
        c.t("web-admin-all"),
        current.is_empty(),
    )];
    tabs.extend(Status::ALL.iter().map(|s| {
        (
            f.link(base, None, Some(s.as_str()), None),
            c.label("abk-status-", s.as_str()),
            current == s.as_str(),
        )
    }));
    let rows = items
        .iter()
        .map(|b| Row::of(ctx.locale, &f, base, b))
        .collect();
    let clear = format!("{base}/bookings{}", common::query(&[("status", current)]));
    ListPage {
        base,
        section: "bookings",
        status: current,
        from: from.map(iso).unwrap_or_default(),
        to: to.map(iso).unwrap_or_default(),
        store: store.map(|s| s.to_string()).unwrap_or_default(),
        store_name,
        clear_store: f.link(base, None, None, Some("")),
        clear,
        filtered: from.is_some() || to.is_some() || store.is_some(),
        tabs,
        total: c.t_count("abk-count", &meta.total),
        rows,
        pager: Pager::new(&ctx, &meta, |p| f.link(base, Some(p), None, None)),
        c,
    }
    .into_response()
}

// ---------------------------------------------------------------- one booking

pub struct AddonView {
    name: String,
    minutes: String,
    price: i64,
}

pub struct LineView {
    name: String,
    minutes: String,
    price: i64,
    addons: Vec<AddonView>,
}

impl LineView {
    fn of(locale: Locale, l: &Line) -> LineView {
        LineView {
            name: pick(locale, &l.name_ar, &l.name_en),
            minutes: minutes(locale, l.minutes),
            price: l.price,
            addons: l
                .addons
                .iter()
                .map(|a| AddonView {
                    name: pick(locale, &a.name_ar, &a.name_en),
                    minutes: minutes(locale, a.minutes),
                    price: a.price,
                })
                .collect(),
        }
    }
}

pub struct StepView {
    from: Option<String>,
    to: String,
    to_badge: &'static str,
    actor: String,
    note: String,
    at: String,
}

impl StepView {
    fn of(locale: Locale, h: &HistoryEntry) -> StepView {
        StepView {
            from: h.from_status.clone(),
            to: h.to_status.clone(),
            to_badge: badge(&h.to_status),
            actor: h.actor_role.clone(),
            note: h.note.clone(),
            at: shared::when(locale, h.created_at),
        }
    }
}

/// A step an admin may force now, as its button.
pub struct ForceButton {
    to: &'static str,
    icon: &'static str,
    danger: bool,
}

/// The dialog forcing one step: the step, the reason typed so far and what
/// was wrong with it. `to` is empty on the page itself (no dialog).
pub struct Ask {
    to: &'static str,
    badge: &'static str,
    danger: bool,
    reason: String,
    errors: Errors,
}

impl Ask {
    fn none() -> Ask {
        Ask {
            to: "",
            badge: "plain",
            danger: false,
            reason: String::new(),
            errors: Errors::none(),
        }
    }

    fn of(to: Status, reason: String, errors: Errors) -> Ask {
        Ask {
            to: to.as_str(),
            badge: badge(to.as_str()),
            danger: is_danger(to),
            reason,
            errors,
        }
    }
}

/// The booking's page; its blocks are the answers of the actions: `live`
/// (the status card and the history, after a step) and `force_dialog`
/// (the reason's dialog, swapped into `#modal`).
#[derive(Template, WebTemplate)]
#[template(path = "admin/booking.html", blocks = ["live", "force_dialog"])]
struct DetailPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    id: String,
    number: String,
    status: String,
    badge: &'static str,
    store_id: String,
    store: String,
    customer_id: String,
    /// Empty when the booking has no name and the admin may not see users.
    customer: String,
    customer_phone: String,
    date: String,
    time: String,
    ends: String,
    body_type: String,
    bay: i64,
    cancel_until: String,
    created: String,
    lines: Vec<LineView>,
    subtotal: i64,
    vat: i64,
    total: i64,
    method: String,
    payment: &'static str,
    payment_badge: &'static str,
    notes: String,
    reason: String,
    history: Vec<StepView>,
    steps: Vec<ForceButton>,
    ask: Ask,
    /// An action's answer: the header's badge and the history swap out of band.
    oob: bool,
}

fn detail_page(
    ctx: &WebCtx,
    csrf: &str,
    b: &Booking,
    customer: Option<&User>,
    ask: Ask,
    oob: bool,
) -> DetailPage {
    let locale = ctx.locale;
    let named = |n: &Option<String>| n.clone().filter(|n| !n.trim().is_empty());
    let ends = shared::local_time(&b.ends_at)
        .split_once(' ')
        .map(|(_, t)| t.to_owned())
        .unwrap_or_default();
    let (pay, pay_badge) = payment(b);
    DetailPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "bookings",
        id: b.id.to_string(),
        number: b.number.clone(),
        status: b.status.clone(),
        badge: badge(&b.status),
        store_id: b.store_id.to_string(),
        store: b.store_name.clone(),
        customer_id: b.customer_id.to_string(),
        customer: named(&b.customer_name)
            .or_else(|| customer.and_then(|u| named(&u.name)))
            .unwrap_or_default(),
        customer_phone: customer
            .map(|u| shared::phone(&u.phone))
            .unwrap_or_default(),
        date: digits(locale, &b.local_date),
        time: digits(locale, &b.local_time),
        ends: digits(locale, &ends),
        body_type: b.body_type.clone(),
        bay: i64::from(b.bay),
        cancel_until: shared::when(locale, b.cancel_until),
        created: shared::when(locale, b.created_at),
        lines: b.lines.iter().map(|l| LineView::of(locale, l)).collect(),
        subtotal: b.subtotal,
        vat: b.vat,
        total: b.total,
        method: b.payment_method.clone(),
        payment: pay,
        payment_badge: pay_badge,
        notes: b.notes.trim().to_owned(),
        reason: b.reason.trim().to_owned(),
        history: b.history.iter().map(|h| StepView::of(locale, h)).collect(),
        steps: steps_of(&b.status)
            .into_iter()
            .map(|s| ForceButton {
                to: s.as_str(),
                icon: step_icon(s),
                danger: is_danger(s),
            })
            .collect(),
        ask,
        oob,
    }
}

/// A block of the booking's page as an htmx answer.
fn fragment(html: askama::Result<String>) -> Response {
    match html {
        Ok(h) => axum::response::Html(h).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "rendering a booking fragment");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Adds closing the dialog (`closeModal`, bound in `ui.js`) to an answer's
/// `HX-Trigger` (kept ASCII: the toast's text is already escaped).
fn closing_dialog(mut res: Response) -> Response {
    let merged = {
        let current = res
            .headers()
            .get("hx-trigger")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        match current.trim().strip_prefix('{') {
            Some(rest) if !rest.trim_start().starts_with('}') => {
                format!("{{\"closeModal\":true,{rest}")
            }
            _ => "{\"closeModal\":true}".to_owned(),
        }
    };
    if let Ok(v) = HeaderValue::from_str(&merged) {
        res.headers_mut().insert("hx-trigger", v);
    }
    res
}

/// A step the booking cannot take from where it stands now (`409
/// ILLEGAL_TRANSITION`), naming its status.
fn unavailable(locale: Locale, status: &str) -> ApiError {
    ApiError::Conflict {
        code: "ILLEGAL_TRANSITION",
        message: Message::new("abk-step-unavailable")
            .arg("status", t(locale, &format!("abk-status-{status}"))),
    }
}

/// What a refused step means for the dialog: shown in it, next to the reason.
fn form_error(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
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
    let b = match bookings::admin_get(&state, &caller, id).await {
        Ok(b) => b,
        Err(e) => return error_page(&ctx, e),
    };
    // The customer's phone (and a name the booking lacks) from the users'
    // service; an admin without `users.view` sees the booking without them.
    let customer = app::admin::service::user(&state, &caller, b.customer_id)
        .await
        .ok();
    detail_page(&ctx, &csrf, &b, customer.as_ref(), Ask::none(), false).into_response()
}

/// The dialog asking why a step is forced, swapped into `#modal`; a step
/// the booking can no longer take is refused with its message as a toast.
pub async fn ask(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((id, to)): Path<(String, String)>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return refused(&ctx, e),
    };
    let b = match bookings::admin_get(&state, &caller, id).await {
        Ok(b) => b,
        Err(e) => return refused(&ctx, e),
    };
    let Some(to) = steps_of(&b.status).into_iter().find(|s| s.as_str() == to) else {
        return refused(&ctx, unavailable(ctx.locale, &b.status));
    };
    let page = detail_page(
        &ctx,
        &csrf,
        &b,
        None,
        Ask::of(to, String::new(), Errors::none()),
        false,
    );
    fragment(page.as_force_dialog().render())
}

/// Forces the step chosen in the dialog with its reason. Done: the status
/// card (with the header's badge and the history) and a toast, and the
/// dialog closes. Refused for the reason or the booking's state: the dialog
/// again with the message (and a toast for a conflict).
pub async fn force(
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
        Err(e) => return refused(&ctx, e),
    };
    let req = StepInput {
        status: f.get("status"),
        reason: Some(f.get("reason")),
    };
    let done = match req.validate() {
        Ok(()) => bookings::admin_step(&state, &caller, id, &req).await,
        Err(e) => Err(e),
    };
    let e = match done {
        Ok(b) => {
            let message = Message::new("abk-toast-step")
                .arg("number", b.number.clone())
                .arg("status", t(ctx.locale, &format!("abk-status-{}", b.status)))
                .render(ctx.locale);
            let page = detail_page(&ctx, &csrf, &b, None, Ask::none(), true);
            return closing_dialog(shared::with_toast(
                fragment(page.as_live().render()),
                &message,
                "success",
            ));
        }
        Err(e) => e,
    };
    let Some(to) = Status::parse(&req.status).filter(|_| form_error(&e)) else {
        return refused(&ctx, e);
    };
    let b = match bookings::admin_get(&state, &caller, id).await {
        Ok(b) => b,
        Err(other) => return refused(&ctx, other),
    };
    // The service names an order's states; say where the booking stands.
    let e = match e {
        ApiError::Conflict {
            code: "ILLEGAL_TRANSITION",
            ..
        } => unavailable(ctx.locale, &b.status),
        other => other,
    };
    let errors = Errors::from_api(&e, ctx.locale);
    let conflict = !matches!(e, ApiError::Validation(_));
    let message = e.message().render(ctx.locale);
    let page = detail_page(
        &ctx,
        &csrf,
        &b,
        None,
        Ask::of(to, f.get("reason"), errors),
        false,
    );
    let mut res = fragment(page.as_force_dialog().render());
    res.headers_mut()
        .insert("hx-retarget", HeaderValue::from_static("#modal"));
    res.headers_mut()
        .insert("hx-reswap", HeaderValue::from_static("innerHTML"));
    if conflict {
        shared::with_toast(res, &message, "error")
    } else {
        res
    }
}
