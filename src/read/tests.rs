//! `read_bytes` on every kind of file a unit sends; fixtures are generated here, except
//! the few no crate here can write (see `tests/fixtures/README.md`).

use std::io::{Cursor, Read, Write};

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;
use rust_xlsxwriter::{Format as XFormat, Formula, Workbook, XlsxError};

use super::*;
use crate::problems::Severity;

pub(super) fn read(bytes: &[u8], name: &str) -> FileRead {
    read_bytes(bytes, name, &ReadOptions::default())
}

pub(super) fn codes(r: &FileRead) -> Vec<Code> {
    r.problems.iter().map(|p| p.code).collect()
}

pub(super) fn texts(s: &Sheet) -> Vec<Vec<String>> {
    s.rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect()
}

pub(super) fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::Date(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_time(NaiveTime::MIN),
    )
}

pub(super) fn xlsx(build: impl FnOnce(&mut Workbook) -> Result<(), XlsxError>) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(&mut wb).unwrap();
    wb.save_to_buffer().unwrap()
}

/// Rewrites every part of a zip through `edit` (name, bytes) → bytes.
pub(super) fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut part = src.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&edit(&name, data)).unwrap();
    }
    out.finish().unwrap().into_inner()
}

pub(super) fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut comp = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        comp.create_stream(name).unwrap().write_all(data).unwrap();
    }
    comp.flush().unwrap();
    comp.into_inner().into_inner()
}

