//! The spellings close to an unknown unit name, found through an index of characters
//! instead of a comparison with every spelling: a units table of 300,000 rows holds about
//! a million spellings, and a CJK name shares 县 or 局 with most of them.
//!
//! Only a spelling with enough characters in common can be alike enough: an edit script
//! keeps at most the characters two names share, so Levenshtein ≥ longer length − shared
//! characters, and the normalised similarity ≤ shared ÷ longer length. A name inside the
//! other shares every character of the shorter one. Everything else is skipped unscored.

use std::collections::HashMap;

use super::units::similarity;

/// The least [`similarity`] worth suggesting.
const THRESHOLD: f64 = 0.34;

/// Slack for the bound's floating point: a spelling is skipped only when it is surely out.
const SLACK: f64 = 1e-9;

/// Reduced spellings with their units, and which spellings hold each character; laid
/// out flat (a million spellings are a few allocations, not a million).
#[derive(Debug, Clone, Default)]
pub(crate) struct Closest {
    /// The spellings end to end: spelling `s` ends at byte `ends[s]`, where `s − 1` ends.
    text: String,
    ends: Vec<usize>,
    /// Each spelling's length in characters.
    chars: Vec<u32>,
    /// Each spelling's unit.
    units: Vec<usize>,
    /// Character → the spellings holding it, once per occurrence, in spelling order.
    postings: HashMap<char, Vec<u32>>,
}

impl Closest {
    /// The index of `spellings`: (reduced spelling, unit index) pairs.
    pub(crate) fn new(spellings: Vec<(String, usize)>) -> Self {
        let mut index = Self {
            text: String::with_capacity(spellings.iter().map(|(s, _)| s.len()).sum()),
            ends: Vec::with_capacity(spellings.len()),
            chars: Vec::with_capacity(spellings.len()),
            units: Vec::with_capacity(spellings.len()),
            postings: HashMap::new(),
        };
        for (s, (spelling, unit)) in spellings.into_iter().enumerate() {
            let mut chars = 0;
            for c in spelling.chars() {
                // A table of over four billion spellings cannot be read into memory.
                index.postings.entry(c).or_default().push(s as u32);
                chars += 1;
            }
            index.text.push_str(&spelling);
            index.ends.push(index.text.len());
            index.chars.push(chars);
            index.units.push(unit);
        }
        index.postings.values_mut().for_each(Vec::shrink_to_fit);
        index
    }

    /// Spelling `s`.
    fn spelling(&self, s: usize) -> &str {
        let start = if s == 0 { 0 } else { self.ends[s - 1] };
        &self.text[start..self.ends[s]]
    }

    /// Every (similarity, unit) pair at least [`THRESHOLD`] alike to `key`, in no order.
    pub(crate) fn scored(&self, key: &str) -> Vec<(f64, usize)> {
        let key_chars = key.chars().count() as u32;
        if key_chars == 0 {
            // Nothing is shared with an empty key; compare it with every spelling.
            return self.keep(key, 0..self.units.len());
        }
        let mut shared = vec![0u32; self.units.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (c, n) in char_counts(key) {
            let holding = self.postings.get(&c).map_or(&[][..], Vec::as_slice);
            // A spelling holding `c` m times is listed m times in a row.
            for run in holding.chunk_by(|a, b| a == b) {
                let (s, m) = (run[0], run.len() as u32);
                let slot = &mut shared[s as usize];
                if *slot == 0 {
                    touched.push(s);
                }
                *slot += n.min(m);
            }
        }
        let plausible = touched.into_iter().map(|s| s as usize).filter(|&s| {
            let (chars, common) = (self.chars[s], shared[s]);
            let longer = key_chars.max(chars);
            common == key_chars.min(chars)
                || f64::from(common) / f64::from(longer) >= THRESHOLD - SLACK
        });
        self.keep(key, plausible)
    }

    fn keep(&self, key: &str, candidates: impl Iterator<Item = usize>) -> Vec<(f64, usize)> {
        candidates
            .map(|s| (similarity(key, self.spelling(s)), self.units[s]))
            .filter(|(s, _)| *s >= THRESHOLD)
            .collect()
    }
}

/// Each distinct character of `s` with how often it occurs.
fn char_counts(s: &str) -> Vec<(char, u32)> {
    let mut chars: Vec<char> = s.chars().collect();
    chars.sort_unstable();
    let mut counts: Vec<(char, u32)> = Vec::new();
    for c in chars {
        match counts.last_mut() {
            Some((last, n)) if *last == c => *n += 1,
            _ => counts.push((c, 1)),
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What the index must equal: every spelling scored.
    fn brute(spellings: &[(String, usize)], key: &str) -> Vec<(f64, usize)> {
        spellings
            .iter()
            .map(|(spelling, unit)| (similarity(key, spelling), *unit))
            .filter(|(s, _)| *s >= THRESHOLD)
            .collect()
    }

    fn sorted(mut v: Vec<(f64, usize)>) -> Vec<(f64, usize)> {
        v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        v
    }

    /// Names from few characters, so that they share many, as unit names do.
    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec!['县', '局', '镇', '民', '政', '青', '山', 'a']),
            0..9,
        )
        .prop_map(|c| c.into_iter().collect())
    }

    #[test]
    fn shared_characters_are_counted_with_repeats() {
        assert_eq!(char_counts("民政民"), [('政', 1), ('民', 2)]);
        let index = Closest::new(vec![("民政局".into(), 0), ("财政局".into(), 1)]);
        let found = sorted(index.scored("民政厅"));
        assert_eq!(found.iter().map(|f| f.1).collect::<Vec<_>>(), [0]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_index_scores_exactly_what_every_spelling_scored_would(
            spellings in proptest::collection::vec((name(), 0usize..20), 0..40),
            key in name(),
        ) {
            let index = Closest::new(spellings.clone());
            prop_assert_eq!(sorted(index.scored(&key)), sorted(brute(&spellings, &key)));
        }
    }
}
