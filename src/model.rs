//! The domain types every stage shares, named after the glossary in DESIGN.md.
//!
//! Stages pass these between each other; none of them knows how it was read or
//! how it will be written.

use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// A reporting unit (单位) from the units reference table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Unit {
    /// The canonical name, as the office writes it.
    pub name: String,
    /// Other spellings that resolve to this unit.
    pub aliases: Vec<String>,
    /// 乡镇, 部门, 园区, 社区 … as the office classifies it; empty when not given.
    pub category: String,
}

/// A unit's annual item count target (目标任务).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Target {
    pub unit: String,
    pub count: u32,
}

/// What a section's 更新频率 asks (DESIGN.md "Verdicts"): a lag per item, an update in
/// every calendar interval, or nothing that can expire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub(crate) enum Frequency {
    /// Timeliness (实时, 当天, 当周, 及时, N 个工作日内): each item published within the lag
    /// of the day its information arose; never "update every day".
    Within(Lag),
    /// Interval (每周, 每月, 每季度 …): at least one update in every such calendar interval.
    Every(Interval),
    /// 按需, 依申请, 长期, or a blank cell: never overdue.
    OnDemand,
    /// Wording that names no rule (reported as S005): nothing is judged.
    Unknown,
}

/// How long after the day information arose it must be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub(crate) enum Lag {
    /// Within N calendar days; 0 for 当天, 实时, 第一时间. A last day that is a day off moves
    /// to the next working day (民法典 第二百零三条).
    Days(u32),
    /// Within N working days (N 个工作日内; 及时 is 20, 政府信息公开条例 第二十六条).
    Workdays(u32),
    /// Within the same calendar week, month … (当周, 当月); a last day off moves on too.
    Same(Interval),
}

/// A calendar interval: weeks run Monday to Sunday, half years January–June and July–December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub(crate) enum Interval {
    /// A working day (每日更新 never asks for an update on a day off).
    Day,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Interval {
    /// 日, 周, 月, 季度, 半年, 年.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Day => "日",
            Self::Week => "周",
            Self::Month => "月",
            Self::Quarter => "季度",
            Self::HalfYear => "半年",
            Self::Year => "年",
        }
    }
}

impl Frequency {
    /// The rule in the office's words: 每月, 当天, 5个工作日内, 按需 …
    pub(crate) fn zh(self) -> String {
        match self {
            Self::Within(Lag::Days(0)) => "当天".into(),
            Self::Within(Lag::Days(n)) => format!("{n}日内"),
            Self::Within(Lag::Workdays(n)) => format!("{n}个工作日内"),
            Self::Within(Lag::Same(i)) => format!("当{}", i.zh()),
            Self::Every(Interval::HalfYear) => "每半年".into(),
            Self::Every(i) => format!("每{}", i.zh()),
            Self::OnDemand => "按需".into(),
            Self::Unknown => "无法识别".into(),
        }
    }

    /// The interval of an interval rule.
    pub(crate) fn interval(self) -> Option<Interval> {
        match self {
            Self::Every(i) => Some(i),
            _ => None,
        }
    }

    /// The lag of a timeliness rule.
    pub(crate) fn lag(self) -> Option<Lag> {
        match self {
            Self::Within(lag) => Some(lag),
            _ => None,
        }
    }
}

/// A website section (栏目) from the sections table; a pilot domain is one too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Section {
    /// 一级 / 二级 / 三级栏目; lower levels may be empty.
    pub levels: [String; 3],
    /// 公开内容.
    pub content: String,
    /// Canonical names of the responsible units (保障单位), groups expanded; shared, as
    /// a group (各部门) may name most of a large units table in many sections.
    pub responsible: Arc<[Arc<str>]>,
    /// The 保障单位 cell as written (`各乡镇、各单位`), for annexes that reprint the table.
    pub responsible_text: String,
    /// The names of the 保障单位 cell, each once, joined by 、: a unit as the units table
    /// names it (城市管理局 for 城管局), a group or a name the table lacks as written; for
    /// annexes that put together the rows of one unit.
    pub responsible_names: String,
    pub frequency: Frequency,
    /// The 更新频率 cell as written, for annexes that reprint the table.
    pub frequency_text: String,
    /// The canonical name of the pilot domain (领域) this section is, if it is one of the 26.
    pub domain: Option<String>,
    /// The reference table row the section was read from.
    pub source: Source,
}

impl Section {
    /// The deepest non-empty level: the section's own name.
    pub(crate) fn name(&self) -> &str {
        self.levels
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .map_or("", String::as_str)
    }

