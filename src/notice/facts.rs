//! What a drafted document may say: the run's own figures and findings, gathered into
//! the names the templates use. Nothing here judges a unit anew — the units named as
//! lagging or not submitting are exactly those of the run's C002 and C003 problems.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar;
use crate::check::figures::{Standing, UnitFigures};
use crate::config::Config;
use crate::contacts::{Doubt, Person};
use crate::coverage::judge::Status;
use crate::coverage::{Coverage, Words};
use crate::outputs::annex::completion_title;
use crate::outputs::evaluation::assessment::{kind, to_check};
use crate::outputs::evaluation::{Owners, assess, attribute, date_zh, listed, submission_due};
use crate::outputs::manifest::records::Role;
use crate::pipeline::Outcome;
use crate::problems::{Code, Problem, Severity};

/// The names the templates of the 通报 and the 催报 can use.
#[derive(Debug, Serialize)]
pub(crate) struct Facts {
    /// The issuing office, `[report] office`.
    pub(crate) office: String,
    /// How the office names itself in its own documents: 我办 for an 办公室, 我局, 我委,
    /// 我中心; its name where it ends otherwise.
    pub(crate) we: String,
    /// Whom at the office to call, `[report] contact` and `phone`, in one line (联系人：…，
    /// 联系电话：…); empty when neither is set.
    pub(crate) contact: String,
    /// The 主送 of a document to every unit, by their categories (see [`addressees`]).
    pub(crate) addressees: String,
    /// The period in Chinese: 2018年4月, 2018年第二季度.
    pub(crate) period: String,
    /// Its last day in Chinese.
    pub(crate) period_end: String,
    /// The day the figures are judged as of, in Chinese: the period's last day, or the
    /// document's date when that is earlier.
    pub(crate) as_of: String,
    /// The document's date in Chinese: also the day a unit is found to have sent nothing,
    /// since the inbox is read as it stands when the document is drafted.
    pub(crate) date: String,
    /// The 催报's due date in Chinese.
    pub(crate) due: String,
    /// Units with a target.
    pub(crate) units: usize,
    /// Of those, units that sent something dated in the period.
    pub(crate) submitted: usize,
    /// Units with a target named by the run's C003 (no submission).
    pub(crate) unsubmitted: Vec<String>,
    /// Units with a target named by the run's C004: their files held nothing countable
    /// (could not be read, or no data row).
    pub(crate) unusable: Vec<String>,
    /// Every unit from which nothing usable arrived (of manifest
    /// `units_without_submission`: the units with a target, then those whose sections
    /// have an update interval ending in the period), with their contacts — the
    /// addressees of the 催报.
    pub(crate) reminded: Vec<Missing>,
    /// How the 催报 speaks to its addressees: 你单位 to one, 以上单位 to several (the
    /// units of its 主送, never 你单位 to two).
    pub(crate) you: &'static str,
    /// Whether the inbox held contact forms: without them the 催报 names no contacts
    /// and does not say that a unit's are missing.
    pub(crate) registered: bool,
    /// Units that answer for a pilot domain (the domain table) and sent no standard
    /// catalogue of it (the run's M011), in the units table's order: seed 002 asks each
    /// to 汇编成本单位负责领域的政务公开事项标准目录. Empty where the inbox has no
    /// catalogue at all.
    pub(crate) uncatalogued: Vec<Owing>,
    /// Units of the units table with no contact form (the run's P006), where the inbox
    /// has contact forms: seed 002 asks each to name 1名分管领导和1名联络人.
    pub(crate) no_contact_form: Vec<String>,
    /// The people a contact form names, as the forms call them: 分管领导和联络人 (赤壁),
    /// 分管领导和信息工作人员 (大英's 附件3).
    pub(crate) roles: String,
    /// What the units file their items under: 栏目, or 领域 in a workspace of pilot
    /// domains (seed 002).
    pub(crate) section_word: &'static str,
    /// Whether the office runs seed 000's tracking evaluation (`[report] tracking`).
    pub(crate) tracking: bool,
    /// Units named by the run's C002 (behind schedule).
    pub(crate) behind: Vec<Behind>,
    /// Units with a target at or above the pro-rata expectation (or done).
    pub(crate) on_schedule: Vec<String>,
    /// Units that have met the whole annual target.
    pub(crate) done: Vec<String>,
    /// Items of units with a target dated in the period, counts included (the 本期 of
    /// the 合计 row).
    pub(crate) items_in_period: u64,
    /// Of those, what came as 统计数 (count rows) rather than listed items: the 明细 holds
    /// the rest.
    pub(crate) counted_in_period: u64,
    /// Items of units with a target in the year to date (the 年度累计 of the 合计 row).
    pub(crate) ytd_items: u64,
    /// The sum of the annual targets.
    pub(crate) target_total: u64,
    /// The sum of the pro-rata expectations.
    pub(crate) expected_total: u64,
    /// Year-to-date items of units with a target ÷ `target_total`, as `12.3%`.
    pub(crate) completion: String,
    /// How the sections kept to their 更新频率, where the workspace has sections or pilot
    /// domains.
    pub(crate) evaluation: Option<Evaluation>,
    /// Under the tracking evaluation only (`tracking`), units whose evaluation report
    /// (`zwgk report` dated the same day) asks them to rectify, in the order of the
    /// units table; empty otherwise. The 通报 gives them its own deadline: reports dated
    /// earlier may have asked others, by a day now past.
    pub(crate) rectify: Vec<String>,
    /// The day those units must have rectified by: `rectify_days` working days after the
    /// document's date (seed 000: 5), in Chinese; empty where the calendar cannot tell.
    pub(crate) rectify_due: String,
    /// `rectify_days`.
    pub(crate) rectify_days: u32,
    /// Units with a target by completion, best first.
    pub(crate) ranking: Vec<Ranked>,
    /// The problems of the tables units sent, counted (see [`of_a_table_sent`]).
    pub(crate) problems: ProblemCounts,
    /// The title of the annex (the progress table).
    pub(crate) annex_title: String,
}

