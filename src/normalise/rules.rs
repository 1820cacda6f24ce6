//! The row rules of normalisation: which unit a row belongs to, and each condition that
//! raises a problem (and, for errors, rejects the row). Columns are those of the raw frame
//! after cleanup, resolution and parsing in `super::submissions`.

use chrono::NaiveDate;
use polars::prelude::*;

use super::rows::{Check, null_str, null_u32};
use super::values::{self, small_number};
use crate::problems::Code;

/// The table-level unit hint: 填报单位 line, then file name, then folder (over the table
/// context, where it becomes the column `hint`).
pub(super) fn hint() -> Expr {
    coalesce(&[col("meta_resolved"), col("file_unit"), col("folder_unit")])
}

/// Where the table-level sources disagree with each other, a sentence saying how (over the
/// table context, where it becomes the column `hint_conflict`).
pub(super) fn hint_conflict() -> Expr {
    let sources = [
        ("meta_resolved", "填报单位行"),
        ("file_unit", "文件名"),
        ("folder_unit", "文件夹"),
    ];
    let mut expr = null_str();
    for (i, (a, a_zh)) in sources.iter().enumerate() {
        for (b, b_zh) in &sources[i + 1..] {
            let differ = col(*a)
                .is_not_null()
                .and(col(*b).is_not_null())
                .and(col(*a).neq(col(*b)));
            let says = concat_str(
                [
                    lit(format!("{a_zh}为「")),
                    col(*a),
                    lit(format!("」，{b_zh}为「")),
                    col(*b),
                    lit("」"),
                ],
                "",
                true,
            );
            expr = when(expr.clone().is_null().and(differ))
                .then(says)
                .otherwise(expr);
        }
    }
    expr
}

/// The unit of a row: its cell, else the agreed table-level hint.
pub(super) fn unit_expr() -> Expr {
    when(col("unit").is_not_null())
        .then(col("unit_resolved"))
        .when(col("hint_conflict").is_null())
        .then(col("hint"))
        .otherwise(null_str())
}

/// Every check a submission row goes through: dates and months must lie in the working
/// `year`, and an item dated after `today` is said to be.
pub(super) fn checks(year: i32, today: NaiveDate) -> Vec<Check> {
    let mut all = cell_checks();
    all.extend(unit_checks());
    all.extend(item_checks(year, today));
    all.extend(arose_checks(year));
    all.extend(count_checks(year));
    all
}

