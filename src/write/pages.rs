//! Where an annex's printed pages break, as far as a workbook can say. Printing fits a
//! table to the page width and breaks pages where rows run out, which can leave the 合计
//! row alone at the top of the last page, cut off from the rows it adds up. When the
//! estimated breaks come near that, the sheet is printed a little smaller so that the
//! 合计 stays on the page before; failing that, that page ends a few rows early with a
//! manual break. Either way the scale is then set by hand (Excel ignores manual breaks
//! on a sheet scaled "to fit"), a little under what fitting would choose.

use std::collections::BTreeMap;

use super::width::{COLUMN_PADDING_PX, DIGIT_PX, PX_PER_MM};

/// Data rows that go to the 合计's page with it when its page is broken by hand.
const KEEP: u32 = 3;
/// How far the real page length may be from the estimate (fonts, printer margins).
const TOLERANCE: [f64; 3] = [0.98, 1.0, 1.02];
/// The largest scale, as a share of the fitted one, once the scale is set by hand: a
/// font that prints wider must not push the last column off the page.
const SAFETY: f64 = 0.97;
/// How much smaller than fitted a sheet may print to keep its 合计 with its rows.
const MAX_SHRINK: f64 = 0.88;
const PT_PER_MM: f64 = 72.0 / 25.4;

/// What to change so that the 合计 keeps rows of its table on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    /// The print scale in percent.
    pub scale: u16,
    /// A manual break before this row (0-based), when shrinking is not enough.
    pub break_before: Option<u32>,
}

/// One printed table: its rows' heights and its columns' widths.
#[derive(Debug, Clone)]
pub(crate) struct Printed<'a> {
    /// Height in points of each row that has one; others are `default_height`.
    pub heights: &'a BTreeMap<u32, f64>,
    pub default_height: f64,
    /// Width of each column, in units of a digit.
    pub widths: &'a BTreeMap<u16, f64>,
    pub last_col: u16,
    /// The header rows, repeated on every page.
    pub header: (u32, u32),
    /// The 合计 row closing the table.
    pub total: u32,
    /// The type area's width and height in millimetres.
    pub area_mm: (f64, f64),
}

impl Printed<'_> {
    /// A scale, and if need be a manual break, when the 合计 might print with fewer
    /// than two rows of its table on its page; `None` when it is safe, or the table is
    /// too short to break.
    pub(crate) fn plan(&self) -> Option<Plan> {
        if self.total <= self.header.1 + 1 {
            return None;
        }
        let fitted = self.fitted_scale();
        let at_risk = |scale: f64| TOLERANCE.iter().any(|t| self.orphaned(scale, *t));
        if !at_risk(fitted) {
            return None;
        }
        let most = (fitted * SAFETY * 100.0).floor();
        let least = (fitted * MAX_SHRINK * 100.0).ceil();
        let mut percent = most;
        while percent >= least.max(10.0) {
            if !at_risk(percent / 100.0) {
                return Some(Plan {
                    scale: percent as u16,
                    break_before: None,
                });
            }
            percent -= 1.0;
        }
        let break_before = self.total.checked_sub(KEEP)?;
        (break_before > self.header.1 + 1).then_some(Plan {
            scale: most.clamp(10.0, 100.0) as u16,
            break_before: Some(break_before),
        })
    }

    /// The scale printing "to one page wide" gives: 1 for a table narrower than the page.
    fn fitted_scale(&self) -> f64 {
        let px: f64 = (0..=self.last_col)
            .map(|c| self.widths.get(&c).copied().unwrap_or(8.38) * DIGIT_PX + COLUMN_PADDING_PX)
            .sum();
        let room = self.area_mm.0 * PX_PER_MM;
        (room / px.max(1.0)).min(1.0)
    }

    fn height(&self, row: u32) -> f64 {
        self.heights
            .get(&row)
            .copied()
            .unwrap_or(self.default_height)
    }

    /// Whether, printed at `scale` on pages `tolerance` times the type area's length,
    /// the 合计 starts a page with fewer than two rows of its table before it.
    fn orphaned(&self, scale: f64, tolerance: f64) -> bool {
        let length = self.area_mm.1 * PT_PER_MM * tolerance / scale;
        let repeated: f64 = (self.header.0..=self.header.1)
            .map(|r| self.height(r))
            .sum();
        let mut used = 0.0;
        let mut page_start = 0;
        for row in 0..=self.total {
            let h = self.height(row);
            if used + h > length && row > page_start {
                page_start = row;
                used = if row > self.header.1 { repeated } else { 0.0 };
            }
            used += h;
        }
        let first_data = self.header.1 + 1;
        page_start > first_data && self.total - page_start.max(first_data) < 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title row of 30 pt, a header row and `rows` data rows then a 合计, each 20 pt.
    fn table(rows: u32) -> (BTreeMap<u32, f64>, BTreeMap<u16, f64>) {
        let mut heights = BTreeMap::from([(0, 30.0)]);
        for r in 1..=rows + 2 {
            heights.insert(r, 20.0);
        }
        (heights, BTreeMap::from([(0, 10.0), (1, 30.0)]))
    }

    fn printed<'a>(h: &'a BTreeMap<u32, f64>, w: &'a BTreeMap<u16, f64>, rows: u32) -> Printed<'a> {
        Printed {
            heights: h,
            default_height: 13.5,
            widths: w,
            last_col: 1,
            header: (1, 1),
            total: rows + 2,
            // 210 pt tall: the title, the header and 8 rows fill the first page.
            area_mm: (156.0, 210.0 / PT_PER_MM),
        }
    }

    #[test]
    fn a_total_just_past_the_page_is_kept_on_it_by_printing_smaller() {
        // 8 data rows fill the first page: the 合计 would print alone on the second.
        let (h, w) = table(8);
        let plan = printed(&h, &w, 8).plan().unwrap();
        assert_eq!(plan.break_before, None);
        // 230 pt at 91% fit in 210 pt pages with room to spare.
        assert!((88..=92).contains(&plan.scale), "{plan:?}");
    }

    #[test]
    fn a_total_too_tall_to_lift_takes_rows_with_it() {
        // Four data rows fill the first page; the 合计 is 60 pt of wrapped text, too
        // tall to fit by printing up to 12% smaller.
        let (mut h, w) = table(4);
        for r in 2..=5 {
            h.insert(r, 40.0);
        }
        h.insert(6, 60.0);
        let plan = printed(&h, &w, 4).plan().unwrap();
        assert_eq!(
            plan,
            Plan {
                scale: 97,
                break_before: Some(6 - KEEP)
            }
        );
    }

    #[test]
    fn a_total_with_rows_of_its_table_is_left_alone() {
        for rows in [4, 12, 14] {
            let (h, w) = table(rows);
            assert_eq!(printed(&h, &w, rows).plan(), None, "{rows}");
        }
    }

    #[test]
    fn a_table_wider_than_the_page_is_planned_at_its_fitted_scale() {
        let (h, mut w) = table(8);
        // 1.5 times as wide as the page: printed at 66%, a page holds 12 rows.
        w.insert(1, 100.0);
        assert_eq!(printed(&h, &w, 8).plan(), None);
        let (h, _) = table(13);
        let plan = printed(&h, &w, 13).plan().unwrap();
        assert!(plan.scale <= 64 && plan.scale >= 58, "{plan:?}");
    }
}
