//! Seed 001 Annex 2 (2018年大英县政务公开绩效评价细则) as the sample's indicator table, and
//! the year-end score sheets: 本办's (单位 × 指标), its note of the lost lawsuit and the
//! city's deductions, the four lead units' 倒扣 sheets — 县政府办, 县政务服务中心, 县民政局
//! and 县总工会 (not a unit of Annex 1: `[assessment] assessors`) — and two
//! self-evaluations. The 25-point target item is the year's run; the truth file
//! tests/expected/daying-2018-assessment.json is the generator's own sum.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::assess_truth::{self, Trap};
use crate::formats::{Format, xlsx};
use crate::grid::Val;
use crate::inbox::{Inbox, Res};
use crate::model::{Given, Ind, Kind, Obj, Plan};
use crate::rng::Rng;
use crate::tables::{Head, Placed, Table, place};
use crate::units::UnitSpec;

/// A random source of its own, so that the rest of the sample does not change with it.
const SEED: u64 = 20_181_228;

pub const INDICATORS: &str = "reference/indicators.xlsx";
const FOLDER: &str = "inbox/2018年度考核";

/// One row of Annex 2: 一级, its points, 二级, 三级, the item's points, 评分细则 (the
/// seed's parenthesis), 考核单位, 适用对象, 数据来源.
struct Row {
    group: &'static str,
    group_points: &'static str,
    level2: &'static str,
    level3: &'static str,
    points: &'static str,
    rule: &'static str,
    assessor: &'static str,
    applies: &'static str,
    source: &'static str,
}

const fn row(
    group: &'static str,
    group_points: &'static str,
    level2: &'static str,
    level3: &'static str,
    points: &'static str,
    rule: &'static str,
) -> Row {
    Row {
        group,
        group_points,
        level2,
        level3,
        points,
        rule,
        assessor: "本办",
        applies: "",
        source: "",
    }
}

const fn lead(
    level2: &'static str,
    points: &'static str,
    rule: &'static str,
    assessor: &'static str,
    applies: &'static str,
) -> Row {
    Row {
        group: "政务公开其他形式",
        group_points: "",
        level2,
        level3: "",
        points,
        rule,
        assessor,
        applies,
        source: "",
    }
}

const ORG: &str = "组织保障";
const WORK: &str = "政务公开工作开展情况";
const INFO: &str = "政府信息公开";
const CARRIERS: &str = "主要载体建设";
const TARGET_ITEM: &str = "完成政府信息目标任务情况";

