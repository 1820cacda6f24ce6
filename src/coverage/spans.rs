//! Calendar intervals as date spans — the weeks, months, quarters … an interval rule is
//! judged on, named as a clerk writes them — and the day by which a timeliness rule
//! wants an item published. Days off come from the working-day calendar: a day off is
//! never a day that must see an update, and a deadline that falls on one moves on.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::calendar::{Calendar, CalendarError};
use crate::model::{Interval, Lag, Window, quarter_zh};

/// One calendar interval: `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Span {
    pub kind: Interval,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Span {
    /// The interval of `kind` that holds `day`.
    pub(crate) fn containing(kind: Interval, day: NaiveDate) -> Self {
        let first = |month: u32| NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day);
        let months = |start: NaiveDate, n: u32| Self {
            kind,
            start,
            end: (start + Months::new(n)).pred_opt().unwrap_or(start),
        };
        match kind {
            Interval::Day => Self {
                kind,
                start: day,
                end: day,
            },
            Interval::Week => {
                let back = u64::from(day.weekday().num_days_from_monday());
                let start = day - Days::new(back);
                Self {
                    kind,
                    start,
                    end: start + Days::new(6),
                }
            }
            Interval::Month => months(first(day.month()), 1),
            Interval::Quarter => months(first((day.month() - 1) / 3 * 3 + 1), 3),
            Interval::HalfYear => months(first(if day.month() <= 6 { 1 } else { 7 }), 6),
            Interval::Year => months(first(1), 12),
        }
    }

    /// The interval as a clerk writes it: 2018年4月9日—15日, 2018年4月, 2018年第二季度,
    /// 2018年上半年, 2018年.
    pub(crate) fn label(self) -> String {
        let (s, e) = (self.start, self.end);
        match self.kind {
            Interval::Day => format!("{}年{}月{}日", s.year(), s.month(), s.day()),
            Interval::Week if s.year() != e.year() => format!(
                "{}年{}月{}日—{}年{}月{}日",
                s.year(),
                s.month(),
                s.day(),
                e.year(),
                e.month(),
                e.day()
            ),
            Interval::Week if s.month() != e.month() => format!(
                "{}年{}月{}日—{}月{}日",
                s.year(),
                s.month(),
                s.day(),
                e.month(),
                e.day()
            ),
            Interval::Week => format!("{}年{}月{}日—{}日", s.year(), s.month(), s.day(), e.day()),
            Interval::Month => format!("{}年{}月", s.year(), s.month()),
            Interval::Quarter => format!("{}年{}", s.year(), quarter_zh((s.month() - 1) / 3 + 1)),
            Interval::HalfYear if s.month() == 1 => format!("{}年上半年", s.year()),
            Interval::HalfYear => format!("{}年下半年", s.year()),
            Interval::Year => format!("{}年", s.year()),
        }
    }
}

/// The intervals of `kind` that `window` judges: those that end inside its period on or
/// before its judgement date. A day off, or a week without a working day in the working
/// year, asks for no update and is not judged: 2021年12月27日—2022年1月2日, whose working
/// days are all in 2021 (whose items are not read) and its 2022 days 元旦, is no week of
/// 2022's first quarter. (A week of March and April is judged in April on its March
/// items.)
///
/// # Errors
/// [`CalendarError`] when a day or week to judge falls in a year the calendar does not
/// cover (only daily and weekly rules ask it).
pub(crate) fn judged(
    kind: Interval,
    window: Window,
    calendar: &Calendar,
) -> Result<Vec<Span>, CalendarError> {
    let mut out = Vec::new();
    let mut span = Span::containing(kind, window.start());
    while span.end <= window.as_of {
        let works = match kind {
            Interval::Day | Interval::Week => {
                let year = NaiveDate::from_ymd_opt(window.start().year(), 1, 1);
                let from = span.start.max(year.unwrap_or(span.start));
                any_workday(
                    Span {
                        start: from,
                        ..span
                    },
                    calendar,
                )?
            }
            _ => true,
        };
        if works {
            out.push(span);
        }
        let Some(next) = span.end.succ_opt() else {
            break;
        };
        span = Span::containing(kind, next);
    }
    Ok(out)
}

