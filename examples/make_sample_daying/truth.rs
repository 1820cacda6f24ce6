//! The generator's own truth: every data row it wrote with what a correct zwgk must
//! make of it, every planted trap, and the per-unit figures that follow (items
//! counted once, rejected rows never, an item list beating counts for the same
//! month). Written to tests/expected/daying-2018.json; never computed by zwgk.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::units::{DECLARED_TOTAL, UnitSpec, pro_rata};

/// What a correct tool makes of one data row.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An accepted item row (it may still be a duplicate of an earlier one).
    Item {
        unit: &'static str,
        title: String,
        date: NaiveDate,
        link: Option<String>,
    },
    /// An accepted count row: `n` items of `unit` in `month` of 2018.
    Count {
        unit: &'static str,
        month: u32,
        n: u32,
    },
    /// A row that must be rejected with a problem of this code.
    Rejected { code: &'static str },
    /// An accepted row of a contact form: read and kept, never counted as an item.
    Kept,
}

/// One data row written, where it is and what a correct tool makes of it.
#[derive(Debug, Clone)]
pub struct RowFact {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub outcome: Outcome,
}

/// A planted trap and the problem a correct tool reports for it.
#[derive(Debug, Clone, Serialize)]
pub struct Trap {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// A cell such as `C7`, where one cell holds the trap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The 1-based row, where a whole row (or a run of rows from here) holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    pub what: String,
    /// The code from src/problems.rs, or null where the right answer is no problem.
    pub code: Option<&'static str>,
    pub expected: String,
}

/// How a file is to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Read; its rows are in `rows`.
    Read,
    /// Skipped by name (lock files, .DS_Store, Thumbs.db).
    Skipped,
    /// A byte-identical copy of another file: counted once.
    Duplicate,
    /// Encrypted: nothing in it can be read.
    Encrypted,
}

/// One file written into the inbox.
#[derive(Debug, Clone, Serialize)]
pub struct FileFact {
    pub path: String,
    pub format: &'static str,
    pub status: FileStatus,
    /// Data rows written in the file (including rows that must be rejected).
    pub data_rows: u32,
}

/// Everything the generator wrote, as it goes.
#[derive(Default)]
pub struct Ledger {
    pub files: Vec<FileFact>,
    pub rows: Vec<RowFact>,
    pub traps: Vec<Trap>,
}

#[derive(Serialize)]
struct UnitFigures {
    unit: &'static str,
    category: &'static str,
    target: u32,
    pace: &'static str,
    period_items: u32,
    ytd_items: u32,
    expected_ytd: u32,
    completion: f64,
    score: f64,
    /// Of `ytd_items`, how many came from count summaries.
    ytd_from_counts: u32,
}

#[derive(Serialize, Default)]
struct Totals {
    files: usize,
    files_read: usize,
    files_skipped: usize,
    files_duplicate: usize,
    files_encrypted: usize,
    /// Data rows in the files that are read (not the duplicate copy, not the encrypted file).
    data_rows: usize,
    /// Data rows in every file written, including the encrypted file and the duplicate copy.
    data_rows_written: usize,
    rows_accepted: usize,
    rows_rejected: usize,
    /// Accepted item rows that repeat an earlier item (same unit, title and date, or same link).
    duplicate_item_rows: usize,
    /// Accepted count rows not counted because the unit sent an item list for that month.
    overridden_count_rows: usize,
    /// Distinct items from item lists, January–April.
    items: usize,
    items_in_period: usize,
    /// Items declared by count rows that are counted.
    counted_from_summaries: u32,
    counted_from_summaries_in_period: u32,
    /// Data rows in files that cannot or need not be read (encrypted, duplicate copy).
    rows_not_read: u32,
}

#[derive(Serialize)]
struct Rejected<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
    code: &'static str,
}

#[derive(Serialize)]
struct Truth<'a> {
    about: &'static str,
    workspace: &'static str,
    period: &'static str,
    conventions: [&'static str; 6],
    targets: serde_json::Value,
    totals: Totals,
    units: Vec<UnitFigures>,
    units_without_period_data: Vec<&'static str>,
    files: &'a [FileFact],
    rejected_rows: Vec<Rejected<'a>>,
    traps: Vec<Trap>,
}

const CONVENTIONS: [&str; 6] = [
    "Paths are workspace-relative with '/'; rows are 1-based sheet rows, cells are Excel addresses.",
    "The sheet of a CSV, tab-separated or HTML file is its file stem, as Excel names it when opening the file.",
    "Data rows are item or count rows; title lines, headers, notes, signature lines and 合计 rows are not data rows.",
    "A duplicate item row is accepted (rows_accepted) but counted once; a count row overridden by an item list is accepted but not added.",
    "Month folders (inbox/2018年3月, inbox/2018年4月) name no unit and never conflict with a unit named elsewhere.",
    "code is the problem code of src/problems.rs a correct run reports there; null means no problem beyond an info at most.",
];

