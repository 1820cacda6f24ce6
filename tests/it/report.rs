//! `zwgk report`: per-unit evaluation reports (seed 000 Annex 2) on a small county whose
//! answers are worked out by hand, read back with calamine and, for the print settings,
//! as the workbook's XML.

use std::io::Read;
use std::path::Path;

use crate::harness::{Out, V, Ws, sheet_names, sheet_text};

/// 汤阴县, April 2018. Four sections, one of them the pilot domain 社会救助.
/// - 民政局 (target 6): one item in each of its sections — nothing to rectify.
/// - 财政局 (target 12): a bad date, a duplicate, an item under 社会救助 which it does not
///   answer for; 3 items counted — behind the 4 of four months, not the 3 of three.
/// - 审计局 (target 6): sends nothing; its quarterly 审计结果 is not due before June.
/// - 城管局/执法队 and 城管局:执法队: no section, no target, and names no file system takes.
///
/// Dated 2018-04-27, a report judges three complete months and no monthly section (April
/// is not over); dated in May, it judges the whole of April.
fn county(with_faults: bool) -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"汤阴县\"\nyear = 2018\n\n[reference]\nsections = \"reference/sections.csv\"\n\n[report]\noffice = \"汤阴县人民政府办公室\"\ntracking = true\n",
    );
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("审计局"), V::Blank, V::T("部门")],
            vec![V::T("城管局/执法队"), V::Blank, V::T("部门")],
            vec![V::T("城管局:执法队"), V::Blank, V::T("部门")],
        ],
    );
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(6.0)],
            vec![V::T("财政局"), V::N(12.0)],
            vec![V::T("审计局"), V::N(6.0)],
        ],
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n\
         重点领域,社会救助,,低保、特困供养等信息,民政局,每月\n\
         信息公开,通知公告,,通知公告类信息,民政局、财政局、审计局,每月\n\
         信息公开,财政资金,,预决算等信息,财政局,每月\n\
         信息公开,审计结果,,审计结果公告,审计局,每季度\n",
    );
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![
                V::T("4月城乡低保名单公示"),
                V::T("2018-04-10"),
                V::T("社会救助"),
            ],
            vec![
                V::T("关于开展养老服务检查的通知"),
                V::T("2018-04-12"),
                V::T("通知公告"),
            ],
        ],
    );
    if with_faults {
        ws.xlsx(
            "inbox/财政局-2018年4月.xlsx",
            &[
                vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
                vec![
                    V::T("关于惠民资金发放的通知"),
                    V::T("2018-04-03"),
                    V::T("通知公告"),
                ],
                vec![
                    V::T("2018年部门预算公开"),
                    V::T("2018-04-05"),
                    V::T("财政资金"),
                ],
                vec![V::T("日期写错的一条"), V::T("四月五日"), V::T("财政资金")],
                vec![
                    V::T("关于惠民资金发放的通知"),
                    V::T("2018-04-03"),
                    V::T("通知公告"),
                ],
                vec![
                    V::T("临时救助资金发放"),
                    V::T("2018-04-09"),
                    V::T("社会救助"),
                ],
            ],
        );
    }
    ws
}

pub fn report_path(ws: &Ws, unit_file: &str, period: &str) -> std::path::PathBuf {
    ws.join(&format!(
        "out/{period}/评估报告/{unit_file}-评估报告-{period}.xlsx"
    ))
}

/// The report of one unit as rows of cell text, without the line breaks zwgk puts in a
/// cell to print it (where LibreOffice would start a line with a mark): what it says.
pub struct Report(pub Vec<Vec<String>>);

impl Report {
    pub fn read(path: &Path) -> Self {
        let mut report = Self::printed(path);
        for cell in report.0.iter_mut().flatten() {
            cell.retain(|c| c != '\n');
        }
        report
    }

    /// The report with each cell's line breaks, as it prints.
    pub fn printed(path: &Path) -> Self {
        assert!(path.exists(), "no report at {}", path.display());
        Self(sheet_text(path, "评估报告"))
    }

    /// The text right of a label in the first column (评估对象, 整改期限 …).
    pub fn field(&self, label: &str) -> &str {
        let row = self.0.iter().find(|r| r[0] == label);
        &row.unwrap_or_else(|| panic!("no {label}: {:?}", self.0))[2]
    }

    /// The ☑/☐ boxes of question `n` (1–4).
    pub fn answer(&self, n: usize) -> &str {
        let prefix = format!("{n}.");
        let row = self.0.iter().find(|r| r[0].starts_with(&prefix));
        &row.unwrap_or_else(|| panic!("no question {n}: {:?}", self.0))[4]
    }

    /// What question `n` (1–4) says of its evidence (情况说明).
    pub fn note(&self, n: usize) -> &str {
        let prefix = format!("{n}.");
        let row = self.0.iter().find(|r| r[0].starts_with(&prefix));
        &row.unwrap_or_else(|| panic!("no question {n}: {:?}", self.0))[2]
    }

