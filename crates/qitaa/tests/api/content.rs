//! Site content: banners live by window and app, FAQs by audience, versioned
//! static pages (API and landing), the contact inbox behind a honeypot and a
//! per-address cap, social links in the footer, and who may manage them.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};
use crate::media::{png, upload};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";

async fn send(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> Reply {
    app.call(method, path, Some(token), Some(body), "en").await
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// An app whose proxy (the test client) is trusted, so each scenario can
/// speak from its own client address.
async fn behind_proxy() -> TestApp {
    TestApp::spawn_with(
        |c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()],
        None,
    )
    .await
}

async fn contact_from(app: &TestApp, ip: &str, body: Value) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/content/contact", app.base))
        .header("x-forwarded-for", ip)
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn message(subject: &str) -> Value {
    json!({"name": "Sara", "contact": "sara@example.sa", "subject": subject, "message": "Where is my order?"})
}

async fn inbox_subjects(app: &TestApp, admin: &str) -> Vec<String> {
    let r = app.get("/api/v1/admin/contact-messages", Some(admin)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn banners_are_listed_by_app_inside_their_window_and_in_order() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let image = upload(
        &app,
        &admin,
        "PRODUCT_IMAGE",
        "b.png",
        "image/png",
        &png(40, 20),
    )
    .await;
    assert_eq!(image.status, 201, "{image:?}");
    let image_id = image.body["data"]["id"].as_str().unwrap().to_owned();
    let now = time::OffsetDateTime::now_utc();
    let hour = time::Duration::hours(1);
    let banner = |title: &str, app_name: &str, sort: i32, extra: Value| {
        let mut b = json!({"titleAr": title, "titleEn": title, "imageId": image_id, "app": app_name, "sortOrder": sort, "link": "/app/offers"});
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    for body in [
        banner(
            "second",
            "customer",
            2,
            json!({"startsAt": rfc3339(now - hour), "endsAt": rfc3339(now + hour)}),
        ),
        banner("first", "customer", 1, json!({})),
        banner(
            "future",
            "customer",
            0,
            json!({"startsAt": rfc3339(now + hour)}),
        ),
        banner(
            "ended",
            "customer",
            0,
            json!({"endsAt": rfc3339(now - hour)}),
        ),
        banner("off", "customer", 0, json!({"active": false})),
        banner("rider", "rider", 0, json!({})),
    ] {
        let r = send(
            &app,
            Method::POST,
            "/api/v1/admin/content/banners",
            &admin,
            body,
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
    }
    let r = app.get("/api/v1/content/banners?app=customer", None).await;
    assert_eq!(r.status, 200, "{r:?}");
    let titles: Vec<&str> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["titleEn"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["first", "second"]);
    assert_eq!(
        r.body["data"][0]["imageUrl"],
        format!("/api/v1/media/{image_id}")
    );
    let r = app.get("/api/v1/content/banners?app=rider", None).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 1, "{r:?}");

    // The admin sees all six; an edit and a delete are audited.
    let r = app.get("/api/v1/admin/content/banners", Some(&admin)).await;
    let all = r.body["data"].as_array().unwrap().clone();
    assert_eq!(all.len(), 6, "{r:?}");
    let off = all.iter().find(|b| b["titleEn"] == "off").unwrap();
    let path = format!(
        "/api/v1/admin/content/banners/{}",
        off["id"].as_str().unwrap()
    );
    let r = send(
        &app,
        Method::PUT,
        &path,
        &admin,
        banner("back", "customer", 3, json!({})),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/content/banners?app=customer", None).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 3, "{r:?}");
    let r = app
        .call(Method::DELETE, &path, Some(&admin), None, "en")
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/content/banners?app=customer", None).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 2, "{r:?}");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action IN ('banner.create', 'banner.update', 'banner.delete')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 8);

    // A document upload is no banner image.
    let r = send(
        &app,
        Method::POST,
        "/api/v1/admin/content/banners",
        &admin,
        banner("x", "customer", 0, json!({"imageId": Uuid::now_v7()})),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["imageId"].is_array(), "{r:?}");
}

#[tokio::test]
async fn faqs_are_filtered_by_audience_and_inactive_ones_hidden() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    for (q, audience, active) in [
        ("customers ask", "customer", true),
        ("suppliers ask", "supplier", true),
        ("hidden", "customer", false),
    ] {
        let r = send(
            &app,
            Method::POST,
            "/api/v1/admin/content/faqs",
            &admin,
            json!({"questionAr": q, "questionEn": q, "answerAr": "ج", "answerEn": "A", "audience": audience, "active": active}),
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
    }
    let questions = |r: &Reply| -> Vec<String> {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["questionEn"].as_str().unwrap().to_owned())
            .collect()
    };
    let r = app
        .get("/api/v1/content/faqs?audience=customer", None)
        .await;
    assert_eq!(questions(&r), ["customers ask"]);
    let r = app
        .get("/api/v1/content/faqs?audience=supplier", None)
        .await;
    assert_eq!(questions(&r), ["suppliers ask"]);
    let r = app
        .get("/api/v1/content/faqs?audience=representative", None)
        .await;
    assert!(questions(&r).is_empty());
    let r = app
        .get("/api/v1/content/faqs?audience=martians", None)
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["audience"].is_array(), "{r:?}");
}

#[tokio::test]
async fn publishing_twice_makes_versions_one_and_two_and_the_landing_shows_the_current() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let r = app.get("/api/v1/admin/content/pages", Some(&admin)).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 6, "{r:?}");
    let page = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "terms" && p["audience"] == "customer")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.get("/api/v1/content/pages/terms?audience=customer", None)
            .await
            .status,
        404,
        "nothing published yet"
    );
    let versions = format!("/api/v1/admin/content/pages/{page}/versions");
    for n in 1..=2 {
        let r = send(
            &app,
            Method::POST,
            &versions,
            &admin,
            json!({"titleAr": format!("الشروط {n}"), "titleEn": format!("Terms {n}"), "bodyAr": format!("نص الإصدار {n}"), "bodyEn": format!("First paragraph of version {n}.\n\nSecond <paragraph>.")}),
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
        assert_eq!(r.body["data"]["version"], n);
    }
    let r = app
        .get("/api/v1/content/pages/terms?audience=customer", None)
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["version"], 2);
    assert_eq!(r.body["data"]["titleEn"], "Terms 2");
    assert!(r.body["data"]["publishedAt"].is_string());
    assert_eq!(
        app.get("/api/v1/content/pages/terms?audience=supplier", None)
            .await
            .status,
        404,
        "another audience's page is its own"
    );
    let r = app.get(&format!("{versions}/1"), Some(&admin)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["titleEn"], "Terms 1");
    let r = app.get(&versions, Some(&admin)).await;
    let listed: Vec<i64> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, [2, 1]);

    // The landing's /terms shows the published text, escaped, by paragraph.
    let html = app
        .client
        .get(format!("{}/terms", app.base))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("First paragraph of version 2."), "{html}");
    assert!(html.contains("Second &lt;paragraph&gt;."));
    assert!(html.contains("Version 2"));
    // Privacy has nothing published: the built-in text stays.
    let privacy = app
        .client
        .get(format!("{}/privacy", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!privacy.contains("version 2"));
    assert!(privacy.contains("privacy-page"));
}

