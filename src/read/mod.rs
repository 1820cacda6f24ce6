//! Read: turn the bytes of one file into sheets of typed cells, or into problems.
//!
//! The real format comes from the first bytes, never the extension. Text is decoded
//! to UTF-8 here, once; spreadsheets go through calamine, HTML through scraper.
//! Nothing after this stage knows which format a sheet came from.

use chrono::NaiveDateTime;
use serde::Serialize;

/// One cell value, already decoded and typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// A cell the workbook formats as a date, converted with its date system (1900 or 1904).
    Date(NaiveDateTime),
    Bool(bool),
    /// An error value such as `#REF!`.
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a person reading the sheet would see it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// A merged range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet as a grid of cells from A1.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub visibility: Visibility,
    /// `rows[r][c]` is the cell at 0-based row `r`, column `c`; rows may differ in length.
    /// Every cell of a merged range holds the value of its top-left cell.
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// Whether plain numbers that are really dates count from 1904 (Mac Excel).
    pub date1904: bool,
}

impl Sheet {
    pub fn cell(&self, row: u32, col: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }
}
