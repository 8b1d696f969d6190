//! The real N-Genius adapter inside the product, against a local fake of the
//! gateway's API: checkout opens a hosted page there, the webhook is only a
//! hint (the order is read back), and a cancellation refunds through it.

use std::sync::Arc;

use providers::payments::fake::FakeNGenius;
use providers::payments::{NGenius, NGeniusConfig};
use reqwest::StatusCode;
use serde_json::json;

use crate::harness::TestApp;
use crate::shop::*;

#[tokio::test]
async fn a_card_order_is_paid_and_refunded_through_the_ngenius_adapter() {
    let fake = FakeNGenius::start("test-api-key", "outlet-1").await;
    let gateway = NGenius::new(NGeniusConfig::new(
        fake.base_url(),
        "test-api-key",
        "outlet-1",
    ))
    .unwrap();
    let app = TestApp::spawn_with_gateway(|_| {}, None, Some(Arc::new(gateway))).await;
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 5).await;
    let address = address(&app, &token).await;
    let r = checkout(
        &app,
        &token,
        "ng-1",
        json!({"addressId": address, "paymentMethod": "card", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let due = r.body["data"]["amountDue"].as_i64().unwrap();

    // Our payment link forwards to the gateway's hosted page.
    let res = app
        .client
        .get(r.body["data"]["paymentUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.starts_with(&fake.base_url()), "{page}");
    let reference: String =
        sqlx::query_scalar("SELECT provider_ref FROM payment_sessions WHERE provider = 'ngenius'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    let created = fake
        .requests()
        .into_iter()
        .find(|q| q.method == "POST" && q.path.ends_with("/orders"))
        .expect("an order was created at the gateway");
    assert_eq!(created.body["amount"]["value"], due, "minor units");
    assert_eq!(created.body["amount"]["currencyCode"], "SAR");
    assert!(
        created.body["merchantAttributes"]["redirectUrl"]
            .as_str()
            .unwrap()
            .starts_with(&app.base)
    );

    let secret = app.state.config.payments.webhook_secret.clone();
    let header = app.state.config.payments.webhook_header.clone();
    let hook = |body: Vec<u8>, secret: String| {
        let app = &app;
        let header = header.clone();
        async move {
            app.client
                .post(format!("{}/api/v1/payments/webhooks/ngenius", app.base))
                .header(header.as_str(), secret)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };

    // A forged "PURCHASED" before the customer paid: the gateway says STARTED.
    let forged = fake.webhook_body(&reference, "PURCHASED");
    assert_eq!(hook(forged, secret.clone()).await, 200);
    assert_eq!(
        order_status(&app, &order).await,
        "pending_payment",
        "the body is not trusted"
    );

    fake.pay(&reference);
    let body = fake.webhook_body(&reference, "PURCHASED");
    assert_eq!(hook(body.clone(), secret.clone()).await, 200);
    assert_eq!(hook(body, secret.clone()).await, 200);
    assert_eq!(order_status(&app, &order).await, "confirmed");
    let captured: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ledger_transactions WHERE kind = 'payment_captured'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(captured, 1, "twice delivered, booked once");

    let r = app
        .post(
            &format!("/api/v1/orders/{order}/cancel"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let refund = fake
        .requests()
        .into_iter()
        .find(|q| q.method == "POST" && q.path.contains("refund"))
        .expect("a refund at the gateway");
    assert_eq!(refund.body["amount"]["value"], due);
    assert_eq!(refund.body["amount"]["currencyCode"], "SAR");
    assert!(
        fake.requests()
            .iter()
            .filter(|q| !q.is_token_request())
            .all(|q| q
                .header("authorization")
                .is_some_and(|a| a.starts_with("Bearer "))),
        "every transaction call carries the access token"
    );
    assert_ledger_sound(&app).await;
}
