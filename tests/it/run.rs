//! `zwgk run` and `zwgk check` on small workspaces whose figures are counted by hand.

use crate::harness::{V, Ws, alignments, sheet_names, sheet_text};

/// Four units, targets with a 合计 row, and an inbox with one unit in each situation:
/// 民政局 an xlsx item list (one duplicate, one bad date, one March item), 蓬莱镇 a GBK
/// CSV under a 填报单位 line in traditional characters, 政府办 counts under an alias,
/// 财政局 nothing.
pub(crate) fn county() -> Ws {
    let ws = Ws::new();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 2018\n");
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![
                V::T("政府办"),
                V::T("县政府办公室、大英县人民政府办公室"),
                V::T("部门"),
            ],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
        ],
    );
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("附件1")],
            vec![V::T("单    位"), V::T("目标任务数量(条)")],
            vec![V::T("政府办"), V::N(240.0)],
            vec![V::T("民政局"), V::N(120.0)],
            vec![V::T("蓬莱镇"), V::N(60.0)],
            vec![V::T("财政局"), V::N(30.0)],
            vec![V::T("合  计"), V::T("450条")],
        ],
    );
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![
                V::T("=关于低保资金发放的公示"),
                V::D(43193.0, 14),
                V::T("通知公告"),
            ],
            vec![
                V::T("民政局召开春季工作会议"),
                V::T("2018年4月9日"),
                V::T("工作动态"),
            ],
            vec![
                V::T("民政局召开春季工作会议"),
                V::T("2018-04-09"),
                V::T("工作动态"),
            ],
            vec![
                V::T("养老服务补贴发放名单"),
                V::T("2018.4.20"),
                V::T("通知公告"),
            ],
            vec![V::T("三月份救助情况"), V::T("2018/3/30"), V::T("通知公告")],
            vec![V::T("日期写错的一条"), V::T("四月五日"), V::T("通知公告")],
        ],
    );
    ws.gbk(
        "inbox/蓬莱镇/4月.csv",
        "填报单位：蓬萊鎮\n标题,发布日期,栏目\n蓬莱镇春季森林防火工作会议,2018-04-03,工作动态\n蓬莱镇2018年4月低保名单公示,20180412,通知公告\n",
    );
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("数量")],
            vec![V::T("县政府办公室"), V::T("2018年3月"), V::T("30条")],
            vec![V::T("县政府办公室"), V::T("2018年4月"), V::T("２５")],
        ],
    );
    ws
}

#[test]
fn county_figures_match_a_hand_count() {
    let ws = county();
    // 大英县's scoring rules (seed 001 附件2), stated: 完成情况 shows the score.
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[scoring]\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(
        out.code, 1,
        "errors were found (the bad date): {}\n{}",
        out.stdout, out.stderr
    );
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let rows = sheet_text(&book, "完成情况");
    let row = |unit: &str| {
        rows.iter()
            .find(|r| r.get(1).map(String::as_str) == Some(unit))
            .cloned()
            .unwrap()
    };
    // unit, target, this period, year to date, pro-rata, score
    let pick = |r: Vec<String>| {
        (
            r[3].clone(),
            r[4].clone(),
            r[5].clone(),
            r[6].clone(),
            r[8].clone(),
        )
    };
    let s = |v: &str| v.to_string();
    assert_eq!(
        pick(row("民政局")),
        (s("120"), s("3"), s("4"), s("40"), s("14.2"))
    );
    assert_eq!(
        pick(row("蓬莱镇")),
        (s("60"), s("2"), s("2"), s("20"), s("19.6"))
    );
    assert_eq!(
        pick(row("政府办")),
        (s("240"), s("25"), s("55"), s("80"), s("17.5"))
    );
    assert_eq!(
        pick(row("财政局")),
        (s("30"), s("0"), s("0"), s("10"), s("22"))
    );
    assert!(
        out.stdout.contains("本期未报送：1 个单位（财政局）"),
        "{}",
        out.stdout
    );
}

