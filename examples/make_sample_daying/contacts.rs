//! Seed 001 Annex 3 (大英县政务公开工作联系人员登记表, due 4月20日) from the units: the unit,
//! its phone and office above a row per person, 信息工作人员 merged down over a blank
//! slot on some forms. 档案局, 重点办, 台办 and 志办 sent none; 民政局 sent two versions,
//! dated in their file names; 统计局's 分管领导 has a ten-digit mobile; 政府办's office
//! number has an extension.

use chrono::NaiveDate;
use serde::Serialize;

use crate::formats::Format;
use crate::forms::{Person, mobile, name, seed_001};
use crate::inbox::Inbox;
use crate::truth::{Outcome, Trap};
use crate::units::{LEFT, RIGHT, UnitSpec};

const FOLDER: &str = "inbox/联系人员登记表";
const TITLE: &str = "大英县政务公开工作联系人员登记表";
/// The units that sent no form.
const SILENT: [&str; 4] = ["档案局", "重点办", "台办", "志办"];
/// 民政局's two versions, older first.
const CIVIL: [&str; 2] = [
    "民政局联系人员登记表2018.4.16.xlsx",
    "民政局联系人员登记表2018.4.19.xlsx",
];

/// What the truth file says of the contact forms.
#[derive(Serialize)]
pub struct Truth {
    units: usize,
    people: usize,
    missing: Vec<&'static str>,
    unordered: Vec<&'static str>,
}

/// The cell of a unit's target in targets.xlsx (two side-by-side pairs from row 5).
fn target_cell(unit: &str) -> Option<String> {
    let at = |pair: &[(&str, u32)], col: char| {
        pair.iter()
            .position(|(n, _)| *n == unit)
            .map(|i| format!("{col}{}", 5 + i))
    };
    at(&LEFT, 'B').or_else(|| at(&RIGHT, 'D'))
}

/// The people of unit `k`'s form: its 分管领导 and one or two 信息工作人员.
fn people(k: usize, unit: &str) -> Vec<Person> {
    let leader_mobile = if unit == "统计局" {
        "1398251234".to_string()
    } else {
        mobile(3 * k)
    };
    let office = if unit == "政府办" {
        "0825-7812306转8012".to_string()
    } else {
        format!("0825-78{:05}", 12_000 + k * 37)
    };
    let mut out = vec![
        Person {
            role: "分管领导",
            name: name(3 * k + 5),
            post: "副局长",
            office: format!("0825-78{:05}", 11_000 + k * 37),
            mobile: leader_mobile,
            qq: String::new(),
        },
        Person {
            role: "信息工作人员",
            name: name(3 * k + 6),
            post: "科员",
            office,
            mobile: mobile(3 * k + 1),
            qq: format!("{}", 3_000_000 + k * 7_919),
        },
    ];
    if k.is_multiple_of(4) || unit == "民政局" {
        out.push(Person {
            role: "信息工作人员",
            name: name(3 * k + 7),
            post: "办事员",
            office: String::new(),
            mobile: mobile(3 * k + 2),
            qq: String::new(),
        });
    }
    out
}

/// Adds every unit's form to `inbox`; returns what the truth says of them.
pub fn add(inbox: &mut Inbox, units: &[UnitSpec]) -> Truth {
    let mut counted = 0;
    let mut sent = 0;
    for (k, u) in units.iter().enumerate() {
        if SILENT.contains(&u.name) {
            inbox.ledger.traps.push(Trap {
                file: "reference/targets.xlsx".into(),
                sheet: Some("目标任务".into()),
                cell: target_cell(u.name),
                row: None,
                what: format!("{} sent no contact form", u.name),
                code: Some("P006"),
                expected: "a warning at the unit's target cell; 通讯录 lists it as 未报送".into(),
            });
            continue;
        }
        sent += 1;
        let phone = format!("0825-78{:05}", 10_000 + k * 37);
        let listed = people(k, u.name);
        if u.name == "民政局" {
            let mut older = listed.clone();
            older[0].mobile = mobile(900);
            older.truncate(2);
            form(
                inbox,
                &format!("{FOLDER}/{}", CIVIL[0]),
                u,
                &phone,
                &older,
                1,
                16,
            );
            civil_trap(inbox);
            form(
                inbox,
                &format!("{FOLDER}/{}", CIVIL[1]),
                u,
                &phone,
                &listed,
                0,
                19,
            );
        } else {
            let path = format!("{FOLDER}/{}联系人员登记表.xlsx", u.name);
            let slots = usize::from(k % 3 == 1);
            let rows = form(inbox, &path, u, &phone, &listed, slots, 17);
            person_trap(inbox, &path, u.name, &rows);
        }
        counted += listed.len();
    }
    Truth {
        units: sent,
        people: counted,
        missing: SILENT.to_vec(),
        unordered: Vec::new(),
    }
}

/// Writes one form; returns the rows of its people.
fn form(
    inbox: &mut Inbox,
    path: &str,
    unit: &UnitSpec,
    phone: &str,
    people: &[Person],
    slots: usize,
    day: u32,
) -> Vec<u32> {
    let (grid, rows) = seed_001(TITLE, &unit.formal, phone, "办公室", people, slots);
    let facts = rows
        .iter()
        .map(|r| (grid.name.clone(), *r, Outcome::Kept))
        .collect();
    let saved = NaiveDate::from_ymd_opt(2018, 4, day).unwrap_or(NaiveDate::MIN);
    inbox.add_grids(path, Format::Xlsx, saved, vec![grid], facts, Vec::new());
    rows
}

fn civil_trap(inbox: &mut Inbox) {
    inbox.ledger.traps.push(Trap {
        file: format!("{FOLDER}/{}", CIVIL[0]),
        sheet: Some("Sheet1".into()),
        cell: None,
        row: None,
        what: "民政局's first version; its second, dated 2018.4.19 in the file name, changes the leader's mobile and adds a person".into(),
        code: Some("P007"),
        expected: "an info on the older form listing the changes; 通讯录 lists the newer one only".into(),
    });
}

/// The trap in a form's people, if it has one.
fn person_trap(inbox: &mut Inbox, path: &str, unit: &str, rows: &[u32]) {
    let (cell, what, code, expected) = match unit {
        "统计局" => (
            format!("E{}", rows[0]),
            "the 分管领导's mobile has ten digits",
            Some("P001"),
            "a warning at the cell; the person stays in 通讯录, marked",
        ),
        "政府办" => (
            format!("D{}", rows[1]),
            "an office number with an area code and an extension (转8012)",
            None,
            "a valid office number",
        ),
        _ => return,
    };
    inbox.ledger.traps.push(Trap {
        file: path.into(),
        sheet: Some("Sheet1".into()),
        cell: Some(cell),
        row: None,
        what: what.into(),
        code,
        expected: expected.into(),
    });
}
