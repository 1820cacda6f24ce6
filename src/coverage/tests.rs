//! Coverage end to end on tables built in code after seeds 000 (汤阴县 sections table)
//! and 002 (赤壁市 domain table), with items and figures worked out by hand.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use polars::prelude::*;

use super::*;
use crate::calendar::calendar;
use crate::coverage::check::Summary;
use crate::coverage::judge::Status;
use crate::layout::locate;
use crate::model::{Frequency, Interval, Lag, Period, Section, Unit, Window};
use crate::normalise::{Resolver, SourceTable};
use crate::problems::{Code, Problem, Severity, cell_address};
use crate::read::{Cell, Merge, Sheet, Visibility};
use crate::schema::{Counts, Items};

fn sheet(rows: &[&[&str]]) -> Sheet {
    let cell = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.into())
        }
    };
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

/// Merges (0-based, inclusive) filled the way the read stage fills them.
fn merged(mut sheet: Sheet, ranges: &[(u32, u32, u32, u32)]) -> Sheet {
    for &(first_row, first_col, last_row, last_col) in ranges {
        let value = sheet.cell(first_row, first_col).clone();
        for r in first_row..=last_row {
            for c in first_col..=last_col {
                sheet.rows[r as usize][c as usize] = value.clone();
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

fn unit(name: &str, category: &str, aliases: &[&str]) -> Unit {
    Unit {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        category: category.into(),
    }
}

/// Reads one sheet as a sections table with `resolver` and `groups`.
fn read_sheet(
    s: &Sheet,
    file: &str,
    resolver: &Resolver,
    groups: &Groups,
) -> (Vec<Section>, Vec<Problem>) {
    let (table, located) = locate(s, file);
    let mut table = table.unwrap_or_else(|| panic!("no table: {located:?}"));
    let rows = FRAMING.rows(&std::mem::take(&mut table.records)).unwrap();
    let source = SourceTable {
        file,
        sheet: &s.name,
        table: &table,
        date1904: false,
    };
    let read = read(&[source], vec![rows], resolver, groups).unwrap();
    (read.sections, read.problems)
}

fn codes(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.code.id()).collect()
}

// ---------------------------------------------------------------- seed 000 (汤阴县)

const TANGYIN: &str = "reference/栏目保障任务分解表.xlsx";

fn tangyin_units() -> Vec<Unit> {
    let mut units: Vec<Unit> = [
        "政府办",
        "宣传部",
        "融媒体中心",
        "发改委",
        "人社局",
        "组织部",
        "规划中心",
        "住建局",
        "民政局",
        "医保局",
        "市场监管局",
        "生态环境分局",
        "卫健委",
        "应急管理局",
        "公安局",
        "教育局",
        "文广体旅局",
        "乡村振兴局",
    ]
    .iter()
    .map(|n| unit(n, "部门", &[]))
    .collect();
    units.push(unit("城管局", "部门", &["城市管理局"]));
    for town in ["城关镇", "韩庄镇", "瓦岗乡"] {
        units.push(unit(town, "乡镇", &[]));
    }
    units
}

const ENFORCERS: &str =
    "卫健委、生态环境分局、市场监管局、应急管理局、公安局、城管局等有执法职权的单位";

/// Part of seed 000 Annex 1 as printed: blank level cells continue the row above.
fn tangyin_rows() -> Vec<Vec<&'static str>> {
    vec![
        vec!["附件1  汤阴县政府网站栏目保障任务分解表"],
        vec!["一级栏目", "二级栏目", "三级栏目", "公开内容", "保障单位"],
        vec!["走进汤阴", "汤阴概况", "", "汤阴概况", "政府办"],
        vec!["", "行政区划", "", "行政区划", "政府办"],
        vec![
            "信息公开",
            "政务动态",
            "时政要闻",
            "转载上级时政信息",
            "政府办",
        ],
        vec!["", "", "汤阴要闻", "重要活动信息", "政府办、宣传部"],
        vec!["", "", "通知公告", "通知公告类信息", "各乡镇、各单位"],
        vec!["", "", "部门动态", "部门动态宣传类信息", "各乡(镇)，各单位"],
        vec![
            "",
            "主动公开",
            "政府文件",
            "需要主动公开的文件",
            "政府办、各乡镇、各单位",
        ],
        vec!["", "", "人事信息", "人事任免信息", "人社局、组织部"],
        vec![
            "",
            "",
            "规划计划",
            "国土空间规划",
            "政府办 / 发改委 / 规划中心",
        ],
        vec![
            "",
            "重点领域公开",
            "重大建设项目",
            "详见标准目录",
            "发改委、住建局",
        ],
        vec![
            "",
            "",
            "社会救助",
            "详见标准目录",
            "民政局（牵头）、乡村振兴局(配合)",
        ],
        vec![
            "",
            "",
            "就业领域",
            "详见就业领域基层政务公开标准目录",
            "人社局",
        ],
        vec!["", "", "社会保险", "详见标准目录", "人社局 医保局"],
        vec!["", "", "救灾领域", "详见标准目录", "应急管理局"],
        vec!["", "", "城市综合执法", "详见标准目录", "城管局"],
        vec!["", "", "市政服务", "详见标准目录", "城市管理局"],
        vec!["", "", "国有企业", "国有企业信息", "国有企业"],
        vec!["", "", "双随机一公开", "随机抽查事项清单", ENFORCERS],
        vec![
            "",
            "",
            "危房改造",
            "详见农村危房改造领域基层政务公开标准目录",
            "住建局",
        ],
        vec![
            "",
            "",
            "社会公益事业",
            "脱贫攻坚、社会救助等领域信息",
            "乡村振兴局、民政局、教育局、卫健委、生态环境分局、应急管理局、文广体旅局等",
        ],
        vec![
            "专题专栏",
            "汤阴县全面推进基层政务公开标准化规范化工作专栏",
            "",
            "政务公开专题信息",
            "26个试点领域涉及单位",
        ],
        vec![
            "",
            "六稳六保",
            "",
            "围绕“六稳”“六保”加强政策的发布、解读",
            "人社局、民政局等",
        ],
        vec!["", "优化营商环境", "", "优化营商环境相关信息", "相关单位"],
        vec![
            "地方部门平台链接",
            "城关镇",
            "",
            "机构职能、领导分工",
            "城关镇",
        ],
        vec!["", "瓦岗乡", "", "机构职能、领导分工", "瓦岗乡"],
        vec!["", "县乡村振兴局", "", "机构职能、领导分工", "县乡村振兴局"],
    ]
}

fn tangyin_sheet() -> Sheet {
    let rows = tangyin_rows();
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    sheet(&refs)
}

fn tangyin(groups: &Groups) -> (Vec<Section>, Vec<Problem>, Resolver) {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let (sections, problems) = read_sheet(&tangyin_sheet(), TANGYIN, &resolver, groups);
    (sections, problems, resolver)
}

fn find<'a>(sections: &'a [Section], name: &str) -> &'a Section {
    sections
        .iter()
        .find(|s| s.name() == name)
        .unwrap_or_else(|| panic!("no section {name}"))
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// Unit names as sections and coverage share them.
fn shared(names: &[&str]) -> Arc<[Arc<str>]> {
    names.iter().map(|&s| s.into()).collect()
}

#[test]
fn seed_000_levels_inherit_from_the_row_above() {
    let (sections, _, _) = tangyin(&Groups::default());
    assert_eq!(sections.len(), 26);
    assert_eq!(
        sections[0].levels,
        ["走进汤阴", "汤阴概况", ""].map(String::from)
    );
    assert_eq!(
        sections[1].levels,
        ["走进汤阴", "行政区划", ""].map(String::from)
    );
    assert_eq!(
        sections[3].levels,
        ["信息公开", "政务动态", "汤阴要闻"].map(String::from)
    );
    assert_eq!(
        find(&sections, "人事信息").levels,
        ["信息公开", "主动公开", "人事信息"].map(String::from)
    );
    assert_eq!(find(&sections, "瓦岗乡").path(), "地方部门平台链接/瓦岗乡");
    assert_eq!(sections[3].source.row, 6);
    assert_eq!(sections[3].source.file, TANGYIN);
    // No 更新频率 column: every section is 按需.
    assert!(sections.iter().all(|s| s.frequency == Frequency::OnDemand));
}

#[test]
fn seed_000_merged_level_cells_read_the_same_as_blanks() {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let plain = read_sheet(&tangyin_sheet(), TANGYIN, &resolver, &Groups::default()).0;
    let mut s = tangyin_sheet();
    for r in 3..=11 {
        s.rows[r].resize(5, Cell::Empty);
    }
    // 走进汤阴 over rows 2–3, 信息公开 over 4–21, 政务动态 over 4–7, 主动公开 over 8–10;
    // 重点领域公开 (row 11) left unmerged: its blank cells below still continue it.
    let s = merged(
        s,
        &[(2, 0, 3, 0), (4, 0, 21, 0), (4, 1, 7, 1), (8, 1, 10, 1)],
    );
    let merged_read = read_sheet(&s, TANGYIN, &resolver, &Groups::default()).0;
    assert_eq!(merged_read, plain);
}

#[test]
fn seed_000_multi_unit_cells_split_on_every_separator() {
    let (sections, _, _) = tangyin(&Groups::default());
    assert_eq!(sections[3].responsible, shared(&["政府办", "宣传部"]));
    assert_eq!(sections[3].responsible_text, "政府办、宣传部");
    assert_eq!(
        find(&sections, "规划计划").responsible,
        shared(&["政府办", "发改委", "规划中心"])
    );
    assert_eq!(
        find(&sections, "社会保险").responsible,
        shared(&["人社局", "医保局"])
    );
    assert_eq!(
        find(&sections, "社会救助").responsible,
        shared(&["民政局", "乡村振兴局"])
    );
    assert_eq!(find(&sections, "市政服务").responsible, shared(&["城管局"]));
    assert_eq!(
        find(&sections, "县乡村振兴局").responsible,
        shared(&["乡村振兴局"])
    );
}

/// The domains annex puts together the rows of one unit: 城市管理局 is 城管局 by its
/// alias, and both cells print as the units table names the unit.
#[test]
fn seed_000_responsible_names_are_the_units_table_s() {
    let (sections, _, _) = tangyin(&Groups::default());
    let names = |name| find(&sections, name).responsible_names.as_str();
    assert_eq!(names("市政服务"), "城管局");
    assert_eq!(names("城市综合执法"), "城管局");
    assert_eq!(names("县乡村振兴局"), "乡村振兴局");
    // A role note and the group after 等 stay with the unit they follow.
    assert_eq!(names("社会救助"), "民政局（牵头）、乡村振兴局(配合)");
    assert_eq!(names("双随机一公开"), ENFORCERS);
    // Any separator becomes 、; groups and names the table lacks stay as written.
    assert_eq!(names("社会保险"), "人社局、医保局");
    assert_eq!(names("部门动态"), "各乡(镇)、各单位");
    assert_eq!(names("国有企业"), "国有企业");
}

#[test]
fn seed_000_town_and_unit_groups_cover_every_unit() {
    let (sections, _, _) = tangyin(&Groups::default());
    let everyone = tangyin_units().len();
    for name in ["通知公告", "部门动态", "政府文件"] {
        assert_eq!(find(&sections, name).responsible.len(), everyone, "{name}");
    }
    let notice = &find(&sections, "通知公告").responsible;
    assert_eq!(&notice[..3], &shared(&["城关镇", "韩庄镇", "瓦岗乡"])[..]);
    assert_eq!(&*find(&sections, "政府文件").responsible[0], "政府办");
}

#[test]
fn seed_000_domains_are_recognised_under_any_spelling() {
    let (sections, _, _) = tangyin(&Groups::default());
    for (name, domain) in [
        ("重大建设项目", "重大建设项目"),
        ("社会救助", "社会救助"),
        ("就业领域", "就业"),
        ("救灾领域", "救灾"),
        ("危房改造", "农村危房改造"),
        ("市政服务", "市政服务"),
    ] {
        assert_eq!(
            find(&sections, name).domain.as_deref(),
            Some(domain),
            "{name}"
        );
    }
    assert_eq!(find(&sections, "双随机一公开").domain, None);
}

#[test]
fn seed_000_domain_units_phrase_takes_every_domain_unit() {
    let (sections, _, _) = tangyin(&Groups::default());
    let special = find(&sections, "汤阴县全面推进基层政务公开标准化规范化工作专栏");
    assert_eq!(
        special.responsible,
        shared(&[
            "发改委",
            "人社局",
            "住建局",
            "民政局",
            "医保局",
            "应急管理局",
            "乡村振兴局",
            "城管局"
        ])
    );
    assert_eq!(special.responsible_text, "26个试点领域涉及单位");
}

#[test]
fn seed_000_open_lists_keep_named_units_and_say_so() {
    let (sections, problems, _) = tangyin(&Groups::default());
    assert_eq!(
        find(&sections, "六稳六保").responsible,
        shared(&["人社局", "民政局"])
    );
    assert_eq!(find(&sections, "社会公益事业").responsible.len(), 7);
    let open: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.code == Code::OpenList)
        .collect();
    assert_eq!(open.len(), 2, "{problems:#?}");
    assert_eq!(
        open[0].cell().as_deref(),
        Some(cell_address(21, 4).as_str())
    );
    assert!(open[0].message.contains("文广体旅局等"), "{}", open[0]);
    assert_eq!(open[1].value.as_deref(), Some("人社局、民政局等"));
}