pub(super) fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = match (bom, le) {
        (false, _) => vec![],
        (true, true) => vec![0xFF, 0xFE],
        (true, false) => vec![0xFE, 0xFF],
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

// ---- Encoding ----

#[test]
fn gbk_csv_is_decoded_as_gb18030() {
    let (bytes, _, _) =
        encoding_rs::GBK.encode("序号,标题,发布日期\n1,关于低保标准调整的通知,2026-11-05\n");
    let r = read(&bytes, "inbox/民政局.csv");
    assert_eq!(
        (r.format, r.encoding),
        (Format::Delimited(Delimiter::Comma), Some("GB18030"))
    );
    assert_eq!(r.sheets[0].name, "民政局");
    assert_eq!(
        texts(&r.sheets[0])[1],
        ["1", "关于低保标准调整的通知", "2026-11-05"]
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn utf8_bom_never_reaches_the_first_label() {
    let r = read("\u{feff}序号,标题\n1,通知\n".as_bytes(), "a.csv");
    assert_eq!(r.encoding, Some("UTF-8 (BOM)"));
    assert_eq!(r.sheets[0].cell(0, 0), &Cell::Text("序号".into()));
}

#[test]
fn utf8_that_gb18030_could_also_read_stays_utf8() {
    let r = read("单位,数量\n政务公开办,12\n".as_bytes(), "a.csv");
    assert_eq!(r.encoding, Some("UTF-8"));
    assert_eq!(r.sheets[0].cell(1, 0), &Cell::Text("政务公开办".into()));
}

#[test]
fn undecodable_bytes_give_one_problem_with_the_line() {
    let opts = ReadOptions {
        encoding: Some(encoding_rs::UTF_8),
        ..Default::default()
    };
    let r = read_bytes(b"a,b\n\xff\xfe\xfd,c\nd,\xff\n", "a.csv", &opts);
    let bad: Vec<_> = r
        .problems
        .iter()
        .filter(|p| p.code == Code::Undecodable)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(
        bad[0].message,
        "第 2 行有无法解码的字符（按 UTF-8 解码），请用 WPS 或 Excel 另存为 UTF-8 编码的 CSV 后重新报送"
    );
    assert!(r.sheets[0].cell(1, 0).text().contains('\u{fffd}'));
}

// ---- Format sniffing ----

#[test]
fn utf16_le_and_be_tsv_saved_as_xls() {
    let text = "单位\t标题\t数量\r\n民政局\t通知\t12\r\n";
    for (bytes, label) in [
        (utf16(text, true, true), "UTF-16LE"),
        (utf16(text, false, true), "UTF-16BE"),
        (utf16(text, true, false), "UTF-16LE"),
    ] {
        let r = read(&bytes, "inbox/报表.xls");
        assert_eq!(
            (r.format, r.encoding),
            (Format::Utf16Text(Delimiter::Tab), Some(label))
        );
        assert_eq!(
            texts(&r.sheets[0]),
            [["单位", "标题", "数量"], ["民政局", "通知", "12"]]
        );
        assert_eq!(
            r.problems[0].message,
            "扩展名为 .xls，实际为UTF-16 文本表格，已按实际格式读取"
        );
        assert_eq!(r.problems[0].severity, Severity::Info);
    }
}

#[test]
fn html_table_saved_as_xls() {
    let html = "<html><body><table border=1>
        <tr><td colspan=2>附件1</td></tr>
        <tr><th>单位</th><th>数量</th></tr>
        <tr><td>民政局</td><td>12</td></tr></table></body></html>";
    let r = read(html.as_bytes(), "inbox/统计.xls");
    assert_eq!(r.format, Format::Html);
    assert_eq!(codes(&r), [Code::FormatMismatch]);
    assert_eq!(
        r.problems[0].message,
        "扩展名为 .xls，实际为网页表格，已按实际格式读取"
    );
    assert_eq!(
        texts(&r.sheets[0]),
        [["附件1", "附件1"], ["单位", "数量"], ["民政局", "12"]]
    );
}

#[test]
fn spreadsheetml_saved_as_xls() {
    let xml = r#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
      <Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">单位</Data></Cell><Cell><Data ss:Type="Number">12</Data></Cell></Row></Table></Worksheet></Workbook>"#;
    let r = read(xml.as_bytes(), "a.xls");
    assert_eq!(r.format, Format::SpreadsheetXml);
    assert_eq!(
        r.problems[0].message,
        "扩展名为 .xls，实际为Excel 2003 XML 表格，已按实际格式读取"
    );
    assert_eq!(r.sheets[0].cell(0, 1), &Cell::Number(12.0));
}

#[test]
fn a_text_repeated_down_a_column_is_held_once() {
    let shared = |s: &Sheet, (r1, c1): (u32, u32), (r2, c2): (u32, u32)| match (
        s.cell(r1, c1),
        s.cell(r2, c2),
    ) {
        (Cell::Text(a), Cell::Text(b)) => std::sync::Arc::ptr_eq(a, b),
        other => panic!("not texts: {other:?}"),
    };
    let csv = "单位,标题\n民政局,通知\n民政局,通知\n财政局,通知\n财政局,预算\n";
    let book = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for (r, line) in csv.lines().enumerate() {
            for (c, text) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, text)?;
            }
        }
        Ok(())
    });
    for r in [read(csv.as_bytes(), "a.csv"), read(&book, "a.xlsx")] {
        let s = &r.sheets[0];
        assert_eq!(texts(s)[3], ["财政局", "通知"]);
        assert!(shared(s, (1, 0), (2, 0)) && shared(s, (3, 0), (4, 0)));
        assert!(shared(s, (1, 1), (2, 1)) && shared(s, (2, 1), (3, 1)));
        assert!(!shared(s, (2, 0), (3, 0)) && !shared(s, (0, 1), (1, 1)));
    }
}

#[test]
fn semicolon_and_tab_delimiters_are_detected() {
    let r = read(
        "单位;标题;数量\n民政局;通知, 公告;12\n财政局;预算;3\n".as_bytes(),
        "a.csv",
    );
    assert_eq!(r.format, Format::Delimited(Delimiter::Semicolon));
    assert_eq!(texts(&r.sheets[0])[1], ["民政局", "通知, 公告", "12"]);
    let r = read(
        "单位\t标题\t数量\n民政局\t通知,公告\t12\n".as_bytes(),
        "a.txt",
    );
    assert_eq!(r.format, Format::Delimited(Delimiter::Tab));
    assert_eq!(texts(&r.sheets[0])[1], ["民政局", "通知,公告", "12"]);
    assert!(r.problems.is_empty());
}

