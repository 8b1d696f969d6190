//! The forms that pick a city: the customer's address form (with the
//! district's suggestions from the city's areas), the partner's store
//! settings, and a city deactivated by an admin leaving the pickers while
//! the rows that name it keep it.

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::{CUSTOMER, SUPER_ADMIN, demo_stores};
use crate::web::web_session;

async fn city(app: &TestApp, slug: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1 AND deleted_at IS NULL")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// A signed-in browser of one surface: GET and form POST with its cookie.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: String,
}

impl Browser<'_> {
    async fn get(&self, path: &str, lang: &str) -> (u16, String) {
        let r = self
            .app
            .client
            .get(format!("{}{path}", self.app.base))
            .header("cookie", &self.cookie)
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn post(&self, path: &str, lang: &str, form: &[(&str, String)]) -> (u16, String) {
        let r = self
            .app
            .client
            .post(format!("{}{path}", self.app.base))
            .header("cookie", &self.cookie)
            .header("accept-language", lang)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(form))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

fn encode(form: &[(&str, String)]) -> String {
    let part = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    form.iter()
        .map(|(k, v)| format!("{}={}", part(k), part(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn csrf(page: &str) -> String {
    page.split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no csrf: {page}"))
        .to_owned()
}

fn address(csrf: &str, label: &str, city: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_csrf", csrf.to_owned()),
        ("label", label.to_owned()),
        ("recipient_name", "سالم".to_owned()),
        ("phone", "0551234567".to_owned()),
        ("cityId", city.to_owned()),
        ("district", "العليا".to_owned()),
        ("street", String::new()),
        ("details", String::new()),
        ("lat", "24.7".to_owned()),
        ("lng", "46.7".to_owned()),
    ]
}

#[tokio::test]
async fn the_address_form_sends_the_chosen_city_and_names_an_unknown_one_in_arabic() {
    let app = TestApp::spawn().await;
    let b = Browser {
        app: &app,
        cookie: web_session(&app, "app", "qitaa_app_session", "0500000001").await,
    };
    let riyadh = city(&app, "riyadh").await;
    let (status, page) = b.get("/app/account/addresses/new", "ar").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("name=\"cityId\""), "{page}");
    assert!(page.contains("<optgroup label=\"منطقة الرياض\">"), "{page}");
    assert!(
        page.contains(&format!("<option value=\"{riyadh}\">الرياض</option>")),
        "{page}"
    );
    assert!(page.contains("hx-get=\"/app/geo/areas\""), "{page}");
    let token = csrf(&page);

    let (status, page) = b
        .post(
            "/app/account/addresses",
            "ar",
            &address(&token, "العمل", &riyadh.to_string()),
        )
        .await;
    assert_eq!(status, 303, "{page}");
    let (id, city_id, text): (Uuid, Option<Uuid>, String) = sqlx::query_as(
        "SELECT id, city_id, city FROM addresses WHERE label = 'العمل' AND deleted_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(city_id, Some(riyadh));
    assert_eq!(text, "الرياض");

    // Editing preselects the city, in English too.
    let (status, page) = b.get(&format!("/app/account/addresses/{id}"), "en").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!(
            "<option value=\"{riyadh}\" selected>Riyadh</option>"
        )),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"Al Olaya\"></option>"),
        "{page}"
    );

    // An unknown city: 422, the field named in Arabic beside the select.
    let (status, page) = b
        .post(
            "/app/account/addresses",
            "ar",
            &address(&token, "المستودع", &Uuid::now_v7().to_string()),
        )
        .await;
    assert_eq!(status, 422, "{page}");
    let error = page
        .split("id=\"address-city-error\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .unwrap_or_default();
    assert!(error.contains("لا توجد مدينة متاحة"), "{page}");
    assert!(
        page.contains("name=\"cityId\" required autocomplete=\"off\"")
            && page.contains("aria-invalid=\"true\" aria-describedby=\"address-city-error\""),
        "{page}"
    );
    // No city at all: required, in Arabic.
    let (status, page) = b
        .post(
            "/app/account/addresses",
            "ar",
            &address(&token, "المستودع", ""),
        )
        .await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("مطلوب"), "{page}");
}

#[tokio::test]
async fn the_areas_endpoint_lists_a_citys_areas_in_the_pages_language() {
    let app = TestApp::spawn().await;
    let b = Browser {
        app: &app,
        cookie: String::new(),
    };
    let riyadh = city(&app, "riyadh").await;
    let (status, ar) = b
        .get(&format!("/app/geo/areas?cityId={riyadh}"), "ar")
        .await;
    assert_eq!(status, 200, "{ar}");
    assert!(ar.contains("<option value=\"العليا\"></option>"), "{ar}");
    assert!(ar.contains("<option value=\"الملز\"></option>"), "{ar}");
    let (_, en) = b
        .get(&format!("/app/geo/areas?cityId={riyadh}"), "en")
        .await;
    assert!(en.contains("<option value=\"Al Olaya\"></option>"), "{en}");
    let jeddah = city(&app, "jeddah").await;
    let (_, jd) = b
        .get(&format!("/app/geo/areas?cityId={jeddah}"), "ar")
        .await;
    assert!(jd.contains("البلد") && !jd.contains("العليا"), "{jd}");
    for q in ["", "nope", &Uuid::now_v7().to_string()] {
        let (status, none) = b.get(&format!("/app/geo/areas?cityId={q}"), "ar").await;
        assert_eq!(status, 200);
        assert!(!none.contains("<option"), "{q}: {none}");
    }
}

#[tokio::test]
async fn the_partner_store_form_saves_the_chosen_city() {
    let app = TestApp::spawn().await;
    let (riyadh_store, _) = demo_stores(&app).await;
    let b = Browser {
        app: &app,
        cookie: web_session(&app, "partner", "qitaa_partner_session", "0500000002").await,
    };
    let (riyadh, jeddah) = (city(&app, "riyadh").await, city(&app, "jeddah").await);
    let path = format!("/partner/stores/{riyadh_store}/settings");
    let (status, page) = b.get(&path, "ar").await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!(
            "<option value=\"{riyadh}\" selected>الرياض</option>"
        )),
        "the store's city is chosen: {page}"
    );
    let (type_id, name_ar, name_en, address): (Uuid, String, String, String) =
        sqlx::query_as("SELECT store_type_id, name_ar, name_en, address FROM stores WHERE id = $1")
            .bind(riyadh_store)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let form = |city: String| {
        vec![
            ("_csrf", csrf(&page)),
            ("storeTypeId", type_id.to_string()),
            ("nameAr", name_ar.clone()),
            ("nameEn", name_en.clone()),
            ("phone", String::new()),
            ("cityId", city),
            ("address", address.clone()),
            ("lat", "21.5".to_owned()),
            ("lng", "39.2".to_owned()),
            ("days", "sat".to_owned()),
            ("open", "09:00".to_owned()),
            ("close", "22:00".to_owned()),
        ]
    };
    let (status, body) = b.post(&path, "en", &form(Uuid::now_v7().to_string())).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("There is no available city"), "{body}");
    let (status, body) = b.post(&path, "en", &form(jeddah.to_string())).await;
    assert_eq!(status, 303, "{body}");
    let (city_id, text): (Option<Uuid>, String) =
        sqlx::query_as("SELECT city_id, city FROM stores WHERE id = $1")
            .bind(riyadh_store)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((city_id, text.as_str()), (Some(jeddah), "جدة"));
}

