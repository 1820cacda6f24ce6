//! The bundled samples, each run on a copy in a temporary folder and checked against the
//! truth file its generator wrote (tests/expected/<sample>.json): the inputs stay byte for
//! byte what the repository holds, the manifest's totals, unit figures and coverage are
//! the truth's, and every planted trap is reported with its code where it was planted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::harness::{Ws, col_width, manifest, part, sheet_names, sheet_text};

/// A sample after its run: the workspace copy, what the run wrote, and the truth.
struct Ran {
    ws: Ws,
    manifest: Value,
    truth: Value,
    /// 问题清单 rows, keyed by its header.
    problems: Table,
}

/// A sheet read back as rows of text, with its header row to find columns by name.
pub(crate) struct Table {
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn read(book: &Path, sheet: &str) -> Self {
        let mut rows = sheet_text(book, sheet);
        let header = if rows.is_empty() {
            Vec::new()
        } else {
            rows.remove(0)
        };
        Self { header, rows }
    }

    pub(crate) fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
}

/// One problem of 问题清单.
struct Found<'a> {
    severity: &'a str,
    code: &'a str,
    file: &'a str,
    sheet: &'a str,
    cell: &'a str,
    message: &'a str,
}

impl Found<'_> {
    /// The row part of the cell (`C17` → 17, `17` → 17).
    /// The row of a cell (`C17`) or of a whole row (`第 17 行`).
    fn row(&self) -> Option<u32> {
        let row = self.cell.trim_start_matches("第 ").trim_end_matches(" 行");
        row.trim_start_matches(|c: char| c.is_ascii_uppercase())
            .parse()
            .ok()
    }

    fn has_column(&self) -> bool {
        self.cell.starts_with(|c: char| c.is_ascii_uppercase())
    }

    /// Whether this problem sits where `trap` says: the same file and sheet, and the same
    /// cell, or the same row (a cell problem further down a run of rows also counts, as the
    /// truth files define a row trap, when `run_of_rows`), or anywhere in the file for a
    /// trap on the file.
    fn at(&self, trap: &Value, run_of_rows: bool) -> bool {
        let s = |k: &str| trap[k].as_str();
        if self.file != s("file").unwrap_or_default() {
            return false;
        }
        if let Some(sheet) = s("sheet")
            && self.sheet != sheet
        {
            return false;
        }
        match (s("cell"), trap["row"].as_u64()) {
            (Some(cell), _) => self.cell == cell,
            (None, Some(row)) => {
                let row = row as u32;
                self.row() == Some(row)
                    || (run_of_rows && self.has_column() && self.row() > Some(row))
            }
            (None, None) => true,
        }
    }
}

impl Ran {
    fn found(&self) -> Vec<Found<'_>> {
        let t = &self.problems;
        let [severity, code, file, sheet, cell, message] =
            ["严重程度", "代码", "文件", "工作表", "单元格", "说明"].map(|c| t.col(c));
        t.rows
            .iter()
            .map(|r| Found {
                severity: &r[severity],
                code: &r[code],
                file: &r[file],
                sheet: &r[sheet],
                cell: &r[cell],
                message: &r[message],
            })
            .collect()
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the sample, checks the copy is the repository's, runs it, checks nothing changed.
fn run(name: &str, period: &str) -> Ran {
    let ws = Ws::sample(name);
    let before = ws.snapshot();
    let original = repo().join("samples").join(name);
    for (path, bytes) in &before {
        let rel = path.strip_prefix(ws.path()).unwrap();
        assert!(
            std::fs::read(original.join(rel)).unwrap() == *bytes,
            "{name}: the copy of {} differs from the repository's",
            rel.display()
        );
    }
    let out = ws.zwgk(&["run", "--period", period]);
    assert!(
        out.code == 0 || out.code == 1,
        "{name}: exit code {}\n{}{}",
        out.code,
        out.stdout,
        out.stderr
    );
    assert!(
        before == ws.snapshot(),
        "{name}: the run changed an input file"
    );
    let truth_text =
        std::fs::read_to_string(repo().join(format!("tests/expected/{name}.json"))).unwrap();
    let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    Ran {
        manifest: manifest(&ws, period),
        truth: serde_json::from_str(&truth_text).unwrap(),
        problems: Table::read(&book, "问题清单"),
        ws,
    }
}

/// The first and last days of `period` (`2022Q2`, `2020-10`), in ISO form.
fn period_days(period: &str) -> (String, String) {
    let (year, first, months) = match period.split_once('Q') {
        Some((y, q)) => (y, (q.parse::<u32>().unwrap() - 1) * 3 + 1, 3),
        None => {
            let (y, m) = period.split_once('-').unwrap();
            (y, m.parse().unwrap(), 1)
        }
    };
    let year: i32 = year.parse().unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(year, first, 1).unwrap();
    let end = start + chrono::Months::new(months) - chrono::Days::new(1);
    (start.to_string(), end.to_string())
}

/// A date cell as calamine shows it (a 1900-system serial) in ISO form; `None` when blank.
fn excel_date(cell: &str) -> Option<String> {
    let serial: u64 = cell.split('.').next()?.parse().ok()?;
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    Some((base + chrono::Days::new(serial)).to_string())
}

fn names(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(String::from))
        .collect()
}

