//! The banners tab's forms: one multipart form creates or edits a banner
//! with its picture (sent through the media pipeline), and a button pauses
//! or resumes one. Refused forms come back with every failing field named,
//! the picture's problem beside the file input.

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Form, Multipart, Path, State};
use axum::response::Response;
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::content::model::{Banner, BannerApp, BannerInput};
use app::content::service as content;
use app::content::{Picture, save_with_picture};
use kernel::ids::parse_id;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Message};

use super::common::{local_input, local_moment, refused};
use super::content::{Draft, PageQuery, act, back, render, tab};
use super::{acting, session};
use crate::chrome::WebCtx;
use crate::forms::{Errors, Fields, read_multipart};

/// A banner as its form shows it.
pub fn fields_of(b: &Banner) -> Vec<(String, String)> {
    [
        ("title_ar", b.title_ar.clone()),
        ("title_en", b.title_en.clone()),
        ("image_id", b.image_id.to_string()),
        ("link", b.link.clone().unwrap_or_default()),
        ("app", b.app.as_str().to_owned()),
        ("starts_at", local_input(b.starts_at)),
        ("ends_at", local_input(b.ends_at)),
        ("sort_order", b.sort_order.to_string()),
        ("active", if b.active { "1".into() } else { String::new() }),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The form's fields as a banner; what does not parse is named (Saudi time
/// for the window). The picture's id is the kept one, nil without one.
fn input_of(f: &Fields) -> (BannerInput, FieldErrors) {
    let mut e = FieldErrors::new();
    let mut when = |field: &str, raw: &str| match local_moment(raw) {
        Ok(v) => v,
        Err(()) => {
            e.add(field, Message::new("adm-date-invalid"));
            None
        }
    };
    let starts_at = when("startsAt", &f.get("starts_at"));
    let ends_at = when("endsAt", &f.get("ends_at"));
    let sort = f.get("sort_order");
    let sort_order = if sort.is_empty() {
        0
    } else {
        crate::forms::parse_int::<i32>(&sort).unwrap_or_else(|| {
            e.add("sortOrder", Message::new("web-number-invalid"));
            0
        })
    };
    let link = f.get("link");
    let input = BannerInput {
        title_ar: f.get("title_ar"),
        title_en: f.get("title_en"),
        image_id: f.get("image_id").parse().unwrap_or(Uuid::nil()),
        link: Some(link).filter(|l| !l.is_empty()),
        app: BannerApp::parse(&f.get("app")).unwrap_or(BannerApp::Customer),
        starts_at,
        ends_at,
        sort_order,
        active: !f.get("active").is_empty(),
    };
    (input, e)
}

/// `POST /admin/content/banners`.
pub async fn create(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    save(&state, &ctx, &headers, None, multipart).await
}

/// `POST /admin/content/banners/{id}`.
pub async fn update(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    save(&state, &ctx, &headers, Some(id), multipart).await
}

async fn save(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    id: Option<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let q = PageQuery {
        edit: id.clone(),
        ..tab("banners")
    };
    let form = match read_multipart(multipart, state.config.max_upload_bytes).await {
        Ok(f) => f,
        // Too big a picture: said beside the file input (nothing was kept).
        Err(e @ ApiError::PayloadTooLarge) => {
            let (caller, csrf) = match session(state, ctx).await {
                Ok(s) => s,
                Err(r) => return r,
            };
            let fields = FieldErrors::single("imageId", e.message());
            let draft = Draft {
                fields: vec![("app".into(), "customer".into())],
                errors: Errors::from_api(&ApiError::Validation(fields), ctx.locale),
            };
            return render(state, ctx, &caller, &csrf, &q, draft, e.status()).await;
        }
        Err(e) => return refused(ctx, e),
    };
    let f = form.fields;
    let (caller, csrf) = match acting(state, ctx, headers, Some(&f.get("_csrf"))).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let picture = form
        .files
        .into_iter()
        .find(|u| u.field == "image" && !u.bytes.is_empty())
        .map(|u| Picture {
            name: u.file_name,
            bytes: u.bytes,
        });
    let (input, mut e) = input_of(&f);
    if let Err(ApiError::Validation(more)) = input.validate() {
        e.merge(more);
    }
    if picture.is_none() && input.image_id.is_nil() {
        e.add("imageId", Message::new("validation-required"));
    }
    let result = match (e.is_empty(), id.as_deref().map(parse_id).transpose()) {
        (_, Err(err)) => Err(err),
        (false, _) => Err(ApiError::Validation(e)),
        (true, Ok(id)) => save_with_picture(state, &caller, id, input, picture).await,
    };
    match result {
        Ok(_) => back(ctx, "banners", "adm-content-saved"),
        Err(err @ ApiError::Validation(_)) => {
            let draft = Draft {
                fields: f.0,
                errors: Errors::from_api(&err, ctx.locale),
            };
            render(
                state,
                ctx,
                &caller,
                &csrf,
                &q,
                draft,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(err) => refused(ctx, err),
    }
}

/// `POST /admin/content/banners/{id}/active`: pauses (`active=0`) or
/// resumes a banner, the rest of it unchanged.
pub async fn set_active(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let st = state.clone();
    act(
        &state,
        &ctx,
        &headers,
        fields,
        tab("banners"),
        "adm-content-saved",
        |caller, f| async move {
            let id = parse_id(&id)?;
            let b = content::banners(&st, &caller)
                .await?
                .into_iter()
                .find(|b| b.id == id)
                .ok_or(ApiError::NotFound)?;
            let input = BannerInput {
                title_ar: b.title_ar,
                title_en: b.title_en,
                image_id: b.image_id,
                link: b.link,
                app: b.app,
                starts_at: b.starts_at,
                ends_at: b.ends_at,
                sort_order: b.sort_order,
                active: f.get("active") == "1",
            };
            content::save_banner(&st, &caller, Some(id), &input)
                .await
                .map(drop)
        },
    )
    .await
}
