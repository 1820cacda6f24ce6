//! Coverage checks over the counted items and count rows of a run, as of its judgement
//! date: what each section's 更新频率 says about it ([`super::judge`]), which responsible
//! units published nothing where an interval was due, which items sit under a section
//! their unit does not answer for, and the 责任矩阵.
//!
//! Items and count rows are resolved to sections once per distinct (栏目, unit) pair,
//! then each item looks its pair up; the counts of the 责任矩阵 and each section's
//! updates are gathered in hash maps, the last updates and each unit's counts in polars.
//! Nothing dated after the judgement date counts; a count row is an update of its section
//! over its month.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use serde::Serialize;

use super::Words;
use super::frequency;
use super::judge::{Dated, Judgement, Status, Update, last_text, listed};
use super::resolve::SectionIndex;
use super::spans::Span;
use crate::calendar::Calendar;
use crate::error::Internal;
use crate::model::{Frequency, Interval, Section, Unit, Window};
use crate::problems::{Code, Place, Problem};
use crate::schema::{Counts, Items, Matrix};

/// One section's coverage at the judgement date (a row of the 栏目覆盖 sheet).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SectionCoverage {
    pub section: Section,
    /// The section's path, made unique with its row where two rows share one; also its
    /// column name in the 责任矩阵.
    pub label: String,
    /// Items (and counted items of count rows) in the window, by any unit.
    pub items: u32,
    /// The same per unit that filed any: responsible units first (in their order), then
    /// other units. A responsible unit with nothing here is left out (a group may name
    /// most of a large units table): see [`SectionCoverage::missing`].
    pub by_unit: Vec<(Arc<str>, u32)>,
    /// The latest item date up to the judgement date.
    pub last_update: Option<NaiveDate>,
    /// The first day of the latest month a count row counts for it, if any.
    pub last_counted: Option<NaiveDate>,
    pub status: Status,
    /// What its 更新频率 says about it, with the evidence.
    pub judgement: Judgement,
}

impl SectionCoverage {
    /// Responsible units with nothing here in the window, in their order. A unit that
    /// sent items or counts in the window without a 栏目, or under one that is no
    /// section (`unsure`), may have updated it and is not listed (S017's rule).
    pub(crate) fn missing(&self, unsure: &HashSet<&str>) -> Vec<&str> {
        let filed: HashSet<&str> = self.by_unit.iter().map(|(u, _)| &**u).collect();
        (self.section.responsible.iter())
            .map(|u| &**u)
            .filter(|u| !filed.contains(u) && !unsure.contains(u))
            .collect()
    }

    /// The evidence of its status in one line, for 栏目覆盖's 说明.
    pub(crate) fn note(&self) -> String {
        let j = &self.judgement;
        match self.status {
            Status::Sleeping | Status::NeverUpdated => format!("{}没有更新", j.missed_text()),
            Status::Current => match j.judged.as_slice() {
                [one] => format!("{}有更新", one.label()),
                [first, .., last] => format!(
                    "{}至{}的 {} 个{}均有更新",
                    first.label(),
                    last.label(),
                    j.judged.len(),
                    interval_zh(self)
                ),
                [] => String::new(),
            },
            Status::NotDue => format!("评估日前没有已结束的{}，不评判", interval_zh(self)),
            Status::Timely | Status::Late => {
                let mut note = format!("核对 {} 条，超时 {} 条", j.checked, j.late.len());
                if j.undated > 0 {
                    note.push_str(&format!("；{} 条没有成文（发生）日期，未核对", j.undated));
                }
                note
            }
            Status::OnDemand => String::new(),
            Status::Unjudged if self.section.frequency == Frequency::Unknown => {
                "更新频率无法识别".into()
            }
            Status::Unjudged => "节假日日历未收录，无法计算".into(),
        }
    }
}

fn interval_zh(s: &SectionCoverage) -> &'static str {
    match s.section.frequency.interval() {
        Some(Interval::Day) => "工作日",
        Some(Interval::Week) => "周",
        Some(Interval::Month) => "月",
        Some(Interval::Quarter) => "季度",
        Some(Interval::HalfYear) => "半年",
        Some(Interval::Year) | None => "年度",
    }
}

/// The manifest's `coverage` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub sections: usize,
    /// Sections with at least one item in the window.
    pub sections_updated: usize,
    /// Labels of the sleeping sections, never-updated ones included.
    pub sleeping: Vec<String>,
    /// Responsible units with no item at all in the window.
    pub units_without_submission: Vec<String>,
}

