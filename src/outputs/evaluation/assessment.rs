//! One unit's evaluation (seed 000 Annex 2): the four questions answered from coverage and
//! from the problems attributed to it, its figures, and every finding it must rectify —
//! in the order the report lists them: progress, sections, late items, then what it
//! submitted. An answer follows from the report's own tables: 是 only where the unit
//! published in the sections asked about, 否 only with a finding that says why.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_width::UnicodeWidthChar;

use crate::check::figures::UnitFigures;
use crate::coverage::judge::listed as listed_names;
use crate::coverage::sections::domain_within;
use crate::coverage::{Coverage, UnitCoverage, Words, outside_quotes};
use crate::pipeline::Outcome;
use crate::problems::{Code, Place, Problem, Severity};

use super::attribution::{Attribution, Basis};
use super::page::date_zh;

/// The four questions of 试点领域公开情况, as seed 000 Annex 2 words them.
pub(crate) const QUESTIONS: [&str; 4] = [
    "本单位所负责领域信息是否公开",
    "信息发布是否及时",
    "信息公开是否全面",
    "信息内容是否准确",
];

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Yes,
    No,
    /// Nothing to judge (no sections table, no section, nothing submitted): neither box is
    /// ticked, and the note says why — never a 是 by default.
    NotJudged,
}

impl Verdict {
    /// The two boxes as printed: `☑是 ☐否`.
    pub(crate) fn boxes(self) -> &'static str {
        match self {
            Self::Yes => "☑是 ☐否",
            Self::No => "☐是 ☑否",
            Self::NotJudged => "☐是 ☐否",
        }
    }
}

/// A question's verdict with a short note on what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub verdict: Verdict,
    pub note: String,
}

impl Answer {
    fn new(verdict: Verdict, note: impl Into<String>) -> Self {
        Self {
            verdict,
            note: note.into(),
        }
    }
}

/// One row of 问题描述.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub code: Code,
    /// 问题类型, such as 数据填写 or 栏目更新.
    pub kind: &'static str,
    /// Where: `file / sheet / cell` (relative to the inbox), or `栏目：…`.
    pub location: String,
    pub description: String,
}

/// Everything one unit's report says.
#[derive(Debug, Clone)]
pub(crate) struct Assessment<'a> {
    pub figures: &'a UnitFigures,
    pub answers: [Answer; 4],
    pub findings: Vec<Finding>,
    /// The problems its findings stand for: a row of problems alike counts each.
    pub problems: usize,
    /// Of those, the ones only to check (see [`to_check`]).
    pub checks: usize,
}

impl Assessment<'_> {
    pub(crate) fn unit(&self) -> &str {
        &self.figures.unit
    }

    /// Whether the unit has anything to rectify: a finding that is not only to check, or
    /// a question answered 否.
    pub(crate) fn must_rectify(&self) -> bool {
        self.findings.iter().any(|f| !to_check(f.code))
            || self.answers.iter().any(|a| a.verdict == Verdict::No)
    }

    /// Whether all it must rectify is that nothing usable came from it this period (C003,
    /// C004): what it must do is send the period's information, by the day a 催报 gives
    /// ([`submission_due`](super::submission_due)).
    pub(crate) fn owes_submission_only(&self) -> bool {
        let nothing_sent = |c: Code| matches!(c, Code::NoSubmission | Code::UnusableSubmission);
        self.must_rectify()
            && (self.findings.iter())
                .filter(|f| !to_check(f.code))
                .all(|f| nothing_sent(f.code))
            && !self.answers.iter().any(|a| a.verdict == Verdict::No)
    }

    /// Whether anything was judged: a finding, or a question answered. A unit that
    /// published nothing the questions could be asked of is not said to be clear.
    pub(crate) fn judged(&self) -> bool {
        !self.findings.is_empty() || self.answers.iter().any(|a| a.verdict != Verdict::NotJudged)
    }
}

