//! Item-list sheets as units lay them out: which columns under which labels, title
//! lines above the header, notes under the data, a two-row merged header, and how
//! dates are typed. `item_sheet` turns rows into a `Grid` and says where each landed.

use chrono::{Datelike, NaiveDate};

use crate::grid::{Grid, RowKind, Val, col_letter};
use crate::plan::Item;
use crate::truth::Outcome;

/// What a column of an item list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Seq,
    Title,
    Date,
    Section,
    Unit,
    Link,
    /// 成文日期: the day the information arose.
    Arose,
}

/// How a sheet's dates are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Real date cells formatted yyyy-mm-dd (text `2018-04-05` in text formats).
    Excel,
    /// Real date cells with the built-in Chinese format id 31.
    Builtin31,
    /// Bare serial numbers with no date format.
    Serial,
    /// Text `2018.4.5`.
    Dotted,
    /// Text `2018年4月5日`.
    Chinese,
    /// Text `20180405`.
    Compact,
    /// Text `2018/4/5`.
    Slashed,
}

impl Dates {
    /// The cell a unit typing this way writes for `d`.
    pub fn cell(self, d: NaiveDate) -> Val {
        let (y, m, day) = (d.year(), d.month(), d.day());
        match self {
            Dates::Excel => Val::Date(d),
            Dates::Builtin31 => Val::DateCn(d),
            Dates::Serial => Val::Num(excel_serial(d)),
            Dates::Dotted => Val::text(format!("{y}.{m}.{day}")),
            Dates::Chinese => Val::text(format!("{y}年{m}月{day}日")),
            Dates::Compact => Val::text(format!("{y}{m:02}{day:02}")),
            Dates::Slashed => Val::text(format!("{y}/{m}/{day}")),
        }
    }
}

/// The 1900-system serial Excel stores for a date (after the 1900 leap-year bug).
pub fn excel_serial(d: NaiveDate) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN);
    (d - base).num_days() as f64
}

