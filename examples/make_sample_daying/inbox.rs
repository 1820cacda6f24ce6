//! The inbox: which files each unit drops in, where, in which format and layout.
//! Most units send one .xlsx per month; the exceptions (other formats, sub-folders,
//! several months in one file, hidden sheets) are spelled out here by unit name, and
//! every file is recorded in the ledger with what a correct tool makes of each row.

use chrono::NaiveDate;

use crate::formats::{Format, Submission};
use crate::grid::Grid;
use crate::plan::{COUNT_UNITS, LinkMaker, UnitPlan};
use crate::rng::Rng;
use crate::sheets::{Col, DataRow, Dates, Layout, item_sheet};
use crate::titles::TitleMaker;
use crate::truth::{FileFact, FileStatus, Ledger, Outcome, RowFact, Trap};
use crate::units::UnitSpec;

/// The generator's result: any error ends the run with its message.
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Where in a sheet a trap sits, before the sheet is laid out.
#[derive(Debug, Clone, Copy)]
pub enum At {
    /// The whole file.
    File,
    /// A 1-based sheet row known in advance (title lines, the header).
    Row(u32),
    /// The n-th data row.
    Data(usize),
    /// One cell of the n-th data row.
    Cell(usize, Col),
    /// The first line under the data.
    AfterData,
}

/// A trap planted in a sheet, resolved to a row or cell once the sheet is built.
#[derive(Debug, Clone)]
pub struct Plant {
    pub at: At,
    pub what: String,
    pub code: Option<&'static str>,
    pub expected: String,
}

impl Plant {
    /// A trap at `at`, what it is, the problem code expected there and what a correct tool does.
    pub fn new(
        at: At,
        what: impl Into<String>,
        code: Option<&'static str>,
        expected: impl Into<String>,
    ) -> Self {
        Self {
            at,
            what: what.into(),
            code,
            expected: expected.into(),
        }
    }
}

/// One sheet of an item list to be written.
pub struct ItemSheet {
    pub layout: Layout,
    pub rows: Vec<DataRow>,
    pub plants: Vec<Plant>,
}

/// The whole inbox as it is being built.
pub struct Inbox<'a> {
    pub rng: Rng,
    pub titles: &'a mut TitleMaker,
    pub links: &'a mut LinkMaker,
    pub files: Vec<Submission>,
    pub ledger: Ledger,
}

impl<'a> Inbox<'a> {
    /// An empty inbox drawing on the sample's random source, titles and links.
    pub fn new(rng: Rng, titles: &'a mut TitleMaker, links: &'a mut LinkMaker) -> Self {
        Self {
            rng,
            titles,
            links,
            files: Vec::new(),
            ledger: Ledger::default(),
        }
    }

    /// Lays out and records an item-list file.
    pub fn add_items(
        &mut self,
        path: &str,
        format: Format,
        saved: NaiveDate,
        sheets: Vec<ItemSheet>,
    ) {
        let mut grids = Vec::new();
        let mut facts = Vec::new();
        let mut traps = Vec::new();
        for sheet in sheets {
            let (grid, placed) = item_sheet(&sheet.layout, &sheet.rows);
            for plant in &sheet.plants {
                traps.push(resolve(path, &sheet.layout, &placed, plant));
            }
            for (row, data) in placed.iter().zip(&sheet.rows) {
                facts.push((grid.name.clone(), *row, data.outcome.clone()));
            }
            grids.push(grid);
        }
        self.add_grids(path, format, saved, grids, facts, traps);
    }

    /// Records a file built as grids, with the outcome of each data row.
    pub fn add_grids(
        &mut self,
        path: &str,
        format: Format,
        saved: NaiveDate,
        grids: Vec<Grid>,
        facts: Vec<(String, u32, Outcome)>,
        traps: Vec<Trap>,
    ) {
        let status = if matches!(format, Format::Encrypted) {
            FileStatus::Encrypted
        } else {
            FileStatus::Read
        };
        self.ledger.files.push(FileFact {
            path: path.to_string(),
            format: format.label(),
            status,
            data_rows: facts.len() as u32,
        });
        if status == FileStatus::Read {
            self.ledger
                .rows
                .extend(facts.into_iter().map(|(sheet, row, outcome)| RowFact {
                    file: path.to_string(),
                    sheet,
                    row,
                    outcome,
                }));
        }
        self.ledger.traps.extend(traps);
        self.files.push(Submission {
            path: path.to_string(),
            format,
            sheets: grids,
            saved,
        });
    }

