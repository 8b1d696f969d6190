//! Schemathesis against the live server's `/docs/openapi.json`: every
//! operation, as the demo customer and as the super admin, each on its own
//! seeded server. The run fails on any server error and on any answer whose
//! status, content type or body the document does not describe; schema-valid
//! inputs the server refuses are counted and printed, not failed on.
//!
//! Schemathesis comes from PyPI, pinned with hashes in
//! `tests/schemathesis/requirements.txt`, and is installed into
//! `target/schemathesis-venv` on first use (Python 3.11 with `venv`; `.ci/run`
//! installs `python3-venv` where it lacks). Reports land in
//! `target/tmp/schemathesis/<role>-<n>/` (output, JUnit, the configuration).
//! Knobs for a local run: `QITAA_SCHEMATHESIS_EXAMPLES` (fuzzing cases per
//! operation), `QITAA_SCHEMATHESIS_SEED`, `QITAA_SCHEMATHESIS_ARGS` (extra
//! arguments, e.g. `--phases fuzzing`), `QITAA_SCHEMATHESIS_SERVE=<seconds>`
//! (start the two servers, print their addresses and tokens, and wait).

#[allow(dead_code)]
#[path = "api/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use harness::TestApp;
use serde_json::Value;
use tokio::process::Command;

const CUSTOMER: &str = "+966500000001";
const SUPER_ADMIN: &str = "+966500000000";

/// Cases per operation in the fuzzing phase unless `QITAA_SCHEMATHESIS_EXAMPLES`
/// says otherwise (the coverage phase adds its own, a few dozen per
/// operation): what keeps the whole run within about four minutes here.
const DEFAULT_EXAMPLES: u32 = 40;

/// Schemathesis processes per role: one worker each (see `--workers`), so the
/// server's latency overlaps across processes instead.
const CUSTOMER_SHARDS: usize = 1;
const ADMIN_SHARDS: usize = 2;

/// The customer's run leaves out the admin platform: every admin operation
/// answers a customer 403 (documented on each, see `openapi_doc`), and the
/// super admin's run fuzzes them all.
const ADMIN_PREFIX: &str = "/api/v1/admin/";

/// A fixed seed, so a failure seen once is seen again.
const DEFAULT_SEED: u64 = 20_260_101;

/// The checks that must pass.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance";

/// Operations left out of the run, each with why it cannot be fuzzed
/// meaningfully: (operation id, operation, reason). None so far: sign-out
/// takes a refresh token, which the run never sends, so it cannot end the
/// run's session; an admin cannot suspend, approve or re-permission their own
/// account (409), and a deletion is finalised only once due; uploads are
/// multipart bodies schemathesis builds well enough (the 415s and 422s are
/// documented). The end of the test checks that both tokens still work.
const EXCLUDED: &[(&str, &str, &str)] = &[];

fn requirements() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemathesis/requirements.txt")
}

/// `target/schemathesis-venv` with the pinned packages, made once; remade
/// when the requirements change.
fn venv() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target directory")
        .to_path_buf();
    let dir = target.join("schemathesis-venv");
    let wanted = std::fs::read_to_string(requirements()).expect("the requirements file");
    let stamp = dir.join("installed-requirements.txt");
    let bin = dir.join("bin/schemathesis");
    if bin.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&wanted) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    run(std::process::Command::new(&python)
        .args(["-m", "venv"])
        .arg(&dir));
    run(std::process::Command::new(dir.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-r",
        ])
        .arg(requirements()));
    std::fs::write(&stamp, wanted).unwrap();
    dir
}

fn run(cmd: &mut std::process::Command) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("{cmd:?} did not start: {e}"));
    assert!(status.success(), "{cmd:?} failed: {status}");
}

