//! A store's bookings calendar (`bookings.manage`): a day or a week of
//! bookings laid out by hour (Asia/Riyadh), the hours trimmed to those the
//! store opens or has bookings in; each booking a card with its number,
//! time, services, body type, customer and status, and the store's next
//! steps (htmx, the card re-rendered in place with a toast). Rejecting asks
//! for the reason in a dialog loaded into `#modal`. A strip of the last 30
//! days' figures sits on top.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::bookings::model::{
    Booking, BookingStats, BookingsQuery, Schedule, Status, StepInput, parse_hhmm,
};
use app::bookings::service::{menu, steps};
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::money::{digits_of, with_digits};
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::{Session, StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::signin::Signed;

/// Bookings read per request of the list (its maximum page).
const PER_PAGE: u32 = 100;
/// Pages read at most for one week (a busy store's week fits many times over).
const MAX_PAGES: u32 = 20;

/// The stores' local offset: Asia/Riyadh keeps UTC+3 all year.
const RIYADH: time::UtcOffset = time::macros::offset!(+3);

/// Today in Riyadh.
fn today() -> Date {
    OffsetDateTime::now_utc().to_offset(RIYADH).date()
}

/// `YYYY-MM-DD`, or `None`.
fn parse_date(s: &str) -> Option<Date> {
    if s.len() != 10 {
        return None;
    }
    Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// `YYYY-MM-DD`.
fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(Duration::days(n)).unwrap_or(d)
}

/// The weekday's slug for the `web-day-…` labels, from an ISO weekday.
pub(super) fn day_slug(iso_weekday: u8) -> &'static str {
    match iso_weekday {
        1 => "mon",
        2 => "tue",
        3 => "wed",
        4 => "thu",
        5 => "fri",
        6 => "sat",
        _ => "sun",
    }
}

/// Text in the page's digits.
pub(super) fn digits(locale: Locale, s: &str) -> String {
    with_digits(s, digits_of(locale))
}

/// A moment's local "HH:MM".
fn local_hhmm(at: OffsetDateTime) -> String {
    let t = at.to_offset(RIYADH);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Each status's badge tone (the design system's `ok/warn/bad/info`).
fn tone(status: &str) -> &'static str {
    match status {
        "pending" => "warn",
        "confirmed" | "in_progress" => "info",
        "completed" => "ok",
        "rejected" | "cancelled" | "no_show" => "bad",
        _ => "",
    }
}

/// One booking as its card shows it.
pub struct Card {
    pub id: String,
    pub number: String,
    /// Local "HH:MM – HH:MM", in the page's digits.
    pub time: String,
    pub services: Vec<String>,
    pub body: String,
    pub customer: String,
    pub total: String,
    pub paid: bool,
    pub cash: bool,
    pub notes: String,
    pub status: String,
    pub tone: &'static str,
    /// The store's next steps (`Status::store_next`), as status slugs.
    pub steps: Vec<&'static str>,
    /// Why the last step was refused.
    pub error: Option<String>,
}

impl Card {
    fn of(b: &Booking, locale: Locale, error: Option<String>) -> Card {
        let name = |ar: &str, en: &str| match locale {
            Locale::Ar => ar.to_owned(),
            Locale::En => en.to_owned(),
        };
        Card {
            id: b.id.to_string(),
            number: b.number.clone(),
            time: digits(
                locale,
                &format!("{} – {}", b.local_time, local_hhmm(b.ends_at)),
            ),
            services: b
                .lines
                .iter()
                .map(|l| {
                    let mut s = name(&l.name_ar, &l.name_en);
                    for a in &l.addons {
                        s.push_str(" + ");
                        s.push_str(&name(&a.name_ar, &a.name_en));
                    }
                    s
                })
                .collect(),
            body: b.body_type.clone(),
            customer: b
                .customer_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| t(locale, "pb-customer-unnamed")),
            total: kernel::money::format(locale, b.total),
            paid: b.paid,
            cash: b.payment_method == "cash",
            notes: b.notes.clone(),
            tone: tone(&b.status),
            steps: Status::parse(&b.status)
                .map(|s| s.store_next().iter().map(|x| x.as_str()).collect())
                .unwrap_or_default(),
            status: b.status.clone(),
            error,
        }
    }
}

/// A column of the calendar.
pub struct DayHead {
    pub iso: String,
    pub name: String,
    pub date: String,
    pub today: bool,
}

/// An hour of the calendar, a cell of cards per day.
pub struct HourRow {
    pub key: String,
    pub label: String,
    /// Inside the store's hours on at least one of the days shown.
    pub open: bool,
    pub cells: Vec<Vec<Card>>,
}

/// The figures strip, formatted.
pub struct StatsView {
    pub total: String,
    pub completed: String,
    pub no_show: String,
    pub upcoming: String,
    pub revenue: String,
    pub show_rate: String,
}