#[test]
fn a_title_line_above_a_wider_header_loses_no_field() {
    let csv = "附件1\n填报单位：民政局\n序号,标题,发布日期,栏目,链接\n1,\"通知,公告\",2026-11-05,政策文件,http://a/1\n\n2,\"两行\n标题\",2026-11-06,,\n";
    let r = read(csv.as_bytes(), "a.csv");
    let s = &r.sheets[0];
    assert_eq!(texts(s)[2], ["序号", "标题", "发布日期", "栏目", "链接"]);
    assert_eq!(
        texts(s)[3],
        ["1", "通知,公告", "2026-11-05", "政策文件", "http://a/1"]
    );
    assert!(s.rows[4].is_empty(), "a blank line keeps its row number");
    assert_eq!(s.cell(5, 1), &Cell::Text("两行\n标题".into()));
    assert_eq!(s.cell(5, 3), &Cell::Empty);
    assert_eq!(s.rows.len(), 6);
}

#[test]
fn stray_quotes_are_read_as_excel_does_and_reported() {
    let csv = "标题,日期\n\"双减\"工作推进情况,2026-11-05\n\"正常, 引号\",2026-11-06\n";
    let r = read(csv.as_bytes(), "a.csv");
    assert_eq!(codes(&r), [Code::StrayQuote]);
    assert_eq!(r.problems[0].cell().as_deref(), Some("第 2 行"));
    assert_eq!(
        texts(&r.sheets[0])[1],
        ["\"双减\"工作推进情况", "2026-11-05"]
    );
    assert_eq!(texts(&r.sheets[0])[2], ["正常, 引号", "2026-11-06"]);
    // Below a quoted field of two lines, the row is the one Excel shows (the record),
    // not the line of the file (it said 第 4 行 of what is row 3).
    let csv = "标题,日期\n\"两行\n标题\",2026-11-05\n\"双减\"工作推进情况,2026-11-06\n";
    let r = read(csv.as_bytes(), "a.csv");
    assert_eq!(codes(&r), [Code::StrayQuote]);
    assert_eq!(r.problems[0].cell().as_deref(), Some("第 3 行"));
    assert_eq!(texts(&r.sheets[0])[2][1], "2026-11-06");
}

#[test]
fn an_ole_container_with_an_encrypted_package_is_encrypted() {
    let bytes = ole(&[
        ("EncryptionInfo", b"\x04\x00\x04\x00"),
        ("EncryptedPackage", &[0u8; 64]),
    ]);
    let r = read(&bytes, "inbox/加密.xlsx");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::EncryptedOoxml, vec![Code::Encrypted])
    );
    assert_eq!(r.problems[0].message, "文件已加密，请去除密码后重新报送");
    assert!(r.sheets.is_empty());
}

/// An .xls whose workbook stream is a BIFF8 BOF record for the workbook globals, then
/// FILEPASS (0x002F) with the 6 bytes `filepass` (wEncryptionType first).
pub(super) fn xls_with_filepass(filepass: [u8; 6]) -> Vec<u8> {
    let mut stream = vec![0x09, 0x08, 16, 0, 0x00, 0x06, 0x05, 0x00];
    stream.extend([0u8; 12]);
    stream.extend([0x2F, 0x00, 6, 0]);
    stream.extend(filepass);
    ole(&[("Workbook", &stream)])
}

#[test]
fn a_password_protected_xls_is_encrypted() {
    // RC4 encryption (wEncryptionType 1).
    let r = read(
        &xls_with_filepass([0x01, 0x00, 0x01, 0x00, 0x01, 0x00]),
        "a.xls",
    );
    assert_eq!((r.format, codes(&r)), (Format::Xls, vec![Code::Encrypted]));
}

