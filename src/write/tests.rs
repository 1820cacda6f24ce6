//! Workbooks written through `Book` and read back: cells with calamine, the XML
//! parts with zip, as a user's Excel would see them.

use std::path::{Path, PathBuf};

use calamine::Data;
use chrono::NaiveDate;

use super::readback::{attr, cell, cells, part, parts, sheet_names};
use super::*;
use styles::{FANGSONG, HEI};
use value::TRUNCATION_MARK;

fn out(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

/// The `width` of the `<col>` covering the 1-based column `n`.
fn col_width(sheet_xml: &str, n: u32) -> f64 {
    let needle = format!("<col min=\"{n}\" max=\"{n}\"");
    let at = sheet_xml
        .find(&needle)
        .unwrap_or_else(|| panic!("no col {n}"));
    attr(&sheet_xml[at..], "col", "width")
        .unwrap()
        .parse()
        .unwrap()
}

fn save_one(look: Look, write: impl FnOnce(&mut Sheet<'_>)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut sheet = book.sheet("表", look).unwrap();
    write(&mut sheet);
    book.save(&path).unwrap();
    (dir, path)
}

#[test]
fn text_that_looks_like_a_formula_comes_back_as_text() {
    let risky = [
        "=1+1",
        "+8613800000000",
        "-5%",
        "@SUM(A1)",
        "=HYPERLINK(\"x\")",
    ];
    let (_d, path) = save_one(Look::Data, |s| {
        for r in risky {
            s.row(&[r.into()]).unwrap();
        }
    });
    for (row, r) in (0..).zip(risky) {
        assert_eq!(cell(&path, "表", row, 0), Data::String(r.into()));
    }
    assert!(!part(&path, "xl/worksheets/sheet1.xml").contains("<f>"));
}

#[test]
fn a_long_cjk_string_widens_its_column_to_its_printed_width() {
    let title = "关于印发大英县二零一八年政务公开工作要点的通知"; // 23 characters
    let (_d, path) = save_one(Look::Data, |s| {
        s.header(&["标题", "数量"]).unwrap();
        s.row(&[title.into(), 12u32.into()]).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    // 23 characters of 11 pt: 253 pt, about 42 units of 6 pt, and a little room.
    let w = col_width(&xml, 1);
    assert!((42.0..=45.0).contains(&w), "width {w}");
    assert!(col_width(&xml, 2) < 10.0);
}

#[test]
fn numbers_percentages_scores_and_dates_keep_their_types_and_formats() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let (_d, path) = save_one(Look::Data, |s| {
        s.row(&[
            240u32.into(),
            Value::percent(0.874),
            Value::score(25.2),
            day.into(),
            Value::percent(f64::NAN),
            Value::Empty,
        ])
        .unwrap();
    });
    let range = cells(&path, "表");
    assert_eq!(range.get_value((0, 0)), Some(&Data::Float(240.0)));
    assert_eq!(range.get_value((0, 1)), Some(&Data::Float(0.874)));
    assert_eq!(range.get_value((0, 2)), Some(&Data::Float(25.2)));
    match range.get_value((0, 3)) {
        Some(Data::DateTime(d)) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
            assert_eq!(d.as_f64(), (day - epoch).num_days() as f64);
        }
        other => panic!("not a date: {other:?}"),
    }
    assert_eq!(range.get_value((0, 4)), Some(&Data::String("—".into())));
    let styles = part(&path, "xl/styles.xml");
    for code in ["0.0%_ ", "0.00_ ", "yyyy-mm-dd"] {
        assert!(styles.contains(&format!("formatCode=\"{code}\"")), "{code}");
    }
}

#[test]
fn every_font_is_a_named_chinese_face_and_never_fangsong_gb2312() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut data = book.sheet("数据", Look::Data).unwrap();
    data.header(&["单位"]).unwrap();
    data.row(&["民政局".into()]).unwrap();
    let mut annex = book
        .sheet("附件", Look::Annex(AnnexStyle::default()))
        .unwrap();
    annex.annex_heading("附件1", "目标任务分解表", 1).unwrap();
    annex.header(&["序号", "单位"]).unwrap();
    annex.row(&[1u32.into(), "民政局".into()]).unwrap();
    book.save(&path).unwrap();

    let styles = part(&path, "xl/styles.xml");
    for face in [SONG, HEI, FANGSONG] {
        assert!(
            styles.contains(&format!("<name val=\"{face}\"/>")),
            "{face}"
        );
    }
    assert!(!styles.contains("仿宋_GB2312"));
    // No font is left to the theme (Calibri): each names its face, as GB2312.
    assert!(!styles.contains("Calibri") && !styles.contains("<scheme"));
    let fonts = styles.matches("<font>").count();
    assert_eq!(styles.matches("<charset val=\"134\"/>").count(), fonts);
}

#[test]
fn the_annex_title_can_use_fangzheng_xiaobiaosong() {
    let style = AnnexStyle {
        title_font: TitleFont::XiaoBiaoSong,
        title_size: 22.0,
        ..AnnexStyle::default()
    };
    let (_d, path) = save_one(Look::Annex(style), |s| {
        s.annex_heading("附件2", "评估报告", 3).unwrap();
    });
    let styles = part(&path, "xl/styles.xml");
    let title = styles
        .split("<font>")
        .find(|f| f.contains("<name val=\"方正小标宋简体\"/>"))
        .unwrap_or_else(|| panic!("{styles}"));
    assert!(
        title.contains("<sz val=\"22\"/>") && !title.contains("<b/>"),
        "{title}"
    );
}

#[test]
fn an_annex_prints_on_a4_with_gb_9704_margins_page_numbers_and_repeated_header() {
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.annex_heading("附件1", "大英县2018年政务公开目标任务分解表", 3)
            .unwrap();
        s.header(&["序号", "单位", "目标任务数量（条）", "备注"])
            .unwrap();
        for n in 1..=40u32 {
            s.row(&[n.into(), "民政局".into(), 200u32.into(), Value::Empty])
                .unwrap();
        }
        let row = s.next_row();
        s.merge((row, row), (0, 1), "合计", Role::Total).unwrap();
        s.write(row, 2, 8000u32, Role::Total).unwrap();
        s.write(row, 3, Value::Empty, Role::Total).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let mm = |name: &str| {
        attr(&xml, "pageMargins", name)
            .unwrap()
            .parse::<f64>()
            .unwrap()
            * 25.4
    };
    for (side, want) in [
        ("top", 37.0),
        ("bottom", 35.0),
        ("left", 28.0),
        ("right", 26.0),
    ] {
        assert!((mm(side) - want).abs() < 0.01, "{side}: {}", mm(side));
    }
    assert_eq!(attr(&xml, "pageSetup", "paperSize").as_deref(), Some("9"));
    assert_eq!(
        attr(&xml, "pageSetup", "orientation").as_deref(),
        Some("portrait")
    );
    // Printed at full size with the breaks zwgk chose (Excel ignores manual breaks on
    // a sheet scaled to fit), numbered from 1.
    assert!(!xml.contains("fitToPage"), "{xml}");
    assert_eq!(
        attr(&xml, "pageSetup", "scale"),
        None,
        "100 % is the default"
    );
    assert!(xml.contains("<rowBreaks count=\"1\""), "{xml}");
    assert_eq!(
        attr(&xml, "pageSetup", "useFirstPageNumber").as_deref(),
        Some("1")
    );
    assert!(xml.contains("horizontalCentered=\"1\""));
    // Page numbers right on odd pages and left on even ones, a character in.
    assert!(
        xml.contains("<headerFooter differentOddEven=\"1\"><oddFooter>&amp;R&amp;14— &amp;P —\u{3000}</oddFooter><evenFooter>&amp;L&amp;14\u{3000}— &amp;P —</evenFooter>"),
        "{xml}"
    );
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("name=\"_xlnm.Print_Titles\" localSheetId=\"0\">表!$4:$4<"),
        "{workbook}"
    );
    // 附件1 at A1, a blank row, the title merged across the table, taller than a line.
    assert_eq!(cell(&path, "表", 0, 0), Data::String("附件1".into()));
    assert_eq!(cell(&path, "表", 1, 0), Data::Empty);
    assert!(xml.contains("<mergeCell ref=\"A3:D3\"/>"));
    let title_row = &xml[xml.find("<row r=\"3\"").unwrap()..];
    let ht: f64 = attr(title_row, "row", "ht").unwrap().parse().unwrap();
    assert!(ht >= 30.0, "{ht}");
    assert_eq!(text(&cell(&path, "表", 44, 0)), "合计");
}

