//! One catalogue sheet into matters: each element's cell cleaned, 公开时限, 公开方式 and
//! 公开对象 read as rules (from text or from columns of ticks), the sheet's domain and
//! sender worked out, and every empty or unreadable element reported at its cell. A row
//! without any element is the only one left out (M015); every other row is a matter.
//! Rows of no known domain are M010: at the 领域 cell that names none, else once for the
//! sheet, quoting what its title or name said instead.

use super::domain::{self, Named, SheetDomain, Unnamed};
use super::elements::{Audience, Manner, TimeLimit};
use super::{ELEMENTS, FRAMING, Matter};
use crate::ingest::Located;
use crate::layout::{Field, MetaKey};
use crate::model::Source;
use crate::normalise::frame::{PlacedRow, Walk};
use crate::normalise::units::Sender;
use crate::normalise::{Account, Resolver};
use crate::problems::{Code, Place, Problem};

/// A matter and the columns its later checks point at.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub(crate) matter: Matter,
    pub(crate) name_col: Option<u32>,
    pub(crate) subject_col: Option<u32>,
}

/// What one sheet gave.
#[derive(Debug)]
pub(super) struct SheetRead {
    pub(crate) file: String,
    pub(crate) sheet: String,
    pub(crate) domain: SheetDomain,
    pub(crate) sender: Sender,
    pub(crate) matters: Vec<Placed>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) account: Account,
}

/// Reads the catalogue `located` on sheet `sheet` of `file`, which holds other catalogue
/// sheets when `shared`.
pub(super) fn sheet(
    file: &str,
    shared: bool,
    sheet: &str,
    located: &Located,
    resolver: &Resolver,
) -> SheetRead {
    let table = &located.layout;
    let titles: Vec<&str> = table
        .meta
        .iter()
        .filter(|m| m.key == MetaKey::Title)
        .map(|m| m.value.as_str())
        .collect();
    let mut read = SheetRead {
        file: file.to_string(),
        sheet: sheet.to_string(),
        domain: domain::of_sheet(&titles, sheet, file, shared),
        sender: resolver.sender(table.meta(MetaKey::Unit), file),
        matters: Vec::new(),
        problems: Vec::new(),
        account: Account::default(),
    };
    let missing: Vec<&str> = ELEMENTS
        .iter()
        .filter(|(_, fields)| !fields.iter().any(|f| table.has(*f)))
        .map(|(name, _)| *name)
        .collect();
    // At the header, the row it is missing from.
    let header = Place::row(*table.header_rows.end() + 1);
    for name in &missing {
        read.problems
            .push(Problem::new(Code::ElementColumnMissing, file, &[name, name]).at(sheet, header));
    }
    // A sheet-level problem marks every matter of the sheet (a missing column as the
    // element it would hold).
    let mut sheet_marks: Vec<(Problem, Option<&str>)> = Vec::new();
    for name in &missing {
        let p = Problem::new(Code::ElementColumnMissing, file, &[name, name]);
        sheet_marks.push((p, Some(name)));
    }
    if let Some(conflict) = &read.domain.conflict {
        let domain = read.domain.domain.unwrap_or_default();
        let p = Problem::new(Code::DomainConflict, file, &[conflict, domain]).at(sheet, None);
        sheet_marks.push((p.clone(), None));
        read.problems.push(p);
    }
    // Matters of no domain that no 领域 cell of their own was told about.
    let mut unplaced = Vec::new();
    let section_col = (located.layout.columns.iter())
        .find(|c| c.field == Some(Field::Section))
        .map(|c| c.col);
    // The frame is FRAMING's (ingest framed it by the sheet's kind): a failure would be a bug.
    let walk = Walk::new(&located.rows, &FRAMING).ok();
    for record in walk.iter().flat_map(Walk::iter) {
        read.account.rows_read += 1;
        let row = Row {
            record,
            file,
            sheet,
        };
        match row.matter(&read.domain, &mut read.problems) {
            Some(mut placed) => {
                for (p, element) in &sheet_marks {
                    match element {
                        Some(e) => placed.matter.mark_missing(p, e),
                        None => placed.matter.mark(p),
                    }
                }
                if placed.matter.domain.is_none() && row.text(Field::Section).0.is_empty() {
                    // A blank cell of a 领域 column is said at the cell; a sheet without
                    // that column is said once for all its matters.
                    match section_col {
                        Some(col) => {
                            let p = row.here(Code::NoDomain, Some(col), &[BLANK, "该事项"]);
                            placed.matter.mark(&p);
                            read.problems.push(p);
                        }
                        None => unplaced.push(read.matters.len()),
                    }
                }
                read.matters.push(placed);
            }
            None => {
                read.account.rows_rejected += 1;
                read.problems.push(row.here(Code::NoElements, None, &[]));
            }
        }
    }
    read.account.rows_accepted = read.account.rows_read - read.account.rows_rejected;
    if !unplaced.is_empty() {
        let p = no_domain(&read);
        for i in unplaced {
            read.matters[i].matter.mark(&p);
        }
        read.problems.push(p);
    }
    read
}

/// What M010 says of a matter whose 领域 cell is blank, on a sheet that names no domain.
const BLANK: &str = "领域一栏为空，标题、工作表名、文件名和文件夹也没有写明 26 个试点领域之一";

