//! Writes the bundled sample workspace `samples/daying-2018/` and its truth file
//! `tests/expected/daying-2018.json`: the reference tables of seed 001 (大英县 2018)
//! and the January–April submissions of its 64 units, traps included.
//!
//! Usage: `cargo run --example make_sample_daying -- [WORKSPACE] [TRUTH.json]`.
//! Deterministic: a fixed seed and fixed file dates. Formats Rust cannot write (BIFF
//! .xls, .ods, the encrypted .xlsx) are staged in WORKSPACE/.pending/ with a job list
//! for `scripts/make-samples`, which runs LibreOffice and msoffcrypto-tool.

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]
// Its `deadline`: seed 001 sets no time limit for 复核, so this sample has none.
#[allow(dead_code)]
#[path = "assess_kit/truth.rs"]
mod assess_truth;
#[path = "make_sample_daying/assessment.rs"]
mod assessment;
#[allow(dead_code)]
#[path = "sample_kit/calendar.rs"]
mod calendar;
#[path = "make_sample_daying/contacts.rs"]
mod contacts;
#[path = "make_sample_daying/counts.rs"]
mod counts;
#[path = "make_sample_daying/extras.rs"]
mod extras;
#[path = "make_sample_daying/formats.rs"]
mod formats;
#[allow(dead_code)]
#[path = "sample_kit/forms.rs"]
mod forms;
#[path = "make_sample_daying/grid.rs"]
mod grid;
#[path = "make_sample_daying/inbox.rs"]
mod inbox;
#[path = "assess_kit/model.rs"]
mod model;
#[path = "make_sample_daying/plan.rs"]
mod plan;
#[path = "make_sample_daying/reference.rs"]
mod reference;
#[path = "make_sample_daying/rng.rs"]
mod rng;
#[path = "make_sample_daying/sections.rs"]
mod sections;
#[path = "make_sample_daying/sheets.rs"]
mod sheets;
#[allow(dead_code)]
#[path = "assess_kit/tables.rs"]
mod tables;
#[path = "make_sample_daying/titles.rs"]
mod titles;
#[path = "make_sample_daying/traps.rs"]
mod traps;
#[path = "make_sample_daying/truth.rs"]
mod truth;
#[path = "make_sample_daying/units.rs"]
mod units;

use std::path::{Path, PathBuf};

use inbox::{Inbox, Res};
use plan::{LinkMaker, UnitPlan};
use titles::TitleMaker;
use units::UnitSpec;

/// The one seed every random choice of the sample comes from.
const SEED: u64 = 20_180_419;

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "samples/daying-2018".into()));
    let truth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "tests/expected/daying-2018.json".into()),
    );
    let (files, jobs) = generate(&root, &truth)?;
    println!(
        "已生成 {}：{files} 个报送文件，其中 {jobs} 个待转换（见 .pending/jobs.tsv）；真值写入 {}",
        root.display(),
        truth.display()
    );
    Ok(())
}

/// Writes the workspace under `root` and the truth file at `truth`; returns how
/// many inbox files there are and how many still await a conversion.
fn generate(root: &Path, truth: &Path) -> Res<(usize, usize)> {
    let units = units::all();
    check_model(&units)?;
    let mut rng = rng::Rng::new(SEED);
    let mut titles = TitleMaker::new();
    let mut links = LinkMaker::new();
    let mut plans = plan::plan(&units, &mut rng, &mut titles, &mut links)?;
    report_late(&mut plans, "交运局", 2);

    let mut inbox = Inbox::new(rng, &mut titles, &mut links);
    build_inbox(&mut inbox, &plans, &units)?;
    let contacts = contacts::add(&mut inbox, &units);
    let seen = inbox.ledger.units_seen();
    if let Some(u) = units
        .iter()
        .find(|u| seen.contains(u.name) == (u.pace == units::Pace::Silent))
    {
        return Err(format!(
            "{} should have sent something if and only if its pace says so",
            u.name
        )
        .into());
    }
    let year = inbox.ledger.year_items()?;
    let assessed = assessment::add(&mut inbox, &units, &year)?;

    clear(root)?;
    reference::write(root, &units)?;
    assessment::write_table(root)?;
    let mut jobs = Vec::new();
    for sub in &inbox.files {
        formats::write(root, sub, &mut jobs)?;
    }
    if !jobs.is_empty() {
        std::fs::write(root.join(".pending/jobs.tsv"), jobs.join("\n") + "\n")?;
    }
    if let Some(dir) = truth.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = inbox.ledger.to_json(&units)?;
    std::fs::write(truth, forms::append_json(&json, "contacts", &contacts)?)?;
    std::fs::write(assessment_truth(truth), assessed)?;
    Ok((inbox.files.len(), jobs.len()))
}

/// The assessment's truth file beside the run's: `daying-2018-assessment.json`.
fn assessment_truth(truth: &Path) -> PathBuf {
    let stem = truth
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    truth.with_file_name(format!("{stem}-assessment.json"))
}

