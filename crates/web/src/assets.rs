//! Static files compiled into the binary: nothing is fetched at run time.
//! The design system (`static/ds/`, see docs/DESIGN.md) is served as one
//! stylesheet, its behaviours and its charts; vendored files keep their paths.

use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use http::{StatusCode, header};

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const SVG: &str = "image/svg+xml";
const WOFF2: &str = "font/woff2";

/// The design system's stylesheet: tokens first, then what builds on them.
const QITAA_CSS: &str = concat!(
    include_str!("../static/ds/tokens.css"),
    include_str!("../static/ds/base.css"),
    include_str!("../static/ds/layout.css"),
    include_str!("../static/ds/components.css"),
    include_str!("../static/ds/pages.css"),
    include_str!("../static/ds/landing.css"),
);

macro_rules! file {
    ($name:literal, $mime:expr) => {
        (
            $name,
            $mime,
            include_bytes!(concat!("../static/", $name)) as &[u8],
        )
    };
}

const FILES: &[(&str, &str, &[u8])] = &[
    ("ds/qitaa.css", CSS, QITAA_CSS.as_bytes()),
    file!("ds/ui.js", JS),
    file!("ds/charts.js", JS),
    file!("ds/favicon.svg", SVG),
    file!("vendor/htmx/htmx.min.js", JS),
    file!("vendor/socket.io/socket.io.min.js", JS),
    file!("vendor/chart.js/chart.umd.min.js", JS),
    file!("vendor/leaflet/leaflet.js", JS),
    file!("vendor/leaflet/leaflet.css", CSS),
    file!("vendor/leaflet/images/marker-icon.png", "image/png"),
    file!("vendor/leaflet/images/marker-icon-2x.png", "image/png"),
    file!("vendor/leaflet/images/marker-shadow.png", "image/png"),
    file!("ds/map.js", JS),
    file!("ds/rider.js", JS),
    file!("ds/track_admin.js", JS),
    file!("vendor/icons/sprite.svg", SVG),
    file!("vendor/fonts/fonts.css", CSS),
    file!("vendor/fonts/inter-latin-400-normal.woff2", WOFF2),
    file!("vendor/fonts/inter-latin-600-normal.woff2", WOFF2),
    file!("vendor/fonts/inter-latin-700-normal.woff2", WOFF2),
    file!(
        "vendor/fonts/noto-sans-arabic-arabic-400-normal.woff2",
        WOFF2
    ),
    file!(
        "vendor/fonts/noto-sans-arabic-arabic-600-normal.woff2",
        WOFF2
    ),
    file!(
        "vendor/fonts/noto-sans-arabic-arabic-700-normal.woff2",
        WOFF2
    ),
    file!("docs.js", JS),
    file!("chat.js", JS),
    file!("ds/track.js", JS),
    file!("ds/order_live.js", JS),
    file!("vendor/swagger-ui/swagger-ui-bundle.js", JS),
    file!("vendor/swagger-ui/swagger-ui.css", CSS),
];

pub async fn serve(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
