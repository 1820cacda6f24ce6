//! The part of `out/<Y>/manifest.json` an assessment owns: the `assessment` object
//! DESIGN.md promises other tools (totals and ranks after 复核; the published ones beside
//! them), with its own inputs, problems and outputs, which are shaped like a run's. The
//! run of the year keeps the top-level `inputs`, `problems` and `outputs`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assess::{AppealStatus, Assessment};
use crate::outputs::InputRecord;
use crate::outputs::Output;
use crate::outputs::manifest::{ProblemCounts, Tool, generated_at};

#[derive(Serialize)]
pub(super) struct Manifest<'a> {
    tool: Tool,
    generated_at: String,
    workspace: &'a str,
    assessment: Record<'a>,
}

#[derive(Serialize)]
struct Record<'a> {
    year: i32,
    publicity_date: Option<String>,
    appeal_deadline: Option<String>,
    indicators: Indicators<'a>,
    score_sheets: Sheets,
    /// Objects from which no self-assessment of the year came, where others sent theirs.
    without_self_assessment: Vec<&'a str>,
    appeals: Appeals,
    objects: Vec<Object<'a>>,
    inputs: &'a [InputRecord],
    problems: ProblemCounts,
    outputs: &'a [Output],
}

#[derive(Serialize)]
struct Indicators<'a> {
    count: usize,
    by_category: BTreeMap<&'a str, f64>,
}

#[derive(Serialize)]
struct Sheets {
    assessments: usize,
    self_evaluations: usize,
    left_out: usize,
    /// Why: the counts add up to `left_out`.
    left_out_why: LeftOut,
}

#[derive(Serialize)]
struct LeftOut {
    other_year: usize,
    unknown_sender: usize,
    nothing_counted: usize,
}

#[derive(Serialize)]
struct Appeals {
    applied: usize,
    early: usize,
    late: usize,
    unjudged: usize,
    /// Rows that cannot be used as written.
    refused: usize,
    /// Rows in time that decide an object and indicator differently: none applied.
    conflicting: usize,
    /// Rows in time that repeat an earlier row's decision, applied once.
    repeated: usize,
}

#[derive(Serialize)]
struct Object<'a> {
    unit: &'a str,
    category: &'a str,
    total: f64,
    rank: u32,
    /// Null unless `[assessment] grades` defines 等次.
    grade: Option<&'a str>,
    self_total: Option<f64>,
    share: Option<f64>,
    missing: Vec<String>,
    published_total: f64,
    published_rank: u32,
    /// The indicators without a counted score as published, before 复核.
    published_missing: Vec<String>,
}

impl<'a> Manifest<'a> {
    pub(super) fn new(a: &'a Assessment, outputs: &'a [Output]) -> Self {
        let appeals = |s: AppealStatus| a.appeals.iter().filter(|x| x.status == s).count();
        Self {
            tool: Tool::zwgk(),
            generated_at: generated_at(),
            workspace: &a.workspace,
            assessment: Record {
                year: a.year,
                publicity_date: a.publicity.map(|d| d.to_string()),
                appeal_deadline: a.deadline.map(|d| d.to_string()),
                indicators: Indicators {
                    count: a.indicators.tree.leaves.len(),
                    by_category: a
                        .indicators
                        .categories
                        .iter()
                        .map(|c| (c.as_str(), a.indicators.total_points(c)))
                        .collect(),
                },
                without_self_assessment: a.without_self_assessment(),
                score_sheets: Sheets {
                    assessments: a.sheets.assessments,
                    self_evaluations: a.sheets.self_evaluations,
                    left_out: a.sheets.left_out,
                    left_out_why: LeftOut {
                        other_year: a.sheets.other_year,
                        unknown_sender: a.sheets.unknown_sender,
                        nothing_counted: a.sheets.nothing_counted,
                    },
                },
                appeals: Appeals {
                    applied: appeals(AppealStatus::Applied),
                    early: appeals(AppealStatus::Early),
                    late: appeals(AppealStatus::Late),
                    unjudged: a.appeals.iter().filter(|x| x.status.pending()).count(),
                    refused: a
                        .appeals
                        .iter()
                        .filter(|x| matches!(x.status, AppealStatus::Refused(_)))
                        .count(),
                    conflicting: appeals(AppealStatus::Conflicting),
                    repeated: appeals(AppealStatus::Repeated),
                },
                objects: objects(a),
                inputs: &a.inputs,
                problems: ProblemCounts::of(&a.problems),
                outputs,
            },
        }
    }
}

fn objects(a: &Assessment) -> Vec<Object<'_>> {
    a.objects
        .iter()
        .zip(&a.published)
        .map(|(o, before)| Object {
            unit: &o.unit,
            category: &o.category,
            total: o.total,
            rank: o.rank,
            grade: o.grade.as_deref(),
            self_total: o.self_total,
            share: o.share,
            missing: o
                .missing()
                .map(|l| a.indicators.tree.leaves[l.leaf].label())
                .collect(),
            published_total: before.total,
            published_rank: before.rank,
            published_missing: before
                .missing()
                .map(|l| a.indicators.tree.leaves[l.leaf].label())
                .collect(),
        })
        .collect()
}
