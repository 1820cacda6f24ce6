//! The sections table (seed 000 Annex 1) and the domain table (seed 002 Annex 1) read into
//! `Section`s: blank higher levels inherit from the row above, 保障单位 cells are split into unit
//! names and group phrases, 更新频率 is parsed, and every domain in a cell is a section.
//!
//! Cells are cleaned as ingest frames them ([`FRAMING`]); names are split out of them in
//! polars, and the few hundred rows are then walked in Rust. Nothing is dropped silently:
//! every name that does not resolve is a problem.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use polars::prelude::*;

use super::groups::{self, Groups, Meaning};
use super::{domains, frequency, names};
use crate::layout::{Field, Table};
use crate::model::{Frequency, Section, Source};
use crate::normalise::text::clean_name;
use crate::normalise::{Framing, Resolver, SourceTable, frame};
use crate::problems::{Code, Place, Problem};

/// Separators between names in one 保障单位 cell: 、，, / ; and spaces.
const SEPARATORS: &str = r"[\s、，,/／;；]+";

/// A parenthesised ordinal that starts a new domain inside one cell: `(六)`, `（十二）`.
const ORDINAL: &str = r"([(（](?:[一二三四五六七八九十百零〇]{1,4}|\d{1,2})[)）])";

/// How sections and domain tables are framed: the levels are names; the 保障单位 and
/// 栏目 cells keep their spaces, which separate the names in them.
pub(crate) const FRAMING: Framing = Framing {
    fields: &[
        Field::Seq,
        Field::Level1,
        Field::Level2,
        Field::Level3,
        Field::Content,
        Field::Responsible,
        Field::Unit,
        Field::Frequency,
        Field::Section,
    ],
    names: &[Field::Level1, Field::Level2, Field::Level3],
    across: None,
};

/// Reads sections tables and domain tables (in any order, any number) into sections.
///
/// A table with 一级/二级/三级栏目 columns is a sections table; one whose 栏目 column is
/// labelled as a 领域 is a domain table (several domains in a cell, each its own section);
/// any other 栏目 column gives one section per row. Responsible units come from 保障单位,
/// else from 责任单位; in a domain table a row with neither 序号 nor unit continues the
/// unit of the row above. `26个试点领域涉及单位` expands to the units of every domain
/// section read here, whichever table it came from.
///
/// # Errors
/// Polars errors, which would be a bug in an expression rather than bad input.
pub(crate) fn read(
    tables: &[SourceTable],
    rows: Vec<DataFrame>,
    resolver: &Resolver,
    groups: &Groups,
) -> PolarsResult<Read> {
    let rows = raw_rows(rows)?;
    let mut reader = Reader {
        resolver,
        groups,
        pending: Vec::new(),
        problems: Vec::new(),
        rows: HashMap::new(),
    };
    for (i, t) in tables.iter().enumerate() {
        let shape = Shape::of(t.table);
        let Some(shape) = shape else {
            reader
                .problems
                .push(Problem::new(Code::NotSectionsTable, t.file, &[]).at(t.sheet, None));
            continue;
        };
        let own: Vec<&RawRow> = rows.iter().filter(|r| r.src as usize == i).collect();
        reader.table(t, shape, &own);
    }
    Ok(reader.finish())
}

/// What [`read`] found: the sections, the problems met, and the first group phrase that
/// selects units by their 类别 (各部门, `类别:乡镇` …), where a cell uses one.
pub(crate) struct Read {
    pub(crate) sections: Vec<Section>,
    pub(crate) problems: Vec<Problem>,
    /// The phrase, and the file it is written in.
    pub(crate) by_category: Option<(String, String)>,
}

/// How a table names its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// 一级/二级/三级栏目 columns.
    Levels,
    /// A 领域 column: several domains per cell.
    Domains,
    /// A plain 栏目 column: one section per row.
    Named,
}

impl Shape {
    fn of(table: &Table) -> Option<Self> {
        if [Field::Level1, Field::Level2, Field::Level3]
            .iter()
            .any(|f| table.has(*f))
        {
            return Some(Self::Levels);
        }
        let section = table
            .columns
            .iter()
            .find(|c| c.field == Some(Field::Section))?;
        Some(if section.label.contains("领域") {
            Self::Domains
        } else {
            Self::Named
        })
    }
}

