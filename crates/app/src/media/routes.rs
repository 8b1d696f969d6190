use axum::body::Body;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use http::{HeaderMap, HeaderValue, StatusCode, header};
use utoipa_axum::{router::OpenApiRouter, routes};

use kernel::envelope::schema::{Envelope, ErrorEnvelope};
use kernel::i18n::Message;
use kernel::ids::parse_id;
use kernel::{ApiError, ApiOk, ApiResult, FieldErrors};

use super::model::{MediaView, Purpose, UploadForm};
use super::service::{self, Variant};
use crate::AppState;
use crate::auth::Caller;

/// Longest `purpose` part read.
const PURPOSE_MAX_BYTES: usize = 64;

pub fn router() -> OpenApiRouter<AppState> {
    // Uploads lift the JSON body cap for themselves; the handler enforces
    // `max_upload_bytes` on the file as it streams in, and the outer
    // `RequestBodyLimitLayer` (sized from the same setting) caps the request.
    let (schemas, paths, upload_route) = routes!(upload_media);
    OpenApiRouter::new()
        .routes((
            schemas,
            paths,
            upload_route.layer(DefaultBodyLimit::disable()),
        ))
        .routes(routes!(media_file))
        .routes(routes!(media_thumbnail))
}

fn multipart_error(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge
    } else {
        ApiError::BadRequest(Message::new("media-multipart-invalid"))
    }
}

/// Uploads a file (`multipart/form-data`: a `file` part and a `purpose` part).
///
/// The type is read from the bytes (the file name and the
/// part's content type are ignored): JPEG, PNG and WebP for every purpose, PDF
/// also for `COMPANY_DOCUMENT` and `CHAT_ATTACHMENT`. Images are re-encoded in
/// their own format without metadata, scaled down to 2000 px and given a
/// thumbnail; PDFs are stored as sent.
#[utoipa::path(post, path = "/media", tag = "media", security(("bearer" = [])),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = Envelope<MediaView>),
        (status = 400, description = "not a well-formed multipart body", body = ErrorEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 413, description = "the file is over `MAX_UPLOAD_BYTES`", body = ErrorEnvelope),
        (status = 415, description = "a type not accepted for the purpose", body = ErrorEnvelope),
        (status = 422, description = "a missing, repeated or unknown part; `IMAGE_TOO_LARGE` (over 40 megapixels); `IMAGE_UNREADABLE`", body = ErrorEnvelope),
        (status = 429, description = "more than `media.uploads_per_hour` uploads by the caller within an hour; see `Retry-After`", body = ErrorEnvelope),
    ))]
async fn upload_media(
    State(state): State<AppState>,
    caller: Caller,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<ApiOk<MediaView>> {
    let mut multipart =
        multipart.map_err(|_| ApiError::BadRequest(Message::new("media-multipart-invalid")))?;
    let limit = state.config.max_upload_bytes;
    let mut file: Option<(Option<String>, Bytes)> = None;
    let mut purpose: Option<String> = None;
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
            "purpose" if purpose.is_none() => {
                let mut buf = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    buf.extend_from_slice(&chunk);
                    if buf.len() > PURPOSE_MAX_BYTES {
                        break;
                    }
                }
                purpose = Some(String::from_utf8_lossy(&buf).trim().to_owned());
            }
            "file" | "purpose" => {
                return Err(ApiError::field(&name, Message::new("media-part-repeated")));
            }
            "" => {
                return Err(ApiError::BadRequest(Message::new(
                    "media-multipart-invalid",
                )));
            }
            _ => {
                return Err(ApiError::field(
                    &name,
                    Message::new("validation-unknown-field"),
                ));
            }
        }
    }
    let mut e = FieldErrors::new();
    let purpose = match purpose.as_deref() {
        None | Some("") => {
            e.add("purpose", Message::new("validation-required"));
            None
        }
        Some(raw) => {
            let parsed = Purpose::parse(raw);
            if parsed.is_none() {
                e.add(
                    "purpose",
                    Message::new("validation-one-of").arg("allowed", Purpose::allowed_list()),
                );
            }
            parsed
        }
    };
    if file.is_none() {
        e.add("file", Message::new("validation-required"));
    }
    e.into_result()?;
    let (Some(purpose), Some((file_name, bytes))) = (purpose, file) else {
        unreachable!("both checked above");
    };
    let stored =
        service::store_upload(&state, &caller, purpose, file_name.as_deref(), bytes).await?;
    Ok(ApiOk::created(MediaView::from(&stored)))
}

/// The bytes of a file, with its stored content type.
///
/// Product images and avatars are public; documents and chat attachments are served only to
/// their owner and to admins (404 to anyone else).
#[utoipa::path(get, path = "/media/{id}", tag = "media", security((), ("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "the file", content(
            ("image/jpeg"), ("image/png"), ("image/webp"), ("application/pdf")
        )),
        (status = 304, description = "unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 401, description = "a token was sent and is not valid, for a non-public file", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn media_file(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    serve(&state, caller, &headers, &id, Variant::Original).await
}

/// The JPEG thumbnail of an image (at most 320 px on a side).
///
/// Same access rules as the file; 404 for PDFs.
#[utoipa::path(get, path = "/media/{id}/thumb", tag = "media", security((), ("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "the thumbnail", content(("image/jpeg"))),
        (status = 304, description = "unchanged since the `ETag` sent in `If-None-Match`"),
        (status = 401, description = "a token was sent and is not valid, for a non-public file", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
    ))]
async fn media_thumbnail(
    State(state): State<AppState>,
    caller: Result<Caller, ApiError>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    serve(&state, caller, &headers, &id, Variant::Thumb).await
}

async fn serve(
    state: &AppState,
    caller: Result<Caller, ApiError>,
    headers: &HeaderMap,
    id: &str,
    variant: Variant,
) -> ApiResult<Response> {
    let id = parse_id(id)?;
    // No credentials is an anonymous reader; credentials that fail are an
    // error (so clients refresh their token) unless the file is public.
    let (signed_in, rejected) = match caller {
        Ok(c) => (Some(c), None),
        Err(e) if headers.contains_key(header::AUTHORIZATION) => (None, Some(e)),
        Err(_) => (None, None),
    };
    let reader = match rejected {
        Some(e) => Err(e),
        None => Ok(signed_in.as_ref()),
    };
    let file = service::readable(state, reader, id).await?;
    let etag = match variant {
        Variant::Original => format!("\"{}\"", file.sha256),
        Variant::Thumb => format!("\"{}-thumb\"", file.sha256),
    };
    let cache = if file.purpose.is_public() {
        "public, max-age=86400"
    } else {
        "private, no-cache"
    };
    let builder = Response::builder()
        .header(header::CACHE_CONTROL, cache)
        .header(header::ETAG, &etag)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if unchanged && (variant == Variant::Original || file.thumb_key.is_some()) {
        return Ok(builder
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .map_err(anyhow::Error::from)?);
    }
    let (bytes, content_type) = service::content(state, &file, variant).await?;
    let mut builder = builder.header(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type).map_err(anyhow::Error::from)?,
    );
    if !content_type.starts_with("image/") {
        // A document (a PDF) is downloaded, never rendered in our origin:
        // whatever it carries cannot script the product's pages.
        builder = builder
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.pdf\"", file.id),
            )
            .header(
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'",
            );
    }
    Ok(builder
        .body(Body::from(bytes))
        .map_err(anyhow::Error::from)?)
}
