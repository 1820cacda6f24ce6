//! What rust_xlsxwriter cannot write, patched into the saved package: the rows of
//! streamed sheets (see [`Body`](super::body::Body)), spliced in after their header row;
//! and different footers on odd and even pages (GB/T 9704 puts odd page numbers right
//! and even ones left): each worksheet whose footer is an odd-page footer of
//! `page::Footer` gets `differentOddEven` and its even-page footer. Every other part is
//! copied as it is, still compressed.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, Write};

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
    /// The rows below the header of a streamed sheet, as sheet XML in `rows`, reaching
    /// row `last_row` (1-based) and column `last_col` (0-based).
    Rows {
        rows: File,
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
                // Past 4 GiB a part needs the zip64 extension, which the zip must know first.
                let size = rows.metadata()?.len() + xml.len() as u64;
                out.start_file(name, options.large_file(size >= u64::from(u32::MAX)))?;
                out.write_all(head.as_bytes())?;
                io::copy(&mut BufReader::with_capacity(1 << 20, rows), &mut out)?;
                out.write_all(tail.as_bytes())?;
            }
        }
    }
    out.finish()
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
}
