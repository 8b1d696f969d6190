use std::time::Duration;

use kernel::phone::Phone;

/// Rules of the product that operators may tune; read once at start.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Base URL users reach the product at, for links in messages.
    pub public_url: String,
    /// Demo mode: the demo phones sign in with a fixed code. Never on in production.
    pub demo_mode: bool,
    pub otp: OtpConfig,
    pub tokens: TokenConfig,
    /// The proxies whose `X-Forwarded-For` entries are believed
    /// (`TRUSTED_PROXIES`); empty: the peer address is the client.
    pub trusted_proxies: Vec<kernel::net::Cidr>,
    pub deletion_grace: Duration,
    /// Mark cookies `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Largest uploaded file accepted (`MAX_UPLOAD_BYTES`); larger is 413.
    pub max_upload_bytes: usize,
    /// Largest merchant catalog CSV accepted (`MAX_IMPORT_BYTES`); streamed.
    pub max_import_bytes: usize,
    pub media: MediaConfig,
    pub payments: PaymentsConfig,
    /// The durable job queue's workers.
    pub jobs: JobsConfig,
    pub notifications: NotificationsConfig,
    /// Tashlih (on-demand repair by representatives).
    pub reps: RepsConfig,
    /// Delivery of store orders by a carrier.
    pub shipping: ShippingConfig,
    /// Rewards for inviting new customers.
    pub referral: ReferralConfig,
    /// Registration requests of suppliers and representatives.
    pub registrations: RegistrationsConfig,
    /// A raster tile server for the maps (`MAP_TILE_URL`, `https://…/{z}/{x}/{y}.png`);
    /// empty: the maps draw an offline grid and fetch nothing.
    pub map_tiles: String,
}

/// Shipping rules operators tune.
#[derive(Debug, Clone, Default)]
pub struct ShippingConfig {
    /// The platform's commission on a carrier's delivery price, basis points
    /// (`SHIPPING_COMMISSION_BP`, default 0): added to the fee the customer pays.
    pub commission_bp: i32,
    /// OTO's webhook keys (`OTO_WEBHOOK_AUTHORIZATION_KEY`, `OTO_WEBHOOK_SECRET`);
    /// none: the webhook refuses every call.
    pub oto_webhook: Option<providers::shipping::WebhookKeys>,
    /// The contact e-mail of pickup locations whose store owner has none
    /// (`SHIPPING_CONTACT_EMAIL`); OTO requires one.
    pub contact_email: String,
}

/// Referral rewards (`crate::referrals`), booked as a platform expense when
/// the referee's first order is delivered.
#[derive(Debug, Clone)]
pub struct ReferralConfig {
    /// `REFERRAL_ENABLED` (default on); off: codes cannot be applied and
    /// deliveries reward nothing (pending referrals wait).
    pub enabled: bool,
    /// What the referrer's wallet receives, halalas (`REFERRAL_REFERRER_REWARD_HALALAS`).
    pub referrer_reward: i64,
    /// What the referee's wallet receives, halalas (`REFERRAL_REFEREE_REWARD_HALALAS`).
    pub referee_reward: i64,
    /// Rewards one referrer may earn per calendar month in Saudi time
    /// (`REFERRAL_MONTHLY_CAP`); past it the referee is still rewarded.
    pub monthly_cap: i64,
}

impl Default for ReferralConfig {
    fn default() -> Self {
        ReferralConfig {
            enabled: true,
            referrer_reward: 1_000,
            referee_reward: 1_000,
            monthly_cap: 10,
        }
    }
}

/// Registration requests from the landing site (`crate::registrations`).
#[derive(Debug, Clone)]
pub struct RegistrationsConfig {
    /// How long an e-mailed confirmation link works
    /// (`REGISTRATION_CONFIRM_TTL_MINUTES`, default 1440).
    pub confirm_ttl: Duration,
    /// How long the resume link of a rejected request works.
    pub resume_ttl: Duration,
    /// Drafts, submissions and uploads one client address may make per hour
    /// (`REGISTRATIONS_PER_IP_PER_HOUR`, default 30); more is 429.
    pub per_ip_per_hour: i64,
}

