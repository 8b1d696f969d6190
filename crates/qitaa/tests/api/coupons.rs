//! Coupons: admin management (guarded, audited), `POST /coupons/check`
//! against a cart, and the checkout's quote / redeem / release.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use app::coupons::service::{self as coupons, QuoteLine};
use kernel::ApiError;

use crate::harness::{Reply, TestApp};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
/// An admin without `coupons.manage`.
const ADMIN: &str = "+966500000005";

async fn create(app: &TestApp, token: &str, body: Value) -> Reply {
    app.post("/api/v1/admin/coupons", Some(token), body).await
}

async fn created(app: &TestApp, token: &str, body: Value) -> Value {
    let r = create(app, token, body).await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"].clone()
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> Reply {
    app.call(
        Method::PATCH,
        &format!("/api/v1/admin/coupons/{id}"),
        Some(token),
        Some(body),
        "en",
    )
    .await
}

async fn audit_actions(app: &TestApp, id: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT action FROM audit_logs WHERE entity_type = 'coupon' AND entity_id = $1 \
         ORDER BY created_at, id",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Coupons in the table (the demo seed may add its own).
async fn coupon_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM coupons")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, phone: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn product(app: &TestApp, name_en: &str) -> (Uuid, Uuid, Option<Uuid>) {
    sqlx::query_as("SELECT id, store_id, category_id FROM products WHERE name_en = $1")
        .bind(name_en)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Puts a line in the user's cart directly in SQL: the cart API belongs to
/// another feature (being written alongside), and this test only needs rows.
async fn add_to_cart(app: &TestApp, user: Uuid, product: Uuid, variant: Option<Uuid>, qty: i32) {
    sqlx::query(
        "INSERT INTO cart_items (id, user_id, product_id, variant_id, quantity) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(product)
    .bind(variant)
    .bind(qty)
    .execute(&app.db)
    .await
    .unwrap();
}

async fn check(app: &TestApp, token: &str, code: &str) -> Reply {
    app.post("/api/v1/coupons/check", Some(token), json!({"code": code}))
        .await
}

fn refused(r: &Reply, code: &str) {
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], code, "{r:?}");
    assert!(r.body["error"]["fields"]["code"].is_array(), "{r:?}");
}

#[tokio::test]
async fn admins_create_list_change_and_delete_coupons_with_an_audit_trail() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let seeded = app.get("/api/v1/admin/coupons", Some(&root)).await.body["meta"]["total"]
        .as_i64()
        .unwrap();

    let c = created(
        &app,
        &root,
        json!({
            "code": "ramadan-25",
            "kind": "percent",
            "value": 2500,
            "maxDiscount": 5000,
            "minOrder": 10000,
            "startsAt": "2026-03-01T00:00:00+03:00",
            "endsAt": "2026-04-01T00:00:00+03:00",
            "usageLimit": 100,
            "perUserLimit": 1
        }),
    )
    .await;
    let id = c["id"].as_str().unwrap().to_owned();
    assert_eq!(c["code"], "RAMADAN-25");
    assert_eq!(c["kind"], "percent");
    assert_eq!(c["scope"], "all");
    assert_eq!(c["scopeIds"], json!([]));
    assert_eq!(c["usedCount"], 0);
    assert_eq!(c["active"], true);
    assert_eq!(c["startsAt"], "2026-02-28T21:00:00Z");
    let fixed = created(
        &app,
        &root,
        json!({"code": "FLAT-FIFTEEN", "kind": "fixed", "value": 15000, "active": false}),
    )
    .await;

    let r = app
        .get(&format!("/api/v1/admin/coupons/{id}"), Some(&root))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["maxDiscount"], 5000);

    let r = app
        .get(
            "/api/v1/admin/coupons?perPage=1&sort=-createdAt",
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], seeded + 2);
    assert_eq!(r.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["data"][0]["code"], "FLAT-FIFTEEN");
    let r = app
        .get("/api/v1/admin/coupons?q=fifteen", Some(&root))
        .await;
    assert_eq!(r.body["meta"]["total"], 1, "{r:?}");
    assert_eq!(r.body["data"][0]["id"], fixed["id"]);
    let r = app
        .get("/api/v1/admin/coupons?q=ramadan&active=true", Some(&root))
        .await;
    assert_eq!(r.body["meta"]["total"], 1, "{r:?}");
    assert_eq!(r.body["data"][0]["id"], id.as_str());
    let r = app
        .get("/api/v1/admin/coupons?q=ramadan&active=false", Some(&root))
        .await;
    assert_eq!(r.body["meta"]["total"], 0, "{r:?}");
    let r = app
        .get("/api/v1/admin/coupons?sort=secret&perPage=0", Some(&root))
        .await;
    assert_eq!(r.status, 422, "{r:?}");

    // Absent fields stay; null clears.
    let r = patch(
        &app,
        &root,
        &id,
        json!({"value": 1000, "maxDiscount": null, "endsAt": null}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["value"], 1000);
    assert_eq!(r.body["data"]["maxDiscount"], Value::Null);
    assert_eq!(r.body["data"]["endsAt"], Value::Null);
    assert_eq!(r.body["data"]["minOrder"], 10000);
    assert_eq!(r.body["data"]["code"], "RAMADAN-25");
    // A kind change is checked against the stored value (150 SAR is no percentage).
    let r = patch(
        &app,
        &root,
        fixed["id"].as_str().unwrap(),
        json!({"kind": "percent"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["value"].is_array(), "{r:?}");

    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/admin/coupons/{id}"),
            Some(&root),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app
        .get(&format!("/api/v1/admin/coupons/{id}"), Some(&root))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app.get("/api/v1/admin/coupons", Some(&root)).await;
    assert_eq!(r.body["meta"]["total"], seeded + 1);
    let deleted: bool =
        sqlx::query_scalar("SELECT deleted_at IS NOT NULL FROM coupons WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(deleted, "a soft delete keeps the row");
    // The history of a deleted coupon stays readable.
    let r = app
        .get(&format!("/api/v1/admin/coupons/{id}/usages"), Some(&root))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 0);

    assert_eq!(
        audit_actions(&app, &id).await,
        ["coupon.create", "coupon.update", "coupon.delete"]
    );
    let (before, after): (Value, Value) = sqlx::query_as(
        "SELECT before, after FROM audit_logs WHERE action = 'coupon.update' AND entity_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(before["value"], 2500);
    assert_eq!(after["value"], 1000);
    // The refused patch wrote nothing.
    assert_eq!(
        audit_actions(&app, fixed["id"].as_str().unwrap()).await,
        ["coupon.create"]
    );
}

#[tokio::test]
async fn only_holders_of_coupons_manage_may_manage_coupons() {
    let app = TestApp::spawn().await;
    let before = coupon_count(&app).await;
    let body = json!({"code": "NOPE1", "kind": "fixed", "value": 100});
    for phone in [ADMIN, CUSTOMER] {
        let token = app.token_of(phone).await;
        let r = app.get("/api/v1/admin/coupons", Some(&token)).await;
        assert_eq!(r.status, 403, "{phone}: {r:?}");
        assert_eq!(r.body["error"]["code"], "FORBIDDEN");
        let r = create(&app, &token, body.clone()).await;
        assert_eq!(r.status, 403, "{phone}: {r:?}");
    }
    let r = app.get("/api/v1/admin/coupons", None).await;
    assert_eq!(r.status, 401, "{r:?}");
    assert_eq!(coupon_count(&app).await, before);
}

#[tokio::test]
async fn a_bad_coupon_is_one_422_naming_every_failing_field() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let before = coupon_count(&app).await;
    let r = create(
        &app,
        &root,
        json!({
            "code": "x y",
            "kind": "bogus",
            "value": 0,
            "minOrder": -5,
            "startsAt": "tomorrow",
            "scope": "stores",
            "usageLimit": 0,
            "perUserLimit": -1
        }),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    let fields = r.body["error"]["fields"].as_object().unwrap();
    for f in [
        "code",
        "kind",
        "value",
        "minOrder",
        "startsAt",
        "scopeIds",
        "usageLimit",
        "perUserLimit",
    ] {
        assert!(fields.contains_key(f), "{f} missing in {r:?}");
    }

    // Rules between fields: a percent over 100 %, an end before the start.
    let r = create(
        &app,
        &root,
        json!({
            "code": "TOO-MUCH",
            "kind": "percent",
            "value": 10001,
            "startsAt": "2026-05-01T00:00:00Z",
            "endsAt": "2026-04-01T00:00:00Z"
        }),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = r.body["error"]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("value") && fields.contains_key("endsAt"),
        "{r:?}"
    );

    // Required fields, and unknown ones.
    let r = create(&app, &root, json!({"scope": "all", "colour": "red"})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["colour"].is_array(), "{r:?}");
    let r = create(&app, &root, json!({})).await;
    let fields = r.body["error"]["fields"].as_object().unwrap();
    assert!(
        ["code", "kind", "value"]
            .iter()
            .all(|f| fields.contains_key(*f)),
        "{r:?}"
    );

    // Scope ids must be live stores (or categories) of the scope.
    let ghost = Uuid::now_v7();
    let r = create(
        &app,
        &root,
        json!({"code": "GHOST", "kind": "fixed", "value": 100, "scope": "stores", "scopeIds": [ghost]}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    let msg = r.body["error"]["fields"]["scopeIds"][0].as_str().unwrap();
    assert!(msg.contains(&ghost.to_string()), "{msg}");
    let r = app
        .call(
            Method::POST,
            "/api/v1/admin/coupons",
            Some(&root),
            Some(json!({"code": "GHOST", "kind": "fixed", "value": 100, "scope": "categories", "scopeIds": [ghost]})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let msg = r.body["error"]["fields"]["scopeIds"][0].as_str().unwrap();
    assert!(msg.contains("التصنيف"), "{msg}");
    assert_eq!(coupon_count(&app).await, before);
}

#[tokio::test]
async fn codes_are_unique_in_any_case_among_live_coupons() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let first = created(
        &app,
        &root,
        json!({"code": "SAVE10", "kind": "fixed", "value": 1000}),
    )
    .await;
    let r = create(
        &app,
        &root,
        json!({"code": "save10", "kind": "percent", "value": 1000}),
    )
    .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "COUPON_CODE_TAKEN");

    let other = created(
        &app,
        &root,
        json!({"code": "OTHER", "kind": "fixed", "value": 1000}),
    )
    .await;
    let r = patch(
        &app,
        &root,
        other["id"].as_str().unwrap(),
        json!({"code": "Save10"}),
    )
    .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "COUPON_CODE_TAKEN");

    // Once deleted, the code is free again.
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/admin/coupons/{}", first["id"].as_str().unwrap()),
            Some(&root),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    created(
        &app,
        &root,
        json!({"code": "save10", "kind": "fixed", "value": 500}),
    )
    .await;
}

#[tokio::test]
async fn checking_a_code_against_the_cart() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let token = app.token_of(CUSTOMER).await;
    let customer = user_id(&app, CUSTOMER).await;

    // Riyadh: oil filter 45.00 × 2 and spark plugs in a 150.00 variant;
    // Jeddah: brake pads 320.00. Net 90 + 150 + 320 = 560 SAR.
    let (oil, riyadh, oil_category) = product(&app, "Oil filter - Toyota Camry").await;
    let (plugs, _, _) = product(&app, "Iridium spark plugs - Toyota").await;
    let (pads, jeddah, _) = product(&app, "Front brake pads - Nissan Patrol").await;
    let variant = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO product_variants (id, product_id, name_ar, name_en, price, stock) \
         VALUES ($1, $2, 'طقم ٦', 'Set of 6', 15000, 5)",
    )
    .bind(variant)
    .bind(plugs)
    .execute(&app.db)
    .await
    .unwrap();
    add_to_cart(&app, customer, oil, None, 2).await;
    add_to_cart(&app, customer, plugs, Some(variant), 1).await;
    add_to_cart(&app, customer, pads, None, 1).await;

    // Percent with a cap: 10 % of 560 is 56, capped at 30; typed in lower case.
    created(
        &app,
        &root,
        json!({"code": "TEN", "kind": "percent", "value": 1000, "maxDiscount": 3000}),
    )
    .await;
    let r = check(&app, &token, " ten ").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"],
        json!({"code": "TEN", "discount": 3000, "eligibleSubtotal": 56000})
    );

    // Fixed.
    created(
        &app,
        &root,
        json!({"code": "FLAT25", "kind": "fixed", "value": 2500}),
    )
    .await;
    let r = check(&app, &token, "flat25").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["discount"], 2500);

    // Scoped to a store or a category: only their lines count.
    created(
        &app,
        &root,
        json!({"code": "RIYADH", "kind": "percent", "value": 5000, "scope": "stores", "scopeIds": [riyadh]}),
    )
    .await;
    let r = check(&app, &token, "RIYADH").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["eligibleSubtotal"], 24000);
    assert_eq!(r.body["data"]["discount"], 12000);
    created(
        &app,
        &root,
        json!({"code": "OILS", "kind": "fixed", "value": 100000, "scope": "categories", "scopeIds": [oil_category.unwrap()]}),
    )
    .await;
    let r = check(&app, &token, "OILS").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"]["discount"], 9000,
        "never more than the eligible lines"
    );

    // Minimum order not met (1,000 SAR of qualifying items), in both languages.
    created(
        &app,
        &root,
        json!({"code": "BIG", "kind": "fixed", "value": 5000, "minOrder": 100000}),
    )
    .await;
    let r = check(&app, &token, "BIG").await;
    refused(&r, "COUPON_MIN_ORDER");
    let msg = r.body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("SAR 1000.00"), "{msg}");
    let r = app
        .call(
            Method::POST,
            "/api/v1/coupons/check",
            Some(&token),
            Some(json!({"code": "BIG"})),
            "ar",
        )
        .await;
    let msg = r.body["error"]["message"].as_str().unwrap();
    assert!(msg.contains("1000.00 ر.س"), "{msg}");

    // A store with no line in the cart.
    created(
        &app,
        &root,
        json!({"code": "JEDDAH", "kind": "fixed", "value": 1000, "scope": "stores", "scopeIds": [jeddah]}),
    )
    .await;
    assert_eq!(check(&app, &token, "JEDDAH").await.status, 200);
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1 AND product_id = $2")
        .bind(customer)
        .bind(pads)
        .execute(&app.db)
        .await
        .unwrap();
    refused(
        &check(&app, &token, "JEDDAH").await,
        "COUPON_NOT_APPLICABLE",
    );

    // Expired, not started, inactive, unknown.
    created(
        &app,
        &root,
        json!({"code": "OLD", "kind": "fixed", "value": 100,
               "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2020-02-01T00:00:00Z"}),
    )
    .await;
    refused(&check(&app, &token, "OLD").await, "COUPON_EXPIRED");
    created(
        &app,
        &root,
        json!({"code": "LATER", "kind": "fixed", "value": 100, "startsAt": "2099-01-01T00:00:00Z"}),
    )
    .await;
    refused(&check(&app, &token, "LATER").await, "COUPON_NOT_STARTED");
    created(
        &app,
        &root,
        json!({"code": "OFF", "kind": "fixed", "value": 100, "active": false}),
    )
    .await;
    refused(&check(&app, &token, "OFF").await, "COUPON_NOT_FOUND");
    refused(&check(&app, &token, "NO-SUCH").await, "COUPON_NOT_FOUND");

    // An empty cart qualifies for nothing.
    sqlx::query("DELETE FROM cart_items WHERE user_id = $1")
        .bind(customer)
        .execute(&app.db)
        .await
        .unwrap();
    refused(
        &check(&app, &token, "FLAT25").await,
        "COUPON_NOT_APPLICABLE",
    );

    let r = app
        .post("/api/v1/coupons/check", None, json!({"code": "TEN"}))
        .await;
    assert_eq!(r.status, 401, "{r:?}");
    let r = app
        .post("/api/v1/coupons/check", Some(&token), json!({"code": ""}))
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    // Checking uses nothing up.
    let used: i64 =
        sqlx::query_scalar("SELECT coalesce(sum(used_count), 0) FROM coupons WHERE code = ANY($1)")
            .bind(["TEN", "FLAT25", "RIYADH", "OILS", "BIG", "JEDDAH"])
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(used, 0);
}

