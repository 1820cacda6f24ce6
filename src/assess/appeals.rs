//! 复核 (seed 004): `reference/appeals.*` (单位 | 指标 | 申请日期 | 复核得分 | 复核意见).
//! An application dated from the publicity date to the deadline — N working days after
//! it — replaces the score; an earlier or a later one is flagged and changes nothing, and
//! so does every one when no publicity date is known.

use chrono::NaiveDate;

use super::indicators::{self, Found, Spot};
use super::judge::{self, Judge};
use super::results::{Origin, Outcome};
use super::values;
use crate::layout::Field;
use crate::normalise::SourceTable;
use crate::normalise::frame::{Walk, WalkRow};
use crate::normalise::values::date_text;
use crate::problems::{Code, Problem};
use crate::read::{Cell, excel_serial_to_datetime};

/// The last day to apply for 复核.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deadline {
    Day(NaiveDate),
    /// No publicity date, or no time limit set (`appeal_days`): no application is late.
    None,
    /// A publicity date whose deadline the holiday calendar cannot give (K001).
    Unknown,
}

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
    /// A publicity date whose deadline the holiday calendar cannot give (K001).
    NoDeadline,
    /// In time, but another row in time decides the same object and indicator
    /// differently: neither is applied (A033).
    Conflicting,
    /// In time, and the same decision as an earlier row, which is applied instead (A014).
    Repeated,
    /// The row cannot be used as written: its problem says where.
    Refused(Refusal),
}

/// Why a row of the appeals table cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    UnknownUnit,
    UnknownIndicator,
    NotAnObject,
    BadDate,
    NoScore,
    BadScore,
    OutOfRange,
}

impl Status {
    /// Whether the application waits for a deadline to be judged by.
    pub(crate) fn pending(self) -> bool {
        matches!(self, Self::Unjudged | Self::NoDeadline)
    }

    /// Whether the row is a rejected row of the appeals table: it cannot be used as
    /// written, or contradicts another.
    pub(crate) fn rejected(self) -> bool {
        matches!(self, Self::Refused(_) | Self::Conflicting)
    }

    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Applied => "已采用",
            Self::Early => "公示前申请，未采用",
            Self::Late => "逾期，未采用",
            Self::Unjudged => "无公示日期，未采用",
            Self::NoDeadline => "复核截止日无法计算，未采用",
            Self::Conflicting => "与另一行的复核得分不同，均未采用",
            Self::Repeated => "与另一行相同，只采用一次",
            Self::Refused(r) => match r {
                Refusal::UnknownUnit => "未采用：单位无法识别",
                Refusal::UnknownIndicator => "未采用：指标无法识别",
                Refusal::NotAnObject => "未采用：不是该指标的考核对象",
                Refusal::BadDate => "未采用：申请日期无法识别",
                Refusal::NoScore => "未采用：复核得分为空",
                Refusal::BadScore => "未采用：复核得分不是数字",
                Refusal::OutOfRange => "未采用：复核得分超出分值",
            },
        }
    }
}

/// One row of the appeals table: a 复核 decision, or a row that cannot be used
/// ([`Status::Refused`]), kept so that every application is accounted for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Appeal {
    /// The unit, or its name as written when it is none.
    pub object: String,
    /// The indicator's label, or its name as written when it is none.
    pub indicator: String,
    pub leaf: Option<usize>,
    pub date: Option<NaiveDate>,
    /// The 申请日期 cell as written.
    pub date_text: String,
    pub score: Option<f64>,
    /// The 复核得分 cell as written.
    pub score_text: String,
    pub note: Option<String>,
    /// The row, at its 申请日期 cell; for a refused row, at the cell at fault; for an
    /// applied one, at its 复核得分 cell, the score now counted.
    pub place: Spot,
    /// The row, at its 复核得分 cell.
    scored: Spot,
    pub status: Status,
}

/// Reads the rows of an appeals table (in `walk`); a row that cannot be used is kept,
/// refused, with its problem. Returns the rows and the problems.
pub(crate) fn read(table: &SourceTable, walk: &Walk, judge: &Judge) -> (Vec<Appeal>, Vec<Problem>) {
    let mut appeals = Vec::new();
    let mut problems = Vec::new();
    for record in walk.iter() {
        let (appeal, problem) = appeal(table, judge, record);
        appeals.push(appeal);
        problems.extend(problem);
    }
    (appeals, problems)
}

