//! The files of the 淮南 sample: the office's reference tables (units, seed 003 as the
//! indicator table, the 复核 decisions), 本办's wide score sheet, the departments' long
//! sheets, the 县区' self-evaluations — and the traps planted in them.

use std::path::Path;

use crate::formats::{Format, Submission, xlsx};
use crate::grid::Val;
use crate::inbox::Res;
use crate::model::{Given, Kind, Plan};
use crate::rng::Rng;
use crate::tables::{Head, Placed, Table, place};
use crate::truth::Trap;
use crate::{COUNTIES, date, given, indicators, seed};

pub const APPEALS: &str = "reference/appeals.xlsx";
const INDICATORS: &str = "reference/indicators.xlsx";

const CONFIG: &str = "\
# 淮南市 2021 年县区政务公开考核（示例工作目录，指标体系来自《2021年政务公开自评表》）
# 运行：zwgk assess -w samples/huainan-2021

[workspace]
name = \"淮南市\"
year = 2021

[reference]
units = \"reference/units.xlsx\"
indicators = \"reference/indicators.xlsx\"
appeals = \"reference/appeals.xlsx\"

[assessment]
categories = [\"县区\"]
weight = 4
# 种子 003：将政务公开纳入政府目标管理考核体系且分值权重不低于4%
counts_into = \"政府目标管理考核\"
publicity_date = \"2021-12-30\"
# 自评表没有规定公示和复核期限；示例虚构本办另行通知的 3 个工作日（不写时不限期限，公示后申请的都采用）
appeal_days = 3
";

const README: &str = "\
# 示例工作目录：淮南市 2021 年县区政务公开考核

来源：淮南市人民政府办公室《2021年政务公开自评表》（2021年12月20日）。指标体系（六个一级指标
18%、30%、12%、15%、10%、15%，21 个二级指标及其权重、评分细则和佐证栏目）与原文一致，评分细则有删节。

以下为示例虚构：八个县区作为考核对象；由市财政局、市卫生健康委、市司法局分别评分“财政信息公开”
“常态化疫情防控信息公开”“规范政府信息公开行政复议案件审理标准”，其余由本办评分；各项得分、
佐证链接（各县区网站地址）、复核申请、公示日期（2021年12月30日）和复核期限（3 个工作日，
`zwgk.toml` 的 `appeal_days`：自评表没有规定复核，这里假设本办另行通知了期限）。

- `reference/indicators.xlsx`：指标体系（一级指标、一级分值合并单元格）
- `reference/units.xlsx`：考核对象和评分部门
- `reference/appeals.xlsx`：复核结果（一件在期限内，一件逾期）
- `inbox/`：本办评分表（单位 × 指标）、三个部门的评分表、各县区自评表

运行：`zwgk assess -w samples/huainan-2021`

本目录由 `examples/make_sample_huainan.rs` 生成，请勿手工修改；重新生成请运行 `scripts/make-samples`。
各县区应得的结果和应当报出的问题见 `tests/expected/huainan-2021.json`。
";

/// Each 县区's score of every indicator and its self-evaluation (before traps).
pub fn plan_scores(plan: &Plan, rng: &mut Rng) -> Vec<Given> {
    let mut out = Vec::new();
    for (k, obj) in plan.objects.iter().enumerate() {
        let mut raised = 0;
        for (i, ind) in plan.indicators.iter().enumerate() {
            let steps = (ind.points * 2.0) as u32;
            let earned = f64::from(rng.between(steps * 6 / 10, steps)) / 2.0;
            out.push(given(obj.unit, i, earned, Kind::Assessed, true));
            if obj.unit == "谢家集区" {
                continue; // sends no self-evaluation
            }
            let own = match obj.unit {
                "潘集区" => ind.points,
                _ if raised < 3 && earned < ind.points && (i + k) % 5 == 0 => {
                    raised += 1;
                    earned + 0.5
                }
                _ => earned,
            };
            out.push(given(obj.unit, i, own, Kind::SelfEval, true));
        }
    }
    out
}

/// The index of the indicator named `name`.
fn ind(plan: &Plan, name: &str) -> usize {
    plan.indicators
        .iter()
        .position(|i| i.path[1] == name)
        .unwrap_or(0)
}

fn assessed<'a>(plan: &'a mut Plan, unit: &str, i: usize) -> Option<&'a mut Given> {
    plan.given
        .iter_mut()
        .find(|g| g.unit == unit && g.ind == i && g.kind == Kind::Assessed)
}

