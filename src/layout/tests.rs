//! Tests of `locate` on sheets built in code, shaped like the files units really send.

use proptest::prelude::*;

use super::*;
use crate::read::{Merge, Visibility};
use rows::REPEATED_HEADER;

const FILE: &str = "inbox/民政局-2026年11月.xlsx";

fn cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

fn sheet(rows: &[&[&str]]) -> Sheet {
    Sheet {
        name: "Sheet1".to_string(),
        visibility: Visibility::Visible,
        rows: rows
            .iter()
            .map(|r| r.iter().map(|s| cell(s)).collect())
            .collect(),
        merges: Vec::new(),
        date1904: false,
        hidden_rows: Vec::new(),
        links: Vec::new(),
    }
}

/// Adds merged ranges (0-based, inclusive) and fills them the way the read stage does.
fn merged(mut sheet: Sheet, ranges: &[(u32, u32, u32, u32)]) -> Sheet {
    for &(first_row, first_col, last_row, last_col) in ranges {
        let value = sheet.cell(first_row, first_col).clone();
        for r in first_row..=last_row {
            let row = &mut sheet.rows[r as usize];
            if row.len() <= last_col as usize {
                row.resize(last_col as usize + 1, Cell::Empty);
            }
            for c in first_col..=last_col {
                row[c as usize] = value.clone();
            }
        }
        sheet.merges.push(Merge {
            first_row,
            first_col,
            last_row,
            last_col,
        });
    }
    sheet
}

fn located(sheet: &Sheet) -> (Table, Vec<Problem>) {
    let (table, problems) = locate(sheet, FILE);
    let Some(table) = table else {
        panic!("no table found: {problems:?}")
    };
    (table, problems)
}

fn text_of(record: &Record, field: Field) -> String {
    record.get(field).map(|(_, c)| c.text()).unwrap_or_default()
}

fn labels(table: &Table) -> Vec<&str> {
    table.columns.iter().map(|c| c.label.as_str()).collect()
}

fn fields(table: &Table) -> Vec<Option<Field>> {
    table.columns.iter().map(|c| c.field).collect()
}

#[test]
fn header_found_under_annex_title_unit_and_period_lines() {
    let s = merged(
        sheet(&[
            &["附件1"],
            &[],
            &["2026年11月政府信息公开明细表", "", "", ""],
            &["填报单位：民政局", "", "统计期间：2026年11月"],
            &["序号", "标题", "发布日期", "栏目"],
            &["1", "关于做好冬季救助工作的通知", "2026-11-05", "通知公告"],
            &["2", "民政局11月工作动态", "2026-11-20", "工作动态"],
        ]),
        &[(2, 0, 2, 3)],
    );
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.header_rows, 4..=4);
    assert_eq!(
        fields(&table),
        [
            Some(Field::Seq),
            Some(Field::Title),
            Some(Field::Date),
            Some(Field::Section)
        ]
    );
    assert_eq!(table.meta(MetaKey::Annex), Some("1"));
    assert_eq!(
        table.meta(MetaKey::Title),
        Some("2026年11月政府信息公开明细表")
    );
    assert_eq!(table.meta(MetaKey::Unit), Some("民政局"));
    assert_eq!(table.meta(MetaKey::Period), Some("2026年11月"));
    assert_eq!(
        table.meta.iter().map(|m| m.row).collect::<Vec<_>>(),
        [0, 2, 3, 3]
    );
    assert_eq!(table.records.len(), 2);
    assert_eq!(table.records[0].row, 5);
    assert_eq!(
        text_of(&table.records[1], Field::Title),
        "民政局11月工作动态"
    );
}

#[test]
fn header_is_not_the_first_non_empty_row() {
    let s = sheet(&[
        &["", "标题"],
        &["说明：本表按月报送"],
        &["序号", "信息标题", "发布时间"],
        &["1", "标题一", "2026-11-01"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 2..=2);
    assert_eq!(table.records.len(), 1);
    assert_eq!(text_of(&table.records[0], Field::Title), "标题一");
    let titles: Vec<(u32, &str)> = table
        .meta
        .iter()
        .map(|m| (m.row, m.value.as_str()))
        .collect();
    assert_eq!(titles, [(0, "标题"), (1, "说明：本表按月报送")]);
}

#[test]
fn header_labels_match_with_spaces_nbsp_full_width_and_units() {
    let s = sheet(&[
        &["单    位", "目标任务数量（条）", "\u{a0}ＵＲＬ\u{3000}"],
        &["民政局", "240", "http://example.gov.cn"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty());
    assert_eq!(
        fields(&table),
        [Some(Field::Unit), Some(Field::Count), Some(Field::Link)]
    );
    assert_eq!(labels(&table), ["单    位", "目标任务数量（条）", "ＵＲＬ"]);
}

#[test]
fn traditional_labels_totals_and_notes_are_recognised() {
    let s = sheet(&[
        &["填報單位：民政局"],
        &["標題", "發布日期", "欄目", "數量"],
        &["通知一", "2018-04-03", "通知公告", "1"],
        &["合  計", "", "", "1"],
        &["註：本表每月報送"],
        &["審核人 趙國華"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        fields(&table),
        [
            Some(Field::Title),
            Some(Field::Date),
            Some(Field::Section),
            Some(Field::Count)
        ]
    );
    assert_eq!(table.meta(MetaKey::Unit), Some("民政局"));
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.totals.len(), 1);
    assert_eq!(table.notes.len(), 2);
}

/// Seed 004 writes inline pinyin after a character, in labels too: 發(fā)布日期,
/// 填報單(dān)位. Such a header used to go unfound (L001).
#[test]
fn pinyin_inside_header_labels_and_the_unit_line_is_read_past() {
    let s = sheet(&[
        &["填報單(dān)位：鄉(xiāng)鎮(zhèn)黨政辦"],
        &[
            "序號(hào)",
            "標(biāo)題",
            "發(fā)布日期",
            "欄(lán)目",
            "成(chéng)文日期",
        ],
        &["通知一", "通知一", "2021-04-03", "通知公告", "2021-04-02"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        fields(&table),
        [
            Some(Field::Seq),
            Some(Field::Title),
            Some(Field::Date),
            Some(Field::Section),
            Some(Field::Arose)
        ]
    );
    assert_eq!(table.meta(MetaKey::Unit), Some("鄉(xiāng)鎮(zhèn)黨政辦"));
    // A targets table in seed 004's spelling.
    let s = sheet(&[
        &["單(dān)位", "目標(biāo)任務(wù)數(shù)量(條)"],
        &["民政局", "240"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(fields(&table), [Some(Field::Unit), Some(Field::Count)]);
    // Brackets that are no pinyin stay what they were.
    assert_eq!(
        labels::normalise_label("目标任务数量（条）"),
        "目标任务数量"
    );
    assert_ne!(
        labels::field_of("公开时限"),
        Some(Field::Frequency),
        "a catalogue element, not 更新频率"
    );
}

#[test]
fn metadata_line_without_colons_does_not_beat_the_header() {
    let s = sheet(&[
        &["填报单位", "民政局", "统计期间", "2026年11月"],
        &["单位", "数量"],
        &["民政局", "12"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 1..=1);
    assert_eq!(table.meta(MetaKey::Unit), Some("民政局"));
    assert_eq!(table.meta(MetaKey::Period), Some("2026年11月"));
}

/// Two tables on one sheet with different headers: the one whose header has more known
/// labels is read, and the other is said not to be (L009), at its header, with its
/// rows counted — above the header read (its rows were taken for title lines) or below
/// it (its rows were taken for items and rejected).
#[test]
fn a_second_table_on_the_sheet_is_said_not_to_be_read() {
    let above = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "上半月信息一", "2018-04-01"],
        &["2", "上半月信息二", "2018-04-02"],
        &[],
        &["序号", "标题", "发布日期", "栏目", "链接"],
        &["1", "下半月信息", "2018-04-20", "部门动态", "http://a"],
    ]);
    let below = sheet(&[
        &["序号", "标题", "发布日期", "栏目"],
        &["1", "信息一", "2018-04-01", "部门动态"],
        &[],
        &["二、分栏目统计"],
        &["栏目", "数量"],
        &["部门动态", "3"],
        &["合计", "3"],
    ]);
    for (s, header, other, rows) in [(above, 4..=4, 1, 2), (below, 0..=0, 5, 2)] {
        let (table, problems) = located(&s);
        assert_eq!(table.header_rows, header);
        assert_eq!(table.records.len(), 1, "{:?}", table.records);
        let said: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.code == Code::OtherTable)
            .collect();
        assert_eq!(said.len(), 1, "{problems:?}");
        assert_eq!(said[0].place, Some(Place::cell(other, 0)));
        let read = header.start() + 1;
        assert!(
            said[0].message.contains(&format!("第 {other} 行起的表格")),
            "{}",
            said[0].message
        );
        assert!(
            said[0].message.contains(&format!("及其下 {rows} 行未读取")),
            "{}",
            said[0].message
        );
        assert!(
            said[0].message.contains(&format!("第 {read} 行表头")),
            "{}",
            said[0].message
        );
    }
    // No other table: a line of labels with no table under it; lines of labels each
    // with its value, above the header or below the table; the header repeated, in its
    // words or in others (months stacked under titles of their own, whose items are all
    // read).
    for (s, records) in [
        (
            sheet(&[
                &["填报单位", "民政局", "统计期间", "2026年11月"],
                &["（单位：条）"],
                &["单位", "数量"],
                &["民政局", "12"],
            ]),
            1,
        ),
        (
            sheet(&[
                &["民政局政务信息报送表"],
                &["单位", "民政局", "月份", "2018年4月"],
                &["填表人", "陈静", "联系电话", "0825-1234567"],
                &["序号", "标题", "发布日期", "栏目"],
                &["1", "信息一", "2018-04-02", "部门动态"],
                &[],
                &["单位", "民政局", "日期", "2018-05-03"],
                &["填表人", "陈静", "联系电话", "0825-1234567"],
            ]),
            1,
        ),
        (
            sheet(&[
                &["标题", "发布日期"],
                &["信息一", "2018-04-01"],
                &[],
                &["标题", "发布日期"],
                &["信息二", "2018-05-01"],
            ]),
            2,
        ),
        (
            sheet(&[
                &["4月上"],
                &["序号", "标题", "发布日期", "栏目"],
                &["1", "信息一", "2018-04-02", "部门动态"],
                &[],
                &["4月下"],
                &["序号", "信息标题", "发布时间", "所属栏目"],
                &["1", "信息二", "2018-04-20", "部门动态"],
            ]),
            2,
        ),
    ] {
        let (table, problems) = located(&s);
        let other = problems.iter().filter(|p| p.code == Code::OtherTable);
        assert_eq!(other.count(), 0, "{problems:?}");
        let titled =
            |r: &&Record| !text_of(r, Field::Title).is_empty() || r.get(Field::Unit).is_some();
        let read = table.records.iter().filter(titled).count();
        assert_eq!(read, records, "{:?}", table.records);
    }
    // The title line of a table whose header is restated in other words is no item
    // without a date.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &[],
        &["民政局2018年5月信息公开明细表"],
        &["序号", "信息标题", "发布时间"],
        &["1", "信息二", "2018-05-03"],
    ]);
    let (table, problems) = located(&s);
    let titles: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Title))
        .collect();
    assert_eq!(titles, ["信息一", "信息二"], "{problems:?}");
}

/// A sign-off block under the table, written in the 标题 column rather than the 序号
/// column: the signatures, the unit over its seal and the date under it are notes, not
/// items without a date or a title.
#[test]
fn a_sign_off_block_in_the_title_column_is_notes() {
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目"],
        &["1", "信息一", "2018-04-01", "部门动态"],
        &["2", "信息二", "2018-04-02", "部门动态"],
        &["", "单位负责人：王五", "", "填表人：赵六"],
        &["", "大英县教育局（盖章）"],
        &["", "", "2018年5月3日"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 2, "{:?}", table.records);
    let notes: Vec<u32> = table.notes.iter().map(|(r, _)| *r).collect();
    assert_eq!(notes, [3, 4, 5], "{:?}", table.notes);
    // Under a remark (注：), a title alone is an item without a date, not a note.
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目"],
        &["1", "信息一", "2018-04-02", "部门动态"],
        &["", "注：以下两条为补报"],
        &["", "补报信息二"],
        &["", "补报信息三"],
    ]);
    let (table, _) = located(&s);
    let rows: Vec<u32> = table.records.iter().map(|r| r.row).collect();
    assert_eq!(rows, [1, 3, 4]);
    // A line of one cell under a note is a record where records follow it.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-01"],
        &["注：下半月"],
        &["", "", "2018-04-20"],
        &["2", "信息二", "2018-04-21"],
    ]);
    let (table, _) = located(&s);
    let rows: Vec<u32> = table.records.iter().map(|r| r.row).collect();
    assert_eq!(rows, [1, 3, 4]);
}

