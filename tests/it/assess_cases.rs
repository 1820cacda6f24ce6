//! `zwgk assess` on small workspaces written in each test: a broken indicator table, bad
//! values in score sheets, the 栏目更新 figure, 复核 without a publicity date, a year the
//! calendar lacks, and the command-line errors. Each case checks the message and its cell.

use crate::harness::{V, Ws, sheet_text};
use crate::samples::Table;

const CONFIG: &str = "[workspace]\nname = \"大英县\"\nyear = 2021\n";

/// Units: two 部门 and a 乡镇; 总工会 is only an assessor.
fn workspace(extra_config: &str) -> Ws {
    let ws = Ws::new();
    ws.write("zwgk.toml", format!("{CONFIG}{extra_config}"));
    std::fs::create_dir_all(ws.join("inbox")).unwrap();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::T("县民政局"), V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
        ],
    );
    ws
}

/// A two-level table: 甲 (60: 甲一 40, 甲二 20) and 乙 (40: 乙一 40), all by 本办.
fn plain_table(ws: &Ws) {
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("一级分值"),
                V::T("二级指标"),
                V::T("分值"),
            ],
            vec![V::T("甲"), V::T("60分"), V::T("甲一"), V::T("40分")],
            vec![V::T("甲"), V::T("60分"), V::T("甲二"), V::T("20分")],
            vec![V::T("乙"), V::T("40分"), V::T("乙一"), V::T("40分")],
        ],
    );
}

fn problems(ws: &Ws) -> Vec<String> {
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let [code, file, sheet, cell, message] =
        ["代码", "文件", "工作表", "单元格", "说明"].map(|c| t.col(c));
    t.rows
        .iter()
        .map(|r| {
            format!(
                "{} {} / {} / {}：{}",
                r[code], r[file], r[sheet], r[cell], r[message]
            )
        })
        .collect()
}

/// Each object's unit and total, as manifest.json gives them.
fn totals(ws: &Ws) -> Vec<(String, f64)> {
    let manifest = crate::harness::manifest(ws, "2021");
    let objects = manifest["assessment"]["objects"].as_array().unwrap().iter();
    let total = |o: &serde_json::Value| {
        (
            o["unit"].as_str().unwrap().into(),
            o["total"].as_f64().unwrap(),
        )
    };
    objects.map(total).collect()
}

fn assert_has(found: &[String], expected: &[&str]) {
    for e in expected {
        assert!(
            found.iter().any(|p| p.contains(e)),
            "missing 「{e}」 in\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn a_broken_indicator_table_is_reported_at_its_cells_with_both_sums() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("一级分值"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
                V::T("适用对象"),
                V::T("数据来源"),
            ],
            vec![
                V::T("甲"),
                V::T("60分"),
                V::T("甲一"),
                V::T("40分"),
                V::T("本办"),
                V::Blank,
                V::Blank,
            ],
            vec![
                V::T("甲"),
                V::T("60分"),
                V::T("甲二"),
                V::T("15分"),
                V::T("县总公会"),
                V::Blank,
                V::Blank,
            ],
            vec![
                V::T("乙"),
                V::T("40分"),
                V::T("乙一"),
                V::T("若干"),
                V::Blank,
                V::Blank,
                V::Blank,
            ],
            vec![
                V::T("乙"),
                V::T("40分"),
                V::T("乙二"),
                V::T("40分"),
                V::Blank,
                V::T("部门"),
                V::T("考勤"),
            ],
            vec![
                V::T("乙"),
                V::T("40分"),
                V::T("乙三"),
                V::T("35分"),
                V::Blank,
                V::T("乡镇、街道"),
                V::Blank,
            ],
            vec![
                V::Blank,
                V::Blank,
                V::Blank,
                V::T("5分"),
                V::Blank,
                V::Blank,
                V::Blank,
            ],
            vec![
                V::T("甲"),
                V::T("60分"),
                V::T("甲一"),
                V::T("40分"),
                V::Blank,
                V::Blank,
                V::Blank,
            ],
        ],
    );
    let out = ws.zwgk(&["assess"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "A001 reference/indicators.xlsx / Sheet1 / B2：指标「甲」（部门）分值为 60分，其下各项之和为 55分",
            "A001 reference/indicators.xlsx / Sheet1 / B4：指标「乙」（乡镇）分值为 40分，其下各项之和为 35分",
            "A003 reference/indicators.xlsx / Sheet1 / D4：分值「若干」无法识别",
            "A005 reference/indicators.xlsx / Sheet1 / E3：考核单位「县总公会」不在单位名称表中",
            "A001 reference/indicators.xlsx / Sheet1 / B2：指标「甲」（乡镇）分值为 60分，其下各项之和为 55分",
            "A004 reference/indicators.xlsx / Sheet1 / D8：指标「甲/甲一」在指标体系中重复出现（另见第 2 行）",
            "A006 reference/indicators.xlsx / Sheet1 / F6：适用对象「街道」不是单位名称表中的类别（现有类别：部门、乡镇）",
            "A007 reference/indicators.xlsx / Sheet1 / G5：数据来源「考勤」无法识别",
            "A025 reference/indicators.xlsx / Sheet1 / D7：指标名称为空",
        ],
    );
    // 部门: 甲 60 (declared) + 乙 40 = 100; 乡镇: 甲 60 + 乙 40 = 100 — the declared points
    // stand for the sum; the groups' own items are what is off. The duplicate 甲一 and
    // the row without points count in no sum.
    assert!(!found.iter().any(|p| p.starts_with("A002")), "{found:?}");
    assert_annexes_withheld(&ws, &out.stdout);
}

/// Scores resting on an indicator table whose points do not add up (A001, A002) are
/// not fit to publish: neither annex is written (nor an earlier one left), and the run
/// says why; the workbook still shows everything.
fn assert_annexes_withheld(ws: &Ws, stdout: &str) {
    assert!(
        stdout.contains(
            "未写出：out/2021/附件-公示.xlsx、out/2021/附件-结果.xlsx（指标体系表的分值对不上（A001、A002）"
        ),
        "{stdout}"
    );
    assert!(ws.join("out/2021/考核结果-2021.xlsx").exists());
    assert!(!ws.join("out/2021/附件-公示.xlsx").exists());
    assert!(!ws.join("out/2021/附件-结果.xlsx").exists());
}

#[test]
fn a_category_whose_top_level_is_not_100_is_named_with_its_sum() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("适用对象"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::Blank],
            vec![V::T("乙"), V::T("乙一"), V::T("40分"), V::T("部门")],
            vec![V::T("乙"), V::T("乙二"), V::T("35分"), V::T("乡镇")],
        ],
    );
    // An earlier run's annexes do not outlive the mistake.
    ws.write("out/2021/附件-公示.xlsx", "earlier");
    let out = ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &[
            "A002 reference/indicators.xlsx / Sheet1 / C2：「乡镇」类考核对象的一级指标分值之和为 95，应为 100",
        ],
    );
    assert_annexes_withheld(&ws, &out.stdout);
}

#[test]
fn bad_values_in_score_sheets_are_refused_at_their_cells() {
    let ws = workspace("[assessment]\nassessors = [\"总工会\"]\n");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
                V::T("佐证要求"),
            ],
            vec![
                V::T("甲"),
                V::T("甲一"),
                V::T("60分"),
                V::T("本办"),
                V::T("专题链接"),
            ],
            vec![
                V::T("甲"),
                V::T("甲二"),
                V::T("40分"),
                V::T("本办"),
                V::Blank,
            ],
            vec![
                V::T("倒扣"),
                V::T("企事业办事公开"),
                V::T("0-8分"),
                V::T("县总工会"),
                V::Blank,
            ],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分"), V::T("市级扣分")],
            vec![V::T("民政局"), V::T("甲一"), V::T("优"), V::Blank],
            vec![V::T("民政局"), V::T("甲二"), V::N(40.0), V::Blank],
            vec![V::T("财政局"), V::T("企事业办事公开"), V::Blank, V::N(1.0)],
        ],
    );
    ws.xlsx(
        "inbox/财政局自评.xlsx",
        &[
            vec![V::T("填报单位：财政局")],
            vec![V::T("指标"), V::T("得分"), V::T("佐证链接")],
            vec![V::T("甲一"), V::N(55.0), V::Blank],
            vec![V::T("甲二"), V::T("38分"), V::T("http://x")],
        ],
    );
    ws.xlsx(
        "inbox/民政局给财政局打分.xlsx",
        &[
            vec![V::T("填报单位：民政局")],
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("财政局"), V::T("甲一"), V::N(50.0)],
        ],
    );
    let out = ws.zwgk(&["assess"]);
    assert_eq!(out.code, 1);
    assert_has(
        &problems(&ws),
        &[
            "A013 inbox/本办评分.xlsx / Sheet1 / C2：得分「优」不是数字",
            "A024 inbox/本办评分.xlsx / Sheet1 / D4：市级扣分只记在倒扣项的考核单位名下（指标「企事业办事公开」，考核单位：总工会）",
            "A016 inbox/财政局自评.xlsx / Sheet1 / B3：财政局的自评得分没有佐证链接（指标「甲/甲一」要求：专题链接）",
            "A011 inbox/民政局给财政局打分.xlsx / Sheet1 / C3：民政局不是指标「甲/甲一」的考核单位（应由本办评分）",
            "A017 reference/indicators.xlsx / Sheet1 / C4：总工会未对民政局、财政局、蓬莱镇 3 个考核对象的指标「倒扣/企事业办事公开」评分，不扣分",
        ],
    );
    // A missing link is the self-evaluating unit's to add, whatever the office calls
    // the exercise (考核, 评估).
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let a016 = (t.rows.iter())
        .find(|r| r[t.col("代码")] == "A016")
        .unwrap();
    assert_eq!(a016[t.col("建议")], "请报送单位在自评表中补充佐证链接");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let objects = manifest["assessment"]["objects"].as_array().unwrap();
    // 民政局: 甲一 refused (not a number) and missing, 甲二 40.
    assert_eq!(objects[0]["total"], 40.0);
    assert_eq!(objects[1]["self_total"], 93.0);
    // It is missing because its value is no number, at its cell: not “未评分” (it was,
    // and A017 said 本办 had not scored it).
    let missing = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "缺评清单");
    let [unit, item] = ["单位", "二级指标"].map(|c| missing.col(c));
    let row = (missing.rows.iter())
        .find(|r| r[unit] == "民政局" && r[item] == "甲一")
        .expect("民政局 甲一 in 缺评清单");
    assert_eq!(row[missing.col("原因")], "「优」不是数字未计");
    assert_eq!(
        row[missing.col("位置")],
        "inbox/本办评分.xlsx / Sheet1 / C2"
    );
    let found = problems(&ws);
    let a017 = found
        .iter()
        .find(|p| p.starts_with("A017") && p.contains("甲/甲一"));
    assert!(a017.is_none(), "{found:?}");
}

