//! Item-list sheets as units lay them out: which columns under which labels, title
//! lines above the header, notes under the data, and how dates are typed. `item_sheet`
//! turns rows into a `Grid` and says on which sheet row each data row landed.

use chrono::{Datelike, NaiveDate};

use crate::grid::{Grid, RowKind, Val, col_letter};
use crate::ledger::Outcome;

/// What a column of an item list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Seq,
    Title,
    Date,
    Section,
    Unit,
    Link,
}

/// How a sheet's dates are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// Real date cells formatted yyyy-mm-dd (text `2022-04-06` in text formats).
    Excel,
    /// Real date cells with the built-in Chinese format id 31 (`2022年4月6日`).
    Builtin31,
    /// Text `2022年4月6日`.
    Chinese,
    /// Text `2022.4.6`.
    Dotted,
    /// Text `2022/4/6`.
    Slashed,
    /// Text `2022-04-06 09:30`, as web systems export a publication time.
    Stamp,
}

impl Dates {
    /// The cell a unit typing this way writes for `d`.
    pub fn cell(self, d: NaiveDate) -> Val {
        let (y, m, day) = (d.year(), d.month(), d.day());
        match self {
            Dates::Excel => Val::Date(d),
            Dates::Builtin31 => Val::DateCn(d),
            Dates::Chinese => Val::text(format!("{y}年{m}月{day}日")),
            Dates::Dotted => Val::text(format!("{y}.{m}.{day}")),
            Dates::Slashed => Val::text(format!("{y}/{m}/{day}")),
            Dates::Stamp => Val::text(format!("{} {:02}:{:02}", d, 8 + day % 9, (day * 7) % 60)),
        }
    }
}

/// How one unit lays out one sheet.
#[derive(Debug, Clone)]
pub struct Layout {
    pub sheet: String,
    pub columns: Vec<(Col, &'static str)>,
    /// Lines above the header, each merged across the table.
    pub preamble: Vec<String>,
    /// Lines under the data.
    pub notes: Vec<String>,
    pub dates: Dates,
}

impl Layout {
    /// A plain layout: one header row, real date cells, no title lines or notes.
    pub fn new(sheet: &str, columns: &[(Col, &'static str)]) -> Self {
        Self {
            sheet: sheet.to_string(),
            columns: columns.to_vec(),
            preamble: Vec::new(),
            notes: Vec::new(),
            dates: Dates::Excel,
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

    /// The 1-based sheet row of the first data row.
    pub fn first_data_row(&self) -> u32 {
        self.preamble.len() as u32 + 2
    }

    fn width(&self) -> u16 {
        self.columns.len() as u16
    }
}

/// One data row as it will be written, and what a correct tool makes of it.
#[derive(Debug, Clone)]
pub struct DataRow {
    pub title: String,
    pub date: Val,
    /// The 栏目 cell as the unit wrote it.
    pub section: String,
    /// The 单位 cell as the unit wrote it (used where the layout has one).
    pub unit: String,
    pub link: String,
    pub outcome: Outcome,
}

impl DataRow {
    fn cell(&self, col: Col, seq: usize) -> Val {
        match col {
            Col::Seq => Val::Num(seq as f64),
            Col::Title => Val::text(&self.title),
            Col::Date => self.date.clone(),
            Col::Section => Val::text(&self.section),
            Col::Unit => Val::text(&self.unit),
            Col::Link => Val::text(&self.link),
        }
    }
}

/// A sheet of an item list and the 1-based row each data row landed on.
pub fn item_sheet(layout: &Layout, rows: &[DataRow]) -> (Grid, Vec<u32>) {
    let mut grid = Grid::new(&layout.sheet);
    grid.widths = layout.columns.iter().map(|(c, _)| width(*c)).collect();
    for line in &layout.preamble {
        grid.line(RowKind::Title, line, layout.width());
    }
    grid.push(
        RowKind::Header,
        layout.columns.iter().map(|(_, l)| Val::text(*l)).collect(),
    );
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

fn width(col: Col) -> f64 {
    match col {
        Col::Seq => 6.0,
        Col::Title => 60.0,
        Col::Date => 14.0,
        Col::Section => 18.0,
        Col::Unit => 16.0,
        Col::Link => 62.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_land_under_the_preamble_and_header() {
        let mut layout = Layout::new(
            "Sheet1",
            &[
                (Col::Seq, "序号"),
                (Col::Title, "标题"),
                (Col::Date, "发布日期"),
            ],
        );
        layout.preamble = vec!["填报单位：城关镇人民政府".into()];
        let date = NaiveDate::from_ymd_opt(2022, 4, 6).unwrap_or(NaiveDate::MIN);
        let row = DataRow {
            title: "城关镇召开防汛工作会议".into(),
            date: layout.dates.cell(date),
            section: String::new(),
            unit: String::new(),
            link: String::new(),
            outcome: Outcome::Rejected { code: "V001" },
        };
        let (grid, placed) = item_sheet(&layout, &[row]);
        assert_eq!(placed, vec![3]);
        assert_eq!(layout.first_data_row(), 3);
        assert_eq!(grid.merges, vec![(0, 0, 0, 2)]);
        assert_eq!(layout.letter(Col::Date).as_deref(), Some("C"));
    }

    #[test]
    fn dates_are_typed_as_units_type_them() {
        let d = NaiveDate::from_ymd_opt(2022, 4, 6).unwrap_or(NaiveDate::MIN);
        assert_eq!(Dates::Chinese.cell(d), Val::text("2022年4月6日"));
        assert_eq!(Dates::Dotted.cell(d), Val::text("2022.4.6"));
        assert_eq!(Dates::Slashed.cell(d), Val::text("2022/4/6"));
        assert_eq!(Dates::Stamp.cell(d), Val::text("2022-04-06 14:42"));
    }
}
