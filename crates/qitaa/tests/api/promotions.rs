//! Store promotions: the partner's routes (validated, scoped to the store,
//! guarded), the cart's prices inside and outside a promotion's window, the
//! best of overlapping promotions, the documented stacking with a platform
//! coupon at checkout, and the money after delivery (the store settled on
//! the discounted price, no promotions expense for it, the invoice).

use reqwest::Method;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::harness::{Reply, TestApp};
use crate::shop::*;

/// Half up to the halala, as `kernel::money::share` rounds.
fn rate(x: i64, bp: i64) -> i64 {
    (x * bp * 2 + 10_000) / 20_000
}

fn at(offset: time::Duration) -> String {
    (OffsetDateTime::now_utc() + offset)
        .format(&Rfc3339)
        .unwrap()
}

fn path(store: Uuid) -> String {
    format!("/api/v1/partner/stores/{store}/promotions")
}

/// A running promotion body: from an hour ago for a day.
fn running(kind: &str, value: i64, products: &[Uuid]) -> Value {
    json!({"nameAr": "تخفيضات", "nameEn": "Sale", "kind": kind, "value": value,
           "productIds": products, "startsAt": at(-time::Duration::HOUR),
           "endsAt": at(time::Duration::DAY)})
}

async fn create(app: &TestApp, token: &str, store: Uuid, body: Value) -> Reply {
    app.post(&path(store), Some(token), body).await
}

