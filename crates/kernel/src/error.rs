//! One error type for the whole API. Handlers return it without knowing the
//! request's language; [`render_errors`] turns it into the JSON envelope at the
//! edge, where the language and the request id are known.

use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::json;

use crate::i18n::Message;
use crate::{FieldErrors, Locale};

pub type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {0:?}")]
    BadRequest(Message),
    #[error("unauthenticated")]
    Unauthenticated(Message),
    #[error("forbidden")]
    Forbidden,
    /// A 403 with its own stable code, e.g. `ACCOUNT_SUSPENDED`.
    #[error("denied {code}")]
    Denied {
        code: &'static str,
        message: Message,
    },
    #[error("not found")]
    NotFound,
    #[error("conflict {code}")]
    Conflict {
        code: &'static str,
        message: Message,
    },
    /// A 410 with its own stable code: something that existed and is over for
    /// good, e.g. an expired one-time link.
    #[error("gone {code}")]
    Gone {
        code: &'static str,
        message: Message,
    },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("validation failed")]
    Validation(FieldErrors),
    /// A 422 with its own stable code, e.g. `OTP_INVALID`, optionally naming fields.
    #[error("unprocessable {code}")]
    Unprocessable {
        code: &'static str,
        message: Message,
        fields: FieldErrors,
    },
    #[error("rate limited, retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    #[error("service unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        if database_unreachable(&e) {
            // Not a bug of ours, and it passes: the client is told to retry.
            tracing::warn!(error = %e, "the database is unreachable");
            return ApiError::Unavailable;
        }
        if let sqlx::Error::Database(d) = &e
            && d.code().as_deref() == Some("22021")
        {
            // A NUL (or invalid byte) that slipped past the extractors.
            return ApiError::field("body", Message::new("validation-nul"));
        }
        ApiError::Internal(e.into())
    }
}

/// Whether `e` says the database cannot be reached or is shutting down,
/// rather than that a statement failed.
pub fn database_unreachable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Tls(_) => true,
        // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now.
        sqlx::Error::Database(d) => d
            .code()
            .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
        _ => false,
    }
}

/// Seconds a client waits before trying again when the service is unavailable.
pub const UNAVAILABLE_RETRY_AFTER_SECS: u64 = 5;

impl ApiError {
    pub fn unauthenticated() -> Self {
        ApiError::Unauthenticated(Message::new("error-unauthenticated"))
    }

    pub fn conflict(code: &'static str, key: &'static str) -> Self {
        ApiError::Conflict {
            code,
            message: Message::new(key),
        }
    }

    pub fn gone(code: &'static str, key: &'static str) -> Self {
        ApiError::Gone {
            code,
            message: Message::new(key),
        }
    }

    pub fn field(field: &str, message: Message) -> Self {
        ApiError::Validation(FieldErrors::single(field, message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden | ApiError::Denied { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) | ApiError::Unprocessable { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "BAD_REQUEST",
            ApiError::Unauthenticated(_) => "UNAUTHENTICATED",
            ApiError::Forbidden => "FORBIDDEN",
            ApiError::Denied { code, .. } => code,
            ApiError::NotFound => "NOT_FOUND",
            ApiError::Conflict { code, .. } => code,
            ApiError::Gone { code, .. } => code,
            ApiError::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            ApiError::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            ApiError::Validation(_) => "VALIDATION_FAILED",
            ApiError::Unprocessable { code, .. } => code,
            ApiError::RateLimited { .. } => "RATE_LIMITED",
            ApiError::Unavailable => "SERVICE_UNAVAILABLE",
            ApiError::Internal(_) => "INTERNAL_ERROR",
        }
    }

    pub fn message(&self) -> Message {
        match self {
            ApiError::BadRequest(m) | ApiError::Unauthenticated(m) => m.clone(),
            ApiError::Conflict { message, .. }
            | ApiError::Gone { message, .. }
            | ApiError::Unprocessable { message, .. }
            | ApiError::Denied { message, .. } => message.clone(),
            ApiError::Forbidden => Message::new("error-forbidden"),
            ApiError::NotFound => Message::new("error-not-found"),
            ApiError::PayloadTooLarge => Message::new("error-payload-too-large"),
            ApiError::UnsupportedMediaType => Message::new("error-unsupported-media-type"),
            ApiError::Validation(_) => Message::new("error-validation"),
            ApiError::RateLimited { retry_after_secs } => {
                Message::new("error-rate-limited").arg("seconds", *retry_after_secs)
            }
            ApiError::Unavailable => Message::new("error-unavailable"),
            ApiError::Internal(_) => Message::new("error-internal"),
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            ApiError::Validation(f) => Some(f),
            ApiError::Unprocessable { fields, .. } if !fields.is_empty() => Some(fields),
            _ => None,
        }
    }
}

/// What [`render_errors`] needs to write the body, carried in the response
/// extensions from the handler to the edge.
#[derive(Clone)]
pub struct PendingError {
    pub code: &'static str,
    pub message: Message,
    pub fields: Option<FieldErrors>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            // The cause goes to the log only; the client sees the request id.
            tracing::error!(error = ?e, "internal error");
        }
        let mut res = self.status().into_response();
        if let ApiError::RateLimited { retry_after_secs } = &self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after_secs));
        }
        if let ApiError::Unavailable = &self {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(UNAVAILABLE_RETRY_AFTER_SECS),
            );
        }
        if let ApiError::Unauthenticated(_) = &self {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res.extensions_mut().insert(Arc::new(PendingError {
            code: self.code(),
            message: self.message(),
            fields: self.fields().cloned(),
        }));
        res
    }
}