fn check_totals(ran: &Ran) {
    let (m, t) = (&ran.manifest["totals"], &ran.truth["totals"]);
    for (ours, theirs) in [
        ("files", "files"),
        ("rows_read", "data_rows"),
        ("rows_accepted", "rows_accepted"),
        ("rows_rejected", "rows_rejected"),
        ("items", "items"),
        ("items_in_period", "items_in_period"),
        ("duplicates", "duplicate_item_rows"),
    ] {
        assert_eq!(m[ours], t[theirs], "totals.{ours}");
    }
    let targets = &ran.manifest["targets"];
    assert_eq!(
        targets["declared_total"],
        ran.truth["targets"]["declared_total"]
    );
    assert_eq!(targets["sum_of_rows"], ran.truth["targets"]["sum_of_rows"]);
}

fn check_units(ran: &Ran) {
    let units = ran.manifest["units"].as_array().unwrap();
    let truth = ran.truth["units"].as_array().unwrap();
    assert_eq!(units.len(), truth.len(), "units listed");
    for t in truth {
        let name = t["unit"].as_str().unwrap();
        let m = units
            .iter()
            .find(|u| u["unit"] == name)
            .unwrap_or_else(|| panic!("{name} missing from the manifest"));
        for key in [
            "target",
            "period_items",
            "ytd_items",
            "expected_ytd",
            "standing",
        ] {
            if !t[key].is_null() || key != "standing" {
                assert_eq!(m[key], t[key], "{name}.{key}");
            }
        }
        for key in ["completion", "score"] {
            match (m[key].as_f64(), t[key].as_f64()) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{name}.{key}: {a} ≠ {b}"),
                (a, b) => assert_eq!(a, b, "{name}.{key}"),
            }
        }
    }
}

