//! The API contract: envelope, languages, status codes, request ids.

use reqwest::Method;
use serde_json::json;

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
