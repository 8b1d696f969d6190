//! Starting a node: the database (external or embedded), secrets, state,
//! the listener, and a clean shutdown.

use std::io::Write;
use std::net::SocketAddr;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use embedded_pg::EmbeddedPostgres;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use app::AppState;
use app::config::{AppConfig, OtpConfig};
use app::identity::tokens::Keys;
use providers::sms::{OurSms, OurSmsConfig, OutboxSms, SmsSender};
use providers::storage::Storage;

use crate::settings::{Settings, SmsSettings, StorageSettings};

/// The private cluster, shared by its watchdog and the shutdown.
type Embedded = Arc<tokio::sync::Mutex<Option<EmbeddedPostgres>>>;

/// The database a node runs on, and the private cluster behind it if any.
pub struct Database {
    pub pool: PgPool,
    pub embedded: Option<Embedded>,
    watchdog: Option<tokio::task::JoinHandle<()>>,
}

impl Database {
    /// `DATABASE_URL` when set; otherwise a private cluster under `data_dir`.
    pub async fn open(settings: &Settings, data_dir: &Path) -> anyhow::Result<Database> {
        let (url, embedded) = match &settings.database_url {
            Some(url) => (url.clone(), None),
            None => {
                std::fs::create_dir_all(data_dir).with_context(|| {
                    format!("cannot create the data dir {}", data_dir.display())
                })?;
                let pg = EmbeddedPostgres::start(data_dir, "qitaa").await?;
                (pg.url("qitaa"), Some(pg))
            }
        };
        let pool = connect(&url, settings.database_max_connections).await?;
        crate::MIGRATOR
            .run(&pool)
            .await
            .context("migrating the database")?;
        let embedded = embedded.map(|pg| Arc::new(tokio::sync::Mutex::new(Some(pg))));
        let watchdog = embedded.clone().map(|pg| tokio::spawn(watch(pg)));
        Ok(Database {
            pool,
            embedded,
            watchdog,
        })
    }

    pub async fn close(self) -> anyhow::Result<()> {
        if let Some(w) = self.watchdog {
            w.abort();
        }
        self.pool.close().await;
        if let Some(pg) = self.embedded
            && let Some(pg) = pg.lock().await.take()
        {
            pg.stop().await?;
        }
        Ok(())
    }
}

/// How often the watchdog looks at the embedded server, and the longest it
/// waits between failed restarts.
const WATCH_EVERY: Duration = Duration::from_secs(1);
const RESTART_BACKOFF_CAP: Duration = Duration::from_secs(30);

/// Restarts the embedded PostgreSQL when it dies, backing off while restarts
/// fail (a killed server's backends may hold its memory for a moment). The
/// pool reconnects on its own; meanwhile requests answer 503.
async fn watch(pg: Embedded) {
    let mut backoff = WATCH_EVERY;
    loop {
        tokio::time::sleep(backoff).await;
        let mut guard = pg.lock().await;
        let Some(server) = guard.as_mut() else {
            return;
        };
        if server.is_running() {
            backoff = WATCH_EVERY;
            continue;
        }
        tracing::error!("the embedded PostgreSQL is not running; restarting it");
        match server.restart().await {
            Ok(()) => backoff = WATCH_EVERY,
            Err(e) => {
                tracing::error!(error = %e, retry_in = ?backoff * 2, "restarting the embedded PostgreSQL failed");
                backoff = (backoff * 2).min(RESTART_BACKOFF_CAP);
            }
        }
    }
}

/// Several TLS backends are linked (through sqlx, reqwest, jsonwebtoken);
/// rustls refuses to guess, so the process picks one before any connection.
pub fn install_tls_provider() {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}

pub async fn connect(url: &str, max: u32) -> anyhow::Result<PgPool> {
    install_tls_provider();
    let options: PgConnectOptions = url
        .parse::<PgConnectOptions>()
        .context("DATABASE_URL is not a PostgreSQL URL")?
        // Our queries are short; JIT compilation cost more than it saved on
        // the search plans at scale (see docs/BENCHMARKS.md).
        .options([("jit", "off")]);
    PgPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(5))
        // A failed query already surfaces a dead connection; pinging before
        // every acquire would double the round trips of short requests.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .context("connecting to PostgreSQL")
}

