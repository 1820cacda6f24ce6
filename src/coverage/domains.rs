//! The 26 pilot domains (试点领域) of 国办发〔2019〕54号, in their official order, with the
//! other spellings real notices use: short forms (保障住房, 危房改造), the typos of seed
//! 002 (社会求助, 救灾生产), the names of the 重点领域 before 2019 that are the same
//! domain (seed 001's 重点领域/医疗卫生, 教育, 食品药品安全), and the local names of a
//! domain (城管执法, 住房保障, 环保). No spelling could mean two of the 26 domains. A
//! domain is a kind of section.

/// One pilot domain: its canonical name and other spellings, all without the suffix 领域.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Domain {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

const fn d(name: &'static str, aliases: &'static [&'static str]) -> Domain {
    Domain { name, aliases }
}

/// The 26 domains, numbered (一) to (二十六) as in the State Council list.
pub(crate) const DOMAINS: [Domain; 26] = [
    d("重大建设项目", &["重大建设项目批准和实施"]),
    d("公共资源交易", &[]),
    d("义务教育", &["教育"]),
    d("户籍管理", &["户籍"]),
    d("社会救助", &["社会求助"]),
    d("养老服务", &[]),
    d("公共法律服务", &[]),
    d("财政预决算", &["预决算"]),
    d("就业", &["就业服务"]),
    d("社会保险", &["社保"]),
    d("城乡规划", &[]),
    d("农村集体土地征收", &["集体土地征收"]),
    d("生态环境", &["环境保护", "环保"]),
    d("保障性住房", &["保障住房", "住房保障", "保障性安居工程"]),
    d(
        "国有土地上房屋征收与补偿",
        &[
            "国有土地上房屋征收",
            "国有土地房屋征收与补偿",
            "房屋征收与补偿",
        ],
    ),
    d("农村危房改造", &["危房改造"]),
    d("市政服务", &[]),
    d(
        "城市综合执法",
        &["城市管理综合执法", "城管执法", "城市管理执法", "综合执法"],
    ),
    d("涉农补贴", &[]),
    d("公共文化服务", &["公共文化"]),
    d("卫生健康", &["卫生计生", "医疗卫生", "卫健"]),
    d("安全生产", &[]),
    d("救灾", &["救灾生产"]),
    d("食品药品监管", &["食品药品监督管理", "食品药品安全"]),
    d("税收管理", &[]),
    d("扶贫", &["脱贫攻坚", "扶贫脱贫"]),
];

/// Spellings that name their domain only as a whole name (a 领域 cell, a sheet so
/// named): inside a longer text they are part of another name — 教育局, 学前教育,
/// 农业综合执法 — which is none of the 26 domains.
pub(crate) const WHOLE_ONLY: [&str; 2] = ["教育", "综合执法"];

impl Domain {
    /// Its canonical name, then its other spellings.
    pub(crate) fn spellings(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name).chain(self.aliases.iter().copied())
    }
}

/// The domain a name key (see `names::key`, before alias mapping) stands for.
pub(crate) fn by_key(key: &str) -> Option<&'static Domain> {
    DOMAINS
        .iter()
        .find(|d| d.name == key || d.aliases.contains(&key))
}

/// How alike a name must be to a domain's spelling to be suggested as that domain.
const CLOSE: f64 = 0.34;

/// How alike `key` is to the closest spelling of `domain`, from 0 to 1.
fn likeness(key: &str, domain: &Domain) -> f64 {
    (domain.spellings())
        .map(|n| strsim::normalized_levenshtein(key, n))
        .fold(0.0, f64::max)
}

/// Up to three domain names closest to an unknown one, best first.
pub(crate) fn closest(key: &str) -> Vec<&'static str> {
    let mut scored: Vec<(f64, &'static str)> = DOMAINS
        .iter()
        .map(|d| (likeness(key, d), d.name))
        .filter(|(s, _)| *s >= CLOSE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// The domain closest to how `phrase` ends (赤壁市城市管理 → 城市综合执法): the best of
/// its endings of two characters or more, so that a place or a unit named before the
/// domain's name does not count against it; the first in order where two are as close.
pub(crate) fn closest_at_end(phrase: &str) -> Option<&'static str> {
    let starts: Vec<usize> = phrase.char_indices().map(|(i, _)| i).collect();
    let endings = || (starts.iter().rev().skip(1)).map(|&i| &phrase[i..]);
    let mut best: Option<(f64, &'static str)> = None;
    for d in &DOMAINS {
        let score = endings().map(|e| likeness(e, d)).fold(0.0, f64::max);
        if score >= CLOSE && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, d.name));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn twenty_six_distinct_domains_and_no_alias_twice() {
        let mut seen = HashSet::new();
        for d in &DOMAINS {
            assert!(seen.insert(d.name), "{}", d.name);
            for a in d.aliases {
                assert!(seen.insert(a), "{a}");
            }
        }
        assert_eq!(DOMAINS.len(), 26);
    }

    #[test]
    fn a_county_s_own_spelling_of_a_domain_is_that_domain() {
        // 大英县's sections table (seed 001): 重点领域/扶贫脱贫.
        assert_eq!(by_key("扶贫脱贫").map(|d| d.name), Some("扶贫"));
        assert_eq!(by_key("脱贫攻坚").map(|d| d.name), Some("扶贫"));
    }

    #[test]
    fn closest_domains_suggest_the_likely_one() {
        assert_eq!(closest("社会救济").first(), Some(&"社会救助"));
        assert!(closest("散煤清零").is_empty());
    }

    #[test]
    fn a_local_name_of_a_domain_is_that_domain() {
        for name in ["城管执法", "城市管理执法", "综合执法", "城市管理综合执法"]
        {
            assert_eq!(by_key(name).map(|d| d.name), Some("城市综合执法"), "{name}");
        }
        assert_eq!(by_key("住房保障").map(|d| d.name), Some("保障性住房"));
        assert_eq!(by_key("环保").map(|d| d.name), Some("生态环境"));
        for whole in WHOLE_ONLY {
            assert!(
                DOMAINS.iter().any(|d| d.aliases.contains(&whole)),
                "{whole}"
            );
        }
    }

    #[test]
    fn the_domain_closest_to_how_a_phrase_ends_is_suggested() {
        assert_eq!(closest_at_end("赤壁市城市管理"), Some("城市综合执法"));
        assert_eq!(closest_at_end("城市管理"), Some("城市综合执法"));
        assert_eq!(closest_at_end("赤壁市社会救济"), Some("社会救助"));
        assert_eq!(closest_at_end("散煤清零"), None);
        assert_eq!(closest_at_end("城"), None);
    }
}
