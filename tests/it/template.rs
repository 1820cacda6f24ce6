//! `zwgk template`: every unit's template, filled in as a person would and dropped into
//! the inbox, comes back through the run without a single problem.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

use crate::harness::{Ws, part, sheet_names, sheet_text, type_cells};

/// One filled row: title, date (yyyy, m, d), section, link.
struct Item<'a> {
    title: String,
    date: (i32, u32, u32),
    section: &'a str,
    link: String,
}

/// The Excel serial of a date.
pub(crate) fn serial((y, m, d): (i32, u32, u32)) -> u32 {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days() as u32
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Fills the first sheet of the template at `from` with `items` from its first blank
/// row (row 4) on, editing the sheet XML in the zip, and writes the result to `to`.
fn fill(from: &Path, to: &Path, items: &[Item]) {
    let mut cells = Vec::new();
    for (n, item) in (4..).zip(items) {
        for (col, s) in [
            ("B", &item.title),
            ("D", &item.section.to_string()),
            ("E", &item.link),
        ] {
            if !s.is_empty() {
                let value = format!(" t=\"inlineStr\"><is><t>{}</t></is>", escape(s));
                cells.push((1, format!("{col}{n}"), value));
            }
        }
        cells.push((1, format!("C{n}"), format!("><v>{}</v>", serial(item.date))));
    }
    type_cells(from, to, &cells);
}

/// The 栏目 options a template's dropdown offers, read from the range its list
/// validation names.
pub(crate) fn dropdown(template: &Path) -> Vec<String> {
    let xml = part(template, "xl/worksheets/sheet1.xml");
    let list = xml
        .split("type=\"list\"")
        .nth(1)
        .expect("a list validation");
    let formula = &list[list.find("<formula1>").unwrap() + 10..list.find("</formula1>").unwrap()];
    let (sheet, range) = formula.rsplit_once('!').unwrap();
    let sheet = sheet.trim_matches('\'');
    // A unit with one section gets a one-cell range.
    let range = range.replace('$', "");
    let (a, b) = range.split_once(':').unwrap_or((&range, &range));
    let row = |c: &str| c[1..].parse::<u32>().unwrap() - 1;
    let (first, last) = (row(a), row(b));
    let mut book = open_workbook_auto(template).unwrap();
    let cells = book.worksheet_range(sheet).unwrap();
    (first..=last)
        .map(|r| match cells.get_value((r, 0)) {
            Some(Data::String(s)) => s.clone(),
            other => panic!("option at row {r}: {other:?}"),
        })
        .collect()
}

/// The templates `zwgk template` wrote, sorted.
pub(crate) fn written(ws: &Ws, dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(ws.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The problems of a run located in the inbox, as rows of 问题清单.
fn inbox_problems(ws: &Ws) -> Vec<Vec<String>> {
    let book = ws.join("out/2018-04/汇总-2018-04.xlsx");
    sheet_text(&book, "问题清单")
        .into_iter()
        .filter(|r| r.iter().any(|c| c.starts_with("inbox/")))
        .collect()
}

#[test]
fn every_unit_template_filled_in_comes_back_through_the_run_without_a_problem() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["template"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("共 64 个信息公开报送表"),
        "{}",
        out.stdout
    );
    let templates = written(&ws, "out/templates", "xlsx");
    assert_eq!(templates.len(), 64);
    std::fs::remove_dir_all(ws.join("inbox")).unwrap();
    for (i, t) in templates.iter().enumerate() {
        let options = dropdown(t);
        assert!(!options.is_empty(), "{}", t.display());
        let items: Vec<Item> = [options.first().unwrap(), options.last().unwrap()]
            .iter()
            .enumerate()
            .map(|(n, section)| Item {
                title: format!("=第{i}号单位4月第{n}条信息：关于“春耕”的通知"),
                date: (2018, 4, 3 + n as u32 * 10),
                section,
                // Distinct links: the same link twice is the same item.
                link: format!("http://www.daying.gov.cn/art/2018/4/{i}_{n}.html"),
            })
            .collect();
        let name = t
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("信息公开报送表", "2018年4月");
        fill(t, &ws.join(&format!("inbox/{name}")), &items);
    }
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(inbox_problems(&ws), Vec::<Vec<String>>::new());
    let manifest = crate::harness::manifest(&ws, "2018-04");
    let inputs: Vec<_> = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["role"] == "submission")
        .collect();
    assert_eq!(inputs.len(), 64);
    for input in inputs {
        assert_eq!(input["status"], "ok", "{input}");
        assert!(!input["unit"].is_null(), "{input}");
        let sheet = &input["sheets"][0];
        assert_eq!(sheet["kind"], "items", "{input}");
        assert_eq!(
            (
                sheet["rows_accepted"].as_u64(),
                sheet["rows_rejected"].as_u64()
            ),
            (Some(2), Some(0))
        );
    }
    for unit in manifest["units"].as_array().unwrap() {
        assert_eq!(unit["period_items"], 2, "{unit}");
    }
}

#[test]
fn a_csv_template_filled_in_gb18030_comes_back_without_a_problem() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["template", "--csv", "-o", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = written(&ws, "csv", "csv");
    assert_eq!(files.len(), 64);
    std::fs::remove_dir_all(ws.join("inbox")).unwrap();
    for (i, f) in files.iter().enumerate().filter(|(_, f)| {
        let name = f.to_string_lossy();
        ["民政局", "蓬莱镇", "政府办"]
            .iter()
            .any(|u| name.contains(u))
    }) {
        let bytes = std::fs::read(f).unwrap();
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        let filled = format!(
            "{text}1,关于做好春耕工作的通知,2018/4/5,工作动态,\r\n2,四月低保名单公示,2018-04-18,通知,http://www.daying.gov.cn/{i}.html\r\n"
        );
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        ws.gbk(&format!("inbox/{name}"), &filled);
    }
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}", out.stderr);
    let problems = inbox_problems(&ws);
    // 工作动态 is a heading of the sections table; every unit here answers for a row of it.
    assert_eq!(problems, Vec::<Vec<String>>::new());
    let manifest = crate::harness::manifest(&ws, "2018-04");
    assert_eq!(manifest["totals"]["items_in_period"], 6);
}