#[test]
fn workbook_has_its_sheets_and_formula_like_titles_stay_text() {
    let ws = county();
    ws.zwgk(&["run", "--period", "2018-04"]);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    assert_eq!(
        crate::harness::sheet_names(&book),
        [
            "完成情况",
            "完成率图",
            "明细",
            "统计数",
            "问题清单",
            "文件清单"
        ]
    );
    let items = sheet_text(&book, "明细");
    assert!(
        items.iter().any(|r| r[2] == "=关于低保资金发放的公示"),
        "{items:?}"
    );
}

#[test]
fn manifest_lists_what_the_run_did() {
    let ws = county();
    ws.zwgk(&["run", "--period", "2018-04"]);
    let manifest = crate::harness::manifest(&ws, "2018-04");
    insta::assert_json_snapshot!("county_manifest", manifest, {
        ".generated_at" => "[time]",
        ".inputs[].sha256" => "[sha256]",
        ".inputs[].bytes" => "[bytes]",
        ".outputs[].sha256" => "[sha256]",
    });
}

#[test]
fn every_row_read_is_accepted_or_rejected_with_a_problem_at_its_row() {
    let ws = county();
    ws.zwgk(&["run", "--period", "2018-04"]);
    let manifest = crate::harness::manifest(&ws, "2018-04");
    let problems = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    for input in manifest["inputs"].as_array().unwrap() {
        for sheet in input["sheets"].as_array().unwrap() {
            let n = |k: &str| sheet[k].as_u64().unwrap();
            assert_eq!(
                n("rows_read"),
                n("rows_accepted") + n("rows_rejected"),
                "{input}"
            );
            // Each rejected row has at least one error located on it.
            let mut rows: Vec<String> = problems
                .iter()
                .filter(|p| {
                    p[1] == "错误"
                        && p[3] == input["path"].as_str().unwrap()
                        && p[4] == sheet["name"].as_str().unwrap()
                })
                .map(|p| {
                    p[5].trim_start_matches(|c: char| c.is_ascii_alphabetic())
                        .to_string()
                })
                .collect();
            rows.dedup();
            assert_eq!(rows.len() as u64, n("rows_rejected"), "{input} {rows:?}");
        }
    }
    assert_eq!(manifest["totals"]["rows_rejected"], 1);
}

#[test]
fn inputs_are_untouched_and_a_rerun_gives_the_same_cells() {
    let ws = county();
    let before = ws.snapshot();
    ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(before == ws.snapshot(), "a run changed an input file");
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let sheets = crate::harness::sheet_names(&book);
    let first: Vec<_> = sheets.iter().map(|s| sheet_text(&book, s)).collect();
    ws.zwgk(&["run", "--period", "2018-04"]);
    let second: Vec<_> = sheets.iter().map(|s| sheet_text(&book, s)).collect();
    assert_eq!(first, second);
    let leftovers: Vec<_> = std::fs::read_dir(ws.join("out/2018-04"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn the_seed_001_total_of_12360_passes_and_an_edited_target_fails_at_the_total() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert!(
        out.stdout.contains("合计 12360 条，与各行之和一致"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("C001 reference/targets.xlsx"),
        "{}",
        out.stdout
    );

    // Rewrite the table as printed, with 民政局's 240 typed as 250.
    let printed = sheet_text(&ws.join("reference/targets.xlsx"), "目标任务");
    let rows: Vec<Vec<V>> = printed
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, v)| match v.as_str() {
                    "" => V::Blank,
                    "240" if r[c.saturating_sub(1)] == "民政局" => V::N(250.0),
                    n if n.parse::<f64>().is_ok() => V::N(n.parse().unwrap()),
                    t => V::T(t),
                })
                .collect()
        })
        .collect();
    ws.xlsx("reference/targets.xlsx", &rows);
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    let total_row = printed
        .iter()
        .position(|r| r[0].replace([' ', '\u{a0}'], "") == "合计")
        .unwrap()
        + 1;
    let expected = format!(
        "C001 reference/targets.xlsx / Sheet1 / B{total_row}：合计 12360 与所列各行之和 12370 不符（相差 10）"
    );
    assert!(out.stdout.contains(&expected), "{expected}\n{}", out.stdout);
}

