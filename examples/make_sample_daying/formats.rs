//! One small writer per file format a unit may send. Spreadsheets go through
//! rust_xlsxwriter; CSV, HTML-as-.xls, UTF-16 text and SpreadsheetML are written by
//! hand with encoding_rs for GBK. BIFF .xls, .ods and the encrypted .xlsx need tools
//! outside Rust: they are staged as .xlsx in `.pending/` for scripts/make-samples.

use std::error::Error;
use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as Style, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet,
};

use crate::grid::{Grid, RowKind, Val};

type Res<T> = Result<T, Box<dyn Error>>;

/// How a submission is stored on disk.
#[derive(Debug, Clone)]
pub enum Format {
    Xlsx,
    /// An xlsx package declared macro-enabled, as Excel saves a .xlsm.
    Xlsm,
    /// BIFF8 .xls, converted from a staged xlsx by LibreOffice.
    Biff,
    /// OpenDocument spreadsheet, converted from a staged xlsx by LibreOffice.
    Ods,
    /// An xlsx encrypted with the password 123 by msoffcrypto-tool.
    Encrypted,
    CsvGbk,
    CsvUtf8Bom,
    CsvUtf8,
    /// An HTML table with `<meta charset=gb2312>` and GBK bytes, saved as .xls by a web CMS.
    HtmlXls,
    /// UTF-16LE tab-separated text with a BOM, saved as .xls ("Unicode text").
    Utf16Xls,
    /// SpreadsheetML 2003 XML saved as .xls.
    XmlXls,
    /// A byte-identical copy of an earlier submission (workspace-relative path).
    CopyOf(String),
    /// Bytes written as they are (lock files, .DS_Store, Thumbs.db).
    Bytes(Vec<u8>),
}

impl Format {
    /// What the file really is, for the truth file.
    pub fn label(&self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Biff => "xls (BIFF8)",
            Format::Ods => "ods",
            Format::Encrypted => "xlsx (encrypted, password 123)",
            Format::CsvGbk => "csv (GBK)",
            Format::CsvUtf8Bom => "csv (UTF-8 with BOM)",
            Format::CsvUtf8 => "csv (UTF-8)",
            Format::HtmlXls => "xls that is an HTML table (GB2312/GBK)",
            Format::Utf16Xls => "xls that is UTF-16LE tab-separated text",
            Format::XmlXls => "xls that is SpreadsheetML 2003 XML",
            Format::CopyOf(_) => "byte-identical copy",
            Format::Bytes(_) => "system or temporary file",
        }
    }

    /// The extension the unit gave the file.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Xlsx | Format::Encrypted => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Ods => "ods",
            Format::CsvGbk | Format::CsvUtf8Bom | Format::CsvUtf8 => "csv",
            Format::Biff | Format::HtmlXls | Format::Utf16Xls | Format::XmlXls => "xls",
            Format::CopyOf(_) | Format::Bytes(_) => "",
        }
    }

    /// The conversion scripts/make-samples must run, for formats Rust cannot write.
    fn pending(&self) -> Option<&'static str> {
        match self {
            Format::Biff => Some("xls"),
            Format::Ods => Some("ods"),
            Format::Encrypted => Some("encrypt"),
            _ => None,
        }
    }
}

/// One file in the workspace.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Workspace-relative path with `/`.
    pub path: String,
    pub format: Format,
    pub sheets: Vec<Grid>,
    /// When the unit saved it: the workbook's creation date.
    pub saved: NaiveDate,
}

/// Writes `sub` under `root`; conversions still to run are appended to `jobs`.
///
/// # Errors
/// Any I/O or writer error, or text that GBK cannot encode.
pub fn write(root: &Path, sub: &Submission, jobs: &mut Vec<String>) -> Res<()> {
    let target = root.join(&sub.path);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if let Some(kind) = sub.format.pending() {
        let staged = format!("{}.xlsx", jobs.len() + 1);
        let dir = root.join(".pending");
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(&staged), xlsx(&sub.sheets, sub.saved)?)?;
        jobs.push(format!("{kind}\t{staged}\t{}", sub.path));
        return Ok(());
    }
    let bytes = match &sub.format {
        Format::Xlsx => xlsx(&sub.sheets, sub.saved)?,
        Format::Xlsm => macro_enabled(&xlsx(&sub.sheets, sub.saved)?)?,
        Format::CsvGbk => gbk(&delimited(first(sub)?, ',', "\r\n"))?,
        Format::CsvUtf8Bom => [
            b"\xEF\xBB\xBF".as_slice(),
            delimited(first(sub)?, ',', "\r\n").as_bytes(),
        ]
        .concat(),
        Format::CsvUtf8 => delimited(first(sub)?, ',', "\n").into_bytes(),
        Format::HtmlXls => gbk(&html(first(sub)?))?,
        Format::Utf16Xls => utf16le(&delimited(first(sub)?, '\t', "\r\n")),
        Format::XmlXls => spreadsheet_ml(&sub.sheets).into_bytes(),
        Format::CopyOf(original) => std::fs::read(root.join(original))?,
        Format::Bytes(b) => b.clone(),
        Format::Biff | Format::Ods | Format::Encrypted => {
            return Err("staged for conversion above".into());
        }
    };
    std::fs::write(target, bytes)?;
    Ok(())
}

