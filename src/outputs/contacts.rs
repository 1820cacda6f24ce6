//! 通讯录, the contacts sheet of 汇总: every person of each unit's current contact form
//! (all forms of a unit whose forms cannot be ordered), with the unit's phone and office,
//! what changed since an older form, the problems found and the row it came from; units
//! that sent no form close the list.

use crate::contacts::{Form, Register, Standing};
use crate::write::{Book, Look, Value, WriteError};

use super::summary::PRINTABLE_ROWS;

const HEADER: &[&str] = &[
    "序号",
    "单位",
    "单位电话",
    "承办科室",
    "联系人",
    "姓名",
    "职务",
    "办公电话",
    "手机",
    "QQ",
    "填报时间",
    "状态",
    "问题",
    "变动",
    "来源文件",
    "工作表",
    "行号",
];

/// The sheet's name in 汇总.
pub(crate) const DIRECTORY: &str = "通讯录";

/// Adds 通讯录 to `book`.
///
/// # Errors
/// [`WriteError`] when the sheet is full.
pub(crate) fn directory(book: &mut Book, register: &Register) -> Result<(), WriteError> {
    let people = register.listed().map(|f| f.people.len().max(1));
    if people.sum::<usize>() + register.missing.len() > PRINTABLE_ROWS {
        // A province's units table: streamed plain, a line a row.
        let mut stream = book.stream(DIRECTORY, HEADER)?;
        return directory_rows(register, |row| stream.row(row));
    }
    let mut sheet = book.sheet(DIRECTORY, Look::Data)?;
    sheet.header(HEADER)?;
    // 问题, 变动 and 来源文件 wrap rather than run into the next column or widen the
    // table until the page prints too small to read.
    for (col, width) in [(12, 24.0), (13, 16.0), (14, 24.0)] {
        sheet.wrap(col, width);
    }
    directory_rows(register, |row| sheet.row(row).map(drop))
}

/// Hands `put` the rows of 通讯录 one by one (a register of many units is never held
/// as rows whole): a row per person of each listed form (one for a form naming nobody),
/// then a row per unit that sent none. Stops at the first error `put` returns.
pub(crate) fn directory_rows<E>(
    register: &Register,
    mut put: impl FnMut(&[Value<'_>]) -> Result<(), E>,
) -> Result<(), E> {
    let mut n = 0usize;
    let mut number = || {
        n += 1;
        Value::seq(n)
    };
    for form in register.listed() {
        let head = |n: Value<'static>| {
            [
                n,
                Value::from(&form.unit),
                Value::from(&form.unit_phone),
                Value::from(&form.office),
            ]
        };
        let tail = |status: &'static str, marks: String, row: Option<u32>| {
            [
                Value::from(form.filled_on),
                Value::from(status),
                Value::from(marks),
                Value::from(form.changes.as_ref()),
                Value::from(&form.file),
                Value::from(&form.sheet),
                Value::from(row),
            ]
        };
        if form.people.is_empty() {
            let mut row = head(number()).to_vec();
            row.extend(std::iter::repeat_n(Value::Empty, 6));
            row.extend(tail("未填写联系人", String::new(), None));
            put(&row)?;
        }
        for p in &form.people {
            let mut row = head(number()).to_vec();
            row.extend([
                Value::from(register.role_of(p)),
                Value::from(&p.name),
                Value::from(&p.post),
                Value::from(&p.office_phone),
                Value::from(&p.mobile),
                Value::from(&p.qq),
            ]);
            let status = status(form, !p.marks.is_empty());
            row.extend(tail(status, p.marks.join("；"), Some(p.source.row)));
            put(&row)?;
        }
    }
    for unit in &register.missing {
        let mut row = vec![number(), Value::from(unit)];
        row.extend(std::iter::repeat_n(Value::Empty, 9));
        row.push(Value::from("未报送"));
        // Blank to the last column, which keeps the row's borders.
        row.resize(HEADER.len(), Value::Empty);
        put(&row)?;
    }
    Ok(())
}

fn status(form: &Form, marked: bool) -> &'static str {
    match (&form.standing, marked) {
        (Standing::Unordered, _) => "多份未能确定最新",
        (_, true) => "需核对",
        _ => "正常",
    }
}
