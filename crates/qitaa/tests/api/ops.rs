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

/// Reads until the server closes the connection; whether it did within `patience`.
async fn closed_within(stream: &mut tokio::net::TcpStream, patience: std::time::Duration) -> bool {
    use tokio::io::AsyncReadExt;
    let deadline = tokio::time::Instant::now() + patience;
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

/// Half-sent requests and silent sockets are closed by the header-read and
/// idle timeouts; one address holds at most its share of connections.
#[tokio::test]
async fn slow_and_silent_connections_are_closed_and_one_address_is_capped() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let app = crate::harness::TestApp::spawn_with_limits(qitaa::listen::ConnectionLimits {
        header_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        max_per_address: 8,
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_owned();
    // Half a request: headers never finished.
    let mut half = tokio::net::TcpStream::connect(&addr).await.unwrap();
    half.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    // A socket that never says anything.
    let mut silent = tokio::net::TcpStream::connect(&addr).await.unwrap();
    assert!(
        closed_within(&mut half, Duration::from_secs(10)).await,
        "half-sent request kept open"
    );
    assert!(
        closed_within(&mut silent, Duration::from_secs(10)).await,
        "silent socket kept open"
    );

    // A kept-alive connection that goes quiet after its answer is closed too.
    let mut quiet = tokio::net::TcpStream::connect(&addr).await.unwrap();
    quiet
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut quiet, Duration::from_secs(10)).await,
        "idle keep-alive kept open"
    );

    // Eight open connections from this address; the ninth is refused at once.
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        held.push(s);
    }
    let mut ninth = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let _ = ninth
        .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    assert!(
        closed_within(&mut ninth, Duration::from_millis(900)).await,
        "the ninth was served"
    );
    drop(held);
    // Their slots come back: a new connection is served.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(r) = app.client.get(format!("{}/health", app.base)).send().await
            && r.status() == 200
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "slots never came back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