/// One row as written, then judged: unit, indicator, date, score.
fn appeal(table: &SourceTable, judge: &Judge, record: WalkRow) -> (Appeal, Option<Problem>) {
    let at = |col| Spot::new(table, record.row(), col);
    // Where a missing cell is reported: the 单位 column, else the first.
    let first = record.col(Field::Unit).unwrap_or(0);
    let (date_col, date_cell) = record
        .cell(Field::AppliedOn)
        .unwrap_or((first, Cell::Empty));
    let score_cell = record.cell(Field::ReviewScore);
    let scored = at(score_cell.as_ref().map_or(date_col, |(col, _)| *col));
    let score_cell = score_cell.map(|(_, c)| c);
    let names = indicators::row_of(record).names;
    let written: Vec<&str> = names.iter().map(|(n, _, _)| n.as_str()).collect();
    let mut a = Appeal {
        object: indicators::text_at(record, Field::Unit).map_or_else(String::new, |(t, _)| t),
        indicator: written.join("/"),
        leaf: None,
        // As written, for 复核情况, until `judged` says whether they can be used.
        date: date_of(&date_cell, table.date1904),
        date_text: date_cell.text(),
        score: score_cell
            .as_ref()
            .and_then(|c| values::score_of(c).ok().flatten()),
        score_text: score_cell.map_or_else(String::new, |c| c.text()),
        note: indicators::text_at(record, Field::ReviewNote).map(|(t, _)| t),
        place: at(date_col),
        scored,
        status: Status::Unjudged,
    };
    match judged(table, judge, record, &mut a) {
        Ok(()) => (a, None),
        Err((refusal, problem)) => {
            a.status = Status::Refused(refusal);
            if let (Some(sheet), Some(place)) = (&problem.sheet, problem.place) {
                a.place = Spot {
                    file: problem.file.clone(),
                    sheet: sheet.clone(),
                    at: place,
                };
            }
            let advice = refusal.advice();
            (a, Some(problem.advise(advice)))
        }
    }
}

impl Refusal {
    /// What the office does about its own table: the appeals table is not a unit's
    /// submission, so nobody is asked to send it again.
    fn advice(self) -> &'static str {
        match self {
            Self::UnknownUnit => "请在复核结果表中改用单位名称表中的名称，或在别名中补充",
            Self::UnknownIndicator => "请在复核结果表中改用指标体系中的指标名称",
            Self::NotAnObject => "请在复核结果表中核对单位和指标",
            Self::BadDate => "请在复核结果表中按年-月-日改正申请日期",
            Self::NoScore => "请在复核结果表中填写复核得分；维持原分的，填写原分",
            Self::BadScore => "请在复核结果表中将复核得分改为数字",
            Self::OutOfRange => "请在复核结果表中核实复核得分，不超过该指标的分值",
        }
    }
}

/// Why a row cannot be used, with its problem.
type Refused = (Refusal, Box<Problem>);

/// Fills in the unit, indicator, date and score of `a`; else why not, with the problem.
fn judged(
    table: &SourceTable,
    judge: &Judge,
    record: WalkRow,
    a: &mut Appeal,
) -> Result<(), Refused> {
    let at = |col| Spot::new(table, record.row(), col);
    // The 单位 column, else the first: where a missing cell is reported.
    let first = record.col(Field::Unit).unwrap_or(0);
    let Some(object) = judge.unit(&a.object) else {
        let p = at(first).problem(Code::UnknownUnit, &[&a.object]);
        let p = p
            .value(&a.object)
            .suggest_opt(judge.resolver.suggestion(&a.object));
        return Err((Refusal::UnknownUnit, Box::new(p)));
    };
    a.object = object.to_string();
    let leaf = indicator(judge, record, object, &at)?;
    a.leaf = Some(leaf);
    a.indicator = judge.indicators.tree.leaves[leaf].label();
    let date_col = record.col(Field::AppliedOn).unwrap_or(first);
    if a.date.is_none() {
        let raw = &a.date_text;
        let p = at(date_col).problem(Code::BadDate, &[raw, "2022-01-04"]);
        return Err((Refusal::BadDate, Box::new(p.value(raw))));
    }
    let (score_col, score_cell) = record
        .cell(Field::ReviewScore)
        .unwrap_or((first, Cell::Empty));
    let score = review_score(judge, leaf, &score_cell).map_err(|(refusal, code, args)| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let p = at(score_col).problem(code, &args).value(score_cell.text());
        (refusal, Box::new(p))
    })?;
    a.score = Some(score);
    Ok(())
}