/// One unit's part in coverage, for its evaluation report (seed 000 Annex 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct UnitCoverage {
    pub unit: String,
    /// Indices into `Coverage::sections` of the sections the unit answers for.
    pub sections: Vec<usize>,
    /// Of those, interval sections with an interval judged in which the unit published
    /// nothing at all in the window (timeliness and 按需 sections never are).
    pub silent: Vec<usize>,
    /// Of those, the sleeping ones: an interval judged passed without any update.
    pub sleeping: Vec<usize>,
    /// The unit's items in the window, whatever their section.
    pub items: u32,
    /// Its items in the window under a section it does not answer for.
    pub outside: u32,
    /// Its items in the window whose 栏目 matched no section.
    pub unresolved: u32,
    /// Its items in the window without a 栏目, which may have been in any of its
    /// sections.
    pub unplaced: u32,
    /// Its items checked against a timeliness rule, and those published late.
    pub checked: u32,
    pub late: u32,
}

impl Coverage {
    /// The units whose items or counts in the window do not all say their section (no
    /// 栏目, or one that is no section): whether they updated a section is not known.
    pub(crate) fn unsure(&self) -> HashSet<&str> {
        (self.units.iter())
            .filter(|u| u.unplaced > 0 || u.unresolved > 0)
            .map(|u| u.unit.as_str())
            .collect()
    }
}

/// What the coverage checks found.
#[derive(Debug, Clone)]
pub(crate) struct Coverage {
    /// In the order of the sections given.
    pub sections: Vec<SectionCoverage>,
    /// Units that answer for a section or filed items under one, in units-table order.
    pub units: Vec<UnitCoverage>,
    /// 责任矩阵: per unit, its items in the window in each section (named by its label);
    /// rows as in `units`.
    pub(crate) matrix: Matrix,
    pub summary: Summary,
    pub problems: Vec<Problem>,
    /// 栏目 or 领域: what the workbooks call the sections.
    pub(crate) words: Words,
}

/// Runs the coverage checks for `window` over the counted `items` and `counts`. `units`
/// is the units table, which orders the matrix; `calendar` tells working days.
///
/// # Errors
/// [`Internal`] errors: a bug in an expression.
pub(crate) fn check(
    sections: &[Section],
    items: &Items,
    counts: &Counts,
    window: Window,
    units: &[Unit],
    calendar: &Calendar,
) -> Result<Coverage, Internal> {
    let index = SectionIndex::new(sections);
    let labels = labels(sections);
    let lf = resolved(items, &index, sections)?;
    let (counted, unresolved) = counted(counts, &index, sections, window);
    let (start, as_of) = (window.start(), window.as_of);
    // Filtered once (no copy when every item is kept, as in a year's run).
    let upto = lf.filter(col(Items::DATE).lt_eq(lit(as_of))).collect()?;
    let in_window = (upto.clone().lazy())
        .filter(col(Items::DATE).gt_eq(lit(start)))
        .collect()?;
    let last = last_updates(upto.clone().lazy())?;
    let found = Found {
        pairs: pair_counts(&in_window, &counted, window)?,
        updates: updates(&upto, &counted, window)?,
        dated: dated_items(in_window.clone().lazy(), sections)?,
        last_counted: last_counted(&counted),
    };
    let mut per_unit = unit_counts(in_window.clone().lazy())?;
    // Count rows without a 栏目 are the unit's items without one too (S017): 责任矩阵's
    // 未归入栏目 and a report's questions 2 and 3 count them.
    let first = start.with_day(1).unwrap_or(start);
    for c in counted
        .iter()
        .filter(|c| c.sid.is_none() && c.month >= first)
    {
        let unplaced = &mut per_unit.entry(c.unit.clone()).or_default()[3];
        *unplaced = unplaced.saturating_add(u32::try_from(c.count).unwrap_or(u32::MAX));
    }
    let mut problems = unplaced_problems(in_window.clone().lazy())?;
    problems.extend(item_problems(in_window.lazy(), sections)?);
    problems.extend(unresolved);
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        out.push(found.section(i, s, &labels[i], last.get(&i).copied(), window, calendar));
    }
    problems.extend(section_problems(&out, &found.last_counted, window));
    let unit_rows = unit_coverage(&out, &per_unit, &found.updates, units);
    problems.extend(silent_problems(&unit_rows, &out));
    let matrix = matrix(&found.pairs, labels, &unit_rows);
    let summary = Summary {
        sections: out.len(),
        sections_updated: out.iter().filter(|s| s.items > 0).count(),
        sleeping: out
            .iter()
            .filter(|s| s.status.is_sleeping())
            .map(|s| s.label.clone())
            .collect(),
        units_without_submission: unit_rows
            .iter()
            .filter(|u| !u.sections.is_empty() && u.items == 0)
            .map(|u| u.unit.clone())
            .collect(),
    };
    Ok(Coverage {
        sections: out,
        units: unit_rows,
        matrix,
        summary,
        problems,
        words: Words::Sections,
    })
}

