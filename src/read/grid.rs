//! A sheet grid built from cells given at absolute positions, with merged ranges filled.
//!
//! Every reader (workbook, HTML, SpreadsheetML, ODS, delimited text) ends here, so merges
//! are filled the same way whatever the format, and the memory a file may take is bounded
//! the same way: by the cells it really holds, never by what it declares.

use super::failure::{Beyond, Damage, Failure, Oversize};
use super::{Cell, Merge, Sheet, Visibility};
use crate::config::Limits;

/// Excel's own limits; a position beyond them is a damaged or hostile file.
pub(crate) const MAX_ROWS: u32 = 1_048_576;
pub(crate) const MAX_COLS: u32 = 16_384;

/// A merge no larger than this is filled in full, even past the cells that hold data
/// (a title merged across an empty column); a larger one only over the data.
const SMALL_MERGE: u64 = 4096;

/// Slots (cells a ragged row must hold up to its last value, and one per row) a sheet
/// may take whatever it holds: a stray value in the last cell of a sheet fits.
const SPARSE_FLOOR: u64 = 2 << 20;
/// Beyond the floor, slots may be at most this many times the cells that hold something.
const SPARSE_FACTOR: u64 = 16;

/// What the rest of one file may still take: cells and bytes of text. Shared by all the
/// sheets of a file, so that a thousand sheets cost no more than one big one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Budget {
    cells: u64,
    text: u64,
    limits: (u64, u64),
}

impl Budget {
    /// The whole budget of one file under `limits` (`cells`, and `text_mib` of text).
    pub(crate) fn of(limits: &Limits) -> Self {
        let text = limits.text_mib.saturating_mul(1 << 20);
        Self {
            cells: limits.cells,
            text,
            limits: (limits.cells, limits.text_mib),
        }
    }

    /// Takes `cells` more cells.
    ///
    /// # Errors
    /// [`Oversize::Cells`] when the file would hold more than its limit.
    pub(crate) fn take_cells(&mut self, cells: u64) -> Result<(), Failure> {
        self.cells = self.cells.checked_sub(cells).ok_or(Oversize::Cells {
            cells: self.limits.0.saturating_add(1),
            limit: self.limits.0,
        })?;
        Ok(())
    }

    /// Takes `bytes` more bytes of text.
    ///
    /// # Errors
    /// [`Oversize::CellText`] when the file's cells would hold more text than its limit.
    pub(crate) fn take_text(&mut self, bytes: u64) -> Result<(), Failure> {
        self.text = self.text.checked_sub(bytes).ok_or(Oversize::CellText {
            bytes: self.limits.1.saturating_mul(1 << 20).saturating_add(1),
            limit_mib: self.limits.1,
        })?;
        Ok(())
    }
}

/// Cells of one sheet at absolute positions, and its merged ranges.
#[derive(Debug)]
pub(crate) struct Grid {
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
    budget: Budget,
    /// Cells that hold something.
    present: u64,
    /// Slots taken: row lengths and one per row.
    slots: u64,
}

impl Grid {
    /// An empty grid that may take what `budget` allows.
    pub(super) fn new(budget: Budget) -> Self {
        Self {
            rows: Vec::new(),
            merges: Vec::new(),
            budget,
            present: 0,
            slots: 0,
        }
    }

