//! Very long data sheets (明细 can hold a million items) written row by row in
//! rust_xlsxwriter's constant-memory mode: each row goes to a temporary file as
//! soon as the next one starts. Past Excel's row limit the rows continue on
//! `明细(2)`, `明细(3)` …, each with the header repeated. Body cells are plain
//! ([`Style::Plain`]): no borders, so that a row costs no format lookups.

use super::WriteError;
use super::styles::{Kind, Style};
use super::{Book, Role, Value, xlsx_error};

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
        for (col, value) in (0u16..).zip(values) {
            self.book.sheets[self.index].measure(col, value);
            let style = Style::Plain(value.kind());
            self.book.put(self.index, row, col, value, style)?;
        }
        self.rows += 1;
        Ok(())
    }

    fn open_sheet(&mut self) -> Result<(), WriteError> {
        self.index = self.book.add_streamed(&self.base)?;
        self.rows = 0;
        for (col, label) in (0u16..).zip(&self.headers) {
            let value = Value::from(label.as_str());
            self.book.sheets[self.index].measure(col, &value);
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
