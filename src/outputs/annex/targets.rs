//! The targets annex (目标任务): one unit per row with a 序号, or seed 001 Annex 1's two
//! `单位 | 目标任务数量(条)` pairs side by side, the first half of the units down the
//! left pair and the rest down the right, closed by `合  计 12360条` across the row.

use super::Options;
use crate::model::Target;
use crate::reference::Reference;
use crate::write::{Book, Role, Sheet, Value, WriteError};

/// How the targets are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Layout {
    /// As the office's own targets table is: side by side when it is, or when one unit
    /// per row would not fit on one page.
    #[default]
    Auto,
    /// 序号 | 单位 | 目标任务数量(条), one unit per row.
    Rows,
    /// Two `单位 | 目标任务数量(条)` pairs side by side, as seed 001 prints them.
    Pairs,
}

/// Units a portrait page holds one per row, under the heading and with the 合计, at 12 pt
/// and full size.
const ROWS_ON_A_PAGE: usize = 32;
const UNIT: &str = "单    位";
const COUNT: &str = "目标任务数量(条)";
const TOTAL: &str = "合  计";

/// Adds the targets sheet to `book`.
pub(super) fn write(
    book: &mut Book,
    reference: &Reference,
    workspace: &str,
    year: i32,
    options: &Options,
) -> Result<(), WriteError> {
    let title = format!("{year}年{workspace}政府信息公开目标任务");
    let targets = &reference.targets;
    let pairs = match options.layout {
        Layout::Pairs => true,
        Layout::Rows => false,
        Layout::Auto => side_by_side(reference) || targets.len() > ROWS_ON_A_PAGE,
    };
    if pairs {
        let mut sheet = options.sheet(book, "目标任务", &title, 3)?;
        write_pairs(&mut sheet, targets)
    } else {
        let mut sheet = options.sheet(book, "目标任务", &title, 2)?;
        write_rows(&mut sheet, targets)
    }
}

/// Whether the office's targets table has its counts in more than one column.
fn side_by_side(reference: &Reference) -> bool {
    let mut cols: Vec<Option<u32>> = reference
        .target_cells
        .values()
        .map(|t| t.place.col)
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols.len() > 1
}

fn sum(targets: &[Target]) -> i64 {
    targets.iter().map(|t| i64::from(t.count)).sum()
}

fn write_rows(sheet: &mut Sheet<'_>, targets: &[Target]) -> Result<(), WriteError> {
    sheet.header(&["序号", UNIT, COUNT])?;
    sheet.break_at_words(1);
    sheet.keep_whole(2);
    for (i, t) in targets.iter().enumerate() {
        sheet.row(&[
            Value::seq(i + 1),
            Value::from(&t.unit),
            Value::from(t.count),
        ])?;
    }
    let row = sheet.next_row();
    sheet.merge((row, row), (0, 1), TOTAL, Role::Total)?;
    sheet.write(row, 2, Value::Int(sum(targets)), Role::Total)
}

/// Seed 001's pairs: the 单位 columns alike, and the count columns; the 合计 a number
/// shown as `12360条` across both pairs, as the notice prints it.
fn write_pairs(sheet: &mut Sheet<'_>, targets: &[Target]) -> Result<(), WriteError> {
    sheet.header(&[UNIT, COUNT, UNIT, COUNT])?;
    sheet.same_width(&[0, 2]);
    sheet.same_width(&[1, 3]);
    // The unit names wrap where the page is too narrow, the counts' header never.
    sheet.break_at_words(0);
    sheet.break_at_words(2);
    sheet.keep_whole(1);
    sheet.keep_whole(3);
    let rows = targets.len().div_ceil(2);
    let (left, right) = targets.split_at(rows);
    for (i, l) in left.iter().enumerate() {
        let (unit, count) = match right.get(i) {
            Some(r) => (Value::from(&r.unit), Value::from(r.count)),
            None => (Value::Empty, Value::Empty),
        };
        sheet.row(&[Value::from(&l.unit), Value::from(l.count), unit, count])?;
    }
    let row = sheet.next_row();
    sheet.write(row, 0, TOTAL, Role::Total)?;
    sheet.merge((row, row), (1, 3), Value::Items(sum(targets)), Role::Total)
}
