//! Contact registration forms as units fill them in, for the sample generators: seed 001
//! Annex 3 (单位（签章）, 单位电话 and 承办科室 above a row per person under 联系人 | 姓名 |
//! 职务 | 办公电话 | 手机 | QQ) and seed 002 Annex 2 (填报单位 and 填报时间 above a blank
//! corner, 分管领导 and 联络人 rows under 姓名 | 职务 | 联系方式); names and numbers made up
//! deterministically; and the truth file's extra sections.

use crate::grid::{Grid, RowKind, Val};

/// One person of a form, as the unit writes them.
#[derive(Debug, Clone)]
pub struct Person {
    pub role: &'static str,
    pub name: String,
    pub post: &'static str,
    pub office: String,
    pub mobile: String,
    pub qq: String,
}

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘";
const GIVEN: [&str; 24] = [
    "建国", "晓燕", "志强", "丽华", "海涛", "小红", "明", "静", "伟", "敏", "春梅", "国庆", "文杰",
    "婷", "军", "秀英", "勇", "玲", "红军", "雪", "浩", "娟", "斌", "芳",
];

/// A made-up name, the `n`-th of a fixed sequence.
pub fn name(n: usize) -> String {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let surname = surnames[n % surnames.len()];
    format!(
        "{surname}{}",
        GIVEN[(n * 7 + n / surnames.len()) % GIVEN.len()]
    )
}

/// A made-up mobile number, the `n`-th of a fixed sequence.
pub fn mobile(n: usize) -> String {
    let prefix = ["139", "138", "135", "158", "187", "133", "177", "199"][n % 8];
    format!("{prefix}{:08}", (n * 7_919_371 + 2_408_133) % 100_000_000)
}

/// The sheet of seed 001 Annex 3 for `unit`, with `blank_slots` empty 信息工作人员 rows
/// under its people (the 信息工作人员 cell merged down over them); returns the grid and
/// the 1-based rows of its data rows (people and blank slots).
pub fn seed_001(
    title: &str,
    unit: &str,
    phone: &str,
    office: &str,
    people: &[Person],
    blank_slots: usize,
) -> (Grid, Vec<u32>) {
    let mut grid = Grid::new("Sheet1");
    grid.widths = vec![14.0, 10.0, 14.0, 18.0, 16.0, 12.0];
    grid.line(RowKind::Title, title, 6);
    let unit_row = grid.push(
        RowKind::Data,
        vec![Val::text("单位（签章）"), Val::text(unit)],
    );
    grid.merges.push((unit_row - 1, 1, unit_row - 1, 5));
    grid.push(
        RowKind::Data,
        ["单位电话", phone, "承办科室", office]
            .map(Val::text)
            .to_vec(),
    );
    grid.push(
        RowKind::Header,
        ["联系人", "姓名", "职务", "办公电话", "手机", "QQ"]
            .map(Val::text)
            .to_vec(),
    );
    let mut rows = Vec::new();
    for p in people {
        let cells = [p.role, &p.name, p.post, &p.office, &p.mobile, &p.qq];
        rows.push(grid.push(RowKind::Data, cells.map(Val::text).to_vec()));
    }
    let staff = people.iter().rposition(|p| p.role == "信息工作人员");
    for _ in 0..blank_slots {
        rows.push(grid.push(RowKind::Data, vec![Val::text("信息工作人员")]));
    }
    if let (Some(first), true) = (staff, blank_slots > 0) {
        let (first, last) = (rows[first] - 1, rows[rows.len() - 1] - 1);
        grid.merges.push((first, 0, last, 0));
    }
    grid.line(
        RowKind::Note,
        "注：请各责任单位于2018年4月20日前将本表完善并加盖单位公章后，交县政府办信息科(313室)。",
        6,
    );
    (grid, rows)
}

/// The sheet of seed 002 Annex 2 for `unit`, filled in on `filled_on` (as written);
/// returns the grid and the 1-based rows of its people.
pub fn seed_002(unit: &str, filled_on: &str, people: &[Person]) -> (Grid, Vec<u32>) {
    let mut grid = Grid::new("Sheet1");
    grid.widths = vec![12.0, 12.0, 16.0, 26.0];
    grid.line(RowKind::Title, "分管负责人及联络人名单", 4);
    grid.line(
        RowKind::Title,
        &format!("填报单位：{unit}        填报时间：{filled_on}"),
        4,
    );
    grid.push(
        RowKind::Header,
        ["", "姓  名", "职  务", "联系方式"].map(Val::text).to_vec(),
    );
    let rows = people
        .iter()
        .map(|p| {
            let contact = if p.mobile.is_empty() {
                &p.office
            } else {
                &p.mobile
            };
            let cells = [p.role, &p.name, p.post, contact];
            grid.push(RowKind::Data, cells.map(Val::text).to_vec())
        })
        .collect();
    (grid, rows)
}

/// `json` (a pretty-printed object ending in `}` and a line end) with `key` added last.
///
/// # Errors
/// When `value` cannot be written as JSON.
pub fn append_json(json: &str, key: &str, value: &impl serde::Serialize) -> Result<String, String> {
    let body = json
        .trim_end()
        .strip_suffix('}')
        .ok_or("not a JSON object")?;
    let value = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    let value = value.replace('\n', "\n  ");
    Ok(format!("{},\n  \"{key}\": {value}\n}}\n", body.trim_end()))
}
