//! The customer's addresses (`/app/account/addresses`): the list with the
//! default marked, "make default" and delete through htmx (the list is
//! swapped in place, with a toast), and the add/edit form with a map whose
//! pin fills the coordinates (`static/ds/map.js`, Leaflet). There is no
//! tile server configured, so the map draws a grid under the pin; the
//! coordinates stay visible and editable, and "Use my location" asks the
//! browser.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::customer::model::{Address, NewAddress};
use app::customer::service as customer;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::account::{account_ui, account_url, htmx_error};
use super::{Ui, acting, error_page, is_htmx};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, parse_decimal, validated};
use crate::shared;
use crate::signin;

/// Where the map opens when there is no pin yet: Riyadh.
const RIYADH: (f64, f64) = (24.7136, 46.6753);

pub struct AddressView {
    pub id: String,
    pub label: String,
    pub recipient: String,
    pub phone: String,
    pub line: String,
    pub is_default: bool,
}

impl AddressView {
    fn of(a: &Address) -> AddressView {
        let line = [
            Some(a.city.as_str()),
            a.district.as_deref(),
            a.street.as_deref(),
            a.details.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("، ");
        AddressView {
            id: a.id.to_string(),
            label: a.label.clone(),
            recipient: a.recipient_name.clone(),
            phone: shared::phone(&a.phone),
            line,
            is_default: a.is_default,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/addresses.html")]
struct ListPage {
    u: Ui,
    addresses: Vec<AddressView>,
}

async fn render_list(state: &AppState, ctx: &WebCtx, caller: &Caller, csrf: &str) -> Response {
    match customer::addresses(state, caller).await {
        Ok(list) => ListPage {
            u: account_ui(state, ctx, caller, csrf).await,
            addresses: list.iter().map(AddressView::of).collect(),
        }
        .into_response(),
        Err(e) => error_page(ctx, e),
    }
}

/// `GET /app/account/addresses`.
pub async fn list(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    render_list(&state, &ctx, &caller, &csrf).await
}

// ---------------------------------------------------------------- the form

/// The add/edit form as typed (or as saved), with its errors.
pub struct AddressForm {
    pub action: String,
    pub editing: bool,
    pub label: String,
    pub recipient_name: String,
    pub phone: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub details: String,
    pub lat: String,
    pub lng: String,
    pub is_default: bool,
    /// Where the map opens: the pin, else the default address, else Riyadh.
    pub center_lat: String,
    pub center_lng: String,
    pub errors: Errors,
}

impl AddressForm {
    fn blank(ctx: &WebCtx, around: Option<&Address>) -> AddressForm {
        let (lat, lng) = around.map_or(RIYADH, |a| (a.lat, a.lng));
        AddressForm {
            action: account_url(ctx, "/addresses"),
            editing: false,
            label: String::new(),
            recipient_name: String::new(),
            phone: String::new(),
            city: String::new(),
            district: String::new(),
            street: String::new(),
            details: String::new(),
            lat: String::new(),
            lng: String::new(),
            is_default: false,
            center_lat: lat.to_string(),
            center_lng: lng.to_string(),
            errors: Errors::none(),
        }
    }

    fn of(ctx: &WebCtx, a: &Address) -> AddressForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        AddressForm {
            action: account_url(ctx, &format!("/addresses/{}", a.id)),
            editing: true,
            label: a.label.clone(),
            recipient_name: a.recipient_name.clone(),
            phone: a.phone.clone(),
            city: a.city.clone(),
            district: text(&a.district),
            street: text(&a.street),
            details: text(&a.details),
            lat: a.lat.to_string(),
            lng: a.lng.to_string(),
            is_default: a.is_default,
            center_lat: a.lat.to_string(),
            center_lng: a.lng.to_string(),
            errors: Errors::none(),
        }
    }

    /// The form sent back with the service's (or the reader's) refusal.
    fn typed(action: String, editing: bool, f: &Fields, errors: Errors) -> AddressForm {
        let (lat, lng) = (f.get("lat"), f.get("lng"));
        let center = |typed: &str, fallback: f64| {
            parse_decimal(typed).map_or(fallback.to_string(), |v| v.to_string())
        };
        AddressForm {
            action,
            editing,
            center_lat: center(&lat, RIYADH.0),
            center_lng: center(&lng, RIYADH.1),
            label: f.get("label"),
            recipient_name: f.get("recipient_name"),
            phone: f.get("phone"),
            city: f.get("city"),
            district: f.get("district"),
            street: f.get("street"),
            details: f.get("details"),
            lat,
            lng,
            is_default: f.get("is_default") == "on",
            errors,
        }
    }

    /// The field's error, or "" (for `aria-invalid` and the message).
    pub fn error(&self, field: &str) -> String {
        self.errors.only(field)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "customer/account/address_form.html")]
struct FormPage {
    u: Ui,
    form: AddressForm,
}

/// `GET /app/account/addresses/new`.
pub async fn new_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    match customer::addresses(&state, &caller).await {
        Ok(list) => FormPage {
            form: AddressForm::blank(&ctx, list.iter().find(|a| a.is_default)),
            u: account_ui(&state, &ctx, &caller, &csrf).await,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// `GET /app/account/addresses/{id}`: the edit form.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let found = async {
        let id = parse_id(&id)?;
        let list = customer::addresses(&state, &caller).await?;
        list.into_iter()
            .find(|a| a.id == id)
            .ok_or(ApiError::NotFound)
    }
    .await;
    match found {
        Ok(a) => FormPage {
            form: AddressForm::of(&ctx, &a),
            u: account_ui(&state, &ctx, &caller, &csrf).await,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
}

/// The form as the API's body, with the coordinates read in any digits;
/// a coordinate that is not a number is refused here, the rest by the
/// body's own rules.
fn read_form(f: &Fields) -> Result<NewAddress, ApiError> {
    let mut shape = FieldErrors::new();
    let mut coordinate = |field: &str, max: i64| -> Option<f64> {
        let raw = f.get(field);
        if raw.is_empty() {
            return None;
        }
        let v = parse_decimal(&raw);
        if v.is_none() {
            shape.add(
                field,
                Message::new("validation-range")
                    .arg("min", -max)
                    .arg("max", max),
            );
        }
        v
    };
    let lat = coordinate("lat", 90);
    let lng = coordinate("lng", 180);
    let body = NewAddress {
        label: Some(f.get("label")),
        recipient_name: Some(f.get("recipient_name")),
        phone: Some(f.get("phone")),
        city: Some(f.get("city")),
        city_id: None,
        district: Some(f.get("district")),
        street: Some(f.get("street")),
        details: Some(f.get("details")),
        lat,
        lng,
        is_default: f.get("is_default") == "on",
    };
    validated(&body, shape)?;
    Ok(body)
}

/// After a save: the list with a toast; refused, the form with its errors.
async fn after_save(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    f: &Fields,
    editing: Option<Uuid>,
    result: Result<Address, ApiError>,
) -> Response {
    match result {
        Ok(a) => {
            let key = if editing.is_some() {
                "web-account-address-updated"
            } else {
                "web-account-address-created"
            };
            let message = Message::new(key).arg("label", a.label).render(ctx.locale);
            shared::redirect_with_toast(&account_url(ctx, "/addresses"), &message)
        }
        Err(e @ (ApiError::Internal(_) | ApiError::NotFound)) => error_page(ctx, e),
        Err(e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let action = match editing {
                Some(id) => account_url(ctx, &format!("/addresses/{id}")),
                None => account_url(ctx, "/addresses"),
            };
            let page = FormPage {
                form: AddressForm::typed(action, editing.is_some(), f, errors),
                u: account_ui(state, ctx, caller, csrf).await,
            };
            (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
        }
    }
}

/// `POST /app/account/addresses`: adds an address.
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
    let result = match read_form(&f) {
        Ok(body) => customer::create_address(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    after_save(&state, &ctx, &caller, &csrf, &f, None, result).await
}

/// `POST /app/account/addresses/{id}`: changes an address.
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
    let result = match read_form(&f) {
        Ok(body) => customer::update_address(&state, &caller, id, &body.fields()).await,
        Err(e) => Err(e),
    };
    after_save(&state, &ctx, &caller, &csrf, &f, Some(id), result).await
}

/// After "make default" or delete: htmx gets the list again (it swaps
/// `#addresses`) with a toast; a plain form goes back to the list.
async fn after_change(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    caller: &Caller,
    csrf: &str,
    result: Result<String, ApiError>,
) -> Response {
    match result {
        Ok(message) if is_htmx(headers) => shared::with_toast(
            render_list(state, ctx, caller, csrf).await,
            &message,
            "success",
        ),
        Ok(message) => shared::redirect_with_toast(&account_url(ctx, "/addresses"), &message),
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

/// `POST /app/account/addresses/{id}/default`.
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
    let result = customer::make_default(&state, &caller, id).await.map(|a| {
        Message::new("web-account-address-defaulted")
            .arg("label", a.label)
            .render(ctx.locale)
    });
    after_change(&state, &ctx, &headers, &caller, &csrf, result).await
}

/// `POST /app/account/addresses/{id}/delete`.
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
    let result = customer::delete_address(&state, &caller, id)
        .await
        .map(|()| Message::new("web-account-address-deleted").render(ctx.locale));
    after_change(&state, &ctx, &headers, &caller, &csrf, result).await
}
