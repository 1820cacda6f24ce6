//! The inbox of October 2020: the office's own January–September count summary, and
//! each unit's October item list filed by domain, the domain written as units write it
//! (`社会救助`, `(五)社会救助领域`, `社会求助`, `保障住房` …). The exceptions are spelled
//! out by unit name; each file is recorded with what a correct tool makes of every row.

use chrono::NaiveDate;

use crate::domains::CANONICAL;
use crate::formats::Format;
use crate::grid::{Grid, RowKind, Val};
use crate::inbox::{At, Inbox, ItemSheet, Plant, Res, stem};
use crate::ledger::{Outcome, Trap};
use crate::plan::{Item, Maker, UnitPlan, YEAR};
use crate::sheet::{Col, DataRow, Dates, Layout};
use crate::units::UnitSpec;

const OCTOBER: &str = "inbox/2020年10月";
/// The office's January–September count summary.
pub const SUMMARY: &str = "inbox/2020年1-9月各单位试点领域信息发布统计.xlsx";

/// Layout A: 序号 | 信息标题 | 政务公开领域 | 发布日期 | 链接.
const A: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Section, "政务公开领域"),
    (Col::Date, "发布日期"),
    (Col::Link, "链接"),
];
/// Layout B: 序号 | 标题 | 所属领域 | 公开时间 | 网址.
const B: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Section, "所属领域"),
    (Col::Date, "公开时间"),
    (Col::Link, "网址"),
];
/// Layout U: 序号 | 单位 | 标题 | 领域 | 发布日期 | 链接.
const U: [(Col, &str); 6] = [
    (Col::Seq, "序号"),
    (Col::Unit, "单位"),
    (Col::Title, "标题"),
    (Col::Section, "领域"),
    (Col::Date, "发布日期"),
    (Col::Link, "链接"),
];
/// 司法局's CSV from WPS: no links.
const CSV: [(Col, &str); 4] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Section, "领域"),
    (Col::Date, "发布日期"),
];

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, d).unwrap_or(NaiveDate::MIN)
}

/// Builds every file of the inbox.
///
/// # Errors
/// A title error.
pub fn build(plans: &[UnitPlan], maker: &mut Maker) -> Res<Inbox> {
    let mut inbox = Inbox::default();
    summary(&mut inbox, plans);
    for (k, plan) in plans.iter().enumerate() {
        if !plan.october.is_empty() {
            october(&mut inbox, plan, k, maker)?;
        }
    }
    Ok(inbox)
}

/// The office's January–September summary: 序号 and 单位 merged down over each unit's
/// nine months, units written as Annex 1 prints them, a 合计 row under the table.
fn summary(inbox: &mut Inbox, plans: &[UnitPlan]) {
    let mut grid = Grid::new("1-9月统计");
    grid.widths = vec![6.0, 30.0, 14.0, 12.0];
    grid.line(
        RowKind::Title,
        "赤壁市2020年1—9月试点领域政务公开信息发布统计表",
        4,
    );
    grid.push(
        RowKind::Header,
        ["序号", "单位", "月份", "数量(条)"].map(Val::text).to_vec(),
    );
    let mut facts = Vec::new();
    let mut traps = Vec::new();
    for (k, plan) in plans.iter().enumerate() {
        unit_months(&mut grid, k, plan, &mut facts, &mut traps);
    }
    let total: u32 = facts
        .iter()
        .map(|(_, _, o)| match o {
            Outcome::Count { n, .. } => *n,
            _ => 0,
        })
        .sum();
    let row = grid.push(
        RowKind::Total,
        vec![
            Val::text("合计"),
            Val::Empty,
            Val::Empty,
            Val::Num(f64::from(total)),
        ],
    );
    grid.merges.push((row - 1, 0, row - 1, 2));
    traps.push(trap(
        &grid,
        None,
        Some(row),
        "合计 row under the table",
        None,
        "a check, not data: it equals the rows above",
    ));
    inbox.add_grids(SUMMARY, Format::Xlsx, date(10, 9), vec![grid], facts);
    inbox.ledger.traps.extend(traps);
}

/// The unit and month whose count is a dash: 扶贫办 in February, the lockdown month.
const DASHED: (&str, u32) = ("扶贫办", 2);

