//! The inbox as the assessment sees it: every file is listed (文件清单, manifest
//! `assessment.inputs`) with its status. A file with score sheets brings what reading it
//! found; a file the assessment does not use says why — its own problems when it could
//! not be read, was skipped or is empty; A031 for a table of another kind (an item list,
//! a contact form …); A032 for a sheet that is no table zwgk recognises, which may be a
//! score sheet written in another way.

use super::sheets::Collected;
use crate::ingest::{Input, SheetInput, SheetKind, Status};
use crate::normalise::{Account, Resolver};
use crate::outputs::{InputRecord, Role, records};
use crate::problems::{Code, Problem};

/// Every inbox file as 文件清单 and the manifest list it, and the problems of those the
/// assessment does not use. `figures` says whether the assessment reads the run's
/// figures, and so the item lists and count summaries.
pub(super) fn list(
    inputs: &[Input],
    collected: &Collected,
    resolver: &Resolver,
    figures: bool,
) -> (Vec<InputRecord>, Vec<Problem>) {
    let mut records = Vec::with_capacity(inputs.len());
    let mut problems = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let own: Vec<(usize, Account)> = (collected.accounts.iter())
            .filter(|((j, _), _)| *j == i)
            .map(|((_, s), a)| (*s, *a))
            .collect();
        if own.is_empty() {
            let named = resolver.in_path(&input.path).either().map(str::to_string);
            problems.extend(unused(input, figures));
            records.push(records::record(input, Role::Submission, named, own));
            continue;
        }
        // What reading found (cells not read, a hidden sheet, a doubtful encoding …).
        problems.extend(input.problems.iter().cloned());
        let mut senders = own.iter().map(|(s, _)| collected.senders.get(&(i, *s)));
        let first = senders.next().flatten();
        let unit = first.filter(|f| senders.all(|s| s == Some(*f))).cloned();
        records.push(records::record(input, Role::Submission, unit, own));
    }
    (records, problems)
}

/// `records` of the inbox with each file whose item lists or count summaries the
/// figures rest on as the run read it (`run`): with the rows it read and accepted, which
/// the assessment's own reading, of score sheets, does not count.
pub(super) fn counted(records: Vec<InputRecord>, run: &[InputRecord]) -> Vec<InputRecord> {
    (records.into_iter())
        .map(|r| {
            let lists = !r.sheets.is_empty() && r.sheets.iter().all(|s| s.kind.is_counted());
            match run.iter().find(|x| x.path == r.path) {
                Some(x) if lists => x.clone(),
                _ => r,
            }
        })
        .collect()
}

/// Why the assessment does not use `input`, which holds no score sheet; nothing when it
/// does use it (an item list or count summary, when `figures`).
fn unused(input: &Input, figures: bool) -> Vec<Problem> {
    if input.status != Status::Ok || input.sheets.is_empty() {
        // Unreadable, skipped or empty: its own problems say so (F005, F001, F009 …).
        return input.problems.clone();
    }
    let sheets = &input.sheets;
    if figures && sheets.iter().all(|s| s.kind.is_counted()) {
        return Vec::new();
    }
    let unknown: Vec<&SheetInput> = sheets
        .iter()
        .filter(|s| s.kind == SheetKind::Other)
        .collect();
    let Some(first) = unknown.first() else {
        let mut kinds: Vec<&str> = Vec::new();
        for kind in sheets.iter().map(|s| s.kind.zh()) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        let p = Problem::new(Code::NotScoreSheet, &input.path, &[&kinds.join("和")]);
        return vec![one_sheet(p, sheets)];
    };
    let why: Vec<String> = unknown.iter().map(|s| unknown_why(s)).collect();
    let p = Problem::new(Code::NoScoreSheet, &input.path, &[&why.join("；")]);
    vec![match unknown.len() {
        1 => p.at(first.name.as_str(), None),
        _ => p,
    }]
}

/// `p` at the sheet of a file of one sheet.
fn one_sheet(p: Problem, sheets: &[SheetInput]) -> Problem {
    match sheets {
        [only] => p.at(only.name.as_str(), None),
        _ => p,
    }
}

/// What a sheet of no kind zwgk reads lacks.
fn unknown_why(sheet: &SheetInput) -> String {
    match sheet.table() {
        None => format!("工作表「{}」没有可识别的表头", sheet.name),
        Some(_) => format!(
            "工作表「{}」的表头中没有「指标」和「得分」（或「扣分」）列",
            sheet.name
        ),
    }
}
