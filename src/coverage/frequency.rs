//! 更新频率: the words offices write for how often a section must be updated, read as one
//! of two kinds of rule (DESIGN.md "Verdicts"). Timeliness words (实时, 当天, 当周, 及时,
//! N 个工作日内) give a lag between the day information arose and the day it is
//! published; interval words (每周, 每月, 每季度 …) ask for an update in every calendar
//! interval; 按需, 依申请, 长期 never expire. Words naming no rule are `Unknown`, which the
//! reader reports (S005) rather than guesses.

use crate::model::{Frequency, Interval, Lag, Section};
use crate::normalise::text::simplified;

/// Timeliness words, each with its lag. 及时 without a number is the Regulation's own
/// 20 working days (政府信息公开条例 第二十六条: 形成或者变更之日起20个工作日内及时公开).
const LAGS: &[(Lag, &[&str])] = &[
    (
        Lag::Days(0),
        &["实时", "即时", "第一时间", "当天", "当日", "同日", "同一天"],
    ),
    (Lag::Same(Interval::Week), &["当周", "本周内", "同周"]),
    (Lag::Same(Interval::Month), &["当月", "本月内"]),
    (Lag::Same(Interval::Quarter), &["当季"]),
    (Lag::Same(Interval::Year), &["当年"]),
    (Lag::Workdays(20), &["及时"]),
];

/// Interval words, from the most frequent down, so that a cell naming two
/// (`每月或每季度`) takes the stricter one. 半年 comes before 年 (`每半年度`).
const INTERVALS: &[(Interval, &[&str])] = &[
    (
        Interval::Day,
        &["每日", "每天", "每个工作日", "日更", "逐日"],
    ),
    (
        Interval::Week,
        &["每周", "每星期", "按周", "周更", "每礼拜"],
    ),
    (
        Interval::Month,
        &["每月", "按月", "月度", "每个月", "月更", "逐月"],
    ),
    (
        Interval::Quarter,
        &["每季度", "每季", "按季", "季度", "每个季度"],
    ),
    (Interval::HalfYear, &["每半年", "半年度", "半年"]),
    (
        Interval::Year,
        &["每年", "按年", "年度", "每一年", "年报", "逐年"],
    ),
];

/// Words for sections that publish when there is something to publish.
const ON_DEMAND: &[&str] = &[
    "按需",
    "依申请",
    "长期",
    "不定期",
    "随时",
    "适时",
    "动态",
    "常态",
    "持续",
    "有则",
    "根据需要",
    "根据工作",
    "视情",
    "根据实际",
];

/// The digits and Chinese numerals a count is written in.
const NUMERALS: &str = "0123456789零〇一二两三四五六七八九十百";

/// The count written right before one of `markers` (a 个 between them allowed):
/// `20个工作日` → 20, `十五天以内` → 15.
fn count_before(text: &str, markers: &[&str]) -> Option<u32> {
    markers.iter().find_map(|marker| {
        let (head, _) = text.split_once(marker)?;
        let head = head.strip_suffix('个').unwrap_or(head);
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| NUMERALS.contains(*c))
            .last()
            .map(|(i, _)| i)?;
        count(&head[start..])
    })
}

/// The rule a cleaned 更新频率 cell states. A blank cell asks nothing (`OnDemand`); text
/// that names no rule is `Unknown`.
pub(crate) fn parse(text: &str) -> Frequency {
    let t: String = simplified(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Frequency::OnDemand;
    }
    // An interval word rules the cell: 每月5日内 is a monthly deadline, not a lag.
    let interval = INTERVALS
        .iter()
        .find(|(_, w)| w.iter().any(|w| t.contains(w)));
    if let Some((i, _)) = interval {
        return Frequency::Every(*i);
    }
    if let Some(n) = count_before(&t, &["工作日"]) {
        return Frequency::Within(Lag::Workdays(n));
    }
    let days = ["日内", "天内", "日以内", "天以内", "自然日内"];
    if let Some(n) = count_before(&t, &days) {
        return Frequency::Within(Lag::Days(n));
    }
    if let Some((lag, _)) = LAGS.iter().find(|(_, w)| w.iter().any(|w| t.contains(w))) {
        return Frequency::Within(*lag);
    }
    if ON_DEMAND.iter().any(|w| t.contains(w)) {
        return Frequency::OnDemand;
    }
    match t.trim_end_matches("更新") {
        "日" | "天" => Frequency::Every(Interval::Day),
        "周" => Frequency::Every(Interval::Week),
        "月" => Frequency::Every(Interval::Month),
        "季" => Frequency::Every(Interval::Quarter),
        "年" => Frequency::Every(Interval::Year),
        _ => Frequency::Unknown,
    }
}

/// A count written in digits or Chinese numerals up to 999: `20`, `五`, `二十`, `十五`.
fn count(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let (mut total, mut current) = (0u32, None::<u32>);
    for c in text.chars() {
        match c {
            '〇' => current = Some(0),
            '两' => current = Some(2),
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            c => current = Some(digit(c)?),
        }
    }
    let n = total + current.unwrap_or(0);
    (n > 0 || text.contains(['零', '〇'])).then_some(n)
}

/// A section's rule as the messages state it: `每月更新`, `信息产生后当天公开`; the
/// office's own words first where they say it otherwise (`「第一时间」，即信息产生后当天
/// 公开`).
pub(crate) fn rule_of(section: &Section) -> String {
    let plain = rule(section.frequency);
    let words = section.frequency_text.trim();
    match section.frequency {
        Frequency::Within(_) if !words.is_empty() && !plain.contains(words) => {
            format!("「{words}」，即{plain}")
        }
        _ => plain,
    }
}