    /// Puts a cell at 0-based (`row`, `col`); an empty cell reserves nothing.
    ///
    /// # Errors
    /// [`Beyond::Position`] beyond Excel's limits, [`Beyond::Sparse`] when the sheet
    /// would hold far more empty cells than full ones, and [`Failure::TooLarge`] when the
    /// file would hold more cells or text than its limits.
    pub(super) fn set(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Failure> {
        check_position(u64::from(row), u64::from(col))?;
        if cell == Cell::Empty {
            return Ok(());
        }
        let (r, c) = (row as usize, col as usize);
        let grown = (r + 1).saturating_sub(self.rows.len())
            + self
                .rows
                .get(r)
                .map_or(c + 1, |l| (c + 1).saturating_sub(l.len()));
        if grown > 0 {
            self.grow(grown as u64)?;
        }
        if let Cell::Text(text) | Cell::Error(text) | Cell::Formula(text) = &cell {
            // A text shared with another cell (the one above, a merge) costs nothing more.
            if std::sync::Arc::strong_count(text) == 1 {
                self.budget.take_text(text.len() as u64)?;
            }
        }
        if self.rows.len() <= r {
            self.rows.resize_with(r + 1, Vec::new);
        }
        let line = &mut self.rows[r];
        if line.len() <= c {
            line.resize(c + 1, Cell::Empty);
        }
        if line[c] == Cell::Empty {
            self.present += 1;
        }
        line[c] = cell;
        Ok(())
    }

    /// Puts a text at 0-based (`row`, `col`), sharing the text of the cell above when it is
    /// the same (the unit or section of every row of a file).
    ///
    /// # Errors
    /// As [`Grid::set`].
    pub(super) fn set_text(&mut self, row: u32, col: u32, text: &str) -> Result<(), Failure> {
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

    /// Takes `slots` more slots, or says why the sheet cannot have them.
    fn grow(&mut self, slots: u64) -> Result<(), Failure> {
        self.slots += slots;
        if self.slots > SPARSE_FLOOR + SPARSE_FACTOR * (self.present + 1) {
            let width = self.rows.iter().map(Vec::len).max().unwrap_or(0) as u64;
            return Err(Beyond::Sparse {
                present: self.present + 1,
                area: (self.rows.len() as u64).max(1) * width.max(1) + slots,
            }
            .into());
        }
        self.budget.take_cells(slots)
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

    /// The finished sheet, every cell of each merged range holding its top-left value,
    /// and what the rest of the file may still take.
    ///
    /// # Errors
    /// [`Damage::OverlappingMerges`] when filling would copy far more cells than the sheet
    /// holds; as [`Grid::set`] when the filled cells break a limit.
    pub(super) fn into_sheet(
        mut self,
        name: String,
        visibility: Visibility,
        date1904: bool,
    ) -> Result<(Sheet, Budget), Failure> {
        self.fill_merges()?;
        while self.rows.last().is_some_and(Vec::is_empty) {
            self.rows.pop();
        }
        let sheet = Sheet {
            name,
            visibility,
            rows: self.rows,
            merges: self.merges,
            date1904,
            hidden_rows: Vec::new(),
            links: Vec::new(),
        };
        Ok((sheet, self.budget))
    }

    /// Fills each merge; a large one only inside the area that holds data, since a merge
    /// reaching to the end of the sheet (whole-column merges exist) must not become a
    /// billion copies of one value.
    fn fill_merges(&mut self) -> Result<(), Failure> {
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
            budget = budget.checked_sub(cells).ok_or(Damage::OverlappingMerges)?;
            let top_left = self
                .rows
                .get(m.first_row as usize)
                .and_then(|r| r.get(m.first_col as usize));
            if let Some(value) = top_left.filter(|v| **v != Cell::Empty).cloned() {
                for row in m.first_row..=to_row {
                    for col in m.first_col..=to_col {
                        self.set(row, col, value.clone())?;
                    }
                }
            }
            self.merges.push(m);
        }
        Ok(())
    }
}

/// [`Beyond::Position`] for a 0-based position past row 1,048,576 or column XFD.
pub(super) fn check_position(row: u64, col: u64) -> Result<(), Beyond> {
    if row >= u64::from(MAX_ROWS) || col >= u64::from(MAX_COLS) {
        Err(Beyond::Position { row, col })
    } else {
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

    fn grid() -> Grid {
        Grid::new(Budget::of(&Limits::default()))
    }

    fn sheet(g: Grid) -> Result<Sheet, Failure> {
        g.into_sheet("s".into(), Visibility::Visible, false)
            .map(|(s, _)| s)
    }

    #[test]
    fn merges_are_filled_from_the_top_left_cell() {
        let mut g = grid();
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
        let s = sheet(g).unwrap();
        assert_eq!(s.cell(0, 1), &text("附件1"));
        assert_eq!(s.cell(3, 0), &text("民政局"));
        assert_eq!(s.merges.len(), 2);
    }

    #[test]
    fn a_whole_column_merge_is_filled_only_where_there_is_data() {
        let mut g = grid();
        g.set(0, 0, text("x")).unwrap();
        g.set(2, 0, text("y")).unwrap();
        g.merge(Merge {
            first_row: 0,
            first_col: 0,
            last_row: MAX_ROWS + 5,
            last_col: 0,
        });
        let s = sheet(g).unwrap();
        assert_eq!(s.rows.len(), 3);
        assert_eq!(s.cell(1, 0), &text("x"));
        assert_eq!(s.cell(2, 0), &text("x"));
        assert_eq!(s.merges[0].last_row, MAX_ROWS - 1);
    }

    #[test]
    fn a_small_merge_past_the_data_is_filled_in_full() {
        let mut g = grid();
        g.set(0, 0, text("附件1")).unwrap();
        g.merge(Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: 3,
        });
        let s = sheet(g).unwrap();
        assert_eq!(s.rows[0], vec![text("附件1"); 4]);
    }

    #[test]
    fn overlapping_whole_sheet_merges_are_refused() {
        let mut g = grid();
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
        assert_eq!(
            sheet(g).unwrap_err(),
            Failure::Damaged(Damage::OverlappingMerges)
        );
    }

    #[test]
    fn positions_beyond_excel_are_refused() {
        let mut g = grid();
        let beyond = |row, col| Failure::Beyond(Beyond::Position { row, col });
        assert_eq!(g.set(MAX_ROWS, 0, text("x")), Err(beyond(1_048_576, 0)));
        assert_eq!(g.set(0, MAX_COLS, text("x")), Err(beyond(0, 16_384)));
    }

    #[test]
    fn a_stray_value_in_the_last_cell_of_a_sheet_is_held() {
        let mut g = grid();
        g.set(0, 0, text("单位")).unwrap();
        g.set(MAX_ROWS - 1, MAX_COLS - 1, text("x")).unwrap();
        assert_eq!(sheet(g).unwrap().rows.len(), MAX_ROWS as usize);
    }

    // Issue 19: 50,000 rows with one cell each in column XFD asked for 4 GB.
    #[test]
    fn a_value_in_column_xfd_on_every_row_is_refused_early() {
        let mut g = grid();
        let mut refused = None;
        for r in 0..50_000 {
            if let Err(e) = g.set(r, MAX_COLS - 1, text("x")) {
                refused = Some((r, e));
                break;
            }
        }
        let (row, e) = refused.unwrap();
        assert!(row < 200, "{row}");
        assert!(matches!(e, Failure::Beyond(Beyond::Sparse { .. })), "{e:?}");
    }

    #[test]
    fn the_cells_limit_is_shared_by_every_sheet_of_a_file() {
        let limits = Limits {
            cells: 1_000,
            ..Limits::default()
        };
        let mut budget = Budget::of(&limits);
        let mut refused = None;
        for n in 0..10 {
            let mut g = Grid::new(budget);
            let filled = (0..300).try_for_each(|r| g.set(r, 0, Cell::Number(1.0)));
            match filled.and_then(|()| g.into_sheet(format!("s{n}"), Visibility::Visible, false)) {
                Ok((_, left)) => budget = left,
                Err(e) => {
                    refused = Some((n, e));
                    break;
                }
            }
        }
        let (n, e) = refused.unwrap();
        assert_eq!(n, 1);
        assert!(
            matches!(e, Failure::TooLarge(Oversize::Cells { .. })),
            "{e:?}"
        );
    }

    #[test]
    fn text_shared_between_cells_is_counted_once() {
        let limits = Limits {
            text_mib: 1,
            ..Limits::default()
        };
        let big: std::sync::Arc<str> = "字".repeat(100_000).into();
        let mut g = Grid::new(Budget::of(&limits));
        for r in 0..100 {
            g.set(r, 0, Cell::Text(big.clone())).unwrap();
        }
        for r in 0..100 {
            let copy = Cell::Text(big.to_string().into());
            if let Err(e) = g.set(r, 1, copy) {
                assert!(r >= 3, "{r}");
                assert!(matches!(e, Failure::TooLarge(Oversize::CellText { .. })));
                return;
            }
        }
        panic!("100 copies of 300 KB passed a 1 MiB limit");
    }
}
