//! Write: every workbook zwgk produces (the consolidated 汇总, annexes, per-unit
//! reports, submission templates) goes through [`Book`]. It sets a Chinese font on
//! every cell, writes submitted text only as text, sizes columns for CJK, sets up
//! printing, leaves validated cells for people to fill in, splits sheets past Excel's
//! row limit and saves atomically.

mod balance;
mod body;
mod chart;
mod entry;
mod error;
mod fit;
mod height;
mod layout;
mod measure;
mod names;
mod package;
mod page;
mod pages;
mod save;
mod sheet;
mod stream;
mod styles;
mod value;
mod width;

#[cfg(test)]
mod readback;
#[cfg(test)]
mod tests;

pub(crate) use chart::Bar;
pub(crate) use entry::{Check, Entry, Validation};
pub use error::{Kept, WriteError};
pub(crate) use measure::{break_at, break_between, break_name, ems, even_break, lines, units_of};
pub(crate) use names::{SheetNames, file_name};
pub(crate) use page::{Orientation, PageSetup};
pub(crate) use save::{
    create_folder, guarded, save_bytes, save_patched, save_streamed, save_workbook,
};
pub(crate) use sheet::Sheet;
pub(crate) use stream::Stream;
pub(crate) use styles::{AnnexStyle, DATA_SIZE, Look, Role, SONG, TitleFont};
pub(crate) use value::{MAX_TEXT, Value, percent_tenths, too_long};
pub(crate) use width::Widths;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

use crate::problems::{Code, Place, Problem};
use body::Body;
use height::{Leading, Wrapped};
use package::Patch;
use styles::{Kind, Palette, Style};

/// Rows per sheet in Excel (1,048,576), header included.
pub(crate) const MAX_ROWS: u32 = 1_048_576;

/// A text cut to Excel's 32,767-character limit, for the caller to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Truncation {
    /// The sheet.
    pub sheet: String,
    /// The cell.
    pub place: Place,
    /// The length of the original text, in characters.
    pub chars: usize,
}

impl Truncation {
    /// The problem to report, located at the cell of `output`, the workbook's
    /// workspace-relative path.
    pub(crate) fn problem(&self, output: &str) -> Problem {
        Problem::new(Code::CellTruncated, output, &[&self.chars.to_string()])
            .at(self.sheet.clone(), self.place)
    }
}

/// Deflate level of every workbook written: the fastest. At level 6, the library's
/// default, saving a million-row 明细 took 4.9 s instead of 1.2 s.
pub const ZIP_LEVEL: u8 = 1;

/// A workbook being written. Create sheets with [`Book::sheet`] (or [`Book::stream`]
/// for very long ones), write them, then [`Book::save`].
pub(crate) struct Book {
    workbook: Workbook,
    names: SheetNames,
    /// One entry per worksheet, in workbook order.
    sheets: Vec<SheetState>,
    truncations: Vec<Truncation>,
    /// The index in the workbook of the format of each style of a streamed row.
    streamed: Vec<(Style, u32)>,
}

/// What a book remembers of each sheet until it is saved.
#[derive(Debug)]
struct SheetState {
    name: String,
    palette: Palette,
    widths: Widths,
    /// The last text measured in each column: the rows below it often repeat it (the
    /// unit, file and sheet of every item of a file) and need no measuring.
    measured: Vec<String>,
    /// Column widths the caller fixed, which measuring must not change.
    fixed: BTreeMap<u16, f64>,
    /// The widest the caller lets a measured column be.
    caps: BTreeMap<u16, f64>,
    /// Columns printed at the same width (the two 单位 columns of side-by-side pairs).
    same: Vec<Vec<u16>>,
    /// Data columns whose text wraps instead of running into the next column.
    wrap: BTreeSet<u16>,
    /// Annex columns kept wide enough for their header on one line.
    whole: BTreeSet<u16>,
    /// Annex columns kept as wide as their longest line where the page allows it at full
    /// size; where it does not, they wrap like the others.
    rather_whole: BTreeSet<u16>,
    /// Annex columns of lists of names (政府办、宣传部), broken only between names, with
    /// the width of their widest name, which they keep where the page allows it at full
    /// size.
    names: BTreeMap<u16, f64>,
    /// Annex columns of unit names, a name that wraps broken where a word ends, with the
    /// width of their widest word, which they keep where the page allows it at full size.
    words: BTreeMap<u16, f64>,
    /// Columns of indicators' names, a name that wraps broken between words.
    terms: BTreeSet<u16>,
    /// Annex columns kept wide enough for words of so many CJK characters, where the
    /// page allows it at full size.
    whole_words: BTreeMap<u16, f64>,
    /// Whether an annex's columns share the page's width by what their text needs
    /// ([`Sheet::balance_widths`]) rather than in proportion.
    balanced: bool,
    /// The first row not written yet.
    next_row: u32,
    last_col: Option<u16>,
    /// How the sheet prints.
    page: PageSetup,
    /// Whether an annex may print in the other orientation, where that prints better.
    turnable: bool,
    /// Whether an annex a little too long for one page may be shrunk to 90 % to print on
    /// one (a unit's report); the annexes of a 公文 never are.
    shrinkable: bool,
    /// Whether a data sheet's pages are broken by zwgk rather than by the program
    /// that prints it.
    paged: bool,
    /// The last row written as a 合计, which printing keeps with rows of its table.
    total: Option<u32>,
    /// The first and last header rows, repeated on every printed page.
    header: Option<(u32, u32)>,
    /// Ranges of rows an annex keeps on one printed page.
    keeps: Vec<(u32, u32)>,
    /// Columns that start a printed page, set by the caller.
    col_breaks: Vec<u16>,
    /// Text that wraps or spans merged cells, whose rows are sized when the column
    /// widths are known.
    wrapped: Vec<Wrapped>,
    /// Merged cells, written when the book is saved: split where printed pages break,
    /// each part holding the text.
    merges: Vec<Merge>,
    /// The rows of a streamed sheet, spliced in when the book is saved.
    body: Option<Body>,
}

