//! Where an annex's printed pages break. zwgk sets every break itself, at a print scale
//! it chooses, instead of leaving both to the program that prints. A 公文 annex prints
//! at its real font size (GB/T 9704), never shrunk to fit: at the scale its width allows
//! (full size unless even its narrowest columns are too wide). A unit's report, or a data
//! sheet, that fits on one page at 90 % or more is printed on one page. Otherwise pages
//! break where rows run out, but never inside rows the caller keeps together (a 合计 with
//! rows of its table, a header with its first row, a report's 落款 with the end of its
//! table).
//! Knowing the breaks lets merged cells be split at them, their text repeated on the
//! next page. Excel ignores manual breaks on a sheet scaled "to fit", so the scale is
//! always set by hand.

/// The least scale at which a report or a data sheet is shrunk to print on one page: a
/// 12 pt body prints no smaller than 10.8 pt.
pub(crate) const MIN_SCALE: f64 = 0.9;
/// How much of a page's length, in points, the rows may not fill: LibreOffice prints
/// about 6 pt fewer than the type area (rows of 435.75 pt fit a landscape A4 page of
/// 442.2, 436.5 do not; 631.25 fit a portrait one of 637.8), and Excel rounds row
/// heights and margins its own way.
const SAFETY: f64 = 7.0;

/// One printed table.
#[derive(Debug, Clone)]
pub(crate) struct Printed<'a> {
    /// The height in points of each row, from the first.
    pub heights: &'a [f64],
    /// The header rows, repeated on every page.
    pub header: Option<(u32, u32)>,
    /// Ranges of rows that must print on one page (when one page can hold them).
    pub keeps: &'a [(u32, u32)],
    /// The type area's length in points.
    pub length: f64,
    /// The least scale at which the table is shrunk to print on one page: [`MIN_SCALE`],
    /// or 1 for a 公文 annex, never shrunk.
    pub least_scale: f64,
}

/// How a table prints.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    /// The print scale in percent.
    pub scale: u16,
    /// Rows (0-based) that start a new page.
    pub breaks: Vec<u32>,
}

impl Printed<'_> {
    /// The plan at the largest scale up to `widest` (what the width allows).
    pub(crate) fn plan(&self, widest: f64) -> Plan {
        let total: f64 = self.heights.iter().sum();
        let room = self.length - SAFETY;
        let one_page = room / total.max(1.0);
        if one_page >= self.least_scale.min(widest) {
            return Plan {
                scale: percent(one_page.min(widest)),
                breaks: Vec::new(),
            };
        }
        let scale = percent(widest);
        Plan {
            scale,
            breaks: self.breaks(room * 100.0 / f64::from(scale)),
        }
    }

    /// The rows that start pages `length` points long.
    fn breaks(&self, length: f64) -> Vec<u32> {
        let repeated: f64 = self.header.map_or(0.0, |(first, last)| {
            self.heights[first as usize..=(last as usize).min(self.heights.len() - 1)]
                .iter()
                .sum()
        });
        let after_header = self.header.map_or(0, |(_, last)| last + 1);
        let mut breaks = Vec::new();
        let (mut start, mut used) = (0u32, 0.0);
        let mut row = 0u32;
        while (row as usize) < self.heights.len() {
            let h = self.heights[row as usize];
            if used + h > length && row > start {
                let at = self.keep_break(row, start);
                breaks.push(at);
                start = at;
                used = if at >= after_header { repeated } else { 0.0 };
                row = at;
                continue;
            }
            used += h;
            row += 1;
        }
        breaks
    }

    /// Where to break before `row` on the page that began at `start`: earlier, at the
    /// first row of a range kept together that the break would split, where that is
    /// still on this page.
    fn keep_break(&self, row: u32, start: u32) -> u32 {
        let header_keep = self.header.map(|(first, last)| (first, last + 1));
        let mut at = row;
        loop {
            let split = (self.keeps.iter().copied().chain(header_keep))
                .filter(|&(first, last)| first < at && at <= last && first > start)
                .map(|(first, _)| first)
                .min();
            match split {
                Some(first) => at = first,
                None => return at,
            }
        }
    }
}

