//! The I/O floor of a run: the least work any tool must do on a workspace's inbox —
//! read every cell of every workbook with calamine, decode every CSV with encoding_rs
//! and parse it with polars, then write the rows once with rust_xlsxwriter in constant
//! memory, each with where it came from (file, sheet, row), as DESIGN.md asks of 明细.
//! Files are read in parallel with rayon, as `zwgk run` reads them, so that the
//! benchmark compares like with like. Nothing is checked, resolved or normalised.
//!
//! Usage: `cargo run --release --example floor -- -w WORKSPACE [-o OUT.xlsx]`
//! (default `WORKSPACE/out/floor.xlsx`).

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use calamine::{DataRef, Reader, Xlsx};
use polars::prelude::{CsvReadOptions, DataType, Field, Schema, SerReader};
use rayon::prelude::*;
use rust_xlsxwriter::{Format, Workbook};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One cell as read: text, a number, or an Excel date serial.
enum Value {
    Empty,
    Text(String),
    Number(f64),
    Date(f64),
}

/// The rows of a file, each with its sheet and 1-based row.
type Rows = Vec<(String, u32, Vec<Value>)>;

fn main() -> ExitCode {
    match parse_args().and_then(|(w, o)| floor(&w, &o)) {
        Ok((files, rows)) => {
            println!("floor: {files} files, {rows} rows written");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_args() -> Res<(PathBuf, PathBuf)> {
    let mut args = std::env::args().skip(1);
    let (mut workspace, mut out) = (None, None);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "-w" => workspace = Some(PathBuf::from(value)),
            "-o" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    let workspace = workspace.ok_or("usage: floor -w WORKSPACE [-o OUT.xlsx]")?;
    let out = out.unwrap_or_else(|| workspace.join("out/floor.xlsx"));
    Ok((workspace, out))
}

/// Reads every inbox file in parallel and writes their rows, in file order, to `out`.
fn floor(workspace: &Path, out: &Path) -> Res<(usize, usize)> {
    let mut paths = Vec::new();
    walk(&workspace.join("inbox"), &mut paths)?;
    paths.sort();
    let tables: Vec<Rows> = paths.par_iter().map(|p| read(p)).collect::<Res<_>>()?;
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.strip_prefix(workspace).unwrap_or(p).display().to_string())
        .collect();
    let rows = write(&names, &tables, out)?;
    Ok((paths.len(), rows))
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Res<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Res<Rows> {
    let bytes = std::fs::read(path)?;
    if bytes.starts_with(b"PK\x03\x04") {
        workbook(&bytes)
    } else {
        // A text file is one sheet named after the file, as zwgk names it.
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        delimited(&bytes, &stem)
    }
}

/// Every cell of every sheet, placed at its row (columns in the order they come).
fn workbook(bytes: &[u8]) -> Res<Rows> {
    let mut book = Xlsx::new(Cursor::new(bytes))?;
    let mut rows: Rows = Vec::new();
    for name in book.sheet_names() {
        let mut cells = book.worksheet_cells_reader(&name)?;
        let first = rows.len();
        while let Some(cell) = cells.next_cell()? {
            let (r, _) = cell.get_position();
            let at = first + r as usize;
            while rows.len() <= at {
                let row = (rows.len() - first) as u32 + 1;
                rows.push((name.clone(), row, Vec::new()));
            }
            rows[at].2.push(match cell.get_value() {
                DataRef::SharedString(s) => Value::Text(s.to_string()),
                DataRef::String(s) => Value::Text(s.clone()),
                DataRef::Float(f) => Value::Number(*f),
                DataRef::Int(i) => Value::Number(*i as f64),
                DataRef::DateTime(d) => Value::Date(d.as_f64()),
                DataRef::Empty => Value::Empty,
                other => Value::Text(format!("{other:?}")),
            });
        }
    }
    Ok(rows)
}

/// Decodes (a BOM, else UTF-8 when valid, else GB18030) and parses with polars.
fn delimited(bytes: &[u8], sheet: &str) -> Res<Rows> {
    let text = if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(body.to_vec())?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::GB18030
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    // Ragged lines are read whole: polars gets as many text columns as the widest line
    // has fields, and pads shorter lines with nulls.
    let width = widest(text.as_bytes());
    if width == 0 {
        return Ok(Rows::new());
    }
    let schema: Schema = (0..width)
        .map(|i| Field::new(format!("c{i}").into(), DataType::String))
        .collect();
    let df = CsvReadOptions::default()
        .with_has_header(false)
        .with_schema(Some(Arc::new(schema)))
        .with_raise_if_empty(false)
        .map_parse_options(|p| p.with_missing_is_null(true))
        .into_reader_with_file_handle(Cursor::new(text.into_bytes()))
        .finish()?;
    let mut rows: Rows = (0..df.height())
        .map(|i| {
            (
                sheet.to_string(),
                i as u32 + 1,
                Vec::with_capacity(df.width()),
            )
        })
        .collect();
    for column in df.columns() {
        for (row, value) in rows.iter_mut().zip(column.str()?.iter()) {
            row.2
                .push(value.map_or(Value::Empty, |s| Value::Text(s.to_string())));
        }
    }
    Ok(rows)
}

/// The most fields a line of a comma-separated text has, commas inside quotes not counted.
fn widest(text: &[u8]) -> usize {
    let (mut widest, mut fields, mut quoted) = (0, 1, false);
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => fields += 1,
            b'\n' if !quoted => {
                widest = widest.max(fields);
                fields = 1;
            }
            _ => {}
        }
    }
    if text.last().is_some_and(|&b| b != b'\n') {
        widest = widest.max(fields);
    }
    widest
}

/// Writes every row once, in constant memory, followed by its file, sheet and row;
/// returns how many rows were written.
fn write(files: &[String], tables: &[Rows], out: &Path) -> Res<usize> {
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut wb = Workbook::new();
    // The level zwgk writes with (zwgk::ZIP_LEVEL), so that both pay the same.
    wb.set_zip_compression_level(zwgk::ZIP_LEVEL);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut ws = wb.add_worksheet_with_constant_memory()?;
    let (mut r, mut written) = (0u32, 0usize);
    for (file, rows) in files.iter().zip(tables) {
        for (sheet, row, cells) in rows {
            // Excel's row limit: go on in a new sheet, as zwgk's 明细(2) does.
            if r == 1_048_576 {
                ws = wb.add_worksheet_with_constant_memory()?;
                r = 0;
            }
            for (c, value) in cells.iter().enumerate() {
                let c = c as u16;
                match value {
                    Value::Empty => continue,
                    Value::Text(s) => ws.write_string(r, c, s)?,
                    Value::Number(n) => ws.write_number(r, c, *n)?,
                    Value::Date(d) => ws.write_number_with_format(r, c, *d, &date)?,
                };
            }
            // Where the row came from, after its own cells.
            let at = cells.len() as u16;
            ws.write_string(r, at, file)?;
            ws.write_string(r, at + 1, sheet)?;
            ws.write_number(r, at + 2, *row)?;
            r += 1;
            written += 1;
        }
    }
    wb.save(out)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &Rows) -> Vec<Vec<String>> {
        rows.iter()
            .map(|(_, _, cells)| {
                cells
                    .iter()
                    .map(|c| match c {
                        Value::Text(t) => t.clone(),
                        Value::Empty => String::new(),
                        _ => unreachable!("a CSV cell is text or empty"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_ragged_csv_is_read_whole() {
        let rows = delimited(
            "标题,日期\n甲,2025-01-02,多出的一格\n\"乙,丙\",2025-01-03\n".as_bytes(),
            "s",
        )
        .expect("a ragged CSV is read");
        assert_eq!(
            texts(&rows),
            [
                ["标题", "日期", ""],
                ["甲", "2025-01-02", "多出的一格"],
                ["乙,丙", "2025-01-03", ""],
            ]
        );
        assert_eq!(widest(b""), 0);
        assert_eq!(widest(b"a,b"), 2);
    }
}
