//! Geography: the seeded Saudi regions, cities and areas, the Arabic-aware
//! city search, admin changes under `catalog.manage`, and addresses and
//! stores that name their city by id.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};
use crate::shop::{CUSTOMER, SUPER_ADMIN, demo_stores};

fn list(r: &Reply) -> &Vec<Value> {
    r.body["data"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {r:?}"))
}

fn slugs(r: &Reply) -> Vec<&str> {
    list(r)
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect()
}

async fn saudi(app: &TestApp) -> String {
    let r = app.get("/api/v1/geo/countries", None).await;
    assert_eq!(r.status, 200, "{r:?}");
    let sa = list(&r).iter().find(|c| c["code"] == "SA").expect("SA");
    sa["id"].as_str().unwrap().to_owned()
}

async fn city_id(app: &TestApp, slug: &str) -> String {
    let r = app.get("/api/v1/geo/cities", None).await;
    let c = list(&r).iter().find(|c| c["slug"] == slug).expect(slug);
    c["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn saudi_arabia_is_seeded_with_its_regions_cities_and_areas() {
    let app = TestApp::spawn().await;
    let sa = saudi(&app).await;
    let regions = app
        .get(&format!("/api/v1/geo/regions?countryId={sa}"), None)
        .await;
    assert_eq!(regions.status, 200, "{regions:?}");
    assert_eq!(list(&regions).len(), 13, "{regions:?}");

    let cities = app
        .get(&format!("/api/v1/geo/cities?countryId={sa}"), None)
        .await;
    assert_eq!(cities.status, 200, "{cities:?}");
    assert!(list(&cities).len() >= 30, "{cities:?}");
    let riyadh = list(&cities)
        .iter()
        .find(|c| c["slug"] == "riyadh")
        .unwrap();
    assert_eq!(riyadh["nameAr"], "الرياض");
    assert_eq!(riyadh["regionNameEn"], "Riyadh Region");
    for slug in [
        "jeddah",
        "makkah",
        "dammam",
        "abha",
        "al-qurayyat",
        "hafar-al-batin",
    ] {
        assert!(slugs(&cities).contains(&slug), "{slug}");
    }

    let id = riyadh["id"].as_str().unwrap();
    let areas = app
        .get(&format!("/api/v1/geo/cities/{id}/areas"), None)
        .await;
    assert_eq!(areas.status, 200, "{areas:?}");
    assert!(slugs(&areas).contains(&"olaya"), "{areas:?}");
    let none = app
        .get(
            &format!("/api/v1/geo/cities/{}/areas", Uuid::now_v7()),
            None,
        )
        .await;
    assert_eq!(none.status, 404, "{none:?}");
}

#[tokio::test]
async fn the_search_folds_arabic_spellings_and_english_case() {
    let app = TestApp::spawn().await;
    for (q, slug) in [
        ("الرياض", "riyadh"),
        ("riyadh", "riyadh"),
        ("RIYADH", "riyadh"),
        ("جدة", "jeddah"),
        ("جده", "jeddah"),
        ("ابها", "abha"),
    ] {
        let r = app.get(&format!("/api/v1/geo/cities?q={q}"), None).await;
        assert_eq!(r.status, 200, "{r:?}");
        assert!(slugs(&r).contains(&slug), "{q} finds {slug}: {r:?}");
        assert!(slugs(&r).len() < 5, "{q} narrows the list: {r:?}");
    }
    let r = app.get("/api/v1/geo/cities?q=zzzz", None).await;
    assert!(list(&r).is_empty(), "{r:?}");
}

#[tokio::test]
async fn admins_add_cities_with_every_blank_field_named_and_customers_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let sa = saudi(&app).await;

    let r = app
        .post(
            "/api/v1/admin/geo/cities",
            Some(&admin),
            json!({"countryId": sa, "slug": "new-town", "nameAr": " ", "nameEn": ""}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    assert!(r.body["error"]["fields"]["nameAr"].is_array(), "{r:?}");
    assert!(r.body["error"]["fields"]["nameEn"].is_array(), "{r:?}");

    let body = json!({"countryId": sa, "slug": "new-town", "nameAr": "المدينة الجديدة",
                      "nameEn": "New Town"});
    let r = app
        .post("/api/v1/admin/geo/cities", Some(&customer), body.clone())
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "FORBIDDEN");

    let r = app
        .post("/api/v1/admin/geo/cities", Some(&admin), body.clone())
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["nameEn"], "New Town");
    let again = app
        .post("/api/v1/admin/geo/cities", Some(&admin), body)
        .await;
    assert_eq!(again.status, 409, "{again:?}");
    assert_eq!(again.body["error"]["code"], "SLUG_TAKEN");

    let audited: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_logs WHERE action = 'city.create'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    let found = app.get("/api/v1/geo/cities?q=new%20town", None).await;
    assert_eq!(slugs(&found), vec!["new-town"], "{found:?}");
}

#[tokio::test]
async fn an_address_naming_a_city_stores_its_id_and_arabic_name_and_pins_the_city() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let sa = saudi(&app).await;
    let city = app
        .post(
            "/api/v1/admin/geo/cities",
            Some(&admin),
            json!({"countryId": sa, "slug": "pinned", "nameAr": "مدينة مثبتة", "nameEn": "Pinned"}),
        )
        .await;
    assert_eq!(city.status, 201, "{city:?}");
    let id = city.body["data"]["id"].as_str().unwrap().to_owned();

    let r = app
        .post(
            "/api/v1/addresses",
            Some(&customer),
            json!({"label": "Home", "recipientName": "Test", "phone": "0501234567",
                   "cityId": id, "lat": 24.7, "lng": 46.7}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["cityId"], id.as_str());
    assert_eq!(r.body["data"]["city"], "مدينة مثبتة");
    let address = r.body["data"]["id"].as_str().unwrap().to_owned();
    let (stored_id, stored_text): (Option<Uuid>, String) =
        sqlx::query_as("SELECT city_id, city FROM addresses WHERE id = $1::uuid")
            .bind(&address)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored_id.map(|u| u.to_string()), Some(id.clone()));
    assert_eq!(stored_text, "مدينة مثبتة");

    let unknown = app
        .post(
            "/api/v1/addresses",
            Some(&customer),
            json!({"label": "Work", "recipientName": "Test", "phone": "0501234567",
                   "cityId": Uuid::now_v7(), "lat": 24.7, "lng": 46.7}),
        )
        .await;
    assert_eq!(unknown.status, 422, "{unknown:?}");
    assert!(
        unknown.body["error"]["fields"]["cityId"].is_array(),
        "{unknown:?}"
    );

    let path = format!("/api/v1/admin/geo/cities/{id}");
    let r = app
        .call(Method::DELETE, &path, Some(&admin), None, "en")
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "CITY_IN_USE");

    // Free text of a seeded city still works and is matched to it.
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/addresses/{address}"),
            Some(&customer),
            Some(json!({"city": " جده "})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"]["cityId"],
        city_id(&app, "jeddah").await.as_str()
    );

    let r = app
        .call(Method::DELETE, &path, Some(&admin), None, "en")
        .await;
    assert_eq!(r.status, 200, "no longer used: {r:?}");
    let gone = app.get("/api/v1/geo/cities?q=pinned", None).await;
    assert!(list(&gone).is_empty(), "{gone:?}");
}

