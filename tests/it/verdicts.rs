//! Verdicts a supervisor can sign (DESIGN.md "Verdicts"), one rule per case, each on a
//! workspace written here: timeliness across a holiday, an event-driven section, a
//! quarter not yet over, 各部门 beside parks, communities and vertical offices, a report
//! dated inside its period, a unit with nothing to show, score labels, pinyin headers.

use crate::harness::{V, Ws, col_width, manifest, part, sheet_text};
use crate::notice::{DAYING_BULLETIN, body_text, paragraphs};
use crate::report::{Report, report_path};

/// A 2018 county of eight units of every category, with `sections` as its table.
fn county(sections: &str) -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\n\
         targets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n政府办,部门\n民政局,部门\n财政局,部门\n工业园区,园区\n城东社区,社区\n\
         国税局,垂直管理\n蓬莱镇,乡镇\n东城街道,街道\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n政府办,120\n民政局,120\n财政局,120\n工业园区,60\n城东社区,60\n\
         国税局,60\n蓬莱镇,60\n东城街道,60\n",
    );
    ws.write("reference/sections.csv", sections);
    std::fs::create_dir_all(ws.join("inbox")).unwrap();
    ws
}

/// Four columns of a sheet of 汇总, by their header labels, under the header.
fn columns(ws: &Ws, period: &str, sheet: &str, labels: [&str; 4]) -> Vec<[String; 4]> {
    let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    let rows = sheet_text(&book, sheet);
    let at = labels.map(|l| rows[0].iter().position(|h| h == l).unwrap());
    rows[1..].iter().map(|r| at.map(|i| r[i].clone())).collect()
}

/// 问题清单 of a run as (代码, 文件, 单元格, 说明).
fn problems(ws: &Ws, period: &str) -> Vec<[String; 4]> {
    columns(ws, period, "问题清单", ["代码", "文件", "单元格", "说明"])
}

fn codes(problems: &[[String; 4]]) -> Vec<&str> {
    problems.iter().map(|p| p[0].as_str()).collect()
}

/// 栏目覆盖 as (二级栏目, 保障单位, 状态, 说明).
fn coverage(ws: &Ws, period: &str) -> Vec<[String; 4]> {
    columns(
        ws,
        period,
        "栏目覆盖",
        ["二级栏目", "保障单位", "状态", "说明"],
    )
}

fn run(ws: &Ws, period: &str) {
    let out = ws.zwgk(&["run", "--period", period]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
}

/// The daying-2018 regression: 实时 and 当天 sections were "overdue" one calendar day
/// after their last item, across the May Day holiday.
#[test]
fn an_event_driven_section_is_never_overdue_for_want_of_a_daily_update() {
    let ws = county(
        "一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,实时\n工作动态,民政局动态,民政局,当天\n",
    );
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-27,通知\n局务会召开,2018-04-27,民政局动态\n",
    );
    run(&ws, "2018-04");
    let found = problems(&ws, "2018-04");
    for code in ["S010", "S011", "S012", "T001"] {
        assert!(!codes(&found).contains(&code), "{code}: {found:?}");
    }
    // Nothing to check a lag against: said, not guessed.
    assert_eq!(codes(&found).iter().filter(|c| **c == "S016").count(), 2);
    for row in coverage(&ws, "2018-04") {
        assert_eq!(row[2], "按时效核对", "{row:?}");
        assert!(
            row[3].contains("1 条没有成文（发生）日期，未核对"),
            "{row:?}"
        );
    }
}

