//! Score sheets from the inbox: long (单位 | 指标 | 得分 | 扣分原因 | 佐证链接) or wide
//! (单位 × 指标, the indicators as column labels). Each sheet's year and sender are
//! settled first — `填报单位：` line, file name, sub-folder, else 本办 — then every value
//! goes to the judge; subtotals, 总分 columns and 分值 columns are checked against
//! the values they sum or repeat.

use std::borrow::Cow;
use std::collections::HashMap;

use super::indicators::{self, Assessor, Indicators, Spot, Tree};
use super::judge::{Judge, Raw, Score, Sender, Subtotal, Verdicts, What, Written};
use super::results;
use super::values::{self, indicator_name};
use super::{FRAMING, is_wide};
use crate::ingest::{self, Input, SheetAt, SheetKind};
use crate::layout::{Field, MetaKey};
use crate::normalise::frame::{Walk, WalkRow};
use crate::normalise::text::clean_text;
use crate::normalise::{Account, SourceTable};
use crate::problems::{Code, Place, Problem};

/// What the score sheets of the inbox gave.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// The values counted, and the scores of 考核单位 refused.
    pub(crate) scores: Vec<Score>,
    /// What was found in the sheets.
    pub(crate) problems: Vec<Problem>,
    /// Row accounting of each score sheet.
    pub(crate) accounts: Vec<(SheetAt, Account)>,
    /// Score sheets counted, by kind of their values.
    pub(crate) sheets: SheetCounts,
    /// Each sheet's sender as 文件清单 shows it: the unit, or 本办 (the unit that is
    /// 本办 where `[assessment] office` names it); none where it was not identified.
    pub(crate) senders: HashMap<SheetAt, String>,
    /// Each sheet's place in `accounts`, by file and sheet name.
    sheet_of: HashMap<(String, String), usize>,
}

impl Collected {
    /// Moves to rejected the rows none of whose values counted after all: each value on
    /// them conflicts with another score of the same object and indicator (A015), so
    /// that a sheet's accepted rows are the rows that gave a score.
    fn reject_conflicts(&mut self) {
        let voided = results::conflicting(&self.scores);
        // Per sheet row: the values counted on it, and how many of them are voided.
        let mut rows: HashMap<(&str, &str, u32), (usize, usize)> = HashMap::new();
        for s in &self.scores {
            if matches!(
                s.what,
                What::Refused(_)
                    | What::Unreadable(_)
                    | What::UnreadableOwn(_)
                    | What::RefusedOwn(_)
                    | What::Unlisted
                    | What::Unplaced
            ) {
                continue;
            }
            let row = rows.entry((&s.place.file, &s.place.sheet, s.place.at.row));
            let (given, void) = row.or_default();
            *given += 1;
            *void += usize::from(voided.contains(&s.place));
        }
        for ((file, sheet, _), (given, void)) in rows {
            let key = (file.to_string(), sheet.to_string());
            let Some(&i) = self.sheet_of.get(&key) else {
                continue;
            };
            let account = &mut self.accounts[i].1;
            // A row that gave a value was accepted, so there is one to move.
            if given == void && account.rows_accepted > 0 {
                account.rows_accepted -= 1;
                account.rows_rejected += 1;
            }
        }
    }
}

/// How many score sheets held assessments, self-evaluations, or neither: every score
/// sheet read is in one of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SheetCounts {
    pub assessments: usize,
    pub self_evaluations: usize,
    /// Sheets left out, for any of the reasons below.
    pub left_out: usize,
    /// Left out: for another year.
    pub other_year: usize,
    /// Left out: its `填报单位：` names no unit.
    pub unknown_sender: usize,
    /// Left out: read, but every value refused (no unit, not the 考核单位, …).
    pub nothing_counted: usize,
}

/// Judges every score sheet of `inputs` for the assessment of `year`.
pub(crate) fn collect(inputs: &[Input], judge: &Judge, year: i32) -> Collected {
    let mut out = Collected::default();
    for (at, input, sheet, located) in ingest::sheets_of(inputs, SheetKind::Scores) {
        let source = SourceTable {
            file: &input.path,
            sheet: &sheet.name,
            table: &located.layout,
            date1904: sheet.date1904,
        };
        // The frame is FRAMING's (ingest framed it by the sheet's kind): a failure would
        // be a bug, and the sheet then reads as empty.
        let Ok(walk) = Walk::new(&located.rows, &FRAMING) else {
            continue;
        };
        let (account, sender) = read_sheet(&source, &walk, judge, year, &mut out);
        if let Some(sender) = sender {
            out.senders.insert(at, sender);
        }
        let key = (input.path.clone(), sheet.name.clone());
        out.sheet_of.insert(key, out.accounts.len());
        out.accounts.push((at, account));
    }
    out.reject_conflicts();
    out
}

