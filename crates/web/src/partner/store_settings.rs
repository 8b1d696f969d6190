//! A store's settings: its names, type, phone, place and opening hours
//! (`store.settings.manage`), and, for its owner, deleting it (refused
//! while it has open orders or a balance; suspension is the admin's).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::auth::Caller;
use app::stores::model::{StorePatch, StoreTypeView};
use app::stores::service::{branches, types};
use kernel::i18n::t;
use kernel::ids::parse_id;
use kernel::{ApiError, FieldErrors};
use uuid::Uuid;

use super::stores::Draft;
use super::{Session, StoreNav, acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, validated};
use crate::shared::redirect_with_toast;
use crate::signin::Signed;

#[derive(Template, WebTemplate)]
#[template(path = "partner/store_settings.html")]
struct SettingsPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    tab: &'static str,
    store: StoreNav,
    store_types: Vec<StoreTypeView>,
    form: Draft,
    errors: Errors,
    /// Why the store could not be deleted, shown in the danger zone.
    delete_error: Option<String>,
}

/// The store as the caller stands in it, with its form as it is now.
async fn load(
    state: &AppState,
    ctx: &WebCtx,
    caller: &Caller,
    store: &str,
) -> Result<(Uuid, StoreNav, Draft), Response> {
    let id = parse_id(store).map_err(|e| error_page(ctx, e))?;
    let s = branches::get(state, caller, id)
        .await
        .map_err(|e| error_page(ctx, e))?;
    let mut nav = StoreNav::of(&s);
    if !nav.settings {
        return Err(error_page(ctx, ApiError::Forbidden));
    }
    nav.by_type(state, caller, id).await;
    Ok((id, nav, Draft::of(&s)))
}

async fn render(
    state: &AppState,
    ctx: &WebCtx,
    csrf: &str,
    (store, form): (StoreNav, Draft),
    errors: Errors,
    delete_error: Option<String>,
    status: StatusCode,
) -> Response {
    let loaded = async {
        let types = types::store_types(state).await?;
        Ok::<_, ApiError>((types, form.with_cities(state, ctx).await?))
    };
    match loaded.await {
        Ok((store_types, form)) => (
            status,
            SettingsPage {
                c: chrome(ctx, csrf),
                base: ctx.partner_base(),
                section: "stores",
                tab: "settings",
                store,
                store_types,
                form,
                errors,
                delete_error,
            },
        )
            .into_response(),
        Err(e) => error_page(ctx, e),
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    Signed { caller, csrf, .. }: Session,
    Path(store): Path<String>,
) -> Response {
    match load(&state, &ctx, &caller, &store).await {
        Ok((_, nav, form)) => {
            render(
                &state,
                &ctx,
                &csrf,
                (nav, form),
                Errors::none(),
                None,
                StatusCode::OK,
            )
            .await
        }
        Err(r) => r,
    }
}

pub async fn save(
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
    let (id, nav, before) = match load(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let draft = Draft::from_fields(&f);
    // The form edits one opening period per day; hours left as they were
    // are not sent, so a store's split shifts survive an edit of its name.
    let hours_changed =
        (&draft.days, &draft.open, &draft.close) != (&before.days, &before.open, &before.close);
    let mut shape = FieldErrors::new();
    let body = draft.body(&mut shape);
    let patch = StorePatch {
        store_type_id: body.store_type_id,
        name_ar: Some(body.name_ar.clone()),
        name_en: Some(body.name_en.clone()),
        phone: Some(body.phone.clone().unwrap_or_default()),
        city: Some(body.city.clone()).filter(|c| !c.is_empty()),
        city_id: body.city_id,
        address: Some(body.address.clone()),
        lat: body.lat,
        lng: body.lng,
        working_hours: hours_changed.then(|| body.working_hours.clone()),
    };
    let saved = match validated(&patch, shape) {
        Ok(()) => branches::update(&state, &caller, id, &patch).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => redirect_with_toast(
            &format!("{}/stores/{id}/settings", ctx.partner_base()),
            &t(ctx.locale, "ds-toast-saved"),
        ),
        Err(e @ (ApiError::Validation(_) | ApiError::Conflict { .. })) => {
            let errors = Errors::from_api(&e, ctx.locale);
            render(&state, &ctx, &csrf, (nav, draft), errors, None, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

pub async fn delete(
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
    let (id, nav, form) = match load(&state, &ctx, &caller, &store).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    match branches::delete(&state, &caller, id).await {
        Ok(()) => redirect_with_toast(
            &format!("{}/stores", ctx.partner_base()),
            &t(ctx.locale, "ds-toast-store-deleted"),
        ),
        Err(e @ ApiError::Conflict { .. }) => {
            let why = Errors::from_api(&e, ctx.locale).form;
            render(
                &state,
                &ctx,
                &csrf,
                (nav, form),
                Errors::none(),
                why,
                e.status(),
            )
            .await
        }
        Err(e) => error_page(&ctx, e),
    }
}
