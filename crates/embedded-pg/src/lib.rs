//! A private PostgreSQL cluster living under an application's data directory.
//!
//! The point is that a developer (or a test run) gets a working database
//! without configuring one, using the PostgreSQL server binaries that are
//! already installed on the machine. Nothing is downloaded: if no binaries
//! are found, [`StartError::NoBinaries`] tells the user how to get them or how
//! to point the application at an existing server instead.
//!
//! Layout under the data directory `root`:
//! - `postgres/`: the cluster (created by `initdb` on first use, in
//!   `postgres.initdb/` and renamed into place once complete);
//! - `postgres-run/`: the Unix socket; the server listens nowhere else, so
//!   several clusters (and a system-wide PostgreSQL) coexist on one machine
//!   without port clashes, and nothing is reachable over the network;
//! - `postgres.log`: the server log;
//! - `embedded-pg.lock`: serialises starts between processes.

mod bins;
mod os;

use std::fmt;
use std::fs;
use std::io;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow, bail};
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::{ConnectOptions as _, Connection as _};

use os::ServerUser;

/// Only a Unix socket is used, so the port merely names the socket file
/// (`.s.PGSQL.5432`); the conventional value keeps that name familiar.
const PORT: u16 = 5432;

/// The superuser `initdb` creates; a fixed name (rather than the OS user)
/// keeps URLs identical no matter which account created the cluster.
const SUPERUSER: &str = "postgres";

/// `sun_path` holds 108 bytes including the terminating NUL; PostgreSQL
/// refuses longer socket paths, so we fail early with a clearer message.
const MAX_SOCKET_PATH: usize = 107;

/// PostgreSQL silently truncates longer identifiers, which would make the
/// database we check for differ from the one we create.
const MAX_DATABASE_NAME: usize = 63;

/// Settings tied to the cluster's current location live in a file rewritten
/// on every start and included last from `postgresql.conf`, so a moved data
/// directory (or a changed default here) takes effect without us editing the
/// user-visible configuration each time.
const SETTINGS_FILE: &str = "embedded-pg.conf";
const INCLUDE_LINE: &str = "include_if_exists = 'embedded-pg.conf'";

/// Variables libpq-based tools (pg_ctl included) read as defaults; one
/// inherited from the user's shell (say `PGPORT` or `PGDATA` for another
/// cluster) must not redirect our commands to a different server.
const CLEARED_ENV: [&str; 11] = [
    "PGDATA",
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGUSER",
    "PGDATABASE",
    "PGOPTIONS",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGSSLMODE",
    "PGCONNECT_TIMEOUT",
];

/// How long `pg_ctl` may wait for the server to start or stop; crash
/// recovery after an unclean shutdown can take a while on a busy dev cluster.
const PG_CTL_TIMEOUT_SECS: &str = "60";

/// Why the cluster could not be started.
///
/// `NoBinaries` is separate because it is the one failure a user fixes by
/// installing something (or by configuring an external database instead), so
/// callers may want to present it differently from a genuine malfunction.
#[derive(Debug)]
pub enum StartError {
    NoBinaries,
    Other(anyhow::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::NoBinaries => f.write_str(
                "no PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on PATH or \
                 in /usr/lib/postgresql/*/bin, so install Debian's `postgresql` package (e.g. \
                 `apt-get install postgresql`) or set DATABASE_URL to an existing PostgreSQL \
                 server",
            ),
            // The alternate form prints the whole context chain: the failing
            // command and the log tail sit in inner layers and are what a user
            // needs. `source` stays empty so that reporters walking the chain
            // do not print everything twice.
            StartError::Other(err) => write!(f, "{err:#}"),
        }
    }
}

impl std::error::Error for StartError {}

impl From<anyhow::Error> for StartError {
    fn from(err: anyhow::Error) -> Self {
        StartError::Other(err)
    }
}

