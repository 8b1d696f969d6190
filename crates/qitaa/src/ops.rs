//! Operational routes: liveness, readiness, metrics and the API docs.

use axum::Json;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use http::{StatusCode, header};
use utoipa_axum::{router::OpenApiRouter, routes};

use app::AppState;
use kernel::envelope::schema::ErrorEnvelope;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(ready))
        .routes(routes!(metrics))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Probe {
    status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/health", tag = "operations", responses((status = 200, body = Probe)))]
async fn health() -> Json<Probe> {
    Json(Probe { status: "ok" })
}

/// The database answers; load balancers route traffic only to ready nodes.
#[utoipa::path(get, path = "/ready", tag = "operations",
    responses((status = 200, body = Probe), (status = 503, body = ErrorEnvelope)))]
async fn ready(State(state): State<AppState>) -> Result<Json<Probe>, kernel::ApiError> {
    let ping = tokio::time::timeout(
        std::time::Duration::from_secs(3),
        sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.db),
    )
    .await;
    match ping {
        Ok(Ok(_)) => Ok(Json(Probe { status: "ready" })),
        _ => Err(kernel::ApiError::Unavailable),
    }
}

/// Prometheus text: request counts and latency histograms, pool gauges.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, content_type = "text/plain; version=0.0.4", body = String)))]
async fn metrics(State(state): State<AppState>) -> Response {
    let size = state.db.size();
    let idle = state.db.num_idle() as u32;
    metrics::gauge!("db_pool_connections").set(f64::from(size));
    metrics::gauge!("db_pool_idle_connections").set(f64::from(idle));
    metrics::gauge!("db_pool_in_use_connections").set(f64::from(size.saturating_sub(idle)));
    metrics::gauge!("db_pool_max_connections")
        .set(f64::from(state.db.options().get_max_connections()));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::telemetry::prometheus().render(),
    )
        .into_response()
}

/// Swagger UI from the files committed under `crates/web/static/vendor`.
pub async fn docs_page() -> Html<&'static str> {
    Html(
        r##"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Qitaa API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>"##,
    )
}

pub async fn openapi_json(State(doc): State<std::sync::Arc<String>>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        doc.as_str().to_owned(),
    )
        .into_response()
}
