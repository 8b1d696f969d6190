//! Admin content on every surface: a banner made on the admin page with its
//! picture shows only in the app it targets and only inside its window; the
//! apps' terms and privacy show the version published for their audience;
//! the landing's support page shows the customers' FAQs.

use serde_json::json;

use crate::harness::TestApp;
use crate::media::png;
use crate::web::web_session;

const SUPER_ADMIN: &str = "+966500000000";

/// A page's body and status, asked in `lang` with `cookie` (if any).
async fn page(app: &TestApp, path: &str, cookie: Option<&str>, lang: &str) -> (u16, String) {
    let mut r = app
        .client
        .get(format!("{}{path}", app.base))
        .header("accept-language", lang);
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    let r = r.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn csrf_of(html: &str) -> String {
    html.split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token")
        .to_owned()
}

/// The text of the element whose id is `id` up to its first tag's end.
fn inner<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).expect(id);
    let rest = &html[at..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest[open..].find('<').unwrap();
    &rest[open..open + close]
}

/// Posts the banner form (multipart) of the admin page; answers the status
/// and the body.
async fn post_banner(
    app: &TestApp,
    cookie: &str,
    path: &str,
    lang: &str,
    fields: &[(&str, &str)],
    image: Option<&[u8]>,
) -> (u16, String) {
    let boundary = "qitaa-banner-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let data = image.unwrap_or_default();
    let name = if image.is_some() { "b.png" } else { "" };
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("accept-language", lang)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn banner_id(app: &TestApp, token: &str, title: &str) -> String {
    let r = app.get("/api/v1/admin/content/banners", Some(token)).await;
    r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["titleEn"] == title)
        .unwrap_or_else(|| panic!("{title} in {r:?}"))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_banner_made_on_the_admin_page_shows_in_its_app_only_inside_its_window() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPER_ADMIN).await;
    let admin = web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let (status, html) = page(&app, "/admin/content?tab=banners", Some(&admin), "en").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"banner-form\""), "{html}");
    let csrf = csrf_of(&html);
    let picture = png(120, 50);

    // Every failing field is named beside it, in the admin's language.
    let (status, html) = post_banner(
        &app,
        &admin,
        "/admin/content/banners",
        "ar",
        &[
            ("_csrf", &csrf),
            ("title_ar", ""),
            ("title_en", "Deal"),
            ("link", "javascript:alert(1)"),
            ("app", "customer"),
            ("starts_at", "2030-01-02T10:00"),
            ("ends_at", "2030-01-01T10:00"),
            ("sort_order", "x"),
            ("active", "1"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 422, "{html}");
    for id in [
        "banner-title_ar-error",
        "banner-image-error",
        "banner-link-error",
        "banner-ends_at-error",
        "banner-sort-error",
    ] {
        assert!(!inner(&html, id).trim().is_empty(), "{id} is named: {html}");
    }
    assert!(inner(&html, "banner-title_en-error").trim().is_empty());
    assert!(
        inner(&html, "banner-image-error")
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "in Arabic: {}",
        inner(&html, "banner-image-error")
    );
    assert!(
        html.contains("value=\"Deal\""),
        "what was typed stays: {html}"
    );
    // A file that is no image is refused beside the file input.
    let (status, html) = post_banner(
        &app,
        &admin,
        "/admin/content/banners",
        "en",
        &[
            ("_csrf", &csrf),
            ("title_ar", "عرض"),
            ("title_en", "Deal"),
            ("app", "customer"),
        ],
        Some(b"MZ not a picture at all"),
    )
    .await;
    assert_eq!(status, 422, "{html}");
    assert!(!inner(&html, "banner-image-error").trim().is_empty());

    let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+3));
    let local = |t: time::OffsetDateTime| {
        t.format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]"
        ))
        .unwrap()
    };
    let yesterday = local(now - time::Duration::days(1));
    let tomorrow = local(now + time::Duration::days(1));
    let next_week = local(now + time::Duration::days(7));
    for (ar, en, target, starts, ends) in [
        (
            "عرض الأسبوع",
            "Week deal",
            "customer",
            yesterday.as_str(),
            next_week.as_str(),
        ),
        (
            "عرض الغد",
            "Tomorrow deal",
            "customer",
            tomorrow.as_str(),
            "",
        ),
        ("أخبار المتاجر", "Store news", "store", "", ""),
        ("مرحبا", "Landing hello", "landing", "", ""),
    ] {
        let (status, html) = post_banner(
            &app,
            &admin,
            "/admin/content/banners",
            "en",
            &[
                ("_csrf", &csrf),
                ("title_ar", ar),
                ("title_en", en),
                ("link", "/app/washes"),
                ("app", target),
                ("starts_at", starts),
                ("ends_at", ends),
                ("sort_order", "1"),
                ("active", "1"),
            ],
            Some(&picture),
        )
        .await;
        assert_eq!(status, 303, "{en}: {html}");
    }
    let week = banner_id(&app, &token, "Week deal").await;
    let (_, html) = page(&app, "/admin/content?tab=banners", Some(&admin), "en").await;
    assert!(
        html.contains("/admin/media/") && html.contains("class=\"banner-thumb\""),
        "a thumbnail per row: {html}"
    );

    // The customer home: the live customer banner only, its picture served.
    let (_, home) = page(&app, "/app", None, "en").await;
    assert!(home.contains("id=\"banners\""), "{home}");
    assert!(home.contains("alt=\"Week deal\""), "{home}");
    assert!(home.contains("loading=\"lazy\""));
    assert!(!home.contains("Tomorrow deal"), "not before its window");
    assert!(!home.contains("Store news") && !home.contains("Landing hello"));
    let (_, home_ar) = page(&app, "/app", None, "ar").await;
    assert!(home_ar.contains("alt=\"عرض الأسبوع\""), "{home_ar}");
    let src = home
        .split("class=\"banner-slide\"")
        .nth(1)
        .and_then(|s| s.split("src=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let r = app
        .client
        .get(format!("{}{src}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{src}");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/")
    );
    // A search shows results, not the slider.
    let (_, search) = page(&app, "/app?q=filter", None, "en").await;
    assert!(!search.contains("id=\"banners\""));

    // The store dashboard and the landing show theirs.
    let partner = web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let (status, dash) = page(&app, "/partner", Some(&partner), "en").await;
    assert_eq!(status, 200);
    assert!(dash.contains("alt=\"Store news\""), "{dash}");
    assert!(!dash.contains("Week deal"));
    let (_, landing) = page(&app, "/", None, "en").await;
    assert!(landing.contains("alt=\"Landing hello\""), "{landing}");
    assert!(!landing.contains("Week deal"));
    // The rider app has none: nothing is drawn, not an empty box.
    let rider = web_session(&app, "rider", "qitaa_rider_session", "0500000004").await;
    let (status, rider_home) = page(&app, "/rider", Some(&rider), "en").await;
    assert_eq!(status, 200);
    assert!(!rider_home.contains("id=\"banners\""), "{rider_home}");

    // Edited to the store app, then paused: the customer home draws no strip.
    let (_, form) = page(
        &app,
        &format!("/admin/content?tab=banners&edit={week}"),
        Some(&admin),
        "en",
    )
    .await;
    assert!(
        form.contains("value=\"Week deal\""),
        "the form holds it: {form}"
    );
    assert!(form.contains(&format!("action=\"/admin/content/banners/{week}\"")));
    let image_id = form
        .split("name=\"image_id\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let (status, html) = post_banner(
        &app,
        &admin,
        &format!("/admin/content/banners/{week}"),
        "en",
        &[
            ("_csrf", &csrf),
            ("title_ar", "عرض الأسبوع"),
            ("title_en", "Week deal for stores"),
            ("image_id", &image_id),
            ("app", "store"),
            ("sort_order", "0"),
            ("active", "1"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 303, "{html}");
    let (_, home) = page(&app, "/app", None, "en").await;
    assert!(!home.contains("id=\"banners\""), "{home}");
    let (_, dash) = page(&app, "/partner", Some(&partner), "en").await;
    assert!(dash.contains("alt=\"Week deal for stores\""), "{dash}");
    let r = app
        .client
        .post(format!("{}/admin/content/banners/{week}/active", app.base))
        .header("cookie", &admin)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={csrf}&active=0"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, dash) = page(&app, "/partner", Some(&partner), "en").await;
    assert!(!dash.contains("Week deal for stores"), "paused");
    assert!(dash.contains("Store news"));
    let r = app.get("/api/v1/admin/content/banners", Some(&token)).await;
    let paused = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == week.as_str())
        .unwrap()
        .clone();
    assert_eq!(paused["active"], false);
    assert_eq!(paused["imageId"], image_id.as_str(), "the picture stayed");
}

#[tokio::test]
async fn the_apps_show_the_terms_published_for_their_audience() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPER_ADMIN).await;
    let r = app.get("/api/v1/admin/content/pages", Some(&token)).await;
    let page_id = |slug: &str, audience: &str| {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug && p["audience"] == audience)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (id, title, body) in [
        (
            page_id("terms", "customer"),
            "Customer terms",
            "First customer text.",
        ),
        (
            page_id("terms", "customer"),
            "Customer terms",
            "Second customer text.",
        ),
        (
            page_id("terms", "supplier"),
            "Supplier terms",
            "Supplier text.",
        ),
    ] {
        let r = app
            .post(
                &format!("/api/v1/admin/content/pages/{id}/versions"),
                Some(&token),
                json!({"titleAr": format!("{title} ع"), "titleEn": title, "bodyAr": format!("{body} ع"), "bodyEn": body}),
            )
            .await;
        assert_eq!(r.status, 201, "{r:?}");
    }

    let customer = web_session(&app, "app", "qitaa_app_session", "0500000001").await;
    let (_, hub) = page(&app, "/app/account", Some(&customer), "en").await;
    assert!(
        hub.contains("id=\"link-terms\"") && hub.contains("href=\"/app/terms\""),
        "{hub}"
    );
    let (status, terms) = page(&app, "/app/terms", Some(&customer), "en").await;
    assert_eq!(status, 200);
    assert!(terms.contains("id=\"nav-account\""), "in the app's frame");
    assert!(terms.contains("data-published=\"true\""));
    assert!(terms.contains("Second customer text."), "{terms}");
    assert!(
        !terms.contains("First customer text."),
        "the current version"
    );
    assert!(!terms.contains("Supplier text."));
    assert!(
        terms.contains("Version 2, published"),
        "its version and date: {terms}"
    );
    let (_, terms_ar) = page(&app, "/app/terms", None, "ar").await;
    assert!(terms_ar.contains("Second customer text. ع"), "{terms_ar}");
    assert!(terms_ar.contains("lang=\"ar\""));
    // Nothing published for the privacy page: the built-in text, in the frame.
    let (status, privacy) = page(&app, "/app/privacy", None, "en").await;
    assert_eq!(status, 200);
    assert!(privacy.contains("data-published=\"false\""));
    assert!(privacy.contains("id=\"legal-doc\""));

    let partner = web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let (status, terms) = page(&app, "/partner/terms", Some(&partner), "en").await;
    assert_eq!(status, 200);
    assert!(
        terms.contains("id=\"nav-terms\""),
        "linked from the sidebar"
    );
    assert!(terms.contains("Supplier text."), "{terms}");
    assert!(!terms.contains("customer text"));

    let rider = web_session(&app, "rider", "qitaa_rider_session", "0500000004").await;
    let (_, profile) = page(&app, "/rider/profile", Some(&rider), "en").await;
    assert!(profile.contains("href=\"/rider/terms\""), "{profile}");
    let (status, terms) = page(&app, "/rider/terms", Some(&rider), "en").await;
    assert_eq!(status, 200);
    assert!(
        terms.contains("data-published=\"false\""),
        "none for representatives yet"
    );
    assert!(!terms.contains("Supplier text.") && !terms.contains("customer text"));
}

