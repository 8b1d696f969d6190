//! The promotion form: create and edit, with the store's products and the
//! categories to choose from, errors next to their fields (the fields as
//! typed are `promotion_draft.rs`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::promotions::model::NewPromotion;
use app::promotions::service as promotions;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::pagination::PageQuery;
use kernel::{ApiError, FieldErrors};

use super::promotion_draft::Draft;
use super::promotions::ctx_pick;
use super::{StoreNav, acting, chrome, error_page, store_of};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, validated};
use crate::shared::{self, CategoryOption, flat_categories};
use crate::signin;

#[derive(Template, WebTemplate)]
#[template(path = "partner/promotion_form.html")]
struct FormPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    store: StoreNav,
    /// The promotion being edited (its id and name), none for a new one.
    editing: Option<(String, String)>,
    form: Draft,
    kinds: [&'static str; 2],
    /// The store's products: id, name, chosen.
    products: Vec<(String, String, bool)>,
    categories: Vec<CategoryOption>,
}

#[allow(clippy::too_many_arguments, reason = "one page, its parts")]
async fn render(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    csrf: &str,
    (store_id, nav): (Uuid, StoreNav),
    editing: Option<(String, String)>,
    form: Draft,
    status: StatusCode,
) -> Response {
    let c = chrome(ctx, csrf);
    // The first hundred products (the API's page size) are offered by name.
    let page = PageQuery {
        page: Some(1),
        per_page: Some(100),
        sort: None,
    }
    .check(&mut FieldErrors::new());
    let products = app::products::service::partner_list(state, caller, store_id, None, page)
        .await
        .map(|(rows, _)| rows)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let id = p.id.to_string();
            let on = form.product_ids.contains(&id);
            (id, c.pick(&p.name_ar, &p.name_en).to_owned(), on)
        })
        .collect();
    let tree = app::taxonomy::service::category_tree(state)
        .await
        .unwrap_or_default();
    let mut categories = flat_categories(&tree, None);
    for cat in &mut categories {
        cat.selected = form.category_ids.contains(&cat.id);
    }
    let page = FormPage {
        c,
        base: ctx.partner_base(),
        section: "stores",
        store: nav,
        editing,
        form,
        kinds: ["percent", "fixed"],
        products,
        categories,
    };
    (status, page).into_response()
}

pub async fn new_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path(store): Path<String>,
) -> Response {
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    // Who may create is the service's call, when the form is sent.
    let form = Draft::fresh();
    render(
        &state,
        &ctx,
        &caller,
        &csrf,
        (store_id, nav),
        None,
        form,
        StatusCode::OK,
    )
    .await
}

pub async fn edit_page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((store, id)): Path<(String, String)>,
) -> Response {
    let (store_id, nav) = match store_of(&state, &ctx, &caller, &store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    match promotions::get(&state, &caller, store_id, id).await {
        Ok(p) => {
            let editing = Some((p.id.to_string(), ctx_pick(&ctx, &p.name_ar, &p.name_en)));
            let form = Draft::of_promotion(&p);
            render(
                &state,
                &ctx,
                &caller,
                &csrf,
                (store_id, nav),
                editing,
                form,
                StatusCode::OK,
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// Creates (`id` none) or changes a promotion, then back to the list with a
/// toast; a refused form comes back with its errors.
async fn save(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    store: &str,
    id: Option<&str>,
    fields: Vec<(String, String)>,
) -> Response {
    let f = Fields(fields);
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (store_id, nav) = match store_of(state, ctx, &caller, store).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = match id.map(parse_id).transpose() {
        Ok(id) => id,
        Err(e) => return error_page(ctx, e),
    };
    let before = match id {
        Some(id) => match promotions::get(state, &caller, store_id, id).await {
            Ok(p) => Some(p),
            Err(e) => return error_page(ctx, e),
        },
        None => None,
    };
    let draft = Draft::of(&f);
    let (input, shape) = draft.input(before.as_ref());
    let result = match id {
        None => {
            let body = NewPromotion(input);
            match validated(&body, shape) {
                Ok(()) => promotions::create(state, &caller, store_id, &body).await,
                Err(e) => Err(e),
            }
        }
        Some(id) => match validated(&input, shape) {
            Ok(()) => promotions::update(state, &caller, store_id, id, &input).await,
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(p) => shared::redirect_with_toast(
            &format!("{}/stores/{store_id}/promotions", ctx.partner_base()),
            &Message::new(if id.is_some() {
                "web-promo-toast-saved"
            } else {
                "web-promo-toast-created"
            })
            .arg("name", ctx_pick(ctx, &p.name_ar, &p.name_en))
            .render(ctx.locale),
        ),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::Conflict { .. }),
        ) => {
            let status = e.status();
            let form = Draft {
                errors: Errors::from_api(&e, ctx.locale),
                ..draft
            };
            let editing = before.map(|p| (p.id.to_string(), ctx_pick(ctx, &p.name_ar, &p.name_en)));
            render(
                state,
                ctx,
                &caller,
                &csrf,
                (store_id, nav),
                editing,
                form,
                status,
            )
            .await
        }
        Err(e) => error_page(ctx, e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(store): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, &store, None, fields).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path((store, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(&state, &ctx, &headers, &store, Some(&id), fields).await
}
