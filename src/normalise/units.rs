//! Unit resolution: exact canonical name → alias → the same after stripping region
//! prefixes and generic suffix variants; otherwise unresolved, with the closest units
//! as a suggestion. A fuzzy match is only ever a suggestion, never a pick.
//!
//! Names reach the resolver already cleaned by `text::clean_name`; it runs over the
//! few distinct names of a run, never over every row.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::{Mutex, OnceLock, PoisonError};

use super::closest::Closest;
use super::text::simplified;
use crate::model::Unit;

/// Generic suffix variants, long form first, applied after region prefixes are stripped.
const SUFFIXES: &[(&str, &str)] = &[
    ("人民政府办公室", "政府办"),
    ("人民政府", ""),
    // A town's government, as its staff write it: 蓬莱镇政府.
    ("镇政府", "镇"),
    ("乡政府", "乡"),
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("办公室", "办"),
];

/// What a 填报单位 line adds after the name, for the seal: 汤阴县水利局（盖章）.
const SEALS: &[&str] = &["盖章", "单位盖章", "公章", "签章", "章"];

/// Finds the canonical unit for a spelling.
#[derive(Debug)]
pub(crate) struct Resolver {
    units: Vec<Unit>,
    /// Exact key (simplified name) → unit index.
    exact: HashMap<String, usize>,
    /// Reduced key (no region prefix, suffixes folded) → unit index; `None` when two units share it.
    reduced: HashMap<String, Option<usize>>,
    /// Region prefixes, longest first: 大英县, 大英, 县, 市.
    prefixes: Vec<String>,
    /// Every exact spelling reduced, indexed by character: what [`Resolver::suggest`]
    /// compares, built at the first unknown name (most runs have none).
    closest: OnceLock<Closest>,
    /// The units suggested for each reduced key so far: a misspelt name in many files, forms
    /// and tables is scored once.
    suggested: Mutex<HashMap<String, Vec<usize>>>,
}

/// The units a file's path names (see [`Resolver::in_path`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PathUnits<'r> {
    /// The unit its file name names.
    pub file: Option<&'r str>,
    /// The unit the innermost folder that names one names.
    pub folder: Option<&'r str>,
}

impl<'r> PathUnits<'r> {
    /// The unit the path names: its file name's, else its folder's.
    pub(crate) fn either(self) -> Option<&'r str> {
        self.file.or(self.folder)
    }
}

/// A spelling that names two different units in the units table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AmbiguousAlias {
    pub alias: String,
    pub first: String,
    pub second: String,
}

impl Resolver {
    /// Builds the resolver for `units` in the area `region` (the workspace name, such as 大英县).
    /// Returns the spellings that point to two units; those resolve to neither.
    pub(crate) fn new(units: Vec<Unit>, region: &str) -> (Self, Vec<AmbiguousAlias>) {
        let mut prefixes = vec![simplified(region)];
        if let Some(stem) = ["县", "市", "区", "州"]
            .iter()
            .find_map(|s| region.strip_suffix(s))
        {
            prefixes.push(simplified(stem));
        }
        prefixes.extend(["县", "市", "区"].map(String::from));
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        let mut resolver = Self {
            units,
            exact: HashMap::new(),
            reduced: HashMap::new(),
            prefixes,
            closest: OnceLock::new(),
            suggested: Mutex::default(),
        };
        let mut ambiguous = Vec::new();
        // Every unit's own name first: an alias spelling another unit's name never takes
        // that name from it (the units table reports such an alias, R005).
        let own: HashMap<String, usize> = (resolver.units.iter().enumerate())
            .map(|(i, u)| (simplified(&u.name), i))
            .collect();
        for i in 0..resolver.units.len() {
            let unit = &resolver.units[i];
            let aliases = (unit.aliases.iter().map(|a| simplified(a)))
                .filter(|a| own.get(a).is_none_or(|&j| j == i));
            let names: Vec<String> = std::iter::once(simplified(&unit.name))
                .chain(aliases)
                .collect();
            for name in names {
                if let Some(&j) = resolver.exact.get(&name).filter(|&&j| j != i) {
                    ambiguous.push(AmbiguousAlias {
                        alias: name.clone(),
                        first: resolver.units[j].name.clone(),
                        second: resolver.units[i].name.clone(),
                    });
                    continue;
                }
                resolver.exact.insert(name.clone(), i);
                let reduced = resolver.reduce(&name);
                let entry = resolver.reduced.entry(reduced).or_insert(Some(i));
                if *entry != Some(i) {
                    *entry = None;
                }
            }
        }
        for a in &ambiguous {
            resolver.exact.remove(&a.alias);
            let reduced = resolver.reduce(&a.alias);
            resolver.reduced.insert(reduced, None);
        }
        (resolver, ambiguous)
    }

