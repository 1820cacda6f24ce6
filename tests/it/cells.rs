//! `zwgk run` on tiny workspaces, one per Cells or Layout case of INPUTS.md that matters
//! to the figures: which rows are counted, which are rejected, and where the problem points.

use rust_xlsxwriter::{Format as XFormat, Formula};
use serde_json::Value;

use crate::files::edit_part;
use crate::harness::{Out, V, Ws, sheet_text};

/// Three units with targets; the inbox is left to each test.
fn office() -> Ws {
    let ws = Ws::new();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 2018\n");
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("发改局"), V::T("发改委、发展改革局"), V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
        ],
    );
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(120.0)],
            vec![V::T("财政局"), V::N(120.0)],
            vec![V::T("发改局"), V::N(120.0)],
            vec![V::T("蓬莱镇"), V::N(120.0)],
        ],
    );
    ws
}

/// What one run of April 2018 gave: the exit, the manifest and the problem list.
struct Ran {
    out: Out,
    manifest: Value,
    /// 问题清单 rows: code, file, sheet, cell, original value, message.
    problems: Vec<Problem>,
    book: std::path::PathBuf,
}

#[derive(Debug, Clone, PartialEq)]
struct Problem {
    code: String,
    file: String,
    sheet: String,
    cell: String,
    value: String,
    message: String,
}

impl Ran {
    /// Items of `unit` dated in the period.
    fn period_items(&self, unit: &str) -> u64 {
        let units = self.manifest["units"].as_array().expect("units");
        let found = units.iter().find(|u| u["unit"] == unit);
        found.unwrap_or_else(|| panic!("{unit} in {:#}", self.manifest["units"]))["period_items"]
            .as_u64()
            .expect("period_items")
    }

    /// The problems of `code`, as `file sheet!cell 「value」`.
    fn at(&self, code: &str) -> Vec<String> {
        self.problems
            .iter()
            .filter(|p| p.code == code)
            .map(|p| format!("{} {}!{} 「{}」", p.file, p.sheet, p.cell, p.value))
            .collect()
    }

    /// The codes of the problems found in submissions (the reference checks left out).
    fn codes(&self) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|p| p.file.starts_with("inbox/"))
            .map(|p| p.code.as_str())
            .collect()
    }

    /// Every row of a sheet of the consolidated workbook, as text.
    fn sheet(&self, name: &str) -> Vec<Vec<String>> {
        sheet_text(&self.book, name)
    }

    /// rows_read, rows_accepted, rows_rejected of the first sheet of an input.
    fn accounted(&self, path: &str) -> (u64, u64, u64) {
        let inputs = self.manifest["inputs"].as_array().expect("inputs");
        let input = inputs
            .iter()
            .find(|i| i["path"] == path)
            .unwrap_or_else(|| panic!("{path} in {:#}", self.manifest["inputs"]));
        let s = &input["sheets"][0];
        let n = |k: &str| s[k].as_u64().expect("count");
        (n("rows_read"), n("rows_accepted"), n("rows_rejected"))
    }
}

impl Ws {
    /// `zwgk run --period 2018-04`, with what it wrote read back.
    fn run_april(&self) -> Ran {
        self.run_period("2018-04")
    }

    /// `zwgk run --period <period>`, with what it wrote read back.
    fn run_period(&self, period: &str) -> Ran {
        let out = self.zwgk(&["run", "--period", period]);
        assert!(out.code <= 1, "{}\n{}", out.stdout, out.stderr);
        let manifest_path = self.join(&format!("out/{period}/manifest.json"));
        let manifest = std::fs::read_to_string(&manifest_path)
            .map(|t| serde_json::from_str(&t).expect("manifest JSON"))
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
        let book = self.join(&format!("out/{period}/汇总-{period}.xlsx"));
        let rows = sheet_text(&book, "问题清单");
        let header = rows
            .iter()
            .position(|r| r.get(2).map(String::as_str) == Some("代码"))
            .expect("问题清单 header");
        let problems = rows[header + 1..]
            .iter()
            .filter(|r| r.len() > 7 && !r[2].is_empty())
            .map(|r| Problem {
                code: r[2].clone(),
                file: r[3].clone(),
                sheet: r[4].clone(),
                cell: r[5].clone(),
                value: r[6].clone(),
                message: r[7].clone(),
            })
            .collect();
        Ran {
            out,
            manifest,
            problems,
            book,
        }
    }
}

/// The title and date columns of the 明细 sheet of the consolidated workbook, dates
/// as `2018-04-09`.
fn listed(ran: &Ran) -> Vec<(String, String)> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&ran.book).expect("open workbook");
    let range = book.worksheet_range("明细").expect("明细");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::DateTime(d) => zwgk::excel_serial_to_datetime(d.as_f64(), false)
                        .map(|d| d.date().to_string())
                        .unwrap_or_default(),
                    _ => c.to_string(),
                })
                .collect()
        })
        .collect();
    let header = &rows[0];
    let col = |label: &str| {
        header
            .iter()
            .position(|h| h == label)
            .unwrap_or_else(|| panic!("{label} in {header:?}"))
    };
    let (title, date) = (col("标题"), col("发布日期"));
    rows[1..]
        .iter()
        .map(|r| (r[title].clone(), r[date].clone()))
        .collect()
}

// ---- Dates ----

#[test]
fn serial_in_a_date_column_is_counted_as_a_date() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            // A bare serial, a serial in the built-in Chinese format 31 that calamine does
            // not know as a date, and a serial typed as text.
            vec![V::T("通知一"), V::N(43199.0)],
            vec![V::T("通知二"), V::D(43200.0, 31)],
            vec![V::T("通知三"), V::T("43201")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 3, "{:?}", ran.problems);
    assert_eq!(
        listed(&ran),
        [
            ("通知一".into(), "2018-04-09".into()),
            ("通知二".into(), "2018-04-10".into()),
            ("通知三".into(), "2018-04-11".into()),
        ]
    );
}

#[test]
fn text_dates_in_every_common_form_are_counted() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018.4.5")],
            vec![V::T("通知二"), V::T("2018年4月6日")],
            vec![V::T("通知三"), V::T("20180407")],
            vec![V::T("通知四"), V::T("2018/04/08")],
            vec![V::T("通知五"), V::T("2018-4-9 10:30")],
            vec![V::T("通知六"), V::T("四月十日")],
            // Typed with a Chinese input method in full-width mode.
            vec![V::T("通知七"), V::T("２０１８－０４－１１")],
            vec![V::T("通知八"), V::T("２０１８．４．１２")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 7);
    assert_eq!(
        ran.at("V001"),
        ["inbox/民政局-2018年4月.xlsx Sheet1!B7 「四月十日」"]
    );
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.xlsx"), (8, 7, 1));
    assert_eq!(ran.out.code, 1);
}

/// Rows an autofilter or the unit hid (a website's export filtered down to the unit's
/// own rows) are in the file: counted, and said once for the sheet, row by row (L011).
#[test]
fn hidden_rows_are_counted_and_said() {
    let ws = office();
    let book = crate::files::xlsx(|wb| {
        let s = wb.add_worksheet();
        for (c, h) in ["标题", "发布日期", "来源"].iter().enumerate() {
            s.write_string(0, c as u16, *h)?;
        }
        for (r, source) in ["民政局", "财政局", "民政局", "教育局"].iter().enumerate() {
            let r = r as u32 + 1;
            s.write_string(r, 0, format!("信息{r}"))?;
            s.write_string(r, 1, format!("2018-04-0{r}"))?;
            s.write_string(r, 2, *source)?;
        }
        s.autofilter(0, 0, 4, 2)?;
        s.set_row_hidden(2)?;
        s.set_row_hidden(4)?;
        Ok(())
    });
    ws.write("inbox/民政局-2018年4月.xlsx", book);
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 4);
    assert_eq!(
        ran.at("L011"),
        ["inbox/民政局-2018年4月.xlsx Sheet1!第 3 行 「」"]
    );
    let l011 = ran.problems.iter().find(|p| p.code == "L011").unwrap();
    assert_eq!(
        l011.message,
        "本表第 3、5 行被隐藏（筛选或手动隐藏），共 2 行，已照常读取（有问题的行见各行的问题）：请核对这些行是否应当计入"
    );
}

#[test]
fn a_1904_workbook_counts_its_serials_from_1904() {
    let ws = office();
    let book = crate::files::xlsx(|wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "标题")?;
        s.write_string(0, 1, "发布日期")?;
        s.write_string(1, 0, "通知一")?;
        // 2018-04-09 in the 1904 system (43199 in the 1900 system).
        s.write_number(1, 1, 41737)?;
        s.write_string(2, 0, "通知二")?;
        s.write_number_with_format(2, 1, 41738, &XFormat::new().set_num_format("yyyy-mm-dd"))?;
        Ok(())
    });
    ws.write(
        "inbox/民政局-2018年4月.xlsx",
        edit_part(
            &book,
            "xl/workbook.xml",
            "<workbookPr",
            "<workbookPr date1904=\"1\"",
        ),
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2, "{:?}", ran.problems);
    assert_eq!(
        listed(&ran),
        [
            ("通知一".into(), "2018-04-09".into()),
            ("通知二".into(), "2018-04-10".into()),
        ]
    );
}

