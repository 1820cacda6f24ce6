//! The tables that cross stages after normalisation — counted items, counted count rows,
//! the 责任矩阵 — each a polars frame behind a newtype whose columns are declared once
//! here. The schema is checked when a table is built; after that its columns are typed
//! arrays (shared with the frame, never copied) and a row is a borrowed view, so a renamed
//! column is a compile error rather than a failed run.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta};
use polars::prelude::*;

use crate::error::Internal;

/// A column type of a schema table: its polars type, the array holding it and a value
/// read from that array.
pub(crate) trait Kind {
    /// The typed array of the column, sharing the frame's buffers.
    type Array: Clone;
    /// One value, borrowed from the array where it is text.
    type Value<'a>;
    /// The polars type the column must have.
    fn dtype() -> DataType;
    /// The column as its typed array.
    ///
    /// # Errors
    /// When the column has another type.
    fn array(column: &Column) -> PolarsResult<Self::Array>;
    /// The value at `i`, `None` for null.
    fn get(array: &Self::Array, i: usize) -> Option<Self::Value<'_>>;
}

/// A text column.
pub(crate) struct Text;
/// A `u32` column (rows, columns of a sheet).
pub(crate) struct U32;
/// An `i32` column (months as `yyyymm`).
pub(crate) struct I32;
/// An `i64` column (counts).
pub(crate) struct I64;
/// A date column.
pub(crate) struct Day;

impl Kind for Text {
    type Array = StringChunked;
    type Value<'a> = &'a str;
    fn dtype() -> DataType {
        DataType::String
    }
    fn array(column: &Column) -> PolarsResult<Self::Array> {
        column.str().cloned()
    }
    fn get(array: &Self::Array, i: usize) -> Option<&str> {
        array.get(i)
    }
}

/// A [`Kind`] of numbers: the array type, the value type and how a column gives it.
macro_rules! number {
    ($kind:ident, $array:ty, $value:ty, $dtype:ident, $get:ident) => {
        impl Kind for $kind {
            type Array = $array;
            type Value<'a> = $value;
            fn dtype() -> DataType {
                DataType::$dtype
            }
            fn array(column: &Column) -> PolarsResult<Self::Array> {
                column.$get().cloned()
            }
            fn get(array: &Self::Array, i: usize) -> Option<$value> {
                array.get(i)
            }
        }
    };
}

number!(U32, UInt32Chunked, u32, UInt32, u32);
number!(I32, Int32Chunked, i32, Int32, i32);
number!(I64, Int64Chunked, i64, Int64, i64);

impl Kind for Day {
    type Array = DateChunked;
    type Value<'a> = NaiveDate;
    fn dtype() -> DataType {
        DataType::Date
    }
    fn array(column: &Column) -> PolarsResult<Self::Array> {
        column.date().cloned()
    }
    fn get(array: &Self::Array, i: usize) -> Option<NaiveDate> {
        let days = array.phys.get(i)?;
        NaiveDate::default().checked_add_signed(TimeDelta::days(i64::from(days)))
    }
}

/// The column `name` of `frame` as a `K` array, or why it cannot be.
fn array<K: Kind>(
    table: &'static str,
    frame: &DataFrame,
    name: &str,
) -> Result<K::Array, Internal> {
    let column = frame.column(name).map_err(|_| Internal::Schema {
        table,
        column: name.to_string(),
        found: "缺少此列".into(),
    })?;
    if column.dtype() != &K::dtype() {
        return Err(Internal::Schema {
            table,
            column: name.to_string(),
            found: format!("类型为 {}，应为 {}", column.dtype(), K::dtype()),
        });
    }
    Ok(K::array(column)?)
}

