//! One cell's value: typed (text, counts, scores, percentages, dates) and written in its
//! named format. There is no way to write a formula: text is always stored as a string,
//! so a submitted title such as `=HYPERLINK(…)` or `-5%` comes back as the same text.
//! Text longer than Excel's cell limit is cut with a visible mark. A value also says how
//! wide it prints, in ems of its font size, and how narrow it may wrap.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::measure::{ems, unbroken_ems};
use super::names::{cut_utf16, utf16_len};
use super::styles::Kind;

/// Excel's limit on the text of one cell, in UTF-16 code units.
pub(crate) const MAX_TEXT: usize = 32_767;
/// Appended to a text cut to [`MAX_TEXT`].
pub(crate) const TRUNCATION_MARK: &str = "…（内容超过 Excel 单元格上限，已截断）";
/// A Latin digit in ems, as `measure` counts it.
const DIGIT_EM: f64 = 0.56;

/// One cell's value. Text is always written as text, never as a formula.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// Text, written as a string.
    Text(Cow<'a, str>),
    /// A count, shown without decimals.
    Int(i64),
    /// A 序号, centred in its column on every sheet as on an annex.
    Seq(i64),
    /// A number of items, shown as `12360条` (seed 001's 合计).
    Items(i64),
    /// A score, shown with two decimals (`25.20`).
    Score(f64),
    /// A ratio shown as a percentage with one decimal (`0.874` → `87.4%`).
    Percent(f64),
    /// Shown as `yyyy-mm-dd`.
    Date(NaiveDate),
    /// A blank cell that still carries the borders of its row.
    Empty,
}

/// `share` in tenths of a percent, rounded half up on its decimal value (0.5125 is
/// 512.5, not the 512.4999… of its binary value, so 513).
pub(crate) fn percent_tenths(share: f64) -> f64 {
    ((share * 1000.0 * 1e6).round() / 1e6).round()
}

impl<'a> Value<'a> {
    /// A ratio shown as `87.4%`, kept as it shows: rounded half up to a tenth of a
    /// percent, so that 82 of 160 (51.25 %) reads 51.3 % in every program (LibreOffice
    /// showed the binary 0.51249999… as 51.2 %, Excel 51.3 %) and in the 通报.
    pub(crate) fn percent(ratio: f64) -> Self {
        Value::Percent(percent_tenths(ratio) / 1000.0)
    }

    /// A score shown as `25.20`.
    pub(crate) fn score(score: f64) -> Self {
        Value::Score(score)
    }

    /// The 序号 `n`.
    pub(crate) fn seq(n: usize) -> Self {
        Value::Seq(i64::try_from(n).unwrap_or(i64::MAX))
    }

    pub(crate) fn kind(&self) -> Kind {
        match self {
            Value::Text(_) | Value::Empty => Kind::Text,
            Value::Int(_) => Kind::Int,
            Value::Seq(_) => Kind::Seq,
            Value::Items(_) => Kind::Items,
            Value::Score(_) => Kind::Score,
            Value::Percent(_) => Kind::Percent,
            Value::Date(_) => Kind::Date,
        }
    }

    /// The same value owning its text.
    pub(crate) fn into_owned(self) -> Value<'static> {
        match self {
            Value::Text(s) => Value::Text(Cow::Owned(s.into_owned())),
            Value::Int(n) => Value::Int(n),
            Value::Seq(n) => Value::Seq(n),
            Value::Items(n) => Value::Items(n),
            Value::Score(x) => Value::Score(x),
            Value::Percent(x) => Value::Percent(x),
            Value::Date(d) => Value::Date(d),
            Value::Empty => Value::Empty,
        }
    }

    /// The text, for a text value.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// How wide the value prints on one line, in ems; `None` for an empty cell.
    pub(crate) fn ems(&self) -> Option<f64> {
        let digits = |n: i64| {
            let digits = n.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
            f64::from(digits + u32::from(n < 0)) * DIGIT_EM
        };
        Some(match self {
            Value::Text(s) => ems(s),
            Value::Int(n) | Value::Seq(n) => digits(*n),
            Value::Items(n) => digits(*n) + 1.0,
            Value::Score(x) => format!("{x:.2}").len() as f64 * DIGIT_EM,
            Value::Percent(x) => format!("{:.1}%", x * 100.0).len() as f64 * DIGIT_EM,
            // As its format shows it, yyyy-mm-dd.
            Value::Date(_) => 10.0 * DIGIT_EM,
            Value::Empty => return None,
        })
    }

    /// The widest part of the value that cannot wrap, in ems: a number whole, of a
    /// text its longest number, date or word.
    pub(crate) fn unbroken_ems(&self) -> Option<f64> {
        match self {
            Value::Text(s) => Some(unbroken_ems(s)),
            other => other.ems(),
        }
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Text(Cow::Owned(s))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Empty, Into::into)
    }
}

/// What a value is stored as in its cell.
#[derive(Debug, PartialEq)]
pub(super) enum Cell<'v> {
    Text(Cow<'v, str>),
    Number(f64),
    /// An empty cell that keeps its format (and with it, its borders).
    Blank,
    /// No cell at all: an empty value with the default format.
    None,
}