/// A unit that sent nothing usable, and who to call.
#[derive(Debug, Serialize)]
pub(crate) struct Missing {
    pub(crate) unit: String,
    /// It sent files, but none could be counted (C004), rather than nothing.
    pub(crate) unusable: bool,
    /// The 通报 names it if it stays silent: a unit with a target (C003 or C004). One
    /// without (it answers for a section only) is reminded, not warned.
    pub(crate) named: bool,
    pub(crate) contacts: Vec<Contact>,
    /// The domains whose standard catalogue it has not sent either (税收管理领域), joined
    /// by 、; empty when it owes none.
    pub(crate) domains: String,
}

/// A unit that owes the standard catalogue of some of its domains.
#[derive(Debug, Serialize)]
pub(crate) struct Owing {
    pub(crate) unit: String,
    /// The domains, as the domain table names them, joined by 、 (税收管理领域).
    pub(crate) domains: String,
}

/// One person of a unit's current contact form.
#[derive(Debug, Serialize)]
pub(crate) struct Contact {
    pub(crate) role: String,
    pub(crate) name: String,
    /// Mobile and office phone, joined by 、.
    pub(crate) phone: String,
}

/// A unit behind schedule: its year-to-date items and the expectation.
#[derive(Debug, Serialize)]
pub(crate) struct Behind {
    pub(crate) unit: String,
    pub(crate) ytd: u32,
    pub(crate) expected: u32,
}

/// A place in the ranking (equal completions share a rank).
#[derive(Debug, Serialize)]
pub(crate) struct Ranked {
    pub(crate) rank: usize,
    pub(crate) unit: String,
    pub(crate) ytd: u32,
    pub(crate) target: u32,
    pub(crate) completion: String,
}

/// How the sections kept to their 更新频率, as `zwgk report` dated the same day finds
/// it: seed 000 §五(三) has the quarterly 通报 publish the tracking evaluation's results.
/// Only an interval rule (每月, 每季度 …) with an interval over in the period is judged:
/// a 按需 section can never be overdue, and a 每年 one is not due before its year ends.
#[derive(Debug, Serialize)]
pub(crate) struct Evaluation {
    /// 栏目, or 领域 in a workspace of pilot domains.
    pub(crate) word: &'static str,
    /// Sections in the table.
    pub(crate) sections: usize,
    /// Of those, the ones with information this period.
    pub(crate) updated: usize,
    /// Sections judged against their 更新频率 this period: an interval rule with an
    /// interval over at the judgement date (栏目覆盖's 正常, 超期未更新 and 从未更新).
    pub(crate) judged: usize,
    /// Of those, the ones updated in every interval judged (正常).
    pub(crate) current: usize,
    /// Those that passed an interval of their rule without an update (栏目覆盖's
    /// 超期未更新 and 从未更新).
    pub(crate) sleeping: Vec<Sleeping>,
    /// Of those, the ones never updated this year (从未更新).
    pub(crate) never: usize,
}

