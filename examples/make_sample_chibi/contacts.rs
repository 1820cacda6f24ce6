//! Seed 002 Annex 2 (分管负责人及联络人名单, due 9月25日) from the responsible units: a
//! blank corner over 分管领导 and 联络人, 姓名 | 职务 | 联系方式. 税务局 and 扶贫办 sent
//! none; 文旅局's 联络人 has a six-digit number; 财政局's has an extension; 发改局 saved
//! its form as a GBK CSV.

use serde::Serialize;

use crate::domains::GROUPS;
use crate::formats::Format;
use crate::forms::{Person, mobile, name, seed_002};
use crate::inbox::{Inbox, stem};
use crate::ledger::{Outcome, Trap};
use crate::plan::YEAR;
use crate::reference::{TARGETS_FILE, TARGETS_SHEET, target_cell};
use crate::units::UnitSpec;

const FOLDER: &str = "inbox/联络人名单";
/// The units that sent no form.
const SILENT: [&str; 2] = ["税务局", "扶贫办"];

/// What the truth file says of the contact forms.
#[derive(Serialize)]
pub struct Truth {
    units: usize,
    people: usize,
    missing: Vec<&'static str>,
    unordered: Vec<&'static str>,
}

/// Adds every unit's form to `inbox`; returns what the truth says of them.
pub fn add(inbox: &mut Inbox, units: &[UnitSpec]) -> Truth {
    let mut people = 0;
    let mut sent = 0;
    for (k, g) in GROUPS.iter().enumerate() {
        let Some(u) = units.iter().find(|u| u.name == g.unit) else {
            continue;
        };
        if SILENT.contains(&u.name) {
            inbox.ledger.traps.push(Trap {
                file: TARGETS_FILE.into(),
                sheet: Some(TARGETS_SHEET.into()),
                cell: target_cell(units, u.name),
                row: None,
                what: format!("{} sent no contact form", u.name),
                code: Some("P006"),
                expected: "a warning at the unit's target cell; 通讯录 lists it as 未报送".into(),
            });
            continue;
        }
        let liaison = match u.name {
            "财政局" => "0715-5330205转8001".to_string(),
            "文旅局" => "533020".to_string(),
            _ if k % 3 == 0 => mobile(100 + k),
            _ => format!("0715-53302{:02}", 10 + k),
        };
        let form = [
            Person {
                role: "分管领导",
                name: name(2 * k),
                post: "副局长",
                office: String::new(),
                mobile: mobile(k),
                qq: String::new(),
            },
            Person {
                role: "联络人",
                name: name(2 * k + 1),
                post: "办公室主任",
                office: liaison,
                mobile: String::new(),
                qq: String::new(),
            },
        ];
        let filled_on = format!("{YEAR}年9月{}日", 21 + k % 5);
        let (csv, path) = if u.name == "发改局" {
            (true, format!("{FOLDER}/发改局分管负责人及联络人名单.csv"))
        } else {
            (
                false,
                format!("{FOLDER}/{}分管负责人及联络人名单.xlsx", u.annex),
            )
        };
        let (mut grid, rows) = seed_002(u.annex, &filled_on, &form);
        if csv {
            grid.name = stem(&path);
        }
        plant(inbox, &path, &grid.name, u.name, rows[1], csv);
        let facts = rows
            .iter()
            .map(|r| (grid.name.clone(), *r, Outcome::Kept))
            .collect();
        let format = if csv { Format::CsvGbk } else { Format::Xlsx };
        let saved = chrono::NaiveDate::from_ymd_opt(YEAR, 9, 24).unwrap_or_default();
        inbox.add_grids(&path, format, saved, vec![grid], facts);
        people += form.len();
        sent += 1;
    }
    Truth {
        units: sent,
        people,
        missing: SILENT.to_vec(),
        unordered: Vec::new(),
    }
}

/// The traps of a form: the 联络人's number, or the CSV file as a whole.
fn plant(inbox: &mut Inbox, path: &str, sheet: &str, unit: &str, liaison_row: u32, csv: bool) {
    let at = |what: &str, code, expected: &str| Trap {
        file: path.into(),
        sheet: Some(sheet.into()),
        cell: Some(format!("D{liaison_row}")),
        row: None,
        what: what.into(),
        code,
        expected: expected.into(),
    };
    let trap = match unit {
        "财政局" => at(
            "a landline with an area code and an extension (转8001)",
            None,
            "a valid office number",
        ),
        "文旅局" => at(
            "a six-digit number, too short for a landline",
            Some("P002"),
            "a warning at the cell; the person stays in 通讯录, marked",
        ),
        _ if csv => Trap {
            sheet: None,
            cell: None,
            ..at(
                "the form saved as a GBK CSV",
                None,
                "read as any other form",
            )
        },
        _ => return,
    };
    inbox.ledger.traps.push(trap);
}
