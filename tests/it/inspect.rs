//! `zwgk inspect --json` on one file per case of INPUTS.md (Encoding, Format sniffing,
//! Layout, Files): what the binary says it saw — format, encoding, sheets, header,
//! columns, metadata, rows, totals, notes and problems with their locations.

use rust_xlsxwriter::{Format as XFormat, Formula};
use serde_json::Value;

use crate::files::{edit_part, fixture, ole, utf16, xlsx};
use crate::harness::{V, Ws};

/// What `inspect --json` printed, parsed, and its exit code.
struct Seen {
    code: i32,
    json: Value,
}

impl Seen {
    /// The report of the only file inspected.
    fn file(&self) -> &Value {
        let files = self.json["files"].as_array().expect("files");
        assert_eq!(files.len(), 1, "{:#}", self.json);
        &files[0]
    }

    fn sheet(&self, i: usize) -> &Value {
        &self.file()["sheets"][i]
    }
}

impl Ws {
    /// Runs `zwgk inspect --json PATHS…` and parses what it printed.
    fn inspect(&self, paths: &[&str]) -> Seen {
        let mut args = vec!["inspect", "--json"];
        args.extend(paths);
        let out = self.zwgk(&args);
        let json = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", out.stdout, out.stderr));
        Seen {
            code: out.code,
            json,
        }
    }
}

/// The problem codes of a file report, in order.
fn codes(file: &Value) -> Vec<&str> {
    file["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["code"].as_str().expect("code"))
        .collect()
}

/// The one problem of `code` in a file report.
fn problem<'a>(file: &'a Value, code: &str) -> &'a Value {
    let found: Vec<&Value> = file["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["code"] == code)
        .collect();
    assert_eq!(found.len(), 1, "{code} in {:#}", file["problems"]);
    found[0]
}

