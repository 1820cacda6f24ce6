//! OpenDocument spreadsheets, packed (`.ods`, the tables in `content.xml`) or flat
//! (`.fods`, one XML file), read by streaming the XML once into the sheet grid.
//!
//! Not calamine: it expands every repeated row and column into cells before looking at
//! them (a row of one cell repeated a million times is a million cells, and
//! `<text:s text:c="4000000000"/>` four billion spaces), reports no merged ranges and does
//! not read flat files. Here a repeat costs only the cells that hold something, merges
//! come from `number-columns-spanned` / `number-rows-spanned`, and hidden tables from
//! their style's `table:display="false"`.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::failure::{Damage, Failure, Oversize};
use super::grid::{Budget, Grid, MAX_COLS};
use super::workbook::{admit, parse_iso_datetime};
use super::{Cell, Contents, Input, Merge, Sheet, Visibility, decode};

/// Reads the tables of a packed `.ods`.
pub(crate) fn read_packed(bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Damage::Zip(e.to_string()))?;
    let part = zip
        .by_name("content.xml")
        .map_err(|_| Damage::Workbook("缺少 content.xml".into()))?;
    let walk = Walk::new(src, "content.xml").run(Reader::from_reader(BufReader::new(part)))?;
    Ok(walk.contents(None))
}

/// Reads the tables of a flat `.fods`, an XML text in the encoding it declares.
pub(crate) fn read_flat(bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).into_owned();
    let decoded = decode::decode(bytes, src.opts.encoding, decode::declared_charset(&head));
    let problems = decoded.problems(src.name);
    let walk = Walk::new(src, "XML").run(Reader::from_reader(decoded.text.as_bytes()))?;
    let mut contents = walk.contents(Some(decoded.label));
    contents.problems.splice(0..0, problems);
    Ok(contents)
}

/// The open table and where in it the walk is.
struct Walk<'s> {
    src: &'s Input<'s>,
    part: &'static str,
    /// Whether each table style hides its table.
    hidden_styles: HashMap<String, bool>,
    style: Option<String>,
    sheets: Vec<Sheet>,
    problems: Vec<super::Problem>,
    budget: Budget,
    table: Option<(String, Grid, Visibility)>,
    row: u64,
    row_repeat: u64,
    col: u64,
    /// The cells of the open row (column, value), to be set once per repetition.
    cells: Vec<(u32, Cell)>,
    /// The open cell: its attributes and text, when its content is its value.
    cell: Option<OpenCell>,
    /// Depth inside an `office:annotation`, whose text is a comment, not the value.
    annotation: usize,
}

/// A cell whose element is open.
struct OpenCell {
    value: Cell,
    repeat: u64,
    /// Whether the text content is the value (a string without `office:string-value`).
    text_is_value: bool,
    text: String,
    paragraphs: usize,
}

impl<'s> Walk<'s> {
    fn new(src: &'s Input<'s>, part: &'static str) -> Self {
        Self {
            src,
            part,
            hidden_styles: HashMap::new(),
            style: None,
            sheets: Vec::new(),
            problems: Vec::new(),
            budget: src.budget(),
            table: None,
            row: 0,
            row_repeat: 1,
            col: 0,
            cells: Vec::new(),
            cell: None,
            annotation: 0,
        }
    }

