//! Configuration from the environment. Every variable, its default and its
//! meaning are listed in `.env.example` and the README.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use providers::storage::S3Config;

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: Option<String>,
    pub database_max_connections: u32,
    pub redis_url: Option<String>,
    pub jwt_secret: Option<String>,
    pub public_url: Option<String>,
    /// `None`: on for the embedded default, off with `DATABASE_URL`.
    pub demo_mode: Option<bool>,
    pub log_json: bool,
    pub cors_origins: Vec<String>,
    pub request_timeout: Duration,
    pub body_limit_bytes: usize,
    /// `TRUSTED_PROXIES` (addresses or ranges, comma-separated); the older
    /// `TRUST_PROXY=true` alone means a proxy on this machine (loopback).
    pub trusted_proxies: Vec<kernel::net::Cidr>,
    pub sms: SmsSettings,
    pub otp_per_phone_per_hour: i64,
    pub otp_per_ip_per_hour: i64,
    pub storage: StorageSettings,
    pub max_upload_bytes: usize,
    pub max_import_bytes: usize,
    /// `MAP_TILE_URL`: empty, or an https URL with {z}, {x} and {y}.
    pub map_tiles: String,
    /// `REP_RADIUS_KM`, `REP_POSITION_INTERVAL_MS`, `REP_TRACK_RETENTION_DAYS`, `REP_COMMISSION_BP`.
    pub reps: app::config::RepsConfig,
    /// `SHIPPING_COMMISSION_BP`, `OTO_WEBHOOK_AUTHORIZATION_KEY`, `OTO_WEBHOOK_SECRET`.
    pub shipping: app::config::ShippingConfig,
    /// `SHIPPING_PROVIDER=oto` with `OTO_REFRESH_TOKEN` (and `OTO_BASE_URL`); unset: the
    /// local courier's rate table.
    pub oto: Option<providers::shipping::OtoConfig>,
    /// `REFERRAL_ENABLED`, `REFERRAL_REFERRER_REWARD_HALALAS`,
    /// `REFERRAL_REFEREE_REWARD_HALALAS`, `REFERRAL_MONTHLY_CAP`.
    pub referral: app::config::ReferralConfig,
    /// `REGISTRATION_CONFIRM_TTL_MINUTES`, `REGISTRATIONS_PER_IP_PER_HOUR`.
    pub registrations: app::config::RegistrationsConfig,
    /// `IMAGE_DECODE_CONCURRENCY` (default: the number of cores).
    pub image_decode_concurrency: usize,
    /// `UPLOADS_PER_USER_PER_HOUR` (default 60).
    pub uploads_per_user_per_hour: i64,
    /// `None` (`PAYMENT_GATEWAY` unset): the sandbox in demo mode, no card
    /// payments otherwise.
    pub gateway: Option<GatewaySettings>,
    /// `None`: derived from the JWT secret (fine for the built-in sandbox).
    pub webhook_secret: Option<String>,
    pub webhook_header: String,
    pub delivery_fee_halalas: i64,
    /// `WALLET_TOPUP_MAX_HALALAS`, `WALLET_TOPUP_DAILY_MAX_HALALAS`.
    pub topup_max: i64,
    pub topup_daily_max: i64,
    pub card_payment_timeout: Duration,
    pub push: PushSettings,
    pub email: EmailSettings,
    /// Web Push to the PWAs, when `VAPID_PRIVATE_KEY` is set.
    pub vapid: Option<providers::webpush::VapidConfig>,
    /// Where Web Push may post: `WEBPUSH_ALLOWED_HOSTS` (default: the browsers' push
    /// services) and `WEBPUSH_ALLOW_PRIVATE_HOSTS` (default: none).
    pub webpush_endpoints: providers::webpush::EndpointPolicy,
    /// Whether `qitaa serve` runs a job worker (`WORKER`, default on).
    pub worker: bool,
    pub jobs_concurrency: usize,
    pub jobs_max_attempts: i32,
    /// Bounds of every connection (`HEADER_READ_TIMEOUT_SECS`,
    /// `IDLE_TIMEOUT_SECS`, `MAX_CONNECTIONS_PER_ADDRESS`).
    pub connections: crate::listen::ConnectionLimits,
    /// The digits of numbers on Arabic pages (`ARABIC_DIGITS`: `latin`, the
    /// default, or `arabic-indic`).
    pub arabic_digits: kernel::money::Digits,
}

