//! Declared totals: every 合计 / 小计 / 总计 row is recomputed from the rows it closes,
//! never trusted (a formula's cached value may be stale or 0).
//!
//! A table with a count column sums its counts; an item list counts its rows.

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use crate::layout::{Field, stated_count};
use crate::normalise::text::{clean_text, half_width};
use crate::normalise::{SourceTable, values};
use crate::problems::{Code, Place, Problem};
use crate::read::Cell;

/// A declared total and what its rows really add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TotalCheck {
    pub file: String,
    pub sheet: String,
    /// The cell of the declared value, such as `B37`.
    pub place: Place,
    pub declared: Option<i64>,
    pub sum_of_rows: i64,
    /// The declared cell as written (`合计：共4条信息`), for the problem's 原始值.
    #[serde(skip)]
    pub written: String,
    /// Whether the total may be the table's (a 合计, not a 部门小计).
    #[serde(skip)]
    pub whole: bool,
}

/// Checks every total of `tables`, whose rows are `rows` (their raw frames, as
/// [`crate::normalise::Framing::rows`] builds them, with at least the count field); returns
/// each check and a problem for each mismatch.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub(crate) fn check(
    tables: &[SourceTable],
    rows: &[DataFrame],
) -> PolarsResult<(Vec<TotalCheck>, Vec<Problem>)> {
    let mut parts = Vec::new();
    let mut checks = Vec::new();
    // (the check, the id of its other reading)
    let mut others: Vec<(usize, u32)> = Vec::new();
    for (t, rows) in tables.iter().zip(rows) {
        for total in &t.table.totals {
            let id = checks.len() as u32;
            let counted = t.table.has(Field::Count);
            // An item list's total may be stated in its label: `合计：4条` in one cell.
            let label = stated_count(&total.label).map(|c| (Field::Title, total.label_col, c));
            // The count the label states first; never a 序号 (a template's rows come
            // numbered, its 合计 row too).
            let value = if counted {
                let count = total.cells.iter().find(|(f, _, _)| *f == Field::Count);
                count.or(label.as_ref())
            } else {
                // Then a number, or a count in words (3条), before a cell that merely has a
                // digit (a period: 2018年4月).
                // Not a 序号, a date or period, a remark (含转载2条) or a link.
                let aside = [
                    Field::Seq,
                    Field::Date,
                    Field::Arose,
                    Field::Month,
                    Field::Remark,
                    Field::Link,
                ];
                let cells = || (total.cells.iter()).filter(move |(f, _, _)| !aside.contains(f));
                let number =
                    |c: &Cell| matches!(c, Cell::Number(_)) || is_count(c) || in_words(c).is_some();
                (label.as_ref())
                    .or_else(|| cells().find(|(_, _, c)| number(c)))
                    .or_else(|| cells().find(|(_, _, c)| has_digit(c)))
            };
            // A formula the file holds no result of declares nothing to check (V010 says so
            // where it is counted).
            let Some((_, col, value)) = value.filter(|(_, _, c)| !matches!(c, Cell::Formula(_)))
            else {
                continue;
            };
            let written = if *col == total.label_col && !counted {
                total.label.clone()
            } else {
                value.text().to_string()
            };
            let declared = declared_cell(&in_words(value).unwrap_or_else(|| digits_only(value)))?;
            // An item list counts its rows: one part worth as many as it closes.
            let closed = |closes: &std::ops::Range<usize>| {
                if counted {
                    rows.slice(closes.start as i64, closes.len())
                        .select(["count", "count_num"])
                } else {
                    declared_cell(&Cell::Number(closes.len() as f64))
                }
            };
            let check = TotalCheck {
                file: t.file.to_string(),
                sheet: t.sheet.to_string(),
                place: Place::cell(total.row + 1, *col),
                declared: None,
                sum_of_rows: 0,
                written,
                whole: !total.sub,
            };
            parts.push(part(id, true, declared.clone()));
            parts.push(part(id, false, closed(&total.closes)?));
            checks.push(check);
            // The other reading of a 合计 after another, checked as a total of its own.
            for other in total.or_closes.iter().chain(&total.or_all) {
                let alt = OTHER_READING + others.len() as u32;
                others.push((checks.len() - 1, alt));
                parts.push(part(alt, true, declared.clone()));
                parts.push(part(alt, false, closed(other)?));
            }
        }
    }
    if !checks.is_empty() {
        sum(parts, &mut checks, &others)?;
    }
    let problems = checks
        .iter()
        .filter(|c| c.declared != Some(c.sum_of_rows))
        .map(|c| {
            let declared = c
                .declared
                .map_or("（无法识别）".to_string(), |d| d.to_string());
            let diff = c.declared.map_or(String::from("—"), |d| {
                (d - c.sum_of_rows).abs().to_string()
            });
            Problem::new(
                Code::TotalMismatch,
                &c.file,
                &[&declared, &c.sum_of_rows.to_string(), &diff],
            )
            .at(&c.sheet, c.place)
            .value(&c.written)
        })
        .collect();
    Ok((checks, problems))
}