/// The indicator of the object an appeal names.
fn indicator(
    judge: &Judge,
    record: WalkRow,
    object: &str,
    at: &dyn Fn(u32) -> Spot,
) -> Result<usize, Refused> {
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
        Found::NotApplicable | Found::Group(_) => Err((
            Refusal::NotAnObject,
            Box::new(judge::not_an_object(&at(col), object, &category, &label)),
        )),
        Found::Ambiguous | Found::Unknown => {
            let p = at(col).problem(Code::UnknownIndicator, &[&label]);
            let p = p
                .value(&label)
                .suggest_opt(judge.indicators.suggestion(&category, &label));
            Err((Refusal::UnknownIndicator, Box::new(p)))
        }
    }
}

/// The 复核得分 of indicator `leaf`, in its range; else why not, with the problem's code
/// and arguments.
fn review_score(
    judge: &Judge,
    leaf: usize,
    cell: &Cell,
) -> Result<f64, (Refusal, Code, Vec<String>)> {
    let score = match values::score_of(cell) {
        Ok(Some(s)) => s,
        Ok(None) => return Err((Refusal::NoScore, Code::MissingReviewScore, Vec::new())),
        Err(values::Unreadable(text)) => {
            return Err((Refusal::BadScore, Code::BadScore, vec![text]));
        }
    };
    let leaf = &judge.indicators.tree.leaves[leaf];
    let points = leaf.points;
    let score = if points.deduction { score.abs() } else { score };
    if score < 0.0 || score > points.value + values::EPSILON {
        let args = [
            values::number(score),
            leaf.label(),
            values::number(points.value),
        ];
        return Err((
            Refusal::OutOfRange,
            Code::ReviewScoreOutOfRange,
            args.to_vec(),
        ));
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

/// Applies the decisions made in time — from the publicity date to its deadline, the
/// two `dates`, or from the publicity date where no time limit is set — to `objects`,
/// one per object and indicator; the others are flagged. `file` is the appeals table,
/// where the want of a publicity date is reported (a deadline the calendar cannot give
/// is K001, already said at the indicators table).
pub(crate) fn apply(
    objects: &mut [Outcome],
    appeals: &mut [Appeal],
    (publicity, deadline): (Option<NaiveDate>, Deadline),
    file: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let waiting = appeals.iter_mut().filter(|a| a.status == Status::Unjudged);
    let Some(publicity) = publicity else {
        if waiting.count() > 0 {
            problems.push(Problem::new(Code::NoPublicityDate, file, &[]));
        }
        return problems;
    };
    let deadline = match deadline {
        Deadline::Day(day) => Some(day),
        Deadline::None => None,
        Deadline::Unknown => {
            waiting.for_each(|a| a.status = Status::NoDeadline);
            return problems;
        }
    };
    // The decisions in time, by object and indicator, in the order of their first row.
    let mut decided: Vec<((String, usize), Vec<usize>)> = Vec::new();
    for (i, a) in appeals.iter_mut().enumerate() {
        if a.status != Status::Unjudged {
            continue;
        }
        // Read in full: `judged` refuses a row that lacks any of them.
        let (Some(leaf), Some(date), Some(_)) = (a.leaf, a.date, a.score) else {
            continue;
        };
        if date < publicity {
            a.status = Status::Early;
            let args: [&str; 2] = [&date.to_string(), &publicity.to_string()];
            problems.push(
                a.place
                    .problem(Code::EarlyAppeal, &args)
                    .value(&a.date_text),
            );
            continue;
        }
        if let Some(deadline) = deadline.filter(|&d| date > d) {
            a.status = Status::Late;
            let args: [&str; 2] = [&date.to_string(), &deadline.to_string()];
            problems.push(a.place.problem(Code::LateAppeal, &args).value(&a.date_text));
            continue;
        }
        let key = (a.object.clone(), leaf);
        match decided.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rows)) => rows.push(i),
            None => decided.push((key, vec![i])),
        }
    }
    for (_, rows) in decided {
        if let Some(i) = one_decision(appeals, &rows, &mut problems) {
            adopt(objects, &mut appeals[i]);
        }
    }
    problems
}

