//! Money and stock under racing clients: never oversold, never overdrawn,
//! coupon limits held.

use serde_json::json;

use crate::harness::TestApp;
use crate::shop::*;

async fn racing_app() -> TestApp {
    TestApp::spawn_with(|c| c.otp.per_ip_per_hour = 100_000, None).await
}

/// `n` new customers, each signed in with a saved address: (token, address).
async fn customers(app: &TestApp, n: usize) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let token = app.token_of(&format!("+96655800{i:04}")).await;
        let address = address(app, &token).await;
        out.push((token, address));
    }
    out
}

#[tokio::test]
async fn a_hundred_checkouts_for_ten_in_stock_make_exactly_ten_orders() {
    let app = racing_app().await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 5_000, 10).await;
    let buyers = customers(&app, 100).await;
    let replies = futures_util::future::join_all(buyers.iter().enumerate().map(|(i, (t, a))| {
        let body = json!({"addressId": a, "paymentMethod": "cash",
                          "items": [{"productId": p, "quantity": 1}]});
        let key = format!("stock-race-{i}");
        let app = &app;
        async move { checkout(app, t, &key, body).await }
    }))
    .await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let refused = replies
        .iter()
        .filter(|r| r.status == 409 && r.body["error"]["code"] == "OUT_OF_STOCK")
        .count();
    assert_eq!(
        created,
        10,
        "{:?}",
        replies.iter().find(|r| r.status != 201 && r.status != 409)
    );
    assert_eq!(
        refused,
        90,
        "{:?}",
        replies.iter().find(|r| r.status != 201 && r.status != 409)
    );
    assert_eq!(stock(&app, p).await, 0);
    let orders: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT order_id) FROM order_items WHERE product_id = $1",
    )
    .bind(p)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(orders, 10);
}

#[tokio::test]
async fn fifty_wallet_checkouts_from_a_wallet_that_pays_five_make_five() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    // (6000 + 2500 delivery) × 1.15 = 9775 per order; the demo 500.00 SAR pays five.
    let p = product(&app, riyadh, 6_000, 1_000).await;
    let address = address(&app, &token).await;
    assert_eq!(wallet(&app, &token).await, 50_000);
    let replies = futures_util::future::join_all((0..50).map(|i| {
        let body = json!({"addressId": address, "paymentMethod": "wallet",
                          "items": [{"productId": p, "quantity": 1}]});
        let key = format!("wallet-race-{i}");
        let token = token.clone();
        let app = &app;
        async move { checkout(app, &token, &key, body).await }
    }))
    .await;
    let created = replies.iter().filter(|r| r.status == 201).count();
    let refused = replies
        .iter()
        .filter(|r| r.status == 422 && r.body["error"]["code"] == "INSUFFICIENT_FUNDS")
        .count();
    assert_eq!(
        created,
        5,
        "{:?}",
        replies.iter().find(|r| r.status != 201 && r.status != 422)
    );
    assert_eq!(refused, 45);
    assert_eq!(wallet(&app, &token).await, 50_000 - 5 * 9_775);
    assert_eq!(stock(&app, p).await, 995, "refused checkouts took no stock");
    let negative: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ledger_accounts WHERE kind = 'customer_wallet' AND balance > 0",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(negative, 0, "no wallet below zero");
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn a_coupon_limited_to_five_raced_by_fifty_customers_is_used_five_times() {
    let app = racing_app().await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 20_000, 1_000).await;
    let coupon = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO coupons (id, code, kind, value, scope, usage_limit) \
         VALUES ($1, 'RACE5', 'fixed', 1000, 'all', 5)",
    )
    .bind(coupon)
    .execute(&app.db)
    .await
    .unwrap();
    let buyers = customers(&app, 50).await;
    let replies = futures_util::future::join_all(buyers.iter().enumerate().map(|(i, (t, a))| {
        let body = json!({"addressId": a, "paymentMethod": "cash", "couponCode": "race5",
                          "items": [{"productId": p, "quantity": 1}]});
        let key = format!("coupon-race-{i}");
        let app = &app;
        async move { checkout(app, t, &key, body).await }
    }))
    .await;
    let created: Vec<_> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(
        created.len(),
        5,
        "{:?}",
        replies.iter().find(|r| r.status != 201 && r.status != 422)
    );
    assert!(created.iter().all(|r| r.body["data"]["discount"] == 1000));
    let refused = replies
        .iter()
        .filter(|r| r.status == 422 && r.body["error"]["code"] == "COUPON_EXHAUSTED")
        .count();
    assert_eq!(refused, 45);
    let (used, usages): (i32, i64) = sqlx::query_as(
        "SELECT c.used_count, (SELECT count(*) FROM coupon_usages u WHERE u.coupon_id = c.id) \
         FROM coupons c WHERE c.id = $1",
    )
    .bind(coupon)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((used, usages), (5, 5));
    assert_eq!(stock(&app, p).await, 995);
}
