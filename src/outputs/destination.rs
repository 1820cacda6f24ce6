//! Where `-o` may write: never over an input. The settings file, the inbox, the
//! reference tables and `templates/` are read-only to zwgk (DESIGN.md "Inputs are
//! read-only"); an output file has the extension of what it is, and is not a folder.

use std::path::{Component, Path, PathBuf};

use crate::config::{Config, FILE_NAME};
use crate::error::UsageError;

/// Checks that the file `path`, given by `-o`, may receive an output with the extension
/// `ext` (such as `xlsx`) for the workspace `dir`.
///
/// # Errors
/// [`UsageError::OutputIsInput`] or [`UsageError::OutputInInputFolder`] when `path` is
/// an input of the workspace or lies in an input folder; [`UsageError::OutputIsFolder`] when it is an existing folder;
/// [`UsageError::OutputExtension`] when it does not end in `.ext`.
pub(crate) fn check_file(
    dir: &Path,
    config: &Config,
    path: &Path,
    ext: &'static str,
) -> Result<(), UsageError> {
    not_input(dir, config, path)?;
    if path.is_dir() {
        return Err(UsageError::OutputIsFolder {
            path: path.to_path_buf(),
            ext,
        });
    }
    let has_ext = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if !has_ext {
        return Err(UsageError::OutputExtension {
            path: path.to_path_buf(),
            ext,
        });
    }
    Ok(())
}

/// Checks that `path` (a file or a folder given by `-o`) is no input of the workspace
/// `dir` and lies in no input folder.
///
/// # Errors
/// [`UsageError::OutputIsInput`] or [`UsageError::OutputInInputFolder`], naming the input.
pub(crate) fn not_input(dir: &Path, config: &Config, path: &Path) -> Result<(), UsageError> {
    let target = resolved(path);
    let refs = &config.reference;
    let tables = [Some(&refs.units), Some(&refs.targets)]
        .into_iter()
        .chain(
            [
                &refs.sections,
                &refs.domains,
                &refs.indicators,
                &refs.appeals,
            ]
            .map(Option::as_ref),
        )
        .flatten();
    let mut files = std::iter::once(Path::new(FILE_NAME)).chain(tables.map(PathBuf::as_path));
    if let Some(file) = files.find(|f| resolved(&dir.join(f)) == target) {
        return Err(UsageError::OutputIsInput {
            path: path.to_path_buf(),
            input: file.to_path_buf(),
        });
    }
    let folders = [
        (config.paths.inbox.as_path(), "报送文件夹"),
        (Path::new("reference"), "参考表文件夹"),
        (Path::new(crate::templates::DIR), "模板文件夹"),
    ];
    match folders
        .into_iter()
        .find(|(f, _)| target.starts_with(resolved(&dir.join(f))))
    {
        Some((folder, what)) => Err(UsageError::OutputInInputFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
            what,
        }),
        None => Ok(()),
    }
}

/// `path` made absolute, `.` and `..` resolved by name, and its longest existing part
/// through the file system (symbolic links, `/tmp` → `/private/tmp`), so that two
/// spellings of one place compare equal.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    let mut rest = Vec::new();
    let mut existing = lexical.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return lexical,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse("[workspace]\nname = \"大英县\"\n[reference]\nunits = \"表/单位.xlsx\"\n")
            .unwrap()
    }

    #[test]
    fn inputs_and_input_folders_are_refused_and_other_places_allowed() {
        let ws = tempfile::tempdir().unwrap();
        let dir = ws.path();
        std::fs::create_dir_all(dir.join("inbox/sub")).unwrap();
        let c = config();
        for bad in [
            "zwgk.toml",
            "./inbox/../zwgk.toml",
            "表/单位.xlsx",
            "reference/targets.xlsx",
            "reference/新.xlsx",
            "inbox/sub/x.xlsx",
            "templates/x.xlsx",
        ] {
            let e = not_input(dir, &c, &dir.join(bad)).unwrap_err();
            assert!(
                matches!(
                    e,
                    UsageError::OutputIsInput { .. } | UsageError::OutputInInputFolder { .. }
                ),
                "{bad}: {e}"
            );
        }
        for good in [
            "out/附件1.xlsx",
            "附件1.xlsx",
            "表/附件1.xlsx",
            "inbox2/x.xlsx",
        ] {
            assert!(not_input(dir, &c, &dir.join(good)).is_ok(), "{good}");
        }
    }

    #[test]
    fn a_file_needs_its_extension_and_must_not_be_a_folder() {
        let ws = tempfile::tempdir().unwrap();
        let dir = ws.path();
        std::fs::create_dir_all(dir.join("out")).unwrap();
        let c = config();
        let e = check_file(dir, &c, &dir.join("out"), "xlsx").unwrap_err();
        assert!(matches!(e, UsageError::OutputIsFolder { .. }), "{e}");
        let e = check_file(dir, &c, &dir.join("附件1"), "xlsx").unwrap_err();
        assert!(matches!(e, UsageError::OutputExtension { .. }), "{e}");
        assert!(check_file(dir, &c, &dir.join("附件1.XLSX"), "xlsx").is_ok());
    }
}