/// Each column as `A 标题 → title` (`→ -` when the label is not recognised).
fn columns(sheet: &Value) -> Vec<String> {
    sheet["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                c["column"].as_str().expect("column"),
                c["label"].as_str().expect("label"),
                c["field"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

/// Each metadata line as `row key value`.
fn meta(sheet: &Value) -> Vec<String> {
    sheet["meta"]
        .as_array()
        .expect("meta")
        .iter()
        .map(|m| format!("{} {} {}", m["row"], str_of(&m["key"]), str_of(&m["value"])))
        .collect()
}

/// Each note as `row text`.
fn notes(sheet: &Value) -> Vec<String> {
    sheet["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| format!("{} {}", n["row"], str_of(&n["text"])))
        .collect()
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// Where a problem points: `sheet!cell`, with `-` for a missing part.
fn place(p: &Value) -> String {
    format!(
        "{}!{}",
        p["sheet"].as_str().unwrap_or("-"),
        p["cell"].as_str().unwrap_or("-")
    )
}

const ITEMS_CSV: &str = "填报单位：民政局\n标题,发布日期,栏目\n关于春季森林防火的通知,2018-04-03,通知公告\n2018年4月低保名单公示,2018-04-12,通知公告\n";

// ---- Encoding ----

#[test]
fn gbk_csv_is_decoded_and_labelled() {
    let ws = Ws::new();
    ws.gbk("民政局.csv", ITEMS_CSV);
    let seen = ws.inspect(&["民政局.csv"]);
    let f = seen.file();
    assert_eq!(seen.code, 0, "{f:#}");
    assert_eq!(
        (&f["path"], &f["format"], &f["format_zh"], &f["encoding"]),
        (
            &Value::from("民政局.csv"),
            &Value::from("csv"),
            &Value::from("逗号分隔文本"),
            &Value::from("GB18030")
        )
    );
    assert_eq!(f["status"], "ok");
    assert_eq!(codes(f), Vec::<&str>::new());
    let s = seen.sheet(0);
    assert_eq!(
        (&s["name"], &s["visibility"], &s["kind"]),
        (
            &Value::from("民政局"),
            &Value::from("visible"),
            &Value::from("items")
        )
    );
    assert_eq!(s["header_row"], 2);
    assert_eq!(
        columns(s),
        ["A 标题 → title", "B 发布日期 → date", "C 栏目 → section"]
    );
    assert_eq!(meta(s), ["1 unit 民政局"]);
    assert_eq!(s["rows"], 2);
}

#[test]
fn utf8_csv_is_read_as_utf8_before_gb18030() {
    // These bytes are also valid GB18030; read that way every label would be nonsense.
    let ws = Ws::new();
    ws.write("民政局.csv", ITEMS_CSV);
    let seen = ws.inspect(&["民政局.csv"]);
    assert_eq!(seen.file()["encoding"], "UTF-8");
    assert_eq!(
        columns(seen.sheet(0)),
        ["A 标题 → title", "B 发布日期 → date", "C 栏目 → section"]
    );
    assert_eq!(meta(seen.sheet(0)), ["1 unit 民政局"]);
}

#[test]
fn utf8_bom_never_reaches_the_first_header_label() {
    let ws = Ws::new();
    ws.write(
        "统计.csv",
        "\u{feff}序号,单位,数量\n1,民政局,12\n2,财政局,3\n",
    );
    let seen = ws.inspect(&["统计.csv"]);
    let f = seen.file();
    assert_eq!(f["encoding"], "UTF-8 (BOM)");
    assert_eq!(
        columns(seen.sheet(0)),
        ["A 序号 → seq", "B 单位 → unit", "C 数量 → count"]
    );
    assert_eq!(seen.sheet(0)["kind"], "counts");
    assert_eq!(seen.sheet(0)["rows"], 2);
}

#[test]
fn gb18030_bom_is_stripped_and_named() {
    let ws = Ws::new();
    let (body, _, _) = encoding_rs::GB18030.encode("序号,单位,数量\n1,蓬萊鎮,5\n");
    let mut bytes = vec![0x84, 0x31, 0x95, 0x33];
    bytes.extend_from_slice(&body);
    ws.write("统计.csv", bytes);
    let seen = ws.inspect(&["统计.csv"]);
    assert_eq!(seen.file()["encoding"], "GB18030");
    assert_eq!(
        columns(seen.sheet(0)),
        ["A 序号 → seq", "B 单位 → unit", "C 数量 → count"]
    );
}

#[test]
fn undecodable_bytes_are_a_problem_naming_the_line() {
    let ws = Ws::new();
    let mut bytes = "标题,发布日期,栏目\n通知一,2018-04-03,通知公告\n通知"
        .as_bytes()
        .to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice("二,2018-04-04,通知公告\n通知三,2018-04-05,通知公告\n".as_bytes());
    ws.write("民政局.csv", bytes);
    let seen = ws.inspect(&["民政局.csv"]);
    let f = seen.file();
    assert_eq!(seen.code, 1, "an error was found: {f:#}");
    assert_eq!(f["encoding"], "UTF-8");
    let p = problem(f, "E001");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["file"], "民政局.csv");
    assert!(
        str_of(&p["message"]).starts_with("第 3 行有无法解码的字符（按 UTF-8 解码）"),
        "{p:#}"
    );
    // The file is still read; the broken row is rejected later, not silently dropped.
    assert_eq!(seen.sheet(0)["rows"], 3);
}

// ---- Format sniffing ----

const HTML_XLS: &str = r#"<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
</head><body>
<table border="1">
<tr><td colspan="4">大英县民政局2018年4月信息发布明细</td></tr>
<tr><td>序号</td><td>信息标题</td><td>发布时间</td><td>所属栏目</td></tr>
<tr><td>1</td><td>关于春季森林防火的通知</td><td>2018-04-03</td><td rowspan="2">通知公告</td></tr>
<tr><td>2</td><td>2018年4月低保名单公示</td><td>2018-04-12</td></tr>
<tr><td>3</td><td>民政局召开春季工作会议</td><td>2018-04-20</td><td>工作动态</td></tr>
</table></body></html>
"#;

#[test]
fn html_table_saved_as_xls_is_read_and_reported() {
    let ws = Ws::new();
    ws.gbk("inbox/民政局-2018年4月.xls", HTML_XLS);
    let seen = ws.inspect(&["inbox/民政局-2018年4月.xls"]);
    let f = seen.file();
    assert_eq!(seen.code, 0, "{f:#}");
    assert_eq!(
        (&f["format"], &f["format_zh"], &f["encoding"]),
        (
            &Value::from("html"),
            &Value::from("网页表格"),
            &Value::from("GB18030")
        )
    );
    assert_eq!(codes(f), ["F003"]);
    let p = problem(f, "F003");
    assert_eq!(
        p["message"],
        "扩展名为 .xls，实际为网页表格，已按实际格式读取"
    );
    assert_eq!(p["file"], "inbox/民政局-2018年4月.xls");
    let s = seen.sheet(0);
    assert_eq!(s["name"], "民政局-2018年4月");
    assert_eq!(s["header_row"], 2);
    assert_eq!(
        columns(s),
        [
            "A 序号 → seq",
            "B 信息标题 → title",
            "C 发布时间 → date",
            "D 所属栏目 → section"
        ]
    );
    assert_eq!(meta(s), ["1 title 大英县民政局2018年4月信息发布明细"]);
    assert_eq!(s["rows"], 3);
}

#[test]
fn tab_separated_text_saved_as_xls_is_read_as_text() {
    let ws = Ws::new();
    ws.write(
        "导出.xls",
        "单位\t月份\t数量\n民政局\t2018年4月\t12\n财政局\t2018年4月\t3\n",
    );
    let seen = ws.inspect(&["导出.xls"]);
    let f = seen.file();
    assert_eq!(
        (&f["format"], &f["encoding"]),
        (&Value::from("tsv"), &Value::from("UTF-8"))
    );
    assert_eq!(
        problem(f, "F003")["message"],
        "扩展名为 .xls，实际为制表符分隔文本，已按实际格式读取"
    );
    assert_eq!(
        columns(seen.sheet(0)),
        ["A 单位 → unit", "B 月份 → month", "C 数量 → count"]
    );
    assert_eq!(seen.sheet(0)["rows"], 2);
}

#[test]
fn utf16_tsv_saved_as_xls_is_read_in_both_byte_orders() {
    let text = "单位\t月份\t数量\r\n民政局\t2018年4月\t12\r\n财政局\t2018年4月\t3\r\n";
    for (little, label) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let ws = Ws::new();
        ws.write("导出.xls", utf16(text, little));
        let seen = ws.inspect(&["导出.xls"]);
        let f = seen.file();
        assert_eq!(
            (&f["format"], &f["format_zh"], &f["encoding"]),
            (
                &Value::from("utf16-tsv"),
                &Value::from("UTF-16 文本表格"),
                &Value::from(label)
            ),
            "{f:#}"
        );
        assert_eq!(codes(f), ["F003"]);
        assert_eq!(
            columns(seen.sheet(0)),
            ["A 单位 → unit", "B 月份 → month", "C 数量 → count"],
            "{label}"
        );
        assert_eq!(seen.sheet(0)["rows"], 2, "{label}");
    }
}

const SPREADSHEET_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="明细">
  <Table>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">人社局2018年4月信息公开明细</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">信息标题</Data></Cell><Cell><Data ss:Type="String">发布时间</Data></Cell><Cell><Data ss:Type="String">所属栏目</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">2018年第一批就业补贴公示</Data></Cell><Cell><Data ss:Type="DateTime">2018-04-03T00:00:00.000</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">就业创业</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">社保卡换发通知</Data></Cell><Cell><Data ss:Type="DateTime">2018-04-09T00:00:00.000</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="3月">
  <Table>
   <Row><Cell><Data ss:Type="String">标题</Data></Cell><Cell><Data ss:Type="String">发布日期</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">三月的一条</Data></Cell><Cell><Data ss:Type="String">2018-03-30</Data></Cell></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"#;

#[test]
fn spreadsheetml_2003_saved_as_xls_is_read_with_its_hidden_sheet() {
    let ws = Ws::new();
    ws.write("人社局-2018年4月.xls", SPREADSHEET_XML);
    let seen = ws.inspect(&["人社局-2018年4月.xls"]);
    let f = seen.file();
    assert_eq!(
        (&f["format"], &f["format_zh"]),
        (
            &Value::from("spreadsheetml"),
            &Value::from("Excel 2003 XML 表格")
        )
    );
    assert_eq!(codes(f), ["F003", "L002"]);
    assert_eq!(place(problem(f, "L002")), "3月!-");
    let s = seen.sheet(0);
    assert_eq!(
        (&s["name"], s["header_row"].as_u64()),
        (&Value::from("明细"), Some(2))
    );
    assert_eq!(
        columns(s),
        [
            "A 序号 → seq",
            "B 信息标题 → title",
            "C 发布时间 → date",
            "D 所属栏目 → section"
        ]
    );
    assert_eq!(meta(s), ["1 title 人社局2018年4月信息公开明细"]);
    assert_eq!(s["rows"], 2);
    let hidden = seen.sheet(1);
    assert_eq!(
        (&hidden["name"], &hidden["visibility"], &hidden["rows"]),
        (&Value::from("3月"), &Value::from("hidden"), &Value::from(1))
    );
}

#[test]
fn xlsx_saved_as_xls_is_read_as_xlsx() {
    let ws = Ws::new();
    ws.xlsx(
        "民政局.xls",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
        ],
    );
    let seen = ws.inspect(&["民政局.xls"]);
    let f = seen.file();
    assert_eq!(
        (&f["format"], &f["encoding"]),
        (&Value::from("xlsx"), &Value::Null)
    );
    assert_eq!(
        problem(f, "F003")["message"],
        "扩展名为 .xls，实际为Excel 工作簿 (.xlsx)，已按实际格式读取"
    );
    assert_eq!(seen.sheet(0)["rows"], 1);
}

/// Both committed fixtures hold the same workbook (tests/fixtures/README.md).
fn assert_fixture_workbook(seen: &Seen, format: &str) {
    let f = seen.file();
    assert_eq!(f["format"], format);
    let found: Vec<String> = f["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| format!("{} {}", str_of(&p["code"]), place(p)))
        .collect();
    // 备注 is hidden and holds a line of text; 偏移 holds one label at C5: no header in either.
    assert_eq!(found, ["L002 备注!-", "L001 备注!-", "L001 偏移!-"]);
    let s = seen.sheet(0);
    assert_eq!(
        (&s["name"], &s["visibility"], &s["header_row"]),
        (
            &Value::from("明细"),
            &Value::from("visible"),
            &Value::from(2)
        )
    );
    assert_eq!(
        columns(s),
        [
            "A 单位 → unit",
            "B 标题 → title",
            "C 发布日期 → date",
            "D 数量 → count"
        ]
    );
    assert_eq!(meta(s), ["1 annex 1", "1 title 政务公开信息明细"]);
    assert_eq!(s["rows"], 2);
    let hidden = seen.sheet(1);
    assert_eq!(
        (&hidden["name"], &hidden["visibility"]),
        (&Value::from("备注"), &Value::from("hidden"))
    );
}

#[test]
fn real_biff_xls_is_read_with_merges_and_hidden_sheet() {
    let ws = Ws::new();
    ws.write("明细.xls", fixture("xls_merged_range_and_date.xls"));
    let seen = ws.inspect(&["明细.xls"]);
    assert_fixture_workbook(&seen, "xls");
}

#[test]
fn ods_is_read_with_merges_and_hidden_sheet() {
    let ws = Ws::new();
    ws.write("明细.ods", fixture("ods_merged_range_and_hidden_sheet.ods"));
    let seen = ws.inspect(&["明细.ods"]);
    assert_fixture_workbook(&seen, "ods");
}

#[test]
fn encrypted_xlsx_in_an_ole_container_says_remove_the_password() {
    let ws = Ws::new();
    ws.write(
        "财政局.xlsx",
        ole(&[
            ("EncryptionInfo", b"\x04\x00\x04\x00"),
            ("EncryptedPackage", &[0u8; 64]),
        ]),
    );
    let seen = ws.inspect(&["财政局.xlsx"]);
    let f = seen.file();
    assert_eq!(seen.code, 1);
    assert_eq!(
        (&f["format"], &f["status"]),
        (&Value::from("encrypted-ooxml"), &Value::from("failed"))
    );
    assert_eq!(codes(f), ["F004"]);
    assert_eq!(
        problem(f, "F004")["message"],
        "文件已加密，请去除密码后重新报送"
    );
    assert_eq!(f["sheets"], Value::Array(Vec::new()));
}

#[test]
fn password_protected_xls_says_remove_the_password() {
    // BIFF8: a BOF record for the workbook globals, then FILEPASS (0x002F) with RC4.
    let mut stream = vec![0x09, 0x08, 16, 0, 0x00, 0x06, 0x05, 0x00];
    stream.extend([0u8; 12]);
    stream.extend([0x2F, 0x00, 6, 0, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
    let ws = Ws::new();
    ws.write("财政局.xls", ole(&[("Workbook", &stream)]));
    let seen = ws.inspect(&["财政局.xls"]);
    let f = seen.file();
    assert_eq!(seen.code, 1);
    assert_eq!(
        (&f["format"], &f["status"]),
        (&Value::from("xls"), &Value::from("failed"))
    );
    assert_eq!(codes(f), ["F004"]);
}

#[test]
fn files_that_are_not_tables_say_what_they_are() {
    let ws = Ws::new();
    ws.write("报表.xls", b"%PDF-1.4\n\x00\x01\x02binary");
    ws.write("报表.xlsx", b"Rar!\x1a\x07\x00\x00\x00");
    ws.write(
        "说明.xls",
        ole(&[("WordDocument", b"\x00\x01"), ("1Table", b"\x00")]),
    );
    let seen = ws.inspect(&["报表.xls", "报表.xlsx", "说明.xls"]);
    assert_eq!(seen.code, 1);
    let messages: Vec<(&str, &str)> = seen.json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| (str_of(&f["status"]), str_of(&problem(f, "F006")["message"])))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "failed",
                "无法识别的文件格式（PDF 文档），请报送 .xlsx、.xls 或 .csv 文件"
            ),
            (
                "failed",
                "无法识别的文件格式（RAR 压缩包；请解压后把其中的表格分别放入收件箱），请报送 .xlsx、.xls 或 .csv 文件"
            ),
            (
                "failed",
                "无法识别的文件格式（Word 97-2003 文档 (.doc)），请报送 .xlsx、.xls 或 .csv 文件"
            ),
        ]
    );
}

#[test]
fn empty_file_is_reported_not_failed_silently() {
    let ws = Ws::new();
    ws.write("空.csv", b"");
    ws.write("空白.csv", "\n\n,,\n");
    let seen = ws.inspect(&["空.csv", "空白.csv"]);
    for f in seen.json["files"].as_array().expect("files") {
        assert_eq!(codes(f), ["F009"], "{f:#}");
        assert_eq!(problem(f, "F009")["severity"], "warning");
    }
}

// ---- Layout ----

#[test]
fn title_lines_above_the_header_become_metadata() {
    let ws = Ws::new();
    ws.xlsx(
        "民政局.xlsx",
        &[
            vec![V::T("附件1")],
            vec![V::T("大英县民政局2018年4月政务信息公开明细表")],
            vec![
                V::T("填报单位：民政局"),
                V::Blank,
                V::T("填报日期：2018年5月3日"),
            ],
            vec![V::T("统计期间：2018年4月")],
            vec![
                V::T("序号"),
                V::T("信息标题"),
                V::T("发布日期"),
                V::T("所属栏目"),
            ],
            vec![
                V::N(1.0),
                V::T("通知一"),
                V::T("2018-04-03"),
                V::T("通知公告"),
            ],
            vec![
                V::N(2.0),
                V::T("通知二"),
                V::T("2018-04-04"),
                V::T("通知公告"),
            ],
        ],
    );
    let seen = ws.inspect(&["民政局.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(s["header_row"], 5);
    assert_eq!(
        meta(s),
        [
            "1 annex 1",
            "2 title 大英县民政局2018年4月政务信息公开明细表",
            "3 unit 民政局",
            "3 filled_on 2018年5月3日",
            "4 period 2018年4月"
        ]
    );
    assert_eq!(s["rows"], 2);
}

#[test]
fn two_row_header_from_merged_cells_names_both_levels() {
    let ws = Ws::new();
    ws.book("民政局.xlsx", |wb| {
        let ws = wb.add_worksheet();
        let plain = XFormat::new();
        ws.merge_range(0, 0, 1, 0, "序号", &plain)?;
        ws.merge_range(0, 1, 0, 2, "信息", &plain)?;
        ws.merge_range(0, 3, 1, 3, "所属栏目", &plain)?;
        ws.write_string(1, 1, "标题")?;
        ws.write_string(1, 2, "发布日期")?;
        for (col, text) in ["1", "通知一", "2018-04-03", "通知公告"].iter().enumerate() {
            ws.write_string(2, col as u16, *text)?;
        }
        Ok(())
    });
    let seen = ws.inspect(&["民政局.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(s["header_row"], 2, "{s:#}");
    assert_eq!(
        columns(s),
        [
            "A 序号 → seq",
            "B 信息/标题 → title",
            "C 信息/发布日期 → date",
            "D 所属栏目 → section"
        ]
    );
    assert_eq!(s["rows"], 1);
}

#[test]
fn side_by_side_tables_are_unfolded_into_one() {
    // Seed 001 Annex 1: `单位 | 目标任务数量(条)` twice across one row, 合计 under the left pair.
    let ws = Ws::new();
    ws.xlsx(
        "目标.xlsx",
        &[
            vec![V::T("附件1")],
            vec![
                V::T("单    位"),
                V::T("目标任务数量(条)"),
                V::T("单    位"),
                V::T("目标任务数量(条)"),
            ],
            vec![V::T("政府办"), V::N(240.0), V::T("民政局"), V::N(120.0)],
            vec![V::T("蓬莱镇"), V::N(60.0), V::T("财政局"), V::N(30.0)],
            vec![V::T("合  计"), V::T("450条")],
        ],
    );
    let seen = ws.inspect(&["目标.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(codes(seen.file()), Vec::<&str>::new());
    assert_eq!(
        (&s["groups"], &s["rows"]),
        (&Value::from(2), &Value::from(4))
    );
    assert_eq!(
        columns(s),
        [
            "A 单    位 → unit",
            "B 目标任务数量(条) → count",
            "C 单    位 → unit",
            "D 目标任务数量(条) → count"
        ]
    );
    assert_eq!(
        s["totals"],
        serde_json::json!([{"row": 5, "label": "合  计", "values": [["count", "450条"]], "closes": 4}])
    );
}

/// A 合计 right under the header checks the rows below it, and says so.
#[test]
fn a_total_above_its_rows_is_shown_checking_those_below() {
    let ws = Ws::new();
    ws.write(
        "统计.csv",
        "单位,月份,数量\n合计,,5\n民政局,2018年4月,3\n财政局,2018年4月,2\n",
    );
    let seen = ws.inspect(&["统计.csv"]);
    let want = serde_json::json!([
        {"row": 2, "label": "合计", "values": [["count", "5"]], "closes": 2, "below": true},
    ]);
    assert_eq!(seen.sheet(0)["totals"], want);
    let text = ws.zwgk(&["inspect", "统计.csv"]).stdout;
    assert!(
        text.contains("第 2 行 合计：数量 5（核对其下 2 行）"),
        "{text}"
    );
    // A total with no row at all (it crashed looking for the row below).
    ws.write("空表.csv", "序号,信息标题,发布日期\n合计：0条,,\n");
    let out = ws.zwgk(&["inspect", "空表.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let closed = "第 2 行 合计：0条（核对其上 0 行）";
    assert!(out.stdout.contains(closed), "{}", out.stdout);
}

#[test]
fn subtotal_and_total_rows_are_checks_not_data() {
    let ws = Ws::new();
    ws.xlsx(
        "统计.xlsx",
        &[
            vec![V::T("单位"), V::T("栏目"), V::T("数量")],
            vec![V::T("民政局"), V::T("通知公告"), V::N(3.0)],
            vec![V::T("民政局"), V::T("工作动态"), V::N(2.0)],
            vec![V::T("小计"), V::Blank, V::N(5.0)],
            vec![V::T("财政局"), V::T("通知公告"), V::N(4.0)],
            vec![V::T("小  计"), V::Blank, V::N(4.0)],
            vec![V::T("合计"), V::Blank, V::N(9.0)],
        ],
    );
    let seen = ws.inspect(&["统计.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(
        (&s["kind"], &s["rows"]),
        (&Value::from("counts"), &Value::from(3))
    );
    assert_eq!(
        s["totals"],
        serde_json::json!([
            {"row": 4, "label": "小计", "values": [["count", "5"]], "closes": 2},
            {"row": 6, "label": "小  计", "values": [["count", "4"]], "closes": 1},
            {"row": 7, "label": "合计", "values": [["count", "9"]], "closes": 3},
        ])
    );
}

#[test]
fn notes_and_signature_lines_are_set_aside() {
    let ws = Ws::new();
    ws.xlsx(
        "民政局.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期"), V::T("栏目")],
            vec![V::T("通知一"), V::T("2018-04-03"), V::T("通知公告")],
            vec![V::T("通知二"), V::T("2018-04-04"), V::T("通知公告")],
            vec![],
            vec![V::T("注：“栏目”按县政府门户网站信息公开目录填写。")],
            vec![V::T("填表人：陈静"), V::Blank, V::T("审核人：赵国华")],
            vec![V::T("填表说明：每月5日前报送")],
        ],
    );
    let seen = ws.inspect(&["民政局.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(s["rows"], 2);
    assert_eq!(
        notes(s),
        [
            "5 注：“栏目”按县政府门户网站信息公开目录填写。",
            "6 填表人：陈静 审核人：赵国华",
            "7 填表说明：每月5日前报送"
        ]
    );
}

#[test]
fn header_repeated_on_a_later_page_is_noted_not_read() {
    let ws = Ws::new();
    ws.xlsx(
        "民政局.xlsx",
        &[
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知一"), V::T("2018-04-03")],
            vec![V::T("标题"), V::T("发布日期")],
            vec![V::T("通知二"), V::T("2018-04-04")],
        ],
    );
    let seen = ws.inspect(&["民政局.xlsx"]);
    let s = seen.sheet(0);
    assert_eq!(s["rows"], 2);
    assert_eq!(notes(s), ["3 重复的表头行"]);
}

#[test]
fn several_sheets_hidden_ones_warned_very_hidden_skipped() {
    let ws = Ws::new();
    ws.book("民政局.xlsx", |wb| {
        let main = wb.add_worksheet().set_name("4月")?;
        main.write_string(0, 0, "标题")?;
        main.write_string(0, 1, "发布日期")?;
        main.write_string(1, 0, "通知一")?;
        main.write_string(1, 1, "2018-04-03")?;
        let readme = wb.add_worksheet().set_name("说明")?;
        readme.write_string(0, 0, "本表由办公室每月填报")?;
        let old = wb.add_worksheet().set_name("3月")?;
        old.write_string(0, 0, "标题")?;
        old.write_string(0, 1, "发布日期")?;
        old.write_string(1, 0, "三月的一条")?;
        old.write_string(1, 1, "2018-03-30")?;
        old.set_hidden(true);
        let deep = wb.add_worksheet().set_name("字典")?;
        deep.write_string(0, 0, "标题")?;
        deep.set_very_hidden(true);
        wb.add_worksheet().set_name("空表")?;
        Ok(())
    });
    let seen = ws.inspect(&["民政局.xlsx"]);
    let f = seen.file();
    let sheets: Vec<String> = f["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .map(|s| {
            format!(
                "{} {} {} {}",
                str_of(&s["name"]),
                str_of(&s["visibility"]),
                str_of(&s["kind"]),
                s["rows"]
            )
        })
        .collect();
    assert_eq!(
        sheets,
        [
            "4月 visible items 1",
            "说明 visible other 0",
            "3月 hidden items 1",
            "空表 visible other 0"
        ]
    );
    let found: Vec<String> = f["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| format!("{} {}", str_of(&p["code"]), place(p)))
        .collect();
    assert_eq!(found, ["L002 3月!-", "L003 字典!-", "L001 说明!-"]);
    assert_eq!(seen.code, 0, "warnings only");
}

#[test]
fn unknown_and_duplicate_columns_are_reported_at_their_cells() {
    let ws = Ws::new();
    ws.xlsx(
        "民政局.xlsx",
        &[
            vec![
                V::T("标题"),
                V::T("发布日期"),
                V::T("阅读量"),
                V::T("信息标题"),
            ],
            vec![V::T("通知一"), V::T("2018-04-03"), V::T("无"), V::T("重复")],
        ],
    );
    let seen = ws.inspect(&["民政局.xlsx"]);
    let f = seen.file();
    let l004 = problem(f, "L004");
    assert_eq!(
        (place(l004), str_of(&l004["message"])),
        ("Sheet1!C1".to_string(), "列「阅读量」无法识别，已忽略")
    );
    let l005 = problem(f, "L005");
    assert_eq!(place(l005), "Sheet1!D1");
    assert!(
        str_of(&l005["message"]).contains("只读取「标题」一列"),
        "{l005:#}"
    );
}

// ---- Files ----

#[test]
fn a_folder_is_listed_in_a_stable_order_with_lock_files_skipped() {
    let ws = Ws::new();
    let csv = "单位,月份,数量\n民政局,2018年4月,3\n";
    ws.write("inbox/b.csv", csv.replace('3', "4"));
    ws.write("inbox/a.csv", csv);
    ws.write("inbox/民政局/4月.csv", csv.replace('3', "5"));
    for junk in [
        "inbox/~$a.xlsx",
        "inbox/.~lock.a.xlsx#",
        "inbox/._a.csv",
        "inbox/.DS_Store",
        "inbox/民政局/Thumbs.db",
    ] {
        ws.write(junk, b"\x00junk");
    }
    let seen = ws.inspect(&["inbox"]);
    assert_eq!(seen.code, 0);
    let listed: Vec<String> = seen.json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| format!("{} {}", str_of(&f["path"]), str_of(&f["status"])))
        .collect();
    assert_eq!(
        listed,
        [
            "inbox/a.csv ok",
            "inbox/b.csv ok",
            "inbox/民政局/4月.csv ok",
            "inbox/.DS_Store skipped",
            "inbox/._a.csv skipped",
            "inbox/.~lock.a.xlsx# skipped",
            "inbox/~$a.xlsx skipped",
            "inbox/民政局/Thumbs.db skipped",
        ]
    );
    let lock = &seen.json["files"][6];
    assert_eq!(
        problem(lock, "F001")["message"],
        "已跳过系统或临时文件（~$a.xlsx）"
    );
    assert_eq!(lock["sheets"], Value::Array(Vec::new()));
    let text = ws.zwgk(&["inspect", "inbox/~$a.xlsx"]).stdout;
    assert!(
        text.starts_with("文件：inbox/~$a.xlsx\n  格式：未读取  大小：5 字节\n  已跳过\n"),
        "{text}"
    );
    // The same folder gives the same answer every time.
    assert_eq!(ws.inspect(&["inbox"]).json, seen.json);
}

#[test]
fn the_same_file_twice_is_reported_once_as_a_duplicate() {
    let ws = Ws::new();
    let csv = "单位,月份,数量\n财政局,2018年4月,3\n";
    ws.write("inbox/财政局(1).csv", csv);
    ws.write("inbox/财政局.csv", csv);
    let seen = ws.inspect(&["inbox"]);
    let files = seen.json["files"].as_array().expect("files");
    let (copy, kept) = (&files[0], &files[1]);
    assert_eq!(
        (str_of(&copy["path"]), str_of(&kept["path"])),
        ("inbox/财政局(1).csv", "inbox/财政局.csv")
    );
    assert_eq!((&kept["status"], codes(kept)), (&Value::from("ok"), vec![]));
    assert_eq!(copy["status"], "skipped");
    let p = problem(copy, "F002");
    assert_eq!(
        (&p["severity"], &p["message"]),
        (
            &Value::from("warning"),
            &Value::from("与「inbox/财政局.csv」内容完全相同，只计一次")
        )
    );
    assert_eq!(copy["sha256"], kept["sha256"]);
    // Its sheets are the kept copy's; listed again they would read "no header found".
    assert_eq!(copy["sheets"], Value::Array(Vec::new()));
    let text = ws.zwgk(&["inspect", "inbox"]).stdout;
    assert!(!text.contains("未找到表头"), "{text}");
    assert!(
        text.contains("文件：inbox/财政局(1).csv\n  格式：逗号分隔文本  编码：UTF-8  大小："),
        "{text}"
    );
}

#[test]
fn zip_declaring_a_huge_part_is_refused_before_unpacking() {
    let mut bytes = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "单位")?;
        Ok(())
    });
    // Declare the first part of the central directory as ~3.75 GiB uncompressed.
    let at = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("central directory");
    bytes[at + 24..at + 28].copy_from_slice(&0xF000_0000u32.to_le_bytes());
    let ws = Ws::new();
    ws.write("炸弹.xlsx", bytes);
    let seen = ws.inspect(&["炸弹.xlsx"]);
    let f = seen.file();
    assert_eq!(seen.code, 1);
    let msg = str_of(&problem(f, "F007")["message"]);
    assert!(
        msg.contains("3840.0 MiB") && msg.contains("512 MiB（part_mib）"),
        "{msg}"
    );
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let ws = Ws::new();
    let good = xlsx(|wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "标题")?;
        s.write_string(0, 1, "发布日期")?;
        s.write_string(1, 0, "通知一")?;
        s.write_string(1, 1, "2018-04-03")?;
        Ok(())
    });
    ws.write("inbox/a-截断.xlsx", &good[..good.len() / 2]);
    ws.write("inbox/b-乱码.xls", {
        let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        junk.extend((0..600u32).map(|i| (i * 7 % 251) as u8));
        junk
    });
    ws.write(
        "inbox/c-坏工作表.xlsx",
        edit_part(&good, "xl/worksheets/sheet1.xml", "<v>0</v>", "<v>999</v>"),
    );
    ws.write("inbox/d-正常.xlsx", &good);
    let seen = ws.inspect(&["inbox"]);
    assert_eq!(seen.code, 1);
    let files = seen.json["files"].as_array().expect("files");
    let summary: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "{} {} {:?}",
                str_of(&f["path"]),
                str_of(&f["status"]),
                codes(f)
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            r#"inbox/a-截断.xlsx failed ["F005"]"#,
            r#"inbox/b-乱码.xls failed ["F005"]"#,
            r#"inbox/c-坏工作表.xlsx failed ["F005"]"#,
            r#"inbox/d-正常.xlsx ok []"#,
        ]
    );
    assert_eq!(place(&files[2]["problems"][0]), "Sheet1!-");
    assert_eq!(files[3]["sheets"][0]["rows"], 1);
    let truncated = str_of(&files[0]["problems"][0]["message"]);
    assert!(truncated.contains("压缩结构损坏"), "{truncated}");
}

#[test]
fn hundreds_of_small_csv_files_are_read_without_crashing() {
    // Polars works in its own thread pool; reading files on rayon workers that wait for it
    // nested one file inside the next on the same stack until it overflowed (an abort).
    let ws = Ws::new();
    for i in 0..400 {
        ws.write(
            &format!("inbox/{i:03}.csv"),
            format!("单位,月份,数量\n民政局,2018年4月,{i}\n"),
        );
    }
    for _ in 0..3 {
        let seen = ws.inspect(&["inbox"]);
        let files = seen.json["files"].as_array().expect("files");
        assert_eq!(files.len(), 400);
        assert!(files.iter().all(|f| f["sheets"][0]["rows"] == 1));
        assert_eq!(files[399]["path"], "inbox/399.csv");
    }
}

#[test]
fn formula_cells_without_a_result_show_the_formula() {
    // Libraries such as XlsxWriter store 0 for a formula given no result and ask for a
    // recalculation: the total shows the formula, not a 0 nobody computed.
    let ws = Ws::new();
    ws.book("统计.xlsx", |wb| {
        let s = wb.add_worksheet();
        s.write_string(0, 0, "单位")?;
        s.write_string(0, 1, "数量")?;
        s.write_string(1, 0, "民政局")?;
        s.write_number(1, 1, 3)?;
        s.write_string(2, 0, "财政局")?;
        s.write_number(2, 1, 4)?;
        s.write_string(3, 0, "合计")?;
        s.write_formula(3, 1, Formula::new("=SUM(B2:B3)").set_result("0"))?;
        Ok(())
    });
    let seen = ws.inspect(&["统计.xlsx"]);
    assert_eq!(
        seen.sheet(0)["totals"],
        serde_json::json!([{"row": 4, "label": "合计", "values": [["count", "=SUM(B2:B3)"]], "closes": 2}])
    );
}

// ---- The command line ----

#[test]
fn a_reader_that_stops_early_does_not_make_inspect_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let ws = Ws::new();
    // Far more output than a pipe holds, so the binary is still writing when the reader goes.
    for i in 0..150 {
        ws.write(
            &format!("inbox/{i:03}.csv"),
            format!("单位,月份,数量\n民政局,2018年4月,{i}\n"),
        );
    }
    for json in [true, false] {
        let mut args = vec!["inspect", "inbox"];
        if json {
            args.push("--json");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_zwgk"))
            .args(&args)
            .current_dir(ws.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn zwgk");
        let mut head = [0u8; 64];
        let mut stdout = child.stdout.take().expect("stdout");
        let first = stdout.read_exact(&mut head);
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            first.is_ok(),
            "{args:?} {first:?} {:?}: {stderr}",
            out.status
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn help_texts_are_chinese() {
    let ws = Ws::new();
    let top = ws.zwgk(&["--help"]);
    assert_eq!(top.code, 0);
    for want in [
        "用法：zwgk <命令> [选项]",
        "命令",
        "inspect",
        "查看工具如何读取每个文件",
        "run",
        "check",
        "显示帮助",
    ] {
        assert!(top.stdout.contains(want), "{want} in:\n{}", top.stdout);
    }
    let inspect = ws.zwgk(&["inspect", "--help"]);
    assert_eq!(inspect.code, 0);
    for want in [
        "用法：zwgk inspect <路径>... [--json]",
        "<路径>",
        "要查看的文件或文件夹",
        "--json",
        "以 JSON 格式输出",
    ] {
        assert!(
            inspect.stdout.contains(want),
            "{want} in:\n{}",
            inspect.stdout
        );
    }
    assert!(!inspect.stdout.contains("Usage"), "{}", inspect.stdout);
}

#[test]
fn command_line_mistakes_exit_2_with_a_chinese_message() {
    let ws = Ws::new();
    ws.write("a.csv", "单位,数量\n民政局,1\n");
    let cases: [(&[&str], &str); 6] = [
        (&["inspect", "--foo", "a.csv"], "错误：未知的参数「--foo」"),
        (
            &["notice", "公告"],
            "错误：参数 <种类> 的值「公告」无效：可用的值为 通报、催报",
        ),
        (&["inspect"], "错误：缺少必填的参数"),
        (&["frobnicate"], "错误：未知的命令「frobnicate」"),
        (
            &["help", "run"],
            "错误：查看用法请用 zwgk --help，某个命令的用法请用 zwgk <命令> --help",
        ),
        (
            &["inspect", "a.csv", "不存在.xlsx"],
            "错误：无法读取「不存在.xlsx」：文件或文件夹不存在",
        ),
    ];
    for (args, want) in cases {
        let out = ws.zwgk(args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
    }
}

#[test]
fn text_report_names_format_sheet_header_and_problems() {
    let ws = Ws::new();
    ws.gbk("inbox/民政局-2018年4月.xls", HTML_XLS);
    let out = ws.zwgk(&["inspect", "inbox/民政局-2018年4月.xls"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let want = "文件：inbox/民政局-2018年4月.xls
  格式：网页表格  编码：GB18030  大小：";
    assert!(out.stdout.starts_with(want), "{}", out.stdout);
    for line in [
        "  工作表「民政局-2018年4月」（可见）：明细表，表头在第 2 行，数据 3 行",
        "    列：A 序号 → 序号；B 信息标题 → 标题；C 发布时间 → 发布日期；D 所属栏目 → 栏目",
        "    第 1 行 标题：大英县民政局2018年4月信息发布明细",
        "  问题：",
        "    [提示] F003 inbox/民政局-2018年4月.xls：扩展名为 .xls，实际为网页表格，已按实际格式读取",
    ] {
        assert!(
            out.stdout.lines().any(|l| l == line),
            "{line} in:\n{}",
            out.stdout
        );
    }
}

#[test]
fn readme_inspect_example_is_what_the_binary_prints() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let section = readme
        .split("## 查看文件：zwgk inspect")
        .nth(1)
        .expect("README section 查看文件");
    let prompt = "$ zwgk inspect ";
    let block = section
        .split_once(prompt)
        .map(|(_, rest)| rest)
        .expect("an inspect example");
    let (command, rest) = block.split_once('\n').expect("command line");
    let shown = rest.split("```").next().expect("example output");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .arg("inspect")
        .args(command.split_whitespace())
        .current_dir(root.join("samples/daying-2018"))
        .output()
        .expect("run zwgk");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        printed.trim_end(),
        shown.trim_end(),
        "README 中的示例需更新"
    );
}
