//! Reviews of delivered orders: once per order and target, the stores' and
//! products' rating aggregates, supplier replies, moderation.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};

const CUSTOMER: &str = "+966500000001";
const SUPPLIER: &str = "+966500000002";
const EMPLOYEE: &str = "+966500000003";
const SUPER_ADMIN: &str = "+966500000000";
const ADMIN: &str = "+966500000005";

/// The demo customer's delivered order: (order, store, its products).
async fn delivered_order(app: &TestApp, token: &str) -> (Uuid, Uuid, Vec<Uuid>) {
    let r = app
        .get("/api/v1/orders?status=delivered", Some(token))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let order = &r.body["data"][0];
    let id = |v: &Value| v.as_str().unwrap().parse::<Uuid>().unwrap();
    let products = order["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| id(&i["productId"]))
        .collect();
    (id(&order["id"]), id(&order["storeId"]), products)
}

async fn rating(app: &TestApp, table: &str, id: Uuid) -> (i64, i32) {
    sqlx::query_as(&format!(
        "SELECT rating_sum, rating_count FROM {table} WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

fn list_ids(r: &Reply) -> Vec<String> {
    r.body["data"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {r:?}"))
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn review(app: &TestApp, token: &str, order: Uuid, body: Value) -> Reply {
    app.post(
        &format!("/api/v1/orders/{order}/reviews"),
        Some(token),
        body,
    )
    .await
}

fn fields(r: &Reply) -> Vec<String> {
    r.body["error"]["fields"]
        .as_object()
        .unwrap_or_else(|| panic!("fields: {r:?}"))
        .keys()
        .cloned()
        .collect()
}

/// A new cash order of one Riyadh product, still waiting for the store.
async fn fresh_order(app: &TestApp, token: &str, store: Uuid) -> Uuid {
    let r = app.get("/api/v1/addresses", Some(token)).await;
    let address = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isDefault"] == true)
        .unwrap_or_else(|| panic!("a default address: {r:?}"))["id"]
        .clone();
    let product: Uuid = sqlx::query_scalar(
        "SELECT id FROM products WHERE store_id = $1 AND status = 'active' AND stock > 0 \
         AND deleted_at IS NULL ORDER BY price, id LIMIT 1",
    )
    .bind(store)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let res = app
        .client
        .post(format!("{}/api/v1/checkout", app.base))
        .header("accept-language", "en")
        .header("idempotency-key", Uuid::new_v4().to_string())
        .bearer_auth(token)
        .json(&json!({
            "addressId": address,
            "paymentMethod": "cash",
            "items": [{"productId": product, "quantity": 1}],
        }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn audit_count(app: &TestApp, action: &str, review: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = $1 AND entity_type = 'review' AND entity_id = $2",
    )
    .bind(action)
    .bind(review)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn reviews_move_the_aggregates_and_moderation_takes_them_out_and_back() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (order, store, products) = delivered_order(&app, &token).await;
    let product = products[0];
    let store_before = rating(&app, "stores", store).await;
    let product_before = rating(&app, "products", product).await;

    let r = review(
        &app,
        &token,
        order,
        json!({
            "storeRating": {"stars": 4, "text": "  توصيل سريع وتغليف ممتاز  "},
            "products": [{"productId": product, "stars": 5}],
        }),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let created = r.body["data"].as_array().unwrap();
    assert_eq!(created.len(), 2, "{r:?}");
    let store_review = created.iter().find(|v| v["targetType"] == "store").unwrap();
    assert_eq!(store_review["text"], "توصيل سريع وتغليف ممتاز");
    assert_eq!(store_review["status"], "visible");
    let id = store_review["id"].as_str().unwrap().to_owned();

    let after = (store_before.0 + 4, store_before.1 + 1);
    assert_eq!(rating(&app, "stores", store).await, after);
    assert_eq!(
        rating(&app, "products", product).await,
        (product_before.0 + 5, product_before.1 + 1)
    );

    // The public lists, anonymous, with the aggregate in the meta.
    let list = app
        .get(&format!("/api/v1/stores/{store}/reviews"), None)
        .await;
    assert_eq!(list.status, 200, "{list:?}");
    assert_eq!(list_ids(&list), vec![id.clone()]);
    assert_eq!(list.body["meta"]["ratingCount"], after.1);
    let avg = (after.0 as f64 / f64::from(after.1) * 10.0).round() / 10.0;
    assert_eq!(list.body["meta"]["ratingAverage"].as_f64(), Some(avg));
    assert_eq!(list.body["meta"]["total"], 1);
    let first = &list.body["data"][0];
    assert_eq!(first["reviewerName"], "عميل", "first name only: {first}");
    assert!(first.get("customerId").is_none(), "{first}");
    let plist = app
        .get(&format!("/api/v1/products/{product}/reviews"), None)
        .await;
    assert_eq!(plist.status, 200, "{plist:?}");
    assert_eq!(plist.body["meta"]["ratingCount"], product_before.1 + 1);
    assert_eq!(plist.body["data"][0]["stars"], 5);
    let missing = app
        .get(&format!("/api/v1/stores/{}/reviews", Uuid::now_v7()), None)
        .await;
    assert_eq!(missing.status, 404, "{missing:?}");
    let bad = app
        .get(
            &format!("/api/v1/stores/{store}/reviews?perPage=0&x=1"),
            None,
        )
        .await;
    assert_eq!(bad.status, 422, "{bad:?}");

    // An admin without reviews.moderate may do nothing.
    let admin = app.token_of(ADMIN).await;
    for (path, body) in [
        (
            format!("/api/v1/admin/reviews/{id}/hide"),
            json!({"reason": "x"}),
        ),
        (format!("/api/v1/admin/reviews/{id}/restore"), json!({})),
    ] {
        let r = app.post(&path, Some(&admin), body).await;
        assert_eq!(r.status, 403, "{path}: {r:?}");
    }
    let r = app.get("/api/v1/admin/reviews", Some(&admin)).await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app.get("/api/v1/admin/reviews", Some(&token)).await;
    assert_eq!(r.status, 403, "{r:?}");

    // Hiding takes it out of the list and the aggregate; twice changes nothing.
    let sa = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            Some(&sa),
            json!({"reason": ""}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields(&r), vec!["reason"]);
    for _ in 0..2 {
        let r = app
            .post(
                &format!("/api/v1/admin/reviews/{id}/hide"),
                Some(&sa),
                json!({"reason": "ألفاظ غير لائقة"}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["data"]["status"], "hidden");
        assert_eq!(r.body["data"]["moderationReason"], "ألفاظ غير لائقة");
        assert_eq!(rating(&app, "stores", store).await, store_before);
        assert_eq!(audit_count(&app, "review.hide", &id).await, 1);
    }
    let list = app
        .get(&format!("/api/v1/stores/{store}/reviews"), None)
        .await;
    assert!(list_ids(&list).is_empty(), "{list:?}");
    assert_eq!(list.body["meta"]["ratingCount"], store_before.1);
    // The product review is untouched by hiding the store review.
    assert_eq!(
        rating(&app, "products", product).await,
        (product_before.0 + 5, product_before.1 + 1)
    );
    // The author still sees it, marked hidden.
    let mine = app
        .get(&format!("/api/v1/orders/{order}/reviews"), Some(&token))
        .await;
    assert_eq!(mine.status, 200, "{mine:?}");
    assert_eq!(mine.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(mine.body["data"][0]["id"], id.as_str());
    assert_eq!(mine.body["data"][0]["status"], "hidden");
    // The queue filters by status.
    let q = app
        .get("/api/v1/admin/reviews?status=hidden", Some(&sa))
        .await;
    assert_eq!(q.status, 200, "{q:?}");
    assert_eq!(list_ids(&q), vec![id.clone()]);
    assert_eq!(q.body["data"][0]["reviewerName"], "عميل تجريبي");
    let q = app
        .get(
            "/api/v1/admin/reviews?status=visible&targetType=product",
            Some(&sa),
        )
        .await;
    assert_eq!(q.body["meta"]["total"], 1, "{q:?}");
    let q = app
        .get("/api/v1/admin/reviews?status=gone", Some(&sa))
        .await;
    assert_eq!(q.status, 422, "{q:?}");

    // Restoring brings it back, once.
    for _ in 0..2 {
        let r = app
            .post(
                &format!("/api/v1/admin/reviews/{id}/restore"),
                Some(&sa),
                json!({}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["data"]["status"], "visible");
        assert_eq!(rating(&app, "stores", store).await, after);
        assert_eq!(audit_count(&app, "review.restore", &id).await, 1);
    }
    let list = app
        .get(&format!("/api/v1/stores/{store}/reviews"), None)
        .await;
    assert_eq!(list_ids(&list), vec![id.clone()]);
    assert_eq!(list.body["meta"]["ratingCount"], after.1);
    let r = app
        .post(
            &format!("/api/v1/admin/reviews/{}/hide", Uuid::now_v7()),
            Some(&sa),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
}

#[tokio::test]
async fn reviews_are_once_and_only_of_the_callers_delivered_orders() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (order, store, products) = delivered_order(&app, &token).await;
    let before = rating(&app, "stores", store).await;

    // Every failing field at once; nothing is written.
    for (body, expected) in [
        (
            json!({"storeRating": {"stars": 0}, "products": [{"productId": products[0], "stars": 6}]}),
            vec!["products[0].stars", "storeRating.stars"],
        ),
        (
            json!({"storeRating": {"stars": 6, "text": "x".repeat(2001)}}),
            vec!["storeRating.stars", "storeRating.text"],
        ),
        (json!({}), vec!["storeRating"]),
        (
            json!({"storeRating": {"stars": 5, "extra": 1}}),
            vec!["storeRating.extra"],
        ),
        (
            json!({"products": [{"productId": "nope", "stars": 5}]}),
            vec!["products[0].productId"],
        ),
    ] {
        let r = review(&app, &token, order, body.clone()).await;
        assert_eq!(r.status, 422, "{body}: {r:?}");
        assert_eq!(fields(&r), expected, "{body}: {r:?}");
    }
    // A product that is not an item of the order, named by its place.
    let elsewhere: Uuid = sqlx::query_scalar(
        "SELECT id FROM products WHERE id <> ALL($1) AND deleted_at IS NULL LIMIT 1",
    )
    .bind(&products)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = review(
        &app,
        &token,
        order,
        json!({
            "storeRating": {"stars": 5},
            "products": [{"productId": products[0], "stars": 4}, {"productId": elsewhere, "stars": 4}],
        }),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields(&r), vec!["products[1].productId"]);
    assert_eq!(rating(&app, "stores", store).await, before);

    // Another customer: the order does not exist for them.
    let other = app.token_of("+966557000201").await;
    let r = review(&app, &other, order, json!({"storeRating": {"stars": 5}})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .get(&format!("/api/v1/orders/{order}/reviews"), Some(&other))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = review(&app, &token, order, json!({"storeRating": {"stars": 5}})).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(
        rating(&app, "stores", store).await,
        (before.0 + 5, before.1 + 1)
    );

    // Once per order and target: the whole second request is refused.
    let r = review(
        &app,
        &token,
        order,
        json!({"storeRating": {"stars": 1}, "products": [{"productId": products[0], "stars": 1}]}),
    )
    .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "ALREADY_REVIEWED");
    assert_eq!(
        rating(&app, "stores", store).await,
        (before.0 + 5, before.1 + 1)
    );
    let mine = app
        .get(&format!("/api/v1/orders/{order}/reviews"), Some(&token))
        .await;
    assert_eq!(mine.body["data"].as_array().unwrap().len(), 1, "{mine:?}");
    // The products are still open to review, each once.
    let body = json!({"products": [{"productId": products[0], "stars": 3}]});
    let r = review(&app, &token, order, body.clone()).await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = review(&app, &token, order, body).await;
    assert_eq!(r.status, 409, "{r:?}");

    // An order that is not delivered yet.
    let fresh = fresh_order(&app, &token, store).await;
    let r = review(&app, &token, fresh, json!({"storeRating": {"stars": 5}})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "ORDER_NOT_DELIVERED");
    let ar = app
        .call(
            Method::POST,
            &format!("/api/v1/orders/{fresh}/reviews"),
            Some(&token),
            Some(json!({"storeRating": {"stars": 5}})),
            "ar",
        )
        .await;
    assert_eq!(ar.body["error"]["message"], "يمكنك تقييم الطلب بعد توصيله.");
    let r = review(
        &app,
        &token,
        Uuid::now_v7(),
        json!({"storeRating": {"stars": 5}}),
    )
    .await;
    assert_eq!(r.status, 404, "{r:?}");
}

#[tokio::test]
async fn the_store_replies_to_its_own_reviews() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (order, store, _) = delivered_order(&app, &token).await;
    let r = review(&app, &token, order, json!({"storeRating": {"stars": 2}})).await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"][0]["id"].as_str().unwrap().to_owned();
    let other_store: Uuid = sqlx::query_scalar(
        "SELECT s.id FROM stores s WHERE s.company_id = (SELECT company_id FROM stores WHERE id = $1) \
         AND s.id <> $1 AND s.deleted_at IS NULL LIMIT 1",
    )
    .bind(store)
    .fetch_one(&app.db)
    .await
    .unwrap();

    let path = format!("/api/v1/partner/stores/{store}/reviews/{id}/reply");
    let owner = app.token_of(SUPPLIER).await;
    let r = app.post(&path, Some(&owner), json!({"text": " "})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields(&r), vec!["text"]);
    let r = app
        .post(&path, Some(&owner), json!({"text": "نعتذر عن التأخير"}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["reply"]["text"], "نعتذر عن التأخير");
    let r = app
        .post(
            &path,
            Some(&owner),
            json!({"text": "نعتذر عن التأخير، وسنعوضك في طلبك القادم"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let list = app
        .get(&format!("/api/v1/stores/{store}/reviews"), None)
        .await;
    assert_eq!(
        list.body["data"][0]["reply"]["text"],
        "نعتذر عن التأخير، وسنعوضك في طلبك القادم"
    );

    // The employee holds orders.view only.
    let employee = app.token_of(EMPLOYEE).await;
    let r = app
        .post(&path, Some(&employee), json!({"text": "شكرًا"}))
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    // The owner's other store: the review is not one of its reviews.
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{other_store}/reviews/{id}/reply"),
            Some(&owner),
            json!({"text": "شكرًا"}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    // Outsiders learn nothing.
    let r = app.post(&path, Some(&token), json!({"text": "شكرًا"})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let reply: Option<String> = sqlx::query_scalar("SELECT reply FROM reviews WHERE id = $1")
        .bind(id.parse::<Uuid>().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        reply.as_deref(),
        Some("نعتذر عن التأخير، وسنعوضك في طلبك القادم")
    );
}

#[tokio::test]
async fn concurrent_identical_reviews_make_exactly_one() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (order, store, _) = delivered_order(&app, &token).await;
    let before = rating(&app, "stores", store).await;
    let url = format!("{}/api/v1/orders/{order}/reviews", app.base);
    let sends = (0..10).map(|_| {
        let req = app
            .client
            .post(&url)
            .bearer_auth(&token)
            .json(&json!({"storeRating": {"stars": 3, "text": "جيد"}}));
        async move { req.send().await.unwrap().status().as_u16() }
    });
    let mut statuses = futures_util::future::join_all(sends).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    let rows: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM reviews WHERE order_id = $1 AND target_type = 'store'",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(
        rating(&app, "stores", store).await,
        (before.0 + 3, before.1 + 1)
    );
}