    /// Records a file that is not read: a copy of another, or a system file.
    pub fn add_unread(
        &mut self,
        path: &str,
        format: Format,
        status: FileStatus,
        data_rows: u32,
        trap: Trap,
    ) {
        self.ledger.files.push(FileFact {
            path: path.to_string(),
            format: format.label(),
            status,
            data_rows,
        });
        self.ledger.traps.push(trap);
        self.files.push(Submission {
            path: path.to_string(),
            format,
            sheets: Vec::new(),
            saved: saved(1),
        });
    }

    /// The ordinary item-list files of every unit, one call per unit.
    pub fn unit(&mut self, plan: &UnitPlan, all: &[UnitPlan]) -> Res<()> {
        match plan.unit.name {
            "档案局" => self.several_months_one_sheet(plan),
            "志办" => self.several_months_as_sheets(plan),
            "重点办" => self.quarter_with_filler_line(plan),
            "科技局" => self.january_in_hidden_sheet(plan, all),
            name if COUNT_UNITS.contains(&name) => Ok(()),
            _ => {
                for m in 1..=4 {
                    if !plan.month(m).is_empty() {
                        self.month_file(plan, m, all)?;
                    }
                }
                Ok(())
            }
        }
    }

    fn month_file(&mut self, plan: &UnitPlan, m: u32, all: &[UnitPlan]) -> Res<()> {
        let unit = &plan.unit;
        let format = format_for(unit.name, m);
        let path = path_for(unit.name, m, &format);
        let layout = layout_for(unit, m, &format, &path);
        let link_kept = layout.has(Col::Link);
        let mut rows: Vec<DataRow> = plan
            .month(m)
            .iter()
            .map(|i| DataRow::of(i, layout.dates, link_kept))
            .collect();
        let plants = self.plant(unit, m, &layout, &format, &mut rows, all)?;
        let sheet = ItemSheet {
            layout,
            rows,
            plants,
        };
        self.add_items(&path, format, saved(m), vec![sheet]);
        Ok(())
    }

    /// 档案局 sends January–March in one sheet and nothing for April.
    fn several_months_one_sheet(&mut self, plan: &UnitPlan) -> Res<()> {
        let layout = Layout::new("1-3月", &A);
        let rows = (1..=3)
            .flat_map(|m| plan.month(m))
            .map(|i| DataRow::of(i, layout.dates, true))
            .collect();
        let plants = vec![Plant::new(
            At::File,
            "one file for January–March (dates in three months, nothing for April)",
            None,
            "every row accepted and counted in the month of its own date",
        )];
        self.add_items(
            "inbox/档案局-2018年1-3月.xlsx",
            Format::Xlsx,
            saved(3),
            vec![ItemSheet {
                layout,
                rows,
                plants,
            }],
        );
        Ok(())
    }

    /// 志办 sends January–April in one workbook, one sheet per month.
    fn several_months_as_sheets(&mut self, plan: &UnitPlan) -> Res<()> {
        let sheets = (1..=4)
            .map(|m| {
                let layout = Layout::new(&format!("{m}月"), &C);
                let rows = plan
                    .month(m)
                    .iter()
                    .map(|i| DataRow::of(i, layout.dates, false))
                    .collect();
                let plants = if m == 1 {
                    vec![Plant::new(
                        At::File,
                        "one workbook for January–April, one sheet per month",
                        None,
                        "all four sheets read; rows counted by their own dates",
                    )]
                } else {
                    Vec::new()
                };
                ItemSheet {
                    layout,
                    rows,
                    plants,
                }
            })
            .collect();
        self.add_items(
            "inbox/志办-2018年1-4月.xlsx",
            Format::Xlsx,
            saved(4),
            sheets,
        );
        Ok(())
    }

    /// 重点办 sends one first-quarter file whose name has no separator and whose unit
    /// is given only by a 填报单位 line using an alias.
    fn quarter_with_filler_line(&mut self, plan: &UnitPlan) -> Res<()> {
        let mut layout = Layout::new("第一季度", &A);
        layout.preamble = vec![
            "重点项目办公室2018年第一季度政务信息公开情况".into(),
            "填报单位：重点项目办公室".into(),
        ];
        let rows = (1..=3)
            .flat_map(|m| plan.month(m))
            .map(|i| DataRow::of(i, layout.dates, true))
            .collect();
        let plants = vec![Plant::new(
            At::Row(2),
            "unit given by a 填报单位 line with the alias 重点项目办公室; one file for the quarter",
            None,
            "rows belong to 重点办; header found at row 3",
        )];
        let path = "inbox/重点办2018年第一季度政务信息公开情况.xlsx";
        self.add_items(
            path,
            Format::Xlsx,
            saved(3),
            vec![ItemSheet {
                layout,
                rows,
                plants,
            }],
        );
        Ok(())
    }