async fn new_checkout(app: &TestApp, user: Uuid) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO checkouts (id, user_id, payment_method, amount_due) VALUES ($1, $2, 'wallet', 0)",
    )
    .bind(id)
    .bind(user)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

async fn counters(app: &TestApp, code: &str, user: Uuid) -> (i32, i32) {
    sqlx::query_as(
        "SELECT c.used_count, coalesce(u.used, 0) FROM coupons c \
         LEFT JOIN coupon_user_counts u ON u.coupon_id = c.id AND u.user_id = $2 \
         WHERE c.code = $1",
    )
    .bind(code)
    .bind(user)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

fn refusal_code(r: Result<impl std::fmt::Debug, ApiError>) -> &'static str {
    match r {
        Err(ApiError::Unprocessable { code, fields, .. }) => {
            assert!(fields.contains("couponCode"), "{fields:?}");
            code
        }
        other => panic!("expected a coupon refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn checkout_redeems_within_the_limits_and_release_gives_the_use_back() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let customer = user_id(&app, CUSTOMER).await;
    let (_, riyadh, _) = product(&app, "Oil filter - Toyota Camry").await;
    let (_, jeddah, _) = product(&app, "Front brake pads - Nissan Patrol").await;
    let lines = [
        QuoteLine {
            store_id: riyadh,
            category_id: None,
            amount: 10_000,
        },
        QuoteLine {
            store_id: jeddah,
            category_id: None,
            amount: 20_000,
        },
    ];
    let once = created(
        &app,
        &root,
        json!({"code": "ONCE", "kind": "fixed", "value": 1000, "usageLimit": 1}),
    )
    .await;
    let mut conn = app.db.acquire().await.unwrap();

    let q = coupons::quote(&mut conn, "once", customer, &lines)
        .await
        .unwrap();
    assert_eq!(q.code, "ONCE");
    assert_eq!(q.discount, 1000);
    assert_eq!(q.per_line, [333, 667]);
    let first = new_checkout(&app, customer).await;
    coupons::redeem(&mut conn, &q, customer, first)
        .await
        .unwrap();
    assert_eq!(counters(&app, "ONCE", customer).await, (1, 1));
    assert_eq!(
        refusal_code(coupons::quote(&mut conn, "ONCE", customer, &lines).await),
        "COUPON_EXHAUSTED"
    );
    // A checkout that quoted before the last use went: the redeem refuses.
    let second = new_checkout(&app, customer).await;
    assert_eq!(
        refusal_code(coupons::redeem(&mut conn, &q, customer, second).await),
        "COUPON_EXHAUSTED"
    );
    assert_eq!(counters(&app, "ONCE", customer).await, (1, 1));

    // Release gives the use back, once however often it is called.
    coupons::release(&mut conn, first).await.unwrap();
    coupons::release(&mut conn, first).await.unwrap();
    assert_eq!(counters(&app, "ONCE", customer).await, (0, 0));
    coupons::quote(&mut conn, "ONCE", customer, &lines)
        .await
        .unwrap();

    // Per user: the second use by the same customer is refused, counters unchanged.
    created(
        &app,
        &root,
        json!({"code": "MINE", "kind": "percent", "value": 1000, "perUserLimit": 1}),
    )
    .await;
    let q = coupons::quote(&mut conn, "MINE", customer, &lines)
        .await
        .unwrap();
    assert_eq!(q.discount, 3000);
    coupons::redeem(&mut conn, &q, customer, second)
        .await
        .unwrap();
    assert_eq!(
        refusal_code(coupons::quote(&mut conn, "MINE", customer, &lines).await),
        "COUPON_USER_LIMIT"
    );
    let third = new_checkout(&app, customer).await;
    assert_eq!(
        refusal_code(coupons::redeem(&mut conn, &q, customer, third).await),
        "COUPON_USER_LIMIT"
    );
    assert_eq!(counters(&app, "MINE", customer).await, (1, 1));
    drop(conn);

    // The admin's usage history, with who used it and what was given back.
    let r = app
        .get(
            &format!(
                "/api/v1/admin/coupons/{}/usages",
                once["id"].as_str().unwrap()
            ),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 1);
    let u = &r.body["data"][0];
    assert_eq!(u["userId"], customer.to_string());
    assert_eq!(u["userPhone"], CUSTOMER);
    assert_eq!(u["checkoutId"], first.to_string());
    assert_eq!(u["discount"], 1000);
    assert!(u["releasedAt"].is_string(), "{u}");
    let admin = app.token_of(ADMIN).await;
    let r = app
        .get(
            &format!(
                "/api/v1/admin/coupons/{}/usages",
                once["id"].as_str().unwrap()
            ),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
}

#[tokio::test]
async fn concurrent_checkouts_never_use_more_than_the_limit() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let customer = user_id(&app, CUSTOMER).await;
    let (_, riyadh, _) = product(&app, "Oil filter - Toyota Camry").await;
    let lines = vec![QuoteLine {
        store_id: riyadh,
        category_id: None,
        amount: 10_000,
    }];
    created(
        &app,
        &root,
        json!({"code": "RUSH", "kind": "fixed", "value": 500, "usageLimit": 3}),
    )
    .await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let db = app.db.clone();
        let lines = lines.clone();
        let checkout = new_checkout(&app, customer).await;
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin().await.unwrap();
            let q = coupons::quote(&mut tx, "RUSH", customer, &lines).await?;
            coupons::redeem(&mut tx, &q, customer, checkout).await?;
            tx.commit().await.unwrap();
            Ok::<(), ApiError>(())
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => ok += 1,
            Err(e) => assert_eq!(refusal_code(Err::<(), _>(e)), "COUPON_EXHAUSTED"),
        }
    }
    assert_eq!(ok, 3);
    assert_eq!(counters(&app, "RUSH", customer).await, (3, 3));
    let usages: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM coupon_usages u JOIN coupons c ON c.id = u.coupon_id WHERE c.code = 'RUSH'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(usages, 3);
}

#[tokio::test]
async fn coupon_routes_are_documented() {
    let app = TestApp::spawn().await;
    let doc = app.get("/docs/openapi.json", None).await;
    assert_eq!(doc.status, 200);
    let paths = doc.body["paths"].as_object().unwrap();
    for (p, methods) in [
        ("/api/v1/admin/coupons", &["get", "post"][..]),
        (
            "/api/v1/admin/coupons/{id}",
            &["get", "patch", "delete"][..],
        ),
        ("/api/v1/admin/coupons/{id}/usages", &["get"][..]),
        ("/api/v1/coupons/check", &["post"][..]),
    ] {
        for m in methods {
            assert!(paths[p][m].is_object(), "{m} {p} is documented");
        }
    }
    assert!(paths["/api/v1/admin/coupons"]["post"]["responses"]["409"].is_object());
    let schemas = &doc.body["components"]["schemas"];
    for s in [
        "Coupon",
        "CouponInput",
        "CouponKind",
        "CouponScope",
        "CouponUsage",
        "CheckResult",
    ] {
        assert!(schemas[s].is_object(), "schema {s}");
    }
}
