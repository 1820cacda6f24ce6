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
use crate::layout::{Field, Record, Table};
use crate::read::{Cell, undecodable_at};

/// What the tables of one kind of file are framed as: the fields taken, and those of
/// them that hold names (units, sections), cleaned as names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Framing {
    /// The fields taken, in column order.
    pub fields: &'static [Field],
    /// The fields whose texts are names: inline pinyin and every space dropped.
    pub names: &'static [Field],
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
            Cell::Empty | Cell::Error(_) => None,
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
    /// `error_col`/`error_value` (the first error cell such as `#REF!` in a mapped field)
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
            row.push(record.row + 1);
            for (field, columns) in self.fields.iter().zip(per_field.iter_mut()) {
                columns.push(*field, record.get(*field));
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
        };
        let df = framing.rows(&records).unwrap();
        let text = |name| df.column(name).unwrap().str().unwrap().get(0);
        assert_eq!(text("unit"), Some("鄉鎮政府"));
        assert_eq!(text("title"), Some("关于 春耕的通知"));
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
