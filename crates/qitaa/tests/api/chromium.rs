//! Headless Chromium for the browser tests: Debian's `chromium` and
//! `chromedriver` (`.ci/run` installs them), one driver and profile per test.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

pub struct Driver {
    child: Child,
    port: u16,
    profile: std::path::PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[allow(
    clippy::zombie_processes,
    reason = "Driver's Drop kills and waits for the child"
)]
pub async fn start_driver() -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (Debian package chromium-driver; .ci/run installs it)");
    let profile = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chromium-{}", uuid::Uuid::new_v4()));
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Driver {
                child,
                port,
                profile,
            };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

pub async fn browser(driver: &Driver) -> Client {
    client(driver, None).await
}

/// A phone: a 390 × 844 viewport (device metrics emulated; headless windows
/// stay at least 500 px wide otherwise), touch and a phone's user agent.
pub async fn phone(driver: &Driver) -> Client {
    client(
        driver,
        Some(json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1.0, "touch": true, "mobile": true}})),
    )
    .await
}

async fn client(driver: &Driver, mobile: Option<serde_json::Value>) -> Client {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("chromium is installed (Debian package chromium; .ci/run installs it)");
    let mut caps = serde_json::Map::new();
    let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", format!("--user-data-dir={}", driver.profile.display()),
            ],
    });
    if let Some(m) = mobile {
        options["mobileEmulation"] = m;
    }
    caps.insert("goog:chromeOptions".into(), options);
    qitaa::boot::install_tls_provider();
    ClientBuilder::rustls()
        .expect("TLS roots")
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session")
}

pub async fn page_dir(c: &Client) -> (String, String, String) {
    let v = c
        .execute(
            "return [document.documentElement.getAttribute('dir'), document.documentElement.lang, getComputedStyle(document.body).direction];",
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_str().unwrap_or("").to_owned(),
        v[1].as_str().unwrap_or("").to_owned(),
        v[2].as_str().unwrap_or("").to_owned(),
    )
}

/// Signs in through a surface's OTP form (`sign_in_url` is its sign-in
/// page, with `?lang=` when wanted) with the demo code, and waits for the
/// page the surface opens on (one with `#page-title`).
pub async fn sign_in(
    c: &Client,
    sign_in_url: &str,
    phone: &str,
) -> Result<(), fantoccini::error::CmdError> {
    c.goto(sign_in_url).await?;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("phone"))
        .await?
        .send_keys(phone)
        .await?;
    c.find(Locator::Id("send-code")).await?.click().await?;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("code"))
        .await?
        .send_keys("123456")
        .await?;
    c.find(Locator::Id("verify")).await?.click().await?;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("page-title"))
        .await?;
    Ok(())
}

/// Answers the design system's confirm dialog (the page's own `<dialog>`,
/// never `confirm()` or `prompt()`): types `answer` when it asks for one,
/// then confirms.
pub async fn answer_dialog(
    c: &Client,
    answer: Option<&str>,
) -> Result<(), fantoccini::error::CmdError> {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#confirm-dialog[open]"))
        .await?;
    if let Some(text) = answer {
        c.find(Locator::Css("#confirm-answer-text"))
            .await?
            .send_keys(text)
            .await?;
    }
    c.find(Locator::Css("#confirm-dialog .confirm-ok"))
        .await?
        .click()
        .await?;
    Ok(())
}

/// Waits for a toast whose text contains `text`, and returns its text. The
/// toasts are read in the page (a toast that goes while being read, or a
/// page that reloads, is read again on the next turn).
pub async fn toast(c: &Client, text: &str) -> Result<String, fantoccini::error::CmdError> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let found = c
            .execute(
                "return [...document.querySelectorAll('#toasts .toast-text')].map(t => t.textContent).find(t => t.includes(arguments[0])) || null;",
                vec![json!(text)],
            )
            .await;
        if let Ok(serde_json::Value::String(s)) = found {
            return Ok(s);
        }
        if std::time::Instant::now() > deadline {
            panic!("no toast with {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs a Chrome DevTools command in the client's session through
/// chromedriver's `goog/cdp/execute` endpoint.
pub async fn cdp(driver: &Driver, c: &Client, cmd: &str, params: serde_json::Value) {
    let session = c
        .session_id()
        .await
        .expect("a session")
        .expect("a session id");
    let res = reqwest::Client::new()
        .post(format!(
            "http://127.0.0.1:{}/session/{session}/goog/cdp/execute",
            driver.port
        ))
        .json(&json!({"cmd": cmd, "params": params}))
        .send()
        .await
        .expect("chromedriver answers");
    assert!(
        res.status().is_success(),
        "{cmd}: {}",
        res.text().await.unwrap_or_default()
    );
}

/// Lets `origin` read the position and fakes the device's position there.
pub async fn fake_position(driver: &Driver, c: &Client, origin: &str, at: (f64, f64)) {
    cdp(
        driver,
        c,
        "Browser.grantPermissions",
        json!({"permissions": ["geolocation"], "origin": origin}),
    )
    .await;
    cdp(
        driver,
        c,
        "Emulation.setGeolocationOverride",
        json!({"latitude": at.0, "longitude": at.1, "accuracy": 5}),
    )
    .await;
}
