//! Scores the run works out itself (`数据来源`), so that the office types nothing twice:
//! - 目标任务: seed 001's target item, scored by `[scoring]` on the whole year's items
//!   against the annual target (`zwgk run --period <Y>`'s figures);
//! - 栏目更新: deliberately narrow — the indicator's points times the share of the
//!   unit's interval sections (每周 … 每年) updated in every interval of the year, as the
//!   year's run judges them (DESIGN.md "Verdicts"). Timeliness and 按需 sections ask for
//!   no update at all, so they are left out rather than counted as kept up.

use std::collections::HashMap;
use std::path::Path;

use super::indicators::{Indicators, Source};
use super::values::{self, round2};
use crate::Error;
use crate::config::Config;
use crate::ingest::Input;
use crate::model::Period;
use crate::outputs::{InputRecord, Role};
use crate::pipeline::{self, Outcome};
use crate::problems::{Code, Problem};

/// The run's figure for an object and indicator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Figure {
    /// A score, with how it was worked out.
    Score { value: f64, basis: String },
    /// No score: why.
    Absent(String),
}

/// Figures by object and indicator.
#[derive(Debug, Clone, Default)]
pub(crate) struct Figures {
    by: HashMap<(String, usize), Figure>,
    /// Where the inbox stops before December (A026): which indicators were scored on
    /// which months, in words for the screen, which withholds both annexes for it.
    pub(crate) part_year: Option<String>,
    /// The inbox files as the run read them, with the rows it read and accepted of the
    /// item lists and count summaries the figures rest on.
    pub(crate) records: Vec<InputRecord>,
}

impl Figures {
    pub(crate) fn get(&self, object: &str, leaf: usize) -> Option<&Figure> {
        self.by.get(&(object.to_string(), leaf))
    }
}

/// Runs the year on the inbox as read (`inputs`) when an indicator takes its score from
/// the run, and reads the figures; where the inbox stops before December, a warning
/// (A026) on each such indicator: its score rests on the months the inbox holds.
///
/// # Errors
/// As [`pipeline::run`]: the targets or sections table the figures need is missing or
/// wrong.
pub(crate) fn figures(
    root: &Path,
    config: &Config,
    indicators: &Indicators,
    (year, inputs): (i32, Vec<Input>),
) -> Result<(Figures, Vec<Problem>), Error> {
    let leaves: Vec<(usize, Source)> = indicators
        .tree
        .leaves
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.source.map(|s| (i, s)))
        .collect();
    if leaves.is_empty() {
        return Ok((Figures::default(), Vec::new()));
    }
    let targets_needed = leaves.iter().any(|(_, s)| *s == Source::Target);
    let outcome = pipeline::run_read(root, config, Period::Year(year), inputs, targets_needed)?;
    // Through which month the year's items reach, where that is before December.
    let short = match outcome.last_month {
        Some(m) if m >= year * 100 + 12 => None,
        Some(m) => Some(format!("{year}年{}月", m % 100)),
        None => Some(format!("{year}年1月1日（收件夹中没有本年度的信息）")),
    };
    let labels: Vec<String> = (leaves.iter())
        .map(|&(leaf, _)| format!("「{}」", indicators.tree.leaves[leaf].label()))
        .collect();
    let part_year = short.as_ref().map(|_| match outcome.last_month {
        Some(m) => format!(
            "{}的得分按截至{year}年{}月的报送信息计算，不是全年结果",
            labels.join("、"),
            m % 100
        ),
        None => format!("{}的得分计算时没有{year}年的报送信息", labels.join("、")),
    });
    let unusable = pipeline::unusable(&outcome.inputs);
    let mut by = HashMap::new();
    let mut problems = Vec::new();
    for (leaf, source) in leaves {
        let indicator = &indicators.tree.leaves[leaf];
        if let Some(to) = &short {
            problems.push(
                indicator
                    .place
                    .problem(Code::PartYear, &[&indicator.label(), to]),
            );
        }
        for unit in &outcome.units {
            let figure = match source {
                Source::Target => target(unit, short.as_deref(), unusable.get(&unit.unit)),
                Source::Sections => sections(&outcome, &unit.unit, indicator.points.value),
            };
            by.insert((unit.unit.clone(), leaf), figure);
        }
    }
    let records = (outcome.inputs.into_iter())
        .filter(|r| r.role == Role::Submission)
        .collect();
    Ok((
        Figures {
            by,
            part_year,
            records,
        },
        problems,
    ))
}

/// The 目标任务 score of `u`, on the whole year or on the items `to` a month (A026); the
/// files of the unit that could not be counted (`unusable`, as C004 names them) are
/// named, since the score may be the lower for them (大英's 审计局 sent an encrypted one).
fn target(
    u: &crate::check::figures::UnitFigures,
    to: Option<&str>,
    unusable: Option<&String>,
) -> Figure {
    let sent = match to {
        None => "全年报送".to_string(),
        Some(month) => format!("截至{month}报送"),
    };
    let aside = unusable.map_or(String::new(), |files| {
        format!("；另有未能计入的文件：{files}")
    });
    match (u.target, u.score) {
        (Some(target), Some(value)) => Figure::Score {
            value,
            basis: format!(
                "全年目标 {target} 条，{sent} {} 条，按目标任务评分细则计 {} 分{aside}",
                u.ytd_items,
                values::number(value)
            ),
        },
        _ => Figure::Absent("无目标任务".into()),
    }
}

fn sections(outcome: &Outcome, unit: &str, points: f64) -> Figure {
    let Some(coverage) = &outcome.coverage else {
        return Figure::Absent("没有栏目表".into());
    };
    let Some(own) = coverage.units.iter().find(|u| u.unit == unit) else {
        return Figure::Absent("不负责任何栏目".into());
    };
    let kept: Vec<bool> = own
        .sections
        .iter()
        .filter_map(|&i| coverage.sections[i].status.kept_up())
        .collect();
    if kept.is_empty() {
        return Figure::Absent("负责的栏目都不按周期更新（按时效公开或按需更新），无从评判".into());
    }
    let fresh = kept.iter().filter(|&&k| k).count();
    let value = round2(points * fresh as f64 / kept.len() as f64);
    let others = own.sections.len() - kept.len();
    let aside = if others > 0 {
        format!("（另有 {others} 个栏目按时效公开、按需更新或未能评判，不计）")
    } else {
        String::new()
    };
    Figure::Score {
        value,
        basis: format!(
            "负责的 {} 个按周期更新的栏目中 {fresh} 个全年每个周期都有更新{aside}，计 {} 分",
            kept.len(),
            values::number(value)
        ),
    }
}
