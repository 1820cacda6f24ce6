//! Writes the sample workspace `samples/tangyin-2022/` and its truth file
//! `tests/expected/tangyin-2022.json`: seed 000 (汤阴县 2022) — its units, Annex 1 as the
//! sections table, the year's targets — and the inbox of the first half of 2022, run for
//! the second quarter: sections left sleeping, units silent in some of their sections,
//! items under a section their unit does not answer for, 栏目 that are no section.
//!
//! Usage: `cargo run --example make_sample_tangyin -- [WORKSPACE] [TRUTH.json]`.
//! Deterministic: a fixed seed, fixed file dates, nothing that needs LibreOffice.

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]
// Shared with the other sample generators; not every writer or format is used here.
#[path = "sample_kit/calendar.rs"]
mod calendar;
#[allow(dead_code)]
#[path = "make_sample_daying/formats.rs"]
mod formats;
#[allow(dead_code)]
#[path = "make_sample_daying/grid.rs"]
mod grid;
#[allow(dead_code)]
#[path = "sample_kit/inbox.rs"]
mod inbox;
#[allow(dead_code)]
#[path = "sample_kit/ledger.rs"]
mod ledger;
#[allow(dead_code)]
#[path = "make_sample_daying/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "sample_kit/sheet.rs"]
mod sheet;
#[allow(dead_code)]
#[path = "sample_kit/titles.rs"]
mod titles;
#[allow(dead_code)]
#[path = "sample_kit/truth.rs"]
mod truth;
#[path = "sample_kit/workspace.rs"]
mod workspace;

#[path = "make_sample_tangyin/plan.rs"]
mod plan;
#[path = "make_sample_tangyin/reference.rs"]
mod reference;
#[path = "make_sample_tangyin/sections.rs"]
mod sections;
#[path = "make_sample_tangyin/submissions.rs"]
mod submissions;
#[path = "make_sample_tangyin/units.rs"]
mod units;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use inbox::Res;
use ledger::Trap;
use plan::{Maker, STOPS};
use sections::SectionRow;
use titles::{LinkMaker, TitleMaker};
use truth::{Model, Period, SectionInfo, UnitInfo};
use units::UnitSpec;

/// The one seed every random choice of the sample comes from.
const SEED: u64 = 20_220_623;

const PERIOD: Period = Period {
    label: "2022Q2",
    year: 2022,
    first: 4,
    last: 6,
};

const CONVENTIONS: [&str; 6] = [
    "Paths are workspace-relative with '/'; rows are 1-based sheet rows, cells are Excel addresses.",
    "The sheet of a CSV or HTML file is its file stem, as Excel names it when opening the file.",
    "Data rows are item rows; title lines, headers and notes are not data rows.",
    "A duplicate item row is accepted (rows_accepted) but counted once.",
    "A section's label is its levels joined by '/'; responsible units are canonical names; coverage counts items dated in the period, last updates every item up to its end.",
    "code is the problem code of src/problems.rs a correct run reports there; null means no problem beyond an info at most.",
];

/// The sections that must come out sleeping, and the units silent in some sections.
const SLEEPING: [&str; 5] = [
    "十方面实事",
    "网上调查",
    "散煤清零",
    "电子商务进农村",
    "优化营商环境",
];
const SILENT: [&str; 6] = [
    "政府办",
    "发改委",
    "公安局",
    "退役军人事务局",
    "市场监管局",
    "医疗保障局",
];

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "samples/tangyin-2022".into()));
    let truth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "tests/expected/tangyin-2022.json".into()),
    );
    let files = generate(&root, &truth)?;
    println!(
        "已生成 {}：{files} 个报送文件；真值写入 {}",
        root.display(),
        truth.display()
    );
    Ok(())
}

/// Writes the workspace under `root` and the truth file at `truth`; returns how many
/// inbox files there are.
fn generate(root: &Path, truth: &Path) -> Res<usize> {
    let units = units::all();
    check_units(&units)?;
    let rows = sections::all();
    let responsible = responsible(&rows, &units)?;
    let mut maker = Maker {
        rng: rng::Rng::new(SEED),
        titles: TitleMaker::default(),
        links: LinkMaker::new("http://www.tangyin.gov.cn/zwgk/xxgk", "html", 240_000),
    };
    let items = plan::plan(&units, &rows, &responsible, &mut maker)?;
    let ctx = submissions::Context {
        units: &units,
        rows: &rows,
        by_leaf: rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.leaf(), i))
            .collect(),
    };
    if ctx.by_leaf.len() != rows.len() {
        return Err("two sections share a name: a 栏目 would not name one section".into());
    }
    let mut inbox = submissions::build(&ctx, &items, &mut maker)?;
    inbox.ledger.traps.extend(reference::traps(&rows));
    inbox.ledger.traps.extend(coverage_traps(&rows, &units));

    let infos: Vec<SectionInfo> = rows
        .iter()
        .zip(&responsible)
        .enumerate()
        .map(|(i, (r, who))| SectionInfo {
            levels: r.levels.map(String::from),
            row: reference::FIRST_SECTION_ROW + i as u32,
            responsible: who.clone(),
            frequency: r.freq,
        })
        .collect();
    let unit_infos: Vec<UnitInfo> = units
        .iter()
        .map(|u| UnitInfo {
            name: u.name,
            category: u.category,
            target: u.target,
            pace: u.pace.label(),
        })
        .collect();
    let model = Model {
        about: "Written by examples/make_sample_tangyin.rs from its own model, never by zwgk. Figures follow \
                DESIGN.md; coverage follows the sections table read as printed, groups expanded by zwgk.toml.",
        workspace: "samples/tangyin-2022",
        conventions: &CONVENTIONS,
        period: PERIOD,
        units: &unit_infos,
        declared_total: Some(units.iter().filter_map(|u| u.target).sum()),
        sections: &infos,
        sections_at: (reference::SECTIONS_FILE, reference::SECTIONS_SHEET),
    };
    let json = truth::to_json(&inbox.ledger, &model)?;
    check_coverage(&json)?;

    workspace::clear(root)?;
    reference::write(root, &units, &rows)?;
    workspace::write_files(root, &inbox.files)?;
    workspace::write_truth(truth, &json)?;
    Ok(inbox.files.len())
}