    /// The rows of 问题描述: (问题类型, 位置, 问题描述, 代码).
    pub fn problems(&self) -> Vec<[&str; 4]> {
        let header = self
            .0
            .iter()
            .position(|r| r[1] == "问题类型")
            .expect("problem header");
        self.0[header + 1..]
            .iter()
            .take_while(|r| r[0] != "备注")
            .filter(|r| r[0] != "—")
            .map(|r| [r[1].as_str(), r[2].as_str(), r[3].as_str(), r[4].as_str()])
            .collect()
    }

    pub fn codes(&self) -> Vec<&str> {
        self.problems().iter().map(|p| p[3]).collect()
    }

    pub fn contains(&self, text: &str) -> bool {
        self.0.iter().flatten().any(|c| c.contains(text))
    }
}

fn report(ws: &Ws, args: &[&str]) -> Out {
    let mut all = vec!["report"];
    all.extend(args);
    ws.zwgk(&all)
}

#[test]
fn a_perfect_unit_gets_four_yeses_and_nothing_to_rectify() {
    let ws = county(true);
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    assert_eq!(
        out.code, 1,
        "the bad date is an error: {}{}",
        out.stdout, out.stderr
    );
    // Exit code 1 is explained as `zwgk run` explains it.
    assert!(out.stdout.contains("  问题：错误 1 个，"), "{}", out.stdout);
    let r = Report::read(&report_path(&ws, "民政局", "2018-04"));
    assert_eq!(r.0[0][0], "汤阴县政务公开跟踪评估报告");
    assert_eq!(r.field("评估单位"), "汤阴县人民政府办公室");
    assert_eq!(r.field("评估对象"), "民政局");
    assert_eq!(r.field("评估时间"), "2018年5月4日");
    assert!(r.field("评估期间").starts_with("2018年4月"), "{:?}", r.0);
    for n in 1..=4 {
        assert_eq!(r.answer(n), "☑是 ☐否", "question {n}");
    }
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    assert!(r.contains("本期未发现问题"));
    assert_eq!(r.field("整改期限"), "本期未发现问题，无需整改");
    // The office and the date at the foot, as the page is signed.
    let tail: Vec<&str> =
        r.0.iter()
            .rev()
            .take(2)
            .map(|row| row[0].as_str())
            .collect();
    assert_eq!(tail, ["2018年5月4日", "汤阴县人民政府办公室"]);
    assert!(r.contains("评估人：") && r.contains("审核人："));
    assert!(
        r.contains("负责的2个栏目中本期到期的2个栏目均按期更新"),
        "{:?}",
        r.0
    );
}

/// A unit behind the pro-rata target is named by the 通报 under 存在的问题: its report
/// does not say it has no problem, asks what the 通报 asks, and sets no 整改 on it.
#[test]
fn a_unit_behind_schedule_is_not_told_it_has_no_problem() {
    let ws = county(true);
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(60.0)],
            vec![V::T("财政局"), V::N(12.0)],
            vec![V::T("审计局"), V::N(6.0)],
        ],
    );
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    assert!(
        out.stdout.contains("（民政局，除进度落后外未发现问题）"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "民政局", "2018-04"));
    assert!(r.problems().is_empty(), "{:?}", r.problems());
    assert_eq!(
        r.field("整改期限"),
        "除进度落后外，本期未发现问题，无需整改"
    );
    let remark = r.0.iter().find(|row| row[0] == "备注").unwrap();
    assert_eq!(
        remark[2],
        "除进度落后外，本期未发现问题，无需整改。年度累计2条，低于序时进度20条，请加快报送进度。"
    );
}

/// Dated 27 April, no monthly section is due yet and no item has a 成文日期: publishing
/// is evidence that the unit published in its domain (question 1), not that it did so in
/// time or in full, so questions 2 and 3 are not judged — and nothing is to rectify.
#[test]
fn nothing_due_nor_checked_leaves_questions_2_and_3_unjudged() {
    let ws = county(true);
    report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    let r = Report::read(&report_path(&ws, "民政局", "2018-04"));
    let answers: Vec<&str> = (1..=4).map(|n| r.answer(n)).collect();
    assert_eq!(answers, ["☑是 ☐否", "☐是 ☐否", "☐是 ☐否", "☑是 ☐否"]);
    assert!(
        r.contains("负责的2个栏目本期没有到期的更新周期，也没有可核对公开时限的信息，无从判断"),
        "{:?}",
        r.0
    );
    assert_eq!(r.field("整改期限"), "本期未发现问题，无需整改");
}

