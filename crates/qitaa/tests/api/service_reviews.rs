//! Reviews of a completed booking (of the wash that ran it) and of a
//! completed repair job (of its rep): only the customer's own, only once
//! finished, once under a race, counted in the target's rating, and taken
//! out of it when a moderator hides them.

use reqwest::Method;
use serde_json::json;

use crate::bookings::{book, day_ahead, slot_at, wash};
use crate::harness::TestApp;
use crate::repairs::{PIN, REP, offer, online, request};
use crate::shop::{CUSTOMER, SUPER_ADMIN, SUPPLIER, post_keyed};

/// Posts the same review `n` times at once; the statuses, sorted.
async fn race(app: &TestApp, path: &str, token: &str, n: usize) -> Vec<u16> {
    let mut tasks = Vec::new();
    for i in 0..n {
        let (client, url, token) = (
            app.client.clone(),
            format!("{}{path}", app.base),
            token.to_owned(),
        );
        tasks.push(tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&json!({"stars": 4, "text": format!("نظيف وسريع {i}")}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out.sort_unstable();
    out
}

#[tokio::test]
async fn a_completed_booking_is_reviewed_once_and_moves_the_washs_rating() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let slot = slot_at(&app, &w, &[w.full], &day_ahead(1), "17:00")
        .await
        .unwrap();
    let r = book(
        &app,
        &customer,
        "rev-1",
        &w,
        w.full,
        slot["startsAt"].as_str().unwrap(),
        "cash",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["booking"]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/bookings/{id}/reviews");

    // Not before it is completed.
    let r = app.post(&path, Some(&customer), json!({"stars": 5})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "BOOKING_NOT_COMPLETED");
    for s in ["confirmed", "in_progress", "completed"] {
        let r = crate::bookings::step(&app, &supplier, &w, &id, s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    // Another customer's booking is not there; bad stars name the field in Arabic.
    let stranger = app.token_of("+966500000078").await;
    let r = app.post(&path, Some(&stranger), json!({"stars": 5})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .call(
            Method::POST,
            &path,
            Some(&customer),
            Some(json!({"stars": 9, "text": "x".repeat(2001)})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = &r.body["error"]["fields"];
    assert!(
        fields["stars"][0]
            .as_str()
            .unwrap()
            .starts_with("يجب أن يكون بين"),
        "{r:?}"
    );
    assert!(fields["text"].is_array(), "{r:?}");

    // Eight at once: one review.
    let statuses = race(&app, &path, &customer, 8).await;
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409]);
    let mine = app.get(&path, Some(&customer)).await;
    assert_eq!(mine.body["data"].as_array().unwrap().len(), 1, "{mine:?}");
    let review = mine.body["data"][0].clone();
    assert_eq!(review["bookingId"], id.as_str());
    assert_eq!(review["targetType"], "store");
    assert_eq!(review["storeId"], w.store.to_string());

    // The wash's public rating counts it; its owner sees it and may reply.
    let public = app
        .get(&format!("/api/v1/stores/{}/reviews", w.store), None)
        .await;
    assert_eq!(public.body["meta"]["ratingCount"], 1, "{public:?}");
    assert_eq!(public.body["meta"]["ratingAverage"], 4.0);
    let rid = review["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{}/reviews/{rid}/reply", w.store),
            Some(&supplier),
            json!({"text": "شكرًا لزيارتك"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    // Hidden by a moderator: out of the rating.
    let admin = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            &format!("/api/v1/admin/reviews/{rid}/hide"),
            Some(&admin),
            json!({"reason": "spam"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let public = app
        .get(&format!("/api/v1/stores/{}/reviews", w.store), None)
        .await;
    assert_eq!(public.body["meta"]["ratingCount"], 0, "{public:?}");
}

#[tokio::test]
async fn a_completed_repair_job_is_reviewed_once_and_the_rep_carries_the_rating() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let rep = app.token_of(REP).await;
    let rep_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(REP)
        .fetch_one(&app.db)
        .await
        .unwrap();
    online(&app, &rep, (PIN.0 + 0.01, PIN.1 + 0.01)).await;
    let req = request(&app, &customer).await;
    let rid = req["id"].as_str().unwrap().to_owned();
    let o = offer(&app, &rep, &rid, 15_000, 20).await;
    let r = post_keyed(
        &app,
        &format!("/api/v1/repairs/{rid}/offers/{o}/accept"),
        &customer,
        "rev-acc",
        json!({}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let job = r.body["data"]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/repair-jobs/{job}/reviews");
    let r = app.post(&path, Some(&customer), json!({"stars": 5})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "JOB_NOT_COMPLETED");
    for s in ["on_the_way", "arrived", "working", "completed"] {
        let r = crate::repairs::step(&app, &rep, &job, s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    // The rep cannot review their own job; the customer can, once, before paying.
    let r = app.post(&path, Some(&rep), json!({"stars": 5})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let statuses = race(&app, &path, &customer, 6).await;
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);

    let public = app
        .get(&format!("/api/v1/reps/{rep_id}/reviews"), None)
        .await;
    assert_eq!(public.status, 200, "{public:?}");
    assert_eq!(public.body["meta"]["ratingCount"], 1);
    assert_eq!(public.body["meta"]["ratingAverage"], 4.0);
    assert!(
        public.body["data"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("نظيف وسريع")
    );
    // The rep's own figures and the admins' rep page carry it.
    let stats = app.get("/api/v1/rider/stats", Some(&rep)).await;
    assert_eq!(stats.body["data"]["rating"], 4.0, "{stats:?}");
    assert_eq!(stats.body["data"]["ratingCount"], 1);
    let admin = app.token_of(SUPER_ADMIN).await;
    let a = app
        .get(&format!("/api/v1/admin/reps/{rep_id}"), Some(&admin))
        .await;
    assert_eq!(a.body["data"]["rating"], 4.0, "{a:?}");
    let q = app
        .get(
            &format!("/api/v1/admin/reviews?targetType=rep&repId={rep_id}"),
            Some(&admin),
        )
        .await;
    assert_eq!(q.body["data"].as_array().unwrap().len(), 1, "{q:?}");
    assert_eq!(q.body["data"][0]["repairJobId"], job.as_str());
    // Hidden: out of the rep's rating; restored: back in.
    let id = q.body["data"][0]["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/admin/reviews/{id}/hide"),
            Some(&admin),
            json!({"reason": "abuse"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let stats = app.get("/api/v1/rider/stats", Some(&rep)).await;
    assert_eq!(stats.body["data"]["ratingCount"], 0, "{stats:?}");
    assert!(stats.body["data"]["rating"].is_null());
    let r = app
        .post(
            &format!("/api/v1/admin/reviews/{id}/restore"),
            Some(&admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let public = app
        .get(&format!("/api/v1/reps/{rep_id}/reviews"), None)
        .await;
    assert_eq!(public.body["meta"]["ratingCount"], 1);
}