/// One record of a reference table, its cells cleaned.
#[derive(Debug, Default)]
struct RawRow {
    src: u32,
    /// 1-based sheet row.
    row: u32,
    seq: Option<String>,
    levels: [Option<String>; 3],
    /// The first level column, where a missing name is reported.
    level_col: Option<u32>,
    content: Option<String>,
    /// The responsible cell as written (cleaned, spaces kept) and split into names.
    who_text: Option<String>,
    who_names: Vec<String>,
    who_col: Option<u32>,
    frequency: Option<String>,
    frequency_col: Option<u32>,
    /// The 栏目/领域 cell whole, and split at ordinals and separators.
    name: Option<String>,
    name_parts: Vec<String>,
    name_col: Option<u32>,
}

/// The rows of every table in one frame, their name cells split.
fn cleaned(rows: Vec<DataFrame>) -> PolarsResult<DataFrame> {
    let raw = FRAMING.stack(rows)?;
    let who = || {
        when(col("responsible_col").is_not_null())
            .then(col("responsible"))
            .otherwise(col("unit"))
    };
    let split = |e: Expr| clean_name(e.str().replace_all(lit(SEPARATORS), lit("、"), false));
    raw.lazy()
        .select([
            col("src"),
            col("row"),
            col("seq"),
            col("level1"),
            col("level2"),
            col("level3"),
            coalesce(&[col("level1_col"), col("level2_col"), col("level3_col")]).alias("level_col"),
            col("content"),
            who().alias("who_text"),
            split(who()).alias("who_names"),
            coalesce(&[col("responsible_col"), col("unit_col")]).alias("who_col"),
            col("frequency"),
            col("frequency_col"),
            clean_name(col("section")).alias("name"),
            split(
                col("section")
                    .str()
                    .replace_all(lit(ORDINAL), lit("、$1"), false),
            )
            .alias("name_parts"),
            col("section_col").alias("name_col"),
        ])
        .collect()
}

/// The rows of every table in one frame, handed to Rust.
fn raw_rows(rows: Vec<DataFrame>) -> PolarsResult<Vec<RawRow>> {
    let df = cleaned(rows)?;
    let text = |name: &str| frame::texts(&df, name);
    let number = |name: &str| -> PolarsResult<Vec<Option<u32>>> {
        Ok(df.column(name)?.u32()?.iter().collect())
    };
    let parts = |v: Option<String>| -> Vec<String> {
        v.map(|s| {
            s.split('、')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
    };
    let (src, row, level_col) = (number("src")?, number("row")?, number("level_col")?);
    let (seq, content) = (text("seq")?, text("content")?);
    let levels = [text("level1")?, text("level2")?, text("level3")?];
    let (who_text, who_names, who_col) =
        (text("who_text")?, text("who_names")?, number("who_col")?);
    let (freq, freq_col) = (text("frequency")?, number("frequency_col")?);
    let (name, name_parts, name_col) = (text("name")?, text("name_parts")?, number("name_col")?);
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push(RawRow {
            src: src[i].unwrap_or_default(),
            row: row[i].unwrap_or_default(),
            seq: seq[i].clone(),
            levels: [0, 1, 2].map(|l| levels[l][i].clone()),
            level_col: level_col[i],
            content: content[i].clone(),
            who_text: who_text[i].clone(),
            who_names: parts(who_names[i].clone()),
            who_col: who_col[i],
            frequency: freq[i].clone(),
            frequency_col: freq_col[i],
            name: name[i].clone(),
            name_parts: parts(name_parts[i].clone()),
            name_col: name_col[i],
        });
    }
    Ok(out)
}

/// Where a cell is, for problems.
struct Here<'a> {
    file: &'a str,
    sheet: &'a str,
    row: u32,
}

impl Here<'_> {
    fn problem(&self, code: Code, col: Option<u32>, args: &[&str]) -> Problem {
        Problem::new(code, self.file, args).at(self.sheet, self.place(col))
    }

    fn place(&self, col: Option<u32>) -> Place {
        Place { row: self.row, col }
    }
}

/// The responsible units of one cell, before group phrases for domain units are known.
#[derive(Debug, Clone, Default)]
struct Who {
    text: String,
    /// The cell's names as printed where rows are put together by unit.
    names: Vec<String>,
    units: Vec<String>,
    groups: Vec<GroupUse>,
}

/// A group phrase used in a cell, with where, to report it if it selects nobody.
#[derive(Debug, Clone)]
struct GroupUse {
    /// How many units the cell named before the phrase: its units go there, so that the
    /// responsible units keep the cell's order (各镇乡、各部门、国税局).
    after: usize,
    phrase: String,
    meaning: Meaning,
    file: String,
    sheet: String,
    place: Option<Place>,
}

