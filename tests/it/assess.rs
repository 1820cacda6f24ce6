//! `zwgk assess` on the bundled assessment samples, each checked against the truth file
//! its generator wrote (tests/expected/<sample>.json): every object's total, rank,
//! grade, share, self total and missing indicators, before and after 复核; the deadline;
//! every planted trap reported with its code at its cell, and no other error or warning.

use std::path::Path;

use serde_json::Value;

use crate::harness::{V, Ws, alignments, col_width, part, sheet_names, sheet_text};
use crate::samples::Table;

/// A sample after `zwgk assess`: the workspace, the manifest, the truth, 问题清单.
struct Ran {
    ws: Ws,
    manifest: Value,
    truth: Value,
    problems: Table,
    stdout: String,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the sample, assesses it, checks that no input changed; the truth is
/// tests/expected/<name>.json, or <name>-assessment.json beside a run's truth.
fn assess(name: &str, year: &str) -> Ran {
    let ws = Ws::sample(name);
    let before = ws.snapshot();
    let out = ws.zwgk(&["assess"]);
    assert!(
        out.code == 0 || out.code == 1,
        "{name}: exit code {}\n{}{}",
        out.code,
        out.stdout,
        out.stderr
    );
    assert!(before == ws.snapshot(), "{name}: assess changed an input");
    let expected = repo().join("tests/expected");
    let truth = std::fs::read_to_string(expected.join(format!("{name}-assessment.json")))
        .or_else(|_| std::fs::read_to_string(expected.join(format!("{name}.json"))));
    let manifest = std::fs::read_to_string(ws.join(&format!("out/{year}/manifest.json")));
    let book = ws.join(&format!("out/{year}/考核结果-{year}.xlsx"));
    Ran {
        manifest: serde_json::from_str(&manifest.unwrap()).unwrap(),
        truth: serde_json::from_str(&truth.unwrap()).unwrap(),
        problems: Table::read(&book, "问题清单"),
        stdout: out.stdout,
        ws,
    }
}

fn close(a: &Value, b: &Value, what: &str) {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} ≠ {y}"),
        _ => assert_eq!(a, b, "{what}"),
    }
}

/// The deadline, the indicators, the sheets counted and every object, as the truth says.
fn check_results(ran: &Ran) {
    let (m, t) = (&ran.manifest["assessment"], &ran.truth);
    for key in ["year", "publicity_date", "appeal_deadline"] {
        assert_eq!(m[key], t[key], "{key}");
    }
    assert_eq!(m["indicators"]["count"], t["indicators"]["count"]);
    assert_eq!(
        m["indicators"]["by_category"],
        t["indicators"]["by_category"]
    );
    for key in ["assessments", "self_evaluations", "left_out"] {
        assert_eq!(
            m["score_sheets"][key], t["score_sheets"][key],
            "sheets.{key}"
        );
    }
    for key in ["applied", "late"] {
        assert_eq!(m["appeals"][key], t["appeals"][key], "appeals.{key}");
    }
    let objects = m["objects"].as_array().unwrap();
    let truth = t["objects"].as_array().unwrap();
    assert_eq!(objects.len(), truth.len(), "objects");
    // 缺评清单 only when an indicator went unscored, as published or after 复核: no page
    // of a header alone.
    let year = &m["year"];
    let book = ran.ws.join(&format!("out/{year}/考核结果-{year}.xlsx"));
    let published = m["objects"].as_array().unwrap().iter();
    let unscored = truth
        .iter()
        .any(|t| !t["missing"].as_array().unwrap().is_empty())
        || published
            .into_iter()
            .any(|o| !o["published_missing"].as_array().unwrap().is_empty());
    let listed = sheet_names(&book).iter().any(|s| s == "缺评清单");
    assert_eq!(listed, unscored, "缺评清单");
    for (o, t) in objects.iter().zip(truth) {
        let unit = t["unit"].as_str().unwrap();
        assert_eq!(o["unit"], t["unit"], "object order");
        for key in [
            "category",
            "total",
            "rank",
            "grade",
            "share",
            "self_total",
            "missing",
            "published_total",
            "published_rank",
        ] {
            close(&o[key], &t[key], &format!("{unit}.{key}"));
        }
    }
}

