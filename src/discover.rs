//! Discover: walk a folder and list the files to read, in a stable order; no file is opened.
//!
//! Office and WPS lock files, macOS and Windows system files and hidden folders (`.git`)
//! are skipped and listed, so the run can say what it left out and why. So are what is
//! not a file at all (a named pipe would make a reader wait forever, a device such as
//! `/dev/zero` never ends) and links that lead out of the workspace: neither is opened.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The files found under a folder, sorted by their path relative to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Discovery {
    /// Files to read, as `root` joined with their relative path.
    pub files: Vec<PathBuf>,
    /// What is listed but never read, and why.
    pub skipped: Vec<Skipped>,
}

/// A path discovery lists but does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// Where it is.
    pub path: PathBuf,
    /// Why it is not read.
    pub why: Why,
}

/// Why a path is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Why {
    /// A lock file, system file, hidden file or folder.
    System,
    /// A link to nothing (its target, as the link gives it).
    LinkNowhere(PathBuf),
    /// Not a file: a named pipe, a socket, a device (its kind, in Chinese).
    NotAFile(&'static str),
    /// A link whose target lies outside the workspace (the target).
    LinkOutside(PathBuf),
}

/// Walks `root` recursively; both lists are sorted by relative path, so runs agree.
/// Links are followed only to files inside `fence` (the workspace).
///
/// # Errors
/// The first folder that cannot be listed (missing, no permission).
pub(crate) fn discover(root: &Path, fence: &Path) -> io::Result<Discovery> {
    let mut found = Discovery::default();
    let fence = fence.canonicalize().unwrap_or_else(|_| fence.to_path_buf());
    walk(root, &fence, &mut found)?;
    found.files.sort_by_cached_key(|p| relative_key(root, p));
    found
        .skipped
        .sort_by_cached_key(|s| relative_key(root, &s.path));
    Ok(found)
}

fn walk(dir: &Path, fence: &Path, found: &mut Discovery) -> io::Result<()> {
    // Removed while the folder is listed (a subfolder moved away as the inbox is
    // read): what is gone is not there to read, and a watch runs again for it.
    let gone = |e: &io::Error| e.kind() == io::ErrorKind::NotFound;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = match entry.file_type() {
            Err(e) if gone(&e) => continue,
            kind => kind?,
        };
        let why = if is_system_file(&name) {
            Some(Why::System)
        } else if kind.is_dir() {
            match walk(&path, fence, found) {
                Err(e) if gone(&e) => {}
                walked => walked?,
            }
            continue;
        } else if kind.is_symlink() {
            link(&path, fence)
        } else if kind.is_file() {
            None
        } else {
            Some(Why::NotAFile(special(&kind)))
        };
        match why {
            None => found.files.push(path),
            Some(why) => found.skipped.push(Skipped { path, why }),
        }
    }
    Ok(())
}

/// Why a link is not followed, if it is not: it leaves `fence`, leads to a folder
/// (which could loop back on itself), to nothing, or to something that is not a file.
fn link(path: &Path, fence: &Path) -> Option<Why> {
    let Ok(target) = path.canonicalize() else {
        return Some(Why::LinkNowhere(fs::read_link(path).unwrap_or_default()));
    };
    if !target.starts_with(fence) {
        return Some(Why::LinkOutside(target));
    }
    match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => None,
        Ok(meta) if meta.is_dir() => Some(Why::NotAFile("指向文件夹的链接")),
        Ok(meta) => Some(Why::NotAFile(special(&meta.file_type()))),
        Err(_) => Some(Why::LinkNowhere(target)),
    }
}

/// What a path that is neither a file nor a folder is, for people.
pub(crate) fn special(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "命名管道";
        } else if kind.is_socket() {
            return "套接字";
        } else if kind.is_char_device() || kind.is_block_device() {
            return "设备";
        }
    }
    let _ = kind;
    "特殊文件"
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
    use std::path::Component;
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut out = String::new();
    for part in rel.components() {
        if part == Component::RootDir {
            out.push('/');
            continue;
        }
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&lossless(part.as_os_str()));
    }
    out
}

/// A path as text, every byte that is not UTF-8 written as `\xNN`: two names that differ
/// only in such bytes (GBK names unpacked on Linux) stay two names.
pub(crate) fn lossless(os: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in os.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        os.to_string_lossy().into_owned()
    }
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

