//! The annual assessment (考核/评估; seeds 001 Annex 2, 003, 004), in stage order: the
//! units and the indicator table → the score sheets of the inbox, judged value by value →
//! the run's own figures where an indicator takes them (`数据来源`) → per object the
//! total, rank (and grade, where the office defines grades) as published (公示) → 复核
//! decisions applied → the final results.
//! Bad values are problems at their cells; nothing is clamped and nothing guessed.

mod appeals;
mod inbox;
mod indicators;
mod judge;
mod results;
mod sheets;
mod sources;
mod values;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

pub(crate) use appeals::{Appeal, Deadline, Status as AppealStatus};
pub(crate) use indicators::{Indicator, Indicators, Spot};
pub(crate) use results::{Line, Origin, Outcome};
pub(crate) use sheets::SheetCounts;
pub(crate) use values::number;

use crate::Error;
use crate::config::{Config, ConfigError};
use crate::coverage::outside_quotes;
use crate::ingest::Input;
use crate::layout::{Field, Table};
use crate::normalise::frame::Walk;
use crate::normalise::{Account, Framing, Resolver};
use crate::outputs::{InputRecord, Role, records};
use crate::pipeline;
use crate::problems::{Code, Problem};
use crate::reference::{self, Kind, Loaded, ReferenceError};

/// The fields that name an indicator in a score sheet.
const INDICATOR_FIELDS: [Field; 4] = [
    Field::Indicator,
    Field::Indicator1,
    Field::Indicator2,
    Field::Indicator3,
];

/// How a score sheet's rows are framed: the object, the indicator and its points, the
/// score (one row per indicator column of a wide sheet), and what comes with it.
pub(crate) const FRAMING: Framing = Framing {
    fields: &[
        Field::Unit,
        Field::Indicator1,
        Field::Indicator2,
        Field::Indicator3,
        Field::Indicator,
        Field::Points,
        Field::Level1Points,
        Field::Applies,
        Field::Score,
        Field::Deducted,
        Field::TotalScore,
        Field::CityDeduction,
        Field::Reason,
        Field::Evidence,
        Field::Link,
    ],
    names: &[Field::Unit],
    across: Some(Field::Score),
};

/// How the indicator table is framed.
const INDICATORS: Kind = Kind {
    what: "指标体系表",
    key: "indicators",
    needs: &[Field::Points],
    framing: Framing {
        fields: &[
            Field::Indicator1,
            Field::Indicator2,
            Field::Indicator3,
            Field::Indicator,
            Field::Points,
            Field::Level1Points,
            Field::Rule,
            Field::Assessor,
            Field::Applies,
            Field::DataSource,
            Field::Evidence,
        ],
        names: &[],
        across: None,
    },
};

/// How the 复核 decisions are framed.
const APPEALS: Kind = Kind {
    what: "复核结果表",
    key: "appeals",
    needs: &[Field::ReviewScore],
    framing: Framing {
        fields: &[
            Field::Unit,
            Field::Indicator1,
            Field::Indicator2,
            Field::Indicator3,
            Field::Indicator,
            Field::AppliedOn,
            Field::ReviewScore,
            Field::ReviewNote,
        ],
        names: &[Field::Unit],
        across: None,
    },
};

/// Whether a table is a score sheet: an indicator column with a 得分 or 扣分 column
/// (long), or a wide one, whose 得分 layout spreads across a column per indicator.
pub(crate) fn is_score_sheet(t: &Table) -> bool {
    let named = INDICATOR_FIELDS.iter().any(|f| t.has(*f));
    let scored = t.has(Field::Score) || t.has(Field::Deducted);
    (named && scored) || is_wide(t)
}

/// Whether a score sheet is wide (单位 × 指标).
pub(crate) fn is_wide(t: &Table) -> bool {
    t.columns.iter().any(|c| c.across)
}