#[test]
fn seed_000_undefined_phrases_and_unknown_names_are_problems_at_their_cell() {
    let (sections, problems, _) = tangyin(&Groups::default());
    assert_eq!(
        codes(&problems),
        ["S001", "S002", "S003", "S003", "S002"],
        "{problems:#?}"
    );
    let unknown = &problems[0];
    assert_eq!(unknown.code, Code::UnknownResponsible);
    assert_eq!(unknown.cell().as_deref(), Some("E19"));
    assert_eq!(unknown.sheet.as_deref(), Some("Sheet1"));
    assert!(unknown.message.contains("「国有企业」"), "{unknown}");
    let enforcers = &problems[1];
    assert_eq!(enforcers.cell().as_deref(), Some("E20"));
    assert!(
        enforcers.message.contains("「有执法职权的单位」")
            && enforcers.message.contains("[groups]"),
        "{enforcers}"
    );
    assert_eq!(
        find(&sections, "双随机一公开").responsible,
        shared(&[
            "卫健委",
            "生态环境分局",
            "市场监管局",
            "应急管理局",
            "公安局",
            "城管局"
        ])
    );
    let relevant = &problems[4];
    assert!(relevant.message.contains("「相关单位」"), "{relevant}");
    assert!(find(&sections, "优化营商环境").responsible.is_empty());
}

