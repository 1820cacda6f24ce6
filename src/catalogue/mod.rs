//! Standard catalogues (标准目录, seed 002): each responsible unit sends, per pilot domain,
//! its disclosure matters with the 8 elements 事项名称, 公开内容, 公开依据, 公开时限, 公开主体,
//! 公开方式, 公开渠道(和载体), 公开对象. `collect` reads every catalogue sheet of a run into
//! [`Matter`]s, checks each element, the subject's responsibility and duplicates, and
//! measures which domains have a catalogue from each of their responsible units. A matter
//! with a problem is kept and marked, never dropped. Catalogues are not filtered by period.

mod checks;
mod domain;
pub(crate) mod elements;
mod read;

use serde::Serialize;

pub(crate) use elements::{Audience, Manner, TimeLimit};

use crate::ingest::{Input, SheetAt, SheetKind, Status};
use crate::layout::{Field, MetaKey, Table};
use crate::model::Source;
use crate::normalise::text::simplified;
use crate::normalise::{Account, Framing};
use crate::problems::{Code, Problem};
use crate::reference::Reference;

/// How a catalogue's rows are framed: every element, the 领域 column and 备注, as written.
pub(crate) const FRAMING: Framing = Framing {
    fields: &[
        Field::MatterLevel1,
        Field::MatterLevel2,
        Field::Matter,
        Field::Content,
        Field::Basis,
        Field::TimeLimit,
        Field::Subject,
        Field::Manner,
        Field::Channel,
        Field::Audience,
        Field::Remark,
        Field::Section,
    ],
    names: &[],
    across: None,
};

/// The 8 elements of a catalogue entry, each with the fields that hold it (a matter's
/// name is its 二级事项 or 事项名称, with its 一级事项 beside it).
pub(crate) const ELEMENTS: [(&str, &[Field]); 8] = [
    (
        "事项名称",
        &[Field::Matter, Field::MatterLevel1, Field::MatterLevel2],
    ),
    ("公开内容", &[Field::Content]),
    ("公开依据", &[Field::Basis]),
    ("公开时限", &[Field::TimeLimit]),
    ("公开主体", &[Field::Subject]),
    ("公开方式", &[Field::Manner]),
    ("公开渠道和载体", &[Field::Channel]),
    ("公开对象", &[Field::Audience]),
];

/// Whether a located table is a catalogue: a matter column and another element, or
/// three elements of the 8.
pub(crate) fn is_catalogue(table: &Table) -> bool {
    let has = |fields: &[Field]| fields.iter().any(|f| table.has(*f));
    let elements = ELEMENTS.iter().filter(|(_, fields)| has(fields)).count();
    elements >= 3 || (has(ELEMENTS[0].1) && elements >= 2)
}

/// One disclosure matter (事项) as its catalogue wrote it, with the rules read from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Matter {
    /// The pilot domain's canonical name; `None` where no signal names one.
    pub(crate) domain: Option<&'static str>,
    /// 编制单位: the unit whose catalogue this is, where known.
    pub(crate) unit: Option<String>,
    /// 一级事项, where the catalogue has that level.
    pub(crate) level1: String,
    /// 二级事项 or 事项名称 (the 一级事项 where there is no lower level).
    pub(crate) name: String,
    /// Whether the matter has one level only: its name is a 事项名称 or a lone 一级事项,
    /// with no 一级事项 above it and no 二级事项 below it. A printed catalogue shows it
    /// under 一级事项.
    #[serde(skip)]
    pub(crate) one_level: bool,
    /// 公开内容.
    pub(crate) content: String,
    /// 公开依据.
    pub(crate) basis: String,
    /// 公开时限 as written.
    pub(crate) time_limit: String,
    /// 公开时限 read as a rule, where it could be.
    pub(crate) time_rule: Option<TimeLimit>,
    /// 公开主体.
    pub(crate) subject: String,
    /// 公开主体 as the units table names its units (发改局 for 赤壁市发改局), where it
    /// names nothing else: what a printed catalogue shows.
    #[serde(skip)]
    pub(crate) subject_units: Option<String>,
    /// 公开方式 as written, or the ticked choices.
    pub(crate) manner: String,
    /// 公开方式 read, where it could be.
    pub(crate) manner_rule: Option<Manner>,
    /// 公开渠道和载体.
    pub(crate) channel: String,
    /// 公开对象 as written, or the ticked choices.
    pub(crate) audience: String,
    /// 公开对象 read, where it could be.
    pub(crate) audience_rule: Option<Audience>,
    /// 备注.
    pub(crate) remark: String,
    /// The row it came from.
    pub(crate) source: Source,
    /// The messages of the problems found in it, for the outputs to show beside it.
    pub(crate) marks: Vec<String>,
    /// The same problems in a few words each (缺公开依据, 事项重复), for a printed
    /// catalogue's 备注.
    #[serde(skip)]
    pub(crate) notes: Vec<String>,
}

impl Matter {
    /// Marks the matter with `problem`, found in it.
    pub(crate) fn mark(&mut self, problem: &Problem) {
        self.marks.push(problem.message.clone());
        let note = match problem.code {
            Code::BadTimeLimit => "公开时限不明确",
            Code::UnknownSubject => "公开主体不在单位名称表中",
            Code::SubjectNotResponsible => "公开主体不是责任单位",
            Code::BadManner => "公开方式不明确",
            Code::BadAudience => "公开对象不明确",
            Code::DuplicateMatter => "事项重复",
            Code::DomainConflict => "所属领域不一致",
            Code::NoDomain => "所属领域不明",
            Code::SenderNotResponsible => "编制单位不是责任单位",
            Code::NoCatalogueUnit => "编制单位不明",
            _ => "",
        };
        self.note(note);
    }