/// Every trap reported at its cell with its code; every error and warning is a trap.
fn check_traps(ran: &Ran) {
    let t = &ran.problems;
    let [severity, code, file, sheet, cell] =
        ["严重程度", "代码", "文件", "工作表", "单元格"].map(|c| t.col(c));
    let traps = ran.truth["traps"].as_array().unwrap();
    let at = |row: &Vec<String>, trap: &Value| {
        row[file] == trap["file"].as_str().unwrap_or_default()
            && trap["sheet"].as_str().is_none_or(|s| row[sheet] == s)
            && trap["cell"].as_str().is_none_or(|c| row[cell] == c)
            && row[code] == trap["code"].as_str().unwrap_or_default()
    };
    let missing: Vec<String> = traps
        .iter()
        .filter(|trap| !t.rows.iter().any(|row| at(row, trap)))
        .map(Value::to_string)
        .collect();
    assert!(
        missing.is_empty(),
        "traps not reported:\n{}",
        missing.join("\n")
    );
    let unplanned: Vec<String> = t
        .rows
        .iter()
        .filter(|row| row[severity] != "提示")
        .filter(|row| !traps.iter().any(|trap| at(row, trap)))
        .map(|row| row.join(" | "))
        .collect();
    assert!(
        unplanned.is_empty(),
        "unexpected problems:\n{}",
        unplanned.join("\n")
    );
}

/// The publicity annex lists the published results and the deadline (or, without one,
/// the appeal sentence `deadline_zh`); the final annex
/// the results after 复核.
fn check_annexes(ran: &Ran, year: &str, deadline_zh: &str) {
    let publicity = sheet_text(&ran.ws.join(&format!("out/{year}/附件-公示.xlsx")), "公示");
    let text: Vec<String> = publicity.iter().map(|r| r.join("|")).collect();
    assert!(
        text.iter().any(|l| l.contains(deadline_zh)),
        "no deadline {deadline_zh} in {text:?}"
    );
    let final_annex = ran.ws.join(&format!("out/{year}/附件-结果.xlsx"));
    let results = sheet_text(&final_annex, &sheet_names(&final_annex)[0]);
    for (book, key) in [(&publicity, "published_total"), (&results, "total")] {
        for o in ran.truth["objects"].as_array().unwrap() {
            let unit = o["unit"].as_str().unwrap();
            let row = book
                .iter()
                .find(|r| r.get(2).is_some_and(|c| c == unit))
                .unwrap_or_else(|| panic!("{unit} not in the annex"));
            let shown: f64 = row[3].parse().unwrap();
            close(&Value::from(shown), &o[key], &format!("annex {unit}.{key}"));
            // An object ranked with indicators unscored says so in 备注 of 结果, naming
            // them and why.
            if key == "total" {
                let missing = o["missing"].as_array().unwrap().len();
                let says = row.last().is_some_and(|c| {
                    let c = c.replace('\n', "");
                    c.starts_with(&format!("缺评{missing}项（")) && c.ends_with("），按0分计")
                });
                assert_eq!(says, missing > 0, "annex {unit}: {row:?}");
            }
        }
    }
}

/// The row of `unit` in the publicity annex of `ran`.
fn published_row(ran: &Ran, year: &str, unit: &str) -> Vec<String> {
    let publicity = sheet_text(&ran.ws.join(&format!("out/{year}/附件-公示.xlsx")), "公示");
    let row = publicity
        .into_iter()
        .find(|r| r.get(2).is_some_and(|c| c == unit));
    row.unwrap_or_else(|| panic!("{unit} not in the annex"))
}

