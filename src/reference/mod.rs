//! Reference tables the office keeps: units (with aliases and categories) and annual
//! targets. They are read by the same ingest and normalisation code as submissions, so
//! they may come in any format and layout a submission may (side-by-side pairs, a 合计 row).

mod tables;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::Error;
use crate::check::totals::{self, TotalCheck};
use crate::config::{Config, workspace_path};
use crate::coverage::{self, Groups, Words};
use crate::error::Internal;
use crate::ingest::{self, Input};
use crate::layout::{Field, Table};
use crate::model::{Section, Target};
use crate::normalise::{Account, Framing, Resolver, SourceTable};
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
    /// The file could not be read at all (encrypted, damaged, not a table).
    #[error("{what}「{path}」：{}", .why.join("；"))]
    Unreadable {
        /// What the table is, such as 目标任务表.
        what: &'static str,
        /// The workspace-relative path.
        path: String,
        /// Why, as reading said it to the office.
        why: Vec<String>,
    },
    /// The units table lists no unit.
    #[error("单位名称表 {0} 中没有任何单位：请在表头下逐行填写单位名称（及别名、类别）后再运行")]
    NoUnits(String),
    /// The targets table's header names a column twice (L005): which unit each figure
    /// belongs to would be guessed (大英's 附件1 with 单位名称 typed over its first
    /// 目标任务数量 paired 政府办 with 商务局's 200).
    #[error(
        "目标任务表 {location} 的表头有误：{why}。目标任务按表头把单位和数量配对，表头有误会把数量算到别的单位名下：请改正表头（每栏一个“单位”列和一个“目标任务数量(条)”列）后再运行"
    )]
    TargetsHeader {
        /// Where: file / sheet / cells.
        location: String,
        /// The L005 message.
        why: String,
    },
    /// The targets table has no row below its header.
    #[error("目标任务表 {0} 中没有任何单位：请在表头下逐行填写单位和目标任务数量(条)后再运行")]
    NoTargets(String),
    /// The units table has no 类别 column where the workspace picks units by category.
    #[error(
        "单位名称表 {path} 的表头（第 {header_row} 行）中没有“类别”列，而{needed_by}：请在表头加一列“类别”，为每个单位填写类别（如 部门、乡镇、街道）后再运行"
    )]
    NoCategoryColumn {
        /// The units table, workspace-relative.
        path: String,
        /// Its (last) header row, counted from 1.
        header_row: u32,
        /// What picks units by category, such as 栏目表 … 的保障单位“各部门”要按类别选取单位.
        needed_by: String,
    },
    /// `[assessment] categories` names a category no unit of the units table has: the
    /// assessment would have no object of it, and publish an empty result.
    #[error(
        "zwgk.toml 中 [assessment] categories 的「{unknown}」不是单位名称表 {path} 中的类别（现有：{known}）：请改成单位名称表中的写法"
    )]
    UnknownAssessedCategory {
        /// The categories written that no unit has, `、`-joined.
        unknown: String,
        /// The units table, workspace-relative.
        path: String,
        /// The categories the units table has, `、`-joined.
        known: String,
    },
    /// The sections annex asked of a workspace without a sections table.
    #[error(
        "没有栏目表：请在 zwgk.toml 的 [reference] sections 中写明栏目表的路径（一级栏目、二级栏目、三级栏目、公开内容、保障单位、更新频率）"
    )]
    NoSections,
    /// The sections annex asked of a workspace whose sections table has no row yet (as
    /// `zwgk init` writes it).
    #[error(
        "栏目表 {0} 中没有任何栏目：请在表头下逐行填写一级栏目、二级栏目、三级栏目、公开内容、保障单位、更新频率后再运行"
    )]
    EmptySections(String),
    /// The indicator table has no indicator with a name and points.
    #[error("指标体系表「{0}」中没有可用的指标：请检查指标名称和分值")]
    NoIndicators(String),
    /// The domains annex asked of a workspace without a pilot domain.
    #[error(
        "没有试点领域：请在 zwgk.toml 的 [reference] domains 中写明试点领域责任分工表的路径（序号、政务公开领域、责任单位），或在栏目表中列出试点领域"
    )]
    NoDomains,
}

/// `（why；why）`, or nothing.
/// `text`, written to a unit that is to send its file again, as said to the office
/// about a table of its own.
fn for_office(text: &str) -> Cow<'_, str> {
    const TO_OFFICE: [(&str, &str); 6] = [
        ("请与报送单位核实", "请核实"),
        ("请报送单位", "请"),
        ("后重新报送", "后保存"),
        ("重新报送", "保存"),
        ("再报送", "再使用"),
        ("改报", "改用"),
    ];
    if !TO_OFFICE.iter().any(|(unit, _)| text.contains(unit)) {
        return Cow::Borrowed(text);
    }
    let said = TO_OFFICE
        .iter()
        .fold(text.to_string(), |t, (unit, office)| {
            t.replace(unit, office)
        });
    Cow::Owned(said)
}

