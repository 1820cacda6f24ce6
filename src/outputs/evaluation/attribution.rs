//! Which unit a problem of the run is about, for its evaluation report. A problem about
//! one unit (on a row counted for it, or naming it) is that unit's; any other problem in
//! a submission belongs to the unit that sent the file (its counted rows, else the unit
//! its name or folder names); a sleeping section belongs to every unit responsible for
//! it. Problems in the reference tables and in outputs are the office's own and belong to
//! no unit. A problem in a submission about other months only (its counted rows and its
//! name say so: a February file in April's run) was that period's finding, not this
//! one's: it stays in 问题清单 but goes on no report of this period.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::outputs::Role;
use crate::pipeline::Outcome;
use crate::problems::{Code, Problem};

/// Why a problem was given to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    /// It is about the unit: it sits on a row counted for the unit.
    Row,
    /// It is in a file whose counted rows are all the unit's.
    File,
    /// It is in a file with no counted row of one unit, whose name or folder names the unit.
    FileName,
    /// It is about a section the unit is responsible for.
    Section,
}

/// Findings whose unit the report reads from figures and coverage directly, so they are
/// never attributed from their (reference-table) location.
pub(crate) const DERIVED: [Code; 4] = [
    Code::NoSubmission,
    Code::UnusableSubmission,
    Code::BehindSchedule,
    Code::UnitSilent,
];

/// A row of a sheet of a file: `(file, sheet, 1-based row)`.
type RowKey = (String, String, u32);

/// Who owns what in one run: submission files and section rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Owners {
    /// Submission files → the unit that sent them, where one can be told.
    files: HashMap<String, (String, Basis)>,
    /// Every submission file, owned or not.
    submissions: HashSet<String>,
    /// Submission files about other months than the run's period only.
    other_months: HashSet<String>,
    /// Sections-table rows → the units responsible for that section.
    sections: HashMap<RowKey, Vec<Arc<str>>>,
}

impl Owners {
    /// Collects the owners from a run.
    pub(crate) fn of(outcome: &Outcome) -> Self {
        let mut owners = Self::default();
        for input in outcome.inputs.iter().filter(|i| i.role == Role::Submission) {
            if input.of_other_months(outcome.period) {
                owners.mark_of_other_months(&input.path);
            }
            let owner = match (&input.unit, &input.named_unit) {
                (Some(unit), _) => Some((unit.clone(), Basis::File)),
                (None, Some(named)) => Some((named.clone(), Basis::FileName)),
                (None, None) => None,
            };
            owners.submission(&input.path, owner);
        }
        for s in outcome.coverage.iter().flat_map(|c| &c.sections) {
            let src = &s.section.source;
            owners.section(&src.file, &src.sheet, src.row, &s.section.responsible);
        }
        owners
    }

    /// Records a submission file and, where one can be told, the unit that sent it.
    pub(crate) fn submission(&mut self, file: &str, owner: Option<(String, Basis)>) {
        self.submissions.insert(file.to_string());
        if let Some(owner) = owner {
            self.files.insert(file.to_string(), owner);
        }
    }

    /// Records the units responsible for the section read from row `row` of a sections table.
    pub(crate) fn section(&mut self, file: &str, sheet: &str, row: u32, units: &[Arc<str>]) {
        let key = (file.to_string(), sheet.to_string(), row);
        self.sections.insert(key, units.to_vec());
    }

    /// The units `problem` is about and why; `None` when it is about no unit.
    pub(crate) fn owners_of<'a>(&'a self, problem: &'a Problem) -> Option<(Vec<&'a str>, Basis)> {
        if DERIVED.contains(&problem.code) {
            return None;
        }
        if matches!(problem.code, Code::Sleeping | Code::NeverUpdated) {
            let units = self.sections.get(&problem_row(problem)?)?;
            return Some((units.iter().map(|u| &**u).collect(), Basis::Section));
        }
        if let Some(unit) = &problem.unit {
            return Some((vec![unit.as_str()], Basis::Row));
        }
        let (unit, basis) = self.files.get(&problem.file)?;
        Some((vec![unit.as_str()], *basis))
    }

    /// Records a submission file as about other months than the run's period only.
    pub(crate) fn mark_of_other_months(&mut self, file: &str) {
        self.other_months.insert(file.to_string());
    }

    /// Whether `file` is a submission (rather than a reference table or an output).
    pub(crate) fn is_submission(&self, file: &str) -> bool {
        self.submissions.contains(file)
    }
}