#[tokio::test]
async fn a_deactivated_city_leaves_the_pickers_but_stays_on_the_addresses_that_name_it() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let taif = city(&app, "taif").await;
    let body = |label: &str| {
        json!({"label": label, "recipientName": "Test", "phone": "0501234567",
               "cityId": taif, "lat": 21.27, "lng": 40.41})
    };
    let r = app
        .post("/api/v1/addresses", Some(&customer), body("Taif"))
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let kept = r.body["data"]["id"].as_str().unwrap().to_owned();

    // Deactivated from the admin page, behind its confirmation.
    let b = Browser {
        app: &app,
        cookie: web_session(&app, "admin", "qitaa_admin_session", "0500000000").await,
    };
    let (status, page) = b
        .get(&format!("/admin/geography/cities/{taif}"), "en")
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!("id=\"deactivate-city-{taif}\"")),
        "{page}"
    );
    assert!(page.contains("data-confirm=\"Deactivate Taif?"), "{page}");
    let (status, _) = b
        .post(
            &format!("/admin/geography/cities/{taif}/deactivate"),
            "en",
            &[("_csrf", csrf(&page)), ("back", "city".to_owned())],
        )
        .await;
    assert_eq!(status, 303);
    let (_, page) = b
        .get(&format!("/admin/geography/cities/{taif}"), "en")
        .await;
    assert!(
        page.contains(&format!("id=\"restore-city-{taif}\"")),
        "{page}"
    );
    assert!(page.contains("id=\"city-inactive\""), "{page}");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'city.deactivate' AND entity_id = $1",
    )
    .bind(taif.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // Gone from the pickers and the public list; refused for a new address.
    let app_b = Browser {
        app: &app,
        cookie: web_session(&app, "app", "qitaa_app_session", "0500000001").await,
    };
    let (_, page) = app_b.get("/app/account/addresses/new", "ar").await;
    assert!(!page.contains(&taif.to_string()), "{page}");
    let listed = app.get("/api/v1/geo/cities?q=taif", None).await;
    assert_eq!(
        listed.body["data"].as_array().map(Vec::len),
        Some(0),
        "{listed:?}"
    );
    let r = app
        .call(
            Method::POST,
            "/api/v1/addresses",
            Some(&customer),
            Some(body("New")),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["cityId"].is_array(), "{r:?}");

    // The address that named it keeps it, and can still be edited with it.
    let (_, page) = app_b
        .get(&format!("/app/account/addresses/{kept}"), "ar")
        .await;
    assert!(
        page.contains(&format!(
            "<option value=\"{taif}\" selected>الطائف</option>"
        )),
        "{page}"
    );
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/addresses/{kept}"),
            Some(&customer),
            Some(json!({"label": "Taif home", "cityId": taif})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["city"], "الطائف");

    // Restored through the API: offered again.
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/admin/geo/cities/{taif}/restore"),
            Some(&admin),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["isActive"], true);
    let r = app
        .post("/api/v1/addresses", Some(&customer), body("Again"))
        .await;
    assert_eq!(r.status, 201, "{r:?}");
}