/// A counts table with a column per month is not read, and says so in its own words (it
/// used to get L001, “no recognisable header”, beside its 单位 column).
#[test]
fn a_counts_table_with_a_column_per_month_is_said_not_to_be_read() {
    let s = sheet(&[
        &["县直部门2018年1-4月信息公开统计"],
        &["单位", "1月", "2月", "3月", "4月份", "合计"],
        &["审计局", "5", "6", "7", "8", "26"],
    ]);
    let (table, problems) = locate(&s, FILE);
    assert!(table.is_none());
    let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::MonthsAcross]);
    assert_eq!(problems[0].place, Some(Place::row(2)));
    // With 序号 beside 单位 the header is found, and was L004 for each month.
    let s = sheet(&[
        &["序号", "单位名称", "一月", "二月", "三月"],
        &["1", "审计局", "5", "6", "7"],
    ]);
    let (table, problems) = locate(&s, FILE);
    assert!(table.is_none());
    let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, [Code::MonthsAcross]);
    assert_eq!(problems[0].place, Some(Place::row(1)));
    // Nor is one whose count columns each name a month, under a two-row header or in
    // their labels, nor one of sections by month: its first month was read as the whole.
    let two_rows = merged(
        sheet(&[
            &["序号", "单位", "信息数量（条）", "", "", ""],
            &["", "", "1月", "2月", "3月", "4月"],
            &["1", "地税局", "3", "4", "5", "6"],
        ]),
        &[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 5)],
    );
    let across: [&[&[&str]]; 4] = [
        &[
            &["单位", "数量（1月）", "数量（2月）"],
            &["气象局", "3", "6"],
        ],
        &[&["单位", "1月数量", "2月数量"], &["气象局", "3", "6"]],
        &[&["单位", "1月(条)", "2月(条)"], &["气象局", "3", "6"]],
        &[&["栏目", "1月", "2月", "3月"], &["部门动态", "3", "6", "2"]],
    ];
    for s in std::iter::once(two_rows).chain(across.iter().map(|rows| sheet(rows))) {
        let (table, problems) = locate(&s, FILE);
        let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
        assert!(
            table.is_none() && codes == [Code::MonthsAcross],
            "{codes:?} {:?}",
            s.rows[0]
        );
    }
    // A counts table by month in rows is read, its month column no column per month.
    let s = sheet(&[&["单位", "月份", "数量"], &["审计局", "4月", "5"]]);
    assert!(locate(&s, FILE).0.is_some());
    for (label, month) in [
        ("4月", true),
        ("4月份", true),
        ("2018年12月", true),
        ("四月", true),
        ("十二月", true),
        ("月份", false),
        ("本月", false),
        ("123月", false),
    ] {
        assert_eq!(labels::is_month_label(label), month, "{label}");
    }
}

#[test]
fn metadata_line_with_two_pairs_gives_two_metas() {
    let header: &[&str] = &["标题", "发布日期"];
    for line in [
        vec!["填报单位：民政局      填报日期：2018-05-03"],
        vec!["填报单位:民政局 填报日期：2018-05-03"],
        vec!["填报单位：民政局", "", "填报日期：2018-05-03"],
        vec!["填报单位：", "民政局", "填报日期:", "2018-05-03"],
        vec!["填 报 单 位（盖章）：民政局\u{3000}\u{3000}填表日期：2018-05-03"],
    ] {
        let s = sheet(&[&line, header, &["标题一", "2018-05-01"]]);
        let (table, _) = located(&s);
        let metas: Vec<(MetaKey, &str)> = table
            .meta
            .iter()
            .map(|m| (m.key, m.value.as_str()))
            .collect();
        assert_eq!(
            metas,
            [(MetaKey::Unit, "民政局"), (MetaKey::FilledOn, "2018-05-03")],
            "{line:?}"
        );
    }
}

#[test]
fn metadata_annex_with_title_on_one_line() {
    let s = sheet(&[
        &["附件 2：2018年大英县政府信息公开目标任务"],
        &["报送期间：2018年4月", "", "联系人：张三"],
        &["单位", "数量"],
    ]);
    let (table, _) = located(&s);
    let metas: Vec<(MetaKey, &str)> = table
        .meta
        .iter()
        .map(|m| (m.key, m.value.as_str()))
        .collect();
    assert_eq!(
        metas,
        [
            (MetaKey::Annex, "2"),
            (MetaKey::Title, "2018年大英县政府信息公开目标任务"),
            (MetaKey::Period, "2018年4月"),
            (MetaKey::Title, "联系人：张三"),
        ]
    );
}

#[test]
fn unit_of_measure_line_is_a_title_not_the_reporting_unit() {
    let s = sheet(&[&["", "单位：条"], &["单位", "数量"], &["民政局", "3"]]);
    let (table, _) = located(&s);
    assert_eq!(table.meta(MetaKey::Unit), None);
    assert_eq!(table.meta(MetaKey::Title), Some("单位：条"));
}

#[test]
fn two_row_header_from_merges() {
    let s = merged(
        sheet(&[
            &["2026年11月信息发布情况", "", "", ""],
            &["序号", "发布信息", "", "栏目"],
            &["", "标题", "发布日期", ""],
            &["1", "标题一", "2026-11-02", "工作动态"],
        ]),
        &[(0, 0, 0, 3), (1, 0, 2, 0), (1, 1, 1, 2), (1, 3, 2, 3)],
    );
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.header_rows, 1..=2);
    assert_eq!(
        labels(&table),
        ["序号", "发布信息/标题", "发布信息/发布日期", "栏目"]
    );
    assert_eq!(
        fields(&table),
        [
            Some(Field::Seq),
            Some(Field::Title),
            Some(Field::Date),
            Some(Field::Section)
        ]
    );
    assert_eq!(table.meta(MetaKey::Title), Some("2026年11月信息发布情况"));
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.records[0].row, 3);
    assert_eq!(text_of(&table.records[0], Field::Date), "2026-11-02");
}

