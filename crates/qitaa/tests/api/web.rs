//! Web surfaces over plain HTTP: language and direction, CSRF, host routing.

use crate::harness::TestApp;

#[tokio::test]
async fn sign_in_page_follows_the_language_and_sets_a_csrf_cookie() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/admin/sign-in", app.base))
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("qitaa_csrf="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");

    let r = app
        .client
        .get(format!("{}/admin/sign-in", app.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains(r#"<html lang="en" dir="ltr">"#)
    );

    let r = app
        .client
        .get(format!("{}/?lang=en", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        r.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("qitaa_lang=en")
    );
    assert_eq!(r.headers()["location"], "/");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .post(format!("{}/admin/sign-in", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", "qitaa_csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        .body("phone=0500000000&_csrf=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM otp_codes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0, "no code was issued");
}

#[tokio::test]
async fn non_admins_cannot_sign_in_to_the_dashboard() {
    let app = TestApp::spawn().await;
    let token = "c".repeat(64);
    let form = |path: &str, body: String| {
        app.client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}"))
            .body(body)
            .send()
    };
    let r = form("/admin/sign-in", format!("phone=0500000001&_csrf={token}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = form(
        "/admin/sign-in/verify",
        format!("phone=%2B966500000001&code=123456&_csrf={token}"),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.headers()
            .get("set-cookie")
            .is_none_or(|c| !c.to_str().unwrap().contains("qitaa_admin_session"))
    );
}

#[tokio::test]
async fn surfaces_are_routed_by_host() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/v1/auth/me", app.base))
        .header("host", "api.qitaa.test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "UNAUTHENTICATED");

    let r = app
        .client
        .get(format!("{}/users", app.base))
        .header("host", "admin.qitaa.test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/sign-in",
        "links drop the prefix on the admin host"
    );

    let r = app
        .client
        .get(format!("{}/health", app.base))
        .header("host", "admin.qitaa.test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
