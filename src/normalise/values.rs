//! Dates, counts and months as polars expressions over the raw frame's columns.
//!
//! Dates: typed date cells, Excel serials (1900 and 1904 systems, with the 1900
//! leap-year bug), and text `2026-11-05`, `2026/11/5`, `2026.11.5`, `2026年11月5日`,
//! `20261105`. Counts: `240`, `240条`, `1,240`; `—`, `/`, `无` are zero only where the
//! caller allows it. Text that is not a count is never zero.

use chrono::NaiveDate;
use polars::prelude::*;

/// Days from 1970-01-01 back to Excel's 1900 epoch (serial 0 = 1899-12-30 after the bug).
const EPOCH_1900: i32 = 25569;
/// The 1904 system counts from 1904-01-01, 1462 days after Excel's 1900 day zero.
const EPOCH_1904: i32 = EPOCH_1900 - 1462;

/// A serial number as days since 1970, or null when it is no day at all.
fn serial_days(serial: Expr, date1904: Expr) -> Expr {
    // Serials are positive here, so the cast truncates like floor.
    let whole = serial.clone().cast(DataType::Int32);
    when(
        serial
            .clone()
            .lt_eq(lit(0.0))
            .or(serial.clone().gt_eq(lit(2_958_466.0))),
    )
    .then(lit(NULL).cast(DataType::Int32))
    .when(date1904)
    .then(whole.clone() - lit(EPOCH_1904))
    // 1900-02-29 (serial 60) never existed; serials below it are one day late.
    .when(whole.clone().eq(lit(60)))
    .then(lit(NULL).cast(DataType::Int32))
    .when(whole.clone().lt(lit(60)))
    .then(whole.clone() - lit(EPOCH_1900 - 1))
    .otherwise(whole - lit(EPOCH_1900))
}

/// Parses the date of column `name` from `name_days`, `name_num` and the text `name`;
/// null when none of them is a date. `date1904` is a boolean column.
pub(crate) fn date(name: &str, date1904: Expr) -> Expr {
    let text = col(name);
    let serial_text = when(text.clone().str().contains(lit(r"^\d{5}(\.\d+)?$"), false))
        .then(text.clone().cast(DataType::Float64))
        .otherwise(lit(NULL).cast(DataType::Float64));
    let parsed = text.map(
        |c| {
            let days: Int32Chunked = c
                .str()?
                .iter()
                .map(|v| v.and_then(date_text).map(days_since_1970))
                .collect();
            days.into_column().cast(&DataType::Date)
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::Date)),
    );
    coalesce(&[
        col(format!("{name}_days")).cast(DataType::Date),
        serial_days(col(format!("{name}_num")), date1904.clone()).cast(DataType::Date),
        serial_days(serial_text, date1904).cast(DataType::Date),
        parsed,
    ])
}

/// A character of a number written in Chinese (四, 二十一, 一百零五), or in the
/// financial forms of a 合计 in words (肆, 拾贰, 壹佰零伍).
pub(crate) fn is_numeral(c: char) -> bool {
    "零〇一二三四五六七八九十廿百千两".contains(c) || FINANCIAL.contains(c)
}

/// The financial numerals (大写数字), simplified and traditional, each followed by its
/// common form: 肆 is 四.
const FINANCIAL: &str = "壹一贰二貳二叁三參三肆四伍五陆六陸六柒七捌八玖九拾十佰百仟千";

/// The common form of a financial numeral; any other character as it is.
fn common_numeral(c: char) -> char {
    let mut pairs = FINANCIAL.chars();
    while let (Some(financial), Some(common)) = (pairs.next(), pairs.next()) {
        if c == financial {
            return common;
        }
    }
    c
}

