//! The truth file: what a correct zwgk reports for a sample, worked out from the
//! generator's own model and ledger, never by zwgk. Figures follow DESIGN.md (an item
//! counts once, rejected rows never, an item list beats counts for the same month);
//! coverage follows its 更新频率 rules (a section last updated on L is due again one
//! interval later; a section expects an item in the period when one published the day
//! before the period would fall due inside it).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::calendar::month_end;
use crate::ledger::{FileFact, FileStatus, Ledger, Outcome, Trap};

/// How often a section must be updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
    AsNeeded,
}

impl Freq {
    /// When a section last updated on `last` falls due again; never for 按需.
    pub fn due(self, last: NaiveDate) -> Option<NaiveDate> {
        let months = |n| last.checked_add_months(Months::new(n));
        match self {
            Freq::Weekly => last.checked_add_days(Days::new(7)),
            Freq::Monthly => months(1),
            Freq::Quarterly => months(3),
            Freq::HalfYearly => months(6),
            Freq::Yearly => months(12),
            Freq::AsNeeded => None,
        }
    }
}

/// The period a sample is run for: months `first..=last` of `year`.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub label: &'static str,
    pub year: i32,
    pub first: u32,
    pub last: u32,
}

impl Period {
    /// The period's first day.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.first, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The period's last day.
    pub fn end(self) -> NaiveDate {
        month_end(self.year, self.last)
    }

    fn holds(self, d: NaiveDate) -> bool {
        (self.start()..=self.end()).contains(&d)
    }

    /// Whether a section of this frequency expects an item within the period.
    pub fn expects(self, freq: Freq) -> bool {
        let before = self.start().pred_opt().unwrap_or(NaiveDate::MIN);
        freq.due(before).is_some_and(|due| due <= self.end())
    }
}

/// A unit of the units table.
#[derive(Debug, Clone)]
pub struct UnitInfo {
    pub name: &'static str,
    pub category: &'static str,
    pub target: Option<u32>,
    /// How the sample made it publish (for people reading the truth file).
    pub pace: &'static str,
}

/// A section as zwgk must read it from the reference table.
#[derive(Debug, Clone)]
pub struct SectionInfo {
    /// The three levels with blank levels inherited, empty where the row has fewer.
    pub levels: [String; 3],
    /// Its 1-based row in the reference table.
    pub row: u32,
    /// Canonical names, in the units table's order.
    pub responsible: Vec<&'static str>,
    pub frequency: Freq,
}

impl SectionInfo {
    /// The levels joined by `/`, as zwgk labels a section.
    pub fn label(&self) -> String {
        let parts: Vec<&str> = self
            .levels
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect();
        parts.join("/")
    }
}

/// Everything the truth needs besides the ledger.
pub struct Model<'a> {
    pub about: &'static str,
    pub workspace: &'static str,
    pub conventions: &'a [&'static str],
    pub period: Period,
    pub units: &'a [UnitInfo],
    pub declared_total: Option<u32>,
    pub sections: &'a [SectionInfo],
    /// Where the sections (or domains) table is: file and sheet.
    pub sections_at: (&'static str, &'static str),
}

/// The counted figures of one unit, by month of the working year.
#[derive(Default, Clone)]
struct Tally {
    items: [u32; 12],
    counts: [u32; 12],
}

/// Counted (distinct, accepted) items: unit, date, section.
type Counted = Vec<(&'static str, NaiveDate, Option<usize>)>;

#[derive(Serialize, Default)]
struct Totals {
    files: usize,
    files_read: usize,
    files_skipped: usize,
    /// Data rows in the files read = rows_read of the manifest.
    data_rows: usize,
    rows_accepted: usize,
    rows_rejected: usize,
    /// Accepted item rows that repeat an earlier item (same unit, title and date, or same link).
    duplicate_item_rows: usize,
    /// Accepted count rows not counted because the unit sent an item list for that month.
    overridden_count_rows: usize,
    /// Distinct items from item lists, any date.
    items: usize,
    items_in_period: usize,
    /// Items declared by count rows that are counted, year to date and in the period.
    counted_from_summaries: u32,
    counted_from_summaries_in_period: u32,
}

#[derive(Serialize)]
struct UnitFigures {
    unit: &'static str,
    category: &'static str,
    target: Option<u32>,
    pace: &'static str,
    period_items: u32,
    ytd_items: u32,
    expected_ytd: Option<u32>,
    completion: Option<f64>,
    score: Option<f64>,
    standing: &'static str,
}

#[derive(Serialize)]
struct SectionFigures {
    label: String,
    row: u32,
    responsible: Vec<&'static str>,
    /// Items dated in the period, by any unit.
    items: u32,
    /// Responsible units with no item here in the period.
    missing: Vec<&'static str>,
    last_update: Option<NaiveDate>,
    /// current | sleeping | never_updated | on_demand
    status: &'static str,
    days_overdue: Option<i64>,
}

#[derive(Serialize)]
struct Silent {
    unit: &'static str,
    /// Sections it answers for that expect an item this period, where it has none.
    sections: Vec<String>,
}

#[derive(Serialize)]
struct CoverageTruth {
    file: &'static str,
    sheet: &'static str,
    sections: usize,
    sections_updated: usize,
    sleeping: Vec<String>,
    /// Units with a target and nothing this period, then responsible units with nothing.
    units_without_submission: Vec<&'static str>,
    silent_units: Vec<Silent>,
    section_rows: Vec<SectionFigures>,
}

#[derive(Serialize)]
struct Rejected<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
    code: &'static str,
}

