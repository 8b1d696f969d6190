//! Locating the PostgreSQL server binaries already installed on the machine.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Where Debian's `postgresql-NN` packages put their binaries; they are not on
/// PATH there (only the `pg_ctlcluster` wrappers are), so PATH alone is not enough.
const DEBIAN_ROOT: &str = "/usr/lib/postgresql";

/// The programs we need from one directory. `postgres` is included because
/// `pg_ctl` launches the server from its own directory, so a directory with
/// only client tools would fail later with a much less obvious error.
const REQUIRED: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

pub(crate) fn find_bin_dir() -> Option<PathBuf> {
    path_dirs()
        .into_iter()
        .chain(debian_dirs())
        .find(|dir| is_bin_dir(dir))
}

/// An existing cluster can only be run by the major version that created it,
/// so when a newer PostgreSQL gets installed next to the old one we must keep
/// using the old binaries rather than the "best" ones.
pub(crate) fn bin_dir_for(data_dir: &Path) -> Option<PathBuf> {
    if let Ok(version) = std::fs::read_to_string(data_dir.join("PG_VERSION")) {
        let dir = Path::new(DEBIAN_ROOT).join(version.trim()).join("bin");
        if is_bin_dir(&dir) {
            return Some(dir);
        }
    }
    find_bin_dir()
}

fn path_dirs() -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .filter(|dir| dir.is_absolute())
                .collect()
        })
        .unwrap_or_default()
}

/// Highest version first, comparing numerically so that "10" beats "9.6".
fn debian_dirs() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(DEBIAN_ROOT) else {
        return Vec::new();
    };
    let mut versions: Vec<(Vec<u32>, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let key = name
                .split('.')
                .map(|part| part.parse::<u32>().ok())
                .collect::<Option<Vec<u32>>>()?;
            Some((key, entry.path().join("bin")))
        })
        .collect();
    versions.sort_by(|a, b| b.0.cmp(&a.0));
    versions.into_iter().map(|(_, dir)| dir).collect()
}

fn is_bin_dir(dir: &Path) -> bool {
    REQUIRED.iter().all(|name| is_executable(&dir.join(name)))
}

fn is_executable(path: &Path) -> bool {
    std::fs::metadata(path)
        .map(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}