/// A number written in digits, or in Chinese up to 九千九百九十九 (四, 十二, 廿一, 两百,
/// 一百零五, 一千零五), financial forms too (肆, 壹佰零伍, 壹仟贰佰).
pub(crate) fn small_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let text: String = text.chars().map(common_numeral).collect();
    let text = text.as_str();
    if matches!(text, "零" | "〇") {
        return Some(0);
    }
    let digit = |s: &str| {
        let mut chars = s.chars();
        let c = chars.next()?;
        let n = "一二三四五六七八九".chars().position(|d| d == c);
        let n = n.map(|n| n as u32 + 1).or((c == '两').then_some(2))?;
        chars.next().is_none().then_some(n)
    };
    let below_100 = |s: &str| match s.split_once('十') {
        None => digit(s),
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { digit(tens)? };
            let ones = if ones.is_empty() { 0 } else { digit(ones)? };
            Some(tens * 10 + ones)
        }
    };
    // A place's value and what follows it: 零 stands for the places skipped (一千零五).
    let place = |s: &str, mark: char, worth: u32, below: &dyn Fn(&str) -> Option<u32>| match s
        .split_once(mark)
    {
        None => below(s),
        Some((n, rest)) => {
            let rest = match rest.strip_prefix('零') {
                Some("") => return None,
                Some(rest) => below(rest)?,
                None if rest.is_empty() => 0,
                None => below(rest)?,
            };
            Some(digit(n)? * worth + rest)
        }
    };
    let below_1000 = |s: &str| place(s, '百', 100, &below_100);
    place(&text.replace('廿', "二十"), '千', 1000, &below_1000)
}

/// A date written as text: `2026-11-05`, `2026/11/5`, `2026.11.5`, `2026年11月5日`
/// (anything after 日 or 号 ignored), `20261105`, with or without a time after a space or
/// `T`. One pass over the characters: a chain of regex replacements over a million cells
/// took a second.
pub(crate) fn date_text(text: &str) -> Option<NaiveDate> {
    let ymd = |y: &str, m: &str, d: &str| {
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(&text[..4], &text[4..6], &text[6..]);
    }
    // Separators (and the spaces around them) become `-`; 日 or 号 ends the date.
    let mut iso = String::with_capacity(text.len());
    let mut after_separator = false;
    for c in text.chars() {
        match c {
            // Full-width separators too, as a Chinese input method types them.
            '年' | '月' | '.' | '．' | '/' | '／' | '-' | '－' => {
                iso.truncate(iso.trim_end().len());
                iso.push('-');
                after_separator = true;
            }
            '日' | '号' => break,
            c if c.is_whitespace() && after_separator => {}
            c => {
                after_separator = false;
                iso.push(c);
            }
        }
    }
    // A time may follow the date after a space or `T`.
    let date = iso.split([' ', 'T']).next().unwrap_or_default();
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match date.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => ymd(y, m, d),
        _ => None,
    }
}

fn days_since_1970(d: NaiveDate) -> i32 {
    (d - NaiveDate::default()).num_days() as i32
}

/// The most items one count row plausibly stands for: more is a number from another
/// column (a phone number, an amount of money), not a count.
pub(crate) const MAX_COUNT: i64 = 100_000;

/// The count text with spaces and a trailing unit word removed, in simplified or
/// traditional characters (5條, 3個, 2項: seed 004's forms are traditional). Spelled out
/// rather than converted: cells are not put through `fast2s` row by row.
fn count_text(name: &str) -> Expr {
    col(name)
        .str()
        .replace_all(lit(r"\s"), lit(""), false)
        .str()
        .replace_all(
            lit(r"[(（]?(条|條|个|個|篇|件|项|項|次)[)）]?$"),
            lit(""),
            false,
        )
        // A whole number written with decimals: 12.0 (a number cell exported as text).
        .str()
        .replace_all(lit(r"(\d)\.0+$"), lit("$1"), false)
}

/// The digits of a count written plain or with thousands separators (1,240 — not 12,40),
/// or null.
fn count_digits(name: &str) -> Expr {
    let text = count_text(name);
    when(
        text.clone()
            .str()
            .contains(lit(r"^(\d+|\d{1,3}([,，]\d{3})+)$"), false),
    )
    .then(text.str().replace_all(lit(r"[,，]"), lit(""), false))
    .otherwise(lit(NULL).cast(DataType::String))
}

