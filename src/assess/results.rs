//! Results: per object, one line per indicator that applies to it — the score its 考核单位
//! gave (the same score twice counts once; two different scores count as none), or the
//! run's own figure — then 本办's zeroed groups and the city's deductions, the total,
//! the rank within the category (ties share a rank), the grade where the office defines
//! grades, and the 按比例 share.

use std::collections::{HashMap, HashSet};

use super::indicators::{Assessor, Indicators, Spot};
use super::judge::{Score, What};
use super::sources::{Figure, Figures};
use super::values::{self, round2};
use crate::config::AssessmentSettings;
use crate::model::Unit;
use crate::problems::{Code, Problem};

/// Where a line's value came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Origin {
    /// A cell of a score sheet.
    Sheet(Spot),
    /// The run's own figures, with how they were worked out.
    Computed(String),
    /// A 复核 decision (its row), replacing the value before it — or, where there was
    /// none, why it was missing.
    Appeal {
        place: Spot,
        before: Option<f64>,
        missing: Option<Lack>,
    },
    /// A deduction item whose 考核单位 listed other objects but not this one: nothing
    /// taken off. With the sheets of the lists, and the cells where one of them gives
    /// the object a value under a name no indicator has (A009), which may have been
    /// meant for this item.
    NotListed {
        lists: Vec<Spot>,
        unplaced: Vec<Spot>,
    },
    /// No value: why.
    Missing(Lack),
}

/// Which side of an indicator's range refused scores fall: `低于0分`, `超出分值`, or
/// `超出范围` for both.
fn out_of_range(values: &[f64]) -> &'static str {
    match (
        values.iter().any(|v| *v < 0.0),
        values.iter().any(|v| *v >= 0.0),
    ) {
        (true, false) => "低于0分",
        (false, _) => "超出分值",
        (true, true) => "超出范围",
    }
}

/// Why an indicator has no counted value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lack {
    /// Nobody scored it.
    Unscored,
    /// Nobody scored it, and a score of the object in a sheet of its 考核单位 names an
    /// indicator the table does not have (A009): maybe this one's.
    Unplaced,
    /// The 考核单位's scores, out of range, were refused (A012).
    OutOfRange(Vec<f64>),
    /// The 考核单位's values, as written, are no numbers (A013).
    Unreadable(Vec<String>),
    /// Two different scores (A015).
    Conflicting,
    /// The run's figures give none: why.
    NoFigure(String),
}

impl Lack {
    /// As 分项得分 and 缺评清单 say it: `5.5 分超出分值未计`, `-1 分低于0分未计`.
    pub(crate) fn zh(&self) -> String {
        match self {
            Self::Unscored => "未评分".into(),
            Self::Unplaced => {
                "未评分：本单位在该考核单位的评分表中另有得分，其指标名称无法识别，未计入，请核对"
                    .into()
            }
            Self::OutOfRange(values) => {
                let shown: Vec<String> = values.iter().map(|v| values::number(*v)).collect();
                format!("{} 分{}未计", shown.join("、"), out_of_range(values))
            }
            Self::Unreadable(written) => format!("「{}」不是数字未计", written.join("」「")),
            Self::Conflicting => "得分不一致".into(),
            Self::NoFigure(why) => why.clone(),
        }
    }

    /// As a published annex says it, in a few words: `评分超出分值未计`.
    pub(crate) fn brief(&self) -> &str {
        match self {
            Self::Unscored => "未评分",
            Self::Unplaced => "指标名称无法识别未计",
            Self::OutOfRange(values) => match out_of_range(values) {
                "低于0分" => "评分低于0分未计",
                "超出分值" => "评分超出分值未计",
                _ => "评分超出范围未计",
            },
            Self::Unreadable(_) => "评分不是数字未计",
            Self::Conflicting => "评分不一致未计",
            // Without the bracketed explanation the workbook gives.
            Self::NoFigure(why) => why.split('（').next().unwrap_or(why),
        }
    }
}

