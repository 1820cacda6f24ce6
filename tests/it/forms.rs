//! `zwgk template --form catalogue|contacts|counts`: every unit's 目录编制表, 联系人登记表 and 统计表,
//! filled in as a person would and dropped into the inbox, comes back through the run
//! without a single problem, and counts in the catalogue and the contact register.

use crate::harness::{
    CLOSING_MARKS, V, Ws, col_widths, fits_a_line, manifest, page_breaks, part, printed_cjk,
    sheet_names, sheet_text, type_cells,
};
use crate::template::{dropdown, escape, serial, written};

/// Text typed into a blank cell of a sheet's XML.
fn typed(s: &str) -> String {
    format!(" t=\"inlineStr\"><is><t>{}</t></is>", escape(s))
}

/// The problems of a run located in the inbox, as rows of 问题清单.
fn inbox_problems(ws: &Ws, period: &str) -> Vec<Vec<String>> {
    let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    sheet_text(&book, "问题清单")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.starts_with("inbox/")))
        .collect()
}

#[test]
fn every_unit_catalogue_form_filled_in_comes_back_without_a_problem() {
    let ws = Ws::sample("chibi-2020");
    std::fs::remove_dir_all(ws.join("inbox/标准目录")).unwrap();
    let out = ws.zwgk(&["template", "--form", "catalogue"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("共 18 个目录编制表"), "{}", out.stdout);
    let forms = written(&ws, "out/templates", "xlsx");
    assert_eq!(forms.len(), 18);
    // Domains are named as seed 002's table names them (保障住房, 救灾生产), not as the
    // State Council's list does (保障性住房, 救灾).
    let named =
        |unit: &str| sheet_names(&ws.join(&format!("out/templates/{unit}-目录编制表.xlsx")));
    assert!(
        named("住建局").contains(&"保障住房".to_string()),
        "{:?}",
        named("住建局")
    );
    assert!(
        named("应急管理局").contains(&"救灾生产".to_string()),
        "{:?}",
        named("应急管理局")
    );
    let mut sheets = 0;
    for (i, form) in forms.iter().enumerate() {
        let unit = form
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace("-目录编制表", "");
        let domains: Vec<String> = sheet_names(form)
            .into_iter()
            .filter(|s| s != "填表说明")
            .collect();
        assert!(!domains.is_empty(), "{}", form.display());
        let mut cells = Vec::new();
        for (n, domain) in (1..).zip(&domains) {
            sheets += 1;
            let title = &sheet_text(form, domain)[0][0];
            assert_eq!(*title, format!("赤壁市{domain}领域政务公开事项标准目录"));
            let row = [
                ("A", "><v>1</v>".to_string()),
                ("B", typed(&format!("{domain}信息"))),
                ("C", typed(&format!("{domain}政策文件{i}"))),
                ("D", typed("政策文件全文及解读")),
                ("E", typed("《中华人民共和国政府信息公开条例》")),
                ("F", typed("信息形成或变更之日起20个工作日内")),
                ("G", typed(&format!("赤壁市{unit}"))),
                ("H", typed("主动")),
                ("I", typed("政府网站")),
                ("J", typed("全社会")),
            ];
            cells.extend(row.map(|(col, v)| (n, format!("{col}4"), v)));
        }
        let name = form
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("目录编制表", "标准目录");
        type_cells(form, &ws.join(&format!("inbox/目录/{name}")), &cells);
    }
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let ours: Vec<Vec<String>> = inbox_problems(&ws, "2020-10")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.starts_with("inbox/目录/")))
        .collect();
    assert_eq!(ours, Vec::<Vec<String>>::new());
    let m = manifest(&ws, "2020-10");
    let c = &m["catalogues"];
    assert_eq!(
        (c["domains"].as_u64(), c["catalogued"].as_u64()),
        (Some(26), Some(26))
    );
    assert_eq!(c["matters"].as_u64(), Some(sheets));
    assert_eq!(c["missing"], serde_json::json!([]), "{c}");
    let kinds: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["path"].as_str().unwrap().contains("标准目录"))
        .flat_map(|i| i["sheets"].as_array().unwrap())
        .filter_map(|s| s["kind"].as_str())
        .collect();
    assert!(
        kinds.iter().all(|k| *k == "catalogue" || *k == "other"),
        "{kinds:?}"
    );
}