/// A table of 35 rows under an annex heading, a little too long for one page.
fn a_page_and_a_bit(shrink: bool) -> String {
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        if shrink {
            s.may_shrink();
        }
        s.annex_heading("附件1", "大英县2018年政务公开目标任务分解表", 2)
            .unwrap();
        s.header(&["序号", "单位", "目标任务数量（条）"]).unwrap();
        for n in 1..=35u32 {
            s.row(&[n.into(), "民政局".into(), 200u32.into()]).unwrap();
        }
    });
    part(&path, "xl/worksheets/sheet1.xml")
}

#[test]
fn an_annex_is_never_shrunk_to_fit_a_page_and_a_units_report_may_be_to_90_percent() {
    let annex = a_page_and_a_bit(false);
    assert_eq!(attr(&annex, "pageSetup", "scale"), None, "{annex}");
    assert!(annex.contains("<rowBreaks count=\"1\""), "{annex}");
    let report = a_page_and_a_bit(true);
    let scale: u32 = attr(&report, "pageSetup", "scale")
        .unwrap()
        .parse()
        .unwrap();
    assert!((90..100).contains(&scale), "{report}");
    assert!(!report.contains("<rowBreaks"), "{report}");
}

#[test]
fn a_table_too_wide_for_either_page_turns_to_the_one_that_prints_it_larger() {
    // Ten columns of unbreakable 24-letter headers: too wide even for a landscape page,
    // which prints them larger than a portrait one would.
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.may_turn();
        let header = ["ABCDEFGHIJKLMNOPQRSTUVWX"; 10];
        s.header(&header).unwrap();
        for col in 0..10 {
            s.keep_whole(col);
        }
        s.row(&[1u32; 10].map(Value::from)).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(
        attr(&xml, "pageSetup", "orientation").as_deref(),
        Some("landscape"),
        "{xml}"
    );
    let scale: u32 = attr(&xml, "pageSetup", "scale").unwrap().parse().unwrap();
    assert!(scale < 100, "{xml}");
}

