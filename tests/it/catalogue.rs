//! Catalogues and contact forms as units really send them, and as they go wrong: a
//! catalogue whose header names no element, GBK CSV versions of both, a register with a
//! block of merged columns per role, two forms that cannot be ordered. Nothing is lost:
//! every sheet's rows are accounted for, and each problem names its file, sheet and cell.

use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

use crate::harness::{
    CLOSING_MARKS, Ws, alignments, col_width, col_widths, fits_a_line, manifest, page_breaks, part,
    printed_cjk, sheet_names, sheet_text,
};

/// Two domains (义务教育 → 教育局, 社会救助 → 民政局) and three units.
fn county() -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"赤壁市\"\nyear = 2020\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\ndomains = \"reference/domains.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,别名,类别\n教育局,赤壁市教育局,部门\n民政局,赤壁市民政局,部门\n财政局,赤壁市财政局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n教育局,100\n民政局,100\n财政局,100\n",
    );
    ws.write(
        "reference/domains.csv",
        "序号,政务公开领域,责任单位\n1,(三)义务教育领域,赤壁市教育局\n2,(五)社会救助领域,赤壁市民政局\n",
    );
    ws
}

/// A one-sheet workbook with merged ranges (0-based, inclusive), values in their
/// top-left cells.
fn merged_xlsx(ws: &Ws, rel: &str, rows: &[&[&str]], merges: &[(u32, u16, u32, u16)]) {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let plain = Format::new();
    for &(r1, c1, r2, c2) in merges {
        let text = rows[r1 as usize].get(c1 as usize).copied().unwrap_or("");
        sheet.merge_range(r1, c1, r2, c2, text, &plain).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let inside = merges.iter().any(|&(r1, c1, r2, c2)| {
                (r1..=r2).contains(&(r as u32)) && (c1..=c2).contains(&(c as u16))
            });
            if !text.is_empty() && !inside {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    ws.write(rel, wb.save_to_buffer().unwrap());
}

/// The problems of a run as `CODE file / sheet / cell` lines.
fn problems(ws: &Ws, period: &str) -> Vec<String> {
    let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    sheet_text(&book, "问题清单")
        .into_iter()
        .skip(1)
        .map(|r| format!("{} {} / {} / {}", r[2], r[3], r[4], r[5]))
        .collect()
}

/// The sheets of an input in the manifest, each with rows read = accepted + rejected.
fn sheets_of<'a>(m: &'a Value, path: &str) -> Vec<&'a Value> {
    let input = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in the manifest"));
    let sheets: Vec<&Value> = input["sheets"].as_array().unwrap().iter().collect();
    for s in &sheets {
        let n = |k: &str| s[k].as_u64().unwrap();
        assert_eq!(
            n("rows_read"),
            n("rows_accepted") + n("rows_rejected"),
            "{s}"
        );
    }
    sheets
}

#[test]
fn a_catalogue_whose_header_names_no_element_is_reported_as_a_catalogue_not_read() {
    let ws = county();
    ws.write(
        "inbox/教育局义务教育标准目录.csv",
        "序号,项目,说明\n1,招生政策,每年公布\n2,划片范围,每年公布\n",
    );
    ws.write(
        "inbox/民政局社会救助目录.csv",
        "赤壁市社会救助领域政务公开事项标准目录\n单位,类别\n民政局,低保\n民政局,特困\n",
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let found = problems(&ws, "2020-10");
    let m014: Vec<&String> = found.iter().filter(|p| p.starts_with("M014")).collect();
    assert_eq!(m014.len(), 2, "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|p| p.starts_with("L001") || p.starts_with("L006")),
        "{found:#?}"
    );
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let messages: Vec<String> = sheet_text(&book, "问题清单")
        .into_iter()
        .filter(|r| r[2] == "M014")
        .map(|r| r[7].clone())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("表中 2 行") && m.contains("未读取")),
        "{messages:?}"
    );
    // Nothing was taken for a catalogue: both domains lack their units' catalogues.
    let m = manifest(&ws, "2020-10");
    assert!(m["catalogues"].is_null(), "{}", m["catalogues"]);
}