/// A running cluster.
///
/// An owned cluster (from [`EmbeddedPostgres::start`]) is stopped on drop as a
/// last resort, so that a panic or an early return does not leave a server
/// running in the background; prefer [`EmbeddedPostgres::stop`], which does
/// not block an async worker thread. A shared cluster (from
/// [`EmbeddedPostgres::start_shared`]) is left running on drop because other
/// processes may be using it.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    bin_dir: PathBuf,
    root: PathBuf,
    data_dir: PathBuf,
    socket_dir: PathBuf,
    log_file: PathBuf,
    run_as: Option<ServerUser>,
    shared: bool,
    /// Whether drop has nothing left to do; true until the server is ours.
    stopped: bool,
}

impl EmbeddedPostgres {
    /// Finds a directory holding `initdb`, `pg_ctl` and `postgres`: each
    /// directory of PATH first, so that a user can choose a build by putting
    /// it on PATH, then `/usr/lib/postgresql/*/bin`, highest version first,
    /// which is where Debian installs them (off PATH).
    pub fn find_bin_dir() -> Option<PathBuf> {
        bins::find_bin_dir()
    }

    /// Starts the cluster in `<root>/postgres` for use by this process,
    /// creating `root` and running `initdb` on first use, and creates
    /// `database` if it does not exist yet.
    ///
    /// A server left running for this cluster (by a crashed or killed earlier
    /// run) is stopped and started again, so that this process owns the
    /// server it will later stop. When running as root the server runs as the
    /// unprivileged `postgres` user, which must be able to reach its files, so
    /// `root` is made world-traversable (mode bits 0755 added) if it is not;
    /// the ancestors of `root` are left alone and must already be traversable.
    pub async fn start(root: &Path, database: &str) -> Result<EmbeddedPostgres, StartError> {
        Self::start_inner(root, database, false).await
    }

    /// Like [`EmbeddedPostgres::start`], but for many processes (such as
    /// concurrently running test binaries) sharing one cluster: a server that
    /// is already running and accepting connections is reused instead of
    /// restarted, and the returned value does not stop the server on drop,
    /// because other processes may still be using it.
    pub async fn start_shared(root: &Path, database: &str) -> Result<EmbeddedPostgres, StartError> {
        Self::start_inner(root, database, true).await
    }