/// Problems in the reference tables and in rows, each raised at its cell.
#[test]
fn reference_and_row_problems_are_raised_at_their_cells() {
    let ws = Ws::new();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 2018\n");
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::T("民政"), V::T("部门")],
            vec![V::T("财政局"), V::T("民政"), V::T("部门")],
            vec![V::Blank, V::T("无名"), V::T("部门")],
        ],
    );
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(120.0)],
            vec![V::T("民政局"), V::N(100.0)],
            vec![V::T("老干局"), V::N(30.0)],
            vec![V::T("财政局"), V::Blank],
        ],
    );
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![V::Blank, V::T("2018-04-02"), V::T("通知公告")],
            vec![V::T("没有日期的一条"), V::Blank, V::T("通知公告")],
        ],
    );
    ws.xlsx(
        "inbox/民政局统计-2018年4月.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("数量")],
            vec![V::T("民政局"), V::T("2018年4月"), V::Blank],
        ],
    );
    ws.xlsx(
        "inbox/联系人.xlsx",
        &[
            vec![V::T("单位"), V::T("类别")],
            vec![V::T("民政局"), V::T("部门")],
        ],
    );
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert_eq!(out.code, 1);
    for expected in [
        "R004 reference/units.xlsx / Sheet1 / A4：单位名称为空",
        "R002 reference/units.xlsx / Sheet1：别名「民政」同时指向「民政局」和「财政局」",
        "R003 reference/targets.xlsx / Sheet1 / A3：单位「民政局」有多个目标任务数",
        "R001 reference/targets.xlsx / Sheet1 / A4：目标任务表中的单位「老干局」不在单位名称表中",
        "V008 reference/targets.xlsx / Sheet1 / B5：数量为空",
        "V005 inbox/民政局-2018年4月.xlsx / Sheet1 / A2：标题为空",
        "V006 inbox/民政局-2018年4月.xlsx / Sheet1 / B3：发布日期为空",
        "V008 inbox/民政局统计-2018年4月.xlsx / Sheet1 / C2：数量为空",
        "L006 inbox/联系人.xlsx / Sheet1：本工作表既不是明细表",
    ] {
        assert!(
            out.stdout.contains(expected),
            "missing 「{expected}」 in\n{}",
            out.stdout
        );
    }
}

/// The README shows the main job's real output; this keeps it from drifting.
#[test]
fn the_readme_shows_what_the_main_job_prints() {
    let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let start = readme
        .find("```text\n大英县 2018年4月")
        .expect("README main job output")
        + 8;
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["run", "-w", ".", "--period", "2018-04"]);
    assert_eq!(out.stdout, shown);
}

/// A title longer than an Excel cell holds: 汇总 cuts it, and the W001 saying so is found
/// by the checks, so `check` lists it as `run` does and the manifest counts it.
#[test]
fn a_title_too_long_for_a_cell_is_found_before_the_workbook_is_written() {
    let ws = county();
    let long = "很".repeat(40_000);
    ws.write(
        "inbox/财政局-2018年4月.csv",
        format!("标题,发布日期,栏目\n{long},2018-04-02,通知公告\n"),
    );
    let checked = ws.zwgk(&["check", "--period", "2018-04"]);
    ws.zwgk(&["run", "--period", "2018-04"]);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let items = sheet_text(&book, "明细");
    let cut = items
        .iter()
        .position(|r| r[2].starts_with("很很很"))
        .unwrap();
    assert!(
        items[cut][2].ends_with("已截断）"),
        "{}",
        &items[cut][2][..30]
    );
    let cell = format!("C{}", cut + 1);
    let w001 =
        format!("[警告] W001 out/2018-04/汇总-2018-04.xlsx / 明细 / {cell}：内容长 40000 个字符");
    assert!(checked.stdout.contains(&w001), "{}", checked.stdout);
    let manifest = crate::harness::manifest(&ws, "2018-04");
    assert_eq!(manifest["problems"]["by_code"]["W001"], 1, "{manifest}");
    let problems = sheet_text(&book, "问题清单");
    let listed: Vec<_> = problems.iter().filter(|p| p[2] == "W001").collect();
    assert_eq!(listed.len(), 1, "{problems:?}");
    assert_eq!(
        (listed[0][4].as_str(), listed[0][5].as_str()),
        ("明细", cell.as_str())
    );
}

