//! The files of the 台江 sample: the units table (the office's, in simplified
//! characters), the indicator table as the notice would print it (traditional characters,
//! inline pinyin, 一级指标 and 一级分值 merged), 本办's score workbook (a wide sheet per
//! category), the objects' self-checks, the 复核 decisions — and the traps in them.

use std::path::Path;

use crate::formats::{Format, Submission, xlsx};
use crate::grid::Val;
use crate::inbox::Res;
use crate::model::{AppealPlan, Given, Kind, Plan, round2};
use crate::rng::Rng;
use crate::seed::{self, CATEGORIES, ITEMS, OBJECTS};
use crate::tables::{Head, Placed, Table, place};
use crate::truth::Trap;
use crate::{date, grid};

const OFFICE_BOOK: &str = "inbox/县政府政务信息中心/2021年政務公開工作評估評分表.xlsx";
const APPEALS: &str = "reference/appeals.xlsx";

const CONFIG: &str = "\
# 台江县 2021 年政府系统政务公开工作评估（示例工作目录，来自《2021年臺江縣政府系統政務公開工作評估方案》）
# 运行：zwgk assess -w samples/taijiang-2021

[workspace]
name = \"台江县\"
year = 2021

[reference]
units = \"reference/units.xlsx\"
indicators = \"reference/indicators.xlsx\"
appeals = \"reference/appeals.xlsx\"

[report]
office = \"县政府政务信息中心\"

[assessment]
weight = 4
publicity_date = \"2021-12-28\"
# 种子 004（四）：须在公示之日起3个工作日内向县政府政务信息中心提出复核申请
appeal_days = 3
# 方案的说法：“2021年臺江縣政府系統政務公開工作評估”，“評估得分按比例計入單位年終目標績效考核最終結果”
name = \"台江县政府系统政务公开工作评估\"
term = \"评估\"
counts_into = \"单位年终目标绩效考核最终结果\"
";

const README: &str = "\
# 示例工作目录：台江县 2021 年政府系统政务公开工作评估

来源：《县人民政府办公室关于印发2021年臺江縣政府系統政務公開工作評估方案的通知》（臺府辦函〔2021〕12號，
2021年9月6日）。原文为繁体字并夹注拼音（如“鄉(xiāng)鎮(zhèn)”），本目录的指标体系和各单位的自查自评表也这样写。

取自原文：40 个评估对象及其四类（开发区 1 个、乡镇（街道）9 个、县直单位 28 个、垂直管理单位 2 个）；
共性指标的六个一级指标（政务公开、协同发展、互动交流、解读回应、数据开放、附加指标）和个性指标的两个
一级指标（政务公开标准规范清单、在线服务）；11月30日前自查自评；12月底前公示，公示之日起 3 个工作日内
向县政府政务信息中心申请复核；评估得分按比例计入年终目标绩效考核。

示例虚构（原文未列出）：各指标的分值（共性 70 分：政务公开 20、协同发展 10、互动交流 10、解读回应 15、
数据开放 10、附加指标 5；个性 30 分：两项各 15）和二级指标名称；垂直管理单位按县直单位的个性指标评估；
各单位得分、自查自评、复核申请；公示日期 2021年12月28日；计入年终绩效的比例 4%。

- `reference/indicators.xlsx`：指标体系（繁体、拼音，一级指标和一级分值合并单元格，适用对象区分四类）
- `reference/units.xlsx`：40 个评估对象及类别
- `reference/appeals.xlsx`：复核结果（一件在期限内，一件逾期）
- `inbox/`：县政府政务信息中心的评分表（每类一个工作表）、部分单位的自查自评表

运行：`zwgk assess -w samples/taijiang-2021`

本目录由 `examples/make_sample_taijiang.rs` 生成，请勿手工修改；重新生成请运行 `scripts/make-samples`。
各单位应得的结果和应当报出的问题见 `tests/expected/taijiang-2021.json`。
";

/// The objects that send a self-check, and how they rate themselves above 本办.
const SELF_CHECKS: [&str; 3] = ["贵州台江经济开发区", "革一镇", "财政局"];