#[test]
fn serials_below_61_are_implausible_dates_not_items() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::N(59.0)],
            vec![V::T("通知二"), V::N(60.0)],
            vec![V::T("通知三"), V::T("2018-04-03")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 1);
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.xlsx"), (3, 1, 2));
    let rejected: Vec<String> = ran
        .problems
        .iter()
        .filter(|p| p.file.ends_with(".xlsx") && p.code.starts_with('V'))
        .map(|p| format!("{} {}", p.code, p.cell))
        .collect();
    assert_eq!(rejected, ["V002 B2", "V001 B3"], "{:?}", ran.problems);
}

#[test]
fn dates_outside_the_working_year_are_rejected_not_silently_left_out() {
    let ws = office();
    ws.gbk(
        "inbox/民政局-2018年4月.csv",
        "序号,标题,发布日期,栏目\n1,通知一,2018-04-03,工作动态\n\
         2,通知二,2019-01-05,工作动态\n3,通知三,2017-12-28,工作动态\n4,通知四,45000,工作动态\n",
    );
    ws.gbk(
        "inbox/财政局统计.csv",
        "月份,栏目,数量\n2018年4月,工作动态,5\n2017年12月,工作动态,7\n",
    );
    for period in ["2018-04", "2018"] {
        let ran = ws.run_period(period);
        assert_eq!(ran.accounted("inbox/民政局-2018年4月.csv"), (4, 1, 3));
        assert_eq!(ran.accounted("inbox/财政局统计.csv"), (2, 1, 1));
        assert_eq!(
            ran.at("V002"),
            [
                "inbox/民政局-2018年4月.csv 民政局-2018年4月!C3 「2019-01-05」",
                "inbox/民政局-2018年4月.csv 民政局-2018年4月!C4 「2017-12-28」",
                "inbox/民政局-2018年4月.csv 民政局-2018年4月!C5 「45000」",
                "inbox/财政局统计.csv 财政局统计!A3 「2017年12月」",
            ]
        );
        // A serial is shown with the day it is.
        let serial = ran.problems.iter().find(|p| p.value == "45000").unwrap();
        assert!(
            serial
                .message
                .starts_with("日期 45000（即 2023-03-15） 不合理"),
            "{}",
            serial.message
        );
        let said = ran.problems.iter().filter(|p| p.code == "V002");
        assert!(
            said.clone()
                .all(|p| p.message.contains("不计入 2018 年的任何数字")),
            "{:?}",
            ran.problems
        );
        assert_eq!(ran.period_items("民政局"), 1);
    }
}

/// A run whose period is in another year than most of the inbox's dates (no `year` in
/// zwgk.toml and no `--period`: last month) says which year the dates give and how to
/// run for it, rather than leaving the user with a V002 on every row; a run where only a
/// few rows are out of the year says nothing of the kind.
#[test]
fn a_run_for_the_wrong_year_says_which_year_the_dates_give() {
    let ws = office();
    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\n");
    ws.gbk(
        "inbox/民政局-2018年4月.csv",
        "序号,标题,发布日期,栏目\n1,通知一,2018-04-03,工作动态\n\
         2,通知二,2018-04-05,工作动态\n3,通知三,2018-03-28,工作动态\n",
    );
    ws.gbk(
        "inbox/财政局统计.csv",
        "月份,栏目,数量\n2018年4月,工作动态,5\n",
    );
    let note = "读取的 4 行数据中有 4 行因日期不在 2019 年内被退回（V002），这些日期多为 2018 年\
                （最多的是 2018 年 4 月）：如要汇总 2018 年的报送，请用 --period 指定期，\
                如 --period 2018-04、2018Q2 或 2018";
    let wrong = ws.zwgk(&["run", "--period", "2019-04"]);
    assert!(wrong.stdout.contains(note), "{}", wrong.stdout);
    // One row of 2017 among five is the unit's mistake, not the run's.
    ws.gbk("inbox/发改局.csv", "标题,发布日期\n旧通知,2017-12-28\n");
    let right = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(right.stdout.contains("错误 1 个"), "{}", right.stdout);
    assert!(!right.stdout.contains("日期不在"), "{}", right.stdout);

    ws.write("zwgk.toml", "[workspace]\nname = \"大英县\"\nyear = 2019\n");
    let set = ws.zwgk(&["check", "--period", "2019-04"]);
    assert!(
        set.stdout
            .contains("请把 zwgk.toml 中 [workspace] 的 year = 2019 改为 year = 2018"),
        "{}",
        set.stdout
    );
}

/// Cells of record rows in columns the header does not label are not read, and the
/// sheet says so once (L008) at the first of them, in a CSV line with more fields than
/// the header and in an xlsx with values in G and H beyond a header that stops at D.
#[test]
fn cells_in_columns_without_a_header_are_said_not_to_be_read() {
    let ws = office();
    ws.gbk(
        "inbox/民政局-2018年4月.csv",
        "序号,标题,发布日期,栏目\n1,民政局信息一,2018-04-03,部门动态\n\
         3,民政局信息三,2018-04-05,部门动态,多余一列,再多一列\n",
    );
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &[
            vec![V::T("序号"), V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![
                V::N(1.0),
                V::T("财政局信息一"),
                V::T("2018-04-03"),
                V::T("部门动态"),
            ],
            vec![
                V::N(2.0),
                V::T("财政局信息二"),
                V::T("2018-04-04"),
                V::T("部门动态"),
                V::Blank,
                V::Blank,
                V::T("备注一"),
                V::N(7.0),
            ],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.csv"), (2, 2, 0));
    assert_eq!(ran.accounted("inbox/财政局-2018年4月.xlsx"), (2, 2, 0));
    assert_eq!(
        ran.at("L008"),
        [
            "inbox/民政局-2018年4月.csv 民政局-2018年4月!E3 「多余一列」",
            "inbox/财政局-2018年4月.xlsx Sheet1!G3 「备注一」",
        ]
    );
    let said: Vec<&str> = (ran.problems.iter())
        .filter(|p| p.code == "L008")
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        said,
        [
            "E、F 列没有列名，其中 2 个有内容的单元格未读取（此处是第一个）",
            "G、H 列没有列名，其中 2 个有内容的单元格未读取（此处是第一个）",
        ]
    );
}

#[test]
fn items_dated_after_today_count_with_a_warning() {
    use chrono::Datelike;
    // The year after this one: every day of it is after today, whenever the test runs.
    let next = chrono::Local::now().date_naive().year() + 1;
    let ws = office();
    ws.write(
        "zwgk.toml",
        format!("[workspace]\nname = \"大英县\"\nyear = {next}\n"),
    );
    ws.gbk(
        &format!("inbox/民政局-{next}年1月.csv"),
        &format!("标题,发布日期\n通知一,{next}-01-05\n"),
    );
    let ran = ws.run_period(&format!("{next}-01"));
    assert_eq!(ran.period_items("民政局"), 1);
    let file = format!("inbox/民政局-{next}年1月.csv");
    assert_eq!(ran.accounted(&file), (1, 1, 0));
    let sheet = format!("民政局-{next}年1月");
    assert_eq!(
        ran.at("V011"),
        [format!("{file} {sheet}!B2 「{next}-01-05」")]
    );
    assert!(ran.problems.iter().any(|p| p.message.contains("晚于今天")));
}

// ---- Counts ----

/// A count summary for April with one row per (unit, count text).
fn counts_file(ws: &Ws, rows: &[(&str, &str, &str)]) {
    let mut sheet = vec![
        vec![V::T("统计期间：2018年4月")],
        vec![V::T("单位"), V::T("栏目"), V::T("数量")],
    ];
    for (unit, section, count) in rows {
        sheet.push(vec![V::T(unit), V::T(section), V::T(count)]);
    }
    ws.xlsx("inbox/统计.xlsx", &sheet);
}

#[test]
fn counts_written_as_text_are_counted() {
    let ws = office();
    counts_file(
        &ws,
        &[
            ("民政局", "通知公告", "２４０"),
            ("民政局", "工作动态", "240条"),
            ("民政局", "政策解读", "1,240"),
            ("民政局", "人事信息", " 12 "),
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 240 + 240 + 1240 + 12);
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (4, 4, 0));
}

/// A form in traditional characters (seed 004's county writes them): 5條 is 5 as 5条 is,
/// and 無 is the dash 无 is.
#[test]
fn counts_written_in_traditional_characters_are_counted() {
    let ws = office();
    ws.xlsx(
        "inbox/信息表二.xlsx",
        &[
            vec![V::T("填報單位：民政局")],
            vec![V::T("統計期間：2018年4月")],
            vec![V::T("序號"), V::T("欄目"), V::T("數量")],
            vec![V::N(1.0), V::T("通知公告"), V::T("5條")],
            vec![V::N(2.0), V::T("工作動態"), V::T("3個")],
            vec![V::N(3.0), V::T("政策解讀"), V::T("無")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 8);
    assert_eq!(ran.accounted("inbox/信息表二.xlsx"), (3, 3, 0));
    assert!(ran.at("V003").is_empty(), "{:?}", ran.problems);
    assert_eq!(ran.at("V004"), ["inbox/信息表二.xlsx Sheet1!C6 「無」"]);
}

/// A phone number typed into 数量, an amount past any count, a comma that groups no
/// thousands: each row is rejected with its problem, never counted as 0 nor wrapped.
#[test]
fn a_count_no_office_could_publish_is_rejected_not_wrapped() {
    let ws = office();
    let mut sheet = vec![
        vec![V::T("统计期间：2018年4月")],
        vec![V::T("单位"), V::T("栏目"), V::T("数量")],
    ];
    sheet.push(vec![V::T("民政局"), V::T("通知公告"), V::N(13812345678.0)]);
    sheet.push(vec![V::T("民政局"), V::T("工作动态"), V::N(3e9)]);
    sheet.push(vec![V::T("民政局"), V::T("政策解读"), V::T("100001")]);
    sheet.push(vec![V::T("民政局"), V::T("人事信息"), V::T("12,40")]);
    sheet.push(vec![V::T("民政局"), V::T("财政资金"), V::N(100000.0)]);
    ws.xlsx("inbox/统计.xlsx", &sheet);
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 100000);
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (5, 1, 4));
    assert_eq!(
        ran.at("V009"),
        [
            "inbox/统计.xlsx Sheet1!C3 「13812345678」",
            "inbox/统计.xlsx Sheet1!C4 「3000000000」",
            "inbox/统计.xlsx Sheet1!C5 「100001」"
        ]
    );
    assert_eq!(ran.at("V003"), ["inbox/统计.xlsx Sheet1!C6 「12,40」"]);
}

/// A corrected count file sent beside the first: both count, and the second says the
/// month is counted twice, so that the office removes the stale one.
#[test]
fn a_month_counted_in_two_files_is_said_to_be() {
    let ws = office();
    for (file, n) in [
        ("inbox/民政局-4月统计.xlsx", "30"),
        ("inbox/民政局-4月统计（修改版）.xlsx", "32"),
    ] {
        ws.xlsx(
            file,
            &[
                vec![V::T("统计期间：2018年4月")],
                vec![V::T("单位"), V::T("栏目"), V::T("数量")],
                vec![V::T("民政局"), V::T("通知公告"), V::T(n)],
            ],
        );
    }
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 62);
    assert_eq!(
        ran.at("N003"),
        ["inbox/民政局-4月统计（修改版）.xlsx Sheet1!第 3 行 「」"]
    );
    let n003 = ran.problems.iter().find(|p| p.code == "N003").unwrap();
    assert!(
        n003.message
            .contains("民政局4月的统计数另见 inbox/民政局-4月统计.xlsx"),
        "{}",
        n003.message
    );
}