#[test]
fn seed_000_groups_from_zwgk_toml_close_the_open_phrases() {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let config = BTreeMap::from([
        (
            "有执法职权的单位".to_string(),
            strings(&["卫健委", "公安局", "交通局", "类别:执法"]),
        ),
        ("相关单位".to_string(), strings(&["发改委", "类别:乡镇"])),
    ]);
    let (groups, config_problems) = Groups::new(&config, &resolver);
    assert_eq!(codes(&config_problems), ["S008"]);
    assert!(config_problems[0].message.contains("「交通局」"));
    let (sections, problems) = read_sheet(&tangyin_sheet(), TANGYIN, &resolver, &groups);
    assert_eq!(codes(&problems), ["S001", "S003", "S003"], "{problems:#?}");
    assert_eq!(
        find(&sections, "优化营商环境").responsible,
        shared(&["发改委", "城关镇", "韩庄镇", "瓦岗乡"])
    );
    // Nobody is of category 执法: the named units stay, the group adds the two it names.
    assert_eq!(find(&sections, "双随机一公开").responsible.len(), 6);
}

#[test]
fn a_town_group_without_towns_is_reported_once() {
    let units: Vec<Unit> = tangyin_units()
        .into_iter()
        .map(|mut u| {
            u.category.clear();
            u
        })
        .collect();
    let (resolver, _) = Resolver::new(units, "汤阴县");
    let s = sheet(&[
        &["一级栏目", "保障单位"],
        &["通知公告", "各乡镇"],
        &["部门动态", "各乡镇、政府办"],
    ]);
    let (sections, problems) = read_sheet(&s, TANGYIN, &resolver, &Groups::default());
    assert_eq!(codes(&problems), ["S004"]);
    assert!(problems[0].message.contains("类别"), "{}", problems[0]);
    assert_eq!(problems[0].cell().as_deref(), Some("B2"));
    assert!(sections[0].responsible.is_empty());
    assert_eq!(sections[1].responsible, shared(&["政府办"]));
}

/// A row with responsible units but no section name of its own, under a section, is
/// S006: it is not that section read again (a phantom second 医疗卫生 with its own
/// units and frequency). Only a blank higher level continues the row above.
#[test]
fn a_nameless_row_below_a_section_is_s006_not_that_section_again() {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let s = sheet(&[
        &[
            "一级栏目",
            "二级栏目",
            "三级栏目",
            "公开内容",
            "保障单位",
            "更新频率",
        ],
        &["重点领域", "医疗卫生", "", "", "卫健委", "每月"],
        &["", "", "", "", "政府办", "每月"],
        &["", "教育", "", "", "教育局", "每月"],
    ]);
    let (sections, problems) = read_sheet(&s, TANGYIN, &resolver, &Groups::default());
    assert_eq!(codes(&problems), ["S006"]);
    assert_eq!(problems[0].cell().as_deref(), Some("A3"));
    let paths: Vec<String> = sections.iter().map(Section::path).collect();
    assert_eq!(paths, ["重点领域/医疗卫生", "重点领域/教育"]);
    assert_eq!(sections[0].responsible, shared(&["卫健委"]));
}

#[test]
fn unreadable_frequencies_and_nameless_rows_are_reported() {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let s = sheet(&[
        &["一级栏目", "二级栏目", "保障单位", "更新频率"],
        &["", "", "政府办", "每月"],
        &["信息公开", "通知公告", "政府办", "每月"],
        &["", "政策解读", "政府办", "经常"],
        &["", "部门动态", "政府办", ""],
        &["", "人事信息", "政府办", "每半年"],
    ]);
    let (sections, problems) = read_sheet(&s, TANGYIN, &resolver, &Groups::default());
    assert_eq!(codes(&problems), ["S006", "S005"]);
    assert_eq!(problems[0].cell().as_deref(), Some("A2"));
    assert_eq!(problems[1].cell().as_deref(), Some("D4"));
    assert_eq!(problems[1].value.as_deref(), Some("经常"));
    let freq: Vec<Frequency> = sections.iter().map(|s| s.frequency).collect();
    assert_eq!(
        freq,
        [
            Frequency::Every(Interval::Month),
            Frequency::Unknown,
            Frequency::OnDemand,
            Frequency::Every(Interval::HalfYear)
        ]
    );
    assert_eq!(sections[1].frequency_text, "经常");
}

#[test]
fn a_row_pasted_twice_is_read_once_and_said() {
    let (resolver, _) = Resolver::new(tangyin_units(), "汤阴县");
    let s = sheet(&[
        &["一级栏目", "二级栏目", "保障单位", "更新频率"],
        &["信息公开", "通知公告", "政府办", "每月"],
        &["", "政策解读", "政府办", "每月"],
        &["信息公开", "通知公告", "政府办", "每月"],
        // The same section, answered for by another unit: a row of its own.
        &["信息公开", "通知公告", "民政局", "每月"],
    ]);
    let (sections, problems) = read_sheet(&s, TANGYIN, &resolver, &Groups::default());
    assert_eq!(codes(&problems), ["S018"]);
    assert_eq!(problems[0].cell().as_deref(), Some("第 4 行"));
    assert!(
        problems[0]
            .message
            .contains("「信息公开/通知公告」这一行与第 2 行完全相同")
    );
    let read: Vec<(String, u32)> = sections.iter().map(|s| (s.path(), s.source.row)).collect();
    assert_eq!(
        read,
        [
            ("信息公开/通知公告".to_string(), 2),
            ("信息公开/政策解读".to_string(), 3),
            ("信息公开/通知公告".to_string(), 5)
        ]
    );
}

// ---------------------------------------------------------------- seed 002 (赤壁市)

