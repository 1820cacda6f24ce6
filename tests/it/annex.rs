//! `zwgk annex`: each annex read back with calamine (labels, figures, the 合计), and its
//! print setup, repeated header and fonts checked in the written XML.

use crate::harness::{Ws, page_breaks, part, sheet_text};

const TARGETS: &str = "out/附件-targets.xlsx";

/// The rows of `sheet` with trailing empty cells dropped, for comparing with literals.
fn rows(ws: &Ws, file: &str, sheet: &str) -> Vec<Vec<String>> {
    sheet_text(&ws.join(file), sheet)
        .into_iter()
        .map(|mut r| {
            while r.last().is_some_and(String::is_empty) {
                r.pop();
            }
            r
        })
        .collect()
}

/// The value of the first attribute `name` in the XML from `tag` on.
fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let value = tag.split(&format!("{name}=\"")).nth(1).unwrap();
    value.split('"').next().unwrap()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_seed_001_targets_annex_has_two_side_by_side_pairs_and_the_12360_total() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["annex", "targets"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("已写入：out/附件-targets.xlsx"),
        "{}",
        out.stdout
    );
    let r = rows(&ws, TARGETS, "目标任务");
    assert_eq!(r[0], ["附件1"]);
    assert!(r[1].is_empty());
    assert_eq!(r[2], ["2018年大英县政府信息公开目标任务"]);
    let pair = ["单    位", "目标任务数量(条)"];
    assert_eq!(r[3], strs(&[pair, pair].concat()));
    assert_eq!(r[4], ["政府办", "240", "商务局", "200"]);
    assert_eq!(r[35], ["经信局", "240", "智水乡", "210"]);
    // The 合计 a number, shown as seed 001 prints it: 12360条.
    assert_eq!(r[36], ["合  计", "12360"]);
    assert_eq!(r.len(), 37);
    let xml = part(&ws.join(TARGETS), "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<mergeCell ref=\"B37:D37\"/>"), "{xml}");
    let styles = part(&ws.join(TARGETS), "xl/styles.xml");
    assert!(
        styles.contains("formatCode=\"0&quot;条&quot;\""),
        "{styles}"
    );
    // Both 单位 columns, and both count columns, print at one width.
    let widths: Vec<&str> = xml
        .split("<col ")
        .skip(1)
        .map(|c| attr(c, "width"))
        .collect();
    assert_eq!((widths[0], widths[1]), (widths[2], widths[3]), "{xml}");
}

#[test]
fn the_printed_targets_annex_reads_back_as_a_targets_table() {
    let ws = Ws::sample("daying-2018");
    ws.zwgk(&["annex", "targets"]);
    std::fs::copy(ws.join(TARGETS), ws.join("reference/targets.xlsx")).unwrap();
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert!(
        out.stdout
            .contains("目标任务：64 个单位，合计 12360 条，与各行之和一致"),
        "{}",
        out.stdout
    );
}