/// One sheet: its year and sender, then its values; returns its row accounting and the
/// sender identified.
fn read_sheet(
    source: &SourceTable,
    walk: &Walk,
    judge: &Judge,
    year: i32,
    out: &mut Collected,
) -> (Account, Option<String>) {
    let rows = sheet_rows(walk).len();
    let sender = sender(source, judge);
    let own = matches!(&sender, Ok(s) if is_self_evaluation(s, judge));
    let shown = sender.as_ref().ok().map(|s| match s {
        Sender::Office => judge.office.clone().unwrap_or_else(|| s.zh().to_string()),
        Sender::Unit(u) => u.clone(),
    });
    let refuse = |out: &mut Collected, p: Problem| {
        out.sheets.left_out += 1;
        match p.code {
            Code::WrongYear => out.sheets.other_year += 1,
            _ => out.sheets.unknown_sender += 1,
        }
        out.problems.push(to_sender(p, own));
        let account = Account {
            rows_read: rows,
            rows_accepted: 0,
            rows_rejected: rows,
        };
        (account, shown.clone())
    };
    if let Some((found, cell)) = sheet_year(source)
        && found != year
    {
        let p = Problem::new(
            Code::WrongYear,
            source.file,
            &[&found.to_string(), &year.to_string()],
        )
        .at(source.sheet, cell);
        return refuse(out, p);
    }
    let sender = match sender {
        Ok(s) => s,
        Err(p) => return refuse(out, *p),
    };
    let (verdicts, rejected) = read_records(source, walk, judge, &sender);
    let mut found = subtotals(&verdicts, judge.indicators);
    found.extend(sheet_weights(source, walk, &sender, judge));
    count_kind(&verdicts.scores, &mut out.sheets);
    found.extend(verdicts.problems);
    scored_already(&mut found, &verdicts.scores, judge);
    out.problems
        .extend(found.into_iter().map(|p| to_sender(p, own)));
    out.scores.extend(verdicts.scores);
    out.scores.extend(verdicts.refused);
    let account = Account {
        rows_read: rows,
        rows_accepted: rows - rejected,
        rows_rejected: rejected,
    };
    (account, shown)
}

/// A name the units table lacks (U001) whose closest unit the sheet scores on rows of its
/// own is most likely no object at all (台江's 縣科技局 beside 教育和科技局): made its
/// alias, as U001 advises, it would put two scores on one unit. Such a U001 says so.
fn scored_already(problems: &mut [Problem], scores: &[Score], judge: &Judge) {
    for p in problems.iter_mut().filter(|p| p.code == Code::UnknownUnit) {
        let Some(written) = p.value.clone() else {
            continue;
        };
        let name = clean_text(&written, true).unwrap_or_default();
        let close = judge.resolver.suggest(&name);
        let Some(&unit) = close
            .first()
            .filter(|u| scores.iter().any(|s| s.object == **u))
        else {
            continue;
        };
        p.suggestion = Some(format!("本表另有{unit}的评分"));
        p.advice = Some(Cow::Owned(format!(
            "「{written}」如不是考核对象，请考核单位删去该行；如确是{unit}，请合并为一行，不要在单位名称表中把它补为{unit}的别名"
        )));
    }
}

/// Whether a sheet is a unit's own self-evaluation: sent by a unit that scores no
/// indicator (a 考核单位's sheet is an assessment, 本办's too).
fn is_self_evaluation(sender: &Sender, judge: &Judge) -> bool {
    let Sender::Unit(u) = sender else {
        return false;
    };
    let assesses = judge
        .indicators
        .tree
        .leaves
        .iter()
        .any(|l| l.assessor == Assessor::Unit(u.clone()));
    !assesses && judge.office.as_deref() != Some(u.as_str())
}