#[test]
fn an_annex_turns_to_the_page_that_keeps_its_words_whole_on_as_many_pages() {
    // Seven columns of unit names, broken only where a word ends: a portrait page holds
    // them only by cutting 政务服务和 (a contact list printed 发 / 改局 so), a landscape
    // one keeps every word whole, and both print them on one page.
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.may_turn();
        s.header(&["单位"; 7]).unwrap();
        for col in 0..7 {
            s.break_at_words(col);
        }
        let row = ["政务服务和大数据管理局"; 7].map(Value::from);
        s.row(&row).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(
        attr(&xml, "pageSetup", "orientation").as_deref(),
        Some("landscape"),
        "{xml}"
    );
    assert!(!xml.contains("<rowBreaks"), "{xml}");
    let width: f64 = attr(&xml, "col", "width").unwrap().parse().unwrap();
    assert!(width >= units_of("政务服务和", 12.0), "{xml}");
}

#[test]
fn a_data_sheet_is_frozen_and_filtered_below_its_header_and_prints_landscape() {
    let (_d, path) = save_one(Look::Data, |s| {
        s.header(&["单位", "本期", "累计"]).unwrap();
        s.row(&["民政局".into(), 3u32.into(), 10u32.into()])
            .unwrap();
        s.row(&["财政局".into(), 4u32.into(), 12u32.into()])
            .unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<autoFilter ref=\"A1:C3\"/>"), "{xml}");
    assert_eq!(attr(&xml, "pane", "ySplit").as_deref(), Some("1"));
    assert_eq!(
        attr(&xml, "pageSetup", "orientation").as_deref(),
        Some("landscape")
    );
    assert_eq!(attr(&xml, "pageSetup", "paperSize").as_deref(), Some("9"));
}

