//! Per-unit evaluation reports (seed 000 Annex 2) in `out/<period>/评估报告/`: one
//! workbook per unit, printed A4 portrait as the office sends it, and one workbook with
//! every unit's report on its own sheet. The rectification deadline counts working days
//! from the report date by the State Council calendar; a year it does not cover is K001.
//! The reports of one run are one set: written aside and put in place together, so that
//! the folder never holds reports of two runs.

pub(crate) mod assessment;
pub(crate) mod attribution;
pub(crate) mod page;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::set::Staging;
use crate::Error;
use crate::calendar;
use crate::config::{Config, workspace_path};
use crate::error::UsageError;
use crate::model::Period;
use crate::pipeline::Outcome;
use crate::problems::Problem;
use crate::write::{AnnexStyle, Book, Look, WriteError, file_name};

pub(crate) use assessment::{Assessment, assess, listed};
pub(crate) use attribution::{Owners, attribute};
pub(crate) use page::{Letterhead, date_zh};

/// The custom document property of the combined workbook that keeps the reports' period
/// and date (`2022Q2 2022-06-23`), for the period's 通报 to read back.
pub(crate) const DATED: &str = "zwgk-report-date";

/// The name of the workbook with every unit's report of `period`.
pub(crate) fn combined_name(period: Period) -> String {
    format!("评估报告汇编-{period}.xlsx")
}

/// One unit's report as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    pub unit: String,
    /// Workspace-relative, with `/`.
    pub path: String,
    /// The problems its 问题描述 lists (a row of problems alike counts each).
    pub findings: usize,
    /// Of those, the ones only to check (S014, M012, M005).
    pub checks: usize,
    pub must_rectify: bool,
    /// Whether all it must rectify is that nothing usable came from it (see
    /// [`Assessment::owes_submission_only`]).
    pub owes_submission: bool,
    /// Whether anything could be judged (see [`Assessment::judged`]).
    pub judged: bool,
    /// Whether the unit is behind the pro-rata target, which the report says but asks no
    /// 整改 for.
    pub behind: bool,
}

/// What [`write`] wrote, decided and found.
#[derive(Debug, Clone)]
pub(crate) struct Written {
    pub reports: Vec<Report>,
    /// The workbook with every report, one sheet per unit.
    pub combined: String,
    pub date: NaiveDate,
    /// Whether the reports are seed 000's tracking evaluation, which asks for 整改.
    pub tracking: bool,
    /// Working days given to rectify.
    pub rectify_days: u32,
    /// The rectification deadline, under the tracking evaluation.
    pub deadline: Option<NaiveDate>,
    /// The deadline of units that only owe the period's information
    /// ([`submission_due`]), under the tracking evaluation.
    pub submission_due: Option<NaiveDate>,
    /// Problems in submissions that would go on a report but no unit could be named for.
    pub unattributed: usize,
    /// What the reports found besides the run's problems: texts cut to Excel's cell
    /// limit (W001).
    pub problems: Vec<Problem>,
}

/// Working days a unit that sent nothing usable is given to send the period's
/// information, after the later of the date and the period's end.
pub(crate) const SUBMIT_WORKDAYS: u32 = 3;

/// By when a unit that sent nothing usable must send the period's information, asked on
/// `date` (the default of the 催报): [`SUBMIT_WORKDAYS`] working days after the later of
/// `date` and the period's `end` — a unit cannot send what it publishes in the period
/// before the period is over — and, under the tracking evaluation, never before the
/// 整改 deadline of `date`'s reports, which give such a unit this day too. A report and a
/// 催报 of one day give it one day.
///
/// # Errors
/// [`calendar::CalendarError`] when the calendar does not cover a day to count.
pub(crate) fn submission_due(
    config: &Config,
    date: NaiveDate,
    end: NaiveDate,
) -> Result<NaiveDate, calendar::CalendarError> {
    let due = calendar::deadline(date.max(end), SUBMIT_WORKDAYS)?;
    if !config.report.tracking {
        return Ok(due);
    }
    Ok(due.max(calendar::deadline(date, config.report.rectify_days)?))
}

/// Writes every unit's evaluation report for `outcome`, dated `date`, under the workspace
/// `dir`. Texts cut to Excel's cell limit are in [`Written::problems`].
///
/// # Errors
/// [`Error::Write`] when a workbook cannot be written, or the set cannot take the place
/// of the previous reports; either way the previous reports are left as they were.
pub(crate) fn write(
    dir: &Path,
    config: &Config,
    outcome: &Outcome,
    date: NaiveDate,
) -> Result<Written, Error> {
    let folder = crate::outputs::run_path(dir, config, outcome.period, "评估报告");
    let owners = Owners::of(outcome);
    let attribution = attribute(&outcome.problems, &owners);
    let days = config.report.rectify_days;
    let tracking = config.report.tracking;
    // Only seed 000's tracking evaluation sets a deadline. One the calendar cannot give
    // stops the reports: they would print the error where the date goes.
    let deadline = (tracking.then(|| calendar::deadline(date, days)).transpose())
        .map_err(|e| UsageError::Deadline(e.to_string()))?;
    let end = outcome.period.end();
    let submission_due = (tracking
        .then(|| submission_due(config, date, end))
        .transpose())
    .map_err(|e| UsageError::Deadline(e.to_string()))?;
    let head = Letterhead {
        title: format!("{}政务公开{}报告", outcome.workspace, title_word(tracking)),
        office: config.report.office(&outcome.workspace),
        date,
        period: outcome.period,
        as_of: outcome.window.as_of,
        rectify_days: days,
        deadline,
        submission_due,
        words: outcome.words(),
        tracking,
    };
    let out = dir.join(&config.paths.out);
    let target = out.join(outcome.period.to_string()).join("评估报告");
    let label = format!("评估报告-{}", outcome.period);
    let mut books = Books::new(Staging::begin_in(&target, &out, &label)?, &folder, &head);
    let inbox = workspace_path(dir, &dir.join(&config.paths.inbox));
    let assessed = assess(outcome, &attribution, &inbox);
    let (reports, combined, problems) = match books.add_all(&assessed) {
        Ok(()) => books.finish()?,
        Err(e) => {
            books.set.abandon();
            return Err(none_written(e, &folder));
        }
    };
    let unattributed = attribution
        .unattributed
        .iter()
        .filter(|&&i| outcome.problems.get(i).is_some_and(listed))
        .count();
    Ok(Written {
        reports,
        combined,
        date,
        tracking,
        rectify_days: days,
        deadline,
        submission_due,
        unattributed,
        problems,
    })
}