/// The manifest's coverage, and each section's row of 栏目覆盖, against the truth.
fn check_coverage(ran: &Ran, period: &str) {
    let (m, t) = (&ran.manifest["coverage"], &ran.truth["coverage"]);
    assert_eq!(m["sections"], t["sections"], "coverage.sections");
    assert_eq!(m["sections_updated"], t["sections_updated"]);
    assert_eq!(m["sleeping"], t["sleeping"], "coverage.sleeping");
    assert_eq!(
        names(&m["units_without_submission"]),
        names(&t["units_without_submission"])
    );
    let book = ran.ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    // 明细 is written first, alongside the figures, but is read after the overview.
    assert_eq!(
        crate::harness::sheet_names(&book)[..5],
        ["完成情况", "完成率图", "栏目覆盖", "责任矩阵", "明细"]
    );
    // 责任矩阵's second header row names each section under its 一级栏目; a section that
    // is its own 一级栏目 (chibi's 试点领域) is named once, over both rows.
    let matrix = crate::harness::sheet_text(&book, "责任矩阵");
    let mut group = "";
    for (c, (above, name)) in matrix[0].iter().zip(&matrix[1]).enumerate().skip(1) {
        if !above.is_empty() {
            group = above;
        }
        assert_ne!(name, group, "责任矩阵 column {c} repeats its 一级栏目");
        assert!(
            !name.is_empty() || !above.is_empty(),
            "责任矩阵 column {c} has no name"
        );
    }
    let sheet = Table::read(&book, "栏目覆盖");
    // A workspace of pilot domains (chibi) calls them 领域 and their units 责任单位.
    let responsible = match ran.ws.join("reference/domains.xlsx").exists() {
        true => "责任单位",
        false => "保障单位",
    };
    let [who, items, last, status, note] =
        [responsible, "本期条数", "最近更新", "状态", "说明"].map(|c| sheet.col(c));
    let expected = t["section_rows"].as_array().unwrap();
    assert_eq!(sheet.rows.len(), expected.len(), "栏目覆盖 rows");
    for (row, s) in sheet.rows.iter().zip(expected) {
        let label = s["label"].as_str().unwrap();
        let listed: BTreeSet<String> = row[who]
            .split('、')
            .filter(|u| !u.is_empty())
            .map(String::from)
            .collect();
        assert_eq!(listed, names(&s["responsible"]), "{label}: 保障单位");
        assert_eq!(row[items], s["items"].to_string(), "{label}: 本期条数");
        let status_zh = match s["status"].as_str().unwrap() {
            "current" => "正常",
            "sleeping" => "超期未更新",
            "never_updated" => "从未更新",
            "not_due" => "本期不考核",
            _ => "按需更新",
        };
        assert_eq!(row[status], status_zh, "{label}: 状态");
        // A missed interval is named as the evidence of the verdict.
        let missed: Vec<&str> = s["missed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        if !missed.is_empty() {
            assert_eq!(
                row[note],
                format!("{}没有更新", missed.join("、")),
                "{label}: 说明"
            );
        }
        let day = s["last_update"].as_str().map(String::from);
        assert_eq!(excel_date(&row[last]), day, "{label}: 最近更新");
    }
    // Filtering 明细 by the section each item was filed under gives 本期条数 (neither
    // sample has 统计数 in the period).
    let detail = Table::read(&book, "明细");
    // A workspace of pilot domains says 领域 for the column as written, too.
    let (placed, _) = match ran.ws.join("reference/domains.xlsx").exists() {
        true => (detail.col("归入领域"), detail.col("领域")),
        false => (detail.col("归入栏目"), detail.col("栏目")),
    };
    let date = detail.col("发布日期");
    let (first, last) = period_days(period);
    let mut filed: BTreeMap<&str, u64> = BTreeMap::new();
    for r in &detail.rows {
        let day = excel_date(&r[date]).unwrap();
        if (first.as_str()..=last.as_str()).contains(&day.as_str()) && !r[placed].is_empty() {
            *filed.entry(r[placed].as_str()).or_default() += 1;
        }
    }
    for s in expected {
        let label = s["label"].as_str().unwrap();
        let n = filed.get(label).copied().unwrap_or(0);
        assert_eq!(n, s["items"].as_u64().unwrap(), "明细 filtered by {label}");
    }
    // Each unit silent in sections others kept up is named by one S010, with the number
    // of those sections; silence in a sleeping section is the section's S011/S012.
    let sleeping = &t["sleeping"];
    let silent: BTreeSet<String> = t["silent_units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| {
            let sections = s["sections"].as_array().unwrap();
            let kept = sections
                .iter()
                .filter(|l| !sleeping.as_array().unwrap().contains(l));
            let n = kept.count();
            (n > 0).then(|| format!("{}：本期在负责的 {n} 个栏目中", s["unit"].as_str().unwrap()))
        })
        .collect();
    let reported: BTreeSet<String> = ran
        .found()
        .iter()
        .filter(|p| p.code == "S010")
        .filter_map(|p| p.message.split("没有发布信息").next().map(String::from))
        .collect();
    assert_eq!(reported, silent, "S010");
}

/// The manifest's catalogues against the truth, and the 标准目录 workbook: a sheet per
/// catalogued domain in the State Council's order, each with its matters and the units
/// whose catalogues list it.
fn check_catalogues(ran: &Ran, period: &str) {
    let (m, t) = (&ran.manifest["catalogues"], &ran.truth["catalogues"]);
    for key in [
        "domains",
        "catalogued",
        "matters",
        "marked",
        "unplaced",
        "uncatalogued",
        "missing",
    ] {
        assert_eq!(m[key], t[key], "catalogues.{key}");
    }
    let book = ran.ws.join(&format!("out/{period}/标准目录-{period}.xlsx"));
    let domains = t["per_domain"].as_array().unwrap();
    let mut expected = vec!["目录覆盖".to_string()];
    expected.extend(
        domains
            .iter()
            .map(|d| d["name"].as_str().unwrap().to_string()),
    );
    assert_eq!(crate::harness::sheet_names(&book), expected);
    for d in domains {
        let name = d["name"].as_str().unwrap();
        let sheet = Table::read(&book, name);
        assert_eq!(
            sheet.rows.len() as u64,
            d["matters"].as_u64().unwrap(),
            "{name}"
        );
        let unit = sheet.col("编制单位");
        let units: BTreeSet<String> = sheet.rows.iter().map(|r| r[unit].clone()).collect();
        assert_eq!(units, names(&d["units"]), "{name}: 编制单位");
    }
    let summary = ran.ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    let coverage = Table::read(&summary, "目录覆盖");
    assert_eq!(coverage.rows.len() as u64, t["domains"].as_u64().unwrap());
}