#[test]
fn a_template_has_the_unit_line_a_frozen_header_a_dropdown_and_a_date_check() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["template", "--unit", "县民政局"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = ws.join("out/templates/民政局-信息公开报送表.xlsx");
    assert!(
        out.stdout
            .contains("out/templates/民政局-信息公开报送表.xlsx"),
        "{}",
        out.stdout
    );
    assert_eq!(written(&ws, "out/templates", "xlsx").len(), 1);
    assert_eq!(sheet_names(&path), ["民政局", "填表说明"]);
    let cells = sheet_text(&path, "民政局");
    assert_eq!(cells[0][0], "大英县政务公开信息报送表");
    assert_eq!(cells[1][0], "填报单位：民政局");
    assert_eq!(cells[2], ["序号", "标题", "发布日期", "栏目", "链接"]);
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""),
        "{xml}"
    );
    assert!(
        xml.contains("type=\"date\"") && xml.contains("sqref=\"C4:C2003\""),
        "{xml}"
    );
    assert!(
        xml.contains("sqref=\"D4:D2003\"><formula1>填表说明!$A$"),
        "{xml}"
    );
    // The date column's blank cells are formatted as dates, so that typing 2018-4-5 makes one.
    let styles = part(&path, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"yyyy-mm-dd\""));
    let options = dropdown(&path);
    assert!(options.contains(&"社会救助".to_string()), "{options:?}");
    assert!(!options.contains(&"统计信息".to_string()), "{options:?}");
    let notes = sheet_text(&path, "填表说明");
    assert!(
        notes
            .iter()
            .any(|r| r[0].starts_with("1. 本表由民政局填报")),
        "{notes:?}"
    );
}

