//! The stores the caller owns or works at, with their role in each, and
//! the form that opens a store of an approved company.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::identity::model::Role;
use app::stores::model::{
    CompanyStatus, DAYS, NewStore, PartnerStore, StoreRoleName, StoreTypeView, WorkingHours,
};
use app::stores::service::{branches, companies, types};
use kernel::i18n::Message;
use kernel::{ApiError, FieldErrors};

use super::{StoreNav, acting, chrome, error_page, no_access, session};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_decimal, validated};
use crate::geo_picker;

pub struct Row {
    nav: StoreNav,
    city: String,
    type_ar: String,
    type_en: String,
    status: &'static str,
    role: &'static str,
}

impl Row {
    fn of(s: &PartnerStore) -> Row {
        Row {
            nav: StoreNav::of(s),
            city: s.store.city.clone(),
            type_ar: s.store.store_type.name_ar.clone(),
            type_en: s.store.store_type.name_en.clone(),
            status: s.store.status.as_str(),
            role: match s.role {
                StoreRoleName::Owner => "owner",
                StoreRoleName::Employee => "employee",
            },
        }
    }
}

/// A store's form (new or edited) as sent, shown again next to its errors.
pub struct Draft {
    pub store_type: String,
    pub name_ar: String,
    pub name_en: String,
    pub phone: String,
    pub city_id: String,
    /// The saved text of a city the list does not know (older stores),
    /// kept until a city is chosen.
    pub city: String,
    pub address: String,
    pub lat: String,
    pub lng: String,
    pub days: Vec<(&'static str, bool)>,
    pub open: String,
    pub close: String,
    /// The city select's `<option>`s, drawn by [`Draft::with_cities`].
    pub city_options: String,
}

impl Draft {
    /// The form as the fields sent it.
    pub fn from_fields(f: &Fields) -> Draft {
        let chosen = f.all("days");
        Draft {
            store_type: f.get("storeTypeId"),
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            phone: f.get("phone"),
            city_id: f.get("cityId"),
            city: f.get("city"),
            address: f.get("address"),
            lat: f.get("lat"),
            lng: f.get("lng"),
            days: DAYS
                .iter()
                .map(|d| (*d, chosen.iter().any(|c| c == d)))
                .collect(),
            open: f.get("open"),
            close: f.get("close"),
            city_options: String::new(),
        }
    }

    /// The form filled with a store as it is (its first opening hours of
    /// the first open day stand for every day).
    pub fn of(s: &PartnerStore) -> Draft {
        let hours: WorkingHours =
            serde_json::from_value(s.store.working_hours.clone()).unwrap_or_default();
        let first = DAYS
            .iter()
            .find_map(|d| hours.get(*d).and_then(|h| h.first()).cloned());
        let (open, close) = match first.as_deref() {
            Some([o, c, ..]) => (o.clone(), c.clone()),
            _ => ("09:00".into(), "22:00".into()),
        };
        Draft {
            store_type: s.store.store_type.id.to_string(),
            name_ar: s.store.name_ar.clone(),
            name_en: s.store.name_en.clone(),
            phone: s.store.phone.clone().unwrap_or_default(),
            city_id: s.store.city_id.map(|c| c.to_string()).unwrap_or_default(),
            city: if s.store.city_id.is_some() {
                String::new()
            } else {
                s.store.city.clone()
            },
            address: s.store.address.clone(),
            lat: s.store.lat.to_string(),
            lng: s.store.lng.to_string(),
            days: DAYS.iter().map(|d| (*d, hours.contains_key(*d))).collect(),
            open,
            close,
            city_options: String::new(),
        }
    }

    /// Draws the city select with the form's city chosen.
    pub async fn with_cities(mut self, state: &AppState, ctx: &WebCtx) -> Result<Draft, ApiError> {
        let chosen = Uuid::parse_str(&self.city_id).ok();
        self.city_options = geo_picker::city_options(state, ctx.locale, chosen).await?;
        Ok(self)
    }

    /// The city select's error: its own, else the text's (required).
    pub fn city_error(&self, errors: &Errors) -> String {
        let own = errors.of("cityId");
        if own.is_empty() {
            errors.of("city")
        } else {
            own
        }
    }

