//! The contact list as an annex (seed 002 Annex 2, 分管负责人及联络人名单): per unit its
//! 分管领导 and 信息工作人员 with 职务 and numbers, 序号 and 单位 merged over the unit's rows,
//! which print on one page; each role under the one label the register gives it. Nothing
//! the 通讯录 sheet lists is left out: a number in doubt is marked 需核对 in 备注, a role
//! the unit named nobody in is said in 备注 (分管领导未填报), a unit that sent several
//! forms that cannot be ordered is one entry, and a unit that sent no form (or named
//! nobody) has a row saying so.

use super::Options;
use crate::Error;
use crate::contacts::{Doubt, Entry, Person, Register};
use crate::error::UsageError;
use crate::write::{Book, Role, Sheet, Value, WriteError};

const HEADER: [&str; 8] = [
    "序号",
    "单位",
    "联系人",
    "姓名",
    "职务",
    "办公电话",
    "手机",
    "备注",
];
const REMARK: u16 = 7;

/// Adds the contacts sheet to `book`.
///
/// # Errors
/// [`UsageError::NoContacts`] when the run read no contact form with people on it;
/// [`Error::Write`] when the sheet is full.
pub(super) fn write(
    book: &mut Book,
    register: Option<&Register>,
    workspace: &str,
    options: &Options,
) -> Result<(), Error> {
    let Some(r) = register.filter(|r| r.listed().any(|f| !f.people.is_empty())) else {
        return Err(UsageError::NoContacts.into());
    };
    let title = format!("{workspace}政务公开工作联系人名单");
    let mut sheet = options.sheet(book, "联系人", &title, REMARK)?;
    let mut row = sheet.header(&HEADER)? + 1;
    columns(&mut sheet);
    let mut number = 1usize;
    for entry in r.entries() {
        row = unit_rows(&mut sheet, row, number, r, &entry)?;
        number += 1;
    }
    for unit in &r.missing {
        let mut cells = vec![Value::from(number), Value::from(unit)];
        cells.extend(std::iter::repeat_n(Value::Empty, 5));
        cells.push(Value::from("未报送"));
        for (col, value) in (0u16..).zip(cells) {
            sheet.write(row, col, value, Role::Body)?;
        }
        row += 1;
        number += 1;
    }
    Ok(())
}

/// How the columns share the page. A unit's name breaks only where a word ends
/// (自然资源和 / 规划局), a 职务 only between titles (党组成员、/ 副局长), and neither column
/// is narrowed below its widest word where the page allows it at full size; a role and a
/// name stay whole. The room beyond goes where it saves the most lines, so that one long
/// number or 备注 takes width from no column of short words (办公室主任 on every row).
fn columns(sheet: &mut Sheet<'_>) {
    sheet.max_width(1, 16.0);
    sheet.break_at_words(1);
    sheet.max_width(4, 10.0);
    sheet.between_names(4);
    // 办公电话需核对 on one line.
    sheet.max_width(REMARK, 15.0);
    // A role and a name are short words that read wrong broken (分管领/导).
    sheet.keep_whole(2);
    sheet.keep_whole(3);
    sheet.balance_widths();
}

/// Writes the rows of one unit's `entry` from `row`, numbered `n` and kept on one page;
/// the row after them.
fn unit_rows(
    sheet: &mut Sheet<'_>,
    row: u32,
    n: usize,
    register: &Register,
    entry: &Entry<'_>,
) -> Result<u32, WriteError> {
    let end = row + entry.people.len().max(1) as u32 - 1;
    sheet.merge((row, end), (0, 0), Value::seq(n), Role::Body)?;
    sheet.merge((row, end), (1, 1), entry.unit, Role::Body)?;
    sheet.keep_together(row, end);
    // What the unit left out, said once, on its first row.
    let unfilled: Vec<String> = (entry.missing.iter())
        .map(|&role| format!("{}未填报", register.labels.of(role)))
        .collect();
    if entry.people.is_empty() {
        for col in 2..REMARK {
            sheet.write(row, col, Value::Empty, Role::Body)?;
        }
        sheet.write(row, REMARK, "未填写联系人", Role::Body)?;
    }
    for (i, (r, &(p, everywhere))) in (row..).zip(&entry.people).enumerate() {
        let role = register.role_of(p);
        let cells = [role, &p.name, &p.post, &p.office_phone, &p.mobile];
        for (col, text) in (2u16..).zip(cells) {
            sheet.write(r, col, text, Role::Body)?;
        }
        let mut notes = remark(p, entry.unordered() && !everywhere);
        if i == 0 {
            notes.extend(unfilled.iter().cloned());
        }
        sheet.write(r, REMARK, notes.join("；"), Role::Body)?;
    }
    Ok(end + 1)
}

/// What 备注 says of person `p`: the printed parts of the entry in doubt (办公电话需核对),
/// and, where `unsure`, that the person is on only some of the unit's forms, which could
/// not be ordered.
fn remark(p: &Person, unsure: bool) -> Vec<String> {
    let shown: Vec<&str> = (p.doubts.iter())
        .filter(|d| **d != Doubt::Qq)
        .map(|d| d.zh())
        .collect();
    let mut notes = Vec::new();
    if !shown.is_empty() {
        notes.push(format!("{}需核对", shown.join("、")));
    }
    if unsure {
        notes.push("多份未能确定最新".to_string());
    }
    notes
}
