//! The generators' own model of an annual assessment (DESIGN.md "The annual
//! assessment"): indicators, objects, every value written into a score sheet with
//! whether a correct zwgk counts it, and the results that follow — totals, ranks
//! (ties share), grades, shares, self totals, missing indicators. Never computed by zwgk.

use std::collections::BTreeMap;

use serde::Serialize;

/// One indicator that is scored.
#[derive(Debug, Clone)]
pub struct Ind {
    /// Names from 一级 down, as zwgk shows them (simplified, no ordinal).
    pub path: Vec<String>,
    pub points: f64,
    pub deduction: bool,
    /// Categories; empty for every category assessed.
    pub applies: Vec<&'static str>,
    /// The run's own figure gives the score (目标任务).
    pub computed: bool,
}

impl Ind {
    pub fn label(&self) -> String {
        self.path.join("/")
    }

    pub fn applies_to(&self, category: &str) -> bool {
        self.applies.is_empty() || self.applies.contains(&category)
    }
}

/// One unit assessed.
#[derive(Debug, Clone, Copy)]
pub struct Obj {
    pub unit: &'static str,
    pub category: &'static str,
}

/// What a value written into a score sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Assessed,
    SelfEval,
    /// 本办's 0 for a whole 一级 group (the group's first name in `Given::group`).
    Zero,
    /// The city's deduction, charged to the lead unit `factor` times.
    City,
}

/// One value written into a score sheet.
#[derive(Debug, Clone)]
pub struct Given {
    pub unit: &'static str,
    /// Index into the indicators (for `Zero`, any indicator of the group).
    pub ind: usize,
    pub value: f64,
    pub kind: Kind,
    /// Whether a correct zwgk counts it (a value out of range, on another year's sheet,
    /// for an unknown unit or indicator does not).
    pub counts: bool,
}

/// A 复核 decision and whether it is in time.
#[derive(Debug, Clone)]
pub struct AppealPlan {
    pub unit: &'static str,
    pub ind: usize,
    pub score: f64,
    pub in_time: bool,
}

