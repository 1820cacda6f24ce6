//! Checks and figures: per-unit numbers against targets, declared totals recomputed,
//! section coverage, the findings a run reports about units rather than cells, and the
//! run's problems put in their order. Every problem of a run is found here or earlier,
//! before any output is written.

pub(crate) mod figures;
pub(crate) mod totals;
mod units;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::calendar::calendar;
use crate::catalogue;
use crate::config::Scoring;
use crate::coverage::{self, Coverage};
use crate::error::Internal;
use crate::ingest::{Input, SheetKind, Status};
use crate::model::Window;
use crate::problems::{Code, Problem};
use crate::reference::Reference;
use crate::schema::{Counts, Items};
use figures::UnitFigures;

/// What the checks found about the counted rows of a run.
pub(crate) struct Checked {
    /// Every unit's figures, in the order of the units table.
    pub(crate) units: Vec<UnitFigures>,
    /// Section coverage, where the workspace has a sections or domain table.
    pub(crate) coverage: Option<Coverage>,
    /// Units with a target that sent nothing dated in the period.
    pub(crate) unsubmitted: Vec<String>,
    /// Counted items dated in the window.
    pub(crate) items_in_period: usize,
    /// The last month (`yyyymm`) with counted data up to the judgement date.
    pub(crate) last_month: Option<i32>,
    /// Counted items dated in the period after the judgement date: not counted.
    pub(crate) items_after: usize,
    /// Findings about units (C002, C003, C004), at their target cells.
    pub(crate) findings: Vec<Problem>,
}

/// Figures, coverage and unit findings of the counted `items` and `counts` for `window`;
/// `unusable` names the units whose files held nothing countable, and those files (see
/// [`units::findings`]).
///
/// # Errors
/// [`Internal`] errors, which would be a bug in an expression.
pub(crate) fn run(
    reference: &Reference,
    (items, counts): (&Items, &Counts),
    unusable: &BTreeMap<String, String>,
    window: Window,
    scoring: &Scoring,
) -> Result<Checked, Internal> {
    let units = reference.resolver.units();
    let figures = figures::figures(units, &reference.targets, items, counts, window, scoring)?;
    let submitted = units::submitted(items, counts, window)?;
    let coverage = coverage_of(reference, items, counts, window, &submitted)?;
    let after = window.as_of.succ_opt().unwrap_or(window.as_of);
    let unsubmitted = figures
        .iter()
        .filter(|u| u.target.is_some() && !submitted.contains(&u.unit))
        .map(|u| u.unit.clone())
        .collect();
    Ok(Checked {
        findings: units::findings(
            &figures,
            (&submitted, window.completes_a_month()),
            unusable,
            reference,
        ),
        items_in_period: units::items_in(items, window.start(), window.as_of)?,
        last_month: units::last_month(items, counts, window.as_of)?,
        items_after: if window.is_whole() {
            0
        } else {
            units::items_in(items, after, window.period.end())?
        },
        units: figures,
        coverage,
        unsubmitted,
    })
}

/// Section coverage, where the workspace has a sections or domain table.
fn coverage_of(
    reference: &Reference,
    items: &Items,
    counts: &Counts,
    window: Window,
    submitted: &BTreeSet<String>,
) -> Result<Option<Coverage>, Internal> {
    if reference.sections.is_empty() {
        return Ok(None);
    }
    let units = reference.resolver.units();
    let sections = &reference.sections;
    let mut c = coverage::check(sections, items, counts, window, units, calendar())?;
    c.words = reference.words();
    // Coverage sees items only; a unit that sent this period's counts did submit.
    c.summary
        .units_without_submission
        .retain(|u| !submitted.contains(u));
    Ok(Some(c))
}

