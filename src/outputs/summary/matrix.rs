//! 责任矩阵: each unit's items this period in each section, as the polars pivot made
//! them, laid out to print on A4: two header rows (each 一级栏目 over its sections, then
//! each section's own name, which wraps in a narrow column, widened for a long name; a
//! section that is its own 一级栏目 named once over both), the unit column repeated on
//! every page, and pages that break between 一级栏目 — a group wider than a page goes on
//! over the next ones, its name repeated.

use std::collections::HashMap;

use crate::coverage::Coverage;
use crate::write::{Book, DATA_SIZE, Look, Role, Value, WriteError, lines, units_of};

/// The first row of units, under the two header rows.
pub(super) const BODY: u32 = 2;
/// Units of a section column: two characters of its name a line, or a count.
const SECTION_WIDTH: f64 = 4.5;
/// The most lines a section's name takes: a longer name (汤阴县全面推进基层政务公开
/// 标准化规范化工作专栏) widens its column rather than make the header, repeated on every
/// page, taller than the rows it leaves room for.
const NAME_LINES: u32 = 6;
/// Points of an A4 landscape data page's type area a table may fill (277 mm, less a
/// little for fonts that print wider), and what a column adds to its units (6.15 pt).
const PAGE_POINTS: f64 = 761.0;
const POINTS_PER_UNIT: f64 = 6.15;
const COLUMN_PAD: f64 = 3.8;

/// The header's two rows: the 一级栏目 of each section column, and its own name — its
/// deepest level, or the levels below the 一级栏目 where that name repeats in the group.
pub(super) fn header(c: &Coverage) -> (Vec<String>, Vec<String>) {
    let labels = c.matrix.labels();
    let aligned = labels.len() == c.sections.len();
    let (mut groups, mut names) = (Vec::new(), Vec::new());
    for (i, label) in labels.iter().enumerate() {
        let levels = match aligned {
            true => c.sections[i].section.levels.clone(),
            false => [label.to_string(), String::new(), String::new()],
        };
        groups.push(levels[0].clone());
        names.push(levels);
    }
    let mut names: Vec<String> = (0..names.len())
        .map(|i| {
            let own = |l: &[String; 3]| {
                let below: Vec<&str> = l[1..]
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                (
                    below.last().copied().unwrap_or(&l[0]).to_string(),
                    below.join("/"),
                )
            };
            let (leaf, path) = own(&names[i]);
            let repeated = (0..names.len())
                .any(|j| j != i && groups[j] == groups[i] && own(&names[j]).0 == leaf);
            if repeated && !path.is_empty() {
                path
            } else {
                leaf
            }
        })
        .collect();
    if any_unplaced(c) {
        groups.push(unplaced_label(c));
        names.push(unplaced_label(c));
    }
    (groups, names)
}

/// The column after the sections, where any unit has items whose 栏目 matched no section
/// or was empty: with it, a unit's row adds up to its items this period.
fn unplaced_label(c: &Coverage) -> String {
    format!("未归入{}", c.words.section())
}

/// Whether any unit has items for the [`unplaced_label`] column.
fn any_unplaced(c: &Coverage) -> bool {
    c.units.iter().any(|u| u.unresolved + u.unplaced > 0)
}

/// Each unit's items of the [`unplaced_label`] column, when [`any_unplaced`].
fn unplaced(c: &Coverage) -> Option<HashMap<&str, u32>> {
    let counts = c
        .units
        .iter()
        .map(|u| (u.unit.as_str(), u.unresolved + u.unplaced));
    any_unplaced(c).then(|| counts.collect())
}

/// Cells of a matrix printed as laid out above; a larger one (a province's units table
/// against every section) is streamed plain under one header row of section labels.
const PRINTABLE_CELLS: usize = 1_000_000;

/// Whether the 责任矩阵 of `c` is too large to print, and so streamed.
pub(super) fn streamed(c: &Coverage) -> bool {
    c.matrix.height() * (c.matrix.labels().len() + 1) > PRINTABLE_CELLS
}

/// The header of a streamed 责任矩阵: 单位, then each section's label.
pub(super) fn streamed_header(c: &Coverage) -> Vec<String> {
    std::iter::once("单位".to_string())
        .chain(c.matrix.labels().iter().cloned())
        .chain(any_unplaced(c).then(|| unplaced_label(c)))
        .collect()
}

