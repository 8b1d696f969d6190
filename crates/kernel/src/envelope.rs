use axum::Json;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;

/// List metadata of the API contract.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
    pub total_pages: i64,
    /// List-specific additions, e.g. search facets.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Meta {
    pub fn new(page: u32, per_page: u32, total: i64) -> Self {
        let per = i64::from(per_page.max(1));
        Meta {
            page,
            per_page,
            total,
            total_pages: (total + per - 1) / per,
            extra: serde_json::Map::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Serialize) -> Self {
        self.extra.insert(
            key.to_owned(),
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        );
        self
    }
}

#[derive(Serialize)]
struct Body<'a, T: Serialize> {
    success: bool,
    data: &'a T,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Meta>,
}

/// `{"success": true, "data": …, "meta"?: …}` with a status (200 unless told).
pub struct ApiOk<T> {
    pub status: StatusCode,
    pub data: T,
    pub meta: Option<Meta>,
}

impl<T: Serialize> ApiOk<T> {
    pub fn new(data: T) -> Self {
        ApiOk {
            status: StatusCode::OK,
            data,
            meta: None,
        }
    }

    pub fn created(data: T) -> Self {
        ApiOk {
            status: StatusCode::CREATED,
            data,
            meta: None,
        }
    }

    pub fn page(data: T, meta: Meta) -> Self {
        ApiOk {
            status: StatusCode::OK,
            data,
            meta: Some(meta),
        }
    }
}

impl<T: Serialize> IntoResponse for ApiOk<T> {
    fn into_response(self) -> Response {
        let body = Body {
            success: true,
            data: &self.data,
            meta: self.meta.as_ref(),
        };
        (self.status, Json(body)).into_response()
    }
}

/// Documentation shapes of the envelopes, for the OpenAPI document.
pub mod schema {
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize, utoipa::ToSchema)]
    #[serde(rename_all = "camelCase")]
    pub struct ErrorDetail {
        /// Stable identifier clients switch on, e.g. `VALIDATION_FAILED`.
        pub code: String,
        /// In the request's language.
        pub message: String,
        /// Every failing field with its messages (422 only).
        pub fields: Option<BTreeMap<String, Vec<String>>>,
        pub request_id: String,
    }

    /// `{"success": true, "data": …}`.
    #[derive(Serialize, utoipa::ToSchema)]
    pub struct Envelope<T> {
        pub success: bool,
        pub data: T,
    }

    /// `{"success": true, "data": [...], "meta": {…}}`.
    #[derive(Serialize, utoipa::ToSchema)]
    pub struct Paged<T> {
        pub success: bool,
        pub data: Vec<T>,
        pub meta: crate::Meta,
    }

    /// `{"success": true, "data": null}`.
    #[derive(Serialize, utoipa::ToSchema)]
    pub struct NullEnvelope {
        pub success: bool,
        #[schema(nullable, value_type = Option<String>)]
        pub data: Option<()>,
    }

    /// `{"success": false, "error": {…}}` — the shape of every error.
    #[derive(Serialize, utoipa::ToSchema)]
    pub struct ErrorEnvelope {
        pub success: bool,
        pub error: ErrorDetail,
    }
}
