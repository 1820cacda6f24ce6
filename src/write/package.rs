//! What rust_xlsxwriter cannot write, patched into the saved package: the rows of
//! streamed sheets (see [`Body`](super::body::Body)), spliced in after their header row;
//! and different footers on odd and even pages (GB/T 9704 puts odd page numbers right
//! and even ones left): each worksheet whose footer is an odd-page footer of
//! `page::Footer` gets `differentOddEven` and its even-page footer. Every other part is
//! copied as it is, still compressed.
//!
//! A streamed sheet's rows are deflated while they are written, as a [`Piece`]: deflated
//! text that ends on a byte boundary without ending the stream, so that it joins the
//! pieces of the sheet's XML before and after it, deflated when the book is saved, into
//! one part — as pigz joins the pieces it deflates in parallel. The zip library copies a deflated part only from another zip, so the joined
//! part is written as a zip of its own first ([`one_part_zip`]).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use crc32fast::Hasher;
use flate2::{Compress, Compression, FlushCompress};
use rust_xlsxwriter::utility::cell_range;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::ZIP_LEVEL;
use super::page::Footer;

/// What is patched into one worksheet of the package.
#[derive(Debug)]
pub(crate) enum Patch {
    /// The even-page footer of an annex.
    EvenFooter,
    /// The rows below the header of a streamed sheet, as deflated sheet XML, reaching
    /// row `last_row` (1-based) and column `last_col` (0-based).
    Rows {
        rows: Piece,
        last_row: u32,
        last_col: u16,
    },
}

/// Copies the package `xlsx` to `out` with each worksheet of `patches` (by its index in
/// the workbook's order) patched. Every other part is copied still compressed, so that
/// nothing is inflated or deflated again.
///
/// # Errors
/// A zip error: the temporary package or `out` could not be read or written.
pub(crate) fn patch<R: Read + Seek, W: Write + Seek>(
    xlsx: R,
    out: W,
    patches: Vec<(usize, Patch)>,
) -> zip::result::ZipResult<W> {
    let mut archive = ZipArchive::new(xlsx)?;
    let mut out = ZipWriter::new(out);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(ZIP_LEVEL)));
    let mut patches: Vec<(String, Patch)> = (patches.into_iter())
        .map(|(i, p)| (format!("xl/worksheets/sheet{}.xml", i + 1), p))
        .collect();
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name()?.to_string();
        let Some(at) = patches.iter().position(|(n, _)| *n == name) else {
            out.raw_copy_file(archive.by_index_raw(i)?)?;
            continue;
        };
        let mut xml = String::new();
        archive.by_index(i)?.read_to_string(&mut xml)?;
        match patches.swap_remove(at).1 {
            Patch::EvenFooter => {
                out.start_file(name, options)?;
                out.write_all(with_even_footer(xml).as_bytes())?;
            }
            Patch::Rows {
                rows,
                last_row,
                last_col,
            } => {
                let (head, tail) = around_rows(&xml, last_row, last_col)?;
                let head = Piece::of(head.as_bytes(), false)?;
                let tail = Piece::of(tail.as_bytes(), true)?;
                let mut part = ZipArchive::new(one_part_zip(&name, [head, rows, tail])?)?;
                out.raw_copy_file(part.by_index_raw(0)?)?;
            }
        }
    }
    out.finish()
}

/// Deflated text that ends on a byte boundary (see the module's documentation), in an
/// unnamed temporary file, with the CRC-32 and length of the text.
#[derive(Debug)]
pub(crate) struct Piece {
    file: File,
    crc: Hasher,
    /// The length of the text.
    size: u64,
    /// The length of the deflated text.
    len: u64,
}

impl Piece {
    /// `text` deflated; `last` ends the deflated stream after it.
    pub(super) fn of(text: &[u8], last: bool) -> io::Result<Self> {
        let mut deflater = Deflater::new()?;
        deflater.write(text)?;
        deflater.finish(last)
    }
}

/// Deflates text into a [`Piece`], as it comes.
pub(crate) struct Deflater {
    compress: Compress,
    out: BufWriter<File>,
    crc: Hasher,
    size: u64,
    /// What one call to the compressor gives.
    chunk: Vec<u8>,
}

impl Deflater {
    /// A deflater at [`ZIP_LEVEL`] writing to a new unnamed temporary file.
    pub(crate) fn new() -> io::Result<Self> {
        Ok(Self {
            compress: Compress::new(Compression::new(u32::from(ZIP_LEVEL)), false),
            out: BufWriter::new(tempfile::tempfile()?),
            crc: Hasher::new(),
            size: 0,
            chunk: Vec::with_capacity(1 << 18),
        })
    }