#[test]
fn two_row_header_with_labels_only_in_the_upper_row() {
    let s = merged(
        sheet(&[
            &["序号", "发布信息", "", "栏目"],
            &["", "标题", "发布日期", ""],
            &["1", "标题一", "2026-11-02", "工作动态"],
        ]),
        &[(0, 1, 0, 2)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 0..=1);
    assert_eq!(
        fields(&table),
        [
            Some(Field::Seq),
            Some(Field::Title),
            Some(Field::Date),
            Some(Field::Section)
        ]
    );
    assert_eq!(table.records.len(), 1);
}

#[test]
fn two_row_header_takes_the_field_from_the_upper_label_when_the_lower_is_unknown() {
    let s = merged(
        sheet(&[
            &["单位", "数量", ""],
            &["单位", "本月", "累计"],
            &["民政局", "3", "30"],
        ]),
        &[(0, 0, 1, 0), (0, 1, 0, 2)],
    );
    let (table, problems) = located(&s);
    assert_eq!(table.header_rows, 0..=1);
    assert_eq!(labels(&table), ["单位", "数量/本月", "数量/累计"]);
    assert_eq!(
        fields(&table),
        [Some(Field::Unit), Some(Field::Count), Some(Field::Count)]
    );
    let dup: Vec<_> = problems
        .iter()
        .filter(|p| p.code == Code::DuplicateColumn)
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].cell().as_deref(), Some("C2"));
}

#[test]
fn title_merged_over_the_whole_header_is_not_a_two_row_header() {
    let s = merged(
        sheet(&[
            &["政府信息公开目标任务", ""],
            &["单位", "数量"],
            &["民政局", "240"],
        ]),
        &[(0, 0, 0, 1)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 1..=1);
    assert_eq!(labels(&table), ["单位", "数量"]);
}

#[test]
fn annex_line_merged_over_the_first_columns_is_not_a_two_row_header() {
    let s = merged(
        sheet(&[
            &["附件1", ""],
            &["序号", "单位", "标题", "发布日期"],
            &["1", "民政局", "标题一", "2026-11-02"],
        ]),
        &[(0, 0, 0, 1)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 1..=1);
    assert_eq!(labels(&table), ["序号", "单位", "标题", "发布日期"]);
    assert_eq!(table.meta(MetaKey::Annex), Some("1"));
}

#[test]
fn group_label_alone_in_the_upper_row_makes_a_two_row_header() {
    let s = merged(
        sheet(&[
            &["", "发布信息", "", ""],
            &["序号", "标题", "发布日期", "栏目"],
            &["1", "标题一", "2026-11-02", "工作动态"],
        ]),
        &[(0, 1, 0, 2)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.header_rows, 0..=1);
    assert_eq!(
        labels(&table),
        ["序号", "发布信息/标题", "发布信息/发布日期", "栏目"]
    );
}

#[test]
fn wide_header_label_merged_across_two_columns_is_one_column() {
    let s = merged(
        sheet(&[&["标题", "", "发布日期"], &["标题一", "", "2026-11-02"]]),
        &[(0, 0, 0, 1)],
    );
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.header_rows, 0..=0);
    assert_eq!(fields(&table), [Some(Field::Title), Some(Field::Date)]);
    assert_eq!(table.records.len(), 1);
}

/// Seed 001, Annex 1 (大英县 2018): 64 units in two side-by-side pairs, 合计 12360条.
const SEED_001_ROWS: &str = "政府办 240 商务局 200
信访局 70 财政局 240
政务服务中心 200 国税局 200
热线办 140 地税局 200
审计局 140 工商质监局 240
人社局 240 食药监局 240
国土局 240 农办 180
民政局 240 回马工业园区 140
安监局 240 现代农业园区 140
档案局 30 粮食局 140
残联 120 公安局 240
公用事业局 180 司法局 140
工业集中发展区 240 农业局 240
文旅产业园 140 林业局 240
城东社区 240 水务局 240
城西社区 240 畜牧局 240
执法局 240 供销社 90
旅游局 200 气象局 180
统计局 140 扶贫移民局 200
住建局 240 台办 20
房管局 70 志办 20
教育局 240 蓬莱镇 240
卫计局 240 隆盛镇 240
科技局 70 河边镇 240
文广新局 240 回马镇 240
发改局 240 玉峰镇 240
重点办 70 象山镇 240
规划局 180 卓筒井镇 240
交运局 240 天保镇 240
环保局 240 金元镇 240
投促局 180 通仙乡 210
经信局 240 智水乡 210";

fn seed_001_sheet() -> Sheet {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![cell("附件1")],
        vec![],
        vec![cell("2018年大英县政府信息公开目标任务")],
        [
            "单    位",
            "目标任务数量(条)",
            "单    位",
            "目标任务数量(条)",
        ]
        .iter()
        .map(|s| cell(s))
        .collect(),
    ];
    for line in SEED_001_ROWS.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let count = |s: &str| match s.parse() {
            Ok(n) => Cell::Number(n),
            Err(e) => panic!("{s}: {e}"),
        };
        rows.push(vec![
            cell(parts[0]),
            count(parts[1]),
            cell(parts[2]),
            count(parts[3]),
        ]);
    }
    rows.push(vec![cell("合  计"), cell("12360条")]);
    let total_row = rows.len() as u32 - 1;
    let s = Sheet {
        name: "附件1".to_string(),
        visibility: Visibility::Visible,
        rows,
        merges: Vec::new(),
        date1904: false,
        hidden_rows: Vec::new(),
        links: Vec::new(),
    };
    merged(s, &[(2, 0, 2, 3), (total_row, 1, total_row, 3)])
}

#[test]
fn seed_001_side_by_side_targets_unfold_left_pairs_then_right_pairs() {
    let (table, problems) = located(&seed_001_sheet());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.groups, 2);
    assert_eq!(table.header_rows, 3..=3);
    assert_eq!(table.meta(MetaKey::Annex), Some("1"));
    assert_eq!(
        table.meta(MetaKey::Title),
        Some("2018年大英县政府信息公开目标任务")
    );
    assert_eq!(table.records.len(), 64);
    let units: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units[0], "政府办");
    assert_eq!(units[1], "信访局");
    assert_eq!(units[31], "经信局");
    assert_eq!(units[32], "商务局");
    assert_eq!(units[63], "智水乡");
    assert_eq!(table.records[32].row, 4);
    assert_eq!(table.records[32].get(Field::Unit).map(|(c, _)| c), Some(2));
    assert_eq!(table.records[32].get(Field::Count).map(|(c, _)| c), Some(3));
    let sum: f64 = table
        .records
        .iter()
        .map(|r| match r.get(Field::Count) {
            Some((_, Cell::Number(n))) => *n,
            other => panic!("count missing: {other:?}"),
        })
        .sum();
    assert_eq!(sum, 12360.0);
    assert_eq!(table.totals.len(), 1);
    let total = &table.totals[0];
    assert_eq!(total.label, "合  计");
    assert_eq!(total.row, 36);
    assert_eq!(total.closes, 0..64);
    assert_eq!(total.cells, [(Field::Count, 1, cell("12360条"))]);
    assert!(table.notes.is_empty());
}

#[test]
fn side_by_side_with_an_odd_unit_count_puts_the_total_in_the_right_pair() {
    let s = sheet(&[
        &["序号", "单位", "数量", "序号", "单位", "数量"],
        &["1", "政府办", "240", "3", "商务局", "200"],
        &["2", "信访局", "70", "合计", "", "510"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.groups, 2);
    let units: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units, ["政府办", "信访局", "商务局"]);
    assert_eq!(table.totals.len(), 1);
    assert_eq!(table.totals[0].closes, 0..3);
    assert_eq!(table.totals[0].cells, [(Field::Count, 5, cell("510"))]);
}

/// Seed 001's 合计 row as offices retype it: the label in A, the figure under the second
/// pair's count; that half of the row is the total's value, not a record with no unit.
#[test]
fn side_by_side_total_labelled_left_with_its_figure_right_is_one_total() {
    let s = sheet(&[
        &["单位", "数量", "单位", "数量"],
        &["政府办", "240", "商务局", "200"],
        &["合计", "", "", "440"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    let units: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units, ["政府办", "商务局"]);
    assert_eq!(table.totals.len(), 1);
    assert_eq!(table.totals[0].closes, 0..2);
    assert_eq!(table.totals[0].cells, [(Field::Count, 3, cell("440"))]);
}

#[test]
fn side_by_side_last_right_group_empty_gives_no_record() {
    let s = sheet(&[
        &["单位", "数量", "单位", "数量"],
        &["政府办", "240", "商务局", "200"],
        &["信访局", "70"],
    ]);
    let (table, _) = located(&s);
    let rows: Vec<(u32, String)> = table
        .records
        .iter()
        .map(|r| (r.row, text_of(r, Field::Unit)))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "政府办".to_string()),
            (2, "信访局".to_string()),
            (1, "商务局".to_string())
        ]
    );
}

#[test]
fn side_by_side_groups_with_their_own_totals_close_their_own_records() {
    let s = sheet(&[
        &["单位", "数量", "单位", "数量"],
        &["政府办", "240", "商务局", "200"],
        &["信访局", "70", "财政局", "240"],
        &["小计", "310", "小计", "440"],
        &["国土局", "240", "公安局", "240"],
        &["合计", "550", "合计", "680"],
    ]);
    let (table, _) = located(&s);
    let units: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(
        units,
        ["政府办", "信访局", "国土局", "商务局", "财政局", "公安局"]
    );
    let totals: Vec<(&str, u32, std::ops::Range<usize>)> = table
        .totals
        .iter()
        .map(|t| (t.label.as_str(), t.cells[0].1, t.closes.clone()))
        .collect();
    assert_eq!(
        totals,
        [
            ("小计", 1, 0..2),
            ("小计", 3, 3..5),
            ("合计", 1, 0..3),
            ("合计", 3, 3..6)
        ]
    );
}

