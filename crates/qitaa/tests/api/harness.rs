//! Each test gets its own database, copied from a migrated template, and its
//! own server on a free port, driven over real HTTP. The PostgreSQL server is
//! `DATABASE_URL` when set, else a private cluster shared by all test
//! processes under `target/tmp` (left running between runs to keep them fast).

use std::path::PathBuf;
use std::sync::Arc;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;
use tokio::sync::OnceCell;

use app::config::AppConfig;
use providers::sms::{OutboxSms, SmsSender};
use providers::storage::Storage;

static SERVER_URL: OnceCell<String> = OnceCell::const_new();
static CLUSTER: OnceCell<embedded_pg::EmbeddedPostgres> = OnceCell::const_new();

/// An admin connection URL of the PostgreSQL server the tests use.
pub async fn server_url() -> String {
    SERVER_URL
        .get_or_init(|| async {
            if let Ok(url) = std::env::var("DATABASE_URL") {
                return url;
            }
            let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("qitaa-test-pg");
            let pg = CLUSTER
                .get_or_init(|| async {
                    embedded_pg::EmbeddedPostgres::start_shared(&root, "postgres")
                        .await
                        .unwrap_or_else(|e| panic!("test PostgreSQL: {e}"))
                })
                .await;
            pg.url("postgres")
        })
        .await
        .clone()
}

fn url_for(server: &str, db: &str) -> PgConnectOptions {
    let opts: PgConnectOptions = server.parse().expect("a PostgreSQL URL");
    opts.database(db)
}

/// Name of a template database holding the current migrations; built once
/// per migration set, under an advisory lock shared by every test process.
async fn template() -> String {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let mut fingerprint = String::new();
            for m in qitaa::MIGRATOR.iter() {
                fingerprint.push_str(&format!("{}:{};", m.version, hex::encode(&*m.checksum)));
            }
            let digest = fnv(&fingerprint);
            let name = format!("qitaa_tpl_{digest:016x}");
            let server = server_url().await;
            let admin = sqlx::PgPool::connect_with(url_for(&server, "postgres"))
                .await
                .expect("admin connection");
            let mut conn = admin.acquire().await.unwrap();
            sqlx::query("SELECT pg_advisory_lock(7412001)")
                .execute(&mut *conn)
                .await
                .unwrap();
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                    .bind(&name)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
            if !exists {
                // Built under another name and renamed, so a crash never leaves a half template.
                let building = format!("{name}_build");
                sqlx::query(&format!("DROP DATABASE IF EXISTS \"{building}\""))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                sqlx::query(&format!("CREATE DATABASE \"{building}\""))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                let pool = PgPool::connect_with(url_for(&server, &building))
                    .await
                    .unwrap();
                qitaa::MIGRATOR.run(&pool).await.expect("migrations apply");
                pool.close().await;
                sqlx::query(&format!(
                    "ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
                ))
                .execute(&mut *conn)
                .await
                .unwrap();
            }
            sqlx::query("SELECT pg_advisory_unlock(7412001)")
                .execute(&mut *conn)
                .await
                .unwrap();
            drop(conn);
            admin.close().await;
            name
        })
        .await
        .clone()
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

async fn create_database() -> String {
    let tpl = template().await;
    let server = server_url().await;
    let name = format!("qitaa_test_{}", uuid::Uuid::new_v4().simple());
    let admin = PgPool::connect_with(url_for(&server, "postgres"))
        .await
        .unwrap();
    let mut attempt = 0;
    loop {
        let r = sqlx::query(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{tpl}\""))
            .execute(&admin)
            .await;
        match r {
            Ok(_) => break,
            // Copies from one template are serialised by PostgreSQL; retry when busy.
            Err(e) if attempt < 50 && e.to_string().contains("being accessed by other users") => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50 + attempt * 20)).await;
            }
            Err(e) => panic!("creating the test database: {e}"),
        }
    }
    admin.close().await;
    name
}

