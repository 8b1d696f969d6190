//! My garage (`/app/account/garage`): the customer's saved cars with the
//! default marked, "make default" and delete through htmx (the list is
//! swapped in place, with a toast), and the form that adds a car (a model
//! from the catalogue, its year, an optional VIN and a nickname). Browsing
//! filters by a saved car and the product page checks the default one.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::garage::model::{Car, NewCar};
use app::garage::service as garage;
use app::taxonomy::service as taxonomy;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors, Locale};

use super::account::{account_ui, account_url, htmx_error, isolated};
use super::requests::{Choice, MakeGroup};
use super::{Ui, acting, error_page, is_htmx};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared;
use crate::signin;

/// A model year in the page's digits (never grouped: `2016`, not `2,016`).
pub fn year(locale: Locale, y: i32) -> String {
    kernel::money::with_digits(&y.to_string(), kernel::money::digits_of(locale))
}

/// How a car is named in a select or a toast: its nickname, else
/// "Hyundai Sonata 2016".
pub fn car_label(c: &Car, locale: Locale) -> String {
    c.nickname
        .clone()
        .unwrap_or_else(|| format!("{} {} {}", c.make_name, c.model_name, year(locale, c.year)))
}

/// "Hyundai Sonata 2016" inside a sentence, the year isolated so that it
/// keeps its order in Arabic text.
pub fn car_words(c: &Car, locale: Locale) -> String {
    format!(
        "{} {} {}",
        c.make_name,
        c.model_name,
        isolated(&year(locale, c.year))
    )
}

/// The catalogue's models grouped by make, for the one model select.
pub async fn make_groups(
    state: &AppState,
    locale: Locale,
    picked: &str,
) -> Result<Vec<MakeGroup>, ApiError> {
    let ar = locale == Locale::Ar;
    let mut groups = Vec::new();
    for m in taxonomy::makes(state).await? {
        let models = taxonomy::models_of_make(state, m.id).await?;
        groups.push(MakeGroup {
            name: if ar {
                m.name_ar.clone()
            } else {
                m.name_en.clone()
            },
            models: models
                .iter()
                .map(|md| Choice {
                    id: md.id.to_string(),
                    label: if ar {
                        md.name_ar.clone()
                    } else {
                        md.name_en.clone()
                    },
                    selected: md.id.to_string() == picked,
                })
                .collect(),
        });
    }
    Ok(groups)
}

pub struct CarView {
    pub id: String,
    pub nickname: Option<String>,
    /// Make and model, in the page's language.
    pub vehicle: String,
    pub year: String,
    pub vin: Option<String>,
    pub is_default: bool,
    /// Its name in the delete question.
    pub label: String,
}

impl CarView {
    fn of(c: &Car, locale: Locale) -> CarView {
        CarView {
            id: c.id.to_string(),
            nickname: c.nickname.clone(),
            vehicle: format!("{} {}", c.make_name, c.model_name),
            year: year(locale, c.year),
            vin: c.vin.as_ref().map(|v| v.vin.clone()),
            is_default: c.is_default,
            label: car_label(c, locale),
        }
    }
}

/// The "add a car" form as typed, with its errors.
pub struct CarForm {
    pub model: String,
    pub year: String,
    pub vin: String,
    pub nickname: String,
    pub is_default: bool,
    pub errors: Errors,
}

impl CarForm {
    fn blank() -> CarForm {
        CarForm {
            model: String::new(),
            year: String::new(),
            vin: String::new(),
            nickname: String::new(),
            is_default: false,
            errors: Errors::none(),
        }
    }

    fn typed(f: &Fields, errors: Errors) -> CarForm {
        CarForm {
            model: f.get("model"),
            year: f.get("year"),
            vin: f.get("vin"),
            nickname: f.get("nickname"),
            is_default: f.get("is_default") == "on",
            errors,
        }
    }

    /// The field's errors, or "" (for `aria-invalid` and the message).
    pub fn error(&self, field: &str) -> String {
        self.errors.of(field)
    }

