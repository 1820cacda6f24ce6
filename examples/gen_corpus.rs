//! Writes a synthetic workspace at any scale, for benchmarks: the units of one county
//! or of many, their targets and sections, and an inbox with the format mix of a real
//! one (about 60% xlsx, 15% GBK CSV, 10% UTF-8 CSV with a BOM, 15% UTF-8 CSV), about
//! 1 row in 5 naming its unit by an alias and about 1 in 100 repeating an item.
//!
//! Usage: `cargo run --release --example gen_corpus -- --units U --files F --rows R
//! [--seed S] [--period 2025|2025-11] --out DIR`. The same arguments give the same bytes.

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]
#[path = "gen_corpus/files.rs"]
mod files;
#[path = "gen_corpus/inbox.rs"]
mod inbox;
#[path = "gen_corpus/reference.rs"]
mod reference;
#[path = "make_sample_daying/rng.rs"]
mod rng;
#[path = "gen_corpus/titles.rs"]
mod titles;
#[path = "gen_corpus/units.rs"]
mod units;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;

use files::Res;
use inbox::{FilePlan, ItemMaker, Period, Tally};
use rng::Rng;

/// The file at the workspace root that says what was generated.
const SUMMARY: &str = "corpus.json";

/// The command line: the scale, the seed, the period and where to write.
#[derive(Debug, Clone)]
struct Args {
    units: usize,
    files: usize,
    rows: usize,
    seed: u64,
    period: Period,
    out: PathBuf,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self, String> {
        let (mut units, mut files, mut rows, mut out) = (None, None, None, None);
        let (mut seed, mut period) = (1, Period::parse("2025")?);
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(format!("{flag} needs a value"))?;
            let number = || value.replace('_', "").parse::<usize>();
            let bad = |_| format!("{flag}: not a number: {value}");
            match flag.as_str() {
                "--units" => units = Some(number().map_err(bad)?),
                "--files" => files = Some(number().map_err(bad)?),
                "--rows" => rows = Some(number().map_err(bad)?),
                "--seed" => seed = number().map_err(bad)? as u64,
                "--period" => period = Period::parse(&value)?,
                "--out" => out = Some(PathBuf::from(value)),
                _ => return Err(format!("unknown flag {flag}")),
            }
        }
        let need =
            "usage: gen_corpus --units U --files F --rows R [--seed S] [--period P] --out DIR";
        let args = Self {
            units: units.ok_or(need)?,
            files: files.ok_or(need)?,
            rows: rows.ok_or(need)?,
            seed,
            period,
            out: out.ok_or(need)?,
        };
        if args.units == 0 || args.files < args.units {
            return Err("need at least one unit and at least one file per unit".into());
        }
        Ok(args)
    }
}

/// What was generated, written to corpus.json for the benchmark and the tests.
#[derive(Debug, Clone, Serialize, PartialEq)]
struct Summary {
    seed: u64,
    period: String,
    area: String,
    units: usize,
    files: usize,
    rows: usize,
    /// Rows whose 单位 cell holds an alias.
    alias_rows: usize,
    /// Rows that repeat an item the unit sent before.
    duplicates: usize,
    /// Files per format.
    formats: BTreeMap<&'static str, usize>,
    targets_total: u64,
}