#[test]
fn gbk_csv_catalogue_and_contact_form_are_read_and_every_row_accounted_for() {
    let ws = county();
    ws.gbk(
        "inbox/赤壁市教育局义务教育领域目录.csv",
        "赤壁市义务教育领域政务公开事项标准目录\r\n填报单位：赤壁市教育局\r\n序号,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\r\n\
1,招生入学,招生政策,招生范围、招生条件,《义务教育法》第十二条,信息形成或变更之日起20个工作日内,赤壁市教育局,主动,政府网站,全社会\r\n\
2,招生入学,划片范围,,《义务教育法》第十二条,按规定,赤壁市民政局,公开,政府网站,学生家长\r\n\
3,,,,,,,,,\r\n\
4,招生入学,招生政策,招生计划,《义务教育法》,实时,赤壁市教育局,主动,政府网站,全社会\r\n",
    );
    ws.gbk(
        "inbox/民政局分管负责人及联络人名单.csv",
        "分管负责人及联络人名单\r\n填报单位：赤壁市民政局        填报时间：2020年9月23日\r\n,姓  名,职  务,联系方式\r\n分管领导,陈刚,副局长,13971551234\r\n联络人,周敏,办公室主任,0715-5330205转8001\r\n",
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m = manifest(&ws, "2020-10");
    let catalogue = sheets_of(&m, "inbox/赤壁市教育局义务教育领域目录.csv");
    assert_eq!(catalogue[0]["kind"], "catalogue");
    assert_eq!(
        (
            catalogue[0]["rows_read"].as_u64(),
            catalogue[0]["rows_rejected"].as_u64()
        ),
        (Some(4), Some(1)),
        "the row with a 序号 only is left out with M015"
    );
    let contacts = sheets_of(&m, "inbox/民政局分管负责人及联络人名单.csv");
    assert_eq!(contacts[0]["kind"], "contacts");
    assert_eq!(m["contacts"]["units"], 1);
    assert_eq!(m["contacts"]["people"], 2);
    assert_eq!(m["catalogues"]["matters"], 3);
    assert_eq!(
        m["catalogues"]["uncatalogued"],
        serde_json::json!(["社会救助"])
    );
    let sheet = "赤壁市教育局义务教育领域目录";
    let found = problems(&ws, "2020-10");
    let file = "inbox/赤壁市教育局义务教育领域目录.csv";
    for expected in [
        format!("M002 {file} / {sheet} / D5"),
        format!("M003 {file} / {sheet} / F5"),
        format!("M005 {file} / {sheet} / G5"),
        format!("M006 {file} / {sheet} / H5"),
        format!("M007 {file} / {sheet} / J5"),
        format!("M015 {file} / {sheet} / 第 6 行"),
        format!("M008 {file} / {sheet} / C7"),
        "M011 reference/domains.csv / domains / 第 3 行".to_string(),
        "P006 reference/targets.csv / targets / B2".to_string(),
    ] {
        assert!(found.contains(&expected), "no {expected} in {found:#?}");
    }
    assert!(
        !found
            .iter()
            .any(|p| p.contains("分管负责人") && !p.starts_with("F")),
        "{found:#?}"
    );
    // Every matter stays in 标准目录, the three with problems marked.
    let book = ws.join("out/2020-10/标准目录-2020-10.xlsx");
    assert_eq!(sheet_names(&book), ["目录覆盖", "义务教育领域"]);
    let rows = sheet_text(&book, "义务教育领域");
    let status: Vec<&str> = rows[1..].iter().map(|r| r[13].as_str()).collect();
    assert_eq!(status, ["正常", "需核对", "需核对"]);
    assert_eq!(rows[1][6], "信息形成或变更之日起20个工作日内");
    // 问题 wraps in a column of at most 40 characters instead of running on, cut.
    let longest = rows[1..].iter().map(|r| r[14].chars().count()).max();
    assert!(longest.is_some_and(|n| n > 20), "{rows:?}");
    let xml = part(&book, "xl/worksheets/sheet2.xml");
    let width = col_width(&xml, 15).unwrap_or_default();
    assert!((20.0..=42.0).contains(&width), "{width}");
    assert!(
        xml.contains("customHeight"),
        "the rows of a wrapped 问题 are made tall"
    );
}

#[test]
fn a_register_with_merged_role_blocks_lists_each_role_of_each_unit() {
    let ws = county();
    merged_xlsx(
        &ws,
        "inbox/政务公开联系人汇总.xlsx",
        &[
            &["各单位政务公开联系人汇总表"],
            &[
                "单位",
                "单位电话",
                "分管领导",
                "",
                "",
                "信息工作人员",
                "",
                "",
            ],
            &["", "", "姓名", "职务", "手机", "姓名", "职务", "手机"],
            &[
                "教育局",
                "0715-5320001",
                "张明",
                "副局长",
                "13908251234",
                "李华",
                "科员",
                "1380825567",
            ],
            &[
                "民政局",
                "0715-5320002",
                "陈刚",
                "副局长",
                "13971551234",
                "周敏",
                "科员",
                "13871550000",
            ],
            &[
                "老干局",
                "0715-5320003",
                "王五",
                "副局长",
                "13971550001",
                "",
                "",
                "",
            ],
        ],
        &[
            (0, 0, 0, 7),
            (1, 0, 2, 0),
            (1, 1, 2, 1),
            (1, 2, 1, 4),
            (1, 5, 1, 7),
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let found = problems(&ws, "2020-10");
    let file = "inbox/政务公开联系人汇总.xlsx";
    for expected in [
        format!("P001 {file} / Sheet1 / H4"),
        format!("U001 {file} / Sheet1 / A6"),
        "P006 reference/targets.csv / targets / B4".to_string(),
    ] {
        assert!(found.contains(&expected), "no {expected} in {found:#?}");
    }
    let m = manifest(&ws, "2020-10");
    let sheet = &sheets_of(&m, file)[0];
    assert_eq!(
        (sheet["rows_read"].as_u64(), sheet["rows_rejected"].as_u64()),
        (Some(3), Some(1))
    );
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let people: Vec<String> = sheet_text(&book, "通讯录")
        .into_iter()
        .skip(1)
        .map(|r| format!("{} {} {} {}", r[1], r[4], r[5], r[8]))
        .collect();
    assert_eq!(
        people,
        [
            "教育局 分管领导 张明 13908251234",
            "教育局 信息工作人员 李华 1380825567",
            "民政局 分管领导 陈刚 13971551234",
            "民政局 信息工作人员 周敏 13871550000",
            "财政局   ",
        ]
    );
    // 财政局's row (the sixth) is drawn to the last column, 行号 (Q), as the others are.
    let names = sheet_names(&book);
    let at = names.iter().position(|n| n == "通讯录").unwrap() + 1;
    let cells = alignments(&book, &format!("xl/worksheets/sheet{at}.xml"), "Q");
    let rows: Vec<&str> = cells.iter().map(|(cell, _)| cell.as_str()).collect();
    assert_eq!(rows, ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]);
}

#[test]
fn two_contact_forms_of_a_unit_without_dates_are_both_listed_with_a_warning() {
    let ws = county();
    let form = |liaison: &str| {
        format!(
            "填报单位：赤壁市民政局\n,姓名,职务,联系方式\n分管领导,陈刚,副局长,13971551234\n联络人,{liaison},科员,13871550000\n"
        )
    };
    ws.write("inbox/民政局联络人.csv", form("周敏"));
    ws.write("inbox/民政局联络人（改）.csv", form("吴芳"));
    ws.write(
        "inbox/教育局联络人2020.9.21.csv",
        "填报单位：赤壁市教育局\n,姓名,职务,联系方式\n分管领导,张明,副局长,13908251234\n",
    );
    ws.write(
        "inbox/教育局联络人2020.9.25.csv",
        "填报单位：赤壁市教育局\n,姓名,职务,联系方式\n分管领导,张明,副局长,13908259999\n联络人,李华,科员,0715-5320001\n",
    );
    // One of 财政局's forms is dated, the other not: P008 says so, not that neither is.
    ws.write(
        "inbox/财政局联络人2020.9.21.csv",
        "填报单位：赤壁市财政局\n,姓名,职务,联系方式\n分管领导,王强,副局长,13908251111\n",
    );
    ws.write(
        "inbox/财政局联络人.csv",
        "填报单位：赤壁市财政局\n,姓名,职务,联系方式\n分管领导,王强,副局长,13908252222\n",
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let found = problems(&ws, "2020-10");
    for expected in [
        "P008 inbox/民政局联络人.csv / 民政局联络人 / ",
        "P008 inbox/民政局联络人（改）.csv / 民政局联络人（改） / ",
        "P007 inbox/教育局联络人2020.9.21.csv / 教育局联络人2020.9.21 / ",
        "P005 inbox/教育局联络人2020.9.21.csv / 教育局联络人2020.9.21 / ",
    ] {
        assert!(
            found.iter().any(|p| p == expected),
            "no {expected} in {found:#?}"
        );
    }
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let rows = sheet_text(&book, "问题清单");
    let replaced = rows.iter().find(|r| r[2] == "P007").unwrap();
    assert!(
        replaced[7].contains("手机由「13908251234」改为「13908259999」")
            && replaced[7].contains("新增联络人 李华"),
        "{}",
        replaced[7]
    );
    let why = |unit: &str| -> Vec<&str> {
        (rows.iter())
            .filter(|r| r[2] == "P008" && r[7].starts_with(unit))
            .map(|r| r[7].as_str())
            .collect()
    };
    for (unit, said) in [
        ("民政局", "（都没有填报时间，文件名中也没有日期）"),
        (
            "财政局",
            "（有的没有填报时间，文件名中也没有日期，无法与写明日期的比较）",
        ),
    ] {
        let found = why(unit);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|m| m.contains(said)), "{found:?}");
    }
    let m = manifest(&ws, "2020-10");
    assert_eq!(
        m["contacts"]["unordered"],
        serde_json::json!(["民政局", "财政局"])
    );
    assert_eq!(
        m["contacts"]["people"], 8,
        "both of 民政局's and 财政局's forms, 教育局's latest"
    );
}

/// Of three forms, two of the latest date cannot be ordered (P008, the same date), but
/// the older one is replaced all the same (P007): it used to be unordered too, and its
/// people listed in the 通讯录.
#[test]
fn an_older_form_is_replaced_though_the_latest_two_tie() {
    let ws = county();
    let form = |liaison: &str| {
        format!(
            "填报单位：赤壁市民政局\n,姓名,职务,联系方式\n分管领导,陈刚,副局长,13971551234\n联络人,{liaison},科员,13871550000\n"
        )
    };
    ws.write("inbox/民政局联络人2020.9.1.csv", form("周敏"));
    ws.write("inbox/民政局联络人2020.9.21.csv", form("吴芳"));
    ws.write("inbox/民政局联络人（改）2020.9.21.csv", form("王丽"));
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/2020-10/汇总-2020-10.xlsx"), "问题清单");
    let of = |code: &str| -> Vec<String> {
        (rows.iter())
            .filter(|r| r[2] == code)
            .map(|r| format!("{} {}", r[3], r[7]))
            .collect()
    };
    let replaced = of("P007");
    assert_eq!(replaced.len(), 1, "{replaced:?}");
    assert!(
        replaced[0].starts_with("inbox/民政局联络人2020.9.1.csv "),
        "{replaced:?}"
    );
    let unordered = of("P008");
    assert_eq!(unordered.len(), 2, "{unordered:?}");
    assert!(
        unordered
            .iter()
            .all(|p| p.contains("最晚的几份填报时间相同")),
        "{unordered:?}"
    );
    let m = manifest(&ws, "2020-10");
    assert_eq!(m["contacts"]["people"], 4, "{}", m["contacts"]);
}

/// A number first given on the later form is 新增, not changed from 「」.
#[test]
fn a_number_added_on_a_later_contact_form_is_said_to_be_added() {
    let ws = county();
    let form = |phone: &str| {
        format!(
            "填报单位：赤壁市民政局\n,姓名,职务,联系方式\n分管领导,陈刚,副局长,13971551234\n联络人,周敏,科员,{phone}\n"
        )
    };
    ws.write("inbox/民政局联络人2020.9.1.csv", form(""));
    ws.write("inbox/民政局联络人2020.9.5.csv", form("13871550000"));
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/2020-10/汇总-2020-10.xlsx"), "问题清单");
    let replaced = rows.iter().find(|r| r[2] == "P007").expect("P007");
    assert!(
        replaced[7].contains("联络人 周敏新增手机「13871550000」"),
        "{}",
        replaced[7]
    );
}

#[test]
fn the_catalogue_and_contacts_annexes_print_what_the_inbox_holds() {
    let ws = county();
    ws.write(
        "inbox/民政局-2020年10月.csv",
        "标题,发布日期,领域\n低保资金发放公示,2020-10-12,社会救助\n",
    );
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("报送文件夹中没有标准目录"),
        "{}",
        out.stderr
    );
    ws.write(
        "inbox/赤壁市民政局社会救助领域目录.csv",
        "序号,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象,备注\n\
1,最低生活保障,政策文件,保障标准,《社会救助暂行办法》,信息形成或变更之日起20个工作日内,赤壁市民政局,主动,政府网站,全社会,\n\
2,最低生活保障,保障对象,保障对象名单,《社会救助暂行办法》,长期,赤壁市民政局,主动,公开栏,特定群体,按季度更新名单\n",
    );
    ws.write(
        "inbox/民政局联络人.csv",
        "填报单位：赤壁市民政局\n,姓名,职务,联系方式\n分管领导,陈刚,副局长,13971551234\n联络人,周敏,科员,0715-5330205\n",
    );
    // Forms of any date: without --period these annexes are of the working year (2020),
    // not of last month, which lies outside it.
    for table in ["catalogue", "contacts"] {
        let out = ws.zwgk(&["annex", table, "--number", "2"]);
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    }
    let rows = sheet_text(&ws.join("out/附件-catalogue.xlsx"), "标准目录");
    assert_eq!(rows[0][0], "附件2");
    assert_eq!(rows[2][0], "2020年赤壁市试点领域政务公开事项标准目录");
    // 义务教育 has a responsible unit but no catalogue: it keeps its number.
    assert_eq!(rows[4][0], "（三）义务教育领域");
    assert_eq!(rows[5][0], "未编制（责任单位：教育局）");
    assert_eq!(rows[6][0], "（五）社会救助领域");
    let matters: Vec<String> = rows[7..].iter().map(|r| r[..3].join("|")).collect();
    assert_eq!(matters, ["1|最低生活保障|政策文件", "2||保障对象"]);
    assert_eq!(
        rows[8][8], "特定对象",
        "公开对象 shown as the rule read from it"
    );
    // The unit's own 备注 is printed (it used to be dropped for the 需核对 marks alone).
    assert_eq!(
        (rows[7][10].as_str(), rows[8][10].as_str()),
        ("", "按季度更新名单")
    );
    // 公开主体 as the units table names it: the annex is the county's, not 民政局's.
    assert_eq!(
        (rows[7][6].as_str(), rows[8][6].as_str()),
        ("民政局", "民政局")
    );
    assert_eq!(rows[3][3], "公开内容\n（要素）");
    let rows = sheet_text(&ws.join("out/附件-contacts.xlsx"), "联系人");
    assert_eq!(rows[2][0], "赤壁市政务公开工作联系人名单");
    let people: Vec<String> = rows[4..].iter().map(|r| r[1..].join("|")).collect();
    assert_eq!(
        people,
        [
            "民政局|分管领导|陈刚|副局长||13971551234|",
            "|联络人|周敏|科员|0715-5330205||",
            "教育局||||||未报送",
            "财政局||||||未报送",
        ]
    );
}

