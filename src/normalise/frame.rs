//! The raw frame: every record of a table as one polars row, with its provenance, and
//! every text cleaned on the way in — the one path every cell of a submission or a
//! reference table takes.
//!
//! [`Framing::rows`] moves a table's typed cells into columns. For each of its fields `f`
//! there are `f` (text), `f_col` (0-based column) and, for fields that hold numbers or
//! dates, `f_num` and `f_days` (a date cell of such a field is in `f_days` only). A text
//! is cleaned by [`text::clean_text`]: as a name in the fields the framing says hold names.

use chrono::NaiveDate;
use polars::prelude::*;

use super::text;
use crate::layout::{Attr, Field, Record, Role, Table};
use crate::problems::{Code, Place, Problem};
use crate::read::{Cell, undecodable_at};

/// What the tables of one kind of file are framed as: the fields taken, and those of
/// them that hold names (units, sections), cleaned as names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Framing {
    /// The fields taken, in column order.
    pub fields: &'static [Field],
    /// The fields whose texts are names: inline pinyin and every space dropped.
    pub names: &'static [Field],
    /// The field a cross table spreads across columns (a wide score sheet's 得分 per
    /// indicator): a record with several cells of it is one row per cell, its other
    /// fields repeated.
    pub across: Option<Field>,
}

/// A table to normalise, with where it came from.
pub(crate) struct SourceTable<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub table: &'a Table,
    /// Whether bare numbers in date columns count from 1904.
    pub date1904: bool,
}

/// The column name of a field.
pub(crate) fn name(field: Field) -> &'static str {
    match field {
        Field::Seq => "seq",
        Field::Title => "title",
        Field::Date => "date",
        Field::Arose => "arose",
        Field::Section => "section",
        Field::Unit => "unit",
        Field::Link => "link",
        Field::Count => "count",
        Field::Month => "month",
        Field::Indicator => "indicator",
        Field::Indicator1 => "indicator1",
        Field::Indicator2 => "indicator2",
        Field::Indicator3 => "indicator3",
        Field::Points => "points",
        Field::Level1Points => "level1_points",
        Field::Rule => "rule",
        Field::Assessor => "assessor",
        Field::Applies => "applies",
        Field::DataSource => "data_source",
        Field::Evidence => "evidence",
        Field::Score => "score",
        Field::Deducted => "deducted",
        Field::TotalScore => "total_score",
        Field::Reason => "reason",
        Field::CityDeduction => "city_deduction",
        Field::AppliedOn => "applied_on",
        Field::ReviewScore => "review_score",
        Field::ReviewNote => "review_note",
        Field::Alias => "alias",
        Field::Category => "category",
        Field::Level1 => "level1",
        Field::Level2 => "level2",
        Field::Level3 => "level3",
        Field::Content => "content",
        Field::Responsible => "responsible",
        Field::Frequency => "frequency",
        Field::Matter => "matter",
        Field::MatterLevel1 => "matter_level1",
        Field::MatterLevel2 => "matter_level2",
        Field::Basis => "basis",
        Field::TimeLimit => "time_limit",
        Field::Subject => "subject",
        Field::Manner => "manner",
        Field::Channel => "channel",
        Field::Audience => "audience",
        Field::Remark => "remark",
        Field::Role => "role",
        Field::Person(attr) => person_column(None, attr),
        Field::RolePerson(role, attr) => person_column(Some(role), attr),
        Field::UnitPhone => "unit_phone",
        Field::Office => "office",
    }
}

/// The column of a person's attribute: on a row of its own (`person_mobile`), or in a
/// role's block of a register (`leader_mobile`).
fn person_column(role: Option<Role>, attr: Attr) -> &'static str {
    const NAMES: [[&str; 6]; 3] = [
        [
            "person_name",
            "person_post",
            "person_office_phone",
            "person_mobile",
            "person_qq",
            "person_contact",
        ],
        [
            "leader_name",
            "leader_post",
            "leader_office_phone",
            "leader_mobile",
            "leader_qq",
            "leader_contact",
        ],
        [
            "liaison_name",
            "liaison_post",
            "liaison_office_phone",
            "liaison_mobile",
            "liaison_qq",
            "liaison_contact",
        ],
    ];
    let block = match role {
        None => 0,
        Some(Role::Leader) => 1,
        Some(Role::Liaison) => 2,
    };
    NAMES[block][attr as usize]
}

/// Whether a field holds numbers or dates: its cells keep their number and date.
fn numeric(field: Field) -> bool {
    matches!(
        field,
        Field::Date
            | Field::Arose
            | Field::Count
            | Field::Month
            | Field::Points
            | Field::Level1Points
            | Field::Score
            | Field::Deducted
            | Field::TotalScore
            | Field::CityDeduction
            | Field::AppliedOn
            | Field::ReviewScore
    )
}

