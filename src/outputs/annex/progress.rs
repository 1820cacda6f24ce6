//! The 完成情况 annex of a run: per unit its annual target, this period's items, the
//! year to date, the pro-rata expectation, completion, score and standing, closed by 合计.

use super::Options;
use crate::check::figures::{Standing, UnitFigures};
use crate::pipeline::Outcome;
use crate::write::{Book, Role, Value, WriteError};

/// Two-line labels keep the number columns narrow enough for a portrait page.
const HEADER: &[&str] = &[
    "序号",
    "单位",
    "全年目标\n(条)",
    "本期\n(条)",
    "年度累计\n(条)",
    "序时进度\n(条)",
    "完成率",
    "得分",
    "完成情况",
];

/// Adds the 完成情况 sheet to `book`.
pub(super) fn write(
    book: &mut Book,
    outcome: &Outcome,
    options: &Options,
) -> Result<(), WriteError> {
    let title = format!(
        "{}{}政务公开信息报送完成情况",
        outcome.workspace,
        outcome.period.label_zh()
    );
    let last = (HEADER.len() - 1) as u16;
    let mut sheet = options.sheet(book, "完成情况", &title, last)?;
    sheet.header(HEADER)?;
    sheet.max_width(1, 20.0);
    for (i, u) in outcome.units.iter().enumerate() {
        let standing = match u.standing {
            Standing::NoTarget => "无目标任务",
            s => s.zh(),
        };
        sheet.row(&[
            Value::from(i + 1),
            Value::from(&u.unit),
            Value::from(u.target),
            Value::from(u.period_items),
            Value::from(u.ytd_items),
            Value::from(u.expected_ytd),
            u.completion.map_or(Value::Empty, Value::percent),
            u.score.map_or(Value::Empty, Value::score),
            Value::from(standing),
        ])?;
    }
    let row = sheet.next_row();
    sheet.merge((row, row), (0, 1), "合  计", Role::Total)?;
    for (col, value) in (2u16..).zip(totals(&outcome.units)) {
        sheet.write(row, col, value, Role::Total)?;
    }
    Ok(())
}

/// The 合计 row from column 2 on: sums of the counts, and the completion of all targets
/// together (the items of units without a target do not count towards it).
pub(crate) fn totals(units: &[UnitFigures]) -> Vec<Value<'static>> {
    let sum = |f: &dyn Fn(&UnitFigures) -> Option<u32>| -> i64 {
        units.iter().filter_map(f).map(i64::from).sum()
    };
    let target = sum(&|u| u.target);
    let ytd_with_target = sum(&|u| u.target.map(|_| u.ytd_items));
    vec![
        Value::Int(target),
        Value::Int(sum(&|u| Some(u.period_items))),
        Value::Int(sum(&|u| Some(u.ytd_items))),
        Value::Int(sum(&|u| u.expected_ytd)),
        if target > 0 {
            Value::percent(ytd_with_target as f64 / target as f64)
        } else {
            Value::Empty
        },
        Value::Empty,
        Value::Empty,
    ]
}