#[test]
fn huainan_2021_matches_its_truth_file() {
    let ran = assess("huainan-2021", "2021");
    check_results(&ran);
    check_traps(&ran);
    check_annexes(&ran, "2021", "2022年1月5日");
    // 大通区's out-of-range score went uncounted until its appeal was applied: published
    // as incomplete, complete in the results.
    let row = published_row(&ran, "2021", "大通区");
    assert_eq!(
        row.last().unwrap().replace('\n', ""),
        "缺评1项（回应关切：评分超出分值未计），按0分计",
        "{row:?}"
    );
    let publicity = sheet_text(&ran.ws.join("out/2021/附件-公示.xlsx"), "公示");
    // As it reads, without the line breaks zwgk puts in to print it.
    let note = publicity.last().unwrap().join("").replace('\n', "");
    // Seed 003 puts the share into 政府目标管理考核体系, as the sample's counts_into says.
    let results = sheet_text(&ran.ws.join("out/2021/附件-结果.xlsx"), "考核结果");
    assert_eq!(
        results.last().unwrap().join(""),
        "注：折算得分 = 得分 × 4%，按比例计入政府目标管理考核。"
    );
    // Seed 004's wording with the dates filled in; nothing the seeds do not say (a 公示
    // period, 逾期不予受理).
    assert_eq!(
        note,
        "公示日期：2021年12月30日。对考核结果有异议的，请于2022年1月5日前（含当日，即公示之日起3个工作日内）向淮南市人民政府办公室提出复核申请。"
    );
    // The 复核意见 applied to it is not a 扣分原因: it has a column of its own.
    let lines = Table::read(&ran.ws.join("out/2021/考核结果-2021.xlsx"), "分项得分");
    let [unit, item, reason, review] =
        ["单位", "二级指标", "扣分原因", "复核意见"].map(|c| lines.col(c));
    let line = (lines.rows.iter())
        .find(|r| r[unit] == "大通区" && r[item] == "回应关切")
        .unwrap();
    assert_eq!(
        line[review], "经复核，舆情回应台账完整，调整为4.5分",
        "{line:?}"
    );
    assert_eq!(line[reason], "", "{line:?}");
    let row = published_row(&ran, "2021", "毛集实验区");
    assert_eq!(
        row.last().unwrap(),
        "缺评1项（规范政府信息公开行政复议案件审理标准：未评分），按0分计",
        "{row:?}"
    );
    assert!(
        ran.stdout.contains("复核截止：2022年1月5日"),
        "{}",
        ran.stdout
    );
    // 谢家集区 sent no 自评表 of 2021 (the others did): said on the screen, in 总分排名's
    // 说明 and in the manifest. Its 自评得分 was just blank.
    assert!(
        ran.stdout
            .contains("未收到本年度自评表：1 个单位（谢家集区）"),
        "{}",
        ran.stdout
    );
    let ranking = sheet_text(&ran.ws.join("out/2021/考核结果-2021.xlsx"), "总分排名");
    let header = ranking.iter().position(|r| r[0] == "序号").unwrap();
    let col = |c: &str| ranking[header].iter().position(|h| h == c).unwrap();
    let (unit, remark) = (col("单位"), col("说明"));
    let said: Vec<&str> = (ranking[header + 1..].iter())
        .filter(|r| r[remark].contains("未收到本年度自评表"))
        .map(|r| r[unit].as_str())
        .collect();
    assert_eq!(said, ["谢家集区"]);
    let m = crate::harness::manifest(&ran.ws, "2021");
    assert_eq!(
        m["assessment"]["without_self_assessment"],
        serde_json::json!(["谢家集区"])
    );
}

/// Seed 003 rests each item on its evidence link: 淮南's self-evaluations carry one per
/// indicator in column E, and 分项得分 and 自评对比 show it (the 考核单位's sheets have
/// none); 寿县 gave none for 规范政府信息公开行政复议案件审理标准 (its row 19).
#[test]
fn huainan_evidence_links_of_the_self_evaluations_reach_分项得分_and_自评对比() {
    let ran = assess("huainan-2021", "2021");
    let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
    for sheet in ["分项得分", "自评对比"] {
        let t = Table::read(&book, sheet);
        let [unit, item, link] = ["单位", "二级指标", "佐证链接"].map(|c| t.col(c));
        let shou: Vec<&Vec<String>> = t.rows.iter().filter(|r| r[unit] == "寿县").collect();
        assert_eq!(shou.len(), 21, "{sheet}");
        for row in shou {
            let expected = match row[item].as_str() {
                "规划信息公开" => "https://www.sx.gov.cn/public/column/4977000",
                "规范政府信息公开行政复议案件审理标准" => "",
                _ => "https://www.sx.gov.cn/public/column/",
            };
            assert!(row[link].starts_with(expected), "{sheet}: {row:?}");
            assert_eq!(
                row[link].is_empty(),
                expected.is_empty(),
                "{sheet}: {row:?}"
            );
        }
    }
}