/// 赤壁's units are sent seed 002's 附件2 《分管负责人及联络人名单》 (分管领导 and 联络人;
/// 姓名, 职务, 联系方式), as the sample's `templates/联系人登记表.toml` defines it, not 大英's
/// 附件3; filled in, each comes back as its unit's, with no problem.
#[test]
fn chibi_units_get_seed_002_s_contact_form_and_it_comes_back() {
    let ws = Ws::sample("chibi-2020");
    std::fs::remove_dir_all(ws.join("inbox/联络人名单")).unwrap();
    let out = ws.zwgk(&["template", "--form", "contacts", "-o", "forms"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let forms = written(&ws, "forms", "xlsx");
    assert_eq!(forms.len(), 18);
    let sheet = sheet_text(&forms[0], &sheet_names(&forms[0])[0]);
    assert_eq!(sheet[0][0], "分管负责人及联络人名单");
    assert_eq!(sheet[2], ["联系人", "姓名", "职务", "联系方式"]);
    assert_eq!(
        (sheet[3][0].as_str(), sheet[4][0].as_str()),
        ("分管领导", "联络人")
    );
    for (i, form) in forms.iter().enumerate() {
        let cells = [
            ("D2", format!("><v>{}</v>", serial((2020, 9, 21)))),
            ("B4", typed("王局长")),
            ("C4", typed("副局长")),
            ("D4", typed(&format!("139{:08}", i))),
            ("B5", typed("李晓")),
            ("C5", typed("办公室主任")),
            ("D5", typed("0715-5321234")),
        ];
        let cells: Vec<_> = cells.map(|(c, v)| (1, c.to_string(), v)).to_vec();
        let name = form.file_name().unwrap().to_string_lossy().into_owned();
        type_cells(form, &ws.join(&format!("inbox/联络人名单/{name}")), &cells);
    }
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let contacts: Vec<Vec<String>> = inbox_problems(&ws, "2020-10")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.contains("联络人名单")))
        .collect();
    assert_eq!(contacts, Vec::<Vec<String>>::new());
    let m = manifest(&ws, "2020-10");
    assert_eq!(m["contacts"]["units"], 18, "{}", m["contacts"]);
    assert_eq!(m["contacts"]["people"], 36);
}

