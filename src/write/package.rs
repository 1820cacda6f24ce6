//! What rust_xlsxwriter cannot write, patched into the saved package: different footers
//! on odd and even pages (GB/T 9704 puts odd page numbers right and even ones left).
//! Each worksheet whose footer is an odd-page footer of `page::Footer` gets
//! `differentOddEven` and its even-page footer; every other part is copied as it is,
//! still compressed.

use std::io::{Read, Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::ZIP_LEVEL;
use super::page::Footer;

/// Copies the package `xlsx` to `out`, adding even-page footers to the worksheets at
/// `sheets` (indexes in the workbook's order). Every other part is copied still
/// compressed, so that a million-row 明细 is neither inflated nor deflated again.
///
/// # Errors
/// A zip error: the temporary package or `out` could not be read or written.
pub(crate) fn odd_even_footers<R: Read + Seek, W: Write + Seek>(
    xlsx: R,
    out: W,
    sheets: &[usize],
) -> zip::result::ZipResult<W> {
    let mut archive = ZipArchive::new(xlsx)?;
    let mut out = ZipWriter::new(out);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(ZIP_LEVEL)));
    let patched: Vec<String> = sheets
        .iter()
        .map(|i| format!("xl/worksheets/sheet{}.xml", i + 1))
        .collect();
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name()?.to_string();
        if !patched.contains(&name) {
            out.raw_copy_file(archive.by_index_raw(i)?)?;
            continue;
        }
        let mut xml = String::new();
        archive.by_index(i)?.read_to_string(&mut xml)?;
        out.start_file(name, options)?;
        out.write_all(with_even_footer(xml).as_bytes())?;
    }
    out.finish()
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
}