/// Where path parameters find real ids: the path segment before a parameter
/// names its resource, and the query lists some of that resource's ids in
/// the role's database. Half the generated cases take one of them (the rest
/// stay random), so the operations reach their objects, not only 404s.
const RESOURCES: &[(&str, &str)] = &[
    ("addresses", "SELECT id::text FROM addresses"),
    (
        "admins",
        "SELECT id::text FROM users WHERE role IN ('ADMIN', 'SUPER_ADMIN')",
    ),
    ("body-types", "SELECT id::text FROM body_types"),
    ("broadcasts", "SELECT id::text FROM broadcasts"),
    ("car-makes", "SELECT id::text FROM car_makes"),
    ("car-models", "SELECT id::text FROM car_models"),
    ("cashback-rules", "SELECT id::text FROM cashback_rules"),
    ("categories", "SELECT id::text FROM categories"),
    ("chats", "SELECT id::text FROM chat_threads"),
    ("companies", "SELECT id::text FROM companies"),
    ("coupons", "SELECT id::text FROM coupons"),
    ("deletion-requests", "SELECT id::text FROM users"),
    ("devices", "SELECT token FROM devices"),
    ("employees", "SELECT user_id::text FROM store_employees"),
    ("items", "SELECT id::text FROM cart_items"),
    ("jobs", "SELECT id::text FROM jobs"),
    ("media", "SELECT id::text FROM media_files"),
    (
        "notification-templates",
        "SELECT DISTINCT event FROM notification_templates",
    ),
    ("notifications", "SELECT id::text FROM notifications"),
    ("orders", "SELECT id::text FROM orders"),
    ("products", "SELECT id::text FROM products"),
    ("reviews", "SELECT id::text FROM reviews"),
    ("services", "SELECT id::text FROM services"),
    ("sessions", "SELECT id::text FROM payment_sessions"),
    ("store-types", "SELECT id::text FROM store_types"),
    ("stores", "SELECT id::text FROM stores"),
    ("users", "SELECT id::text FROM users"),
    // `/favorites/{type}/{id}`: a product or a store.
    (
        "{type}",
        "SELECT id::text FROM products UNION ALL SELECT id::text FROM stores",
    ),
];

/// The schemathesis configuration of one role: a dictionary of real ids per
/// resource, bound to the path parameters that name it.
async fn config(app: &TestApp, doc: &Value) -> String {
    let mut out = String::new();
    let mut known = Vec::new();
    for (resource, sql) in RESOURCES {
        let ids: Vec<String> = sqlx::query_scalar(&format!("{sql} ORDER BY 1 LIMIT 50"))
            .fetch_all(&app.db)
            .await
            .unwrap_or_else(|e| panic!("ids of {resource}: {e}"));
        if ids.is_empty() {
            continue;
        }
        let values: Vec<String> = ids.iter().map(|v| format!("{v:?}")).collect();
        out.push_str(&format!(
            "[dictionaries.{:?}]\nvalues = [{}]\n\n",
            resource,
            values.join(", ")
        ));
        known.push(*resource);
    }
    for path in doc["paths"].as_object().expect("paths").keys() {
        let segments: Vec<&str> = path.split('/').collect();
        let mut bindings = Vec::new();
        for (i, s) in segments.iter().enumerate().skip(1) {
            let Some(name) = s.strip_prefix('{').and_then(|n| n.strip_suffix('}')) else {
                continue;
            };
            let resource = segments[i - 1];
            if known.contains(&resource) {
                bindings.push(format!(
                    "{:?} = {{ dictionary = {resource:?}, probability = 0.5 }}",
                    format!("path.{name}")
                ));
            }
        }
        if !bindings.is_empty() {
            out.push_str(&format!(
                "[[operations]]\ninclude-path = {path:?}\nparameters = {{ {} }}\n\n",
                bindings.join(", ")
            ));
        }
    }
    out
}

/// One schemathesis process: a role's token on its own server, some operations.
struct Shard<'a> {
    role: &'static str,
    index: usize,
    app: &'a TestApp,
    token: &'a str,
    /// The role's schemathesis configuration (see [`config`]).
    config: &'a str,
    operations: Vec<String>,
}

/// What one process reported.
struct Outcome {
    name: String,
    operations: usize,
    cases: u64,
    elapsed: Duration,
    /// Failures by schemathesis code and title, e.g. `ST108 Response violates schema`.
    failures: Vec<(String, u64)>,
    /// Errors of the run itself (a schema it cannot read, a crash).
    errors: Vec<(String, u64)>,
    report: PathBuf,
}

/// The code of `positive_data_acceptance`: a schema-valid input refused. It is
/// only counted, since business rules (a wrong OTP, an empty cart, an unknown
/// make) refuse well-formed inputs too.
const INFORMATIONAL: &str = "ST202";

impl Outcome {
    fn blocking(&self) -> Vec<&(String, u64)> {
        self.failures
            .iter()
            .filter(|(what, _)| !what.starts_with(INFORMATIONAL))
            .collect()
    }