/// Everything an assessment found, ready to be written.
pub(crate) struct Assessment {
    /// The office's area, `[workspace] name`.
    pub(crate) workspace: String,
    /// The exercise as titles name it, with its year (`[assessment] name`).
    pub(crate) title: String,
    /// What the notice calls it: 考核 or 评估 (`[assessment] term`).
    pub(crate) term: String,
    /// What the 折算得分 counts toward (`[assessment] counts_into`).
    pub(crate) counts_into: String,
    /// The year assessed.
    pub(crate) year: i32,
    /// The day the results are published, when known.
    pub(crate) publicity: Option<NaiveDate>,
    /// The last day to apply for 复核, when the publicity date and `appeal_days` are
    /// known and the calendar gives it.
    pub(crate) deadline: Option<NaiveDate>,
    /// Working days from publicity to the deadline, where the settings set them.
    pub(crate) appeal_days: Option<u32>,
    /// The indicator table, checked.
    pub(crate) indicators: Indicators,
    /// Results as published: before any 复核.
    pub(crate) published: Vec<Outcome>,
    /// Final results, after the 复核 decisions made in time.
    pub(crate) objects: Vec<Outcome>,
    /// The 复核 decisions read.
    pub(crate) appeals: Vec<Appeal>,
    /// Score sheets counted, by kind.
    pub(crate) sheets: SheetCounts,
    /// The reference files, then every inbox file.
    pub(crate) inputs: Vec<InputRecord>,
    /// Every problem, reference tables first.
    pub(crate) problems: Vec<Problem>,
    /// Why the annexes are withheld where scores rest on part of the year (A026).
    pub(crate) part_year: Option<String>,
    /// The percent of the year's performance score the total counts for.
    pub(crate) weight: Option<f64>,
    /// Whether `[assessment] grades` defines 等次: without them no output has a 等次.
    pub(crate) graded: bool,
    /// How many times a city deduction counts against its lead unit.
    pub(crate) city_factor: f64,
}

impl Assessment {
    /// The objects from which no self-assessment (自评表) of the year came, where others
    /// sent theirs (seed 004: 各评估对象按照评估指标……开展自查自评); none where no object
    /// sent one, as where the notice asks for none.
    pub(crate) fn without_self_assessment(&self) -> Vec<&str> {
        let sent = |o: &Outcome| {
            o.self_unlisted > 0
                || (o.lines.iter()).any(|l| {
                    l.self_value.is_some() || l.self_refused.is_some() || l.self_unreadable
                })
        };
        if !self.objects.iter().any(sent) {
            return Vec::new();
        }
        (self.objects.iter())
            .filter(|o| !sent(o))
            .map(|o| o.unit.as_str())
            .collect()
    }

    /// Whether 本办 scored nothing it scores on a sheet, for any object, before 复核: its
    /// own score sheet was not counted (one for another year, say). Its deduction items
    /// left unscored take nothing off, as they should, and are no sign of it.
    pub(crate) fn office_unscored(&self) -> bool {
        let leaves = &self.indicators.tree.leaves;
        let office = |i: usize| {
            let l = &leaves[i];
            l.assessor == indicators::Assessor::Office && l.source.is_none() && !l.points.deduction
        };
        let unscored = Origin::Missing(results::Lack::Unscored);
        let lines = self.published.iter().flat_map(|o| &o.lines);
        let mut lines = lines.filter(|l| office(l.leaf)).peekable();
        lines.peek().is_some() && lines.all(|l| l.origin == unscored)
    }

