//! The official socket.io v4 JavaScript client (from npm, run by Node),
//! scripted by `client.mjs`, for the Rust integration tests. Shared by the
//! API tests and the two-node test.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

fn js_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

/// Installs the pinned client from the committed lock file once.
async fn ensure_client() {
    static ONCE: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    ONCE.get_or_init(|| async {
        if js_dir().join("node_modules/socket.io-client").exists() {
            return;
        }
        let ok = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(js_dir())
            .status()
            .await
            .expect("npm runs")
            .success();
        assert!(ok, "npm ci of the socket.io client failed");
    })
    .await;
}

pub struct JsClient {
    child: Child,
    lines: mpsc::UnboundedReceiver<Value>,
    pub seen: Vec<Value>,
}

impl JsClient {
    pub async fn start(base: &str, token: &str, env: &[(&str, &str)]) -> JsClient {
        ensure_client().await;
        let mut cmd = Command::new("node");
        cmd.arg(js_dir().join("client.mjs"))
            .env("QITAA_URL", base)
            .env("QITAA_TOKEN", token)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("node runs");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut reader = BufReader::new(stdout).lines();
            while let Ok(Some(line)) = reader.next_line().await {
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    let _ = tx.send(v);
                }
            }
        });
        JsClient {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The next event named `event` (every line read is kept in `seen`).
    pub async fn next(&mut self, event: &str) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let line = tokio::time::timeout_at(deadline, self.lines.recv())
                .await
                .unwrap_or_else(|_| panic!("no {event} event; saw {:?}", self.seen))
                .unwrap_or_else(|| panic!("the client ended before {event}; saw {:?}", self.seen));
            self.seen.push(line.clone());
            if line["event"] == event {
                return line["data"].clone();
            }
        }
    }

    /// The next event named `event` within `wait`, if one comes.
    #[allow(dead_code, reason = "each test target uses part of this shared client")]
    pub async fn next_within(&mut self, event: &str, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let line = tokio::time::timeout_at(deadline, self.lines.recv())
                .await
                .ok()??;
            self.seen.push(line.clone());
            if line["event"] == event {
                return Some(line["data"].clone());
            }
        }
    }

    /// The next `chat:message` whose body is `body`.
    pub async fn message(&mut self, body: &str) -> Value {
        loop {
            let m = self.next("chat:message").await;
            if m["body"] == body {
                return m;
            }
        }
    }
}

impl Drop for JsClient {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
