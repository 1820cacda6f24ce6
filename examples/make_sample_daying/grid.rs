//! A sheet as every writer sees it: rows of typed values, merged ranges and whether
//! the sheet is hidden. Each format writer turns a `Grid` into its own bytes, so the
//! same table can be saved as xlsx, CSV, an HTML page or SpreadsheetML.

use chrono::{Datelike, NaiveDate};

/// One cell value as the unit typed it.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Empty,
    Text(String),
    Num(f64),
    /// A real date cell formatted `yyyy-mm-dd`.
    Date(NaiveDate),
    /// A real date cell with Excel's built-in Chinese format id 31 (`yyyy年m月d日`).
    DateCn(NaiveDate),
    /// An error value such as `#REF!`, left by a formula that lost its reference.
    Error(&'static str),
}

impl Val {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Self {
        Val::Text(s.into())
    }

    /// The value as a text export (CSV, HTML, tab-separated) would show it.
    pub fn shown(&self) -> String {
        match self {
            Val::Empty => String::new(),
            Val::Text(s) => s.clone(),
            Val::Num(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Val::Num(n) => n.to_string(),
            Val::Date(d) => d.format("%Y-%m-%d").to_string(),
            Val::DateCn(d) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Val::Error(e) => (*e).to_string(),
        }
    }
}

/// What a row is for; writers use it for fonts and borders only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// Lines above the header: 附件, the table title, 填报单位：…
    Title,
    Header,
    Data,
    /// A 合计 row.
    Total,
    /// Notes and signature lines under the data.
    Note,
}

/// A merged range, 0-based and inclusive: (first row, first col, last row, last col).
pub type Merge = (u32, u16, u32, u16);

/// One sheet of a submission.
#[derive(Debug, Clone)]
pub struct Grid {
    pub name: String,
    pub rows: Vec<(RowKind, Vec<Val>)>,
    pub merges: Vec<Merge>,
    pub hidden: bool,
    /// Column widths in Excel character units; missing columns keep the default.
    pub widths: Vec<f64>,
}

impl Grid {
    /// An empty visible sheet called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            rows: Vec::new(),
            merges: Vec::new(),
            hidden: false,
            widths: Vec::new(),
        }
    }

    /// Appends a row and returns its 1-based row number.
    pub fn push(&mut self, kind: RowKind, cells: Vec<Val>) -> u32 {
        self.rows.push((kind, cells));
        self.rows.len() as u32
    }

    /// Appends a one-cell line (a title or a note) merged across `width` columns.
    pub fn line(&mut self, kind: RowKind, text: &str, width: u16) -> u32 {
        let row = self.push(kind, vec![Val::text(text)]);
        if width > 1 {
            self.merges.push((row - 1, 0, row - 1, width - 1));
        }
        row
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|(_, r)| r.len()).max().unwrap_or(0)
    }

    /// The merge that starts at (row, col), if any: its last row and col.
    pub fn merge_at(&self, row: u32, col: u16) -> Option<(u32, u16)> {
        self.merges
            .iter()
            .find(|m| m.0 == row && m.1 == col)
            .map(|m| (m.2, m.3))
    }

    /// Whether (row, col) lies inside a merge without being its top-left cell.
    pub fn covered(&self, row: u32, col: u16) -> bool {
        self.merges.iter().any(|m| {
            (m.0..=m.2).contains(&row) && (m.1..=m.3).contains(&col) && (m.0, m.1) != (row, col)
        })
    }
}

/// The spreadsheet column letter of a 0-based column (A, B, … Z, AA).
pub fn col_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
