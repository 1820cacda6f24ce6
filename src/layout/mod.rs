//! Layout: find where the table is in a sheet and what each column means.
//!
//! The header is located by matching label synonyms, never by position. Lines above
//! it are metadata, 合计 rows are declared totals, notes and signature lines below
//! the data are set aside; side-by-side column groups are unfolded into one table.

mod grid;
mod header;
mod labels;
mod meta;
mod rows;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::problems::{Code, Problem};
use crate::read::{Cell, Sheet};

/// Finds the table in a sheet: its header, metadata lines, records, totals and notes.
///
/// `file` is the display path used in problems. `None` when no row of the first 30
/// has two recognisable labels: with `NoHeader` when the sheet holds anything (unless it
/// is a template's instructions sheet, see [`INSTRUCTION_SHEETS`]), with no problem when
/// it is empty. Unknown and duplicate header labels are reported.
pub(crate) fn locate(sheet: &Sheet, file: &str) -> (Option<Table>, Vec<Problem>) {
    let grid = grid::Grid::new(sheet);
    let Some(found) = header::Header::find(&grid) else {
        let instructions = INSTRUCTION_SHEETS.contains(&sheet.name.trim());
        let problems = if grid.has_content() && !instructions {
            vec![Problem::new(Code::NoHeader, file, &[]).at(&sheet.name, None)]
        } else {
            Vec::new()
        };
        return (None, problems);
    };
    let columns: Vec<Column> = found.columns.iter().map(|h| h.column.clone()).collect();
    let groups = header::groups(&columns);
    let problems = found.problems(groups.len() == 1, file, &sheet.name);
    let meta = meta::parse(&grid, 0..*found.rows.start());
    let body = rows::read(&grid, &found, &groups);
    let table = Table {
        sheet: sheet.name.clone(),
        header_rows: found.rows.clone(),
        columns,
        groups: groups.len(),
        meta,
        records: body.records,
        totals: body.totals,
        notes: body.notes,
    };
    (Some(table), problems)
}

/// Names of the sheet of filling instructions that templates carry beside the table
/// (zwgk's own templates write 填表说明): without a table, such a sheet is expected.
pub(crate) const INSTRUCTION_SHEETS: &[&str] = &["填表说明", "填报说明"];

/// What a column holds, whatever its label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Field {
    /// 序号
    Seq,
    Title,
    Date,
    Section,
    Unit,
    Link,
    Count,
    /// 月份 / 统计期间: the month a count row belongs to.
    Month,
    Alias,
    Category,
    Level1,
    Level2,
    Level3,
    Content,
    Responsible,
    Frequency,
}

impl Field {
    /// The standard Chinese column label, as a template would write it.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Field::Seq => "序号",
            Field::Title => "标题",
            Field::Date => "发布日期",
            Field::Section => "栏目",
            Field::Unit => "单位",
            Field::Link => "链接",
            Field::Count => "数量",
            Field::Month => "月份",
            Field::Alias => "别名",
            Field::Category => "类别",
            Field::Level1 => "一级栏目",
            Field::Level2 => "二级栏目",
            Field::Level3 => "三级栏目",
            Field::Content => "公开内容",
            Field::Responsible => "保障单位",
            Field::Frequency => "更新频率",
        }
    }
}

/// One column of the located table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Column {
    /// 0-based column index in the sheet.
    pub col: u32,
    /// The label as written; a two-row header gives `上级/下级`.
    pub label: String,
    pub field: Option<Field>,
}

/// What a line above the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum MetaKey {
    /// 填报单位：XXX
    Unit,
    /// 统计期间：2018年4月
    Period,
    /// 填报日期：…
    FilledOn,
    /// 附件1
    Annex,
    /// Any other line, usually the table title.
    Title,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Meta {
    /// 0-based row.
    pub row: u32,
    pub key: MetaKey,
    /// The value after the colon, or the whole line for titles.
    pub value: String,
}

/// One data row: one entry per field of its column group, each with the 0-based
/// column it came from; a blank cell is `Cell::Empty`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    /// 0-based row in the sheet.
    pub row: u32,
    pub cells: Vec<(Field, u32, Cell)>,
}

impl Record {
    pub(crate) fn get(&self, field: Field) -> Option<(u32, &Cell)> {
        self.cells
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, v)| (*c, v))
    }
}

/// A 合计 / 小计 / 总计 row: a check on the rows it closes, never data.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Total {
    /// 0-based row.
    pub row: u32,
    /// The label as written, such as `合  计`.
    pub label: String,
    /// The non-empty mapped cells of its column group, the label's own cell left out.
    pub cells: Vec<(Field, u32, Cell)>,
    /// Index range into `Table::records` of the rows this total closes: every record
    /// before it for 合计/总计/共计, those since the group's previous total for 小计.
    pub closes: std::ops::Range<usize>,
}

/// A sheet's table after layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub sheet: String,
    /// 0-based rows of the header (two for a merged two-row header).
    pub header_rows: std::ops::RangeInclusive<u32>,
    pub columns: Vec<Column>,
    /// How many side-by-side column groups were unfolded (1 for a plain table).
    pub groups: usize,
    pub meta: Vec<Meta>,
    /// Data rows; a side-by-side table is unfolded: group 1 top to bottom, then group 2 …
    pub records: Vec<Record>,
    /// Declared totals, in the same unfolded order.
    pub totals: Vec<Total>,
    /// Notes and signature lines after the data, rows that repeat the header
    /// (`REPEATED_HEADER`) and text outside the table's columns: (0-based row, text).
    pub notes: Vec<(u32, String)>,
}

impl Table {
    pub(crate) fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }

    pub(crate) fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }
}
