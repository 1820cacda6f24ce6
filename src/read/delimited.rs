//! Delimited text (CSV, TSV, semicolons) through polars, every column as text.
//!
//! polars takes its column count from the first line, and real files open with a
//! one-cell title (`附件1`) above a wider header; so the fields of every record are
//! counted here first and polars gets an explicit schema of that many string columns.
//! Quotes polars would misread (a stray opening quote, a quote inside an unquoted
//! field) are re-quoted first, the way Excel reads them.

use std::io::Cursor;
use std::sync::Arc;

use polars::prelude::{CsvReadOptions, DataType, Field, Schema, SerReader};

use super::failure::{Beyond, Damage, Oversize};
use super::grid::{Grid, MAX_COLS, MAX_ROWS};
use super::{Cell, Contents, Delimiter, Failure, Input, Visibility, decode};
use crate::problems::{Code, Place, Problem};

const CANDIDATES: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon];

/// The separator used most consistently, outside quotes, over the first lines of `prefix`.
pub(crate) fn detect_delimiter(prefix: &str) -> Delimiter {
    let lines = logical_lines(prefix, 50);
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for d in CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, d.byte()))
            .collect();
        let Some(mode) = mode_of_nonzero(&counts) else {
            continue;
        };
        let agree = counts.iter().filter(|&&c| c == mode).count();
        if (agree, mode) > (best.1, best.2) {
            best = (d, agree, mode);
        }
    }
    best.0
}

/// Up to `max` non-blank lines, a quoted line break kept inside its line.
fn logical_lines(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let line = text[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    lines.push(line);
                }
                start = i + 1;
                if lines.len() == max {
                    return lines;
                }
            }
            _ => {}
        }
    }
    // The last line of a prefix may be cut short; use it only when nothing else is there.
    if lines.is_empty() && !text[start..].trim().is_empty() {
        lines.push(&text[start..]);
    }
    lines
}

fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == sep && !quoted
        })
        .count()
}

/// The most frequent non-zero count (the larger on a tie).
fn mode_of_nonzero(counts: &[usize]) -> Option<usize> {
    let mut freq = std::collections::BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c > 0) {
        *freq.entry(c).or_insert(0usize) += 1;
    }
    freq.into_iter()
        .max_by_key(|&(c, n)| (n, c))
        .map(|(c, _)| c)
}

/// `text` with each CR that no LF follows made an LF.
fn lines_ended_by_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

/// Reads a delimited text file as one sheet named after the file.
pub(crate) fn read(bytes: &[u8], delimiter: Delimiter, src: &Input) -> Result<Contents, Failure> {
    let decoded = decode::decode(bytes, src.opts.encoding, None);
    let mut problems = decoded.problems(src.name);
    let mut text = decoded.text;
    // A CR without LF after it ends a line, as in Excel: classic Mac line ends ("CSV
    // (Macintosh)"), or a stray one in a file of CRLF or LF lines (files pasted together).
    // Polars only splits on '\n'.
    let lone = |(at, _): (usize, &str)| !text[at + 1..].starts_with('\n');
    if text.match_indices('\r').any(lone) {
        text = lines_ended_by_lf(&text);
    }
    let sep = delimiter.byte();
    let shape = Scan::run(&text, sep, None);
    shape.within_limits(src)?;
    if let Some(line) = shape.irregular_row {
        problems.push(
            Problem::new(Code::StrayQuote, src.name, &[&line.to_string()]).at(
                src.stem(),
                Place::row(u32::try_from(line).unwrap_or(u32::MAX)),
            ),
        );
    }
    if shape.needs_rewrite {
        let mut canonical = String::with_capacity(text.len() + 64);
        Scan::run(&text, sep, Some(&mut canonical));
        text = canonical;
    }
    let rows = parse_with_polars(text, sep, shape.max_fields)?;
    if rows.len() != shape.records {
        let (parsed, scanned) = (rows.len(), shape.records);
        return Err(Damage::RecordCount { parsed, scanned }.into());
    }
    let mut grid = Grid::new(src.budget());
    for (r, row) in rows.into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            grid.set(r as u32, c as u32, cell)?;
        }
    }
    let (sheet, _) = grid.into_sheet(src.stem(), Visibility::Visible, false)?;
    Ok(Contents {
        encoding: Some(decoded.label),
        sheets: vec![sheet],
        problems,
    })
}