/// How one unit lays out one sheet.
#[derive(Debug, Clone)]
pub struct Layout {
    pub sheet: String,
    pub columns: Vec<(Col, &'static str)>,
    /// Lines above the header.
    pub preamble: Vec<String>,
    /// Lines under the data.
    pub notes: Vec<String>,
    /// A two-row header: the label over the Date and Section columns, which must be adjacent.
    pub group: Option<&'static str>,
    pub dates: Dates,
    pub hidden: bool,
}

impl Layout {
    /// A plain layout: one header row, real date cells, no title lines or notes.
    pub fn new(sheet: &str, columns: &[(Col, &'static str)]) -> Self {
        Self {
            sheet: sheet.to_string(),
            columns: columns.to_vec(),
            preamble: Vec::new(),
            notes: Vec::new(),
            group: None,
            dates: Dates::Excel,
            hidden: false,
        }
    }

    /// Whether the layout has a `col` column.
    pub fn has(&self, col: Col) -> bool {
        self.columns.iter().any(|(c, _)| *c == col)
    }

    /// The column letter of `col`, if the layout has it.
    pub fn letter(&self, col: Col) -> Option<String> {
        self.columns
            .iter()
            .position(|(c, _)| *c == col)
            .map(col_letter)
    }

    fn width(&self) -> u16 {
        self.columns.len() as u16
    }
}

/// One data row as it will be written, and what a correct tool makes of it.
#[derive(Debug, Clone)]
pub struct DataRow {
    pub unit: String,
    pub title: String,
    pub date: Val,
    pub section: String,
    pub link: String,
    /// The 成文日期 cell where it differs from the publication date.
    pub arose: Option<Val>,
    pub outcome: Outcome,
}

impl DataRow {
    /// An ordinary accepted row for `item`; `link_kept` says whether the sheet has a link column.
    pub fn of(item: &Item, dates: Dates, link_kept: bool) -> Self {
        Self {
            unit: item.unit.to_string(),
            title: item.title.clone(),
            date: dates.cell(item.date),
            section: item.section.to_string(),
            link: item.link.clone(),
            arose: None,
            outcome: Outcome::Item {
                unit: item.unit,
                title: item.title.clone(),
                date: item.date,
                link: link_kept.then(|| item.link.clone()),
            },
        }
    }

    fn cell(&self, col: Col, seq: usize) -> Val {
        match col {
            Col::Seq => Val::Num(seq as f64),
            Col::Title => Val::text(&self.title),
            Col::Date => self.date.clone(),
            Col::Section => Val::text(&self.section),
            Col::Unit => Val::text(&self.unit),
            Col::Link => Val::text(&self.link),
            // Published the day it arose, unless a trap says otherwise.
            Col::Arose => self.arose.clone().unwrap_or_else(|| self.date.clone()),
        }
    }
}

/// A sheet of an item list and the 1-based row each data row landed on.
pub fn item_sheet(layout: &Layout, rows: &[DataRow]) -> (Grid, Vec<u32>) {
    let mut grid = Grid::new(&layout.sheet);
    grid.hidden = layout.hidden;
    grid.widths = layout.columns.iter().map(|(c, _)| width(*c)).collect();
    for line in &layout.preamble {
        grid.line(RowKind::Title, line, layout.width());
    }
    header(&mut grid, layout);
    let placed = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = layout
                .columns
                .iter()
                .map(|(c, _)| row.cell(*c, i + 1))
                .collect();
            grid.push(RowKind::Data, cells)
        })
        .collect();
    for note in &layout.notes {
        grid.line(RowKind::Note, note, layout.width());
    }
    (grid, placed)
}

fn header(grid: &mut Grid, layout: &Layout) {
    let labels = || layout.columns.iter().map(|(_, l)| Val::text(*l));
    let Some(group) = layout.group else {
        grid.push(RowKind::Header, labels().collect());
        return;
    };
    // Two rows: the Date and Section labels sit under one merged group label;
    // every other label is merged down over both rows.
    let first = layout
        .columns
        .iter()
        .position(|(c, _)| *c == Col::Date)
        .unwrap_or(0);
    let top = grid.rows.len() as u32;
    let upper = layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, l))| match i {
            i if i == first => Val::text(group),
            i if i == first + 1 => Val::Empty,
            _ => Val::text(*l),
        })
        .collect();
    let lower = layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, (_, l))| {
            if i == first || i == first + 1 {
                Val::text(*l)
            } else {
                Val::Empty
            }
        })
        .collect();
    grid.push(RowKind::Header, upper);
    grid.push(RowKind::Header, lower);
    grid.merges.push((top, first as u16, top, first as u16 + 1));
    for i in (0..layout.columns.len()).filter(|&i| i != first && i != first + 1) {
        grid.merges.push((top, i as u16, top + 1, i as u16));
    }
}

fn width(col: Col) -> f64 {
    match col {
        Col::Seq => 6.0,
        Col::Title => 56.0,
        Col::Date | Col::Arose => 13.0,
        Col::Section => 14.0,
        Col::Unit => 14.0,
        Col::Link => 58.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_row_header_merges_the_group_across_and_the_rest_down() {
        let mut layout = Layout::new(
            "Sheet1",
            &[
                (Col::Seq, "序号"),
                (Col::Title, "信息标题"),
                (Col::Date, "发布日期"),
                (Col::Section, "所属栏目"),
            ],
        );
        layout.group = Some("发布情况");
        let date = NaiveDate::from_ymd_opt(2018, 4, 5).unwrap_or(NaiveDate::MIN);
        let item = Item {
            unit: "教育局",
            title: "县教育局召开校园安全工作会议".into(),
            date,
            section: "部门动态",
            link: String::new(),
        };
        let (grid, placed) = item_sheet(&layout, &[DataRow::of(&item, layout.dates, false)]);
        assert_eq!(placed, vec![3]);
        assert_eq!(grid.rows[0].1[2], Val::text("发布情况"));
        assert_eq!(grid.rows[1].1[3], Val::text("所属栏目"));
        assert_eq!(grid.merges, vec![(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1)]);
    }

    #[test]
    fn dates_are_typed_as_units_type_them() {
        let d = NaiveDate::from_ymd_opt(2018, 4, 5).unwrap_or(NaiveDate::MIN);
        assert_eq!(Dates::Serial.cell(d), Val::Num(43195.0));
        assert_eq!(Dates::Dotted.cell(d), Val::text("2018.4.5"));
        assert_eq!(Dates::Chinese.cell(d), Val::text("2018年4月5日"));
        assert_eq!(Dates::Compact.cell(d), Val::text("20180405"));
        assert_eq!(Dates::Slashed.cell(d), Val::text("2018/4/5"));
    }
}
