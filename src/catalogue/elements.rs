//! The elements of a catalogue entry that are rules rather than free text: 公开时限 read
//! as a deadline, 公开方式 (主动 / 依申请) and 公开对象 (全社会 / 特定对象), each from a
//! text cell or from columns of ticks. Text that says none of these is `None`, for the
//! caller to report; nothing is guessed.

use serde::Serialize;

use crate::model::{Frequency, Interval};
use crate::normalise::values::{is_numeral, small_number};

/// 公开时限 read as a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TimeLimit {
    /// N 个工作日内, counted from `from` (信息形成或变更之日起) where the cell says so.
    WorkingDays { days: u32, from: Option<String> },
    /// N 日内 / N 天内 (calendar days).
    Days { days: u32, from: Option<String> },
    /// N 个月内.
    Months { months: u32, from: Option<String> },
    /// 实时 / 即时.
    Realtime,
    /// 长期 / 常年.
    Standing,
    /// 每年, 每季度 …: a regular update, with the day it is due by where the cell says
    /// (`每月10日前`, `次年3月31日前`).
    Periodic { every: Interval, by: Option<String> },
}

impl TimeLimit {
    /// The rule in words, as the outputs show it: `信息形成或变更之日起20个工作日内`.
    pub(crate) fn zh(&self) -> String {
        let within = |from: &Option<String>, n: u32, unit: &str| {
            format!("{}{n}{unit}内", from.as_deref().unwrap_or_default())
        };
        match self {
            Self::WorkingDays { days, from } => within(from, *days, "个工作日"),
            Self::Days { days, from } => within(from, *days, "日"),
            Self::Months { months, from } => within(from, *months, "个月"),
            Self::Realtime => "实时".into(),
            Self::Standing => "长期".into(),
            Self::Periodic { every, by } => {
                let every = Frequency::Every(*every).zh();
                match by.as_deref() {
                    // `次年3月31日前` is a yearly deadline in the next year.
                    Some(by) if by.starts_with(['次', '下']) => format!("{every}（{by}）"),
                    by => format!("{every}{}", by.unwrap_or_default()),
                }
            }
        }
    }

    /// Reads a cleaned 公开时限 cell; `None` when it states no rule.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !"。，,；;".contains(*c))
            .collect();
        let t = t.trim_start_matches(['自', '从']);
        if ["实时", "即时"].iter().any(|w| t.starts_with(w)) {
            return Some(Self::Realtime);
        }
        if ["长期", "常年"].iter().any(|w| t.starts_with(w)) {
            return Some(Self::Standing);
        }
        if let Some(periodic) = periodic(t) {
            return Some(periodic);
        }
        within(t)
    }
}

/// `每年…`, `每季度…`: a regular update, read by the 更新频率 words; what follows the word
/// is kept when it says a day (`每月10日前`, `每年3月底前`, `每季度结束后15日内`). A
/// deadline in the next period (`次年3月31日前`, `次月10日前`) is such an update too.
fn periodic(t: &str) -> Option<TimeLimit> {
    const WORDS: [(&str, Interval); 6] = [
        ("每半年", Interval::HalfYear),
        ("每年", Interval::Year),
        ("每季度", Interval::Quarter),
        ("每季", Interval::Quarter),
        ("每月", Interval::Month),
        ("每周", Interval::Week),
    ];
    const NEXT: [(&str, Interval); 4] = [
        ("次年", Interval::Year),
        ("下一年", Interval::Year),
        ("次季度", Interval::Quarter),
        ("次月", Interval::Month),
    ];
    let (every, by) = match WORDS.iter().find(|(w, _)| t.starts_with(w)) {
        Some((w, every)) => (every, due(&t[w.len()..])),
        None => {
            let (_, every) = NEXT.iter().find(|(w, _)| t.starts_with(w))?;
            (every, Some(due(t)?))
        }
    };
    Some(TimeLimit::Periodic { every: *every, by })
}

