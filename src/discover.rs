//! Discover: walk a folder and list the files to read, in a stable order; no file is opened.
//!
//! Office and WPS lock files, macOS and Windows system files and hidden folders (`.git`)
//! are skipped and listed, so the run can say what it left out and why.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The files found under a folder, sorted by their path relative to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Discovery {
    /// Files to read, as `root` joined with their relative path.
    pub files: Vec<PathBuf>,
    /// Lock files, system files, hidden files and folders, and symbolic links to folders.
    pub skipped: Vec<PathBuf>,
}

/// Walks `root` recursively; both lists are sorted by relative path, so runs agree.
///
/// # Errors
/// The first folder that cannot be listed (missing, no permission).
pub(crate) fn discover(root: &Path) -> io::Result<Discovery> {
    let mut found = Discovery::default();
    walk(root, &mut found)?;
    let key = |p: &PathBuf| relative_key(root, p);
    found.files.sort_by_cached_key(key);
    found.skipped.sort_by_cached_key(key);
    Ok(found)
}

fn walk(dir: &Path, found: &mut Discovery) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        if is_system_file(&name) {
            found.skipped.push(path);
        } else if kind.is_dir() {
            walk(&path, found)?;
        } else if kind.is_symlink() && !path.is_file() {
            // A link to a folder could loop back on itself; a dangling link has nothing to read.
            found.skipped.push(path);
        } else {
            found.files.push(path);
        }
    }
    Ok(())
}

/// Lock files and system files that are never submissions: `~$x.xlsx`, `.~lock.x.xlsx#`,
/// `.~x.xlsx` (WPS), `._x` (macOS), `.DS_Store`, `Thumbs.db`, `desktop.ini`, and any
/// other hidden (dot) file or folder.
pub(crate) fn is_system_file(name: &str) -> bool {
    name.starts_with("~$")
        || name.starts_with('.')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// The path relative to `root` with `/` separators: the sort key and the display path.
pub(crate) fn relative_key(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The SHA-256 of `bytes` in lower-case hex, for the manifest and duplicate detection.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// [`sha256_hex`] of the file at `path`, read piece by piece rather than held whole.
///
/// # Errors
/// When the file cannot be read.
pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    let (mut file, mut hasher) = (fs::File::open(path)?, Sha256::new());
    let mut piece = vec![0; 1 << 20];
    loop {
        match file.read(&mut piece)? {
            0 => return Ok(hex(&hasher.finalize())),
            n => hasher.update(&piece[..n]),
        }
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashes_as_its_bytes_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("汇总.xlsx");
        // Longer than one piece read, and not a multiple of it.
        let bytes: Vec<u8> = (0..(3 << 20) + 7).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &bytes).unwrap();
        assert_eq!(sha256_file(&path).unwrap(), sha256_hex(&bytes));
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn lock_and_system_files_are_skipped_and_the_order_is_stable() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("民政局")).unwrap();
        fs::create_dir_all(root.join(".git/objects")).unwrap();
        for f in [
            "b.csv",
            "a.xlsx",
            "民政局/11月.xls",
            "民政局/~$11月.xls",
            ".~lock.a.xlsx#",
            "._a.xlsx",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            ".git/objects/x",
            "民政局/.~11月.xls",
        ] {
            fs::write(root.join(f), b"x").unwrap();
        }
        let d = discover(root).unwrap();
        let rel = |v: &[PathBuf]| v.iter().map(|p| relative_key(root, p)).collect::<Vec<_>>();
        assert_eq!(rel(&d.files), ["a.xlsx", "b.csv", "民政局/11月.xls"]);
        assert_eq!(
            rel(&d.skipped),
            [
                ".DS_Store",
                "._a.xlsx",
                ".git",
                ".~lock.a.xlsx#",
                "Thumbs.db",
                "desktop.ini",
                "民政局/.~11月.xls",
                "民政局/~$11月.xls"
            ]
        );
        assert_eq!(discover(root).unwrap(), d);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        assert!(discover(Path::new("/nonexistent/zwgk-inbox")).is_err());
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
