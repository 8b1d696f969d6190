//! The whole HTTP surface of one node: the API, operations, docs and the
//! web surfaces, behind one stack of middleware.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::from_fn;
use axum::routing::get;
use http::{HeaderName, HeaderValue, Method, StatusCode, header};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use app::AppState;

#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    pub cors_origins: Vec<String>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            request_timeout: Duration::from_secs(30),
            body_limit_bytes: 2 * 1024 * 1024,
            cors_origins: Vec::new(),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Qitaa API", description = "The marketplace API. Every answer uses the envelope `{success, data, meta?}` or `{success: false, error: {code, message, fields?, requestId}}`; messages follow `Accept-Language` (ar default, en)."),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Phone-OTP sign-in and tokens"),
        (name = "users", description = "The signed-in user's own account"),
        (name = "admin", description = "The admin platform"),
        (name = "media", description = "Uploaded files: images and documents"),
        (name = "operations", description = "Health, readiness, metrics"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document of every route, generated from the code.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, doc) = api_routes().split_for_parts();
    crate::api_doc::finish(doc)
}

fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", app::api_router())
        .merge(crate::ops::router())
}

/// Room for the multipart framing and the small text parts around an upload.
const MULTIPART_OVERHEAD_BYTES: usize = 64 * 1024;

/// The Socket.IO layer of this node: one node alone, or rooms shared by every
/// node through Redis.
pub type SocketLayer = tower::util::Either<
    socketioxide::layer::SocketIoLayer,
    socketioxide::layer::SocketIoLayer<
        socketioxide_redis::RedisAdapter<socketioxide::adapter::Emitter>,
    >,
>;

fn socket_config() -> socketioxide::SocketIoBuilder {
    socketioxide::SocketIo::builder()
        .ping_interval(Duration::from_secs(25))
        .ping_timeout(Duration::from_secs(20))
        .max_payload(64 * 1024)
}

/// The gateway on this node only (no Redis).
pub fn local_socket_layer(state: &AppState) -> SocketLayer {
    let (layer, io) = socket_config().with_state(state.clone()).build_layer();
    app::realtime::gateway::register_local(&io);
    state.realtime.set_local(io);
    tower::util::Either::Left(layer)
}

/// The gateway whose rooms span every node sharing `redis_url`.
pub async fn redis_socket_layer(state: &AppState, redis_url: &str) -> anyhow::Result<SocketLayer> {
    use socketioxide_redis::drivers::redis::redis_client as redis;
    let url = if redis_url.contains("protocol=") {
        redis_url.to_owned()
    } else if redis_url.contains('?') {
        format!("{redis_url}&protocol=resp3")
    } else {
        format!("{redis_url}?protocol=resp3")
    };
    let client = redis::Client::open(url)?;
    let adapter = socketioxide_redis::RedisAdapterCtr::new_with_redis(&client).await?;
    let (layer, io) = socket_config()
        .with_state(state.clone())
        .with_adapter::<socketioxide_redis::RedisAdapter<_>>(adapter)
        .build_layer();
    app::realtime::gateway::register_redis(&io)
        .await
        .map_err(|e| anyhow::anyhow!("the Redis adapter did not start: {e}"))?;
    state.realtime.set_redis(io);
    Ok(tower::util::Either::Right(layer))
}

pub fn router(state: AppState, http: &HttpSettings) -> Router {
    let socket = local_socket_layer(&state);
    router_with_socket(state, http, socket)
}

pub fn router_with_socket(state: AppState, http: &HttpSettings, socket: SocketLayer) -> Router {
    // The outer limit lets the largest accepted request through: JSON and form
    // bodies stay capped at `body_limit_bytes` by `DefaultBodyLimit` (read by
    // the extractors), and upload routes lift that cap for themselves and
    // enforce `max_upload_bytes` on the file they stream; catalog imports
    // stream up to `max_import_bytes` and count it themselves.
    let outer_limit = http.body_limit_bytes.max(
        state
            .config
            .max_upload_bytes
            .max(state.config.max_import_bytes)
            .saturating_add(MULTIPART_OVERHEAD_BYTES),
    );
    // Metrics recorded before the recorder exists would be lost.
    crate::telemetry::prometheus();
    let (api, doc) = api_routes().split_for_parts();
    let doc = crate::api_doc::finish(doc);
    let doc_json = Arc::new(doc.to_json().expect("the OpenAPI document serialises"));
    let docs = Router::new()
        .route("/docs", get(crate::ops::docs_page))
        .route("/docs/", get(crate::ops::docs_page))
        .route("/docs/openapi.json", get(crate::ops::openapi_json))
        .with_state(doc_json);

    let state_hsts = state.config.public_url.starts_with("https://");
    let csp = page_csp(&state.config.map_tiles);
    let fallback_state = state.clone();
    // Keyed creates (the layer needs the matched route, so it is a route layer).
    let api = api.route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        app::idempotency::layer,
    ));
    let mut routes = api.with_state(state.clone()).merge(docs);
    // The sandbox's pay page exists only where the sandbox is the gateway.
    if state.gateway.name() == app::payments::sandbox::NAME {
        routes = routes.merge(app::payments::sandbox::router().with_state(state.clone()));
    }
    let gate_state = state.clone();
    let routes = routes
        .merge(web::router(state))
        .fallback({
            let state = fallback_state;
            move |req: Request| web::not_found(state.clone(), req)
        })
        .layer(axum::middleware::from_fn_with_state(
            gate_state,
            crate::gate::gate,
        ))
        .layer(from_fn(crate::telemetry::track));

    let hsts = state_hsts;
    let app = routes.layer(
        ServiceBuilder::new()
            .map_request(sanitize_request_id)
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(TraceLayer::new_for_http())
            .layer(CompressionLayer::new())
            .option_layer(cors(&http.cors_origins))
            .layer(from_fn(move |req, next| {
                security_headers(hsts, csp.clone(), req, next)
            }))
            .layer(from_fn(kernel::error::render_errors))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                http.request_timeout,
            ))
            .layer(RequestBodyLimitLayer::new(outer_limit))
            .layer(DefaultBodyLimit::max(http.body_limit_bytes)),
    );
    // One socket service around the whole app (not one per route, which would
    // split long-polling sessions between engines), outside the request
    // timeout: sockets and long polls live longer than a request.
    Router::new().fallback_service(tower::Layer::layer(&socket, app))
}