    /// `text` in the notice's own word for the exercise (`[assessment] term`).
    pub(crate) fn in_terms<'t>(&self, text: &'t str) -> Cow<'t, str> {
        in_terms(text, &self.term)
    }

    /// How many problems have `severity`.
    pub(crate) fn count(&self, severity: crate::problems::Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Assesses `year` on the workspace at `root`; `publicity` is the day the results are
/// published, from which the 复核 deadline counts. `progress(done, total)` is called as
/// inbox files are read.
///
/// # Errors
/// [`Error::Reference`] for a missing or unusable units or indicator table;
/// [`Error::Config`] for an `[assessment] office` that is no unit or an unreadable inbox;
/// what [`pipeline::run`] stops for when an indicator takes the run's figures.
pub(crate) fn assess(
    root: &Path,
    config: &Config,
    year: i32,
    publicity: Option<NaiveDate>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Assessment, Error> {
    let settings = &config.assessment;
    let mut refs = References::load(root, config)?;
    let office = office_unit(config, &refs.resolver)?;
    let judge = judge::Judge::new(&refs.indicators, &refs.resolver, &refs.outside, office);
    // A damaged cache entry was read afresh; the assessment has no place for the note.
    let inputs = pipeline::inbox(root, config, progress, None)?.inputs;
    let collected = sheets::collect(&inputs, &judge, year);
    let leaves = &refs.indicators.tree.leaves;
    let figures = leaves.iter().any(|l| l.source.is_some());
    let (inbox_records, unused) = inbox::list(&inputs, &collected, &refs.resolver, figures);
    let (figures, part_year) = sources::figures(root, config, &refs.indicators, (year, inputs))?;
    let inbox_records = inbox::counted(inbox_records, &figures.records);
    let units = refs.resolver.units();
    let tally = results::tally(
        &refs.indicators,
        units,
        &collected.scores,
        &figures,
        settings,
    );
    let published = tally.objects.clone();
    let mut objects = tally.objects;
    let (deadline, found) = deadline(publicity, settings.appeal_days, &refs.indicators_file);
    refs.problems.extend(found);
    let decided = decide(root, config, &judge, &mut objects, (publicity, deadline))?;
    let deadline = match deadline {
        Deadline::Day(day) => Some(day),
        Deadline::None | Deadline::Unknown => None,
    };
    refs.inputs.extend(decided.input);
    let mut problems = refs.problems;
    problems.extend(unused);
    problems.extend(part_year);
    problems.extend(collected.problems);
    problems.extend(tally.problems);
    problems.extend(decided.problems);
    appeals::settle(&mut problems, &objects);
    let mut assessment = Assessment {
        workspace: config.workspace.name.clone(),
        title: settings.title(&config.workspace.name, year),
        term: settings.term.trim().to_string(),
        counts_into: settings.counts_into.trim().to_string(),
        year,
        publicity,
        deadline,
        appeal_days: settings.appeal_days,
        inputs: reference_records(&refs.inputs)
            .chain(inbox_records)
            .collect(),
        indicators: refs.indicators,
        published,
        objects,
        appeals: decided.appeals,
        sheets: collected.sheets,
        problems,
        part_year: figures.part_year.clone(),
        weight: settings.weight,
        graded: !settings.grades.is_empty(),
        city_factor: settings.city_factor,
    };
    let cut = crate::outputs::assessment::overlong(&assessment, root, config);
    assessment.problems.extend(cut);
    reword(&mut assessment.problems, &assessment.term);
    Ok(assessment)
}

/// `text` with 考核 said as `term` (seed 004's 评估: 评估单位, 评估对象, 请评估单位…),
/// except inside 「」, where a name is quoted as written.
pub(crate) fn in_terms<'t>(text: &'t str, term: &str) -> Cow<'t, str> {
    const WORD: &str = "考核";
    if term == WORD || term.is_empty() || !text.contains(WORD) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(outside_quotes(text, |plain| plain.replace(WORD, term)))
}

/// Says every problem's message and advice in `term` (see [`in_terms`]).
fn reword(problems: &mut [Problem], term: &str) {
    for p in problems {
        if let Cow::Owned(message) = in_terms(&p.message, term) {
            p.message = message;
        }
        if let Cow::Owned(advice) = in_terms(p.advice(), term) {
            p.advice = Some(advice.into());
        }
    }
}

/// The indicator table with each unit's category: what a blank 自评表 lists.
pub(crate) struct Assessed {
    pub(crate) indicators: Indicators,
    /// The units table.
    pub(crate) resolver: Resolver,
    /// Each unit's category key, by canonical name.
    categories: HashMap<String, String>,
    /// What reading the units and indicator tables found.
    pub(crate) problems: Vec<Problem>,
}