/// The section each counted item was filed under, named as 责任矩阵 names it: 明细 shows
/// it beside the 栏目 the unit wrote, so that filtering 明细 gives the counts of 责任矩阵
/// (and of 栏目覆盖, less the 统计数 it adds).
#[derive(Debug, Default)]
pub(crate) struct Placement {
    labels: Vec<String>,
    /// Per item, in the order of the items: the index of its section.
    of_item: Vec<Option<u32>>,
    /// What the sections are called (the column is 归入栏目 or 归入领域).
    pub(crate) words: Words,
}

impl Placement {
    /// The sections of `items`, resolved as [`check`] resolves them: once per distinct
    /// (栏目, unit) pair, an item without a unit in none.
    pub(crate) fn of(sections: &[Section], items: &Items, words: Words) -> Self {
        if sections.is_empty() {
            return Self::default();
        }
        let index = SectionIndex::new(sections);
        let mut pairs: HashMap<(&str, &str), Option<u32>> = HashMap::new();
        let of_item = (items.section().iter().zip(items.unit().iter()))
            .map(|pair| match pair {
                (Some(section), Some(unit)) => *pairs
                    .entry((section, unit))
                    .or_insert_with(|| index.resolve(section, Some(unit)).map(|f| f as u32)),
                _ => None,
            })
            .collect();
        Self {
            labels: labels(sections),
            of_item,
            words,
        }
    }

    /// The label of the section of item `i`, where it was filed under one.
    pub(crate) fn label(&self, i: usize) -> Option<&str> {
        let sid = self.of_item.get(i).copied().flatten()?;
        self.labels.get(sid as usize).map(String::as_str)
    }
}

/// Section paths, unique: a repeated path gets its source row.
fn labels(sections: &[Section]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in sections {
        *seen.entry(s.path()).or_default() += 1;
    }
    let mut out: Vec<String> = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        let path = s.path();
        let mut label = if seen[&path] > 1 {
            format!("{path}（第{}行）", s.source.row)
        } else {
            path
        };
        if out.contains(&label) || label == Matrix::UNIT {
            label = format!("{label}（{}）", i + 1);
        }
        out.push(label);
    }
    out
}

/// The row of each (栏目, unit) pair in a [`section_map`].
type PairRows<'a> = PlHashMap<(&'a str, Option<&'a str>), IdxSize>;

/// Each distinct (栏目, unit) pair of `items`, resolved once: a frame with a row per pair
/// of `sid` (the section index, null when unresolved), `answers` (the unit is
/// responsible for it) and `suggest`; and the row of each pair.
fn section_map<'a>(
    items: &'a Items,
    index: &SectionIndex,
    sections: &[Section],
) -> PolarsResult<(DataFrame, PairRows<'a>)> {
    // Gathered in a map rather than by polars' unique, which would encode every item's
    // pair first.
    let mut rows = PlHashMap::default();
    let (mut sid, mut answers, mut suggest) = (Vec::new(), Vec::new(), Vec::new());
    for (s, u) in items.section().iter().zip(items.unit().iter()) {
        let Some(s) = s.filter(|&s| !rows.contains_key(&(s, u))) else {
            continue;
        };
        rows.insert((s, u), sid.len() as IdxSize);
        let found = index.resolve(s, u);
        sid.push(found.map(|f| f as u32));
        answers.push(
            found.is_some_and(|f| {
                u.is_some_and(|u| sections[f].responsible.iter().any(|r| &**r == u))
            }),
        );
        suggest.push(match found {
            Some(_) => None,
            None => Some(index.suggest(s).join("、")).filter(|s| !s.is_empty()),
        });
    }
    let frame = DataFrame::new_infer_height(vec![
        Column::new("sid".into(), sid),
        Column::new("answers".into(), answers),
        Column::new("suggest".into(), suggest),
    ])?;
    Ok((frame, rows))
}

/// The items' columns the checks read, with `sid`, `answers` and `suggest`.
fn resolved(items: &Items, index: &SectionIndex, sections: &[Section]) -> PolarsResult<LazyFrame> {
    let (map, rows) = section_map(items, index, sections)?;
    // Each item's pair looked up rather than joined: a join would copy every column of a
    // million items, and the checks read these columns as they are. As in a join, an
    // item without a unit matches no pair.
    let found: IdxCa = (items.section().iter().zip(items.unit().iter()))
        .map(|pair| match pair {
            (Some(section), Some(unit)) => rows.get(&(section, Some(unit))).copied(),
            _ => None,
        })
        .collect();
    let columns = [
        Items::UNIT,
        Items::DATE,
        Items::AROSE,
        Items::SECTION,
        Items::SECTION_COL,
        Items::FILE,
        Items::SHEET,
        Items::ROW,
    ];
    let mut frame = items.lazy().select([cols(columns).as_expr()]).collect()?;
    frame.hstack_mut(map.take(&found)?.columns())?;
    Ok(frame.lazy())
}

/// A count row with a count above 0, whose month has begun by the judgement date: an
/// update over its month of its resolved section, or (`sid` None) of a row without a
/// 栏目, which may have been in any of the unit's sections (S017).
struct Counted {
    unit: String,
    sid: Option<usize>,
    /// The month's first day.
    month: NaiveDate,
    count: i64,
}