    /// Marks the matter with `problem`, that its element `element` is missing.
    pub(crate) fn mark_missing(&mut self, problem: &Problem, element: &str) {
        self.marks.push(problem.message.clone());
        self.note(&format!("缺{element}"));
    }

    fn note(&mut self, note: &str) {
        if !note.is_empty() && !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_string());
        }
    }

    /// The element `name` of [`ELEMENTS`] as written.
    pub(crate) fn element(&self, name: &str) -> &str {
        match name {
            "事项名称" => &self.name,
            "公开内容" => &self.content,
            "公开依据" => &self.basis,
            "公开时限" => &self.time_limit,
            "公开主体" => &self.subject,
            "公开方式" => &self.manner,
            "公开渠道和载体" => &self.channel,
            "公开对象" => &self.audience,
            _ => "",
        }
    }
}

/// How one domain is covered by catalogues.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DomainCoverage {
    /// The domain's canonical name.
    pub(crate) domain: &'static str,
    /// The domain as the workspace's table names it (保障住房领域, as seed 002 writes
    /// it), else its canonical name with 领域: what the outputs print.
    pub(crate) name: String,
    /// Its responsible units (the domain table's); empty where the workspace has none.
    pub(crate) responsible: Vec<String>,
    /// Units whose catalogues list matters of it.
    pub(crate) units: Vec<String>,
    /// Responsible units that sent no catalogue for it.
    pub(crate) missing: Vec<String>,
    /// How many matters it has.
    pub(crate) matters: usize,
    /// Matters with at least one problem.
    pub(crate) marked: usize,
}

/// Every catalogue of a run: the matters in the State Council's domain order (matters
/// whose domain is unknown last), and the coverage of each domain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Catalogue {
    /// Every matter, by domain.
    pub(crate) matters: Vec<Matter>,
    /// The domains the workspace assigns and those catalogued, in the State Council's order.
    pub(crate) domains: Vec<DomainCoverage>,
}

impl Catalogue {
    /// The matters of `domain` (`None`: those whose domain is unknown), in order.
    pub(crate) fn of(&self, domain: Option<&str>) -> impl Iterator<Item = &Matter> {
        self.matters.iter().filter(move |m| m.domain == domain)
    }

    /// Domains that have no catalogue at all.
    pub(crate) fn uncatalogued(&self) -> Vec<&'static str> {
        self.domains
            .iter()
            .filter(|d| d.matters == 0)
            .map(|d| d.domain)
            .collect()
    }
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// `None` when the run read no catalogue sheet.
    pub(crate) catalogue: Option<Catalogue>,
    /// What the checks found, in the sheets and across them.
    pub(crate) problems: Vec<Problem>,
    /// Row accounting of each catalogue sheet.
    pub(crate) accounts: Vec<(SheetAt, Account)>,
}

/// Reads the catalogue sheets of `inputs` and checks them against the units and the
/// domains' responsible units of `reference`; a sheet that [`looks_unread`] is M014.
pub(crate) fn collect(inputs: &[Input], reference: &Reference) -> Collected {
    let mut sheets = Vec::new();
    let mut collected = Collected::default();
    for (i, input) in inputs.iter().enumerate() {
        if input.status != Status::Ok {
            continue;
        }
        let catalogues = (input.sheets.iter())
            .filter(|s| s.kind == SheetKind::Catalogue)
            .count();
        for (s, sheet) in input.sheets.iter().enumerate() {
            let located = sheet.located.as_ref();
            match located.filter(|_| sheet.kind == SheetKind::Catalogue) {
                Some(located) => {
                    let read = read::sheet(
                        &input.path,
                        catalogues > 1,
                        &sheet.name,
                        located,
                        &reference.resolver,
                    );
                    collected.accounts.push(((i, s), read.account));
                    sheets.push(read);
                }
                None => collected.problems.extend(unread_catalogue(input, s)),
            }
        }
    }
    if sheets.is_empty() {
        return collected;
    }
    let (catalogue, problems) = checks::check(sheets, &reference.resolver, &reference.sections);
    collected.catalogue = Some(catalogue);
    collected.problems.extend(problems);
    collected
}

/// Whether a sheet that was not read looks like a catalogue, by a title, sheet or file
/// name that says 目录: its L001 or L006 gives way to M014, which says what a catalogue
/// needs.
pub(crate) fn looks_unread(input: &Input, sheet: usize) -> bool {
    let Some(s) = input.sheets.get(sheet) else {
        return false;
    };
    let unread = match &s.located {
        Some(located) => located.rows.height() > 0,
        None => input
            .problems
            .iter()
            .any(|p| p.code == Code::NoHeader && p.sheet.as_deref() == Some(&s.name)),
    };
    if s.kind != SheetKind::Other || !unread {
        return false;
    }
    let says = |t: &str| simplified(t).contains("目录");
    let titled = s.table().is_some_and(|t| {
        t.meta
            .iter()
            .any(|m| m.key == MetaKey::Title && says(&m.value))
    });
    let stem = std::path::Path::new(&input.path)
        .file_stem()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    titled || says(&s.name) || says(&stem)
}

/// M014 for a sheet that [`looks_unread`], saying where it says 目录 and what was not read.
fn unread_catalogue(input: &Input, sheet: usize) -> Option<Problem> {
    if !looks_unread(input, sheet) {
        return None;
    }
    let s = &input.sheets[sheet];
    let rows = s.located.as_ref().map_or(0, |l| l.rows.height());
    let what = if rows > 0 {
        format!("标题或名称含“目录”，表中 {rows} 行")
    } else {
        "标题或名称含“目录”".to_string()
    };
    Some(Problem::new(Code::NotACatalogue, &input.path, &[&what]).at(&s.name, None))
}