/// The one decision among the `rows` of `appeals` on one object and indicator: the same
/// score twice is one (A014 at the later rows); different scores are none (A033 at
/// each, naming the others), so that the published score stands.
fn one_decision(
    appeals: &mut [Appeal],
    rows: &[usize],
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let (&first, later) = rows.split_first()?;
    let score = |i: usize| appeals[i].score.unwrap_or_default();
    if later.iter().all(|&i| values::same(score(i), score(first))) {
        for &i in later {
            let shown = appeals[first].scored.shown_from(&appeals[i].scored);
            let a = &mut appeals[i];
            a.status = Status::Repeated;
            a.place = a.scored.clone();
            let args = [a.object.as_str(), a.indicator.as_str(), shown.as_str()];
            problems.push(
                a.place
                    .problem(Code::SameScoreTwice, &args)
                    .value(&a.score_text),
            );
        }
        return Some(first);
    }
    for &i in rows {
        let all: Vec<String> = rows
            .iter()
            .map(|&j| {
                let at = appeals[j].scored.shown_from(&appeals[i].scored);
                let score = appeals[j].score.unwrap_or_default();
                format!("{at} 为 {} 分", values::number(score))
            })
            .collect();
        let a = &mut appeals[i];
        a.status = Status::Conflicting;
        a.place = a.scored.clone();
        let args = [a.object.as_str(), a.indicator.as_str(), &all.join("，")];
        problems.push(
            a.place
                .problem(Code::ConflictingAppeals, &args)
                .value(&a.score_text),
        );
    }
    None
}

/// Applies the decision `a` to its object's line of `objects`: the score before it is
/// the published one, kept as `before`.
fn adopt(objects: &mut [Outcome], a: &mut Appeal) {
    let (Some(leaf), Some(score)) = (a.leaf, a.score) else {
        return;
    };
    a.status = Status::Applied;
    a.place = a.scored.clone();
    let line = objects
        .iter_mut()
        .filter(|o| o.unit == a.object)
        .flat_map(|o| o.lines.iter_mut())
        .find(|l| l.leaf == leaf);
    let Some(line) = line else {
        return;
    };
    let missing = match &line.origin {
        Origin::Missing(why) => Some(why.clone()),
        Origin::Sheet(at) => {
            line.cited.push(at.clone());
            None
        }
        _ => None,
    };
    line.origin = Origin::Appeal {
        place: a.place.clone(),
        before: line.value,
        missing,
    };
    line.value = Some(score);
    line.review = a.note.clone();
}

/// Settles the problems at the cells a 复核 decision replaced — a score out of range
/// (A012), different scores (A015): the decision counts instead, so they ask for nothing
/// more and name it.
pub(crate) fn settle(problems: &mut [Problem], objects: &[Outcome]) {
    let lines = objects.iter().flat_map(|o| &o.lines);
    for l in lines {
        let (Origin::Appeal { place, .. }, Some(score)) = (&l.origin, l.value) else {
            continue;
        };
        let advice = format!(
            "无需处理：已复核，复核后计{}分（{}）",
            values::number(score),
            place.shown()
        );
        for cited in &l.cited {
            let settled = |p: &&mut Problem| {
                matches!(p.code, Code::ScoreOutOfRange | Code::ConflictingScores)
                    && p.file == cited.file
                    && p.sheet.as_deref() == Some(cited.sheet.as_str())
                    && p.place == Some(cited.at)
            };
            for p in problems.iter_mut().filter(settled) {
                p.advice = Some(advice.clone().into());
            }
        }
    }
}