fn any_workday(span: Span, calendar: &Calendar) -> Result<bool, CalendarError> {
    for day in span.start.iter_days().take_while(|d| *d <= span.end) {
        if calendar.is_workday(day)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The last day on which information that arose on `arose` is published in time under
/// `lag`. N 个工作日 counts working days after `arose`; a calendar-day or same-interval
/// limit whose last day is a day off ends on the next working day instead.
///
/// # Errors
/// [`CalendarError`] when the days to count fall in a year the calendar does not cover.
pub(crate) fn deadline(
    lag: Lag,
    arose: NaiveDate,
    calendar: &Calendar,
) -> Result<NaiveDate, CalendarError> {
    let last = match lag {
        Lag::Workdays(n) => return calendar.add_workdays(arose, n),
        Lag::Days(n) => arose + Days::new(u64::from(n)),
        Lag::Same(kind) => Span::containing(kind, arose).end,
    };
    calendar.on_or_after(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::calendar;
    use crate::model::Period;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn labels(spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.label()).collect()
    }

    #[test]
    fn intervals_hold_their_days() {
        let day = d(2018, 4, 27);
        let week = Span::containing(Interval::Week, day);
        assert_eq!((week.start, week.end), (d(2018, 4, 23), d(2018, 4, 29)));
        let q = Span::containing(Interval::Quarter, day);
        assert_eq!((q.start, q.end), (d(2018, 4, 1), d(2018, 6, 30)));
        let h = Span::containing(Interval::HalfYear, d(2018, 7, 1));
        assert_eq!(
            (h.start, h.end, h.label()),
            (d(2018, 7, 1), d(2018, 12, 31), "2018年下半年".into())
        );
        assert_eq!(
            Span::containing(Interval::Month, d(2024, 2, 3)).end,
            d(2024, 2, 29)
        );
        assert_eq!(
            Span::containing(Interval::Week, d(2018, 4, 1)).label(),
            "2018年3月26日—4月1日"
        );
    }

    #[test]
    fn a_month_judges_the_weeks_and_the_month_that_end_in_it() {
        let april = Window::whole(Period::Month {
            year: 2018,
            month: 4,
        });
        let weeks = judged(Interval::Week, april, calendar()).unwrap();
        assert_eq!(
            labels(&weeks),
            [
                "2018年3月26日—4月1日",
                "2018年4月2日—8日",
                "2018年4月9日—15日",
                "2018年4月16日—22日",
                "2018年4月23日—29日",
            ]
        );
        let months = judged(Interval::Month, april, calendar()).unwrap();
        assert_eq!(labels(&months), ["2018年4月"]);
        // No quarter ends in April.
        assert!(
            judged(Interval::Quarter, april, calendar())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn an_interval_not_over_at_the_judgement_date_is_not_judged() {
        let q2 = Period::Quarter {
            year: 2022,
            quarter: 2,
        };
        let mid_june = Window::as_of(q2, d(2022, 6, 23)).unwrap();
        let months = judged(Interval::Month, mid_june, calendar()).unwrap();
        assert_eq!(labels(&months), ["2022年4月", "2022年5月"]);
        assert!(
            judged(Interval::Quarter, mid_june, calendar())
                .unwrap()
                .is_empty()
        );
        let whole = judged(Interval::Quarter, Window::whole(q2), calendar()).unwrap();
        assert_eq!(labels(&whole), ["2022年第二季度"]);
    }

    #[test]
    fn days_off_and_holiday_weeks_ask_for_no_update() {
        // 2018-04-29 and 04-30 were the May Day holiday; 04-28 (Saturday) a make-up workday.
        let april = Window::whole(Period::Month {
            year: 2018,
            month: 4,
        });
        let days = judged(Interval::Day, april, calendar()).unwrap();
        assert!(days.iter().any(|s| s.start == d(2018, 4, 28)));
        assert!(
            !days
                .iter()
                .any(|s| s.start == d(2018, 4, 29) || s.start == d(2018, 4, 30))
        );
        // A week whose every day is off asks for nothing.
        let off: std::collections::HashMap<NaiveDate, bool> = d(2030, 2, 4)
            .iter_days()
            .take(7)
            .map(|day| (day, true))
            .collect();
        let cal = Calendar::new([2030], off);
        let feb = Window::whole(Period::Month {
            year: 2030,
            month: 2,
        });
        let weeks = judged(Interval::Week, feb, &cal).unwrap();
        assert_eq!(
            labels(&weeks),
            [
                "2030年1月28日—2月3日",
                "2030年2月11日—17日",
                "2030年2月18日—24日"
            ]
        );
    }

    /// The week of 2022's first days: its working days are all in 2021, and 1–2 January
    /// are 元旦. Items of 2021 are not read in 2022, so nothing could have updated it:
    /// it is not judged (it used to make five weekly sections of 汤阴 超期未更新).
    #[test]
    fn a_week_whose_working_days_are_all_last_year_is_not_judged() {
        let q1 = Window::whole(Period::Quarter {
            year: 2022,
            quarter: 1,
        });
        let weeks = judged(Interval::Week, q1, calendar()).unwrap();
        assert_eq!(weeks[0].label(), "2022年1月3日—9日");
        // 2018's first week holds 2 January, a working day of 2018: it is judged.
        let january = Window::whole(Period::Month {
            year: 2018,
            month: 1,
        });
        let weeks = judged(Interval::Week, january, calendar()).unwrap();
        assert_eq!(weeks[0].label(), "2018年1月1日—7日");
    }

    #[test]
    fn timeliness_deadlines_move_past_days_off() {
        let cal = calendar();
        // 当天: on the day, or, for an event on a day off, the next working day.
        assert_eq!(
            deadline(Lag::Days(0), d(2018, 4, 27), cal),
            Ok(d(2018, 4, 27))
        );
        assert_eq!(
            deadline(Lag::Days(0), d(2018, 4, 29), cal),
            Ok(d(2018, 5, 2))
        );
        // 当周: the week's Sunday, or the next working day after it.
        assert_eq!(
            deadline(Lag::Same(Interval::Week), d(2018, 4, 25), cal),
            Ok(d(2018, 5, 2))
        );
        assert_eq!(
            deadline(Lag::Same(Interval::Week), d(2018, 4, 18), cal),
            Ok(d(2018, 4, 23))
        );
        // 5 个工作日: from 2018-04-27, the 5th working day after is 2018-05-07.
        assert_eq!(
            deadline(Lag::Workdays(5), d(2018, 4, 27), cal),
            Ok(d(2018, 5, 7))
        );
        let (_, last) = cal.span().unwrap();
        assert!(deadline(Lag::Days(0), d(last + 1, 1, 5), cal).is_err());
    }
}
