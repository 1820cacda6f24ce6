//! Contact registers (联系人登记表): seed 001 Annex 3 (单位（签章）, 单位电话, 承办科室, then
//! 分管领导 and 信息工作人员 rows with 姓名, 职务, 办公电话, 手机, QQ) and seed 002 Annex 2
//! (填报单位, 填报时间, 分管领导 and 联络人 rows with 姓名, 职务, 联系方式), also laid out one
//! unit per row under a two-row header of role blocks. `collect` reads every form of a run,
//! checks its numbers, keeps the latest form of each unit and lists units that sent none;
//! the [`Register`] is what later documents (the 催报 notice) look units up in, a unit
//! at a time ([`Register::entries`]), each role under one label ([`Labels`]).
//! Contact forms are not filtered by period: the current form of each unit counts.

mod forms;
mod phones;
mod register;

use chrono::NaiveDate;
use serde::Serialize;

use crate::ingest::{self, Input, SheetAt, SheetKind};
use crate::layout::{Attr, Field, Role, Table};
use crate::model::Source;
use crate::normalise::{Account, Framing};
use crate::problems::Problem;
use crate::reference::Reference;

/// How a contact form's rows are framed: the unit, its phone and office, the role of a
/// person's row, and every attribute of a person, on a row of its own or in a role's block.
pub(crate) const FRAMING: Framing = Framing {
    fields: &[
        Field::Unit,
        Field::UnitPhone,
        Field::Office,
        Field::Role,
        Field::Person(Attr::Name),
        Field::Person(Attr::Post),
        Field::Person(Attr::OfficePhone),
        Field::Person(Attr::Mobile),
        Field::Person(Attr::Qq),
        Field::Person(Attr::Contact),
        Field::RolePerson(Role::Leader, Attr::Name),
        Field::RolePerson(Role::Leader, Attr::Post),
        Field::RolePerson(Role::Leader, Attr::OfficePhone),
        Field::RolePerson(Role::Leader, Attr::Mobile),
        Field::RolePerson(Role::Leader, Attr::Qq),
        Field::RolePerson(Role::Leader, Attr::Contact),
        Field::RolePerson(Role::Liaison, Attr::Name),
        Field::RolePerson(Role::Liaison, Attr::Post),
        Field::RolePerson(Role::Liaison, Attr::OfficePhone),
        Field::RolePerson(Role::Liaison, Attr::Mobile),
        Field::RolePerson(Role::Liaison, Attr::Qq),
        Field::RolePerson(Role::Liaison, Attr::Contact),
    ],
    names: &[Field::Unit],
    across: None,
};

/// Whether a located table is a contact form: a name column and another contact column.
pub(crate) fn is_contact_form(table: &Table) -> bool {
    let named = table.columns.iter().any(|c| {
        matches!(
            c.field,
            Some(Field::Person(Attr::Name) | Field::RolePerson(_, Attr::Name))
        )
    });
    let others = table
        .columns
        .iter()
        .filter(|c| {
            matches!(
                c.field,
                Some(
                    Field::Role
                        | Field::Person(_)
                        | Field::RolePerson(..)
                        | Field::UnitPhone
                        | Field::Office
                )
            )
        })
        .count();
    named && others >= 2
}

/// One person of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Person {
    /// `None` where the form gives no role, or one zwgk does not know (then `role_text`).
    pub(crate) role: Option<Role>,
    /// The role as written.
    pub(crate) role_text: String,
    pub(crate) name: String,
    pub(crate) post: String,
    /// 办公电话 (and landlines of a 联系方式 cell), several joined by 、.
    pub(crate) office_phone: String,
    /// 手机 (and mobiles of a 联系方式 cell), several joined by 、.
    pub(crate) mobile: String,
    pub(crate) qq: String,
    pub(crate) source: Source,
    /// The messages of the problems found in it.
    pub(crate) marks: Vec<String>,
    /// What of it the problems put in doubt, in the order found.
    #[serde(skip)]
    pub(crate) doubts: Vec<Doubt>,
}

/// A part of a person's entry that a problem puts in doubt: what a printed list marks
/// 需核对 beside the person. Ordered as a list's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Doubt {
    Name,
    OfficePhone,
    Mobile,
    Qq,
}

