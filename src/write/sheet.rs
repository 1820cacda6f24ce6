//! Writing one sheet: typed values in named formats. There is no way to write a
//! formula: text is always stored as a string, so a submitted title such as
//! `=HYPERLINK(…)` or `-5%` comes back as the same text. Text longer than Excel's
//! cell limit is cut with a visible mark and reported through the book.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::WriteError;
use super::names::{cut_utf16, utf16_len};
use super::styles::{DATA_SIZE, Kind, Style};
use super::width::MAX_WIDTH;
use super::{
    Book, Leading, Look, MAX_ROWS, PageSetup, Role, SheetState, Truncation, Wrapped, xlsx_error,
};
use crate::problems::Place;

/// Excel's limit on the text of one cell, in UTF-16 code units.
pub(crate) const MAX_TEXT: usize = 32_767;
/// Appended to a text cut to [`MAX_TEXT`].
pub(crate) const TRUNCATION_MARK: &str = "…（内容超过 Excel 单元格上限，已截断）";

/// One cell's value. Text is always written as text, never as a formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Text(Cow<'a, str>),
    /// A count, shown without decimals.
    Int(i64),
    /// A score, shown with two decimals (`25.20`).
    Score(f64),
    /// A ratio shown as a percentage with one decimal (`0.874` → `87.4%`).
    Percent(f64),
    /// Shown as `yyyy-mm-dd`.
    Date(NaiveDate),
    /// A blank cell that still carries the borders of its row.
    Empty,
}

impl<'a> Value<'a> {
    /// A ratio shown as `87.4%`.
    pub(crate) fn percent(ratio: f64) -> Self {
        Value::Percent(ratio)
    }

    /// A score shown as `25.20`.
    pub(crate) fn score(score: f64) -> Self {
        Value::Score(score)
    }

    pub(crate) fn kind(&self) -> Kind {
        match self {
            Value::Text(_) | Value::Empty => Kind::Text,
            Value::Int(_) => Kind::Int,
            Value::Score(_) => Kind::Score,
            Value::Percent(_) => Kind::Percent,
            Value::Date(_) => Kind::Date,
        }
    }

    /// How wide each line of the value is shown, in digits of an 11 pt font.
    fn line_widths(&self) -> Vec<f64> {
        match self {
            Value::Text(s) => s.lines().map(super::text_width).collect(),
            other => other.width().into_iter().collect(),
        }
    }

    /// Roughly how wide the value is shown, in digits of an 11 pt font.
    fn width(&self) -> Option<f64> {
        let shown = match self {
            Value::Text(s) => return Some(super::text_width(s)),
            // Digits and sign, without formatting the number.
            Value::Int(n) => {
                let digits = n.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
                return Some(f64::from(digits + u32::from(*n < 0)));
            }
            Value::Score(x) => format!("{x:.2}"),
            Value::Percent(x) => format!("{:.1}%", x * 100.0),
            // As its format shows it, yyyy-mm-dd.
            Value::Date(_) => return Some(10.0),
            Value::Empty => return None,
        };
        Some(shown.len() as f64)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Text(Cow::Owned(s))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Empty, Into::into)
    }
}

/// The writer of one sheet of a [`Book`]; rows are appended in order, and any
/// cell can be written with [`Sheet::write`] or [`Sheet::merge`].
pub(crate) struct Sheet<'b> {
    book: &'b mut Book,
    index: usize,
}

impl<'b> Sheet<'b> {
    pub(crate) fn new(book: &'b mut Book, index: usize) -> Self {
        Self { book, index }
    }

    /// The sheet's name as written (valid and unique in the workbook).
    pub(crate) fn name(&self) -> &str {
        &self.state().name
    }

    /// The first row not written yet (0-based).
    pub(crate) fn next_row(&self) -> u32 {
        self.state().next_row
    }

    /// Replaces the print settings the sheet was created with.
    ///
    /// # Errors
    /// Never in practice; see [`Book::sheet`].
    pub(crate) fn page_setup(&mut self, setup: PageSetup) -> Result<(), WriteError> {
        self.state_mut().page = setup;
        self.with_ws(|ws| {
            setup.apply(ws);
            Ok(())
        })
    }

