//! The two annexes of the assessment, printed at their real size (GB/T 9704 as the
//! annex writer applies it): 公示 — the results before 复核, with the deadline to apply,
//! N working days after the publicity date, 调休 counted — and 结果 — the final results
//! after 复核, with the 按比例 share (and grades, where the office defines them). Each
//! category is one merged block.

use std::path::Path;

use super::date_zh;
use super::workbook::ordered;
use crate::assess::{Assessment, Line, Origin, Outcome, number};
use crate::outputs::annex::Options;
use crate::write::{AnnexStyle, Book, Role, Sheet, Value, WriteError};

/// Writes 附件-公示.xlsx: the published results and how to apply for 复核 at `office`.
pub(super) fn publicity(
    a: &Assessment,
    office: &str,
    style: AnnexStyle,
    path: &Path,
) -> Result<(), WriteError> {
    let mut header = columns(a);
    let remarks = incomplete(&a.published);
    header.extend(remarks.then_some(REMARK));
    let last = header.len() as u16 - 1;
    let title = format!("{}结果公示", a.title);
    let mut book = Book::new();
    let mut sheet = options(style).sheet(&mut book, "公示", &title, last)?;
    table(&mut sheet, a, &a.published, &header, |o| {
        remarks.then(|| remark(a, o)).into_iter().collect()
    })?;
    let when = (a.publicity.map(|d| format!("公示日期：{}。", date_zh(d)))).unwrap_or_default();
    let how = match (a.deadline, a.appeal_days) {
        (Some(to), Some(days)) => format!(
            "请于{}前（含当日，即公示之日起{days}个工作日内）",
            date_zh(to)
        ),
        // Seed 004's own words, for a deadline not known yet.
        (None, Some(days)) => format!("须在公示之日起{days}个工作日内"),
        // The notice sets no time limit (seeds 001, 003): none is made up.
        (_, None) => "请".to_string(),
    };
    let note = format!(
        "{when}对{}结果有异议的，{how}向{office}提出复核申请。",
        a.term
    );
    sheet.skip(1);
    sheet.note(&note, last)?;
    book.save(path)
}

/// Writes 附件-结果.xlsx: the final results, with the share of the year's performance
/// score where `[assessment] weight` gives one.
pub(super) fn results(a: &Assessment, style: AnnexStyle, path: &Path) -> Result<(), WriteError> {
    let share = a.weight.map(|w| format!("折算得分\n（{}%）", number(w)));
    let mut header = columns(a);
    header.extend(share.as_deref());
    let remarks = incomplete(&a.objects);
    header.extend(remarks.then_some(REMARK));
    let last = header.len() as u16 - 1;
    let title = format!("{}结果", a.title);
    let mut book = Book::new();
    let name = format!("{}结果", a.term);
    let mut sheet = options(style).sheet(&mut book, &name, &title, last)?;
    table(&mut sheet, a, &a.objects, &header, |o| {
        let share = o.share.map(Value::score);
        share
            .into_iter()
            .chain(remarks.then(|| remark(a, o)))
            .collect()
    })?;
    if let Some(w) = a.weight {
        sheet.skip(1);
        let note = format!(
            "注：折算得分 = 得分 × {}%，按比例计入{}。",
            number(w),
            a.counts_into
        );
        sheet.note(&note, last)?;
    }
    book.save(path)
}

/// The columns every annex has: 等次 only where `[assessment] grades` defines them.
fn columns(a: &Assessment) -> Vec<&'static str> {
    let mut header = vec!["序号", "类别", "单位", "得分", "排名"];
    header.extend(a.graded.then_some("等次"));
    header
}

/// Whether an object of `objects` has an indicator without a score (counted 0): the
/// annex then says so beside it, as DESIGN asks of a ranked but incomplete object.
fn incomplete(objects: &[Outcome]) -> bool {
    objects.iter().any(|o| o.missing().next().is_some())
}

/// The header of the column that says what is missing: the one that wraps.
const REMARK: &str = "备注";

/// Indicators named per reason in a 备注; beyond them, their count.
const NAMED: usize = 2;

