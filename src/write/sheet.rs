//! Writing one sheet: rows of typed values in named formats, merged ranges, titles and
//! notes across the table, and what printing must know of the sheet — the header rows,
//! the 合计, rows kept on one page, columns that wrap or share a width.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::WriteError;
use super::fit::ROOM;
use super::height::Breaking;
use super::measure::{title_lines, units_for, widest_name_ems, widest_word_ems};
use super::styles::{Kind, Style};
use super::value::fit_text;
use super::width::MAX_WIDTH;
use super::{
    Book, Leading, Look, MAX_ROWS, Merge, PageSetup, Role, SheetState, Truncation, Value, Wrapped,
    xlsx_error,
};
use crate::problems::Place;

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
        self.remember(
            (row, row),
            (0, 0),
            &label,
            Style::Label,
            size,
            Leading::Heading,
        );
        self.skip(1);
        self.title(title, last_col)
    }

    /// Writes `title` centred across columns `0..=last_col` on the next row, in the
    /// look's title face.
    ///
    /// # Errors
    /// [`WriteError`] when the sheet is full.
    pub(crate) fn title(&mut self, title: &str, last_col: u16) -> Result<(), WriteError> {
        let state = self.state();
        let size = state.palette.title_size();
        if !matches!(state.palette.look(), Look::Annex(_)) {
            return self.across(title, last_col, Style::Title, size);
        }
        // An annex's table fills the width of its page, and its title with it.
        let room = state.page.type_area().0 * ROOM;
        self.across(
            &title_lines(title, room, size),
            last_col,
            Style::Title,
            size,
        )
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
        let row = self.next_row();
        for (col, value) in (0u16..).zip(values) {
            self.write_ref(row, col, value, Role::Body)?;
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
        let wraps = self.state().wraps(col, role, value);
        self.book.sheets[self.index].measure(col, value, wraps);
        let style = match value {
            Value::Text(_) if wraps => Style::Wrap(role),
            _ => Style::Cell(role, value.kind()),
        };
        self.book.put(self.index, row, col, value, style)?;
        self.note_total(row, role);
        if wraps {
            let size = self.state().palette.body_size();
            self.remember((row, row), (col, col), value, style, size, Leading::Table);
        }
        Ok(())
    }

    /// Merges rows `first_row..=last_row` × columns `first_col..=last_col` into one
    /// cell holding `value` in the format of `role` (a 一级栏目 spanning its
    /// sections, a two-row header label). On an annex, a range that a printed page
    /// breaks is split there, each part holding the value.
    ///
    /// # Errors
    /// [`WriteError`] when the range is past Excel's last row.
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
        let wraps = self.state().wraps(first_col, role, &value) || first_col != last_col;
        if first_col == last_col {
            self.book.sheets[self.index].measure(first_col, &value, wraps);
        }
        let style = match value {
            Value::Text(_) if wraps => Style::Wrap(role),
            _ => Style::Cell(role, value.kind()),
        };
        self.note_total(last_row, role);
        let (rows, cols) = ((first_row, last_row), (first_col, last_col));
        // Excel does not fit a row to a merged cell spanning columns, nor any row to
        // wrapped annex text.
        if wraps && matches!(value, Value::Text(_)) {
            let size = self.state().palette.body_size();
            let leading = match self.state().palette.look() {
                Look::Annex(_) => Leading::Table,
                Look::Data => Leading::Heading,
            };
            self.remember(rows, cols, &value, style, size, leading);
        }
        self.defer(rows, cols, value, style)
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

    /// On a data sheet, wraps the text of column `col` at `width` characters (its rows
    /// made as tall as their text) instead of letting it run into the next column.
    pub(crate) fn wrap(&mut self, col: u16, width: f64) {
        self.max_width(col, width);
        self.state_mut().wrap.insert(col);
    }

    /// Keeps annex column `col` as wide as its longest line (its header on one line):
    /// other columns give way when the table is too wide for the page.
    pub(crate) fn keep_whole(&mut self, col: u16) {
        self.state_mut().whole.insert(col);
    }

    /// Keeps annex column `col` as wide as its longest line (a unit's name on one line)
    /// where the page allows it at full size; where it does not, the column wraps like
    /// the others rather than shrink the page.
    pub(crate) fn rather_whole(&mut self, col: u16) {
        self.state_mut().rather_whole.insert(col);
    }

    /// Breaks the lists of names (政府办、宣传部) of annex column `col` only between names,
    /// and keeps it wide enough for its widest name where the page allows it at full size:
    /// no name is cut in two that the page has room for. A name too long for the column
    /// breaks as in [`Self::break_at_words`]. Call it before writing the column.
    pub(crate) fn between_names(&mut self, col: u16) {
        self.state_mut().names.insert(col, 0.0);
    }

    /// Breaks a unit's name in annex column `col` that does not fit on one line where a
    /// word ends (政务服务和 / 大数据管理局, not 政务服务和大数据管 / 理局), as it does the
    /// 合计 label spanning 序号 and the column, and keeps the column wide enough for its
    /// widest word (公共资源交易 of 公共资源交易中心) where the page allows it at full size:
    /// every line the tool breaks fits the printed column. Call it before writing the
    /// column.
    pub(crate) fn break_at_words(&mut self, col: u16) {
        self.state_mut().words.insert(col, 0.0);
    }

    /// Breaks an indicator's name in column `col` that does not fit on one line between
    /// its words (政府信息 / 公开专栏, not 政府信息公开专 / 栏), at the column's width.
    pub(crate) fn break_terms(&mut self, col: u16) {
        self.state_mut().terms.insert(col);
    }

    /// Keeps annex column `col` wide enough for a word of `chars` CJK characters (法律援助,
    /// 户口迁移), or for its longest line where that is shorter, where the page allows it
    /// at full size: a column of short names splits none of them.
    pub(crate) fn whole_words(&mut self, col: u16, chars: u8) {
        self.state_mut().whole_words.insert(col, f64::from(chars));
    }

    /// Gives the room an annex's columns have beyond their least to the columns whose
    /// text needs it, where the page is too narrow for every column's longest line: each
    /// step of width to the column where it saves the most height, so that a column
    /// whose text fills few rows (a 备注) takes little from those whose text fills every
    /// row. Without it, each column gives up the same share of its room.
    pub(crate) fn balance_widths(&mut self) {
        self.state_mut().balanced = true;
    }

    /// Prints columns `cols` at one width, the widest of them (the 单位 columns of
    /// side-by-side pairs).
    pub(crate) fn same_width(&mut self, cols: &[u16]) {
        self.state_mut().same.push(cols.to_vec());
    }

    /// Keeps rows `first..=last` on one printed page of an annex, where a page can hold
    /// them: a page breaks before `first` rather than between them.
    pub(crate) fn keep_together(&mut self, first: u32, last: u32) {
        if first < last {
            self.state_mut().keeps.push((first, last));
        }
    }

    /// Starts a printed page at each column of `cols`, the first column repeated on
    /// every page, printing at `scale` percent (Excel ignores manual breaks on a sheet
    /// scaled to fit); merged ranges the breaks cross are split, each part holding the
    /// text.
    ///
    /// # Errors
    /// [`WriteError`] when a column is past Excel's limits.
    pub(crate) fn column_breaks(&mut self, cols: &[u16], scale: u16) -> Result<(), WriteError> {
        self.state_mut().col_breaks = cols.to_vec();
        self.with_ws(|ws| {
            ws.set_print_scale(scale);
            ws.set_repeat_columns(0, 0)?;
            let cols: Vec<u32> = cols.iter().map(|&c| u32::from(c)).collect();
            ws.set_vertical_page_breaks(&cols).map(drop)
        })
    }

    /// Has a data sheet's printed pages broken by zwgk, as an annex's are, at the scale
    /// its columns allow: merged cells a page would cut (a form's 一级指标 over its
    /// indicators) are split there, their text shown on each page.
    pub(crate) fn break_pages(&mut self) {
        self.state_mut().paged = true;
    }

    /// The rows (0-based) that would start a printed page if the sheet were saved as
    /// it stands: an annex (or a sheet that [`Self::break_pages`]) knows where its
    /// pages break only from its widths and heights, decided over all of it.
    pub(crate) fn page_breaks(&self) -> Vec<u32> {
        self.state().page_breaks()
    }

    /// Lets an annex print in the other orientation when that prints it larger, or on
    /// fewer pages (a wide table turned landscape).
    pub(crate) fn may_turn(&mut self) {
        self.state_mut().turnable = true;
    }

    /// Lets an annex a little too long for one page print on one page at 90 % or more,
    /// rather than leave its last rows and 落款 to a second: a report each unit receives
    /// and signs on its own. The annexes of a 公文 are never shrunk to fit.
    pub(crate) fn may_shrink(&mut self) {
        self.state_mut().shrinkable = true;
    }

    /// Prints the sheet on one page, however long it is: a form handed out to fill in.
    ///
    /// # Errors
    /// Never in practice; see [`Book::sheet`].
    pub(crate) fn print_on_one_page(&mut self) -> Result<(), WriteError> {
        self.with_ws(|ws| {
            ws.set_print_fit_to_pages(1, 1);
            Ok(())
        })
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
        let text = Value::from(text);
        self.remember(
            (row, row),
            (0, last_col),
            &text,
            style,
            size,
            Leading::Heading,
        );
        if last_col == 0 {
            return self.book.put(self.index, row, 0, &text, style);
        }
        self.defer((row, row), (0, last_col), text, style)
    }

    /// Remembers `value`, shown in `style` at `size` points over `rows` × `cols`, to make
    /// its rows tall enough once the column widths are known (and to break a list of
    /// names between names then).
    fn remember(
        &mut self,
        rows: (u32, u32),
        cols: (u16, u16),
        value: &Value<'_>,
        style: Style,
        size: f64,
        leading: Leading,
    ) {
        let Some(text) = value.text() else { return };
        // As the cell holds it: a list of a province's units is cut to Excel's limit.
        let (text, _) = fit_text(text);
        // A cell of a names column, or the 合计 label that spans 序号 and the names.
        let label = style == Style::Wrap(Role::Total);
        let state = self.state();
        let of_names = state.names.contains_key(&cols.1) || state.words.contains_key(&cols.1);
        let own = cols.0 == cols.1 || label;
        let breaking = if of_names && own {
            Breaking::Names
        } else if state.terms.contains(&cols.1) && own {
            Breaking::Terms
        } else {
            Breaking::Program
        };
        self.state_mut().wrapped.push(Wrapped {
            rows,
            cols,
            text: text.into_owned(),
            size,
            leading,
            style,
            breaking,
        });
    }

    /// Records a merged range, written when the book is saved; a text too long for a
    /// cell is cut now and reported.
    fn defer(
        &mut self,
        rows: (u32, u32),
        cols: (u16, u16),
        value: Value<'_>,
        style: Style,
    ) -> Result<(), WriteError> {
        let index = self.index;
        let state = &mut self.book.sheets[index];
        if rows.1 >= MAX_ROWS {
            return Err(WriteError::SheetFull {
                sheet: state.name.clone(),
                row: u64::from(rows.1) + 1,
            });
        }
        let value = match value {
            Value::Text(text) => {
                let (kept, cut) = fit_text(&text);
                if let Some(chars) = cut {
                    self.book.truncations.push(Truncation {
                        sheet: state.name.clone(),
                        place: Place::cell(rows.0 + 1, u32::from(cols.0)),
                        chars,
                    });
                }
                Value::from(kept.into_owned())
            }
            other => other.into_owned(),
        };
        state.extend(rows.1, cols.1);
        state.merges.push(Merge {
            rows,
            cols,
            value,
            style,
        });
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
}

impl SheetState {
    /// Whether `value`, written in column `col` as `role`, wraps: annex text and
    /// header labels always do, data text where the caller asked for it.
    fn wraps(&self, col: u16, role: Role, value: &Value<'_>) -> bool {
        matches!(value, Value::Text(_))
            && (matches!(self.palette.look(), Look::Annex(_))
                || role == Role::Header
                || self.wrap.contains(&col))
    }

    /// Notes how wide `value` prints in column `col`, and, when it `wraps`, the least
    /// it can take.
    pub(crate) fn measure(&mut self, col: u16, value: &Value<'_>, wraps: bool) {
        let size = self.palette.body_size();
        let units = |ems: f64| units_for(ems * size);
        // A text prints at most 0.56 em per byte (Latin; a CJK character takes three
        // bytes for one em), so most cells of a long column need no measuring; nor do
        // any once the column is as wide as a column gets.
        let widest = self.widths.widest(col);
        if let Value::Text(s) = value
            && !wraps
            && (units(s.len() as f64 * 0.56) <= widest
                || widest >= MAX_WIDTH
                || self.repeats(col, s))
        {
            return;
        }
        let Some(natural) = value.ems() else { return };
        let least = if wraps {
            value.unbroken_ems().unwrap_or(natural)
        } else {
            natural
        };
        let indent = self.palette.indent(value.kind());
        if let (Some(widest), Value::Text(s)) = (self.names.get_mut(&col), value) {
            *widest = widest.max(units(widest_name_ems(s)) + indent);
        }
        if let (Some(widest), Value::Text(s)) = (self.words.get_mut(&col), value) {
            *widest = widest.max(units(widest_word_ems(s)) + indent);
        }
        self.widths
            .note(col, units(natural) + indent, units(least) + indent);
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
            .and_then(|ws| super::value::put_value(ws, row, col, value, format));
        let cut = written.map_err(|e| xlsx_error(&state.name, e))?;
        state.extend(row, col);
        if let Some(chars) = cut {
            self.cut(index, row, col, chars);
        }
        Ok(())
    }

    /// Records that the text at `row`, `col` of sheet `index` was cut from `chars`
    /// characters to Excel's cell limit.
    pub(super) fn cut(&mut self, index: usize, row: u32, col: u16, chars: usize) {
        self.truncations.push(Truncation {
            sheet: self.sheets[index].name.clone(),
            place: Place::cell(row + 1, u32::from(col)),
            chars,
        });
    }
}
