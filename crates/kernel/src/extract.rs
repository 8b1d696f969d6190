//! Request extractors that answer in the API's own error shapes: malformed
//! JSON is 400, a wrong or unknown field is 422 naming the field.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::i18n::Message;
use crate::validation::Validate;
use crate::{ApiError, FieldErrors, Locale};

/// A JSON body parsed into `T` and checked by its [`Validate`] rules.
pub struct ValidJson<T>(pub T);

impl<S, T> FromRequest<S> for ValidJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                let mime = ct.split(';').next().unwrap_or("").trim();
                mime.eq_ignore_ascii_case("application/json")
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::BadRequest(Message::new(
                "error-content-type-json",
            )));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest(Message::new("error-bad-request"))
            }
        })?;
        Ok(ValidJson(crate::body::parse_valid::<T>(&bytes)?))
    }
}

/// Deserializes naming every failing field (see [`crate::body`]).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    crate::body::parse(bytes)
}

fn data_error_fields(path: &str, text: &str) -> FieldErrors {
    let quoted = text.split('`').nth(1).map(str::to_owned);
    let join = |name: &str| {
        if path.is_empty() || path == "." {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    let (field, message) = if text.starts_with("unknown field") {
        // The path already ends at the unknown key.
        let name = quoted.as_deref().unwrap_or("?");
        let f = if path.rsplit('.').next() == Some(name) {
            path.to_owned()
        } else {
            join(name)
        };
        (f, Message::new("validation-unknown-field"))
    } else if text.starts_with("missing field") {
        let f = join(quoted.as_deref().unwrap_or("?"));
        (f, Message::new("validation-required"))
    } else if text.starts_with("unknown variant") {
        (
            path.to_owned(),
            Message::new("validation-one-of").arg("allowed", allowed_list(text)),
        )
    } else {
        (path.to_owned(), Message::new("validation-type"))
    };
    let field = if field.is_empty() || field == "." {
        "body".to_owned()
    } else {
        field
    };
    FieldErrors::single(field, message)
}

/// NUL in a query parameter (`?make=%00`) is named, never passed on.
pub fn refuse_nul(query: &str) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k.contains('\0') || v.contains('\0') {
            errors.add(k.replace('\0', "\u{FFFD}"), Message::new("validation-nul"));
        }
    }
    errors.into_result()
}

fn allowed_list(text: &str) -> String {
    let Some((_, expected)) = text.split_once("expected ") else {
        return String::new();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Query string parsed into `T` (with the same field-named 422s) and validated.
pub struct ValidQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ValidQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        refuse_nul(query)?;
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        let value: T = serde_path_to_error::deserialize(de).map_err(|err| {
            let path = err.path().to_string();
            let text = err.into_inner().to_string();
            let text = text.split(" at line ").next().unwrap_or_default();
            ApiError::Validation(data_error_fields(&path, text))
        })?;
        value.validate()?;
        Ok(ValidQuery(value))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Locale>()
            .copied()
            .unwrap_or_else(|| Locale::from_headers(&parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        phone: String,
    }

    #[test]
    fn unknown_and_missing_fields_are_named() {
        match parse_json::<Body>(br#"{"phone":"1","admin":true}"#) {
            Err(ApiError::Validation(f)) => assert!(f.contains("admin"), "{f:?}"),
            other => panic!("{other:?}"),
        }
        match parse_json::<Body>(br#"{}"#) {
            Err(ApiError::Validation(f)) => assert!(f.contains("phone"), "{f:?}"),
            other => panic!("{other:?}"),
        }
        match parse_json::<Body>(br#"{"phone":1}"#) {
            Err(ApiError::Validation(f)) => assert!(f.contains("phone"), "{f:?}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_json::<Body>(br#"{"phone":"#),
            Err(ApiError::BadRequest(_))
        ));
    }
}
