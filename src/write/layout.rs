//! What only the whole sheet decides, when its book is saved: the column widths (on an
//! annex fitted to the page), the heights of rows of wrapped text, where an annex's pages
//! break and at what scale — on the page, portrait or landscape where the caller lets
//! the sheet turn, that prints it largest on the fewest pages (the annexes of a 公文 are
//! never shrunk to fit; a unit's report is, to 90 %, to stay on one page) — and the
//! merged ranges, split where a page breaks them so that each page shows their text.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::balance::balance;
use super::fit::{Span, fit};
use super::measure::units_for;
use super::page::{Orientation, PageSetup};
use super::pages::{MIN_SCALE, Plan, Printed};
use super::styles::DEFAULT_ROW_PX;
use super::value::put_value;
use super::width::DEFAULT_WIDTH;
use super::{Look, Merge, SheetState, Value, height};

/// How a sheet's columns print.
struct Columns {
    widths: BTreeMap<u16, f64>,
    page: PageSetup,
    /// The scale the widths allow: 1 unless even the narrowest are too wide.
    scale: f64,
}

/// How a sheet prints: its columns, the heights of its rows and, for an annex, its
/// scale and page breaks.
struct Printing {
    columns: Columns,
    heights: BTreeMap<u32, f64>,
    plan: Option<Plan>,
    /// Whether every column keeps the least its words need ([`SheetState::whole`]):
    /// where it does not, a name or a short word may be cut (发 / 改局, 副 / 局长).
    whole: bool,
}

impl SheetState {
    /// Applies widths, heights, print scale and breaks, merged ranges and the filter.
    pub(super) fn finish(&self, worksheet: &mut Worksheet) -> Result<(), XlsxError> {
        let Printing {
            columns,
            heights,
            plan,
            ..
        } = self.printing();
        if columns.page != self.page {
            columns.page.apply(worksheet);
        }
        for (&col, &width) in &columns.widths {
            worksheet.set_column_width(col, width)?;
        }
        for (&row, &height) in &heights {
            worksheet.set_row_height(row, height)?;
        }
        let mut breaks = Vec::new();
        if let Some(plan) = plan {
            worksheet.set_print_scale(plan.scale);
            if !plan.breaks.is_empty() {
                worksheet.set_page_breaks(&plan.breaks)?;
            }
            breaks = plan.breaks;
        }
        // Text the tool breaks itself at the widths chosen (lists of names between names,
        // lines LibreOffice would wrap badly): a cell is written again, a merged range
        // when it is written.
        let mut rebroken: BTreeMap<(u32, u16), String> = BTreeMap::new();
        for w in &self.wrapped {
            if let Cow::Owned(text) = w.text_at(&columns.widths, self.tidy()) {
                if w.rows.0 == w.rows.1 && w.cols.0 == w.cols.1 {
                    let format = self.palette.get(w.style);
                    put_value(worksheet, w.rows.0, w.cols.0, &text.as_str().into(), format)?;
                } else {
                    rebroken.insert((w.rows.0, w.cols.0), text);
                }
            }
        }
        for merge in &self.merges {
            let broken = rebroken.get(&(merge.rows.0, merge.cols.0));
            self.write_merge(worksheet, merge, broken, &breaks)?;
        }
        if let (Look::Data, Some((_, last_header)), Some(last_col)) =
            (self.palette.look(), self.header, self.last_col)
        {
            let last_row = self.next_row.saturating_sub(1).max(last_header);
            worksheet.autofilter(last_header, 0, last_row, last_col)?;
        }
        Ok(())
    }

    /// The rows (0-based) that start a printed page, as saving will break them: for
    /// a writer that repeats a heading on the page a part runs onto.
    pub(super) fn page_breaks(&self) -> Vec<u32> {
        self.printing().plan.map(|p| p.breaks).unwrap_or_default()
    }

