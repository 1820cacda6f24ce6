//! The print check: every output of every sample printed through LibreOffice to PDF and
//! judged from the printed pages, as the clerk who staples an annex to a 公文 or hands
//! each unit its report would: annex text at its real size (a 12 pt body never shrunk
//! to fit), report text at least 10.8 pt (shrunk to 90 % at most), no page holding only
//! a repeated header or a 落款, page numbers right on odd and left on even pages (a
//! 公文's in 4号), each report numbered from 1, every printed row of a sections annex
//! with its 一级栏目, every unit with a target labelled in the completion chart, the
//! blank template on one page with its instructions, no line of an annex, a report or
//! a 自评表 begun with a closing mark (、，。》), and only the fonts
//! `scripts/fonts.conf` maps to. Skipped, saying so, without LibreOffice.
//!
//! A new output joins the check by a line in [`STEPS`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::harness::{CLOSING_MARKS, Ws, part, sheet_names, sheet_text};
use crate::paper::{self, Page};

/// How an output is judged on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An annex (附件) for a 公文.
    Annex,
    /// The sections annex: an annex whose rows each show their 一级栏目.
    Sections,
    /// Evaluation reports, one unit per sheet, each ending in its 落款.
    Reports,
    /// The consolidated 汇总 workbook with its completion chart.
    Summary,
    /// Any other workbook: its fonts, and no page of header rows alone.
    Workbook,
    /// A blank submission template.
    Template,
    /// A form to fill in (目录编制表, 联系人登记表, 统计表, 自评表) with its 填表说明: its
    /// fonts, and no line begun with a closing mark.
    Form,
    /// A drafted 公文 (.docx): its fonts, type size and page numbers.
    Document,
}

/// One command and the outputs it writes, for the samples it runs on; `{p}` is the
/// sample's period, `{d}` its report date and `{u}` a unit.
struct Step {
    samples: &'static [&'static str],
    args: &'static [&'static str],
    outputs: &'static [(&'static str, Kind)],
}

const CLASSIC: &[&str] = &["daying-2018", "tangyin-2022", "chibi-2020"];

