//! The traps planted in ordinary monthly item lists: odd unit spellings, odd dates,
//! rows that must be rejected, duplicates, a title starting with `=`, formats that
//! lie about themselves. Each returns the `Plant`s that go into the truth file.

use chrono::{Datelike, Duration, NaiveDate};

use crate::formats::Format;
use crate::grid::Val;
use crate::inbox::{At, Inbox, Plant, Res};
use crate::plan::UnitPlan;
use crate::sheets::{Col, DataRow, Dates, Layout};
use crate::truth::Outcome;
use crate::units::UnitSpec;

const ACCEPTED: &str = "no problem (at most an info); rows accepted and counted";

impl Inbox<'_> {
    /// Plants this unit's traps for month `m` into `rows` and says where they are.
    pub fn plant(
        &mut self,
        unit: &UnitSpec,
        m: u32,
        layout: &Layout,
        format: &Format,
        rows: &mut Vec<DataRow>,
        all: &[UnitPlan],
    ) -> Res<Vec<Plant>> {
        let mut plants = late_items(m, rows);
        plants.extend(format_plant(format));
        plants.extend(layout_plants(layout));
        plants.extend(unit_cells(unit.name, m, rows));
        match (unit.name, m) {
            ("水务局", 4) => {
                plants.push(self.bad_date_row(unit, rows, Val::Date(ymd(2081, 4, 5)), "V002")?)
            }
            ("回马镇", 4) => {
                plants.push(self.bad_date_row(unit, rows, Val::text("四月五日"), "V001")?)
            }
            ("民政局", 4) => plants.extend(repeated_from_march(layout, rows, all)),
            ("安监局", 4) => {
                plants.extend(same_link(layout, rows));
                plants.extend(late_publication(layout, rows));
            }
            ("统计局", 3) => plants.extend(formula_like_title(rows)),
            _ => {}
        }
        Ok(plants)
    }

    /// Inserts a new row in the middle whose date must be rejected with `code`.
    fn bad_date_row(
        &mut self,
        unit: &UnitSpec,
        rows: &mut Vec<DataRow>,
        date: Val,
        code: &'static str,
    ) -> Res<Plant> {
        let made = self.titles.make(unit, 4, &mut self.rng)?;
        let at = rows.len() / 2;
        let shown = date.shown();
        rows.insert(
            at,
            DataRow {
                unit: unit.name.to_string(),
                title: made.title,
                date,
                section: made.section.to_string(),
                link: self.links.next(ymd(2018, 4, 5)),
                arose: None,
                outcome: Outcome::Rejected { code },
            },
        );
        let what = match code {
            "V002" => {
                format!("implausible date {shown} (a typo for 2018-04-05), typed as a real date")
            }
            _ => format!("unreadable date text {shown}"),
        };
        Ok(Plant::new(
            At::Cell(at, Col::Date),
            what,
            Some(code),
            "error; the row is rejected and never counted",
        ))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Items reported in a later month's file keep their own dates.
fn late_items(m: u32, rows: &[DataRow]) -> Vec<Plant> {
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.outcome {
            Outcome::Item { date, .. } if date.month() != m => Some(Plant::new(
                At::Cell(i, Col::Date),
                format!("item dated {date} reported late in the {m}月 file"),
                None,
                "accepted; counts in the year to date by its own date, not in period 2018-04",
            )),
            _ => None,
        })
        .collect()
}

