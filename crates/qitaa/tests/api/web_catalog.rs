//! The partner dashboard and the admin's review pages over plain HTTP:
//! sign-in cookies, store-scoped access, the review queues, CSRF.

use serde_json::json;
use uuid::Uuid;

use crate::harness::TestApp;

const SUPPLIER: &str = "+966500000002";
const EMPLOYEE: &str = "+966500000003";
const CUSTOMER: &str = "+966500000001";
const SUPER_ADMIN: &str = "+966500000000";
/// The demo admin holds `users.view` and `audit.view` only.
const ADMIN: &str = "+966500000005";

/// A signed-in browser: its cookies and the session's CSRF token.
struct Web {
    cookie: String,
    csrf: String,
}

fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A `multipart/form-data` body of text fields and files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = format!("----qitaa{}", Uuid::new_v4().simple());
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (k, name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The session's CSRF token as a page carries it for htmx.
fn csrf_of(html: &str) -> String {
    let at = html.find("X-CSRF-Token\": \"").expect("a signed-in page") + 16;
    html[at..at + 64].to_owned()
}

/// Signs `phone` in to `surface` (`admin` or `partner`) through its forms.
/// Answers the final response of the verify step and, when it set one,
/// the session cookie.
async fn sign_in(app: &TestApp, surface: &str, phone: &str) -> (reqwest::Response, Option<String>) {
    let token = "d".repeat(64);
    let csrf_cookie = format!("qitaa_csrf={token}");
    let post = |path: String, body: String| {
        app.client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", "en")
            .header("cookie", csrf_cookie.clone())
            .body(body)
            .send()
    };
    let r = post(
        format!("/{surface}/sign-in"),
        form(&[("phone", phone), ("_csrf", &token)]),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let code = if app::config::DEMO_PHONES.contains(&phone) {
        app::config::DEMO_CODE.to_owned()
    } else {
        app.last_code(phone).await
    };
    let r = post(
        format!("/{surface}/sign-in/verify"),
        form(&[("phone", phone), ("code", &code), ("_csrf", &token)]),
    )
    .await
    .unwrap();
    let session = set_cookie(&r, &format!("qitaa_{surface}_session"));
    (r, session)
}

async fn signed_in(app: &TestApp, surface: &str, phone: &str) -> Web {
    let (r, session) = sign_in(app, surface, phone).await;
    assert_eq!(r.status(), 303, "{phone} signs in to {surface}");
    let cookie = cookie_pair(&session.expect("a session cookie"));
    let home = if surface == "admin" {
        "/admin/users"
    } else {
        "/partner/stores"
    };
    let html = get(app, &cookie, home, "en").await.1;
    Web {
        csrf: csrf_of(&html),
        cookie,
    }
}

async fn get(app: &TestApp, cookie: &str, path: &str, lang: &str) -> (u16, String) {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn store_id(app: &TestApp, name_en: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM stores WHERE name_en = $1 AND deleted_at IS NULL")
        .bind(name_en)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn product_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM products WHERE deleted_at IS NULL")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn partner_sign_in_sets_the_session_cookie_for_suppliers_only() {
    let app = TestApp::spawn().await;
    let (r, session) = sign_in(&app, "partner", SUPPLIER).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/partner");
    let session = session.expect("the partner session cookie");
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && session.contains("Path=/"),
        "{session}"
    );
    assert!(
        !session.contains("Secure"),
        "plain HTTP in tests: {session}"
    );
    let cookie = cookie_pair(&session);
    // The supplier has a company, so the dashboard opens on its home.
    let (status, html) = get(&app, &cookie, "/partner", "en").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"kpi-sales\""), "{html}");
    let (status, html) = get(&app, &cookie, "/partner/stores", "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Riyadh Branch") && html.contains("Jeddah Branch"),
        "{html}"
    );
    assert!(html.contains("2 stores"), "{html}");

    // On its own host the surface drops its prefix.
    let r = app
        .client
        .get(format!("{}/stores", app.base))
        .header("host", "partner.qitaa.test")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/sign-in");
    let r = app
        .client
        .get(format!("{}/stores", app.base))
        .header("host", "partner.qitaa.test")
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(
        html.contains(r#"href="/stores/"#) && !html.contains("/partner/"),
        "{html}"
    );

    // The admin cookie is another surface's: it opens nothing here.
    let admin = signed_in(&app, "admin", SUPER_ADMIN).await;
    let r = app
        .client
        .get(format!("{}/partner/stores", app.base))
        .header(
            "cookie",
            admin
                .cookie
                .replace("qitaa_admin_session", "qitaa_partner_session"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "an admin is no partner");

    // A customer who works at no store is told so, and keeps no session.
    let (r, session) = sign_in(&app, "partner", CUSTOMER).await;
    assert_eq!(r.status(), 403);
    assert!(session.is_none());
    let html = r.text().await.unwrap();
    assert!(
        html.contains("no access to the partner dashboard"),
        "{html}"
    );
    let live: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM auth_sessions s JOIN users u ON u.id = s.user_id \
         WHERE u.phone = $1 AND s.kind = 'web' AND s.revoked_at IS NULL",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(live, 0);
}

#[tokio::test]
async fn the_store_products_page_lists_the_demo_products() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", SUPPLIER).await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let (status, html) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{riyadh}/products"),
        "en",
    )
    .await;
    assert_eq!(status, 200);
    for name in [
        "Oil filter - Toyota Camry",
        "Engine air filter - Hyundai Elantra",
        "Iridium spark plugs - Toyota",
    ] {
        assert!(html.contains(name), "{name} in {html}");
    }
    assert!(!html.contains("Front brake pads"), "a Jeddah product");
    assert!(html.contains("SAR 45.00"), "prices in SAR: {html}");
    assert!(
        html.contains("id=\"new-product\""),
        "the owner may add products"
    );

    // Arabic: right to left, prices in riyals, the count with its plural form.
    let (_, html) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{riyadh}/products"),
        "ar",
    )
    .await;
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains("45.00 ر.س"), "{html}");
    assert!(html.contains("3 منتجات"), "{html}");
}

