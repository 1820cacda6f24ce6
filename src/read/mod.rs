//! Read: turn the bytes of one file into sheets of typed cells, or into problems.
//!
//! The real format comes from the first bytes, never the extension. Text is decoded
//! to UTF-8 here, once; spreadsheets go through calamine, HTML through scraper.
//! Nothing after this stage knows which format a sheet came from.

mod biff;
mod decode;
mod delimited;
mod failure;
mod format;
mod grid;
mod html;
mod ods;
mod ole;
mod ooxml;
mod sniff;
mod spreadsheetml;
mod workbook;
mod xlsx_parts;

pub(crate) use decode::{known_label, undecodable_at};
pub(crate) use format::{Delimiter, Format};
pub use workbook::excel_serial_to_datetime;

use std::panic::{AssertUnwindSafe, PanicHookInfo, catch_unwind};
use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::problems::{Code, Problem};
use failure::Damage;
pub(crate) use failure::Failure;
use grid::Budget;

/// One cell value, already decoded and typed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub(crate) enum Cell {
    #[default]
    Empty,
    /// Shared, so that a copy (a merged range's cells, a table's record) costs no allocation.
    Text(#[serde(with = "crate::cache::shared_str")] Arc<str>),
    Number(f64),
    /// A cell the workbook formats as a date, converted with its date system (1900 or 1904).
    Date(NaiveDateTime),
    Bool(bool),
    /// An error value such as `#REF!`.
    Error(#[serde(with = "crate::cache::shared_str")] Arc<str>),
    /// A formula whose result the file does not hold (an xlsx written by a program and
    /// never saved by Excel or WPS), as the formula bar shows it: `=A3&"号"`.
    Formula(#[serde(with = "crate::cache::shared_str")] Arc<str>),
}

impl Cell {
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a person reading the sheet would see it.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) | Cell::Formula(s) => s.to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// A merged range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet as a grid of cells from A1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Sheet {
    pub name: String,
    pub visibility: Visibility,
    /// `rows[r][c]` is the cell at 0-based row `r`, column `c`; rows may differ in length.
    /// Every cell of a merged range holds the value of its top-left cell.
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// Whether plain numbers that are really dates count from 1904 (Mac Excel).
    pub date1904: bool,
    /// The 0-based rows the sheet hides (an autofilter's, or by hand), in order; read
    /// from xlsx files only.
    pub hidden_rows: Vec<u32>,
    /// The web addresses cells link to, as (0-based row, column, address) in order: a
    /// title copied from a website keeps its link, a 链接 cell may read 点击查看. Read from
    /// xlsx (hyperlinks and `HYPERLINK` formulas) and HTML (`<a href>`) files.
    pub links: Vec<Link>,
}

/// The web address a cell links to: (0-based row, column, address).
pub(crate) type Link = (u32, u32, String);

impl Sheet {
    /// The web address the cell at `row`, `col` links to.
    pub(crate) fn link(&self, row: u32, col: u32) -> Option<&str> {
        let at = (self.links).binary_search_by_key(&(row, col), |&(r, c, _)| (r, c));
        at.ok().map(|i| self.links[i].2.as_str())
    }

    pub(crate) fn cell(&self, row: u32, col: u32) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row as usize)
            .and_then(|r| r.get(col as usize))
            .unwrap_or(&EMPTY)
    }
}

/// How to read one file: the safety limits and, when the office set one for it, the text encoding.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReadOptions {
    pub limits: Limits,
    /// Overrides the guessed encoding of a text file (`[encoding]` in zwgk.toml).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Everything read from one file: its real format, its text encoding, its sheets and
/// the problems met on the way. A file that cannot be read has no sheets and a problem.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileRead {
    pub format: Format,
    /// The text encoding label ("UTF-8", "UTF-8 (BOM)", "GB18030", "UTF-16LE" …); `None` for workbooks.
    pub encoding: Option<&'static str>,
    pub sheets: Vec<Sheet>,
    pub problems: Vec<Problem>,
}

impl FileRead {
    fn failed(format: Format, problem: Problem) -> Self {
        Self {
            format,
            encoding: None,
            sheets: Vec::new(),
            problems: vec![problem],
        }
    }

