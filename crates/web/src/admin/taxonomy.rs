//! Car makes and their models, and the part category tree: lists with add
//! forms. Every page needs `catalog.manage`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::taxonomy::model::{CarMake, CarModel, NewCategory, NewMake, NewModel};
use app::taxonomy::service as taxonomy;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page, session};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared::{CategoryOption, flat_categories};
use crate::signin;

/// What the add forms were sent with, shown again next to their errors.
#[derive(Default)]
pub struct Draft {
    slug: String,
    name_ar: String,
    name_en: String,
    parent: String,
    year_from: String,
    year_to: String,
}

impl Draft {
    fn from_fields(f: &Fields) -> Draft {
        Draft {
            slug: f.get("slug"),
            name_ar: f.get("nameAr"),
            name_en: f.get("nameEn"),
            parent: f.get("parentId"),
            year_from: f.get("yearFrom"),
            year_to: f.get("yearTo"),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/taxonomy.html")]
struct TaxonomyPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    makes: Vec<CarMake>,
    categories: Vec<CategoryOption>,
    make_form: Draft,
    make_errors: Errors,
    category_form: Draft,
    category_errors: Errors,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/models.html")]
struct ModelsPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    make: CarMake,
    models: Vec<CarModel>,
    form: Draft,
    errors: Errors,
}

/// Which add form failed, with what and why.
enum Failed {
    None,
    Make(Draft, Errors, StatusCode),
    Category(Draft, Errors, StatusCode),
}

async fn taxonomy_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    failed: Failed,
) -> Response {
    let result = taxonomy::for_editing(state, caller).await;
    let (makes, tree) = match result {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let (status, make_form, make_errors, category_form, category_errors) = match failed {
        Failed::None => (
            StatusCode::OK,
            Draft::default(),
            Errors::none(),
            Draft::default(),
            Errors::none(),
        ),
        Failed::Make(d, e, status) => (status, d, e, Draft::default(), Errors::none()),
        Failed::Category(d, e, status) => (status, Draft::default(), Errors::none(), d, e),
    };
    let page = TaxonomyPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "taxonomy",
        makes,
        categories: flat_categories(&tree, Some(category_form.parent.as_str())),
        make_form,
        make_errors,
        category_form,
        category_errors,
    };
    (status, page).into_response()
}

pub async fn page(State(state): State<AppState>, ctx: WebCtx) -> Response {
    match session(&state, &ctx).await {
        Ok((caller, csrf)) => taxonomy_page(&state, &ctx, &caller, &csrf, Failed::None).await,
        Err(r) => r,
    }
}

fn back_to(ctx: &WebCtx, path: &str) -> Response {
    Redirect::to(&format!("{}{path}", ctx.admin_base())).into_response()
}

/// The id of a select, when one was chosen.
fn optional_id(raw: &str, field: &str, e: &mut FieldErrors) -> Option<Uuid> {
    if raw.is_empty() {
        return None;
    }
    let id = Uuid::parse_str(raw).ok();
    if id.is_none() {
        e.add(field, Message::new("validation-uuid"));
    }
    id
}

/// A year typed in a form: empty is none, anything else must be a number.
fn year(raw: &str, field: &str, e: &mut FieldErrors) -> Option<i32> {
    if raw.is_empty() {
        return None;
    }
    let y = parse_int(raw);
    if y.is_none() {
        e.add(field, Message::new("web-number-invalid"));
    }
    y
}

pub async fn add_make(
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
    let body = NewMake {
        slug: draft.slug.clone(),
        name_ar: draft.name_ar.clone(),
        name_en: draft.name_en.clone(),
        sort_order: 0,
    };
    let saved = match validated(&body, FieldErrors::new()) {
        Ok(()) => taxonomy::create_make(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => back_to(&ctx, "/taxonomy"),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let failed = Failed::Make(draft, errors, e.status());
            taxonomy_page(&state, &ctx, &caller, &csrf, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn add_category(
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
    let body = NewCategory {
        parent_id: optional_id(&draft.parent, "parentId", &mut shape),
        slug: draft.slug.clone(),
        name_ar: draft.name_ar.clone(),
        name_en: draft.name_en.clone(),
        sort_order: 0,
    };
    let saved = match validated(&body, shape) {
        Ok(()) => taxonomy::create_category(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => back_to(&ctx, "/taxonomy"),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let failed = Failed::Category(draft, errors, e.status());
            taxonomy_page(&state, &ctx, &caller, &csrf, failed).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Refusals shown on the form rather than as an error page.
fn form_error(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn models_page(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    make_id: Uuid,
    form: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let result = taxonomy::make_for_editing(state, caller, make_id).await;
    let (make, models) = match result {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    let page = ModelsPage {
        c: chrome(ctx, csrf),
        base: ctx.admin_base(),
        section: "taxonomy",
        make,
        models,
        form,
        errors,
    };
    (status, page).into_response()
}

pub async fn make_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => {
            let (form, errors) = (Draft::default(), Errors::none());
            models_page(
                &state,
                &ctx,
                &caller,
                &csrf,
                id,
                form,
                errors,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn add_model(
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
    let make_id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let draft = Draft::from_fields(&f);
    let mut shape = FieldErrors::new();
    let body = NewModel {
        make_id: Some(make_id),
        slug: draft.slug.clone(),
        name_ar: draft.name_ar.clone(),
        name_en: draft.name_en.clone(),
        year_from: year(&draft.year_from, "yearFrom", &mut shape),
        year_to: year(&draft.year_to, "yearTo", &mut shape),
        body_type_id: None,
    };
    let saved = match validated(&body, shape) {
        Ok(()) => taxonomy::create_model(&state, &caller, &body).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => back_to(&ctx, &format!("/taxonomy/makes/{make_id}")),
        Err(e) if form_error(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let status = e.status();
            models_page(&state, &ctx, &caller, &csrf, make_id, draft, errors, status).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