/// Gives every error response the envelope, in the request's language, with
/// the request id: errors raised by handlers and the bare ones produced by the
/// framework and middleware (unknown route, wrong method, body too large,
/// timeout) alike. HTML error pages of the web surfaces pass through untouched.
pub async fn render_errors(req: Request, next: Next) -> Response {
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_else(|| Locale::from_headers(req.headers()));
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let pending = match res.extensions_mut().remove::<Arc<PendingError>>() {
        Some(p) => (*p).clone(),
        None => {
            let already_has_body = res.headers().contains_key(header::CONTENT_TYPE)
                && !res
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
            if already_has_body {
                return res;
            }
            bare_status_error(status)
        }
    };
    let mut error = json!({
        "code": pending.code,
        "message": pending.message.render(locale),
        "requestId": request_id,
    });
    if let Some(fields) = &pending.fields {
        let map: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|(k, msgs)| {
                let rendered: Vec<String> = msgs.iter().map(|m| m.render(locale)).collect();
                (k.clone(), json!(rendered))
            })
            .collect();
        error["fields"] = serde_json::Value::Object(map);
    }
    let body = serde_json::to_vec(&json!({"success": false, "error": error}))
        .unwrap_or_else(|_| b"{\"success\":false}".to_vec());
    let (mut parts, _) = res.into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.code()),
    );
    Response::from_parts(parts, axum::body::Body::from(body))
}

fn bare_status_error(status: StatusCode) -> PendingError {
    let (code, key) = match status {
        StatusCode::BAD_REQUEST => ("BAD_REQUEST", "error-bad-request"),
        StatusCode::UNAUTHORIZED => ("UNAUTHENTICATED", "error-unauthenticated"),
        StatusCode::FORBIDDEN => ("FORBIDDEN", "error-forbidden"),
        StatusCode::NOT_FOUND => ("NOT_FOUND", "error-not-found"),
        StatusCode::METHOD_NOT_ALLOWED => ("METHOD_NOT_ALLOWED", "error-method-not-allowed"),
        StatusCode::REQUEST_TIMEOUT => ("TIMEOUT", "error-timeout"),
        StatusCode::PAYLOAD_TOO_LARGE => ("PAYLOAD_TOO_LARGE", "error-payload-too-large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("UNSUPPORTED_MEDIA_TYPE", "error-unsupported-media-type")
        }
        StatusCode::UNPROCESSABLE_ENTITY => ("VALIDATION_FAILED", "error-validation"),
        StatusCode::TOO_MANY_REQUESTS => ("RATE_LIMITED", "error-rate-limited-plain"),
        StatusCode::SERVICE_UNAVAILABLE => ("SERVICE_UNAVAILABLE", "error-unavailable"),
        s if s.is_client_error() => ("BAD_REQUEST", "error-bad-request"),
        _ => ("INTERNAL_ERROR", "error-internal"),
    };
    PendingError {
        code,
        message: Message::new(key),
        fields: None,
    }
}