/// Two rows of one unit and month in one table, with no section to tell them apart, are
/// said to be (they were added up silently); rows of two sections are not.
#[test]
fn a_month_counted_twice_in_one_table_is_said_to_be() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("数量")],
            vec![V::T("民政局"), V::T("2018年4月"), V::T("12")],
            vec![V::T("财政局"), V::T("2018年4月"), V::T("5")],
            vec![V::T("民政局"), V::T("4月"), V::T("3")],
        ],
    );
    ws.xlsx(
        "inbox/发改局统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("栏目"), V::T("数量")],
            vec![
                V::T("发改局"),
                V::T("2018年4月"),
                V::T("通知公告"),
                V::T("2"),
            ],
            vec![
                V::T("发改局"),
                V::T("2018年4月"),
                V::T("部门动态"),
                V::T("4"),
            ],
        ],
    );
    // A column zwgk does not read may tell two rows apart.
    ws.xlsx(
        "inbox/蓬莱镇统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("发布平台"), V::T("数量")],
            vec![
                V::T("蓬莱镇"),
                V::T("2018年4月"),
                V::T("政府网站"),
                V::T("3"),
            ],
            vec![
                V::T("蓬莱镇"),
                V::T("2018年4月"),
                V::T("微信公众号"),
                V::T("2"),
            ],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 15);
    assert_eq!(ran.period_items("发改局"), 6);
    assert_eq!(ran.period_items("蓬莱镇"), 5);
    assert_eq!(ran.at("N003"), ["inbox/统计.xlsx Sheet1!第 4 行 「」"]);
    let n003 = ran.problems.iter().find(|p| p.code == "N003").unwrap();
    assert!(
        n003.message
            .starts_with("民政局4月的统计数另见 本表第 2 行"),
        "{}",
        n003.message
    );
}

/// A row naming another unit inside a list whose 填报单位 line names one: counted for
/// the unit the row names, and said once (U004) so that a slip of the pen is seen.
#[test]
fn a_row_of_another_unit_in_a_units_own_list_is_said_to_be() {
    let ws = office();
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &[
            vec![V::T("填报单位：财政局")],
            vec![V::T("单位"), V::T("标题"), V::T("发布日期")],
            vec![V::T("财政局"), V::T("预算公开"), V::T("2018-04-02")],
            vec![V::T("财政局"), V::T("决算公开"), V::T("2018-04-03")],
            vec![V::T("民政局"), V::T("低保公示"), V::T("2018-04-04")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("财政局"), 2);
    assert_eq!(ran.period_items("民政局"), 1);
    assert_eq!(
        ran.at("U004"),
        ["inbox/财政局-2018年4月.xlsx Sheet1!第 5 行 「」"]
    );
    let u004 = ran.problems.iter().find(|p| p.code == "U004").unwrap();
    assert!(
        u004.message
            .contains("本表的填报单位为「财政局」，其中 1 行的单位为「民政局」"),
        "{}",
        u004.message
    );
}

/// A period line of several months, or a 月份 cell that names no month, is said to be
/// that, not that the month is missing.
#[test]
fn a_period_of_several_months_or_a_month_cell_of_none_is_named() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("统计期间：2018年1-4月")],
            vec![V::T("单位"), V::T("栏目"), V::T("数量")],
            vec![V::T("民政局"), V::T("通知公告"), V::T("7")],
        ],
    );
    ws.xlsx(
        "inbox/财政局统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("栏目"), V::T("数量")],
            vec![
                V::T("财政局"),
                V::T("第二季度"),
                V::T("通知公告"),
                V::T("5"),
            ],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(
        ran.at("N004"),
        ["inbox/统计.xlsx Sheet1!第 3 行 「2018年1-4月」"]
    );
    assert_eq!(
        ran.at("N005"),
        ["inbox/财政局统计.xlsx Sheet1!B2 「第二季度」"]
    );
    assert!(ran.at("N001").is_empty());
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (1, 0, 1));
}

/// Last year's form reused: the file name says 2018年4月, the period line still 2017年4月.
/// Neither is guessed to be right: the rows are rejected with both months named (N006),
/// never booked in silence to another year.
#[test]
fn a_period_line_and_a_file_name_naming_different_months_are_said_to_differ() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月统计.xlsx",
        &[
            vec![V::T("统计期间：2017年4月")],
            vec![V::T("序号"), V::T("栏目"), V::T("数量")],
            vec![V::N(1.0), V::T("通知公告"), V::T("23")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(
        ran.at("N006"),
        ["inbox/民政局-2018年4月统计.xlsx Sheet1!第 3 行 「2017年4月」"]
    );
    let n006 = ran.problems.iter().find(|p| p.code == "N006");
    assert_eq!(
        n006.map(|p| p.message.as_str()),
        Some(
            "统计期间「2017年4月」与文件名中的月份（2018年4月）不一致，本行未计入：zwgk 不猜哪一个是对的"
        )
    );
    assert!(ran.at("N004").is_empty(), "{:?}", ran.problems);
    assert_eq!(ran.accounted("inbox/民政局-2018年4月统计.xlsx"), (1, 0, 1));
    assert_eq!(ran.period_items("民政局"), 0);
}

/// 大英县's 供销社 left one 月份 cell blank in a sheet that has the column: N001 asks for
/// that row's month, not for a 月份 column the sheet already has.
#[test]
fn a_count_without_a_month_asks_for_what_its_sheet_lacks() {
    let ws = office();
    ws.xlsx(
        "inbox/供销社统计.xlsx",
        &[
            vec![V::T("单位"), V::T("月份"), V::T("数量")],
            vec![V::T("民政局"), V::T("2018年4月"), V::T("7")],
            vec![V::T("民政局"), V::Blank, V::T("3")],
        ],
    );
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("单位"), V::T("数量")],
            vec![V::T("民政局"), V::T("5")],
        ],
    );
    let ran = ws.run_april();
    let said = |file: &str| -> Vec<&str> {
        (ran.problems.iter())
            .filter(|p| p.code == "N001" && p.file.ends_with(file))
            .map(|p| p.message.as_str())
            .collect()
    };
    assert_eq!(
        said("供销社统计.xlsx"),
        ["统计数没有所属月份：请在该行填写月份，如「2018年3月」"]
    );
    assert_eq!(ran.at("N001")[0], "inbox/供销社统计.xlsx Sheet1!B3 「」");
    assert_eq!(
        said("/统计.xlsx"),
        ["统计数没有所属月份：请加「月份」列、「统计期间：2018年3月」行，或在文件名中写明月份"]
    );
}