#[test]
fn subtotals_close_the_rows_since_the_previous_total() {
    let s = sheet(&[
        &["单位", "数量"],
        &["蓬莱镇", "240"],
        &["隆盛镇", "240"],
        &["乡镇小计", "480"],
        &["民政局", "240"],
        &["小  计", "240"],
        &["总计", "720"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 3);
    let totals: Vec<(&str, std::ops::Range<usize>)> = table
        .totals
        .iter()
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    assert_eq!(
        totals,
        [("乡镇小计", 0..2), ("小  计", 2..3), ("总计", 0..3)]
    );
    assert_eq!(table.totals[2].cells, [(Field::Count, 1, cell("720"))]);
}

#[test]
fn notes_and_signature_lines_go_to_notes() {
    let s = merged(
        sheet(&[
            &["标题", "发布日期", "栏目"],
            &["标题一", "2026-11-02", "工作动态"],
            &[],
            &["注：本表由各单位每月5日前报送", "", ""],
            &["填表人：张三", "", "审核人：李四"],
            &["联系电话 0825-1234567"],
        ]),
        &[(3, 0, 3, 2)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert_eq!(
        table.notes,
        [
            (3, "注：本表由各单位每月5日前报送".to_string()),
            (4, "填表人：张三 审核人：李四".to_string()),
            (5, "联系电话 0825-1234567".to_string()),
        ]
    );
}

/// Below the last record, a form's rows left blank but for what it fills in ahead (序号,
/// 栏目), and text in the 序号 column alone (a numbered note merged across, the date
/// under a signature), are notes rather than records; so is a line in the 标题 column
/// opening with 填报日期.
#[test]
fn rows_holding_nothing_but_a_number_or_a_note_are_no_records() {
    let s = merged(
        sheet(&[
            &["序号", "标题", "发布日期", "栏目"],
            &["1", "标题一", "2026-11-02", "工作动态"],
            &["2", "", "", "通知公告"],
            &["3", "标题三", "2026-11-03", ""],
            &["4", "", "", ""],
            &["5", "", "", "工作动态"],
            &[],
            &["1、本表统计期间为2026年11月1日至11月30日。", "", "", ""],
            &["2026年12月2日"],
            &["", "填报日期：2026年12月2日"],
        ]),
        &[(7, 0, 7, 3)],
    );
    let (table, _) = located(&s);
    // Row 2, between records, stays one: its missing title and date are problems.
    let rows: Vec<u32> = table.records.iter().map(|r| r.row).collect();
    assert_eq!(rows, [1, 2, 3]);
    let notes: Vec<u32> = table.notes.iter().map(|(row, _)| *row).collect();
    assert_eq!(notes, [4, 5, 7, 8, 9]);
}

#[test]
fn data_row_after_a_note_is_kept() {
    let s = sheet(&[
        &["标题", "发布日期"],
        &["标题一", "2026-11-02"],
        &["注：以下为补报"],
        &["标题二", "2026-11-03"],
        &["注册登记办事指南", "2026-11-04"],
    ]);
    let (table, _) = located(&s);
    let titles: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Title))
        .collect();
    assert_eq!(titles, ["标题一", "标题二", "注册登记办事指南"]);
    assert_eq!(table.notes, [(2, "注：以下为补报".to_string())]);
}

#[test]
fn repeated_header_rows_are_noted_not_read() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "标题一", "2026-11-02"],
        &["序号", "标 题", "发布日期"],
        &["2", "标题二", "2026-11-03"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(
        table.records.iter().map(|r| r.row).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(table.notes, [(2, REPEATED_HEADER.to_string())]);
}

/// A sheet of several tables, each under its own title and 填报单位 line: those lines
/// are noted, not records (they were rejected as items without a date). A row of a
/// title alone is still a record, even right above a repeated header, and so is
/// another unit's 填报单位 line, whose rows would otherwise count for this unit.
#[test]
fn the_title_and_unit_lines_of_a_second_table_are_noted_not_read() {
    let s = sheet(&[
        &["填报单位：退役军人事务局"],
        &["标题", "发布日期", "栏目"],
        &["四月一条", "2022-04-03", "部门动态"],
        &["只有标题的一条"],
        &["5月份信息报送表"],
        &["填报单位：退役军人事务局"],
        &["标题", "发布日期", "栏目"],
        &["五月一条", "2022-05-03", "部门动态"],
        &["统计期间：2022年6月"],
        &["六月一条", "2022-06-03", "部门动态"],
        &["关于临时救助的公示"],
        &["标题", "发布日期", "栏目"],
        &["6月信息报送表"],
        &["填报单位：财政局"],
        &["标题", "发布日期", "栏目"],
        &["财政一条", "2022-06-05", "部门动态"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(
        table.records.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 7, 9, 10, 12, 13, 15]
    );
    let noted: Vec<u32> = table.notes.iter().map(|(row, _)| *row).collect();
    assert_eq!(noted, [4, 5, 6, 8, 11, 14]);
}

#[test]
fn blank_cells_are_empty_and_blank_rows_skipped() {
    let s = sheet(&[
        &["标题", "发布日期", "链接"],
        &["标题一", "", "  "],
        &["", "\u{3000}", ""],
        &["", "2026-11-03"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 2);
    assert_eq!(
        table.records[0].cells,
        [
            (Field::Title, 0, cell("标题一")),
            (Field::Date, 1, Cell::Empty),
            (Field::Link, 2, Cell::Empty),
        ]
    );
    assert_eq!(table.records[1].row, 3);
    assert_eq!(table.records[1].get(Field::Title), Some((0, &Cell::Empty)));
}

#[test]
fn unit_merged_down_over_rows_fills_each_record() {
    let s = merged(
        sheet(&[
            &["单位", "标题", "发布日期"],
            &["民政局", "标题一", "2026-11-02"],
            &["", "标题二", "2026-11-03"],
        ]),
        &[(1, 0, 2, 0)],
    );
    let (table, _) = located(&s);
    let units: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units, ["民政局", "民政局"]);
}

#[test]
fn text_outside_the_table_columns_is_a_note() {
    let s = sheet(&[
        &["标题", "发布日期"],
        &["标题一", "2026-11-02"],
        &["", "", "", "已核对"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.notes, [(2, "已核对".to_string())]);
}

#[test]
fn no_header_gives_l001_and_empty_sheet_gives_nothing() {
    let s = sheet(&[
        &["民政局11月信息"],
        &["关于做好冬季救助工作的通知", "2026-11-05"],
    ]);
    let (table, problems) = locate(&s, FILE);
    assert!(table.is_none());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, Code::NoHeader);
    assert_eq!(problems[0].file, FILE);
    assert_eq!(problems[0].sheet.as_deref(), Some("Sheet1"));

    let (table, problems) = locate(&sheet(&[&[], &["", "  "]]), FILE);
    assert!(table.is_none());
    assert!(problems.is_empty());
    // A signature block alone (an HTML export's table of its own) is no missing header.
    let s = sheet(&[&["填表人：王五", "审核人：赵六"], &["大英县教育局（盖章）"]]);
    let (table, problems) = locate(&s, FILE);
    assert!(table.is_none());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn an_instructions_sheet_without_a_table_is_no_problem() {
    let mut s = sheet(&[
        &["填表说明"],
        &["1. 标题：填写信息的完整标题"],
        &["通知公告"],
    ]);
    s.name = "填表说明".to_string();
    let (table, problems) = locate(&s, FILE);
    assert!(table.is_none());
    assert!(problems.is_empty(), "{problems:?}");
    // Any other sheet with the same text is still reported.
    s.name = "Sheet2".to_string();
    assert_eq!(locate(&s, FILE).1[0].code, Code::NoHeader);
}

#[test]
fn header_below_row_30_is_not_found() {
    let mut rows: Vec<&[&str]> = vec![&["说明文字"]; 30];
    rows.push(&["标题", "发布日期"]);
    let (table, problems) = locate(&sheet(&rows), FILE);
    assert!(table.is_none());
    assert_eq!(problems[0].code, Code::NoHeader);
}

#[test]
fn unknown_column_gives_l004_at_its_cell() {
    let s = sheet(&[
        &["附件1"],
        &["标题", "发布日期", "阅读量"],
        &["标题一", "2026-11-02", "补报"],
    ]);
    let (table, problems) = located(&s);
    assert_eq!(
        fields(&table),
        [Some(Field::Title), Some(Field::Date), None]
    );
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    assert_eq!(p.code, Code::UnknownColumn);
    assert_eq!(p.severity, crate::problems::Severity::Info);
    assert_eq!(p.cell().as_deref(), Some("C2"));
    assert_eq!(p.value.as_deref(), Some("阅读量"));
    assert_eq!(p.message, "列「阅读量」无法识别，已忽略");
}

#[test]
fn duplicate_column_gives_l005_and_the_first_is_read() {
    let s = sheet(&[
        &["标题", "发布日期", "信息标题"],
        &["标题一", "2026-11-02", "另一个标题"],
    ]);
    let (table, problems) = located(&s);
    assert_eq!(table.groups, 1);
    assert_eq!(problems.len(), 1);
    let p = &problems[0];
    assert_eq!(p.code, Code::DuplicateColumn);
    assert_eq!(p.cell().as_deref(), Some("C1"));
    assert_eq!(p.message, "「标题」有多列（A1、C1），只读取「标题」一列");
    assert_eq!(
        table.records[0].get(Field::Title),
        Some((0, &cell("标题一")))
    );
    assert_eq!(table.records[0].cells.len(), 2);
}

/// A bare 日期 (the date a row was sent, say) yields to 发布日期 wherever it stands: the
/// items were counted in the month they were sent.
#[test]
fn a_bare_date_column_yields_to_the_publication_date() {
    for header in [
        ["序号", "标题", "日期", "发布日期"],
        ["序号", "标题", "发布时间", "时间"],
    ] {
        let s = sheet(&[&header, &["1", "信息一", "2018-03-29", "2018-04-06"]]);
        let (table, problems) = located(&s);
        let date = table.records[0].get(Field::Date).map(|(_, c)| c.text());
        let want = if header[2] == "日期" {
            "2018-04-06"
        } else {
            "2018-03-29"
        };
        assert_eq!(date.as_deref(), Some(want), "{header:?}");
        let p = &problems[0];
        assert_eq!(p.code, Code::DuplicateColumn);
        let (read, unread) = if header[2] == "日期" {
            ("发布日期", "日期")
        } else {
            ("发布时间", "时间")
        };
        assert!(
            p.message.ends_with(&format!("只读取「{read}」一列")),
            "{}",
            p.message
        );
        assert_eq!(
            p.suggestion.as_deref(),
            Some(format!("删除多余的「{unread}」列，或改用其他列名").as_str())
        );
    }
    // A template's 发布日期 the unit left empty: its dates are in 日期.
    let s = sheet(&[
        &["序号", "标题", "日期", "发布日期"],
        &["1", "信息一", "2018-04-06", ""],
    ]);
    let (table, problems) = located(&s);
    let date = table.records[0].get(Field::Date).map(|(_, c)| c.text());
    assert_eq!(date.as_deref(), Some("2018-04-06"));
    assert!(
        problems[0].message.ends_with("只读取「日期」一列"),
        "{problems:?}"
    );
}

#[test]
fn total_label_under_the_unit_column_is_not_a_cell_of_the_total() {
    let s = sheet(&[
        &["序号", "单位", "数量"],
        &["1", "民政局", "240"],
        &["", "合  计", "240条"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.totals[0].cells, [(Field::Count, 2, cell("240条"))]);
    assert_eq!(table.totals[0].closes, 0..1);
}

#[test]
fn item_title_mentioning_a_total_is_a_record() {
    let s = sheet(&[
        &["标题", "发布日期"],
        &["2026年全县财政收支合计情况公告", "2026-11-02"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert!(table.totals.is_empty());
}

/// A random cell drawn from what sheets hold: labels, values, totals, notes, blanks.
fn any_cell() -> impl Strategy<Value = Cell> {
    let words = prop::sample::select(vec![
        "",
        "",
        "",
        "标题",
        "发布日期",
        "单位",
        "数量",
        "序号",
        "栏目",
        "合计",
        "小 计",
        "注：说明",
        "填表人：张三",
        "民政局",
        "240",
        "填报单位：民政局",
        "附件1",
        "备注",
        "\u{3000}",
        "关于做好工作的通知",
    ]);
    prop_oneof![
        6 => words.prop_map(cell),
        1 => any::<f64>().prop_map(Cell::Number),
        1 => "\\PC{0,6}".prop_map(|s: String| Cell::Text(s.into())),
    ]
}

fn any_sheet() -> impl Strategy<Value = Sheet> {
    let rows = prop::collection::vec(prop::collection::vec(any_cell(), 0..7), 0..40);
    let header = prop::sample::select(vec![
        vec!["标题", "发布日期", "栏目"],
        vec!["单位", "数量", "单位", "数量"],
        vec!["序号", "单位", "数量", "序号", "单位", "数量"],
        vec![],
    ]);
    let merges = prop::collection::vec((0u32..40, 0u32..7, 0u32..3, 0u32..3), 0..4);
    (rows, header, 0usize..10, merges).prop_map(|(mut rows, header, at, merges)| {
        if !header.is_empty() {
            let at = at.min(rows.len());
            rows.insert(at, header.iter().map(|s| cell(s)).collect());
        }
        let height = rows.len() as u32;
        let s = Sheet {
            name: "随机".to_string(),
            visibility: Visibility::Visible,
            rows,
            merges: Vec::new(),
            date1904: false,
            hidden_rows: Vec::new(),
            links: Vec::new(),
        };
        let ranges: Vec<_> = merges
            .into_iter()
            .filter(|(r, _, _, _)| *r + 2 < height)
            .map(|(r, c, h, w)| (r, c, r + h, c + w))
            .collect();
        // Overlapping merges are not valid in a workbook; keep the first of any overlap.
        let mut kept: Vec<(u32, u32, u32, u32)> = Vec::new();
        for m in ranges {
            let overlaps = kept
                .iter()
                .any(|k| m.0 <= k.2 && k.0 <= m.2 && m.1 <= k.3 && k.1 <= m.3);
            if !overlaps {
                kept.push(m);
            }
        }
        merged(s, &kept)
    })
}

proptest! {
    #[test]
    fn every_non_blank_row_below_the_header_is_accounted_for_once(s in any_sheet()) {
        let (table, problems) = locate(&s, FILE);
        let Some(table) = table else { return Ok(()) };
        let k = table.groups;
        // Rows from the header of another table below on are not read, and said to be
        // (L009 at that header).
        let other = (problems.iter())
            .filter(|p| p.code == Code::OtherTable)
            .filter_map(|p| p.place.map(|at| at.row - 1))
            .find(|&row| row > *table.header_rows.end());
        let end = other.unwrap_or(s.rows.len() as u32);
        for row in end..s.rows.len() as u32 {
            prop_assert!(table.records.iter().all(|r| r.row != row), "row {}", row);
            prop_assert!(table.notes.iter().all(|(r, _)| *r != row), "row {}", row);
        }
        for row in table.header_rows.end() + 1..end {
            let blank = s.rows[row as usize].iter().all(|c| c.text().trim().is_empty()
                || c.text().chars().all(labels::is_space));
            let records = table.records.iter().filter(|r| r.row == row).count();
            let totals = table.totals.iter().filter(|t| t.row == row).count();
            let notes = table.notes.iter().filter(|(r, _)| *r == row).count();
            if blank {
                prop_assert_eq!(records + totals + notes, 0, "blank row {}", row);
            } else if notes > 0 {
                prop_assert_eq!((notes, records, totals), (1, 0, 0), "row {}", row);
            } else {
                prop_assert!((1..=k).contains(&(records + totals)), "row {} k {}", row, k);
            }
        }
        for row in 0..=*table.header_rows.end() {
            prop_assert!(table.records.iter().all(|r| r.row != row));
        }
        for t in &table.totals {
            prop_assert!(t.closes.end <= table.records.len());
        }
    }
}

// ---- Catalogues and contact forms (seeds 001 and 002) ----

/// The State Council's catalogue layout: 公开事项 over 一级 | 二级事项, 公开对象 and 公开方式
/// over a column of ticks per choice, the 一级事项 merged down over its 二级事项.
#[test]
fn a_catalogue_with_a_two_row_header_and_choice_columns_is_read_whole() {
    let s = merged(
        sheet(&[
            &["义务教育领域基层政务公开标准目录"],
            &[
                "序号",
                "公开事项",
                "",
                "公开内容（要素）",
                "公开依据",
                "公开时限",
                "公开主体",
                "公开渠道和载体",
                "公开对象",
                "",
                "公开方式",
                "",
            ],
            &[
                "",
                "一级事项",
                "二级事项",
                "",
                "",
                "",
                "",
                "",
                "全社会",
                "特定群体",
                "主动",
                "依申请",
            ],
            &[
                "1",
                "义务教育招生",
                "招生政策",
                "招生范围",
                "《义务教育法》",
                "信息形成之日起20个工作日内",
                "市教育局",
                "政府网站",
                "√",
                "",
                "√",
                "",
            ],
            &[
                "2",
                "",
                "招生结果",
                "录取名单",
                "《义务教育法》",
                "实时",
                "市教育局",
                "政府网站",
                "",
                "√",
                "",
                "√",
            ],
        ]),
        &[
            (1, 1, 1, 2),
            (1, 8, 1, 9),
            (1, 10, 1, 11),
            (3, 1, 4, 1),
            (1, 0, 2, 0),
        ],
    );
    let (table, problems) = located(&s);
    assert_eq!(table.header_rows, 1..=2);
    assert!(
        problems.iter().all(|p| p.code != Code::DuplicateColumn),
        "{problems:?}"
    );
    let choices: Vec<(Option<Field>, Option<&str>)> = table
        .columns
        .iter()
        .skip(8)
        .map(|c| (c.field, c.choice.as_deref()))
        .collect();
    assert_eq!(
        choices,
        [
            (Some(Field::Audience), Some("全社会")),
            (Some(Field::Audience), Some("特定群体")),
            (Some(Field::Manner), Some("主动")),
            (Some(Field::Manner), Some("依申请")),
        ]
    );
    let second = &table.records[1];
    assert_eq!(text_of(second, Field::MatterLevel1), "义务教育招生");
    assert_eq!(text_of(second, Field::MatterLevel2), "招生结果");
    let ticks: Vec<(u32, String)> = second
        .cells
        .iter()
        .filter(|(f, _, _)| *f == Field::Manner)
        .map(|(_, c, v)| (*c, v.text()))
        .collect();
    // The ticked choices, read as one cell at the first choice column.
    assert_eq!(ticks, [(10, "依申请".to_string())]);
    assert!(crate::catalogue::is_catalogue(&table));
}

/// Seed 001 Annex 3 as printed: the unit, its phone and office above, a row per person
/// under 联系人 | 姓名 | 职务 | 办公电话 | 手机 | QQ, 信息工作人员 merged down its rows.
#[test]
fn seed_001_contact_form_reads_its_lines_and_people() {
    let s = merged(
        sheet(&[
            &["大英县政务公开工作联系人员登记表"],
            &["单位（签章）", "民政局"],
            &["单位电话", "0825-7812306", "承办科室", "办公室"],
            &["联系人", "姓名", "职务", "办公电话", "手机", "QQ"],
            &[
                "分管领导",
                "张明",
                "副局长",
                "0825-7812301",
                "13908251234",
                "",
            ],
            &[
                "信息工作人员",
                "李华",
                "科员",
                "0825-7812306",
                "13808255678",
                "123456",
            ],
            &["", "", "", "", "", ""],
            &["注：请各责任单位于2018年4月20日前将本表完善并加盖单位公章后，交县政府办信息科。"],
        ]),
        &[(5, 0, 6, 0)],
    );
    let (table, _) = located(&s);
    assert_eq!(table.meta(MetaKey::Unit), Some("民政局"));
    assert_eq!(table.meta(MetaKey::UnitPhone), Some("0825-7812306"));
    assert_eq!(table.meta(MetaKey::Office), Some("办公室"));
    let rows: Vec<u32> = table.records.iter().map(|r| r.row).collect();
    assert_eq!(
        rows,
        [4, 5, 6],
        "the blank slot keeps its merged role: {:?}",
        table.records
    );
    assert_eq!(text_of(&table.records[0], Field::Role), "分管领导");
    assert_eq!(
        text_of(&table.records[1], Field::Person(Attr::Qq)),
        "123456"
    );
    assert_eq!(table.notes.len(), 1);
    assert!(crate::contacts::is_contact_form(&table));
}

/// Seed 002 Annex 2: a blank corner over the roles, and a role word that opens notes.
#[test]
fn seed_002_contact_form_reads_the_roles_under_its_blank_corner() {
    let s = sheet(&[
        &["分管负责人及联络人名单"],
        &["填报单位：赤壁市民政局      填报时间：2020年9月23日"],
        &["", "姓  名", "职  务", "联系方式"],
        &["分管领导", "陈刚", "副局长", "13971551234"],
        &["联系人", "周敏", "办公室主任", "0715-5330205"],
    ]);
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(table.meta(MetaKey::FilledOn), Some("2020年9月23日"));
    assert_eq!(table.columns[0].field, Some(Field::Role));
    assert_eq!(
        table.records.len(),
        2,
        "联系人 opens a person's row, not a note"
    );
    assert_eq!(text_of(&table.records[1], Field::Role), "联系人");
    assert_eq!(
        text_of(&table.records[1], Field::Person(Attr::Contact)),
        "0715-5330205"
    );
}

/// A register with a row per unit: 单位 merged down both header rows, a block of columns
/// per role under its merged label.
#[test]
fn a_register_with_role_blocks_keeps_each_role_apart() {
    let s = merged(
        sheet(&[
            &[
                "单位",
                "单位电话",
                "分管领导",
                "",
                "",
                "信息工作人员",
                "",
                "",
            ],
            &["", "", "姓名", "职务", "手机", "姓名", "职务", "手机"],
            &[
                "民政局",
                "7812306",
                "张明",
                "副局长",
                "13908251234",
                "李华",
                "科员",
                "13808255678",
            ],
        ]),
        &[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 0, 7)],
    );
    let (table, problems) = located(&s);
    assert!(problems.is_empty(), "{problems:?}");
    let record = &table.records[0];
    assert_eq!(
        text_of(record, Field::RolePerson(Role::Leader, Attr::Name)),
        "张明"
    );
    assert_eq!(
        text_of(record, Field::RolePerson(Role::Liaison, Attr::Mobile)),
        "13808255678"
    );
    assert!(crate::contacts::is_contact_form(&table));
}

/// A wide score sheet (单位 × 指标): every column but the row's labels is the 得分 of the
/// indicator its label names — even one named like a field (数量) — and each is read.
#[test]
fn a_wide_score_sheet_spreads_its_scores_across_one_column_per_indicator() {
    let s = sheet(&[
        &["序号", "单位", "信息公开", "数量", "备注", "总分"],
        &["1", "民政局", "20", "5", "", "25"],
    ]);
    let (table, problems) = located(&s);
    let across: Vec<(&str, bool)> = table
        .columns
        .iter()
        .map(|c| (c.label.as_str(), c.across))
        .collect();
    assert_eq!(
        across,
        [
            ("序号", false),
            ("单位", false),
            ("信息公开", true),
            ("数量", true),
            ("备注", false),
            ("总分", false)
        ]
    );
    let scores: Vec<(u32, String)> = table.records[0]
        .all(Field::Score)
        .map(|(c, v)| (c, v.text()))
        .collect();
    assert_eq!(scores, [(2, "20".to_string()), (3, "5".to_string())]);
    // The indicators are not unknown columns, nor one column read twice.
    assert!(
        problems.iter().all(|p| p.code != Code::DuplicateColumn),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .all(|p| p.value.as_deref() != Some("信息公开")),
        "{problems:?}"
    );
}

/// Lines that are no items: a part's heading alone in the 序号 column (merged across the
/// row or not), the template's instructions and its example row, and the header
/// restated in other words right under the data. They used to be items without a title
/// or a date (V005, V006), or the example an item counted.
#[test]
fn headings_instructions_and_examples_are_notes_not_items() {
    let s = merged(
        sheet(&[
            &["序号", "信息标题", "发布日期", "所属栏目"],
            &["（填写说明：日期请按2018-04-01格式填写）"],
            &["例", "县XX局召开XX会议", "2018-04-01", "部门动态"],
            &["一、部门动态"],
            &["1", "信息一", "2018-04-02", "部门动态"],
            &["二、通知公告", "", "", ""],
            &["2", "信息二", "2018-04-03", "通知公告"],
            &["序号", "标题", "发布时间", "栏目"],
            &["3", "信息三", "2018-04-23", "部门动态"],
            &["4月下旬"],
            &["4", "信息四", "2018-04-24", "部门动态"],
        ]),
        &[(5, 0, 5, 3)],
    );
    let (table, problems) = located(&s);
    let titles: Vec<String> = table
        .records
        .iter()
        .map(|r| text_of(r, Field::Title))
        .collect();
    assert_eq!(
        titles,
        ["信息一", "信息二", "信息三", "信息四"],
        "{problems:?}"
    );
    let notes: Vec<&str> = table.notes.iter().map(|(_, n)| n.as_str()).collect();
    for said in [
        "县XX局召开XX会议",
        "填写说明",
        "一、部门动态",
        "二、通知公告",
        "4月下旬",
    ] {
        assert!(notes.iter().any(|n| n.contains(said)), "{said}: {notes:?}");
    }
    // Headings that say how many items their part holds.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["部门动态（共2条）"],
        &["1", "信息一", "2018-04-02"],
        &["2", "信息二", "2018-04-03"],
        &["一、通知公告 共1条"],
        &["3", "信息三", "2018-04-04"],
        &["政务公开：1条"],
        &["4", "信息四", "2018-04-05"],
    ]);
    let (table, problems) = located(&s);
    assert_eq!(
        (table.records.len(), table.notes.len()),
        (4, 3),
        "{problems:?}"
    );
    // A number alone in the 序号 column, with items after it, is still a row of the table.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["2"],
        &["3", "信息三", "2018-04-03"],
    ]);
    assert_eq!(located(&s).0.records.len(), 3);
    // Headings in the 标题 column, of a list with or without 序号, are notes too; a longer
    // text there alone is an item whose date is missing.
    for header in [
        &["序号", "信息标题", "发布日期"][..],
        &["信息标题", "发布日期"],
    ] {
        let blank = header.len() - 2;
        let row = |title: &'static str, date: &'static str| -> Vec<&'static str> {
            let mut r = vec![""; blank];
            r.extend([title, date]);
            r
        };
        let rows = [
            header.to_vec(),
            row("一、部门动态", ""),
            row("信息一", "2018-04-02"),
            row("（二）通知公告", ""),
            row("信息二", "2018-04-03"),
            row("县政府召开第十二次常务会议", ""),
        ];
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let (table, _) = located(&sheet(&rows));
        let titles: Vec<String> = (table.records.iter())
            .map(|r| text_of(r, Field::Title))
            .collect();
        assert_eq!(titles, ["信息一", "信息二", "县政府召开第十二次常务会议"]);
        assert_eq!(table.notes.len(), 2, "{:?}", table.notes);
    }
}

/// A count sentence or a total's words beside a title and its date, or in a remark, are
/// part of an item, not a total (items were lost); alone on its line, numbered or not,
/// such a line is a total. An item typed into one cell is no heading: it stays a row,
/// to be said to have no date.
#[test]
fn only_a_line_of_its_own_is_a_total_in_words_and_a_typed_row_is_no_heading() {
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目", "备注"],
        &["1", "本月共报送信息5条", "2018-04-02", "部门动态", ""],
        &["2", "信息二", "2018-04-03", "部门动态", "共3条"],
        &["3", "6月合计：3条", "2018-04-04", "部门动态", ""],
        &["4，台办开展走访慰问活动，2018-04-10，部门动态"],
        &["5", "信息五", "2018-04-05", "部门动态", "合计"],
        &["6", "合计3条", "2018-04-06", "部门动态", ""],
        &["一、档案局开展档案执法检查"],
        &["（2）"],
        &["7", "信息七", "2018-04-07", "部门动态", ""],
        &["8", "合计：共9条信息"],
    ]);
    let (table, problems) = located(&s);
    let titles: Vec<String> = (table.records.iter())
        .map(|r| text_of(r, Field::Title))
        .collect();
    let want = [
        "本月共报送信息5条",
        "信息二",
        "6月合计：3条",
        "",
        "信息五",
        "合计3条",
        "",
        "",
        "信息七",
    ];
    assert_eq!(titles, want, "{problems:?}");
    let totals: Vec<(&str, _)> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    assert_eq!(totals, [("合计：共9条信息", 0..9)]);
    // A total in words with its count in a cell of its own.
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["审计局", "2018年4月", "3"],
        &["合计：共8条", "", "3"],
    ]);
    let (table, _) = located(&s);
    assert_eq!((table.records.len(), table.totals.len()), (1, 1));
}

/// A sheet in parts, each closed by its own 合计: the second closes its own part, not the
/// sheet (5月合计 was checked against all rows); a 总计 right after them closes all.
#[test]
fn a_total_after_the_header_repeated_closes_its_own_part() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["2", "信息二", "2018-04-03"],
        &["4月合计：共2条"],
        &["序号", "信息标题", "发布时间"],
        &["1", "信息三", "2018-05-02"],
        &["2", "信息四", "2018-05-03"],
        &["3", "信息五", "2018-05-04"],
        &["5月合计：三条"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<(&str, _)> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    assert_eq!(totals, [("4月合计：共2条", 0..2), ("5月合计：三条", 2..5)]);
    // Without the header between, and with the parts' 总计 right after the last part's.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["4月合计：1条"],
        &["2", "信息二", "2018-05-02"],
        &["3", "信息三", "2018-05-03"],
        &["5月合计：2条"],
        &["总计：3条"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<(&str, _)> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    let want = [
        ("4月合计：1条", 0..1),
        ("5月合计：2条", 1..3),
        ("总计：3条", 0..3),
    ];
    assert_eq!(totals, want);
    // A plain 合计 after another with rows between closes all of them, or else its part.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["部门合计", "1"],
        &["2", "信息二", "2018-05-02"],
        &["合计", "2"],
    ]);
    let (table, _) = located(&s);
    let closes: Vec<_> = (table.totals.iter())
        .map(|t| (t.closes.clone(), t.or_closes.clone()))
        .collect();
    assert_eq!(closes, [(0..1, None), (0..2, Some(1..2))]);
    // Repeated page headers with one 合计 at the end close every row.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["序号", "标题", "发布日期"],
        &["2", "信息二", "2018-04-03"],
        &["合计", "2"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.totals[0].closes, 0..2);
}

/// A 合计 right under the header closes every row below it, and stands last among the
/// table's totals as its grand total (the targets summary takes the last); rows below a
/// heading of subtotals are closed by those.
#[test]
fn a_total_above_the_rows_closes_them_all() {
    let s = sheet(&[
        &["单位", "目标任务数量(条)"],
        &["合计", "360"],
        &["民政局", "120"],
        &["财政局", "120"],
        &["部门小计", "240"],
        &["蓬莱镇", "120"],
        &["乡镇小计", "120"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<(&str, _)> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    assert_eq!(
        totals,
        [("部门小计", 0..2), ("乡镇小计", 2..3), ("合计", 0..3)]
    );
}

/// The year's running total is a note, alone on its line or in place of a count's month;
/// a section's total names it, beside a count, and an item's title ending in 合计 is an item.
#[test]
fn running_totals_are_notes_and_sections_may_name_their_totals() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["政策文件解读小计", "1条"],
        &["2", "老年人补贴合计", ""],
        &["本年累计", "25"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 2);
    let totals: Vec<(&str, _)> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    assert_eq!(totals, [("政策文件解读小计", 0..1)]);
    assert_eq!(table.notes, [(4, "本年累计 25".to_string())]);
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["蓬莱镇", "2018年4月", "3"],
        &["蓬莱镇", "截至4月底累计", "12"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.notes.len(), 1);
}

/// In a counts table of several units, a unit's 合计 (交运局 | 合计 | 3) closes its own
/// rows first, whether or not the units above have totals of their own.
#[test]
fn a_units_total_closes_its_own_rows() {
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["民政局", "2018年4月", "3"],
        &["交运局", "2018年4月", "2"],
        &["交运局", "2018年5月", "1"],
        &["交运局", "合计", "3"],
        &["合计", "", "6"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<_> = (table.totals.iter())
        .map(|t| (t.closes.clone(), t.or_closes.clone()))
        .collect();
    assert_eq!(totals, [(1..3, Some(0..3)), (0..3, None)]);
}

/// A unit's total with no rows of its own right after another's (发改局 | 合计 | 0) closes
/// none, or all; one named in its label (财政局合计 | | 9) closes that unit's rows.
#[test]
fn a_units_total_without_rows_closes_none_and_one_in_its_label_its_own() {
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["民政局", "2018年4月", "3"],
        &["民政局", "合计", "3"],
        &["发改局", "合计", "0"],
        &["财政局", "2018年4月", "4"],
        &["财政局", "2018年5月", "5"],
        &["财政局合计", "", "9"],
        &["合计", "", "12"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<_> = (table.totals.iter())
        .map(|t| (t.closes.clone(), t.or_closes.clone()))
        .collect();
    let want = [
        (0..1, None),
        (1..1, Some(0..1)),
        (1..3, Some(0..3)),
        (0..3, None),
    ];
    assert_eq!(totals, want);
}

/// A group's total after its units' totals (民政局 | 合计, then 部门小计 or 部门合计) closes
/// the rows since the last group's: every total of a consolidated table adds up.
#[test]
fn a_groups_total_after_its_units_totals_closes_their_rows() {
    for (dept, town) in [("部门小计", "乡镇小计"), ("部门合计", "乡镇合计")] {
        let s = sheet(&[
            &["单位", "月份", "栏目", "数量"],
            &["民政局", "2018-04", "部门动态", "2"],
            &["民政局", "2018-04", "政策文件", "1"],
            &["民政局", "合计", "", "3"],
            &[dept, "", "", "3"],
            &["蓬莱镇", "2018-04", "部门动态", "6"],
            &["蓬莱镇", "合计", "", "6"],
            &[town, "", "", "6"],
            &["全县合计", "", "", "9"],
        ]);
        let (table, _) = located(&s);
        // Each total with what it may close: its rows, or its other reading.
        let closes: Vec<(String, Vec<std::ops::Range<usize>>)> = (table.totals.iter())
            .map(|t| {
                let readings = std::iter::once(t.closes.clone()).chain(t.or_closes.clone());
                (t.label.clone(), readings.collect())
            })
            .collect();
        let fits = |label: &str, rows: std::ops::Range<usize>| {
            closes.iter().any(|(l, r)| l == label && r.contains(&rows))
        };
        assert!(fits(dept, 0..2), "{closes:?}");
        assert!(fits(town, 2..3), "{closes:?}");
        assert!(fits("全县合计", 0..3), "{closes:?}");
    }
    // With a unit of no rows among them, the group's total may close all rows too.
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["民政局", "2018-04", "3"],
        &["民政局", "合计", "3"],
        &["发改局", "合计", "0"],
        &["财政局", "2018-04", "5"],
        &["财政局合计", "", "5"],
        &["部门合计", "", "8"],
    ]);
    let (table, _) = located(&s);
    let last = table.totals.last().unwrap();
    assert_eq!(
        (&last.label[..], last.or_all.clone()),
        ("部门合计", Some(0..2))
    );
}

/// In a list of one month's items with a total of its own, a total of the year or of
/// another period is a running figure (本月合计 3, 全年合计 25; 一季度合计 20): a note,
/// unchecked, before or after the month's. The month's own (4月合计) is checked, and so
/// is a year's total of a list of several months (4月 … 4月合计, 5月 … 合计, 全年合计;
/// 2018年合计).
#[test]
fn a_years_total_in_a_months_list_is_a_note() {
    let labels = |rows: &[&[&str]]| {
        let (table, _) = located(&sheet(rows));
        let totals: Vec<(String, std::ops::Range<usize>)> = (table.totals.iter())
            .map(|t| (t.label.clone(), t.closes.clone()))
            .collect();
        let notes: Vec<String> = table.notes.iter().map(|(_, t)| t.clone()).collect();
        (totals, notes)
    };
    let april: [&[&str]; 3] = [
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["2", "信息二", "2018-04-03"],
    ];
    let with = |lines: &[&'static str]| {
        let mut rows = april.to_vec();
        rows.extend(lines.iter().map(std::slice::from_ref));
        labels(&rows)
    };
    let (totals, notes) = with(&["合计：2条", "全年合计：25条", "一季度合计：20条"]);
    assert_eq!(totals, [("合计：2条".to_string(), 0..2)]);
    assert_eq!(notes, ["全年合计：25条", "一季度合计：20条"]);
    let (totals, notes) = with(&["全年合计：25条", "本月合计：2条"]);
    assert_eq!(totals.len(), 1);
    assert_eq!(notes, ["全年合计：25条"]);
    // Said in a sentence, as the month's total may be too.
    let (totals, notes) = with(&["本月共发布信息2条", "全年共25条"]);
    assert_eq!(totals, [("本月共发布信息2条".to_string(), 0..2)]);
    assert_eq!(notes, ["全年共25条"]);
    let (totals, notes) = with(&[
        "4月份共发布信息2条",
        "1-4月共发布信息25条",
        "截至4月底共发布信息25条",
        "1月份共发布信息5条",
    ]);
    assert_eq!(totals, [("4月份共发布信息2条".to_string(), 0..2)]);
    assert_eq!(
        notes,
        [
            "1-4月共发布信息25条",
            "截至4月底共发布信息25条",
            "1月份共发布信息5条"
        ]
    );
    let (totals, _) = with(&["合计：2条", "4月合计：3条"]);
    assert_eq!(totals.len(), 2);
    // Above the month's own, it does not cut the list: 4月合计 closes every row.
    let (totals, _) = with(&["5月合计：0条", "4月合计：0条"]);
    assert_eq!(totals, [("4月合计：0条".to_string(), 0..2)]);
    let (totals, notes) = labels(&[
        &["序号", "标题", "发布日期"],
        &["全年合计：25条"],
        &["4月合计：2条"],
        april[1],
        april[2],
    ]);
    assert_eq!(totals, [("4月合计：2条".to_string(), 0..2)]);
    assert_eq!(notes, ["全年合计：25条"]);
    // Alone, it is the list's total.
    let (totals, _) = with(&["全年合计：2条"]);
    assert_eq!(totals.len(), 1);
    let (totals, notes) = labels(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["4月合计：1条"],
        &["2", "信息二", "2018-05-03"],
        &["合计：1条"],
        &["全年合计：2条"],
        &["2018年合计：2条"],
    ]);
    assert_eq!(totals[2], ("全年合计：2条".to_string(), 0..2));
    assert_eq!(totals[3], ("2018年合计：2条".to_string(), 0..2));
    assert!(notes.is_empty(), "{notes:?}");
}

/// 小计 above their rows close the rows below them, up to the next (or else those above:
/// the first of a list whose first part is empty).
#[test]
fn subtotals_above_their_rows_close_the_rows_below() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["合计", "3条"],
        &["政策文件小计", "2条"],
        &["1", "信息一", "2018-04-02"],
        &["2", "信息二", "2018-04-03"],
        &["工作动态小计", "1条"],
        &["3", "信息三", "2018-04-04"],
    ]);
    let (table, _) = located(&s);
    let totals: Vec<_> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone(), t.or_closes.clone()))
        .collect();
    let want = [
        ("政策文件小计", 0..2, Some(0..0)),
        ("工作动态小计", 2..3, Some(0..2)),
        ("合计", 0..3, None),
    ];
    assert_eq!(totals, want);
}

