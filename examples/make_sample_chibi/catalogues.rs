//! Seed 002's main deliverable: each responsible unit's standard catalogue (标准目录) of
//! its domains, with the 8 elements of every matter, in the layouts units really use —
//! the State Council's two-row header with 一级事项 merged down and ticks under 公开对象
//! and 公开方式, a plain header per domain sheet, a 领域 column, a 事项名称 column only,
//! a GBK CSV — and the traps an office meets: an empty element, an unreadable 时限, a
//! 主体 not responsible, a domain nobody catalogued (税收管理), a unit cataloguing a
//! domain it is not responsible for, a matter listed twice, a title and a file name that
//! name different domains, and a missing 公开对象 column.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::domains::{CANONICAL, GROUPS, unit_of, written};
use crate::formats::Format;
use crate::grid::{Grid, RowKind, Val, col_letter};
use crate::inbox::Inbox;
use crate::ledger::{Outcome, Trap};
use crate::matters::{MATTERS, Matter};
use crate::plan::YEAR;
use crate::reference::{DOMAINS_FILE, DOMAINS_SHEET, domain_rows};
use crate::units::UnitSpec;

const FOLDER: &str = "inbox/标准目录";

/// How a unit lays out its catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A sheet per domain: title, 填报单位 line, one header row with 一级/二级事项.
    Plain,
    /// The State Council's table: 公开事项 over 一级 | 二级事项, ticks under 公开对象 and
    /// 公开方式, 一级事项 merged down over its 二级事项.
    Standard,
    /// One sheet for all its domains, with a 领域 column.
    DomainColumn,
    /// 事项名称 only, no levels.
    NameOnly,
    /// The plain table saved from WPS as a GBK CSV.
    Csv,
}

/// The plain header; the standard one is written by `standard_header`.
const PLAIN: [&str; 10] = [
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开方式",
    "公开渠道和载体",
    "公开对象",
];

/// What the truth file says of the catalogues.
#[derive(Serialize)]
pub struct Truth {
    domains: usize,
    catalogued: usize,
    matters: usize,
    /// Matters with at least one problem.
    marked: usize,
    unplaced: usize,
    uncatalogued: Vec<&'static str>,
    missing: Vec<Missing>,
    per_domain: Vec<DomainTruth>,
}

#[derive(Serialize)]
struct Missing {
    domain: &'static str,
    unit: &'static str,
}

#[derive(Serialize)]
struct DomainTruth {
    domain: &'static str,
    /// As Annex 1 prints it: the name of its sheet in 标准目录.
    name: String,
    units: Vec<&'static str>,
    matters: usize,
}

/// One matter as written, and whether a correct tool marks it.
struct Row {
    cells: [String; 8],
    level1: String,
    name: String,
    marked: bool,
}

/// Collects the catalogue files and what they hold.
struct Build<'a> {
    inbox: &'a mut Inbox,
    units: &'a [UnitSpec],
    /// Per domain: the units whose catalogues list it, and how many matters.
    domains: BTreeMap<usize, (Vec<&'static str>, usize)>,
    marked: usize,
}

/// Adds every catalogue to `inbox`; returns what the truth says of them.
pub fn add(inbox: &mut Inbox, units: &[UnitSpec]) -> Truth {
    let mut b = Build {
        inbox,
        units,
        domains: BTreeMap::new(),
        marked: 0,
    };
    for g in GROUPS.iter().filter(|g| g.unit != "税务局") {
        b.unit(g.unit, g.domains);
    }
    let rows = domain_rows();
    b.inbox.ledger.traps.push(Trap {
        file: DOMAINS_FILE.into(),
        sheet: Some(DOMAINS_SHEET.into()),
        cell: None,
        row: Some(rows[24]),
        what: "税务局 sent no catalogue of 税收管理, the one domain it answers for".into(),
        code: Some("M011"),
        expected: "a warning at the domain's row of the domain table".into(),
    });
    b.truth()
}

