//! Unit groups named in 保障单位 cells (`各乡镇`, `各单位`, `26个试点领域涉及单位`,
//! `有执法职权的单位` …): built-in meanings by unit category, overridden or extended by
//! `[groups]` in `zwgk.toml`, whose members are unit names or `类别:乡镇`.
//!
//! A group never expands to a guess: an undefined phrase is reported by the reader.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::model::Unit;
use crate::normalise::Resolver;
use crate::normalise::text::simplified;
use crate::problems::{Code, Problem};

/// The category the built-in town groups (各乡镇 …) select; 乡, 镇 and 街道 belong with it.
pub(crate) const TOWN: &str = "乡镇";

/// What a group phrase stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Meaning {
    /// Every unit of category 乡镇 (or 乡, 镇, 街道).
    Towns,
    /// Every department (category 部门, 县直部门 …): 各部门, 各单位, 县直各部门. 园区, 社区
    /// and 垂直管理 units are not departments: only `[groups]` puts them in a group.
    Departments,
    /// Every unit responsible for one of the 26 pilot domains.
    DomainUnits,
    /// A `[groups]` entry: named units (canonical) and categories.
    Members {
        units: Vec<String>,
        categories: Vec<String>,
    },
}

impl Meaning {
    /// Whether the group selects units by their 类别 (all but the domain units and a
    /// `[groups]` entry naming units only).
    pub(crate) fn by_category(&self) -> bool {
        match self {
            Self::Towns | Self::Departments => true,
            Self::DomainUnits => false,
            Self::Members { categories, .. } => !categories.is_empty(),
        }
    }
}

/// Built-in phrases, in group-key form (no spaces or brackets: 各乡(镇) → 各乡镇).
const BUILT_IN: &[(&[&str], Meaning)] = &[
    (
        &[
            "各乡镇",
            "各镇乡",
            "各乡镇人民政府",
            "各镇乡人民政府",
            "各乡镇政府",
            "各乡镇街道",
            "各镇乡街道",
            "各镇街",
            "各街道",
            "全县各乡镇",
            "各乡",
            "各镇",
        ],
        Meaning::Towns,
    ),
    (
        &[
            "各单位",
            "各部门",
            "县直各部门",
            "县直各单位",
            "各县直单位",
            "各县直部门",
            "县直部门",
            "县直单位",
            "市直各部门",
            "市直各单位",
            "县政府各部门",
            "县人民政府各部门",
        ],
        Meaning::Departments,
    ),
    (
        &[
            "26个试点领域涉及单位",
            "二十六个试点领域涉及单位",
            "试点领域涉及单位",
            "26个试点领域责任单位",
            "试点领域责任单位",
            "各试点领域责任单位",
        ],
        Meaning::DomainUnits,
    ),
];

/// The key a group phrase is compared by: simplified, no spaces, no brackets.
pub(crate) fn key(phrase: &str) -> String {
    simplified(phrase)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）'))
        .collect()
}

/// Whether a name that is no unit reads like a group phrase rather than a misspelt unit.
pub(crate) fn looks_like_group(key: &str) -> bool {
    const STARTS: &[&str] = &[
        "各", "相关", "有关", "其他", "其它", "涉及", "县直", "市直", "所有", "全体", "全县",
    ];
    const ENDS: &[&str] = &[
        "等单位",
        "的单位",
        "相关单位",
        "涉及单位",
        "责任单位",
        "等部门",
    ];
    STARTS.iter().any(|s| key.starts_with(s)) || ENDS.iter().any(|s| key.ends_with(s))
}

/// Whether a unit's category is `wanted`; 乡镇 also takes units classed 乡, 镇 or 街道.
pub(crate) fn category_matches(category: &str, wanted: &str) -> bool {
    let (c, w) = (simplified(category.trim()), simplified(wanted.trim()));
    c == w || (w == TOWN && matches!(c.as_str(), "乡" | "镇" | "街道" | "镇乡" | "乡镇街道"))
}

/// Whether a category is a department of the county's government (部门, 县直部门,
/// 执法部门, 县直单位): not a town, a park, a community or a vertically managed office.
fn is_department(category: &str) -> bool {
    let c = simplified(category.trim());
    !c.contains("垂直")
        && (c.ends_with("部门") || matches!(c.as_str(), "县直单位" | "市直单位" | "县直" | "市直"))
}