    /// A section of `levels` for `responsible` under `frequency` (its words as written
    /// too), read from row 2 of `reference/sections.csv`: for tests.
    #[cfg(test)]
    pub(crate) fn for_test(levels: [&str; 3], responsible: &[&str], frequency: Frequency) -> Self {
        Self {
            levels: levels.map(String::from),
            content: String::new(),
            responsible: responsible.iter().map(|&u| u.into()).collect(),
            responsible_text: responsible.join("、"),
            responsible_names: responsible.join("、"),
            frequency,
            frequency_text: frequency.zh(),
            domain: None,
            source: Source {
                file: "reference/sections.csv".into(),
                sheet: "sections".into(),
                row: 2,
            },
        }
    }

    /// The non-empty levels joined by `/`, such as `信息公开/政务动态/通知公告`.
    pub(crate) fn path(&self) -> String {
        let parts: Vec<&str> = self
            .levels
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect();
        parts.join("/")
    }
}

/// Where a value came from: the workspace-relative file, the sheet and the 1-based row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct Source {
    pub file: String,
    pub sheet: String,
    pub row: u32,
}

/// The reporting period (期): a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar month, such as `2026-11`.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
    /// A quarter, such as `2026Q4`.
    Quarter {
        /// The year.
        year: i32,
        /// The quarter, 1–4.
        quarter: u32,
    },
    /// A whole year, such as `2026`.
    Year(i32),
}

impl Period {
    /// Parses `2026-11`, `2026Q4` (or `2026q4`) and `2026`.
    ///
    /// # Errors
    /// [`PeriodError`] when `text` is none of them.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let bad = || PeriodError(text.to_string());
        let year = |s: &str| {
            s.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y) && s.len() == 4)
        };
        if let Some((y, q)) = t.split_once(['Q', 'q']) {
            let quarter: u32 = q.parse().map_err(|_| bad())?;
            return match (year(y), quarter) {
                (Some(year), 1..=4) => Ok(Self::Quarter { year, quarter }),
                _ => Err(bad()),
            };
        }
        if let Some((y, m)) = t.split_once('-') {
            let month: u32 = m.parse().map_err(|_| bad())?;
            return match (year(y), month) {
                (Some(year), 1..=12) => Ok(Self::Month { year, month }),
                _ => Err(bad()),
            };
        }
        year(t).map(Self::Year).ok_or_else(bad)
    }

    /// The calendar month before `today`: the default period.
    pub fn previous_month(today: NaiveDate) -> Self {
        let d = today - Months::new(1);
        Self::Month {
            year: d.year(),
            month: d.month(),
        }
    }

    /// The year the period lies in.
    pub fn year(self) -> i32 {
        match self {
            Self::Month { year, .. } | Self::Quarter { year, .. } | Self::Year(year) => year,
        }
    }

    /// The first month (1–12) of the period.
    fn first_month(self) -> u32 {
        match self {
            Self::Month { month, .. } => month,
            Self::Quarter { quarter, .. } => quarter * 3 - 2,
            Self::Year(_) => 1,
        }
    }

    /// The last month (1–12) of the period: also the months elapsed in the year at its end.
    pub fn end_month(self) -> u32 {
        match self {
            Self::Month { month, .. } => month,
            Self::Quarter { quarter, .. } => quarter * 3,
            Self::Year(_) => 12,
        }
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        first_of(self.year(), self.first_month())
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let next = first_of(self.year(), self.end_month()) + Months::new(1);
        next.pred_opt().unwrap_or(next)
    }

    /// 1 January of the period's year: where year-to-date figures start.
    pub fn year_start(self) -> NaiveDate {
        first_of(self.year(), 1)
    }

    /// Whether `date` lies in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        (self.start()..=self.end()).contains(&date)
    }

    /// A label for people: 2018年4月, 2018年第二季度, 2018年.
    pub fn label_zh(self) -> String {
        match self {
            Self::Month { year, month } => format!("{year}年{month}月"),
            Self::Quarter { year, quarter } => format!("{year}年{}", quarter_zh(quarter)),
            Self::Year(year) => format!("{year}年"),
        }
    }
}

/// What a run or report judges: a period as of a day in it (DESIGN.md "Judgement date").
/// A run judges as of the period's end; `report --date D` as of D when D falls inside the
/// period. Items dated after `as_of` do not count, and an interval not over at `as_of` is
/// not overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Window {
    pub period: Period,
    /// The judgement date: inside the period.
    pub as_of: NaiveDate,
}