async fn created(app: &TestApp, token: &str, store: Uuid, body: Value) -> String {
    let r = create(app, token, store, body).await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

async fn patch(app: &TestApp, token: &str, store: Uuid, id: &str, body: Value) -> Reply {
    app.call(
        Method::PATCH,
        &format!("{}/{id}", path(store)),
        Some(token),
        Some(body),
        "en",
    )
    .await
}

fn refused(r: &Reply, fields: &[&str]) {
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED", "{r:?}");
    for f in fields {
        assert!(
            r.body["error"]["fields"][f].is_array(),
            "{f} not named: {r:?}"
        );
    }
}

#[tokio::test]
async fn promotions_are_validated_kept_to_their_store_and_guarded() {
    let app = TestApp::spawn().await;
    let owner = app.token_of(SUPPLIER).await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let mine = product(&app, riyadh, 10_000, 5).await;
    let theirs = product(&app, jeddah, 10_000, 5).await;

    // Every failing rule at once.
    let r = create(
        &app,
        &owner,
        riyadh,
        json!({"nameAr": " ", "kind": "bogo", "value": 0, "productIds": [],
               "startsAt": "2026-03-10T00:00:00Z", "endsAt": "2026-03-01T00:00:00Z"}),
    )
    .await;
    refused(
        &r,
        &["nameAr", "nameEn", "kind", "value", "productIds", "endsAt"],
    );
    // Kind and value bounds: at most 90 % off; a fixed amount is positive.
    let mut body = running("percent", 9_001, &[mine]);
    refused(
        &create(&app, &owner, riyadh, body.clone()).await,
        &["value"],
    );
    body["kind"] = json!("fixed");
    body["value"] = json!(0);
    refused(&create(&app, &owner, riyadh, body).await, &["value"]);
    // The window: the end after the start, at most 366 days, not over.
    let mut body = running("percent", 2000, &[mine]);
    body["endsAt"] = json!(at(time::Duration::days(400)));
    refused(
        &create(&app, &owner, riyadh, body.clone()).await,
        &["endsAt"],
    );
    body["startsAt"] = json!(at(-time::Duration::days(3)));
    body["endsAt"] = json!(at(-time::Duration::days(1)));
    refused(&create(&app, &owner, riyadh, body).await, &["endsAt"]);
    // Another store's product, and an unknown category, are named.
    let mut body = running("percent", 2000, &[mine, theirs]);
    body["categoryIds"] = json!([Uuid::nil()]);
    let r = create(&app, &owner, riyadh, body).await;
    refused(&r, &["productIds", "categoryIds"]);
    assert!(
        r.body["error"]["fields"]["productIds"][0]
            .as_str()
            .unwrap()
            .contains(&theirs.to_string()),
        "{r:?}"
    );
    // Unknown fields are refused.
    let mut body = running("percent", 2000, &[mine]);
    body["storeId"] = json!(jeddah);
    refused(&create(&app, &owner, riyadh, body).await, &["storeId"]);

    // The demo employee sees the store's products but does not manage them.
    let employee = app.token_of(EMPLOYEE).await;
    let r = create(&app, &employee, riyadh, running("percent", 2000, &[mine])).await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "FORBIDDEN");
    let r = app.get(&path(riyadh), Some(&employee)).await;
    assert_eq!(r.status, 200, "{r:?}");

    let r = create(
        &app,
        &owner,
        riyadh,
        running("percent", 2000, &[mine, mine]),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let p = &r.body["data"];
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!(p["productIds"], json!([mine]), "{r:?}");
    assert_eq!(p["state"], "running");
    assert_eq!(p["storeId"], json!(riyadh));
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE entity_type = 'store_promotion' AND entity_id = $1 \
         AND action = 'store_promotion.create'",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let r = app.get(&path(riyadh), Some(&employee)).await;
    assert_eq!(r.body["meta"]["total"], 1, "{r:?}");
    let r = patch(
        &app,
        &owner,
        riyadh,
        &id,
        json!({"kind": "fixed", "value": 15_000}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["value"], 15_000);
    assert_eq!(r.body["data"]["nameEn"], "Sale");
    // A patch is checked as a whole: 15000 basis points is no percentage.
    let r = patch(&app, &owner, riyadh, &id, json!({"kind": "percent"})).await;
    refused(&r, &["value"]);

    // Another store's promotion is not found through this store.
    let other = created(&app, &owner, jeddah, running("percent", 1000, &[theirs])).await;
    let r = app
        .get(&format!("{}/{other}", path(riyadh)), Some(&owner))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = patch(&app, &owner, riyadh, &other, json!({"active": false})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .call(
            Method::DELETE,
            &format!("{}/{other}", path(riyadh)),
            Some(&owner),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    // Nor to a supplier without standing in the store.
    let stranger = app.sign_in_as("+966591000077", Some("SUPPLIER")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(app.get(&path(riyadh), Some(&stranger)).await.status, 404);

    let r = app
        .call(
            Method::DELETE,
            &format!("{}/{id}", path(riyadh)),
            Some(&owner),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app
        .get(&format!("{}/{id}", path(riyadh)), Some(&owner))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
}

/// The customer's cart line of `product`.
async fn cart_line(app: &TestApp, token: &str, product: Uuid) -> Value {
    let r = app.get("/api/v1/cart", Some(token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["stores"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().clone())
        .find(|l| l["productId"] == json!(product))
        .unwrap_or_else(|| panic!("no line of {product}: {r:?}"))
}

#[tokio::test]
async fn a_promotion_prices_the_cart_inside_its_window_and_the_best_one_applies() {
    let app = TestApp::spawn().await;
    let owner = app.token_of(SUPPLIER).await;
    let customer = app.token_of("+966500000091").await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 20).await;
    let r = app
        .post(
            "/api/v1/cart/items",
            Some(&customer),
            json!({"productId": p, "quantity": 2}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(cart_line(&app, &customer, p).await["unitPrice"], 10_000);

    // 20 % off: 100.00 SAR becomes exactly 80.00 SAR a unit.
    let twenty = created(&app, &owner, riyadh, running("percent", 2000, &[p])).await;
    let l = cart_line(&app, &customer, p).await;
    assert_eq!(l["unitPrice"], 8_000, "{l}");
    assert_eq!(l["originalUnitPrice"], 10_000, "{l}");
    assert_eq!(l["lineTotal"], 16_000, "{l}");
    assert_eq!(l["storeDiscount"], 4_000, "{l}");
    assert_eq!(l["promotion"]["id"], twenty.as_str(), "{l}");
    let cart = app.get("/api/v1/cart", Some(&customer)).await.body["data"].clone();
    assert_eq!(cart["subtotal"], 16_000, "{cart}");
    assert_eq!(cart["storeDiscount"], 4_000, "{cart}");
    let shown = app.get(&format!("/api/v1/products/{p}"), None).await;
    assert_eq!(shown.body["data"]["price"], 10_000, "{shown:?}");
    assert_eq!(
        shown.body["data"]["promotion"]["unitDiscount"], 2_000,
        "{shown:?}"
    );

    // Outside its window it prices nothing: moved to tomorrow, and an ended
    // 50 % one (written directly: the API refuses an end in the past).
    let r = patch(
        &app,
        &owner,
        riyadh,
        &twenty,
        json!({"startsAt": at(time::Duration::HOUR), "endsAt": at(time::Duration::DAY)}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["state"], "scheduled");
    sqlx::query(
        "INSERT INTO store_promotions (id, store_id, name_ar, name_en, kind, value, product_ids, \
           starts_at, ends_at) VALUES ($1, $2, 'قديم', 'Old', 'percent', 5000, $3, \
           now() - interval '3 days', now() - interval '1 day')",
    )
    .bind(Uuid::now_v7())
    .bind(riyadh)
    .bind(vec![p])
    .execute(&app.db)
    .await
    .unwrap();
    let l = cart_line(&app, &customer, p).await;
    assert_eq!(l["unitPrice"], 10_000, "{l}");
    assert_eq!(l["promotion"], Value::Null, "{l}");
    let shown = app.get(&format!("/api/v1/products/{p}"), None).await;
    assert!(shown.body["data"].get("promotion").is_none(), "{shown:?}");

    // Back in its window; 25.00 SAR off beats 20 %, and 30 % on the
    // product's category beats both. They never add up.
    let r = patch(
        &app,
        &owner,
        riyadh,
        &twenty,
        json!({"startsAt": at(-time::Duration::HOUR)}),
    )
    .await;
    assert_eq!(r.body["data"]["state"], "running", "{r:?}");
    assert_eq!(cart_line(&app, &customer, p).await["unitPrice"], 8_000);
    let fixed = created(&app, &owner, riyadh, running("fixed", 2_500, &[p])).await;
    let l = cart_line(&app, &customer, p).await;
    assert_eq!(l["unitPrice"], 7_500, "{l}");
    assert_eq!(l["promotion"]["id"], fixed.as_str(), "{l}");
    let category: Uuid =
        sqlx::query_scalar("SELECT id FROM categories WHERE deleted_at IS NULL LIMIT 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    sqlx::query("UPDATE products SET category_id = $2 WHERE id = $1")
        .bind(p)
        .bind(category)
        .execute(&app.db)
        .await
        .unwrap();
    let mut body = running("percent", 3000, &[]);
    body["categoryIds"] = json!([category]);
    let by_category = created(&app, &owner, riyadh, body).await;
    let l = cart_line(&app, &customer, p).await;
    assert_eq!(l["unitPrice"], 7_000, "{l}");
    assert_eq!(l["promotion"]["id"], by_category.as_str(), "{l}");
    // Switched off, it leaves the best of the others.
    let r = patch(&app, &owner, riyadh, &by_category, json!({"active": false})).await;
    assert_eq!(r.body["data"]["state"], "inactive", "{r:?}");
    let l = cart_line(&app, &customer, p).await;
    assert_eq!(
        (l["unitPrice"].clone(), l["promotion"]["id"].clone()),
        (json!(7_500), json!(fixed))
    );
}

/// The customer's checkout of two units of a 100.00 SAR product on a 20 %
/// promotion with a 10 % platform coupon, paid from the wallet: the order.
async fn promoted_order(app: &TestApp) -> (Uuid, Uuid, String, Value) {
    let owner = app.token_of(SUPPLIER).await;
    let customer = app.token_of(CUSTOMER).await;
    let root = app.token_of(SUPER_ADMIN).await;
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 10_000, 20).await;
    let promotion = created(app, &owner, riyadh, running("percent", 2000, &[p])).await;
    let r = app
        .post(
            "/api/v1/admin/coupons",
            Some(&root),
            json!({"code": "STACK10", "kind": "percent", "value": 1000}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = app
        .post(
            "/api/v1/cart/items",
            Some(&customer),
            json!({"productId": p, "quantity": 2}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    // The coupon is quoted on the already-discounted lines: 10 % of 160.00.
    let r = app
        .post(
            "/api/v1/coupons/check",
            Some(&customer),
            json!({"code": "STACK10"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["eligibleSubtotal"], 16_000, "{r:?}");
    assert_eq!(r.body["data"]["discount"], 1_600, "{r:?}");
    let address = address(app, &customer).await;
    let r = checkout(
        app,
        &customer,
        "promoted-1",
        json!({"addressId": address, "paymentMethod": "wallet", "couponCode": "STACK10"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let data = r.body["data"].clone();
    assert_eq!(data["orders"].as_array().unwrap().len(), 1, "{r:?}");
    (riyadh, p, promotion, data)
}

#[tokio::test]
async fn checkout_applies_the_store_promotion_first_then_the_coupon_on_the_discounted_subtotal() {
    let app = TestApp::spawn().await;
    let (_, p, promotion, data) = promoted_order(&app).await;
    let o = &data["orders"][0];
    let fee = o["deliveryFee"].as_i64().unwrap();
    // Store promotion first, per item: 2 × (100.00 − 20.00).
    assert_eq!(o["subtotal"], 16_000, "{o}");
    assert_eq!(o["storeDiscount"], 4_000, "{o}");
    let item = &o["items"][0];
    assert_eq!(item["productId"], json!(p));
    assert_eq!(item["unitPrice"], 8_000, "{item}");
    assert_eq!(item["originalUnitPrice"], 10_000, "{item}");
    assert_eq!(item["storeDiscount"], 4_000, "{item}");
    assert_eq!(item["lineTotal"], 16_000, "{item}");
    assert_eq!(item["promotionId"], promotion.as_str(), "{item}");
    // VAT and the store's total on the discounted price.
    let vat = rate(16_000 + fee, 1500);
    let total = 16_000 + fee + vat;
    assert_eq!(o["vat"], vat, "{o}");
    assert_eq!(o["total"], total, "{o}");
    // The coupon then, on the discounted subtotal: 10 % of 160.00, not of 200.00.
    assert_eq!(o["discount"], 1_600, "{o}");
    assert_eq!(o["amountDue"], total - 1_600, "{o}");
    assert_eq!(data["discount"], 1_600);
    assert_eq!(data["amountDue"], total - 1_600);
    assert_eq!(o["status"], "confirmed", "paid from the wallet: {o}");
    let stored: (i64, i64, Option<Uuid>) = sqlx::query_as(
        "SELECT o.store_discount, i.unit_discount, i.promotion_id FROM orders o \
         JOIN order_items i ON i.order_id = o.id WHERE o.id = $1::uuid",
    )
    .bind(o["id"].as_str().unwrap())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, (4_000, 2_000, Some(promotion.parse().unwrap())));
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn the_store_is_settled_on_the_discounted_price_and_its_invoice_shows_the_discount() {
    let app = TestApp::spawn().await;
    let (riyadh, _, _, data) = promoted_order(&app).await;
    let o = &data["orders"][0];
    let id = o["id"].as_str().unwrap().to_owned();
    let owner = app.token_of(SUPPLIER).await;
    for s in [
        "accepted",
        "preparing",
        "ready_for_pickup",
        "shipped",
        "delivered",
    ] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{id}/status"),
                Some(&owner),
                json!({"status": s}),
            )
            .await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    // The figures computed on the discounted price.
    let fee = o["deliveryFee"].as_i64().unwrap();
    let total = 16_000 + fee + rate(16_000 + fee, 1500);
    let paid = total - 1_600;
    let (bp, shipping_commission, commission, commission_vat): (i32, i64, i64, i64) =
        sqlx::query_as(
            "SELECT commission_bp, shipping_commission, commission, commission_vat FROM orders \
             WHERE id = $1::uuid",
        )
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        commission,
        rate(16_000, i64::from(bp)) + shipping_commission,
        "commission on the discounted subtotal"
    );
    assert_eq!(commission_vat, rate(commission, 1500));
    let legs: Vec<(String, i64)> = sqlx::query_as(
        "SELECT a.kind, e.amount FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE t.kind = 'target_settled' AND t.target_id = $1::uuid ORDER BY a.kind",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let leg = |kind: &str| {
        legs.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, a)| *a)
            .sum::<i64>()
    };
    assert_eq!(leg("order_escrow"), paid, "{legs:?}");
    // Only the platform's coupon is its expense; the store funded the rest.
    assert_eq!(leg("promotions_expense"), 1_600, "{legs:?}");
    assert_eq!(
        -leg("store_payable"),
        total - commission - commission_vat,
        "{legs:?}"
    );
    assert_eq!(-leg("platform_revenue"), commission, "{legs:?}");
    assert_eq!(-leg("vat_payable"), commission_vat, "{legs:?}");
    let expense: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.kind = 'promotions_expense' AND t.target_id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        expense, 1_600,
        "no promotions expense for the store's promotion"
    );
    assert_ledger_sound(&app).await;

    // The store's view of the order shows what it funded.
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/orders/{id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["storeDiscount"], 4_000, "{r:?}");
    assert_eq!(r.body["data"]["items"][0]["originalUnitPrice"], 10_000);

    // The invoice: the seller's discount and the original price.
    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .get(&format!("/api/v1/orders/{id}/invoice"), Some(&customer))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let inv = &r.body["data"];
    assert_eq!(inv["storeDiscount"], 4_000, "{inv}");
    assert_eq!(inv["lines"][0]["originalUnitPrice"], 10_000, "{inv}");
    assert_eq!(inv["lines"][0]["unitPrice"], 8_000, "{inv}");
    assert_eq!(inv["lines"][0]["storeDiscount"], 4_000, "{inv}");
    assert_eq!(inv["total"], total, "{inv}");
    assert_eq!(inv["platformDiscount"], 1_600, "{inv}");
    assert_eq!(inv["amountPaidByCustomer"], paid, "{inv}");
    let cookie = crate::web::web_session(&app, "app", "qitaa_app_session", "0500000001").await;
    let page = app
        .client
        .get(format!("{}/app/orders/{id}/invoice", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"invoice-store-discount\""), "{page}");
    assert!(
        page.contains("Store discount") && page.contains("خصم المتجر"),
        "{page}"
    );
    assert!(page.contains("− 40.00"), "{page}");
}

/// The partner's pages: a refused form comes back with its error, a good one
/// creates the promotion, the list shows it and "End now" switches it off.
#[tokio::test]
async fn the_partner_creates_and_ends_a_promotion_from_its_pages() {
    let app = TestApp::spawn().await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 5).await;
    let cookie =
        crate::web::web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let get = |path: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let r = app
                .client
                .get(format!("{}{path}", app.base))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let post = |path: String, body: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let r = app
                .client
                .post(format!("{}{path}", app.base))
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let base = format!("/partner/stores/{riyadh}/promotions");
    let (status, page) = get(format!("{base}/new")).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"promotion-form\""), "{page}");
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let local = |d: time::Duration| {
        (OffsetDateTime::now_utc().to_offset(time::macros::offset!(+3)) + d)
            .format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]"
            ))
            .unwrap()
    };
    let form = |value: &str| {
        format!(
            "_csrf={csrf}&name_ar=eid-ar&name_en=Eid&kind=percent&value={value}&product_ids={p}\
             &starts_at={}&ends_at={}&active=on",
            local(-time::Duration::HOUR),
            local(time::Duration::days(2))
        )
    };
    let (status, page) = post(base.clone(), form("95")).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("id=\"promotion-error\""), "{page}");
    assert!(page.contains("value=\"95\""), "the form as typed: {page}");
    let (status, page) = post(base.clone(), form("20")).await;
    assert_eq!(status, 303, "{page}");
    let (id, value, active): (Uuid, i64, bool) = sqlx::query_as(
        "SELECT id, value, active FROM store_promotions WHERE store_id = $1 AND name_en = 'Eid'",
    )
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((value, active), (2000, true));
    let (status, page) = get(base.clone()).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(&format!("id=\"promotion-{id}\"")), "{page}");
    assert!(
        page.contains("id=\"store-promotions\""),
        "the store's tab: {page}"
    );
    let (status, page) = post(format!("{base}/{id}/end"), format!("_csrf={csrf}")).await;
    assert_eq!(status, 303, "{page}");
    let active: bool = sqlx::query_scalar("SELECT active FROM store_promotions WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(!active);
}
