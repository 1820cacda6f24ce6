//! Very long data sheets (明细 can hold a million items) written row by row: each row
//! goes to a temporary file as sheet XML as soon as it is written (see [`Body`]). Past
//! Excel's row limit the rows continue on `明细(2)`, `明细(3)` …, each with the header
//! repeated. Body cells are plain ([`Style::Plain`]): no borders, printed with gridlines
//! instead. Columns the caller asks to wrap have a fixed width, known before any row is
//! written, so that a row whose text needs more than a line is made tall enough as it is
//! written.
//!
//! [`Body`]: super::body::Body

use super::WriteError;
use super::measure::{lines, row_height};
use super::styles::{DATA_SIZE, Kind, Style};
use super::{Book, Role, Value, temp_error, xlsx_error};

/// A data sheet written in constant memory; see [`Book::stream`].
pub(crate) struct Stream<'b> {
    book: &'b mut Book,
    base: String,
    headers: Vec<String>,
    /// Data rows per sheet, below the header row.
    limit: u32,
    /// The sheet rows go to now.
    index: usize,
    /// Data rows written to the current sheet.
    rows: u32,
    /// Columns whose text wraps, with their widths.
    wrap: Vec<(u16, f64)>,
}

impl<'b> Stream<'b> {
    pub(crate) fn new(
        book: &'b mut Book,
        base: &str,
        headers: &[&str],
        limit: u32,
    ) -> Result<Self, WriteError> {
        let mut stream = Self {
            book,
            base: base.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            limit: limit.max(1),
            index: 0,
            rows: 0,
            wrap: Vec::new(),
        };
        stream.open_sheet()?;
        Ok(stream)
    }

    /// Writes the next data row, moving to a new sheet when this one is full.
    ///
    /// # Errors
    /// [`WriteError`] when the temporary file cannot be written.
    pub(crate) fn row(&mut self, values: &[Value<'_>]) -> Result<(), WriteError> {
        if self.rows == self.limit {
            self.open_sheet()?;
        }
        let row = self.rows + 1;
        let mut tallest = 1;
        let mut cells = Vec::with_capacity(values.len());
        for (col, value) in (0u16..).zip(values) {
            let wrapped = self.lines(col, value);
            let style = if wrapped > 1 {
                Style::Wrap(Role::Body)
            } else {
                self.book.sheets[self.index].measure(col, value, false);
                Style::Plain(value.kind())
            };
            tallest = tallest.max(wrapped);
            let xf = self.book.streamed_xf(style);
            let (cell, cut) = value.cell(xf > 0);
            if let Some(chars) = cut {
                self.book.cut(self.index, row, col, chars);
            }
            cells.push((col, cell, xf));
        }
        let height = (tallest > 1).then(|| row_height(tallest, DATA_SIZE));
        let state = &mut self.book.sheets[self.index];
        if let Some(body) = &mut state.body {
            body.row(row, height, &cells).map_err(temp_error)?;
        }
        if let Some(&(col, _, _)) = cells.last() {
            state.extend(row, col);
        }
        self.rows += 1;
        Ok(())
    }

    /// Wraps the text of column `col` in `width` units, on every sheet of the stream.
    pub(crate) fn wrap(&mut self, col: u16, width: f64) {
        self.wrap.push((col, width));
        self.book.sheets[self.index].fixed.insert(col, width);
    }

    /// The lines `value` takes in column `col`: more than one only for a long text in a
    /// column that wraps.
    fn lines(&self, col: u16, value: &Value<'_>) -> u32 {
        let (Some(text), Some(&(_, width))) =
            (value.text(), self.wrap.iter().find(|(c, _)| *c == col))
        else {
            return 1;
        };
        // A text prints at most 0.56 em a byte: most are short enough to need no count.
        if text.len() as f64 * 0.56 * DATA_SIZE <= width * 6.0 - 1.0 {
            return 1;
        }
        lines(text, width, DATA_SIZE)
    }

    fn open_sheet(&mut self) -> Result<(), WriteError> {
        self.index = self.book.add_streamed(&self.base)?;
        self.rows = 0;
        for &(col, width) in &self.wrap {
            self.book.sheets[self.index].fixed.insert(col, width);
        }
        for (col, label) in (0u16..).zip(&self.headers) {
            let value = Value::from(label.as_str());
            self.book.sheets[self.index].measure(col, &value, true);
            let style = Style::Cell(Role::Header, Kind::Text);
            self.book.put(self.index, 0, col, &value, style)?;
        }
        let state = &mut self.book.sheets[self.index];
        state.header = Some((0, 0));
        let name = state.name.clone();
        let worksheet = self.book.worksheet(self.index)?;
        // Plain body cells have no borders: gridlines draw the table on paper.
        worksheet.set_print_gridlines(true);
        worksheet
            .set_repeat_rows(0, 0)
            .and_then(|ws| ws.set_freeze_panes(1, 0))
            .map_err(|e| xlsx_error(&name, e))?;
        Ok(())
    }
}