fn first(sub: &Submission) -> Res<&Grid> {
    sub.sheets
        .first()
        .ok_or_else(|| format!("{} has no sheet", sub.path).into())
}

// ---------------------------------------------------------------- xlsx

/// The fonts and borders of a plain Chinese office table.
struct Styles {
    /// 附件1 in the top left corner.
    annex: Style,
    /// The table title, centred over the table.
    title: Style,
    /// 填报单位：… and 统计期间：… lines.
    meta: Style,
    header: Style,
    body: Style,
    number: Style,
    date: Style,
    date_cn: Style,
    note: Style,
}

impl Styles {
    fn new() -> Self {
        let base = Style::new().set_font_name("宋体").set_font_size(11);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Self {
            annex: Style::new().set_font_name("黑体").set_font_size(16),
            title: Style::new()
                .set_font_name("宋体")
                .set_font_size(14)
                .set_bold()
                .set_align(FormatAlign::Center),
            meta: base.clone(),
            header: cell.clone().set_bold().set_align(FormatAlign::Center),
            body: cell.clone(),
            number: cell.clone().set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Center),
            // Built-in id 31 is Chinese Excel's yyyy年m月d日; calamine does not know it.
            date_cn: cell.set_num_format_index(31).set_align(FormatAlign::Center),
            note: base,
        }
    }

    fn for_cell(&self, kind: RowKind, val: &Val) -> &Style {
        match (kind, val) {
            (RowKind::Title, Val::Text(t)) if t.starts_with("附件") => &self.annex,
            (RowKind::Title, Val::Text(t)) if t.contains('：') => &self.meta,
            (RowKind::Title, _) => &self.title,
            (RowKind::Note, _) => &self.note,
            (RowKind::Header, _) => &self.header,
            (_, Val::Date(_)) => &self.date,
            (_, Val::DateCn(_)) => &self.date_cn,
            (_, Val::Num(_)) => &self.number,
            _ => &self.body,
        }
    }
}

/// An xlsx workbook with one worksheet per grid.
///
/// # Errors
/// rust_xlsxwriter's errors (bad sheet name, bad date).
pub fn xlsx(sheets: &[Grid], saved: NaiveDate) -> Res<Vec<u8>> {
    let mut wb = Workbook::new();
    let created =
        ExcelDateTime::from_ymd(saved.year() as u16, saved.month() as u8, saved.day() as u8)?
            .and_hms(9, 30, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("Administrator")
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    let active = sheets.iter().position(|g| !g.hidden).unwrap_or(0);
    for (i, grid) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(&grid.name)?;
        for (col, width) in grid.widths.iter().enumerate() {
            ws.set_column_width(col as u16, *width)?;
        }
        fill_sheet(ws, grid, &styles)?;
        if grid.hidden {
            ws.set_hidden(true);
        } else if i == active {
            ws.set_active(true);
        }
    }
    Ok(wb.save_to_buffer()?)
}

fn fill_sheet(ws: &mut Worksheet, grid: &Grid, styles: &Styles) -> Res<()> {
    for (r, (kind, cells)) in grid.rows.iter().enumerate() {
        let r = r as u32;
        for (c, val) in cells.iter().enumerate() {
            let c = c as u16;
            if grid.covered(r, c) {
                continue;
            }
            let style = styles.for_cell(*kind, val);
            if let Some((last_row, last_col)) = grid.merge_at(r, c) {
                ws.merge_range(r, c, last_row, last_col, "", style)?;
            }
            write_val(ws, r, c, val, style)?;
        }
    }
    Ok(())
}

