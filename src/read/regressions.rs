//! Issue 19: files that killed, stalled or bloated a run, and valid files that were
//! called unreadable. Each test is named after its case and builds its file here, from
//! a generated workbook or one of the fixtures in `tests/fixtures/`.

use std::io::{Cursor, Read, Write};

use super::failure::{Beyond, Damage, Failure, Oversize};
use super::ole::Ole;
use super::tests::{
    assert_details_sheet, codes, fixture, ole, read, rezip, texts, xls_with_filepass, xlsx,
};
use super::*;

/// A zip with `edit` applied to each part: (name, bytes) → the parts to write instead.
fn repack(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut part = src.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        for (name, data) in edit(&name, data) {
            let options = zip::write::SimpleFileOptions::default();
            out.start_file(name.as_str(), options).unwrap();
            out.write_all(&data).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

fn replace(data: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    String::from_utf8(data)
        .unwrap()
        .replace(from, to)
        .into_bytes()
}

fn small_book() -> Vec<u8> {
    xlsx(|wb| {
        let ws = wb.add_worksheet().set_name("明细")?;
        ws.write_string(0, 0, "单位")?;
        ws.write_string(1, 0, "民政局")?;
        Ok(())
    })
}

fn failure_of(r: &FileRead) -> String {
    r.problems.iter().map(|p| p.message.clone()).collect()
}

// ---- Declared sizes that calamine would allocate ----

/// The data offsets of every DIMENSIONS record of a BIFF stream.
fn dimensions_records(stream: &[u8]) -> Vec<usize> {
    let (mut at, mut found) = (0, Vec::new());
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        if typ == 0x0200 {
            found.push(at + 4);
        }
        at += 4 + len;
    }
    found
}

#[test]
fn an_xls_whose_dimensions_declare_four_billion_rows_is_read() {
    let mut bytes = fixture("xls_merged_range_and_date.xls");
    let stream = Ole::open(&bytes)
        .unwrap()
        .stream("Workbook")
        .unwrap()
        .unwrap();
    let records = dimensions_records(&stream.bytes);
    assert!(!records.is_empty());
    for data in records {
        // rwMac, the row after the last, as a u32: four billion rows.
        for (k, b) in 4_000_000_000u32.to_le_bytes().iter().enumerate() {
            bytes[stream.file_offset(data + 4 + k).unwrap()] = *b;
        }
    }
    let r = read(&bytes, "a.xls");
    assert_eq!(r.format, Format::Xls);
    assert_details_sheet(&r);
    assert_eq!(codes(&r), [Code::HiddenSheetWithData]);
}

#[test]
fn an_xlsx_declaring_four_billion_shared_strings_is_refused() {
    let bytes = rezip(&small_book(), |name, data| {
        if name == "xl/sharedStrings.xml" {
            replace(data, "uniqueCount=\"2\"", "uniqueCount=\"4294967295\"")
        } else {
            data
        }
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(codes(&r), [Code::Unreadable]);
    assert!(
        failure_of(&r).contains("声明有 4294967295 项"),
        "{}",
        failure_of(&r)
    );
}

#[test]
fn a_sparse_xlsx_with_a_cell_in_column_xfd_on_every_row_is_refused() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for row in 0..50_000 {
            ws.write_number(row, 16_383, 1.0)?;
        }
        Ok(())
    });
    assert!(bytes.len() < 400_000, "{}", bytes.len());
    let r = read(&bytes, "a.xlsx");
    assert_eq!(codes(&r), [Code::BeyondLimits]);
    assert!(r.sheets.is_empty());
    assert!(failure_of(&r).contains("分布在约"), "{}", failure_of(&r));
}