/// 统计期间 written as the days of the month is that month.
#[test]
fn a_period_line_of_the_months_days_gives_the_month() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("统计期间：2018年4月1日至4月30日")],
            vec![V::T("单位"), V::T("栏目"), V::T("数量")],
            vec![V::T("民政局"), V::T("通知公告"), V::T("7")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 7);
    assert!(ran.at("N001").is_empty());
}

#[test]
fn a_dash_counts_as_zero_and_says_so() {
    let ws = office();
    counts_file(
        &ws,
        &[
            ("财政局", "通知公告", "—"),
            ("财政局", "工作动态", "/"),
            ("财政局", "政策解读", "无"),
            ("财政局", "人事信息", "3"),
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("财政局"), 3);
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (4, 4, 0));
    assert_eq!(
        ran.at("V004"),
        [
            "inbox/统计.xlsx Sheet1!C3 「—」",
            "inbox/统计.xlsx Sheet1!C4 「/」",
            "inbox/统计.xlsx Sheet1!C5 「无」"
        ]
    );
    let message = &ran
        .problems
        .iter()
        .find(|p| p.code == "V004")
        .expect("V004")
        .message;
    assert_eq!(message, "「—」按 0 计");
}

#[test]
fn text_that_is_no_count_is_rejected_at_its_cell_never_zero() {
    let ws = office();
    counts_file(
        &ws,
        &[
            ("民政局", "通知公告", "2000万"),
            ("民政局", "工作动态", "3.5"),
            ("民政局", "政策解读", "若干"),
            ("民政局", "人事信息", "7"),
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 7);
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (4, 1, 3));
    assert_eq!(
        ran.at("V003"),
        [
            "inbox/统计.xlsx Sheet1!C3 「2000万」",
            "inbox/统计.xlsx Sheet1!C4 「3.5」",
            "inbox/统计.xlsx Sheet1!C5 「若干」"
        ]
    );
    let v003 = ran
        .problems
        .iter()
        .find(|p| p.code == "V003")
        .expect("V003");
    assert_eq!(v003.message, "「2000万」不是数量，请填写整数（如 240）");
    assert_eq!(ran.out.code, 1);
}

#[test]
fn an_error_cell_is_rejected_and_named() {
    let ws = office();
    let book = crate::files::xlsx(|wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "统计期间：2018年4月")?;
        s.write_string(1, 0, "单位")?;
        s.write_string(1, 1, "数量")?;
        s.write_string(2, 0, "民政局")?;
        s.write_formula(2, 1, Formula::new("=#REF!+1").set_result("#REF!"))?;
        s.write_string(3, 0, "财政局")?;
        s.write_number(3, 1, 4)?;
        Ok(())
    });
    ws.write("inbox/统计.xlsx", book);
    let ran = ws.run_april();
    assert_eq!(ran.at("V007"), ["inbox/统计.xlsx Sheet1!B3 「#REF!」"]);
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (0, 4)
    );
}

#[test]
fn a_formula_whose_result_the_file_does_not_hold_is_named_not_read_as_zero() {
    let ws = office();
    // rust_xlsxwriter, like Python's XlsxWriter, stores 0 as the result of a formula
    // given none and asks Excel to recalculate on opening.
    let book = crate::files::xlsx(|wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "统计期间：2018年4月")?;
        s.write_string(1, 0, "单位")?;
        s.write_string(1, 1, "数量")?;
        s.write_string(2, 0, "民政局")?;
        s.write_formula(2, 1, Formula::new("=3+4"))?;
        s.write_string(3, 0, "财政局")?;
        s.write_formula(3, 1, Formula::new("=2+2").set_result("4"))?;
        s.write_string(4, 0, "合计")?;
        s.write_formula(4, 1, Formula::new("=SUM(B3:B4)"))?;
        Ok(())
    });
    ws.write("inbox/统计.xlsx", book);
    let ran = ws.run_april();
    assert_eq!(ran.at("V010"), ["inbox/统计.xlsx Sheet1!B3 「=3+4」"]);
    let v010 = ran
        .problems
        .iter()
        .find(|p| p.code == "V010")
        .expect("V010");
    assert!(
        v010.message
            .starts_with("单元格是公式 =3+4，文件里没有保存它的计算结果")
    );
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (2, 1, 1));
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (0, 4)
    );
    // Nor is the total read as 0 and said not to match.
    assert!(ran.at("C001").is_empty(), "{:?}", ran.at("C001"));
}

/// A 序号 of `=ROW()-1` with no result stored (a file written by a script) rejects no
/// row: nothing reads 序号.
#[test]
fn a_formula_without_its_result_in_the_seq_column_rejects_no_row() {
    let ws = office();
    let book = crate::files::xlsx(|wb| {
        let s = wb.add_worksheet();
        for (c, label) in ["序号", "标题", "发布日期"].iter().enumerate() {
            s.write_string(0, c as u16, *label)?;
        }
        for r in 1..=3u32 {
            s.write_formula(r, 0, Formula::new("=ROW()-1"))?;
            s.write_string(r, 1, format!("通知{r}"))?;
            s.write_string(r, 2, format!("2018-04-0{r}"))?;
        }
        Ok(())
    });
    ws.write("inbox/民政局-2018年4月.xlsx", book);
    let ran = ws.run_april();
    assert!(ran.at("V010").is_empty(), "{:?}", ran.at("V010"));
    assert_eq!(ran.period_items("民政局"), 3);
}

// ---- Totals, notes, merges, side by side ----

#[test]
fn a_total_row_is_a_check_not_counted() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("统计期间：2018年4月")],
            vec![V::T("单位"), V::T("数量")],
            vec![V::T("民政局"), V::N(3.0)],
            vec![V::T("财政局"), V::N(4.0)],
            vec![V::T("合  计"), V::N(7.0)],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (3, 4)
    );
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (2, 2, 0));
    assert!(ran.at("C001").is_empty(), "{:?}", ran.problems);
}

