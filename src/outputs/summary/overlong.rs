//! The texts of 汇总 too long for an Excel cell (W001), found before any workbook is
//! written — so that `check` reports them as `run` does, and the manifest's counts do
//! not depend on the order outputs are written in. Each sheet's rows are rebuilt by the
//! writer's own functions; of 明细's million rows only those with a long text are.

use polars::prelude::*;

use super::{
    BODY, COMPLETION_BODY, DETAIL, DETAIL_ROWS, completion_row, completion_streamed,
    completion_title, count_row, item_row, matrix, problem_row, section_row,
};
use crate::error::Internal;
use crate::outputs::{catalogue, contacts};
use crate::pipeline::Outcome;
use crate::problems::{Place, Problem};
use crate::schema::{Counts, Items};
use crate::write::{MAX_TEXT, Truncation, Value, too_long};

/// A W001 problem for each text of `outcome` and its counted `items` that 汇总, shown as
/// `shown`, will cut: in 完成情况, 栏目覆盖, 责任矩阵, 明细, 统计数, and 问题清单 (whose rows
/// are the problems of `outcome`, these added last).
///
/// # Errors
/// [`Internal`] errors, which would be a bug in an expression.
pub(crate) fn overlong(
    outcome: &Outcome,
    items: &Items,
    shown: &str,
) -> Result<Vec<Problem>, Internal> {
    let mut cuts = Vec::new();
    let mut row = |sheet: &str, row: usize, values: &[Value<'_>]| {
        cuts.extend(cells_cut(shown, sheet, row, values));
    };
    let first = if completion_streamed(outcome) {
        1
    } else {
        row("完成情况", 0, &[Value::from(completion_title(outcome))]);
        COMPLETION_BODY as usize
    };
    let unusable = outcome.unusable_units().into_iter().collect();
    for (i, u) in outcome.units.iter().enumerate() {
        row(
            "完成情况",
            first + i,
            &completion_row(i, u, outcome, &unusable),
        );
    }
    if let Some(c) = &outcome.coverage {
        let unsure = c.unsure();
        for (i, s) in c.sections.iter().enumerate() {
            row(
                "栏目覆盖",
                BODY as usize + i,
                &section_row(i, s, c, &unsure),
            );
        }
        let body = if matrix::streamed(c) {
            let header = matrix::streamed_header(c);
            let header: Vec<Value> = header.iter().map(Value::from).collect();
            row("责任矩阵", 0, &header);
            1
        } else {
            let (groups, names) = matrix::header(c);
            for (r, texts) in [groups, names].into_iter().enumerate() {
                let mut header = vec![Value::from("单位")];
                header.extend(texts.into_iter().map(Value::from));
                row("责任矩阵", r, &header);
            }
            matrix::BODY as usize
        };
        for (i, unit) in c.matrix.units().iter().enumerate() {
            row("责任矩阵", body + i, &[Value::from(unit)]);
        }
    }
    for i in long_rows(items.lazy(), Items::COLUMNS)? {
        let (part, at) = (i / DETAIL_ROWS, i % DETAIL_ROWS);
        let sheet = match part {
            0 => DETAIL.to_string(),
            n => format!("{DETAIL}({})", n + 1),
        };
        // The section a row was filed under is a section's path, never near the limit.
        row(&sheet, BODY as usize + at, &item_row(i, items.get(i), None));
    }
    if let Some(c) = &outcome.catalogue {
        for (i, values) in catalogue::coverage_rows(c).iter().enumerate() {
            row(catalogue::COVERAGE, BODY as usize + i, values);
        }
    }
    if let Some(r) = &outcome.contacts {
        let mut at = BODY as usize;
        let Ok(()) = contacts::directory_rows(r, |values| {
            row(contacts::DIRECTORY, at, values);
            at += 1;
            Ok::<_, std::convert::Infallible>(())
        });
    }
    for i in long_rows(outcome.counts.lazy(), Counts::COLUMNS)? {
        row(
            "统计数",
            BODY as usize + i,
            &count_row(i, outcome.counts.get(i)),
        );
    }
    cuts.extend(problems_cut(shown, &outcome.problems));
    Ok(cuts)
}

/// A W001 problem for each text of 问题清单, whose rows are `problems`, that is too long
/// for a cell of the workbook shown as `shown`.
pub(crate) fn problems_cut(shown: &str, problems: &[Problem]) -> Vec<Problem> {
    let rows = problems.iter().enumerate();
    let cut = rows.flat_map(|(i, p)| cut(shown, "问题清单", i, &problem_row(i, p)));
    cut.collect()
}

/// A W001 problem for each text of `values`, the 0-based `row` of `sheet` in the
/// workbook shown as `shown`, that is too long for a cell.
pub(crate) fn cells_cut(
    shown: &str,
    sheet: &str,
    row: usize,
    values: &[Value<'_>],
) -> Vec<Problem> {
    let row = u32::try_from(row + 1).unwrap_or(u32::MAX);
    let long = values
        .iter()
        .enumerate()
        .filter_map(|(col, value)| match value {
            Value::Text(text) => Some((col, too_long(text)?)),
            _ => None,
        });
    long.map(|(col, chars)| {
        let place = Place::cell(row, col as u32);
        let sheet = sheet.to_string();
        Truncation {
            sheet,
            place,
            chars,
        }
        .problem(shown)
    })
    .collect()
}

/// [`cells_cut`] for the `i`-th body row of a sheet with a one-row header.
pub(crate) fn cut(shown: &str, sheet: &str, i: usize, values: &[Value<'_>]) -> Vec<Problem> {
    cells_cut(shown, sheet, BODY as usize + i, values)
}

/// The rows of `frame` with a text longer in bytes than a cell holds in characters:
/// the few that may be cut, found without a look at every text in Rust.
fn long_rows(frame: LazyFrame, columns: &[&str]) -> PolarsResult<Vec<usize>> {
    let schema = frame.clone().collect_schema()?;
    let long = columns
        .iter()
        .filter(|c| schema.get(c) == Some(&DataType::String))
        .map(|c| col(*c).str().len_bytes().gt(lit(MAX_TEXT as u32)))
        .fold(lit(false), |any, long| any.or(long.fill_null(lit(false))));
    let found = frame
        .with_row_index("i", None)
        .filter(long)
        .select([col("i")])
        .collect()?;
    Ok(found
        .column("i")?
        .idx()?
        .into_no_null_iter()
        .map(|i| i as usize)
        .collect())
}
