//! Store requests (RFQ) end to end over HTTP and Socket.IO: matching by
//! coverage and radius, offers with a chat photo, acceptance racing on
//! purpose, privacy towards stores, tenancy, expiry by jobs, and the order
//! the accepted offer becomes (paid, delivered, invoiced, settled).

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::js_client::JsClient;
use crate::rfq::{RIYADH_PIN, create, headlight, offer, offer_body};
use crate::shop::{
    CUSTOMER, SUPER_ADMIN, SUPPLIER, assert_ledger_sound, demo_stores, post_keyed, wallet,
};

async fn eventually<F, Fut>(what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !condition().await {
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn accept(
    app: &TestApp,
    token: &str,
    request: Uuid,
    offer: Uuid,
    method: &str,
) -> crate::harness::Reply {
    post_keyed(
        app,
        &format!("/api/v1/requests/{request}/offers/{offer}/accept"),
        token,
        &Uuid::new_v4().to_string(),
        json!({"paymentMethod": method}),
    )
    .await
}

fn texts(v: &Value) -> String {
    v.to_string()
}

#[tokio::test]
async fn a_request_reaches_both_covering_stores_and_the_cheaper_offer_is_paid_delivered_invoiced_and_settled()
 {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, jeddah) = demo_stores(&app).await;

    // The supplier (owner of both demo stores) listens live.
    let mut live = JsClient::start(&app.base, &supplier, &[]).await;
    live.next("ready").await;

    // A 2016 Sonata headlight in Riyadh, asked of every store within 1000 km.
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 1000).await).await;
    let mut heard = Vec::new();
    for _ in 0..2 {
        let e = live.next("request:new").await;
        assert_eq!(e["request"]["id"], id.to_string());
        heard.push(e["storeId"].as_str().unwrap().to_owned());
    }
    heard.sort();
    let mut both = vec![riyadh.to_string(), jeddah.to_string()];
    both.sort();
    assert_eq!(heard, both, "each store hears of it once");
    for store in [riyadh, jeddah] {
        let r = app
            .get(
                &format!("/api/v1/partner/stores/{store}/requests?outcome=new"),
                Some(&supplier),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
        assert!(
            r.body["data"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["id"] == id.to_string()),
            "{r:?}"
        );
    }

    // Jeddah writes first in the negotiation thread, with a photo of the part.
    let thread = app
        .post(
            &format!("/api/v1/partner/stores/{jeddah}/requests/{id}/chat"),
            Some(&supplier),
            json!({}),
        )
        .await;
    assert_eq!(thread.status, 200, "{thread:?}");
    let thread = thread.body["data"]["id"].as_str().unwrap().to_owned();
    let photo = crate::media::upload(
        &app,
        &supplier,
        "CHAT_ATTACHMENT",
        "part.png",
        "image/png",
        &crate::media::png(64, 64),
    )
    .await;
    assert_eq!(photo.status, 201, "{photo:?}");
    let media = photo.body["data"]["id"].as_str().unwrap().to_owned();
    let m = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&supplier),
            json!({"body": "هل هذه القطعة؟", "attachmentId": media}),
        )
        .await;
    assert_eq!(m.status, 201, "{m:?}");
    // The customer's side of the same thread is the same thread, and sees the photo.
    let mine = app
        .post(
            &format!("/api/v1/requests/{id}/chats"),
            Some(&customer),
            json!({"storeId": jeddah}),
        )
        .await;
    assert_eq!(mine.body["data"]["id"], thread.as_str());
    let seen = app
        .get(&format!("/api/v1/media/{media}"), Some(&customer))
        .await;
    assert_eq!(seen.status, 200);

    let dear = offer(&app, &supplier, jeddah, id, 41_000).await;
    let cheap = offer(&app, &supplier, riyadh, id, 38_000).await;
    let offers = app
        .get(
            &format!("/api/v1/requests/{id}/offers?sort=price"),
            Some(&customer),
        )
        .await;
    let listed: Vec<String> = offers.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        listed,
        [cheap.to_string(), dear.to_string()],
        "cheapest first"
    );
    let chosen = offers.body["data"][0].clone();
    assert_eq!(chosen["vat"], (38_000 + 2_500) * 15 / 100);

    // The store's rate changes after it offered: the sale keeps the offer's.
    sqlx::query("UPDATE stores SET commission_bp = commission_bp + 700 WHERE id = $1")
        .bind(riyadh)
        .execute(&app.db)
        .await
        .unwrap();
    let before = wallet(&app, &customer).await;
    let r = accept(&app, &customer, id, cheap, "wallet").await;
    assert_eq!(r.status, 200, "{r:?}");
    let order = r.body["data"]["order"].clone();
    let total = order["total"].as_i64().unwrap();
    assert_eq!(total, chosen["total"].as_i64().unwrap());
    assert_eq!(wallet(&app, &customer).await, before - total);
    assert_eq!(order["requestId"], id.to_string());
    let order_id = order["id"].as_str().unwrap().to_owned();

    // Jeddah lost, live and in its people's inbox; Riyadh won.
    let lost = live.next("request:lost").await;
    assert_eq!(lost["requestId"], id.to_string());
    let (won_outcome, lost_outcome): (String, String) = sqlx::query_as(
        "SELECT (SELECT outcome FROM part_request_matches WHERE request_id = $1 AND store_id = $2), \
                (SELECT outcome FROM part_request_matches WHERE request_id = $1 AND store_id = $3)",
    )
    .bind(id).bind(riyadh).bind(jeddah).fetch_one(&app.db).await.unwrap();
    assert_eq!(
        (won_outcome.as_str(), lost_outcome.as_str()),
        ("won", "lost")
    );
    let told: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE u.phone = $1 AND n.event = 'request.lost' AND (n.body::text LIKE '%Jeddah%' OR n.body::text LIKE '%جدة%')",
    )
    .bind(SUPPLIER).fetch_one(&app.db).await.unwrap();
    assert_eq!(told, 1, "the losing store is told");
    let statuses: Vec<String> = sqlx::query_scalar(
        "SELECT status FROM request_offers WHERE request_id = $1 ORDER BY unit_price",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(statuses, ["accepted", "lost"]);

    // The order walks the direct-order pipeline to delivery.
    for step in ["accepted", "preparing", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{riyadh}/orders/{order_id}/status"),
                Some(&supplier),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 200, "{step}: {r:?}");
    }
    let inv = app
        .get(
            &format!("/api/v1/orders/{order_id}/invoice"),
            Some(&customer),
        )
        .await;
    assert_eq!(inv.status, 200, "{inv:?}");
    let qr = kernel::zatca::decode(inv.body["data"]["zatcaQr"].as_str().unwrap()).unwrap();
    assert_eq!(qr[3].1, format!("{}.{:02}", total / 100, total % 100));

    // Settled with the commission rate fixed on the offer.
    let bp = chosen["commissionBp"].as_i64().unwrap();
    let now_bp: i64 = sqlx::query_scalar("SELECT commission_bp::bigint FROM stores WHERE id = $1")
        .bind(riyadh)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(now_bp, bp + 700, "the store's rate moved on");
    let (commission, commission_vat): (i64, i64) =
        sqlx::query_as("SELECT commission, commission_vat FROM orders WHERE id = $1::uuid")
            .bind(&order_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(commission, (38_000 * bp * 2 + 10_000) / 20_000);
    let owed: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(-e.amount), 0)::bigint FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.kind = 'store_payable' AND a.owner_id = $2 AND t.target_id = $1::uuid",
    )
    .bind(&order_id).bind(riyadh).fetch_one(&app.db).await.unwrap();
    assert_eq!(
        owed,
        total - commission - commission_vat,
        "the store is owed its sale less the commission and its VAT"
    );
    let booked: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(-e.amount), 0)::bigint FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
         JOIN ledger_transactions t ON t.id = e.transaction_id \
         WHERE a.kind = 'platform_revenue' AND t.target_id = $1::uuid",
    )
    .bind(&order_id).fetch_one(&app.db).await.unwrap();
    assert_eq!(
        booked, commission,
        "the platform's revenue is the offer's commission"
    );
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn twenty_concurrent_accepts_over_one_requests_offers_make_exactly_one_acceptance() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 1000).await).await;
    let offers = [
        offer(&app, &supplier, riyadh, id, 30_000).await,
        offer(&app, &supplier, jeddah, id, 31_000).await,
    ];
    let before = wallet(&app, &customer).await;
    let calls = (0..20).map(|i| {
        let (app, customer) = (&app, customer.clone());
        async move { accept(app, &customer, id, offers[i % 2], "wallet").await }
    });
    let replies = futures_util::future::join_all(calls).await;
    let won: Vec<_> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(won.len(), 1, "{replies:?}");
    for r in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(r.status, 409, "{r:?}");
        assert_eq!(r.body["error"]["code"], "REQUEST_NOT_OPEN", "{r:?}");
    }
    let winner = won[0].body["data"]["offerId"].as_str().unwrap().to_owned();
    let (status, accepted, orders): (String, Option<Uuid>, i64) = sqlx::query_as(
        "SELECT status, accepted_offer_id, (SELECT count(*) FROM orders WHERE request_id = $1) FROM part_requests WHERE id = $1",
    )
    .bind(id).fetch_one(&app.db).await.unwrap();
    assert_eq!(
        (status.as_str(), accepted.map(|a| a.to_string()), orders),
        ("accepted", Some(winner.clone()), 1)
    );
    let offer_states: Vec<(Uuid, String)> =
        sqlx::query_as("SELECT id, status FROM request_offers WHERE request_id = $1")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    for (o, s) in offer_states {
        assert_eq!(
            s,
            if o.to_string() == winner {
                "accepted"
            } else {
                "lost"
            }
        );
    }
    let payments: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.target_id WHERE o.request_id = $1 AND p.state = 'captured'",
    )
    .bind(id).fetch_one(&app.db).await.unwrap();
    assert_eq!(payments, 1);
    let total = won[0].body["data"]["order"]["total"].as_i64().unwrap();
    assert_eq!(wallet(&app, &customer).await, before - total, "paid once");
    assert_ledger_sound(&app).await;
}

