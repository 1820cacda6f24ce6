//! The header: which row (or pair of rows) it is and what each of its columns holds.
//!
//! Each of the first 30 rows is scored by how many distinct fields its labels map to;
//! the best row with at least two wins. A horizontal merge over labels in the row
//! below makes a two-row header (`发布信息` over `标题 | 发布日期`).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use super::grid::Grid;
use super::labels::{field_of, first_label_char, normalise_label};
use super::{Column, Field, Role};
use crate::problems::{Code, Place, Problem, cell_address};
use crate::read::Cell;

/// How far down a header may sit.
const SEARCH_ROWS: u32 = 30;

/// Longer text is never compared with the header labels.
const MAX_LABEL_BYTES: usize = 60;

/// A label that long is a table title spanning the header, not a group label over it.
const MAX_GROUP_LABEL_CHARS: usize = 20;

/// One header column, with what a repeat of the header would show in it.
#[derive(Debug, Clone)]
pub(super) struct HeaderColumn {
    pub column: Column,
    /// 0-based row of the cell holding the label (the lower row when both have one).
    pub label_row: u32,
    /// Normalised label parts: the whole label, and the upper and lower parts.
    pub variants: Vec<String>,
}

/// The located header rows and their columns, left to right.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub rows: RangeInclusive<u32>,
    pub columns: Vec<HeaderColumn>,
}

impl Header {
    /// The header of a sheet, or `None` when no row of the first 30 has two known labels.
    pub(super) fn find(grid: &Grid) -> Option<Self> {
        let row = best_row(grid)?;
        let rows = if row > 0 && is_pair(grid, row - 1, row, false) {
            row - 1..=row
        } else if row + 1 < grid.height() && is_pair(grid, row, row + 1, true) {
            row..=row + 1
        } else {
            row..=row
        };
        let mut columns = if rows.start() == rows.end() {
            single_row_columns(grid, row)
        } else {
            two_row_columns(grid, *rows.start(), *rows.end())
        };
        if let Some(roles) = corner_roles(grid, *rows.end(), &columns) {
            columns.insert(0, roles);
        }
        spread_scores(&mut columns);
        Some(Self { rows, columns })
    }

    /// `UnknownColumn` for labels that map to no field, and `DuplicateColumn` for a
    /// field that several columns of a `plain` (not side-by-side) header have.
    pub(super) fn problems(
        &self,
        plain: bool,
        read: &[(Field, u32)],
        file: &str,
        sheet: &str,
    ) -> Vec<Problem> {
        let mut problems = unknown_columns(self, file, sheet);
        if plain {
            problems.extend(duplicate_columns(self, read, file, sheet));
        }
        problems
    }

    /// Whether `row` is the header of another table: two known labels, not this header
    /// repeated, in its words or others (a sheet of April's, May's, June's tables is one
    /// table), not a line of labels each with its value (`单位 | 民政局 | 月份 | 2018年4月`),
    /// and a row of two cells at least below it.
    pub(super) fn starts_another(&self, grid: &Grid, row: u32) -> bool {
        score(grid, row).0 >= 2
            && !self.is_repeated_in(grid, row)
            && !self.is_restated_in(grid, row)
            && !is_pairs(grid, row)
            && (row + 1..grid.height()).any(|r| grid.more_cells_than(r, 1))
    }

    /// Whether `row` gives each of its columns the field this header gives it, in other
    /// words (信息标题 | 发布时间 under 标题 | 发布日期): the header again.
    pub(super) fn is_restated_in(&self, grid: &Grid, row: u32) -> bool {
        let texts = grid.own_texts(row);
        let same = |(col, text): &(u32, String)| {
            let field = field_of(text);
            field.is_some()
                && (self.columns.iter()).any(|h| h.column.col == *col && h.column.field == field)
        };
        texts.len() >= 2 && texts.iter().all(same)
    }

