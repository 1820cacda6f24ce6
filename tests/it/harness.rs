//! A workspace in a temporary folder, files written inline, and the real binary run in it.

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::Workbook;
use tempfile::TempDir;

/// A cell to write into a test workbook: numbers stay numbers, everything else is text.
#[derive(Clone, Copy)]
pub enum V<'a> {
    T(&'a str),
    N(f64),
    /// A date serial written with the given built-in number format id.
    D(f64, u8),
    Blank,
}

pub struct Ws {
    dir: TempDir,
}

/// What a run of the binary gave.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Ws {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes raw bytes at `rel`, creating folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Self {
        let path = self.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
        self
    }

    /// Writes GBK (GB18030) bytes of `text` at `rel`.
    pub fn gbk(&self, rel: &str, text: &str) -> &Self {
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        self.write(rel, bytes)
    }

    /// Writes a one-sheet workbook at `rel` from rows of cells.
    pub fn xlsx(&self, rel: &str, rows: &[Vec<V>]) -> &Self {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    V::T(s) => ws.write_string(r, c, *s).map(|_| ()),
                    V::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                    V::D(n, id) => {
                        let f = rust_xlsxwriter::Format::new().set_num_format_index(*id);
                        ws.write_number_with_format(r, c, *n, &f).map(|_| ())
                    }
                    V::Blank => Ok(()),
                }
                .expect("cell");
            }
        }
        let bytes = wb.save_to_buffer().expect("xlsx");
        self.write(rel, bytes)
    }

    /// Runs the zwgk binary with `args` in the workspace folder.
    pub fn zwgk(&self, args: &[&str]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run zwgk");
        let code = out.status.code().unwrap_or(-1);
        // 101 is Rust's panic exit code, -1 a death by signal (an abort, a stack
        // overflow): no input may ever end the binary either way.
        assert!(
            code != 101 && code >= 0,
            "zwgk {args:?} crashed with {code}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        Out {
            code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Every cell of a sheet as text, read back with calamine.
pub fn sheet_text(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).expect("open workbook");
    let range = wb.worksheet_range(sheet).expect("sheet");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Every sheet name of a workbook.
pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::{Reader, open_workbook_auto};
    open_workbook_auto(path)
        .expect("open workbook")
        .sheet_names()
}

impl Ws {
    /// A workspace holding a copy of the bundled sample `name` (under `samples/`).
    pub fn sample(name: &str) -> Self {
        let ws = Self::new();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(name),
            ws.path(),
        );
        let _ = std::fs::remove_dir_all(ws.join("out"));
        ws
    }

    /// Every file under the workspace except `out/`, with its bytes.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(self.path(), &self.join("out"), &mut files);
        files.sort();
        files
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn collect(dir: &Path, skip: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path == skip {
            continue;
        }
        if path.is_dir() {
            collect(&path, skip, out);
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
}

/// The manifest of a run, parsed.
pub fn manifest(ws: &Ws, period: &str) -> serde_json::Value {
    let text =
        std::fs::read_to_string(ws.join(&format!("out/{period}/manifest.json"))).expect("manifest");
    serde_json::from_str(&text).expect("json")
}

/// The text of the zip part `name` of a workbook, such as `xl/styles.xml`.
pub fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .expect("read part");
    text
}

/// The manual page breaks of a sheet's XML: each the last row (1-based) of a page.
pub fn page_breaks<T: std::str::FromStr>(sheet_xml: &str) -> Vec<T> {
    (sheet_xml.split("<brk id=\"").skip(1))
        .map(|b| {
            b.split('"')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("row")
        })
        .collect()
}

/// The width of the 1-based column `col` in a sheet's XML; `None` when it has no width
/// of its own.
pub fn col_width(sheet_xml: &str, col: u32) -> Option<f64> {
    let tag = format!(r#"<col min="{col}" max="{col}" width=""#);
    let at = sheet_xml.find(&tag)? + tag.len();
    sheet_xml[at..].split('"').next()?.parse().ok()
}

/// Each column's width as a sheet's XML stores it, by 0-based column (a `<col>` may
/// cover several columns); 0 for a column without one.
pub fn col_widths(sheet_xml: &str) -> Vec<f64> {
    let mut widths = Vec::new();
    for col in sheet_xml.split("<col ").skip(1) {
        let attr = |name: &str| -> f64 {
            let tag = format!(r#"{name}=""#);
            let at = col.find(&tag).expect("attribute") + tag.len();
            col[at..].split('"').next().unwrap().parse().unwrap()
        };
        let (min, max, width) = (attr("min") as usize, attr("max") as usize, attr("width"));
        if widths.len() < max {
            widths.resize(max, 0.0);
        }
        widths[min - 1..max].fill(width);
    }
    widths
}

/// How many CJK characters a line LibreOffice prints in a column stored `stored` wide
/// holds at `size` points: zwgk's width is the stored one less 5 pixels (0.625 units),
/// printed at 6.15 pt a unit with 0.8 pt of its padding left for text
/// (`src/write/measure.rs`).
pub fn cjk_a_line(stored: f64, size: f64) -> usize {
    (((stored - 0.625) * 6.15 + 0.8) / size + 1e-9).floor() as usize
}

/// Whether `line` prints on one line at `size` points in a column stored `stored` wide
/// in both programs: a CJK character an em wide, a Latin one 0.56 em in LibreOffice
/// (6.15 pt a unit) and 0.5 em in Excel (6 pt a unit), as `src/write/measure.rs` has it.
pub fn fits_a_line(line: &str, stored: f64, size: f64) -> bool {
    let units = stored - 0.625;
    [(6.15, 0.56), (6.0, 0.5)].iter().all(|&(unit, latin)| {
        let ems: f64 = line
            .chars()
            .map(|c| if c.is_ascii() { latin } else { 1.0 })
            .sum();
        ems * size <= units * unit + 0.8 + 1e-6
    })
}

/// The lines LibreOffice prints a line of CJK text on in a column stored `stored` wide
/// at `size` points: it breaks where a line is full, with no rule on marks. None for a
/// line with Latin letters or digits, which it wraps by words.
pub fn printed_cjk(line: &str, stored: f64, size: f64) -> Option<Vec<String>> {
    if line.chars().any(|c| c.is_ascii()) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let n = cjk_a_line(stored, size).max(1);
    Some(chars.chunks(n).map(|c| c.iter().collect()).collect())
}

/// Closing marks, which a printed line should not start with.
pub const CLOSING_MARKS: &str = "、，。；：）》」』”";

/// The horizontal alignment (`center`, `right`, … or `general`) of each cell of column
/// `col` (`A`) in the worksheet part `sheet` (`xl/worksheets/sheet1.xml`) of a workbook.
pub fn alignments(path: &Path, sheet: &str, col: &str) -> Vec<(String, String)> {
    let styles = part(path, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).expect("cellXfs");
    let xfs = &xfs[..xfs.find("</cellXfs>").expect("cellXfs end")];
    let xfs: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    let horizontal = |s: usize| {
        let xf = xfs[s].split("</xf>").next().unwrap_or_default();
        let at = xf.split("horizontal=\"").nth(1);
        at.and_then(|a| a.split('"').next())
            .unwrap_or("general")
            .to_string()
    };
    let xml = part(path, sheet);
    let opening = format!("<c r=\"{col}");
    (xml.split(&opening).skip(1))
        .filter(|c| c.starts_with(|d: char| d.is_ascii_digit()))
        .map(|c| {
            let cell = format!("{col}{}", c.split('"').next().unwrap_or_default());
            let tag = &c[..c.find('>').unwrap_or(c.len())];
            let style = tag.split("s=\"").nth(1).and_then(|s| s.split('"').next());
            let style = style
                .and_then(|s| s.parse().ok())
                .map_or("general".into(), horizontal);
            (cell, style)
        })
        .collect()
}

/// The text of an XML text node: its five predefined entities replaced.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Replaces the blank cell `cell` (`<c r="B4" s="5"/>`) of `xml` with `value` (the XML
/// after the cell's attributes), keeping its format, as Excel does when a person types
/// into it.
fn type_into(xml: &mut String, cell: &str, value: &str) {
    let start = xml
        .find(&format!("<c r=\"{cell}\" "))
        .unwrap_or_else(|| panic!("no blank cell {cell}"));
    let end = start + xml[start..].find("/>").unwrap() + 2;
    let open = &xml[start..end - 2];
    let filled = format!("{open}{value}</c>");
    xml.replace_range(start..end, &filled);
}

/// Copies the workbook `from` to `to`, typing `cells` — (sheet number from 1, cell,
/// value as [`type_into`] takes it) — into its blank cells.
pub fn type_cells(from: &Path, to: &Path, cells: &[(usize, String, String)]) {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let sheet = name
            .strip_prefix("xl/worksheets/sheet")
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|n| n.parse::<usize>().ok());
        if let Some(n) = sheet {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (_, cell, value) in cells.iter().filter(|(s, _, _)| *s == n) {
                type_into(&mut xml, cell, value);
            }
            bytes = xml.into_bytes();
        }
        parts.push((name, bytes));
    }
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, bytes) in parts {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}