#[test]
fn every_unit_contact_form_filled_in_comes_back_without_a_problem() {
    let ws = Ws::sample("daying-2018");
    std::fs::remove_dir_all(ws.join("inbox/联系人员登记表")).unwrap();
    let out = ws.zwgk(&["template", "--form", "contacts", "-o", "forms"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let forms = written(&ws, "forms", "xlsx");
    assert_eq!(forms.len(), 64);
    // 填报时间 takes a day of 2018 or 2019 (a form may be filled in January), and its
    // message is about the date alone, not “information of other years” as an item's.
    let xml = part(&forms[0], "xl/worksheets/sheet1.xml");
    let check = (xml.split("<dataValidation ").skip(1))
        .find(|v| v.contains("sqref=\"E2\""))
        .expect("E2 checked");
    assert!(check.contains("<formula2>43830</formula2>"), "{check}");
    assert!(!check.contains("其他年度"), "{check}");
    for (i, form) in forms.iter().enumerate() {
        let cells = [
            ("E2", format!("><v>{}</v>", serial((2018, 4, 18)))),
            ("B3", typed(&format!("0825-78{:05}", 10000 + i))),
            ("E3", typed("办公室")),
            ("B5", typed("王局长")),
            ("C5", typed("副局长")),
            ("D5", typed("0825-7812301转8012")),
            ("E5", typed(&format!("139{:08}", i))),
            ("B6", typed("李晓")),
            ("C6", typed("科员")),
            ("E6", typed(&format!("138{:08}", i))),
            ("F6", typed("12345678")),
        ];
        let cells: Vec<_> = cells.map(|(c, v)| (1, c.to_string(), v)).to_vec();
        let name = form.file_name().unwrap().to_string_lossy().into_owned();
        type_cells(form, &ws.join(&format!("inbox/联系人/{name}")), &cells);
    }
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let contacts: Vec<Vec<String>> = inbox_problems(&ws, "2018-04")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.contains("联系人")))
        .collect();
    assert_eq!(contacts, Vec::<Vec<String>>::new());
    let m = manifest(&ws, "2018-04");
    assert_eq!(m["contacts"]["units"], 64, "{}", m["contacts"]);
    assert_eq!(m["contacts"]["people"], 128);
    assert_eq!(m["contacts"]["missing"], serde_json::json!([]));
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let directory = sheet_text(&book, "通讯录");
    let leader = directory
        .iter()
        .find(|r| r[1] == "民政局" && r[4] == "分管领导")
        .expect("民政局's leader");
    assert_eq!(leader[5..8], ["王局长", "副局长", "0825-7812301转8012"]);
    assert_eq!(leader[10], serial((2018, 4, 18)).to_string());
}

/// Rewrites the definition at `path` with `from` replaced by the mistake `to` (on the
/// `blank_rows` line); the 1-based number of that line.
fn break_blank_rows(path: &std::path::Path, from: &str, to: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    let broken = text.replace(from, to);
    std::fs::write(path, &broken).unwrap();
    1 + broken
        .lines()
        .position(|l| l.starts_with("blank_rows"))
        .unwrap()
}