/// One assessment per unit of the units table, in its order. `inbox` is the inbox folder
/// relative to the workspace, left off the locations shown to units.
pub(crate) fn assess<'a>(
    outcome: &'a Outcome,
    attribution: &Attribution,
    inbox: &str,
) -> Vec<Assessment<'a>> {
    let coverage = outcome.coverage.as_ref();
    let words = outcome.words();
    outcome
        .units
        .iter()
        .map(|figures| {
            let unit = figures.unit.as_str();
            let uc = coverage.and_then(|c| c.units.iter().find(|u| u.unit == unit));
            let mut findings: Vec<Finding> = unsubmitted(figures, outcome).into_iter().collect();
            let (mut sections, mut late, mut submitted) = (Vec::new(), Vec::new(), Vec::new());
            let (mut forms, mut checks) = (Vec::new(), 0);
            for (p, basis) in attribution.of(unit, &outcome.problems) {
                if !listed(p) {
                    continue;
                }
                checks += usize::from(to_check(p.code));
                match (basis, p.code) {
                    (Basis::Section, _) => sections.push(section_finding(p, coverage, words)),
                    (_, Code::LatePublication) => late.push(p),
                    (_, code) if of_a_form(code) => {
                        let mut finding = submission_finding(p, inbox, words);
                        // A form never sent (P006, M011) is found in the office's own
                        // tables, which mean nothing to the unit: located as C003 is.
                        if Path::new(&p.file).strip_prefix(inbox).is_err() {
                            finding.location = "报送情况".into();
                        }
                        forms.push(finding);
                    }
                    _ => submitted.push(p),
                }
            }
            findings.extend(sections);
            let problems = findings.len() + late.len() + submitted.len() + forms.len();
            findings.extend(alike_in_one_row(&late, inbox, words));
            let of_items = submitted.iter().filter(|p| to_check(p.code)).count();
            let accuracy = accuracy(figures, submitted.len() - of_items, of_items);
            findings.extend(alike_in_one_row(&submitted, inbox, words));
            findings.extend(forms);
            let [q1, q2, q3] = coverage_answers(coverage, uc).map(|a| Answer {
                note: words.reword(&a.note),
                ..a
            });
            Assessment {
                figures,
                answers: [q1, q2, q3, accuracy],
                findings,
                problems,
                checks,
            }
        })
        .collect()
}

/// Whether a problem goes on a unit's report: errors and warnings it has to act on. A
/// notice (a format read as another, `无` counted as 0, a row sent twice and counted
/// once) asks nothing of the unit, nor does a warning whose advice is 无需处理 (N002: a
/// month's count not counted beside its item list), nor what the office did in its own
/// inbox: a file moved away while the run read it (F014), a link put there in place of
/// a file (F013, F015), a workbook of zwgk's own (F016).
pub(crate) fn listed(p: &Problem) -> bool {
    p.severity != Severity::Info
        && !p.code.advice().starts_with("无需处理")
        && !matches!(
            p.code,
            Code::Vanished | Code::LinkOutside | Code::LinkNowhere | Code::OwnOutput
        )
}

/// Questions 1–3, from the unit's part in coverage. A 是 needs evidence for it — the unit
/// published in the sections the question is about — and none against it; a 否 names its
/// evidence; with neither, neither box is ticked and the note says why.
fn coverage_answers(coverage: Option<&Coverage>, uc: Option<&UnitCoverage>) -> [Answer; 3] {
    let not_judged = |note: &str| Answer::new(Verdict::NotJudged, note);
    let Some(c) = coverage else {
        return [(); 3].map(|()| not_judged("未配置栏目表，无从判断"));
    };
    let Some(uc) = uc.filter(|u| !u.sections.is_empty()) else {
        return [(); 3].map(|()| not_judged("本单位没有负责的栏目"));
    };
    let domains: Vec<usize> = (uc.sections.iter().copied())
        .filter(|&i| domain_within(&c.sections[i].section).is_some())
        .collect();
    [
        published(c, uc, &domains),
        timely(c, uc, &uc.sections),
        complete(c, uc, &uc.sections),
    ]
}

