//! The Socket.IO gateway driven by the official JavaScript client
//! (`socket.io-client` v4 from npm, run by Node): handshake auth, party-only
//! rooms, live chat and order events emitted after commit.

use serde_json::json;

use crate::harness::TestApp;
use crate::js_client::JsClient;
use crate::shop::*;

async fn support_thread(app: &TestApp, token: &str) -> String {
    let r = app
        .post("/api/v1/chats/support", Some(token), json!({}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_js_client_chats_with_support_live_and_a_forged_token_is_refused() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let staff = app.token_of(SUPER_ADMIN).await;
    let thread = support_thread(&app, &customer).await;

    let mut forged = JsClient::start(&app.base, "not-a-token", &[]).await;
    let refused = forged.next("connect_error").await;
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("UNAUTHENTICATED"),
        "{refused}"
    );

    let mut client = JsClient::start(
        &app.base,
        &customer,
        &[("JOIN", &thread), ("SEND", "مرحبا، أين طلبي؟")],
    )
    .await;
    assert_eq!(client.next("join_ack").await, json!({"ok": true}));
    let sent = client.next("send_ack").await;
    assert_eq!(sent["ok"], true, "{sent}");
    client.next("ready").await;

    // Stored before it went out: staff read it over REST and reply.
    let r = app
        .get(&format!("/api/v1/chats/{thread}/messages"), Some(&staff))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"][0]["body"], "مرحبا، أين طلبي؟");
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&staff),
            json!({"body": "طلبك في الطريق"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let live = client.message("طلبك في الطريق").await;
    assert_eq!(live["threadId"], thread.as_str());
    let metrics = app.get("/metrics", None).await;
    assert!(
        metrics
            .body
            .as_str()
            .unwrap_or("")
            .contains("socket_connections"),
        "connections are counted in /metrics"
    );

    // The customer's list shows the thread with one unread reply.
    let r = app.get("/api/v1/chats", Some(&customer)).await;
    let t = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == thread.as_str())
        .unwrap()
        .clone();
    assert_eq!(t["unread"], 1, "{t}");
    assert_eq!(t["lastMessage"], "طلبك في الطريق");
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/read"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/chats", Some(&customer)).await;
    assert_eq!(r.body["data"][0]["unread"], 0);
    client.next("chat:read").await;
}