impl Doubt {
    /// The part as a list's column names it.
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Self::Name => "姓名",
            Self::OfficePhone => "办公电话",
            Self::Mobile => "手机",
            Self::Qq => "QQ",
        }
    }
}

impl Person {
    /// Whether `other` is the same entry: the same role, name, post and numbers (a
    /// person two forms of a unit both list).
    fn same_as(&self, other: &Person) -> bool {
        fn key(p: &Person) -> (&str, [&String; 5]) {
            let role = match p.role {
                Some(r) => r.zh(),
                None => &p.role_text,
            };
            (role, [&p.name, &p.post, &p.office_phone, &p.mobile, &p.qq])
        }
        key(self) == key(other)
    }
}

/// The label each role is printed with, one per role: forms write 分管领导 or 分管负责人,
/// 联络人, 联络员 or 信息工作人员 for the same roles, and a list that mixes them reads as
/// if they were different people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Labels {
    pub(crate) leader: String,
    pub(crate) liaison: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            leader: Role::Leader.zh().to_string(),
            liaison: Role::Liaison.zh().to_string(),
        }
    }
}

impl Labels {
    /// The label most of `forms` write for each role, counting a form once however many
    /// of its people it labels so; a tie goes to the role's usual name (分管领导,
    /// 信息工作人员, the labels of zwgk's own 联系人登记表), else to the label of the first
    /// of `forms` that writes one. A role no form labels keeps its usual name.
    pub(crate) fn most_written<'a>(forms: impl IntoIterator<Item = &'a Form>) -> Self {
        let mut counts: [Vec<(&str, usize)>; 2] = [Vec::new(), Vec::new()];
        for form in forms {
            let mut seen: Vec<(Role, &str)> = Vec::new();
            for p in &form.people {
                let Some(role) = p.role.filter(|_| !p.role_text.is_empty()) else {
                    continue;
                };
                if seen.contains(&(role, p.role_text.as_str())) {
                    continue;
                }
                seen.push((role, &p.role_text));
                let tally = &mut counts[Self::slot(role)];
                match tally.iter_mut().find(|(l, _)| *l == p.role_text) {
                    Some((_, n)) => *n += 1,
                    None => tally.push((&p.role_text, 1)),
                }
            }
        }
        let pick = |role: Role| {
            let tally = &counts[Self::slot(role)];
            let most = tally.iter().map(|(_, n)| *n).max().unwrap_or(0);
            let tied = || tally.iter().filter(|(_, n)| *n == most).map(|(l, _)| *l);
            let label = tied().find(|l| *l == role.zh()).or_else(|| tied().next());
            label.unwrap_or(role.zh()).to_string()
        };
        Self {
            leader: pick(Role::Leader),
            liaison: pick(Role::Liaison),
        }
    }

    fn slot(role: Role) -> usize {
        match role {
            Role::Leader => 0,
            Role::Liaison => 1,
        }
    }

    /// The label of `role`.
    pub(crate) fn of(&self, role: Role) -> &str {
        match role {
            Role::Leader => &self.leader,
            Role::Liaison => &self.liaison,
        }
    }
}

/// How a form stands among the forms its unit sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Standing {
    /// The unit's only form, or its latest.
    Current,
    /// One of several forms of the unit that cannot be ordered: all are listed.
    Unordered,
    /// An older form, replaced by the one in `by` (a workspace-relative path).
    Replaced { by: String },
}

/// One unit's contact registration form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Form {
    /// The unit's canonical name.
    pub(crate) unit: String,
    pub(crate) unit_phone: String,
    /// 承办科室.
    pub(crate) office: String,
    /// 填报时间, else the date in the file name.
    pub(crate) filled_on: Option<NaiveDate>,
    /// Where `filled_on` was read: 填报时间 or 文件名.
    pub(crate) dated_by: &'static str,
    pub(crate) file: String,
    pub(crate) sheet: String,
    pub(crate) people: Vec<Person>,
    pub(crate) standing: Standing,
    /// For the current form of a unit that sent several: what changed since the older one.
    pub(crate) changes: Option<String>,
    /// The roles the form has rows for but names nobody in (P005), in the order of
    /// [`Role`]; none on a form that does not say who is in which role.
    pub(crate) missing: Vec<Role>,
}