/// The 备注 of an object's row: how many indicators it was not scored on, which and
/// why, so that the unit knows what a 复核 application would be about —
/// `缺评1项（附加指标：评分超出分值未计），按0分计`; past [`NAMED`] indicators of one
/// reason, `甲一、甲二等5项：未评分`. A deduction item without a counted value takes
/// nothing off, and is said apart: `企事业办事公开：评分超出分值未计，不扣分`.
fn remark(a: &Assessment, o: &Outcome) -> Value<'static> {
    let leaves = &a.indicators.tree.leaves;
    let (deductions, earned): (Vec<&Line>, Vec<&Line>) =
        o.missing().partition(|l| leaves[l.leaf].points.deduction);
    let mut parts = Vec::new();
    if !earned.is_empty() {
        let why = reasons(a, o, &earned);
        parts.push(format!("缺评{}项（{why}），按0分计", earned.len()));
    }
    if !deductions.is_empty() {
        parts.push(format!("{}，不扣分", reasons(a, o, &deductions)));
    }
    if parts.is_empty() {
        return Value::Empty;
    }
    Value::from(parts.join("；"))
}

/// The indicators of `missing` grouped by why they are missing: `甲一：评分超出分值未计；
/// 甲二、乙一：未评分`.
fn reasons(a: &Assessment, o: &Outcome, missing: &[&Line]) -> String {
    let mut by_reason: Vec<(&str, Vec<String>)> = Vec::new();
    for l in missing {
        let Origin::Missing(why) = &l.origin else {
            continue;
        };
        let name = short_name(a, o, l.leaf);
        match by_reason.iter_mut().find(|(r, _)| *r == why.brief()) {
            Some((_, names)) => names.push(name),
            None => by_reason.push((why.brief(), vec![name])),
        }
    }
    let reasons: Vec<String> = by_reason
        .iter()
        .map(|(why, names)| {
            let shown = names[..names.len().min(NAMED)].join("、");
            match names.len() {
                n if n > NAMED => format!("{shown}等{n}项：{why}"),
                _ => format!("{shown}：{why}"),
            }
        })
        .collect();
    reasons.join("；")
}

/// An indicator by its own name (`附加指标`, `回应关切`), or by its path where another
/// indicator of the object has the same name.
fn short_name(a: &Assessment, o: &Outcome, leaf: usize) -> String {
    let leaves = &a.indicators.tree.leaves;
    let name = leaves[leaf].name();
    let shared = o
        .lines
        .iter()
        .any(|l| l.leaf != leaf && leaves[l.leaf].name() == name);
    if shared {
        leaves[leaf].label()
    } else {
        name.to_string()
    }
}

fn options(style: AnnexStyle) -> Options {
    Options {
        style,
        ..Options::default()
    }
}

/// The results table: a row per object, 类别 merged over each category's rows.
fn table(
    sheet: &mut Sheet<'_>,
    a: &Assessment,
    objects: &[Outcome],
    header: &[&str],
    extra: impl Fn(&Outcome) -> Vec<Value<'static>>,
) -> Result<(), WriteError> {
    sheet.header(header)?;
    // A category, a unit's name, a header on one line where the page allows (垂直管理,
    // 黔东南州生态环境局台江分局, 折算得分): 备注 wraps first.
    for (col, label) in (0u16..).zip(header) {
        if *label != REMARK {
            sheet.rather_whole(col);
        }
    }
    // Names of more than about 20 characters wrap, where words end, rather than take
    // the 备注's room.
    sheet.max_width(2, 42.0);
    sheet.break_at_words(2);
    let order = ordered(a, objects);
    let first = sheet.next_row();
    for (n, &i) in order.iter().enumerate() {
        let o = &objects[i];
        let mut row = vec![
            Value::seq(n + 1),
            Value::Empty,
            Value::from(&o.unit),
            Value::score(o.total),
            Value::from(o.rank),
        ];
        if a.graded {
            row.push(Value::from(o.grade.as_ref()));
        }
        row.extend(extra(o));
        sheet.row(&row)?;
    }
    let mut start = 0;
    while start < order.len() {
        let category = &objects[order[start]].category;
        let end = (start..order.len())
            .take_while(|&k| objects[order[k]].category == *category)
            .last()
            .unwrap_or(start);
        let rows = (first + start as u32, first + end as u32);
        sheet.merge(rows, (1, 1), category.as_str(), Role::Body)?;
        start = end + 1;
    }
    Ok(())
}