fn reasons(why: &[String]) -> String {
    if why.is_empty() {
        String::new()
    } else {
        format!("（{}）", why.join("；"))
    }
}

/// Where a target was written: for findings about the unit it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TargetCell {
    /// The targets table, workspace-relative.
    pub file: String,
    /// Its sheet.
    pub sheet: String,
    /// The cell of the count.
    pub place: Place,
}

/// The loaded reference tables.
pub(crate) struct Reference {
    pub resolver: Resolver,
    pub targets: Vec<Target>,
    /// The cell of each unit's target.
    pub target_cells: HashMap<String, TargetCell>,
    /// The targets table's declared 合计 checked against its rows, when it has one.
    pub targets_total: Option<TotalCheck>,
    /// The targets table, workspace-relative, and how many rows it has below its header.
    pub targets_file: (String, usize),
    /// The sections and pilot domains units answer for; empty when the workspace has none.
    pub sections: Vec<Section>,
    /// The workspace-relative path of the domain table, when `zwgk.toml` names one.
    pub domains_file: Option<String>,
    /// The reference files as read, with per-sheet accounting.
    pub inputs: Vec<(Input, Vec<Account>)>,
    pub problems: Vec<Problem>,
}

impl Reference {
    /// Checks that the targets table has rows: figures need them, while the forms and
    /// the sections annex do not.
    ///
    /// # Errors
    /// [`ReferenceError::NoTargets`] when it has none below its header.
    pub(crate) fn require_targets(&self) -> Result<(), ReferenceError> {
        match &self.targets_file {
            (path, 0) => Err(ReferenceError::NoTargets(path.clone())),
            _ => Ok(()),
        }
    }

    /// What the workspace calls its sections: 领域 where a pilot domain table is its only
    /// table of them.
    pub(crate) fn words(&self) -> Words {
        Words::of(&self.sections, self.domains_file.as_deref())
    }
}

/// One reference table: the file as ingested and the sheet holding the table.
pub(crate) struct Loaded {
    /// The file as ingested.
    pub(crate) input: Input,
    sheet: usize,
}

impl Loaded {
    /// The table, and its rows framed and cleaned as `open` was asked to.
    pub(crate) fn table(&self) -> Option<(SourceTable<'_>, &DataFrame)> {
        let s = &self.input.sheets[self.sheet];
        let located = s.located.as_ref()?;
        let table = SourceTable {
            file: &self.input.path,
            sheet: &s.name,
            table: &located.layout,
            date1904: s.date1904,
        };
        Some((table, &located.rows))
    }

    /// The file as read, with its rows accounted for: all read, `rejected` of them rejected.
    pub(crate) fn record(&self, rejected: usize) -> (Input, Vec<Account>) {
        let read = self.table().map_or(0, |(_, rows)| rows.height());
        let rejected = rejected.min(read);
        let mut accounts = vec![Account::default(); self.input.sheets.len()];
        accounts[self.sheet] = Account {
            rows_read: read,
            rows_accepted: read - rejected,
            rows_rejected: rejected,
        };
        // The record keeps what the file list shows, not the rows the tables were built
        // from: a units table may hold a province's units.
        let mut input = self.input.clone();
        for located in input.sheets.iter_mut().filter_map(|s| s.located.as_mut()) {
            located.rows = DataFrame::empty();
        }
        (input, accounts)
    }
}

/// Reads the reference tables `zwgk.toml` names: units, targets, and the sections and
/// domain tables where there are any.
///
/// # Errors
/// [`ReferenceError`] when a table is missing, unreadable, or has no table with the
/// columns it needs; [`Internal`] errors. Bad rows inside a table are problems, not errors.
pub(crate) fn load(root: &Path, config: &Config) -> Result<Reference, Error> {
    let mut problems = Vec::new();
    let mut inputs = Vec::new();
    let units = load_units(root, config, &mut inputs, &mut problems)?;

    let file = open(root, config, &config.reference.targets, &TARGETS_TABLE)?;
    let twice = (file.input.problems.iter()).find(|p| p.code == Code::DuplicateColumn);
    if let Some(p) = twice {
        let (location, why) = (p.location(), p.message.clone());
        return Err(ReferenceError::TargetsHeader { location, why }.into());
    }
    let targets_file = (
        file.input.path.clone(),
        file.table().map_or(0, |(_, r)| r.height()),
    );
    let (table, rows) = file
        .table()
        .ok_or_else(|| ReferenceError::NoTargets(file.input.path.clone()))?;
    let (targets, target_cells, rejected, found) =
        tables::targets(&table, rows, &units.resolver).map_err(Internal::from)?;
    problems.extend(found);
    let rows = [rows.clone()];
    let (total_checks, total_problems) =
        totals::check(std::slice::from_ref(&table), &rows).map_err(Internal::from)?;
    problems.extend(total_problems);
    inputs.push(file.record(rejected));

    let (sections, domains_file) = load_sections(root, config, &units, &mut inputs, &mut problems)?;
    // The office keeps these tables: advice written for a unit's submission is
    // addressed to it (请将数量改为整数后保存, not 请报送单位……后重新报送).
    for p in &mut problems {
        let office = match for_office(p.advice()) {
            Cow::Owned(advice) => Some(advice),
            Cow::Borrowed(_) => None,
        };
        if let Some(advice) = office {
            p.advice = Some(advice.into());
        }
    }
    Ok(Reference {
        resolver: units.resolver,
        targets,
        target_cells,
        // The table's last total of all its rows: the 合计 under 部门小计 and 乡镇小计,
        // none where there are only those.
        targets_total: total_checks.into_iter().rfind(|c| c.whole),
        targets_file,
        sections,
        domains_file,
        inputs,
        problems,
    })
}