/// The day an update is due by, up to its 前 or 内 (`15日前` of `15日前公开上月信息`), or a
/// part of the period (`上旬`, `月底`, `1月`, `第一季度`); `None` when the text says no day.
fn due(text: &str) -> Option<String> {
    const PARTS: [char; 4] = ['旬', '底', '末', '初'];
    let says_a_day =
        |by: &str| by.contains(|c: char| c.is_ascii_digit() || is_numeral(c) || PARTS.contains(&c));
    if let Some(end) = text.find(['前', '内']) {
        let by = &text[..end + '前'.len_utf8()];
        return says_a_day(by).then(|| by.to_string());
    }
    let ends = text.ends_with(PARTS) || text.ends_with('月') || text.ends_with("季度");
    (ends && text.chars().count() <= 6).then(|| text.to_string())
}

/// `[event之日起]N个工作日内[…]`, `[event后]N日内`, `N天内`, `N个月内`.
fn within(t: &str) -> Option<TimeLimit> {
    let at = t.find(|c: char| c.is_ascii_digit() || is_numeral(c))?;
    let (from, rest) = t.split_at(at);
    let from = match from {
        "" => None,
        f if ["起", "后", "内"].iter().any(|e| f.ends_with(e)) => Some(f.to_string()),
        _ => return None,
    };
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || is_numeral(*c))
        .collect();
    let n = small_number(&digits).filter(|&n| n > 0)?;
    let unit = rest[digits.len()..].trim_start_matches('个');
    // `20个工作日` says the same as `20个工作日内`; what follows 内 (予以公开) is wording.
    let unit = unit
        .strip_suffix("以内")
        .or_else(|| unit.split_once('内').map(|(u, _)| u))
        .unwrap_or(unit);
    let unit = unit.trim_end_matches('以');
    match unit {
        "工作日" => Some(TimeLimit::WorkingDays { days: n, from }),
        "日" | "天" | "自然日" => Some(TimeLimit::Days { days: n, from }),
        "月" => Some(TimeLimit::Months { months: n, from }),
        _ => None,
    }
}

/// 公开方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Manner {
    /// 主动公开.
    Active,
    /// 依申请公开.
    OnRequest,
    /// Both.
    Both,
}

impl Manner {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Active => "主动",
            Self::OnRequest => "依申请",
            Self::Both => "主动、依申请",
        }
    }

    /// Reads a cleaned 公开方式 cell (主动公开, 依申请, 主动、依申请 …).
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let active = text.contains("主动");
        let on_request = text.contains("申请");
        match (active, on_request) {
            (true, true) => Some(Self::Both),
            (true, false) => Some(Self::Active),
            (false, true) => Some(Self::OnRequest),
            (false, false) => None,
        }
    }
}

/// 公开对象.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Audience {
    /// 全社会 / 社会公众.
    Public,
    /// 特定对象 / 特定群体 / 申请人.
    Specific,
    Both,
}

/// Words for the public at large, and for particular people.
const PUBLIC: [&str; 4] = ["全社会", "社会公众", "公众", "不特定"];
const SPECIFIC: [&str; 6] = [
    "特定对象",
    "特定群体",
    "特定人群",
    "申请人",
    "当事人",
    "利害关系人",
];

