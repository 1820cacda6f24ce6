//! Columns that share the page by what their text needs. Where an annex is too wide for
//! the page at its longest lines, [`super::fit`] has each column give up the same share
//! of its room, so that a 备注 whose text fills ten rows of ninety keeps as much as the
//! 公开依据 of every row. Here each column starts at its least, and the room beyond is
//! given a step at a time to the column whose widening makes the rows shortest for the
//! width it takes, a row counting by the square of its height: the pages are fewest
//! where rows are shortest, and a row much taller than the others (a long 备注 in a
//! column left three characters wide) costs more than its height.

use std::collections::BTreeMap;

use super::fit::{ROOM, Span, fill, floor_tenth, points};
use super::height::Wrapped;
use super::measure::column_points;

/// The grid widths are chosen on, in units.
const STEP: f64 = 0.1;

/// The height a text of one column needs on each of its rows, from each width on.
struct Need {
    col: usize,
    rows: (u32, u32),
    /// (width in units, height per row in points), widths rising and heights falling:
    /// from the first width on, the first height; from the next, the next.
    steps: Vec<(f64, f64)>,
}

impl Need {
    /// The height per row in a column `width` units wide.
    fn at(&self, width: f64) -> f64 {
        (self.steps.iter().rev())
            .find(|(from, _)| *from <= width + 1e-9)
            .or(self.steps.first())
            .map_or(0.0, |&(_, h)| h)
    }
}

/// Widths for columns `cols` (their least and their longest line) within a type area
/// `area` points wide, at full size, given by the height `wrapped` text needs; None where
/// even the least widths are too wide. A table narrow enough for its longest lines is
/// widened in proportion, as [`super::fit::fit`] does.
pub(crate) fn balance(cols: &[Span], area: f64, wrapped: &[Wrapped]) -> Option<Vec<f64>> {
    let room = area * ROOM;
    let natural: Vec<f64> = cols.iter().map(|c| c.natural).collect();
    if points(&natural) <= room {
        return Some(fill(&natural, room));
    }
    // On the grid, never below the least.
    let least: Vec<f64> = (cols.iter())
        .map(|c| (c.least.min(c.natural) / STEP - 1e-6).ceil() * STEP)
        .collect();
    if points(&least) > room {
        return None;
    }
    let needs: Vec<Need> = (wrapped.iter())
        .filter(|w| w.cols.0 == w.cols.1 && usize::from(w.cols.0) < cols.len())
        .map(|w| {
            need(
                w,
                least[usize::from(w.cols.0)],
                natural[usize::from(w.cols.0)],
            )
        })
        .collect();
    let mut table = Table::new(needs, least);
    table.grow(room, &natural);
    Some(table.rest(room, &natural))
}

