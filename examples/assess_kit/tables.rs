//! Sheets of an assessment as offices and units lay them out: lines above the table, a
//! one- or two-row header (a 一级指标 merged over its items), data rows, cells merged
//! down where a column repeats (一级指标, 一级分值). Each sheet says where its rows went,
//! so that traps can name their cells.

use crate::grid::{Grid, RowKind, Val, col_letter};

/// One header column, or a group label over several.
#[derive(Debug, Clone)]
pub enum Head {
    One(String),
    Group(String, Vec<String>),
}

impl Head {
    pub fn one(label: impl Into<String>) -> Self {
        Head::One(label.into())
    }

    fn width(&self) -> usize {
        match self {
            Head::One(_) => 1,
            Head::Group(_, items) => items.len(),
        }
    }
}

/// A table to lay out.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Lines above the header (title, 填报单位：…), each merged across the table.
    pub preamble: Vec<String>,
    pub header: Vec<Head>,
    pub rows: Vec<Vec<Val>>,
    /// Columns whose equal consecutive values are one merged cell.
    pub merge_down: Vec<usize>,
    /// Lines under the table.
    pub notes: Vec<String>,
}

/// A laid-out sheet and the 1-based sheet row of its first data row.
pub struct Placed {
    pub grid: Grid,
    pub first_row: u32,
    /// The 1-based row of the lower header row.
    pub header_row: u32,
}

impl Placed {
    /// The address of column `col` (0-based) of data row `i` (0-based).
    pub fn cell(&self, i: usize, col: usize) -> String {
        format!("{}{}", col_letter(col), self.first_row + i as u32)
    }

    /// The address of column `col` of the (lower) header row.
    pub fn header_cell(&self, col: usize) -> String {
        format!("{}{}", col_letter(col), self.header_row)
    }
}

/// Lays out `table` on a sheet called `name`.
pub fn place(name: &str, table: &Table) -> Placed {
    let width: usize = table.header.iter().map(Head::width).sum();
    let mut grid = Grid::new(name);
    for line in &table.preamble {
        grid.line(RowKind::Title, line, width as u16);
    }
    let two_rows = table.header.iter().any(|h| matches!(h, Head::Group(..)));
    let upper = grid.rows.len() as u32;
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    for h in &table.header {
        match h {
            Head::One(label) => {
                top.push(Val::text(label));
                bottom.push(Val::Empty);
            }
            Head::Group(label, items) => {
                let col = top.len() as u16;
                top.push(Val::text(label));
                top.extend(std::iter::repeat_n(Val::Empty, items.len() - 1));
                bottom.extend(items.iter().map(Val::text));
                if items.len() > 1 {
                    grid.merges
                        .push((upper, col, upper, col + items.len() as u16 - 1));
                }
            }
        }
    }
    if two_rows {
        for (col, h) in table.header.iter().enumerate() {
            if let (Head::One(_), Some(c)) = (h, column_of(&table.header, col)) {
                grid.merges.push((upper, c, upper + 1, c));
            }
        }
        grid.push(RowKind::Header, top);
        grid.push(RowKind::Header, bottom);
    } else {
        grid.push(RowKind::Header, top);
    }
    let header_row = grid.rows.len() as u32;
    let first = grid.rows.len() as u32;
    for row in &table.rows {
        grid.push(RowKind::Data, row.clone());
    }
    for (k, &col) in table.merge_down.iter().enumerate() {
        merge_runs(&mut grid, &table.rows, first, &table.merge_down[..=k], col);
    }
    for note in &table.notes {
        grid.line(RowKind::Note, note, width as u16);
    }
    grid.widths = vec![14.0; width];
    Placed {
        grid,
        first_row: first + 1,
        header_row,
    }
}

/// The 0-based column where header entry `k` starts.
fn column_of(header: &[Head], k: usize) -> Option<u16> {
    let before: usize = header[..k].iter().map(Head::width).sum();
    u16::try_from(before).ok()
}

/// Merges each run of equal non-empty values down column `col`, within runs where the
/// columns `within` (those merged before it, and itself) are all equal: a 一级分值 is
/// merged over its own 一级指标 only.
fn merge_runs(grid: &mut Grid, rows: &[Vec<Val>], first: u32, within: &[usize], col: usize) {
    let value = |i: usize, c: usize| rows[i].get(c).cloned().unwrap_or(Val::Empty);
    let same = |a: usize, b: usize| within.iter().all(|&c| value(a, c) == value(b, c));
    let mut start = 0;
    while start < rows.len() {
        let mut end = start;
        while end + 1 < rows.len() && same(end + 1, start) && value(start, col) != Val::Empty {
            end += 1;
        }
        if end > start {
            let (a, b) = (first + start as u32, first + end as u32);
            grid.merges.push((a, col as u16, b, col as u16));
        }
        start = end + 1;
    }
    for m in grid.merges.clone() {
        if m.1 as usize == col && m.1 == m.3 && m.0 >= first {
            for r in m.0 + 1..=m.2 {
                grid.rows[r as usize].1[col] = Val::Empty;
            }
        }
    }
}
