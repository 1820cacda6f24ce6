//! The truth file: what a correct zwgk reports for a sample, worked out from the
//! generator's own model and ledger, never by zwgk. Figures follow DESIGN.md (an item
//! counts once, rejected rows never, an item list beats counts for the same month);
//! coverage follows its "Verdicts" rules for interval 更新频率: a run judges the calendar
//! intervals (Monday–Sunday weeks, months, quarters, half years, years) that end inside
//! its period, a week without a working day asks for nothing, and an interval without
//! any item of the section is missed; a responsible unit is silent in a section when it
//! published in none of the intervals judged.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::calendar::{month_end, working_day};
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
    /// The calendar interval holding `d`, first and last day; none for 按需.
    pub fn interval(self, d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let months = |first_month: u32, n: u32| {
            let last_month = first_month + n - 1;
            let first = NaiveDate::from_ymd_opt(d.year(), first_month, 1)?;
            Some((first, month_end(d.year(), last_month)))
        };
        match self {
            Freq::Weekly => {
                let monday = d - Days::new(u64::from(d.weekday().num_days_from_monday()));
                Some((monday, monday + Days::new(6)))
            }
            Freq::Monthly => months(d.month(), 1),
            Freq::Quarterly => months((d.month() - 1) / 3 * 3 + 1, 3),
            Freq::HalfYearly => months(if d.month() < 7 { 1 } else { 7 }, 6),
            Freq::Yearly => months(1, 12),
            Freq::AsNeeded => None,
        }
    }
}