/// A parts store of another company at `(lat, lng)`, active, covering what
/// `coverage` names; its owner's token.
async fn other_store(
    app: &TestApp,
    phone: &str,
    lat: f64,
    lng: f64,
    cover_make: bool,
) -> (Uuid, String) {
    let token = app.sign_in_as(phone, Some("SUPPLIER")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let owner: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let company = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO companies (id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, city, address, status) \
         VALUES ($1, $2, 'شركة', 'Co', $3, '300000000000003', 'الرياض', 'x', 'approved')",
    )
    .bind(company).bind(owner).bind(format!("70{:08}", Uuid::new_v4().as_u128() % 100_000_000))
    .execute(&app.db).await.unwrap();
    let store = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, city, address, lat, lng, status) \
         SELECT $1, $2, id, 'متجر', 'Outsider', 'الرياض', 'x', $3, $4, 'active' FROM store_types WHERE slug = 'parts-shop'",
    )
    .bind(store).bind(company).bind(lat).bind(lng).execute(&app.db).await.unwrap();
    let (make, _, lights) = crate::rfq::sonata_lights(app).await;
    let (makes, cats) = if cover_make {
        (vec![make], vec![])
    } else {
        (vec![], vec![lights])
    };
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/partner/stores/{store}/coverage"),
            Some(&token),
            Some(json!({"makeIds": makes, "categoryIds": cats})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    (store, token)
}