/// A section that passed an interval without an update, and who answers for it (as the
/// table writes it: 各乡镇; 未明确保障单位 where it names no unit).
#[derive(Debug, Serialize)]
pub(crate) struct Sleeping {
    pub(crate) section: String,
    pub(crate) units: String,
    /// Never updated this year (从未更新).
    pub(crate) never: bool,
}

/// Problems by severity and by kind (the 问题类型 of the evaluation reports).
#[derive(Debug, Serialize)]
pub(crate) struct ProblemCounts {
    /// Errors and warnings: what the units are to mend.
    pub(crate) total: usize,
    pub(crate) error: usize,
    pub(crate) warning: usize,
    pub(crate) info: usize,
    /// The errors and warnings by kind.
    pub(crate) by_kind: Vec<KindCount>,
    /// Of the errors and warnings, those no unit can be named for (a file whose unit
    /// cannot be told, the 合计 row of a table of several units, a unit the units table
    /// lacks): on no unit's report, for the office to look at.
    pub(crate) unattributed: usize,
    /// Warnings that only ask a unit to check (an item under another unit's section,
    /// S014), as its report lists them: not counted among the problems.
    pub(crate) to_check: usize,
}

/// How many problems of one kind.
#[derive(Debug, Serialize)]
pub(crate) struct KindCount {
    pub(crate) kind: &'static str,
    pub(crate) count: usize,
}

impl Facts {
    /// The facts of `outcome`, for a document dated `date` with replies due on `due`.
    pub(crate) fn of(outcome: &Outcome, config: &Config, date: NaiveDate, due: NaiveDate) -> Self {
        let named = |code: Code| -> Vec<&str> {
            let about = outcome.problems.iter().filter(|p| p.code == code);
            about.filter_map(|p| p.unit.as_deref()).collect()
        };
        let figures = |unit: &str| outcome.units.iter().find(|u| u.unit == unit);
        let with_target: Vec<&UnitFigures> = outcome
            .units
            .iter()
            .filter(|u| u.target.is_some())
            .collect();
        let names = |code| -> Vec<String> { named(code).into_iter().map(str::to_string).collect() };
        let (unsubmitted, unusable) = (names(Code::NoSubmission), names(Code::UnusableSubmission));
        let uncatalogued = uncatalogued(outcome);
        let reminded: Vec<Missing> = outcome
            .without_submission()
            .into_iter()
            .map(|unit| Missing {
                contacts: contacts(outcome, &unit),
                unusable: unusable.contains(&unit),
                // A unit with a target the 通报 will name if it is still missing, also
                // before its absence is judged (a 催报 dated within the period).
                named: unusable.contains(&unit) || outcome.unsubmitted.contains(&unit),
                domains: (uncatalogued.iter().find(|o| o.unit == unit))
                    .map(|o| o.domains.clone())
                    .unwrap_or_default(),
                unit,
            })
            .collect();
        let behind = named(Code::BehindSchedule)
            .into_iter()
            .filter_map(figures)
            .map(|u| Behind {
                unit: u.unit.clone(),
                ytd: u.ytd_items,
                expected: u.expected_ytd.unwrap_or(0),
            })
            .collect();
        let standing = |s: &[Standing]| -> Vec<String> {
            let hit = with_target.iter().filter(|u| s.contains(&u.standing));
            hit.map(|u| u.unit.clone()).collect()
        };
        // Every total over the same units as the 合计 row: those with a target.
        let sum = |f: &dyn Fn(&UnitFigures) -> Option<u32>| -> u64 {
            with_target.iter().filter_map(|u| f(u)).map(u64::from).sum()
        };
        let targeted: HashSet<&str> = with_target.iter().map(|u| u.unit.as_str()).collect();
        let target_total = sum(&|u| u.target);
        let ytd_items = sum(&|u| Some(u.ytd_items));
        let office = config.report.office(&outcome.workspace);
        Self {
            we: we(&office),
            office,
            contact: config.report.contact_line().unwrap_or_default(),
            addressees: addressees(&outcome.units, &outcome.workspace),
            period: outcome.period.label_zh(),
            period_end: date_zh(outcome.period.end()),
            as_of: date_zh(outcome.window.as_of),
            date: date_zh(date),
            due: date_zh(due),
            units: with_target.len(),
            submitted: with_target.len() - outcome.unsubmitted.len(),
            unsubmitted,
            unusable,
            you: if reminded.len() == 1 {
                "你单位"
            } else {
                "以上单位"
            },
            reminded,
            registered: outcome.contacts.is_some(),
            roles: {
                let labels = (outcome.contacts.as_ref()).map(|r| r.labels.clone());
                let labels = labels.unwrap_or_default();
                format!("{}和{}", labels.leader, labels.liaison)
            },
            uncatalogued,
            no_contact_form: (outcome.contacts.iter())
                .flat_map(|r| r.missing.iter().cloned())
                .collect(),
            section_word: outcome.words().section(),
            tracking: config.report.tracking,
            behind,
            on_schedule: standing(&[Standing::OnTrack, Standing::Done]),
            done: standing(&[Standing::Done]),
            items_in_period: sum(&|u| Some(u.period_items)),
            counted_in_period: outcome.counted_in_window(|u| targeted.contains(u)),
            ytd_items,
            target_total,
            expected_total: sum(&|u| u.expected_ytd),
            completion: percent(ytd_items as f64 / target_total.max(1) as f64),
            evaluation: outcome.coverage.as_ref().map(evaluation),
            rectify: if config.report.tracking {
                rectify(outcome, config, date)
            } else {
                Vec::new()
            },
            rectify_due: (calendar::deadline(date, config.report.rectify_days).ok())
                .map_or(String::new(), date_zh),
            rectify_days: config.report.rectify_days,
            ranking: ranking(&with_target),
            problems: counts(outcome),
            annex_title: completion_title(outcome),
        }
    }
}