/// Every inbox file, the traps in them, and the plan's values adjusted for the traps.
pub fn inbox(plan: &mut Plan, traps: &mut Vec<Trap>) -> Res<Vec<Submission>> {
    let mut files = vec![office_sheet(plan, traps)];
    for (unit, item) in [
        ("市财政局", "财政信息公开"),
        ("市卫生健康委", "常态化疫情防控信息公开"),
        ("市司法局", "规范政府信息公开行政复议案件审理标准"),
    ] {
        files.push(department_sheet(plan, unit, item, traps));
    }
    for (unit, site) in COUNTIES {
        if unit != "谢家集区" {
            files.push(self_evaluation(plan, unit, site, 2021, traps));
        }
    }
    files.push(self_evaluation(plan, "潘集区", "pjq", 2020, traps));
    Ok(files)
}

fn xlsx_file(path: &str, placed: Placed) -> Submission {
    Submission {
        path: path.to_string(),
        format: Format::Xlsx,
        sheets: vec![placed.grid],
        saved: date(2021, 12, 15),
    }
}

/// 本办's wide sheet: 单位 × the indicators 本办 scores, 一级 merged over its items.
fn office_sheet(plan: &mut Plan, traps: &mut Vec<Trap>) -> Submission {
    let path = "inbox/市政务公开办/2021年度县区政务公开考核评分表.xlsx";
    let mine: Vec<usize> = indicators()
        .iter()
        .enumerate()
        .filter(|(_, (_, _, item))| item.assessor.is_none())
        .map(|(i, _)| i)
        .collect();
    let mut header = vec![Head::one("序号"), Head::one("单位")];
    for c in &seed::CATEGORIES {
        let items: Vec<String> = c
            .items
            .iter()
            .filter(|it| it.assessor.is_none())
            .map(|it| it.written.trim_end_matches('。').to_string())
            .collect();
        header.push(Head::Group(c.written.to_string(), items));
    }
    header.push(Head::one("总分"));
    let respond = ind(plan, "回应关切");
    // 大通区's 回应关切 is typed 5.5 of 5: out of range, not counted.
    if let Some(g) = assessed(plan, "大通区", respond) {
        g.value = 5.5;
        g.counts = false;
    }
    let mut rows = Vec::new();
    for (k, (unit, _)) in COUNTIES.iter().enumerate() {
        let mut row = vec![Val::Num((k + 1) as f64), Val::text(*unit)];
        let mut sum = 0.0;
        for &i in &mine {
            let v = plan
                .given
                .iter()
                .find(|g| g.unit == *unit && g.ind == i && g.kind == Kind::Assessed)
                .map_or(0.0, |g| g.value);
            sum += v;
            row.push(Val::Num(v));
        }
        // 田家庵区's 总分 is mistyped one point high.
        let declared = if *unit == "田家庵区" {
            sum + 1.0
        } else {
            sum
        };
        row.push(Val::Num(model::round2(declared)));
        rows.push(row);
    }
    let placed = place(
        "考核评分",
        &Table {
            preamble: vec!["2021年度县区政务公开考核评分表".into()],
            header,
            rows,
            ..Table::default()
        },
    );
    let total_col = 2 + mine.len();
    let respond_col = 2 + mine.iter().position(|&i| i == respond).unwrap_or(0);
    traps.push(Trap::new(
        path,
        "考核评分",
        Some(placed.cell(1, respond_col)),
        "大通区's 回应关切 is 5.5, above its 5%",
        "A012",
    ));
    // 大通区's 总分 includes the 5.5 refused under A012: the sheet adds up as written,
    // so it is no A018. 田家庵区's does not add up.
    traps.push(Trap::new(
        path,
        "考核评分",
        Some(placed.cell(0, total_col)),
        "田家庵区's 总分 is one point above its items",
        "A018",
    ));
    xlsx_file(path, placed)
}