/// Seed 002 Annex 1 as the notice prints it: one cell per line.
const CHIBI_ANNEX_1: &str = "序号\n\n政务公开领域\n\n责任单位\n\n1\n\n(一)重大建设项目领域\n\n赤壁市发改局\n\n2\n\n(二)公共资源交易领域\n\n赤壁市公共资源交易中心\n\n3\n\n(三)义务教育领域\n\n赤壁市教育局\n\n4\n\n(四)户籍管理领域\n\n赤壁市公安局\n\n5\n\n(五)社会救助领域\n\n(六)养老服务领域\n\n赤壁市民政局\n\n6\n\n(七)公共法律服务领域\n\n赤壁市司法局\n\n7\n\n(八)财政预决算领域\n\n赤壁市财政局\n\n8\n\n(九)就业领域\n\n(十)社会保险领域\n\n赤壁市人社局\n\n9\n\n(十一)城乡规划领域\n\n(十二)农村集体土地征收\n\n赤壁市自然资源和规划局\n\n10\n\n(十三)生态环境领域\n\n咸宁市生态环境局赤壁市分局\n\n11\n\n(十四)保障住房领域\n\n(十五)国有土地上房屋征收与补偿领域\n\n(十六)农村危房改造领域\n\n(十七)市政服务领域\n\n(十八)城市综合执法领域\n\n赤壁市住建局\n\n12\n\n(十九)涉农补贴领域\n\n赤壁市农业农村局\n\n13\n\n(二十)公共文化服务领域\n\n赤壁市文旅局\n\n14\n\n(二十一)卫生健康领域\n\n赤壁市卫健局\n\n15\n\n(二十二)安全生产领域\n\n(二十三)救灾生产领域\n\n赤壁市应急管理局\n\n16\n\n(二十四)食品药品监管领域\n\n赤壁市场监督管理局\n\n17\n\n(二十五)税收管理领域\n\n赤壁市税务局\n\n18\n\n(二十六)扶贫领域\n\n赤壁市扶贫办";

/// The annex's groups: (序号, domains as written, 责任单位 as written).
fn chibi_groups() -> Vec<(String, Vec<String>, String)> {
    let lines: Vec<&str> = CHIBI_ANNEX_1
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(3)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let seq = lines[i].to_string();
        let mut domains = Vec::new();
        i += 1;
        while lines[i].starts_with('(') {
            domains.push(lines[i].to_string());
            i += 1;
        }
        out.push((seq, domains, lines[i].to_string()));
        i += 1;
    }
    out
}

fn chibi_units() -> Vec<Unit> {
    let mut units: Vec<Unit> = [
        "发改局",
        "公共资源交易中心",
        "教育局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "人社局",
        "自然资源和规划局",
        "住建局",
        "农业农村局",
        "文旅局",
        "卫健局",
        "应急管理局",
        "税务局",
        "扶贫办",
    ]
    .iter()
    .map(|n| unit(n, "部门", &[]))
    .collect();
    units.insert(
        9,
        unit("生态环境分局", "垂直管理", &["咸宁市生态环境局赤壁市分局"]),
    );
    units.insert(15, unit("市场监督管理局", "部门", &["市场监管局"]));
    units
}

const CHIBI: &str = "reference/26个试点领域责任分工表.xlsx";

fn chibi_expected() -> Vec<(&'static str, &'static str)> {
    let units = [
        "发改局",
        "公共资源交易中心",
        "教育局",
        "公安局",
        "民政局",
        "民政局",
        "司法局",
        "财政局",
        "人社局",
        "人社局",
        "自然资源和规划局",
        "自然资源和规划局",
        "生态环境分局",
        "住建局",
        "住建局",
        "住建局",
        "住建局",
        "住建局",
        "农业农村局",
        "文旅局",
        "卫健局",
        "应急管理局",
        "应急管理局",
        "市场监督管理局",
        "税务局",
        "扶贫办",
    ];
    DOMAINS.iter().map(|d| d.name).zip(units).collect()
}

fn assert_chibi(sections: &[Section], problems: &[Problem]) {
    assert!(problems.is_empty(), "{problems:#?}");
    let got: Vec<(&str, &str)> = sections
        .iter()
        .map(|s| {
            assert_eq!(s.responsible.len(), 1, "{s:?}");
            (s.domain.as_deref().unwrap_or("-"), &*s.responsible[0])
        })
        .collect();
    assert_eq!(got, chibi_expected());
    // Each named as the annex prints it, whatever its canonical name.
    let names: Vec<&str> = sections.iter().map(|s| s.name()).collect();
    assert_eq!(names[11], "农村集体土地征收");
    assert_eq!(names[13], "保障住房领域");
    assert_eq!(names[22], "救灾生产领域");
    assert_eq!(sections[22].domain.as_deref(), Some("救灾"));
    let units: std::collections::BTreeSet<&str> =
        sections.iter().map(|s| &*s.responsible[0]).collect();
    assert_eq!(units.len(), 18);
}

#[test]
fn seed_002_annex_parses_into_18_units_and_26_domains() {
    let groups = chibi_groups();
    assert_eq!(groups.len(), 18);
    assert_eq!(groups.iter().map(|g| g.1.len()).sum::<usize>(), 26);
}

#[test]
fn seed_002_merged_layout_gives_26_domains_to_18_units() {
    let mut rows: Vec<Vec<String>> = vec![
        vec!["附件1：".into()],
        vec!["26个试点领域基层政务公开目录责任分工表".into()],
        strings(&["序号", "政务公开领域", "责任单位"]),
    ];
    let mut merges = Vec::new();
    for (seq, domains, unit) in chibi_groups() {
        let first = rows.len() as u32;
        for d in &domains {
            rows.push(vec![seq.clone(), d.clone(), unit.clone()]);
        }
        let last = rows.len() as u32 - 1;
        if last > first {
            merges.push((first, 0, last, 0));
            merges.push((first, 2, last, 2));
        }
    }
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let s = merged(sheet(&slices), &merges);
    let (resolver, _) = Resolver::new(chibi_units(), "赤壁市");
    let (sections, problems) = read_sheet(&s, CHIBI, &resolver, &Groups::default());
    assert_chibi(&sections, &problems);
    assert_eq!(sections[5].source.row, 9);
}

#[test]
fn seed_002_several_domains_in_one_cell_or_unmerged_rows() {
    let (resolver, _) = Resolver::new(chibi_units(), "赤壁市");
    for joiner in [" ", "\n", "、", ""] {
        let mut rows: Vec<Vec<String>> = vec![strings(&["序号", "政务公开领域", "责任单位"])];
        for (seq, domains, unit) in chibi_groups() {
            rows.push(vec![seq, domains.join(joiner), unit]);
        }
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        let (sections, problems) =
            read_sheet(&sheet(&slices), CHIBI, &resolver, &Groups::default());
        assert_chibi(&sections, &problems);
    }
    // Printed without merges: 序号 and unit only on the first row of each group.
    let mut rows: Vec<Vec<String>> = vec![strings(&["序号", "政务公开领域", "责任单位"])];
    for (seq, domains, unit) in chibi_groups() {
        for (k, d) in domains.into_iter().enumerate() {
            rows.push(if k == 0 {
                vec![seq.clone(), d, unit.clone()]
            } else {
                vec![String::new(), d, String::new()]
            });
        }
    }
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let (sections, problems) = read_sheet(&sheet(&slices), CHIBI, &resolver, &Groups::default());
    assert_chibi(&sections, &problems);
}

#[test]
fn a_domain_table_names_what_is_not_a_domain() {
    let (resolver, _) = Resolver::new(chibi_units(), "赤壁市");
    let s = sheet(&[
        &["序号", "试点领域", "责任单位"],
        &["1", "(一)社会救济领域", "赤壁市民政局"],
        &["2", "(二)扶贫领域", "赤壁市扶贫局"],
    ]);
    let (sections, problems) = read_sheet(&s, CHIBI, &resolver, &Groups::default());
    assert_eq!(codes(&problems), ["S007", "S001"]);
    let suggestion = problems[0].suggestion.as_deref().unwrap();
    assert!(
        suggestion.starts_with("最接近的领域：社会救助"),
        "{suggestion}"
    );
    assert_eq!(problems[0].cell().as_deref(), Some("B2"));
    assert!(
        problems[1]
            .suggestion
            .as_deref()
            .unwrap()
            .contains("扶贫办")
    );
    assert_eq!(sections[0].name(), "社会救济领域");
    assert_eq!(sections[0].domain, None);
    assert!(sections[1].responsible.is_empty());
}

