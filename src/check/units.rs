//! Findings about units rather than cells: who sent nothing this period (C003), or only
//! files with nothing countable (C004), and who is behind the pro-rata target (C002),
//! each at the unit's cell of the targets table.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use polars::prelude::*;

use super::figures::{self, Standing, UnitFigures};
use crate::model::Window;
use crate::problems::{Code, Problem};
use crate::reference::Reference;
use crate::schema::{Counts, Items};

/// Units with any counted item dated in the window, or any count row for a month in it.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub(crate) fn submitted(
    items: &Items,
    counts: &Counts,
    window: Window,
) -> PolarsResult<BTreeSet<String>> {
    let (start, end) = (window.start(), window.as_of);
    let items = items
        .lazy()
        .filter(figures::dated(start, end))
        .select([col(Items::UNIT)]);
    let counts = counts
        .lazy()
        .filter(figures::in_months(start, end))
        .select([col(Counts::UNIT)]);
    // Each unit once: a million items name a few thousand units.
    let df = concat([items, counts], UnionArgs::default())?
        .select([col(Items::UNIT).unique()])
        .collect()?;
    Ok(df
        .column(Items::UNIT)?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect())
}

/// The last month (`yyyymm`) with a counted item or a count row up to `as_of`: what a
/// year's figures rest on when the inbox stops short of its end.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub(crate) fn last_month(
    items: &Items,
    counts: &Counts,
    as_of: NaiveDate,
) -> PolarsResult<Option<i32>> {
    let items = items
        .lazy()
        .filter(col(Items::DATE).lt_eq(lit(as_of)))
        .select([col(Items::DATE).max()])
        .collect()?;
    let last_item = items
        .column(Items::DATE)?
        .date()?
        .as_date_iter()
        .next()
        .flatten();
    let counts = counts
        .lazy()
        .filter(col(Counts::MONTH).lt_eq(lit(figures::month_key(as_of))))
        .select([col(Counts::MONTH).max()])
        .collect()?;
    let last_count = counts.column(Counts::MONTH)?.i32()?.get(0);
    Ok(last_item.map(figures::month_key).max(last_count))
}

/// How many counted items are dated in `from..=to`.
///
/// # Errors
/// Polars errors, which would be a bug in an expression.
pub(crate) fn items_in(items: &Items, from: NaiveDate, to: NaiveDate) -> PolarsResult<usize> {
    let dated = items
        .lazy()
        .filter(figures::dated(from, to))
        .select([len()])
        .collect()?;
    Ok(dated.column("len")?.idx()?.get(0).unwrap_or(0) as usize)
}

/// No submission — or files received that hold nothing countable (`unusable`: unit →
/// those files and why), once a month of the period has passed (`due`) — and behind
/// schedule, for every unit with a target, at its target cell.
pub(crate) fn findings(
    units: &[UnitFigures],
    (submitted, due): (&BTreeSet<String>, bool),
    unusable: &BTreeMap<String, String>,
    reference: &Reference,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for u in units.iter().filter(|u| u.target.is_some()) {
        let Some(place) = reference.target_cells.get(&u.unit) else {
            continue;
        };
        let at = |p: Problem| p.at(&place.sheet, place.place).about(&u.unit);
        if due && !submitted.contains(&u.unit) {
            let p = match unusable.get(&u.unit) {
                Some(files) => {
                    Problem::new(Code::UnusableSubmission, &place.file, &[&u.unit, files])
                }
                None => Problem::new(Code::NoSubmission, &place.file, &[&u.unit]),
            };
            out.push(at(p));
        }
        if u.standing == Standing::Behind {
            let (ytd, expected) = (
                u.ytd_items.to_string(),
                u.expected_ytd.unwrap_or(0).to_string(),
            );
            out.push(at(Problem::new(
                Code::BehindSchedule,
                &place.file,
                &[&u.unit, &ytd, &expected],
            )));
        }
    }
    out
}