#[test]
fn a_thousand_sheets_reading_one_part_are_refused() {
    let bytes = rezip(&small_book(), |name, data| {
        if name != "xl/workbook.xml" {
            return data;
        }
        let more: String = (2..=1000)
            .map(|i| format!("<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId1\"/>"))
            .collect();
        replace(data, "</sheets>", &format!("{more}</sheets>"))
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(codes(&r), [Code::Unreadable]);
    assert!(
        failure_of(&r).contains("多个工作表指向同一部件"),
        "{}",
        failure_of(&r)
    );
}

#[test]
fn an_xlsx_with_200000_duplicated_rows_is_read() {
    let row = "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>民政局</t></is></c></row>";
    let bytes = rezip(&small_book(), |name, data| {
        if name != "xl/worksheets/sheet1.xml" {
            return data;
        }
        let text = String::from_utf8(data).unwrap();
        let at = text.find("</sheetData>").unwrap();
        format!("{}{}{}", &text[..at], row.repeat(200_000), &text[at..]).into_bytes()
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!(texts(&r.sheets[0]), [["单位"], ["民政局"]]);
}

// ---- Text tables ----

#[test]
fn a_csv_line_of_four_million_commas_is_refused() {
    let mut csv = b"a,b\n".to_vec();
    csv.extend(std::iter::repeat_n(b',', 4_000_000));
    csv.push(b'\n');
    let r = read(&csv, "a.csv");
    assert_eq!(codes(&r), [Code::BeyondLimits]);
    assert!(
        failure_of(&r).contains("第 2 行有 4000001 列"),
        "{}",
        failure_of(&r)
    );
}

#[test]
fn a_csv_of_16384_columns_per_row_is_held_to_the_cells_limit() {
    let line = format!("{}\n", ["1"; 16_384].join(","));
    let csv = line.repeat(100);
    let opts = ReadOptions {
        limits: Limits {
            cells: 1_000_000,
            ..Limits::default()
        },
        encoding: None,
    };
    let r = read_bytes(csv.as_bytes(), "a.csv", &opts);
    assert_eq!(codes(&r), [Code::TooLarge]);
    assert!(failure_of(&r).contains("cells"), "{}", failure_of(&r));
}

#[test]
fn a_csv_with_more_rows_than_excel_is_refused() {
    let csv = "1\n".repeat(1_048_577);
    let r = read(csv.as_bytes(), "a.csv");
    assert_eq!(codes(&r), [Code::BeyondLimits]);
}

#[test]
fn an_html_table_with_spans_of_65535_is_bounded() {
    let cell = "<td rowspan=65535 colspan=65535>x</td>";
    let html = format!(
        "<table><tr><td>单位</td></tr>{}</table>",
        format!("<tr>{}</tr>", cell.repeat(20)).repeat(2_000)
    );
    let r = read(html.as_bytes(), "a.html");
    assert_eq!(codes(&r), [Code::BeyondLimits]);
}

#[test]
fn html_nested_deeper_than_a_stack_is_read() {
    let depth = 200_000;
    let html = format!(
        "<table><tr><td>{}单位{}</td></tr></table>",
        "<span>".repeat(depth),
        "</span>".repeat(depth)
    );
    let r = read(html.as_bytes(), "a.html");
    assert_eq!(texts(&r.sheets[0]), [["单位"]]);
}

#[test]
fn a_page_of_200000_unclosed_divs_is_refused_at_once() {
    let html = format!(
        "<html><body>{}<table><tr><td>标题</td></tr></table>",
        "<div>".repeat(200_000)
    );
    // Refused before it is parsed (which would take hours), by the depth it declares.
    let r = read(html.as_bytes(), "a.html");
    assert!(
        failure_of(&r).contains("嵌套了 200003 层"),
        "{}",
        failure_of(&r)
    );
}

#[test]
fn a_page_of_more_elements_than_a_table_needs_is_refused() {
    let html = format!("<table>{}</table>", "<tr>".repeat(1_000_001));
    let r = read(html.as_bytes(), "a.html");
    assert_eq!(codes(&r), [Code::BeyondLimits]);
}

// ---- Valid files called unreadable or misread ----

/// `bytes` with one free FAT entry (0xFFFFFFFF) turned into an invalid value, which
/// the `cfb` crate refuses ("Malformed FAT") and Excel and calamine never look at.
fn with_garbage_in_a_free_fat_entry(mut bytes: Vec<u8>) -> Vec<u8> {
    let sector = 1usize << u16::from_le_bytes([bytes[30], bytes[31]]);
    let fat = u32::from_le_bytes(bytes[76..80].try_into().unwrap()) as usize;
    let start = (fat + 1) * sector;
    let free = (start..start + sector)
        .step_by(4)
        .rev()
        .find(|&at| bytes[at..at + 4] == [0xFF; 4])
        .unwrap();
    bytes[free..free + 4].copy_from_slice(&0xFFFF_FFFBu32.to_le_bytes());
    assert!(cfb::CompoundFile::open(Cursor::new(&bytes)).is_err());
    bytes
}

#[test]
fn an_xls_that_excel_opens_but_a_strict_ole_check_refuses_is_read() {
    let bytes = with_garbage_in_a_free_fat_entry(fixture("xls_merged_range_and_date.xls"));
    let r = read(&bytes, "a.xls");
    assert_details_sheet(&r);
}

#[test]
fn an_encrypted_xlsx_with_a_malformed_fat_is_encrypted() {
    let bytes = ole(&[
        ("EncryptionInfo", b"\x04\x00\x04\x00"),
        ("EncryptedPackage", &[0u8; 8192]),
    ]);
    let r = read(&with_garbage_in_a_free_fat_entry(bytes), "a.xlsx");
    assert_eq!(
        (r.format, codes(&r)),
        (Format::EncryptedOoxml, vec![Code::Encrypted])
    );
}

#[test]
fn an_xor_obfuscated_xls_is_encrypted() {
    // FILEPASS with wEncryptionType 0 (XOR), then its key and verifier.
    let r = read(
        &xls_with_filepass([0x00, 0x00, 0x34, 0x12, 0x78, 0x56]),
        "a.xls",
    );
    assert_eq!((r.format, codes(&r)), (Format::Xls, vec![Code::Encrypted]));
}

#[test]
fn excel_2_to_4_worksheets_are_named_as_too_old() {
    for (bof, version) in [
        (
            &[0x09, 0x00, 0x04, 0x00, 0x02, 0x00, 0x10, 0x00][..],
            "Excel 2.x",
        ),
        (
            &[0x09, 0x02, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0][..],
            "Excel 3.0",
        ),
        (
            &[0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0][..],
            "Excel 4.0",
        ),
    ] {
        let r = read(bof, "a.xls");
        assert_eq!(codes(&r), [Code::TooOld], "{version}");
        assert!(failure_of(&r).contains(version), "{}", failure_of(&r));
    }
}

#[test]
fn an_ooxml_package_whose_workbook_part_is_elsewhere_is_read() {
    let bytes = repack(&small_book(), |name, data| match name {
        "xl/workbook.xml" => vec![("xl/main.xml".into(), data)],
        "xl/_rels/workbook.xml.rels" => vec![("xl/_rels/main.xml.rels".into(), data)],
        "_rels/.rels" => vec![(name.into(), replace(data, "xl/workbook.xml", "xl/main.xml"))],
        "[Content_Types].xml" => vec![(
            name.into(),
            replace(data, "/xl/workbook.xml", "/xl/main.xml"),
        )],
        _ => vec![(name.into(), data)],
    });
    let r = read(&bytes, "a.xlsx");
    assert_eq!((r.format, codes(&r)), (Format::Xlsx, vec![]));
    assert_eq!(texts(&r.sheets[0]), [["单位"], ["民政局"]]);
}

#[test]
fn a_macro_sheet_in_an_xlsm_is_skipped_and_the_rest_read() {
    let bytes = xlsx(|wb| {
        wb.add_worksheet()
            .set_name("明细")?
            .write_string(0, 0, "单位")?;
        wb.add_worksheet()
            .set_name("宏")?
            .write_string(0, 0, "=HALT()")?;
        Ok(())
    });
    let bytes = rezip(&bytes, |name, data| {
        if name != "xl/_rels/workbook.xml.rels" {
            return data;
        }
        let text = String::from_utf8(data).unwrap();
        let at = text.find("worksheets/sheet2.xml").unwrap();
        let tag = text[..at].rfind("<Relationship").unwrap();
        let head = &text[..tag];
        let tail = text[tag..].replacen(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
            "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
            1,
        );
        format!("{head}{tail}").into_bytes()
    });
    let r = read(&bytes, "a.xlsm");
    assert_eq!(codes(&r), [Code::MacroSheet]);
    assert_eq!(r.problems[0].sheet.as_deref(), Some("宏"));
    let names: Vec<_> = r.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["明细"]);
}

#[test]
fn flat_ods_is_read() {
    let fods = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="明细">
   <table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>附件1</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
   <table:table-row><table:table-cell office:value-type="string"><text:p>单位</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>发布日期</text:p></table:table-cell></table:table-row>
   <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>民政局<text:s text:c="2"/>一</text:p><office:annotation><text:p>批注</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-11-05"/><table:table-cell table:number-columns-repeated="16380"/></table:table-row>
   <table:table-row table:number-rows-repeated="1048572"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
  </table:table>
  <table:table table:name="隐藏" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="float" office:value="12"/></table:table-row></table:table>
 </office:spreadsheet></office:body>
</office:document>"#;
    let r = read(fods.as_bytes(), "a.fods");
    assert_eq!(r.format, Format::FlatOds);
    assert_eq!(codes(&r), [Code::HiddenSheetWithData]);
    let s = &r.sheets[0];
    assert_eq!(texts(s)[0], ["附件1", "附件1"]);
    assert_eq!(texts(s)[3], ["民政局  一", "2026-11-05"]);
    assert_eq!(s.rows.len(), 4);
    assert_eq!(r.sheets[1].cell(0, 0), &Cell::Number(12.0));
    assert_eq!(r.sheets[1].visibility, Visibility::Hidden);
}

#[test]
fn an_encrypted_ods_is_encrypted() {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        ),
        ("content.xml", "\u{1}\u{2}encrypted bytes"),
    ] {
        out.start_file(name, options).unwrap();
        out.write_all(data.as_bytes()).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    let r = read(&bytes, "a.ods");
    assert_eq!((r.format, codes(&r)), (Format::Ods, vec![Code::Encrypted]));
}

#[test]
fn an_ods_repeating_a_cell_over_a_whole_sheet_is_held_to_the_cells_limit() {
    let bytes = fixture("ods_merged_range_and_hidden_sheet.ods");
    let bytes = rezip(&bytes, |name, data| {
        if name != "content.xml" {
            return data;
        }
        let row = "<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>";
        let text = String::from_utf8(data).unwrap();
        let at = text.find("<table:table-row").unwrap();
        format!("{}{row}{}", &text[..at], &text[at..]).into_bytes()
    });
    let r = read(&bytes, "a.ods");
    let first = &r.problems[0];
    assert_eq!((first.code, first.sheet.as_deref()), (Code::TooLarge, None));
}

#[test]
fn a_csv_with_a_utf32_bom_is_read() {
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    bytes.extend(
        "单位,数量\n民政局,12\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes()),
    );
    let r = read(&bytes, "a.csv");
    assert_eq!(r.encoding, Some("UTF-32LE"));
    assert_eq!(texts(&r.sheets[0]), [["单位", "数量"], ["民政局", "12"]]);
}

#[test]
fn a_nul_in_a_csv_is_removed_and_reported() {
    let r = read(b"a,b,c\n\0,2,3\n", "a.csv");
    assert_eq!(
        (r.format, r.encoding),
        (Format::Delimited(Delimiter::Comma), Some("UTF-8"))
    );
    assert_eq!(codes(&r), [Code::NulRemoved]);
    assert_eq!(texts(&r.sheets[0]), [["a", "b", "c"], ["", "2", "3"]]);
}

#[test]
fn a_windows_1252_csv_read_as_gb18030_is_reported() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Unité,Année\nMairie,2026\n");
    let r = read(&bytes, "a.csv");
    // `é,` is no GB18030 character (E001); `ée` is a rare one.
    assert_eq!(codes(&r), [Code::Undecodable, Code::DoubtfulEncoding]);
    assert!(
        failure_of(&r).contains("Windows-1252"),
        "{}",
        failure_of(&r)
    );
}

#[test]
fn a_big5_csv_read_as_gb18030_is_reported_and_reads_as_big5_when_told() {
    let text = "單位,標題\n民政局,關於社會救助的通知\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    assert_eq!(codes(&read(&bytes, "a.csv")), [Code::DoubtfulEncoding]);
    let opts = ReadOptions {
        encoding: Some(encoding_rs::BIG5),
        ..ReadOptions::default()
    };
    let r = read_bytes(&bytes, "a.csv", &opts);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(texts(&r.sheets[0])[1], ["民政局", "關於社會救助的通知"]);
}

// ---- The failures themselves ----

#[test]
fn every_failure_names_its_limit_or_its_cause() {
    let cases = [
        (Failure::Beyond(Beyond::Rows { rows: 2_000_000 }), "1048576"),
        (
            Failure::TooLarge(Oversize::Cells {
                cells: 11_000_000,
                limit: 10_000_000,
            }),
            "cells",
        ),
        (
            Failure::Damaged(Damage::Biff("CONTINUE 记录过多")),
            "CONTINUE",
        ),
    ];
    for (failure, said) in cases {
        let p = failure.problem("a.xls");
        assert!(p.message.contains(said), "{}", p.message);
    }
}