    /// Deflates `text`.
    pub(crate) fn write(&mut self, text: &[u8]) -> io::Result<()> {
        self.crc.update(text);
        self.size += text.len() as u64;
        self.deflate(text, FlushCompress::None)
    }

    /// The piece: flushed to a byte boundary, and the stream ended there when `last`.
    pub(crate) fn finish(mut self, last: bool) -> io::Result<Piece> {
        let flush = if last {
            FlushCompress::Finish
        } else {
            FlushCompress::Sync
        };
        self.deflate(&[], flush)?;
        let mut file = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(Piece {
            file,
            crc: self.crc,
            size: self.size,
            len: self.compress.total_out(),
        })
    }

    fn deflate(&mut self, mut text: &[u8], flush: FlushCompress) -> io::Result<()> {
        loop {
            self.chunk.clear();
            let before = self.compress.total_in();
            self.compress
                .compress_vec(text, &mut self.chunk, flush)
                .map_err(io::Error::other)?;
            let taken = usize::try_from(self.compress.total_in() - before).unwrap_or(text.len());
            text = &text[taken.min(text.len())..];
            self.out.write_all(&self.chunk)?;
            // Done when the text is taken and the compressor had room to spare: it has
            // given all it holds for this flush.
            if text.is_empty() && self.chunk.len() < self.chunk.capacity() {
                return Ok(());
            }
        }
    }
}