#[test]
fn a_unit_with_problems_gets_each_on_its_own_row_and_a_deadline() {
    let ws = county(true);
    report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    // 1: no pilot domain; 2 and 3: no monthly section is due before April is over; 4:
    // its rows have faults.
    assert_eq!(r.answer(1), "☐是 ☐否", "财政局 answers for no pilot domain");
    assert_eq!(r.answer(2), "☐是 ☐否");
    assert_eq!(r.answer(3), "☐是 ☐否");
    assert_eq!(r.answer(4), "☐是 ☑否");
    // The row sent twice (D001, a 提示) is counted once and asks nothing of the unit.
    assert_eq!(r.codes(), ["V001", "S014"], "{:?}", r.problems());
    let problems = r.problems();
    assert_eq!(problems[0][1], "财政局-2018年4月.xlsx / Sheet1 / B4");
    assert!(problems[0][2].contains("四月五日"), "{problems:?}");
    assert!(problems[0][2].contains("请写作2018-04-05"), "{problems:?}");
    assert_eq!(problems[1][1], "财政局-2018年4月.xlsx / Sheet1 / C6");
    assert!(problems[1][2].contains("不是栏目「重点领域/社会救助」的保障单位"));
    // Its figures as of 04-27: target 12, three months' share 3, this period 3, to date 3.
    let figures: Vec<&Vec<String>> = r.0.iter().filter(|row| row[0].ends_with("(条)")).collect();
    assert_eq!(figures[0][2], "12");
    assert_eq!(figures[0][4], "3");
    assert_eq!(figures[1][2], "3");
    assert_eq!(figures[1][4], "3");
    // 5 working days from Friday 2018-04-27 cross the May Day make-up weekend (调休).
    assert_eq!(r.field("整改期限"), "2018年5月7日前（5个工作日内）");
    assert!(r.field("备注").contains("于2018年5月7日前完成整改"));
    // Dated after the period, the whole of April is judged: now 3 is behind the 4 due.
    report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    assert_eq!(r.codes(), ["V001", "S014"], "{:?}", r.problems());
    // April is judged now: its sections were kept up, and it published in them.
    assert_eq!((r.answer(2), r.answer(3)), ("☑是 ☐否", "☑是 ☐否"));
    // The standing and its figures, under 二、信息报送情况.
    assert!(r.contains("落后序时进度"), "{:?}", r.0);
    let figures: Vec<&Vec<String>> = r.0.iter().filter(|row| row[0].ends_with("(条)")).collect();
    assert_eq!((figures[0][4].as_str(), figures[1][4].as_str()), ("4", "3"));
}

