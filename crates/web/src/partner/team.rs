//! A store's team: employees with their permission slugs as checkboxes,
//! added by phone, changed and removed through htmx. The team service
//! decides who may do what (`store.team.manage`, owner-only grants).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::stores::model::{Employee, EmployeePatch, NewEmployee, StorePermission};
use app::stores::service::team;
use kernel::ApiError;
use kernel::ids::parse_id;
use kernel::validation::Validate;

use super::{StoreNav, acting, chrome, error_page, session, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields};
use crate::shared;

/// Permission slugs with whether they are ticked.
type Checks = Vec<(&'static str, bool)>;

fn checks(held: &[StorePermission]) -> Checks {
    StorePermission::ALL
        .iter()
        .map(|p| (p.slug(), held.contains(p)))
        .collect()
}

fn checks_of(slugs: &[String]) -> Checks {
    StorePermission::ALL
        .iter()
        .map(|p| (p.slug(), slugs.iter().any(|s| s == p.slug())))
        .collect()
}

pub struct Row {
    id: String,
    phone: String,
    name: String,
    perms: Checks,
}

impl From<Employee> for Row {
    fn from(e: Employee) -> Row {
        Row {
            id: e.id.to_string(),
            phone: e.phone,
            name: e.name.unwrap_or_default(),
            perms: checks(&e.permissions),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/team.html")]
struct TeamPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    rows: Vec<Row>,
    phone: String,
    perms: Checks,
    errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/employee.html")]
struct RowFragment {
    c: Chrome,
    base: &'static str,
    store: StoreNav,
    row: Row,
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    store_id: &str,
    phone: String,
    perms: Checks,
    errors: Errors,
) -> Response {
    let (id, store) = match store_of(state, ctx, caller, store_id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let employees = match team::list(state, caller, id).await {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = TeamPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        store,
        rows: employees.into_iter().map(Row::from).collect(),
        phone,
        perms,
        errors,
    };
    (status, page).into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Path(store): Path<String>,
) -> Response {
    match session(&state, &ctx).await {
        Ok((caller, csrf)) => {
            let perms = checks(&[]);
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                &store,
                String::new(),
                perms,
                Errors::none(),
            )
            .await
        }
        Err(r) => r,
    }
}

pub async fn add(
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
    let store_id = match parse_id(&store) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let body = NewEmployee {
        phone: f.get("phone"),
        permissions: f.all("permissions"),
    };
    let added = match body.validate() {
        Ok(()) => team::add(&state, &caller, store_id, &body).await,
        Err(e) => Err(e),
    };
    match added {
        Ok(_) => {
            Redirect::to(&format!("{}/stores/{store_id}/team", ctx.partner_base())).into_response()
        }
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let perms = checks_of(&body.permissions);
            render(
                &state, &ctx, &caller, &csrf, &store, body.phone, perms, errors,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The parts of an htmx action on one employee.
async fn target(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    store: &str,
    id: &str,
) -> Result<(Caller, String, Uuid, StoreNav, Uuid), Response> {
    let (caller, csrf) = acting(state, ctx, headers, None).await?;
    let (store_id, nav) = store_of(state, ctx, &caller, store).await?;
    let id = parse_id(id).map_err(|e| error_page(ctx, e))?;
    Ok((caller, csrf, store_id, nav, id))
}

/// What a refused htmx action shows in the employee's message cell.
fn refused(ctx: &WebCtx, id: Uuid, e: ApiError) -> Response {
    let errors = Errors::from_api(&e, ctx.locale);
    let message = Some(errors.of("permissions"))
        .filter(|m| !m.is_empty())
        .or(errors.form)
        .unwrap_or_default();
    shared::inline_error(&format!("#employee-{id} .row-error"), &message)
}

pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (caller, csrf, store_id, nav, id) = match target(&state, &ctx, &headers, &store, &id).await
    {
        Ok(v) => v,
        Err(r) => return r,
    };
    let body = EmployeePatch {
        permissions: Some(Fields(fields).all("permissions")),
    };
    let updated = match body.validate() {
        Ok(()) => team::update(&state, &caller, store_id, id, &body).await,
        Err(e) => Err(e),
    };
    match updated {
        Ok(employee) => RowFragment {
            c: chrome(&ctx, &csrf),
            base: ctx.partner_base(),
            store: nav,
            row: Row::from(employee),
        }
        .into_response(),
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Forbidden)) => {
            refused(&ctx, id, e)
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (caller, _, store_id, _, id) = match target(&state, &ctx, &headers, &store, &id).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    match team::remove(&state, &caller, store_id, id).await {
        // The row is swapped for nothing.
        Ok(()) => Html("").into_response(),
        Err(e @ (ApiError::Conflict { .. } | ApiError::Forbidden)) => refused(&ctx, id, e),
        Err(e) => error_page(&ctx, e),
    }
}