    /// Writes `附件N` (the `label`), a blank row and `title` centred across
    /// columns `0..=last_col`, as GB/T 9704 lays out the top of an annex.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn annex_heading(
        &mut self,
        label: &str,
        title: &str,
        last_col: u16,
    ) -> Result<(), WriteError> {
        let row = self.next_row();
        let label = Value::from(label);
        self.book.put(self.index, row, 0, &label, Style::Label)?;
        let size = self.state().palette.label_size();
        self.remember((row, row), (0, 0), &label, size, Leading::Heading);
        self.skip(1);
        self.title(title, last_col)
    }

    /// Writes `title` centred across columns `0..=last_col` on the next row, in the
    /// look's title face.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn title(&mut self, title: &str, last_col: u16) -> Result<(), WriteError> {
        let size = self.state().palette.title_size();
        self.across(title, last_col, Style::Title, size)
    }

    /// Writes `text` (a 注：… line or 填表说明) across columns `0..=last_col` on
    /// the next row, wrapped, without borders.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn note(&mut self, text: &str, last_col: u16) -> Result<(), WriteError> {
        let size = self.state().palette.body_size();
        self.across(text, last_col, Style::Note, size)
    }

    /// Writes `text` (the signing office, the date) right-aligned across columns
    /// `0..=last_col` on the next row, without borders, as at the foot of a 公文 page.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn closing(&mut self, text: &str, last_col: u16) -> Result<(), WriteError> {
        let size = self.state().palette.body_size();
        self.across(text, last_col, Style::Closing, size)
    }

    /// Leaves `rows` blank rows.
    pub(crate) fn skip(&mut self, rows: u32) {
        let state = self.state_mut();
        state.next_row = state.next_row.saturating_add(rows);
    }

    /// Writes a header row. Consecutive header rows form one header, repeated at the
    /// top of every printed page (and, on data sheets, frozen and filtered).
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn header(&mut self, labels: &[&str]) -> Result<u32, WriteError> {
        let row = self.next_row();
        for (col, label) in (0u16..).zip(labels) {
            self.write(row, col, *label, Role::Header)?;
        }
        if labels.is_empty() {
            self.skip(1);
        }
        self.mark_header(row)?;
        Ok(row)
    }

    /// Writes a body row; returns its 0-based index.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn row(&mut self, values: &[Value<'_>]) -> Result<u32, WriteError> {
        self.row_as(values, Role::Body)
    }

    /// Writes a 合计 row (bold); returns its 0-based index.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn total(&mut self, values: &[Value<'_>]) -> Result<u32, WriteError> {
        self.row_as(values, Role::Total)
    }

    fn row_as(&mut self, values: &[Value<'_>], role: Role) -> Result<u32, WriteError> {
        let row = self.next_row();
        for (col, value) in (0u16..).zip(values) {
            self.write_ref(row, col, value, role)?;
        }
        if values.is_empty() {
            self.skip(1);
        }
        Ok(row)
    }

    /// Writes one cell in the format of `role` and the value's kind.
    ///
    /// # Errors
    /// [`WriteError`] when `row` is past Excel's last row.
    pub(crate) fn write<'v>(
        &mut self,
        row: u32,
        col: u16,
        value: impl Into<Value<'v>>,
        role: Role,
    ) -> Result<(), WriteError> {
        self.write_ref(row, col, &value.into(), role)
    }

    fn write_ref(
        &mut self,
        row: u32,
        col: u16,
        value: &Value<'_>,
        role: Role,
    ) -> Result<(), WriteError> {
        self.note_width(col, value);
        let style = Style::Cell(role, value.kind());
        self.book.put(self.index, row, col, value, style)?;
        self.note_total(row, role);
        // Annex cells wrap, and rows are not fitted to them when the file is opened.
        if matches!(self.state().palette.look(), Look::Annex(_)) {
            let size = self.state().palette.body_size();
            self.remember((row, row), (col, col), value, size, Leading::Table);
        }
        Ok(())
    }

    /// Merges rows `first_row..=last_row` × columns `first_col..=last_col` into one
    /// cell holding `value` in the format of `role` (a 一级栏目 spanning its
    /// sections, a two-row header label).
    ///
    /// # Errors
    /// [`WriteError`] when the range is past Excel's limits or overlaps another merge.
    pub(crate) fn merge<'v>(
        &mut self,
        (first_row, last_row): (u32, u32),
        (first_col, last_col): (u16, u16),
        value: impl Into<Value<'v>>,
        role: Role,
    ) -> Result<(), WriteError> {
        let value = value.into();
        if (first_row, first_col) == (last_row, last_col) {
            // Excel refuses a merge of one cell; a run of one row is just a cell.
            return self.write_ref(first_row, first_col, &value, role);
        }
        let style = Style::Cell(role, value.kind());
        if first_col == last_col {
            self.note_width(first_col, &value);
        }
        self.merge_blank((first_row, last_row), (first_col, last_col), style)?;
        self.book
            .put(self.index, first_row, first_col, &value, style)?;
        self.note_total(last_row, role);
        // Excel does not fit a row to a merged cell spanning columns, nor any row to
        // wrapped annex text.
        let size = self.state().palette.body_size();
        let (rows, cols) = ((first_row, last_row), (first_col, last_col));
        match self.state().palette.look() {
            Look::Annex(_) => self.remember(rows, cols, &value, size, Leading::Table),
            Look::Data if first_col != last_col && matches!(value, Value::Text(_)) => {
                self.remember(rows, cols, &value, size, Leading::Heading);
            }
            Look::Data => {}
        }
        Ok(())
    }

    /// Fixes the width of column `col` (in characters), overriding the measured one.
    pub(crate) fn set_width(&mut self, col: u16, width: f64) {
        if width.is_finite() && width > 0.0 {
            self.state_mut().fixed.insert(col, width);
        }
    }

    /// Keeps column `col` at most `width` characters wide, however long its text: on an
    /// annex, longer text wraps instead of pushing the table past the page.
    pub(crate) fn max_width(&mut self, col: u16, width: f64) {
        if width.is_finite() && width > 0.0 {
            self.state_mut().caps.insert(col, width);
        }
    }

    /// Writes a blank bordered body cell formatted for values of `kind`, for a person
    /// to fill in.
    pub(super) fn blank(&mut self, row: u32, col: u16, kind: Kind) -> Result<(), WriteError> {
        let style = Style::Cell(Role::Body, kind);
        self.book.put(self.index, row, col, &Value::Empty, style)
    }

    fn state(&self) -> &SheetState {
        &self.book.sheets[self.index]
    }

    fn state_mut(&mut self) -> &mut SheetState {
        &mut self.book.sheets[self.index]
    }

    /// Writes `text` on the next row, merged across columns `0..=last_col`, and
    /// remembers it so that the row is made tall enough when the book is saved.
    fn across(
        &mut self,
        text: &str,
        last_col: u16,
        style: Style,
        size: f64,
    ) -> Result<(), WriteError> {
        let row = self.next_row();
        if last_col > 0 {
            self.merge_blank((row, row), (0, last_col), style)?;
        }
        let text = Value::from(text);
        self.book.put(self.index, row, 0, &text, style)?;
        self.remember((row, row), (0, last_col), &text, size, Leading::Heading);
        Ok(())
    }

    /// Remembers `value`, shown at `size` points over `rows` × `cols`, to make its rows
    /// tall enough once the column widths are known.
    fn remember(
        &mut self,
        rows: (u32, u32),
        cols: (u16, u16),
        value: &Value<'_>,
        size: f64,
        leading: Leading,
    ) {
        let scale = size / DATA_SIZE;
        let lines = value.line_widths().iter().map(|w| w * scale).collect();
        self.state_mut().wrapped.push(Wrapped {
            rows,
            cols,
            lines,
            size,
            leading,
        });
    }

    /// Merges a range as blank cells in `style`, which gives the whole range its
    /// borders; the caller then writes the value into the top-left cell.
    fn merge_blank(
        &mut self,
        rows: (u32, u32),
        cols: (u16, u16),
        style: Style,
    ) -> Result<(), WriteError> {
        let book = &mut *self.book;
        let state = &mut book.sheets[self.index];
        let default = Format::new();
        let format = state.palette.get(style).unwrap_or(&default);
        let result = book
            .workbook
            .worksheet_from_index(self.index)
            .and_then(|ws| {
                ws.merge_range(rows.0, cols.0, rows.1, cols.1, "", format)
                    .map(drop)
            });
        result.map_err(|e| xlsx_error(&state.name, e))?;
        state.extend(rows.1, cols.1);
        Ok(())
    }

    /// Runs `f` on the worksheet, naming the sheet in its error.
    pub(super) fn with_ws<T>(
        &mut self,
        f: impl FnOnce(&mut Worksheet) -> Result<T, XlsxError>,
    ) -> Result<T, WriteError> {
        let result = f(self.book.worksheet(self.index)?);
        result.map_err(|e| xlsx_error(self.name(), e))
    }

    fn mark_header(&mut self, row: u32) -> Result<(), WriteError> {
        let state = self.state_mut();
        let (first, last) = match state.header {
            Some((first, last)) if last + 1 == row => (first, row),
            _ => (row, row),
        };
        state.header = Some((first, last));
        let data = matches!(state.palette.look(), Look::Data);
        self.with_ws(|ws| {
            ws.set_repeat_rows(first, last)?;
            if data {
                ws.set_freeze_panes(last + 1, 0)?;
            }
            Ok(())
        })
    }

    /// Remembers the last 合计 row, which printing keeps with rows of its table.
    fn note_total(&mut self, row: u32, role: Role) {
        if role == Role::Total {
            let state = self.state_mut();
            state.total = Some(state.total.map_or(row, |t| t.max(row)));
        }
    }

    fn note_width(&mut self, col: u16, value: &Value<'_>) {
        self.book.sheets[self.index].measure(col, value);
    }
}

