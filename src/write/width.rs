//! Column widths for Chinese text. rust_xlsxwriter's autofit counts a CJK character
//! as one digit wide; in 宋体 it is two. Widths are measured in Excel's unit (the
//! width of one digit of the default font) as cells are written, and applied once,
//! clamped, when the workbook is saved.

use std::collections::BTreeMap;

use unicode_width::UnicodeWidthStr;

/// The width of `text` in Excel character units: a CJK character (and, as Chinese
/// fonts draw them, “ ” — … ·) counts two digits, ASCII one; for text with line
/// breaks, the widest line.
pub(crate) fn text_width(text: &str) -> f64 {
    text.lines()
        .map(UnicodeWidthStr::width_cjk)
        .max()
        .unwrap_or(0) as f64
}

/// The narrowest column written, enough for a two-digit 序号 and its padding.
pub(crate) const MIN_WIDTH: f64 = 5.0;
/// The widest column written; longer text wraps (annexes) or is cut off on screen.
pub(crate) const MAX_WIDTH: f64 = 60.0;
/// Room for the cell's inner margins and the filter button of a header.
const PADDING: f64 = 2.0;
/// Excel's width of a column nobody set, for 宋体 11.
pub(crate) const DEFAULT_WIDTH: f64 = 8.38;

/// Pixels of one width unit in Chinese Excel, whose default font 宋体 11 has digits 8
/// pixels wide, and the pixels every column adds for its margins.
pub(crate) const DIGIT_PX: f64 = 8.0;
pub(crate) const COLUMN_PADDING_PX: f64 = 5.0;
/// Screen pixels per millimetre (96 dpi), the scale Excel prints pixels at.
pub(crate) const PX_PER_MM: f64 = 96.0 / 25.4;
/// How much of the page a widened table fills: a little room for fonts that print wider.
const FILL: f64 = 0.98;

/// Widens columns `0..=last_col` in proportion until together they fill a type area
/// `room_mm` wide; a table already as wide is left alone (printing fits it to the page).
/// An annex narrower than the page looks unfinished and wraps its title needlessly.
pub(crate) fn fill(widths: &mut BTreeMap<u16, f64>, last_col: u16, room_mm: f64) {
    let cols = f64::from(last_col) + 1.0;
    let units: f64 = (0..=last_col)
        .map(|c| *widths.entry(c).or_insert(DEFAULT_WIDTH))
        .sum();
    let room_px = room_mm * PX_PER_MM * FILL - cols * COLUMN_PADDING_PX;
    let need_px = units * DIGIT_PX;
    if units > 0.0 && need_px < room_px {
        let factor = room_px / need_px;
        for c in 0..=last_col {
            if let Some(w) = widths.get_mut(&c) {
                *w = (*w * factor * 10.0).floor() / 10.0;
            }
        }
    }
}

/// The widest value seen in each column of one sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Widths {
    widest: Vec<Option<f64>>,
}

impl Widths {
    /// Records that column `col` holds a value `width` units wide.
    pub(crate) fn note(&mut self, col: u16, width: f64) {
        let col = usize::from(col);
        if self.widest.len() <= col {
            self.widest.resize(col + 1, None);
        }
        let width = if width.is_finite() {
            width.max(0.0)
        } else {
            0.0
        };
        let slot = &mut self.widest[col];
        *slot = Some(slot.map_or(width, |w| w.max(width)));
    }

    /// The widest value noted in column `col`; 0 before any.
    pub(crate) fn widest(&self, col: u16) -> f64 {
        self.widest
            .get(usize::from(col))
            .copied()
            .flatten()
            .unwrap_or(0.0)
    }

    /// The width to give each column written to, padded and clamped to
    /// [`MIN_WIDTH`]..=[`MAX_WIDTH`], in column order.
    pub(crate) fn clamped(&self) -> impl Iterator<Item = (u16, f64)> + '_ {
        self.widest.iter().enumerate().filter_map(|(col, w)| {
            let width = (w.as_ref()? + PADDING).clamp(MIN_WIDTH, MAX_WIDTH);
            // `widest` only grows through `note`, whose column is a u16.
            Some((u16::try_from(col).unwrap_or(u16::MAX), width.ceil()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cjk_character_counts_two_digits() {
        assert_eq!(text_width("12345"), 5.0);
        assert_eq!(text_width("民政局"), 6.0);
        assert_eq!(text_width("２０２６年"), 10.0);
        assert_eq!(text_width("“通知”—"), 10.0);
        assert_eq!(text_width("第一行\n长一些的第二行"), 14.0);
        assert_eq!(text_width(""), 0.0);
    }

    #[test]
    fn a_narrow_table_is_widened_to_the_page_in_proportion() {
        let mut w = BTreeMap::from([(0, 5.0), (1, 20.0), (2, 15.0)]);
        fill(&mut w, 2, 156.0);
        let px: f64 = w.values().map(|u| u * DIGIT_PX + COLUMN_PADDING_PX).sum();
        let room = 156.0 * PX_PER_MM;
        assert!(px <= room * FILL && px > room * FILL - 3.0, "{px} {room}");
        assert!((w[&1] / w[&0] - 4.0).abs() < 0.05, "{w:?}");
        // A table wider than the page keeps its widths.
        let mut wide = BTreeMap::from([(0, 60.0), (1, 60.0)]);
        fill(&mut wide, 1, 156.0);
        assert_eq!(wide[&0], 60.0);
    }

    #[test]
    fn widths_are_padded_and_clamped() {
        let mut w = Widths::default();
        w.note(0, 1.0);
        w.note(2, 20.0);
        w.note(2, 8.0);
        w.note(3, 500.0);
        let got: Vec<_> = w.clamped().collect();
        assert_eq!(got, vec![(0, MIN_WIDTH), (2, 22.0), (3, MAX_WIDTH)]);
    }
}
