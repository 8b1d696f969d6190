//! Steps 1 and 2 of the registration form: the account (which opens the
//! draft) and the business or vehicle details.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::HeaderMap;
use serde::Deserialize;

use app::AppState;
use app::registrations::applicant;
use app::registrations::model::{
    Kind, NewRegistration, Registration, RegistrationStep, Step, VehicleType, account,
};
use kernel::i18n::Message;
use kernel::{ApiError, FieldErrors};

use super::{Frame, StepLink, csrf_ok, draft_cookie, editable, frame, respond, steps, to_start};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::Errors;
use crate::geo_picker;
use crate::shared::error_page;

/// A choice of a fixed list: its value, label and whether it is chosen.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub hint: String,
    pub on: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "landing/register_account.html")]
pub struct AccountPage {
    c: Chrome,
    foot: crate::landing::content::Footer,
    page: &'static str,
    csrf: String,
    steps: Vec<StepLink>,
    kinds: Vec<Choice>,
    full_name: String,
    phone: String,
    email: String,
    errors: Errors,
}

#[derive(Deserialize)]
pub struct KindQuery {
    kind: Option<String>,
}

fn kinds(c: &Chrome, chosen: Option<Kind>) -> Vec<Choice> {
    Kind::ALL
        .into_iter()
        .map(|k| Choice {
            value: k.as_str(),
            label: c.t(&format!("reg-kind-{}", k.as_str())),
            hint: c.t(&format!("reg-kind-{}-hint", k.as_str())),
            on: chosen == Some(k),
        })
        .collect()
}

fn render_account(
    f: Frame,
    reg: Option<&Registration>,
    kind: Option<Kind>,
    (full_name, phone, email): (String, String, String),
    errors: Errors,
) -> AccountPage {
    AccountPage {
        steps: steps(&f.c, "account", reg),
        kinds: kinds(&f.c, kind),
        c: f.c,
        foot: f.foot,
        page: "register",
        csrf: f.csrf,
        full_name,
        phone,
        email,
        errors,
    }
}

/// Step 1; `?kind=representative` picks the kind of a new registration.
pub async fn account_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Query(q): Query<KindQuery>,
) -> Response {
    let f = frame(&ctx);
    let cookie = f.cookie.clone();
    let draft = editable(&state, &ctx).await;
    let page = match &draft {
        Some((_, r)) => render_account(
            f,
            Some(r),
            Some(r.kind),
            (r.full_name.clone(), r.phone.clone(), r.email.clone()),
            Errors::none(),
        ),
        None => {
            let kind = q.kind.as_deref().and_then(Kind::parse);
            render_account(f, None, kind, Default::default(), Errors::none())
        }
    };
    respond(page, [cookie])
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    /// The honeypot.
    #[serde(default)]
    website: String,
}

pub async fn account_save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(form): Form<AccountForm>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &form.csrf) {
        return error_page(&ctx, crate::shared::csrf_error(), "/register".into());
    }
    let kind = Kind::parse(&form.kind);
    let draft = editable(&state, &ctx).await;
    let result = match (kind, &draft) {
        (None, _) => {
            let mut e = FieldErrors::new();
            e.add("kind", Message::new("validation-required"));
            account(&mut e, &form.full_name, &form.phone, &form.email);
            Err(ApiError::Validation(e))
        }
        (Some(_), _) if !form.website.is_empty() => Err(ApiError::field(
            "website",
            Message::new("registrations-honeypot"),
        )),
        (Some(k), Some((token, _))) => {
            let step = RegistrationStep {
                kind: Some(k),
                full_name: Some(form.full_name.clone()),
                phone: Some(form.phone.clone()),
                email: Some(form.email.clone()),
                ..RegistrationStep::of(Step::Account)
            };
            applicant::update(&state, None, token, &step)
                .await
                .map(|_| None)
        }
        (Some(k), None) => {
            let body = NewRegistration {
                kind: k,
                full_name: form.full_name.clone(),
                phone: form.phone.clone(),
                email: form.email.clone(),
                website: None,
            };
            applicant::create(&state, &ctx.client, &body)
                .await
                .map(|d| Some(d.draft_token))
        }
    };
    match result {
        Ok(new_token) => respond(
            Redirect::to("/register/details"),
            [new_token.map(|t| draft_cookie(&ctx, t))],
        ),
        Err(e) => {
            let f = frame(&ctx);
            let cookie = f.cookie.clone();
            let status = e.status();
            let page = render_account(
                f,
                draft.as_ref().map(|(_, r)| r),
                kind,
                (form.full_name, form.phone, form.email),
                Errors::from_api(&e, ctx.locale),
            );
            respond((status, page), [cookie])
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "landing/register_details.html")]
pub struct DetailsPage {
    c: Chrome,
    foot: crate::landing::content::Footer,
    page: &'static str,
    csrf: String,
    steps: Vec<StepLink>,
    supplier: bool,
    d: Details,
    vehicles: Vec<Choice>,
    /// The city select's `<option>`s.
    cities: String,
    errors: Errors,
}

impl DetailsPage {
    /// The city select's error: its own, else the text's (required).
    fn city_error(&self) -> String {
        let own = self.errors.of("cityId");
        if own.is_empty() {
            self.errors.of("city")
        } else {
            own
        }
    }
}

