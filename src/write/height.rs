//! Row heights for text that wraps. zwgk gives every workbook a default row height
//! (宋体 11, as Chinese Excel has it), and neither Excel nor LibreOffice then fits a row
//! to its text: a title merged across a table, or an annex cell of several lines, would
//! be cut off. Heights are worked out here from the text and the column widths, once
//! those are known, as `measure` says the text wraps.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::measure::{
    between_names, break_term, lines, merged_units, row_height, tidy_lines, to_pixels,
};
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
    pub(super) fn height(self, lines: u32, size: f64) -> f64 {
        match self {
            Leading::Heading => to_pixels(f64::from(lines.max(1)) * size * 1.5),
            Leading::Table => row_height(lines, size),
        }
    }
}

/// Where the tool breaks a text's lines itself, once the widths are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Breaking {
    /// Nowhere: the program that prints it wraps it.
    Program,
    /// A list of names, broken between names, a name too long for a line where a word
    /// ends ([`between_names`]).
    Names,
    /// An indicator's name, broken between its words ([`break_term`]).
    Terms,
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
    /// The cell's style, to write it again with the tool's line breaks.
    pub style: Style,
    pub breaking: Breaking,
}

impl Wrapped {
    /// How wide its columns are, as `widths` say, in units of one column's text: a
    /// merged range also holds the margins of the columns inside it.
    pub(super) fn span(&self, widths: &BTreeMap<u16, f64>) -> f64 {
        let units: f64 = (self.cols.0..=self.cols.1)
            .map(|c| widths.get(&c).copied().unwrap_or(DEFAULT_WIDTH))
            .sum();
        merged_units(units, self.cols.1 - self.cols.0 + 1)
    }

    /// The text as it prints in columns as wide as `widths` say: a list of names with
    /// its breaks between names, an indicator's name between words and, where `tidy`,
    /// with breaks of the tool's where LibreOffice would wrap it badly ([`tidy_lines`]).
    pub(super) fn text_at(&self, widths: &BTreeMap<u16, f64>, tidy: bool) -> Cow<'_, str> {
        self.text_in(self.span(widths), tidy)
    }

    /// The text as it prints in a span `units` wide (see [`Self::text_at`]).
    pub(super) fn text_in(&self, units: f64, tidy: bool) -> Cow<'_, str> {
        let fits = |line: &str| lines(line, units, self.size) == 1;
        let broken = match self.breaking {
            Breaking::Program => Cow::Borrowed(self.text.as_str()),
            Breaking::Names => between_names(&self.text, units, self.size),
            Breaking::Terms if self.text.lines().all(fits) => Cow::Borrowed(self.text.as_str()),
            Breaking::Terms => {
                let lines: Vec<Cow<str>> = self.text.lines().map(|l| break_term(l, fits)).collect();
                Cow::Owned(lines.join("\n"))
            }
        };
        // A table's cells and the notes under it: a title has its own breaks, a label
        // overflows its cell.
        if !tidy || !matches!(self.style, Style::Wrap(_) | Style::Note) {
            return broken;
        }
        match tidy_lines(&broken, units, self.size) {
            Cow::Borrowed(_) => broken,
            Cow::Owned(text) => Cow::Owned(text),
        }
    }

    /// How many lines the text takes in a span `units` wide.
    pub(super) fn lines_in(&self, units: f64, tidy: bool) -> u32 {
        lines(&self.text_in(units, tidy), units, self.size)
    }

    /// The height each of its rows needs for `lines` lines of its text.
    pub(super) fn row_height(&self, lines: u32) -> f64 {
        let rows = f64::from(self.rows.1 - self.rows.0 + 1);
        let need = self.leading.height(lines, self.size) / rows;
        to_pixels(need.max(self.leading.height(1, self.size)))
    }
}

/// The height of every row that holds wrapped text: the tallest its texts need, a text
/// over several rows sharing its height among them; with `tidy`, as the tool breaks
/// lines LibreOffice would wrap badly ([`tidy_lines`]).
pub(crate) fn heights(
    wrapped: &[Wrapped],
    widths: &BTreeMap<u16, f64>,
    tidy: bool,
) -> BTreeMap<u32, f64> {
    let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
    for w in wrapped {
        let row_height = w.row_height(w.lines_in(w.span(widths), tidy));
        for row in w.rows.0..=w.rows.1 {
            let h = heights.entry(row).or_insert(0.0);
            *h = h.max(row_height);
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
            style: Style::Wrap(super::super::Role::Body),
            breaking: Breaking::Program,
        }
    }

    #[test]
    fn a_long_text_in_a_narrow_column_makes_its_row_taller() {
        let widths = BTreeMap::from([(0, 11.0), (1, 21.0)]);
        let long = "政务公开信息报送工作情况通报二十字整";
        let one = heights(&[cell((0, 0), "民政局", (0, 0))], &widths, false)[&0];
        let four = heights(&[cell((0, 0), long, (0, 0))], &widths, false)[&0];
        assert_eq!(one, 16.5);
        assert!(four > 3.0 * one, "{four}");
        // Spanning both columns, the same text takes fewer lines.
        let spanned = heights(&[cell((0, 1), long, (0, 0))], &widths, false)[&0];
        assert!(one < spanned && spanned < four, "{spanned}");
        // Each explicit line counts, even when short.
        let broken = heights(&[cell((1, 1), "第一\n第二", (0, 0))], &widths, false)[&0];
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
            false,
        );
        assert_eq!(got.len(), 4);
        assert!(got[&0] > 16.5 && got[&0] == got[&3], "{got:?}");
    }
}