/// The problems of a run, by the unit they are about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// Unit → indices into the problems, in their order, with why each was given.
    pub by_unit: BTreeMap<String, Vec<(usize, Basis)>>,
    /// Problems in submissions that no unit can be named for (an unknown unit, a file
    /// whose name names none): the office has to look at these itself.
    pub unattributed: Vec<usize>,
}

impl Attribution {
    /// The problems given to `unit`, with why each was.
    pub(crate) fn of<'a>(
        &'a self,
        unit: &str,
        problems: &'a [Problem],
    ) -> impl Iterator<Item = (&'a Problem, Basis)> + 'a {
        self.by_unit
            .get(unit)
            .into_iter()
            .flatten()
            .filter_map(|&(i, basis)| Some((problems.get(i)?, basis)))
    }
}

/// Gives each problem to the units it is about (see the module documentation).
pub(crate) fn attribute(problems: &[Problem], owners: &Owners) -> Attribution {
    let mut out = Attribution::default();
    let this_period = problems.iter().enumerate();
    for (i, p) in this_period.filter(|(_, p)| !owners.other_months.contains(&p.file)) {
        match owners.owners_of(p) {
            Some((units, basis)) => {
                for unit in units {
                    out.by_unit
                        .entry(unit.to_string())
                        .or_default()
                        .push((i, basis));
                }
            }
            None if owners.is_submission(&p.file) => out.unattributed.push(i),
            None => {}
        }
    }
    out
}