    /// The make is read from the model, so a refused make is the model's to show.
    pub fn model_error(&self) -> String {
        let model = self.errors.of("modelId");
        if model.is_empty() {
            self.errors.of("makeId")
        } else {
            model
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/garage.html")]
struct GaragePage {
    u: Ui,
    cars: Vec<CarView>,
    makes: Vec<MakeGroup>,
    form: CarForm,
}

/// The page; `with_models` is false for an htmx answer, which swaps only
/// the list, so the catalogue's models are not read for it.
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: CarForm,
    status: StatusCode,
    with_models: bool,
) -> Response {
    let loaded = async {
        let cars = garage::list(state, caller).await?;
        let makes = if with_models {
            make_groups(state, ctx.locale, &form.model).await?
        } else {
            Vec::new()
        };
        Ok::<_, ApiError>((cars, makes))
    }
    .await;
    match loaded {
        Ok((cars, makes)) => {
            let page = GaragePage {
                u: account_ui(state, ctx, caller, csrf).await,
                cars: cars.iter().map(|c| CarView::of(c, ctx.locale)).collect(),
                makes,
                form,
            };
            (status, page).into_response()
        }
        Err(e) => error_page(ctx, e),
    }
}

/// `GET /app/account/garage`.
pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        CarForm::blank(),
        StatusCode::OK,
        true,
    )
    .await
}

/// The form as the API's body: the make is the chosen model's; what cannot
/// be read is refused here, the rest by the body's own rules.
async fn read_form(state: &AppState, f: &Fields) -> Result<NewCar, ApiError> {
    let mut shape = FieldErrors::new();
    let raw_model = f.get("model");
    let model_id = if raw_model.is_empty() {
        shape.add("modelId", Message::new("validation-required"));
        None
    } else {
        let id = raw_model.parse::<Uuid>().ok();
        if id.is_none() {
            shape.add("modelId", Message::new("validation-uuid"));
        }
        id
    };
    let make_id = match model_id {
        Some(m) => taxonomy::model_years(&state.db, m)
            .await?
            .map(|(make, _, _)| make),
        None => None,
    };
    let raw_year = f.get("year");
    let year = if raw_year.is_empty() {
        None
    } else {
        let y = parse_int::<i32>(&raw_year);
        if y.is_none() {
            shape.add("year", Message::new("gr-year-digits"));
        }
        y
    };
    let body = NewCar {
        make_id,
        model_id: model_id.unwrap_or_default(),
        year,
        vin: Some(f.get("vin").to_uppercase()).filter(|v| !v.is_empty()),
        nickname: Some(f.get("nickname")).filter(|n| !n.is_empty()),
        is_default: Some(f.get("is_default") == "on"),
    };
    validated(&body, shape)?;
    Ok(body)
}

/// `POST /app/account/garage`: saved, the list with a toast; refused, the
/// page again with the form's errors.
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
    let result = match read_form(&state, &f).await {
        Ok(body) => garage::create(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(car) => {
            let message = Message::new("gr-created")
                .arg("car", car_label(&car, ctx.locale))
                .render(ctx.locale);
            shared::redirect_with_toast(&account_url(&ctx, "/garage"), &message)
        }
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(&ctx, e),
        Err(e) => {
            let form = CarForm::typed(&f, Errors::from_api(&e, ctx.locale));
            render(&state, &ctx, &caller, &csrf, form, e.status(), true).await
        }
    }
}

/// After "make default" or delete: htmx gets the list again (it swaps
/// `#cars`) with a toast; a plain form goes back to the page.
async fn after_change(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    caller: &Caller,
    csrf: &str,
    result: Result<String, ApiError>,
) -> Response {
    match result {
        Ok(message) if is_htmx(headers) => {
            let list = render(
                state,
                ctx,
                caller,
                csrf,
                CarForm::blank(),
                StatusCode::OK,
                false,
            )
            .await;
            shared::with_toast(list, &message, "success")
        }
        Ok(message) => shared::redirect_with_toast(&account_url(ctx, "/garage"), &message),
        Err(e) if is_htmx(headers) => htmx_error(ctx, e),
        Err(e) => error_page(ctx, e),
    }
}

async fn acting_on(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    fields: Vec<(String, String)>,
    id: &str,
) -> Result<(Caller, String, Uuid), Response> {
    let f = Fields(fields);
    let (caller, csrf) = acting(state, ctx, headers, Some(&f.get("_csrf"))).await?;
    let id = parse_id(id).map_err(|e| error_page(ctx, e))?;
    Ok((caller, csrf, id))
}

/// `POST /app/account/garage/{id}/default`.
pub async fn make_default(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf, id) = match acting_on(&state, &ctx, &headers, fields, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let result = garage::make_default(&state, &caller, id).await.map(|car| {
        Message::new("gr-defaulted")
            .arg("car", car_label(&car, ctx.locale))
            .render(ctx.locale)
    });
    after_change(&state, &ctx, &headers, &caller, &csrf, result).await
}

/// `POST /app/account/garage/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf, id) = match acting_on(&state, &ctx, &headers, fields, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let result = garage::delete(&state, &caller, id)
        .await
        .map(|()| Message::new("gr-deleted").render(ctx.locale));
    after_change(&state, &ctx, &headers, &caller, &csrf, result).await
}
