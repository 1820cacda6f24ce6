//! Resolving the 栏目 an item was filed under to one section of the sections table.
//!
//! A name is compared by its key (`names::key`) with every level of every section and
//! with the canonical domain names. The rule when a name fits several sections:
//! 1. a section whose own (deepest) name or domain it is beats the sections filed under
//!    it as a higher level: `通知公告` is that row, `政务动态` is every row beneath it;
//! 2. among the sections left, those the item's unit answers for come first;
//! 3. then the first in the order of the sections table, as the office printed it.
//!
//! A path such as `政务动态/通知公告` or `政务动态>通知公告` is read by its last part,
//! narrowed to the sections whose levels hold the other parts.

use std::collections::HashMap;

use super::names;
use crate::model::Section;
use crate::normalise::units::similarity;

/// Characters that separate the levels of a written section path.
const PATH_SEPARATORS: &[char] = &['/', '／', '>', '＞', '→', '|', '\\', '-', '—'];

/// Finds sections by any level's name or domain name.
#[derive(Debug, Clone)]
pub(crate) struct SectionIndex<'a> {
    sections: &'a [Section],
    /// Key → sections whose own name or domain it is, in table order.
    own: HashMap<String, Vec<usize>>,
    /// Key → sections that have it as a higher level, in table order.
    under: HashMap<String, Vec<usize>>,
    /// Level keys of each section, for narrowing by a written path.
    keys: Vec<Vec<String>>,
}