/// Declares a table: the newtype over its frame, its column names as constants, typed
/// accessors and a borrowed row view.
macro_rules! table {
    (
        $(#[$doc:meta])*
        $table:ident, $row:ident, $label:literal {
            $( $(#[$field_doc:meta])* $field:ident: $kind:ident = $name:ident, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub(crate) struct $table {
            frame: DataFrame,
            $( $field: <$kind as Kind>::Array, )*
        }

        /// One row of the table, borrowed; `None` where the cell is null.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub(crate) struct $row<'a> {
            $( $(#[$field_doc])* pub(crate) $field: Option<<$kind as Kind>::Value<'a>>, )*
        }

        impl std::fmt::Debug for $table {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.frame.fmt(f)
            }
        }

        // Generated for every column: not every table reads every one of them.
        #[allow(dead_code)]
        impl $table {
            $(
                #[doc = concat!("The name of the column `", stringify!($field), "`.")]
                pub(crate) const $name: &'static str = stringify!($field);
            )*

            /// Every column, in order.
            pub(crate) const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The table over the columns of `frame` it declares (other columns are left
            /// out; none is copied).
            ///
            /// # Errors
            /// [`Internal::Schema`] when a column is missing or has another type.
            pub(crate) fn new(frame: DataFrame) -> Result<Self, Internal> {
                let frame = frame.select(Self::COLUMNS.iter().copied()).map_err(|_| {
                    let missing = Self::COLUMNS
                        .iter()
                        .find(|c| frame.column(c).is_err())
                        .copied()
                        .unwrap_or_default();
                    Internal::Schema {
                        table: $label,
                        column: missing.to_string(),
                        found: "缺少此列".into(),
                    }
                })?;
                Ok(Self {
                    $( $field: array::<$kind>($label, &frame, Self::$name)?, )*
                    frame,
                })
            }

            /// The frame, for polars queries that name its columns by the constants above.
            pub(crate) fn lazy(&self) -> LazyFrame {
                self.frame.clone().lazy()
            }

            /// The number of rows.
            pub(crate) fn height(&self) -> usize {
                self.frame.height()
            }

            $(
                $(#[$field_doc])*
                pub(crate) fn $field(&self) -> &<$kind as Kind>::Array {
                    &self.$field
                }
            )*

            /// Row `i`; every value `None` past the last row.
            pub(crate) fn get(&self, i: usize) -> $row<'_> {
                $row { $( $field: <$kind as Kind>::get(&self.$field, i), )* }
            }

            /// Every row, in order.
            pub(crate) fn rows(&self) -> impl Iterator<Item = $row<'_>> + '_ {
                (0..self.height()).map(|i| self.get(i))
            }

            /// The table over `frame`, its missing columns null: for tests that build only
            /// the columns they are about.
            #[cfg(test)]
            pub(crate) fn padded(mut frame: DataFrame) -> Result<Self, Internal> {
                let height = frame.height();
                for (name, dtype) in [$( (Self::$name, <$kind as Kind>::dtype()) ),*] {
                    if frame.column(name).is_err() {
                        frame.with_column(Column::full_null(name.into(), height, &dtype))?;
                    }
                }
                let casts: Vec<Expr> = [$( (Self::$name, <$kind as Kind>::dtype()) ),*]
                    .into_iter()
                    .map(|(name, dtype)| col(name).cast(dtype))
                    .collect();
                Self::new(frame.lazy().with_columns(casts).collect()?)
            }
        }
    };
}

table! {
    /// Counted items, one per distinct item, in file order: what 明细 lists and every
    /// figure counts.
    Items, ItemRow, "明细" {
        /// The canonical unit.
        unit: Text = UNIT,
        title: Text = TITLE,
        date: Day = DATE,
        /// The day the information arose (成文/生成/发生日期), where the row gives one.
        arose: Day = AROSE,
        /// The 栏目 cell as written (cleaned), null when the row had none.
        section: Text = SECTION,
        /// The 0-based sheet column of the 栏目 cell.
        section_col: U32 = SECTION_COL,
        link: Text = LINK,
        /// The workspace-relative source file, with `/`.
        file: Text = FILE,
        sheet: Text = SHEET,
        /// The 1-based sheet row.
        row: U32 = ROW,
    }
}

table! {
    /// Counted count rows (统计数): those of a unit and month that sent no item list.
    Counts, CountRow, "统计数" {
        /// The canonical unit.
        unit: Text = UNIT,
        /// The month as `yyyymm`.
        month: I32 = MONTH,
        section: Text = SECTION,
        count: I64 = COUNT,
        /// The workspace-relative source file, with `/`.
        file: Text = FILE,
        sheet: Text = SHEET,
        /// The 1-based sheet row.
        row: U32 = ROW,
    }
}

/// The 责任矩阵: one row per unit, one count column per section (named by the section's
/// label) of the unit's items there in the period. Held sparse: most units file in few
/// sections, and a province's units table against every section would be a dense table
/// of tens of millions of zeros.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matrix {
    units: Vec<String>,
    labels: Vec<String>,
    /// The counts that are not zero, by (row, section).
    counts: HashMap<(u32, u32), u32>,
}

impl Matrix {
    /// The name of the unit column, first; every other column is a section.
    pub(crate) const UNIT: &'static str = "unit";

    /// The matrix of `units` (its rows) by sections labelled `labels`, with `counts` by
    /// (row, section); counts past its rows or sections are left out.
    pub(crate) fn new(
        units: Vec<String>,
        labels: Vec<String>,
        counts: impl IntoIterator<Item = ((usize, usize), u32)>,
    ) -> Self {
        let counts = (counts.into_iter())
            .filter(|&((row, section), n)| row < units.len() && section < labels.len() && n > 0)
            .map(|((row, section), n)| ((row as u32, section as u32), n))
            .collect();
        Self {
            units,
            labels,
            counts,
        }
    }

    /// The units, one per row.
    pub(crate) fn units(&self) -> &[String] {
        &self.units
    }

    /// Each section's label, one per column after the unit.
    pub(crate) fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The count of the unit in `row` in `section`.
    pub(crate) fn count(&self, row: usize, section: usize) -> u32 {
        let key = (row as u32, section as u32);
        self.counts.get(&key).copied().unwrap_or(0)
    }

    /// The number of rows (units).
    pub(crate) fn height(&self) -> usize {
        self.units.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_keeps_its_own_columns_typed_and_refuses_a_wrong_type() {
        let day = NaiveDate::from_ymd_opt(2018, 4, 9).unwrap();
        let frame = df!(
            "extra" => [1i32],
            "unit" => ["民政局"],
            "date" => [day],
            "row" => [3u32],
        )
        .unwrap();
        let items = Items::padded(frame).unwrap();
        assert_eq!(items.frame.get_column_names(), Items::COLUMNS);
        let row = items.get(0);
        assert_eq!(
            (row.unit, row.date, row.row, row.title),
            (Some("民政局"), Some(day), Some(3), None)
        );
        assert_eq!(items.rows().count(), 1);

        let counts = Counts::padded(df!("month" => [201804i32]).unwrap()).unwrap();
        let text_month = counts
            .lazy()
            .with_column(col(Counts::MONTH).cast(DataType::String))
            .collect()
            .unwrap();
        let e = Counts::new(text_month).unwrap_err().to_string();
        assert!(e.contains("统计数") && e.contains("month"), "{e}");
    }

    #[test]
    fn a_matrix_is_units_then_sections_zero_where_nothing_was_filed() {
        let units = vec!["民政局".to_string(), "财政局".to_string()];
        let labels = vec!["通知公告".to_string()];
        let m = Matrix::new(
            units,
            labels,
            [((0, 0), 1), ((1, 0), 0), ((2, 0), 5), ((0, 1), 7)],
        );
        assert_eq!(m.labels(), ["通知公告"]);
        assert_eq!((m.height(), m.units()[1].as_str()), (2, "财政局"));
        assert_eq!((m.count(0, 0), m.count(1, 0)), (1, 0));
        // Past its rows or sections: left out.
        assert_eq!(m.counts.len(), 1);
    }
}