/// A zip holding one part named `name`, deflated as `pieces` joined, in an unnamed
/// temporary file. Dated as rust_xlsxwriter dates its parts (1980-01-01 00:00); sizes past
/// 4 GiB are kept in zip64 fields.
fn one_part_zip<const N: usize>(name: &str, pieces: [Piece; N]) -> io::Result<File> {
    const DOS_DATE: u16 = 0x21;
    const UTF8_NAME: u16 = 1 << 11;
    const DEFLATED: u16 = 8;
    let mut crc = Hasher::new();
    let (mut size, mut len) = (0, 0);
    for piece in &pieces {
        crc.combine(&piece.crc);
        size += piece.size;
        len += piece.len;
    }
    let crc = crc.finalize();
    let large = size >= u64::from(u32::MAX) || len >= u64::from(u32::MAX);
    let clamp = |n: u64| if large { u32::MAX } else { n as u32 };
    let name = name.as_bytes();
    let mut zip64 = Vec::new();
    if large {
        zip64.extend(1u16.to_le_bytes());
        zip64.extend(16u16.to_le_bytes());
        zip64.extend(size.to_le_bytes());
        zip64.extend(len.to_le_bytes());
    }
    let version: u16 = if large { 45 } else { 20 };
    // What the local header and the central directory's entry share, from the version
    // needed to the length of the extra field.
    let mut common = Vec::new();
    for n in [version, UTF8_NAME, DEFLATED, 0, DOS_DATE] {
        common.extend(n.to_le_bytes());
    }
    for n in [crc, clamp(len), clamp(size)] {
        common.extend(n.to_le_bytes());
    }
    for n in [name.len() as u16, zip64.len() as u16] {
        common.extend(n.to_le_bytes());
    }
    let mut out = BufWriter::new(tempfile::tempfile()?);
    out.write_all(&0x0403_4b50u32.to_le_bytes())?;
    out.write_all(&common)?;
    out.write_all(name)?;
    out.write_all(&zip64)?;
    for piece in pieces {
        io::copy(&mut BufReader::new(piece.file), &mut out)?;
    }
    let directory = 30 + name.len() as u64 + zip64.len() as u64 + len;
    let directory = u32::try_from(directory)
        .map_err(|_| io::Error::other("a streamed sheet over 4 GiB deflated"))?;
    let mut central = 0x0201_4b50u32.to_le_bytes().to_vec();
    central.extend(version.to_le_bytes());
    central.extend(&common);
    // No comment; disk 0; no attributes; the local header at offset 0.
    central.extend([0u8; 14]);
    central.extend(name);
    central.extend(&zip64);
    out.write_all(&central)?;
    let mut end = 0x0605_4b50u32.to_le_bytes().to_vec();
    end.extend([0u8; 4]);
    end.extend(1u16.to_le_bytes());
    end.extend(1u16.to_le_bytes());
    end.extend((central.len() as u32).to_le_bytes());
    end.extend(directory.to_le_bytes());
    end.extend(0u16.to_le_bytes());
    out.write_all(&end)?;
    let mut file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// A streamed sheet's XML before and after the place of its body rows (the end of
/// `sheetData`), its dimension made to reach row `last_row` and column `last_col`.
fn around_rows(xml: &str, last_row: u32, last_col: u16) -> io::Result<(String, &str)> {
    let end = xml
        .find("</sheetData>")
        .ok_or_else(|| io::Error::other("a streamed sheet without sheetData"))?;
    let (head, tail) = xml.split_at(end);
    let dimension = format!(
        "<dimension ref=\"{}\"/>",
        cell_range(0, 0, last_row.saturating_sub(1), last_col)
    );
    let head = match head.find("<dimension ") {
        Some(from) => {
            let to = head[from..].find("/>").map_or(from, |c| from + c + 2);
            format!("{}{dimension}{}", &head[..from], &head[to..])
        }
        None => head.to_string(),
    };
    Ok((head, tail))
}

/// A worksheet's XML with its even-page footer, where its footer has one.
fn with_even_footer(xml: String) -> String {
    let odd = Footer::OddEven.odd();
    let (Some(even), true) = (Footer::OddEven.even(), xml.contains(&escape(odd))) else {
        return xml;
    };
    let odd_tag = format!("<oddFooter>{}</oddFooter>", escape(odd));
    xml.replacen("<headerFooter>", "<headerFooter differentOddEven=\"1\">", 1)
        .replacen(
            &odd_tag,
            &format!("{odd_tag}<evenFooter>{}</evenFooter>", escape(even)),
            1,
        )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
}

/// The text of `pieces` joined, read back through the zip library (which checks the CRC).
#[cfg(test)]
pub(super) fn joined<const N: usize>(pieces: [Piece; N]) -> String {
    let mut zip = ZipArchive::new(one_part_zip("part.xml", pieces).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_index(0).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_annex_footer_gains_its_even_page_twin_and_others_stay() {
        let odd = escape(Footer::OddEven.odd());
        let xml = format!("<headerFooter><oddFooter>{odd}</oddFooter></headerFooter>");
        let got = with_even_footer(xml);
        assert!(got.starts_with("<headerFooter differentOddEven=\"1\"><oddFooter>"));
        assert!(got.contains("<evenFooter>&amp;L&amp;14"), "{got}");
        let data = "<headerFooter><oddFooter>&amp;C— &amp;P —</oddFooter></headerFooter>";
        assert_eq!(with_even_footer(data.to_string()), data);
    }

    #[test]
    fn rows_go_at_the_end_of_sheet_data_and_the_dimension_reaches_them() {
        let xml = r#"<worksheet><dimension ref="A1:I1"/><sheetViews/><sheetData><row r="1"/></sheetData><autoFilter ref="A1:I5"/></worksheet>"#;
        let (head, tail) = around_rows(xml, 5, 8).unwrap();
        assert_eq!(
            head,
            r#"<worksheet><dimension ref="A1:I5"/><sheetViews/><sheetData><row r="1"/>"#
        );
        assert_eq!(tail, r#"</sheetData><autoFilter ref="A1:I5"/></worksheet>"#);
        assert!(around_rows("<worksheet/>", 5, 8).is_err());
    }

    /// Pieces deflated apart, joined in one part, read back whole by the zip library,
    /// which checks the CRC.
    #[test]
    fn pieces_deflated_apart_make_one_part() {
        let head = "<sheetData>".repeat(10);
        let mut deflater = Deflater::new().unwrap();
        let rows: String = (0..50_000).map(|i| format!("<row r=\"{i}\"/>")).collect();
        for chunk in rows.as_bytes().chunks(70_001) {
            deflater.write(chunk).unwrap();
        }
        let pieces = [
            Piece::of(head.as_bytes(), false).unwrap(),
            deflater.finish(false).unwrap(),
            Piece::of(b"", false).unwrap(),
            Piece::of(b"</sheetData>", true).unwrap(),
        ];
        assert!(pieces[1].len < pieces[1].size / 2, "{:?}", pieces[1]);
        assert_eq!(joined(pieces), format!("{head}{rows}</sheetData>"));
    }

    /// A part past 4 GiB keeps its sizes in zip64 fields, which the zip library reads.
    #[test]
    fn a_part_past_4_gib_has_its_sizes_in_zip64_fields() {
        let mut huge = Piece::of(b"<row/>", true).unwrap();
        huge.size = 5 << 30;
        let len = huge.len;
        let file = one_part_zip("xl/worksheets/sheet1.xml", [huge]).unwrap();
        let mut zip = ZipArchive::new(file).unwrap();
        let part = zip.by_index_raw(0).unwrap();
        assert_eq!((part.size(), part.compressed_size()), (5 << 30, len));
    }
}