/// Annex 2 row by row, its words kept (the seed's typo 政政务公开其他形式 corrected).
const ANNEX_2: [Row; 20] = [
    row(
        ORG,
        "6分",
        "有具体负责人和承办科室",
        "",
        "2分",
        "会议记录或文件",
    ),
    row(ORG, "6分", "有具体经办人员", "", "2分", "会议记录或文件"),
    row(
        ORG,
        "6分",
        "健全的政务公开制度和工作衔接机制",
        "",
        "2分",
        "文件、资料",
    ),
    row(
        WORK,
        "15分",
        CARRIERS,
        "门户网建设",
        "6分",
        "是否按照外网办的要求提供有关资料、文件；是否及时更新公开内容、维护网络安全等，以县外网办评价为准",
    ),
    row(
        WORK,
        "15分",
        CARRIERS,
        "新闻发布会",
        "3分",
        "重大活动、重要事件是否举行发布会，是否报告县政府，发布是否及时",
    ),
    row(
        WORK,
        "15分",
        CARRIERS,
        "政务微博、政务微信、公开栏、电子显示屏、便民手册等情况",
        "6分",
        "以实地考评及图像证据为准，一项可得2分，最高不超过6分",
    ),
    Row {
        source: "目标任务",
        ..row(
            INFO,
            "79分",
            TARGET_ITEM,
            "",
            "25分",
            "是否按照附件1要求完成任务；超额完成下达目标的，每10条增加0.2分，最高不超过4分；未完成目标的，每少1条扣0.3分",
        )
    },
    row(
        INFO,
        "79分",
        "概况信息",
        "",
        "2分",
        "机构职能、领导信息等是否完善和规范",
    ),
    row(
        INFO,
        "79分",
        "政府文件",
        "",
        "5分",
        "报告、公告、通知、通报、批复等是否公开全面和规范",
    ),
    row(
        INFO,
        "79分",
        "动态信息",
        "",
        "5分",
        "工作动态、重要会议、执法监督、公告公示、统计数据等",
    ),
    row(
        INFO,
        "79分",
        "突发公共事件",
        "",
        "2分",
        "应急预案、应急预警、应对情况等",
    ),
    row(
        INFO,
        "79分",
        "重点信息公开情况",
        "",
        "25分",
        "行政权力运行、财政资金信息、公共资源配置、重大建设项目、公共服务信息等信息公开",
    ),
    row(INFO, "79分", "政策解读情况", "", "2分", ""),
    row(
        INFO,
        "79分",
        "信息公开目录和政府信息年度报告",
        "",
        "5分",
        "信息公开目录未更新的扣1分；没有年度报告的扣2分",
    ),
    row(
        INFO,
        "79分",
        "依申请公开政府信息办理情况",
        "",
        "6分",
        "根据实际情况进行评分；依申请公开办理不力，进入行政诉讼并败诉的，政府信息公开工作直接计0分",
    ),
    row(
        INFO,
        "79分",
        "政府信息公开保密审查情况",
        "",
        "2分",
        "根据实际情况进行评分",
    ),
    lead(
        "机关内部事务公开情况",
        "0-6分",
        "以县政府办公室考核为准，若市上对此项有扣分，则双倍扣减县政府办分值",
        "县政府办",
        "",
    ),
    lead(
        "政务服务中心建设",
        "0-8分",
        "以县政务服务中心考核为准，若市上对此项有扣分，则双倍扣减县政务服务中心分值",
        "县政务服务中心",
        "",
    ),
    lead(
        "乡镇(街道)和村务(社区)政务公开",
        "0-8分",
        "有统一规范的公开栏；群众关心的主要问题及时进行公开，以县民政局考核为准，若市上对此项有扣分，则双倍扣减县民政局分值",
        "县民政局",
        "乡镇、社区",
    ),
    lead(
        "公共企事业单位办事公开",
        "0-8分",
        "是否对办事服务指南、办事流程、办事依据、办事时限等进行公开，以总工会考核为准，若市上对此项有扣分，则双倍扣减县总工会分值",
        "县总工会",
        "",
    ),
];

fn points(text: &str) -> (f64, bool) {
    let t = text.trim_end_matches('分');
    match t.split_once('-') {
        Some((_, max)) => (max.parse().unwrap_or(0.0), true),
        None => (t.parse().unwrap_or(0.0), false),
    }
}

fn indicators() -> Vec<Ind> {
    ANNEX_2
        .iter()
        .map(|r| {
            let mut path = vec![r.group.to_string(), r.level2.to_string()];
            if !r.level3.is_empty() {
                path.push(r.level3.to_string());
            }
            let (value, deduction) = points(r.points);
            Ind {
                path,
                points: value,
                deduction,
                applies: r.applies.split('、').filter(|a| !a.is_empty()).collect(),
                computed: !r.source.is_empty(),
            }
        })
        .collect()
}

/// Seed 001 Annex 2's target rule on the whole year: 25 at the target, +0.2 per full ten
/// over (at most +4), −0.3 per item short (not below 0).
fn target_score(ytd: u32, target: u32) -> f64 {
    let raw = if ytd >= target {
        25.0 + (0.2 * f64::from((ytd - target) / 10)).min(4.0)
    } else {
        (25.0 - 0.3 * f64::from(target - ytd)).max(0.0)
    };
    crate::model::round2(raw)
}

