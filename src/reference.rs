//! Reference tables the office keeps: units (with aliases and categories) and annual
//! targets. They are read by the same ingest and normalisation code as submissions, so
//! they may come in any format and layout a submission may (side-by-side pairs, a 合计 row).

use std::collections::HashMap;
use std::path::Path;

use polars::prelude::*;

use crate::Error;
use crate::check::totals::{self, TotalCheck};
use crate::config::{Config, DEFAULT_SECTIONS};
use crate::coverage::{self, Groups};
use crate::error::Internal;
use crate::ingest::{self, Input};
use crate::layout::Field;
use crate::model::{Section, Target, Unit};
use crate::normalise::{Account, Resolver, SourceTable, frame, text, values};
use crate::problems::{Code, Place, Problem};
use crate::read::ReadOptions;

/// A reference table that is missing or holds no usable table.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// The file is not there.
    #[error(
        "找不到{what}「{path}」：请把它放到工作目录中，或在 zwgk.toml 的 [reference] {key} 中写明路径"
    )]
    Missing {
        /// What the table is, such as 目标任务表.
        what: &'static str,
        /// The workspace-relative path.
        path: String,
        /// Its key under `[reference]`.
        key: &'static str,
    },
    /// No sheet of the file has a table with the columns it needs.
    #[error("{what}「{path}」中没有找到含「{}」列的表格{}：请检查表头", .needs.join("」或「"), reasons(.why))]
    NoTable {
        /// What the table is, such as 目标任务表.
        what: &'static str,
        /// The workspace-relative path.
        path: String,
        /// The labels of the columns looked for.
        needs: Vec<&'static str>,
        /// The messages of the problems met reading the file.
        why: Vec<String>,
    },
    /// The targets table has no table.
    #[error("目标任务表为空")]
    EmptyTargets,
    /// The sections annex asked of a workspace without a sections table.
    #[error(
        "没有栏目表：请在 zwgk.toml 的 [reference] sections 中写明栏目表的路径（一级栏目、二级栏目、三级栏目、公开内容、保障单位、更新频率）"
    )]
    NoSections,
    /// The domains annex asked of a workspace without a pilot domain.
    #[error(
        "没有试点领域：请在 zwgk.toml 的 [reference] domains 中写明试点领域责任分工表的路径（序号、政务公开领域、责任单位），或在栏目表中列出试点领域"
    )]
    NoDomains,
}

/// `（why；why）`, or nothing.
fn reasons(why: &[String]) -> String {
    if why.is_empty() {
        String::new()
    } else {
        format!("（{}）", why.join("；"))
    }
}

/// Where a target was written: for findings about the unit it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetCell {
    /// The targets table, workspace-relative.
    pub file: String,
    /// Its sheet.
    pub sheet: String,
    /// The cell of the count.
    pub place: Place,
}

/// The loaded reference tables.
pub struct Reference {
    pub resolver: Resolver,
    pub targets: Vec<Target>,
    /// The cell of each unit's target.
    pub target_cells: HashMap<String, TargetCell>,
    /// The targets table's declared 合计 checked against its rows, when it has one.
    pub targets_total: Option<TotalCheck>,
    /// The sections and pilot domains units answer for; empty when the workspace has none.
    pub sections: Vec<Section>,
    /// The reference files as read, with per-sheet accounting.
    pub inputs: Vec<(Input, Vec<Account>)>,
    pub problems: Vec<Problem>,
}

/// One reference table: the file as ingested and the sheet holding the table.
struct Loaded {
    input: Input,
    sheet: usize,
}

impl Loaded {
    fn source(&self) -> Option<SourceTable<'_>> {
        let s = &self.input.sheets[self.sheet];
        Some(SourceTable {
            file: &self.input.path,
            sheet: &s.name,
            table: s.table.as_ref()?,
            date1904: s.date1904,
        })
    }

    fn accounts(&self, read: usize, rejected: usize) -> Vec<Account> {
        let mut out = vec![Account::default(); self.input.sheets.len()];
        out[self.sheet] = Account {
            rows_read: read,
            rows_accepted: read - rejected,
            rows_rejected: rejected,
        };
        out
    }
}