#[test]
fn merged_body_cells_span_their_rows_with_borders() {
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.header(&["一级栏目", "二级栏目"]).unwrap();
        s.merge((1, 3), (0, 0), "走进汤阴", Role::Body).unwrap();
        for (row, name) in (1..).zip(["汤阴概况", "行政区划", "历史沿革"]) {
            s.write(row, 1, name, Role::Body).unwrap();
        }
        assert_eq!(s.next_row(), 4);
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<mergeCell ref=\"A2:A4\"/>"));
    assert_eq!(cell(&path, "表", 1, 0), Data::String("走进汤阴".into()));
    // The covered cells exist, blank but formatted, so the borders print.
    assert!(xml.contains("<c r=\"A4\" s="), "{xml}");
}

#[test]
fn completion_charts_give_every_unit_its_column_and_a_page_each() {
    let names: Vec<String> = (1..=64).map(|i| format!("单位{i:02}")).collect();
    let bars: Vec<Bar<'_>> = names
        .iter()
        .map(|unit| Bar {
            unit,
            completion: 0.4,
            expected: 1.0 / 3.0,
        })
        .collect();
    let (_d, path) = save_one(Look::Data, |s| {
        s.completion_charts("各单位年度目标任务完成率", &bars)
            .unwrap();
    });
    // 64 units: two charts of 32, each on a page of its own.
    let parts = parts(&path);
    assert!(parts.contains(&"xl/charts/chart2.xml".to_string()));
    assert!(!parts.contains(&"xl/charts/chart3.xml".to_string()));
    let chart = part(&path, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barDir val=\"col\"/>"));
    assert!(chart.contains("<c:lineChart>"), "the 序时进度 line");
    assert!(chart.contains("各单位年度目标任务完成率（1/2）"));
    assert!(chart.contains("formatCode=\"0%\""), "the axis");
    assert!(
        chart.contains("formatCode=\"0.0%\""),
        "the labels, as 完成情况 prints"
    );
    assert!(chart.contains("typeface=\"宋体\""));
    assert!(chart.contains("<c:f>表!$P$2:$P$33</c:f>"), "{chart}");
    let second = part(&path, "xl/charts/chart2.xml");
    assert!(second.contains("<c:f>表!$P$34:$P$65</c:f>"), "{second}");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<brk id=\"36\""), "{xml}");
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains(">表!$A$1:$N$72<"), "{workbook}");
    assert_eq!(cell(&path, "表", 64, 15), Data::String("单位64".into()));
}

#[test]
fn a_stream_past_the_row_limit_continues_on_numbered_sheets_with_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut stream = Stream::new(&mut book, "明细", &["标题", "日期"], 3).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    for n in 1..=7 {
        stream
            .row(&[format!("信息{n}").into(), day.into()])
            .unwrap();
    }
    assert_eq!(book.sheet_names(), ["明细", "明细(2)", "明细(3)"]);
    book.save(&path).unwrap();

    assert_eq!(sheet_names(&path), ["明细", "明细(2)", "明细(3)"]);
    let mut titles = Vec::new();
    for name in sheet_names(&path) {
        let range = cells(&path, &name);
        assert_eq!(range.get_value((0, 0)), Some(&Data::String("标题".into())));
        for row in range.rows().skip(1) {
            titles.push(text(&row[0]));
        }
        let xml_name = format!("xl/worksheets/sheet{}.xml", titles.len().div_ceil(3));
        assert!(part(&path, &xml_name).contains("<autoFilter"), "{name}");
    }
    assert_eq!(
        titles,
        (1..=7).map(|n| format!("信息{n}")).collect::<Vec<_>>()
    );
    let workbook = part(&path, "xl/workbook.xml");
    assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), 3);
}