    /// Whether a row below the header repeats it, as multi-page exports do.
    pub(super) fn is_repeated_in(&self, grid: &Grid, row: u32) -> bool {
        // At least two labels and at least half the columns; a data row is given up on
        // as soon as it can no longer get there, since this runs for every row.
        let n = self.columns.len();
        let need = n.div_ceil(2).max(2);
        let mut matches = 0;
        for (seen, h) in self.columns.iter().enumerate() {
            if matches + (n - seen) < need {
                return false;
            }
            let is_label = match grid.cell(row, h.column.col) {
                // Labels are short text; skipping the rest keeps long sheets fast.
                Cell::Text(t) if t.len() <= MAX_LABEL_BYTES => {
                    // Most cells fail on their first character, before the whole text
                    // is converted.
                    let first = first_label_char(t);
                    first.is_some_and(|c| h.variants.iter().any(|v| v.starts_with(c))) && {
                        let text = normalise_label(t);
                        !text.is_empty() && h.variants.contains(&text)
                    }
                }
                _ => false,
            };
            matches += usize::from(is_label);
        }
        matches >= need
    }
}

/// The earliest row with the most distinct fields (at least two); among rows with as
/// many fields, the one with fewer cells that are not labels, so that a
/// `填报单位 | 民政局 | 统计期间 | 2018年4月` line does not beat a real header.
fn best_row(grid: &Grid) -> Option<u32> {
    let mut best: Option<(u32, usize, usize)> = None;
    for row in 0..grid.height().min(SEARCH_ROWS) {
        let (fields, others) = score(grid, row);
        let better = match best {
            None => fields >= 2,
            Some((_, f, o)) => fields > f || (fields == f && others < o),
        };
        if better {
            best = Some((row, fields, others));
        }
    }
    best.map(|(row, _, _)| row)
}

/// (distinct fields, non-empty cells that are not labels) of one row.
/// Whether `row` is a line of labels each followed by its value (`单位 | 民政局 | 月份 |
/// 2018年4月`): metadata, not a header.
pub(super) fn is_pairs(grid: &Grid, row: u32) -> bool {
    let texts = grid.own_texts(row);
    let label = |i: usize| field_of(&texts[i].1).is_some();
    texts.len() >= 2
        && texts.len().is_multiple_of(2)
        && (0..texts.len()).all(|i| label(i) == i.is_multiple_of(2))
}

pub(super) fn score(grid: &Grid, row: u32) -> (usize, usize) {
    let mut fields = BTreeSet::new();
    let mut others = 0;
    for (col, text) in grid.own_texts(row) {
        // A `填报单位：` cell is the key of a metadata pair, and numbers are never labels.
        let is_text = matches!(grid.cell(row, col), Cell::Text(_));
        match field_of(&text).filter(|_| is_text && !text.ends_with([':', '：'])) {
            Some(f) => {
                fields.insert(f);
            }
            None => others += 1,
        }
    }
    (fields.len(), others)
}

/// Whether rows `upper` and `lower` form one header: a label merged across columns in
/// `upper` only, with labels under it in `lower`, and other header cells beside it.
/// `need_fields` asks for proof that `lower` is not the first data row: a known label
/// under the merge, or another label merged down over both rows.
fn is_pair(grid: &Grid, upper: u32, lower: u32, need_fields: bool) -> bool {
    grid.merges_in_row(upper).iter().any(|m| {
        let label = grid.text(upper, m.first_col);
        let group_like = m.first_row == upper
            && m.last_row == upper
            && m.first_col < m.last_col
            && !label.is_empty()
            && !super::meta::is_meta(&label)
            && label.chars().count() <= MAX_GROUP_LABEL_CHARS;
        if !group_like {
            return false;
        }
        let under: Vec<String> = (m.first_col..=m.last_col)
            .filter(|&c| !grid.is_continuation(lower, c))
            .map(|c| grid.text(lower, c))
            .filter(|t| !t.is_empty())
            .collect();
        // A label merged down over both rows (`单位`) shows that `lower` is header too.
        let spans_both = grid
            .merges_in_row(upper)
            .iter()
            .any(|v| v.first_row == upper && v.last_row >= lower);
        let known = !need_fields || spans_both || under.iter().any(|t| field_of(t).is_some());
        // Other header cells beside the merge. When they are all in `lower`, a merge
        // starting at the first column is a table title (`附件1` merged over two cells).
        let beside_upper = grid
            .own_texts(upper)
            .iter()
            .any(|(c, _)| *c < m.first_col || *c > m.last_col);
        let lower_cols: Vec<u32> = grid.own_texts(lower).iter().map(|(c, _)| *c).collect();
        let beside_lower = lower_cols.iter().any(|c| *c > m.last_col)
            && lower_cols.first().is_some_and(|c| *c < m.first_col);
        !under.is_empty() && known && (beside_upper || beside_lower)
    })
}