/// The steps of the height `w` needs in a column from `least` to `natural` units wide:
/// where its lines drop, found by halving the grid between.
fn need(w: &Wrapped, least: f64, natural: f64) -> Need {
    let col = usize::from(w.cols.0);
    let last = ((natural - least) / STEP).floor().max(0.0) as usize;
    let width = |k: usize| least + k as f64 * STEP;
    let lines = |k: usize| w.lines_in(width(k), false);
    let mut steps = vec![(least, w.row_height(lines(0)))];
    let (mut from, mut now) = (0, lines(0));
    let fewest = lines(last);
    while now > fewest {
        // The first k past `from` with fewer lines than now.
        let (mut lo, mut hi) = (from + 1, last);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if lines(mid) < now {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        now = lines(lo);
        steps.push((width(lo), w.row_height(now)));
        from = lo;
    }
    Need {
        col,
        rows: w.rows,
        steps,
    }
}

/// The needs, the widths given so far and the height of each row at them.
struct Table {
    needs: Vec<Need>,
    widths: Vec<f64>,
    /// The needs on each row.
    on_row: BTreeMap<u32, Vec<usize>>,
    /// The rows each column's needs are on.
    rows_of: Vec<Vec<u32>>,
    /// Each column's needs.
    needs_of: Vec<Vec<usize>>,
    heights: BTreeMap<u32, f64>,
}

impl Table {
    fn new(needs: Vec<Need>, widths: Vec<f64>) -> Self {
        let mut on_row: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        let mut rows_of = vec![Vec::new(); widths.len()];
        let mut needs_of = vec![Vec::new(); widths.len()];
        for (i, n) in needs.iter().enumerate() {
            needs_of[n.col].push(i);
            for row in n.rows.0..=n.rows.1 {
                on_row.entry(row).or_default().push(i);
                rows_of[n.col].push(row);
            }
        }
        for rows in &mut rows_of {
            rows.sort_unstable();
            rows.dedup();
        }
        let mut table = Self {
            needs,
            widths,
            on_row,
            rows_of,
            needs_of,
            heights: BTreeMap::new(),
        };
        let rows: Vec<u32> = table.on_row.keys().copied().collect();
        for row in rows {
            let h = table.height(row, None);
            table.heights.insert(row, h);
        }
        table
    }

    /// The height of `row` at the widths given, or with column `.0` at width `.1`.
    fn height(&self, row: u32, trying: Option<(usize, f64)>) -> f64 {
        let on = self.on_row.get(&row).map_or(&[][..], Vec::as_slice);
        (on.iter().map(|&i| &self.needs[i]))
            .map(|n| match trying {
                Some((col, width)) if col == n.col => n.at(width),
                _ => n.at(self.widths[n.col]),
            })
            .fold(0.0, f64::max)
    }

    /// What making column `col` `width` units wide saves of the rows' squared heights:
    /// on the rows of its texts that lose a line.
    fn saved(&self, col: usize, width: f64) -> f64 {
        let now = self.widths[col];
        let mut rows: Vec<u32> = (self.needs_of[col].iter().map(|&i| &self.needs[i]))
            .filter(|n| n.steps.iter().any(|s| now < s.0 && s.0 <= width))
            .flat_map(|n| n.rows.0..=n.rows.1)
            .collect();
        rows.sort_unstable();
        rows.dedup();
        let square = |h: f64| h * h;
        (rows.into_iter())
            .map(|row| square(self.heights[&row]) - square(self.height(row, Some((col, width)))))
            .sum()
    }

    /// Widens, while `room` points allow, the column whose next widening (to where one of
    /// its texts loses a line and a row gets shorter) saves the most per unit of width
    /// ([`Self::saved`]); no column past `natural`.
    fn grow(&mut self, room: f64, natural: &[f64]) {
        let unit = column_points(1.0) - column_points(0.0);
        loop {
            let spare = (room - points(&self.widths)) / unit;
            let steps = (natural.iter().enumerate())
                .filter_map(|(col, &most)| Some((col, self.next_step(col, most, spare)?)));
            let best = steps.fold(
                None,
                |best: Option<(usize, (f64, f64))>, (col, step)| match best {
                    Some((_, (b, _))) if step.0 <= b + 1e-9 => best,
                    _ => Some((col, step)),
                },
            );
            let Some((col, (_, width))) = best else { break };
            self.widths[col] = width;
            for i in 0..self.rows_of[col].len() {
                let row = self.rows_of[col][i];
                let h = self.height(row, None);
                self.heights.insert(row, h);
            }
        }
    }

    /// Column `col`'s next widening that saves something, within `spare` units and up to
    /// `most`: what it saves per unit, and the width.
    fn next_step(&self, col: usize, most: f64, spare: f64) -> Option<(f64, f64)> {
        let now = self.widths[col];
        let mut widths: Vec<f64> = (self.needs_of[col].iter())
            .flat_map(|&i| self.needs[i].steps.iter().map(|s| s.0))
            .filter(|&w| w > now + 1e-9 && w <= most && w - now <= spare + 1e-9)
            .collect();
        widths.sort_by(f64::total_cmp);
        widths.dedup();
        (widths.into_iter())
            .map(|w| (self.saved(col, w) / (w - now), w))
            .find(|&(per_unit, _)| per_unit > 1e-9)
    }

    /// The widths given, with the room left (less than any widening that saves height
    /// takes) shared in proportion to what each column lacks of its longest line.
    fn rest(&self, room: f64, natural: &[f64]) -> Vec<f64> {
        let unit = column_points(1.0) - column_points(0.0);
        let spare = ((room - points(&self.widths)) / unit).max(0.0);
        let lack: f64 = (natural.iter().zip(&self.widths))
            .map(|(n, w)| (n - w).max(0.0))
            .sum();
        let share = if lack > 0.0 {
            (spare / lack).min(1.0)
        } else {
            0.0
        };
        (natural.iter().zip(&self.widths))
            .map(|(n, &w)| floor_tenth(w + (n - w).max(0.0) * share + 1e-6).max(w))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Role;
    use crate::write::height::{Breaking, Leading};
    use crate::write::styles::Style;

    fn cell(col: u16, row: u32, text: &str) -> Wrapped {
        Wrapped {
            rows: (row, row),
            cols: (col, col),
            text: text.to_string(),
            size: 12.0,
            leading: Leading::Table,
            style: Style::Wrap(Role::Body),
            breaking: Breaking::Program,
        }
    }

    #[test]
    fn a_column_whose_text_fills_few_rows_gives_its_room_to_one_that_fills_every_row() {
        // Column 0 holds sixteen characters on each of twenty rows; column 1 as long a
        // text on one row of its own. In proportion they would have one width, and every
        // row two lines; here column 0 takes one line a row, and column 1 what is left.
        let text = "一二三四五六七八九十一二三四五六";
        let mut wrapped: Vec<Wrapped> = (0..20).map(|r| cell(0, r, text)).collect();
        wrapped.push(cell(1, 20, text));
        let cols = [Span {
            natural: 33.0,
            least: 2.0,
        }; 2];
        let area = 274.0;
        let (even, _) = super::super::fit::fit(&cols, area, true);
        assert_eq!(even[0], even[1]);
        let widths = balance(&cols, area, &wrapped).unwrap();
        assert!(points(&widths) <= area * ROOM, "{widths:?}");
        assert!(widths[0] > 2.0 * widths[1], "{widths:?}");
        let one_line = wrapped[0].lines_in(widths[0], false);
        assert_eq!(one_line, 1, "{widths:?}");
        // Too narrow for the least: none; wide enough for every line: in proportion.
        assert_eq!(balance(&cols, 20.0, &wrapped), None);
        let wide = balance(&cols, 1000.0, &wrapped).unwrap();
        assert_eq!(wide[0], wide[1]);
    }
}