#[test]
fn a_truncated_zip_is_unreadable() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "单位")?;
        Ok(())
    });
    let r = read(&bytes[..bytes.len() / 2], "a.xlsx");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Xlsx, vec![Code::Unreadable])
    );
    assert!(
        r.problems[0].message.contains("压缩结构损坏"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn a_zip_declaring_a_huge_part_is_too_large() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "单位")?;
        Ok(())
    });
    // Patch the declared uncompressed size of the first central directory entry to ~3.75 GiB.
    let mut bytes = bytes;
    let at = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[at + 24..at + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
    let r = read(&bytes, "a.xlsx");
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(
        r.problems[0].message.contains("3840.0 MiB"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn a_zip_understating_a_part_is_refused() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for row in 0..5_000 {
            ws.write_number(row, 0, f64::from(row) * 1.37)?;
        }
        Ok(())
    });
    // Declare every part as 1 byte: a bomb hiding its real size from the limit check.
    let mut bytes = bytes;
    let mut at = 0;
    while let Some(p) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let h = at + p;
        bytes[h + 24..h + 28].copy_from_slice(&1u32.to_le_bytes());
        at = h + 4;
    }
    let r = read(&bytes, "a.xlsx");
    assert_eq!(codes(&r), [Code::Unreadable]);
    assert!(
        r.problems[0].message.contains("声明的大小不可信"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn zip_limits_apply_to_real_sizes_too() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for row in 0..20_000 {
            ws.write_string(row, 0, "关于政务公开工作的通知")?;
        }
        Ok(())
    });
    let limits = crate::config::Limits {
        unzipped_mib: 1,
        part_mib: 1,
        text_mib: 1,
        ..Default::default()
    };
    let r = read_bytes(
        &bytes,
        "a.xlsx",
        &ReadOptions {
            limits,
            encoding: None,
        },
    );
    assert_eq!(codes(&r), [Code::TooLarge]);
    let r = read_bytes(
        b"a,b\n",
        "a.csv",
        &ReadOptions {
            limits: crate::config::Limits {
                text_mib: 0,
                ..limits
            },
            encoding: None,
        },
    );
    assert_eq!(codes(&r), [Code::TooLarge]);
}

#[test]
fn random_bytes_are_an_unknown_format() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let r = read(&bytes, "a.xls");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Unknown, vec![Code::UnknownFormat])
    );
}

#[test]
fn an_empty_file_is_reported() {
    let r = read(b"", "a.xlsx");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Empty, vec![Code::EmptyFile])
    );
    let r = read(b"\n\n", "a.csv");
    assert_eq!(codes(&r), [Code::EmptyFile]);
}

#[test]
fn a_panic_inside_a_reader_becomes_a_problem() {
    let caught = isolate(|| -> u8 { panic!("boom") }).unwrap_err();
    assert_eq!(caught, Caught::Internal("boom".into()));
    let p = caught.problem("a.xlsx");
    assert_eq!(p.code, Code::ReaderPanic);
    assert!(p.message.contains("boom"));
}

// Issue 19: a reader of another crate that panics on a damaged file gave F008
// "内部错误 (index out of bounds …)"; the file is damaged, and the message says so.
#[test]
fn a_panic_in_another_crate_s_reader_says_the_file_is_damaged() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        note_panic(info);
        previous(info);
    }));
    // An index out of bounds inside the standard library's slice code, called from
    // here: its location is this file, so it is zwgk's own fault.
    let ours = isolate(|| [1u8][usize::from(std::hint::black_box(3u8))]).unwrap_err();
    assert!(matches!(ours, Caught::Internal(_)), "{ours:?}");
    // A panic inside calamine's own code, as its readers panic on damaged files.
    let theirs = isolate(|| calamine::Range::<calamine::Data>::new((1, 1), (0, 0))).unwrap_err();
    let p = theirs.clone().problem("a.xlsb");
    assert!(matches!(theirs, Caught::Damaged(_)), "{theirs:?}");
    assert_eq!(p.code, Code::Unreadable);
    assert!(p.message.contains("文件内容损坏"), "{}", p.message);
}

#[test]
fn html_in_utf16_is_read_as_a_web_table() {
    let page = "<html><body><table><tr><td>单位</td><td>数量</td></tr></table></body></html>";
    let r = read(&utf16(page, true, true), "a.xls");
    assert_eq!((r.format, r.encoding), (Format::Html, Some("UTF-16LE")));
    assert_eq!(texts(&r.sheets[0]), [["单位", "数量"]]);
}

#[test]
fn spreadsheetml_in_gb2312_is_decoded_by_its_declaration() {
    let xml = r#"<?xml version="1.0" encoding="gb2312"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="统计"><Table><Row><Cell><Data ss:Type="String">民政局</Data></Cell></Row></Table></Worksheet></Workbook>"#;
    let (bytes, _, _) = encoding_rs::GBK.encode(xml);
    let r = read(&bytes, "a.xml");
    assert_eq!(
        (r.format, r.encoding),
        (Format::SpreadsheetXml, Some("GB18030"))
    );
    assert_eq!(r.sheets[0].name, "统计");
    assert_eq!(r.sheets[0].cell(0, 0), &Cell::Text("民政局".into()));
    assert!(r.problems.is_empty(), "{:?}", r.problems);
}

