//! A parcel OTO brings back to the store ends its order: the returned
//! webhook cancels it as the system, which gives the stock back and
//! refunds a paid order through the ledger (once), while a cash order had
//! nothing collected. The customer hears it live and in the inbox, and the
//! order page says "returned to the store". The same webhook again, or a
//! second returned event, changes nothing.

use std::sync::Arc;

use serde_json::json;
use uuid::Uuid;

use providers::shipping::fake::FakeOto;

use crate::harness::TestApp;
use crate::shipping::{REFRESH, hook, live, oto, step};
use crate::shop::{
    SUPER_ADMIN, SUPPLIER, address, assert_ledger_sound, checkout, demo_stores, order_status,
    post_keyed, product, stock, wallet,
};

/// An app on the fake OTO with its webhook keys.
pub(crate) async fn oto_app(fake: &FakeOto) -> TestApp {
    let keys = fake.webhook_keys();
    TestApp::spawn_with_carrier(
        |c| {
            c.shipping.oto_webhook = Some(keys);
            c.shipping.contact_email = "shipping@qitaa.test".into();
        },
        Arc::new(oto(fake)),
    )
    .await
}

/// The store takes the order to "ready", and the job books it at OTO.
pub(crate) async fn to_oto(app: &TestApp, fake: &FakeOto, store: Uuid, id: &str, number: &str) {
    let supplier = app.token_of(SUPPLIER).await;
    for s in ["accepted", "preparing", "ready_for_pickup"] {
        step(app, &supplier, store, id, s).await;
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while fake.order(number).is_none() {
        app::jobs::run_once(&app.state, "test").await.ok();
        assert!(tokio::time::Instant::now() < deadline, "no shipment at OTO");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn count(app: &TestApp, sql: &str, id: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn refunds(app: &TestApp, id: &str) -> i64 {
    count(
        app,
        "SELECT count(*) FROM refunds r JOIN payments p ON p.id = r.payment_id \
         WHERE p.target_id = $1::uuid",
        id,
    )
    .await
}

#[tokio::test]
async fn a_returned_parcel_cancels_its_order_and_refunds_a_paid_one_once() {
    let fake = FakeOto::start(REFRESH).await;
    let app = oto_app(&fake).await;
    let phone = "+966500000087";
    let customer = app.token_of(phone).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 10).await;
    let address = address(&app, &customer).await;
    // Money in the wallet to pay with.
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
        "returns-credit",
        json!({"amount": 100_000, "reason": "test money"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let before = wallet(&app, &customer).await;
    let mut sock = live(&app, &customer).await;

    let r = checkout(
        &app,
        &customer,
        "returns-wallet",
        json!({"addressId": address, "paymentMethod": "wallet",
               "items": [{"productId": p, "quantity": 2}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let o = &r.body["data"]["orders"][0];
    let (id, number) = (
        o["id"].as_str().unwrap().to_owned(),
        o["number"].as_str().unwrap().to_owned(),
    );
    let paid = o["amountDue"].as_i64().unwrap();
    assert_eq!(wallet(&app, &customer).await, before - paid);
    assert_eq!(stock(&app, p).await, 8);

    to_oto(&app, &fake, riyadh, &id, &number).await;
    let (auth, body) = fake.webhook(&number, "pickedUp");
    assert_eq!(hook(&app, &auth, &body).await.body["data"], "applied");
    assert_eq!(order_status(&app, &id).await, "shipped");
    // (The store's own steps were heard before.)
    while sock.next("order:status").await["status"] != "shipped" {}

    // Back at the store: cancelled by the system, stock and money back.
    let (auth, returned) = fake.webhook(&number, "returned");
    let r = hook(&app, &auth, &returned).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(order_status(&app, &id).await, "cancelled");
    assert_eq!(stock(&app, p).await, 10);
    assert_eq!(refunds(&app, &id).await, 1);
    assert_eq!(wallet(&app, &customer).await, before, "refunded in full");
    assert_ledger_sound(&app).await;
    let (note, role): (String, String) = sqlx::query_as(
        "SELECT note, actor_role FROM order_status_history \
         WHERE order_id = $1::uuid AND to_status = 'cancelled'",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        (note.as_str(), role.as_str()),
        ("returned_to_store", "system")
    );
    let told = sqlx::query_scalar::<_, serde_json::Value>(
        "SELECT n.body FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE u.phone = $1 AND n.event = 'order.status' ORDER BY n.created_at DESC LIMIT 1",
    )
    .bind(phone)
    .fetch_one(&app.db)
    .await
    .unwrap()
    .to_string();
    assert!(told.contains("returned to the store"), "{told}");
    assert_eq!(sock.next("order:status").await["status"], "cancelled");
    while sock.next("shipment:status").await["status"] != "returned" {}

    // The same call again, and a later returned event: nothing more.
    let r = hook(&app, &auth, &returned).await;
    assert_eq!(r.body["data"], "duplicate", "{r:?}");
    let (auth, again) = fake.webhook(&number, "returned");
    let r = hook(&app, &auth, &again).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(refunds(&app, &id).await, 1);
    assert_eq!(wallet(&app, &customer).await, before);
    assert_eq!(stock(&app, p).await, 10);
    let cancels = count(
        &app,
        "SELECT count(*) FROM order_status_history WHERE order_id = $1::uuid \
         AND to_status = 'cancelled'",
        &id,
    )
    .await;
    assert_eq!(cancels, 1);
    assert_ledger_sound(&app).await;

    // The order page says why, in both languages.
    let cookie = crate::shipping_cart::app_session(&app, phone).await;
    for (lang, words) in [("en", "Returned to the store"), ("ar", "أُعيد إلى المتجر")]
    {
        let page = app
            .client
            .get(format!("{}/app/orders/{id}", app.base))
            .header("cookie", format!("{cookie}; qitaa_lang={lang}"))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("id=\"order-returned\""), "{lang}: {page}");
        assert!(page.contains(words), "{lang}: {page}");
    }
}

#[tokio::test]
async fn a_returned_cash_order_is_cancelled_with_nothing_to_refund() {
    let fake = FakeOto::start(REFRESH).await;
    let app = oto_app(&fake).await;
    let customer = app.token_of("+966500000088").await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 7_000, 5).await;
    let address = address(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "returns-cash",
        json!({"addressId": address, "paymentMethod": "cash",
               "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let o = &r.body["data"]["orders"][0];
    let (id, number) = (
        o["id"].as_str().unwrap().to_owned(),
        o["number"].as_str().unwrap().to_owned(),
    );
    to_oto(&app, &fake, riyadh, &id, &number).await;
    assert_eq!(stock(&app, p).await, 4);

    // Returned before it was even picked up (the store's own parcel back).
    let (auth, returned) = fake.webhook(&number, "returned");
    let r = hook(&app, &auth, &returned).await;
    assert_eq!(r.body["data"], "applied", "{r:?}");
    assert_eq!(order_status(&app, &id).await, "cancelled");
    assert_eq!(stock(&app, p).await, 5);
    assert_eq!(refunds(&app, &id).await, 0);
    let collected = count(
        &app,
        "SELECT count(*) FROM ledger_transactions WHERE target_id = $1::uuid",
        &id,
    )
    .await;
    assert_eq!(collected, 0, "no cash was booked");
    let r = hook(&app, &auth, &returned).await;
    assert_eq!(r.body["data"], "duplicate", "{r:?}");
    assert_eq!(stock(&app, p).await, 5);
    assert_ledger_sound(&app).await;
}