/// Seed 001: “若市上对此项有扣分，则双倍扣减县政府办分值” on a 0-6分 deduction item. Two
/// rows for one unit and item are both taken off, and a doubled deduction beyond the
/// item's points is taken off in full; each is said at its cell (A035, A036), since the
/// seed says neither whether one deduction may come twice nor whether it stops at 6.
#[test]
fn city_deductions_twice_or_beyond_the_item_are_taken_off_and_said() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::T("本办")],
            vec![V::T("甲"), V::T("甲二"), V::T("40分"), V::T("本办")],
            vec![
                V::T("倒扣"),
                V::T("机关内部事务公开"),
                V::T("0-6分"),
                V::T("民政局"),
            ],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![
                V::T("单位"),
                V::T("指标"),
                V::T("得分"),
                V::T("市级扣分"),
                V::T("扣分原因"),
            ],
            vec![V::T("民政局"), V::T("甲一"), V::N(60.0), V::Blank],
            vec![V::T("民政局"), V::T("甲二"), V::N(40.0), V::Blank],
            vec![
                V::T("民政局"),
                V::T("机关内部事务公开"),
                V::Blank,
                V::T("2分"),
                V::T("市考核：干部任免未公开"),
            ],
            vec![
                V::T("民政局"),
                V::T("机关内部事务公开"),
                V::Blank,
                V::N(2.0),
            ],
            vec![
                V::T("民政局"),
                V::T("机关内部事务公开"),
                V::Blank,
                V::N(0.5),
            ],
            vec![V::T("财政局"), V::T("甲一"), V::N(60.0), V::Blank],
            vec![V::T("财政局"), V::T("甲二"), V::N(40.0), V::Blank],
            vec![V::T("蓬莱镇"), V::T("甲一"), V::N(60.0), V::Blank],
            vec![V::T("蓬莱镇"), V::T("甲二"), V::N(40.0), V::Blank],
        ],
    );
    ws.xlsx(
        "inbox/民政局扣分.xlsx",
        &[
            vec![V::T("填报单位：民政局")],
            vec![V::T("单位"), V::T("指标"), V::T("扣分")],
            vec![V::T("财政局"), V::T("机关内部事务公开"), V::N(1.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "A035 inbox/本办评分.xlsx / Sheet1 / D4：民政局的指标「倒扣/机关内部事务公开」有 3 行市级扣分（D4、D5、D6），均已扣减",
            "A036 inbox/本办评分.xlsx / Sheet1 / D4：民政局的指标「倒扣/机关内部事务公开」市级扣分共 4.5 分，按 2 倍扣减 9 分，超过该项倒扣分值 0—6 分",
        ],
    );
    // Only 民政局's: 财政局's own deduction of 1 is no city deduction.
    assert_eq!(
        found.iter().filter(|p| p.starts_with("A03")).count(),
        2,
        "{found:?}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let totals: Vec<f64> = (manifest["assessment"]["objects"].as_array().unwrap().iter())
        .map(|o| o["total"].as_f64().unwrap())
        .collect();
    // 民政局 loses every row, doubled; 财政局 its own 1.
    assert_eq!(totals[..2], [91.0, 99.0]);
    // The problem shows the cells as written; 分项得分 each row with its reason.
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let a035 = (t.rows.iter())
        .find(|r| r[t.col("代码")] == "A035")
        .unwrap();
    assert_eq!(a035[t.col("原始值")], "2分、2、0.5");
    let lines = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "分项得分");
    let city: Vec<String> = (lines.rows.iter())
        .filter(|r| r[lines.col("来源")].starts_with("市级扣分"))
        .map(|r| format!("{} {}", r[lines.col("计入得分")], r[lines.col("扣分原因")]))
        .collect();
    assert_eq!(city, ["-4 市考核：干部任免未公开", "-4 ", "-1 "]);
}

/// A row with both a 得分 and a 扣分 that do not agree (30 and 5 of 40) counts its 得分
/// and says so at its cell (A037); one that agrees says nothing.
#[test]
fn a037_a_score_and_a_deduction_that_disagree_are_said_and_the_score_counts() {
    let ws = workspace("");
    plain_table(&ws);
    let row = |unit: &'static str, item: &'static str, score: f64, taken: f64| {
        vec![V::T(unit), V::T(item), V::N(score), V::N(taken)]
    };
    let mut rows = vec![vec![V::T("单位"), V::T("指标"), V::T("得分"), V::T("扣分")]];
    for unit in ["民政局", "财政局", "蓬莱镇"] {
        let first = if unit == "民政局" { 30.0 } else { 35.0 };
        rows.extend([
            row(unit, "甲一", first, 5.0),
            row(unit, "甲二", 20.0, 0.0),
            row(unit, "乙一", 40.0, 0.0),
        ]);
    }
    ws.xlsx("inbox/本办评分.xlsx", &rows);
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    let a037: Vec<&String> = found.iter().filter(|p| p.starts_with("A037")).collect();
    assert_eq!(
        a037,
        [
            "A037 inbox/本办评分.xlsx / Sheet1 / C2：得分 30 与扣分 5 不一致（指标「甲/甲一」分值 40 分，减去扣分为 35 分），已按得分计入"
        ],
        "{found:?}"
    );
    let totals: Vec<f64> = totals(&ws).into_iter().map(|(_, t)| t).collect();
    assert_eq!(totals, [90.0, 95.0, 95.0]);
}

/// A self-assessment whose 填报单位 is misspelt is not counted (U001), and the results of
/// the unit its file is named after say so, not that nothing came.
#[test]
fn a_self_assessment_whose_unit_is_misspelt_is_said_to_have_come_uncounted() {
    let ws = workspace("");
    plain_table(&ws);
    let own = |unit: &'static str| {
        vec![
            vec![V::T(unit)],
            vec![V::T("指标"), V::T("得分")],
            vec![V::T("甲一"), V::N(40.0)],
            vec![V::T("甲二"), V::N(20.0)],
            vec![V::T("乙一"), V::N(40.0)],
        ]
    };
    ws.xlsx("inbox/财政局自评.xlsx", &own("填报单位：财政局"));
    ws.xlsx("inbox/民政局自评.xlsx", &own("填报单位：民正局"));
    ws.zwgk(&["assess"]);
    // Under the title row, the header.
    let t = crate::harness::sheet_text(&ws.join("out/2021/考核结果-2021.xlsx"), "总分排名");
    let col = |label: &str| t[1].iter().position(|h| h == label).unwrap();
    let remark = |unit: &str| {
        let row = (t.iter())
            .find(|r| r[col("单位")] == unit)
            .expect("unit row");
        row[col("说明")].clone()
    };
    assert!(
        remark("民政局").contains(
            "未收到可计入的本年度自评表：inbox/民政局自评.xlsx 的填报单位「民正局」无法识别，未计入"
        ),
        "{}",
        remark("民政局")
    );
    assert!(
        remark("蓬莱镇").contains("未收到本年度自评表"),
        "{}",
        remark("蓬莱镇")
    );
    assert!(!remark("财政局").contains("自评表"), "{}", remark("财政局"));
}

/// An indicator table whose 一级指标 and 一级分值 are written once over their 二级指标,
/// the cells below left blank rather than merged, reads as the merged table does.
#[test]
fn an_indicator_written_once_over_its_items_holds_the_rows_below_it() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("一级分值"),
                V::T("二级指标"),
                V::T("分值"),
            ],
            vec![V::T("甲"), V::T("60分"), V::T("甲一"), V::T("40分")],
            vec![V::Blank, V::Blank, V::T("甲二"), V::T("20分")],
            vec![V::T("乙"), V::T("40分"), V::T("乙一"), V::T("40分")],
        ],
    );
    let row = |unit: &'static str, item: &'static str, score: f64| {
        vec![V::T(unit), V::T(item), V::N(score)]
    };
    let mut rows = vec![vec![V::T("单位"), V::T("二级指标"), V::T("得分")]];
    for unit in ["民政局", "财政局", "蓬莱镇"] {
        rows.extend([
            row(unit, "甲一", 40.0),
            row(unit, "甲二", 15.0),
            row(unit, "乙一", 40.0),
        ]);
    }
    ws.xlsx("inbox/本办评分.xlsx", &rows);
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    let errors: Vec<&String> = (found.iter())
        .filter(|p| {
            ["A001", "A002", "A010", "A017"]
                .iter()
                .any(|c| p.starts_with(c))
        })
        .collect();
    assert!(errors.is_empty(), "{found:?}");
    let lines = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "分项得分");
    let [unit, level1, item] = ["单位", "一级指标", "二级指标"].map(|c| lines.col(c));
    let second = (lines.rows.iter())
        .find(|r| r[unit] == "民政局" && r[item] == "甲二")
        .expect("民政局 甲二");
    assert_eq!(second[level1], "甲");
    let totals: Vec<f64> = totals(&ws).into_iter().map(|(_, t)| t).collect();
    assert_eq!(totals, [95.0, 95.0, 95.0]);
}

/// A wide score sheet whose column of 甲二 is headed with a name the table does not
/// have: one A009 at the header, and 甲二 is missing for that reason at each unit's cell,
/// not “未评分” (A017), which a published annex would repeat.
#[test]
fn a_wide_sheets_unknown_column_is_said_once_and_is_why_its_item_is_missing() {
    let ws = workspace("");
    plain_table(&ws);
    let row = |unit: &'static str, a: f64, b: f64, c: f64| {
        vec![V::T(unit), V::N(a), V::N(b), V::N(c), V::N(a + b + c)]
    };
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![
                V::T("单位"),
                V::T("甲一"),
                V::T("甲二公布"),
                V::T("乙一"),
                V::T("总分"),
            ],
            row("民政局", 40.0, 20.0, 40.0),
            row("财政局", 30.0, 10.0, 40.0),
            row("蓬莱镇", 40.0, 15.0, 30.0),
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    let a009: Vec<&String> = found.iter().filter(|p| p.starts_with("A009")).collect();
    assert_eq!(a009.len(), 1, "{found:?}");
    assert!(a009[0].contains("Sheet1 / C1"), "{a009:?}");
    assert!(!found.iter().any(|p| p.starts_with("A017")), "{found:?}");
    let missing = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "缺评清单");
    let [unit, item, why, at] = ["单位", "二级指标", "原因", "位置"].map(|c| missing.col(c));
    let rows: Vec<String> = (missing.rows.iter())
        .map(|r| format!("{} {} {} {}", r[unit], r[item], r[why], r[at]))
        .collect();
    let why = "未评分：本单位在该考核单位的评分表中另有得分，其指标名称无法识别，未计入，请核对";
    assert_eq!(
        rows,
        [
            format!("民政局 甲二 {why} inbox/本办评分.xlsx / Sheet1 / C2"),
            format!("财政局 甲二 {why} inbox/本办评分.xlsx / Sheet1 / C3"),
            format!("蓬莱镇 甲二 {why} inbox/本办评分.xlsx / Sheet1 / C4"),
        ]
    );
}