#[test]
fn seed_000_domain_units_phrase_reaches_a_separate_domain_table() {
    let (resolver, _) = Resolver::new(chibi_units(), "赤壁市");
    let sections_sheet = sheet(&[
        &["一级栏目", "保障单位"],
        &["基层政务公开专栏", "26个试点领域涉及单位"],
    ]);
    let domain_sheet = sheet(&[
        &["序号", "政务公开领域", "责任单位"],
        &["1", "(五)社会救助领域", "赤壁市民政局"],
        &["2", "(二十六)扶贫领域", "赤壁市扶贫办"],
    ]);
    let (t1, _) = locate(&sections_sheet, "a.xlsx");
    let (t2, _) = locate(&domain_sheet, "b.xlsx");
    let (mut t1, mut t2) = (t1.unwrap(), t2.unwrap());
    let rows = [&mut t1, &mut t2].map(|t| FRAMING.rows(&std::mem::take(&mut t.records)).unwrap());
    let tables = [
        SourceTable {
            file: "a.xlsx",
            sheet: "Sheet1",
            table: &t1,
            date1904: false,
        },
        SourceTable {
            file: "b.xlsx",
            sheet: "Sheet1",
            table: &t2,
            date1904: false,
        },
    ];
    let read = read(&tables, rows.to_vec(), &resolver, &Groups::default()).unwrap();
    let (sections, problems) = (read.sections, read.problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(sections[0].responsible, shared(&["民政局", "扶贫办"]));
}

// ---------------------------------------------------------------- coverage checks

const ITEMS_FILE: &str = "inbox/民政局/2022年6月.xlsx";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn small_units() -> Vec<Unit> {
    vec![
        unit("政府办", "部门", &[]),
        unit("民政局", "部门", &[]),
        unit("财政局", "部门", &[]),
        unit("卫健委", "部门", &[]),
        unit("城关镇", "乡镇", &[]),
    ]
}

/// Eight sections, one per case (see `coverage_figures_match_the_hand_count`).
fn small_sections() -> Vec<Section> {
    let (resolver, _) = Resolver::new(small_units(), "汤阴县");
    let s = sheet(&[
        &["一级栏目", "二级栏目", "保障单位", "更新频率"],
        &["信息公开", "通知公告", "民政局、财政局", "每月"],
        &["", "部门动态", "民政局", "每周"],
        &["重点领域", "社会救助", "民政局", "实时"],
        &["", "财政预决算", "财政局", "每年"],
        &["", "涉农补贴", "各乡镇", "每季度"],
        &["公开专栏", "政府信息公开年报", "政府办", "每半年"],
        &["专题", "疫情防控", "卫健委", "按需"],
        &["", "空栏目", "", "每月"],
    ]);
    let (sections, problems) =
        read_sheet(&s, "reference/sections.xlsx", &resolver, &Groups::default());
    assert!(problems.is_empty(), "{problems:#?}");
    sections
}

/// Items: (unit, section, date); rows numbered from 2, 栏目 in column C.
fn items(rows: &[(&str, Option<&str>, NaiveDate)]) -> Items {
    let n = rows.len();
    let frame = df!(
        "unit" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "title" => (0..n).map(|i| format!("信息{i}")).collect::<Vec<_>>(),
        "date" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
        "section" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "section_col" => vec![2u32; n],
        "file" => vec![ITEMS_FILE; n],
        "sheet" => vec!["明细"; n],
        "row" => (2..n as u32 + 2).collect::<Vec<_>>(),
    )
    .unwrap();
    Items::padded(frame).unwrap()
}

fn june_items() -> Items {
    items(&[
        ("民政局", Some("通知公告"), d(2022, 6, 10)),
        ("财政局", Some("通知公告"), d(2022, 5, 20)),
        ("民政局", Some("部门动态"), d(2022, 6, 20)),
        ("民政局", Some("社会求助领域"), d(2022, 6, 30)),
        ("财政局", Some("财政预决算"), d(2021, 3, 1)),
        ("城关镇", Some("(十九)涉农补贴"), d(2022, 6, 15)),
        ("财政局", Some("部门动态"), d(2022, 6, 5)),
        ("民政局", Some("工作动态"), d(2022, 6, 7)),
        ("民政局", None, d(2022, 6, 8)),
        ("民政局", Some("通知公告"), d(2022, 7, 2)),
    ])
}

const JUNE: Period = Period::Month {
    year: 2022,
    month: 6,
};

fn no_counts() -> Counts {
    Counts::padded(df!("unit" => Vec::<String>::new()).unwrap()).unwrap()
}

/// Coverage of the whole of `period` with no count rows.
fn covered(sections: &[Section], items: &Items, period: Period) -> Coverage {
    let window = Window::whole(period);
    check(
        sections,
        items,
        &no_counts(),
        window,
        &small_units(),
        calendar(),
    )
    .unwrap()
}

#[test]
fn coverage_figures_match_the_hand_count() {
    let sections = small_sections();
    let cov = covered(&sections, &june_items(), JUNE);
    let row = |i: usize| {
        let s = &cov.sections[i];
        (s.items, s.last_update, s.status, s.judgement.missed_text())
    };
    use Status::*;
    let none = String::new;
    assert_eq!(row(0), (1, Some(d(2022, 6, 10)), Current, none()));
    // Weekly: the weeks of 6–12 and 13–19 June passed without an update.
    assert_eq!(
        row(1),
        (
            2,
            Some(d(2022, 6, 20)),
            Sleeping,
            "2022年6月6日—12日、2022年6月13日—19日".into()
        )
    );
    // 实时 is a lag per item, never "must update every day".
    assert_eq!(row(2), (1, Some(d(2022, 6, 30)), Timely, none()));
    // A yearly section is not judged before the year is over.
    assert_eq!(row(3), (0, Some(d(2021, 3, 1)), NotDue, none()));
    assert_eq!(row(4), (1, Some(d(2022, 6, 15)), Current, none()));
    assert_eq!(row(5), (0, None, NeverUpdated, "2022年上半年".into()));
    assert_eq!(row(6), (0, None, OnDemand, none()));
    assert_eq!(row(7), (0, None, NeverUpdated, "2022年6月".into()));
    // 栏目覆盖's 说明 names what was judged.
    assert_eq!(cov.sections[0].note(), "2022年6月有更新");
    assert_eq!(cov.sections[3].note(), "评估日前没有已结束的年度，不评判");
    let second = Period::Quarter {
        year: 2022,
        quarter: 2,
    };
    let spring = items(&[
        ("民政局", Some("通知公告"), d(2022, 4, 10)),
        ("民政局", Some("通知公告"), d(2022, 5, 10)),
        ("财政局", Some("通知公告"), d(2022, 6, 10)),
    ]);
    let quarter = covered(&sections, &spring, second);
    assert_eq!(
        quarter.sections[0].note(),
        "2022年4月至2022年6月的 3 个月均有更新"
    );
    assert_eq!(cov.sections[0].by_unit, [(Arc::from("民政局"), 1)]);
    assert_eq!(cov.sections[0].missing(&cov.unsure()), ["财政局"]);
    assert_eq!(
        cov.sections[1].by_unit,
        [(Arc::from("民政局"), 1), (Arc::from("财政局"), 1)]
    );
    assert_eq!(cov.sections[4].section.responsible, shared(&["城关镇"]));
    assert_eq!(
        cov.summary,
        Summary {
            sections: 8,
            sections_updated: 4,
            sleeping: strings(&[
                "信息公开/部门动态",
                "公开专栏/政府信息公开年报",
                "专题/空栏目"
            ]),
            units_without_submission: strings(&["政府办", "卫健委"]),
        }
    );
}

/// An item without a 栏目 may have been in any of its unit's sections: in the interval
/// it falls in, its unit is not called silent, and the missing 栏目 is the problem.
#[test]
fn an_item_without_a_section_keeps_its_unit_from_being_called_silent_in_its_interval() {
    let sections = small_sections();
    let of = |date| {
        // 民政局 keeps 通知公告 up in June: 财政局's silence there is a notice (S010).
        let rows = [
            ("财政局", None, date),
            ("民政局", Some("通知公告"), d(2022, 6, 1)),
        ];
        let cov = covered(&sections, &items(&rows), JUNE);
        let uc = cov
            .units
            .iter()
            .find(|u| u.unit == "财政局")
            .unwrap()
            .clone();
        let about = |code: &str| {
            let mine = cov
                .problems
                .iter()
                .filter(|p| p.unit.as_deref() == Some("财政局"));
            mine.filter(|p| p.code.id() == code).count()
        };
        // Nor is it listed as one whose section had nothing from it (栏目覆盖's
        // 本期未更新的保障单位), which it used to be.
        let missing = cov.sections[0].missing(&cov.unsure()).contains(&"财政局");
        (
            uc.silent,
            uc.unplaced,
            about("S017"),
            about("S010"),
            missing,
        )
    };
    // 通知公告 is monthly: June is judged.
    assert_eq!(of(d(2022, 6, 10)), (vec![], 1, 1, 0, false));
    assert_eq!(of(d(2022, 5, 20)), (vec![0], 0, 0, 1, true));
}

/// S009 asks for a 保障单位 where none is written; where one is written that names no
/// unit (相关单位, a group not defined), S001 or S002 has said so, and S009 would say it
/// again.
#[test]
fn no_responsible_unit_is_said_only_where_none_is_written() {
    let mut sections = small_sections();
    sections[7].responsible_text = "相关单位".into();
    let cov = covered(&sections, &june_items(), JUNE);
    let s009 = (cov.problems.iter()).filter(|p| p.code == Code::NoResponsible);
    assert_eq!(s009.count(), 0, "{:#?}", cov.problems);
    let cov = covered(&small_sections(), &june_items(), JUNE);
    let s009 = (cov.problems.iter()).filter(|p| p.code == Code::NoResponsible);
    assert_eq!(s009.count(), 1, "{:#?}", cov.problems);
}

#[test]
fn coverage_problems_name_sections_units_and_item_cells() {
    let sections = small_sections();
    let cov = covered(&sections, &june_items(), JUNE);
    let got: Vec<(&str, String, Option<&str>)> = cov
        .problems
        .iter()
        .map(|p| (p.code.id(), p.location(), p.value.as_deref()))
        .collect();
    let item = |cell: &str| format!("{ITEMS_FILE} / 明细 / {cell}");
    let section = |row: u32| format!("reference/sections.xlsx / Sheet1 / 第 {row} 行");
    let table = || "reference/sections.xlsx / Sheet1".to_string();
    assert_eq!(
        got,
        [
            ("S017", format!("{ITEMS_FILE} / 明细"), None),
            ("S014", item("C8"), Some("部门动态")),
            ("S013", item("C9"), Some("工作动态")),
            ("S011", section(3), None),
            ("S016", section(4), None),
            ("S012", section(7), None),
            ("S009", section(9), Some("")),
            ("S012", section(9), None),
            ("S010", table(), None),
        ]
    );
    assert!(cov.problems[0].message.starts_with("1 条本期信息没有栏目"));
    let p = &cov.problems[1..];
    assert!(
        p[0].message
            .contains("财政局不是栏目「信息公开/部门动态」的保障单位"),
        "{}",
        p[0]
    );
    assert_eq!(p[0].suggestion.as_deref(), Some("该栏目的保障单位：民政局"));
    assert_eq!(
        p[1].suggestion.as_deref().map(|s| s.contains("部门动态")),
        Some(true)
    );
    assert_eq!(
        p[2].message,
        "栏目「信息公开/部门动态」要求每周更新，2022年6月6日—12日、2022年6月13日—19日没有更新；最近一次更新为 2022-06-20"
    );
    assert!(
        p[3].message.contains("1 条信息没有成文（发生）日期"),
        "{}",
        p[3]
    );
    assert_eq!(
        p[4].message,
        "栏目「公开专栏/政府信息公开年报」要求每半年更新，2022年上半年没有更新，截至 2022-06-30 从未更新"
    );
    // Silent where 民政局 kept the section up: a notice. 政府办's 年报 sleeps, which
    // S012 says; no S010 repeats it.
    assert_eq!(p[7].unit.as_deref(), Some("财政局"));
    assert_eq!(p[7].severity, Severity::Info);
    assert_eq!(
        p[7].message,
        "财政局：本期在负责的 1 个栏目中没有发布信息（信息公开/通知公告）；其间有其他保障单位的信息，栏目按期更新"
    );
}

#[test]
fn units_see_their_own_sections_for_the_evaluation_report() {
    let sections = small_sections();
    let cov = covered(&sections, &june_items(), JUNE);
    let names: Vec<&str> = cov.units.iter().map(|u| u.unit.as_str()).collect();
    assert_eq!(names, ["政府办", "民政局", "财政局", "卫健委", "城关镇"]);
    let civil = &cov.units[1];
    assert_eq!(
        (
            civil.sections.clone(),
            civil.items,
            civil.outside,
            civil.unresolved
        ),
        (vec![0, 1, 2], 5, 0, 1)
    );
    // It published in each of its sections, but 部门动态 missed two weeks.
    assert!(civil.silent.is_empty());
    assert_eq!(civil.sleeping, [1]);
    let finance = &cov.units[2];
    // Nothing in 通知公告 in June; 财政预决算 is yearly and not yet due.
    assert_eq!(finance.silent, [0]);
    assert!(finance.sleeping.is_empty());
    assert_eq!((finance.items, finance.outside), (1, 1));
    // A 按需 section with nothing this period is not held against its unit.
    let health = &cov.units[3];
    assert!(health.silent.is_empty() && health.sleeping.is_empty());
    assert_eq!(cov.sections[6].missing(&cov.unsure()), ["卫健委"]);
}

#[test]
fn responsibility_matrix_is_unit_by_section() {
    let sections = small_sections();
    let cov = covered(&sections, &june_items(), JUNE);
    let m = &cov.matrix;
    let labels = m.labels();
    assert_eq!(labels.len(), 8);
    assert_eq!(labels[0], "信息公开/通知公告");
    assert_eq!(
        m.units(),
        ["政府办", "民政局", "财政局", "卫健委", "城关镇"]
    );
    let col = |name: &str| -> Vec<u32> {
        let s = labels.iter().position(|label| label == name).unwrap();
        (0..m.height()).map(|row| m.count(row, s)).collect()
    };
    assert_eq!(col("信息公开/通知公告"), [0, 1, 0, 0, 0]);
    assert_eq!(col("信息公开/部门动态"), [0, 1, 1, 0, 0]);
    assert_eq!(col("重点领域/社会救助"), [0, 1, 0, 0, 0]);
    assert_eq!(col("重点领域/涉农补贴"), [0, 0, 0, 0, 1]);
    assert_eq!(col("专题/空栏目"), [0, 0, 0, 0, 0]);
}

fn one(frequency: Frequency) -> Section {
    Section::for_test(["专栏", &frequency.zh(), ""], &["民政局"], frequency)
}

/// An update on the first day of every interval judged keeps a section current; without
/// the last one, the last interval is missed — at every interval kind.
#[test]
fn every_interval_judged_needs_an_update() {
    let window = Window::whole(JUNE);
    for kind in [
        Interval::Day,
        Interval::Week,
        Interval::Month,
        Interval::Quarter,
        Interval::HalfYear,
    ] {
        let frequency = Frequency::Every(kind);
        let sections = vec![one(frequency)];
        let name = frequency.zh();
        let judged = super::spans::judged(kind, window, calendar()).unwrap();
        assert!(!judged.is_empty(), "{name}");
        let rows: Vec<(&str, Option<&str>, NaiveDate)> = judged
            .iter()
            .map(|s| ("民政局", Some(name.as_str()), s.start))
            .collect();
        let cov = covered(&sections, &items(&rows), JUNE);
        assert_eq!(cov.sections[0].status, Status::Current, "{name}");
        let cov = covered(&sections, &items(&rows[..rows.len() - 1]), JUNE);
        let s = &cov.sections[0];
        let last = judged.last().unwrap();
        assert_eq!(
            (s.status, s.judgement.missed.as_slice()),
            (
                if rows.len() > 1 {
                    Status::Sleeping
                } else {
                    Status::NeverUpdated
                },
                std::slice::from_ref(last)
            ),
            "{name}"
        );
    }
    // No year is over in June.
    let cov = covered(&[one(Frequency::Every(Interval::Year))], &items(&[]), JUNE);
    assert_eq!(cov.sections[0].status, Status::NotDue);
    assert!(cov.problems.is_empty(), "{:?}", cov.problems);
}

/// The daying-2018 regression: 实时 and 当日 sections were "overdue" one calendar day
/// after their last item, across the May Day holiday (11 S011 and 4 S012 in April).
#[test]
fn realtime_sections_are_never_overdue_for_want_of_a_daily_update() {
    let april = Period::Month {
        year: 2018,
        month: 4,
    };
    for text in ["实时", "当日", "第一时间", "当天"] {
        let sections = vec![one(super::frequency::parse(text))];
        let name = sections[0].levels[1].clone();
        let quiet = covered(&sections, &items(&[]), april);
        let last_week = items(&[("民政局", Some(name.as_str()), d(2018, 4, 25))]);
        let busy = covered(&sections, &last_week, april);
        for cov in [quiet, busy] {
            assert_eq!(cov.sections[0].status, Status::Timely, "{text}");
            assert!(cov.summary.sleeping.is_empty(), "{text}");
            let codes: Vec<&str> = cov.problems.iter().map(|p| p.code.id()).collect();
            assert!(
                !codes.iter().any(|c| ["S010", "S011", "S012"].contains(c)),
                "{text}: {codes:?}"
            );
        }
    }
}

/// Items with the day their information arose are checked against the lag in working
/// days: an event on the May Day holiday published on the next working day is in time.
#[test]
fn timeliness_is_checked_per_item_in_working_days_across_the_holiday() {
    let april_may = Period::Quarter {
        year: 2018,
        quarter: 2,
    };
    let sections = vec![one(Frequency::Within(Lag::Days(0)))];
    let mut df = items(&[
        ("民政局", Some("当天"), d(2018, 5, 2)),
        ("民政局", Some("当天"), d(2018, 4, 23)),
        ("民政局", Some("当天"), d(2018, 4, 24)),
    ])
    .lazy()
    .with_column(
        lit(Series::new(
            "arose".into(),
            [Some(d(2018, 4, 29)), Some(d(2018, 4, 20)), None],
        ))
        .alias("arose"),
    )
    .collect()
    .unwrap();
    df.rechunk_mut();
    let df = Items::new(df).unwrap();
    let cov = covered(&sections, &df, april_may);
    let s = &cov.sections[0];
    assert_eq!(
        (s.status, s.judgement.checked, s.judgement.undated),
        (Status::Late, 2, 1)
    );
    let late: Vec<&Problem> = cov
        .problems
        .iter()
        .filter(|p| p.code == Code::LatePublication)
        .collect();
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].location(), format!("{ITEMS_FILE} / 明细 / 第 3 行"));
    assert_eq!(
        late[0].message,
        "栏目「专栏/当天」要求信息产生后当天公开：本条信息产生于 2018-04-20，实际 2018-04-23 公开，晚 3 天"
    );
    assert_eq!((cov.units[0].checked, cov.units[0].late), (2, 1));
}

