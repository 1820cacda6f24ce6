//! The checks across catalogue sheets: who compiled each catalogue (its sender, else the
//! one unit its 公开主体 cells name), whether each 公开主体 is a unit responsible for the
//! matter's domain (seed 002 Annex 1), the same matter listed twice, and whether every
//! domain has a catalogue from each of its responsible units.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::read::{Placed, SheetRead};
use super::{Catalogue, DomainCoverage, Matter};
use crate::coverage::DOMAINS;
use crate::coverage::names::strip_ordinals;
use crate::coverage::sections::domain_within;
use crate::model::{Section, Source};
use crate::normalise::Resolver;
use crate::normalise::text::{clean_text, title_key};
use crate::normalise::units::Sender;
use crate::problems::{Code, Place, Problem};

/// Each domain's responsible units and the reference row that assigns them.
struct Assigned {
    /// The domain as the table names it, without its ordinal: 保障住房领域.
    name: String,
    units: Vec<String>,
    /// The reference row that first names each of `units`, in the same order: what M011
    /// about that unit cites.
    rows: Vec<Source>,
}

impl Assigned {
    /// The domain as the workspace's table names it, as a message names it: 保障住房领域.
    fn called(&self) -> String {
        match self.name.ends_with("领域") {
            true => self.name.clone(),
            false => format!("{}领域", self.name),
        }
    }
}

/// Runs every check over the sheets read; returns the catalogue and what was found.
pub(super) fn check(
    sheets: Vec<SheetRead>,
    resolver: &Resolver,
    sections: &[Section],
) -> (Catalogue, Vec<Problem>) {
    let assigned = assigned(sections);
    let mut problems = Vec::new();
    let mut placed = Vec::new();
    for mut sheet in sheets {
        problems.append(&mut sheet.problems);
        let unit = sender(&sheet, resolver, &mut problems);
        if unit.is_none() {
            mark_all(&mut sheet.matters, |_| true, problems.last());
        }
        if let Some(u) = &unit {
            not_responsible(&mut sheet, u, &assigned, &mut problems);
        }
        for mut p in sheet.matters {
            p.matter.unit = unit.clone();
            subject(&mut p, resolver, &assigned, &mut problems);
            placed.push(p);
        }
    }
    duplicates(&mut placed, &mut problems);
    let mut matters: Vec<Matter> = placed.into_iter().map(|p| p.matter).collect();
    let order = |d: Option<&str>| {
        d.and_then(|d| DOMAINS.iter().position(|x| x.name == d))
            .unwrap_or(DOMAINS.len())
    };
    matters.sort_by_key(|m| order(m.domain));
    let domains = coverage(&matters, &assigned, &mut problems);
    (Catalogue { matters, domains }, problems)
}

/// Marks the matters `which` selects with `problem`.
fn mark_all(matters: &mut [Placed], which: impl Fn(&Matter) -> bool, problem: Option<&Problem>) {
    let Some(problem) = problem else { return };
    for p in matters.iter_mut().filter(|p| which(&p.matter)) {
        p.matter.mark(problem);
    }
}

/// M012, once per domain of the sheet that its compiler `unit` is not responsible for.
fn not_responsible(
    sheet: &mut SheetRead,
    unit: &str,
    assigned: &BTreeMap<&'static str, Assigned>,
    problems: &mut Vec<Problem>,
) {
    let domains: BTreeSet<&'static str> = sheet
        .matters
        .iter()
        .filter_map(|p| p.matter.domain)
        .collect();
    for d in domains {
        let Some(a) = assigned
            .get(d)
            .filter(|a| !a.units.iter().any(|u| u == unit))
        else {
            continue;
        };
        let called = a.called();
        let found = Problem::new(Code::SenderNotResponsible, &sheet.file, &[unit, &called])
            .at(&sheet.sheet, None)
            .suggest(format!("{called}的责任单位：{}", a.units.join("、")));
        mark_all(&mut sheet.matters, |m| m.domain == Some(d), Some(&found));
        problems.push(found);
    }
}

