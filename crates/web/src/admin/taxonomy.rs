//! Car makes and their models, and the part category tree: lists with add
//! forms, each entry edited in a dialog (names, a model's years, a
//! category's parent) and deleted after a confirmation (refused, with an
//! error toast, while products or other entries still use it). Every page
//! needs `catalog.manage`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::taxonomy::model::{
    CarMake, CarModel, CategoryNode, CategoryPatch, MakePatch, ModelPatch, NewCategory, NewMake,
    NewModel,
};
use app::taxonomy::service as taxonomy;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page, session};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, parse_int, validated};
use crate::shared::{self, CategoryOption, flat_categories};
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

// ---- Editing and deleting ------------------------------------------------------

/// What the edit dialog of a make, a model or a category shows.
pub struct EditForm {
    /// `make`, `model` or `category`.
    kind: &'static str,
    action: String,
    /// The entry's name as it is now, in the page's language.
    current: String,
    name_ar: String,
    name_en: String,
    year_from: String,
    year_to: String,
    /// Categories only: where it may move (itself and what lies below it left out).
    parents: Vec<CategoryOption>,
    parent: String,
}

impl EditForm {
    fn new(kind: &'static str, action: String, current: String) -> EditForm {
        EditForm {
            kind,
            action,
            current,
            name_ar: String::new(),
            name_en: String::new(),
            year_from: String::new(),
            year_to: String::new(),
            parents: Vec::new(),
            parent: String::new(),
        }
    }