#[derive(Debug, Clone)]
pub enum PushSettings {
    /// Log the notifications: the default, needs no account.
    Log,
    /// Firebase Cloud Messaging HTTP v1 with a service-account key file.
    Fcm { service_account_file: PathBuf },
}

#[derive(Debug, Clone)]
pub enum EmailSettings {
    /// Log the emails: the default, needs no account.
    Log,
    Smtp(providers::email::SmtpConfig),
}

#[derive(Debug, Clone)]
pub enum GatewaySettings {
    /// The built-in sandbox gateway with its own hosted page: the default in
    /// demo mode; outside it only when named, with a warning at start.
    Sandbox,
    NGenius(providers::payments::NGeniusConfig),
}

#[derive(Debug, Clone)]
pub enum SmsSettings {
    /// Log + `sms_outbox` table: the default, needs no account.
    Outbox,
    OurSms {
        base_url: String,
        token: String,
        sender: String,
    },
}

#[derive(Debug, Clone)]
pub enum StorageSettings {
    /// A directory on this node: the default, fine for one node.
    /// `None`: `<data-dir>/files`.
    Local { dir: Option<PathBuf> },
    /// An S3-compatible bucket (Cloudflare R2, MinIO, AWS S3), shared by every node.
    S3(S3Config),
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|e| anyhow::anyhow!("{name}={v:?} is not valid: {e}")),
    }
}

fn flag(name: &str) -> anyhow::Result<Option<bool>> {
    match var(name).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(None),
        Some("1" | "true" | "yes" | "on") => Ok(Some(true)),
        Some("0" | "false" | "no" | "off") => Ok(Some(false)),
        Some(other) => bail!("{name}={other:?} must be true or false"),
    }
}

