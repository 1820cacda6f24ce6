//! Column widths for Chinese text. rust_xlsxwriter's autofit counts a CJK character
//! as one digit wide; in 宋体 it is two (see `measure`). Widths are measured in Excel's
//! unit (the width of one digit of the default font) as cells are written: how wide each column's
//! longest line is, and for text that wraps the least it can take (its longest number,
//! date or word). They are applied once, when the workbook is saved.

use super::fit::Span;

/// The narrowest column written, enough for a two-digit 序号 and its padding.
pub(crate) const MIN_WIDTH: f64 = 5.0;
/// The widest column written; longer text wraps (annexes) or is cut off on screen.
pub(crate) const MAX_WIDTH: f64 = 60.0;
/// Room for the filter button of a data sheet's header, in units.
const PADDING: f64 = 1.0;
/// Excel's width of a column nobody set, for 宋体 11.
pub(crate) const DEFAULT_WIDTH: f64 = 8.38;

/// The widths seen in each column of one sheet, in units.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Widths {
    /// The widest line of each column.
    widest: Vec<Option<f64>>,
    /// The least each column can be: its widest text that cannot wrap.
    least: Vec<f64>,
}

impl Widths {
    /// Records that column `col` holds a value `natural` units wide on one line that
    /// needs at least `least` units.
    pub(crate) fn note(&mut self, col: u16, natural: f64, least: f64) {
        let col = usize::from(col);
        if self.widest.len() <= col {
            self.widest.resize(col + 1, None);
            self.least.resize(col + 1, 0.0);
        }
        let clean = |w: f64| if w.is_finite() { w.max(0.0) } else { 0.0 };
        let slot = &mut self.widest[col];
        *slot = Some(slot.map_or(clean(natural), |w| w.max(clean(natural))));
        self.least[col] = self.least[col].max(clean(least));
    }

    /// The widest value noted in column `col`; 0 before any.
    pub(crate) fn widest(&self, col: u16) -> f64 {
        self.widest
            .get(usize::from(col))
            .copied()
            .flatten()
            .unwrap_or(0.0)
    }

    /// Each column written to with its widths, padded and clamped to
    /// [`MIN_WIDTH`]..=[`MAX_WIDTH`], in column order.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (u16, Span)> + '_ {
        let clamp = |w: f64| (w + PADDING).clamp(MIN_WIDTH, MAX_WIDTH);
        self.widest.iter().enumerate().filter_map(move |(col, w)| {
            let natural = clamp(w.as_ref().copied()?);
            let least = clamp(self.least[col]).min(natural);
            // `widest` only grows through `note`, whose column is a u16.
            Some((
                u16::try_from(col).unwrap_or(u16::MAX),
                Span { natural, least },
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_padded_and_clamped() {
        let mut w = Widths::default();
        w.note(0, 1.0, 1.0);
        w.note(2, 20.0, 3.0);
        w.note(2, 8.0, 8.0);
        w.note(3, 500.0, 100.0);
        let got: Vec<_> = w.spans().map(|(c, s)| (c, s.natural, s.least)).collect();
        assert_eq!(
            got,
            vec![
                (0, MIN_WIDTH, MIN_WIDTH),
                (2, 21.0, 9.0),
                (3, MAX_WIDTH, MAX_WIDTH)
            ]
        );
    }
}
