//! The local courier's fee table (`settings.manage`, `/admin/courier-rates`):
//! one card per destination ("Anywhere else" first, then the cities, then
//! legacy typed names), each band "up to X kg — SAR Y". A band is added in a
//! dialog with its city picked from the geography (grouped by region), edited
//! in its own dialog, deleted after a confirmation. A refused form comes back
//! with its dialog open and the errors beside their fields.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::Deserialize;
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::geography::model::CityQuery;
use app::shipping::model::rates::{
    CourierRateGroup, CourierRatePatch, MAX_FEE, MAX_GRAMS, NewCourierRate,
};
use app::shipping::service::rates;
use kernel::i18n::{Message, t};
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::common::sar_input;
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx, group_thousands};
use crate::forms::{Errors, Fields, parse_sar, validated};
use crate::shared;
use crate::signin;

/// A band's form as typed (kilograms and SAR), shown again with its errors.
#[derive(Default)]
pub struct Draft {
    /// A city id; empty for "Anywhere else".
    city: String,
    kg: String,
    fee: String,
}

impl Draft {
    fn from_fields(f: &Fields) -> Draft {
        Draft {
            city: f.get("cityId").trim().to_owned(),
            kg: f.get("upToKg"),
            fee: f.get("fee"),
        }
    }

    /// The weight in grams and the fee in halalas, or the fields' errors in
    /// the page's units (the API's own ranges speak grams and halalas).
    fn band(&self, e: &mut FieldErrors) -> (Option<i32>, Option<i64>) {
        let grams = parse_kg(&self.kg).filter(|g| (1..=i64::from(MAX_GRAMS)).contains(g));
        if grams.is_none() {
            e.add("upToGrams", Message::new("crt-weight-invalid"));
        }
        let fee = parse_sar(&self.fee).filter(|f| (0..=MAX_FEE).contains(f));
        if fee.is_none() {
            e.add("fee", Message::new("crt-fee-invalid"));
        }
        (grams.and_then(|g| i32::try_from(g).ok()), fee)
    }

    fn city_id(&self, e: &mut FieldErrors) -> Option<Uuid> {
        if self.city.is_empty() {
            return None;
        }
        let id = Uuid::parse_str(&self.city).ok();
        if id.is_none() {
            e.add("cityId", Message::new("validation-uuid"));
        }
        id
    }
}

