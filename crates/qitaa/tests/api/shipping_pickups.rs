//! The admins' pickup locations: the first OTO shipment of a store
//! registers its location with the address it was given; the list shows
//! it beside the store's address now, searched by store name; a re-sync
//! after the store moved sends OTO the new address under a new code
//! (audited), which the store's next shipment names; a carrier that
//! refuses changes nothing. The page lists it and re-syncs a row.

use serde_json::json;

use providers::shipping::fake::FakeOto;

use crate::harness::TestApp;
use crate::shipping::REFRESH;
use crate::shipping_returns::{oto_app, to_oto};
use crate::shop::{SUPER_ADMIN, address, checkout, demo_stores, product};

async fn order(app: &TestApp, customer: &str, key: &str, p: uuid::Uuid) -> (String, String) {
    let address = address(app, customer).await;
    let r = checkout(
        app,
        customer,
        key,
        json!({"addressId": address, "paymentMethod": "cash",
               "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let o = &r.body["data"]["orders"][0];
    (
        o["id"].as_str().unwrap().to_owned(),
        o["number"].as_str().unwrap().to_owned(),
    )
}

/// The store's row of a list answer.
fn of_store(body: &serde_json::Value, store: uuid::Uuid) -> serde_json::Value {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["storeId"] == store.to_string().as_str())
        .unwrap_or_else(|| panic!("no location of {store}: {body}"))
        .clone()
}

#[tokio::test]
async fn admins_list_pickup_locations_and_resync_a_moved_store_at_oto() {
    let fake = FakeOto::start(REFRESH).await;
    let app = oto_app(&fake).await;
    let customer = app.token_of("+966500000089").await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 5_000, 10).await;
    let (city, street, name): (String, String, String) =
        sqlx::query_as("SELECT city, address, name_en FROM stores WHERE id = $1")
            .bind(riyadh)
            .fetch_one(&app.db)
            .await
            .unwrap();

    // The first shipment registers the location with the store's address.
    let (id, number) = order(&app, &customer, "pickup-1", p).await;
    to_oto(&app, &fake, riyadh, &id, &number).await;
    let first = format!("qitaa-{}", riyadh.simple());
    let r = app
        .get("/api/v1/admin/shipping/pickup-locations", Some(&admin))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let row = of_store(&r.body, riyadh);
    assert_eq!(row["code"], first.as_str(), "{row}");
    assert_eq!(row["revision"], 1);
    assert_eq!(row["city"], city.as_str());
    assert_eq!(row["address"], street.as_str());
    assert_eq!(row["addressChanged"], false);
    // Searched by the store's name (a part of it, any case).
    let part = name[..name.len().min(5)].to_lowercase();
    let r = app
        .get(
            &format!("/api/v1/admin/shipping/pickup-locations?q={part}"),
            Some(&admin),
        )
        .await;
    assert!(r.body["meta"]["total"].as_i64().unwrap() >= 1, "{r:?}");
    of_store(&r.body, riyadh);
    let r = app
        .get(
            "/api/v1/admin/shipping/pickup-locations?q=no%25such_store&perPage=5",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 0, "{r:?}");
    assert_eq!(r.body["data"], json!([]));
    let r = app
        .get(
            "/api/v1/admin/shipping/pickup-locations?perPage=500",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");

    // The store moves: the list says so; a refusing carrier changes nothing.
    sqlx::query("UPDATE stores SET city = 'Jeddah', address = 'Tahlia Street 12' WHERE id = $1")
        .bind(riyadh)
        .execute(&app.db)
        .await
        .unwrap();
    let resync = format!("/api/v1/admin/shipping/pickup-locations/{riyadh}/resync");
    fake.fail_next_status(502);
    let r = app.post(&resync, Some(&admin), json!({})).await;
    assert_eq!(r.status, 503, "{r:?}");
    let r = app
        .get("/api/v1/admin/shipping/pickup-locations", Some(&admin))
        .await;
    assert_eq!(of_store(&r.body, riyadh)["addressChanged"], true);
    assert_eq!(of_store(&r.body, riyadh)["revision"], 1);

    fake.clear_requests();
    let r = app.post(&resync, Some(&admin), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    let second = format!("qitaa-{}-r2", riyadh.simple());
    let row = &r.body["data"];
    assert_eq!(row["code"], second.as_str());
    assert_eq!(row["revision"], 2);
    assert_eq!(row["city"], "Jeddah");
    assert_eq!(row["addressChanged"], false);
    // What OTO received: the new address under the new code.
    let sent = fake.calls("/createPickupLocation");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body["code"], second.as_str());
    let held = fake.pickup_location(&second).expect("registered at OTO");
    assert_eq!(held["city"], "Jeddah");
    assert_eq!(held["address"], "Tahlia Street 12");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'pickup_location.resync' \
         AND entity_id = $1",
    )
    .bind(riyadh.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // The store's next shipment is collected from the new place.
    let (id, number) = order(&app, &customer, "pickup-2", p).await;
    to_oto(&app, &fake, riyadh, &id, &number).await;
    assert_eq!(
        fake.order(&number).unwrap()["pickupLocationCode"],
        second.as_str()
    );
    assert_eq!(
        fake.calls("/createPickupLocation").len(),
        1,
        "not made again"
    );

    // A store without a location, and a customer: 404 and 403.
    let r = app
        .post(
            &format!(
                "/api/v1/admin/shipping/pickup-locations/{}/resync",
                uuid::Uuid::now_v7()
            ),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .get("/api/v1/admin/shipping/pickup-locations", Some(&customer))
        .await;
    assert_eq!(r.status, 403, "{r:?}");

    // The page lists the location and its Re-sync answers with the row.
    let cookie = crate::web::web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let page = app
        .client
        .get(format!("{}/admin/pickup-locations?q={part}", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("id=\"pickup-{riyadh}\"")), "{page}");
    assert!(page.contains(&second), "{page}");
    assert!(
        page.contains("href=\"/admin/pickup-locations\""),
        "the sidebar links it"
    );
    let csrf = page
        .split("\"X-CSRF-Token\": \"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let r = app
        .client
        .post(format!(
            "{}/admin/pickup-locations/{riyadh}/resync",
            app.base
        ))
        .header("cookie", &cookie)
        .header("hx-request", "true")
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("hx-trigger").is_some(), "a toast");
    let row = r.text().await.unwrap();
    let third = format!("qitaa-{}-r3", riyadh.simple());
    assert!(
        row.contains(&third) && row.contains("pickup-resynced"),
        "{row}"
    );
    assert!(fake.pickup_location(&third).is_some());
}
