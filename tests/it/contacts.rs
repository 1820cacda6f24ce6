//! The contacts register and its annex as a reviewer found them on 赤壁市's sample: a form
//! without its 分管领导 (P005), a mobile grouped with spaces, a form labelling its roles
//! 分管负责人 and 联络员, two forms of one unit that cannot be ordered (P008). Each case
//! replaces a unit's form of the sample with a CSV written here, runs the real binary and
//! reads back what it printed.

use crate::harness::{Ws, col_widths, fits_a_line, page_breaks, part, sheet_text};

/// A contact form as 赤壁市's notice prints it (附件2), in a CSV: its unit as the units
/// table's alias has it (赤壁市民政局), its rows (联系人, 姓名, 职务, 联系方式), and 填报时间
/// 2020-09-21 where `dated`.
struct Form<'a> {
    unit: &'a str,
    file: &'a str,
    dated: bool,
    rows: &'a [[&'a str; 4]],
}

impl<'a> Form<'a> {
    /// A form dated 2020-09-21.
    fn dated(unit: &'a str, file: &'a str, rows: &'a [[&'a str; 4]]) -> Self {
        Self {
            unit,
            file,
            dated: true,
            rows,
        }
    }
}

/// 赤壁市's sample with its form of each unit of `forms` replaced by them.
fn chibi_with(forms: &[Form<'_>]) -> Ws {
    let ws = Ws::sample("chibi-2020");
    for form in forms {
        let unit = form.unit;
        let sample = format!("inbox/联络人名单/赤壁市{unit}分管负责人及联络人名单.xlsx");
        let _ = std::fs::remove_file(ws.join(&sample));
        let dated = if form.dated {
            "        填报时间：2020年9月21日"
        } else {
            ""
        };
        let mut text = format!(
            "分管负责人及联络人名单,,,\n填报单位：赤壁市{unit}{dated},,,\n,姓  名,职  务,联系方式\n"
        );
        for row in form.rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        ws.write(&format!("inbox/联络人名单/{}", form.file), text);
    }
    ws
}

/// The body rows of the contacts annex, after writing it.
fn annex(ws: &Ws) -> Vec<Vec<String>> {
    let out = ws.zwgk(&["annex", "contacts", "--number", "2"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/附件-contacts.xlsx"), "联系人");
    assert_eq!(rows[3][0], "序号");
    rows[4..].to_vec()
}

/// The annex's rows of `unit`: from its numbered row to the next.
fn rows_of<'a>(rows: &'a [Vec<String>], unit: &str) -> &'a [Vec<String>] {
    let at = (rows.iter().position(|r| r[1].replace('\n', "") == unit))
        .unwrap_or_else(|| panic!("no {unit} in {rows:#?}"));
    let len = 1 + rows[at + 1..]
        .iter()
        .take_while(|r| r[0].is_empty())
        .count();
    &rows[at..at + len]
}

/// 民政局 names no 分管领导 and 司法局 no 联络人: P005 in the check, and the annex's 备注
/// says what each left out (it printed the one row with an empty 备注).
#[test]
fn p005_a_role_a_form_leaves_out_is_said_in_the_annex() {
    let ws = chibi_with(&[
        Form::dated(
            "民政局",
            "民政局名单.csv",
            &[["联络人", "周秀英", "办公室主任", "0715-5330214"]],
        ),
        Form::dated(
            "司法局",
            "司法局名单.csv",
            &[["分管领导", "徐斌", "副局长", "13342004988"]],
        ),
    ]);
    let rows = annex(&ws);
    let mz = rows_of(&rows, "民政局");
    assert_eq!(mz.len(), 1, "{mz:?}");
    assert_eq!(
        (mz[0][2].as_str(), mz[0][7].as_str()),
        ("联络人", "分管领导未填报")
    );
    let sf = rows_of(&rows, "司法局");
    assert_eq!(
        (sf[0][2].as_str(), sf[0][7].as_str()),
        ("分管领导", "联络人未填报")
    );
    // A unit that named both has nothing to say.
    assert!(rows_of(&rows, "财政局").iter().all(|r| r[7].is_empty()));
}

/// P005's 建议 in 问题清单 said what to do twice: 请补填分管领导的姓名、职务和联系电话；
/// 请报送单位补填该联系人后重新报送. Now once.
#[test]
fn p005_advice_asks_once_for_what_is_missing() {
    let ws = chibi_with(&[Form::dated(
        "民政局",
        "民政局名单.csv",
        &[["联络人", "周秀英", "办公室主任", "0715-5330214"]],
    )]);
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let rows = sheet_text(&book, "问题清单");
    let p005: Vec<&Vec<String>> = rows.iter().filter(|r| r[2] == "P005").collect();
    assert_eq!(p005.len(), 1, "{rows:#?}");
    assert_eq!(p005[0][7], "联系人登记表没有填写分管领导");
    let advice = &p005[0][8];
    assert_eq!(advice.matches("补填").count(), 1, "{advice}");
    assert_eq!(
        advice,
        "请报送单位补填该联系人的姓名、职务和联系方式后重新报送"
    );
}

/// 卫健局's 分管领导 wrote his mobile 133 0535 9956: read as 13305359956 (no P001), and
/// printed so in the annex and 通讯录, as every other mobile is.
#[test]
fn p001_a_mobile_grouped_with_spaces_is_read_and_printed_as_its_eleven_digits() {
    let ws = chibi_with(&[Form::dated(
        "卫健局",
        "卫健局名单.csv",
        &[
            ["分管领导", "韩军", "副局长", "133 0535 9956"],
            ["联络人", "冯娟", "办公室主任", "133-0535-9957"],
        ],
    )]);
    let rows = annex(&ws);
    let wj = rows_of(&rows, "卫健局");
    let mobiles: Vec<&str> = wj.iter().map(|r| r[6].as_str()).collect();
    assert_eq!(mobiles, ["13305359956", "13305359957"]);
    assert!(wj.iter().all(|r| r[7].is_empty()), "{wj:?}");
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let problems = sheet_text(&book, "问题清单");
    assert!(
        !problems
            .iter()
            .any(|r| r[3] == "inbox/联络人名单/卫健局名单.csv"),
        "{problems:#?}"
    );
    let directory = sheet_text(&book, "通讯录");
    let han = directory.iter().find(|r| r[5] == "韩军").unwrap();
    assert_eq!((han[8].as_str(), han[11].as_str()), ("13305359956", "正常"));
}

/// 自然资源和规划局 labels its rows as the notice's title does, 分管负责人, and 联络员: they
/// are the roles the other forms call 分管领导 and 联络人, and print so, in the annex and in
/// 通讯录.
#[test]
fn the_roles_print_under_the_one_label_most_forms_write() {
    let ws = chibi_with(&[Form::dated(
        "自然资源和规划局",
        "自然资源和规划局名单.csv",
        &[
            ["分管负责人", "何勇", "副局长", "13965763101"],
            ["联络员", "高芳", "办公室主任", "0715-5330218"],
        ],
    )]);
    let rows = annex(&ws);
    let labels: Vec<&str> = (rows.iter())
        .filter(|r| !r[2].is_empty())
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(labels.len(), 32, "{labels:?}");
    assert!(
        labels.iter().all(|l| ["分管领导", "联络人"].contains(l)),
        "{labels:?}"
    );
    let zr = rows_of(&rows, "自然资源和规划局");
    assert_eq!(
        (zr[0][2].as_str(), zr[1][2].as_str()),
        ("分管领导", "联络人")
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let directory = sheet_text(&ws.join("out/2020-10/汇总-2020-10.xlsx"), "通讯录");
    let gao = directory.iter().find(|r| r[5] == "高芳").unwrap();
    assert_eq!(gao[4], "联络人");
}

/// One long entry took the width of every column of short words: 分管负责人 (a role of
/// five characters) made 赤壁市's list a little too wide for landscape, each column gave
/// up its share, 办公室主任 wrapped on every row and 自然资源和规划局 printed 自然资源和规 /
/// 划局; and a mobile grouped with spaces, which could break at its spaces, let the list
/// turn portrait on as many pages with every name cut (发 / 改局, 副 / 局长, 办公 / 室 /
/// 主任). With a long 职务, a number with spaces that is no mobile, a landline with spaces
/// and a 备注, the list still prints landscape on two pages, every role, name, 职务 title
/// and unit's word whole on its line.
#[test]
fn a_contacts_annex_keeps_its_words_whole_whatever_one_entry_holds() {
    let ws = chibi_with(&[
        Form::dated(
            "卫健局",
            "卫健局名单.csv",
            &[
                ["分管领导", "韩军", "党组成员、副局长", "133 0535 995"],
                ["联络人", "冯娟", "办公室主任", "0715 5330223 转 8001"],
            ],
        ),
        Form::dated(
            "教育局",
            "教育局名单.csv",
            &[
                ["分管领导", "陈海涛", "副局长", "13518246875"],
                ["信息工作人员", "杨国庆", "办公室主任", "0715-5330212"],
            ],
        ),
    ]);
    let rows = annex(&ws);
    let path = ws.join("out/附件-contacts.xlsx");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let setup = &xml[xml.find("<pageSetup").unwrap()..];
    assert!(
        setup.starts_with(r#"<pageSetup paperSize="9" orientation="landscape""#),
        "{}",
        &setup[..80]
    );
    assert_eq!(page_breaks::<u32>(&xml).len(), 1, "two pages");
    let widths = col_widths(&xml);
    for r in &rows {
        // 单位: whole, or broken after a word (自然资源和 / 规划局, 公共资源交易 / 中心).
        let unit = &r[1];
        for line in unit.lines() {
            assert!(fits_a_line(line, widths[1], 12.0), "{unit:?} {widths:?}");
        }
        if unit.contains('\n') {
            assert!(
                [
                    "自然资源和\n规划局",
                    "公共资源交易\n中心",
                    "市场监督\n管理局"
                ]
                .contains(&unit.as_str()),
                "{unit:?}"
            );
        }
        // 联系人, 姓名: one line; 职务: each title on a line that holds it.
        for col in [2, 3] {
            assert!(
                fits_a_line(&r[col], widths[col], 12.0),
                "{:?} {widths:?}",
                r[col]
            );
        }
        for line in r[4].lines() {
            assert!(fits_a_line(line, widths[4], 12.0), "{:?} {widths:?}", r[4]);
        }
        assert!(
            r[4].is_empty()
                || [
                    "副局长",
                    "办公室主任",
                    "党组成员、副局长",
                    "党组成员、\n副局长"
                ]
                .contains(&r[4].as_str()),
            "{:?}",
            r[4]
        );
    }
    let wj = rows_of(&rows, "卫健局");
    assert_eq!(wj[0][6], "133 0535 995", "not a mobile: as written");
    assert_eq!(wj[0][7], "手机需核对");
}

/// 民政局 sent two forms, neither dated (P008): the annex listed it twice, as 序号 5 and
/// 6, its 分管领导 on each. Now one entry: the 分管领导 both forms name once, both 联络人
/// marked, and the units numbered 1 to 18 without a gap.
#[test]
fn p008_a_unit_whose_forms_cannot_be_ordered_is_one_entry() {
    let leader = ["分管领导", "吴伟", "副局长", "18734085617"];
    let ws = chibi_with(&[
        Form {
            unit: "民政局",
            file: "民政局名单.csv",
            dated: false,
            rows: &[leader, ["联络人", "周秀英", "办公室主任", "0715-5330214"]],
        },
        Form {
            unit: "民政局",
            file: "民政局名单（改）.csv",
            dated: false,
            rows: &[leader, ["联络人", "王芳", "科员", "0715-5330214"]],
        },
    ]);
    let rows = annex(&ws);
    let numbers: Vec<&str> = (rows.iter())
        .filter(|r| !r[0].is_empty())
        .map(|r| r[0].as_str())
        .collect();
    let expected: Vec<String> = (1..=18).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert_eq!(
        rows.iter().filter(|r| r[1] == "民政局").count(),
        1,
        "{rows:#?}"
    );
    let mz: Vec<String> = rows_of(&rows, "民政局")
        .iter()
        .map(|r| [&r[2], &r[3], &r[7]].map(|c| c.replace('\n', "")).join("|"))
        .collect();
    assert_eq!(
        mz,
        [
            "分管领导|吴伟|",
            "联络人|周秀英|多份未能确定最新",
            "联络人|王芳|多份未能确定最新"
        ]
    );
}
