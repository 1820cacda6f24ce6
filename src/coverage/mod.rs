//! Sections, pilot domains and responsibility coverage (seeds 000 and 002).
//!
//! `sections::read` turns located sections and domain tables into `Section`s, group
//! phrases in 保障单位 expanded through `Groups` and 更新频率 read by `frequency`;
//! `SectionIndex` resolves an item's 栏目 to a section; `check` measures coverage as of a
//! judgement date, `judge` saying what each section's rule finds (`spans`: the calendar
//! intervals and deadlines it counts in).

pub(crate) mod check;
pub(crate) mod domains;
pub(crate) mod frequency;
pub(crate) mod groups;
pub(crate) mod judge;
pub(crate) mod names;
pub(crate) mod resolve;
pub(crate) mod sections;
pub(crate) mod spans;
#[cfg(test)]
mod tests;

pub(crate) use check::check;
pub(crate) use check::{Coverage, Placement, SectionCoverage, UnitCoverage};
pub(crate) use domains::DOMAINS;
pub(crate) use groups::Groups;
pub(crate) use sections::{FRAMING, read};

use crate::model::Section;
use crate::problems::{Code, Problem};

/// The codes [`Words::reword_problem`] rewords.
pub(crate) const WORDED: &[Code] = &[
    Code::UnknownResponsible,
    Code::OpenList,
    Code::EmptyGroup,
    Code::BadFrequency,
    Code::UnknownDomain,
    Code::NoResponsible,
    Code::UnitSilent,
    Code::Sleeping,
    Code::NeverUpdated,
    Code::UnresolvedSection,
    Code::OutsideResponsibility,
    Code::TimelinessUnchecked,
    Code::NoSection,
    Code::RepeatedSection,
    Code::LatePublication,
];

/// What a workspace calls the things its units answer for: the 栏目 of a sections table
/// with their 保障单位, or — where a pilot domain table (seed 002's 责任分工表) is its only
/// table — the 领域 with their 责任单位.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Words {
    #[default]
    Sections,
    Domains,
}

impl Words {
    /// The words of a workspace whose `sections` were read, the domain table being
    /// `domains_file` where it has one ([`crate::reference::Reference::words`]).
    pub(crate) fn of(sections: &[Section], domains_file: Option<&str>) -> Self {
        match domains_file {
            Some(f) if sections.iter().all(|s| s.source.file == f) => Self::Domains,
            _ => Self::Sections,
        }
    }

    /// `p` in these words, where its code speaks of 栏目, 栏目表 or 保障单位 (not where
    /// it names a table's columns, as S006 and S015 do).
    pub(crate) fn reword_problem(self, p: &mut Problem) {
        if self == Self::Sections || !WORDED.contains(&p.code) {
            return;
        }
        p.message = self.reword(&p.message);
        p.suggestion = p.suggestion.as_deref().map(|s| self.reword(s));
        p.advice = p.advice.take().or(Some(p.code.advice_in(self).into()));
    }

    /// 栏目 or 领域.
    pub(crate) fn section(self) -> &'static str {
        match self {
            Self::Sections => "栏目",
            Self::Domains => "领域",
        }
    }

    /// 保障单位 or 责任单位.
    pub(crate) fn responsible(self) -> &'static str {
        match self {
            Self::Sections => "保障单位",
            Self::Domains => "责任单位",
        }
    }

    /// `text`, written with a sections table's words, in these words: 栏目表 becomes
    /// 责任分工表, 保障单位 责任单位 and 栏目 领域 — outside 「」, which quote what a user
    /// wrote.
    pub(crate) fn reword(self, text: &str) -> String {
        if self == Self::Sections {
            return text.to_string();
        }
        outside_quotes(text, |plain| {
            (plain.replace("栏目表", "责任分工表"))
                .replace("保障单位", "责任单位")
                .replace("栏目", "领域")
        })
    }
}

/// `text` with `change` applied to what lies outside 「」, which quote what a user wrote
/// and are never changed.
pub(crate) fn outside_quotes(text: &str, change: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = rest.find('「').unwrap_or(rest.len());
        let close = (rest[open..].find('」')).map_or(rest.len(), |c| open + c + '」'.len_utf8());
        out.push_str(&change(&rest[..open]));
        out.push_str(&rest[open..close]);
        if close == rest.len() {
            return out;
        }
        rest = &rest[close..];
    }
}
