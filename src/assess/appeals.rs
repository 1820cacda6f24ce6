//! 复核 (seed 004): `reference/appeals.*` (单位 | 指标 | 申请日期 | 复核得分 | 复核意见).
//! An application dated from the publicity date to the deadline — N working days after
//! it — replaces the score; an earlier or a later one is flagged and changes nothing, and
//! so does every one when no publicity date is known.

use chrono::NaiveDate;

use super::indicators::{self, Found, Spot};
use super::judge::Judge;
use super::results::{Origin, Outcome};
use super::values;
use crate::layout::Field;
use crate::normalise::SourceTable;
use crate::normalise::frame::{Walk, WalkRow};
use crate::normalise::values::date_text;
use crate::problems::{Code, Problem};
use crate::read::{Cell, excel_serial_to_datetime};

/// What became of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Applied,
    /// Dated before the publicity date: nothing published yet to review.
    Early,
    /// Dated after the deadline.
    Late,
    /// No publicity date, so no deadline to judge by.
    Unjudged,
}

impl Status {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Applied => "已采用",
            Self::Early => "公示前申请，未采用",
            Self::Late => "逾期，未采用",
            Self::Unjudged => "无公示日期，未采用",
        }
    }
}

/// One 复核 decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Appeal {
    pub object: String,
    pub leaf: usize,
    pub date: NaiveDate,
    pub score: f64,
    pub note: Option<String>,
    /// The row, at its 申请日期 cell.
    pub place: Spot,
    pub status: Status,
}

/// Reads the decisions of an appeals table (its rows in `walk`); rows that cannot be
/// used are problems. Returns the decisions, the problems and how many rows were rejected.
pub(crate) fn read(
    table: &SourceTable,
    walk: &Walk,
    judge: &Judge,
) -> (Vec<Appeal>, Vec<Problem>, usize) {
    let mut appeals = Vec::new();
    let mut problems = Vec::new();
    for record in walk.iter() {
        match appeal(table, judge, record) {
            Ok(a) => appeals.push(a),
            Err(p) => problems.push(*p),
        }
    }
    let rejected = walk.len() - appeals.len();
    (appeals, problems, rejected)
}

fn appeal(table: &SourceTable, judge: &Judge, record: WalkRow) -> Result<Appeal, Box<Problem>> {
    let at = |col| Spot::new(table, record.row(), col);
    // Where a missing cell is reported: the 单位 column, else the first.
    let first = record.col(Field::Unit).unwrap_or(0);
    let (name, col) = indicators::text_at(record, Field::Unit).unwrap_or((String::new(), first));
    let object = judge.unit(&name).ok_or_else(|| {
        let p = at(col).problem(Code::UnknownUnit, &[&name]);
        Box::new(p.suggest_opt(judge.resolver.suggestion(&name)))
    })?;
    let leaf = indicator(judge, record, object, &at)?;
    let (date_col, date_cell) = record
        .cell(Field::AppliedOn)
        .unwrap_or((first, Cell::Empty));
    let date = date_of(&date_cell, table.date1904).ok_or_else(|| {
        let raw = date_cell.text();
        Box::new(at(date_col).problem(Code::BadDate, &[&raw]).value(&raw))
    })?;
    let (score_col, score_cell) = record
        .cell(Field::ReviewScore)
        .unwrap_or((first, Cell::Empty));
    let score = review_score(judge, leaf, &score_cell).map_err(|(code, args)| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Box::new(at(score_col).problem(code, &args))
    })?;
    Ok(Appeal {
        object: object.to_string(),
        leaf,
        date,
        score,
        note: indicators::text_at(record, Field::ReviewNote).map(|(t, _)| t),
        place: at(date_col),
        status: Status::Unjudged,
    })
}

/// The indicator of the object an appeal names.
fn indicator(
    judge: &Judge,
    record: WalkRow,
    object: &str,
    at: &dyn Fn(u32) -> Spot,
) -> Result<usize, Box<Problem>> {
    let category = judge.categories.get(object).cloned().unwrap_or_default();
    let row = indicators::row_of(record);
    let first = record.col(Field::Unit).unwrap_or(0);
    let (label, _, col) = row
        .names
        .last()
        .cloned()
        .unwrap_or((String::new(), None, first));
    let parent = (row.names.len() > 1).then(|| row.names[0].0.clone());
    match judge.indicators.find(&category, parent.as_deref(), &label) {
        Found::Leaf(i) => Ok(i),
        Found::NotApplicable | Found::Group(_) => Err(Box::new(
            at(col).problem(Code::NotAnObject, &[object, &category, &label]),
        )),
        Found::Ambiguous | Found::Unknown => {
            let p = at(col).problem(Code::UnknownIndicator, &[&label]);
            Err(Box::new(p.suggest_opt(
                judge.indicators.suggestion(&category, &label),
            )))
        }
    }
}

/// The 复核得分 of indicator `leaf`, in its range; else the problem's code and arguments.
fn review_score(judge: &Judge, leaf: usize, cell: &Cell) -> Result<f64, (Code, Vec<String>)> {
    let score = match values::score_of(cell) {
        Ok(Some(s)) => s,
        Ok(None) | Err(_) => return Err((Code::BadScore, vec![cell.text()])),
    };
    let leaf = &judge.indicators.tree.leaves[leaf];
    let points = leaf.points;
    let score = if points.deduction { score.abs() } else { score };
    if score < 0.0 || score > points.value + 0.005 {
        let args = [
            values::number(score),
            leaf.label(),
            values::number(points.value),
        ];
        return Err((Code::ScoreOutOfRange, args.to_vec()));
    }
    Ok(score)
}

/// A 申请日期 cell: a date, an Excel serial (of the 1904 system where `date1904`), or text.
fn date_of(cell: &Cell, date1904: bool) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(d.date()),
        Cell::Number(n) => excel_serial_to_datetime(*n, date1904).map(|d| d.date()),
        Cell::Text(t) => date_text(t.trim()),
        _ => None,
    }
}

/// Applies the decisions made in time — within `window`, the publicity date to the
/// deadline — to `objects`; the others are flagged. `file` is the appeals table, where
/// the want of a publicity date is reported.
pub(crate) fn apply(
    objects: &mut [Outcome],
    appeals: &mut [Appeal],
    window: Option<(NaiveDate, NaiveDate)>,
    file: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some((publicity, deadline)) = window else {
        if !appeals.is_empty() {
            problems.push(Problem::new(Code::NoPublicityDate, file, &[]));
        }
        return problems;
    };
    for a in appeals.iter_mut() {
        if a.date < publicity {
            a.status = Status::Early;
            problems.push(a.place.problem(
                Code::EarlyAppeal,
                &[&a.date.to_string(), &publicity.to_string()],
            ));
            continue;
        }
        if a.date > deadline {
            a.status = Status::Late;
            problems.push(a.place.problem(
                Code::LateAppeal,
                &[&a.date.to_string(), &deadline.to_string()],
            ));
            continue;
        }
        a.status = Status::Applied;
        let line = objects
            .iter_mut()
            .filter(|o| o.unit == a.object)
            .flat_map(|o| o.lines.iter_mut())
            .find(|l| l.leaf == a.leaf);
        if let Some(line) = line {
            line.origin = Origin::Appeal {
                place: a.place.clone(),
                before: line.value,
            };
            line.value = Some(a.score);
            line.reason = a.note.clone().or(line.reason.take());
        }
    }
    problems
}