/// `digest` in lower-case hexadecimal.
pub(crate) fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
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

    /// A subfolder moved away while the inbox is listed is not there to read; it used
    /// to fail the whole inbox (“无法读取报送文件夹”).
    #[test]
    fn a_subfolder_removed_while_listed_is_passed_over() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("民政局.csv"), "标题\n").unwrap();
        let nested = root.path().join("临时");
        let churned = std::sync::atomic::AtomicUsize::new(0);
        let done = || churned.load(std::sync::atomic::Ordering::Relaxed) >= 1000;
        std::thread::scope(|s| {
            s.spawn(|| {
                while !done() {
                    let _ = fs::create_dir_all(nested.join("a/b/c"));
                    let _ = fs::write(nested.join("a/b/c/f.csv"), "x");
                    let _ = fs::remove_dir_all(&nested);
                    churned.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
            });
            let mut failed = 0;
            while !done() {
                failed += usize::from(discover(root.path(), root.path()).is_err());
            }
            assert_eq!(failed, 0, "a vanished subfolder failed the inbox");
        });
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
        let d = discover(root, root).unwrap();
        let rel = |v: &[PathBuf]| v.iter().map(|p| relative_key(root, p)).collect::<Vec<_>>();
        assert_eq!(rel(&d.files), ["a.xlsx", "b.csv", "民政局/11月.xls"]);
        let skipped: Vec<PathBuf> = d.skipped.iter().map(|s| s.path.clone()).collect();
        assert!(d.skipped.iter().all(|s| s.why == Why::System));
        assert_eq!(
            rel(&skipped),
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
        assert_eq!(discover(root, root).unwrap(), d);
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let missing = Path::new("/nonexistent/zwgk-inbox");
        assert!(discover(missing, missing).is_err());
    }

    /// A named pipe at `path`, made with the system's `mkfifo` (std has none).
    #[cfg(unix)]
    pub(crate) fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo").arg(path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
    }

    // Issue 19: a FIFO in the inbox made the run wait forever; a link to /dev/zero was
    // read into memory before being skipped.
    #[cfg(unix)]
    #[test]
    fn pipes_devices_and_links_out_of_the_workspace_are_listed_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (ws, inbox) = (dir.path().join("ws"), dir.path().join("ws/inbox"));
        fs::create_dir_all(inbox.join("sub")).unwrap();
        fs::write(ws.join("reference.csv"), "单位\n").unwrap();
        fs::write(dir.path().join("outside.csv"), "单位\n").unwrap();
        fs::write(inbox.join("a.csv"), "单位\n").unwrap();
        mkfifo(&inbox.join("pipe.csv"));
        symlink("/dev/zero", inbox.join("zero.csv")).unwrap();
        symlink(dir.path().join("outside.csv"), inbox.join("out.csv")).unwrap();
        symlink(ws.join("reference.csv"), inbox.join("sub/ref.csv")).unwrap();
        symlink(inbox.join("pipe.csv"), inbox.join("sub/pipe-link.csv")).unwrap();
        symlink(inbox.join("gone.csv"), inbox.join("sub/gone-link.csv")).unwrap();
        symlink(inbox.join("sub"), inbox.join("folder-link")).unwrap();
        let d = discover(&inbox, &ws).unwrap();
        let rel = |p: &Path| relative_key(&inbox, p);
        let files: Vec<_> = d.files.iter().map(|p| rel(p)).collect();
        assert_eq!(files, ["a.csv", "sub/ref.csv"]);
        let skipped: Vec<_> = d
            .skipped
            .iter()
            .map(|s| (rel(&s.path), s.why.clone()))
            .collect();
        let outside = dir.path().canonicalize().unwrap().join("outside.csv");
        assert_eq!(
            skipped,
            [
                ("folder-link".into(), Why::NotAFile("指向文件夹的链接")),
                ("out.csv".into(), Why::LinkOutside(outside)),
                ("pipe.csv".into(), Why::NotAFile("命名管道")),
                (
                    "sub/gone-link.csv".into(),
                    Why::LinkNowhere(inbox.join("gone.csv"))
                ),
                ("sub/pipe-link.csv".into(), Why::NotAFile("命名管道")),
                ("zero.csv".into(), Why::LinkOutside("/dev/zero".into())),
            ]
        );
    }

    // Issue 19: two names that differ only in bytes that are not UTF-8 got one path.
    #[cfg(unix)]
    #[test]
    fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        // 民政局 in GBK, and the same with one byte changed.
        for name in [
            &b"\xC3\xF1\xD5\xFE\xBE\xD6.csv"[..],
            b"\xC3\xF1\xD5\xFE\xBE\xD7.csv",
        ] {
            fs::write(dir.path().join(OsStr::from_bytes(name)), "单位\n").unwrap();
        }
        let d = discover(dir.path(), dir.path()).unwrap();
        let names: Vec<_> = d
            .files
            .iter()
            .map(|p| relative_key(dir.path(), p))
            .collect();
        assert_eq!(
            names,
            [
                "\\xC3\\xF1\\xD5\\xFE\\xBE\\xD6.csv",
                "\\xC3\\xF1\\xD5\\xFE\\xBE\\xD7.csv"
            ]
        );
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
