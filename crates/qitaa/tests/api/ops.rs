use crate::harness::TestApp;

#[tokio::test]
async fn health_ready_metrics_and_docs() {
    let app = TestApp::spawn().await;
    let r = app.get("/health", None).await;
    assert_eq!(r.status, 200);
    let r = app.get("/ready", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "ready");

    app.get("/api/v1/auth/me", None).await;
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = r.text().await.unwrap();
    assert!(
        text.contains("# TYPE http_requests_total counter"),
        "{text}"
    );
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(text.contains("route=\"/api/v1/auth/me\""), "{text}");
    assert!(text.contains("db_pool_connections"), "{text}");

    let r = app
        .client
        .get(format!("{}/docs", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("swagger-ui-bundle.js"));
    let js = app
        .client
        .get(format!(
            "{}/static/vendor/swagger-ui/swagger-ui-bundle.js",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(js.bytes().await.unwrap().len() > 100_000);

    let doc = app.get("/docs/openapi.json", None).await;
    assert_eq!(doc.status, 200);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc.body["paths"].as_object().unwrap();
    for p in [
        "/api/v1/auth/otp/request",
        "/api/v1/auth/otp/verify",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
        "/api/v1/users/me",
        "/api/v1/admin/users",
        "/health",
        "/ready",
        "/metrics",
    ] {
        assert!(paths.contains_key(p), "{p} is documented");
    }
    let verify = &paths["/api/v1/auth/otp/verify"]["post"];
    assert!(verify["requestBody"].is_object());
    assert!(verify["responses"]["422"].is_object());
    assert!(doc.body["components"]["schemas"]["ErrorEnvelope"].is_object());
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/docs/openapi.json", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap()),
        Some("gzip")
    );
}
