//! What `zwgk assess` writes to `out/<Y>/`: the workbook 考核结果-<Y>.xlsx, the publicity
//! annex 附件-公示.xlsx (results before 复核, with the deadline), the final annex
//! 附件-结果.xlsx (after 复核, with grades and the 按比例 share) and manifest.json.

mod annex;
mod manifest;
mod workbook;

use std::path::Path;

use super::{run_path, written};
use crate::assess::Assessment;
use crate::config::Config;
use crate::model::Period;
use crate::problems::Problem;
use crate::write::{AnnexStyle, WriteError};

/// The workspace-relative paths of the three workbooks of the assessment of `year`.
fn books(dir: &Path, config: &Config, year: i32) -> [String; 3] {
    let at = |name: &str| run_path(dir, config, Period::Year(year), name);
    [
        at(&format!("考核结果-{year}.xlsx")),
        at("附件-公示.xlsx"),
        at("附件-结果.xlsx"),
    ]
}

/// A W001 problem for each text 考核结果-<Y>.xlsx of the workspace `dir` will cut: found
/// before anything is written.
pub(crate) fn overlong(a: &Assessment, dir: &Path, config: &Config) -> Vec<Problem> {
    let [workbook, ..] = books(dir, config, a.year);
    workbook::overlong(a, &workbook)
}

/// Writes every output of `assessment` under the workspace `dir`; returns their
/// workspace-relative paths, the manifest last.
///
/// # Errors
/// [`WriteError`] when a file cannot be written.
pub(crate) fn write(
    dir: &Path,
    config: &Config,
    assessment: &Assessment,
    style: AnnexStyle,
) -> Result<Vec<String>, WriteError> {
    let office = config.report.office(&config.workspace.name);
    let books = books(dir, config, assessment.year);
    workbook::write(assessment, &dir.join(&books[0]))?;
    annex::publicity(assessment, &office, style, &dir.join(&books[1]))?;
    annex::results(assessment, style, &dir.join(&books[2]))?;
    let mut outputs = Vec::new();
    for path in &books {
        outputs.push(written(dir, path.clone())?);
    }
    let manifest = run_path(dir, config, Period::Year(assessment.year), "manifest.json");
    let record = manifest::Manifest::new(assessment, &outputs);
    crate::outputs::manifest::save(&record, &dir.join(&manifest))?;
    let mut written = books.to_vec();
    written.push(manifest);
    Ok(written)
}

/// `2021年12月24日`.
fn date_zh(d: chrono::NaiveDate) -> String {
    crate::outputs::evaluation::date_zh(d)
}