/// One indicator of one object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub leaf: usize,
    /// Points earned, or taken off for a deduction item; `None` when missing (counts 0).
    pub value: Option<f64>,
    pub origin: Origin,
    /// The 扣分原因 the score sheet gives.
    pub reason: Option<String>,
    /// The 佐证链接 the 考核单位's score sheet gives.
    pub evidence: Option<String>,
    /// The 复核意见 of the 复核 decision applied, where one was.
    pub review: Option<String>,
    /// The cells behind a missing value (the score refused, the scores that conflict),
    /// and, once a 复核 decision replaced it, behind the value before.
    pub cited: Vec<Spot>,
    /// The object's own score, where it sent one.
    pub self_value: Option<f64>,
    /// The cell of the object's own score, counted or refused.
    pub self_place: Option<Spot>,
    /// The object's own score refused as out of range (A012), where it sent no other:
    /// left out of its self total.
    pub self_refused: Option<f64>,
    /// Whether the object's own value is no number (A013), where it sent no other.
    pub self_unreadable: bool,
    /// The 佐证链接 of the object's own score, counted or refused (seed 003: the evidence
    /// each item rests on).
    pub self_evidence: Option<String>,
}

impl Line {
    /// The evidence a line rests on: the score sheet's link, else the object's own.
    pub(crate) fn evidence(&self) -> Option<&String> {
        self.evidence.as_ref().or(self.self_evidence.as_ref())
    }
}

/// 本办's 0 for a whole group.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Zeroed {
    pub group: Vec<String>,
    pub reason: Option<String>,
    pub place: Spot,
}

/// One object's result.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    pub unit: String,
    pub category: String,
    pub lines: Vec<Line>,
    pub zeroed: Vec<Zeroed>,
    /// The city's deductions on items this object leads.
    pub city: Vec<City>,
    pub total: f64,
    pub rank: u32,
    /// The 等次, where `[assessment] grades` defines them.
    pub grade: Option<String>,
    pub share: Option<f64>,
    pub self_total: Option<f64>,
    /// The object's own scores of items the indicator table does not have: left out of
    /// its self total.
    pub self_unlisted: usize,
}

impl Outcome {
    /// The indicators with no value.
    pub(crate) fn missing(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.value.is_none())
    }
}

/// The city's deduction on an item an object leads, from 本办's 市级扣分 column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct City {
    pub leaf: usize,
    /// Points the city took off (`[assessment] city_factor` times as many are).
    pub points: f64,
    /// The cell as written.
    pub written: String,
    pub reason: Option<String>,
    pub place: Spot,
}

/// The results of every object, and what tallying found.
pub(crate) struct Tally {
    pub objects: Vec<Outcome>,
    pub problems: Vec<Problem>,
}