/// A merged range and what it holds.
#[derive(Debug, Clone)]
struct Merge {
    rows: (u32, u32),
    cols: (u16, u16),
    value: Value<'static>,
    style: styles::Style,
}

impl Default for Book {
    fn default() -> Self {
        Self::new()
    }
}

impl Book {
    /// An empty workbook whose default font is 宋体 11, as in Chinese Excel.
    pub(crate) fn new() -> Self {
        let mut workbook = Workbook::new();
        // Cannot fail: no worksheet exists yet and 72 px is a supported width.
        let _ = workbook.set_default_format(
            &styles::default_format(),
            styles::DEFAULT_ROW_PX,
            styles::DEFAULT_COL_PX,
        );
        workbook.set_zip_compression_level(ZIP_LEVEL);
        let streamed = register_streamed(&mut workbook);
        Self {
            workbook,
            names: SheetNames::default(),
            sheets: Vec::new(),
            truncations: Vec::new(),
            streamed,
        }
    }

    /// Keeps `value` under `name` among the workbook's custom document properties, for
    /// zwgk to read back (as a 通报 reads the date of the period's evaluation reports).
    pub(crate) fn stamp(&mut self, name: &str, value: &str) {
        let properties = DocProperties::new().set_custom_property(name, value);
        self.workbook.set_properties(&properties);
    }

    /// Adds a sheet named after `name` (made valid and unique, see
    /// [`SheetNames::unique`]) and returns its writer. Data sheets print A4
    /// landscape; annex sheets A4 portrait with GB/T 9704 margins (see
    /// [`Sheet::page_setup`] to change either).
    ///
    /// # Errors
    /// Never in practice; the signature leaves room for rust_xlsxwriter's checks.
    pub(crate) fn sheet(&mut self, name: &str, look: Look) -> Result<Sheet<'_>, WriteError> {
        let name = self.names.unique(name);
        let worksheet = self.workbook.add_worksheet();
        worksheet
            .set_name(&name)
            .map_err(|e| xlsx_error(&name, e))?;
        let setup = match look {
            Look::Data => PageSetup::data(),
            Look::Annex(_) => PageSetup::annex(Orientation::Portrait),
        };
        setup.apply(worksheet);
        self.sheets.push(SheetState::new(name, look, setup));
        Ok(Sheet::new(self, self.sheets.len() - 1))
    }

    /// Adds a data sheet written row by row in constant memory, with the header
    /// `headers`; past Excel's row limit it continues on `name(2)`, `name(3)` …,
    /// each with the header repeated.
    ///
    /// # Errors
    /// [`WriteError`] when the temporary file behind the sheet cannot be created.
    pub(crate) fn stream(
        &mut self,
        name: &str,
        headers: &[&str],
    ) -> Result<Stream<'_>, WriteError> {
        Stream::new(self, name, headers, MAX_ROWS - 1)
    }

    /// The texts cut to Excel's cell limit so far; report them with
    /// [`Truncation::problem`].
    pub(crate) fn truncations(&self) -> &[Truncation] {
        &self.truncations
    }

    /// Moves the first `n` sheets after the others, keeping the order of each part.
    pub(crate) fn move_to_end(&mut self, n: usize) {
        let n = n.min(self.sheets.len());
        self.sheets.rotate_left(n);
        self.workbook.worksheets_mut().rotate_left(n);
    }

    /// The names of the sheets, in workbook order.
    pub(crate) fn sheet_names(&self) -> Vec<&str> {
        self.sheets.iter().map(|s| s.name.as_str()).collect()
    }

    /// Applies the measured column widths, sizes the rows of merged text, adds the
    /// filters of data sheets, and saves atomically to `path` (see [`save_workbook`]).
    /// Read [`Book::truncations`] afterwards to report texts that were cut.
    ///
    /// # Errors
    /// [`WriteError`] as [`save_workbook`] describes.
    pub(crate) fn save(&mut self, path: &Path) -> Result<(), WriteError> {
        for (index, state) in self.sheets.iter().enumerate() {
            let worksheet = self
                .workbook
                .worksheet_from_index(index)
                .map_err(|e| xlsx_error(&state.name, e))?;
            state
                .finish(worksheet)
                .map_err(|e| xlsx_error(&state.name, e))?;
        }
        let mut patches = Vec::new();
        for (i, state) in self.sheets.iter_mut().enumerate() {
            if let Some(body) = state.body.take() {
                let last_row = body.last_row;
                let rows = body.finish().map_err(temp_error)?;
                let last_col = state.last_col.unwrap_or(0);
                patches.push((
                    i,
                    Patch::Rows {
                        rows,
                        last_row,
                        last_col,
                    },
                ));
            } else if state.page.footer.even().is_some() {
                patches.push((i, Patch::EvenFooter));
            }
        }
        if patches.is_empty() {
            save_workbook(&mut self.workbook, path)
        } else {
            save_patched(&mut self.workbook, path, patches)
        }
    }

    /// The index in the workbook of the format of `style`, a style of streamed rows.
    fn streamed_xf(&self, style: Style) -> u32 {
        let found = self.streamed.iter().find(|(s, _)| *s == style);
        debug_assert!(found.is_some(), "{style:?} is not a style of streamed rows");
        found.map_or(0, |(_, xf)| *xf)
    }

    /// Adds a worksheet whose rows below the header are a [`Body`]; used by [`Stream`].
    fn add_streamed(&mut self, name: &str) -> Result<usize, WriteError> {
        let body = Body::new().map_err(temp_error)?;
        let name = self.names.unique(name);
        let worksheet = self.workbook.add_worksheet();
        worksheet
            .set_name(&name)
            .map_err(|e| xlsx_error(&name, e))?;
        PageSetup::data().apply(worksheet);
        let mut state = SheetState::new(name, Look::Data, PageSetup::data());
        state.body = Some(body);
        self.sheets.push(state);
        Ok(self.sheets.len() - 1)
    }

    fn worksheet(&mut self, index: usize) -> Result<&mut Worksheet, WriteError> {
        let name = &self.sheets[index].name;
        self.workbook
            .worksheet_from_index(index)
            .map_err(|e| xlsx_error(name, e))
    }
}