/// An annex whose tables have problems points to the `check` that lists them, with a
/// period that check accepts: the contact register's are of the working year, whatever
/// last month was, and it counts the contact forms' own problems only, not the year's
/// errors in item lists; and a run without --period outside the working year says what
/// to write.
#[test]
fn an_annex_with_problems_names_a_check_that_runs() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["annex", "contacts"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("注意：报送的联系人登记表有错误 0 个、警告 ")
            && out.stdout.contains(
                "；请运行 zwgk check --period 2018 查看详情（问题清单中代码以 P 开头的）"
            ),
        "{}",
        out.stdout
    );
    let out = ws.zwgk(&["check"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("（不写 --period 时为上一个自然月）")
            && out.stderr.contains("如 --period 2018-12、2018Q4 或 2018"),
        "{}",
        out.stderr
    );
    let out = ws.zwgk(&["check", "--period", "2018"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
}

#[test]
fn the_targets_annex_can_list_one_unit_per_row_under_another_number_and_title() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&[
        "annex",
        "targets",
        "--layout",
        "rows",
        "--number",
        "3",
        "--title",
        "各单位目标任务",
        "-o",
        "附件3.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = rows(&ws, "附件3.xlsx", "目标任务");
    assert_eq!(r[0], ["附件3"]);
    assert_eq!(r[2], ["各单位目标任务"]);
    assert_eq!(r[3], ["序号", "单    位", "目标任务数量(条)"]);
    assert_eq!(r[4], ["1", "政府办", "240"]);
    assert_eq!(r[67], ["64", "智水乡", "210"]);
    assert_eq!(r[68], ["合  计", "", "12360"]);
}

#[test]
fn an_annex_prints_on_a4_with_gb_9704_margins_repeated_header_page_numbers_and_fonts() {
    let ws = Ws::sample("daying-2018");
    ws.zwgk(&["annex", "targets"]);
    let path = ws.join(TARGETS);
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "{sheet}");
    assert!(sheet.contains("orientation=\"portrait\""));
    // On one page at full size (no scale written), never "fit to page".
    assert!(!sheet.contains("fitToPage"), "{sheet}");
    assert!(
        !sheet.contains("scale=") && !sheet.contains("<rowBreaks"),
        "{sheet}"
    );
    assert!(sheet.contains("horizontalCentered=\"1\""));
    let inches = |mm: f64| (mm / 25.4).to_string();
    for (side, mm) in [
        ("top", 37.0),
        ("bottom", 35.0),
        ("left", 28.0),
        ("right", 26.0),
    ] {
        let want = format!("{side}=\"{}", &inches(mm)[..6]);
        assert!(sheet.contains(&want), "{want} in {sheet}");
    }
    assert!(
        sheet.contains("<oddFooter>&amp;R&amp;14— &amp;P —\u{3000}</oddFooter><evenFooter>&amp;L&amp;14\u{3000}— &amp;P —</evenFooter>"),
        "{sheet}"
    );
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("localSheetId=\"0\">目标任务!$4:$4<"),
        "{workbook}"
    );
    let styles = part(&path, "xl/styles.xml");
    let fonts: Vec<&str> = styles.split("<font>").skip(1).collect();
    let has = |face: &str, size: &str, bold: bool| {
        fonts.iter().any(|f| {
            f.contains(&format!("<name val=\"{face}\"/>"))
                && f.contains(&format!("<sz val=\"{size}\"/>"))
                && f.contains("<b/>") == bold
        })
    };
    assert!(has("黑体", "16", false), "附件N label: {styles}");
    assert!(has("宋体", "20", true), "title");
    assert!(has("黑体", "12", false), "header");
    assert!(has("仿宋", "12", false), "body");
    assert!(!styles.contains("Calibri") && !styles.contains("仿宋_GB2312"));
    // Every row written has its height set: none is left too short for its text.
    let rows = sheet.matches("<row ").count();
    assert_eq!(rows, 36, "the blank row under 附件1 is not written");
    assert_eq!(sheet.matches("customHeight=\"1\"").count(), rows);
}

#[test]
fn the_title_font_and_orientation_follow_the_options_and_zwgk_toml() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&[
        "annex",
        "targets",
        "--title-font",
        "方正小标宋简体",
        "--landscape",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = ws.join(TARGETS);
    assert!(part(&path, "xl/styles.xml").contains("<name val=\"方正小标宋简体\"/>"));
    assert!(part(&path, "xl/worksheets/sheet1.xml").contains("orientation=\"landscape\""));

    let toml = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write(
        "zwgk.toml",
        format!("{toml}\n[annex]\ntitle_font = \"方正小标宋简体\"\n"),
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(ws.zwgk(&["annex", "targets"]).code, 0);
    assert!(part(&path, "xl/styles.xml").contains("<name val=\"方正小标宋简体\"/>"));

    let out = ws.zwgk(&["annex", "targets", "--title-font", "楷体"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("标题字体「楷体」不可用：请写 宋体 或 方正小标宋简体"),
        "{}",
        out.stderr
    );
}

/// Three units with targets closed by a 合计, and two units' April submissions.
fn small_county() -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\n[scoring]\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n政府办,部门\n民政局,部门\n蓬莱镇,乡镇\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n政府办,240\n民政局,120\n蓬莱镇,60\n合计,420\n",
    );
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n低保资金发放公示,2018-04-02,通知公告\n春季工作会议,2018-04-09,工作动态\n养老补贴名单,2018-04-20,通知公告\n三月救助情况,2018-03-30,通知公告\n",
    );
    ws.write(
        "inbox/蓬莱镇-2018年4月.csv",
        "标题,发布日期,栏目\n森林防火会议,2018-04-03,工作动态\n低保名单公示,2018-04-12,通知公告\n",
    );
    ws
}