/// A quarter is judged once it is over; a report dated inside it judges the months that
/// are over, and nothing dated after the report date counts.
#[test]
fn a_report_dated_mid_quarter_judges_only_what_is_over() {
    let q2 = Period::Quarter {
        year: 2022,
        quarter: 2,
    };
    let mut sections = vec![
        one(Frequency::Every(Interval::Quarter)),
        one(Frequency::Every(Interval::Month)),
    ];
    sections[1].levels[1] = "月报".into();
    let df = items(&[
        ("民政局", Some("每季度"), d(2022, 6, 25)),
        ("民政局", Some("月报"), d(2022, 4, 8)),
        ("民政局", Some("月报"), d(2022, 6, 24)),
    ]);
    let mid = Window::as_of(q2, d(2022, 6, 23)).unwrap();
    let cov = check(
        &sections,
        &df,
        &no_counts(),
        mid,
        &small_units(),
        calendar(),
    )
    .unwrap();
    assert_eq!(cov.sections[0].status, Status::NotDue);
    assert_eq!(
        cov.sections[0].items, 0,
        "an item after the report date does not count"
    );
    assert_eq!(cov.sections[1].judgement.missed_text(), "2022年5月");
    assert_eq!(cov.sections[1].items, 1);
    let whole = covered(&sections, &df, q2);
    assert_eq!(whole.sections[0].status, Status::Current);
    assert_eq!(whole.sections[1].judgement.missed_text(), "2022年5月");
}