/// A problem of a unit's own self-evaluation (`own`) is the reporting unit's to put
/// right, not a 考核单位's: its advice says so where the code's addresses the assessor.
/// Advice a problem has of its own stays (an A010 of a unit the units table gives no
/// category asks the office, not the unit).
fn to_sender(p: Problem, own: bool) -> Problem {
    if !own || p.advice.is_some() {
        return p;
    }
    let advice = match p.code {
        Code::WrongYear => "请报送单位报送本年度的自评表",
        // Nothing like it in the table: most likely an item of the unit's own.
        Code::UnknownIndicator if p.suggestion.is_none() => {
            "指标体系中没有这一项，未计入自评得分：请报送单位删除该行后重新报送；如是名称写错，请改用指标体系中的指标名称"
        }
        Code::UnknownIndicator => "请报送单位改用指标体系中的指标名称后重新报送",
        Code::NotAnObject => "请报送单位删除该行，或核对指标的适用对象",
        Code::ScoreOutOfRange => "请报送单位核实自评得分后重新报送",
        Code::BadScore => "请报送单位将自评得分改为数字后重新报送",
        Code::DeclaredTotalDiffers => "请报送单位核对合计得分",
        // A unit changed a weight of its copy of the table: what A027 asks of the same
        // sheet, not the advice to an office whose indicator table may be wrong.
        Code::PointsDiffer => Code::SheetWeightsMismatch.advice(),
        _ => return p,
    };
    p.advise(advice)
}

/// The frame rows of each sheet row, in order: one for a row of a long sheet, one per
/// indicator column for a row of a wide one.
fn sheet_rows(walk: &Walk) -> Vec<Vec<WalkRow<'_>>> {
    let mut rows: Vec<Vec<WalkRow>> = Vec::new();
    for record in walk.iter() {
        match rows.last_mut() {
            Some(last) if last[0].row() == record.row() => last.push(record),
            _ => rows.push(vec![record]),
        }
    }
    rows
}

/// Every value of every row, judged; with how many rows were refused.
fn read_records(
    source: &SourceTable,
    walk: &Walk,
    judge: &Judge,
    sender: &Sender,
) -> (Verdicts, usize) {
    let wide = is_wide(source.table);
    let mut verdicts = Verdicts::default();
    let mut rejected = 0;
    for values in sheet_rows(walk) {
        let record = values[0];
        let raws: Vec<Raw> = if wide {
            values
                .iter()
                .filter_map(|v| wide_value(source, *v))
                .collect()
        } else {
            vec![long_value(source, record)]
        };
        let mut row = Verdicts::default();
        for raw in &raws {
            let v = judge.judge(sender, raw);
            row.scores.extend(v.scores);
            row.refused.extend(v.refused);
            row.subtotals.extend(v.subtotals);
            row.written.extend(v.written);
            row.problems.extend(v.problems);
        }
        // A wide row names its unit once for all its values.
        row.problems.dedup();
        if row.refused() {
            rejected += 1;
        }
        if wide && !row.scores.is_empty() {
            row.problems.extend(row_total(source, record, &row.written));
        }
        verdicts.scores.extend(row.scores);
        verdicts.refused.extend(row.refused);
        verdicts.subtotals.extend(row.subtotals);
        verdicts.written.extend(row.written);
        // A wide sheet's header cell (an indicator it does not know, A009) is said once,
        // not on every row.
        for p in row.problems {
            if !(wide && verdicts.problems.contains(&p)) {
                verdicts.problems.push(p);
            }
        }
    }
    (verdicts, rejected)
}

/// Counts a sheet by the kind of its values; a sheet none of whose values counted is
/// left out, so that the counts add up to the sheets read.
fn count_kind(scores: &[Score], counts: &mut SheetCounts) {
    let own = scores
        .iter()
        .any(|s| matches!(s.what, What::SelfEvaluated(_)));
    let assessed = |w: &What| {
        !matches!(
            w,
            What::SelfEvaluated(_)
                | What::Refused(_)
                | What::Unreadable(_)
                | What::UnreadableOwn(_)
                | What::RefusedOwn(_)
                | What::Unlisted
                | What::Unplaced
        )
    };
    let theirs = scores.iter().any(|s| assessed(&s.what));
    counts.self_evaluations += usize::from(own);
    counts.assessments += usize::from(theirs);
    if !own && !theirs {
        counts.left_out += 1;
        counts.nothing_counted += 1;
    }
}