/// An item list's total written in one cell, `合计：4条`, is checked like one with its
/// number in a cell of its own (it used to be passed over), also in words
/// (`合计：共4条信息`, `合计：四条`); a period before the keyword is no count.
#[test]
fn a_total_stated_in_its_label_is_checked() {
    let ws = office();
    let units = [
        "民政局",
        "财政局",
        "教育局",
        "公安局",
        "司法局",
        "审计局",
        "统计局",
        "档案局",
        "林业局",
    ];
    let table = |head: [&'static str; 2], value: V<'static>| {
        let rows = units.iter().map(|u| vec![V::T(u), value]);
        let head = [head.map(V::T).to_vec()];
        head.into_iter().chain(rows).collect::<Vec<_>>()
    };
    ws.xlsx(
        "reference/units.xlsx",
        &table(["单位名称", "类别"], V::T("部门")),
    );
    ws.xlsx(
        "reference/targets.xlsx",
        &table(["单位", "目标任务数量(条)"], V::N(120.0)),
    );
    let totals = [
        ("民政局", "合计：4条"),
        ("财政局", "合计：3条"),
        ("教育局", "合计：共4条信息"),
        ("公安局", "合计：四条"),
        ("司法局", "合计：共三条信息"),
        ("审计局", "2018年4月合计"),
        ("统计局", "4月合计：共4条"),
        ("档案局", "本月共报送信息4条"),
        ("林业局", "合计：５条"),
    ];
    for (name, total) in totals {
        ws.xlsx(
            &format!("inbox/{name}-2018年4月.xlsx"),
            &[
                vec![V::T("标题"), V::T("发布日期")],
                vec![V::T("通知一"), V::T("2018-04-03")],
                vec![V::T("通知二"), V::T("2018-04-04")],
                vec![V::T("通知三"), V::T("2018-04-05")],
                vec![V::T(total)],
            ],
        );
    }
    let ran = ws.run_april();
    for unit in units {
        assert_eq!(ran.period_items(unit), 3, "{unit}");
    }
    // Each wrong total at its cell, with the label as written.
    let mut c001 = ran.at("C001");
    c001.sort();
    let wrong = ["民政局", "教育局", "公安局", "统计局", "档案局", "林业局"];
    let mut want: Vec<String> = (totals.iter())
        .filter(|(u, _)| wrong.contains(u))
        .map(|(u, label)| format!("inbox/{u}-2018年4月.xlsx Sheet1!A5 「{label}」"))
        .collect();
    want.sort();
    assert_eq!(c001, want);
}

/// Totals in the other places offices put them: in financial numerals (合计：肆条), above
/// the rows (some statistics tables put it first: it was checked against no row), after a
/// section's name longer than a place's (政策文件解读合计, an item without a date), and the
/// year's running total (全年累计, 1-4月累计: an item without a date, a month that is none).
/// An item whose title ends in 合计 is still an item.
#[test]
fn totals_in_words_above_the_rows_or_after_a_section_are_checked_and_running_totals_are_no_rows() {
    let ws = office();
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "序号,信息标题,发布日期\n1,养老院安全检查,2018-04-03\n2,低保工作会议,2018-04-10\n\
         3,救助政策解读,2018-04-20\n合计：肆条,,\n全年累计：25条,,\n",
    );
    ws.write(
        "inbox/财政局-2018年4月.csv",
        "序号,信息标题,发布日期\n合计,２条,\n1,公开部门预算,2018-04-03\n2,召开会议,2018-04-10\n",
    );
    ws.write(
        "inbox/发改局-2018年4月.csv",
        "序号,信息标题,发布日期,栏目\n1,政策解读一,2018-04-03,政策文件解读\n\
         2,政策解读二,2018-04-10,政策文件解读\n政策文件解读合计：3条,,,\n\
         3,发布通知,2018-04-20,通知公告\n通知公告合计,1,,\n4,老年人补贴合计,,通知公告\n",
    );
    ws.write(
        "inbox/蓬莱镇-2018年4月.csv",
        "单位,月份,数量\n蓬莱镇,2018年4月,3\n蓬莱镇,1-4月累计,12\n合计,,叁\n",
    );
    // Only 小计 rows in the targets table: no total of the table is declared (乡镇小计's
    // 120 was taken for it).
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n民政局,120\n财政局,120\n发改局,120\n部门小计,360\n\
         蓬莱镇,120\n乡镇小计,120\n",
    );
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\ntargets = \"reference/targets.csv\"\n",
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 3);
    assert_eq!(ran.period_items("财政局"), 2);
    assert_eq!(ran.period_items("发改局"), 3);
    assert_eq!(ran.accounted("inbox/发改局-2018年4月.csv"), (4, 3, 1));
    assert_eq!(ran.accounted("inbox/蓬莱镇-2018年4月.csv"), (1, 1, 0));
    let mut c001 = ran.at("C001");
    c001.sort();
    assert_eq!(
        c001,
        [
            "inbox/发改局-2018年4月.csv 发改局-2018年4月!A4 「政策文件解读合计：3条」",
            "inbox/民政局-2018年4月.csv 民政局-2018年4月!A5 「合计：肆条」",
        ]
    );
    assert_eq!(
        ran.at("V006"),
        ["inbox/发改局-2018年4月.csv 发改局-2018年4月!C7 「」"]
    );
    assert!(ran.at("N005").is_empty(), "{:?}", ran.problems);
    let targets = &ran.manifest["targets"];
    assert_eq!(
        targets["declared_total"],
        serde_json::Value::Null,
        "{targets}"
    );
    assert_eq!(targets["sum_of_rows"], 480, "{targets}");
}

/// A template's numbered rows number its 合计 row too: the count is the label's, not the
/// 序号 (it was: 「合计 4 与所列各行之和 3」); and only the first number of the label
/// (`合计：3条（其中部门动态2条）` was 32).
#[test]
fn a_totals_count_is_its_labels_not_its_seq_nor_a_later_number() {
    let ws = office();
    for (name, total) in [
        ("民政局", "合计：共3条信息"),
        ("财政局", "合计：3条（其中部门动态2条）"),
    ] {
        ws.xlsx(
            &format!("inbox/{name}-2018年4月.xlsx"),
            &[
                vec![V::T("序号"), V::T("标题"), V::T("发布日期")],
                vec![V::N(1.0), V::T("通知一"), V::T("2018-04-03")],
                vec![V::N(2.0), V::T("通知二"), V::T("2018-04-04")],
                vec![V::N(3.0), V::T("通知三"), V::T("2018-04-05")],
                vec![V::N(4.0), V::T(total)],
            ],
        );
    }
    // A count in a cell of its own before a period that merely has digits (it read
    // 2018年4月 as 20184).
    ws.xlsx(
        "inbox/发改局-2018年4月.xlsx",
        &[
            vec![V::T("序号"), V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![
                V::N(1.0),
                V::T("通知一"),
                V::T("2018-04-03"),
                V::T("部门动态"),
            ],
            vec![V::Blank, V::T("合计"), V::T("2018年4月"), V::T("1条")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 3);
    assert_eq!(ran.period_items("财政局"), 3);
    assert_eq!(ran.period_items("发改局"), 1);
    assert!(ran.at("C001").is_empty(), "{:?}", ran.at("C001"));
}

/// Totals where offices put them (review rv28): a 小计 in the 栏目 column of a counts
/// table is no count of a section 小计; a bare 合计 with the last day of the month is no
/// item; a 合计 after another closes all rows or its part, whichever it adds up to; a
/// count in words beside a 合计 in the 序号 column is checked.
#[test]
fn totals_are_checks_wherever_an_office_writes_them() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("统计期间：2018年4月")],
            vec![V::T("单位"), V::T("栏目"), V::T("数量")],
            vec![V::T("民政局"), V::T("部门动态"), V::T("2")],
            vec![V::T("民政局"), V::T("通知公告"), V::T("1")],
            vec![V::T("民政局"), V::T("小计"), V::T("3")],
            vec![V::T("财政局"), V::T("部门动态"), V::T("4")],
            vec![V::T("财政局"), V::T("小计"), V::T("4")],
            vec![V::T("合计"), V::Blank, V::T("7")],
        ],
    );
    ws.xlsx(
        "inbox/发改局-2018年4月.xlsx",
        &[
            vec![V::T("序号"), V::T("标题"), V::T("发布日期")],
            vec![V::N(1.0), V::T("通知一"), V::T("2018-04-03")],
            vec![V::T("合计"), V::T("1条"), V::T("2018-04-30")],
        ],
    );
    ws.xlsx(
        "inbox/蓬莱镇-2018年4月.xlsx",
        &[
            vec![V::T("序号"), V::T("标题"), V::T("发布日期")],
            vec![V::N(1.0), V::T("通知一"), V::T("2018-04-03")],
            vec![V::N(2.0), V::T("通知二"), V::T("2018-04-04")],
            vec![V::T("合计"), V::T("2")],
            vec![V::N(3.0), V::T("通知三"), V::T("2018-04-05")],
            vec![V::T("总计"), V::T("3")],
            vec![V::T("合计"), V::T("共4条")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 3);
    assert_eq!(ran.period_items("财政局"), 4);
    assert_eq!(ran.period_items("发改局"), 1);
    assert_eq!(ran.period_items("蓬莱镇"), 3);
    // Only the last total is wrong: 4 for 3 rows.
    assert_eq!(
        ran.at("C001"),
        ["inbox/蓬莱镇-2018年4月.xlsx Sheet1!B7 「共4条」"]
    );
    assert!(ran.at("S013").is_empty(), "{:?}", ran.at("S013"));
}

/// What a total row holds beside its label is no count unless it is one (review rv29): a
/// closing date, the month or a remark (含转载2条) declares nothing; a total in words
/// beside a remark is a total; an empty month's total after another is right.
#[test]
fn a_totals_date_month_or_remark_is_no_count() {
    let ws = office();
    let list = |total: [V<'static>; 5]| {
        vec![
            vec![
                V::T("序号"),
                V::T("标题"),
                V::T("发布日期"),
                V::T("栏目"),
                V::T("备注"),
            ],
            vec![
                V::N(1.0),
                V::T("通知一"),
                V::T("2018-04-03"),
                V::T("部门动态"),
                V::Blank,
            ],
            vec![
                V::N(2.0),
                V::T("通知二"),
                V::T("2018-04-04"),
                V::T("部门动态"),
                V::Blank,
            ],
            total.to_vec(),
        ]
    };
    let blank = V::Blank;
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &list([V::T("合计"), blank, V::T("2018-04-30"), blank, blank]),
    );
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &list([
            V::T("合计"),
            blank,
            V::T("2018年4月"),
            blank,
            V::T("含转载1条"),
        ]),
    );
    ws.xlsx(
        "inbox/发改局-2018年4月.xlsx",
        &list([
            blank,
            V::T("合计：共3条"),
            blank,
            blank,
            V::T("其中原创1条"),
        ]),
    );
    let mut parts = list([V::T("4月合计：2条"), blank, blank, blank, blank]);
    parts.push(vec![V::T("5月合计：0条")]);
    ws.xlsx("inbox/蓬莱镇-2018年4月.xlsx", &parts);
    let ran = ws.run_april();
    for unit in ["民政局", "财政局", "发改局", "蓬莱镇"] {
        assert_eq!(ran.period_items(unit), 2, "{unit}");
    }
    assert_eq!(
        ran.at("C001"),
        ["inbox/发改局-2018年4月.xlsx Sheet1!B4 「合计：共3条」"]
    );
    assert!(ran.at("V006").is_empty(), "{:?}", ran.at("V006"));
}

