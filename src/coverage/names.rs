//! Section and domain names reduced to the key they are compared by (DESIGN.md
//! "Normalisation"): no ordinal prefix (`(五)`, `（十二）`, `5.`, `一、`), no suffix 领域
//! or 栏目, simplified characters, and known typos mapped through the domain aliases.
//!
//! Names reach here already cleaned by `normalise::text::clean_name` (no spaces, no pinyin).

use crate::normalise::text::simplified;

use super::domains;

/// Chinese numerals that make up an ordinal such as 十二 or 二十六.
const NUMERALS: &str = "一二三四五六七八九十百零〇两";

/// Marks that close a bare ordinal: `5.`, `一、`, `3)`.
const CLOSERS: &str = ".．、,，:：)）";

/// The key a section or domain name is compared by.
pub(crate) fn key(name: &str) -> String {
    let s: String = simplified(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = strip_ordinals(&s).to_string();
    for suffix in ["栏目", "领域"] {
        if let Some(stem) = s.strip_suffix(suffix).filter(|stem| !stem.is_empty()) {
            s = stem.to_string();
        }
    }
    match domains::by_key(&s) {
        Some(domain) => domain.name.to_string(),
        None => s,
    }
}

/// `name` without its leading ordinal markers, as many as there are (`一、(五)`).
pub(crate) fn strip_ordinals(name: &str) -> &str {
    let mut s = name;
    while let Some(rest) = strip_one(s).filter(|r| !r.is_empty()) {
        s = rest;
    }
    s
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || NUMERALS.contains(c)
}

/// One ordinal: `(五)`, `（十二）`, `5.`, `一、`, `①`, `第三、`.
fn strip_one(s: &str) -> Option<&str> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if ('①'..='⑳').contains(&first) {
        return Some(&s[first.len_utf8()..]);
    }
    let bracketed = matches!(first, '(' | '（');
    if bracketed {
        chars.next();
    }
    if !bracketed && first == '第' {
        chars.next();
    }
    let mut digits = 0;
    while let Some(&(_, c)) = chars.peek() {
        if !is_numeral(c) {
            break;
        }
        digits += 1;
        chars.next();
    }
    let (i, close) = chars.next()?;
    let closes = if bracketed {
        matches!(close, ')' | '）')
    } else {
        CLOSERS.contains(close)
    };
    (digits > 0 && digits <= 4 && closes).then(|| &s[i + close.len_utf8()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn stripping_ordinals_keeps_a_non_empty_tail_of_any_name(
            name in "[(（]?[一二十0-9a-z.、)）栏目领域社会救助 ]{0,12}"
        ) {
            let stripped = strip_ordinals(&name);
            prop_assert!(name.ends_with(stripped));
            prop_assert!(stripped.is_empty() == name.is_empty());
            let _ = key(&name);
        }
    }

    #[test]
    fn ordinals_and_the_domain_suffix_are_stripped() {
        for (written, want) in [
            ("(五)社会救助领域", "社会救助"),
            ("（十二）农村集体土地征收", "农村集体土地征收"),
            ("(二十六)扶贫领域", "扶贫"),
            ("5.养老服务", "养老服务"),
            ("一、政务动态", "政务动态"),
            ("12、通知公告栏目", "通知公告"),
            ("①就业领域", "就业"),
            ("一、(三)义务教育", "义务教育"),
        ] {
            assert_eq!(key(written), want, "{written}");
        }
    }

    #[test]
    fn names_that_merely_start_with_a_numeral_keep_it() {
        for name in [
            "十方面实事",
            "六稳六保",
            "26个试点领域涉及单位",
            "2020年专题",
            "领域",
        ] {
            assert_eq!(key(name), name);
        }
    }

    #[test]
    fn typos_and_short_forms_go_through_the_domain_aliases() {
        assert_eq!(key("社会求助"), "社会救助");
        assert_eq!(key("(二十三)救灾生产领域"), "救灾");
        assert_eq!(key("(十四)保障住房领域"), "保障性住房");
        assert_eq!(key("危房改造"), "农村危房改造");
        assert_eq!(key("社會救助"), "社会救助");
    }
}
