//! The Socket.IO gateway under load (see bench/sockets.sh):
//!
//! 1. memory per connection: the server's RSS (`/proc/<pid>/status` VmRSS)
//!    before and after N idle sockets connect to `/ws` with one customer's
//!    token, with the connect rate, the handshake times and every failure;
//! 2. fan-out latency to the `support:staff` room with 1, 100 and 1,000 members
//!    (super admin sockets, added on top of the N idle ones, which stay
//!    connected): another customer posts support messages over REST
//!    (`POST /api/v1/chats/{thread}/messages`) with its send time in the body,
//!    every staff socket records when each arrived, and latency is receipt −
//!    send for every (message, receiver) pair. A first round with the room
//!    empty gives the REST round-trip alone.
//!
//! Prints one JSON object and, with `--markdown`, writes the results section
//! of docs/BENCHMARKS.md.
//!
//! The client is a minimal Socket.IO v5 / Engine.IO v4 client over a WebSocket
//! (no long-polling first): `0{open}` from the server, `40/ws,{"token":..}` to
//! connect, `40/ws,{sid}` (or `44/ws,{error}`) back, `2`/`3` heartbeats and
//! `42/ws,[event, data]` events. One tokio task per socket, 4 KiB buffers.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

const NS: &str = "/ws";

#[derive(Parser)]
#[command(name = "sockets")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080
    #[arg(long)]
    base: String,
    /// The server's process id (its RSS and CPU are read from /proc).
    #[arg(long)]
    server_pid: u32,
    /// PostgreSQL's postmaster pid: its CPU and its children's are read too.
    #[arg(long)]
    pg_pid: Option<u32>,
    /// Idle sockets.
    #[arg(long, default_value_t = 10_000)]
    n: usize,
    /// Room sizes, in increasing order (staff sockets are added, never closed).
    #[arg(long, default_value = "1,100,1000", value_delimiter = ',')]
    rooms: Vec<usize>,
    /// Messages per room size.
    #[arg(long, default_value_t = 50)]
    messages: usize,
    /// Milliseconds between two sends (a send never starts before the
    /// previous one answered).
    #[arg(long, default_value_t = 50)]
    interval_ms: u64,
    /// Handshakes in flight at once.
    #[arg(long, default_value_t = 64)]
    connect_concurrency: usize,
    /// Seconds to wait for the last deliveries of a round.
    #[arg(long, default_value_t = 10)]
    drain_secs: u64,
    /// The idle sockets' user (a demo customer).
    #[arg(long, default_value = "+966500000001")]
    idle_phone: String,
    /// The customer posting to its support thread (not the idle one: its own
    /// user room gets its messages too).
    #[arg(long, default_value = "+966500000003")]
    sender_phone: String,
    /// A user holding `support.manage` (the demo super admin).
    #[arg(long, default_value = "+966500000000")]
    staff_phone: String,
    #[arg(long, default_value = "123456")]
    code: String,
    /// Write the Markdown results here.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

// ------------------------------------------------------------------ clock

static EPOCH: OnceLock<Instant> = OnceLock::new();

/// Microseconds since the program started: senders and receivers share it.
fn now_us() -> u64 {
    EPOCH.get_or_init(Instant::now).elapsed().as_micros() as u64
}

// ------------------------------------------------------------------ /proc

fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no VmRSS for {pid}"))
}

fn fd_count(pid: u32) -> Option<usize> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .ok()
        .map(|d| d.count())
}

fn ticks_per_sec() -> f64 {
    // SAFETY: sysconf has no preconditions.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if t > 0 { t as f64 } else { 100.0 }
}

/// (ppid, utime + stime in ticks) of a process.
fn stat(pid: u32) -> Option<(u32, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ppid = f.get(1)?.parse().ok()?;
    let utime: u64 = f.get(11)?.parse().ok()?;
    let stime: u64 = f.get(12)?.parse().ok()?;
    Some((ppid, utime + stime))
}

