//! A sheet grid built from cells given at absolute positions, with merged ranges filled.
//!
//! Every reader (workbook, HTML, SpreadsheetML, delimited text) ends here, so merges are
//! filled the same way whatever the format: from the range, never by guessing from blanks.

use super::{Cell, Merge, Sheet, Visibility};

/// Excel's own limits; a position beyond them is a damaged or hostile file.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
pub(crate) const MAX_COLS: u32 = 16_384;

/// A position outside Excel's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OutOfBounds;

impl OutOfBounds {
    /// The reason given to people.
    pub fn reason(self) -> String {
        format!("单元格位置超出 Excel 上限（{MAX_ROWS} 行、{MAX_COLS} 列），文件可能已损坏")
    }
}

#[derive(Debug, Default)]
pub(crate) struct Grid {
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
}

impl Grid {
    pub fn new() -> Self {
        Self::default()
    }

    /// Puts a cell at 0-based (`row`, `col`); an empty cell only reserves nothing.
    pub fn set(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), OutOfBounds> {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(OutOfBounds);
        }
        if cell == Cell::Empty {
            return Ok(());
        }
        let (r, c) = (row as usize, col as usize);
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let line = &mut self.rows[r];
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        line[c] = cell;
        Ok(())
    }

    /// Records a merged range; ranges reaching past Excel's limits are cut to them.
    pub fn merge(&mut self, m: Merge) {
        let m = Merge {
            last_row: m.last_row.min(MAX_ROWS - 1),
            last_col: m.last_col.min(MAX_COLS - 1),
            ..m
        };
        if m.first_row <= m.last_row
            && m.first_col <= m.last_col
            && (m.first_row, m.first_col) != (m.last_row, m.last_col)
        {
            self.merges.push(m);
        }
    }

    /// The finished sheet: every cell of each merged range holds its top-left value.
    pub fn into_sheet(mut self, name: String, visibility: Visibility, date1904: bool) -> Sheet {
        self.fill_merges();
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        Sheet {
            name,
            visibility,
            rows: self.rows,
            merges: self.merges,
            date1904,
        }
    }

    /// Fills merges only inside the area that holds data: a merge reaching to the end of
    /// the sheet (whole-column merges exist) must not become a billion copies of one value.
    fn fill_merges(&mut self) {
        let last_row = self.rows.len().saturating_sub(1) as u32;
        let last_col = self
            .rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .saturating_sub(1) as u32;
        for m in self.merges.clone() {
            let value = self
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize))
                .cloned();
            let Some(value) = value.filter(|v| *v != Cell::Empty) else {
                continue;
            };
            for row in m.first_row..=m.last_row.min(last_row) {
                for col in m.first_col..=m.last_col.min(last_col) {
                    if (row, col) != (m.first_row, m.first_col) {
                        // Invariant: row ≤ last_row < MAX_ROWS and col ≤ last_col < MAX_COLS.
                        let _ = self.set(row, col, value.clone());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn merges_are_filled_from_the_top_left_cell() {
        let mut g = Grid::new();
        g.set(0, 0, text("附件1")).unwrap();
        g.set(1, 0, text("单位")).unwrap();
        g.set(1, 1, text("数量")).unwrap();
        g.set(2, 0, text("民政局")).unwrap();
        g.set(2, 1, Cell::Number(1.0)).unwrap();
        g.set(3, 1, Cell::Number(2.0)).unwrap();
        g.merge(Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: 1,
        });
        g.merge(Merge {
            first_row: 2,
            first_col: 0,
            last_row: 3,
            last_col: 0,
        });
        let s = g.into_sheet("s".into(), Visibility::Visible, false);
        assert_eq!(s.cell(0, 1), &text("附件1"));
        assert_eq!(s.cell(3, 0), &text("民政局"));
        assert_eq!(s.merges.len(), 2);
    }

    #[test]
    fn a_whole_column_merge_is_filled_only_where_there_is_data() {
        let mut g = Grid::new();
        g.set(0, 0, text("x")).unwrap();
        g.set(2, 0, text("y")).unwrap();
        g.merge(Merge {
            first_row: 0,
            first_col: 0,
            last_row: MAX_ROWS + 5,
            last_col: 0,
        });
        let s = g.into_sheet("s".into(), Visibility::Visible, false);
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.cell(1, 0), &text("x"));
        assert_eq!(s.cell(2, 0), &text("x"));
        assert_eq!(s.merges[0].last_row, MAX_ROWS - 1);
    }

    #[test]
    fn positions_beyond_excel_are_refused() {
        let mut g = Grid::new();
        assert_eq!(g.set(MAX_ROWS, 0, text("x")), Err(OutOfBounds));
        assert_eq!(g.set(0, MAX_COLS, text("x")), Err(OutOfBounds));
    }
}