/// Every contact form of a run, and the units that sent none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Register {
    /// The forms in the units table's order, each unit's in the order they were read.
    pub(crate) forms: Vec<Form>,
    /// Units of the units table with no form, in its order.
    pub(crate) missing: Vec<String>,
    /// The label each role is printed with.
    pub(crate) labels: Labels,
}

/// One unit as a list of contacts prints it: its current form, or all its forms that
/// cannot be ordered (P008), with each person once.
#[derive(Debug)]
pub(crate) struct Entry<'a> {
    /// The unit's canonical name.
    pub(crate) unit: &'a str,
    /// Its forms that count: one, or several that cannot be ordered.
    pub(crate) forms: Vec<&'a Form>,
    /// Its people in the order of its forms, a person several forms list alike once,
    /// each with whether every one of the forms lists them.
    pub(crate) people: Vec<(&'a Person, bool)>,
    /// The roles none of its forms names anybody in, where the forms have rows for
    /// roles (P005), in the order of [`Role`].
    pub(crate) missing: Vec<Role>,
}

impl<'a> Entry<'a> {
    /// The entry of one unit's `forms` (at least one, all of the unit).
    fn of(forms: Vec<&'a Form>) -> Self {
        let mut people: Vec<(&Person, bool)> = Vec::new();
        for p in forms.iter().flat_map(|f| &f.people) {
            if !people.iter().any(|(q, _)| q.same_as(p)) {
                let everywhere = (forms.iter()).all(|f| f.people.iter().any(|q| q.same_as(p)));
                people.push((p, everywhere));
            }
        }
        let missing = [Role::Leader, Role::Liaison]
            .into_iter()
            .filter(|r| forms.iter().all(|f| f.missing.contains(r)))
            .collect();
        Self {
            unit: forms.first().map_or("", |f| f.unit.as_str()),
            forms,
            people,
            missing,
        }
    }

    /// Whether the entry is made of several forms that cannot be ordered.
    pub(crate) fn unordered(&self) -> bool {
        self.forms.len() > 1
    }
}

impl Register {
    /// The forms that count, in the units table's order.
    pub(crate) fn listed(&self) -> impl Iterator<Item = &Form> {
        self.forms
            .iter()
            .filter(|f| !matches!(f.standing, Standing::Replaced { .. }))
    }

    /// Each unit with a form that counts, in the units table's order: a unit that sent
    /// several forms that cannot be ordered is one entry, not one per form.
    pub(crate) fn entries(&self) -> Vec<Entry<'_>> {
        let mut groups: Vec<Vec<&Form>> = Vec::new();
        for form in self.listed() {
            match groups.last_mut() {
                Some(g) if g[0].unit == form.unit => g.push(form),
                _ => groups.push(vec![form]),
            }
        }
        groups.into_iter().map(Entry::of).collect()
    }

    /// The entry of `unit`, where it has a form that counts.
    pub(crate) fn entry(&self, unit: &str) -> Option<Entry<'_>> {
        let forms: Vec<&Form> = self.listed().filter(|f| f.unit == unit).collect();
        (!forms.is_empty()).then(|| Entry::of(forms))
    }

    /// The role of `p` as the register prints it: the one label of a role zwgk knows
    /// ([`Labels`]), else as the form wrote it.
    pub(crate) fn role_of<'a>(&'a self, p: &'a Person) -> &'a str {
        match p.role {
            Some(role) => self.labels.of(role),
            None => &p.role_text,
        }
    }

    /// How many units have a form that counts.
    pub(crate) fn units(&self) -> usize {
        let mut units: Vec<&str> = self.listed().map(|f| f.unit.as_str()).collect();
        units.dedup();
        units.len()
    }
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// `None` when the run read no contact form.
    pub(crate) register: Option<Register>,
    /// What was found in the forms.
    pub(crate) problems: Vec<Problem>,
    /// Units that sent no form (P006), at their target cells: findings about units.
    pub(crate) findings: Vec<Problem>,
    /// Row accounting of each contact sheet.
    pub(crate) accounts: Vec<(SheetAt, Account)>,
}