#[test]
fn a_stream_writes_plain_cells_that_print_with_gridlines_and_still_measure_widths() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut stream = Stream::new(&mut book, "明细", &["序号", "标题", "日期"], 100).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    // The widest title comes last, after many that need no measuring.
    for n in 1..=50usize {
        stream
            .row(&[n.into(), "短标题".into(), day.into()])
            .unwrap();
    }
    let long = "关于印发全县政务公开工作要点的通知";
    stream
        .row(&[51usize.into(), long.into(), day.into()])
        .unwrap();
    book.save(&path).unwrap();

    assert_eq!(cell(&path, "明细", 51, 1), Data::String(long.into()));
    assert_eq!(cell(&path, "明细", 1, 0), Data::Float(1.0));
    assert!(matches!(cell(&path, "明细", 1, 2), Data::DateTime(_)));
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("gridLines=\"1\""), "gridlines print");
    // Only the header and the date cells have a style; text and numbers use the default.
    let styled = xml.matches(" s=\"").count();
    assert_eq!(styled, 3 + 51, "{styled}");
    // 17 characters of 11 pt, about 31 units, not the 6 of the titles before it.
    let w = col_width(&xml, 2);
    assert!((31.0..=34.0).contains(&w), "width {w}");
}

/// Streamed rows are written with the indices of their formats in the workbook, known
/// before it is saved: a sheet with formats of its own before the stream must not move them.
#[test]
fn streamed_rows_keep_their_formats_among_the_other_sheets_of_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut sheet = book.sheet("完成情况", Look::Data).unwrap();
    sheet.header(&["单位", "完成率", "得分"]).unwrap();
    let row = ["民政局".into(), Value::percent(0.5), Value::score(8.0)];
    sheet.row(&row).unwrap();
    let mut stream = Stream::new(&mut book, "明细", &["标题", "日期", "说明"], 100).unwrap();
    stream.wrap(0, 10.0);
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let long = "关于印发全县政务公开工作要点的通知";
    stream
        .row(&[long.into(), day.into(), "<a>&_x0041_".into()])
        .unwrap();
    stream
        .row(&["短".into(), day.into(), Value::Empty])
        .unwrap();
    book.save(&path).unwrap();

    assert!(matches!(cell(&path, "明细", 1, 1), Data::DateTime(_)));
    assert!(matches!(cell(&path, "明细", 2, 1), Data::DateTime(_)));
    assert_eq!(
        cell(&path, "明细", 1, 2),
        Data::String("<a>&_x0041_".into())
    );
    assert_eq!(cell(&path, "完成情况", 1, 1), Data::Float(0.5));
    let xml = part(&path, "xl/worksheets/sheet2.xml");
    assert!(xml.contains("<dimension ref=\"A1:C3\"/>"), "{xml}");
    assert!(xml.contains("<autoFilter ref=\"A1:C3\"/>"), "{xml}");
    // The long title wraps, two lines tall; the short one neither wraps nor is tall.
    let key = "<c r=\"A2\" s=\"";
    let at = xml.find(key).expect("a styled title") + key.len();
    let xf: usize = xml[at..].split('"').next().unwrap().parse().unwrap();
    let styles = part(&path, "xl/styles.xml");
    let cell_xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let wrapped = cell_xfs.split("<xf ").nth(xf + 1).unwrap();
    assert!(wrapped.contains("wrapText=\"1\""), "xf {xf}: {wrapped}");
    assert!(xml.contains("<row r=\"2\" ht="), "{xml}");
    assert!(
        xml.contains("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\">"),
        "{xml}"
    );
}

