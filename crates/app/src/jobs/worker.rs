//! The worker: claims due jobs, runs each with its handler while renewing its
//! lease, and records the outcome (done, queued again after a backoff, or a
//! dead letter).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use sqlx::postgres::PgListener;
use tokio::sync::{Notify, Semaphore};

use kernel::ApiError;

use super::model::Claimed;
use super::repo;
use crate::AppState;
use crate::config::JobsConfig;

/// Every kind of job and so every handler: one match, in [`dispatch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One notification to one user on one external channel.
    NotifyDeliver,
    /// One page of a broadcast's recipients.
    BroadcastBatch,
    /// A store request reaching its expiry.
    RequestExpire,
    /// A store-request offer reaching its expiry.
    OfferExpire,
    /// An external-part order e-mailed to its merchant.
    MerchantEmail,
    /// A confirmed booking's reminder to its customer.
    BookingRemind,
    /// An order marked ready, created at the carrier (OTO).
    ShipmentCreate,
    /// An e-mail or SMS to a registration's applicant (confirm, rejected, approved).
    RegistrationMessage,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::NotifyDeliver,
        Kind::BroadcastBatch,
        Kind::RequestExpire,
        Kind::OfferExpire,
        Kind::MerchantEmail,
        Kind::BookingRemind,
        Kind::ShipmentCreate,
        Kind::RegistrationMessage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NotifyDeliver => "notify.deliver",
            Kind::BroadcastBatch => "broadcast.batch",
            Kind::RequestExpire => "request.expire",
            Kind::OfferExpire => "offer.expire",
            Kind::MerchantEmail => "merchant.email",
            Kind::BookingRemind => "booking.remind",
            Kind::ShipmentCreate => "shipment.create",
            Kind::RegistrationMessage => "registration.message",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

async fn dispatch(state: &AppState, job: &Claimed) -> Result<(), JobError> {
    match Kind::parse(&job.kind) {
        Some(Kind::NotifyDeliver) => crate::notifications::deliver::run(state, job).await,
        Some(Kind::BroadcastBatch) => crate::notifications::broadcast::run_batch(state, job).await,
        Some(Kind::RequestExpire) => crate::requests::expire_request(state, job).await,
        Some(Kind::OfferExpire) => crate::requests::expire_offer(state, job).await,
        Some(Kind::MerchantEmail) => crate::external::service::email_merchant(state, job).await,
        Some(Kind::BookingRemind) => crate::bookings::remind(state, job).await,
        Some(Kind::ShipmentCreate) => crate::shipping::create_job(state, job).await,
        Some(Kind::RegistrationMessage) => crate::registrations::send_message(state, job).await,
        None => Err(JobError::fatal(format!(
            "no handler for job kind {:?}",
            job.kind
        ))),
    }
}

/// When a failed job may be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// After the exponential backoff.
    Backoff,
    /// After the backoff, but not before this (a provider's `Retry-After`).
    NotBefore(Duration),
    /// Never: trying again cannot help; the job is a dead letter at once.
    Never,
}

/// Why a job failed, and whether to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobError {
    pub message: String,
    pub retry: Retry,
}

impl JobError {
    pub fn retry(message: impl Into<String>) -> JobError {
        JobError {
            message: message.into(),
            retry: Retry::Backoff,
        }
    }

    pub fn retry_after(message: impl Into<String>, after: Option<Duration>) -> JobError {
        JobError {
            message: message.into(),
            retry: after.map_or(Retry::Backoff, Retry::NotBefore),
        }
    }

    pub fn fatal(message: impl Into<String>) -> JobError {
        JobError {
            message: message.into(),
            retry: Retry::Never,
        }
    }
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Database trouble passes: try again.
impl From<sqlx::Error> for JobError {
    fn from(e: sqlx::Error) -> Self {
        JobError::retry(format!("database: {e}"))
    }
}

impl From<ApiError> for JobError {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Internal(e) => JobError::retry(format!("{e:#}")),
            other => JobError::fatal(format!("{other}")),
        }
    }
}