/// Whether the count cell holds a whole number above [`MAX_COUNT`].
pub(crate) fn count_too_large(name: &str) -> Expr {
    let num = col(format!("{name}_num")).gt(lit(MAX_COUNT as f64));
    let digits = count_digits(name);
    let long = digits.clone().str().len_chars().gt(lit(18u32));
    let large = digits.cast(DataType::Int64).gt(lit(MAX_COUNT));
    (num.fill_null(lit(false)))
        .or(long.fill_null(lit(false)))
        .or(large.fill_null(lit(false)))
}

/// Whether the count cell is a dash or 无: zero where the column allows it.
pub(crate) fn count_is_dash(name: &str) -> Expr {
    count_text(name).is_in(
        lit(Series::new(
            "dash".into(),
            ["—", "——", "-", "－", "–", "/", "／", "无", "無", "\\"],
        ))
        .implode(false),
        false,
    )
}

/// The count as a whole number, or null when the cell holds no whole non-negative count.
pub(crate) fn count(name: &str) -> Expr {
    let num = col(format!("{name}_num"));
    let from_num = when(
        num.clone().gt_eq(lit(0.0)).and(
            num.clone()
                .cast(DataType::Int64)
                .cast(DataType::Float64)
                .eq(num.clone()),
        ),
    )
    .then(num.cast(DataType::Int64))
    .otherwise(lit(NULL).cast(DataType::Int64));
    let digits = count_digits(name);
    let from_text = when(digits.clone().str().contains(lit(r"^\d{1,9}$"), false))
        .then(digits.cast(DataType::Int64))
        .otherwise(lit(NULL).cast(DataType::Int64));
    let value = coalesce(&[from_num, from_text]);
    when(value.clone().lt_eq(lit(MAX_COUNT)))
        .then(value)
        .otherwise(lit(NULL).cast(DataType::Int64))
}

/// The month a cell names, as `year * 100 + month`: `2018年4月`, `2018-04`, `2018.4`,
/// `201804`, a date or its serial (`date1904` the serials' system), or `4月` / `4` in
/// `default_year`. Null when it names no single month.
pub(crate) fn month(name: &str, default_year: i32, date1904: Expr) -> Expr {
    let text = col(name).str().replace_all(lit(r"\s"), lit(""), false);
    let ym = |pattern: &str| {
        let y = text
            .clone()
            .str()
            .extract(lit(pattern.to_string()), 1)
            .cast(DataType::Int32);
        let m = text
            .clone()
            .str()
            .extract(lit(pattern.to_string()), 2)
            .cast(DataType::Int32);
        (y * lit(100) + m.clone()).filter_months(m)
    };
    let month_only = {
        let m = text
            .clone()
            .str()
            .extract(lit(r"^(\d{1,2})月?(份)?$"), 1)
            .cast(DataType::Int32);
        (lit(default_year * 100) + m.clone()).filter_months(m)
    };
    let from_date = col(format!("{name}_days")).cast(DataType::Date);
    // A date shown as its serial number (44713 in a cell of General format): 1982–2064.
    let serial = text
        .clone()
        .str()
        .extract(lit(r"^([3-5]\d{4}|60000)$"), 1)
        .cast(DataType::Float64);
    let from_serial = serial_days(serial, date1904).cast(DataType::Date);
    coalesce(&[
        from_date.clone().dt().year() * lit(100) + from_date.dt().month().cast(DataType::Int32),
        from_serial.clone().dt().year() * lit(100) + from_serial.dt().month().cast(DataType::Int32),
        ym(r"^(\d{4})[年\-./／](\d{1,2})(?:月份?|月)?$"),
        ym(r"^(\d{4})(\d{2})$"),
        month_only,
    ])
}

trait MonthFilter {
    /// Keeps `self` where `month` is 1–12, else null.
    fn filter_months(self, month: Expr) -> Expr;
}

