//! Atomic writes: every output is written to a temporary file in its own folder and
//! renamed into place, so a reader never sees half a workbook. When the rename
//! fails (on Windows: the target is open in Excel or WPS), the run's results are
//! kept under a sibling name such as `汇总-2018-04（新）.xlsx` and the error says so.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;
use tempfile::NamedTempFile;

use super::package::{self, Patch};
use super::{Kept, WriteError};

/// How many sibling names (`（新）`, `（新2）` …) are tried before giving up.
const SIBLINGS: u32 = 9;

/// Saves `workbook` to `path` atomically, creating the folder if needed.
///
/// # Errors
/// [`WriteError`], in Chinese, when the folder cannot be created or written, when
/// the workbook cannot be assembled, or when `path` cannot be replaced; in the last
/// case the new workbook is kept under a sibling name that the message gives.
pub(crate) fn save_workbook(workbook: &mut Workbook, path: &Path) -> Result<(), WriteError> {
    save_with(path, |file| {
        let mut out = BufWriter::new(file);
        workbook
            .save_to_writer(&mut out)
            .map_err(|source| WriteError::Assemble {
                path: path.to_path_buf(),
                source,
            })?;
        out.flush().map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Saves `workbook` to `path` atomically with `patches` (see [`package::patch`]). The
/// package is assembled in an unnamed temporary file, so that neither it nor its patched
/// copy is held in memory.
///
/// # Errors
/// As [`save_workbook`].
pub(crate) fn save_patched(
    workbook: &mut Workbook,
    path: &Path,
    patches: Vec<(usize, Patch)>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let assemble = |source| WriteError::Assemble {
        path: path.to_path_buf(),
        source,
    };
    let mut package = tempfile::tempfile().map_err(io)?;
    let mut out = BufWriter::new(&mut package);
    workbook.save_to_writer(&mut out).map_err(assemble)?;
    out.flush().map_err(io)?;
    drop(out);
    package.rewind().map_err(io)?;
    save_with(path, |file| {
        let out = package::patch(BufReader::new(&package), BufWriter::new(file), patches)
            .map_err(|e| assemble(e.into()))?;
        out.into_inner().map(drop).map_err(|e| io(e.into_error()))
    })
}

/// Writes `bytes` to `path` atomically, creating the folder if needed.
///
/// # Errors
/// As [`save_workbook`].
pub(crate) fn save_bytes(bytes: &[u8], path: &Path) -> Result<(), WriteError> {
    save_with(path, |file| {
        file.write_all(bytes).map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// Writes `path` atomically with `write`, through a buffer: for an output too large to
/// assemble in memory first (the manifest of a province).
///
/// # Errors
/// [`WriteError`] when the file cannot be made or written.
pub(crate) fn save_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    save_with(path, |file| {
        let io = |source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut out = BufWriter::new(file);
        write(&mut out).map_err(io)?;
        out.flush().map_err(io)
    })
}

/// Runs a writer, turning a panic of rust_xlsxwriter (it panics when its temporary file
/// or the disk is full) into [`WriteError::Failed`].
///
/// # Errors
/// What `write` returns, or [`WriteError::Failed`].
pub(crate) fn guarded<T>(write: impl FnOnce() -> Result<T, WriteError>) -> Result<T, WriteError> {
    crate::ingest::quietly(write).unwrap_or_else(|crate::ingest::Panicked(message)| {
        Err(WriteError::Failed {
            temp: std::env::temp_dir(),
            reason: panic_reason(&message),
        })
    })
}

/// A Chinese reason for the message of a writer's panic.
fn panic_reason(message: &str) -> String {
    if message.contains("FileTooLarge") || message.contains("File too large") {
        "文件超过系统允许的大小".into()
    } else if message.contains("StorageFull") || message.contains("No space left") {
        "磁盘已满".into()
    } else {
        format!("系统错误：{message}")
    }
}

/// Creates the folder `dir` and those it lies in, as needed.
///
/// # Errors
/// [`WriteError::FileInTheWay`] when a file (not a folder) has the name of `dir` or of a
/// folder it lies in, [`WriteError::Folder`] when it cannot be created otherwise.
pub(crate) fn create_folder(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| {
        let file = dir
            .ancestors()
            .find(|p| p.metadata().is_ok_and(|m| !m.is_dir()));
        match file {
            Some(file) => WriteError::FileInTheWay(file.to_path_buf()),
            None => WriteError::Folder {
                dir: dir.to_path_buf(),
                source,
            },
        }
    })
}

fn save_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_folder(dir)?;
    let mut tmp = temp_file_in(dir).map_err(|source| WriteError::Unwritable {
        dir: dir.to_path_buf(),
        source,
    })?;
    // On failure `tmp` is dropped here, which deletes the half-written file.
    write(tmp.as_file_mut())?;
    if path.is_dir() {
        return Err(WriteError::FolderInTheWay(path.to_path_buf()));
    }
    tmp.as_file().sync_all().map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match tmp.persist(path) {
        Ok(_) => Ok(()),
        Err(e) => Err(WriteError::Locked {
            target: path.to_path_buf(),
            kept: keep_aside(e.file, path),
            source: e.error,
        }),
    }
}

fn temp_file_in(dir: &Path) -> std::io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".zwgk-").suffix(".tmp");
    // tempfile makes owner-only files; an output should get the usual mode.
    #[cfg(unix)]
    let builder = {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666))
    };
    builder.tempfile_in(dir)
}