const STEPS: &[Step] = &[
    Step {
        samples: CLASSIC,
        args: &["run", "--period", "{p}"],
        outputs: &[("out/{p}/汇总-{p}.xlsx", Kind::Summary)],
    },
    Step {
        samples: CLASSIC,
        args: &["report", "--period", "{p}", "--date", "{d}"],
        outputs: &[("out/{p}/评估报告/评估报告汇编-{p}.xlsx", Kind::Reports)],
    },
    Step {
        samples: CLASSIC,
        args: &["annex", "targets"],
        outputs: &[("out/附件-targets.xlsx", Kind::Annex)],
    },
    Step {
        samples: CLASSIC,
        args: &["annex", "progress", "--period", "{p}"],
        outputs: &[("out/{p}/附件-progress.xlsx", Kind::Annex)],
    },
    Step {
        samples: &["daying-2018", "tangyin-2022"],
        args: &["annex", "sections"],
        outputs: &[("out/附件-sections.xlsx", Kind::Sections)],
    },
    Step {
        samples: CLASSIC,
        args: &["annex", "domains"],
        outputs: &[("out/附件-domains.xlsx", Kind::Annex)],
    },
    Step {
        samples: CLASSIC,
        args: &["template", "--unit", "{u}", "-o", "out/templates"],
        outputs: &[("out/templates/{u}-信息公开报送表.xlsx", Kind::Template)],
    },
    Step {
        samples: CLASSIC,
        args: &["notice", "通报", "--period", "{p}", "--date", "{d}"],
        outputs: &[("out/{p}/通报-{p}.docx", Kind::Document)],
    },
    Step {
        samples: CLASSIC,
        args: &["notice", "催报", "--period", "{p}", "--date", "{d}"],
        outputs: &[("out/{p}/催报-{p}.docx", Kind::Document)],
    },
    Step {
        samples: &["chibi-2020"],
        args: &["run", "--period", "{p}"],
        outputs: &[("out/{p}/标准目录-{p}.xlsx", Kind::Workbook)],
    },
    Step {
        samples: &["chibi-2020"],
        args: &["annex", "catalogue", "--period", "{p}"],
        outputs: &[("out/附件-catalogue.xlsx", Kind::Annex)],
    },
    Step {
        samples: &["daying-2018"],
        args: &["annex", "contacts", "--period", "{p}"],
        outputs: &[("out/附件-contacts.xlsx", Kind::Annex)],
    },
    // Only a unit that answers for a pilot domain gets a catalogue form: 汤阴's 政府办 does
    // not.
    Step {
        samples: &["daying-2018", "chibi-2020"],
        args: &[
            "template",
            "--form",
            "catalogue",
            "--unit",
            "{u}",
            "-o",
            "out/forms",
        ],
        outputs: &[("out/forms/{u}-目录编制表.xlsx", Kind::Form)],
    },
    Step {
        samples: CLASSIC,
        args: &[
            "template",
            "--form",
            "contacts",
            "--unit",
            "{u}",
            "-o",
            "out/forms",
        ],
        outputs: &[("out/forms/{u}-联系人登记表.xlsx", Kind::Form)],
    },
    Step {
        samples: CLASSIC,
        args: &[
            "template",
            "--form",
            "counts",
            "--unit",
            "{u}",
            "-o",
            "out/forms",
        ],
        outputs: &[("out/forms/{u}-统计表.xlsx", Kind::Form)],
    },
    Step {
        samples: &["huainan-2021", "taijiang-2021"],
        args: &[
            "template",
            "--form",
            "self-assessment",
            "--unit",
            "{u}",
            "-o",
            "out/forms",
        ],
        outputs: &[("out/forms/{u}-自评表.xlsx", Kind::Form)],
    },
    Step {
        samples: &["huainan-2021", "taijiang-2021"],
        args: &["assess"],
        outputs: &[
            ("out/{p}/考核结果-{p}.xlsx", Kind::Workbook),
            ("out/{p}/附件-公示.xlsx", Kind::Annex),
            ("out/{p}/附件-结果.xlsx", Kind::Annex),
        ],
    },
];

/// Each sample with its period, its report date and a unit whose template is printed.
const SAMPLES: &[[&str; 4]] = &[
    ["daying-2018", "2018-04", "2018-04-27", "政府办"],
    ["tangyin-2022", "2022Q2", "2022-06-23", "政府办"],
    ["chibi-2020", "2020-10", "2020-10-30", "民政局"],
    ["huainan-2021", "2021", "", "寿县"],
    ["taijiang-2021", "2021", "", "财政局"],
];

/// An output written for the check, under a name unique across samples.
struct Output {
    sample: &'static str,
    file: PathBuf,
    kind: Kind,
}