/// 城关镇 of 汤阴 filed a 社会救助 notice, a section its table gives 民政局 (S014): a 镇
/// may well publish one. A supervisor struck the 否 on 信息内容是否准确 and the 整改 the
/// report rested on it: the finding is listed for the unit to check, no more.
#[test]
fn an_item_under_another_units_section_is_listed_to_check_not_to_rectify() {
    let ws = county(false);
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![
                V::T("2018年部门预算公开"),
                V::T("2018-04-05"),
                V::T("财政资金"),
            ],
            vec![
                V::T("关于惠民资金发放的通知"),
                V::T("2018-04-03"),
                V::T("通知公告"),
            ],
            vec![
                V::T("临时救助资金发放"),
                V::T("2018-04-09"),
                V::T("社会救助"),
            ],
        ],
    );
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("（财政局，除进度落后外只请核对 1 处）"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("1 个只有请核对的事项"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    assert_eq!(r.codes(), ["S014"], "{:?}", r.problems());
    assert_eq!(r.answer(4), "☑是 ☐否");
    assert!(
        r.contains("本期报送的3条信息未发现错误，另有1处请核对，见问题描述"),
        "{:?}",
        r.0
    );
    // 3 items of a target of 12 by April are behind too, which asks no 整改 either.
    assert_eq!(
        r.field("整改期限"),
        "除进度落后外，本期未发现需要整改的问题，无需整改"
    );
    assert!(
        r.field("备注").starts_with(
            "1. 除进度落后外，本期未发现需要整改的问题，无需整改；问题描述所列事项请核对，确有填错的请改正。"
        ),
        "{}",
        r.field("备注")
    );
    // The 通报 counts it apart, even with no problem to count.
    let out = ws.zwgk(&[
        "notice",
        "通报",
        "--period",
        "2018-04",
        "--date",
        "2018-05-04",
    ]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let text = crate::notice::body_text(&crate::notice::paragraphs(
        &ws.join("out/2018-04/通报-2018-04.docx"),
    ));
    assert!(
        text.contains("本期汇总未发现报送的信息和表格问题，有1处请有关单位核对。"),
        "{text}"
    );
    // Beside a fault, the 否 counts the fault only, and so does the screen.
    let ws = county(true);
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    assert!(
        out.stdout
            .contains("（财政局，问题 1 处，请核对 1 处，需整改）"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    assert_eq!(r.answer(4), "☐是 ☑否");
    assert!(
        r.contains("报送的数据有1处问题，另有1处请核对，见问题描述"),
        "{:?}",
        r.0
    );
}

/// 审计局 sends nothing: C003 is its one finding. 通知公告, which it shares, was kept up
/// by 民政局: the seeds judge a section by its updates, so its silence there is no 否
/// and no finding (a supervisor struck both), and question 3 says why it is not judged.
#[test]
fn a_silent_unit_is_not_judged_accurate_and_must_rectify() {
    let ws = county(true);
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "审计局", "2018-04"));
    // Nothing published, nothing overdue: no evidence either way on timeliness.
    assert_eq!(
        r.answer(2),
        "☐是 ☐否",
        "审计结果 is quarterly: not due in April"
    );
    assert_eq!(r.answer(3), "☐是 ☐否", "通知公告 was kept up by 民政局");
    assert_eq!(
        r.note(3),
        "本期在负责的栏目中没有发布信息；本期到期的1个栏目由其他保障单位按期更新，无从判断"
    );
    assert_eq!(
        r.answer(4),
        "☐是 ☐否",
        "nothing submitted is not 'accurate'"
    );
    // Behind the pro-rata target: stated under 二、信息报送情况, not a finding.
    assert_eq!(r.codes(), ["C003"], "{:?}", r.problems());
    assert!(r.contains("落后序时进度"), "{:?}", r.0);
    assert!(r.field("评估期间").ends_with("至4月30日）"), "{:?}", r.0);
    assert_eq!(r.field("整改期限"), "2018年5月11日前（5个工作日内）");
    assert!(
        out.stdout.contains(
            "out/2018-04/评估报告/审计局-评估报告-2018-04.xlsx（审计局，问题 1 处，需整改）"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("整改期限：2018年5月11日"),
        "{}",
        out.stdout
    );
}

/// A workbook of a sheet per section, with no 栏目 column, files each sheet's items under
/// the section it is named after; a sheet named otherwise is still without sections.
#[test]
fn a_sheet_named_after_a_section_files_its_items_there() {
    let ws = county(true);
    let book = crate::files::xlsx(|wb| {
        for (name, title, date) in [
            ("审计结果", "2017年度审计结果公告", "2018-04-16"),
            ("通知公告", "审计整改情况通报", "2018-04-20"),
            // Excel's name for a copy of the sheet.
            ("通知公告 (2)", "审计结果公告更正", "2018-04-21"),
            ("其他", "审计局开展业务培训", "2018-04-23"),
        ] {
            let s = wb.add_worksheet().set_name(name)?;
            s.write_string(0, 0, "标题")?;
            s.write_string(0, 1, "发布日期")?;
            s.write_string(1, 0, title)?;
            s.write_string(1, 1, date)?;
        }
        Ok(())
    });
    ws.write("inbox/审计局-2018年4月.xlsx", book);
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}", out.stderr);
    let detail = crate::samples::Table::read(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "明细");
    let [title, written, placed, file] =
        ["标题", "栏目", "归入栏目", "来源文件"].map(|c| detail.col(c));
    let filed: Vec<String> = (detail.rows.iter())
        .filter(|r| r[file] == "inbox/审计局-2018年4月.xlsx")
        .map(|r| format!("{} {} {}", r[title], r[written], r[placed]))
        .collect();
    assert_eq!(
        filed,
        [
            "2017年度审计结果公告 审计结果 信息公开/审计结果",
            "审计整改情况通报 通知公告 信息公开/通知公告",
            "审计结果公告更正 通知公告 信息公开/通知公告",
            "审计局开展业务培训  ",
        ]
    );
    let problems =
        crate::samples::Table::read(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "问题清单");
    let [code, sheet] = ["代码", "工作表"].map(|c| problems.col(c));
    let s017: Vec<&str> = (problems.rows.iter())
        .filter(|r| r[code] == "S017")
        .map(|r| r[sheet].as_str())
        .collect();
    assert_eq!(s017, ["其他"]);
}

/// A list without a 栏目 column counts toward the unit's target but toward no section:
/// the unit is not called silent in its sections (its items may be there), the report
/// says why it cannot judge, and the missing column is the problem to rectify (S017).
#[test]
fn a_list_without_sections_is_a_problem_not_a_silent_unit() {
    let ws = county(true);
    ws.xlsx(
        "inbox/审计局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("2017年度审计结果公告"), V::T("2018-04-16")],
            vec![V::T("审计整改情况通报"), V::T("2018-04-20")],
        ],
    );
    report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "审计局", "2018-04"));
    // Two items are the four months' share of its target of 6: nothing else to say.
    assert_eq!(r.codes(), ["S017"], "{:?}", r.problems());
    let problems = r.problems();
    assert_eq!(problems[0][1], "审计局-2018年4月.xlsx / Sheet1");
    assert!(
        problems[0][2].starts_with("2条本期信息没有栏目"),
        "{problems:?}"
    );
    for question in [2, 3] {
        assert_eq!(r.answer(question), "☐是 ☐否", "question {question}");
    }
    assert!(
        r.contains("本期报送的2条信息没有栏目，无从判断"),
        "{:?}",
        r.0
    );
    assert_eq!(r.answer(4), "☐是 ☑否");
    let check = ws.zwgk(&["check", "--period", "2018-04"]);
    assert!(
        !check.stdout.contains("审计局：本期在负责"),
        "{}",
        check.stdout
    );
}