fn applies(i: usize, category: &str) -> bool {
    ITEMS[i].applies.is_empty() || ITEMS[i].applies.contains(&category)
}

/// 本办's score of every object and indicator, and the self-checks.
pub fn plan_scores(plan: &mut Plan, rng: &mut Rng) {
    for (unit, category) in OBJECTS {
        for i in (0..ITEMS.len()).filter(|&i| applies(i, category)) {
            let steps = ITEMS[i].points * 2;
            let earned = f64::from(rng.between(steps * 6 / 10, steps)) / 2.0;
            plan.given.push(given(unit, i, earned, Kind::Assessed));
            if SELF_CHECKS.contains(&unit) {
                let own = if i % 4 == 0 && earned < f64::from(ITEMS[i].points) {
                    earned + 0.5
                } else {
                    earned
                };
                plan.given.push(given(unit, i, own, Kind::SelfEval));
            }
        }
    }
}

fn given(unit: &'static str, ind: usize, value: f64, kind: Kind) -> Given {
    Given {
        unit,
        ind,
        value,
        kind,
        counts: true,
    }
}

fn value(plan: &Plan, unit: &str, i: usize, kind: Kind) -> f64 {
    plan.given
        .iter()
        .find(|g| g.unit == unit && g.ind == i && g.kind == kind)
        .map_or(0.0, |g| g.value)
}

/// The unit as the sheets write it.
fn shown(unit: &str) -> String {
    match seed::written(unit) {
        "" => unit.to_string(),
        w => w.to_string(),
    }
}

/// Every inbox file and its traps; values the traps spoil are marked not counted.
pub fn inbox(plan: &mut Plan, traps: &mut Vec<Trap>) -> Res<Vec<Submission>> {
    let mut sheets = Vec::new();
    for (category, written) in CATEGORIES {
        sheets.push(office_sheet(plan, category, written, traps));
    }
    let mut files = vec![Submission {
        path: OFFICE_BOOK.into(),
        format: Format::Xlsx,
        sheets,
        saved: date(2021, 12, 20),
    }];
    for unit in SELF_CHECKS {
        files.push(self_check(plan, unit, 2021, traps));
    }
    files.push(self_check(plan, "台盘乡", 2020, traps));
    Ok(files)
}

/// The wide sheet of one category: 單位 × its indicators, 一级 over 二级, 總分.
fn office_sheet(
    plan: &mut Plan,
    category: &str,
    written: &str,
    traps: &mut Vec<Trap>,
) -> grid::Grid {
    let own: Vec<usize> = (0..ITEMS.len()).filter(|&i| applies(i, category)).collect();
    let mut header = vec![Head::one("序號"), Head::one("單位")];
    let mut k = 0;
    while k < own.len() {
        let group = ITEMS[own[k]].group;
        let items: Vec<usize> = own[k..]
            .iter()
            .copied()
            .take_while(|&i| ITEMS[i].group == group)
            .collect();
        match ITEMS[items[0]].name {
            None => header.push(Head::one(group.0)),
            Some(_) => header.push(Head::Group(
                group.0.to_string(),
                items
                    .iter()
                    .filter_map(|&i| ITEMS[i].name.map(|n| n.0.to_string()))
                    .collect(),
            )),
        }
        k += items.len();
    }
    header.push(Head::one("總分"));
    let units: Vec<&'static str> = OBJECTS
        .iter()
        .filter(|o| o.1 == category)
        .map(|o| o.0)
        .collect();
    let fujia = ITEMS.iter().position(|i| i.name.is_none()).unwrap_or(0);
    if category == "乡镇" {
        // 施洞镇's 附加指标 is typed 6 of 5.
        if let Some(g) = plan
            .given
            .iter_mut()
            .find(|g| g.unit == "施洞镇" && g.ind == fujia && g.kind == Kind::Assessed)
        {
            g.value = 6.0;
            g.counts = false;
        }
    }
    let mut rows: Vec<Vec<Val>> = units
        .iter()
        .enumerate()
        .map(|(n, unit)| {
            let values: Vec<f64> = own
                .iter()
                .map(|&i| value(plan, unit, i, Kind::Assessed))
                .collect();
            let mut row = vec![Val::Num((n + 1) as f64), Val::text(shown(unit))];
            row.extend(values.iter().map(|v| Val::Num(*v)));
            row.push(Val::Num(round2(values.iter().sum())));
            row
        })
        .collect();
    let sheet = written.replace(
        |c: char| c.is_ascii() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c),
        "",
    );
    if category == "县直" {
        let mut extra = rows[0].clone();
        extra[0] = Val::Num((rows.len() + 1) as f64);
        extra[1] = Val::text("縣(xiàn)科技局");
        rows.push(extra);
    }
    let placed = place(
        &sheet,
        &Table {
            preamble: vec![format!(
                "2021年臺江縣政府系統政務公開工作評估評分表（{written}）"
            )],
            header,
            rows,
            ..Table::default()
        },
    );
    let cell = |row: usize, col: usize| Some(placed.cell(row, col));
    match category {
        "乡镇" => {
            let row = units.iter().position(|u| *u == "施洞镇").unwrap_or(0);
            let col = 2 + own.iter().position(|&i| i == fujia).unwrap_or(0);
            let what = "施洞镇's 附加指标 is 6, above its 5 points";
            traps.push(Trap::new(OFFICE_BOOK, &sheet, cell(row, col), what, "A012"));
            // Its 總分 includes the 6 as written: the sheet adds up, no A018.
        }
        "县直" => {
            let what = "縣(xiàn)科技局 is not one of the 40 objects (教育和科技局 is)";
            traps.push(Trap::new(
                OFFICE_BOOK,
                &sheet,
                cell(units.len(), 1),
                what,
                "U001",
            ));
        }
        _ => {}
    }
    placed.grid
}