impl SheetState {
    /// Notes how wide `value` is shown in column `col`.
    pub(crate) fn measure(&mut self, col: u16, value: &Value<'_>) {
        let scale = self.palette.body_size() / DATA_SIZE;
        // A text is at most as wide as its length in bytes (a CJK character takes three
        // bytes and two digits), so most cells of a long column need no measuring; nor
        // do any once the column is as wide as a column gets.
        let widest = self.widths.widest(col);
        if let Value::Text(s) = value
            && (s.len() as f64 * scale <= widest || widest >= MAX_WIDTH || self.repeats(col, s))
        {
            return;
        }
        if let Some(w) = value.width() {
            self.widths.note(col, w * scale);
        }
    }

    /// Whether `text` is the last text measured in column `col`; if not, it is now.
    fn repeats(&mut self, col: u16, text: &str) -> bool {
        let col = usize::from(col);
        if self.measured.len() <= col {
            self.measured.resize(col + 1, String::new());
        }
        let last = &mut self.measured[col];
        if last == text {
            return true;
        }
        last.clear();
        last.push_str(text);
        false
    }

    /// Records that the sheet reaches `row` and `col`.
    pub(crate) fn extend(&mut self, row: u32, col: u16) {
        self.next_row = self.next_row.max(row.saturating_add(1));
        self.last_col = Some(self.last_col.map_or(col, |c| c.max(col)));
    }
}