/// Reads the reference tables `zwgk.toml` names: units, targets, and the sections and
/// domain tables where there are any.
///
/// # Errors
/// [`ReferenceError`] when a table is missing, unreadable, or has no table with the
/// columns it needs; [`Internal`] errors. Bad rows inside a table are problems, not errors.
pub fn load(root: &Path, config: &Config) -> Result<Reference, Error> {
    let opts = ReadOptions {
        limits: config.limits,
        encoding: None,
    };
    let mut problems = Vec::new();
    let mut inputs = Vec::new();
    let resolver = load_units(root, config, &opts, &mut inputs, &mut problems)?;

    let file = open(
        root,
        &config.reference.targets,
        "目标任务表",
        "targets",
        &[Field::Count],
        &opts,
    )?;
    let table = file.source().ok_or(ReferenceError::EmptyTargets)?;
    let (targets, target_cells, rejected, found) = targets_of(&table, &resolver)?;
    problems.extend(found);
    let (total_checks, total_problems) = frame::rows(&table.table.records, &[Field::Count])
        .and_then(|rows| totals::check(std::slice::from_ref(&table), &[rows]))
        .map_err(Internal::from)?;
    problems.extend(total_problems);
    inputs.push((
        file.input.clone(),
        file.accounts(table.table.records.len(), rejected),
    ));

    let sections = load_sections(root, config, &opts, &resolver, &mut inputs, &mut problems)?;
    Ok(Reference {
        resolver,
        targets,
        target_cells,
        targets_total: total_checks.into_iter().next(),
        sections,
        inputs,
        problems,
    })
}

fn load_units(
    root: &Path,
    config: &Config,
    opts: &ReadOptions,
    inputs: &mut Vec<(Input, Vec<Account>)>,
    problems: &mut Vec<Problem>,
) -> Result<Resolver, Error> {
    let file = open(
        root,
        &config.reference.units,
        "单位名称表",
        "units",
        &[Field::Unit],
        opts,
    )?;
    let (units, rejected, found) = units_of(&file)?;
    problems.extend(found);
    let (resolver, ambiguous) = Resolver::new(units, &config.workspace.name);
    let sheet = &file.input.sheets[file.sheet].name;
    problems.extend(ambiguous.iter().map(|a| {
        Problem::new(
            Code::AmbiguousAlias,
            &file.input.path,
            &[&a.alias, &a.first, &a.second],
        )
        .at(sheet, None)
    }));
    let read = file.source().map_or(0, |s| s.table.records.len());
    inputs.push((file.input.clone(), file.accounts(read, rejected)));
    Ok(resolver)
}