/// The nine month rows of the `k`-th unit, 序号 and 单位 merged down over them.
fn unit_months(
    grid: &mut Grid,
    k: usize,
    plan: &UnitPlan,
    facts: &mut Vec<(String, u32, Outcome)>,
    traps: &mut Vec<Trap>,
) {
    let first = grid.rows.len() as u32;
    for (i, n) in plan.counts.iter().enumerate() {
        let month = i as u32 + 1;
        let dash = (plan.unit.name, month) == DASHED;
        let count = if dash {
            Val::text("—")
        } else {
            Val::Num(f64::from(*n))
        };
        let (seq, unit) = if i == 0 {
            (Val::Num(k as f64 + 1.0), Val::text(plan.unit.annex))
        } else {
            (Val::Empty, Val::Empty)
        };
        let month_cell = Val::text(format!("{YEAR}年{month}月"));
        let row = grid.push(RowKind::Data, vec![seq, unit, month_cell, count]);
        let n = if dash { 0 } else { *n };
        let unit = plan.unit.name;
        facts.push((grid.name.clone(), row, Outcome::Count { unit, month, n }));
        if dash {
            traps.push(trap(
                grid,
                Some(format!("D{row}")),
                None,
                "扶贫办's February count written — (the lockdown month)",
                Some("V004"),
                "info: counted as 0",
            ));
        }
    }
    grid.merges.push((first, 0, first + 8, 0));
    grid.merges.push((first, 1, first + 8, 1));
    if matches!(plan.unit.name, "生态环境分局" | "市场监督管理局" | "发改局") {
        traps.push(trap(
            grid,
            Some(format!("B{}", first + 1)),
            None,
            &format!("单位 {} merged down over its nine months", plan.unit.annex),
            None,
            &format!("every month's row belongs to {}", plan.unit.name),
        ));
    }
}

fn trap(
    grid: &Grid,
    cell: Option<String>,
    row: Option<u32>,
    what: &str,
    code: Option<&'static str>,
    expected: &str,
) -> Trap {
    Trap {
        file: SUMMARY.into(),
        sheet: Some(grid.name.clone()),
        cell,
        row,
        what: what.into(),
        code,
        expected: expected.into(),
    }
}

/// How a unit writes a domain in its 领域 column; the k-th item of that domain.
fn written(unit: &str, domain: usize, k: usize) -> String {
    let name = CANONICAL[domain];
    let forms: &[&str] = match (unit, name) {
        ("民政局", "社会救助") => &["社会救助", "(五)社会救助领域", "社会求助"],
        ("住建局", "保障性住房") => &["保障住房"],
        ("住建局", "农村危房改造") => &["（十六）农村危房改造领域", "危房改造"],
        ("住建局", "国有土地上房屋征收与补偿") => &["国有土地上房屋征收"],
        ("住建局", "城市综合执法") => &["城市管理综合执法"],
        ("应急管理局", "救灾") => &["救灾生产"],
        ("自然资源和规划局" | "人社局" | "司法局", _) => &[],
        _ => return format!("{name}领域"),
    };
    forms
        .get(k % forms.len().max(1))
        .map_or_else(|| name.to_string(), |f| f.to_string())
}

/// The first time a unit writes a domain in an unusual way is a trap worth listing.
fn spelling_trap(text: &str, domain: usize) -> Option<(String, String)> {
    let name = CANONICAL[domain];
    (text != name && text != format!("{name}领域")).then(|| {
        (
            format!("领域 written {text}"),
            format!("resolved to the domain {name}; no problem"),
        )
    })
}