/// A target that is no number leaves its unit out of the targets annex: the caution
/// names it at its cell, for the annex not to go to print without it unnoticed.
#[test]
fn a_targets_annex_missing_a_unit_names_the_cell_that_left_it_out() {
    let ws = small_county();
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n政府办,240\n民政局,一百二十\n蓬莱镇,60\n合计,420\n",
    );
    let out = ws.zwgk(&["annex", "targets"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let named =
        (out.stdout.lines()).find(|l| l.contains("reference/targets.csv") && l.contains("B3"));
    assert!(named.is_some_and(|l| l.contains("错误")), "{}", out.stdout);
}

#[test]
fn the_progress_annex_lists_each_unit_of_the_run_and_a_total() {
    let ws = small_county();
    let out = ws.zwgk(&["annex", "progress", "--period", "2018-04", "--number", "2"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let file = "out/2018-04/附件-progress.xlsx";
    assert!(out.stdout.contains(file), "{}", out.stdout);
    let r = rows(&ws, file, "完成情况");
    assert_eq!(r[0], ["附件2"]);
    assert_eq!(r[2], ["大英县2018年4月政务公开信息报送完成情况"]);
    // There is no 附件0.
    let out = ws.zwgk(&["annex", "progress", "--period", "2018-04", "--number", "0"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("附件编号应为 1 或更大的整数"),
        "{}",
        out.stderr
    );
    assert_eq!(r[3][1], "单位");
    let unit = |name: &str| {
        r.iter()
            .find(|row| row.get(1).is_some_and(|u| u == name))
            .unwrap()
    };
    // target, this period, year to date, pro-rata, completion, score, standing
    let pick = |row: &Vec<String>| {
        let pct: f64 = row[6].parse().unwrap();
        (
            row[2..6].join(" "),
            format!("{:.1}%", pct * 100.0),
            row[7].clone(),
            row[8].clone(),
        )
    };
    let s = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        pick(unit("政府办")),
        s("240 0 0 80", "0.0%", "1", "落后序时进度")
    );
    assert_eq!(
        pick(unit("民政局")),
        s("120 3 4 40", "3.3%", "14.2", "落后序时进度")
    );
    assert_eq!(
        pick(unit("蓬莱镇")),
        s("60 2 2 20", "3.3%", "19.6", "落后序时进度")
    );
    let total = r.last().unwrap();
    assert_eq!(total[0], "合  计");
    assert_eq!(total[2..6].join(" "), "420 5 6 140");
    assert_eq!(
        format!("{:.1}%", total[6].parse::<f64>().unwrap() * 100.0),
        "1.4%"
    );
}

/// Seed 000's sections table (levels left blank where they continue the row above,
/// responsible units as the office wrote them) and seed 002's domain table.
/// 赤壁's 完成情况 annex (no 得分: its zwgk.toml states no scoring rules) in portrait at
/// full size: the number columns as narrow as their numbers under labels of three lines,
/// so that every unit (公共资源交易中心, 自然资源和规划局) and every standing
/// (已完成全年任务) keeps to one line — a row of one line each, as tall as the 合计.
#[test]
fn the_progress_annex_keeps_each_unit_on_one_line() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["annex", "progress", "--period", "2020-10"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let file = "out/2020-10/附件-progress.xlsx";
    let r = rows(&ws, file, "完成情况");
    assert_eq!(r[3][2], "全年\n目标\n(条)");
    assert!(!r[3].iter().any(|h| h.contains("得分")), "{:?}", r[3]);
    let sheet = part(&ws.join(file), "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("orientation=\"portrait\""), "{sheet}");
    assert!(!sheet.contains("scale="), "{sheet}");
    let heights: Vec<&str> = (sheet.split("<row ").skip(4))
        .map(|row| attr(row, "ht"))
        .collect();
    assert_eq!(heights.len(), 19, "18 units and the 合计");
    assert!(heights.iter().all(|h| *h == heights[18]), "{heights:?}");
}

fn sections_workspace() -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"赤壁市\"\nyear = 2020\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\ndomains = \"reference/domains.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n政府办,部门\n宣传部,部门\n民政局,部门\n发改局,部门\n人社局,部门\n城关镇,乡镇\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n政府办,100\n",
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位\n\
         走进赤壁,赤壁概况,,赤壁概况,政府办\n\
         ,行政区划,,行政区划,政府办\n\
         ,历史沿革,,历史沿革,政府办\n\
         信息公开,政务动态,时政要闻,转载上级时政信息,政府办\n\
         ,,赤壁要闻,重要活动信息,政府办、宣传部\n\
         ,,通知公告,通知公告类信息,各乡镇、各单位\n\
         ,重点领域公开,社会救助,详见社会救助领域基层政务公开标准目录,民政局\n",
    );
    ws.write(
        "reference/domains.csv",
        "序号,政务公开领域,责任单位\n\
         1,(一)重大建设项目领域,赤壁市发改局\n\
         2,(五)社会救助领域,赤壁市民政局\n\
         ,(六)养老服务领域,\n\
         3,(九)就业领域(十)社会保险领域,赤壁市人社局\n",
    );
    ws
}

