//! One contact sheet into forms. A form laid out as seed 001 or 002 prints it has a row
//! per person (a 联系人 column, or a blank corner over the roles) and its unit, 单位电话,
//! 承办科室 and 填报时间 in the lines above; a register has a row per unit with a block of
//! columns per role. Every number is checked at its cell; a row whose unit cannot be told
//! is rejected with U001, U002 or U003, and every other row is kept.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::phones::{is_landline, is_mobile, is_qq, looks_mobile, mobile_digits, split};
use super::{Doubt, FRAMING, Form, Person, Standing};
use crate::ingest::Located;
use crate::layout::{Attr, Field, MetaKey, Role};
use crate::model::Source;
use crate::normalise::frame::{PlacedRow, Walk};
use crate::normalise::text::clean_text;
use crate::normalise::units::Sender;
use crate::normalise::values::date_text;
use crate::normalise::{Account, Resolver};
use crate::problems::{Code, Problem};

/// What one sheet gave.
pub(super) struct SheetForms {
    pub(crate) forms: Vec<Form>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) account: Account,
}

/// Reads the contact form `located` on sheet `sheet` of `file`.
pub(super) fn sheet(file: &str, sheet: &str, located: &Located, resolver: &Resolver) -> SheetForms {
    let table = &located.layout;
    let meta = |key| {
        table
            .meta(key)
            .and_then(|v| clean_text(v, false))
            .map(|v| v.into_owned())
    };
    let (filled_on, dated_by) = match meta(MetaKey::FilledOn).and_then(|d| date_text(&d)) {
        Some(d) => (Some(d), "填报时间"),
        None => (date_in_name(file), "文件名中的日期"),
    };
    let template = Form {
        unit: String::new(),
        unit_phone: meta(MetaKey::UnitPhone).unwrap_or_default(),
        office: meta(MetaKey::Office).unwrap_or_default(),
        filled_on,
        dated_by,
        file: file.to_string(),
        sheet: sheet.to_string(),
        people: Vec::new(),
        standing: Standing::Current,
        changes: None,
        missing: Vec::new(),
    };
    let sender = resolver.sender(table.meta(MetaKey::Unit), file);
    let mut out = SheetForms {
        forms: Vec::new(),
        problems: Vec::new(),
        account: Account::default(),
    };
    let roles = table.has(Field::Role) || table.columns.iter().any(|c| is_block(c.field));
    let mut told_sender = false;
    // The frame is FRAMING's (ingest framed it by the sheet's kind): a failure would be a bug.
    let walk = Walk::new(&located.rows, &FRAMING).ok();
    for record in walk.iter().flat_map(Walk::iter) {
        out.account.rows_read += 1;
        let row = Row {
            record,
            file,
            sheet,
        };
        let Some(unit) = row.unit(&sender, resolver, &mut told_sender, &mut out.problems) else {
            out.account.rows_rejected += 1;
            continue;
        };
        let i = match out.forms.iter().position(|f| f.unit == unit) {
            Some(i) => i,
            None => {
                out.forms.push(Form {
                    unit,
                    ..template.clone()
                });
                out.forms.len() - 1
            }
        };
        let form = &mut out.forms[i];
        for (field, target) in [(Field::UnitPhone, 0), (Field::Office, 1)] {
            let text = row.text(field).0;
            let slot = if target == 0 {
                &mut form.unit_phone
            } else {
                &mut form.office
            };
            if !text.is_empty() {
                *slot = text;
            }
        }
        for person in row.people(&mut out.problems) {
            form.people.push(person);
        }
    }
    out.account.rows_accepted = out.account.rows_read - out.account.rows_rejected;
    if roles {
        for form in &mut out.forms {
            form.missing = [Role::Leader, Role::Liaison]
                .into_iter()
                .filter(|role| !form.people.iter().any(|p| p.role == Some(*role)))
                .collect();
            out.problems.extend(missing_roles(form));
        }
    }
    out
}

fn is_block(field: Option<Field>) -> bool {
    matches!(field, Some(Field::RolePerson(..)))
}

/// P005 for each role a form has nobody in. What to fill in is the code's advice, said
/// once: a suggestion would say it again before it.
fn missing_roles(form: &Form) -> Vec<Problem> {
    (form.missing.iter())
        .map(|role| {
            let zh = match role {
                Role::Leader => "分管领导",
                Role::Liaison => "信息工作人员（联络人）",
            };
            Problem::new(Code::MissingRole, &form.file, &[zh]).at(&form.sheet, None)
        })
        .collect()
}

/// A number as lists print it: a mobile as its 11 digits (`133 0535 9956` is
/// `13305359956`), anything else as written.
fn printed(number: &str) -> String {
    mobile_digits(number).unwrap_or_else(|| number.to_string())
}

/// A date written in a file name: `2018-04-18`, `2018.4.18`, `2018年4月18日`, `20180418`.
fn date_in_name(path: &str) -> Option<NaiveDate> {
    static DATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(\d{4}[年.\-_/]\d{1,2}[月.\-_/]\d{1,2})|(?:^|\D)(\d{8})(?:\D|$)").ok()
    });
    let stem = std::path::Path::new(path).file_stem()?.to_string_lossy();
    let found = DATE.as_ref()?.captures(&stem)?;
    let text = found.get(1).or_else(|| found.get(2))?.as_str();
    date_text(&text.replace('_', "-"))
}

/// One row of a contact table, with where it is.
type Row<'a> = PlacedRow<'a>;

