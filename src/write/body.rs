//! The body rows of a streamed sheet (明细 …), written as the sheet's XML and deflated as
//! they come, and spliced into the package when the book is saved (see
//! [`package`](super::package)). rust_xlsxwriter writes everything around
//! them — the header row, columns, panes, filter and page setup — as for any sheet.
//! The XML is the one rust_xlsxwriter writes for the same cells, but a cell's format is
//! known by its index instead of looked up. The rows are deflated on a thread of their
//! own, a batch at a time, while the next are written. A province's 明细 (990,000 rows)
//! is written and deflated in about a second, while the checks run; rust_xlsxwriter's
//! constant-memory mode took 2.4 s to write it and 1.2 s more to deflate it at the end.

use std::fmt::Write as _;
use std::io;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rust_xlsxwriter::utility::column_number_to_name;

use super::package::{Deflater, Piece};
use super::value::Cell;

/// Rows gathered before they are deflated together.
const BATCH: usize = 1 << 20;

/// The rows of one streamed sheet, below its header.
pub(super) struct Body {
    out: Sink,
    /// Rows not deflated yet.
    xml: Vec<u8>,
    /// Column letters, `A`, `B` …, as far as used.
    letters: Vec<String>,
    /// The last row written, 1-based; 1 (the header) before any.
    pub(super) last_row: u32,
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Body {{ last_row: {} }}", self.last_row)
    }
}

impl Body {
    /// An empty body, deflated to a new unnamed temporary file.
    pub(super) fn new() -> io::Result<Self> {
        Ok(Self {
            out: Sink::new()?,
            xml: Vec::with_capacity(BATCH + (1 << 16)),
            letters: Vec::new(),
            last_row: 1,
        })
    }

    /// Writes the row `row` (0-based, below the header), `height` points tall where it is
    /// not the default, with `cells`: each with its column and its format's index in the
    /// workbook (0 for the default).
    pub(super) fn row(
        &mut self,
        row: u32,
        height: Option<f64>,
        cells: &[(u16, Cell<'_>, u32)],
    ) -> io::Result<()> {
        let r = row + 1;
        let (mut row_number, mut number) = (itoa::Buffer::new(), itoa::Buffer::new());
        let r_text = row_number.format(r);
        let xml = &mut self.xml;
        xml.extend_from_slice(b"<row r=\"");
        xml.extend_from_slice(r_text.as_bytes());
        xml.push(b'"');
        if let Some(points) = height {
            // As rust_xlsxwriter stores a height: in whole pixels, written in points.
            let pixels = (points * 4.0 / 3.0).round();
            let _ = write!(Text(xml), " ht=\"{}\" customHeight=\"1\"", pixels * 0.75);
        }
        xml.push(b'>');
        for &(col, ref cell, xf) in cells {
            if matches!(cell, Cell::None) || (matches!(cell, Cell::Blank) && xf == 0) {
                continue;
            }
            while self.letters.len() <= usize::from(col) {
                let next = u16::try_from(self.letters.len()).unwrap_or(u16::MAX);
                self.letters.push(column_number_to_name(next));
            }
            xml.extend_from_slice(b"<c r=\"");
            xml.extend_from_slice(self.letters[usize::from(col)].as_bytes());
            xml.extend_from_slice(r_text.as_bytes());
            xml.push(b'"');
            if xf > 0 {
                xml.extend_from_slice(b" s=\"");
                xml.extend_from_slice(number.format(xf).as_bytes());
                xml.push(b'"');
            }
            match cell {
                Cell::Text(s) => {
                    xml.extend_from_slice(b" t=\"inlineStr\"><is><t");
                    if s.starts_with(['\t', '\n', ' ']) || s.ends_with(['\t', '\n', ' ']) {
                        xml.extend_from_slice(b" xml:space=\"preserve\"");
                    }
                    xml.push(b'>');
                    escape(s, xml);
                    xml.extend_from_slice(b"</t></is></c>");
                }
                Cell::Number(x) => {
                    xml.extend_from_slice(b"><v>");
                    if x.fract() == 0.0 && x.abs() < 1e15 {
                        xml.extend_from_slice(number.format(*x as i64).as_bytes());
                    } else {
                        let _ = write!(Text(xml), "{x}");
                    }
                    xml.extend_from_slice(b"</v></c>");
                }
                Cell::Blank | Cell::None => xml.extend_from_slice(b"/>"),
            }
        }
        xml.extend_from_slice(b"</row>");
        self.last_row = r;
        if xml.len() >= BATCH {
            self.out.write(xml)?;
        }
        Ok(())
    }

    /// The rows, deflated.
    pub(super) fn finish(mut self) -> io::Result<Piece> {
        self.out.write(&mut self.xml)?;
        self.out.finish()
    }
}

/// Where batches of rows are deflated: on a thread of their own, or here when no thread
/// could be started.
enum Sink {
    Thread {
        batches: SyncSender<Vec<u8>>,
        /// Batches deflated, to be filled again.
        spare: Receiver<Vec<u8>>,
        deflating: JoinHandle<io::Result<Piece>>,
    },
    Here(Deflater),
}

impl Sink {
    fn new() -> io::Result<Self> {
        let mut out = Deflater::new()?;
        let (batches, to_deflate) = sync_channel::<Vec<u8>>(1);
        let (deflated, spare) = sync_channel(2);
        let spawned = std::thread::Builder::new().spawn(move || {
            for batch in to_deflate {
                out.write(&batch)?;
                let _ = deflated.try_send(batch);
            }
            out.finish(false)
        });
        Ok(match spawned {
            Ok(deflating) => Sink::Thread {
                batches,
                spare,
                deflating,
            },
            // The deflater went with the thread that did not start.
            Err(_) => Sink::Here(Deflater::new()?),
        })
    }

    /// Deflates the rows in `xml` and empties it.
    fn write(&mut self, xml: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Sink::Here(out) => {
                out.write(xml)?;
                xml.clear();
                Ok(())
            }
            Sink::Thread { batches, spare, .. } => {
                let mut next = spare
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(xml.len()));
                next.clear();
                // A thread that stopped on an error returns it from `finish`.
                let _ = batches.send(std::mem::replace(xml, next));
                Ok(())
            }
        }
    }

