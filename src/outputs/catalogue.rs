//! `标准目录-<period>.xlsx`: the catalogues the units sent, consolidated — 目录覆盖 (which
//! domains have a catalogue from each responsible unit), then one sheet per domain in the
//! State Council's order with its matters numbered, every element as written, the rule
//! read from 公开时限, the unit that compiled it, its problems and the row it came from;
//! matters whose domain is unknown come last, on 未归入领域. 目录覆盖 also goes into 汇总.

use std::path::Path;

use super::summary::cut;
use crate::catalogue::{Catalogue, Matter};
use crate::problems::Problem;
use crate::write::{Book, Look, Value, WriteError};

const MATTERS: &[&str] = &[
    "序号",
    "一级事项",
    "事项名称（二级事项）",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开时限（按规则）",
    "公开主体",
    "公开方式",
    "公开渠道和载体",
    "公开对象",
    "备注",
    "编制单位",
    "状态",
    "问题",
    "来源文件",
    "工作表",
    "行号",
];

/// The column of a matter's problems (问题), 来源文件 after it.
const PROBLEMS: u16 = 14;

/// The sheet of matters whose domain is unknown.
pub(crate) const UNPLACED: &str = "未归入领域";

/// Writes the consolidated catalogue workbook to `path`. The texts it cuts to Excel's
/// cell limit were found before, by [`overlong`].
///
/// # Errors
/// [`WriteError`] when the workbook cannot be written.
pub(crate) fn write(catalogue: &Catalogue, path: &Path) -> Result<(), WriteError> {
    let mut book = Book::new();
    coverage(&mut book, catalogue)?;
    for (name, matters) in sheets(catalogue) {
        let mut sheet = book.sheet(name, Look::Data)?;
        sheet.header(MATTERS)?;
        // What was found, and where, read whole rather than cut at the next column.
        sheet.wrap(PROBLEMS, 40.0);
        sheet.wrap(PROBLEMS + 1, 24.0);
        for (i, m) in matters.enumerate() {
            sheet.row(&matter_row(i, m))?;
        }
    }
    book.save(path)
}

/// A W001 problem for each text the catalogue workbook, shown as `shown`, will cut.
pub(crate) fn overlong(catalogue: &Catalogue, shown: &str) -> Vec<Problem> {
    let mut cuts = Vec::new();
    for (i, row) in coverage_rows(catalogue).iter().enumerate() {
        cuts.extend(cut(shown, COVERAGE, i, row));
    }
    for (name, matters) in sheets(catalogue) {
        for (i, m) in matters.enumerate() {
            cuts.extend(cut(shown, name, i, &matter_row(i, m)));
        }
    }
    cuts
}

/// The sheets of matters: one per catalogued domain, in order, then 未归入领域.
fn sheets(catalogue: &Catalogue) -> Vec<(&str, impl Iterator<Item = &Matter>)> {
    let domains = catalogue.domains.iter().filter(|d| d.matters > 0);
    let mut out: Vec<(&str, _)> = domains
        .map(|d| (d.name.as_str(), catalogue.of(Some(d.domain))))
        .collect();
    if catalogue.of(None).next().is_some() {
        out.push((UNPLACED, catalogue.of(None)));
    }
    out
}

/// The sheet of domain coverage, in 汇总 and in the catalogue workbook.
pub(crate) const COVERAGE: &str = "目录覆盖";

/// 目录覆盖: per domain its responsible units, the units whose catalogues list it, those
/// that sent none, and how many matters it has (with problems).
///
/// # Errors
/// [`WriteError`] when the sheet is full.
pub(crate) fn coverage(book: &mut Book, catalogue: &Catalogue) -> Result<(), WriteError> {
    let mut sheet = book.sheet(COVERAGE, Look::Data)?;
    sheet.header(&[
        "序号",
        "领域",
        "责任单位",
        "已报送目录的单位",
        "未报送目录的责任单位",
        "事项数",
        "有问题的事项数",
        "状态",
    ])?;
    for row in coverage_rows(catalogue) {
        sheet.row(&row)?;
    }
    Ok(())
}

/// The rows of 目录覆盖.
pub(crate) fn coverage_rows(catalogue: &Catalogue) -> Vec<[Value<'_>; 8]> {
    let mut rows: Vec<[Value<'_>; 8]> = Vec::new();
    for (i, d) in catalogue.domains.iter().enumerate() {
        let status = match (d.matters, d.missing.is_empty()) {
            (0, _) => "未编制",
            (_, false) => "部分单位未报送",
            _ => "已编制",
        };
        rows.push([
            Value::seq(i + 1),
            Value::from(&d.name),
            Value::from(d.responsible.join("、")),
            Value::from(d.units.join("、")),
            Value::from(d.missing.join("、")),
            Value::from(d.matters),
            Value::from(d.marked),
            Value::from(status),
        ]);
    }
    let unplaced = catalogue.of(None).count();
    if unplaced > 0 {
        rows.push([
            Value::from(catalogue.domains.len() + 1),
            Value::from(UNPLACED),
            Value::Empty,
            Value::Empty,
            Value::Empty,
            Value::from(unplaced),
            Value::from(unplaced),
            Value::from("无法确定领域"),
        ]);
    }
    rows
}

fn matter_row(i: usize, m: &Matter) -> [Value<'_>; 18] {
    let rule = m.time_rule.as_ref().map(|r| r.zh());
    let status = if m.marks.is_empty() {
        "正常"
    } else {
        "需核对"
    };
    [
        Value::seq(i + 1),
        Value::from(&m.level1),
        Value::from(&m.name),
        Value::from(&m.content),
        Value::from(&m.basis),
        Value::from(&m.time_limit),
        Value::from(rule),
        Value::from(&m.subject),
        Value::from(&m.manner),
        Value::from(&m.channel),
        Value::from(&m.audience),
        Value::from(&m.remark),
        Value::from(m.unit.as_ref()),
        Value::from(status),
        Value::from(m.marks.join("；")),
        Value::from(&m.source.file),
        Value::from(&m.source.sheet),
        Value::from(m.source.row),
    ]
}
