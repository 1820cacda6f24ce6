//! Builders for the bytes units really send: workbooks with merges and hidden sheets,
//! edited zip parts, OLE containers, UTF-16 text, and the committed binary fixtures.

use std::io::{Cursor, Read, Write};

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::harness::Ws;

/// An xlsx built by `build`, for the cases `Ws::xlsx` cannot write (merges, hidden
/// sheets, formulas, several sheets).
pub fn xlsx(build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(&mut wb).expect("build workbook");
    wb.save_to_buffer().expect("save workbook")
}

/// Rewrites every part of a zip through `edit(name, bytes)`.
pub fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut part = src.by_index(i).expect("part");
        let name = part.name().expect("part name").to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).expect("read part");
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start part");
        out.write_all(&edit(&name, data)).expect("write part");
    }
    out.finish().expect("finish zip").into_inner()
}

/// Replaces the first `from` by `to` in the zip part `part`.
pub fn edit_part(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    rezip(bytes, |name, data| {
        if name == part {
            let xml = String::from_utf8(data).expect("xml part");
            assert!(xml.contains(from), "{part} has no {from}: {xml}");
            xml.replacen(from, to, 1).into_bytes()
        } else {
            data
        }
    })
}

/// An OLE compound file holding `streams`.
pub fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut comp = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("ole");
    for (name, data) in streams {
        comp.create_stream(name)
            .expect("stream")
            .write_all(data)
            .expect("write stream");
    }
    comp.flush().expect("flush ole");
    comp.into_inner().into_inner()
}

/// `text` in UTF-16, little- or big-endian, with its byte-order mark.
pub fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

/// A committed fixture from `tests/fixtures/` (only files no crate here can write).
pub fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

impl Ws {
    /// Writes a workbook built by `build` at `rel`.
    pub fn book(
        &self,
        rel: &str,
        build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>,
    ) -> &Self {
        self.write(rel, xlsx(build))
    }
}
