//! The `qitaa serve` lifecycle through the real binary, on its embedded
//! PostgreSQL: a first start on an empty data dir (initdb, migrations, demo
//! seed, banner), data that survives a restart, a clean stop on SIGTERM that
//! leaves no PostgreSQL behind, and a restart over a stale `postmaster.pid`.
//!
//! Every test has its own data dir and ports, so they run in parallel with
//! each other and with the rest of the workspace's tests. A guard stops the
//! child (and, as a last resort, its PostgreSQL) when an assertion fails.

use std::io::Read;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The first start runs initdb, which can be slow on a busy machine.
const FIRST_START: Duration = Duration::from_secs(90);
const RESTART: Duration = Duration::from_secs(60);
const STOP: Duration = Duration::from_secs(30);

const DEMO_PHONES: [&str; 6] = [
    "+966500000000",
    "+966500000001",
    "+966500000002",
    "+966500000003",
    "+966500000004",
    "+966500000005",
];
const DEMO_CUSTOMER: &str = "+966500000001";
const DEMO_CODE: &str = "123456";

/// Variables that would change how `serve` starts; the point here is the
/// zero-configuration default.
const CLEARED_ENV: [&str; 9] = [
    "DATABASE_URL",
    "JWT_SECRET",
    "PUBLIC_URL",
    "QITAA_DEMO",
    "SMS_PROVIDER",
    "LOG_FORMAT",
    "RUST_LOG",
    "OTP_PER_PHONE_PER_HOUR",
    "OTP_PER_IP_PER_HOUR",
];

// ---------------------------------------------------------------------------
// Temporary data dirs
// ---------------------------------------------------------------------------

/// A unique directory removed on drop, kept (and named) when the test failed
/// so that `postgres.log` can be read.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "lc-{tag}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        // The cluster's Unix socket path must fit in 107 bytes; a deep target
        // dir would not leave room for it.
        if base.as_os_str().len() > 48 {
            base = std::env::temp_dir();
        }
        let path = base.join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(std::fs::canonicalize(&path).expect("canonical temp dir"))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("keeping {} for inspection", self.0.display());
            return;
        }
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            eprintln!("could not remove {}: {e}", self.0.display());
        }
    }
}

// ---------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind 127.0.0.1:0")
        .local_addr()
        .unwrap()
        .port()
}

/// A free port outside the usual ephemeral range (which `free_port` draws
/// from) and away from the 8080 default.
fn unusual_free_port() -> u16 {
    let start = 20_000 + (std::process::id() as usize * 7919 + now_nanos() % 9973) % 10_000;
    (0..10_000)
        .map(|i| 20_000 + ((start - 20_000 + i * 97) % 10_000) as u16)
        .find(|&p| TcpListener::bind(("127.0.0.1", p)).is_ok())
        .expect("a free port in 20000..30000")
}

fn now_nanos() -> usize {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as usize)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------
// The child process
// ---------------------------------------------------------------------------

/// Accumulates what a pipe delivers, on a background thread, so that the
/// child never blocks on a full pipe.
fn drain(mut pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<u8>>> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let sink = buf.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => sink.lock().unwrap().extend_from_slice(&chunk[..n]),
            }
        }
    });
    buf
}

/// A running `qitaa serve`; stopped on drop if the test did not stop it.
struct Server {
    child: Child,
    data_dir: PathBuf,
    base: String,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    exited: Option<ExitStatus>,
}

