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

/// Signs in to a surface through its own forms; returns the session cookie.
pub async fn web_session(app: &TestApp, surface: &str, cookie_name: &str, phone: &str) -> String {
    let token = "d".repeat(64);
    let post = |path: String, body: String| {
        app.client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}"))
            .body(body)
            .send()
    };
    let r = post(
        format!("/{surface}/sign-in"),
        format!("phone={phone}&_csrf={token}"),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let r = post(
        format!("/{surface}/sign-in/verify"),
        format!("phone={phone}&code=123456&_csrf={token}"),
    )
    .await
    .unwrap();
    let set = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with(cookie_name))
        .unwrap_or_else(|| panic!("no {cookie_name} cookie: {}", r.status()));
    set.split(';').next().unwrap().to_owned()
}

/// Unknown pages of the HTML surfaces are HTML pages in the visitor's
/// language with the surface's navigation; the API keeps its JSON.
#[tokio::test]
async fn unknown_pages_are_html_in_the_surface_with_its_navigation() {
    let app = TestApp::spawn().await;
    let admin = web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let partner = web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let get = |path: &str, cookie: Option<&str>, lang: &str| {
        let mut r = app
            .client
            .get(format!("{}{path}", app.base))
            .header("accept-language", lang);
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        r.send()
    };
    for (path, cookie, nav) in [
        ("/admin/statistics", Some(admin.as_str()), "nav-users"),
        ("/partner/settings", Some(partner.as_str()), "nav-stores"),
        ("/app/wallet", None, "app-top"),
        ("/careers", None, "switch-language"),
        ("/nope", None, "switch-language"),
    ] {
        for lang in ["ar", "en"] {
            let r = get(path, cookie, lang).await.unwrap();
            assert_eq!(r.status(), 404, "{path}");
            let ct = r.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(ct.starts_with("text/html"), "{path}: {ct}");
            let html = r.text().await.unwrap();
            assert!(html.contains(&format!("lang=\"{lang}\"")), "{path} {lang}");
            assert!(
                html.contains(nav),
                "{path}: the surface's navigation: {html}"
            );
            assert!(html.contains("id=\"error-message\""), "{path}");
            if lang == "ar" {
                assert!(html.contains("dir=\"rtl\""), "{path}");
            }
        }
    }
    // Signed in, the admin's page keeps its sign-out; the API stays JSON.
    let html = get("/admin/statistics", Some(&admin), "en")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"sign-out\""), "{html}");
    let r = app.get("/api/v1/nope", None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.body["error"]["code"], "NOT_FOUND");
    // A page the user may not open is a 403 page in the same layout.
    let employee = web_session(&app, "admin", "qitaa_admin_session", "0500000005").await;
    let r = get("/admin/orders", Some(&employee), "en").await.unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("nav-users") && html.contains("id=\"error-message\""),
        "{html}"
    );
}

/// The order page of a declined card order offers to pay again; paying from
/// the wallet there confirms the order.
#[tokio::test]
async fn a_declined_order_is_paid_again_from_its_page() {
    use crate::shop::*;
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 5).await;
    let address = address(&app, &token).await;
    let r = checkout(
        &app,
        &token,
        "page-decline",
        serde_json::json!({"addressId": address, "paymentMethod": "card", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let link = r.body["data"]["paymentUrl"].as_str().unwrap().to_owned();
    let to = app.client.get(&link).send().await.unwrap().headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    let declined = app
        .client
        .post(format!("{to}/decline"))
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), 303);

    let cookie = web_session(&app, "app", "qitaa_app_session", "0500000001").await;
    let page = app
        .client
        .get(format!("{}/app/orders/{order}", app.base))
        .header("cookie", &cookie)
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("id=\"pay-again-card\"") && page.contains("id=\"pay-again-wallet\""),
        "{page}"
    );
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let key = page
        .split("name=\"_key\" value=\"")
        .nth(2)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let r = app
        .client
        .post(format!("{}/app/orders/{order}/pay", app.base))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={csrf}&_key={key}&method=wallet"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(order_status(&app, &order).await, "confirmed");
    let page = app
        .client
        .get(format!("{}/app/orders/{order}", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("id=\"pay-again"), "paid: no more offer");
}

/// A store's tabs follow its type as well as the caller's rights: the wash
/// has booking tabs and no parts requests; a parts store has requests (and
/// booking tabs too, as its type binds installation).
#[tokio::test]
async fn store_tabs_follow_the_stores_type() {
    let app = TestApp::spawn().await;
    let w = crate::bookings::wash(&app).await;
    let (riyadh, _) = crate::shop::demo_stores(&app).await;
    let cookie = web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let page = |store: String| {
        let r = app
            .client
            .get(format!("{}/partner/stores/{store}/orders", app.base))
            .header("cookie", &cookie)
            .send();
        async move {
            let r = r.await.unwrap();
            assert_eq!(r.status(), 200);
            r.text().await.unwrap()
        }
    };
    let wash = page(w.store.to_string()).await;
    assert!(wash.contains("id=\"store-bookings\""), "{wash}");
    assert!(!wash.contains("id=\"store-requests\""), "{wash}");
    let parts = page(riyadh.to_string()).await;
    assert!(parts.contains("id=\"store-requests\""));
}
