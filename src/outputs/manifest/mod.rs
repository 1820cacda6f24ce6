//! `manifest.json`: the machine-readable record of a run, with the fields DESIGN.md
//! promises other tools. Paths are workspace-relative with `/`.

pub(crate) mod records;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::figures::UnitFigures;
use crate::pipeline::Outcome;
use crate::problems::Severity;
pub(crate) use records::{InputRecord, Role, TargetsSummary, Totals};

#[derive(Serialize)]
pub(crate) struct Manifest<'a> {
    tool: Tool,
    generated_at: String,
    workspace: &'a str,
    period: PeriodRecord,
    inputs: &'a [InputRecord],
    totals: &'a Totals,
    targets: &'a TargetsSummary,
    units: Vec<UnitRecord<'a>>,
    coverage: Coverage,
    problems: ProblemCounts,
    outputs: &'a [Output],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct PeriodRecord {
    label: String,
    start: String,
    end: String,
}

#[derive(Serialize)]
struct UnitRecord<'a> {
    unit: &'a str,
    category: &'a str,
    target: Option<u32>,
    period_items: u32,
    ytd_items: u32,
    expected_ytd: Option<u32>,
    completion: Option<f64>,
    score: Option<f64>,
    standing: crate::check::figures::Standing,
}

impl<'a> From<&'a UnitFigures> for UnitRecord<'a> {
    fn from(u: &'a UnitFigures) -> Self {
        Self {
            unit: &u.unit,
            category: &u.category,
            target: u.target,
            period_items: u.period_items,
            ytd_items: u.ytd_items,
            expected_ytd: u.expected_ytd,
            completion: u.completion.map(|c| (c * 10_000.0).round() / 10_000.0),
            score: u.score,
            standing: u.standing,
        }
    }
}

#[derive(Serialize)]
struct Coverage {
    sections: usize,
    sections_updated: usize,
    sleeping: Vec<String>,
    units_without_submission: Vec<String>,
}

#[derive(Serialize)]
struct ProblemCounts {
    error: usize,
    warning: usize,
    info: usize,
    by_code: BTreeMap<&'static str, usize>,
}

/// A file the run wrote, with its hash.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Output {
    pub path: String,
    pub sha256: String,
}

/// Coverage from the sections table where there is one; units without a submission also
/// include units with a target that sent nothing this period.
fn coverage(outcome: &Outcome) -> Coverage {
    let summary = outcome.coverage.as_ref().map(|c| c.summary.clone());
    let mut missing = outcome.unsubmitted.clone();
    for unit in summary.iter().flat_map(|s| &s.units_without_submission) {
        if !missing.contains(unit) {
            missing.push(unit.clone());
        }
    }
    Coverage {
        sections: summary.as_ref().map_or(0, |s| s.sections),
        sections_updated: summary.as_ref().map_or(0, |s| s.sections_updated),
        sleeping: summary.map(|s| s.sleeping).unwrap_or_default(),
        units_without_submission: missing,
    }
}

impl<'a> Manifest<'a> {
    /// The manifest of `outcome`, listing `outputs`.
    pub(crate) fn new(outcome: &'a Outcome, outputs: &'a [Output]) -> Self {
        let mut by_code = BTreeMap::new();
        for p in &outcome.problems {
            *by_code.entry(p.code.id()).or_insert(0) += 1;
        }
        Self {
            tool: Tool {
                name: env!("CARGO_PKG_NAME"),
                version: env!("CARGO_PKG_VERSION"),
            },
            generated_at: chrono::Local::now()
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            workspace: &outcome.workspace,
            period: PeriodRecord {
                label: outcome.period.to_string(),
                start: outcome.period.start().to_string(),
                end: outcome.period.end().to_string(),
            },
            inputs: &outcome.inputs,
            totals: &outcome.totals,
            targets: &outcome.targets,
            units: outcome.units.iter().map(UnitRecord::from).collect(),
            coverage: coverage(outcome),
            problems: ProblemCounts {
                error: outcome.count(Severity::Error),
                warning: outcome.count(Severity::Warning),
                info: outcome.count(Severity::Info),
                by_code,
            },
            outputs,
        }
    }

    /// The manifest as pretty JSON.
    pub(crate) fn to_json(&self) -> String {
        // Invariant: every field is a plain serde type without maps keyed by non-strings.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
