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

/// Creates a workspace in `dir` named after the area `name`, or a copy of the sample
/// `sample`; returns the files written.
///
/// # Errors
/// [`UsageError`] when `dir` already holds a workspace or the sample does not exist;
/// [`WriteError`] when a file cannot be written.
pub(crate) fn scaffold(
    dir: &Path,
    name: &str,
    sample: Option<&str>,
) -> Result<Vec<PathBuf>, Error> {
    if dir.join(FILE_NAME).exists() {
        return Err(UsageError::AlreadyWorkspace(dir.to_path_buf()).into());
    }
    let mut written = match sample {
        Some(sample) => copy_sample(dir, sample)?,
        None => empty(dir, name)?,
    };
    written.extend(copy_templates(dir)?.0);
    Ok(written)
}

/// Copies the bundled templates into `dir/templates/`, keeping any the office already
/// has there; returns the files written and the files kept.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn copy_templates(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let (mut written, mut kept) = (Vec::new(), Vec::new());
    for (name, text) in crate::templates::BUNDLED {
        let path = dir.join(crate::templates::DIR).join(name);
        if path.exists() {
            kept.push(path);
        } else {
            save_bytes(text.as_bytes(), &path)?;
            written.push(path);
        }
    }
    Ok((written, kept))
}

fn copy_sample(dir: &Path, sample: &str) -> Result<Vec<PathBuf>, Error> {
    let files: Vec<_> = SAMPLES.iter().filter(|(n, _, _)| *n == sample).collect();
    if files.is_empty() {
        return Err(UsageError::UnknownSample {
            name: sample.to_string(),
            available: sample_names().join("、"),
        }
        .into());
    }
    let mut written = Vec::new();
    for (_, rel, bytes) in files {
        let path = dir.join(rel);
        save_bytes(bytes, &path)?;
        written.push(path);
    }
    Ok(written)
}

fn empty(dir: &Path, name: &str) -> Result<Vec<PathBuf>, Error> {
    let toml = format!(
        "# zwgk 工作目录设置。只有 name 必填，其余设置项见 README。\n\n[workspace]\nname = \"{name}\"\n\n[reference]\nsections = \"reference/sections.xlsx\"\n\n# 本地区有目标任务的评分细则时写明（见 README「工作目录」），完成情况附件和通报附件才列出得分：\n# [scoring]\n# base = 25\n# bonus_per_10 = 0.2\n# bonus_cap = 4\n# penalty_per_item = 0.3\n\n# 催报末尾写明本办的联系人和电话：\n# [report]\n# contact = \"\"\n# phone = \"\"\n"
    );
    let mut written = vec![dir.join(FILE_NAME)];
    save_bytes(toml.as_bytes(), &written[0])?;
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
        let mut book = Book::new();
        book.sheet("Sheet1", Look::Data)?.header(headers)?;
        let path = dir.join(file);
        book.save(&path)?;
        written.push(path);
    }
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).map_err(|source| WriteError::CreateDir {
        path: inbox.clone(),
        source,
    })?;
    written.push(inbox);
    Ok(written)
}