/// The year a sheet says it is for: a `年度：`/`统计期间：` line or a title, else the file
/// name; with the cell that says so.
fn sheet_year(source: &SourceTable) -> Option<(i32, Option<Place>)> {
    let metas = source.table.meta.iter();
    let from_meta = metas
        .filter(|m| matches!(m.key, MetaKey::Period | MetaKey::Title))
        .find_map(|m| year_in(&m.value, m.key == MetaKey::Period).map(|y| (y, m.row)));
    if let Some((y, row)) = from_meta {
        return Some((y, Some(Place::cell(row + 1, 0))));
    }
    let name = source.file.rsplit('/').next().unwrap_or(source.file);
    year_in(name, false).map(|y| (y, None))
}

/// A year 1990–2099 in `text`: followed by 年 unless `bare` allows it alone.
fn year_in(text: &str, bare: bool) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let year: i32 = digits.parse().ok()?;
        let before = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars.get(i + 4);
        let ends = match after {
            Some('年') => true,
            Some(c) => bare && !c.is_ascii_digit(),
            None => bare,
        };
        ((1990..2100).contains(&year) && before && ends).then_some(year)
    })
}

/// The sender: the `填报单位：` line, else a unit in the file name, else in a folder name,
/// else 本办. A `填报单位：` the units table does not know is a problem.
fn sender(source: &SourceTable, judge: &Judge) -> Result<Sender, Box<Problem>> {
    if let Some(m) = source.table.meta.iter().find(|m| m.key == MetaKey::Unit) {
        if indicators::is_office(&values::category_key(&m.value)) {
            return Ok(Sender::Office);
        }
        return match judge.sender(&m.value) {
            Some(u) => Ok(Sender::Unit(u.to_string())),
            // Kept with the unit the file is named after, whose results say that a sheet
            // of its name came and was not counted.
            None => {
                let mut p = Problem::new(Code::UnknownUnit, source.file, &[&m.value])
                    .at(source.sheet, Place::cell(m.row + 1, 0))
                    .value(&m.value)
                    .suggest_opt(judge.resolver.suggestion(&m.value));
                p.unit = named_by_file(source.file, judge).map(str::to_string);
                Err(Box::new(p))
            }
        };
    }
    let found = named_by_file(source.file, judge);
    Ok(found.map_or(Sender::Office, |u| Sender::Unit(u.to_string())))
}

/// The unit, or 考核单位 outside the units table, a file's name names, else its folder's.
fn named_by_file<'a>(file: &str, judge: &Judge<'a>) -> Option<&'a str> {
    let mut parts: Vec<&str> = file.split('/').skip(1).collect();
    let name = parts.pop().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    std::iter::once(stem)
        .chain(parts.into_iter().rev())
        .find_map(|part| {
            judge
                .resolver
                .find_in(part)
                .or_else(|| judge.outside.find_in(part))
        })
}

/// The one value of a row of a long sheet.
fn long_value(source: &SourceTable, record: WalkRow) -> Raw {
    let at = |col| Spot::new(source, record.row(), col);
    let row = indicators::row_of(record);
    let mut names: Vec<(String, u32)> = row.names.into_iter().map(|(n, _, c)| (n, c)).collect();
    let (name, name_col) = names.pop().unwrap_or_default();
    let written_name = indicators::written_at(record, name_col).unwrap_or(&name);
    let cell = |f: Field| record.cell(f).map(|(col, cell)| (cell, at(col)));
    let has = |f: Field| record.col(f).is_some();
    Raw {
        object: indicators::text_at(record, Field::Unit).map(|(t, col)| (t, at(col))),
        parent: names.first().map(|(n, _)| n.clone()),
        written_name: written_name.to_string(),
        name,
        name_place: at(name_col),
        value: cell(Field::Score).or_else(|| cell(Field::Deducted)),
        deducted: !has(Field::Score) && has(Field::Deducted),
        also_deducted: cell(Field::Deducted).filter(|_| has(Field::Score)),
        city: cell(Field::CityDeduction),
        points: match row.points {
            Some((Ok(p), col)) => Some((p, at(col))),
            _ => None,
        },
        reason: indicators::text_at(record, Field::Reason).map(|(t, _)| t),
        evidence: indicators::text_at(record, Field::Evidence)
            .or_else(|| indicators::text_at(record, Field::Link))
            .map(|(t, _)| t),
    }
}