#[test]
fn a_targets_table_with_only_its_header_stops_the_run_naming_the_file() {
    let ws = county();
    let header = vec![V::T("单位"), V::T("目标任务数量(条)")];
    ws.xlsx("reference/targets.xlsx", &[header]);
    for args in [
        &["run", "--period", "2018-04"][..],
        &["check", "--period", "2018-04"],
        &["annex", "targets"],
    ] {
        let out = ws.zwgk(args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stderr
                .contains("目标任务表 reference/targets.xlsx 中没有任何单位：请在表头下逐行填写"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert!(!ws.join("out/2018-04").exists());
    // The forms need no targets: an office may hand them out before it has any.
    let out = ws.zwgk(&["template", "--unit", "民政局"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The office keeps its reference tables: what is wrong with them is said to it, not to
/// a submitting unit (请将数量改为整数后保存, not 请报送单位……后重新报送), and a table it
/// cannot read at all is said to be unreadable, not to lack a column.
#[test]
fn advice_on_the_offices_own_tables_is_addressed_to_the_office() {
    let ws = county();
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::T("一百二十")],
            vec![V::T("财政局"), V::N(120.0)],
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let listed = sheet_text(&book, "问题清单");
    let row = listed
        .iter()
        .find(|r| r[3] == "reference/targets.xlsx")
        .expect("a targets problem");
    assert!(
        !row[8].contains("报送单位") && !row[8].contains("重新报送"),
        "{row:?}"
    );
    let bytes = std::fs::read(ws.join("reference/targets.xlsx")).unwrap();
    ws.write("reference/targets.xlsx", &bytes[..bytes.len() / 2]);
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("目标任务表「reference/targets.xlsx」：文件无法读取")
            && out.stderr.contains("再使用")
            && !out.stderr.contains("请检查表头"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_units_table_with_only_its_header_stops_the_run_with_one_message() {
    let ws = county();
    let header = vec![V::T("单位名称"), V::T("别名"), V::T("类别")];
    ws.xlsx("reference/units.xlsx", &[header]);
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "错误：单位名称表 reference/units.xlsx 中没有任何单位：请在表头下逐行填写单位名称（及别名、类别）后再运行"
    );
}

#[test]
fn a_units_table_without_categories_is_named_once_where_sections_pick_by_category() {
    let ws = county();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名")],
            vec![V::T("政府办"), V::T("县政府办公室")],
            vec![V::T("民政局")],
            vec![V::T("蓬莱镇")],
            vec![V::T("财政局")],
        ],
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,保障单位,更新频率\n政务动态,部门动态,各部门,每月\n政务动态,乡镇动态,蓬莱镇,每月\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "错误：单位名称表 reference/units.xlsx 的表头（第 1 行）中没有“类别”列，而栏目表 reference/sections.csv 中的“各部门”要按类别选取单位：请在表头加一列“类别”，为每个单位填写类别（如 部门、乡镇、街道）后再运行"
    );
    // Sections naming their units need no categories.
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,保障单位,更新频率\n政务动态,部门动态,民政局、财政局,每月\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code < 2, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_two_digit_working_year_is_refused_when_the_settings_are_read() {
    let ws = county();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 18\n");
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("zwgk.toml：第 3 行：[workspace] year = 18 不可用：工作年度应写四位数的年份"),
        "{}",
        out.stderr
    );
}

/// 序号 is centred in every workbook (README): in 明细 too, whose rows are streamed
/// without the formats of the other sheets.
#[test]
fn the_序号_of_明细_is_centred() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}", out.stderr);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let at = sheet_names(&book).iter().position(|s| s == "明细").unwrap();
    let cells = alignments(&book, &format!("xl/worksheets/sheet{}.xml", at + 1), "A");
    assert!(cells.len() > 100, "{}", cells.len());
    for (cell, horizontal) in &cells {
        assert_eq!(horizontal, "center", "明细!{cell}");
    }
}

/// A folder of the user's named like a file of the period's set (manifest.json/) is left
/// as it is: the run writes nothing, says which folder is in the way, and exits with 3.
#[test]
fn a_folder_named_like_an_output_is_kept_and_the_run_stops_with_3() {
    let ws = Ws::sample("daying-2018");
    assert!(ws.zwgk(&["run", "--period", "2018-04"]).code <= 1);
    let folder = ws.join("out/2018-04/manifest.json");
    std::fs::remove_file(&folder).unwrap();
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("数据.txt"), "mine").unwrap();
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let before = std::fs::read(&book).unwrap();
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("已有同名的文件夹"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(folder.join("数据.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read(&book).unwrap(),
        before,
        "the previous set stays"
    );
}

/// 汇总 copied back into the inbox is zwgk's own workbook, not a submission (F016): read
/// as one, its 明细 and 统计数 counted every item twice. Every sheet of the rerun's 汇总
/// but 问题清单 and 文件清单 is as before.
#[test]
fn the_workbook_zwgk_wrote_is_skipped_when_put_back_in_the_inbox() {
    let ws = county();
    ws.zwgk(&["run", "--period", "2018-04"]);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let sheets: Vec<String> = sheet_names(&book)
        .into_iter()
        .filter(|s| s != "问题清单" && s != "文件清单")
        .collect();
    let before: Vec<_> = sheets.iter().map(|s| sheet_text(&book, s)).collect();
    std::fs::copy(&book, ws.join("inbox/汇总-2018-04.xlsx")).unwrap();
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    let after: Vec<_> = sheets.iter().map(|s| sheet_text(&book, s)).collect();
    assert!(before == after, "{}", out.stdout);
    let problems = sheet_text(&book, "问题清单");
    let own = problems.iter().find(|r| r[2] == "F016").expect("F016");
    assert_eq!(
        (own[3].as_str(), own[7].as_str()),
        (
            "inbox/汇总-2018-04.xlsx",
            "是 zwgk 生成的汇总表，不是报送文件，已跳过，未读取"
        )
    );
}

/// An empty inbox is most often the wrong folder: the run, a 催报 and the reports say so
/// rather than look like a clean run that found every unit 未报送.
#[test]
fn an_empty_inbox_is_said_to_be_empty() {
    let ws = county();
    for entry in std::fs::read_dir(ws.join("inbox")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }
    let said = "注意：收件夹 inbox 中没有任何文件，各单位都算未报送";
    for args in [
        &["run", "--period", "2018-04"][..],
        &[
            "notice",
            "催报",
            "--period",
            "2018-04",
            "--date",
            "2018-05-03",
        ],
        &["report", "--period", "2018-04", "--date", "2018-05-07"],
    ] {
        let out = ws.zwgk(args);
        assert!(
            out.stdout.contains(said),
            "{args:?}: {}{}",
            out.stdout,
            out.stderr
        );
    }
    ws.write(
        "inbox/民政局.csv",
        "标题,发布日期,栏目\n春季工作会议,2018-04-09,工作动态\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(!out.stdout.contains("没有任何文件"), "{}", out.stdout);
}

/// A total row whose label puts the month before 合计 (4月合计, 2022年6月合计) is a check
/// on the rows above it, never a count: 汤阴's statistics sheet counted it as 8 more.
/// So is 4月小计 between an item list's months, which was rejected as a row without a
/// title and made the 合计 below it look wrong.
#[test]
fn a_total_row_labelled_with_its_month_is_a_total_not_a_count() {
    let ws = county();
    ws.xlsx(
        "inbox/财政局-2018年4月统计.xlsx",
        &[
            vec![V::T("统计期间：2018年4月")],
            vec![V::T("序号"), V::T("栏目"), V::T("数量")],
            vec![V::N(1.0), V::T("工作动态"), V::N(5.0)],
            vec![V::N(2.0), V::T("通知公告"), V::N(3.0)],
            vec![V::Blank, V::T("4月合计"), V::N(8.0)],
        ],
    );
    ws.xlsx(
        "inbox/民政局-2018年3-4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![V::T("三月的通知"), V::T("2018-03-20"), V::T("通知公告")],
            vec![V::Blank, V::T("3月小计"), V::T("1条")],
            vec![V::T("四月的通知"), V::T("2018-04-20"), V::T("通知公告")],
            vec![V::Blank, V::T("4月份小计"), V::T("1条")],
            vec![V::T("合计"), V::Blank, V::T("2条")],
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let counts = sheet_text(&book, "统计数");
    let finance: Vec<&Vec<String>> = counts.iter().filter(|r| r[1] == "财政局").collect();
    assert_eq!(finance.len(), 2, "{counts:?}");
    let problems = sheet_text(&book, "问题清单");
    let about = |file: &str| -> Vec<String> {
        (problems.iter())
            .filter(|r| r[3] == file)
            .map(|r| format!("{} {}", r[2], r[7]))
            .collect()
    };
    assert_eq!(
        about("inbox/财政局-2018年4月统计.xlsx"),
        Vec::<String>::new()
    );
    assert_eq!(about("inbox/民政局-2018年3-4月.xlsx"), Vec::<String>::new());
}

/// A date written without its year (4月3日) is refused, as zwgk does not guess the year,
/// and the example it is given is that date in the working year, not an unrelated one.
#[test]
fn a_date_without_a_year_is_shown_as_it_would_be_written() {
    let ws = county();
    ws.write(
        "inbox/财政局-2018年4月.csv",
        "标题,发布日期,栏目\n财政预算公开,4月3日,通知公告\n财政决算公开,2018-04-09,通知公告\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let problems = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    let said: Vec<&str> = (problems.iter())
        .filter(|r| r[3] == "inbox/财政局-2018年4月.csv" && r[2] == "V001")
        .map(|r| r[7].as_str())
        .collect();
    assert_eq!(
        said,
        ["无法识别的日期「4月3日」，请写作 2018-04-03 这样的格式，并核对该月有没有这一天"]
    );
    // Others keep the usual example.
    assert!(
        (problems.iter()).any(|r| r[7].contains("「四月五日」，请写作 2018-04-05 这样的格式")),
        "{problems:?}"
    );
}

/// A targets table whose header names the unit column twice (单位名称 typed over 大英's
/// first 目标任务数量) would pair each unit with another's figure: the run stops, naming
/// the header cells, rather than warn and count on.
#[test]
fn a_targets_header_that_names_a_column_twice_stops_the_run() {
    let ws = county();
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![
                V::T("单位"),
                V::T("单位名称"),
                V::T("单位"),
                V::T("目标任务数量(条)"),
            ],
            vec![V::T("政府办"), V::N(240.0), V::T("民政局"), V::N(120.0)],
            vec![V::T("蓬莱镇"), V::N(60.0), V::T("财政局"), V::N(30.0)],
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("目标任务表 reference/targets.xlsx / Sheet1 / B1 的表头有误：「单位」有多列（A1、B1、C1）"),
        "{}",
        out.stderr
    );
    assert!(!ws.join("out/2018-04").exists());
}

/// A unit listed twice in effect (民政局, and 大英县民政局 on a row of its own) makes every
/// other spelling of it (县民政局) resolve to neither: the units table is told so (R008).
#[test]
fn a_unit_listed_again_under_the_county_name_is_r008() {
    let ws = county();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("政府办"), V::T("县政府办公室"), V::T("部门")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("大英县民政局"), V::Blank, V::T("部门")],
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let problems = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    let r008: Vec<(&str, &str)> = (problems.iter())
        .filter(|r| r[2] == "R008")
        .map(|r| (r[3].as_str(), r[7].as_str()))
        .collect();
    assert_eq!(
        r008,
        [(
            "reference/units.xlsx",
            "单位「大英县民政局」与「民政局」去掉地区名后相同，像是同一个单位列了两行；两者的其他写法（如加“县”字）都无法识别"
        )]
    );
}

/// A unit whose file holds an item list none of whose rows count sent something
/// (C004, 重新报送), whatever sheets of no table the workbook has beside it: the
/// template's 填表说明, Excel's blank Sheet2. It was told it sent nothing (C003).
#[test]
fn a_file_of_rejected_rows_beside_an_instructions_sheet_is_c004_not_c003() {
    let ws = county();
    let mut book = rust_xlsxwriter::Workbook::new();
    let list = book.add_worksheet().set_name("报送表").unwrap();
    for (row, cells) in [
        ["标题", "发布日期", "栏目"],
        ["财政预算公开", "4月3日", "通知公告"],
        ["财政决算公开", "4月8日", "通知公告"],
    ]
    .iter()
    .enumerate()
    {
        for (col, text) in cells.iter().enumerate() {
            list.write_string(row as u32, col as u16, *text).unwrap();
        }
    }
    let notes = book.add_worksheet().set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "1. 请按表头逐行填写本期发布的信息。")
        .unwrap();
    book.add_worksheet();
    book.save(ws.join("inbox/财政局-2018年4月.xlsx")).unwrap();
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let problems = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    let about: Vec<&str> = (problems.iter())
        .filter(|r| r[7].starts_with("财政局") && r[2].starts_with("C00"))
        .map(|r| r[2].as_str())
        .filter(|c| *c != "C002")
        .collect();
    assert_eq!(about, ["C004"], "{problems:?}");
}

/// `zwgk check` says under each problem what to do, as 问题清单's 建议 does; a notice that
/// asks nothing stands alone.
#[test]
fn check_says_what_to_do_under_each_problem() {
    let ws = county();
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let at = (lines.iter())
        .position(|l| l.starts_with("[错误] V001") && l.contains("四月五日"))
        .expect("the V001 line");
    assert_eq!(
        lines[at + 1],
        "    → 请报送单位按问题说明中的格式（年-月-日）改正日期后重新报送"
    );
    let duplicate = (lines.iter())
        .position(|l| l.starts_with("[提示] D001"))
        .unwrap();
    assert!(
        lines[duplicate + 1].starts_with('['),
        "{}",
        lines[duplicate + 1]
    );
}

/// Titles copied from the county's website keep their links, and a 链接 column may read
/// 点击查看 over the address: 明细 shows the address each links to, and two items
/// linking to the same page are one (D001).
#[test]
fn the_address_a_title_or_a_链接_cell_links_to_is_the_items_链接() {
    let ws = county();
    let page = "http://www.daying.gov.cn/art/2018/4/12/art_1_7.html";
    ws.write(
        "inbox/财政局-4月.xlsx",
        crate::files::xlsx(|wb| {
            let s = wb.add_worksheet();
            s.write_row(0, 0, ["标题", "发布日期", "栏目"])?;
            s.write_url_with_text(1, 0, page, "财政局2018年预算公开")?;
            s.write_url_with_text(2, 0, page, "2018年财政预算公开")?;
            s.write_string(3, 0, "没有链接的一条")?;
            for row in 1..=3 {
                s.write_row(row, 1, ["2018-04-12", "财政预决算"])?;
            }
            Ok(())
        }),
    );
    ws.write(
        "inbox/蓬莱镇-4月链接.xls",
        r#"<table><tr><th>标题</th><th>发布日期</th><th>链接</th></tr>
        <tr><td>蓬莱镇召开安全生产会议</td><td>2018-04-16</td><td><a href="http://www.daying.gov.cn/art/2018/4/16/art_9_1.html">点击查看</a></td></tr></table>"#,
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let detail = sheet_text(&book, "明细");
    let col = |label: &str| detail[0].iter().position(|c| c == label).unwrap();
    let (title, link) = (col("标题"), col("链接"));
    let mut links: Vec<(&str, &str)> = (detail.iter().skip(1))
        .filter(|r| {
            ["财政", "没有链接", "安全生产"]
                .iter()
                .any(|t| r[title].contains(t))
        })
        .map(|r| (r[title].as_str(), r[link].as_str()))
        .collect();
    links.sort_unstable();
    let town = "http://www.daying.gov.cn/art/2018/4/16/art_9_1.html";
    assert_eq!(
        links,
        [
            ("没有链接的一条", ""),
            ("蓬莱镇召开安全生产会议", town),
            ("财政局2018年预算公开", page),
        ]
    );
    let problems = sheet_text(&book, "问题清单");
    let repeated: Vec<_> = (problems.iter())
        .filter(|r| r[3] == "inbox/财政局-4月.xlsx")
        .map(|r| format!("{} {}", r[2], r[7]))
        .collect();
    assert_eq!(repeated.len(), 1, "{repeated:?}");
    assert!(repeated[0].starts_with("D001"), "{repeated:?}");
}

/// A list that files its items under 一级栏目 / 二级栏目 columns rather than one 栏目
/// column has them filed all the same: 汤阴's 人社局 with its 栏目 header written 二级栏目
/// gets the same problems as with 栏目 — no S017 for items without a section, and no
/// sections called unupdated (S011) that its items do update.
#[test]
fn a_list_filed_by_level_columns_is_filed_as_by_its_栏目() {
    let file = "inbox/2022年第二季度/人社局2022年第二季度政务信息报送表.xlsx";
    let problems = |ws: &Ws| {
        let out = ws.zwgk(&["check", "--period", "2022Q2"]);
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let mut lines: Vec<String> = (out.stdout.lines())
            .filter(|l| l.contains("人社局") || l.contains("S017"))
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    };
    let plain = Ws::sample("tangyin-2022");
    let levels = Ws::sample("tangyin-2022");
    let bytes = std::fs::read(levels.join(file)).unwrap();
    let edited = crate::files::edit_part(
        &bytes,
        "xl/sharedStrings.xml",
        "<t>栏目</t>",
        "<t>二级栏目</t>",
    );
    levels.write(file, edited);
    assert_eq!(problems(&levels), problems(&plain));
}

/// One link filled down a column: items of other titles and dates on the same page are
/// counted once, as the rule says, but each is a warning the unit sees (D002), not a
/// notice (D001); a site's root with `#` proves nothing, across units or within one.
#[test]
fn a_link_filled_down_the_column_is_a_warning_and_a_sites_root_no_duplicate() {
    let ws = county();
    ws.write(
        "inbox/财政局-4月.csv",
        "标题,发布日期,链接\n预算公开,2018-04-02,http://www.daying.gov.cn/art/2018/4/2/1.html\n决算公开,2018-04-09,http://www.daying.gov.cn/art/2018/4/2/1.html\n三公经费公开,2018-04-16,http://www.daying.gov.cn/#\n政府采购公告,2018-04-20,http://www.daying.gov.cn/#\n",
    );
    // Another unit's article on the same page is its own (a joint article).
    ws.write(
        "inbox/民政局-4月联合.csv",
        "标题,发布日期,链接\n联合解读预算公开,2018-04-03,http://www.daying.gov.cn/art/2018/4/2/1.html\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let problems = sheet_text(&book, "问题清单");
    let joint = (problems.iter()).filter(|r| r[3] == "inbox/民政局-4月联合.csv");
    assert_eq!(joint.count(), 0, "{problems:?}");
    let codes: Vec<String> = (problems.iter())
        .filter(|r| r[3] == "inbox/财政局-4月.csv")
        .map(|r| format!("{} {}", r[2], r[7]))
        .collect();
    assert_eq!(
        codes,
        [
            "D002 与 本表第 2 行 的链接相同，标题却不同：按同一条信息只计一次；如确为两条信息，请改正链接"
        ],
    );
    let detail = sheet_text(&book, "明细");
    let finance = detail
        .iter()
        .filter(|r| r.iter().any(|c| c == "财政局"))
        .count();
    assert_eq!(finance, 3, "{detail:?}");
}