#[test]
fn the_sections_annex_merges_inherited_levels_and_keeps_responsible_units_as_written() {
    let ws = sections_workspace();
    let out = ws.zwgk(&["annex", "sections"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let file = "out/附件-sections.xlsx";
    let r = rows(&ws, file, "栏目保障");
    assert_eq!(r[2], ["赤壁市政府网站栏目保障任务分解表"]);
    assert_eq!(
        r[3],
        [
            "序号",
            "一级栏目",
            "二级栏目",
            "三级栏目",
            "公开内容",
            "保障单位"
        ]
    );
    assert_eq!(
        r[4],
        ["1", "走进赤壁", "赤壁概况", "", "赤壁概况", "政府办"]
    );
    assert_eq!(r[5], ["2", "", "行政区划", "", "行政区划", "政府办"]);
    // As written, broken (where the column is too narrow) between units, not inside one.
    assert_eq!(r[8][..5], ["5", "", "", "赤壁要闻", "重要活动信息"]);
    for (row, list) in [(8, "政府办、宣传部"), (9, "各乡镇、各单位")] {
        let cell = &r[row][5];
        assert_eq!(cell.replace("、\n", "、"), list, "{cell}");
        assert!(
            cell.lines().all(|l| l.ends_with('、') || list.ends_with(l)),
            "{cell}"
        );
    }
    // Broken by the tool between words where LibreOffice would leave 开 alone (重点领域公
    // / 开).
    assert!(
        ["重点领域\n公开", "重点\n领域公开"].contains(&r[10][2].as_str()),
        "{:?}",
        r[10]
    );
    assert_eq!(r[10][3], "社会救助");
    // Only the sections table: the domain table's rows are another annex.
    assert_eq!(r.len(), 11);
    let xml = part(&ws.join(file), "xl/worksheets/sheet1.xml");
    for range in ["B5:B7", "B8:B11", "C5:D5", "C6:D6", "C8:C10"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range}: {xml}"
        );
    }
}