impl Counted {
    fn update(&self) -> Update {
        let next = self.month + chrono::Months::new(1);
        Update {
            unit: Arc::from(self.unit.as_str()),
            from: self.month,
            to: next.pred_opt().unwrap_or(next),
        }
    }
}

/// The count rows that update a section, each resolved once per (栏目, unit), and those
/// without one: a 栏目 that names no section updates none, and its rows of the window
/// are S013 at their row, as an item's would be; they count among the unit's rows
/// without a section (责任矩阵's 未归入栏目), as they count in its figures.
fn counted(
    counts: &Counts,
    index: &SectionIndex,
    sections: &[Section],
    window: Window,
) -> (Vec<Counted>, Vec<Problem>) {
    let mut sids: HashMap<(&str, &str), Option<usize>> = HashMap::new();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let start = window.start().with_day(1).unwrap_or(window.start());
    for row in counts.rows() {
        let (Some(unit), Some(month), Some(count)) = (row.unit, row.month, row.count) else {
            continue;
        };
        let first = NaiveDate::from_ymd_opt(month / 100, (month % 100) as u32, 1);
        let Some(first) = first.filter(|f| *f <= window.as_of && count > 0) else {
            continue;
        };
        let sid = match row.section {
            None => None,
            Some(section) => {
                let sid = *sids
                    .entry((section, unit))
                    .or_insert_with(|| index.resolve(section, Some(unit)));
                let sid = sid.filter(|&i| i < sections.len());
                if sid.is_none() && first >= start {
                    let p = Problem::new(
                        Code::UnresolvedSection,
                        row.file.unwrap_or_default(),
                        &[section],
                    );
                    let close = index.suggest(section);
                    let p = match close.is_empty() {
                        true => p,
                        false => p.suggest(format!("最接近的栏目：{}", close.join("、"))),
                    };
                    let at = row.row.map(Place::row);
                    let p = p.at(row.sheet.unwrap_or_default(), at).value(section);
                    problems.push(p.about(unit));
                }
                sid
            }
        };
        out.push(Counted {
            unit: unit.to_string(),
            sid,
            month: first,
            count,
        });
    }
    (out, problems)
}

/// The latest item date per section, up to the judgement date.
fn last_updates(upto: LazyFrame) -> PolarsResult<HashMap<usize, NaiveDate>> {
    let df = upto
        .filter(col("sid").is_not_null())
        .group_by([col("sid")])
        .agg([col(Items::DATE).max().alias("last")])
        .collect()?;
    let sid = df.column("sid")?.u32()?;
    let last = df.column("last")?.date()?;
    Ok(sid
        .iter()
        .zip(last.as_date_iter())
        .filter_map(|(s, d)| Some((s? as usize, d?)))
        .collect())
}

/// The first day of the latest counted month per section.
fn last_counted(counted: &[Counted]) -> HashMap<usize, NaiveDate> {
    let mut out: HashMap<usize, NaiveDate> = HashMap::new();
    for (c, sid) in counted.iter().filter_map(|c| Some((c, c.sid?))) {
        let last = out.entry(sid).or_insert(c.month);
        *last = (*last).max(c.month);
    }
    out
}

/// Per (section, unit), the items `in_window` and what the count rows of its months
/// add: counted in a map as the items are walked (grouped by polars, every item's pair
/// would be encoded first).
fn pair_counts(
    in_window: &DataFrame,
    counted: &[Counted],
    window: Window,
) -> PolarsResult<HashMap<usize, HashMap<String, u32>>> {
    let (sid, unit) = (
        in_window.column("sid")?.u32()?,
        in_window.column(Items::UNIT)?.str()?,
    );
    let mut pairs: PlHashMap<(usize, &str), i64> = PlHashMap::default();
    for (s, u) in sid.iter().zip(unit.iter()) {
        if let (Some(s), Some(u)) = (s, u) {
            *pairs.entry((s as usize, u)).or_default() += 1;
        }
    }
    let first = window.start().with_day(1).unwrap_or(window.start());
    for c in counted.iter().filter(|c| c.month >= first) {
        if let Some(sid) = c.sid {
            *pairs.entry((sid, c.unit.as_str())).or_default() += c.count;
        }
    }
    let mut out: HashMap<usize, HashMap<String, u32>> = HashMap::new();
    for ((s, u), n) in pairs {
        if let Ok(n) = u32::try_from(n) {
            out.entry(s).or_default().insert(u.to_string(), n);
        }
    }
    Ok(out)
}

/// Every update up to the judgement date that an interval judged may hold (items from
/// the start of the week holding 1 January, and count rows): of each section, and of
/// each unit without a 栏目, which may have been in any of its sections.
struct Updates {
    of_section: HashMap<usize, Vec<Update>>,
    unplaced: HashMap<Arc<str>, Vec<Update>>,
}