impl Default for RegistrationsConfig {
    fn default() -> Self {
        RegistrationsConfig {
            confirm_ttl: Duration::from_secs(1440 * 60),
            resume_ttl: Duration::from_secs(30 * 24 * 3600),
            per_ip_per_hour: 30,
        }
    }
}

/// Tashlih rules operators tune.
#[derive(Debug, Clone)]
pub struct RepsConfig {
    /// How far a repair request reaches online reps (`REP_RADIUS_KM`).
    pub radius_km: i32,
    /// The least time between two positions of a rep (`REP_POSITION_INTERVAL_MS`);
    /// sooner ones are dropped and counted.
    pub position_interval: Duration,
    /// How long a job's track is kept (`REP_TRACK_RETENTION_DAYS`).
    pub track_retention: Duration,
    /// The platform's commission on rep jobs, basis points (`REP_COMMISSION_BP`).
    pub commission_bp: i32,
    /// How long a repair request waits for offers.
    pub request_ttl: Duration,
}

impl Default for RepsConfig {
    fn default() -> Self {
        RepsConfig {
            radius_km: 30,
            position_interval: Duration::from_secs(3),
            track_retention: Duration::from_secs(30 * 24 * 3600),
            commission_bp: 1500,
            request_ttl: Duration::from_secs(2 * 3600),
        }
    }
}

/// Uploads (`crate::media`).
#[derive(Debug, Clone)]
pub struct MediaConfig {
    /// Images decoded at once on this node (`IMAGE_DECODE_CONCURRENCY`). Each may take a few
    /// hundred MB while it is decoded and scaled, and the work is all CPU: one per core.
    pub decode_concurrency: usize,
    /// Uploads one user may make per hour (`UPLOADS_PER_USER_PER_HOUR`); more is 429.
    pub uploads_per_hour: i64,
}

