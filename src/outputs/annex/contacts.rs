//! The contact list as an annex (seed 002 Annex 2, 分管负责人及联络人名单): per unit its
//! 分管领导 and 信息工作人员 with 职务 and numbers, 序号 and 单位 merged over the unit's rows.

use super::Options;
use crate::Error;
use crate::contacts::Register;
use crate::error::UsageError;
use crate::write::{Book, Role, Value};

const HEADER: [&str; 7] = ["序号", "单位", "联系人", "姓名", "职务", "办公电话", "手机"];

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
    let last = (HEADER.len() - 1) as u16;
    let title = format!("{workspace}政务公开工作联系人名单");
    let mut sheet = options.sheet(book, "联系人", &title, last)?;
    let mut row = sheet.header(&HEADER)? + 1;
    sheet.max_width(1, 16.0);
    sheet.max_width(4, 10.0);
    for (n, form) in (1usize..).zip(r.listed().filter(|f| !f.people.is_empty())) {
        let end = row + form.people.len() as u32 - 1;
        sheet.merge((row, end), (0, 0), Value::from(n), Role::Body)?;
        sheet.merge((row, end), (1, 1), &form.unit, Role::Body)?;
        for p in &form.people {
            let cells = [p.role_zh(), &p.name, &p.post, &p.office_phone, &p.mobile];
            for (col, text) in (2u16..).zip(cells) {
                sheet.write(row, col, text, Role::Body)?;
            }
            row += 1;
        }
    }
    Ok(())
}
