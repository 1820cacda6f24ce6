//! `zwgk notice`: the drafted 通报 and 催报 of every sample, read back from the .docx —
//! paragraphs, fonts, sizes and page setup from `word/document.xml` — with every number
//! of the text compared with the run's manifest; the office's own template; a broken
//! one; and the print check (LibreOffice to PDF) where LibreOffice is installed.

use std::path::Path;

use crate::harness::{Out, Ws, manifest, part, sheet_text, unescape};

/// The samples and the period each is run for.
const SAMPLES: [(&str, &str); 3] = [
    ("daying-2018", "2018-04"),
    ("chibi-2020", "2020-10"),
    ("tangyin-2022", "2022Q2"),
];

/// The 通报 of 大英县 for April 2018, dated 3 May.
pub(crate) const DAYING_BULLETIN: [&str; 6] = [
    "notice",
    "通报",
    "--period",
    "2018-04",
    "--date",
    "2018-05-03",
];

/// One paragraph of the document: its text and the XML of its first run's properties.
pub(crate) struct Para {
    text: String,
    xml: String,
}

/// The paragraphs of `word/document.xml`, in order (table cells included).
pub(crate) fn paragraphs(docx: &Path) -> Vec<Para> {
    let xml = part(docx, "word/document.xml");
    xml.split("<w:p ")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or_default();
            let mut text = String::new();
            for t in p.split("<w:t").skip(1) {
                let body = &t[t.find('>').unwrap() + 1..];
                text.push_str(&unescape(&body[..body.find("</w:t>").unwrap()]));
            }
            Para {
                text,
                xml: p.to_string(),
            }
        })
        .collect()
}

fn find<'a>(paras: &'a [Para], start: &str) -> &'a Para {
    paras
        .iter()
        .find(|p| p.text.starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starting with {start}"))
}

pub(crate) fn body_text(paras: &[Para]) -> String {
    let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    texts.join("\n")
}

/// The counts of zero in `text` (错误0个, 0个单位), which a 公文 leaves unsaid.
fn zero_counts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(1))
        .filter(|&i| chars[i] == '0' && chars[i + 1] == '个')
        .filter(|&i| i == 0 || !chars[i - 1].is_ascii_digit())
        .map(|i| chars[i.saturating_sub(6)..i + 2].iter().collect())
        .collect()
}

