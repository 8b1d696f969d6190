//! Card payments through the built-in sandbox gateway, its webhook, refunds,
//! and the release of unpaid orders' stock.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::TestApp;
use crate::shop::*;

/// A card checkout of one product; returns (checkout data, product).
async fn card_checkout(app: &TestApp, token: &str, key: &str) -> (Value, uuid::Uuid) {
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 10_000, 5).await;
    let address = address(app, token).await;
    let r = checkout(
        app,
        token,
        key,
        json!({"addressId": address, "paymentMethod": "card",
               "items": [{"productId": p, "quantity": 2}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    (r.body["data"].clone(), p)
}

/// Follows the checkout's payment link to the sandbox page; returns the
/// page's path (`/sandbox/pay/{reference}`).
async fn hosted_page(app: &TestApp, payment_url: &str) -> String {
    let r = app.client.get(payment_url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{r:?}");
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    let path = to
        .strip_prefix(&app.base)
        .expect("the sandbox is ours")
        .to_owned();
    assert!(path.starts_with("/sandbox/pay/"), "{path}");
    let page = app.client.get(&to).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("sandbox-pay") && html.contains("sandbox-decline"),
        "{html}"
    );
    path
}

async fn clearing(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT coalesce(sum(balance), 0)::bigint FROM ledger_accounts WHERE kind = 'gateway_clearing'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn webhook(app: &TestApp, secret: &str, reference: &str) -> StatusCode {
    app.client
        .post(format!("{}/api/v1/payments/webhooks/ngenius", app.base))
        .header(app.state.config.payments.webhook_header.as_str(), secret)
        .json(&json!({"eventName": "PURCHASED", "order": {"reference": reference, "extra": 1}}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn paying_on_the_sandbox_page_confirms_and_a_repeated_webhook_moves_money_once() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (data, p) = card_checkout(&app, &token, "card-1").await;
    let order = data["orders"][0]["id"].as_str().unwrap().to_owned();
    let due = data["amountDue"].as_i64().unwrap();
    assert_eq!(data["orders"][0]["status"], "pending_payment");
    assert_eq!(
        stock(&app, p).await,
        3,
        "stock is held while the customer pays"
    );

    let url = data["paymentUrl"].as_str().expect("a payment URL");
    let page = hosted_page(&app, url).await;
    let reference = page.trim_start_matches("/sandbox/pay/").to_owned();
    let r = app
        .client
        .post(format!("{}{page}/pay", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.contains("/api/v1/payments/sessions/"), "{back}");

    assert_eq!(order_status(&app, &order).await, "confirmed");
    assert_eq!(clearing(&app).await, due, "the gateway holds the money");
    let captures = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM ledger_transactions WHERE kind = 'payment_captured' AND target_id = $1::uuid",
        )
        .bind(&order)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    assert_eq!(captures().await, 1);

    // The gateway's event again, twice, and one with a wrong header.
    let secret = app.state.config.payments.webhook_secret.clone();
    assert_eq!(webhook(&app, &secret, &reference).await, 200);
    assert_eq!(webhook(&app, &secret, &reference).await, 200);
    assert_eq!(webhook(&app, "wrong", &reference).await, 401);
    assert_eq!(captures().await, 1, "the same event twice has one effect");
    assert_eq!(clearing(&app).await, due);

    // The browser comes back and lands on the order page.
    let r = app.client.get(&back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        format!("/app/orders/{order}").as_str()
    );

    // The customer cancels before the store accepts: the money goes back to the card.
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/cancel"),
            Some(&token),
            json!({"reason": "changed my mind"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "cancelled");
    assert_eq!(r.body["data"]["refunds"][0]["destination"], "card");
    assert_eq!(clearing(&app).await, 0);
    assert_eq!(stock(&app, p).await, 5, "stock is back");
    let (state, refunded): (String, i64) =
        sqlx::query_as("SELECT state, refunded FROM sandbox_gateway_orders WHERE reference = $1")
            .bind(&reference)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((state.as_str(), refunded), ("REFUNDED", due));
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn a_declined_card_leaves_the_order_unpaid_and_its_stock_returns_after_the_window() {
    let app = TestApp::spawn_with(
        |c| {
            c.payments.card_timeout = Duration::from_secs(2);
            c.payments.sweep_every = Duration::from_millis(200);
        },
        None,
    )
    .await;
    let token = app.token_of(CUSTOMER).await;
    let (data, p) = card_checkout(&app, &token, "card-2").await;
    let order = data["orders"][0]["id"].as_str().unwrap().to_owned();
    let page = hosted_page(&app, data["paymentUrl"].as_str().unwrap()).await;
    let r = app
        .client
        .post(format!("{}{page}/decline", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let payment: String =
        sqlx::query_scalar("SELECT state FROM payments WHERE target_id = $1::uuid")
            .bind(&order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(payment, "failed");
    assert_eq!(
        order_status(&app, &order).await,
        "pending_payment",
        "unpaid, not confirmed"
    );
    assert_eq!(clearing(&app).await, 0, "no money moved");

    // The sweeper releases it once the window has closed.
    let mut status = String::new();
    for _ in 0..150 {
        status = order_status(&app, &order).await;
        if status == "cancelled" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "cancelled");
    assert_eq!(stock(&app, p).await, 5, "stock is back");
    let detail = app
        .get(&format!("/api/v1/orders/{order}"), Some(&token))
        .await;
    let last = detail.body["data"]["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["actorRole"], "system");
    assert_eq!(last["toStatus"], "cancelled");
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn refunds_go_back_the_way_the_money_came_partially_then_fully() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 20_000, 5).await;
    let address = address(&app, &customer).await;
    let before = wallet(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "refund-1",
        json!({"addressId": address, "paymentMethod": "wallet", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let due = r.body["data"]["amountDue"].as_i64().unwrap();
    for step in ["accepted", "preparing", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status"),
                Some(&supplier),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 200, "{step}: {r:?}");
    }
    let store_owed = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT -balance FROM ledger_accounts WHERE kind = 'store_payable' AND owner_id = $1",
            )
            .bind(riyadh)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let owed_after_delivery = store_owed(&app).await;
    assert!(owed_after_delivery > 0);

    let path = format!("/api/v1/admin/orders/{order}/refunds");
    let r = post_keyed(
        &app,
        &path,
        &admin,
        "r-1",
        json!({"amount": due + 1, "reason": "too much"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REFUND_EXCEEDS_PAID");
    let r = post_keyed(
        &app,
        &path,
        &admin,
        "r-2",
        json!({"amount": 1_000, "reason": "a missing bolt"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["destination"], "wallet");
    assert_eq!(wallet(&app, &customer).await, before - due + 1_000);
    assert!(
        store_owed(&app).await < owed_after_delivery,
        "the store gives its share back"
    );
    assert_eq!(order_status(&app, &order).await, "delivered");

    let r = app
        .post(
            &format!("/api/v1/admin/orders/{order}/status"),
            Some(&admin),
            json!({"status": "refunded", "reason": "returned in full"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(order_status(&app, &order).await, "refunded");
    assert_eq!(
        wallet(&app, &customer).await,
        before,
        "everything came back"
    );
    // The full refund reversed the settlement exactly: the order's escrow is
    // empty and the platform kept no commission of it.
    let escrow: i64 = sqlx::query_scalar(
        "SELECT balance FROM ledger_accounts WHERE kind = 'order_escrow' AND owner_id = $1::uuid",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(escrow, 0);
    let revenue_of_order: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.kind IN ('platform_revenue', 'vat_payable') AND t.target_id = $1::uuid",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(revenue_of_order, 0);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE entity_id = $1 AND action IN ('order.refund', 'order.force_status')",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 2);
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn delivery_settles_the_store_and_earns_capped_cashback() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let weak = app.token_of(ADMIN).await;
    let rule = json!({"name": "Launch", "percentBp": 500, "maxAmount": 1_000});
    assert_eq!(
        app.post("/api/v1/admin/cashback-rules", Some(&weak), rule.clone())
            .await
            .status,
        403
    );
    let r = app
        .post(
            "/api/v1/admin/cashback-rules",
            Some(&admin),
            json!({"name": "", "percentBp": 0, "maxAmount": 0}),
        )
        .await;
    assert_eq!(r.status, 422);
    for f in ["name", "percentBp", "maxAmount"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    let r = app
        .post("/api/v1/admin/cashback-rules", Some(&admin), rule)
        .await;
    assert_eq!(r.status, 201, "{r:?}");

    let (riyadh, _) = demo_stores(&app).await;
    let commission_bp: i32 = sqlx::query_scalar("SELECT commission_bp FROM stores WHERE id = $1")
        .bind(riyadh)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let p = product(&app, riyadh, 30_000, 5).await;
    let address = address(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "cashback-1",
        json!({"addressId": address, "paymentMethod": "wallet", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let o = r.body["data"]["orders"][0].clone();
    let order = o["id"].as_str().unwrap();
    let after_paying = wallet(&app, &customer).await;
    for step in ["accepted", "preparing", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status"),
                Some(&supplier),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    // 5 % of 404.25 SAR is 20.21 SAR, capped at 10.00 SAR.
    assert_eq!(wallet(&app, &customer).await, after_paying + 1_000);
    // The store is owed the invoice total less the commission and its VAT.
    let total = o["total"].as_i64().unwrap();
    let commission = (30_000 * i64::from(commission_bp) * 2 + 10_000) / 20_000;
    let commission_vat = (commission * 1500 * 2 + 10_000) / 20_000;
    let owed: i64 = sqlx::query_scalar(
        "SELECT -balance FROM ledger_accounts WHERE kind = 'store_payable' AND owner_id = $1",
    )
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let demo_cash_commission: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(commission + commission_vat), 0)::bigint FROM orders \
         WHERE store_id = $1 AND payment_method = 'cash' AND status = 'delivered'",
    )
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        owed,
        total - commission - commission_vat - demo_cash_commission
    );
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn outside_demo_mode_card_payment_is_unavailable_and_the_sandbox_page_does_not_exist() {
    let app = TestApp::spawn_with(|c| c.demo_mode = false, None).await;
    assert_eq!(app.state.gateway.name(), "none");
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 5).await;
    let address = address(&app, &token).await;
    let r = checkout(
        &app,
        &token,
        "card-no-gateway",
        json!({"addressId": address, "paymentMethod": "card",
               "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "CARD_UNAVAILABLE");
    assert!(
        r.body["error"]["fields"]["paymentMethod"].is_array(),
        "{r:?}"
    );
    assert_eq!(stock(&app, p).await, 5, "nothing was taken");
    let orders: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM orders WHERE customer_id = (SELECT id FROM users WHERE phone = $1)",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(orders, 1, "only the demo's delivered order");
    // The sandbox's hosted page, whose button needs no sign-in, is not served.
    let page = app.get("/sandbox/pay/anything", None).await;
    assert_eq!(page.status, 404, "{page:?}");
    let pay = app.post("/sandbox/pay/anything/pay", None, json!({})).await;
    assert_eq!(pay.status, 404, "{pay:?}");
    // Wallet still works.
    let r = checkout(
        &app,
        &token,
        "wallet-no-gateway",
        json!({"addressId": address, "paymentMethod": "wallet",
               "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
}

#[tokio::test]
async fn a_webhook_for_an_unknown_reference_is_acknowledged_and_moves_nothing() {
    let app = TestApp::spawn().await;
    let secret = app.state.config.payments.webhook_secret.clone();
    let before = clearing(&app).await;
    // Acknowledged (a real gateway retries anything else for days) ...
    assert_eq!(webhook(&app, &secret, "no-such-reference").await, 200);
    assert_eq!(webhook(&app, &secret, "no-such-reference").await, 200);
    // ... but still authenticated first.
    assert_eq!(webhook(&app, "wrong", "no-such-reference").await, 401);
    assert_eq!(clearing(&app).await, before);
}

/// A confirmed wallet order of one 300.00 SAR product, with a cashback rule
/// that would pay on delivery: (order id, product, store).
async fn confirmed_wallet_order(
    app: &TestApp,
    customer: &str,
    admin: &str,
) -> (String, uuid::Uuid, uuid::Uuid) {
    let r = app
        .post(
            "/api/v1/admin/cashback-rules",
            Some(admin),
            json!({"name": "Launch", "percentBp": 500, "maxAmount": 1_000}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 30_000, 5).await;
    let address = address(app, customer).await;
    let r = checkout(
        app,
        customer,
        "refund-before-delivery",
        json!({"addressId": address, "paymentMethod": "wallet", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (order, p, riyadh)
}

/// The statuses an order went through, in order.
async fn statuses_of(app: &TestApp, order: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT to_status FROM order_status_history WHERE order_id = $1::uuid ORDER BY created_at, id",
    )
    .bind(order)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn cashback_of(app: &TestApp, order: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM ledger_transactions WHERE kind IN ('cashback', 'target_settled') \
         AND target_id = $1::uuid",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_fully_refunded_order_is_closed_and_never_settled_nor_paid_cashback() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let before = wallet(&app, &customer).await;
    let (order, p, riyadh) = confirmed_wallet_order(&app, &customer, &admin).await;
    assert_eq!(stock(&app, p).await, 4);
    let due: i64 = sqlx::query_scalar("SELECT amount_due FROM orders WHERE id = $1::uuid")
        .bind(&order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/orders/{order}/refunds"),
        &admin,
        "full-refund",
        json!({"amount": due, "reason": "customer asked"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(order_status(&app, &order).await, "refunded");
    assert_eq!(
        stock(&app, p).await,
        5,
        "the goods never left: stock is back"
    );
    assert_eq!(wallet(&app, &customer).await, before);
    // Nobody can move it on: not the store, not an admin forcing a step.
    for step in ["accepted", "preparing", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status"),
                Some(&supplier),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 409, "{step}: {r:?}");
    }
    let r = app
        .post(
            &format!("/api/v1/admin/orders/{order}/status"),
            Some(&admin),
            json!({"status": "delivered", "reason": "force"}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(cashback_of(&app, &order).await, 0);
    assert_eq!(wallet(&app, &customer).await, before);
    let history = statuses_of(&app, &order).await;
    assert_eq!(
        history.last().map(String::as_str),
        Some("refunded"),
        "{history:?}"
    );
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn a_cancellation_is_recorded_as_cancelled_not_refunded() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let (order, p, _) = confirmed_wallet_order(&app, &customer, &admin).await;
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/cancel"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(order_status(&app, &order).await, "cancelled");
    assert_eq!(stock(&app, p).await, 5);
    let history = statuses_of(&app, &order).await;
    assert!(!history.iter().any(|s| s == "refunded"), "{history:?}");
}

#[tokio::test]
async fn refunded_money_earns_no_cashback_at_delivery() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    // 10 % uncapped, so the base shows in the amount.
    let r = app
        .post(
            "/api/v1/admin/cashback-rules",
            Some(&admin),
            json!({"name": "Ten", "percentBp": 1_000, "maxAmount": 1_000_000}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let (order, _, riyadh) = confirmed_wallet_order(&app, &customer, &admin).await;
    let due: i64 = sqlx::query_scalar("SELECT amount_due FROM orders WHERE id = $1::uuid")
        .bind(&order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/orders/{order}/refunds"),
        &admin,
        "half-refund",
        json!({"amount": due / 2, "reason": "one part missing"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(order_status(&app, &order).await, "confirmed");
    for step in ["accepted", "preparing", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status"),
                Some(&supplier),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let cashback: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE t.kind = 'cashback' AND t.target_id = $1::uuid AND e.amount > 0",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(cashback, (due - due / 2) / 10, "10 % of what was kept paid");
    assert_ledger_sound(&app).await;
}

/// Presses a button of the sandbox's hosted page behind a payment link.
async fn press(app: &TestApp, payment_url: &str, button: &str) -> String {
    let page = hosted_page(app, payment_url).await;
    let r = app
        .client
        .post(format!("{}{page}/{button}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{button}");
    page.trim_start_matches("/sandbox/pay/").to_owned()
}

async fn captures_of(app: &TestApp, order: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM ledger_transactions WHERE kind = 'payment_captured' AND target_id = $1::uuid",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn pay_again(
    app: &TestApp,
    token: &str,
    order: &str,
    key: &str,
    method: &str,
) -> crate::harness::Reply {
    post_keyed(
        app,
        &format!("/api/v1/orders/{order}/pay"),
        token,
        key,
        json!({"paymentMethod": method}),
    )
    .await
}

#[tokio::test]
async fn after_a_decline_the_customer_pays_again_by_card_and_it_captures_once() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (data, _) = card_checkout(&app, &token, "decline-then-pay").await;
    let order = data["orders"][0]["id"].as_str().unwrap().to_owned();
    let due = data["amountDue"].as_i64().unwrap();
    press(&app, data["paymentUrl"].as_str().unwrap(), "decline").await;
    let r = app
        .get(&format!("/api/v1/orders/{order}"), Some(&token))
        .await;
    assert_eq!(r.body["data"]["status"], "pending_payment");
    assert_eq!(r.body["data"]["payable"], true, "{r:?}");

    // Money creates need the key.
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/pay"),
            Some(&token),
            json!({"paymentMethod": "card"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "IDEMPOTENCY_KEY_REQUIRED");
    let r = pay_again(&app, &token, &order, "again-1", "cash").await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["paymentMethod"].is_array());

    let r = pay_again(&app, &token, &order, "again-1", "card").await;
    assert_eq!(r.status, 200, "{r:?}");
    let url = r.body["data"]["paymentUrl"].as_str().unwrap().to_owned();
    assert_ne!(url, data["paymentUrl"].as_str().unwrap(), "a new attempt");
    // Replayed, the same attempt; asked again without a key change, the open one.
    let again = pay_again(&app, &token, &order, "again-1", "card").await;
    assert_eq!(again.body["data"]["paymentUrl"], url.as_str());
    let other = pay_again(&app, &token, &order, "again-2", "card").await;
    assert_eq!(other.status, 200, "{other:?}");
    assert_eq!(
        other.body["data"]["paymentUrl"],
        url.as_str(),
        "no second gateway order"
    );

    press(&app, &url, "pay").await;
    assert_eq!(order_status(&app, &order).await, "confirmed");
    assert_eq!(captures_of(&app, &order).await, 1);
    assert_eq!(clearing(&app).await, due);
    let r = pay_again(&app, &token, &order, "again-3", "card").await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "ORDER_NOT_AWAITING_PAYMENT");
    // Another customer does not see the order at all.
    let stranger = app.token_of("0561230000").await;
    let r = pay_again(&app, &stranger, &order, "again-4", "wallet").await;
    assert_eq!(r.status, 404, "{r:?}");
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn switching_to_the_wallet_while_a_card_page_is_open_never_takes_the_money_twice() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let before = wallet(&app, &token).await;
    let (data, _) = card_checkout(&app, &token, "card-then-wallet").await;
    let order = data["orders"][0]["id"].as_str().unwrap().to_owned();
    let due = data["amountDue"].as_i64().unwrap();
    let first = data["paymentUrl"].as_str().unwrap().to_owned();
    // The page was opened, then left unpaid; the customer pays from the wallet.
    let page = hosted_page(&app, &first).await;
    let r = pay_again(&app, &token, &order, "to-wallet", "wallet").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "confirmed");
    assert_eq!(wallet(&app, &token).await, before - due);
    // Then the old card page is paid after all: the money goes back at the gateway.
    let r = app
        .client
        .post(format!("{}{page}/pay", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        captures_of(&app, &order).await,
        1,
        "the wallet capture only"
    );
    let reference = page.trim_start_matches("/sandbox/pay/");
    let refunded: i64 =
        sqlx::query_scalar("SELECT refunded FROM sandbox_gateway_orders WHERE reference = $1")
            .bind(reference)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(refunded, due, "returned at the gateway");
    assert_eq!(clearing(&app).await, 0);
    let secret = app.state.config.payments.webhook_secret.clone();
    assert_eq!(webhook(&app, &secret, reference).await, 200);
    let refunded_again: i64 =
        sqlx::query_scalar("SELECT refunded FROM sandbox_gateway_orders WHERE reference = $1")
            .bind(reference)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(refunded_again, due, "once");
    assert_eq!(order_status(&app, &order).await, "confirmed");
    assert_eq!(wallet(&app, &token).await, before - due);
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn paying_again_after_the_window_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (data, _) = card_checkout(&app, &token, "late").await;
    let order = data["orders"][0]["id"].as_str().unwrap().to_owned();
    sqlx::query(
        "UPDATE orders SET payment_expires_at = now() - interval '1 minute' WHERE id = $1::uuid",
    )
    .bind(&order)
    .execute(&app.db)
    .await
    .unwrap();
    let r = pay_again(&app, &token, &order, "late-1", "wallet").await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "PAYMENT_WINDOW_CLOSED");
    let r = app
        .get(&format!("/api/v1/orders/{order}"), Some(&token))
        .await;
    assert_eq!(r.body["data"]["payable"], false);
}
