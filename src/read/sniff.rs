//! Sniffing: the real format of a file from its first bytes, never from its extension.
//!
//! Zip containers are classified from their package relationships and directory (and
//! checked against the size limits before anything is unpacked), OLE containers from
//! their stream names, text from its byte-order mark, its markup and its separators.
//! Excel 2.x–4.0 worksheets, which are bare BIFF records, are named for what they are.

use std::io::{Cursor, Read};

use super::failure::{Damage, Failure, NotATable, Oversize};
use super::ole::{self, Ole};
use super::{Format, Input, decode, delimited, ooxml};

pub(super) const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const MIB: u64 = 1024 * 1024;
/// How much of a text file is looked at to tell HTML, XML and delimited text apart.
const PREFIX: usize = 16 * 1024;

type Sniffed = Result<Format, (Format, Failure)>;

/// The format of `bytes`, or the format it seems to be and why it cannot be read.
pub(crate) fn sniff(bytes: &[u8], src: &Input) -> Sniffed {
    if bytes.is_empty() {
        Ok(Format::Empty)
    } else if bytes.starts_with(OLE_MAGIC) {
        sniff_ole(bytes)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        sniff_zip(bytes, src)
    } else if let Some(version) = old_biff(bytes) {
        Err((Format::Unknown, Failure::TooOld(version)))
    } else {
        sniff_text(bytes, src)
    }
}

/// The Excel version of a bare BIFF2–BIFF4 worksheet, known by its BOF record (type
/// 0x0009, 0x0209 or 0x0409, then a short length and the sheet type).
fn old_biff(bytes: &[u8]) -> Option<&'static str> {
    let version = match bytes.get(..4)? {
        [0x09, 0x00, 4..=8, 0x00] => "Excel 2.x 工作表（BIFF2）",
        [0x09, 0x02, 6..=8, 0x00] => "Excel 3.0 工作表（BIFF3）",
        [0x09, 0x04, 6..=8, 0x00] => "Excel 4.0 工作表（BIFF4）",
        _ => return None,
    };
    Some(version)
}

fn sniff_ole(bytes: &[u8]) -> Sniffed {
    let ole = match Ole::open(bytes) {
        Ok(ole) => ole,
        // Too damaged to list, but an encrypted package still names its streams.
        Err(_) if ole::mentions(bytes, "EncryptedPackage") => {
            return Err((Format::EncryptedOoxml, Failure::Encrypted));
        }
        Err(damage) => return Err((Format::Unknown, damage.into())),
    };
    if ole.has("EncryptedPackage") || ole.has("EncryptionInfo") {
        Err((Format::EncryptedOoxml, Failure::Encrypted))
    } else if ole.has("Workbook") || ole.has("Book") {
        Ok(Format::Xls)
    } else if ole.has("WordDocument") {
        not_a_sheet("Word 97-2003 文档 (.doc)")
    } else if ole.has("PowerPoint Document") {
        not_a_sheet("PowerPoint 97-2003 演示文稿 (.ppt)")
    } else {
        not_a_sheet("OLE 复合文档，但其中没有 Excel 工作簿")
    }
}

fn sniff_zip(bytes: &[u8], src: &Input) -> Sniffed {
    let claimed = claimed_zip_format(&src.extension());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| (claimed, Damage::Zip(e.to_string()).into()))?;
    let names = check_zip_sizes(&zip, src).map_err(|f| (claimed, f))?;
    let has = |part: &str| names.iter().any(|n| n.eq_ignore_ascii_case(part));
    // The package relationships say where the workbook is; nearly always in `xl/`.
    let document = ooxml::workbook_part(&mut zip).filter(|p| has(p));
    let workbook = document.clone().or_else(|| {
        ["xl/workbook.xml", "xl/workbook.bin"]
            .into_iter()
            .find(|p| has(p))
            .map(str::to_string)
    });
    match workbook {
        Some(part) if part.to_ascii_lowercase().ends_with(".bin") => return Ok(Format::Xlsb),
        Some(part) if !part.starts_with("word/") && !part.starts_with("ppt/") => {
            let macro_enabled = read_small_part(&mut zip, "[Content_Types].xml")
                .is_some_and(|t| t.to_ascii_lowercase().contains("macroenabled"));
            return Ok(if macro_enabled || src.extension() == "xlsm" {
                Format::Xlsm
            } else {
                Format::Xlsx
            });
        }
        _ => {}
    }
    if let Some(mime) = read_small_part(&mut zip, "mimetype") {
        return match mime.trim() {
            "application/vnd.oasis.opendocument.spreadsheet" => {
                let manifest = read_small_part(&mut zip, "META-INF/manifest.xml");
                if manifest.is_some_and(|m| m.contains("encryption-data")) {
                    Err((Format::Ods, Failure::Encrypted))
                } else {
                    Ok(Format::Ods)
                }
            }
            other => Err((
                Format::Unknown,
                Failure::NotATable(NotATable::OpenDocument(other.to_string())),
            )),
        };
    }
    if has("word/document.xml") {
        not_a_sheet("Word 文档 (.docx)")
    } else if has("ppt/presentation.xml") {
        not_a_sheet("PowerPoint 演示文稿 (.pptx)")
    } else {
        not_a_sheet("zip 压缩包；请解压后把其中的表格分别放入收件箱")
    }
}