/// The [`Updates`] of the items `upto` the judgement date and of the count rows.
fn updates(upto: &DataFrame, counted: &[Counted], window: Window) -> PolarsResult<Updates> {
    let year_start = NaiveDate::from_ymd_opt(window.as_of.year(), 1, 1).unwrap_or(window.as_of);
    let horizon = Span::containing(Interval::Week, year_start).start;
    let (unit, sid) = (upto.column(Items::UNIT)?.str()?, upto.column("sid")?.u32()?);
    let section = upto.column(Items::SECTION)?.str()?;
    let date = upto.column(Items::DATE)?.date()?;
    let mut seen = PlHashSet::default();
    let mut names: HashMap<&str, Arc<str>> = HashMap::new();
    let mut out = Updates {
        of_section: HashMap::new(),
        unplaced: HashMap::new(),
    };
    let rows = unit.iter().zip(sid.iter()).zip(section.iter());
    for (((u, s), named), d) in rows.zip(date.as_date_iter()) {
        let (Some(unit), Some(day)) = (u, d) else {
            continue;
        };
        // An unresolved 栏目 has its own problem (S013) and names none of the unit's
        // sections.
        if day < horizon || (s.is_none() && named.is_some()) || !seen.insert((unit, s, day)) {
            continue;
        }
        let unit = names.entry(unit).or_insert_with(|| Arc::from(unit));
        let update = Update {
            unit: Arc::clone(unit),
            from: day,
            to: day,
        };
        match s {
            Some(s) => out.of_section.entry(s as usize).or_default().push(update),
            None => out
                .unplaced
                .entry(Arc::clone(unit))
                .or_default()
                .push(update),
        }
    }
    for c in counted {
        let updates = match c.sid {
            Some(sid) => out.of_section.entry(sid).or_default(),
            None => out.unplaced.entry(Arc::from(c.unit.as_str())).or_default(),
        };
        updates.push(c.update());
    }
    Ok(out)
}

/// Items in the window of a timeliness section: those with the day they arose, and how
/// many without, per section.
fn dated_items(in_window: LazyFrame, sections: &[Section]) -> PolarsResult<Dates> {
    let lagged: Vec<u32> = (0..sections.len() as u32)
        .filter(|&i| sections[i as usize].frequency.lag().is_some())
        .collect();
    let df = in_window
        .filter(col("sid").is_in(
            lit(Series::new("lagged".into(), lagged)).implode(false),
            false,
        ))
        .select([
            col("sid"),
            col(Items::UNIT),
            col(Items::DATE),
            col(Items::AROSE),
            col(Items::FILE),
            col(Items::SHEET),
            col(Items::ROW),
        ])
        .collect()?;
    let mut out = Dates::default();
    let sid = df.column("sid")?.u32()?;
    let (date, arose) = (
        df.column(Items::DATE)?.date()?,
        df.column(Items::AROSE)?.date()?,
    );
    let [unit, file, sheet] =
        [Items::UNIT, Items::FILE, Items::SHEET].map(|c| df.column(c).and_then(|c| c.str()));
    let (unit, file, sheet, row) = (unit?, file?, sheet?, df.column(Items::ROW)?.u32()?);
    for i in 0..df.height() {
        let Some(s) = sid.get(i) else { continue };
        let s = s as usize;
        match (
            date.phys.get(i).and_then(to_date),
            arose.phys.get(i).and_then(to_date),
        ) {
            (Some(published), Some(arose)) => out.dated.entry(s).or_default().push(Dated {
                unit: unit.get(i).unwrap_or_default().to_string(),
                published,
                arose,
                file: file.get(i).unwrap_or_default().to_string(),
                sheet: sheet.get(i).unwrap_or_default().to_string(),
                row: row.get(i).unwrap_or_default(),
            }),
            _ => *out.undated.entry(s).or_default() += 1,
        }
    }
    Ok(out)
}

fn to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::TimeDelta::days(i64::from(days)))
}

/// Items of timeliness sections in the window, per section.
#[derive(Default)]
struct Dates {
    dated: HashMap<usize, Vec<Dated>>,
    undated: HashMap<usize, u32>,
}

/// What the checks gathered per section before judging it.
struct Found {
    /// Items per section, by unit.
    pairs: HashMap<usize, HashMap<String, u32>>,
    updates: Updates,
    dated: Dates,
    last_counted: HashMap<usize, NaiveDate>,
}

