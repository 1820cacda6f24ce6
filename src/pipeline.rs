//! The run, stage by stage — the one place the stage order is written down:
//! reference tables → discover the inbox → ingest every file (in parallel) → normalise
//! → totals, figures and unit checks → an `Outcome` that the writers turn into files.
//! As soon as normalising has counted the items, [`run_with`] hands them to a writer on
//! a thread of its own (`zwgk run` writes 明细 there) while the checks go on.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use polars::prelude::*;
use serde::Serialize;

use crate::Error;
use crate::check::figures::{self, Standing, UnitFigures};
use crate::check::totals::{self, TotalCheck};
use crate::config::Config;
use crate::config::{ConfigError, workspace_path};
use crate::coverage::{self, Coverage};
use crate::discover;
use crate::error::Internal;
use crate::ingest::{self, Input, Job, SheetKind, Status};
use crate::model::Period;
use crate::normalise::{self, Account, Context, Resolver, Sender, SourceTable};
use crate::problems::{Code, Problem, Severity};
use crate::read::ReadOptions;
use crate::reference::{self, Reference};
use crate::schema::{Counts, Items};

/// Whether an input is a reference table or something a unit sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reference,
    Submission,
}

/// A sheet of an input, as the manifest and 文件清单 list it.
#[derive(Debug, Clone, Serialize)]
pub struct SheetRecord {
    pub name: String,
    pub kind: SheetKind,
    /// 1-based; `null` when no header was found.
    pub header_row: Option<u32>,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rows_rejected: usize,
}

/// An input file, as the manifest and 文件清单 list it.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub format: Option<String>,
    #[serde(skip)]
    pub format_zh: Option<String>,
    pub encoding: Option<&'static str>,
    pub status: Status,
    pub role: Role,
    /// The one unit its counted rows belong to; `null` for none or several.
    pub unit: Option<String>,
    pub sheets: Vec<SheetRecord>,
}

/// Run-wide counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub files: usize,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rows_rejected: usize,
    /// Distinct items counted (any date).
    pub items: usize,
    pub items_in_period: usize,
    /// Accepted item rows not counted because they repeat an earlier item.
    pub duplicates: usize,
}

/// The targets table in one line: its declared 合计, what its rows add up to, how many units.
#[derive(Debug, Clone, Serialize)]
pub struct TargetsSummary {
    pub declared_total: Option<i64>,
    pub sum_of_rows: i64,
    pub units: usize,
}

/// Everything a run found, ready to be written.
pub struct Outcome {
    pub workspace: String,
    pub period: Period,
    pub inputs: Vec<InputRecord>,
    /// Counted items.
    pub(crate) items: Items,
    /// Counted count rows.
    pub(crate) counts: Counts,
    pub units: Vec<UnitFigures>,
    pub targets: TargetsSummary,
    pub total_checks: Vec<TotalCheck>,
    /// Section coverage, when the workspace has a sections or domain table.
    pub coverage: Option<Coverage>,
    pub totals: Totals,
    /// Units with a target that sent nothing dated in the period.
    pub unsubmitted: Vec<String>,
    /// Every problem: reference tables first, then file by file, then findings about units.
    pub problems: Vec<Problem>,
    /// The units table and its spellings, to tell which unit a file's name is about.
    pub resolver: Resolver,
}

