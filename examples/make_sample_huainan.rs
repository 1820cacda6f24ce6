//! Writes the sample workspace `samples/huainan-2021/` and its truth file
//! `tests/expected/huainan-2021.json`: seed 003 (淮南市 2021年政务公开自评表) as the
//! indicator table — six categories weighted 18/30/12/15/10/15 % and their 21 items —
//! used by the city to assess its eight 县区: 本办's score sheet, three departments'
//! sheets for the items they score, the 县区' self-evaluations with evidence links, and
//! the 复核 decisions after publicity on 2021-12-30 (the deadline crosses 元旦).
//!
//! Usage: `cargo run --example make_sample_huainan -- [WORKSPACE] [TRUTH.json]`.
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

#[path = "make_sample_huainan/seed.rs"]
mod seed;
#[path = "make_sample_huainan/sheets.rs"]
mod sheets;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use inbox::Res;
use model::{AppealPlan, Given, Ind, Kind, Obj, Plan};
use truth::Trap;

/// The one seed every random choice of the sample comes from.
const SEED: u64 = 20_211_220;

/// The eight 县区 of 淮南市 the city assesses, and their site prefixes (invented).
pub const COUNTIES: [(&str, &str); 8] = [
    ("田家庵区", "tja"),
    ("大通区", "dtq"),
    ("谢家集区", "xjj"),
    ("八公山区", "bgs"),
    ("潘集区", "pjq"),
    ("凤台县", "ftx"),
    ("寿县", "sx"),
    ("毛集实验区", "mjq"),
];

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "samples/huainan-2021".into()));
    let truth = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "tests/expected/huainan-2021.json".into()),
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

/// The indicators of seed 003 in table order, and each one's place in it.
pub fn indicators() -> Vec<(Ind, &'static seed::Category, &'static seed::Item)> {
    seed::CATEGORIES
        .iter()
        .flat_map(|c| {
            c.items.iter().map(move |item| {
                let ind = Ind {
                    path: vec![c.name.to_string(), item.name.to_string()],
                    points: f64::from(item.weight),
                    deduction: false,
                    applies: Vec::new(),
                    computed: false,
                };
                (ind, c, item)
            })
        })
        .collect()
}

/// Writes the workspace under `root` and the truth at `truth`; returns the inbox size.
fn generate(root: &Path, truth: &Path) -> Res<usize> {
    let table = indicators();
    let mut plan = Plan {
        indicators: table.iter().map(|t| t.0.clone()).collect(),
        objects: COUNTIES
            .iter()
            .map(|(unit, _)| Obj {
                unit,
                category: "县区",
            })
            .collect(),
        // The seed defines no 等次.
        grades: Vec::new(),
        weight: Some(4.0),
        city_factor: 2.0,
        ..Plan::default()
    };
    let mut rng = rng::Rng::new(SEED);
    plan.given = sheets::plan_scores(&plan, &mut rng);
    let mut traps = Vec::new();
    let files = sheets::inbox(&mut plan, &mut traps)?;
    let publicity = date(2021, 12, 30);
    let deadline = truth::deadline(publicity, 3);
    appeals(&mut plan, &mut traps, deadline);
    let about = truth::About {
        about: "Written by examples/make_sample_huainan.rs from its own model, never by zwgk: \
                seed 003's indicators and weights; the units, scores and traps are the sample's.",
        workspace: "samples/huainan-2021",
        year: 2021,
        publicity: Some(publicity),
        deadline: Some(deadline),
        sheets: (4, 7, 1),
        traps: &traps,
    };
    let json = truth::to_json(&plan, &about)?;
    workspace::clear(root)?;
    sheets::reference(root, &plan)?;
    workspace::write_files(root, &files)?;
    workspace::write_truth(truth, &json)?;
    Ok(files.len())
}

/// Two 复核 decisions: 大通区's 回应关切 (its score was out of range) decided on the
/// deadline day, and 田家庵区's one a day late.
fn appeals(plan: &mut Plan, traps: &mut Vec<Trap>, deadline: NaiveDate) {
    let find = |name: &str| plan.indicators.iter().position(|i| i.path[1] == name);
    let (Some(respond), Some(planning)) = (find("回应关切"), find("规划信息公开")) else {
        return;
    };
    plan.appeals = vec![
        AppealPlan {
            unit: "大通区",
            ind: respond,
            score: 4.5,
            in_time: true,
        },
        AppealPlan {
            unit: "田家庵区",
            ind: planning,
            score: 3.0,
            in_time: false,
        },
    ];
    traps.push(Trap::new(
        sheets::APPEALS,
        "Sheet1",
        Some("C3".into()),
        &format!("田家庵区 applied for 复核 on the day after the deadline {deadline}"),
        "A020",
    ));
}

/// A value of the plan for `unit` and indicator `ind`, of `kind`.
pub fn given(unit: &'static str, ind: usize, value: f64, kind: Kind, counts: bool) -> Given {
    Given {
        unit,
        ind,
        value,
        kind,
        counts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_seed_003_exactly() {
        let table = indicators();
        assert_eq!(table.len(), 21);
        let weights: Vec<u32> = seed::CATEGORIES.iter().map(|c| c.weight).collect();
        assert_eq!(weights, [18, 30, 12, 15, 10, 15]);
        for c in &seed::CATEGORIES {
            let sum: u32 = c.items.iter().map(|i| i.weight).sum();
            assert_eq!(sum, c.weight, "{}", c.name);
        }
    }

    #[test]
    fn the_deadline_crosses_new_year() {
        assert_eq!(truth::deadline(date(2021, 12, 30), 3), date(2022, 1, 5));
    }

    #[test]
    fn committed_sample_is_what_the_generator_writes() -> Res<()> {
        let tmp = tempfile::tempdir()?;
        let (ws, truth) = (tmp.path().join("ws"), tmp.path().join("truth.json"));
        generate(&ws, &truth)?;
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let committed = (
            repo.join("samples/huainan-2021"),
            repo.join("tests/expected/huainan-2021.json"),
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