#[tokio::test]
async fn the_support_page_shows_the_customers_faqs_else_the_built_in_ones() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPER_ADMIN).await;
    let (_, html) = page(&app, "/support", None, "en").await;
    assert!(
        html.contains("How do I find a part that fits my car?"),
        "built in"
    );
    for (q, audience) in [
        ("How fast is delivery in Abha?", "customer"),
        ("When do stores get paid?", "supplier"),
    ] {
        let r = app
            .post(
                "/api/v1/admin/content/faqs",
                Some(&token),
                json!({"questionAr": format!("{q} ع"), "questionEn": q, "answerAr": "جواب", "answerEn": "Within a day.\nOften sooner.", "audience": audience}),
            )
            .await;
        assert_eq!(r.status, 201, "{r:?}");
    }
    let (status, html) = page(&app, "/support", None, "en").await;
    assert_eq!(status, 200);
    assert!(html.contains("How fast is delivery in Abha?"), "{html}");
    assert!(html.contains("Within a day.<br>Often sooner."));
    assert!(
        !html.contains("When do stores get paid?"),
        "suppliers' stay theirs"
    );
    assert!(!html.contains("How do I find a part that fits my car?"));
    let (_, html) = page(&app, "/support", None, "ar").await;
    assert!(html.contains("How fast is delivery in Abha? ع"));
}
