//! Two `qitaa serve` nodes sharing PostgreSQL and Redis: a socket client on
//! node A receives a chat message that a socket client on node B sent.
//!
//! PostgreSQL is `DATABASE_URL` when set, else the tests' shared embedded
//! cluster; Redis is `REDIS_URL`, default `redis://127.0.0.1:6379` (`.ci/run`
//! installs and starts it).

#[path = "js/js_client.rs"]
mod js_client;

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::process::{Child, Command};

use js_client::JsClient;

async fn create(server: &str, name: &str) {
    let admin = sqlx::PgPool::connect(server)
        .await
        .expect("admin connection");
    sqlx::query(&format!("CREATE DATABASE \"{name}\""))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
}

/// A fresh database both nodes share, as a URL the binary reads.
async fn database() -> String {
    let name = format!("qitaa_nodes_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("DATABASE_URL") {
        Ok(url) => {
            create(&url, &name).await;
            let mut u = reqwest::Url::parse(&url).unwrap();
            u.set_path(&format!("/{name}"));
            u.to_string()
        }
        Err(_) => {
            let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("qitaa-test-pg");
            let pg = embedded_pg::EmbeddedPostgres::start_shared(&root, "postgres")
                .await
                .unwrap_or_else(|e| panic!("test PostgreSQL: {e}"));
            create(&pg.url("postgres"), &name).await;
            let url = pg.url(&name);
            // The shared cluster outlives this process, as for the API tests.
            std::mem::forget(pg);
            url
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Node {
    child: Child,
    base: String,
}

async fn node(db: &str, redis: &str, secret: &str) -> Node {
    let port = free_port();
    let data = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("qitaa-node-{port}"));
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(env!("CARGO_BIN_EXE_qitaa"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(&data)
        .env("DATABASE_URL", db)
        .env("REDIS_URL", redis)
        .env("JWT_SECRET", secret)
        .env("QITAA_DEMO", "true")
        .env("PUBLIC_URL", &base)
        .env("OTP_PER_IP_PER_HOUR", "1000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("qitaa serve runs");
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = client.get(format!("{base}/ready")).send().await
            && r.status() == 200
        {
            return Node { child, base };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("node {base} did not become ready");
}

async fn token(base: &str, phone: &str) -> String {
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{base}/api/v1/auth/otp/request"))
        .json(&json!({"phone": phone}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r: Value = client
        .post(format!("{base}/api/v1/auth/otp/verify"))
        .json(&json!({"phone": phone, "code": "123456"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["data"]["accessToken"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_socket_on_node_a_receives_what_a_socket_on_node_b_sent() {
    let redis = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let db = database().await;
    let secret = format!("two-nodes-{}", uuid::Uuid::new_v4());
    // The first node migrates and seeds; the second joins the same data.
    let mut a = node(&db, &redis, &secret).await;
    let mut b = node(&db, &redis, &secret).await;

    let customer = token(&a.base, "+966500000001").await;
    let staff = token(&b.base, "+966500000000").await;
    let thread: Value = reqwest::Client::new()
        .post(format!("{}/api/v1/chats/support", a.base))
        .bearer_auth(&customer)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let thread = thread["data"]["id"].as_str().unwrap().to_owned();

    let mut on_a = JsClient::start(&a.base, &customer, &[("JOIN", &thread)]).await;
    assert_eq!(on_a.next("join_ack").await["ok"], true);
    on_a.next("ready").await;

    let mut on_b = JsClient::start(
        &b.base,
        &staff,
        &[("JOIN", &thread), ("SEND", "from node B")],
    )
    .await;
    assert_eq!(on_b.next("join_ack").await["ok"], true);
    assert_eq!(on_b.next("send_ack").await["ok"], true);

    let got = on_a.message("from node B").await;
    assert_eq!(got["threadId"], thread.as_str());
    let _ = a.child.start_kill();
    let _ = b.child.start_kill();
}

/// The status of `GET {base}{path}`, waited on until `want` (or a deadline).
async fn until_status(base: &str, path: &str, want: u16) -> u16 {
    let client = reqwest::Client::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let got = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        if got == want || tokio::time::Instant::now() > deadline {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn put_settings(base: &str, admin: &str, settings: &Value) -> Value {
    let r = reqwest::Client::new()
        .put(format!("{base}/api/v1/admin/settings"))
        .bearer_auth(admin)
        .json(settings)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn maintenance_saved_on_node_a_closes_and_reopens_node_b() {
    let redis = std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let db = database().await;
    let secret = format!("two-nodes-{}", uuid::Uuid::new_v4());
    let mut a = node(&db, &redis, &secret).await;
    let mut b = node(&db, &redis, &secret).await;
    let admin = token(&a.base, "+966500000000").await;
    let client = reqwest::Client::new();
    assert_eq!(until_status(&b.base, "/api/v1/categories", 200).await, 200);

    let current: Value = client
        .get(format!("{}/api/v1/admin/settings", a.base))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut settings = current["data"]["settings"].clone();
    settings["maintenance"]["enabled"] = json!(true);
    settings["maintenance"]["retryAfterMinutes"] = json!(5);
    put_settings(&a.base, &admin, &settings).await;

    // Node B heard it without a restart: the API and the pages are closed.
    assert_eq!(until_status(&b.base, "/api/v1/categories", 503).await, 503);
    let r = client
        .get(format!("{}/api/v1/categories", b.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["retry-after"], "300");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "MAINTENANCE");
    assert_eq!(until_status(&b.base, "/", 503).await, 503);
    // An admin still works on node B.
    let r = client
        .get(format!("{}/api/v1/admin/users", b.base))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    settings["maintenance"]["enabled"] = json!(false);
    put_settings(&a.base, &admin, &settings).await;
    assert_eq!(until_status(&b.base, "/api/v1/categories", 200).await, 200);
    assert_eq!(until_status(&b.base, "/", 200).await, 200);
    let _ = a.child.start_kill();
    let _ = b.child.start_kill();
}