    /// A URL that sqlx (and libpq) accept for `database` on this cluster.
    ///
    /// The socket directory goes in the `host` query parameter because a path
    /// cannot be written as a URL host; sqlx treats a `host` value starting
    /// with `/` as a socket directory. It is percent-encoded because query
    /// values are form-decoded (`+` would become a space). The port is
    /// explicit because sqlx would otherwise take `PGPORT` from the
    /// environment and look for the wrong socket file, and TLS is disabled
    /// because it does not apply to Unix sockets, so an inherited
    /// `PGSSLMODE=require` would otherwise make every connection fail.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@localhost:{PORT}/{}?host={}&sslmode=disable",
            percent_encode(database, false),
            percent_encode(&self.socket_dir.to_string_lossy(), true),
        )
    }

    /// Stops the server and waits until its process is gone, so that the
    /// data directory can be removed or reused right away. This also stops a
    /// shared cluster, for whoever orchestrates its users.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.stopped = true;
        self.pg_ctl_stop().await?;
        tracing::info!(data_dir = %self.data_dir.display(), "embedded PostgreSQL stopped");
        Ok(())
    }

    /// Whether this cluster's server process is alive.
    pub fn is_running(&self) -> bool {
        matches!(
            os::read_lock_pid(&self.data_dir.join("postmaster.pid")),
            Ok(Some(pid)) if os::is_postmaster_for(pid, &self.data_dir)
        )
    }

    /// Starts the server again after it died (its stale lock files cleared);
    /// a server found running is left as it is.
    pub async fn restart(&mut self) -> Result<(), StartError> {
        let _lock = lock(&self.root.join("embedded-pg.lock")).await?;
        if self.is_running() {
            return Ok(());
        }
        self.recover_or_reuse().await?;
        self.pg_ctl_start().await?;
        self.stopped = self.shared;
        tracing::info!(data_dir = %self.data_dir.display(), "embedded PostgreSQL restarted");
        Ok(())
    }

    async fn start_inner(
        root: &Path,
        database: &str,
        shared: bool,
    ) -> Result<EmbeddedPostgres, StartError> {
        validate_database_name(database)?;
        // Looked up before touching the disk, so that a machine without
        // PostgreSQL is not left with half a data directory.
        let bin_dir = bins::bin_dir_for(&root.join("postgres")).ok_or(StartError::NoBinaries)?;
        fs::create_dir_all(root)
            .with_context(|| format!("creating data directory {}", root.display()))?;
        let root = fs::canonicalize(root)
            .with_context(|| format!("resolving data directory {}", root.display()))?;
        let mut pg = EmbeddedPostgres {
            bin_dir,
            data_dir: root.join("postgres"),
            socket_dir: root.join("postgres-run"),
            log_file: root.join("postgres.log"),
            root,
            run_as: os::server_user()?,
            shared,
            stopped: true,
        };
        tracing::debug!(bin_dir = %pg.bin_dir.display(), data_dir = %pg.data_dir.display(),
            shared, "starting embedded PostgreSQL");

        let _lock = lock(&pg.root.join("embedded-pg.lock")).await?;
        pg.prepare_root()?;
        if needs_initdb(&pg.data_dir)? {
            pg.initdb().await?;
        }
        pg.prepare_cluster()?;
        if pg.recover_or_reuse().await? {
            tracing::info!(data_dir = %pg.data_dir.display(),
                "reusing running embedded PostgreSQL");
        } else {
            pg.pg_ctl_start().await?;
            pg.stopped = shared;
            tracing::info!(data_dir = %pg.data_dir.display(), "embedded PostgreSQL started");
        }
        pg.ensure_database(database).await?;
        Ok(pg)
    }

    /// Directories and files the server user writes outside its data dir.
    fn prepare_root(&self) -> anyhow::Result<()> {
        if let Some(user) = self.run_as {
            let meta = fs::metadata(&self.root)
                .with_context(|| format!("reading metadata of {}", self.root.display()))?;
            let mode = meta.permissions().mode();
            if mode & 0o001 == 0 {
                tracing::info!(dir = %self.root.display(),
                    "making the data directory traversable for the postgres user");
                fs::set_permissions(
                    &self.root,
                    fs::Permissions::from_mode((mode | 0o755) & 0o7777),
                )
                .with_context(|| format!("making {} traversable", self.root.display()))?;
            }
            if let Some(blocked) = os::untraversable_ancestor(&self.root, user) {
                tracing::warn!(dir = %blocked.display(),
                    "the postgres user probably cannot enter this directory; \
                     the embedded PostgreSQL will likely fail to start");
            }
        }

        let socket_file = self.socket_dir.join(format!(".s.PGSQL.{PORT}"));
        if socket_file.as_os_str().len() > MAX_SOCKET_PATH {
            bail!(
                "the socket path {} is longer than the {MAX_SOCKET_PATH} bytes Unix sockets \
                 allow; use a data directory with a shorter path",
                socket_file.display()
            );
        }
        fs::create_dir_all(&self.socket_dir)
            .with_context(|| format!("creating {}", self.socket_dir.display()))?;
        fs::set_permissions(&self.socket_dir, fs::Permissions::from_mode(0o700))
            .with_context(|| format!("restricting {}", self.socket_dir.display()))?;

        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log_file)
            .with_context(|| format!("creating {}", self.log_file.display()))?;
        if let Some(user) = self.run_as {
            os::chown(&self.socket_dir, user)?;
            os::chown(&self.log_file, user)?;
        }
        Ok(())
    }

    /// Runs initdb into a scratch directory renamed into place on success,
    /// so that an interrupted initdb never leaves a half-made cluster that
    /// would later be mistaken for a real one.
    async fn initdb(&self) -> anyhow::Result<()> {
        let scratch = self.root.join("postgres.initdb");
        let mut failures = Vec::new();
        // C.UTF-8 sorts like C but knows which characters are letters; not
        // every system has it, and plain C always works.
        for locale in ["C.UTF-8", "C"] {
            remove_dir_if_exists(&scratch)?;
            fs::create_dir(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
            fs::set_permissions(&scratch, fs::Permissions::from_mode(0o700))
                .with_context(|| format!("restricting {}", scratch.display()))?;
            if let Some(user) = self.run_as {
                os::chown(&scratch, user)?;
            }
            let mut cmd = self.command("initdb");
            cmd.arg("-D")
                .arg(&scratch)
                .args(["-U", SUPERUSER, "--auth=trust", "--encoding=UTF8"])
                .arg(format!("--locale={locale}"));
            tracing::info!(data_dir = %self.data_dir.display(), locale,
                "creating embedded PostgreSQL cluster");
            match run(cmd).await {
                Ok(_) => {
                    append_include_line(&scratch.join("postgresql.conf"))?;
                    fs::rename(&scratch, &self.data_dir).with_context(|| {
                        format!(
                            "moving {} to {}",
                            scratch.display(),
                            self.data_dir.display()
                        )
                    })?;
                    return Ok(());
                }
                Err(err) => {
                    tracing::debug!(locale, error = %format!("{err:#}"), "initdb failed");
                    failures.push(format!("with --locale={locale}: {err:#}"));
                }
            }
        }
        let _ = fs::remove_dir_all(&scratch);
        let mut msg = format!(
            "initdb could not create a cluster in {}; {}",
            self.data_dir.display(),
            failures.join("; ")
        );
        if let Some(blocked) = self
            .run_as
            .and_then(|u| os::untraversable_ancestor(&self.root, u))
        {
            msg.push_str(&format!(
                "\nhint: the postgres user cannot enter {}; choose a data directory it can reach",
                blocked.display()
            ));
        }
        Err(anyhow!(msg))
    }

    /// Brings an existing cluster to the state the server insists on
    /// (ownership, permissions) and refreshes our settings.
    fn prepare_cluster(&self) -> anyhow::Result<()> {
        let meta = fs::metadata(&self.data_dir)
            .with_context(|| format!("reading metadata of {}", self.data_dir.display()))?;
        if let Some(user) = self.run_as
            && meta.uid() != user.uid
        {
            tracing::info!(data_dir = %self.data_dir.display(),
                "handing the cluster over to the postgres user");
            os::chown_recursive(&self.data_dir, user)?;
        }
        // The server accepts only 0700 or 0750 on its data directory.
        if meta.permissions().mode() & 0o027 != 0 {
            fs::set_permissions(&self.data_dir, fs::Permissions::from_mode(0o700))
                .with_context(|| format!("restricting {}", self.data_dir.display()))?;
        }
        append_include_line(&self.data_dir.join("postgresql.conf"))?;

        let settings = self.data_dir.join(SETTINGS_FILE);
        fs::write(&settings, self.settings())
            .with_context(|| format!("writing {}", settings.display()))?;
        fs::set_permissions(&settings, fs::Permissions::from_mode(0o600))
            .with_context(|| format!("restricting {}", settings.display()))?;
        if let Some(user) = self.run_as {
            os::chown(&settings, user)?;
        }
        Ok(())
    }

    fn settings(&self) -> String {
        // unix_socket_directories is a list: double quotes keep a comma in
        // the path from splitting it; then the whole value is a quoted string.
        let socket_dir = self.socket_dir.to_string_lossy().replace('"', "\"\"");
        format!(
            "# Written by embedded-pg on every start; edits here are lost.\n\
             # Included last from postgresql.conf, so these win over it; use\n\
             # ALTER SYSTEM (postgresql.auto.conf) to override them.\n\
             listen_addresses = ''\n\
             unix_socket_directories = {}\n\
             port = {PORT}\n\
             max_connections = 200\n\
             shared_buffers = 128MB\n\
             fsync = on\n",
            conf_string(&format!("\"{socket_dir}\""))
        )
    }

    /// Deals with a `postmaster.pid` left from an earlier run. Returns true
    /// when a running server should be reused rather than started.
    async fn recover_or_reuse(&self) -> anyhow::Result<bool> {
        let pid_file = self.data_dir.join("postmaster.pid");
        match os::read_lock_pid(&pid_file) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| format!("reading {}", pid_file.display()));
            }
            Ok(Some(pid)) if os::is_postmaster_for(pid, &self.data_dir) => {
                if self.shared && self.wait_accepting(Duration::from_secs(10)).await {
                    return Ok(true);
                }
                tracing::info!(pid, data_dir = %self.data_dir.display(),
                    "restarting a server left running for this cluster");
                self.pg_ctl_stop().await?;
            }
            Ok(pid) => {
                tracing::warn!(?pid, file = %pid_file.display(),
                    "removing stale postmaster.pid left by a server that is no longer running");
                remove_file_if_exists(&pid_file)?;
            }
        }

        // The socket lock is checked separately: it can outlive postmaster.pid
        // when the server died between removing one and the other.
        let socket_lock = self.socket_dir.join(format!(".s.PGSQL.{PORT}.lock"));
        if let Ok(pid) = os::read_lock_pid(&socket_lock)
            && !pid.is_some_and(|pid| os::is_postmaster_for(pid, &self.data_dir))
        {
            tracing::warn!(?pid, file = %socket_lock.display(), "removing stale socket lock");
            remove_file_if_exists(&socket_lock)?;
        }
        Ok(false)
    }

    async fn wait_accepting(&self, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        loop {
            match self.connect("postgres").await {
                Ok(conn) => {
                    let _ = conn.close().await;
                    return true;
                }
                Err(err) if Instant::now() >= deadline => {
                    tracing::info!(error = %format!("{err:#}"),
                        "running server does not accept connections");
                    return false;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    async fn pg_ctl_start(&self) -> anyhow::Result<()> {
        let mut cmd = self.command("pg_ctl");
        cmd.arg("start")
            .arg("-D")
            .arg(&self.data_dir)
            .args(["-w", "-t", PG_CTL_TIMEOUT_SECS, "-l"])
            .arg(&self.log_file);
        let log_start = os::file_len(&self.log_file);
        run(cmd)
            .await
            .map_err(|err| anyhow!("{err:#}\n{}", os::log_tail(&self.log_file, log_start)))
            .with_context(|| format!("starting PostgreSQL in {}", self.data_dir.display()))?;
        Ok(())
    }

    async fn pg_ctl_stop(&self) -> anyhow::Result<()> {
        let pid_file = self.data_dir.join("postmaster.pid");
        let pid = os::read_lock_pid(&pid_file).ok().flatten();
        if !pid_file.exists() {
            return Ok(());
        }
        let log_start = os::file_len(&self.log_file);
        if let Err(err) = run(self.stop_command()).await {
            // Someone else stopping it at the same time is fine.
            if pid_file.exists() {
                return Err(anyhow!(
                    "{err:#}\n{}",
                    os::log_tail(&self.log_file, log_start)
                ))
                .with_context(|| format!("stopping PostgreSQL in {}", self.data_dir.display()));
            }
        }
        // The postmaster removes postmaster.pid just before it exits and
        // pg_ctl returns as soon as the file is gone; wait out the gap so that
        // callers can rely on the process being gone.
        if let Some(pid) = pid {
            let deadline = Instant::now() + Duration::from_secs(10);
            while os::pid_alive(pid) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        Ok(())
    }

    fn stop_command(&self) -> Command {
        let mut cmd = self.command("pg_ctl");
        cmd.args(["stop", "-m", "fast", "-w", "-t", PG_CTL_TIMEOUT_SECS, "-D"])
            .arg(&self.data_dir);
        cmd
    }

    /// A PostgreSQL program set up to run as the server user, from a working
    /// directory that user can enter (initdb complains otherwise).
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin_dir.join(program));
        if let Some(user) = self.run_as {
            // std also drops root's supplementary groups when switching uid.
            cmd.uid(user.uid).gid(user.gid);
        }
        cmd.current_dir(&self.root).stdin(Stdio::null());
        for var in CLEARED_ENV {
            cmd.env_remove(var);
        }
        cmd
    }

    async fn connect(&self, database: &str) -> anyhow::Result<PgConnection> {
        let options: PgConnectOptions = self
            .url(database)
            .parse()
            .with_context(|| format!("parsing our own URL {}", self.url(database)))?;
        let options = options.disable_statement_logging();
        tokio::time::timeout(
            Duration::from_secs(10),
            PgConnection::connect_with(&options),
        )
        .await
        .map_err(|_| anyhow!("timed out"))
        .and_then(|res| res.map_err(anyhow::Error::from))
        .with_context(|| {
            format!(
                "connecting to database `{database}` via {}",
                self.socket_dir.display()
            )
        })
    }

    async fn ensure_database(&self, database: &str) -> anyhow::Result<()> {
        let mut conn = self.connect("postgres").await?;
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                .bind(database)
                .fetch_one(&mut conn)
                .await
                .context("checking whether the database exists")?;
        if !exists {
            let sql = format!("CREATE DATABASE {}", quote_ident(database));
            let mut attempt = 0;
            loop {
                attempt += 1;
                match sqlx::Executor::execute(&mut conn, sql.as_str()).await {
                    Ok(_) => {
                        tracing::info!(database, "created database");
                        break;
                    }
                    // Another process created it between our check and now.
                    Err(sqlx::Error::Database(err)) if err.code().as_deref() == Some("42P04") => {
                        break;
                    }
                    // "source database template1 is being accessed by other
                    // users": transient while another CREATE DATABASE runs.
                    Err(sqlx::Error::Database(err))
                        if err.code().as_deref() == Some("55006") && attempt < 20 =>
                    {
                        tokio::time::sleep(Duration::from_millis(250)).await;
                    }
                    Err(err) => {
                        return Err(err).with_context(|| format!("creating database `{database}`"));
                    }
                }
            }
        }
        let _ = conn.close().await;
        Ok(())
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        if self.stopped {
            return;
        }
        tracing::warn!(data_dir = %self.data_dir.display(),
            "embedded PostgreSQL dropped without stop(); stopping it synchronously");
        match self.stop_command().output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => tracing::error!(status = %out.status,
                stderr = %String::from_utf8_lossy(&out.stderr).trim(),
                "could not stop embedded PostgreSQL"),
            Err(err) => tracing::error!(error = %err, "could not run pg_ctl stop"),
        }
    }
}

/// Serialises starts of one cluster across processes (and tasks): without
/// it, two test binaries could run initdb or pg_ctl start on the same
/// directory at once. The lock is released when the file is dropped; the file
/// descriptor is close-on-exec, so the server never inherits it.
async fn lock(path: &Path) -> anyhow::Result<fs::File> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("opening lock file {}", path.display()))?;
    if fs2::FileExt::try_lock_exclusive(&file).is_ok() {
        return Ok(file);
    }
    tracing::debug!(file = %path.display(), "waiting for another start of this cluster");
    tokio::task::spawn_blocking(move || fs2::FileExt::lock_exclusive(&file).map(|()| file))
        .await
        .context("lock task failed")?
        .with_context(|| format!("locking {}", path.display()))
}