fn october(inbox: &mut Inbox, plan: &UnitPlan, k: usize, maker: &mut Maker) -> Res<()> {
    let unit = &plan.unit;
    let (path, format) = october_file(unit);
    let sheet_name = if matches!(format, Format::Xlsx) {
        "10月".to_string()
    } else {
        stem(&path)
    };
    let columns: &[(Col, &'static str)] = match unit.name {
        "司法局" => &CSV,
        "民政局" | "住建局" => &U,
        _ => [&A[..], &B[..]][k % 2],
    };
    let mut layout = Layout::new(&sheet_name, columns);
    let mut plants = decorate(&mut layout, unit.name);
    let mut rows: Vec<(NaiveDate, DataRow, Option<Plant>)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut per_domain = [0usize; 26];
    for item in &plan.october {
        let text = written(unit.name, item.domain, per_domain[item.domain]);
        per_domain[item.domain] += 1;
        let plant = match spelling_trap(&text, item.domain) {
            Some((what, expected)) if !seen.contains(&text) => {
                seen.push(text.clone());
                Some(Plant::new(At::Cell(0, Col::Section), what, None, expected))
            }
            _ => None,
        };
        let data = row(unit.annex, &layout, item, text, Some(item.domain));
        rows.push((item.date, data, plant));
    }
    extras(&mut rows, plan, &layout, maker)?;
    rows.sort_by_key(|(d, _, _)| *d);
    let mut data = Vec::new();
    for (i, (_, r, plant)) in rows.into_iter().enumerate() {
        if let Some(mut p) = plant {
            // Placed once sorted: the trap's cell is on the row it landed on.
            p.at = match p.at {
                At::Cell(_, c) => At::Cell(i, c),
                _ => At::Data(i),
            };
            plants.push(p);
        }
        data.push(r);
    }
    let sheet = ItemSheet {
        layout,
        rows: data,
        plants,
    };
    inbox.add_items(&path, format, date(11, 3), vec![sheet]);
    Ok(())
}

/// Where a unit's October file is and what it is.
fn october_file(unit: &UnitSpec) -> (String, Format) {
    match unit.name {
        "司法局" => (format!("{OCTOBER}/司法局10月领域信息.csv"), Format::CsvGbk),
        "公共资源交易中心" => (
            format!("{OCTOBER}/赤壁市公共资源交易中心信息发布（2020年10月）.xls"),
            Format::HtmlXls,
        ),
        "生态环境分局" => (
            format!("{OCTOBER}/生态环境领域政务公开信息（2020年10月）.xlsx"),
            Format::Xlsx,
        ),
        _ => (
            format!("{OCTOBER}/{}2020年10月政务公开信息.xlsx", unit.annex),
            Format::Xlsx,
        ),
    }
}

/// A unit's own layout details (dates, a 填报单位 line) and the traps of its file.
fn decorate(layout: &mut Layout, unit: &str) -> Vec<Plant> {
    let file = |what: &str, expected: &str| vec![Plant::new(At::File, what, None, expected)];
    match unit {
        "公共资源交易中心" => {
            layout.dates = Dates::Stamp;
            file(
                "an HTML table (GB2312) saved as .xls by the trading platform",
                "read as an HTML table (info at most); rows belong to 公共资源交易中心",
            )
        }
        "司法局" => file(
            "CSV saved by WPS in GBK",
            "decoded as GB18030; every row read",
        ),
        "市场监督管理局" => file(
            "file named with the notice's typo 赤壁市场监督管理局",
            "an alias of 市场监督管理局",
        ),
        "生态环境分局" => {
            layout.preamble = vec![
                "填报单位：咸宁市生态环境局赤壁市分局".into(),
                "填报日期：2020年11月3日".into(),
            ];
            vec![Plant::new(
                At::Row(1),
                "unit given only by 填报单位：咸宁市生态环境局赤壁市分局",
                None,
                "an alias of 生态环境分局; header found at row 3",
            )]
        }
        "卫健局" | "农业农村局" => {
            layout.dates = if unit == "卫健局" {
                Dates::Chinese
            } else {
                Dates::Dotted
            };
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// A row for `item` with the 领域 cell `text`, counting for `domain`.
fn row(
    unit_cell: &str,
    layout: &Layout,
    item: &Item,
    text: String,
    domain: Option<usize>,
) -> DataRow {
    DataRow {
        title: item.title.clone(),
        date: layout.dates.cell(item.date),
        section: text,
        unit: unit_cell.to_string(),
        link: item.link.clone(),
        outcome: Outcome::Item {
            unit: item.unit,
            title: item.title.clone(),
            date: item.date,
            link: layout.has(Col::Link).then(|| item.link.clone()),
            section: domain,
        },
    }
}

/// Items filed where they do not belong: 民政局 under 扶贫, 卫健局 under a 领域 that is none.
fn extras(
    rows: &mut Vec<(NaiveDate, DataRow, Option<Plant>)>,
    plan: &UnitPlan,
    layout: &Layout,
    maker: &mut Maker,
) -> Res<()> {
    let unit = &plan.unit;
    // `domain` says what the row counts for; the item itself belongs to no planned domain.
    let mut add = |title: &str, d: NaiveDate, text: &str, domain: Option<usize>, plant: Plant| {
        let item = Item {
            unit: unit.name,
            title: title.into(),
            date: d,
            domain: usize::MAX,
            link: maker.links.next(d),
        };
        rows.push((
            d,
            row(unit.annex, layout, &item, text.into(), domain),
            Some(plant),
        ));
    };
    match unit.name {
        "民政局" => {
            let poverty = CANONICAL.iter().position(|d| *d == "扶贫");
            add(
                "赤壁市民政局2020年农村低保兜底脱贫对象公示",
                date(10, 20),
                "扶贫",
                poverty,
                Plant::new(
                    At::Cell(0, Col::Section),
                    "民政局 files an item under 扶贫, which 扶贫办 answers for",
                    Some("S014"),
                    "warning: not the responsible unit; the item counts for 民政局 and for 扶贫",
                ),
            );
        }
        "卫健局" => {
            for (title, d) in [
                ("赤壁市新冠肺炎疫情防控指挥部通告（2020-31）", date(10, 12)),
                ("赤壁市秋冬季新冠肺炎疫情防控健康提示", date(10, 27)),
            ] {
                add(
                    title,
                    d,
                    "疫情防控",
                    None,
                    Plant::new(
                        At::Cell(0, Col::Section),
                        "领域 疫情防控 is none of the 26 domains",
                        Some("S013"),
                        "warning; the item counts for 卫健局 but for no domain",
                    ),
                );
            }
        }
        _ => {}
    }
    Ok(())
}