/// `JWT_SECRET`, or for the embedded default a key made once and kept in the
/// data dir (mode 0600). A shared database needs the same secret on every
/// node, so there it must be configured.
pub fn jwt_secret(settings: &Settings, data_dir: &Path, embedded: bool) -> anyhow::Result<Vec<u8>> {
    if let Some(s) = &settings.jwt_secret {
        if s.len() < 32 {
            bail!("JWT_SECRET must be at least 32 characters");
        }
        return Ok(s.as_bytes().to_vec());
    }
    if !embedded {
        bail!("JWT_SECRET is required with DATABASE_URL (the same value on every node)");
    }
    let dir = data_dir.join("secrets");
    std::fs::create_dir_all(&dir)?;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    let path: PathBuf = dir.join("jwt.key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let key = existing.trim();
        if key.len() >= 32 {
            return Ok(key.as_bytes().to_vec());
        }
    }
    let mut bytes = [0u8; 48];
    rand::fill(&mut bytes);
    let key = hex::encode(bytes);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("writing {}", path.display()))?;
    f.write_all(key.as_bytes())?;
    Ok(key.into_bytes())
}

pub fn app_config(
    settings: &Settings,
    public_url: String,
    demo_mode: bool,
    jwt_secret: &[u8],
) -> AppConfig {
    let defaults = AppConfig::default();
    let webhook_secret = settings.webhook_secret.clone().unwrap_or_else(|| {
        // Stable per installation and never the JWT key itself.
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(b"qitaa payment webhook\0");
        h.update(jwt_secret);
        hex::encode(h.finalize())
    });
    AppConfig {
        payments: app::config::PaymentsConfig {
            delivery_fee: settings.delivery_fee_halalas,
            topup_max: settings.topup_max,
            topup_daily_max: settings.topup_daily_max,
            card_timeout: settings.card_payment_timeout,
            webhook_header: settings.webhook_header.clone(),
            webhook_secret,
            ..defaults.payments.clone()
        },
        secure_cookies: public_url.starts_with("https://"),
        public_url,
        demo_mode,
        otp: OtpConfig {
            per_phone_per_hour: settings.otp_per_phone_per_hour,
            per_ip_per_hour: settings.otp_per_ip_per_hour,
            ..defaults.otp
        },
        trusted_proxies: settings.trusted_proxies.clone(),
        max_upload_bytes: settings.max_upload_bytes,
        max_import_bytes: settings.max_import_bytes,
        reps: settings.reps.clone(),
        shipping: settings.shipping.clone(),
        referral: settings.referral.clone(),
        registrations: settings.registrations.clone(),
        map_tiles: settings.map_tiles.clone(),
        media: app::config::MediaConfig {
            decode_concurrency: settings.image_decode_concurrency,
            uploads_per_hour: settings.uploads_per_user_per_hour,
        },
        jobs: app::config::JobsConfig {
            concurrency: settings.jobs_concurrency,
            max_attempts: settings.jobs_max_attempts,
            ..defaults.jobs.clone()
        },
        notifications: app::config::NotificationsConfig {
            vapid_public_key: settings
                .vapid
                .as_ref()
                .and_then(|v| v.public_key_b64url().ok()),
            webpush_endpoints: settings.webpush_endpoints.clone(),
            ..defaults.notifications.clone()
        },
        ..defaults
    }
}

/// Puts the configured push (FCM), email (SMTP) and Web Push senders into
/// the state; without configuration the state keeps the log senders and no
/// Web Push.
pub fn notification_senders(settings: &Settings, state: &mut AppState) -> anyhow::Result<()> {
    use crate::settings::{EmailSettings, PushSettings};
    if let PushSettings::Fcm {
        service_account_file,
    } = &settings.push
    {
        let json = std::fs::read_to_string(service_account_file).with_context(|| {
            format!(
                "reading FCM_SERVICE_ACCOUNT_FILE {}",
                service_account_file.display()
            )
        })?;
        let config = providers::push::FcmConfig::from_service_account_json(&json)
            .map_err(|e| anyhow::anyhow!("FCM_SERVICE_ACCOUNT_FILE: {e}"))?;
        state.push = Arc::new(
            providers::push::Fcm::new(config)
                .map_err(|e| anyhow::anyhow!("configuring FCM: {e}"))?,
        );
    }
    if let EmailSettings::Smtp(config) = &settings.email {
        state.email = Arc::new(
            providers::email::SmtpEmail::new(config.clone())
                .map_err(|e| anyhow::anyhow!("configuring SMTP: {e}"))?,
        );
    }
    if let Some(vapid) = &settings.vapid {
        if !settings.webpush_endpoints.private_hosts().is_empty() {
            tracing::warn!(
                hosts = ?settings.webpush_endpoints.private_hosts(),
                "WEBPUSH_ALLOW_PRIVATE_HOSTS: Web Push may post to these hosts on internal addresses"
            );
        }
        // The same policy as the subscriptions were checked with (`app_config`).
        state.webpush = Some(Arc::new(
            providers::webpush::WebPush::new(
                vapid.clone(),
                settings.webpush_endpoints.clone(),
                Duration::from_secs(30),
            )
            .map_err(|e| anyhow::anyhow!("configuring Web Push (VAPID_*): {e}"))?,
        ));
    }
    tracing::info!(
        push = state.push.name(),
        email = state.email.name(),
        webpush = state.webpush.is_some(),
        "notification senders"
    );
    Ok(())
}