fn write_val(ws: &mut Worksheet, r: u32, c: u16, val: &Val, style: &Style) -> Res<()> {
    match val {
        Val::Empty => ws.write_blank(r, c, style)?,
        // Always a string cell: a title starting with = stays text.
        Val::Text(s) => ws.write_string_with_format(r, c, s, style)?,
        Val::Num(n) => ws.write_number_with_format(r, c, *n, style)?,
        Val::Date(d) | Val::DateCn(d) => {
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(r, c, &dt, style)?
        }
        Val::Error(e) => {
            ws.write_formula_with_format(r, c, Formula::new("=#REF!").set_result(*e), style)?
        }
    };
    Ok(())
}

/// Re-packs an xlsx with the macro-enabled workbook content type of a .xlsm.
fn macro_enabled(xlsx: &[u8]) -> Res<Vec<u8>> {
    const PLAIN: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    const MACRO: &str = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name()?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if name == "[Content_Types].xml" {
            data = String::from_utf8(data)?.replace(PLAIN, MACRO).into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&data)?;
    }
    Ok(out.finish()?.into_inner())
}

// ---------------------------------------------------------------- text formats

/// The grid as delimited text, every row padded to the grid's width like Excel does.
fn delimited(grid: &Grid, sep: char, eol: &str) -> String {
    let width = grid.width();
    let mut out = String::new();
    for (_, cells) in &grid.rows {
        let fields: Vec<String> = (0..width)
            .map(|c| cells.get(c).map(Val::shown).unwrap_or_default())
            .map(|f| quote(&f, sep))
            .collect();
        out.push_str(&fields.join(&sep.to_string()));
        out.push_str(eol);
    }
    out
}

fn quote(field: &str, sep: char) -> String {
    if field.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// GBK bytes; refuses text GBK cannot hold instead of writing HTML entities.
fn gbk(text: &str) -> Res<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    if unmappable {
        return Err(format!(
            "GBK cannot encode: {}",
            text.chars().take(40).collect::<String>()
        )
        .into());
    }
    Ok(bytes.into_owned())
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The table page a web CMS exports and names .xls.
fn html(grid: &Grid) -> String {
    let mut out = String::from(concat!(
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" ",
        "xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns=\"http://www.w3.org/TR/REC-html40\">\r\n",
        "<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\r\n",
        "<meta charset=gb2312>\r\n<title>信息发布统计</title>\r\n",
        "<style>td{mso-number-format:\"\\@\";font-size:12px;}</style>\r\n</head>\r\n<body>\r\n",
        "<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\r\n",
    ));
    for (r, (kind, cells)) in grid.rows.iter().enumerate() {
        out.push_str("<tr>");
        for (c, val) in cells.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if grid.covered(r32, c16) {
                continue;
            }
            let mut attrs = String::new();
            if let Some((last_row, last_col)) = grid.merge_at(r32, c16) {
                if last_col > c16 {
                    let _ = write!(attrs, " colspan=\"{}\"", last_col - c16 + 1);
                }
                if last_row > r32 {
                    let _ = write!(attrs, " rowspan=\"{}\"", last_row - r32 + 1);
                }
            }
            let text = escape(&val.shown());
            match kind {
                RowKind::Title => {
                    let _ = write!(out, "<td{attrs} align=\"center\"><b>{text}</b></td>");
                }
                RowKind::Header => {
                    let _ = write!(out, "<th{attrs}>{text}</th>");
                }
                _ => {
                    let _ = write!(out, "<td{attrs}>{text}</td>");
                }
            }
        }
        out.push_str("</tr>\r\n");
    }
    out.push_str("</table>\r\n</body>\r\n</html>\r\n");
    out
}

/// An Excel 2003 XML workbook, as older HR and finance systems export it.
fn spreadsheet_ml(sheets: &[Grid]) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n",
        "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" ",
        "xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\" ",
        "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\" xmlns:html=\"http://www.w3.org/TR/REC-html40\">\r\n",
        " <Styles>\r\n",
        "  <Style ss:ID=\"Default\" ss:Name=\"Normal\"><Font ss:FontName=\"宋体\" x:CharSet=\"134\" ss:Size=\"11\"/></Style>\r\n",
        "  <Style ss:ID=\"sTitle\"><Font ss:FontName=\"黑体\" x:CharSet=\"134\" ss:Size=\"14\" ss:Bold=\"1\"/></Style>\r\n",
        "  <Style ss:ID=\"sHead\"><Font ss:FontName=\"宋体\" x:CharSet=\"134\" ss:Bold=\"1\"/></Style>\r\n",
        "  <Style ss:ID=\"sDate\"><NumberFormat ss:Format=\"yyyy\\-mm\\-dd\"/></Style>\r\n",
        " </Styles>\r\n",
    ));
    for grid in sheets {
        let _ = write!(
            out,
            " <Worksheet ss:Name=\"{}\">\r\n  <Table>\r\n",
            escape(&grid.name)
        );
        for (r, (kind, cells)) in grid.rows.iter().enumerate() {
            out.push_str("   <Row>");
            let mut skipped = false;
            for (c, val) in cells.iter().enumerate() {
                let (r32, c16) = (r as u32, c as u16);
                if grid.covered(r32, c16) {
                    skipped = true;
                    continue;
                }
                out.push_str(&xml_cell(grid, *kind, val, r32, c16, skipped));
                skipped = false;
            }
            out.push_str("</Row>\r\n");
        }
        out.push_str("  </Table>\r\n </Worksheet>\r\n");
    }
    out.push_str("</Workbook>\r\n");
    out
}

