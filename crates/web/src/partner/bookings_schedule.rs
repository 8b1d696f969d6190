//! A store's booking schedule (`bookings.manage`): slot length, bays, lead
//! time, horizon and cancellation window; the weekly hours, several
//! intervals a day, in the Saudi week's order (Sunday first); and the
//! blocked periods (once, between two local moments; weekly, a weekday's
//! interval; yearly, a whole day), added and removed one at a time.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::bookings::model::{BlockInput, BlockRow, HoursInput, Schedule, hhmm};
use app::bookings::service::menu;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::bookings::{day_slug, digits};
use super::{Session, StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared::{redirect_with_toast, when};
use crate::signin::Signed;

/// ISO weekdays in the Saudi week's order.
const WEEK: [u8; 7] = [7, 1, 2, 3, 4, 5, 6];

/// Interval rows read from one form at most.
const MAX_ROWS: usize = 60;

/// A time typed in a time input, as "HH:MM".
fn hh_mm(raw: &str) -> String {
    raw.trim().chars().take(5).collect()
}

/// An interval's end as stored: "00:00" typed as an end is midnight.
fn end_in(raw: &str) -> String {
    let v = hh_mm(raw);
    if v == "00:00" { "24:00".to_owned() } else { v }
}

/// An interval's end as a time input shows it: midnight as "00:00".
fn end_out(stored: &str) -> String {
    if stored == "24:00" {
        "00:00".to_owned()
    } else {
        stored.to_owned()
    }
}

/// A whole number field: required, in any digits.
fn int(e: &mut FieldErrors, field: &str, raw: &str) -> i32 {
    if raw.is_empty() {
        e.add(field, Message::new("validation-required"));
        return 0;
    }
    parse_int::<i32>(raw).unwrap_or_else(|| {
        e.add(field, Message::new("web-number-invalid"));
        0
    })
}

/// The schedule form as typed.
#[derive(Default)]
pub struct Draft {
    pub slot: String,
    pub capacity: String,
    pub lead: String,
    pub horizon: String,
    pub cancel: String,
    /// (ISO weekday, start, end as shown), in the order they are sent.
    pub rows: Vec<(u8, String, String)>,
}

impl Draft {
    fn of(s: &Schedule) -> Draft {
        Draft {
            slot: s.slot_minutes.to_string(),
            capacity: s.capacity.to_string(),
            lead: s.lead_minutes.to_string(),
            horizon: s.horizon_days.to_string(),
            cancel: s.cancel_window_minutes.to_string(),
            rows: s
                .hours
                .iter()
                .map(|h| (h.weekday as u8, h.start.clone(), end_out(&h.end)))
                .collect(),
        }
    }

    /// The fields; an interval row left empty is dropped.
    fn from_fields(f: &Fields) -> Draft {
        let (days, starts, ends) = (
            f.all("hoursWeekday"),
            f.all("hoursStart"),
            f.all("hoursEnd"),
        );
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        Draft {
            slot: f.get("slotMinutes"),
            capacity: f.get("capacity"),
            lead: f.get("leadMinutes"),
            horizon: f.get("horizonDays"),
            cancel: f.get("cancelWindowMinutes"),
            rows: (0..days.len())
                .filter(|i| !at(&starts, *i).is_empty() || !at(&ends, *i).is_empty())
                .take(MAX_ROWS)
                .map(|i| {
                    (
                        parse_int::<u8>(&at(&days, i)).unwrap_or(0),
                        hh_mm(&at(&starts, i)),
                        hh_mm(&at(&ends, i)),
                    )
                })
                .collect(),
        }
    }

    fn body(&self) -> (Schedule, FieldErrors) {
        let mut e = FieldErrors::new();
        let s = Schedule {
            slot_minutes: int(&mut e, "slotMinutes", &self.slot),
            capacity: int(&mut e, "capacity", &self.capacity),
            lead_minutes: int(&mut e, "leadMinutes", &self.lead),
            horizon_days: int(&mut e, "horizonDays", &self.horizon),
            cancel_window_minutes: int(&mut e, "cancelWindowMinutes", &self.cancel),
            hours: self
                .rows
                .iter()
                .map(|(w, start, end)| HoursInput {
                    weekday: *w as i8,
                    start: start.clone(),
                    end: end_in(end),
                })
                .collect(),
        };
        (s, e)
    }
}

/// The block form as typed.
#[derive(Default)]
pub struct BlockDraft {
    pub kind: String,
    pub starts_at: String,
    pub ends_at: String,
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub month: String,
    pub day: String,
    pub reason: String,
}

/// A `datetime-local` value read as Riyadh time.
fn local_moment(e: &mut FieldErrors, field: &str, raw: &str) -> Option<OffsetDateTime> {
    if raw.is_empty() {
        return None;
    }
    let full = if raw.len() == 16 {
        format!("{raw}:00")
    } else {
        raw.chars().take(19).collect()
    };
    match OffsetDateTime::parse(&format!("{full}+03:00"), &Rfc3339) {
        Ok(t) => Some(t),
        Err(_) => {
            e.add(field, Message::new("pb-moment-invalid"));
            None
        }
    }
}

impl BlockDraft {
    fn blank() -> BlockDraft {
        BlockDraft {
            kind: "once".to_owned(),
            weekday: "5".to_owned(),
            ..BlockDraft::default()
        }
    }

    fn from_fields(f: &Fields) -> BlockDraft {
        BlockDraft {
            kind: f.get("kind"),
            starts_at: f.get("startsAt"),
            ends_at: f.get("endsAt"),
            weekday: f.get("weekday"),
            start: hh_mm(&f.get("start")),
            end: hh_mm(&f.get("end")),
            month: f.get("month"),
            day: f.get("day"),
            reason: f.get("reason"),
        }
    }

    /// The body, with only the fields of the chosen kind.
    fn body(&self) -> (BlockInput, FieldErrors) {
        let mut e = FieldErrors::new();
        let mut b = BlockInput {
            kind: self.kind.clone(),
            starts_at: None,
            ends_at: None,
            weekday: None,
            start: None,
            end: None,
            month: None,
            day: None,
            reason: Some(self.reason.clone()).filter(|r| !r.is_empty()),
        };
        let small = |e: &mut FieldErrors, field: &str, raw: &str| -> Option<i8> {
            if raw.is_empty() {
                return None;
            }
            let v = parse_int::<i8>(raw);
            if v.is_none() {
                e.add(field, Message::new("web-number-invalid"));
            }
            v
        };
        match self.kind.as_str() {
            "once" => {
                b.starts_at = local_moment(&mut e, "startsAt", &self.starts_at);
                b.ends_at = local_moment(&mut e, "endsAt", &self.ends_at);
            }
            "weekly" => {
                b.weekday = small(&mut e, "weekday", &self.weekday);
                b.start = Some(self.start.clone());
                b.end = Some(end_in(&self.end));
            }
            "yearly" => {
                b.month = small(&mut e, "month", &self.month);
                b.day = small(&mut e, "day", &self.day);
            }
            _ => {}
        }
        (b, e)
    }
}

/// An interval row of the form, numbered as it is sent.
pub struct RowField {
    pub weekday: u8,
    pub start: String,
    pub end: String,
    pub error: String,
}

/// A weekday of the hours editor.
pub struct DayField {
    pub weekday: u8,
    pub slug: &'static str,
    pub rows: Vec<RowField>,
}

/// A select option.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A blocked period as the list shows it: a number before its words (the
/// day of a yearly block), its words (a weekday or a month) and its
/// left-to-right span (moments or times), in the page's digits.
pub struct BlockView {
    pub id: String,
    pub kind: String,
    pub number: String,
    pub words: String,
    pub span: String,
    pub reason: String,
}

impl BlockView {
    fn of(b: &BlockRow, locale: Locale) -> BlockView {
        let (number, words, span) = match b.kind.as_str() {
            "once" => match (b.starts_at, b.ends_at) {
                (Some(s), Some(e)) => (
                    String::new(),
                    String::new(),
                    format!("{} – {}", when(locale, s), when(locale, e)),
                ),
                _ => (String::new(), String::new(), String::new()),
            },
            "weekly" => (
                String::new(),
                t(
                    locale,
                    &format!("web-day-{}", day_slug(b.weekday.unwrap_or(0) as u8)),
                ),
                digits(
                    locale,
                    &format!(
                        "{} – {}",
                        hhmm(b.start_minute.unwrap_or(0)),
                        hhmm(b.end_minute.unwrap_or(0))
                    ),
                ),
            ),
            "yearly" => (
                digits(locale, &b.day.unwrap_or(1).to_string()),
                t(locale, &format!("pb-month-{}", b.month.unwrap_or(1))),
                String::new(),
            ),
            _ => (String::new(), String::new(), String::new()),
        };
        BlockView {
            id: b.id.to_string(),
            kind: b.kind.clone(),
            number,
            words,
            span,
            reason: b.reason.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/bookings_schedule.html")]
struct SchedulePage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    form: Draft,
    days: Vec<DayField>,
    errors: Errors,
    blocks: Vec<BlockView>,
    block: BlockDraft,
    block_errors: Errors,
    kinds: Vec<Opt>,
    weekdays: Vec<Opt>,
    months: Vec<Opt>,
}

fn options(values: &[(String, String)], chosen: &str) -> Vec<Opt> {
    values
        .iter()
        .map(|(v, l)| Opt {
            selected: v == chosen,
            value: v.clone(),
            label: l.clone(),
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn render(
    ctx: &WebCtx,
    csrf: &str,
    store: StoreNav,
    blocks: &[BlockRow],
    form: Draft,
    errors: Errors,
    block: BlockDraft,
    block_errors: Errors,
    status: StatusCode,
) -> Response {
    let locale = ctx.locale;
    let days: Vec<DayField> = WEEK
        .iter()
        .map(|w| DayField {
            weekday: *w,
            slug: day_slug(*w),
            rows: form
                .rows
                .iter()
                .enumerate()
                .filter(|(_, (d, _, _))| d == w)
                .map(|(i, (d, s, e))| RowField {
                    weekday: *d,
                    start: s.clone(),
                    end: e.clone(),
                    error: errors.of(&format!("hours[{i}]")),
                })
                .collect(),
        })
        .collect();
    let kinds: Vec<(String, String)> = ["once", "weekly", "yearly"]
        .iter()
        .map(|k| (k.to_string(), t(locale, &format!("pb-block-kind-{k}"))))
        .collect();
    let weekdays: Vec<(String, String)> = WEEK
        .iter()
        .map(|w| {
            (
                w.to_string(),
                t(locale, &format!("web-day-{}", day_slug(*w))),
            )
        })
        .collect();
    let months: Vec<(String, String)> = (1..=12)
        .map(|m| (m.to_string(), t(locale, &format!("pb-month-{m}"))))
        .collect();
    let page = SchedulePage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        tab: "schedule",
        store,
        kinds: options(&kinds, &block.kind),
        weekdays: options(&weekdays, &block.weekday),
        months: options(&months, &block.month),
        form,
        days,
        errors,
        blocks: blocks.iter().map(|b| BlockView::of(b, locale)).collect(),
        block,
        block_errors,
    };
    (status, page).into_response()
}

async fn load(
    state: &AppState,
    caller: &Caller,
    store: Uuid,
) -> Result<(Schedule, Vec<BlockRow>), ApiError> {
    let schedule = menu::schedule(state, caller, store).await?;
    let blocks = menu::blocks(state, caller, store).await?;
    Ok((schedule, blocks))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
) -> Response {
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match load(&state, &caller, id).await {
        Ok((schedule, blocks)) => render(
            &ctx,
            &csrf,
            nav,
            &blocks,
            Draft::of(&schedule),
            Errors::none(),
            BlockDraft::blank(),
            Errors::none(),
            StatusCode::OK,
        ),
        Err(e) => error_page(&ctx, e),
    }
}

fn schedule_url(ctx: &WebCtx, store: Uuid) -> String {
    format!("{}/stores/{store}/schedule", ctx.partner_base())
}

fn form_error(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
}

pub async fn save(
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
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::from_fields(&f);
    let (body, shape) = draft.body();
    let saved = match validated(&body, shape) {
        Ok(()) => menu::save_schedule(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => redirect_with_toast(
            &schedule_url(&ctx, id),
            &t(ctx.locale, "pb-toast-schedule-saved"),
        ),
        Err(e) if form_error(&e) => match menu::blocks(&state, &caller, id).await {
            Ok(blocks) => render(
                &ctx,
                &csrf,
                nav,
                &blocks,
                draft,
                Errors::from_api(&e, ctx.locale),
                BlockDraft::blank(),
                Errors::none(),
                e.status(),
            ),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn add_block(
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
    let (id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = BlockDraft::from_fields(&f);
    let (body, shape) = draft.body();
    let added = match validated(&body, shape) {
        Ok(()) => menu::add_block(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match added {
        Ok(_) => redirect_with_toast(
            &format!("{}#blocks", schedule_url(&ctx, id)),
            &t(ctx.locale, "pb-toast-block-added"),
        ),
        Err(e) if form_error(&e) => match load(&state, &caller, id).await {
            Ok((schedule, blocks)) => render(
                &ctx,
                &csrf,
                nav,
                &blocks,
                Draft::of(&schedule),
                Errors::none(),
                draft,
                Errors::from_api(&e, ctx.locale),
                e.status(),
            ),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete_block(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, block)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, _) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (id, _) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let deleted = match parse_id(&block) {
        Ok(block) => menu::delete_block(&state, &caller, id, block).await,
        Err(e) => Err(e),
    };
    match deleted {
        Ok(()) => redirect_with_toast(
            &format!("{}#blocks", schedule_url(&ctx, id)),
            &t(ctx.locale, "pb-toast-block-deleted"),
        ),
        Err(e) => error_page(&ctx, e),
    }
}