impl Outcome {
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Runs every stage for `period` on the workspace at `root`. `progress(done, total)` is
/// called as files are read.
///
/// # Errors
/// [`Error::Usage`] for a period outside the working year, [`Error::Config`] for an
/// unreadable inbox, [`Error::Reference`] for a missing or wrong reference table,
/// [`Error::Internal`] for an
/// internal failure. Bad submissions are problems in the outcome, never errors.
pub fn run(
    root: &Path,
    config: &Config,
    period: Period,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Outcome, Error> {
    run_with(root, config, period, progress, |_| ()).map(|(outcome, ())| outcome)
}

/// [`run`], giving the counted items ([`Outcome::items`]) to `alongside` on a thread of
/// its own as soon as they are known, while figures, coverage and problems are worked
/// out — `zwgk run` writes 明细 meanwhile. Returns what `alongside` returned too.
///
/// # Errors
/// As [`run`].
pub(crate) fn run_with<T: Send>(
    root: &Path,
    config: &Config,
    period: Period,
    progress: &(dyn Fn(usize, usize) + Sync),
    alongside: impl FnOnce(&Items) -> T + Send,
) -> Result<(Outcome, T), Error> {
    let year = config.year_of(period)?;
    let reference = reference::load(root, config)?;
    let inbox = root.join(&config.paths.inbox);
    let found = discover::discover(&inbox).map_err(|source| ConfigError::Inbox {
        path: inbox,
        source,
    })?;
    let rel = |p: &Path| workspace_path(root, p);
    let jobs = jobs(
        config,
        found.files.iter().map(|p| (p.clone(), rel(p))).collect(),
    );
    let done = AtomicUsize::new(0);
    let mut inputs = ingest::ingest_all(&jobs, &|| {
        progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
    });
    inputs.extend(
        found
            .skipped
            .iter()
            .map(|p| ingest::skipped_file(p, &rel(p))),
    );
    assemble(config, period, year, reference, inputs, alongside)
}

/// One job per inbox file: the limits, and an encoding where `zwgk.toml` overrides it.
fn jobs(config: &Config, files: Vec<(PathBuf, String)>) -> Vec<Job> {
    files
        .into_iter()
        .map(|(path, display)| Job {
            opts: ReadOptions {
                limits: config.limits,
                encoding: config.encoding_of(&display),
            },
            path,
            display,
            frame: Some(normalise::submission_rows),
        })
        .collect()
}

fn assemble<T: Send>(
    config: &Config,
    period: Period,
    year: i32,
    reference: Reference,
    mut inputs: Vec<Input>,
    alongside: impl FnOnce(&Items) -> T + Send,
) -> Result<(Outcome, T), Error> {
    let owners = submission_sheets(&inputs);
    let rows = take_rows(&mut inputs, &owners).map_err(Internal::from)?;
    let tables = source_tables(&inputs, &owners);
    let ctx = Context {
        resolver: &reference.resolver,
        period,
        year,
    };
    let (mut total_checks, total_problems) =
        totals::check(&tables, &rows).map_err(Internal::from)?;
    let mut norm = normalise::submissions(&tables, rows, &ctx)?;
    let (items, counts) = (norm.items.clone(), norm.counts.clone());
    std::thread::scope(|s| {
        let shared = items.clone();
        let side = s.spawn(move || alongside(&shared));
        let units = figures::figures(
            reference.resolver.units(),
            &reference.targets,
            &items,
            &counts,
            period,
            &config.scoring,
        )
        .map_err(Internal::from)?;
        let submitted = submitted_units(&items, &counts, period).map_err(Internal::from)?;
        let coverage = coverage_of(&reference, &items, period, &submitted)?;
        let unsubmitted = units
            .iter()
            .filter(|u| u.target.is_some() && !submitted.contains(&u.unit))
            .map(|u| u.unit.clone())
            .collect();
        let mut found = std::mem::take(&mut norm.problems);
        found.extend(total_problems);
        found.extend(coverage.iter().flat_map(|c| c.problems.iter().cloned()));
        let problems = order_problems(
            &reference,
            &inputs,
            found,
            unit_findings(&units, &submitted, &reference),
        );
        let records = input_records(&reference, &inputs, &owners, &norm, &tables);
        total_checks.extend(reference.targets_total.clone());
        let totals = Totals {
            files: inputs.len(),
            items: items.height(),
            items_in_period: items_in(&items, period).map_err(Internal::from)?,
            duplicates: norm.duplicates,
            ..Totals::of(&records)
        };
        let outcome = Outcome {
            workspace: config.workspace.name.clone(),
            period,
            targets: TargetsSummary::of(&reference),
            inputs: records,
            items,
            counts,
            units,
            total_checks,
            coverage,
            totals,
            unsubmitted,
            problems,
            resolver: reference.resolver,
        };
        // A panic of the side thread is this thread's panic.
        let side = side.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        Ok((outcome, side))
    })
}

/// Section coverage, where the workspace has a sections or domain table.
fn coverage_of(
    reference: &Reference,
    items: &Items,
    period: Period,
    submitted: &BTreeSet<String>,
) -> Result<Option<Coverage>, Error> {
    if reference.sections.is_empty() {
        return Ok(None);
    }
    let mut c = coverage::check(
        &reference.sections,
        items,
        period,
        reference.resolver.units(),
    )?;
    // Coverage sees items only; a unit that sent this period's counts did submit.
    c.summary
        .units_without_submission
        .retain(|u| !submitted.contains(u));
    Ok(Some(c))
}

impl Totals {
    /// The row accounting of the submissions among `records`.
    fn of(records: &[InputRecord]) -> Self {
        let sheets: Vec<&SheetRecord> = records
            .iter()
            .filter(|r| r.role == Role::Submission)
            .flat_map(|r| &r.sheets)
            .collect();
        Self {
            rows_read: sheets.iter().map(|s| s.rows_read).sum(),
            rows_accepted: sheets.iter().map(|s| s.rows_accepted).sum(),
            rows_rejected: sheets.iter().map(|s| s.rows_rejected).sum(),
            ..Self::default()
        }
    }
}

impl TargetsSummary {
    fn of(reference: &Reference) -> Self {
        let total = reference.targets_total.as_ref();
        Self {
            declared_total: total.and_then(|t| t.declared),
            sum_of_rows: total.map_or_else(
                || reference.targets.iter().map(|t| i64::from(t.count)).sum(),
                |t| t.sum_of_rows,
            ),
            units: reference.targets.len(),
        }
    }
}

/// The reference files, then the inbox files, each with its per-sheet accounting.
fn input_records(
    reference: &Reference,
    inputs: &[Input],
    owners: &[(usize, usize)],
    norm: &normalise::Normalised,
    tables: &[SourceTable],
) -> Vec<InputRecord> {
    let file_units = units_by_file(norm, tables);
    let mut accounts_by_file: HashMap<&str, Vec<(usize, Account)>> = HashMap::new();
    for ((input, sheet), account) in owners.iter().zip(&norm.accounts) {
        accounts_by_file
            .entry(inputs[*input].path.as_str())
            .or_default()
            .push((*sheet, *account));
    }
    let mut records: Vec<InputRecord> = reference
        .inputs
        .iter()
        .map(|(input, accounts)| {
            record(
                input,
                Role::Reference,
                None,
                accounts.iter().copied().enumerate().collect(),
            )
        })
        .collect();
    records.extend(inputs.iter().map(|input| {
        let accounts = accounts_by_file
            .remove(input.path.as_str())
            .unwrap_or_default();
        let unit = match file_units.get(input.path.as_str()) {
            Some(Sender::One(unit)) => Some(unit.clone()),
            _ => None,
        };
        record(input, Role::Submission, unit, accounts)
    }));
    records
}

/// (input, sheet) of every item and count table of the inputs that were read.
fn submission_sheets(inputs: &[Input]) -> Vec<(usize, usize)> {
    let mut owners = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        if input.status != Status::Ok {
            continue;
        }
        for (s, sheet) in input.sheets.iter().enumerate() {
            if sheet.table.is_some() && sheet.kind != SheetKind::Other {
                owners.push((i, s));
            }
        }
    }
    owners
}

/// The rows of the `owners` sheets as [`normalise::submission_rows`], moved out of the
/// inputs (framed now where the reading workers could not).
fn take_rows(inputs: &mut [Input], owners: &[(usize, usize)]) -> PolarsResult<Vec<DataFrame>> {
    owners
        .iter()
        .map(|&(i, s)| {
            let sheet = &mut inputs[i].sheets[s];
            match sheet.rows.take() {
                Some(rows) => Ok(rows),
                None => {
                    let records = sheet.table.as_ref().map_or(&[][..], |t| &t.records);
                    normalise::submission_rows(records)
                }
            }
        })
        .collect()
}

/// The tables of the `owners` sheets, in the same order as [`take_rows`] (every owner
/// sheet has a table: [`submission_sheets`] chose them so).
fn source_tables<'a>(inputs: &'a [Input], owners: &[(usize, usize)]) -> Vec<SourceTable<'a>> {
    owners
        .iter()
        .filter_map(|&(i, s)| {
            let (input, sheet) = (&inputs[i], &inputs[i].sheets[s]);
            Some(SourceTable {
                file: &input.path,
                sheet: &sheet.name,
                table: sheet.table.as_ref()?,
                date1904: sheet.date1904,
            })
        })
        .collect()
}