fn main() -> ExitCode {
    let generated = Args::parse(std::env::args().skip(1))
        .map_err(Into::into)
        .and_then(|args| generate(&args));
    match generated {
        Ok(s) => {
            println!(
                "gen_corpus: {} units, {} files, {} rows ({} alias, {} duplicate) for {}",
                s.units, s.files, s.rows, s.alias_rows, s.duplicates, s.period
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

/// Writes the workspace `args.out` describes and returns its summary.
fn generate(args: &Args) -> Res<Summary> {
    let mut rng = Rng::new(args.seed);
    let area = units::area(args.units, &mut rng)?;
    let plans = inbox::plan(
        &area.units,
        &area.counties,
        args.files,
        args.rows,
        args.period,
        &mut rng,
    );
    let targets = targets(&plans, args, &mut rng);
    clear(&args.out)?;
    reference::write(&args.out, &area, &targets, args.period)?;
    let tallies: Vec<Tally> = (0..area.units.len())
        .into_par_iter()
        .map(|u| write_unit(args, &area.units[u], u, &plans))
        .collect::<Res<_>>()?;
    let mut formats = BTreeMap::new();
    for plan in &plans {
        *formats.entry(plan.format.label()).or_default() += 1;
    }
    let summary = Summary {
        seed: args.seed,
        period: args.period.label(),
        area: area.name,
        units: args.units,
        files: args.files,
        rows: tallies.iter().map(|t| t.rows).sum(),
        alias_rows: tallies.iter().map(|t| t.aliases).sum(),
        duplicates: tallies.iter().map(|t| t.duplicates).sum(),
        formats,
        targets_total: targets.iter().map(|&t| u64::from(t)).sum(),
    };
    std::fs::write(
        args.out.join(SUMMARY),
        serde_json::to_string_pretty(&summary)? + "\n",
    )?;
    Ok(summary)
}

/// Every file of unit `u`, in plan order, from the unit's own random sequence (so the
/// units can be written in parallel and still give the same bytes).
fn write_unit(args: &Args, unit: &units::UnitSpec, u: usize, plans: &[FilePlan]) -> Res<Tally> {
    let stream = args.seed ^ (u as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407);
    let mut maker = ItemMaker::new(unit, u + 1, args.period.year, Rng::new(stream));
    for plan in plans.iter().filter(|p| p.unit == u) {
        let rows = maker.rows(plan);
        files::write(
            &args.out,
            plan,
            &unit.name,
            args.period.year,
            &rows,
            maker.rng(),
        )?;
    }
    Ok(maker.tally)
}

/// Annual targets near what each unit sends (a month's rows count twelve times),
/// rounded to tens as offices set them.
fn targets(plans: &[FilePlan], args: &Args, rng: &mut Rng) -> Vec<u32> {
    let mut rows = vec![0usize; args.units];
    for plan in plans {
        rows[plan.unit] += plan.rows;
    }
    let months = if args.period.month.is_some() { 12 } else { 1 };
    rows.iter()
        .map(|&n| {
            let annual = (n * months) as f64 * rng.fraction(0.85, 1.15);
            ((annual / 10.0).round() as u32 * 10).max(10)
        })
        .collect()
}

/// Removes what an earlier run of the generator wrote, and the run outputs made from it.
fn clear(root: &Path) -> Res<()> {
    for part in ["inbox", "reference", "out", "zwgk.toml", SUMMARY] {
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
    use std::collections::BTreeMap;

    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

    fn args(out: &Path, seed: u64, period: &str) -> Args {
        Args {
            units: 12,
            files: 20,
            rows: 900,
            seed,
            period: Period::parse(period).unwrap(),
            out: out.to_path_buf(),
        }
    }

    /// Every file under `root` with its bytes, by relative path.
    fn contents(root: &Path) -> Res<BTreeMap<String, Vec<u8>>> {
        let mut found = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path
                        .strip_prefix(root)?
                        .to_string_lossy()
                        .replace('\\', "/");
                    found.insert(rel, std::fs::read(&path)?);
                }
            }
        }
        Ok(found)
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_does_not() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (a, b, c) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("c"),
        );
        generate(&args(&a, 7, "2025"))?;
        generate(&args(&b, 7, "2025"))?;
        generate(&args(&c, 8, "2025"))?;
        let (a, b, c) = (contents(&a)?, contents(&b)?, contents(&c)?);
        assert_eq!(a.len(), 20 + 5);
        assert!(a == b, "two runs with seed 7 differ");
        assert!(a != c, "seeds 7 and 8 gave the same corpus");
        Ok(())
    }

    #[test]
    fn the_scale_and_the_mix_are_what_was_asked() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut big = args(dir.path(), 3, "2025");
        (big.units, big.files, big.rows) = (200, 400, 20_000);
        let s = generate(&big)?;
        assert_eq!((s.units, s.files, s.rows), (200, 400, 20_000));
        let share = |label: &str| s.formats.get(label).copied().unwrap_or(0) * 100 / s.files;
        assert_eq!(
            (
                share("xlsx"),
                share("csv_gbk"),
                share("csv_utf8_bom"),
                share("csv_utf8")
            ),
            (60, 15, 10, 15)
        );
        let (alias, dup) = (s.alias_rows * 1000 / s.rows, s.duplicates * 1000 / s.rows);
        assert!((170..=230).contains(&alias), "alias rows: {alias}‰");
        assert!((7..=13).contains(&dup), "duplicate rows: {dup}‰");
        let units = std::fs::read(dir.path().join("reference/units.xlsx"))?;
        assert!(!units.is_empty());
        Ok(())
    }

    /// The corpus is what it claims only if zwgk reads it so: every row read and
    /// accepted, every alias resolved, exactly the planted copies found as duplicates.
    #[test]
    fn zwgk_reads_every_row_and_finds_exactly_the_planted_duplicates() -> TestResult {
        for period in ["2025", "2025-11"] {
            let dir = tempfile::tempdir()?;
            let s = generate(&args(dir.path(), 11, period))?;
            let config = zwgk::config::Config::load(dir.path())?;
            let period = zwgk::model::Period::parse(period)?;
            let outcome = zwgk::pipeline::run(dir.path(), &config, period, &|_, _| {})?;
            let t = &outcome.totals;
            assert_eq!((t.files, t.rows_read, t.rows_rejected), (20, 900, 0));
            assert_eq!(t.duplicates, s.duplicates);
            assert_eq!(t.items, 900 - s.duplicates);
            let errors: Vec<_> = outcome
                .problems
                .iter()
                .filter(|p| p.severity == zwgk::problems::Severity::Error)
                .map(|p| format!("{} {}", p.code.id(), p.message))
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
            assert_eq!(outcome.targets.units, 12);
            assert_eq!(outcome.targets.sum_of_rows as u64, s.targets_total);
        }
        Ok(())
    }
}