#[test]
fn spreadsheetml_in_utf16_declaring_utf16_is_read() {
    let xml = r#"<?xml version="1.0" encoding="UTF-16"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="统计"><Table><Row><Cell><Data ss:Type="String">民政局</Data></Cell></Row></Table></Worksheet></Workbook>"#;
    let r = read(&utf16(xml, true, true), "a.xls");
    assert_eq!(
        (r.format, r.encoding),
        (Format::SpreadsheetXml, Some("UTF-16LE"))
    );
    assert_eq!(r.sheets[0].cell(0, 0), &Cell::Text("民政局".into()));
}

#[test]
fn classic_mac_line_ends_are_lines() {
    let r = read(b"a,b\r1,2\r", "a.csv");
    assert_eq!(texts(&r.sheets[0]), [["a", "b"], ["1", "2"]]);
    // A stray CR among CRLF or LF lines ends its line too (it used to join two rows,
    // or all of them to the header): files pasted together mix their line ends.
    for text in ["a,b\r\n1,2\r3,4\r\n5,6\r\n", "a,b\r1,2\r3,4\n5,6\r"] {
        let r = read(text.as_bytes(), "a.csv");
        assert_eq!(
            texts(&r.sheets[0]),
            [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]],
            "{text:?}"
        );
    }
    // Inside quotes a lone CR stays a line break of its cell.
    let r = read(b"a,b\r\n\"x\ry\",2\r\n", "a.csv");
    assert_eq!(texts(&r.sheets[0])[1][0], "x\ny");
}

#[test]
fn xlsm_is_known_by_content_type_or_extension() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "单位")?;
        Ok(())
    });
    assert_eq!(read(&bytes, "a.xlsm").format, Format::Xlsm);
    assert!(read(&bytes, "a.xlsm").problems.is_empty());
    let macro_enabled = rezip(&bytes, |name, data| {
        if name == "[Content_Types].xml" {
            let xml = String::from_utf8(data).unwrap();
            xml.replace(
                "spreadsheetml.sheet.main+xml",
                "sheet.macroEnabled.main+xml",
            )
            .into_bytes()
        } else {
            data
        }
    });
    let r = read(&macro_enabled, "a.xlsx");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Xlsm, vec![Code::FormatMismatch])
    );
}

#[test]
fn a_broken_xlsb_is_sniffed_then_unreadable() {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file("xl/workbook.bin", zip::write::SimpleFileOptions::default())
        .unwrap();
    out.write_all(b"\x83\x01\x00").unwrap();
    let bytes = out.finish().unwrap().into_inner();
    let r = read(&bytes, "a.xlsb");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Xlsb, vec![Code::Unreadable])
    );
    assert!(
        r.problems[0].message.contains("工作簿内容损坏"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn a_word_document_is_named_as_such() {
    let r = read(&ole(&[("WordDocument", b"x")]), "a.xls");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Unknown, vec![Code::UnknownFormat])
    );
    assert!(
        r.problems[0].message.contains("Word 97-2003"),
        "{}",
        r.problems[0].message
    );
}

// ---- Workbooks ----

#[test]
fn xlsx_hidden_sheet_with_data_is_read_and_very_hidden_is_skipped() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet()
            .set_name("明细")?
            .write_string(0, 0, "单位")?;
        let hidden = wb.add_worksheet().set_name("隐藏")?;
        hidden.write_string(0, 0, "旧数据")?;
        hidden.set_hidden(true);
        let deep = wb.add_worksheet().set_name("深藏")?;
        deep.write_string(0, 0, "x")?;
        deep.set_very_hidden(true);
        Ok(())
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(r.format, Format::Xlsx);
    let names: Vec<_> = r
        .sheets
        .iter()
        .map(|s| (s.name.as_str(), s.visibility))
        .collect();
    assert_eq!(
        names,
        [("明细", Visibility::Visible), ("隐藏", Visibility::Hidden)]
    );
    assert_eq!(
        codes(&r),
        [Code::HiddenSheetWithData, Code::VeryHiddenSheet]
    );
    assert_eq!(r.problems[0].sheet.as_deref(), Some("隐藏"));
}

