//! Test support: read a written workbook back, its cells through calamine and its
//! XML parts through zip, so tests check what a user's Excel would open.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

/// The cells of `sheet`, as calamine returns them.
pub(crate) fn cells(path: &Path, sheet: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(sheet).unwrap()
}

/// The cell at 0-based (`row`, `col`) of `sheet`.
pub(crate) fn cell(path: &Path, sheet: &str, row: u32, col: u32) -> Data {
    let range = cells(path, sheet);
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// The sheet names in workbook order.
pub(crate) fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
}

/// The text of the zip part `name`, such as `xl/styles.xml`.
pub(crate) fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The names of all zip parts.
pub(crate) fn parts(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let zip = zip::ZipArchive::new(file).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

/// The value of attribute `attr` on the first `<tag …>` element in `xml`.
pub(crate) fn attr(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag} "))?;
    let element = &xml[start..start + xml[start..].find('>')?];
    let key = format!(" {attr}=\"");
    let at = element.find(&key)? + key.len();
    let len = element[at..].find('"')?;
    Some(element[at..at + len].to_string())
}