/// The counted figures of one unit, split by month.
#[derive(Default)]
struct Tally {
    items: [u32; 4],
    counts: [u32; 4],
}

impl Ledger {
    /// The truth file's JSON.
    ///
    /// # Errors
    /// When an accepted row falls outside January–April 2018, which would be a generator bug.
    pub fn to_json(&self, units: &[UnitSpec]) -> Result<String, String> {
        let mut totals = self.file_totals();
        let tallies = self.tally(&mut totals)?;
        let figures: Vec<UnitFigures> = units
            .iter()
            .map(|u| figures(u, tallies.get(u.name)))
            .collect();
        let silent = figures
            .iter()
            .filter(|f| f.period_items == 0)
            .map(|f| f.unit)
            .collect();
        let mut traps = self.traps.clone();
        traps.sort_by(|a, b| (&a.file, &a.sheet, a.row).cmp(&(&b.file, &b.sheet, b.row)));
        let truth = Truth {
            about: "Written by examples/make_sample_daying.rs from its own model, never by zwgk. \
                    Figures follow DESIGN.md: an item counts once, rejected rows never, and an item \
                    list beats counts for the same unit and month.",
            workspace: "samples/daying-2018",
            period: "2018-04",
            conventions: CONVENTIONS,
            targets: serde_json::json!({
                "declared_total": DECLARED_TOTAL,
                "sum_of_rows": units.iter().map(|u| u.target).sum::<u32>(),
                "units": units.len(),
            }),
            totals,
            units: figures,
            units_without_period_data: silent,
            files: &self.files,
            rejected_rows: self.rejected(),
            traps,
        };
        serde_json::to_string_pretty(&truth)
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    }

    fn file_totals(&self) -> Totals {
        let with = |s: FileStatus| self.files.iter().filter(move |f| f.status == s);
        Totals {
            files: self.files.len(),
            files_read: with(FileStatus::Read).count(),
            files_skipped: with(FileStatus::Skipped).count(),
            files_duplicate: with(FileStatus::Duplicate).count(),
            files_encrypted: with(FileStatus::Encrypted).count(),
            rows_not_read: self
                .files
                .iter()
                .filter(|f| f.status != FileStatus::Read)
                .map(|f| f.data_rows)
                .sum(),
            ..Totals::default()
        }
    }

    /// Counts items once and counts only where no item list covers the month.
    fn tally(&self, totals: &mut Totals) -> Result<BTreeMap<&'static str, Tally>, String> {
        let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
        let mut keys = HashSet::new();
        let mut links = HashSet::new();
        let mut counts = Vec::new();
        for fact in &self.rows {
            totals.data_rows += 1;
            match &fact.outcome {
                Outcome::Rejected { .. } => totals.rows_rejected += 1,
                Outcome::Item {
                    unit,
                    title,
                    date,
                    link,
                } => {
                    let month = month_of(*date)
                        .ok_or_else(|| format!("{}:{} dated {date}", fact.file, fact.row))?;
                    let fresh_key = keys.insert((*unit, title.trim().to_string(), *date));
                    let fresh_link = link.as_ref().is_none_or(|l| links.insert(l.clone()));
                    if fresh_key && fresh_link {
                        tallies.entry(unit).or_default().items[month - 1] += 1;
                    } else {
                        totals.duplicate_item_rows += 1;
                    }
                }
                Outcome::Count { unit, month, n } => counts.push((*unit, *month as usize, *n)),
                Outcome::Kept => {}
            }
        }
        for (unit, month, n) in counts {
            let tally = tallies.entry(unit).or_default();
            if tally.items[month - 1] > 0 {
                totals.overridden_count_rows += 1;
            } else {
                tally.counts[month - 1] += n;
            }
        }
        totals.rows_accepted = totals.data_rows - totals.rows_rejected;
        totals.data_rows_written = totals.data_rows + totals.rows_not_read as usize;
        for t in tallies.values() {
            totals.items += t.items.iter().sum::<u32>() as usize;
            totals.items_in_period += t.items[3] as usize;
            totals.counted_from_summaries += t.counts.iter().sum::<u32>();
            totals.counted_from_summaries_in_period += t.counts[3];
        }
        Ok(tallies)
    }

    fn rejected(&self) -> Vec<Rejected<'_>> {
        self.rows
            .iter()
            .filter_map(|f| match f.outcome {
                Outcome::Rejected { code } => Some(Rejected {
                    file: &f.file,
                    sheet: &f.sheet,
                    row: f.row,
                    code,
                }),
                _ => None,
            })
            .collect()
    }

    /// Each unit's items and counts of the year, counted once, as a run of 2018 counts
    /// them (every accepted row is dated January–April).
    ///
    /// # Errors
    /// As [`Ledger::to_json`].
    pub fn year_items(&self) -> Result<BTreeMap<&'static str, u32>, String> {
        let tallies = self.tally(&mut Totals::default())?;
        Ok(tallies
            .iter()
            .map(|(unit, t)| {
                (
                    *unit,
                    t.items.iter().sum::<u32>() + t.counts.iter().sum::<u32>(),
                )
            })
            .collect())
    }

    /// The units that have at least one accepted row, for checks on the plan.
    pub fn units_seen(&self) -> BTreeSet<&'static str> {
        self.rows
            .iter()
            .filter_map(|f| match f.outcome {
                Outcome::Item { unit, .. } | Outcome::Count { unit, .. } => Some(unit),
                Outcome::Rejected { .. } | Outcome::Kept => None,
            })
            .collect()
    }
}

