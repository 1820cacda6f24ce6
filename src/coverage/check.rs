//! Coverage checks over the counted items of a run: which sections were updated, which
//! sleep past their 更新频率, which responsible units published nothing where they must,
//! and which items sit under a section their unit does not answer for.
//!
//! Items are resolved to sections once per distinct (栏目, unit) pair in Rust, then
//! joined back; counts, last updates and the 责任矩阵 pivot are polars. Item findings are
//! reported for items dated in the period only; last updates look at every item up to
//! the period's end.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use super::frequency;
use super::resolve::SectionIndex;
use crate::error::Internal;
use crate::model::{Frequency, Period, Section, Unit};
use crate::problems::{Code, Place, Problem};
use crate::schema::{Items, Matrix};

/// Whether a section was updated as often as it must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// Updated within its frequency at the period's end.
    Current,
    /// Last updated longer ago than its frequency allows.
    Sleeping,
    /// No item up to the period's end; sleeping too.
    NeverUpdated,
    /// 按需: never sleeping, whatever its items.
    OnDemand,
}

impl Status {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Current => "正常",
            Self::Sleeping => "超期未更新",
            Self::NeverUpdated => "从未更新",
            Self::OnDemand => "按需更新",
        }
    }

    /// Sleeping or never updated.
    pub(crate) fn is_sleeping(self) -> bool {
        matches!(self, Self::Sleeping | Self::NeverUpdated)
    }
}

/// One section's coverage at the period's end (a row of the 栏目覆盖 sheet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SectionCoverage {
    pub section: Section,
    /// The section's path, made unique with its row where two rows share one; also its
    /// column name in the 责任矩阵.
    pub label: String,
    /// Items dated in the period, by any unit.
    pub items: u32,
    /// Items dated in the period per unit, responsible units first (in their order,
    /// zeros included), then other units that filed items here.
    pub by_unit: Vec<(String, u32)>,
    /// Responsible units with no item here in the period.
    pub missing: Vec<String>,
    /// The latest item date up to the period's end.
    pub last_update: Option<NaiveDate>,
    pub status: Status,
    /// Days past due at the period's end, for `Sleeping`.
    pub days_overdue: Option<u32>,
}

/// The manifest's `coverage` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub sections: usize,
    /// Sections with at least one item in the period.
    pub sections_updated: usize,
    /// Labels of the sleeping sections, never-updated ones included.
    pub sleeping: Vec<String>,
    /// Responsible units with no item at all in the period.
    pub units_without_submission: Vec<String>,
}

/// One unit's part in coverage, for its evaluation report (seed 000 Annex 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct UnitCoverage {
    pub unit: String,
    /// Indices into `Coverage::sections` of the sections the unit answers for.
    pub sections: Vec<usize>,
    /// Of those, the ones where the unit has no item in the period (按需 sections aside:
    /// nothing to publish is no fault there).
    pub silent: Vec<usize>,
    /// Of those, the sleeping ones (never updated included).
    pub sleeping: Vec<usize>,
    /// The unit's items in the period, whatever their section.
    pub items: u32,
    /// Its items in the period under a section it does not answer for.
    pub outside: u32,
    /// Its items in the period whose 栏目 matched no section.
    pub unresolved: u32,
}

impl UnitCoverage {
    /// Question 1, 本单位所负责领域信息是否公开: each domain it answers for has an item this
    /// period where its frequency expects one, and none is sleeping.
    pub(crate) fn domains_published(&self, coverage: &Coverage) -> bool {
        self.silent
            .iter()
            .chain(&self.sleeping)
            .all(|&i| coverage.sections[i].section.domain.is_none())
    }

    /// 2. 信息发布是否及时: none of its sections is sleeping.
    pub(crate) fn timely(&self) -> bool {
        self.sleeping.is_empty()
    }

    /// 3. 信息公开是否全面: an item this period in every section it answers for.
    pub(crate) fn complete(&self) -> bool {
        self.silent.is_empty()
    }
}

/// What the coverage checks found.
#[derive(Debug, Clone)]
pub(crate) struct Coverage {
    /// In the order of the sections given.
    pub sections: Vec<SectionCoverage>,
    /// Units that answer for a section or filed items under one, in units-table order.
    pub units: Vec<UnitCoverage>,
    /// 责任矩阵: per unit, its items in the period in each section (named by its label);
    /// rows as in `units`.
    pub(crate) matrix: Matrix,
    pub summary: Summary,
    pub problems: Vec<Problem>,
}

