//! Small Unix helpers: user lookup, process liveness, ownership.

use std::ffi::CString;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

/// The account the server processes run as. `initdb` and `postgres` refuse
/// to run as root, so when we are root we hand the cluster to this user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServerUser {
    pub uid: u32,
    pub gid: u32,
}

/// Name of the unprivileged account Debian's `postgresql` package creates.
const SERVER_ACCOUNT: &str = "postgres";

/// `None` means "run as ourselves": only root needs to switch users, and an
/// ordinary user can neither switch nor needs to.
pub(crate) fn server_user() -> anyhow::Result<Option<ServerUser>> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        return Ok(None);
    }
    lookup_user(SERVER_ACCOUNT)
        .with_context(|| {
            format!(
                "running as root, but PostgreSQL refuses to run as root and the \
                 `{SERVER_ACCOUNT}` user to run it as could not be found"
            )
        })
        .map(Some)
}

/// Uses the reentrant `getpwnam_r` because the plain variant returns a
/// pointer into static storage that other threads may overwrite.
fn lookup_user(name: &str) -> anyhow::Result<ServerUser> {
    let cname = CString::new(name)?;
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: passwd is plain old data; all-zero is a valid value that
        // getpwnam_r overwrites.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the duration of the call and the
        // buffer length matches the buffer.
        let rc = unsafe {
            libc::getpwnam_r(
                cname.as_ptr(),
                &mut pwd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut result,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 20 {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 {
            return Err(io::Error::from_raw_os_error(rc))
                .with_context(|| format!("looking up user `{name}`"));
        }
        if result.is_null() {
            bail!("no user named `{name}` exists");
        }
        return Ok(ServerUser {
            uid: pwd.pw_uid,
            gid: pwd.pw_gid,
        });
    }
}

/// A zombie still answers `kill(pid, 0)`, but it is gone for our purposes:
/// it holds no locks and no memory, and in containers whose init does not
/// reap orphans it may linger forever.
pub(crate) fn pid_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks for existence and permission.
    let rc = unsafe { libc::kill(pid, 0) };
    if rc != 0 && io::Error::last_os_error().raw_os_error() != Some(libc::EPERM) {
        return false;
    }
    !is_zombie(pid)
}

fn is_zombie(pid: i32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The command name in field 2 may contain spaces and parentheses, so the
    // state is found after the last ')'.
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .is_some_and(|state| state == "Z" || state == "X")
}

/// PIDs get reused after a crash or reboot, so a live PID in a leftover
/// `postmaster.pid` may be any unrelated program. The postmaster always
/// changes into its data directory, which makes its cwd a reliable marker.
pub(crate) fn is_postmaster_for(pid: i32, data_dir: &Path) -> bool {
    if !pid_alive(pid) {
        return false;
    }
    if !Path::new("/proc/self").exists() {
        // Without /proc we cannot tell; assuming it is ours is the safe side,
        // since the alternative is deleting a live server's lock file.
        return true;
    }
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if !matches!(comm.trim(), "postgres" | "postmaster") {
        return false;
    }
    match std::fs::read_link(format!("/proc/{pid}/cwd")) {
        Ok(cwd) => same_path(&cwd, data_dir),
        // We can read the cwd of every process of ours (and of everyone when
        // root), so an unreadable one belongs to a process that is not ours.
        Err(_) => false,
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(a) == canon(b)
}

/// First line of a PostgreSQL lock file (`postmaster.pid`, `.s.PGSQL.N.lock`),
/// which is the PID of the postmaster that wrote it.
pub(crate) fn read_lock_pid(path: &Path) -> io::Result<Option<i32>> {
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().next().and_then(|l| l.trim().parse().ok()))
}

pub(crate) fn chown(path: &Path, user: ServerUser) -> anyhow::Result<()> {
    std::os::unix::fs::lchown(path, Some(user.uid), Some(user.gid))
        .with_context(|| format!("changing the owner of {}", path.display()))
}

/// PostgreSQL refuses a data directory it does not own, which happens when a
/// cluster created by one account is later run by root (or restored from a
/// copy), so ownership is repaired for the whole tree.
pub(crate) fn chown_recursive(path: &Path, user: ServerUser) -> anyhow::Result<()> {
    chown(path, user)?;
    let meta = std::fs::symlink_metadata(path)
        .with_context(|| format!("reading metadata of {}", path.display()))?;
    if meta.is_dir() {
        for entry in
            std::fs::read_dir(path).with_context(|| format!("listing {}", path.display()))?
        {
            let entry = entry.with_context(|| format!("listing {}", path.display()))?;
            chown_recursive(&entry.path(), user)?;
        }
    }
    Ok(())
}

/// The server log written since byte `since` (at most its last lines):
/// that is where PostgreSQL explains why it did not start, while `pg_ctl`
/// itself only says that it did not. Earlier runs' lines are left out
/// because they would bury the reason.
pub(crate) fn log_tail(path: &Path, since: u64) -> String {
    use std::io::{Read as _, Seek as _, SeekFrom};
    const MAX_BYTES: u64 = 8192;
    const MAX_LINES: usize = 20;
    let Ok(mut file) = std::fs::File::open(path) else {
        return format!("(no log at {})", path.display());
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    // A log that shrank was truncated or replaced; all of it is new.
    let since = if since > len { 0 } else { since };
    let _ = file.seek(SeekFrom::Start(since.max(len.saturating_sub(MAX_BYTES))));
    let mut bytes = Vec::new();
    let _ = file.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(MAX_LINES);
    let tail = lines[start..].join("\n");
    if tail.trim().is_empty() {
        format!("(nothing new in {})", path.display())
    } else {
        format!("from {}:\n{tail}", path.display())
    }
}

/// Current size of a file, as the starting point for [`log_tail`].
pub(crate) fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Finds the closest ancestor the server user cannot enter, to turn an
/// obscure "permission denied" from initdb into advice. Only mode bits and
/// the primary group are considered, so it is used for hints, not to refuse.
pub(crate) fn untraversable_ancestor(dir: &Path, user: ServerUser) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    dir.ancestors().skip(1).find_map(|ancestor| {
        let meta = std::fs::metadata(ancestor).ok()?;
        let mode = meta.mode();
        let ok = mode & 0o001 != 0
            || (meta.uid() == user.uid && mode & 0o100 != 0)
            || (meta.gid() == user.gid && mode & 0o010 != 0);
        (!ok).then(|| ancestor.to_path_buf())
    })
}