fn format_plant(format: &Format) -> Option<Plant> {
    let (what, code, expected) = match format {
        Format::HtmlXls => (
            "extension .xls, really an HTML table with <meta charset=gb2312> and GBK bytes",
            Some("F003"),
            "info: read as an HTML table decoded from GB18030; rows accepted",
        ),
        Format::Utf16Xls => (
            "extension .xls, really UTF-16LE tab-separated text with a BOM",
            Some("F003"),
            "info: read as tab-separated text; rows accepted",
        ),
        Format::XmlXls => (
            "extension .xls, really SpreadsheetML 2003 XML",
            Some("F003"),
            "info: read as SpreadsheetML; rows accepted",
        ),
        Format::Biff => ("a real BIFF8 .xls (saved by LibreOffice)", None, ACCEPTED),
        Format::Ods => (
            "an OpenDocument .ods (saved by LibreOffice)",
            None,
            ACCEPTED,
        ),
        Format::Xlsm => (
            "a macro-enabled .xlsm workbook (no macros inside)",
            None,
            ACCEPTED,
        ),
        _ => return None,
    };
    Some(Plant::new(At::File, what, code, expected))
}

fn layout_plants(layout: &Layout) -> Vec<Plant> {
    let mut plants = Vec::new();
    let date = At::Cell(0, Col::Date);
    let dates = match layout.dates {
        Dates::Builtin31 => {
            Some("real date cells with Chinese built-in number format id 31 (yyyy年m月d日)")
        }
        Dates::Serial => Some("dates as bare serial numbers (e.g. 43195) with no date format"),
        Dates::Dotted => Some("dates as text 2018.4.5"),
        Dates::Chinese => Some("dates as text 2018年4月5日"),
        Dates::Compact => Some("dates as text 20180405"),
        Dates::Slashed => Some("dates as text 2018/4/5"),
        Dates::Excel => None,
    };
    if let Some(what) = dates {
        plants.push(Plant::new(
            date,
            format!("{what}, in every row of the sheet"),
            None,
            "read as the dates they show; rows accepted",
        ));
    }
    if layout.group.is_some() {
        plants.push(Plant::new(
            At::Row(1),
            "two-row header: 发布情况 merged over 发布日期 and 所属栏目, other labels merged down",
            None,
            "header found over rows 1–2; data from row 3; rows accepted",
        ));
    }
    if !layout.preamble.is_empty() {
        let lines = layout.preamble.join(" / ");
        let header = layout.preamble.len() + 1;
        let agree = if lines.contains("填报单位") {
            "; the 填报单位 line agrees with the file name and folder"
        } else {
            ""
        };
        plants.push(Plant::new(
            At::Row(1),
            format!("title lines above the header, each merged across the table: {lines}"),
            None,
            format!("header found at row {header}{agree}; rows accepted"),
        ));
    }
    if !layout.notes.is_empty() {
        plants.push(Plant::new(
            At::AfterData,
            format!(
                "note and signature lines under the data: {}",
                layout.notes.join(" / ")
            ),
            None,
            "not data: neither counted nor rejected",
        ));
    }
    plants
}

/// Units that wrote their own name oddly in the 单位 column this month.
fn unit_cells(unit: &str, m: u32, rows: &mut [DataRow]) -> Vec<Plant> {
    let variants: &[(&str, &str)] = match (unit, m) {
        ("热线办", 4) => &[(
            "１２３４５热线办",
            "full-width digits in the alias 12345热线办",
        )],
        ("审计局", 3) => &[("\u{3000}审计局", "a leading ideographic space U+3000")],
        ("司法局", 4) => &[("司法局\u{a0}\u{a0}", "trailing no-break spaces (NBSP)")],
        ("发改局", 4) => &[("县发改委", "the alias 县发改委 (the file name uses it too)")],
        ("卓筒井镇", 4) => &[("卓筒井鎮(zhèn)", "traditional 鎮 with inline pinyin (zhèn)")],
        ("蓬莱镇", 3) => &[("蓬萊鎮", "traditional characters 蓬萊鎮")],
        ("政府办", 3 | 4) => &[(
            "县政府办",
            "the alias 县政府办, as the CMS names the source",
        )],
        ("民政局", 4) => &[
            (" 民政局 ", "stray spaces around the name"),
            ("大英县民政局", "the region prefix 大英县"),
        ],
        _ => return Vec::new(),
    };
    let per = rows.len().div_ceil(variants.len()).max(1);
    let mut plants = Vec::new();
    for (k, (text, why)) in variants.iter().enumerate() {
        for row in rows.iter_mut().skip(k * per).take(per) {
            row.unit = text.to_string();
        }
        plants.push(Plant::new(
            At::Cell(k * per, Col::Unit),
            format!("单位 written {text:?}: {why}"),
            None,
            format!("resolves to {unit}; {ACCEPTED}"),
        ));
    }
    plants
}