impl Server {
    fn spawn(port: u16, data_dir: &Path) -> Server {
        let addr = format!("127.0.0.1:{port}");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_qitaa"));
        cmd.args(["serve", "--addr", &addr, "--data-dir"])
            .arg(data_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for var in CLEARED_ENV {
            cmd.env_remove(var);
        }
        let mut child = cmd.spawn().expect("spawn qitaa serve");
        let stdout = drain(child.stdout.take().unwrap());
        let stderr = drain(child.stderr.take().unwrap());
        Server {
            child,
            data_dir: data_dir.to_path_buf(),
            base: format!("http://{addr}"),
            stdout,
            stderr,
            exited: None,
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap()).into_owned()
    }

    /// Everything the child printed so far, for assertion messages.
    fn output(&self) -> String {
        format!(
            "--- stdout ---\n{}\n--- stderr ---\n{}\n--- end ---",
            self.stdout(),
            String::from_utf8_lossy(&self.stderr.lock().unwrap())
        )
    }

    fn try_wait(&mut self) -> Option<ExitStatus> {
        if self.exited.is_none() {
            self.exited = self.child.try_wait().expect("try_wait");
        }
        self.exited
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Polls `/ready` until it answers 200 `{"status":"ready"}`.
    async fn wait_ready(&mut self, client: &reqwest::Client, patience: Duration) -> Duration {
        let started = Instant::now();
        loop {
            if let Some(status) = self.try_wait() {
                panic!(
                    "qitaa exited ({status}) before /ready answered\n{}",
                    self.output()
                );
            }
            if let Ok(r) = client.get(self.url("/ready")).send().await
                && r.status() == reqwest::StatusCode::OK
            {
                let body: Value = r.json().await.expect("/ready body is JSON");
                assert_eq!(body, json!({"status": "ready"}), "{}", self.output());
                return started.elapsed();
            }
            assert!(
                started.elapsed() < patience,
                "/ready did not answer 200 within {patience:?}\n{}",
                self.output()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits for the whole banner (printed in one go just before serving)
    /// and checks the demo sign-ins in it.
    async fn assert_banner(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let out = self.stdout();
            if out.contains("Press Ctrl-C to stop.") {
                assert!(
                    out.contains(&format!("Qitaa is running at {}", self.base)),
                    "{}",
                    self.output()
                );
                let demo = out
                    .split_once("Demo sign-ins")
                    .unwrap_or_else(|| panic!("no demo sign-ins in the banner\n{}", self.output()))
                    .1;
                assert!(
                    demo.starts_with(&format!(" (code {DEMO_CODE} for each):")),
                    "{}",
                    self.output()
                );
                for phone in DEMO_PHONES {
                    assert!(
                        demo.contains(&format!("  {phone}  ")),
                        "{phone} missing from the banner\n{}",
                        self.output()
                    );
                }
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no banner on stdout\n{}",
                self.output()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The postmaster's PID while the cluster runs.
    fn postmaster_pid(&self) -> i32 {
        let pid_file = self.data_dir.join("postgres/postmaster.pid");
        let text = std::fs::read_to_string(&pid_file).unwrap_or_else(|e| {
            panic!(
                "{} while running: {e}\n{}",
                pid_file.display(),
                self.output()
            )
        });
        text.lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or_else(|| panic!("no PID in {}: {text:?}", pid_file.display()))
    }

    /// SIGTERM, then the exit within [`STOP`]; returns how long it took.
    async fn terminate(&mut self) -> Duration {
        let started = Instant::now();
        signal(self.pid() as i32, "TERM");
        loop {
            if let Some(status) = self.try_wait() {
                assert!(
                    status.success(),
                    "qitaa exited with {status} after SIGTERM\n{}",
                    self.output()
                );
                return started.elapsed();
            }
            assert!(
                started.elapsed() < STOP,
                "qitaa still running {STOP:?} after SIGTERM\n{}",
                self.output()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Blocking wait for the exit, up to `patience`.
    fn wait_blocking(&mut self, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        while Instant::now() < deadline {
            if self.try_wait().is_some() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.try_wait().is_some()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.try_wait().is_some() {
            return;
        }
        signal(self.pid() as i32, "TERM");
        if self.wait_blocking(Duration::from_secs(20)) {
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The child could not stop its cluster; do it for it.
        let pid_file = self.data_dir.join("postgres/postmaster.pid");
        if let Some(pid) = std::fs::read_to_string(&pid_file)
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<i32>().ok()))
            && std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|c| matches!(c.trim(), "postgres" | "postmaster"))
        {
            // SIGQUIT: PostgreSQL's immediate shutdown.
            signal(pid, "QUIT");
        }
    }
}

fn signal(pid: i32, name: &str) {
    let _ = Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

/// Whether `pid` is a live process; a zombie is gone for our purposes (it
/// holds nothing, and an init that does not reap may keep it forever).
fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => false,
        Ok(stat) => !stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state == "Z" || state == "X"),
    }
}

/// Live processes whose command line mentions `dir`, with that command line.
fn processes_mentioning(dir: &Path) -> Vec<(i32, String)> {
    let needle = format!("{}/", dir.display());
    let me = std::process::id() as i32;
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc") {
        let Ok(entry) = entry else { continue };
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(raw) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&raw).replace('\0', " ");
        if (cmdline.contains(&needle) || cmdline.trim_end().ends_with(&*dir.to_string_lossy()))
            && alive(pid)
        {
            found.push((pid, cmdline.trim_end().to_owned()));
        }
    }
    found
}

/// After a stop: no `postmaster.pid`, the postmaster gone, and no process
/// left that works on the data dir.
fn assert_no_postgres(server: &Server, postmaster: i32) {
    let pid_file = server.data_dir.join("postgres/postmaster.pid");
    assert!(
        !pid_file.exists(),
        "{} left after the stop\n{}",
        pid_file.display(),
        server.output()
    );
    assert!(
        !alive(postmaster),
        "the postmaster ({postmaster}) outlived qitaa\n{}",
        server.output()
    );
    let left = processes_mentioning(&server.data_dir);
    assert!(
        left.is_empty(),
        "processes still using {}: {left:?}\n{}",
        server.data_dir.display(),
        server.output()
    );
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(15))
        .build()
        .expect("HTTP client")
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Option<Value>,
) -> (reqwest::StatusCode, Value) {
    let mut req = client.request(method.clone(), &url);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    let r = req
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = r.status();
    let text = r.text().await.unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// Signs the demo customer in with the demo code; returns an access token.
async fn sign_in_demo_customer(server: &Server, client: &reqwest::Client) -> String {
    let (status, body) = call(
        client,
        reqwest::Method::POST,
        server.url("/api/v1/auth/otp/request"),
        None,
        Some(json!({"phone": DEMO_CUSTOMER})),
    )
    .await;
    assert_eq!(status, 200, "otp request: {body}\n{}", server.output());
    let (status, body) = call(
        client,
        reqwest::Method::POST,
        server.url("/api/v1/auth/otp/verify"),
        None,
        Some(json!({"phone": DEMO_CUSTOMER, "code": DEMO_CODE})),
    )
    .await;
    assert_eq!(status, 200, "otp verify: {body}\n{}", server.output());
    body["data"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("no data.accessToken in {body}"))
        .to_owned()
}

fn jwt_key(data_dir: &Path) -> String {
    let path = data_dir.join("secrets/jwt.key");
    let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "mode of {}",
        path.display()
    );
    let key = std::fs::read_to_string(&path).unwrap();
    assert!(key.trim().len() >= 32, "a real key in {}", path.display());
    key
}

/// Starts, waits for `/ready` and the banner; returns the server and how
/// long it took to become ready.
async fn start(
    port: u16,
    data_dir: &Path,
    client: &reqwest::Client,
    patience: Duration,
) -> (Server, Duration) {
    let mut server = Server::spawn(port, data_dir);
    let took = server.wait_ready(client, patience).await;
    server.assert_banner().await;
    (server, took)
}

/// SIGTERM and the clean-stop checks; returns how long the stop took.
async fn stop(mut server: Server) -> Duration {
    let postmaster = server.postmaster_pid();
    assert!(alive(postmaster), "the postmaster runs while serving");
    assert!(
        processes_mentioning(&server.data_dir)
            .iter()
            .any(|(pid, _)| *pid == postmaster),
        "the /proc scan sees the running postmaster"
    );
    let took = server.terminate().await;
    assert_no_postgres(&server, postmaster);
    took
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_restart_and_clean_stops_keep_the_data() {
    let tmp = TempDir::new("life");
    let dir = tmp.path().to_path_buf();
    let client = client();

    // 1. First start on an empty dir: initdb, migrations, demo users.
    let (server, first_ready) = start(free_port(), &dir, &client, FIRST_START).await;
    let key = jwt_key(&dir);

    // 2. Data written through the API.
    let token = sign_in_demo_customer(&server, &client).await;
    let (status, body) = call(
        &client,
        reqwest::Method::PATCH,
        server.url("/api/v1/users/me"),
        Some(&token),
        Some(json!({"name": "Persisted Name"})),
    )
    .await;
    assert_eq!(status, 200, "PATCH /users/me: {body}\n{}", server.output());
    assert_eq!(body["data"]["name"], "Persisted Name", "{body}");

    // 3. SIGTERM: a clean exit that takes PostgreSQL down with it.
    let first_stop = stop(server).await;

    // 4. Same dir, another port: the data, the key and the banner remain.
    let (server, second_ready) = start(free_port(), &dir, &client, RESTART).await;
    let token = sign_in_demo_customer(&server, &client).await;
    let (status, body) = call(
        &client,
        reqwest::Method::GET,
        server.url("/api/v1/users/me"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200, "GET /users/me: {body}\n{}", server.output());
    assert_eq!(
        body["data"]["name"], "Persisted Name",
        "the name survives a restart: {body}"
    );
    assert_eq!(jwt_key(&dir), key, "jwt.key is kept across restarts");

    // 5. And a clean stop again.
    let second_stop = stop(server).await;
    eprintln!(
        "lifecycle: first ready {first_ready:?}, first stop {first_stop:?}, \
         second ready {second_ready:?}, second stop {second_stop:?}"
    );
    drop(tmp);
    assert!(!dir.exists(), "{} removed", dir.display());
}

/// qitaa serve --addr 127.0.0.1:PORT --data-dir DIR works the same for any
/// free port and a data dir that does not exist yet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_free_port_and_a_missing_nested_data_dir_work() {
    let tmp = TempDir::new("nest");
    let dir = tmp.path().join("a/b/data");
    assert!(!dir.exists());
    let client = client();
    let port = unusual_free_port();

    let (server, ready) = start(port, &dir, &client, FIRST_START).await;
    assert!(
        server
            .stdout()
            .contains(&format!("Qitaa is running at http://127.0.0.1:{port}")),
        "{}",
        server.output()
    );
    assert!(dir.join("postgres/PG_VERSION").is_file());
    jwt_key(&dir);
    let took = stop(server).await;
    eprintln!("nested dir on port {port}: ready {ready:?}, stop {took:?}");
}

/// A `postmaster.pid` left by a server that no longer runs (a crash, a
/// reboot) does not keep the node from starting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_postmaster_pid_does_not_block_a_start() {
    let tmp = TempDir::new("stale");
    let dir = tmp.path().to_path_buf();
    let client = client();

    let (server, first_ready) = start(free_port(), &dir, &client, FIRST_START).await;
    stop(server).await;

    let pg_data = dir.join("postgres");
    let pid_file = pg_data.join("postmaster.pid");
    assert!(!alive(999_999), "PID 999999 is not in use");
    std::fs::write(
        &pid_file,
        format!(
            "999999\n{}\n1700000000\n5432\n{}\n\n  5432001         0\nready   \n",
            pg_data.display(),
            dir.join("postgres-run").display()
        ),
    )
    .expect("write a stale postmaster.pid");

    let (server, second_ready) = start(free_port(), &dir, &client, RESTART).await;
    assert_ne!(server.postmaster_pid(), 999_999, "a fresh postmaster.pid");
    let took = stop(server).await;
    eprintln!(
        "stale pid: first ready {first_ready:?}, ready over stale pid {second_ready:?}, \
         stop {took:?}"
    );
}

/// While the embedded PostgreSQL is down the API says "try again" (503 with
/// `Retry-After`), and the node's watchdog starts the database again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_database_gives_503_and_is_restarted() {
    let tmp = TempDir::new("outage");
    let client = client();
    let (server, _) = start(free_port(), tmp.path(), &client, FIRST_START).await;
    let token = sign_in_demo_customer(&server, &client).await;
    let me = server.url("/api/v1/users/me");
    let before = server.postmaster_pid();
    signal(before, "KILL");
    // The requests after the kill find the database gone (a pooled
    // connection's backend may answer for a moment before it notices its
    // postmaster died: asked again until the 503 comes, within seconds).
    let outage = Instant::now() + Duration::from_secs(5);
    let (status, retry, body) = loop {
        let r = client.get(&me).bearer_auth(&token).send().await.unwrap();
        let status = r.status();
        let retry = r.headers().get("retry-after").cloned();
        let body: Value = r.json().await.unwrap_or(Value::Null);
        if status != 200 || Instant::now() > outage {
            break (status, retry, body);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(status, 503, "{body}\n{}", server.output());
    assert_eq!(body["error"]["code"], "SERVICE_UNAVAILABLE");
    assert!(retry.is_some(), "Retry-After on a 503");
    // Then the watchdog brings it back, with its data.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = client.get(&me).bearer_auth(&token).send().await.unwrap();
        if r.status() == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the database did not come back: {}\n{}",
            r.status(),
            server.output()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after = server.postmaster_pid();
    assert_ne!(before, after, "a new postmaster runs");
    stop(server).await;
}