/// Puts the new file under a sibling name of `target`, and says where it is.
fn keep_aside(mut tmp: NamedTempFile, target: &Path) -> Kept {
    for n in 1..=SIBLINGS {
        let sibling = sibling_name(target, n);
        if sibling.is_dir() {
            continue;
        }
        match tmp.persist(&sibling) {
            Ok(_) => return Kept::Sibling(sibling),
            Err(e) => tmp = e.file,
        }
    }
    match tmp.keep() {
        Ok((_, kept)) => Kept::Temporary(kept),
        Err(e) => Kept::Lost(e.error),
    }
}

/// `汇总-2018-04.xlsx` → `汇总-2018-04（新）.xlsx`, then `（新2）`, `（新3）` …
fn sibling_name(target: &Path, n: u32) -> PathBuf {
    let stem = target
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mark = if n == 1 {
        "（新）".to_string()
    } else {
        format!("（新{n}）")
    };
    let name = match target.extension() {
        Some(ext) => format!("{stem}{mark}.{}", ext.to_string_lossy()),
        None => format!("{stem}{mark}"),
    };
    target.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_save_creates_the_folder_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out/2018-04/manifest.json");
        save_bytes(b"{}", &out).unwrap();
        save_bytes(b"{\"a\":1}", &out).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"{\"a\":1}");
        assert_eq!(names_in(out.parent().unwrap()), vec!["manifest.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_file_is_readable_by_others_like_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.json");
        save_bytes(b"{}", &out).unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o644, 0o644, "{mode:o}");
    }

    #[test]
    fn a_target_that_cannot_be_replaced_keeps_the_results_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("汇总-2018-04.xlsx");
        std::fs::write(&target, b"old").unwrap();
        // What a workbook open in Excel does on Windows, where the rename is refused.
        let mut tmp = temp_file_in(dir.path()).unwrap();
        tmp.write_all(b"new").unwrap();
        let err = WriteError::Locked {
            target: target.clone(),
            source: std::io::ErrorKind::PermissionDenied.into(),
            kept: keep_aside(tmp, &target),
        };
        let WriteError::Locked {
            kept: Kept::Sibling(kept),
            ..
        } = &err
        else {
            panic!("{err:?}")
        };
        let msg = err.to_string();
        let sibling = dir.path().join("汇总-2018-04（新）.xlsx");
        assert_eq!(kept, &sibling);
        assert_eq!(std::fs::read(&sibling).unwrap(), b"new");
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        assert!(msg.contains("Excel 或 WPS"), "{msg}");
        assert!(msg.contains(&sibling.display().to_string()), "{msg}");
        assert!(msg.contains("请关闭该文件后重新运行"), "{msg}");
        assert_eq!(
            names_in(dir.path()),
            vec!["汇总-2018-04.xlsx", "汇总-2018-04（新）.xlsx"]
        );
    }

    #[test]
    fn a_folder_in_the_targets_place_is_said_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("汇总-2018-04.xlsx");
        std::fs::create_dir(&target).unwrap();
        let err = save_bytes(b"new", &target).unwrap_err();
        assert!(
            matches!(&err, WriteError::FolderInTheWay(p) if *p == target),
            "{err:?}"
        );
        assert!(err.to_string().contains("已有同名的文件夹"), "{err}");
        assert_eq!(names_in(dir.path()), vec!["汇总-2018-04.xlsx"]);
    }

    #[test]
    fn sibling_names_count_up() {
        let t = Path::new("/o/汇总-2018-04.xlsx");
        assert_eq!(sibling_name(t, 1), Path::new("/o/汇总-2018-04（新）.xlsx"));
        assert_eq!(sibling_name(t, 3), Path::new("/o/汇总-2018-04（新3）.xlsx"));
        assert_eq!(
            sibling_name(Path::new("README"), 1),
            Path::new("README（新）")
        );
    }

    /// A file where the output folder, or a folder above it, should be: the message
    /// names that file, not the folder that could not be made.
    #[test]
    fn a_file_in_the_folders_place_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("out");
        std::fs::write(&blocker, b"").unwrap();
        for target in [blocker.join("a.json"), blocker.join("2018-04/a.json")] {
            let err = save_bytes(b"x", &target).unwrap_err();
            assert!(
                matches!(&err, WriteError::FileInTheWay(p) if *p == blocker),
                "{err:?}"
            );
            assert!(
                err.to_string().contains("已有同名的文件占用了这个文件夹名"),
                "{err}"
            );
            assert_eq!(crate::Error::from(err).exit_code(), 3);
        }
        assert_eq!(std::fs::read(&blocker).unwrap(), b"");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_made_is_a_chinese_error() {
        // Nothing, not even root, makes a folder in /proc.
        let err = save_bytes(b"x", Path::new("/proc/zwgk-test/a.json")).unwrap_err();
        assert!(err.to_string().contains("无法创建输出文件夹"), "{err}");
        assert_eq!(crate::Error::from(err).exit_code(), 3);
    }
}