/// The row a problem sits on.
fn problem_row(p: &Problem) -> Option<RowKey> {
    Some((p.file.clone(), p.sheet.clone()?, p.place?.row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::Place;

    fn owners() -> Owners {
        let mut o = Owners::default();
        // 民政局's item list.
        o.submission(
            "inbox/民政局-4月.xlsx",
            Some(("民政局".into(), Basis::File)),
        );
        // A county-wide file: rows of 财政局 and 民政局; no single sender.
        o.submission("inbox/汇总.xlsx", None);
        // An encrypted file under a folder named after 审计局.
        o.submission(
            "inbox/审计局/补报.xlsx",
            Some(("审计局".into(), Basis::FileName)),
        );
        o.section(
            "reference/sections.csv",
            "sections",
            5,
            &["民政局".into(), "财政局".into()],
        );
        o
    }

    fn at(code: Code, file: &str, sheet: &str, row: u32) -> Problem {
        Problem::new(code, file, &["x", "y", "z"]).at(sheet, Place::cell(row, 2))
    }

    #[test]
    fn a_rejected_row_belongs_to_the_unit_that_sent_the_file() {
        let p = at(Code::BadDate, "inbox/民政局-4月.xlsx", "Sheet1", 7);
        assert_eq!(owners().owners_of(&p), Some((vec!["民政局"], Basis::File)));
    }

    #[test]
    fn a_problem_about_a_unit_belongs_to_that_unit() {
        // S014 on a row of the county-wide file counted for 财政局 is 财政局's.
        let p = at(Code::OutsideResponsibility, "inbox/汇总.xlsx", "表", 2).about("财政局");
        assert_eq!(owners().owners_of(&p), Some((vec!["财政局"], Basis::Row)));
        // So in 民政局's own file, whatever the file's sender.
        let p = at(
            Code::UnresolvedSection,
            "inbox/民政局-4月.xlsx",
            "Sheet1",
            3,
        )
        .about("财政局");
        assert_eq!(owners().owners_of(&p), Some((vec!["财政局"], Basis::Row)));
    }

    #[test]
    fn a_duplicate_row_belongs_to_the_sender_of_its_file() {
        // Duplicates are not counted, so their row is not a counted row.
        let p = at(Code::DuplicateItem, "inbox/民政局-4月.xlsx", "Sheet1", 9);
        assert_eq!(owners().owners_of(&p), Some((vec!["民政局"], Basis::File)));
    }

    #[test]
    fn a_file_that_gave_no_counted_row_goes_to_the_unit_its_folder_names() {
        let p = Problem::new(Code::Encrypted, "inbox/审计局/补报.xlsx", &[]);
        assert_eq!(
            owners().owners_of(&p),
            Some((vec!["审计局"], Basis::FileName))
        );
    }

    #[test]
    fn a_sleeping_section_belongs_to_every_unit_responsible_for_it() {
        let p = at(Code::Sleeping, "reference/sections.csv", "sections", 5);
        assert_eq!(
            owners().owners_of(&p),
            Some((vec!["民政局", "财政局"], Basis::Section))
        );
        // Other findings on the same row are the office's (e.g. a bad 更新频率).
        let p = at(Code::BadFrequency, "reference/sections.csv", "sections", 5);
        assert_eq!(owners().owners_of(&p), None);
    }

    #[test]
    fn findings_the_report_derives_itself_are_not_attributed() {
        let p = at(Code::BehindSchedule, "inbox/民政局-4月.xlsx", "Sheet1", 2);
        assert_eq!(owners().owners_of(&p), None);
    }

    #[test]
    fn a_file_about_other_months_is_attributed_to_nobody() {
        let mut owners = owners();
        owners.mark_of_other_months("inbox/民政局-4月.xlsx");
        owners.mark_of_other_months("inbox/汇总.xlsx");
        let problems = vec![
            at(Code::BadDate, "inbox/民政局-4月.xlsx", "Sheet1", 7),
            at(Code::UnknownUnit, "inbox/汇总.xlsx", "表", 4),
            at(Code::OutsideResponsibility, "inbox/汇总.xlsx", "表", 2).about("财政局"),
            at(Code::Sleeping, "reference/sections.csv", "sections", 5),
        ];
        let a = attribute(&problems, &owners);
        assert_eq!(a.by_unit["民政局"], vec![(3, Basis::Section)]);
        assert_eq!(a.by_unit["财政局"], vec![(3, Basis::Section)]);
        assert!(a.unattributed.is_empty(), "{:?}", a.unattributed);
    }

    #[test]
    fn attribution_splits_units_unattributed_and_the_office_s_own() {
        let problems = vec![
            at(Code::BadDate, "inbox/民政局-4月.xlsx", "Sheet1", 7),
            // A rejected row of the county-wide file: nobody can be named.
            at(Code::UnknownUnit, "inbox/汇总.xlsx", "表", 4),
            // A reference-table problem: the office's own, not "unattributed".
            at(
                Code::TotalMismatch,
                "reference/targets.xlsx",
                "目标任务",
                30,
            ),
            at(Code::Sleeping, "reference/sections.csv", "sections", 5),
            at(Code::OutsideResponsibility, "inbox/汇总.xlsx", "表", 2).about("财政局"),
        ];
        let a = attribute(&problems, &owners());
        assert_eq!(a.unattributed, vec![1]);
        assert_eq!(
            a.by_unit["民政局"],
            vec![(0, Basis::File), (3, Basis::Section)]
        );
        assert_eq!(
            a.by_unit["财政局"],
            vec![(3, Basis::Section), (4, Basis::Row)]
        );
        let mine: Vec<&str> = a
            .of("民政局", &problems)
            .map(|(p, _)| p.code.id())
            .collect();
        assert_eq!(mine, ["V001", "S011"]);
        assert_eq!(a.of("审计局", &problems).count(), 0);
    }
}
