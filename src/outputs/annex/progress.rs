//! The 完成情况 annex of a run: per unit its annual target, this period's items, the
//! year to date, the pro-rata expectation, completion, score and standing, closed by 合计.
//! The score is labelled with what it rests on: before the year is over it is a
//! projection (测算得分, 汇总's 得分（按序时进度测算）), not seed 001's annual score. It is left out where
//! `zwgk.toml` states no scoring rules: the annex goes out under the office's name, and
//! seed 001's rules are 大英县's, not every county's.

use super::Options;
use crate::check::figures::{ScoreBasis, Standing, UnitFigures};
use crate::outputs::evaluation::date_zh;
use crate::pipeline::Outcome;
use crate::write::{Book, Role, Value, WriteError};

/// Labels of two or three lines keep the number columns as narrow as their numbers, so
/// that unit names and standings keep to one line on a portrait page. The score
/// column only where the workspace states its scoring rules (`scored`).
fn header(basis: ScoreBasis, scored: bool) -> Vec<&'static str> {
    let score = match basis {
        ScoreBasis::Annual => "得分",
        // As the 通报's annex has it: 得分（按序时进度测算） would widen the column.
        ScoreBasis::ProRata => "测算\n得分",
    };
    let mut header = vec![
        "序号",
        "单位",
        "全年\n目标\n(条)",
        "本期\n(条)",
        "年度\n累计\n(条)",
        "序时\n进度\n(条)",
        "完成率",
    ];
    header.extend(scored.then_some(score));
    header.push("完成情况");
    header
}

/// The title of a completion table (汇总's 完成情况, this annex, the 通报's annex): the
/// area and period, and the day the figures stop at when that is before the period's
/// end (a 通报 dated inside its period).
pub(crate) fn completion_title(outcome: &Outcome) -> String {
    let window = outcome.window;
    let as_of = (!window.is_whole()).then(|| format!("（截至{}）", date_zh(window.as_of)));
    format!(
        "{}{}政务公开信息报送完成情况{}",
        outcome.workspace,
        outcome.period.label_zh(),
        as_of.unwrap_or_default()
    )
}

/// Adds the 完成情况 sheet to `book`.
pub(super) fn write(
    book: &mut Book,
    outcome: &Outcome,
    options: &Options,
) -> Result<(), WriteError> {
    let title = completion_title(outcome);
    let scored = outcome.scores_stated;
    let header = header(ScoreBasis::of(outcome.window), scored);
    let last = (header.len() - 1) as u16;
    let mut sheet = options.sheet(book, "完成情况", &title, last)?;
    sheet.header(&header)?;
    sheet.max_width(1, 20.0);
    sheet.break_at_words(1);
    for (i, u) in outcome.units.iter().enumerate() {
        let standing = match u.standing {
            Standing::NoTarget => "无目标任务",
            s => s.zh(),
        };
        let mut row = vec![
            Value::seq(i + 1),
            Value::from(&u.unit),
            Value::from(u.target),
            Value::from(u.period_items),
            Value::from(u.ytd_items),
            Value::from(u.expected_ytd),
            u.completion.map_or(Value::Empty, Value::percent),
        ];
        row.extend(scored.then(|| u.score.map_or(Value::Empty, Value::score)));
        row.push(Value::from(standing));
        sheet.row(&row)?;
    }
    let row = sheet.next_row();
    sheet.merge((row, row), (0, 1), total_label(&outcome.units), Role::Total)?;
    let columns = (2..=last).zip(totals(&outcome.units));
    for (col, value) in columns {
        sheet.write(row, col, value, Role::Total)?;
    }
    Ok(())
}

/// The label of the 合计 row: it adds the units with a target, and says so when some
/// listed units have none.
pub(crate) fn total_label(units: &[UnitFigures]) -> String {
    let with = units.iter().filter(|u| u.target.is_some()).count();
    if with == units.len() {
        "合  计".into()
    } else {
        format!("合计（有目标任务的{with}个单位）")
    }
}

/// The 合计 row from column 2 on, over the units with a target (see [`total_label`]):
/// targets, items this period and to date, the pro-rata shares, and the completion of
/// all targets together — every figure of the row over the same units.
pub(crate) fn totals(units: &[UnitFigures]) -> Vec<Value<'static>> {
    let with: Vec<&UnitFigures> = units.iter().filter(|u| u.target.is_some()).collect();
    let sum = |f: &dyn Fn(&UnitFigures) -> Option<u32>| -> i64 {
        with.iter().filter_map(|u| f(u)).map(i64::from).sum()
    };
    let target = sum(&|u| u.target);
    let ytd = sum(&|u| Some(u.ytd_items));
    vec![
        Value::Int(target),
        Value::Int(sum(&|u| Some(u.period_items))),
        Value::Int(ytd),
        Value::Int(sum(&|u| u.expected_ytd)),
        if target > 0 {
            Value::percent(ytd as f64 / target as f64)
        } else {
            Value::Empty
        },
        Value::Empty,
        Value::Empty,
    ]
}