/// The results of every unit of an assessed category, in the order of the units table.
pub(crate) fn tally(
    indicators: &Indicators,
    units: &[Unit],
    scores: &[Score],
    figures: &Figures,
    settings: &AssessmentSettings,
) -> Tally {
    let mut problems = Vec::new();
    let mut by_object: HashMap<&str, Vec<&Score>> = HashMap::new();
    for s in scores {
        by_object.entry(s.object.as_str()).or_default().push(s);
    }
    // A lead unit lists the objects it deducts from; the others lose nothing. The first
    // row of each sheet that lists them, for the sheet.
    let mut listed: HashMap<usize, Vec<Spot>> = HashMap::new();
    for s in scores {
        let What::Assessed(i) = s.what else { continue };
        let lists = listed.entry(i).or_default();
        let sheet = |l: &Spot| l.file == s.place.file && l.sheet == s.place.sheet;
        if indicators.tree.leaves[i].points.deduction && !lists.iter().any(sheet) {
            lists.push(s.place.clone());
        }
    }
    listed.retain(|_, lists| !lists.is_empty());
    // The sheets of each 考核单位: where its scores were counted.
    let mut sheets: Vec<(&Assessor, &str, &str)> = Vec::new();
    for s in scores {
        let What::Assessed(i) = s.what else { continue };
        let sheet = (
            &indicators.tree.leaves[i].assessor,
            &*s.place.file,
            &*s.place.sheet,
        );
        if !sheets.contains(&sheet) {
            sheets.push(sheet);
        }
    }
    let mut objects = Vec::new();
    for unit in units {
        let category = values::category_key(&unit.category);
        if !indicators.categories.contains(&category) {
            continue;
        }
        let given = by_object.remove(unit.name.as_str()).unwrap_or_default();
        let lines = indicators
            .of(&category)
            .into_iter()
            .map(|leaf| {
                let mut l = line(indicators, &unit.name, leaf, &given, figures, &mut problems);
                if let Some(lists) = listed.get(&leaf)
                    && l.origin == Origin::Missing(Lack::Unscored)
                {
                    let unplaced = (given.iter())
                        .filter(|s| s.what == What::Unplaced)
                        .filter(|s| lists.iter().any(|l| l.file == s.place.file))
                        .map(|s| s.place.clone())
                        .collect();
                    l.value = Some(0.0);
                    l.origin = Origin::NotListed {
                        lists: lists.clone(),
                        unplaced,
                    };
                } else if l.origin == Origin::Missing(Lack::Unscored) {
                    let assessor = &indicators.tree.leaves[leaf].assessor;
                    let theirs = |s: &&&Score| {
                        let at = (assessor, &*s.place.file, &*s.place.sheet);
                        s.what == What::Unplaced && sheets.contains(&at)
                    };
                    l.cited = given
                        .iter()
                        .filter(theirs)
                        .map(|s| s.place.clone())
                        .collect();
                    if !l.cited.is_empty() {
                        l.origin = Origin::Missing(Lack::Unplaced);
                    }
                }
                l
            })
            .collect();
        objects.push(Outcome::new(&unit.name, category, lines, &given));
    }
    problems.extend(missing(indicators, &objects));
    problems.extend(city_checks(indicators, &objects, settings.city_factor));
    rank(indicators, &mut objects, settings);
    problems.extend(gaps(indicators, &objects, settings.gap));
    Tally { objects, problems }
}