/// Seed 001: 乡镇(街道)和村务(社区)政务公开 is assessed by 县民政局 for 乡镇 and 社区,
/// and “若市上对此项有扣分，则双倍扣减县民政局分值”: the city's deduction is taken from
/// 民政局, though 民政局 is no object of the item.
#[test]
fn a_city_deduction_goes_to_the_lead_unit_of_an_item_it_is_no_object_of() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
                V::T("适用对象"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::T("本办")],
            vec![V::T("甲"), V::T("甲二"), V::T("40分"), V::T("本办")],
            vec![
                V::T("倒扣"),
                V::T("乡镇(街道)和村务(社区)政务公开"),
                V::T("0-8分"),
                V::T("县民政局"),
                V::T("乡镇"),
            ],
        ],
    );
    let row = |unit: &'static str, item: &'static str, score: V<'static>, city: V<'static>| {
        vec![V::T(unit), V::T(item), score, city]
    };
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            row("单位", "指标", V::T("得分"), V::T("市级扣分")),
            row("民政局", "甲一", V::N(60.0), V::Blank),
            row("民政局", "甲二", V::N(40.0), V::Blank),
            row(
                "民政局",
                "乡镇(街道)和村务(社区)政务公开",
                V::Blank,
                V::N(1.5),
            ),
            row("财政局", "甲一", V::N(60.0), V::Blank),
            row("财政局", "甲二", V::N(40.0), V::Blank),
            row("蓬莱镇", "甲一", V::N(60.0), V::Blank),
            row("蓬莱镇", "甲二", V::N(40.0), V::Blank),
        ],
    );
    ws.xlsx(
        "inbox/民政局扣分.xlsx",
        &[
            vec![V::T("填报单位：民政局")],
            vec![V::T("单位"), V::T("指标"), V::T("扣分")],
            vec![
                V::T("蓬莱镇"),
                V::T("乡镇(街道)和村务(社区)政务公开"),
                V::N(2.0),
            ],
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    assert!(!found.iter().any(|p| p.starts_with("A024")), "{found:?}");
    let totals = totals(&ws);
    let total = |unit: &str| totals.iter().find(|(u, _)| u == unit).map(|(_, t)| *t);
    // 1.5 doubled from 民政局; 蓬莱镇 loses the 2 民政局 took off.
    assert_eq!(
        [total("民政局"), total("财政局"), total("蓬莱镇")],
        [Some(97.0), Some(100.0), Some(98.0)],
        "{totals:?}"
    );
}

#[test]
fn appeals_without_a_publicity_date_are_not_applied_nor_the_final_annex_written_and_a_year_without_a_calendar_is_k001()
 {
    const DAYS: &str = "[assessment]\nappeal_days = 3\n";
    let ws = workspace(DAYS);
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
        ],
    );
    appeals_table(
        &ws,
        vec![[
            V::T("民政局"),
            V::T("甲一"),
            V::T("2021-12-31"),
            V::N(35.0),
            V::T("同意"),
        ]],
    );
    // A final annex of a run with the date is removed: without it, 复核 is pending and
    // the results are not final.
    ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    let annex = ws.join("out/2021/附件-结果.xlsx");
    assert!(annex.exists());
    let out = ws.zwgk(&["assess"]);
    assert!(
        out.stdout.contains(
            "未写出：out/2021/附件-结果.xlsx（复核申请尚未处理，考核结果不是最终结果；写明公示日期后再运行）"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("已写入：out/2021/附件-结果.xlsx"));
    assert!(!annex.exists());
    // 公示 without a date prints seed 004's sentence as it stands, ready for one.
    let publicity = sheet_text(&ws.join("out/2021/附件-公示.xlsx"), "公示");
    let note = publicity.last().unwrap().join("");
    assert!(
        note.starts_with("对考核结果有异议的，须在公示之日起3个工作日内向")
            && note.ends_with("提出复核申请。"),
        "{note}"
    );
    let manifest = std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap();
    assert!(!manifest.contains("附件-结果.xlsx"), "{manifest}");
    assert_has(
        &problems(&ws),
        &["A021 reference/appeals.xlsx /  / ：没有公示日期"],
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let appeals = Table::read(&book, "复核情况");
    assert_eq!(appeals.rows[0][appeals.col("处理")], "无公示日期，未采用");

    // A year the calendar lacks (2099, assessed as such: a publicity date outside the
    // assessed year and the next is refused as a typo).
    ws.write(
        "zwgk.toml",
        format!("{}{DAYS}", CONFIG.replace("2021", "2099")),
    );
    appeals_table(
        &ws,
        vec![[
            V::T("民政局"),
            V::T("甲一"),
            V::T("2099-12-31"),
            V::N(35.0),
            V::T("同意"),
        ]],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2099-12-30"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("复核截止日无法计算"), "{}", out.stdout);
    let book = ws.join("out/2099/考核结果-2099.xlsx");
    let listed = Table::read(&book, "问题清单");
    let codes: Vec<&str> = (listed.rows.iter())
        .map(|r| r[listed.col("代码")].as_str())
        .collect();
    assert!(codes.contains(&"K001"), "{codes:?}");
    // A publicity date there is: the applications wait for a deadline, not for a date.
    assert!(!codes.contains(&"A021"), "{codes:?}");
    assert!(
        out.stdout.contains("复核截止日无法计算未处理 1 件")
            && out
                .stdout
                .contains("考核结果不是最终结果；复核截止日无法计算，升级 zwgk 后再运行"),
        "{}",
        out.stdout
    );
    let appeals = Table::read(&book, "复核情况");
    assert_eq!(
        appeals.rows[0][appeals.col("处理")],
        "复核截止日无法计算，未采用"
    );
}

/// `reference/appeals.xlsx` with a header and `rows` (单位, 指标, 申请日期, 复核得分, 复核意见).
fn appeals_table(ws: &Ws, rows: Vec<[V<'_>; 5]>) {
    let mut table = vec![vec![
        V::T("单位"),
        V::T("指标"),
        V::T("申请日期"),
        V::T("复核得分"),
        V::T("复核意见"),
    ]];
    table.extend(rows.into_iter().map(Vec::from));
    ws.xlsx("reference/appeals.xlsx", &table);
}

/// Only seed 004 sets a time limit for 复核 (3 working days); seeds 001 and 003 set
/// none. Without `appeal_days` no application is late, and the 公示 annex makes up no
/// deadline: a supervisor read 台江's rule printed under 淮南's and 大英's results.
#[test]
fn without_a_time_limit_no_appeal_is_late_and_the_annex_sets_none() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
        ],
    );
    appeals_table(
        &ws,
        vec![[
            V::T("民政局"),
            V::T("甲一"),
            V::T("2022-01-20"),
            V::N(35.0),
            V::T("同意"),
        ]],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("复核期限：未规定（zwgk.toml 的 [assessment] 中没有 appeal_days）"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("复核申请：1 件，采用 1 件，逾期 0 件"),
        "{}",
        out.stdout
    );
    let publicity = sheet_text(&ws.join("out/2021/附件-公示.xlsx"), "公示");
    let note = publicity.last().unwrap().join("");
    assert!(
        note.starts_with("公示日期：2021年12月30日。对考核结果有异议的，请向")
            && !note.contains("工作日"),
        "{note}"
    );
    let manifest = std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(
        manifest["assessment"]["appeal_deadline"],
        serde_json::Value::Null
    );
    assert_eq!(manifest["assessment"]["objects"][0]["total"], 35.0);
}

/// Seed 004: 复核 is applied for 公示之日起 3 个工作日内 — the window opens on the
/// publicity date. An application dated the day before is A028 and changes nothing; one
/// dated on the publicity date itself is applied.
#[test]
fn an_appeal_dated_before_the_publicity_date_is_a028_and_not_applied() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(10.0)],
        ],
    );
    appeals_table(
        &ws,
        vec![
            [
                V::T("民政局"),
                V::T("甲一"),
                V::T("2021-12-29"),
                V::N(35.0),
                V::T("公示前"),
            ],
            [
                V::T("财政局"),
                V::T("甲一"),
                V::T("2021-12-30"),
                V::N(20.0),
                V::T("公示当天"),
            ],
        ],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    assert!(
        out.stdout.contains(
            "复核申请：2 件，采用 1 件，逾期 0 件，公示前申请 1 件，无公示日期未处理 0 件"
        ),
        "{}",
        out.stdout
    );
    assert_has(
        &problems(&ws),
        &[
            "A028 reference/appeals.xlsx / Sheet1 / C2：复核申请日期 2021-12-29 早于公示日期 2021-12-30，未采用",
        ],
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let appeals = Table::read(&book, "复核情况");
    let done = appeals.col("处理");
    assert_eq!(appeals.rows[0][done], "公示前申请，未采用");
    assert_eq!(appeals.rows[1][done], "已采用");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let a = &manifest["assessment"];
    assert_eq!(a["appeals"]["early"], 1);
    assert_eq!(a["appeals"]["applied"], 1);
    let objects = a["objects"].as_array().unwrap();
    // 民政局 keeps its 30; 财政局's 10 becomes 20.
    assert_eq!(objects[0]["total"], 30.0);
    assert_eq!(objects[1]["total"], 20.0);
}

/// Two decisions in time on one object and indicator: different scores are an error at
/// both rows (A033) and neither is applied, so the published score stands; the same
/// score twice is applied once (A014 at the later row), and 「原 … 分」 is the score
/// before 复核, not one 复核 set.
#[test]
fn a033_conflicting_appeals_apply_neither_and_a_repeated_one_applies_once() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(10.0)],
        ],
    );
    let row = |unit, date, score| [V::T(unit), V::T("甲一"), V::T(date), V::N(score), V::Blank];
    appeals_table(
        &ws,
        vec![
            row("民政局", "2021-12-31", 35.0),
            row("财政局", "2021-12-31", 20.0),
            row("民政局", "2022-01-04", 25.0),
            row("财政局", "2022-01-04", 20.0),
        ],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    assert!(
        out.stdout.contains(
            "复核申请：4 件，采用 1 件，逾期 0 件，无公示日期未处理 0 件，复核得分不一致未采用 2 件，重复 1 件（已按另一件采用）"
        ),
        "{}",
        out.stdout
    );
    let conflict = "民政局的指标「甲/甲一」有不同的复核得分：D2 为 35 分，D4 为 25 分；均未采用，仍按复核前的得分计";
    assert_has(
        &problems(&ws),
        &[
            &format!("A033 reference/appeals.xlsx / Sheet1 / D2：{conflict}"),
            &format!("A033 reference/appeals.xlsx / Sheet1 / D4：{conflict}"),
            "A014 reference/appeals.xlsx / Sheet1 / D5：财政局的指标「甲/甲一」重复评分（另见 D3）",
        ],
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let lines = Table::read(&book, "分项得分");
    let [unit, item, score, source] =
        ["单位", "二级指标", "计入得分", "来源"].map(|c| lines.col(c));
    let line = |u: &str| {
        let found = lines
            .rows
            .iter()
            .find(|r| r[unit] == u && r[item] == "甲一");
        found.unwrap().clone()
    };
    assert_eq!(
        (&line("民政局")[score][..], &line("民政局")[source][..]),
        ("30", "本办评分")
    );
    assert_eq!(line("财政局")[score], "20");
    assert_eq!(line("财政局")[source], "复核调整（原 10 分）");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let a = &manifest["assessment"];
    assert_eq!(a["appeals"]["conflicting"], 2);
    assert_eq!(a["appeals"]["repeated"], 1);
    let inputs = a["inputs"].as_array().unwrap();
    let table = inputs
        .iter()
        .find(|i| i["path"] == "reference/appeals.xlsx");
    let sheet = &table.unwrap()["sheets"][0];
    assert_eq!(
        (&sheet["rows_accepted"], &sheet["rows_rejected"]),
        (&2.into(), &2.into())
    );
}

/// Every row of the appeals table is in 复核情况 with what became of it, the screen
/// counts them all, and the advice on the office's own table asks nobody to send it again.
#[test]
fn every_row_of_the_appeals_table_is_in_the_review_sheet_with_its_disposition() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
        ],
    );
    let row = |unit, item, date, score| [V::T(unit), V::T(item), V::T(date), score, V::Blank];
    appeals_table(
        &ws,
        vec![
            row("民政局", "甲一", "2021-12-31", V::N(35.0)),
            row("经开区", "甲一", "2021-12-31", V::N(3.0)),
            row("民政局", "疫苗接种", "2021-12-31", V::N(3.0)),
            row("财政局", "甲一", "2021-12-31", V::N(50.0)),
            row("财政局", "甲二", "2021-12-31", V::Blank),
            row("财政局", "乙一", "12月31日前", V::N(3.0)),
        ],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    assert!(
        out.stdout.contains(
            "复核申请：6 件，采用 1 件，逾期 0 件，无公示日期未处理 0 件，填写有误未采用 5 件（见复核情况）"
        ),
        "{}",
        out.stdout
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let sheet = Table::read(&book, "复核情况");
    let [unit, item, score, done] = ["单位", "指标", "复核得分", "处理"].map(|c| sheet.col(c));
    let shown: Vec<String> = (sheet.rows.iter())
        .map(|r| format!("{} {} {}：{}", r[unit], r[item], r[score], r[done]))
        .collect();
    assert_eq!(
        shown,
        [
            "民政局 甲/甲一 35：已采用",
            "经开区 甲一 3：未采用：单位无法识别",
            "民政局 疫苗接种 3：未采用：指标无法识别",
            "财政局 甲/甲一 50：未采用：复核得分超出分值",
            "财政局 甲/甲二 ：未采用：复核得分为空",
            "财政局 乙/乙一 3：未采用：申请日期无法识别",
        ]
    );
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "A029 reference/appeals.xlsx / Sheet1 / D6：复核得分为空，本行未计入",
            "A030 reference/appeals.xlsx / Sheet1 / D5：复核得分 50 超出指标「甲/甲一」的范围 0—40，本行未采用",
        ],
    );
    assert!(!found.iter().any(|p| p.contains("「」")), "{found:?}");
    let t = Table::read(&book, "问题清单");
    let [file, advice] = ["文件", "建议"].map(|c| t.col(c));
    // Each shows the cell as written.
    let [code, value] = ["代码", "原始值"].map(|c| t.col(c));
    let values: Vec<String> = (t.rows.iter())
        .filter(|r| r[file] == "reference/appeals.xlsx")
        .map(|r| format!("{} {}", r[code], r[value]))
        .collect();
    assert_eq!(
        values,
        [
            "U001 经开区",
            "A009 疫苗接种",
            "A030 50",
            "A029 ",
            "V001 12月31日前"
        ]
    );
    for r in t
        .rows
        .iter()
        .filter(|r| r[file] == "reference/appeals.xlsx")
    {
        assert!(
            r[advice].contains("请在复核结果表中") && !r[advice].contains("重新报送"),
            "{r:?}"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["assessment"]["appeals"]["refused"], 5);
}

