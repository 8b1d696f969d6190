//! End-to-end tests against the PostgreSQL binaries installed on the machine.

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use embedded_pg::EmbeddedPostgres;
use sqlx::{Connection as _, PgConnection};

/// A scratch data directory that is removed at the end of the test, after
/// stopping any server a failed test left running in it (so that a failing
/// test does not leak a postgres process).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("embedded-pg-{name}-{}-{nanos}", std::process::id()));
        Scratch(dir)
    }

    fn root(&self) -> &Path {
        &self.0
    }

    fn pid_file(&self) -> PathBuf {
        self.0.join("postgres").join("postmaster.pid")
    }

    fn server_pid(&self) -> i32 {
        let text = std::fs::read_to_string(self.pid_file()).expect("postmaster.pid");
        text.lines().next().unwrap().trim().parse().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.pid_file().exists()
            && let Some(bin) = EmbeddedPostgres::find_bin_dir()
        {
            let mut cmd = std::process::Command::new(bin.join("pg_ctl"));
            cmd.args(["stop", "-m", "immediate", "-w", "-D"])
                .arg(self.0.join("postgres"))
                .current_dir(&self.0);
            // SAFETY: geteuid has no preconditions.
            if unsafe { libc::geteuid() } == 0 {
                let (uid, gid) = postgres_ids();
                cmd.uid(uid).gid(gid);
            }
            let _ = cmd.output();
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn postgres_ids() -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|l| l.starts_with("postgres:"))
        .expect("postgres user");
    let fields: Vec<&str> = line.split(':').collect();
    (fields[2].parse().unwrap(), fields[3].parse().unwrap())
}

/// Zombies count as gone: they hold nothing and may never be reaped in a
/// container.
fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only probes.
    if unsafe { libc::kill(pid, 0) } != 0
        && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
    {
        return false;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !matches!(
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next()),
            Some("Z" | "X")
        ),
        Err(_) => false,
    }
}

async fn connect(pg: &EmbeddedPostgres, db: &str) -> PgConnection {
    let url = pg.url(db);
    PgConnection::connect(&url)
        .await
        .unwrap_or_else(|err| panic!("connecting to {url}: {err}"))
}

async fn start_time(pg: &EmbeddedPostgres) -> String {
    let mut conn = connect(pg, "postgres").await;
    let time: String = sqlx::query_scalar("SELECT pg_postmaster_start_time()::text")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    time
}

#[tokio::test(flavor = "multi_thread")]
async fn start_stop_restart_keeps_data() {
    let scratch = Scratch::new("persist");
    // A nested, not yet existing directory must be created.
    let root = scratch.root().join("nested").join("data");

    let pg = EmbeddedPostgres::start(&root, "qitaa").await.unwrap();
    let mut conn = connect(&pg, "qitaa").await;
    let one: i32 = sqlx::query_scalar("SELECT 1")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(one, 1);
    sqlx::raw_sql("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello')")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    let pid_file = root.join("postgres").join("postmaster.pid");
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(alive(pid));
    pg.stop().await.unwrap();
    assert!(!pid_file.exists(), "postmaster.pid left behind");
    assert!(!alive(pid), "postgres {pid} still running after stop");

    let pg = EmbeddedPostgres::start(&root, "qitaa").await.unwrap();
    let mut conn = connect(&pg, "qitaa").await;
    let kept: String = sqlx::query_scalar("SELECT v FROM kept")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(kept, "hello");
    conn.close().await.unwrap();
    pg.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn recovers_from_stale_postmaster_pid() {
    let scratch = Scratch::new("stale");
    let root = scratch.root();
    EmbeddedPostgres::start(root, "qitaa")
        .await
        .unwrap()
        .stop()
        .await
        .unwrap();

    // A crash leaves postmaster.pid naming a PID that no longer exists...
    let data_dir = root.join("postgres");
    let stale = format!(
        "999999\n{}\n1700000000\n5432\n{}\n\n  5432001     32768\nready   \n",
        data_dir.display(),
        root.join("postgres-run").display()
    );
    std::fs::write(scratch.pid_file(), &stale).unwrap();
    std::fs::write(root.join("postgres-run/.s.PGSQL.5432.lock"), &stale).unwrap();
    let pg = EmbeddedPostgres::start(root, "qitaa").await.unwrap();
    let mut conn = connect(&pg, "qitaa").await;
    sqlx::query("SELECT 1").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    pg.stop().await.unwrap();

    // ...or, after a reboot, a PID reused by an unrelated live process.
    let unrelated = stale.replacen("999999", &std::process::id().to_string(), 1);
    std::fs::write(scratch.pid_file(), &unrelated).unwrap();
    let pg = EmbeddedPostgres::start(root, "qitaa").await.unwrap();
    let mut conn = connect(&pg, "qitaa").await;
    sqlx::query("SELECT 1").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    let pid = scratch.server_pid();
    pg.stop().await.unwrap();
    assert!(!alive(pid));
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_shared_starts_share_one_server() {
    let scratch = Scratch::new("shared");
    let root = scratch.root().to_path_buf();

    let tasks: Vec<_> = ["first", "second"]
        .into_iter()
        .map(|db| {
            let root = root.clone();
            tokio::spawn(async move { EmbeddedPostgres::start_shared(&root, db).await })
        })
        .collect();
    let mut clusters = Vec::new();
    for task in tasks {
        clusters.push(task.await.unwrap().unwrap());
    }
    let (a, b) = (&clusters[0], &clusters[1]);
    assert_eq!(a.url("x"), b.url("x"));
    assert_eq!(start_time(a).await, start_time(b).await);
    // Each start created its database on the same server.
    connect(a, "second").await.close().await.unwrap();
    connect(b, "first").await.close().await.unwrap();

    // Dropping shared handles leaves the server up, and a later shared start
    // reuses it instead of restarting.
    let before = start_time(a).await;
    let pid = scratch.server_pid();
    drop(clusters);
    assert!(alive(pid));
    let again = EmbeddedPostgres::start_shared(&root, "first")
        .await
        .unwrap();
    assert_eq!(start_time(&again).await, before);
    assert_eq!(scratch.server_pid(), pid);

    // An exclusive start takes over a server it did not start by restarting it.
    let owned = EmbeddedPostgres::start(&root, "first").await.unwrap();
    assert!(!alive(pid), "the old server should have been stopped");
    assert_ne!(scratch.server_pid(), pid);
    drop(again);
    owned.stop().await.unwrap();
    assert!(!scratch.pid_file().exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_an_owned_cluster_stops_it() {
    let scratch = Scratch::new("drop");
    let pg = EmbeddedPostgres::start(scratch.root(), "qitaa")
        .await
        .unwrap();
    let pid = scratch.server_pid();
    drop(pg);
    assert!(!scratch.pid_file().exists());
    // pg_ctl returns when postmaster.pid is gone, a moment before the exit.
    for _ in 0..100 {
        if !alive(pid) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("postgres {pid} still running after drop");
}