/// A lag counts working days from the day information arose: an event on the May Day
/// holiday published on the first working day after it is in time; a Friday's notice put
/// online the next Monday is late for 当天, and the report says so under question 2.
#[test]
fn timeliness_is_judged_per_item_in_working_days_across_the_holiday() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,当天\n");
    ws.write(
        "inbox/民政局-2018年5月.csv",
        "标题,成文日期,发布日期,栏目\n假日值班安排,2018-04-29,2018-05-02,通知\n\
         关于开展救助检查的通知,2018-05-04,2018-05-07,通知\n五月低保公示,,2018-05-08,通知\n",
    );
    run(&ws, "2018-05");
    let found = problems(&ws, "2018-05");
    let late: Vec<&[String; 4]> = found.iter().filter(|p| p[0] == "T001").collect();
    assert_eq!(late.len(), 1, "{found:?}");
    assert_eq!(late[0][1], "inbox/民政局-2018年5月.csv");
    assert_eq!(late[0][2], "第 3 行");
    assert!(
        late[0][3]
            .contains("要求信息产生后当天公开：本条信息产生于 2018-05-04，实际 2018-05-07 公开"),
        "{}",
        late[0][3]
    );
    assert_eq!(
        coverage(&ws, "2018-05")[0][3],
        "核对 2 条，超时 1 条；1 条没有成文（发生）日期，未核对"
    );
    let out = ws.zwgk(&["report", "--period", "2018-05", "--date", "2018-06-01"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = Report::read(&report_path(&ws, "民政局", "2018-05"));
    assert_eq!(r.answer(2), "☐是 ☑否");
    let row = r.problems().into_iter().find(|p| p[3] == "T001").unwrap();
    assert_eq!(row[0], "公开超时");
    // As a printed report writes it: 第3行, the dates as in 公文.
    assert_eq!(row[1], "民政局-2018年5月.csv / 民政局-2018年5月 / 第3行");
    assert!(
        row[2].contains("本条信息产生于2018年5月4日，实际2018年5月7日公开，晚3天"),
        "{row:?}"
    );
}

/// An interval is judged once it is over inside the period: no quarter ends in May; the
/// second quarter is judged by a run of it, and not by a report dated inside it.
#[test]
fn a_quarter_not_over_is_not_overdue() {
    let ws = county(
        "一级栏目,二级栏目,保障单位,更新频率\n专题,季度专栏,财政局,每季度\n专题,月度专栏,财政局,每月\n",
    );
    ws.write(
        "inbox/财政局-2018年4月.csv",
        "标题,发布日期,栏目\n四月预算执行情况,2018-04-10,月度专栏\n",
    );
    ws.write(
        "inbox/财政局-2018年5月.csv",
        "标题,发布日期,栏目\n五月预算执行情况,2018-05-10,月度专栏\n",
    );
    run(&ws, "2018-05");
    let rows = coverage(&ws, "2018-05");
    assert_eq!(rows[0][2], "本期不考核", "{rows:?}");
    assert_eq!(rows[1][2], "正常", "{rows:?}");
    assert!(!codes(&problems(&ws, "2018-05")).contains(&"S012"));
    run(&ws, "2018Q2");
    let found = problems(&ws, "2018Q2");
    let messages: Vec<&str> = found.iter().map(|p| p[3].as_str()).collect();
    assert!(
        messages.contains(
            &"栏目「专题/季度专栏」要求每季度更新，2018年第二季度没有更新，截至 2018-06-30 从未更新"
        ),
        "{messages:?}"
    );
    assert!(
        messages.contains(
            &"栏目「专题/月度专栏」要求每月更新，2018年6月没有更新；最近一次更新为 2018-05-10"
        ),
        "{messages:?}"
    );
    // Dated 06-10, a report judges April and May only: nothing is overdue yet.
    let out = ws.zwgk(&["report", "--period", "2018Q2", "--date", "2018-06-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = Report::read(&report_path(&ws, "财政局", "2018Q2"));
    assert_eq!(
        r.field("评估期间"),
        "2018年第二季度（2018年4月1日至6月10日）"
    );
    assert_eq!(r.answer(2), "☑是 ☐否");
    assert_eq!(r.answer(3), "☑是 ☐否");
    assert!(
        !r.codes().iter().any(|c| c.starts_with('S')),
        "{:?}",
        r.problems()
    );
}

/// Seed 001 addresses 各镇乡, 各园区、社区管委会 and 县级各部门 apart: 各部门 is category
/// 部门 only, 各乡镇 takes 街道, and parks, communities and vertical offices answer only
/// where the table or [groups] names them.
#[test]
fn department_and_town_groups_leave_parks_communities_and_vertical_offices_out() {
    let table = "一级栏目,二级栏目,保障单位,更新频率\n工作动态,部门动态,各部门,每月\n\
                 工作动态,镇街动态,各乡镇,每月\n通知公告,通知,各单位、工业园区、国税局,第一时间\n";
    let ws = county(table);
    run(&ws, "2018-04");
    let rows = coverage(&ws, "2018-04");
    assert_eq!(rows[0][1], "政府办、民政局、财政局");
    assert_eq!(rows[1][1], "蓬莱镇、东城街道");
    assert_eq!(rows[2][1], "政府办、民政局、财政局、工业园区、国税局");
    // An office that holds its vertical offices to 各部门 says so in [groups].
    let settings = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write(
        "zwgk.toml",
        format!("{settings}[groups]\n\"各部门\" = [\"类别:部门\", \"类别:垂直管理\"]\n"),
    );
    run(&ws, "2018-04");
    assert_eq!(
        coverage(&ws, "2018-04")[0][1],
        "政府办、民政局、财政局、国税局"
    );
}

/// Dated inside its period, a report counts nothing published after its date and reads
/// 评估期间 <start>至<date>.
#[test]
fn a_report_dated_mid_period_counts_nothing_after_its_date() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-20,通知\n低保公示,2018-04-28,通知\n养老补贴公示,2018-04-30,通知\n",
    );
    let out = ws.zwgk(&["report", "--period", "2018-04", "--date", "2018-04-27"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("另有 2 条信息的发布日期晚于评估时间，未计入本次评估"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "民政局", "2018-04"));
    assert_eq!(r.field("评估期间"), "2018年4月（2018年4月1日至4月27日）");
    let figures: Vec<&Vec<String>> = r.0.iter().filter(|row| row[0].ends_with("(条)")).collect();
    assert_eq!(figures[1][2], "1", "本期信息 counts only 04-20");
    // Three complete months: the share is 120 × 3 ÷ 12.
    assert_eq!(figures[0][4], "30");
    let out = ws.zwgk(&["report", "--period", "2018-04", "--date", "2018-03-31"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("早于统计期"), "{}", out.stderr);
}

/// chibi-2020's 税务局: nothing this period, yet questions 1 and 3 were ☑是. A 是 needs
/// the unit's own information in the sections asked about.
#[test]
fn a_unit_that_published_nothing_is_never_answered_yes() {
    let ws = county(
        "一级栏目,二级栏目,保障单位,更新频率\n重点领域,税收管理,国税局,按需\n专题,纳税服务,国税局,每月\n",
    );
    ws.write(
        "inbox/国税局-2018年3月.csv",
        "标题,发布日期,栏目\n三月纳税服务,2018-03-12,纳税服务\n",
    );
    let out = ws.zwgk(&["report", "--period", "2018-04", "--date", "2018-05-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = Report::read(&report_path(&ws, "国税局", "2018-04"));
    assert_eq!(r.answer(1), "☐是 ☐否", "a 按需 domain with nothing in it");
    // April passed without the monthly 纳税服务 it alone answers for.
    assert_eq!(r.answer(2), "☐是 ☑否");
    assert_eq!(r.answer(3), "☐是 ☑否");
    assert_eq!(r.answer(4), "☐是 ☐否");
    assert_eq!(r.codes(), ["C003", "S011"], "{:?}", r.problems());
}

/// Every answer of every report of the bundled samples follows from the report's own
/// tables: a ☑是 only with information this period, a ☑否 only with a finding of its kind.
#[test]
fn every_sample_report_answer_rests_on_its_own_tables() {
    for (sample, period, date) in [
        ("tangyin-2022", "2022Q2", "2022-06-23"),
        ("tangyin-2022", "2022Q2", "2022-07-05"),
        ("chibi-2020", "2020-10", "2020-11-05"),
        ("daying-2018", "2018-04", "2018-05-04"),
    ] {
        let ws = Ws::sample(sample);
        let out = ws.zwgk(&["report", "--period", period, "--date", date]);
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let dir = ws.join(&format!("out/{period}/评估报告"));
        let mut read = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("评估报告汇编") {
                continue;
            }
            read += 1;
            check_answers(&Report::read(&path), &format!("{sample} {date} {name}"));
        }
        assert!(read > 10, "{sample}: {read} reports");
    }
}

/// daying-2018's 志办 sent no contact form (P006): it is told so, but question 4 asks
/// whether the information it published is accurate, and that form is none of it.
#[test]
fn a_missing_contact_form_is_listed_but_does_not_answer_question_4() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["report", "--period", "2018-04", "--date", "2018-05-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = Report::read(&report_path(&ws, "志办", "2018-04"));
    assert_eq!(r.codes(), ["P006"], "{:?}", r.problems());
    assert_eq!(r.problems()[0][0], "联系人登记表");
    assert_eq!(r.answer(4), "☑是 ☐否");
}

fn check_answers(r: &Report, which: &str) {
    let figures: Vec<&Vec<String>> = r.0.iter().filter(|row| row[0].ends_with("(条)")).collect();
    let items: u32 = figures[1][2].parse().unwrap();
    let kinds: Vec<&str> = r.problems().iter().map(|p| p[0]).collect();
    // The kinds of finding that answer each question with 否.
    // A workspace of pilot domains (chibi) says 领域 where the others say 栏目.
    let against: [&[&str]; 4] = [
        &[
            "栏目无信息",
            "栏目更新不及时",
            "领域无信息",
            "领域更新不及时",
        ],
        &["栏目更新不及时", "公开超时", "领域更新不及时"],
        &[
            "栏目无信息",
            "栏目更新不及时",
            "领域无信息",
            "领域更新不及时",
        ],
        &[
            "报送文件",
            "文件编码",
            "表格格式",
            "数据填写",
            "单位名称",
            "统计数填写",
            "栏目填写",
            "领域填写",
            "重复报送",
        ],
    ];
    for (n, kinds_against) in (1..=4).zip(against) {
        match r.answer(n) {
            "☑是 ☐否" => {
                assert!(items > 0, "{which}: question {n} 是 with nothing published")
            }
            "☐是 ☑否" => assert!(
                kinds.iter().any(|k| kinds_against.contains(k)),
                "{which}: question {n} 否 without a finding of its kind: {kinds:?}"
            ),
            _ => {}
        }
    }
}

/// Seed 001 scores the annual target; before the year is over the score is a projection,
/// and every output that shows it says so. Workbooks and annexes show it only where the
/// rules are stated: a supervisor of 汤阴 read a score by 大英县's rules in its 汇总.
#[test]
fn a_score_says_whether_it_is_a_projection() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-20,通知\n",
    );
    run(&ws, "2018-04");
    let unstated = &sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "完成情况")[1];
    assert!(!unstated.iter().any(|h| h.contains("得分")), "{unstated:?}");
    assert_eq!(unstated[8], "状态", "{unstated:?}");
    // The title spans the columns there are, and no more.
    let xml = part(
        &ws.join("out/2018-04/汇总-2018-04.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(xml.contains(r#"<mergeCell ref="A1:J1"/>"#), "{xml}");
    let plain = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write("zwgk.toml", format!("{plain}[scoring]\n"));
    for (period, label, basis) in [
        ("2018-04", "得分（按序时进度测算）", "pro_rata"),
        ("2018", "得分", "annual"),
    ] {
        run(&ws, period);
        let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
        let header = &sheet_text(&book, "完成情况")[1];
        assert!(header.contains(&label.to_string()), "{header:?}");
        let m = manifest(&ws, period);
        assert!(
            m["units"]
                .as_array()
                .unwrap()
                .iter()
                .all(|u| u["score_basis"] == basis),
            "{period}"
        );
    }
    // An annex goes out under the office's name: it shows a score only where zwgk.toml
    // states the scoring rules, seed 001's being 大英县's and not every county's.
    ws.write("zwgk.toml", &plain);
    let header = || {
        let out = ws.zwgk(&["annex", "progress", "--period", "2018-04"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        sheet_text(&ws.join("out/2018-04/附件-progress.xlsx"), "完成情况").swap_remove(3)
    };
    let unstated = header();
    assert!(!unstated.iter().any(|h| h.contains("得分")), "{unstated:?}");
    assert_eq!(unstated.last().unwrap(), "完成情况");
    let toml = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write("zwgk.toml", format!("{toml}[scoring]\n"));
    let stated = header();
    assert!(stated.contains(&"测算\n得分".to_string()), "{stated:?}");
}

/// 赤壁's 卫健局 sent 26 items in October, two of them under 疫情防控, which is no pilot
/// domain: 责任矩阵 counts them under 未归入栏目, so that every unit's row adds up to its
/// 本期 in 完成情况 (the sample has no 统计数, which 责任矩阵 does not count).
#[test]
fn a_units_row_of_the_matrix_adds_up_to_its_items_this_period() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let matrix = sheet_text(&book, "责任矩阵");
    assert_eq!(matrix[0].last().map(String::as_str), Some("未归入领域"));
    let completion = sheet_text(&book, "完成情况");
    let mut checked = 0;
    for row in &matrix[2..] {
        let sum: u32 = row[1..].iter().filter_map(|c| c.parse::<u32>().ok()).sum();
        let Some(unit) = completion.iter().find(|r| r[1] == row[0]) else {
            continue;
        };
        assert_eq!(unit[4], sum.to_string(), "{}: {row:?}", row[0]);
        checked += 1;
    }
    assert!(checked >= 15, "{checked} units");
    let health = matrix.iter().find(|r| r[0] == "卫健局").unwrap();
    assert_eq!(health.last().map(String::as_str), Some("2"));
}

/// chibi-2020 answers for seed 002's pilot domains only: its workbooks, problems and
/// reports speak of 领域, 责任分工表 and 责任单位, not of website 栏目 and a 栏目表 it
/// does not have, and 栏目覆盖 has no empty 二级/三级栏目 columns. What a user wrote
/// (「…」) is quoted unchanged.
#[test]
fn a_workspace_of_pilot_domains_speaks_of_domains() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let coverage = sheet_text(&book, "栏目覆盖");
    assert_eq!(
        coverage[0][..4],
        ["序号", "领域", "责任单位", "本期条数"].map(String::from)
    );
    assert_eq!(coverage[0][4], "本期未更新的责任单位");
    assert_eq!(coverage[0].len(), 9, "{:?}", coverage[0]);
    assert_eq!(coverage[1][1], "重大建设项目领域");
    let problems = sheet_text(&book, "问题清单");
    let row = |code: &str| problems.iter().find(|r| r[2] == code).unwrap().clone();
    let unresolved = row("S013");
    assert_eq!(
        unresolved[7],
        "领域「疫情防控」不在责任分工表中：本条计入单位任务数，但不计入任何领域；请改用责任分工表中的领域名称"
    );
    assert!(
        unresolved[8].starts_with("请报送单位改用责任分工表中的领域名称"),
        "{unresolved:?}"
    );
    let outside = row("S014");
    assert_eq!(
        outside[7],
        "民政局不是领域「扶贫领域」的责任单位，请核对领域是否填错"
    );
    assert!(
        !problems.iter().flatten().any(|c| c.contains("栏目")),
        "{problems:?}"
    );

    let out = ws.zwgk(&["report", "--period", "2020-10", "--date", "2020-11-05"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let r = Report::read(&report_path(&ws, "民政局", "2020-10"));
    assert_eq!(r.problems()[0][0], "领域填写", "{:?}", r.problems());
    assert!(r.contains("领域指本单位负责的试点领域"), "{:?}", r.0);
    assert!(
        !r.0.iter().flatten().any(|c| c.contains("栏目")),
        "{:?}",
        r.0
    );
}

/// The 通报 names each overdue section with who answers for it, as the table writes it,
/// and which of them were never updated (大英's said "其中2个从未更新" naming neither);
/// one whose table names nobody (S009) says so, rather than an empty （） or a phrase
/// that names no unit (汤阴's 相关单位).
#[test]
fn the_bulletin_names_an_overdue_section_with_its_units_or_alone() {
    let ws = county(
        "一级栏目,二级栏目,保障单位,更新频率\n专题,季度专栏,民政局,每月\n专题,无人专栏,,每月\n",
    );
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-20,通知公告\n",
    );
    let out = ws.zwgk(&DAYING_BULLETIN);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let text = body_text(&paragraphs(&ws.join("out/2018-04/通报-2018-04.docx")));
    assert!(
        text.contains(
            "（三）栏目更新不及时\n“专题—季度专栏”（民政局，从未更新）、“专题—无人专栏”（未明确保障单位，从未更新）超期未更新。"
        ),
        "{text}"
    );
    assert!(
        text.contains("按更新频率本期应当更新的2个栏目均超期未更新（其中2个从未更新）。"),
        "{text}"
    );
}

/// A section kept up by count rows alone shows their month as its 最近更新: 大英's
/// 突发事件处置 (公安局's counts) showed nothing there, a count row having no day.
#[test]
fn a_section_kept_up_by_counts_alone_shows_their_month_as_its_latest_update() {
    let ws = Ws::sample("daying-2018");
    run(&ws, "2018-04");
    let rows = columns(
        &ws,
        "2018-04",
        "栏目覆盖",
        ["二级栏目", "本期条数", "最近更新", "状态"],
    );
    let row = rows.iter().find(|r| r[0] == "突发事件处置").unwrap();
    assert_eq!(
        row[1..],
        ["3", "2018年4月（统计数）", "正常"].map(String::from)
    );
}

/// Without a `sections` key in zwgk.toml, the sections table is read whatever its
/// extension: `zwgk init` writes reference/sections.xlsx.
#[test]
fn a_sections_table_zwgk_toml_does_not_name_is_read_as_a_workbook_too() {
    let ws = county("");
    std::fs::remove_file(ws.join("reference/sections.csv")).unwrap();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\n\
         targets = \"reference/targets.csv\"\n",
    );
    let rows = [
        ["一级栏目", "二级栏目", "保障单位"],
        ["通知公告", "通知", "民政局"],
    ];
    let rows: Vec<Vec<V>> = rows.iter().map(|r| r.map(V::T).into()).collect();
    ws.xlsx("reference/sections.xlsx", &rows);
    run(&ws, "2018-04");
    let found = coverage(&ws, "2018-04");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0][..2], ["通知".to_string(), "民政局".to_string()]);
}

/// A 领域 the domain table lists twice is told apart by its row in 栏目覆盖, as in
/// 责任矩阵 and 明细.
#[test]
fn a_domain_listed_twice_keeps_its_row_in_the_coverage_sheet() {
    let ws = county("");
    std::fs::remove_file(ws.join("reference/sections.csv")).unwrap();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\n\
         targets = \"reference/targets.csv\"\ndomains = \"reference/domains.csv\"\n",
    );
    ws.write(
        "reference/domains.csv",
        "序号,政务公开领域,责任单位\n1,就业领域,民政局\n2,社会救助领域,民政局\n3,就业领域,财政局\n",
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = columns(
        &ws,
        "2018-04",
        "栏目覆盖",
        ["序号", "领域", "责任单位", "状态"],
    );
    let named: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        named,
        ["就业领域（第2行）", "社会救助领域", "就业领域（第4行）"]
    );
}