/// 汤阴's 保障单位 lists print every unit whole: a list breaks only after a 、 (政务服务和
/// 大数据管理局、/各单位, never 政务服务和大数据管理/局), its text otherwise as the office
/// wrote it.
#[test]
fn the_sections_annex_breaks_lists_of_units_between_units() {
    let ws = Ws::sample("tangyin-2022");
    // The table named as `--help` names it, in Chinese.
    let out = ws.zwgk(&["annex", "栏目"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = rows(&ws, "out/附件-sections.xlsx", "栏目保障");
    let col = r[3].iter().position(|h| h == "保障单位").unwrap();
    let lists: Vec<&str> = r[4..].iter().map(|row| row[col].as_str()).collect();
    // The column holds the longest name whole, even past its usual width.
    assert!(
        lists.contains(&"政务服务和大数据管理局、\n各单位"),
        "a list too long for its line breaks between units: {lists:?}"
    );
    for list in &lists {
        let mut lines: Vec<&str> = list.lines().collect();
        lines.pop();
        assert!(lines.iter().all(|l| l.ends_with('、')), "{list:?}");
    }
}

#[test]
fn the_domains_annex_gives_each_unit_one_number_over_its_domains() {
    let ws = sections_workspace();
    let out = ws.zwgk(&["annex", "domains"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let file = "out/附件-domains.xlsx";
    let r = rows(&ws, file, "责任分工");
    assert_eq!(r[2], ["5个试点领域基层政务公开目录责任分工表"]);
    assert_eq!(r[3], ["序号", "政务公开领域", "责任单位"]);
    // The units as the units table names them (赤壁市发改局 is 发改局), the domains in
    // the State Council's order numbered as listed: five domains, (一) to (五).
    assert_eq!(r[4], ["1", "（一）重大建设项目领域", "发改局"]);
    assert_eq!(r[5], ["2", "（二）社会救助领域", "民政局"]);
    assert_eq!(r[6], ["", "（三）养老服务领域"]);
    assert_eq!(r[7], ["3", "（四）就业领域", "人社局"]);
    assert_eq!(r[8], ["", "（五）社会保险领域"]);
    let xml = part(&ws.join(file), "xl/worksheets/sheet1.xml");
    for range in ["A6:A7", "C6:C7", "A8:A9", "C8:C9"] {
        assert!(
            xml.contains(&format!("<mergeCell ref=\"{range}\"/>")),
            "{range}"
        );
    }
}

/// From a supervisor's review of 汤阴: its sections table gives 市政服务 to 城市管理局
/// and 城市综合执法 to 城管局, the same unit by its alias, and the annex printed them as
/// two units; it lists 24 of the 26 pilot domains, and the annex numbered them (一) to
/// (二十六) under the title 24个试点领域.
#[test]
fn the_domains_annex_names_a_unit_once_and_numbers_the_domains_it_lists() {
    let ws = Ws::sample("tangyin-2022");
    let out = ws.zwgk(&["annex", "domains"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = rows(&ws, "out/附件-domains.xlsx", "责任分工");
    assert_eq!(r[2], ["24个试点领域基层政务公开目录责任分工表"]);
    let domains: Vec<&str> = r[4..].iter().map(|row| row[1].as_str()).collect();
    assert_eq!(domains.len(), 24);
    assert_eq!(
        domains[11], "（十二）生态环境",
        "no gap where 农村集体土地征收 is not"
    );
    assert_eq!(domains[23], "（二十四）扶贫领域");
    let at = |d: &str| {
        let found = r.iter().position(|row| row.get(1).is_some_and(|c| c == d));
        found.unwrap()
    };
    let (city, enforcement) = (at("（十五）市政服务"), at("（十六）城市综合执法"));
    assert_eq!(r[city][2], "城市管理局");
    assert_eq!(enforcement, city + 1);
    assert_eq!(r[enforcement][..1], [""], "one 序号 over both");
    // 医保局 is 医疗保障局 in the units table.
    assert_eq!(r[at("（十）社会保险")][2], "人社局、医疗保障局");
    let xml = part(
        &ws.join("out/附件-domains.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    let rows = format!("{}:C{}", city + 1, enforcement + 1);
    assert!(
        xml.contains(&format!("<mergeCell ref=\"C{rows}\"/>")),
        "{xml}"
    );
}

/// From a supervisor's review of 大英: its reports told 安监局, 食药监局 and 环保局 that
/// they answer for pilot domains (重点领域/安全生产/安全生产监管 lies within 安全生产) that
/// the domains annex did not list: it took only sections that are a domain themselves.
#[test]
fn the_domains_annex_lists_the_domains_sections_lie_within_as_the_reports_count_them() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["annex", "domains"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = rows(&ws, "out/附件-domains.xlsx", "责任分工");
    assert_eq!(r[2], ["9个试点领域基层政务公开目录责任分工表"]);
    let listed: Vec<(&str, &str)> = (r[4..].iter())
        .map(|row| (row[1].as_str(), row.get(2).map_or("", String::as_str)))
        .collect();
    // Named as the table writes them (环境保护 is 生态环境, 13th of the 26), in the State
    // Council's order; 环保局 answers for both sections under 环境保护, once.
    assert_eq!(listed[3], ("（四）环境保护", "环保局"));
    assert_eq!(listed[6], ("（七）安全生产", "安监局"));
    assert_eq!(listed[7], ("（八）食品药品安全", "食药监局"));
    assert_eq!(listed.len(), 9);
}

/// A sections table may name one domain twice, in two spellings (生态环境 for 林业局,
/// 环境保护 for 环保局, as QA wrote it): the annex numbered two rows （一） under a
/// title that counted one. One domain is one row, for the units of both.
#[test]
fn the_domains_annex_gives_a_domain_one_row_whatever_its_spellings() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n林业局,部门\n环保局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n林业局,100\n",
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位\n\
         重点领域,生态环境,,林地保护,林业局\n\
         重点领域,环境保护,环境质量,空气质量,环保局\n\
         重点领域,环境保护,,环保信息,环保局\n",
    );
    let out = ws.zwgk(&["annex", "domains"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let r = rows(&ws, "out/附件-domains.xlsx", "责任分工");
    assert_eq!(r[2], ["1个试点领域基层政务公开目录责任分工表"]);
    assert_eq!(r[4], ["1", "（一）生态环境", "林业局、环保局"]);
    assert_eq!(r.len(), 5, "{r:?}");
}

/// Seed 002 Annex 1 names three domains otherwise than the State Council list
/// (农村集体土地征收 without 领域, 保障住房, 救灾生产): the annex prints the seed's words.
#[test]
fn the_domains_annex_prints_seed_002_s_26_domains_in_its_own_words() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["annex", "domains"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let r = rows(&ws, "out/附件-domains.xlsx", "责任分工");
    let printed: Vec<String> = r[4..].iter().map(|row| row[1].clone()).collect();
    let seed = "(一)重大建设项目领域 (二)公共资源交易领域 (三)义务教育领域 (四)户籍管理领域 \
        (五)社会救助领域 (六)养老服务领域 (七)公共法律服务领域 (八)财政预决算领域 (九)就业领域 \
        (十)社会保险领域 (十一)城乡规划领域 (十二)农村集体土地征收 (十三)生态环境领域 \
        (十四)保障住房领域 (十五)国有土地上房屋征收与补偿领域 (十六)农村危房改造领域 \
        (十七)市政服务领域 (十八)城市综合执法领域 (十九)涉农补贴领域 (二十)公共文化服务领域 \
        (二十一)卫生健康领域 (二十二)安全生产领域 (二十三)救灾生产领域 (二十四)食品药品监管领域 \
        (二十五)税收管理领域 (二十六)扶贫领域";
    let want: Vec<String> = seed
        .split_whitespace()
        .map(|d| d.replace('(', "（").replace(')', "）"))
        .collect();
    assert_eq!(printed, want);
}

#[test]
fn an_annex_without_its_table_says_which_setting_to_add() {
    let ws = small_county();
    let out = ws.zwgk(&["annex", "domains"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("没有试点领域") && out.stderr.contains("[reference] domains"),
        "{}",
        out.stderr
    );
    let out = ws.zwgk(&["annex", "sections"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("没有栏目表"), "{}", out.stderr);
    assert!(!ws.join("out").exists());
}

/// A county of `n` units, each with a target of 100, its targets annex written one
/// unit per row: the annex's sheet XML.
fn targets_in_rows(n: usize) -> String {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"测试县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\n",
    );
    let names: Vec<String> = (1..=n).map(|i| format!("单位{i:02}局")).collect();
    let units: String = names.iter().map(|n| format!("{n},部门\n")).collect();
    let targets: String = names.iter().map(|n| format!("{n},100\n")).collect();
    ws.write("reference/units.csv", format!("单位名称,类别\n{units}"));
    ws.write(
        "reference/targets.csv",
        format!("单位,目标任务数量(条)\n{targets}合计,{}\n", 100 * n),
    );
    let out = ws.zwgk(&["annex", "targets", "--layout", "rows"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xml = part(&ws.join(TARGETS), "xl/worksheets/sheet1.xml");
    // Printed at full size, as an annex that fits the page's width is: zwgk sets no
    // scale, nor "fit to page".
    assert!(
        !xml.contains("fitToPage") && !xml.contains("scale="),
        "{xml}"
    );
    xml
}

#[test]
fn a_targets_total_alone_on_a_page_is_kept_with_rows_of_its_table() {
    // 70 units one per row: 33 fill the first page, 37 the second, and the 合计 would
    // start the third alone: the second page ends two rows early.
    // Rows: 附件1, a blank, the title, the header, 70 units (rows 4–73), the 合计 (74).
    let xml = targets_in_rows(70);
    assert_eq!(page_breaks::<u32>(&xml), [37, 72], "{xml}");
}

#[test]
fn an_annex_a_row_too_long_for_one_page_is_not_shrunk_to_fit_it() {
    // 32 units and the 合计 fill a page. With 33, the 合计 goes on to a second page
    // with the last two units, at full size (at 97 % it would have fitted).
    assert!(page_breaks::<u32>(&targets_in_rows(32)).is_empty());
    assert_eq!(page_breaks::<u32>(&targets_in_rows(33)), [35]);
}

/// clap writes English `[default: …]` after an option with a default: every command says
/// its defaults in Chinese instead.
#[test]
fn no_help_shows_an_english_default() {
    let ws = Ws::new();
    for command in [
        "", "init", "inspect", "run", "check", "report", "template", "annex", "notice", "assess",
        "watch",
    ] {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let out = ws.zwgk(&args);
        assert_eq!(out.code, 0, "{command}");
        for english in [
            "[default",
            "Usage",
            "Options",
            "Print help",
            "Possible values",
            "possible values",
        ] {
            assert!(!out.stdout.contains(english), "{command}: {}", out.stdout);
        }
    }
}

#[test]
fn annex_and_template_help_is_chinese() {
    let ws = Ws::new();
    for command in ["annex", "template"] {
        let out = ws.zwgk(&[command, "--help"]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("用法：zwgk"), "{}", out.stdout);
        assert!(!out.stdout.contains("possible values"), "{}", out.stdout);
        assert!(!out.stdout.contains("Usage"), "{}", out.stdout);
    }
    let out = ws.zwgk(&["annex", "--help"]);
    for word in ["targets 目标任务", "--landscape", "--title-font", "附件N"] {
        assert!(out.stdout.contains(word), "{word}: {}", out.stdout);
    }
    let out = ws.zwgk(&["annex", "tables"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("参数"), "{}", out.stderr);
}

#[test]
fn annex_output_never_overwrites_an_input_and_needs_an_xlsx_file_name() {
    let ws = Ws::sample("daying-2018");
    std::fs::create_dir_all(ws.join("附件")).unwrap();
    let before = ws.snapshot();
    for (output, says) in [
        ("zwgk.toml", "是工作目录的输入文件 zwgk.toml"),
        (
            "reference/targets.xlsx",
            "是工作目录的输入文件 reference/targets.xlsx",
        ),
        (
            "./reference/../reference/units.xlsx",
            "reference/units.xlsx",
        ),
        ("reference/新表.xlsx", "在参考表文件夹 reference 中"),
        ("inbox/x.xlsx", "在报送文件夹 inbox 中"),
        ("templates/x.xlsx", "在模板文件夹 templates 中"),
        ("附件", "是已有的文件夹：请写文件名，如 -o 附件/附件1.xlsx"),
        ("附件1.docx", "扩展名不是 .xlsx"),
    ] {
        let out = ws.zwgk(&["annex", "targets", "-o", output]);
        assert_eq!(out.code, 2, "{output}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(says), "{output}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before, "no input changed, nothing written");
    let out = ws.zwgk(&["annex", "targets", "-o", "附件/附件1.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_folder_named_like_the_annex_is_said_not_blamed_on_excel() {
    let ws = Ws::sample("daying-2018");
    std::fs::create_dir_all(ws.join(TARGETS)).unwrap();
    let out = ws.zwgk(&["annex", "targets"]);
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("已有同名的文件夹占用了这个文件名") && !out.stderr.contains("Excel"),
        "{}",
        out.stderr
    );
    let entries = std::fs::read_dir(ws.join("out")).unwrap().flatten();
    let names: Vec<_> = entries.filter(|e| e.file_name() != ".zwgk.lock").collect();
    assert_eq!(
        names.len(),
        1,
        "the folder alone, no （新） copy: {names:?}"
    );
}