    /// Whether any problem stopped the file from being read.
    pub(crate) fn is_failed(&self) -> bool {
        self.sheets.is_empty()
            && self
                .problems
                .iter()
                .any(|p| p.severity == crate::problems::Severity::Error)
    }
}

/// What a format reader hands back: the sheets, the encoding of a text file and any
/// problems that did not stop the reading.
#[derive(Debug, Default)]
pub(crate) struct Contents {
    pub encoding: Option<&'static str>,
    pub sheets: Vec<Sheet>,
    pub problems: Vec<Problem>,
}

/// What every reader needs to know about the file besides its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// The display path used in problems.
    pub name: &'a str,
    pub opts: &'a ReadOptions,
}

impl Input<'_> {
    /// The file name without its folders.
    fn file_name(&self) -> &str {
        self.name.rsplit(['/', '\\']).next().unwrap_or(self.name)
    }

    /// The file name without extension: the sheet name of a single-table file.
    pub(crate) fn stem(&self) -> String {
        let file = self.file_name();
        match file.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem.to_string(),
            _ => file.to_string(),
        }
    }

    /// What the cells of this file may take, under its limits.
    fn budget(&self) -> Budget {
        Budget::of(&self.opts.limits)
    }

    /// The extension in lower case, without the dot; empty when there is none.
    pub(crate) fn extension(&self) -> String {
        match self.file_name().rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
            _ => String::new(),
        }
    }
}

/// Reads one file from its bytes, whatever its extension says.
///
/// Never panics and never gives up early: a file that cannot be read comes back with
/// no sheets and a problem saying why and what to do. `name` is the display path
/// (workspace-relative, `/` separators) used in every problem.
pub(crate) fn read_bytes(bytes: &[u8], name: &str, opts: &ReadOptions) -> FileRead {
    let src = Input { name, opts };
    let mut read = sniff_and_read(bytes, &src);
    if !read.is_failed() {
        read.note_wrong_extension(&src);
        read.note_no_data(name);
    }
    read
}

/// The most bytes a file whose first bytes are `head` may have, under `limits`: a text
/// file `text_mib`, anything else `unzipped_mib` (a zip holds no more than it unpacks
/// to, and no workbook is larger). Checked before the rest of a file is read.
///
/// # Errors
/// [`Failure::TooLarge`] when `size` is beyond it.
pub(crate) fn size_limit(head: &[u8], size: u64, limits: &Limits) -> Result<u64, Failure> {
    const MIB: u64 = 1 << 20;
    let binary = head.starts_with(sniff::OLE_MAGIC) || head.starts_with(b"PK");
    let (limit_mib, oversize): (u64, fn(u64, u64) -> failure::Oversize) = if binary {
        (limits.unzipped_mib, |bytes, limit_mib| {
            failure::Oversize::File { bytes, limit_mib }
        })
    } else {
        (limits.text_mib, |bytes, limit_mib| {
            failure::Oversize::Text { bytes, limit_mib }
        })
    };
    let limit = limit_mib.saturating_mul(MIB);
    if size > limit {
        return Err(oversize(size, limit_mib).into());
    }
    Ok(limit)
}

/// Sniffs, then reads with the reader of the real format; each step isolated from panics.
fn sniff_and_read(bytes: &[u8], src: &Input) -> FileRead {
    let format = match isolate(|| sniff::sniff(bytes, src)) {
        Ok(Ok(Format::Empty)) => {
            return FileRead::failed(Format::Empty, Problem::new(Code::EmptyFile, src.name, &[]));
        }
        Ok(Ok(format)) => format,
        Ok(Err((format, failure))) => return FileRead::failed(format, failure.problem(src.name)),
        Err(caught) => return FileRead::failed(Format::Unknown, caught.problem(src.name)),
    };
    match isolate(|| read_format(format, bytes, src)) {
        Ok(Ok(c)) => FileRead {
            format,
            encoding: c.encoding,
            sheets: c.sheets,
            problems: c.problems,
        },
        Ok(Err(failure)) => FileRead::failed(format, failure.problem(src.name)),
        Err(caught) => FileRead::failed(format, caught.problem(src.name)),
    }
}