pub fn sms_sender(settings: &Settings, pool: &PgPool) -> anyhow::Result<Arc<dyn SmsSender>> {
    Ok(match &settings.sms {
        SmsSettings::Outbox => Arc::new(OutboxSms::new(pool.clone())),
        SmsSettings::OurSms {
            base_url,
            token,
            sender,
        } => {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .context("building the HTTP client")?;
            Arc::new(OurSms::new(
                OurSmsConfig {
                    base_url: base_url.clone(),
                    token: token.clone(),
                    sender: sender.clone(),
                },
                client,
            ))
        }
    })
}

/// The object store of uploaded files: `STORAGE_DIR` or `<data-dir>/files`
/// by default, an S3-compatible bucket with `STORAGE_BACKEND=s3`.
pub fn storage(settings: &Settings, data_dir: &Path) -> anyhow::Result<Storage> {
    Ok(match &settings.storage {
        StorageSettings::Local { dir } => {
            let dir = dir.clone().unwrap_or_else(|| data_dir.join("files"));
            Storage::local(dir).context("preparing the file storage")?
        }
        StorageSettings::S3(config) => {
            Storage::s3(config.clone()).context("configuring the S3 file storage")?
        }
    })
}

pub fn state(
    pool: PgPool,
    config: AppConfig,
    secret: &[u8],
    sms: Arc<dyn SmsSender>,
    storage: Storage,
) -> AppState {
    app::payments::target::register(app::payment_targets());
    // The sandbox confirms payments no money backs: only demo mode gets it
    // unasked (`card_gateway` names it explicitly otherwise).
    let gateway: Arc<dyn providers::payments::CardGateway> = if config.demo_mode {
        sandbox_gateway(&pool, &config)
    } else {
        Arc::new(providers::payments::NoGateway)
    };
    AppState {
        settings: app::settings::SettingsCache::new(app::settings::SystemSettings::from_config(
            &config,
        )),
        image_decoding: app::media::decoding::DecodeGate::new(config.media.decode_concurrency),
        realtime: app::realtime::Realtime::default(),
        push: Arc::new(providers::push::LogPush),
        email: Arc::new(providers::email::LogEmail),
        webpush: None,
        gateway,
        carrier: None,
        search: Arc::new(app::products::search::PgSearch { db: pool.clone() }),
        db: pool,
        config: Arc::new(config),
        keys: Arc::new(Keys::from_secret(secret)),
        sms,
        storage,
    }
}

fn sandbox_gateway(pool: &PgPool, config: &AppConfig) -> Arc<dyn providers::payments::CardGateway> {
    Arc::new(app::payments::sandbox::SandboxGateway {
        db: pool.clone(),
        public_url: config.public_url.clone(),
    })
}

/// The card gateway `PAYMENT_GATEWAY` names, if any (unnamed: the default
/// of [`state`] stays).
pub fn card_gateway(
    settings: &Settings,
    state: &AppState,
) -> anyhow::Result<Option<Arc<dyn providers::payments::CardGateway>>> {
    Ok(match &settings.gateway {
        None => None,
        Some(crate::settings::GatewaySettings::Sandbox) => {
            if !state.config.demo_mode {
                tracing::warn!(
                    "PAYMENT_GATEWAY=sandbox outside demo mode: card payments are confirmed by a \
                     test page anyone can click, and NO MONEY MOVES. Never run this in production."
                );
                eprintln!(
                    "WARNING: PAYMENT_GATEWAY=sandbox outside demo mode: card payments move no money."
                );
            }
            Some(sandbox_gateway(&state.db, &state.config))
        }
        Some(crate::settings::GatewaySettings::NGenius(c)) => Some(Arc::new(
            providers::payments::NGenius::new(c.clone())
                .map_err(|e| anyhow::anyhow!("configuring N-Genius: {e}"))?,
        )),
    })
}