/// The manifest's contact register against the truth, and 通讯录: a row per person of
/// each current form, then a row per unit that sent none.
fn check_contacts(ran: &Ran, period: &str) {
    let (m, t) = (&ran.manifest["contacts"], &ran.truth["contacts"]);
    for key in ["units", "people", "missing", "unordered"] {
        assert_eq!(m[key], t[key], "contacts.{key}");
    }
    let summary = ran.ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    let sheet = Table::read(&summary, "通讯录");
    let (unit, status) = (sheet.col("单位"), sheet.col("状态"));
    let missing: BTreeSet<String> = sheet
        .rows
        .iter()
        .filter(|r| r[status] == "未报送")
        .map(|r| r[unit].clone())
        .collect();
    assert_eq!(missing, names(&t["missing"]), "通讯录: 未报送");
    let people = sheet.rows.len() - missing.len();
    assert_eq!(
        people as u64,
        t["people"].as_u64().unwrap(),
        "通讯录: people"
    );
    // 问题, 变动 and 来源文件 wrap within their columns rather than run into the next one
    // or widen the table until it prints too small to read.
    let index = sheet_names(&summary)
        .iter()
        .position(|s| s == "通讯录")
        .unwrap();
    let xml = part(&summary, &format!("xl/worksheets/sheet{}.xml", index + 1));
    for (col, cap) in [(13, 24.0), (14, 16.0), (15, 24.0)] {
        let width = col_width(&xml, col).unwrap_or(0.0);
        assert!(width <= cap + 1.0, "通讯录 column {col}: {width}");
    }
}

/// Every trap with a code is reported there with that code; a trap without one has no
/// error or warning at its place.
fn check_traps(ran: &Ran) {
    let found = ran.found();
    let mut missing = Vec::new();
    for trap in ran.truth["traps"].as_array().unwrap() {
        let code = trap["code"].as_str();
        let here = found.iter().filter(|p| p.at(trap, code.is_some()));
        match code {
            Some(code) => {
                if !here.clone().any(|p| p.code == code) {
                    missing.push(format!("{code} {trap}"));
                }
            }
            None => {
                // A file-wide trap without a code speaks for the file, not for its cells.
                let whole_file = trap["sheet"].is_null();
                let serious: Vec<String> = here
                    .filter(|p| p.severity != "提示" && (!whole_file || p.sheet.is_empty()))
                    .map(|p| format!("{} {}", p.code, p.message))
                    .collect();
                if !serious.is_empty() {
                    missing.push(format!("no problem expected at {trap}, found {serious:?}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every problem of 问题清单 says what to do about it in 建议 (issue 15: it was empty
/// for 136 of daying's 136).
fn check_advice(ran: &Ran) {
    let advice = ran.problems.col("建议");
    let code = ran.problems.col("代码");
    let empty: Vec<&str> = ran
        .problems
        .rows
        .iter()
        .filter(|r| r[advice].trim().is_empty())
        .map(|r| r[code].as_str())
        .collect();
    assert!(empty.is_empty(), "problems without 建议: {empty:?}");
}

#[test]
fn daying_2018_matches_its_truth_file() {
    let ran = run("daying-2018", "2018-04");
    check_totals(&ran);
    check_units(&ran);
    check_traps(&ran);
    check_contacts(&ran, "2018-04");
    check_advice(&ran);
    assert_eq!(
        names(&ran.manifest["coverage"]["units_without_submission"]),
        names(&ran.truth["units_without_period_data"]),
        "units without a submission"
    );
}

#[test]
fn tangyin_2022_matches_its_truth_file() {
    let ran = run("tangyin-2022", "2022Q2");
    check_totals(&ran);
    check_units(&ran);
    check_coverage(&ran, "2022Q2");
    check_traps(&ran);
    check_advice(&ran);
}

#[test]
fn chibi_2020_matches_its_truth_file_resolves_every_domain_and_reads_its_catalogues() {
    let ran = run("chibi-2020", "2020-10");
    check_totals(&ran);
    check_units(&ran);
    check_coverage(&ran, "2020-10");
    check_traps(&ran);
    check_catalogues(&ran, "2020-10");
    check_contacts(&ran, "2020-10");
    check_advice(&ran);
    let reference: Vec<String> = ran
        .found()
        .iter()
        // Findings about units (behind schedule, no submission, no contact form, a domain
        // without their catalogue) sit at their target cells and domain rows.
        .filter(|p| {
            p.file.starts_with("reference/") && !["C002", "C003", "P006", "M011"].contains(&p.code)
        })
        .map(|p| format!("{} {} {} {}", p.code, p.sheet, p.cell, p.message))
        .collect();
    assert!(
        reference.is_empty(),
        "problems in the reference tables: {reference:?}"
    );
    let sections = ran.truth["coverage"]["section_rows"].as_array().unwrap();
    assert_eq!(sections.len(), 26);
    let units: BTreeSet<String> = sections
        .iter()
        .flat_map(|s| names(&s["responsible"]))
        .collect();
    assert_eq!(units.len(), 18, "{units:?}");
}