/// A count cell's words without spaces, 共 or 条, its digits half width: `共 ３ 条` → `3`.
fn count_words(s: &str) -> String {
    let t: String = (s.chars().filter(|c| !c.is_whitespace()))
        .map(half_width)
        .collect();
    let t = t.trim_start_matches('共').trim_end_matches(['条', '條']);
    t.to_string()
}

/// Whether a text cell states a count: `3`, `3条`, `共 3 条`, `1,240`, `１０５`.
fn is_count(cell: &Cell) -> bool {
    let Cell::Text(s) = cell else {
        return false;
    };
    let t = count_words(s);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// A count in words, `伍条`, `叁拾`, `共五条`, as its number.
fn in_words(cell: &Cell) -> Option<Cell> {
    let Cell::Text(s) = cell else {
        return None;
    };
    let t = count_words(s);
    values::small_number(&t)
        .filter(|_| !t.starts_with(|c: char| c.is_ascii_digit()))
        .map(|n| Cell::Number(n.into()))
}

fn has_digit(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(s) if s.chars().any(|c| half_width(c).is_ascii_digit()))
}

/// `共 25 条` → `25`: a total in an item list is often written inside a sentence; full-width
/// digits (１０５) as theirs.
fn digits_only(cell: &Cell) -> Cell {
    let Cell::Text(s) = cell else {
        return cell.clone();
    };
    let s: String = s.chars().map(half_width).collect();
    if (s.trim().chars()).all(|c| c.is_ascii_digit() || c == ',' || c == '条') {
        return Cell::Text(s.into());
    }
    Cell::Text(
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .into(),
    )
}

/// One cell as the raw frame holds it: `count` (text, cleaned) and `count_num`.
fn declared_cell(cell: &Cell) -> PolarsResult<DataFrame> {
    let (text, num) = match cell {
        Cell::Number(n) => (None, Some(*n)),
        Cell::Empty => (None, None),
        other => {
            let cleaned = clean_text(&other.text(), false).map(|t| t.into_owned());
            (cleaned, None)
        }
    };
    df!("count" => [text], "count_num" => [num])
}

/// `count` and `count_num` of `cells`, marked as belonging to total `id`.
fn part(id: u32, declared: bool, cells: DataFrame) -> LazyFrame {
    cells.lazy().with_columns([
        lit(id).cast(DataType::UInt32).alias("total"),
        lit(declared).alias("declared"),
    ])
}

/// The ids of the other readings of totals begin here, after any real total's.
const OTHER_READING: u32 = 1 << 30;

/// Parses every part with the count expression and fills `declared` and `sum_of_rows`; a
/// check whose other reading (`others`: the check and its id) adds up takes that sum.
fn sum(
    parts: Vec<LazyFrame>,
    checks: &mut [TotalCheck],
    others: &[(usize, u32)],
) -> PolarsResult<()> {
    let df = concat(parts, UnionArgs::default())?;
    let sums = df
        .with_column(values::count("count").alias("value"))
        .group_by([col("total")])
        .agg([
            col("value")
                .filter(col("declared"))
                .first()
                .alias("declared"),
            col("value")
                .filter(col("declared").not())
                .sum()
                .alias("sum"),
        ])
        .collect()?;
    let total = sums.column("total")?.u32()?;
    let declared = sums.column("declared")?.i64()?;
    let sum = sums.column("sum")?.i64()?;
    let mut other_sums = HashMap::new();
    for i in 0..sums.height() {
        let Some(id) = total.get(i) else { continue };
        if id >= OTHER_READING {
            other_sums.insert(id, (declared.get(i), sum.get(i).unwrap_or(0)));
        } else if let Some(c) = checks.get_mut(id as usize) {
            c.declared = declared.get(i);
            c.sum_of_rows = sum.get(i).unwrap_or(0);
        }
    }
    for (check, id) in others {
        // Only where the other reading adds up.
        let Some(&(_, sum)) = other_sums.get(id).filter(|(d, s)| *d == Some(*s)) else {
            continue;
        };
        if let Some(c) = checks
            .get_mut(*check)
            .filter(|c| c.declared != Some(c.sum_of_rows))
        {
            c.sum_of_rows = sum;
        }
    }
    Ok(())
}
