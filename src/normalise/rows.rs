//! Row checks: each is a polars condition with the problem it raises. Rows meeting an
//! error condition are rejected; all findings become `Problem`s with file, sheet and cell.

use polars::prelude::*;

use crate::problems::{Code, Place, Problem, Severity};

use super::frame::SourceTable;

/// One check over the normalised row frame.
pub(super) struct Check {
    pub code: Code,
    /// Rows the problem applies to.
    pub when: Expr,
    /// The 0-based sheet column of the cell at fault (u32, may be null).
    pub col: Expr,
    /// The original value (string, may be null).
    pub value: Expr,
    /// Template arguments in order (strings).
    pub args: Vec<Expr>,
    /// A suggestion (string, may be null).
    pub suggestion: Expr,
}

impl Check {
    pub(super) fn new(code: Code, when: Expr, col: Expr, value: Expr) -> Self {
        Self {
            code,
            when,
            col,
            value,
            args: Vec::new(),
            suggestion: null_str(),
        }
    }

    pub(super) fn args(mut self, args: Vec<Expr>) -> Self {
        self.args = args;
        self
    }

    pub(super) fn suggest(mut self, suggestion: Expr) -> Self {
        self.suggestion = suggestion;
        self
    }
}

pub(super) fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

pub(super) fn null_u32() -> Expr {
    lit(NULL).cast(DataType::UInt32)
}

/// The `rejected` flag: any error-severity check holds.
pub(super) fn rejected(checks: &[Check]) -> Expr {
    checks
        .iter()
        .filter(|c| c.code.severity() == Severity::Error)
        .fold(lit(false), |acc, c| {
            acc.or(c.when.clone().fill_null(lit(false)))
        })
}

/// Runs every check over `frame` and turns the matching rows into problems, each about
/// the unit `unit` gives (string, null where the problem is about no unit).
///
/// # Errors
/// Polars errors from evaluating the expressions.
pub(super) fn problems(
    frame: &LazyFrame,
    checks: &[Check],
    tables: &[SourceTable],
    unit: Expr,
) -> PolarsResult<Vec<Problem>> {
    let mut out = Vec::new();
    for check in checks {
        let mut select = vec![
            col("src"),
            col("row"),
            unit.clone().cast(DataType::String).alias("punit"),
            check.col.clone().cast(DataType::UInt32).alias("pcol"),
            check.value.clone().cast(DataType::String).alias("pvalue"),
            check
                .suggestion
                .clone()
                .cast(DataType::String)
                .alias("psuggest"),
        ];
        for (i, a) in check.args.iter().enumerate() {
            select.push(a.clone().cast(DataType::String).alias(format!("a{i}")));
        }
        let found = frame
            .clone()
            .filter(check.when.clone().fill_null(lit(false)))
            .select(select)
            .collect()?;
        out.extend(to_problems(&found, check, tables)?);
    }
    // Stable: within a row, problems keep the order of the checks.
    out.sort_by_key(|(src, row, _)| (*src, *row));
    Ok(out.into_iter().map(|(_, _, p)| p).collect())
}

fn to_problems(
    found: &DataFrame,
    check: &Check,
    tables: &[SourceTable],
) -> PolarsResult<Vec<(u32, u32, Problem)>> {
    let src = found.column("src")?.u32()?;
    let row = found.column("row")?.u32()?;
    let pcol = found.column("pcol")?.u32()?;
    let value = found.column("pvalue")?.str()?;
    let unit = found.column("punit")?.str()?;
    let suggest = found.column("psuggest")?.str()?;
    let args: Vec<&StringChunked> = (0..check.args.len())
        .map(|i| found.column(&format!("a{i}")).and_then(|c| c.str()))
        .collect::<PolarsResult<_>>()?;
    let mut out = Vec::with_capacity(found.height());
    for i in 0..found.height() {
        let (Some(s), Some(r)) = (src.get(i), row.get(i)) else {
            continue;
        };
        let Some(t) = tables.get(s as usize) else {
            continue;
        };
        let texts: Vec<&str> = args.iter().map(|a| a.get(i).unwrap_or("")).collect();
        let place = Place {
            row: r,
            col: pcol.get(i),
        };
        let mut p = Problem::new(check.code, t.file, &texts).at(t.sheet, place);
        if let Some(u) = unit.get(i) {
            p = p.about(u);
        }
        if let Some(v) = value.get(i) {
            p = p.value(v);
        }
        if let Some(sg) = suggest.get(i) {
            p = p.suggest(sg);
        }
        out.push((s, r, p));
    }
    Ok(out)
}