impl FileRead {
    /// F003 when the extension names another format than the bytes hold.
    fn note_wrong_extension(&mut self, src: &Input) {
        let ext = src.extension();
        if self.format.fits_extension(&ext) {
            return;
        }
        let shown = if ext.is_empty() {
            "（无）".to_string()
        } else {
            format!(".{ext}")
        };
        let p = Problem::new(Code::FormatMismatch, src.name, &[&shown, self.format.zh()]);
        self.problems.insert(0, p);
    }

    /// F009 when no sheet holds a single non-empty cell.
    fn note_no_data(&mut self, name: &str) {
        let has_data = self
            .sheets
            .iter()
            .any(|s| s.rows.iter().flatten().any(|c| !c.is_empty()));
        if !has_data && self.format != Format::Empty {
            self.problems.push(Problem::new(Code::EmptyFile, name, &[]));
        }
    }
}

fn read_format(format: Format, bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Xls => {
            workbook::read(format, bytes, src)
        }
        Format::Ods => ods::read_packed(bytes, src),
        Format::FlatOds => ods::read_flat(bytes, src),
        Format::Html => html::read(bytes, src),
        Format::SpreadsheetXml => spreadsheetml::read(bytes, src),
        Format::Utf16Text(d) | Format::Delimited(d) => delimited::read(bytes, d, src),
        Format::EncryptedOoxml => Err(Failure::Encrypted),
        Format::Empty | Format::Unknown => Err(Damage::NotAWorkbook.into()),
    }
}

/// A panic caught while reading one file.
#[derive(Debug, Clone, PartialEq)]
enum Caught {
    /// In another crate's reader (calamine, zip, quick-xml …): the file's content is
    /// damaged in a way that reader did not expect.
    Damaged(String),
    /// In zwgk's own code: a fault of zwgk.
    Internal(String),
}

impl Caught {
    fn problem(self, name: &str) -> Problem {
        match self {
            Self::Damaged(message) => Failure::Damaged(Damage::Panicked(message)).problem(name),
            Self::Internal(message) => Problem::new(Code::ReaderPanic, name, &[&message]),
        }
    }
}

thread_local! {
    /// Whether the last panic on this thread arose outside zwgk's own sources.
    static PANIC_IN_DEPENDENCY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Notes where a panic arose, for [`isolate`] to tell a damaged file from a fault of
/// zwgk; the command line's panic hook calls it first thing.
pub(crate) fn note_panic(info: &PanicHookInfo<'_>) {
    // Cargo names the files of the crate being built relative to it (`src/…`), those of
    // dependencies by their absolute path in the registry.
    let outside = info
        .location()
        .is_some_and(|l| !l.file().starts_with("src/"));
    PANIC_IN_DEPENDENCY.set(outside);
}

/// Runs one reader so that a panic inside it becomes a problem for this file instead
/// of ending the run.
fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    PANIC_IN_DEPENDENCY.set(false);
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "未知原因".into());
        if PANIC_IN_DEPENDENCY.get() {
            Caught::Damaged(message)
        } else {
            Caught::Internal(message)
        }
    })
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod regressions;
#[cfg(test)]
mod tests;

/// Whether a 链接 cell's text gives an address, however written: `http://…`,
/// `http：//…`, `网址：http://…`, `www.…`, or a host and path without a scheme
/// (`daying.gov.cn/art/1.html`). Only a cell that gives none takes the address it links to.
pub(crate) fn gives_address(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    // A form's printed `http://`, to be filled in, gives none.
    if ["http://", "https://", "http://www.", "https://www."].contains(&t.as_str()) {
        return false;
    }
    let (host, _) = t.split_once('/').unwrap_or((&t, ""));
    let label =
        |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    t.contains("http") || t.contains("www.") || (host.contains('.') && host.split('.').all(label))
}

/// Whether a link's target is a web address (`http://`, `https://`, `www.`), as an item's
/// 链接 is: not a mail address, a file beside the workbook or a place in it.
pub(crate) fn is_web_address(target: &str) -> bool {
    let t = target.trim().as_bytes();
    let starts = |p: &[u8]| t.len() > p.len() && t[..p.len()].eq_ignore_ascii_case(p);
    starts(b"http://") || starts(b"https://") || starts(b"www.")
}