    fn refused_valid(&self) -> u64 {
        self.failures
            .iter()
            .filter(|(what, _)| what.starts_with(INFORMATIONAL))
            .map(|(_, n)| n)
            .sum()
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The operation ids of the document, split round-robin (in path order) into
/// `shards` groups; `skip` leaves paths out.
fn plan(doc: &Value, shards: usize, skip: impl Fn(&str) -> bool) -> Vec<Vec<String>> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if skip(path) {
            continue;
        }
        for op in item.as_object().expect("a path item").values() {
            if let Some(id) = op["operationId"].as_str()
                && !EXCLUDED.iter().any(|(x, ..)| *x == id)
            {
                ops.push(id.to_owned());
            }
        }
    }
    let mut out = vec![Vec::new(); shards];
    for (i, id) in ops.into_iter().enumerate() {
        out[i % shards].push(id);
    }
    out
}

async fn fuzz(venv: &Path, shard: Shard<'_>) -> Outcome {
    let examples: u32 = env_or("QITAA_SCHEMATHESIS_EXAMPLES", DEFAULT_EXAMPLES);
    let seed: u64 = env_or("QITAA_SCHEMATHESIS_SEED", DEFAULT_SEED);
    let name = format!("{}-{}", shard.role, shard.index + 1);
    let reports = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("schemathesis")
        .join(&name);
    let _ = std::fs::remove_dir_all(&reports);
    std::fs::create_dir_all(&reports).unwrap();
    let base = &shard.app.base;
    let config = reports.join("schemathesis.toml");
    std::fs::write(&config, shard.config).unwrap();
    let mut cmd = Command::new(venv.join("bin/schemathesis"));
    cmd.arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(format!("{base}/docs/openapi.json"))
        .args(["--url", base])
        .args(["--checks", &format!("{CHECKS},positive_data_acceptance")])
        .args(["--max-examples", &examples.to_string()])
        .args(["--seed", &seed.to_string()])
        .args(["--generation-database", "none"])
        // NUL is refused on purpose (a documented 422); strings with it
        // would only test that one rule again and again.
        .args(["--generation-allow-x00", "false"])
        // Every failure of an operation, not only its first.
        .arg("--continue-on-failure")
        .args([
            "--header",
            &format!("Authorization: Bearer {}", shard.token),
        ])
        .args(["--header", "Accept-Language: en"])
        .args(["--request-timeout", "30"])
        // One worker: Python 3.11's `ast` is not safe across threads, and
        // Hypothesis reads lambda sources while it generates.
        .args(["--workers", "1"])
        .arg("--no-color")
        .args(["--report", "junit"])
        .arg("--report-dir")
        .arg(&reports);
    for id in &shard.operations {
        cmd.args(["--include-operation-id", id]);
    }
    if let Ok(extra) = std::env::var("QITAA_SCHEMATHESIS_ARGS") {
        cmd.args(extra.split_whitespace());
    }
    // Schemathesis keeps state in `.schemathesis/` of its working directory.
    cmd.current_dir(&reports)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let started = Instant::now();
    let out = cmd.output().await.expect("schemathesis runs");
    let elapsed = started.elapsed();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report = reports.join("output.txt");
    std::fs::write(&report, &output).unwrap();
    Outcome {
        name,
        operations: shard.operations.len(),
        cases: cases_in(&output),
        elapsed,
        failures: summary_section(&output, "Failures:"),
        errors: summary_section(&output, "Errors:"),
        report,
    }
}

/// The lines of one section of schemathesis' closing summary, e.g.
/// `❌ ST108 Response violates schema: 2` under `Failures:`.
fn summary_section(output: &str, heading: &str) -> Vec<(String, u64)> {
    let summary = output.rsplit_once(" SUMMARY ").map_or("", |(_, s)| s);
    let mut lines = summary.lines().map(str::trim);
    if lines.by_ref().find(|l| *l == heading).is_none() {
        return Vec::new();
    }
    lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let l = l.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
            let (what, n) = l.rsplit_once(':')?;
            Some((what.trim().to_owned(), n.trim().parse().ok()?))
        })
        .collect()
}