/// The columns of a wide score sheet that label a row rather than score an indicator.
const ROW_LABELS: [Field; 9] = [
    Field::Seq,
    Field::Unit,
    Field::Category,
    Field::TotalScore,
    Field::Deducted,
    Field::Reason,
    Field::Evidence,
    Field::Link,
    Field::Remark,
];

/// Labels of a wide score sheet's columns that are neither indicators nor fields.
const NOT_INDICATORS: [&str; 3] = ["备注", "说明", "排名"];

/// A wide score sheet (单位 × 指标): a 单位 and a 总分 column and no indicator column.
/// Every other column is the 得分 of the indicator its label names, whatever the label
/// would mean elsewhere: such columns are read [`Column::across`].
fn spread_scores(columns: &mut [HeaderColumn]) {
    let has = |f: Field| columns.iter().any(|h| h.column.field == Some(f));
    let named = [
        Field::Indicator,
        Field::Indicator1,
        Field::Indicator2,
        Field::Indicator3,
    ];
    if !has(Field::Unit) || !has(Field::TotalScore) || named.into_iter().any(has) {
        return;
    }
    for h in columns.iter_mut() {
        let c = &mut h.column;
        let labels_row = c.field.is_some_and(|f| ROW_LABELS.contains(&f));
        if !labels_row && !NOT_INDICATORS.contains(&normalise_label(&c.label).as_str()) {
            c.field = Some(Field::Score);
            c.across = true;
        }
    }
}

/// The column of role words under a blank corner cell left of a contact form's labels
/// (seed 002 Annex 2: an empty corner over 分管领导 and 联络人, beside 姓名 | 职务 | 联系方式).
fn corner_roles(grid: &Grid, last_row: u32, columns: &[HeaderColumn]) -> Option<HeaderColumn> {
    let first = columns.iter().map(|h| h.column.col).min()?;
    let person = |h: &HeaderColumn| matches!(h.column.field, Some(Field::Person(_)));
    if first == 0 || !columns.iter().any(person) {
        return None;
    }
    let col = first - 1;
    let below = (last_row + 1..grid.height())
        .map(|r| grid.text_ref(r, col))
        .find(|t| !t.is_empty())?;
    Role::of(&below)?;
    Some(HeaderColumn {
        column: Column {
            col,
            label: String::new(),
            field: Some(Field::Role),
            choice: None,
            across: false,
        },
        label_row: last_row,
        variants: Vec::new(),
    })
}

fn single_row_columns(grid: &Grid, row: u32) -> Vec<HeaderColumn> {
    grid.own_texts(row)
        .into_iter()
        .map(|(col, label)| plain(label, col, row))
        .collect()
}

fn two_row_columns(grid: &Grid, upper: u32, lower: u32) -> Vec<HeaderColumn> {
    let width = grid
        .sheet()
        .rows
        .iter()
        .skip(upper as usize)
        .take(2)
        .map(Vec::len)
        .max();
    let width = u32::try_from(width.unwrap_or(0)).unwrap_or(u32::MAX);
    (0..width)
        .filter_map(|col| two_row_column(grid, upper, lower, col))
        .collect()
}