/// A date of the working year to show as an example for the text of `column`, never
/// today's: the month and day it wrote (4月3日, 四月五日 → 2018-04-03, 2018-04-05), else
/// 03-05 (also for a day its month does not have, 2022.6.31: the message asks to check it).
fn example_date(year: i32, column: &str) -> Expr {
    col(column).map(
        move |c| {
            let example = |text: Option<&str>| {
                let real = |&(m, d): &(u32, u32)| NaiveDate::from_ymd_opt(year, m, d).is_some();
                let (month, day) = text.and_then(month_day).filter(real).unwrap_or((3, 5));
                format!("{year}-{month:02}-{day:02}")
            };
            let examples: StringChunked = c.str()?.iter().map(|t| Some(example(t))).collect();
            Ok(examples.with_name(c.name().clone()).into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// The month and day a date written without its year, or with it, gives: 4月3日, 4-3,
/// 四月五日, 2018年十二月二十一日. The day may not be in its month (2月30日).
fn month_day(text: &str) -> Option<(u32, u32)> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let n = r"(\d{1,2}|[一二三四五六七八九十]{1,3})";
        let pattern = format!(
            r"^(?:(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})[年\-./／])?{n}[月\-./／]{n}[日号]?$"
        );
        regex::Regex::new(&pattern).unwrap_or_else(|e| panic!("{e}"))
    });
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let found = DATE.captures(&text)?;
    let (month, day) = (small_number(&found[1])?, small_number(&found[2])?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

fn cell_checks() -> Vec<Check> {
    // An error value begins with `#`, a formula without a result with `=`.
    let formula = col("error_value").str().starts_with(lit("="));
    vec![
        Check::new(
            Code::UndecodableCell,
            col("bad_col").is_not_null(),
            col("bad_col"),
            null_str(),
        ),
        Check::new(
            Code::CellError,
            col("error_col").is_not_null().and(formula.clone().not()),
            col("error_col"),
            col("error_value"),
        )
        .args(vec![col("error_value")]),
        Check::new(
            Code::UncachedFormula,
            col("error_col").is_not_null().and(formula),
            col("error_col"),
            col("error_value"),
        )
        .args(vec![col("error_value")]),
    ]
}

/// A row's unit comes from its cell, else from the agreed 填报单位 line, file name or folder.
fn unit_checks() -> Vec<Check> {
    let cell = col("unit").is_not_null();
    let no_cell = cell.clone().not();
    let hint_differs = col("hint")
        .is_not_null()
        .and(col("hint").neq(col("unit_resolved")));
    let says = concat_str(
        [
            lit("单元格为「"),
            col("unit_resolved"),
            lit("」，而文件给出「"),
            col("hint"),
            lit("」"),
        ],
        "",
        true,
    );
    vec![
        Check::new(
            Code::UnknownUnit,
            cell.and(col("unit_resolved").is_null()),
            col("unit_col"),
            col("unit"),
        )
        .args(vec![col("unit")])
        .suggest(col("unit_suggest")),
        Check::new(
            Code::UnitConflict,
            col("unit_resolved")
                .is_not_null()
                .and(col("multi").not())
                .and(hint_differs),
            col("unit_col"),
            col("unit"),
        )
        .args(vec![says]),
        Check::new(
            Code::UnitConflict,
            no_cell.clone().and(col("hint_conflict").is_not_null()),
            null_u32(),
            null_str(),
        )
        .args(vec![col("hint_conflict")]),
        Check::new(
            Code::UnknownUnit,
            no_cell
                .clone()
                .and(col("hint").is_null())
                .and(col("meta_unit").is_not_null()),
            null_u32(),
            col("meta_unit"),
        )
        .args(vec![col("meta_unit")])
        .suggest(col("meta_suggest")),
        Check::new(
            Code::NoUnit,
            no_cell
                .and(col("hint").is_null())
                .and(col("meta_unit").is_null()),
            null_u32(),
            null_str(),
        ),
    ]
}

/// Why a date or month outside the working `year` does not count, and what to do.
fn outside_year(year: i32) -> Expr {
    lit(format!(
        "不在工作年度 {year} 年内，本行不计入 {year} 年的任何数字；请核对"
    ))
}

/// Item rows need a title and a date of the working year (no figure of the workspace
/// counts an item of another year); one dated after `today` counts, but is said to be.
fn item_checks(year: i32, today: NaiveDate) -> Vec<Check> {
    let items = col("is_items");
    let given = col("date")
        .is_not_null()
        .or(col("date_num").is_not_null())
        .or(col("date_days").is_not_null());
    let bound = |m, d| lit(NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default());
    let outside = col("date_value")
        .lt(bound(1, 1))
        .or(col("date_value").gt(bound(12, 31)));
    let future = col("date_value").gt(lit(today)).and(outside.clone().not());
    let shown = coalesce(&[col("date"), col("date_value").cast(DataType::String)]);
    let error_free = col("error_col").is_null();
    // An error value or a formula without a result in the title cell is said as such.
    let title_error = col("error_col").eq(col("title_col")).fill_null(lit(false));
    vec![
        Check::new(
            Code::MissingTitle,
            items
                .clone()
                .and(col("title").is_null())
                .and(title_error.not()),
            col("title_col"),
            null_str(),
        ),
        Check::new(
            Code::MissingDate,
            items.clone().and(given.clone().not()).and(error_free),
            col("date_col"),
            null_str(),
        ),
        Check::new(
            Code::BadDate,
            items.clone().and(given).and(col("date_value").is_null()),
            col("date_col"),
            col("date"),
        )
        .args(vec![col("date"), example_date(year, "date")]),
        Check::new(
            Code::ImplausibleDate,
            items.clone().and(outside),
            col("date_col"),
            shown.clone(),
        )
        .args(vec![with_its_day(shown.clone()), outside_year(year)]),
        Check::new(
            Code::FutureDate,
            items.and(future),
            col("date_col"),
            shown.clone(),
        )
        .args(vec![shown, lit(today.to_string())]),
    ]
}

/// A date written as a serial number (`45000`) with the day it is: `45000（即 2023-03-15）`.
fn with_its_day(shown: Expr) -> Expr {
    let serial = col("date").str().contains(lit(r"^\d+(\.\d+)?$"), false);
    let day = concat_str(
        [
            shown.clone(),
            lit("（即 "),
            col("date_value").cast(DataType::String),
            lit("）"),
        ],
        "",
        false,
    );
    when(serial.fill_null(lit(false)))
        .then(day)
        .otherwise(shown)
}

/// The day an item's information arose is optional: when it cannot be read, or comes after
/// the item was published, the item still counts but its lag is not checked.
fn arose_checks(year: i32) -> Vec<Check> {
    let items = col("is_items");
    let given = col("arose")
        .is_not_null()
        .or(col("arose_num").is_not_null())
        .or(col("arose_days").is_not_null());
    let shown = |c: &str| col(c).cast(DataType::String);
    vec![
        Check::new(
            Code::BadAroseDate,
            items.clone().and(given).and(col("arose_value").is_null()),
            col("arose_col"),
            col("arose"),
        )
        .args(vec![col("arose"), example_date(year, "arose")]),
        Check::new(
            Code::PublishedBeforeArose,
            items.and(col("date_value").lt(col("arose_value"))),
            col("arose_col"),
            shown("arose_value"),
        )
        .args(vec![shown("date_value"), shown("arose_value")]),
    ]
}

/// Count rows need a whole count (a dash is 0, and said so) and a month: from their
/// 月份 cell, else the 统计期间 line or the file name; a month cell or a period line that
/// names no one month is said to, rather than that no month was given. A month outside
/// the working year counts in none of the workspace's figures, so its row is rejected.
fn count_checks(year: i32) -> Vec<Check> {
    let month_given = col("month")
        .is_not_null()
        .or(col("month_num").is_not_null())
        .or(col("month_days").is_not_null());
    let counts = col("is_items").not();
    let given = col("count")
        .is_not_null()
        .or(col("count_num").is_not_null());
    let month = col("month_value");
    let month_zh = concat_str(
        [
            (month.clone() / lit(100)).cast(DataType::String),
            lit("年"),
            (month.clone() % lit(100)).cast(DataType::String),
            lit("月"),
        ],
        "",
        true,
    );
    let month_shown = coalesce(&[col("month"), col("meta_period"), month_zh]);
    vec![
        Check::new(
            Code::ImplausibleDate,
            counts.clone().and((month / lit(100)).neq(lit(year))),
            when(month_given.clone())
                .then(col("month_col"))
                .otherwise(null_u32()),
            month_shown.clone(),
        )
        .args(vec![month_shown, outside_year(year)]),
        Check::new(
            Code::MissingCount,
            counts
                .clone()
                .and(given.clone().not())
                .and(col("error_col").is_null()),
            col("count_col"),
            null_str(),
        ),
        Check::new(
            Code::DashAsZero,
            counts.clone().and(col("count_dash")),
            col("count_col"),
            col("count"),
        )
        .args(vec![col("count")]),
        Check::new(
            Code::ImplausibleCount,
            counts.clone().and(col("count_large")),
            col("count_col"),
            col("count"),
        )
        .args(vec![col("count"), lit(values::MAX_COUNT.to_string())]),
        Check::new(
            Code::BadCount,
            counts
                .clone()
                .and(given)
                .and(col("count_value").is_null())
                .and(col("count_dash").not())
                .and(col("count_large").not()),
            col("count_col"),
            col("count"),
        )
        .args(vec![col("count")]),
        Check::new(
            Code::BadMonth,
            counts
                .clone()
                .and(col("month_value").is_null())
                .and(month_given.clone()),
            col("month_col"),
            col("month"),
        )
        .args(vec![col("month"), lit(format!("{year}年4月"))]),
        Check::new(
            Code::MonthConflict,
            counts
                .clone()
                .and(col("month_value").is_null())
                .and(month_given.clone().not())
                .and(col("month_conflict").is_not_null()),
            null_u32(),
            col("meta_period"),
        )
        .args(vec![col("meta_period"), col("month_conflict")]),
        Check::new(
            Code::PeriodNotAMonth,
            counts
                .clone()
                .and(col("month_value").is_null())
                .and(month_given.clone().not())
                .and(col("meta_period").is_not_null())
                .and(col("month_conflict").is_null()),
            null_u32(),
            col("meta_period"),
        )
        .args(vec![col("meta_period")]),
        Check::new(
            Code::CountWithoutMonth,
            counts
                .and(col("month_value").is_null())
                .and(month_given.not())
                .and(col("meta_period").is_null()),
            col("month_col"),
            col("month"),
        )
        // A blank 月份 cell asks for the month of its row; a sheet without any, for one.
        .args(vec![
            when(col("month_col").is_not_null())
                .then(lit(format!("请在该行填写月份，如「{year}年3月」")))
                .otherwise(lit(format!(
                    "请加「月份」列、「统计期间：{year}年3月」行，或在文件名中写明月份"
                ))),
        ]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_date_keeps_the_month_and_day_written() {
        let cases = [
            ("4月3日", Some((4, 3))),
            ("四月五日", Some((4, 5))),
            ("2018年十二月二十一日", Some((12, 21))),
            ("十月十日", Some((10, 10))),
            ("2月30日", Some((2, 30))),
            ("4 - 3", Some((4, 3))),
            ("十三月五日", None),
            ("13-45", None),
            ("昨天", None),
        ];
        for (text, want) in cases {
            assert_eq!(month_day(text), want, "{text}");
        }
        // A day its month does not have is no example to copy.
        let frame =
            df!("date" => [Some("四月五日"), Some("昨天"), None, Some("2018.6.31")]).unwrap();
        let got = (frame.lazy())
            .select([example_date(2018, "date")])
            .collect()
            .unwrap();
        let got: Vec<_> = got.column("date").unwrap().str().unwrap().iter().collect();
        let want = ["2018-04-05", "2018-03-05", "2018-03-05", "2018-03-05"];
        assert_eq!(got, want.map(Some));
    }
}