#[test]
fn a_repeated_text_is_measured_again_on_the_next_sheet_of_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut stream = Stream::new(&mut book, "明细", &["单位"], 2).unwrap();
    let long = "四川省遂宁市大英县人民政府办公室";
    for unit in ["局", long, long] {
        stream.row(&[unit.into()]).unwrap();
    }
    book.save(&path).unwrap();

    // 16 characters, about 30 units wide: on 明细 from the second row, on 明细(2) from
    // its only row, which repeats the row above it on the sheet before.
    for sheet in [1, 2] {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        let w = col_width(&xml, 1);
        assert!((29.0..=32.0).contains(&w), "sheet {sheet} width {w}");
    }
}

#[test]
fn text_over_the_cell_limit_is_cut_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut sheet = book.sheet("问题清单", Look::Data).unwrap();
    sheet.header(&["描述"]).unwrap();
    sheet.row(&["长".repeat(40_000).into()]).unwrap();
    let cuts = book.truncations().to_vec();
    book.save(&path).unwrap();

    let got = text(&cell(&path, "问题清单", 1, 0));
    assert!(got.ends_with(TRUNCATION_MARK));
    assert!(got.chars().count() <= MAX_TEXT);
    assert_eq!(cuts.len(), 1);
    let problem = cuts[0].problem("out/2018-04/汇总-2018-04.xlsx");
    assert_eq!(problem.code.id(), "W001");
    assert_eq!(
        problem.location(),
        "out/2018-04/汇总-2018-04.xlsx / 问题清单 / A2"
    );
    assert!(problem.message.contains("40000"), "{}", problem.message);
}

#[test]
fn text_over_the_cell_limit_is_cut_and_reported_on_a_streamed_sheet_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut stream = Stream::new(&mut book, "明细", &["序号", "标题"], 100).unwrap();
    stream.row(&[1usize.into(), "短".into()]).unwrap();
    stream
        .row(&[2usize.into(), "长".repeat(40_000).into()])
        .unwrap();
    let cuts = book.truncations().to_vec();
    book.save(&path).unwrap();

    let got = text(&cell(&path, "明细", 2, 1));
    assert!(got.ends_with(TRUNCATION_MARK));
    assert!(got.chars().count() <= MAX_TEXT);
    assert_eq!(cuts.len(), 1);
    let problem = cuts[0].problem("out/2025/汇总-2025.xlsx");
    assert_eq!(problem.location(), "out/2025/汇总-2025.xlsx / 明细 / B3");
}

#[test]
fn a_row_past_the_sheet_limit_is_a_chinese_error_not_a_panic() {
    let mut book = Book::new();
    let mut sheet = book.sheet("明细", Look::Data).unwrap();
    let err = sheet.write(MAX_ROWS, 0, "x", Role::Body).unwrap_err();
    assert!(err.to_string().contains("1048576 行的上限"), "{err}");
}

#[test]
fn sheets_of_one_book_get_unique_valid_names() {
    let mut book = Book::new();
    assert_eq!(book.sheet("明细", Look::Data).unwrap().name(), "明细");
    assert_eq!(book.sheet("明细", Look::Data).unwrap().name(), "明细(2)");
    assert_eq!(book.sheet("a/b", Look::Data).unwrap().name(), "a_b");
    assert_eq!(book.sheet_names(), ["明细", "明细(2)", "a_b"]);
}

#[test]
fn saving_a_book_leaves_only_the_workbook_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out/2018-04/汇总-2018-04.xlsx");
    let mut book = Book::new();
    book.sheet("完成情况", Look::Data)
        .unwrap()
        .row(&["x".into()])
        .unwrap();
    book.save(&path).unwrap();
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [Path::new("汇总-2018-04.xlsx").as_os_str()]);
}