/// Totals of months are notes too (一至四月合计, 截至目前合计; 4月合计 is April's), and so is
/// 全年合计 right after 4月合计 of the same rows (a year's list's own is its total), as is
/// a running total in a count's unit or month column; a number in an item's date
/// column (a serial) is no count beside a title ending in 合计.
#[test]
fn totals_since_the_year_began_are_notes() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["2", "老年人补贴合计", "43200"],
        &["4月合计", "2条"],
        &["截至目前合计：25条"],
        &["一至四月合计", "9"],
        &["全年合计", "2条"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 2);
    let totals: Vec<&str> = table.totals.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(totals, ["4月合计"]);
    assert_eq!(table.notes.len(), 3);
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["蓬莱镇", "2018年4月", "3"],
        &["蓬莱镇", "4月累计", "12"],
        &["全年累计", "4月", "60"],
        // With the unit before it, in the 单位 column.
        &["财政局全年累计", "", "25"],
        &["财政局1-4月累计", "", "9"],
        &["财政局一至四月合计", "", "9"],
    ]);
    let (table, _) = located(&s);
    assert_eq!((table.records.len(), table.notes.len()), (1, 5));
    // A unit's own total is no running figure.
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["财政局", "2018年4月", "3"],
        &["财政局合计", "", "3"],
    ]);
    let (table, _) = located(&s);
    assert_eq!((table.records.len(), table.totals.len()), (1, 1));
}

