//! Row heights for text that wraps. zwgk gives every workbook a default row height
//! (宋体 11, as Chinese Excel has it), and neither Excel nor LibreOffice then fits a row
//! to its text: a title merged across a table, or an annex cell of several lines, would
//! be cut off. Heights are estimated here from the text's width and the column widths,
//! once those are known.

use std::collections::BTreeMap;

use super::width::DEFAULT_WIDTH;

/// How much room a line takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Leading {
    /// Titles, the `附件N` label and notes: 1.5 × the font size, Excel's own line height.
    Heading,
    /// Cells of an annex table: lines set closer, so that a page holds seed 001's 34
    /// rows, with a little air above and below.
    Table,
}

impl Leading {
    /// The height in points of `lines` lines at `size` points.
    fn height(self, lines: f64, size: f64) -> f64 {
        match self {
            Leading::Heading => lines * size * 1.5,
            Leading::Table => size * (1.25 * lines + 0.1),
        }
    }
}

/// Text whose rows must be tall enough for it: a merged range, or one cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wrapped {
    pub rows: (u32, u32),
    pub cols: (u16, u16),
    /// The width of each line of the text (split at line breaks), in units of the
    /// default font's digit.
    pub lines: Vec<f64>,
    /// The font size in points.
    pub size: f64,
    pub leading: Leading,
}

/// What a cell's inner margins take from its width, in digits.
const CELL_MARGIN: f64 = 1.0;
/// Widths are measured with a CJK character two digits wide at 11 pt (see `width`),
/// which errs wide for column widths. In Chinese Excel a width unit is 8 pixels (a 宋体
/// 11 digit) and a 12 pt character 16 pixels: text really takes 11/12 of the measure,
/// and counting lines with the measure itself would add lines nobody sees.
const SHOWN: f64 = 11.0 / 12.0;

impl Wrapped {
    /// How many lines the text takes in columns as wide as `widths` say.
    fn line_count(&self, widths: &BTreeMap<u16, f64>) -> f64 {
        let span: f64 = (self.cols.0..=self.cols.1)
            .map(|c| widths.get(&c).copied().unwrap_or(DEFAULT_WIDTH))
            .sum();
        let room = (span - CELL_MARGIN).max(1.0);
        self.lines
            .iter()
            .map(|w| (w * SHOWN / room).ceil().max(1.0))
            .sum::<f64>()
            .max(1.0)
    }
}

/// The height of every row that holds wrapped text: the tallest its texts need, a text
/// over several rows sharing its height among them. Rounded up to half points.
pub(crate) fn heights(wrapped: &[Wrapped], widths: &BTreeMap<u16, f64>) -> BTreeMap<u32, f64> {
    let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
    for w in wrapped {
        let rows = f64::from(w.rows.1 - w.rows.0 + 1);
        let need = w.leading.height(w.line_count(widths), w.size) / rows;
        let height = need.max(w.leading.height(1.0, w.size));
        let height = (height * 2.0).ceil() / 2.0;
        for row in w.rows.0..=w.rows.1 {
            let h = heights.entry(row).or_insert(0.0);
            *h = h.max(height);
        }
    }
    heights
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(cols: (u16, u16), lines: &[f64], rows: (u32, u32)) -> Wrapped {
        Wrapped {
            rows,
            cols,
            lines: lines.to_vec(),
            size: 12.0,
            leading: Leading::Table,
        }
    }

    #[test]
    fn a_long_text_in_a_narrow_column_makes_its_row_taller() {
        let widths = BTreeMap::from([(0, 11.0), (1, 21.0)]);
        let one = heights(&[cell((0, 0), &[6.0], (0, 0))], &widths)[&0];
        let four = heights(&[cell((0, 0), &[40.0], (0, 0))], &widths)[&0];
        assert_eq!(one, 16.5);
        assert!(four > 3.5 * one, "{four}");
        // Spanning both columns, the same text fits on two lines.
        let two = heights(&[cell((0, 1), &[40.0], (0, 0))], &widths)[&0];
        assert!(one < two && two < four, "{two}");
        // Each explicit line counts, even when short.
        let broken = heights(&[cell((1, 1), &[4.0, 4.0], (0, 0))], &widths)[&0];
        assert!(broken > one);
    }

    #[test]
    fn a_text_over_several_rows_shares_its_height_and_the_tallest_cell_wins() {
        let widths = BTreeMap::from([(0, 5.0)]);
        let got = heights(
            &[cell((0, 0), &[40.0], (0, 3)), cell((1, 1), &[2.0], (2, 2))],
            &widths,
        );
        assert_eq!(got.len(), 4);
        assert!(got[&0] > 16.5 && got[&0] == got[&3], "{got:?}");
    }
}