/// The whole assessment as the generator planned it.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub indicators: Vec<Ind>,
    pub objects: Vec<Obj>,
    pub given: Vec<Given>,
    /// The run's figure per (unit, indicator) for computed indicators; absent = none.
    pub computed: BTreeMap<(&'static str, usize), f64>,
    pub appeals: Vec<AppealPlan>,
    /// Grade and lowest total, highest first; none where the seed defines no 等次.
    pub grades: Vec<(&'static str, f64)>,
    pub weight: Option<f64>,
    pub city_factor: f64,
}

/// An object's result as the truth file states it.
#[derive(Debug, Clone, Serialize)]
pub struct ObjTruth {
    pub unit: &'static str,
    pub category: &'static str,
    pub total: f64,
    pub rank: u32,
    /// Null without grades.
    pub grade: Option<String>,
    pub share: Option<f64>,
    pub self_total: Option<f64>,
    pub missing: Vec<String>,
    pub published_total: f64,
    pub published_rank: u32,
}

pub fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

impl Plan {
    /// The value an object gets for an indicator before 复核; `None` when missing.
    fn value(&self, unit: &str, i: usize) -> Option<f64> {
        let ind = &self.indicators[i];
        if ind.computed {
            return self.computed.get(&(unit_key(self, unit)?, i)).copied();
        }
        let values = self.values(unit, i, Kind::Assessed);
        match values.first() {
            None if ind.deduction && self.lead_listed(i) => Some(0.0),
            None => None,
            Some(first) if values.iter().all(|v| v == first) => Some(*first),
            Some(_) => None,
        }
    }

    fn values(&self, unit: &str, i: usize, kind: Kind) -> Vec<f64> {
        self.given
            .iter()
            .filter(|g| g.counts && g.unit == unit && g.ind == i && g.kind == kind)
            .map(|g| g.value)
            .collect()
    }

    /// Whether a deduction item's lead unit listed anyone at all.
    fn lead_listed(&self, i: usize) -> bool {
        self.given
            .iter()
            .any(|g| g.counts && g.ind == i && g.kind == Kind::Assessed)
    }

    fn total(&self, o: &Obj, appeals: bool) -> f64 {
        let zeroed: Vec<&str> = self
            .given
            .iter()
            .filter(|g| g.counts && g.unit == o.unit && g.kind == Kind::Zero)
            .map(|g| self.indicators[g.ind].path[0].as_str())
            .collect();
        let mut sum = 0.0;
        for (i, ind) in self.indicators.iter().enumerate() {
            if !ind.applies_to(o.category) {
                continue;
            }
            let v = self.final_value(o.unit, i, appeals).unwrap_or(0.0);
            if ind.deduction {
                sum -= v;
            } else if !zeroed.contains(&ind.path[0].as_str()) {
                sum += v;
            }
        }
        for g in self.given.iter().filter(|g| g.counts && g.unit == o.unit) {
            if g.kind == Kind::City {
                sum -= g.value * self.city_factor;
            }
        }
        round2(sum)
    }

    fn final_value(&self, unit: &str, i: usize, appeals: bool) -> Option<f64> {
        let appealed = self
            .appeals
            .iter()
            .find(|a| appeals && a.in_time && a.unit == unit && a.ind == i);
        appealed.map(|a| a.score).or_else(|| self.value(unit, i))
    }

    fn self_total(&self, o: &Obj) -> Option<f64> {
        let mut any = false;
        let mut sum = 0.0;
        for (i, ind) in self.indicators.iter().enumerate() {
            let values = self.values(o.unit, i, Kind::SelfEval);
            let Some(first) = values.first() else {
                continue;
            };
            if values.iter().any(|v| v != first) {
                continue;
            }
            any = true;
            sum += if ind.deduction { -first } else { *first };
        }
        any.then(|| round2(sum))
    }

    /// Every object's result, in the order of `objects`.
    pub fn results(&self) -> Vec<ObjTruth> {
        let published: Vec<f64> = self.objects.iter().map(|o| self.total(o, false)).collect();
        let finals: Vec<f64> = self.objects.iter().map(|o| self.total(o, true)).collect();
        let rank = |totals: &[f64], k: usize| {
            let c = self.objects[k].category;
            1 + self
                .objects
                .iter()
                .zip(totals)
                .filter(|(o, t)| o.category == c && **t > totals[k])
                .count() as u32
        };
        self.objects
            .iter()
            .enumerate()
            .map(|(k, o)| ObjTruth {
                unit: o.unit,
                category: o.category,
                total: finals[k],
                rank: rank(&finals, k),
                grade: (!self.grades.is_empty()).then(|| {
                    self.grades
                        .iter()
                        .find(|(_, t)| finals[k] >= *t)
                        .map_or("不合格", |(g, _)| g)
                        .to_string()
                }),
                share: self.weight.map(|w| round2(finals[k] * w / 100.0)),
                self_total: self.self_total(o),
                missing: self
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(i, ind)| {
                        ind.applies_to(o.category) && self.final_value(o.unit, *i, true).is_none()
                    })
                    .map(|(_, ind)| ind.label())
                    .collect(),
                published_total: published[k],
                published_rank: rank(&published, k),
            })
            .collect()
    }

    /// The top-level points of each category (deductions aside).
    pub fn by_category(&self) -> BTreeMap<&'static str, f64> {
        let mut out = BTreeMap::new();
        for o in &self.objects {
            let sum: f64 = self
                .indicators
                .iter()
                .filter(|i| i.applies_to(o.category) && !i.deduction)
                .map(|i| i.points)
                .sum();
            out.insert(o.category, round2(sum));
        }
        out
    }
}

fn unit_key(plan: &Plan, unit: &str) -> Option<&'static str> {
    plan.objects.iter().find(|o| o.unit == unit).map(|o| o.unit)
}