#[test]
fn xlsx_links_to_web_addresses_are_read_by_cell() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet().set_name("目录")?;
        let ws = wb.add_worksheet().set_name("4月")?;
        ws.write_string(0, 0, "标题")?;
        ws.write_url_with_text(
            1,
            0,
            "http://www.daying.gov.cn/art/2018/4/3/1.html",
            "通知一",
        )?;
        ws.write_url_with_text(1, 1, "https://a.cn/2.html", "点击查看")?;
        // Inside the workbook, a mail address, a file: not web addresses.
        ws.write_url_with_text(2, 0, "internal:目录!A1", "通知二")?;
        ws.write_url_with_text(2, 1, "mailto:a@b.cn", "邮件")?;
        ws.write_url_with_text(3, 1, "file:///C:/附件/1.doc", "附件")?;
        ws.write_formula(3, 0, r#"=HYPERLINK("http://a.cn/3.html","通知三")"#)?;
        ws.write_formula(4, 0, r#"=HYPERLINK(B5,"通知四")"#)?;
        ws.write_formula(5, 0, r#"=HYPERLINK("http://a.cn/t_"&F6&".html","通知五")"#)?;
        Ok(())
    });
    let r = read(&bytes, "a.xlsx");
    let sheet = &r.sheets[1];
    assert_eq!(
        sheet.links,
        [
            (
                1,
                0,
                "http://www.daying.gov.cn/art/2018/4/3/1.html".to_string()
            ),
            (1, 1, "https://a.cn/2.html".to_string()),
            (3, 0, "http://a.cn/3.html".to_string()),
        ]
    );
    assert_eq!(sheet.link(1, 1), Some("https://a.cn/2.html"));
    assert_eq!(sheet.link(2, 0), None);
    assert_eq!(sheet.cell(1, 1).text(), "点击查看");
    assert!(r.sheets[0].links.is_empty());
}

#[test]
fn xlsx_numbers_shown_as_percents_are_read_as_shown() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        let [two, none, one] =
            ["0.00%", "0%", "0.0%\"以上\""].map(|f| XFormat::new().set_num_format(f));
        ws.write_number_with_format(0, 0, 0.025, &two)?;
        ws.write_number_with_format(0, 1, 0.03, &none)?;
        ws.write_number_with_format(0, 2, 1.0, &one)?;
        // Quoted, the % is text: the number is a number.
        ws.write_number_with_format(0, 3, 7.0, &XFormat::new().set_num_format("0\"%\""))?;
        ws.write_number(0, 4, 0.5)?;
        ws.write_string_with_format(0, 5, "甲", &two)?;
        Ok(())
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(
        r.sheets[0].rows[0],
        [
            Cell::Text("2.5%".into()),
            Cell::Text("3%".into()),
            Cell::Text("100%".into()),
            Cell::Number(7.0),
            Cell::Number(0.5),
            Cell::Text("甲".into()),
        ]
    );
}

#[test]
fn html_links_are_read_by_cell() {
    let html = r##"<table><tr><th>标题</th><th>链接</th></tr>
        <tr><td><a href="http://a.cn/1.html">通知一</a></td><td><a href=" https://a.cn/2.html ">查看</a></td></tr>
        <tr><td><a href="/art/3.html">通知三</a></td><td><a href="#top">顶部</a></td></tr>
        <tr><td><a href="http://a.cn/col/4.html">[部门动态]</a><a href="http://a.cn/art/4.html">县交运局召开安全会议</a></td><td></td></tr></table>"##;
    let r = read(html.as_bytes(), "a.html");
    assert_eq!(texts(&r.sheets[0])[1], ["通知一", "查看"]);
    assert_eq!(
        r.sheets[0].links,
        [
            (1, 0, "http://a.cn/1.html".to_string()),
            (1, 1, "https://a.cn/2.html".to_string()),
            (3, 0, "http://a.cn/art/4.html".to_string()),
        ]
    );
}