/// A weight typed in kilograms (`5`, `2.5`, `0.25`, Arabic-Indic digits and
/// separator too) in grams; `None` when it is not one.
fn parse_kg(raw: &str) -> Option<i64> {
    let (mut whole, mut frac, mut point) = (String::new(), String::new(), false);
    for ch in raw.trim().chars() {
        match ch {
            '.' | '٫' if !point => point = true,
            ',' | '٬' if !point => {}
            _ => {
                let d = kernel::phone::ascii_digit(ch)?;
                if point { frac.push(d) } else { whole.push(d) }
            }
        }
    }
    if (whole.is_empty() && frac.is_empty()) || frac.len() > 3 || (point && frac.is_empty()) {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let grams: i64 = format!("{frac:0<3}").parse().ok()?;
    whole.checked_mul(1000)?.checked_add(grams)
}

/// Grams as kilograms for a form (`2.5`), ASCII.
fn kg_input(grams: i32) -> String {
    let (whole, rest) = (grams / 1000, grams % 1000);
    if rest == 0 {
        return whole.to_string();
    }
    let frac = format!("{rest:03}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// Grams as kilograms for reading (`1,000`, `2.5`), in the page's digits.
fn kg_text(locale: Locale, grams: i32) -> String {
    let input = kg_input(grams);
    let (whole, frac) = input.split_once('.').unwrap_or((&input, ""));
    let grouped = group_thousands(whole.parse().unwrap_or(0));
    let body = if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    };
    kernel::money::with_digits(&body, kernel::money::digits_of(locale))
}

/// One band as its row and its edit dialog show it.
pub struct Band {
    id: String,
    weight: String,
    fee: String,
    /// The delete button's question.
    confirm: String,
    form: Draft,
    errors: Errors,
    open: bool,
}

/// One destination's card.
pub struct Card {
    /// A city id, `anywhere`, or `text-N` for a legacy name.
    key: String,
    name: String,
    hint: String,
    /// What the card's "Add a band" preselects; none for a legacy name.
    add: Option<String>,
    /// "3 bands".
    count: String,
    bands: Vec<Band>,
}

/// The city picker: regions in the geography's order, each with its cities.
pub struct Region {
    name: String,
    cities: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/courier_rates.html")]
struct RatesPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    cards: Vec<Card>,
    regions: Vec<Region>,
    form: Draft,
    errors: Errors,
    add_open: bool,
}

/// Which form failed, to open its dialog again.
enum Failed {
    None,
    Add(Draft, Errors, StatusCode),
    Edit(Uuid, Draft, Errors, StatusCode),
}

fn cards(locale: Locale, groups: Vec<CourierRateGroup>, failed: &mut Failed) -> Vec<Card> {
    let pick = |ar: &Option<String>, en: &Option<String>| {
        let v = if locale == Locale::Ar { ar } else { en };
        v.clone().unwrap_or_default()
    };
    let mut out = Vec::new();
    for (i, g) in groups.into_iter().enumerate() {
        let (key, name, hint, add) = if g.is_anywhere() {
            let hint = t(locale, "crt-anywhere-hint");
            (
                "anywhere".to_owned(),
                t(locale, "crt-anywhere"),
                hint,
                Some(String::new()),
            )
        } else if let Some(id) = g.city_id {
            let name = pick(&g.city_name_ar, &g.city_name_en);
            (id.to_string(), name, String::new(), Some(id.to_string()))
        } else {
            let name = g.city_text.clone().unwrap_or_default();
            (
                format!("text-{i}"),
                name,
                t(locale, "crt-legacy-hint"),
                None,
            )
        };
        let bands = g
            .rates
            .iter()
            .map(|r| {
                let weight = kg_text(locale, r.up_to_grams);
                let confirm = Message::new("crt-delete-q")
                    .arg("weight", weight.as_str())
                    .arg("city", name.as_str())
                    .render(locale);
                let mut band = Band {
                    id: r.id.to_string(),
                    confirm,
                    weight,
                    fee: kernel::money::format(locale, r.fee),
                    form: Draft {
                        city: String::new(),
                        kg: kg_input(r.up_to_grams),
                        fee: sar_input(Some(r.fee)),
                    },
                    errors: Errors::none(),
                    open: false,
                };
                if let Failed::Edit(id, ..) = failed
                    && *id == r.id
                    && let Failed::Edit(_, d, e, _) = std::mem::replace(failed, Failed::None)
                {
                    (band.form, band.errors, band.open) = (d, e, true);
                }
                band
            })
            .collect();
        let count = Message::new("crt-bands")
            .arg("count", g.rates.len() as i64)
            .render(locale);
        out.push(Card {
            key,
            name,
            hint,
            add,
            count,
            bands,
        });
    }
    out
}

async fn regions(state: &AppState, locale: Locale) -> Result<Vec<Region>, ApiError> {
    let all = app::geography::service::regions(state, None).await?;
    let q = CityQuery {
        country_id: None,
        q: None,
    };
    let cities = app::geography::service::cities(state, &q).await?;
    let name = |ar: &str, en: &str| if locale == Locale::Ar { ar } else { en }.to_owned();
    let mut out: Vec<Region> = all
        .iter()
        .map(|r| Region {
            name: name(&r.name_ar, &r.name_en),
            cities: cities
                .iter()
                .filter(|c| c.region_id == Some(r.id))
                .map(|c| (c.id.to_string(), name(&c.name_ar, &c.name_en)))
                .collect(),
        })
        .filter(|r| !r.cities.is_empty())
        .collect();
    let loose: Vec<_> = cities
        .iter()
        .filter(|c| c.region_id.is_none_or(|id| !all.iter().any(|r| r.id == id)))
        .map(|c| (c.id.to_string(), name(&c.name_ar, &c.name_en)))
        .collect();
    if !loose.is_empty() {
        out.push(Region {
            name: t(locale, "crt-no-region"),
            cities: loose,
        });
    }
    Ok(out)
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    add: Option<String>,
    mut failed: Failed,
) -> Response {
    let groups = match rates::list(state, caller).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let regions = match regions(state, ctx.locale).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let cards = cards(ctx.locale, groups, &mut failed);
    let (status, form, errors, add_open) = match failed {
        Failed::Add(d, e, s) => (s, d, e, true),
        Failed::Edit(.., s) => (s, Draft::default(), Errors::none(), false),
        Failed::None => {
            let open = add.is_some();
            let form = Draft {
                city: add.unwrap_or_default(),
                ..Draft::default()
            };
            (StatusCode::OK, form, Errors::none(), open)
        }
    };
    let page = RatesPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "courier-rates",
        cards,
        regions,
        form,
        errors,
        add_open,
    };
    (status, page).into_response()
}

#[derive(Deserialize)]
pub struct Opened {
    /// Opens the add dialog with this city chosen (empty: "Anywhere else").
    add: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Query(q): Query<Opened>,
) -> Response {
    let add = q.add.map(|a| a.trim().chars().take(36).collect());
    render(&state, &ctx, &caller, &csrf, add, Failed::None).await
}

fn form_error(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
}

fn back(ctx: &WebCtx, key: &'static str) -> Response {
    shared::redirect_with_toast(
        &format!("{}/courier-rates", ctx.admin_base()),
        &Message::new(key).render(ctx.locale),
    )
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::from_fields(&f);
    let mut shape = FieldErrors::new();
    let city_id = draft.city_id(&mut shape);
    let (up_to_grams, fee) = draft.band(&mut shape);
    let body = NewCourierRate {
        city_id,
        up_to_grams,
        fee,
    };
    let saved = match validated(&body, shape) {
        Ok(()) => rates::create(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => back(&ctx, "crt-added"),
        Err(e) if form_error(&e) => {
            let failed = Failed::Add(draft, Errors::from_api(&e, ctx.locale), e.status());
            render(&state, &ctx, &caller, &csrf, None, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update(
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
    let draft = Draft::from_fields(&f);
    let mut shape = FieldErrors::new();
    let (up_to_grams, fee) = draft.band(&mut shape);
    let body = CourierRatePatch { up_to_grams, fee };
    let saved = match validated(&body, shape) {
        Ok(()) => rates::update(&state, &caller, id, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => back(&ctx, "crt-saved"),
        Err(e) if form_error(&e) => {
            let failed = Failed::Edit(id, draft, Errors::from_api(&e, ctx.locale), e.status());
            render(&state, &ctx, &caller, &csrf, None, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let caller = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok((caller, _)) => caller,
        Err(r) => return r,
    };
    let done = match parse_id(&id) {
        Ok(id) => rates::delete(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match done {
        Ok(()) => back(&ctx, "crt-deleted"),
        Err(e) => error_page(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilograms_are_read_and_written_in_grams() {
        assert_eq!(parse_kg("5"), Some(5000));
        assert_eq!(parse_kg("2.5"), Some(2500));
        assert_eq!(parse_kg("٠٫٢٥"), Some(250));
        assert_eq!(parse_kg(".5"), Some(500));
        assert_eq!(parse_kg("1.2345"), None);
        assert_eq!(parse_kg("abc"), None);
        assert_eq!(parse_kg(""), None);
        assert_eq!(kg_input(2500), "2.5");
        assert_eq!(kg_input(250), "0.25");
        assert_eq!(kg_input(5000), "5");
        assert_eq!(kg_text(Locale::En, 1_000_000), "1,000");
    }
}
