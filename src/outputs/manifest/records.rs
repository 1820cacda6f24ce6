//! The record of every input a run read — reference tables, then inbox files — with its
//! per-sheet row accounting, and the run-wide totals: what `manifest.json` lists under
//! `inputs` and `totals` and 文件清单 shows.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::{Serialize, Serializer};

use crate::check::figures::month_key;
use crate::ingest::{Input, SheetAt, SheetKind, Status};
use crate::model::Period;
use crate::normalise::{Account, Normalised, Resolver, month_in_stem};
use crate::reference::Reference;
use crate::schema::{Counts, Day, Items, Kind};

/// Whether an input is a reference table or something a unit sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// A table the office keeps under `reference/`.
    Reference,
    /// A file a unit dropped into the inbox.
    Submission,
}

/// A sheet of an input, as the manifest and 文件清单 list it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SheetRecord {
    /// The sheet's name.
    pub name: String,
    /// What its table holds.
    pub kind: SheetKind,
    /// 1-based; `null` when no header was found.
    pub header_row: Option<u32>,
    /// Data rows read.
    pub rows_read: usize,
    /// Rows accepted: `rows_read - rows_rejected`.
    pub rows_accepted: usize,
    /// Rows rejected, each with at least one problem.
    pub rows_rejected: usize,
}

/// An input file, as the manifest and 文件清单 list it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct InputRecord {
    /// Workspace-relative, with `/`.
    pub path: String,
    /// The SHA-256 of its bytes, in hex; `null` for a file that was not read.
    pub sha256: Option<String>,
    /// Its size.
    pub bytes: u64,
    /// Its real format (`xlsx`, `html` …); `null` when nothing could be read.
    pub format: Option<String>,
    /// The real format in Chinese, for 文件清单.
    #[serde(skip)]
    pub format_zh: Option<String>,
    /// The text encoding of a text file.
    pub encoding: Option<&'static str>,
    /// Read, skipped or failed.
    pub status: Status,
    /// Reference table or submission.
    pub role: Role,
    /// The one unit its counted rows belong to; `null` for several. A file with no counted
    /// row (unreadable, blank, or every row rejected) has the unit its name, else its
    /// folder, names, if any.
    pub unit: Option<String>,
    /// The unit its file name, else its folder, names; for a submission only.
    #[serde(skip)]
    pub named_unit: Option<String>,
    /// Its sheets, in workbook order.
    pub sheets: Vec<SheetRecord>,
    /// The months a submission is about, in order: those of its counted rows and the one
    /// its name gives, unless it holds forms, which count whatever their date; empty when
    /// nothing tells. `yyyymm` here, `2018-04` in the manifest.
    #[serde(serialize_with = "month_texts")]
    pub months: Vec<i32>,
}

/// `yyyymm` months as `2018-04`.
fn month_texts<S: Serializer>(months: &[i32], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(months.iter().map(|m| format!("{}-{:02}", m / 100, m % 100)))
}

impl InputRecord {
    /// Whether it is a submission about other months than `period`'s only: its problems
    /// were that period's findings (see [`InputRecord::months`]).
    pub(crate) fn of_other_months(&self, period: Period) -> bool {
        let months = month_key(period.start())..=month_key(period.end());
        self.role == Role::Submission
            && !self.months.is_empty()
            && !self.months.iter().any(|m| months.contains(m))
    }
}

/// Run-wide counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Inbox files, whatever became of them.
    pub files: usize,
    /// Data rows of submissions read.
    pub rows_read: usize,
    /// Of those, accepted.
    pub rows_accepted: usize,
    /// Of those, rejected.
    pub rows_rejected: usize,
    /// Distinct items counted (any date).
    pub items: usize,
    /// Of those, dated in the period.
    pub items_in_period: usize,
    /// Accepted item rows not counted because they repeat an earlier item.
    pub duplicates: usize,
}

impl Totals {
    /// The row accounting of the submissions among `records`; the item counts are the
    /// caller's.
    pub(crate) fn of(records: &[InputRecord]) -> Self {
        let sheets: Vec<&SheetRecord> = records
            .iter()
            .filter(|r| r.role == Role::Submission)
            .flat_map(|r| &r.sheets)
            .collect();
        Self {
            files: records
                .iter()
                .filter(|r| r.role == Role::Submission)
                .count(),
            rows_read: sheets.iter().map(|s| s.rows_read).sum(),
            rows_accepted: sheets.iter().map(|s| s.rows_accepted).sum(),
            rows_rejected: sheets.iter().map(|s| s.rows_rejected).sum(),
            ..Self::default()
        }
    }
}

/// The targets table in one line: its declared 合计, what its rows add up to, how many units.
#[derive(Debug, Clone, Serialize)]
pub struct TargetsSummary {
    /// The 合计 the table declares, if any.
    pub declared_total: Option<i64>,
    /// What its rows add up to.
    pub sum_of_rows: i64,
    /// How many units have a target.
    pub units: usize,
}

