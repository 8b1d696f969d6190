//! System settings: validated, audited, and what the platform obeys at once
//! (maintenance, minimum app versions, marketplace switches, OTP bounds).

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::TestApp;

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";

async fn current(app: &TestApp, admin: &str) -> Value {
    let r = app.get("/api/v1/admin/settings", Some(admin)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["settings"].clone()
}

async fn save(app: &TestApp, admin: &str, settings: &Value) -> Value {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/admin/settings",
            Some(admin),
            Some(settings.clone()),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"].clone()
}

#[tokio::test]
async fn settings_are_bounded_audited_and_bind_the_sign_in_codes() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    assert_eq!(
        app.get("/api/v1/admin/settings", Some(&customer))
            .await
            .status,
        403
    );
    let r = app.get("/api/v1/admin/settings", Some(&admin)).await;
    assert_eq!(r.body["data"]["version"], 0, "{r:?}");

    let mut bad = current(&app, &admin).await;
    bad["otp"]["maxAttempts"] = json!(50);
    bad["distances"]["repRadiusKm"] = json!(0);
    bad["minAppVersions"]["rider"] = json!("latest");
    bad["maintenance"]["messageAr"] = json!("ص".repeat(301));
    let r = app
        .call(
            Method::PUT,
            "/api/v1/admin/settings",
            Some(&admin),
            Some(bad),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = r.body["error"]["fields"].as_object().unwrap();
    for f in [
        "otp.maxAttempts",
        "distances.repRadiusKm",
        "minAppVersions.rider",
        "maintenance.messageAr",
    ] {
        assert!(fields.contains_key(f), "{f} in {fields:?}");
    }
    let arabic = fields["otp.maxAttempts"][0].as_str().unwrap();
    assert!(
        arabic.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
        "{arabic}"
    );
    let mut unknown = current(&app, &admin).await;
    unknown["otp"]["secret"] = json!(1);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/admin/settings",
            Some(&admin),
            Some(unknown),
            "en",
        )
        .await;
    assert!(r.status.is_client_error(), "{r:?}");
    assert_eq!(
        app.get("/api/v1/admin/settings", Some(&admin)).await.body["data"]["version"],
        0
    );

    let mut s = current(&app, &admin).await;
    s["otp"]["maxAttempts"] = json!(3);
    s["otp"]["ttlSeconds"] = json!(120);
    let saved = save(&app, &admin, &s).await;
    assert_eq!(saved["version"], 1);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'settings.update' AND after -> 'otp' ->> 'maxAttempts' = '3'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // The third wrong code now burns it, and the code lives 2 minutes.
    let phone = "+966551112299";
    let r = app
        .post("/api/v1/auth/otp/request", None, json!({"phone": phone}))
        .await;
    assert_eq!(r.body["data"]["expiresInSeconds"], 120, "{r:?}");
    // The SMS tells the lifetime the setting gives, not a fixed one.
    let text: String = sqlx::query_scalar(
        "SELECT body FROM sms_outbox WHERE to_phone = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(text.contains("2 minutes"), "{text}");
    let right = app.last_code(phone).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for attempt in 1..=3 {
        let r = app
            .post(
                "/api/v1/auth/otp/verify",
                None,
                json!({"phone": phone, "code": wrong}),
            )
            .await;
        let want = if attempt == 3 {
            "OTP_ATTEMPTS_EXCEEDED"
        } else {
            "OTP_INVALID"
        };
        assert_eq!(r.body["error"]["code"], want, "attempt {attempt}: {r:?}");
    }
}

#[tokio::test]
async fn maintenance_closes_the_api_and_the_pages_but_lets_admins_through() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let mut s = current(&app, &admin).await;
    s["maintenance"]["enabled"] = json!(true);
    s["maintenance"]["retryAfterMinutes"] = json!(10);
    s["maintenance"]["messageEn"] = json!("Back at noon.");
    save(&app, &admin, &s).await;

    let r = app.get("/api/v1/orders", Some(&customer)).await;
    assert_eq!(r.status, 503, "{r:?}");
    assert_eq!(r.headers["retry-after"], "600");
    assert_eq!(r.body["error"]["code"], "MAINTENANCE");
    assert_eq!(r.body["error"]["message"], "Back at noon.");
    let r = app
        .call(Method::GET, "/api/v1/categories", None, None, "ar")
        .await;
    assert_eq!(r.status, 503);
    let msg = r.body["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains("الصيانة"),
        "the standard Arabic sentence: {msg}"
    );
    for page in ["/", "/app", "/partner"] {
        let r = app.get(page, None).await;
        assert_eq!(r.status, 503, "{page}");
        assert_eq!(r.headers["retry-after"], "600");
        let html = r.body.as_str().unwrap();
        assert!(
            html.contains("id=\"status-page\"") && html.contains("Back at noon."),
            "{page}"
        );
    }
    // Admins, sign-in, operations and the providers' callbacks stay open.
    assert_eq!(
        app.get("/api/v1/admin/users", Some(&admin)).await.status,
        200
    );
    assert_eq!(app.get("/api/v1/orders", Some(&admin)).await.status, 200);
    assert_eq!(app.get("/admin/sign-in", None).await.status, 200);
    assert_eq!(app.get("/health", None).await.status, 200);
    let r = app
        .post("/api/v1/auth/otp/request", None, json!({"phone": CUSTOMER}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/settings/public", None).await;
    assert_eq!(r.body["data"]["maintenance"], true);
    assert_eq!(r.body["data"]["maintenanceMessage"], "Back at noon.");

    s["maintenance"]["enabled"] = json!(false);
    save(&app, &admin, &s).await;
    assert_eq!(app.get("/api/v1/orders", Some(&customer)).await.status, 200);
    assert_eq!(app.get("/", None).await.status, 200);
}

#[tokio::test]
async fn an_app_older_than_its_minimum_is_told_to_update() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let mut s = current(&app, &admin).await;
    s["minAppVersions"]["customer"] = json!("2.4");
    save(&app, &admin, &s).await;
    let versioned = |name: &'static str, version: &'static str| {
        app.client
            .get(format!("{}/api/v1/categories", app.base))
            .header("x-app-name", name)
            .header("x-app-version", version)
            .header("accept-language", "en")
            .send()
    };
    let r = versioned("customer", "2.3.9").await.unwrap();
    assert_eq!(r.status(), 426);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "APP_UPDATE_REQUIRED");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("2.4"),
        "{body}"
    );
    assert_eq!(versioned("customer", "2.4.0").await.unwrap().status(), 200);
    assert_eq!(versioned("customer", "10.0").await.unwrap().status(), 200);
    // No minimum for the rider app; a client that names no version is not judged.
    assert_eq!(versioned("rider", "0.1").await.unwrap().status(), 200);
    assert_eq!(app.get("/api/v1/categories", None).await.status, 200);
}

