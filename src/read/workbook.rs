//! Workbooks through calamine (xlsx/xlsm, xlsb, xls), read from memory, after the
//! checks that keep calamine from allocating what a file only declares (`ooxml`, `biff`).
//!
//! Cells are placed at absolute positions from A1 (calamine counts from the start of
//! the used range). Merged ranges come from the workbook: from the sheet parts for xlsx
//! (`xlsx_parts`), from calamine for xls; xlsb has none (calamine cannot read them
//! there). Dates follow the workbook's date system, 1900 or 1904. An xlsx formula
//! without a result, which calamine reads as empty, is [`Cell::Formula`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Display;
use std::io::Cursor;

use calamine::{
    Data, DataRef, ExcelDateTime, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::failure::{Damage, Failure};
use super::grid::{Budget, Grid};
use super::ole::Ole;
use super::xlsx_parts::{SheetParts, xlsx_parts};
use super::{Cell, Contents, Format, Input, Merge, Sheet, Visibility, biff, ooxml};
use crate::problems::{Code, Problem};

type Bytes<'a> = Cursor<&'a [u8]>;

/// Reads every worksheet of a workbook whose format was sniffed as `format`.
pub(crate) fn read(format: Format, bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    match format {
        Format::Xlsx | Format::Xlsm => {
            let package = ooxml::prepare(bytes, format, src)?;
            let book = XlsxBook {
                xlsx: Xlsx::new(Cursor::new(&package.bytes[..])).map_err(failure)?,
                parts: xlsx_parts(
                    &package.bytes,
                    &package.sheets,
                    (package.recalc, &package.percent),
                ),
            };
            read_book(book, src, package.problems)
        }
        Format::Xlsb => {
            let package = ooxml::prepare(bytes, format, src)?;
            let book = Xlsb::new(Cursor::new(&package.bytes[..])).map_err(failure)?;
            read_book(book, src, package.problems)
        }
        Format::Xls => {
            let bytes = checked_xls(bytes, src)?;
            read_book(
                Xls::new(Cursor::new(&bytes[..])).map_err(failure)?,
                src,
                Vec::new(),
            )
        }
        _ => Err(Damage::NotAWorkbook.into()),
    }
}

/// The bytes of an `.xls` once its records passed [`biff::check`]: the file itself, or a
/// copy with the DIMENSIONS records that declared far more than the sheet holds zeroed.
fn checked_xls<'a>(bytes: &'a [u8], src: &Input) -> Result<Cow<'a, [u8]>, Failure> {
    let ole = Ole::open(bytes)?;
    let Some(stream) = ole.stream("Workbook")?.or(ole.stream("Book")?) else {
        return Err(Damage::Ole("没有 Workbook 数据流").into());
    };
    let zeroes = biff::check(&stream.bytes, &src.opts.limits)?;
    if zeroes.is_empty() {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut copy = bytes.to_vec();
    for (at, len) in zeroes {
        for offset in at..at + len {
            if let Some(i) = stream.file_offset(offset) {
                copy[i] = 0;
            }
        }
    }
    Ok(Cow::Owned(copy))
}

fn read_book<B: Book>(
    mut book: B,
    src: &Input,
    problems: Vec<Problem>,
) -> Result<Contents, Failure> {
    let date1904 = book.date1904();
    let mut contents = Contents {
        problems,
        ..Contents::default()
    };
    let mut budget = src.budget();
    for meta in book.sheets() {
        // Chart, dialog and macro sheets hold no cells to report.
        if meta.typ != SheetType::WorkSheet {
            continue;
        }
        let visibility = match meta.visible {
            SheetVisible::Visible => Visibility::Visible,
            SheetVisible::Hidden => Visibility::Hidden,
            SheetVisible::VeryHidden => Visibility::VeryHidden,
        };
        if visibility == Visibility::VeryHidden {
            let p =
                Problem::new(Code::VeryHiddenSheet, src.name, &[&meta.name]).at(&meta.name, None);
            contents.problems.push(p);
            continue;
        }
        let sheet = book
            .grid(&meta.name, date1904, budget)
            .and_then(|mut grid| {
                let (hidden, links) = (book.hidden_rows(&meta.name), book.links(&meta.name));
                for m in book.merges(&meta.name)? {
                    grid.merge(m);
                }
                let (mut sheet, left) = grid.into_sheet(meta.name.clone(), visibility, date1904)?;
                sheet.hidden_rows = hidden;
                sheet.links = links;
                Ok((sheet, left))
            });
        match sheet {
            Ok((sheet, left)) => {
                budget = left;
                let admitted = admit(sheet, src.name, &mut contents.problems);
                contents.sheets.extend(admitted);
            }
            Err(failure) => contents
                .problems
                .push(failure.problem(src.name).at(&meta.name, None)),
        }
    }
    Ok(contents)
}