/// The units table read: the resolver of its units, and, where the table has no 类别
/// column, what the message asking for one needs.
pub(crate) struct Units {
    pub(crate) resolver: Resolver,
    /// The table's path and header row, when it has no 类别 column.
    categoryless: Option<(String, u32)>,
}

impl Units {
    /// Checks that the units table has its 类别 column where `needed_by` says what picks
    /// units by category.
    ///
    /// # Errors
    /// [`ReferenceError::NoCategoryColumn`] when it has none and `needed_by` is `Some`.
    pub(crate) fn require_categories(
        &self,
        needed_by: impl FnOnce() -> Option<String>,
    ) -> Result<(), ReferenceError> {
        let Some((path, header_row)) = &self.categoryless else {
            return Ok(());
        };
        match needed_by() {
            Some(needed_by) => Err(ReferenceError::NoCategoryColumn {
                path: path.clone(),
                header_row: *header_row,
                needed_by,
            }),
            None => Ok(()),
        }
    }
}

/// Reads the units table alone (`zwgk assess` needs no targets), with the file and its
/// accounting added to `inputs` and its findings to `problems`.
///
/// # Errors
/// As [`load`], for the units table.
pub(crate) fn load_units(
    root: &Path,
    config: &Config,
    inputs: &mut Vec<(Input, Vec<Account>)>,
    problems: &mut Vec<Problem>,
) -> Result<Units, Error> {
    let file = open(root, config, &config.reference.units, &UNITS_TABLE)?;
    let (units, rejected, found) = match file.table() {
        Some((table, rows)) => tables::units(&table, rows).map_err(Internal::from)?,
        None => (Vec::new(), 0, Vec::new()),
    };
    let categoryless = (file.table())
        .filter(|(t, _)| !t.table.has(Field::Category))
        .map(|(t, _)| (file.input.path.clone(), t.table.header_rows.end() + 1));
    if units.is_empty() {
        return Err(ReferenceError::NoUnits(file.input.path.clone()).into());
    }
    problems.extend(found);
    let (resolver, ambiguous) = Resolver::new(units, &config.workspace.name);
    let sheet = &file.input.sheets[file.sheet].name;
    problems.extend(ambiguous.iter().map(|a| {
        let args = [a.alias.as_str(), &a.first, &a.second];
        Problem::new(Code::AmbiguousAlias, &file.input.path, &args).at(sheet, None)
    }));
    problems.extend(resolver.twins().into_iter().map(|(first, second)| {
        Problem::new(Code::UnitTwice, &file.input.path, &[second, first]).at(sheet, None)
    }));
    inputs.push(file.record(rejected));
    Ok(Units {
        resolver,
        categoryless,
    })
}