    /// 科技局 never sent January on its own: it sits in a hidden sheet of the February workbook.
    fn january_in_hidden_sheet(&mut self, plan: &UnitPlan, all: &[UnitPlan]) -> Res<()> {
        let mut jan = Layout::new("1月", &A);
        jan.hidden = true;
        let feb = Layout::new("2月", &A);
        let hidden = ItemSheet {
            rows: plan
                .month(1)
                .iter()
                .map(|i| DataRow::of(i, jan.dates, true))
                .collect(),
            plants: vec![Plant::new(
                At::File,
                "hidden sheet 1月 holds January's items (no other January file)",
                Some("L002"),
                "warning; the hidden sheet is read as usual and its items count",
            )],
            layout: jan,
        };
        let visible = ItemSheet {
            rows: plan
                .month(2)
                .iter()
                .map(|i| DataRow::of(i, feb.dates, true))
                .collect(),
            plants: Vec::new(),
            layout: feb,
        };
        self.add_items(
            "inbox/科技局-2018年2月.xlsx",
            Format::Xlsx,
            saved(2),
            vec![hidden, visible],
        );
        for m in 3..=4 {
            self.month_file(plan, m, all)?;
        }
        Ok(())
    }
}

/// The day after a month's end plus two: when units send that month's file.
pub fn saved(month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, month + 1, 3).unwrap_or(NaiveDate::MIN)
}

fn resolve(path: &str, layout: &Layout, placed: &[u32], plant: &Plant) -> Trap {
    let first_data =
        (layout.preamble.len() + if layout.group.is_some() { 2 } else { 1 }) as u32 + 1;
    let row_of = |i: usize| placed.get(i).copied().unwrap_or(first_data);
    let (row, cell) = match plant.at {
        At::File => (None, None),
        At::Row(r) => (Some(r), None),
        At::Data(i) => (Some(row_of(i)), None),
        At::Cell(i, col) => (
            None,
            layout.letter(col).map(|l| format!("{l}{}", row_of(i))),
        ),
        At::AfterData => (Some(placed.last().map_or(first_data, |r| r + 1)), None),
    };
    Trap {
        file: path.to_string(),
        sheet: (!matches!(plant.at, At::File)).then(|| layout.sheet.clone()),
        cell,
        row,
        what: plant.what.clone(),
        code: plant.code,
        expected: plant.expected.clone(),
    }
}

/// Layout A: 序号 | 标题 | 发布日期 | 栏目 | 链接.
pub const A: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "栏目"),
    (Col::Link, "链接"),
];
const B: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布时间"),
    (Col::Section, "所属栏目"),
    (Col::Link, "网址"),
];
/// Layout C: 序号 | 题目 | 公开日期 | 公开栏目 | 报送单位.
pub const C: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "题目"),
    (Col::Date, "公开日期"),
    (Col::Section, "公开栏目"),
    (Col::Unit, "报送单位"),
];
/// Layout D: 序号 | 报送单位 | 信息标题 | 发布日期 | 所属栏目 | 链接.
pub const D: [(Col, &str); 6] = [
    (Col::Seq, "序号"),
    (Col::Unit, "报送单位"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "所属栏目"),
    (Col::Link, "链接"),
];
/// Layout B with the day each item's information arose, as 安监局 added in April.
const B_AROSE: [(Col, &str); 6] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Arose, "成文日期"),
    (Col::Date, "发布时间"),
    (Col::Section, "所属栏目"),
    (Col::Link, "网址"),
];
const TOWN_CSV: [(Col, &str); 4] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "栏目"),
];
const STATS_CSV: [(Col, &str); 4] = [
    (Col::Title, "标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "栏目"),
    (Col::Link, "链接"),
];
const ENV_CSV: [(Col, &str); 4] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "所属栏目"),
];
const CMS: [(Col, &str); 6] = [
    (Col::Seq, "序号"),
    (Col::Title, "标题"),
    (Col::Section, "所属栏目"),
    (Col::Date, "发布日期"),
    (Col::Unit, "单位"),
    (Col::Link, "链接"),
];
const EDU: [(Col, &str); 5] = [
    (Col::Seq, "序号"),
    (Col::Title, "信息标题"),
    (Col::Date, "发布日期"),
    (Col::Section, "所属栏目"),
    (Col::Link, "链接"),
];

/// Towns whose office saves GBK CSV from WPS.
pub const CSV_TOWNS: [&str; 4] = ["隆盛镇", "河边镇", "玉峰镇", "天保镇"];