/// Row-major cells of `text`, parsed by polars with `width` string columns.
fn parse_with_polars(text: String, sep: u8, width: usize) -> Result<Vec<Vec<Cell>>, Failure> {
    if width == 0 {
        return Ok(Vec::new());
    }
    let schema: Schema = (0..width)
        .map(|i| Field::new(format!("c{i}").into(), DataType::String))
        .collect();
    let df = CsvReadOptions::default()
        .with_has_header(false)
        .with_schema(Some(Arc::new(schema)))
        .with_raise_if_empty(false)
        .map_parse_options(|p| {
            p.with_separator(sep)
                .with_quote_char(Some(b'"'))
                .with_missing_is_null(true)
        })
        .into_reader_with_file_handle(Cursor::new(text.into_bytes()))
        .finish()
        .map_err(|e| Damage::Csv(e.to_string()))?;
    let mut rows = vec![Vec::with_capacity(width); df.height()];
    for column in df.columns() {
        let values = column.str().map_err(|e| Damage::Csv(e.to_string()))?;
        // A text the same as the one above it shares it (the unit of every row).
        let mut above: Option<Arc<str>> = None;
        for (row, value) in rows.iter_mut().zip(values.iter()) {
            above = match (value, above) {
                (Some(s), Some(same)) if *same == *s => Some(same),
                (Some(s), _) if !s.is_empty() => Some(s.into()),
                _ => None,
            };
            row.push(above.clone().map_or(Cell::Empty, Cell::Text));
        }
    }
    Ok(rows)
}

/// One pass over the records of a delimited text, the way Excel reads it: a field is
/// quoted only when it opens with `"` and its closing quote is followed by a separator
/// or a line end; any other field is taken literally, quotes and all.
#[derive(Debug, Default, PartialEq)]
struct Scan {
    records: usize,
    max_fields: usize,
    /// The 1-based line where the widest record starts.
    widest_line: usize,
    /// Fields of all records: the cells the file really holds, empty ones included.
    fields: u64,
    /// The first 1-based record (the row Excel shows it in, whatever line breaks quoted
    /// fields above it hold) with a field that opens a quote and never closes it properly.
    irregular_row: Option<usize>,
    /// Whether an unquoted field holds a quote anywhere: polars counts every quote when it
    /// splits lines, so such text must be re-quoted before polars sees it.
    needs_rewrite: bool,
}

impl Scan {
    /// Scans `text`; with `out`, also writes it back in a form polars always accepts.
    fn run(text: &str, sep: u8, mut out: Option<&mut String>) -> Scan {
        let bytes = text.as_bytes();
        let mut scan = Scan::default();
        if bytes.is_empty() {
            return scan;
        }
        let (mut pos, mut line, mut fields) = (0usize, 1usize, 0usize);
        loop {
            let (end, quoted_ok) = field_end(bytes, pos, sep);
            let field = &text[pos..end];
            if !quoted_ok && field.contains('"') {
                scan.needs_rewrite = true;
                if field.starts_with('"') && scan.irregular_row.is_none() {
                    scan.irregular_row = Some(scan.records + 1);
                }
            }
            if let Some(out) = out.as_deref_mut() {
                if fields > 0 {
                    out.push(sep as char);
                }
                write_field(
                    out,
                    field.strip_suffix('\r').unwrap_or(field),
                    quoted_ok,
                    sep,
                );
            }
            line += field.matches('\n').count();
            fields += 1;
            match bytes.get(end) {
                Some(&b) if b == sep => pos = end + 1,
                Some(_) => {
                    scan.end_record(&mut fields, line, out.as_deref_mut());
                    line += 1;
                    pos = end + 1;
                    if pos >= bytes.len() {
                        return scan;
                    }
                }
                None => {
                    scan.end_record(&mut fields, line, out);
                    return scan;
                }
            }
        }
    }

    /// Ends a record of `fields` fields whose last line is `line`.
    fn end_record(&mut self, fields: &mut usize, line: usize, out: Option<&mut String>) {
        self.records += 1;
        self.fields += *fields as u64;
        if *fields > self.max_fields {
            self.max_fields = *fields;
            self.widest_line = line;
        }
        *fields = 0;
        if let Some(out) = out {
            out.push('\n');
        }
    }
}

impl Scan {
    /// Checks the shape against Excel's rows and columns and, since polars gives every
    /// record as many fields as the widest one, the frame's cells against the file's
    /// budget, before polars allocates them.
    fn within_limits(&self, src: &Input) -> Result<(), Failure> {
        if self.max_fields > MAX_COLS as usize {
            let (line, fields) = (self.widest_line, self.max_fields);
            return Err(Beyond::Columns { line, fields }.into());
        }
        if self.records > MAX_ROWS as usize {
            return Err(Beyond::Rows {
                rows: self.records as u64,
            }
            .into());
        }
        let area = self.records as u64 * self.max_fields as u64;
        if area > (2 << 20) + 16 * self.fields {
            let present = self.fields;
            return Err(Beyond::Sparse { present, area }.into());
        }
        let limit = src.opts.limits.cells;
        if area > limit {
            return Err(Oversize::Cells { cells: area, limit }.into());
        }
        Ok(())
    }
}