/// Runs a command to completion, turning failure into an error that says
/// which command failed and what it printed.
async fn run(cmd: Command) -> anyhow::Result<Output> {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    let description = std::iter::once(program.clone())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ");
    let output = tokio::process::Command::from(cmd)
        .output()
        .await
        .with_context(|| format!("could not run `{description}`"))?;
    if output.status.success() {
        return Ok(output);
    }
    let printed = [&output.stderr, &output.stdout]
        .iter()
        .map(|bytes| String::from_utf8_lossy(bytes).trim().to_owned())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Err(anyhow!(
        "`{description}` failed ({}){}{}",
        output.status,
        if printed.is_empty() { "" } else { ":\n" },
        printed
    ))
}

/// A leftover empty directory (say, created by hand or by a backup tool)
/// would make initdb's rename fail, and a non-empty one without `PG_VERSION`
/// is something we must not overwrite.
fn needs_initdb(data_dir: &Path) -> anyhow::Result<bool> {
    match fs::read_dir(data_dir) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(err) => Err(err).with_context(|| format!("reading {}", data_dir.display())),
        Ok(mut entries) => {
            if entries.next().is_none() {
                fs::remove_dir(data_dir)
                    .with_context(|| format!("removing empty {}", data_dir.display()))?;
                return Ok(true);
            }
            if !data_dir.join("PG_VERSION").exists() {
                bail!(
                    "{} exists but is not a PostgreSQL cluster (it has no PG_VERSION); \
                     move it away to let a new cluster be created",
                    data_dir.display()
                );
            }
            Ok(false)
        }
    }
}