#[tokio::test]
async fn another_customers_thread_is_refused_and_stays_silent() {
    let app = TestApp::spawn().await;
    let alice = app.token_of(CUSTOMER).await;
    let bob = app.token_of("+966557000200").await;
    let alices = support_thread(&app, &alice).await;
    let bobs = support_thread(&app, &bob).await;

    let r = app
        .get(&format!("/api/v1/chats/{alices}/messages"), Some(&bob))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .post(
            &format!("/api/v1/chats/{alices}/messages"),
            Some(&bob),
            json!({"body": "hi"}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");

    let mut client = JsClient::start(&app.base, &bob, &[("JOIN", &alices)]).await;
    let ack = client.next("join_ack").await;
    assert_eq!(ack["ok"], false, "{ack}");
    assert_eq!(ack["error"]["code"], "NOT_FOUND");
    client.next("ready").await;

    // Alice writes in her thread, then Bob in his: by the time Bob's own
    // message reaches him, Alice's (sent first) would have too.
    let r = app
        .post(
            &format!("/api/v1/chats/{alices}/messages"),
            Some(&alice),
            json!({"body": "secret of alice"}),
        )
        .await;
    assert_eq!(r.status, 201);
    let r = app
        .post(
            &format!("/api/v1/chats/{bobs}/messages"),
            Some(&bob),
            json!({"body": "bob's own"}),
        )
        .await;
    assert_eq!(r.status, 201);
    client.message("bob's own").await;
    assert!(
        !client
            .seen
            .iter()
            .any(|l| l["data"]["body"] == "secret of alice"),
        "{:?}",
        client.seen
    );
}

#[tokio::test]
async fn order_status_reaches_the_customer_only_after_commit() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let (p, _, _) = products_of(&app, riyadh).await[0];
    let address = address(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "socket-order-1",
        json!({"addressId": address, "paymentMethod": "cash", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let mut client = JsClient::start(&app.base, &customer, &[("FOLLOW", &order)]).await;
    assert_eq!(client.next("follow_ack").await["ok"], true);
    client.next("ready").await;
    let mut store = JsClient::start(&app.base, &supplier, &[]).await;
    store.next("ready").await;

    // A step that fails (and rolls back) emits nothing: skipping to shipped is illegal.
    let path = format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status");
    let r = app
        .post(&path, Some(&supplier), json!({"status": "shipped"}))
        .await;
    assert_eq!(r.status, 409);
    let r = app
        .post(&path, Some(&supplier), json!({"status": "accepted"}))
        .await;
    assert_eq!(r.status, 200);
    let first = client.next("order:status").await;
    assert_eq!(
        first["status"], "accepted",
        "the failed step sent nothing before it: {first}"
    );
    assert_eq!(first["orderId"], order.as_str());
    let staff_view = store.next("order:status").await;
    assert_eq!(staff_view["status"], "accepted");

    // A new order reaches the store's staff.
    let r = checkout(
        &app,
        &customer,
        "socket-order-2",
        json!({"addressId": address, "paymentMethod": "cash", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    let second = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let new = store.next("order:new").await;
    assert_eq!(new["orderId"], second.as_str());
}

#[tokio::test]
async fn an_attachment_reaches_the_other_party_and_nobody_else() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let staff = app.token_of(SUPER_ADMIN).await;
    let stranger = app.token_of("+966557000300").await;
    let thread = support_thread(&app, &customer).await;
    let up = crate::media::upload(
        &app,
        &customer,
        "CHAT_ATTACHMENT",
        "part.png",
        "image/png",
        &crate::media::png(40, 30),
    )
    .await;
    assert_eq!(up.status, 201, "{up:?}");
    let media = up.body["data"]["id"].as_str().unwrap().to_owned();

    // Someone else's upload cannot be attached.
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&staff),
            json!({"attachmentId": media}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["attachmentId"].is_array());

    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&customer),
            json!({"body": "صورة القطعة", "attachmentId": media}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["kind"], "attachment");
    let url = r.body["data"]["attachmentUrl"].as_str().unwrap().to_owned();
    let fetch = |token: String| {
        let app = &app;
        let url = url.clone();
        async move {
            app.client
                .get(format!("{}{url}", app.base))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(fetch(staff.clone()).await, 200, "the other party reads it");
    assert_eq!(fetch(stranger.clone()).await, 404, "nobody else does");

    // An empty message names the field.
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body["error"]["fields"]["body"].is_array());
}

#[tokio::test]
async fn the_long_polling_transport_keeps_its_session() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let staff = app.token_of(SUPER_ADMIN).await;
    let thread = support_thread(&app, &customer).await;
    let mut client = JsClient::start(
        &app.base,
        &customer,
        &[("JOIN", &thread), ("TRANSPORT", "polling")],
    )
    .await;
    assert_eq!(client.next("join_ack").await, json!({"ok": true}));
    client.next("ready").await;
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&staff),
            json!({"body": "over polling"}),
        )
        .await;
    assert_eq!(r.status, 201);
    client.message("over polling").await;
}

#[tokio::test]
async fn a_step_rolled_back_after_its_writes_emits_nothing() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 5).await;
    let address = address(&app, &customer).await;
    let r = checkout(
        &app,
        &customer,
        "socket-rollback-1",
        json!({"addressId": address, "paymentMethod": "card", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let pay = app
        .client
        .get(r.body["data"]["paymentUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let page = pay.headers()["location"].to_str().unwrap().to_owned();
    app.client.post(format!("{page}/pay")).send().await.unwrap();
    assert_eq!(order_status(&app, &order).await, "confirmed");

    let mut client = JsClient::start(&app.base, &customer, &[("FOLLOW", &order)]).await;
    assert_eq!(client.next("follow_ack").await["ok"], true);
    client.next("ready").await;

    // The gateway will refuse the refund: the cancellation has already written
    // its status, history and ledger rows when the refund fails, and all of it
    // rolls back.
    sqlx::query("UPDATE sandbox_gateway_orders SET state = 'FAILED'")
        .execute(&app.db)
        .await
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/cancel"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 503, "{r:?}");
    assert_eq!(order_status(&app, &order).await, "confirmed", "rolled back");
    let jobs: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE payload->'vars'->>'orderId' = $1 AND payload->'vars'->>'status' = 'cancelled'",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(jobs, 0, "no notification for the rolled-back step");

    // The next committed step is the first event the customer sees.
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/orders/{order}/status"),
            Some(&supplier),
            json!({"status": "accepted"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let first = client.next("order:status").await;
    assert_eq!(first["status"], "accepted", "{:?}", client.seen);
    let committed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM jobs WHERE payload->'vars'->>'orderId' = $1 AND payload->'vars'->>'status' = 'accepted'",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(
        committed > 0,
        "a committed step is notified (so the zero above means something)"
    );
    assert!(
        !client
            .seen
            .iter()
            .any(|l| l["data"]["status"] == "cancelled"),
        "{:?}",
        client.seen
    );
}

/// A thread a customer opens with a store is in the store's inbox at once:
/// its owner and the employees who read its chats see it, hear it live and
/// are notified, before anyone of the store has written.
#[tokio::test]
async fn a_customer_opened_store_thread_reaches_the_store_at_once() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let owner = app.token_of(SUPPLIER).await;
    let employee = app.token_of(EMPLOYEE).await;
    let (riyadh, _) = demo_stores(&app).await;

    let mut live = JsClient::start(&app.base, &owner, &[]).await;
    live.next("ready").await;

    let r = app
        .post(
            "/api/v1/chats/stores",
            Some(&customer),
            json!({"storeId": riyadh}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let thread = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&customer),
            json!({"body": "هل لديكم فلتر زيت لكامري ٢٠١٨؟"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");

    let m = live.message("هل لديكم فلتر زيت لكامري ٢٠١٨؟").await;
    assert_eq!(m["threadId"], thread.as_str());
    for token in [&owner, &employee] {
        let r = app.get("/api/v1/chats", Some(token)).await;
        assert_eq!(r.status, 200, "{r:?}");
        let t = r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == thread.as_str())
            .unwrap_or_else(|| panic!("not in the store's inbox: {r:?}"))
            .clone();
        assert_eq!(t["unread"], 1, "{t}");
        let r = app
            .get(&format!("/api/v1/chats/{thread}/messages"), Some(token))
            .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    // The employee had no socket open: notified.
    let notified: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE u.phone = $1 AND n.event = 'chat.message'",
    )
    .bind(EMPLOYEE)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(notified, 1);
    // Someone outside the store sees nothing of it.
    let other = app.token_of("0561239999").await;
    let r = app.get("/api/v1/chats", Some(&other)).await;
    assert!(
        !r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == thread.as_str()),
        "{r:?}"
    );
}