#[tokio::test]
async fn a_switched_off_marketplace_is_hidden_but_admins_keep_it() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    assert_eq!(
        app.get("/api/v1/bookings", Some(&customer)).await.status,
        200
    );
    let mut s = current(&app, &admin).await;
    s["marketplaces"]["bookings"] = json!(false);
    save(&app, &admin, &s).await;

    let r = app.get("/api/v1/bookings", Some(&customer)).await;
    assert_eq!(r.status, 404, "{r:?}");
    assert_eq!(r.body["error"]["code"], "FEATURE_DISABLED");
    assert_eq!(app.get("/app/washes", None).await.status, 404);
    let r = app.get("/api/v1/settings/public", None).await;
    assert_eq!(r.body["data"]["marketplaces"]["bookings"], false);
    assert_eq!(
        app.get("/api/v1/admin/bookings", Some(&admin)).await.status,
        200
    );
    // The other marketplaces are untouched.
    assert_eq!(app.get("/api/v1/orders", Some(&customer)).await.status, 200);
    assert_eq!(
        app.get("/api/v1/repairs", Some(&customer)).await.status,
        200
    );

    s["marketplaces"]["bookings"] = json!(true);
    save(&app, &admin, &s).await;
    assert_eq!(
        app.get("/api/v1/bookings", Some(&customer)).await.status,
        200
    );
}