use crate::model;

/// A department's long sheet for the one item it scores, with its traps.
fn department_sheet(plan: &mut Plan, unit: &str, item: &str, traps: &mut Vec<Trap>) -> Submission {
    let i = ind(plan, item);
    let path = format!("inbox/{unit}/2021年度{item}考核评分.xlsx");
    let mut rows: Vec<(String, String, f64)> = COUNTIES
        .iter()
        .filter_map(|(county, _)| {
            let v = assessed(plan, county, i)?.value;
            Some((county.to_string(), item.to_string(), v))
        })
        .collect();
    let mut planted: Vec<(usize, usize, &str, &'static str)> = Vec::new();
    match unit {
        "市财政局" => {
            rows.push(("淮南经开区".into(), item.into(), 2.5));
            planted.push((
                rows.len() - 1,
                1,
                "淮南经开区 is not in the units table",
                "U001",
            ));
        }
        "市卫生健康委" => {
            let again = rows[6].clone();
            rows.push(again);
            planted.push((
                rows.len() - 1,
                3,
                "寿县 scored twice with the same score",
                "A014",
            ));
            rows.push(("凤台县".into(), "疫苗接种信息公开".into(), 1.0));
            planted.push((
                rows.len() - 1,
                2,
                "疫苗接种信息公开 is no indicator",
                "A009",
            ));
        }
        _ => {
            rows.retain(|r| r.0 != "毛集实验区");
            if let Some(g) = assessed(plan, "毛集实验区", i) {
                g.counts = false;
            }
            let first = rows[5].2;
            planted.push((5, 3, "凤台县 scored twice, differently", "A015"));
            let other = if first >= 1.0 {
                first - 0.5
            } else {
                first + 0.5
            };
            rows.push(("凤台县".into(), item.into(), other));
            planted.push((
                rows.len() - 1,
                3,
                "凤台县 scored twice, differently",
                "A015",
            ));
            plan.given.push(given_for("凤台县", i, other));
        }
    }
    let table = Table {
        preamble: vec![
            format!("2021年度{item}考核评分表"),
            format!("填报单位：淮南{unit}"),
        ],
        header: ["序号", "单位", "指标", "得分", "扣分原因"]
            .iter()
            .map(|h| Head::one(*h))
            .collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(k, (county, name, v))| {
                let reason = if *v < plan.indicators[i].points {
                    Val::text("部分内容更新不及时")
                } else {
                    Val::Empty
                };
                vec![
                    Val::Num((k + 1) as f64),
                    Val::text(county.as_str()),
                    Val::text(name.as_str()),
                    Val::Num(*v),
                    reason,
                ]
            })
            .collect(),
        ..Table::default()
    };
    let placed = place("Sheet1", &table);
    for (row, col, what, code) in planted {
        traps.push(Trap::new(
            &path,
            "Sheet1",
            Some(placed.cell(row, col)),
            what,
            code,
        ));
    }
    if unit == "市司法局" {
        let cell = indicator_cell(plan, i);
        traps.push(Trap::new(
            INDICATORS,
            "指标体系",
            Some(cell),
            "市司法局 did not score 毛集实验区",
            "A017",
        ));
    }
    xlsx_file(&path, placed)
}

fn given_for(unit: &'static str, i: usize, value: f64) -> Given {
    given(unit, i, value, Kind::Assessed, true)
}