/// CPU seconds used so far by the server, this client, and PostgreSQL (the
/// postmaster and its current children; a backend that exits takes its
/// time with it, so the pool's long-lived connections are what is counted).
#[derive(Clone, Copy, Default)]
struct Cpu {
    server: f64,
    client: f64,
    pg: f64,
    /// The whole machine's busy seconds (all cores), from /proc/stat.
    busy: f64,
}

fn machine_busy() -> f64 {
    let s = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(l) = s.lines().next() else {
        return 0.0;
    };
    let v: Vec<u64> = l
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy: u64 = v
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, x)| x)
        .sum();
    busy as f64 / ticks_per_sec()
}

fn cpu(server: u32, pg: Option<u32>) -> Cpu {
    let hz = ticks_per_sec();
    let t = |pid: u32| stat(pid).map(|(_, t)| t).unwrap_or(0) as f64 / hz;
    let mut pg_ticks = 0u64;
    if let Some(pg) = pg {
        pg_ticks += stat(pg).map(|(_, t)| t).unwrap_or(0);
        if let Ok(dir) = std::fs::read_dir("/proc") {
            for e in dir.flatten() {
                let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                    continue;
                };
                if let Some((ppid, t)) = stat(pid)
                    && ppid == pg
                {
                    pg_ticks += t;
                }
            }
        }
    }
    Cpu {
        server: t(server),
        client: t(std::process::id()),
        pg: pg_ticks as f64 / hz,
        busy: machine_busy(),
    }
}

impl std::ops::Sub for Cpu {
    type Output = Cpu;
    fn sub(self, o: Cpu) -> Cpu {
        Cpu {
            server: self.server - o.server,
            client: self.client - o.client,
            pg: self.pg - o.pg,
            busy: self.busy - o.busy,
        }
    }
}

// ------------------------------------------------------------------ REST

async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    phone: &str,
    code: &str,
) -> anyhow::Result<String> {
    let r = http
        .post(format!("{base}/api/v1/auth/otp/request"))
        .json(&json!({"phone": phone}))
        .send()
        .await?;
    let status = r.status();
    if !status.is_success() {
        bail!(
            "otp request for {phone}: {status} {}",
            r.text().await.unwrap_or_default()
        );
    }
    let r = http
        .post(format!("{base}/api/v1/auth/otp/verify"))
        .json(&json!({"phone": phone, "code": code}))
        .send()
        .await?;
    let status = r.status();
    let v: Value = r.json().await?;
    v["data"]["accessToken"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("otp verify for {phone}: {status} {v}"))
}

// ------------------------------------------------------------------ socket

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

fn ws_url(base: &str) -> String {
    let b = base.trim_end_matches('/');
    let b = b
        .strip_prefix("https://")
        .map(|r| format!("wss://{r}"))
        .or_else(|| b.strip_prefix("http://").map(|r| format!("ws://{r}")))
        .unwrap_or_else(|| b.to_owned());
    format!("{b}/socket.io/?EIO=4&transport=websocket")
}

fn ws_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4096)
        .write_buffer_size(0)
        .max_message_size(Some(1 << 20))
        .max_frame_size(Some(1 << 20))
}

async fn next_text(ws: &mut Ws) -> anyhow::Result<String> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) => return Ok(t.as_str().to_owned()),
            Some(Ok(Message::Close(c))) => bail!("closed by the server: {c:?}"),
            Some(Ok(_)) => continue,
            Some(Err(e)) => return Err(e.into()),
            None => bail!("connection ended"),
        }
    }
}

