//! Shipping through OTO end to end on the embedded default, with the real
//! OTO adapter pointed at its fake: a checkout quotes the fee by weight,
//! "ready" creates the shipment through its job, signed webhook events move
//! the order to delivered (where it settles) and reach the customer's
//! socket; a bad signature changes nothing and a repeated event has one
//! effect. And the local courier's rate table without OTO.

use std::sync::Arc;

use serde_json::{Value, json};
use uuid::Uuid;

use providers::shipping::fake::FakeOto;
use providers::shipping::{Carrier, FeeQuery, Oto, OtoConfig};

use crate::harness::TestApp;
use crate::js_client::JsClient;
use crate::shop::{SUPPLIER, address, assert_ledger_sound, checkout, demo_stores, product};

pub(crate) const REFRESH: &str = "AMf-test-refresh-token";

pub(crate) fn oto(fake: &FakeOto) -> Oto {
    let mut c = OtoConfig::new(REFRESH);
    c.base_url = fake.base_url();
    Oto::new(c, reqwest::Client::new())
}

pub(crate) async fn step(app: &TestApp, token: &str, store: Uuid, id: &str, status: &str) {
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{store}/orders/{id}/status"),
            Some(token),
            json!({"status": status}),
        )
        .await;
    assert_eq!(r.status, 200, "{status}: {r:?}");
}