/// An object's self-check in the notice's characters: 一級指標 merged, 二級指標, 分值, 自評得分.
fn self_check(plan: &Plan, unit: &'static str, year: i32, traps: &mut Vec<Trap>) -> Submission {
    let category = OBJECTS.iter().find(|o| o.0 == unit).map_or("", |o| o.1);
    let path = format!("inbox/自查自评/{unit}{year}年自查自评表.xlsx");
    let mut rows: Vec<Vec<Val>> = (0..ITEMS.len())
        .filter(|&i| applies(i, category))
        .map(|i| {
            let item = &ITEMS[i];
            vec![
                Val::text(item.group.0),
                Val::text(item.name.map_or("", |n| n.0)),
                Val::text(format!("{}分", item.points)),
                Val::Num(value(plan, unit, i, Kind::SelfEval)),
            ]
        })
        .collect();
    let mut unknown = None;
    if unit == "财政局" {
        rows.insert(
            3,
            vec![
                Val::text("政務(wù)公開(kāi)"),
                Val::text("網站(zhàn)安全"),
                Val::text("2分"),
                Val::Num(2.0),
            ],
        );
        unknown = Some(3);
    }
    let placed = place(
        "自查自評",
        &Table {
            preamble: vec![
                format!("{year}年政務(wù)公開(kāi)工作自查自評表"),
                format!("填報單位：{}", shown(unit)),
            ],
            header: ["一級指標", "二級指標", "分值", "自評得分"]
                .iter()
                .map(|h| Head::one(*h))
                .collect(),
            rows,
            merge_down: vec![0],
            ..Table::default()
        },
    );
    if year != 2021 {
        traps.push(Trap::new(
            &path,
            "自查自評",
            Some("A1".into()),
            "a self-check for 2020",
            "A008",
        ));
    }
    if let Some(row) = unknown {
        let what = "網站(zhàn)安全 is no indicator of the table";
        traps.push(Trap::new(
            &path,
            "自查自評",
            Some(placed.cell(row, 1)),
            what,
            "A009",
        ));
    }
    Submission {
        path,
        format: Format::Xlsx,
        sheets: vec![placed.grid],
        saved: date(year, 11, 26),
    }
}