    /// The store this form describes; numbers that do not parse are named in `shape`.
    pub fn body(&self, shape: &mut FieldErrors) -> NewStore {
        let mut number = |raw: &str, field: &str| {
            if raw.is_empty() {
                return None;
            }
            let v = parse_decimal(raw);
            if v.is_none() {
                shape.add(field, Message::new("stores-validation-number"));
            }
            v
        };
        let lat = number(&self.lat, "lat");
        let lng = number(&self.lng, "lng");
        // The chosen city goes by id (the service writes its name); without
        // one, an older store's text is kept.
        let city_id = geo_picker::read_city_id(&self.city_id, shape);
        if self.city_id.is_empty() && self.city.is_empty() {
            shape.add("cityId", Message::new("validation-required"));
        }
        let mut hours = WorkingHours::new();
        for (day, on) in &self.days {
            if *on {
                hours.insert(
                    (*day).to_owned(),
                    vec![vec![self.open.clone(), self.close.clone()]],
                );
            }
        }
        NewStore {
            company_id: None,
            store_type_id: Uuid::parse_str(&self.store_type).ok(),
            name_ar: self.name_ar.clone(),
            name_en: self.name_en.clone(),
            phone: Some(self.phone.clone()).filter(|p| !p.is_empty()),
            city: if city_id.is_some() {
                String::new()
            } else {
                self.city.clone()
            },
            city_id,
            address: self.address.clone(),
            lat,
            lng,
            working_hours: hours,
        }
    }
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            store_type: String::new(),
            name_ar: String::new(),
            name_en: String::new(),
            phone: String::new(),
            city_id: String::new(),
            city: String::new(),
            address: String::new(),
            lat: String::new(),
            lng: String::new(),
            days: DAYS.iter().map(|d| (*d, *d != "fri")).collect(),
            open: "09:00".into(),
            close: "22:00".into(),
            city_options: String::new(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/stores.html")]
struct StoresPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    rows: Vec<Row>,
    /// Whether the new-store form is shown.
    can_open: bool,
    /// Why a supplier cannot open a store yet.
    cannot_open: Option<String>,
    store_types: Vec<StoreTypeView>,
    form: Draft,
    errors: Errors,
}

/// Opening a store needs a supplier's own approved company: `Ok(None)`
/// when the caller may, else the message saying why not (none for employees).
async fn may_open(state: &AppState, caller: &Caller) -> Result<Option<&'static str>, ApiError> {
    if caller.role != Role::Supplier {
        return Ok(Some(""));
    }
    Ok(match companies::mine(state, caller).await {
        Ok(co) if co.status == CompanyStatus::Approved => None,
        Ok(_) => Some("stores-company-not-approved"),
        Err(ApiError::NotFound) => Some("stores-company-required"),
        Err(e) => return Err(e),
    })
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    form: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let stores = branches::mine(state, caller).await?;
        let cannot_open = may_open(state, caller).await?;
        let (store_types, form) = match cannot_open {
            None => (
                types::store_types(state).await?,
                form.with_cities(state, ctx).await?,
            ),
            Some(_) => (Vec::new(), form),
        };
        Ok::<_, ApiError>((stores, cannot_open, store_types, form))
    }
    .await;
    let (stores, cannot_open, store_types, form) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    if stores.is_empty() && caller.role != Role::Supplier {
        return no_access(ctx, csrf);
    }
    let page = StoresPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        rows: stores.iter().map(Row::of).collect(),
        can_open: cannot_open.is_none(),
        cannot_open: cannot_open
            .filter(|k| !k.is_empty())
            .map(|k| Message::new(k).render(ctx.locale)),
        store_types,
        form,
        errors,
    };
    (status, page).into_response()
}

pub async fn page(State(state): State<AppState>, ctx: WebCtx) -> Response {
    match session(&state, &ctx).await {
        Ok((caller, csrf)) => {
            let (form, errors) = (Draft::default(), Errors::none());
            render(&state, &ctx, &caller, &csrf, form, errors, StatusCode::OK).await
        }
        Err(r) => r,
    }
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
    let body = draft.body(&mut shape);
    let saved = match validated(&body, shape) {
        Ok(()) => branches::create(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Redirect::to(&format!("{}/stores", ctx.partner_base())).into_response(),
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            render(&state, &ctx, &caller, &csrf, draft, errors, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