#[tokio::test]
async fn an_employee_with_products_view_sees_the_list_but_may_not_create() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", EMPLOYEE).await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let jeddah = store_id(&app, "Jeddah Branch").await;
    let (status, html) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{riyadh}/products"),
        "en",
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Oil filter - Toyota Camry"), "{html}");
    assert!(
        !html.contains("id=\"new-product\""),
        "no add button without products.manage"
    );
    let (_, html) = get(&app, &web.cookie, "/partner/stores", "en").await;
    assert!(
        html.contains("Riyadh Branch") && !html.contains("Jeddah Branch"),
        "{html}"
    );
    assert!(
        !html.contains("id=\"store-form\""),
        "employees open no stores"
    );
    assert!(!html.contains("id=\"nav-company\""), "nor have a company");

    let before = product_count(&app).await;
    let (content_type, body) = multipart(
        &[
            ("_csrf", &web.csrf),
            ("nameAr", "فلتر"),
            ("nameEn", "Filter"),
            ("condition", "new"),
            ("price", "10"),
            ("fit_make", ""),
        ],
        &[],
    );
    let r = app
        .client
        .post(format!("{}/partner/stores/{riyadh}/products", app.base))
        .header("cookie", &web.cookie)
        .header("accept-language", "en")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"error-message\"") && html.contains("You do not have permission"),
        "{html}"
    );
    assert_eq!(product_count(&app).await, before);

    // The form itself and the team page are not theirs either; another store is not even there.
    let (status, _) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{riyadh}/products/new"),
        "en",
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{riyadh}/team"),
        "en",
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = get(
        &app,
        &web.cookie,
        &format!("/partner/stores/{jeddah}/products"),
        "en",
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn product_form_errors_are_shown_next_to_the_fields_in_the_page_language() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", SUPPLIER).await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let before = product_count(&app).await;
    let (content_type, body) = multipart(
        &[
            ("_csrf", &web.csrf),
            ("nameAr", ""),
            ("nameEn", "Wiper blade"),
            ("condition", "new"),
            ("price", "45.505"),
            ("fit_make", ""),
            ("fit_model", ""),
            ("fit_from", ""),
            ("fit_to", ""),
        ],
        &[],
    );
    let r = app
        .client
        .post(format!("{}/partner/stores/{riyadh}/products", app.base))
        .header("cookie", &web.cookie)
        .header("accept-language", "ar")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("أدخل السعر بالريال"), "price: {html}");
    assert!(html.contains("هذا الحقل مطلوب"), "name: {html}");
    assert!(html.contains("أضف سيارة واحدة على الأقل"), "fitment: {html}");
    assert!(
        html.contains("value=\"Wiper blade\""),
        "the form keeps what was typed"
    );
    assert_eq!(product_count(&app).await, before);
}

