//! `zwgk init`: a new workspace — either empty reference tables with the right headers,
//! or a copy of a bundled sample (embedded in the binary by `build.rs`) — each with the
//! bundled templates in `templates/` for the office to edit.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::config::FILE_NAME;
use crate::error::UsageError;
use crate::write::{Book, Look, WriteError, save_bytes};

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The names of the bundled samples.
pub(crate) fn sample_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = SAMPLES.iter().map(|(n, _, _)| *n).collect();
    names.dedup();
    names
}

/// What `init` did: the files it wrote, and the files it found already there and left
/// as they were (an office's own tables are never replaced by blank ones).
#[derive(Debug, Default)]
pub(crate) struct Scaffolded {
    /// The files (and the inbox folder) written.
    pub(crate) written: Vec<PathBuf>,
    /// The files that were there already, untouched.
    pub(crate) kept: Vec<PathBuf>,
}

impl Scaffolded {
    /// Writes the file `path` with `write` unless something is there already.
    fn unless_present(
        &mut self,
        path: PathBuf,
        write: impl FnOnce(&Path) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if path.exists() {
            self.kept.push(path);
        } else {
            write(&path)?;
            self.written.push(path);
        }
        Ok(())
    }
}

/// Creates a workspace in `dir` named after the area `name`, or a copy of the sample
/// `sample`, keeping every file already there.
///
/// # Errors
/// [`UsageError`] when `dir` already holds a workspace, the name is blank or the sample
/// does not exist;
/// [`WriteError`] when a file cannot be written.
pub(crate) fn scaffold(dir: &Path, name: &str, sample: Option<&str>) -> Result<Scaffolded, Error> {
    if dir.join(FILE_NAME).exists() {
        return Err(UsageError::AlreadyWorkspace(dir.to_path_buf()).into());
    }
    if sample.is_none() && name.trim().is_empty() {
        return Err(UsageError::EmptyName.into());
    }
    let mut done = Scaffolded::default();
    match sample {
        Some(sample) => copy_sample(dir, sample, &mut done)?,
        None => empty(dir, name, &mut done)?,
    }
    copy_templates(dir, &mut done)?;
    Ok(done)
}

/// Copies the bundled templates into `dir/templates/`, keeping any the office already
/// has there.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn copy_templates(dir: &Path, done: &mut Scaffolded) -> Result<(), Error> {
    for (name, text) in crate::templates::BUNDLED {
        let path = dir.join(crate::templates::DIR).join(name);
        done.unless_present(path, |p| Ok(save_bytes(text.as_bytes(), p)?))?;
    }
    Ok(())
}

fn copy_sample(dir: &Path, sample: &str, done: &mut Scaffolded) -> Result<(), Error> {
    let files: Vec<_> = SAMPLES.iter().filter(|(n, _, _)| *n == sample).collect();
    if files.is_empty() {
        return Err(UsageError::UnknownSample {
            name: sample.to_string(),
            available: sample_names().join("、"),
        }
        .into());
    }
    for (_, rel, bytes) in files {
        done.unless_present(dir.join(rel), |p| Ok(save_bytes(bytes, p)?))?;
    }
    Ok(())
}

fn empty(dir: &Path, name: &str, done: &mut Scaffolded) -> Result<(), Error> {
    // A TOML string, quotes and backslashes in the name escaped.
    let name = toml::Value::String(name.trim().to_string());
    let toml = format!(
        "# zwgk 工作目录设置。只有 name 必填，其余设置项见 README。\n\n[workspace]\nname = {name}\n\n[reference]\nsections = \"reference/sections.xlsx\"\n\n# 本地区有目标任务的评分细则时写明（见 README「工作目录」），完成情况附件和通报附件才列出得分：\n# [scoring]\n# base = 25\n# bonus_per_10 = 0.2\n# bonus_cap = 4\n# penalty_per_item = 0.3\n\n# 催报末尾写明本办的联系人和电话：\n# [report]\n# contact = \"\"\n# phone = \"\"\n"
    );
    done.unless_present(dir.join(FILE_NAME), |p| Ok(save_bytes(toml.as_bytes(), p)?))?;
    for (file, headers) in [
        ("reference/units.xlsx", &["单位名称", "别名", "类别"][..]),
        ("reference/targets.xlsx", &["单位", "目标任务数量(条)"][..]),
        (
            "reference/sections.xlsx",
            &[
                "一级栏目",
                "二级栏目",
                "三级栏目",
                "公开内容",
                "保障单位",
                "更新频率",
            ][..],
        ),
    ] {
        done.unless_present(dir.join(file), |path| {
            let mut book = Book::new();
            book.sheet("Sheet1", Look::Data)?.header(headers)?;
            Ok(book.save(path)?)
        })?;
    }
    done.unless_present(dir.join("inbox"), |inbox| {
        std::fs::create_dir_all(inbox).map_err(|source| {
            let path = inbox.to_path_buf();
            WriteError::CreateDir { path, source }.into()
        })
    })
}
