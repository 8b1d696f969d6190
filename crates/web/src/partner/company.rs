//! The supplier's company: registration with documents, its review status
//! and rejection reason, and a new submission after a rejection.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, StatusCode};
use uuid::Uuid;

use app::AppState;
use app::auth::Caller;
use app::media::model::Purpose;
use app::media::service as media;
use app::stores::model::{
    Company, CompanyPatch, CompanyStatus, DocumentKind, NewCompany, NewDocument,
};
use app::stores::service::companies;
use kernel::{ApiError, FieldErrors};

use super::{acting, chrome, error_page};
use crate::chrome::{Chrome, WebCtx};
use crate::forms::{Errors, Fields, read_multipart, validated};
use crate::signin;

/// File inputs of the form and the kind of document each one is.
const UPLOADS: [(&str, DocumentKind); 3] = [
    ("crDocument", DocumentKind::CommercialRegistration),
    ("vatDocument", DocumentKind::VatCertificate),
    ("otherDocument", DocumentKind::Other),
];

#[derive(Default)]
pub struct Draft {
    legal_name_ar: String,
    legal_name_en: String,
    cr_number: String,
    vat_number: String,
    city: String,
    address: String,
    /// Documents uploaded with an earlier, refused submission: `kind:id`.
    uploaded: Vec<String>,
}

impl Draft {
    fn of(co: &Company) -> Draft {
        Draft {
            legal_name_ar: co.legal_name_ar.clone(),
            legal_name_en: co.legal_name_en.clone(),
            cr_number: co.cr_number.clone(),
            vat_number: co.vat_number.clone(),
            city: co.city.clone(),
            address: co.address.clone(),
            uploaded: Vec::new(),
        }
    }

    fn from_fields(f: &Fields) -> Draft {
        Draft {
            legal_name_ar: f.get("legalNameAr"),
            legal_name_en: f.get("legalNameEn"),
            cr_number: f.get("crNumber"),
            vat_number: f.get("vatNumber"),
            city: f.get("city"),
            address: f.get("address"),
            uploaded: f.all("uploaded"),
        }
    }

    fn uploaded_documents(&self) -> Vec<NewDocument> {
        self.uploaded
            .iter()
            .filter_map(|u| {
                let (kind, id) = u.split_once(':')?;
                Some(NewDocument {
                    media_id: Uuid::parse_str(id).ok()?,
                    kind: DocumentKind::from_db(kind),
                })
            })
            .collect()
    }
}

pub struct Document {
    media_id: String,
    kind: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "partner/company.html")]
struct CompanyPage {
    c: Chrome,
    base: &'static str,
    section: &'static str,
    /// `None` before the registration.
    status: Option<&'static str>,
    reason: Option<String>,
    documents: Vec<Document>,
    show_form: bool,
    form: Draft,
    errors: Errors,
}

fn render(
    ctx: &WebCtx,
    csrf: &str,
    company: Option<&Company>,
    form: Option<Draft>,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let show_form = company.is_none_or(|co| co.status == CompanyStatus::Rejected);
    let page = CompanyPage {
        c: chrome(ctx, csrf),
        base: ctx.partner_base(),
        section: "company",
        status: company.map(|co| co.status.as_str()),
        reason: company.and_then(|co| co.rejection_reason.clone()),
        documents: company
            .map(|co| {
                co.documents
                    .iter()
                    .map(|d| Document {
                        media_id: d.media_id.to_string(),
                        kind: d.kind.as_str(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        show_form,
        form: form.unwrap_or_else(|| company.map(Draft::of).unwrap_or_default()),
        errors,
    };
    (status, page).into_response()
}

/// The caller's company; `None` before the registration.
async fn mine(state: &AppState, caller: &Caller) -> Result<Option<Company>, ApiError> {
    match companies::mine(state, caller).await {
        Ok(co) => Ok(Some(co)),
        Err(ApiError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: WebCtx,
    signin::Signed { caller, csrf, .. }: super::Session,
) -> Response {
    match mine(&state, &caller).await {
        Ok(co) => render(
            &ctx,
            &csrf,
            co.as_ref(),
            None,
            Errors::none(),
            StatusCode::OK,
        ),
        Err(e) => error_page(&ctx, e),
    }
}

/// Registers the company, or sends a rejected one for review again.
pub async fn save(
    State(state): State<AppState>,
    ctx: WebCtx,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let form = match read_multipart(multipart, state.config.max_upload_bytes).await {
        Ok(f) => f,
        Err(e) => return error_page(&ctx, e),
    };
    let token = form.fields.get("_csrf");
    let (caller, csrf) = match acting(&state, &ctx, &headers, Some(&token)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let existing = match mine(&state, &caller).await {
        Ok(co) => co,
        Err(e) => return error_page(&ctx, e),
    };
    let mut draft = Draft::from_fields(&form.fields);
    let mut body = NewCompany {
        legal_name_ar: draft.legal_name_ar.clone(),
        legal_name_en: draft.legal_name_en.clone(),
        cr_number: draft.cr_number.clone(),
        vat_number: draft.vat_number.clone(),
        city: draft.city.clone(),
        address: draft.address.clone(),
        document_ids: None,
        documents: None,
    };
    let result = async {
        validated(&body, FieldErrors::new())?;
        // Files are stored only once the fields are right.
        for upload in &form.files {
            let Some((_, kind)) = UPLOADS.iter().find(|(f, _)| *f == upload.field) else {
                continue;
            };
            let file = media::store_upload(
                &state,
                &caller,
                Purpose::CompanyDocument,
                upload.file_name.as_deref(),
                upload.bytes.clone(),
            )
            .await
            .map_err(|e| as_field(e, "documents"))?;
            draft
                .uploaded
                .push(format!("{}:{}", kind.as_str(), file.id));
        }
        let new_docs = draft.uploaded_documents();
        match &existing {
            None => {
                body.documents = Some(new_docs);
                companies::create(&state, &caller, &body).await
            }
            Some(co) => {
                let documents = (!new_docs.is_empty()).then(|| {
                    let mut all: Vec<NewDocument> = co
                        .documents
                        .iter()
                        .map(|d| NewDocument {
                            media_id: d.media_id,
                            kind: d.kind,
                        })
                        .collect();
                    all.extend(new_docs);
                    all
                });
                let patch = CompanyPatch {
                    legal_name_ar: Some(body.legal_name_ar.clone()),
                    legal_name_en: Some(body.legal_name_en.clone()),
                    cr_number: Some(body.cr_number.clone()),
                    vat_number: Some(body.vat_number.clone()),
                    city: Some(body.city.clone()),
                    address: Some(body.address.clone()),
                    document_ids: None,
                    documents,
                };
                companies::update(&state, &caller, &patch).await
            }
        }
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("{}/company", ctx.partner_base())).into_response(),
        Err(
            e @ (ApiError::Validation(_)
            | ApiError::Conflict { .. }
            | ApiError::Unprocessable { .. }),
        ) => {
            let errors = Errors::from_api(&e, ctx.locale);
            render(
                &ctx,
                &csrf,
                existing.as_ref(),
                Some(draft),
                errors,
                e.status(),
            )
        }
        Err(e) => error_page(&ctx, e),
    }
}

/// An upload refused for its type or size, shown next to the file inputs.
pub fn as_field(e: ApiError, field: &str) -> ApiError {
    match e {
        ApiError::UnsupportedMediaType | ApiError::PayloadTooLarge => {
            ApiError::field(field, e.message())
        }
        ApiError::Unprocessable { message, .. } => ApiError::field(field, message),
        other => other,
    }
}
