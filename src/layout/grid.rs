//! A read-only view of a sheet that knows which cells belong to merged ranges.
//!
//! The read stage copies a merged value into every cell of its range. That is right
//! for a unit name merged down over several rows, but a label or total merged across
//! columns must count once, at its first column: the "continuation" cells here.

use std::borrow::Cow;

use super::labels::is_space;
use crate::read::{Cell, Merge, Sheet};

pub(super) struct Grid<'a> {
    sheet: &'a Sheet,
    /// For each row, the merges that cover it (usually none).
    merges_by_row: Vec<Vec<Merge>>,
}

impl<'a> Grid<'a> {
    pub(super) fn new(sheet: &'a Sheet) -> Self {
        let mut merges_by_row = vec![Vec::new(); sheet.rows.len()];
        for m in &sheet.merges {
            if m.first_row > m.last_row || m.first_col > m.last_col {
                continue;
            }
            // Clipped to the grid, so a merge declared over a million rows costs nothing.
            let last = (m.last_row as usize).min(sheet.rows.len().saturating_sub(1));
            for row in merges_by_row
                .iter_mut()
                .take(last + 1)
                .skip(m.first_row as usize)
            {
                row.push(*m);
            }
        }
        Self {
            sheet,
            merges_by_row,
        }
    }

    pub(super) fn sheet(&self) -> &'a Sheet {
        self.sheet
    }

    /// How many rows the sheet has.
    pub(super) fn height(&self) -> u32 {
        u32::try_from(self.sheet.rows.len()).unwrap_or(u32::MAX)
    }

    fn width(&self, row: u32) -> u32 {
        let len = self.sheet.rows.get(row as usize).map_or(0, Vec::len);
        u32::try_from(len).unwrap_or(u32::MAX)
    }

    pub(super) fn cell(&self, row: u32, col: u32) -> &'a Cell {
        self.sheet.cell(row, col)
    }

    /// The cell's text as a reader sees it, trimmed of every kind of space.
    pub(super) fn text(&self, row: u32, col: u32) -> String {
        self.text_ref(row, col).into_owned()
    }

    /// [`Grid::text`], borrowed from the sheet when the cell holds text.
    pub(super) fn text_ref(&self, row: u32, col: u32) -> Cow<'a, str> {
        match self.cell(row, col) {
            Cell::Text(s) | Cell::Error(s) => Cow::Borrowed(s.trim_matches(is_space)),
            other => Cow::Owned(other.text().trim_matches(is_space).to_string()),
        }
    }

    /// Whether a cell holds nothing but spaces (cheaper than `text` on every data cell).
    pub(super) fn is_blank(&self, row: u32, col: u32) -> bool {
        match self.cell(row, col) {
            Cell::Empty => true,
            Cell::Text(s) | Cell::Error(s) => s.chars().all(is_space),
            _ => false,
        }
    }

    /// The merged range covering a cell, if any.
    pub(super) fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges_by_row
            .get(row as usize)?
            .iter()
            .find(|m| (m.first_col..=m.last_col).contains(&col))
    }

    /// The merges covering a row.
    pub(super) fn merges_in_row(&self, row: u32) -> &[Merge] {
        self.merges_by_row
            .get(row as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Whether a cell only repeats the value of a merge that starts further left.
    pub(super) fn is_continuation(&self, row: u32, col: u32) -> bool {
        self.merge_at(row, col).is_some_and(|m| m.first_col < col)
    }

    /// The row's non-empty cells that are not continuations, with their text, left to right.
    pub(super) fn own_texts(&self, row: u32) -> Vec<(u32, String)> {
        self.own_cols(row)
            .into_iter()
            .map(|c| (c, self.text(row, c)))
            .collect()
    }

    /// How many of the row's cells are non-empty and not continuations, counted up to
    /// `most` + 1: whether it has more than `most`.
    pub(super) fn more_cells_than(&self, row: u32, most: usize) -> bool {
        (0..self.width(row))
            .filter(|&c| !self.is_blank(row, c) && !self.is_continuation(row, c))
            .nth(most)
            .is_some()
    }

    /// The columns of the row's non-empty cells that are not continuations, left to right.
    pub(super) fn own_cols(&self, row: u32) -> Vec<u32> {
        (0..self.width(row))
            .filter(|&c| !self.is_blank(row, c) && !self.is_continuation(row, c))
            .collect()
    }

    /// Whether any cell of the sheet holds something.
    pub(super) fn has_content(&self) -> bool {
        (0..self.height()).any(|r| (0..self.width(r)).any(|c| !self.is_blank(r, c)))
    }
}