/// The assessment's files added to the inbox; returns the truth file's JSON.
pub fn add(inbox: &mut Inbox, units: &[UnitSpec], year_items: &BTreeMap<&str, u32>) -> Res<String> {
    let mut plan = Plan {
        indicators: indicators(),
        objects: units
            .iter()
            .map(|u| Obj {
                unit: u.name,
                category: u.category,
            })
            .collect(),
        // The seed defines no 等次.
        grades: Vec::new(),
        weight: None,
        city_factor: 2.0,
        ..Plan::default()
    };
    let target = plan.indicators.iter().position(|i| i.computed).unwrap_or(0);
    for u in units {
        let ytd = year_items.get(u.name).copied().unwrap_or(0);
        plan.computed
            .insert((u.name, target), target_score(ytd, u.target));
    }
    // The run's encrypted resend cannot be opened: it might have held scores.
    let mut traps = vec![Trap::file(
        "inbox/审计局/审计局-2018年4月补报.xlsx",
        "an encrypted file of the inbox, which may be a score sheet",
        "F004",
    )];
    // Every inbox file is listed by the assessment too; a second copy says it is one.
    traps.push(Trap::file(
        "inbox/财政局-2018年2月(1).xlsx",
        "a second copy of an item list, listed as skipped",
        "F002",
    ));
    // The items stop in April: the target item is scored on them, and said to be. Its
    // 分值 cell is in column E, under two preamble rows and the header.
    traps.push(Trap::new(
        INDICATORS,
        "绩效评价细则",
        Some(format!("E{}", target + 4)),
        "the target item is scored on January–April, the months the inbox holds",
        "A026",
    ));
    let mut rng = Rng::new(SEED);
    office_sheet(inbox, &mut plan, &mut rng, &mut traps);
    office_notes(inbox, &mut plan);
    lead_sheets(inbox, &mut plan, &mut traps);
    for (unit, category) in [("民政局", "部门"), ("蓬莱镇", "乡镇")] {
        self_evaluation(inbox, &mut plan, unit, category, &mut traps);
    }
    let publicity = date(2018, 12, 28);
    let about = assess_truth::About {
        about: "Written by examples/make_sample_daying/assessment.rs from its own model, never by zwgk: \
                seed 001 Annex 2 as the indicator table, the target item from the items of 2018 \
                (the sample holds January–April); scores, deductions and traps are the sample's.",
        workspace: "samples/daying-2018",
        year: 2018,
        publicity: Some(publicity),
        // Seed 001 sets no time limit for 复核: the sample sets no `appeal_days`.
        deadline: None,
        sheets: (6, 2, 1),
        traps: &traps,
    };
    Ok(assess_truth::to_json(&plan, &about)?)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
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

fn record(inbox: &mut Inbox, path: &str, placed: Placed) {
    inbox.add_grids(
        path,
        Format::Xlsx,
        date(2018, 12, 20),
        vec![placed.grid],
        Vec::new(),
        Vec::new(),
    );
}

fn heads(labels: &[&str]) -> Vec<Head> {
    labels.iter().map(|h| Head::one(*h)).collect()
}

/// 本办's wide sheet: every unit × the items 本办 scores, 一级 (or 二级) over the items.
fn office_sheet(inbox: &mut Inbox, plan: &mut Plan, rng: &mut Rng, traps: &mut Vec<Trap>) {
    let path = format!("{FOLDER}/2018年度政务公开绩效评价评分表.xlsx");
    let mine: Vec<usize> = (0..ANNEX_2.len())
        .filter(|&i| ANNEX_2[i].assessor == "本办" && ANNEX_2[i].source.is_empty())
        .collect();
    let mut header = heads(&["序号", "单位"]);
    let mut k = 0;
    while k < mine.len() {
        let r = &ANNEX_2[mine[k]];
        let over = if r.level3.is_empty() {
            r.group
        } else {
            r.level2
        };
        let items: Vec<usize> = mine[k..]
            .iter()
            .copied()
            .take_while(|&i| {
                let o = &ANNEX_2[i];
                (if o.level3.is_empty() {
                    o.group
                } else {
                    o.level2
                }) == over
            })
            .collect();
        let names = items
            .iter()
            .map(|&i| {
                let o = &ANNEX_2[i];
                if o.level3.is_empty() {
                    o.level2
                } else {
                    o.level3
                }
                .to_string()
            })
            .collect();
        header.push(Head::Group(over.to_string(), names));
        k += items.len();
    }
    header.push(Head::one("总分"));
    let portal = mine
        .iter()
        .position(|&i| ANNEX_2[i].level3 == "门户网建设")
        .unwrap_or(0);
    let mut rows = Vec::new();
    let objects: Vec<&'static str> = plan.objects.iter().map(|o| o.unit).collect();
    for (n, unit) in objects.iter().enumerate() {
        let mut row = vec![Val::Num((n + 1) as f64), Val::text(*unit)];
        let mut sum = 0.0;
        for (c, &i) in mine.iter().enumerate() {
            let full = plan.indicators[i].points;
            let mut v = f64::from(rng.between((full * 1.2) as u32, (full * 2.0) as u32)) / 2.0;
            let counts = !(*unit == "教育局" && c == portal);
            if !counts {
                v = 8.0; // 8 of 6: out of range
            }
            plan.given.push(Given {
                counts,
                ..given(unit, i, v, Kind::Assessed)
            });
            sum += v;
            row.push(Val::Num(v));
        }
        row.push(Val::Num(crate::model::round2(sum)));
        rows.push(row);
    }
    let placed = place(
        "评分表",
        &Table {
            preamble: vec!["2018年大英县政务公开绩效评价评分表".into()],
            header,
            rows,
            ..Table::default()
        },
    );
    let at = objects.iter().position(|u| *u == "教育局").unwrap_or(0);
    let cell = |col| Some(placed.cell(at, col));
    traps.push(Trap::new(
        &path,
        "评分表",
        cell(2 + portal),
        "教育局's 门户网建设 is 8, above its 6 points",
        "A012",
    ));
    // Its 总分 includes the 8 as written: the sheet adds up, no A018.
    record(inbox, &path, placed);
}

/// 本办's note: 国土局 lost a lawsuit over an application (政府信息公开 counts 0); the city
/// took points off two lead units' items (charged double).
fn office_notes(inbox: &mut Inbox, plan: &mut Plan) {
    let path = format!("{FOLDER}/本办-行政诉讼败诉及市级扣分情况.xlsx");
    let find = |name: &str| ANNEX_2.iter().position(|r| r.level2 == name).unwrap_or(0);
    let lawsuit = find("依申请公开政府信息办理情况");
    plan.given.push(given("国土局", lawsuit, 0.0, Kind::Zero));
    plan.given.push(given(
        "政务服务中心",
        find("政务服务中心建设"),
        1.0,
        Kind::City,
    ));
    plan.given.push(given(
        "政府办",
        find("机关内部事务公开情况"),
        0.5,
        Kind::City,
    ));
    let rows = vec![
        vec![
            Val::text("国土局"),
            Val::text(INFO),
            Val::Num(0.0),
            Val::Empty,
            Val::text("依申请公开办理不力，进入行政诉讼并败诉，政府信息公开工作直接计0分"),
        ],
        vec![
            Val::text("政务服务中心"),
            Val::text("政务服务中心建设"),
            Val::Empty,
            Val::Num(1.0),
            Val::text("市考核扣1分，双倍扣减"),
        ],
        vec![
            Val::text("政府办"),
            Val::text("机关内部事务公开情况"),
            Val::Empty,
            Val::Num(0.5),
            Val::text("市考核扣0.5分，双倍扣减"),
        ],
    ];
    let placed = place(
        "Sheet1",
        &Table {
            preamble: vec!["填报单位：本办".into()],
            header: heads(&["单位", "指标", "得分", "市级扣分", "扣分原因"]),
            rows,
            ..Table::default()
        },
    );
    record(inbox, &path, placed);
}

/// A lead unit's 倒扣 sheet: as it signs, its short name, the item, and its rows (unit,
/// another indicator name where the row names one, points taken off).
type LeadSheet = (
    &'static str,
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str, f64)>,
);