/// A count row (单位, 栏目, 数量 > 0, 月份) is an update of its section in its month.
#[test]
fn a_count_row_updates_its_section_for_its_month() {
    let sections = vec![one(Frequency::Every(Interval::Month))];
    let counts = Counts::padded(
        df!(
            "unit" => ["民政局", "民政局"],
            "month" => [202205i32, 202206],
            "section" => ["每月", "每月"],
            "count" => [4i64, 0],
        )
        .unwrap(),
    )
    .unwrap();
    let run = |period| {
        check(
            &sections,
            &items(&[]),
            &counts,
            Window::whole(period),
            &small_units(),
            calendar(),
        )
        .unwrap()
    };
    let may = run(Period::Month {
        year: 2022,
        month: 5,
    });
    assert_eq!(
        (may.sections[0].status, may.sections[0].items),
        (Status::Current, 4)
    );
    assert!(may.units[0].silent.is_empty());
    // 0 in June is no update.
    let june = run(JUNE);
    assert_eq!(june.sections[0].status, Status::Sleeping);
    assert!(
        june.problems[0]
            .message
            .ends_with("最近一次更新为 2022年5月（统计数）"),
        "{}",
        june.problems[0]
    );
}

/// A count row without a 栏目 (大英县's 气象局 counts its 16 items so) may have been in
/// any of its unit's sections, as an item without one: the unit is not called silent in
/// its month, and the items are its unplaced ones, for 责任矩阵's 未归入栏目 and the
/// report's questions 2 and 3.
#[test]
fn a_count_row_without_a_section_keeps_its_unit_from_being_called_silent() {
    let sections = vec![one(Frequency::Every(Interval::Month))];
    let counts = |month: i32| {
        let frame = df!(
            "unit" => ["民政局"],
            "month" => [month],
            "section" => [None::<&str>],
            "count" => [16i64],
        );
        Counts::padded(frame.unwrap()).unwrap()
    };
    let of = |month| {
        let cov = check(
            &sections,
            &items(&[]),
            &counts(month),
            Window::whole(JUNE),
            &small_units(),
            calendar(),
        )
        .unwrap();
        let uc = cov.units.iter().find(|u| u.unit == "民政局").unwrap();
        let silent = (cov.problems.iter()).filter(|p| p.code == Code::UnitSilent);
        (uc.silent.len(), uc.unplaced, silent.count())
    };
    assert_eq!(of(202206), (0, 16, 0));
    // May's count says nothing of June: silent, in a section that sleeps (S011, not S010).
    assert_eq!(of(202205), (1, 0, 0));
}