/// Runs the coverage checks for `period` over the counted `items`. `units` is the units
/// table, which orders the matrix.
///
/// # Errors
/// [`Internal`] errors: a bug in an expression.
pub(crate) fn check(
    sections: &[Section],
    items: &Items,
    period: Period,
    units: &[Unit],
) -> Result<Coverage, Internal> {
    let index = SectionIndex::new(sections);
    let labels = labels(sections);
    let lf = resolved(items, &index, sections)?;
    let (start, end) = (period.start(), period.end());
    let upto = lf.filter(col(Items::DATE).lt_eq(lit(end)));
    let in_period = upto
        .clone()
        .filter(col(Items::DATE).gt_eq(lit(start)))
        .cache();
    let last = last_updates(upto)?;
    let counts = pair_counts(in_period.clone())?;
    let per_unit = unit_counts(in_period.clone())?;
    let mut problems = item_problems(in_period.clone(), sections)?;
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        out.push(section_coverage(
            i,
            s,
            &labels[i],
            &counts,
            last.get(&i).copied(),
            end,
        ));
    }
    problems.extend(section_problems(&out, end));
    let unit_rows = unit_coverage(&out, &per_unit, units, period);
    problems.extend(silent_problems(&unit_rows, &out));
    let matrix = Matrix::new(matrix(in_period, &labels, &unit_rows)?)?;
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
    })
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

/// The items' columns the checks read, with `sid` (the section index, null when
/// unresolved), `answers` (the unit is responsible for it) and `suggest`.
fn resolved(items: &Items, index: &SectionIndex, sections: &[Section]) -> PolarsResult<LazyFrame> {
    let pairs = items
        .lazy()
        .select([col(Items::SECTION), col(Items::UNIT)])
        .filter(col(Items::SECTION).is_not_null())
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let section = pairs.column(Items::SECTION)?.str()?;
    let unit = pairs.column(Items::UNIT)?.str()?;
    let n = pairs.height();
    let (mut sid, mut answers, mut suggest) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for i in 0..n {
        let (s, u) = (section.get(i).unwrap_or_default(), unit.get(i));
        let found = index.resolve(s, u);
        sid.push(found.map(|f| f as u32));
        answers
            .push(found.is_some_and(|f| {
                u.is_some_and(|u| sections[f].responsible.iter().any(|r| r == u))
            }));
        suggest.push(match found {
            Some(_) => None,
            None => Some(index.suggest(s).join("、")).filter(|s| !s.is_empty()),
        });
    }
    let map = DataFrame::new_infer_height(vec![
        pairs.column(Items::SECTION)?.clone(),
        pairs.column(Items::UNIT)?.clone(),
        Column::new("sid".into(), sid),
        Column::new("answers".into(), answers),
        Column::new("suggest".into(), suggest),
    ])?;
    // Materialised with the columns the checks read: each of them would otherwise join
    // every item again.
    let columns = [
        Items::UNIT,
        Items::DATE,
        Items::SECTION,
        Items::SECTION_COL,
        Items::FILE,
        Items::SHEET,
        Items::ROW,
    ];
    let on = || [col(Items::SECTION), col(Items::UNIT)];
    Ok(items
        .lazy()
        .select([cols(columns).as_expr()])
        .join(map.lazy(), on(), on(), JoinArgs::new(JoinType::Left))
        .collect()?
        .lazy())
}

/// The latest item date per section, up to the period's end.
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

/// Items in the period per (section, unit).
fn pair_counts(in_period: LazyFrame) -> PolarsResult<HashMap<(usize, String), u32>> {
    let df = in_period
        .filter(col("sid").is_not_null())
        .group_by([col("sid"), col(Items::UNIT)])
        .agg([len().alias("n")])
        .collect()?;
    let sid = df.column("sid")?.u32()?;
    let unit = df.column(Items::UNIT)?.str()?;
    let n = df.column("n")?.cast(&DataType::UInt32)?;
    let n = n.u32()?;
    let mut out = HashMap::new();
    for i in 0..df.height() {
        if let (Some(s), Some(u), Some(c)) = (sid.get(i), unit.get(i), n.get(i)) {
            out.insert((s as usize, u.to_string()), c);
        }
    }
    Ok(out)
}