#[tokio::test]
async fn the_admin_company_queue_lists_a_new_pending_company() {
    let app = TestApp::spawn().await;
    let token = app.sign_in_as("0551000077", Some("SUPPLIER")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .post(
            "/api/v1/partner/company",
            Some(&token),
            json!({
                "legalNameAr": "شركة الصفحات للتجارة",
                "legalNameEn": "Pages Trading Co.",
                "crNumber": "1010777777",
                "vatNumber": "310000000000003",
                "city": "الرياض",
                "address": "حي الملز، الرياض",
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["id"].as_str().unwrap().to_owned();

    let admin = signed_in(&app, "admin", SUPER_ADMIN).await;
    let (status, html) = get(&app, &admin.cookie, "/admin/companies", "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Pages Trading Co.") && html.contains(&id),
        "{html}"
    );
    assert!(
        !html.contains("Qitaa Demo Parts Co."),
        "the queue holds pending companies"
    );
    let (_, html) = get(&app, &admin.cookie, "/admin/companies?status=", "en").await;
    assert!(
        html.contains("Qitaa Demo Parts Co."),
        "every status: {html}"
    );
    let (status, html) = get(&app, &admin.cookie, &format!("/admin/companies/{id}"), "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("1010777777") && html.contains("310000000000003"),
        "{html}"
    );

    // Rejected through htmx with a reason, which the supplier then reads.
    let r = app
        .client
        .post(format!("{}/admin/companies/{id}/reject", app.base))
        .header("cookie", &admin.cookie)
        .header("x-csrf-token", &admin.csrf)
        .header("hx-request", "true")
        .header(
            "hx-prompt",
            "%D8%A7%D9%84%D8%B3%D8%AC%D9%84%20%D9%85%D9%86%D8%AA%D9%87%D9%8A",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"company-review\"") && html.contains("السجل منتهي"),
        "{html}"
    );
    let (status, reason): (String, Option<String>) =
        sqlx::query_as("SELECT status, rejection_reason FROM companies WHERE id = $1")
            .bind(Uuid::parse_str(&id).unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("rejected", Some("السجل منتهي"))
    );

    // An admin without companies.manage gets the 403 page on every review page.
    let limited = signed_in(&app, "admin", ADMIN).await;
    for path in ["/admin/companies", "/admin/products", "/admin/taxonomy"] {
        let (status, html) = get(&app, &limited.cookie, path, "en").await;
        assert_eq!(status, 403, "{path}");
        assert!(
            html.contains("You do not have permission"),
            "{path}: {html}"
        );
    }
}

#[tokio::test]
async fn partner_forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", SUPPLIER).await;
    let stores_before: i64 = sqlx::query_scalar("SELECT count(*) FROM stores")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let body = form(&[
        ("nameAr", "فرع الدمام"),
        ("nameEn", "Dammam Branch"),
        ("city", "الدمام"),
        ("address", "طريق الملك سعود"),
        ("lat", "26.4"),
        ("lng", "50.1"),
    ]);
    for token in [None, Some("e".repeat(64))] {
        let body = match &token {
            Some(t) => format!("{body}&_csrf={t}"),
            None => body.clone(),
        };
        let r = app
            .client
            .post(format!("{}/partner/stores", app.base))
            .header("cookie", &web.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept-language", "en")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        assert!(r.text().await.unwrap().contains("The form expired"));
    }
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let (content_type, body) = multipart(&[("nameEn", "X"), ("price", "1")], &[]);
    let r = app
        .client
        .post(format!("{}/partner/stores/{riyadh}/products", app.base))
        .header("cookie", &web.cookie)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let stores_after: i64 = sqlx::query_scalar("SELECT count(*) FROM stores")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stores_after, stores_before);
}

async fn post_form(app: &TestApp, web: &Web, path: &str, pairs: &[(&str, &str)]) -> (u16, String) {
    let mut pairs = pairs.to_vec();
    pairs.push(("_csrf", &web.csrf));
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("cookie", &web.cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "en")
        .body(form(&pairs))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn post_htmx(app: &TestApp, web: &Web, path: &str, pairs: &[(&str, &str)]) -> (u16, String) {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("cookie", &web.cookie)
        .header("x-csrf-token", &web.csrf)
        .header("hx-request", "true")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "en")
        .body(form(pairs))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn post_multipart(
    app: &TestApp,
    web: &Web,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (u16, String) {
    let mut fields = fields.to_vec();
    fields.push(("_csrf", &web.csrf));
    let (content_type, body) = multipart(&fields, files);
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("cookie", &web.cookie)
        .header("content-type", content_type)
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_new_supplier_registers_the_company_and_sends_it_again_after_a_rejection() {
    let app = TestApp::spawn().await;
    app.sign_in_as("0551000088", Some("SUPPLIER")).await;
    let web = {
        let (r, session) = sign_in(&app, "partner", "+966551000088").await;
        assert_eq!(r.status(), 303);
        let cookie = cookie_pair(&session.unwrap());
        let r = app
            .client
            .get(format!("{}/partner", app.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers()["location"],
            "/partner/company",
            "no company yet"
        );
        let (status, html) = get(&app, &cookie, "/partner/company", "en").await;
        assert_eq!(status, 200);
        assert!(html.contains("id=\"company-form\""));
        Web {
            csrf: csrf_of(&html),
            cookie,
        }
    };
    // Stores wait for the company.
    let (_, html) = get(&app, &web.cookie, "/partner/stores", "en").await;
    assert!(html.contains("Register your company first"), "{html}");

    let fields = [
        ("legalNameAr", "شركة النموذج"),
        ("legalNameEn", "Form Parts Co."),
        ("crNumber", "١٠١٠٨٨٨٨٨٨"),
        ("vatNumber", "12"),
        ("city", "جدة"),
        ("address", "شارع التحلية"),
    ];
    let pdf: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    let (status, html) = post_multipart(&app, &web, "/partner/company", &fields, &[]).await;
    assert_eq!(status, 422);
    assert!(html.contains("The VAT number is 15 digits"), "{html}");
    let mut fields = fields.to_vec();
    fields[3] = ("vatNumber", "310000000000003");
    let (status, _) = post_multipart(
        &app,
        &web,
        "/partner/company",
        &fields,
        &[("crDocument", "cr.pdf", pdf)],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = get(&app, &web.cookie, "/partner/company", "en").await;
    assert!(
        html.contains("Pending review") && html.contains("Commercial registration certificate"),
        "{html}"
    );
    assert!(
        !html.contains("id=\"company-form\""),
        "no form while waiting"
    );
    let (id, media): (Uuid, Uuid) = sqlx::query_as(
        "SELECT c.id, d.media_id FROM companies c JOIN company_documents d ON d.company_id = c.id \
         WHERE c.cr_number = '1010888888'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    // The document is served to its owner under the surface's path.
    let r = app
        .client
        .get(format!("{}/partner/media/{media}", app.base))
        .header("cookie", &web.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");

    let admin = app.token_of("0500000000").await;
    let r = app
        .post(
            &format!("/api/v1/admin/companies/{id}/reject"),
            Some(&admin),
            json!({"reason": "CR certificate expired"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let (_, html) = get(&app, &web.cookie, "/partner/company", "en").await;
    assert!(
        html.contains("CR certificate expired") && html.contains("id=\"company-form\""),
        "{html}"
    );
    assert!(
        html.contains("value=\"Form Parts Co.\""),
        "the form starts from the company"
    );
    fields[1] = ("legalNameEn", "Form Parts Company");
    let (status, _) = post_multipart(&app, &web, "/partner/company", &fields, &[]).await;
    assert_eq!(status, 303);
    let (status, name): (String, String) =
        sqlx::query_as("SELECT status, legal_name_en FROM companies WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), name.as_str()),
        ("pending", "Form Parts Company")
    );
}

#[tokio::test]
async fn owners_open_stores_and_manage_their_team() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", SUPPLIER).await;
    let parts_shop: Uuid =
        sqlx::query_scalar("SELECT id FROM store_types WHERE slug = 'parts-shop'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let parts_shop = parts_shop.to_string();
    let mut store = vec![
        ("storeTypeId", parts_shop.as_str()),
        ("nameAr", "فرع الدمام"),
        ("nameEn", "Dammam Branch"),
        ("city", "الدمام"),
        ("address", "طريق الملك سعود"),
        ("lat", "26.43"),
        ("lng", "north"),
        ("days", "sat"),
        ("days", "sun"),
        ("open", "09:00"),
        ("close", "22:00"),
    ];
    let (status, html) = post_form(&app, &web, "/partner/stores", &store).await;
    assert_eq!(status, 422);
    assert!(html.contains("Enter a number."), "{html}");
    store[6] = ("lng", "50.1");
    let (status, _) = post_form(&app, &web, "/partner/stores", &store).await;
    assert_eq!(status, 303);
    let (status, hours): (String, serde_json::Value) =
        sqlx::query_as("SELECT status, working_hours FROM stores WHERE name_en = 'Dammam Branch'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, "pending");
    assert_eq!(
        hours,
        json!({"sat": [["09:00", "22:00"]], "sun": [["09:00", "22:00"]]})
    );

    // The Riyadh team: the demo employee with their two permissions.
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let team = format!("/partner/stores/{riyadh}/team");
    let (status, html) = get(&app, &web.cookie, &team, "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("+966500000003") && html.contains("One employee"),
        "{html}"
    );
    assert!(html.contains(r#"value="products.view" checked"#), "{html}");

    let (status, _) = post_form(
        &app,
        &web,
        &team,
        &[
            ("phone", "0551000099"),
            ("permissions", "products.view"),
            ("permissions", "products.manage"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let employee: Uuid = sqlx::query_scalar(
        "SELECT e.id FROM store_employees e JOIN users u ON u.id = e.user_id \
         WHERE u.phone = '+966551000099' AND e.deleted_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let (status, html) = post_htmx(
        &app,
        &web,
        &format!("{team}/{employee}"),
        &[("permissions", "orders.view")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("id=\"employee-{employee}\""))
            && html.contains(r#"value="orders.view" checked"#),
        "{html}"
    );
    let (status, html) = post_htmx(&app, &web, &format!("{team}/{employee}/remove"), &[]).await;
    assert_eq!((status, html.as_str()), (200, ""));
    let (_, html) = get(&app, &web.cookie, &team, "en").await;
    assert!(!html.contains("+966551000099"));
}

#[tokio::test]
async fn admins_add_makes_models_and_categories() {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, "admin", SUPER_ADMIN).await;
    let (status, html) = get(&app, &admin.cookie, "/admin/taxonomy", "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Toyota") && html.contains("Oil filters"),
        "{html}"
    );

    let (status, html) = post_form(
        &app,
        &admin,
        "/admin/taxonomy/makes",
        &[
            ("slug", "toyota"),
            ("nameAr", "تويوتا"),
            ("nameEn", "Toyota"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    assert!(html.contains("This slug is already in use."), "{html}");
    let (status, _) = post_form(
        &app,
        &admin,
        "/admin/taxonomy/makes",
        &[("slug", "lucid"), ("nameAr", "لوسد"), ("nameEn", "Lucid")],
    )
    .await;
    assert_eq!(status, 303);
    let lucid: Uuid = sqlx::query_scalar("SELECT id FROM car_makes WHERE slug = 'lucid'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let models = format!("/admin/taxonomy/makes/{lucid}/models");
    let (status, html) = post_form(
        &app,
        &admin,
        &models,
        &[
            ("slug", "lucid-air"),
            ("nameAr", "إير"),
            ("nameEn", "Air"),
            ("yearFrom", "2022"),
            ("yearTo", "2020"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("cannot be before the first year"), "{html}");
    let (status, _) = post_form(
        &app,
        &admin,
        &models,
        &[
            ("slug", "lucid-air"),
            ("nameAr", "إير"),
            ("nameEn", "Air"),
            ("yearFrom", "2022"),
            ("yearTo", ""),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, html) = get(
        &app,
        &admin.cookie,
        &format!("/admin/taxonomy/makes/{lucid}"),
        "ar",
    )
    .await;
    assert!(
        html.contains("إير") && html.contains("موديل واحد"),
        "{html}"
    );

    let filters: Uuid =
        sqlx::query_scalar("SELECT id FROM categories WHERE name_en = 'Oil filters'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let (status, _) = post_form(
        &app,
        &admin,
        "/admin/taxonomy/categories",
        &[
            ("parentId", &filters.to_string()),
            ("slug", "cartridge-oil-filters"),
            ("nameAr", "فلاتر زيت خرطوشة"),
            ("nameEn", "Cartridge oil filters"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let parent: Option<Uuid> =
        sqlx::query_scalar("SELECT parent_id FROM categories WHERE slug = 'cartridge-oil-filters'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(parent, Some(filters));
}

#[tokio::test]
async fn editing_the_price_keeps_a_product_live_and_editing_its_name_does_not() {
    let app = TestApp::spawn().await;
    let web = signed_in(&app, "partner", SUPPLIER).await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let product: Uuid =
        sqlx::query_scalar("SELECT id FROM products WHERE name_en = 'Oil filter - Toyota Camry'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let edit = format!("/partner/stores/{riyadh}/products/{product}/edit");
    let (status, html) = get(&app, &web.cookie, &edit, "en").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"value="45.00""#) && html.contains(r#"value="04152-YZZA1""#),
        "{html}"
    );
    assert!(
        html.contains(r#"name="imageIds""#),
        "the demo image is kept"
    );

    // The form as the page sends it back, with one change at a time.
    let field = |name: &str| -> String {
        let at = html.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
        html[at..].split('"').next().unwrap().to_owned()
    };
    let select = |class: &str| -> String {
        let at = html.find(&format!("class=\"{class}\"")).unwrap();
        let options = &html[at..];
        let sel = options.find(" selected>").unwrap();
        let start = options[..sel].rfind("value=\"").unwrap() + 7;
        options[start..sel - 1].to_owned()
    };
    let (make, model) = (select("fit-make"), select("fit-model"));
    let image = field("imageIds");
    let base = vec![
        ("nameAr".to_owned(), "فلتر الزيت - تويوتا كامري".to_owned()),
        ("nameEn".to_owned(), "Oil filter - Toyota Camry".to_owned()),
        (
            "descriptionAr".to_owned(),
            "فلتر زيت أصلي لمحركات كامري ٢.٥ لتر.".to_owned(),
        ),
        (
            "descriptionEn".to_owned(),
            "Genuine oil filter for Camry 2.5 L engines.".to_owned(),
        ),
        ("condition".to_owned(), "new".to_owned()),
        ("brand".to_owned(), "Toyota Genuine".to_owned()),
        ("oemNumbers".to_owned(), "04152-YZZA1".to_owned()),
        ("price".to_owned(), "50".to_owned()),
        ("stock".to_owned(), "40".to_owned()),
        ("imageIds".to_owned(), image),
        ("fit_make".to_owned(), make),
        ("fit_model".to_owned(), model),
        ("fit_from".to_owned(), "2012".to_owned()),
        ("fit_to".to_owned(), "2024".to_owned()),
        ("action".to_owned(), "save".to_owned()),
    ];
    let path = format!("/partner/stores/{riyadh}/products/{product}");
    let send = async |pairs: Vec<(String, String)>| {
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        post_multipart(&app, &web, &path, &refs, &[]).await
    };
    let status_of = || async {
        sqlx::query_as::<_, (String, i64)>("SELECT status, price FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    // The demo name carries diacritics; the form sends the name as stored.
    let stored_ar: String = sqlx::query_scalar("SELECT name_ar FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let mut same = base.clone();
    same[0].1 = stored_ar;
    let (status, _) = send(same.clone()).await;
    assert_eq!(status, 303);
    assert_eq!(status_of().await, ("active".into(), 5000));
    let mut renamed = same;
    renamed[1].1 = "Oil filter - Toyota Camry 2.5".into();
    let (status, _) = send(renamed).await;
    assert_eq!(status, 303);
    assert_eq!(status_of().await, ("pending_approval".into(), 5000));
}