/// Applies the hidden-sheet rules: a very hidden sheet is skipped (L003); a hidden
/// sheet that holds data is kept, with a warning (L002).
pub(crate) fn admit(sheet: Sheet, file: &str, problems: &mut Vec<Problem>) -> Option<Sheet> {
    match sheet.visibility {
        Visibility::VeryHidden => {
            problems.push(
                Problem::new(Code::VeryHiddenSheet, file, &[&sheet.name]).at(&sheet.name, None),
            );
            None
        }
        Visibility::Hidden if sheet.rows.iter().flatten().any(|c| !c.is_empty()) => {
            problems.push(
                Problem::new(Code::HiddenSheetWithData, file, &[&sheet.name]).at(&sheet.name, None),
            );
            Some(sheet)
        }
        _ => Some(sheet),
    }
}

/// What the readers of the four workbook formats share.
trait Book {
    fn sheets(&self) -> Vec<calamine::Sheet>;
    fn date1904(&self) -> bool;
    /// The cells of one sheet at absolute positions, taking from `budget`.
    fn grid(&mut self, name: &str, date1904: bool, budget: Budget) -> Result<Grid, Failure>;
    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, Failure>;
    /// The rows a sheet hides, where the format's reader says (xlsx only).
    fn hidden_rows(&mut self, _name: &str) -> Vec<u32> {
        Vec::new()
    }
    /// The web addresses a sheet's cells link to, where the format's reader says (xlsx
    /// only).
    fn links(&mut self, _name: &str) -> Vec<super::Link> {
        Vec::new()
    }
}

/// calamine's xlsx reader, with the merges and formulas without a result of every sheet
/// read at once beforehand (`None` when they could not be: calamine then reads each
/// sheet's merges).
struct XlsxBook<'a> {
    xlsx: Xlsx<Bytes<'a>>,
    parts: Option<HashMap<String, SheetParts>>,
}

impl Book for XlsxBook<'_> {
    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.xlsx.sheets_metadata().to_vec()
    }

    fn date1904(&self) -> bool {
        self.xlsx.has_1904_epoch()
    }

    fn grid(&mut self, name: &str, date1904: bool, budget: Budget) -> Result<Grid, Failure> {
        // Cell by cell rather than worksheet_range: a range is allocated as one dense
        // block, and a stray value at XFD1048576 would ask for billions of cells.
        let mut cells = self.xlsx.worksheet_cells_reader(name).map_err(failure)?;
        let mut grid = Grid::new(budget);
        let parts = self.parts.as_mut().and_then(|p| p.get_mut(name));
        let (percent, uncached) = parts
            .map(|p| {
                (
                    std::mem::take(&mut p.percent),
                    std::mem::take(&mut p.uncached),
                )
            })
            .unwrap_or_default();
        while let Some(cell) = cells.next_cell().map_err(failure)? {
            let (at, value) = (cell.get_position(), cell.get_value());
            let number = match *value {
                DataRef::Float(n) => Some(n),
                DataRef::Int(i) => Some(i as f64),
                _ => None,
            };
            // As Excel shows it: a score typed as 2.5% is 2.5%, not 0.025.
            match number.filter(|_| !percent.is_empty() && percent.binary_search(&at).is_ok()) {
                Some(n) => grid.set(at.0, at.1, Cell::Text(percent_text(n).into()))?,
                None => put(&mut grid, at, value, date1904)?,
            }
        }
        for (row, col, formula) in uncached {
            grid.set(row, col, Cell::Formula(formula.into()))?;
        }
        Ok(grid)
    }

    fn hidden_rows(&mut self, name: &str) -> Vec<u32> {
        let parts = self.parts.as_mut().and_then(|p| p.get_mut(name));
        parts
            .map(|p| std::mem::take(&mut p.hidden))
            .unwrap_or_default()
    }

    fn links(&mut self, name: &str) -> Vec<super::Link> {
        let parts = self.parts.as_mut().and_then(|p| p.get_mut(name));
        parts
            .map(|p| std::mem::take(&mut p.links))
            .unwrap_or_default()
    }

    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, Failure> {
        if let Some(found) = self.parts.as_mut().and_then(|p| p.remove(name)) {
            return Ok(found.merges);
        }
        Ok(self
            .xlsx
            .merge_cells_by_sheet_name(name)
            .map_err(failure)?
            .iter()
            .map(merge)
            .collect())
    }
}

impl Book for Xlsb<Bytes<'_>> {
    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.sheets_metadata().to_vec()
    }

    fn date1904(&self) -> bool {
        self.has_1904_epoch()
    }

    fn grid(&mut self, name: &str, date1904: bool, budget: Budget) -> Result<Grid, Failure> {
        let mut cells = self.worksheet_cells_reader(name).map_err(failure)?;
        let mut grid = Grid::new(budget);
        while let Some(cell) = cells.next_cell().map_err(failure)? {
            put(&mut grid, cell.get_position(), cell.get_value(), date1904)?;
        }
        Ok(grid)
    }

    fn merges(&mut self, _name: &str) -> Result<Vec<Merge>, Failure> {
        Ok(Vec::new())
    }
}