impl Found {
    fn section(
        &self,
        i: usize,
        s: &Section,
        label: &str,
        last_update: Option<NaiveDate>,
        window: Window,
        calendar: &Calendar,
    ) -> SectionCoverage {
        let counts = self.pairs.get(&i);
        let count = |u: &str| counts.and_then(|c| c.get(u)).copied().unwrap_or(0);
        let mut by_unit: Vec<(Arc<str>, u32)> = (s.responsible.iter())
            .map(|u| (u.clone(), count(u)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let responsible: HashSet<&str> = s.responsible.iter().map(|u| &**u).collect();
        let mut others: Vec<(Arc<str>, u32)> = (counts.into_iter().flatten())
            .filter(|(u, _)| !responsible.contains(u.as_str()))
            .map(|(u, n)| (Arc::from(u.as_str()), *n))
            .collect();
        others.sort();
        by_unit.extend(others);
        let none = Vec::new();
        let judgement = match s.frequency {
            Frequency::Every(_) => {
                let updates = self.updates.of_section.get(&i).unwrap_or(&none);
                Judgement::interval(s, updates, window, calendar)
            }
            Frequency::Within(_) => {
                let dated = self.dated.dated.get(&i).map_or(&[][..], Vec::as_slice);
                let undated = self.dated.undated.get(&i).copied().unwrap_or(0);
                Judgement::timeliness(s, label, dated, undated, calendar)
            }
            Frequency::OnDemand | Frequency::Unknown => Judgement::default(),
        };
        let last_counted = self.last_counted.get(&i).copied();
        let ever = last_update.is_some() || last_counted.is_some();
        SectionCoverage {
            section: s.clone(),
            label: label.to_string(),
            items: by_unit.iter().map(|(_, n)| n).sum(),
            by_unit,
            last_update,
            last_counted,
            status: judgement.status(s.frequency, ever),
            judgement,
        }
    }
}

/// Per unit, items in the window: all, outside its sections, under a 栏目 that matched
/// no section, without a 栏目.
fn unit_counts(in_window: LazyFrame) -> PolarsResult<HashMap<String, [u32; 4]>> {
    let section = || col(Items::SECTION);
    let df = in_window
        .group_by([col(Items::UNIT)])
        .agg([
            len().alias("all"),
            (col("sid").is_not_null().and(col("answers").not()))
                .sum()
                .alias("outside"),
            (section().is_not_null().and(col("sid").is_null()))
                .sum()
                .alias("unresolved"),
            section().is_null().sum().alias("unplaced"),
        ])
        .collect()?;
    let unit = df.column(Items::UNIT)?.str()?;
    let mut counts = Vec::with_capacity(4);
    for c in ["all", "outside", "unresolved", "unplaced"] {
        counts.push(df.column(c)?.cast(&DataType::UInt32)?.u32()?.clone());
    }
    let mut out = HashMap::new();
    for i in 0..df.height() {
        if let Some(u) = unit.get(i) {
            out.insert(
                u.to_string(),
                [0, 1, 2, 3].map(|k| counts[k].get(i).unwrap_or(0)),
            );
        }
    }
    Ok(out)
}

/// Per section, at its row of the sections table: no responsible unit (S009), an interval
/// passed without an update (S011, S012), items whose lag could not be checked (S016);
/// items published late (T001, at their rows); a calendar that does not cover the days
/// to judge (K001, once).
fn section_problems(
    sections: &[SectionCoverage],
    last_counted: &HashMap<usize, NaiveDate>,
    window: Window,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut calendar: Option<Problem> = None;
    for (i, s) in sections.iter().enumerate() {
        let src = &s.section.source;
        let at = |p: Problem| p.at(&src.sheet, Place::row(src.row));
        let rule = frequency::rule_of(&s.section);
        let missed = s.judgement.missed_text();
        // Where a unit or group is written that names none, S001 or S002 has said so.
        if s.section.responsible.is_empty() && s.section.responsible_text.trim().is_empty() {
            let p = Problem::new(Code::NoResponsible, &src.file, &[&s.label]);
            out.push(at(p.value(s.section.responsible_text.as_str())));
        }
        match s.status {
            Status::Sleeping => {
                let last = last_text(s.last_update, last_counted.get(&i).copied());
                let args = [s.label.as_str(), &rule, &missed, &last];
                out.push(at(Problem::new(Code::Sleeping, &src.file, &args)));
            }
            Status::NeverUpdated => {
                let args = [s.label.as_str(), &rule, &missed, &window.as_of.to_string()];
                out.push(at(Problem::new(Code::NeverUpdated, &src.file, &args)));
            }
            _ => {}
        }
        if s.judgement.undated > 0 {
            let n = s.judgement.undated.to_string();
            let args = [s.label.as_str(), &rule, &n];
            out.push(at(Problem::new(
                Code::TimelinessUnchecked,
                &src.file,
                &args,
            )));
        }
        out.extend(s.judgement.late.iter().cloned());
        if let (None, Some(e)) = (&calendar, &s.judgement.calendar) {
            calendar = Some(at(e.problem(&src.file)));
        }
    }
    out.extend(calendar);
    out
}

/// Items in the window whose 栏目 matched no section, or a section their unit does not
/// answer for, each at its 栏目 cell.
fn item_problems(in_window: LazyFrame, sections: &[Section]) -> PolarsResult<Vec<Problem>> {
    let df = in_window
        .filter(
            col(Items::SECTION)
                .is_not_null()
                .and(col("sid").is_null().or(col("answers").not())),
        )
        .select([
            col(Items::UNIT),
            col(Items::SECTION),
            col(Items::SECTION_COL).cast(DataType::UInt32),
            col(Items::FILE),
            col(Items::SHEET),
            col(Items::ROW).cast(DataType::UInt32),
            col("sid"),
            col("suggest"),
        ])
        .sort(
            [Items::FILE, Items::SHEET, Items::ROW],
            SortMultipleOptions::default(),
        )
        .collect()?;
    let [unit, section, file, sheet, suggest] = [
        Items::UNIT,
        Items::SECTION,
        Items::FILE,
        Items::SHEET,
        "suggest",
    ]
    .map(|c| df.column(c).and_then(|c| c.str()));
    let (unit, section, file, sheet, suggest) = (unit?, section?, file?, sheet?, suggest?);
    let (section_col, row, sid) = (
        df.column(Items::SECTION_COL)?.u32()?,
        df.column(Items::ROW)?.u32()?,
        df.column("sid")?.u32()?,
    );
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let text = section.get(i).unwrap_or_default();
        let place = row.get(i).map(|row| Place {
            row,
            col: section_col.get(i),
        });
        let file = file.get(i).unwrap_or_default();
        let p = match sid.get(i).and_then(|s| sections.get(s as usize)) {
            None => {
                let p = Problem::new(Code::UnresolvedSection, file, &[text]);
                match suggest.get(i) {
                    Some(s) => p.suggest(format!("最接近的栏目：{s}")),
                    None => p,
                }
            }
            Some(s) => {
                let who = unit.get(i).unwrap_or_default();
                Problem::new(Code::OutsideResponsibility, file, &[who, &s.path()])
                    .suggest(responsible_units(s))
            }
        };
        let p = p.at(sheet.get(i).unwrap_or_default(), place).value(text);
        // The item was counted for its unit.
        out.push(match unit.get(i) {
            Some(u) => p.about(u),
            None => p,
        });
    }
    Ok(out)
}

/// One warning (S017) per sheet and unit whose items in the window have no 栏目: a list
/// without a 栏目 column, or with cells left empty.
fn unplaced_problems(in_window: LazyFrame) -> PolarsResult<Vec<Problem>> {
    let df = in_window
        .filter(col(Items::SECTION).is_null())
        .group_by([col(Items::FILE), col(Items::SHEET), col(Items::UNIT)])
        .agg([len().alias("n")])
        .sort([Items::FILE, Items::SHEET], SortMultipleOptions::default())
        .collect()?;
    let [file, sheet, unit] = [Items::FILE, Items::SHEET, Items::UNIT].map(|c| df.column(c));
    let (file, sheet, unit) = (file?.str()?, sheet?.str()?, unit?.str()?);
    let n = df.column("n")?.cast(&DataType::UInt32)?;
    let n = n.u32()?;
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let count = n.get(i).unwrap_or(0).to_string();
        let p = Problem::new(Code::NoSection, file.get(i).unwrap_or_default(), &[&count])
            .at(sheet.get(i).unwrap_or_default(), None);
        out.push(match unit.get(i) {
            Some(u) => p.about(u),
            None => p,
        });
    }
    Ok(out)
}

