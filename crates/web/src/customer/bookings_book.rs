//! Car washes in the app (`/app/washes`): the car-wash stores nearest to the
//! customer's default address (central Riyadh without one), and a store's
//! page to book it: the services and their add-ons, the garage car or the
//! body type that prices them, a strip of the next 14 days with the chosen
//! day's free times, notes and the payment method. The times and the price
//! come from the fragment `/washes/{store}/slots`, which htmx swaps in on
//! every change (no script of our own; choosing a time fills the hidden
//! `startsAt`). Each rendered form carries its own `Idempotency-Key`, so a
//! double submit books once; a card goes on to the gateway's hosted page,
//! wallet and cash land on the new booking.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::bookings::model::{AvailabilityQuery, BookingInput, ServiceItem};
use app::bookings::service::book;
use app::bookings::service::menu::public_menu;
use app::idempotency::IdempotencyKey;
use app::payments::model::Method;
use app::stores::model::NearestQuery;
use app::stores::service::public as stores;
use app::wallet::service::{self as wallet, Whose};
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::account::htmx_error;
use super::requests::Choice;
use super::{Ui, acting, app_base, error_page, see_other, ui};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, validated};
use crate::shared::{self, redirect_with_toast};
use crate::signin;

/// Where distances are measured from when the customer has no address:
/// central Riyadh.
const RIYADH: (&str, &str) = ("24.7136", "46.6753");
/// The store type whose stores are listed.
const WASH_TYPE: &str = "car-wash";
/// How many days the calendar strip offers, today first.
pub const DAYS: usize = 14;
/// The bottom tab these pages belong to (their links live in the account hub).
pub const SECTION: &str = "account";
/// How many washes the list shows.
const NEAREST: u32 = 30;

/// `s` (ASCII digits) in the page's digits.
pub fn digits(locale: Locale, s: &str) -> String {
    kernel::money::with_digits(s, kernel::money::digits_of(locale))
}

/// The Arabic or the English of a bilingual name.
pub fn pick(locale: Locale, ar: &str, en: &str) -> String {
    match locale {
        Locale::Ar => ar.to_owned(),
        Locale::En => en.to_owned(),
    }
}

fn list_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::Ar => "، ",
        Locale::En => ", ",
    }
}

/// Today in Saudi Arabia (UTC+3 all year, as the booking service counts).
pub fn today() -> Date {
    OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+3))
        .date()
}