/// A section's update rule as 栏目覆盖 shows it: the table's own words, with zwgk's
/// reading after them where they do not hold it (第一时间（当天）, 批复后20日内).
pub(crate) fn written(section: &Section) -> String {
    let words = section.frequency_text.trim();
    let read = section.frequency.zh();
    match words {
        "" => read,
        _ if words.contains(&read) => words.to_string(),
        _ => format!("{words}（{read}）"),
    }
}

/// The rule as the messages state it: `每月更新`, `信息产生后当天公开`, `信息产生后 5 个
/// 工作日内公开`.
pub(crate) fn rule(frequency: Frequency) -> String {
    match frequency {
        Frequency::Every(_) => format!("{}更新", frequency.zh()),
        Frequency::Within(Lag::Days(0)) => "信息产生后当天公开".into(),
        Frequency::Within(Lag::Days(n)) => format!("信息产生后 {n} 日内公开"),
        Frequency::Within(Lag::Workdays(n)) => format!("信息产生后 {n} 个工作日内公开"),
        Frequency::Within(Lag::Same(i)) => format!("信息产生当{}公开", i.zh()),
        Frequency::OnDemand => "按需更新".into(),
        Frequency::Unknown => "（更新频率无法识别）".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Frequency::*;
    use Interval::*;

    #[test]
    fn seed_001_timeliness_words_are_lags_never_intervals() {
        // 公示公告第一时间发布、动态信息发生当天公开、政策文件类信息生成当周公开
        for (text, want) in [
            ("第一时间", Within(Lag::Days(0))),
            ("发生当天", Within(Lag::Days(0))),
            ("动态信息发生当天公开", Within(Lag::Days(0))),
            ("实时", Within(Lag::Days(0))),
            ("即时更新", Within(Lag::Days(0))),
            ("當日", Within(Lag::Days(0))),
            ("生成当周", Within(Lag::Same(Week))),
            ("当月", Within(Lag::Same(Month))),
            ("及时", Within(Lag::Workdays(20))),
            (
                "信息形成或变更之日起20个工作日内",
                Within(Lag::Workdays(20)),
            ),
            ("5个工作日内", Within(Lag::Workdays(5))),
            ("五个工作日内", Within(Lag::Workdays(5))),
            ("作出决定之日起七个工作日内", Within(Lag::Workdays(7))),
            ("二十个工作日", Within(Lag::Workdays(20))),
            ("3日内", Within(Lag::Days(3))),
            ("十五天以内", Within(Lag::Days(15))),
            ("十五个自然日内", Within(Lag::Days(15))),
            ("批复后20日内", Within(Lag::Days(20))),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn interval_words_ask_for_an_update_in_every_interval() {
        for (text, want) in [
            ("每日", Every(Day)),
            ("每个工作日", Every(Day)),
            ("每周", Every(Week)),
            ("每週", Every(Week)),
            ("每周至少更新1次", Every(Week)),
            ("每月", Every(Month)),
            ("每月10日前", Every(Month)),
            ("每月5日内", Every(Month)),
            ("按月更新", Every(Month)),
            ("每季度", Every(Quarter)),
            ("每季度第3个月10日前", Every(Quarter)),
            ("每半年", Every(HalfYear)),
            ("每半年度", Every(HalfYear)),
            ("每年", Every(Year)),
            ("年度更新", Every(Year)),
            ("每月或每季度", Every(Month)),
            ("月", Every(Month)),
            ("季", Every(Quarter)),
            ("年更新", Every(Year)),
        ] {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn on_demand_words_and_blank_cells_never_expire() {
        for text in [
            "按需",
            "依申请",
            "长期",
            "长期公开",
            "不定期",
            "动态更新",
            "",
            "  ",
        ] {
            assert_eq!(parse(text), OnDemand, "{text}");
        }
    }

    #[test]
    fn text_naming_no_rule_is_unknown_not_a_guess() {
        for text in ["经常", "详见目录", "3", "工作日"] {
            assert_eq!(parse(text), Unknown, "{text}");
        }
    }

    #[test]
    fn chinese_counts_read_as_numbers() {
        for (text, n) in [("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("两", 2)] {
            assert_eq!(count(text), Some(n), "{text}");
        }
        assert_eq!(count("一百二十"), Some(120));
        assert_eq!(count("个"), None);
    }

    #[test]
    fn rules_are_stated_in_words_a_unit_reads() {
        assert_eq!(rule(Every(Month)), "每月更新");
        assert_eq!(rule(Every(HalfYear)), "每半年更新");
        assert_eq!(rule(Within(Lag::Days(0))), "信息产生后当天公开");
        assert_eq!(rule(Within(Lag::Same(Week))), "信息产生当周公开");
        assert_eq!(
            rule(Within(Lag::Workdays(20))),
            "信息产生后 20 个工作日内公开"
        );
        assert_eq!(Within(Lag::Workdays(7)).zh(), "7个工作日内");
    }

    #[test]
    fn a_section_s_rule_keeps_the_office_s_words() {
        let section = |text: &str| Section {
            frequency_text: text.into(),
            ..Section::for_test(["栏目", "", ""], &[], parse(text))
        };
        assert_eq!(
            rule_of(&section("第一时间")),
            "「第一时间」，即信息产生后当天公开"
        );
        assert_eq!(rule_of(&section("当天")), "信息产生后当天公开");
        assert_eq!(rule_of(&section("按月")), "每月更新");
    }
}