fn record(
    input: &Input,
    role: Role,
    unit: Option<String>,
    accounts: Vec<(usize, Account)>,
) -> InputRecord {
    let sheets = input
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let a = accounts
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, a)| *a)
                .unwrap_or_default();
            SheetRecord {
                name: s.name.clone(),
                kind: s.kind,
                header_row: s.table.as_ref().map(|t| t.header_rows.end() + 1),
                rows_read: a.rows_read,
                rows_accepted: a.rows_accepted,
                rows_rejected: a.rows_rejected,
            }
        })
        .collect();
    InputRecord {
        path: input.path.clone(),
        sha256: input.sha256.clone(),
        bytes: input.bytes,
        format: input.format.map(|f| f.id().to_string()),
        format_zh: input.format.map(|f| f.zh().to_string()),
        encoding: input.encoding,
        status: input.status,
        role,
        unit,
        sheets,
    }
}

fn items_in(items: &Items, period: Period) -> PolarsResult<usize> {
    let dated = items
        .lazy()
        .filter(figures::dated(period.start(), period.end()))
        .select([len()])
        .collect()?;
    Ok(dated.column("len")?.idx()?.get(0).unwrap_or(0) as usize)
}

/// Units with any counted item dated in the period, or any count row for a month in it.
fn submitted_units(
    items: &Items,
    counts: &Counts,
    period: Period,
) -> PolarsResult<BTreeSet<String>> {
    let (start, end) = (period.start(), period.end());
    let items = items
        .lazy()
        .filter(figures::dated(start, end))
        .select([col(Items::UNIT)]);
    let counts = counts
        .lazy()
        .filter(figures::in_months(start, end))
        .select([col(Counts::UNIT)]);
    // Each unit once: a million items name a few thousand units.
    let df = concat([items, counts], UnionArgs::default())?
        .select([col(Items::UNIT).unique()])
        .collect()?;
    Ok(df
        .column(Items::UNIT)?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect())
}