#[tokio::test]
async fn a_store_outside_the_radius_or_without_the_coverage_never_sees_the_request() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    // Far: Dammam, ~380 km away, covering Hyundai. Uncovered: next door, covering only brakes.
    let (far, far_token) = other_store(&app, "+966592000001", 26.4207, 50.0888, true).await;
    let (near, near_token) = other_store(&app, "+966592000002", 24.7510, 46.6810, true).await;
    let (uncovered, uncovered_token) =
        other_store(&app, "+966592000003", 24.7520, 46.6820, false).await;
    let brakes: Uuid = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'brakes'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/partner/stores/{uncovered}/coverage"),
            Some(&uncovered_token),
            Some(json!({"makeIds": [], "categoryIds": [brakes]})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    let mut far_live = JsClient::start(&app.base, &far_token, &[]).await;
    far_live.next("ready").await;
    let mut uncovered_live = JsClient::start(&app.base, &uncovered_token, &[]).await;
    uncovered_live.next("ready").await;
    let mut near_live = JsClient::start(&app.base, &near_token, &[]).await;
    near_live.next("ready").await;

    let hidden = create(&app, &customer, headlight(&app, RIYADH_PIN, 50).await).await;
    assert_eq!(
        near_live.next("request:new").await["request"]["id"],
        hidden.to_string()
    );
    let seen = app
        .get(
            &format!("/api/v1/partner/stores/{near}/requests/{hidden}"),
            Some(&near_token),
        )
        .await;
    assert_eq!(
        seen.status, 200,
        "the store in range with the coverage sees it: {seen:?}"
    );

    // Then a request each of them does receive: a brakes request next to the
    // uncovered store, and a Hyundai request in Dammam. The first request:new
    // each one hears must be that one, not the hidden request.
    let mut brakes_req = headlight(&app, RIYADH_PIN, 50).await;
    brakes_req["categoryId"] = json!(brakes);
    let brakes_id = create(&app, &customer, brakes_req).await;
    assert_eq!(
        uncovered_live.next("request:new").await["request"]["id"],
        brakes_id.to_string()
    );
    let dammam_id = create(
        &app,
        &customer,
        headlight(&app, (26.4210, 50.0890), 50).await,
    )
    .await;
    assert_eq!(
        far_live.next("request:new").await["request"]["id"],
        dammam_id.to_string()
    );

    for (store, token) in [(far, &far_token), (uncovered, &uncovered_token)] {
        let inbox = app
            .get(
                &format!("/api/v1/partner/stores/{store}/requests"),
                Some(token),
            )
            .await;
        assert!(
            !texts(&inbox.body).contains(&hidden.to_string()),
            "{inbox:?}"
        );
        for path in [format!("/api/v1/partner/stores/{store}/requests/{hidden}")] {
            assert_eq!(app.get(&path, Some(token)).await.status, 404, "{path}");
        }
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{store}/requests/{hidden}/offers"),
                Some(token),
                offer_body(10_000),
            )
            .await;
        assert_eq!(r.status, 404, "{r:?}");
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{store}/requests/{hidden}/chat"),
                Some(token),
                json!({}),
            )
            .await;
        assert_eq!(r.status, 404, "{r:?}");
    }
    // Nor through the customer's side: a chat with a store it was not sent to.
    let r = app
        .post(
            &format!("/api/v1/requests/{hidden}/chats"),
            Some(&customer),
            json!({"storeId": far}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    // Another customer cannot see it either.
    let stranger = app.token_of("+966592000009").await;
    assert_eq!(
        app.get(&format!("/api/v1/requests/{hidden}"), Some(&stranger))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn before_acceptance_no_answer_to_a_store_carries_the_customers_phone_or_street() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let address = app
        .post(
            "/api/v1/addresses",
            Some(&customer),
            json!({
                "label": "البيت", "recipientName": "Huda", "phone": "0551239876", "city": "الرياض",
                "district": "الملقا", "street": "شارع الأمير سلطان ٤٢", "lat": 24.75, "lng": 46.68,
            }),
        )
        .await;
    assert_eq!(address.status, 201, "{address:?}");
    let mut body = headlight(&app, RIYADH_PIN, 50).await;
    body.as_object_mut().unwrap().remove("location");
    body["addressId"] = address.body["data"]["id"].clone();
    let mut live = JsClient::start(&app.base, &supplier, &[]).await;
    live.next("ready").await;
    let id = create(&app, &customer, body).await;
    let event = live.next("request:new").await;
    let customer_phone: String = sqlx::query_scalar("SELECT phone FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let secrets = [
        "0551239876",
        "551239876",
        "الأمير سلطان",
        &customer_phone[4..],
        "24.75",
        "46.68",
    ];
    let mut seen = vec![event.to_string()];
    for path in [
        format!("/api/v1/partner/stores/{riyadh}/requests"),
        format!("/api/v1/partner/stores/{riyadh}/requests/{id}"),
        format!("/api/v1/partner/stores/{riyadh}/requests?outcome=new"),
    ] {
        let r = app.get(&path, Some(&supplier)).await;
        assert_eq!(r.status, 200, "{r:?}");
        seen.push(texts(&r.body));
    }
    let o = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/requests/{id}/offers"),
            Some(&supplier),
            offer_body(20_000),
        )
        .await;
    seen.push(texts(&o.body));
    let inbox = app.get("/api/v1/notifications", Some(&supplier)).await;
    seen.push(texts(&inbox.body));
    for text in &seen {
        for s in secrets {
            assert!(!text.contains(s), "a store was shown {s:?}: {text}");
        }
    }
    assert!(
        seen[1].contains("الملقا"),
        "the district is shown: {}",
        seen[1]
    );
}

#[tokio::test]
async fn expiry_jobs_close_offers_and_requests_on_time_and_an_expired_offer_cannot_be_accepted() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 1000).await).await;
    let first = offer(&app, &supplier, riyadh, id, 30_000).await;
    let second = offer(&app, &supplier, jeddah, id, 32_000).await;

    // The offer's time passes before its job has run: accepting it is refused.
    sqlx::query("UPDATE request_offers SET expires_at = now() - interval '1 second' WHERE id = $1")
        .bind(first)
        .execute(&app.db)
        .await
        .unwrap();
    let r = accept(&app, &customer, id, first, "wallet").await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "OFFER_EXPIRED");
    // Its job, due now, expires it; the store may offer again.
    sqlx::query(
        "UPDATE jobs SET run_at = now() WHERE kind = 'offer.expire' AND payload->>'offerId' = $1",
    )
    .bind(first.to_string())
    .execute(&app.db)
    .await
    .unwrap();
    let state = app.state.clone();
    eventually("the offer's job expired it", || async {
        app::jobs::run_once(&state, "test").await.unwrap();
        sqlx::query_scalar::<_, String>("SELECT status FROM request_offers WHERE id = $1")
            .bind(first)
            .fetch_one(&app.db)
            .await
            .unwrap()
            == "expired"
    })
    .await;
    let outcome: String = sqlx::query_scalar(
        "SELECT outcome FROM part_request_matches WHERE request_id = $1 AND store_id = $2",
    )
    .bind(id)
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(outcome, "new");

    // The request expires at its time, not before: its job is due in 1.5 s.
    let due: time::OffsetDateTime = sqlx::query_scalar(
        "UPDATE part_requests SET expires_at = now() + interval '1500 milliseconds' WHERE id = $1 RETURNING expires_at",
    ).bind(id).fetch_one(&app.db).await.unwrap();
    sqlx::query(
        "UPDATE jobs SET run_at = $2 WHERE kind = 'request.expire' AND payload->>'requestId' = $1",
    )
    .bind(id.to_string())
    .bind(due)
    .execute(&app.db)
    .await
    .unwrap();
    eventually("the request's job expired it", || async {
        app::jobs::run_once(&state, "test").await.unwrap();
        sqlx::query_scalar::<_, String>("SELECT status FROM part_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap()
            == "expired"
    })
    .await;
    let closed_at: time::OffsetDateTime =
        sqlx::query_scalar("SELECT closed_at FROM part_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(closed_at >= due, "closed at {closed_at}, due {due}");
    let s: String = sqlx::query_scalar("SELECT status FROM request_offers WHERE id = $1")
        .bind(second)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(s, "expired");
    let r = accept(&app, &customer, id, second, "wallet").await;
    assert_eq!(r.status, 409, "{r:?}");
    let told: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.phone = $1 AND n.event = 'request.expired'",
    ).bind(CUSTOMER).fetch_one(&app.db).await.unwrap();
    assert_eq!(told, 1);
}