impl Row<'_> {
    /// The row's unit: its 单位 cell, else the sheet's sender. A row without one is
    /// reported (the sheet's missing sender once) and rejected.
    fn unit(
        &self,
        sender: &Sender,
        resolver: &Resolver,
        told: &mut bool,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        // 单位 is framed as a name: cleaned for resolving.
        let (own, col) = self.text(Field::Unit);
        if !own.is_empty() {
            return match resolver.resolve(&own) {
                Some(u) => Some(u.to_string()),
                None => {
                    let p = self
                        .here(Code::UnknownUnit, col, &[&own])
                        .value(own.as_str())
                        .suggest_opt(resolver.suggestion(&own));
                    problems.push(p);
                    None
                }
            };
        }
        let problem = match sender {
            Sender::Unit(u) => return Some(u.clone()),
            Sender::Conflict(how) => Problem::new(Code::UnitConflict, self.file, &[how]),
            Sender::Unknown(Some(line)) => Problem::new(Code::UnknownUnit, self.file, &[line])
                .value(line.as_str())
                .suggest_opt(resolver.suggestion(line)),
            Sender::Unknown(None) => Problem::new(Code::NoUnit, self.file, &[]),
        };
        if !std::mem::replace(told, true) {
            problems.push(problem.at(self.sheet, None));
        }
        None
    }

    /// The people of the row: one on a form's row, one per filled role block on a
    /// register's row. A role slot left blank is nobody.
    fn people(&self, problems: &mut Vec<Problem>) -> Vec<Person> {
        let role_text: String = self.text(Field::Role).0.split_whitespace().collect();
        let mut out = Vec::new();
        if let Some(p) = self.person(Role::of(&role_text), &role_text, Field::Person, problems) {
            out.push(p);
        }
        for role in [Role::Leader, Role::Liaison] {
            let field = move |attr| Field::RolePerson(role, attr);
            if let Some(p) = self.person(Some(role), role.zh(), field, problems) {
                out.push(p);
            }
        }
        out
    }

    /// The person whose attributes are in the fields `field` gives, checked; `None`
    /// when none of them is filled.
    fn person(
        &self,
        role: Option<Role>,
        role_text: &str,
        field: impl Fn(Attr) -> Field,
        problems: &mut Vec<Problem>,
    ) -> Option<Person> {
        let get = |attr| self.text(field(attr));
        let [name, post, office, mobile, qq, contact] = [
            Attr::Name,
            Attr::Post,
            Attr::OfficePhone,
            Attr::Mobile,
            Attr::Qq,
            Attr::Contact,
        ]
        .map(get);
        let filled = [&name, &post, &office, &mobile, &qq, &contact];
        if filled.iter().all(|(t, _)| t.is_empty()) {
            return None;
        }
        let mut found = Vec::new();
        let mut doubts = Vec::new();
        let who = role.map_or(role_text, |r| r.zh());
        let who = if who.is_empty() { "联系人" } else { who };
        if name.0.is_empty() {
            found.push(self.here(Code::MissingPersonName, name.1, &[who]));
            doubts.push(Doubt::Name);
        }
        let (mut mobiles, mut landlines) = (Vec::new(), Vec::new());
        for part in split(&contact.0) {
            let (list, code, doubt) = if looks_mobile(part) {
                (&mut mobiles, Code::BadMobile, Doubt::Mobile)
            } else {
                (&mut landlines, Code::BadPhone, Doubt::OfficePhone)
            };
            if !self.number(part, code, contact.1, &mut found) {
                doubts.push(doubt);
            }
            list.push(printed(part));
        }
        for part in split(&mobile.0) {
            if !self.number(part, Code::BadMobile, mobile.1, &mut found) {
                doubts.push(Doubt::Mobile);
            }
            mobiles.push(printed(part));
        }
        for part in split(&office.0) {
            let code = if looks_mobile(part) {
                Code::BadMobile
            } else {
                Code::BadPhone
            };
            if !self.number(part, code, office.1, &mut found) {
                doubts.push(Doubt::OfficePhone);
            }
            landlines.push(printed(part));
        }
        if !qq.0.is_empty() && !is_qq(&qq.0) {
            found.push(self.here(Code::BadQq, qq.1, &[&qq.0]).value(qq.0.as_str()));
            doubts.push(Doubt::Qq);
        }
        doubts.sort_unstable();
        doubts.dedup();
        let marks = found.iter().map(|p| p.message.clone()).collect();
        problems.extend(found);
        Some(Person {
            role,
            role_text: role_text.to_string(),
            name: name.0,
            post: post.0,
            office_phone: landlines.join("、"),
            mobile: mobiles.join("、"),
            qq: qq.0,
            source: Source {
                file: self.file.to_string(),
                sheet: self.sheet.to_string(),
                row: self.record.row(),
            },
            marks,
            doubts,
        })
    }

    /// Reports `number` when it is neither a mobile nor a landline (under `code`, the
    /// kind it was meant as); whether it is one.
    fn number(&self, number: &str, code: Code, col: Option<u32>, found: &mut Vec<Problem>) -> bool {
        let ok = match code {
            Code::BadMobile => is_mobile(number),
            _ => is_landline(number) || is_mobile(number),
        };
        if !ok {
            found.push(self.here(code, col, &[number]).value(number));
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_may_carry_the_date_a_form_was_filled_in() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            date_in_name("inbox/民政局联系人（2018.4.20）.xlsx"),
            d(2018, 4, 20)
        );
        assert_eq!(date_in_name("inbox/民政局-20180418.xlsx"), d(2018, 4, 18));
        assert_eq!(
            date_in_name("inbox/民政局2018年4月18日.xls"),
            d(2018, 4, 18)
        );
        assert_eq!(date_in_name("inbox/民政局-2018年4月.xlsx"), None);
        assert_eq!(date_in_name("inbox/民政局.xlsx"), None);
    }
}