/// The workbooks of one run of reports: one per unit as it comes, and the combined one.
struct Books<'a> {
    /// Where the workbooks are written until they are all there.
    set: Staging,
    /// The folder they go to, workspace-relative.
    folder: &'a str,
    head: &'a Letterhead,
    /// File names handed out so far, lower-cased.
    names: HashSet<String>,
    combined: Book,
    reports: Vec<Report>,
    /// Problems found while writing: K001, cut texts.
    found: Vec<Problem>,
}

impl<'a> Books<'a> {
    fn new(set: Staging, folder: &'a str, head: &'a Letterhead) -> Self {
        let mut combined = Book::new();
        combined.stamp(DATED, &format!("{} {}", head.period, head.date));
        Self {
            set,
            folder,
            head,
            names: HashSet::new(),
            combined,
            reports: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Writes each unit's own workbook and adds its sheet to the combined one.
    fn add_all(&mut self, assessed: &[Assessment<'_>]) -> Result<(), Error> {
        assessed.iter().try_for_each(|a| self.add(a))
    }

    /// Writes `a`'s own workbook and adds its sheet to the combined one.
    fn add(&mut self, a: &Assessment<'_>) -> Result<(), Error> {
        let stem = format!("{}-评估报告-{}", file_name(a.unit()), self.head.period);
        let name = format!("{}.xlsx", unique(&mut self.names, &stem));
        let path = format!("{}/{name}", self.folder);
        let mut book = Book::new();
        page::write(&mut book.sheet("评估报告", annex())?, self.head, a)?;
        book.save(&self.set.path(&name))?;
        self.found
            .extend(book.truncations().iter().map(|t| t.problem(&path)));
        page::write(&mut self.combined.sheet(a.unit(), annex())?, self.head, a)?;
        self.reports.push(Report {
            unit: a.unit().to_string(),
            path,
            findings: a.problems,
            checks: a.checks,
            must_rectify: a.must_rectify(),
            owes_submission: a.owes_submission_only(),
            judged: a.judged(),
            behind: a.figures.standing == crate::check::figures::Standing::Behind,
        });
        Ok(())
    }

    /// Saves the combined workbook and puts the set in place; gives the reports, its
    /// path and the problems found.
    fn finish(mut self) -> Result<(Vec<Report>, String, Vec<Problem>), Error> {
        let name = combined_name(self.head.period);
        let path = format!("{}/{name}", self.folder);
        if let Err(e) = self.combined.save(&self.set.path(&name)) {
            self.set.abandon();
            return Err(none_written(e.into(), self.folder));
        }
        let cut = self.combined.truncations().iter().map(|t| t.problem(&path));
        self.found.extend(cut.collect::<Vec<_>>());
        self.set.commit()?;
        Ok((self.reports, path, self.found))
    }
}

/// A failure while the set was written aside, saying that none of it was put in place.
fn none_written(e: Error, folder: &str) -> Error {
    match e {
        Error::Write(source) => Error::Write(WriteError::SetNotWritten {
            folder: folder.to_string(),
            source: Box::new(source),
        }),
        other => other,
    }
}

fn annex() -> Look {
    Look::Annex(AnnexStyle::default())
}

/// `name`, or `name(2)`, `name(3)` … where two units' names make the same file name
/// (Windows compares file names without regard to case).
fn unique(taken: &mut HashSet<String>, name: &str) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{name}({n})");
        n += 1;
    }
    candidate
}

/// What the reports are called: seed 000's 跟踪评估 where the office runs it, else a
/// plain 评估.
pub(crate) fn title_word(tracking: bool) -> &'static str {
    if tracking { "跟踪评估" } else { "评估" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_whose_names_make_the_same_file_name_get_numbered() {
        let mut taken = HashSet::new();
        assert_eq!(unique(&mut taken, "城管局_执法队"), "城管局_执法队");
        assert_eq!(unique(&mut taken, "城管局_执法队"), "城管局_执法队(2)");
        assert_eq!(unique(&mut taken, "ABC"), "ABC");
        assert_eq!(unique(&mut taken, "abc"), "abc(2)");
    }
}