/// The problems of a run in the order they are listed: the reference tables' (as read,
/// then as checked), then each inbox file's in discovery order (as read, its unread
/// sheets, then as normalised and checked), then those about units.
pub(crate) fn ordered(
    reference: &Reference,
    inputs: &[Input],
    found: Vec<Problem>,
    units: Vec<Problem>,
) -> Vec<Problem> {
    let mut by_file: HashMap<String, Vec<Problem>> = HashMap::new();
    for p in found {
        by_file.entry(p.file.clone()).or_default().push(p);
    }
    let mut out: Vec<Problem> = reference
        .inputs
        .iter()
        .flat_map(|(i, _)| i.problems.clone())
        .collect();
    out.extend(reference.problems.iter().cloned());
    for (input, _) in &reference.inputs {
        out.extend(by_file.remove(&input.path).unwrap_or_default());
    }
    for input in inputs {
        out.extend(
            input
                .problems
                .iter()
                .filter(|p| !unread_catalogue(input, p))
                .cloned(),
        );
        out.extend(unread_sheets(input));
        out.extend(by_file.remove(&input.path).unwrap_or_default());
    }
    let mut rest: Vec<_> = by_file.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(rest.into_iter().flat_map(|(_, p)| p));
    // Put before those about units rather than copied with them: a large units table
    // may bring a problem per unit, and two copies of them would be held at once.
    let mut all = units;
    all.splice(0..0, out);
    all
}

/// Whether `p` is the L001 of a sheet that looks like a catalogue: M014 says instead
/// what a catalogue needs.
fn unread_catalogue(input: &Input, p: &Problem) -> bool {
    let sheet = || {
        input
            .sheets
            .iter()
            .position(|s| p.sheet.as_deref() == Some(&s.name))
    };
    p.code == Code::NoHeader && sheet().is_some_and(|i| catalogue::looks_unread(input, i))
}

/// Sheets whose table is no kind zwgk reads (L006): their rows are not read. One that
/// looks like a catalogue has M014 instead.
fn unread_sheets(input: &Input) -> Vec<Problem> {
    input
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            s.kind == SheetKind::Other
                && input.status == Status::Ok
                && !catalogue::looks_unread(input, *i)
        })
        .filter_map(|(_, s)| {
            let rows = s.located.as_ref()?.rows.height();
            let p = Problem::new(Code::NotASubmission, &input.path, &[&rows.to_string()]);
            (rows > 0).then(|| p.at(&s.name, None))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::Resolver;

    fn input(path: &str, problems: Vec<Problem>) -> Input {
        Input {
            path: path.into(),
            sha256: String::new(),
            bytes: 0,
            format: None,
            encoding: None,
            status: Status::Ok,
            sheets: Vec::new(),
            problems,
        }
    }

    fn codes(problems: &[Problem]) -> Vec<(&str, &str)> {
        problems
            .iter()
            .map(|p| (p.file.as_str(), p.code.id()))
            .collect()
    }

    #[test]
    fn problems_are_listed_reference_first_then_file_by_file_then_about_units() {
        let p = |code, file: &str| Problem::new(code, file, &["x", "y", "z"]);
        let targets = "reference/targets.xlsx";
        let reference = Reference {
            resolver: Resolver::new(Vec::new(), "大英县").0,
            targets: Vec::new(),
            target_cells: HashMap::new(),
            targets_total: None,
            targets_file: (targets.into(), 0),
            sections: Vec::new(),
            domains_file: None,
            inputs: vec![(input(targets, vec![p(Code::NoHeader, targets)]), Vec::new())],
            problems: vec![p(Code::TargetUnitUnknown, targets)],
        };
        let inputs = [
            input("inbox/b.csv", vec![p(Code::FormatMismatch, "inbox/b.csv")]),
            input("inbox/a.csv", Vec::new()),
        ];
        // Found by later stages, in any order.
        let found = vec![
            p(Code::BadDate, "inbox/a.csv"),
            p(Code::TotalMismatch, targets),
            p(Code::DuplicateItem, "inbox/b.csv"),
        ];
        let units = vec![p(Code::NoSubmission, targets)];
        let ordered = ordered(&reference, &inputs, found, units);
        assert_eq!(
            codes(&ordered),
            [
                (targets, "L001"),
                (targets, "R001"),
                (targets, "C001"),
                ("inbox/b.csv", "F003"),
                ("inbox/b.csv", "D001"),
                ("inbox/a.csv", "V001"),
                (targets, "C003"),
            ]
        );
    }
}
