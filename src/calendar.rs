//! The working-day calendar: deadlines such as "5 个工作日内整改" counted by the State
//! Council holiday arrangements, make-up workdays (调休) included, from `holiday-cn`.
//!
//! `holiday_cn::is_offday` silently falls back to Monday–Friday for a year it does not
//! know; this module never does: such a year is a [`CalendarError`], never a guess.
//! (Late December of the last covered year is as published: a make-up workday for the
//! next 元旦 appears only once the next year's arrangement is bundled.)

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::problems::{Code, Problem};

/// Why a working day could not be decided.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum CalendarError {
    /// The bundled calendar has no arrangement for this year.
    #[error(
        "无法计算期限：内置的节假日日历未收录 {year} 年（已收录 {first}—{last} 年），请升级 zwgk 后再计算"
    )]
    YearNotCovered { year: i32, first: i32, last: i32 },
}

impl CalendarError {
    /// The same finding as a problem about `file`, for stages that report rather than stop.
    pub(crate) fn problem(&self, file: &str) -> Problem {
        match self {
            Self::YearNotCovered { year, first, last } => Problem::new(
                Code::CalendarNotCovered,
                file,
                &[&year.to_string(), &first.to_string(), &last.to_string()],
            ),
        }
    }
}

/// The State Council calendar: which dates differ from the Monday–Friday rule, per year.
#[derive(Debug)]
pub(crate) struct Calendar {
    /// Dates with an arrangement: `true` for a day off (holiday), `false` for a make-up workday.
    special: HashMap<NaiveDate, bool>,
    years: BTreeSet<i32>,
}

/// Arrangements zwgk carries itself, for years `holiday-cn` bundles empty: the year, its
/// days off (first and last day of each holiday, as (month, day)) and its make-up
/// workdays. 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025年11月4日).
type Arrangement = (
    i32,
    &'static [((u32, u32), (u32, u32))],
    &'static [(u32, u32)],
);
const OWN: &[Arrangement] = &[(
    2026,
    &[
        ((1, 1), (1, 3)),
        ((2, 15), (2, 23)),
        ((4, 4), (4, 6)),
        ((5, 1), (5, 5)),
        ((6, 19), (6, 21)),
        ((9, 25), (9, 27)),
        ((10, 1), (10, 7)),
    ],
    &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
)];

/// The bundled calendar, built once: `holiday_cn::get_year_data` clones a map per call.
static CALENDAR: LazyLock<Calendar> = LazyLock::new(Calendar::bundled);

/// The calendar bundled with zwgk.
pub(crate) fn calendar() -> &'static Calendar {
    &CALENDAR
}

/// The day on which "`n` 个工作日内" from `from` ends: the `n`-th working day after `from`,
/// `from` itself not counted. Shorthand for `calendar().add_workdays(from, n)`.
///
/// # Errors
/// [`CalendarError::YearNotCovered`] when a day to be counted falls in a year the bundled
/// calendar does not cover.
pub(crate) fn deadline(from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    calendar().add_workdays(from, n)
}