/// A sheet in parts whose only total is the last part's (5月合计 under April's rows and
/// May's) checks the rows dated in May, or else all.
#[test]
fn the_only_total_of_the_last_part_closes_its_months_rows() {
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-02"],
        &["2", "信息二", "2018年5月3日"],
        &["3", "信息三", "2018-05-04"],
        &["5月合计：2条"],
    ]);
    let (table, _) = located(&s);
    let t = &table.totals[0];
    assert_eq!((t.closes.clone(), t.or_closes.clone()), (1..3, Some(0..3)));
}

/// On a row with a full date, only a bare 合计 or 小计 labels a total: an item titled
/// 一至四月合计 or 4月合计 with its date and section is an item (it was a total of nothing).
/// A 小计 with no row above it since the previous closes the rows below it.
#[test]
fn dated_titles_that_name_totals_are_items_and_a_subtotal_with_nothing_above_closes_below() {
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目"],
        &["1", "一至四月合计", "2018-04-04", "工作动态"],
        &["2", "4月合计", "2018-04-05", "工作动态"],
        &["政策文件小计", "2条"],
        &["工作动态小计", "1条"],
        &["3", "信息三", "2018-04-06", "工作动态"],
        &["合计", "", "2018-04-30"],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 3);
    let totals: Vec<_> = (table.totals.iter())
        .map(|t| (t.label.as_str(), t.closes.clone()))
        .collect();
    let want = [
        ("政策文件小计", 0..2),
        ("工作动态小计", 2..3),
        ("合计", 0..3),
    ];
    assert_eq!(totals, want);
    // In the 序号 column, a period's total with its date is a total.
    let s = sheet(&[
        &["序号", "标题", "发布日期"],
        &["1", "信息一", "2018-04-04"],
        &["4月合计", "1条", "2018-04-30"],
    ]);
    let (table, _) = located(&s);
    assert_eq!((table.records.len(), table.totals.len()), (1, 1));
}

