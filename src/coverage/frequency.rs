//! 更新频率: the words offices write for how often a section must be updated, and when a
//! section falls due again after its last update.
//!
//! The rule for "sleeping": a section last updated on L is due again on L + one interval
//! of its frequency (a day, 7 days, a calendar month, 3 months, 6 months, 12 months); at
//! the period's end E it is overdue by E − due days when due < E. 按需 is never due.

use chrono::{Months, NaiveDate};

use crate::model::Frequency;

/// Words for each frequency, checked from the most frequent down, so that a cell naming
/// two (`每月或每季度`) takes the stricter one. 半年 comes before 年 (`每半年度`).
const WORDS: &[(Frequency, &[&str])] = &[
    (
        Frequency::Daily,
        &[
            "实时",
            "即时",
            "当日",
            "当天",
            "每日",
            "每天",
            "日更",
            "逐日",
            "每个工作日",
        ],
    ),
    (
        Frequency::Weekly,
        &["每周", "当周", "每星期", "按周", "周更", "每礼拜", "一周"],
    ),
    (
        Frequency::Monthly,
        &["每月", "当月", "按月", "月度", "每个月", "月更", "逐月"],
    ),
    (
        Frequency::Quarterly,
        &["每季度", "每季", "按季", "季度", "当季", "每个季度"],
    ),
    (Frequency::HalfYearly, &["每半年", "半年", "半年度"]),
    (
        Frequency::Yearly,
        &["每年", "按年", "年度", "当年", "每一年", "年报", "逐年"],
    ),
    (
        Frequency::AsNeeded,
        &[
            "按需",
            "不定期",
            "随时",
            "动态",
            "适时",
            "及时",
            "常态",
            "长期",
            "持续",
            "工作日内",
            "日内",
            "形成或变更",
            "有则",
            "根据需要",
            "根据工作",
            "视情",
        ],
    ),
];

/// The frequency a cleaned 更新频率 cell states; a blank cell is `AsNeeded`, text that
/// names no frequency is `None` (the caller reports it).
pub(crate) fn parse(text: &str) -> Option<Frequency> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return Some(Frequency::AsNeeded);
    }
    let bare = match t.trim_end_matches("更新") {
        "日" | "天" => Some(Frequency::Daily),
        "周" => Some(Frequency::Weekly),
        "月" => Some(Frequency::Monthly),
        "季" => Some(Frequency::Quarterly),
        "年" => Some(Frequency::Yearly),
        _ => None,
    };
    if bare.is_some() {
        return bare;
    }
    WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map(|(f, _)| *f)
}

/// The day a section last updated on `last` falls due again; `None` for `AsNeeded`.
pub(crate) fn due(frequency: Frequency, last: NaiveDate) -> Option<NaiveDate> {
    let months = |n| last.checked_add_months(Months::new(n));
    match frequency {
        Frequency::Daily => last.succ_opt(),
        Frequency::Weekly => last.checked_add_days(chrono::Days::new(7)),
        Frequency::Monthly => months(1),
        Frequency::Quarterly => months(3),
        Frequency::HalfYearly => months(6),
        Frequency::Yearly => months(12),
        Frequency::AsNeeded => None,
    }
}

/// Days overdue at `end` for a section last updated on `last`: `Some(n)` with n > 0 when
/// it is sleeping, `None` when it is not (or never falls due).
pub(crate) fn overdue(frequency: Frequency, last: NaiveDate, end: NaiveDate) -> Option<u32> {
    let due = due(frequency, last)?;
    let days = (end - due).num_days();
    u32::try_from(days).ok().filter(|d| *d > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Frequency::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_listed_word_and_its_variants_parse() {
        for (text, want) in [
            ("实时", Daily),
            ("即时更新", Daily),
            ("当日", Daily),
            ("当天发布", Daily),
            ("每周", Weekly),
            ("当周", Weekly),
            ("每周至少更新1次", Weekly),
            ("每月", Monthly),
            ("每月10日前", Monthly),
            ("按月更新", Monthly),
            ("每季度", Quarterly),
            ("每季度第3个月10日前", Quarterly),
            ("每半年", HalfYearly),
            ("每半年度", HalfYearly),
            ("每年", Yearly),
            ("年度更新", Yearly),
            ("按需", AsNeeded),
            ("不定期", AsNeeded),
            ("不定期更新", AsNeeded),
            ("动态更新", AsNeeded),
            ("信息形成或变更之日起20个工作日内", AsNeeded),
            ("", AsNeeded),
            ("  ", AsNeeded),
            ("每月或每季度", Monthly),
            ("月", Monthly),
            ("季", Quarterly),
            ("年更新", Yearly),
        ] {
            assert_eq!(parse(text), Some(want), "{text}");
        }
    }

    #[test]
    fn text_naming_no_frequency_is_unreadable() {
        for text in ["经常", "详见目录", "3"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn due_dates_follow_the_interval() {
        let last = d(2022, 1, 31);
        assert_eq!(due(Daily, last), Some(d(2022, 2, 1)));
        assert_eq!(due(Weekly, last), Some(d(2022, 2, 7)));
        assert_eq!(due(Monthly, last), Some(d(2022, 2, 28)));
        assert_eq!(due(Quarterly, last), Some(d(2022, 4, 30)));
        assert_eq!(due(HalfYearly, last), Some(d(2022, 7, 31)));
        assert_eq!(due(Yearly, last), Some(d(2023, 1, 31)));
        assert_eq!(due(AsNeeded, last), None);
    }

    #[test]
    fn overdue_counts_days_past_due_at_the_end() {
        let end = d(2022, 6, 30);
        assert_eq!(overdue(Monthly, d(2022, 5, 30), end), None);
        assert_eq!(overdue(Monthly, d(2022, 5, 29), end), Some(1));
        assert_eq!(overdue(Quarterly, d(2022, 3, 1), end), Some(29));
        assert_eq!(overdue(Weekly, d(2022, 6, 23), end), None);
        assert_eq!(overdue(AsNeeded, d(2010, 1, 1), end), None);
    }
}