/// Opens one socket and connects it to `/ws` with `token`.
async fn connect(url: &str, token: &str) -> anyhow::Result<Ws> {
    let (mut ws, _) = tokio_tungstenite::connect_async_with_config(url, Some(ws_config()), true)
        .await
        .context("websocket")?;
    let open = next_text(&mut ws).await.context("engine.io open")?;
    if !open.starts_with('0') {
        bail!("expected the engine.io open packet, got {open:.80}");
    }
    let hello = format!("40{NS},{}", json!({ "token": token }));
    ws.send(Message::text(hello))
        .await
        .context("connect packet")?;
    loop {
        let t = next_text(&mut ws).await.context("namespace connect")?;
        if t == "2" {
            ws.send(Message::text("3")).await?;
        } else if t.starts_with(&format!("40{NS},")) {
            return Ok(ws);
        } else if let Some(err) = t.strip_prefix(&format!("44{NS},")) {
            bail!("refused: {err:.120}");
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Idle,
    Staff,
}

/// A delivery seen by a staff socket.
#[derive(Clone, Copy)]
struct Receipt {
    round: u32,
    seq: u32,
    socket: u32,
    sent_us: u64,
    at_us: u64,
}

#[derive(Default)]
struct Shared {
    receipts: Mutex<Vec<Receipt>>,
    /// Benchmark messages that reached an idle socket (none should).
    unexpected: AtomicU64,
    /// Sockets that were connected and then lost (closed by the server or an error).
    lost: AtomicU64,
    /// Heartbeats answered.
    pongs: AtomicU64,
}

/// `bench {round} {seq} {sent_us}` out of a `chat:message` event's text.
fn parse_marker(text: &str) -> Option<(u32, u32, u64)> {
    let i = text.find("\"body\":\"bench ")?;
    let rest = &text[i + 14..];
    let end = rest.find('"')?;
    let mut it = rest[..end].split(' ');
    Some((
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    ))
}

/// Keeps a connected socket alive: answers heartbeats and records deliveries.
async fn run(mut ws: Ws, role: Role, socket: u32, shared: Arc<Shared>) {
    let event = format!("42{NS},[\"chat:message\"");
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) => {
                let at_us = now_us();
                let t = t.as_str();
                if t == "2" {
                    shared.pongs.fetch_add(1, Ordering::Relaxed);
                    if ws.send(Message::text("3")).await.is_err() {
                        shared.lost.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                } else if t.starts_with(&event) {
                    if let Some((round, seq, sent_us)) = parse_marker(t) {
                        match role {
                            Role::Idle => {
                                shared.unexpected.fetch_add(1, Ordering::Relaxed);
                            }
                            Role::Staff => shared.receipts.lock().unwrap().push(Receipt {
                                round,
                                seq,
                                socket,
                                sent_us,
                                at_us,
                            }),
                        }
                    }
                } else if t.starts_with(&format!("41{NS}")) || t == "1" {
                    shared.lost.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            }
            Some(Ok(_)) => {}
            _ => {
                shared.lost.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
    }
}

#[derive(Default)]
struct ConnectReport {
    asked: usize,
    connected: usize,
    failures: BTreeMap<String, usize>,
    seconds: f64,
    handshake_ms: Vec<f64>,
}

/// Opens `count` sockets as `role`, numbered from `first`, `concurrency` at a
/// time; each one that connects keeps running in its own task.
async fn open_many(
    url: &str,
    token: &str,
    role: Role,
    first: u32,
    count: usize,
    concurrency: usize,
    shared: &Arc<Shared>,
) -> ConnectReport {
    let sem = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut set = tokio::task::JoinSet::new();
    let start = Instant::now();
    for i in 0..count {
        let permit = sem.clone().acquire_owned().await.expect("semaphore open");
        let (url, token, shared) = (url.to_owned(), token.to_owned(), shared.clone());
        set.spawn(async move {
            let t0 = Instant::now();
            let r = tokio::time::timeout(Duration::from_secs(30), connect(&url, &token)).await;
            drop(permit);
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            match r {
                Ok(Ok(ws)) => {
                    tokio::spawn(run(ws, role, first + i as u32, shared));
                    Ok(ms)
                }
                Ok(Err(e)) => Err(format!("{e:#}")),
                Err(_) => Err("no connect within 30 s".to_owned()),
            }
        });
    }
    let mut rep = ConnectReport {
        asked: count,
        ..Default::default()
    };
    while let Some(r) = set.join_next().await {
        match r {
            Ok(Ok(ms)) => {
                rep.connected += 1;
                rep.handshake_ms.push(ms);
            }
            Ok(Err(e)) => {
                // Keep the reason, not the details that differ per socket.
                let key: String = e.chars().take(160).collect();
                *rep.failures.entry(key).or_default() += 1;
            }
            Err(e) => *rep.failures.entry(format!("task: {e}")).or_default() += 1,
        }
    }
    rep.seconds = start.elapsed().as_secs_f64();
    rep
}

// ------------------------------------------------------------------ stats

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[i.clamp(1, sorted.len()) - 1]
}

fn summary(mut v: Vec<f64>) -> Value {
    v.sort_by(|a, b| a.total_cmp(b));
    json!({
        "n": v.len(),
        "p50": pct(&v, 50.0),
        "p99": pct(&v, 99.0),
        "max": v.last().copied().unwrap_or(f64::NAN),
        "mean": if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 },
    })
}

fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or(f64::NAN)
}