/// One indicator of one object: its figure, or its one score, or missing.
fn line(
    indicators: &Indicators,
    object: &str,
    leaf: usize,
    given: &[&Score],
    figures: &Figures,
    problems: &mut Vec<Problem>,
) -> Line {
    let label = indicators.tree.leaves[leaf].label();
    let mut pick = |own: bool| {
        let mine: Vec<&Score> = given
            .iter()
            .copied()
            .filter(|s| match s.what {
                What::Assessed(i) => !own && i == leaf,
                What::SelfEvaluated(i) => own && i == leaf,
                _ => false,
            })
            .collect();
        one_of(&mine, (object, &label, own), problems)
    };
    let assessed = pick(false);
    let own = pick(true).ok().flatten();
    let refused_own = given
        .iter()
        .find(|s| matches!(s.what, What::RefusedOwn(i) if i == leaf))
        .copied()
        .filter(|_| own.is_none());
    let own_row = own.or(refused_own);
    let mut line = Line {
        leaf,
        value: None,
        origin: Origin::Missing(Lack::Unscored),
        reason: None,
        evidence: None,
        review: None,
        cited: Vec::new(),
        self_value: own.map(|s| s.value),
        self_place: own_row.map(|s| s.place.clone()),
        self_refused: refused_own.map(|s| s.value),
        self_unreadable: own_row.is_none()
            && (given.iter()).any(|s| matches!(s.what, What::UnreadableOwn(i) if i == leaf)),
        self_evidence: own_row.and_then(|s| s.evidence.clone()),
    };
    if indicators.tree.leaves[leaf].source.is_some() {
        (line.value, line.origin) = match figures.get(object, leaf) {
            Some(Figure::Score { value, basis }) => (Some(*value), Origin::Computed(basis.clone())),
            Some(Figure::Absent(why)) => (None, Origin::Missing(Lack::NoFigure(why.clone()))),
            None => (None, Origin::Missing(Lack::NoFigure("无法计算".into()))),
        };
        return line;
    }
    let refused: Vec<&Score> = given
        .iter()
        .copied()
        .filter(|s| matches!(s.what, What::Refused(i) if i == leaf))
        .collect();
    let unreadable: Vec<&Score> = given
        .iter()
        .copied()
        .filter(|s| matches!(s.what, What::Unreadable(i) if i == leaf))
        .collect();
    match assessed {
        Ok(None) if !refused.is_empty() => {
            let values = refused.iter().map(|s| s.value).collect();
            line.origin = Origin::Missing(Lack::OutOfRange(values));
            line.cited = refused.iter().map(|s| s.place.clone()).collect();
        }
        Ok(None) if !unreadable.is_empty() => {
            let written = unreadable.iter().map(|s| s.written.clone()).collect();
            line.origin = Origin::Missing(Lack::Unreadable(written));
            line.cited = unreadable.iter().map(|s| s.place.clone()).collect();
        }
        Ok(Some(s)) => {
            line.value = Some(s.value);
            line.origin = Origin::Sheet(s.place.clone());
            line.reason = s.reason.clone();
            line.evidence = s.evidence.clone();
        }
        Ok(None) => {}
        Err(()) => {
            line.origin = Origin::Missing(Lack::Conflicting);
            line.cited = assessed_at(given, leaf);
        }
    }
    line
}

/// The cells of the scores the 考核单位 gave `leaf`.
fn assessed_at(given: &[&Score], leaf: usize) -> Vec<Spot> {
    given
        .iter()
        .filter(|s| matches!(s.what, What::Assessed(i) if i == leaf))
        .map(|s| s.place.clone())
        .collect()
}

/// The cells of the values that do not count because another value for the same object
/// and indicator, of the same kind (assessed or self-evaluated), differs: both sides of
/// every A015, by the rule of [`one_of`].
pub(crate) fn conflicting(scores: &[Score]) -> HashSet<&Spot> {
    let mut groups: HashMap<(&str, bool, usize), Vec<&Score>> = HashMap::new();
    for s in scores {
        let key = match s.what {
            What::Assessed(i) => (s.object.as_str(), false, i),
            What::SelfEvaluated(i) => (s.object.as_str(), true, i),
            _ => continue,
        };
        groups.entry(key).or_default().push(s);
    }
    groups
        .into_values()
        .filter(|g| g.iter().any(|s| !values::same(s.value, g[0].value)))
        .flatten()
        .map(|s| &s.place)
        .collect()
}

/// The one score among `scores` of `object` on the indicator `label` — the object's
/// own where `own` — the same score twice is one (with a warning), two different scores
/// are none (an error).
fn one_of<'a>(
    scores: &[&'a Score],
    (object, label, own): (&str, &str, bool),
    problems: &mut Vec<Problem>,
) -> Result<Option<&'a Score>, ()> {
    let Some(first) = scores.first() else {
        return Ok(None);
    };
    if scores.iter().all(|s| values::same(s.value, first.value)) {
        for s in &scores[1..] {
            let p = s
                .place
                .problem(Code::SameScoreTwice, &[object, label, &first.place.shown()]);
            problems.push(p.value(&s.written));
        }
        return Ok(Some(first));
    }
    // Said at each of them: every row whose score did not count has its problem, naming
    // the others by their cell where they share its sheet.
    let advice = conflict_advice(scores, own);
    for s in scores {
        let all: Vec<String> = scores
            .iter()
            .map(|t| {
                let at = t.place.shown_from(&s.place);
                format!("{at} 为 {} 分", values::number(t.value))
            })
            .collect();
        let p = s
            .place
            .problem(Code::ConflictingScores, &[object, label, &all.join("，")]);
        problems.push(p.value(&s.written).advise(advice));
    }
    Err(())
}