/// Most responsible units a suggestion names one by one.
const NAMED_UNITS: usize = 5;

/// Who answers for `section`, as a suggestion: the units by name when they are few, else
/// the 保障单位 cell as written with how many units it stands for (a province's 各部门 is
/// over a thousand, and every item filed outside its units carries this text).
pub(super) fn responsible_units(section: &Section) -> String {
    let units = &section.responsible;
    if units.len() <= NAMED_UNITS {
        format!("该栏目的保障单位：{}", units.join("、"))
    } else {
        let written = &section.responsible_text;
        format!(
            "该栏目的保障单位：{written}（共 {} 个单位，见栏目表）",
            units.len()
        )
    }
}

/// Every unit that answers for a section or filed items under one, in units-table order
/// (units not in the table, which a run never produces, last).
fn unit_coverage(
    sections: &[SectionCoverage],
    per_unit: &HashMap<String, [u32; 4]>,
    updates: &Updates,
    units: &[Unit],
) -> Vec<UnitCoverage> {
    // Looked up by name rather than searched for: a province has thousands of units.
    // A unit is involved when it answers for a section, filed items in one, or has
    // items at all.
    let with_items: HashSet<&str> = sections
        .iter()
        .flat_map(|s| s.by_unit.iter().map(|(u, _)| &**u))
        .collect();
    let mut answering: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sections.iter().enumerate() {
        for unit in s.section.responsible.iter() {
            answering.entry(unit).or_default().push(i);
        }
    }
    let involved = |name: &str| {
        per_unit.contains_key(name) || with_items.contains(name) || answering.contains_key(name)
    };
    let mut names: Vec<String> = units
        .iter()
        .map(|u| u.name.clone())
        .filter(|n| involved(n))
        .collect();
    let known: HashSet<&str> = units.iter().map(|u| u.name.as_str()).collect();
    let mut extra: Vec<String> = with_items
        .iter()
        .copied()
        .chain(per_unit.keys().map(String::as_str))
        .filter(|n| !known.contains(n))
        .map(str::to_string)
        .collect();
    extra.sort();
    extra.dedup();
    names.extend(extra);
    let late = late_by_unit(sections);
    // Each unit's updates in each section, grouped once rather than searched per unit.
    let mut own: PlHashMap<(usize, &str), Vec<&Update>> = PlHashMap::default();
    for (&i, list) in &updates.of_section {
        for u in list {
            own.entry((i, &*u.unit)).or_default().push(u);
        }
    }
    names
        .into_iter()
        .map(|unit| {
            let mut answers = answering.get(unit.as_str()).cloned().unwrap_or_default();
            answers.dedup();
            // Items without a 栏目 may have been in any of the unit's sections: it is not
            // called silent where one of them falls in an interval judged.
            let unplaced: Vec<&Update> = (updates.unplaced.get(unit.as_str()).into_iter())
                .flatten()
                .collect();
            let silent = (answers.iter().copied())
                .filter(|&i| {
                    let mine = own.get(&(i, unit.as_str())).map_or(&[][..], Vec::as_slice);
                    silent_in(&sections[i], mine) && silent_in(&sections[i], &unplaced)
                })
                .collect();
            let sleeping = answers
                .iter()
                .copied()
                .filter(|&i| sections[i].status.is_sleeping())
                .collect();
            let [items, outside, unresolved, unplaced] =
                per_unit.get(&unit).copied().unwrap_or_default();
            let (checked, late) = late.get(&unit).copied().unwrap_or_default();
            UnitCoverage {
                unit,
                sections: answers,
                silent,
                sleeping,
                items,
                outside,
                unresolved,
                unplaced,
                checked,
                late,
            }
        })
        .collect()
}

