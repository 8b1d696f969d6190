//! Helpers of the commerce tests: the demo stores' products, the customer's
//! address, and requests carrying an `Idempotency-Key`.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};

pub const CUSTOMER: &str = "+966500000001";
pub const SUPPLIER: &str = "+966500000002";
pub const EMPLOYEE: &str = "+966500000003";
pub const SUPER_ADMIN: &str = "+966500000000";
pub const ADMIN: &str = "+966500000005";

/// A POST with an `Idempotency-Key` header.
pub async fn post_keyed(app: &TestApp, path: &str, token: &str, key: &str, body: Value) -> Reply {
    let res = app
        .client
        .request(Method::POST, format!("{}{path}", app.base))
        .header("accept-language", "en")
        .header("idempotency-key", key)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request sent");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

pub async fn checkout(app: &TestApp, token: &str, key: &str, body: Value) -> Reply {
    post_keyed(app, "/api/v1/checkout", token, key, body).await
}

/// Active products of a demo store, cheapest first: (id, price, stock).
pub async fn products_of(app: &TestApp, store: Uuid) -> Vec<(Uuid, i64, i32)> {
    sqlx::query_as(
        "SELECT id, price, stock FROM products WHERE store_id = $1 AND status = 'active' \
         AND deleted_at IS NULL ORDER BY price, id",
    )
    .bind(store)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

pub async fn demo_stores(app: &TestApp) -> (Uuid, Uuid) {
    app::stores::seed::demo_store_ids(&app.db)
        .await
        .unwrap()
        .expect("demo stores")
}

/// A new active product of `store` with this price and stock.
pub async fn product(app: &TestApp, store: Uuid, price: i64, stock: i32) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO products (id, store_id, name_ar, name_en, condition, price, stock, status) \
         VALUES ($1, $2, 'منتج اختبار', 'Test product', 'new', $3, $4, 'active')",
    )
    .bind(id)
    .bind(store)
    .bind(price)
    .bind(stock)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

/// The caller's default address, creating one for a new customer.
pub async fn address(app: &TestApp, token: &str) -> String {
    let r = app.get("/api/v1/addresses", Some(token)).await;
    if let Some(a) = r.body["data"].as_array().and_then(|l| l.first()) {
        return a["id"].as_str().unwrap().to_owned();
    }
    let r = app
        .post(
            "/api/v1/addresses",
            Some(token),
            json!({"label": "Home", "recipientName": "Test", "phone": "0501234567",
                   "city": "Riyadh", "lat": 24.7, "lng": 46.7}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

pub async fn wallet(app: &TestApp, token: &str) -> i64 {
    let r = app.get("/api/v1/wallet", Some(token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["balance"].as_i64().unwrap()
}

pub async fn order_status(app: &TestApp, id: &str) -> String {
    sqlx::query_scalar("SELECT status FROM orders WHERE id = $1::uuid")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

pub async fn stock(app: &TestApp, product: Uuid) -> i32 {
    sqlx::query_scalar("SELECT stock FROM products WHERE id = $1")
        .bind(product)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The ledger's own check: every transaction sums to zero and every cached
/// balance equals its entries.
pub async fn assert_ledger_sound(app: &TestApp) {
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id \
         HAVING sum(amount) <> 0) t",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(unbalanced, 0, "unbalanced transactions");
    let mismatched: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ledger_accounts a WHERE a.balance <> \
         coalesce((SELECT sum(amount) FROM ledger_entries e WHERE e.account_id = a.id), 0)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        mismatched, 0,
        "cached balances that differ from their entries"
    );
}