impl<'a> SectionIndex<'a> {
    pub(crate) fn new(sections: &'a [Section]) -> Self {
        let mut own: HashMap<String, Vec<usize>> = HashMap::new();
        let mut under: HashMap<String, Vec<usize>> = HashMap::new();
        let mut keys = Vec::with_capacity(sections.len());
        for (i, s) in sections.iter().enumerate() {
            let levels: Vec<&String> = s.levels.iter().filter(|l| !l.is_empty()).collect();
            let level_keys: Vec<String> = levels.iter().map(|l| names::key(l)).collect();
            if let Some((last, above)) = level_keys.split_last() {
                own.entry(last.clone()).or_default().push(i);
                for k in above {
                    let entry = under.entry(k.clone()).or_default();
                    if entry.last() != Some(&i) {
                        entry.push(i);
                    }
                }
            }
            if let Some(d) = &s.domain {
                let entry = own.entry(d.clone()).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
            keys.push(level_keys);
        }
        Self {
            sections,
            own,
            under,
            keys,
        }
    }

    /// The section an item filed under `name` by `unit` counts for, by the rule above.
    pub(crate) fn resolve(&self, name: &str, unit: Option<&str>) -> Option<usize> {
        let key = names::key(name);
        if let Some(found) = self.candidates(&key) {
            return Some(self.pick(found, unit));
        }
        let parts: Vec<String> = name
            .split(PATH_SEPARATORS)
            .filter(|p| !p.is_empty())
            .map(names::key)
            .collect();
        let (last, above) = parts.split_last().filter(|(_, above)| !above.is_empty())?;
        let found = self.candidates(last)?;
        let narrowed: Vec<usize> = found
            .iter()
            .copied()
            .filter(|&i| above.iter().all(|p| self.keys[i].contains(p)))
            .collect();
        let found = if narrowed.is_empty() {
            found
        } else {
            &narrowed
        };
        Some(self.pick(found, unit))
    }

    /// Whether `name` is a section's name at some level, or a domain's, as written.
    pub(crate) fn names(&self, name: &str) -> bool {
        self.candidates(&names::key(name)).is_some()
    }

    fn candidates(&self, key: &str) -> Option<&Vec<usize>> {
        self.own
            .get(key)
            .or_else(|| self.under.get(key))
            .filter(|v| !v.is_empty())
    }

    fn pick(&self, found: &[usize], unit: Option<&str>) -> usize {
        let answers = |i: &&usize| {
            unit.is_some_and(|u| self.sections[**i].responsible.iter().any(|r| &**r == u))
        };
        // Invariant: `candidates` never returns an empty list.
        *found.iter().find(answers).or(found.first()).unwrap_or(&0)
    }

    /// Up to three section names closest to an unresolved one, best first.
    pub(crate) fn suggest(&self, name: &str) -> Vec<String> {
        let key = names::key(name);
        let mut scored: Vec<(f64, &String)> = self
            .own
            .keys()
            .chain(self.under.keys())
            .map(|k| (similarity(&key, k), k))
            .filter(|(s, _)| *s >= 0.34)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, k) in scored {
            if !out.contains(k) {
                out.push(k.clone());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frequency, Source};

    fn section(levels: [&str; 3], responsible: &[&str], domain: Option<&str>) -> Section {
        Section {
            levels: levels.map(String::from),
            content: String::new(),
            responsible: responsible.iter().map(|&s| s.into()).collect(),
            responsible_text: responsible.join("、"),
            responsible_names: responsible.join("、"),
            frequency: Frequency::Every(crate::model::Interval::Month),
            frequency_text: "每月".into(),
            domain: domain.map(String::from),
            source: Source {
                file: "reference/sections.xlsx".into(),
                sheet: "Sheet1".into(),
                row: 1,
            },
        }
    }

    fn sections() -> Vec<Section> {
        vec![
            section(["信息公开", "政务动态", "时政要闻"], &["政府办"], None),
            section(
                ["信息公开", "政务动态", "通知公告"],
                &["民政局", "政府办"],
                None,
            ),
            section(["信息公开", "政务动态", "部门动态"], &["民政局"], None),
            section(
                ["信息公开", "重点领域公开", "社会救助"],
                &["民政局"],
                Some("社会救助"),
            ),
            section(
                ["信息公开", "重点领域公开", "危房改造"],
                &["住建局"],
                Some("农村危房改造"),
            ),
            section(["专题专栏", "通知公告", ""], &["政府办"], None),
        ]
    }

    #[test]
    fn an_own_name_beats_a_higher_level_of_the_same_name() {
        let s = sections();
        let idx = SectionIndex::new(&s);
        assert_eq!(idx.resolve("时政要闻", None), Some(0));
        // 通知公告 is row 1's own name and row 5's own name: the unit decides, then order.
        assert_eq!(idx.resolve("通知公告", Some("民政局")), Some(1));
        assert_eq!(idx.resolve("通知公告", Some("财政局")), Some(1));
        assert_eq!(idx.resolve("通知公告", None), Some(1));
    }

    #[test]
    fn a_higher_level_name_goes_to_the_first_section_the_unit_answers_for() {
        let s = sections();
        let idx = SectionIndex::new(&s);
        assert_eq!(idx.resolve("政务动态", Some("民政局")), Some(1));
        assert_eq!(idx.resolve("政务动态", Some("政府办")), Some(0));
        assert_eq!(idx.resolve("政务动态", Some("财政局")), Some(0));
        assert_eq!(idx.resolve("重点领域公开", Some("住建局")), Some(4));
    }

    #[test]
    fn domains_resolve_by_canonical_name_alias_and_ordinal_form() {
        let s = sections();
        let idx = SectionIndex::new(&s);
        for name in ["社会救助", "社会求助领域", "(五)社会救助领域", "5.社会救助"]
        {
            assert_eq!(idx.resolve(name, Some("民政局")), Some(3), "{name}");
        }
        assert_eq!(idx.resolve("农村危房改造领域", None), Some(4));
        assert_eq!(idx.resolve("(十六)农村危房改造", None), Some(4));
    }

    #[test]
    fn written_paths_are_narrowed_by_their_upper_parts() {
        let s = sections();
        let idx = SectionIndex::new(&s);
        assert_eq!(idx.resolve("专题专栏/通知公告", Some("民政局")), Some(5));
        assert_eq!(idx.resolve("政务动态>通知公告", Some("政府办")), Some(1));
    }

    #[test]
    fn unknown_names_are_unresolved_with_close_suggestions() {
        let s = sections();
        let idx = SectionIndex::new(&s);
        assert_eq!(idx.resolve("工作动态", Some("民政局")), None);
        assert!(idx.suggest("工作动态").contains(&"部门动态".to_string()));
        assert_eq!(idx.resolve("", None), None);
    }
}