impl TargetsSummary {
    /// The summary of the targets table of `reference`.
    pub(crate) fn of(reference: &Reference) -> Self {
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

/// The reference files, then the inbox files `inputs`, each with its per-sheet
/// accounting: `read` gives the account of each sheet read (as items and counts, normalised
/// into `norm`, or as catalogues and contact forms).
pub(crate) fn inputs(
    reference: &Reference,
    inputs: &[Input],
    read: &[(SheetAt, Account)],
    norm: &Normalised,
) -> Vec<InputRecord> {
    let senders = senders(&norm.items, &norm.counts);
    let mut months = months(&norm.items, &norm.counts);
    let mut accounts: HashMap<usize, Vec<(usize, Account)>> = HashMap::new();
    for ((input, sheet), account) in read {
        accounts.entry(*input).or_default().push((*sheet, *account));
    }
    let mut records: Vec<InputRecord> = reference
        .inputs
        .iter()
        .map(|(input, accounts)| {
            let accounts = accounts.iter().copied().enumerate().collect();
            record(input, Role::Reference, None, accounts)
        })
        .collect();
    records.extend(inputs.iter().enumerate().map(|(i, input)| {
        let named = named(&reference.resolver, &input.path);
        let unit = match senders.get(input.path.as_str()) {
            Some(sender) => sender.map(str::to_string),
            None => named.clone(),
        };
        let accounts = accounts.remove(&i).unwrap_or_default();
        let mut record = record(input, Role::Submission, unit, accounts);
        record.named_unit = named;
        let mut about = months.remove(input.path.as_str()).unwrap_or_default();
        let forms = (record.sheets.iter()).any(|s| {
            matches!(
                s.kind,
                SheetKind::Catalogue | SheetKind::Contacts | SheetKind::Scores
            )
        });
        let stem = Path::new(&input.path).file_stem();
        let named_month = stem.and_then(|s| month_in_stem(&s.to_string_lossy()));
        about.extend(named_month.filter(|_| !forms));
        record.months = about.into_iter().collect();
        record
    }));
    records
}

/// The unit a file's path names, as normalisation reads it.
fn named(resolver: &Resolver, path: &str) -> Option<String> {
    resolver.in_path(path).either().map(str::to_string)
}

/// The months (`yyyymm`) of each file's counted rows.
fn months<'a>(items: &'a Items, counts: &'a Counts) -> HashMap<&'a str, BTreeSet<i32>> {
    let dates = items.file().iter().enumerate();
    let item_months = dates.map(|(i, file)| (file, Day::get(items.date(), i).map(month_key)));
    let count_months = counts.file().iter().zip(counts.month().iter());
    let mut out: HashMap<&str, BTreeSet<i32>> = HashMap::new();
    // A file's rows come together, mostly of few months: only a change is looked up.
    let mut last = None;
    for row in item_months.chain(count_months) {
        let (Some(file), Some(month)) = row else {
            continue;
        };
        if last != Some((file, month)) {
            last = Some((file, month));
            out.entry(file).or_default().insert(month);
        }
    }
    out
}

/// The one unit each file's counted rows belong to; `None` for a file with rows of
/// several units.
fn senders<'a>(items: &'a Items, counts: &'a Counts) -> HashMap<&'a str, Option<&'a str>> {
    let mut out: HashMap<&str, Option<&str>> = HashMap::new();
    let item_rows = items.file().iter().zip(items.unit().iter());
    let count_rows = counts.file().iter().zip(counts.unit().iter());
    // A file's rows come together, nearly all of one unit: only a change is looked up.
    let mut last = None;
    for row in item_rows.chain(count_rows) {
        let (Some(file), Some(unit)) = row else {
            continue;
        };
        if last == Some((file, unit)) {
            continue;
        }
        last = Some((file, unit));
        let sender = out.entry(file).or_insert(Some(unit));
        if *sender != Some(unit) {
            *sender = None;
        }
    }
    out
}

/// How 文件清单 and the manifest list `input`, given the accounts of its sheets.
pub(crate) fn record(
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
                header_row: s.table().map(|t| t.header_rows.end() + 1),
                rows_read: a.rows_read,
                rows_accepted: a.rows_accepted,
                rows_rejected: a.rows_rejected,
            }
        })
        .collect();
    InputRecord {
        path: input.path.clone(),
        sha256: (!input.sha256.is_empty()).then(|| input.sha256.clone()),
        bytes: input.bytes,
        format: input.format.map(|f| f.id().to_string()),
        format_zh: input.format.map(|f| f.zh().to_string()),
        encoding: input.encoding,
        status: input.status,
        role,
        unit,
        named_unit: None,
        sheets,
        months: Vec::new(),
    }
}