/// The A4 page, the 公文 margins (37/35/28/26 mm), 22 lines of 28.95 pt, and the page
/// numbers: `— N —` in 4号, right on odd pages and left on even ones.
fn assert_gbt9704_page(docx: &Path) {
    let xml = part(docx, "word/document.xml");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    for margin in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(xml.contains(margin), "margin {margin}");
    }
    assert!(xml.contains(r#"w:linePitch="579""#), "22 lines per page");
    assert!(part(docx, "word/settings.xml").contains("evenAndOddHeaders"));
    let (odd, even) = (
        part(docx, "word/footer1.xml"),
        part(docx, "word/footer2.xml"),
    );
    for (footer, side) in [(&odd, "right"), (&even, "left")] {
        assert!(footer.contains("PAGE"), "page number field");
        assert!(footer.contains("— ") && footer.contains(" —"), "dashes");
        assert!(footer.contains(r#"<w:sz w:val="28" />"#), "4号");
        // Every run in 4号 宋体, the PAGE field's too: its digits would print in the
        // document's default 3号 仿宋.
        let runs: Vec<&str> = footer.split("<w:r>").skip(1).collect();
        assert!(runs.iter().any(|r| r.contains("PAGE")), "{footer}");
        for r in runs {
            assert!(
                r.contains(r#"<w:sz w:val="28" />"#) && r.contains(r#"w:ascii="宋体""#),
                "{side}: a footer run not in 4号 宋体: {r}"
            );
        }
        assert!(
            footer.contains(&format!(r#"<w:jc w:val="{side}" />"#)),
            "{side}"
        );
    }
}

#[test]
fn notice_bulletin_of_every_sample_says_the_runs_own_figures_in_gbt9704_layout() {
    for (sample, period) in SAMPLES {
        let ws = Ws::sample(sample);
        let run = ws.zwgk(&["run", "--period", period]);
        let m = manifest(&ws, period);
        let out = ws.zwgk(&["notice", "通报", "--period", period, "--date", "2026-01-05"]);
        assert_eq!(
            out.code, run.code,
            "{sample}: exits like run\n{}",
            out.stderr
        );
        let docx = ws.join(&format!("out/{period}/通报-{period}.docx"));
        assert!(
            out.stdout.contains(&format!("通报-{period}.docx")),
            "{}",
            out.stdout
        );
        assert_gbt9704_page(&docx);
        let paras = paragraphs(&docx);
        let text = body_text(&paras);
        // Addressed to every category of unit in the units table.
        let addressees = match sample {
            "daying-2018" => "各乡镇人民政府，各园区、社区管委会，县级各部门，各有关单位：",
            "chibi-2020" => "市级各部门，各有关单位：",
            _ => "各乡镇人民政府，县级各部门，各有关单位：",
        };
        let to = (paras.iter().find(|p| p.text == addressees))
            .unwrap_or_else(|| panic!("{sample}: {addressees}"));
        // Too long for a line (大英县), it breaks between addressees (GB/T 9704 7.3.3),
        // not inside 各有关单位.
        if sample == "daying-2018" {
            let at = |s: &str| to.xml.find(s).unwrap_or_else(|| panic!("{s}: {}", to.xml));
            assert!(at("县级各部门，") < at("<w:br") && at("<w:br") < at("各有关单位"));
        }

        let title = paras
            .iter()
            .find(|p| p.text.contains("政务公开信息报送情况的通报"))
            .expect("title");
        assert!(title.xml.contains(r#"<w:sz w:val="44" />"#), "2号 title");
        assert!(title.xml.contains(r#"w:eastAsia="宋体""#) && title.xml.contains("<w:b />"));
        let heading = find(&paras, "一、总体情况");
        assert!(heading.xml.contains(r#"w:eastAsia="黑体""#), "黑体 heading");
        let body = find(&paras, "为进一步推进政务公开工作");
        assert!(
            body.xml.contains(r#"w:eastAsia="仿宋""#)
                && body.xml.contains(r#"<w:sz w:val="32" />"#)
        );
        assert!(
            body.xml.contains(r#"w:firstLine="640""#),
            "two characters in"
        );

        let units = m["targets"]["units"].as_u64().unwrap();
        let unsubmitted = m["problems"]["by_code"]["C003"].as_u64().unwrap_or(0);
        let behind = m["problems"]["by_code"]["C002"].as_u64().unwrap_or(0);
        // The problems of the tables units sent for the period, from 问题清单: in a
        // submitted file about a month of the period (or about no month it can tell), not
        // a skipped lock file nor a verdict the 通报 states on its own.
        let months = period_months(period);
        let of_period = |i: &&serde_json::Value| {
            let about = i["months"].as_array().unwrap();
            about.is_empty() || about.iter().any(|m| months.iter().any(|p| m == p))
        };
        let sent: Vec<&str> = (m["inputs"].as_array().unwrap().iter())
            .filter(|i| i["role"] == "submission")
            .filter(of_period)
            .map(|i| i["path"].as_str().unwrap())
            .collect();
        let listed = sheet_text(
            &ws.join(&format!("out/{period}/汇总-{period}.xlsx")),
            "问题清单",
        );
        let mut table_problems = [0; 3];
        let mut checks = 0;
        for row in &listed[1..] {
            let verdict = ["F001", "C002", "C003", "C004"].contains(&row[2].as_str());
            // A warning whose advice is 无需处理 asks nothing, as the reports have it.
            let asks = !row[8].starts_with("无需处理");
            // What only asks a unit to check is said apart, as its report lists it.
            let to_check = ["S014", "M012", "M005"].contains(&row[2].as_str());
            if !verdict && asks && sent.contains(&row[3].as_str()) && to_check {
                checks += 1;
            } else if !verdict && asks && sent.contains(&row[3].as_str()) {
                let at = ["错误", "警告", "提示"]
                    .iter()
                    .position(|s| *s == row[1])
                    .unwrap();
                table_problems[at] += 1;
            }
        }
        // A 提示 asks nothing of the unit either: not a problem of 报送质量.
        let [errors, warnings, _] = table_problems;
        // Every total over the units with a target, as the annex's 合计 row has them.
        let sum = |field: &str| -> u64 {
            let units = m["units"].as_array().unwrap().iter();
            let with_target = units.filter(|u| !u["target"].is_null());
            with_target.map(|u| u[field].as_u64().unwrap()).sum()
        };
        let (in_period, ytd, target) = (sum("period_items"), sum("ytd_items"), sum("target"));
        let completion = format!("{:.1}%", ytd as f64 * 100.0 / target as f64);
        let wants = [
            format!(
                "纳入目标任务考核的单位共{units}个，其中{}个单位报送了本期信息",
                units - unsubmitted
            ),
            format!("本期共报送政务公开信息{in_period}条"),
            format!("年度累计报送{ytd}条，完成全年目标任务{target}条的{completion}"),
            format!("完成全年目标任务{}条", m["targets"]["sum_of_rows"]),
            format!("{behind}个单位落后于序时进度"),
            format!("本期汇总发现报送的信息和表格问题{}个", errors + warnings),
        ];
        for want in &wants {
            assert!(text.contains(want.as_str()), "{sample}: {want}\n{text}");
        }
        // The problems no unit's report can list, as `zwgk report` counts them, are said.
        let report = ws.zwgk(&["report", "--period", period, "--date", "2026-01-05"]);
        let unowned = (report.stdout.split_once("另有 "))
            .and_then(|(_, rest)| rest.split_once(' '))
            .map(|(n, _)| n.to_string());
        let said = match &unowned {
            Some(n) => format!("（其中{n}个因报送单位无法确定，未计入各单位），按类型分："),
            None => format!(
                "本期汇总发现报送的信息和表格问题{}个，按类型分：",
                errors + warnings
            ),
        };
        assert!(text.contains(&said), "{sample}: {said}\n{text}");
        let check = format!("另有{checks}处请有关单位核对");
        assert_eq!(
            text.contains(&check),
            checks > 0,
            "{sample}: {check}\n{text}"
        );
        // Severities are the tool's words, not a 公文's; a count is said only when it
        // is not zero (no 错误0个).
        assert!(
            !text.contains("错误") && !text.contains("警告"),
            "{sample}: {text}"
        );
        assert!(zero_counts(&text).is_empty(), "{sample}: {text}");
        // Every line of the template is a paragraph of its own: no heading mark is left
        // inside the text (a line ending in a tag ran into the next, ## 四、… and all).
        assert!(
            !text.contains('#') && !text.contains("{%") && !text.contains("{{"),
            "{sample}: {text}"
        );
        // 本期 counts the 统计数 of units with a target, which 明细 does not list: the
        // text says how many, as the 统计数 sheet adds them up.
        let months: Vec<String> = (period_months(period).iter())
            .map(|m| {
                let (year, month) = m.split_once('-').unwrap();
                format!("{year}年{}月", month.parse::<u32>().unwrap())
            })
            .collect();
        let targeted: Vec<&str> = (m["units"].as_array().unwrap().iter())
            .filter(|u| !u["target"].is_null())
            .map(|u| u["unit"].as_str().unwrap())
            .collect();
        let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
        let has_counts = crate::harness::sheet_names(&book).contains(&"统计数".to_string());
        let counts = if has_counts {
            sheet_text(&book, "统计数")
        } else {
            Vec::new()
        };
        let counted: u64 = (counts.iter().skip(1))
            .filter(|r| months.contains(&r[2]) && targeted.contains(&r[1].as_str()))
            .map(|r| r[4].parse::<u64>().unwrap())
            .sum();
        let said =
            format!("本期共报送政务公开信息{in_period}条（其中{counted}条按统计表报送数量计入）");
        assert_eq!(
            text.contains(&said),
            counted > 0,
            "{sample}: {said}\n{text}"
        );
        if unsubmitted > 0 {
            assert!(
                text.contains(&format!("{unsubmitted}个单位本期未报送")),
                "{sample}"
            );
        }
        // The units named for not submitting are the run's C003 units: those with a
        // target among the units without submission.
        let with_target = |name: &str| {
            let units = m["units"].as_array().unwrap();
            units
                .iter()
                .any(|u| u["unit"] == name && !u["target"].is_null())
        };
        let named =
            (paras.iter()).find(|p| p.text.contains("没有报送") && p.text.starts_with("截至"));
        let line = named.map_or("", |p| p.text.as_str());
        // Nothing received is a fact of the inbox on the document's date, not at the
        // period's end.
        assert!(
            line.is_empty() || line.starts_with("截至2026年1月5日，"),
            "{sample}: {line}"
        );
        for unit in m["coverage"]["units_without_submission"]
            .as_array()
            .unwrap()
        {
            let unit = unit.as_str().unwrap();
            assert_eq!(
                line.contains(unit),
                with_target(unit),
                "{sample}: {unit} in {line}"
            );
        }
        // The annex: every unit of the run, one row each, and 合计.
        let annex = paras.iter().position(|p| p.text == "附件").expect("附件");
        let rows = &paras[annex..];
        // A score only where zwgk.toml states the scoring rules: 大英县's (seed 001 附件2).
        let scored = rows.iter().any(|p| p.text.contains("得分"));
        assert_eq!(scored, sample == "daying-2018", "{sample}");
        // The rank stands beside the 完成率 it ranks, and says so beside a score, which
        // ranks otherwise (a supervisor read 档案局's 23.80 ranked below 投促局's 19.60).
        let rate = rows.iter().position(|p| p.text == "完成率").unwrap();
        let ranked: Vec<&str> = (rows[rate + 1..rate + 3].iter())
            .map(|p| p.text.as_str())
            .collect();
        match scored {
            true => assert_eq!(ranked, ["完成率排名", "测算得分"], "{sample}"),
            false => assert_eq!(ranked, ["排名", "完成情况"], "{sample}"),
        }
        for u in m["units"].as_array().unwrap() {
            let name = u["unit"].as_str().unwrap();
            let at = rows
                .iter()
                .position(|p| p.text == name)
                .unwrap_or_else(|| panic!("{name} in annex"));
            assert_eq!(
                rows[at + 1].text,
                u["target"]
                    .as_u64()
                    .map_or(String::new(), |t| t.to_string()),
                "{name}"
            );
            assert_eq!(rows[at + 3].text, u["ytd_items"].to_string(), "{name}");
        }
        let total = (rows.iter()).position(|p| p.text.replace(' ', "").starts_with("合计"));
        let total = total.expect("合计");
        if units != m["units"].as_array().unwrap().len() as u64 {
            // A 公文 writes its numbers without spaces.
            assert_eq!(
                rows[total].text,
                format!("合计（有目标任务的{units}个单位）")
            );
        }
        assert_eq!(
            rows[total + 1].text,
            m["targets"]["sum_of_rows"].to_string()
        );
        assert_eq!(rows[total + 2].text, in_period.to_string());
        assert_eq!(rows[total + 3].text, ytd.to_string());
        assert_eq!(rows[total + 5].text, completion);
        assert!(
            part(&docx, "word/document.xml").contains("<w:tblHeader />"),
            "header repeats"
        );
        assert_names_fit(&docx, rows, &m, sample);
    }
}

/// The unit names' column of the annex holds the common names on one line: up to eight
/// characters of 12 pt (公共资源交易中心, 自然资源和规划局), with the cell's padding. A longer
/// name is broken in two by a line break (政务服务和 | 大数据管理局), not split mid-word by
/// the word processor.
fn assert_names_fit(docx: &Path, rows: &[Para], m: &serde_json::Value, sample: &str) {
    let xml = part(docx, "word/document.xml");
    let grid: Vec<usize> = (xml.split(r#"<w:gridCol w:w=""#).skip(1))
        .map(|g| g[..g.find('"').unwrap()].parse().unwrap())
        .collect();
    let names: Vec<&str> = (m["units"].as_array().unwrap().iter())
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap();
    // 240 twips a 12 pt character, 60 of padding.
    let holds = |chars: usize| chars * 240 + 60 <= grid[1];
    assert!(holds(longest.min(8)), "{sample}: {grid:?}");
    for name in names.iter().filter(|n| !holds(n.chars().count())) {
        let cell = rows.iter().find(|p| p.text == *name).unwrap();
        assert!(
            cell.xml.contains("<w:br "),
            "{sample}: {name} wraps where it will"
        );
    }
}

/// A 通报 says what was so on its date: dated after April it judges the whole month, as
/// of 30 April; dated 27 April, as of that day — three complete months of the pro-rata
/// share (seed 001 Annex 2), and no item dated later counted.
#[test]
fn notice_bulletin_dated_inside_the_period_judges_it_as_of_its_date() {
    let ws = Ws::sample("daying-2018");
    ws.zwgk(&["run", "--period", "2018-04"]);
    let m = manifest(&ws, "2018-04");
    let targets = m["units"].as_array().unwrap().iter();
    let targets: Vec<u64> = targets.filter_map(|u| u["target"].as_u64()).collect();
    // Each unit's share rounded half up, as check::figures::expected: their sum (4124)
    // is not a third of the total (4120), and the 通报 says it is the units' sum.
    let share = |months: u64| -> u64 { targets.iter().map(|t| (2 * t * months + 12) / 24).sum() };
    let docx = ws.join("out/2018-04/通报-2018-04.docx");
    let ytd = |text: &str| -> u64 {
        let after = &text[text.find("年度累计报送").unwrap() + "年度累计报送".len()..];
        after[..after.find('条').unwrap()].parse().unwrap()
    };

    let bulletin = |date| ws.zwgk(&["notice", "通报", "--period", "2018-04", "--date", date]);
    bulletin("2018-05-03");
    let whole = body_text(&paragraphs(&docx));
    assert!(whole.contains("截至2018年4月30日，年度累计报送"), "{whole}");
    assert!(
        whole.contains(&format!("各单位按序时进度合计应完成{}条", share(4))),
        "{whole}"
    );

    let out = bulletin("2018-04-27");
    assert!(out.code < 2, "{}", out.stderr);
    let said = "文中数字截至 2018年4月27日；发布日期晚于此日的 63 条信息未计入";
    assert!(out.stdout.contains(said), "{}", out.stdout);
    // Nobody is late yet: the three units not in are said apart, so that the parts add up.
    let said = "64 个单位有目标任务，61 个已报送，0 个未报送，3 个尚未报送（未到期，不算未报送）";
    assert!(out.stdout.contains(said), "{}", out.stdout);
    let early = body_text(&paragraphs(&docx));
    assert!(
        early.contains("进度落后的单位要认真分析原因") && !early.contains("未报送和进度落后"),
        "{early}"
    );
    assert!(early.contains("截至2018年4月27日，年度累计报送"), "{early}");
    assert!(
        early.contains(&format!("各单位按序时进度合计应完成{}条", share(3))),
        "{early}"
    );
    assert!(!early.contains("2018年4月30日"), "{early}");
    let annex = "附件：大英县2018年4月政务公开信息报送完成情况（截至2018年4月27日）";
    assert!(early.contains(annex), "{early}");
    // Too long for a line, it runs on under its first character (GB/T 9704 7.3.6).
    let line = find(&paragraphs(&docx), "附件：").xml.clone();
    assert!(
        line.contains(r#"w:left="1600""#) && line.contains(r#"w:hanging="960""#),
        "{line}"
    );
    // It breaks before its date, which stays whole: not （截 | 至2018年4月27日）.
    let at = |s: &str| line.find(s).unwrap_or_else(|| panic!("{s}: {line}"));
    assert!(
        at("完成情况") < at("<w:br") && at("<w:br") < at("（截至2018"),
        "{line}"
    );
    assert!(
        whole.contains("报送完成情况\n") && !whole.contains("（截至"),
        "{whole}"
    );
    assert_eq!(ytd(&early), ytd(&whole) - 63, "{early}");
    // Before April is over no unit is late with April: nobody is named as 未报送, while
    // dated after the month the 通报 names 档案局.
    assert!(!early.contains("（一）未报送"), "{early}");
    // Nothing had come from it by the document's date, as the 催报 of that date says:
    // the figures stop at 30 April, the finding at 3 May.
    assert!(
        whole.contains("（一）未报送\n截至2018年5月3日，档案局"),
        "{whole}"
    );

    let out = bulletin("2018-03-31");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("早于统计期 2018-04 的第一天 2018-04-01"),
        "{}",
        out.stderr
    );
}

/// 赤壁市 without 民政局's October file: the 催报 names 民政局 (and 税务局, which sends
/// nothing in the sample) with the people of 民政局's contact form, and the due date three
/// working days after the document's date.
#[test]
fn notice_reminder_names_units_without_submission_with_their_contacts() {
    let ws = Ws::sample("chibi-2020");
    std::fs::remove_file(ws.join("inbox/2020年10月/赤壁市民政局2020年10月政务公开信息.xlsx"))
        .unwrap();
    let reminder = [
        "notice",
        "催报",
        "--period",
        "2020-10",
        "--date",
        "2020-11-03",
    ];
    let out = ws.zwgk(&reminder);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("催报 2 个单位，截止 2020年11月6日：民政局、税务局"),
        "{}",
        out.stdout
    );
    let docx = ws.join("out/2020-10/催报-2020-10.docx");
    assert_gbt9704_page(&docx);
    let paras = paragraphs(&docx);
    assert_eq!(find(&paras, "民政局、").text, "民政局、税务局：");
    let mz = find(&paras, "1. 民政局：").text.as_str();
    assert!(mz.contains("分管领导") && mz.contains("联络人"), "{mz}");
    assert!(
        mz.chars().filter(char::is_ascii_digit).count() >= 11,
        "a phone number: {mz}"
    );
    // 税务局 sent no contact form: said once, with seed 002 四(一)'s request for its
    // 分管领导 and 联络人, not as a contact of its own; the due date is said once, above;
    // the office is 我办 in its own document.
    assert_eq!(find(&paras, "2. 税务局").text, "2. 税务局。");
    assert_eq!(
        (paras
            .iter()
            .filter(|p| p.text.contains("联系人登记表中没有")))
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>(),
        [
            "请使用统一的报送模板填写信息标题、发布日期和领域。联系人登记表中没有税务局的联系人，请一并报送联系人登记表（分管领导和联络人的姓名、职务、联系方式）。\
             税务局尚未报送税收管理领域的标准目录，请一并报送。"
        ]
    );
    assert_eq!(
        find(&paras, "如有困难").text,
        "如有困难，请及时与我办联系。"
    );
    // GB/T 9704: 发文机关 + 事由 + 文种, as the 通报's title.
    assert!(
        (paras.iter())
            .any(|p| p.text == "赤壁市政务公开领导小组办公室关于催报2020年10月政务公开信息的通知"),
        "{}",
        body_text(&paras)
    );
    // Units of a workspace of pilot domains file their items under a 领域.
    assert!(
        find(&paras, "请使用统一的报送模板")
            .text
            .starts_with("请使用统一的报送模板填写信息标题、发布日期和领域。"),
        "{}",
        body_text(&paras)
    );
    assert_eq!(
        find(&paras, "截至2020年11月3日").text,
        "截至2020年11月3日，以上单位尚未报送2020年10月政务公开信息。请于2020年11月6日前按报送模板补报。\
         逾期未报的，将在2020年10月政务公开信息报送情况通报中点名。"
    );
    assert_eq!(
        find(&paras, "一、").text,
        "一、未报送单位及联系人",
        "a list where it has people to name"
    );
    // The office's contact, as seed 002 三（一） gives it ([report] contact, phone), as
    // the 附注 under the date (GB/T 9704 7.3.5.4), kept on the date's page.
    let last: Vec<&str> = (paras.iter().rev().take(3).rev())
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        last,
        [
            "赤壁市政务公开领导小组办公室",
            "2020年11月3日",
            "（联系人：卢维，联系电话：5330205）"
        ]
    );
    let date = &paras[paras.len() - 2];
    assert!(date.xml.contains("<w:keepNext />"), "{}", date.xml);

    let m_out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert_eq!(m_out.code, 0);
    let m = manifest(&ws, "2020-10");
    assert_eq!(
        m["problems"]["by_code"]["C003"], 2,
        "the same two units as the run's C003"
    );
    // A due date already passed on the document's date is refused, not printed.
    for due in ["2020-11-03", "2020-11-01"] {
        let out = ws.zwgk(&[&reminder[..], &["--due", due]].concat());
        assert_eq!(out.code, 2, "{}", out.stdout);
        let said = format!("--due 的截止日期 {due} 不晚于成文日期 2020-11-03");
        assert!(out.stderr.contains(&said), "{}", out.stderr);
    }

    // A file that cannot be read is not "nothing sent": the 催报 says which unit is which.
    ws.write(
        "inbox/2020年10月/赤壁市民政局2020年10月政务公开信息.xlsx",
        b"PK\x03\x04 broken".as_slice(),
    );
    let out = ws.zwgk(&reminder);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let paras = paragraphs(&docx);
    assert_eq!(
        find(&paras, "截至2020年11月3日").text,
        "截至2020年11月3日，税务局尚未报送2020年10月政务公开信息；\
         民政局报送的文件无法读取或没有可计入2020年10月的信息。请于2020年11月6日前按报送模板补报或重新报送。\
         逾期未报的，将在2020年10月政务公开信息报送情况通报中点名。"
    );
    assert!(
        find(&paras, "一、")
            .text
            .contains("需补报和重新报送的单位及联系人")
    );

    // Without any contact form, the 催报 says nothing of contacts, and having no one to
    // name beside them, does not list again the units its 主送 and text name.
    std::fs::remove_dir_all(ws.join("inbox/联络人名单")).unwrap();
    let out = ws.zwgk(&reminder);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let paras = paragraphs(&docx);
    assert!(!paras.iter().any(|p| p.text.starts_with("一、")));
    assert!(!paras.iter().any(|p| p.text.starts_with("2. ")));
    assert!(!body_text(&paras).contains("联系人登记表"));
}

/// The 催报 of a fresh copy of `sample` for `period`, dated `date`: how the command
/// ended, and the document's paragraphs.
fn reminder(sample: &str, period: &str, date: &str) -> (Out, Vec<Para>) {
    let ws = Ws::sample(sample);
    let out = ws.zwgk(&["notice", "催报", "--period", period, "--date", date]);
    let docx = ws.join(&format!("out/{period}/催报-{period}.docx"));
    assert!(docx.exists(), "no 催报: {}{}", out.stdout, out.stderr);
    (out, paragraphs(&docx))
}

/// A 催报 to one unit without a contact form tells it so as 你单位.
#[test]
fn notice_reminder_to_one_unit_says_you() {
    let (out, paras) = reminder("chibi-2020", "2020-10", "2020-11-03");
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(find(&paras, "税务局：").text, "税务局：");
    assert!(
        find(&paras, "截至2020年11月3日")
            .text
            .starts_with("截至2020年11月3日，你单位尚未报送2020年10月政务公开信息。"),
        "{}",
        body_text(&paras)
    );
    let asked = &find(&paras, "请使用统一的报送模板").text;
    assert!(
        asked.contains(
            "联系人登记表中没有你单位的联系人，请一并报送联系人登记表（分管领导和联络人的姓名、职务、联系方式）。"
        ),
        "{asked}"
    );
    // Its catalogue of 税收管理, which seed 002 asks of it, has not come either (M011).
    assert!(
        asked.ends_with("你单位尚未报送税收管理领域的标准目录，请一并报送。"),
        "{asked}"
    );
}

/// Seed 002 asks each responsible unit for the standard catalogue of its domains and
/// for its 分管领导 and 联络人: the 通报 names those that sent neither, as the run found
/// them (M011, P006), and asks them to; a workspace without catalogues or contact forms
/// hears nothing of either.
#[test]
fn notice_bulletin_names_units_without_their_catalogue_or_contact_form() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&[
        "notice",
        "通报",
        "--period",
        "2020-10",
        "--date",
        "2020-11-10",
    ]);
    assert!(out.code <= 1, "{}", out.stderr);
    let paras = paragraphs(&ws.join("out/2020-10/通报-2020-10.docx"));
    let text = body_text(&paras);
    assert!(text.contains("\n（三）标准目录和联系人登记表\n"), "{text}");
    assert_eq!(
        find(&paras, "截至2020年11月10日，税务局（").text,
        "截至2020年11月10日，税务局（税收管理领域）没有报送本单位负责领域的政务公开事项标准目录；\
         税务局、扶贫办没有报送联系人登记表（分管领导和联络人的姓名、职务、联系方式）。"
    );
    assert!(text.contains("\n（四）报送质量\n"), "{text}");
    assert!(
        text.contains("\n尚未报送标准目录和联系人登记表的单位要尽快报送。\n"),
        "{text}"
    );

    // 大英 asks for no catalogue: the paragraph is headed by what it names alone.
    let daying = Ws::sample("daying-2018");
    let out = daying.zwgk(&[
        "notice",
        "通报",
        "--period",
        "2018-04",
        "--date",
        "2018-05-09",
    ]);
    // The sample's errors are why the exit code is 1, as `zwgk run` says.
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("  问题：错误 19 个，"),
        "{}",
        out.stdout
    );
    let text = body_text(&paragraphs(&daying.join("out/2018-04/通报-2018-04.docx")));
    assert!(text.contains("\n（四）联系人登记表\n"), "{text}");
    assert!(!text.contains("标准目录"), "{text}");
    // The people named as 大英's 附件3 and its forms name them, not as 赤壁's.
    assert!(
        text.contains("没有报送联系人登记表（分管领导和信息工作人员的姓名、职务、联系方式）"),
        "{text}"
    );

    let tangyin = Ws::sample("tangyin-2022");
    let out = tangyin.zwgk(&[
        "notice",
        "通报",
        "--period",
        "2022Q2",
        "--date",
        "2022-07-05",
    ]);
    assert!(out.code <= 1, "{}", out.stderr);
    let text = body_text(&paragraphs(&tangyin.join("out/2022Q2/通报-2022Q2.docx")));
    assert!(
        !text.contains("标准目录") && !text.contains("联系人登记表"),
        "{text}"
    );
}

/// 民政局 sent two contact forms that cannot be ordered (P008), both naming its 分管领导
/// 吴伟 alike: the 催报 names him once among 民政局's contacts, as the contacts annex
/// lists him once, with both 联络人.
#[test]
fn notice_reminder_names_a_person_two_unordered_forms_list_alike_once() {
    let ws = Ws::sample("chibi-2020");
    std::fs::remove_file(ws.join("inbox/2020年10月/赤壁市民政局2020年10月政务公开信息.xlsx"))
        .unwrap();
    std::fs::remove_file(ws.join("inbox/联络人名单/赤壁市民政局分管负责人及联络人名单.xlsx"))
        .unwrap();
    for (file, liaison) in [
        ("民政局名单.csv", "周秀英"),
        ("民政局名单（改）.csv", "王芳"),
    ] {
        ws.write(
            &format!("inbox/联络人名单/{file}"),
            format!(
                "填报单位：赤壁市民政局,,,\n,姓名,职务,联系方式\n分管领导,吴伟,副局长,18734085617\n联络人,{liaison},科员,0715-5330214\n"
            ),
        );
    }
    let out = ws.zwgk(&[
        "notice",
        "催报",
        "--period",
        "2020-10",
        "--date",
        "2020-11-03",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paras = paragraphs(&ws.join("out/2020-10/催报-2020-10.docx"));
    let mz = find(&paras, "1. 民政局：").text.as_str();
    assert_eq!(mz.matches("吴伟").count(), 1, "{mz}");
    assert!(mz.contains("周秀英") && mz.contains("王芳"), "{mz}");
}

/// 大英's three late units sent no contact form either: the 催报 says so once, not
/// "联系人登记表中没有该单位的联系人" after each of them; with no one to name, it does
/// not list again the units of its 主送.
#[test]
fn notice_reminder_says_once_that_the_register_lacks_the_units_contacts() {
    let (out, paras) = reminder("daying-2018", "2018-04", "2018-05-07");
    assert!(out.code <= 1, "{}", out.stderr);
    let text = body_text(&paras);
    assert_eq!(find(&paras, "档案局、").text, "档案局、重点办、台办：");
    assert!(!paras.iter().any(|p| p.text.starts_with("1. ")), "{text}");
    assert_eq!(text.matches("联系人登记表中没有").count(), 1, "{text}");
    assert!(
        text.contains("联系人登记表中没有以上单位的联系人，请一并报送联系人登记表"),
        "{text}"
    );
    assert!(
        text.contains("大英县人民政府办公室关于催报2018年4月政务公开信息的通知"),
        "{text}"
    );
    assert!(text.contains("发布日期和栏目。"), "{text}");
}

/// A 催报 dated before its period ends (27 April for April) reminds rather than chases:
/// the units are asked to 报送, not to 补报, by the third working day after the period's
/// end — 4 May 2018, after the 劳动节 holiday — since what they publish up to 30 April
/// cannot be sent before it.
#[test]
fn notice_reminder_dated_inside_its_period_asks_for_the_period_after_it_ends() {
    let (out, paras) = reminder("daying-2018", "2018-04", "2018-04-27");
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let body = find(&paras, "截至2018年4月27日").text.as_str();
    assert!(
        body.contains("请于2018年5月4日前按报送模板报送。"),
        "{body}"
    );
    assert!(!body.contains("补报"), "{body}");
    // Units with a target are warned already: the 通报 will name them if still missing.
    assert!(
        body.ends_with("逾期未报的，将在2018年4月政务公开信息报送情况通报中点名。"),
        "{body}"
    );
}

/// A 催报 chases who owed something: 民政局, whose target it missed (warned: the 通报
/// names it), and 编办, without a target, whose monthly section had nothing from it in
/// April (reminded, not warned). 档案局 answers only for a yearly section, not over in
/// April: nothing was due from it, and it is not chased (a supervisor struck 汤阴's
/// 编办, whose one section is yearly, from the 主送).
#[test]
fn notice_reminder_chases_only_units_that_owed_and_warns_only_those_the_bulletin_names() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\n\
         targets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,类别\n民政局,部门\n财政局,部门\n编办,部门\n档案局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n民政局,120\n财政局,120\n",
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,保障单位,更新频率\n机构职能,机构编制,编办,每月\n\
         信息公开,财政资金,财政局,每月\n信息公开,档案工作,档案局,每年\n",
    );
    ws.write(
        "inbox/财政局-2018年4月.csv",
        "标题,发布日期,栏目\n一季度预算执行情况,2018-04-12,财政资金\n",
    );
    let out = ws.zwgk(&[
        "notice",
        "催报",
        "--period",
        "2018-04",
        "--date",
        "2018-05-07",
    ]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let paras = paragraphs(&ws.join("out/2018-04/催报-2018-04.docx"));
    let text = body_text(&paras);
    assert_eq!(find(&paras, "民政局、").text, "民政局、编办：", "{text}");
    assert!(!text.contains("档案局"), "{text}");
    let body = find(&paras, "截至2018年5月7日").text.as_str();
    assert!(
        body.starts_with("截至2018年5月7日，以上单位尚未报送"),
        "{body}"
    );
    assert!(
        body.ends_with("民政局逾期未报的，将在2018年4月政务公开信息报送情况通报中点名。"),
        "{body}"
    );
}

/// From supervisors' reviews of 汤阴: the 催报 of 5 July ran onto a second page for its
/// last paragraph and 落款, after listing again, under two headings, the units its 主送
/// names, with no contact to add; and it chased 编办, whose one section is yearly. It
/// goes to 退役军人事务局 alone, as 你单位, in three paragraphs without headings, and
/// prints on one page, at the sizes of GB/T 9704.
#[test]
fn notice_reminder_of_tangyin_goes_to_the_unit_that_owes_on_one_page() {
    let ws = Ws::sample("tangyin-2022");
    let args = [
        "notice",
        "催报",
        "--period",
        "2022Q2",
        "--date",
        "2022-07-05",
    ];
    let out = ws.zwgk(&args);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let docx = ws.join("out/2022Q2/催报-2022Q2.docx");
    let paras = paragraphs(&docx);
    let text = body_text(&paras);
    assert_eq!(
        find(&paras, "退役军人事务局").text,
        "退役军人事务局：",
        "{text}"
    );
    // Word and WPS show who made the file and when: not docx-rs's unknown and 1970.
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:creator>zwgk</dc:creator>"), "{core}");
    assert!(
        !core.contains("1970") && !core.contains("unknown"),
        "{core}"
    );
    assert!(
        find(&paras, "截至2022年7月5日")
            .text
            .starts_with("截至2022年7月5日，你单位尚未报送2022年第二季度政务公开信息。"),
        "{text}"
    );
    let headings = paras
        .iter()
        .filter(|p| p.xml.contains(r#"w:eastAsia="黑体""#));
    assert_eq!(headings.count(), 0, "{text}");
    assert!(!paras.iter().any(|p| p.text.starts_with("1. ")), "{text}");
    if !crate::paper::available() {
        eprintln!("催报 page count skipped: LibreOffice, poppler or Noto CJK missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = &crate::paper::print(&[docx], dir.path())[0];
    let pages = crate::paper::pages(pdf);
    assert_eq!(pages.len(), 1, "{text}");
    assert!(
        pages[0]
            .text()
            .contains("（联系人：李朋亮，联系电话：6201663）"),
        "{}",
        pages[0].text()
    );
}

/// Seed 000 §五(三): the quarterly 通报 publishes the tracking evaluation's results. Its
/// figures are 栏目覆盖's, the sections it names are those 栏目覆盖 marks overdue, and
/// the units it asks to rectify are those whose reports of the same date say 需整改.
#[test]
fn notice_bulletin_publishes_the_tracking_evaluation_as_the_reports_find_it() {
    let ws = Ws::sample("tangyin-2022");
    let zwgk = |args: &[&str]| {
        let out = ws.zwgk(args);
        assert!(out.code <= 1, "{args:?}: {}{}", out.stdout, out.stderr);
        out.stdout
    };
    let dated = ["--period", "2022Q2", "--date", "2022-07-05"];
    let bulletin = |dated: &[&str]| zwgk(&[&["notice", "通报"][..], dated].concat());
    let unreported = bulletin(&dated);
    assert!(unreported.contains("还没有本期的评估报告"), "{unreported}");
    let reports = zwgk(&[&["report"][..], &dated].concat());
    let same_day = bulletin(&dated);
    assert!(!same_day.contains("评估报告的评估时间"), "{same_day}");
    zwgk(&["run", "--period", "2022Q2"]);
    let paras = paragraphs(&ws.join("out/2022Q2/通报-2022Q2.docx"));

    // 已写入：…/白营镇-评估报告-2022Q2.xlsx（白营镇，问题 2 处，需整改）
    let rectify: Vec<&str> = (reports.lines())
        .filter(|l| l.ends_with("需整改）") && !l.contains("全部单位"))
        .filter_map(|l| l.split('（').nth(1)?.split('，').next())
        .collect();
    assert!(rectify.len() > 5, "{reports}");
    let asked = format!(
        "{}要对照跟踪评估报告指出的问题，于2022年7月12日前完成整改。",
        rectify.join("、")
    );
    assert!(
        paras.iter().any(|p| p.text == asked),
        "{asked}\n{}",
        body_text(&paras)
    );

    let coverage = sheet_text(&ws.join("out/2022Q2/汇总-2022Q2.xlsx"), "栏目覆盖");
    let col = |name: &str| coverage[0].iter().position(|h| h == name).unwrap();
    let status = col("状态");
    let rows = &coverage[1..];
    // Judged: an interval rule with an interval over — not 按需 (never overdue), nor 每年
    // before the year ends (本期不考核).
    let judged = (rows.iter())
        .filter(|r| ["正常", "超期未更新", "从未更新"].contains(&r[status].as_str()))
        .count();
    assert!(
        judged > 0 && judged < rows.len() / 2,
        "{judged} of {}",
        rows.len()
    );
    let overdue: Vec<&Vec<String>> = (rows.iter())
        .filter(|r| ["超期未更新", "从未更新"].contains(&r[status].as_str()))
        .collect();
    let never = overdue.iter().filter(|r| r[status] == "从未更新").count();
    assert!(never > 0 && never < overdue.len(), "{overdue:?}");
    let said = format!(
        "本期开展栏目跟踪评估，按更新频率本期应当更新的{judged}个栏目中，{}个按期更新，{}个超期未更新（其中{never}个从未更新）。",
        judged - overdue.len(),
        overdue.len()
    );
    assert_eq!(find(&paras, "本期开展").text, said);
    let heading = (paras.iter())
        .position(|p| p.text == "（三）栏目更新不及时")
        .expect("the heading of the overdue sections");
    let named = &paras[heading + 1].text;
    for r in overdue {
        let levels = [&r[1], &r[2], &r[3]].map(String::as_str);
        let label = levels.iter().filter(|l| !l.is_empty()).copied();
        let label = format!("“{}”", label.collect::<Vec<_>>().join("—"));
        assert!(named.contains(&label), "{label}: {named}");
        assert!(!named.contains('/'), "{named}");
    }

    // Dated after the reports, it gives a deadline from its own date and says that the
    // reports may have named other units.
    let later = bulletin(&["--period", "2022Q2", "--date", "2022-07-11"]);
    assert!(
        later
            .contains("本期评估报告的评估时间是 2022年7月5日，与本通报成文日期 2022年7月11日 不同"),
        "{later}"
    );
    let paras = paragraphs(&ws.join("out/2022Q2/通报-2022Q2.docx"));
    assert!(
        paras
            .iter()
            .any(|p| p.text.ends_with("于2022年7月18日前完成整改。")),
        "{}",
        body_text(&paras)
    );

    // Reports whose date cannot be read (an older zwgk's) are not said to be missing.
    let combined = ws.join("out/2022Q2/评估报告/评估报告汇编-2022Q2.xlsx");
    let file = std::fs::File::open(&combined).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut undated = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let part = zip.by_index(i).expect("part");
        if part.name().ok().as_deref() != Some("docProps/custom.xml") {
            undated.raw_copy_file(part).expect("copy");
        }
    }
    let bytes = undated.finish().expect("finish").into_inner();
    std::fs::write(&combined, bytes).expect("write");
    let older = bulletin(&["--period", "2022Q2", "--date", "2022-07-11"]);
    assert!(older.contains("无法确定本期评估报告的评估时间"), "{older}");
    assert!(!older.contains("还没有本期的评估报告"), "{older}");
}

/// An office that words its 通报 its own way in `templates/通报.md.j2` gets its words,
/// whether its editor saved the file as UTF-8, UTF-8 with a BOM or GBK (Notepad's
/// “ANSI” on a Chinese Windows).
#[test]
fn notice_uses_the_offices_edited_template() {
    let ws = Ws::sample("daying-2018");
    let init = ws.zwgk(&["init", "--templates"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let rel = "templates/通报.md.j2";
    let bundled = std::fs::read_to_string(ws.join(rel)).expect("init copied the bundled template");
    let edited = bundled.replace("为进一步推进政务公开工作", "为抓好我县政务公开工作");
    let saves: [(&str, Vec<u8>); 3] = [
        ("UTF-8", edited.clone().into_bytes()),
        (
            "BOM",
            [b"\xEF\xBB\xBF".as_slice(), edited.as_bytes()].concat(),
        ),
        ("GBK", encoding_rs::GB18030.encode(&edited).0.into_owned()),
    ];
    for (saved, bytes) in saves {
        ws.write(rel, bytes);
        let out = ws.zwgk(&DAYING_BULLETIN);
        assert_eq!(out.code, 1, "{saved}: {}", out.stderr);
        let paras = paragraphs(&ws.join("out/2018-04/通报-2018-04.docx"));
        assert!(
            find(&paras, "为抓好我县政务公开工作")
                .text
                .contains("2018年4月"),
            "{saved}"
        );
        let body = body_text(&paras);
        assert!(!body.contains("为进一步推进政务公开工作"), "{saved}");
        assert!(!body.contains('\u{FEFF}'), "{saved}");
    }
    ws.write(rel, [0xFFu8, 0xFF, 0x00, 0x81]);
    let out = ws.zwgk(&DAYING_BULLETIN);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("不是 UTF-8 也不是 GBK"),
        "{}",
        out.stderr
    );
}

/// A template with an unclosed tag or an unknown name stops with a message naming the
/// file and line, and exit code 2; nothing is written.
#[test]
fn notice_broken_template_names_file_and_line() {
    let ws = Ws::sample("daying-2018");
    for (text, line, words) in [
        ("# 标题\n正文\n{% if units %}\n未闭合\n", 4, "语法错误"),
        (
            "# 标题\n\n共{{ units }}个单位，{{ unit_count }}个报送\n",
            3,
            "不提供的名称（请核对拼写，可用的名称见内置模板），出错处「unit_count」",
        ),
    ] {
        ws.write("templates/通报.md.j2", text);
        let out = ws.zwgk(&["notice", "通报", "--period", "2018-04"]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        let want = format!("模板 templates/通报.md.j2 第 {line} 行有误");
        assert!(
            out.stderr.contains(&want) && out.stderr.contains(words),
            "{}",
            out.stderr
        );
        assert!(!ws.join("out/2018-04/通报-2018-04.docx").exists());
    }
}

/// The print check: LibreOffice turns the 通报 into a PDF whose text holds the title and
/// the annex, on more than one page, every page A4 portrait. Skipped, saying so, where
/// LibreOffice is not installed (`.ci/run` installs it).
#[test]
fn notice_bulletin_prints_through_libreoffice() {
    let has = |tool: &str| {
        std::process::Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(has("soffice") && has("pdftotext") && has("pdfinfo")) {
        eprintln!("notice print check skipped: soffice, pdftotext or pdfinfo missing");
        return;
    }
    let ws = Ws::sample("daying-2018");
    ws.zwgk(&DAYING_BULLETIN);
    let docx = ws.join("out/2018-04/通报-2018-04.docx");
    let profile = ws.join("lo-profile");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fonts.conf");
    let status = std::process::Command::new("soffice")
        .env("FONTCONFIG_FILE", fonts)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(ws.join("pdf"))
        .arg(&docx)
        .output()
        .expect("soffice");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = ws.join("pdf/通报-2018-04.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("595.") && info.contains("x 841."),
        "A4 portrait: {info}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 4, "body and a 64-unit annex: {pages} pages");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
    assert!(text.contains("政务公开信息报送情况的通报"), "title printed");
    assert!(
        text.contains("大英县2018年4月政务公开信息报送完成情况"),
        "annex title printed"
    );
    assert!(
        text.contains("—1—") && text.contains("—2—"),
        "page numbers printed"
    );
}

/// The paragraphs kept on the page of the 落款: walking back from the 成文日期 (the last
/// right-aligned line before the annex), those marked keep-with-next.
fn tied_to_the_signature(paras: &[Para]) -> &[Para] {
    let end = (paras.iter())
        .position(|p| p.text == "附件")
        .unwrap_or(paras.len());
    let date = (paras[..end].iter())
        .rposition(|p| p.xml.contains(r#"<w:jc w:val="right" />"#))
        .expect("a 成文日期");
    let from = (paras[..date].iter())
        .rposition(|p| !p.xml.contains("<w:keepNext />"))
        .map_or(0, |i| i + 1);
    &paras[from..date]
}

/// GB/T 9704 7.3.5: the 落款 never stands alone on a page, so the last paragraph of the
/// text keeps with it — the last paragraph only, short, never a heading and the section
/// under it: LibreOffice moves a kept paragraph whole, and 大英's 通报 of 7 May left page
/// 3 half empty when section 四 (a heading and nine lines) went over with the 落款.
#[test]
fn notice_ties_only_a_short_last_paragraph_to_the_signature() {
    for (sample, period, date) in [
        ("daying-2018", "2018-04", "2018-05-07"),
        ("tangyin-2022", "2022Q2", "2022-06-23"),
        ("chibi-2020", "2020-10", "2020-11-05"),
    ] {
        let ws = Ws::sample(sample);
        for kind in ["通报", "催报"] {
            let out = ws.zwgk(&["notice", kind, "--period", period, "--date", date]);
            assert!(out.code <= 1, "{}", out.stderr);
            let paras = paragraphs(&ws.join(&format!("out/{period}/{kind}-{period}.docx")));
            let tied = tied_to_the_signature(&paras);
            let texts: Vec<&str> = tied.iter().map(|p| p.text.as_str()).collect();
            let headings = tied
                .iter()
                .filter(|p| p.xml.contains(r#"w:eastAsia="黑体""#));
            assert_eq!(headings.count(), 0, "{sample} {kind}: {texts:?}");
            // The text, not the 附件 line nor the 署名 above the date.
            let body: Vec<&str> = (tied.iter())
                .filter(|p| !p.xml.contains(r#"<w:jc w:val="right" />"#))
                .map(|p| p.text.as_str())
                .filter(|t| !t.is_empty() && !t.starts_with("附件："))
                .collect();
            // One paragraph of at most three lines of 28 characters.
            assert!(
                body.len() == 1 && body[0].chars().count() <= 3 * 28,
                "{sample} {kind}: {texts:?}"
            );
        }
    }
}

/// The same, on paper: no page of the text before the one with the 落款 ends more than
/// a third of a page (seven lines of 22) early; and every page number is printed in
/// 4号. Skipped without LibreOffice.
#[test]
fn notice_pages_before_the_signature_are_filled() {
    if !crate::paper::available() {
        eprintln!("notice page check skipped: LibreOffice, poppler or Noto CJK missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    for (sample, period, date) in [
        ("daying-2018", "2018-04", "2018-05-07"),
        ("tangyin-2022", "2022Q2", "2022-06-23"),
    ] {
        let ws = Ws::sample(sample);
        for kind in ["通报", "催报"] {
            let out = ws.zwgk(&["notice", kind, "--period", period, "--date", date]);
            assert!(out.code <= 1, "{}", out.stderr);
            let copy = dir.path().join(format!("{sample}-{kind}.docx"));
            std::fs::copy(
                ws.join(&format!("out/{period}/{kind}-{period}.docx")),
                &copy,
            )
            .unwrap();
            let signature = format!("{}{}", office(sample), date_zh(date));
            docs.push((copy, signature));
        }
    }
    let files: Vec<_> = docs.iter().map(|(f, _)| f.clone()).collect();
    let pdfs = crate::paper::print(&files, &dir.path().join("pdf"));
    // The type area ends 35 mm above the foot of the page; a line is 28.95 pt.
    let (bottom, line) = (841.89 - 35.0 * 72.0 / 25.4, 28.95);
    for ((file, signature), pdf) in docs.iter().zip(&pdfs) {
        let pages = crate::paper::pages(pdf);
        let signed = (pages.iter())
            .position(|p| p.text().contains(signature.as_str()))
            .unwrap_or_else(|| panic!("{}: no {signature}", file.display()));
        // GB/T 9704 7.5: page numbers in 4号 (14 pt), not the text's 3号.
        for (i, page) in pages.iter().enumerate() {
            let (n, number) = page.number().expect("a page number");
            assert!(
                (number.size() - 14.0).abs() < 0.5,
                "{}: page {n} numbered at {:.1} pt",
                file.display(),
                number.size()
            );
            assert_eq!(n as usize, i + 1);
        }
        for (i, page) in pages[..signed].iter().enumerate() {
            let text = page.words.iter().filter(|w| w.y0 < page.height * 0.9);
            let lowest = text.map(|w| w.y1).fold(0.0, f64::max);
            let empty = (bottom - lowest) / line;
            assert!(
                empty <= 7.0,
                "{}: page {} ends {empty:.1} lines early",
                file.display(),
                i + 1
            );
        }
    }
}

fn office(sample: &str) -> &'static str {
    match sample {
        "daying-2018" => "大英县人民政府办公室",
        "tangyin-2022" => "汤阴县人民政府办公室",
        _ => "赤壁市政务公开领导小组办公室",
    }
}

/// `2018-05-07` as 2018年5月7日.
fn date_zh(date: &str) -> String {
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    format!("{}年{}月{}日", parts[0], parts[1], parts[2])
}

/// 跟踪评估 and its 整改 within 5 working days are 汤阴's rule (seed 000 三), which its
/// zwgk.toml states (`[report] tracking = true`). 大英 (seed 001) and 赤壁 (seed 002) do
/// not evaluate so: their 通报 neither says so nor asks anyone to rectify. Where sections
/// have an interval 更新频率 (大英: 其他栏目每月更新) it says how those judged kept to it;
/// 赤壁's 26 domains are all 按需, none can be overdue, and it says nothing of them.
#[test]
fn notice_bulletin_speaks_of_tracking_evaluation_only_where_the_office_runs_it() {
    let judged_sentence = |ws: &Ws, period: &str| -> String {
        ws.zwgk(&["run", "--period", period]);
        let coverage = sheet_text(
            &ws.join(&format!("out/{period}/汇总-{period}.xlsx")),
            "栏目覆盖",
        );
        let status = coverage[0].iter().position(|h| h == "状态").unwrap();
        let count = |of: &[&str]| {
            (coverage[1..].iter())
                .filter(|r| of.contains(&r[status].as_str()))
                .count()
        };
        let (judged, overdue) = (
            count(&["正常", "超期未更新", "从未更新"]),
            count(&["超期未更新", "从未更新"]),
        );
        let never = count(&["从未更新"]);
        assert!(
            judged > overdue && overdue > never && never > 0,
            "{coverage:?}"
        );
        format!(
            "按更新频率本期应当更新的{judged}个栏目中，{}个按期更新，{overdue}个超期未更新（其中{never}个从未更新）。",
            judged - overdue
        )
    };
    let bulletin = |ws: &Ws, period: &str, date: &str| -> String {
        let out = ws.zwgk(&["notice", "通报", "--period", period, "--date", date]);
        assert!(out.code <= 1, "{}", out.stderr);
        body_text(&paragraphs(
            &ws.join(&format!("out/{period}/通报-{period}.docx")),
        ))
    };
    let daying = Ws::sample("daying-2018");
    let text = bulletin(&daying, "2018-04", "2018-05-07");
    assert!(
        !text.contains("跟踪评估") && !text.contains("整改"),
        "{text}"
    );
    let said = judged_sentence(&daying, "2018-04");
    assert!(text.contains(&format!("\n{said}\n")), "{said}\n{text}");
    assert!(text.contains("（三）栏目更新不及时"), "{text}");
    // The sections it names overdue, its 下一步工作要求 asks to be updated.
    assert!(
        text.contains("\n超期未更新的栏目，保障单位要按更新频率及时更新。\n"),
        "{text}"
    );

    let chibi = Ws::sample("chibi-2020");
    let text = bulletin(&chibi, "2020-10", "2020-11-05");
    assert!(
        !text.contains("跟踪评估") && !text.contains("整改"),
        "{text}"
    );
    assert!(
        !text.contains("更新频率") && !text.contains("未更新"),
        "{text}"
    );

    // 汤阴 with the setting off: the same sections judged, no evaluation, no demand.
    let tangyin = Ws::sample("tangyin-2022");
    let toml = std::fs::read_to_string(tangyin.join("zwgk.toml")).unwrap();
    assert!(toml.contains("tracking = true"));
    tangyin.write(
        "zwgk.toml",
        toml.replace("tracking = true", "tracking = false"),
    );
    let text = bulletin(&tangyin, "2022Q2", "2022-07-05");
    assert!(
        !text.contains("跟踪评估") && !text.contains("整改"),
        "{text}"
    );
    let said = judged_sentence(&tangyin, "2022Q2");
    assert!(text.contains(&format!("\n{said}\n")), "{said}\n{text}");
}

/// The months of a month or quarter period (`2018-04`, `2022Q2`), as `2022-04`.
fn period_months(period: &str) -> Vec<String> {
    match period.split_once('Q') {
        Some((year, q)) => {
            let first = (q.parse::<u32>().unwrap() - 1) * 3 + 1;
            (first..first + 3)
                .map(|m| format!("{year}-{m:02}"))
                .collect()
        }
        None => vec![period.to_string()],
    }
}

/// 先催报、后通报 (README): a 通报 dated on the 催报's due date named 税务局, which still
/// had that day to send. The 催报 keeps its due date; a 通报 not past it says so, and
/// one dated after it does not.
#[test]
fn notice_bulletin_before_the_reminders_due_date_is_flagged() {
    let ws = Ws::sample("chibi-2020");
    let notice = |kind: &str, date: &str| {
        let out = ws.zwgk(&["notice", kind, "--period", "2020-10", "--date", date]);
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        out.stdout
    };
    // Without a 催报 there is nothing to be early for.
    assert!(!notice("通报", "2020-11-05").contains("提醒"));
    // A 通报 has no due date of its own: a --due would be ignored, so it is refused.
    let args = [
        "notice",
        "通报",
        "--period",
        "2020-10",
        "--date",
        "2020-11-05",
    ];
    let out = ws.zwgk(&[&args[..], &["--due", "2020-11-12"]].concat());
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("--due 是催报的报送截止日期，通报不用"),
        "{}",
        out.stderr
    );
    let chased = notice("催报", "2020-11-05");
    assert!(chased.contains("截止 2020年11月10日：税务局"), "{chased}");
    // The command that lists the problems names the period: without it, last month's.
    assert!(
        chased.contains("（zwgk check --period 2020-10 列出全部问题）"),
        "{chased}"
    );
    let early = notice("通报", "2020-11-10");
    assert!(
        early.contains("提醒：本期催报给未报送单位的期限到 2020年11月10日，本通报成文日期 2020年11月10日 未过此期限"),
        "{early}"
    );
    assert!(!notice("通报", "2020-11-11").contains("提醒"));
    // What lies at the 催报's path is read only if it is a file: a pipe made it wait.
    let path = ws.join("out/2020-10/催报-2020-10.docx");
    std::fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    assert!(!notice("通报", "2020-11-10").contains("提醒"));
}

/// A number the contact form has wrong (统计局's mobile 1398251234, ten digits: P001) is
/// not printed in a 催报 for units to call: it says the number needs checking, as
/// 附件-contacts's 备注 does, and gives the numbers that are sound.
#[test]
fn notice_reminder_does_not_print_a_number_in_doubt() {
    let ws = Ws::sample("daying-2018");
    std::fs::remove_file(ws.join("inbox/统计局-2018年4月.csv")).expect("remove");
    let out = ws.zwgk(&[
        "notice",
        "催报",
        "--period",
        "2018-04",
        "--date",
        "2018-05-03",
    ]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let paras = paragraphs(&ws.join("out/2018-04/催报-2018-04.docx"));
    let text = body_text(&paras);
    let line = (paras.iter())
        .find(|p| p.text.contains("统计局："))
        .unwrap_or_else(|| panic!("统计局 is chased: {text}"));
    assert!(
        line.text.contains("谢明（0825-7811666；手机需核对）"),
        "{}",
        line.text
    );
    assert!(!text.contains("1398251234"), "{text}");
}

/// A report and a 催报 of one day give a unit that sent nothing one deadline. 汤阴's
/// 退役军人事务局 sent nothing for 2022Q2. On 23 June, inside the quarter, the 催报 asks
/// for the quarter by the third working day after it ends (5 July); its report used to
/// ask it to rectify by 30 June, before the quarter was over, and the 通报 of that day
/// named it among the units to rectify by 30 June. On 5 July the reports give five
/// working days (12 July, seed 000), and so does the 催报, which used to say 8 July.
#[test]
fn notice_reminder_report_and_bulletin_of_one_day_give_a_unit_one_deadline() {
    for (date, due, rectify_due) in [
        ("2022-06-23", "2022年7月5日", "2022年6月30日"),
        ("2022-07-05", "2022年7月12日", "2022年7月12日"),
    ] {
        let ws = Ws::sample("tangyin-2022");
        let args = ["--period", "2022Q2", "--date", date];
        let out = ws.zwgk(&[&["report"][..], &args].concat());
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let report = ws.join("out/2022Q2/评估报告/退役军人事务局-评估报告-2022Q2.xlsx");
        let cells: Vec<String> = sheet_text(&report, "评估报告").concat();
        let at = cells
            .iter()
            .position(|c| c == "整改期限")
            .expect("整改期限");
        let stated = (cells[at + 1..].iter()).find(|c| !c.is_empty()).unwrap();
        assert!(stated.starts_with(&format!("{due}前")), "{date}: {stated}");
        assert!(
            cells
                .iter()
                .any(|c| c.contains(&format!("请对照上述问题于{due}前完成整改"))),
            "{date}: {cells:?}"
        );
        let out = ws.zwgk(&[&["notice", "催报"][..], &args].concat());
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let text = body_text(&paragraphs(&ws.join("out/2022Q2/催报-2022Q2.docx")));
        assert!(text.contains(&format!("请于{due}前")), "{date}: {text}");
        let out = ws.zwgk(&[&["notice", "通报"][..], &args].concat());
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let text = body_text(&paragraphs(&ws.join("out/2022Q2/通报-2022Q2.docx")));
        let rectify = (text.split('。'))
            .find(|s| s.contains("完成整改"))
            .expect("整改");
        assert!(rectify.contains(&format!("于{rectify_due}前")), "{rectify}");
        assert_eq!(
            rectify.contains("退役军人事务局"),
            due == rectify_due,
            "{rectify}"
        );
    }
}

/// A unit owes an update where an interval of its section ends in the period and it
/// published nothing in it: 汤阴's 农业机械技术中心 kept its quarterly 涉农补贴 up in April,
/// so June's 催报 does not chase it, nor does the manifest list it among the units
/// without a submission (it used to be both, for the quarter ending in June).
#[test]
fn notice_reminder_does_not_chase_a_unit_whose_quarterly_section_was_updated() {
    let ws = Ws::sample("tangyin-2022");
    let args = [
        "notice",
        "催报",
        "--period",
        "2022-06",
        "--date",
        "2022-07-05",
    ];
    let out = ws.zwgk(&args);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let text = body_text(&paragraphs(&ws.join("out/2022-06/催报-2022-06.docx")));
    assert!(!text.contains("农业机械技术中心"), "{text}");
    assert!(text.contains("退役军人事务局"), "{text}");
    let out = ws.zwgk(&["run", "--period", "2022-06"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m = manifest(&ws, "2022-06");
    assert_eq!(
        m["coverage"]["units_without_submission"],
        serde_json::json!(["退役军人事务局"])
    );
}