#[test]
fn a_cell_gives_an_address_however_written() {
    for text in [
        "http://a.cn/1.html",
        "http：//a.cn/1.html",
        "网址：http://a.cn/1.html",
        "www.a.cn",
        "daying.gov.cn/art/2018/4/1/1.html",
    ] {
        assert!(super::gives_address(text), "{text}");
    }
    for text in [
        "点击查看",
        "详情",
        "",
        "见附件.doc",
        "无",
        "http://",
        "https://www.",
    ] {
        assert!(!super::gives_address(text), "{text}");
    }
}

#[test]
fn xlsx_merged_cells_are_filled_and_positions_are_absolute() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.merge_range(2, 2, 2, 4, "附件1", &XFormat::new())?;
        ws.write_string(3, 2, "单位")?;
        ws.write_string(3, 3, "标题")?;
        ws.write_string(3, 4, "数量")?;
        ws.merge_range(4, 2, 5, 2, "民政局", &XFormat::new())?;
        ws.write_string(4, 3, "通知一")?;
        ws.write_string(5, 3, "通知二")?;
        ws.write_number(4, 4, 1)?;
        ws.write_number(5, 4, 2.5)?;
        Ok(())
    });
    let r = read(&bytes, "a.xlsx");
    let s = &r.sheets[0];
    assert_eq!(s.cell(2, 4), &Cell::Text("附件1".into()));
    assert_eq!(s.cell(5, 2), &Cell::Text("民政局".into()));
    assert_eq!(s.cell(4, 4), &Cell::Number(1.0));
    assert_eq!(s.cell(5, 4), &Cell::Number(2.5));
    assert_eq!(s.cell(0, 0), &Cell::Empty);
    assert!(s.merges.contains(&Merge {
        first_row: 4,
        first_col: 2,
        last_row: 5,
        last_col: 2
    }));
}

#[test]
fn chinese_builtin_date_formats_come_back_as_dates() {
    let ids: Vec<u8> = (27..=36).chain(50..=58).collect();
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for (row, id) in ids.iter().enumerate() {
            ws.write_number_with_format(
                row as u32,
                0,
                46331.0,
                &XFormat::new().set_num_format_index(*id),
            )?;
        }
        ws.write_number_with_format(
            ids.len() as u32,
            0,
            46331.0,
            &XFormat::new().set_num_format("yyyy\"年\"m\"月\"d\"日\""),
        )?;
        Ok(())
    });
    let r = read(&bytes, "a.xlsx");
    for row in 0..=ids.len() {
        assert_eq!(
            r.sheets[0].cell(row as u32, 0),
            &date(2026, 11, 5),
            "row {row}"
        );
    }
}

#[test]
fn a_1904_workbook_counts_from_1904() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_number_with_format(0, 0, 44869.0, &XFormat::new().set_num_format("yyyy-mm-dd"))?;
        ws.write_number(1, 0, 44869.0)?;
        Ok(())
    });
    let bytes = rezip(&bytes, |name, data| {
        if name == "xl/workbook.xml" {
            String::from_utf8(data)
                .unwrap()
                .replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
                .into_bytes()
        } else {
            data
        }
    });
    let r = read(&bytes, "a.xlsx");
    let s = &r.sheets[0];
    assert!(s.date1904);
    // 44869 days after 1904-01-01 is 2026-11-05 (1462 days later than in the 1900 system).
    assert_eq!(s.cell(0, 0), &date(2026, 11, 5));
    assert_eq!(s.cell(1, 0), &Cell::Number(44869.0));
}

#[test]
fn serials_follow_the_1900_leap_year_bug() {
    let at = |s: f64| excel_serial_to_datetime(s, false).map(|d| d.date().to_string());
    assert_eq!(at(1.0).as_deref(), Some("1900-01-01"));
    assert_eq!(at(59.0).as_deref(), Some("1900-02-28"));
    assert_eq!(at(60.0), None);
    assert_eq!(at(61.0).as_deref(), Some("1900-03-01"));
    assert_eq!(at(46331.0).as_deref(), Some("2026-11-05"));
    assert_eq!(at(-1.0), None);
    assert_eq!(at(3.0e6), None);
    let half = excel_serial_to_datetime(46331.5, false).unwrap();
    assert_eq!(half.time(), NaiveTime::from_hms_opt(12, 0, 0).unwrap());
    assert_eq!(
        excel_serial_to_datetime(0.0, true).unwrap().date(),
        NaiveDate::from_ymd_opt(1904, 1, 1).unwrap()
    );
}