fn append_include_line(conf: &Path) -> anyhow::Result<()> {
    let text = fs::read_to_string(conf).with_context(|| format!("reading {}", conf.display()))?;
    if text.lines().any(|line| line.trim() == INCLUDE_LINE) {
        return Ok(());
    }
    let mut file = fs::OpenOptions::new()
        .append(true)
        .open(conf)
        .with_context(|| format!("opening {}", conf.display()))?;
    let separator = if text.ends_with('\n') || text.is_empty() {
        ""
    } else {
        "\n"
    };
    io::Write::write_all(
        &mut file,
        format!("{separator}\n# Settings managed by embedded-pg.\n{INCLUDE_LINE}\n").as_bytes(),
    )
    .with_context(|| format!("writing {}", conf.display()))
}

fn remove_dir_if_exists(dir: &Path) -> anyhow::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("removing {}", dir.display()))
        }
        _ => Ok(()),
    }
}

fn remove_file_if_exists(file: &Path) -> anyhow::Result<()> {
    match fs::remove_file(file) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("removing {}", file.display()))
        }
        _ => Ok(()),
    }
}

fn validate_database_name(name: &str) -> anyhow::Result<()> {
    if name.is_empty() || name.len() > MAX_DATABASE_NAME || name.contains('\0') {
        bail!(
            "invalid database name {name:?}: it must be 1 to {MAX_DATABASE_NAME} bytes \
             without NUL characters"
        );
    }
    Ok(())
}

fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A postgresql.conf string literal: backslashes are escapes there too.
fn conf_string(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "''"))
}

/// Encodes everything but unreserved characters (and `/` in the socket
/// directory, which is legal in a query and keeps the URL readable).
fn percent_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && byte == b'/')
        {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake(socket_dir: &str) -> EmbeddedPostgres {
        EmbeddedPostgres {
            bin_dir: PathBuf::new(),
            root: PathBuf::new(),
            data_dir: PathBuf::new(),
            socket_dir: PathBuf::from(socket_dir),
            log_file: PathBuf::new(),
            run_as: None,
            shared: true,
            stopped: true,
        }
    }

    #[test]
    fn url_round_trips_through_sqlx() {
        for dir in [
            "/tmp/qitaa/postgres-run",
            "/tmp/with space+plus&amp%25=#?/postgres-run",
            "/tmp/ünïcode/postgres-run",
        ] {
            for db in ["qitaa", "my db+x/y?", "Ärger"] {
                let url = fake(dir).url(db);
                let options: PgConnectOptions = url.parse().expect(&url);
                assert_eq!(options.get_socket(), Some(&PathBuf::from(dir)), "{url}");
                assert_eq!(options.get_database(), Some(db), "{url}");
                assert_eq!(options.get_port(), PORT, "{url}");
                assert_eq!(options.get_username(), SUPERUSER, "{url}");
            }
        }
    }

    #[test]
    fn conf_string_escapes_quotes_and_backslashes() {
        assert_eq!(conf_string(r#""/a'b\c""#), r#"'"/a''b\\c"'"#);
    }

    #[test]
    fn no_binaries_message_is_one_sentence() {
        let msg = StartError::NoBinaries.to_string();
        assert!(msg.contains("apt-get install postgresql"));
        assert!(msg.contains("DATABASE_URL"));
        assert!(!msg.replace("e.g.", "eg").contains(". "));
    }
}
