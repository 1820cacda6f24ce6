//! The inbox of 2022Q2 as the office holds it at the end of June: every unit's first-
//! quarter file in `2022年第一季度/`, its second-quarter file in `2022年第二季度/` (民政局
//! sends monthly files in a folder of its own), and the exceptions spelled out by unit
//! name below, each recorded in the ledger with what a correct tool makes of it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::formats::Format;
use crate::grid::Val;
use crate::inbox::{At, Inbox, ItemSheet, Plant, Res, stem};
use crate::ledger::{Outcome, Trap};
use crate::plan::{Item, Maker, YEAR};
use crate::sections::SectionRow;
use crate::sheet::{Col, DataRow, Dates, Layout};
use crate::units::UnitSpec;

const Q1: &str = "inbox/2022年第一季度";
const Q2: &str = "inbox/2022年第二季度";

/// Layout A: 序号 | 标题 | 发布日期 | 栏目 | 链接.
const A: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "栏目"),
    (Col::Link, "链接"),
];
/// Layout B: 序号 | 信息标题 | 发布时间 | 所属栏目 | 网址.
const B: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布时间"),
    (Col::Section, "所属栏目"),
    (Col::Link, "网址"),
];
/// Layout C: 序号 | 报送单位 | 信息标题 | 发布日期 | 所属栏目 | 链接.
const C: [(Col, &str); 6] = [
    (Col::Seq, "序号"),
    (Col::Unit, "报送单位"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "所属栏目"),
    (Col::Link, "链接"),
];
/// What WPS saves for the towns that keep their list as CSV: no links.
const TOWN_CSV: [(Col, &str); 4] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "栏目"),
];
/// The county portal's CMS export.
const CMS: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Section, "所属栏目"),
    (Col::Date, "发布时间"),
    (Col::Link, "链接"),
];
/// 信访局's own list: no 栏目 column at all.
const NO_SECTION: [(Col, &str); 4] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布日期"),
    (Col::Link, "链接"),
];

/// Towns whose office saves GBK CSV from WPS.
const CSV_TOWNS: [&str; 2] = ["瓦岗乡", "伏道镇"];

/// A data row before its sheet is sorted, with the trap it carries.
struct Entry {
    date: NaiveDate,
    row: DataRow,
    mark: Option<Mark>,
}

/// A trap on one entry, in the column `col` (or on the whole row).
struct Mark {
    col: Option<Col>,
    what: String,
    code: Option<&'static str>,
    expected: String,
}

fn mark(
    col: Option<Col>,
    what: impl Into<String>,
    code: Option<&'static str>,
    expected: impl Into<String>,
) -> Option<Mark> {
    Some(Mark {
        col,
        what: what.into(),
        code,
        expected: expected.into(),
    })
}

/// Everything the inbox is built from.
pub struct Context<'a> {
    pub units: &'a [UnitSpec],
    pub rows: &'a [SectionRow],
    /// Section index by leaf name.
    pub by_leaf: BTreeMap<&'static str, usize>,
}

impl Context<'_> {
    fn leaf(&self, leaf: &str) -> Res<usize> {
        self.by_leaf
            .get(leaf)
            .copied()
            .ok_or_else(|| format!("no section {leaf}").into())
    }
}

/// Builds every file of the inbox from the planned items.
///
/// # Errors
/// A unit or section the plan names but the tables lack, or a title error.
pub fn build(ctx: &Context, items: &[Item], maker: &mut Maker) -> Res<Inbox> {
    let mut inbox = Inbox::default();
    for (k, unit) in ctx.units.iter().enumerate() {
        let mine: Vec<&Item> = items.iter().filter(|i| i.unit == unit.name).collect();
        let (q1, q2): (Vec<&Item>, Vec<&Item>) = mine.iter().partition(|i| i.date.month() <= 3);
        if !q1.is_empty() {
            first_quarter(&mut inbox, ctx, unit, k, &q1)?;
        }
        match unit.name {
            "民政局" => monthly_folder(&mut inbox, ctx, unit, &q2)?,
            "政府办" => cms_export(&mut inbox, ctx, unit, &q2)?,
            _ if !q2.is_empty() => second_quarter(&mut inbox, ctx, unit, k, &q2, maker)?,
            _ => {}
        }
    }
    unknown_unit(&mut inbox, maker)?;
    lock_file(&mut inbox);
    Ok(inbox)
}