impl Build<'_> {
    fn annex(&self, unit: &str) -> &'static str {
        self.units
            .iter()
            .find(|u| u.name == unit)
            .map_or("", |u| u.annex)
    }

    fn shape(unit: &str) -> Shape {
        match unit {
            "教育局" | "民政局" => Shape::Standard,
            "人社局" => Shape::DomainColumn,
            "公共资源交易中心" => Shape::NameOnly,
            "司法局" => Shape::Csv,
            _ => Shape::Plain,
        }
    }

    /// The catalogue file of `unit`, a sheet per domain (one sheet for a 领域 column).
    fn unit(&mut self, unit: &'static str, domains: &[usize]) {
        let annex = self.annex(unit);
        let shape = Self::shape(unit);
        let mut sheets: Vec<(String, Vec<usize>)> = domains
            .iter()
            .map(|&d| (sheet_name(unit, d), vec![d]))
            .collect();
        if unit == "财政局" {
            // 财政局 also lists a 涉农补贴 matter: not its domain, and 农业农村局's already.
            sheets.push((CANONICAL[18].to_string(), vec![18]));
        }
        if shape == Shape::DomainColumn {
            sheets = vec![("目录".into(), domains.to_vec())];
        }
        let (path, format) = match (unit, shape) {
            (_, Shape::Csv) => (
                format!("{FOLDER}/司法局公共法律服务领域标准目录.csv"),
                Format::CsvGbk,
            ),
            ("应急管理局", _) => (
                format!("{FOLDER}/{annex}安全生产领域政务公开事项标准目录.xlsx"),
                Format::Xlsx,
            ),
            _ => (
                format!("{FOLDER}/{annex}政务公开事项标准目录.xlsx"),
                Format::Xlsx,
            ),
        };
        let mut grids = Vec::new();
        let mut facts = Vec::new();
        for (name, ds) in sheets {
            let sheet = if shape == Shape::Csv {
                crate::inbox::stem(&path)
            } else {
                name
            };
            let (grid, rows) = self.sheet(unit, &path, &sheet, &ds, shape);
            facts.extend(rows.iter().map(|r| (grid.name.clone(), *r, Outcome::Kept)));
            grids.push(grid);
        }
        if shape == Shape::Csv || shape == Shape::Standard {
            self.inbox.ledger.traps.push(Trap {
                file: path.clone(),
                sheet: None,
                cell: None,
                row: None,
                what: match shape {
                    Shape::Csv => "the catalogue saved as a GBK CSV",
                    _ => "the State Council's layout: two header rows, 一级事项 merged down, ticks for 公开对象 and 公开方式",
                }
                .into(),
                code: None,
                expected: "read as any other catalogue: every matter with its 8 elements".into(),
            });
        }
        let saved = chrono::NaiveDate::from_ymd_opt(YEAR, 9, 29).unwrap_or_default();
        self.inbox.add_grids(&path, format, saved, grids, facts);
    }

    /// One sheet of `unit`'s catalogue for `domains`; its grid and data rows.
    fn sheet(
        &mut self,
        unit: &'static str,
        path: &str,
        name: &str,
        domains: &[usize],
        shape: Shape,
    ) -> (Grid, Vec<u32>) {
        let annex = self.annex(unit);
        let mut grid = Grid::new(name);
        let width: u16 = match shape {
            Shape::DomainColumn => 11,
            Shape::NameOnly => 9,
            Shape::Standard => 12,
            _ => 10,
        };
        grid.widths = vec![
            6.0, 14.0, 16.0, 28.0, 30.0, 22.0, 16.0, 10.0, 16.0, 10.0, 10.0, 10.0,
        ];
        let title = match (shape, unit) {
            (Shape::DomainColumn, _) => format!("{annex}政务公开事项标准目录"),
            _ => format!("赤壁市{}领域政务公开事项标准目录", CANONICAL[domains[0]]),
        };
        grid.line(RowKind::Title, &title, width);
        grid.line(RowKind::Title, &format!("填报单位：{annex}"), width);
        let columns = self.header(&mut grid, shape, unit);
        let mut placed = Vec::new();
        let mut levels = Vec::new();
        for &d in domains {
            let responsible = unit_of(d) == Some(unit);
            let entry = self.domains.entry(d).or_default();
            if !entry.0.contains(&unit) {
                entry.0.push(unit);
            }
            for (k, m) in matters_of(unit, d).iter().enumerate() {
                let mut row = row(annex, d, k, m);
                row.marked |= !responsible || sheet_marked(unit, name);
                let r = self.write_row(&mut grid, shape, &columns, d, &row, placed.len());
                self.trap(path, name, unit, d, k, r, &columns);
                levels.push((r, row.level1.clone()));
                self.domains.entry(d).or_default().1 += 1;
                self.marked += usize::from(row.marked);
                placed.push(r);
            }
        }
        if shape == Shape::Standard {
            merge_levels(&mut grid, &levels);
        }
        grid.line(
            RowKind::Note,
            "注：本目录实行动态调整，事项变化时及时更新。",
            width,
        );
        if sheet_marked(unit, name) || name == COPIED {
            self.sheet_trap(path, name, unit);
        }
        (grid, placed)
    }

    /// Writes the header rows; returns each element's column, in `PLAIN`'s order after
    /// 序号 (`None` for an element the layout lacks).
    fn header(&self, grid: &mut Grid, shape: Shape, unit: &str) -> Vec<Option<usize>> {
        match shape {
            Shape::Standard => return standard_header(grid),
            Shape::DomainColumn => {
                let mut labels = vec!["序号", "领域"];
                labels.extend(&PLAIN[1..]);
                grid.push(RowKind::Header, labels.into_iter().map(Val::text).collect());
                return (2..11).map(Some).collect();
            }
            Shape::NameOnly => {
                let mut labels = vec!["序号", "事项名称"];
                labels.extend(&PLAIN[3..]);
                grid.push(RowKind::Header, labels.into_iter().map(Val::text).collect());
                let mut cols = vec![None, Some(1)];
                cols.extend((2..9).map(Some));
                return cols;
            }
            _ => {}
        }
        // 扶贫办 left out the 公开对象 column.
        let n = if unit == "扶贫办" { 9 } else { 10 };
        grid.push(
            RowKind::Header,
            PLAIN[..n].iter().map(|l| Val::text(*l)).collect(),
        );
        (1..10).map(|c| (c < n).then_some(c)).collect()
    }

    fn write_row(
        &self,
        grid: &mut Grid,
        shape: Shape,
        columns: &[Option<usize>],
        domain: usize,
        row: &Row,
        n: usize,
    ) -> u32 {
        let width = columns.iter().flatten().max().map_or(0, |c| c + 1);
        let mut cells = vec![Val::Empty; width.max(if shape == Shape::Standard { 12 } else { 0 })];
        cells[0] = Val::Num((n + 1) as f64);
        if shape == Shape::DomainColumn {
            cells[1] = Val::text(CANONICAL[domain]);
        }
        let texts = [&row.level1, &row.name];
        let all: Vec<&String> = texts.into_iter().chain(row.cells.iter()).collect();
        for (i, col) in columns.iter().enumerate() {
            let Some(col) = col else { continue };
            let text = match (shape, i) {
                (Shape::NameOnly, 1) => &row.name,
                _ => all[i],
            };
            cells[*col] = Val::text(text);
        }
        if shape == Shape::Standard {
            // Ticks: 全社会 | 特定群体, 主动 | 依申请.
            let (manner, audience) = (&row.cells[4], &row.cells[6]);
            cells[8] = tick(audience.contains("全社会"));
            cells[9] = tick(audience.contains("特定"));
            cells[10] = tick(manner.contains("主动"));
            cells[11] = tick(manner.contains("申请"));
        }
        grid.push(RowKind::Data, cells)
    }

    /// The trap planted at matter `k` of `domain` in `unit`'s catalogue, if any.
    #[allow(clippy::too_many_arguments)]
    fn trap(
        &mut self,
        path: &str,
        sheet: &str,
        unit: &str,
        domain: usize,
        k: usize,
        row: u32,
        columns: &[Option<usize>],
    ) {
        // Element i (after 序号) of PLAIN: 0 一级, 1 二级, 2 内容, 3 依据, 4 时限, 5 主体, 6 方式.
        let planted: &[(usize, &str, &'static str)] = match (unit, CANONICAL[domain], k) {
            ("公安局", _, 1) => &[(3, "公开依据 left empty", "M002")],
            ("卫健局", _, 0) => {
                &[(4, "公开时限 written 及时公开, which states no rule", "M003")]
            }
            ("住建局", "保障性住房", 2) => &[(
                5,
                "公开主体 赤壁市财政局, not a responsible unit of 保障性住房",
                "M005",
            )],
            ("市场监督管理局", _, 1) => {
                &[(6, "公开方式 written 公开, neither 主动 nor 依申请", "M006")]
            }
            ("财政局", "涉农补贴", 0) => &[
                (
                    1,
                    "the same matter as 农业农村局's catalogue lists first",
                    "M008",
                ),
                (
                    5,
                    "公开主体 赤壁市财政局, not a responsible unit of 涉农补贴",
                    "M005",
                ),
            ],
            _ => &[],
        };
        for (element, what, code) in planted {
            let col = columns[*element].or(columns[1]).unwrap_or(0);
            self.inbox.ledger.traps.push(Trap {
                file: path.into(),
                sheet: Some(sheet.into()),
                cell: Some(format!("{}{row}", col_letter(col))),
                row: None,
                what: (*what).into(),
                code: Some(code),
                expected: "a warning at the cell; the matter stays in 标准目录, marked".into(),
            });
        }
    }

    /// The sheet-level traps: a domain its compiler is not responsible for, a sheet copied
    /// from another domain's, a missing element column.
    fn sheet_trap(&mut self, path: &str, sheet: &str, unit: &str) {
        let marked = "a warning on the sheet; every matter of it marked, none dropped";
        let (what, code, expected, row) = match unit {
            "财政局" => (
                "财政局 catalogues 涉农补贴, which 农业农村局 answers for",
                Some("M012"),
                marked,
                None,
            ),
            "应急管理局" => (
                "the title says 救灾, the sheet (a copy of 安全生产's) is named 安全生产 (2)",
                None,
                "no M009: Excel's name for a copy disputes no title; the matters are 救灾's, unmarked",
                None,
            ),
            // At the header row (under the title and the 填报单位 line) it is missing from.
            _ => (
                "the catalogue has no 公开对象 column",
                Some("M001"),
                marked,
                Some(3),
            ),
        };
        self.inbox.ledger.traps.push(Trap {
            file: path.into(),
            sheet: Some(sheet.into()),
            cell: None,
            row,
            what: what.into(),
            code,
            expected: expected.into(),
        });
    }

    fn truth(self) -> Truth {
        let per_domain: Vec<DomainTruth> = self
            .domains
            .iter()
            .map(|(d, (units, n))| DomainTruth {
                domain: CANONICAL[*d],
                name: written(*d),
                units: units.clone(),
                matters: *n,
            })
            .collect();
        Truth {
            domains: 26,
            catalogued: per_domain.len(),
            matters: per_domain.iter().map(|d| d.matters).sum(),
            marked: self.marked,
            unplaced: 0,
            uncatalogued: vec![CANONICAL[24]],
            missing: vec![Missing {
                domain: CANONICAL[24],
                unit: "税务局",
            }],
            per_domain,
        }
    }
}