/// 赤壁 answers for pilot domains only: its 报送表 asks for a 领域, lists the unit's
/// domains as 可选领域, and filled in with them comes back counted in those domains.
#[test]
fn a_workspace_of_pilot_domains_asks_its_units_for_a_domain() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["template", "--unit", "民政局"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = ws.join("out/templates/民政局-信息公开报送表.xlsx");
    let cells = sheet_text(&path, "民政局");
    assert_eq!(cells[2], ["序号", "标题", "发布日期", "领域", "链接"]);
    let notes = sheet_text(&path, "填表说明");
    let said = |start: &str| notes.iter().any(|r| r[0].starts_with(start));
    assert!(said("5. 领域：从下拉列表中选择，可选领域列在"), "{notes:?}");
    assert!(said("可选领域（本单位负责的领域）："), "{notes:?}");
    assert!(
        !notes.iter().flatten().any(|c| c.contains("栏目")),
        "{notes:?}"
    );
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("请从下拉列表中选择领域"), "{xml}");
    let options = dropdown(&path);
    assert_eq!(options, ["社会救助领域", "养老服务领域"]);

    std::fs::remove_dir_all(ws.join("inbox")).unwrap();
    let items: Vec<Item> = (options.iter().enumerate())
        .map(|(n, section)| Item {
            title: format!("民政局10月第{n}条信息"),
            date: (2020, 10, 12 + n as u32),
            section,
            link: format!("http://www.chibi.gov.cn/{n}.html"),
        })
        .collect();
    fill(&path, &ws.join("inbox/民政局-2020年10月.xlsx"), &items);
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let problems = sheet_text(&book, "问题清单");
    let about: Vec<_> = (problems.iter())
        .filter(|r| r[3] == "inbox/民政局-2020年10月.xlsx")
        .collect();
    assert!(about.is_empty(), "{about:?}");
    let coverage = sheet_text(&book, "栏目覆盖");
    for domain in &options {
        let row = coverage.iter().find(|r| &r[1] == domain).unwrap();
        assert_eq!(row[3], "1", "{row:?}");
    }
}

#[test]
fn an_unknown_unit_is_refused_with_the_closest_names() {
    let ws = Ws::sample("daying-2018");
    let out = ws.zwgk(&["template", "--unit", "民政"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("单位名称表中没有「民政」：最接近的单位：民政局"),
        "{}",
        out.stderr
    );
    assert!(!ws.join("out/templates").exists());
}

#[test]
fn template_sheet_and_file_names_from_awkward_unit_names_are_safe() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\n",
    );
    let long = "县人民政府办公室（县政府研究室、县外事侨务办公室、县金融工作服务中心）";
    ws.write(
        "reference/units.csv",
        format!(
            "单位名称,类别\n农业农村局/乡村振兴局,部门\n{long},部门\n统计局[普查]*中心?,部门\n"
        ),
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n农业农村局/乡村振兴局,100\n",
    );
    let out = ws.zwgk(&["template"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let files = written(&ws, "out/templates", "xlsx");
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.contains(&"农业农村局_乡村振兴局-信息公开报送表.xlsx".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"统计局[普查]_中心_-信息公开报送表.xlsx".to_string()),
        "{names:?}"
    );
    for f in &files {
        assert_eq!(f.parent(), Some(ws.join("out/templates").as_path()));
        let sheet = sheet_names(f).remove(0);
        assert!(
            sheet.chars().map(char::len_utf16).sum::<usize>() <= 31,
            "{sheet}"
        );
        assert!(
            !sheet.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{sheet}"
        );
    }
    // Filled in, each still comes back without a problem.
    for (i, f) in files.iter().enumerate() {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let item = Item {
            title: format!("第{i}条"),
            date: (2018, 4, 9),
            section: "",
            link: String::new(),
        };
        fill(f, &ws.join(&format!("inbox/{name}")), &[item]);
    }
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}", out.stderr);
    assert_eq!(inbox_problems(&ws), Vec::<Vec<String>>::new());
}