/// A file that is something other than a table, named for people.
fn not_a_sheet(what: &'static str) -> Sniffed {
    Err((Format::Unknown, Failure::NotATable(NotATable::Known(what))))
}

/// The format a broken zip claims to be by its extension, so the file list still says something useful.
fn claimed_zip_format(ext: &str) -> Format {
    match ext {
        "xlsx" => Format::Xlsx,
        "xlsm" => Format::Xlsm,
        "xlsb" => Format::Xlsb,
        "ods" => Format::Ods,
        _ => Format::Unknown,
    }
}

/// Checks the declared uncompressed sizes of every part against the limits, before any
/// part is unpacked (calamine has no bound of its own), and returns the part names.
fn check_zip_sizes(
    zip: &zip::ZipArchive<Cursor<&[u8]>>,
    src: &Input,
) -> Result<Vec<String>, Failure> {
    let limits = src.opts.limits;
    let part_limit = limits.part_mib.saturating_mul(MIB);
    let total_limit = limits.unzipped_mib.saturating_mul(MIB);
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip
            .by_index_data(i)
            .map_err(|e| Damage::Zip(e.to_string()))?;
        let name = entry
            .name()
            .map(|n| n.replace('\\', "/"))
            .unwrap_or_default();
        // A deflated part can never be much smaller than its compressed bytes: a
        // declaration that says so is a lie, made to slip past the limit.
        if entry.compressed_size() > entry.size().saturating_mul(2).saturating_add(4096) {
            return Err(Damage::UntrustedSize(name).into());
        }
        if entry.size() > part_limit {
            let (bytes, limit_mib) = (entry.size(), limits.part_mib);
            return Err(Oversize::Part {
                name,
                bytes,
                limit_mib,
            }
            .into());
        }
        total = total.saturating_add(entry.size());
        names.push(name);
    }
    if total > total_limit {
        let limit_mib = limits.unzipped_mib;
        return Err(Oversize::Unzipped {
            bytes: total,
            limit_mib,
        }
        .into());
    }
    Ok(names)
}

/// A small text part of a zip (at most 1 MiB is read, whatever it declares).
fn read_small_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.take(MIB).read_to_string(&mut text).ok()?;
    Some(text)
}

/// What the markup at the start of a text file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    SpreadsheetXml,
    FlatOds,
    OtherXml,
    Rtf,
    Plain,
}

fn sniff_text(bytes: &[u8], src: &Input) -> Sniffed {
    if let Some(what) = known_binary(bytes) {
        return not_a_sheet(what);
    }
    let limit = src.opts.limits.text_mib.saturating_mul(MIB);
    let (prefix, utf16) = decode::prefix(bytes, src.opts.encoding, PREFIX);
    let markup = markup(&prefix);
    let format = match markup {
        Markup::Html => Format::Html,
        Markup::SpreadsheetXml => Format::SpreadsheetXml,
        Markup::FlatOds => Format::FlatOds,
        Markup::Plain if utf16 => Format::Utf16Text(delimited::detect_delimiter(&prefix)),
        Markup::Plain => Format::Delimited(delimited::detect_delimiter(&prefix)),
        Markup::OtherXml => return not_a_sheet("XML 文件，但不是 Excel 2003 XML 表格"),
        Markup::Rtf => return not_a_sheet("RTF 文档"),
    };
    if markup == Markup::Plain && looks_binary(&prefix) {
        let head = bytes[..bytes.len().min(4)].to_vec();
        return Err((Format::Unknown, Failure::NotATable(NotATable::Binary(head))));
    }
    if bytes.len() as u64 > limit {
        let (bytes, limit_mib) = (bytes.len() as u64, src.opts.limits.text_mib);
        return Err((format, Oversize::Text { bytes, limit_mib }.into()));
    }
    Ok(format)
}