#[tokio::test]
async fn the_demo_stores_free_text_cities_are_mapped() {
    let app = TestApp::spawn().await;
    let (riyadh_store, jeddah_store) = demo_stores(&app).await;
    for (store, slug) in [(riyadh_store, "riyadh"), (jeddah_store, "jeddah")] {
        let mapped: Option<Uuid> = sqlx::query_scalar("SELECT city_id FROM stores WHERE id = $1")
            .bind(store)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(
            mapped.map(|u| u.to_string()),
            Some(city_id(&app, slug).await),
            "{slug}"
        );
        let r = app.get(&format!("/api/v1/stores/{store}"), None).await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["data"]["cityId"], city_id(&app, slug).await.as_str());
    }
}

#[tokio::test]
async fn the_admin_page_lists_cities_with_their_region_and_searches_them() {
    let app = TestApp::spawn().await;
    let cookie = crate::web::web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let get = |path: &'static str, lang: &'static str| {
        app.client
            .get(format!("{}{path}", app.base))
            .header("cookie", &cookie)
            .header("accept-language", lang)
            .send()
    };
    let r = get("/admin/geography", "en").await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Riyadh Region"), "{html}");
    assert!(html.contains("Khamis Mushait"));
    assert!(html.contains("id=\"nav-geography\""), "in the sidebar");

    let r = get("/admin/geography?q=%D8%AC%D8%AF%D9%87", "ar")
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("جدة"), "جده finds جدة");
    assert!(!html.contains("خميس مشيط"), "the search narrows the list");
}