/// How the sections of coverage `c` kept to their 更新频率.
fn evaluation(c: &Coverage) -> Evaluation {
    let sleeping = c.sections.iter().filter(|s| s.status.is_sleeping());
    let current = (c.sections.iter())
        .filter(|s| s.status == Status::Current)
        .count();
    Evaluation {
        word: c.words.section(),
        sections: c.summary.sections,
        updated: c.summary.sections_updated,
        judged: current + sleeping.clone().count(),
        current,
        never: (sleeping.clone())
            .filter(|s| s.status == Status::NeverUpdated)
            .count(),
        sleeping: sleeping
            .map(|s| Sleeping {
                // In prose: “信息公开—主动公开—十方面实事”, not a path.
                section: format!("“{}”", s.label.replace('/', "—")),
                // A table cell that names no unit (相关单位, an undefined group) is not
                // printed as if it did.
                units: if s.section.responsible.is_empty() {
                    c.words.reword("未明确保障单位")
                } else {
                    s.section.responsible_text.clone()
                },
                never: s.status == Status::NeverUpdated,
            })
            .collect(),
    }
}

/// The units whose evaluation report of `date` asks them to rectify by its deadline. A
/// unit that only owes the period's information, given a later day in a report dated
/// before the period ends, is left to the sentence on units that sent nothing.
fn rectify(outcome: &Outcome, config: &Config, date: NaiveDate) -> Vec<String> {
    let attribution = attribute(&outcome.problems, &Owners::of(outcome));
    let inbox = config.paths.inbox.to_string_lossy();
    let deadline = calendar::deadline(date, config.report.rectify_days).ok();
    let later = submission_due(config, date, outcome.period.end()).ok() != deadline;
    (assess(outcome, &attribution, &inbox).iter())
        .filter(|a| a.must_rectify() && !(later && a.owes_submission_only()))
        .map(|a| a.unit().to_string())
        .collect()
}

