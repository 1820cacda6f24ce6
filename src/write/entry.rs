//! Cells left for people to fill in, as submission templates have them: blank
//! bordered rows whose cells are formatted for what they will hold (a typed title
//! stays text, a typed date becomes a date), and data validation — a dropdown whose
//! options sit on another sheet or are a few fixed words, or dates only — with Chinese
//! prompts.

use chrono::NaiveDate;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule, Formula};
use rust_xlsxwriter::{XlsxError, utility::worksheet_range_absolute};

use super::Sheet;
use super::WriteError;
use super::styles::Kind;
use super::value::excel_date;

/// What a column of blank cells will hold once filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Text, kept as typed (a leading `=` does not make a formula).
    Text,
    /// A whole number such as a 序号.
    Number,
    /// A date, shown as `yyyy-mm-dd`.
    Date,
}

impl Entry {
    fn kind(self) -> Kind {
        match self {
            Entry::Text => Kind::Text,
            Entry::Number => Kind::Int,
            Entry::Date => Kind::Date,
        }
    }
}

/// What may be typed into a range of cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Check<'a> {
    /// One of the values in column `col`, rows `rows.0..=rows.1` (0-based), of the sheet
    /// named `sheet` in the same workbook, offered as a dropdown.
    List {
        sheet: &'a str,
        col: u16,
        rows: (u32, u32),
    },
    /// A date from `from` to `to`, both included.
    Date { from: NaiveDate, to: NaiveDate },
    /// One of a few fixed values, offered as a dropdown.
    Choices(&'a [&'a str]),
    /// A number from `from` to `to`, both included.
    Decimal { from: f64, to: f64 },
    /// A whole number from `from` to `to`, both included.
    Whole { from: i32, to: i32 },
}

/// A check with what it tells the person filling in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Validation<'a> {
    pub check: Check<'a>,
    /// Shown when the cell is selected (at most 255 characters).
    pub prompt: &'a str,
    /// Shown when a value fails the check (at most 255 characters).
    pub error: &'a str,
    /// Refuse a failing value; otherwise warn and let the person keep it.
    pub strict: bool,
}

/// Excel's limit on a validation's title.
const TITLE: &str = "填写提示";
const ERROR_TITLE: &str = "填写有误";

impl Sheet<'_> {
    /// Leaves `rows` blank bordered rows from the next row on, column `c` formatted for
    /// `entries[c]`; returns the first and last of them (0-based).
    ///
    /// # Errors
    /// [`WriteError`] when the rows would pass Excel's last row.
    pub(crate) fn blank_rows(
        &mut self,
        rows: u32,
        entries: &[Entry],
    ) -> Result<(u32, u32), WriteError> {
        let first = self.next_row();
        let last = first + rows.max(1) - 1;
        for row in first..=last {
            for (col, entry) in (0u16..).zip(entries) {
                self.blank(row, col, entry.kind())?;
            }
        }
        Ok((first, last))
    }

    /// Applies `validation` to column `col`, rows `rows.0..=rows.1` (0-based).
    ///
    /// # Errors
    /// [`WriteError`] when the range is past Excel's limits, a date is outside
    /// Excel's calendar, or a text is longer than Excel allows.
    pub(crate) fn validate(
        &mut self,
        rows: (u32, u32),
        col: u16,
        validation: &Validation<'_>,
    ) -> Result<(), WriteError> {
        let built = build(validation);
        self.with_ws(|ws| {
            ws.add_data_validation(rows.0, col, rows.1, col, &built?)
                .map(drop)
        })
    }
}

fn build(v: &Validation<'_>) -> Result<DataValidation, XlsxError> {
    let rule = match &v.check {
        Check::List { sheet, col, rows } => {
            let range = worksheet_range_absolute(sheet, rows.0, *col, rows.1, *col);
            DataValidation::new().allow_list_formula(Formula::new(format!("={range}")))
        }
        Check::Date { from, to } => {
            let bad =
                || XlsxError::ParameterError(format!("日期 {from} 至 {to} 超出 Excel 的日期范围"));
            let (from, to) = (
                excel_date(*from).ok_or_else(bad)?,
                excel_date(*to).ok_or_else(bad)?,
            );
            DataValidation::new().allow_date(DataValidationRule::Between(from, to))
        }
        Check::Choices(values) => DataValidation::new().allow_list_strings(values)?,
        Check::Decimal { from, to } => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(*from, *to))
        }
        Check::Whole { from, to } => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(*from, *to))
        }
    };
    let style = if v.strict {
        DataValidationErrorStyle::Stop
    } else {
        DataValidationErrorStyle::Warning
    };
    rule.set_input_title(TITLE)?
        .set_input_message(v.prompt)?
        .set_error_title(ERROR_TITLE)?
        .set_error_message(v.error)
        .map(|d| d.set_error_style(style))
}