fn month_of(date: NaiveDate) -> Option<usize> {
    (date.year() == 2018 && date.month() <= 4).then_some(date.month() as usize)
}

fn figures(unit: &UnitSpec, tally: Option<&Tally>) -> UnitFigures {
    let (items, counts) = tally.map(|t| (t.items, t.counts)).unwrap_or_default();
    let ytd_items: u32 = items.iter().sum::<u32>() + counts.iter().sum::<u32>();
    let expected_ytd = pro_rata(unit.target, 4);
    UnitFigures {
        unit: unit.name,
        category: unit.category,
        target: unit.target,
        pace: unit.pace.label(),
        period_items: items[3] + counts[3],
        ytd_items,
        expected_ytd,
        completion: round(ytd_items as f64 / unit.target as f64, 4),
        score: score(ytd_items, expected_ytd),
        ytd_from_counts: counts.iter().sum(),
    }
}

/// Seed 001 Annex 2: 25 points at the pro-rata share, +0.2 per full 10 items over
/// (at most +4), −0.3 per item short (not below 0).
fn score(ytd: u32, expected: u32) -> f64 {
    let points = if ytd >= expected {
        25.0 + (0.2 * ((ytd - expected) / 10) as f64).min(4.0)
    } else {
        (25.0 - 0.3 * (expected - ytd) as f64).max(0.0)
    };
    round(points, 2)
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(outcome: Outcome) -> RowFact {
        RowFact {
            file: "inbox/民政局-2018年4月.xlsx".into(),
            sheet: "Sheet1".into(),
            row: 2,
            outcome,
        }
    }

    #[test]
    fn an_item_counts_once_and_an_item_list_beats_counts() -> Result<(), String> {
        let date = NaiveDate::from_ymd_opt(2018, 4, 5).ok_or("date")?;
        let item = |title: &str, link: &str| Outcome::Item {
            unit: "民政局",
            title: title.into(),
            date,
            link: Some(link.into()),
        };
        let ledger = Ledger {
            rows: vec![
                fact(item("低保公示", "l1")),
                fact(item(" 低保公示 ", "l2")),
                fact(item("低保公示（更正）", "l1")),
                fact(item("工作会议", "l3")),
                fact(Outcome::Count {
                    unit: "民政局",
                    month: 4,
                    n: 10,
                }),
                fact(Outcome::Count {
                    unit: "民政局",
                    month: 3,
                    n: 5,
                }),
                fact(Outcome::Rejected { code: "V001" }),
            ],
            ..Ledger::default()
        };
        let mut totals = Totals::default();
        let tallies = ledger.tally(&mut totals)?;
        let t = tallies.get("民政局").ok_or("no tally")?;
        assert_eq!((t.items, t.counts), ([0, 0, 0, 2], [0, 0, 5, 0]));
        assert_eq!(
            (totals.duplicate_item_rows, totals.overridden_count_rows),
            (2, 1)
        );
        assert_eq!(
            (totals.data_rows, totals.rows_accepted, totals.rows_rejected),
            (7, 6, 1)
        );
        Ok(())
    }

    #[test]
    fn scores_follow_annex_2() {
        assert_eq!(score(80, 80), 25.0);
        assert_eq!(score(89, 80), 25.0);
        assert_eq!(score(110, 80), 25.6);
        assert_eq!(score(500, 80), 29.0);
        assert_eq!(score(24, 47), 18.1);
        assert_eq!(score(0, 100), 0.0);
    }
}