/// The 主送 of a document to every unit of `units`, by their categories, in the order of
/// seed 001's (各镇乡人民政府，各园区、社区管委会，县级各部门，县属各企事业单位): townships,
/// counties under a city, parks and communities, the departments at the level of the
/// `workspace` (大英县 → 县级各部门, 赤壁市 → 市级各部门), then 各有关单位 for any other
/// category, as seed 000 ends (…及有关单位).
fn addressees(units: &[UnitFigures], workspace: &str) -> String {
    let has = |c: &str| units.iter().any(|u| u.category == c);
    let level = workspace
        .chars()
        .last()
        .filter(|c| "县市区旗".contains(*c))
        .unwrap_or('县');
    let mut out: Vec<String> = Vec::new();
    if has("乡镇") || has("乡") || has("镇") {
        out.push("各乡镇人民政府".into());
    }
    if has("街道") {
        out.push("各街道办事处".into());
    }
    if has("县区") {
        out.push("各县（区）人民政府".into());
    }
    match (has("园区"), has("社区")) {
        (true, true) => out.push("各园区、社区管委会".into()),
        (true, false) => out.push("各园区管委会".into()),
        (false, true) => out.push("各社区管委会".into()),
        (false, false) => {}
    }
    if has("部门") {
        out.push(format!("{level}级各部门"));
    }
    let named = ["乡镇", "乡", "镇", "街道", "县区", "园区", "社区", "部门"];
    if out.is_empty() || units.iter().any(|u| !named.contains(&u.category.as_str())) {
        out.push("各有关单位".into());
    }
    out.join("，")
}

/// `0.4567` as `45.7%`.
pub(crate) fn percent(share: f64) -> String {
    // As the workbooks keep it (see `Value::percent`): 111 of 240 (46.25 %) reads 46.3 %.
    format!("{:.1}%", crate::write::percent_tenths(share) / 10.0)
}

/// Units with a target by completion, best first; completions that print alike (46/140
/// and 79/240 both read 32.9%) share a rank and keep the units table's order: the table
/// must justify its order.
fn ranking(units: &[&UnitFigures]) -> Vec<Ranked> {
    let key = |u: &UnitFigures| crate::write::percent_tenths(u.completion.unwrap_or(0.0));
    let mut sorted = units.to_vec();
    sorted.sort_by(|a, b| key(b).total_cmp(&key(a)));
    let mut out: Vec<Ranked> = Vec::with_capacity(sorted.len());
    let mut previous = None;
    for (i, u) in sorted.into_iter().enumerate() {
        let rank = match (previous, out.last()) {
            (Some(p), Some(last)) if p == key(u) => last.rank,
            _ => i + 1,
        };
        previous = Some(key(u));
        out.push(Ranked {
            rank,
            unit: u.unit.clone(),
            ytd: u.ytd_items,
            target: u.target.unwrap_or(0),
            completion: percent(u.completion.unwrap_or(0.0)),
        });
    }
    out
}

/// The problems of the tables sent for the period, by severity, and by kind in order of
/// frequency.
fn counts(outcome: &Outcome) -> ProblemCounts {
    // A file of other months only had its problems counted in their 通报.
    let submitted: HashSet<&str> = (outcome.inputs.iter())
        .filter(|i| i.role == Role::Submission && !i.of_other_months(outcome.period))
        .map(|i| i.path.as_str())
        .collect();
    let found: Vec<&Problem> = (outcome.problems.iter())
        .filter(|p| of_a_table_sent(p, &submitted))
        .collect();
    // What the evaluation reports list: a 提示 asks nothing of the unit (an .xls that is
    // a web page, read as one), nor does a warning whose advice is 无需处理 (a month's
    // count set aside beside its item list, N002).
    // Nor is what only asks a unit to check (S014, M012) a problem to mend.
    let shown: Vec<&Problem> = found.iter().copied().filter(|p| listed(p)).collect();
    let (checks, to_mend): (Vec<&Problem>, Vec<&Problem>) =
        shown.into_iter().partition(|p| to_check(p.code));
    let words = outcome.words();
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    for p in &to_mend {
        *kinds.entry(kind_of(p.code, words)).or_default() += 1;
    }
    let mut by_kind: Vec<KindCount> = kinds
        .into_iter()
        .map(|(kind, count)| KindCount { kind, count })
        .collect();
    by_kind.sort_by_key(|k| std::cmp::Reverse(k.count));
    let of = |severity| found.iter().filter(|p| p.severity == severity).count();
    let unowned = attribute(&outcome.problems, &Owners::of(outcome)).unattributed;
    let unattributed = (unowned.into_iter())
        .filter_map(|i| outcome.problems.get(i))
        .filter(|p| of_a_table_sent(p, &submitted) && listed(p) && !to_check(p.code))
        .count();
    ProblemCounts {
        total: to_mend.len(),
        error: of(Severity::Error),
        warning: of(Severity::Warning),
        info: of(Severity::Info),
        by_kind,
        unattributed,
        to_check: checks.len(),
    }
}