/// Writes the 责任矩阵 sheet of `c`.
pub(super) fn write(book: &mut Book, c: &Coverage) -> Result<(), WriteError> {
    let matrix = &c.matrix;
    // A streamed matrix leaves its zeros blank: it is mostly zeros, tens of millions.
    let streamed = streamed(c);
    let cell = |n: u32| match n {
        0 if streamed => Value::Empty,
        n => Value::from(n),
    };
    let unplaced = unplaced(c);
    let row = |i: usize| {
        let unit = &matrix.units()[i];
        let mut row = vec![Value::from(unit)];
        row.extend((0..matrix.labels().len()).map(|s| cell(matrix.count(i, s))));
        if let Some(counts) = &unplaced {
            row.push(cell(counts.get(unit.as_str()).copied().unwrap_or(0)));
        }
        row
    };
    if streamed {
        let header = streamed_header(c);
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        return super::streamed(book, "责任矩阵", &header, (0..matrix.height()).map(row));
    }
    let (groups, names) = header(c);
    let mut sheet = book.sheet("责任矩阵", Look::Data)?;
    // A section that is its own 一级栏目 (a 试点领域) spans both header rows; the
    // 一级栏目 are written by their merges, which measure them across their columns.
    let runs = runs(&groups);
    let alone = |&(first, last): &(usize, usize)| first == last && names[first] == groups[first];
    let mut top = vec!["单位"];
    top.extend(groups.iter().map(|_| ""));
    let mut second = vec![""];
    second.extend(names.iter().map(String::as_str));
    for &(first, _) in runs.iter().filter(|r| alone(r)) {
        second[first + 1] = "";
    }
    sheet.header(&top)?;
    sheet.header(&second)?;
    sheet.merge((0, 1), (0, 0), "单位", Role::Header)?;
    for run in &runs {
        let rows = if alone(run) { (0, 1) } else { (0, 0) };
        let cols = (run.0 as u16 + 1, run.1 as u16 + 1);
        sheet.merge(rows, cols, groups[run.0].as_str(), Role::Header)?;
    }
    let units = matrix.units();
    for i in 0..matrix.height() {
        sheet.row(&row(i))?;
    }
    let widths: Vec<f64> = names.iter().map(|n| section_width(n)).collect();
    for (col, &width) in (1u16..).zip(&widths) {
        sheet.set_width(col, width);
    }
    let unit_width = units
        .iter()
        .map(|u| units_of(u, DATA_SIZE))
        .fold(6.0, f64::max)
        + 1.0;
    let printed: Vec<f64> = widths.iter().map(|&w| points(w)).collect();
    let breaks = pages(&runs, &printed, PAGE_POINTS - points(unit_width));
    sheet.column_breaks(&breaks, 100)
}

/// The width of the column of a section called `name`: [`SECTION_WIDTH`], or as much
/// wider as keeps the name to [`NAME_LINES`] lines.
fn section_width(name: &str) -> f64 {
    let mut width = SECTION_WIDTH;
    while lines(name, width, DATA_SIZE) > NAME_LINES {
        width += 0.5;
    }
    width
}

/// The points a column `units` wide takes on the page.
fn points(units: f64) -> f64 {
    units * POINTS_PER_UNIT + COLUMN_PAD
}

/// Index ranges (inclusive) of consecutive equal `groups`.
fn runs(groups: &[String]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        match out.last_mut() {
            Some((start, end)) if groups[*start] == *g => *end = i,
            _ => out.push((i, i)),
        }
    }
    out
}

/// The sheet columns (the unit column is 0) that start a page: groups of section
/// columns `widths` wide packed whole onto pages `room` wide; a group wider than a page
/// runs on from where the last one ended over as many pages as it needs.
fn pages(runs: &[(usize, usize)], widths: &[f64], room: f64) -> Vec<u16> {
    let mut breaks = Vec::new();
    let mut used = 0.0;
    for &(first, last) in runs {
        let len: f64 = widths[first..=last].iter().sum();
        if used > 0.0 && used + len > room && len <= room {
            breaks.push(first);
            used = 0.0;
        }
        for (col, &width) in widths.iter().enumerate().take(last + 1).skip(first) {
            if used > 0.0 && used + width > room {
                breaks.push(col);
                used = 0.0;
            }
            used += width;
        }
    }
    breaks.into_iter().map(|c| c as u16 + 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_go_whole_onto_pages_and_a_long_one_runs_on() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let groups = s(&[
            "走进", "走进", "信息", "信息", "信息", "信息", "信息", "互动",
        ]);
        let r = runs(&groups);
        assert_eq!(r, [(0, 1), (2, 6), (7, 7)]);
        let even = [1.0; 10];
        // Four columns a page: 信息, wider than a page, runs on from beside 走进; 互动
        // beside its end.
        assert_eq!(pages(&r, &even, 4.0), [5]);
        // Six a page: 走进 and 信息 do not fit together, 信息 and 互动 do.
        assert_eq!(pages(&r, &even, 6.0), [3]);
        assert_eq!(pages(&r, &even, 10.0), Vec::<u16>::new());
        assert_eq!(pages(&[(0, 9)], &even, 4.0), [5, 9]);
        // Seven a page hold 走进 and 信息; with a column of 信息 as wide as three, 信息
        // goes on a page of its own.
        assert_eq!(pages(&r, &even, 7.0), [8]);
        let wide = [1.0, 1.0, 1.0, 3.0, 1.0, 1.0, 1.0, 1.0];
        assert_eq!(pages(&r, &wide, 7.0), [3, 8]);
    }

    #[test]
    fn a_long_section_name_widens_its_column_to_keep_the_header_low() {
        assert_eq!(section_width("政府文件"), SECTION_WIDTH);
        assert_eq!(section_width("县政务服务和大数据管理局"), SECTION_WIDTH);
        let long = "汤阴县全面推进基层政务公开标准化规范化工作专栏";
        let width = section_width(long);
        assert!(width > SECTION_WIDTH);
        assert!(lines(long, width, DATA_SIZE) <= NAME_LINES);
        assert!(lines(long, width - 0.5, DATA_SIZE) > NAME_LINES);
    }
}