    fn finish(self) -> io::Result<Piece> {
        match self {
            Sink::Here(out) => out.finish(false),
            Sink::Thread {
                batches, deflating, ..
            } => {
                drop(batches);
                deflating
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("deflating the rows failed")))
            }
        }
    }
}

/// `fmt::Write` into a byte buffer.
struct Text<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Text<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Appends `text` escaped as Excel escapes a cell's text: `&`, `<` and `>` as entities,
/// control characters and the non-characters U+FFFE and U+FFFF as `_xHHHH_`, and a
/// literal `_xHHHH_` in the text by escaping its underscore (`_x005F_xHHHH_`).
fn escape(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let special = |i: usize| match bytes[i] {
        b'&' | b'<' | b'>' => true,
        b'\t' | b'\n' => false,
        0..=0x1F => true,
        b'_' => is_escape(&bytes[i..]),
        // U+FFFE and U+FFFF; other characters led by 0xEF (full-width forms) are plain.
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    };
    if !(0..bytes.len()).any(special) {
        out.extend_from_slice(bytes);
        return;
    }
    for (i, ch) in text.char_indices() {
        match ch {
            _ if !special(i) => {
                let mut utf8 = [0; 4];
                out.extend_from_slice(ch.encode_utf8(&mut utf8).as_bytes());
            }
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '_' => out.extend_from_slice(b"_x005F_"),
            _ => {
                let _ = write!(Text(out), "_x{:04X}_", u32::from(ch));
            }
        }
    }
}

