//! A sheet grid built from cells given at absolute positions, with merged ranges filled.
//!
//! Every reader (workbook, HTML, SpreadsheetML, delimited text) ends here, so merges are
//! filled the same way whatever the format: from the range, never by guessing from blanks.

use super::{Cell, Merge, Sheet, Visibility};

/// Excel's own limits; a position beyond them is a damaged or hostile file.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
pub(crate) const MAX_COLS: u32 = 16_384;

/// A merge no larger than this is filled in full, even past the cells that hold data
/// (a title merged across an empty column); a larger one only over the data.
const SMALL_MERGE: u64 = 4096;

/// Why a grid cannot be built: the file is damaged or hostile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GridError {
    /// A position beyond Excel's limits.
    OutOfBounds,
    /// Merged ranges covering the sheet many times over (Excel refuses overlapping merges).
    OverlappingMerges,
}

impl GridError {
    /// The reason given to people.
    pub(super) fn reason(self) -> String {
        match self {
            Self::OutOfBounds => {
                format!("单元格位置超出 Excel 上限（{MAX_ROWS} 行、{MAX_COLS} 列），文件可能已损坏")
            }
            Self::OverlappingMerges => "合并单元格相互重叠，文件可能已损坏".into(),
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Grid {
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
}

impl Grid {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// Puts a cell at 0-based (`row`, `col`); an empty cell only reserves nothing.
    pub(super) fn set(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), GridError> {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(GridError::OutOfBounds);
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

    /// Puts a text at 0-based (`row`, `col`), sharing the text of the cell above when it is
    /// the same (the unit or section of every row of a file).
    pub(super) fn set_text(&mut self, row: u32, col: u32, text: &str) -> Result<(), GridError> {
        if text.is_empty() {
            return self.set(row, col, Cell::Empty);
        }
        let above = row
            .checked_sub(1)
            .and_then(|r| self.rows.get(r as usize)?.get(col as usize));
        let text = match above {
            Some(Cell::Text(same)) if **same == *text => same.clone(),
            _ => text.into(),
        };
        self.set(row, col, Cell::Text(text))
    }

    /// Records a merged range; ranges reaching past Excel's limits are cut to them.
    pub(super) fn merge(&mut self, m: Merge) {
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
    ///
    /// # Errors
    /// [`GridError::OverlappingMerges`] when filling would copy far more cells than the sheet holds.
    pub(super) fn into_sheet(
        mut self,
        name: String,
        visibility: Visibility,
        date1904: bool,
    ) -> Result<Sheet, GridError> {
        self.fill_merges()?;
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        Ok(Sheet {
            name,
            visibility,
            rows: self.rows,
            merges: self.merges,
            date1904,
        })
    }

    /// Fills each merge; a large one only inside the area that holds data, since a merge
    /// reaching to the end of the sheet (whole-column merges exist) must not become a
    /// billion copies of one value.
    fn fill_merges(&mut self) -> Result<(), GridError> {
        let last_row = self.rows.len().saturating_sub(1) as u32;
        let last_col = self
            .rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .saturating_sub(1) as u32;
        let data_area = (u64::from(last_row) + 1) * (u64::from(last_col) + 1);
        let mut budget = data_area.max(1 << 20) * 2 + SMALL_MERGE * self.merges.len() as u64;
        for m in std::mem::take(&mut self.merges) {
            let (to_row, to_col) = if area(&m) <= SMALL_MERGE {
                (m.last_row, m.last_col)
            } else {
                (m.last_row.min(last_row), m.last_col.min(last_col))
            };
            let cells = (u64::from(to_row.saturating_sub(m.first_row)) + 1)
                * (u64::from(to_col.saturating_sub(m.first_col)) + 1);
            budget = budget
                .checked_sub(cells)
                .ok_or(GridError::OverlappingMerges)?;
            let top_left = self
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize));
            if let Some(value) = top_left.filter(|v| **v != Cell::Empty).cloned() {
                for row in m.first_row..=to_row {
                    for col in m.first_col..=to_col {
                        // Invariant: Grid::merge cut every range to Excel's limits.
                        let _ = self.set(row, col, value.clone());
                    }
                }
            }
            self.merges.push(m);
        }
        Ok(())
    }
}

fn area(m: &Merge) -> u64 {
    (u64::from(m.last_row - m.first_row) + 1) * (u64::from(m.last_col - m.first_col) + 1)
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
        let s = g
            .into_sheet("s".into(), Visibility::Visible, false)
            .unwrap();
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
        let s = g
            .into_sheet("s".into(), Visibility::Visible, false)
            .unwrap();
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.cell(1, 0), &text("x"));
        assert_eq!(s.cell(2, 0), &text("x"));
        assert_eq!(s.merges[0].last_row, MAX_ROWS - 1);
    }

    #[test]
    fn a_small_merge_past_the_data_is_filled_in_full() {
        let mut g = Grid::new();
        g.set(0, 0, text("附件1")).unwrap();
        g.merge(Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: 3,
        });
        let s = g
            .into_sheet("s".into(), Visibility::Visible, false)
            .unwrap();
        assert_eq!(s.rows[0], vec![text("附件1"); 4]);
    }

    #[test]
    fn overlapping_whole_sheet_merges_are_refused() {
        let mut g = Grid::new();
        for r in 0..1200 {
            g.set(r, 0, text("x")).unwrap();
            g.set(r, 1000, text("x")).unwrap();
        }
        for _ in 0..10 {
            g.merge(Merge {
                first_row: 0,
                first_col: 0,
                last_row: MAX_ROWS - 1,
                last_col: MAX_COLS - 1,
            });
        }
        let r = g.into_sheet("s".into(), Visibility::Visible, false);
        assert_eq!(r, Err(GridError::OverlappingMerges));
    }

    #[test]
    fn positions_beyond_excel_are_refused() {
        let mut g = Grid::new();
        assert_eq!(g.set(MAX_ROWS, 0, text("x")), Err(GridError::OutOfBounds));
        assert_eq!(g.set(0, MAX_COLS, text("x")), Err(GridError::OutOfBounds));
    }
}
