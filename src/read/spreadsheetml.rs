//! SpreadsheetML 2003 XML, what many web systems export and name `.xls`.
//!
//! `Worksheet ss:Name` → sheet; `Row`/`Cell` with `ss:Index` (1-based, skipping
//! columns), `ss:MergeAcross`/`ss:MergeDown` → merges; `Data ss:Type` String,
//! Number, DateTime, Boolean, Error → typed cells. `x:Visible` gives hidden sheets.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::failure::Damage;
use super::grid::{Budget, Grid};
use super::workbook::{admit, parse_iso_datetime};
use super::{Cell, Contents, Failure, Input, Merge, Sheet, Visibility, decode};

/// Reads every worksheet of a SpreadsheetML file.
pub(crate) fn read(bytes: &[u8], src: &Input) -> Result<Contents, Failure> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).into_owned();
    let decoded = decode::decode(bytes, src.opts.encoding, decode::declared_charset(&head));
    let mut problems = decoded.problems(src.name);
    let parsed = Parser::new(src.budget()).run(&decoded.text)?;
    let sheets = parsed
        .into_iter()
        .filter_map(|s| admit(s, src.name, &mut problems))
        .collect();
    Ok(Contents {
        encoding: Some(decoded.label),
        sheets,
        problems,
    })
}

/// The element being read, where it matters.
#[derive(Debug)]
struct Parser {
    sheets: Vec<Sheet>,
    /// What the sheets not yet begun may take.
    budget: Budget,
    /// The open worksheet: its name, grid and visibility.
    sheet: Option<(String, Grid, Visibility)>,
    row: Option<u32>,
    /// The next free column of the open row, and the position of the open cell.
    next_col: u32,
    cell: Option<(u32, u32)>,
    /// The `ss:Type` and text of the open `Data` element.
    data: Option<(String, String)>,
    in_comment: bool,
    in_visible: bool,
}

impl Parser {
    fn new(budget: Budget) -> Self {
        Self {
            sheets: Vec::new(),
            budget,
            sheet: None,
            row: None,
            next_col: 0,
            cell: None,
            data: None,
            in_comment: false,
            in_visible: false,
        }
    }