#[test]
fn error_cells_and_booleans_keep_their_kind() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_formula(0, 0, Formula::new("=#REF!+1").set_result("#REF!"))?;
        ws.write_boolean(0, 1, true)?;
        Ok(())
    });
    let bytes = rezip(&bytes, |name, data| {
        if name == "xl/worksheets/sheet1.xml" {
            // rust_xlsxwriter writes a cached result as a string; Excel marks errors t="e".
            let xml = String::from_utf8(data).unwrap();
            xml.replacen("t=\"str\"", "t=\"e\"", 1).into_bytes()
        } else {
            data
        }
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(r.sheets[0].cell(0, 0), &Cell::Error("#REF!".into()));
    assert_eq!(r.sheets[0].cell(0, 1), &Cell::Bool(true));
}

#[test]
fn an_xlsx_named_xls_is_read_as_xlsx() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "单位")?;
        Ok(())
    });
    let r = read(&bytes, "a.xls");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::Xlsx, vec![Code::FormatMismatch])
    );
    assert_eq!(r.sheets[0].cell(0, 0), &Cell::Text("单位".into()));
}

pub(super) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn biff_xls_with_a_merged_range_a_date_and_a_hidden_sheet() {
    let r = read(&fixture("xls_merged_range_and_date.xls"), "a.xls");
    assert_eq!(r.format, Format::Xls);
    assert_details_sheet(&r);
    assert_eq!(codes(&r), [Code::HiddenSheetWithData]);
}

#[test]
fn ods_with_a_merged_range_a_date_and_a_hidden_sheet() {
    let r = read(&fixture("ods_merged_range_and_hidden_sheet.ods"), "a.ods");
    assert_eq!(r.format, Format::Ods);
    assert_details_sheet(&r);
    assert_eq!(codes(&r), [Code::HiddenSheetWithData]);
}

/// The three sheets both fixtures hold (see tests/fixtures/README.md).
pub(super) fn assert_details_sheet(r: &FileRead) {
    let s = &r.sheets[0];
    assert_eq!(s.name, "明细");
    assert_eq!(s.cell(0, 3), &Cell::Text("附件1 政务公开信息明细".into()));
    assert_eq!(s.cell(3, 0), &Cell::Text("民政局".into()));
    assert_eq!(s.cell(2, 2), &date(2026, 11, 5));
    assert_eq!(s.cell(3, 2), &date(2026, 11, 10));
    assert_eq!(s.cell(2, 3), &Cell::Number(12.0));
    assert_eq!(s.cell(3, 3), &Cell::Number(3.5));
    assert!(s.merges.contains(&Merge {
        first_row: 0,
        first_col: 0,
        last_row: 0,
        last_col: 3
    }));
    assert!(s.merges.contains(&Merge {
        first_row: 2,
        first_col: 0,
        last_row: 3,
        last_col: 0
    }));
    assert_eq!(
        (r.sheets[1].name.as_str(), r.sheets[1].visibility),
        ("备注", Visibility::Hidden)
    );
    // A sheet whose data starts at C5: addresses count from A1, not from the used range.
    let off = &r.sheets[2];
    assert_eq!(off.cell(4, 2), &Cell::Text("单位".into()));
    assert_eq!(off.cell(5, 2), &Cell::Number(7.0));
    assert_eq!(off.cell(4, 5), &Cell::Text("合并".into()));
    assert_eq!(off.cell(0, 0), &Cell::Empty);
}

proptest! {
    #[test]
    fn read_bytes_never_panics_and_always_accounts(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in "(xls|xlsx|csv|html|ods)") {
        let r = read(&bytes, &format!("f.{ext}"));
        prop_assert!(!r.sheets.is_empty() || !r.problems.is_empty());
    }

    #[test]
    fn text_after_any_prefix_never_panics(prefix in prop::sample::select(vec![&b"PK\x03\x04"[..], &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], b"<html><table>", b"<?xml ", b"\xFF\xFE", b"\xEF\xBB\xBF"]), tail in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let mut bytes = prefix.to_vec();
        bytes.extend(tail);
        let r = read(&bytes, "f.xls");
        prop_assert!(!r.sheets.is_empty() || !r.problems.is_empty());
    }
}