impl StatsView {
    fn of(c: &Chrome, s: &BookingStats) -> StatsView {
        let ended = s.completed + s.no_show;
        StatsView {
            total: c.num(&s.total),
            completed: c.num(&s.completed),
            no_show: c.num(&s.no_show),
            upcoming: c.num(&s.upcoming),
            revenue: c.sar(&s.revenue),
            show_rate: if ended == 0 {
                "—".to_owned()
            } else {
                c.pct(&(s.show_rate * 100))
                    .trim_start_matches('+')
                    .to_owned()
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/bookings.html")]
struct CalendarPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    stats: StatsView,
    week: bool,
    /// The chosen date, `YYYY-MM-DD` (form value and links).
    date: String,
    /// The range shown: the day's name (day view) and its first and last
    /// dates in the page's digits.
    range_name: String,
    range_from: String,
    range_to: String,
    day_href: String,
    week_href: String,
    prev_href: String,
    next_href: String,
    today_href: String,
    days: Vec<DayHead>,
    rows: Vec<HourRow>,
    count: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/bookings_card.html")]
struct CardFragment {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    b: Card,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/bookings_reject.html")]
struct RejectDialog {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    id: String,
    number: String,
    reason: String,
    reason_error: String,
    form_error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct CalendarParams {
    view: Option<String>,
    date: Option<String>,
}

/// Every booking of the store starting between the local dates, soonest first.
async fn between(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
    from: Date,
    to: Date,
) -> Result<Vec<Booking>, ApiError> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let q = BookingsQuery {
            from: Some(iso(from)),
            to: Some(iso(to)),
            page: Some(page),
            per_page: Some(PER_PAGE),
            ..BookingsQuery::default()
        };
        let (rows, meta) = steps::store_list(state, caller, store, &q).await?;
        let n = rows.len();
        out.extend(rows);
        if n < PER_PAGE as usize || i64::from(page) >= meta.total_pages {
            break;
        }
    }
    Ok(out)
}

/// Whether the store opens during the hour `[h:00, h+1:00)` of the ISO weekday.
fn open_at(schedule: &Schedule, weekday: u8, hour: i32) -> bool {
    schedule.hours.iter().any(|h| {
        let (Some(s), Some(e)) = (parse_hhmm(&h.start), parse_hhmm(&h.end)) else {
            return false;
        };
        h.weekday as u8 == weekday && s < (hour + 1) * 60 && e > hour * 60
    })
}

/// The hours of the calendar: those the store opens in on one of `days`,
/// or that have a booking.
fn hour_rows(
    locale: Locale,
    schedule: &Schedule,
    days: &[Date],
    bookings: &[Booking],
) -> Vec<HourRow> {
    let mut rows = Vec::new();
    for hour in 0..24 {
        let open = days
            .iter()
            .any(|d| open_at(schedule, d.weekday().number_from_monday(), hour));
        let cells: Vec<Vec<Card>> = days
            .iter()
            .map(|d| {
                let day = iso(*d);
                bookings
                    .iter()
                    .filter(|b| {
                        b.local_date == day
                            && b.local_time.get(..2).and_then(|h| h.parse::<i32>().ok())
                                == Some(hour)
                    })
                    .map(|b| Card::of(b, locale, None))
                    .collect()
            })
            .collect();
        if open || cells.iter().any(|c| !c.is_empty()) {
            rows.push(HourRow {
                key: format!("{hour:02}"),
                label: digits(locale, &format!("{hour:02}:00")),
                open,
                cells,
            });
        }
    }
    rows
}

pub async fn calendar(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
    Query(q): Query<CalendarParams>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let week = q.view.as_deref() == Some("week");
    let now = today();
    let date = q.date.as_deref().and_then(parse_date).unwrap_or(now);
    let (from, to) = if week {
        let start = plus_days(date, -i64::from(date.weekday().number_days_from_sunday()));
        (start, plus_days(start, 6))
    } else {
        (date, date)
    };
    let loaded = async {
        let stats = steps::store_stats(&state, &caller, id, 30).await?;
        let schedule = menu::schedule(&state, &caller, id).await?;
        let bookings = between(&state, &caller, id, from, to).await?;
        Ok::<_, ApiError>((stats, schedule, bookings))
    }
    .await;
    let (stats, schedule, bookings) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    let base = ctx.partner_base();
    let link = |week: bool, d: Date| {
        if week {
            format!("{base}/stores/{id}/bookings?view=week&date={}", iso(d))
        } else {
            format!("{base}/stores/{id}/bookings?date={}", iso(d))
        }
    };
    let step = if week { 7 } else { 1 };
    let day_name = |d: Date| {
        t(
            locale,
            &format!("web-day-{}", day_slug(d.weekday().number_from_monday())),
        )
    };
    let dates: Vec<Date> = (0..=(to - from).whole_days())
        .map(|i| plus_days(from, i))
        .collect();
    let c = chrome(&ctx, &csrf);
    let page = CalendarPage {
        stats: StatsView::of(&c, &stats),
        c,
        base,
        section: "stores",
        tab: "bookings",
        week,
        date: iso(date),
        range_name: if week { String::new() } else { day_name(date) },
        range_from: digits(locale, &iso(from)),
        range_to: digits(locale, &iso(to)),
        day_href: link(false, date),
        week_href: link(true, date),
        prev_href: link(week, plus_days(date, -step)),
        next_href: link(week, plus_days(date, step)),
        today_href: link(week, now),
        days: dates
            .iter()
            .map(|d| DayHead {
                iso: iso(*d),
                name: day_name(*d),
                date: digits(locale, &format!("{:02}/{:02}", d.day(), d.month() as u8)),
                today: *d == now,
            })
            .collect(),
        rows: hour_rows(locale, &schedule, &dates, &bookings),
        count: bookings.len() as i64,
        store: nav,
    };
    page.into_response()
}

/// JSON with every non-ASCII character escaped, so that it travels in a header.
fn ascii_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for ch in value.to_string().chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            let mut buf = [0u16; 2];
            for unit in ch.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// An htmx answer with a toast, closing `#modal` too when asked.
fn with_events(mut res: Response, message: &str, kind: &str, close_modal: bool) -> Response {
    let mut events = serde_json::json!({"toast": {"message": message, "kind": kind}});
    if close_modal {
        events["closeModal"] = serde_json::Value::Bool(true);
    }
    if let Ok(v) = http::HeaderValue::from_str(&ascii_json(&events)) {
        res.headers_mut().insert("hx-trigger", v);
    }
    res
}

/// The reject dialog, loaded into `#modal`.
pub async fn reject_dialog(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let found = match parse_id(&id) {
        Ok(id) => steps::store_booking(&state, &caller, store_id, id).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(b) => RejectDialog {
            c: chrome(&ctx, &csrf),
            base: ctx.partner_base(),
            store: nav,
            id: b.id.to_string(),
            number: b.number,
            reason: String::new(),
            reason_error: String::new(),
            form_error: None,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// A step on a booking: the card again with a toast; a refusal shows on the
/// card (or, from the reject dialog, in the dialog).
pub async fn step(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let from_dialog = f.get("from") == "dialog";
    let reason = f.get("reason");
    let req = StepInput {
        status: f.get("status"),
        reason: Some(reason.clone()).filter(|r| !r.is_empty()),
    };
    let result = match req.validate() {
        Ok(()) => steps::store_step(&state, &caller, store_id, id, &req).await,
        Err(e) => Err(e),
    };
    let locale = ctx.locale;
    let base = ctx.partner_base();
    match result {
        Ok(b) => {
            let message = Message::new("pb-toast-step")
                .arg("status", t(locale, &format!("pb-status-{}", b.status)))
                .render(locale);
            let card = CardFragment {
                c: chrome(&ctx, &csrf),
                base,
                store: nav,
                b: Card::of(&b, locale, None),
            }
            .into_response();
            with_events(card, &message, "success", from_dialog)
        }
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::BadRequest(_)
            | ApiError::Unprocessable { .. }),
        ) => {
            let errors = Errors::from_api(&e, locale);
            let booking = match steps::store_booking(&state, &caller, store_id, id).await {
                Ok(b) => b,
                Err(e) => return error_page(&ctx, e),
            };
            if from_dialog {
                let reason_error = errors.of("reason");
                let dialog = RejectDialog {
                    c: chrome(&ctx, &csrf),
                    base,
                    store: nav,
                    id: booking.id.to_string(),
                    number: booking.number.clone(),
                    form_error: if reason_error.is_empty() {
                        errors.form.clone()
                    } else {
                        None
                    },
                    reason,
                    reason_error,
                }
                .into_response();
                let mut res = dialog;
                let h = res.headers_mut();
                h.insert("hx-retarget", http::HeaderValue::from_static("#modal"));
                h.insert("hx-reswap", http::HeaderValue::from_static("innerHTML"));
                res
            } else {
                let message = Some(errors.of("status"))
                    .filter(|m| !m.is_empty())
                    .or_else(|| Some(errors.of("reason")).filter(|m| !m.is_empty()))
                    .or(errors.form)
                    .unwrap_or_default();
                let card = CardFragment {
                    c: chrome(&ctx, &csrf),
                    base,
                    store: nav,
                    b: Card::of(&booking, locale, Some(message.clone())),
                }
                .into_response();
                with_events(card, &message, "error", false)
            }
        }
        Err(e) => error_page(&ctx, e),
    }
}