impl Book {
    /// Writes `value` in `style` into sheet `index`, cutting over-long text and
    /// recording the cut.
    pub(crate) fn put(
        &mut self,
        index: usize,
        row: u32,
        col: u16,
        value: &Value<'_>,
        style: Style,
    ) -> Result<(), WriteError> {
        let state = &mut self.sheets[index];
        if row >= MAX_ROWS {
            return Err(WriteError::SheetFull {
                sheet: state.name.clone(),
                row: u64::from(row) + 1,
            });
        }
        let format = state.palette.get(style);
        let written = self
            .workbook
            .worksheet_from_index(index)
            .and_then(|ws| put_value(ws, row, col, value, format));
        let cut = written.map_err(|e| xlsx_error(&state.name, e))?;
        if let Some(chars) = cut {
            self.truncations.push(Truncation {
                sheet: state.name.clone(),
                place: Place::cell(row + 1, u32::from(col)),
                chars,
            });
        }
        state.extend(row, col);
        Ok(())
    }
}

/// Writes one value, with `format` or else the workbook default; returns the original
/// length in characters of a text that had to be cut.
pub(crate) fn put_value(
    worksheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value<'_>,
    format: Option<&Format>,
) -> Result<Option<usize>, XlsxError> {
    let text = |worksheet: &mut Worksheet, text: &str| match format {
        Some(f) => worksheet
            .write_string_with_format(row, col, text, f)
            .map(drop),
        None => worksheet.write_string(row, col, text).map(drop),
    };
    let number = |worksheet: &mut Worksheet, x: f64| match format {
        // NaN and infinity cannot be stored; a dash is visibly not a number.
        _ if !x.is_finite() => text(worksheet, "—"),
        Some(f) => worksheet.write_number_with_format(row, col, x, f).map(drop),
        None => worksheet.write_number(row, col, x).map(drop),
    };
    match value {
        Value::Text(s) => {
            let (s, cut) = fit_text(s);
            text(worksheet, &s)?;
            return Ok(cut);
        }
        Value::Int(n) => number(worksheet, *n as f64)?,
        Value::Score(x) | Value::Percent(x) => number(worksheet, *x)?,
        Value::Date(d) => match (excel_date(*d), format) {
            (Some(date), Some(f)) => worksheet
                .write_date_with_format(row, col, &date, f)
                .map(drop)?,
            // Outside Excel's calendar (before 1900), or with no date format to show
            // it: keep the date as text.
            _ => text(worksheet, &d.to_string())?,
        },
        Value::Empty => {
            if let Some(f) = format {
                worksheet.write_blank(row, col, f)?;
            }
        }
    };
    Ok(None)
}

