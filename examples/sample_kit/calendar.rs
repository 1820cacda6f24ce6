//! Publication dates: offices publish on working days, so a sample's dates follow the
//! State Council calendar (holidays and make-up workdays) through the holiday-cn crate.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::rng::Rng;

/// Whether `d` is a working day; a year the calendar lacks falls back to Monday–Friday
/// (the samples only use years it covers).
pub fn working_day(d: NaiveDate) -> bool {
    holiday_cn::is_workday(&d.format("%Y-%m-%d").to_string())
        .unwrap_or(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MIN)
}

/// A working day between `from` and `to` (inclusive), or `from` when there is none.
pub fn working_day_between(from: NaiveDate, to: NaiveDate, rng: &mut Rng) -> NaiveDate {
    let days: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| working_day(*d))
        .collect();
    if days.is_empty() {
        from
    } else {
        *rng.pick(&days)
    }
}

/// A working day in `month` of `year`.
pub fn date_in(year: i32, month: u32, rng: &mut Rng) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    working_day_between(first, month_end(year, month), rng)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn holidays_and_makeup_days_follow_the_state_council_calendar() {
        assert!(!working_day(d(2022, 4, 5)), "清明");
        assert!(working_day(d(2022, 4, 24)), "a Sunday worked for 劳动节");
        assert!(!working_day(d(2022, 6, 3)), "端午");
        assert!(!working_day(d(2020, 10, 8)), "国庆中秋");
        assert!(working_day(d(2020, 10, 10)), "a Saturday worked for 国庆");
        assert_eq!(month_end(2022, 6), d(2022, 6, 30));
        assert_eq!(month_end(2020, 12), d(2020, 12, 31));
    }
}