    pub(crate) fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The units listed twice in effect: pairs whose names are the same once region
    /// prefixes and generic suffixes are dropped (民政局 and 大英县民政局). A spelling
    /// shared by both resolves to neither, and each is likely one unit written twice.
    pub(crate) fn twins(&self) -> Vec<(&str, &str)> {
        let mut first: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, u) in self.units.iter().enumerate() {
            match first.entry(self.reduce(&simplified(&u.name))) {
                Entry::Occupied(e) => {
                    out.push((self.units[*e.get()].name.as_str(), u.name.as_str()))
                }
                Entry::Vacant(e) => {
                    e.insert(i);
                }
            }
        }
        out
    }

    /// The canonical name for a cleaned spelling, or `None`.
    pub(crate) fn resolve(&self, name: &str) -> Option<&str> {
        let key = simplified(name);
        let found = self.exact.get(&key).copied().or_else(|| {
            let reduced = self.reduce(&key);
            self.reduced.get(&reduced).copied().flatten()
        });
        found.map(|i| self.units[i].name.as_str())
    }

    /// The unit whose known spellings are found inside `text` (a file stem or folder
    /// name), the longest where one holds another (县民政局 over 民政局); `None` when
    /// it names two units side by side (财政局民政局联合): a file is not guessed to be
    /// one of them. Every substring of the short text is looked up, rather than every
    /// spelling searched for: a province has thousands of spellings and thousands of
    /// files.
    pub(crate) fn find_in(&self, text: &str) -> Option<&str> {
        let text = simplified(text);
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        // Every spelling found: (start, end) in bytes, and its unit.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (a, &start) in bounds.iter().enumerate() {
            for &end in bounds[a..].iter().skip(2) {
                if let Some(&i) = self.exact.get(&text[start..end]) {
                    found.push((start, end, i));
                }
            }
        }
        // Those no longer spelling holds are what the text names.
        let held = |&(s, e, _): &(usize, usize, usize)| {
            (found.iter()).any(|&(s2, e2, _)| s2 <= s && e <= e2 && (s2, e2) != (s, e))
        };
        let named: Vec<usize> = found.iter().filter(|f| !held(f)).map(|f| f.2).collect();
        match named.split_first() {
            Some((&first, rest)) if rest.iter().all(|&i| i == first) => {
                Some(self.units[first].name.as_str())
            }
            _ => None,
        }
    }

    /// The units a file's path names: in its stem (`民政局-2018年4月.xlsx`), and in its
    /// folders from the innermost out (`inbox/民政局/4月.xlsx`).
    pub(crate) fn in_path(&self, path: &str) -> PathUnits<'_> {
        let path = std::path::Path::new(path);
        let stem = path.file_stem().map(|s| s.to_string_lossy());
        let mut folders = path.parent().into_iter().flat_map(|p| p.iter().rev());
        PathUnits {
            file: stem.and_then(|s| self.find_in(&s)),
            folder: folders.find_map(|f| self.find_in(&f.to_string_lossy())),
        }
    }

    /// Who sent a table, from what its file says besides its rows: the `填报单位：` line
    /// (`meta`, as written), then the file name, then the nearest folder that names a unit.
    /// Sources that name different units make a conflict, never a pick.
    pub(crate) fn sender(&self, meta: Option<&str>, path: &str) -> Sender {
        let written = meta
            .and_then(|m| super::text::clean_text(m, true))
            .map(|m| m.into_owned());
        let named = self.in_path(path);
        let sources = [
            (
                written.as_deref().and_then(|m| self.resolve(m)),
                "填报单位行",
            ),
            (named.file, "文件名"),
            (named.folder, "文件夹"),
        ];
        let found: Vec<(&str, &str)> = sources
            .into_iter()
            .filter_map(|(unit, source)| Some((unit?, source)))
            .collect();
        match found.iter().find(|(u, _)| *u != found[0].0) {
            Some((other, source)) => Sender::Conflict(format!(
                "{}为「{}」，{source}为「{other}」",
                found[0].1, found[0].0
            )),
            None => found.first().map_or(Sender::Unknown(written), |(u, _)| {
                Sender::Unit(u.to_string())
            }),
        }
    }

    /// Up to three canonical names closest to an unresolved spelling, best first.
    pub(crate) fn suggest(&self, name: &str) -> Vec<&str> {
        let key = self.reduce(&simplified(name));
        // A poisoned lock only means another thread panicked between two whole entries.
        let mut suggested = self
            .suggested
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let units = (suggested.entry(key)).or_insert_with_key(|key| self.closest_units(key));
        units.iter().map(|&i| self.units[i].name.as_str()).collect()
    }

    /// Up to three units closest to a reduced key, best first.
    fn closest_units(&self, key: &str) -> Vec<usize> {
        let closest = self.closest.get_or_init(|| {
            let spellings = self.exact.iter();
            Closest::new(spellings.map(|(s, &i)| (self.reduce(s), i)).collect())
        });
        let mut scored = closest.scored(key);
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<usize> = Vec::new();
        for (_, i) in scored {
            if !out
                .iter()
                .any(|&j| self.units[j].name == self.units[i].name)
            {
                out.push(i);
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    /// `最接近的单位：A、B、C` for an unresolved spelling, when anything is close.
    pub(crate) fn suggestion(&self, name: &str) -> Option<String> {
        let close = self.suggest(name);
        (!close.is_empty()).then(|| format!("最接近的单位：{}", close.join("、")))
    }

    /// Strips a seal mark, the province, city or prefecture before the county
    /// (安阳市汤阴县民政局, 黔东南苗族侗族自治州台江县民政局) and region prefixes, and folds
    /// generic suffix variants.
    fn reduce(&self, key: &str) -> String {
        let mut s = key;
        // Its brackets are half-width (see `simplified`).
        let sealed = (s.strip_suffix(')'))
            .and_then(|rest| rest.rsplit_once('('))
            .filter(|(_, mark)| SEALS.contains(mark));
        if let Some((name, _)) = sealed {
            s = name.trim_end();
        }
        if let Some(at) = self
            .prefixes
            .first()
            .and_then(|region| s.find(region.as_str()))
            && at > 0
            && s[..at].ends_with(['市', '省', '州', '盟'])
            && s[..at].chars().count() <= 16
        {
            s = &s[at..];
        }
        while let Some(rest) = self
            .prefixes
            .iter()
            .find_map(|p| s.strip_prefix(p.as_str()))
        {
            if rest.chars().count() < 2 {
                break;
            }
            s = rest;
        }
        let mut s = s.to_string();
        for (long, short) in SUFFIXES {
            if let Some(stem) = s.strip_suffix(long).filter(|stem| !stem.is_empty()) {
                s = format!("{stem}{short}");
                break;
            }
        }
        s
    }
}

/// The unit a file names besides its rows (see [`Resolver::sender`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sender {
    /// The one unit the sources name.
    Unit(String),
    /// The sources disagree; a sentence saying how.
    Conflict(String),
    /// None names a known unit; the `填报单位：` line as written, where there is one.
    Unknown(Option<String>),
}

/// How alike two names are, 0 to 1; one inside the other counts as fairly alike.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let base = strsim::normalized_levenshtein(a, b);
    if !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a)) {
        base.max(0.6)
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn unit(name: &str, aliases: &[&str]) -> Unit {
        Unit {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            category: String::new(),
        }
    }

    fn resolver() -> Resolver {
        let units = vec![
            unit("政府办", &["县政府办公室", "大英县人民政府办公室"]),
            unit("发改局", &["县发改委", "发展改革局"]),
            unit("民政局", &[]),
            unit("蓬莱镇", &[]),
            unit("财政局", &[]),
            unit("乡村振兴局(生态移民局)", &[]),
        ];
        Resolver::new(units, "大英县").0
    }

    #[test]
    fn resolves_canonical_alias_prefix_and_suffix_forms() {
        let r = resolver();
        for (spelling, want) in [
            ("民政局", "民政局"),
            ("县发改委", "发改局"),
            ("大英县民政局", "民政局"),
            ("县民政局", "民政局"),
            ("蓬萊鎮", "蓬莱镇"),
            ("蓬莱镇人民政府", "蓬莱镇"),
            ("大英县蓬莱镇人民政府", "蓬莱镇"),
            ("蓬莱镇政府", "蓬莱镇"),
            ("大英县蓬莱镇政府", "蓬莱镇"),
            ("大英县政府办公室", "政府办"),
            // A seal mark after the name, and the city before the county.
            ("大英县民政局（盖章）", "民政局"),
            ("大英县民政局(盖章)", "民政局"),
            ("遂宁市大英县民政局", "民政局"),
            ("四川省遂宁市大英县民政局", "民政局"),
            ("大英县民政局（单位盖章）", "民政局"),
            // Brackets full-width or not.
            ("乡村振兴局（生态移民局）", "乡村振兴局(生态移民局)"),
            ("乡村振兴局(生态移民局)", "乡村振兴局(生态移民局)"),
        ] {
            assert_eq!(r.resolve(spelling), Some(want), "{spelling}");
        }
    }

    #[test]
    fn the_province_city_or_prefecture_before_the_county_is_stripped() {
        let (r, _) = Resolver::new(vec![unit("民政局", &[])], "台江县");
        for spelling in [
            "黔东南州台江县民政局",
            "黔东南苗族侗族自治州台江县民政局",
            "贵州省黔东南苗族侗族自治州台江县民政局",
        ] {
            assert_eq!(r.resolve(spelling), Some("民政局"), "{spelling}");
        }
        // Another county's, or the city's own: no unit of this one.
        assert_eq!(r.resolve("黔东南州民政局"), None);
        assert_eq!(r.resolve("黔东南州雷山县民政局"), None);
    }

    #[test]
    fn units_listed_twice_under_a_region_prefix_are_twins() {
        let units = vec![
            unit("民政局", &[]),
            unit("财政局", &[]),
            unit("大英县民政局", &[]),
        ];
        let (r, _) = Resolver::new(units, "大英县");
        assert_eq!(r.twins(), [("民政局", "大英县民政局")]);
        assert!(resolver().twins().is_empty());
    }

    #[test]
    fn unknown_names_get_suggestions_not_picks() {
        let r = resolver();
        assert_eq!(r.resolve("民政厅"), None);
        assert_eq!(r.suggest("民政厅").first(), Some(&"民政局"));
        assert_eq!(r.resolve("县老干局"), None);
    }

    #[test]
    fn file_names_are_searched_for_the_longest_name() {
        let r = resolver();
        assert_eq!(r.find_in("大英县民政局-2018年4月"), Some("民政局"));
        assert_eq!(r.find_in("县发改委2018年4月信息公开明细"), Some("发改局"));
        assert_eq!(r.find_in("报送表"), None);
        // Two units side by side: neither is guessed.
        assert_eq!(r.find_in("财政局民政局联合-2018年4月"), None);
        assert_eq!(r.find_in("民政局-民政局补报"), Some("民政局"));
    }

    #[test]
    fn an_alias_of_two_units_is_reported_and_resolves_to_neither() {
        let (r, ambiguous) = Resolver::new(
            vec![unit("民政局", &["民政"]), unit("财政局", &["民政"])],
            "大英县",
        );
        assert_eq!(ambiguous.len(), 1);
        assert_eq!(ambiguous[0].alias, "民政");
        assert_eq!(r.resolve("民政"), None);
    }

    #[test]
    fn an_alias_spelling_another_units_name_never_takes_that_name() {
        for units in [
            vec![unit("交运局", &[]), unit("水利局", &["交运局"])],
            vec![unit("水利局", &["交運局"]), unit("交运局", &[])],
        ] {
            let (r, ambiguous) = Resolver::new(units, "大英县");
            assert!(ambiguous.is_empty(), "{ambiguous:?}");
            assert_eq!(r.resolve("交运局"), Some("交运局"));
            assert_eq!(r.resolve("水利局"), Some("水利局"));
        }
    }

    /// The suggestion as it was first written: every spelling scored.
    fn suggest_by_brute_force<'r>(r: &'r Resolver, name: &str) -> Vec<&'r str> {
        let key = r.reduce(&simplified(name));
        let mut scored: Vec<(f64, usize)> = (r.exact.iter())
            .map(|(spelling, &i)| (similarity(&key, &r.reduce(spelling)), i))
            .filter(|(s, _)| *s >= 0.34)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<&str> = Vec::new();
        for (_, i) in scored {
            let n = r.units[i].name.as_str();
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out.truncate(3);
        out
    }

    /// Unit-like names from a few syllables, so that they share characters as real ones do.
    fn name() -> impl Strategy<Value = String> {
        let parts = [
            "大英县",
            "县",
            "民政",
            "财政",
            "局",
            "镇",
            "人民政府",
            "办公室",
            "蓬莱",
            "卓筒",
        ];
        proptest::collection::vec(proptest::sample::select(parts.to_vec()), 1..5)
            .prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn suggestions_through_the_index_are_those_of_every_spelling_scored(
            table in proptest::collection::vec((name(), proptest::collection::vec(name(), 0..3)), 1..30),
            unknown in proptest::collection::vec(name(), 1..6),
        ) {
            let units: Vec<Unit> = (table.iter().enumerate())
                .map(|(i, (n, aliases))| Unit {
                    name: format!("{n}{i}"),
                    aliases: aliases.clone(),
                    category: String::new(),
                })
                .collect();
            let (r, _) = Resolver::new(units, "大英县");
            // Asked twice: the second answer comes from what the first worked out.
            for name in unknown.iter().chain(&unknown) {
                prop_assert_eq!(r.suggest(name), suggest_by_brute_force(&r, name));
            }
        }
    }

    #[test]
    fn a_path_names_a_unit_in_its_file_name_and_in_its_innermost_folder() {
        let (r, _) = Resolver::new(vec![unit("民政局", &[]), unit("审计局", &[])], "大英县");
        let named = r.in_path("inbox/审计局/民政局-补报.xlsx");
        assert_eq!((named.file, named.folder), (Some("民政局"), Some("审计局")));
        assert_eq!(named.either(), Some("民政局"));
        assert_eq!(r.in_path("inbox/审计局/补报.xlsx").either(), Some("审计局"));
        assert_eq!(r.in_path("inbox/补报.xlsx"), PathUnits::default());
    }
}
