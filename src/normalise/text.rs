//! Text cleanup as polars expressions over whole columns (one Rust pass per value
//! inside each), the keys titles and links are compared by, and the name key used to
//! match unit and section names (繁→简).
//!
//! Every text cell: trim (ASCII, U+3000, NBSP, U+FEFF), full-width ASCII letters and
//! digits to half-width, inner whitespace collapsed; an empty result is null.

use std::borrow::Cow;

use polars::prelude::*;

/// The general cleanup every text cell gets.
pub fn clean(e: Expr) -> Expr {
    per_value(e, |s| clean_text(s, false))
}

/// Cleanup for names (units, sections): also drops inline pinyin `(xiāng)` and every space.
pub fn clean_name(e: Expr) -> Expr {
    per_value(e, |s| clean_text(s, true))
}

/// Applies `f` to each text of a column in one pass. Cleanup is one Rust loop over the
/// characters rather than a chain of regex expressions: on a million rows that is the
/// difference between a tenth of a second and two seconds.
fn per_value(e: Expr, f: fn(&str) -> Option<Cow<'_, str>>) -> Expr {
    e.map(
        move |c| {
            let cleaned = c.str()?.apply(|v| v.and_then(f));
            Ok(cleaned.into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// Trims, collapses and half-widens `text` (see the module docs); for a name also drops
/// pinyin and every space. `None` when nothing is left.
pub fn clean_text(text: &str, name: bool) -> Option<Cow<'_, str>> {
    let is_space = |c: char| c.is_whitespace() || c == '\u{FEFF}';
    let unchanged = !text.starts_with(is_space)
        && !text.ends_with(is_space)
        && !text.contains("  ")
        && !text.chars().any(|c| {
            half_width(c) != c
                || (is_space(c) && (name || c != ' '))
                || (name && matches!(c, '(' | '（'))
        });
    if unchanged {
        return (!text.is_empty()).then_some(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if is_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !name {
            out.push(' ');
        }
        space = false;
        out.push(half_width(c));
    }
    if name && out.contains(['(', '（']) {
        out = without_pinyin(&out);
    }
    (!out.is_empty()).then_some(Cow::Owned(out))
}

/// Full-width `０-９Ａ-Ｚａ-ｚ` as ASCII; every other character as it is.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// `text` without inline pinyin annotations after a character, as in seed 004:
/// `鄉(xiāng)鎮(zhèn)` → `鄉鎮`.
fn without_pinyin(text: &str) -> String {
    let pinyin = |c: char| c.is_ascii_alphabetic() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let opener = after.chars().next().map_or(1, char::len_utf8);
        match after[opener..].char_indices().find(|&(_, c)| !pinyin(c)) {
            Some((i, close)) if i > 0 && matches!(close, ')' | '）') => {
                rest = &after[opener + i + close.len_utf8()..];
            }
            _ => {
                out.push_str(&after[..opener]);
                rest = &after[opener..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The key a title is compared by for duplicates: no spaces or punctuation, ASCII lowercase.
pub fn title_key(e: Expr) -> Expr {
    e.str()
        .replace_all(lit(r"[\s\p{P}\p{S}]+"), lit(""), false)
        .str()
        .to_lowercase()
}

/// The key a link is compared by: no scheme, no `www.`, no trailing slash, lowercase.
pub fn link_key(e: Expr) -> Expr {
    e.str()
        .to_lowercase()
        .str()
        .replace(lit(r"^(https?://)?(www\.)?"), lit(""), false)
        .str()
        .strip_chars_end(lit("/"))
}

/// Traditional → simplified, for names that already went through `clean_name`.
pub fn simplified(name: &str) -> String {
    fast2s::convert(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(Expr) -> Expr, values: &[Option<&str>]) -> Vec<Option<String>> {
        let df = df!("x" => values).unwrap();
        let out = df
            .lazy()
            .select([f(col("x")).alias("x")])
            .collect()
            .unwrap();
        out.column("x")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    #[test]
    fn cells_are_trimmed_collapsed_and_halfwidth() {
        let got = run(
            clean,
            &[
                Some("\u{feff} 民政局\u{3000}"),
                Some("\u{a0}２４０条"),
                Some("ＡＢＣ  ｄｅｆ"),
                Some("  \u{3000} "),
                None,
            ],
        );
        let want = [Some("民政局"), Some("240条"), Some("ABC def"), None, None];
        assert_eq!(got, want.map(|s| s.map(str::to_string)));
    }

    #[test]
    fn unchanged_text_is_borrowed_and_pinyin_needs_letters_and_a_closing_bracket() {
        assert!(matches!(
            clean_text("民政局 通知", false),
            Some(Cow::Borrowed(_))
        ));
        assert_eq!(
            clean_text("民政局  通知", false).as_deref(),
            Some("民政局 通知")
        );
        assert_eq!(clean_text("(xiāng", true).as_deref(), Some("(xiāng"));
        assert_eq!(
            clean_text("镇()（12）", true).as_deref(),
            Some("镇()（12）")
        );
        assert_eq!(clean_text("镇（Ｚhèn）局", true).as_deref(), Some("镇局"));
        assert_eq!(clean_text(" \u{3000}", true), None);
    }

    #[test]
    fn names_lose_pinyin_and_spaces() {
        let got = run(
            clean_name,
            &[
                Some("卓筒井鎮(zhèn)"),
                Some("鄉(xiāng)鎮(zhèn)"),
                Some("大英县 民政局"),
            ],
        );
        assert_eq!(
            got,
            [
                Some("卓筒井鎮".into()),
                Some("鄉鎮".into()),
                Some("大英县民政局".into())
            ]
        );
        assert_eq!(simplified("蓬萊鎮"), "蓬莱镇");
    }

    #[test]
    fn titles_and_links_compare_by_key() {
        let got = run(
            title_key,
            &[Some("关于“春耕”工作的通知！"), Some("关于春耕工作的通知")],
        );
        assert_eq!(got[0], got[1]);
        let got = run(
            link_key,
            &[
                Some("HTTP://www.Daying.gov.cn/a/1/"),
                Some("daying.gov.cn/a/1"),
            ],
        );
        assert_eq!(got[0], got[1]);
    }
}