struct FieldColumns {
    /// Whether its texts are names.
    name: bool,
    text: StringChunkedBuilder,
    col: Vec<Option<u32>>,
    num: Vec<Option<f64>>,
    days: Vec<Option<i32>>,
}

impl FieldColumns {
    fn new(column: &str, name: bool, rows: usize) -> Self {
        Self {
            name,
            text: StringChunkedBuilder::new(column.into(), rows),
            col: Vec::with_capacity(rows),
            num: Vec::with_capacity(rows),
            days: Vec::with_capacity(rows),
        }
    }

    fn push(&mut self, field: Field, found: Option<(u32, &Cell)>) {
        let (col, cell) = match found {
            Some((c, cell)) => (Some(c), cell),
            None => (None, &Cell::Empty),
        };
        self.col.push(col);
        let shown;
        let raw = match cell {
            Cell::Empty | Cell::Error(_) | Cell::Formula(_) => None,
            // Its `_days` column holds it: as text it would only be parsed again.
            Cell::Date(_) if numeric(field) => None,
            Cell::Text(s) => (!s.chars().all(char::is_whitespace)).then_some(&**s),
            other => {
                shown = other.text();
                Some(shown.as_str())
            }
        };
        let name = self.name;
        self.text
            .append_option(raw.and_then(|s| text::clean_text(s, name)));
        self.num.push(match cell {
            Cell::Number(n) => Some(*n),
            _ => None,
        });
        self.days.push(match cell {
            Cell::Date(d) => i32::try_from((d.date() - NaiveDate::default()).num_days()).ok(),
            _ => None,
        });
    }
}

impl Framing {
    /// The rows of one table: besides the field columns, `row` (1-based sheet row),
    /// `error_col`/`error_value` (the first error cell such as `#REF!` in a mapped field,
    /// or formula without a result such as `=A3&"号"`)
    /// and `bad_col` (the first cell that holds U+FFFD, text that could not be decoded).
    ///
    /// The reading workers call it file by file, so that the records can be dropped as
    /// soon as they are framed.
    ///
    /// # Errors
    /// Only polars' own errors in assembling columns of equal length, which would be a bug.
    pub(crate) fn rows(&self, records: &[Record]) -> PolarsResult<DataFrame> {
        let n = records.len();
        let mut per_field: Vec<FieldColumns> = self
            .fields
            .iter()
            .map(|f| FieldColumns::new(name(*f), self.names.contains(f), n))
            .collect();
        let mut row = Vec::with_capacity(n);
        let (mut error_col, mut error_value, mut bad_col) = (Vec::new(), Vec::new(), Vec::new());
        for record in records {
            let across: Vec<(u32, &Cell)> = match self.across {
                Some(f) => record.all(f).collect(),
                None => Vec::new(),
            };
            // Not in 序号, which nothing reads: `=ROW()-1` with no result rejects no row.
            let error = record.cells.iter().find_map(|(f, c, cell)| match cell {
                Cell::Error(e) | Cell::Formula(e) if *f != Field::Seq => Some((*c, e.to_string())),
                _ => None,
            });
            let bad = record.cells.iter().find_map(|(_, c, cell)| match cell {
                Cell::Text(s) if undecodable_at(s).is_some() => Some(*c),
                _ => None,
            });
            for k in 0..across.len().max(1) {
                row.push(record.row + 1);
                for (field, columns) in self.fields.iter().zip(per_field.iter_mut()) {
                    let found = if self.across == Some(*field) {
                        across.get(k).copied()
                    } else {
                        record.get(*field)
                    };
                    columns.push(*field, found);
                }
                error_col.push(error.as_ref().map(|e| e.0));
                error_value.push(error.as_ref().map(|e| e.1.clone()));
                bad_col.push(bad);
            }
        }
        let mut columns = vec![
            Column::new("row".into(), row),
            Column::new("error_col".into(), error_col),
            Column::new("error_value".into(), error_value),
            Column::new("bad_col".into(), bad_col),
        ];
        for (field, c) in self.fields.iter().zip(per_field) {
            let n = name(*field);
            columns.push(c.text.finish().into_column());
            columns.push(Column::new(format!("{n}_col").into(), c.col));
            if numeric(*field) {
                columns.push(Column::new(format!("{n}_num").into(), c.num));
                columns.push(Column::new(format!("{n}_days").into(), c.days));
            }
        }
        DataFrame::new_infer_height(columns)
    }

