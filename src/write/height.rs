//! Row heights for text that wraps. zwgk gives every workbook a default row height
//! (宋体 11, as Chinese Excel has it), and neither Excel nor LibreOffice then fits a row
//! to its text: a title merged across a table, or an annex cell of several lines, would
//! be cut off. Heights are worked out here from the text and the column widths, once
//! those are known, as `measure` says the text wraps.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::measure::{between_names, lines, row_height, to_pixels};
use super::styles::Style;
use super::width::DEFAULT_WIDTH;

/// How much room a line takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Leading {
    /// Titles, the `附件N` label and notes: 1.5 × the font size, Excel's own line height.
    Heading,
    /// Cells of a table: lines as close as the font allows, so that a page holds seed
    /// 001's 34 rows.
    Table,
}

impl Leading {
    /// The height in points of `lines` lines at `size` points.
    fn height(self, lines: u32, size: f64) -> f64 {
        match self {
            Leading::Heading => to_pixels(f64::from(lines.max(1)) * size * 1.5),
            Leading::Table => row_height(lines, size),
        }
    }
}

/// Text whose rows must be tall enough for it: a merged range, or one cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wrapped {
    pub rows: (u32, u32),
    pub cols: (u16, u16),
    pub text: String,
    /// The font size in points.
    pub size: f64,
    pub leading: Leading,
    /// For a list of names broken only between names, the cell's style: the cell is
    /// written again with the breaks once the widths are known.
    pub names: Option<Style>,
}

impl Wrapped {
    /// How wide its columns are, as `widths` say.
    pub(super) fn span(&self, widths: &BTreeMap<u16, f64>) -> f64 {
        (self.cols.0..=self.cols.1)
            .map(|c| widths.get(&c).copied().unwrap_or(DEFAULT_WIDTH))
            .sum()
    }

    /// The text as it prints in columns as wide as `widths` say: a list of names with
    /// its breaks between names.
    pub(super) fn text_at(&self, widths: &BTreeMap<u16, f64>) -> Cow<'_, str> {
        match self.names {
            Some(_) => between_names(&self.text, self.span(widths), self.size),
            None => Cow::Borrowed(&self.text),
        }
    }

    /// How many lines the text takes in columns as wide as `widths` say.
    fn line_count(&self, widths: &BTreeMap<u16, f64>) -> u32 {
        lines(&self.text_at(widths), self.span(widths), self.size)
    }
}

/// The height of every row that holds wrapped text: the tallest its texts need, a text
/// over several rows sharing its height among them.
pub(crate) fn heights(wrapped: &[Wrapped], widths: &BTreeMap<u16, f64>) -> BTreeMap<u32, f64> {
    let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
    for w in wrapped {
        let rows = f64::from(w.rows.1 - w.rows.0 + 1);
        let need = w.leading.height(w.line_count(widths), w.size) / rows;
        let height = to_pixels(need.max(w.leading.height(1, w.size)));
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

    fn cell(cols: (u16, u16), text: &str, rows: (u32, u32)) -> Wrapped {
        Wrapped {
            rows,
            cols,
            text: text.to_string(),
            size: 12.0,
            leading: Leading::Table,
            names: None,
        }
    }

    #[test]
    fn a_long_text_in_a_narrow_column_makes_its_row_taller() {
        let widths = BTreeMap::from([(0, 11.0), (1, 21.0)]);
        let long = "政务公开信息报送工作情况通报二十字整";
        let one = heights(&[cell((0, 0), "民政局", (0, 0))], &widths)[&0];
        let four = heights(&[cell((0, 0), long, (0, 0))], &widths)[&0];
        assert_eq!(one, 16.5);
        assert!(four > 3.0 * one, "{four}");
        // Spanning both columns, the same text takes fewer lines.
        let spanned = heights(&[cell((0, 1), long, (0, 0))], &widths)[&0];
        assert!(one < spanned && spanned < four, "{spanned}");
        // Each explicit line counts, even when short.
        let broken = heights(&[cell((1, 1), "第一\n第二", (0, 0))], &widths)[&0];
        assert!(broken > one);
    }

    #[test]
    fn a_text_over_several_rows_shares_its_height_and_the_tallest_cell_wins() {
        let widths = BTreeMap::from([(0, 5.0)]);
        let got = heights(
            &[
                cell((0, 0), "一二三四五六七八九十一二三四五六七八九十", (0, 3)),
                cell((1, 1), "短", (2, 2)),
            ],
            &widths,
        );
        assert_eq!(got.len(), 4);
        assert!(got[&0] > 16.5 && got[&0] == got[&3], "{got:?}");
    }
}