/// Per unit, items in the period: (all, outside its sections, unresolved 栏目).
fn unit_counts(in_period: LazyFrame) -> PolarsResult<HashMap<String, (u32, u32, u32)>> {
    let df = in_period
        .group_by([col(Items::UNIT)])
        .agg([
            len().alias("all"),
            (col("sid").is_not_null().and(col("answers").not()))
                .sum()
                .alias("outside"),
            (col(Items::SECTION).is_not_null().and(col("sid").is_null()))
                .sum()
                .alias("unresolved"),
        ])
        .collect()?;
    let unit = df.column(Items::UNIT)?.str()?;
    let [all, outside, unresolved] = ["all", "outside", "unresolved"]
        .map(|c| df.column(c).and_then(|c| c.cast(&DataType::UInt32)));
    let (all, outside, unresolved) = (all?, outside?, unresolved?);
    let (all, outside, unresolved) = (all.u32()?, outside.u32()?, unresolved.u32()?);
    let mut out = HashMap::new();
    for i in 0..df.height() {
        if let Some(u) = unit.get(i) {
            let get = |c: &UInt32Chunked| c.get(i).unwrap_or(0);
            out.insert(u.to_string(), (get(all), get(outside), get(unresolved)));
        }
    }
    Ok(out)
}

fn section_coverage(
    i: usize,
    s: &Section,
    label: &str,
    counts: &HashMap<(usize, String), u32>,
    last_update: Option<NaiveDate>,
    end: NaiveDate,
) -> SectionCoverage {
    let mut by_unit: Vec<(String, u32)> = s
        .responsible
        .iter()
        .map(|u| (u.clone(), counts.get(&(i, u.clone())).copied().unwrap_or(0)))
        .collect();
    let mut others: Vec<(String, u32)> = counts
        .iter()
        .filter(|((sid, u), _)| *sid == i && !s.responsible.contains(u))
        .map(|((_, u), n)| (u.clone(), *n))
        .collect();
    others.sort();
    by_unit.extend(others);
    let missing = by_unit
        .iter()
        .take(s.responsible.len())
        .filter(|(_, n)| *n == 0)
        .map(|(u, _)| u.clone())
        .collect();
    let (status, days_overdue) = match (s.frequency, last_update) {
        (Frequency::AsNeeded, _) => (Status::OnDemand, None),
        (_, None) => (Status::NeverUpdated, None),
        (f, Some(last)) => match frequency::overdue(f, last, end) {
            Some(days) => (Status::Sleeping, Some(days)),
            None => (Status::Current, None),
        },
    };
    SectionCoverage {
        section: s.clone(),
        label: label.to_string(),
        items: by_unit.iter().map(|(_, n)| n).sum(),
        by_unit,
        missing,
        last_update,
        status,
        days_overdue,
    }
}

/// Sections without a responsible unit, sleeping and never-updated sections, each at
/// its row of the sections table.
fn section_problems(sections: &[SectionCoverage], end: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    for s in sections {
        let src = &s.section.source;
        let at = |p: Problem| p.at(&src.sheet, Place::row(src.row));
        let freq = s.section.frequency.zh();
        let end_text = end.to_string();
        if s.section.responsible.is_empty() {
            let p = Problem::new(Code::NoResponsible, &src.file, &[&s.label]);
            out.push(at(p.value(s.section.responsible_text.as_str())));
        }
        match (s.status, s.last_update, s.days_overdue) {
            (Status::Sleeping, Some(last), Some(days)) => {
                let args = [
                    &s.label,
                    freq,
                    &last.to_string(),
                    &end_text,
                    &days.to_string(),
                ];
                out.push(at(Problem::new(Code::Sleeping, &src.file, &args)));
            }
            (Status::NeverUpdated, _, _) => {
                let args = [s.label.as_str(), freq, &end_text];
                out.push(at(Problem::new(Code::NeverUpdated, &src.file, &args)));
            }
            _ => {}
        }
    }
    out
}