impl MonthFilter for Expr {
    fn filter_months(self, month: Expr) -> Expr {
        when(month.clone().gt_eq(lit(1)).and(month.lt_eq(lit(12))))
            .then(self)
            .otherwise(lit(NULL).cast(DataType::Int32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_read_in_digits_or_chinese() {
        for (text, want) in [
            ("12", Some(12)),
            ("四", Some(4)),
            ("十", Some(10)),
            ("十二", Some(12)),
            ("二十一", Some(21)),
            ("两百", Some(200)),
            ("一百零五", Some(105)),
            ("三百二十", Some(320)),
            ("九百九十九", Some(999)),
            ("肆", Some(4)),
            ("拾贰", Some(12)),
            ("貳拾壹", Some(21)),
            ("壹佰零伍", Some(105)),
            ("零", Some(0)),
            ("廿一", Some(21)),
            ("一千零五", Some(1005)),
            ("壹仟贰佰", Some(1200)),
            ("两千三百四十五", Some(2345)),
            ("一千零", None),
            ("", None),
            ("四五", None),
            ("十十", None),
            ("百", None),
            ("一万", None),
        ] {
            assert_eq!(small_number(text), want, "{text}");
        }
    }

    #[test]
    fn text_dates_parse_in_one_pass_as_the_forms_say() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, want) in [
            ("2026-11-05", d(2026, 11, 5)),
            ("2026 年 11 月 5 日", d(2026, 11, 5)),
            ("2026年11月5号上午", d(2026, 11, 5)),
            ("2026／1／5", d(2026, 1, 5)),
            ("2026－11－05", d(2026, 11, 5)),
            ("2026．11．5", d(2026, 11, 5)),
            ("2026-11-05T10:30:00", d(2026, 11, 5)),
            ("2026/1/5 下午3点", d(2026, 1, 5)),
            ("20261105", d(2026, 11, 5)),
            ("2026年11月", None),
            ("2026-13-01", None),
            ("2026-02-30", None),
            ("20261305", None),
            ("26-11-05", None),
            ("2026-11-05x", None),
            ("十一月五日", None),
            ("", None),
        ] {
            assert_eq!(date_text(text), want, "{text}");
        }
    }

    fn days(y: i32, m: u32, d: u32) -> i32 {
        (NaiveDate::from_ymd_opt(y, m, d).unwrap() - NaiveDate::default()).num_days() as i32
    }

    fn frame(
        text: &[Option<&str>],
        num: &[Option<f64>],
        d: &[Option<i32>],
        n1904: &[bool],
    ) -> LazyFrame {
        df!("x" => text, "x_num" => num, "x_days" => d, "d1904" => n1904)
            .unwrap()
            .lazy()
    }

    fn dates(lf: LazyFrame) -> Vec<Option<i32>> {
        let out = lf
            .select([date("x", col("d1904")).cast(DataType::Int32).alias("x")])
            .collect()
            .unwrap();
        out.column("x").unwrap().i32().unwrap().iter().collect()
    }

    #[test]
    fn every_date_form_parses() {
        let text = [
            Some("2026-11-05"),
            Some("2026/11/5"),
            Some("2026.11.5"),
            Some("2026年11月5日"),
            Some("20261105"),
            Some("2026-11-05 10:30:00"),
            Some("46331"),
            None,
            None,
        ];
        let num = [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            Some(46331.0),
            Some(44869.0),
        ];
        let d1904 = [false, false, false, false, false, false, false, false, true];
        let got = dates(frame(&text, &num, &[None; 9], &d1904));
        let want = days(2026, 11, 5);
        assert_eq!(got, vec![Some(want); 9]);
    }

    #[test]
    fn typed_dates_win_and_nonsense_is_null() {
        let text = [
            Some("2018-04-05"),
            Some("四月五日"),
            Some("2018-02-30"),
            None,
            None,
        ];
        let num = [None, None, None, Some(60.0), Some(59.0)];
        let d = [Some(days(2018, 4, 6)), None, None, None, None];
        let got = dates(frame(&text, &num, &d, &[false; 5]));
        assert_eq!(
            got,
            vec![
                Some(days(2018, 4, 6)),
                None,
                None,
                None,
                Some(days(1900, 2, 28))
            ]
        );
    }

    #[test]
    fn counts_in_traditional_characters_parse_as_simplified_ones() {
        let text = [Some("5條"), Some("3個"), Some("2項"), Some("無")];
        let lf = frame(&text, &[None; 4], &[None; 4], &[false; 4]);
        let out = lf
            .select([count("x").alias("c"), count_is_dash("x").alias("dash")])
            .collect()
            .unwrap();
        let c: Vec<_> = out.column("c").unwrap().i64().unwrap().iter().collect();
        assert_eq!(c, [Some(5), Some(3), Some(2), None]);
        let dash: Vec<_> = out.column("dash").unwrap().bool().unwrap().iter().collect();
        assert_eq!(dash, [Some(false), Some(false), Some(false), Some(true)]);
    }

    /// A unit in brackets and decimals of nothing are still a whole count; 3.5 is not.
    #[test]
    fn counts_with_a_bracketed_unit_or_zero_decimals_parse() {
        let text = [
            Some("12（条）"),
            Some("12(条)"),
            Some("12.0"),
            Some("1,240.00"),
            Some("3.50"),
        ];
        let lf = frame(&text, &[None; 5], &[None; 5], &[false; 5]);
        let out = lf.select([count("x").alias("c")]).collect().unwrap();
        let c: Vec<_> = out.column("c").unwrap().i64().unwrap().iter().collect();
        assert_eq!(c, [Some(12), Some(12), Some(12), Some(1240), None]);
    }

    #[test]
    fn counts_parse_and_dashes_are_flagged() {
        let text = [
            Some("240"),
            Some("240条"),
            Some("1,240"),
            Some("—"),
            Some("无"),
            Some("2000万"),
            Some("3.5"),
            None,
            Some("12,40"),
            Some("100001"),
            None,
        ];
        // Numeric cells: 12, and a phone number.
        let mut num = [None; 11];
        (num[7], num[10]) = (Some(12.0), Some(13812345678.0));
        let lf = frame(&text, &num, &[None; 11], &[false; 11]);
        let out = lf
            .select([
                count("x").alias("c"),
                count_is_dash("x").alias("dash"),
                count_too_large("x").alias("large"),
            ])
            .collect()
            .unwrap();
        let c: Vec<_> = out.column("c").unwrap().i64().unwrap().iter().collect();
        assert_eq!(
            c,
            [
                Some(240),
                Some(240),
                Some(1240),
                None,
                None,
                None,
                None,
                Some(12),
                None,
                None,
                None
            ]
        );
        let dash: Vec<_> = out.column("dash").unwrap().bool().unwrap().iter().collect();
        assert_eq!(dash[3..6], [Some(true), Some(true), Some(false)]);
        let large: Vec<_> = out
            .column("large")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .collect();
        let large: Vec<usize> = (0..large.len())
            .filter(|&i| large[i] == Some(true))
            .collect();
        assert_eq!(
            large,
            [9, 10],
            "100001 and a phone number; 12,40 is no number at all"
        );
    }

    #[test]
    fn months_parse_with_a_default_year() {
        let text = [
            Some("2018年4月"),
            Some("2018-04"),
            Some("201804"),
            Some("4月"),
            Some("13月"),
            Some("2018年第一季度"),
            None,
            // A date cell of General format shows its serial: 2022-06-01.
            Some("44713"),
            Some("12345"),
        ];
        let d = [
            None,
            None,
            None,
            None,
            None,
            None,
            Some(days(2018, 3, 31)),
            None,
            None,
        ];
        let lf = frame(&text, &[None; 9], &d, &[false; 9]);
        let out = lf
            .select([month("x", 2018, col("d1904")).alias("m")])
            .collect()
            .unwrap();
        let m: Vec<_> = out.column("m").unwrap().i32().unwrap().iter().collect();
        assert_eq!(
            m,
            [
                Some(201804),
                Some(201804),
                Some(201804),
                Some(201804),
                None,
                None,
                Some(201803),
                Some(202206),
                None
            ]
        );
    }
}