/// One column of a two-row header; `None` for a column with no label of its own.
fn two_row_column(grid: &Grid, upper: u32, lower: u32, col: u32) -> Option<HeaderColumn> {
    let merge = grid.merge_at(upper, col);
    // `序号` merged down over both rows keeps its own label.
    if let Some(m) = merge.filter(|m| m.last_row >= lower) {
        let label = grid.text(upper, m.first_col);
        return (m.first_col == col && !label.is_empty()).then(|| plain(label, col, upper));
    }
    // A merged group label is copied into every cell of its range: each column under it gets it.
    let top = grid.text(upper, col);
    let bottom = if grid.is_continuation(lower, col) {
        String::new()
    } else {
        grid.text(lower, col)
    };
    match (top.is_empty(), bottom.is_empty()) {
        (_, true) if grid.is_continuation(upper, col) => None,
        (true, true) => None,
        (false, true) => Some(plain(top, col, upper)),
        (true, false) => Some(plain(bottom, col, lower)),
        (false, false) => Some(HeaderColumn {
            column: under_group(&top, &bottom, col),
            label_row: lower,
            variants: vec![
                normalise_label(&format!("{top}/{bottom}")),
                normalise_label(&top),
                normalise_label(&bottom),
            ],
        }),
    }
}

/// A column labelled `bottom` under the group label `top`. The lower label says what the
/// column holds, except under a role (分管领导/姓名: the leader's name) and for the
/// choices of a field whose choices are columns of ticks (公开方式/主动).
fn under_group(top: &str, bottom: &str, col: u32) -> Column {
    let (upper, lower) = (field_of(top), field_of(bottom));
    let (field, choice) = match (upper, lower) {
        (_, Some(Field::Person(attr))) => match Role::of(top) {
            Some(role) => (Some(Field::RolePerson(role, attr)), None),
            None => (lower, None),
        },
        (Some(f), None) if f.has_choice_columns() => (upper, Some(bottom.to_string())),
        _ => (lower.or(upper), None),
    };
    Column {
        col,
        label: format!("{top}/{bottom}"),
        field,
        choice,
        across: false,
    }
}

fn plain(label: String, col: u32, row: u32) -> HeaderColumn {
    HeaderColumn {
        variants: vec![normalise_label(&label)],
        column: Column {
            col,
            field: field_of(&label),
            label,
            choice: None,
            across: false,
        },
        label_row: row,
    }
}

/// `UnknownColumn` for every header label that maps to no field.
fn unknown_columns(found: &Header, file: &str, sheet: &str) -> Vec<Problem> {
    found
        .columns
        .iter()
        .filter(|h| h.column.field.is_none())
        .map(|h| {
            let label = h.column.label.as_str();
            Problem::new(Code::UnknownColumn, file, &[label])
                .at(sheet, Place::cell(h.label_row + 1, h.column.col))
                .value(label)
                .suggest("如需读取该列，请把列名改为标准列名，如 标题、发布日期、栏目、单位、数量")
        })
        .collect()
}

/// Whether a column's label is a bare 日期 or 时间, which yields to a filled column that
/// says which date it holds (发布日期 beside 日期: the other may be the date it was sent;
/// an empty 发布日期 a template's column the unit did not use).
/// A 数量 column of a running total (信息数量 over 1-4月累计 | 4月, 数量 over 累计 | 本月):
/// read only where no other 数量 column is filled.
fn running(c: &Column) -> bool {
    c.field == Some(Field::Count) && normalise_label(&c.label).contains("累计")
}

fn vague(c: &Column) -> bool {
    c.field == Some(Field::Date) && ["日期", "时间"].contains(&normalise_label(&c.label).as_str())
}

