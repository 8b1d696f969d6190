//! Tashlih end to end with the official JS socket.io client: two reps
//! online get a request and offer; ten concurrent accepts make one job; the
//! winner streams positions that only the job's customer receives; arrival,
//! completion, wallet payment, settlement into the rep payable, and an
//! earnings report equal to the ledger. Then the position rules.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::js_client::JsClient;
use crate::shop::{CUSTOMER, assert_ledger_sound, post_keyed, wallet};

pub const REP: &str = "+966500000004";
/// Near the Riyadh demo store.
pub const PIN: (f64, f64) = (24.7300, 46.6900);
/// The least gap between two positions in these tests.
const INTERVAL: Duration = Duration::from_millis(150);

async fn spawn() -> TestApp {
    TestApp::spawn_with(|c| c.reps.position_interval = INTERVAL, None).await
}

/// A second active representative.
pub async fn another_rep(app: &TestApp, phone: &str) -> String {
    let token = app.sign_in_as(phone, Some("REPRESENTATIVE")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    sqlx::query("UPDATE users SET status = 'active' WHERE phone = $1")
        .bind(phone)
        .execute(&app.db)
        .await
        .unwrap();
    token
}

pub async fn online(app: &TestApp, token: &str, at: (f64, f64)) {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/rider/presence",
            Some(token),
            Some(json!({"online": true, "lat": at.0, "lng": at.1})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
}

pub async fn request(app: &TestApp, customer: &str) -> Value {
    let r = app
        .post(
            "/api/v1/repairs",
            Some(customer),
            json!({"problem": "battery", "description": "السيارة لا تعمل، البطارية فارغة",
                   "carLabel": "Toyota Camry 2019", "lat": PIN.0, "lng": PIN.1,
                   "address": "حي العليا، الرياض"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"].clone()
}

pub async fn offer(app: &TestApp, rep: &str, request: &str, price: i64, eta: i32) -> String {
    let r = app
        .post(
            &format!("/api/v1/rider/repairs/{request}/offers"),
            Some(rep),
            json!({"price": price, "etaMinutes": eta, "note": "معي بطارية جديدة"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

pub async fn step(app: &TestApp, token: &str, job: &str, status: &str) -> crate::harness::Reply {
    app.post(
        &format!("/api/v1/repair-jobs/{job}/status"),
        Some(token),
        json!({"status": status, "reason": "test"}),
    )
    .await
}

async fn position(app: &TestApp, token: &str, job: &str, at: (f64, f64)) -> crate::harness::Reply {
    app.post(
        &format!("/api/v1/rider/jobs/{job}/positions"),
        Some(token),
        json!({"lat": at.0, "lng": at.1}),
    )
    .await
}

pub async fn support_thread(app: &TestApp, token: &str) -> String {
    let r = app
        .post("/api/v1/chats/support", Some(token), json!({}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().to_owned()
}

/// Posts `body` in the caller's support thread and waits for it on `client`.
pub async fn sentinel(app: &TestApp, token: &str, thread: &str, client: &mut JsClient, body: &str) {
    let r = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(token),
            json!({"body": body}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    client.message(body).await;
}

#[tokio::test]
async fn tashlih_end_to_end_with_the_js_client() {
    let app = spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let stranger = app.token_of("+966557000301").await;
    let rep_a = app.token_of(REP).await;
    let rep_b = another_rep(&app, "+966557000302").await;
    online(&app, &rep_a, (24.7400, 46.7000)).await;
    online(&app, &rep_b, (24.7200, 46.6800)).await;

    let stranger_thread = support_thread(&app, &stranger).await;
    let a_thread = support_thread(&app, &rep_a).await;
    let b_thread = support_thread(&app, &rep_b).await;
    let mut a_sock = JsClient::start(&app.base, &rep_a, &[("JOIN", &a_thread)]).await;
    let mut b_sock = JsClient::start(&app.base, &rep_b, &[("JOIN", &b_thread)]).await;
    let mut c_sock = JsClient::start(&app.base, &customer, &[]).await;
    let mut s_sock = JsClient::start(&app.base, &stranger, &[("JOIN", &stranger_thread)]).await;
    for s in [&mut a_sock, &mut b_sock, &mut c_sock, &mut s_sock] {
        s.next("ready").await;
    }

    // Both reps get the request, live, and both offer.
    let req = request(&app, &customer).await;
    let id = req["id"].as_str().unwrap().to_owned();
    assert_eq!(a_sock.next("repair:new").await["id"], id.as_str());
    assert_eq!(b_sock.next("repair:new").await["id"], id.as_str());
    let nearby = app.get("/api/v1/rider/repairs", Some(&rep_b)).await;
    assert_eq!(nearby.body["data"][0]["id"], id.as_str(), "{nearby:?}");
    let offer_a = offer(&app, &rep_a, &id, 15_000, 20).await;
    let offer_b = offer(&app, &rep_b, &id, 18_000, 10).await;
    c_sock.next("repair:offer").await;
    c_sock.next("repair:offer").await;
    let r = app
        .get(&format!("/api/v1/repairs/{id}"), Some(&customer))
        .await;
    assert_eq!(
        r.body["data"]["offers"].as_array().unwrap().len(),
        2,
        "{r:?}"
    );

    // Ten concurrent accepts, of either offer: one job.
    let mut tasks = Vec::new();
    for i in 0..10 {
        let (base, client, token, id) = (
            app.base.clone(),
            app.client.clone(),
            customer.clone(),
            id.clone(),
        );
        let offer = if i % 2 == 0 {
            offer_a.clone()
        } else {
            offer_b.clone()
        };
        tasks.push(tokio::spawn(async move {
            let res = client
                .post(format!("{base}/api/v1/repairs/{id}/offers/{offer}/accept"))
                .bearer_auth(token)
                .header("idempotency-key", format!("accept-{i}"))
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            (status, offer, res.json::<Value>().await.unwrap())
        }));
    }
    let mut won = Vec::new();
    for t in tasks {
        let (status, offer, body) = t.await.unwrap();
        match status {
            201 => won.push((offer, body)),
            409 => assert_eq!(body["error"]["code"], "REQUEST_CLOSED"),
            s => panic!("accept answered {s}: {body}"),
        }
    }
    assert_eq!(won.len(), 1, "one winner");
    let jobs: i64 =
        sqlx::query_scalar("SELECT count(*) FROM repair_jobs WHERE request_id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(jobs, 1);
    let (winning_offer, body) = won.pop().unwrap();
    let job = body["data"]["id"].as_str().unwrap().to_owned();
    let (winner, mut w_sock, loser, loser_thread, mut l_sock) = if winning_offer == offer_a {
        (
            rep_a.clone(),
            a_sock,
            rep_b.clone(),
            b_thread.clone(),
            b_sock,
        )
    } else {
        (
            rep_b.clone(),
            b_sock,
            rep_a.clone(),
            a_thread.clone(),
            a_sock,
        )
    };
    assert_eq!(w_sock.next("repair:accepted").await["jobId"], job.as_str());
    l_sock.next("repair:lost").await;
    assert!(
        body["data"]["threadId"].is_string(),
        "the job's chat thread: {body}"
    );

    // Twenty positions towards the customer, each to the customer only.
    assert_eq!(step(&app, &winner, &job, "on_the_way").await.status, 200);
    let start = (24.7400, 46.7000);
    for i in 0..20 {
        let f = f64::from(i) / 20.0;
        // About 1.5 m a step: a car in town at the test's pace.
        let at = (
            start.0 + (PIN.0 - start.0) * f * 0.02,
            start.1 + (PIN.1 - start.1) * f * 0.02,
        );
        // Paced by the configured interval: sooner would be dropped.
        tokio::time::sleep(INTERVAL + Duration::from_millis(30)).await;
        let r = position(&app, &winner, &job, at).await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["data"]["accepted"], true, "{r:?}");
        let live = c_sock.next("rep:location").await;
        assert_eq!(live["jobId"], job.as_str());
        assert!(live["etaMinutes"].as_i64().unwrap() >= 1);
    }
    // The other customer and the losing rep got none: their own messages
    // reached them after all twenty were sent.
    sentinel(
        &app,
        &stranger,
        &stranger_thread,
        &mut s_sock,
        "sentinel for the stranger",
    )
    .await;
    sentinel(
        &app,
        &loser,
        &loser_thread,
        &mut l_sock,
        "sentinel for the other rep",
    )
    .await;
    for seen in [&s_sock.seen, &l_sock.seen] {
        assert!(
            !seen.iter().any(|l| l["event"] == "rep:location"),
            "{seen:?}"
        );
    }
    // Reconnecting resumes from the last position.
    let r = app
        .get(&format!("/api/v1/repair-jobs/{job}"), Some(&customer))
        .await;
    assert!(r.body["data"]["lastPosition"]["lat"].is_f64(), "{r:?}");

    // Arrival, work, completion; the customer pays from the wallet.
    for s in ["arrived", "working", "completed"] {
        let r = step(&app, &winner, &job, s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    let before = wallet(&app, &customer).await;
    let r = post_keyed(
        &app,
        &format!("/api/v1/repair-jobs/{job}/pay"),
        &customer,
        "pay-1",
        json!({"paymentMethod": "wallet"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let j = &r.body["data"]["job"];
    assert_eq!(j["status"], "paid", "{r:?}");
    let total = j["total"].as_i64().unwrap();
    assert_eq!(wallet(&app, &customer).await, before - total);
    let price: i64 = j["subtotal"].as_i64().unwrap();
    // 15 % commission and its VAT stay with the platform.
    // (Shares round half up to the halala.)
    let commission = (price * 15 + 50) / 100;
    let net = total - commission - (commission * 15 + 50) / 100;
    let rep_id: Uuid = sqlx::query_scalar("SELECT rep_id FROM repair_jobs WHERE id = $1::uuid")
        .bind(&job)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let payable: i64 = sqlx::query_scalar(
        "SELECT -coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE a.kind = 'rep_payable' AND a.owner_id = $1",
    )
    .bind(rep_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(payable, net, "settled into the rep payable");
    let e = app.get("/api/v1/rider/earnings", Some(&winner)).await;
    assert_eq!(e.status, 200, "{e:?}");
    assert_eq!(e.body["data"]["net"], net, "{e:?}");
    assert_eq!(e.body["data"]["balance"], payable, "{e:?}");
    assert_eq!(e.body["data"]["jobs"], 1);
    assert_eq!(e.body["data"]["gross"], total);
    assert_ledger_sound(&app).await;
    let stats = app.get("/api/v1/rider/stats", Some(&winner)).await;
    assert_eq!(stats.body["data"]["acceptanceRate"], 100, "{stats:?}");
}

#[tokio::test]
async fn positions_from_elsewhere_too_fast_or_too_soon_are_refused_or_dropped() {
    let app = spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let rep = app.token_of(REP).await;
    let other = another_rep(&app, "+966557000303").await;
    online(&app, &rep, (24.7400, 46.7000)).await;
    online(&app, &other, (24.7410, 46.7010)).await;
    let req = request(&app, &customer).await;
    let id = req["id"].as_str().unwrap().to_owned();
    let o = offer(&app, &rep, &id, 12_000, 15).await;
    let r = post_keyed(
        &app,
        &format!("/api/v1/repairs/{id}/offers/{o}/accept"),
        &customer,
        "acc",
        json!({}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let job = r.body["data"]["id"].as_str().unwrap().to_owned();

    // A rep who is not on the job: as if it did not exist.
    let r = position(&app, &other, &job, (24.7401, 46.7001)).await;
    assert_eq!(r.status, 404, "{r:?}");
    // Outside the country (Cairo).
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/rider/jobs/{job}/positions"),
            Some(&rep),
            Some(json!({"lat": 30.0444, "lng": 31.2357})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(
        r.body["error"]["fields"]["lat"][0]
            .as_str()
            .unwrap()
            .contains("خارج"),
        "{r:?}"
    );
    // A first fix, then one sooner than the interval: dropped and counted.
    let r = position(&app, &rep, &job, (24.7400, 46.7000)).await;
    assert_eq!(r.body["data"]["accepted"], true, "{r:?}");
    let r = position(&app, &rep, &job, (24.7401, 46.7001)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["accepted"], false, "{r:?}");
    assert_eq!(r.body["data"]["dropped"], 1);
    let kept: i64 =
        sqlx::query_scalar("SELECT count(*) FROM rep_positions WHERE job_id = $1::uuid")
            .bind(&job)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(kept, 1);
    // 30 km a moment later is faster than 250 km/h.
    tokio::time::sleep(INTERVAL + Duration::from_millis(30)).await;
    let r = position(&app, &rep, &job, (24.9900, 46.7000)).await;
    assert_eq!(r.status, 422, "{r:?}");
    // Arrived: the stream stops.
    assert_eq!(
        step(&app, &rep, &job, "arrived").await.status,
        409,
        "on the way first"
    );
    assert_eq!(step(&app, &rep, &job, "on_the_way").await.status, 200);
    assert_eq!(step(&app, &rep, &job, "arrived").await.status, 200);
    tokio::time::sleep(INTERVAL + Duration::from_millis(30)).await;
    let r = position(&app, &rep, &job, (24.7402, 46.7002)).await;
    assert_eq!(r.status, 409, "{r:?}");
    // The customer cannot cancel after arrival; a stranger sees nothing.
    assert_eq!(step(&app, &customer, &job, "cancelled").await.status, 409);
    let r = app
        .get(&format!("/api/v1/repair-jobs/{job}"), Some(&other))
        .await;
    assert_eq!(r.status, 404);
    // Customers do not use the rider side.
    let r = app.get("/api/v1/rider/repairs", Some(&customer)).await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn a_repair_requests_photos_are_the_customers_own_and_seen_only_by_the_reps_it_reached() {
    let app = spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let rep = app.token_of(REP).await;
    // A rep in Jeddah, online but far beyond the radius.
    let far = another_rep(&app, "+966557000404").await;
    online(&app, &rep, (PIN.0 + 0.01, PIN.1 + 0.01)).await;
    online(&app, &far, (21.5433, 39.1728)).await;
    let png = crate::media::png(40, 30);
    let mut photos = Vec::new();
    for i in 0..2 {
        let r = crate::media::upload(
            &app,
            &customer,
            "REQUEST_PHOTO",
            &format!("tyre-{i}.png"),
            "image/png",
            &png,
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
        photos.push(r.body["data"]["id"].as_str().unwrap().to_owned());
    }
    let other_customer = app.token_of("+966500000079").await;
    let theirs = crate::media::upload(
        &app,
        &other_customer,
        "REQUEST_PHOTO",
        "x.png",
        "image/png",
        &png,
    )
    .await;
    let theirs = theirs.body["data"]["id"].as_str().unwrap().to_owned();
    let body =
        |ids: Vec<&String>| json!({"problem": "tyre", "lat": PIN.0, "lng": PIN.1, "photoIds": ids});

    // Someone else's upload, a repeat, or six photos: 422 on photoIds, and
    // no request is left behind.
    for ids in [
        vec![&photos[0], &theirs],
        vec![&photos[0], &photos[0]],
        vec![&photos[0]; 6],
    ] {
        let r = app
            .post("/api/v1/repairs", Some(&customer), body(ids))
            .await;
        assert_eq!(r.status, 422, "{r:?}");
        assert!(r.body["error"]["fields"]["photoIds"].is_array(), "{r:?}");
    }
    let none: i64 = sqlx::query_scalar("SELECT count(*) FROM repair_requests")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(none, 0);

    let r = app
        .post(
            "/api/v1/repairs",
            Some(&customer),
            body(photos.iter().collect()),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["photos"], json!(photos));
    let id = r.body["data"]["id"].as_str().unwrap();
    // The rep it reached sees them with the request; the far rep and
    // another customer do not.
    let near = app.get("/api/v1/rider/repairs", Some(&rep)).await;
    let listed = near.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{near:?}"));
    assert_eq!(listed["photos"], json!(photos));
    for (token, status) in [
        (&rep, 200),
        (&customer, 200),
        (&far, 404),
        (&other_customer, 404),
    ] {
        let r = app
            .get(&format!("/api/v1/media/{}", photos[1]), Some(token))
            .await;
        assert_eq!(r.status, status, "{r:?}");
    }
}
