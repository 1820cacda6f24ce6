//! One value of a score sheet judged against the indicator table: whose score it is
//! (the object), which indicator, whether the sender may give it (its 考核单位, or the
//! object itself for a self-evaluation), whether it is in range and has the evidence
//! the table asks for. What passes becomes a [`Score`]; the rest, problems at the cell.

use std::collections::HashMap;

use super::indicators::{Assessor, Found, Indicator, Indicators, Spot};
use super::values::{self, EPSILON, Points, category_key};
use crate::normalise::Resolver;
use crate::normalise::text::clean_text;
use crate::problems::{Code, Problem, Severity};
use crate::read::Cell;

/// Who sent a score sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sender {
    /// 本办: no sender named, or `填报单位：本办`.
    Office,
    Unit(String),
}

impl Sender {
    pub(crate) fn zh(&self) -> &str {
        match self {
            Self::Office => "本办",
            Self::Unit(u) => u,
        }
    }
}

/// What a counted value says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    /// The score of an indicator, from its 考核单位.
    Assessed(usize),
    /// The object's own score of an indicator.
    SelfEvaluated(usize),
    /// 本办 sets a whole group to 0 (seed 001: 依申请公开败诉, 政府信息公开计0分).
    Zeroed(Vec<String>),
    /// What the city took off a deduction item, charged to its lead unit
    /// (`[assessment] city_factor` times).
    City(usize),
    /// A score from the 考核单位 that is not counted: out of range.
    Refused(usize),
    /// A value from the 考核单位 that is no number (`五分`, A013): not counted.
    Unreadable(usize),
    /// The object's own value that is no number (`好`, A013): not counted.
    UnreadableOwn(usize),
    /// The object's own score that is not counted: out of range.
    RefusedOwn(usize),
    /// The object's own score of an item the indicator table does not have (A009): not
    /// counted, and its self total says so.
    Unlisted,
    /// A 考核单位's value for the object under a name no indicator has (A009): not
    /// counted, and a deduction list of the same sheet that leaves the object out does
    /// not say it was left out.
    Unplaced,
}

/// A010 at `at`: `object`, of `category`, is not assessed on `indicator`. Where the units
/// table gives the object no category (R007), the row is right and the table is not:
/// the problem says so, and what to do.
pub(crate) fn not_an_object(at: &Spot, object: &str, category: &str, indicator: &str) -> Problem {
    if !category.is_empty() {
        return at.problem(Code::NotAnObject, &[object, category, indicator]);
    }
    let p = at.problem(
        Code::NotAnObject,
        &[object, "单位名称表中没有类别", indicator],
    );
    p.advise(format!("请在单位名称表中填写{object}的类别后重新运行"))
}

/// A counted value of a score sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    pub object: String,
    pub what: What,
    /// Points earned, or, for a deduction item and the city's deduction, points taken off.
    pub value: f64,
    /// The cell as the sheet writes it (a 扣分 column's 2 where 4 is earned).
    pub written: String,
    pub reason: Option<String>,
    pub evidence: Option<String>,
    /// The cell of the value.
    pub place: Spot,
}

/// A score given to a group by anyone else: a subtotal, checked against its items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Subtotal {
    pub object: String,
    pub group: Vec<String>,
    pub value: f64,
    pub place: Spot,
}

/// One value of a sheet, as written.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    /// The 单位 cell (text and place), when the sheet names the object.
    pub object: Option<(String, Spot)>,
    /// An ancestor the sheet names with the indicator (`一级指标`).
    pub parent: Option<String>,
    pub name: String,
    /// The name as the sheet writes it (`網站(zhàn)安全` for `网站安全`).
    pub written_name: String,
    /// The cell naming the indicator: in the row, or the column's header.
    pub name_place: Spot,
    pub value: Option<(Cell, Spot)>,
    /// The value is points taken off (a 扣分 column), not points earned.
    pub deducted: bool,
    /// The 扣分 cell of a row whose value is its 得分: the two should agree.
    pub also_deducted: Option<(Cell, Spot)>,
    pub city: Option<(Cell, Spot)>,
    /// The 分值 the sheet shows for the indicator.
    pub points: Option<(Points, Spot)>,
    pub reason: Option<String>,
    pub evidence: Option<String>,
}

/// A value of an item as the sheet writes it, counted or not: what the sheet's own 合计
/// and 小计 add up (a deduction item's points taken off subtract).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written {
    pub object: String,
    /// The indicator, where the name was recognised.
    pub leaf: Option<usize>,
    pub value: f64,
}