    /// Stacks the [`Framing::rows`] of each table into one frame in one chunk, with `src`
    /// first: the index of the table in `frames`.
    ///
    /// # Errors
    /// When the frames were framed otherwise, which would be a bug.
    pub(crate) fn stack(&self, frames: Vec<DataFrame>) -> PolarsResult<DataFrame> {
        let mut all = self.rows(&[])?;
        all.insert_column(0, Column::new("src".into(), Vec::<u32>::new()))?;
        for (i, mut df) in frames.into_iter().enumerate() {
            let src = Scalar::new(DataType::UInt32, AnyValue::UInt32(i as u32));
            df.insert_column(0, Column::new_scalar("src".into(), src, df.height()))?;
            all.vstack_mut_owned(df)?;
        }
        all.rechunk_mut_par();
        Ok(all)
    }
}

/// A framed table read row by row in plain Rust, for the small tables whose checks walk
/// their rows one by one (catalogues, contact forms, score sheets, the indicator table).
/// Every value is as [`Framing::rows`] framed and cleaned it.
pub(crate) struct Walk {
    rows: UInt32Chunked,
    error_col: UInt32Chunked,
    error_value: StringChunked,
    fields: Vec<(Field, Columns)>,
}

/// One field's columns in a [`Walk`].
struct Columns {
    text: StringChunked,
    col: UInt32Chunked,
    /// For fields that hold numbers or dates: the number, and the days of a date.
    num: Option<(Float64Chunked, Int32Chunked)>,
}

impl Walk {
    /// The rows of `df`, as `framing` framed them.
    ///
    /// # Errors
    /// When `df` was framed otherwise, which would be a bug.
    pub(crate) fn new(df: &DataFrame, framing: &Framing) -> PolarsResult<Self> {
        let u32s = |name: &str| df.column(name).and_then(|c| c.u32().cloned());
        let mut fields = Vec::with_capacity(framing.fields.len());
        for &field in framing.fields {
            let n = name(field);
            let num = if numeric(field) {
                let days = df.column(&format!("{n}_days"))?.i32()?.clone();
                Some((df.column(&format!("{n}_num"))?.f64()?.clone(), days))
            } else {
                None
            };
            let text = df.column(n)?.str()?.clone();
            let col = u32s(&format!("{n}_col"))?;
            fields.push((field, Columns { text, col, num }));
        }
        Ok(Self {
            rows: u32s("row")?,
            error_col: u32s("error_col")?,
            error_value: df.column("error_value")?.str()?.clone(),
            fields,
        })
    }

    /// How many rows there are.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Every row, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = WalkRow<'_>> {
        (0..self.len()).map(|i| WalkRow { walk: self, i })
    }
}

/// One row of a [`Walk`].
#[derive(Clone, Copy)]
pub(crate) struct WalkRow<'a> {
    walk: &'a Walk,
    i: usize,
}

impl<'a> WalkRow<'a> {
    /// The 1-based sheet row.
    pub(crate) fn row(&self) -> u32 {
        self.walk.rows.get(self.i).unwrap_or(1)
    }

    fn columns(&self, field: Field) -> Option<&'a Columns> {
        let found = self.walk.fields.iter().find(|(f, _)| *f == field);
        found.map(|(_, c)| c)
    }

    /// The cleaned text of `field`; `None` where it is blank or the table has no such
    /// column. A number is its text; a date in a field of dates is in [`WalkRow::cell`].
    pub(crate) fn text(&self, field: Field) -> Option<&'a str> {
        self.columns(field)?.text.get(self.i)
    }

    /// The 0-based column of `field`, where the table has one.
    pub(crate) fn col(&self, field: Field) -> Option<u32> {
        self.columns(field)?.col.get(self.i)
    }

    /// The cell of `field` with its column, as the frame keeps it: a number or a date
    /// where the field holds those, an error value such as `#REF!`, else the cleaned
    /// text (empty where blank). `None` where the table has no such column.
    pub(crate) fn cell(&self, field: Field) -> Option<(u32, Cell)> {
        let columns = self.columns(field)?;
        let col = columns.col.get(self.i)?;
        let number = columns.num.as_ref().and_then(|(num, days)| {
            let day = || {
                let days = chrono::TimeDelta::days(days.get(self.i)?.into());
                NaiveDate::default().checked_add_signed(days)
            };
            let date = || day().map(|d| Cell::Date(d.and_time(chrono::NaiveTime::MIN)));
            num.get(self.i).map(Cell::Number).or_else(date)
        });
        let error = (self.walk.error_col.get(self.i) == Some(col))
            .then(|| self.walk.error_value.get(self.i))
            .flatten()
            .map(|e| {
                if e.starts_with('=') {
                    Cell::Formula(e.into())
                } else {
                    Cell::Error(e.into())
                }
            });
        let text = || columns.text.get(self.i).map(|t| Cell::Text(t.into()));
        Some((col, number.or(error).or_else(text).unwrap_or(Cell::Empty)))
    }
}

/// A row of a [`Walk`] with the file and sheet it is in: what a reader of catalogues or
/// contact forms needs to place the problems it finds in the row.
#[derive(Clone, Copy)]
pub(crate) struct PlacedRow<'a> {
    /// The row.
    pub(crate) record: WalkRow<'a>,
    /// The workspace-relative path of its file.
    pub(crate) file: &'a str,
    /// Its sheet.
    pub(crate) sheet: &'a str,
}

