//! The register: one current form per unit. Of several forms of a unit, the latest by
//! 填报时间 (else by the date in the file name) counts and the older ones are reported with
//! what changed (P007); forms that cannot be ordered all count, each with a warning (P008).
//! Units of the units table with no form are reported at their target cell (P006).
//! Each role is given the one label most forms write for it ([`Labels`]).

use chrono::NaiveDate;

use super::{Form, Labels, Person, Register, Standing};
use crate::problems::{Code, Problem};
use crate::reference::Reference;

/// Orders each unit's forms and finds the units of `reference` that sent none; returns
/// the register, the problems of the forms, and the findings about units (P006).
pub(super) fn register(
    forms: Vec<Form>,
    reference: &Reference,
) -> (Register, Vec<Problem>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut ordered = Vec::new();
    let mut missing = Vec::new();
    let mut units: Vec<Vec<Form>> = Vec::new();
    for unit in reference.resolver.units() {
        let own: Vec<Form> = forms
            .iter()
            .filter(|f| f.unit == unit.name)
            .cloned()
            .collect();
        if own.is_empty() {
            missing.push(unit.name.clone());
        } else {
            units.push(own);
        }
    }
    // Counted in the units table's order, which breaks a tie.
    let labels = Labels::most_written(units.iter().flatten());
    for mut own in units {
        stand(&mut own, &labels, &mut problems);
        ordered.extend(own);
    }
    // Made at their exact number: a large units table may have a finding per unit.
    let findings = missing.iter().map(|u| missing_form(u, reference)).collect();
    let register = Register {
        forms: ordered,
        missing,
        labels,
    };
    (register, problems, findings)
}

/// P006 for `unit`, at its target cell where it has one, else on the units table.
fn missing_form(unit: &str, reference: &Reference) -> Problem {
    let problem = match reference.target_cells.get(unit) {
        Some(cell) => {
            Problem::new(Code::NoContactForm, &cell.file, &[unit]).at(&cell.sheet, cell.place)
        }
        None => {
            let units_file = reference
                .inputs
                .first()
                .map_or("", |(i, _)| i.path.as_str());
            Problem::new(Code::NoContactForm, units_file, &[unit])
        }
    };
    problem.about(unit)
}

/// Marks how each of one unit's forms stands: the latest is current and says what
/// changed (its roles by `labels`); the others are replaced (P007). Forms nothing orders
/// — of the latest date, or without a date — are all unordered (P008); a dated form
/// older than the latest is still replaced by it.
fn stand(forms: &mut [Form], labels: &Labels, problems: &mut Vec<Problem>) {
    if forms.len() < 2 {
        return;
    }
    let latest = forms.iter().filter_map(|f| f.filled_on).max();
    let open: Vec<usize> = (0..forms.len())
        .filter(|&i| forms[i].filled_on.is_none() || forms[i].filled_on == latest)
        .collect();
    let newest = (0..forms.len()).find(|&i| latest.is_some() && forms[i].filled_on == latest);
    if let Some(newest) = newest {
        let current = forms[newest].clone();
        let mut changes = Vec::new();
        for (_, f) in (forms.iter_mut().enumerate()).filter(|(i, _)| !open.contains(i)) {
            let changed = differences(f, &current, labels);
            let text = if changed.is_empty() {
                "无".to_string()
            } else {
                changed.join("；")
            };
            let newer = format!("「{}」，{}", current.file, dated(&current));
            problems.push(
                Problem::new(
                    Code::ContactsReplaced,
                    &f.file,
                    &[&f.unit, &newer, &dated(f), &text],
                )
                .at(&f.sheet, None),
            );
            changes.push(format!("较「{}」：{text}", f.file));
            f.standing = Standing::Replaced {
                by: current.file.clone(),
            };
        }
        if open.len() == 1 {
            forms[newest].changes = Some(changes.join("；"));
            return;
        }
    }
    unordered(forms, &open, problems);
}

/// P008 on each of `open`, forms of one unit that nothing orders, saying why.
fn unordered(forms: &mut [Form], open: &[usize], problems: &mut Vec<Problem>) {
    let days: Vec<Option<NaiveDate>> = open.iter().map(|&i| forms[i].filled_on).collect();
    let why = match days.first().copied().flatten() {
        Some(day) if days.iter().all(Option::is_some) => {
            format!("最晚的几份填报时间相同，都是 {day}")
        }
        _ if days.iter().all(Option::is_none) => "都没有填报时间，文件名中也没有日期".to_string(),
        _ => "有的没有填报时间，文件名中也没有日期，无法与写明日期的比较".to_string(),
    };
    for (k, &i) in open.iter().enumerate() {
        let other = forms[open[(k + 1) % open.len()]].file.clone();
        let f = &mut forms[i];
        problems.push(
            Problem::new(Code::ContactsUnordered, &f.file, &[&f.unit, &other, &why])
                .at(&f.sheet, None),
        );
        f.standing = Standing::Unordered;
    }
}

fn dated(f: &Form) -> String {
    f.filled_on
        .map_or("未写明日期".into(), |d| format!("{} {d}", f.dated_by))
}

/// What changed from `old` to `new`: people added or removed, numbers changed. A person
/// is the same one under another label of the same role (联络员, then 联络人).
fn differences(old: &Form, new: &Form, labels: &Labels) -> Vec<String> {
    let role = |p: &'_ Person| -> String {
        p.role
            .map_or(p.role_text.clone(), |r| labels.of(r).to_string())
    };
    let mut out = Vec::new();
    for (what, a, b) in [
        ("单位电话", &old.unit_phone, &new.unit_phone),
        ("承办科室", &old.office, &new.office),
    ] {
        if a != b {
            out.push(change(what, a, b));
        }
    }
    let key = |p: &Person| (role(p), p.name.clone());
    for p in &new.people {
        match old.people.iter().find(|o| key(o) == key(p)) {
            None => out.push(format!("新增{} {}", role(p), p.name)),
            Some(o) => out.extend(changed_numbers(o, p, &role(p))),
        }
    }
    for o in &old.people {
        if !new.people.iter().any(|p| key(p) == key(o)) {
            out.push(format!("删除{} {}", role(o), o.name));
        }
    }
    out
}

fn changed_numbers(old: &Person, new: &Person, role: &str) -> Vec<String> {
    [
        ("职务", &old.post, &new.post),
        ("办公电话", &old.office_phone, &new.office_phone),
        ("手机", &old.mobile, &new.mobile),
        ("QQ", &old.qq, &new.qq),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(what, a, b)| {
        let of = if a.is_empty() || b.is_empty() {
            ""
        } else {
            "的"
        };
        format!("{role} {}{of}{}", new.name, change(what, a, b))
    })
    .collect()
}

/// `what` changed from `old` to `new`: 手机由「…」改为「…」, or 新增手机「…」 where there
/// was none, 删去手机「…」 where there is none now.
fn change(what: &str, old: &str, new: &str) -> String {
    match (old.is_empty(), new.is_empty()) {
        (true, _) => format!("新增{what}「{new}」"),
        (_, true) => format!("删去{what}「{old}」"),
        _ => format!("{what}由「{old}」改为「{new}」"),
    }
}
