//! Reading forms (url-encoded and multipart, with repeated fields), showing
//! the services' field errors next to the fields, and money in SAR.

use std::collections::BTreeMap;

use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use bytes::{Bytes, BytesMut};

use kernel::i18n::Message;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

/// Longest text field read from a multipart form.
const TEXT_MAX_BYTES: usize = 64 * 1024;

/// A form's fields in order, repeated names kept (checkboxes, rows).
#[derive(Debug, Default)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    }

    /// Every value of `name`, in order, trimmed.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }
}

pub struct Upload {
    pub field: String,
    pub file_name: Option<String>,
    pub bytes: Bytes,
}

/// A multipart form: its text fields and its (non-empty) files.
#[derive(Default)]
pub struct MultipartForm {
    pub fields: Fields,
    pub files: Vec<Upload>,
}

/// Reads the whole form; files over `max_file` bytes are refused (413).
pub async fn read_multipart(
    multipart: Result<Multipart, MultipartRejection>,
    max_file: usize,
) -> Result<MultipartForm, ApiError> {
    let bad = || ApiError::BadRequest(Message::new("media-multipart-invalid"));
    let mut multipart = multipart.map_err(|_| bad())?;
    let mut form = MultipartForm::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::PayloadTooLarge);
            }
            Err(_) => return Err(bad()),
        };
        let mut field = field;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let limit = if file_name.is_some() {
            max_file
        } else {
            TEXT_MAX_BYTES
        };
        let mut buf = BytesMut::new();
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    if buf.len() + chunk.len() > limit {
                        return Err(ApiError::PayloadTooLarge);
                    }
                    buf.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE => {
                    return Err(ApiError::PayloadTooLarge);
                }
                Err(_) => return Err(bad()),
            }
        }
        match file_name {
            // A file input left empty still sends a part with no name and no bytes.
            Some(n) if n.is_empty() && buf.is_empty() => {}
            Some(n) => form.files.push(Upload {
                field: name,
                file_name: Some(n),
                bytes: buf.freeze(),
            }),
            None => form
                .fields
                .0
                .push((name, String::from_utf8_lossy(&buf).into_owned())),
        }
    }
    Ok(form)
}

/// Field errors rendered in the page's language, keyed by the API's field
/// names (`nameAr`, `fitment[0].yearTo`, ...).
#[derive(Debug, Default)]
pub struct Errors {
    /// A message for the whole form (a conflict, or "some fields are not valid").
    pub form: Option<String>,
    fields: BTreeMap<String, Vec<String>>,
}

impl Errors {
    pub fn none() -> Errors {
        Errors::default()
    }

    pub fn merge(&mut self, fields: &FieldErrors, locale: Locale) {
        for (field, messages) in fields.iter() {
            let entry = self.fields.entry(field.clone()).or_default();
            entry.extend(messages.iter().map(|m| m.render(locale)));
        }
        if !fields.is_empty() && self.form.is_none() {
            self.form = Some(Message::new("error-validation").render(locale));
        }
    }

    /// What a service's refusal means for a form: field errors next to the
    /// fields, anything else as the form's message.
    pub fn from_api(e: &ApiError, locale: Locale) -> Errors {
        let mut out = Errors::none();
        match e {
            ApiError::Validation(f) => out.merge(f, locale),
            ApiError::Unprocessable { fields, .. } => out.merge(fields, locale),
            _ => {}
        }
        out.form = Some(e.message().render(locale));
        out
    }

    pub fn is_empty(&self) -> bool {
        self.form.is_none() && self.fields.is_empty()
    }

    /// The messages of `field` itself, not of its parts.
    pub fn only(&self, field: &str) -> String {
        self.fields
            .get(field)
            .map(|v| v.join(" "))
            .unwrap_or_default()
    }

    /// The messages of `field` and of its parts (`field[0]`, `field.sat`), joined.
    pub fn of(&self, field: &str) -> String {
        let mut out: Vec<&str> = Vec::new();
        for (k, v) in &self.fields {
            let under = k == field
                || k.strip_prefix(field)
                    .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'));
            if under {
                out.extend(v.iter().map(String::as_str));
            }
        }
        out.join(" ")
    }
}