/// Items (and counted items) the unit published in the window in `sections`.
fn own_items(c: &Coverage, uc: &UnitCoverage, sections: &[usize]) -> u32 {
    sections
        .iter()
        .flat_map(|&i| &c.sections[i].by_unit)
        .filter(|(u, _)| **u == *uc.unit)
        .map(|(_, n)| n)
        .sum()
}

/// The labels of `sections`, listed.
fn labels(c: &Coverage, sections: &[usize]) -> String {
    listed_names(
        sections
            .iter()
            .map(|&i| c.sections[i].label.clone())
            .collect(),
    )
}

/// Question 1, 本单位所负责领域信息是否公开: no section of its domains passed an interval
/// without information, and the unit published in them. `domains` are the unit's
/// sections that are pilot domains or lie within one. A section other units kept up is
/// not held against it (the seeds judge a section by its updates), nor for it.
fn published(c: &Coverage, uc: &UnitCoverage, domains: &[usize]) -> Answer {
    if domains.is_empty() {
        return Answer::new(Verdict::NotJudged, "本单位不负责任何试点领域");
    }
    let named: BTreeSet<&str> = (domains.iter())
        .filter_map(|&i| domain_within(&c.sections[i].section).map(|(d, _)| d))
        .collect();
    // 2个试点领域, or 2个试点领域的3个栏目 where a domain has sections of its own.
    let by_sections = domains.len() > named.len();
    let mut scope = format!("{}个试点领域", named.len());
    if by_sections {
        scope.push_str(&format!("的{}个栏目", domains.len()));
    }
    let lagging: Vec<usize> = domains
        .iter()
        .copied()
        .filter(|i| uc.sleeping.contains(i))
        .collect();
    let items = own_items(c, uc, domains);
    if !lagging.is_empty() {
        return Answer::new(
            Verdict::No,
            format!(
                "负责的{scope}中{}个有应更新的周期没有信息：{}",
                lagging.len(),
                labels(c, &lagging)
            ),
        );
    }
    if items == 0 {
        let word = if by_sections { "栏目" } else { "领域" };
        let these = if by_sections || named.len() > 1 {
            format!("这些{word}")
        } else {
            format!("该{word}")
        };
        let why = if domains.iter().any(|i| uc.silent.contains(i)) {
            "由其他单位按期更新"
        } else {
            "本期没有到期的更新周期"
        };
        return Answer::new(
            Verdict::NotJudged,
            format!("本期在负责的{scope}没有发布信息；{these}{why}，无从判断"),
        );
    }
    Answer::new(
        Verdict::Yes,
        format!("负责的{scope}本期发布信息{items}条，没有应更新而未更新的"),
    )
}

/// Question 2, 信息发布是否及时: no section it answers for passed an interval without any
/// update, and no item was published later than its section's time limit — and something
/// says so: a section due in the window and kept up, or an item checked against its limit.
fn timely(c: &Coverage, uc: &UnitCoverage, sections: &[usize]) -> Answer {
    let n = sections.len();
    let mut against = Vec::new();
    if !uc.sleeping.is_empty() {
        against.push(format!(
            "{}个栏目超期未更新（{}）",
            uc.sleeping.len(),
            labels(c, &uc.sleeping)
        ));
    }
    if uc.late > 0 {
        against.push(format!("{}条信息超过时限公开", uc.late));
    }
    if !against.is_empty() {
        return Answer::new(
            Verdict::No,
            format!("负责的{n}个栏目中{}", against.join("，")),
        );
    }
    let items = own_items(c, uc, sections);
    if items == 0 {
        return unjudged(
            uc,
            "本期在负责的栏目中没有发布信息，也没有到期未更新的栏目，无从判断",
        );
    }
    // Publishing is no evidence of timeliness: a section due and kept up is, and so is
    // an item checked against its time limit.
    let due = kept_up(c, sections);
    if due == 0 && uc.checked == 0 {
        return Answer::new(
            Verdict::NotJudged,
            format!("负责的{n}个栏目本期没有到期的更新周期，也没有可核对公开时限的信息，无从判断"),
        );
    }
    let mut evidence = Vec::new();
    match due {
        0 => {}
        1 => evidence.push("本期到期的1个栏目按期更新".to_string()),
        _ => evidence.push(format!("本期到期的{due}个栏目均按期更新")),
    }
    if uc.checked > 0 {
        evidence.push(format!("核对{}条信息，均在时限内公开", uc.checked));
    }
    Answer::new(
        Verdict::Yes,
        format!("负责的{n}个栏目中{}", evidence.join("；")),
    )
}