/// `DuplicateColumn` for every field that more than one column of a plain header has,
/// reported at the first column that is not `read`.
fn duplicate_columns(
    found: &Header,
    read: &[(Field, u32)],
    file: &str,
    sheet: &str,
) -> Vec<Problem> {
    let mut seen: Vec<Field> = Vec::new();
    let mut problems = Vec::new();
    // Choice columns share their field on purpose (公开方式/主动, 公开方式/依申请), and so
    // do the score columns of a cross table.
    let shared = |h: &HeaderColumn| h.column.choice.is_some() || h.column.across;
    for h in found.columns.iter().filter(|h| !shared(h)) {
        let Some(field) = h.column.field.filter(|f| !seen.contains(f)) else {
            continue;
        };
        seen.push(field);
        let same: Vec<&HeaderColumn> = found
            .columns
            .iter()
            .filter(|o| o.column.field == Some(field) && !shared(o))
            .collect();
        if let [first, ..] = same.as_slice()
            && same.len() > 1
        {
            let col = read.iter().find(|(f, _)| *f == field).map(|(_, c)| *c);
            let read = (same.iter())
                .find(|o| Some(o.column.col) == col)
                .unwrap_or(first);
            let unread = (same.iter())
                .find(|o| o.column.col != read.column.col)
                .unwrap_or(first);
            let address = |o: &HeaderColumn| cell_address(o.label_row, o.column.col);
            let cells: Vec<String> = same.iter().map(|o| address(o)).collect();
            let cells = cells.join("、");
            let args = [first.column.label.as_str(), &cells, &read.column.label];
            problems.push(
                Problem::new(Code::DuplicateColumn, file, &args)
                    .at(sheet, Place::cell(unread.label_row + 1, unread.column.col))
                    .value(unread.column.label.as_str())
                    .suggest(format!(
                        "删除多余的「{}」列，或改用其他列名",
                        unread.column.label
                    )),
            );
        }
    }
    problems
}

/// The side-by-side groups of a header: `单位 | 数量 | 单位 | 数量` is two groups of two.
/// Columns with no field go with the group whose span they fall in.
#[derive(Debug, Clone)]
pub(super) struct Group {
    /// 0-based columns from `start` up to the next group's start.
    pub start: u32,
    /// Every header column of the group, mapped or not.
    pub cols: Vec<u32>,
    /// The group's fields, each with the column read for it: the first, but a bare 日期
    /// yields to a filled 发布日期.
    pub fields: Vec<(Field, u32)>,
}

/// Splits the header into groups: k > 1 when its sequence of fields is the same
/// sequence of at least two distinct fields repeated k times.
pub(super) fn groups(columns: &[Column], filled: &dyn Fn(u32) -> bool) -> Vec<Group> {
    let mapped: Vec<(u32, Field)> = columns
        .iter()
        .filter_map(|c| c.field.map(|f| (c.col, f)))
        .collect();
    let period = (2..=mapped.len() / 2).find(|&p| {
        let distinct: BTreeSet<Field> = mapped[..p].iter().map(|(_, f)| *f).collect();
        mapped.len().is_multiple_of(p)
            && distinct.len() == p
            && mapped
                .iter()
                .enumerate()
                .all(|(i, (_, f))| *f == mapped[i % p].1)
    });
    let starts: Vec<u32> = match period {
        Some(p) => std::iter::once(0)
            .chain(mapped.iter().step_by(p).skip(1).map(|(c, _)| *c))
            .collect(),
        None => vec![0],
    };
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = starts.get(i + 1).copied().unwrap_or(u32::MAX);
            let inside: Vec<&Column> = columns
                .iter()
                .filter(|c| (start..end).contains(&c.col))
                .collect();
            let mut fields: Vec<(Field, u32)> = Vec::new();
            for c in &inside {
                let Some(f) = c.field else { continue };
                // Every choice column is read (each holds the tick for its own choice), and
                // every score column of a cross table; else the one a field reads.
                let every = c.choice.is_some() || c.across;
                match fields.iter_mut().find(|(g, _)| *g == f) {
                    Some(kept) if !every => {
                        let kept_col = inside.iter().find(|k| k.col == kept.1);
                        let worse =
                            |k: &&Column| (vague(k) && !vague(c)) || (running(k) && !running(c));
                        if kept_col.is_some_and(worse) && filled(c.col) {
                            kept.1 = c.col;
                        }
                    }
                    _ => fields.push((f, c.col)),
                }
            }
            Group {
                start,
                cols: inside.iter().map(|c| c.col).collect(),
                fields,
            }
        })
        .collect()
}