/// 寿县 changed a weight of its self-evaluation form (C11: 12% for 10%), so that its group
/// no longer adds up (A9, A027): both problems ask the unit to correct its form and send
/// it again, not one of them to leave it and correct the indicator table.
#[test]
fn a_weight_changed_in_a_self_evaluation_gets_one_instruction() {
    let ran = assess("huainan-2021", "2021");
    let t = &ran.problems;
    let [code, file, advice] = ["代码", "文件", "建议"].map(|c| t.col(c));
    let shou = "inbox/县区自评/寿县-2021年政务公开自评表.xlsx";
    let of = |c: &str| {
        let row = t.rows.iter().find(|r| r[code] == c && r[file] == shou);
        row.unwrap_or_else(|| panic!("{c}")).clone()
    };
    assert_eq!(
        of("A019")[advice],
        "请报送单位按指标体系改正本表的分值后重新报送"
    );
    assert_eq!(of("A019")[advice], of("A027")[advice]);
}

/// DESIGN: each problem shows the original value as written — a 总分, the scores of a
/// duplicate or a conflict, a changed weight, an application's date, an indicator name
/// in traditional characters with its pinyin.
#[test]
fn problems_at_a_value_show_it_as_written() {
    let shown = |ran: &Ran, code_: &str, cell_: &str| {
        let t = &ran.problems;
        let [code, cell, value] = ["代码", "单元格", "原始值"].map(|c| t.col(c));
        let row = t.rows.iter().find(|r| r[code] == code_ && r[cell] == cell_);
        row.unwrap_or_else(|| panic!("{code_} {cell_}"))[value].clone()
    };
    let huainan = assess("huainan-2021", "2021");
    for (code, cell, value) in [
        ("A018", "U4", "73"),
        ("A015", "D9", "2"),
        ("A015", "D11", "1.5"),
        ("A014", "D12", "2.5"),
        ("A019", "C11", "12%"),
        ("A020", "C3", "2022-01-06"),
    ] {
        assert_eq!(shown(&huainan, code, cell), value, "{code} {cell}");
    }
    let taijiang = assess("taijiang-2021", "2021");
    assert_eq!(shown(&taijiang, "A009", "B7"), "網站(zhàn)安全");
    assert_eq!(shown(&taijiang, "A020", "C3"), "2022-01-04");
}