/// The four lead units' 倒扣 sheets (only the units they deduct from), one a year old.
fn lead_sheets(inbox: &mut Inbox, plan: &mut Plan, traps: &mut Vec<Trap>) {
    let sheets: [LeadSheet; 4] = [
        (
            "县政府办",
            "政府办",
            "机关内部事务公开情况",
            vec![("档案局", "", 1.0), ("台办", "", 0.5), ("旅游局", "", 2.0)],
        ),
        (
            "县政务服务中心",
            "政务服务中心",
            "政务服务中心建设",
            vec![("国土局", "", 2.0), ("住建局", "", 1.5)],
        ),
        (
            "县民政局",
            "民政局",
            "乡镇(街道)和村务(社区)政务公开",
            vec![
                ("河边镇", "", 2.0),
                ("城东社区", "", 1.0),
                ("财政局", "", 1.0),
                ("蓬莱镇", "村务公开", 1.0),
            ],
        ),
        (
            "大英县总工会",
            "总工会",
            "公共企事业单位办事公开",
            vec![
                ("供销社", "", 1.0),
                ("公用事业局", "", 1.5),
                ("县邮政局", "", 1.0),
            ],
        ),
    ];
    for (sender, short, item, rows) in sheets {
        let i = ANNEX_2.iter().position(|r| r.level2 == item).unwrap_or(0);
        let path = format!(
            "{FOLDER}/{short}-2018年度{}考核扣分表.xlsx",
            short_item(item)
        );
        let mut grid_rows = Vec::new();
        for (n, (unit, other, d)) in rows.iter().enumerate() {
            let name = if other.is_empty() { item } else { other };
            grid_rows.push(vec![
                Val::Num((n + 1) as f64),
                Val::text(*unit),
                Val::text(name),
                Val::Num(*d),
                Val::text("经考核扣分"),
            ]);
            let known = !["财政局", "县邮政局"].contains(unit) && other.is_empty();
            if known {
                plan.given.push(given(unit, i, *d, Kind::Assessed));
            }
        }
        let placed = place(
            "Sheet1",
            &Table {
                preamble: vec![
                    format!("2018年度{item}考核扣分表"),
                    format!("填报单位：{sender}"),
                ],
                header: heads(&["序号", "单位", "指标", "扣分", "扣分原因"]),
                rows: grid_rows,
                ..Table::default()
            },
        );
        for (n, (unit, other, _)) in rows.iter().enumerate() {
            let trap = match (*unit, *other) {
                ("财政局", _) => Some((
                    2,
                    "财政局 (部门) is no object of the 乡镇和村务 item",
                    "A010",
                )),
                (_, "村务公开") => Some((2, "村务公开 is no indicator", "A009")),
                ("县邮政局", _) => Some((1, "县邮政局 is not a unit of Annex 1", "U001")),
                _ => None,
            };
            if let Some((col, what, code)) = trap {
                traps.push(Trap::new(
                    &path,
                    "Sheet1",
                    Some(placed.cell(n, col)),
                    what,
                    code,
                ));
            }
        }
        record(inbox, &path, placed);
    }
    let path = format!("{FOLDER}/政务服务中心-2017年度政务服务中心建设考核扣分表.xlsx");
    let placed = place(
        "Sheet1",
        &Table {
            preamble: vec![
                "2017年度政务服务中心建设考核扣分表".into(),
                "填报单位：县政务服务中心".into(),
            ],
            header: heads(&["序号", "单位", "指标", "扣分", "扣分原因"]),
            rows: vec![vec![
                Val::Num(1.0),
                Val::text("交运局"),
                Val::text("政务服务中心建设"),
                Val::Num(3.0),
                Val::text("2017年扣分"),
            ]],
            ..Table::default()
        },
    );
    traps.push(Trap::new(
        &path,
        "Sheet1",
        Some("A1".into()),
        "last year's deduction sheet",
        "A008",
    ));
    record(inbox, &path, placed);
}