/// Every score sheet read is in one of the counts: a sheet none of whose values counted
/// (a unit scoring another unit) is left out with the others, each with its reason.
#[test]
fn every_score_sheet_read_is_counted_and_the_left_out_ones_say_why() {
    let ws = workspace("");
    plain_table(&ws);
    let scores = |unit: &'static str, score: f64| {
        vec![
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T(unit), V::T("甲一"), V::N(score)],
        ]
    };
    ws.xlsx("inbox/本办评分.xlsx", &scores("民政局", 30.0));
    ws.xlsx("inbox/2020年本办评分.xlsx", &scores("民政局", 20.0));
    let sent = |by: &'static str, unit: &'static str| {
        let mut rows = vec![vec![V::T(by)]];
        rows.extend(scores(unit, 10.0));
        rows
    };
    ws.xlsx("inbox/财政局自评.xlsx", &sent("填报单位：财政局", "财政局"));
    ws.xlsx("inbox/民政局代评.xlsx", &sent("填报单位：民政局", "财政局"));
    ws.xlsx("inbox/不明评分.xlsx", &sent("填报单位：经开区", "财政局"));
    let out = ws.zwgk(&["assess"]);
    assert!(
        out.stdout.contains(
            "评分工作表：考核 1 张，自评 1 张，未计入 3 张（其他年度 1 张、填报单位无法识别 1 张、没有可计入的得分 1 张）"
        ),
        "{}",
        out.stdout
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let sheets = &manifest["assessment"]["score_sheets"];
    assert_eq!(sheets["left_out"], 3);
    assert_eq!(sheets["left_out_why"]["nothing_counted"], 1);
}

/// When no score sheet of the office's is counted (all for another year: a wrong
/// `--year`), every unit would be published at 0 and ranked first: neither annex is
/// written, and the run says why.
#[test]
fn without_a_score_sheet_of_the_year_no_annex_is_written() {
    let ws = workspace("");
    // 甲二 is 财政局's to score, the rest 本办's.
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::T("本办")],
            vec![V::T("甲"), V::T("甲二"), V::T("40分"), V::T("财政局")],
        ],
    );
    let scores = |by: &'static str, item: &'static str, score: f64| {
        vec![
            vec![V::T(by)],
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T(item), V::N(score)],
        ]
    };
    let withheld = |ws: &Ws| {
        let out = ws.zwgk(&["assess"]);
        let said = out.stdout.contains(
            "未写出：out/2021/附件-公示.xlsx、out/2021/附件-结果.xlsx（没有计入本办的考核评分表",
        );
        assert!(ws.join("out/2021/考核结果-2021.xlsx").exists());
        (
            said,
            ws.join("out/2021/附件-公示.xlsx").exists(),
            out.stdout,
        )
    };
    ws.xlsx("inbox/2020年本办评分.xlsx", &scores("", "甲一", 20.0));
    let (said, written, stdout) = withheld(&ws);
    assert!(said && !written, "{stdout}");
    // 财政局's sheet of the year does not make the office's results publishable.
    ws.xlsx(
        "inbox/财政局评分.xlsx",
        &scores("填报单位：财政局", "甲二", 30.0),
    );
    let (said, written, stdout) = withheld(&ws);
    assert!(said && !written, "{stdout}");
    // With the office's sheet of the year, the annexes are written.
    ws.xlsx("inbox/本办评分.xlsx", &scores("", "甲一", 50.0));
    let (said, written, stdout) = withheld(&ws);
    assert!(!said && written, "{stdout}");
}

/// A unit's own self-evaluation is the reporting unit's to put right: its problems ask
/// 报送单位, while the same problem on 本办's assessment still asks 考核单位.
#[test]
fn advice_on_a_self_evaluation_addresses_the_reporting_unit() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(45.0)],
        ],
    );
    let own = |by| {
        vec![
            vec![V::T(by)],
            vec![V::T("指标"), V::T("得分")],
            vec![V::T("甲一"), V::N(45.0)],
        ]
    };
    ws.xlsx("inbox/财政局自评.xlsx", &own("填报单位：财政局"));
    ws.xlsx("inbox/民政局-2020年自评表.xlsx", &own("填报单位：民政局"));
    ws.zwgk(&["assess"]);
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let [code, file, advice] = ["代码", "文件", "建议"].map(|c| t.col(c));
    let advice_of = |f: &str, c: &str| {
        let row = t.rows.iter().find(|r| r[file] == f && r[code] == c);
        row.map(|r| r[advice].clone()).unwrap_or_default()
    };
    assert_eq!(
        advice_of("inbox/财政局自评.xlsx", "A012"),
        "请报送单位核实自评得分后重新报送"
    );
    assert_eq!(
        advice_of("inbox/民政局-2020年自评表.xlsx", "A008"),
        "请报送单位报送本年度的自评表"
    );
    assert_eq!(
        advice_of("inbox/本办评分.xlsx", "A012"),
        "请考核单位核实得分后重新报送"
    );
}