/// The longest client-chosen request id kept; longer ones are replaced.
const MAX_REQUEST_ID: usize = 64;

/// A client's `X-Request-Id` is kept only when it is a short id of safe
/// characters; otherwise it is dropped and one is generated, so that no
/// client text reaches logs, audit rows or echoed headers.
fn sanitize_request_id(mut req: Request) -> Request {
    let safe = req.headers().get("x-request-id").map(|v| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= MAX_REQUEST_ID
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
    });
    if safe == Some(false) {
        req.headers_mut().remove("x-request-id");
    }
    req
}

/// The pages' policy: our own scripts only (no inline script, no eval), no
/// framing by anyone (the admin's one-click buttons cannot be clickjacked),
/// sockets to our origin.
/// A configured map tile server (`MAP_TILE_URL`) may serve images too.
fn page_csp(tiles: &str) -> HeaderValue {
    let tile_origin = tiles
        .strip_prefix("https://")
        .and_then(|rest| rest.split('/').next())
        .map(|host| format!(" https://{}", host.replace("{s}", "*")))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:{tile_origin}; font-src 'self'; connect-src 'self' ws: wss:; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
}

/// Headers every answer carries, the page policy among them (a document
/// served with its own stricter policy keeps it).
async fn security_headers(
    hsts: bool,
    csp: HeaderValue,
    req: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    // Every answer, not only HTML: a redirect or an error page is framed as
    // easily, and the policy means nothing to a JSON client.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

/// No CORS headers unless origins are configured; `*` allows any origin
/// (bearer tokens, not cookies, authenticate cross-origin callers).
fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT_LANGUAGE,
                HeaderName::from_static("x-localization"),
                HeaderName::from_static("idempotency-key"),
                HeaderName::from_static("x-request-id"),
            ])
            .expose_headers([HeaderName::from_static("x-request-id"), header::RETRY_AFTER])
            .max_age(Duration::from_secs(3600)),
    )
}

/// Surfaces by host: `api.example.com/v1/...` is `/api/v1/...`,
/// `admin.example.com/users` is `/admin/users`, and so on; on a single host
/// the path prefixes are used as they are. Shared routes are never prefixed.
pub fn route_by_host(mut req: Request) -> Request {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let Some(prefix) = surface_prefix(host) else {
        return req;
    };
    let path = req.uri().path();
    let shared = [
        "/health",
        "/ready",
        "/metrics",
        "/docs",
        "/static",
        "/ws",
        "/socket.io",
        "/sandbox",
    ]
    .iter()
    .any(|s| path == *s || path.starts_with(&format!("{s}/")));
    if shared || path == prefix || path.starts_with(&format!("{prefix}/")) {
        return req;
    }
    let path = if path == "/" { "" } else { path };
    let rewritten = match req.uri().query() {
        Some(q) => format!("{prefix}{path}?{q}"),
        None => format!("{prefix}{path}"),
    };
    if let Ok(uri) = rewritten.parse() {
        *req.uri_mut() = uri;
        req.extensions_mut().insert(web::MountedAtHost(prefix));
    }
    req
}

fn surface_prefix(host: &str) -> Option<&'static str> {
    let label = host.split('.').next()?;
    if !host.contains('.') {
        return None;
    }
    match label {
        "api" => Some("/api"),
        "admin" => Some("/admin"),
        "partner" => Some("/partner"),
        "app" => Some("/app"),
        "store" => Some("/store"),
        "rider" => Some("/rider"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_tile_server_may_serve_the_pages_images() {
        let none = page_csp("");
        assert!(
            none.to_str()
                .unwrap()
                .contains("img-src 'self' data: blob:;")
        );
        let osm = page_csp("https://{s}.tile.example.org/{z}/{x}/{y}.png");
        assert!(
            osm.to_str()
                .unwrap()
                .contains("img-src 'self' data: blob: https://*.tile.example.org;"),
            "{osm:?}"
        );
    }

    fn rewrite(host: &str, path: &str) -> String {
        let req = Request::builder()
            .uri(path)
            .header("host", host)
            .body(axum::body::Body::empty())
            .unwrap();
        route_by_host(req).uri().to_string()
    }

    #[test]
    fn hosts_map_to_surfaces() {
        assert_eq!(
            rewrite("api.qitaa.sa", "/v1/auth/me?x=1"),
            "/api/v1/auth/me?x=1"
        );
        assert_eq!(rewrite("admin.qitaa.sa", "/users"), "/admin/users");
        assert_eq!(rewrite("admin.qitaa.sa", "/"), "/admin");
        assert_eq!(rewrite("admin.qitaa.sa", "/admin/users"), "/admin/users");
        assert_eq!(
            rewrite("admin.qitaa.sa", "/static/ds/qitaa.css"),
            "/static/ds/qitaa.css"
        );
        assert_eq!(rewrite("qitaa.sa", "/"), "/");
        assert_eq!(rewrite("127.0.0.1:8080", "/api/v1/x"), "/api/v1/x");
    }
}