/// The office edits `templates/信息公开报送表.toml` (made by `zwgk init --templates`): a
/// reworded title and instruction, a wider 标题 column and fewer blank rows show in the
/// next 报送表, which still comes back through the run without a problem; a definition
/// with a TOML mistake stops with the file and line, exit code 2, and writes nothing.
#[test]
fn the_item_list_follows_the_offices_edited_definition_and_a_broken_one_names_file_and_line() {
    let ws = Ws::sample("daying-2018");
    assert_eq!(ws.zwgk(&["init", ".", "--templates"]).code, 0);
    let path = ws.join("templates/信息公开报送表.toml");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("政务公开信息报送表\"", "政务公开信息月报表\"")
        .replace("2. 序号：可不填。", "2. 序号：从 1 起按发布先后编号。")
        .replace("width = 28", "width = 40")
        .replace("blank_rows = 34", "blank_rows = 10");
    std::fs::write(&path, &edited).unwrap();
    let out = ws.zwgk(&["template", "--unit", "民政局", "--period", "2018-04"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let form = ws.join("out/templates/民政局-信息公开报送表.xlsx");
    let cells = sheet_text(&form, "民政局");
    assert_eq!(cells[0][0], "大英县政务公开信息月报表");
    let notes = sheet_text(&form, "填表说明");
    assert!(
        notes
            .iter()
            .any(|r| r[0] == "2. 序号：从 1 起按发布先后编号。"),
        "{notes:?}"
    );
    // {file} names the period's file.
    assert!(
        notes
            .iter()
            .any(|r| r[0].contains("“民政局-2018年4月.xlsx”")),
        "{notes:?}"
    );
    let xml = part(&form, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("<col min=\"2\" max=\"2\" width=\"40."),
        "{xml}"
    );
    // Ten bordered rows under the header (rows 4–13), then the instructions as a note.
    assert!(cells[13][0].starts_with("填表说明："), "{cells:?}");
    std::fs::remove_dir_all(ws.join("inbox")).unwrap();
    let item = Item {
        title: "关于春耕的通知".into(),
        date: (2018, 4, 3),
        section: &dropdown(&form)[0],
        link: "http://www.daying.gov.cn/art/2018/4/1.html".into(),
    };
    fill(&form, &ws.join("inbox/民政局-2018年4月.xlsx"), &[item]);
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(inbox_problems(&ws), Vec::<Vec<String>>::new());
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("blank_rows = 10", "blank_rows = 十")).unwrap();
    std::fs::remove_dir_all(ws.join("out/templates")).unwrap();
    let out = ws.zwgk(&["template", "--unit", "民政局"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let line = 1 + text.lines().position(|l| l == "blank_rows = 10").unwrap();
    let want = format!("模板 templates/信息公开报送表.toml 第 {line} 行有误");
    assert!(out.stderr.contains(&want), "{}", out.stderr);
    assert!(!ws.join("out/templates").exists());
}

#[test]
fn template_output_folder_is_never_an_input_folder_or_a_file() {
    let ws = Ws::sample("daying-2018");
    let before = ws.snapshot();
    for (output, says) in [
        ("inbox", "在报送文件夹 inbox 中"),
        ("reference", "在参考表文件夹 reference 中"),
        ("templates/各单位", "在模板文件夹 templates 中"),
        ("zwgk.toml", "是工作目录的输入文件 zwgk.toml"),
        ("README.md", "是已有的文件，不是文件夹"),
    ] {
        let out = ws.zwgk(&["template", "--unit", "民政局", "-o", output]);
        assert_eq!(out.code, 2, "{output}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(says), "{output}: {}", out.stderr);
    }
    assert_eq!(ws.snapshot(), before);
}