fn saved(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, month, day).unwrap_or(NaiveDate::MIN)
}

fn csv_format(unit: &str) -> Option<Format> {
    match unit {
        u if CSV_TOWNS.contains(&u) => Some(Format::CsvGbk),
        "统计局" => Some(Format::CsvUtf8Bom),
        _ => None,
    }
}

/// The layout a unit uses by default: towns on CSV have their own, others take A, B or C.
fn layout_for(unit: &UnitSpec, k: usize, sheet: &str) -> Layout {
    let columns: &[(Col, &'static str)] = if CSV_TOWNS.contains(&unit.name) {
        &TOWN_CSV
    } else {
        [&A[..], &B[..], &C[..]][k % 3]
    };
    let mut layout = Layout::new(sheet, columns);
    layout.dates = match unit.name {
        "韩庄镇" => Dates::Chinese,
        "任固镇" => Dates::Dotted,
        "宣传部" => Dates::Slashed,
        "教育局" => Dates::Builtin31,
        _ => Dates::Excel,
    };
    layout
}

/// An ordinary row for `item`, its 栏目 written as the section's own (deepest) name.
fn entry(ctx: &Context, unit: &UnitSpec, layout: &Layout, item: &Item) -> Entry {
    let text = ctx.rows[item.section].leaf().to_string();
    written(unit, layout, item, text, Some(item.section))
}

/// A row for `item` with the 栏目 cell `text`, counting for `section`.
fn written(
    unit: &UnitSpec,
    layout: &Layout,
    item: &Item,
    text: String,
    section: Option<usize>,
) -> Entry {
    let row = DataRow {
        title: item.title.clone(),
        date: layout.dates.cell(item.date),
        section: text,
        unit: unit.signs.to_string(),
        link: item.link.clone(),
        outcome: Outcome::Item {
            unit: unit.name,
            title: item.title.clone(),
            date: item.date,
            link: layout.has(Col::Link).then(|| item.link.clone()),
            section: if layout.has(Col::Section) {
                section
            } else {
                None
            },
        },
    };
    Entry {
        date: item.date,
        row,
        mark: None,
    }
}

/// Sorts the entries by date and turns their marks into plants.
fn sheet(layout: Layout, mut entries: Vec<Entry>, mut plants: Vec<Plant>) -> ItemSheet {
    entries.sort_by_key(|e| e.date);
    let mut rows = Vec::with_capacity(entries.len());
    for (i, e) in entries.into_iter().enumerate() {
        if let Some(m) = e.mark {
            let at = m.col.map_or(At::Data(i), |c| At::Cell(i, c));
            plants.push(Plant::new(at, m.what, m.code, m.expected));
        }
        rows.push(e.row);
    }
    ItemSheet {
        layout,
        rows,
        plants,
    }
}

fn first_quarter(
    inbox: &mut Inbox,
    ctx: &Context,
    unit: &UnitSpec,
    k: usize,
    items: &[&Item],
) -> Res<()> {
    let (path, format) = match csv_format(unit.name) {
        Some(Format::CsvGbk) => (
            format!("{Q1}/{}一季度信息报送.csv", unit.name),
            Format::CsvGbk,
        ),
        Some(f) => (format!("{Q1}/{}2022年第一季度信息报送.csv", unit.name), f),
        None => (
            format!("{Q1}/{}2022年第一季度政务信息报送表.xlsx", unit.name),
            Format::Xlsx,
        ),
    };
    let sheet_name = if matches!(format, Format::Xlsx) {
        "一季度".to_string()
    } else {
        stem(&path)
    };
    let layout = layout_for(unit, k, &sheet_name);
    let entries = items.iter().map(|i| entry(ctx, unit, &layout, i)).collect();
    let mut plants = Vec::new();
    if unit.name == "瓦岗乡" {
        plants.push(Plant::new(
            At::File,
            "CSV saved by WPS in GBK",
            None,
            "decoded as GB18030; every row read",
        ));
    }
    inbox.add_items(
        &path,
        format,
        saved(4, 7),
        vec![sheet(layout, entries, plants)],
    );
    Ok(())
}

fn second_quarter(
    inbox: &mut Inbox,
    ctx: &Context,
    unit: &UnitSpec,
    k: usize,
    items: &[&Item],
    maker: &mut Maker,
) -> Res<()> {
    let (path, format) = second_quarter_file(unit.name);
    let sheet_name = if matches!(format, Format::Xlsx) {
        "二季度".to_string()
    } else {
        stem(&path)
    };
    let mut layout = layout_for(unit, k, &sheet_name);
    let plants = decorate(&mut layout, unit.name);
    let mut entries: Vec<Entry> = items.iter().map(|i| entry(ctx, unit, &layout, i)).collect();
    let extra = match unit.name {
        "城关镇" => misfiled_relief(ctx, unit, &layout, maker)?,
        "住建局" => misfiled_planning(ctx, unit, &layout, &mut entries, maker)?,
        "白营镇" | "融媒体中心" => no_such_sections(unit, &layout, maker),
        "伏道镇" => vec![bad_date()],
        _ => Vec::new(),
    };
    entries.extend(extra);
    inbox.add_items(
        &path,
        format,
        saved(7, 6),
        vec![sheet(layout, entries, plants)],
    );
    Ok(())
}

/// Where a unit's second-quarter file is and what it is.
fn second_quarter_file(unit: &str) -> (String, Format) {
    match (unit, csv_format(unit)) {
        (_, Some(Format::CsvGbk)) => (format!("{Q2}/{unit}二季度信息报送.csv"), Format::CsvGbk),
        (_, Some(f)) => (format!("{Q2}/{unit}2022年第二季度信息报送.csv"), f),
        ("发改委", _) => (
            format!("{Q2}/县发改委2022年二季度信息公开情况.xlsx"),
            Format::Xlsx,
        ),
        ("城关镇", _) => (format!("{Q2}/政务信息报送表（二季度）.xlsx"), Format::Xlsx),
        ("生态环境分局", _) => (format!("{Q2}/环境分局二季度报送.xlsx"), Format::Xlsx),
        _ => (
            format!("{Q2}/{unit}2022年第二季度政务信息报送表.xlsx"),
            Format::Xlsx,
        ),
    }
}

/// A unit's own second-quarter layout (no 栏目 column, a 填报单位 line) and its file traps.
fn decorate(layout: &mut Layout, unit: &str) -> Vec<Plant> {
    let filler = match unit {
        "城关镇" => "汤阴县城关镇人民政府",
        "生态环境分局" => "安阳市生态环境局汤阴分局",
        "信访局" => {
            layout.columns = NO_SECTION.to_vec();
            return vec![Plant::new(
                At::File,
                "second-quarter list without a 栏目 column",
                Some("S017"),
                "warning: every row counts toward 信访局's target but toward no section; whether 信访局 updated 部门动态 is not judged (no S010)",
            )];
        }
        "住建局" => {
            layout.columns = C.to_vec();
            return Vec::new();
        }
        "发改委" => {
            return vec![Plant::new(
                At::File,
                "file named with the alias 县发改委",
                None,
                "rows belong to 发改委",
            )];
        }
        _ => return Vec::new(),
    };
    layout.preamble = vec![
        "汤阴县政府网站信息报送表（2022年第二季度）".to_string(),
        format!("填报单位：{filler}"),
    ];
    vec![Plant::new(
        At::Row(2),
        format!("unit given by a 填报单位 line in its long form (填报单位：{filler})"),
        None,
        format!("rows belong to {unit}; header found at row 3"),
    )]
}

/// 城关镇 files a 低保 notice under 社会救助, which 民政局 answers for.
fn misfiled_relief(
    ctx: &Context,
    unit: &UnitSpec,
    layout: &Layout,
    maker: &mut Maker,
) -> Res<Vec<Entry>> {
    let s = ctx.leaf("社会救助")?;
    let item = misfiled(
        unit,
        "城关镇2022年5月城乡低保动态管理情况公示",
        saved(5, 18),
        maker,
    );
    let mut e = written(unit, layout, &item, "社会救助".into(), Some(s));
    e.mark = mark(
        Some(Col::Section),
        "城关镇 files an item under 社会救助, which 民政局 answers for",
        Some("S014"),
        "warning: not a responsible unit; the item counts for 城关镇 and for 社会救助",
    );
    Ok(vec![e])
}

/// 住建局 files a planning notice under 城乡规划, which 规划中心 answers for; its 报送单位
/// cells carry its long name.
fn misfiled_planning(
    ctx: &Context,
    unit: &UnitSpec,
    layout: &Layout,
    entries: &mut [Entry],
    maker: &mut Maker,
) -> Res<Vec<Entry>> {
    if let Some(first) = entries.first_mut() {
        first.mark = mark(
            Some(Col::Unit),
            "报送单位 written 县住房和城乡建设局 in every row",
            None,
            "an alias of 住建局",
        );
    }
    let s = ctx.leaf("城乡规划")?;
    let item = misfiled(
        unit,
        "汤阴县城区控制性详细规划局部调整批前公示",
        saved(6, 9),
        maker,
    );
    let mut e = written(unit, layout, &item, "城乡规划".into(), Some(s));
    e.mark = mark(
        Some(Col::Section),
        "住建局 files an item under 城乡规划, which 规划中心 answers for",
        Some("S014"),
        "warning: not a responsible unit; the item counts for 住建局 and for 城乡规划",
    );
    Ok(vec![e])
}

/// Items under a 栏目 the table does not have: 白营镇's 工作动态, 融媒体中心's 图片新闻.
fn no_such_sections(unit: &UnitSpec, layout: &Layout, maker: &mut Maker) -> Vec<Entry> {
    let (text, what, expected, titles): (&str, &str, &str, &[(&str, u32, u32)]) = match unit.name {
        "白营镇" => (
            "工作动态",
            "栏目 工作动态 is no section of the table (部门动态 is meant)",
            "warning with 部门动态 suggested; the item counts for 白营镇 but for no section",
            &[
                ("白营镇召开人居环境集中整治推进会", 4, 19),
                ("白营镇开展“三夏”防火安全宣传", 6, 7),
            ],
        ),
        _ => (
            "图片新闻",
            "栏目 图片新闻 is no section of the table",
            "warning; the item counts for 融媒体中心 but for no section",
            &[("【图片新闻】汤阴县“三夏”生产一线见闻", 6, 10)],
        ),
    };
    titles
        .iter()
        .map(|(title, m, d)| {
            let item = misfiled(unit, title, saved(*m, *d), maker);
            let mut e = written(unit, layout, &item, text.into(), None);
            e.mark = mark(Some(Col::Section), what, Some("S013"), expected);
            e
        })
        .collect()
}

/// 伏道镇 dates one row 2022.6.31: June has 30 days.
fn bad_date() -> Entry {
    let row = DataRow {
        title: "伏道镇召开“三夏”秸秆禁烧工作部署会".to_string(),
        date: Val::text("2022.6.31"),
        section: "部门动态".into(),
        unit: String::new(),
        link: String::new(),
        outcome: Outcome::Rejected { code: "V001" },
    };
    let mark = mark(
        Some(Col::Date),
        "date 2022.6.31 (June has 30 days)",
        Some("V001"),
        "error: the row is rejected and never counted",
    );
    Entry {
        date: saved(6, 30),
        row,
        mark,
    }
}

/// An item a unit filed where it should not: a fixed title, a fresh link. It belongs to no
/// planned section; where it is written says which 栏目 it shows and what it counts for.
fn misfiled(unit: &UnitSpec, title: &str, date: NaiveDate, maker: &mut Maker) -> Item {
    Item {
        unit: unit.name,
        title: title.to_string(),
        date,
        section: usize::MAX,
        link: maker.links.next(date),
    }
}

/// 民政局 sends April, May and June as separate files in a folder named after it, 社会救助
/// written 社会救助领域; the June file repeats the last May item.
fn monthly_folder(inbox: &mut Inbox, ctx: &Context, unit: &UnitSpec, items: &[&Item]) -> Res<()> {
    let relief = ctx.leaf("社会救助")?;
    let mut last_of_may: Option<Entry> = None;
    for m in 4..=6 {
        let path = format!("inbox/民政局/2022年{m}月.xlsx");
        let layout = Layout::new("Sheet1", &A);
        let mut entries: Vec<Entry> = Vec::new();
        let mut plants = Vec::new();
        for item in items.iter().filter(|i| i.date.month() == m) {
            let e = if item.section == relief {
                let mut e = written(unit, &layout, item, "社会救助领域".into(), Some(relief));
                if m == 4 && !entries.iter().any(|e: &Entry| e.mark.is_some()) {
                    e.mark = mark(
                        Some(Col::Section),
                        "栏目 written 社会救助领域",
                        None,
                        "the suffix 领域 is dropped: section 社会救助",
                    );
                }
                e
            } else {
                entry(ctx, unit, &layout, item)
            };
            entries.push(e);
        }
        if m == 4 {
            plants.push(Plant::new(
                At::File,
                "monthly files in a folder named 民政局, file names without the unit",
                None,
                "rows belong to 民政局 (from the folder)",
            ));
        }
        if m == 5 {
            last_of_may = entries.iter().max_by_key(|e| e.date).map(|e| Entry {
                date: e.date,
                row: e.row.clone(),
                mark: None,
            });
        }
        if m == 6
            && let Some(mut again) = last_of_may.take()
        {
            // Sorted by date, the repeat lands first in the June sheet.
            again.date = saved(6, 1).pred_opt().unwrap_or(again.date);
            again.mark = mark(
                Some(Col::Title),
                "the last May item repeated at the top of the June file (same title, date and link)",
                Some("D001"),
                "info: counted once, in May",
            );
            entries.push(again);
        }
        inbox.add_items(
            &path,
            Format::Xlsx,
            saved(m + 1, 3).min(saved(7, 6)),
            vec![sheet(layout, entries, plants)],
        );
    }
    Ok(())
}

/// 政府办's second quarter comes from the portal's CMS: an HTML table saved as .xls,
/// 栏目 as the full path, publication times with the hour.
fn cms_export(inbox: &mut Inbox, ctx: &Context, unit: &UnitSpec, items: &[&Item]) -> Res<()> {
    let path = format!("{Q2}/县政府办网站信息发布明细（二季度）.xls");
    let mut layout = Layout::new(&stem(&path), &CMS);
    layout.dates = Dates::Stamp;
    layout.preamble = vec!["汤阴县人民政府网站信息发布明细（2022年4月1日—6月30日）".into()];
    let mut entries: Vec<Entry> = items
        .iter()
        .map(|i| {
            let path = ctx.rows[i.section]
                .levels
                .iter()
                .filter(|l| !l.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(">");
            written(unit, &layout, i, path, Some(i.section))
        })
        .collect();
    if let Some(first) = entries.iter_mut().min_by_key(|e| e.date) {
        first.mark = mark(
            Some(Col::Section),
            "栏目 written as the full path 信息公开>政务动态>…",
            None,
            "resolved by its last part, narrowed by the others",
        );
    }
    let plants = vec![Plant::new(
        At::File,
        "an HTML table (GB2312) saved as .xls by the portal's CMS; unit only in the file name (县政府办)",
        None,
        "read as an HTML table (info at most); rows belong to 政府办; times after the date are ignored",
    )];
    inbox.add_items(
        &path,
        Format::HtmlXls,
        saved(7, 4),
        vec![sheet(layout, entries, plants)],
    );
    Ok(())
}

/// 县残联 is not on the office's list but sends a file anyway: every row is rejected.
fn unknown_unit(inbox: &mut Inbox, maker: &mut Maker) -> Res<()> {
    let path = format!("{Q2}/县残联2022年第二季度信息报送表.xlsx");
    let layout = Layout::new("Sheet1", &C);
    let mut entries = Vec::new();
    for (title, m, d) in [
        ("县残联开展“全国助残日”系列活动", 5, 15),
        ("县残联2022年残疾人两项补贴发放情况公示", 5, 26),
        ("县残联组织残疾人职业技能培训", 6, 14),
    ] {
        let date = saved(m, d);
        let row = DataRow {
            title: title.to_string(),
            date: Val::Date(date),
            section: "部门动态".into(),
            unit: "县残联".into(),
            link: maker.links.next(date),
            outcome: Outcome::Rejected { code: "U001" },
        };
        let mark = mark(
            Some(Col::Unit),
            "单位 县残联 is not in the units table",
            Some("U001"),
            "error: the row is rejected",
        );
        entries.push(Entry { date, row, mark });
    }
    inbox.add_items(
        &path,
        Format::Xlsx,
        saved(7, 5),
        vec![sheet(layout, entries, Vec::new())],
    );
    Ok(())
}

/// The lock file Excel leaves while 住建局's list is open.
fn lock_file(inbox: &mut Inbox) {
    let path = format!("{Q2}/~$住建局2022年第二季度政务信息报送表.xlsx");
    let mut bytes = vec![13u8];
    bytes.extend_from_slice(b"Administrator");
    bytes.resize(165, 0x20);
    let trap = Trap {
        file: path.clone(),
        sheet: None,
        cell: None,
        row: None,
        what: "Excel lock file".into(),
        code: Some("F001"),
        expected: "info: skipped and listed, never read".into(),
    };
    inbox.add_skipped(&path, bytes, saved(7, 6), trap);
}
