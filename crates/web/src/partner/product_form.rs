//! The product form: create and edit, with image uploads and the fitment
//! picker; the product service decides access and the rules.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::media::model::Purpose;
use app::media::service as media;
use app::products::model::{Condition, ProductStatus};
use app::products::service as products;
use app::taxonomy::service as taxonomy;
use kernel::ApiError;
use kernel::ids::parse_id;

use super::company::as_field;
use super::product_draft::{Draft, patch};
use super::product_shipping::{self, ShippingCard};
use super::{StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, MultipartForm, read_multipart, validated};
use crate::shared::{CategoryOption, flat_categories};
use crate::signin;

pub struct MakeOption {
    pub id: String,
    pub name_ar: String,
    pub name_en: String,
}

pub async fn make_options(state: &AppState) -> Result<Vec<MakeOption>, ApiError> {
    Ok(taxonomy::makes(state)
        .await?
        .into_iter()
        .map(|m| MakeOption {
            id: m.id.to_string(),
            name_ar: m.name_ar,
            name_en: m.name_en,
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/product_form.html")]
struct FormPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    /// The product being edited, with its status; `None` for a new one.
    product: Option<(String, &'static str)>,
    draft: Draft,
    makes: Vec<MakeOption>,
    categories: Vec<CategoryOption>,
    conditions: Vec<&'static str>,
    errors: Errors,
    /// The Shipping card, saved on its own; an existing product's only.
    shipping: Option<ShippingCard>,
}

pub(super) struct Editing {
    pub store: StoreNav,
    pub product: Option<(String, &'static str)>,
    pub shipping: Option<ShippingCard>,
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
pub(super) async fn render(
    state: &AppState,
    ctx: &WebCtx,
    csrf: &str,
    editing: Editing,
    mut draft: Draft,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let loaded = async {
        draft.load_models(state).await?;
        Ok::<_, ApiError>((
            make_options(state).await?,
            taxonomy::category_tree(state).await?,
        ))
    }
    .await;
    let (makes, tree) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(ctx, e),
    };
    for (i, row) in draft.fitment.iter_mut().enumerate() {
        row.error = errors.of(&format!("fitment[{i}]"));
    }
    let page = FormPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "stores",
        store: editing.store,
        product: editing.product,
        categories: flat_categories(&tree, Some(draft.category.as_str())),
        draft,
        makes,
        conditions: Condition::ALL.iter().map(|c| c.as_str()).collect(),
        errors,
        shipping: editing.shipping,
    };
    (status, page).into_response()
}

/// The store, for someone allowed to manage its products (403 otherwise).
pub(super) async fn managed_store(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    store: &str,
) -> Result<(Uuid, StoreNav), Response> {
    // The product services check again on every save.
    let (id, nav) = store_of(state, ctx, caller, store).await?;
    if !nav.manage_products {
        return Err(error_page(ctx, ApiError::Forbidden));
    }
    Ok((id, nav))
}

pub async fn new_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
) -> Response {
    let (_, nav) = match managed_store(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let editing = Editing {
        store: nav,
        product: None,
        shipping: None,
    };
    let (draft, errors) = (Draft::blank(), Errors::none());
    render(&state, &ctx, &csrf, editing, draft, errors, StatusCode::OK).await
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (store_id, nav) = match managed_store(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let loaded = async {
        let p = products::partner_get(&state, &caller, store_id, id).await?;
        let shipping = product_shipping::current(&state, &caller, store_id, id).await?;
        Ok::<_, ApiError>((p, shipping))
    }
    .await;
    match loaded {
        Ok((p, shipping)) => {
            let editing = Editing {
                store: nav,
                product: Some((p.id.to_string(), p.status.as_str())),
                shipping: Some(shipping),
            };
            let draft = Draft::of(&p);
            render(
                &state,
                &ctx,
                &csrf,
                editing,
                draft,
                Errors::none(),
                StatusCode::OK,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Stores the form's new images (after the fields passed) and adds them to the draft.
async fn upload_images(
    state: &AppState,
    caller: &Caller,
    form: &MultipartForm,
    draft: &mut Draft,
) -> Result<Vec<Uuid>, ApiError> {
    let mut ids = Vec::new();
    for upload in form.files.iter().filter(|u| u.field == "images") {
        let file = media::store_upload(
            state,
            caller,
            Purpose::ProductImage,
            upload.file_name.as_deref(),
            upload.bytes.clone(),
        )
        .await
        .map_err(|e| as_field(e, "imageIds"))?;
        draft.images.push(file.id.to_string());
        ids.push(file.id);
    }
    Ok(ids)
}

/// What a create or update form sent, read and checked for CSRF and access.
async fn read_form(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
    store: &str,
) -> Result<(Caller, String, Uuid, StoreNav, MultipartForm), Response> {
    let form = read_multipart(multipart, state.config.max_upload_bytes)
        .await
        .map_err(|e| error_page(ctx, e))?;
    let token = form.fields.get("_csrf");
    let (caller, csrf) = acting(state, ctx, headers, Some(&token)).await?;
    let (store_id, nav) = managed_store(state, ctx, &caller, store).await?;
    Ok((caller, csrf, store_id, nav, form))
}

fn shown_on_form(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Validation(_) | ApiError::Conflict { .. } | ApiError::Unprocessable { .. }
    )
}

fn to_list(ctx: &WebCtx, store_id: Uuid) -> Response {
    crate::shared::redirect_with_toast(
        &format!("{}/stores/{store_id}/products", ctx.partner_base()),
        &kernel::i18n::t(ctx.locale, "ds-toast-saved"),
    )
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(store): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (caller, csrf, store_id, nav, form) =
        match read_form(&state, &ctx, &headers, multipart, &store).await {
            Ok(v) => v,
            Err(r) => return r,
        };
    let mut draft = Draft::from_fields(&form.fields);
    let submit = form.fields.get("action") != "draft";
    let new_files = form.files.iter().filter(|u| u.field == "images").count();
    let (mut body, shape) = draft.body(submit, new_files);
    let result = async {
        validated(&body, shape)?;
        let uploaded = upload_images(&state, &caller, &form, &mut draft).await?;
        body.image_ids.extend(uploaded);
        products::create(&state, &caller, store_id, &body).await
    }
    .await;
    match result {
        Ok(_) => to_list(&ctx, store_id),
        Err(e) if shown_on_form(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let editing = Editing {
                store: nav,
                product: None,
                shipping: None,
            };
            render(&state, &ctx, &csrf, editing, draft, errors, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (caller, csrf, store_id, nav, form) =
        match read_form(&state, &ctx, &headers, multipart, &store).await {
            Ok(v) => v,
            Err(r) => return r,
        };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let current = match products::partner_get(&state, &caller, store_id, id).await {
        Ok(p) => p,
        Err(e) => return error_page(&ctx, e),
    };
    let mut draft = Draft::from_fields(&form.fields);
    let submit = form.fields.get("action") == "submit";
    let new_files = form.files.iter().filter(|u| u.field == "images").count();
    let (mut body, shape) = draft.body(submit, new_files);
    let result = async {
        validated(&body, shape)?;
        let uploaded = upload_images(&state, &caller, &form, &mut draft).await?;
        body.image_ids.extend(uploaded);
        let saved =
            products::update(&state, &caller, store_id, id, &patch(&current, &body)).await?;
        let waiting = [ProductStatus::Draft, ProductStatus::Rejected];
        if submit && waiting.contains(&saved.status) {
            products::submit(&state, &caller, store_id, id).await?;
        }
        Ok::<_, ApiError>(())
    }
    .await;
    match result {
        Ok(()) => to_list(&ctx, store_id),
        Err(e) if shown_on_form(&e) => {
            let errors = Errors::from_api(&e, ctx.locale);
            let shipping = product_shipping::current(&state, &caller, store_id, id).await;
            let editing = Editing {
                store: nav,
                product: Some((current.id.to_string(), current.status.as_str())),
                shipping: shipping.ok(),
            };
            render(&state, &ctx, &csrf, editing, draft, errors, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}