/// The groups of a workspace: built-in phrases and `[groups]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Groups {
    /// Configured phrases by key, which take precedence over the built-in ones.
    configured: HashMap<String, (String, Meaning)>,
}

impl Groups {
    /// The groups of `[groups]` in `zwgk.toml`, members resolved with `resolver`. A member
    /// that is neither a unit nor `类别:X` is reported (file `zwgk.toml`) and left out.
    pub(crate) fn new(
        config: &BTreeMap<String, Vec<String>>,
        resolver: &Resolver,
    ) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut configured = HashMap::new();
        for (phrase, members) in config {
            let (mut units, mut categories) = (Vec::new(), Vec::new());
            for member in members {
                let m = member.trim();
                let category = m
                    .strip_prefix("类别:")
                    .or_else(|| m.strip_prefix("类别："))
                    .map(str::trim);
                match (category, resolver.resolve(&key(m))) {
                    (Some(c), _) if !c.is_empty() => categories.push(c.to_string()),
                    (None, Some(unit)) => units.push(unit.to_string()),
                    _ => problems.push(Problem::new(
                        Code::BadGroupMember,
                        crate::config::FILE_NAME,
                        &[phrase, m],
                    )),
                }
            }
            let meaning = Meaning::Members { units, categories };
            configured.insert(key(phrase), (phrase.clone(), meaning));
        }
        let mut groups = Self { configured };
        groups.add_categories(resolver.units());
        (groups, problems)
    }

    /// `各园区`, `各社区` …: every category of the units table is a group of its own,
    /// unless a built-in phrase or `[groups]` already means something else by it.
    fn add_categories(&mut self, units: &[Unit]) {
        for category in units
            .iter()
            .map(|u| u.category.trim())
            .filter(|c| !c.is_empty())
        {
            let phrase = format!("各{category}");
            if self.meaning(&phrase).is_none() {
                let meaning = Meaning::Members {
                    units: Vec::new(),
                    categories: vec![category.to_string()],
                };
                self.configured.insert(key(&phrase), (phrase, meaning));
            }
        }
    }

    /// What a phrase (in any spelling) stands for, `[groups]` first; `None` when undefined.
    pub(crate) fn meaning(&self, phrase: &str) -> Option<&Meaning> {
        let k = key(phrase);
        if let Some((_, m)) = self.configured.get(&k) {
            return Some(m);
        }
        BUILT_IN
            .iter()
            .find(|(phrases, _)| phrases.contains(&k.as_str()))
            .map(|(_, m)| m)
    }

    /// The canonical units a meaning selects, in units-table order; `domain_units` are
    /// the units responsible for a pilot domain (for `DomainUnits`).
    pub(crate) fn expand(
        meaning: &Meaning,
        units: &[Unit],
        domain_units: &[Arc<str>],
    ) -> Vec<String> {
        // Looked up, not searched: a domain may be every unit of a large table.
        let domain: HashSet<&str> = match meaning {
            Meaning::DomainUnits => domain_units.iter().map(|u| &**u).collect(),
            _ => HashSet::new(),
        };
        // A table has few categories and may have a million units: each category is
        // judged once.
        let in_category = |category: &str| match meaning {
            Meaning::Towns => category_matches(category, TOWN),
            Meaning::Departments => is_department(category),
            Meaning::DomainUnits => false,
            Meaning::Members { categories, .. } => {
                categories.iter().any(|c| category_matches(category, c))
            }
        };
        let mut judged: HashMap<&str, bool> = HashMap::new();
        let mut selected = Vec::new();
        for u in units {
            let chosen = match meaning {
                Meaning::DomainUnits => domain.contains(u.name.as_str()),
                Meaning::Members { units: named, .. } if named.contains(&u.name) => true,
                _ => {
                    *(judged.entry(u.category.as_str())).or_insert_with(|| in_category(&u.category))
                }
            };
            if chosen {
                selected.push(u.name.clone());
            }
        }
        selected
    }

    /// Why a meaning selected no unit, for the `EmptyGroup` problem.
    pub(crate) fn why_empty(meaning: &Meaning) -> String {
        match meaning {
            Meaning::Towns => {
                "单位名称表中没有类别为“乡镇”的单位，请在单位名称表的类别列中填写".into()
            }
            Meaning::Departments => {
                "单位名称表中没有类别为“部门”的单位，请在单位名称表的类别列中填写".into()
            }
            Meaning::DomainUnits => "栏目表中没有任何试点领域的保障单位".into(),
            Meaning::Members { .. } => {
                "zwgk.toml 的 [groups] 中该组的成员都不在单位名称表中，请检查".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, category: &str) -> Unit {
        Unit {
            name: name.into(),
            aliases: vec![],
            category: category.into(),
        }
    }

    fn units() -> Vec<Unit> {
        vec![
            unit("政府办", "部门"),
            unit("卫健委", "部门"),
            unit("公安局", "执法部门"),
            unit("城关镇", "乡镇"),
            unit("瓦岗乡", "乡"),
            unit("东城街道", "街道"),
            unit("开发区", "园区"),
            unit("城东社区", "社区"),
            unit("税务局", "垂直管理"),
        ]
    }

    #[test]
    fn town_phrases_select_towns_and_subdistricts() {
        let g = Groups::default();
        for phrase in [
            "各乡镇",
            "各乡(镇)",
            "各乡（镇）",
            "各镇乡",
            "各乡(镇)人民政府",
            "各乡镇（街道）",
        ] {
            let m = g.meaning(phrase).unwrap_or_else(|| panic!("{phrase}"));
            assert_eq!(
                Groups::expand(m, &units(), &[]),
                ["城关镇", "瓦岗乡", "东城街道"],
                "{phrase}"
            );
        }
    }

    /// Seed 001 addresses 各镇乡, 各园区、社区管委会 and 县级各部门 apart: a park, a
    /// community or a vertically managed office is no department.
    #[test]
    fn department_phrases_select_departments_only() {
        let g = Groups::default();
        for phrase in ["各单位", "各部门", "县直各部门"] {
            let m = g.meaning(phrase).unwrap();
            assert_eq!(
                Groups::expand(m, &units(), &[]),
                ["政府办", "卫健委", "公安局"],
                "{phrase}"
            );
        }
    }

    #[test]
    fn domain_phrase_selects_the_domain_units() {
        let g = Groups::default();
        let m = g.meaning("26个试点领域涉及单位").unwrap();
        assert_eq!(*m, Meaning::DomainUnits);
        let domain_units = vec!["公安局".into(), "卫健委".into()];
        assert_eq!(
            Groups::expand(m, &units(), &domain_units),
            ["卫健委", "公安局"]
        );
    }

    #[test]
    fn configured_groups_take_names_and_categories_and_override_built_ins() {
        let (resolver, _) = Resolver::new(units(), "汤阴县");
        let config = BTreeMap::from([
            (
                "有执法职权的单位".to_string(),
                vec!["县卫健委".to_string(), "类别:执法部门".to_string()],
            ),
            ("各单位".to_string(), vec!["类别：部门".to_string()]),
            (
                "相关单位".to_string(),
                vec!["民政局".to_string(), "政府办".to_string()],
            ),
        ]);
        let (g, problems) = Groups::new(&config, &resolver);
        let m = g.meaning("有执法职权的单位").unwrap();
        assert_eq!(Groups::expand(m, &units(), &[]), ["卫健委", "公安局"]);
        let m = g.meaning("各单位").unwrap();
        assert_eq!(Groups::expand(m, &units(), &[]), ["政府办", "卫健委"]);
        assert_eq!(g.meaning("各部门"), Some(&Meaning::Departments));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::BadGroupMember);
        assert!(
            problems[0].message.contains("「民政局」"),
            "{}",
            problems[0]
        );
        assert_eq!(problems[0].file, "zwgk.toml");
    }

    #[test]
    fn phrases_nobody_defines_are_recognised_as_groups() {
        let g = Groups::default();
        for phrase in ["相关单位", "有执法职权的单位", "各有关单位"] {
            assert_eq!(g.meaning(phrase), None, "{phrase}");
            assert!(looks_like_group(&key(phrase)), "{phrase}");
        }
        assert!(!looks_like_group("民政厅"));
    }
}