impl Audience {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Public => "全社会",
            Self::Specific => "特定对象",
            Self::Both => "全社会、特定对象",
        }
    }

    /// Reads a cleaned 公开对象 cell (全社会, 社会公众, 特定群体 …).
    pub(crate) fn parse(text: &str) -> Option<Self> {
        // 不特定 is public; look for the specific words with it removed.
        let rest = text.replace("不特定", "");
        let public = PUBLIC.iter().any(|w| text.contains(w));
        let specific = SPECIFIC.iter().any(|w| rest.contains(w));
        match (public, specific) {
            (true, true) => Some(Self::Both),
            (true, false) => Some(Self::Public),
            (false, true) => Some(Self::Specific),
            (false, false) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn working(days: u32, from: Option<&str>) -> Option<TimeLimit> {
        Some(TimeLimit::WorkingDays {
            days,
            from: from.map(String::from),
        })
    }

    fn periodic(every: Interval, by: Option<&str>) -> Option<TimeLimit> {
        let by = by.map(String::from);
        Some(TimeLimit::Periodic { every, by })
    }

    #[test]
    fn time_limits_are_read_as_rules() {
        let formed = Some("信息形成或变更之日起");
        for (text, want) in [
            ("信息形成或变更之日起20个工作日内", working(20, formed)),
            (
                "自信息形成或变更之日起20个工作日内予以公开",
                working(20, formed),
            ),
            ("信息形成或变更之日起二十个工作日内", working(20, formed)),
            ("5个工作日内", working(5, None)),
            ("20个工作日", working(20, None)),
            ("十五 个工作日以内", working(15, None)),
            (
                "批复后20日内",
                Some(TimeLimit::Days {
                    days: 20,
                    from: Some("批复后".into()),
                }),
            ),
            (
                "7天内",
                Some(TimeLimit::Days {
                    days: 7,
                    from: None,
                }),
            ),
            (
                "决定作出之日起1个月内",
                Some(TimeLimit::Months {
                    months: 1,
                    from: Some("决定作出之日起".into()),
                }),
            ),
            ("实时", Some(TimeLimit::Realtime)),
            ("即时公开", Some(TimeLimit::Realtime)),
            ("长期公开", Some(TimeLimit::Standing)),
            ("每年3月底前", periodic(Interval::Year, Some("3月底前"))),
            ("每年", periodic(Interval::Year, None)),
            ("每年公开", periodic(Interval::Year, None)),
            ("每月10日前", periodic(Interval::Month, Some("10日前"))),
            (
                "每季度结束后15日内",
                periodic(Interval::Quarter, Some("结束后15日内")),
            ),
            (
                "次年3月31日前",
                periodic(Interval::Year, Some("次年3月31日前")),
            ),
            ("次月十日前", periodic(Interval::Month, Some("次月十日前"))),
            (
                "每月15日前公开上月信息",
                periodic(Interval::Month, Some("15日前")),
            ),
            ("每月上旬", periodic(Interval::Month, Some("上旬"))),
            ("每年年底前", periodic(Interval::Year, Some("年底前"))),
            ("每年1月", periodic(Interval::Year, Some("1月"))),
            ("每年第一季度", periodic(Interval::Year, Some("第一季度"))),
            ("次年一季度", periodic(Interval::Year, Some("次年一季度"))),
            ("每年更新", periodic(Interval::Year, None)),
        ] {
            assert_eq!(TimeLimit::parse(text), want, "{text}");
        }
    }

    #[test]
    fn time_limits_that_state_no_rule_are_not_guessed() {
        for text in [
            "按规定时限",
            "及时",
            "依法",
            "",
            "20",
            "0个工作日内",
            "形成后尽快",
            "20个工作日完成",
            "有关规定20个工作日内",
        ] {
            assert_eq!(TimeLimit::parse(text), None, "{text}");
        }
    }

    #[test]
    fn time_limits_are_shown_as_rules() {
        let limit = TimeLimit::parse("自信息形成或变更之日起20个工作日内予以公开").unwrap();
        assert_eq!(limit.zh(), "信息形成或变更之日起20个工作日内");
        assert_eq!(TimeLimit::parse("长期").unwrap().zh(), "长期");
        assert_eq!(TimeLimit::parse("每月10日前").unwrap().zh(), "每月10日前");
        assert_eq!(TimeLimit::parse("每年公开").unwrap().zh(), "每年");
        let next = TimeLimit::parse("次年3月31日前").unwrap();
        assert_eq!(next.zh(), "每年（次年3月31日前）");
    }

    #[test]
    fn manners_and_audiences_have_their_usual_variants() {
        assert_eq!(Manner::parse("主动公开"), Some(Manner::Active));
        assert_eq!(Manner::parse("依申请公开"), Some(Manner::OnRequest));
        assert_eq!(Manner::parse("主动、依申请"), Some(Manner::Both));
        assert_eq!(Manner::parse("公开"), None);
        assert_eq!(Audience::parse("全社会"), Some(Audience::Public));
        assert_eq!(Audience::parse("社会公众"), Some(Audience::Public));
        assert_eq!(Audience::parse("特定群体"), Some(Audience::Specific));
        assert_eq!(Audience::parse("不特定对象"), Some(Audience::Public));
        assert_eq!(Audience::parse("全社会、特定对象"), Some(Audience::Both));
        assert_eq!(Audience::parse("内部"), None);
    }
}