/// The wait before the next try after `attempts` tries:
/// `base × 2^(attempts − 1)`, at most `cap`, plus up to a quarter of random
/// jitter (so retries of many jobs that failed together spread out).
pub fn backoff(cfg: &JobsConfig, attempts: i32) -> Duration {
    let exp = attempts.saturating_sub(1).clamp(0, 30) as u32;
    let delay = cfg
        .backoff_base
        .saturating_mul(2u32.saturating_pow(exp))
        .min(cfg.backoff_cap);
    let quarter = u64::try_from(delay.as_millis() / 4).unwrap_or(u64::MAX);
    let jitter = if quarter == 0 {
        0
    } else {
        rand::random_range(0..=quarter)
    };
    delay + Duration::from_millis(jitter)
}

/// A name for this worker's claims: host, process and a random suffix (two
/// workers in one process are two nodes).
pub fn node_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| "node".into());
    let suffix: u32 = rand::random_range(0..0x10000);
    format!("{host}/{}/{suffix:04x}", std::process::id())
}

/// Runs one claimed job to its outcome: the handler (a panic counts as a
/// failure) while the lease is renewed every third of the visibility timeout,
/// then done, queued again after the backoff, or dead.
async fn run_job(state: &AppState, node: &str, job: Claimed) {
    let cfg = &state.config.jobs;
    let started = Instant::now();
    let work = AssertUnwindSafe(dispatch(state, &job)).catch_unwind();
    let heartbeat = async {
        let every = (cfg.visibility / 3).max(Duration::from_millis(10));
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            match repo::extend(&state.db, job.id, job.attempts, node, cfg.visibility).await {
                Ok(true) => {}
                Ok(false) => {
                    tracing::warn!(job = %job.id, "job lease lost to another node");
                }
                Err(e) => tracing::warn!(job = %job.id, error = %e, "renewing a job lease failed"),
            }
        }
    };
    let result = tokio::select! {
        r = work => r.unwrap_or_else(|_| Err(JobError::retry("the handler panicked"))),
        () = heartbeat => unreachable!("the heartbeat never ends"),
    };
    let (outcome, stored) = match &result {
        Ok(()) => (
            "done",
            repo::complete(&state.db, job.id, job.attempts, node).await,
        ),
        Err(e) if e.retry == Retry::Never || job.attempts >= job.max_attempts => (
            "dead",
            repo::bury(&state.db, job.id, job.attempts, node, &e.message).await,
        ),
        Err(e) => {
            let mut delay = backoff(cfg, job.attempts);
            if let Retry::NotBefore(after) = e.retry {
                delay = delay.max(after);
            }
            (
                "retry",
                repo::reschedule(&state.db, job.id, job.attempts, node, delay, &e.message).await,
            )
        }
    };
    let ms = started.elapsed().as_millis();
    match (&result, stored) {
        (_, Ok(false)) => tracing::warn!(
            job = %job.id, kind = %job.kind, outcome,
            "job finished after its lease was taken over; outcome dropped"
        ),
        (_, Err(e)) => tracing::warn!(
            job = %job.id, kind = %job.kind, outcome, error = %e,
            "recording a job's outcome failed; its lease will expire and it runs again"
        ),
        (Ok(()), Ok(true)) => tracing::debug!(job = %job.id, kind = %job.kind, ms, "job done"),
        (Err(e), Ok(true)) => tracing::warn!(
            job = %job.id, kind = %job.kind, attempt = job.attempts, outcome, ms,
            error = %e.message, "job failed"
        ),
    }
    metrics::counter!("jobs_finished_total", "kind" => job.kind.clone(), "outcome" => outcome)
        .increment(1);
}

/// Housekeeping: dead-letters jobs whose lease expired after their last
/// attempt, forgets old finished jobs.
async fn tidy(state: &AppState) {
    let cfg = &state.config.jobs;
    match repo::bury_expired(&state.db, cfg.max_attempts).await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(
            jobs = n,
            "jobs dead after their node died on the last attempt"
        ),
        Err(e) => tracing::warn!(error = %e, "dead-lettering expired jobs failed"),
    }
    if let Err(e) = repo::delete_done(&state.db, cfg.keep_done).await {
        tracing::warn!(error = %e, "deleting finished jobs failed");
    }
}