/// The sections and domain tables, when the workspace has them, and the path of the
/// domain table; `[groups]` expands the group phrases of their 保障单位 cells.
fn load_sections(
    root: &Path,
    config: &Config,
    units: &Units,
    inputs: &mut Vec<(Input, Vec<Account>)>,
    problems: &mut Vec<Problem>,
) -> Result<(Vec<Section>, Option<String>), Error> {
    let wanted = [
        (
            config
                .reference
                .sections
                .clone()
                .or_else(|| default_path(root, "sections")),
            &SECTIONS_TABLE,
        ),
        (config.reference.domains.clone(), &DOMAINS_TABLE),
    ];
    let mut files = Vec::new();
    for (path, kind) in wanted {
        if let Some(path) = path {
            files.push(open(root, config, &path, kind)?);
        }
    }
    let domains = config.reference.domains.as_ref();
    let domains_file = domains.map(|rel| workspace_path(root, &root.join(rel)));
    if files.is_empty() {
        return Ok((Vec::new(), domains_file));
    }
    let (groups, found) = Groups::new(&config.groups, &units.resolver);
    problems.extend(found);
    let (tables, rows): (Vec<SourceTable>, Vec<DataFrame>) = files
        .iter()
        .filter_map(Loaded::table)
        .map(|(table, rows)| (table, rows.clone()))
        .unzip();
    let read = coverage::read(&tables, rows, &units.resolver, &groups).map_err(Internal::from)?;
    units.require_categories(|| {
        let (phrase, file) = read.by_category.as_ref()?;
        let what = match &domains_file {
            Some(d) if d == file => DOMAINS_TABLE.what,
            _ => SECTIONS_TABLE.what,
        };
        Some(format!("{what} {file} 中的“{phrase}”要按类别选取单位"))
    })?;
    let (sections, found) = (read.sections, read.problems);
    for file in &files {
        // Only a row without any section name is left out; other findings keep the row.
        let rejected = found
            .iter()
            .filter(|p| p.file == file.input.path && p.code == Code::MissingSectionName)
            .count();
        inputs.push(file.record(rejected));
    }
    problems.extend(found);
    Ok((sections, domains_file))
}

/// What a reference table is, where `zwgk.toml` names it, the columns that tell its
/// sheet, and how its rows are framed.
pub(crate) struct Kind {
    /// What the table is, such as 目标任务表.
    pub(crate) what: &'static str,
    /// Its key under `[reference]`.
    pub(crate) key: &'static str,
    /// The columns one of which its sheet must have.
    pub(crate) needs: &'static [Field],
    /// How its rows are framed.
    pub(crate) framing: Framing,
}

const UNITS_TABLE: Kind = Kind {
    what: "单位名称表",
    key: "units",
    needs: &[Field::Unit],
    framing: tables::UNITS,
};

const TARGETS_TABLE: Kind = Kind {
    what: "目标任务表",
    key: "targets",
    needs: &[Field::Count],
    framing: tables::TARGETS,
};

const SECTION_COLUMNS: &[Field] = &[Field::Level1, Field::Level2, Field::Level3, Field::Section];

const SECTIONS_TABLE: Kind = Kind {
    what: "栏目表",
    key: "sections",
    needs: SECTION_COLUMNS,
    framing: coverage::FRAMING,
};

const DOMAINS_TABLE: Kind = Kind {
    what: "试点领域责任分工表",
    key: "domains",
    needs: SECTION_COLUMNS,
    framing: coverage::FRAMING,
};

/// The optional reference table `reference/<stem>.*` of the workspace `root` (the first
/// by name, any extension), when there is one: where an optional table is looked for
/// when `zwgk.toml` does not name it.
pub(crate) fn default_path(root: &Path, stem: &str) -> Option<PathBuf> {
    let dir = root.join("reference");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_stem().is_some_and(|s| s == stem))
        .collect();
    found.sort();
    let first = found.into_iter().next()?;
    first.strip_prefix(root).ok().map(Path::to_path_buf)
}

/// Reads the reference table at `rel` in the workspace `root`, in the encoding
/// `[encoding]` sets for it, if any, and finds its sheet.
///
/// # Errors
/// [`ReferenceError::Missing`] when the file is not there; [`ReferenceError::NoTable`]
/// when no sheet has a table with one of the columns `kind` needs.
pub(crate) fn open(root: &Path, config: &Config, rel: &Path, kind: &Kind) -> Result<Loaded, Error> {
    let path = root.join(rel);
    let shown = workspace_path(root, &path);
    if !path.is_file() {
        let (what, key) = (kind.what, kind.key);
        return Err(ReferenceError::Missing {
            what,
            path: shown,
            key,
        }
        .into());
    }
    let opts = ReadOptions {
        limits: config.limits,
        encoding: config.encoding_of(&shown),
    };
    let framing = ingest::Framings::All(kind.framing);
    let input = ingest::ingest_file(&path, &shown, &opts, framing, None);
    if input.status == ingest::Status::Failed {
        let why = input.problems.iter().map(|p| for_office(&p.message));
        return Err(ReferenceError::Unreadable {
            what: kind.what,
            path: shown,
            why: why.map(|w| w.into_owned()).collect(),
        }
        .into());
    }
    let has = |t: &Table| kind.needs.iter().any(|f| t.has(*f));
    match input.sheets.iter().position(|s| s.table().is_some_and(has)) {
        Some(sheet) => Ok(Loaded { input, sheet }),
        None => Err(ReferenceError::NoTable {
            what: kind.what,
            path: shown,
            needs: kind.needs.iter().map(|f| f.zh()).collect(),
            why: input.problems.iter().map(|p| p.message.clone()).collect(),
        }
        .into()),
    }
}
