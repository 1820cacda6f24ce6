//! Writes the sample workspace `samples/taijiang-2021/` and its truth file
//! `tests/expected/taijiang-2021.json`: seed 004 (臺江縣 2021 政務公開工作評估方案) — its
//! 40 evaluation objects in four categories, 共性 indicators for all and 个性 ones per
//! category, the notice's traditional characters with inline pinyin (`鄉(xiāng)鎮(zhèn)`) in
//! the indicator table, 本办's score sheets and the objects' self-checks (自查自评), the
//! results published on 2021-12-28 with 3 working days to apply for 复核.
//!
//! Usage: `cargo run --example make_sample_taijiang -- [WORKSPACE] [TRUTH.json]`.
//! Deterministic: a fixed seed, fixed file dates, nothing that needs LibreOffice.

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]

#[allow(dead_code)]
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
#[path = "assess_kit/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "make_sample_daying/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "sample_kit/sheet.rs"]
mod sheet;
#[allow(dead_code)]
#[path = "assess_kit/tables.rs"]
mod tables;
#[allow(dead_code)]
#[path = "assess_kit/truth.rs"]
mod truth;
#[path = "sample_kit/workspace.rs"]
mod workspace;

#[path = "make_sample_taijiang/seed.rs"]
mod seed;
#[path = "make_sample_taijiang/sheets.rs"]
mod sheets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use inbox::Res;
use model::{Ind, Obj, Plan};

/// The one seed every random choice of the sample comes from.
const SEED: u64 = 20_210_906;

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "samples/taijiang-2021".into()),
    );
    let truth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "tests/expected/taijiang-2021.json".into()),
    );
    let files = generate(&root, &truth)?;
    println!(
        "已生成 {}：{files} 个报送文件；真值写入 {}",
        root.display(),
        truth.display()
    );
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The sample's indicators in table order.
fn indicators() -> Vec<Ind> {
    seed::ITEMS
        .iter()
        .map(|item| {
            let mut path = vec![item.group.1.to_string()];
            path.extend(item.name.map(|n| n.1.to_string()));
            Ind {
                path,
                points: f64::from(item.points),
                deduction: false,
                applies: item.applies.to_vec(),
                computed: false,
            }
        })
        .collect()
}

/// Writes the workspace under `root` and the truth at `truth`; returns the inbox size.
fn generate(root: &Path, truth: &Path) -> Res<usize> {
    let mut plan = Plan {
        indicators: indicators(),
        objects: seed::OBJECTS
            .iter()
            .map(|(unit, category)| Obj { unit, category })
            .collect(),
        // The seed defines no 等次.
        grades: Vec::new(),
        weight: Some(4.0),
        city_factor: 2.0,
        ..Plan::default()
    };
    let mut rng = rng::Rng::new(SEED);
    sheets::plan_scores(&mut plan, &mut rng);
    let mut traps = Vec::new();
    let files = sheets::inbox(&mut plan, &mut traps)?;
    let publicity = date(2021, 12, 28);
    let deadline = truth::deadline(publicity, 3);
    sheets::appeals_plan(&mut plan, &mut traps);
    let about = truth::About {
        about: "Written by examples/make_sample_taijiang.rs from its own model, never by zwgk: \
                seed 004's 40 objects and indicator groups; points, items, scores and traps are the sample's.",
        workspace: "samples/taijiang-2021",
        year: 2021,
        publicity: Some(publicity),
        deadline: Some(deadline),
        sheets: (4, 3, 1),
        traps: &traps,
    };
    let json = truth::to_json(&plan, &about)?;
    workspace::clear(root)?;
    sheets::reference(root)?;
    workspace::write_files(root, &files)?;
    workspace::write_truth(truth, &json)?;
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_objects_are_seed_004s_forty_in_four_categories() {
        let count = |c: &str| seed::OBJECTS.iter().filter(|o| o.1 == c).count();
        assert_eq!(
            [
                count("开发区"),
                count("乡镇"),
                count("县直"),
                count("垂直管理")
            ],
            [1, 9, 28, 2]
        );
    }

    #[test]
    fn every_category_adds_up_to_100() {
        let plan = Plan {
            indicators: indicators(),
            objects: seed::OBJECTS
                .iter()
                .map(|(unit, category)| Obj { unit, category })
                .collect(),
            ..Plan::default()
        };
        for (category, total) in plan.by_category() {
            assert_eq!(total, 100.0, "{category}");
        }
    }

    #[test]
    fn committed_sample_is_what_the_generator_writes() -> Res<()> {
        let tmp = tempfile::tempdir()?;
        let (ws, truth) = (tmp.path().join("ws"), tmp.path().join("truth.json"));
        generate(&ws, &truth)?;
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed = (
            repo.join("samples/taijiang-2021"),
            repo.join("tests/expected/taijiang-2021.json"),
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
