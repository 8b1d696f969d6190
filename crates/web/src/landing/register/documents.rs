//! Step 3: the documents. Each file is uploaded by htmx as soon as it is
//! chosen (its row comes back with the file or the reason it was refused);
//! without script, "Continue" posts the chosen files together. Continuing
//! needs every required document.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};

use app::AppState;
use app::registrations::applicant;
use app::registrations::model::{DocumentKind, Registration};
use kernel::ApiError;
use kernel::i18n::Message;

use super::{StepLink, csrf_ok, editable, frame, respond, steps, to_start};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{MultipartForm, read_multipart};
use crate::shared::{self, error_page};

/// One document of the form.
pub struct DocRow {
    pub kind: &'static str,
    pub label: String,
    pub hint: String,
    pub required: bool,
    /// The uploaded file's name (or its type when it had none).
    pub file: Option<String>,
    pub error: String,
}

fn rows(c: &Chrome, reg: &Registration, errors: &[(DocumentKind, String)]) -> Vec<DocRow> {
    reg.kind
        .documents()
        .iter()
        .map(|k| {
            row(
                c,
                reg,
                *k,
                errors.iter().find(|(e, _)| e == k).map(|(_, m)| m.clone()),
            )
        })
        .collect()
}

fn row(c: &Chrome, reg: &Registration, kind: DocumentKind, error: Option<String>) -> DocRow {
    let k = kind.as_str();
    DocRow {
        kind: k,
        label: c.t(&format!("reg-doc-{k}")),
        hint: c.t(&format!("reg-doc-{k}-hint")),
        required: reg.kind.required_documents().contains(&kind),
        file: reg.documents.iter().find(|d| d.kind == kind).map(|d| {
            d.original_name
                .clone()
                .unwrap_or_else(|| d.content_type.clone())
        }),
        error: error.unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "landing/register_documents.html")]
pub struct DocumentsPage {
    c: Chrome,
    foot: crate::landing::content::Footer,
    page: &'static str,
    csrf: String,
    steps: Vec<StepLink>,
    rows: Vec<DocRow>,
    form_error: Option<String>,
}

/// One row, as htmx swaps it in after an upload.
#[derive(Template, WebTemplate)]
#[template(path = "landing/register_doc_row.html")]
pub struct DocFragment {
    c: Chrome,
    row: DocRow,
}

fn render(
    ctx: &WebCtx,
    reg: &Registration,
    errors: &[(DocumentKind, String)],
    status: StatusCode,
) -> Response {
    let f = frame(ctx);
    let cookie = f.cookie.clone();
    let page = DocumentsPage {
        steps: steps(&f.c, "documents", Some(reg)),
        rows: rows(&f.c, reg, errors),
        form_error: (!errors.is_empty())
            .then(|| Message::new("registrations-incomplete").render(ctx.locale)),
        c: f.c,
        foot: f.foot,
        page: "register",
        csrf: f.csrf,
    };
    respond((status, page), [cookie])
}

pub async fn page(State(state): State<AppState>, ctx: WebCtx) -> Response {
    match editable(&state, &ctx).await {
        Some((_, reg)) => render(&ctx, &reg, &[], StatusCode::OK),
        None => to_start(),
    }
}

/// Why an upload was refused, as the row shows it.
fn refusal(ctx: &WebCtx, e: &ApiError) -> String {
    match e {
        ApiError::Validation(f) | ApiError::Unprocessable { fields: f, .. } if !f.is_empty() => f
            .iter()
            .flat_map(|(_, m)| m.iter().map(|m| m.render(ctx.locale)))
            .collect::<Vec<_>>()
            .join(" "),
        ApiError::UnsupportedMediaType => Message::new("reg-doc-types").render(ctx.locale),
        _ => e.message().render(ctx.locale),
    }
}

async fn read(
    state: &AppState,
    ctx: &WebCtx,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<MultipartForm, Response> {
    let form = read_multipart(multipart, state.config.max_upload_bytes)
        .await
        .map_err(|e| error_page(ctx, e, "/register/documents".into()))?;
    if !csrf_ok(ctx, headers, &form.fields.get("_csrf")) {
        return Err(error_page(
            ctx,
            shared::csrf_error(),
            "/register/documents".into(),
        ));
    }
    Ok(form)
}

/// htmx: one file, chosen in its row.
pub async fn upload(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(kind): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read(&state, &ctx, &headers, multipart).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let Some((token, reg)) = editable(&state, &ctx).await else {
        return ([("hx-redirect", "/register")], StatusCode::OK).into_response();
    };
    let Some(kind) = DocumentKind::parse(&kind).filter(|k| reg.kind.documents().contains(k)) else {
        return error_page(&ctx, ApiError::NotFound, "/register/documents".into());
    };
    let file = form.files.into_iter().find(|u| u.field == kind.as_str());
    let c = frame(&ctx).c;
    let result = match file {
        None => Err(ApiError::field("file", Message::new("validation-required"))),
        Some(u) => {
            applicant::upload(
                &state,
                &ctx.client,
                None,
                &token,
                kind,
                u.file_name.as_deref(),
                u.bytes,
            )
            .await
        }
    };
    match result {
        Ok(_) => {
            let reg = applicant::get(&state, None, &token).await.unwrap_or(reg);
            let row = row(&c, &reg, kind, None);
            let toast = c.t("reg-doc-uploaded");
            shared::with_toast(DocFragment { c, row }.into_response(), &toast, "success")
        }
        Err(e) => {
            let row = row(&c, &reg, kind, Some(refusal(&ctx, &e)));
            let toast = row.error.clone();
            shared::with_toast(DocFragment { c, row }.into_response(), &toast, "error")
        }
    }
}

/// "Continue": the files chosen without script, then every required one.
pub async fn save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read(&state, &ctx, &headers, multipart).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let Some((token, reg)) = editable(&state, &ctx).await else {
        return to_start();
    };
    let mut errors: Vec<(DocumentKind, String)> = Vec::new();
    for u in form.files {
        let Some(kind) = DocumentKind::parse(&u.field).filter(|k| reg.kind.documents().contains(k))
        else {
            continue;
        };
        if let Err(e) = applicant::upload(
            &state,
            &ctx.client,
            None,
            &token,
            kind,
            u.file_name.as_deref(),
            u.bytes,
        )
        .await
        {
            errors.push((kind, refusal(&ctx, &e)));
        }
    }
    let reg = applicant::get(&state, None, &token).await.unwrap_or(reg);
    for kind in reg.kind.required_documents() {
        let missing = !reg.documents.iter().any(|d| d.kind == *kind);
        if missing && !errors.iter().any(|(k, _)| k == kind) {
            errors.push((
                *kind,
                Message::new("registrations-document-required").render(ctx.locale),
            ));
        }
    }
    if errors.is_empty() {
        Redirect::to("/register/review").into_response()
    } else {
        render(&ctx, &reg, &errors, StatusCode::UNPROCESSABLE_ENTITY)
    }
}
