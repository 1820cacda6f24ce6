//! The truth file of an assessment sample, written by its generator from its own model
//! (tests/expected/<sample>.json): the deadline, the indicators, every object's result
//! and every planted trap with the problem a correct zwgk reports there.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{ObjTruth, Plan};

/// A planted trap: where, what, and the problem code expected there.
#[derive(Debug, Clone, Serialize)]
pub struct Trap {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    pub what: String,
    pub code: &'static str,
}

impl Trap {
    pub fn new(
        file: &str,
        sheet: &str,
        cell: Option<String>,
        what: &str,
        code: &'static str,
    ) -> Self {
        Self {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            cell,
            what: what.to_string(),
            code,
        }
    }
}

impl Trap {
    /// A trap on a whole file, such as one that cannot be opened.
    pub fn file(file: &str, what: &str, code: &'static str) -> Self {
        Self {
            file: file.to_string(),
            sheet: None,
            cell: None,
            what: what.to_string(),
            code,
        }
    }
}

#[derive(Serialize)]
struct Indicators {
    count: usize,
    by_category: BTreeMap<&'static str, f64>,
}

#[derive(Serialize)]
struct Sheets {
    assessments: usize,
    self_evaluations: usize,
    left_out: usize,
}

#[derive(Serialize)]
struct Appeals {
    applied: usize,
    late: usize,
}

#[derive(Serialize)]
struct Truth<'a> {
    about: &'static str,
    workspace: &'static str,
    year: i32,
    publicity_date: Option<String>,
    appeal_deadline: Option<String>,
    conventions: &'a [&'static str],
    indicators: Indicators,
    score_sheets: Sheets,
    appeals: Appeals,
    objects: Vec<ObjTruth>,
    traps: &'a [Trap],
}

/// What a truth file says besides the plan's results.
pub struct About<'a> {
    pub about: &'static str,
    pub workspace: &'static str,
    pub year: i32,
    pub publicity: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    /// Score sheets with assessments, with self-evaluations, and left out.
    pub sheets: (usize, usize, usize),
    pub traps: &'a [Trap],
}

const CONVENTIONS: [&str; 4] = [
    "Paths are workspace-relative with '/'; cells are Excel addresses.",
    "objects lists every unit assessed, in the order of the units table; total and rank are after the 复核 decisions made in time, published_* before any.",
    "missing lists the indicators (一级/二级/三级 joined by '/') with no counted score after 复核.",
    "Each trap names the problem code a correct run reports at that file, sheet and cell.",
];

/// The truth file as JSON.
pub fn to_json(plan: &Plan, about: &About) -> Result<String, serde_json::Error> {
    let truth = Truth {
        about: about.about,
        workspace: about.workspace,
        year: about.year,
        publicity_date: about.publicity.map(|d| d.to_string()),
        appeal_deadline: about.deadline.map(|d| d.to_string()),
        conventions: &CONVENTIONS,
        indicators: Indicators {
            count: plan.indicators.len(),
            by_category: plan.by_category(),
        },
        score_sheets: Sheets {
            assessments: about.sheets.0,
            self_evaluations: about.sheets.1,
            left_out: about.sheets.2,
        },
        appeals: Appeals {
            applied: plan.appeals.iter().filter(|a| a.in_time).count(),
            late: plan.appeals.iter().filter(|a| !a.in_time).count(),
        },
        objects: plan.results(),
        traps: about.traps,
    };
    Ok(serde_json::to_string_pretty(&truth)? + "\n")
}

/// The day "N 个工作日内" from `from` ends, by the State Council calendar.
pub fn deadline(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if crate::calendar::working_day(day) {
            left -= 1;
        }
    }
    day
}