#[derive(Serialize)]
struct PeriodTruth {
    label: &'static str,
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Serialize)]
struct Truth<'a> {
    about: &'static str,
    workspace: &'static str,
    period: PeriodTruth,
    conventions: &'a [&'static str],
    targets: serde_json::Value,
    totals: Totals,
    units: Vec<UnitFigures>,
    units_without_period_data: Vec<&'static str>,
    coverage: CoverageTruth,
    files: &'a [FileFact],
    rejected_rows: Vec<Rejected<'a>>,
    traps: Vec<Trap>,
}

/// The truth file's JSON for `ledger` under `model`.
///
/// # Errors
/// When an accepted row falls outside the working year, which would be a generator bug.
pub fn to_json(ledger: &Ledger, model: &Model) -> Result<String, String> {
    let mut totals = file_totals(&ledger.files);
    let (tallies, counted) = tally(ledger, model, &mut totals)?;
    let p = model.period;
    totals.items = counted.len();
    totals.items_in_period = counted.iter().filter(|(_, d, _)| p.holds(*d)).count();
    let units: Vec<UnitFigures> = model
        .units
        .iter()
        .map(|u| figures(u, tallies.get(u.name), p))
        .collect();
    let silent = units
        .iter()
        .filter(|f| f.period_items == 0)
        .map(|f| f.unit)
        .collect();
    let mut traps = ledger.traps.clone();
    traps.sort_by(|a, b| {
        (&a.file, &a.sheet, a.row, &a.cell, a.code)
            .cmp(&(&b.file, &b.sheet, b.row, &b.cell, b.code))
    });
    let sum: u32 = model.units.iter().filter_map(|u| u.target).sum();
    let truth = Truth {
        about: model.about,
        workspace: model.workspace,
        period: PeriodTruth {
            label: p.label,
            start: p.start(),
            end: p.end(),
        },
        conventions: model.conventions,
        targets: serde_json::json!({
            "declared_total": model.declared_total,
            "sum_of_rows": sum,
            "units": model.units.iter().filter(|u| u.target.is_some()).count(),
        }),
        totals,
        coverage: coverage(model, &counted, &units),
        units,
        units_without_period_data: silent,
        files: &ledger.files,
        rejected_rows: rejected(ledger),
        traps,
    };
    serde_json::to_string_pretty(&truth)
        .map(|s| s + "\n")
        .map_err(|e| e.to_string())
}

fn file_totals(files: &[FileFact]) -> Totals {
    let with = |s: FileStatus| files.iter().filter(move |f| f.status == s);
    Totals {
        files: files.len(),
        files_read: with(FileStatus::Read).count(),
        files_skipped: with(FileStatus::Skipped).count(),
        ..Totals::default()
    }
}