/// What 标准目录 marks 需核对 is marked in the annex's 备注 in a few words; 义务教育, for
/// which no catalogue came, keeps its number over a line saying 未编制; the console says
/// rows were left out only when some were.
#[test]
fn the_catalogue_annex_marks_matters_to_check_and_domains_not_compiled() {
    let ws = county();
    let header = "序号,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\n";
    ws.write(
        "inbox/赤壁市民政局社会救助领域目录.csv",
        format!(
            "{header}\
1,最低生活保障,政策文件,保障标准,,信息形成或变更之日起20个工作日内,赤壁市民政局,主动,政府网站,全社会\n\
2,最低生活保障,保障对象,保障对象名单,《社会救助暂行办法》,及时公开,赤壁市民政局,主动,公开栏,特定群体\n\
3,临时救助,救助标准,救助标准,《社会救助暂行办法》,长期,赤壁市民政局,主动,政府网站,全社会\n"
        ),
    );
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("没有列入附件"), "{}", out.stdout);
    assert!(out.stdout.contains("在备注中标明需核对"), "{}", out.stdout);
    let rows = sheet_text(&ws.join("out/附件-catalogue.xlsx"), "标准目录");
    assert_eq!(rows[3].last().unwrap(), "备注");
    let body: Vec<String> = rows[4..]
        .iter()
        .map(|r| format!("{}|{}", r[0], r.last().unwrap()))
        .collect();
    assert_eq!(
        body,
        [
            "（三）义务教育领域|",
            "未编制（责任单位：教育局）|",
            "（五）社会救助领域|",
            "1|需核对：缺公开依据",
            "2|需核对：公开时限不明确",
            "3|",
        ]
    );
    // A row holding only its 序号 is not a matter (M015): now the console says so.
    ws.write(
        "inbox/赤壁市民政局社会救助领域目录.csv",
        format!(
            "{header}\
1,最低生活保障,政策文件,保障标准,,信息形成或变更之日起20个工作日内,赤壁市民政局,主动,政府网站,全社会\n\
2,,,,,,,,,\n\
3,临时救助,救助标准,救助标准,《社会救助暂行办法》,长期,赤壁市民政局,主动,政府网站,全社会\n"
        ),
    );
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert!(
        out.stdout.contains("其中 1 行未能识别，没有列入附件"),
        "{}",
        out.stdout
    );
}

