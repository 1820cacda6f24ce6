//! Columns that fit the page. A table wider than the type area is narrowed where its
//! text can wrap — each column giving up the same share of what it has beyond the least
//! it needs (its numbers, dates and unbroken words), so that long texts keep the most
//! room — before anything prints smaller; a table narrower than the page is widened to
//! it in proportion, as an annex looks finished only at full width. (An annex may ask
//! to share the room by what its text needs instead: [`super::balance`].)

use super::measure::column_points;

/// How much of the type area's width a table may fill: fonts that print a little wider
/// than measured must not push the last column onto a page of its own.
pub(super) const ROOM: f64 = 0.97;

/// A column's widths in units: as wide as its longest line, and the least it can take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    pub natural: f64,
    pub least: f64,
}

/// The printed width of columns `widths` (units), in points.
pub(crate) fn points(widths: &[f64]) -> f64 {
    widths.iter().map(|&w| column_points(w)).sum()
}

/// Widths for `cols` in a type area `area` points wide, and the scale they print at
/// (1 unless even the least widths are too wide). With `widen`, a table narrower than
/// the page is widened to fill it.
pub(crate) fn fit(cols: &[Span], area: f64, widen: bool) -> (Vec<f64>, f64) {
    let room = area * ROOM;
    let natural: Vec<f64> = cols.iter().map(|c| c.natural).collect();
    if points(&natural) <= room {
        return (if widen { fill(&natural, room) } else { natural }, 1.0);
    }
    let least: Vec<f64> = cols.iter().map(|c| c.least.min(c.natural)).collect();
    let total = points(&least);
    if total >= room {
        return (least, room / total);
    }
    // points(w) is linear in the share kept of each column's room to give.
    let spare: f64 = cols.iter().zip(&least).map(|(c, l)| c.natural - l).sum();
    let share = (room - total) / (column_points(spare) - column_points(0.0));
    // Never below the least, which a tenth's rounding down would take a name's column
    // under (政府网站、 wrapped in Excel): the few tenths over fit within ROOM.
    let widths = cols
        .iter()
        .zip(&least)
        .map(|(c, &l)| floor_tenth(l + (c.natural - l) * share).max(l))
        .collect();
    (widths, 1.0)
}

/// `widths` widened in proportion until they fill `room` points.
pub(super) fn fill(widths: &[f64], room: f64) -> Vec<f64> {
    let sum: f64 = widths.iter().sum();
    if sum <= 0.0 {
        return widths.to_vec();
    }
    // points(w) = Σ (unit × w + pad): the factor on the units that fills the room.
    let unit = column_points(1.0) - column_points(0.0);
    let pads = points(widths) - unit * sum;
    let factor = (room - pads) / (unit * sum);
    widths.iter().map(|w| floor_tenth(w * factor)).collect()
}

/// `w` rounded down to a tenth of a unit.
pub(super) fn floor_tenth(w: f64) -> f64 {
    (w * 10.0).floor() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(natural: f64, least: f64) -> Span {
        Span { natural, least }
    }

    #[test]
    fn a_narrow_table_is_widened_to_the_page_in_proportion() {
        let (w, scale) = fit(&[span(5.0, 5.0), span(20.0, 4.0)], 400.0, true);
        assert_eq!(scale, 1.0);
        assert!(
            points(&w) <= 400.0 * ROOM && points(&w) > 400.0 * ROOM - 2.0,
            "{w:?}"
        );
        assert!((w[1] / w[0] - 4.0).abs() < 0.05, "{w:?}");
        let (w, _) = fit(&[span(5.0, 5.0), span(20.0, 4.0)], 400.0, false);
        assert_eq!(w, [5.0, 20.0]);
    }

    #[test]
    fn text_columns_give_way_in_proportion_and_none_below_its_least() {
        // 序号, a long text, a number, another long text; 300 pt of room.
        let cols = [
            span(5.0, 5.0),
            span(60.0, 4.0),
            span(8.0, 8.0),
            span(30.0, 10.0),
        ];
        let (w, scale) = fit(&cols, 300.0, true);
        assert_eq!(scale, 1.0);
        let room = 300.0 * ROOM;
        assert!(points(&w) <= room && points(&w) > room - 2.0, "{w:?}");
        assert_eq!((w[0], w[2]), (5.0, 8.0));
        // Each keeps the same share of what it had beyond its least: 56 and 20 units.
        let kept = |i: usize, least: f64, had: f64| (w[i] - least) / had;
        assert!(
            (kept(1, 4.0, 56.0) - kept(3, 10.0, 20.0)).abs() < 0.01,
            "{w:?}"
        );
    }

    #[test]
    fn a_table_too_wide_even_at_its_least_prints_smaller() {
        let cols = [span(40.0, 30.0), span(40.0, 30.0)];
        let (w, scale) = fit(&cols, 300.0, true);
        assert_eq!(w, [30.0, 30.0]);
        assert!((scale - 300.0 * ROOM / points(&w)).abs() < 1e-9);
    }
}
