//! Helpers of the store-request tests: the catalog keys of a Hyundai Sonata
//! and of lights, a request made near the Riyadh demo store, and offers.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;

/// Near the Riyadh demo store (24.7136, 46.6753): a few km north.
pub const RIYADH_PIN: (f64, f64) = (24.7500, 46.6800);

/// (Hyundai, Sonata, Lights)
pub async fn sonata_lights(app: &TestApp) -> (Uuid, Uuid, Uuid) {
    sqlx::query_as(
        "SELECT mk.id, md.id, (SELECT id FROM categories WHERE slug = 'lights') \
         FROM car_makes mk JOIN car_models md ON md.make_id = mk.id \
         WHERE mk.slug = 'hyundai' AND md.slug LIKE '%sonata'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// A request body for a 2016 Sonata headlight at `pin`, within `radius_km`.
pub async fn headlight(app: &TestApp, pin: (f64, f64), radius_km: i32) -> Value {
    let (make, model, lights) = sonata_lights(app).await;
    json!({
        "makeId": make, "modelId": model, "year": 2016, "categoryId": lights,
        "description": "مصباح أمامي يسار - left headlight",
        "quantity": 1, "condition": "any",
        "location": {"lat": pin.0, "lng": pin.1, "city": "الرياض", "district": "الملقا"},
        "radiusKm": radius_km,
    })
}

/// Creates a request as `token`; its id.
pub async fn create(app: &TestApp, token: &str, body: Value) -> Uuid {
    let r = app
        .call(
            Method::POST,
            "/api/v1/requests",
            Some(token),
            Some(body),
            "en",
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().parse().unwrap()
}

pub fn offer_body(unit_price: i64) -> Value {
    json!({
        "unitPrice": unit_price, "condition": "new", "origin": "oem", "brand": "Hyundai Mobis",
        "warrantyDays": 180, "inStock": true, "fulfilment": "delivery", "deliveryFee": 2500,
        "notes": "أصلي من الوكالة",
    })
}

/// Sends an offer as `token` for `store`; its id.
pub async fn offer(
    app: &TestApp,
    token: &str,
    store: Uuid,
    request: Uuid,
    unit_price: i64,
) -> Uuid {
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/partner/stores/{store}/requests/{request}/offers"),
            Some(token),
            Some(offer_body(unit_price)),
            "en",
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().parse().unwrap()
}
