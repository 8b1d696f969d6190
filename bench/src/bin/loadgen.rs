//! A small closed-loop HTTP load generator: a fixed number of workers, each
//! sending GET requests for paths picked at random from a file, back to back,
//! for a fixed time after a warm-up. Prints one JSON object: requests per
//! second, latency percentiles (exact, from every sample), status counts and
//! the slowest paths.
//!
//! Each line of the paths file is `/path` or `/path?k=v&k=v` with the values
//! written raw (Arabic, spaces): they are percent-encoded here.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Parser;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

#[derive(Parser)]
#[command(name = "loadgen")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    base: String,
    /// One request path per line.
    #[arg(long)]
    paths: PathBuf,
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Seconds measured.
    #[arg(long, default_value_t = 20.0)]
    duration: f64,
    /// Seconds of unmeasured requests first.
    #[arg(long, default_value_t = 5.0)]
    warmup: f64,
    /// A name for the report.
    #[arg(long, default_value = "load")]
    label: String,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Stop a worker after this many measured requests (0: no limit).
    #[arg(long, default_value_t = 0)]
    max_requests: u64,
    /// A header sent with every request, `Name: value` (repeatable), e.g.
    /// `Authorization: Bearer …` for signed-in routes.
    #[arg(long = "header")]
    headers: Vec<String>,
}

#[derive(Default)]
struct Samples {
    /// (microseconds, path index)
    latencies: Vec<(u32, u32)>,
    ok: u64,
    non_2xx: u64,
    errors: u64,
    bytes: u64,
    first_error: Option<String>,
}

fn build_url(base: &str, line: &str) -> anyhow::Result<reqwest::Url> {
    let (path, query) = line.split_once('?').unwrap_or((line, ""));
    let mut url = reqwest::Url::parse(&format!("{}{}", base.trim_end_matches('/'), path))
        .with_context(|| format!("bad path {line:?}"))?;
    if !query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.append_pair(k, v);
        }
    }
    Ok(url)
}

async fn worker(
    client: reqwest::Client,
    urls: Arc<Vec<reqwest::Url>>,
    seed: u64,
    warmup_until: Instant,
    until: Instant,
    max_requests: u64,
) -> Samples {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut s = Samples::default();
    loop {
        let now = Instant::now();
        if now >= until || (max_requests > 0 && s.latencies.len() as u64 >= max_requests) {
            break;
        }
        let i = rng.random_range(0..urls.len());
        let started = Instant::now();
        let result = async {
            let response = client.get(urls[i].clone()).send().await?;
            let status = response.status();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, body.len()))
        }
        .await;
        let elapsed = started.elapsed();
        if started < warmup_until {
            continue;
        }
        match result {
            Ok((status, len)) => {
                s.bytes += len as u64;
                if status.is_success() {
                    s.ok += 1;
                } else {
                    s.non_2xx += 1;
                    if s.first_error.is_none() {
                        s.first_error = Some(format!("{status} for {}", urls[i]));
                    }
                }
                s.latencies.push((
                    elapsed.as_micros().min(u128::from(u32::MAX)) as u32,
                    i as u32,
                ));
            }
            Err(e) => {
                s.errors += 1;
                if s.first_error.is_none() {
                    s.first_error = Some(format!("{e} for {}", urls[i]));
                }
            }
        }
    }
    s
}

/// User and system CPU time of this process, from /proc (Linux ticks are
/// 1/100 s); 0 elsewhere.
fn own_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some((_, rest)) = stat.rsplit_once(") ") else {
        return 0.0;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) as f64 / 100.0
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    f64::from(sorted[rank.clamp(1, sorted.len()) - 1]) / 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let text = std::fs::read_to_string(&args.paths)
        .with_context(|| format!("reading {}", args.paths.display()))?;
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        bail!("{} holds no paths", args.paths.display());
    }
    let urls: Vec<reqwest::Url> = lines
        .iter()
        .map(|l| build_url(&args.base, l))
        .collect::<anyhow::Result<_>>()?;
    let urls = Arc::new(urls);
    let mut headers = reqwest::header::HeaderMap::new();
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .with_context(|| format!("a header is `Name: value`, not {h:?}"))?;
        headers.insert(
            reqwest::header::HeaderName::from_bytes(name.trim().as_bytes())?,
            reqwest::header::HeaderValue::from_str(value.trim())?,
        );
    }
    let client = reqwest::Client::builder()
        .default_headers(headers)
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(30))
        .build()?;
    let start = Instant::now();
    let warmup_until = start + Duration::from_secs_f64(args.warmup);
    let until = warmup_until + Duration::from_secs_f64(args.duration);
    let workers: Vec<_> = (0..args.concurrency)
        .map(|w| {
            tokio::spawn(worker(
                client.clone(),
                urls.clone(),
                args.seed.wrapping_mul(1000).wrapping_add(w as u64),
                warmup_until,
                until,
                args.max_requests,
            ))
        })
        .collect();
    tokio::time::sleep_until(warmup_until.into()).await;
    let cpu_start = own_cpu_seconds();
    let mut all = Samples::default();
    for w in workers {
        let s = w.await?;
        all.latencies.extend(s.latencies);
        all.ok += s.ok;
        all.non_2xx += s.non_2xx;
        all.errors += s.errors;
        all.bytes += s.bytes;
        all.first_error = all.first_error.or(s.first_error);
    }
    let cpu = own_cpu_seconds() - cpu_start;
    let measured = (Instant::now().min(until) - warmup_until.min(Instant::now()))
        .as_secs_f64()
        .max(0.001);
    let mut by_latency = all.latencies.clone();
    by_latency.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    let mut slowest: Vec<serde_json::Value> = Vec::new();
    for (us, i) in &by_latency {
        let line = lines[*i as usize];
        if slowest.iter().any(|s| s["path"] == line) {
            continue;
        }
        slowest.push(serde_json::json!({"path": line, "ms": f64::from(*us) / 1000.0}));
        if slowest.len() == 5 {
            break;
        }
    }
    let mut sorted: Vec<u32> = all.latencies.iter().map(|(us, _)| *us).collect();
    sorted.sort_unstable();
    let count = sorted.len() as u64;
    let mean = if count > 0 {
        sorted.iter().map(|&u| u64::from(u)).sum::<u64>() as f64 / count as f64 / 1000.0
    } else {
        0.0
    };
    let report = serde_json::json!({
        "label": args.label,
        "concurrency": args.concurrency,
        "duration_s": measured,
        "requests": count,
        "ok": all.ok,
        "non_2xx": all.non_2xx,
        "errors": all.errors,
        "rps": count as f64 / measured,
        "mean_ms": mean,
        "p50_ms": percentile(&sorted, 50.0),
        "p90_ms": percentile(&sorted, 90.0),
        "p99_ms": percentile(&sorted, 99.0),
        "max_ms": percentile(&sorted, 100.0),
        "loadgen_cpu_s": cpu,
        "avg_body_bytes": all.bytes.checked_div(count).unwrap_or(0),
        "first_error": all.first_error,
        "slowest": slowest,
    });
    println!("{report}");
    Ok(())
}
