//! The API contract: envelope, languages, status codes, request ids.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::TestApp;

#[tokio::test]
async fn invalid_phone_is_422_naming_the_field_in_the_request_language() {
    let app = TestApp::spawn().await;
    let body = Some(json!({"phone": "abc"}));
    let ar = app
        .call(
            Method::POST,
            "/api/v1/auth/otp/request",
            None,
            body.clone(),
            "ar",
        )
        .await;
    let en = app
        .call(Method::POST, "/api/v1/auth/otp/request", None, body, "en")
        .await;
    for r in [&ar, &en] {
        assert_eq!(r.status, 422);
        assert_eq!(r.body["success"], false);
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
        assert!(!r.body["error"]["requestId"].as_str().unwrap().is_empty());
        assert_eq!(
            r.body["error"]["requestId"],
            r.headers["x-request-id"].to_str().unwrap()
        );
    }
    let ar_msg = ar.body["error"]["fields"]["phone"][0].as_str().unwrap();
    let en_msg = en.body["error"]["fields"]["phone"][0].as_str().unwrap();
    assert!(ar_msg.contains("رقم جوال"), "{ar_msg}");
    assert!(en_msg.contains("mobile number"), "{en_msg}");
    // Arabic is the default language.
    let none = app
        .client
        .post(format!("{}/api/v1/auth/otp/request", app.base))
        .json(&json!({"phone": "abc"}))
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = none.json().await.unwrap();
    assert_eq!(v["error"]["fields"]["phone"][0].as_str().unwrap(), ar_msg);
}

#[tokio::test]
async fn unknown_fields_malformed_json_and_wrong_content_type() {
    let app = TestApp::spawn().await;
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0501234567", "role": "ADMIN"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["role"].is_array(), "{r:?}");

    let raw = |body: &'static str, ct: &'static str| {
        app.client
            .post(format!("{}/api/v1/auth/otp/request", app.base))
            .header("content-type", ct)
            .header("accept-language", "en")
            .body(body)
            .send()
    };
    let r = raw("{\"phone\": ", "application/json").await.unwrap();
    assert_eq!(r.status(), 400);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "BAD_REQUEST");
    let r = raw("phone=0501234567", "application/x-www-form-urlencoded")
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn missing_forged_tokens_and_unknown_routes() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/auth/me", None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"]["code"], "UNAUTHENTICATED");

    // A token signed with another key.
    let other = app::identity::tokens::Keys::from_secret(b"not the server's secret at all, really");
    let forged = other.issue_access(
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7(),
        app::identity::model::Role::SuperAdmin,
        600,
    );
    let r = app.get("/api/v1/auth/me", Some(&forged)).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"]["code"], "UNAUTHENTICATED");
    let r = app.get("/api/v1/auth/me", Some("garbage")).await;
    assert_eq!(r.status, 401);

    let r = app.get("/api/v1/no/such/route", None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body["success"], false);
    assert_eq!(r.body["error"]["code"], "NOT_FOUND");
    assert!(r.body["error"]["requestId"].is_string());

    let r = app
        .call(Method::DELETE, "/api/v1/auth/otp/request", None, None, "en")
        .await;
    assert_eq!(r.status, 405);
    assert_eq!(r.body["error"]["code"], "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_in_the_envelope() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(3 * 1024 * 1024);
    let r = app
        .post("/api/v1/auth/otp/request", None, json!({"phone": big}))
        .await;
    assert_eq!(r.status, 413, "{:?}", r.status);
    assert_eq!(r.body["error"]["code"], "PAYLOAD_TOO_LARGE");
}

#[tokio::test]
async fn x_localization_header_picks_the_language() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/api/v1/auth/me", app.base))
        .header("x-localization", "en")
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap();
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["message"], "Sign in to continue.");
}