/// An interval as zwgk names it: 2022年4月4日—10日, 2022年5月, 2022年第二季度 …
fn interval_label(freq: Freq, (first, last): (NaiveDate, NaiveDate)) -> String {
    let ym = format!("{}年{}月", first.year(), first.month());
    match freq {
        Freq::Weekly if first.year() != last.year() => format!(
            "{ym}{}日—{}年{}月{}日",
            first.day(),
            last.year(),
            last.month(),
            last.day()
        ),
        Freq::Weekly if first.month() != last.month() => {
            format!("{ym}{}日—{}月{}日", first.day(), last.month(), last.day())
        }
        Freq::Weekly => format!("{ym}{}日—{}日", first.day(), last.day()),
        Freq::Monthly => ym,
        Freq::Quarterly => {
            let numeral = ["一", "二", "三", "四"][first.month().div_ceil(3) as usize - 1];
            format!("{}年第{numeral}季度", first.year())
        }
        Freq::HalfYearly if first.month() == 1 => format!("{}年上半年", first.year()),
        Freq::HalfYearly => format!("{}年下半年", first.year()),
        Freq::Yearly | Freq::AsNeeded => format!("{}年", first.year()),
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

    /// The intervals of `freq` a run of this period judges: those that end inside it,
    /// except a week in which no day of the period's year is a working day.
    pub fn judged(self, freq: Freq) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut day = self.start();
        while let Some((first, last)) = freq.interval(day) {
            if last > self.end() {
                break;
            }
            let this_year = |d: &NaiveDate| d.year() == self.start().year();
            let works = freq != Freq::Weekly
                || (first.iter_days().take(7))
                    .filter(this_year)
                    .any(working_day);
            if works {
                out.push((first, last));
            }
            day = last + Days::new(1);
        }
        out
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
    /// current | sleeping | never_updated | not_due | on_demand
    status: &'static str,
    /// The intervals judged that passed without any item of the section.
    missed: Vec<String>,
}

#[derive(Serialize)]
struct Silent {
    unit: &'static str,
    /// Sections it answers for with intervals judged, in none of which it published.
    sections: Vec<String>,
}

#[derive(Serialize)]
struct CoverageTruth {
    file: &'static str,
    sheet: &'static str,
    sections: usize,
    sections_updated: usize,
    sleeping: Vec<String>,
    /// Units with a target and nothing this period, then units with nothing answering
    /// for a section due an update in the period.
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
    // (section, unit) → items in the period; section → last update up to the end, and
    // every day (by unit) it was updated on.
    let mut pairs: HashMap<(usize, &str), u32> = HashMap::new();
    let mut last: HashMap<usize, NaiveDate> = HashMap::new();
    let mut days: HashMap<usize, Vec<(&str, NaiveDate)>> = HashMap::new();
    let mut active: HashSet<&str> = HashSet::new();
    // Days of items without a 栏目 (the samples file none under a 栏目 the sections table
    // lacks): they may have been in any of their unit's sections.
    let mut unplaced: Vec<(&str, NaiveDate)> = Vec::new();
    for (unit, date, section) in counted {
        if p.holds(*date) {
            active.insert(unit);
        }
        let Some(s) = section else {
            if *date <= end {
                unplaced.push((unit, *date));
            }
            continue;
        };
        if *date <= end {
            let l = last.entry(*s).or_insert(*date);
            *l = (*l).max(*date);
            days.entry(*s).or_default().push((unit, *date));
        }
        if p.holds(*date) {
            *pairs.entry((*s, unit)).or_default() += 1;
        }
    }
    let none = Vec::new();
    let rows: Vec<SectionFigures> = model
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let updated = days.get(&i).unwrap_or(&none);
            section_figures(i, s, &pairs, last.get(&i).copied(), updated, p)
        })
        .collect();
    let silent_units: Vec<Silent> = units
        .iter()
        .filter_map(|u| {
            let sections: Vec<String> = model
                .sections
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    let judged = p.judged(s.frequency);
                    let published = |(a, b): &(NaiveDate, NaiveDate)| {
                        (days.get(i).unwrap_or(&none).iter())
                            .chain(&unplaced)
                            .any(|(who, d)| *who == u.unit && (a..=b).contains(&d))
                    };
                    s.responsible.contains(&u.unit)
                        && !judged.is_empty()
                        && !judged.iter().any(published)
                })
                .map(|(_, s)| s.label())
                .collect();
            (!sections.is_empty()).then_some(Silent {
                unit: u.unit,
                sections,
            })
        })
        .collect();
    let mut without: Vec<&'static str> = units
        .iter()
        .filter(|u| u.target.is_some() && u.period_items == 0)
        .map(|u| u.unit)
        .collect();
    for u in units {
        // Owing an update: answering for a section with an interval judged in the period
        // in which it published nothing. One updated yearly asks nothing of its unit in
        // a month; a quarterly one updated in April asks nothing in June.
        let owing = silent_units.iter().any(|s| s.unit == u.unit);
        if owing && !active.contains(u.unit) && u.period_items == 0 && !without.contains(&u.unit) {
            without.push(u.unit);
        }
    }
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
    updated: &[(&str, NaiveDate)],
    p: Period,
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
    let judged = p.judged(s.frequency);
    let missed: Vec<String> = judged
        .iter()
        .filter(|(a, b)| !updated.iter().any(|(_, d)| (a..=b).contains(&d)))
        .map(|&span| interval_label(s.frequency, span))
        .collect();
    let status = match (s.frequency, last_update) {
        (Freq::AsNeeded, _) => "on_demand",
        _ if judged.is_empty() => "not_due",
        _ if missed.is_empty() => "current",
        (_, None) => "never_updated",
        (_, Some(_)) => "sleeping",
    };
    SectionFigures {
        label: s.label(),
        row: s.row,
        responsible: s.responsible.clone(),
        items,
        missing,
        last_update,
        status,
        missed,
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
    fn a_quarter_judges_the_intervals_that_end_in_it() {
        assert_eq!(Q2.judged(Freq::Weekly).len(), 13);
        assert_eq!(Q2.judged(Freq::Weekly)[0], (d(3, 28), d(4, 3)));
        assert_eq!(Q2.judged(Freq::Monthly).len(), 3);
        assert_eq!(Q2.judged(Freq::Quarterly), [(d(4, 1), d(6, 30))]);
        assert_eq!(Q2.judged(Freq::HalfYearly), [(d(1, 1), d(6, 30))]);
        assert!(Q2.judged(Freq::Yearly).is_empty());
        assert!(Q2.judged(Freq::AsNeeded).is_empty());
    }

    #[test]
    fn a_month_without_an_item_is_missed() {
        let section = SectionInfo {
            levels: ["专题专栏".into(), "电子商务进农村".into(), String::new()],
            row: 9,
            responsible: vec!["商务局"],
            frequency: Freq::Monthly,
        };
        let pairs = HashMap::new();
        let f = section_figures(
            0,
            &section,
            &pairs,
            Some(d(4, 20)),
            &[("商务局", d(4, 20))],
            Q2,
        );
        assert_eq!(
            (f.status, f.missed.clone()),
            (
                "sleeping",
                vec!["2022年5月".to_string(), "2022年6月".to_string()]
            )
        );
        let all = [
            ("商务局", d(4, 20)),
            ("商务局", d(5, 30)),
            ("商务局", d(6, 1)),
        ];
        let f = section_figures(0, &section, &pairs, Some(d(6, 1)), &all, Q2);
        assert_eq!((f.status, f.missed.len()), ("current", 0));
        assert_eq!(f.label, "专题专栏/电子商务进农村");
        assert_eq!(
            interval_label(Freq::Weekly, (d(5, 30), d(6, 5))),
            "2022年5月30日—6月5日"
        );
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