/// `2025-03-14`.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A local `YYYY-MM-DD`, if it is one.
pub fn parse_iso(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    let mut parts = s.splitn(3, '-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// The weekday's name in the page's language.
pub fn weekday(locale: Locale, d: Date) -> String {
    t(
        locale,
        &format!("ab-weekday-{}", d.weekday().number_from_monday()),
    )
}

// ---------------------------------------------------------------- washes

/// A car wash in the list.
pub struct WashCard {
    pub id: String,
    pub name: String,
    /// City and address.
    pub place: String,
    /// Kilometres, one decimal, in the page's digits.
    pub distance: String,
    /// The average rating (one decimal), empty while unrated.
    pub rating: String,
    pub ratings: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/washes.html")]
struct WashesPage {
    u: Ui,
    washes: Vec<WashCard>,
    /// The label of the address distances are measured from; none: Riyadh.
    from_label: Option<String>,
}

/// `/washes`: car washes nearest first.
pub async fn washes(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    let loaded = async {
        let addresses = app::customer::service::addresses(&state, &caller).await?;
        let home = addresses
            .iter()
            .find(|a| a.is_default)
            .or_else(|| addresses.first());
        let (lat, lng, from) = match home {
            Some(a) => (a.lat.to_string(), a.lng.to_string(), Some(a.label.clone())),
            None => (RIYADH.0.to_owned(), RIYADH.1.to_owned(), None),
        };
        let q = NearestQuery {
            lat: Some(lat),
            lng: Some(lng),
            radius_km: None,
            store_type: Some(WASH_TYPE.to_owned()),
            page: Some(1),
            per_page: Some(NEAREST),
        };
        let (rows, _) = stores::nearest(&state, &q).await?;
        Ok::<_, ApiError>((rows, from))
    }
    .await;
    let (rows, from_label) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let l = ctx.locale;
    let washes = rows
        .iter()
        .map(|r| {
            let s = &r.store;
            WashCard {
                id: s.id.to_string(),
                name: pick(l, &s.name_ar, &s.name_en),
                place: [s.city.as_str(), s.address.as_str()]
                    .iter()
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(list_separator(l)),
                distance: digits(l, &format!("{:.1}", r.distance_km)),
                rating: s
                    .rating_average
                    .filter(|_| s.rating_count > 0)
                    .map(|v| digits(l, &format!("{v:.1}")))
                    .unwrap_or_default(),
                ratings: i64::from(s.rating_count),
            }
        })
        .collect();
    WashesPage {
        u: ui(&state, &ctx, Some(&caller), &csrf, SECTION).await,
        washes,
        from_label,
    }
    .into_response()
}

// ---------------------------------------------------------------- the booking form

/// A garage car with the body type of its model (which prices the services).
pub struct GarageCar {
    pub id: Uuid,
    pub label: String,
    pub body: Option<Uuid>,
    pub body_name: String,
    pub is_default: bool,
}

/// The customer's cars, each with its model's body type (none when the
/// catalogue gives the model none: such a car cannot be booked by itself).
async fn garage_cars(
    state: &AppState,
    caller: &Caller,
    locale: Locale,
) -> Result<Vec<GarageCar>, ApiError> {
    let cars = app::garage::service::list(state, caller).await?;
    let mut makes: Vec<Uuid> = Vec::new();
    let mut models: Vec<app::taxonomy::model::CarModel> = Vec::new();
    for c in &cars {
        if !makes.contains(&c.make_id) {
            makes.push(c.make_id);
            // A make retired since the car was saved only loses the price.
            models.extend(
                app::taxonomy::service::models_of_make(state, c.make_id)
                    .await
                    .unwrap_or_default(),
            );
        }
    }
    Ok(cars
        .iter()
        .map(|c| {
            let bt = models
                .iter()
                .find(|m| m.id == c.model_id)
                .and_then(|m| m.body_type.as_ref());
            GarageCar {
                id: c.id,
                label: super::garage::car_label(c, locale),
                body: bt.map(|b| b.id),
                body_name: bt
                    .map(|b| pick(locale, &b.name_ar, &b.name_en))
                    .unwrap_or_default(),
                is_default: c.is_default,
            }
        })
        .collect())
}

/// The body types the store prices (all of them if it prices none), named
/// in the page's language, in the catalogue's order.
async fn body_types(
    state: &AppState,
    locale: Locale,
    menu: &[ServiceItem],
) -> Result<Vec<(Uuid, String)>, ApiError> {
    let priced: Vec<Uuid> = menu
        .iter()
        .flat_map(|i| i.prices.iter().map(|p| p.body_type_id))
        .collect();
    let all = app::taxonomy::service::body_types(state).await?;
    let named = |b: &app::taxonomy::model::BodyType| (b.id, pick(locale, &b.name_ar, &b.name_en));
    let mut out: Vec<(Uuid, String)> = all
        .iter()
        .filter(|b| priced.contains(&b.id))
        .map(named)
        .collect();
    if out.is_empty() {
        out = all.iter().map(named).collect();
    }
    Ok(out)
}

/// Comma-separated ids, for the availability query.
fn joined(ids: &[Uuid]) -> String {
    ids.iter()
        .map(Uuid::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Ids from repeated fields (`items=a&items=b`) or comma-separated ones
/// (`items=a,b`), each once; what is not an id is left out.
fn ids(values: Vec<String>) -> Vec<Uuid> {
    let mut out = Vec::new();
    for v in values {
        for part in v.split(',') {
            if let Ok(id) = Uuid::parse_str(part.trim())
                && !out.contains(&id)
            {
                out.push(id);
            }
        }
    }
    out
}

/// What the customer chose so far, as the form (or the fragment's query)
/// sends it.
#[derive(Debug, Default, Clone)]
pub struct Picked {
    items: Vec<Uuid>,
    addons: Vec<Uuid>,
    /// A garage car's id, or empty ("another car").
    car: String,
    /// A body type's id, or empty (the car's).
    body: String,
    /// The chosen day, `YYYY-MM-DD`.
    date: String,
    /// The chosen start, RFC 3339, or empty.
    starts_at: String,
    notes: String,
    /// `card`, `wallet` or `cash`.
    method: String,
}

impl Picked {
    fn read(f: &Fields) -> Picked {
        Picked {
            items: ids(f.all("items")),
            addons: ids(f.all("addons")),
            car: f.get("car"),
            body: f.get("body"),
            date: f.get("date"),
            starts_at: f.get("startsAt"),
            notes: f.get("notes"),
            method: f.get("method"),
        }
    }

    /// A first visit: the default car (else the first one with a body
    /// type), today, by card.
    fn fresh(cars: &[GarageCar]) -> Picked {
        let car = cars
            .iter()
            .filter(|c| c.body.is_some())
            .find(|c| c.is_default)
            .or_else(|| cars.iter().find(|c| c.body.is_some()));
        Picked {
            car: car.map(|c| c.id.to_string()).unwrap_or_default(),
            date: iso(today()),
            method: "card".into(),
            ..Picked::default()
        }
    }

    /// Keeps the store's own services, and only the add-ons of the chosen
    /// ones (an add-on left ticked under a service taken off goes too).
    fn normalize(&mut self, menu: &[ServiceItem]) {
        self.items.retain(|id| menu.iter().any(|i| i.id == *id));
        let items = &self.items;
        self.addons.retain(|a| {
            menu.iter()
                .any(|i| items.contains(&i.id) && i.addons.iter().any(|x| x.id == *a))
        });
        if self.method.is_empty() {
            self.method = "card".into();
        }
    }

    /// The car or the body type the booking names: a body type chosen
    /// wins over the car (it is there for a car not in the garage).
    fn vehicle(&self) -> (Option<Uuid>, Option<Uuid>) {
        if let Ok(b) = Uuid::parse_str(&self.body) {
            return (None, Some(b));
        }
        (Uuid::parse_str(&self.car).ok(), None)
    }

    /// The body type that prices the choice and its name ("Sedan (My
    /// Camry)" for a garage car); none while neither is known.
    fn body(&self, cars: &[GarageCar], bodies: &[(Uuid, String)]) -> Option<(Uuid, String)> {
        match self.vehicle() {
            (_, Some(b)) => bodies.iter().find(|x| x.0 == b).cloned(),
            (Some(c), None) => cars.iter().find(|x| x.id == c).and_then(|x| {
                x.body
                    .map(|b| (b, format!("{} ({})", x.body_name, x.label)))
            }),
            _ => None,
        }
    }

    /// The booking service's body, or every field that is missing.
    fn input(&self, store: Uuid) -> Result<BookingInput, ApiError> {
        let mut e = FieldErrors::new();
        if self.items.is_empty() {
            e.add("items", Message::new("ab-services-required"));
        }
        let starts_at = OffsetDateTime::parse(&self.starts_at, &Rfc3339).ok();
        if starts_at.is_none() {
            e.add("startsAt", Message::new("ab-time-required"));
        }
        let method = match self.method.as_str() {
            "card" => Some(Method::Card),
            "wallet" => Some(Method::Wallet),
            "cash" => Some(Method::Cash),
            _ => {
                e.add("paymentMethod", Message::new("ab-method-required"));
                None
            }
        };
        let (car_id, body_type_id) = self.vehicle();
        let notes = self.notes.trim();
        let input = BookingInput {
            store_id: store,
            items: self.items.clone(),
            addons: Some(self.addons.clone()).filter(|a| !a.is_empty()),
            starts_at: starts_at.unwrap_or(OffsetDateTime::UNIX_EPOCH),
            car_id,
            body_type_id,
            notes: Some(notes.to_owned()).filter(|n| !n.is_empty()),
            payment_method: method.unwrap_or(Method::Cash),
        };
        validated(&input, e)?;
        Ok(input)
    }
}

/// A day of the strip.
pub struct DayChip {
    /// `YYYY-MM-DD` (the id and the value sent).
    pub date: String,
    /// "Today", "Tomorrow" or the weekday.
    pub label: String,
    /// The day of the month, in the page's digits.
    pub day: String,
    /// Weekday and date, for screen readers.
    pub long: String,
    pub selected: bool,
}

/// A free time of the chosen day.
pub struct TimeButton {
    /// `0900` (for `slot-0900`).
    pub id: String,
    /// `09:00` in the page's digits.
    pub label: String,
    /// RFC 3339, what `startsAt` takes.
    pub starts_at: String,
    pub selected: bool,
}

/// The calendar part of the form.
pub struct Slots {
    pub days: Vec<DayChip>,
    /// The chosen day, `YYYY-MM-DD`.
    pub date: String,
    /// The chosen day in words: its weekday and date (page digits).
    pub day_name: String,
    pub day_date: String,
    pub times: Vec<TimeButton>,
    /// The chosen start (RFC 3339), empty when none.
    pub starts_at: String,
    /// The chosen time in the page's digits.
    pub chosen_time: String,
    /// Why no times show; empty when some do.
    pub note: String,
    /// The note is a refusal (a service no longer offered…), not just "none".
    pub problem: bool,
}

/// One chosen service in the price.
pub struct SumLine {
    pub name: String,
    /// Before VAT; none when the store has no price for the body type.
    pub price: Option<i64>,
    pub addons: Vec<(String, i64)>,
}

/// The price of the choice for its body type.
pub struct Summary {
    pub lines: Vec<SumLine>,
    pub subtotal: i64,
    pub vat: i64,
    pub total: i64,
    pub minutes: i64,
    /// The body type priced for, empty while none is chosen.
    pub body: String,
    /// Chosen services the store does not offer for this body type.
    pub unpriced: Vec<String>,
}

fn summarize(menu: &[ServiceItem], p: &Picked, body: Option<(Uuid, String)>) -> Summary {
    let body_id = body.as_ref().map(|b| b.0);
    let mut lines = Vec::new();
    let mut unpriced = Vec::new();
    let (mut subtotal, mut minutes) = (0i64, 0i64);
    for item in menu.iter().filter(|i| p.items.contains(&i.id)) {
        let price = body_id.and_then(|b| {
            item.prices
                .iter()
                .find(|x| x.body_type_id == b)
                .map(|x| x.price)
        });
        let chosen: Vec<_> = item
            .addons
            .iter()
            .filter(|a| p.addons.contains(&a.id))
            .collect();
        if body_id.is_some() && price.is_none() {
            unpriced.push(item.name.clone());
        }
        subtotal += price.unwrap_or(0) + chosen.iter().map(|a| a.price).sum::<i64>();
        minutes += i64::from(item.duration_minutes)
            + chosen
                .iter()
                .map(|a| i64::from(a.duration_minutes))
                .sum::<i64>();
        lines.push(SumLine {
            name: item.name.clone(),
            price,
            addons: chosen.iter().map(|a| (a.name.clone(), a.price)).collect(),
        });
    }
    let vat = kernel::money::vat_of(subtotal);
    Summary {
        lines,
        subtotal,
        vat,
        total: subtotal + vat,
        minutes,
        body: body.map(|b| b.1).unwrap_or_default(),
        unpriced,
    }
}

/// The first field message of a refusal (else its own message).
fn first_message(e: &ApiError, locale: Locale) -> String {
    let field = match e {
        ApiError::Validation(f) | ApiError::Unprocessable { fields: f, .. } => f
            .iter()
            .next()
            .and_then(|(_, m)| m.first())
            .map(|m| m.render(locale)),
        _ => None,
    };
    field.unwrap_or_else(|| e.message().render(locale))
}

/// The strip of days, the chosen day's free times and the price. The
/// chosen day falls back to today outside the strip; the chosen start is
/// kept only while it is still free (it is cleared in `p` otherwise).
async fn board(
    state: &AppState,
    locale: Locale,
    store: Uuid,
    menu: &[ServiceItem],
    cars: &[GarageCar],
    bodies: &[(Uuid, String)],
    p: &mut Picked,
) -> Result<(Slots, Summary), ApiError> {
    let first = today();
    let strip: Vec<Date> = std::iter::successors(Some(first), |d| d.next_day())
        .take(DAYS)
        .collect();
    let date = parse_iso(&p.date)
        .filter(|d| strip.contains(d))
        .unwrap_or(first);
    p.date = iso(date);
    let days = strip
        .iter()
        .enumerate()
        .map(|(i, d)| DayChip {
            date: iso(*d),
            label: match i {
                0 => t(locale, "ab-today"),
                1 => t(locale, "ab-tomorrow"),
                _ => weekday(locale, *d),
            },
            day: digits(locale, &d.day().to_string()),
            long: format!("{} {}", weekday(locale, *d), digits(locale, &iso(*d))),
            selected: *d == date,
        })
        .collect();

    let wanted = OffsetDateTime::parse(&p.starts_at, &Rfc3339)
        .ok()
        .map(|at| at.unix_timestamp());
    let mut times = Vec::new();
    let mut chosen: Option<(String, String)> = None;
    let mut note = String::new();
    let mut problem = false;
    if p.items.is_empty() {
        note = t(locale, "ab-pick-service");
    } else {
        let q = AvailabilityQuery {
            from: Some(p.date.clone()),
            to: Some(p.date.clone()),
            items: joined(&p.items),
            addons: Some(joined(&p.addons)).filter(|a| !a.is_empty()),
        };
        match book::availability(state, store, &q).await {
            Ok(av) => {
                for day in av.days.iter().filter(|x| x.date == p.date) {
                    for s in &day.slots {
                        let at = s.starts_at.format(&Rfc3339).unwrap_or_default();
                        let selected = wanted == Some(s.starts_at.unix_timestamp());
                        if selected {
                            chosen = Some((at.clone(), digits(locale, &s.time)));
                        }
                        times.push(TimeButton {
                            id: s.time.replace(':', ""),
                            label: digits(locale, &s.time),
                            starts_at: at,
                            selected,
                        });
                    }
                }
                if times.is_empty() {
                    note = t(locale, "ab-no-times");
                }
            }
            Err(e @ (ApiError::Validation(_) | ApiError::Unprocessable { .. })) => {
                note = first_message(&e, locale);
                problem = true;
            }
            Err(e) => return Err(e),
        }
    }
    let (starts_at, chosen_time) = chosen.unwrap_or_default();
    p.starts_at = starts_at.clone();
    let slots = Slots {
        days,
        date: p.date.clone(),
        day_name: weekday(locale, date),
        day_date: digits(locale, &p.date),
        times,
        starts_at,
        chosen_time,
        note,
        problem,
    };
    let summary = summarize(menu, p, p.body(cars, bodies));
    Ok((slots, summary))
}

/// A service on the menu.
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub minutes: i64,
    /// The lowest price of any body type, with VAT.
    pub from_price: Option<i64>,
    pub checked: bool,
    pub addons: Vec<AddonView>,
}

/// An add-on of a service, its price with VAT.
pub struct AddonView {
    pub id: String,
    pub name: String,
    pub price: i64,
    pub checked: bool,
}

fn with_vat(net: i64) -> i64 {
    net + kernel::money::vat_of(net)
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/wash.html")]
struct WashPage {
    u: Ui,
    store_id: String,
    store_name: String,
    store_place: String,
    rating: String,
    services: Vec<ServiceView>,
    cars: Vec<Choice>,
    /// "Another car" is the car chosen.
    car_other: bool,
    bodies: Vec<Choice>,
    notes: String,
    method: String,
    balance: i64,
    key: String,
    errors: Errors,
    /// The messages of the services and their add-ons.
    services_error: String,
    s: Slots,
    sum: Summary,
    /// Whether the fragment's parts meant for elsewhere go out of band
    /// (only in the htmx answer).
    oob: bool,
}

/// The calendar and the price, swapped into `#booking-slots`; the submit
/// button follows out of band (enabled once a time is chosen).
#[derive(Template, WebTemplate)]
#[template(path = "customer/wash_slots.html")]
struct SlotsFragment {
    u: Ui,
    store_id: String,
    s: Slots,
    sum: Summary,
    oob: bool,
}

#[allow(clippy::too_many_arguments)]
async fn wash_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    store: &str,
    picked: Option<Picked>,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let locale = ctx.locale;
    let loaded = async {
        let id = parse_id(store)?;
        let info = stores::store(state, id).await?;
        let menu = public_menu(state, locale, id).await?;
        let cars = garage_cars(state, caller, locale).await?;
        let bodies = body_types(state, locale, &menu).await?;
        let balance = wallet::wallet(state, caller, Whose::Own).await?.balance;
        Ok::<_, ApiError>((id, info, menu, cars, bodies, balance))
    }
    .await;
    let (id, info, menu, cars, bodies, balance) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let mut p = picked.unwrap_or_else(|| Picked::fresh(&cars));
    p.normalize(&menu);
    let (s, sum) = match board(state, locale, id, &menu, &cars, &bodies, &mut p).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let services = menu
        .iter()
        .map(|i| ServiceView {
            id: i.id.to_string(),
            name: i.name.clone(),
            description: i.description.clone(),
            minutes: i64::from(i.duration_minutes),
            from_price: i.prices.iter().map(|x| x.price).min().map(with_vat),
            checked: p.items.contains(&i.id),
            addons: i
                .addons
                .iter()
                .map(|a| AddonView {
                    id: a.id.to_string(),
                    name: a.name.clone(),
                    price: with_vat(a.price),
                    checked: p.addons.contains(&a.id),
                })
                .collect(),
        })
        .collect();
    let car_choices: Vec<Choice> = cars
        .iter()
        .filter(|c| c.body.is_some())
        .map(|c| Choice {
            id: c.id.to_string(),
            label: format!("{} — {}", c.label, c.body_name),
            selected: p.car == c.id.to_string(),
        })
        .collect();
    let car_other = !car_choices.iter().any(|c| c.selected);
    let services_error = [errors.of("items"), errors.of("addons")]
        .into_iter()
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let page = WashPage {
        u: ui(state, ctx, Some(caller), csrf, SECTION).await,
        store_id: id.to_string(),
        store_name: pick(locale, &info.name_ar, &info.name_en),
        store_place: [info.city.as_str(), info.address.as_str()]
            .iter()
            .map(|x| x.trim())
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(list_separator(locale)),
        rating: info
            .rating_average
            .filter(|_| info.rating_count > 0)
            .map(|v| digits(locale, &format!("{v:.1}")))
            .unwrap_or_default(),
        services,
        cars: car_choices,
        car_other,
        bodies: bodies
            .iter()
            .map(|(b, name)| Choice {
                id: b.to_string(),
                label: name.clone(),
                selected: p.body == b.to_string(),
            })
            .collect(),
        notes: p.notes.clone(),
        method: p.method.clone(),
        balance,
        // A new key for every rendering: a refused attempt released its key
        // anyway, and a key already spent on another choice would be refused.
        key: Uuid::new_v4().to_string(),
        errors,
        services_error,
        s,
        sum,
        oob: false,
    };
    (status, page).into_response()
}

/// The parameters that make a link to the page a choice already made.
const CHOICE_FIELDS: [&str; 6] = ["items", "addons", "car", "body", "date", "startsAt"];

/// `/washes/{store}`: the menu and the calendar (a query such as
/// `?items=…&date=…` opens it with that choice made).
pub async fn wash(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let f = Fields(q);
    let asked = f.0.iter().any(|(k, _)| CHOICE_FIELDS.contains(&k.as_str()));
    let picked = asked.then(|| Picked::read(&f));
    wash_page(
        &state,
        &ctx,
        &caller,
        &csrf,
        &store,
        picked,
        Errors::none(),
        StatusCode::OK,
    )
    .await
}

/// `/washes/{store}/slots?items=…&addons=…&date=YYYY-MM-DD[&startsAt=…&car=…&body=…]`:
/// the day's free times and the price, for htmx.
pub async fn slots(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let locale = ctx.locale;
    let mut p = Picked::read(&Fields(q));
    let loaded = async {
        let id = parse_id(&store)?;
        let menu = public_menu(&state, locale, id).await?;
        let cars = garage_cars(&state, &caller, locale).await?;
        let bodies = body_types(&state, locale, &menu).await?;
        Ok::<_, ApiError>((id, menu, cars, bodies))
    }
    .await;
    let (id, menu, cars, bodies) = match loaded {
        Ok(v) => v,
        Err(e) => return htmx_error(&ctx, e),
    };
    p.normalize(&menu);
    match board(&state, locale, id, &menu, &cars, &bodies, &mut p).await {
        Ok((s, sum)) => SlotsFragment {
            u: Ui {
                c: shared::chrome(&ctx, &csrf),
                base: app_base(&ctx),
                signed_in: true,
                cart_count: 0,
                section: SECTION,
            },
            store_id: id.to_string(),
            s,
            sum,
            oob: true,
        }
        .into_response(),
        Err(e) => htmx_error(&ctx, e),
    }
}

/// Keys as the API's header takes them: 1 to 200 visible ASCII characters.
fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 200 && key.bytes().all(|b| b.is_ascii_graphic())
}

/// Books: a card goes on to the hosted page, wallet and cash land on the
/// booking with a toast. A time taken meanwhile (409) shows the message
/// with the day's free times read again.
pub async fn submit(
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
    let key = Some(f.get("key"))
        .filter(|k| valid_key(k))
        .unwrap_or_else(|| Uuid::new_v4().to_string());
    let mut p = Picked::read(&f);
    let result = async {
        let id = parse_id(&store)?;
        let menu = public_menu(&state, ctx.locale, id).await?;
        p.normalize(&menu);
        let input = p.input(id)?;
        book::book(&state, &caller, &IdempotencyKey(key.clone()), &input).await
    }
    .await;
    let base = app_base(&ctx);
    match result {
        Ok(replay) if replay.status.is_success() => {
            let data = &replay.body["data"];
            if let Some(url) = data["paymentUrl"].as_str() {
                return see_other(url);
            }
            let booking = data["booking"]["id"].as_str().unwrap_or_default();
            let toast = match data["booking"]["paymentMethod"].as_str() {
                Some("wallet") => "ab-booked-wallet",
                Some("cash") => "ab-booked-cash",
                _ => "ab-booked",
            };
            redirect_with_toast(&format!("{base}/bookings/{booking}"), &t(ctx.locale, toast))
        }
        Ok(_) => see_other(&format!("{base}/bookings")),
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            if matches!(e.code(), "SLOT_FULL" | "SLOT_UNAVAILABLE") {
                p.starts_at.clear();
            }
            let status = e.status();
            let errors = Errors::from_api(&e, ctx.locale);
            wash_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                &store,
                Some(p),
                errors,
                status,
            )
            .await
        }
    }
}
