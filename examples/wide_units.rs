//! A copy of a workspace whose units table is N units longer: the stress case of a huge
//! reference table (issue 19: "a reference table of 300,000 rows"). The workspace's own
//! units stay first, as written; after them come N generated 乡镇 and 部门 of many
//! counties, each with its aliases (青山县民政局, alias 青山民政局), from the benchmark
//! corpus's name tables. The inbox, the other reference tables and zwgk.toml are copied
//! unchanged, so the copy's problems are the original's, over a far larger table.
//! `--misspelt K` adds K sections to sections.csv, each kept by a misspelt unit
//! (青山县民政厅 for 青山县民政局): K unknown names, each with the closest units suggested.
//!
//! Usage: `cargo run --example wide_units -- --from samples/daying-2018 --units 300000
//! [--misspelt K] [--seed S] --out DIR`; then `zwgk check -w DIR --period 2018-04`. `scripts/bench-units`
//! times that.

// A program, not a library: `pub` only shares an item between its own files.
#![allow(unreachable_pub)]
// Shared with the corpus generator, which uses more of them.
#[allow(dead_code)]
#[path = "make_sample_daying/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "gen_corpus/units.rs"]
mod units;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The units table inside a workspace.
const UNITS: &str = "reference/units.xlsx";

struct Args {
    from: PathBuf,
    units: usize,
    misspelt: usize,
    seed: u64,
    out: PathBuf,
}

fn parse(mut args: impl Iterator<Item = String>) -> Res<Args> {
    let (mut from, mut units, mut out, mut seed, mut misspelt) = (None, None, None, 1, 0);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--from" => from = Some(PathBuf::from(value)),
            "--units" => units = Some(value.replace('_', "").parse()?),
            "--misspelt" => misspelt = value.replace('_', "").parse()?,
            "--seed" => seed = value.parse()?,
            "--out" => out = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}").into()),
        }
    }
    let need = "usage: wide_units --from WORKSPACE --units N [--misspelt K] [--seed S] --out DIR";
    Ok(Args {
        from: from.ok_or(need)?,
        units: units.ok_or(need)?,
        misspelt,
        seed,
        out: out.ok_or(need)?,
    })
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(|a| widen(&a).map(|rows| (a, rows))) {
        Ok((a, rows)) => {
            println!("wide_units: {} with {rows} units", a.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wide_units: {e}");
            ExitCode::from(2)
        }
    }
}

/// Copies the workspace and lengthens its units table; returns the table's unit rows.
fn widen(args: &Args) -> Res<usize> {
    if args.out.exists() {
        std::fs::remove_dir_all(&args.out)?;
    }
    copy_dir(&args.from, &args.out, true)?;
    let mut rows = read_rows(&args.from.join(UNITS))?;
    let area = units::area(args.units, &mut rng::Rng::new(args.seed))?;
    rows.extend(
        area.units
            .iter()
            .map(|u| [u.name.clone(), u.aliases.join("、"), u.category.to_string()]),
    );
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            ws.write_string(r as u32, c as u16, text)?;
        }
    }
    wb.save(args.out.join(UNITS))?;
    misspell(&args.out, &area.units, args.misspelt)?;
    Ok(rows.len() - 1)
}

/// Appends `k` sections to the copy's sections.csv, the i-th kept by a misspelling of
/// a unit spread evenly over the table: its last character turned into 厅.
fn misspell(root: &Path, units: &[units::UnitSpec], k: usize) -> Res<()> {
    if k == 0 {
        return Ok(());
    }
    let path = root.join("reference/sections.csv");
    let mut csv = std::fs::read_to_string(&path)?;
    if !csv.ends_with('\n') {
        csv.push('\n');
    }
    for i in 0..k {
        let name = &units[i * units.len() / k].name;
        let stem: String = name.chars().take(name.chars().count() - 1).collect();
        csv.push_str(&format!(
            "压力测试,栏目{i},,单位名称写错的栏目,{stem}厅,每月\n"
        ));
    }
    std::fs::write(path, csv)?;
    Ok(())
}

/// The first three columns of the first sheet, header included, as text.
fn read_rows(path: &Path) -> Res<Vec<[String; 3]>> {
    let mut book: Xlsx<_> = open_workbook(path)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("units.xlsx has no sheet")??;
    let text = |d: Option<&Data>| d.map(|d| d.to_string()).unwrap_or_default();
    Ok(range
        .rows()
        .map(|r| [text(r.first()), text(r.get(1)), text(r.get(2))])
        .collect())
}

/// Copies `from` into `to`; at the workspace's `root`, leaves out the outputs of earlier
/// runs (`out/`).
fn copy_dir(from: &Path, to: &Path, root: bool) -> Res<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if !(root && entry.file_name() == "out") {
                copy_dir(&entry.path(), &target, false)?;
            }
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