/// Claims what is due now (up to the configured concurrency) as `node`, runs
/// it all concurrently and returns how many jobs ran. For tests and tools;
/// nodes run [`spawn_worker`].
pub async fn run_once(state: &AppState, node: &str) -> sqlx::Result<usize> {
    let cfg = &state.config.jobs;
    repo::bury_expired(&state.db, cfg.max_attempts).await?;
    let limit = i64::try_from(cfg.concurrency.max(1)).unwrap_or(1);
    let jobs = repo::claim(&state.db, node, limit, cfg.visibility, cfg.max_attempts).await?;
    let n = jobs.len();
    futures_util::future::join_all(jobs.into_iter().map(|job| run_job(state, node, job))).await;
    Ok(n)
}

/// Waits for a commit that enqueued a job; pends forever without a listener
/// (polling still works).
async fn heard(listener: &mut Option<PgListener>, poll: Duration) {
    match listener {
        Some(l) => {
            if let Err(e) = l.recv().await {
                tracing::debug!(error = %e, "job listener interrupted; it reconnects");
                tokio::time::sleep(poll).await;
            }
        }
        None => std::future::pending().await,
    }
}

/// The worker of this node: polls every `poll_every` (a commit that enqueues
/// wakes it at once, through `LISTEN`), claims as many due jobs as it has
/// free slots (`concurrency`) and runs each in its own task.
pub fn spawn_worker(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let node = Arc::new(node_name());
        let cfg = state.config.jobs.clone();
        let slots = Arc::new(Semaphore::new(cfg.concurrency.max(1)));
        let finished = Arc::new(Notify::new());
        let mut listener = match PgListener::connect_with(&state.db).await {
            Ok(mut l) => match l.listen(repo::CHANNEL).await {
                Ok(()) => Some(l),
                Err(e) => {
                    tracing::warn!(error = %e, "LISTEN failed; the job worker only polls");
                    None
                }
            },
            Err(e) => {
                tracing::warn!(error = %e, "no listener connection; the job worker only polls");
                None
            }
        };
        tracing::info!(node = %node, concurrency = cfg.concurrency, "job worker started");
        let tidy_every = cfg
            .visibility
            .clamp(Duration::from_secs(1), Duration::from_secs(60));
        let mut tidied = Instant::now();
        tidy(&state).await;
        loop {
            if tidied.elapsed() >= tidy_every {
                tidy(&state).await;
                tidied = Instant::now();
            }
            let free = slots.available_permits();
            let mut full = false;
            if free > 0 {
                let limit = i64::try_from(free).unwrap_or(1);
                match repo::claim(&state.db, &node, limit, cfg.visibility, cfg.max_attempts).await {
                    Ok(jobs) => {
                        full = jobs.len() == free;
                        for job in jobs {
                            let Ok(permit) = slots.clone().acquire_owned().await else {
                                return;
                            };
                            let (state, node, finished) =
                                (state.clone(), node.clone(), finished.clone());
                            tokio::spawn(async move {
                                run_job(&state, &node, job).await;
                                drop(permit);
                                finished.notify_one();
                            });
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "claiming jobs failed"),
                }
            }
            if full {
                // More may be due: claim again as soon as a slot frees.
                finished.notified().await;
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(cfg.poll_every) => {}
                () = finished.notified(), if free == 0 => {}
                () = heard(&mut listener, cfg.poll_every) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_with_bounded_jitter() {
        let cfg = JobsConfig {
            backoff_base: Duration::from_secs(2),
            backoff_cap: Duration::from_secs(60),
            ..JobsConfig::default()
        };
        for (attempts, base) in [(1, 2), (2, 4), (3, 8), (4, 16), (5, 32), (6, 60), (40, 60)] {
            let d = backoff(&cfg, attempts);
            let base = Duration::from_secs(base);
            assert!(d >= base && d <= base + base / 4, "{attempts}: {d:?}");
        }
    }

    #[test]
    fn kinds_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("nope"), None);
    }
}