impl MediaConfig {
    /// The number of cores this process may use.
    pub fn cores() -> usize {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

impl Default for MediaConfig {
    fn default() -> Self {
        MediaConfig {
            decode_concurrency: MediaConfig::cores(),
            uploads_per_hour: 60,
        }
    }
}

/// How workers take and retry jobs (`crate::jobs`).
#[derive(Debug, Clone)]
pub struct JobsConfig {
    /// How often an idle worker looks for due jobs (a commit that enqueues
    /// wakes it earlier).
    pub poll_every: Duration,
    /// How long a claimed job stays leased to its node; a running job renews
    /// its lease, a dead node's lease runs out and another node takes over.
    pub visibility: Duration,
    /// The first retry waits `backoff_base`, each next one twice as long (plus
    /// up to a quarter of jitter), never more than `backoff_cap`.
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// Tries of a job enqueued without its own limit before it is a dead letter
    /// (`JOBS_MAX_ATTEMPTS`).
    pub max_attempts: i32,
    /// Jobs one worker runs at once (`JOBS_CONCURRENCY`).
    pub concurrency: usize,
    /// How long finished jobs are kept.
    pub keep_done: Duration,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            poll_every: Duration::from_secs(1),
            visibility: Duration::from_secs(60),
            backoff_base: Duration::from_secs(5),
            backoff_cap: Duration::from_secs(3600),
            max_attempts: 5,
            concurrency: 8,
            keep_done: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

/// Notifications (`crate::notifications`).
#[derive(Debug, Clone)]
pub struct NotificationsConfig {
    /// Recipients per `broadcast.batch` job.
    pub broadcast_batch: i64,
    /// The VAPID public key PWAs subscribe with, when web push is configured.
    pub vapid_public_key: Option<String>,
    /// Which Web Push endpoints a subscription may name (`WEBPUSH_ALLOWED_HOSTS`,
    /// `WEBPUSH_ALLOW_PRIVATE_HOSTS`); the sender is built with the same policy.
    pub webpush_endpoints: providers::webpush::EndpointPolicy,
}

impl Default for NotificationsConfig {
    fn default() -> Self {
        NotificationsConfig {
            broadcast_batch: 500,
            vapid_public_key: None,
            webpush_endpoints: providers::webpush::EndpointPolicy::default(),
        }
    }
}

/// Money rules operators tune.
#[derive(Debug, Clone)]
pub struct PaymentsConfig {
    /// Delivery fee per store order, in halalas, before VAT (`DELIVERY_FEE_HALALAS`).
    pub delivery_fee: i64,
    /// How long an unpaid card order holds its stock (`CARD_PAYMENT_TIMEOUT_SECS`).
    pub card_timeout: Duration,
    /// How often each node looks for unpaid orders past that window.
    pub sweep_every: Duration,
    /// The header the card gateway's webhook carries, and its value
    /// (`PAYMENT_WEBHOOK_HEADER`, `PAYMENT_WEBHOOK_SECRET`).
    pub webhook_header: String,
    pub webhook_secret: String,
    /// The most one wallet top-up by card may add, and all of a customer's
    /// in 24 hours, halalas (`WALLET_TOPUP_MAX_HALALAS`, `WALLET_TOPUP_DAILY_MAX_HALALAS`).
    pub topup_max: i64,
    pub topup_daily_max: i64,
}

impl Default for PaymentsConfig {
    fn default() -> Self {
        PaymentsConfig {
            delivery_fee: 2_500,
            card_timeout: Duration::from_secs(30 * 60),
            sweep_every: Duration::from_secs(30),
            webhook_header: "x-qitaa-webhook-key".into(),
            webhook_secret: String::new(),
            topup_max: 500_000,
            topup_daily_max: 2_000_000,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OtpConfig {
    pub ttl: Duration,
    pub resend_after: Duration,
    pub max_attempts: i32,
    pub per_phone_per_hour: i64,
    pub per_ip_per_hour: i64,
}

#[derive(Debug, Clone)]
pub struct TokenConfig {
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    pub web_session_ttl: Duration,
}

/// The phones of the demo data and their fixed code; honoured only in demo mode.
pub const DEMO_CODE: &str = "123456";
pub const DEMO_PHONES: [&str; 6] = [
    "+966500000000",
    "+966500000001",
    "+966500000002",
    "+966500000003",
    "+966500000004",
    "+966500000005",
];

impl AppConfig {
    pub fn is_demo_phone(&self, phone: &Phone) -> bool {
        self.demo_mode && DEMO_PHONES.contains(&phone.as_str())
    }
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            public_url: "http://127.0.0.1:8080".into(),
            demo_mode: false,
            otp: OtpConfig {
                ttl: Duration::from_secs(300),
                resend_after: Duration::from_secs(60),
                max_attempts: 5,
                per_phone_per_hour: 5,
                per_ip_per_hour: 30,
            },
            tokens: TokenConfig {
                access_ttl: Duration::from_secs(15 * 60),
                refresh_ttl: Duration::from_secs(7 * 24 * 3600),
                web_session_ttl: Duration::from_secs(12 * 3600),
            },
            trusted_proxies: Vec::new(),
            deletion_grace: Duration::from_secs(30 * 24 * 3600),
            secure_cookies: false,
            max_upload_bytes: 10 * 1024 * 1024,
            max_import_bytes: 64 * 1024 * 1024,
            media: MediaConfig::default(),
            payments: PaymentsConfig::default(),
            jobs: JobsConfig::default(),
            notifications: NotificationsConfig::default(),
            reps: RepsConfig::default(),
            shipping: ShippingConfig::default(),
            referral: ReferralConfig::default(),
            registrations: RegistrationsConfig::default(),
            map_tiles: String::new(),
        }
    }
}