/// 民政局 pasted two March items into its April list again.
fn repeated_from_march(layout: &Layout, rows: &mut Vec<DataRow>, all: &[UnitPlan]) -> Vec<Plant> {
    let march = all
        .iter()
        .find(|p| p.unit.name == "民政局")
        .map(|p| p.month(3))
        .unwrap_or(&[]);
    let mut plants = Vec::new();
    for item in march.iter().take(2) {
        let mut row = DataRow::of(item, layout.dates, layout.has(Col::Link));
        row.unit = rows.last().map_or(row.unit, |r| r.unit.clone());
        rows.push(row);
        plants.push(Plant::new(At::Data(rows.len() - 1),
            format!("repeats a March item of inbox/民政局-2018年3月.xlsx (same title, date {} and link)", item.date),
            Some("D001"), "info; accepted but counted once"));
    }
    plants
}

/// 安监局 reported the same page twice, the second time with a corrected title.
fn same_link(layout: &Layout, rows: &mut Vec<DataRow>) -> Vec<Plant> {
    let Some(original) = rows.get(2).cloned() else {
        return Vec::new();
    };
    let Outcome::Item { date, .. } = original.outcome else {
        return Vec::new();
    };
    let later = if date.day() < 30 {
        date + Duration::days(1)
    } else {
        date
    };
    let title = format!("{}（更正）", original.title);
    let mut row = original.clone();
    row.title = title.clone();
    row.date = layout.dates.cell(later);
    row.outcome = Outcome::Item {
        unit: "安监局",
        title,
        date: later,
        link: Some(original.link.clone()),
    };
    rows.insert(3, row);
    vec![Plant::new(
        At::Data(3),
        format!(
            "same link as the row above ({}), title re-edited with （更正）, dated a day later",
            original.link
        ),
        Some("D001"),
        "info; accepted but counted once (same link)",
    )]
}

/// 安监局's April list gives each item's 成文日期: all published the day they arose but
/// one, a notice of a 当天/第一时间 section put online a week after it was written.
fn late_publication(layout: &Layout, rows: &mut [DataRow]) -> Vec<Plant> {
    const SAME_DAY: [&str; 3] = ["部门动态", "通知", "公示公告"];
    let found = rows
        .iter()
        .enumerate()
        .skip(4)
        .find_map(|(i, r)| match r.outcome {
            Outcome::Item { date, .. } if SAME_DAY.contains(&r.section.as_str()) => Some((i, date)),
            _ => None,
        });
    let Some((i, date)) = found else {
        return Vec::new();
    };
    let arose = date - Duration::days(7);
    rows[i].arose = Some(layout.dates.cell(arose));
    vec![Plant::new(
        At::Data(i),
        format!(
            "成文日期 {arose}, published {date} under {} (当天/第一时间)",
            rows[i].section
        ),
        Some("T001"),
        "warning: published later than the section's time limit; still counted",
    )]
}

/// 统计局 typed a stray = in front of a title.
fn formula_like_title(rows: &mut [DataRow]) -> Vec<Plant> {
    let Some(row) = rows.get_mut(1) else {
        return Vec::new();
    };
    row.title = format!("={}", row.title);
    if let Outcome::Item { title, .. } = &mut row.outcome {
        *title = row.title.clone();
    }
    vec![Plant::new(
        At::Cell(1, Col::Title),
        format!("title starts with '=': {}", row.title),
        None,
        "kept as text, never evaluated; the item counts; outputs write it as a text cell",
    )]
}