/// Counts items once and counts only where no item list covers the month.
fn tally(
    ledger: &Ledger,
    model: &Model,
    totals: &mut Totals,
) -> Result<(BTreeMap<&'static str, Tally>, Counted), String> {
    let year = model.period.year;
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let (mut keys, mut links) = (HashSet::new(), HashSet::new());
    let mut counted = Vec::new();
    let mut counts = Vec::new();
    for fact in &ledger.rows {
        totals.data_rows += 1;
        match &fact.outcome {
            Outcome::Rejected { .. } => totals.rows_rejected += 1,
            Outcome::Item {
                unit,
                title,
                date,
                link,
                section,
            } => {
                if date.year() != year {
                    return Err(format!("{}:{} dated {date}", fact.file, fact.row));
                }
                let fresh_key = keys.insert((*unit, title_key(title), *date));
                let fresh_link = link.as_ref().is_none_or(|l| links.insert(link_key(l)));
                if fresh_key && fresh_link {
                    tallies.entry(unit).or_default().items[date.month0() as usize] += 1;
                    counted.push((*unit, *date, *section));
                } else {
                    totals.duplicate_item_rows += 1;
                }
            }
            Outcome::Count { unit, month, n } => counts.push((*unit, *month, *n)),
            Outcome::Kept => {}
        }
    }
    for (unit, month, n) in counts {
        let i = month
            .checked_sub(1)
            .filter(|i| *i < 12)
            .ok_or("count month")? as usize;
        let tally = tallies.entry(unit).or_default();
        if tally.items[i] > 0 {
            totals.overridden_count_rows += 1;
        } else {
            tally.counts[i] += n;
        }
    }
    totals.rows_accepted = totals.data_rows - totals.rows_rejected;
    let p = model.period;
    for t in tallies.values() {
        totals.counted_from_summaries += t.counts[..p.last as usize].iter().sum::<u32>();
        totals.counted_from_summaries_in_period += t.counts[p.first as usize - 1..p.last as usize]
            .iter()
            .sum::<u32>();
    }
    Ok((tallies, counted))
}

/// A title as zwgk compares titles: no spaces, punctuation or symbols, lower case.
fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn link_key(link: &str) -> String {
    let l = link.to_lowercase();
    let l = l
        .strip_prefix("https://")
        .or_else(|| l.strip_prefix("http://"))
        .unwrap_or(&l);
    let l = l.strip_prefix("www.").unwrap_or(l);
    l.trim_end_matches('/').to_string()
}

fn figures(unit: &UnitInfo, tally: Option<&Tally>, p: Period) -> UnitFigures {
    let t = tally.cloned().unwrap_or_default();
    let sum = |from: u32| -> u32 {
        let r = from as usize - 1..p.last as usize;
        t.items[r.clone()].iter().sum::<u32>() + t.counts[r].iter().sum::<u32>()
    };
    let (period_items, ytd_items) = (sum(p.first), sum(1));
    let expected_ytd = unit.target.map(|t| (2 * t * p.last + 12) / 24);
    let standing = match (unit.target, expected_ytd) {
        (Some(t), _) if ytd_items >= t => "done",
        (Some(_), Some(e)) if ytd_items >= e => "on_track",
        (Some(_), _) => "behind",
        (None, _) => "no_target",
    };
    UnitFigures {
        unit: unit.name,
        category: unit.category,
        target: unit.target,
        pace: unit.pace,
        period_items,
        ytd_items,
        expected_ytd,
        completion: unit
            .target
            .filter(|t| *t > 0)
            .map(|t| round(f64::from(ytd_items) / f64::from(t), 4)),
        score: expected_ytd.map(|e| score(ytd_items, e)),
        standing,
    }
}