struct Pending {
    section: Section,
    who: Who,
}

struct Reader<'a> {
    resolver: &'a Resolver,
    groups: &'a Groups,
    pending: Vec<Pending>,
    problems: Vec<Problem>,
    /// The row each section was first read from, by all it says (levels, responsible
    /// units, frequency, content): a row pasted twice is read once.
    rows: HashMap<[String; 6], u32>,
}

impl Reader<'_> {
    fn table(&mut self, t: &SourceTable, shape: Shape, rows: &[&RawRow]) {
        let mut above: Option<[String; 3]> = None;
        let mut above_who: Option<Who> = None;
        for raw in rows {
            let here = Here {
                file: t.file,
                sheet: t.sheet,
                row: raw.row,
            };
            let who = match (&above_who, shape) {
                // A domain row with neither 序号 nor unit continues the unit above
                // (the printed annex merges both cells over the unit's domains).
                (Some(prev), Shape::Domains) if raw.seq.is_none() && raw.who_text.is_none() => {
                    prev.clone()
                }
                _ => self.who(raw, &here),
            };
            let named = match shape {
                Shape::Levels => levels(raw, above.as_ref()),
                Shape::Domains => self.domains(raw, &here),
                Shape::Named => raw
                    .name
                    .as_deref()
                    .map(|n| vec![([n.to_string(), String::new(), String::new()], None)])
                    .unwrap_or_default(),
            };
            if named.is_empty() {
                let col = raw.name_col.or(raw.level_col);
                self.problems
                    .push(here.problem(Code::MissingSectionName, col, &[]));
                continue;
            }
            let frequency = self.frequency(raw, &here);
            let frequency_text = raw.frequency.clone().unwrap_or_default();
            for (levels, domain) in named {
                above = Some(levels.clone());
                let content = raw.content.clone().unwrap_or_default();
                let [a, b, c] = levels.clone();
                let said = [a, b, c, who.text.clone(), frequency_text.clone(), content];
                if let Some(first) = self.rows.get(&said) {
                    let path = levels.iter().filter(|l| !l.is_empty()).cloned();
                    let path = path.collect::<Vec<_>>().join("/");
                    let first = first.to_string();
                    (self.problems).push(here.problem(
                        Code::RepeatedSection,
                        None,
                        &[&path, &first],
                    ));
                    continue;
                }
                self.rows.insert(said, raw.row);
                let domain = domain.or_else(|| domain_of(&levels));
                self.pending.push(Pending {
                    section: Section {
                        levels,
                        content: raw.content.clone().unwrap_or_default(),
                        responsible: Arc::from([]),
                        responsible_text: who.text.clone(),
                        responsible_names: who.names.join("、"),
                        frequency,
                        frequency_text: frequency_text.clone(),
                        domain,
                        source: Source {
                            file: t.file.to_string(),
                            sheet: t.sheet.to_string(),
                            row: raw.row,
                        },
                    },
                    who: who.clone(),
                });
            }
            above_who = Some(who);
        }
    }

    /// Every domain named in a domain-table cell: named as written (without its ordinal,
    /// as annexes reprint it: 保障住房领域), each resolved to its canonical domain.
    fn domains(&mut self, raw: &RawRow, here: &Here) -> Vec<([String; 3], Option<String>)> {
        let mut out = Vec::new();
        for part in &raw.name_parts {
            let key = names::key(part);
            if key.is_empty() {
                continue;
            }
            let domain = domains::by_key(&key).map(|d| d.name.to_string());
            if domain.is_none() {
                let mut p = here
                    .problem(Code::UnknownDomain, raw.name_col, &[part])
                    .value(part.as_str());
                let close = domains::closest(&key);
                if !close.is_empty() {
                    p = p.suggest(format!("最接近的领域：{}", close.join("、")));
                }
                self.problems.push(p);
            }
            let written = names::strip_ordinals(part).to_string();
            out.push(([written, String::new(), String::new()], domain));
        }
        out
    }

    fn frequency(&mut self, raw: &RawRow, here: &Here) -> Frequency {
        let text = raw.frequency.as_deref().unwrap_or_default();
        let frequency = frequency::parse(text);
        if frequency == Frequency::Unknown {
            self.problems.push(
                here.problem(Code::BadFrequency, raw.frequency_col, &[text])
                    .value(text),
            );
        }
        frequency
    }

    /// The units and groups of a responsible cell; every name that is neither is reported.
    fn who(&mut self, raw: &RawRow, here: &Here) -> Who {
        let text = raw.who_text.clone().unwrap_or_default();
        let mut who = Who {
            text: text.clone(),
            ..Who::default()
        };
        for name in &raw.who_names {
            let (printed, problems) = self.name(name, &mut who, here, raw.who_col);
            push_new(&mut who.names, &printed);
            for p in problems {
                self.problems.push(p.value(text.as_str()));
            }
        }
        who
    }

    /// One name of a responsible cell: a unit, a group, or `X等[phrase]`. Returns it as
    /// the units table names its unit (城管局 → 城市管理局), a role note or the group after
    /// 等 kept (城市管理局（牵头）, 城市管理局等有执法职权的单位), a group or a name the
    /// table lacks as written; and what it cannot place, as problems.
    fn name(
        &self,
        name: &str,
        who: &mut Who,
        here: &Here,
        col: Option<u32>,
    ) -> (String, Vec<Problem>) {
        if let Some(printed) = self.unit_or_group(name, who, here, col) {
            return (printed, Vec::new());
        }
        // A role note after the name: 民政局（牵头）, 财政局(配合).
        if let Some(bare) = without_note(name)
            && self.resolver.resolve(bare).is_some()
        {
            let (printed, problems) = self.name(bare, who, here, col);
            return (format!("{printed}{}", &name[bare.len()..]), problems);
        }
        let Some((head, tail)) = name.split_once('等') else {
            let p = if groups::looks_like_group(&groups::key(name)) {
                here.problem(Code::UndefinedGroup, col, &[name, name])
            } else {
                self.unknown(name, here, col)
            };
            return (name.to_string(), vec![p]);
        };
        let mut out = Vec::new();
        let mut printed = head.to_string();
        if !head.is_empty() {
            match self.unit_or_group(head, who, here, col) {
                Some(named) => printed = named,
                None => out.push(self.unknown(head, here, col)),
            }
        }
        let generic = ["", "单位", "部门", "相关单位", "有关单位", "其他单位"];
        if generic.contains(&tail) {
            out.push(here.problem(Code::OpenList, col, &[name]));
        } else if self.unit_or_group(tail, who, here, col).is_none() {
            out.push(here.problem(Code::UndefinedGroup, col, &[tail, tail]));
        }
        (format!("{printed}等{tail}"), out)
    }

    /// A unit (named as the units table names it) or a group (as written), recorded in
    /// `who`; `None` when `name` is neither.
    fn unit_or_group(
        &self,
        name: &str,
        who: &mut Who,
        here: &Here,
        col: Option<u32>,
    ) -> Option<String> {
        if let Some(unit) = self.resolver.resolve(name) {
            push_new(&mut who.units, unit);
            return Some(unit.to_string());
        }
        let meaning = self.groups.meaning(name)?;
        who.groups.push(GroupUse {
            after: who.units.len(),
            phrase: name.to_string(),
            meaning: meaning.clone(),
            file: here.file.to_string(),
            sheet: here.sheet.to_string(),
            place: col.map(|c| here.place(Some(c))),
        });
        Some(name.to_string())
    }

    fn unknown(&self, name: &str, here: &Here, col: Option<u32>) -> Problem {
        here.problem(Code::UnknownResponsible, col, &[name])
            .suggest_opt(self.resolver.suggestion(name))
    }

    /// Expands the groups: first every group but the domain units, then the domain units
    /// (the units of every domain section after the first step). Each phrase is expanded
    /// once, however many sections use it: a group may be most of a million units.
    fn finish(mut self) -> Read {
        let units = self.resolver.units();
        let shared =
            |names: Vec<String>| -> Vec<Arc<str>> { names.into_iter().map(Arc::from).collect() };
        let mut expanded: HashMap<String, Vec<Arc<str>>> = HashMap::new();
        let uses = self.pending.iter().flat_map(|p| &p.who.groups);
        for g in uses.filter(|g| g.meaning != Meaning::DomainUnits) {
            (expanded.entry(groups::key(&g.phrase)))
                .or_insert_with(|| shared(Groups::expand(&g.meaning, units, &[])));
        }
        for p in &mut self.pending {
            let named: Vec<Arc<str>> = p.who.units.iter().map(|u| Arc::from(u.as_str())).collect();
            let mut list = Names::default();
            let mut next = 0;
            for g in (p.who.groups.iter()).filter(|g| g.meaning != Meaning::DomainUnits) {
                list.extend(&named[next..g.after]);
                next = g.after;
                list.extend(expanded.get(&groups::key(&g.phrase)).into_iter().flatten());
            }
            list.extend(&named[next..]);
            p.section.responsible = list.names.into();
        }
        let mut domain_units = Names::default();
        for p in self.pending.iter().filter(|p| p.section.domain.is_some()) {
            domain_units.extend(p.section.responsible.iter());
        }
        let of_domains = shared(Groups::expand(
            &Meaning::DomainUnits,
            units,
            &domain_units.names,
        ));
        // A phrase that selects nobody is reported once, at its first cell.
        let mut reported: HashSet<String> = HashSet::new();
        for p in &mut self.pending {
            for g in &p.who.groups {
                let key = groups::key(&g.phrase);
                let selected = match g.meaning {
                    Meaning::DomainUnits => {
                        let had: HashSet<&str> =
                            (p.section.responsible.iter()).map(|u| &**u).collect();
                        let more: Vec<Arc<str>> = (of_domains.iter())
                            .filter(|u| !had.contains(&***u))
                            .cloned()
                            .collect();
                        let all = p.section.responsible.iter().cloned().chain(more);
                        p.section.responsible = all.collect();
                        &of_domains
                    }
                    _ => expanded.get(&key).map_or(&[][..], Vec::as_slice),
                };
                if selected.is_empty() && reported.insert(key) {
                    let why = Groups::why_empty(&g.meaning);
                    self.problems.push(
                        Problem::new(Code::EmptyGroup, &g.file, &[&g.phrase, &why])
                            .at(&g.sheet, g.place),
                    );
                }
            }
        }
        let by_category = (self.pending.iter().flat_map(|p| &p.who.groups))
            .find(|g| g.meaning.by_category())
            .map(|g| (g.phrase.clone(), g.file.clone()));
        let sections = self.pending.into_iter().map(|p| p.section).collect();
        Read {
            sections,
            problems: self.problems,
            by_category,
        }
    }
}