/// The 合计 label of an annex longer than its two columns wraps on the row made tall for
/// it: 汤阴县's 合计（有目标任务的39个单位） was clipped at both sides (计（有目标…单位）).
/// It and a unit's name too long for its column break where words end: 汤阴县's
/// 政务服务和大数据管理局 printed as 政务服务和大数据管 / 理局.
#[test]
fn an_annex_total_label_longer_than_its_columns_wraps() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n民政局,部门\n政务服务和大数据管理局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n民政局,120\n",
    );
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-20,通知\n",
    );
    let out = ws.zwgk(&["annex", "progress", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let path = ws.join("out/2018-04/附件-progress.xlsx");
    let strings = part(&path, "xl/sharedStrings.xml");
    assert!(
        strings.contains("<t>政务服务和\n大数据管理局</t>"),
        "{strings}"
    );
    let label = "合计（有目标任务的\n1个单位）";
    let index = (strings.split("<si>").skip(1))
        .position(|si| si.contains(label))
        .unwrap_or_else(|| panic!("no {label}: {strings}"));
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    let cell = format!("t=\"s\"><v>{index}</v>");
    let at = sheet.find(&cell).expect("the label's cell");
    let open = sheet[..at].rfind("<c ").unwrap();
    let style: usize = (sheet[open..at].split("s=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a style");
    let styles = part(&path, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(style + 1).unwrap();
    let xf = &xf[..xf.find("</xf>").or_else(|| xf.find("/>")).unwrap()];
    assert!(xf.contains("wrapText=\"1\""), "{xf}");
}

/// tangyin-2022's 合计 added 年度累计 of units without a target while its 完成率 did not:
/// the row now adds the units with a target, and says so.
#[test]
fn the_total_row_adds_the_same_units_in_every_column() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n政府办,120\n民政局,120\n",
    );
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期,栏目\n关于春耕的通知,2018-04-20,通知\n",
    );
    ws.write(
        "inbox/财政局-2018年4月.csv",
        "标题,发布日期\n预算公开,2018-04-20\n",
    );
    run(&ws, "2018-04");
    let rows = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "完成情况");
    let total = rows.last().unwrap();
    assert_eq!(total[0], "合计（有目标任务的2个单位）");
    // Targets 240, 1 item this period and to date: 财政局's item has no target to count for.
    assert_eq!(total[3..6], ["240", "1", "1"]);
    // The label spans 序号, 单位 and 类别: 序号 stays as narrow as its numbers.
    let xml = part(
        &ws.join("out/2018-04/汇总-2018-04.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    let last = rows.len();
    assert!(
        xml.contains(&format!(r#"<mergeCell ref="A{last}:C{last}"/>"#)),
        "{xml}"
    );
    let width = col_width(&xml, 1).unwrap();
    assert!(width < 8.0, "序号 {width} wide");
}

/// Seed 004 writes inline pinyin in labels: 發(fā)布日期, 填報單(dān)位. A targets table and
/// a submission written so are read like any other.
#[test]
fn pinyin_in_headers_and_the_unit_line_is_read_past() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    ws.write(
        "reference/targets.csv",
        "單(dān)位,目標(biāo)任務數(shù)量(條)\n民政局,120\n",
    );
    ws.write(
        "inbox/报送表-2018年4月.csv",
        "填報單(dān)位：民政局\n標(biāo)題,發(fā)布日期,欄(lán)目\n关于春耕的通知,2018-04-20,通知\n养老公示,2018-04-21,通知\n",
    );
    run(&ws, "2018-04");
    let m = manifest(&ws, "2018-04");
    let civil = m["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "民政局")
        .unwrap();
    assert_eq!(
        (civil["target"].as_u64(), civil["period_items"].as_u64()),
        (Some(120), Some(2))
    );
}

/// A quarterly workspace's template names the file by the quarter.
#[test]
fn a_template_for_a_quarter_names_the_file_by_the_quarter() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n通知公告,通知,民政局,第一时间\n");
    let out = ws.zwgk(&["template", "--unit", "民政局", "--period", "2018Q2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = sheet_text(
        &ws.join("out/templates/民政局-信息公开报送表.xlsx"),
        "填表说明",
    );
    let text: String = rows.iter().flatten().cloned().collect();
    assert!(
        text.contains("另存为“民政局-2018年第二季度.xlsx”"),
        "{text}"
    );
    assert!(!text.contains("2018年4月.xlsx"), "{text}");
}

/// A 栏目 written in traditional characters, alone or as a path, in a list or in counts,
/// is the sections table's 部门动态 (as a unit written so is its unit): counted there,
/// with no S013 and no column of its own.
#[test]
fn a_section_written_in_traditional_characters_is_the_tables_section() {
    let ws = county("一级栏目,二级栏目,保障单位,更新频率\n工作动态,部门动态,民政局、财政局,每月\n");
    ws.write(
        "inbox/信息表一-2018年4月.csv",
        "填報單位：大英縣民政局\n標題,發佈日期,欄目\n春耕动员会,2018-04-02,部門動態\n\
         救助检查,2018-04-03,工作動態/部門動態\n",
    );
    ws.write(
        "inbox/信息表二.csv",
        "統計期間：2018年4月\n單位,欄目,數量\n財政局,部門動態,5條\n",
    );
    run(&ws, "2018-04");
    let found = problems(&ws, "2018-04");
    for code in ["S013", "S014", "U001", "S012"] {
        assert!(!codes(&found).contains(&code), "{code}: {found:?}");
    }
    let rows = columns(
        &ws,
        "2018-04",
        "栏目覆盖",
        ["二级栏目", "本期条数", "本期未更新的保障单位", "状态"],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][..3], ["部门动态", "7", ""], "{rows:?}");
    let matrix = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "责任矩阵");
    let header: Vec<&String> = matrix.iter().take(2).flatten().collect();
    assert!(!header.iter().any(|h| h.contains('動')), "{matrix:?}");
}
