//! The elements of a catalogue entry that are rules rather than free text: 公开时限 read
//! as a deadline, 公开方式 (主动 / 依申请) and 公开对象 (全社会 / 特定对象), each from a
//! text cell or from columns of ticks. Text that says none of these is `None`, for the
//! caller to report; nothing is guessed.

use serde::Serialize;

use crate::model::{Frequency, Interval};

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
    /// 每年, 每季度 …: a regular update.
    Periodic(Frequency),
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
            Self::Periodic(f) => f.zh(),
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
        if let Some(f) = periodic(t) {
            return Some(Self::Periodic(f));
        }
        within(t)
    }
}

/// `每年…`, `每季度…`: a regular update, read by the 更新频率 words.
fn periodic(t: &str) -> Option<Frequency> {
    const WORDS: [(&str, Frequency); 6] = [
        ("每半年", Frequency::Every(Interval::HalfYear)),
        ("每年", Frequency::Every(Interval::Year)),
        ("每季度", Frequency::Every(Interval::Quarter)),
        ("每季", Frequency::Every(Interval::Quarter)),
        ("每月", Frequency::Every(Interval::Month)),
        ("每周", Frequency::Every(Interval::Week)),
    ];
    WORDS
        .iter()
        .find(|(w, _)| t.starts_with(w))
        .map(|(_, f)| *f)
}

/// `[event之日起]N个工作日内[…]`, `[event后]N日内`, `N天内`, `N个月内`.
fn within(t: &str) -> Option<TimeLimit> {
    let at = t.find(|c: char| c.is_ascii_digit() || NUMERALS.contains(c))?;
    let (from, rest) = t.split_at(at);
    let from = match from {
        "" => None,
        f if ["起", "后", "内"].iter().any(|e| f.ends_with(e)) => Some(f.to_string()),
        _ => return None,
    };
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || NUMERALS.contains(*c))
        .collect();
    let n = number(&digits)?;
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

const NUMERALS: &str = "零〇一二两三四五六七八九十百";

/// `20`, `二十`, `十五`, `七`, `一百`: 1 to 999; `None` for zero or anything else.
fn number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let digit = |c: char| match c {
        '〇' => Some(0),
        '两' => Some(2),
        c => digit(c),
    };
    let (mut total, mut current) = (0, None);
    for c in s.chars() {
        match c {
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            c => current = Some(digit(c)?),
        }
    }
    let n = total + current.unwrap_or(0);
    (n > 0).then_some(n)
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
            (
                "每年3月底前",
                Some(TimeLimit::Periodic(Frequency::Every(Interval::Year))),
            ),
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
    }

    #[test]
    fn chinese_numerals_are_read() {
        let got: Vec<_> = ["七", "十", "十五", "二十", "二十六", "一百二十", "两", "零"]
            .map(number)
            .to_vec();
        assert_eq!(
            got,
            [
                Some(7),
                Some(10),
                Some(15),
                Some(20),
                Some(26),
                Some(120),
                Some(2),
                None
            ]
        );
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