#[test]
fn every_output_of_every_sample_prints_as_an_office_files_it() {
    if !paper::available() {
        eprintln!(
            "打印检查已跳过：未安装 LibreOffice（soffice）、poppler-utils（pdftotext、pdffonts）\
             或 Noto CJK 字体。安装 libreoffice-calc-nogui poppler-utils fonts-noto-cjk \
             fonts-dejavu-core 后即可运行（.ci/run 会自动安装）。"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let workspaces: Vec<Ws> = SAMPLES.iter().map(|s| Ws::sample(s[0])).collect();
    let outputs: Vec<Output> = SAMPLES
        .iter()
        .zip(&workspaces)
        .flat_map(|(s, ws)| write_outputs(ws, s, dir.path()))
        .collect();
    let files: Vec<PathBuf> = outputs.iter().map(|o| o.file.clone()).collect();
    let pdfs = paper::print(&files, dir.path());
    let mut failures = Vec::new();
    for (output, pdf) in outputs.iter().zip(&pdfs) {
        let name = output.file.file_name().unwrap().to_string_lossy();
        for failure in judge(output, &paper::pages(pdf), &paper::fonts(pdf)) {
            failures.push(format!("{name}: {failure}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs the sample's steps in its workspace; copies each output into `dir` under
/// `<sample>-<name>`.
fn write_outputs(ws: &Ws, sample: &[&'static str; 4], dir: &Path) -> Vec<Output> {
    let fill = |s: &str| {
        s.replace("{p}", sample[1])
            .replace("{d}", sample[2])
            .replace("{u}", sample[3])
    };
    let mut outputs = Vec::new();
    for step in STEPS.iter().filter(|s| s.samples.contains(&sample[0])) {
        let args: Vec<String> = step.args.iter().map(|a| fill(a)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ws.zwgk(&args);
        for &(output, kind) in step.outputs {
            let written = ws.join(&fill(output));
            assert!(
                written.is_file(),
                "{} {args:?} wrote no {}: {}{}",
                sample[0],
                written.display(),
                out.stdout,
                out.stderr
            );
            let name = written.file_name().unwrap().to_string_lossy();
            let file = dir.join(format!("{}-{name}", sample[0]));
            std::fs::copy(&written, &file).unwrap();
            outputs.push(Output {
                sample: sample[0],
                file,
                kind,
            });
        }
    }
    outputs
}

/// Everything wrong with how `output` printed.
fn judge(output: &Output, pages: &[Page], fonts: &[String]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |what: String| failures.push(what);
    // DejaVu Sans is LibreOffice's fallback for the ☑ and ☐ of reports, which no
    // Chinese font has (Excel on Windows falls back to Segoe UI Symbol).
    for font in fonts
        .iter()
        .filter(|f| !f.contains("CJK") && *f != "DejaVuSans")
    {
        fail(format!("字体 {font} 不是 scripts/fonts.conf 映射的字体"));
    }
    if output.kind != Kind::Document && part(&output.file, "xl/styles.xml").contains("Calibri") {
        fail("有单元格格式没有指定中文字体（Calibri）".into());
    }
    let furniture = furniture(&output.file, output.kind);
    for (i, page) in pages.iter().enumerate() {
        if is_furniture(page, &furniture) {
            fail(format!("第 {} 页只有表头或落款：{}", i + 1, page.text()));
        }
    }
    match output.kind {
        Kind::Annex | Kind::Sections | Kind::Reports | Kind::Document => {
            check_type(pages, output.kind, &mut fail);
            check_page_numbers(pages, &mut fail);
        }
        Kind::Summary => check_chart(&output.file, pages, &mut fail),
        Kind::Template => check_template(pages, &mut fail),
        Kind::Workbook | Kind::Form => {}
    }
    if matches!(
        output.kind,
        Kind::Annex | Kind::Sections | Kind::Reports | Kind::Form | Kind::Template
    ) {
        check_marks(pages, &mut fail);
    }
    match output.kind {
        Kind::Document => check_page_number_size(pages, &mut fail),
        Kind::Sections => check_sections(&output.file, pages, &mut fail),
        Kind::Reports => check_reports_restart(&output.file, pages, &mut fail),
        _ => {}
    }
    if failures.is_empty() {
        eprintln!("{}：{} 页，通过", output.sample, pages.len());
    }
    failures
}

/// Texts that do not make a page worth printing on their own: each sheet's header rows
/// repeated on every page and, for reports, the 落款 (the last three rows: the signature
/// line, the office and the date). Spaces are removed.
fn furniture(file: &Path, kind: Kind) -> Vec<String> {
    if kind == Kind::Document {
        return Vec::new();
    }
    let workbook = part(file, "xl/workbook.xml");
    let mut out = BTreeSet::new();
    for (index, sheet) in sheet_names(file).iter().enumerate() {
        let rows = sheet_text(file, sheet);
        let cells = |range: std::ops::Range<usize>| -> Vec<String> {
            rows[range.start.min(rows.len())..range.end.min(rows.len())]
                .iter()
                .flatten()
                .map(|c| c.split_whitespace().collect::<String>())
                .filter(|c| !c.is_empty())
                .collect()
        };
        if let Some((first, last)) = print_titles(&workbook, index) {
            out.extend(cells(first - 1..last));
        }
        if kind == Kind::Reports {
            let filled: Vec<usize> = (0..rows.len())
                .filter(|&r| rows[r].iter().any(|c| !c.trim().is_empty()))
                .collect();
            for &r in filled.iter().rev().take(3) {
                out.extend(cells(r..r + 1));
            }
        }
    }
    out.into_iter().collect()
}

/// The 1-based first and last rows repeated on every page of the sheet at `index`.
fn print_titles(workbook: &str, index: usize) -> Option<(usize, usize)> {
    let tag = format!("name=\"_xlnm.Print_Titles\" localSheetId=\"{index}\">");
    let rest = workbook.split_once(&tag)?.1;
    let ranges = rest.split_once('<')?.0;
    let mut rows = ranges
        .split(',')
        .filter_map(|r| r.rsplit('!').next())
        .find(|r| r.starts_with('$') && r[1..].starts_with(|c: char| c.is_ascii_digit()))?
        .split(':')
        .map(|r| r.trim_start_matches('$').parse::<usize>());
    Some((rows.next()?.ok()?, rows.next()?.ok()?))
}

/// Whether the page holds nothing but `furniture` and its page number.
fn is_furniture(page: &Page, furniture: &[String]) -> bool {
    let mut text = page.text();
    if let Some((n, _)) = page.number() {
        text = text.replacen(&format!("—{n}—"), "", 1);
    }
    for f in furniture {
        text = text.replace(f.as_str(), "");
    }
    text.chars().all(|c| c.is_whitespace() || "：:".contains(c))
}

/// A 公文 and its annexes at their real size, never shrunk to fit: nothing smaller than
/// an annex's 12 pt 仿宋 body (the samples' annexes all fit the page's width, so none is
/// scaled for it). A unit's report may be shrunk to 90 % to stay on one page: no text
/// under 10.8 pt.
fn check_type(pages: &[Page], kind: Kind, fail: &mut impl FnMut(String)) {
    let (least, rule) = match kind {
        Kind::Reports => (10.75, "正文不应小于 10.8 磅"),
        _ => (11.9, "应按实际字号（附件正文 12 磅）打印，不缩小"),
    };
    for (i, page) in pages.iter().enumerate() {
        if let Some(w) = page.words.iter().find(|w| w.size() < least) {
            fail(format!(
                "第 {} 页「{}」只有 {:.1} 磅，{rule}",
                i + 1,
                w.text,
                w.size()
            ));
        }
    }
}

/// GB/T 9704: page numbers right on odd pages and left on even ones.
fn check_page_numbers(pages: &[Page], fail: &mut impl FnMut(String)) {
    for (i, page) in pages.iter().enumerate() {
        let Some((n, word)) = page.number() else {
            fail(format!("第 {} 页没有页码", i + 1));
            continue;
        };
        let right = word.centre_x() > page.width / 2.0;
        if right != (n % 2 == 1) {
            let side = if right { "右" } else { "左" };
            fail(format!(
                "第 {} 页页码 {n} 在{side}侧：单页码应居右、双页码居左",
                i + 1
            ));
        }
    }
}

/// No printed line starts with a closing mark (》第十五条, 、对口学校, a lone 。):
/// LibreOffice keeps no rule on marks where a cell wraps, and zwgk breaks such a cell's
/// lines itself. Each line of a cell is a word to poppler.
fn check_marks(pages: &[Page], fail: &mut impl FnMut(String)) {
    for (i, page) in pages.iter().enumerate() {
        for word in &page.words {
            if word.text.starts_with(|c| CLOSING_MARKS.contains(c)) {
                fail(format!("第 {} 页有一行以点号开头：{}", i + 1, word.text));
            }
        }
    }
}

/// GB/T 9704 7.5: a 公文's page numbers in 4号 (14 pt) 宋体, not its text's 3号.
fn check_page_number_size(pages: &[Page], fail: &mut impl FnMut(String)) {
    for (i, page) in pages.iter().enumerate() {
        if let Some((n, word)) = page
            .number()
            .filter(|(_, w)| (w.size() - 14.0).abs() >= 0.5)
        {
            fail(format!(
                "第 {} 页页码 {n} 为 {:.1} 磅，应为 4 号（14 磅）",
                i + 1,
                word.size()
            ));
        }
    }
}

/// Each unit's report starts at page 1, however many reports the workbook holds.
fn check_reports_restart(file: &Path, pages: &[Page], fail: &mut impl FnMut(String)) {
    let title = sheet_text(file, &sheet_names(file)[0])[0][0].clone();
    let starts: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].text().contains(&title))
        .collect();
    assert!(starts.len() > 1, "no report titled {title}");
    for i in starts {
        if let Some((n, _)) = pages[i].number().filter(|(n, _)| *n != 1) {
            fail(format!("第 {} 页是一份报告的首页，页码却是 {n}", i + 1));
        }
    }
}

/// Every row printed shows its 一级栏目: each page names the 一级栏目 of every row on it.
fn check_sections(file: &Path, pages: &[Page], fail: &mut impl FnMut(String)) {
    let rows = sheet_text(file, &sheet_names(file)[0]);
    let header = rows.iter().position(|r| r[0] == "序号").expect("header");
    let mut level = String::new();
    let mut level_of = std::collections::HashMap::new();
    for row in &rows[header + 1..] {
        if !row[1].is_empty() {
            // As printed, on however many lines.
            level = row[1].replace('\n', "");
        }
        level_of.insert(row[0].clone(), level.clone());
    }
    for (i, page) in pages.iter().enumerate() {
        let Some(column) = page.words.iter().find(|w| w.text == "一级栏目") else {
            fail(format!("第 {} 页没有表头", i + 1));
            continue;
        };
        let cells = page.cell_texts();
        let foot = page.number().map(|(_, w)| w.y0);
        let numbers = page.words.iter().filter(|w| {
            w.x1 < column.x0
                && w.y0 > column.y1
                && Some(w.y0) != foot
                && w.text.chars().all(|c| c.is_ascii_digit())
        });
        for n in numbers {
            let want = level_of.get(&n.text).map_or("", String::as_str);
            if !want.is_empty() && !cells.iter().any(|c| c == want) {
                fail(format!(
                    "第 {} 页第 {} 行的一级栏目「{want}」没有印在这一页上",
                    i + 1,
                    n.text
                ));
            }
        }
    }
}

/// The completion chart names every unit with a target.
fn check_chart(file: &Path, pages: &[Page], fail: &mut impl FnMut(String)) {
    let rows = sheet_text(file, "完成情况");
    let header = rows.iter().position(|r| r[0] == "序号").expect("header");
    let units: Vec<&str> = rows[header + 1..]
        .iter()
        .filter(|r| r[0].parse::<u32>().is_ok() && !r[3].is_empty())
        .map(|r| r[1].as_str())
        .collect();
    let labels: BTreeSet<&str> = pages
        .iter()
        .filter(|p| p.text().contains("完成率") && p.text().contains("序时进度"))
        .flat_map(|p| p.words.iter().map(|w| w.text.as_str()))
        .collect();
    let missing: Vec<&str> = units.into_iter().filter(|u| !labels.contains(u)).collect();
    if !missing.is_empty() {
        fail(format!(
            "完成率图中没有这些单位的标签：{}",
            missing.join("、")
        ));
    }
}

/// The blank form on one page, with its instructions under it.
fn check_template(pages: &[Page], fail: &mut impl FnMut(String)) {
    let header = ["序号", "标题", "发布日期", "链接"];
    let form: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            let words: BTreeSet<&str> = pages[i].words.iter().map(|w| w.text.as_str()).collect();
            // A workspace of pilot domains (chibi) asks for a 领域 where others ask for a 栏目.
            header.iter().all(|h| words.contains(h))
                && (words.contains("栏目") || words.contains("领域"))
        })
        .collect();
    if form.len() != 1 {
        fail(format!("空白报送表印在 {} 页上，应为 1 页", form.len()));
    }
    if let Some(&i) = form.first()
        && !pages[i].text().contains("填表说明")
    {
        fail("空白报送表的那一页上没有填表说明".into());
    }
}