/// What judging one value gave.
#[derive(Debug, Default)]
pub(crate) struct Verdicts {
    pub scores: Vec<Score>,
    /// Scores that are not counted (out of range), of 考核单位 or of the object itself.
    pub refused: Vec<Score>,
    pub subtotals: Vec<Subtotal>,
    /// The values of items as written, counted or refused alike (never a subtotal).
    pub written: Vec<Written>,
    pub problems: Vec<Problem>,
}

impl Verdicts {
    /// Whether the value was refused: an error and nothing counted.
    pub(crate) fn refused(&self) -> bool {
        self.scores.is_empty()
            && self.subtotals.is_empty()
            && self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// One value of a row, with who sent it and whose it is.
struct Given<'g> {
    sender: &'g Sender,
    raw: &'g Raw,
    object: &'g str,
    value: f64,
    place: Spot,
}

impl Given<'_> {
    fn score(&self, what: What, value: f64) -> Score {
        Score {
            object: self.object.to_string(),
            what,
            value,
            written: (self.raw.value.as_ref()).map_or_else(String::new, |(cell, _)| cell.text()),
            reason: self.raw.reason.clone(),
            evidence: self.raw.evidence.clone(),
            place: self.place.clone(),
        }
    }
}

impl Verdicts {
    /// A value given to a group: 本办's 0 sets the whole group to 0 (seed 001: 依申请公开
    /// 败诉); any other is a subtotal, checked against the items it sums.
    fn group(&mut self, given: Given, group: Vec<String>) {
        if given.value == 0.0 && *given.sender == Sender::Office {
            self.scores.push(given.score(What::Zeroed(group), 0.0));
        } else {
            self.subtotals.push(Subtotal {
                object: given.object.to_string(),
                group,
                value: given.value,
                place: given.place,
            });
        }
    }
}

/// The score cell of a value: `Ok(None)` when blank; its place when not a number (the
/// problem noted).
fn value_of(raw: &Raw, out: &mut Verdicts) -> Result<Option<(f64, Spot)>, Spot> {
    let Some((cell, place)) = raw.value.as_ref() else {
        return Ok(None);
    };
    match values::score_of(cell) {
        Ok(v) => Ok(v.map(|v| (v, place.clone()))),
        Err(values::Unreadable(text)) => {
            out.problems
                .push(place.problem(Code::BadScore, &[&text]).value(&text));
            Err(place.clone())
        }
    }
}

/// A037 where a row's 得分 `earned` on an ordinary item is not its 分值 less the row's
/// 扣分 (得分 2 and 扣分 0.5 of 3): the 得分 counts.
fn disagreeing(raw: &Raw, leaf: &Indicator, earned: f64) -> Option<Problem> {
    let (cell, _) = raw.also_deducted.as_ref()?;
    let taken = values::score_of(cell).ok().flatten()?.abs();
    let max = leaf.points.value;
    if leaf.points.deduction || (max - taken - earned).abs() <= EPSILON {
        return None;
    }
    let [earned, taken, max, left] = [earned, taken, max, max - taken].map(values::number);
    let (_, place) = raw.value.as_ref()?;
    let args = [&*earned, &taken, &leaf.label(), &max, &left];
    Some(
        place
            .problem(Code::ScoreAndDeductionDiffer, &args)
            .value(&earned),
    )
}

/// Points earned, or taken off a deduction item, from a value as written: a deduction
/// item takes either sign; a 扣分 column's 2 on a 6-point item earns 4 (more than 6 taken
/// off stays negative, out of range).
fn earned(value: f64, max: f64, deduction: bool, deducted: bool) -> f64 {
    match (deduction, deducted) {
        (true, _) => value.abs(),
        (false, true) if value.abs() <= max + EPSILON => max - value.abs(),
        (false, true) => -value.abs(),
        (false, false) => value,
    }
}

/// What a judge knows: the indicators, the units and who the office is.
pub(crate) struct Judge<'a> {
    pub indicators: &'a Indicators,
    pub resolver: &'a Resolver,
    /// 考核单位 that are not units (`[assessment] assessors`).
    pub outside: &'a Resolver,
    /// Category key of every unit.
    pub categories: HashMap<&'a str, String>,
    /// The unit that is 本办 (`[assessment] office`), if any.
    pub office: Option<String>,
}

impl<'a> Judge<'a> {
    pub(crate) fn new(
        indicators: &'a Indicators,
        resolver: &'a Resolver,
        outside: &'a Resolver,
        office: Option<String>,
    ) -> Self {
        let categories = resolver
            .units()
            .iter()
            .map(|u| (u.name.as_str(), category_key(&u.category)))
            .collect();
        Self {
            indicators,
            resolver,
            outside,
            categories,
            office,
        }
    }