/// A targets table with 部门小计 and 乡镇小计 above its 合计: the declared total is the
/// 合计's, not the first subtotal's (the manifest and the screen gave 部门小计).
#[test]
fn the_targets_total_is_the_last_not_a_subtotal() {
    let ws = office();
    ws.xlsx(
        "reference/targets.xlsx",
        &[
            vec![V::T("单位"), V::T("目标任务数量(条)")],
            vec![V::T("民政局"), V::N(120.0)],
            vec![V::T("财政局"), V::N(100.0)],
            vec![V::T("部门小计"), V::N(220.0)],
            vec![V::T("蓬莱镇"), V::N(150.0)],
            vec![V::T("乡镇小计"), V::N(150.0)],
            vec![V::T("合计"), V::N(370.0)],
        ],
    );
    let items = [
        vec![V::T("标题"), V::T("发布日期")],
        vec![V::T("通知一"), V::T("2018-04-03")],
    ];
    ws.xlsx("inbox/民政局-2018年4月.xlsx", &items);
    let ran = ws.run_april();
    assert_eq!(ran.manifest["targets"]["declared_total"], 370);
    assert!(ran.at("C001").is_empty(), "{:?}", ran.at("C001"));
}

#[test]
fn a_stale_formula_total_is_recomputed_and_reported() {
    let ws = office();
    ws.book("inbox/统计.xlsx", |wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "统计期间：2018年4月")?;
        s.write_string(1, 0, "单位")?;
        s.write_string(1, 1, "数量")?;
        s.write_string(2, 0, "民政局")?;
        s.write_number(2, 1, 3)?;
        s.write_string(3, 0, "财政局")?;
        s.write_number(3, 1, 4)?;
        s.write_string(4, 0, "合计")?;
        // A result the file holds, not what the rows say.
        s.write_formula(4, 1, Formula::new("=SUM(B3:B4)").set_result("5"))?;
        Ok(())
    });
    let ran = ws.run_april();
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (3, 4)
    );
    let c001: Vec<&Problem> = ran.problems.iter().filter(|p| p.code == "C001").collect();
    assert_eq!(c001.len(), 1, "{:?}", ran.problems);
    assert_eq!(
        (c001[0].cell.as_str(), c001[0].message.as_str()),
        ("B5", "合计 5 与所列各行之和 7 不符（相差 2），请核对")
    );
}

#[test]
fn note_and_signature_lines_are_not_counted() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
            vec![V::T("通知二"), V::T("2018-04-04")],
            vec![V::T("注：本表每月5日前报送。")],
            vec![V::T("填表人：陈静"), V::T("审核人：赵国华")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.xlsx"), (2, 2, 0));
    assert_eq!(ran.codes(), Vec::<&str>::new(), "{:?}", ran.problems);
}

#[test]
fn a_merged_unit_name_fills_its_rows() {
    let ws = office();
    ws.book("inbox/汇总.xlsx", |wb| {
        let s = wb.add_worksheet();
        for (c, label) in ["单位", "标题", "发布日期"].iter().enumerate() {
            s.write_string(0, c as u16, *label)?;
        }
        s.merge_range(1, 0, 3, 0, "民政局", &XFormat::new())?;
        s.write_string(4, 0, "财政局")?;
        for (r, (title, date)) in [
            ("通知一", "2018-04-03"),
            ("通知二", "2018-04-04"),
            ("通知三", "2018-04-05"),
            ("通知四", "2018-04-06"),
        ]
        .iter()
        .enumerate()
        {
            s.write_string(r as u32 + 1, 1, *title)?;
            s.write_string(r as u32 + 1, 2, *date)?;
        }
        Ok(())
    });
    let ran = ws.run_april();
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (3, 1)
    );
    assert_eq!(ran.codes(), Vec::<&str>::new(), "{:?}", ran.problems);
}

#[test]
fn a_section_merged_down_in_a_web_table_fills_its_rows() {
    let ws = office();
    ws.gbk(
        "inbox/民政局-2018年4月.xls",
        r#"<html><head><meta charset="gbk"></head><body><table>
<tr><td>标题</td><td>发布日期</td><td>栏目</td></tr>
<tr><td>通知一</td><td>2018-04-03</td><td rowspan="2">通知公告</td></tr>
<tr><td>通知二</td><td>2018-04-04</td></tr>
</table></body></html>"#,
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    let rows = ran.sheet("明细");
    let section = rows[0].iter().position(|h| h == "栏目").expect("栏目");
    let sections: Vec<&str> = rows[1..].iter().map(|r| r[section].as_str()).collect();
    assert_eq!(sections, ["通知公告", "通知公告"]);
}

#[test]
fn side_by_side_counts_are_counted_per_unit() {
    let ws = office();
    ws.xlsx(
        "inbox/统计.xlsx",
        &[
            vec![V::T("统计期间：2018年4月")],
            vec![V::T("单位"), V::T("数量"), V::T("单位"), V::T("数量")],
            vec![V::T("民政局"), V::N(3.0), V::T("财政局"), V::N(4.0)],
            vec![V::T("发改局"), V::N(5.0), V::T("蓬莱镇"), V::N(6.0)],
            vec![V::T("合计"), V::N(18.0)],
        ],
    );
    let ran = ws.run_april();
    let got: Vec<u64> = ["民政局", "财政局", "发改局", "蓬莱镇"]
        .iter()
        .map(|u| ran.period_items(u))
        .collect();
    assert_eq!(got, [3, 4, 5, 6]);
    assert_eq!(ran.accounted("inbox/统计.xlsx"), (4, 4, 0));
    assert!(ran.at("C001").is_empty(), "{:?}", ran.problems);
}

/// Seed 001's layout of a side-by-side 合计: the label in A merged across A:C, the figure
/// under the second pair's count in D. It closes the whole row and is checked, never a
/// count of its own (林业局 was counted 32 for 16, in silence).
#[test]
fn a_side_by_side_total_under_the_second_pair_is_a_check_not_a_count() {
    let ws = office();
    for (file, declared) in [
        ("民政局-2018年4月统计.xlsx", "16"),
        ("财政局-2018年4月统计.xlsx", "99"),
    ] {
        ws.book(&format!("inbox/{file}"), |wb| {
            let s = wb.add_worksheet();
            s.write_string(0, 0, "统计期间：2018年4月")?;
            for (c, label) in ["栏目", "数量", "栏目", "数量"].iter().enumerate() {
                s.write_string(1, c as u16, *label)?;
            }
            for (r, (a, b, c, d)) in [("部门动态", 10, "通知", 3), ("公示公告", 2, "政策解读", 1)]
                .iter()
                .enumerate()
            {
                let r = r as u32 + 2;
                s.write_string(r, 0, *a)?;
                s.write_number(r, 1, *b)?;
                s.write_string(r, 2, *c)?;
                s.write_number(r, 3, *d)?;
            }
            s.merge_range(4, 0, 4, 2, "合计", &XFormat::new())?;
            s.write_string(4, 3, declared)?;
            Ok(())
        });
    }
    let ran = ws.run_april();
    assert_eq!(
        (ran.period_items("民政局"), ran.period_items("财政局")),
        (16, 16)
    );
    assert_eq!(ran.accounted("inbox/民政局-2018年4月统计.xlsx"), (4, 4, 0));
    assert_eq!(
        ran.at("C001"),
        ["inbox/财政局-2018年4月统计.xlsx Sheet1!D5 「99」"]
    );
}

/// The same layout in the targets table: the declared total is read and checked, and the
/// total's half of the row is no unit named 「」.
#[test]
fn a_targets_total_under_the_second_pair_is_read_and_checked() {
    let ws = office();
    ws.book("reference/targets.xlsx", |wb| {
        let s = wb.add_worksheet();
        for (c, label) in ["单位", "目标任务数量(条)", "单位", "目标任务数量(条)"]
            .iter()
            .enumerate()
        {
            s.write_string(0, c as u16, *label)?;
        }
        s.write_string(1, 0, "民政局")?;
        s.write_number(1, 1, 120)?;
        s.write_string(1, 2, "财政局")?;
        s.write_number(1, 3, 120)?;
        s.write_string(2, 0, "发改局")?;
        s.write_number(2, 1, 120)?;
        s.write_string(2, 2, "蓬莱镇")?;
        s.write_number(2, 3, 120)?;
        s.merge_range(3, 0, 3, 2, "合  计", &XFormat::new())?;
        s.write_string(3, 3, "400条")?;
        Ok(())
    });
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.manifest["targets"]["declared_total"], 400);
    assert_eq!(ran.manifest["targets"]["sum_of_rows"], 480);
    assert_eq!(ran.manifest["targets"]["units"], 4);
    assert_eq!(
        ran.at("C001"),
        ["reference/targets.xlsx Sheet1!D4 「400条」"]
    );
    assert!(ran.at("R001").is_empty(), "{:?}", ran.problems);
    assert!(ran.at("R004").is_empty(), "{:?}", ran.problems);
}