/// What to do about different scores: keep one, on the one sheet (a row) or of the
/// several sent (a copy), asked of the 考核单位 or, for a self-evaluation, the unit.
fn conflict_advice(scores: &[&Score], own: bool) -> &'static str {
    let first = &scores[0].place;
    let one_sheet =
        (scores.iter()).all(|s| s.place.file == first.file && s.place.sheet == first.sheet);
    match (own, one_sheet) {
        (false, true) => "请与考核单位核实正确的得分，删除或改正错误的一行",
        (false, false) => "请与考核单位核实正确的得分，删除或改正错误的一份",
        (true, true) => "请报送单位核实自评得分，删除或改正错误的一行后重新报送",
        (true, false) => "请报送单位核实自评得分，只保留正确的一份",
    }
}

impl Outcome {
    /// An object's lines, with the zeroed groups and the city's deductions among the
    /// values `given` for it; total, rank and grade still to be worked out.
    fn new(unit: &str, category: String, lines: Vec<Line>, given: &[&Score]) -> Self {
        let zeroed = given
            .iter()
            .filter_map(|s| match &s.what {
                What::Zeroed(group) => Some(Zeroed {
                    group: group.clone(),
                    reason: s.reason.clone(),
                    place: s.place.clone(),
                }),
                _ => None,
            })
            .collect();
        let city = given
            .iter()
            .filter_map(|s| match s.what {
                What::City(leaf) => Some(City {
                    leaf,
                    points: s.value,
                    written: s.written.clone(),
                    reason: s.reason.clone(),
                    place: s.place.clone(),
                }),
                _ => None,
            })
            .collect();
        Self {
            unit: unit.to_string(),
            category,
            lines,
            zeroed,
            city,
            total: 0.0,
            rank: 0,
            grade: None,
            share: None,
            self_total: None,
            self_unlisted: given.iter().filter(|s| s.what == What::Unlisted).count(),
        }
    }
}

/// The total of an object: points earned, less deductions (the city's `factor` times),
/// with zeroed groups earning nothing.
pub(crate) fn total(indicators: &Indicators, o: &Outcome, factor: f64) -> f64 {
    let mut sum = 0.0;
    for l in &o.lines {
        let leaf = &indicators.tree.leaves[l.leaf];
        let v = l.value.unwrap_or(0.0);
        if leaf.points.deduction {
            sum -= v;
        } else if !o.zeroed.iter().any(|z| leaf.path.starts_with(&z.group)) {
            sum += v;
        }
    }
    sum -= o.city.iter().map(|c| c.points * factor).sum::<f64>();
    round2(sum)
}

/// Totals, ranks within each category (ties share a rank), grades where
/// `[assessment] grades` defines them, and shares.
pub(crate) fn rank(
    indicators: &Indicators,
    objects: &mut [Outcome],
    settings: &AssessmentSettings,
) {
    let mut grades: Vec<(&String, f64)> = settings.grades.iter().map(|(g, t)| (g, *t)).collect();
    grades.sort_by(|a, b| b.1.total_cmp(&a.1));
    for o in objects.iter_mut() {
        o.total = total(indicators, o, settings.city_factor);
        o.grade = (!grades.is_empty()).then(|| {
            grades
                .iter()
                .find(|(_, t)| o.total >= *t)
                .map_or_else(|| "不合格".to_string(), |(g, _)| g.to_string())
        });
        o.share = settings.weight.map(|w| round2(o.total * w / 100.0));
        let own: Vec<&Line> = o.lines.iter().filter(|l| l.self_value.is_some()).collect();
        o.self_total = (!own.is_empty()).then(|| {
            round2(
                own.iter()
                    .map(|l| signed(indicators, l.leaf, l.self_value))
                    .sum(),
            )
        });
    }
    let totals: Vec<(String, f64)> = objects
        .iter()
        .map(|o| (o.category.clone(), o.total))
        .collect();
    for o in objects.iter_mut() {
        let better = totals
            .iter()
            .filter(|(c, t)| *c == o.category && *t > o.total)
            .count();
        o.rank = better as u32 + 1;
    }
}