/// Whether a unit published nothing in `section` over the intervals judged (an interval
/// rule with at least one), given its updates there (`mine`).
fn silent_in(section: &SectionCoverage, mine: &[&Update]) -> bool {
    let judged = &section.judgement.judged;
    !judged.is_empty() && !mine.iter().any(|u| judged.iter().any(|s| u.within(s)))
}

/// Per unit, its items checked against a timeliness rule and those found late.
fn late_by_unit(sections: &[SectionCoverage]) -> BTreeMap<String, (u32, u32)> {
    let mut out: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for j in sections.iter().map(|s| &s.judgement) {
        for (unit, n) in &j.checked_by {
            out.entry(unit.clone()).or_default().0 += n;
        }
        for p in &j.late {
            if let Some(u) = &p.unit {
                out.entry(u.clone()).or_default().1 += 1;
            }
        }
    }
    out
}

/// One notice per responsible unit that published nothing in some of its interval
/// sections over the intervals judged, which other units kept up: a fact, not a verdict
/// (the seeds judge a section by its updates, which S011 and S012 do).
fn silent_problems(units: &[UnitCoverage], sections: &[SectionCoverage]) -> Vec<Problem> {
    let mut out = Vec::new();
    for u in units {
        let kept: Vec<usize> = (u.silent.iter().copied())
            .filter(|i| !u.sleeping.contains(i))
            .collect();
        let Some(&first) = kept.first() else { continue };
        let names = kept.iter().map(|&i| sections[i].label.clone()).collect();
        let first = &sections[first].section.source;
        let n = kept.len().to_string();
        out.push(
            Problem::new(
                Code::UnitSilent,
                &first.file,
                &[&u.unit, &n, &listed(names)],
            )
            .at(&first.sheet, None)
            .about(&u.unit),
        );
    }
    out
}

/// The 责任矩阵: a row per unit of the unit coverage, a column per section, the items of
/// `pairs` (section → unit → items).
fn matrix(
    pairs: &HashMap<usize, HashMap<String, u32>>,
    labels: Vec<String>,
    units: &[UnitCoverage],
) -> Matrix {
    let rows: HashMap<&str, usize> = (units.iter().enumerate())
        .map(|(i, u)| (u.unit.as_str(), i))
        .collect();
    let rows = &rows;
    let counts = pairs.iter().flat_map(|(&section, by_unit)| {
        (by_unit.iter())
            .filter_map(move |(unit, &n)| Some(((*rows.get(unit.as_str())?, section), n)))
    });
    Matrix::new(
        units.iter().map(|u| u.unit.clone()).collect(),
        labels,
        counts,
    )
}
