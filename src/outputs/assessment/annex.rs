//! The two annexes of the assessment, printed at their real size (GB/T 9704 as the
//! annex writer applies it): 公示 — the results before 复核, with the deadline to apply,
//! N working days after the publicity date, 调休 counted — and 结果 — the final results
//! after 复核, with the 按比例 share (and grades, where the office defines them). Each category is one merged block.

use std::path::Path;

use super::date_zh;
use super::workbook::ordered;
use crate::assess::{Assessment, Outcome, number};
use crate::outputs::annex::Options;
use crate::outputs::evaluation::span_zh;
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
    header.extend(remarks.then_some("备注"));
    let last = header.len() as u16 - 1;
    let title = format!("{}{}年度政务公开考核结果公示", a.workspace, a.year);
    let mut book = Book::new();
    let mut sheet = options(style).sheet(&mut book, "公示", &title, last)?;
    table(&mut sheet, a, &a.published, &header, |o| {
        remarks.then(|| remark(o)).into_iter().collect()
    })?;
    let note = match (a.publicity, a.deadline) {
        (Some(from), Some(to)) => format!(
            "公示时间：{}。对考核结果有异议的，请于{}前（含当日，即公示之日起{}个工作日内）向{}提出书面复核申请，逾期不予受理。",
            span_zh(from, to),
            date_zh(to),
            a.appeal_days,
            office
        ),
        _ => format!(
            "公示之日起{}个工作日内可向{}提出书面复核申请（公示日期未定，复核截止日期待定）。",
            a.appeal_days, office
        ),
    };
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
    header.extend(remarks.then_some("备注"));
    let last = header.len() as u16 - 1;
    let title = format!("{}{}年度政务公开考核结果", a.workspace, a.year);
    let mut book = Book::new();
    let mut sheet = options(style).sheet(&mut book, "考核结果", &title, last)?;
    table(&mut sheet, a, &a.objects, &header, |o| {
        let share = o.share.map(Value::score);
        share
            .into_iter()
            .chain(remarks.then(|| remark(o)))
            .collect()
    })?;
    if let Some(w) = a.weight {
        sheet.skip(1);
        let note = format!(
            "注：折算得分 = 得分 × {}%，按比例计入单位年度目标绩效考核。",
            number(w)
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

/// The 备注 of an object's row: how many indicators it was not scored on.
fn remark(o: &Outcome) -> Value<'static> {
    match o.missing().count() {
        0 => Value::Empty,
        n => Value::from(format!("缺评{n}项，按0分计")),
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
    sheet.max_width(2, 22.0);
    let order = ordered(a, objects);
    let first = sheet.next_row();
    for (n, &i) in order.iter().enumerate() {
        let o = &objects[i];
        let mut row = vec![
            Value::from(n + 1),
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