fn xml_cell(grid: &Grid, kind: RowKind, val: &Val, r: u32, c: u16, after_gap: bool) -> String {
    let mut attrs = String::new();
    if after_gap {
        let _ = write!(attrs, " ss:Index=\"{}\"", c + 1);
    }
    if let Some((last_row, last_col)) = grid.merge_at(r, c) {
        if last_col > c {
            let _ = write!(attrs, " ss:MergeAcross=\"{}\"", last_col - c);
        }
        if last_row > r {
            let _ = write!(attrs, " ss:MergeDown=\"{}\"", last_row - r);
        }
    }
    match kind {
        RowKind::Title => attrs.push_str(" ss:StyleID=\"sTitle\""),
        RowKind::Header => attrs.push_str(" ss:StyleID=\"sHead\""),
        _ => {}
    }
    let data = match val {
        Val::Empty => return format!("<Cell{attrs}/>"),
        Val::Num(n) => format!("<Data ss:Type=\"Number\">{n}</Data>"),
        Val::Date(d) | Val::DateCn(d) => {
            attrs.push_str(" ss:StyleID=\"sDate\"");
            format!(
                "<Data ss:Type=\"DateTime\">{}T00:00:00.000</Data>",
                d.format("%Y-%m-%d")
            )
        }
        Val::Error(e) => format!("<Data ss:Type=\"Error\">{e}</Data>"),
        Val::Text(s) => format!("<Data ss:Type=\"String\">{}</Data>", escape(s)),
    };
    format!("<Cell{attrs}>{data}</Cell>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new("Sheet1");
        g.line(RowKind::Title, "隆盛镇2018年4月政务信息公开明细表", 3);
        g.push(
            RowKind::Header,
            vec![Val::text("标题"), Val::text("发布日期"), Val::text("栏目")],
        );
        g.push(
            RowKind::Data,
            vec![
                Val::text("关于\"春耕\"生产,的通知"),
                Val::text("2018年4月5日"),
                Val::text("通知"),
            ],
        );
        g
    }

    #[test]
    fn csv_pads_rows_and_quotes_like_excel() {
        let text = delimited(&grid(), ',', "\r\n");
        assert_eq!(
            text,
            "隆盛镇2018年4月政务信息公开明细表,,\r\n标题,发布日期,栏目\r\n\"关于\"\"春耕\"\"生产,的通知\",2018年4月5日,通知\r\n"
        );
    }

    #[test]
    fn gbk_refuses_what_it_cannot_hold() -> Res<()> {
        assert_eq!(gbk("蓬萊鎮")?, vec![0xC5, 0xEE, 0xC8, 0x52, 0xE6, 0x82]);
        assert!(gbk("\u{1F600}").is_err());
        Ok(())
    }

    #[test]
    fn html_export_spans_the_title_and_declares_gb2312() {
        let page = html(&grid());
        assert!(page.contains("<meta charset=gb2312>"));
        assert!(page.contains(
            "<td colspan=\"3\" align=\"center\"><b>隆盛镇2018年4月政务信息公开明细表</b></td>"
        ));
        assert!(page.contains("<th>发布日期</th>"));
    }

    #[test]
    fn spreadsheet_ml_marks_merges_and_types() {
        let xml = spreadsheet_ml(&[grid()]);
        assert!(xml.contains(
            "<Cell ss:MergeAcross=\"2\" ss:StyleID=\"sTitle\"><Data ss:Type=\"String\">隆盛镇"
        ));
        assert!(xml.contains(
            "<Row><Cell ss:StyleID=\"sHead\"><Data ss:Type=\"String\">标题</Data></Cell>"
        ));
    }
}