/// Seed 001 Annex 2, the default rules: 25 points at the pro-rata share, +0.2 per full
/// 10 items over (at most +4), −0.3 per item short (not below 0).
fn score(ytd: u32, expected: u32) -> f64 {
    let points = if ytd >= expected {
        25.0 + (0.2 * f64::from((ytd - expected) / 10)).min(4.0)
    } else {
        (25.0 - 0.3 * f64::from(expected - ytd)).max(0.0)
    };
    round(points, 2)
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn coverage(model: &Model, counted: &Counted, units: &[UnitFigures]) -> CoverageTruth {
    let p = model.period;
    let end = p.end();
    // (section, unit) → items in the period; section → last update up to the end.
    let mut pairs: HashMap<(usize, &str), u32> = HashMap::new();
    let mut last: HashMap<usize, NaiveDate> = HashMap::new();
    let mut active: HashSet<&str> = HashSet::new();
    for (unit, date, section) in counted {
        if p.holds(*date) {
            active.insert(unit);
        }
        let Some(s) = section else { continue };
        if *date <= end {
            let l = last.entry(*s).or_insert(*date);
            *l = (*l).max(*date);
        }
        if p.holds(*date) {
            *pairs.entry((*s, unit)).or_default() += 1;
        }
    }
    let rows: Vec<SectionFigures> = model
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| section_figures(i, s, &pairs, last.get(&i).copied(), end))
        .collect();
    let mut without: Vec<&'static str> = units
        .iter()
        .filter(|u| u.target.is_some() && u.period_items == 0)
        .map(|u| u.unit)
        .collect();
    for u in units {
        let responsible = model
            .sections
            .iter()
            .any(|s| s.responsible.contains(&u.unit));
        if responsible
            && !active.contains(u.unit)
            && u.period_items == 0
            && !without.contains(&u.unit)
        {
            without.push(u.unit);
        }
    }
    let silent_units = units
        .iter()
        .filter_map(|u| {
            let sections: Vec<String> = model
                .sections
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    s.responsible.contains(&u.unit)
                        && p.expects(s.frequency)
                        && !pairs.contains_key(&(*i, u.unit))
                })
                .map(|(_, s)| s.label())
                .collect();
            (!sections.is_empty()).then_some(Silent {
                unit: u.unit,
                sections,
            })
        })
        .collect();
    CoverageTruth {
        file: model.sections_at.0,
        sheet: model.sections_at.1,
        sections: rows.len(),
        sections_updated: rows.iter().filter(|r| r.items > 0).count(),
        sleeping: rows
            .iter()
            .filter(|r| matches!(r.status, "sleeping" | "never_updated"))
            .map(|r| r.label.clone())
            .collect(),
        units_without_submission: without,
        silent_units,
        section_rows: rows,
    }
}

fn section_figures(
    i: usize,
    s: &SectionInfo,
    pairs: &HashMap<(usize, &str), u32>,
    last_update: Option<NaiveDate>,
    end: NaiveDate,
) -> SectionFigures {
    let items = pairs
        .iter()
        .filter(|((sid, _), _)| *sid == i)
        .map(|(_, n)| n)
        .sum();
    let missing = s
        .responsible
        .iter()
        .copied()
        .filter(|u| !pairs.contains_key(&(i, *u)))
        .collect();
    let (status, days_overdue) = match (s.frequency, last_update) {
        (Freq::AsNeeded, _) => ("on_demand", None),
        (_, None) => ("never_updated", None),
        (f, Some(l)) => match f.due(l).map(|due| (end - due).num_days()) {
            Some(days) if days > 0 => ("sleeping", Some(days)),
            _ => ("current", None),
        },
    };
    SectionFigures {
        label: s.label(),
        row: s.row,
        responsible: s.responsible.clone(),
        items,
        missing,
        last_update,
        status,
        days_overdue,
    }
}

fn rejected(ledger: &Ledger) -> Vec<Rejected<'_>> {
    ledger
        .rows
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, m, day).unwrap_or(NaiveDate::MIN)
    }

    const Q2: Period = Period {
        label: "2022Q2",
        year: 2022,
        first: 4,
        last: 6,
    };

    #[test]
    fn a_quarter_expects_monthly_and_quarterly_sections_only() {
        assert!(Q2.expects(Freq::Weekly));
        assert!(Q2.expects(Freq::Monthly));
        assert!(Q2.expects(Freq::Quarterly));
        assert!(!Q2.expects(Freq::HalfYearly));
        assert!(!Q2.expects(Freq::Yearly));
        assert!(!Q2.expects(Freq::AsNeeded));
    }

    #[test]
    fn sleeping_is_counted_from_one_interval_after_the_last_update() {
        let section = SectionInfo {
            levels: ["专题专栏".into(), "电子商务进农村".into(), String::new()],
            row: 9,
            responsible: vec!["商务局"],
            frequency: Freq::Monthly,
        };
        let f = section_figures(0, &section, &HashMap::new(), Some(d(4, 20)), Q2.end());
        assert_eq!((f.status, f.days_overdue), ("sleeping", Some(41)));
        let f = section_figures(0, &section, &HashMap::new(), Some(d(5, 30)), Q2.end());
        assert_eq!((f.status, f.days_overdue), ("current", None));
        assert_eq!(f.label, "专题专栏/电子商务进农村");
    }

    #[test]
    fn keys_ignore_punctuation_case_and_scheme() {
        assert_eq!(title_key("关于 “六稳” 的通知！"), "关于六稳的通知");
        assert_eq!(
            link_key("HTTP://www.tangyin.gov.cn/a/1.html/"),
            "tangyin.gov.cn/a/1.html"
        );
        assert_eq!(score(90, 80), 25.2);
        assert_eq!(score(70, 80), 22.0);
    }
}