// ------------------------------------------------------------------ main

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    now_us();
    let base = args.base.trim_end_matches('/').to_owned();
    let url = ws_url(&base);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(4)
        .tcp_nodelay(true)
        .build()?;
    let log = |s: String| eprintln!("sockets: {s}");

    // Sign in and open the sender's support thread.
    let idle_token = sign_in(&http, &base, &args.idle_phone, &args.code).await?;
    let sender_token = sign_in(&http, &base, &args.sender_phone, &args.code).await?;
    let staff_token = sign_in(&http, &base, &args.staff_phone, &args.code).await?;
    let r: Value = http
        .post(format!("{base}/api/v1/chats/support"))
        .bearer_auth(&sender_token)
        .send()
        .await?
        .json()
        .await?;
    let thread = r["data"]["id"]
        .as_str()
        .ok_or_else(|| anyhow!("opening the support thread: {r}"))?
        .to_owned();
    let post_url = format!("{base}/api/v1/chats/{thread}/messages");

    // A forged token is refused (the gateway is the one being measured).
    let forged =
        tokio::time::timeout(Duration::from_secs(10), connect(&url, "forged.token.value")).await;
    let forged_refused = matches!(&forged, Ok(Err(e)) if format!("{e:#}").contains("refused"));

    // Warm-up: a few sockets open and close, so one-time allocations (the
    // namespace, the database pool) are not counted per connection.
    for _ in 0..32 {
        let mut ws = connect(&url, &idle_token).await.context("warm-up socket")?;
        let _ = ws.close(None).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    let shared = Arc::new(Shared::default());
    let server_pid = args.server_pid;
    let rss_before = rss_kib(server_pid)?;
    let fds_before = fd_count(server_pid);
    let cpu0 = cpu(server_pid, args.pg_pid);
    log(format!(
        "server RSS {} MiB before; connecting {} idle sockets",
        rss_before / 1024,
        args.n
    ));

    // ---------------------------------------------------------- 1. memory
    let idle = open_many(
        &url,
        &idle_token,
        Role::Idle,
        0,
        args.n,
        args.connect_concurrency,
        &shared,
    )
    .await;
    let cpu1 = cpu(server_pid, args.pg_pid);
    log(format!(
        "{} of {} connected in {:.1} s; {} failed",
        idle.connected,
        idle.asked,
        idle.seconds,
        idle.asked - idle.connected
    ));
    for (e, c) in &idle.failures {
        log(format!("  {c} × {e}"));
    }
    // Let the server settle, then read RSS a few times and keep the last.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let mut rss_after = 0;
    for _ in 0..3 {
        rss_after = rss_kib(server_pid)?;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let fds_after = fd_count(server_pid);
    let client_rss_idle = rss_kib(std::process::id())?;
    let lost_idle = shared.lost.load(Ordering::Relaxed);
    let per_conn = if idle.connected > 0 {
        (rss_after as f64 - rss_before as f64) * 1024.0 / idle.connected as f64
    } else {
        f64::NAN
    };
    log(format!(
        "server RSS {} MiB after ({:.1} KiB per connection)",
        rss_after / 1024,
        per_conn / 1024.0
    ));
    let connect_cpu = cpu1 - cpu0;

    // ---------------------------------------------------------- 2. fan-out
    let mut rounds = Vec::new();
    let mut staff_open = 0usize;
    let mut staff_failures: BTreeMap<String, usize> = BTreeMap::new();
    let mut staff_asked = 0usize;
    // Round 0: nobody in the room: the REST write alone.
    let sizes: Vec<usize> = std::iter::once(0)
        .chain(args.rooms.iter().copied())
        .collect();
    for (round, &k) in sizes.iter().enumerate() {
        if k > staff_open {
            let add = k - staff_open;
            staff_asked += add;
            let rep = open_many(
                &url,
                &staff_token,
                Role::Staff,
                staff_open as u32,
                add,
                args.connect_concurrency,
                &shared,
            )
            .await;
            for (e, c) in rep.failures {
                *staff_failures.entry(e).or_default() += c;
            }
            staff_open += rep.connected;
            log(format!("room of {k}: {staff_open} staff sockets connected"));
        }
        let members = staff_open;
        tokio::time::sleep(Duration::from_secs(2)).await;
        shared.receipts.lock().unwrap().clear();
        let c0 = cpu(server_pid, args.pg_pid);
        let mut rest_ms = Vec::new();
        let mut rest_failed = 0usize;
        let mut sent = 0usize;
        let start = Instant::now();
        let first_send = now_us();
        for seq in 0..args.messages {
            tokio::time::sleep_until(
                (start + Duration::from_millis(args.interval_ms * seq as u64)).into(),
            )
            .await;
            let t = now_us();
            let body = format!("bench {round} {seq} {t}");
            let r = http
                .post(&post_url)
                .bearer_auth(&sender_token)
                .json(&json!({ "body": body }))
                .send()
                .await;
            let done = now_us();
            match r {
                Ok(r) if r.status().is_success() => {
                    let _ = r.bytes().await;
                    rest_ms.push((done - t) as f64 / 1e3);
                    sent += 1;
                }
                Ok(r) => {
                    rest_failed += 1;
                    log(format!("send {seq}: {}", r.status()));
                }
                Err(e) => {
                    rest_failed += 1;
                    log(format!("send {seq}: {e}"));
                }
            }
        }
        let last_send = now_us();
        // Wait for every delivery, or the drain time.
        let expected = sent * members;
        let deadline = Instant::now() + Duration::from_secs(args.drain_secs);
        while shared.receipts.lock().unwrap().len() < expected && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if members > 0 {
            tokio::time::sleep(Duration::from_millis(300)).await; // late duplicates
        }
        let c1 = cpu(server_pid, args.pg_pid);
        let receipts: Vec<Receipt> = std::mem::take(&mut *shared.receipts.lock().unwrap());
        let mine: Vec<Receipt> = receipts
            .into_iter()
            .filter(|r| r.round == round as u32)
            .collect();
        let mut seen = HashSet::new();
        let mut duplicates = 0usize;
        let mut lat = Vec::with_capacity(mine.len());
        let mut per_msg: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
        let mut last_at = last_send;
        for r in &mine {
            if !seen.insert((r.seq, r.socket)) {
                duplicates += 1;
                continue;
            }
            lat.push((r.at_us.saturating_sub(r.sent_us)) as f64 / 1e3);
            let e = per_msg.entry(r.seq).or_insert((u64::MAX, 0));
            e.0 = e.0.min(r.at_us);
            e.1 = e.1.max(r.at_us);
            last_at = last_at.max(r.at_us);
        }
        let delivered = seen.len();
        // Per message: first receiver's latency and the spread first → last.
        let sent_of: BTreeMap<u32, u64> = mine.iter().map(|r| (r.seq, r.sent_us)).collect();
        let first_ms: Vec<f64> = per_msg
            .iter()
            .map(|(s, (a, _))| (a - sent_of[s]) as f64 / 1e3)
            .collect();
        let spread_ms: Vec<f64> = per_msg
            .values()
            .map(|(a, b)| (b - a) as f64 / 1e3)
            .collect();
        let burst_rate: Vec<f64> = per_msg
            .values()
            .filter(|(a, b)| b > a)
            .map(|(a, b)| (members as f64 - 1.0) / ((b - a) as f64 / 1e6))
            .collect();
        let window = (last_at - first_send) as f64 / 1e6;
        let d = c1 - c0;
        let per_msg_cpu = |s: f64| {
            if sent > 0 {
                s * 1e3 / sent as f64
            } else {
                f64::NAN
            }
        };
        let round_json = json!({
            "room": k,
            "members": members,
            "messages_sent": sent,
            "send_failures": rest_failed,
            "expected_deliveries": expected,
            "deliveries": delivered,
            "missing": expected.saturating_sub(delivered),
            "duplicates": duplicates,
            "latency_ms": summary(lat),
            "first_receiver_ms": summary(first_ms),
            "spread_ms": summary(spread_ms),
            "rest_ms": summary(rest_ms),
            "deliveries_per_s_round": if window > 0.0 { delivered as f64 / window } else { f64::NAN },
            "deliveries_per_s_burst": summary(burst_rate)["p50"].clone(),
            "cpu_ms_per_message": {
                "server": per_msg_cpu(d.server),
                "pg": per_msg_cpu(d.pg),
                "client": per_msg_cpu(d.client),
                "machine": per_msg_cpu(d.busy),
            },
            "machine_busy_pct": if start.elapsed().as_secs_f64() > 0.0 {
                100.0 * d.busy / (start.elapsed().as_secs_f64() * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64)
            } else { f64::NAN },
        });
        log(format!(
            "room of {k}: {delivered}/{expected} delivered, latency p50 {:.1} ms p99 {:.1} ms max {:.1} ms; REST p50 {:.1} ms",
            f(&round_json["latency_ms"], "p50"),
            f(&round_json["latency_ms"], "p99"),
            f(&round_json["latency_ms"], "max"),
            f(&round_json["rest_ms"], "p50"),
        ));
        rounds.push(round_json);
    }

    let rss_end = rss_kib(server_pid)?;
    let client_rss_end = rss_kib(std::process::id())?;
    let mut hs = idle.handshake_ms.clone();
    hs.sort_by(|a, b| a.total_cmp(b));
    let out = json!({
        "n": args.n,
        "forged_token_refused": forged_refused,
        "connect": {
            "asked": idle.asked,
            "connected": idle.connected,
            "failed": idle.asked - idle.connected,
            "failures": idle.failures,
            "seconds": idle.seconds,
            "per_s": idle.connected as f64 / idle.seconds,
            "handshake_ms": summary(hs),
            "concurrency": args.connect_concurrency,
            "cpu_us_per_connection": {
                "server": connect_cpu.server * 1e6 / idle.connected.max(1) as f64,
                "pg": connect_cpu.pg * 1e6 / idle.connected.max(1) as f64,
                "client": connect_cpu.client * 1e6 / idle.connected.max(1) as f64,
            },
        },
        "memory": {
            "server_rss_before_kib": rss_before,
            "server_rss_after_kib": rss_after,
            "server_rss_end_kib": rss_end,
            "bytes_per_connection": per_conn,
            "server_fds_before": fds_before,
            "server_fds_after": fds_after,
            "client_rss_idle_kib": client_rss_idle,
            "client_rss_end_kib": client_rss_end,
        },
        "lost_while_idle": lost_idle,
        "lost_total": shared.lost.load(Ordering::Relaxed),
        "unexpected_at_idle": shared.unexpected.load(Ordering::Relaxed),
        "heartbeats_answered": shared.pongs.load(Ordering::Relaxed),
        "staff": {"asked": staff_asked, "connected": staff_open, "failures": staff_failures},
        "interval_ms": args.interval_ms,
        "messages": args.messages,
        "rounds": rounds,
    });
    println!("{out}");
    if let Some(path) = &args.markdown {
        std::fs::write(path, markdown(&out))?;
    }
    Ok(())
}

// ------------------------------------------------------------------ report

const TARGET_RSS_KIB: f64 = 1024.0 * 1024.0;
const TARGET_P99_MS: f64 = 100.0;

fn markdown(o: &Value) -> String {
    let c = &o["connect"];
    let m = &o["memory"];
    let mib = |k: f64| format!("{:.0} MiB", k / 1024.0);
    let mut s = String::new();
    let failures = c["failures"]
        .as_object()
        .map(|f| {
            f.iter()
                .map(|(k, v)| format!("{v} × `{}`", k.replace('`', "'").replace('|', "/")))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    s += "### 1. Connections and memory\n\n";
    s += "| | |\n|---|---|\n";
    s += &format!(
        "| sockets asked / connected / failed | {} / {} / {}{} |\n",
        c["asked"],
        c["connected"],
        c["failed"],
        if failures.is_empty() {
            String::new()
        } else {
            format!(" ({failures})")
        }
    );
    s += &format!(
        "| connect time | {:.1} s, {:.0} sockets/s ({} handshakes in flight) |\n",
        f(c, "seconds"),
        f(c, "per_s"),
        c["concurrency"]
    );
    s += &format!(
        "| handshake (WebSocket + engine.io open + `/ws` connect with token) | p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms |\n",
        f(&c["handshake_ms"], "p50"),
        f(&c["handshake_ms"], "p99"),
        f(&c["handshake_ms"], "max")
    );
    s += &format!(
        "| CPU per connect | qitaa {:.0} µs, PostgreSQL {:.0} µs, client {:.0} µs |\n",
        f(&c["cpu_us_per_connection"], "server"),
        f(&c["cpu_us_per_connection"], "pg"),
        f(&c["cpu_us_per_connection"], "client")
    );
    s += &format!(
        "| qitaa RSS before → with the idle sockets | {} → {} |\n",
        mib(f(m, "server_rss_before_kib")),
        mib(f(m, "server_rss_after_kib"))
    );
    s += &format!(
        "| **per connection** | **{:.1} KiB** |\n",
        f(m, "bytes_per_connection") / 1024.0
    );
    s += &format!(
        "| qitaa RSS at the end (idle + staff sockets, after the fan-out rounds) | {} |\n",
        mib(f(m, "server_rss_end_kib"))
    );
    s += &format!(
        "| qitaa open files before → after | {} → {} |\n",
        m["server_fds_before"], m["server_fds_after"]
    );
    s += &format!(
        "| load generator RSS (idle sockets / end) | {} / {} |\n",
        mib(f(m, "client_rss_idle_kib")),
        mib(f(m, "client_rss_end_kib"))
    );
    s += &format!(
        "| sockets lost while connected / bench messages at idle sockets / heartbeats answered | {} / {} / {} |\n",
        o["lost_total"], o["unexpected_at_idle"], o["heartbeats_answered"]
    );
    s += &format!(
        "| a forged token refused | {} |\n",
        if o["forged_token_refused"].as_bool() == Some(true) {
            "yes"
        } else {
            "**no**"
        }
    );
    let st = &o["staff"];
    s += &format!(
        "\n### 2. Fan-out to `support:staff`\n\n{} messages per room size, one every {} ms (a send waits for the previous \
         answer); staff sockets asked / connected: {} / {}{}. Latency is receipt − send for every (message, receiver) pair; \
         \"first\" is the first receiver's latency and \"spread\" the time from the first to the last receiver of one message \
         (both per message, p50 / p99); \"burst\" is (members − 1) / spread, the median over messages; \"round\" is all \
         deliveries over first send → last receipt. CPU is per message (ms) over the round, from /proc at 100 ticks/s; \
         \"machine\" is every process's busy time, including anything else running on the machine.\n\n",
        o["messages"],
        o["interval_ms"],
        st["asked"],
        st["connected"],
        st["failures"]
            .as_object()
            .filter(|f| !f.is_empty())
            .map(|f| format!(" (failures: {})", Value::Object(f.clone())))
            .unwrap_or_default()
    );
    s += "| room | delivered / expected | missing | dup | latency p50 | p99 | max | first p50 / p99 | spread p50 / p99 | REST p50 / p99 / max | deliveries/s burst / round | CPU ms/message: qitaa / PG / client / machine |\n";
    s += "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    let ms = |v: f64| {
        if v.is_nan() {
            "—".to_owned()
        } else {
            format!("{v:.1}")
        }
    };
    let rate = |v: f64| {
        if v.is_nan() {
            "—".to_owned()
        } else {
            format!("{v:.0}")
        }
    };
    for r in o["rounds"].as_array().into_iter().flatten() {
        let l = &r["latency_ms"];
        let room = if r["room"].as_u64() == Some(0) {
            "0 (REST alone)".to_owned()
        } else {
            r["room"].to_string()
        };
        s += &format!(
            "| {room} | {} / {} | {} | {} | {} | {} | {} | {} / {} | {} / {} | {} / {} / {} | {} / {} | {} / {} / {} / {} |\n",
            r["deliveries"],
            r["expected_deliveries"],
            r["missing"],
            r["duplicates"],
            ms(f(l, "p50")),
            ms(f(l, "p99")),
            ms(f(l, "max")),
            ms(f(&r["first_receiver_ms"], "p50")),
            ms(f(&r["first_receiver_ms"], "p99")),
            ms(f(&r["spread_ms"], "p50")),
            ms(f(&r["spread_ms"], "p99")),
            ms(f(&r["rest_ms"], "p50")),
            ms(f(&r["rest_ms"], "p99")),
            ms(f(&r["rest_ms"], "max")),
            rate(r["deliveries_per_s_burst"].as_f64().unwrap_or(f64::NAN)),
            if r["members"].as_u64() == Some(0) {
                "—".to_owned()
            } else {
                rate(f(r, "deliveries_per_s_round"))
            },
            ms(f(&r["cpu_ms_per_message"], "server")),
            ms(f(&r["cpu_ms_per_message"], "pg")),
            ms(f(&r["cpu_ms_per_message"], "client")),
            ms(f(&r["cpu_ms_per_message"], "machine")),
        );
    }
    // Targets.
    let n = o["n"].as_u64().unwrap_or(0);
    let connected = c["connected"].as_u64().unwrap_or(0);
    let rss = f(m, "server_rss_after_kib");
    let rss_ok = connected >= 10_000 && rss < TARGET_RSS_KIB && c["failed"].as_u64() == Some(0);
    let big = o["rounds"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["room"].as_u64() == Some(1000));
    s += "\nTargets:\n\n";
    let extrapolated =
        f(m, "server_rss_before_kib") + 10_000.0 * f(m, "bytes_per_connection") / 1024.0;
    if connected >= 10_000 {
        s += &format!(
            "- 10k sockets under 1 GiB RSS — {}: {connected} of {n} sockets connected ({} failed), qitaa RSS {} ({:.1} KiB per connection);\n",
            if rss_ok { "met" } else { "**missed**" },
            c["failed"],
            mib(rss),
            f(m, "bytes_per_connection") / 1024.0,
        );
    } else {
        s += &format!(
            "- 10k sockets under 1 GiB RSS — **not shown**: {connected} of {n} sockets connected, qitaa RSS {} ({:.1} KiB per connection; 10,000 at that rate would be about {});\n",
            mib(rss),
            f(m, "bytes_per_connection") / 1024.0,
            mib(extrapolated),
        );
    }
    match big {
        Some(r) => {
            let p99 = f(&r["latency_ms"], "p99");
            let ok = p99 < TARGET_P99_MS && r["missing"].as_u64() == Some(0);
            s += &format!(
                "- p99 < 100 ms for a room of 1,000 — {}: p99 {:.1} ms, {} missing deliveries.\n",
                if ok { "met" } else { "**missed**" },
                p99,
                r["missing"]
            );
        }
        None => {
            s += "- p99 < 100 ms for a room of 1,000 — not measured (no room of 1,000 in this run).\n"
        }
    }
    s
}
