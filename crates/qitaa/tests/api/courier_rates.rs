//! The local courier's fee table on the geography: the seed's Arabic and
//! English twins are one band per city and weight, an address typed in any
//! spelling the geography folds is priced by its city, and admins with
//! `settings.manage` add, change and delete bands (audited) that the next
//! checkout quotes with; the admin page in Arabic.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::{ADMIN, SUPER_ADMIN, checkout, demo_stores, product};

const RATES: &str = "/api/v1/admin/courier-rates";

async fn city_id(app: &TestApp, slug: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM cities WHERE slug = $1 AND deleted_at IS NULL")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn address(app: &TestApp, customer: &str, city: &str) -> String {
    let r = app
        .post(
            "/api/v1/addresses",
            Some(customer),
            json!({"label": "Home", "recipientName": "Test", "phone": "0501234567",
                   "city": city, "lat": 21.5, "lng": 39.2}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

/// The delivery fee of one parcel of the product to the address.
async fn fee_to(app: &TestApp, customer: &str, product: Uuid, address: &str) -> i64 {
    let r = checkout(
        app,
        customer,
        &Uuid::new_v4().to_string(),
        json!({"addressId": address, "paymentMethod": "cash",
               "items": [{"productId": product, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["orders"][0]["deliveryFee"].as_i64().unwrap()
}

/// A 3 kg product of the Riyadh demo store.
async fn parcel(app: &TestApp) -> Uuid {
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 5_000, 100).await;
    sqlx::query("UPDATE products SET weight_grams = 3000 WHERE id = $1")
        .bind(p)
        .execute(&app.db)
        .await
        .unwrap();
    p
}

fn bands(group: &Value) -> Vec<(i64, i64)> {
    group["rates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["upToGrams"].as_i64().unwrap(), r["fee"].as_i64().unwrap()))
        .collect()
}

#[tokio::test]
async fn the_seeded_rates_are_one_band_per_city_and_any_spelling_of_jeddah_costs_its_band() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app.get(RATES, Some(&root)).await;
    assert_eq!(r.status, 200, "{r:?}");
    let groups = r.body["data"].as_array().unwrap();
    assert_eq!(groups.len(), 3, "anywhere, Riyadh, Jeddah: {r:?}");
    assert!(groups[0]["cityId"].is_null() && groups[0]["cityText"].is_null());
    assert_eq!(
        bands(&groups[0]),
        [(5000, 3500), (20000, 6000), (100000, 12000)]
    );
    for (g, slug, ar, en) in [
        (&groups[1], "riyadh", "الرياض", "Riyadh"),
        (&groups[2], "jeddah", "جدة", "Jeddah"),
    ] {
        assert_eq!(g["cityId"], city_id(&app, slug).await.to_string().as_str());
        assert_eq!(
            (g["cityNameAr"].as_str(), g["cityNameEn"].as_str()),
            (Some(ar), Some(en))
        );
        assert_eq!(bands(g), [(5000, 2500), (20000, 4500)], "no twins: {g}");
    }

    // The same 3 kg parcel, to Jeddah typed two ways, and to a city
    // without bands of its own.
    let customer = app.token_of("+966500000091").await;
    let p = parcel(&app).await;
    let typed_ar = address(&app, &customer, "جده").await;
    let typed_en = address(&app, &customer, "Jeddah").await;
    let abha = address(&app, &customer, "Abha").await;
    assert_eq!(fee_to(&app, &customer, p, &typed_ar).await, 2500);
    assert_eq!(fee_to(&app, &customer, p, &typed_en).await, 2500);
    assert_eq!(fee_to(&app, &customer, p, &abha).await, 3500);
}

#[tokio::test]
async fn admins_manage_the_rates_and_the_next_checkout_quotes_with_them() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let abha_id = city_id(&app, "abha").await;

    // settings.manage: an admin without it (users.view, audit.view) is refused.
    let viewer = app.token_of(ADMIN).await;
    assert_eq!(app.get(RATES, Some(&viewer)).await.status, 403);
    let body = json!({"cityId": abha_id, "upToGrams": 10000, "fee": 1500});
    assert_eq!(
        app.post(RATES, Some(&viewer), body.clone()).await.status,
        403
    );
    assert_eq!(app.get(RATES, None).await.status, 401);

    // Every bad field is named; an unknown or inactive city names cityId.
    let r = app
        .post(
            RATES,
            Some(&root),
            json!({"cityId": null, "upToGrams": 0, "fee": -1}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = &r.body["error"]["fields"];
    assert!(
        fields["upToGrams"].is_array() && fields["fee"].is_array(),
        "{r:?}"
    );
    let r = app
        .post(
            RATES,
            Some(&root),
            json!({"upToGrams": 2_000_000, "fee": 100_000_001}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["fee"].is_array(), "{r:?}");
    let r = app
        .post(
            RATES,
            Some(&root),
            json!({"cityId": Uuid::nil(), "upToGrams": 1000, "fee": 100}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["cityId"].is_array(), "{r:?}");
    sqlx::query("UPDATE cities SET is_active = false WHERE slug = 'tabuk'")
        .execute(&app.db)
        .await
        .unwrap();
    let tabuk = city_id(&app, "tabuk").await;
    let r = app
        .post(
            RATES,
            Some(&root),
            json!({"cityId": tabuk, "upToGrams": 1000, "fee": 100}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["cityId"].is_array(), "{r:?}");

    // A band for Abha; the same band again is refused on upToGrams.
    let r = app.post(RATES, Some(&root), body.clone()).await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["data"]["cityId"], abha_id.to_string().as_str());
    let r = app.post(RATES, Some(&root), body.clone()).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "RATE_BAND_TAKEN");
    assert!(r.body["error"]["fields"]["upToGrams"].is_array(), "{r:?}");

    let customer = app.token_of("+966500000092").await;
    let p = parcel(&app).await;
    let to_abha = address(&app, &customer, "أبها").await;
    assert_eq!(fee_to(&app, &customer, p, &to_abha).await, 1500);

    let path = format!("{RATES}/{id}");
    let put = |b: Value| app.call(Method::PUT, &path, Some(&root), Some(b), "en");
    let r = put(json!({"upToGrams": 10000, "fee": 1800})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["fee"], 1800);
    assert_eq!(fee_to(&app, &customer, p, &to_abha).await, 1800);
    let r = put(json!({"upToGrams": 10000})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["fee"].is_array(), "{r:?}");

    // Moving a Riyadh band onto its other band's weight is refused.
    let r = app.get(RATES, Some(&root)).await;
    let riyadh = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["cityNameEn"] == "Riyadh")
        .unwrap()
        .clone();
    let first = riyadh["rates"][0]["id"].as_str().unwrap();
    let r = app
        .call(
            Method::PUT,
            &format!("{RATES}/{first}"),
            Some(&root),
            Some(json!({"upToGrams": 20000, "fee": 100})),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "RATE_BAND_TAKEN");
    let r = app
        .call(
            Method::PUT,
            &format!("{RATES}/{}", Uuid::nil()),
            Some(&root),
            Some(json!({"upToGrams": 1000, "fee": 100})),
            "en",
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");

    // Deleted, Abha is "anywhere else" again; the band is gone for good.
    let r = app
        .call(Method::DELETE, &path, Some(&root), None, "en")
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(fee_to(&app, &customer, p, &to_abha).await, 3500);
    let r = app
        .call(Method::DELETE, &path, Some(&root), None, "en")
        .await;
    assert_eq!(r.status, 404, "{r:?}");

    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY created_at",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        audited,
        [
            "courier_rate.create",
            "courier_rate.update",
            "courier_rate.delete"
        ]
    );
}

/// The first `_csrf` value of a page.
fn csrf_of(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let at = html.find(marker).expect("a form") + marker.len();
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_courier_rates_page_renders_in_arabic_and_refuses_a_bad_band_inline() {
    let app = TestApp::spawn().await;
    let cookie = crate::web::web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let r = app
        .client
        .get(format!("{}/admin/courier-rates", app.base))
        .header("cookie", &cookie)
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    for want in [
        "lang=\"ar\"",
        "id=\"nav-courier-rates\"",
        "أي مدينة أخرى",
        "الرياض",
        "جدة",
        "حتى 5 كغ",
        "<optgroup label=\"منطقة مكة المكرمة\">",
    ] {
        assert!(html.contains(want), "{want}: {html}");
    }
    let riyadh = city_id(&app, "riyadh").await;
    let (anywhere, city) = (
        html.find("id=\"rates-anywhere\"").expect("anywhere's card"),
        html.find(&format!("id=\"rates-{riyadh}\""))
            .expect("Riyadh's card"),
    );
    assert!(anywhere < city, "anywhere first");
    let token = csrf_of(&html);
    let post = |body: String| {
        app.client
            .post(format!("{}/admin/courier-rates", app.base))
            .header("cookie", &cookie)
            .header("accept-language", "ar")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let r = post(format!("_csrf={token}&cityId=&upToKg=abc&fee=10"))
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("أدخل وزنًا بين"), "{html}");
    assert!(html.contains("data-open-on-load"), "the dialog opens again");

    let abha = city_id(&app, "abha").await;
    let r = post(format!("_csrf={token}&cityId={abha}&upToKg=2.5&fee=12.50"))
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let saved: (i32, i64) = sqlx::query_as(
        "SELECT up_to_grams, fee FROM courier_rates WHERE city_id = $1 AND deleted_at IS NULL",
    )
    .bind(abha)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(saved, (2500, 1250));
}