fn short_item(item: &str) -> &str {
    match item {
        "乡镇(街道)和村务(社区)政务公开" => "乡镇和村务政务公开",
        other => other,
    }
}

/// A unit's self-evaluation: Annex 2 with 分值 and its own scores (full marks on the
/// target item, nothing taken off the 倒扣 items).
fn self_evaluation(
    inbox: &mut Inbox,
    plan: &mut Plan,
    unit: &'static str,
    category: &str,
    traps: &mut Vec<Trap>,
) {
    let path = format!("{FOLDER}/{unit}-2018年度政务公开绩效自评表.xlsx");
    let mut rows = Vec::new();
    for (i, r) in ANNEX_2.iter().enumerate() {
        if !plan.indicators[i].applies_to(category) {
            continue;
        }
        let ind = &plan.indicators[i];
        let own = if ind.deduction {
            0.0
        } else {
            plan.given
                .iter()
                .find(|g| g.unit == unit && g.ind == i && g.kind == Kind::Assessed)
                .map_or(ind.points, |g| (g.value + 0.5).min(ind.points))
        };
        plan.given.push(given(unit, i, own, Kind::SelfEval));
        rows.push(vec![
            Val::text(r.group),
            Val::text(r.level2),
            Val::text(r.level3),
            Val::text(r.points),
            Val::Num(own),
        ]);
    }
    let placed = place(
        "自评表",
        &Table {
            preamble: vec![
                "2018年度政务公开绩效自评表".into(),
                format!("填报单位：{unit}"),
            ],
            header: heads(&["一级指标", "二级指标", "三级指标", "分值", "自评得分"]),
            rows,
            merge_down: vec![0],
            ..Table::default()
        },
    );
    let what = "full marks claimed on the target item the year's run scores far lower";
    traps.push(Trap::new(
        &path,
        "自评表",
        Some(placed.cell(0, 4)),
        what,
        "A022",
    ));
    record(inbox, &path, placed);
}