/// 施洞镇's 附加指标 (its 6 was refused) decided in time; 方召镇's application a day late.
pub fn appeals_plan(plan: &mut Plan, traps: &mut Vec<Trap>) {
    let fujia = ITEMS.iter().position(|i| i.name.is_none()).unwrap_or(0);
    let jiedu = ITEMS
        .iter()
        .position(|i| i.name.is_some_and(|n| n.1 == "政策解读"))
        .unwrap_or(0);
    plan.appeals = vec![
        AppealPlan {
            unit: "施洞镇",
            ind: fujia,
            score: 4.0,
            in_time: true,
        },
        AppealPlan {
            unit: "方召镇",
            ind: jiedu,
            score: 9.0,
            in_time: false,
        },
    ];
    let what = "方召镇 applied for 复核 on 2022-01-04, after the deadline 2021-12-31";
    traps.push(Trap::new(
        APPEALS,
        "Sheet1",
        Some("C3".into()),
        what,
        "A020",
    ));
}

/// zwgk.toml, README.md and reference/.
pub fn reference(root: &Path) -> Res<()> {
    std::fs::write(root.join("zwgk.toml"), CONFIG)?;
    std::fs::write(root.join("README.md"), README)?;
    let saved = date(2021, 9, 6);
    for (rel, placed) in [
        ("reference/units.xlsx", units()),
        ("reference/indicators.xlsx", indicator_table()),
        (APPEALS, appeals()),
    ] {
        std::fs::write(root.join(rel), xlsx(&[placed.grid], saved)?)?;
    }
    Ok(())
}

fn one_row_header(labels: &[&str]) -> Vec<Head> {
    labels.iter().map(|h| Head::one(*h)).collect()
}

fn units() -> Placed {
    let rows = OBJECTS
        .iter()
        .map(|(unit, category)| {
            let alias = match *unit {
                "乡村振兴局(生态移民局)" => "乡村振兴局、生态移民局",
                "国家税务总局台江县税务局" => "县税务局",
                "黔东南州生态环境局台江分局" => "生态环境局台江分局",
                "贵州台江经济开发区" => "台江经济开发区、开发区",
                _ => "",
            };
            vec![Val::text(*unit), Val::text(alias), Val::text(*category)]
        })
        .collect();
    place(
        "Sheet1",
        &Table {
            header: one_row_header(&["单位名称", "别名", "类别"]),
            rows,
            ..Table::default()
        },
    )
}

/// The indicator table as the notice prints its annexes: traditional, with pinyin.
fn indicator_table() -> Placed {
    let rows = ITEMS
        .iter()
        .map(|item| {
            let applies: Vec<&str> = item
                .applies
                .iter()
                .filter_map(|a| CATEGORIES.iter().find(|c| c.0 == *a).map(|c| c.1))
                .collect();
            let kind = if item.applies.is_empty() {
                "共性"
            } else {
                "個性"
            };
            vec![
                Val::text(kind),
                Val::text(item.group.0),
                Val::text(format!("{}分", seed::group_points(item.group.1))),
                Val::text(item.name.map_or("", |n| n.0)),
                Val::text(format!("{}分", item.points)),
                Val::text("本辦"),
                Val::text(applies.join("、")),
            ]
        })
        .collect();
    place(
        "評估指標",
        &Table {
            preamble: vec!["2021年臺江縣政府系統政務公開工作評估指標".into()],
            header: one_row_header(&[
                "指標類型",
                "一級指標",
                "一級分值",
                "二級指標",
                "分值",
                "考核單位",
                "適用對象",
            ]),
            rows,
            merge_down: vec![1, 2],
            ..Table::default()
        },
    )
}

fn appeals() -> Placed {
    let rows = [
        (
            "施洞镇",
            "附加指标",
            "2021-12-30",
            4.0,
            "经复核，附加指标按4分计",
        ),
        ("方召镇", "政策解读", "2022-01-04", 9.0, "申请逾期"),
    ]
    .iter()
    .map(|(unit, item, day, score, note)| {
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
            header: one_row_header(&["单位", "指标", "申请日期", "复核得分", "复核意见"]),
            rows,
            ..Table::default()
        },
    )
}