/// Where the field starting at `start` ends (at a separator, a `\n` or the end), and
/// whether it is a well-formed quoted field.
fn field_end(bytes: &[u8], start: usize, sep: u8) -> (usize, bool) {
    if bytes.get(start) == Some(&b'"') {
        let mut i = start + 1;
        while i < bytes.len() {
            if bytes[i] == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                let next = bytes.get(i + 1).copied();
                let closes = match next {
                    None | Some(b'\n') => true,
                    Some(b'\r') => bytes.get(i + 2).is_none_or(|&b| b == b'\n'),
                    Some(b) => b == sep,
                };
                if closes {
                    let end = if next == Some(b'\r') { i + 2 } else { i + 1 };
                    return (end.min(bytes.len()), true);
                }
                break;
            }
            i += 1;
        }
    }
    let end = bytes[start..]
        .iter()
        .position(|&b| b == sep || b == b'\n')
        .map_or(bytes.len(), |p| start + p);
    (end, false)
}

fn write_field(out: &mut String, field: &str, already_quoted: bool, sep: u8) {
    if already_quoted {
        out.push_str(field);
    } else if field.contains(['"', sep as char, '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ReadOptions;
    use proptest::prelude::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let opts = ReadOptions::default();
        let c = read(
            text.as_bytes(),
            Delimiter::Comma,
            &Input {
                name: "a.csv",
                opts: &opts,
            },
        )
        .unwrap();
        c.sheets[0]
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect()
    }

    #[test]
    fn the_most_consistent_separator_wins() {
        assert_eq!(
            detect_delimiter("附件1\n单位,标题,数量\n民政局,通知,1\n"),
            Delimiter::Comma
        );
        assert_eq!(
            detect_delimiter("单位\t标题\n民政局\t通知, 公告\n财政局\t预算\n"),
            Delimiter::Tab
        );
        assert_eq!(
            detect_delimiter("a;b;c\n\"x;y\",1,2\n1;2;3\n"),
            Delimiter::Semicolon
        );
        assert_eq!(detect_delimiter("只有一列\n第二行\n"), Delimiter::Comma);
    }

    #[test]
    fn trailing_separators_and_blank_lines_keep_their_places() {
        assert_eq!(
            rows("a,\n\nb,c,d\n"),
            [vec!["a"], vec![], vec!["b", "c", "d"]]
        );
        assert_eq!(
            rows("a,\"\"\"q\"\"\"\r\nb,c"),
            [vec!["a", "\"q\""], vec!["b", "c"]]
        );
    }

    // Found by the property test below: polars counts every quote when it splits lines,
    // even one inside an unquoted field, and lost a row.
    #[test]
    fn a_quote_inside_an_unquoted_field_keeps_every_row() {
        assert_eq!(
            rows("a\"\"\n\"\", \"\n "),
            [vec!["a\"\""], vec!["", " \""], vec![" "]]
        );
    }

    // polars splits large input into chunks parsed in parallel; quoted line breaks
    // must not move a chunk boundary (the row count is checked against the scan).
    #[test]
    fn a_large_csv_with_quoted_line_breaks_keeps_every_row() {
        let mut text = String::from("附件1\n序号,标题,日期,栏目,链接\n");
        for i in 0..60_000 {
            if i % 7 == 0 {
                text.push_str(&format!("{i},\"标题\n第二行,逗号 {i}\",2026-11-05,政策,\n"));
            } else {
                text.push_str(&format!("{i},标题{i},2026-11-05,政策,http://x/{i}\n"));
            }
        }
        let sheet = rows(&text);
        assert_eq!(sheet.len(), 60_002);
        assert_eq!(sheet[9][1], "标题\n第二行,逗号 7");
        assert_eq!(sheet[60_001][4], "http://x/59999");
    }

    proptest! {
        // The scanner and polars must agree on every input, or a field would be lost.
        #[test]
        fn scanner_and_polars_agree_on_any_text(text in "[a中,\"\n\r ]{0,40}") {
            let opts = ReadOptions::default();
            let r = read(text.as_bytes(), Delimiter::Comma, &Input { name: "a.csv", opts: &opts });
            prop_assert!(r.is_ok(), "{:?} → {:?}", text, r.err());
        }
    }
}