/// Type errors, unknown fields, missing fields and rule failures come back
/// together, in the caller's language, without the parser's positions.
#[tokio::test]
async fn a_422_names_every_failing_field_at_once_without_parser_internals() {
    let app = TestApp::spawn().await;
    let token = app.token_of("+966500000001").await;
    for lang in ["en", "ar"] {
        let r = app
            .client
            .post(format!("{}/api/v1/checkout", app.base))
            .bearer_auth(&token)
            .header("accept-language", lang)
            .header("idempotency-key", format!("types-{lang}"))
            .json(&json!({"paymentMethod": "bitcoin", "extra": 1, "note": 5,
                          "items": [{"productId": "nope", "quantity": "2"}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let body: Value = r.json().await.unwrap();
        let fields = body["error"]["fields"].as_object().unwrap();
        let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "addressId",
                "extra",
                "items[0].productId",
                "items[0].quantity",
                "note",
                "paymentMethod"
            ],
            "{body}"
        );
        let text = body.to_string();
        assert!(
            !text.contains("line 1") && !text.contains("column"),
            "{text}"
        );
        let method = fields["paymentMethod"][0].as_str().unwrap();
        assert!(
            method.contains("card") && method.contains("wallet"),
            "{method}"
        );
        if lang == "ar" {
            assert!(
                fields["extra"][0]
                    .as_str()
                    .unwrap()
                    .chars()
                    .any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
                "{body}"
            );
        }
    }
}

/// NUL is refused with a 422 naming the field: in query parameters and in
/// JSON bodies (profile, chat, product, checkout note), never a 500.
#[tokio::test]
async fn a_nul_byte_is_a_422_naming_the_field() {
    let app = TestApp::spawn().await;
    let customer = app.token_of("+966500000001").await;
    for q in [
        "make=%00",
        "q=a%00b",
        "category=%00",
        "sort=%00",
        "condition=%00",
        "storeId=%00",
    ] {
        let r = app.get(&format!("/api/v1/products?{q}"), None).await;
        assert_eq!(r.status, 422, "{q}: {r:?}");
        let name = q.split('=').next().unwrap();
        assert!(r.body["error"]["fields"][name].is_array(), "{q}: {r:?}");
    }
    let r = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/users/me",
            Some(&customer),
            Some(json!({"name": "Sa\u{0}ra"})),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["name"].is_array(), "{r:?}");
    let r = app
        .post("/api/v1/chats/support", Some(&customer), json!({}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let thread = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&customer),
            json!({"body": "hi\u{0}"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["body"].is_array(), "{r:?}");
    let r = app
        .call(
            reqwest::Method::POST,
            "/api/v1/checkout",
            Some(&customer),
            Some(
                json!({"addressId": uuid::Uuid::nil(), "paymentMethod": "wallet", "note": "\u{0}"}),
            ),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let supplier = app.token_of("+966500000002").await;
    let (riyadh, _) = app::stores::seed::demo_store_ids(&app.db)
        .await
        .unwrap()
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            json!({"nameAr": "زيت\u{0}", "nameEn": "Oil", "price": 100, "stock": 1, "condition": "new"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["nameAr"].is_array(), "{r:?}");
}

async fn suspend_customer_with(
    app: &TestApp,
    headers: &[(&str, &str)],
) -> (String, Option<String>, String) {
    let root = app.token_of("+966500000000").await;
    let customer: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000001'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let mut req = app
        .client
        .post(format!(
            "{}/api/v1/admin/users/{customer}/suspend",
            app.base
        ))
        .bearer_auth(&root)
        .json(&json!({"reason": "test"}));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let r = req.send().await.unwrap();
    assert_eq!(r.status(), 200);
    let echoed = r.headers()["x-request-id"].to_str().unwrap().to_owned();
    let (request_id, ip): (Option<String>, String) = sqlx::query_as(
        "SELECT request_id, ip FROM audit_logs WHERE action = 'user.suspend' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    (echoed, request_id, ip)
}

#[tokio::test]
async fn a_client_request_id_is_kept_only_when_short_and_safe() {
    let app = TestApp::spawn().await;
    let (echoed, stored, _) = suspend_customer_with(&app, &[("x-request-id", "abc-123_x.y")]).await;
    assert_eq!(echoed, "abc-123_x.y");
    assert_eq!(stored.as_deref(), Some("abc-123_x.y"));
    let long = "a".repeat(10 * 1024);
    for bad in [long.as_str(), "<script>alert(1)</script>", "with space"] {
        let r = app
            .client
            .get(format!("{}/health", app.base))
            .header("x-request-id", bad)
            .send()
            .await
            .unwrap();
        let id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(id, bad);
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "a generated id: {id}");
    }
    let r = app
        .client
        .get(format!("{}/health", app.base))
        .header(
            "x-request-id",
            reqwest::header::HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert!(uuid::Uuid::parse_str(r.headers()["x-request-id"].to_str().unwrap()).is_ok());
    // Nor does it reach the audit log.
    let root = app.token_of("+966500000000").await;
    let customer: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000001'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = app
        .client
        .post(format!(
            "{}/api/v1/admin/users/{customer}/reactivate",
            app.base
        ))
        .bearer_auth(&root)
        .header("x-request-id", "<b>x</b>")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let stored: Option<String> = sqlx::query_scalar(
        "SELECT request_id FROM audit_logs WHERE action = 'user.reactivate' ORDER BY created_at DESC LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(
        uuid::Uuid::parse_str(stored.as_deref().unwrap_or("")).is_ok(),
        "{stored:?}"
    );
}

/// Behind a trusted proxy, the client is the address the proxy appended
/// (the right-most untrusted hop), whatever the client wrote to its left.
#[tokio::test]
async fn forwarded_for_is_read_from_the_right_behind_trusted_proxies_only() {
    let app = TestApp::spawn_with(
        |c| {
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            c.otp.per_ip_per_hour = 3;
        },
        None,
    )
    .await;
    let mut statuses = Vec::new();
    for i in 0..5 {
        let r = app
            .client
            .post(format!("{}/api/v1/auth/otp/request", app.base))
            .header("x-forwarded-for", format!("10.9.9.{i}, 203.0.113.7"))
            .json(&json!({"phone": format!("05544466{i:02}")}))
            .send()
            .await
            .unwrap();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429], "one client, one cap");
    let (_, _, ip) =
        suspend_customer_with(&app, &[("x-forwarded-for", "6.6.6.6, 198.51.100.9")]).await;
    assert_eq!(
        ip, "198.51.100.9",
        "the address the proxy saw, not the forged one"
    );

    // Not behind a trusted proxy: the header is ignored.
    let direct = TestApp::spawn().await;
    let (_, _, ip) = suspend_customer_with(&direct, &[("x-forwarded-for", "6.6.6.6")]).await;
    assert_eq!(ip, "127.0.0.1");
}

#[tokio::test]
async fn pages_carry_security_headers_and_cannot_be_framed() {
    let app = TestApp::spawn().await;
    for path in ["/admin", "/partner", "/app", "/", "/docs"] {
        let r = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        let h = r.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe-inline'"),
            "{csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "plain HTTP: {path}"
        );
    }
    let api = app.get("/api/v1/car-makes", None).await;
    assert_eq!(api.headers["x-content-type-options"], "nosniff");
    let secure = TestApp::spawn_with(|c| c.public_url = "https://qitaa.example".into(), None).await;
    let r = secure
        .client
        .get(format!("{}/admin", secure.base))
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age="),
        "HSTS when served over HTTPS"
    );
}
