//! The raw frame: every record of every table as one polars row, with its provenance.
//!
//! [`rows`] moves a table's typed cells into columns. For each requested field `f` there
//! are `f` (text), `f_col` (0-based column) and, for fields that hold numbers or dates,
//! `f_num` and `f_days` (a date cell of such a field is in `f_days` only).

use std::borrow::Cow;

use chrono::NaiveDate;
use polars::prelude::*;

use crate::layout::{Field, Record, Table};
use crate::read::{Cell, undecodable_at};

/// How a text of a field goes into its column; `None` for null.
pub type Text = for<'a> fn(Field, &'a str) -> Option<Cow<'a, str>>;

/// A table to normalise, with where it came from.
pub struct SourceTable<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub table: &'a Table,
    /// Whether bare numbers in date columns count from 1904.
    pub date1904: bool,
}

/// The column name of a field.
pub fn name(field: Field) -> &'static str {
    match field {
        Field::Seq => "seq",
        Field::Title => "title",
        Field::Date => "date",
        Field::Section => "section",
        Field::Unit => "unit",
        Field::Link => "link",
        Field::Count => "count",
        Field::Month => "month",
        Field::Alias => "alias",
        Field::Category => "category",
        Field::Level1 => "level1",
        Field::Level2 => "level2",
        Field::Level3 => "level3",
        Field::Content => "content",
        Field::Responsible => "responsible",
        Field::Frequency => "frequency",
    }
}

fn numeric(field: Field) -> bool {
    matches!(field, Field::Date | Field::Count | Field::Month)
}

struct FieldColumns {
    text: StringChunkedBuilder,
    col: Vec<Option<u32>>,
    num: Vec<Option<f64>>,
    days: Vec<Option<i32>>,
}

impl FieldColumns {
    fn new(name: &str, rows: usize) -> Self {
        Self {
            text: StringChunkedBuilder::new(name.into(), rows),
            col: Vec::with_capacity(rows),
            num: Vec::with_capacity(rows),
            days: Vec::with_capacity(rows),
        }
    }

    fn push(&mut self, field: Field, found: Option<(u32, &Cell)>, text: Text) {
        let (col, cell) = match found {
            Some((c, cell)) => (Some(c), cell),
            None => (None, &Cell::Empty),
        };
        self.col.push(col);
        let shown;
        let raw = match cell {
            Cell::Empty | Cell::Error(_) => None,
            // Its `_days` column holds it: as text it would only be parsed again.
            Cell::Date(_) if numeric(field) => None,
            Cell::Text(s) => (!s.chars().all(char::is_whitespace)).then_some(&**s),
            other => {
                shown = other.text();
                Some(shown.as_str())
            }
        };
        self.text.append_option(raw.and_then(|s| text(field, s)));
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

/// Builds the raw frame of `fields` over every record of `tables`: each table's [`rows`]
/// stacked, with `src` the index of the table.
///
/// # Errors
/// Only polars' own errors in assembling columns of equal length, which would be a bug.
pub fn build(tables: &[SourceTable], fields: &[Field]) -> PolarsResult<DataFrame> {
    let frames = tables
        .iter()
        .map(|t| rows(&t.table.records, fields))
        .collect::<PolarsResult<Vec<_>>>()?;
    stack(frames, fields)
}

/// The rows of one table: besides the field columns, `row` (1-based sheet row),
/// `error_col`/`error_value` (the first error cell such as `#REF!` in a mapped field) and
/// `bad_col` (the first cell that holds U+FFFD, text that could not be decoded).
///
/// The run calls it in the reading workers, file by file, so that the records can be
/// dropped as soon as they are framed.
///
/// # Errors
/// Only polars' own errors in assembling columns of equal length, which would be a bug.
pub fn rows(records: &[Record], fields: &[Field]) -> PolarsResult<DataFrame> {
    rows_with(records, fields, |_, text| Some(Cow::Borrowed(text)))
}

/// [`rows`], with each text of a field as `text` gives it (`None` for null).
///
/// # Errors
/// Only polars' own errors in assembling columns of equal length, which would be a bug.
pub fn rows_with(records: &[Record], fields: &[Field], text: Text) -> PolarsResult<DataFrame> {
    let n = records.len();
    let mut per_field: Vec<FieldColumns> = fields
        .iter()
        .map(|f| FieldColumns::new(name(*f), n))
        .collect();
    let mut row = Vec::with_capacity(n);
    let (mut error_col, mut error_value, mut bad_col) = (Vec::new(), Vec::new(), Vec::new());
    for record in records {
        row.push(record.row + 1);
        for (field, columns) in fields.iter().zip(per_field.iter_mut()) {
            columns.push(*field, record.get(*field), text);
        }
        let error = record.cells.iter().find_map(|(_, c, cell)| match cell {
            Cell::Error(e) => Some((*c, e.to_string())),
            _ => None,
        });
        error_col.push(error.as_ref().map(|e| e.0));
        error_value.push(error.map(|e| e.1));
        bad_col.push(record.cells.iter().find_map(|(_, c, cell)| match cell {
            Cell::Text(s) if undecodable_at(s).is_some() => Some(*c),
            _ => None,
        }));
    }
    let mut columns = vec![
        Column::new("row".into(), row),
        Column::new("error_col".into(), error_col),
        Column::new("error_value".into(), error_value),
        Column::new("bad_col".into(), bad_col),
    ];
    for (field, c) in fields.iter().zip(per_field) {
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

/// Stacks the [`rows`] of `fields` of each table into one frame in one chunk, with `src`
/// first: the index of the table in `frames`.
///
/// # Errors
/// When the frames do not have the columns of `fields`, which would be a bug.
pub fn stack(frames: Vec<DataFrame>, fields: &[Field]) -> PolarsResult<DataFrame> {
    let mut all = rows(&[], fields)?;
    all.insert_column(0, Column::new("src".into(), Vec::<u32>::new()))?;
    for (i, mut df) in frames.into_iter().enumerate() {
        let src = Scalar::new(DataType::UInt32, AnyValue::UInt32(i as u32));
        df.insert_column(0, Column::new_scalar("src".into(), src, df.height()))?;
        all.vstack_mut_owned(df)?;
    }
    all.rechunk_mut_par();
    Ok(all)
}

/// A text column as owned values, for the few reference rows handled in Rust.
///
/// # Errors
/// When the column is missing or not text.
pub fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
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
    fn a_date_cell_is_days_in_a_date_field_and_text_elsewhere() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let cell = Cell::Date(day.and_time(chrono::NaiveTime::MIN));
        let records = [Record {
            row: 4,
            cells: vec![(Field::Title, 1, cell.clone()), (Field::Date, 2, cell)],
        }];
        let df = rows(&records, &[Field::Title, Field::Date]).unwrap();
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