/// The first twelve pilot domains, with one to three matters each, the first with one
/// to four more so that the headings fall on every row in turn: no domain's heading is
/// ever the last row of a page, and no domain of three matters or fewer is split.
#[test]
fn a_domain_heading_in_the_catalogue_annex_never_ends_a_page() {
    const DOMAINS: [&str; 12] = [
        "重大建设项目",
        "公共资源交易",
        "义务教育",
        "户籍管理",
        "社会救助",
        "养老服务",
        "公共法律服务",
        "财政预决算",
        "就业",
        "社会保险",
        "城乡规划",
        "生态环境",
    ];
    for extra in 0..4 {
        let ws = county();
        let mut csv = String::from(
            "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\n",
        );
        for (i, domain) in DOMAINS.iter().enumerate() {
            let more = if i == 0 { extra } else { 0 };
            for j in 0..=(i % 3 + more) {
                csv.push_str(&format!(
                    "{domain},事项{i}{j},子项,办理结果,《条例》,长期,赤壁市民政局,主动,政府网站,全社会\n"
                ));
            }
        }
        ws.write("inbox/赤壁市民政局目录.csv", csv);
        let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
        assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
        let path = ws.join("out/附件-catalogue.xlsx");
        let rows = sheet_text(&path, "标准目录");
        let headings: Vec<u32> = (0u32..)
            .zip(&rows)
            .filter(|(_, r)| r[0].ends_with("领域"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(headings.len(), 12, "{rows:?}");
        let xml = part(&path, "xl/worksheets/sheet1.xml");
        let breaks: Vec<u32> = page_breaks(&xml);
        assert!(!breaks.is_empty(), "{xml}");
        for b in &breaks {
            assert!(
                !headings.contains(&(b - 1)),
                "{extra} more: row {} (a heading) ends a page: {breaks:?}",
                b - 1
            );
            // A domain of up to three matters is never split: a page starts at a
            // heading, or inside the first domain once it holds four or more.
            let in_first = *b < headings[1] && extra + 1 > 3;
            assert!(
                headings.contains(b) || in_first,
                "{extra} more: a page starts at row {b}, inside a short domain: {breaks:?}"
            );
        }
    }
}

/// Three domains of twenty to thirty matters of a line each, each running over pages: every page that
/// starts inside a domain starts with its heading again, （续）, and no repeated heading
/// is left in the middle of a page.
#[test]
fn a_page_a_domain_runs_onto_starts_with_its_heading() {
    let ws = county();
    let mut csv = String::from(
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\n",
    );
    for (d, (domain, n)) in [("社会救助", 20), ("养老服务", 30), ("安全生产", 24)]
        .into_iter()
        .enumerate()
    {
        for j in 0..n {
            csv.push_str(&format!(
                "{domain},事项{},子项{j},办理结果和办理依据,《条例》第{j}条,长期,赤壁市民政局,主动,政府网站,全社会\n",
                j / 5 + d
            ));
        }
    }
    ws.write("inbox/赤壁市民政局目录.csv", csv);
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let path = ws.join("out/附件-catalogue.xlsx");
    let rows = sheet_text(&path, "标准目录");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let breaks: Vec<usize> = page_breaks(&xml);
    assert!(breaks.len() >= 3, "{xml}");
    let header = rows.iter().position(|r| r[0] == "序号").unwrap();
    let mut domain = String::new();
    for (i, row) in rows.iter().enumerate().skip(header + 1) {
        let first = &row[0];
        if first.ends_with("领域") {
            domain = first.clone();
            continue;
        }
        let starts_page = breaks.contains(&i);
        if first.ends_with("（续）") {
            assert_eq!(*first, format!("{domain}（续）"), "row {i}");
            assert!(starts_page, "row {i} repeats {domain} mid-page: {breaks:?}");
        } else {
            assert!(
                !starts_page,
                "row {i} starts a page inside {domain} with no heading"
            );
        }
    }
    // The matters keep their numbers within their domain across pages.
    let numbers: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for n in 1..=20 {
        assert!(numbers.contains(&n.to_string().as_str()), "{numbers:?}");
    }
}

/// Thirty units, each a block of rows (the first names only its 联络人): however the
/// pages fall, no unit's block is split between two, and the 联系人 column holds 分管领导
/// on one line. A number in doubt is printed marked, and the unit that sent nothing has
/// its row, as in 通讯录.
/// 赤壁's catalogue as a reviewer printed it: 公开主体 broken by the tool on lines too
/// long for the column (自然资源和 / 规划局 printed 自然资源 / 和 / 规划局), matters' names
/// of four characters split (法律援 / 助), lines begun with 》 or 、 (《湖北省养老服务条例
/// / 》, 学校服务片区 / 、对口学校). Now a unit's name breaks only where a word ends, on
/// lines that fit; a name of four characters is whole; and no line LibreOffice prints
/// starts with a closing mark or leaves a character alone at the end of a cell.
#[test]
fn the_catalogue_annex_breaks_lines_where_they_fit_and_never_before_a_mark() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let path = ws.join("out/附件-catalogue.xlsx");
    let widths = col_widths(&part(&path, "xl/worksheets/sheet1.xml"));
    let rows = sheet_text(&path, "标准目录");
    let matters: Vec<&Vec<String>> = (rows.iter())
        .filter(|r| r[0].parse::<u32>().is_ok())
        .collect();
    assert!(matters.len() > 50, "{}", matters.len());
    // 公开主体: whole, or broken where a word ends into lines that fit.
    let subjects: Vec<&str> = matters.iter().map(|r| r[6].as_str()).collect();
    for subject in &subjects {
        for line in subject.lines() {
            assert!(fits_a_line(line, widths[6], 12.0), "{subject:?} {widths:?}");
        }
    }
    for name in ["自然资源和\n规划局", "公共资源交易\n中心", "农业农村局"] {
        assert!(subjects.contains(&name), "{name:?} not in {subjects:?}");
    }
    // 一级事项 and 二级事项 hold four characters a line: 法律援助, 户口迁移 whole.
    for col in [1, 2] {
        assert!(fits_a_line("法律援助", widths[col], 12.0), "{widths:?}");
        for r in &matters {
            let name = &r[col];
            assert!(name.chars().count() > 4 || !name.contains('\n'), "{name:?}");
        }
    }
    // Every line of every cell, as LibreOffice prints it (from the tool's own breaks,
    // each of which fits): never a closing mark first, never one character alone last.
    for r in &matters {
        for (col, cell) in r.iter().enumerate() {
            let broken = cell.contains('\n');
            for line in cell.lines() {
                assert!(!broken || fits_a_line(line, widths[col], 12.0), "{cell:?}");
                let Some(printed) = printed_cjk(line, widths[col], 12.0) else {
                    continue;
                };
                assert!(
                    !printed
                        .iter()
                        .any(|l| l.starts_with(|c| CLOSING_MARKS.contains(c))),
                    "column {col} prints {printed:?}"
                );
                let alone = printed.len() > 1 && printed.last().unwrap().chars().count() == 1;
                assert!(!alone, "column {col} prints {printed:?}");
            }
        }
    }
}

#[test]
fn the_contacts_annex_keeps_each_unit_on_one_page_and_marks_what_the_directory_marks() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"赤壁市\"\nyear = 2020\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\n",
    );
    let names: Vec<String> = (1..=31).map(|i| format!("第{i:02}局")).collect();
    let units: String = names.iter().map(|n| format!("{n},部门\n")).collect();
    let targets: String = names.iter().map(|n| format!("{n},10\n")).collect();
    ws.write("reference/units.csv", format!("单位名称,类别\n{units}"));
    ws.write(
        "reference/targets.csv",
        format!("单位,目标任务数量(条)\n{targets}"),
    );
    // 第31局 sends nothing.
    for (i, unit) in names[..30].iter().enumerate() {
        let leader = format!("分管领导,王{i:02},副局长,139{i:08}\n");
        let office = if i == 2 {
            "533020".to_string()
        } else {
            format!("0715-53302{i:02}")
        };
        ws.write(
            &format!("inbox/{unit}联络人.csv"),
            format!(
                "填报单位：{unit}\n,姓名,职务,联系方式\n{}联络人,李{i:02},办公室主任,{office}\n",
                if i == 0 { "" } else { leader.as_str() }
            ),
        );
    }
    let out = ws.zwgk(&["annex", "contacts", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let path = ws.join("out/附件-contacts.xlsx");
    let rows = sheet_text(&path, "联系人");
    assert_eq!(rows[3].last().unwrap(), "备注");
    // Rows: 附件1, a blank, the title, the header; 第01局 on row 4, then two rows a unit.
    let starts: Vec<u32> = std::iter::once(4).chain((5..64).step_by(2)).collect();
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    let breaks: Vec<u32> = page_breaks(&xml);
    assert!(!breaks.is_empty(), "{xml}");
    for b in &breaks {
        assert!(
            starts.contains(b),
            "page breaks inside a unit at row {b}: {breaks:?}"
        );
    }
    // 分管领导 is four characters, eight digits wide.
    assert!(col_width(&xml, 3).unwrap() >= 9.0, "{xml}");
    let third: Vec<&Vec<String>> = rows.iter().filter(|r| r[5] == "533020").collect();
    assert_eq!(third.len(), 1);
    // As written, where the tool breaks it to print well.
    assert_eq!(third[0][7].replace('\n', ""), "办公电话需核对");
    let last = rows.last().unwrap();
    assert_eq!(
        (last[0].as_str(), last[1].replace('\n', "")),
        ("31", "第31局".into())
    );
    assert_eq!(last[7], "未报送");
}

#[test]
fn a_contact_form_of_a_unit_not_in_the_units_table_is_rejected_by_name() {
    let ws = county();
    ws.write(
        "inbox/联络人名单.csv",
        "填报单位：赤壁市民政厅\n,姓名,职务,联系方式\n分管领导,陈刚,副局长,13971551234\n联络人,周敏,科员,0715-5330205\n",
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/汇总-2020-10.xlsx");
    let rows = sheet_text(&book, "问题清单");
    let u001 = rows.iter().find(|r| r[2] == "U001").expect("U001");
    assert_eq!(
        (u001[3].as_str(), u001[4].as_str()),
        ("inbox/联络人名单.csv", "联络人名单")
    );
    assert!(
        u001[7].contains("赤壁市民政厅") && u001[8].contains("民政局"),
        "{u001:?}"
    );
    let m = manifest(&ws, "2020-10");
    let sheet = &sheets_of(&m, "inbox/联络人名单.csv")[0];
    assert_eq!(
        sheet["rows_rejected"], 2,
        "both people, and nothing else, rejected"
    );
}

/// A text too long for a cell is found by `check` as by `run`, in the catalogue workbook
/// as in 汇总: the writers find nothing new.
#[test]
fn a_matter_too_long_for_a_cell_is_w001_in_the_catalogue_workbook_before_it_is_written() {
    let ws = county();
    let long = "依据".repeat(17_000);
    ws.write(
        "inbox/民政局社会救助标准目录.csv",
        format!("事项名称,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道,公开对象\n低保,低保对象,{long},20个工作日内,民政局,主动,政府网站,全社会\n"),
    );
    let check = ws.zwgk(&["check", "--period", "2020-10"]);
    let w001 = |text: &str| {
        text.lines()
            .filter(|l| l.contains("W001"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let found = w001(&check.stdout);
    assert_eq!(found.len(), 1, "{}", check.stdout);
    assert!(
        found[0].contains("out/2020-10/标准目录-2020-10.xlsx / 社会救助领域 / E2"),
        "{found:?}"
    );
    ws.zwgk(&["run", "--period", "2020-10"]);
    let listed = problems(&ws, "2020-10");
    let w001: Vec<&String> = listed.iter().filter(|p| p.starts_with("W001")).collect();
    assert_eq!(w001.len(), 1, "{listed:#?}");
}

/// A domain keeps the name the office's own table gives it (seed 002: 保障住房领域, not the
/// State Council's 保障性住房领域) in the annex, the catalogue workbook and 目录覆盖.
#[test]
fn a_domain_is_named_as_the_workspaces_table_names_it() {
    let ws = county();
    ws.write(
        "reference/domains.csv",
        "序号,政务公开领域,责任单位\n1,(十四)保障住房领域,赤壁市民政局\n",
    );
    ws.write(
        "inbox/赤壁市民政局保障性住房目录.csv",
        "领域,一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\n\
保障性住房,公租房,分配结果,分配名单,《公共租赁住房管理办法》,长期,赤壁市民政局,主动,政府网站,全社会\n",
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let book = ws.join("out/2020-10/标准目录-2020-10.xlsx");
    assert_eq!(sheet_names(&book), ["目录覆盖", "保障住房领域"]);
    assert_eq!(sheet_text(&book, "目录覆盖")[1][1], "保障住房领域");
    let out = ws.zwgk(&["annex", "catalogue", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/附件-catalogue.xlsx"), "标准目录");
    assert_eq!(rows[4][0], "（十四）保障住房领域");
}

/// Messages name a domain as the workspace's table does (赤壁's 保障住房领域, not the State
/// Council's 保障性住房).
#[test]
fn catalogue_messages_name_domains_as_the_workspace_does() {
    let ws = Ws::sample("chibi-2020");
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let t = crate::samples::Table::read(&ws.join("out/2020-10/汇总-2020-10.xlsx"), "问题清单");
    let (code, text) = (t.col("代码"), t.col("说明"));
    let said = |c: &str| -> Vec<&str> {
        (t.rows.iter())
            .filter(|r| r[code] == c)
            .map(|r| r[text].as_str())
            .collect()
    };
    let m005 = said("M005");
    assert!(
        m005.iter()
            .any(|m| m.contains("不是保障住房领域的责任单位")),
        "{m005:?}"
    );
    // 应急管理局's 救灾 sheet, titled so, is a copy Excel named 安全生产 (2): that name
    // disputes nothing.
    assert_eq!(said("M009"), Vec::<&str>::new());
}

/// The header of a catalogue of two levels, as the State Council's guides write it.
const TWO_LEVELS: &str =
    "一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象";

/// Three domains as seed 002 assigns them: 义务教育 → 教育局, 城市综合执法 → 住建局,
/// 卫生健康 → 卫健局.
fn chibi() -> Ws {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"赤壁市\"\nyear = 2020\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\ndomains = \"reference/domains.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,别名,类别\n教育局,赤壁市教育局,部门\n住建局,赤壁市住建局,部门\n卫健局,赤壁市卫健局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n教育局,100\n住建局,100\n卫健局,100\n",
    );
    ws.write(
        "reference/domains.csv",
        "序号,政务公开领域,责任单位\n1,(三)义务教育领域,赤壁市教育局\n2,(十八)城市综合执法领域,赤壁市住建局\n3,(二十一)卫生健康领域,赤壁市卫健局\n",
    );
    ws
}

/// A 公开主体 cell naming several bodies: each name that is no unit is M004 (城管局 was
/// passed over beside 住建局, a known unit); a kind of body (各街道, 乡镇人民政府) is not,
/// alone or beside a unit; a unit's part (住建局（牵头）) is no part of its name; and a
/// cell where one of them answers for the domain is no M005.
#[test]
fn each_of_several_subjects_must_be_a_unit() {
    let ws = chibi();
    ws.gbk(
        "inbox/住建局执法目录.csv",
        &format!(
            "领域,{TWO_LEVELS}\r\n\
城市综合执法,执法结果,行政处罚决定,处罚决定书,《行政处罚法》,7个工作日内,住建局、城管局,主动,政府网站,全社会\r\n\
城市综合执法,执法监督,投诉举报,举报方式,《城市管理执法办法》,长期,住建局、各街道,主动,政府网站,全社会\r\n\
城市综合执法,执法依据,权责清单,执法事项,《城市管理执法办法》,实时,教育局、住建局,主动,政府网站,全社会\r\n\
城市综合执法,执法依据,执法流程,流程图,《城市管理执法办法》,实时,住建局（牵头）、乡镇人民政府,主动,政府网站,全社会\r\n\
城市综合执法,执法依据,执法机构,机构设置,《城市管理执法办法》,实时,各街道（乡镇）,主动,政府网站,全社会\r\n"
        ),
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m004 = said(&ws, "2020-10", "M004");
    assert_eq!(m004.len(), 1, "{m004:?}");
    assert_eq!(
        (m004[0][1].as_str(), m004[0][2].as_str()),
        ("G2", "住建局、城管局")
    );
    assert_eq!(m004[0][3], "公开主体「城管局」不在单位名称表中");
    assert!(said(&ws, "2020-10", "M005").is_empty());
}

/// 公共资源交易中心's catalogue has one 事项名称 column; beside catalogues of two levels
/// the annex names its matters under 一级事项, not under 二级事项 with 一级事项 blank.
#[test]
fn a_matter_of_one_level_is_named_under_first_level_in_the_catalogue_annex() {
    let ws = chibi();
    ws.write(
        "inbox/赤壁市教育局义务教育领域目录.csv",
        format!(
            "{TWO_LEVELS}\n招生入学,招生政策,招生范围,《义务教育法》,实时,赤壁市教育局,主动,政府网站,全社会\n"
        ),
    );
    ws.write(
        "inbox/赤壁市卫健局卫生健康领域目录.csv",
        "事项名称,公开内容,公开依据,公开时限,公开主体,公开方式,公开渠道和载体,公开对象\n\
医疗机构校验,校验结果,《医疗机构管理条例》,实时,赤壁市卫健局,主动,政府网站,全社会\n",
    );
    let out = ws.zwgk(&["annex", "catalogue"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/附件-catalogue.xlsx"), "标准目录");
    assert_eq!(rows[3][1..3], ["一级\n事项", "二级\n事项"]);
    // Printed as it fits: a line may break inside a name.
    let body: Vec<String> = (rows[4..].iter())
        .map(|r| r[..3].join("|").replace('\n', ""))
        .collect();
    assert_eq!(
        body,
        [
            "（三）义务教育领域||",
            "1|招生入学|招生政策",
            "（十八）城市综合执法领域||",
            "未编制（责任单位：住建局）||",
            "（二十一）卫生健康领域||",
            "1|医疗机构校验|",
        ]
    );
}

/// A workbook of one sheet named `sheet`: a title, a 填报单位 line for `unit`, the
/// two-level header and `matters` (rows of text, comma-separated).
fn titled_catalogue(ws: &Ws, rel: &str, sheet: &str, title: &str, unit: &str, matters: &[&str]) {
    let mut wb = Workbook::new();
    let s = wb.add_worksheet();
    s.set_name(sheet).unwrap();
    let unit = format!("填报单位：{unit}");
    let lines = [title, unit.as_str(), TWO_LEVELS]
        .into_iter()
        .chain(matters.iter().copied());
    for (r, line) in lines.enumerate() {
        for (c, text) in line.split(',').enumerate() {
            s.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    ws.write(rel, wb.save_to_buffer().unwrap());
}

/// The rows of 问题清单 with `code`: (工作表, 单元格, 原始值, 说明, 建议).
fn said(ws: &Ws, period: &str, code: &str) -> Vec<[String; 5]> {
    let book = ws.join(&format!("out/{period}/汇总-{period}.xlsx"));
    (sheet_text(&book, "问题清单").into_iter())
        .filter(|r| r[2] == code)
        .map(|r| {
            [
                r[4].clone(),
                r[5].clone(),
                r[6].clone(),
                r[7].clone(),
                r[8].clone(),
            ]
        })
        .collect()
}

/// 教育局 sent a 卫生健康 catalogue in a file named after itself: the file name names no
/// domain, so nothing disputes the title (M009 said 文件名为义务教育领域, reading 教育 out
/// of 教育局).
#[test]
fn m009_reads_no_domain_out_of_the_unit_named_in_a_file_name() {
    let ws = chibi();
    titled_catalogue(
        &ws,
        "inbox/赤壁市教育局学校卫生目录.xlsx",
        "学校卫生",
        "赤壁市卫生健康领域政务公开事项标准目录",
        "赤壁市教育局",
        &[
            "学校卫生,传染病防控,防控措施,《学校卫生工作条例》,实时,赤壁市教育局,主动,政府网站,全社会",
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(said(&ws, "2020-10", "M009"), Vec::<[String; 5]>::new());
    let book = ws.join("out/2020-10/标准目录-2020-10.xlsx");
    assert_eq!(sheet_text(&book, "卫生健康领域").len(), 2);
    // What is true is still said: 教育局 is not responsible for 卫生健康.
    let m012 = said(&ws, "2020-10", "M012");
    assert!(
        m012[0][3].starts_with("教育局不是卫生健康领域的责任单位"),
        "{m012:?}"
    );
}

/// 住建局 wrote its 城市综合执法 catalogue as 城管执法 (sheet and title), and a CSV's 领域
/// column as 城管执法 and 城市管理执法: each is 城市综合执法, so the domain is catalogued
/// (no M011, no 未编制) and no matter is left unplaced (no M010).
#[test]
fn a_domain_written_by_its_local_name_is_catalogued_not_reported_uncompiled() {
    let ws = chibi();
    titled_catalogue(
        &ws,
        "inbox/赤壁市住建局政务公开事项标准目录.xlsx",
        "城管执法",
        "赤壁市城管执法领域政务公开事项标准目录",
        "赤壁市住建局",
        &[
            "执法依据,权责清单,执法事项、执法依据,《城市管理执法办法》第十条,实时,赤壁市住建局,主动,政府网站,全社会",
        ],
    );
    ws.gbk(
        "inbox/住建局执法目录.csv",
        &format!(
            "领域,{TWO_LEVELS}\r\n\
城管执法,执法结果,行政处罚决定,处罚决定书,《行政处罚法》,7个工作日内,赤壁市住建局,主动,政府网站,全社会\r\n\
城市管理执法,执法监督,投诉举报,举报方式,《城市管理执法办法》,长期,赤壁市住建局,主动,政府网站,全社会\r\n"
        ),
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m011: Vec<String> = said(&ws, "2020-10", "M011")
        .into_iter()
        .map(|r| r[3].clone())
        .collect();
    assert!(!m011.iter().any(|m| m.contains("住建局")), "{m011:?}");
    assert_eq!(said(&ws, "2020-10", "M010"), Vec::<[String; 5]>::new());
    let book = ws.join("out/2020-10/标准目录-2020-10.xlsx");
    assert!(!sheet_names(&book).contains(&"未归入领域".to_string()));
    let matters = sheet_text(&book, "城市综合执法领域");
    assert_eq!(matters.len(), 4, "{matters:?}");
    let out = ws.zwgk(&["annex", "catalogue"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let rows = sheet_text(&ws.join("out/附件-catalogue.xlsx"), "标准目录");
    let at = rows
        .iter()
        .position(|r| r[0] == "（十八）城市综合执法领域")
        .unwrap();
    assert_eq!(rows[at + 1][0], "1", "{:?}", rows[at + 1]);
    assert!(!rows.iter().any(|r| r[0].contains("住建局")), "{rows:?}");
}

/// A 领域 cell or a title that names a domain in words that are none of the 26 is
/// quoted, at its cell or as the title, with the closest domain: M010 used to say
/// nothing was written, and gave no cell.
#[test]
fn m010_quotes_a_domain_it_does_not_know_where_it_was_written() {
    let ws = chibi();
    ws.gbk(
        "inbox/住建局执法目录.csv",
        &format!(
            "领域,{TWO_LEVELS}\r\n\
城管执法,执法结果,行政处罚决定,处罚决定书,《行政处罚法》,7个工作日内,赤壁市住建局,主动,政府网站,全社会\r\n\
城市管理,执法监督,投诉举报,举报方式,《城市管理执法办法》,长期,赤壁市住建局,主动,政府网站,全社会\r\n\
,执法监督,执法人员,执法证件,《城市管理执法办法》,长期,赤壁市住建局,主动,政府网站,全社会\r\n"
        ),
    );
    let title = "赤壁市城市管理领域政务公开事项标准目录";
    titled_catalogue(
        &ws,
        "inbox/赤壁市住建局政务公开事项标准目录.xlsx",
        "Sheet1",
        title,
        "赤壁市住建局",
        &[
            "执法依据,权责清单,执法事项,《城市管理执法办法》第十条,实时,赤壁市住建局,主动,政府网站,全社会",
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2020-10"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m010 = said(&ws, "2020-10", "M010");
    let closest = "最接近的试点领域：城市综合执法；";
    let (Some(cell), Some(sheet)) = (
        m010.iter().find(|r| !r[1].is_empty()),
        m010.iter().find(|r| r[1].is_empty()),
    ) else {
        panic!("{m010:?}")
    };
    assert_eq!(m010.len(), 3, "{m010:?}");
    // A blank 领域 cell is said at the cell (it used to be said for the sheet, with no
    // cell to find it by).
    let blank = m010.iter().find(|r| r[1] == "A4").expect("A4");
    assert!(blank[3].contains("领域一栏为空"), "{blank:?}");
    assert_eq!(
        (cell[1].as_str(), cell[2].as_str()),
        ("A3", "城市管理"),
        "{cell:?}"
    );
    assert_eq!(
        cell[3],
        "无法确定所属领域：领域列「城市管理」不是 26 个试点领域之一；该事项列在标准目录的“未归入领域”表中"
    );
    assert!(cell[4].starts_with(closest), "{cell:?}");
    assert_eq!(
        (sheet[0].as_str(), sheet[1].as_str()),
        ("Sheet1", ""),
        "{sheet:?}"
    );
    assert_eq!(
        sheet[3],
        format!(
            "无法确定所属领域：标题「{title}」所写的领域不是 26 个试点领域之一；这些事项列在标准目录的“未归入领域”表中"
        )
    );
    assert!(sheet[4].starts_with(closest), "{sheet:?}");
    assert!(!out.stdout.contains("都没有写明"), "{}", out.stdout);
}

/// 大英's sections table puts 安全生产监管 under 重点领域/安全生产 and 环评信息 under
/// 重点领域/环境保护: the units of a section within a pilot domain answer for it, as the
/// evaluation reports count it. M012 used to call 安监局 no responsible unit of the
/// catalogue it compiled, and no unit was asked for the 生态环境 catalogue.
#[test]
fn the_units_of_a_section_within_a_domain_answer_for_its_catalogue() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,别名,类别\n安监局,大英县安监局,部门\n环保局,大英县环保局,部门\n审计局,大英县审计局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n安监局,100\n环保局,100\n审计局,100\n",
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n\
重点领域,安全生产,安全生产监管,安全生产检查,安监局,每月\n\
重点领域,环境保护,环境质量,空气质量,环保局,每月\n\
重点领域,环境保护,环评信息,环境影响评价,环保局,每月\n",
    );
    titled_catalogue(
        &ws,
        "inbox/安监局安全生产目录.xlsx",
        "安全生产",
        "大英县安全生产领域政务公开事项标准目录",
        "大英县安监局",
        &[
            "安全生产,行政处罚,处罚决定,《安全生产法》,7个工作日内,大英县安监局,主动,政府网站,全社会",
        ],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    assert_eq!(said(&ws, "2018-04", "M012"), Vec::<[String; 5]>::new());
    let m011: Vec<String> = (said(&ws, "2018-04", "M011").into_iter())
        .map(|r| r[3].clone())
        .collect();
    assert_eq!(m011, ["生态环境领域没有收到环保局编制的标准目录"]);
    // And the form it is offered to fill in has that domain's sheet, named as the
    // table names it.
    let out = ws.zwgk(&["template", "--form", "catalogue"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let form = ws.join("out/templates/环保局-目录编制表.xlsx");
    assert_eq!(sheet_names(&form), ["环境保护", "填表说明"]);
    // A unit of no domain compiles no catalogue (seed 002): it gets no form, and one
    // asked for by name is refused, saying why.
    assert!(!ws.join("out/templates/审计局-目录编制表.xlsx").exists());
    assert!(
        out.stdout
            .contains("1 个单位不负责任何试点领域，不生成目录编制表：审计局"),
        "{}",
        out.stdout
    );
    let out = ws.zwgk(&["template", "--form", "catalogue", "--unit", "审计局"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("「审计局」不负责任何试点领域"),
        "{}",
        out.stderr
    );
}

/// A domain two rows of the sections table assign, 环保局 in the first and 林业局 in the
/// second: 林业局's M011 cites the row that names 林业局, not the domain's first row,
/// which names only 环保局.
#[test]
fn m011_cites_the_row_that_names_the_unit() {
    let ws = Ws::new();
    ws.write(
        "zwgk.toml",
        "[workspace]\nname = \"大英县\"\nyear = 2018\n[reference]\nunits = \"reference/units.csv\"\ntargets = \"reference/targets.csv\"\nsections = \"reference/sections.csv\"\n",
    );
    ws.write(
        "reference/units.csv",
        "单位名称,别名,类别\n环保局,大英县环保局,部门\n林业局,大英县林业局,部门\n",
    );
    ws.write(
        "reference/targets.csv",
        "单位,目标任务数量(条)\n环保局,100\n林业局,100\n",
    );
    ws.write(
        "reference/sections.csv",
        "一级栏目,二级栏目,三级栏目,公开内容,保障单位,更新频率\n\
重点领域,环境保护,环境质量,空气质量,环保局,每月\n\
重点领域,环境保护,生态保护,林地保护,林业局,每月\n",
    );
    titled_catalogue(
        &ws,
        "inbox/环保局环境保护目录.xlsx",
        "环境保护",
        "大英县生态环境领域政务公开事项标准目录",
        "大英县环保局",
        &["环境质量,空气质量,监测数据,《环境保护法》,每月,大英县环保局,主动,政府网站,全社会"],
    );
    let out = ws.zwgk(&["run", "--period", "2018-04"]);
    assert!(out.code <= 1, "{}{}", out.stdout, out.stderr);
    let m011 = said(&ws, "2018-04", "M011");
    let at: Vec<(&str, &str, &str)> = (m011.iter())
        .map(|r| (r[0].as_str(), r[1].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        at,
        [(
            "sections",
            "第 3 行",
            "生态环境领域没有收到林业局编制的标准目录"
        )],
        "{m011:?}"
    );
}