/// Each pilot domain of the sections and domain tables with its responsible units: the
/// units of the sections that are the domain or lie within it.
fn assigned(sections: &[Section]) -> BTreeMap<&'static str, Assigned> {
    let mut out: BTreeMap<&'static str, Assigned> = BTreeMap::new();
    for s in sections {
        let Some((domain, written)) = domain_within(s) else {
            continue;
        };
        let entry = out.entry(domain).or_insert_with(|| Assigned {
            name: strip_ordinals(written).to_string(),
            units: Vec::new(),
            rows: Vec::new(),
        });
        for u in s.responsible.iter() {
            if !entry.units.iter().any(|e| **e == **u) {
                entry.units.push(u.to_string());
                entry.rows.push(s.source.clone());
            }
        }
    }
    out
}

/// The unit that compiled a sheet: its sender, else the one unit its subjects name.
fn sender(sheet: &SheetRead, resolver: &Resolver, problems: &mut Vec<Problem>) -> Option<String> {
    let why = match &sheet.sender {
        Sender::Unit(u) => return Some(u.clone()),
        Sender::Conflict(how) => how.clone(),
        Sender::Unknown(line) => {
            let named: BTreeSet<String> = sheet
                .matters
                .iter()
                .flat_map(|p| subject_units(&p.matter.subject, resolver))
                .collect();
            if let [one] = Vec::from_iter(&named)[..] {
                return Some(one.clone());
            }
            match line {
                Some(line) => format!(
                    "「填报单位：」行的「{line}」不在单位名称表中，文件名、文件夹和公开主体也没有给出唯一可识别的单位"
                ),
                None => {
                    "「填报单位：」行、文件名、文件夹和公开主体都没有给出唯一可识别的单位".into()
                }
            }
        }
    };
    problems.push(
        Problem::new(Code::NoCatalogueUnit, &sheet.file, &[&why])
            .at(&sheet.sheet, None)
            .suggest("在表格上方加一行“填报单位：单位名称”，或把单位名称写进文件名"),
    );
    None
}

/// The canonical units a 公开主体 cell names (it may name several: 市教育局、各学校).
fn subject_units(subject: &str, resolver: &Resolver) -> Vec<String> {
    subject_parts(subject)
        .filter_map(|part| resolver.resolve(&part).map(str::to_string))
        .collect()
}

/// The names of a 公开主体 cell, each without a note of its part (民政局（牵头）).
fn subject_parts(subject: &str) -> impl Iterator<Item = Cow<'_, str>> {
    subject
        .split(['、', '，', ',', ';', '；', '/', '／', ' '])
        .map(without_role)
        .filter_map(|part| clean_text(part, true))
}

/// `民政局（牵头）` → `民政局`: the part a unit plays, written after its name.
fn without_role(name: &str) -> &str {
    const ROLES: [&str; 6] = ["牵头", "配合", "负责", "主办", "协办", "会同"];
    let name = name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = name.strip_suffix(close)
            && let Some((unit, role)) = rest.rsplit_once(open)
            && ROLES.contains(&role.trim())
        {
            return unit;
        }
    }
    name
}

/// Whether a name of a 公开主体 cell names a kind of body rather than one unit: 各学校,
/// 相关单位, 乡镇人民政府, 村（居）委会 — as the State Council's guides write them.
fn is_group(name: &str) -> bool {
    const KINDS: [&str; 9] = [
        "乡镇",
        "街道",
        "社区",
        "村（居）",
        "村(居)",
        "村委",
        "居委",
        "属地",
        "学校",
    ];
    ["各", "相关", "有关"].iter().any(|w| name.starts_with(w))
        || KINDS.iter().any(|k| name.contains(k))
}