/// The matters `unit` lists for `domain`: the domain's, or for 财政局's extra 涉农补贴
/// sheet, 农业农村局's first.
fn matters_of(unit: &str, domain: usize) -> Vec<Matter> {
    let all = MATTERS[domain];
    if unit_of(domain) == Some(unit) {
        all.to_vec()
    } else {
        all.iter().take(1).copied().collect()
    }
}

/// Whether every matter of the sheet is marked by a sheet-level problem.
fn sheet_marked(unit: &str, sheet: &str) -> bool {
    matches!((unit, sheet), ("财政局", "涉农补贴") | ("扶贫办", _))
}

/// 应急管理局's 救灾 sheet: a copy of its 安全生产 sheet, retitled but not renamed.
const COPIED: &str = "安全生产 (2)";

/// The sheet of `unit`'s catalogue for `domain`: named after the domain.
fn sheet_name(unit: &str, domain: usize) -> String {
    match (unit, CANONICAL[domain]) {
        ("应急管理局", "救灾") => COPIED.to_string(),
        (_, name) => name.to_string(),
    }
}

/// The 8 elements (after the name) of matter `k` of `domain`, as `annex` writes them.
fn row(annex: &'static str, domain: usize, k: usize, m: &Matter) -> Row {
    let (level1, name, content, basis) = *m;
    let unit = unit_of(domain).unwrap_or_default();
    let limits = [
        "信息形成或变更之日起20个工作日内",
        "自信息形成之日起5个工作日内",
        "实时",
        "长期公开",
    ];
    let mut time = limits[(domain + k) % limits.len()].to_string();
    let mut subject = annex.to_string();
    let mut manner = if k == 2 {
        "主动、依申请"
    } else {
        "主动"
    }
    .to_string();
    let audience = if name.contains("分户") || name.contains("对象") {
        "特定对象"
    } else {
        "全社会"
    };
    let mut basis = basis.to_string();
    let mut marked = false;
    match (unit, CANONICAL[domain], k) {
        ("公安局", _, 1) => {
            basis.clear();
            marked = true;
        }
        ("卫健局", _, 0) => {
            time = "及时公开".into();
            marked = true;
        }
        ("住建局", "保障性住房", 2) => {
            subject = "赤壁市财政局".into();
            marked = true;
        }
        ("市场监督管理局", _, 1) => {
            manner = "公开".into();
            marked = true;
        }
        _ => {}
    }
    if annex.contains("财政局") && unit != "财政局" {
        // 财政局's copy of 农业农村局's matter is marked as a duplicate.
        marked = true;
    }
    let channel = ["政府网站、政务新媒体", "政府网站、公开栏", "政府网站"][(domain + k) % 3];
    Row {
        cells: [
            content.into(),
            basis,
            time,
            subject,
            manner,
            channel.into(),
            audience.into(),
            String::new(),
        ],
        level1: level1.into(),
        name: name.into(),
        marked,
    }
}