impl Calendar {
    fn bundled() -> Self {
        let mut special = HashMap::new();
        let mut years = BTreeSet::new();
        // The crate generates one arm per bundled year; asking a wide range finds them all.
        // A year it bundles without a single day (its 2026) is no arrangement: not covered,
        // unless zwgk carries the year itself.
        for year in 1990..=2100 {
            let Some(data) = holiday_cn::get_year_data(year).filter(|d| !d.is_empty()) else {
                continue;
            };
            years.insert(year);
            for (date, (_, off)) in data {
                if let Ok(d) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                    special.insert(d, off);
                }
            }
        }
        for (year, off, on) in OWN {
            if years.insert(*year) {
                let day = |(m, d)| NaiveDate::from_ymd_opt(*year, m, d);
                for &(first, last) in *off {
                    let days = day(first).zip(day(last));
                    let days = days.map(|(f, l)| f.iter_days().take_while(move |d| *d <= l));
                    special.extend(days.into_iter().flatten().map(|d| (d, true)));
                }
                special.extend(on.iter().filter_map(|&md| day(md)).map(|d| (d, false)));
            }
        }
        Self { special, years }
    }

    /// A calendar from explicit arrangements.
    #[cfg(test)]
    pub(crate) fn new(
        years: impl IntoIterator<Item = i32>,
        special: HashMap<NaiveDate, bool>,
    ) -> Self {
        Self {
            special,
            years: years.into_iter().collect(),
        }
    }

    /// The first and last year covered, if any.
    pub(crate) fn span(&self) -> Option<(i32, i32)> {
        Some((*self.years.first()?, *self.years.last()?))
    }

    pub(crate) fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Whether `date` is a working day: an arrangement if there is one, else Monday–Friday.
    ///
    /// # Errors
    /// [`CalendarError::YearNotCovered`] when the calendar has no arrangement for the year.
    pub(crate) fn is_workday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        if !self.covers(date.year()) {
            let (first, last) = self.span().unwrap_or((0, 0));
            return Err(CalendarError::YearNotCovered {
                year: date.year(),
                first,
                last,
            });
        }
        Ok(match self.special.get(&date) {
            Some(off) => !off,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        })
    }

    /// `day` when it is a working day, else the first working day after it: where a time
    /// limit whose last day is a day off ends (民法典 第二百零三条).
    ///
    /// # Errors
    /// [`CalendarError::YearNotCovered`] when a day to look at is in an uncovered year.
    pub(crate) fn on_or_after(&self, day: NaiveDate) -> Result<NaiveDate, CalendarError> {
        if self.is_workday(day)? {
            Ok(day)
        } else {
            self.add_workdays(day, 1)
        }
    }

    /// The `n`-th working day after `from` (`from` not counted); `from` itself for `n = 0`.
    ///
    /// # Errors
    /// [`CalendarError::YearNotCovered`] when a day to be counted is in an uncovered year.
    pub(crate) fn add_workdays(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().ok_or(CalendarError::YearNotCovered {
                year: day.year(),
                first: self.span().map_or(0, |s| s.0),
                last: self.span().map_or(0, |s| s.1),
            })?;
            if self.is_workday(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn five_working_days_cross_the_may_day_make_up_weekend() {
        // 2018-04-28 (Saturday) was a make-up workday; 04-29 to 05-01 were off.
        assert_eq!(calendar().is_workday(d(2018, 4, 28)), Ok(true));
        assert_eq!(calendar().is_workday(d(2018, 4, 30)), Ok(false));
        assert_eq!(deadline(d(2018, 4, 27), 5), Ok(d(2018, 5, 7)));
    }

    #[test]
    fn national_day_week_is_skipped() {
        // 2019: 09-29 (Sunday) a make-up workday, 10-01 to 10-07 off, 10-12 (Saturday) worked.
        assert_eq!(deadline(d(2019, 9, 27), 1), Ok(d(2019, 9, 29)));
        assert_eq!(deadline(d(2019, 9, 27), 3), Ok(d(2019, 10, 8)));
        assert_eq!(deadline(d(2019, 9, 27), 5), Ok(d(2019, 10, 10)));
        assert_eq!(deadline(d(2019, 9, 27), 7), Ok(d(2019, 10, 12)));
        // 2020: 10-01 to 10-08 off, 10-10 (Saturday) worked.
        assert_eq!(deadline(d(2020, 9, 30), 1), Ok(d(2020, 10, 9)));
        assert_eq!(deadline(d(2020, 9, 30), 3), Ok(d(2020, 10, 12)));
    }

    #[test]
    fn the_start_day_is_not_counted_and_zero_days_is_the_start() {
        // 2018-05-07 is a Monday.
        assert_eq!(deadline(d(2018, 5, 7), 1), Ok(d(2018, 5, 8)));
        assert_eq!(deadline(d(2018, 5, 7), 0), Ok(d(2018, 5, 7)));
    }

    #[test]
    fn a_year_outside_the_calendar_is_an_error_not_a_guess() {
        let (first, last) = calendar().span().unwrap();
        assert!(first <= 2018 && last >= 2022, "{first}-{last}");
        let beyond = d(last + 1, 3, 2);
        let err = calendar().is_workday(beyond).unwrap_err();
        assert_eq!(
            err,
            CalendarError::YearNotCovered {
                year: last + 1,
                first,
                last
            }
        );
        let message = err.to_string();
        assert!(message.contains(&format!("{} 年", last + 1)), "{message}");
        assert!(message.contains("无法计算期限"), "{message}");
        // A deadline that runs from late December into the uncovered year fails too.
        assert!(deadline(d(last, 12, 30), 5).is_err());
        assert!(deadline(d(first - 1, 6, 1), 1).is_err());
        let p = err.problem("评估报告");
        assert_eq!(p.code, Code::CalendarNotCovered);
        assert!(p.message.contains(&(last + 1).to_string()));
    }

    /// holiday-cn bundles 2026 without a day; zwgk carries the State Council's notice
    /// of 2025-11-04 (it used to count 元旦 and 春节 as working days).
    #[test]
    fn the_2026_arrangement_is_the_state_councils() {
        let cal = calendar();
        assert!(cal.covers(2026));
        for off in [
            d(2026, 1, 1),
            d(2026, 2, 17),
            d(2026, 2, 23),
            d(2026, 5, 5),
            d(2026, 10, 7),
        ] {
            assert_eq!(cal.is_workday(off), Ok(false), "{off}");
        }
        for on in [
            d(2026, 1, 4),
            d(2026, 2, 14),
            d(2026, 2, 28),
            d(2026, 5, 9),
            d(2026, 9, 20),
            d(2026, 10, 10),
        ] {
            assert_eq!(cal.is_workday(on), Ok(true), "{on}");
        }
        assert_eq!(cal.is_workday(d(2026, 3, 2)), Ok(true));
        assert_eq!(cal.is_workday(d(2026, 3, 1)), Ok(false));
        // 公示 on 2025-12-30: the next working day is 2026-01-04, a make-up Sunday.
        assert_eq!(deadline(d(2025, 12, 30), 1), Ok(d(2025, 12, 31)));
        assert_eq!(deadline(d(2025, 12, 31), 1), Ok(d(2026, 1, 4)));
        assert_eq!(deadline(d(2026, 2, 13), 1), Ok(d(2026, 2, 14)));
        assert_eq!(deadline(d(2026, 2, 14), 1), Ok(d(2026, 2, 24)));
    }

    #[test]
    fn an_explicit_calendar_uses_only_its_own_years() {
        let cal = Calendar::new([2030], HashMap::from([(d(2030, 1, 1), true)]));
        assert_eq!(cal.is_workday(d(2030, 1, 1)), Ok(false));
        assert_eq!(cal.add_workdays(d(2029, 12, 31), 1), Ok(d(2030, 1, 2)));
        assert!(cal.is_workday(d(2031, 1, 2)).is_err());
    }
}