    /// How the sheet prints best: on an annex that may turn, the orientation that prints
    /// it larger (at full size where the width allows), then on fewer pages, then the one
    /// it was given.
    fn printing(&self) -> Printing {
        let Some(spans) = self.annex_spans() else {
            let widths = self
                .spans()
                .into_iter()
                .map(|(c, s)| (c, s.natural))
                .collect();
            let heights = height::heights(&self.wrapped, &widths, self.tidy());
            let page = self.page;
            let mut columns = Columns {
                widths,
                page,
                scale: 1.0,
            };
            let mut plan = None;
            if self.paged {
                columns.scale = self.data_scale(&columns.widths);
                plan = Some(self.plan(&heights, &columns));
            }
            return Printing {
                columns,
                heights,
                plan,
                whole: true,
            };
        };
        // The larger scale (full size where the width allows it), then words kept whole,
        // then fewer pages; a tie keeps the page the sheet was given. A page that holds
        // the words only by cutting them is no better for being one page shorter: a
        // contact list printed portrait on as many pages as landscape, or one fewer, had
        // every unit's name and 职务 broken (发 / 改局, 办公 / 室 / 主任).
        let rank = |p: &Printing| {
            let (scale, breaks) = p
                .plan
                .as_ref()
                .map_or((100, 0), |plan| (plan.scale, plan.breaks.len()));
            (std::cmp::Reverse(scale), !p.whole, breaks)
        };
        let given = self.print_on(self.page, &spans);
        if !self.turnable {
            return given;
        }
        let turned = self.print_on(
            self.page.turned(match self.page.orientation {
                Orientation::Portrait => Orientation::Landscape,
                Orientation::Landscape => Orientation::Portrait,
            }),
            &spans,
        );
        if rank(&turned) < rank(&given) {
            turned
        } else {
            given
        }
    }

    /// How an annex of columns `spans` prints on `page`: the columns to keep whole, and
    /// the columns of names as wide as their widest name (or word), where the page allows
    /// kept so if it prints them at full size.
    fn print_on(&self, page: PageSetup, spans: &[Span]) -> Printing {
        let area = page.type_area().0;
        let whole = self.whole(spans);
        let (widths, scale, kept) = if self.balanced {
            match balance(&whole, area, &self.wrapped) {
                Some(widths) => (widths, 1.0, true),
                None => match balance(spans, area, &self.wrapped) {
                    Some(widths) => (widths, 1.0, false),
                    None => {
                        let (widths, scale) = fit(spans, area, true);
                        (widths, scale, false)
                    }
                },
            }
        } else {
            match fit(&whole, area, true) {
                (widths, scale) if scale >= 1.0 => (widths, scale, true),
                _ => {
                    let (widths, scale) = fit(spans, area, true);
                    (widths, scale, false)
                }
            }
        };
        let widths: BTreeMap<u16, f64> = (0u16..).zip(widths).collect();
        let heights = height::heights(&self.wrapped, &widths, self.tidy());
        let columns = Columns {
            widths,
            page,
            scale,
        };
        let plan = Some(self.plan(&heights, &columns));
        Printing {
            columns,
            heights,
            plan,
            whole: kept,
        }
    }

    /// `spans` with the least each column takes where the page allows it at full size:
    /// its longest line for a column rather kept whole, its widest name or word for a
    /// column of names (even past the column's cap: a name is not a text to wrap), a word
    /// of so many characters for a column of short names.
    fn whole(&self, spans: &[Span]) -> Vec<Span> {
        let mut whole = spans.to_vec();
        for &col in &self.rather_whole {
            if let Some(s) = whole.get_mut(usize::from(col)) {
                s.least = s.natural;
            }
        }
        for (&col, &widest) in self.names.iter().chain(&self.words) {
            if let Some(s) = whole.get_mut(usize::from(col)) {
                s.least = s.least.max(widest);
                s.natural = s.natural.max(widest);
            }
        }
        let size = self.palette.body_size();
        for (&col, &chars) in &self.whole_words {
            if let Some(s) = whole.get_mut(usize::from(col)) {
                s.least = s.least.max(units_for(chars * size).min(s.natural));
            }
        }
        whole
    }

    /// Whether the tool breaks the lines LibreOffice would wrap badly (a closing mark
    /// first on a line, a character alone on the last): on an annex, and on a data
    /// sheet whose pages it breaks (a form to print), not on a sheet to work on screen,
    /// whose cells are copied elsewhere.
    fn tidy(&self) -> bool {
        matches!(self.palette.look(), Look::Annex(_)) || self.paged
    }

    /// The columns' widths as measured, capped, fixed and evened out.
    fn spans(&self) -> BTreeMap<u16, Span> {
        let mut spans: BTreeMap<u16, Span> = self.widths.spans().collect();
        for (col, &cap) in &self.caps {
            if let Some(s) = spans.get_mut(col) {
                s.natural = s.natural.min(cap);
                s.least = s.least.min(s.natural);
            }
        }
        for col in &self.whole {
            if let Some(s) = spans.get_mut(col) {
                s.least = s.natural;
            }
        }
        for (&col, &w) in &self.fixed {
            spans.insert(
                col,
                Span {
                    natural: w,
                    least: w,
                },
            );
        }
        for group in &self.same {
            let widest = |f: fn(&Span) -> f64| {
                group
                    .iter()
                    .filter_map(|c| spans.get(c))
                    .map(f)
                    .fold(0.0, f64::max)
            };
            let (natural, least) = (widest(|s| s.natural), widest(|s| s.least));
            for &col in group {
                spans.insert(col, Span { natural, least });
            }
        }
        spans
    }

