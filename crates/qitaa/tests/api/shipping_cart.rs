//! The cart quotes delivery as checkout will: OTO's quote for the weighted
//! parcel to the customer's default (or chosen) address, equal to the fee
//! checkout then fixes on the order; the flat estimate, said to be one,
//! without an address or when the carrier fails.

use serde_json::json;

use providers::shipping::fake::FakeOto;

use crate::harness::TestApp;
use crate::shipping::REFRESH;
use crate::shipping_returns::oto_app;
use crate::shop::{SUPER_ADMIN, checkout, demo_stores, post_keyed, product};

/// A customer web session for a phone outside the demo's (its code read
/// back from the SMS outbox).
pub(crate) async fn app_session(app: &TestApp, phone: &str) -> String {
    let token = "d".repeat(64);
    let post = |path: &str, body: String| {
        app.client
            .post(format!("{}/app{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}"))
            .body(body)
            .send()
    };
    let local = format!("0{}", phone.trim_start_matches("+966"));
    let r = post("/sign-in", format!("phone={local}&_csrf={token}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let code = app.last_code(phone).await;
    let r = post(
        "/sign-in/verify",
        format!("phone={local}&code={code}&_csrf={token}"),
    )
    .await
    .unwrap();
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("qitaa_app_session"))
        .unwrap_or_else(|| panic!("no session: {}", r.status()))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

async fn cart(app: &TestApp, token: &str, query: &str) -> serde_json::Value {
    let r = app.get(&format!("/api/v1/cart{query}"), Some(token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"].clone()
}

#[tokio::test]
async fn the_cart_shows_the_carriers_quote_that_checkout_then_fixes() {
    let fake = FakeOto::start(REFRESH).await;
    let app = oto_app(&fake).await;
    let phone = "+966500000084";
    let customer = app.token_of(phone).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 12_000, 10).await;
    sqlx::query("UPDATE products SET weight_grams = 3200 WHERE id = $1")
        .bind(p)
        .execute(&app.db)
        .await
        .unwrap();
    let r = app
        .post(
            "/api/v1/cart/items",
            Some(&customer),
            json!({"productId": p, "quantity": 2}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    // No address yet: the flat estimate, said to be one.
    let estimate = app.state.config.payments.delivery_fee;
    let c = cart(&app, &customer, "").await;
    assert_eq!(c["deliveryQuoted"], false, "{c}");
    assert_eq!(c["deliveryAddressId"], serde_json::Value::Null);
    assert_eq!(c["stores"][0]["deliveryFee"], estimate);

    // Two addresses; the default (the first) is quoted, the other on asking.
    let add = |city: &'static str| {
        let (app, customer) = (&app, &customer);
        async move {
            let r = app
                .post(
                    "/api/v1/addresses",
                    Some(customer),
                    json!({"label": "Home", "recipientName": "Test", "phone": "0501234567",
                           "city": city, "lat": 24.7, "lng": 46.7}),
                )
                .await;
            assert_eq!(r.status, 201, "{r:?}");
            r.body["data"]["id"].as_str().unwrap().to_owned()
        }
    };
    let home = add("Riyadh").await;
    let away = add("Dammam").await;
    fake.clear_requests();
    let c = cart(&app, &customer, "").await;
    assert_eq!(c["deliveryQuoted"], true, "{c}");
    assert_eq!(c["deliveryAddressId"], home.as_str());
    let asked = fake.calls("/checkOTODeliveryFee");
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].body["weight"], json!(6.4), "2 × 3.2 kg");
    assert_eq!(asked[0].body["destinationCity"], "Riyadh");
    let quoted = c["stores"][0]["deliveryFee"].as_i64().unwrap();
    assert_ne!(quoted, estimate);
    assert_eq!(c["deliveryFee"], quoted);
    let c = cart(&app, &customer, &format!("?addressId={away}")).await;
    assert_eq!(c["deliveryAddressId"], away.as_str());
    assert_eq!(
        fake.calls("/checkOTODeliveryFee").last().unwrap().body["destinationCity"],
        "Dammam"
    );
    // Someone else's address is refused on its field.
    let r = app
        .get(
            &format!("/api/v1/cart?addressId={}", uuid::Uuid::now_v7()),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["addressId"].is_array(), "{r:?}");

    // The carrier fails: the estimate again, the cart still answers.
    fake.fail_next_status(502);
    let c = cart(&app, &customer, "").await;
    assert_eq!(c["deliveryQuoted"], false, "{c}");
    assert_eq!(c["stores"][0]["deliveryFee"], estimate);

    // The cart page shows the quote, not labelled an estimate.
    let cookie = app_session(&app, phone).await;
    let page = app
        .client
        .get(format!("{}/app/cart", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("id=\"cart-delivery\" data-quoted=\"true\""),
        "{page}"
    );

    // Checkout fixes on the order what the cart showed (a paid order).
    let c = cart(&app, &customer, "").await;
    assert_eq!(c["stores"][0]["deliveryFee"], quoted);
    let total = c["total"].as_i64().unwrap();
    let admin = app.token_of(SUPER_ADMIN).await;
    let user: String = sqlx::query_scalar("SELECT id::text FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/users/{user}/wallet/credit"),
        &admin,
        "cart-quote-credit",
        json!({"amount": 200_000, "reason": "test money"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = checkout(
        &app,
        &customer,
        "cart-quote",
        json!({"addressId": home, "paymentMethod": "wallet"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let o = &r.body["data"]["orders"][0];
    assert_eq!(o["deliveryFee"], quoted, "{o}");
    assert_eq!(o["total"], total, "{o}");
}