/// How many of `sections` had an update interval over in the window and were kept up
/// in it.
fn kept_up(c: &Coverage, sections: &[usize]) -> usize {
    (sections.iter())
        .filter(|&&i| c.sections[i].status.kept_up() == Some(true))
        .count()
}

/// Question 3, 信息公开是否全面: no interval section it answers for passed an interval
/// judged without information, and the unit published in every one that had an interval
/// judged, of which there is at least one. Where other units kept a section up and this
/// one published nothing there, neither box is ticked: the section is complete, and
/// whether the unit had anything to publish in it is not known.
fn complete(c: &Coverage, uc: &UnitCoverage, sections: &[usize]) -> Answer {
    let n = sections.len();
    if !uc.sleeping.is_empty() {
        return Answer::new(
            Verdict::No,
            format!(
                "负责的{n}个栏目中{}个本期应有信息而没有：{}",
                uc.sleeping.len(),
                labels(c, &uc.sleeping)
            ),
        );
    }
    // Not sleeping, so kept up by others in every interval judged.
    let by_others = &uc.silent;
    let items = own_items(c, uc, sections);
    if items == 0 {
        let these = if n == 1 { "该栏目" } else { "这些栏目" };
        let why = if by_others.is_empty() {
            format!("{these}本期没有到期的更新周期")
        } else {
            format!("本期到期的{}个栏目由其他保障单位按期更新", by_others.len())
        };
        return unjudged(
            uc,
            &format!("本期在负责的栏目中没有发布信息；{why}，无从判断"),
        );
    }
    if !by_others.is_empty() {
        return Answer::new(
            Verdict::NotJudged,
            format!(
                "负责的{n}个栏目中{}个本期只有其他保障单位的信息（{}），无从判断",
                by_others.len(),
                labels(c, by_others)
            ),
        );
    }
    // Nothing due, nothing to be complete about.
    let due = (sections.iter())
        .filter(|&&i| c.sections[i].status.kept_up().is_some())
        .count();
    if due == 0 {
        return Answer::new(
            Verdict::NotJudged,
            format!(
                "负责的{n}个栏目本期没有到期的更新周期，无从判断；本期在{}发布信息{items}条",
                if n == 1 { "该栏目" } else { "这些栏目" }
            ),
        );
    }
    let all = if due == 1 { "" } else { "均" };
    Answer::new(
        Verdict::Yes,
        format!(
            "负责的{n}个栏目中本期到期的{due}个{all}有本单位的信息，本期在负责的栏目共发布{items}条"
        ),
    )
}

/// Neither box ticked, for want of items in the unit's sections: because its items have
/// no 栏目 where it sent some (S017), else for the reason `otherwise` gives.
fn unjudged(uc: &UnitCoverage, otherwise: &str) -> Answer {
    match uc.unplaced {
        0 => Answer::new(Verdict::NotJudged, otherwise),
        n => Answer::new(
            Verdict::NotJudged,
            format!("本期报送的{n}条信息没有栏目，无从判断"),
        ),
    }
}

/// Whether `code` is about a catalogue (M) or a contact form (P): listed for the unit to
/// rectify, but no answer to question 4, which asks about the information it published.
fn of_a_form(code: Code) -> bool {
    matches!(code.id().as_bytes().first(), Some(b'M' | b'P'))
}

/// Whether `code` only asks the unit to check an assignment the office's tables may not
/// foresee — an item filed under another unit's section (S014: a 镇 publishing its own
/// 社会救助 notices), a catalogue of a domain the unit is not given (M012) and the 公开主体
/// such a catalogue names (M005) — rather than finding a fault: listed for the unit to
/// check, but no 否 and no 整改 rest on it.
pub(crate) fn to_check(code: Code) -> bool {
    matches!(
        code,
        Code::OutsideResponsibility | Code::SenderNotResponsible | Code::SubjectNotResponsible
    )
}

