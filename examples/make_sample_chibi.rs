//! Writes the sample workspace `samples/chibi-2020/` and its truth file
//! `tests/expected/chibi-2020.json`: seed 002 (赤壁市 2020) — its 18 responsible units, the
//! 26-domain table of Annex 1 as reference/domains.xlsx, the year's targets — and the
//! inbox of October 2020: January–September counts and October items filed by domain.
//!
//! Usage: `cargo run --example make_sample_chibi -- [WORKSPACE] [TRUTH.json]`.
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

#[path = "make_sample_chibi/catalogues.rs"]
mod catalogues;
#[path = "make_sample_chibi/contacts.rs"]
mod contacts;
#[path = "make_sample_chibi/domains.rs"]
mod domains;
#[allow(dead_code)]
#[path = "sample_kit/forms.rs"]
mod forms;
#[path = "make_sample_chibi/matters.rs"]
mod matters;
#[path = "make_sample_chibi/plan.rs"]
mod plan;
#[path = "make_sample_chibi/reference.rs"]
mod reference;
#[path = "make_sample_chibi/submissions.rs"]
mod submissions;
#[path = "make_sample_chibi/units.rs"]
mod units;

use std::path::{Path, PathBuf};

use inbox::Res;
use ledger::Trap;
use plan::Maker;
use titles::{LinkMaker, TitleMaker};
use truth::{Freq, Model, Period, SectionInfo, UnitInfo};
use units::UnitSpec;

/// The one seed every random choice of the sample comes from.
const SEED: u64 = 20_200_917;

const PERIOD: Period = Period {
    label: "2020-10",
    year: 2020,
    first: 10,
    last: 10,
};

const CONVENTIONS: [&str; 6] = [
    "Paths are workspace-relative with '/'; rows are 1-based sheet rows, cells are Excel addresses.",
    "The sheet of a CSV or HTML file is its file stem, as Excel names it when opening the file.",
    "Data rows are item or count rows; title lines, headers and 合计 rows are not data rows.",
    "Each domain is a section labelled by its canonical name; row is the domain's row in reference/domains.xlsx (domains sharing a cell share a row).",
    "Annex 1 gives no 更新频率, so every domain is updated as needed: none sleeps and none expects an item.",
    "code is the problem code of src/problems.rs a correct run reports there; null means no problem beyond an info at most.",
];

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "samples/chibi-2020".into()));
    let truth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "tests/expected/chibi-2020.json".into()),
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
    check_model(&units)?;
    let mut maker = Maker {
        rng: rng::Rng::new(SEED),
        titles: TitleMaker::numbered_after(6),
        links: LinkMaker::new("http://www.chibi.gov.cn/xxgk/lygk", "shtml", 2_230_000),
    };
    let plans = plan::plan(&units, &mut maker)?;
    let mut inbox = submissions::build(&plans, &mut maker)?;
    if let Some(cell) = reference::target_cell(&units, "税务局") {
        inbox.ledger.traps.push(Trap {
            file: reference::TARGETS_FILE.into(),
            sheet: Some(reference::TARGETS_SHEET.into()),
            cell: Some(cell),
            row: None,
            what: "税务局 sent counts for January–September and nothing for October".into(),
            code: Some("C003"),
            expected: "warning at its target cell; listed among units without a submission".into(),
        });
    }
    let rows = reference::domain_rows();
    let sections: Vec<SectionInfo> = domains::CANONICAL
        .iter()
        .enumerate()
        .map(|(i, _)| SectionInfo {
            levels: [domains::written(i), String::new(), String::new()],
            row: rows[i],
            responsible: domains::unit_of(i).into_iter().collect(),
            frequency: Freq::AsNeeded,
        })
        .collect();
    let unit_infos: Vec<UnitInfo> = units
        .iter()
        .map(|u| UnitInfo {
            name: u.name,
            category: u.category,
            target: Some(u.target),
            pace: u.pace.label(),
        })
        .collect();
    let model = Model {
        about: "Written by examples/make_sample_chibi.rs from its own model, never by zwgk. Figures follow \
                DESIGN.md: counts for January–September, items for October.",
        workspace: "samples/chibi-2020",
        conventions: &CONVENTIONS,
        period: PERIOD,
        units: &unit_infos,
        declared_total: Some(units.iter().map(|u| u.target).sum()),
        sections: &sections,
        sections_at: (reference::DOMAINS_FILE, reference::DOMAINS_SHEET),
    };
    let catalogues = catalogues::add(&mut inbox, &units);
    let contacts = contacts::add(&mut inbox, &units);
    let json = truth::to_json(&inbox.ledger, &model)?;
    let json = forms::append_json(&json, "catalogues", &catalogues)?;
    let json = forms::append_json(&json, "contacts", &contacts)?;

    workspace::clear(root)?;
    reference::write(root, &units)?;
    workspace::write_files(root, &inbox.files)?;
    workspace::write_truth(truth, &json)?;
    Ok(inbox.files.len())
}

/// Annex 1 has 18 units for 26 domains, each domain once; every alias names one unit.
fn check_model(units: &[UnitSpec]) -> Result<(), String> {
    let mut seen = std::collections::HashMap::new();
    for u in units {
        for name in std::iter::once(&u.name).chain(u.aliases) {
            if let Some(other) = seen.insert(*name, u.name) {
                return Err(format!("{name} names both {other} and {}", u.name));
            }
        }
    }
    let mut domains: Vec<usize> = domains::GROUPS
        .iter()
        .flat_map(|g| g.domains.iter().copied())
        .collect();
    domains.sort_unstable();
    let units_named = domains::GROUPS
        .iter()
        .all(|g| units.iter().any(|u| u.name == g.unit));
    if units.len() != 18 || domains != (0..26).collect::<Vec<_>>() || !units_named {
        return Err("Annex 1 maps 26 domains, each once, to 18 units of the units table".into());
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
            repo.join("samples/chibi-2020"),
            repo.join("tests/expected/chibi-2020.json"),
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