/// Whether `p` is a problem of a table a unit sent (one of the `submitted` files): not
/// of the office's reference tables, nor a lock file skipped, nor a verdict the 通报
/// states on its own (未报送, 进度落后, files that could not be counted).
fn of_a_table_sent(p: &Problem, submitted: &HashSet<&str>) -> bool {
    let verdict = matches!(
        p.code,
        Code::SkippedSystemFile
            | Code::BehindSchedule
            | Code::NoSubmission
            | Code::UnusableSubmission
    );
    !verdict && submitted.contains(&p.file.as_str())
}

/// The 问题类型 of the evaluation reports, with the kinds those reports leave as 其他
/// (they list a unit's own findings only; the 通报 counts every problem of the run)
/// named by what they concern.
fn kind_of(code: Code, words: Words) -> &'static str {
    match (kind(code, words), code.id().as_bytes().first()) {
        ("其他", Some(b'S')) if words == Words::Domains => "责任分工表",
        ("其他", Some(b'S')) => "栏目表",
        ("其他", Some(b'R')) => "参考表",
        ("其他", Some(b'W')) => "内容过长",
        (k, _) => k,
    }
}

/// The units that sent no standard catalogue of a domain they answer for (M011), in the
/// units table's order, with those domains.
fn uncatalogued(outcome: &Outcome) -> Vec<Owing> {
    let Some(c) = &outcome.catalogue else {
        return Vec::new();
    };
    let mut owed: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in &c.domains {
        let name = if d.name.ends_with("领域") {
            d.name.clone()
        } else {
            format!("{}领域", d.name)
        };
        for unit in &d.missing {
            owed.entry(unit).or_default().push(name.clone());
        }
    }
    let order = |unit: &str| outcome.units.iter().position(|u| u.unit == unit);
    let mut out: Vec<Owing> = (owed.into_iter())
        .map(|(unit, domains)| Owing {
            unit: unit.to_string(),
            domains: domains.join("、"),
        })
        .collect();
    out.sort_by_key(|o| order(&o.unit).unwrap_or(usize::MAX));
    out
}

/// The people of `unit`'s current contact form(s), where the register has any: a person
/// two forms that cannot be ordered list alike, once.
fn contacts(outcome: &Outcome, unit: &str) -> Vec<Contact> {
    let Some(register) = &outcome.contacts else {
        return Vec::new();
    };
    let Some(entry) = register.entry(unit) else {
        return Vec::new();
    };
    (entry.people.iter())
        .map(|&(p, _)| Contact {
            role: register.role_of(p).to_string(),
            name: p.name.clone(),
            phone: phones(p),
        })
        .collect()
}

/// A person's numbers as a 催报 lists them: a number a problem puts in doubt is not
/// printed for units to call, but said to need checking, as 附件-contacts's 备注 says:
/// `0825-7811666；手机需核对`.
fn phones(p: &Person) -> String {
    let numbers = [
        (Doubt::Mobile, &p.mobile),
        (Doubt::OfficePhone, &p.office_phone),
    ];
    let (doubted, sound): (Vec<_>, Vec<_>) = (numbers.into_iter())
        .filter(|(_, n)| !n.is_empty())
        .partition(|(d, _)| p.doubts.contains(d));
    let sound: Vec<&str> = sound.iter().map(|(_, n)| n.as_str()).collect();
    let doubted: Vec<&str> = doubted.iter().map(|(d, _)| d.zh()).collect();
    let doubted = (!doubted.is_empty()).then(|| format!("{}需核对", doubted.join("、")));
    let parts = [(!sound.is_empty()).then(|| sound.join("、")), doubted];
    parts.into_iter().flatten().collect::<Vec<_>>().join("；")
}