#[test]
fn a_two_row_header_with_merged_labels_repeats_both_rows_when_printed() {
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.annex_heading("附件3", "各单位信息公开情况", 3).unwrap();
        let top = s.header(&["序号", "单位", "信息数量（条）", ""]).unwrap();
        s.header(&["", "", "本期", "累计"]).unwrap();
        s.merge((top, top + 1), (0, 0), "序号", Role::Header)
            .unwrap();
        s.merge((top, top + 1), (1, 1), "单位", Role::Header)
            .unwrap();
        s.merge((top, top), (2, 3), "信息数量（条）", Role::Header)
            .unwrap();
        s.row(&[1u32.into(), "民政局".into(), 3u32.into(), 10u32.into()])
            .unwrap();
    });
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains(">表!$4:$5<"), "{workbook}");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    for range in ["A4:A5", "B4:B5", "C4:D4"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range}"
        );
    }
    assert_eq!(cell(&path, "表", 3, 0), Data::String("序号".into()));
    assert_eq!(cell(&path, "表", 4, 3), Data::String("累计".into()));
    assert_eq!(cell(&path, "表", 5, 1), Data::String("民政局".into()));
}

#[test]
fn a_closing_line_is_right_aligned_across_the_table_without_borders() {
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.header(&["序号", "单位", "说明"]).unwrap();
        s.closing("汤阴县人民政府办公室", 2).unwrap();
    });
    assert_eq!(
        cell(&path, "表", 1, 0),
        Data::String("汤阴县人民政府办公室".into())
    );
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<mergeCell ref=\"A2:C2\"/>"), "{xml}");
    let styles = part(&path, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let right = xfs
        .split("<xf ")
        .find(|xf| xf.contains("horizontal=\"right\""))
        .unwrap_or_else(|| panic!("{xfs}"));
    assert!(right.contains("indent=\"2\""), "{right}");
    assert!(right.contains("borderId=\"0\""), "{right}");
}

#[test]
fn cells_left_to_fill_in_are_formatted_for_their_values_and_validated() {
    let (_d, path) = save_one(Look::Data, |s| {
        s.header(&["标题", "发布日期", "栏目"]).unwrap();
        let rows = s
            .blank_rows(2, &[Entry::Text, Entry::Date, Entry::Text])
            .unwrap();
        assert_eq!(rows, (1, 2));
        let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        let dates = Validation {
            check: Check::Date {
                from: day(2013),
                to: day(2020),
            },
            prompt: "请填写日期",
            error: "不是日期",
            strict: true,
        };
        s.validate((1, 99), 1, &dates).unwrap();
        let list = Validation {
            check: Check::List {
                sheet: "填表说明",
                col: 0,
                rows: (4, 9),
            },
            prompt: "请选择栏目",
            error: "不在列表中",
            strict: false,
        };
        s.validate((1, 99), 2, &list).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<c r=\"B3\" s="), "blank but formatted: {xml}");
    assert!(
        xml.contains("type=\"date\"") && xml.contains("sqref=\"B2:B100\""),
        "{xml}"
    );
    assert!(
        xml.contains("<formula1>41275</formula1>"),
        "2013-01-01: {xml}"
    );
    assert!(
        xml.contains("errorStyle=\"warning\"")
            && xml.contains("<formula1>填表说明!$A$5:$A$10</formula1>"),
        "{xml}"
    );
    assert!(xml.contains("prompt=\"请选择栏目\""));
    // The blank date cells carry the date format, so that a typed date becomes one.
    let date_style: usize = attr(&xml[xml.find("<c r=\"B2\"").unwrap()..], "c", "s")
        .unwrap()
        .parse()
        .unwrap();
    let styles = part(&path, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..];
    let xf = xfs.split("<xf ").nth(date_style + 1).unwrap();
    let fmt_id = attr(&format!("<xf {xf}"), "xf", "numFmtId").unwrap();
    assert!(
        styles.contains(&format!("numFmtId=\"{fmt_id}\" formatCode=\"yyyy-mm-dd\"")),
        "{fmt_id}"
    );
}