/// A score refused as out of range leaves the indicator 缺评 in the 公示; once 复核
/// fills it, the results workbook still traces the published 缺评: 缺评清单 lists it with
/// the refused cell and what 复核 did, 分项得分 says what the original was. A 缺评 for
/// two different scores cites both cells.
#[test]
fn a_missing_score_filled_by_review_is_traced_to_its_refused_cell() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(45.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(20.0)],
        ],
    );
    appeals_table(
        &ws,
        vec![[
            V::T("民政局"),
            V::T("甲一"),
            V::T("2021-12-31"),
            V::N(38.0),
            V::Blank,
        ]],
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2021-12-30"]);
    // After 复核: 民政局 甲二 and 乙一, 财政局 甲一 (conflicting), 甲二 and 乙一, 蓬莱镇's
    // three; 民政局 甲一 too as published.
    assert!(
        out.stdout.contains("缺评 8 项（3 个单位），公示时 9 项"),
        "{}",
        out.stdout
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let missing = Table::read(&book, "缺评清单");
    let [unit, item] = ["单位", "二级指标"].map(|c| missing.col(c));
    let row = (missing.rows.iter())
        .find(|r| r[unit] == "民政局" && r[item] == "甲一")
        .expect("民政局 甲一 in 缺评清单");
    assert_eq!(row[missing.col("原因")], "45 分超出分值未计");
    assert_eq!(
        row[missing.col("位置")],
        "inbox/本办评分.xlsx / Sheet1 / C2"
    );
    assert_eq!(
        row[missing.col("复核后")],
        "复核后计38分\n（reference/appeals.xlsx / Sheet1 / D2）"
    );
    let lines = Table::read(&book, "分项得分");
    let [unit, item, source, at] = ["单位", "二级指标", "来源", "位置"].map(|c| lines.col(c));
    let line = |u: &str| {
        (lines.rows.iter())
            .find(|r| r[unit] == u && r[item] == "甲一")
            .unwrap()
            .clone()
    };
    assert_eq!(line("民政局")[source], "复核调整（原 45 分超出分值未计）");
    assert_eq!(
        line("民政局")[at],
        "reference/appeals.xlsx / Sheet1 / D2；原：inbox/本办评分.xlsx / Sheet1 / C2"
    );
    assert_eq!(line("财政局")[source], "缺评：得分不一致，按 0 分计");
    assert_eq!(
        line("财政局")[at],
        "inbox/本办评分.xlsx / Sheet1 / C3；inbox/本办评分.xlsx / Sheet1 / C4"
    );
    let ranking = sheet_text(&book, "总分排名");
    let row = ranking.iter().find(|r| r[2] == "民政局").unwrap();
    assert!(
        row.last()
            .unwrap()
            .contains("公示时缺评 3 项，复核后补评 1 项"),
        "{row:?}"
    );
}

/// 栏目更新 follows the year's run: a monthly section is kept up only with an update in
/// every month (one in December is not enough); a 当天 section asks for no update and
/// is left out, as is 按需.
#[test]
fn sections_updated_scores_the_share_of_interval_sections_kept_up_all_year() {
    let ws = workspace("");
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(2.0)],
            vec![V::T("财政局"), V::N(2.0)],
            vec![V::T("蓬莱镇"), V::N(2.0)],
        ],
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n\
         信息公开,通知公告,,,民政局,每月\n\
         信息公开,社会救助,,,民政局,每月\n\
         信息公开,工作动态,,,民政局,当天\n\
         信息公开,财政资金,,,财政局,按需\n",
    );
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("数据来源"),
            ],
            vec![
                V::T("甲"),
                V::T("栏目更新情况"),
                V::T("10分"),
                V::T("栏目更新"),
            ],
            vec![V::T("甲"), V::T("其他"), V::T("90分"), V::Blank],
        ],
    );
    let monthly: Vec<[String; 2]> = (1..=12)
        .map(|m| [format!("{m}月通知"), format!("2021-{m:02}-10")])
        .collect();
    let mut rows = vec![vec![V::T("标题"), V::T("发布日期"), V::T("栏目")]];
    for [title, date] in &monthly {
        rows.push(vec![V::T(title), V::T(date), V::T("通知公告")]);
    }
    rows.push(vec![V::T("春季救助"), V::T("2021-03-01"), V::T("社会救助")]);
    rows.push(vec![V::T("年终救助"), V::T("2021-12-20"), V::T("社会救助")]);
    ws.xlsx("inbox/民政局.xlsx", &rows);
    ws.zwgk(&["assess"]);
    let lines = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "分项得分");
    let [unit, item, counted, source] =
        ["单位", "二级指标", "计入得分", "来源"].map(|c| lines.col(c));
    let row = |u: &str| {
        lines
            .rows
            .iter()
            .find(|r| r[unit] == u && r[item] == "栏目更新情况")
            .unwrap()
            .clone()
    };
    let mz = row("民政局");
    assert_eq!(
        mz[counted], "5",
        "one of two monthly sections kept up all year"
    );
    assert!(
        mz[source]
            .contains("负责的 2 个按周期更新的栏目中 1 个全年每个周期都有更新（另有 1 个栏目"),
        "{}",
        mz[source]
    );
    let cz = row("财政局");
    assert_eq!(cz[counted], "");
    assert!(
        cz[source].contains("负责的栏目都不按周期更新"),
        "{}",
        cz[source]
    );
}

#[test]
fn a_score_sheet_is_its_own_kind_for_zwgk_run_and_is_not_warned_about() {
    let ws = workspace("");
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(2.0)],
        ],
    );
    ws.xlsx(
        "inbox/考核/评分表.xlsx",
        &[
            vec![
                V::T("序号"),
                V::T("单位"),
                V::T("甲一"),
                V::T("甲二"),
                V::T("总分"),
            ],
            vec![
                V::N(1.0),
                V::T("民政局"),
                V::N(30.0),
                V::N(20.0),
                V::N(50.0),
            ],
        ],
    );
    let out = ws.zwgk(&["check", "--period", "2021-11"]);
    assert!(out.stdout.contains("C003"), "{}", out.stdout);
    assert!(!out.stdout.contains("评分表.xlsx"), "{}", out.stdout);
    ws.zwgk(&["run", "--period", "2021-11"]);
    let files = Table::read(&ws.join("out/2021-11/汇总-2021-11.xlsx"), "文件清单");
    let [path, kind] = ["文件", "类型"].map(|c| files.col(c));
    let row = files
        .rows
        .iter()
        .find(|r| r[path].ends_with("评分表.xlsx"))
        .unwrap();
    assert_eq!(row[kind], "评分表");
    let problems = Table::read(&ws.join("out/2021-11/汇总-2021-11.xlsx"), "问题清单");
    let file = problems.col("文件");
    assert!(
        !problems.rows.iter().any(|r| r[file].contains("评分表")),
        "{:?}",
        problems.rows
    );
}

#[test]
fn command_line_and_settings_errors_exit_2_in_chinese() {
    let ws = workspace("");
    let out = ws.zwgk(&["assess"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("找不到指标体系表"), "{}", out.stderr);
    plain_table(&ws);
    let out = ws.zwgk(&["assess", "--year", "2020"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("考核年度 2020"), "{}", out.stderr);
    assert!(out.stderr.contains("--year 2021"), "{}", out.stderr);
    // Seed 004's office calls it an 评估.
    let evaluated = workspace("[assessment]\nterm = \"评估\"\n");
    plain_table(&evaluated);
    let out = evaluated.zwgk(&["assess", "--year", "2020"]);
    assert!(out.stderr.contains("评估年度 2020"), "{}", out.stderr);
    let out = ws.zwgk(&["assess", "--publicity-date", "12月30日"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("2018-04-27 这样的格式"),
        "{}",
        out.stderr
    );
    // A typo in the year of a date that parses: 2030 for a 2021 assessment.
    let out = ws.zwgk(&["assess", "--publicity-date", "2030-12-30"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("公示日期 2030-12-30 不在 2021 年度考核的公示时间内（2021 年或 2022 年）"),
        "{}",
        out.stderr
    );
    assert!(!ws.join("out/2021/附件-公示.xlsx").exists());
    let out = ws.zwgk(&["assess", "--publicity-date", "2022-01-04"]);
    assert!(out.code <= 1, "{}", out.stderr);
    // A category misspelt in [assessment] categories: no object, and an empty 公示.
    let config = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write(
        "zwgk.toml",
        format!("{config}[assessment]\ncategories = [\"部门\", \"镇\"]\n"),
    );
    let out = ws.zwgk(&["assess", "--publicity-date", "2022-01-04"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("zwgk.toml 中 [assessment] categories 的「镇」不是单位名称表 reference/units.xlsx 中的类别（现有：部门、乡镇）"),
        "{}",
        out.stderr
    );
    ws.write("zwgk.toml", config);
    let out = ws.zwgk(&["assess", "--help"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.contains("--publicity-date <日期>"),
        "{}",
        out.stdout
    );
}

/// The indicator table is read like any table: a GBK CSV with seed 003's ordinals and
/// points after the names (no 分值 column for the groups) reads as the xlsx would.
#[test]
fn an_indicator_table_in_a_gbk_csv_with_points_after_its_names_reads_the_same() {
    let ws = workspace("");
    ws.gbk(
        "reference/indicators.csv",
        "一级指标,二级指标,分值\n\
         一、重点领域信息公开（60%）,（一）规划信息公开。,40%\n\
         一、重点领域信息公开（60%）,（二）财政信息公开。,25%\n\
         二、指导监督（40%）,（一）加强工作指导。,40%\n",
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![
                V::T("单位"),
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("得分"),
            ],
            vec![
                V::T("县民政局"),
                V::T("重点领域信息公开"),
                V::T("规划信息公开"),
                V::N(38.5),
            ],
            vec![
                V::T("县民政局"),
                V::T("指导监督"),
                V::T("加强工作指导"),
                V::T("36分"),
            ],
        ],
    );
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &[
            "A001 reference/indicators.csv / indicators / A2：指标「重点领域信息公开」（部门）分值为 60%，其下各项之和为 65%",
        ],
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let a = &manifest["assessment"];
    assert_eq!(a["indicators"]["count"], 3);
    assert_eq!(a["objects"][0]["unit"], "民政局");
    assert_eq!(a["objects"][0]["total"], 74.5);
}

/// `zwgk run --period 2021` and `zwgk assess` both write `out/2021/manifest.json`: in
/// either order the second keeps the first's part, and a command run again replaces only
/// its own part.
#[test]
fn run_and_assess_of_one_year_keep_each_others_part_of_the_manifest() {
    for order in [["run", "assess"], ["assess", "run"]] {
        let ws = workspace("");
        plain_table(&ws);
        ws.xlsx(
            "reference/targets.xlsx",
            &[
                vec![V::T("单位"), V::T("目标任务数量(条)")],
                vec![V::T("民政局"), V::N(2.0)],
            ],
        );
        let scores = |score: f64| {
            ws.xlsx(
                "inbox/本办评分.xlsx",
                &[
                    vec![V::T("单位"), V::T("指标"), V::T("得分")],
                    vec![V::T("民政局"), V::T("甲一"), V::N(score)],
                ],
            );
        };
        scores(30.0);
        let command = |name: &str| match name {
            "run" => ws.zwgk(&["run", "--period", "2021"]),
            _ => ws.zwgk(&["assess", "--year", "2021"]),
        };
        let read = || -> serde_json::Value {
            let text = std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap();
            serde_json::from_str(&text).unwrap()
        };
        let total = |m: &serde_json::Value| {
            let objects = m["assessment"]["objects"].as_array().unwrap();
            let unit = objects.iter().find(|o| o["unit"] == "民政局").unwrap();
            unit["total"].as_f64().unwrap()
        };
        let paths = |outputs: &serde_json::Value| -> Vec<String> {
            let outputs = outputs.as_array().unwrap();
            outputs.iter().map(|o| o["path"].to_string()).collect()
        };
        for name in order {
            command(name);
        }
        let both = read();
        assert_eq!(both["period"]["label"], "2021", "{order:?}: {both:#}");
        assert_eq!(both["targets"]["units"], 1, "{order:?}");
        assert_eq!(total(&both), 30.0, "{order:?}");
        let run_outputs = paths(&both["outputs"]).join(" ");
        assert!(
            run_outputs.contains("out/2021/汇总-2021.xlsx"),
            "{run_outputs}"
        );
        assert!(!run_outputs.contains("考核结果"), "{run_outputs}");
        let assess_outputs = paths(&both["assessment"]["outputs"]).join(" ");
        assert!(
            assess_outputs.contains("考核结果-2021.xlsx"),
            "{assess_outputs}"
        );
        assert_eq!(both["assessment"]["problems"]["error"], 0, "{both:#}");

        scores(25.0);
        command("assess");
        let again = read();
        assert_eq!(total(&again), 25.0, "{order:?}");
        assert_eq!(again["period"], both["period"], "{order:?}");
        assert_eq!(again["units"], both["units"], "{order:?}");
        assert_eq!(again["outputs"], both["outputs"], "{order:?}");
    }
}

/// Every inbox file is in 文件清单 and `assessment.inputs`, and one that holds no score
/// sheet says why it was not used: an empty file (F009), a table of no kind zwgk reads
/// (A032), an item list (A031), a file that cannot be opened (F005, with the unit its
/// name gives), a lock file (F001).
#[test]
fn inbox_files_without_a_score_sheet_are_listed_and_say_why() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
        ],
    );
    ws.write("inbox/自评/蓬莱镇2021年自评表.xlsx", b"");
    ws.write("inbox/自评/财政局2021年自评表.csv", "a,b\n1,2\n");
    ws.xlsx(
        "inbox/自评/民政局2021年自评表.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2021-04-03")],
        ],
    );
    ws.write("inbox/财政局2021年评分表.xlsx", b"PK\x03\x04 not a zip");
    ws.write("inbox/~$本办评分.xlsx", b"lock");
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &[
            "F009 inbox/自评/蓬莱镇2021年自评表.xlsx /  / ：文件中没有任何数据",
            "A032 inbox/自评/财政局2021年自评表.csv / 财政局2021年自评表 / ：本文件中没有可识别的评分表（工作表「财政局2021年自评表」没有可识别的表头），未计入考核",
            "A031 inbox/自评/民政局2021年自评表.xlsx / Sheet1 / ：本文件是明细表，不是评分表，考核不读取",
            "F005 inbox/财政局2021年评分表.xlsx",
            "F001 inbox/~$本办评分.xlsx",
        ],
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let inputs = manifest["assessment"]["inputs"].as_array().unwrap();
    let status = |path: &str| {
        let input = inputs.iter().find(|i| i["path"] == path);
        let input = input.unwrap_or_else(|| panic!("{path} not in {inputs:#?}"));
        (input["status"].clone(), input["unit"].clone())
    };
    let named = |status: &str, unit: &str| (status.into(), unit.into());
    assert_eq!(status("inbox/本办评分.xlsx"), named("ok", "本办"));
    assert_eq!(
        status("inbox/自评/蓬莱镇2021年自评表.xlsx"),
        named("ok", "蓬莱镇")
    );
    assert_eq!(
        status("inbox/自评/财政局2021年自评表.csv"),
        named("ok", "财政局")
    );
    assert_eq!(
        status("inbox/自评/民政局2021年自评表.xlsx"),
        named("ok", "民政局")
    );
    assert_eq!(
        status("inbox/财政局2021年评分表.xlsx"),
        named("failed", "财政局")
    );
    assert_eq!(status("inbox/~$本办评分.xlsx").0, "skipped");
    assert_eq!(listed(&ws, "inbox/财政局2021年评分表.xlsx")[0], "财政局");
    assert_eq!(
        listed(&ws, "inbox/自评/民政局2021年自评表.xlsx")[0],
        "民政局"
    );
}