    /// What was sent, kept next to its errors.
    fn sent(mut self, f: &Fields) -> EditForm {
        self.name_ar = f.get("nameAr");
        self.name_en = f.get("nameEn");
        self.year_from = f.get("yearFrom");
        self.year_to = f.get("yearTo");
        self.parent = f.get("parentId");
        for p in &mut self.parents {
            p.selected = p.id == self.parent;
        }
        self
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/taxonomy_edit.html")]
struct EditDialog {
    c: Chrome,
    form: EditForm,
    errors: Errors,
}

fn dialog(ctx: &WebCtx, csrf: &str, form: EditForm, errors: Errors) -> Response {
    EditDialog {
        c: chrome(ctx, csrf),
        form,
        errors,
    }
    .into_response()
}

fn pick(ctx: &WebCtx, ar: &str, en: &str) -> String {
    match ctx.locale {
        kernel::Locale::Ar => ar.to_owned(),
        kernel::Locale::En => en.to_owned(),
    }
}

/// After a change: back to the page it was made on, with a toast.
fn done(ctx: &WebCtx, path: &str, key: &str) -> Response {
    shared::htmx_redirect_with_toast(
        &format!("{}{path}", ctx.admin_base()),
        &kernel::i18n::t(ctx.locale, key),
    )
}

/// A refused delete (still in use): nothing changes, the reason as an error toast.
fn refused(ctx: &WebCtx, e: &ApiError) -> Response {
    shared::with_toast(
        (e.status(), [("hx-reswap", "none")]).into_response(),
        &e.message().render(ctx.locale),
        "error",
    )
}

fn make_form(ctx: &WebCtx, m: &CarMake) -> EditForm {
    let mut form = EditForm::new(
        "make",
        format!("{}/taxonomy/makes/{}/edit", ctx.admin_base(), m.id),
        pick(ctx, &m.name_ar, &m.name_en),
    );
    form.name_ar.clone_from(&m.name_ar);
    form.name_en.clone_from(&m.name_en);
    form
}

async fn find_make(state: &AppState, caller: &Caller, id: Uuid) -> Result<CarMake, ApiError> {
    taxonomy::make_for_editing(state, caller, id)
        .await
        .map(|(m, _)| m)
}

pub async fn edit_make(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let found = match parse_id(&id) {
        Ok(id) => find_make(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(m) => dialog(&ctx, &csrf, make_form(&ctx, &m), Errors::none()),
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update_make(
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
    let patch = MakePatch {
        slug: None,
        name_ar: Some(f.get("nameAr")),
        name_en: Some(f.get("nameEn")),
        sort_order: None,
    };
    let saved = match validated(&patch, FieldErrors::new()) {
        Ok(()) => taxonomy::update_make(&state, &caller, id, &patch).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => done(&ctx, "/taxonomy", "am-tax-make-saved"),
        Err(e) if form_error(&e) => match find_make(&state, &caller, id).await {
            Ok(m) => dialog(
                &ctx,
                &csrf,
                make_form(&ctx, &m).sent(&f),
                Errors::from_api(&e, ctx.locale),
            ),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete_make(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let deleted = match parse_id(&id) {
        Ok(id) => taxonomy::delete_make(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match deleted {
        Ok(()) => done(&ctx, "/taxonomy", "am-tax-make-deleted"),
        Err(e @ ApiError::Conflict { .. }) => refused(&ctx, &e),
        Err(e) => error_page(&ctx, e),
    }
}

fn model_form(ctx: &WebCtx, m: &CarModel) -> EditForm {
    let mut form = EditForm::new(
        "model",
        format!(
            "{}/taxonomy/makes/{}/models/{}/edit",
            ctx.admin_base(),
            m.make_id,
            m.id
        ),
        pick(ctx, &m.name_ar, &m.name_en),
    );
    form.name_ar.clone_from(&m.name_ar);
    form.name_en.clone_from(&m.name_en);
    form.year_from = m.year_from.to_string();
    form.year_to = m.year_to.map(|y| y.to_string()).unwrap_or_default();
    form
}

async fn find_model(
    state: &AppState,
    caller: &Caller,
    make: Uuid,
    id: Uuid,
) -> Result<CarModel, ApiError> {
    let (_, models) = taxonomy::make_for_editing(state, caller, make).await?;
    models
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(ApiError::NotFound)
}

fn ids(make: &str, id: &str) -> Result<(Uuid, Uuid), ApiError> {
    Ok((parse_id(make)?, parse_id(id)?))
}

pub async fn edit_model(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((make, id)): Path<(String, String)>,
) -> Response {
    let found = match ids(&make, &id) {
        Ok((make, id)) => find_model(&state, &caller, make, id).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(m) => dialog(&ctx, &csrf, model_form(&ctx, &m), Errors::none()),
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update_model(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((make, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (make, id) = match ids(&make, &id) {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let mut shape = FieldErrors::new();
    let year_from = f.get("yearFrom");
    if year_from.is_empty() {
        shape.add("yearFrom", Message::new("validation-required"));
    }
    let patch = ModelPatch {
        make_id: None,
        slug: None,
        name_ar: Some(f.get("nameAr")),
        name_en: Some(f.get("nameEn")),
        year_from: year(&year_from, "yearFrom", &mut shape),
        // Empty: still sold.
        year_to: Some(year(&f.get("yearTo"), "yearTo", &mut shape)),
        body_type_id: None,
    };
    let saved = match validated(&patch, shape) {
        Ok(()) => taxonomy::update_model(&state, &caller, id, &patch).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(m) => done(
            &ctx,
            &format!("/taxonomy/makes/{}", m.make_id),
            "am-tax-model-saved",
        ),
        Err(e) if form_error(&e) => match find_model(&state, &caller, make, id).await {
            Ok(m) => dialog(
                &ctx,
                &csrf,
                model_form(&ctx, &m).sent(&f),
                Errors::from_api(&e, ctx.locale),
            ),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete_model(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((make, id)): Path<(String, String)>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (make, id) = match ids(&make, &id) {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    match taxonomy::delete_model(&state, &caller, id).await {
        Ok(()) => done(
            &ctx,
            &format!("/taxonomy/makes/{make}"),
            "am-tax-model-deleted",
        ),
        Err(e @ ApiError::Conflict { .. }) => refused(&ctx, &e),
        Err(e) => error_page(&ctx, e),
    }
}

/// The tree flattened without the category `skip` and what lies below it
/// (where it cannot move).
fn parents_except(tree: &[CategoryNode], skip: Uuid) -> Vec<CategoryOption> {
    fn prune(nodes: &[CategoryNode], skip: Uuid) -> Vec<CategoryNode> {
        nodes
            .iter()
            .filter(|n| n.category.id != skip)
            .map(|n| CategoryNode {
                category: n.category.clone(),
                children: prune(&n.children, skip),
            })
            .collect()
    }
    flat_categories(&prune(tree, skip), None)
}

fn find_category(tree: &[CategoryNode], id: Uuid) -> Option<&CategoryNode> {
    tree.iter().find_map(|n| {
        if n.category.id == id {
            Some(n)
        } else {
            find_category(&n.children, id)
        }
    })
}

async fn category_form(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    id: Uuid,
) -> Result<EditForm, ApiError> {
    let (_, tree) = taxonomy::for_editing(state, caller).await?;
    let node = find_category(&tree, id).ok_or(ApiError::NotFound)?;
    let cat = &node.category;
    let mut form = EditForm::new(
        "category",
        format!("{}/taxonomy/categories/{id}/edit", ctx.admin_base()),
        pick(ctx, &cat.name_ar, &cat.name_en),
    );
    form.name_ar.clone_from(&cat.name_ar);
    form.name_en.clone_from(&cat.name_en);
    form.parent = cat.parent_id.map(|p| p.to_string()).unwrap_or_default();
    form.parents = parents_except(&tree, id);
    for p in &mut form.parents {
        p.selected = p.id == form.parent;
    }
    Ok(form)
}

pub async fn edit_category(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(id): Path<String>,
) -> Response {
    let found = match parse_id(&id) {
        Ok(id) => category_form(&state, &ctx, &caller, id).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(form) => dialog(&ctx, &csrf, form, Errors::none()),
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update_category(
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
    let mut shape = FieldErrors::new();
    let patch = CategoryPatch {
        // Empty: a top-level category.
        parent_id: Some(optional_id(&f.get("parentId"), "parentId", &mut shape)),
        slug: None,
        name_ar: Some(f.get("nameAr")),
        name_en: Some(f.get("nameEn")),
        sort_order: None,
    };
    let saved = match validated(&patch, shape) {
        Ok(()) => taxonomy::update_category(&state, &caller, id, &patch).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => done(&ctx, "/taxonomy", "am-tax-category-saved"),
        Err(e) if form_error(&e) => match category_form(&state, &ctx, &caller, id).await {
            Ok(form) => dialog(&ctx, &csrf, form.sent(&f), Errors::from_api(&e, ctx.locale)),
            Err(e) => error_page(&ctx, e),
        },
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete_category(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let (caller, _) = match acting(&state, &ctx, &headers, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let deleted = match parse_id(&id) {
        Ok(id) => taxonomy::delete_category(&state, &caller, id).await,
        Err(e) => Err(e),
    };
    match deleted {
        Ok(()) => done(&ctx, "/taxonomy", "am-tax-category-deleted"),
        Err(e @ ApiError::Conflict { .. }) => refused(&ctx, &e),
        Err(e) => error_page(&ctx, e),
    }
}