/// The value of one indicator column of a row of a wide sheet: the column's label names
/// the indicator (`上级/下级` under a two-row header), its header cell the place.
fn wide_value(source: &SourceTable, record: WalkRow) -> Option<Raw> {
    let (col, cell) = record.cell(Field::Score)?;
    let column = source.table.columns.iter().find(|c| c.col == col)?;
    let (parent, name) = match column.label.rsplit_once('/') {
        Some((upper, lower)) => (indicator_name(upper).map(|n| n.0), lower),
        None => (None, column.label.as_str()),
    };
    let written_name = name.to_string();
    let (name, _) = indicator_name(name)?;
    let at = |row, col| Spot::new(source, row, col);
    let object = indicators::text_at(record, Field::Unit);
    Some(Raw {
        object: object.map(|(t, c)| (t, at(record.row(), c))),
        parent,
        name,
        written_name,
        name_place: at(source.table.header_rows.end() + 1, col),
        value: Some((cell, at(record.row(), col))),
        deducted: false,
        also_deducted: None,
        city: None,
        points: None,
        reason: None,
        evidence: None,
    })
}

/// A wide row's 总分 against its values as written, counted or not: the sheet's own
/// arithmetic. A score refused (A012) is reported at its cell; the 总分 that includes it
/// adds up and is not a second finding.
fn row_total(source: &SourceTable, record: WalkRow, written: &[Written]) -> Option<Problem> {
    let (col, cell) = record.cell(Field::TotalScore)?;
    let declared = values::score_of(&cell).ok().flatten()?;
    let sum: f64 = written.iter().map(|w| w.value).sum();
    (!values::same(declared, sum)).then(|| {
        Spot::new(source, record.row(), col)
            .problem(
                Code::DeclaredTotalDiffers,
                &["总分", &values::number(declared), &values::number(sum)],
            )
            .value(cell.text())
    })
}

/// Each subtotal against the sheet's values as written for the same object within its
/// group, counted or not.
fn subtotals(verdicts: &Verdicts, indicators: &Indicators) -> Vec<Problem> {
    verdicts
        .subtotals
        .iter()
        .filter_map(|t: &Subtotal| {
            let within = |w: &&Written| {
                let leaf = w.leaf.map(|i| &indicators.tree.leaves[i]);
                w.object == t.object && leaf.is_some_and(|l| l.path.starts_with(&t.group))
            };
            let sum: f64 = verdicts
                .written
                .iter()
                .filter(within)
                .map(|w| w.value)
                .sum();
            let label = format!("「{}」小计", t.group.join("/"));
            (!values::same(sum, t.value)).then(|| {
                let declared = values::number(t.value);
                let args: [&str; 3] = [&label, &declared, &values::number(sum)];
                (t.place.problem(Code::DeclaredTotalDiffers, &args)).value(declared)
            })
        })
        .collect()
}

/// A sheet of one object that shows 分值: its own groups must still add up (a unit that
/// changed a weight of its copy of the table is caught here, at the group's cell).
fn sheet_weights(
    source: &SourceTable,
    walk: &Walk,
    sender: &Sender,
    judge: &Judge,
) -> Vec<Problem> {
    let objects: std::collections::BTreeSet<String> = walk
        .iter()
        .filter_map(|r| indicators::text_at(r, Field::Unit).map(|(t, _)| t))
        .collect();
    if !source.table.has(Field::Points) || objects.len() > 1 {
        return Vec::new();
    }
    let rows: Vec<(indicators::Row, WalkRow)> =
        walk.iter().map(|r| (indicators::row_of(r), r)).collect();
    let (tree, _, _, _): (Tree, _, _, _) = indicators::build(source, &rows);
    let label = match sender {
        Sender::Unit(u) => judge
            .categories
            .get(u.as_str())
            .cloned()
            .unwrap_or_default(),
        Sender::Office => String::new(),
    };
    let label = if label.is_empty() {
        "本表".to_string()
    } else {
        label
    };
    let scope = Indicators {
        tree: Tree::default(),
        categories: vec![label.clone()],
        default_categories: vec![label],
    };
    indicators::check(&tree, &scope, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_found_before_年_or_alone_in_a_period_line() {
        assert_eq!(year_in("2021年臺江縣政務公開評估評分表", false), Some(2021));
        assert_eq!(year_in("2020年度", true), Some(2020));
        assert_eq!(year_in("2021", true), Some(2021));
        assert_eq!(year_in("民政局-20210302", false), None);
        assert_eq!(year_in("第12021年", false), None);
        assert_eq!(year_in("评分表", false), None);
    }
}