/// reference/indicators.xlsx: Annex 2 as a table, 一级 and its points merged down.
pub fn write_table(root: &Path) -> Res<()> {
    let rows = ANNEX_2
        .iter()
        .map(|r| {
            vec![
                Val::text(r.group),
                Val::text(r.group_points),
                Val::text(r.level2),
                Val::text(r.level3),
                Val::text(r.points),
                Val::text(r.rule),
                Val::text(r.assessor),
                Val::text(r.applies),
                Val::text(r.source),
            ]
        })
        .collect();
    let placed = place(
        "绩效评价细则",
        &Table {
            preamble: vec!["附件2".into(), "2018年大英县政务公开绩效评价细则".into()],
            header: heads(&["一级指标", "一级分值", "二级指标", "三级指标", "分值", "评分细则", "考核单位", "适用对象", "数据来源"]),
            rows,
            merge_down: vec![0, 1],
            notes: vec!["注：政府信息公开超额完成下达目标的，每10条增加0.2分，最高不超过4分；未完成目标的，每少1条扣0.3分；依申请公开办理不力，进入行政诉讼并败诉的，政府信息公开工作直接计0分。".into()],
        },
    );
    std::fs::write(
        root.join(INDICATORS),
        xlsx(&[placed.grid], date(2018, 4, 18))?,
    )?;
    Ok(())
}
