//! The applicant's routes: public, the draft opened by `X-Draft-Token`.

use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use bytes::{Bytes, BytesMut};
use http::{HeaderMap, StatusCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::extract::ValidJson;
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, ApiOk, ApiResult, FieldErrors};

use crate::AppState;
use crate::auth::ClientInfo;
use crate::registrations::model::{
    DocumentKind, LinkToken, NewRegistration, Registration, RegistrationDocument,
    RegistrationDraft, RegistrationStep,
};
use crate::registrations::service::applicant;

/// The header carrying the draft token.
pub const DRAFT_HEADER: &str = "x-draft-token";
/// Longest `kind` part read.
const KIND_MAX_BYTES: usize = 64;

pub fn router() -> OpenApiRouter<AppState> {
    // The upload lifts the JSON body cap for itself and enforces
    // `max_upload_bytes` on the file as it streams in, as `POST /media` does.
    let (schemas, paths, upload) = routes!(upload_document);
    OpenApiRouter::new()
        .routes(routes!(create_registration))
        .routes(routes!(get_registration, update_registration))
        .routes((schemas, paths, upload.layer(DefaultBodyLimit::disable())))
        .routes(routes!(submit_registration))
        .routes(routes!(confirm_registration))
        .routes(routes!(resume_registration))
}

/// A missing token opens nothing: 404 like a wrong one.
fn token(headers: &HeaderMap) -> ApiResult<String> {
    headers
        .get(DRAFT_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 128)
        .map(str::to_owned)
        .ok_or(ApiError::NotFound)
}

/// Opens a registration request with its first step (kind, name, phone,
/// e-mail). The answer's `draftToken` opens it from then on (`X-Draft-Token`).
#[utoipa::path(post, path = "/registrations", tag = "registrations",
    request_body = NewRegistration,
    responses(
        (status = 201, body = Envelope<RegistrationDraft>),
        (status = 422, description = "Every failing field, in the request's language; a filled `website` (the honeypot)", body = ErrorEnvelope),
        (status = 429, description = "More than `REGISTRATIONS_PER_IP_PER_HOUR` drafts from the address; see Retry-After", body = ErrorEnvelope),
    ))]
async fn create_registration(
    State(state): State<AppState>,
    client: ClientInfo,
    ValidJson(body): ValidJson<NewRegistration>,
) -> ApiResult<ApiOk<RegistrationDraft>> {
    Ok(ApiOk::created(
        applicant::create(&state, &client, &body).await?,
    ))
}

/// The request the draft token opens, with what it still lacks.
#[utoipa::path(get, path = "/registrations/{id}", tag = "registrations",
    params(("id" = String, Path), ("X-Draft-Token" = String, Header, description = "The draft's token")),
    responses(
        (status = 200, body = Envelope<Registration>),
        (status = 404, description = "Unknown id, or a token that does not open it", body = ErrorEnvelope),
    ))]
async fn get_registration(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Registration>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        applicant::get(&state, Some(id), &token(&headers)?).await?,
    ))
}

/// Saves one step (`account`, `business` for suppliers, `vehicle` for
/// representatives), all its fields required; while a draft or rejected.
#[utoipa::path(patch, path = "/registrations/{id}", tag = "registrations",
    params(("id" = String, Path), ("X-Draft-Token" = String, Header, description = "The draft's token")),
    request_body = RegistrationStep,
    responses(
        (status = 200, body = Envelope<Registration>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REGISTRATION_LOCKED: submitted, in review or approved", body = ErrorEnvelope),
        (status = 422, description = "Every failing field; a step of the other kind on `step`", body = ErrorEnvelope),
    ))]
async fn update_registration(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    ValidJson(body): ValidJson<RegistrationStep>,
) -> ApiResult<ApiOk<Registration>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        applicant::update(&state, Some(id), &token(&headers)?, &body).await?,
    ))
}

/// The multipart body of a document upload (documentation shape).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct RegistrationUploadForm {
    /// PDF, JPEG or PNG, judged from the bytes, at most `MAX_UPLOAD_BYTES`.
    #[schema(content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
    pub kind: DocumentKind,
}

fn multipart_error(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::BadRequest(Message::new("media-multipart-invalid"))
    }
}

/// Uploads a document of the request (`multipart/form-data`: `file` and
/// `kind`), replacing its earlier one of that kind. Suppliers:
/// `commercial_registration` and `vat_certificate` (required), `other`;
/// representatives: `national_id` and `driving_license` (required),
/// `vehicle_registration`, `other`.
#[utoipa::path(post, path = "/registrations/{id}/documents", tag = "registrations",
    params(("id" = String, Path), ("X-Draft-Token" = String, Header, description = "The draft's token")),
    request_body(content = RegistrationUploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = Envelope<RegistrationDocument>),
        (status = 400, description = "Not a well-formed multipart body", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REGISTRATION_LOCKED", body = ErrorEnvelope),
        (status = 413, description = "The file is over `MAX_UPLOAD_BYTES`", body = ErrorEnvelope),
        (status = 415, description = "Not a PDF, JPEG or PNG", body = ErrorEnvelope),
        (status = 422, description = "A missing or unknown part, a kind the request does not take, an empty or unreadable file", body = ErrorEnvelope),
        (status = 429, description = "Too many uploads from the address; see Retry-After", body = ErrorEnvelope),
    ))]