/// A comma-separated list, or `default` when the variable is unset.
fn list(name: &str, default: &[&str]) -> Vec<String> {
    match var(name) {
        Some(v) => v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        None => default.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn trusted_proxies() -> anyhow::Result<Vec<kernel::net::Cidr>> {
    match var("TRUSTED_PROXIES") {
        Some(list) => list
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                s.parse()
                    .map_err(|e| anyhow::anyhow!("TRUSTED_PROXIES: {e}"))
            })
            .collect(),
        None if flag("TRUST_PROXY")?.unwrap_or(false) => Ok(vec![
            "127.0.0.0/8".parse().map_err(anyhow::Error::msg)?,
            "::1".parse().map_err(anyhow::Error::msg)?,
        ]),
        None => Ok(Vec::new()),
    }
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Settings> {
        let sms = match var("SMS_PROVIDER").as_deref().unwrap_or("outbox") {
            "outbox" | "console" => SmsSettings::Outbox,
            "oursms" => SmsSettings::OurSms {
                base_url: var("OURSMS_BASE_URL").unwrap_or_else(|| "https://api.oursms.com".into()),
                token: var("OURSMS_TOKEN").context("SMS_PROVIDER=oursms needs OURSMS_TOKEN")?,
                sender: var("OURSMS_SENDER").context("SMS_PROVIDER=oursms needs OURSMS_SENDER")?,
            },
            other => bail!("SMS_PROVIDER={other:?}: use outbox or oursms"),
        };
        let storage = match var("STORAGE_BACKEND").as_deref().unwrap_or("local") {
            "local" => StorageSettings::Local {
                dir: var("STORAGE_DIR").map(PathBuf::from),
            },
            "s3" => StorageSettings::S3(S3Config {
                endpoint: var("S3_ENDPOINT").context("STORAGE_BACKEND=s3 needs S3_ENDPOINT")?,
                bucket: var("S3_BUCKET").context("STORAGE_BACKEND=s3 needs S3_BUCKET")?,
                region: var("S3_REGION").unwrap_or_else(|| "auto".into()),
                access_key_id: var("S3_ACCESS_KEY_ID")
                    .context("STORAGE_BACKEND=s3 needs S3_ACCESS_KEY_ID")?,
                secret_access_key: var("S3_SECRET_ACCESS_KEY")
                    .context("STORAGE_BACKEND=s3 needs S3_SECRET_ACCESS_KEY")?,
            }),
            other => bail!("STORAGE_BACKEND={other:?}: use local or s3"),
        };
        let gateway = match var("PAYMENT_GATEWAY").as_deref() {
            None => None,
            Some("sandbox") => Some(GatewaySettings::Sandbox),
            Some("ngenius") => {
                let mut c = providers::payments::NGeniusConfig::new(
                    var("NGENIUS_BASE_URL").unwrap_or_else(|| {
                        providers::payments::NGeniusConfig::KSA_SANDBOX_URL.into()
                    }),
                    var("NGENIUS_API_KEY")
                        .context("PAYMENT_GATEWAY=ngenius needs NGENIUS_API_KEY")?,
                    var("NGENIUS_OUTLET_REF")
                        .context("PAYMENT_GATEWAY=ngenius needs NGENIUS_OUTLET_REF")?,
                );
                if let Some(action) = var("NGENIUS_ACTION") {
                    c.action = action;
                }
                if var("PAYMENT_WEBHOOK_SECRET").is_none() {
                    bail!(
                        "PAYMENT_GATEWAY=ngenius needs PAYMENT_WEBHOOK_SECRET (the header value set in the N-Genius portal)"
                    );
                }
                Some(GatewaySettings::NGenius(c))
            }
            Some(other) => bail!("PAYMENT_GATEWAY={other:?}: use sandbox or ngenius"),
        };
        let push = match var("PUSH_PROVIDER").as_deref().unwrap_or("log") {
            "log" => PushSettings::Log,
            "fcm" => PushSettings::Fcm {
                service_account_file: var("FCM_SERVICE_ACCOUNT_FILE")
                    .map(PathBuf::from)
                    .context("PUSH_PROVIDER=fcm needs FCM_SERVICE_ACCOUNT_FILE")?,
            },
            other => bail!("PUSH_PROVIDER={other:?}: use log or fcm"),
        };
        let email = match var("EMAIL_PROVIDER").as_deref().unwrap_or("log") {
            "log" => EmailSettings::Log,
            "smtp" => {
                use providers::email::{SmtpConfig, Tls};
                let tls = match var("SMTP_TLS").as_deref().unwrap_or("starttls") {
                    "starttls" => Tls::StartTls,
                    "implicit" | "tls" => Tls::Implicit,
                    "none" => Tls::None,
                    other => bail!("SMTP_TLS={other:?}: use starttls, implicit or none"),
                };
                let default_port = match tls {
                    Tls::StartTls => SmtpConfig::SUBMISSION_PORT,
                    Tls::Implicit => SmtpConfig::SUBMISSIONS_PORT,
                    Tls::None => 25,
                };
                let mut c = SmtpConfig::new(
                    var("SMTP_HOST").context("EMAIL_PROVIDER=smtp needs SMTP_HOST")?,
                    var("SMTP_FROM").context("EMAIL_PROVIDER=smtp needs SMTP_FROM")?,
                );
                c.port = parsed("SMTP_PORT", default_port)?;
                c.username = var("SMTP_USERNAME");
                c.password = var("SMTP_PASSWORD");
                c.tls = tls;
                EmailSettings::Smtp(c)
            }
            other => bail!("EMAIL_PROVIDER={other:?}: use log or smtp"),
        };
        let vapid = match var("VAPID_PRIVATE_KEY") {
            None => None,
            Some(key) => Some(providers::webpush::VapidConfig {
                private_key_b64url: key,
                subject: var("VAPID_SUBJECT").context(
                    "VAPID_PRIVATE_KEY needs VAPID_SUBJECT (mailto:ops@example.com or an https URL)",
                )?,
            }),
        };
        let jobs_concurrency: usize = parsed("JOBS_CONCURRENCY", 8)?;
        let jobs_max_attempts: i32 = parsed("JOBS_MAX_ATTEMPTS", 5)?;
        if jobs_concurrency == 0 || jobs_max_attempts < 1 {
            bail!("JOBS_CONCURRENCY and JOBS_MAX_ATTEMPTS must be at least 1");
        }
        let max_upload_bytes: usize = parsed("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)?;
        let max_import_bytes: usize = parsed("MAX_IMPORT_BYTES", 64 * 1024 * 1024)?;
        if max_upload_bytes == 0 {
            bail!("MAX_UPLOAD_BYTES must be above 0");
        }
        let map_tiles = var("MAP_TILE_URL").unwrap_or_default().trim().to_owned();
        let tiles_ok = map_tiles.starts_with("https://")
            && ["{z}", "{x}", "{y}"].iter().all(|p| map_tiles.contains(p));
        if !map_tiles.is_empty() && !tiles_ok {
            bail!("MAP_TILE_URL must be an https URL with {{z}}, {{x}} and {{y}}");
        }
        let reps = app::config::RepsConfig {
            radius_km: parsed("REP_RADIUS_KM", 30)?,
            position_interval: Duration::from_millis(parsed("REP_POSITION_INTERVAL_MS", 3000)?),
            track_retention: Duration::from_secs(
                parsed::<u64>("REP_TRACK_RETENTION_DAYS", 30)? * 86_400,
            ),
            commission_bp: parsed("REP_COMMISSION_BP", 1500)?,
            ..app::config::RepsConfig::default()
        };
        if !(1..=200).contains(&reps.radius_km) || !(0..=10_000).contains(&reps.commission_bp) {
            bail!("REP_RADIUS_KM must be 1 to 200 and REP_COMMISSION_BP 0 to 10000");
        }
        let shipping = app::config::ShippingConfig {
            commission_bp: parsed("SHIPPING_COMMISSION_BP", 0)?,
            contact_email: var("SHIPPING_CONTACT_EMAIL").unwrap_or_default(),
            oto_webhook: match (
                var("OTO_WEBHOOK_AUTHORIZATION_KEY"),
                var("OTO_WEBHOOK_SECRET"),
            ) {
                (Some(authorization_key), Some(secret_key)) => {
                    Some(providers::shipping::WebhookKeys {
                        authorization_key,
                        secret_key,
                    })
                }
                (None, None) => None,
                _ => bail!("OTO_WEBHOOK_AUTHORIZATION_KEY and OTO_WEBHOOK_SECRET go together"),
            },
        };
        if !(0..=10_000).contains(&shipping.commission_bp) {
            bail!("SHIPPING_COMMISSION_BP must be 0 to 10000");
        }
        let oto = match var("SHIPPING_PROVIDER").as_deref() {
            None | Some("local") => None,
            Some("oto") => {
                let mut c = providers::shipping::OtoConfig::new(
                    var("OTO_REFRESH_TOKEN")
                        .context("SHIPPING_PROVIDER=oto needs OTO_REFRESH_TOKEN")?,
                );
                if let Some(base) = var("OTO_BASE_URL") {
                    c.base_url = base;
                }
                Some(c)
            }
            Some(other) => bail!("SHIPPING_PROVIDER={other:?}: use local or oto"),
        };
        let referral = app::config::ReferralConfig {
            enabled: flag("REFERRAL_ENABLED")?.unwrap_or(true),
            referrer_reward: parsed("REFERRAL_REFERRER_REWARD_HALALAS", 1_000)?,
            referee_reward: parsed("REFERRAL_REFEREE_REWARD_HALALAS", 1_000)?,
            monthly_cap: parsed("REFERRAL_MONTHLY_CAP", 10)?,
        };
        let reward_range = 0..=1_000_000;
        if !reward_range.contains(&referral.referrer_reward)
            || !reward_range.contains(&referral.referee_reward)
        {
            bail!(
                "REFERRAL_REFERRER_REWARD_HALALAS and REFERRAL_REFEREE_REWARD_HALALAS must be 0 to 1000000"
            );
        }
        if !(0..=10_000).contains(&referral.monthly_cap) {
            bail!("REFERRAL_MONTHLY_CAP must be 0 to 10000");
        }
        let registrations = app::config::RegistrationsConfig {
            confirm_ttl: Duration::from_secs(
                parsed::<u64>("REGISTRATION_CONFIRM_TTL_MINUTES", 1440)? * 60,
            ),
            per_ip_per_hour: parsed("REGISTRATIONS_PER_IP_PER_HOUR", 30)?,
            ..app::config::RegistrationsConfig::default()
        };
        if registrations.confirm_ttl.is_zero() || registrations.per_ip_per_hour < 1 {
            bail!(
                "REGISTRATION_CONFIRM_TTL_MINUTES and REGISTRATIONS_PER_IP_PER_HOUR must be at least 1"
            );
        }
        let image_decode_concurrency: usize = parsed(
            "IMAGE_DECODE_CONCURRENCY",
            app::config::MediaConfig::cores(),
        )?;
        let uploads_per_user_per_hour: i64 = parsed("UPLOADS_PER_USER_PER_HOUR", 60)?;
        if image_decode_concurrency == 0 || uploads_per_user_per_hour < 1 {
            bail!("IMAGE_DECODE_CONCURRENCY and UPLOADS_PER_USER_PER_HOUR must be at least 1");
        }
        let webpush_allowed = list(
            "WEBPUSH_ALLOWED_HOSTS",
            &providers::outbound::DEFAULT_PUSH_HOSTS,
        );
        if let Some(bad) = webpush_allowed
            .iter()
            .find(|h| h.trim_start_matches("*.").contains(['/', ':', '*', '@']))
        {
            bail!("WEBPUSH_ALLOWED_HOSTS: {bad:?} is not a host name or a *. pattern");
        }
        let webpush_endpoints = providers::webpush::EndpointPolicy::new(
            webpush_allowed,
            list("WEBPUSH_ALLOW_PRIVATE_HOSTS", &[]),
        );
        let arabic_digits = match var("ARABIC_DIGITS") {
            None => kernel::money::Digits::Latin,
            Some(v) => kernel::money::Digits::parse(&v)
                .with_context(|| format!("ARABIC_DIGITS={v:?}: use latin or arabic-indic"))?,
        };
        let d = crate::listen::ConnectionLimits::default();
        let connections = crate::listen::ConnectionLimits {
            header_read_timeout: Duration::from_secs(parsed(
                "HEADER_READ_TIMEOUT_SECS",
                d.header_read_timeout.as_secs(),
            )?),
            idle_timeout: Duration::from_secs(parsed(
                "IDLE_TIMEOUT_SECS",
                d.idle_timeout.as_secs(),
            )?),
            max_per_address: parsed("MAX_CONNECTIONS_PER_ADDRESS", d.max_per_address)?,
        };
        Ok(Settings {
            connections,
            arabic_digits,
            database_url: var("DATABASE_URL"),
            database_max_connections: parsed("DATABASE_MAX_CONNECTIONS", 20)?,
            redis_url: var("REDIS_URL"),
            jwt_secret: var("JWT_SECRET"),
            public_url: var("PUBLIC_URL"),
            demo_mode: flag("QITAA_DEMO")?,
            log_json: var("LOG_FORMAT").is_some_and(|v| v.eq_ignore_ascii_case("json")),
            cors_origins: var("CORS_ALLOWED_ORIGINS")
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            request_timeout: Duration::from_secs(parsed("REQUEST_TIMEOUT_SECS", 30)?),
            body_limit_bytes: parsed("BODY_LIMIT_BYTES", 2 * 1024 * 1024)?,
            trusted_proxies: trusted_proxies()?,
            sms,
            otp_per_phone_per_hour: parsed("OTP_PER_PHONE_PER_HOUR", 5)?,
            otp_per_ip_per_hour: parsed("OTP_PER_IP_PER_HOUR", 30)?,
            storage,
            max_upload_bytes,
            max_import_bytes,
            reps,
            shipping,
            registrations,
            oto,
            referral,
            map_tiles,
            image_decode_concurrency,
            uploads_per_user_per_hour,
            gateway,
            webhook_secret: var("PAYMENT_WEBHOOK_SECRET"),
            webhook_header: var("PAYMENT_WEBHOOK_HEADER")
                .unwrap_or_else(|| "x-qitaa-webhook-key".into())
                .to_ascii_lowercase(),
            delivery_fee_halalas: parsed("DELIVERY_FEE_HALALAS", 2_500)?,
            topup_max: parsed("WALLET_TOPUP_MAX_HALALAS", 500_000)?,
            topup_daily_max: parsed("WALLET_TOPUP_DAILY_MAX_HALALAS", 2_000_000)?,
            card_payment_timeout: Duration::from_secs(parsed("CARD_PAYMENT_TIMEOUT_SECS", 1_800)?),
            push,
            email,
            vapid,
            webpush_endpoints,
            worker: flag("WORKER")?.unwrap_or(true),
            jobs_concurrency,
            jobs_max_attempts,
        })
    }
}