/// The number in schemathesis' summary, "Test cases:" then "N generated, …".
fn cases_in(output: &str) -> u64 {
    let mut lines = output.lines().map(str::trim);
    lines.find(|l| l.starts_with("Test cases:"));
    lines
        .find(|l| !l.is_empty())
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.replace(',', "").parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_schema_mismatch() {
    let venv = tokio::task::spawn_blocking(venv).await.unwrap();
    // One server each: what the super admin deletes or suspends does not
    // change what the customer's run finds.
    let customer_app = TestApp::spawn().await;
    let admin_app = TestApp::spawn().await;
    let customer = customer_app.token_of(CUSTOMER).await;
    let admin = admin_app.token_of(SUPER_ADMIN).await;
    if let Ok(secs) = std::env::var("QITAA_SCHEMATHESIS_SERVE") {
        // For trying schemathesis by hand against the two servers.
        println!("customer: {} {customer}", customer_app.base);
        println!("super admin: {} {admin}", admin_app.base);
        tokio::time::sleep(Duration::from_secs(secs.parse().unwrap_or(600))).await;
        return;
    }
    let doc = customer_app.get("/docs/openapi.json", None).await.body;
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schemathesis");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openapi.json"), doc.to_string()).unwrap();
    let customer_config = config(&customer_app, &doc).await;
    let admin_config = config(&admin_app, &doc).await;
    let mut shards = Vec::new();
    let customer_plan = plan(&doc, CUSTOMER_SHARDS, |p| p.starts_with(ADMIN_PREFIX));
    for (index, operations) in customer_plan.into_iter().enumerate() {
        shards.push(Shard {
            role: "customer",
            index,
            app: &customer_app,
            token: &customer,
            config: &customer_config,
            operations,
        });
    }
    for (index, operations) in plan(&doc, ADMIN_SHARDS, |_| false).into_iter().enumerate() {
        shards.push(Shard {
            role: "super-admin",
            index,
            app: &admin_app,
            token: &admin,
            config: &admin_config,
            operations,
        });
    }
    let started = Instant::now();
    let outcomes = futures_util::future::join_all(shards.into_iter().map(|s| fuzz(&venv, s))).await;
    let total = started.elapsed();
    for o in &outcomes {
        println!(
            "schemathesis {}: {} operations, {} cases in {:.0?}; failures {:?}; errors {:?}; \
             schema-valid inputs refused: {} (informational); report {}",
            o.name,
            o.operations,
            o.cases,
            o.elapsed,
            o.blocking(),
            o.errors,
            o.refused_valid(),
            o.report.display(),
        );
    }
    println!(
        "schemathesis {}: {} cases in all, {:.0?}; excluded: {}",
        version(),
        outcomes.iter().map(|o| o.cases).sum::<u64>(),
        total,
        if EXCLUDED.is_empty() {
            "nothing".to_owned()
        } else {
            EXCLUDED
                .iter()
                .map(|(id, op, why)| format!("{op} [{id}] ({why})"))
                .collect::<Vec<_>>()
                .join("; ")
        }
    );
    for o in &outcomes {
        assert!(
            o.cases > 0,
            "schemathesis {} ran no case: see {}",
            o.name,
            o.report.display()
        );
        assert!(
            o.blocking().is_empty() && o.errors.is_empty(),
            "schemathesis {} found {:?} and errors {:?}: see {}",
            o.name,
            o.blocking(),
            o.errors,
            o.report.display()
        );
    }
    for (role, app, token) in [
        ("customer", &customer_app, &customer),
        ("super admin", &admin_app, &admin),
    ] {
        let me = app.get("/api/v1/users/me", Some(token)).await;
        assert_eq!(
            me.status, 200,
            "the {role}'s token no longer works after the run: an operation ended it and must be excluded: {me:?}"
        );
    }
}

/// A radius far below a metre made `earth_box` underflow (a 500); found by
/// this run, kept here as a plain case.
#[tokio::test]
async fn nearest_stores_within_a_vanishing_radius_are_an_answer() {
    let app = TestApp::spawn().await;
    let r = app
        .get(
            "/api/v1/stores/nearest?lat=-90&lng=-180&radiusKm=5e-324&page=1&perPage=1",
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
}

/// The pinned schemathesis release, as the requirements file names it.
fn version() -> String {
    std::fs::read_to_string(requirements())
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("schemathesis=="))
        .map(|v| v.trim_end_matches([' ', '\\']).to_owned())
        .unwrap_or_default()
}