/// The responsible units of every row, 26个试点领域涉及单位 expanded from the domain rows.
fn responsible(rows: &[SectionRow], units: &[UnitSpec]) -> Result<Vec<Vec<&'static str>>, String> {
    let mut domain_units: Vec<&'static str> = Vec::new();
    for r in rows.iter().filter(|r| r.domain) {
        domain_units.extend(sections::responsible(r.who, units, &[])?);
    }
    rows.iter()
        .map(|r| sections::responsible(r.who, units, &domain_units))
        .collect()
}

/// Where the planned silences and sleeping sections are reported.
fn coverage_traps(rows: &[SectionRow], units: &[UnitSpec]) -> Vec<Trap> {
    let row_of = |leaf: &str| {
        rows.iter()
            .position(|r| r.leaf() == leaf)
            .map(|i| reference::FIRST_SECTION_ROW + i as u32)
    };
    let at = |row: Option<u32>, what: String, code: &'static str, expected: &str| Trap {
        file: reference::SECTIONS_FILE.into(),
        sheet: Some(reference::SECTIONS_SHEET.into()),
        cell: None,
        row,
        what,
        code: Some(code),
        expected: expected.into(),
    };
    let mut out = Vec::new();
    let mut silent: Vec<&str> = Vec::new();
    for (unit, leaf, last) in STOPS {
        if SLEEPING.contains(&leaf) {
            let what = format!(
                "{unit}, the only unit for {leaf}, publishes nothing there after month {last}"
            );
            out.push(if last == 0 {
                at(
                    row_of(leaf),
                    what,
                    "S012",
                    "warning: the section was never updated",
                )
            } else {
                at(
                    row_of(leaf),
                    what,
                    "S011",
                    "warning: the section is overdue by its 更新频率",
                )
            });
        }
        // Silent where the section sleeps is the section's S011/S012; S010 notes only
        // a silence others made up for.
        if last < PERIOD.first && !SLEEPING.contains(&leaf) && !silent.contains(&unit) {
            silent.push(unit);
        }
    }
    out.push(at(
        row_of("优化营商环境"),
        "优化营商环境 has no responsible unit and no item".into(),
        "S012",
        "warning: never updated",
    ));
    silent.push("退役军人事务局");
    for unit in silent {
        out.push(at(
            None,
            format!("{unit} has no item this quarter in a section other units kept up"),
            "S010",
            "info naming the unit and those sections (see coverage.silent_units, less the sleeping)",
        ));
    }
    if let Some(cell) = reference::target_cell(units, "退役军人事务局") {
        out.push(Trap {
            file: reference::TARGETS_FILE.into(),
            sheet: Some(reference::TARGETS_SHEET.into()),
            cell: Some(cell),
            row: None,
            what: "退役军人事务局 sent nothing for the second quarter".into(),
            code: Some("C003"),
            expected: "warning at its target cell; listed among units without a submission".into(),
        });
    }
    out
}

/// Every alias names one unit, and every unit signs with a name that resolves to itself.
fn check_units(units: &[UnitSpec]) -> Result<(), String> {
    let mut seen = std::collections::HashMap::new();
    for u in units {
        for name in std::iter::once(&u.name).chain(u.aliases) {
            if let Some(other) = seen.insert(*name, u.name) {
                return Err(format!("{name} names both {other} and {}", u.name));
            }
        }
        if sections::find(u.signs, units)? != u.name {
            return Err(format!(
                "{} signs as {}, which is another unit",
                u.name, u.signs
            ));
        }
    }
    Ok(())
}

/// The plan must give exactly the sleeping sections and silent units it was built for.
fn check_coverage(json: &str) -> Res<()> {
    let truth: serde_json::Value = serde_json::from_str(json)?;
    let labels = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_string())
            .collect()
    };
    let sleeping = labels(&truth["coverage"]["sleeping"]);
    let want: BTreeSet<String> = SLEEPING.iter().map(|s| s.to_string()).collect();
    if sleeping != want {
        return Err(format!("sleeping sections {sleeping:?}, planned {want:?}").into());
    }
    let silent: BTreeSet<String> = truth["coverage"]["silent_units"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["unit"].as_str().map(String::from))
        .collect();
    let want: BTreeSet<String> = SILENT.iter().map(|s| s.to_string()).collect();
    if silent != want {
        return Err(format!("silent units {silent:?}, planned {want:?}").into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_sample_is_what_the_generator_writes() -> Res<()> {
        let tmp = tempfile::tempdir()?;
        let (ws, truth) = (tmp.path().join("ws"), tmp.path().join("truth.json"));
        generate(&ws, &truth)?;
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed = (
            repo.join("samples/tangyin-2022"),
            repo.join("tests/expected/tangyin-2022.json"),
        );
        let diff = workspace::differences((&ws, &truth), (&committed.0, &committed.1))?;
        assert!(
            diff.is_none(),
            "the committed sample is stale ({}): run scripts/make-samples and commit the result",
            diff.unwrap_or_default()
        );
        Ok(())
    }
}
