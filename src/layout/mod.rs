//! Layout: find where the table is in a sheet and what each column means.
//!
//! The header is located by matching label synonyms, never by position. Lines above
//! it are metadata, 合计 rows are declared totals, notes and signature lines below
//! the data are set aside; side-by-side column groups are unfolded into one table.

use serde::Serialize;

use crate::read::Cell;

/// What a column holds, whatever its label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
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

/// One column of the located table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// 0-based column index in the sheet.
    pub col: u32,
    /// The label as written; a two-row header gives `上级/下级`.
    pub label: String,
    pub field: Option<Field>,
}

/// What a line above the header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaKey {
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
pub struct Meta {
    /// 0-based row.
    pub row: u32,
    pub key: MetaKey,
    /// The value after the colon, or the whole line for titles.
    pub value: String,
}

/// One data row: the fields it has, each with the 0-based column it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 0-based row in the sheet.
    pub row: u32,
    pub cells: Vec<(Field, u32, Cell)>,
}

impl Record {
    pub fn get(&self, field: Field) -> Option<(u32, &Cell)> {
        self.cells
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, v)| (*c, v))
    }
}

/// A 合计 / 小计 / 总计 row: a check on the rows it closes, never data.
#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    /// 0-based row.
    pub row: u32,
    pub label: String,
    pub cells: Vec<(Field, u32, Cell)>,
    /// Index range into `Table::records` of the rows this total closes.
    pub closes: std::ops::Range<usize>,
}

/// A sheet's table after layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    /// 0-based rows of the header (two for a merged two-row header).
    pub header_rows: std::ops::RangeInclusive<u32>,
    pub columns: Vec<Column>,
    /// How many side-by-side column groups were unfolded (1 for a plain table).
    pub groups: usize,
    pub meta: Vec<Meta>,
    pub records: Vec<Record>,
    pub totals: Vec<Total>,
    /// Notes and signature lines after the data: (0-based row, text).
    pub notes: Vec<(u32, String)>,
}

impl Table {
    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == Some(field))
    }

    pub fn meta(&self, key: MetaKey) -> Option<&str> {
        self.meta.iter().find(|m| m.key == key).map(|m| m.value.as_str())
    }
}