/// The 分值 cell of indicator `i` in the indicator table: column D, one row per item
/// below the header on row 2.
fn indicator_cell(_plan: &Plan, i: usize) -> String {
    format!("D{}", i + 3)
}

/// A 县区's self-evaluation: seed 003's form with its own scores and evidence links.
fn self_evaluation(
    plan: &mut Plan,
    unit: &'static str,
    site: &str,
    year: i32,
    traps: &mut Vec<Trap>,
) -> Submission {
    let path = format!("inbox/县区自评/{unit}-{year}年政务公开自评表.xlsx");
    let mut rows = Vec::new();
    let mut i = 0;
    let mut plants: Vec<(usize, usize, &str, &'static str)> = Vec::new();
    for c in &seed::CATEGORIES {
        for item in c.items {
            let own = plan
                .given
                .iter()
                .find(|g| g.unit == unit && g.ind == i && g.kind == Kind::SelfEval)
                .map_or(0.0, |g| g.value);
            let mut weight = format!("{}%", item.weight);
            let mut own = own;
            if year == 2021 && unit == "寿县" && item.name == "政策解读方式" {
                // 寿县 raised this item's weight to 12% in its copy, and scored 11.
                weight = "12%".into();
                own = 11.0;
                plants.push((
                    rows.len(),
                    2,
                    "寿县 changed this weight to 12% (the table says 10%)",
                    "A019",
                ));
                plants.push((
                    rows.len(),
                    3,
                    "寿县 scored 11, above the item's 10%",
                    "A012",
                ));
            }
            let link = match (item.evidence, unit, item.name) {
                (_, "八公山区", "政务公开平台建设") => {
                    plants.push((rows.len(), 3, "八公山区 gives no evidence link", "A016"));
                    Val::Empty
                }
                (Some(_), _, _) => Val::text(format!(
                    "https://www.{site}.gov.cn/public/column/{}",
                    4_977_000 + i * 37
                )),
                (None, _, _) => Val::Empty,
            };
            rows.push(vec![
                Val::text(format!("{}（{}%）", c.written, c.weight)),
                Val::text(item.written),
                Val::text(weight),
                Val::Num(own),
                link,
            ]);
            i += 1;
        }
    }
    let table = Table {
        preamble: vec![
            format!("{year}年政务公开自评表"),
            format!("填报单位：{unit}"),
        ],
        header: ["一级指标", "二级指标", "分值", "自评得分", "佐证链接"]
            .iter()
            .map(|h| Head::one(*h))
            .collect(),
        rows,
        merge_down: vec![0],
        ..Table::default()
    };
    let placed = place("自评表", &table);
    if year != 2021 {
        traps.push(Trap::new(
            &path,
            "自评表",
            Some("A1".into()),
            "a self-evaluation for 2020",
            "A008",
        ));
    } else {
        for (row, col, what, code) in plants {
            traps.push(Trap::new(
                &path,
                "自评表",
                Some(placed.cell(row, col)),
                what,
                code,
            ));
        }
        self_traps(plan, unit, &placed, &path, traps);
    }
    xlsx_file(&path, placed)
}

/// The changed weight of 寿县 breaks its category's sum; 潘集区 rates itself far above
/// the assessment; 寿县's 11 of 10 is not counted.
fn self_traps(plan: &mut Plan, unit: &str, placed: &Placed, path: &str, traps: &mut Vec<Trap>) {
    match unit {
        "寿县" => {
            // The 一级 cell of 政策发布解读和回应关切 (rows 6–9 of the data): its 30% against 32%.
            traps.push(Trap::new(
                path,
                "自评表",
                Some(placed.cell(5, 0)),
                "二、政策发布解读和回应关切（30%）: its items now add up to 32%",
                "A027",
            ));
            let i = ind(plan, "政策解读方式");
            if let Some(g) = plan
                .given
                .iter_mut()
                .find(|g| g.unit == "寿县" && g.ind == i && g.kind == Kind::SelfEval)
            {
                g.value = 11.0;
                g.counts = false;
            }
        }
        "潘集区" => traps.push(Trap::new(
            path,
            "自评表",
            Some(placed.cell(0, 3)),
            "潘集区 rates itself 100, far above its assessment",
            "A022",
        )),
        _ => {}
    }
}

/// zwgk.toml, README.md and reference/: units, the indicator table, the 复核 decisions.
pub fn reference(root: &Path, plan: &Plan) -> Res<()> {
    std::fs::write(root.join("zwgk.toml"), CONFIG)?;
    std::fs::write(root.join("README.md"), README)?;
    let saved = date(2021, 12, 1);
    let write = |rel: &str, placed: Placed| -> Res<()> {
        std::fs::write(root.join(rel), xlsx(&[placed.grid], saved)?)?;
        Ok(())
    };
    write("reference/units.xlsx", units())?;
    write(INDICATORS, indicator_table())?;
    write(APPEALS, appeals(plan))?;
    Ok(())
}

fn units() -> Placed {
    let mut rows: Vec<Vec<Val>> = COUNTIES
        .iter()
        .map(|(u, _)| {
            let alias = if *u == "毛集实验区" {
                "毛集社会发展综合实验区"
            } else {
                ""
            };
            vec![Val::text(*u), Val::text(alias), Val::text("县区")]
        })
        .collect();
    for (name, alias) in [
        ("财政局", "市财政局"),
        ("卫生健康委", "市卫生健康委、市卫健委"),
        ("司法局", "市司法局"),
    ] {
        rows.push(vec![
            Val::text(name),
            Val::text(alias),
            Val::text("市直部门"),
        ]);
    }
    let mut table = Table {
        header: ["单位名称", "别名", "类别"]
            .iter()
            .map(|h| Head::one(*h))
            .collect(),
        rows,
        ..Table::default()
    };
    table.merge_down.clear();
    place("Sheet1", &table)
}

/// Seed 003 as the indicator table: 一级指标 and 一级分值 merged down, one row per item.
fn indicator_table() -> Placed {
    let rows = indicators()
        .iter()
        .map(|(_, c, item)| {
            vec![
                Val::text(c.written),
                Val::text(format!("{}%", c.weight)),
                Val::text(item.written),
                Val::text(format!("{}%", item.weight)),
                Val::text(item.rule),
                Val::text(item.assessor.unwrap_or("本办")),
                Val::text(item.evidence.unwrap_or("")),
            ]
        })
        .collect();
    place(
        "指标体系",
        &Table {
            preamble: vec!["2021年县区政务公开考核指标体系".into()],
            header: [
                "一级指标",
                "一级分值",
                "二级指标",
                "分值",
                "评分细则",
                "考核单位",
                "佐证要求",
            ]
            .iter()
            .map(|h| Head::one(*h))
            .collect(),
            rows,
            merge_down: vec![0, 1],
            ..Table::default()
        },
    )
}

fn appeals(plan: &Plan) -> Placed {
    let rows = [
        (
            "大通区",
            "回应关切",
            "2022-01-05",
            4.5,
            "经复核，舆情回应台账完整，调整为4.5分",
        ),
        (
            "田家庵区",
            "规划信息公开",
            "2022-01-06",
            3.0,
            "补充提交规划专题链接",
        ),
    ]
    .iter()
    .map(|(unit, item, day, score, note)| {
        let _ = plan;
        vec![
            Val::text(*unit),
            Val::text(*item),
            Val::text(*day),
            Val::Num(*score),
            Val::text(*note),
        ]
    })
    .collect();
    place(
        "Sheet1",
        &Table {
            header: ["单位", "指标", "申请日期", "复核得分", "复核意见"]
                .iter()
                .map(|h| Head::one(*h))
                .collect(),
            rows,
            ..Table::default()
        },
    )
}
