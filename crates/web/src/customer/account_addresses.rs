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
use app::customer::model::Address;
use app::customer::service as customer;
use kernel::ApiError;
use kernel::i18n::Message;
use kernel::ids::parse_id;

use super::account::{account_ui, account_url, htmx_error};
use super::address_form::{AddressForm, read_form};
use super::{Ui, acting, error_page, is_htmx};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields};
use crate::shared;
use crate::signin;

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
    let form = async {
        let list = customer::addresses(&state, &caller).await?;
        AddressForm::blank(&ctx, list.iter().find(|a| a.is_default))
            .with_pickers(&state, &ctx)
            .await
    }
    .await;
    match form {
        Ok(form) => FormPage {
            form,
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
        let a = list
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(ApiError::NotFound)?;
        AddressForm::of(&ctx, &a).with_pickers(&state, &ctx).await
    }
    .await;
    match found {
        Ok(form) => FormPage {
            form,
            u: account_ui(&state, &ctx, &caller, &csrf).await,
        }
        .into_response(),
        Err(e) => error_page(&ctx, e),
    }
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
            let form = AddressForm::typed(action, editing.is_some(), f, errors);
            let form = match form.with_pickers(state, ctx).await {
                Ok(form) => form,
                Err(e) => return error_page(ctx, e),
            };
            let page = FormPage {
                form,
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