    /// The unit a name stands for.
    pub(crate) fn unit(&self, raw: &str) -> Option<&'a str> {
        let name = clean_text(raw, true)?;
        self.resolver.resolve(&name)
    }

    /// Who a sender's name stands for: a unit, or a 考核单位 outside the units table.
    pub(crate) fn sender(&self, raw: &str) -> Option<&'a str> {
        let name = clean_text(raw, true)?;
        self.resolver
            .resolve(&name)
            .or_else(|| self.outside.resolve(&name))
    }

    /// Judges one value sent by `sender`.
    pub(crate) fn judge(&self, sender: &Sender, raw: &Raw) -> Verdicts {
        let mut out = Verdicts::default();
        match self.object(sender, raw) {
            Ok(object) => self.judge_for(sender, raw, object, &mut out),
            Err(p) => out.problems.push(*p),
        }
        out
    }

    fn judge_for(&self, sender: &Sender, raw: &Raw, object: &str, out: &mut Verdicts) {
        let category = self.categories.get(object).cloned().unwrap_or_default();
        let at_name = &raw.name_place;
        let not_object = |out: &mut Verdicts| {
            let p = not_an_object(at_name, object, &category, &raw.name);
            out.problems.push(p);
        };
        if !self.indicators.categories.contains(&category) {
            return not_object(out);
        }
        let found = self
            .indicators
            .find(&category, raw.parent.as_deref(), &raw.name);
        let value = value_of(raw, out);
        let city = self.city(sender, raw, object, &found, out);
        out.scores.extend(city);
        let (value, place) = match value {
            Ok(Some(value)) => value,
            Ok(None) => return,
            // The 考核单位's value is missing for this reason, with its cell, not unscored.
            Err(place) => {
                if let Found::Leaf(i) = found {
                    let what = if *sender == Sender::Unit(object.to_string()) {
                        What::UnreadableOwn(i)
                    } else {
                        What::Unreadable(i)
                    };
                    let given = Given {
                        sender,
                        raw,
                        object,
                        value: f64::NAN,
                        place,
                    };
                    out.refused.push(given.score(what, f64::NAN));
                }
                return;
            }
        };
        out.written.extend(self.written(raw, object, &found, value));
        let given = Given {
            sender,
            raw,
            object,
            value,
            place,
        };
        match found {
            Found::Leaf(i) => self.leaf(&given, i, out),
            Found::Group(group) => out.group(given, group),
            Found::NotApplicable => not_object(out),
            Found::Ambiguous | Found::Unknown => {
                let suggestion = match found {
                    Found::Ambiguous => Some("有多个指标同名，请同时写明一级指标".to_string()),
                    _ => self.indicators.suggestion(&category, &raw.name),
                };
                let p = at_name.problem(Code::UnknownIndicator, &[&raw.name]);
                out.problems
                    .push(p.value(&raw.written_name).suggest_opt(suggestion));
                let own = *sender == Sender::Unit(object.to_string());
                if !own {
                    out.refused.push(given.score(What::Unplaced, given.value));
                } else if matches!(found, Found::Unknown) {
                    out.refused.push(given.score(What::Unlisted, given.value));
                }
            }
        }
    }

    /// A value as the sheet adds it up: an item's, counted or not, and never a group's
    /// (a subtotal is checked, not summed).
    fn written(&self, raw: &Raw, object: &str, found: &Found, value: f64) -> Option<Written> {
        let (leaf, value) = match found {
            Found::Group(_) => return None,
            Found::Leaf(i) => {
                let deduction = self.indicators.tree.leaves[*i].points.deduction;
                let taken_off = deduction && !raw.deducted;
                (Some(*i), if taken_off { -value.abs() } else { value })
            }
            _ => (None, value),
        };
        Some(Written {
            object: object.to_string(),
            leaf,
            value,
        })
    }

    /// The object of a value: its 单位 cell, else the sender itself.
    fn object(&self, sender: &Sender, raw: &Raw) -> Result<&'a str, Box<Problem>> {
        match (&raw.object, sender) {
            (Some((text, place)), _) => self.unit(text).ok_or_else(|| {
                let name = clean_text(text, true).unwrap_or_default();
                Box::new(
                    place
                        .problem(Code::UnknownUnit, &[text])
                        .value(text)
                        .suggest_opt(self.resolver.suggestion(&name)),
                )
            }),
            (None, Sender::Unit(u)) => self.unit(u).ok_or_else(|| self.no_object(raw)),
            (None, Sender::Office) => Err(self.no_object(raw)),
        }
    }

    /// No object: an unnamed row of 本办 or of a 考核单位 outside the units table.
    fn no_object(&self, raw: &Raw) -> Box<Problem> {
        Box::new(raw.name_place.problem(Code::NoUnit, &[]))
    }

    /// The city's deduction on a row, valid only from 本办, on a deduction item, for
    /// its lead unit.
    fn city(
        &self,
        sender: &Sender,
        raw: &Raw,
        object: &str,
        found: &Found,
        out: &mut Verdicts,
    ) -> Option<Score> {
        let (cell, place) = raw.city.as_ref()?;
        let d = match values::score_of(cell) {
            Ok(Some(d)) if d != 0.0 => d.abs(),
            Ok(_) => return None,
            Err(values::Unreadable(text)) => {
                out.problems
                    .push(place.problem(Code::BadScore, &[&text]).value(&text));
                return None;
            }
        };
        let leaf = match found {
            Found::Leaf(i) => Some(*i),
            // The lead unit is often no object of the item it leads: 民政局 assesses the
            // 村务公开 of 乡镇 and 社区, and answers for the city's deductions on it.
            Found::NotApplicable => (self.indicators).find_any(raw.parent.as_deref(), &raw.name),
            _ => None,
        };
        let leaf = leaf.map(|i| (i, &self.indicators.tree.leaves[i]));
        let valid = leaf.filter(|(_, l)| {
            l.points.deduction
                && *sender == Sender::Office
                && l.assessor == Assessor::Unit(object.to_string())
        });
        match valid {
            Some((i, _)) => Some(Score {
                object: object.to_string(),
                what: What::City(i),
                value: d,
                written: cell.text(),
                reason: raw.reason.clone(),
                evidence: None,
                place: place.clone(),
            }),
            None => {
                let lead = leaf.map_or("", |(_, l)| l.assessor.zh());
                out.problems
                    .push(place.problem(Code::MisplacedCityDeduction, &[&raw.name, lead]));
                None
            }
        }
    }

    /// A value for an indicator: from its 考核单位, or the object's own; in range.
    fn leaf(&self, given: &Given, i: usize, out: &mut Verdicts) {
        let leaf = &self.indicators.tree.leaves[i];
        let (raw, place) = (given.raw, &given.place);
        let Some(what) = self.what(given, i, out) else {
            return;
        };
        if let Some((points, at)) = raw.points.as_ref().filter(|p| p.0 != leaf.points) {
            let p = at.problem(Code::PointsDiffer, &[&points.shown(), &leaf.points.shown()]);
            out.problems.push(p.value(points.shown()));
        }
        if let (What::Assessed(_), Some(source)) = (&what, leaf.source) {
            let shown = values::number(given.value);
            out.problems
                .push(place.problem(Code::ComputedScore, &[&leaf.label(), source.zh(), &shown]));
            return;
        }
        let max = leaf.points.value;
        let value = earned(given.value, max, leaf.points.deduction, raw.deducted);
        if value < -EPSILON || value > max + EPSILON {
            let (shown, limit) = (values::number(value), values::number(max));
            let args = [leaf.term(), &shown, &leaf.label(), &limit];
            let p = place.problem(Code::ScoreOutOfRange, &args);
            out.problems.push(p.value(&shown));
            // Kept aside, so that the indicator is missing for this reason, not unscored,
            // and a self-evaluation says which of its scores it left out.
            let kept = match what {
                What::Assessed(_) => What::Refused(i),
                _ => What::RefusedOwn(i),
            };
            out.refused.push(given.score(kept, value));
            return;
        }
        if let Some(p) = disagreeing(raw, leaf, value) {
            out.problems.push(p);
        }
        if let (What::SelfEvaluated(_), Some(asked), None) = (&what, &leaf.evidence, &raw.evidence)
        {
            let args = [given.object, &leaf.label(), asked];
            out.problems
                .push(place.problem(Code::MissingEvidence, &args));
        }
        out.scores.push(given.score(what, value));
    }

    /// Whose value it is: the 考核单位's, the object's own, or nobody's (a problem).
    fn what(&self, given: &Given, i: usize, out: &mut Verdicts) -> Option<What> {
        let leaf = &self.indicators.tree.leaves[i];
        if self.is_assessor(given.sender, &leaf.assessor) {
            Some(What::Assessed(i))
        } else if *given.sender == Sender::Unit(given.object.to_string()) {
            Some(What::SelfEvaluated(i))
        } else {
            let args = [given.sender.zh(), &leaf.label(), leaf.assessor.zh()];
            out.problems
                .push(given.place.problem(Code::NotTheAssessor, &args));
            None
        }
    }

    /// Whether `sender` scores indicators of `assessor`.
    fn is_assessor(&self, sender: &Sender, assessor: &Assessor) -> bool {
        match (sender, assessor) {
            (Sender::Office, Assessor::Office) => true,
            (Sender::Unit(u), Assessor::Office) => self.office.as_deref() == Some(u.as_str()),
            (Sender::Unit(u), Assessor::Unit(a)) => u == a,
            _ => false,
        }
    }
}