/// The sections and domain tables, when the workspace has them; `[groups]` expands the
/// group phrases of their 保障单位 cells.
fn load_sections(
    root: &Path,
    config: &Config,
    opts: &ReadOptions,
    resolver: &Resolver,
    inputs: &mut Vec<(Input, Vec<Account>)>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Section>, Error> {
    let default =
        Some(std::path::PathBuf::from(DEFAULT_SECTIONS)).filter(|p| root.join(p).is_file());
    let wanted = [
        (
            config.reference.sections.clone().or(default),
            "栏目表",
            "sections",
        ),
        (
            config.reference.domains.clone(),
            "试点领域责任分工表",
            "domains",
        ),
    ];
    let needs = [Field::Level1, Field::Level2, Field::Level3, Field::Section];
    let mut files = Vec::new();
    for (path, what, key) in wanted {
        if let Some(path) = path {
            files.push(open(root, &path, what, key, &needs, opts)?);
        }
    }
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let (groups, found) = Groups::new(&config.groups, resolver);
    problems.extend(found);
    let tables: Vec<SourceTable> = files.iter().filter_map(Loaded::source).collect();
    let (sections, found) = coverage::read(&tables, resolver, &groups).map_err(Internal::from)?;
    for file in &files {
        let read = file.source().map_or(0, |s| s.table.records.len());
        // Only a row without any section name is left out; other findings keep the row.
        let rejected = found
            .iter()
            .filter(|p| p.file == file.input.path && p.code == Code::MissingSectionName)
            .count();
        inputs.push((file.input.clone(), file.accounts(read, rejected.min(read))));
    }
    problems.extend(found);
    Ok(sections)
}

fn open(
    root: &Path,
    rel: &Path,
    what: &'static str,
    key: &'static str,
    needs: &[Field],
    opts: &ReadOptions,
) -> Result<Loaded, Error> {
    let shown = rel.to_string_lossy().replace('\\', "/");
    let path = root.join(rel);
    if !path.is_file() {
        return Err(ReferenceError::Missing {
            what,
            path: shown,
            key,
        }
        .into());
    }
    let input = ingest::ingest_file(&path, &shown, opts);
    let sheet = input.sheets.iter().position(|s| {
        s.table
            .as_ref()
            .is_some_and(|t| needs.iter().any(|f| t.has(*f)))
    });
    match sheet {
        Some(sheet) => Ok(Loaded { input, sheet }),
        None => Err(ReferenceError::NoTable {
            what,
            path: shown,
            needs: needs.iter().map(|f| f.zh()).collect(),
            why: input.problems.iter().map(|p| p.message.clone()).collect(),
        }
        .into()),
    }
}

/// The units table's rows as units; rows without a name are rejected.
fn units_of(loaded: &Loaded) -> Result<(Vec<Unit>, usize, Vec<Problem>), Error> {
    let Some(table) = loaded.source() else {
        return Ok((Vec::new(), 0, Vec::new()));
    };
    let df = frame::build(
        std::slice::from_ref(&table),
        &[Field::Unit, Field::Alias, Field::Category],
    )
    .and_then(|df| {
        df.lazy()
            .select([
                col("row"),
                text::clean_name(col("unit")).alias("unit"),
                text::clean(col("alias")).alias("alias"),
                text::clean(col("category")).alias("category"),
            ])
            .collect()
    })
    .map_err(Internal::from)?;
    let (names, aliases, categories) = (
        frame::texts(&df, "unit"),
        frame::texts(&df, "alias"),
        frame::texts(&df, "category"),
    );
    let (names, aliases, categories) = (
        names.map_err(Internal::from)?,
        aliases.map_err(Internal::from)?,
        categories.map_err(Internal::from)?,
    );
    let rows = df
        .column("row")
        .and_then(|c| c.u32().cloned())
        .map_err(Internal::from)?;
    let mut units: Vec<Unit> = Vec::new();
    let mut problems = Vec::new();
    let mut rejected = 0;
    for i in 0..df.height() {
        let Some(name) = names[i].clone() else {
            rejected += 1;
            let cell = table
                .table
                .columns
                .iter()
                .find(|c| c.field == Some(Field::Unit))
                .map(|c| c.col)
                .unwrap_or(0);
            let row = rows.get(i).unwrap_or(1);
            problems.push(
                Problem::new(Code::MissingUnitName, table.file, &[])
                    .at(table.sheet, Place::cell(row, cell)),
            );
            continue;
        };
        let alias_list = aliases[i]
            .as_deref()
            .unwrap_or("")
            .split(['、', '，', ',', ';', '；', '/', '／', ' '])
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty() && *a != name)
            .collect::<Vec<_>>();
        match units.iter_mut().find(|u| u.name == name) {
            Some(u) => u.aliases.extend(alias_list),
            None => units.push(Unit {
                name,
                aliases: alias_list,
                category: categories[i].clone().unwrap_or_default(),
            }),
        }
    }
    Ok((units, rejected, problems))
}

type Targets = (
    Vec<Target>,
    HashMap<String, TargetCell>,
    usize,
    Vec<Problem>,
);

/// The targets table's rows: each names a known unit once and gives a whole count.
fn targets_of(table: &SourceTable, resolver: &Resolver) -> Result<Targets, Error> {
    let df = frame::build(std::slice::from_ref(table), &[Field::Unit, Field::Count])
        .and_then(|df| {
            df.lazy()
                .with_columns([
                    text::clean_name(col("unit")).alias("unit"),
                    text::clean(col("count")).alias("count"),
                ])
                .with_column(values::count("count").alias("value"))
                .collect()
        })
        .map_err(Internal::from)?;
    let get = |name: &str| {
        df.column(name)
            .and_then(|c| c.u32().cloned())
            .map_err(Internal::from)
    };
    let (rows, unit_cols, count_cols) = (get("row")?, get("unit_col")?, get("count_col")?);
    let names = frame::texts(&df, "unit").map_err(Internal::from)?;
    let raw_counts = frame::texts(&df, "count").map_err(Internal::from)?;
    let values = df
        .column("value")
        .and_then(|c| c.i64().cloned())
        .map_err(Internal::from)?;
    let (mut targets, mut cells, mut problems, mut rejected) =
        (Vec::new(), HashMap::new(), Vec::new(), 0);
    for i in 0..df.height() {
        let row = rows.get(i).unwrap_or(1) - 1;
        let at = |col: Option<u32>| Place::cell(row + 1, col.unwrap_or(0));
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
                cells.insert(
                    unit.clone(),
                    TargetCell {
                        file: table.file.into(),
                        sheet: table.sheet.into(),
                        place: count_cell,
                    },
                );
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
