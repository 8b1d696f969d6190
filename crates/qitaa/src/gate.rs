//! The settings' gate in front of every route: maintenance (503 with
//! `Retry-After`: the envelope on the API, the bilingual page on the web),
//! too old an app (426) and switched-off marketplaces (404).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};
use serde_json::json;

use app::AppState;
use app::settings::Verdict;
use kernel::{Locale, Message};

/// Paths answered as machines are: the envelope, never a page.
fn machine(path: &str) -> bool {
    [
        "/api",
        "/health",
        "/ready",
        "/metrics",
        "/socket.io",
        "/docs",
    ]
    .iter()
    .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

pub async fn gate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let verdict = app::settings::verdict(&state, path, req.headers());
    if verdict == Verdict::Pass {
        return next.run(req).await;
    }
    let locale = req
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_else(|| Locale::from_headers(req.headers()));
    let api = machine(path);
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let envelope = |status: StatusCode, code: &str, message: String| {
        let body = json!({"success": false, "error": {"code": code, "message": message, "requestId": request_id}});
        let mut res = (status, axum::Json(body)).into_response();
        res.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(locale.code()),
        );
        res
    };
    match verdict {
        Verdict::Pass => unreachable!("passed above"),
        Verdict::Maintenance { retry_after } => {
            if !api {
                return web::status_page::maintenance(&state, locale, retry_after);
            }
            let s = state.settings.current();
            let mut res = envelope(
                StatusCode::SERVICE_UNAVAILABLE,
                "MAINTENANCE",
                app::settings::service::maintenance_message(&s, locale),
            );
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            res
        }
        Verdict::UpgradeRequired { minimum } => envelope(
            StatusCode::UPGRADE_REQUIRED,
            "APP_UPDATE_REQUIRED",
            Message::new("error-app-update-required")
                .arg("minimum", minimum)
                .render(locale),
        ),
        Verdict::Disabled => {
            if !api {
                return web::not_found(state, req).await;
            }
            envelope(
                StatusCode::NOT_FOUND,
                "FEATURE_DISABLED",
                Message::new("error-feature-disabled").render(locale),
            )
        }
    }
}