#[test]
fn taijiang_2021_matches_its_truth_file() {
    let ran = assess("taijiang-2021", "2021");
    check_results(&ran);
    check_traps(&ran);
    check_annexes(&ran, "2021", "2021年12月31日");
    let objects = ran.manifest["assessment"]["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 40, "seed 004's 40 objects");
    // 分项得分's 位置 (file / sheet / cell, longer than a page allows) wraps within a column
    // 40 wide instead of running past the table's edge: each row two lines tall.
    let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
    let xml = part(&book, "xl/worksheets/sheet2.xml");
    let lines = sheet_text(&book, "分项得分");
    let at = lines[0].iter().position(|h| h == "位置").unwrap();
    assert!(
        xml.contains(&format!(
            r#"<col min="{0}" max="{0}" width="40.625""#,
            at + 1
        )),
        "{xml}"
    );
    let first = xml.split("<row r=\"2\" ").nth(1).unwrap();
    let height: f64 = first
        .split("ht=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(height > 28.0, "two lines: {height}");
    assert!(lines[1][at].chars().count() > 40, "{}", lines[1][at]);
}

/// A column empty on every row only takes width from the printed page: 台江's indicators
/// have two levels, its 考核单位 give no 扣分原因 and nobody a 佐证链接, so 分项得分 has
/// none of these columns; 淮南's self-evaluations give links, which stay.
#[test]
fn columns_empty_on_every_row_are_left_out_of_分项得分() {
    let header = |ran: &Ran| {
        let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
        sheet_text(&book, "分项得分").swap_remove(0)
    };
    let taijiang = header(&assess("taijiang-2021", "2021"));
    for label in ["三级指标", "扣分原因", "佐证链接"] {
        assert!(
            !taijiang.iter().any(|h| h == label),
            "{label}: {taijiang:?}"
        );
    }
    assert!(taijiang.iter().any(|h| h == "复核意见"), "{taijiang:?}");
    let huainan = header(&assess("huainan-2021", "2021"));
    assert!(!huainan.iter().any(|h| h == "三级指标"), "{huainan:?}");
    for label in ["扣分原因", "佐证链接", "位置"] {
        assert!(huainan.iter().any(|h| h == label), "{label}: {huainan:?}");
    }
}

/// 施洞镇's 附加指标 (鄉鎮!N9, 6 of 5 points, A012) was set to 4 by an application in
/// time: the problem asks for no resubmission but names the decision that settled it, at
/// its 复核得分 cell (D2, not the 申请日期 in C2).
#[test]
fn a_score_settled_by_an_applied_appeal_asks_for_nothing_more() {
    let ran = assess("taijiang-2021", "2021");
    let t = &ran.problems;
    let [code, sheet, cell, advice] = ["代码", "工作表", "单元格", "建议"].map(|c| t.col(c));
    let row = (t.rows.iter())
        .find(|r| r[code] == "A012" && r[sheet] == "鄉鎮" && r[cell] == "N9")
        .expect("A012 at 鄉鎮!N9");
    assert_eq!(
        row[advice],
        "无需处理：已复核，复核后计4分（reference/appeals.xlsx / Sheet1 / D2）"
    );
}

/// 财政局's self-evaluation adds to 85, but its 2-point 網站(zhàn)安全 is no indicator
/// (A009): its self total of 83 says why in 说明, and A009 asks the unit to remove the
/// row rather than to rename it.
#[test]
fn a_self_evaluated_item_outside_the_indicator_table_is_explained() {
    let ran = assess("taijiang-2021", "2021");
    let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
    let ranking = sheet_text(&book, "总分排名");
    let header = &ranking[1];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = (ranking.iter())
        .find(|r| r[col("单位")] == "财政局")
        .unwrap();
    assert_eq!(row[col("自评得分")], "83", "{row:?}");
    assert_eq!(
        row[col("说明")],
        "自评 1 项不在指标体系中未计入（见问题清单）"
    );
    let t = &ran.problems;
    let [code, advice] = ["代码", "建议"].map(|c| t.col(c));
    let a009 = t.rows.iter().find(|r| r[code] == "A009").unwrap();
    assert!(
        a009[advice].starts_with("指标体系中没有这一项，未计入自评得分：请报送单位删除该行"),
        "{a009:?}"
    );
}

/// 总分排名's 序号 printed some rows centred and others flush right (each carried a
/// right-aligned count's style, `0_ `): every 序号 of the workbook is centred, as in the
/// annexes, and a count such as 排名 keeps its style.
#[test]
fn every_序号_of_the_results_workbook_is_centred() {
    let ran = assess("taijiang-2021", "2021");
    let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
    for (n, sheet) in sheet_names(&book).iter().enumerate() {
        let part = format!("xl/worksheets/sheet{}.xml", n + 1);
        let header = if sheet == "总分排名" { 2 } else { 1 };
        let cells = alignments(&book, &part, "A");
        assert!(cells.len() > header, "{sheet}");
        for (cell, horizontal) in &cells[header..] {
            assert_eq!(horizontal, "center", "{sheet}!{cell}");
        }
    }
    let ranks = alignments(&book, "xl/worksheets/sheet1.xml", "E");
    assert_eq!(ranks[2].1, "right", "{ranks:?}");
}

/// The row height (points) of the annex row whose 单位 is `unit`.
fn row_height(sheet_xml: &str, rows: &[Vec<String>], unit: &str) -> f64 {
    let at = rows.iter().position(|r| r[2] == unit).unwrap() + 1;
    let row = sheet_xml
        .split(&format!("<row r=\"{at}\" "))
        .nth(1)
        .unwrap();
    let tag = &row[..row.find('>').unwrap()];
    tag.split("ht=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// 台江's longest names, 黔东南州生态环境局台江分局 and 国家税务总局台江县税务局 (13
/// characters), print on one line in both annexes, portrait at full size: 单位 is as wide
/// as they are, and their rows as tall as 审计局's.
#[test]
fn taijiang_annexes_print_the_longest_unit_names_on_one_line() {
    let ran = assess("taijiang-2021", "2021");
    for book in ["附件-公示.xlsx", "附件-结果.xlsx"] {
        let path = ran.ws.join(&format!("out/2021/{book}"));
        let sheet = &sheet_names(&path)[0];
        let xml = part(&path, "xl/worksheets/sheet1.xml");
        // 13 characters of 12 pt and the cell's margins, in Excel's 6-point units.
        let width = col_width(&xml, 3).unwrap();
        assert!(width >= (13.0 * 12.0 + 3.0) / 6.0, "{book}: 单位 {width}");
        let setup = &xml[xml.find("<pageSetup").unwrap()..];
        let setup = &setup[..setup.find("/>").unwrap()];
        assert!(
            setup.contains(r#"orientation="portrait""#),
            "{book}: {setup}"
        );
        assert!(
            !setup.contains("scale=") || setup.contains(r#"scale="100""#),
            "{setup}"
        );
        let rows = sheet_text(&path, sheet);
        let one_line = row_height(&xml, &rows, "审计局");
        for unit in ["黔东南州生态环境局台江分局", "国家税务总局台江县税务局"]
        {
            let height = row_height(&xml, &rows, unit);
            assert!(height <= one_line, "{book}: {unit} {height} > {one_line}");
        }
    }
}

/// Seed 001 Annex 2: the 25-point target item from the year's run, 倒扣 items from four
/// lead units (县总工会 outside the units table), doubled city deductions, 政府信息公开
/// at 0 after a lost lawsuit; the deadline counts the make-up workday of 2018-12-29.
#[test]
fn daying_2018_assessment_matches_its_truth_file() {
    let ran = assess("daying-2018", "2018");
    check_results(&ran);
    check_traps(&ran);
    let lines =
        crate::samples::Table::read(&ran.ws.join("out/2018/考核结果-2018.xlsx"), "分项得分");
    let [unit, l2, counted] = ["单位", "二级指标", "计入得分"].map(|c| lines.col(c));
    let line = |u: &str, item: &str| {
        lines
            .rows
            .iter()
            .find(|r| r[unit] == u && r[l2] == item && !r[counted].is_empty())
            .map(|r| r[counted].clone())
    };
    assert_eq!(
        line("国土局", "概况信息").as_deref(),
        Some("0"),
        "lawsuit: group at 0"
    );
    assert_eq!(
        line("档案局", "机关内部事务公开情况").as_deref(),
        Some("-1")
    );
    // The items stop in April (A026, among the traps): the target item says so.
    let basis = lines.col("来源");
    let target = (lines.rows.iter())
        .find(|r| r[unit] == "志办" && r[l2] == "完成政府信息目标任务情况")
        .expect("志办's target item");
    assert!(
        target[basis].contains("全年目标 20 条，截至2018年4月报送 5 条"),
        "{target:?}"
    );
    // A file of the unit that could not be counted is named beside the figure it may
    // have lowered: 审计局's encrypted 补报.
    let audit = (lines.rows.iter())
        .find(|r| r[unit] == "审计局" && r[l2] == "完成政府信息目标任务情况")
        .expect("审计局's target item");
    assert!(
        audit[basis]
            .ends_with("；另有未能计入的文件：inbox/审计局/审计局-2018年4月补报.xlsx 无法读取"),
        "{audit:?}"
    );
    // A ranking from four months is no year's result: neither annex is written, and
    // the screen says why (a supervisor read 台办, which sent nothing, 3rd of 44 部门 in
    // a 公示 under a note that it was no year's result).
    let why = "未写出：out/2018/附件-公示.xlsx、out/2018/附件-结果.xlsx（「政府信息公开/完成政府信息目标任务情况」的得分按截至2018年4月的报送信息计算，不是全年结果；全年的信息收齐后再运行";
    assert!(ran.stdout.contains(why), "{}", ran.stdout);
    for book in ["附件-公示.xlsx", "附件-结果.xlsx"] {
        assert!(!ran.ws.join(&format!("out/2018/{book}")).exists(), "{book}");
    }
    // Nor does the workbook look like a result to publish: its title says what it is,
    // and it has no 公示 column.
    let book = ran.ws.join("out/2018/考核结果-2018.xlsx");
    let ranking = crate::harness::sheet_text(&book, "总分排名");
    assert_eq!(
        ranking[0][0],
        "大英县2018年度政务公开考核结果（全年信息未收齐，仅供测算，不能公示）"
    );
    assert!(
        !ranking[1].iter().any(|h| h.starts_with("公示")),
        "{:?}",
        ranking[1]
    );
}

/// The item lists and count summaries 大英's target indicator rests on are listed in
/// 文件清单 and the manifest with the rows the run read and accepted of them, as `zwgk
/// run` for the year lists them — not as 0 read, 0 accepted.
#[test]
fn the_files_the_figures_rest_on_are_listed_with_their_rows() {
    let ran = assess("daying-2018", "2018");
    let run = ran.ws.zwgk(&["run", "--period", "2018"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(ran.ws.join("out/2018/manifest.json")).unwrap(),
    )
    .unwrap();
    let lists = |inputs: &Value| -> Vec<(String, Value)> {
        let inputs = inputs.as_array().unwrap().iter();
        let lists = inputs.filter(|i| {
            let sheets = i["sheets"].as_array().unwrap();
            i["role"] == "submission"
                && !sheets.is_empty()
                && sheets
                    .iter()
                    .all(|s| s["kind"] == "items" || s["kind"] == "counts")
        });
        lists
            .map(|i| (i["path"].as_str().unwrap().to_string(), i["sheets"].clone()))
            .collect()
    };
    let assessed = lists(&manifest["assessment"]["inputs"]);
    assert_eq!(assessed, lists(&manifest["inputs"]));
    let rows: u64 = (assessed.iter())
        .flat_map(|(_, sheets)| sheets.as_array().unwrap())
        .map(|s| s["rows_accepted"].as_u64().unwrap())
        .sum();
    assert!(rows > 1000, "{rows}");
}

/// The README shows what assessing the 淮南 sample prints; this keeps it from drifting.
#[test]
fn the_readme_shows_what_assess_prints() {
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let start = readme
        .find("```text\n淮南市2021年度政务公开考核")
        .expect("README assess output")
        + 8;
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let ran = assess("huainan-2021", "2021");
    assert_eq!(ran.stdout, shown);
}

/// Seed 004 calls the exercise 评估 throughout and counts the score 按比例 into 单位年终目标
/// 绩效考核最终结果; the sample's `[assessment]` says so, and so do its annexes. Neither seed
/// asks for a 书面 application.
#[test]
fn taijiang_annexes_speak_of_评估_as_seed_004_does() {
    let ran = assess("taijiang-2021", "2021");
    let text = |book: &str| {
        let path = ran.ws.join(&format!("out/2021/{book}"));
        let sheet = sheet_names(&path)[0].clone();
        let rows = sheet_text(&path, &sheet);
        (sheet, rows.iter().map(|r| r.join("")).collect::<Vec<_>>())
    };
    let (_, publicity) = text("附件-公示.xlsx");
    // Too long for a line at 20 pt: two lines of like length, 公示 not left alone below.
    assert_eq!(
        publicity[2],
        "2021年台江县政府系统\n政务公开工作评估结果公示"
    );
    let note = publicity.last().unwrap();
    assert!(note.contains("对评估结果有异议的"), "{note}");
    assert!(note.contains("向县政府政务信息中心提出复核申请"), "{note}");
    let (sheet, results) = text("附件-结果.xlsx");
    assert_eq!(sheet, "评估结果");
    assert_eq!(results[2], "2021年台江县政府系统政务公开工作评估结果");
    let note = results.last().unwrap();
    assert!(
        note.contains("按比例计入单位年终目标绩效考核最终结果"),
        "{note}"
    );
    for line in publicity.iter().chain(&results) {
        assert!(
            !line.contains("考核结果") && !line.contains("书面"),
            "{line}"
        );
    }
    let ranking = sheet_text(&ran.ws.join("out/2021/考核结果-2021.xlsx"), "总分排名");
    assert_eq!(ranking[0][0], "2021年台江县政府系统政务公开工作评估结果");
    assert!(
        ran.stdout
            .starts_with("2021年台江县政府系统政务公开工作评估\n"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("评估对象：40 个单位"), "{}", ran.stdout);
}

/// The workbook, 问题清单 and the screen speak of 评估 too where 台江 sets `term`: 评估得分
/// in 自评对比, 评估单位 in 缺评清单, no 考核 in a message or an advice; the screen counts
/// the 4 sheets of the one assessment workbook as sheets, and a run without a publicity
/// date says the 评估结果 are not final.
#[test]
fn taijiang_workbook_and_screen_speak_of_评估_too() {
    let ran = assess("taijiang-2021", "2021");
    let book = ran.ws.join("out/2021/考核结果-2021.xlsx");
    let header = |sheet: &str| sheet_text(&book, sheet).swap_remove(0);
    assert!(header("自评对比").iter().any(|h| h == "评估得分"));
    assert!(header("缺评清单").iter().any(|h| h == "评估单位"));
    for sheet in ["自评对比", "缺评清单", "复核情况"] {
        for row in sheet_text(&book, sheet) {
            assert!(!row.join("").contains("考核"), "{sheet}: {row:?}");
        }
    }
    let t = &ran.problems;
    let [message, advice] = ["说明", "建议"].map(|c| t.col(c));
    for row in &t.rows {
        assert!(
            !row[message].contains("考核") && !row[advice].contains("考核"),
            "{row:?}"
        );
    }
    assert!(
        ran.stdout
            .contains("评分工作表：评估 4 张，自评 3 张，未计入 1 张（其他年度 1 张）"),
        "{}",
        ran.stdout
    );
    let config = std::fs::read_to_string(ran.ws.join("zwgk.toml")).unwrap();
    let undated: String = (config.lines())
        .filter(|l| !l.starts_with("publicity_date"))
        .map(|l| format!("{l}\n"))
        .collect();
    ran.ws.write("zwgk.toml", undated);
    let out = ran.ws.zwgk(&["assess"]);
    assert!(
        out.stdout
            .contains("复核申请尚未处理，评估结果不是最终结果"),
        "{}",
        out.stdout
    );
}

#[test]
fn assess_needs_filled_targets_only_where_an_indicator_scores_from_them() {
    // 大英县's 目标任务 indicator takes its score from the targets table.
    let ws = Ws::sample("daying-2018");
    ws.xlsx(
        "reference/targets.xlsx",
        &[vec![V::T("单位"), V::T("目标任务数量(条)")]],
    );
    let out = ws.zwgk(&["assess"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("目标任务表 reference/targets.xlsx 中没有任何单位"),
        "{}",
        out.stderr
    );
    // 台江县 has no targets table at all, and needs none.
    let ws = Ws::sample("taijiang-2021");
    assert!(!ws.join("reference/targets.xlsx").exists());
    let out = ws.zwgk(&["assess"]);
    assert!(out.code < 2, "{}{}", out.stdout, out.stderr);
}

#[test]
fn assess_names_a_units_table_without_categories_once() {
    let ws = Ws::sample("taijiang-2021");
    let units = sheet_text(&ws.join("reference/units.xlsx"), "Sheet1");
    let category = units[0]
        .iter()
        .position(|c| c.contains("类别") || c.contains("類別"));
    let category = category.expect("the sample's units table has a 类别 column");
    let rows: Vec<Vec<V>> = units
        .iter()
        .map(|r| {
            let kept = r.iter().enumerate().filter(|(i, _)| *i != category);
            kept.map(|(_, c)| V::T(c)).collect()
        })
        .collect();
    ws.xlsx("reference/units.xlsx", &rows);
    let out = ws.zwgk(&["assess"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "错误：单位名称表 reference/units.xlsx 的表头（第 1 行）中没有“类别”列，而指标体系表 reference/indicators.xlsx 的适用对象要按类别选取考核对象：请在表头加一列“类别”，为每个单位填写类别（如 部门、乡镇、街道）后再运行"
    );
}