/// M004 for a subject that names no known unit, or for the names of several that are no
/// unit; M005 for one none of whose units is responsible for the matter's domain.
fn subject(
    p: &mut Placed,
    resolver: &Resolver,
    assigned: &BTreeMap<&'static str, Assigned>,
    problems: &mut Vec<Problem>,
) {
    let m = &p.matter;
    if m.subject.is_empty() {
        return;
    }
    let units = subject_units(&m.subject, resolver);
    if units.len() == subject_parts(&m.subject).count() {
        p.matter.subject_units = Some(units.join("、"));
    }
    let m = &p.matter;
    let at = |code, args: &[&str]| {
        let cell = Place {
            row: m.source.row,
            col: p.subject_col,
        };
        Problem::new(code, &m.source.file, args)
            .at(&m.source.sheet, Some(cell))
            .value(m.subject.as_str())
    };
    // Each subject must be a unit (司法局、城管局: 城管局 is said); a kind of body (各学校,
    // 乡镇人民政府) is not asked to be.
    let unknown: Vec<String> = (subject_parts(&m.subject))
        .filter(|part| resolver.resolve(part).is_none() && !is_group(part))
        .map(|part| part.into_owned())
        .collect();
    let mut found = Vec::new();
    if units.is_empty() {
        if !unknown.is_empty() {
            let p = at(Code::UnknownSubject, &[&m.subject]);
            found.push(p.suggest_opt(resolver.suggestion(&m.subject)));
        }
    } else {
        if let Some(first) = unknown.first() {
            let p = at(Code::UnknownSubject, &[&unknown.join("、")]);
            found.push(p.suggest_opt(resolver.suggestion(first)));
        }
        let domain = m.domain.and_then(|d| assigned.get(d));
        if let Some(a) = domain.filter(|a| !units.iter().any(|u| a.units.contains(u))) {
            let args = [m.subject.as_str(), &a.called(), &a.units.join("、")];
            found.push(at(Code::SubjectNotResponsible, &args));
        }
    }
    for problem in found {
        p.matter.mark(&problem);
        problems.push(problem);
    }
}

/// M008 for every matter whose domain, 一级事项 and name repeat an earlier one's.
fn duplicates(placed: &mut [Placed], problems: &mut Vec<Problem>) {
    let mut first: HashMap<(Option<&str>, String, String), usize> = HashMap::new();
    let mut found = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        let m = &p.matter;
        if m.name.is_empty() {
            continue;
        }
        let key = (m.domain, title_key(&m.level1), title_key(&m.name));
        if let Some(&j) = first.get(&key) {
            found.push((i, j));
        } else {
            first.insert(key, i);
        }
    }
    for (i, j) in found {
        let earlier = &placed[j].matter;
        let who = earlier.unit.as_deref().unwrap_or("编制单位不明");
        let which = format!(
            "「{}」第 {} 行（{who}）",
            earlier.source.file, earlier.source.row
        );
        let p = &mut placed[i];
        let m = &p.matter;
        let cell = Place {
            row: m.source.row,
            col: p.name_col,
        };
        let problem = Problem::new(Code::DuplicateMatter, &m.source.file, &[&m.name, &which])
            .at(&m.source.sheet, Some(cell))
            .value(m.name.as_str());
        p.matter.mark(&problem);
        problems.push(problem);
    }
}

/// Each domain assigned or catalogued, in the State Council's order, with M011 for each
/// responsible unit that sent no catalogue for it.
fn coverage(
    matters: &[Matter],
    assigned: &BTreeMap<&'static str, Assigned>,
    problems: &mut Vec<Problem>,
) -> Vec<DomainCoverage> {
    let mut out = Vec::new();
    for d in DOMAINS.iter().map(|d| d.name) {
        let own: Vec<&Matter> = matters.iter().filter(|m| m.domain == Some(d)).collect();
        let a = assigned.get(d);
        if own.is_empty() && a.is_none() {
            continue;
        }
        let mut units: Vec<String> = Vec::new();
        for u in own.iter().filter_map(|m| m.unit.as_ref()) {
            if !units.contains(u) {
                units.push(u.clone());
            }
        }
        let responsible = a.map(|a| a.units.clone()).unwrap_or_default();
        let missing: Vec<String> = responsible
            .iter()
            .filter(|u| !units.contains(u))
            .cloned()
            .collect();
        for (u, row) in a.iter().flat_map(|a| a.units.iter().zip(&a.rows)) {
            if missing.contains(u) {
                problems.push(
                    Problem::new(Code::NotCatalogued, &row.file, &[d, u])
                        .at(&row.sheet, Place::row(row.row))
                        .about(u),
                );
            }
        }
        out.push(DomainCoverage {
            domain: d,
            name: a.map_or_else(|| format!("{d}领域"), |a| a.name.clone()),
            responsible,
            units,
            missing,
            matters: own.len(),
            marked: own.iter().filter(|m| !m.marks.is_empty()).count(),
        });
    }
    out
}
