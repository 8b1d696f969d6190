//! My bookings (`/app/bookings`): the upcoming ones first (soonest first),
//! then the past ones (latest first); and one booking with its store, time
//! (Riyadh), services and add-ons, amounts with VAT, the payment, the
//! status history, a link to the hosted page while a card booking is
//! unpaid, and cancelling it (with an optional reason) while the store's
//! window is open. The booking form itself is in `bookings_book.rs`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use time::OffsetDateTime;

use app::AppState;
use app::auth::Caller;
use app::bookings::model::{Booking, BookingsQuery, CancelInput, Status};
use app::bookings::service::book;
use app::payments::model::TargetKind;
use app::reviews::model::Source;
use app::reviews::service as reviews;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, Locale};

use super::bookings_book::{SECTION, digits, parse_iso, pick, weekday};
use super::rate::{RateBox, rate_box};
use super::{Ui, acting, app_base, error_page, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_int};
use crate::shared::{self, redirect_with_toast};
use crate::signin;

const PER_PAGE: u32 = 50;

/// The badge class of a booking status (the design system's families).
pub fn badge(status: &str) -> &'static str {
    match status {
        "pending" => "pending",
        "confirmed" => "confirmed",
        "in_progress" => "running",
        "completed" => "done",
        "rejected" => "rejected",
        "cancelled" => "cancelled",
        "no_show" => "bad",
        "expired" => "expired",
        _ => "plain",
    }
}

fn status_label(locale: Locale, status: &str) -> String {
    t(locale, &format!("ab-status-{status}"))
}

/// When a booking is, in the page's words and digits (Riyadh time).
pub struct When {
    pub day: String,
    pub date: String,
    pub time: String,
}

impl When {
    fn of(b: &Booking, locale: Locale) -> When {
        When {
            day: parse_iso(&b.local_date)
                .map(|d| weekday(locale, d))
                .unwrap_or_default(),
            date: digits(locale, &b.local_date),
            time: digits(locale, &b.local_time),
        }
    }
}

/// A booking in the list.
pub struct BookingRow {
    pub id: String,
    pub number: String,
    pub store: String,
    pub status: String,
    pub badge: &'static str,
    pub when: When,
    pub services: String,
    pub total: i64,
}

impl BookingRow {
    fn of(b: &Booking, locale: Locale) -> BookingRow {
        let sep = if locale == Locale::Ar { "، " } else { ", " };
        BookingRow {
            id: b.id.to_string(),
            number: b.number.clone(),
            store: b.store_name.clone(),
            status: b.status.clone(),
            badge: badge(&b.status),
            when: When::of(b, locale),
            services: b
                .lines
                .iter()
                .map(|l| pick(locale, &l.name_ar, &l.name_en))
                .collect::<Vec<_>>()
                .join(sep),
            total: b.total,
        }
    }
}

/// Still ahead: open or under way, and not over yet.
fn is_upcoming(b: &Booking, now: OffsetDateTime) -> bool {
    matches!(
        Status::parse(&b.status),
        Some(Status::Pending | Status::Confirmed | Status::InProgress)
    ) && b.ends_at > now
}