/// A form's total line with the date it was filled in: a label with its count in the 序号
/// column (merged A:B), or in an unnumbered row's 标题 column, is a total; a running total
/// there is a note; a 序号 of 合计 beside an item's title is an item.
#[test]
fn a_total_line_with_its_fill_in_date_is_a_total_unless_an_item_stands_beside_it() {
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目"],
        &["1", "信息一", "2018-04-02", "政策文件"],
        &["合计", "2017年度目标任务完成情况", "2018-04-03", ""],
        &["合计：2条", "", "2018-04-30", ""],
        &["", "4月合计", "2018-04-30", "２条"],
        &["全年累计", "25条", "2018-04-30", ""],
        &["合计", "４条", "2018-04-30", ""],
    ]);
    let (table, _) = located(&s);
    let titles: Vec<String> = (table.records.iter())
        .map(|r| text_of(r, Field::Title))
        .collect();
    assert_eq!(titles, ["信息一", "2017年度目标任务完成情况"]);
    let totals: Vec<&str> = table.totals.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(totals, ["合计：2条", "4月合计", "合计"]);
    assert_eq!(table.notes.len(), 1);
}

/// A unit's name with its seal mark on a row with a count or a title is a row of data,
/// not the signature line it would be alone.
#[test]
fn a_sealed_unit_name_on_a_data_row_is_data() {
    let s = sheet(&[
        &["单位", "月份", "数量"],
        &["民政局", "2018年4月", "3"],
        &["教育局（盖章）", "2018年4月", "2"],
        &["合计", "", "5"],
        &["大英县教育局（盖章）", "2018年5月3日"],
    ]);
    let (table, _) = located(&s);
    let units: Vec<String> = (table.records.iter())
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units, ["民政局", "教育局（盖章）"]);
    assert_eq!(table.notes.len(), 1, "{:?}", table.notes);
}