impl Assessed {
    /// Reads the units and indicator tables of the workspace at `root`.
    ///
    /// # Errors
    /// [`Error::Reference`] for a missing or unusable units or indicator table.
    pub(crate) fn load(root: &Path, config: &Config) -> Result<Self, Error> {
        let refs = References::load(root, config)?;
        let categories = refs
            .resolver
            .units()
            .iter()
            .map(|u| (u.name.clone(), values::category_key(&u.category)))
            .collect();
        Ok(Self {
            indicators: refs.indicators,
            resolver: refs.resolver,
            categories,
            problems: refs.problems,
        })
    }

    /// The indicators `unit` is assessed on, in table order; none for a unit whose
    /// category is not assessed.
    pub(crate) fn of(&self, unit: &str) -> Vec<&Indicator> {
        let Some(category) = self.categories.get(unit) else {
            return Vec::new();
        };
        if !self.indicators.categories.contains(category) {
            return Vec::new();
        }
        let leaves = &self.indicators.tree.leaves;
        self.indicators
            .of(category)
            .into_iter()
            .map(|i| &leaves[i])
            .collect()
    }
}

/// The reference tables an assessment reads: units, the assessors outside them, the
/// indicator table.
struct References {
    resolver: Resolver,
    outside: Resolver,
    indicators: Indicators,
    /// The indicator table's display path, where findings without a cell of their own go.
    indicators_file: String,
    inputs: Vec<(Input, Vec<Account>)>,
    problems: Vec<Problem>,
}

impl References {
    fn load(root: &Path, config: &Config) -> Result<Self, Error> {
        let mut inputs = Vec::new();
        let mut problems = Vec::new();
        let units = reference::load_units(root, config, &mut inputs, &mut problems)?;
        let resolver = &units.resolver;
        let outside = outside_assessors(config);
        let rel = config.reference.indicators.clone();
        let rel = rel.or_else(|| reference::default_path(root, "indicators"));
        let rel = rel.unwrap_or_else(|| "reference/indicators.xlsx".into());
        let file = reference::open(root, config, &rel, &INDICATORS)?;
        let names = (resolver, &outside);
        let indicators = read_indicators(&file, names, config, &mut inputs, &mut problems)?;
        units.require_categories(|| {
            let path = &file.input.path;
            if config.assessment.categories.is_some() {
                Some("zwgk.toml 的 [assessment] categories 要按类别选取考核对象".into())
            } else {
                let named = problems.iter().any(|p| p.code == Code::UnknownCategory);
                named.then(|| format!("指标体系表 {path} 的适用对象要按类别选取考核对象"))
            }
        })?;
        assessed_categories_known(config, resolver)?;
        Ok(Self {
            resolver: units.resolver,
            outside,
            indicators,
            indicators_file: file.input.path,
            inputs,
            problems,
        })
    }
}

/// Checks that each category of `[assessment] categories` is one a unit has.
///
/// # Errors
/// [`ReferenceError::UnknownAssessedCategory`] naming those no unit has.
fn assessed_categories_known(config: &Config, resolver: &Resolver) -> Result<(), Error> {
    let Some(listed) = &config.assessment.categories else {
        return Ok(());
    };
    let mut known: Vec<&str> = Vec::new();
    for u in resolver.units() {
        if !u.category.is_empty() && !known.contains(&u.category.as_str()) {
            known.push(&u.category);
        }
    }
    let has = |c: &str| (known.iter()).any(|k| values::category_key(k) == values::category_key(c));
    let unknown: Vec<&str> = (listed.iter().map(String::as_str))
        .filter(|c| !has(c))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(ReferenceError::UnknownAssessedCategory {
        unknown: unknown.join("、"),
        path: config.reference.units.to_string_lossy().replace('\\', "/"),
        known: known.join("、"),
    }
    .into())
}

/// The 复核 decisions read and applied, with the appeals table as read.
struct Decided {
    appeals: Vec<Appeal>,
    problems: Vec<Problem>,
    input: Option<(Input, Vec<Account>)>,
}