/// A unit's only file, named after it, that holds no table zwgk knows — blank but for
/// spaces, or a header it cannot read — was still sent: C004 naming the file, not
/// C003 「没有报送」, and the manifest gives the file the unit its name names.
#[test]
fn a_units_file_with_no_table_zwgk_knows_is_c004_not_c003() {
    let ws = office();
    ws.write("inbox/民政局-2018年4月.txt", "  \r\n");
    ws.xlsx(
        "inbox/财政局-2018年4月.xlsx",
        &[
            vec![V::T("编号"), V::T("内容"), V::T("时间")],
            vec![V::N(1.0), V::T("a"), V::T("b")],
        ],
    );
    ws.xlsx(
        "inbox/发改局-2018年4月.xlsx",
        &[vec![V::T("序号"), V::T("单位")], vec![V::N(1.0), V::T("a")]],
    );
    let ran = ws.run_april();
    let said = |code: &str| -> Vec<&str> {
        (ran.problems.iter())
            .filter(|p| p.code == code)
            .map(|p| p.message.as_str())
            .collect()
    };
    assert_eq!(
        said("C004"),
        [
            "民政局：收到的文件中没有可计入本期的信息（inbox/民政局-2018年4月.txt 没有可识别的表格）",
            "财政局：收到的文件中没有可计入本期的信息（inbox/财政局-2018年4月.xlsx 没有可识别的表格）",
            "发改局：收到的文件中没有可计入本期的信息（inbox/发改局-2018年4月.xlsx 没有可识别的表格）",
        ]
    );
    assert_eq!(said("C003"), ["蓬莱镇：本期没有报送"]);
    let inputs = ran.manifest["inputs"].as_array().expect("inputs");
    let units: Vec<(&str, &str)> = inputs
        .iter()
        .filter(|i| i["path"].as_str().is_some_and(|p| p.starts_with("inbox/")))
        .map(|i| {
            (
                i["path"].as_str().unwrap_or(""),
                i["unit"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        units,
        [
            ("inbox/发改局-2018年4月.xlsx", "发改局"),
            ("inbox/民政局-2018年4月.txt", "民政局"),
            ("inbox/财政局-2018年4月.xlsx", "财政局"),
        ]
    );
}

/// An alias typed as another unit's own name: that alias cell is the error (R005) and is
/// not used; the unit keeps its name, its target and its files.
#[test]
fn an_alias_that_is_another_units_name_is_refused_not_the_unit() {
    let ws = office();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("财政局"), V::T("财政"), V::T("部门")],
            vec![V::T("发改局"), V::T("发改委、发展改革局"), V::T("部门")],
            vec![V::T("蓬莱镇"), V::T("蓬莱、民政局"), V::T("乡镇")],
        ],
    );
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
            vec![V::T("通知二"), V::T("2018-04-04")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    assert_eq!(ran.at("R005"), ["reference/units.xlsx Sheet1!B5 「」"]);
    let r005 = ran.problems.iter().find(|p| p.code == "R005");
    assert_eq!(
        r005.map(|p| p.message.as_str()),
        Some("别名「民政局」是单位「民政局」的名称，不能作为「蓬莱镇」的别名，已忽略该别名")
    );
    for code in ["R001", "R002", "U003"] {
        assert!(ran.at(code).is_empty(), "{code}: {:?}", ran.problems);
    }
    assert_eq!(ran.manifest["targets"]["units"], 4);
}

/// A unit listed twice: the second row's aliases are used, its other category is said
/// (R006) and not taken.
#[test]
fn a_unit_listed_again_under_another_category_is_said() {
    let ws = office();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("民政局"), V::T("县民政局"), V::T("乡镇")],
        ],
    );
    ws.xlsx(
        "inbox/县民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
        ],
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 1);
    assert_eq!(ran.at("R006"), ["reference/units.xlsx Sheet1!C4 「」"]);
    let r006 = ran
        .problems
        .iter()
        .find(|p| p.code == "R006")
        .expect("R006");
    assert_eq!(
        r006.message,
        "单位「民政局」已在第 2 行列为「部门」类，本行的类别「乡镇」未采用：请删除重复的行或改正类别"
    );
}

/// A unit listed again in traditional characters (發改局 under 发改局) is one unit, with
/// the second row's aliases, and its target is kept. It used to be two units sharing a
/// name, which then named neither: R002, R001 for the targets table's 发改局, and its
/// target dropped.
#[test]
fn a_unit_listed_again_in_traditional_characters_is_one_unit() {
    let ws = office();
    ws.xlsx(
        "reference/units.xlsx",
        &[
            vec![V::T("单位名称"), V::T("别名"), V::T("类别")],
            vec![V::T("发改局"), V::Blank, V::T("部门")],
            vec![V::T("财政局"), V::Blank, V::T("部门")],
            vec![V::T("民政局"), V::Blank, V::T("部门")],
            vec![V::T("蓬莱镇"), V::Blank, V::T("乡镇")],
            vec![V::T("發改局"), V::T("发展和改革局"), V::T("部门")],
        ],
    );
    ws.xlsx(
        "inbox/发展和改革局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
        ],
    );
    let ran = ws.run_april();
    for code in ["R001", "R002", "R008"] {
        assert!(ran.at(code).is_empty(), "{code}: {:?}", ran.at(code));
    }
    assert_eq!(ran.manifest["targets"]["units"], 4);
    assert_eq!(ran.period_items("发改局"), 1);
}

#[test]
fn a_hidden_sheet_with_data_is_counted_with_a_warning() {
    let ws = office();
    ws.book("inbox/民政局-2018年4月.xlsx", |wb| {
        let a = wb.add_worksheet().set_name("上旬")?;
        a.write_string(0, 0, "标题")?;
        a.write_string(0, 1, "发布日期")?;
        a.write_string(1, 0, "通知一")?;
        a.write_string(1, 1, "2018-04-03")?;
        let b = wb.add_worksheet().set_name("下旬")?;
        b.write_string(0, 0, "标题")?;
        b.write_string(0, 1, "发布日期")?;
        b.write_string(1, 0, "通知二")?;
        b.write_string(1, 1, "2018-04-23")?;
        b.set_hidden(true);
        let c = wb.add_worksheet().set_name("草稿")?;
        c.write_string(0, 0, "标题")?;
        c.write_string(0, 1, "发布日期")?;
        c.write_string(1, 0, "不应计入")?;
        c.write_string(1, 1, "2018-04-24")?;
        c.set_very_hidden(true);
        Ok(())
    });
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    assert_eq!(ran.at("L002"), ["inbox/民政局-2018年4月.xlsx 下旬! 「」"]);
    assert_eq!(ran.at("L003"), ["inbox/民政局-2018年4月.xlsx 草稿! 「」"]);
}

// ---- Names, encodings, files ----

#[test]
fn unit_names_in_every_spelling_are_resolved() {
    let ws = office();
    let rows: Vec<Vec<V>> = [
        (" 民政局 ", "通知一"),
        ("民政局\u{3000}", "通知二"),
        ("民\u{a0}政局", "通知三"),
        ("大英县民政局", "通知四"),
        ("財政局", "通知五"),
        ("蓬(péng)萊(lái)鎮(zhèn)", "通知六"),
        ("县发改委", "通知七"),
        ("发展改革局", "通知八"),
    ]
    .iter()
    .map(|(unit, title)| vec![V::T(unit), V::T(title), V::T("2018-04-03")])
    .collect();
    let mut sheet = vec![vec![V::T("单位"), V::T("标题"), V::T("发布日期")]];
    sheet.extend(rows);
    ws.xlsx("inbox/汇总.xlsx", &sheet);
    let ran = ws.run_april();
    let got: Vec<u64> = ["民政局", "财政局", "发改局", "蓬莱镇"]
        .iter()
        .map(|u| ran.period_items(u))
        .collect();
    assert_eq!(got, [4, 1, 2, 1], "{:?}", ran.problems);
    assert!(ran.at("U001").is_empty(), "{:?}", ran.problems);
}

#[test]
fn an_undecodable_row_is_rejected_not_counted() {
    let ws = office();
    let mut bytes = "标题,发布日期\n通知一,2018-04-03\n通知".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("二,2018-04-04\n通知三,2018-04-05\n".as_bytes());
    ws.write("inbox/民政局-2018年4月.csv", bytes);
    let ran = ws.run_april();
    assert_eq!(
        ran.period_items("民政局"),
        2,
        "{:?} {:#}",
        ran.problems,
        ran.manifest["inputs"]
    );
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.csv"), (3, 2, 1));
    assert_eq!(ran.at("E003").len(), 1, "{:?}", ran.problems);
    assert!(
        ran.at("E003")[0].starts_with("inbox/民政局-2018年4月.csv 民政局-2018年4月!A3"),
        "{:?}",
        ran.at("E003")
    );
    assert_eq!(ran.at("E001").len(), 1, "{:?}", ran.problems);
}