impl Book for Xls<Bytes<'_>> {
    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.sheets_metadata().to_vec()
    }

    fn date1904(&self) -> bool {
        self.has_1904_epoch()
    }

    fn grid(&mut self, name: &str, date1904: bool, budget: Budget) -> Result<Grid, Failure> {
        let range = self.worksheet_range(name).map_err(failure)?;
        range_grid(&range, date1904, Grid::new(budget))
    }

    fn merges(&mut self, name: &str) -> Result<Vec<Merge>, Failure> {
        Ok(self
            .merge_cells_by_sheet_name(name)
            .map_err(failure)?
            .iter()
            .map(merge)
            .collect())
    }
}

/// A calamine range placed at its absolute position (its start is not A1).
fn range_grid(range: &Range<Data>, date1904: bool, mut grid: Grid) -> Result<Grid, Failure> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    for (r, c, value) in range.used_cells() {
        let at = |base: u32, offset: usize| base.saturating_add(offset as u32);
        grid.set(at(row0, r), at(col0, c), from_data(value, date1904))?;
    }
    Ok(grid)
}

fn merge(d: &calamine::Dimensions) -> Merge {
    Merge {
        first_row: d.start.0,
        first_col: d.start.1,
        last_row: d.end.0,
        last_col: d.end.1,
    }
}

/// The calamine errors that can mean "password protected".
trait BookError: Display {
    fn is_password(&self) -> bool;
}

impl BookError for XlsxError {
    fn is_password(&self) -> bool {
        matches!(self, XlsxError::Password)
    }
}

impl BookError for XlsbError {
    fn is_password(&self) -> bool {
        matches!(self, XlsbError::Password)
    }
}

impl BookError for XlsError {
    fn is_password(&self) -> bool {
        matches!(self, XlsError::Password)
    }
}

fn failure<E: BookError>(e: E) -> Failure {
    if e.is_password() {
        Failure::Encrypted
    } else {
        Damage::Workbook(e.to_string()).into()
    }
}

fn from_data(value: &Data, date1904: bool) -> Cell {
    match value {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => text(s),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => datetime(dt, date1904),
        Data::DateTimeIso(s) => parse_iso_datetime(s).map_or_else(|| text(s), Cell::Date),
        Data::DurationIso(s) => text(s),
        Data::Error(e) => Cell::Error(e.to_string().into()),
        Data::Empty => Cell::Empty,
    }
}

/// Puts one cell calamine read into `grid`; a shared string shares its text with the
/// same one above it.
fn put(
    grid: &mut Grid,
    (row, col): (u32, u32),
    value: &DataRef,
    date1904: bool,
) -> Result<(), Failure> {
    match value {
        DataRef::SharedString(s) => grid.set_text(row, col, s),
        value => grid.set(row, col, from_data_ref(value, date1904)),
    }
}

/// A number as a percent, to full precision: 0.025 → `2.5%`.
fn percent_text(n: f64) -> String {
    format!("{}%", (n * 1e11).round() / 1e9)
}

fn from_data_ref(value: &DataRef, date1904: bool) -> Cell {
    match value {
        DataRef::SharedString(s) => text(s),
        DataRef::String(s) => text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => datetime(dt, date1904),
        DataRef::DateTimeIso(s) => parse_iso_datetime(s).map_or_else(|| text(s), Cell::Date),
        DataRef::DurationIso(s) => text(s),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
        DataRef::Empty => Cell::Empty,
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

fn datetime(dt: &ExcelDateTime, date1904: bool) -> Cell {
    let serial = dt.as_f64();
    if dt.is_duration() {
        return Cell::Number(serial);
    }
    match excel_serial_to_datetime(serial, date1904) {
        Some(d) => Cell::Date(d),
        // The day Excel invented: shown as text, so a person sees what Excel shows.
        None if !date1904 && (60.0..61.0).contains(&serial) => Cell::Text("1900-02-29".into()),
        None => Cell::Number(serial),
    }
}

/// The date and time an Excel serial number stands for, in the 1900 or 1904 date system.
///
/// In the 1900 system serials below 61 are off by one (Excel counts a 29 February 1900
/// that never was); serial 60 itself is that day, and gives `None`, as do negative
/// serials and serials past 9999-12-31.
pub fn excel_serial_to_datetime(serial: f64, date1904: bool) -> Option<NaiveDateTime> {
    if !serial.is_finite() || serial < 0.0 {
        return None;
    }
    let epoch = match (date1904, serial) {
        (true, _) => NaiveDate::from_ymd_opt(1904, 1, 1),
        (false, s) if s < 60.0 => NaiveDate::from_ymd_opt(1899, 12, 31),
        (false, s) if s < 61.0 => return None,
        (false, _) => NaiveDate::from_ymd_opt(1899, 12, 30),
    }?;
    let ms = (serial * 86_400_000.0).round();
    if ms > 3.0e14 {
        return None;
    }
    let at = epoch
        .and_time(NaiveTime::MIN)
        .checked_add_signed(Duration::milliseconds(ms as i64))?;
    (at.date() <= NaiveDate::from_ymd_opt(9999, 12, 31)?).then_some(at)
}

/// An ISO 8601 date or date-time as ODS and SpreadsheetML write them.
pub(crate) fn parse_iso_datetime(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}