/// A count row whose 栏目 names no section is S013 at its row, as an item's would be,
/// and its items are the unit's unplaced ones (责任矩阵's 未归入栏目): 汤阴's 工作动态 row
/// of a statistics sheet counted in 完成情况 and vanished from 责任矩阵, with nothing said.
#[test]
fn a_count_row_of_an_unknown_section_is_s013_and_unplaced() {
    let sections = vec![one(Frequency::Every(Interval::Month))];
    let frame = df!(
        "unit" => ["民政局"],
        "month" => [202206],
        "section" => [Some("工作动态")],
        "count" => [2i64],
        "file" => ["inbox/民政局-6月统计.xlsx"],
        "sheet" => ["Sheet1"],
        "row" => [5u32],
    );
    let counts = Counts::padded(frame.unwrap()).unwrap();
    let cov = check(
        &sections,
        &items(&[]),
        &counts,
        Window::whole(JUNE),
        &small_units(),
        calendar(),
    )
    .unwrap();
    let uc = cov.units.iter().find(|u| u.unit == "民政局").unwrap();
    assert_eq!(uc.unplaced, 2);
    let s013: Vec<String> = (cov.problems.iter())
        .filter(|p| p.code == Code::UnresolvedSection)
        .map(|p| format!("{} {}", p.location(), p.message))
        .collect();
    assert_eq!(s013.len(), 1, "{s013:?}");
    // About the row's unit, for its report.
    let about = (cov.problems.iter()).find(|p| p.code == Code::UnresolvedSection);
    assert_eq!(about.and_then(|p| p.unit.as_deref()), Some("民政局"));
    assert!(
        s013[0].starts_with(
            "inbox/民政局-6月统计.xlsx / Sheet1 / 第 5 行 栏目「工作动态」不在栏目表中"
        ),
        "{s013:?}"
    );
}

#[test]
fn no_sections_and_no_items_give_an_empty_coverage() {
    let cov = covered(&[], &items(&[]), JUNE);
    assert!(cov.sections.is_empty() && cov.problems.is_empty());
    assert!(cov.matrix.labels().is_empty());
    assert_eq!(cov.summary.sections, 0);
}

#[test]
fn a_table_without_any_section_column_is_refused_as_a_sections_table() {
    let (resolver, _) = Resolver::new(small_units(), "汤阴县");
    let s = sheet(&[&["单位", "数量"], &["民政局", "3"]]);
    let (sections, problems) =
        read_sheet(&s, "reference/sections.xlsx", &resolver, &Groups::default());
    assert!(sections.is_empty());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].code, problems[0].location()),
        (
            Code::NotSectionsTable,
            "reference/sections.xlsx / Sheet1".to_string()
        )
    );
}

#[test]
fn a_section_of_many_units_is_named_as_written_not_unit_by_unit() {
    let few = Section::for_test(
        ["信息公开", "部门动态", ""],
        &["民政局", "财政局"],
        Frequency::OnDemand,
    );
    assert_eq!(
        crate::coverage::check::responsible_units(&few),
        "该栏目的保障单位：民政局、财政局"
    );
    let units: Vec<String> = (0..1200).map(|i| format!("第{i}局")).collect();
    let names: Vec<&str> = units.iter().map(String::as_str).collect();
    let mut many = Section::for_test(["工作动态", "部门动态", ""], &names, Frequency::OnDemand);
    many.responsible_text = "各部门".into();
    assert_eq!(
        crate::coverage::check::responsible_units(&many),
        "该栏目的保障单位：各部门（共 1200 个单位，见栏目表）"
    );
}

#[test]
fn a_section_under_a_pilot_domain_belongs_to_it_without_being_it() {
    let section = |levels, domain: Option<&str>| Section {
        domain: domain.map(String::from),
        ..Section::for_test(levels, &["安监局"], Frequency::OnDemand)
    };
    let within = |s: &Section| sections::domain_within(s).map(|(d, _)| d);
    let under = section(["重点领域", "安全生产", "安全生产监管"], None);
    assert_eq!(within(&under), Some("安全生产"));
    let own = section(["重点领域", "财政资金", "财政预决算"], Some("财政预决算"));
    assert_eq!(within(&own), Some("财政预决算"));
    // 环境保护 is how 大英县 writes 生态环境.
    let spelled = section(["重点领域", "环境保护", "环评信息"], None);
    assert_eq!(within(&spelled), Some("生态环境"));
    assert_eq!(
        sections::domain_within(&spelled).map(|(_, as_written)| as_written),
        Some("环境保护")
    );
    // Its own name is not looked at again: that is `domain`, read with the table.
    let plain = section(["新时政新闻", "今日大英", ""], None);
    assert_eq!(within(&plain), None);
}