    fn run(mut self, text: &str) -> Result<Vec<Sheet>, Failure> {
        let mut reader = Reader::from_str(text);
        loop {
            let event = reader.read_event().map_err(|e| Damage::Xml {
                part: "XML".into(),
                at: reader.buffer_position(),
                error: e.to_string(),
            })?;
            match event {
                Event::Start(e) => self.start(&e, false)?,
                Event::Empty(e) => self.start(&e, true)?,
                Event::End(e) => self.end(e.local_name().as_ref())?,
                Event::Text(t) => self.text(&t.xml10_content()),
                Event::CData(t) => self.text(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let name = r.xml10_content();
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_default()
                            .to_string(),
                    };
                    self.text(&resolved);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        self.end("Worksheet")?;
        Ok(self.sheets)
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), Failure> {
        match e.local_name().as_ref() {
            "Worksheet" => {
                self.end("Worksheet")?;
                let name =
                    attr(e, "Name").unwrap_or_else(|| format!("Sheet{}", self.sheets.len() + 1));
                self.sheet = Some((name, Grid::new(self.budget), Visibility::Visible));
                self.row = None;
            }
            "Row" => {
                let row = index(e)?.unwrap_or_else(|| self.row.map_or(0, |r| r + 1));
                self.row = Some(row);
                self.next_col = 0;
            }
            "Cell" => {
                let row = self.row.unwrap_or(0);
                let col = index(e)?.unwrap_or(self.next_col);
                let across = number(e, "MergeAcross")?.unwrap_or(0);
                let down = number(e, "MergeDown")?.unwrap_or(0);
                self.next_col = col.saturating_add(across).saturating_add(1);
                if let Some((_, grid, _)) = self.sheet.as_mut() {
                    grid.set(row, col, Cell::Empty)?;
                    let merge = Merge {
                        first_row: row,
                        first_col: col,
                        last_row: row.saturating_add(down),
                        last_col: col.saturating_add(across),
                    };
                    grid.merge(merge);
                }
                self.cell = (!empty).then_some((row, col));
            }
            "Data" if self.cell.is_some() && !self.in_comment && !empty => {
                self.data = Some((
                    attr(e, "Type").unwrap_or_else(|| "String".into()),
                    String::new(),
                ));
            }
            "Comment" if !empty => self.in_comment = true,
            "Visible" if !empty => self.in_visible = true,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, local: &str) -> Result<(), Failure> {
        match local {
            "Worksheet" => {
                if let Some((name, grid, vis)) = self.sheet.take() {
                    let (sheet, left) = grid.into_sheet(name, vis, false)?;
                    self.budget = left;
                    self.sheets.push(sheet);
                }
            }
            "Data" if !self.in_comment => {
                if let (Some((kind, text)), Some((row, col)), Some((_, grid, _))) =
                    (self.data.take(), self.cell, self.sheet.as_mut())
                {
                    grid.set(row, col, typed(&kind, text))?;
                }
            }
            "Cell" => self.cell = None,
            "Comment" => self.in_comment = false,
            "Visible" => self.in_visible = false,
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, t: &str) {
        if let Some((_, text)) = self.data.as_mut() {
            text.push_str(t);
        } else if self.in_visible
            && let Some((_, _, vis)) = self.sheet.as_mut()
        {
            *vis = match t.trim() {
                "SheetHidden" => Visibility::Hidden,
                "SheetVeryHidden" => Visibility::VeryHidden,
                _ => *vis,
            };
        }
    }
}

/// An attribute by local name, whatever its prefix (`ss:Index`, `Index`).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn number(e: &BytesStart, local: &'static str) -> Result<Option<u32>, Damage> {
    match attr(e, local) {
        None => Ok(None),
        Some(value) => value
            .trim()
            .parse::<u32>()
            .map(Some)
            .map_err(|_| Damage::Attribute { name: local, value }),
    }
}

/// `ss:Index`, 1-based in the file, 0-based here.
fn index(e: &BytesStart) -> Result<Option<u32>, Damage> {
    Ok(number(e, "Index")?.map(|i| i.saturating_sub(1)))
}

fn typed(kind: &str, text: String) -> Cell {
    match kind {
        "Number" => text
            .trim()
            .parse::<f64>()
            .map_or_else(|_| Cell::Text(text.into()), Cell::Number),
        "DateTime" => parse_iso_datetime(&text).map_or_else(|| Cell::Text(text.into()), Cell::Date),
        "Boolean" => match text.trim() {
            "1" | "true" | "TRUE" => Cell::Bool(true),
            "0" | "false" | "FALSE" => Cell::Bool(false),
            _ => Cell::Text(text.into()),
        },
        "Error" => Cell::Error(text.into()),
        _ if text.is_empty() => Cell::Empty,
        _ => Cell::Text(text.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::Code;
    use crate::read::ReadOptions;

    const BOOK: &str = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="明细">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">附件1</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">单位</Data></Cell><Cell><Data ss:Type="String">标题</Data></Cell><Cell><Data ss:Type="String">发布日期</Data></Cell><Cell><Data ss:Type="String">数量</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">民政局</Data></Cell><Cell><Data ss:Type="String">A &amp; B &#x4E00;</Data><Comment><Data>批注</Data></Comment></Cell><Cell><Data ss:Type="DateTime">2026-11-05T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">12</Data></Cell></Row>
   <Row ss:Index="5"><Cell ss:Index="2"><Data ss:Type="Boolean">1</Data></Cell><Cell ss:Index="4"><Data ss:Type="Error">#REF!</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="隐藏">
  <Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="深藏">
  <Table><Row><Cell><Data ss:Type="String">y</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetVeryHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>"#;

    #[test]
    fn spreadsheetml_cells_merges_and_types() {
        let opts = ReadOptions::default();
        let c = read(
            BOOK.as_bytes(),
            &Input {
                name: "a.xls",
                opts: &opts,
            },
        )
        .unwrap();
        let names: Vec<_> = c.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["明细", "隐藏"]);
        let s = &c.sheets[0];
        assert_eq!(s.cell(0, 2), &Cell::Text("附件1".into()));
        assert_eq!(s.cell(3, 0), &Cell::Text("民政局".into()));
        assert_eq!(s.cell(2, 1), &Cell::Text("A & B 一".into()));
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 5)
            .unwrap()
            .and_time(chrono::NaiveTime::MIN);
        assert_eq!(s.cell(2, 2), &Cell::Date(d));
        assert_eq!(s.cell(2, 3), &Cell::Number(12.0));
        assert_eq!(s.cell(4, 1), &Cell::Bool(true));
        assert_eq!(s.cell(4, 3), &Cell::Error("#REF!".into()));
        assert_eq!(c.sheets[1].visibility, Visibility::Hidden);
        let codes: Vec<_> = c.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::HiddenSheetWithData, Code::VeryHiddenSheet]);
    }

    #[test]
    fn broken_xml_is_unreadable_not_a_panic() {
        let opts = ReadOptions::default();
        let bad = &BOOK[..BOOK.len() / 2].replace("</Row>", "</Rw>");
        let r = read(
            bad.as_bytes(),
            &Input {
                name: "a.xls",
                opts: &opts,
            },
        );
        assert!(
            matches!(r, Err(Failure::Damaged(Damage::Xml { .. }))),
            "{r:?}"
        );
    }
}