/// A score sheet's cells in a column without a header are not read, and the assessment
/// says so (L008) as the run does for an item list.
#[test]
fn l008_cells_of_a_score_sheet_without_a_header_are_said_not_to_be_read() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0), V::T("另加 2 分")],
        ],
    );
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &["L008 inbox/本办评分.xlsx / Sheet1 / D2：D 列没有列名，其中 1 个有内容的单元格未读取"],
    );
}

/// The 文件清单 row of a sheet, by file: its 单位, 读取行, 接收行 and 退回行.
fn listed(ws: &Ws, path: &str) -> [String; 4] {
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "文件清单");
    let row = t.rows.iter().find(|r| r[t.col("文件")] == path);
    let row = row.unwrap_or_else(|| panic!("{path} not in 文件清单"));
    ["单位", "读取行", "接收行", "退回行"].map(|c| row[t.col(c)].clone())
}

/// Two different scores of one indicator both go uncounted (A015): their rows are
/// rejected in the 文件清单 and the manifest, so read = accepted + rejected holds for
/// what counted; the same score twice still counts once, its rows accepted.
#[test]
fn a015_conflicting_scores_are_rejected_rows_of_their_sheet() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("民政局"), V::T("甲二"), V::N(20.0)],
            vec![V::T("民政局"), V::T("甲一"), V::N(25.0)],
            vec![V::T("财政局"), V::T("乙一"), V::N(40.0)],
            vec![V::T("财政局"), V::T("乙一"), V::N(40.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &["A015 inbox/本办评分.xlsx / Sheet1 / C4：民政局的指标「甲/甲一」有不同的得分"],
    );
    let [_, read, accepted, rejected] = listed(&ws, "inbox/本办评分.xlsx");
    assert_eq!([read, accepted, rejected], ["5", "3", "2"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let inputs = manifest["assessment"]["inputs"].as_array().unwrap();
    let input = inputs.iter().find(|i| i["path"] == "inbox/本办评分.xlsx");
    let sheet = &input.unwrap()["sheets"][0];
    assert_eq!(sheet["rows_accepted"], 3, "{sheet:#}");
    assert_eq!(sheet["rows_rejected"], 2, "{sheet:#}");
}

/// 文件清单 and the manifest name each score sheet's sender as zwgk identified it: the
/// unit of a self-evaluation or assessment, 本办 for a sheet no unit sent, nobody for a
/// `填报单位：` the units table does not know.
#[test]
fn score_sheets_are_listed_with_their_sender() {
    let ws = workspace("");
    plain_table(&ws);
    let scores = |by: Option<&'static str>, unit: &'static str| {
        let mut rows: Vec<Vec<V>> = by.map(|b| vec![V::T(b)]).into_iter().collect();
        rows.push(vec![V::T("单位"), V::T("指标"), V::T("得分")]);
        rows.push(vec![V::T(unit), V::T("甲一"), V::N(30.0)]);
        rows
    };
    ws.xlsx("inbox/考核评分.xlsx", &scores(None, "民政局"));
    ws.xlsx("inbox/自评/财政局.xlsx", &scores(None, "财政局"));
    ws.xlsx(
        "inbox/自评表.xlsx",
        &scores(Some("填报单位：县民政局"), "民政局"),
    );
    ws.xlsx(
        "inbox/不明.xlsx",
        &scores(Some("填报单位：经开区"), "财政局"),
    );
    ws.zwgk(&["assess"]);
    let unit = |path: &str| listed(&ws, path)[0].clone();
    assert_eq!(unit("inbox/考核评分.xlsx"), "本办");
    assert_eq!(unit("inbox/自评/财政局.xlsx"), "财政局");
    assert_eq!(unit("inbox/自评表.xlsx"), "民政局");
    assert_eq!(unit("inbox/不明.xlsx"), "");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap())
            .unwrap();
    let inputs = manifest["assessment"]["inputs"].as_array().unwrap();
    let of = |path: &str| &inputs.iter().find(|i| i["path"] == path).unwrap()["unit"];
    assert_eq!(of("inbox/自评/财政局.xlsx"), "财政局");
    assert_eq!(of("inbox/不明.xlsx"), &serde_json::Value::Null);
}

/// A009 suggests first the indicators whose names or 评分细则 hold the unknown name's
/// key words: 疫苗接种信息公开 is scored under 常态化疫情防控信息公开, whose name shares
/// only 信息公开 with it; 村务公开 under 乡镇(街道)和村务(社区)政务公开 (大英's 民政局
/// was pointed to 机关内部事务公开情况, which shares 务公开).
#[test]
fn a009_suggests_the_indicator_whose_rule_mentions_the_unknown_name() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![V::T("指标"), V::T("分值"), V::T("评分细则")],
            vec![
                V::T("常态化疫情防控信息公开"),
                V::T("40分"),
                V::T("及时发布权威信息，做好疫苗接种信息公开和舆论引导工作。"),
            ],
            vec![V::T("规划信息公开"), V::T("20分"), V::T("公开规划全文。")],
            vec![
                V::T("机关内部事务公开情况"),
                V::T("5分"),
                V::T("以县政府办考核为准。"),
            ],
            vec![
                V::T("乡镇(街道)和村务(社区)政务公开"),
                V::T("5分"),
                V::T("有统一规范的公开栏。"),
            ],
            vec![V::T("财政信息公开"), V::T("30分"), V::T("公开预决算。")],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("疫苗接种信息公开"), V::N(30.0)],
            vec![V::T("财政局"), V::T("村务公开"), V::N(3.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let [code, advice] = ["代码", "建议"].map(|c| t.col(c));
    let rows: Vec<&String> = (t.rows.iter())
        .filter(|r| r[code] == "A009")
        .map(|r| &r[advice])
        .collect();
    assert!(
        rows[0].starts_with("最接近的指标：常态化疫情防控信息公开"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("最接近的指标：乡镇(街道)和村务(社区)政务公开"),
        "{}",
        rows[1]
    );
}

/// A018 checks the sheet's own arithmetic: a 总分 or 小计 that adds up the items as
/// written — an out-of-range score refused under A012 included — is no finding; one
/// that does not add up is, with the sum as written.
#[test]
fn a018_adds_up_the_items_as_written_refused_ones_included() {
    let ws = workspace("");
    plain_table(&ws);
    let (n, t) = (V::N, V::T);
    ws.xlsx(
        "inbox/评分表.xlsx",
        &[
            vec![
                t("序号"),
                t("单位"),
                t("甲一"),
                t("甲二"),
                t("乙一"),
                t("总分"),
            ],
            vec![n(1.0), t("民政局"), n(45.0), n(20.0), n(30.0), n(95.0)],
            vec![n(2.0), t("财政局"), n(30.0), n(20.0), n(30.0), n(81.0)],
            vec![n(3.0), t("蓬莱镇"), n(30.0), n(15.0), n(35.0), n(80.0)],
        ],
    );
    ws.xlsx(
        "inbox/财政局自评.xlsx",
        &[
            vec![t("填报单位：财政局")],
            vec![t("指标"), t("得分")],
            vec![t("甲一"), n(41.0)],
            vec![t("甲二"), n(20.0)],
            vec![t("甲"), n(61.0)],
            vec![t("乙一"), n(30.0)],
            vec![t("乙"), n(35.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "A012 inbox/评分表.xlsx / Sheet1 / C2：得分 45 超出指标「甲/甲一」的范围 0—40",
            "A018 inbox/评分表.xlsx / Sheet1 / F3：总分 81 与所列各项得分之和 80 不符",
            "A012 inbox/财政局自评.xlsx / Sheet1 / B3：得分 41 超出",
            "A018 inbox/财政局自评.xlsx / Sheet1 / B7：「乙」小计 35 与所列各项得分之和 30 不符",
        ],
    );
    let a018: Vec<&String> = found.iter().filter(|p| p.starts_with("A018")).collect();
    assert_eq!(a018.len(), 2, "{found:#?}");
}

/// No seed defines 等次: without `[assessment] grades` no output has a 等次 column and
/// the manifest's `grade` is null; with them, every output grades by them.
#[test]
fn grades_are_given_only_where_the_office_sets_them() {
    let scores = |ws: &Ws| {
        plain_table(ws);
        ws.xlsx(
            "inbox/本办评分.xlsx",
            &[
                vec![V::T("单位"), V::T("指标"), V::T("得分")],
                vec![V::T("民政局"), V::T("甲一"), V::N(40.0)],
                vec![V::T("民政局"), V::T("甲二"), V::N(20.0)],
                vec![V::T("民政局"), V::T("乙一"), V::N(35.0)],
            ],
        );
    };
    let header_of = |ws: &Ws, book: &str, sheet: &str, first: &str| {
        let rows = sheet_text(&ws.join(&format!("out/2021/{book}")), sheet);
        rows.into_iter().find(|r| r[0] == first).unwrap()
    };
    let grade_of = |ws: &Ws| {
        let text = std::fs::read_to_string(ws.join("out/2021/manifest.json")).unwrap();
        let m: serde_json::Value = serde_json::from_str(&text).unwrap();
        m["assessment"]["objects"][0]["grade"].clone()
    };
    let plain = workspace("[assessment]\npublicity_date = \"2021-12-30\"\n");
    scores(&plain);
    plain.zwgk(&["assess"]);
    for (book, sheet, first) in [
        ("考核结果-2021.xlsx", "总分排名", "序号"),
        ("附件-公示.xlsx", "公示", "序号"),
        ("附件-结果.xlsx", "考核结果", "序号"),
    ] {
        let header = header_of(&plain, book, sheet, first);
        assert!(!header.iter().any(|h| h == "等次"), "{book}: {header:?}");
    }
    assert_eq!(grade_of(&plain), serde_json::Value::Null);

    let graded = workspace(
        "[assessment]\npublicity_date = \"2021-12-30\"\ngrades = { \"好\" = 90, \"中\" = 60 }\n",
    );
    scores(&graded);
    graded.zwgk(&["assess"]);
    for (book, sheet) in [("附件-公示.xlsx", "公示"), ("附件-结果.xlsx", "考核结果")]
    {
        let rows = sheet_text(&graded.join(&format!("out/2021/{book}")), sheet);
        let header = rows.iter().position(|r| r[0] == "序号").unwrap();
        let col = rows[header].iter().position(|h| h == "等次").unwrap();
        let row = rows.iter().find(|r| r[2] == "民政局").unwrap();
        assert_eq!(row[col], "好", "{book}: {row:?}");
        let row = rows.iter().find(|r| r[2] == "蓬莱镇").unwrap();
        assert_eq!(row[col], "不合格", "{book}: {row:?}");
    }
    assert_eq!(grade_of(&graded), "好");
}

/// A unit has 3 working days to apply for 复核: the annex's 备注 names each indicator
/// not scored and why, grouped by reason; past two of a reason, their count.
#[test]
fn the_annex_remark_names_each_missing_indicator_and_why() {
    let ws = workspace("[assessment]\npublicity_date = \"2021-12-30\"\n");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(45.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲二"), V::N(20.0)],
            vec![V::T("财政局"), V::T("乙一"), V::N(40.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let rows = sheet_text(&ws.join("out/2021/附件-公示.xlsx"), "公示");
    // As it reads, without the line breaks zwgk puts in to print it.
    let remark = |unit: &str| {
        let row = rows.iter().find(|r| r[2] == unit).unwrap();
        row.last().unwrap().replace('\n', "")
    };
    assert_eq!(
        remark("民政局"),
        "缺评3项（甲一：评分超出分值未计；甲二、乙一：未评分），按0分计"
    );
    assert_eq!(
        remark("蓬莱镇"),
        "缺评3项（甲一、甲二等3项：未评分），按0分计"
    );
    assert_eq!(remark("财政局"), "");
}

/// A self score refused as out of range stays in 自评对比, marked, and 总分排名 says the
/// self total leaves it out; no 差值 is worked out against an assessment that is missing.
#[test]
fn a_refused_self_score_is_shown_and_no_gap_is_taken_against_a_missing_assessment() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("财政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲二"), V::N(18.0)],
        ],
    );
    ws.xlsx(
        "inbox/财政局自评.xlsx",
        &[
            vec![V::T("填报单位：财政局")],
            vec![V::T("指标"), V::T("得分")],
            vec![V::T("甲一"), V::N(45.0)],
            vec![V::T("甲二"), V::N(20.0)],
            vec![V::T("乙一"), V::N(35.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    // 总分排名 has a title over its header.
    let ranking = sheet_text(&book, "总分排名");
    let col = |name: &str| ranking[1].iter().position(|h| h == name).unwrap();
    let row = ranking.iter().find(|r| r[2] == "财政局").unwrap();
    assert_eq!(row[col("自评得分")], "55", "{row:?}");
    assert!(
        row[col("说明")].contains("自评 1 项超出分值未计入"),
        "{row:?}"
    );
    let t = Table::read(&book, "自评对比");
    let [item, own, theirs, gap, note] =
        ["二级指标", "自评得分", "考核得分", "差值", "说明"].map(|c| t.col(c));
    let shown: Vec<[&str; 5]> = t
        .rows
        .iter()
        .map(|r| [&r[item], &r[own], &r[theirs], &r[gap], &r[note]].map(String::as_str))
        .collect();
    assert_eq!(
        shown,
        [
            ["甲一", "45", "30", "", "自评得分超出分值，未计入自评得分"],
            ["甲二", "20", "18", "2", ""],
            ["乙一", "35", "", "", "考核缺评（未评分），不计差值"],
        ]
    );
}

/// A self score that is no number (好) is left out of the self total, and 总分排名 says
/// so: the unit could not tell why its self total fell.
#[test]
fn a_self_score_that_is_no_number_is_said_to_be_left_out() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/财政局自评.xlsx",
        &[
            vec![V::T("填报单位：财政局")],
            vec![V::T("指标"), V::T("得分")],
            vec![V::T("甲一"), V::N(30.0)],
            vec![V::T("甲二"), V::T("好")],
        ],
    );
    ws.zwgk(&["assess"]);
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    let ranking = sheet_text(&book, "总分排名");
    let col = |name: &str| ranking[1].iter().position(|h| h == name).unwrap();
    let row = ranking.iter().find(|r| r[2] == "财政局").unwrap();
    assert_eq!(row[col("自评得分")], "30", "{row:?}");
    assert!(
        row[col("说明")].contains("自评 1 项不是数字未计入"),
        "{row:?}"
    );
}

/// 问题清单 reads as a person writes: A017 names the object it misses; A015 points at
/// the other score by its cell, without brackets inside brackets, and asks to correct a
/// row where both are rows of one sheet; messages leave what to do to 建议.
#[test]
fn assessment_problems_read_naturally_and_leave_what_to_do_to_the_advice() {
    let ws = workspace("");
    plain_table(&ws);
    let (n, t) = (V::N, V::T);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![t("单位"), t("指标"), t("得分")],
            vec![t("民政局"), t("甲一"), n(30.0)],
            vec![t("民政局"), t("甲二"), n(45.0)],
            vec![t("民政局"), t("甲一"), n(25.0)],
            vec![t("民政局"), t("乙一"), n(40.0)],
            vec![t("财政局"), t("甲一"), n(40.0)],
            vec![t("财政局"), t("甲二"), n(20.0)],
            vec![t("财政局"), t("乙一"), n(40.0)],
            vec![t("蓬莱镇"), t("甲一"), n(40.0)],
            vec![t("蓬莱镇"), t("甲二"), n(20.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let table = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let [code, cell, message, advice] = ["代码", "单元格", "说明", "建议"].map(|c| table.col(c));
    let found: Vec<[&str; 4]> = table
        .rows
        .iter()
        .map(|r| [&r[code], &r[cell], &r[message], &r[advice]].map(String::as_str))
        .collect();
    for expected in [
        [
            "A015",
            "C2",
            "民政局的指标「甲/甲一」有不同的得分：C2 为 30 分，C4 为 25 分；均未计入，按缺评处理",
            "请与考核单位核实正确的得分，删除或改正错误的一行",
        ],
        [
            "A012",
            "C3",
            "得分 45 超出指标「甲/甲二」的范围 0—20，未计入（不作调整）",
            "请考核单位核实得分后重新报送",
        ],
        [
            "A017",
            "D4",
            "本办未对蓬莱镇的指标「乙/乙一」评分，按 0 分计",
            "请督促考核单位补报评分",
        ],
    ] {
        assert!(found.contains(&expected), "{expected:?} not in\n{found:#?}");
    }
}

/// A deduction item takes points off: a refused one is a 扣分 out of range, and one
/// without a counted value takes nothing off — said so, not "按0分计", in the problem
/// list, the 公示's 备注 and the workbook.
#[test]
fn a_deduction_item_without_a_counted_value_takes_nothing_off_and_says_so() {
    let ws = workspace("[assessment]\nassessors = [\"总工会\"]\npublicity_date = \"2021-12-30\"\n");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::T("本办")],
            vec![V::T("甲"), V::T("甲二"), V::T("40分"), V::T("本办")],
            vec![
                V::T("倒扣"),
                V::T("企事业办事公开"),
                V::T("0-8分"),
                V::T("县总工会"),
            ],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(60.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(50.0)],
            vec![V::T("财政局"), V::T("甲二"), V::N(40.0)],
            vec![V::T("蓬莱镇"), V::T("甲一"), V::N(55.0)],
            vec![V::T("蓬莱镇"), V::T("甲二"), V::N(35.0)],
        ],
    );
    ws.xlsx(
        "inbox/总工会扣分.xlsx",
        &[
            vec![V::T("填报单位：总工会")],
            vec![V::T("单位"), V::T("指标"), V::T("扣分")],
            vec![V::T("财政局"), V::T("企事业办事公开"), V::N(9.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &[
            "A012 inbox/总工会扣分.xlsx / Sheet1 / C3：扣分 9 超出指标「倒扣/企事业办事公开」的范围 0—8",
            "A017 reference/indicators.xlsx / Sheet1 / C4：总工会未对民政局、蓬莱镇 2 个考核对象的指标「倒扣/企事业办事公开」评分，不扣分",
            "A017 reference/indicators.xlsx / Sheet1 / C3：本办未对民政局的指标「甲/甲二」评分，按 0 分计",
        ],
    );
    let rows = sheet_text(&ws.join("out/2021/附件-公示.xlsx"), "公示");
    let remark = |unit: &str| {
        let row = rows.iter().find(|r| r[2] == unit).unwrap();
        row.last().unwrap().replace('\n', "")
    };
    assert_eq!(remark("财政局"), "企事业办事公开：评分超出分值未计，不扣分");
    assert_eq!(
        remark("民政局"),
        "缺评1项（甲二：未评分），按0分计；企事业办事公开：未评分，不扣分"
    );
    let book = ws.join("out/2021/考核结果-2021.xlsx");
    // 总分排名 has a title over its header.
    let ranking = sheet_text(&book, "总分排名");
    let said = ranking[1].iter().position(|h| h == "说明").unwrap();
    let row = ranking.iter().find(|r| r[2] == "民政局").unwrap();
    assert_eq!(row[said], "缺评 1 项，按 0 分计；倒扣项缺评 1 项，不扣分");
    let missing = Table::read(&book, "缺评清单");
    let after: Vec<(&str, &str)> = (missing.rows.iter())
        .filter(|r| r[missing.col("单位")] == "财政局")
        .map(|r| {
            (
                r[missing.col("原因")].as_str(),
                r[missing.col("复核后")].as_str(),
            )
        })
        .collect();
    assert_eq!(after, [("9 分超出分值未计", "仍缺评，不扣分")]);
}

/// A unit left out of a score sheet is named once (A034), not once per indicator; the
/// indicators some units were scored on and others not keep their A017.
#[test]
fn a_unit_left_out_of_a_score_sheet_is_one_warning_not_one_per_indicator() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(35.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("财政局"), V::T("甲二"), V::N(20.0)],
            vec![V::T("财政局"), V::T("乙一"), V::N(40.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "A034 reference/indicators.xlsx / Sheet1 / D2：本办没有对蓬莱镇的任何指标评分（共 3 项：甲/甲一、甲/甲二、乙/乙一），按 0 分计",
            "A017 reference/indicators.xlsx / Sheet1 / D3：本办未对民政局的指标「甲/甲二」评分，按 0 分计",
            "A017 reference/indicators.xlsx / Sheet1 / D4：本办未对民政局的指标「乙/乙一」评分，按 0 分计",
        ],
    );
    let about_the_town = found.iter().filter(|p| p.contains("蓬莱镇")).count();
    assert_eq!(about_the_town, 1, "{}", found.join("\n"));
}

/// Units of two categories left out of a score sheet are named with their own
/// indicators: a 乡镇 is not said to miss the 部门's.
#[test]
fn units_left_out_are_named_with_the_indicators_of_their_category() {
    let ws = workspace("");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("适用对象"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("60分"), V::T("部门")],
            vec![V::T("甲"), V::T("甲二"), V::T("60分"), V::T("乡镇")],
            vec![V::T("乙"), V::T("乙一"), V::T("40分"), V::Blank],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(50.0)],
            vec![V::T("民政局"), V::T("乙一"), V::N(30.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let found = problems(&ws);
    assert_has(
        &found,
        &[
            "本办没有对财政局的任何指标评分（共 2 项：甲/甲一、乙/乙一），按 0 分计",
            "本办没有对蓬莱镇的任何指标评分（共 2 项：甲/甲二、乙/乙一），按 0 分计",
        ],
    );
}

/// 台江's 縣科技局 stands in a score sheet beside 教育和科技局, its closest unit: U001
/// advised adding it as an alias, which put two scores on 教育和科技局 (A015) and sank it
/// from 4th to 28th. A name whose closest unit the sheet scores already is not offered
/// as an alias; one whose closest unit it does not score still is.
#[test]
fn u001_offers_no_alias_of_a_unit_the_sheet_scores_already() {
    let ws = workspace("");
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("民政所"), V::T("甲一"), V::N(20.0)],
            vec![V::T("财政所"), V::T("甲一"), V::N(20.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let [code, value, text, advice] = ["代码", "原始值", "说明", "建议"].map(|c| t.col(c));
    let row = |name: &str| (t.rows.iter()).find(|r| r[code] == "U001" && r[value] == name);
    let said = |name: &str| row(name).map(|r| r[advice].clone()).unwrap_or_default();
    // The message states the problem and leaves what to do to the advice, which here
    // says not to add an alias.
    let message = row("民政所").map(|r| r[text].as_str());
    assert_eq!(
        message,
        Some("无法识别的单位「民政所」：单位名称表中没有这个名称或别名")
    );
    assert!(
        said("民政所")
            .starts_with("本表另有民政局的评分；「民政所」如不是考核对象，请考核单位删去该行"),
        "{}",
        said("民政所")
    );
    assert!(!said("民政所").contains("别名中补充"), "{}", said("民政所"));
    assert!(
        said("财政所").starts_with("最接近的单位：财政局"),
        "{}",
        said("财政所")
    );
}

/// A deduction list that leaves an object out takes nothing off it, and says whose list
/// and where, not "不扣分" (the city's deduction of the same item may follow on a line of
/// its own). Where the list gives the object a row under a name no indicator has (大英's
/// 民政局 wrote 村务公开 for 蓬莱镇), it does not claim the object was left out: it points
/// at that row. Both used to say "总工会未列入扣分名单，不扣分" and cite nothing.
#[test]
fn a_deduction_list_that_leaves_an_object_out_cites_itself_and_a_row_it_could_not_place() {
    let ws = workspace("[assessment]\nassessors = [\"总工会\"]\n");
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            vec![
                V::T("一级指标"),
                V::T("二级指标"),
                V::T("分值"),
                V::T("考核单位"),
            ],
            vec![V::T("甲"), V::T("甲一"), V::T("100分"), V::T("本办")],
            vec![
                V::T("倒扣"),
                V::T("企事业办事公开"),
                V::T("0-8分"),
                V::T("县总工会"),
            ],
        ],
    );
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(90.0)],
            vec![V::T("财政局"), V::T("甲一"), V::N(80.0)],
            vec![V::T("蓬莱镇"), V::T("甲一"), V::N(70.0)],
        ],
    );
    ws.xlsx(
        "inbox/总工会扣分.xlsx",
        &[
            vec![V::T("填报单位：总工会")],
            vec![V::T("单位"), V::T("指标"), V::T("扣分")],
            vec![V::T("财政局"), V::T("企事业办事公开"), V::N(1.0)],
            vec![V::T("蓬莱镇"), V::T("村务公开"), V::N(1.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "分项得分");
    let [unit, item, source, at] = ["单位", "二级指标", "来源", "位置"].map(|c| t.col(c));
    let line = |name: &str| {
        let row = (t.rows.iter()).find(|r| r[unit] == name && r[item] == "企事业办事公开");
        row.map(|r| (r[source].as_str(), r[at].as_str()))
    };
    assert_eq!(
        line("民政局"),
        Some(("总工会扣分名单未列本单位", "inbox/总工会扣分.xlsx / Sheet1"))
    );
    assert_eq!(
        line("蓬莱镇"),
        Some((
            "总工会扣分名单未列本单位；同表另有本单位的一行，指标名称无法识别，未计入，请核对",
            "inbox/总工会扣分.xlsx / Sheet1 / C4"
        ))
    );
}

/// A unit without a category in a table of categories is in no category's assessment:
/// the units table says so at its cell (R007), and a score sheet's rows for it say what
/// is missing and where, not "蓬莱镇（）" and "请考核单位删除该行". 台江's 革一镇 dropped
/// out of the 公示 with nothing said but those.
#[test]
fn a_unit_without_a_category_is_named_at_its_cell_and_its_rows_say_why() {
    let ws = workspace("");
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::T("县民政局"), V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::Blank],
        ],
    );
    plain_table(&ws);
    ws.xlsx(
        "inbox/本办评分.xlsx",
        &[
            vec![V::T("单位"), V::T("指标"), V::T("得分")],
            vec![V::T("民政局"), V::T("甲一"), V::N(30.0)],
            vec![V::T("蓬莱镇"), V::T("甲一"), V::N(20.0)],
        ],
    );
    // Its own 自评表 is no fault of its either.
    ws.xlsx(
        "inbox/蓬莱镇自评.xlsx",
        &[
            vec![V::T("填报单位：蓬莱镇")],
            vec![V::T("指标"), V::T("得分")],
            vec![V::T("甲一"), V::N(20.0)],
        ],
    );
    ws.zwgk(&["assess"]);
    assert_has(
        &problems(&ws),
        &[
            "R007 reference/units.xlsx / Sheet1 / C4：单位「蓬莱镇」没有类别：按类别排列的附件、公文主送和年度考核都不包括它",
            "A010 inbox/本办评分.xlsx / Sheet1 / B3：蓬莱镇（单位名称表中没有类别）不是指标「甲一」的考核对象，本行未计入",
        ],
    );
    let t = Table::read(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单");
    let advice: Vec<(&str, &str)> = (t.rows.iter())
        .filter(|r| r[t.col("代码")] == "A010")
        .map(|r| (r[t.col("文件")].as_str(), r[t.col("建议")].as_str()))
        .collect();
    let asked = "请在单位名称表中填写蓬莱镇的类别后重新运行";
    assert_eq!(
        advice,
        [
            ("inbox/本办评分.xlsx", asked),
            ("inbox/蓬莱镇自评.xlsx", asked)
        ]
    );
}
