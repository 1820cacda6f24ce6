//! Merged ranges of an OpenDocument spreadsheet, which calamine does not report.
//!
//! `content.xml` is streamed once: rows and cells are counted with their
//! `number-rows-repeated` / `number-columns-repeated`, and a cell with
//! `number-columns-spanned` / `number-rows-spanned` above 1 opens a merge there.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Merge;
use super::grid::{MAX_COLS, MAX_ROWS};

/// The merges of every table, by table name.
///
/// # Errors
/// A short Chinese reason when `content.xml` is missing or is not well-formed XML.
pub(crate) fn ods_merges(bytes: &[u8]) -> Result<HashMap<String, Vec<Merge>>, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("压缩结构损坏：{e}"))?;
    let part = zip
        .by_name("content.xml")
        .map_err(|_| "缺少 content.xml".to_string())?;
    let mut reader = Reader::from_reader(BufReader::new(part));
    let mut walk = Walk::default();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => walk.open(&e, false),
            Ok(Event::Empty(e)) => walk.open(&e, true),
            Ok(Event::End(e)) => walk.close(e.local_name().as_ref()),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("content.xml 结构错误：{e}")),
        }
        buf.clear();
    }
    Ok(walk.merges)
}

#[derive(Debug, Default)]
struct Walk {
    merges: HashMap<String, Vec<Merge>>,
    table: Option<String>,
    /// The 0-based row of the open row, and how many rows it stands for.
    row: u32,
    row_repeat: u32,
    col: u32,
}

impl Walk {
    fn open(&mut self, e: &BytesStart, empty: bool) {
        match e.local_name().as_ref() {
            "table" if !empty => {
                self.table = attr(e, "name");
                self.row = 0;
            }
            "table-row" => {
                self.col = 0;
                self.row_repeat = number(e, "number-rows-repeated").max(1);
                if empty {
                    self.close("table-row");
                }
            }
            "table-cell" | "covered-table-cell" => {
                let across = number(e, "number-columns-spanned");
                let down = number(e, "number-rows-spanned");
                if (across > 1 || down > 1) && self.row < MAX_ROWS && self.col < MAX_COLS {
                    let merge = Merge {
                        first_row: self.row,
                        first_col: self.col,
                        last_row: self.row.saturating_add(down.max(1) - 1).min(MAX_ROWS - 1),
                        last_col: self.col.saturating_add(across.max(1) - 1).min(MAX_COLS - 1),
                    };
                    let table = self.table.clone().unwrap_or_default();
                    self.merges.entry(table).or_default().push(merge);
                }
                self.col = self
                    .col
                    .saturating_add(number(e, "number-columns-repeated").max(1));
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &str) {
        match local {
            "table-row" => self.row = self.row.saturating_add(self.row_repeat.max(1)),
            "table" => self.table = None,
            _ => {}
        }
    }
}

/// The value of the attribute whose local name is `local` (`r:id` is `id`).
pub(super) fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A count attribute; missing or nonsense is 0.
fn number(e: &BytesStart, local: &str) -> u32 {
    attr(e, local)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}