/// Whose counted rows each file holds.
fn units_by_file<'a>(
    norm: &normalise::Normalised,
    tables: &[SourceTable<'a>],
) -> HashMap<&'a str, Sender> {
    let mut out: HashMap<&str, Sender> = HashMap::new();
    for (t, sender) in tables.iter().zip(&norm.senders) {
        let file = out.entry(t.file).or_default();
        *file = std::mem::take(file).and(sender);
    }
    out
}

/// Behind schedule and no submission, located at the unit's target cell.
fn unit_findings(
    units: &[UnitFigures],
    submitted: &BTreeSet<String>,
    reference: &Reference,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| u.target.is_some()) {
        let Some(place) = reference.target_cells.get(&u.unit) else {
            continue;
        };
        let at = |p: Problem| p.at(&place.sheet, Some(place.cell.clone()));
        if !submitted.contains(&u.unit) {
            out.push(at(Problem::new(
                Code::NoSubmission,
                &place.file,
                &[&u.unit],
            )));
        }
        if u.standing == Standing::Behind {
            let (ytd, expected) = (
                u.ytd_items.to_string(),
                u.expected_ytd.unwrap_or(0).to_string(),
            );
            out.push(at(Problem::new(
                Code::BehindSchedule,
                &place.file,
                &[&u.unit, &ytd, &expected],
            )));
        }
    }
    out
}

/// Reference problems, then each inbox file's problems in discovery order, then unit findings.
fn order_problems(
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
        out.extend(input.problems.iter().cloned());
        out.extend(input_sheet_problems(input));
        out.extend(by_file.remove(&input.path).unwrap_or_default());
    }
    let mut rest: Vec<_> = by_file.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(rest.into_iter().flat_map(|(_, p)| p));
    out.extend(units);
    out
}

/// Sheets whose table is neither an item list nor a count summary: their rows are not read.
fn input_sheet_problems(input: &Input) -> Vec<Problem> {
    input
        .sheets
        .iter()
        .filter(|s| s.kind == SheetKind::Other && input.status == Status::Ok)
        .filter_map(|s| {
            let t = s.table.as_ref().filter(|t| !t.records.is_empty())?;
            Some(
                Problem::new(
                    Code::NotASubmission,
                    &input.path,
                    &[&t.records.len().to_string()],
                )
                .at(&s.name, None),
            )
        })
        .collect()
}