/// The levels of a sections-table row. A blank level before the row's last filled one
/// continues the row above, as in the printed annex, where a higher level is written
/// once above its children, when the levels before it are the same as above (a merged
/// cell, which reading fills, reads the same way). A row with no level of its own names
/// no section (S006): it is never taken for the row above.
fn levels(raw: &RawRow, above: Option<&[String; 3]>) -> Vec<([String; 3], Option<String>)> {
    let Some(last) = raw.levels.iter().rposition(Option::is_some) else {
        return Vec::new();
    };
    let mut levels: [String; 3] = Default::default();
    for l in 0..=last {
        levels[l] = match (&raw.levels[l], above) {
            (Some(name), _) => name.clone(),
            (None, Some(prev)) if prev[..l] == levels[..l] => prev[l].clone(),
            (None, _) => String::new(),
        };
    }
    vec![(levels, None)]
}

/// A name without a trailing bracketed note, when it has one and something before it.
fn without_note(name: &str) -> Option<&str> {
    let body = name.strip_suffix(')').or_else(|| name.strip_suffix('）'))?;
    let open = body.rfind(['(', '（'])?;
    (open > 0).then(|| &name[..open])
}

/// Names in the order first given, each once; a set keeps it linear when a group expands
/// to thousands of units.
#[derive(Default)]
struct Names<'a> {
    names: Vec<Arc<str>>,
    seen: HashSet<&'a str>,
}

impl<'a> Names<'a> {
    fn extend(&mut self, more: impl IntoIterator<Item = &'a Arc<str>>) {
        for name in more {
            if self.seen.insert(name) {
                self.names.push(name.clone());
            }
        }
    }
}

fn push_new(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_string());
    }
}

/// The domain a sections-table row is, by its own (deepest) level name.
fn domain_of(levels: &[String; 3]) -> Option<String> {
    let own = levels.iter().rev().find(|l| !l.is_empty())?;
    domains::by_key(&names::key(own)).map(|d| d.name.to_string())
}

/// The pilot domain `section` belongs to: the one it is, else the one a level above it
/// names (重点领域/安全生产/安全生产监管 belongs to 安全生产, without being it); with the
/// name that says so as the table writes it (环境保护 for 生态环境).
pub(crate) fn domain_within(section: &Section) -> Option<(&'static str, &str)> {
    if let Some(own) = &section.domain {
        let domain = domains::DOMAINS.iter().find(|d| d.name == own)?;
        return Some((domain.name, section.name()));
    }
    let own = section.levels.iter().rposition(|l| !l.is_empty())?;
    (section.levels[..own].iter().rev())
        .find_map(|level| Some((domains::by_key(&names::key(level))?.name, level.as_str())))
}
