//! A merchant's catalog import from the admin's browser: the multipart
//! upload streamed straight into the importer (the file is never held in
//! memory, whatever its size), the CSV template, and an import's report
//! with its refused rows.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode, header};

use app::AppState;
use app::external::import::{self, TEMPLATE};
use app::external::service as external;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, Locale};

use super::merchants::{Shown, render_detail};
use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::shared;
use crate::signin;

/// The CSRF field is a token, never more than this.
const TOKEN_MAX_BYTES: usize = 256;

/// The form's first field, `_csrf`, read before anything of the file is:
/// the upload is refused unsigned before a byte of it reaches the database.
async fn form_token(multipart: &mut Multipart) -> Option<String> {
    let mut field = multipart.next_field().await.ok()??;
    if field.name() != Some("_csrf") {
        return None;
    }
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.ok()? {
        if buf.len() + chunk.len() > TOKEN_MAX_BYTES {
            return None;
        }
        buf.extend_from_slice(&chunk);
    }
    String::from_utf8(buf).ok()
}

/// Reads what is left of a refused upload, so that the browser, still
/// sending, receives the page that says why rather than a reset connection.
async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}

/// What an upload's refusal says on the merchant's page.
fn refusal(state: &AppState, locale: Locale, e: &ApiError) -> String {
    match e {
        ApiError::PayloadTooLarge => Message::new("adm-ext-import-too-large")
            .arg("mb", state.config.max_import_bytes.div_ceil(1024 * 1024))
            .render(locale),
        _ => e.message().render(locale),
    }
}

/// Imports the chosen CSV into the merchant's catalog, then opens the
/// import's report; a file that could not be read, or is too large, brings
/// the merchant's page back with the reason.
pub async fn upload(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(e) => return error_page(&ctx, e),
    };
    let Ok(mut multipart) = multipart else {
        return error_page(
            &ctx,
            ApiError::BadRequest(Message::new("media-multipart-invalid")),
        );
    };
    let token = form_token(&mut multipart).await;
    let (caller, csrf) = match acting(&state, &ctx, &headers, token.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let result = match multipart.next_field().await {
        Ok(Some(field)) if field.name() == Some("file") => {
            let name = field.file_name().unwrap_or_default().trim().to_owned();
            if name.is_empty() {
                // A file input left empty still sends its part, nameless.
                Err(ApiError::BadRequest(Message::new("adm-ext-import-no-file")))
            } else {
                import::run(&state, &caller, id, &name, Box::pin(field)).await
            }
        }
        Ok(_) => Err(ApiError::BadRequest(Message::new("adm-ext-import-no-file"))),
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::PayloadTooLarge),
        Err(_) => Err(ApiError::BadRequest(Message::new(
            "media-multipart-invalid",
        ))),
    };
    match result {
        Ok(r) => shared::redirect_with_toast(
            &format!("{}/merchants/{id}/imports/{}", ctx.admin_base(), r.id),
            &Message::new("adm-ext-toast-imported")
                .arg("created", i64::from(r.created))
                .arg("updated", i64::from(r.updated))
                .arg("failed", i64::from(r.rows_failed))
                .render(ctx.locale),
        ),
        Err(
            e @ (ApiError::Unprocessable { .. }
            | ApiError::PayloadTooLarge
            | ApiError::BadRequest(_)
            | ApiError::Validation(_)),
        ) => {
            drain(&mut multipart).await;
            let shown = Shown {
                payout: None,
                import_error: Some(refusal(&state, ctx.locale, &e)),
            };
            render_detail(&state, &ctx, &caller, &csrf, id, shown, e.status()).await
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// The catalog CSV's template (its header and two example rows), for those
/// who may import.
pub async fn template(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, .. }: super::Session,
) -> Response {
    if let Err(e) = external::may_import(&state, &caller).await {
        return error_page(&ctx, e);
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"catalog-template.csv\"",
            ),
        ],
        TEMPLATE,
    )
        .into_response()
}

/// One refused row of an import, in the page's language.
pub struct ErrorRow {
    row: i64,
    field: String,
    message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/import_report.html")]
struct ReportPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    merchant_id: String,
    merchant: String,
    file: String,
    when: String,
    status: String,
    failed: bool,
    failure: String,
    rows: i64,
    created: i64,
    updated: i64,
    unchanged: i64,
    deactivated: i64,
    refused: i64,
    errors: Vec<ErrorRow>,
}

pub async fn report(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
    Path((id, import_id)): Path<(String, String)>,
) -> Response {
    let loaded = async {
        let id = parse_id(&id)?;
        let import_id = parse_id(&import_id)?;
        let m = external::merchant(&state, &caller, id).await?;
        let r = external::import_report(&state, &caller, id, import_id).await?;
        Ok::<_, ApiError>((m, r))
    }
    .await;
    let (m, r) = match loaded {
        Ok(v) => v,
        Err(e) => return error_page(&ctx, e),
    };
    let locale = ctx.locale;
    ReportPage {
        c: chrome(&ctx, &csrf),
        base: ctx.admin_base(),
        section: "merchants",
        merchant_id: m.id.to_string(),
        merchant: match locale {
            Locale::Ar => m.name_ar,
            Locale::En => m.name_en,
        },
        file: r.file_name,
        when: shared::when(locale, r.created_at),
        failed: r.status == "failed",
        status: r.status,
        failure: r.failure.unwrap_or_default(),
        rows: i64::from(r.rows_total),
        created: i64::from(r.created),
        updated: i64::from(r.updated),
        unchanged: i64::from(r.unchanged),
        deactivated: i64::from(r.deactivated),
        refused: i64::from(r.rows_failed),
        errors: r
            .errors
            .into_iter()
            .map(|e| ErrorRow {
                row: i64::from(e.row),
                field: e.field,
                message: e.message,
            })
            .collect(),
    }
    .into_response()
}
