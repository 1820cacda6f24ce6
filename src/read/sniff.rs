//! Sniffing: the real format of a file from its first bytes, never from its extension.
//!
//! Zip containers are classified from their directory (and checked against the size
//! limits before anything is unpacked), OLE containers from their stream names, text
//! from its byte-order mark, its markup and its separators.

use std::io::{Cursor, Read};

use super::{Failure, Format, Input, decode, delimited};

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const MIB: u64 = 1024 * 1024;
/// How much of a text file is looked at to tell HTML, XML and delimited text apart.
const PREFIX: usize = 16 * 1024;

/// The format of `bytes`, or the format it seems to be and why it cannot be read.
pub(crate) fn sniff(bytes: &[u8], src: &Input) -> Result<Format, (Format, Failure)> {
    if bytes.is_empty() {
        Ok(Format::Empty)
    } else if bytes.starts_with(OLE_MAGIC) {
        sniff_ole(bytes)
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        sniff_zip(bytes, src)
    } else {
        sniff_text(bytes, src)
    }
}

fn sniff_ole(bytes: &[u8]) -> Result<Format, (Format, Failure)> {
    let ole = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        (
            Format::Unknown,
            Failure::Unreadable(format!("OLE 复合文档结构损坏：{e}")),
        )
    })?;
    let has = |stream: &str| ole.exists(stream);
    if has("EncryptedPackage") || has("EncryptionInfo") {
        Err((Format::EncryptedOoxml, Failure::Encrypted))
    } else if has("Workbook") || has("Book") {
        Ok(Format::Xls)
    } else if has("WordDocument") {
        not_a_sheet("Word 97-2003 文档 (.doc)")
    } else if has("PowerPoint Document") {
        not_a_sheet("PowerPoint 97-2003 演示文稿 (.ppt)")
    } else {
        not_a_sheet("OLE 复合文档，但其中没有 Excel 工作簿")
    }
}

fn sniff_zip(bytes: &[u8], src: &Input) -> Result<Format, (Format, Failure)> {
    let claimed = claimed_zip_format(&src.extension());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        let why = format!("压缩结构损坏，文件可能不完整或未下载完：{e}");
        (claimed, Failure::Unreadable(why))
    })?;
    let names = check_zip_sizes(&zip, src).map_err(|f| (claimed, f))?;
    let has = |part: &str| names.iter().any(|n| n.eq_ignore_ascii_case(part));
    if has("xl/workbook.xml") {
        let macro_enabled = read_small_part(&mut zip, "[Content_Types].xml")
            .is_some_and(|t| t.to_ascii_lowercase().contains("macroenabled"));
        Ok(if macro_enabled || src.extension() == "xlsm" {
            Format::Xlsm
        } else {
            Format::Xlsx
        })
    } else if has("xl/workbook.bin") {
        Ok(Format::Xlsb)
    } else if let Some(mime) = read_small_part(&mut zip, "mimetype") {
        match mime.trim() {
            "application/vnd.oasis.opendocument.spreadsheet" => Ok(Format::Ods),
            other => not_a_sheet(&format!("OpenDocument 文件（{other}），不是电子表格")),
        }
    } else if has("word/document.xml") {
        not_a_sheet("Word 文档 (.docx)")
    } else if has("ppt/presentation.xml") {
        not_a_sheet("PowerPoint 演示文稿 (.pptx)")
    } else {
        not_a_sheet("zip 压缩包；请解压后把其中的表格分别放入收件箱")
    }
}

/// A file that is something other than a table, named for people.
fn not_a_sheet(what: &str) -> Result<Format, (Format, Failure)> {
    Err((Format::Unknown, Failure::Unknown(what.to_string())))
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
            .map_err(|e| Failure::Unreadable(format!("压缩目录损坏：{e}")))?;
        let name = entry
            .name()
            .map(|n| n.replace('\\', "/"))
            .unwrap_or_default();
        // A deflated part can never be much smaller than its compressed bytes: a
        // declaration that says so is a lie, made to slip past the limit.
        if entry.compressed_size() > entry.size().saturating_mul(2).saturating_add(4096) {
            let why = format!("压缩包中「{name}」声明的大小不可信，文件可能被篡改或已损坏");
            return Err(Failure::Unreadable(why));
        }
        if entry.size() > part_limit {
            let what = format!("其中「{name}」解压后 {}", mib(entry.size()));
            return Err(Failure::TooLarge {
                what,
                limit: format!("{} MiB（part_mib）", limits.part_mib),
            });
        }
        total = total.saturating_add(entry.size());
        names.push(name);
    }
    if total > total_limit {
        let what = format!("解压后共 {}", mib(total));
        return Err(Failure::TooLarge {
            what,
            limit: format!("{} MiB（unzipped_mib）", limits.unzipped_mib),
        });
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

pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / MIB as f64)
}

/// What the markup at the start of a text file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    SpreadsheetXml,
    OtherXml,
    Rtf,
    Plain,
}

fn sniff_text(bytes: &[u8], src: &Input) -> Result<Format, (Format, Failure)> {
    if let Some(what) = known_binary(bytes) {
        return not_a_sheet(what);
    }
    let limit = src.opts.limits.text_mib.saturating_mul(MIB);
    let (prefix, utf16) = decode::prefix(bytes, src.opts.encoding, PREFIX);
    let markup = markup(&prefix);
    let format = match markup {
        Markup::Html => Format::Html,
        Markup::SpreadsheetXml => Format::SpreadsheetXml,
        Markup::Plain if utf16 => Format::Utf16Text(delimited::detect_delimiter(&prefix)),
        Markup::Plain => Format::Delimited(delimited::detect_delimiter(&prefix)),
        Markup::OtherXml => return not_a_sheet("XML 文件，但不是 Excel 2003 XML 表格"),
        Markup::Rtf => return not_a_sheet("RTF 文档"),
    };
    if markup == Markup::Plain && looks_binary(&prefix) {
        return not_a_sheet(&describe_binary(bytes));
    }
    if bytes.len() as u64 > limit {
        let what = format!("文件 {}", mib(bytes.len() as u64));
        let limit = format!("{} MiB（text_mib）", src.opts.limits.text_mib);
        return Err((format, Failure::TooLarge { what, limit }));
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

/// Text never holds NUL or many other control characters; binary files do.
fn looks_binary(prefix: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in prefix.chars() {
        total += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1b' => {}
            c if c.is_control() && (c as u32) < 0x80 => control += 1,
            _ => {}
        }
    }
    control * 100 > total
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

fn describe_binary(bytes: &[u8]) -> String {
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
    format!("二进制内容，开头字节为 {}", head.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::ReadOptions;

    fn sniffed(bytes: &[u8], name: &str) -> Result<Format, (Format, Failure)> {
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
            Err((Format::Unknown, Failure::Unknown(_)))
        ));
        let pdf = b"%PDF-1.4\n\x00\x01\x02binary";
        match sniffed(pdf, "a.xls") {
            Err((Format::Unknown, Failure::Unknown(what))) => assert_eq!(what, "PDF 文档"),
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
            Err((Format::Unknown, Failure::Unknown(what))) => {
                assert!(what.contains("Word"), "{what}")
            }
            other => panic!("{other:?}"),
        }
    }
}
