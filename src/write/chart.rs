//! A native Excel bar chart of values already on a sheet, such as completion by
//! unit on 完成情况: horizontal bars, the first category at the top, a Chinese
//! title, the value axis as `0%`, 宋体 throughout.

use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartDataLabel, ChartFont, ChartType};

use super::WriteError;
use super::{SONG, Sheet};

/// One column of cells on the same sheet, rows `first_row..=last_row` (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub col: u16,
    pub first_row: u32,
    pub last_row: u32,
}

/// A horizontal bar chart of `values` against `categories`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BarChart<'a> {
    /// Such as 各单位目标任务完成率.
    pub title: &'a str,
    /// The category names, such as the unit names.
    pub categories: Span,
    /// The values, ratios shown as percentages.
    pub values: Span,
    /// The cell at the chart's top-left corner (row, column).
    pub at: (u32, u16),
}

/// Pixel height per bar, so that 64 units stay legible.
const PX_PER_BAR: u32 = 18;
const MIN_HEIGHT_PX: u32 = 300;
const WIDTH_PX: u32 = 640;

impl Sheet<'_> {
    /// Adds `chart` to this sheet, referring to cells of this sheet.
    ///
    /// # Errors
    /// [`WriteError`] when the anchor is outside the sheet.
    pub(crate) fn bar_chart(&mut self, chart: &BarChart<'_>) -> Result<(), WriteError> {
        let built = build(self.name(), chart);
        let (row, col) = chart.at;
        self.with_ws(|ws| ws.insert_chart(row, col, &built).map(drop))
    }
}

fn font(size: f64, bold: bool) -> ChartFont {
    let mut font = ChartFont::new();
    font.set_name(SONG).set_size(size);
    if bold {
        font.set_bold();
    } else {
        font.unset_bold();
    }
    font
}

fn build(sheet: &str, spec: &BarChart<'_>) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    let (c, v) = (spec.categories, spec.values);
    let mut labels = ChartDataLabel::new();
    labels
        .show_value()
        .set_num_format("0%")
        .set_font(&font(9.0, false));
    chart
        .add_series()
        .set_name(spec.title)
        .set_categories((sheet, c.first_row, c.col, c.last_row, c.col))
        .set_values((sheet, v.first_row, v.col, v.last_row, v.col))
        .set_data_label(&labels);
    chart
        .title()
        .set_name(spec.title)
        .set_font(&font(14.0, true));
    chart
        .x_axis()
        .set_num_format("0%")
        .set_min(0.0)
        .set_font(&font(10.0, false));
    // Reversed so that the first category is on top, as on the sheet; the value
    // axis then crosses at the last category, which keeps it at the bottom.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max)
        .set_font(&font(10.0, false));
    chart.legend().set_hidden();
    let bars = v.last_row.saturating_sub(v.first_row) + 1;
    chart
        .set_width(WIDTH_PX)
        .set_height((bars * PX_PER_BAR + 120).max(MIN_HEIGHT_PX));
    chart
}