/// How `office` names itself in its own documents (请及时与我办联系): by the last word of
/// its name — 赤壁市政务公开领导小组办公室 is 我办, 县政府政务信息中心 我中心 — or by its
/// name where that word is not one of these.
fn we(office: &str) -> String {
    const SELVES: [(&str, &str); 6] = [
        ("办公室", "我办"),
        ("办", "我办"),
        ("委员会", "我委"),
        ("委", "我委"),
        ("局", "我局"),
        ("中心", "我中心"),
    ];
    (SELVES.iter())
        .find(|(end, _)| office.ends_with(end))
        .map_or_else(|| office.to_string(), |(_, we)| (*we).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_names_itself_by_the_last_word_of_its_name() {
        assert_eq!(we("汤阴县人民政府办公室"), "我办");
        assert_eq!(we("赤壁市政务公开领导小组办公室"), "我办");
        assert_eq!(we("政府办"), "我办");
        assert_eq!(we("县政府政务信息中心"), "我中心");
        assert_eq!(we("县政务服务和大数据管理局"), "我局");
        assert_eq!(we("县政务公开工作委员会"), "我委");
        assert_eq!(we("县政务公开领导小组"), "县政务公开领导小组");
    }

    #[test]
    fn a_completion_reads_as_the_workbook_shows_it_half_up() {
        assert_eq!(percent(111.0 / 240.0), "46.3%");
        assert_eq!(percent(82.0 / 160.0), "51.3%");
        assert_eq!(percent(74.0 / 160.0), "46.3%");
        assert_eq!(percent(1.0 / 3.0), "33.3%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(248.0 / 240.0), "103.3%");
    }

    fn unit(name: &str, completion: f64) -> UnitFigures {
        UnitFigures {
            unit: name.into(),
            category: "部门".into(),
            target: Some(100),
            period_items: 0,
            ytd_items: (completion * 100.0) as u32,
            expected_ytd: Some(30),
            completion: Some(completion),
            score: None,
            score_basis: crate::check::figures::ScoreBasis::ProRata,
            standing: Standing::OnTrack,
        }
    }

    #[test]
    fn equal_completions_share_a_rank_in_the_units_table_order() {
        // 住建局 79/240 and 热线办 46/140 both print as 32.9%.
        let units = [
            unit("甲", 79.0 / 240.0),
            unit("乙", 0.5),
            unit("丙", 46.0 / 140.0),
            unit("丁", 0.1),
        ];
        let refs: Vec<&UnitFigures> = units.iter().collect();
        let ranking = ranking(&refs);
        let ranked: Vec<(usize, &str, &str)> = ranking
            .iter()
            .map(|r| (r.rank, r.unit.as_str(), r.completion.as_str()))
            .collect();
        assert_eq!(
            ranked,
            vec![
                (1, "乙", "50.0%"),
                (2, "甲", "32.9%"),
                (2, "丙", "32.9%"),
                (4, "丁", "10.0%")
            ]
        );
    }

    /// Seed 001 addresses 各镇乡人民政府，各园区、社区管委会，县级各部门，县属各企事业单位;
    /// seed 000 ends with 及有关单位.
    #[test]
    fn a_document_is_addressed_to_every_category_of_unit_at_the_workspaces_level() {
        let of = |categories: &[&str]| -> Vec<UnitFigures> {
            let units = categories.iter().map(|c| UnitFigures {
                category: (*c).into(),
                ..unit("甲", 0.3)
            });
            units.collect()
        };
        let daying = of(&["部门", "乡镇", "园区", "垂直管理", "社区"]);
        assert_eq!(
            addressees(&daying, "大英县"),
            "各乡镇人民政府，各园区、社区管委会，县级各部门，各有关单位"
        );
        assert_eq!(
            addressees(&of(&["部门", "乡镇"]), "大英县"),
            "各乡镇人民政府，县级各部门"
        );
        assert_eq!(addressees(&of(&["部门"]), "赤壁市"), "市级各部门");
        assert_eq!(addressees(&of(&["县区"]), "淮南市"), "各县（区）人民政府");
        assert_eq!(addressees(&[], "大英县"), "各有关单位");
    }

    #[test]
    fn problems_the_reports_call_other_are_named_by_what_they_concern() {
        let kind = |code| kind_of(code, Words::Sections);
        assert_eq!(kind(Code::BadMobile), "联系人登记表");
        assert_eq!(kind(Code::CellTruncated), "内容过长");
        assert_eq!(kind(Code::UnknownResponsible), "栏目表");
        assert_eq!(kind(Code::NoSubmission), "未报送");
        assert_eq!(kind(Code::Sleeping), "栏目更新不及时");
        // A workspace of pilot domains is told of 领域 and its 责任分工表.
        assert_eq!(
            kind_of(Code::UnknownResponsible, Words::Domains),
            "责任分工表"
        );
        assert_eq!(kind_of(Code::Sleeping, Words::Domains), "领域更新不及时");
    }
}
