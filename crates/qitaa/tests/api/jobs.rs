//! The durable job queue: retries with backoff, dead letters and the admin
//! retry, a killed node's job taken over after its lease, enqueueing inside
//! the caller's transaction, and the background worker.

use std::time::Duration;

use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use app::AppState;
use providers::push::fake_fcm::FcmAnswer;

use crate::harness::TestApp;
use crate::notifications::{
    ADMIN_WITHOUT, CUSTOMER, SUPER_ADMIN, clear_queue, fake_fcm, notify, register_device, user_id,
    with_fcm,
};

/// A job's state, attempts, due time, the wait its last outcome chose
/// (`run_at − updated_at`, seconds), last error and lease holder.
type JobView = (
    String,
    i32,
    OffsetDateTime,
    f64,
    Option<String>,
    Option<String>,
);

async fn job(app: &TestApp, id: Uuid) -> JobView {
    sqlx::query_as(
        "SELECT state, attempts, run_at, \
           extract(epoch FROM run_at - updated_at)::float8, last_error, locked_by \
         FROM jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn only_job(app: &TestApp) -> Uuid {
    let ids: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM jobs ORDER BY created_at")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(ids.len(), 1, "{ids:?}");
    ids[0]
}

/// Polls `condition` every few milliseconds until it holds; panics with `what` after `within`.
async fn eventually<F, Fut>(within: Duration, what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + within;
    while !condition().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "not within {within:?}: {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until job `id`'s lease has run out by the database's clock, the one `claim` reads.
async fn lease_runs_out(app: &TestApp, id: Uuid) {
    eventually(
        Duration::from_secs(30),
        &format!("the lease of job {id} ran out"),
        || async {
            sqlx::query_scalar::<_, bool>("SELECT locked_until < now() FROM jobs WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap()
        },
    )
    .await;
}

async fn done_jobs(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM jobs WHERE state = 'done'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Runs the worker as `node` until it has run a job (waiting for one to be due).
async fn run_when_due(state: &AppState, node: &str) {
    for _ in 0..200 {
        if app::jobs::run_once(state, node).await.unwrap() > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no job became due");
}

#[tokio::test]
async fn a_failing_provider_is_retried_with_backoff_then_dead_and_an_admin_retry_sends_it() {
    let app = TestApp::spawn_with(
        |c| {
            c.jobs.backoff_base = Duration::from_millis(400);
            c.jobs.backoff_cap = Duration::from_secs(5);
            c.jobs.max_attempts = 3;
        },
        None,
    )
    .await;
    clear_queue(&app).await;
    let fcm = fake_fcm().await;
    let state = with_fcm(&app, &fcm);
    let customer = app.token_of(CUSTOMER).await;
    register_device(&app, &customer, "device-flaky", "android").await;
    fcm.answer("device-flaky", FcmAnswer::Internal);
    let uid = user_id(&app, CUSTOMER).await;
    notify(
        &app,
        uid,
        "chat.message",
        "chat",
        json!({"senderName": "متجر الرياض", "preview": "مرحبا"}),
    )
    .await;
    let id = only_job(&app).await;

    // Try 1 fails: queued again ~400 ms later (plus at most a quarter of jitter).
    assert_eq!(app::jobs::run_once(&state, "node-a").await.unwrap(), 1);
    let (s1, a1, due1, wait1, err1, _) = job(&app, id).await;
    assert_eq!((s1.as_str(), a1), ("queued", 1));
    assert!((0.39..=0.52).contains(&wait1), "{wait1}");
    assert!(due1 > OffsetDateTime::now_utc() - Duration::from_millis(100));
    assert!(err1.is_some());
    // Not due yet.
    assert_eq!(app::jobs::run_once(&state, "node-a").await.unwrap(), 0);

    // Try 2 fails: the wait doubles and the due time moves on.
    run_when_due(&state, "node-a").await;
    let (s2, a2, due2, wait2, _, _) = job(&app, id).await;
    assert_eq!((s2.as_str(), a2), ("queued", 2));
    assert!((0.79..=1.02).contains(&wait2), "{wait2}");
    assert!(wait2 > wait1 && due2 > due1);

    // Try 3 was the last: a dead letter, its error kept, its delivery failed.
    run_when_due(&state, "node-a").await;
    let (s3, a3, _, _, err3, _) = job(&app, id).await;
    assert_eq!((s3.as_str(), a3), ("dead", 3));
    assert!(err3.unwrap().contains("retry"));
    assert_eq!(fcm.send_requests().len(), 3);
    assert!(fcm.sent().is_empty());
    let delivery: String =
        sqlx::query_scalar("SELECT status FROM notification_deliveries WHERE job_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(delivery, "failed");

    // Admins see the dead letters (with jobs.manage only).
    let admin = app.token_of(ADMIN_WITHOUT).await;
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app.get("/api/v1/admin/jobs?state=dead", Some(&admin)).await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app.get("/api/v1/admin/jobs?state=lost", Some(&root)).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["state"].is_array());
    let r = app.get("/api/v1/admin/jobs?state=dead", Some(&root)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 1);
    let dead = &r.body["data"][0];
    assert_eq!(dead["id"], id.to_string());
    assert_eq!(dead["kind"], "notify.deliver");
    assert_eq!(
        (dead["attempts"].as_i64(), dead["maxAttempts"].as_i64()),
        (Some(3), Some(3))
    );
    assert!(dead["finishedAt"].is_string());

    let retry = format!("/api/v1/admin/jobs/{id}/retry");
    let r = app.post(&retry, Some(&admin), json!({})).await;
    assert_eq!(r.status, 403, "{r:?}");

    // The provider works again; the admin's retry sends it.
    fcm.clear_answer("device-flaky");
    let r = app.post(&retry, Some(&root), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["state"], "queued");
    assert_eq!(r.body["data"]["attempts"], 0);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'job.retry' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    assert_eq!(app::jobs::run_once(&state, "node-a").await.unwrap(), 1);
    let (s4, a4, _, _, _, _) = job(&app, id).await;
    assert_eq!((s4.as_str(), a4), ("done", 1));
    let sent = fcm.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["message"]["token"], "device-flaky");
    assert_eq!(
        sent[0]["message"]["notification"]["title"],
        "رسالة من متجر الرياض"
    );
    let (status, provider_id): (String, Option<String>) =
        sqlx::query_as("SELECT status, provider_id FROM notification_deliveries WHERE job_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, "sent");
    assert!(
        provider_id
            .unwrap()
            .starts_with("projects/qitaa-test/messages/")
    );

    let r = app.post(&retry, Some(&root), json!({})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "JOB_NOT_DEAD");
    let r = app
        .get(&format!("/api/v1/admin/jobs/{id}"), Some(&root))
        .await;
    assert_eq!(r.body["data"]["state"], "done", "{r:?}");
}

#[tokio::test]
async fn a_job_leased_by_a_killed_node_is_taken_over_after_its_lease_expires() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let state = app.state.clone();
    let customer = app.token_of(CUSTOMER).await;
    register_device(&app, &customer, "device-1", "android").await;
    let uid = user_id(&app, CUSTOMER).await;
    notify(
        &app,
        uid,
        "chat.message",
        "chat",
        json!({"senderName": "a", "preview": "b"}),
    )
    .await;
    let id = only_job(&app).await;

    // Node A claims the job with a short lease and dies (never renews, never finishes).
    let claimed = app::jobs::claim(&app.db, "node-killed", 10, Duration::from_millis(400), 5)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].attempts, 1);
    // While the lease holds nobody else takes it.
    assert_eq!(app::jobs::run_once(&state, "node-b").await.unwrap(), 0);
    let (s, _, _, _, _, holder) = job(&app, id).await;
    assert_eq!(
        (s.as_str(), holder.as_deref()),
        ("running", Some("node-killed"))
    );

    lease_runs_out(&app, id).await;
    assert_eq!(app::jobs::run_once(&state, "node-b").await.unwrap(), 1);
    let (s, attempts, _, _, _, holder) = job(&app, id).await;
    assert_eq!(
        (s.as_str(), attempts, holder.as_deref()),
        ("done", 2, Some("node-b"))
    );
    let status: String =
        sqlx::query_scalar("SELECT status FROM notification_deliveries WHERE job_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(status, "sent");
    // The killed node coming back cannot overwrite the outcome.
    assert!(
        !app::jobs::service::complete(&app.db, id, 1, "node-killed")
            .await
            .unwrap()
    );

    // A job whose node dies on its last attempt is a dead letter, not run again.
    let mut conn = app.db.acquire().await.unwrap();
    let last =
        app::jobs::service::enqueue_with(&mut conn, "notify.deliver", &json!({}), None, Some(1))
            .await
            .unwrap();
    drop(conn);
    let claimed = app::jobs::claim(&app.db, "node-killed", 10, Duration::from_millis(200), 5)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    lease_runs_out(&app, last).await;
    assert_eq!(app::jobs::run_once(&state, "node-b").await.unwrap(), 0);
    let (s, _, _, _, err, _) = job(&app, last).await;
    assert_eq!(s, "dead");
    assert!(err.unwrap().contains("lease expired"));
}

#[tokio::test]
async fn a_job_exists_only_if_the_change_that_caused_it_commits() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let uid = user_id(&app, CUSTOMER).await;
    let vars = json!({"orderNumber": "Q-9", "status": "cancelled"});
    let counts = async || {
        let jobs: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
            .fetch_one(&app.db)
            .await
            .unwrap();
        let inbox: i64 = sqlx::query_scalar("SELECT count(*) FROM notifications")
            .fetch_one(&app.db)
            .await
            .unwrap();
        (jobs, inbox)
    };

    let mut tx = app.db.begin().await.unwrap();
    sqlx::query("UPDATE users SET name = 'changed' WHERE id = $1")
        .bind(uid)
        .execute(&mut *tx)
        .await
        .unwrap();
    app::notifications::notify(&mut tx, uid, "order.status", "orders", vars.clone())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(counts().await, (0, 0));

    let mut tx = app.db.begin().await.unwrap();
    app::notifications::notify(&mut tx, uid, "order.status", "orders", vars)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Push, SMS and email jobs, and the inbox row.
    assert_eq!(counts().await, (3, 1));

    // Unknown categories are a programming error; unknown users are nobody.
    let mut tx = app.db.begin().await.unwrap();
    assert!(
        app::notifications::notify(&mut tx, uid, "order.status", "nope", json!({}))
            .await
            .is_err()
    );
    app::notifications::notify(&mut tx, Uuid::now_v7(), "order.status", "orders", json!({}))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_background_worker_is_woken_by_the_commit_that_enqueues() {
    let app = TestApp::spawn_with(
        |c| {
            // Polling alone would take a minute: only the commit's NOTIFY wakes it in time.
            c.jobs.poll_every = Duration::from_secs(60);
        },
        None,
    )
    .await;
    clear_queue(&app).await;
    let uid = user_id(&app, CUSTOMER).await;
    // Queued before the worker starts, so run by its first claim, which it makes once it
    // listens: when these three are done, the worker is listening and idle.
    notify(
        &app,
        uid,
        "order.status",
        "orders",
        json!({"orderNumber": "Q-4", "status": "accepted"}),
    )
    .await;
    let worker = app::jobs::spawn_worker(app.state.clone());
    eventually(
        Duration::from_secs(30),
        "the worker ran the jobs queued before it started",
        || async { done_jobs(&app).await == 3 },
    )
    .await;
    notify(
        &app,
        uid,
        "order.status",
        "orders",
        json!({"orderNumber": "Q-5", "status": "accepted"}),
    )
    .await;
    // Well within the minute of polling: only the NOTIFY can have woken it.
    eventually(
        Duration::from_secs(20),
        "the commit's NOTIFY woke the idle worker",
        || async { done_jobs(&app).await == 6 },
    )
    .await;
    worker.abort();
    let sms: String = sqlx::query_scalar(
        "SELECT body FROM sms_outbox WHERE to_phone = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(sms, "قطع: أصبحت حالة طلبك Q-5: قبله المتجر");
}
