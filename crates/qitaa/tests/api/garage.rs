//! My garage: VIN rules in both languages, the maker and year read from a
//! VIN, and a saved car filtering search and product pages to what fits it.

use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::CUSTOMER;

async fn sonata(app: &TestApp) -> (Uuid, Uuid) {
    let (make, model, _) = crate::rfq::sonata_lights(app).await;
    (make, model)
}

#[tokio::test]
async fn bad_vins_are_422_in_both_languages_and_a_gcc_toyota_vin_is_read() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let (make, model) = sonata(&app).await;
    for (vin, key) in [
        ("KMHE341DBGA12345", "length"),
        ("KMHE341DBGA1234567", "length"),
        ("KMHE341DBGA12345O", "characters"),
        ("KMHI341DBGA123456", "characters"),
        ("QMHE341DBGA123456", "characters"),
        // North American (first character 1–5): the check digit must hold.
        ("1M8GDM9A1KP042788", "check digit"),
    ] {
        for lang in ["ar", "en"] {
            let r = app
                .call(
                    Method::POST,
                    "/api/v1/garage/cars",
                    Some(&customer),
                    Some(json!({"makeId": make, "modelId": model, "year": 2016, "vin": vin})),
                    lang,
                )
                .await;
            assert_eq!(r.status, 422, "{vin} ({key}, {lang}): {r:?}");
            let msg = r.body["error"]["fields"]["vin"][0]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            assert!(!msg.is_empty(), "{vin}: {r:?}");
            let arabic = msg.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            assert_eq!(arabic, lang == "ar", "{vin} in {lang}: {msg}");
        }
    }
    // The same North-American VIN with its right check digit (X) is accepted by the rule.
    let r = app
        .post(
            "/api/v1/garage/vin",
            Some(&customer),
            json!({"vin": "1M8GDM9AXKP042788"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["checkDigitVerified"], true);

    // A GCC Toyota VIN carries no check digit (its 9th character is not
    // one): accepted, with Toyota and 2016 read from it.
    let camry: (Uuid, Uuid) = sqlx::query_as(
        "SELECT mk.id, md.id FROM car_makes mk JOIN car_models md ON md.make_id = mk.id \
         WHERE mk.slug = 'toyota' AND md.slug LIKE '%camry'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let vin = "JTNBF3EK5G3123456";
    assert_ne!(
        kernel::vin::check_digit(vin),
        Some('5'),
        "the test VIN must fail the check digit"
    );
    let r = app
        .post(
            "/api/v1/garage/cars",
            Some(&customer),
            json!({"modelId": camry.1, "vin": vin, "nickname": "كامري العائلة"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let car = &r.body["data"];
    assert_eq!(car["makeId"], camry.0.to_string());
    assert_eq!(car["year"], 2016);
    assert_eq!(car["vin"]["maker"], "Toyota");
    assert_eq!(car["vin"]["modelYear"], 2016);
    assert_eq!(car["vin"]["checkDigitVerified"], false);
    assert_eq!(car["isDefault"], true, "the first car is the default");
    // A VIN of another make than the one chosen is refused.
    let r = app
        .post(
            "/api/v1/garage/cars",
            Some(&customer),
            json!({"makeId": make, "modelId": model, "year": 2016, "vin": vin}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["vin"].is_array(), "{r:?}");
}

#[tokio::test]
async fn a_saved_car_filters_search_to_the_parts_that_fit_it() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let (make, model) = sonata(&app).await;
    let (riyadh, _) = crate::shop::demo_stores(&app).await;
    // Two parts: one for the 2015–2019 Sonata, one for the 2011–2014 Sonata.
    let mut parts = Vec::new();
    for (from, to) in [(2015, 2019), (2011, 2014)] {
        let p = crate::shop::product(&app, riyadh, 10_000, 3).await;
        sqlx::query("INSERT INTO product_fitments (id, product_id, make_id, model_id, year_from, year_to) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(Uuid::now_v7()).bind(p).bind(make).bind(model).bind(from).bind(to).execute(&app.db).await.unwrap();
        sqlx::query("UPDATE products SET fitment_keys = ARRAY(SELECT 'md:' || $2 || ':' || y FROM generate_series($3::int, $4::int) y) WHERE id = $1")
            .bind(p).bind(model.to_string()).bind(from).bind(to).execute(&app.db).await.unwrap();
        parts.push(p);
    }
    let r = app
        .post(
            "/api/v1/garage/cars",
            Some(&customer),
            json!({"makeId": make, "modelId": model, "year": 2016}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let car = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .get(
            &format!("/api/v1/products?carId={car}&perPage=100"),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let ids: Vec<String> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        ids.contains(&parts[0].to_string()),
        "the 2016 part is found: {ids:?}"
    );
    assert!(
        !ids.contains(&parts[1].to_string()),
        "the 2011–2014 part is not: {ids:?}"
    );
    for (p, fits) in [(parts[0], true), (parts[1], false)] {
        let r = app
            .get(
                &format!("/api/v1/products/{p}/fits?carId={car}"),
                Some(&customer),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["data"]["fits"], fits);
    }
    // Another customer's car is no filter of theirs.
    let stranger = app.token_of("+966593000001").await;
    let r = app
        .get(&format!("/api/v1/products?carId={car}"), Some(&stranger))
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["carId"].is_array());
}