pub(crate) async fn hook(app: &TestApp, authorization: &str, body: &[u8]) -> crate::harness::Reply {
    let r = app
        .client
        .post(format!("{}/api/v1/shipping/webhooks/oto", app.base))
        .header("authorization", authorization)
        .header("content-type", "application/json")
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let text = r.text().await.unwrap();
    crate::harness::Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// The customer's socket, once it hears what is sent to it: messages of its
/// own support thread, sent until one arrives (events sent in the first
/// moments of a connection, while the client upgrades its transport, can
/// miss it).
pub(crate) async fn live(app: &TestApp, customer: &str) -> JsClient {
    let thread = crate::repairs::support_thread(app, customer).await;
    let mut sock = JsClient::start(&app.base, customer, &[("JOIN", &thread)]).await;
    for i in 0..50 {
        let body = format!("are you there {i}");
        let r = app
            .post(
                &format!("/api/v1/chats/{thread}/messages"),
                Some(customer),
                json!({"body": body}),
            )
            .await;
        assert_eq!(r.status, 201, "{r:?}");
        let wait = std::time::Duration::from_millis(300);
        while let Some(m) = sock.next_within("chat:message", wait).await {
            if m["body"] == body.as_str() {
                return sock;
            }
        }
    }
    panic!("the socket never heard its own thread: {:?}", sock.seen);
}

pub(crate) async fn events(app: &TestApp, order: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM shipment_events e JOIN shipments s ON s.id = e.shipment_id \
         WHERE s.order_id = $1::uuid",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_oto_order_is_quoted_by_weight_shipped_on_ready_and_delivered_by_signed_webhooks() {
    let fake = FakeOto::start(REFRESH).await;
    let keys = fake.webhook_keys();
    let app = TestApp::spawn_with_carrier(
        |c| {
            c.shipping.commission_bp = 1000;
            c.shipping.oto_webhook = Some(keys);
            c.shipping.contact_email = "shipping@qitaa.test".into();
        },
        Arc::new(oto(&fake)),
    )
    .await;
    let customer = app.token_of("+966500000083").await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 10).await;
    sqlx::query("UPDATE products SET weight_grams = 2500 WHERE id = $1")
        .bind(p)
        .execute(&app.db)
        .await
        .unwrap();
    let address = address(&app, &customer).await;
    let mut sock = live(&app, &customer).await;

    // Cash on delivery, two parts of 2.5 kg: OTO is asked for 5 kg.
    let r = checkout(
        &app,
        &customer,
        "oto-1",
        json!({"addressId": address, "paymentMethod": "cash",
               "items": [{"productId": p, "quantity": 2}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0].clone();
    let id = order["id"].as_str().unwrap().to_owned();
    let number = order["number"].as_str().unwrap().to_owned();
    // (The demo data's own order was quoted first.)
    let asked = fake.calls("/checkOTODeliveryFee");
    let body = &asked.last().unwrap().body;
    assert_eq!(body["weight"], json!(5.0), "{body}");
    assert!(body["totalDue"].as_f64().unwrap() > 0.0, "COD: {body}");
    // The cheapest option with its COD charge, plus the 10 % commission.
    let city = body["destinationCity"].as_str().unwrap().to_owned();
    let options = oto(&fake)
        .fee(&FeeQuery {
            origin_city: body["originCity"].as_str().unwrap().to_owned(),
            destination_city: city,
            weight_grams: 5000,
            dims_cm: None,
            cod_halalas: Some(1),
        })
        .await
        .unwrap();
    let carrier_fee = options
        .iter()
        .map(|o| o.price_halalas + o.cod_charge_halalas)
        .min()
        .unwrap();
    let (fee, commission, shipping_commission): (i64, i64, i64) = sqlx::query_as(
        "SELECT delivery_fee, commission, shipping_commission FROM orders WHERE id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(shipping_commission, carrier_fee / 10);
    assert_eq!(fee, carrier_fee + shipping_commission);
    assert_eq!(
        commission,
        20_000 / 10 + shipping_commission,
        "store rate 10 % + shipping"
    );

    // Ready: the job makes the pickup location and the COD order at OTO.
    for s in ["accepted", "preparing", "ready_for_pickup"] {
        step(&app, &supplier, riyadh, &id, s).await;
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while fake.order(&number).is_none() {
        app::jobs::run_once(&app.state, "test").await.ok();
        if tokio::time::Instant::now() > deadline {
            let why: Vec<(String, Option<String>)> =
                sqlx::query_as("SELECT status, last_error FROM shipments")
                    .fetch_all(&app.db)
                    .await
                    .unwrap();
            let jobs: Vec<(String, String, Option<String>)> =
                sqlx::query_as("SELECT kind, state, last_error FROM jobs")
                    .fetch_all(&app.db)
                    .await
                    .unwrap();
            panic!("no shipment at OTO: {why:?} {jobs:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let sent = fake.calls("/createOrder");
    let sent = &sent.last().unwrap().body;
    assert_eq!(sent["payment_method"], "cod", "{sent}");
    let due: i64 = sqlx::query_scalar("SELECT amount_due FROM orders WHERE id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        (sent["amount_due"].as_f64().unwrap() * 100.0).round() as i64,
        due
    );
    let code = format!("qitaa-{}", riyadh.simple());
    assert_eq!(sent["pickupLocationCode"], code.as_str());
    assert!(fake.pickup_location(&code).is_some());
    assert_eq!(sock.next("shipment:status").await["status"], "created");

    // A forged signature: 401, and nothing moves.
    let (auth, good) = fake.webhook(&number, "pickedUp");
    let mut forged: Value = serde_json::from_slice(&good).unwrap();
    forged["status"] = json!("delivered");
    let before = events(&app, &id).await;
    let r = hook(&app, &auth, &serde_json::to_vec(&forged).unwrap()).await;
    assert_eq!(r.status, 401, "{r:?}");
    let r = hook(&app, "wrong-key", &good).await;
    assert_eq!(r.status, 401, "{r:?}");
    assert_eq!(events(&app, &id).await, before);
    assert_eq!(
        crate::shop::order_status(&app, &id).await,
        "ready_for_pickup"
    );

    // Picked up: shipped; the same event again: no second effect.
    let r = hook(&app, &auth, &good).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(crate::shop::order_status(&app, &id).await, "shipped");
    let r = hook(&app, &auth, &good).await;
    assert_eq!(r.body["data"], "duplicate", "{r:?}");
    assert_eq!(events(&app, &id).await, before + 1);
    // The order's step is announced first, then the parcel's.
    assert_eq!(sock.next("order:status").await["status"], "shipped");
    assert_eq!(sock.next("shipment:status").await["status"], "picked_up");

    // On the way, then delivered: the order settles.
    let (auth, body) = fake.webhook(&number, "outForDelivery");
    let r = hook(&app, &auth, &body).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(
        sock.next("shipment:status").await["status"],
        "out_for_delivery"
    );
    let (auth, body) = fake.webhook(&number, "delivered");
    let r = hook(&app, &auth, &body).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(sock.next("order:status").await["status"], "delivered");
    assert_eq!(sock.next("shipment:status").await["status"], "delivered");
    // Settled at delivery: the platform's revenue is the order's commission,
    // the shipping commission in it.
    let booked: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(-e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.kind = 'platform_revenue' AND t.target_id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(booked, commission);
    assert_ledger_sound(&app).await;

    // The customer's timeline; another customer sees nothing.
    let t = app
        .get(&format!("/api/v1/orders/{id}/tracking"), Some(&customer))
        .await;
    let steps: Vec<&str> = t.body["data"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["created", "picked_up", "out_for_delivery", "delivered"],
        "{t:?}"
    );
    let stranger = app.token_of("+966500000081").await;
    let r = app
        .get(&format!("/api/v1/orders/{id}/tracking"), Some(&stranger))
        .await;
    assert_eq!(r.status, 404);
    // The admins' webhook log holds each call with its verdict.
    let admin = app.token_of(crate::shop::SUPER_ADMIN).await;
    let log = app
        .get("/api/v1/admin/shipping-webhooks", Some(&admin))
        .await;
    let verdicts: Vec<&str> = log.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "applied",
            "applied",
            "duplicate",
            "applied",
            "unauthorized",
            "bad_signature"
        ]
    );
}

#[tokio::test]
async fn without_oto_the_local_couriers_table_prices_by_city_and_weight() {
    let app = TestApp::spawn().await;
    let customer = app.token_of("+966500000082").await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 5_000, 50).await;
    // The store weighs its product; bad sizes name their fields.
    let supplier = app.token_of(SUPPLIER).await;
    let path = format!("/api/v1/partner/stores/{riyadh}/products/{p}/shipping");
    let r = app
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&supplier),
            Some(json!({"weightGrams": 0, "heightCm": 900})),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = &r.body["error"]["fields"];
    assert!(
        fields["weightGrams"].is_array() && fields["heightCm"].is_array(),
        "{r:?}"
    );
    let r = app
        .call(
            reqwest::Method::PUT,
            &path,
            Some(&supplier),
            Some(json!({"weightGrams": 3000, "lengthCm": 40})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["weightGrams"], 3000);
    let r = app
        .post(
            "/api/v1/addresses",
            Some(&customer),
            json!({"label": "Home", "recipientName": "Test", "phone": "0501234567",
                   "city": "Abha", "lat": 18.2, "lng": 42.5}),
        )
        .await;
    let abha = r.body["data"]["id"].as_str().unwrap().to_owned();
    let order = |qty: i32, key: &'static str, addr: String| {
        let (app, customer) = (&app, &customer);
        async move {
            let r = checkout(
                app,
                customer,
                key,
                json!({"addressId": addr, "paymentMethod": "cash",
                       "items": [{"productId": p, "quantity": qty}]}),
            )
            .await;
            assert_eq!(r.status, 201, "{r:?}");
            let o = &r.body["data"]["orders"][0];
            (
                o["deliveryFee"].as_i64().unwrap(),
                o["id"].as_str().unwrap().to_owned(),
            )
        }
    };
    // 3 kg and 6 kg to a city without its own rates, then 300 kg: no band.
    let (fee, id) = order(1, "local-1", abha.clone()).await;
    assert_eq!(fee, 3500);
    // The store's own steps are the courier's timeline, and delivery settles.
    for s in [
        "accepted",
        "preparing",
        "ready_for_pickup",
        "shipped",
        "delivered",
    ] {
        step(&app, &supplier, riyadh, &id, s).await;
    }
    let t = app
        .get(&format!("/api/v1/orders/{id}/tracking"), Some(&customer))
        .await;
    assert_eq!(t.body["data"]["carrier"], "local", "{t:?}");
    let steps: Vec<&str> = t.body["data"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["created", "in_transit", "delivered"]);
    let settled: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ledger_transactions WHERE kind = 'target_settled' AND target_id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(settled, 1);
    assert_ledger_sound(&app).await;
    assert_eq!(order(2, "local-2", abha.clone()).await.0, 6000);
    let r = crate::shop::post_keyed(
        &app,
        "/api/v1/checkout",
        &customer,
        "local-3",
        json!({"addressId": abha, "paymentMethod": "cash",
               "items": [{"productId": p, "quantity": 40}]}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SHIPPING_UNAVAILABLE");
    assert!(r.body["error"]["fields"]["addressId"].is_array());
}

/// The partner's product page sets the weight in kilograms; a bad one is
/// shown on the page, a good one is what the next quote weighs.
#[tokio::test]
async fn the_partner_sets_a_products_weight_from_its_page() {
    let app = TestApp::spawn().await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 5_000, 5).await;
    let cookie =
        crate::web::web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let edit = format!("{}/partner/stores/{riyadh}/products/{p}/edit", app.base);
    let page = app
        .client
        .get(&edit)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"shipping-form\""), "{page}");
    let csrf = page
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let post = |body: String| {
        app.client
            .post(format!(
                "{}/partner/stores/{riyadh}/products/{p}/shipping",
                app.base
            ))
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let r = post(format!("_csrf={csrf}&weightKg=abc&lengthCm="))
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = post(format!("_csrf={csrf}&weightKg=2.75&lengthCm=40"))
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (grams, length): (i32, Option<i32>) =
        sqlx::query_as("SELECT weight_grams, length_cm FROM products WHERE id = $1")
            .bind(p)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((grams, length), (2750, Some(40)));
}

/// A shipment OTO has said nothing of for half an hour is asked about by
/// the sweeper, and what changed moves the order, once.
#[tokio::test]
async fn a_shipment_without_news_is_asked_about_and_moves_once() {
    let fake = FakeOto::start(REFRESH).await;
    let app = TestApp::spawn_with_carrier(
        |c| c.shipping.contact_email = "shipping@qitaa.test".into(),
        Arc::new(oto(&fake)),
    )
    .await;
    let customer = app.token_of("+966500000086").await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 10).await;
    let address = address(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "poll-1",
        json!({"addressId": address, "paymentMethod": "cash",
               "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let number = r.body["data"]["orders"][0]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    for s in ["accepted", "preparing", "ready_for_pickup"] {
        step(&app, &supplier, riyadh, &id, s).await;
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while fake.order(&number).is_none() {
        app::jobs::run_once(&app.state, "test").await.ok();
        assert!(tokio::time::Instant::now() < deadline, "no shipment at OTO");
    }
    let backdate = || async {
        sqlx::query(
            "UPDATE shipments SET updated_at = now() - interval '1 hour' WHERE order_id = $1::uuid",
        )
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    };
    // Nothing new at OTO: nothing moves.
    backdate().await;
    app::shipping::poll(&app.state).await.unwrap();
    assert_eq!(events(&app, &id).await, 1);
    // Picked up at OTO, without a webhook: asked, shipped.
    fake.set_status(&number, "pickedUp");
    backdate().await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while crate::shop::order_status(&app, &id).await != "shipped" {
        app::shipping::poll(&app.state).await.unwrap();
        assert!(tokio::time::Instant::now() < deadline, "not moved");
    }
    let sources: Vec<String> = sqlx::query_scalar(
        "SELECT e.source FROM shipment_events e JOIN shipments s ON s.id = e.shipment_id \
         WHERE s.order_id = $1::uuid ORDER BY e.created_at",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(sources, ["system", "poll"]);
    // Asked again with the same answer: no second event.
    backdate().await;
    app::shipping::poll(&app.state).await.unwrap();
    assert_eq!(events(&app, &id).await, 2);
}