fn signed(indicators: &Indicators, leaf: usize, value: Option<f64>) -> f64 {
    let v = value.unwrap_or(0.0);
    if indicators.tree.leaves[leaf].points.deduction {
        -v
    } else {
        v
    }
}

/// One warning per indicator and 考核单位 naming the objects it left unscored — except
/// objects it scored on none of its several indicators (left out of its score sheet):
/// one warning per 考核单位 names them (A034), instead of one per indicator.
fn missing(indicators: &Indicators, objects: &[Outcome]) -> Vec<Problem> {
    let leaves = &indicators.tree.leaves;
    let unscored = |l: &Line| l.origin == Origin::Missing(Lack::Unscored);
    let mut problems = Vec::new();
    let mut whole: HashSet<(&str, &str)> = HashSet::new();
    let mut assessors: Vec<&str> = Vec::new();
    for leaf in leaves {
        if !assessors.contains(&leaf.assessor.zh()) {
            assessors.push(leaf.assessor.zh());
        }
    }
    for assessor in assessors {
        // The objects it scored on none of its several indicators, grouped by those
        // indicators: objects of another category may have others.
        let mut groups: Vec<(Vec<usize>, Vec<&str>)> = Vec::new();
        for o in objects {
            let theirs = o
                .lines
                .iter()
                .filter(|l| leaves[l.leaf].assessor.zh() == assessor);
            if !theirs.clone().all(unscored) {
                continue;
            }
            let own: Vec<usize> = theirs.map(|l| l.leaf).collect();
            match groups.iter_mut().find(|(g, _)| *g == own) {
                Some((_, units)) => units.push(&o.unit),
                None if own.len() > 1 => groups.push((own, vec![&o.unit])),
                None => {}
            }
        }
        for (own, units) in groups {
            let mut names: Vec<String> =
                own.iter().take(NAMED).map(|&i| leaves[i].label()).collect();
            if own.len() > NAMED {
                names.push("…".into());
            }
            let counts = match own.iter().filter(|&&i| leaves[i].points.deduction).count() {
                0 => "按 0 分计",
                n if n == own.len() => "不扣分",
                _ => "按 0 分计，倒扣项不扣分",
            };
            whole.extend(units.iter().map(|&u| (assessor, u)));
            problems.push(leaves[own[0]].place.problem(
                Code::UnscoredObjects,
                &[
                    assessor,
                    &whom(&units),
                    &own.len().to_string(),
                    &names.join("、"),
                    counts,
                ],
            ));
        }
    }
    for (i, leaf) in leaves.iter().enumerate() {
        let unscored: Vec<&str> = objects
            .iter()
            .filter(|o| !whole.contains(&(leaf.assessor.zh(), o.unit.as_str())))
            .filter(|o| o.lines.iter().any(|l| l.leaf == i && unscored(l)))
            .map(|o| o.unit.as_str())
            .collect();
        if unscored.is_empty() {
            continue;
        }
        problems.push(leaf.place.problem(
            Code::MissingScores,
            &[
                leaf.assessor.zh(),
                &whom(&unscored),
                &leaf.label(),
                leaf.if_missing(),
            ],
        ));
    }
    problems
}