#[tokio::test]
async fn a_request_is_edited_while_no_offer_exists_offers_keep_their_history_and_admins_close_with_a_reason()
 {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let (riyadh, _) = demo_stores(&app).await;
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 50).await).await;
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/requests/{id}"),
            Some(&customer),
            Some(json!({"quantity": 2})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["quantity"], 2);
    let o = offer(&app, &supplier, riyadh, id, 30_000).await;
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/requests/{id}"),
            Some(&customer),
            Some(json!({"quantity": 3})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REQUEST_HAS_OFFERS");
    // A second offer of the same store is refused; a revision keeps the first version.
    let twin = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/requests/{id}/offers"),
            Some(&supplier),
            offer_body(1),
        )
        .await;
    assert_eq!(twin.status, 409, "{twin:?}");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/partner/stores/{riyadh}/requests/{id}/offers/{o}"),
            Some(&supplier),
            Some(offer_body(28_000)),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        (
            r.body["data"]["unitPrice"].as_i64(),
            r.body["data"]["quantity"].as_i64(),
            r.body["data"]["revision"].as_i64()
        ),
        (Some(28_000), Some(2), Some(2))
    );
    let h = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/requests/{id}/offers/{o}/revisions"),
            Some(&supplier),
        )
        .await;
    assert_eq!(h.body["data"][0]["snapshot"]["unit_price"], 30_000, "{h:?}");
    // Bad offers name every failing field, in the caller's language.
    let bad = app.call(Method::POST, &format!("/api/v1/partner/stores/{riyadh}/requests/{id}/offers"), Some(&supplier),
        Some(json!({"unitPrice": 0, "condition": "broken", "origin": "x", "inStock": false, "fulfilment": "drone"})), "ar").await;
    assert_eq!(bad.status, 422, "{bad:?}");
    for f in [
        "unitPrice",
        "condition",
        "origin",
        "daysToObtain",
        "fulfilment",
    ] {
        assert!(bad.body["error"]["fields"][f].is_array(), "{f}: {bad:?}");
    }
    // The admin sees it with its offers and closes it with a reason (audited).
    let r = app
        .get(&format!("/api/v1/admin/requests/{id}"), Some(&admin))
        .await;
    assert_eq!(
        r.body["data"]["offers"].as_array().unwrap().len(),
        1,
        "{r:?}"
    );
    let r = app
        .post(
            &format!("/api/v1/admin/requests/{id}/close"),
            Some(&admin),
            json!({"reason": "duplicate"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "closed");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'request.close' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let r = accept(&app, &customer, id, o, "cash").await;
    assert_eq!(r.status, 409);
    let stats = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/requests/stats"),
            Some(&supplier),
        )
        .await;
    assert_eq!(stats.body["data"]["received"], 1, "{stats:?}");
}