#[tokio::test]
async fn the_contact_form_drops_bots_caps_each_address_and_fills_the_inbox() {
    let app = behind_proxy().await;
    let admin = app.token_of(SUPER_ADMIN).await;

    // A filled honeypot: the same answer as a person's, nothing kept.
    let mut bot = message("bot");
    bot["website"] = json!("https://spam.example");
    let r = contact_from(&app, "198.51.100.1", bot).await;
    assert_eq!(r.status(), 201);
    assert!(inbox_subjects(&app, &admin).await.is_empty());

    // A person's message lands in the inbox.
    let r = contact_from(&app, "198.51.100.2", message("order")).await;
    assert_eq!(r.status(), 201);
    assert_eq!(inbox_subjects(&app, &admin).await, ["order"]);

    // Five an hour from one address; the sixth is refused.
    for n in 0..5 {
        let r = contact_from(&app, "198.51.100.3", message(&format!("m{n}"))).await;
        assert_eq!(r.status(), 201, "message {n}");
    }
    let r = contact_from(&app, "198.51.100.3", message("sixth")).await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(inbox_subjects(&app, &admin).await.len(), 6);

    // Another address is not affected.
    let r = contact_from(&app, "198.51.100.4", message("other")).await;
    assert_eq!(r.status(), 201);

    // Every failing field is named.
    let r = contact_from(
        &app,
        "198.51.100.5",
        json!({"name": " ", "contact": "not a contact", "subject": "", "message": "x".repeat(5001)}),
    )
    .await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    for f in ["name", "contact", "subject", "message"] {
        assert!(v["error"]["fields"][f].is_array(), "{f}: {v}");
    }

    // The admin marks a message read, then filters by status.
    let r = app
        .get(
            "/api/v1/admin/contact-messages?status=new&perPage=1",
            Some(&admin),
        )
        .await;
    assert_eq!(r.body["meta"]["total"], 7, "{r:?}");
    let id = r.body["data"][0]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/admin/contact-messages/{id}/status"),
            Some(&admin),
            json!({"status": "read"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app
        .get("/api/v1/admin/contact-messages?status=read", Some(&admin))
        .await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 1, "{r:?}");
}

#[tokio::test]
async fn the_support_page_form_posts_to_the_inbox_and_a_bot_gets_the_same_redirect() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let token = "c".repeat(64);
    let post = |body: String| {
        app.client
            .post(format!("{}/support", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}"))
            .header("accept-language", "en")
            .body(body)
            .send()
    };
    let page = app
        .client
        .get(format!("{}/support", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"contact-form\""));

    let r = post(format!(
        "_csrf={token}&name=Bot&contact=bot%40example.sa&subject=spam&message=buy&website=x"
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 303);
    assert!(
        inbox_subjects(&app, &admin).await.is_empty(),
        "the bot's message is dropped"
    );

    let r = post(format!(
        "_csrf={token}&name=Ali&contact=0551234567&subject=web+form&message=Hello"
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/support?sent=1#write");
    assert_eq!(inbox_subjects(&app, &admin).await, ["web form"]);

    let r = post(format!("_csrf={token}&name=&contact=x&subject=&message="))
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("contact-name-error") && html.contains("aria-invalid"));
}

#[tokio::test]
async fn social_links_replace_the_list_and_show_in_the_footer() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let footer = |app: &TestApp| {
        let url = format!("{}/privacy", app.base);
        let client = app.client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    assert!(
        footer(&app).await.contains("+966 11 000 0000"),
        "the built-in lines before any link"
    );

    let put = |body: Value| {
        send(
            &app,
            Method::PUT,
            "/api/v1/admin/content/social-links",
            &admin,
            body,
        )
    };
    let r = put(json!({"links": [
        {"kind": "instagram", "value": "https://instagram.com/qitaa"},
        {"kind": "phone", "value": "+966 55 123 4567"},
        {"kind": "x", "value": "https://x.com/qitaa", "active": false},
    ]}))
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = put(json!({"links": [
        {"kind": "whatsapp", "value": "+966551234567"},
        {"kind": "email", "value": "hello@qitaa.sa"},
    ]}))
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/content/social-links", None).await;
    let kinds: Vec<&str> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["whatsapp", "email"],
        "the second list replaced the first"
    );

    let html = footer(&app).await;
    assert!(html.contains("https://wa.me/966551234567"), "{html}");
    assert!(html.contains("mailto:hello@qitaa.sa"));
    assert!(!html.contains("+966 11 000 0000"));

    let r = put(json!({"links": [
        {"kind": "instagram", "value": "instagram.com/qitaa"},
        {"kind": "email", "value": "nope"},
        {"kind": "phone", "value": " "},
    ]}))
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["links[0].value", "links[1].value", "links[2].value"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
}

#[tokio::test]
async fn validation_names_every_field_and_customers_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let r = send(
        &app,
        Method::POST,
        "/api/v1/admin/content/banners",
        &admin,
        json!({"titleAr": "", "titleEn": "x".repeat(201), "imageId": Uuid::nil(), "app": "customer", "link": "javascript:alert(1)", "startsAt": "2026-02-01T00:00:00Z", "endsAt": "2026-01-01T00:00:00Z"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["titleAr", "titleEn", "link", "endsAt"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    let r = send(
        &app,
        Method::POST,
        "/api/v1/admin/content/faqs",
        &admin,
        json!({"questionAr": "", "questionEn": " ", "answerAr": "", "answerEn": "", "audience": "customer"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["questionAr", "questionEn", "answerAr", "answerEn"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    let r = app.get("/api/v1/admin/content/pages", Some(&admin)).await;
    let page = r.body["data"][0]["id"].as_str().unwrap().to_owned();
    let r = send(
        &app,
        Method::POST,
        &format!("/api/v1/admin/content/pages/{page}/versions"),
        &admin,
        json!({"titleAr": "", "titleEn": "", "bodyAr": "x".repeat(50_001), "bodyEn": ""}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["titleAr", "titleEn", "bodyAr", "bodyEn"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }

    for (method, path) in [
        (Method::GET, "/api/v1/admin/content/banners"),
        (Method::GET, "/api/v1/admin/content/faqs"),
        (Method::GET, "/api/v1/admin/content/pages"),
        (Method::GET, "/api/v1/admin/contact-messages"),
        (Method::PUT, "/api/v1/admin/content/social-links"),
    ] {
        let body = (method == Method::PUT).then(|| json!({"links": []}));
        let r = app.call(method, path, Some(&customer), body, "en").await;
        assert_eq!(r.status, 403, "{path}: {r:?}");
    }
    let r = send(
        &app,
        Method::POST,
        &format!("/api/v1/admin/content/pages/{page}/versions"),
        &customer,
        json!({"titleAr": "ش", "titleEn": "T", "bodyAr": "ن", "bodyEn": "B"}),
    )
    .await;
    assert_eq!(r.status, 403, "{r:?}");
}