    fn run<R: BufRead>(mut self, mut reader: Reader<R>) -> Result<Self, Failure> {
        let mut buf = Vec::new();
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|e| Damage::Xml {
                part: self.part.into(),
                at: reader.buffer_position(),
                error: e.to_string(),
            })?;
            match event {
                Event::Start(e) => self.open(&e, false)?,
                Event::Empty(e) => self.open(&e, true)?,
                Event::End(e) => self.close(e.local_name().as_ref())?,
                Event::Text(t) => self.text(&t.xml10_content())?,
                Event::CData(t) => self.text(&t.xml10_content())?,
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                            .unwrap_or_default()
                            .to_string(),
                    };
                    self.text(&resolved)?;
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        self.close("table")?;
        Ok(self)
    }

    fn contents(self, encoding: Option<&'static str>) -> Contents {
        let mut problems = self.problems;
        let sheets = self
            .sheets
            .into_iter()
            .filter_map(|s| admit(s, self.src.name, &mut problems))
            .collect();
        Contents {
            encoding,
            sheets,
            problems,
        }
    }

    fn open(&mut self, e: &BytesStart, empty: bool) -> Result<(), Failure> {
        if self.annotation > 0 {
            self.annotation += usize::from(!empty);
            return Ok(());
        }
        match e.local_name().as_ref() {
            "style" if !empty => self.style = attr(e, "name"),
            "table-properties" => {
                if let Some(style) = self.style.clone() {
                    let hidden = attr(e, "display").is_some_and(|d| d.trim() == "false");
                    self.hidden_styles.insert(style, hidden);
                }
            }
            "table" if !empty => {
                self.close("table")?;
                let name =
                    attr(e, "name").unwrap_or_else(|| format!("Sheet{}", self.sheets.len() + 1));
                let hidden = attr(e, "style-name")
                    .and_then(|s| self.hidden_styles.get(&s).copied())
                    .unwrap_or(false);
                let vis = if hidden {
                    Visibility::Hidden
                } else {
                    Visibility::Visible
                };
                self.table = Some((name, Grid::new(self.budget), vis));
                self.row = 0;
            }
            "table-row" if self.table.is_some() => {
                self.col = 0;
                self.cells.clear();
                self.row_repeat = number(e, "number-rows-repeated").max(1);
                if empty {
                    self.close("table-row")?;
                }
            }
            "table-cell" | "covered-table-cell" if self.table.is_some() => {
                self.open_cell(e)?;
                if empty {
                    self.close("table-cell")?;
                }
            }
            "annotation" if !empty => self.annotation = 1,
            "p" if !empty => {
                if let Some(cell) = self.cell.as_mut() {
                    if cell.paragraphs > 0 {
                        cell.text.push('\n');
                    }
                    cell.paragraphs += 1;
                }
            }
            // A run of spaces; no cell holds more than Excel's 32,767 characters.
            "s" => self.text(&" ".repeat(number(e, "c").clamp(1, 32_767) as usize))?,
            "tab" => self.text("\t")?,
            "line-break" => self.text("\n")?,
            _ => {}
        }
        Ok(())
    }

    fn open_cell(&mut self, e: &BytesStart) -> Result<(), Failure> {
        // `office:value-type`, and LibreOffice's `calcext:value-type` (`error`).
        let kind_is = |kind: &str| {
            e.attributes()
                .flatten()
                .any(|a| a.key.local_name().as_ref() == "value-type" && *a.value == *kind)
        };
        let text_kind = kind_is("string") || kind_is("error");
        let value = if let Some(v) = attr(e, "value") {
            v.trim().parse().map_or_else(|_| text(v), Cell::Number)
        } else if let Some(v) = attr(e, "date-value") {
            parse_iso_datetime(&v).map_or_else(|| text(v), Cell::Date)
        } else if let Some(v) = attr(e, "time-value") {
            text(v)
        } else if let Some(v) = attr(e, "boolean-value") {
            Cell::Bool(matches!(v.trim(), "true" | "TRUE"))
        } else if let Some(v) = attr(e, "string-value") {
            text(v)
        } else {
            Cell::Empty
        };
        let across = number(e, "number-columns-spanned");
        let down = number(e, "number-rows-spanned");
        if (across > 1 || down > 1)
            && self.col < u64::from(MAX_COLS)
            && let Some((_, grid, _)) = self.table.as_mut()
        {
            let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
            grid.merge(Merge {
                first_row: at(self.row),
                first_col: at(self.col),
                last_row: at(self.row.saturating_add(down.max(1) - 1)),
                last_col: at(self.col.saturating_add(across.max(1) - 1)),
            });
        }
        let text_is_value = value == Cell::Empty && text_kind;
        self.cell = Some(OpenCell {
            value,
            repeat: number(e, "number-columns-repeated").max(1),
            text_is_value,
            text: String::new(),
            paragraphs: 0,
        });
        Ok(())
    }

    fn close(&mut self, local: &str) -> Result<(), Failure> {
        if self.annotation > 0 {
            self.annotation -= 1;
            return Ok(());
        }
        match local {
            "style" => self.style = None,
            "table-cell" | "covered-table-cell" => {
                if let Some(cell) = self.cell.take() {
                    let value = if cell.text_is_value {
                        text(cell.text)
                    } else {
                        cell.value
                    };
                    if value != Cell::Empty {
                        let last = self
                            .col
                            .saturating_add(cell.repeat)
                            .min(u64::from(MAX_COLS));
                        for col in self.col..last {
                            self.cells.push((col as u32, value.clone()));
                        }
                    }
                    self.col = self.col.saturating_add(cell.repeat);
                }
            }
            "table-row" => self.close_row()?,
            "table" => {
                if let Some((name, grid, vis)) = self.table.take() {
                    let (sheet, left) = grid.into_sheet(name, vis, false)?;
                    self.budget = left;
                    self.sheets.push(sheet);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Sets the open row's cells once for each row it stands for.
    fn close_row(&mut self) -> Result<(), Failure> {
        let Some((_, grid, _)) = self.table.as_mut() else {
            return Ok(());
        };
        if !self.cells.is_empty() {
            for k in 0..self.row_repeat {
                let row = u32::try_from(self.row + k).unwrap_or(u32::MAX);
                for (col, value) in &self.cells {
                    grid.set(row, *col, value.clone())?;
                }
            }
        }
        self.cells.clear();
        self.row = self.row.saturating_add(self.row_repeat);
        Ok(())
    }

    fn text(&mut self, t: &str) -> Result<(), Failure> {
        if self.annotation > 0 {
            return Ok(());
        }
        if let Some(cell) = self.cell.as_mut().filter(|c| c.text_is_value) {
            cell.text.push_str(t);
            let limit_mib = self.src.opts.limits.text_mib;
            if cell.text.len() as u64 > limit_mib.saturating_mul(1 << 20) {
                let bytes = cell.text.len() as u64;
                return Err(Oversize::CellText { bytes, limit_mib }.into());
            }
        }
        Ok(())
    }
}

fn text(s: impl Into<String>) -> Cell {
    let s: String = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

/// The value of the attribute whose local name is `local` (`table:name` is `name`).
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
fn number(e: &BytesStart, local: &str) -> u64 {
    attr(e, local)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}