impl PlacedRow<'_> {
    /// The cleaned text in `field` (empty where blank) and its column, where the table
    /// has one.
    pub(crate) fn text(&self, field: Field) -> (String, Option<u32>) {
        let text = self.record.text(field).unwrap_or_default();
        (text.to_string(), self.record.col(field))
    }

    /// A problem at the cell in column `col` of the row, or at the row without one.
    pub(crate) fn here(&self, code: Code, col: Option<u32>, args: &[&str]) -> Problem {
        let place = Place {
            row: self.record.row(),
            col,
        };
        Problem::new(code, self.file, args).at(self.sheet, place)
    }
}

/// A text column as owned values, for the few reference rows handled in Rust.
///
/// # Errors
/// When the column is missing or not text.
pub(crate) fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cleaned_as_names_only_in_the_fields_that_hold_names() {
        let text = |s: &str| Cell::Text(s.into());
        let records = [Record {
            row: 1,
            cells: vec![
                (Field::Unit, 0, text(" 鄉(xiāng)鎮 政府 ")),
                (Field::Title, 1, text(" 关于  春耕的通知 ")),
            ],
        }];
        let framing = Framing {
            fields: &[Field::Unit, Field::Title],
            names: &[Field::Unit],
            across: None,
        };
        let df = framing.rows(&records).unwrap();
        let text = |name| df.column(name).unwrap().str().unwrap().get(0);
        assert_eq!(text("unit"), Some("鄉鎮政府"));
        assert_eq!(text("title"), Some("关于 春耕的通知"));
    }

    #[test]
    fn a_walk_reads_each_row_s_cleaned_texts_and_columns_by_field() {
        let text = |s: &str| Cell::Text(s.into());
        let records = [
            Record {
                row: 4,
                cells: vec![
                    (Field::Unit, 0, text(" 民政局 ")),
                    (Field::Title, 2, Cell::Empty),
                ],
            },
            Record {
                row: 6,
                cells: vec![(Field::Unit, 0, Cell::Number(12.0))],
            },
        ];
        let framing = Framing {
            fields: &[Field::Unit, Field::Title],
            names: &[Field::Unit],
            across: None,
        };
        let walk = Walk::new(&framing.rows(&records).unwrap(), &framing).unwrap();
        let rows: Vec<_> = walk
            .iter()
            .map(|r| (r.row(), r.text(Field::Unit), r.col(Field::Title)))
            .collect();
        assert_eq!(rows, [(5, Some("民政局"), Some(2)), (7, Some("12"), None)]);
        assert_eq!(walk.iter().next().unwrap().text(Field::Title), None);
    }

    #[test]
    fn a_record_spread_across_columns_is_one_row_per_cell_and_a_walk_rebuilds_cells() {
        let records = [Record {
            row: 2,
            cells: vec![
                (Field::Unit, 1, Cell::Text("民政局".into())),
                (Field::Score, 2, Cell::Number(20.0)),
                (Field::Score, 3, Cell::Error("#REF!".into())),
            ],
        }];
        let framing = Framing {
            fields: &[Field::Unit, Field::Score],
            names: &[Field::Unit],
            across: Some(Field::Score),
        };
        let walk = Walk::new(&framing.rows(&records).unwrap(), &framing).unwrap();
        let rows: Vec<_> = walk
            .iter()
            .map(|r| (r.row(), r.text(Field::Unit), r.cell(Field::Score)))
            .collect();
        assert_eq!(
            rows,
            [
                (3, Some("民政局"), Some((2, Cell::Number(20.0)))),
                (3, Some("民政局"), Some((3, Cell::Error("#REF!".into())))),
            ]
        );
    }

    #[test]
    fn a_date_cell_is_days_in_a_date_field_and_text_elsewhere() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let cell = Cell::Date(day.and_time(chrono::NaiveTime::MIN));
        let records = [Record {
            row: 4,
            cells: vec![(Field::Title, 1, cell.clone()), (Field::Date, 2, cell)],
        }];
        let framing = Framing {
            fields: &[Field::Title, Field::Date],
            names: &[],
            across: None,
        };
        let df = framing.rows(&records).unwrap();
        let text = |name| df.column(name).unwrap().str().unwrap().get(0);
        assert_eq!(text("title"), Some("2026-03-02"));
        assert_eq!(text("date"), None);
        let days = df.column("date_days").unwrap().i32().unwrap().get(0);
        assert_eq!(days, Some((day - NaiveDate::default()).num_days() as i32));
        assert_eq!(
            df.column("date_col").unwrap().u32().unwrap().get(0),
            Some(2)
        );
    }
}
