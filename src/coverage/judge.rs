//! What a section's 更新频率 says about it at the judgement date, with its evidence: the
//! intervals of an interval rule that passed without an update, the items of a
//! timeliness rule published later than their lag allows. Nothing is judged from a day
//! off, an event-driven section's quiet, or a date after the judgement date.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::frequency;
use super::spans::{self, Span};
use crate::calendar::{Calendar, CalendarError};
use crate::model::{Frequency, Section, Window};
use crate::problems::{Code, Place, Problem};

/// Where a section stands against its 更新频率 at the judgement date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Status {
    /// An interval rule: updated in every interval judged.
    Current,
    /// An interval rule: an interval judged passed without an update.
    Sleeping,
    /// An interval rule: an interval judged passed, and the section was never updated.
    NeverUpdated,
    /// An interval rule with no interval over inside the period at the judgement date.
    NotDue,
    /// A timeliness rule: no item found published later than its lag allows.
    Timely,
    /// A timeliness rule: some items were published later than their lag allows.
    Late,
    /// 按需: never overdue.
    OnDemand,
    /// Not judged: the 更新频率 is unreadable, or the calendar does not cover the days.
    Unjudged,
}

impl Status {
    /// The status as 栏目覆盖 shows it.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Current => "正常",
            Self::Sleeping => "超期未更新",
            Self::NeverUpdated => "从未更新",
            Self::NotDue => "本期不考核",
            Self::Timely => "按时效核对",
            Self::Late => "有超时公开",
            Self::OnDemand => "按需更新",
            Self::Unjudged => "未检查",
        }
    }

    /// An interval passed without an update (never updated included).
    pub(crate) fn is_sleeping(self) -> bool {
        matches!(self, Self::Sleeping | Self::NeverUpdated)
    }

    /// Whether an interval rule was kept in every interval judged; `None` where nothing
    /// says so (no interval over, a timeliness or 按需 rule, not judged).
    pub(crate) fn kept_up(self) -> Option<bool> {
        match self {
            Self::Current => Some(true),
            Self::Sleeping | Self::NeverUpdated => Some(false),
            _ => None,
        }
    }
}

/// One update of a section: an item on a day, or a count row over its month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Update {
    /// Shared: a province's sections have a million updates from a few thousand units.
    pub unit: Arc<str>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Update {
    /// Whether the update falls in `span`.
    pub(crate) fn within(&self, span: &Span) -> bool {
        self.from <= span.end && self.to >= span.start
    }
}

/// An item of a timeliness section in the window that carries the day it arose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dated {
    pub unit: String,
    pub published: NaiveDate,
    pub arose: NaiveDate,
    pub file: String,
    pub sheet: String,
    pub row: u32,
}

/// What a section's rule says about it, and on what evidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Judgement {
    /// The intervals judged (an interval rule).
    pub judged: Vec<Span>,
    /// Of those, the ones without any update.
    pub missed: Vec<Span>,
    /// Items checked against a timeliness rule (and per unit), and those published late
    /// (T001 each).
    pub checked: u32,
    pub checked_by: BTreeMap<String, u32>,
    pub late: Vec<Problem>,
    /// Items of a timeliness section in the window without the day they arose.
    pub undated: u32,
    /// A calendar the days to judge fall outside of.
    pub calendar: Option<CalendarError>,
}

impl Judgement {
    /// An interval rule judged on `updates` (the section's, by any unit).
    pub(crate) fn interval(
        section: &Section,
        updates: &[Update],
        window: Window,
        calendar: &Calendar,
    ) -> Self {
        let Some(kind) = section.frequency.interval() else {
            return Self::default();
        };
        match spans::judged(kind, window, calendar) {
            Ok(judged) => {
                let missed = judged
                    .iter()
                    .filter(|s| !updates.iter().any(|u| u.within(s)))
                    .copied()
                    .collect();
                Self {
                    judged,
                    missed,
                    ..Self::default()
                }
            }
            Err(e) => Self {
                calendar: Some(e),
                ..Self::default()
            },
        }
    }

    /// A timeliness rule judged item by item; `undated` items had no day they arose.
    pub(crate) fn timeliness(
        section: &Section,
        label: &str,
        dated: &[Dated],
        undated: u32,
        calendar: &Calendar,
    ) -> Self {
        let mut out = Self {
            undated,
            ..Self::default()
        };
        let Some(lag) = section.frequency.lag() else {
            return out;
        };
        let rule = frequency::rule_of(section);
        for item in dated.iter().filter(|i| i.published >= i.arose) {
            match spans::deadline(lag, item.arose, calendar) {
                Ok(due) => {
                    out.checked += 1;
                    *out.checked_by.entry(item.unit.clone()).or_default() += 1;
                    if item.published > due {
                        out.late.push(late(label, &rule, item, due));
                    }
                }
                Err(e) => out.calendar = Some(e),
            }
        }
        out
    }

    /// The section's status under its rule; `ever` says whether it had any update up to
    /// the judgement date.
    pub(crate) fn status(&self, frequency: Frequency, ever: bool) -> Status {
        if self.calendar.is_some() && self.checked == 0 {
            return Status::Unjudged;
        }
        match frequency {
            Frequency::Every(_) if self.judged.is_empty() => Status::NotDue,
            Frequency::Every(_) if self.missed.is_empty() => Status::Current,
            Frequency::Every(_) if ever => Status::Sleeping,
            Frequency::Every(_) => Status::NeverUpdated,
            Frequency::Within(_) if self.late.is_empty() => Status::Timely,
            Frequency::Within(_) => Status::Late,
            Frequency::OnDemand => Status::OnDemand,
            Frequency::Unknown => Status::Unjudged,
        }
    }