/// Under 数量, a running total's column beside the month's: the month's is read.
#[test]
fn the_months_count_is_read_not_the_running_totals_beside_it() {
    let s = merged(
        sheet(&[
            &["单位", "信息数量（条）", ""],
            &["", "1-4月累计", "4月"],
            &["地税局", "12", "3"],
        ]),
        &[(0, 0, 1, 0), (0, 1, 0, 2)],
    );
    let (table, _) = located(&s);
    assert_eq!(text_of(&table.records[0], Field::Count), "3");
}

/// A form's rows left blank below the last item are no items though the form printed
/// `年  月  日` in their date cell or `http://` in their link cell.
#[test]
fn a_forms_blank_rows_with_placeholders_are_notes() {
    let s = sheet(&[
        &["序号", "标题", "发布日期", "栏目", "链接"],
        &["1", "信息一", "2018-04-02", "部门动态", ""],
        &["2", "", "年  月  日", "", "http://"],
        &["3", "", "____年__月__日", "请选择", ""],
        &["4", "", "", "", "https://"],
        &["5", "", "2018年  月  日", "", "http://www.daying.gov.cn/"],
        &["6", "", "2018-  -  ", "", ""],
    ]);
    let (table, _) = located(&s);
    assert_eq!(table.records.len(), 1);
    assert_eq!(table.notes.len(), 5, "{:?}", table.notes);
}

/// So is one on a row of a 扣分 list, its 序号 left blank.
#[test]
fn a_sealed_unit_name_on_a_deduction_row_is_data() {
    let s = sheet(&[
        &["序号", "单位", "指标", "扣分"],
        &["1", "民政局", "机关内部事务公开", "2"],
        &["", "大英县财政局（盖章）", "机关内部事务公开", "1"],
        &["", "大英县政府办（盖章）", "", ""],
    ]);
    let (table, _) = located(&s);
    let units: Vec<String> = (table.records.iter())
        .map(|r| text_of(r, Field::Unit))
        .collect();
    assert_eq!(units, ["民政局", "大英县财政局（盖章）"]);
    assert_eq!(table.notes.len(), 1, "{:?}", table.notes);
}

/// A total's count is the first number after its keyword, not a running total's after it.
#[test]
fn a_totals_count_is_the_one_after_its_keyword() {
    for (label, count) in [
        ("4月合计：3条（1-4月累计12条）", "3"),
        ("合计：3条（本年累计：25条）", "3"),
        ("合计：4条（其中部门动态2条）", "4"),
        ("2022年6月合计", ""),
        ("合 计：5条", "5"),
        // A sentence's after its 共, not the month before it.
        ("4月份共发布信息5条", "5"),
        ("2018年12月份共发布信息3条", "3"),
        ("本月共报送信息9条，其中部门动态3条", "9"),
    ] {
        let stated = stated_count(label).map(|c| c.text()).unwrap_or_default();
        assert_eq!(stated, count, "{label}");
    }
}