async fn upload_document(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<ApiOk<RegistrationDocument>> {
    let id = parse_id(&id)?;
    let token = token(&headers)?;
    let mut multipart =
        multipart.map_err(|_| ApiError::BadRequest(Message::new("media-multipart-invalid")))?;
    let limit = state.config.max_upload_bytes;
    let mut file: Option<(Option<String>, Bytes)> = None;
    let mut kind: Option<String> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" if file.is_none() => {
                let file_name = field.file_name().map(str::to_owned);
                let mut buf = BytesMut::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if buf.len() + chunk.len() > limit {
                        return Err(ApiError::PayloadTooLarge);
                    }
                    buf.extend_from_slice(&chunk);
                }
                file = Some((file_name, buf.freeze()));
            }
            "kind" if kind.is_none() => {
                let mut buf = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    buf.extend_from_slice(&chunk);
                    if buf.len() > KIND_MAX_BYTES {
                        break;
                    }
                }
                kind = Some(String::from_utf8_lossy(&buf).trim().to_owned());
            }
            "file" | "kind" => {
                return Err(ApiError::field(&name, Message::new("media-part-repeated")));
            }
            _ => {
                return Err(ApiError::field(
                    if name.is_empty() { "body" } else { &name },
                    Message::new("validation-unknown-field"),
                ));
            }
        }
    }
    let mut e = FieldErrors::new();
    let kind = match kind.as_deref() {
        None | Some("") => {
            e.add("kind", Message::new("validation-required"));
            None
        }
        Some(raw) => {
            let parsed = DocumentKind::parse(raw);
            if parsed.is_none() {
                let all: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
                e.add(
                    "kind",
                    Message::new("validation-one-of").arg("allowed", all.join(", ")),
                );
            }
            parsed
        }
    };
    if file.is_none() {
        e.add("file", Message::new("validation-required"));
    }
    e.into_result()?;
    let (Some(kind), Some((file_name, bytes))) = (kind, file) else {
        unreachable!("both checked above");
    };
    let doc = applicant::upload(
        &state,
        &client,
        Some(id),
        &token,
        kind,
        file_name.as_deref(),
        bytes,
    )
    .await?;
    Ok(ApiOk::created(doc))
}

/// Submits the request and e-mails the applicant a confirmation link
/// (`/register/confirm?token=…`); only confirmed requests reach the admins.
/// A rejected request sent again to the address already confirmed goes
/// straight back to the queue.
#[utoipa::path(post, path = "/registrations/{id}/submit", tag = "registrations",
    params(("id" = String, Path), ("X-Draft-Token" = String, Header, description = "The draft's token")),
    responses(
        (status = 200, body = Envelope<Registration>),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "REGISTRATION_LOCKED: submitted already, in review or approved", body = ErrorEnvelope),
        (status = 422, description = "REGISTRATION_INCOMPLETE, naming every missing field and document (`documents.national_id`)", body = ErrorEnvelope),
        (status = 429, description = "Too many submissions from the address; see Retry-After", body = ErrorEnvelope),
    ))]
async fn submit_registration(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<ApiOk<Registration>> {
    let id = parse_id(&id)?;
    Ok(ApiOk::new(
        applicant::submit(&state, &client, Some(id), &token(&headers)?).await?,
    ))
}

/// Uses the e-mailed confirmation link's token: the request goes to the
/// admins' queue. A link works once.
#[utoipa::path(post, path = "/registrations/confirm", tag = "registrations",
    request_body = LinkToken,
    responses(
        (status = 200, body = Envelope<Registration>),
        (status = 404, description = "Not a token of ours", body = ErrorEnvelope),
        (status = 409, description = "CONFIRM_LINK_USED: used already, or replaced by a newer link", body = ErrorEnvelope),
        (status = 410, description = "CONFIRM_LINK_EXPIRED (`REGISTRATION_CONFIRM_TTL_MINUTES`)", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn confirm_registration(
    State(state): State<AppState>,
    ValidJson(body): ValidJson<LinkToken>,
) -> ApiResult<ApiOk<Registration>> {
    Ok(ApiOk::new(
        applicant::confirm(&state, &body.token, true).await?,
    ))
}

/// Uses the resume link of a rejected request: the request with the
/// rejection's reason and history, and a new `draftToken` to edit and
/// submit it again (the earlier draft token stops working).
#[utoipa::path(post, path = "/registrations/resume", tag = "registrations",
    request_body = LinkToken,
    responses(
        (status = 200, body = Envelope<RegistrationDraft>),
        (status = 404, description = "Not a token of ours", body = ErrorEnvelope),
        (status = 409, description = "RESUME_LINK_USED: the request was sent again or decided", body = ErrorEnvelope),
        (status = 410, description = "RESUME_LINK_EXPIRED", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope),
    ))]
async fn resume_registration(
    State(state): State<AppState>,
    ValidJson(body): ValidJson<LinkToken>,
) -> ApiResult<ApiOk<RegistrationDraft>> {
    Ok(ApiOk::new(applicant::resume(&state, &body.token).await?))
}