/// Reads the contact forms of `inputs`, keeps each unit's latest, and reports the units
/// of `reference` that sent none (only when any form was read at all).
pub(crate) fn collect(inputs: &[Input], reference: &Reference) -> Collected {
    let mut collected = Collected::default();
    let mut forms = Vec::new();
    for (at, input, sheet, located) in ingest::sheets_of(inputs, SheetKind::Contacts) {
        let read = forms::sheet(&input.path, &sheet.name, located, &reference.resolver);
        collected.accounts.push((at, read.account));
        collected.problems.extend(read.problems);
        forms.extend(read.forms);
    }
    if collected.accounts.is_empty() {
        return collected;
    }
    let (register, problems, findings) = register::register(forms, reference);
    collected.problems.extend(problems);
    collected.findings = findings;
    collected.register = Some(register);
    collected
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(role_text: &str, name: &str) -> Person {
        Person {
            role: Role::of(role_text),
            role_text: role_text.to_string(),
            name: name.to_string(),
            post: "科员".into(),
            office_phone: String::new(),
            mobile: "13800000000".into(),
            qq: String::new(),
            source: Source {
                file: String::new(),
                sheet: String::new(),
                row: 1,
            },
            marks: Vec::new(),
            doubts: Vec::new(),
        }
    }

    fn form(unit: &str, people: Vec<Person>, missing: Vec<Role>) -> Form {
        Form {
            unit: unit.into(),
            unit_phone: String::new(),
            office: String::new(),
            filled_on: None,
            dated_by: "文件名中的日期",
            file: format!("inbox/{unit}.csv"),
            sheet: unit.into(),
            people,
            standing: Standing::Unordered,
            changes: None,
            missing,
        }
    }

    #[test]
    fn each_role_takes_the_label_most_forms_write() {
        let forms = [
            form(
                "教育局",
                vec![person("分管负责人", "甲"), person("联络员", "乙")],
                vec![],
            ),
            form(
                "民政局",
                vec![person("分管领导", "丙"), person("联络人", "丁")],
                vec![],
            ),
            // Two people of one form under one label count once.
            form(
                "财政局",
                vec![person("联络员", "戊"), person("联络员", "己")],
                vec![],
            ),
            form("司法局", vec![person("联络人", "庚")], vec![Role::Leader]),
        ];
        let labels = Labels::most_written(&forms);
        // 分管负责人 1, 分管领导 1: the tie goes to the usual name.
        assert_eq!(labels.of(Role::Leader), "分管领导");
        // 联络员 2 forms, 联络人 2 forms: neither is the usual name, the first written wins.
        assert_eq!(labels.of(Role::Liaison), "联络员");
        let more = [
            &forms[..],
            &[form("公安局", vec![person("联络人", "辛")], vec![])],
        ]
        .concat();
        assert_eq!(Labels::most_written(&more).of(Role::Liaison), "联络人");
        assert_eq!(Labels::most_written(&[]), Labels::default());
        assert_eq!(Labels::default().of(Role::Liaison), "信息工作人员");
    }

    #[test]
    fn forms_of_a_unit_that_cannot_be_ordered_make_one_entry_listing_each_person_once() {
        let register = Register {
            forms: vec![
                form(
                    "民政局",
                    vec![person("分管领导", "吴伟"), person("联络人", "周秀英")],
                    vec![],
                ),
                form(
                    "民政局",
                    vec![person("分管领导", "吴伟"), person("联络人", "王芳")],
                    vec![],
                ),
                form(
                    "司法局",
                    vec![person("分管领导", "徐斌")],
                    vec![Role::Liaison],
                ),
            ],
            missing: vec!["税务局".into()],
            labels: Labels::default(),
        };
        let entries = register.entries();
        assert_eq!(entries.len(), 2);
        let mz = &entries[0];
        assert!(mz.unordered() && mz.missing.is_empty());
        let people: Vec<(&str, bool)> = mz
            .people
            .iter()
            .map(|(p, all)| (p.name.as_str(), *all))
            .collect();
        assert_eq!(people, [("吴伟", true), ("周秀英", false), ("王芳", false)]);
        assert_eq!(entries[1].missing, [Role::Liaison]);
        assert_eq!(register.entry("司法局").map(|e| e.people.len()), Some(1));
        assert!(register.entry("税务局").is_none());
        // The register prints each known role under its label.
        assert_eq!(register.role_of(mz.people[1].0), "信息工作人员");
    }
}