#[test]
fn an_annex_row_is_as_tall_as_its_wrapped_text_and_narrow_tables_fill_the_page() {
    let long = "县政府及县政府办公室文件、部门规范性文件和其他文件、政策解读材料";
    let (_d, path) = save_one(Look::Annex(AnnexStyle::default()), |s| {
        s.header(&["序号", "公开内容"]).unwrap();
        s.max_width(1, 20.0);
        s.row(&[1u32.into(), "短".into()]).unwrap();
        s.row(&[2u32.into(), long.into()]).unwrap();
    });
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let height = |row: u32| -> f64 {
        let at = xml.find(&format!("<row r=\"{row}\"")).unwrap();
        attr(&xml[at..], "row", "ht").unwrap().parse().unwrap()
    };
    assert_eq!(height(2), 16.5);
    assert!(height(3) > 1.8 * height(2), "{}", height(3));
    // Two columns filling 97 % of the 156 mm (442 pt) type area, in proportion. The
    // XML's width holds rust_xlsxwriter's 5-pixel padding, 5/7 of a unit.
    let (a, b) = (col_width(&xml, 1), col_width(&xml, 2));
    let points = (a + b - 10.0 / 7.0) * 6.15 + 2.0 * 3.8;
    assert!((422.0..=430.0).contains(&points), "{a} {b}");
}

#[test]
fn only_the_annex_of_a_book_gains_even_page_footers_and_the_data_sheet_is_copied_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = out(&dir, "t.xlsx");
    let mut book = Book::new();
    let mut stream = Stream::new(&mut book, "明细", &["标题"], 100).unwrap();
    stream.row(&["关于印发工作要点的通知".into()]).unwrap();
    let mut sheet = book
        .sheet("附件", Look::Annex(AnnexStyle::default()))
        .unwrap();
    sheet.header(&["单位"]).unwrap();
    sheet.row(&["民政局".into()]).unwrap();
    book.save(&path).unwrap();

    let data = part(&path, "xl/worksheets/sheet1.xml");
    assert!(!data.contains("evenFooter"), "{data}");
    let annex = part(&path, "xl/worksheets/sheet2.xml");
    assert!(
        annex.contains("<headerFooter differentOddEven=\"1\">"),
        "{annex}"
    );
    assert!(annex.contains("<evenFooter>"), "{annex}");
    assert_eq!(
        cell(&path, "明细", 1, 0),
        Data::String("关于印发工作要点的通知".into())
    );
    assert_eq!(cell(&path, "附件", 1, 0), Data::String("民政局".into()));
}

#[test]
fn a_column_kept_whole_where_the_page_allows_wraps_only_where_it_does_not() {
    // Names kept whole beside a long remark, which wraps.
    let annex = |names: &[&str]| {
        save_one(Look::Annex(AnnexStyle::default()), |s| {
            let mut header = vec!["单位"; names.len()];
            header.push("备注");
            s.header(&header).unwrap();
            let remark = "说明".repeat(40);
            let mut row: Vec<Value> = names.iter().map(|&n| n.into()).collect();
            row.push(remark.as_str().into());
            s.row(&row).unwrap();
            for col in 0..names.len() {
                s.rather_whole(col as u16);
            }
        })
    };
    let (_d, path) = annex(&["黔东南州生态环境局台江分局"]);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(col_width(&xml, 1) >= 26.5, "{xml}");
    // Two names too wide for the page together: they wrap like the remark, at full size.
    let long = "很长的单位名称".repeat(3);
    let (_d, path) = annex(&[&long, &long]);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        attr(&xml, "pageSetup", "scale").is_none_or(|s| s == "100"),
        "{xml}"
    );
    assert_eq!(
        attr(&xml, "pageSetup", "orientation").as_deref(),
        Some("portrait")
    );
    let first: f64 = attr(&xml, "col", "width").unwrap().parse().unwrap();
    assert!(first < 40.0, "{xml}");
}