fn build_inbox(inbox: &mut Inbox, plans: &[UnitPlan], units: &[UnitSpec]) -> Res<()> {
    let find = |name: &str| {
        units
            .iter()
            .find(|u| u.name == name)
            .ok_or(format!("no unit {name}"))
    };
    for plan in plans {
        inbox.unit(plan, plans)?;
    }
    inbox.vertical_summary(plans)?;
    inbox.police(plans)?;
    inbox.supply_coop(plans)?;
    inbox.farm_office_counts();
    inbox.unknown_unit()?;
    inbox.name_and_cells_disagree(find("林业局")?)?;
    inbox.no_unit_anywhere()?;
    inbox.encrypted_resend(find("审计局")?)?;
    inbox.dropped_twice(
        "inbox/财政局-2018年2月.xlsx",
        "inbox/财政局-2018年2月(1).xlsx",
    )?;
    inbox.system_files()?;
    Ok(())
}

/// Moves the last `n` March items of `unit` into its April file: reported late.
fn report_late(plans: &mut [UnitPlan], unit: &str, n: usize) {
    if let Some(plan) = plans.iter_mut().find(|p| p.unit.name == unit) {
        let keep = plan.files[2].len().saturating_sub(n);
        let late: Vec<_> = plan.files[2].drain(keep..).collect();
        plan.files[3].splice(0..0, late);
    }
}

/// The model must match seed 001 before anything is written.
fn check_model(units: &[UnitSpec]) -> Result<(), String> {
    let sum: u32 = units.iter().map(|u| u.target).sum();
    if units.len() != 64 || sum != units::DECLARED_TOTAL {
        return Err(format!(
            "Annex 1 has 64 units summing to 12360, the model has {} summing to {sum}",
            units.len()
        ));
    }
    let mut seen = std::collections::HashMap::new();
    for u in units {
        for name in std::iter::once(&u.name).chain(u.aliases) {
            if let Some(other) = seen.insert(*name, u.name) {
                return Err(format!("{name} names both {other} and {}", u.name));
            }
        }
    }
    Ok(())
}

/// Removes what an earlier run wrote, keeping anything else in the folder.
fn clear(root: &Path) -> Res<()> {
    for part in reference::OWNED {
        let path = root.join(part);
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else if path.exists() {
            std::fs::remove_file(&path)?;
        }
    }
    std::fs::create_dir_all(root)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::fs;

    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// Every file under `dir`, relative with '/', leaving out `.pending/` and `out/`.
    fn files_under(dir: &Path) -> Res<BTreeSet<String>> {
        let mut found = BTreeSet::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d)? {
                let path = entry?.path();
                let rel = path.strip_prefix(dir)?.to_string_lossy().replace('\\', "/");
                if rel == ".pending" || rel == "out" {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.insert(rel);
                }
            }
        }
        Ok(found)
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// A converted file must be what its job asked for: BIFF, ODS or an encrypted package.
    fn check_converted(kind: &str, bytes: &[u8], target: &str) {
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        match kind {
            "xls" => assert!(
                ole && !contains(bytes, &encrypted),
                "{target} is not a plain BIFF .xls"
            ),
            "ods" => assert!(
                contains(bytes, b"application/vnd.oasis.opendocument.spreadsheet"),
                "{target} is not an .ods"
            ),
            _ => assert!(
                ole && contains(bytes, &encrypted),
                "{target} is not an encrypted package"
            ),
        }
    }

    #[test]
    fn committed_sample_is_what_the_generator_writes() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let (ws, truth) = (tmp.path().join("ws"), tmp.path().join("truth.json"));
        generate(&ws, &truth)?;
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed = repo.join("samples/daying-2018");
        let stale = "the committed sample is stale: run scripts/make-samples and commit the result";
        // A checkout may have turned the JSON's line ends into CRLF.
        let committed_truth = fs::read_to_string(repo.join("tests/expected/daying-2018.json"))?;
        assert!(
            fs::read_to_string(&truth)? == committed_truth.replace("\r\n", "\n"),
            "truth file differs; {stale}"
        );
        let committed_assessment =
            fs::read_to_string(repo.join("tests/expected/daying-2018-assessment.json"))?;
        assert!(
            fs::read_to_string(assessment_truth(&truth))?
                == committed_assessment.replace("\r\n", "\n"),
            "assessment truth file differs; {stale}"
        );
        let mut expected = files_under(&ws)?;
        for rel in &expected {
            assert!(
                fs::read(ws.join(rel))? == fs::read(committed.join(rel))?,
                "{rel} differs; {stale}"
            );
        }
        for job in fs::read_to_string(ws.join(".pending/jobs.tsv"))?.lines() {
            let [kind, _, target] = job.split('\t').collect::<Vec<_>>()[..] else {
                return Err(format!("bad job line {job}").into());
            };
            check_converted(kind, &fs::read(committed.join(target))?, target);
            expected.insert(target.to_string());
        }
        assert_eq!(files_under(&committed)?, expected, "{stale}");
        Ok(())
    }
}