/// The length of `text` in characters when it is too long for an Excel cell: a
/// workbook cuts it to [`MAX_TEXT`].
pub(crate) fn too_long(text: &str) -> Option<usize> {
    // A character takes at least as many UTF-8 bytes as UTF-16 units: short texts
    // (nearly all) need no counting.
    let long = text.len() > MAX_TEXT && utf16_len(text) > MAX_TEXT;
    long.then(|| text.chars().count())
}

/// `text` cut to Excel's cell limit with [`TRUNCATION_MARK`], and the original
/// length in characters when it was cut.
fn fit_text(text: &str) -> (Cow<'_, str>, Option<usize>) {
    let Some(chars) = too_long(text) else {
        return (Cow::Borrowed(text), None);
    };
    let keep = cut_utf16(text, MAX_TEXT - utf16_len(TRUNCATION_MARK));
    (Cow::Owned(format!("{keep}{TRUNCATION_MARK}")), Some(chars))
}

pub(super) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_within_the_limit_is_kept_whole() {
        let s = "民".repeat(MAX_TEXT);
        let (t, cut) = fit_text(&s);
        assert_eq!(cut, None);
        assert_eq!(t, s);
    }

    #[test]
    fn text_over_the_limit_is_cut_with_a_mark_inside_the_limit() {
        // Characters outside the BMP count two UTF-16 units, as Excel counts them.
        let s = format!("{}尾", "𠀀".repeat(MAX_TEXT / 2 + 1));
        let (t, cut) = fit_text(&s);
        assert_eq!(cut, Some(MAX_TEXT / 2 + 2));
        assert!(t.ends_with(TRUNCATION_MARK));
        assert!(utf16_len(&t) <= MAX_TEXT);
        assert!(!t.contains('\u{fffd}'));
    }

    #[test]
    fn values_convert_from_plain_types() {
        assert_eq!(Value::from("a"), Value::Text(Cow::Borrowed("a")));
        assert_eq!(Value::from(3u32), Value::Int(3));
        assert_eq!(Value::from(None::<u32>), Value::Empty);
        assert_eq!(Value::from(Some("x")), Value::from("x"));
        assert_eq!(Value::percent(0.5).width(), Some(5.0));
    }
}