/// Reads the appeals table where there is one and applies the decisions made in time —
/// from the publicity date to its deadline, where both are known — to `objects`,
/// ranking them again.
fn decide(
    root: &Path,
    config: &Config,
    judge: &judge::Judge,
    objects: &mut [Outcome],
    dates: (Option<NaiveDate>, Deadline),
) -> Result<Decided, Error> {
    let rel = config.reference.appeals.clone();
    let Some(rel) = rel.or_else(|| reference::default_path(root, "appeals")) else {
        return Ok(Decided {
            appeals: Vec::new(),
            problems: Vec::new(),
            input: None,
        });
    };
    let file = reference::open(root, config, &rel, &APPEALS)?;
    let (mut appeals, mut problems) = match file.table() {
        Some((table, rows)) => {
            let walk = Walk::new(rows, &APPEALS.framing)?;
            appeals::read(&table, &walk, judge)
        }
        None => (Vec::new(), Vec::new()),
    };
    problems.extend(appeals::apply(
        objects,
        &mut appeals,
        dates,
        &file.input.path,
    ));
    results::rank(judge.indicators, objects, &config.assessment);
    // Rows refused as written, and those that contradict another once dated.
    let rejected = appeals.iter().filter(|a| a.status.rejected()).count();
    Ok(Decided {
        appeals,
        problems,
        input: Some(file.record(rejected)),
    })
}

/// The 考核单位 outside the units table, resolved like units (大英县总工会 → 总工会).
fn outside_assessors(config: &Config) -> Resolver {
    let units = config
        .assessment
        .assessors
        .iter()
        .map(|name| crate::model::Unit {
            name: name.trim().to_string(),
            aliases: Vec::new(),
            category: String::new(),
        })
        .collect();
    Resolver::new(units, &config.workspace.name).0
}

fn read_indicators(
    file: &Loaded,
    (resolver, outside): (&Resolver, &Resolver),
    config: &Config,
    references: &mut Vec<(Input, Vec<Account>)>,
    problems: &mut Vec<Problem>,
) -> Result<Indicators, Error> {
    let path = || file.input.path.clone();
    let (table, rows) = file
        .table()
        .ok_or_else(|| ReferenceError::NoIndicators(path()))?;
    let walk = Walk::new(rows, &INDICATORS.framing)?;
    let (indicators, found, rejected) =
        indicators::load(&table, &walk, resolver, outside, &config.assessment);
    problems.extend(found);
    references.push(file.record(rejected));
    if indicators.tree.leaves.is_empty() {
        return Err(ReferenceError::NoIndicators(path()).into());
    }
    Ok(indicators)
}

/// `[assessment] office`, resolved to its unit.
fn office_unit(config: &Config, resolver: &Resolver) -> Result<Option<String>, ConfigError> {
    let Some(name) = &config.assessment.office else {
        return Ok(None);
    };
    resolver
        .resolve(&crate::normalise::text::simplified(name.trim()))
        .map(|u| Some(u.to_string()))
        .ok_or_else(|| ConfigError::UnknownOffice(name.clone()))
}

/// The 复核 deadline: `days` working days after the publicity date, where both are
/// known; none where the settings set no time limit.
fn deadline(
    publicity: Option<NaiveDate>,
    days: Option<u32>,
    file: &str,
) -> (Deadline, Vec<Problem>) {
    let (Some(publicity), Some(days)) = (publicity, days) else {
        return (Deadline::None, Vec::new());
    };
    match crate::calendar::deadline(publicity, days) {
        Ok(day) => (Deadline::Day(day), Vec::new()),
        Err(e) => (Deadline::Unknown, vec![e.problem(file)]),
    }
}

/// How 文件清单 and the manifest list the reference files.
fn reference_records(
    references: &[(Input, Vec<Account>)],
) -> impl Iterator<Item = InputRecord> + '_ {
    references.iter().map(|(input, a)| {
        let accounts = a.iter().copied().enumerate().collect();
        records::record(input, Role::Reference, None, accounts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exercise_is_said_in_the_notice_s_term_but_not_inside_a_quoted_name() {
        let text = "财政局（县直）不是指标「考核评估」的考核对象，本行未计入";
        assert_eq!(
            in_terms(text, "评估"),
            "财政局（县直）不是指标「考核评估」的评估对象，本行未计入"
        );
        assert!(matches!(in_terms(text, "考核"), Cow::Borrowed(_)));
        assert_eq!(in_terms("请考核单位核实得分", "评估"), "请评估单位核实得分");
    }
}