/// Whether `text` starts with an escape as Excel writes one: `_x`, four hex digits, `_`.
fn is_escape(text: &[u8]) -> bool {
    text.len() >= 7
        && text[1] == b'x'
        && text[2..6].iter().all(u8::is_ascii_hexdigit)
        && text[6] == b'_'
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape(text, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_escaped_as_excel_escapes_it() {
        assert_eq!(escaped("关于<通知>的通知"), "关于&lt;通知&gt;的通知");
        assert_eq!(escaped("a&b\tc\nd"), "a&amp;b\tc\nd");
        assert_eq!(escaped("x\u{1}y\rz"), "x_x0001_y_x000D_z");
        assert_eq!(escaped("_x0041_ und _x00G1_"), "_x005F_x0041_ und _x00G1_");
        assert_eq!(escaped("a\u{FFFE}b\u{FFFF}"), "a_xFFFE_b_xFFFF_");
        assert_eq!(escaped("﻿（全角）"), "﻿（全角）");
    }

    /// Rows deflated on their own thread or, where none could start, here: the same text.
    #[test]
    fn rows_deflated_here_or_on_a_thread_read_back_the_same() {
        use crate::write::package::{Piece, joined};
        let rows: Vec<String> = (0..40_000).map(|i| format!("标题{i}")).collect();
        let write = |mut body: Body| {
            for (i, title) in (1..).zip(&rows) {
                let cells = [
                    (0, Cell::Number(f64::from(i)), 0),
                    (1, Cell::Text(title.into()), 0),
                ];
                body.row(i, None, &cells).unwrap();
            }
            let end = Piece::of(b"", true).unwrap();
            joined([body.finish().unwrap(), end])
        };
        let threaded = Body::new().unwrap();
        assert!(matches!(threaded.out, Sink::Thread { .. }));
        let mut here = Body::new().unwrap();
        here.out = Sink::Here(Deflater::new().unwrap());
        let (a, b) = (write(threaded), write(here));
        assert!(a.len() > 2 * BATCH, "several batches: {}", a.len());
        assert_eq!(a, b);
        assert!(a.ends_with("<row r=\"40001\"><c r=\"A40001\"><v>40000</v></c><c r=\"B40001\" t=\"inlineStr\"><is><t>标题39999</t></is></c></row>"));
    }

    /// The same cells written by rust_xlsxwriter's constant-memory mode (which writes
    /// inline strings, as the rows here are), their formats registered first in the same
    /// order: the rows of its sheet XML and of the body are the same text.
    #[test]
    fn rows_are_written_as_rust_xlsxwriter_writes_them() {
        use rust_xlsxwriter::{Format, Workbook};
        let wrap = Format::new().set_text_wrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let border = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
        let mut book = Workbook::new();
        for format in [&wrap, &date, &border] {
            book.register_format(format);
        }
        let (xf_wrap, xf_date, xf_border) = (1, 2, 3);
        let texts = [" 标题 ", "a<b>&c_x0041_\u{1}", "关于（全角）的通知\t"];
        let sheet = book.add_worksheet_with_constant_memory().unwrap();
        sheet.write_number(1, 0, 7).unwrap();
        sheet
            .write_string_with_format(1, 1, texts[0], &wrap)
            .unwrap();
        sheet.write_number_with_format(1, 3, 45658, &date).unwrap();
        sheet.write_string(1, 27, texts[1]).unwrap();
        sheet.set_row_height(2, 27.0).unwrap();
        sheet.write_blank(2, 0, &border).unwrap();
        sheet.write_number(2, 1, 0.5).unwrap();
        sheet.write_number(2, 2, -1234567.25).unwrap();
        sheet.write_string(2, 3, texts[2]).unwrap();
        let saved = book.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(saved)).unwrap();
        let mut theirs = String::new();
        let mut part = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
        std::io::Read::read_to_string(&mut part, &mut theirs).unwrap();
        // Up to the end of the last row with cells: rust_xlsxwriter repeats the last row's
        // height as an empty row element after it when it closes the sheet.
        let (from, to) = (
            theirs.find("<row ").unwrap(),
            theirs.rfind("</row>").unwrap() + 6,
        );

        let mut body = Body::new().unwrap();
        let text = |i: usize| Cell::Text(Cow::Borrowed(texts[i]));
        let cells = [
            (0, Cell::Number(7.0), 0),
            (1, text(0), xf_wrap),
            (2, Cell::None, 0),
            (3, Cell::Number(45658.0), xf_date),
            (27, text(1), 0),
        ];
        body.row(1, None, &cells).unwrap();
        let cells = [
            (0, Cell::Blank, xf_border),
            (1, Cell::Number(0.5), 0),
            (2, Cell::Number(-1234567.25), 0),
            (3, text(2), 0),
            (4, Cell::Blank, 0),
        ];
        body.row(2, Some(27.0), &cells).unwrap();
        assert_eq!(body.last_row, 3);
        assert_eq!(
            String::from_utf8(body.xml.clone()).unwrap(),
            theirs[from..to]
        );
    }
}
