//! The rows of the units and targets tables, framed and cleaned by ingest, as units and
//! targets; a row that cannot be one is rejected with a problem at its cell.

use std::collections::HashMap;

use polars::prelude::*;

use super::TargetCell;
use crate::layout::Field;
use crate::model::{Target, Unit};
use crate::normalise::frame::texts;
use crate::normalise::text::simplified;
use crate::normalise::{Framing, Resolver, SourceTable, values};
use crate::problems::{Code, Place, Problem};

/// How the units table is framed: 单位名称 is a name.
pub(super) const UNITS: Framing = Framing {
    fields: &[Field::Unit, Field::Alias, Field::Category],
    names: &[Field::Unit],
    across: None,
};

/// How the targets table is framed: 单位 is a name.
pub(super) const TARGETS: Framing = Framing {
    fields: &[Field::Unit, Field::Count],
    names: &[Field::Unit],
    across: None,
};

/// The units table's rows (framed by [`UNITS`]) as units, and how many were rejected:
/// rows without a name.
pub(super) fn units(
    table: &SourceTable,
    rows: &DataFrame,
) -> PolarsResult<(Vec<Unit>, usize, Vec<Problem>)> {
    let (names, aliases) = (texts(rows, "unit")?, texts(rows, "alias")?);
    let categories = texts(rows, "category")?;
    let row = rows.column("row")?.u32()?;
    let col_of = |field| {
        let mut columns = table.table.columns.iter();
        columns
            .find(|c| c.field == Some(field))
            .map_or(0, |c| c.col)
    };
    let mut units: Vec<Unit> = Vec::new();
    // A name listed again adds its aliases to the first row, in whatever script or
    // spacing it is written again (信訪局 under 信访局, which would otherwise make the
    // name point at two units and at neither); looked up, not searched for.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut first_rows: Vec<u32> = Vec::new();
    // Each alias with its unit and sheet row, kept once every unit's own name is known.
    let mut listed: Vec<(usize, String, u32)> = Vec::new();
    let mut problems = Vec::new();
    for i in 0..rows.height() {
        let at = row.get(i).unwrap_or(1);
        let Some(name) = names[i].clone() else {
            let place = Place::cell(at, col_of(Field::Unit));
            let p = Problem::new(Code::MissingUnitName, table.file, &[]);
            problems.push(p.at(table.sheet, place));
            continue;
        };
        let category = categories[i].clone().unwrap_or_default();
        let u = *index.entry(simplified(&name)).or_insert_with(|| {
            units.push(Unit {
                name: name.clone(),
                aliases: Vec::new(),
                category: category.clone(),
            });
            first_rows.push(at);
            units.len() - 1
        });
        // A row listing the unit again may add aliases, and a category the first lacked;
        // another category than the first's is said, not taken: it decides 各部门, 各乡镇.
        let first = &mut units[u].category;
        if first.is_empty() {
            *first = category;
        } else if !category.is_empty() && category != *first {
            let args = [
                name.as_str(),
                &first_rows[u].to_string(),
                first.as_str(),
                &category,
            ];
            let p = Problem::new(Code::CategoryConflict, table.file, &args);
            problems.push(p.at(table.sheet, Place::cell(at, col_of(Field::Category))));
        }
        let alias_list = aliases[i]
            .as_deref()
            .unwrap_or("")
            .split(['、', '，', ',', ';', '；', '/', '／', ' '])
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty() && *a != name);
        listed.extend(alias_list.map(|a| (u, a, at)));
    }
    // In a table of categories, a unit without one is in no category's 主送, annex or
    // assessment: 台江's 革一镇 dropped out of the 公示 with nothing said.
    if units.iter().any(|u| !u.category.is_empty()) {
        for (u, &at) in units.iter().zip(&first_rows) {
            if u.category.is_empty() {
                let p = Problem::new(Code::NoCategory, table.file, &[&u.name]);
                problems.push(p.at(table.sheet, Place::cell(at, col_of(Field::Category))));
            }
        }
    }
    let rejected = (problems.iter())
        .filter(|p| p.code == Code::MissingUnitName)
        .count();
    // An alias that is another unit's own name would take that unit's files and target:
    // the name wins, and the alias cell is the error.
    let own: HashMap<String, usize> = (units.iter().enumerate())
        .map(|(u, unit)| (simplified(&unit.name), u))
        .collect();
    for (u, alias, at) in listed {
        match own.get(&simplified(&alias)) {
            Some(&other) if other != u => {
                let args = [alias.as_str(), &units[other].name, &units[u].name];
                let p = Problem::new(Code::AliasIsAnotherUnit, table.file, &args);
                problems.push(p.at(table.sheet, Place::cell(at, col_of(Field::Alias))));
            }
            _ => units[u].aliases.push(alias),
        }
    }
    Ok((units, rejected, problems))
}

/// The targets, the cell of each, how many rows were rejected, and the problems.
pub(super) type Targets = (
    Vec<Target>,
    HashMap<String, TargetCell>,
    usize,
    Vec<Problem>,
);

/// The targets table's rows (framed by [`TARGETS`]): each names a known unit once and
/// gives a whole count.
pub(super) fn targets(
    table: &SourceTable,
    rows: &DataFrame,
    resolver: &Resolver,
) -> PolarsResult<Targets> {
    let df = rows
        .clone()
        .lazy()
        .with_column(values::count("count").alias("value"))
        .collect()?;
    let get = |name: &str| df.column(name).and_then(|c| c.u32().cloned());
    let (row, unit_cols, count_cols) = (get("row")?, get("unit_col")?, get("count_col")?);
    let (names, raw_counts) = (texts(&df, "unit")?, texts(&df, "count")?);
    let values = df.column("value")?.i64()?;
    let (mut targets, mut cells, mut problems, mut rejected) =
        (Vec::new(), HashMap::new(), Vec::new(), 0);
    for i in 0..df.height() {
        let at = |col: Option<u32>| Place::cell(row.get(i).unwrap_or(1), col.unwrap_or(0));
        let (unit_cell, count_cell) = (at(unit_cols.get(i)), at(count_cols.get(i)));
        let name = names[i].clone().unwrap_or_default();
        let unit = match resolver.resolve(&name) {
            Some(u) if cells.contains_key(u) => {
                Err(Problem::new(Code::DuplicateTarget, table.file, &[u]))
            }
            Some(u) => Ok(u.to_string()),
            None => Err(Problem::new(Code::TargetUnitUnknown, table.file, &[&name])
                .value(&name)
                .suggest_opt(resolver.suggestion(&name))),
        };
        let raw = raw_counts[i].clone().unwrap_or_default();
        let count = values
            .get(i)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| {
                let code = if raw.is_empty() {
                    Code::MissingCount
                } else {
                    Code::BadCount
                };
                Problem::new(code, table.file, &[&raw]).value(&raw)
            });
        match (unit, count) {
            (Ok(unit), Ok(count)) => {
                let cell = TargetCell {
                    file: table.file.into(),
                    sheet: table.sheet.into(),
                    place: count_cell,
                };
                cells.insert(unit.clone(), cell);
                targets.push(Target { unit, count });
            }
            (unit, count) => {
                rejected += 1;
                problems.extend(unit.err().map(|p| p.at(table.sheet, unit_cell)));
                problems.extend(count.err().map(|p| p.at(table.sheet, count_cell)));
            }
        }
    }
    Ok((targets, cells, rejected, problems))
}