/// The body's own rules (as the API's extractor applies them) on top of
/// what reading the form already refused; a field refused while reading
/// keeps that one reason.
pub fn validated<T: Validate>(body: &T, shape: FieldErrors) -> Result<(), ApiError> {
    let mut e = shape;
    match body.validate() {
        Ok(()) => {}
        Err(ApiError::Validation(f)) => {
            let extra: Vec<(String, Vec<Message>)> = f
                .iter()
                .filter(|(k, _)| !e.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (field, messages) in extra {
                for m in messages {
                    e.add(field.clone(), m);
                }
            }
        }
        Err(other) => return Err(other),
    }
    e.into_result()
}

/// A price typed in SAR (`45`, `45.5`, `45.50`, Arabic-Indic digits and the
/// Arabic decimal separator too) in halalas; `None` when it is not one.
pub fn parse_sar(raw: &str) -> Option<i64> {
    let mut whole = String::new();
    let mut frac = String::new();
    let mut seen_point = false;
    for ch in raw.trim().chars() {
        match ch {
            '.' | '٫' if !seen_point => seen_point = true,
            ',' | '٬' if !seen_point => {}
            _ => {
                let d = kernel::phone::ascii_digit(ch)?;
                if seen_point {
                    frac.push(d);
                } else {
                    whole.push(d);
                }
            }
        }
    }
    if whole.is_empty() || frac.len() > 2 || (seen_point && frac.is_empty()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(cents)
}

/// A whole number typed in any digits; `None` when it is not one.
pub fn parse_int<T: std::str::FromStr>(raw: &str) -> Option<T> {
    let mut out = String::new();
    for (i, ch) in raw.trim().chars().enumerate() {
        if i == 0 && ch == '-' {
            out.push('-');
        } else {
            out.push(kernel::phone::ascii_digit(ch)?);
        }
    }
    out.parse().ok()
}

/// A decimal number (coordinates) typed in any digits.
pub fn parse_decimal(raw: &str) -> Option<f64> {
    let mut out = String::new();
    for ch in raw.trim().chars() {
        match ch {
            '-' | '.' => out.push(ch),
            '٫' => out.push('.'),
            _ => out.push(kernel::phone::ascii_digit(ch)?),
        }
    }
    out.parse().ok().filter(|v: &f64| v.is_finite())
}

pub fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// htmx sends a prompt's answer URI-encoded when it is not plain ASCII.
pub fn percent_decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The answer to an `hx-prompt`, decoded.
pub fn prompt(headers: &http::HeaderMap) -> String {
    headers
        .get("hx-prompt")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default()
}

/// Stores a form's photos of `field` as request photos (a parts request,
/// an offer, a repair request), at most `max`; every refusal is the
/// `photoIds` field's, as the API names it.
pub async fn request_photos(
    state: &app::AppState,
    caller: &app::auth::Caller,
    files: &[Upload],
    field: &str,
    max: usize,
) -> Result<Vec<uuid::Uuid>, ApiError> {
    let photos: Vec<&Upload> = files
        .iter()
        .filter(|u| u.field == field && !u.bytes.is_empty())
        .collect();
    if photos.len() > max {
        return Err(ApiError::Validation(FieldErrors::single(
            "photoIds",
            Message::new("requests-too-many-photos").arg("max", max),
        )));
    }
    let mut ids = Vec::with_capacity(photos.len());
    for p in photos {
        let file = app::media::service::store_upload(
            state,
            caller,
            app::media::model::Purpose::RequestPhoto,
            p.file_name.as_deref(),
            p.bytes.clone(),
        )
        .await
        .map_err(|e| match e {
            ApiError::Validation(_)
            | ApiError::Unprocessable { .. }
            | ApiError::UnsupportedMediaType
            | ApiError::PayloadTooLarge => {
                ApiError::Validation(FieldErrors::single("photoIds", e.message()))
            }
            other => other,
        })?;
        ids.push(file.id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_in_sar_become_halalas() {
        assert_eq!(parse_sar("45.50"), Some(4550));
        assert_eq!(parse_sar("45.5"), Some(4550));
        assert_eq!(parse_sar("45"), Some(4500));
        assert_eq!(parse_sar(" 0.05 "), Some(5));
        assert_eq!(parse_sar("١٢٫٥٠"), Some(1250));
        assert_eq!(parse_sar("1,200.00"), Some(120_000));
        assert_eq!(parse_sar("45.505"), None);
        assert_eq!(parse_sar("45."), None);
        assert_eq!(parse_sar("-3"), None);
        assert_eq!(parse_sar("abc"), None);
        assert_eq!(parse_sar(""), None);
        assert_eq!(parse_sar("99999999999999999999"), None);
        assert_eq!(kernel::money::decimal(4550), "45.50");
        assert_eq!(kernel::money::decimal(5), "0.05");
    }

    #[test]
    fn errors_gather_the_parts_of_a_field() {
        let mut f = FieldErrors::new();
        f.add("fitment[0].yearTo", Message::new("products-year-order"));
        f.add("fitmentX", Message::new("validation-required"));
        let mut e = Errors::none();
        e.merge(&f, Locale::En);
        assert!(e.of("fitment[0]").contains("last year"));
        assert!(e.of("fitment").contains("last year"));
        assert!(!e.of("fitment").contains("required"));
        assert_eq!(e.of("nameAr"), "");
    }
}