/// A GBK CSV behind a UTF-8 byte-order mark (some editors add one) is read as GB18030,
/// every row counted, with a warning that the encoding was a guess (E004), not as UTF-8
/// that loses every row (E001).
#[test]
fn gbk_csv_behind_a_utf8_bom_is_read_as_gb18030_with_a_note() {
    let ws = office();
    let text = "序号,标题,发布日期,栏目\n1,民政局信息一,2018-04-03,部门动态\n2,民政局信息二,2018-04-04,部门动态\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    ws.write(
        "inbox/民政局-2018年4月.csv",
        [b"\xEF\xBB\xBF".as_slice(), &gbk].concat(),
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2, "{:?}", ran.problems);
    assert_eq!(ran.accounted("inbox/民政局-2018年4月.csv"), (2, 2, 0));
    let input = ran.manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["path"] == "inbox/民政局-2018年4月.csv")
        .expect("input");
    assert_eq!(input["encoding"], "GB18030");
    assert_eq!(ran.codes(), ["E004"]);
    assert!(
        ran.problems[0].message.contains("UTF-8 的 BOM"),
        "{:?}",
        ran.problems
    );
}

#[test]
fn an_encoding_named_in_the_settings_wins() {
    // Big5 bytes decode as GB18030 without an error, into nonsense: only the office knows.
    let ws = office();
    let text = "標題,發布日期\n財政局預算公開,2018-04-03\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(text);
    ws.write("inbox/財政局-2018年4月.csv", &big5);
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n\n[encoding]\n\"inbox/財政局-2018年4月.csv\" = \"big5\"\n",
    );
    let ran = ws.run_april();
    assert_eq!(ran.period_items("财政局"), 1, "{:?}", ran.problems);
    let input = ran.manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .find(|i| i["path"] == "inbox/財政局-2018年4月.csv")
        .expect("input");
    assert_eq!(input["encoding"], "Big5");
    assert_eq!(
        listed(&ran),
        [("財政局預算公開".into(), "2018-04-03".into())]
    );
}

#[test]
fn an_encoding_named_in_the_settings_wins_for_a_reference_table_too() {
    // The targets table as a Big5 CSV, which would decode as GB18030 into nonsense names.
    let ws = office();
    std::fs::remove_file(ws.join("reference/targets.xlsx")).expect("remove");
    let (big5, _, _) = encoding_rs::BIG5.encode("單位,目標任務數量(條)\n民政局,120\n財政局,60\n");
    ws.write("reference/targets.csv", &big5);
    ws.write(
        "inbox/民政局-2018年4月.csv",
        "标题,发布日期\n低保公示,2018-04-03\n",
    );
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\ntargets = \"reference/targets.csv\"\n[encoding]\n\"reference/targets.csv\" = \"big5\"\n",
    );
    let ran = ws.run_april();
    assert_eq!(ran.manifest["targets"]["units"], 2, "{:?}", ran.problems);
    assert_eq!(ran.manifest["targets"]["sum_of_rows"], 180);
    let input = &ran.manifest["inputs"][1];
    assert_eq!(
        (input["path"].as_str(), input["encoding"].as_str()),
        (Some("reference/targets.csv"), Some("Big5"))
    );
}

#[test]
fn an_encoding_for_a_file_that_is_not_there_is_refused_before_any_work() {
    let ws = office();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[encoding]\n\"inbox/没有这个文件.csv\" = \"gbk\"\n",
    );
    let out = ws.zwgk(&["check", "--period", "2018-04"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("「inbox/没有这个文件.csv」在工作目录中找不到"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_same_file_twice_is_counted_once() {
    let ws = office();
    let rows = [
        vec![V::T("标题"), V::T("发布日期")],
        vec![V::T("通知一"), V::T("2018-04-03")],
        vec![V::T("通知二"), V::T("2018-04-04")],
    ];
    ws.xlsx("inbox/民政局-2018年4月.xlsx", &rows);
    std::fs::copy(
        ws.join("inbox/民政局-2018年4月.xlsx"),
        ws.join("inbox/民政局-2018年4月(1).xlsx"),
    )
    .expect("copy");
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    assert_eq!(ran.at("F002"), ["inbox/民政局-2018年4月(1).xlsx ! 「」"]);
    // The copy's rows, read and normalised before it was found to be a copy, are gone:
    // not counted again, and no repeat of an item reported.
    assert!(ran.at("D001").is_empty(), "{:?}", ran.at("D001"));
}

/// 财政局 sent 民政局's file by mistake, under a shorter name: the copy kept is the one
/// whose name names the unit its rows do, so 民政局 is not left with nothing (it used to
/// be: its file was the skipped copy, and the rows of the one kept were rejected as
/// 财政局's file holding 民政局's rows).
#[test]
fn of_two_copies_the_one_named_for_its_unit_is_kept() {
    let ws = office();
    let rows = [
        vec![V::T("单位"), V::T("标题"), V::T("发布日期")],
        vec![V::T("民政局"), V::T("通知一"), V::T("2018-04-03")],
        vec![V::T("民政局"), V::T("通知二"), V::T("2018-04-04")],
    ];
    ws.xlsx("inbox/民政局-2018年4月信息公开.xlsx", &rows);
    std::fs::copy(
        ws.join("inbox/民政局-2018年4月信息公开.xlsx"),
        ws.join("inbox/财政局4月.xlsx"),
    )
    .expect("copy");
    let ran = ws.run_april();
    assert_eq!(ran.period_items("民政局"), 2);
    assert_eq!(ran.at("F002"), ["inbox/财政局4月.xlsx ! 「」"]);
    assert!(ran.at("U002").is_empty(), "{:?}", ran.at("U002"));
    assert!(
        !(ran.at("C003").iter()).any(|p| p.contains("民政局")),
        "{:?}",
        ran.at("C003")
    );
}

/// The same file under two units' names, whose rows name no unit: which unit's it is
/// cannot be told, and the copy counted is said to be a guess (an error, not F002's
/// warning, which made 财政局 silently 未报送).
#[test]
fn copies_under_two_units_names_that_state_no_unit_are_an_error() {
    let ws = office();
    let rows = [
        vec![V::T("标题"), V::T("发布日期")],
        vec![V::T("通知一"), V::T("2018-04-03")],
    ];
    ws.xlsx("inbox/民政局-2018年4月.xlsx", &rows);
    std::fs::copy(
        ws.join("inbox/民政局-2018年4月.xlsx"),
        ws.join("inbox/财政局-2018年4月.xlsx"),
    )
    .expect("copy");
    let ran = ws.run_april();
    assert!(ran.at("F002").is_empty(), "{:?}", ran.at("F002"));
    let f017: Vec<&Problem> = ran.problems.iter().filter(|p| p.code == "F017").collect();
    assert_eq!(f017.len(), 1, "{:?}", ran.problems);
    assert_eq!(f017[0].file, "inbox/财政局-2018年4月.xlsx");
    assert!(
        f017[0].message.contains("文件名分别是民政局和财政局的")
            && f017[0].message.ends_with("只按「民政局」计入一次"),
        "{}",
        f017[0].message
    );
    assert_eq!(ran.out.code, 1);
}

#[test]
fn two_units_empty_files_are_not_copies_of_each_other() {
    let ws = office();
    ws.write("inbox/民政局-2018年4月.xlsx", "");
    ws.write("inbox/财政局-2018年4月.xlsx", "");
    // Nor are blank templates, a header and no row (they were F017, the other unit
    // 未报送).
    for unit in ["发改局", "蓬莱镇"] {
        let template = "序号,信息标题,发布日期,所属栏目\r\n";
        ws.write(&format!("inbox/{unit}-2018年4月.csv"), template);
    }
    let ran = ws.run_april();
    assert!(ran.at("F002").is_empty(), "{:?}", ran.at("F002"));
    assert!(ran.at("F017").is_empty(), "{:?}", ran.at("F017"));
    let mut unusable: Vec<&str> = (ran.problems.iter())
        .filter(|p| p.code == "C004")
        .map(|p| &p.message[..p.message.find('：').unwrap_or(0)])
        .collect();
    unusable.sort_unstable();
    assert_eq!(
        unusable,
        ["发改局", "民政局", "蓬莱镇", "财政局"],
        "{:?}",
        ran.problems
    );
}

#[test]
fn titles_that_look_like_formulas_are_written_back_as_text() {
    let ws = office();
    ws.xlsx(
        "inbox/民政局-2018年4月.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("=1+1"), V::T("2018-04-03")],
            vec![V::T("+86 热线开通"), V::T("2018-04-04")],
            vec![V::T("-减负通知"), V::T("2018-04-05")],
            vec![V::T("@所有村社区"), V::T("2018-04-06")],
        ],
    );
    let ran = ws.run_april();
    let titles: Vec<String> = listed(&ran).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["=1+1", "+86 热线开通", "-减负通知", "@所有村社区"]);
}