/// The city's deductions on one item of one object that may be wrong: several rows (the
/// same deduction typed twice?, A035), or more taken off, `factor` times, than the item's
/// 倒扣分值 (0-6分, A036). Said at the first row, naming the others; not changed: seed 001
/// says neither whether one deduction may come twice nor whether the doubled deduction
/// stops at the item's points.
fn city_checks(indicators: &Indicators, objects: &[Outcome], factor: f64) -> Vec<Problem> {
    let mut problems = Vec::new();
    for o in objects {
        let mut leaves: Vec<usize> = o.city.iter().map(|c| c.leaf).collect();
        leaves.sort_unstable();
        leaves.dedup();
        for i in leaves {
            let leaf = &indicators.tree.leaves[i];
            let label = leaf.label();
            let rows: Vec<&City> = o.city.iter().filter(|c| c.leaf == i).collect();
            let first = &rows[0].place;
            let cells: Vec<String> = rows.iter().map(|c| c.place.shown_from(first)).collect();
            let written: Vec<&str> = rows.iter().map(|c| c.written.as_str()).collect();
            let said = |code, args: &[&str]| first.problem(code, args).value(written.join("、"));
            if rows.len() > 1 {
                let (n, cells) = (rows.len().to_string(), cells.join("、"));
                let args = [o.unit.as_str(), &label, &n, &cells];
                problems.push(said(Code::RepeatedCityDeduction, &args));
            }
            let sum: f64 = rows.iter().map(|c| c.points).sum();
            if sum * factor > leaf.points.value + values::EPSILON {
                let [sum, factor, taken, max] =
                    [sum, factor, sum * factor, leaf.points.value].map(values::number);
                let args = [o.unit.as_str(), &label, &sum, &factor, &taken, &max];
                problems.push(said(Code::CityBeyondPoints, &args));
            }
        }
    }
    problems
}

/// Indicators an A034 names; beyond them, `…`.
const NAMED: usize = 3;

/// Objects as a warning names them: `民政局、财政局 2 个考核对象`, past eight
/// `民政局、……等 12 个考核对象`.
fn whom(units: &[&str]) -> String {
    let list = units[..units.len().min(8)].join("、");
    match units.len() {
        1 => list,
        n if n <= 8 => format!("{list} {n} 个考核对象"),
        n => format!("{list}等 {n} 个考核对象"),
    }
}

/// A note for each object whose self-evaluation is `gap` points or more from the
/// assessment, over the indicators that have both.
fn gaps(indicators: &Indicators, objects: &[Outcome], gap: f64) -> Vec<Problem> {
    objects
        .iter()
        .filter_map(|o| {
            // Only where both exist: a missing assessment says nothing of the gap.
            let own: Vec<&Line> = o
                .lines
                .iter()
                .filter(|l| l.self_value.is_some() && l.value.is_some())
                .collect();
            let place = own.first()?.self_place.clone()?;
            let mine: f64 = own
                .iter()
                .map(|l| signed(indicators, l.leaf, l.self_value))
                .sum();
            let theirs: f64 = own
                .iter()
                .map(|l| signed(indicators, l.leaf, l.value))
                .sum();
            let diff = round2(mine - theirs);
            (diff.abs() >= gap).then(|| {
                place.problem(
                    Code::SelfEvaluationGap,
                    &[
                        &o.unit,
                        &values::number(mine),
                        &values::number(theirs),
                        &values::number(diff),
                    ],
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused score below 0 is not said to be over the points (it used to be).
    #[test]
    fn refused_scores_say_which_side_of_the_range_they_fall() {
        let said = |values: &[f64]| {
            let lack = Lack::OutOfRange(values.to_vec());
            (lack.zh(), lack.brief().to_string())
        };
        assert_eq!(
            said(&[45.0]),
            ("45 分超出分值未计".into(), "评分超出分值未计".into())
        );
        assert_eq!(
            said(&[-1.0]),
            ("-1 分低于0分未计".into(), "评分低于0分未计".into())
        );
        assert_eq!(
            said(&[-1.0, 9.0]),
            ("-1、9 分超出范围未计".into(), "评分超出范围未计".into())
        );
    }
}