impl Window {
    /// The whole period, judged at its end.
    pub(crate) fn whole(period: Period) -> Self {
        Self {
            period,
            as_of: period.end(),
        }
    }

    /// The period judged as of `date`, or at its end when `date` is later; `None` when
    /// `date` is before the period begins.
    pub(crate) fn as_of(period: Period, date: NaiveDate) -> Option<Self> {
        (date >= period.start()).then(|| Self {
            period,
            as_of: date.min(period.end()),
        })
    }

    /// The first day judged: the period's.
    pub(crate) fn start(self) -> NaiveDate {
        self.period.start()
    }

    /// Whether the judgement date is the period's end.
    pub(crate) fn is_whole(self) -> bool {
        self.as_of == self.period.end()
    }

    /// Months of the year complete at the judgement date: what the pro-rata share counts.
    pub(crate) fn months_elapsed(self) -> u32 {
        let next = self.as_of.succ_opt().unwrap_or(self.as_of);
        if next.month() != self.as_of.month() {
            self.as_of.month()
        } else {
            self.as_of.month() - 1
        }
    }

    /// Whether a whole month of the period has passed at the judgement date: before that
    /// (a report dated 1 April on the second quarter, or 27 April on April) a unit is not
    /// yet late with its submission, whatever it has sent so far.
    pub(crate) fn completes_a_month(self) -> bool {
        self.is_whole() || self.months_elapsed() >= self.start().month()
    }

    /// Whether the whole year is judged: the score is then seed 001's annual rule itself
    /// rather than a projection.
    pub(crate) fn is_year_end(self) -> bool {
        (self.as_of.month(), self.as_of.day()) == (12, 31)
    }
}

/// A text that is no period; the message names the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("无法识别的期「{0}」：应写作 2026-11（月）、2026Q4（季度）或 2026（年）")]
pub struct PeriodError(pub String);

/// 第一季度 … 第四季度 for a quarter 1–4, as a 公文 writes it.
pub(crate) fn quarter_zh(quarter: u32) -> String {
    format!("第{}季度", ["一", "二", "三", "四"][quarter as usize - 1])
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    // Invariant: Period::parse only admits years 1990–2100 and months 1–12.
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

impl fmt::Display for Period {
    /// The machine label used in folder and file names: `2018-04`, `2018Q2`, `2018`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Month { year, month } => write!(f, "{year}-{month:02}"),
            Self::Quarter { year, quarter } => write!(f, "{year}Q{quarter}"),
            Self::Year(year) => write!(f, "{year}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_window_is_due_once_a_month_of_its_period_is_over() {
        let due = |period: &str, date| {
            let p = Period::parse(period).unwrap();
            Window::as_of(p, date).unwrap().completes_a_month()
        };
        assert!(!due("2022Q2", d(2022, 4, 1)));
        assert!(!due("2022Q2", d(2022, 4, 29)));
        assert!(due("2022Q2", d(2022, 4, 30)));
        assert!(due("2022Q2", d(2022, 6, 23)));
        assert!(!due("2018-04", d(2018, 4, 27)));
        assert!(due("2018-04", d(2018, 4, 30)));
        assert!(due("2018", d(2018, 2, 1)));
    }

    #[test]
    fn periods_parse_and_span_their_days() {
        let p = Period::parse("2018-04").unwrap();
        assert_eq!(
            (p.start(), p.end(), p.to_string()),
            (d(2018, 4, 1), d(2018, 4, 30), "2018-04".into())
        );
        let q = Period::parse("2018q2").unwrap();
        assert_eq!(
            (q.start(), q.end(), q.end_month()),
            (d(2018, 4, 1), d(2018, 6, 30), 6)
        );
        let y = Period::parse("2020").unwrap();
        assert_eq!((y.start(), y.end()), (d(2020, 1, 1), d(2020, 12, 31)));
        assert_eq!(Period::parse("2024-02").unwrap().end(), d(2024, 2, 29));
    }

    #[test]
    fn bad_periods_are_refused_in_chinese() {
        for bad in ["2018-13", "2018Q5", "18", "2018-4-1", "四月", ""] {
            assert!(
                Period::parse(bad)
                    .unwrap_err()
                    .to_string()
                    .contains("无法识别的期"),
                "{bad}"
            );
        }
    }

    #[test]
    fn default_period_is_the_previous_month() {
        assert_eq!(
            Period::previous_month(d(2026, 1, 15)),
            Period::Month {
                year: 2025,
                month: 12
            }
        );
        assert_eq!(
            Period::previous_month(d(2026, 3, 31)),
            Period::Month {
                year: 2026,
                month: 2
            }
        );
    }
}