/// Question 4: no fault in what the unit submitted (`faults` problems, and `checks` that
/// only ask it to check, see [`to_check`]).
fn accuracy(figures: &UnitFigures, faults: usize, checks: usize) -> Answer {
    let also = match checks {
        0 => String::new(),
        n => format!("，另有{n}处请核对"),
    };
    if faults > 0 {
        Answer::new(
            Verdict::No,
            format!("报送的数据有{faults}处问题{also}，见问题描述"),
        )
    } else if figures.period_items == 0 {
        Answer::new(Verdict::NotJudged, "本期没有报送信息，无从判断")
    } else if checks > 0 {
        Answer::new(
            Verdict::Yes,
            format!(
                "本期报送的{}条信息未发现错误{also}，见问题描述",
                figures.period_items
            ),
        )
    } else {
        Answer::new(
            Verdict::Yes,
            format!("本期报送的{}条信息未发现问题", figures.period_items),
        )
    }
}

/// No submission this period (or only files with nothing countable), as the run's C003
/// or C004 says. Falling behind the pro-rata target is not among them: seed 000's report
/// asks about the sections, so 二、信息报送情况 states the standing, and no 整改 rests on
/// it.
fn unsubmitted(f: &UnitFigures, outcome: &Outcome) -> Option<Finding> {
    let p = outcome.problems.iter().find(|p| {
        matches!(p.code, Code::NoSubmission | Code::UnusableSubmission)
            && p.unit.as_ref() == Some(&f.unit)
    })?;
    let description = match p.code {
        Code::UnusableSubmission => {
            let what = p.message.split_once('：').map_or(&*p.message, |(_, m)| m);
            what.to_string()
        }
        _ => format!("本期（{}）没有报送信息", outcome.period.label_zh()),
    };
    Some(Finding {
        code: p.code,
        kind: kind(p.code, outcome.words()),
        location: "报送情况".into(),
        description,
    })
}

/// A sleeping section, located by the section rather than the office's sections table,
/// and described without naming it again (栏目要求每月更新，…).
fn section_finding(p: &Problem, coverage: Option<&Coverage>, words: Words) -> Finding {
    let section = coverage.and_then(|c| {
        c.sections.iter().find(|s| {
            let src = &s.section.source;
            src.file == p.file
                && p.sheet.as_deref() == Some(src.sheet.as_str())
                && p.place.map(|at| at.row) == Some(src.row)
        })
    });
    let description = described(p);
    let Some(s) = section else {
        return Finding {
            code: p.code,
            kind: kind(p.code, words),
            location: p.location(),
            description,
        };
    };
    let word = words.section();
    let named = format!("{word}「{}」", s.label);
    Finding {
        code: p.code,
        kind: kind(p.code, words),
        location: format!("{word}：{}", s.label),
        description: match description.strip_prefix(&named) {
            Some(rest) => format!("{word}{rest}"),
            None => description,
        },
    }
}

/// A problem in something the unit sent, located in its file; a file the description
/// names is named as locations are, within the inbox (「标准目录/….xlsx」).
fn submission_finding(p: &Problem, inbox: &str, words: Words) -> Finding {
    Finding {
        code: p.code,
        kind: kind(p.code, words),
        location: located(p, inbox, p.cell().map(|c| tight(&c))),
        description: described(p).replace(&format!("「{inbox}/"), "「"),
    }
}

