//! Native Excel charts of completion by unit, each the size of a printed page: columns of
//! each unit's completion, the 序时进度 (pro-rata) line across them, and every unit's
//! name under its column. A chart holds as many units as leave each name room to be
//! printed (LibreOffice drops names that would touch); more units go on to the next
//! chart, the next page. The chart's figures sit beside the printed area, on screen.

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFont, ChartLegendPosition, ChartLine, ChartType,
};

use super::{SONG, Sheet, Value, WriteError};

/// What a chart shows for one unit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar<'a> {
    pub unit: &'a str,
    /// Year-to-date completion, a ratio.
    pub completion: f64,
    /// The pro-rata expectation as a ratio of the target.
    pub expected: f64,
}

/// Pixels of the chart's width and height: an A4 landscape page inside the margins of a
/// data sheet (277 × 177 mm) is 1047 × 669 pixels.
const WIDTH_PX: u32 = 1000;
/// Rows of 18 pixels a page is counted in (177 mm hold 37, with no room to spare), and
/// the rows a chart takes of them.
const PAGE_ROWS: u32 = 36;
const CHART_ROWS: u32 = 35;
const ROW_PX: u32 = 18;
/// Columns of 72 pixels the printed area spans: 1008 pixels, the chart's width.
const PRINTED_COLS: u16 = 14;
/// Where the figures go, right of the printed area.
const DATA_COL: u16 = 15;
/// The fewest pixels a unit's column may have: room for its name, printed upright at
/// 10 pt, beside the next.
const SLOT_PX: u32 = 18;
/// Pixels of the chart's width its plot area has for the columns.
const PLOT_PX: u32 = 880;
/// Above this many units a chart has no room to print each value on its column.
const LABELLED: usize = 36;

impl Sheet<'_> {
    /// Writes completion charts of `bars` titled `title`, one per printed page of a
    /// landscape sheet, with their figures beside the printed area.
    ///
    /// # Errors
    /// [`WriteError`] when a cell, a chart or a print setting is refused.
    pub(crate) fn completion_charts(
        &mut self,
        title: &str,
        bars: &[Bar<'_>],
    ) -> Result<(), WriteError> {
        // Plain cells: a header row that wraps would be taller than the rows a page of
        // charts is counted in.
        for (col, label) in (DATA_COL..).zip(["单位", "完成率", "序时进度"]) {
            self.write(0, col, label, super::Role::Body)?;
        }
        for (row, bar) in (1u32..).zip(bars) {
            self.write(row, DATA_COL, bar.unit, super::Role::Body)?;
            self.write(
                row,
                DATA_COL + 1,
                Value::percent(bar.completion),
                super::Role::Body,
            )?;
            self.write(
                row,
                DATA_COL + 2,
                Value::percent(bar.expected),
                super::Role::Body,
            )?;
        }
        let chunks = chunks(bars.len());
        let name = self.name().to_string();
        let mut first = 1u32;
        for (page, &n) in (0u32..).zip(&chunks) {
            let title = match chunks.len() {
                1 => title.to_string(),
                all => format!("{title}（{}/{all}）", page + 1),
            };
            let chart = build(&name, &title, (first, first + n as u32 - 1), n <= LABELLED);
            self.with_ws(|ws| ws.insert_chart(page * PAGE_ROWS, 0, &chart).map(drop))?;
            first += n as u32;
        }
        let pages = chunks.len() as u32;
        let breaks: Vec<u32> = (1..pages).map(|p| p * PAGE_ROWS).collect();
        self.with_ws(|ws| {
            ws.set_print_area(0, 0, pages * PAGE_ROWS - 1, PRINTED_COLS - 1)?;
            ws.set_print_scale(100);
            if !breaks.is_empty() {
                ws.set_page_breaks(&breaks)?;
            }
            Ok(())
        })
    }
}

/// How many units each chart takes: as few charts as give every unit its room, the
/// units shared out evenly.
fn chunks(units: usize) -> Vec<usize> {
    let most = (PLOT_PX / SLOT_PX) as usize;
    let charts = units.div_ceil(most).max(1);
    (0..charts)
        .map(|i| units / charts + usize::from(i < units % charts))
        .collect()
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

/// A chart of the figures in rows `rows` of the sheet `sheet`.
fn build(sheet: &str, title: &str, rows: (u32, u32), labelled: bool) -> Chart {
    let column = |col: u16| (sheet, rows.0, col, rows.1, col);
    let mut chart = Chart::new(ChartType::Column);
    let series = chart
        .add_series()
        .set_name("完成率")
        .set_categories(column(DATA_COL))
        .set_values(column(DATA_COL + 1))
        .set_gap(60);
    if labelled {
        let mut labels = ChartDataLabel::new();
        labels
            .show_value()
            // As 完成情况 prints it: 82.7% and 83.5% are not both 83%.
            .set_num_format("0.0%")
            .set_font(&font(8.0, false));
        series.set_data_label(&labels);
    }
    let mut line = Chart::new(ChartType::Line);
    line.add_series()
        .set_name("序时进度")
        .set_categories(column(DATA_COL))
        .set_values(column(DATA_COL + 2))
        .set_format(ChartLine::new().set_color("#C00000").set_width(2.0));
    chart.combine(&line);
    chart.title().set_name(title).set_font(&font(14.0, true));
    let mut names = font(10.0, false);
    names.set_rotation(-90);
    chart.x_axis().set_font(&names);
    chart
        .y_axis()
        .set_num_format("0%")
        .set_min(0.0)
        .set_font(&font(10.0, false));
    chart
        .legend()
        .set_position(ChartLegendPosition::Top)
        .set_font(&font(10.0, false));
    chart.set_width(WIDTH_PX).set_height(CHART_ROWS * ROW_PX);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_shared_out_over_as_few_charts_as_give_each_its_room() {
        assert_eq!(chunks(18), [18]);
        assert_eq!(chunks(48), [48]);
        assert_eq!(chunks(64), [32, 32]);
        assert_eq!(chunks(101), [34, 34, 33]);
        assert_eq!(chunks(0), [0]);
    }
}