impl SheetState {
    fn new(name: String, look: Look, page: PageSetup) -> Self {
        Self {
            name,
            page,
            turnable: false,
            shrinkable: false,
            paged: false,
            total: None,
            palette: Palette::new(look),
            widths: Widths::default(),
            measured: Vec::new(),
            fixed: BTreeMap::new(),
            caps: BTreeMap::new(),
            same: Vec::new(),
            wrap: BTreeSet::new(),
            whole: BTreeSet::new(),
            rather_whole: BTreeSet::new(),
            names: BTreeMap::new(),
            words: BTreeMap::new(),
            terms: BTreeSet::new(),
            whole_words: BTreeMap::new(),
            balanced: false,
            next_row: 0,
            last_col: None,
            header: None,
            keeps: Vec::new(),
            col_breaks: Vec::new(),
            wrapped: Vec::new(),
            merges: Vec::new(),
            body: None,
        }
    }
}

/// Registers the formats of streamed rows (see [`Body`]) before any other, so that their
/// indices in the workbook are known before it is saved; returns them by style. The
/// workbook's default format is index 0, and so is the style of a cell with none.
/// rust_xlsxwriter's `register_format` is there for this: fixing indices before cells
/// are written in constant-memory mode, which numbers formats in the order first used.
fn register_streamed(workbook: &mut Workbook) -> Vec<(Style, u32)> {
    let data = Palette::new(Look::Data);
    let mut registered: Vec<&rust_xlsxwriter::Format> = Vec::new();
    let styles = (Kind::ALL.into_iter().map(Style::Plain)).chain([Style::Wrap(Role::Body)]);
    styles
        .map(|style| {
            let Some(format) = data.get(style) else {
                return (style, 0);
            };
            let at = registered.iter().position(|f| *f == format);
            let at = at.unwrap_or_else(|| {
                workbook.register_format(format);
                registered.push(format);
                registered.len() - 1
            });
            (style, u32::try_from(at + 1).unwrap_or(0))
        })
        .collect()
}

/// A streamed sheet's temporary file could not be written: the temporary folder (TMPDIR)
/// is missing, unwritable or full.
fn temp_error(source: std::io::Error) -> WriteError {
    WriteError::TempDir {
        dir: std::env::temp_dir(),
        source,
    }
}

/// rust_xlsxwriter's error as a Chinese message naming the sheet.
fn xlsx_error(sheet: &str, e: XlsxError) -> WriteError {
    match e {
        XlsxError::TempFileError(dir, source) => WriteError::TempDir { dir, source },
        e => WriteError::Sheet {
            sheet: sheet.to_string(),
            source: e,
        },
    }
}