fn format_for(unit: &str, m: u32) -> Format {
    match (unit, m) {
        ("统计局", _) => Format::CsvUtf8Bom,
        (t, _) if CSV_TOWNS.contains(&t) => Format::CsvGbk,
        ("环保局", _) => Format::CsvUtf8,
        ("政府办", 3 | 4) => Format::HtmlXls,
        ("住建局", 4) => Format::Utf16Xls,
        ("人社局", 4) => Format::XmlXls,
        ("国土局", 4) => Format::Biff,
        ("文广新局", 4) => Format::Ods,
        ("财政局", 4) => Format::Xlsm,
        _ => Format::Xlsx,
    }
}

fn path_for(unit: &str, m: u32, format: &Format) -> String {
    let folder = match (unit, m) {
        ("蓬莱镇" | "卓筒井镇" | "审计局", _) => format!("inbox/{unit}/"),
        ("商务局" | "粮食局" | "经信局", 3) => "inbox/2018年3月/".to_string(),
        ("国土局" | "林业局" | "农办", 4) => "inbox/2018年4月/".to_string(),
        _ => "inbox/".to_string(),
    };
    let stem = match (unit, m) {
        ("发改局", 4) => "县发改委2018年4月信息公开情况".to_string(),
        ("经信局" | "商务局", _) => format!("{unit}2018年{m}月政务信息公开明细表"),
        ("残联" | "司法局", _) => format!("{unit}信息公开报送表（2018年{m}月）"),
        _ => format!("{unit}-2018年{m}月"),
    };
    format!("{folder}{stem}.{}", format.extension())
}

/// The file stem: the sheet name Excel shows for a CSV or an HTML page.
pub fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

fn layout_for(unit: &UnitSpec, m: u32, format: &Format, path: &str) -> Layout {
    let text = matches!(
        format,
        Format::CsvGbk | Format::CsvUtf8 | Format::CsvUtf8Bom | Format::HtmlXls | Format::Utf16Xls
    );
    let sheet = if text {
        stem(path)
    } else {
        [
            "Sheet1".to_string(),
            format!("{m}月"),
            "信息公开明细".to_string(),
        ][unit.name.len() % 3]
            .clone()
    };
    let default: &[(Col, &str)] = [&A[..], &B[..], &C[..]][unit.name.chars().count() % 3];
    let columns: &[(Col, &str)] = match (unit.name, m) {
        ("民政局" | "蓬莱镇", _) | ("热线办" | "发改局", 4) => &D,
        ("教育局", 3 | 4) => &EDU,
        ("卓筒井镇", _) | ("审计局", 3) | ("司法局", 4) => &C,
        ("安监局", 4) => &B_AROSE,
        ("安监局" | "人社局", _) => &B,
        ("政府办", 3 | 4) => &CMS,
        ("政府办", _) => &B,
        ("统计局", _) => &STATS_CSV,
        ("环保局", _) => &ENV_CSV,
        (t, _) if CSV_TOWNS.contains(&t) => &TOWN_CSV,
        _ => default,
    };
    let mut layout = Layout::new(&sheet, columns);
    layout.dates = match (unit.name, m) {
        ("卫计局", 3 | 4) => Dates::Builtin31,
        ("林业局", 4) => Dates::Serial,
        ("玉峰镇", 4) => Dates::Dotted,
        ("隆盛镇", 4) => Dates::Chinese,
        ("天保镇", 4) => Dates::Compact,
        ("河边镇", 4) => Dates::Slashed,
        _ => Dates::Excel,
    };
    decorate(&mut layout, unit, m);
    layout
}

/// Title lines, notes and merged headers some units' templates carry.
fn decorate(layout: &mut Layout, unit: &UnitSpec, m: u32) {
    match (unit.name, m) {
        ("蓬莱镇", _) => {
            layout.preamble = vec![
                "附件".into(),
                format!("蓬莱镇2018年{m}月政务信息公开情况明细表"),
                "填报单位：蓬莱镇人民政府".into(),
                format!("统计期间：2018年{m}月"),
            ];
            layout.notes = vec![
                "注：本表由各村（社区）信息员初审，镇党政办汇总后于次月5日前报县政府办。".into(),
                "填表人：王晓燕          审核人：刘建军          联系电话：0825-7812306".into(),
            ];
        }
        ("民政局", _) => {
            layout.notes = vec![
                "注：“所属栏目”按县政府门户网站信息公开目录填写。".into(),
                "填表人：陈静          审核人：赵国华".into(),
            ];
        }
        ("教育局", 3 | 4) => layout.group = Some("发布情况"),
        ("政府办", 3 | 4) => {
            layout.preamble = vec![format!("大英县人民政府网站信息发布明细（2018年{m}月）")]
        }
        ("人社局", 4) => {
            layout.preamble = vec!["大英县人力资源和社会保障局2018年4月信息公开明细".into()]
        }
        ("隆盛镇", 4) => layout.preamble = vec!["隆盛镇2018年4月政务信息公开明细表".into()],
        _ => {}
    }
}