/// A unit that sent a file zwgk cannot read, or a list without a data row, did send
/// something: it is not said to have sent nothing (C003) but named with its file and why
/// (C004), in the check, its report and the 通报, which tells the two apart.
#[test]
fn a_unit_whose_file_cannot_be_counted_is_not_said_to_have_sent_nothing() {
    let ws = county(false);
    ws.write(
        "inbox/审计局-2018年4月.xlsx",
        b"PK\x03\x04 this is no workbook",
    );
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &[vec![V::T("标题"), V::T("发布日期"), V::T("栏目")]],
    );
    let check = ws.zwgk(&["check", "--period", "2018-04"]);
    for want in [
        "审计局：收到的文件中没有可计入本期的信息（inbox/审计局-2018年4月.xlsx 无法读取）",
        "财政局：收到的文件中没有可计入本期的信息（inbox/财政局-2018年4月.xlsx 没有数据行）",
    ] {
        assert!(check.stdout.contains(want), "{want}\n{}", check.stdout);
    }
    assert!(!check.stdout.contains("C003"), "{}", check.stdout);
    let run = ws.zwgk(&["run", "--period", "2018-04"]);
    let line = "本期未报送：0 个单位；报送的文件无法计入：2 个单位（财政局、审计局）";
    assert!(run.stdout.contains(line), "{}", run.stdout);
    let done = sheet_text(&ws.join("out/2018-04/汇总-2018-04.xlsx"), "完成情况");
    let col = done
        .iter()
        .find_map(|r| r.iter().position(|c| c == "本期报送"));
    let sent = |unit: &str| {
        let row = done.iter().find(|r| r.get(1).is_some_and(|c| c == unit));
        row.expect("unit row")[col.expect("本期报送 column")].clone()
    };
    assert_eq!(sent("审计局"), "文件无法计入");
    report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "审计局", "2018-04"));
    assert_eq!(r.codes()[0], "C004", "{:?}", r.problems());
    assert!(r.problems()[0][2].contains("审计局-2018年4月.xlsx 无法读取"));
    assert_eq!(r.problems()[0][0], "文件无法计入");
    // The damaged file's problem without the library's words, which the workbook keeps.
    let listed: Vec<&str> = r.problems().iter().map(|p| p[2]).collect();
    assert!(
        listed.iter().any(|m| m.contains("文件可能不完整")),
        "{listed:?}"
    );
    assert!(!listed.iter().any(|m| m.contains("技术细节")), "{listed:?}");
    let out = ws.zwgk(&[
        "notice",
        "通报",
        "--period",
        "2018-04",
        "--date",
        "2018-05-04",
    ]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let xml = zip_part(
        &ws.join("out/2018-04/通报-2018-04.docx"),
        "word/document.xml",
    );
    let text: String = xml
        .split('<')
        .filter_map(|s| s.split_once('>'))
        .map(|(_, t)| t)
        .collect();
    assert!(
        text.contains("其中1个单位报送了本期信息，2个单位报送的文件无法读取或没有可计入的信息。"),
        "{text}"
    );
    assert!(
        text.contains("财政局、审计局报送的文件无法读取或没有可计入2018年4月的信息"),
        "{text}"
    );
    assert!(!text.contains("没有报送2018年4月"), "{text}");
}

/// Before a month of the period is over no unit is late with its submission: dated 27
/// April, the report on April does not call 审计局 unsubmitted; dated 4 May it does.
#[test]
fn no_unit_is_unsubmitted_before_a_month_of_the_period_is_over() {
    let ws = county(true);
    report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    let r = Report::read(&report_path(&ws, "审计局", "2018-04"));
    assert!(!r.codes().contains(&"C003"), "{:?}", r.problems());
    report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "审计局", "2018-04"));
    assert!(r.codes().contains(&"C003"), "{:?}", r.problems());
}

#[test]
fn the_deadline_skips_the_national_day_week_and_counts_its_make_up_weekend() {
    let ws = county(true);
    ws.write(
        "inbox/财政局-2018年9月.csv",
        "标题,发布日期,栏目\n9月预算执行情况,九月五日,财政资金\n",
    );
    // 2018: 09-29 and 09-30 (a weekend) were worked, 10-01 to 10-07 off.
    let out = report(&ws, &["--period", "2018-09", "--date", "2018-09-28"]);
    assert!(
        out.stdout.contains("整改期限：2018年10月10日"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "财政局", "2018-09"));
    assert_eq!(r.field("整改期限"), "2018年10月10日前（5个工作日内）");
}

/// Seed 000's five working days are one office's choice: `[report] rectify_days` sets
/// them, counted on the same calendar (2018-04-28, a Saturday, was worked).
#[test]
fn rectify_days_from_the_settings_set_the_deadline() {
    let ws = county(true);
    let settings = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write("zwgk.toml", format!("{settings}rectify_days = 3\n"));
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    assert!(
        out.stdout.contains("整改期限：2018年5月3日（3 个工作日）"),
        "{}",
        out.stdout
    );
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    assert_eq!(r.field("整改期限"), "2018年5月3日前（3个工作日内）");
    assert!(r.field("备注").contains("于2018年5月3日前完成整改"));
}