fn percent(scale: f64) -> u16 {
    (scale * 100.0).floor().clamp(10.0, 100.0) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title row of 30 pt, a header row and `rows` data rows then a 合计, each 20 pt.
    fn table(rows: usize) -> Vec<f64> {
        let mut heights = vec![30.0];
        heights.extend(std::iter::repeat_n(20.0, rows + 2));
        heights
    }

    fn printed<'a>(heights: &'a [f64], keeps: &'a [(u32, u32)]) -> Printed<'a> {
        Printed {
            heights,
            header: Some((1, 1)),
            keeps,
            // The title, the header and 8 rows fill a page.
            length: 210.0 + SAFETY,
            least_scale: MIN_SCALE,
        }
    }

    #[test]
    fn rows_within_six_points_of_the_page_end_start_the_next_page() {
        // 汤阴县's sections annex: a header and rows of 437.25 pt on a landscape page of
        // 442.2 left LibreOffice a row it printed on a page of its own.
        let heights = [33.0, 200.0, 204.25, 20.0];
        let printed = Printed {
            heights: &heights,
            header: Some((0, 0)),
            keeps: &[],
            length: 442.2,
            least_scale: 1.0,
        };
        assert_eq!(printed.plan(1.0).breaks, [2]);
    }

    #[test]
    fn a_report_that_fits_one_page_at_90_percent_prints_on_one_page() {
        // 230 pt of rows on a 210 pt page: printed at 91 %.
        let h = table(8);
        let plan = printed(&h, &[]).plan(1.0);
        assert_eq!(plan.breaks, Vec::<u32>::new());
        assert_eq!(plan.scale, 91, "{plan:?}");
        // Too long for one page even at 90 %: full size, broken where rows run out.
        let h = table(20);
        let plan = printed(&h, &[]).plan(1.0);
        assert_eq!(plan.scale, 100);
        assert_eq!(plan.breaks, [10, 19]);
    }

    #[test]
    fn an_annex_a_little_too_long_for_one_page_goes_on_to_a_second_at_full_size() {
        let annex = |h| Printed {
            least_scale: 1.0,
            ..printed(h, &[])
        };
        let (fits, over) = (table(7), table(8));
        let planned = |h, widest| {
            let plan = annex(h).plan(widest);
            (plan.scale, plan.breaks)
        };
        // 210 pt of rows on a 210 pt page: one page.
        assert_eq!(planned(&fits, 1.0), (100, vec![]));
        // 230 pt: never shrunk to 91 % to fit; the last row starts a second page.
        assert_eq!(planned(&over, 1.0), (100, vec![10]));
        // Too wide for the page: the scale the width allows, and no less.
        assert_eq!(planned(&fits, 0.95), (95, vec![]));
        assert_eq!(planned(&over, 0.95), (95, vec![10]));
    }

    #[test]
    fn a_break_moves_up_to_keep_rows_together() {
        let h = table(20);
        // The 合计 (row 22) with two rows of its table; the page would break at 19.
        let keeps = [(8, 12)];
        let plan = printed(&h, &keeps).plan(1.0);
        assert_eq!(plan.breaks, [8, 17]);
    }

    #[test]
    fn a_header_never_ends_a_page() {
        // A second header of its own: the part heading and the header of a report's
        // problem list, kept with its first row.
        let mut h = table(6);
        h.extend([40.0, 40.0, 40.0]);
        let plan = printed(&h, &[(8, 10)]).plan(1.0);
        assert_eq!(plan.breaks, [8]);
    }

    #[test]
    fn the_scale_never_passes_what_the_width_allows() {
        let h = table(2);
        assert_eq!(printed(&h, &[]).plan(0.93).scale, 93);
        let h = table(30);
        let plan = printed(&h, &[]).plan(0.95);
        assert_eq!(plan.scale, 95);
        assert!(!plan.breaks.is_empty());
    }
}