    /// The scale at which a data sheet's columns `widths` fit the page's width.
    fn data_scale(&self, widths: &BTreeMap<u16, f64>) -> f64 {
        let spans: Vec<Span> = (0..=self.last_col.unwrap_or(0))
            .map(|c| widths.get(&c).copied().unwrap_or(DEFAULT_WIDTH))
            .map(|w| Span {
                natural: w,
                least: w,
            })
            .collect();
        fit(&spans, self.page.type_area().0, false).1
    }

    /// On an annex, every column's widths up to the last one written.
    fn annex_spans(&self) -> Option<Vec<Span>> {
        let (Look::Annex(_), Some(last_col)) = (self.palette.look(), self.last_col) else {
            return None;
        };
        let spans = self.spans();
        let unset = Span {
            natural: DEFAULT_WIDTH,
            least: DEFAULT_WIDTH,
        };
        Some(
            (0..=last_col)
                .map(|c| spans.get(&c).copied().unwrap_or(unset))
                .collect(),
        )
    }

    /// The print scale and page breaks of an annex, or of a data sheet that breaks its
    /// own pages.
    fn plan(&self, heights: &BTreeMap<u32, f64>, columns: &Columns) -> Plan {
        let default = f64::from(DEFAULT_ROW_PX) * 0.75;
        let rows: Vec<f64> = (0..self.next_row)
            .map(|r| heights.get(&r).copied().unwrap_or(default))
            .collect();
        let mut keeps = self.keeps.clone();
        // A 合计 keeps two rows of its table with it.
        if let (Some(total), Some((_, last))) = (self.total, self.header)
            && total >= last + 3
        {
            keeps.push((total - 2, total));
        }
        Printed {
            heights: &rows,
            header: self.header,
            keeps: &keeps,
            length: columns.page.type_area().1,
            least_scale: match self.palette.look() {
                Look::Annex(_) if !self.shrinkable => 1.0,
                _ => MIN_SCALE,
            },
        }
        .plan(columns.scale)
    }

    /// Writes `merge`, in parts where `breaks` (rows starting a page) or the sheet's
    /// column breaks cut it, each part holding the value — or the text `broken` between
    /// names, for a list of names.
    fn write_merge(
        &self,
        worksheet: &mut Worksheet,
        merge: &Merge,
        broken: Option<&String>,
        breaks: &[u32],
    ) -> Result<(), XlsxError> {
        let default = Format::new();
        let format = self.palette.get(merge.style).unwrap_or(&default);
        let broken = broken.map(|t| Value::from(t.as_str()));
        let value = broken.as_ref().unwrap_or(&merge.value);
        for rows in parts(merge.rows, breaks) {
            for cols in parts(merge.cols, &self.col_breaks) {
                if rows.0 == rows.1 && cols.0 == cols.1 {
                    put_value(worksheet, rows.0, cols.0, value, Some(format))?;
                    continue;
                }
                worksheet.merge_range(rows.0, cols.0, rows.1, cols.1, "", format)?;
                put_value(worksheet, rows.0, cols.0, value, Some(format))?;
            }
        }
        Ok(())
    }
}

/// The range `first..=last` cut before each of `breaks` that falls inside it.
fn parts<T: Copy + Ord + std::ops::Sub<Output = T> + From<u8>>(
    (first, last): (T, T),
    breaks: &[T],
) -> Vec<(T, T)> {
    let mut out = Vec::new();
    let mut start = first;
    for &b in breaks.iter().filter(|&&b| first < b && b <= last) {
        out.push((start, b - T::from(1)));
        start = b;
    }
    out.push((start, last));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_cut_where_pages_break_inside_it() {
        assert_eq!(
            parts((5u32, 20), &[3, 10, 15, 21]),
            [(5, 9), (10, 14), (15, 20)]
        );
        assert_eq!(parts((5u32, 20), &[5, 21]), [(5, 20)]);
        assert_eq!(parts((2u16, 4), &[]), [(2, 4)]);
    }
}