/// The problems in what the unit sent, each kind once a sheet: problems alike (the same
/// code and description in one sheet, as 栏目「工作动态」 at E5 and E17) share a row
/// that locates each (… / 二季度 / E5、E17; E2至E61 for a run of a column), so that the
/// unit reads each fix once.
fn alike_in_one_row(problems: &[&Problem], inbox: &str, words: Words) -> Vec<Finding> {
    let mut rows: Vec<(Finding, &Problem, Vec<Place>)> = Vec::new();
    let mut at: HashMap<(Code, &str, Option<&str>, String), usize> = HashMap::new();
    for &p in problems {
        let finding = submission_finding(p, inbox, words);
        let Some(place) = p.place else {
            rows.push((finding, p, Vec::new()));
            continue;
        };
        let key = (
            p.code,
            p.file.as_str(),
            p.sheet.as_deref(),
            finding.description.clone(),
        );
        match at.get(&key) {
            Some(&i) => rows[i].2.push(place),
            None => {
                at.insert(key, rows.len());
                rows.push((finding, p, vec![place]));
            }
        }
    }
    (rows.into_iter())
        .map(|(mut finding, p, places)| {
            if places.len() > 1 {
                finding.location = located(p, inbox, Some(cells(&places)));
            }
            finding
        })
        .collect()
}

/// Where `p` is, for its unit: the file (within the inbox) and sheet as named, then
/// `cells` as a printed report writes them.
fn located(p: &Problem, inbox: &str, cells: Option<String>) -> String {
    let file = p
        .file
        .strip_prefix(inbox)
        .map_or(p.file.as_str(), |f| f.trim_start_matches('/'));
    let mut location = file.to_string();
    for part in [p.sheet.clone(), cells].into_iter().flatten() {
        location.push_str(" / ");
        location.push_str(&part);
    }
    location
}

/// Places as a report lists them: E5、E17, and a run of three or more down a column as
/// E2至E61 (第2至61行 for whole rows).
fn cells(places: &[Place]) -> String {
    let mut runs: Vec<(Place, Place)> = Vec::new();
    for &p in places {
        match runs.last_mut() {
            Some((_, last)) if last.col == p.col && last.row + 1 == p.row => *last = p,
            _ => runs.push((p, p)),
        }
    }
    let one = |p: Place| tight(&p.to_string());
    let mut parts = Vec::new();
    for (first, last) in runs {
        match (last.row - first.row, first.col) {
            (0, _) => parts.push(one(first)),
            (1, _) => parts.extend([one(first), one(last)]),
            (_, Some(_)) => parts.push(format!("{first}至{last}")),
            (_, None) => parts.push(format!("第{}至{}行", first.row, last.row)),
        }
    }
    parts.join("、")
}

/// The message as a printed report writes it — numbers without spaces, and the dates of
/// findings that state them as facts (超期, 超时) as in 公文; what it quotes in 「」 as
/// written — with the suggestion where there is one, as it is. A date that shows what to
/// type (请写作 2018-03-05 这样的格式, 改为 2018-04-05) keeps its form.
fn described(p: &Problem) -> String {
    let dated = matches!(
        p.code,
        Code::Sleeping | Code::NeverUpdated | Code::LatePublication | Code::PublishedBeforeArose
    );
    // On the unit's own report a message about it does not name it first (志办：没有…).
    let written = p.plain_message();
    let own = (p.unit.as_deref()).and_then(|u| written.strip_prefix(u)?.strip_prefix('：'));
    let message = outside_quotes(own.unwrap_or(written), |plain| {
        if dated {
            tight(&dates_zh(plain))
        } else {
            tight(plain)
        }
    });
    match &p.suggestion {
        Some(s) => format!("{message}（建议：{s}）"),
        None => message,
    }
}

/// `plain` with its dates as 公文 write them: 2018-05-04 as 2018年5月4日.
fn dates_zh(plain: &str) -> String {
    static ISO: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"\b\d{4}-\d{2}-\d{2}\b").ok());
    let Some(iso) = ISO.as_ref() else {
        return plain.to_string();
    };
    iso.replace_all(plain, |m: &regex::Captures<'_>| {
        let iso = &m[0];
        NaiveDate::parse_from_str(iso, "%Y-%m-%d").map_or_else(|_| iso.to_string(), date_zh)
    })
    .into_owned()
}