/// A section of the list.
pub struct Group {
    pub id: &'static str,
    pub title: String,
    /// What the section says when it is empty.
    pub none: String,
    pub rows: Vec<BookingRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/bookings.html")]
struct ListPage {
    u: Ui,
    groups: Vec<Group>,
    any: bool,
    prev: Option<String>,
    next: Option<String>,
    page_label: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(f): Query<ListQuery>,
) -> Response {
    let page = parse_int::<u32>(&f.page).filter(|p| *p >= 1).unwrap_or(1);
    let q = BookingsQuery {
        page: Some(page),
        per_page: Some(PER_PAGE),
        ..BookingsQuery::default()
    };
    let (rows, meta) = match book::mine(&state, &caller, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    let now = OffsetDateTime::now_utc();
    let (mut soon, mut past): (Vec<&Booking>, Vec<&Booking>) =
        rows.iter().partition(|b| is_upcoming(b, now));
    soon.sort_by_key(|b| b.starts_at);
    past.sort_by_key(|b| std::cmp::Reverse(b.starts_at));
    let u = ui(&state, &ctx, Some(&caller), &csrf, SECTION).await;
    let pages = meta.total_pages.max(1);
    let link = |p: u32| format!("{}/bookings?page={p}", u.base);
    let groups = vec![
        Group {
            id: "upcoming",
            title: t(locale, "ab-upcoming"),
            none: t(locale, "ab-upcoming-none"),
            rows: soon.iter().map(|b| BookingRow::of(b, locale)).collect(),
        },
        Group {
            id: "past",
            title: t(locale, "ab-past"),
            none: t(locale, "ab-past-none"),
            rows: past.iter().map(|b| BookingRow::of(b, locale)).collect(),
        },
    ];
    ListPage {
        any: !rows.is_empty() || page > 1,
        groups,
        prev: (page > 1).then(|| link(page - 1)),
        next: (i64::from(page) < pages).then(|| link(page + 1)),
        page_label: Message::new("app-page-of")
            .arg("page", i64::from(page))
            .arg("pages", pages)
            .render(locale),
        u,
    }
    .into_response()
}

/// A booked service with its add-ons, as priced at booking.
pub struct LineView {
    pub name: String,
    pub price: i64,
    pub addons: Vec<(String, i64)>,
}

/// A step of the status history.
pub struct StepView {
    pub status: String,
    pub label: String,
    pub badge: &'static str,
    /// The status before, in words; empty for the first step.
    pub from: String,
    pub who: String,
    pub at: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/booking.html")]
struct DetailPage {
    u: Ui,
    b: Booking,
    badge: &'static str,
    when: When,
    lines: Vec<LineView>,
    steps: Vec<StepView>,
    /// Pending or confirmed.
    open: bool,
    /// Open and before the store's cancellation deadline.
    cancellable: bool,
    cancel_until: String,
    /// The payment's state in words (a Fluent key).
    pay_state: &'static str,
    /// A card booking still unpaid: the gateway's hosted page.
    pay_url: Option<String>,
    /// Completed: the review of the store, or its form.
    rate: Option<RateBox>,
    error: Option<String>,
}

pub(super) async fn detail_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    id: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let b = match async { book::get(state, caller, parse_id(id)?).await }.await {
        Ok(b) => b,
        Err(e) => return error_page(ctx, e),
    };
    let locale = ctx.locale;
    let now = OffsetDateTime::now_utc();
    let open = matches!(
        Status::parse(&b.status),
        Some(Status::Pending | Status::Confirmed)
    );
    let card = b.payment_method == "card";
    // The session the booking opened; its link forwards to the hosted page.
    let pay_url = if open && card && !b.paid {
        app::payments::service::latest_session(&state.db, TargetKind::ServiceBooking, b.id)
            .await
            .ok()
            .flatten()
            .map(|s| app::payments::service::session_link(state, s))
    } else {
        None
    };
    let pay_state = if b.paid {
        "ab-paid"
    } else if !open {
        "ab-not-paid"
    } else if card {
        "ab-awaiting-card"
    } else if b.payment_method == "cash" {
        "ab-pay-at-store"
    } else {
        "ab-not-paid"
    };
    let lines = b
        .lines
        .iter()
        .map(|l| LineView {
            name: pick(locale, &l.name_ar, &l.name_en),
            price: l.price,
            addons: l
                .addons
                .iter()
                .map(|a| (pick(locale, &a.name_ar, &a.name_en), a.price))
                .collect(),
        })
        .collect();
    // Newest first: the current status heads the timeline.
    let steps = b
        .history
        .iter()
        .rev()
        .map(|h| StepView {
            status: h.to_status.clone(),
            label: status_label(locale, &h.to_status),
            badge: badge(&h.to_status),
            from: h
                .from_status
                .as_deref()
                .map(|f| status_label(locale, f))
                .unwrap_or_default(),
            who: t(locale, &format!("app-actor-{}", h.actor_role)),
            at: shared::when(locale, h.created_at),
            // The system's notes are for operators; people's reasons show.
            note: if h.actor_role == "system" {
                String::new()
            } else {
                h.note.clone()
            },
        })
        .collect();
    let rate = if b.status == "completed" {
        let sent = reviews::for_source(state, caller, Source::Booking(b.id))
            .await
            .unwrap_or_default();
        Some(rate_box(
            locale,
            format!("{}/bookings/{}/review", app_base(ctx), b.id),
            Message::new("web-rate-booking")
                .arg("store", b.store_name.as_str())
                .render(locale),
            &sent,
        ))
    } else {
        None
    };
    let page = DetailPage {
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        rate,
        badge: badge(&b.status),
        when: When::of(&b, locale),
        lines,
        steps,
        open,
        cancellable: open && now < b.cancel_until,
        cancel_until: shared::when(locale, b.cancel_until),
        pay_state,
        pay_url,
        error,
        b,
    };
    (status, page).into_response()
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    detail_page(&state, &ctx, &caller, &csrf, &id, None, StatusCode::OK).await
}

/// Cancels the booking while the store's window is open; paid money comes
/// back in full and the bay is free again.
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
    let reason = f.get("reason");
    let done = async {
        let input = CancelInput {
            reason: Some(reason).filter(|r| !r.is_empty()),
        };
        input.validate()?;
        book::cancel(&state, &caller, parse_id(&id)?, &input).await
    }
    .await;
    match done {
        Ok(b) => redirect_with_toast(
            &format!("{}/bookings/{}", app_base(&ctx), b.id),
            &t(ctx.locale, "ab-cancelled"),
        ),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let message = Errors::from_api(&e, ctx.locale).form;
            detail_page(&state, &ctx, &caller, &csrf, &id, message, e.status()).await
        }
    }
}