/// A deadline the calendar cannot give is never a Monday–Friday guess, nor an error
/// printed where the date goes in a report to be signed (2099 is most often a typo):
/// the reports are not written, and the previous ones stay.
#[test]
fn a_year_outside_the_calendar_stops_the_reports() {
    let ws = county(false);
    let clean = report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    assert_eq!(
        clean.code, 0,
        "warnings only: {}{}",
        clean.stdout, clean.stderr
    );
    let before = std::fs::read(report_path(&ws, "审计局", "2018-04")).unwrap();
    let out = report(&ws, &["--period", "2018-04", "--date", "2099-06-01"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("未收录 2099 年") && out.stderr.contains("请检查 --date 是否写错"),
        "{}",
        out.stderr
    );
    let after = std::fs::read(report_path(&ws, "审计局", "2018-04")).unwrap();
    assert!(before == after, "the previous report was replaced");
    // Without the tracking evaluation there is no deadline to count.
    let settings = std::fs::read_to_string(ws.join("zwgk.toml")).unwrap();
    ws.write(
        "zwgk.toml",
        settings.replace("tracking = true", "tracking = false"),
    );
    let out = report(&ws, &["--period", "2018-04", "--date", "2099-06-01"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn file_and_sheet_names_come_from_unit_names_made_safe_and_unique() {
    let ws = county(true);
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    // No target, no section, nothing sent: nothing to judge, and not said to be clear.
    let none = Report::read(&report_path(&ws, "城管局_执法队", "2018-04"));
    assert_eq!(none.field("整改期限"), "本期没有可评估的信息，无需整改");
    assert!(!none.contains("本期未发现问题"), "{:?}", none.0);
    assert!(
        out.stdout
            .contains("1 个未发现问题，3 个本期没有可评估的信息"),
        "{}",
        out.stdout
    );
    let first = report_path(&ws, "城管局_执法队", "2018-04");
    let second = ws.join("out/2018-04/评估报告/城管局_执法队-评估报告-2018-04(2).xlsx");
    assert_eq!(Report::read(&first).field("评估对象"), "城管局/执法队");
    assert_eq!(Report::read(&second).field("评估对象"), "城管局:执法队");
    for n in 1..=4 {
        assert_eq!(Report::read(&first).answer(n), "☐是 ☐否");
    }
    let combined = ws.join("out/2018-04/评估报告/评估报告汇编-2018-04.xlsx");
    assert_eq!(
        sheet_names(&combined),
        [
            "民政局",
            "财政局",
            "审计局",
            "城管局_执法队",
            "城管局_执法队(2)"
        ]
    );
    assert!(
        out.stdout.contains("评估报告汇编-2018-04.xlsx"),
        "{}",
        out.stdout
    );
    let files = std::fs::read_dir(ws.join("out/2018-04/评估报告"))
        .unwrap()
        .count();
    assert_eq!(
        files, 6,
        "five reports and the combined workbook, no temporary files"
    );
}

#[test]
fn reports_print_on_a4_portrait_with_the_problem_header_on_every_page() {
    let ws = county(true);
    report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    let path = report_path(&ws, "财政局", "2018-04");
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "{sheet}");
    assert!(sheet.contains("orientation=\"portrait\""), "{sheet}");
    // Printed at a scale zwgk chose, with its own page breaks; numbered from 1, odd
    // pages right and even pages left.
    assert!(!sheet.contains("fitToPage"), "{sheet}");
    assert!(sheet.contains("useFirstPageNumber=\"1\""), "{sheet}");
    assert!(
        sheet.contains("<headerFooter differentOddEven=\"1\">"),
        "{sheet}"
    );
    // The repeated rows are the header of 问题描述.
    let header = Report::read(&path)
        .0
        .iter()
        .position(|r| r[1] == "问题类型")
        .unwrap()
        + 1;
    let book = zip_part(&path, "xl/workbook.xml");
    let titles = format!(">评估报告!${header}:${header}</definedName>");
    assert!(
        book.contains("_xlnm.Print_Titles") && book.contains(&titles),
        "{book}"
    );
}

#[test]
fn a_unit_with_many_problems_gets_every_one_listed() {
    let ws = county(false);
    let mut rows = vec![vec![V::T("标题"), V::T("发布日期"), V::T("栏目")]];
    let titles: Vec<String> = (1..=60).map(|n| format!("第{n}条")).collect();
    // Each date wrong its own way: problems alike would share a row.
    let dates: Vec<String> = (1..=60).map(|n| format!("四月第{n}天")).collect();
    for (t, d) in titles.iter().zip(&dates) {
        rows.push(vec![V::T(t), V::T(d), V::T("通知公告")]);
    }
    ws.xlsx("inbox/财政局-2018年4月.xlsx", &rows);
    report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    let bad_dates = r.codes().iter().filter(|c| **c == "V001").count();
    assert_eq!(bad_dates, 60);
    let numbers: Vec<&str> =
        r.0.iter()
            .skip_while(|row| row[1] != "问题类型")
            .skip(1)
            .take_while(|row| row[0] != "备注")
            .map(|row| row[0].as_str())
            .collect();
    let want: Vec<String> = (1..=numbers.len()).map(|n| n.to_string()).collect();
    assert_eq!(numbers, want);
}

#[test]
fn a_date_that_is_no_date_is_a_usage_error() {
    let ws = county(false);
    let out = report(&ws, &["--period", "2018-04", "--date", "下周一"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("无法识别的日期「下周一」"),
        "{}",
        out.stderr
    );
    assert!(!ws.join("out").exists());
}

#[test]
fn report_help_is_chinese_and_names_the_date() {
    let out = Ws::new().zwgk(&["report", "--help"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("zwgk report [-w 目录] [--period 期] [--date 日期]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("整改期限从此日起按工作日计算"),
        "{}",
        out.stdout
    );
}

fn zip_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Question 1 asks about the pilot domains a unit answers for, and a section under one
/// is part of it: 大英县's 重点领域/安全生产/安全生产监管 is 安监局's part of 安全生产, and
/// 环保局 answers for two sections under 环境保护 (生态环境) beside 财政预决算 (各部门).
#[test]
fn sections_within_a_pilot_domain_answer_question_1() {
    let ws = Ws::sample("daying-2018");
    report(&ws, &["--period", "2018-04", "--date", "2018-05-07"]);
    let r = Report::read(&report_path(&ws, "安监局", "2018-04"));
    assert_eq!(r.answer(1), "☑是 ☐否", "{:?}", r.0);
    assert_eq!(
        r.note(1),
        "负责的2个试点领域本期发布信息5条，没有应更新而未更新的"
    );
    let r = Report::read(&report_path(&ws, "环保局", "2018-04"));
    assert_eq!(r.answer(1), "☑是 ☐否", "{:?}", r.0);
    assert!(
        r.note(1)
            .starts_with("负责的2个试点领域的3个栏目本期发布信息"),
        "{:?}",
        r.note(1)
    );
}

/// Most of a county's reports print on one page at full size: the notes of the four
/// questions take two lines across the middle columns, 问题描述 the most width. 大英县's
/// 人社局 (one overdue section, 4 notes of two lines) took two pages before; of the 104
/// reports of 大英县 (2018-04) and 汤阴县 (2022Q2) 35 were shrunk or split, now 7.
#[test]
fn a_report_with_a_finding_prints_on_one_page_at_full_size() {
    let ws = Ws::sample("daying-2018");
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-07"]);
    let path = report_path(&ws, "人社局", "2018-04");
    let r = Report::read(&path);
    assert_eq!(r.codes(), ["S011"]);
    // A location too long for its column breaks after a level, never inside one.
    let printed = Report::printed(&path);
    let location = &printed.problems()[0][1];
    assert!(location.contains('\n'), "{location}");
    for line in location.lines().rev().skip(1) {
        assert!(line.ends_with(['/', '：']), "{location}");
    }
    // 大英县 runs no tracking evaluation (seed 001 has none): its reports ask the units to
    // check and correct, by no deadline, and are not called 跟踪评估.
    assert_eq!(r.0[0][0], "大英县政务公开评估报告");
    assert!(!r.contains("整改"), "{:?}", r.0);
    assert!(r.field("备注").starts_with("1. 请对照上述问题核对改正。"));
    assert!(
        out.stdout.contains("个单位，18 个发现问题"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("整改"), "{}", out.stdout);
    // 重点领域/医疗卫生 is the 卫生健康 domain by its pre-2019 name: 卫计局 published in it.
    let health = Report::read(&report_path(&ws, "卫计局", "2018-04"));
    assert_eq!(health.answer(1), "☑是 ☐否", "{}", health.note(1));
    assert!(
        health
            .note(1)
            .starts_with("负责的2个试点领域本期发布信息5条")
    );
    // One domain is 该领域, not 这些; the unit's own report does not name it again.
    let annals = Report::read(&report_path(&ws, "志办", "2018-04"));
    assert_eq!(
        annals.note(1),
        "本期在负责的1个试点领域没有发布信息；该领域本期没有到期的更新周期，无从判断"
    );
    let form = annals.problems().into_iter().find(|p| p[3] == "P006");
    assert_eq!(form.map(|p| p[2]), Some("没有报送联系人登记表"));
    // 位置 names the section; 问题描述 does not name it again.
    let finding = &r.problems()[0];
    assert!(finding[1].starts_with("栏目："), "{finding:?}");
    assert!(finding[2].starts_with("栏目要求"), "{finding:?}");
    assert!(!finding[2].contains('「'), "{finding:?}");
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("orientation=\"portrait\""), "{sheet}");
    assert!(!sheet.contains("scale="), "{sheet}");
    assert!(!sheet.contains("rowBreaks"), "{sheet}");
}

/// 汤阴's 白营镇 wrote 栏目「工作动态」, not in the sections table, in two rows of one sheet:
/// its report took two pages, a row of six lines for each. One row now locates both.
#[test]
fn problems_alike_in_one_sheet_share_a_row_and_the_report_keeps_to_one_page() {
    let ws = Ws::sample("tangyin-2022");
    report(&ws, &["--period", "2022Q2", "--date", "2022-07-05"]);
    let path = report_path(&ws, "白营镇", "2022Q2");
    let r = Report::read(&path);
    assert_eq!(r.codes(), ["S013"], "{:?}", r.problems());
    let location = r.problems()[0][1];
    assert!(location.ends_with(" / 二季度 / E5、E17"), "{location}");
    // Question 4 counts the problems, not the rows.
    assert!(r.note(4).contains("有2处问题"), "{}", r.note(4));
    let sheet = zip_part(&path, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("rowBreaks"), "{sheet}");
}

/// 赤壁's 税务局 sent no standard catalogue for 税收管理, the domain it answers for (M011):
/// its report lists it for rectification, located as a unit reads it (报送情况), not in the
/// office's own domains table.
#[test]
fn a_catalogue_never_sent_is_in_its_units_report() {
    let ws = Ws::sample("chibi-2020");
    report(&ws, &["--period", "2020-10", "--date", "2020-11-05"]);
    let r = Report::read(&report_path(&ws, "税务局", "2020-10"));
    let missing = r.problems().into_iter().find(|p| p[3] == "M011");
    let [kind, location, description, _] = missing.expect("M011 in 税务局's report");
    assert_eq!((kind, location), ("标准目录", "报送情况"));
    assert!(
        description.contains("没有收到税务局编制的标准目录"),
        "{description}"
    );
    assert!(!r.contains("reference/"), "{:?}", r.0);
    // One domain is 该领域, two are 这些领域.
    let one = Report::read(&report_path(&ws, "公安局", "2020-10"));
    assert!(
        one.contains("负责的1个领域本期没有到期的更新周期，无从判断；本期在该领域发布信息12条"),
        "{:?}",
        one.0
    );
    let two = Report::read(&report_path(&ws, "人社局", "2020-10"));
    assert!(two.contains("本期在这些领域发布信息16条"), "{:?}", two.0);
    // Another unit's file is named as locations are, within the inbox.
    let finance = Report::read(&report_path(&ws, "财政局", "2020-10"));
    let twice = (finance.problems().into_iter()).find(|p| p[3] == "M008");
    assert_eq!(
        twice.expect("M008 in 财政局's report")[2],
        "事项「补贴标准」与「标准目录/赤壁市农业农村局政务公开事项标准目录.xlsx」第4行（农业农村局）重复"
    );
}

#[test]
fn a_file_about_other_months_goes_on_their_report_not_this_one() {
    let ws = county(true);
    let header = || vec![V::T("标题"), V::T("发布日期"), V::T("栏目")];
    // A late March list whose only row has a bad date: its name says March.
    ws.xlsx(
        "inbox/财政局-2018年3月补报.xlsx",
        &[
            header(),
            vec![
                V::T("日期写错的三月一条"),
                V::T("三月五日"),
                V::T("财政资金"),
            ],
        ],
    );
    // A list whose name gives no month: its counted row is dated in March.
    ws.xlsx(
        "inbox/财政局/补充.xlsx",
        &[
            header(),
            vec![
                V::T("3月预算执行情况"),
                V::T("2018-03-20"),
                V::T("财政资金"),
            ],
            vec![V::T("日期写错的另一条"), V::T("三月九日"), V::T("财政资金")],
        ],
    );
    report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    let r = Report::read(&report_path(&ws, "财政局", "2018-04"));
    assert_eq!(r.codes(), ["V001", "S014"], "{:?}", r.problems());
    // April is judged now: its sections were kept up, and it published in them.
    assert_eq!((r.answer(2), r.answer(3)), ("☑是 ☐否", "☑是 ☐否"));
    assert!(!r.contains("三月"), "{:?}", r.problems());
    // March's report has them, and not April's.
    report(&ws, &["--period", "2018-03", "--date", "2018-04-04"]);
    let r = Report::read(&report_path(&ws, "财政局", "2018-03"));
    let places: Vec<&str> = (r.problems().into_iter())
        .filter(|p| p[3] == "V001")
        .map(|p| p[1])
        .collect();
    assert_eq!(
        places,
        [
            "财政局-2018年3月补报.xlsx / Sheet1 / B2",
            "财政局/补充.xlsx / Sheet1 / B3"
        ],
        "{:?}",
        r.problems()
    );
}

/// The reports of one run are one set: a report path taken by a folder (or any other
/// file that cannot be replaced) never leaves some reports of this run beside others of
/// the last, and files of the office's own in the folder are kept.
#[test]
fn reports_are_replaced_as_one_set_even_where_a_folder_takes_a_report_name() {
    let ws = county(true);
    let first = report(&ws, &["--period", "2018-04", "--date", "2018-04-27"]);
    assert!(first.code < 3, "{}", first.stderr);
    let folder = ws.join("out/2018-04/评估报告");
    let taken = report_path(&ws, "民政局", "2018-04");
    std::fs::remove_file(&taken).unwrap();
    std::fs::create_dir_all(&taken).unwrap();
    ws.write("out/2018-04/评估报告/本办备注.txt", "留存");
    let out = report(&ws, &["--period", "2018-04", "--date", "2018-05-04"]);
    assert!(out.code < 3, "{}{}", out.stdout, out.stderr);
    assert!(taken.is_file(), "the report took its place again");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.contains(&"本办备注.txt".to_string()), "{names:?}");
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xlsx") && !n.contains("汇编"))
    {
        let r = Report::read(&folder.join(name));
        assert!(r.contains("2018年5月4日"), "{name} is of the earlier run");
    }
    let staged = |dir: &std::path::Path| {
        std::fs::read_dir(dir).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".zwgk-")
        })
    };
    assert!(!staged(&folder) && !staged(&ws.join("out")) && !staged(&ws.join("out/2018-04")));
}