fn markup(prefix: &str) -> Markup {
    let head = prefix.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let lower = head.to_ascii_lowercase();
    let html =
        || lower.contains("<html") || lower.contains("<table") || lower.contains("<!doctype html");
    if lower.starts_with("<?xml") || lower.starts_with("<?mso-application") {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || lower.contains("progid=\"excel.sheet\"")
        {
            Markup::SpreadsheetXml
        } else if lower.contains("application/vnd.oasis.opendocument.spreadsheet") {
            Markup::FlatOds
        } else if html() {
            Markup::Html
        } else {
            Markup::OtherXml
        }
    } else if lower.starts_with("{\\rtf") {
        Markup::Rtf
    } else if lower.starts_with('<') && html() {
        Markup::Html
    } else {
        Markup::Plain
    }
}

/// Text holds few control characters (a stray NUL is damage, removed and reported when
/// decoding); binary files hold many.
fn looks_binary(prefix: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in prefix.chars() {
        total += 1;
        match c {
            '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1b' => {}
            c if c.is_control() && (c as u32) < 0x80 => control += 1,
            _ => {}
        }
    }
    control > 2 && control * 100 > total
}

/// A Chinese name for a binary file people commonly send by mistake, known by its first bytes.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const KNOWN: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF 文档"),
        (&[0x89, b'P', b'N', b'G'], "PNG 图片"),
        (&[0xFF, 0xD8, 0xFF], "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"Rar!", "RAR 压缩包；请解压后把其中的表格分别放入收件箱"),
        (
            &[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
            "7z 压缩包；请解压后把其中的表格分别放入收件箱",
        ),
        (&[0x1F, 0x8B], "gzip 压缩包"),
        (b"MZ", "Windows 程序"),
    ];
    KNOWN
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ReadOptions;

    fn sniffed(bytes: &[u8], name: &str) -> Sniffed {
        let opts = ReadOptions::default();
        sniff(bytes, &Input { name, opts: &opts })
    }

    #[test]
    fn html_is_found_after_bom_and_whitespace() {
        let html = "\u{feff}\r\n  <HTML><body><table><tr><td>1</td></tr></table></body></HTML>";
        assert_eq!(sniffed(html.as_bytes(), "a.xls"), Ok(Format::Html));
        assert_eq!(
            sniffed(b"<table><tr><td>1</td></tr></table>", "a.xls"),
            Ok(Format::Html)
        );
    }

    #[test]
    fn html_in_utf16_is_html() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<html><table><tr><td>单位</td></tr></table></html>".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(sniffed(&bytes, "a.xls"), Ok(Format::Html));
    }

    #[test]
    fn other_xml_and_pdf_are_unknown() {
        let xml = b"<?xml version=\"1.0\"?><root/>";
        assert!(matches!(
            sniffed(xml, "a.xml"),
            Err((Format::Unknown, Failure::NotATable(_)))
        ));
        let pdf = b"%PDF-1.4\n\x00\x01\x02binary";
        match sniffed(pdf, "a.xls") {
            Err((Format::Unknown, Failure::NotATable(what))) => {
                assert_eq!(what.to_string(), "PDF 文档")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_zip_that_is_not_a_spreadsheet_says_so() {
        let mut buf = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        w.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, b"<w:document/>").unwrap();
        w.finish().unwrap();
        match sniffed(buf.get_ref(), "a.xlsx") {
            Err((Format::Unknown, Failure::NotATable(what))) => {
                assert!(what.to_string().contains("Word"), "{what}")
            }
            other => panic!("{other:?}"),
        }
    }
}