/// The office rewords an instruction of its 联系人登记表 in `templates/联系人登记表.toml`:
/// the next forms carry its words; a definition with a TOML mistake stops with the file
/// and line, and exit code 2.
#[test]
fn forms_follow_the_offices_edited_definition_and_a_broken_one_names_file_and_line() {
    let ws = Ws::sample("daying-2018");
    assert_eq!(ws.zwgk(&["init", ".", "--templates"]).code, 0);
    let path = ws.join("templates/联系人登记表.toml");
    let bundled = std::fs::read_to_string(&path).unwrap();
    let edited = bundled.replace("盖章后报送", "盖章后于每月5日前报送县政府办");
    std::fs::write(&path, &edited).unwrap();
    let out = ws.zwgk(&["template", "--form", "contacts", "--unit", "民政局"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let form = ws.join("out/templates/民政局-联系人登记表.xlsx");
    let notes = sheet_text(&form, "填表说明");
    assert!(
        notes
            .iter()
            .flatten()
            .any(|c| c.contains("盖章后于每月5日前报送县政府办")),
        "{notes:?}"
    );
    let line = break_blank_rows(&path, "blank_rows = 3", "blank_rows = 三");
    let out = ws.zwgk(&["template", "--form", "contacts"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let want = format!("模板 templates/联系人登记表.toml 第 {line} 行有误");
    assert!(out.stderr.contains(&want), "{}", out.stderr);
}

/// The 统计表 `form` of `unit` with `cells` typed in, sent back to the inbox and run for
/// April: the problems about that file.
fn send_counts<const N: usize>(
    ws: &Ws,
    form: &std::path::Path,
    unit: &str,
    cells: [(&str, String); N],
) -> Vec<Vec<String>> {
    let name = format!("{unit}-统计表");
    let cells: Vec<_> = cells.map(|(c, v)| (1, c.to_string(), v)).to_vec();
    type_cells(form, &ws.join(&format!("inbox/{name}.xlsx")), &cells);
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    inbox_problems(ws, "2018-04")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.contains(&name)))
        .collect()
}

/// A unit that sends no item list fills in its blank 统计表: the run reads it as counts
/// (统计数), without a problem, and its month's figure is the count it wrote.
#[test]
fn a_counts_form_filled_in_is_read_as_counts() {
    let ws = crate::run::county();
    let out = ws.zwgk(&["template", "--form", "counts", "--unit", "财政局"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let form = ws.join("out/templates/财政局-统计表.xlsx");
    let rows = sheet_text(&form, "财政局");
    assert_eq!(rows[0][0], "大英县政务公开信息发布情况统计表");
    assert_eq!(rows[1][0], "填报单位：财政局");
    assert_eq!(rows[2][..3], ["月份", "栏目", "数量"]);
    // 数量 takes whole numbers only, as the README says (it had no check).
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    let check = (xml.split("<dataValidation ").skip(1))
        .find(|v| v.contains("sqref=\"C4:"))
        .expect("数量 checked");
    assert!(check.contains("type=\"whole\""), "{check}");
    assert!(check.contains("只能填写整数"), "{check}");
    let cells = [
        ("A4", typed("2018年4月")),
        ("B4", typed("通知公告")),
        ("C4", "><v>7</v>".to_string()),
        ("A5", typed("2018年4月")),
        ("B5", typed("工作动态")),
        ("C5", "><v>2</v>".to_string()),
    ];
    assert_eq!(
        send_counts(&ws, &form, "财政局", cells),
        Vec::<Vec<String>>::new()
    );
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    let counts: Vec<Vec<String>> = sheet_text(&book, "统计数")
        .into_iter()
        .filter(|r| r.iter().any(|c| c == "财政局"))
        .collect();
    assert_eq!(counts.len(), 2, "{counts:?}");
    let done = sheet_text(&book, "完成情况");
    let row = done.iter().find(|r| r[1] == "财政局").unwrap();
    assert_eq!(row[4], "9", "{row:?}");
}

/// `zwgk init --templates` copies the 统计表's definition; the office's reworded
/// instruction shows in the next form.
#[test]
fn init_copies_the_counts_definition_and_its_edit_shows() {
    let ws = crate::run::county();
    assert_eq!(ws.zwgk(&["init", ".", "--templates"]).code, 0);
    let path = ws.join("templates/统计表.toml");
    let bundled = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        bundled.replace("当月没有发布的填 0", "当月没有发布的填 0，勿留空"),
    )
    .unwrap();
    let out = ws.zwgk(&["template", "--form", "counts", "--unit", "财政局"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let notes = sheet_text(&ws.join("out/templates/财政局-统计表.xlsx"), "填表说明");
    assert!(
        notes.iter().flatten().any(|c| c.contains("勿留空")),
        "{notes:?}"
    );
}

/// The 统计表's three columns fit a portrait page at full size; the wider 联系人登记表
/// prints landscape. Its 填表说明 stays landscape.
#[test]
fn a_narrow_form_prints_portrait_and_a_wide_one_landscape() {
    let ws = crate::run::county();
    for form in ["counts", "contacts"] {
        let out = ws.zwgk(&["template", "--form", form, "--unit", "财政局"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let orientation = |file: &str| {
        let sheet = part(&ws.join(file), "xl/worksheets/sheet1.xml");
        ["portrait", "landscape"]
            .into_iter()
            .find(|o| sheet.contains(&format!("orientation=\"{o}\"")))
            .unwrap_or("unset")
    };
    assert_eq!(orientation("out/templates/财政局-统计表.xlsx"), "portrait");
    assert_eq!(
        orientation("out/templates/财政局-联系人登记表.xlsx"),
        "landscape"
    );
}

/// A 统计表 definition the office broke (a number written in words) stops `zwgk template`
/// with the file and line, exit code 2, and no form is written.
#[test]
fn a_broken_counts_definition_names_file_and_line() {
    let ws = crate::run::county();
    assert_eq!(ws.zwgk(&["init", ".", "--templates"]).code, 0);
    let path = ws.join("templates/统计表.toml");
    let line = break_blank_rows(&path, "blank_rows = 12", "blank_rows = 十二");
    let out = ws.zwgk(&["template", "--form", "counts", "--unit", "财政局"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let want = format!("模板 templates/统计表.toml 第 {line} 行有误");
    assert!(out.stderr.contains(&want), "{}", out.stderr);
    assert!(!ws.join("out/templates/财政局-统计表.xlsx").exists());
}

/// The 统计表's 栏目 column offers the sections the unit answers for, the same list as its
/// 报送表, listed on 填表说明; a section picked from it is read back without a problem
/// (档案局 sent nothing for April in the sample).
#[test]
fn the_counts_form_offers_the_units_own_sections() {
    let ws = Ws::sample("daying-2018");
    for form in ["counts", "items"] {
        let out = ws.zwgk(&["template", "--form", form, "--unit", "档案局"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let form = ws.join("out/templates/档案局-统计表.xlsx");
    let offered = dropdown(&form);
    assert_eq!(
        offered,
        dropdown(&ws.join("out/templates/档案局-信息公开报送表.xlsx"))
    );
    assert!(!offered.is_empty());
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("sqref=\"B4:"),
        "the list is on 栏目, column B: {xml}"
    );
    let cells = [
        ("A4", typed("2018年4月")),
        ("B4", typed(&offered[0])),
        ("C4", "><v>5</v>".to_string()),
    ];
    assert_eq!(
        send_counts(&ws, &form, "档案局", cells),
        Vec::<Vec<String>>::new()
    );
}

#[test]
fn a_self_assessment_form_filled_in_is_read_back_by_assess_as_the_units_self_evaluation() {
    let ws = Ws::sample("taijiang-2021");
    std::fs::remove_dir_all(ws.join("inbox/自查自评")).unwrap();
    let out = ws.zwgk(&["template", "--form", "self-assessment"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("共 40 个自评表"), "{}", out.stdout);
    assert_eq!(written(&ws, "out/templates", "xlsx").len(), 40);
    let form = ws.join("out/templates/财政局-自评表.xlsx");
    assert_eq!(sheet_names(&form), ["财政局", "填表说明"]);
    let cells = sheet_text(&form, "财政局");
    assert_eq!(cells[0][0], "2021年台江县政务公开工作自评表");
    assert_eq!(cells[1][0], "填报单位：财政局");
    // The table has two levels and no 评分细则: no column stays empty.
    let header = [
        "一级指标",
        "二级指标",
        "分值",
        "自评得分",
        "扣分原因",
        "佐证材料",
    ];
    assert_eq!(cells[2], header);
    // A 县直 unit's indicators: the six 共性 groups and the two 个性 ones, 100 points.
    let rows = &cells[3..];
    assert_eq!(rows.len(), 16, "{rows:?}");
    // A name too long for its column is broken between its words, and read back whole.
    assert_eq!(rows[0][..3], ["政务公开", "政府信息\n公开专栏", "8分"]);
    assert_eq!(rows[11][..3], ["附加指标", "", "5分"]);
    let points: Vec<f64> = rows
        .iter()
        .map(|r| r[2].trim_end_matches('分').parse().unwrap())
        .collect();
    assert_eq!(points.iter().sum::<f64>(), 100.0);
    // Scored one point under each indicator's points, and sent back.
    let typed: Vec<(usize, String, String)> = (4..)
        .zip(&points)
        .map(|(row, p)| (1, format!("D{row}"), format!("><v>{}</v>", p - 1.0)))
        .collect();
    type_cells(&form, &ws.join("inbox/自评/财政局-自评表.xlsx"), &typed);
    let out = ws.zwgk(&["assess"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let problems: Vec<Vec<String>> =
        sheet_text(&ws.join("out/2021/考核结果-2021.xlsx"), "问题清单")
            .into_iter()
            .filter(|r| r.iter().any(|c| c.starts_with("inbox/自评/")))
            .collect();
    assert_eq!(problems, Vec::<Vec<String>>::new());
    let m = &manifest(&ws, "2021")["assessment"];
    assert_eq!(m["score_sheets"]["self_evaluations"], 1);
    let own = m["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["unit"] == "财政局")
        .unwrap();
    assert_eq!(own["self_total"].as_f64(), Some(100.0 - 16.0), "{own}");
}

/// Units of two categories, indicators for 部门 only: a 评分细则 with a 佐证要求, three
/// levels under 甲, a deduction item.
fn assessed_workspace() -> Ws {
    let ws = Ws::new();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 2021\n");
    std::fs::create_dir_all(ws.join("inbox")).unwrap();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("类别")],
            vec![V::T("民政局"), V::T("部门")],
            vec![V::T("蓬莱镇"), V::T("乡镇")],
        ],
    );
    let row = |cells: [&'static str; 7]| {
        cells
            .into_iter()
            .map(|t| if t.is_empty() { V::Blank } else { V::T(t) })
            .collect::<Vec<V>>()
    };
    ws.xlsx(
        "reference/indicators.xlsx",
        &[
            row([
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "评分细则",
                "佐证要求",
                "适用对象",
            ]),
            row([
                "甲",
                "甲一",
                "门户网",
                "60分",
                "每月更新",
                "专题链接",
                "部门",
            ]),
            row(["甲", "甲一", "发布会", "20分", "", "", "部门"]),
            row(["乙", "乙一", "", "20分", "", "", "部门"]),
            row(["倒扣", "泄密", "", "0-5分", "发现一次扣5分", "", "部门"]),
        ],
    );
    ws
}

#[test]
fn a_self_assessment_form_lists_levels_rules_and_checks_each_score_against_its_points() {
    let ws = assessed_workspace();
    let out = ws.zwgk(&["template", "--form", "self-assessment"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("1 个单位的类别不在指标体系表的适用对象中，不生成自评表：蓬莱镇"),
        "{}",
        out.stdout
    );
    let form = ws.join("out/templates/民政局-自评表.xlsx");
    let cells = sheet_text(&form, "民政局");
    let header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "评分细则",
        "自评得分",
        "扣分原因",
        "佐证材料",
    ];
    assert_eq!(cells[2], header);
    assert_eq!(
        cells[3][..5],
        [
            "甲",
            "甲一",
            "门户网",
            "60分",
            "每月更新\n佐证要求：专题链接"
        ]
    );
    assert_eq!(cells[5][..4], ["乙", "乙一", "", "20分"]);
    assert_eq!(
        cells[6][..5],
        ["倒扣", "泄密", "", "0-5分", "发现一次扣5分"]
    );
    assert_eq!(
        cells.len(),
        7,
        "no blank row after the indicators: {cells:?}"
    );
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    // 甲 and 甲一 span their two indicators.
    for range in ["A4:A5", "B4:B5"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{xml}"
        );
    }
    // Each score is checked against its own points.
    for (cell, most) in [("F4", 60), ("F5", 20), ("F6", 20), ("F7", 5)] {
        let check = format!("sqref=\"{cell}\"><formula1>0</formula1><formula2>{most}</formula2>");
        assert!(
            xml.contains("type=\"decimal\"") && xml.contains(&check),
            "{cell} {xml}"
        );
    }
    let out = ws.zwgk(&["template", "--form", "self-assessment", "--unit", "蓬莱镇"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("「蓬莱镇」的类别不在指标体系表的适用对象中，不参加考核，没有自评表"),
        "{}",
        out.stderr
    );
    // As `--help` names it: 自评表.
    let out = ws.zwgk(&["template", "--form", "自评表", "--unit", "蓬莱镇"]);
    assert!(
        out.stderr.contains("不参加考核，没有自评表"),
        "{}",
        out.stderr
    );
    let out = ws.zwgk(&["template", "--form", "self-assessment", "--csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("--csv 只用于信息公开报送表"),
        "{}",
        out.stderr
    );
}

/// huainan's 一级指标 span up to five indicators of several lines each: where a printed
/// page breaks inside one, it is split there, so each page names the 一级指标 of its
/// rows (LibreOffice cut 政务公开工作基础 off at the foot of a page).
#[test]
fn a_self_assessment_form_names_the_upper_level_on_every_page_it_spans() {
    let ws = Ws::sample("huainan-2021");
    let out = ws.zwgk(&["template", "--form", "self-assessment", "--unit", "寿县"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let form = ws.join("out/templates/寿县-自评表.xlsx");
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    // A break's id is the last row (1-based) of a page.
    let breaks: Vec<usize> = page_breaks(&xml);
    assert!(
        breaks.len() >= 2,
        "pages break where the printing program likes"
    );
    let merged: Vec<(usize, usize)> = xml
        .split("<mergeCell ref=\"A")
        .skip(1)
        .filter_map(|s| {
            let (first, last) = s.split('"').next()?.split_once(":A")?;
            Some((first.parse().ok()?, last.parse().ok()?))
        })
        .collect();
    assert!(merged.iter().any(|&(f, l)| l > f), "no 一级指标 spans rows");
    for (first, last) in &merged {
        assert!(
            !breaks.iter().any(|b| first <= b && b < last),
            "A{first}:A{last} crosses a page break {breaks:?}"
        );
    }
    let cells = sheet_text(&form, "寿县");
    for b in &breaks {
        assert!(!cells[*b][0].is_empty(), "row {} has no 一级指标", b + 1);
    }
}

/// 寿县's form as a reviewer printed it: indicators split with a character alone
/// (政策解读质量效/果, 重点领域信息/公开), 评分细则 lines begun with 、 or a lone 。, and a
/// last page holding one indicator. Now a name breaks between its words on lines that
/// fit, no line LibreOffice prints starts with a closing mark, and the last page holds
/// two indicators.
#[test]
fn a_self_assessment_form_breaks_names_between_words_and_keeps_two_rows_on_its_last_page() {
    let ws = Ws::sample("huainan-2021");
    let out = ws.zwgk(&["template", "--form", "self-assessment", "--unit", "寿县"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let form = ws.join("out/templates/寿县-自评表.xlsx");
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    let widths = col_widths(&xml);
    let cells = sheet_text(&form, "寿县");
    assert_eq!(cells[2][..4], ["一级指标", "二级指标", "分值", "评分细则"]);
    let rows = &cells[3..];
    let names: Vec<&str> = (rows.iter())
        .flat_map(|r| [r[0].as_str(), r[1].as_str()])
        .collect();
    for broken in [
        "政策解读\n质量效果",
        "重大政策\n发布解读",
        "其他领域\n信息公开",
        "常态化疫情\n防控信息公开",
        "重点领域\n信息公开",
        "政策发布解读\n和回应关切",
    ] {
        assert!(names.contains(&broken), "{broken:?} not in {names:?}");
    }
    for r in rows {
        for col in 0..2 {
            for line in r[col].lines() {
                assert!(fits_a_line(line, widths[col], 11.0), "{:?}", r[col]);
            }
        }
        // 评分细则 as LibreOffice prints it: no line starts with a closing mark.
        for line in r[3].lines() {
            if let Some(printed) = printed_cjk(line, widths[3], 11.0) {
                let marked = printed
                    .iter()
                    .any(|l| l.starts_with(|c| CLOSING_MARKS.contains(c)));
                assert!(!marked, "{printed:?}");
            }
        }
    }
    // A break's id is the last row (1-based) of a page: two rows after the last.
    let breaks: Vec<usize> = page_breaks(&xml);
    let last = *breaks.last().unwrap();
    assert!(cells.len() - last >= 2, "{breaks:?}, {} rows", cells.len());
}