    /// The missed intervals in words: 2018年4月, or the first five and how many more.
    pub(crate) fn missed_text(&self) -> String {
        listed(self.missed.iter().map(|s| s.label()).collect())
    }
}

/// Up to five names joined by 、, then 等 N 个.
pub(crate) fn listed(names: Vec<String>) -> String {
    let n = names.len();
    let mut shown: Vec<String> = names.into_iter().take(5).collect();
    if n > 5 {
        shown.push(format!("等 {n} 个"));
    }
    shown.join("、")
}

fn late(label: &str, rule: &str, item: &Dated, due: NaiveDate) -> Problem {
    let days = (item.published - due).num_days().to_string();
    // 应于 2018-04-20 前公开; a 当天 rule's day is the day the item arose, which the
    // message has just said.
    let by = if due == item.arose {
        String::new()
    } else {
        format!("应于 {due} 前公开，")
    };
    Problem::new(
        Code::LatePublication,
        &item.file,
        &[
            label,
            rule,
            &item.arose.to_string(),
            &by,
            &item.published.to_string(),
            &days,
        ],
    )
    .at(&item.sheet, Place::row(item.row))
    .about(&item.unit)
}

/// A section's latest update up to the judgement date, as 最近一次更新 reads: an item's
/// day, or a count row's month where that is later.
pub(crate) fn last_text(item: Option<NaiveDate>, count_month: Option<NaiveDate>) -> String {
    match (item, count_month) {
        (Some(d), Some(m))
            if m.year() * 12 + m.month() as i32 <= d.year() * 12 + d.month() as i32 =>
        {
            d.to_string()
        }
        (_, Some(m)) => format!("{}年{}月（统计数）", m.year(), m.month()),
        (Some(d), None) => d.to_string(),
        (None, None) => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::calendar;
    use crate::model::{Interval, Lag, Period};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn section(frequency: Frequency) -> Section {
        Section::for_test(["通知公告", "", ""], &["民政局"], frequency)
    }

    fn on(day: NaiveDate) -> Update {
        Update {
            unit: "民政局".into(),
            from: day,
            to: day,
        }
    }

    fn dated(published: NaiveDate, arose: NaiveDate) -> Dated {
        Dated {
            unit: "民政局".into(),
            published,
            arose,
            file: "inbox/民政局.xlsx".into(),
            sheet: "Sheet1".into(),
            row: 3,
        }
    }

    const APRIL: Period = Period::Month {
        year: 2018,
        month: 4,
    };

    #[test]
    fn a_month_without_an_update_is_missed_and_a_count_row_is_an_update() {
        let s = section(Frequency::Every(Interval::Month));
        let w = Window::whole(APRIL);
        let j = Judgement::interval(&s, &[on(d(2018, 3, 27))], w, calendar());
        assert_eq!(j.missed_text(), "2018年4月");
        assert_eq!(j.status(s.frequency, true), Status::Sleeping);
        assert_eq!(j.status(s.frequency, false), Status::NeverUpdated);
        let counted = Update {
            unit: "民政局".into(),
            from: d(2018, 4, 1),
            to: d(2018, 4, 30),
        };
        let j = Judgement::interval(&s, &[counted], w, calendar());
        assert_eq!(j.status(s.frequency, true), Status::Current);
    }

    #[test]
    fn a_month_not_over_at_the_judgement_date_is_not_due() {
        let s = section(Frequency::Every(Interval::Month));
        let w = Window::as_of(APRIL, d(2018, 4, 27)).unwrap();
        let j = Judgement::interval(&s, &[], w, calendar());
        assert!(j.judged.is_empty());
        assert_eq!(j.status(s.frequency, false), Status::NotDue);
    }

    #[test]
    fn late_items_are_found_item_by_item_across_the_may_day_holiday() {
        let s = section(Frequency::Within(Lag::Days(0)));
        let items = [
            // Arose on the make-up Saturday, published that day: in time.
            dated(d(2018, 4, 28), d(2018, 4, 28)),
            // Arose on the holiday Sunday, published on the first working day after it.
            dated(d(2018, 5, 2), d(2018, 4, 29)),
            // Arose on Friday, published the next Monday: late.
            dated(d(2018, 4, 23), d(2018, 4, 20)),
        ];
        let j = Judgement::timeliness(&s, "通知公告", &items, 4, calendar());
        assert_eq!((j.checked, j.late.len(), j.undated), (3, 1, 4));
        let p = &j.late[0];
        assert_eq!(p.code, Code::LatePublication);
        assert_eq!(p.unit.as_deref(), Some("民政局"));
        assert!(
            p.message.contains("2018-04-20") && p.message.contains("2018-04-23"),
            "{p}"
        );
        assert_eq!(j.status(s.frequency, true), Status::Late);
        // An event-driven section without items is no fault.
        let quiet = Judgement::timeliness(&s, "通知公告", &[], 0, calendar());
        assert_eq!(quiet.status(s.frequency, false), Status::Timely);
    }

    #[test]
    fn last_updates_read_as_a_day_or_a_counted_month() {
        assert_eq!(last_text(Some(d(2018, 3, 27)), None), "2018-03-27");
        assert_eq!(
            last_text(Some(d(2018, 3, 27)), Some(d(2018, 4, 1))),
            "2018年4月（统计数）"
        );
        assert_eq!(
            last_text(Some(d(2018, 4, 3)), Some(d(2018, 4, 1))),
            "2018-04-03"
        );
        assert_eq!(last_text(None, None), "—");
    }
}
