//! Writing a sample workspace to disk and checking a committed one: the generator owns
//! a few names at the workspace root, removes them before writing, and never leaves a
//! format that needs a conversion outside Rust.

use std::fs;
use std::path::Path;

use crate::formats::{self, Submission};
use crate::inbox::Res;

/// The names a generator owns at the workspace root, removed before each run.
pub const OWNED: [&str; 6] = [
    "inbox",
    "reference",
    "templates",
    "zwgk.toml",
    "README.md",
    ".gitignore",
];

/// Removes what an earlier run wrote, keeping anything else in the folder (`out/`).
///
/// # Errors
/// Any I/O error.
pub fn clear(root: &Path) -> Res<()> {
    for part in OWNED {
        let path = root.join(part);
        if path.is_dir() {
            fs::remove_dir_all(&path)?;
        } else if path.exists() {
            fs::remove_file(&path)?;
        }
    }
    fs::create_dir_all(root.join("reference"))?;
    // What a run writes stays out of version control.
    fs::write(root.join(".gitignore"), "/out/\n")?;
    Ok(())
}

/// Writes every submission under `root`.
///
/// # Errors
/// Any I/O or writer error, and any format that would need LibreOffice: these samples
/// are written by Rust alone.
pub fn write_files(root: &Path, files: &[Submission]) -> Res<()> {
    let mut jobs = Vec::new();
    for sub in files {
        formats::write(root, sub, &mut jobs)?;
    }
    if jobs.is_empty() {
        Ok(())
    } else {
        Err(format!("formats needing a conversion: {}", jobs.join("; ")).into())
    }
}

/// Writes the truth file, creating its folder.
///
/// # Errors
/// Any I/O error.
pub fn write_truth(path: &Path, json: &str) -> Res<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, json)?;
    Ok(())
}

/// Every file under `dir`, relative with '/', leaving out `out/`.
///
/// # Errors
/// Any I/O error.
#[cfg(test)]
pub fn files_under(dir: &Path) -> Res<std::collections::BTreeSet<String>> {
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d)? {
            let path = entry?.path();
            let rel = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
            if rel == "out" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(rel);
            }
        }
    }
    Ok(found)
}

/// Whether the committed workspace and truth file are byte for byte what was generated;
/// the first difference otherwise.
///
/// # Errors
/// Any I/O error.
#[cfg(test)]
pub fn differences(generated: (&Path, &Path), committed: (&Path, &Path)) -> Res<Option<String>> {
    // A checkout may have turned the JSON's line ends into CRLF.
    let truth = fs::read_to_string(committed.1)?.replace("\r\n", "\n");
    if fs::read_to_string(generated.1)? != truth {
        return Ok(Some(format!("{} differs", committed.1.display())));
    }
    let files = files_under(generated.0)?;
    if files != files_under(committed.0)? {
        return Ok(Some("the list of files differs".into()));
    }
    for rel in &files {
        if fs::read(generated.0.join(rel))? != fs::read(committed.0.join(rel))? {
            return Ok(Some(format!("{rel} differs")));
        }
    }
    Ok(None)
}