impl Value<'_> {
    /// What the value is stored as when its format is `formatted` or the default;
    /// with the original length in characters of a text that had to be cut.
    pub(super) fn cell(&self, formatted: bool) -> (Cell<'_>, Option<usize>) {
        let number = |x: f64| {
            // NaN and infinity cannot be stored; a dash is visibly not a number.
            if x.is_finite() {
                Cell::Number(x)
            } else {
                Cell::Text(Cow::Borrowed("—"))
            }
        };
        let cell = match self {
            Value::Text(s) => {
                let (s, cut) = fit_text(s);
                return (Cell::Text(s), cut);
            }
            Value::Int(n) | Value::Seq(n) | Value::Items(n) => number(*n as f64),
            Value::Score(x) | Value::Percent(x) => number(*x),
            Value::Date(d) => match excel_date(*d) {
                Some(date) if formatted => Cell::Number(date.to_excel()),
                // Outside Excel's calendar (before 1900), or with no date format to show
                // it: keep the date as text.
                _ => Cell::Text(Cow::Owned(d.to_string())),
            },
            Value::Empty if formatted => Cell::Blank,
            Value::Empty => Cell::None,
        };
        (cell, None)
    }
}

/// Writes one value, with `format` or else the workbook default; returns the original
/// length in characters of a text that had to be cut.
pub(crate) fn put_value(
    worksheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value<'_>,
    format: Option<&Format>,
) -> Result<Option<usize>, XlsxError> {
    let (cell, cut) = value.cell(format.is_some());
    match (cell, format) {
        (Cell::Text(s), Some(f)) => worksheet.write_string_with_format(row, col, s, f),
        (Cell::Text(s), None) => worksheet.write_string(row, col, s),
        (Cell::Number(x), Some(f)) => worksheet.write_number_with_format(row, col, x, f),
        (Cell::Number(x), None) => worksheet.write_number(row, col, x),
        (Cell::Blank, Some(f)) => worksheet.write_blank(row, col, f),
        (Cell::Blank | Cell::None, _) => return Ok(cut),
    }?;
    Ok(cut)
}

/// The length of `text` in characters when it is too long for an Excel cell: a
/// workbook cuts it to [`MAX_TEXT`].
pub(crate) fn too_long(text: &str) -> Option<usize> {
    // A character takes at least as many UTF-8 bytes as UTF-16 units: short texts
    // (nearly all) need no counting.
    let long = text.len() > MAX_TEXT && utf16_len(text) > MAX_TEXT;
    long.then(|| text.chars().count())
}

/// `text` cut to Excel's cell limit with [`TRUNCATION_MARK`], and the original
/// length in characters when it was cut.
pub(crate) fn fit_text(text: &str) -> (Cow<'_, str>, Option<usize>) {
    let Some(chars) = too_long(text) else {
        return (Cow::Borrowed(text), None);
    };
    let keep = cut_utf16(text, MAX_TEXT - utf16_len(TRUNCATION_MARK));
    (Cow::Owned(format!("{keep}{TRUNCATION_MARK}")), Some(chars))
}

pub(super) fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_percent_is_kept_as_it_shows_rounded_half_up() {
        let kept = |share: f64| match super::Value::percent(share) {
            super::Value::Percent(p) => p,
            _ => f64::NAN,
        };
        // 82 of 160 is 0.5125, whose binary value lies just below it.
        assert_eq!(kept(82.0 / 160.0), 0.513);
        assert_eq!(kept(111.0 / 240.0), 0.463);
        assert_eq!(kept(1.0 / 3.0), 0.333);
        assert_eq!(kept(0.0), 0.0);
    }
    use super::*;

    #[test]
    fn text_within_the_limit_is_kept_whole() {
        let s = "民".repeat(MAX_TEXT);
        let (t, cut) = fit_text(&s);
        assert_eq!(cut, None);
        assert_eq!(t, s);
    }

    #[test]
    fn text_over_the_limit_is_cut_with_a_mark_inside_the_limit() {
        // Characters outside the BMP count two UTF-16 units, as Excel counts them.
        let s = format!("{}尾", "𠀀".repeat(MAX_TEXT / 2 + 1));
        let (t, cut) = fit_text(&s);
        assert_eq!(cut, Some(MAX_TEXT / 2 + 2));
        assert!(t.ends_with(TRUNCATION_MARK));
        assert!(utf16_len(&t) <= MAX_TEXT);
        assert!(!t.contains('\u{fffd}'));
    }

    #[test]
    fn values_convert_from_plain_types() {
        assert_eq!(Value::from("a"), Value::Text(Cow::Borrowed("a")));
        assert_eq!(Value::from(3u32), Value::Int(3));
        assert_eq!(Value::from(None::<u32>), Value::Empty);
        assert_eq!(Value::from(Some("x")), Value::from("x"));
        assert!((Value::percent(0.5).ems().unwrap() - 5.0 * DIGIT_EM).abs() < 1e-9);
        assert_eq!(Value::Items(12360).ems(), Some(5.0 * DIGIT_EM + 1.0));
    }
}
