//! What `zwgk assess` writes to `out/<Y>/`: the workbook 考核结果-<Y>.xlsx, the publicity
//! annex 附件-公示.xlsx (results before 复核, with the deadline), the final annex
//! 附件-结果.xlsx (after 复核, with the 按比例 share and any grades) and manifest.json.

mod annex;
mod manifest;
mod workbook;

use std::path::Path;

use super::{run_path, written};
use crate::assess::Assessment;
use crate::config::Config;
use crate::model::Period;
use crate::problems::{Code, Problem};
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

/// What [`write`] did: the files written, the manifest last, and the annexes held back.
pub(crate) struct Written {
    pub(crate) paths: Vec<String>,
    /// Annexes not written (and earlier ones removed), and why.
    pub(crate) withheld: Option<(Vec<String>, Withheld)>,
}

/// Why annexes were not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Withheld {
    /// 复核 applications wait for a publicity date: 附件-结果.xlsx would present the
    /// results before 复核 as final.
    Pending,
    /// The indicator table's points do not add up (A001, A002): every score and the
    /// maximum rest on it, so neither annex is fit to publish.
    Unsound,
    /// An indicator is scored from the inbox's items, which stop before December
    /// (A026): a ranking from part of the year is no year's result to publish (大英's
    /// sample of January to April gave 44 of 64 units 0 of 25 points).
    PartYear,
    /// No score sheet of the office's was counted (all for another year, say, when
    /// `--year` is wrong) and scores are missing: units would be published at 0, or
    /// ranked on other assessors' items alone.
    Unscored,
}

impl Withheld {
    /// Why annexes of `a` are held back, if they are.
    fn of(a: &Assessment) -> Option<Self> {
        let unsound = (a.problems.iter())
            .any(|p| matches!(p.code, Code::WeightsMismatch | Code::TopLevelNot100));
        let unscored = (a.sheets.assessments == 0 || a.office_unscored())
            && a.objects.iter().any(|o| o.missing().next().is_some());
        if unsound {
            Some(Self::Unsound)
        } else if unscored {
            Some(Self::Unscored)
        } else if a.part_year.is_some() {
            Some(Self::PartYear)
        } else if a.appeals.iter().any(|x| x.status.pending()) {
            Some(Self::Pending)
        } else {
            None
        }
    }
}

/// What 考核结果-<Y>.xlsx's title says of results no annex may publish (the indicator
/// table does not add up, or the scores rest on part of the year), which has no 公示
/// column then.
fn provisional(a: &Assessment) -> Option<&'static str> {
    match Withheld::of(a)? {
        Withheld::Unsound => Some("指标体系分值有误，仅供核对，不能公示"),
        Withheld::PartYear => Some("全年信息未收齐，仅供测算，不能公示"),
        Withheld::Unscored => Some("没有计入本办的评分表，不能公示"),
        Withheld::Pending => None,
    }
}

/// Writes every output of `assessment` under the workspace `dir`; returns their
/// workspace-relative paths. Neither annex is written while the indicator table's points
/// do not add up or an indicator rests on part of the year's items, and 附件-结果.xlsx is
/// not while 复核 applications wait for a publicity date (see [`Withheld`]).
///
/// # Errors
/// [`WriteError`] when a file cannot be written, or an earlier final annex removed.
pub(crate) fn write(
    dir: &Path,
    config: &Config,
    assessment: &Assessment,
    style: AnnexStyle,
) -> Result<Written, WriteError> {
    let office = config.report.office(&config.workspace.name);
    let [workbook, publicity, results] = books(dir, config, assessment.year);
    workbook::write(assessment, &dir.join(&workbook))?;
    let mut books = vec![workbook];
    let withheld = match Withheld::of(assessment) {
        Some(why @ (Withheld::Unsound | Withheld::PartYear | Withheld::Unscored)) => {
            remove_stale(&dir.join(&publicity))?;
            remove_stale(&dir.join(&results))?;
            Some((vec![publicity, results], why))
        }
        Some(Withheld::Pending) => {
            annex::publicity(assessment, &office, style, &dir.join(&publicity))?;
            books.push(publicity);
            remove_stale(&dir.join(&results))?;
            Some((vec![results], Withheld::Pending))
        }
        None => {
            annex::publicity(assessment, &office, style, &dir.join(&publicity))?;
            annex::results(assessment, style, &dir.join(&results))?;
            books.extend([publicity, results]);
            None
        }
    };
    let mut outputs = Vec::new();
    for path in &books {
        outputs.push(written(dir, path.clone())?);
    }
    let manifest = run_path(dir, config, Period::Year(assessment.year), "manifest.json");
    let record = manifest::Manifest::new(assessment, &outputs);
    crate::outputs::manifest::save(&record, &dir.join(&manifest))?;
    books.push(manifest);
    Ok(Written {
        paths: books,
        withheld,
    })
}

/// Removes a final annex left by an earlier run, which no longer holds.
fn remove_stale(path: &Path) -> Result<(), WriteError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(WriteError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// `2021年12月24日`.
fn date_zh(d: chrono::NaiveDate) -> String {
    crate::outputs::evaluation::date_zh(d)
}