/// Items in the period whose 栏目 matched no section, or a section their unit does not
/// answer for, each at its 栏目 cell.
fn item_problems(in_period: LazyFrame, sections: &[Section]) -> PolarsResult<Vec<Problem>> {
    let df = in_period
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
                    .suggest(format!("该栏目的保障单位：{}", s.responsible.join("、")))
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

/// Every unit that answers for a section or filed items under one, in units-table order
/// (units not in the table, which a run never produces, last).
fn unit_coverage(
    sections: &[SectionCoverage],
    per_unit: &HashMap<String, (u32, u32, u32)>,
    units: &[Unit],
    period: Period,
) -> Vec<UnitCoverage> {
    // A section expects an item within the period when one published just before the
    // period would fall due inside it: a monthly section in a month, not a yearly one.
    let before = period.start().pred_opt().unwrap_or(period.start());
    let expects = |s: &SectionCoverage| {
        frequency::due(s.section.frequency, before).is_some_and(|due| due <= period.end())
    };
    let involved = |name: &str| {
        per_unit.contains_key(name)
            || sections
                .iter()
                .any(|s| s.by_unit.iter().any(|(u, _)| u == name))
    };
    let mut names: Vec<String> = units
        .iter()
        .map(|u| u.name.clone())
        .filter(|n| involved(n))
        .collect();
    let mut extra: Vec<String> = sections
        .iter()
        .flat_map(|s| s.by_unit.iter().map(|(u, _)| u.clone()))
        .chain(per_unit.keys().cloned())
        .filter(|n| !names.contains(n))
        .collect();
    extra.sort();
    extra.dedup();
    names.extend(extra);
    names
        .into_iter()
        .map(|unit| {
            let answers: Vec<usize> = (0..sections.len())
                .filter(|&i| sections[i].section.responsible.contains(&unit))
                .collect();
            let silent = answers
                .iter()
                .copied()
                .filter(|&i| expects(&sections[i]) && sections[i].missing.contains(&unit))
                .collect();
            let sleeping = answers
                .iter()
                .copied()
                .filter(|&i| sections[i].status.is_sleeping())
                .collect();
            let (items, outside, unresolved) = per_unit.get(&unit).copied().unwrap_or_default();
            UnitCoverage {
                unit,
                sections: answers,
                silent,
                sleeping,
                items,
                outside,
                unresolved,
            }
        })
        .collect()
}

/// One warning per responsible unit that has no item this period in some of its sections.
fn silent_problems(units: &[UnitCoverage], sections: &[SectionCoverage]) -> Vec<Problem> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| !u.silent.is_empty()) {
        let mut listed: Vec<&str> = u
            .silent
            .iter()
            .take(5)
            .map(|&i| sections[i].label.as_str())
            .collect();
        if u.silent.len() > 5 {
            listed.push("…");
        }
        let first = &sections[u.silent[0]].section.source;
        let n = u.silent.len().to_string();
        out.push(
            Problem::new(
                Code::UnitSilent,
                &first.file,
                &[&u.unit, &n, &listed.join("、")],
            )
            .at(&first.sheet, None),
        );
    }
    out
}

/// The 责任矩阵: a pivot of the period's items, unit × section, zeros filled.
fn matrix(
    in_period: LazyFrame,
    labels: &[String],
    units: &[UnitCoverage],
) -> PolarsResult<DataFrame> {
    let rows = DataFrame::new_infer_height(vec![Column::new(
        Matrix::UNIT.into(),
        units.iter().map(|u| u.unit.clone()).collect::<Vec<_>>(),
    )])?;
    if labels.is_empty() {
        return Ok(rows);
    }
    let label_of = DataFrame::new_infer_height(vec![
        Column::new("sid".into(), (0..labels.len() as u32).collect::<Vec<_>>()),
        Column::new("label".into(), labels.to_vec()),
    ])?;
    let on = DataFrame::new_infer_height(vec![Column::new("label".into(), labels.to_vec())])?;
    let pivoted = in_period
        .filter(col("sid").is_not_null())
        .join(
            label_of.lazy(),
            [col("sid")],
            [col("sid")],
            JoinArgs::new(JoinType::Inner),
        )
        .select([col(Items::UNIT), col("label"), lit(1u32).alias("n")])
        .pivot(
            cols(["label"]),
            Arc::new(on),
            cols([Items::UNIT]),
            cols(["n"]),
            element().sum(),
            true,
            "_".into(),
            polars::frame::PivotColumnNaming::Auto,
        );
    let fill: Vec<Expr> = labels
        .iter()
        .map(|l| col(l.as_str()).fill_null(lit(0u32)).cast(DataType::UInt32))
        .collect();
    rows.lazy()
        .join(
            pivoted,
            [col(Items::UNIT)],
            [col(Items::UNIT)],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns(fill)
        .collect()
}