/// The details as the form shows them.
#[derive(Deserialize, Default)]
pub struct Details {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    pub company_name_ar: String,
    #[serde(default)]
    pub company_name_en: String,
    #[serde(default)]
    pub cr_number: String,
    #[serde(default)]
    pub vat_number: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub vehicle_type: String,
    #[serde(default)]
    pub plate_number: String,
    #[serde(default)]
    pub national_id: String,
    /// The chosen city; its Arabic name is what the draft keeps.
    #[serde(default, rename = "cityId")]
    pub city_id: String,
    /// A draft's city text no listed city matches, kept until one is chosen.
    #[serde(default)]
    pub city: String,
}

impl Details {
    fn of(r: &Registration) -> Details {
        Details {
            csrf: String::new(),
            company_name_ar: r.company_name_ar.clone(),
            company_name_en: r.company_name_en.clone(),
            cr_number: r.cr_number.clone(),
            vat_number: r.vat_number.clone(),
            address: r.address.clone(),
            vehicle_type: r
                .vehicle_type
                .map(|v| v.as_str().to_owned())
                .unwrap_or_default(),
            plate_number: r.plate_number.clone(),
            national_id: r.national_id.clone(),
            city_id: String::new(),
            city: r.city.clone(),
        }
    }
}

/// The city select over the details: a saved text is matched to its city
/// (and then no longer carried as text).
async fn cities(state: &AppState, ctx: &WebCtx, d: &mut Details) -> String {
    if d.city_id.is_empty()
        && let Some(id) = geo_picker::city_named(state, &d.city).await
    {
        d.city_id = id.to_string();
    }
    if !d.city_id.is_empty() {
        d.city.clear();
    }
    let chosen = uuid::Uuid::parse_str(&d.city_id).ok();
    geo_picker::city_options(state, ctx.locale, chosen)
        .await
        .unwrap_or_default()
}

fn render_details(
    f: Frame,
    reg: &Registration,
    d: Details,
    cities: String,
    errors: Errors,
) -> DetailsPage {
    DetailsPage {
        cities,
        steps: steps(&f.c, "details", Some(reg)),
        vehicles: VehicleType::ALL
            .into_iter()
            .map(|v| Choice {
                value: v.as_str(),
                label: f.c.t(&format!("reg-vehicle-{}", v.as_str())),
                hint: String::new(),
                on: d.vehicle_type == v.as_str(),
            })
            .collect(),
        supplier: reg.kind == Kind::Supplier,
        c: f.c,
        foot: f.foot,
        page: "register",
        csrf: f.csrf,
        d,
        errors,
    }
}

pub async fn details_page(State(state): State<AppState>, ctx: WebCtx) -> Response {
    let Some((_, reg)) = editable(&state, &ctx).await else {
        return to_start();
    };
    let mut d = Details::of(&reg);
    let cities = cities(&state, &ctx, &mut d).await;
    let f = frame(&ctx);
    let cookie = f.cookie.clone();
    respond(render_details(f, &reg, d, cities, Errors::none()), [cookie])
}

pub async fn details_save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Form(d): Form<Details>,
) -> Response {
    if !csrf_ok(&ctx, &headers, &d.csrf) {
        return error_page(&ctx, crate::shared::csrf_error(), "/register".into());
    }
    let Some((token, reg)) = editable(&state, &ctx).await else {
        return to_start();
    };
    // The chosen city's Arabic name; the table's trigger maps it back to the
    // city. Without a choice, a saved text no city matches stays.
    let city = match d.city_id.as_str() {
        "" => d.city.clone(),
        raw => {
            let named = match uuid::Uuid::parse_str(raw) {
                Ok(id) => geo_picker::offered_city_name(&state, id).await,
                Err(_) => Err(ApiError::field(
                    "cityId",
                    Message::new("geography-city-unknown"),
                )),
            };
            match named {
                Ok(name) => name,
                Err(e) => return details_refused(&state, &ctx, &reg, d, &e).await,
            }
        }
    };
    let some = |v: &str| Some(v.to_owned());
    let step = match reg.kind {
        Kind::Supplier => RegistrationStep {
            company_name_ar: some(&d.company_name_ar),
            company_name_en: some(&d.company_name_en),
            cr_number: some(&d.cr_number),
            vat_number: some(&d.vat_number),
            city: some(&city),
            address: some(&d.address),
            ..RegistrationStep::of(Step::Business)
        },
        Kind::Representative => RegistrationStep {
            vehicle_type: VehicleType::parse(&d.vehicle_type),
            plate_number: some(&d.plate_number),
            national_id: some(&d.national_id),
            city: some(&city),
            ..RegistrationStep::of(Step::Vehicle)
        },
    };
    match applicant::update(&state, None, &token, &step).await {
        Ok(_) => Redirect::to("/register/documents").into_response(),
        Err(e) => details_refused(&state, &ctx, &reg, d, &e).await,
    }
}

/// The details again, as typed, beside the refusal.
async fn details_refused(
    state: &AppState,
    ctx: &WebCtx,
    reg: &Registration,
    mut d: Details,
    e: &ApiError,
) -> Response {
    let cities = cities(state, ctx, &mut d).await;
    let f = frame(ctx);
    let cookie = f.cookie.clone();
    let errors = Errors::from_api(e, ctx.locale);
    respond(
        (e.status(), render_details(f, reg, d, cities, errors)),
        [cookie],
    )
}