pub struct TestApp {
    pub base: String,
    pub db: PgPool,
    pub client: reqwest::Client,
    /// The directory of this test's file storage (removed with the app).
    pub files: PathBuf,
    db_name: String,
    server: tokio::task::JoinHandle<()>,
    sweeper: tokio::task::JoinHandle<()>,
    settings_listener: tokio::task::JoinHandle<()>,
    /// The server's state, for tests that drive a background job directly.
    pub state: app::AppState,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, self.body)
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}, None).await
    }

    /// With config changes and, optionally, another SMS sender than the outbox.
    pub async fn spawn_with(
        tune: impl FnOnce(&mut AppConfig),
        sms: Option<Arc<dyn SmsSender>>,
    ) -> TestApp {
        Self::spawn_with_gateway(tune, sms, None).await
    }

    /// With another card gateway than the built-in sandbox (e.g. the real
    /// N-Genius adapter pointed at its fake).
    pub async fn spawn_with_gateway(
        tune: impl FnOnce(&mut AppConfig),
        sms: Option<Arc<dyn SmsSender>>,
        gateway: Option<Arc<dyn providers::payments::CardGateway>>,
    ) -> TestApp {
        Self::spawn_inner(
            tune,
            sms,
            gateway,
            None,
            qitaa::listen::ConnectionLimits::default(),
        )
        .await
    }

    /// With a shipping carrier (the real OTO adapter pointed at its fake).
    pub async fn spawn_with_carrier(
        tune: impl FnOnce(&mut AppConfig),
        carrier: Arc<dyn providers::shipping::Carrier>,
    ) -> TestApp {
        Self::spawn_inner(
            tune,
            None,
            None,
            Some(carrier),
            qitaa::listen::ConnectionLimits::default(),
        )
        .await
    }

    /// With other connection bounds than a node's defaults.
    pub async fn spawn_with_limits(limits: qitaa::listen::ConnectionLimits) -> TestApp {
        Self::spawn_inner(|_| {}, None, None, None, limits).await
    }

    async fn spawn_inner(
        tune: impl FnOnce(&mut AppConfig),
        sms: Option<Arc<dyn SmsSender>>,
        gateway: Option<Arc<dyn providers::payments::CardGateway>>,
        carrier: Option<Arc<dyn providers::shipping::Carrier>>,
        limits: qitaa::listen::ConnectionLimits,
    ) -> TestApp {
        let db_name = create_database().await;
        let server = server_url().await;
        let db = sqlx::postgres::PgPoolOptions::new()
            .max_connections(10)
            .connect_with(url_for(&server, &db_name))
            .await
            .unwrap();
        app::seed::reference(&db).await.unwrap();
        app::seed::demo(&db).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = AppConfig {
            demo_mode: true,
            public_url: format!("http://{addr}"),
            ..AppConfig::default()
        };
        config.payments.webhook_secret = format!("test-webhook-{}", uuid::Uuid::new_v4());
        tune(&mut config);
        let sms = sms.unwrap_or_else(|| Arc::new(OutboxSms::new(db.clone())));
        let secret = format!("test-secret-{}", uuid::Uuid::new_v4());
        let files = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("qitaa-test-files")
            .join(&db_name);
        let storage = Storage::local(files.clone()).expect("test file storage");
        let mut state = qitaa::boot::state(db.clone(), config, secret.as_bytes(), sms, storage);
        if let Some(g) = gateway {
            state.gateway = g;
        }
        state.carrier = carrier;
        app::seed::demo_services(&state).await.unwrap();
        let router = qitaa::router(state.clone(), &qitaa::HttpSettings::default());
        let service = tower::Layer::layer(
            &tower::util::MapRequestLayer::new(qitaa::route_by_host),
            router,
        );
        state.settings.reload(&db).await.unwrap();
        let settings_listener = app::settings::spawn_listener(state.settings.clone(), db.clone());
        let sweeper = app::orders::service::spawn_sweeper(state.clone());
        let server = tokio::spawn(async move {
            qitaa::listen::serve(listener, service, limits, std::future::pending())
                .await
                .unwrap();
        });
        TestApp {
            base: format!("http://{addr}"),
            db,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            files,
            db_name,
            server,
            sweeper,
            settings_listener,
            state,
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        lang: &str,
    ) -> Reply {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("accept-language", lang);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.call(Method::GET, path, token, None, "en").await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.call(Method::POST, path, token, Some(body), "en").await
    }

    /// Requests and verifies a code; demo phones use the fixed code, others
    /// the code read back from the SMS outbox.
    pub async fn sign_in(&self, phone: &str) -> Value {
        self.sign_in_as(phone, None).await
    }

    pub async fn sign_in_as(&self, phone: &str, role: Option<&str>) -> Value {
        let r = self
            .post("/api/v1/auth/otp/request", None, json!({"phone": phone}))
            .await;
        assert_eq!(r.status, 200, "otp request for {phone}: {r:?}");
        let e164 = kernel::phone::Phone::parse(phone)
            .expect("a valid phone")
            .to_string();
        let code =
            if self.state.config.demo_mode && app::config::DEMO_PHONES.contains(&e164.as_str()) {
                app::config::DEMO_CODE.to_owned()
            } else {
                self.last_code(&e164).await
            };
        let mut body = json!({"phone": phone, "code": code});
        if let Some(role) = role {
            body["role"] = json!(role);
        }
        let r = self.post("/api/v1/auth/otp/verify", None, body).await;
        assert_eq!(r.status, 200, "otp verify for {phone}: {r:?}");
        r.body["data"].clone()
    }

    /// The code in the newest SMS sent to `phone` through the outbox.
    pub async fn last_code(&self, phone: &str) -> String {
        let body: String =
            sqlx::query_scalar("SELECT body FROM sms_outbox WHERE to_phone = $1 ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind(phone)
                .fetch_one(&self.db)
                .await
                .expect("an SMS was sent");
        first_code(&body)
    }

    pub async fn token_of(&self, phone: &str) -> String {
        self.sign_in(phone).await["accessToken"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        self.sweeper.abort();
        self.settings_listener.abort();
        let _ = std::fs::remove_dir_all(&self.files);
        let name = self.db_name.clone();
        // Drop cannot await; a short-lived runtime on another thread cleans
        // up. FORCE ends the test's own pool connections server-side.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let server = server_url_blocking();
                if let Ok(admin) = PgPool::connect_with(url_for(&server, "postgres")).await {
                    let _ =
                        sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .execute(&admin)
                            .await;
                    admin.close().await;
                }
            });
        })
        .join();
    }
}

/// The first run of six ASCII digits in a message.
pub fn first_code(text: &str) -> String {
    text.chars()
        .collect::<Vec<_>>()
        .windows(6)
        .map(|w| w.iter().collect::<String>())
        .find(|w| w.chars().all(|c| c.is_ascii_digit()))
        .expect("a 6-digit code in the SMS")
}

fn server_url_blocking() -> String {
    SERVER_URL
        .get()
        .cloned()
        .expect("server url resolved before any app existed")
}
