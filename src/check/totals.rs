//! Declared totals: every 合计 / 小计 / 总计 row is recomputed from the rows it closes,
//! never trusted (a formula's cached value may be stale or 0).
//!
//! A table with a count column sums its counts; an item list counts its rows.

use polars::prelude::*;
use serde::Serialize;

use crate::layout::Field;
use crate::normalise::{SourceTable, values};
use crate::problems::{Code, Problem, cell_address};
use crate::read::Cell;

/// A declared total and what its rows really add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotalCheck {
    pub file: String,
    pub sheet: String,
    /// The cell of the declared value, such as `B37`.
    pub cell: String,
    pub declared: Option<i64>,
    pub sum_of_rows: i64,
}

/// One cell to count: which total it belongs to, and whether it is the declared value.
struct Part {
    total: u32,
    declared: bool,
    cell: Cell,
}

/// Checks every total of `tables`; returns each check and a problem for each mismatch.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub fn check(tables: &[SourceTable]) -> PolarsResult<(Vec<TotalCheck>, Vec<Problem>)> {
    let mut parts = Vec::new();
    let mut checks = Vec::new();
    for t in tables {
        for total in &t.table.totals {
            let id = checks.len() as u32;
            let counted = t.table.has(Field::Count);
            let declared = if counted {
                total.cells.iter().find(|(f, _, _)| *f == Field::Count)
            } else {
                total
                    .cells
                    .iter()
                    .find(|(_, _, c)| matches!(c, Cell::Number(_)) || has_digit(c))
            };
            let Some((_, col, value)) = declared else {
                continue;
            };
            parts.push(Part {
                total: id,
                declared: true,
                cell: digits_only(value),
            });
            for record in &t.table.records[total.closes.clone()] {
                let cell = match record.get(Field::Count) {
                    Some((_, c)) if counted => c.clone(),
                    _ => Cell::Number(1.0),
                };
                parts.push(Part {
                    total: id,
                    declared: false,
                    cell,
                });
            }
            checks.push(TotalCheck {
                file: t.file.to_string(),
                sheet: t.sheet.to_string(),
                cell: cell_address(total.row, *col),
                declared: None,
                sum_of_rows: 0,
            });
        }
    }
    sum(&parts, &mut checks)?;
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
            .at(&c.sheet, Some(c.cell.clone()))
        })
        .collect();
    Ok((checks, problems))
}

fn has_digit(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(s) if s.chars().any(|c| c.is_ascii_digit()))
}

/// `共 25 条` → `25`: a total in an item list is often written inside a sentence.
fn digits_only(cell: &Cell) -> Cell {
    match cell {
        Cell::Text(s)
            if !s
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '条') =>
        {
            Cell::Text(s.chars().filter(char::is_ascii_digit).collect())
        }
        other => other.clone(),
    }
}

/// Parses every part with the count expression and fills `declared` and `sum_of_rows`.
fn sum(parts: &[Part], checks: &mut [TotalCheck]) -> PolarsResult<()> {
    let text: Vec<Option<String>> = parts
        .iter()
        .map(|p| match &p.cell {
            Cell::Number(_) | Cell::Empty => None,
            other => Some(other.text()),
        })
        .collect();
    let num: Vec<Option<f64>> = parts
        .iter()
        .map(|p| match p.cell {
            Cell::Number(n) => Some(n),
            _ => None,
        })
        .collect();
    let df = df!(
        "total" => parts.iter().map(|p| p.total).collect::<Vec<_>>(),
        "declared" => parts.iter().map(|p| p.declared).collect::<Vec<_>>(),
        "n" => text,
        "n_num" => num,
    )?;
    let sums = df
        .lazy()
        .with_column(crate::normalise::text::clean(col("n")).alias("n"))
        .with_column(values::count("n").alias("value"))
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
    for i in 0..sums.height() {
        if let Some(c) = total.get(i).and_then(|t| checks.get_mut(t as usize)) {
            c.declared = declared.get(i);
            c.sum_of_rows = sum.get(i).unwrap_or(0);
        }
    }
    Ok(())
}
