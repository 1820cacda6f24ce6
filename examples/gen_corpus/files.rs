//! Writing one item list the way units send it: an xlsx saved by Excel or WPS (shared
//! strings, real date cells, sometimes a title row and a 填报单位 line above the
//! header), or a CSV saved as GBK by Excel, as UTF-8 with a BOM by newer Excel, or as
//! plain UTF-8 by a web system. Header labels and date spellings vary by file.

use std::error::Error;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as Style, FormatBorder, Workbook};

use crate::inbox::{FilePlan, Format, Row};
use crate::rng::Rng;

pub type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// Header spellings, one picked per file (all are synonyms zwgk knows).
const TITLE: &[&str] = &["标题", "信息标题", "标题", "文件名称"];
const DATE: &[&str] = &["发布日期", "发布时间", "日期", "公开日期"];
const SECTION: &[&str] = &["栏目", "所属栏目", "公开栏目", "栏目"];
const UNIT: &[&str] = &["单位", "报送单位", "单位", "发布单位"];
const LINK: &[&str] = &["链接", "网址", "链接地址", "链接"];

/// How dates are spelled in a text file, or stored in a workbook.
#[derive(Debug, Clone, Copy)]
enum Dates {
    /// A date cell formatted yyyy-mm-dd (workbooks only).
    Cell,
    Iso,
    Slash,
    Chinese,
}

impl Dates {
    fn text(self, d: NaiveDate) -> String {
        match self {
            Dates::Cell | Dates::Iso => d.format("%Y-%m-%d").to_string(),
            Dates::Slash => format!("{}/{}/{}", d.year(), d.month(), d.day()),
            Dates::Chinese => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }
}

/// What one file looks like: the lines above its header, its labels and date style.
struct Shape {
    lines: Vec<String>,
    labels: Vec<&'static str>,
    with_link: bool,
    dates: Dates,
}

impl Shape {
    fn pick(plan: &FilePlan, unit: &str, year: i32, rng: &mut Rng) -> Self {
        let mut lines = Vec::new();
        if rng.chance(0.3) {
            lines.push(format!("{unit}{year}年政务信息公开明细表"));
        }
        if rng.chance(0.2) {
            lines.push(format!("填报单位：{unit}"));
        }
        let with_link = rng.chance(0.8);
        let mut labels = vec![
            "序号",
            *rng.pick(TITLE),
            *rng.pick(DATE),
            *rng.pick(SECTION),
            *rng.pick(UNIT),
        ];
        if with_link {
            labels.push(*rng.pick(LINK));
        }
        let dates = match (plan.format, rng.below(10)) {
            (Format::Xlsx, 0..=7) => Dates::Cell,
            (_, 0..=5) => Dates::Iso,
            (_, 6..=7) => Dates::Slash,
            _ => Dates::Chinese,
        };
        Self {
            lines,
            labels,
            with_link,
            dates,
        }
    }

    /// The cells of one data row as text (the date as the file spells it).
    fn fields(&self, seq: usize, row: &Row) -> Vec<String> {
        let mut fields = vec![
            seq.to_string(),
            row.title.clone(),
            self.dates.text(row.date),
            row.section.to_string(),
            row.unit.clone(),
        ];
        if self.with_link {
            fields.push(row.link.clone());
        }
        fields
    }
}

/// Writes the rows of `plan` under `root`.
///
/// # Errors
/// I/O and xlsx writer errors, and text GBK cannot hold.
pub fn write(
    root: &Path,
    plan: &FilePlan,
    unit: &str,
    year: i32,
    rows: &[Row],
    rng: &mut Rng,
) -> Res<()> {
    let shape = Shape::pick(plan, unit, year, rng);
    let bytes = match plan.format {
        Format::Xlsx => xlsx(&shape, rows, year)?,
        Format::CsvGbk => gbk(&csv(&shape, rows, "\r\n"))?,
        Format::CsvUtf8Bom => ["\u{feff}".to_string(), csv(&shape, rows, "\r\n")]
            .concat()
            .into_bytes(),
        Format::CsvUtf8 => csv(&shape, rows, "\n").into_bytes(),
    };
    let path = root.join(&plan.path);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

fn csv(shape: &Shape, rows: &[Row], eol: &str) -> String {
    let width = shape.labels.len();
    let mut out = String::with_capacity(rows.len() * 160);
    for line in &shape.lines {
        // Excel pads every record of a sheet to the sheet's width.
        out.push_str(&quote(line));
        out.push_str(&",".repeat(width - 1));
        out.push_str(eol);
    }
    out.push_str(&shape.labels.join(","));
    out.push_str(eol);
    for (i, row) in rows.iter().enumerate() {
        let fields: Vec<String> = shape.fields(i + 1, row).iter().map(|f| quote(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str(eol);
    }
    out
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// GBK bytes; refuses text GBK cannot hold instead of writing HTML entities.
fn gbk(text: &str) -> Res<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    if unmappable {
        return Err("GBK cannot encode a generated text".into());
    }
    Ok(bytes.into_owned())
}

fn xlsx(shape: &Shape, rows: &[Row], year: i32) -> Res<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation date: the same seed must give the same bytes.
    let created = ExcelDateTime::from_ymd(year as u16, 1, 1)?.and_hms(9, 30, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_author("Administrator")
            .set_creation_datetime(&created),
    );
    let font = Style::new().set_font_name("宋体").set_font_size(11);
    let cell = font.clone().set_border(FormatBorder::Thin);
    let header = cell.clone().set_bold();
    let date = cell.clone().set_num_format("yyyy-mm-dd");
    let ws = wb.add_worksheet();
    ws.set_name("Sheet1")?;
    for (col, width) in [6.0, 48.0, 12.0, 12.0, 22.0, 56.0].iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let last_col = (shape.labels.len() - 1) as u16;
    let mut r = 0u32;
    for line in &shape.lines {
        ws.merge_range(r, 0, r, last_col, line, &font)?;
        r += 1;
    }
    for (c, label) in shape.labels.iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *label, &header)?;
    }
    for (i, row) in rows.iter().enumerate() {
        r += 1;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        for (c, text) in shape.fields(i + 1, row).iter().enumerate().skip(1) {
            if c == 2 && matches!(shape.dates, Dates::Cell) {
                let d = row.date;
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                ws.write_datetime_with_format(r, 2, &dt, &date)?;
            } else {
                ws.write_string_with_format(r, c as u16, text, &cell)?;
            }
        }
    }
    Ok(wb.save_to_buffer()?)
}