fn tick(on: bool) -> Val {
    if on { Val::text("√") } else { Val::Empty }
}

/// The State Council's two header rows; returns the element columns as `header` does.
fn standard_header(grid: &mut Grid) -> Vec<Option<usize>> {
    let upper = [
        "序号",
        "公开事项",
        "",
        "公开内容（要素）",
        "公开依据",
        "公开时限",
        "公开主体",
        "公开渠道和载体",
        "公开对象",
        "",
        "公开方式",
        "",
    ];
    let lower = [
        "",
        "一级事项",
        "二级事项",
        "",
        "",
        "",
        "",
        "",
        "全社会",
        "特定群体",
        "主动",
        "依申请",
    ];
    let top = grid.push(RowKind::Header, upper.map(Val::text).to_vec()) - 1;
    grid.push(RowKind::Header, lower.map(Val::text).to_vec());
    for (first, last) in [(1, 2), (8, 9), (10, 11)] {
        grid.merges.push((top, first, top, last));
    }
    for col in [0u16, 3, 4, 5, 6, 7] {
        grid.merges.push((top, col, top + 1, col));
    }
    // 一级, 二级, 内容, 依据, 时限, 主体, 方式 (ticks), 渠道, 对象 (ticks).
    vec![
        Some(1),
        Some(2),
        Some(3),
        Some(4),
        Some(5),
        Some(6),
        None,
        Some(7),
        None,
    ]
}

/// Merges each 一级事项 cell down over the following rows that share it; `levels` are
/// the 1-based data rows with their 一级事项.
fn merge_levels(grid: &mut Grid, levels: &[(u32, String)]) {
    let mut start = 0;
    for i in 1..=levels.len() {
        if i == levels.len() || levels[i].1 != levels[start].1 {
            let (first, last) = (levels[start].0, levels[i - 1].0);
            if last > first {
                grid.merges.push((first - 1, 1, last - 1, 1));
            }
            start = i;
        }
    }
}