/// `plain` without the spaces a message puts around a number or a date among Chinese
/// characters (第 3 行, 晚 3 天, 2018年5月4日 前), which a printed 公文 does not have; a space
/// between two numbers or beside a Latin word stays.
fn tight(plain: &str) -> String {
    let wide = |c: char| c.width() == Some(2);
    let chars: Vec<char> = plain.chars().collect();
    let mut out = String::with_capacity(plain.len());
    for (i, &c) in chars.iter().enumerate() {
        let around = (
            i.checked_sub(1).map(|p| chars[p]),
            chars.get(i + 1).copied(),
        );
        let drop = c == ' '
            && match around {
                (Some(a), Some(b)) => {
                    (wide(a) && (wide(b) || b.is_ascii_digit())) || (a.is_ascii_digit() && wide(b))
                }
                _ => false,
            };
        if !drop {
            out.push(c);
        }
    }
    out
}

/// 问题类型 of a code, in words a unit understands: those of a workspace of pilot
/// domains speak of 领域.
pub(crate) fn kind(code: Code, words: Words) -> &'static str {
    let domains = words == Words::Domains;
    match code {
        Code::NoSubmission => "未报送",
        Code::UnusableSubmission => "文件无法计入",
        Code::BehindSchedule => "进度落后",
        Code::UnitSilent if domains => "领域无信息",
        Code::UnitSilent => "栏目无信息",
        Code::Sleeping | Code::NeverUpdated if domains => "领域更新不及时",
        Code::Sleeping | Code::NeverUpdated => "栏目更新不及时",
        Code::LatePublication => "公开超时",
        Code::BadAroseDate | Code::PublishedBeforeArose => "数据填写",
        Code::UnresolvedSection | Code::OutsideResponsibility | Code::NoSection if domains => {
            "领域填写"
        }
        Code::UnresolvedSection | Code::OutsideResponsibility | Code::NoSection => "栏目填写",
        Code::DuplicateItem | Code::DuplicateFile | Code::DuplicateOfAnotherUnit => "重复报送",
        Code::LinkOnlyDuplicate => "链接填写",
        Code::TotalMismatch => "合计不符",
        _ => match code.id().as_bytes().first() {
            Some(b'F') => "报送文件",
            Some(b'E') => "文件编码",
            Some(b'L') => "表格格式",
            Some(b'V') => "数据填写",
            Some(b'U') => "单位名称",
            Some(b'N') => "统计数填写",
            Some(b'M') => "标准目录",
            Some(b'P') => "联系人登记表",
            _ => "其他",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::figures::Standing;
    use crate::problems::Place;

    fn figures(period_items: u32) -> UnitFigures {
        UnitFigures {
            unit: "民政局".into(),
            category: "部门".into(),
            target: Some(120),
            period_items,
            ytd_items: 30,
            expected_ytd: Some(40),
            completion: Some(0.25),
            score: Some(22.0),
            score_basis: crate::check::figures::ScoreBasis::ProRata,
            standing: Standing::Behind,
        }
    }

    #[test]
    fn accuracy_is_judged_only_on_what_was_submitted() {
        assert_eq!(accuracy(&figures(12), 0, 0).verdict, Verdict::Yes);
        assert_eq!(accuracy(&figures(12), 2, 0).verdict, Verdict::No);
        assert_eq!(accuracy(&figures(0), 1, 0).verdict, Verdict::No);
        // What is only to check is no fault.
        assert_eq!(accuracy(&figures(12), 0, 1).verdict, Verdict::Yes);
        // Nothing submitted is not "accurate": neither box is ticked.
        let silent = accuracy(&figures(0), 0, 0);
        assert_eq!(silent.verdict, Verdict::NotJudged);
        assert_eq!(silent.verdict.boxes(), "☐是 ☐否");
    }

    #[test]
    fn without_a_sections_table_questions_one_to_three_are_not_judged() {
        let answers = coverage_answers(None, None);
        for a in &answers {
            assert_eq!(a.verdict, Verdict::NotJudged);
            assert!(a.note.contains("栏目表"), "{}", a.note);
        }
    }

    #[test]
    fn locations_leave_out_the_inbox_folder() {
        let p = Problem::new(Code::BadDate, "inbox/2018年4月/民政局.xlsx", &["四月五日"])
            .at("Sheet1", Place::cell(15, 2))
            .suggest("改为 2018-04-05");
        let f = submission_finding(&p, "inbox", Words::Sections);
        assert_eq!(f.location, "2018年4月/民政局.xlsx / Sheet1 / C15");
        assert_eq!(f.kind, "数据填写");
        assert!(f.description.ends_with("（建议：改为 2018-04-05）"));
    }

    #[test]
    fn problems_alike_in_one_sheet_share_a_row_that_locates_each() {
        let at = |sheet: &str, place: Place, value: &str| {
            Problem::new(Code::BadDate, "inbox/白营镇.xlsx", &[value]).at(sheet, place)
        };
        let rows = [5, 17, 20, 21, 22, 23, 30, 31];
        let mut problems: Vec<Problem> = (rows.iter())
            .map(|&r| at("二季度", Place::cell(r, 1), "四月"))
            .collect();
        problems.push(at("二季度", Place::cell(6, 1), "五月"));
        problems.push(at("一季度", Place::cell(9, 1), "四月"));
        problems.push(at("二季度", Place::row(40), "四月"));
        problems.push(at("二季度", Place::row(41), "四月"));
        let refs: Vec<&Problem> = problems.iter().collect();
        let found = alike_in_one_row(&refs, "inbox", Words::Sections);
        let places: Vec<&str> = found.iter().map(|f| f.location.as_str()).collect();
        assert_eq!(
            places,
            [
                "白营镇.xlsx / 二季度 / B5、B17、B20至B23、B30、B31、第40行、第41行",
                "白营镇.xlsx / 二季度 / B6",
                "白营镇.xlsx / 一季度 / B9",
            ]
        );
        assert!(found[0].description.contains("「四月」"), "{found:?}");
    }

    #[test]
    fn a_report_writes_a_message_as_a_printed_document_does() {
        let p = Problem::new(
            Code::LatePublication,
            "inbox/民政局.csv",
            &[
                "通知 2018-05-01",
                "当天公开",
                "2018-05-04",
                "应于 2018-05-05 前公开，",
                "2018-05-07",
                "3",
            ],
        )
        .suggest("改为 2018-05-04");
        assert_eq!(
            described(&p),
            "栏目「通知 2018-05-01」要求当天公开：本条信息产生于2018年5月4日，应于2018年5月5日前公开，\
             实际2018年5月7日公开，晚3天（建议：改为 2018-05-04）"
        );
        // A space between numbers, or beside a Latin word, stays; an impossible date too.
        assert_eq!(
            tight("第 3 行 inbox/a.xlsx 第 12 34 行"),
            "第3行 inbox/a.xlsx 第12 34行"
        );
        assert_eq!(
            dates_zh("2018-02-30 2018-02-28"),
            "2018-02-30 2018年2月28日"
        );
        // A date that shows what to type keeps its form.
        let p = Problem::new(
            Code::BadAroseDate,
            "inbox/民政局.csv",
            &["四月", "2018-03-05"],
        );
        assert!(
            described(&p).ends_with("请写作2018-03-05这样的格式"),
            "{}",
            described(&p)
        );
        // The unit's own report does not name it before what it did not send.
        let p = Problem::new(Code::NoContactForm, "reference/units.xlsx", &["志办"]).about("志办");
        assert_eq!(described(&p), "没有报送联系人登记表");
    }

    #[test]
    fn info_notices_are_not_listed() {
        let p = |code| Problem::new(code, "inbox/a.xlsx", &["x", "y"]);
        assert!(listed(&p(Code::BadDate)));
        assert!(!listed(&p(Code::DuplicateItem)));
        assert!(!listed(&p(Code::FormatMismatch)));
        assert!(!listed(&p(Code::DashAsZero)));
        // A warning that asks nothing of the unit: its items counted, its count set aside.
        assert!(!listed(&p(Code::CountsOverridden)));
        assert!(listed(&p(Code::DuplicateFile)));
        // A file moved away in the office while the run read it is no doing of the
        // unit's: its report said 否 on question 4 for it.
        assert!(!listed(&p(Code::Vanished)));
        assert!(!listed(&p(Code::LinkNowhere)));
    }
}
