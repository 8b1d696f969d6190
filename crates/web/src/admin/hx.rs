//! What an htmx request says about itself, for handlers that answer a row
//! and a resource page's card differently.

use http::HeaderMap;

/// The id of the element an htmx request will swap (`HX-Target`); empty
/// for a plain request or a target without an id.
pub fn target(headers: &HeaderMap) -> &str {
    headers
        .get("hx-target")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Whether the request comes from htmx (`HX-Request`).
pub fn is_htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}