/// M010 for the matters of a sheet that nothing places in a domain: what its title or
/// name meant for one said, else that nothing names one.
fn no_domain(read: &SheetRead) -> Problem {
    let (said, suggestion) = match &read.domain.unnamed {
        Some(u) => (u.said.as_str(), u.suggestion.clone()),
        None => (
            "领域列、标题、工作表名、文件名和文件夹都没有写明 26 个试点领域之一",
            None,
        ),
    };
    Problem::new(Code::NoDomain, &read.file, &[said, "这些事项"])
        .at(&read.sheet, None)
        .suggest_opt(suggestion)
}

/// One row of a catalogue table, with where it is. A choice element (公开方式, 公开对象)
/// of ticked columns reads as the choices ticked, at the first of them.
type Row<'a> = PlacedRow<'a>;

impl Row<'_> {
    /// The row's matter, or `None` when it holds no element at all.
    fn matter(&self, sheet: &SheetDomain, problems: &mut Vec<Problem>) -> Option<Placed> {
        let (level1, l1_col) = self.text(Field::MatterLevel1);
        let (level2, l2_col) = self.text(Field::MatterLevel2);
        let (plain, plain_col) = self.text(Field::Matter);
        let (content, content_col) = self.text(Field::Content);
        let (basis, basis_col) = self.text(Field::Basis);
        let (time_limit, time_col) = self.text(Field::TimeLimit);
        let (subject, subject_col) = self.text(Field::Subject);
        let (manner, manner_col) = self.text(Field::Manner);
        let (channel, channel_col) = self.text(Field::Channel);
        let (audience, audience_col) = self.text(Field::Audience);
        let elements = [
            &level1,
            &level2,
            &plain,
            &content,
            &basis,
            &time_limit,
            &subject,
            &manner,
            &channel,
            &audience,
        ];
        if elements.iter().all(|e| e.is_empty()) {
            return None;
        }
        // A matter's name is its lowest level; its 一级事项 stays beside it.
        let (name, name_col) = [(&level2, l2_col), (&plain, plain_col), (&level1, l1_col)]
            .into_iter()
            .find(|(t, _)| !t.is_empty())
            .map_or(
                (String::new(), plain_col.or(l2_col).or(l1_col)),
                |(t, c)| (t.clone(), c),
            );
        let level1 = if name == level1 {
            String::new()
        } else {
            level1
        };
        let one_level = level1.is_empty() && level2.is_empty();
        let (domain, domain_problem) = self.domain(sheet);
        let mut matter = Matter {
            domain,
            unit: None,
            level1,
            name,
            one_level,
            time_rule: TimeLimit::parse(&time_limit),
            manner_rule: Manner::parse(&manner),
            audience_rule: Audience::parse(&audience),
            content,
            basis,
            time_limit,
            subject,
            subject_units: None,
            manner,
            channel,
            audience,
            remark: self.text(Field::Remark).0,
            source: Source {
                file: self.file.to_string(),
                sheet: self.sheet.to_string(),
                row: self.record.row(),
            },
            marks: Vec::new(),
            notes: Vec::new(),
        };
        let mut found: Vec<Problem> = domain_problem.into_iter().collect();
        let cols = [
            name_col,
            content_col,
            basis_col,
            time_col,
            subject_col,
            manner_col,
            channel_col,
            audience_col,
        ];
        // The elements found empty, in the order of their problems in `found`.
        let mut empty = Vec::new();
        for ((element, _), col) in ELEMENTS.iter().zip(cols) {
            // A missing column is reported once for the sheet.
            if col.is_some() && matter.element(element).is_empty() {
                let what = if matter.name.is_empty() {
                    format!("第 {} 行", self.record.row())
                } else {
                    matter.name.clone()
                };
                found.push(self.here(Code::ElementEmpty, col, &[&what, element]));
                empty.push(*element);
            }
        }
        let unreadable = [
            (
                Code::BadTimeLimit,
                &matter.time_limit,
                matter.time_rule.is_none(),
                time_col,
            ),
            (
                Code::BadManner,
                &matter.manner,
                matter.manner_rule.is_none(),
                manner_col,
            ),
            (
                Code::BadAudience,
                &matter.audience,
                matter.audience_rule.is_none(),
                audience_col,
            ),
        ];
        for (code, text, bad, col) in unreadable {
            if bad && !text.is_empty() {
                found.push(self.here(code, col, &[text]).value(text.as_str()));
            }
        }
        let mut empty = empty.into_iter();
        for p in &found {
            let element = (p.code == Code::ElementEmpty)
                .then(|| empty.next())
                .flatten();
            match element {
                Some(element) => matter.mark_missing(p, element),
                None => matter.mark(p),
            }
        }
        problems.extend(found);
        Some(Placed {
            matter,
            name_col,
            subject_col,
        })
    }

    /// The row's domain: its 领域 cell where that names one, else the sheet's; a cell
    /// that names another domain than the sheet's is reported, and so is one that
    /// names none where the sheet gives none either.
    fn domain(&self, sheet: &SheetDomain) -> (Option<&'static str>, Option<Problem>) {
        let (cell, col) = self.text(Field::Section);
        let Named::One(own) = domain::named_in(&cell) else {
            let unnamed = (sheet.domain.is_none() && !cell.is_empty()).then(|| {
                let u = Unnamed::cell(&cell);
                self.here(Code::NoDomain, col, &[&u.said, "该事项"])
                    .value(cell.as_str())
                    .suggest_opt(u.suggestion)
            });
            return (sheet.domain, unnamed);
        };
        let problem = sheet.domain.filter(|d| *d != own).map(|d| {
            let says = format!("领域列为{own}领域，{}为{d}领域", sheet.source);
            self.here(Code::DomainConflict, col, &[&says, own])
                .value(cell.as_str())
        });
        (Some(own), problem)
    }
}