/// `qitaa serve`: runs until Ctrl-C or SIGTERM, then drains requests and
/// stops the embedded PostgreSQL, if any.
pub async fn serve(addr: SocketAddr, data_dir: &Path) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    crate::telemetry::init_logging(settings.log_json);
    kernel::money::set_arabic_digits(settings.arabic_digits);
    let db = Database::open(&settings, data_dir).await?;
    let embedded = db.embedded.is_some();
    let demo = settings.demo_mode.unwrap_or(embedded);
    let secret = jwt_secret(&settings, data_dir, embedded)?;
    app::seed::reference(&db.pool).await?;
    let first_start = demo && !app::seed::has_users(&db.pool).await?;
    if first_start {
        app::seed::demo(&db.pool).await?;
        app::bookings::seed::demo_wash(&db.pool).await?;
        app::content::seed::demo_faqs(&db.pool).await?;
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let config = app_config(&settings, public_url.clone(), demo, &secret);
    let sms = sms_sender(&settings, &db.pool)?;
    let storage = storage(&settings, data_dir)?;
    tracing::info!(storage = storage.describe(), "file storage");
    let mut state = state(db.pool.clone(), config, &secret, sms, storage);
    if let Some(g) = card_gateway(&settings, &state)? {
        state.gateway = g;
    }
    tracing::info!(gateway = state.gateway.name(), "card gateway");
    if let Some(c) = &settings.oto {
        // Quotes are asked during checkout: a slow carrier must not hold it long.
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(8))
            .build()
            .context("building the HTTP client")?;
        state.carrier = Some(Arc::new(providers::shipping::Oto::new(c.clone(), client)));
    }
    tracing::info!(
        carrier = state.carrier.as_ref().map_or("local", |c| c.name()),
        "shipping carrier"
    );
    notification_senders(&settings, &mut state)?;
    // The first request already meets the saved settings (maintenance above all).
    state
        .settings
        .reload(&state.db)
        .await
        .context("loading the system settings")?;
    let settings_listener = app::settings::spawn_listener(state.settings.clone(), state.db.clone());
    let sweeper = app::orders::service::spawn_sweeper(state.clone());
    let worker = settings
        .worker
        .then(|| app::jobs::spawn_worker(state.clone()));
    if first_start {
        app::seed::demo_services(&state).await?;
        app::content::seed::demo_banners(&state).await?;
    }
    let http = crate::HttpSettings {
        request_timeout: settings.request_timeout,
        body_limit_bytes: settings.body_limit_bytes,
        cors_origins: settings.cors_origins.clone(),
    };
    let socket = match &settings.redis_url {
        Some(url) => crate::server::redis_socket_layer(&state, url)
            .await
            .context("connecting the Socket.IO gateway to Redis (REDIS_URL)")?,
        None => crate::server::local_socket_layer(&state),
    };
    let service = tower::Layer::layer(
        &tower::util::MapRequestLayer::new(crate::route_by_host),
        crate::server::router_with_socket(state, &http, socket),
    );
    print_banner(&public_url, embedded, demo, data_dir);
    let result =
        crate::listen::serve(listener, service, settings.connections, shutdown_signal()).await;
    sweeper.abort();
    settings_listener.abort();
    if let Some(w) = worker {
        w.abort();
    }
    tracing::info!("HTTP server stopped; closing the database");
    db.close().await?;
    result.context("serving HTTP")
}

/// `qitaa worker`: only the job worker (no HTTP), until Ctrl-C or SIGTERM.
/// Any number of workers and nodes may share one database.
pub async fn work(data_dir: &Path) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    crate::telemetry::init_logging(settings.log_json);
    let db = Database::open(&settings, data_dir).await?;
    let embedded = db.embedded.is_some();
    let demo = settings.demo_mode.unwrap_or(embedded);
    let secret = jwt_secret(&settings, data_dir, embedded)?;
    let public_url = settings
        .public_url
        .clone()
        .unwrap_or_else(|| AppConfig::default().public_url);
    let config = app_config(&settings, public_url, demo, &secret);
    let sms = sms_sender(&settings, &db.pool)?;
    let storage = storage(&settings, data_dir)?;
    let mut state = state(db.pool.clone(), config, &secret, sms, storage);
    notification_senders(&settings, &mut state)?;
    let settings_listener = app::settings::spawn_listener(state.settings.clone(), state.db.clone());
    let worker = app::jobs::spawn_worker(state);
    println!("Qitaa job worker running. Press Ctrl-C to stop.");
    shutdown_signal().await;
    worker.abort();
    settings_listener.abort();
    db.close().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

fn print_banner(url: &str, embedded: bool, demo: bool, data_dir: &Path) {
    let mut out = String::new();
    out.push_str(&format!("\nQitaa is running at {url}\n"));
    out.push_str(&format!("  API docs:        {url}/docs\n"));
    out.push_str(&format!("  Admin dashboard: {url}/admin\n"));
    if embedded {
        out.push_str(&format!(
            "  Database:        embedded PostgreSQL under {}\n",
            data_dir.display()
        ));
    }
    if demo {
        out.push_str(&format!(
            "\nDemo sign-ins (code {} for each):\n",
            app::config::DEMO_CODE
        ));
        for u in &app::seed::DEMO_USERS {
            out.push_str(&format!("  {}  {}\n", u.phone, u.what));
        }
    }
    out.push_str("\nPress Ctrl-C to stop.\n");
    println!("{out}");
}
